// SPDX-License-Identifier: GPL-3.0-or-later
/* test-pinyin.c — name search keys through ICU (张三 ← "zhangsan", "zs") */
#include "civ-pinyin.h"

static void
expect (CivPinyin *py, const char *name, const char *full, const char *initials)
{
  g_autofree char *f = NULL;
  g_autofree char *i = NULL;

  g_assert_true (civ_pinyin_name (py, name, &f, &i));
  g_assert_cmpstr (f, ==, full);
  g_assert_cmpstr (i, ==, initials);
}

static void
test_names (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivPinyin) py = civ_pinyin_new (&error);

  g_assert_no_error (error);
  expect (py, "张三", "zhangsan", "zs");
  expect (py, "欧阳娜娜", "ouyangnana", "oynn");
  /* Surname readings, not the common reading of the character. */
  expect (py, "单雄信", "shanxiongxin", "sxx");
  expect (py, "曾国藩", "zengguofan", "zgf");
  /* ü loses its dots in ASCII. */
  expect (py, "吕布", "lubu", "lb");
  /* Latin names pass through, lower-cased. */
  expect (py, "Anna Smith", "annasmith", "as");
  g_assert_false (civ_pinyin_name (py, "\xff\xfe", NULL, NULL));
}

static void
test_query (void)
{
  g_autofree char *q = civ_pinyin_normalize_query (" Zhang San' ");
  g_assert_cmpstr (q, ==, "zhangsan");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/domain/pinyin/names", test_names);
  g_test_add_func ("/domain/pinyin/query", test_query);
  return g_test_run ();
}
