// SPDX-License-Identifier: GPL-3.0-or-later
/* bench-numbers.c — what number blocks (issue 17, R-N1) cost. A benchmark,
 * not a test:
 *
 *   meson test -C BUILD --benchmark bench-numbers   (or run it directly)
 *   bench-numbers [REGISTRATIONS] [DRAWS] [REFILLS]
 *
 * Prints, for an office numbering with its local counter and one drawing
 * from the province's blocks (the reference server over TLS on loopback):
 * the median and mean time of a whole registration, the time of the draw
 * alone (inside an open transaction, as the registration does it), and the
 * round trip of a refill (the exchange that receives a new block).
 */
#include <stdio.h>
#include <stdlib.h>

#include "civ-calendar.h"
#include "civ-test-utils.h"
#include "report-test-utils.h"

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
print_figures (const char *what, GArray *ms)
{
  double sum = 0;

  g_array_sort (ms, cmp_double);
  for (guint i = 0; i < ms->len; i++)
    sum += g_array_index (ms, double, i);
  printf ("%-44s n=%-6u median %8.3f ms  mean %8.3f ms  p95 %8.3f ms\n", what, ms->len,
          g_array_index (ms, double, ms->len / 2), sum / ms->len,
          g_array_index (ms, double, MIN (ms->len - 1, ms->len * 95 / 100)));
}

/* @n registrations dated today, each timed. */
static GArray *
time_registrations (ReportEnv *env, int first, int n)
{
  GArray *ms = g_array_new (FALSE, FALSE, sizeof (double));
  GDate   today;

  civ_date_today (&today);
  for (int k = first; k < first + n; k++)
    {
      gint64 t0 = g_get_monotonic_time ();
      double d;

      g_free (report_env_register_on (env, k, &today, NULL));
      d = (double) (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (ms, d);
    }
  return ms;
}

/* µs per draw of @n serials in one open transaction (rolled back). */
static double
time_draws (CivStore *store, int n)
{
  g_autoptr (GError) error = NULL;
  CivDb *db = civ_store_get_db (store);
  GDate  today;
  gint64 t0, serial = 0;
  double us;

  civ_date_today (&today);
  g_assert_true (civ_db_begin (db, &error));
  t0 = g_get_monotonic_time ();
  for (int i = 0; i < n; i++)
    if (!civ_number_draw (db, "L", "110101", g_date_get_year (&today), &serial, &error))
      g_error ("%s", error->message);
  us = (double) (g_get_monotonic_time () - t0) / n;
  civ_db_rollback (db);
  return us;
}

int
main (int argc, char **argv)
{
  g_auto (ReportEnv) local = { 0 };
  g_auto (ReportEnv) blocks = { 0 };
  g_auto (ReportEnv) small = { 0 };
  g_autoptr (GArray) local_ms = NULL;
  g_autoptr (GArray) block_ms = NULL;
  g_autoptr (GArray) refill_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) held_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GError) error = NULL;
  int               n = argc > 1 ? atoi (argv[1]) : 300;
  int               draws = argc > 2 ? atoi (argv[2]) : 5000;
  int               refills = argc > 3 ? atoi (argv[3]) : 30;
  g_autofree char  *big = NULL;
  const char *const with_blocks[] = { "--number-blocks", NULL };
  double            local_us, block_us;

  g_test_init (&argc, &argv, NULL);
  if (n < 10 || draws < 100 || refills < 1)
    {
      fprintf (stderr, "bench-numbers: REGISTRATIONS ≥ 10, DRAWS ≥ 100, REFILLS ≥ 1\n");
      return 2;
    }
  /* The local counter: an office not enrolled. */
  report_env_init (&local);
  /* The blocks: enrolled, with a reserve large enough that no refill
   * happens while the registrations are timed. */
  report_env_init (&blocks);
  report_env_start_server (&blocks, "server", "ca", with_blocks);
  report_env_enroll (&blocks, "client", TRUE, 0);
  big = g_strdup_printf ("%d", MAX (n, draws) + 10);
  g_assert_true (
    civ_db_set_setting (civ_store_get_db (blocks.store), "numbers.reserve", big, &error));
  {
    g_auto (CivReportNumbersResult) r = { 0 };

    if (!civ_report_numbers_exchange (blocks.store, FALSE, &r, &error) || !r.from_blocks)
      g_error ("no blocks: %s", error ? error->message : "the province handed out none");
  }

  local_ms = time_registrations (&local, 1, n);
  block_ms = time_registrations (&blocks, 1, n);
  local_us = time_draws (local.store, draws);
  block_us = time_draws (blocks.store, draws);

  /* Refills: an office with a reserve of 2 asks for a block about every
   * other registration. */
  report_env_init (&small);
  report_env_start_server (&small, "server", "ca", with_blocks);
  report_env_enroll (&small, "client", TRUE, 0);
  g_assert_true (
    civ_db_set_setting (civ_store_get_db (small.store), "numbers.reserve", "2", &error));
  for (int k = 1; (int) refill_ms->len < refills && k <= 20 * refills; k++)
    {
      g_auto (CivReportNumbersResult) r = { 0 };
      GDate  today;
      gint64 t0;
      double d;

      if (k > 1)
        {
          civ_date_today (&today);
          g_free (report_env_register_on (&small, k, &today, NULL));
        }
      t0 = g_get_monotonic_time ();
      if (!civ_report_numbers_exchange (small.store, FALSE, &r, &error))
        g_error ("%s", error->message);
      d = (double) (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (r.blocks > 0 ? refill_ms : held_ms, d);
    }

  printf ("bench-numbers: %d registrations each, %d draws each, refills over TLS on loopback\n", n,
          draws);
  print_figures ("registration, local counter", local_ms);
  print_figures ("registration, number block", block_ms);
  printf ("%-44s %8.2f µs local, %8.2f µs block, added %+8.2f µs per registration\n",
          "the draw alone (inside the transaction)", local_us, block_us, block_us - local_us);
  print_figures ("refill round trip (a new block received)", refill_ms);
  if (held_ms->len)
    print_figures ("exchange without a new block", held_ms);
  return 0;
}
