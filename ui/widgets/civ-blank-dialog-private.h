// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-blank-dialog-private.h — what the UI tests reach in the blank dialog */
#pragma once

#include "civ-blank-dialog.h"

G_BEGIN_DECLS

/* For tests: the serial row of copy @copy (0 or 1), the Print button, the
 * message shown (NULL when none), whether the check is running. */
AdwEntryRow *_civ_blank_dialog_get_row (CivBlankDialog *self, guint copy);
GtkButton   *_civ_blank_dialog_get_print_button (CivBlankDialog *self);
const char  *_civ_blank_dialog_get_message (CivBlankDialog *self);
gboolean     _civ_blank_dialog_is_busy (CivBlankDialog *self);

G_END_DECLS
