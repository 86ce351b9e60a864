// SPDX-License-Identifier: GPL-3.0-or-later
/* fuzz-divisions.c — `refdata import divisions`: the GB/T 2260 CSV */
#include "civ-fuzz.h"
#include "civ-refdata.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows =
    civ_refdata_parse_divisions ((const char *) data, size, "fuzz.csv", &error);

  g_assert ((rows == NULL) == (error != NULL));
  g_assert (rows == NULL || rows->len > 0);
  return 0;
}
