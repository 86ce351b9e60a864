// SPDX-License-Identifier: GPL-3.0-or-later
/* test-report-crash.c — kill -9 the client at random points while it
 * registers and sends; after restart and sync the province holds every
 * committed registration exactly once and PRAGMA integrity_check is ok */
#include <string.h>

#include "civ-test-utils.h"
#include "report-test-utils.h"

#define ROUNDS 6

static void
test_kill_while_registering_and_sending (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_autoptr (GError) error = NULL;
  /* Built beside this test; meson passes its path (tests/app/report/meson.build). */
  g_autofree char *helper = g_strdup (g_getenv ("CIVREG_REPORT_CRASH_HELPER"));
  g_autofree char *integrity = NULL;
  gint64           committed_seen = 0;

  g_assert_nonnull (helper);

  report_env_init (&env);
  report_env_start_server (&env, "server", "ca", NULL);
  report_env_enroll (&env, "client", TRUE, 0);
  g_clear_object (&env.store);

  for (int round = 0; round < ROUNDS; round++)
    {
      g_autofree char *first = g_strdup_printf ("%d", 1 + round * 500);
      g_autoptr (GSubprocess) proc =
        g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, helper, env.office_dir,
                          CIV_TEST_SUPERVISOR_PW, first, NULL);
      g_autoptr (GDataInputStream) in = NULL;
      int lines = g_test_rand_int_range (1, 12);

      g_assert_no_error (error);
      in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
      for (int i = 0; i < lines; i++)
        {
          g_autofree char *line = g_data_input_stream_read_line (in, NULL, NULL, &error);
          g_assert_no_error (error);
          g_assert_nonnull (line);
          if (line[0] == 'R')
            committed_seen++;
        }
      /* A random moment inside the next registration or sync. */
      g_usleep ((gulong) g_test_rand_int_range (0, 30000));
      g_subprocess_force_exit (proc);
      g_subprocess_wait (proc, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_signaled (proc));
    }

  env.store = civ_store_open (env.office_dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);
  g_assert_no_error (error);
  {
    g_autoptr (sqlite3_stmt) stmt =
      civ_db_prepare (civ_store_get_db (env.store), "PRAGMA integrity_check", &error);
    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    integrity = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  }
  g_assert_cmpstr (integrity, ==, "ok");
  /* Every registration the helper reported committed is there, each with
   * its outbox row. */
  g_assert_cmpint (report_count (&env, "SELECT count(*) FROM marriages"), >=, committed_seen);
  g_assert_cmpint (report_count (&env, "SELECT count(*) FROM outbox"), ==,
                   report_count (&env, "SELECT count(*) FROM marriages"));

  for (int i = 0; i < 3; i++)
    {
      g_auto (CivReportSyncResult) r = { 0 };
      CivReportSyncOptions options = { .ignore_schedule = TRUE };

      g_clear_error (&error);
      if (civ_report_sync (env.store, &options, &r, &error) && r.pending == 0)
        break;
    }
  g_assert_no_error (error);
  report_assert_exactly_once (&env, 0);
  g_assert_true (civ_audit_verify (civ_store_get_db (env.store), NULL, NULL, &error));
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/report/crash/kill-9", test_kill_while_registering_and_sending);
  return g_test_run ();
}
