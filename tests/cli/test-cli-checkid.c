// SPDX-License-Identifier: GPL-3.0-or-later
/* test-cli-checkid.c — civreg-cli check-id and refdata import: exit codes and output */
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "civ-test-utils.h"

/* Parses the single JSON object check-id --json prints. */
static JsonObject *
parse_object (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_ref (json_node_get_object (root));
}

static gboolean
member_is_null (JsonObject *o, const char *name)
{
  g_assert_true (json_object_has_member (o, name));
  return json_object_get_null_member (o, name);
}

static gboolean
has_problem (JsonObject *o, const char *rule, const char *fragment)
{
  JsonArray *problems = json_object_get_array_member (o, "problems");

  for (guint i = 0; i < json_array_get_length (problems); i++)
    {
      JsonObject *p = json_array_get_object_element (problems, i);
      if (strcmp (json_object_get_string_member (p, "rule"), rule) == 0 &&
          (fragment == NULL || strstr (json_object_get_string_member (p, "message"), fragment)))
        return TRUE;
    }
  return FALSE;
}

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
}

static void
test_valid_json (void)
{
  g_auto (CivCliRun) r = { 0 };
  g_autoptr (JsonObject) o = NULL;
  g_autoptr (GList) members = NULL;

  civ_test_run_cli (&r, (const char *[]){ "check-id", "110101199003071233", "--on", "2024-05-01",
                                          "--json", NULL });
  g_assert_cmpint (r.status, ==, 0);
  o = parse_object (r.out);
  g_assert_true (json_object_get_boolean_member (o, "valid"));
  g_assert_cmpstr (json_object_get_string_member (o, "normalized"), ==, "110101199003071233");
  g_assert_cmpstr (json_object_get_string_member (o, "birth_date"), ==, "1990-03-07");
  g_assert_cmpstr (json_object_get_string_member (o, "sex"), ==, "male");
  g_assert_cmpstr (json_object_get_string_member (o, "region_code"), ==, "110101");
  /* Without an office the region check is reported as not done. */
  g_assert_true (has_problem (o, "R-ID5", "not checked"));
  /* Exactly these members. */
  members = json_object_get_members (o);
  g_assert_cmpuint (g_list_length (members), ==, 6);
  g_assert_true (json_object_has_member (o, "problems"));
}

/* The global --json may come before the command. */
static void
test_json_before_command (void)
{
  g_auto (CivCliRun) r = { 0 };
  g_autoptr (JsonObject) o = NULL;

  civ_test_run_cli (&r, (const char *[]){ "--json", "check-id", "110105491231002", "--on",
                                          "2024-05-01", NULL });
  g_assert_cmpint (r.status, ==, 0);
  o = parse_object (r.out);
  g_assert_true (json_object_get_boolean_member (o, "valid"));
  g_assert_cmpstr (json_object_get_string_member (o, "normalized"), ==, "11010519491231002X");
  g_assert_cmpstr (json_object_get_string_member (o, "birth_date"), ==, "1949-12-31");
  g_assert_cmpstr (json_object_get_string_member (o, "sex"), ==, "female");
  g_assert_true (has_problem (o, "R-ID3", NULL));
}

