// SPDX-License-Identifier: GPL-3.0-or-later
/* report-crash-helper.c — the work of a counter in a loop, until killed:
 * registers a couple ("R k"), accepts their divorce application ("D k"),
 * issues the divorce certificate after the cooling-off period ("L k"), and
 * every third couple delivers the reports ("S n"), every fourth backs the
 * office up ("B k", two backups kept). The crash test kills it with SIGKILL
 * at random points of any of these.
 *
 *   report-crash-helper DATA_DIR PASSWORD FIRST BACKUP_FOLDER
 */
#include <stdio.h>
#include <stdlib.h>

#include "civ-backup-service.h"
#include "civ-divorce-service.h"
#include "civ-test-utils.h"
#include "report-test-utils.h"

static const CivDivorceApplication application = {
  .both_present = TRUE,
  .agreement_signed = TRUE,
  .agreement_ref = "协议-2026-001",
  .both_capable = TRUE,
  .certificates_presented = TRUE,
};

static void
say (char what, int k)
{
  printf ("%c %d\n", what, k);
  fflush (stdout);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivCalendar) calendar = civ_calendar_new ();
  ReportEnv env = { 0 };
  GDate     accepted, issued;
  int       first;

  if (argc != 5)
    return 2;
  first = atoi (argv[3]);
  env.store = civ_store_open (argv[1], CIV_TEST_SUPERVISOR, argv[2], &error);
  if (env.store == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  civ_test_date (&accepted, 2026, 11, 24);
  civ_test_date (&issued, 2027, 1, 5); /* inside the issuance window (R-D6) */
  for (int k = first; k < first + 500; k++)
    {
      g_autofree char *j = report_env_register_one (&env, k);

      say ('R', k);
      if (k % 2 == 0)
        {
          g_autoptr (CivDivorceResult) a =
            civ_divorce_accept (env.store, j, &accepted, &application, calendar, &error);
          g_autoptr (CivDivorceResult) l = NULL;

          g_assert_no_error (error);
          say ('D', k);
          l = civ_divorce_issue (env.store, a->record_id, &issued, TRUE, TRUE, calendar, &error);
          g_assert_no_error (error);
          g_assert_nonnull (l->certificate_no);
          say ('L', k);
        }
      if (k % 3 == 0)
        {
          g_auto (CivReportSyncResult) r = { 0 };
          g_autoptr (GError) sync_error = NULL;
          CivReportSyncOptions options = { .ignore_schedule = TRUE };

          civ_report_sync (env.store, &options, &r, &sync_error);
          say ('S', (int) (r.accepted + r.duplicates));
        }
      if (k % 4 == 0)
        {
          g_autoptr (CivBackupInfo) b =
            civ_backup_create (env.store, argv[4], 2, FALSE, 0, NULL, NULL, NULL, &error);

          g_assert_no_error (error);
          say ('B', k);
        }
    }
  g_clear_object (&env.store);
  return 0;
}
