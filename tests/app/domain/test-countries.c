// SPDX-License-Identifier: GPL-3.0-or-later
/* test-countries.c — the GB/T 2659 table of the resource and its parser */
#include "civ-app-error.h"
#include "civ-countries.h"

#include <string.h>

static void
test_names (void)
{
  static const struct
  {
    const char *code;
    guint       numeric;
    const char *name;
  } cases[] = {
    { "CHN", 156, "中国" },     { "USA", 840, "美国" },       { "GBR", 826, "英国" },
    { "JPN", 392, "日本" },     { "KOR", 410, "韩国" },       { "PRK", 408, "朝鲜" },
    { "RUS", 643, "俄罗斯" },   { "HKG", 344, "中国香港" },   { "MAC", 446, "中国澳门" },
    { "TWN", 158, "中国台湾" }, { "DEU", 276, "德国" },       { "VNM", 704, "越南" },
    { "AFG", 4, "阿富汗" },     { "COD", 180, "刚果（金）" }, { "COG", 178, "刚果（布）" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpstr (civ_country_name (cases[i].code), ==, cases[i].name);
      g_assert_true (civ_country_code_is_valid (cases[i].code));
      g_assert_cmpuint (civ_country_numeric (cases[i].code), ==, cases[i].numeric);
      g_assert_cmpstr (civ_country_for_numeric (cases[i].numeric), ==, cases[i].code);
    }
}

static void
test_unknown (void)
{
  static const char *const bad[] = { "XXX", "ZZZ", "", "CH", "CHNA", "CHN ", " CHN", "中国" };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_null (civ_country_name (bad[i]));
      g_assert_false (civ_country_code_is_valid (bad[i]));
      g_assert_cmpuint (civ_country_numeric (bad[i]), ==, 0);
    }
  g_assert_null (civ_country_name (NULL));
  g_assert_false (civ_country_code_is_valid (NULL));
  g_assert_null (civ_country_for_numeric (0));
  g_assert_null (civ_country_for_numeric (999));
}

/* Lower case is refused, not normalised (civ-countries.h). */
static void
test_lower_case_refused (void)
{
  g_assert_null (civ_country_name ("chn"));
  g_assert_null (civ_country_name ("Chn"));
  g_assert_false (civ_country_code_is_valid ("hkg"));
}

static void
test_whole_table (void)
{
  const char *const *codes = civ_country_codes ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) numerics = g_hash_table_new (NULL, NULL);
  const char *previous = NULL;
  guint       n = 0;

  for (const char *const *code = codes; *code != NULL; code++, n++)
    {
      const char *name = civ_country_name (*code);
      guint       numeric = civ_country_numeric (*code);

      g_assert_cmpuint (strlen (*code), ==, 3);
      for (int i = 0; i < 3; i++)
        g_assert_true (g_ascii_isupper ((*code)[i]));
      g_assert_true (g_hash_table_add (seen, (gpointer) *code));
      if (previous != NULL)
        g_assert_cmpint (strcmp (previous, *code), <, 0); /* sorted */
      previous = *code;

      g_assert_nonnull (name);
      g_assert_cmpuint (strlen (name), >, 0);
      g_assert_true (g_utf8_validate (name, -1, NULL));
      g_assert_cmpuint (numeric, >, 0);
      g_assert_cmpuint (numeric, <, 1000);
      g_assert_true (g_hash_table_add (numerics, GUINT_TO_POINTER (numeric)));
    }
  g_assert_cmpuint (n, >=, 240);
}

/* The table the resource was built from, read from the tree. */
static void
test_resource_is_the_file (void)
{
  const char      *root = g_getenv ("CIVREG_SOURCE_ROOT");
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  gsize            len = 0;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) from_file = NULL;
  g_autoptr (GBytes) from_resource = NULL;

  if (root == NULL)
    {
      g_test_skip ("CIVREG_SOURCE_ROOT is not set");
      return;
    }
  civ_country_codes (); /* registers the resource */
  path = g_build_filename (root, "resources", "countries.tsv", NULL);
  g_file_get_contents (path, &text, &len, &error);
  g_assert_no_error (error);
  from_file = g_bytes_new_take (g_steal_pointer (&text), len);
  from_resource = g_resources_lookup_data (CIV_COUNTRIES_RESOURCE, 0, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (from_file, from_resource));
}

static CivCountryTable *
parse (const char *data, gsize len, GError **error)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, len);

  return civ_country_table_new_from_bytes (bytes, error);
}

