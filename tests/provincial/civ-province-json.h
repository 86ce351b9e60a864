// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-province-json.h — the reference server's reading of request members
 * shared by its modules (number blocks §8, divorce applications §10) */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The string member @name of @o (may be NULL), NULL when absent, null or
 * not a string. */
const char *civ_province_string_of (JsonObject *o, const char *name);
/* An office code: six ASCII digits. */
gboolean    civ_province_office_ok (const char *s);

/* Member @name of the object being built: @value, or null when NULL. */
void  civ_province_set_string (JsonBuilder *b, const char *name, const char *value);
void  civ_province_set_int (JsonBuilder *b, const char *name, gint64 value);
/* The text of what @b built. */
char *civ_province_builder_text (JsonBuilder *b);

G_END_DECLS
