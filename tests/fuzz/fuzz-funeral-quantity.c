// SPDX-License-Identifier: GPL-3.0-or-later
/* fuzz-funeral-quantity.c — a bill line's quantity and an area code as a
 * person types them (civreg-cli funeral bill CASE_NO add ITEM QUANTITY,
 * the bill dialog): a whole number in range, or an error naming the rule */
#include <string.h>

#include "civ-app-error.h"
#include "civ-funeral-money.h"
#include "civ-fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) areas = NULL;
  gint64 quantity = -1;

  if (civ_funeral_quantity_parse (text, &quantity, &error))
    {
      g_assert (error == NULL);
      g_assert (quantity >= 1 && quantity <= CIV_FEE_MAX_QUANTITY);
    }
  else
    {
      g_assert (error != NULL && error->message != NULL);
      g_assert (g_strcmp0 (civ_app_error_get_rule (error), "R-F4") == 0);
      g_assert (quantity == -1);
    }
  areas = civ_funeral_office_areas (text);
  g_assert (areas != NULL);
  if (civ_funeral_area_valid (text))
    {
      g_assert (g_strv_length (areas) >= 1 && g_strv_length (areas) <= 3);
      for (guint i = 0; areas[i] != NULL; i++)
        g_assert (civ_funeral_area_covers (areas[i], text));
    }
  else
    g_assert (g_strv_length (areas) == 0);
  return 0;
}
