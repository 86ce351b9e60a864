// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-print-funeral-private.h — what the tests of civ-print-funeral.c look at */
#pragma once

#include <adwaita.h>

#include "civ-print-funeral.h"

G_BEGIN_DECLS

/* The dialog that asks for the cremation certificate blank's serial. */
#define CIV_TYPE_CREMATION_BLANK_DIALOG (civ_cremation_blank_dialog_get_type ())
G_DECLARE_FINAL_TYPE (
  CivCremationBlankDialog, civ_cremation_blank_dialog, CIV, CREMATION_BLANK_DIALOG, AdwWindow)

/* The serial's entry row; the message (a refusal) shown, or NULL; TRUE
 * while the worker checks the blank. The command "blank.print" prints. */
AdwEntryRow *_civ_cremation_blank_dialog_get_entry (CivCremationBlankDialog *self);
const char  *_civ_cremation_blank_dialog_get_message (CivCremationBlankDialog *self);
gboolean     _civ_cremation_blank_dialog_get_busy (CivCremationBlankDialog *self);

G_END_DECLS
