// SPDX-License-Identifier: GPL-3.0-or-later
/* test-calendar.c — working days and the divorce deadlines (R-D5, R-D6) */
#include "civ-calendar.h"
#include "civ-refdata.h"

static GDate
date (int y, int m, int d)
{
  GDate result;

  g_date_clear (&result, 1);
  g_date_set_dmy (&result, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return result;
}

static void
assert_date (const GDate *actual, const char *expected)
{
  g_autofree char *text = civ_date_format_iso (actual);

  g_assert_cmpstr (text, ==, expected);
}

static CivCalendar *
calendar_from_file (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) days = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *base = g_path_get_basename (path);
  CivCalendar     *calendar;
  gsize            length = 0;
  int              year = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  civ_refdata_parse_holidays (contents, length, base, &year, &days, &error);
  g_assert_no_error (error);
  calendar = civ_calendar_new ();
  for (guint i = 0; i < days->len; i++)
    {
      const CivHolidayRow *row = g_ptr_array_index (days, i);
      GDate                d;

      g_assert_true (civ_date_parse_iso (row->day, &d));
      civ_calendar_add_day (calendar, &d, row->name, row->is_off_day);
    }
  if (days->len > 0)
    civ_calendar_add_year (calendar, year);
  return calendar;
}

static CivCalendar *
fixture_calendar (void)
{
  g_autofree char *path =
    g_test_build_filename (G_TEST_DIST, "fixtures", "holidays", "2024-national-day.json", NULL);
  return calendar_from_file (path);
}

/* domain.md §2.2 worked example: accepted 2024-09-02 → cooling-off ends
 * 2024-10-08 → window 2024-10-09…2024-11-07 → LAPSED from 2024-11-08. */
static void
assert_worked_example (CivCalendar *calendar)
{
  CivDivorceDeadlines d;
  GDate               accepted = date (2024, 9, 2);
  GDate               probe;

  civ_divorce_deadlines_compute (calendar, &accepted, &d);
  assert_date (&d.accepted, "2024-09-02");
  assert_date (&d.cooling_off_end, "2024-10-08");
  assert_date (&d.window_start, "2024-10-09");
  assert_date (&d.window_end, "2024-11-07");
  assert_date (&d.lapsed_from, "2024-11-08");
  g_assert_false (d.provisional);

  probe = date (2024, 9, 1);
  g_assert_cmpint (civ_divorce_deadlines_phase (&d, &probe), ==, CIV_DIVORCE_PHASE_BEFORE);
  probe = date (2024, 9, 2);
  g_assert_cmpint (civ_divorce_deadlines_phase (&d, &probe), ==, CIV_DIVORCE_PHASE_COOLING);
  probe = date (2024, 10, 8);
  g_assert_cmpint (civ_divorce_deadlines_phase (&d, &probe), ==, CIV_DIVORCE_PHASE_COOLING);
  probe = date (2024, 10, 9);
  g_assert_cmpint (civ_divorce_deadlines_phase (&d, &probe), ==, CIV_DIVORCE_PHASE_WINDOW);
  probe = date (2024, 11, 7);
  g_assert_cmpint (civ_divorce_deadlines_phase (&d, &probe), ==, CIV_DIVORCE_PHASE_WINDOW);
  probe = date (2024, 11, 8);
  g_assert_cmpint (civ_divorce_deadlines_phase (&d, &probe), ==, CIV_DIVORCE_PHASE_LAPSED);
}

static void
test_worked_example_fixture (void)
{
  g_autoptr (CivCalendar) calendar = fixture_calendar ();

  assert_worked_example (calendar);
}

