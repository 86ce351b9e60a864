// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-json-guard.h — outside JSON is measured before it is parsed
 *
 * json-glib 1.6 parses recursively: a document nested 100,000 deep
 * overflows the stack. Every parse of bytes that come from outside (a file
 * a person gives, the key-slot file, a server's reply) goes through
 * civ_json_guard_parse (), which first scans the bytes once, iteratively and
 * without allocating, for their size, their nesting depth and a NUL inside a
 * text, and only then hands them to json-glib.
 *
 *   g_autoptr (JsonParser) p = civ_json_guard_parse (data, len, CIV_JSON_GUARD_INPUT_MAX,
 *                                                    CIV_JSON_GUARD_NO_DUPLICATES, &error);
 *
 * app/ reaches it through civ_json_parse_outside () (civ-json.h).
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CIV_JSON_GUARD_ERROR (civ_json_guard_error_quark ())
GQuark civ_json_guard_error_quark (void);

typedef enum
{
  CIV_JSON_GUARD_ERROR_TOO_LARGE, /* more bytes than the caller allows */
  CIV_JSON_GUARD_ERROR_TOO_DEEP,  /* nested deeper than CIV_JSON_GUARD_MAX_DEPTH */
  CIV_JSON_GUARD_ERROR_NUL,       /* a NUL byte, or \u0000 inside a text */
  CIV_JSON_GUARD_ERROR_DUPLICATE, /* an object names a member twice */
  CIV_JSON_GUARD_ERROR_SYNTAX,    /* json-glib refused the document */
} CivJsonGuardError;

typedef enum
{
  CIV_JSON_GUARD_NONE = 0,
  /* Also refuse an object that names a member twice (json-glib silently
   * keeps the last one). */
  CIV_JSON_GUARD_NO_DUPLICATES = 1 << 0,
} CivJsonGuardFlags;

/* Deepest nesting of arrays and objects any outside document may have. */
#define CIV_JSON_GUARD_MAX_DEPTH 64
/* Sizes callers use: inputs a person gives and server replies, key slots. */
#define CIV_JSON_GUARD_INPUT_MAX ((gsize) 1024 * 1024)
#define CIV_JSON_GUARD_KEYSLOTS_MAX ((gsize) 64 * 1024)

/* Checks size, depth and NULs (and duplicates when asked) without parsing. */
gboolean civ_json_guard_check (
  const char *data, gsize len, gsize max_bytes, CivJsonGuardFlags flags, GError **error);

/* civ_json_guard_check (), then json-glib. NULL with @error set on refusal. */
JsonParser *civ_json_guard_parse (
  const char *data, gsize len, gsize max_bytes, CivJsonGuardFlags flags, GError **error);

/* Reads at most @max_bytes of @path (never more, so /dev/zero fails fast);
 * a longer file is CIV_JSON_GUARD_ERROR_TOO_LARGE. @contents is
 * NUL-terminated. */
gboolean civ_json_guard_read_file (
  const char *path, gsize max_bytes, char **contents, gsize *len, GError **error);

G_END_DECLS
