// SPDX-License-Identifier: GPL-3.0-or-later
/* test-cli-divorce.c — civreg-cli divorce take KEY in a subprocess (issue
 * 17, R-D6, docs/cli-divorce.md): usage errors exit 2 before the office is
 * opened; an office that is not enrolled exits 1 and changes nothing; a
 * second window of an office enrolled with the reference server takes the
 * application the first window accepted (JSON), and is told in Chinese
 * what the province does not know */
#include <json-glib/json-glib.h>
#include <string.h>

#include "civ-test-utils.h"
#include "report-test-utils.h"

static char *
password_file (const char *work)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (work, "admin-pw", NULL);

  g_file_set_contents (path, CIV_TEST_SUPERVISOR_PW "\n", -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
assert_err (const CivCliRun *r, const char *needle)
{
  g_assert_true (g_str_has_prefix (r->err, "civreg-cli: "));
  if (strstr (r->err, needle) == NULL)
    g_error ("“%s” not in “%s”", needle, r->err);
}

static gint64
count (const char *dir, const char *sql)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store =
    civ_store_open (dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);

  g_assert_no_error (error);
  return civ_test_count (store, sql);
}

static void
test_usage_and_not_enrolled (void)
{
  g_autoptr (CivStore) store = NULL;
  g_autofree char *dir = NULL, *work = civ_test_mkdtemp (), *pw = password_file (work);
  g_auto (CivCliRun) alone = { 0 };
  const struct
  {
    const char *args[6];
    const char *message;
  } bad[] = {
    { { "divorce", NULL }, "divorce needs “take KEY”" },
    { { "divorce", "give", "J110101-2026-000001", NULL }, "divorce needs “take KEY”" },
    { { "divorce", "take", NULL }, "divorce take needs one KEY" },
    { { "divorce", "take", "a", "b", NULL }, "divorce take needs one KEY" },
    { { "divorce", "take", "", NULL }, "divorce take needs one KEY" },
  };
  gint64 audit;

  store = civ_test_new_office (&dir, NULL);
  g_clear_object (&store);
  audit = count (dir, "SELECT count(*) FROM audit_log");
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto (CivCliRun) r = { 0 };

      civ_test_run_cli_as (&r, dir, CIV_TEST_SUPERVISOR, pw, bad[i].args);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_cmpstr (r.out, ==, "");
      assert_err (&r, bad[i].message);
    }
  /* No login either: the office was never opened. */
  g_assert_cmpint (count (dir, "SELECT count(*) FROM audit_log"), ==, audit + 1);

  civ_test_run_cli_as (&alone, dir, CIV_TEST_SUPERVISOR, pw,
                       (const char *const[]){ "divorce", "take", "J110101-2026-000001", NULL });
  g_assert_cmpint (alone.status, ==, 1);
  assert_err (&alone, "not enrolled");
  g_assert_cmpint (count (dir, "SELECT count(*) FROM divorces"), ==, 0);
  civ_test_rmdir (work);
  civ_test_rmdir (dir);
}

static void
test_take (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_auto (CivReportSyncResult) s = { 0 };
  g_auto (CivCliRun) taken = { 0 };
  g_auto (CivCliRun) unknown = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) w2 = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char     *w2_dir = NULL, *certificate = NULL, *app = NULL;
  g_autofree char     *work = civ_test_mkdtemp (), *pw = password_file (work);
  CivReportSyncOptions options = { .ignore_schedule = TRUE };
  JsonObject          *o;

  report_env_init (&env);
  report_env_start_server (&env, "server", "ca", NULL);
  report_env_enroll (&env, "client", TRUE, 3000);
  w2 = report_env_new_window (&env, &w2_dir);
  g_clear_object (&w2);
  app = report_env_divorce_application (&env, 1, 35, &certificate);
  g_assert_true (civ_report_sync (env.store, &options, &s, &error));
  g_assert_no_error (error);

  civ_test_run_cli_as (&taken, w2_dir, CIV_TEST_SUPERVISOR, pw,
                       (const char *const[]){ "--json", "divorce", "take", certificate, NULL });
  g_test_message ("%s%s", taken.out, taken.err);
  g_assert_cmpint (taken.status, ==, 0);
  json_parser_load_from_data (parser, taken.out, -1, &error);
  g_assert_no_error (error);
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (o, "record_id"), ==, app);
  g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "COOLING");
  g_assert_nonnull (json_object_get_string_member (o, "window_end"));
  g_assert_cmpint (count (w2_dir, "SELECT count(*) FROM remote_records"), ==, 2);

  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_setenv ("LANG", "zh_CN.UTF-8", TRUE);
  civ_test_run_cli_as (&unknown, w2_dir, CIV_TEST_SUPERVISOR, pw,
                       (const char *const[]){ "divorce", "take", "J110101-1999-000001", NULL });
  g_unsetenv ("LANGUAGE");
  g_setenv ("LANG", "C.UTF-8", TRUE);
  g_test_message ("%s", unknown.err);
  g_assert_cmpint (unknown.status, ==, 1);
  assert_err (&unknown, "省级系统没有本机关与“J110101-1999-000001”相关的离婚登记申请");
  civ_test_rmdir (work);
  civ_test_rmdir (w2_dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LANG", "C.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  g_test_add_func ("/cli/divorce/usage", test_usage_and_not_enrolled);
  g_test_add_func ("/cli/divorce/take", test_take);
  return g_test_run ();
}
