// SPDX-License-Identifier: GPL-3.0-or-later
/* test-code-table.c — the code tables of resources/codes (civ-code-table.h):
 * the GB/T 2261.2 and GB/T 3304 tables of the build, and what a table file
 * may not hold */
#include <string.h>

#include "civ-app-error.h"
#include "civ-code-table.h"
#include "civ-marriage-rules.h"
#include "civ-states.h"

static CivCodeTable *
parse (const char *text, GError **error)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, strlen (text));

  return civ_code_table_new_from_bytes (bytes, error);
}

static void
test_marital_status (void)
{
  static const int codes[] = { 10, 20, 21, 22, 23, 30, 40, 90 };
  CivCodeTable    *table = civ_code_table_get (CIV_CODES_GBT_2261_2);

  g_assert_cmpuint (civ_code_table_get_n_codes (table), ==, G_N_ELEMENTS (codes));
  /* The table and the codes the program decides on are the same. */
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_assert_true (civ_marital_status_is_known (codes[i]));
      g_assert_nonnull (civ_marital_status_name (codes[i]));
      g_assert_cmpint (civ_marital_status_code (civ_marital_status_name (codes[i])), ==, codes[i]);
    }
  g_assert_cmpstr (civ_marital_status_name (10), ==, "未婚");
  g_assert_cmpstr (civ_marital_status_name (23), ==, "复婚");
  g_assert_cmpstr (civ_marital_status_name (30), ==, "丧偶");
  g_assert_cmpstr (civ_marital_status_name (40), ==, "离婚");
  g_assert_null (civ_marital_status_name (0));
  g_assert_null (civ_marital_status_name (9));
  g_assert_null (civ_marital_status_name (99));
  g_assert_null (civ_marital_status_name (-10));
  g_assert_null (civ_marital_status_name (1000));
  g_assert_cmpint (civ_marital_status_code ("未说明"), ==, 90);
  g_assert_cmpint (civ_marital_status_code ("单身"), ==, 0);
  g_assert_cmpint (civ_marital_status_code (NULL), ==, 0);
}

static void
test_ethnic_groups (void)
{
  CivCodeTable *table = civ_code_table_get (CIV_CODES_GBT_3304);

  g_assert_cmpuint (civ_code_table_get_n_codes (table), ==, 58);
  g_assert_cmpstr (civ_code_table_get_code (table, 0), ==, "01");
  g_assert_cmpstr (civ_code_table_get_code (table, 55), ==, "56");
  g_assert_cmpstr (civ_code_table_get_code (table, 57), ==, "98");
  g_assert_null (civ_code_table_get_code (table, 58));
  /* Parsed once. */
  g_assert_true (civ_code_table_get (CIV_CODES_GBT_3304) == table);
}

static void
test_parse (void)
{
  static const char *const bad[] = {
    "",
    "# only a comment\n",
    "10,未婚\n",
    "code,name\n10\n",
    "code,name\n10,未婚,x\n",
    "code,name\n,未婚\n",
    "code,name\n10,\n",
    "code,name\n1 0,未婚\n",
    "code,name\n10,未婚\n10,已婚\n",
    "code,name\n10,未婚\n20,未婚\n",
    "code,name\n10,未婚\n\n20,已婚\n",
    "code,name\n10,\xff\n",
  };
  g_autoptr (CivCodeTable) table = NULL;
  g_autoptr (GError) error = NULL;

  table = parse ("# SPDX\r\ncode,name\r\n10,未婚\r\n20,已婚\r\n", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (civ_code_table_get_n_codes (table), ==, 2);
  g_assert_cmpstr (civ_code_table_lookup (table, "20"), ==, "已婚");
  g_assert_cmpstr (civ_code_table_find_name (table, "未婚"), ==, "10");
  g_assert_null (civ_code_table_lookup (table, "30"));
  g_assert_null (civ_code_table_lookup (table, NULL));
  g_assert_null (civ_code_table_find_name (table, "丧偶"));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) e = NULL;
      g_autoptr (CivCodeTable) t = parse (bad[i], &e);

      if (t != NULL)
        g_error ("table %u was taken", i);
      g_assert_error (e, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/domain/code-table/marital-status", test_marital_status);
  g_test_add_func ("/domain/code-table/ethnic-groups", test_ethnic_groups);
  g_test_add_func ("/domain/code-table/parse", test_parse);
  return g_test_run ();
}
