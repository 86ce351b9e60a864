// SPDX-License-Identifier: GPL-3.0-or-later
/* fuzz-funeral-report.c — `civreg-cli funeral case report FILE`: the death
 * report JSON (docs/cli-funeral.md), then the R-F6 checks on the deceased
 * it yields */
#include "civ-funeral-input.h"
#include "civ-fuzz.h"

#include <string.h>

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (CivFuneralReport) report = NULL;
  g_autoptr (GError) error = NULL;

  report = civ_funeral_report_from_json ((const char *) data, size, &error);
  if (report != NULL)
    {
      g_autoptr (GPtrArray) findings = civ_findings_new ();
      CivFuneralDeceased d;
      GDate              today, day;
      int                minutes;

      g_date_clear (&today, 1);
      g_date_set_dmy (&today, 1, 8, 2026);
      civ_funeral_report_deceased (report, &d);
      civ_funeral_check_deceased (&d, &today, findings);
      g_assert (report->marital_status >= 1 && report->marital_status <= 9);
      if (report->death_at != NULL && civ_funeral_parse_moment (report->death_at, &day, &minutes))
        g_assert (g_date_valid (&day) && minutes >= -1 && minutes < 24 * 60);
      for (const char *const *t =
             (const char *const[]){ report->name, report->address, report->agent_phone, NULL };
           *t != NULL; t++)
        g_assert (g_utf8_validate (*t, -1, NULL) && g_utf8_strlen (*t, -1) <= CIV_FUNERAL_TEXT_MAX);
    }
  else
    g_assert (error != NULL && error->message != NULL);
  return 0;
}
