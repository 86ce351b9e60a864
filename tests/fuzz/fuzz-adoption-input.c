// SPDX-License-Identifier: GPL-3.0-or-later
/* fuzz-adoption-input.c — `civreg-cli rules adoption FILE`: the application
 * JSON (docs/cli-rules.md), then the adoption rules and deadlines on what it
 * yields */
#include "civ-adoption-input.h"
#include "civ-fuzz.h"
#include "civ-json-guard.h"

#include <string.h>

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (CivAdoptionInput) input = NULL;
  g_autoptr (GError) error = NULL;

  input = civ_adoption_input_parse ((const char *) data, size, &error);
  if (input != NULL)
    {
      const CivAdoptionApplication *app = civ_adoption_input_get_application (input);
      g_autoptr (GPtrArray) findings = civ_adoption_check (app);
      CivAdoptionDates dates;

      (void) civ_adoption_may_register (findings);
      (void) civ_adoption_notice_needed (app);
      (void) civ_adoption_assessment_needed (app);
      civ_adoption_dates (NULL, &app->application_date, &app->notice_published, &dates);
      g_assert (g_date_valid (&dates.review_deadline));

      /* What is written reads back to the same application. */
      {
        g_autofree char *written = civ_adoption_application_to_json (app);
        gsize            len = strlen (written);

        if (len <= CIV_JSON_GUARD_INPUT_MAX)
          {
            g_autoptr (CivAdoptionInput) again = civ_adoption_input_parse (written, len, NULL);
            g_autofree char *rewritten = NULL;

            g_assert (again != NULL);
            rewritten =
              civ_adoption_application_to_json (civ_adoption_input_get_application (again));
            g_assert (strcmp (written, rewritten) == 0);
          }
      }
    }
  else
    g_assert (error != NULL && error->message != NULL);
  return 0;
}