static void
test_invalid (void)
{
  {
    g_auto (CivCliRun) r = { 0 };
    g_autoptr (JsonObject) o = NULL;

    civ_test_run_cli (&r, (const char *[]){ "check-id", "--json", "110101199003071234", NULL });
    g_assert_cmpint (r.status, ==, 1);
    o = parse_object (r.out);
    g_assert_false (json_object_get_boolean_member (o, "valid"));
    g_assert_true (has_problem (o, "R-ID2", NULL));
  }
  {
    g_auto (CivCliRun) r = { 0 };
    g_autoptr (JsonObject) o = NULL;

    civ_test_run_cli (&r, (const char *[]){ "check-id", "--json", "110101199902301231", NULL });
    g_assert_cmpint (r.status, ==, 1);
    o = parse_object (r.out);
    g_assert_true (has_problem (o, "R-ID5", "1999-02-30"));
    g_assert_true (member_is_null (o, "birth_date"));
  }
  {
    /* Future birth date relative to --on. */
    g_auto (CivCliRun) r = { 0 };
    g_autoptr (JsonObject) o = NULL;

    civ_test_run_cli (&r, (const char *[]){ "check-id", "--json", "--on", "1990-03-06",
                                            "110101199003071233", NULL });
    g_assert_cmpint (r.status, ==, 1);
    o = parse_object (r.out);
    g_assert_true (has_problem (o, "R-ID5", "after"));
  }
  {
    /* Unknown where nothing can be derived. */
    g_auto (CivCliRun) r = { 0 };
    g_autoptr (JsonObject) o = NULL;

    civ_test_run_cli (&r, (const char *[]){ "check-id", "--json", "11010A", NULL });
    g_assert_cmpint (r.status, ==, 1);
    o = parse_object (r.out);
    g_assert_true (member_is_null (o, "normalized"));
    g_assert_true (member_is_null (o, "birth_date"));
    g_assert_true (member_is_null (o, "sex"));
    g_assert_true (member_is_null (o, "region_code"));
    g_assert_true (has_problem (o, "R-ID1", NULL));
  }
  {
    /* Plain text output names the rule too. */
    g_auto (CivCliRun) r = { 0 };

    civ_test_run_cli (&r, (const char *[]){ "check-id", "1101011990030712", NULL });
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.out, "R-ID1"));
  }
}

static void
test_permits (void)
{
  const char *valid[] = { "911840198506120015", "H1234567801", "12345678", "810000199003071237" };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_auto (CivCliRun) r = { 0 };
      civ_test_run_cli (&r, (const char *[]){ "check-id", valid[i], NULL });
      g_test_message ("%s: %s", valid[i], r.out);
      g_assert_cmpint (r.status, ==, 0);
    }
  {
    g_auto (CivCliRun) r = { 0 };
    g_autoptr (JsonObject) o = NULL;

    civ_test_run_cli (&r, (const char *[]){ "check-id", "--json", "--kind", "passport", "E1234567",
                                            NULL });
    g_assert_cmpint (r.status, ==, 0);
    o = parse_object (r.out);
    g_assert_cmpstr (json_object_get_string_member (o, "normalized"), ==, "E1234567");
    g_assert_true (member_is_null (o, "region_code"));
  }
}

static void
test_usage (void)
{
  const struct
  {
    const char *args[6];
    const char *fragment;
  } cases[] = {
    { { "check-id", NULL }, "NUMBER" },
    { { "check-id", "110101199003071233", "--on", "2024-02-30", NULL }, "2024-02-30" },
    { { "check-id", "110101199003071233", "--on", "24-5-1", NULL }, "24-5-1" },
    { { "check-id", "110101199003071233", "--on", NULL }, "on" },
    { { "check-id", "110101199003071233", "extra", NULL }, "extra" },
    { { "check-id", "110101199003071233", "--bogus", NULL }, "bogus" },
    { { "check-id", "110101199003071233", "--kind", "licence", NULL }, "licence" },
    { { "--data-dir", "/nonexistent", "check-id", "110101199003071233", NULL }, "--user" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (CivCliRun) r = { 0 };

      civ_test_run_cli (&r, cases[i].args);
      g_test_message ("case %u: %s", i, r.err);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_nonnull (strstr (r.err, cases[i].fragment));
      g_assert_cmpstr (r.out, ==, "");
    }
}

typedef struct
{
  char *dir;
  char *pw;
} Office;

static void
office_setup (Office *o, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&o->dir, NULL);

  o->pw = g_build_filename (o->dir, "pw.txt", NULL);
  g_file_set_contents (o->pw, CIV_TEST_SUPERVISOR_PW "\n", -1, &error);
  g_assert_no_error (error);
}

static void
office_teardown (Office *o, gconstpointer data)
{
  civ_test_rmdir (o->dir);
  g_free (o->dir);
  g_free (o->pw);
}

