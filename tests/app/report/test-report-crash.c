// SPDX-License-Identifier: GPL-3.0-or-later
/* test-report-crash.c — the crash loop (issue 12): kill -9 the client at
 * random points while it registers marriages, accepts and issues divorces,
 * delivers reports and backs up (report-crash-helper.c); after every kill
 * the office opens with PRAGMA integrity_check ok, an intact audit chain,
 * gapless and unique J and L numbers, nothing committed lost, nothing at
 * the province twice, and every finished backup verifies; after the last
 * kill a sync delivers every report exactly once.
 *
 * CIVREG_CRASH_ROUNDS sets the number of kills (default 10; `make
 * crash-test` runs 220). */
#include <stdlib.h>
#include <string.h>

#include "civ-audit.h"
#include "civ-backup-service.h"
#include "civ-test-utils.h"
#include "report-test-utils.h"

/* Couples numbered apart per round: a helper uses at most 13. */
#define STRIDE 20

static int
rounds (void)
{
  const char *env = g_getenv ("CIVREG_CRASH_ROUNDS");
  int         n = env ? atoi (env) : 10;

  return n > 0 ? n : 10;
}

/* Every backup the folder lists (a finished one: an interrupted one stays
 * hidden as .partial) verifies. */
static void
assert_backups_sound (const char *folder)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) all = civ_backup_list (folder, "110101", &error);

  g_assert_no_error (error);
  for (guint i = 0; all && i < all->len; i++)
    {
      const CivBackupInfo *b = g_ptr_array_index (all, i);
      g_autoptr (CivSecret) key =
        civ_backup_unwrap_key (b->path, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);
      g_autoptr (CivBackupInfo) v = NULL;

      g_assert_no_error (error);
      v = civ_backup_verify (b->path, key, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (v->verified);
    }
}

static void
assert_office_sound (ReportEnv *env, gint64 registered, gint64 issued)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *integrity = NULL;

  env->store =
    civ_store_open (env->office_dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);
  g_assert_no_error (error);
  {
    g_autoptr (sqlite3_stmt) stmt =
      civ_db_prepare (civ_store_get_db (env->store), "PRAGMA integrity_check", &error);
    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    integrity = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  }
  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_true (civ_audit_verify (civ_store_get_db (env->store), NULL, NULL, &error));
  g_assert_no_error (error);

  /* Gapless and unique per prefix and year (R-N1). */
  g_assert_cmpint (report_count (env, "SELECT count(*) FROM (SELECT prefix, year, count(*) AS n, "
                                      "count(DISTINCT serial) AS d, max(serial) AS m FROM "
                                      "certificates GROUP BY prefix, year) WHERE n != d OR n != m"),
                   ==, 0);
  g_assert_cmpint (report_count (env, "SELECT count(*) FROM certificates WHERE prefix NOT IN "
                                      "('J', 'L')"),
                   ==, 0);
  /* Nothing the helper saw committed is lost. */
  g_assert_cmpint (report_count (env, "SELECT count(*) FROM certificates WHERE prefix = 'J'"), >=,
                   registered);
  g_assert_cmpint (report_count (env, "SELECT count(*) FROM certificates WHERE prefix = 'L'"), >=,
                   issued);
  g_assert_cmpint (report_count (env, "SELECT count(*) FROM outbox"), >=, registered + issued);
  report_assert_at_most_once (env);
  g_clear_object (&env->store);
}

static void
test_kill_at_random_points (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_autoptr (GError) error = NULL;
  /* Built beside this test; meson passes its path (tests/app/report/meson.build). */
  g_autofree char *helper = g_strdup (g_getenv ("CIVREG_REPORT_CRASH_HELPER"));
  g_autofree char *backups = NULL;
  gint64           registered = 0, issued = 0, killed_in[5] = { 0 };
  int              n_rounds = rounds ();

  g_assert_nonnull (helper);

  report_env_init (&env);
  report_env_start_server (&env, "server", "ca", NULL);
  report_env_enroll (&env, "client", TRUE, 0);
  g_clear_object (&env.store);
  backups = g_build_filename (env.tmp, "backups", NULL);

  for (int round = 0; round < n_rounds; round++)
    {
      g_autofree char *first = g_strdup_printf ("%d", 1 + round * STRIDE);
      g_autoptr (GSubprocess) proc =
        g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, helper, env.office_dir,
                          CIV_TEST_SUPERVISOR_PW, first, backups, NULL);
      g_autoptr (GDataInputStream) in = NULL;
      int  lines = g_test_rand_int_range (1, 12);
      char last = '-';

      g_assert_no_error (error);
      in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
      for (int i = 0; i < lines; i++)
        {
          g_autofree char *line = g_data_input_stream_read_line (in, NULL, NULL, &error);
          g_assert_no_error (error);
          g_assert_nonnull (line);
          last = line[0];
          if (last == 'R')
            registered++;
          else if (last == 'L')
            issued++;
        }
      /* A random moment inside the next step. */
      g_usleep ((gulong) g_test_rand_int_range (0, 30000));
      g_subprocess_force_exit (proc);
      g_subprocess_wait (proc, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_signaled (proc));
      /* What the helper was doing after its last line. */
      killed_in[last == 'R' ? 0 : last == 'D' ? 1 : last == 'L' ? 2 : last == 'S' ? 3 : 4]++;

      assert_office_sound (&env, registered, issued);
      assert_backups_sound (backups);
    }
  {
    g_autoptr (GDir) dir = g_dir_open (backups, 0, NULL);
    const char *name;
    guint       partial = 0, whole = 0;

    while (dir && (name = g_dir_read_name (dir)) != NULL)
      {
        if (g_str_has_suffix (name, ".partial"))
          partial++;
        else
          whole++;
      }
    /* Backups cut short by a kill stay hidden as .partial, never listed. */
    g_test_message ("backups: %u finished and verified, %u cut short by a kill", whole, partial);
  }
  g_test_message ("%d kills, the last step done being a registration %" G_GINT64_FORMAT
                  ", an acceptance %" G_GINT64_FORMAT ", an issuance %" G_GINT64_FORMAT
                  ", a sync %" G_GINT64_FORMAT ", a backup %" G_GINT64_FORMAT "; %" G_GINT64_FORMAT
                  " registrations and %" G_GINT64_FORMAT " divorces seen committed",
                  n_rounds, killed_in[0], killed_in[1], killed_in[2], killed_in[3], killed_in[4],
                  registered, issued);

  env.store = civ_store_open (env.office_dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);
  g_assert_no_error (error);
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
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/report/crash/kill-9", test_kill_at_random_points);
  return g_test_run ();
}
