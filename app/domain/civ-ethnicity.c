// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-ethnicity.c — GB/T 3304-1991 ethnic-group codes, read from the table
 * resources/codes/gbt-3304.csv (civ-code-table.h) */
#include "civ-ethnicity.h"

#include "civ-code-table.h"

const char *
civ_ethnicity_name (const char *code)
{
  return civ_code_table_lookup (civ_code_table_get (CIV_CODES_GBT_3304), code);
}

const char *
civ_ethnicity_code (const char *name)
{
  return civ_code_table_find_name (civ_code_table_get (CIV_CODES_GBT_3304), name);
}
