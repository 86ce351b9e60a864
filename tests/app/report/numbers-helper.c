// SPDX-License-Identifier: GPL-3.0-or-later
/* numbers-helper.c — one window of an office at work: registers couples
 * dated today, their numbers drawn from the province's blocks (issue 17),
 * and delivers the reports (which also exchanges the number blocks) every
 * few registrations. Prints "R k NUMBER" after each commit, "S accepted"
 * after each delivery, "F k MESSAGE" and exits 3 when a registration is
 * refused. The tests run three at once, and kill one with SIGKILL.
 *
 *   numbers-helper DATA_DIR PASSWORD FIRST COUNT SYNC_EVERY
 */
#include <stdio.h>
#include <stdlib.h>

#include "civ-calendar.h"
#include "civ-test-utils.h"
#include "report-test-utils.h"

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  ReportEnv env = { 0 };
  GDate     today;
  int       first, count, every;

  if (argc != 6)
    return 2;
  first = atoi (argv[3]);
  count = atoi (argv[4]);
  every = atoi (argv[5]);
  env.store = civ_store_open (argv[1], CIV_TEST_SUPERVISOR, argv[2], &error);
  if (env.store == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  civ_date_today (&today);
  for (int k = first; k < first + count; k++)
    {
      g_autoptr (GError) refusal = NULL;
      g_autofree char *number = report_env_register_on (&env, k, &today, &refusal);

      if (number == NULL)
        {
          printf ("F %d %s\n", k, refusal->message);
          fflush (stdout);
          g_object_unref (env.store);
          return 3;
        }
      printf ("R %d %s\n", k, number);
      fflush (stdout);
      if (every > 0 && (k - first + 1) % every == 0)
        {
          g_auto (CivReportSyncResult) r = { 0 };
          g_autoptr (GError) sync_error = NULL;
          CivReportSyncOptions options = { .ignore_schedule = TRUE };

          civ_report_sync (env.store, &options, &r, &sync_error);
          printf ("S %u\n", r.accepted);
          fflush (stdout);
        }
    }
  g_object_unref (env.store);
  return 0;
}