static void
refdata_status (Office *o, gint64 *division_rows, guint *n_years)
{
  g_auto (CivCliRun) r = { 0 };
  g_autoptr (JsonObject) obj = NULL;

  civ_test_run_cli (&r, (const char *[]){ "--data-dir", o->dir, "--user", CIV_TEST_SUPERVISOR,
                                          "--password-file", o->pw, "--json", "refdata", "status",
                                          NULL });
  g_assert_cmpint (r.status, ==, 0);
  obj = parse_object (r.out);
  *division_rows = json_object_get_int_member (obj, "division_rows");
  *n_years = json_array_get_length (json_object_get_array_member (obj, "holiday_years"));
}

static void
test_refdata_import_and_check (Office *o, gconstpointer data)
{
  g_autofree char *csv = fixture ("divisions-small.csv");
  g_autofree char *bad = fixture ("divisions-bad-code.csv");
  g_autofree char *extra = fixture ("divisions-extra.csv");
  g_autofree char *h2024 =
    g_test_build_filename (G_TEST_DIST, "fixtures", "holidays", "2024-national-day.json", NULL);
  g_autofree char *h2027 =
    g_test_build_filename (G_TEST_DIST, "fixtures", "holidays", "2027-not-announced.json", NULL);
  g_autofree char *hbad =
    g_test_build_filename (G_TEST_DIST, "fixtures", "holidays", "2025-bad-flag.json", NULL);
  gint64 rows = -1;
  guint  years = 99;

  {
    g_auto (CivCliRun) r = { 0 };
    civ_test_run_cli (&r, (const char *[]){ "--data-dir", o->dir, "--user", CIV_TEST_SUPERVISOR,
                                            "--password-file", o->pw, "refdata", "import",
                                            "divisions", csv, NULL });
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "divisions-small.csv"));
    g_assert_nonnull (strstr (r.out, "10"));
  }
  refdata_status (o, &rows, &years);
  g_assert_cmpint (rows, ==, 10);
  g_assert_cmpuint (years, ==, 0);

  /* A bad file next to a good one: exit 1, file and line named, nothing changed. */
  {
    g_auto (CivCliRun) r = { 0 };
    civ_test_run_cli (&r, (const char *[]){ "--data-dir", o->dir, "--user", CIV_TEST_SUPERVISOR,
                                            "--password-file", o->pw, "refdata", "import",
                                            "divisions", extra, bad, NULL });
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "divisions-bad-code.csv"));
    g_assert_nonnull (strstr (r.err, "line 5"));
    g_assert_nonnull (strstr (r.err, "Nothing was imported"));
  }
  refdata_status (o, &rows, &years);
  g_assert_cmpint (rows, ==, 10);

  /* Holidays: 2024 covered, 2027 not announced; a bad file changes nothing. */
  {
    g_auto (CivCliRun) r = { 0 };
    civ_test_run_cli (&r, (const char *[]){ "--data-dir", o->dir, "--user", CIV_TEST_SUPERVISOR,
                                            "--password-file", o->pw, "refdata", "import",
                                            "holidays", hbad, NULL });
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "2025-bad-flag.json"));
  }
  {
    g_auto (CivCliRun) r = { 0 };
    civ_test_run_cli (&r, (const char *[]){ "--data-dir", o->dir, "--user", CIV_TEST_SUPERVISOR,
                                            "--password-file", o->pw, "--json", "refdata", "import",
                                            "holidays", h2024, h2027, NULL });
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "\"announced\":false"));
  }
  refdata_status (o, &rows, &years);
  g_assert_cmpuint (years, ==, 1);

  /* check-id with the office's division table. */
  {
    g_auto (CivCliRun) r = { 0 };
    g_autoptr (JsonObject) obj = NULL;

    civ_test_run_cli (&r,
                      (const char *[]){ "--data-dir", o->dir, "--user", CIV_TEST_SUPERVISOR,
                                        "--password-file", o->pw, "check-id", "110103198001010013",
                                        "--on", "2024-05-01", "--json", NULL });
    g_assert_cmpint (r.status, ==, 0);
    obj = parse_object (r.out);
    g_assert_true (json_object_get_boolean_member (obj, "valid"));
    g_assert_true (has_problem (obj, "R-ID5", "2010"));
    g_assert_false (has_problem (obj, "R-ID5", "not checked"));
  }
  {
    g_auto (CivCliRun) r = { 0 };
    g_autoptr (JsonObject) obj = NULL;

    civ_test_run_cli (&r, (const char *[]){ "--data-dir", o->dir, "--user", CIV_TEST_SUPERVISOR,
                                            "--password-file", o->pw, "check-id", "--json",
                                            "110101199003071233", NULL });
    g_assert_cmpint (r.status, ==, 0);
    obj = parse_object (r.out);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "problems")), ==,
                      0);
  }
  {
    g_auto (CivCliRun) r = { 0 };
    g_autoptr (JsonObject) obj = NULL;

    civ_test_run_cli (&r, (const char *[]){ "--data-dir", o->dir, "--user", CIV_TEST_SUPERVISOR,
                                            "--password-file", o->pw, "check-id", "--json",
                                            "110199199003071239", NULL });
    g_assert_cmpint (r.status, ==, 1);
    obj = parse_object (r.out);
    g_assert_true (has_problem (obj, "R-ID5", "110199"));
  }
  {
    /* A wrong password is a failure, not a usage error. */
    g_autofree char *wrong = g_build_filename (o->dir, "wrong.txt", NULL);
    g_auto (CivCliRun) r = { 0 };

    g_assert_true (g_file_set_contents (wrong, "not-the-password\n", -1, NULL));
    civ_test_run_cli (&r, (const char *[]){ "--data-dir", o->dir, "--user", CIV_TEST_SUPERVISOR,
                                            "--password-file", wrong, "check-id",
                                            "110101199003071233", NULL });
    g_assert_cmpint (r.status, ==, 1);
    g_assert_cmpstr (r.err, !=, "");
  }
}

