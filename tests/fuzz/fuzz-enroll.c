// SPDX-License-Identifier: GPL-3.0-or-later
/* fuzz-enroll.c — what enrolment is given: the first line is the server
 * address, the next lines pins, the whole input a CA file (PEM) */
#include <string.h>

#include "civ-fuzz.h"
#include "civ-report-enroll-private.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_auto (GStrv) lines = g_strsplit (text, "\n", 16);

  {
    g_autoptr (GError) error = NULL;

    if (_civ_report_check_url (lines[0], &error))
      {
        g_assert (g_str_has_prefix (lines[0], "https://"));
        g_assert (strpbrk (lines[0], " \"'\t\r") == NULL);
      }
    else
      g_assert (error != NULL);
  }
  if (lines[0] != NULL)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *pins = _civ_report_check_pins ((const char *const *) lines + 1, &error);

      g_assert ((pins == NULL) == (error != NULL));
    }
  {
    g_autoptr (GError) error = NULL;

    if (!_civ_report_check_ca ((const char *) data, size, "fuzz.pem", &error))
      g_assert (error != NULL);
  }
  return 0;
}
