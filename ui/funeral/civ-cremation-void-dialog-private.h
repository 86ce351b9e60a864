// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-cremation-void-dialog-private.h — what the UI tests of the void
 * dialog use */
#pragma once

#include "civ-cremation-void-dialog.h"

G_BEGIN_DECLS

/* A field or button by its name ("void.serial", "void.reason",
 * "void.approver", "void.password", "void.submit"), or NULL when the
 * dialog has none shown by that name. */
GtkWidget  *_civ_cremation_void_dialog_widget (CivCremationVoidDialog *self, const char *name);
/* The refusal or problem shown, or NULL. */
const char *_civ_cremation_void_dialog_message (CivCremationVoidDialog *self);
/* The rule id of the last refusal ("R-F13"), or NULL. */
const char *_civ_cremation_void_dialog_rule (CivCremationVoidDialog *self);
/* Whether the void is under way. */
gboolean    _civ_cremation_void_dialog_busy (CivCremationVoidDialog *self);

G_END_DECLS
