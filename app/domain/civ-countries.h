// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-countries.h — countries and regions (GB/T 2659, ISO 3166-1) with their
 * Chinese short names: nationality of a party (domain.md §2.7, R-H4), the
 * nationality digits of a permanent-resident card (R-ID8)
 *
 * The table is data: resources/countries.tsv, written by
 * tools/make-countries.py from Debian's iso-codes and corrected by hand
 * (中国香港, 中国澳门, 中国台湾; short names). It is compiled into
 * libcivreg-app as the resource /org/civreg/Civreg/countries.tsv, so the
 * application, civreg-cli and the tests read the same table, parsed once on
 * first use.
 *
 * Codes are the upper-case alpha-3 codes GB/T 2659 prints ("CHN"). A lower-
 * case code is refused, not normalised: a code is stored as it is given, so
 * whoever takes one from a person upper-cases it first (g_ascii_strup ()).
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CIV_COUNTRIES_RESOURCE "/org/civreg/Civreg/countries.tsv"

/* The Chinese short name of @alpha3 ("CHN" → "中国", "HKG" → "中国香港"),
 * or NULL for a code not in the table. */
const char        *civ_country_name (const char *alpha3);
/* TRUE when @alpha3 is a code of the table. */
gboolean           civ_country_code_is_valid (const char *alpha3);
/* The ISO 3166-1 numeric code of @alpha3 (156 for "CHN"), or 0. */
guint              civ_country_numeric (const char *alpha3);
/* The alpha-3 code of a numeric code (840 → "USA"), or NULL. */
const char        *civ_country_for_numeric (guint numeric);
/* Every alpha-3 code, sorted, NULL-terminated (for a combo box). */
const char *const *civ_country_codes (void);

/* A parsed table. The functions above use the one of the resource; a table
 * of other bytes is for tests and the fuzz target. */
typedef struct _CivCountryTable CivCountryTable;

/* Parses @bytes: UTF-8, one country a line, "alpha-3 TAB numeric TAB name"
 * with LF line ends, '#' comment lines. Any malformed line (a wrong field
 * count, a code not three upper-case letters, a numeric code not three
 * digits, an empty or padded name, control characters, invalid UTF-8, a
 * repeated code) refuses the whole table with CIV_APP_ERROR_FORMAT naming
 * the line. */
CivCountryTable   *civ_country_table_new_from_bytes (GBytes *bytes, GError **error);
void               civ_country_table_free (CivCountryTable *table);
guint              civ_country_table_get_n_countries (CivCountryTable *table);
const char        *civ_country_table_lookup (CivCountryTable *table, const char *alpha3);
const char *const *civ_country_table_get_codes (CivCountryTable *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivCountryTable, civ_country_table_free)

G_END_DECLS