static void
test_refdata_usage (Office *o, gconstpointer data)
{
  g_autofree char *csv = fixture ("divisions-small.csv");
  const struct
  {
    const char *args[12];
    const char *fragment;
  } cases[] = {
    { { "--data-dir", o->dir, "--user", CIV_TEST_SUPERVISOR, "--password-file", o->pw, "refdata",
        NULL },
      "import" },
    { { "--data-dir", o->dir, "--user", CIV_TEST_SUPERVISOR, "--password-file", o->pw, "refdata",
        "export", NULL },
      "export" },
    { { "--data-dir", o->dir, "--user", CIV_TEST_SUPERVISOR, "--password-file", o->pw, "refdata",
        "import", NULL },
      "divisions" },
    { { "--data-dir", o->dir, "--user", CIV_TEST_SUPERVISOR, "--password-file", o->pw, "refdata",
        "import", "streets", csv },
      "divisions" },
    { { "--data-dir", o->dir, "--user", CIV_TEST_SUPERVISOR, "--password-file", o->pw, "refdata",
        "import", "divisions", NULL },
      "FILE" },
    { { "refdata", "import", "divisions", csv, NULL }, "--data-dir" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (CivCliRun) r = { 0 };

      civ_test_run_cli (&r, cases[i].args);
      g_test_message ("case %u: %s", i, r.err);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_nonnull (strstr (r.err, cases[i].fragment));
    }
  {
    /* A missing file is a failure (exit 1) that names it. */
    g_auto (CivCliRun) r = { 0 };
    civ_test_run_cli (&r, (const char *[]){ "--data-dir", o->dir, "--user", CIV_TEST_SUPERVISOR,
                                            "--password-file", o->pw, "refdata", "import",
                                            "divisions", "/nonexistent/result.csv", NULL });
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "/nonexistent/result.csv"));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/check-id/valid-json", test_valid_json);
  g_test_add_func ("/cli/check-id/json-before-command", test_json_before_command);
  g_test_add_func ("/cli/check-id/invalid", test_invalid);
  g_test_add_func ("/cli/check-id/permits", test_permits);
  g_test_add_func ("/cli/check-id/usage", test_usage);
  g_test_add ("/cli/refdata/import-and-check", Office, NULL, office_setup,
              test_refdata_import_and_check, office_teardown);
  g_test_add ("/cli/refdata/usage", Office, NULL, office_setup, test_refdata_usage,
              office_teardown);

  return g_test_run ();
}