static void
test_worked_example_full_table (void)
{
  const char      *shared = g_getenv ("CIVREG_SHARED_DATA");
  g_autofree char *path = NULL;
  g_autoptr (CivCalendar) calendar = NULL;
  GDate d;

  if (shared == NULL || !g_file_test (shared, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("CIVREG_SHARED_DATA is not set");
      return;
    }
  path = g_build_filename (shared, "holidays", "2024.json", NULL);
  calendar = calendar_from_file (path);
  assert_worked_example (calendar);

  /* Spring Festival 2024: 02-04 (Sunday) was a make-up working day. */
  d = date (2024, 2, 4);
  g_assert_false (civ_calendar_is_rest_day (calendar, &d, NULL));
  d = date (2024, 2, 12);
  g_assert_true (civ_calendar_is_rest_day (calendar, &d, NULL));
  g_assert_cmpstr (civ_calendar_day_name (calendar, &d), ==, "春节");
}

static void
test_rest_days (void)
{
  g_autoptr (CivCalendar) calendar = fixture_calendar ();
  gboolean provisional = FALSE;
  GDate    d;

  g_assert_true (civ_calendar_covers (calendar, 2024));
  g_assert_false (civ_calendar_covers (calendar, 2025));

  d = date (2024, 10, 2); /* Wednesday, National Day */
  g_assert_true (civ_calendar_is_rest_day (calendar, &d, &provisional));
  g_assert_cmpstr (civ_calendar_day_name (calendar, &d), ==, "国庆节");
  d = date (2024, 9, 29); /* Sunday, make-up working day */
  g_assert_false (civ_calendar_is_rest_day (calendar, &d, &provisional));
  d = date (2024, 10, 12); /* Saturday, make-up working day */
  g_assert_false (civ_calendar_is_rest_day (calendar, &d, &provisional));
  d = date (2024, 10, 13); /* ordinary Sunday */
  g_assert_true (civ_calendar_is_rest_day (calendar, &d, &provisional));
  g_assert_null (civ_calendar_day_name (calendar, &d));
  d = date (2024, 10, 14); /* ordinary Monday */
  g_assert_false (civ_calendar_is_rest_day (calendar, &d, &provisional));
  g_assert_false (provisional);

  d = date (2025, 1, 4); /* Saturday in a year the table does not cover */
  g_assert_true (civ_calendar_is_rest_day (calendar, &d, &provisional));
  g_assert_true (provisional);
}

static void
test_period_end (void)
{
  g_autoptr (CivCalendar) calendar = fixture_calendar ();
  gboolean provisional = FALSE;
  GDate    start, end;

  /* Day 30 is a make-up working Saturday: it stays. */
  start = date (2024, 9, 12);
  civ_calendar_period_end (calendar, &start, 30, &end, &provisional);
  assert_date (&end, "2024-10-12");
  /* Day 30 is an ordinary Saturday: moved to Monday. */
  start = date (2024, 10, 10);
  civ_calendar_period_end (calendar, &start, 30, &end, &provisional);
  assert_date (&end, "2024-11-11");
  /* Day 30 is a working Tuesday. */
  start = date (2024, 10, 8);
  civ_calendar_period_end (calendar, &start, 30, &end, &provisional);
  assert_date (&end, "2024-11-07");
  /* Day 30 on the first day of the holiday: to the first working day after it. */
  start = date (2024, 9, 1);
  civ_calendar_period_end (calendar, &start, 30, &end, &provisional);
  assert_date (&end, "2024-10-08");
  g_assert_false (provisional);
}

static void
test_provisional (void)
{
  g_autoptr (CivCalendar) calendar = fixture_calendar ();
  CivDivorceDeadlines d;
  GDate               accepted;

  /* The window runs into 2025, which the table does not cover. */
  accepted = date (2024, 11, 20);
  civ_divorce_deadlines_compute (calendar, &accepted, &d);
  g_assert_true (d.provisional);
  assert_date (&d.cooling_off_end, "2024-12-20");

  accepted = date (2027, 3, 1);
  civ_divorce_deadlines_compute (calendar, &accepted, &d);
  g_assert_true (d.provisional);

  /* Entirely inside 2024. */
  accepted = date (2024, 3, 1);
  civ_divorce_deadlines_compute (calendar, &accepted, &d);
  g_assert_false (d.provisional);
}

/* Without any table only weekends are known, and every result is provisional. */
static void
test_no_calendar (void)
{
  CivDivorceDeadlines d;
  GDate               accepted = date (2024, 9, 2);
  GDate               saturday = date (2024, 10, 12);
  gboolean            provisional = FALSE;

  g_assert_true (civ_calendar_is_rest_day (NULL, &saturday, &provisional));
  g_assert_true (provisional);
  civ_divorce_deadlines_compute (NULL, &accepted, &d);
  assert_date (&d.cooling_off_end, "2024-10-02");
  g_assert_true (d.provisional);
}

static void
test_date_parse (void)
{
  GDate d;

  g_assert_true (civ_date_parse_iso ("2024-02-29", &d));
  assert_date (&d, "2024-02-29");
  g_assert_false (civ_date_parse_iso ("2023-02-29", &d));
  g_assert_false (civ_date_parse_iso ("2024-02-30", &d));
  g_assert_false (civ_date_parse_iso ("2024-13-01", &d));
  g_assert_false (civ_date_parse_iso ("2024-00-10", &d));
  g_assert_false (civ_date_parse_iso ("2024-2-3", &d));
  g_assert_false (civ_date_parse_iso ("20240203", &d));
  g_assert_false (civ_date_parse_iso ("2024-02-03x", &d));
  g_assert_false (civ_date_parse_iso ("0000-01-01", &d));
  g_assert_false (civ_date_parse_iso ("", &d));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/calendar/R-D5/worked-example-fixture", test_worked_example_fixture);
  g_test_add_func ("/calendar/R-D5/worked-example-full-table", test_worked_example_full_table);
  g_test_add_func ("/calendar/rest-days", test_rest_days);
  g_test_add_func ("/calendar/R-D5/period-end", test_period_end);
  g_test_add_func ("/calendar/R-D6/provisional", test_provisional);
  g_test_add_func ("/calendar/no-calendar", test_no_calendar);
  g_test_add_func ("/calendar/date-parse", test_date_parse);

  return g_test_run ();
}
