// SPDX-License-Identifier: GPL-3.0-or-later
/* report-crash-helper.c — registers couples in a loop and syncs every few,
 * printing "R n" after each committed registration, until killed; the
 * crash test kills it with SIGKILL at random points.
 *
 *   report-crash-helper DATA_DIR PASSWORD FIRST
 */
#include <stdio.h>
#include <stdlib.h>

#include "civ-test-utils.h"
#include "report-test-utils.h"

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  ReportEnv env = { 0 };
  int       first;

  if (argc != 4)
    return 2;
  first = atoi (argv[3]);
  env.store = civ_store_open (argv[1], CIV_TEST_SUPERVISOR, argv[2], &error);
  if (env.store == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  for (int k = first; k < first + 500; k++)
    {
      report_env_register (&env, k, 1);
      printf ("R %d\n", k);
      fflush (stdout);
      if (k % 3 == 0)
        {
          g_auto (CivReportSyncResult) r = { 0 };
          g_autoptr (GError) sync_error = NULL;
          CivReportSyncOptions options = { .ignore_schedule = TRUE };

          civ_report_sync (env.store, &options, &r, &sync_error);
          printf ("S %u\n", r.accepted + r.duplicates);
          fflush (stdout);
        }
    }
  g_clear_object (&env.store);
  return 0;
}
