// SPDX-License-Identifier: GPL-3.0-or-later
/* test-cli-adoption-rules.c — civreg-cli rules adoption and rules
 * adoption-dates in a subprocess: decisions, exit codes, bad input named,
 * the office's holiday calendar, Chinese output */
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "civ-test-utils.h"

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

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
}

/* The finding of @rule at @severity, with the words apart from the rule and a citation. */
static JsonObject *
finding (JsonObject *o, const char *rule, const char *severity)
{
  JsonArray *findings = json_object_get_array_member (o, "findings");

  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *f = json_array_get_object_element (findings, i);

      if (strcmp (json_object_get_string_member (f, "rule"), rule) == 0 &&
          strcmp (json_object_get_string_member (f, "severity"), severity) == 0 &&
          !g_str_has_prefix (json_object_get_string_member (f, "message"), rule))
        return f;
    }
  return NULL;
}

static void
test_ok (void)
{
  g_auto (CivCliRun) r = { 0 };
  g_auto (CivCliRun) t = { 0 };
  g_autofree char *file = fixture ("adoption-ok.json");
  g_autoptr (JsonObject) o = NULL;

  civ_test_run_cli (&r, (const char *[]){ "rules", "adoption", file, "--json", NULL });
  if (r.status != 0)
    g_test_message ("civreg-cli exited %d; stdout: %s; stderr: %s", r.status, r.out, r.err);
  g_assert_cmpint (r.status, ==, 0);
  o = parse_object (r.out);
  g_assert_true (json_object_get_boolean_member (o, "may_register"));
  g_assert_false (json_object_get_boolean_member (o, "notice_needed"));
  g_assert_true (json_object_get_boolean_member (o, "assessment_needed"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "findings")), ==, 0);

  civ_test_run_cli (&t, (const char *[]){ "rules", "adoption", file, NULL });
  g_assert_cmpint (t.status, ==, 0);
  g_assert_nonnull (strstr (t.out, "The adoption may be registered."));
  g_assert_cmpstr (t.err, ==, "");
}

/* A single man one day less than 40 years older than the girl (R-A5). */
static void
test_refused (void)
{
  g_auto (CivCliRun) r = { 0 };
  g_auto (CivCliRun) t = { 0 };
  g_autofree char *file = fixture ("adoption-refused.json");
  g_autoptr (JsonObject) o = NULL;
  JsonObject *f;

  civ_test_run_cli (&r, (const char *[]){ "--json", "rules", "adoption", file, NULL });
  g_assert_cmpint (r.status, ==, 1);
  o = parse_object (r.out);
  g_assert_false (json_object_get_boolean_member (o, "may_register"));
  f = finding (o, "R-A5", "refuse");
  g_assert_nonnull (f);
  g_assert_nonnull (strstr (json_object_get_string_member (f, "citation"), "第一千一百零二条"));

  civ_test_run_cli (&t, (const char *[]){ "rules", "adoption", file, NULL });
  g_assert_cmpint (t.status, ==, 1);
  g_assert_nonnull (strstr (t.out, "Registration is refused."));
  g_assert_nonnull (strstr (t.out, "[refused] R-A5"));
  g_assert_nonnull (strstr (t.out, "《中华人民共和国民法典》"));
}

/* Exit 2, nothing on stdout, and the message names what is wrong. */
static void
assert_usage (const char *const *args, const char *named)
{
  g_auto (CivCliRun) r = { 0 };

  civ_test_run_cli (&r, args);
  g_test_message ("stderr: %s", r.err);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_true (g_str_has_prefix (r.err, "civreg-cli: ") || strstr (r.err, "Usage") != NULL);
  if (named != NULL)
    g_assert_nonnull (strstr (r.err, named));
}

