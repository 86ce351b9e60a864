// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-audit-labels.h — a person's words for the audit log: one label per
 * action code the application writes (certificate.print → "Certificate
 * printed" / 证书已打印), the detail JSON as labelled fields ("Copy: 1 ·
 * Blank: NO.5001"), and a record UUID shortened for a column
 *
 * Every action code written anywhere in app/ and db/ has a row in the table
 * (test-audit-labels scans the sources for the codes passed to
 * civ_store_audit () and civ_audit_append ()).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The label of @action ("login.failed" → "Failed login"), translated; the
 * code itself when unknown. */
const char        *civ_audit_action_label (const char *action);
/* TRUE when @action has a label in the table. */
gboolean           civ_audit_action_is_known (const char *action);
/* Every code of the table, NULL-terminated (static). */
const char *const *civ_audit_known_actions (void);

/* @detail (a JSON object, as written with civ-json.h) as "Label: value"
 * fields joined by " · ", in the object's order; known keys get their
 * label, unknown ones show as "key: value"; arrays are joined with ", ".
 * Text that is not a JSON object is returned as it is; NULL or "" gives "". */
char *civ_audit_detail_describe (const char *detail);

/* TRUE when @text is a UUID (a record id). */
gboolean civ_audit_is_uuid (const char *text);
/* The first 8 characters and "…" of a UUID; other text as it is. */
char    *civ_audit_short_uuid (const char *text);

G_END_DECLS
