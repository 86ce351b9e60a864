// SPDX-License-Identifier: GPL-3.0-or-later
/* fuzz-holidays.c — `refdata import holidays`: one year's JSON, then the
 * working-day calendar built from what it yields */
#include "civ-calendar.h"
#include "civ-fuzz.h"
#include "civ-refdata.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) days = NULL;
  int year = 0;

  if (!civ_refdata_parse_holidays ((const char *) data, size, "fuzz.json", &year, &days, &error))
    {
      g_assert (error != NULL && days == NULL);
      return 0;
    }
  g_assert (year >= 1949 && year <= 2199);
  for (guint i = 0; i < days->len; i++)
    {
      const CivHolidayRow *row = g_ptr_array_index (days, i);
      GDate                d;

      /* Only the year's own days, or the end of the December before. */
      g_assert (civ_date_parse_iso (row->day, &d));
      g_assert ((int) g_date_get_year (&d) == year || ((int) g_date_get_year (&d) == year - 1 &&
                                                       g_date_get_month (&d) == G_DATE_DECEMBER));
    }
  return 0;
}
