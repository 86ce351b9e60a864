// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-province-adoption.h — the reference server's check of an adoption
 * report's payload (docs/provincial-protocol.md §3, "Adoptions") */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* NULL when @payload is a well-formed adoption report; otherwise the
 * reason the item is rejected (for a person, naming the member). */
char *civ_province_check_adoption (JsonObject *payload);

G_END_DECLS
