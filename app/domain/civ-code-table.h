// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-code-table.h — the small code tables of national standards that are
 * data, not code (resources/codes/: GB/T 3304 ethnic groups, GB/T 2261.2
 * marital statuses; MZ/T 113-2018 asks for them, domain.md R-H4)
 *
 * A table is UTF-8 CSV: '#' comment lines first, then the header line
 * "code,name", then one "code,name" row a line (LF or CRLF). Codes are
 * ASCII digits or letters; names are not empty and hold no comma. The
 * tables are compiled into libcivreg-app (civ-domain.gresource.xml) and
 * parsed once on first use, as civ-countries.c does with its table.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CIV_CODES_GBT_3304 "/org/civreg/Civreg/codes/gbt-3304.csv"
#define CIV_CODES_GBT_2261_2 "/org/civreg/Civreg/codes/gbt-2261-2.csv"

typedef struct _CivCodeTable CivCodeTable;

/* Parses @bytes. A malformed line (no header, a wrong field count, an empty
 * or non-ASCII code, an empty name, a repeated code or name, invalid UTF-8)
 * refuses the whole table with CIV_APP_ERROR_FORMAT naming the line. */
CivCodeTable *civ_code_table_new_from_bytes (GBytes *bytes, GError **error);
void          civ_code_table_free (CivCodeTable *table);
/* The table of the resource at @path, parsed once and kept for the process;
 * an empty table (and a critical warning) when it does not parse, which is
 * a defect of the build. */
CivCodeTable *civ_code_table_get (const char *path);

guint       civ_code_table_get_n_codes (CivCodeTable *table);
/* The @i-th code, in the order of the file. */
const char *civ_code_table_get_code (CivCodeTable *table, guint i);
/* The name of @code, or NULL. */
const char *civ_code_table_lookup (CivCodeTable *table, const char *code);
/* The code of @name, or NULL. */
const char *civ_code_table_find_name (CivCodeTable *table, const char *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivCodeTable, civ_code_table_free)

G_END_DECLS