static void
test_parse_good (void)
{
  static const char text[] = "# comment\n"
                             "CHN\t156\t中国\n"
                             "# another\n"
                             "AFG\t004\t阿富汗"; /* no final newline */
  g_autoptr (GError) error = NULL;
  g_autoptr (CivCountryTable) table = parse (text, strlen (text), &error);
  const char *const *codes;

  g_assert_no_error (error);
  g_assert_nonnull (table);
  g_assert_cmpuint (civ_country_table_get_n_countries (table), ==, 2);
  g_assert_cmpstr (civ_country_table_lookup (table, "AFG"), ==, "阿富汗");
  g_assert_cmpstr (civ_country_table_lookup (table, "CHN"), ==, "中国");
  g_assert_null (civ_country_table_lookup (table, "USA"));
  codes = civ_country_table_get_codes (table);
  g_assert_cmpstr (codes[0], ==, "AFG");
  g_assert_cmpstr (codes[1], ==, "CHN");
  g_assert_null (codes[2]);
}

static void
test_parse_malformed (void)
{
  static const struct
  {
    const char *what;
    const char *data;
    gsize       len; /* 0: strlen */
  } cases[] = {
    { "empty", "", 0 },
    { "only comments", "# nothing\n", 0 },
    { "two fields", "CHN\t156\n", 0 },
    { "four fields", "CHN\t156\t中国\tx\n", 0 },
    { "spaces, not tabs", "CHN 156 中国\n", 0 },
    { "lower-case code", "chn\t156\t中国\n", 0 },
    { "short code", "CH\t156\t中国\n", 0 },
    { "long code", "CHNA\t156\t中国\n", 0 },
    { "digit in code", "CH1\t156\t中国\n", 0 },
    { "short numeric", "CHN\t56\t中国\n", 0 },
    { "letter in numeric", "CHN\t1a6\t中国\n", 0 },
    { "numeric 000", "CHN\t000\t中国\n", 0 },
    { "empty name", "CHN\t156\t\n", 0 },
    { "padded name", "CHN\t156\t 中国\n", 0 },
    { "trailing space", "CHN\t156\t中国 \n", 0 },
    { "control character", "CHN\t156\t中\x01国\n", 0 },
    { "CRLF", "CHN\t156\t中国\r\n", 0 },
    { "empty line", "CHN\t156\t中国\n\nUSA\t840\t美国\n", 0 },
    { "invalid UTF-8", "CHN\t156\t\xe4\xb8\n", 0 },
    { "NUL byte", "CHN\t156\t中\0国\n", 16 },
    { "repeated code", "CHN\t156\t中国\nCHN\t157\t中国\n", 0 },
    { "repeated numeric", "CHN\t156\t中国\nUSA\t156\t美国\n", 0 },
    { "one bad line among good", "CHN\t156\t中国\nUSA\t840\n", 0 },
    { "long name",
      "CHN\t156\t中国中国中国中国中国中国中国中国中国中国中国中国中国中国中国中国中国中国中国中国"
      "中国中国中国中国中国中国中国中国中国中国中国中国中国中国中国中国中国中国中国中国\n",
      0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      gsize len = cases[i].len != 0 ? cases[i].len : strlen (cases[i].data);
      g_autoptr (CivCountryTable) table = parse (cases[i].data, len, &error);

      g_test_message ("%s", cases[i].what);
      g_assert_null (table);
      g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT);
    }
}

/* Random damage to the real table: the parser refuses it with a format
 * error or parses it, never anything else (run under ASan in CI). */
static void
test_parse_damaged (void)
{
  g_autoptr (GBytes) real = NULL;
  g_autoptr (GError) error = NULL;
  gsize         size;
  const guint8 *data;

  civ_country_codes (); /* registers the resource */
  real = g_resources_lookup_data (CIV_COUNTRIES_RESOURCE, 0, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (real, &size);

  for (int round = 0; round < 300; round++)
    {
      g_autofree guint8 *copy = g_memdup2 (data, size);
      gsize              len = size;
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (CivCountryTable) table = NULL;
      g_autoptr (GError) e = NULL;
      int flips = g_test_rand_int_range (1, 6);

      for (int f = 0; f < flips; f++)
        copy[g_test_rand_int_range (0, (gint32) size)] = (guint8) g_test_rand_int_range (0, 256);
      if (g_test_rand_bit ())
        len = g_test_rand_int_range (0, (gint32) size);
      bytes = g_bytes_new (copy, len);
      table = civ_country_table_new_from_bytes (bytes, &e);
      if (table == NULL)
        g_assert_error (e, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT);
      else
        g_assert_no_error (e);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/domain/countries/names", test_names);
  g_test_add_func ("/domain/countries/unknown", test_unknown);
  g_test_add_func ("/domain/countries/lower-case-refused", test_lower_case_refused);
  g_test_add_func ("/domain/countries/whole-table", test_whole_table);
  g_test_add_func ("/domain/countries/resource-is-the-file", test_resource_is_the_file);
  g_test_add_func ("/domain/countries/parse-good", test_parse_good);
  g_test_add_func ("/domain/countries/parse-malformed", test_parse_malformed);
  g_test_add_func ("/domain/countries/parse-damaged", test_parse_damaged);
  return g_test_run ();
}
