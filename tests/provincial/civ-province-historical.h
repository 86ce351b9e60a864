// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-province-historical.h — the reference server's check of a historical
 * record's payload (docs/provincial-protocol.md §3, "Historical records") */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* NULL when @payload is a well-formed historical record; otherwise the
 * reason the item is rejected (for a person, naming the member). */
char *civ_province_check_historical (JsonObject *payload);

G_END_DECLS
