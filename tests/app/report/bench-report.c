// SPDX-License-Identifier: GPL-3.0-or-later
/* bench-report.c — time to deliver 10,000 registrations to the reference
 * server over TLS (architecture.md §9: ≤ 10 s). A benchmark, not a test:
 *
 *   meson test -C BUILD --benchmark bench-report   (or run it directly)
 *
 * The registrations are written first (not timed); then one sync delivers
 * them in batches of 200 and the figure is printed.
 */
#include <stdio.h>

#include "civ-test-utils.h"
#include "report-test-utils.h"

int
main (int argc, char **argv)
{
  g_auto (ReportEnv) env = { 0 };
  g_autoptr (GError) error = NULL;
  g_auto (CivReportSyncResult) r = { 0 };
  int    n = argc > 1 ? atoi (argv[1]) : 10000;
  gint64 t0, t1, t2;
  double secs;

  g_test_init (&argc, &argv, NULL);
  report_env_init (&env);
  report_env_start_server (&env, "server", "ca", NULL);
  report_env_enroll (&env, "client", TRUE, 0);
  t0 = g_get_monotonic_time ();
  report_env_register (&env, 1, n);
  t1 = g_get_monotonic_time ();
  if (!civ_report_sync (env.store, NULL, &r, &error))
    {
      fprintf (stderr, "bench-report: %s\n", error->message);
      return 1;
    }
  t2 = g_get_monotonic_time ();
  report_assert_exactly_once (&env, 0);
  secs = (double) (t2 - t1) / G_USEC_PER_SEC;
  printf ("registered %d couples in %.2f s (not timed)\n", n, (double) (t1 - t0) / G_USEC_PER_SEC);
  printf ("delivered %u reports in %u batches over TLS in %.2f s (%.0f reports/s; target <= 10 s "
          "for 10000)\n",
          r.accepted, r.batches, secs, r.accepted / secs);
  return r.accepted == (guint) n ? 0 : 1;
}
