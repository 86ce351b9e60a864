// SPDX-License-Identifier: GPL-3.0-or-later
/* test-ethnicity.c — GB/T 3304-1991 codes: the first, the last, the two
 * codes outside 01–56, and what is not a code */
#include "civ-ethnicity.h"

static void
test_codes (void)
{
  g_assert_cmpstr (civ_ethnicity_name ("01"), ==, "汉族");
  g_assert_cmpstr (civ_ethnicity_name ("03"), ==, "回族");
  g_assert_cmpstr (civ_ethnicity_name ("10"), ==, "朝鲜族");
  g_assert_cmpstr (civ_ethnicity_name ("29"), ==, "柯尔克孜族");
  g_assert_cmpstr (civ_ethnicity_name ("56"), ==, "基诺族");
  g_assert_cmpstr (civ_ethnicity_name ("97"), ==, "其他");
  g_assert_cmpstr (civ_ethnicity_name ("98"), ==, "外国血统中国籍人士");
  g_assert_null (civ_ethnicity_name ("00"));
  g_assert_null (civ_ethnicity_name ("57"));
  g_assert_null (civ_ethnicity_name ("1"));
  g_assert_null (civ_ethnicity_name ("001"));
  g_assert_null (civ_ethnicity_name ("0a"));
  g_assert_null (civ_ethnicity_name (NULL));
  /* Every code and its name, both ways. */
  for (int i = 1; i <= 56; i++)
    {
      char code[3];

      g_snprintf (code, sizeof code, "%02d", i);
      g_assert_nonnull (civ_ethnicity_name (code));
      g_assert_cmpstr (civ_ethnicity_code (civ_ethnicity_name (code)), ==, code);
    }
  g_assert_cmpstr (civ_ethnicity_code ("其他"), ==, "97");
  g_assert_null (civ_ethnicity_code ("汉"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/domain/ethnicity/codes", test_codes);
  return g_test_run ();
}