static void
test_usage (void)
{
  g_autofree char *dir = civ_test_mkdtemp ();
  g_autofree char *bad = fixture ("adoption-bad.json");
  g_autofree char *missing = fixture ("no-such-file.json");
  g_autofree char *malformed = g_build_filename (dir, "malformed.json", NULL);
  g_autofree char *bad_date = g_build_filename (dir, "bad-date.json", NULL);
  g_autofree char *ok = fixture ("adoption-ok.json");
  g_autofree char *ok_text = NULL;
  g_autofree char *bad_date_text = NULL;

  g_assert_true (g_file_set_contents (malformed, "{\"child\": {\"sex\": \"male\",", -1, NULL));
  g_assert_true (g_file_get_contents (ok, &ok_text, NULL, NULL));
  {
    char *at = strstr (ok_text, "\"2026-11-23\"");

    g_assert_nonnull (at);
    bad_date_text = g_strdup (ok_text);
    memcpy (bad_date_text + (at - ok_text), "\"2026-11-31\"", 12);
  }
  g_assert_true (g_file_set_contents (bad_date, bad_date_text, -1, NULL));

  assert_usage ((const char *[]){ "rules", "adoption", NULL }, "FILE.json");
  assert_usage ((const char *[]){ "rules", "adoption", ok, ok, NULL }, "FILE.json");
  assert_usage ((const char *[]){ "rules", "adoption", missing, NULL }, "no-such-file.json");
  assert_usage ((const char *[]){ "rules", "adoption", malformed, NULL }, "malformed.json");
  /* An unknown member named, with where it is. */
  assert_usage ((const char *[]){ "rules", "adoption", bad, NULL },
                "placer 1: “suport_duty_consent”");
  assert_usage ((const char *[]){ "rules", "adoption", bad_date, NULL },
                "“evaluation_date”: “2026-11-31”");
  assert_usage ((const char *[]){ "rules", "adoption", ok, "--applied", "2026-01-01", NULL },
                "--applied");
  assert_usage ((const char *[]){ "rules", "adoption-dates", NULL }, "--applied");
  assert_usage ((const char *[]){ "rules", "adoption-dates", "--applied", "2024-02-30", NULL },
                "“2024-02-30”");
  assert_usage ((const char *[]){ "rules", "adoption-dates", "--applied", "2024-09-02",
                                  "--notice-published", "2024-8-5", NULL },
                "--notice-published: “2024-8-5”");
  assert_usage ((const char *[]){ "rules", "adoption-dates", "--applied", "2024-09-02", "extra",
                                  NULL },
                "extra");
  assert_usage ((const char *[]){ "rules", "adoption-dates", "--applied", "2024-09-02",
                                  "--accepted", "2024-09-02", NULL },
                "--accepted");
  assert_usage ((const char *[]){ "rules", "adoption-dates", "--applied", "2024-09-02",
                                  "--data-dir", dir, NULL },
                "--user");
  assert_usage ((const char *[]){ "rules", "divorce-dates", "--accepted", "2024-09-02",
                                  "--notice-published", "2024-08-05", NULL },
                "--notice-published");
  assert_usage ((const char *[]){ "rules", "adoptions", NULL }, "adoptions");
  civ_test_rmdir (dir);
}

/* rules --help names all four. */
static void
test_help (void)
{
  g_auto (CivCliRun) r = { 0 };

  civ_test_run_cli (&r, (const char *[]){ "rules", "--help", NULL });
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "marriage FILE.json"));
  g_assert_nonnull (strstr (r.out, "divorce-dates --accepted"));
  g_assert_nonnull (strstr (r.out, "adoption FILE.json"));
  g_assert_nonnull (strstr (r.out, "adoption-dates --applied"));
  g_assert_nonnull (strstr (r.out, "--notice-published"));
}

/* Without a calendar only weekends are known: provisional. */
static void
test_dates_no_calendar (void)
{
  g_auto (CivCliRun) r = { 0 };
  g_auto (CivCliRun) t = { 0 };
  g_autoptr (JsonObject) o = NULL;

  civ_test_run_cli (&r, (const char *[]){ "rules", "adoption-dates", "--applied", "2024-09-02",
                                          "--json", NULL });
  g_assert_cmpint (r.status, ==, 0);
  o = parse_object (r.out);
  g_assert_true (json_object_get_boolean_member (o, "provisional"));
  g_assert_false (json_object_get_boolean_member (o, "calendar"));
  g_assert_true (json_object_get_null_member (o, "notice_published"));
  g_assert_true (json_object_get_null_member (o, "notice_end"));
  g_assert_cmpstr (json_object_get_string_member (o, "review_start"), ==, "2024-09-03");
  /* Day 30 is Wed 2024-10-02, a working day without the holiday table. */
  g_assert_cmpstr (json_object_get_string_member (o, "review_deadline"), ==, "2024-10-02");

  civ_test_run_cli (&t,
                    (const char *[]){ "rules", "adoption-dates", "--applied", "2024-09-02", NULL });
  g_assert_cmpint (t.status, ==, 0);
  g_assert_nonnull (strstr (t.out, "2024-10-02"));
  g_assert_nonnull (strstr (t.out, "Provisional"));
  g_assert_null (strstr (t.out, "Notice"));
}

/* With the office's imported 2024 calendar: the National Day holiday moves
 * the deadline; the notice does not count toward the review. */
