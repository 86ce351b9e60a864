// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-province-funeral.h — the reference server's check of a funeral
 * case's report (docs/provincial-protocol.md §3, "Funeral cases") */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* NULL when @payload is a well-formed funeral report; otherwise the reason
 * the item is rejected (for a person, naming the member). */
char *civ_province_check_funeral (JsonObject *payload);

G_END_DECLS
