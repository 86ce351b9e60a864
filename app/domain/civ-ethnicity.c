// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-ethnicity.c — GB/T 3304-1991 ethnic-group codes */
#include "civ-ethnicity.h"

#include <string.h>

/* Position i holds code i + 1, 01…56. */
static const char *const names[] = {
  "汉族",     "蒙古族",   "回族",       "藏族",     "维吾尔族",   "苗族",   "彝族",     "壮族",
  "布依族",   "朝鲜族",   "满族",       "侗族",     "瑶族",       "白族",   "土家族",   "哈尼族",
  "哈萨克族", "傣族",     "黎族",       "傈僳族",   "佤族",       "畲族",   "高山族",   "拉祜族",
  "水族",     "东乡族",   "纳西族",     "景颇族",   "柯尔克孜族", "土族",   "达斡尔族", "仫佬族",
  "羌族",     "布朗族",   "撒拉族",     "毛南族",   "仡佬族",     "锡伯族", "阿昌族",   "普米族",
  "塔吉克族", "怒族",     "乌孜别克族", "俄罗斯族", "鄂温克族",   "德昂族", "保安族",   "裕固族",
  "京族",     "塔塔尔族", "独龙族",     "鄂伦春族", "赫哲族",     "门巴族", "珞巴族",   "基诺族",
};

static const char other[] = "其他";
static const char foreign[] = "外国血统中国籍人士";

const char *
civ_ethnicity_name (const char *code)
{
  int n;

  if (code == NULL || strlen (code) != 2 || !g_ascii_isdigit (code[0]) ||
      !g_ascii_isdigit (code[1]))
    return NULL;
  n = (code[0] - '0') * 10 + (code[1] - '0');
  if (n >= 1 && n <= (int) G_N_ELEMENTS (names))
    return names[n - 1];
  if (n == 97)
    return other;
  if (n == 98)
    return foreign;
  return NULL;
}

const char *
civ_ethnicity_code (const char *name)
{
  static const char *const codes[] = {
    "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14",
    "15", "16", "17", "18", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28",
    "29", "30", "31", "32", "33", "34", "35", "36", "37", "38", "39", "40", "41", "42",
    "43", "44", "45", "46", "47", "48", "49", "50", "51", "52", "53", "54", "55", "56",
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (codes) == G_N_ELEMENTS (names));
  if (name == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (name, names[i]) == 0)
      return codes[i];
  if (strcmp (name, other) == 0)
    return "97";
  if (strcmp (name, foreign) == 0)
    return "98";
  return NULL;
}
