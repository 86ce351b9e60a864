// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-record-action-dialog-private.h — what the UI tests reach in a record action dialog */
#pragma once

#include "civ-record-action-dialog.h"

G_BEGIN_DECLS

/* For tests: a form widget by name ("kind", "field", "value", "document",
 * "date", "archive", "reason", "approver", "password", "submit"); the
 * message shown (NULL when none); whether a request is running. */
GtkWidget  *_civ_record_action_dialog_get_widget (CivRecordActionDialog *self, const char *name);
const char *_civ_record_action_dialog_get_message (CivRecordActionDialog *self);
gboolean    _civ_record_action_dialog_is_busy (CivRecordActionDialog *self);

G_END_DECLS
