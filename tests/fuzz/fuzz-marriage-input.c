// SPDX-License-Identifier: GPL-3.0-or-later
/* fuzz-marriage-input.c — `civreg-cli rules marriage FILE`: the application
 * JSON (docs/cli-rules.md), then the marriage rules on what it yields */
#include "civ-fuzz.h"
#include "civ-marriage-input.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (CivMarriageInput) input = NULL;
  g_autoptr (GError) error = NULL;

  input = civ_marriage_input_parse ((const char *) data, size, &error);
  if (input != NULL)
    {
      const CivMarriageApplication *app = civ_marriage_input_get_application (input);
      g_autoptr (GPtrArray) findings = civ_marriage_check (app);

      (void) civ_marriage_may_register (findings);
      (void) civ_marriage_nature (app, 0);
      (void) civ_marriage_nature (app, 1);
    }
  else
    g_assert (error != NULL && error->message != NULL);
  return 0;
}
