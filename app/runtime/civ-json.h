// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-json.h — small JSON objects (audit details, command-line output)
 * built with json-glib, never with printf: every string is escaped, so a
 * quote in a name or a path cannot break the document.
 *
 *   g_autoptr (CivJson) j = civ_json_new ();
 *   civ_json_string (j, "record_id", id);
 *   civ_json_int (j, "party", 1);
 *   detail = civ_json_finish (j);      → {"record_id":"…","party":1}
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "civ-json-guard.h"

G_BEGIN_DECLS

typedef struct _CivJson CivJson;

CivJson *civ_json_new (void);
void     civ_json_free (CivJson *json);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivJson, civ_json_free)

/* A NULL @value is written as null. */
void  civ_json_string (CivJson *json, const char *key, const char *value);
void  civ_json_int (CivJson *json, const char *key, gint64 value);
void  civ_json_bool (CivJson *json, const char *key, gboolean value);
/* An array of strings; @values NULL-terminated, may be NULL (empty). */
void  civ_json_strv (CivJson *json, const char *key, const char *const *values);
/* The object as compact JSON; @json can take no more members. */
char *civ_json_finish (CivJson *json);

/* Parses JSON that comes from outside (a file a person gives, a server's
 * reply): refused before json-glib sees it when larger than @max_bytes,
 * nested deeper than CIV_JSON_GUARD_MAX_DEPTH or holding a NUL
 * (CIV_JSON_GUARD_ERROR, civ-json-guard.h). The one path for outside JSON. */
JsonParser *civ_json_parse_outside (
  const char *data, gsize len, gsize max_bytes, CivJsonGuardFlags flags, GError **error);
/* The same for a file, of which at most @max_bytes are ever read. */
JsonParser *civ_json_parse_outside_file (const char       *path,
                                         gsize             max_bytes,
                                         CivJsonGuardFlags flags,
                                         GError          **error);

G_END_DECLS
