// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-json-members.h — the members of a JSON object read strictly, for the
 * documented input formats of `civreg-cli rules` (marriage, adoption)
 *
 * Errors are CIV_APP_ERROR_FORMAT with a translated message naming the
 * member. A member that is absent (or null, for texts and dates) takes its
 * default.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* FALSE when @o has a member not in the NULL-terminated @known: a typo is
 * an error that names it, never silently ignored. */
gboolean civ_json_members_only_known (JsonObject *o, const char *const *known, GError **error);
gboolean civ_json_member_bool (
  JsonObject *o, const char *name, gboolean fallback, gboolean *out, GError **error);
/* @out points into @o; NULL when absent or null. */
gboolean civ_json_member_string (JsonObject *o, const char *name, const char **out, GError **error);
/* "YYYY-MM-DD" that exists; @out cleared (invalid) when absent and not @required. */
gboolean civ_json_member_date (
  JsonObject *o, const char *name, gboolean required, GDate *out, GError **error);

G_END_DECLS
