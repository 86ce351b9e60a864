// SPDX-License-Identifier: GPL-3.0-or-later
/* fuzz-funeral-scope.c — `stats cremation-rate --scope CODE`: the division
 * code a person types, read as a province, a city or a county */
#include <string.h>

#include "civ-funeral-stats.h"
#include "civ-fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  /* A command-line argument: the bytes up to the first NUL. */
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr (GError) error = NULL;
  g_autofree char *prefix = NULL;
  const char      *level = NULL;
  g_autofree char *code = civ_funeral_stats_parse_scope (text, &prefix, &level, &error);

  g_assert ((code == NULL) == (error != NULL));
  if (code != NULL)
    {
      g_assert (strlen (code) == 6 && strspn (code, "0123456789") == 6);
      g_assert (g_str_has_prefix (code, prefix));
      g_assert ((strcmp (level, "province") == 0 && strlen (prefix) == 2) ||
                (strcmp (level, "city") == 0 && strlen (prefix) == 4) ||
                (strcmp (level, "county") == 0 && strlen (prefix) == 6));
      for (gsize i = strlen (prefix); i < 6; i++)
        g_assert (code[i] == '0');
    }
  return 0;
}