static void
test_dates_with_calendar (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  g_autofree char *pw = g_build_filename (dir, "pw", NULL);
  g_autofree char *holidays = fixture ("holidays/2024-national-day.json");
  g_auto (CivCliRun) imp = { 0 };
  g_auto (CivCliRun) r = { 0 };
  g_auto (CivCliRun) n = { 0 };
  g_auto (CivCliRun) t = { 0 };
  g_autoptr (JsonObject) o = NULL;
  g_autoptr (JsonObject) on = NULL;

  g_clear_object (&store);
  g_assert_true (g_file_set_contents (pw, CIV_TEST_SUPERVISOR_PW "\n", -1, NULL));
  civ_test_run_cli (&imp, (const char *[]){ "--data-dir", dir, "--user", CIV_TEST_SUPERVISOR,
                                            "--password-file", pw, "refdata", "import", "holidays",
                                            holidays, NULL });
  g_assert_cmpint (imp.status, ==, 0);

  civ_test_run_cli (&r, (const char *[]){ "--data-dir", dir, "--user", CIV_TEST_SUPERVISOR,
                                          "--password-file", pw, "rules", "adoption-dates",
                                          "--applied", "2024-09-02", "--json", NULL });
  g_assert_cmpint (r.status, ==, 0);
  o = parse_object (r.out);
  g_assert_cmpstr (json_object_get_string_member (o, "review_deadline"), ==, "2024-10-08");
  g_assert_false (json_object_get_boolean_member (o, "provisional"));
  g_assert_true (json_object_get_boolean_member (o, "calendar"));

  civ_test_run_cli (&n, (const char *[]){ "--data-dir", dir, "--user", CIV_TEST_SUPERVISOR,
                                          "--password-file", pw, "rules", "adoption-dates",
                                          "--applied", "2024-09-02", "--notice-published",
                                          "2024-08-05", "--json", NULL });
  g_assert_cmpint (n.status, ==, 0);
  on = parse_object (n.out);
  g_assert_cmpstr (json_object_get_string_member (on, "notice_published"), ==, "2024-08-05");
  g_assert_cmpstr (json_object_get_string_member (on, "notice_end"), ==, "2024-10-04");
  g_assert_cmpstr (json_object_get_string_member (on, "review_start"), ==, "2024-10-05");
  /* Day 30 is Sunday 2024-11-03. */
  g_assert_cmpstr (json_object_get_string_member (on, "review_deadline"), ==, "2024-11-04");
  g_assert_false (json_object_get_boolean_member (on, "provisional"));

  /* A deadline in 2025, which the table does not cover. */
  civ_test_run_cli (&t, (const char *[]){ "--data-dir", dir, "--user", CIV_TEST_SUPERVISOR,
                                          "--password-file", pw, "rules", "adoption-dates",
                                          "--applied", "2024-12-10", NULL });
  g_assert_cmpint (t.status, ==, 0);
  g_assert_nonnull (strstr (t.out, "2025-01-09"));
  g_assert_nonnull (strstr (t.out, "does not cover"));
  civ_test_rmdir (dir);
}

/* In Chinese: the decision, the finding, the dates and a usage error. */
static void
test_chinese (void)
{
  g_autofree char *refused = fixture ("adoption-refused.json");
  g_autofree char *bad = fixture ("adoption-bad.json");
  g_auto (CivCliRun) r = { 0 };
  g_auto (CivCliRun) d = { 0 };
  g_auto (CivCliRun) u = { 0 };
  g_auto (CivCliRun) h = { 0 };

  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_setenv ("LANG", "zh_CN.UTF-8", TRUE);
  civ_test_run_cli (&r, (const char *[]){ "rules", "adoption", refused, NULL });
  civ_test_run_cli (&d, (const char *[]){ "rules", "adoption-dates", "--applied", "2024-09-02",
                                          "--notice-published", "2024-08-05", NULL });
  civ_test_run_cli (&u, (const char *[]){ "rules", "adoption", bad, NULL });
  civ_test_run_cli (&h, (const char *[]){ "rules", "--help", NULL });
  g_unsetenv ("LANGUAGE");
  g_setenv ("LANG", "C.UTF-8", TRUE);

  g_test_message ("%s%s%s%s", r.out, d.out, u.err, h.out);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.out, "不予登记。"));
  g_assert_nonnull (strstr (r.out, "陈伟单独收养异性子女"));
  g_assert_null (strstr (r.out, "adopts alone"));
  g_assert_cmpint (d.status, ==, 0);
  g_assert_nonnull (strstr (d.out, "公告期满"));
  g_assert_nonnull (strstr (d.out, "审查期限"));
  g_assert_nonnull (strstr (d.out, "2024-11-04"));
  g_assert_cmpint (u.status, ==, 2);
  g_assert_nonnull (strstr (u.err, "suport_duty_consent"));
  g_assert_nonnull (strstr (u.err, "送养人"));
  g_assert_cmpint (h.status, ==, 0);
  g_assert_nonnull (strstr (h.out, "收养"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LANG", "C.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  g_test_add_func ("/cli/rules/adoption-ok", test_ok);
  g_test_add_func ("/cli/rules/adoption-refused", test_refused);
  g_test_add_func ("/cli/rules/adoption-usage", test_usage);
  g_test_add_func ("/cli/rules/help", test_help);
  g_test_add_func ("/cli/rules/adoption-dates-no-calendar", test_dates_no_calendar);
  g_test_add_func ("/cli/rules/adoption-dates-calendar", test_dates_with_calendar);
  g_test_add_func ("/cli/rules/adoption-zh_CN", test_chinese);
  return g_test_run ();
}
