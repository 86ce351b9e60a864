// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-ethnicity.h — the ethnic groups of GB/T 3304-1991 by their two-digit
 * codes, as the ID card's chip gives them (01 汉族 … 56 基诺族, 97 其他,
 * 98 外国血统中国籍人士); the form and the record keep the name */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The name for @code ("01" → "汉族"), or NULL for a code the table does not hold. */
const char *civ_ethnicity_name (const char *code);
/* The code for @name ("汉族" → "01"), or NULL. */
const char *civ_ethnicity_code (const char *name);

G_END_DECLS
