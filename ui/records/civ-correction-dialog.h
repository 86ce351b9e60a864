// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-correction-dialog.h — request a correction of a registered record's
 * remarks or effective date (R-M13), written as a new version with its
 * reason and approved by a supervisor who types their login and password
 * at the same counter (civ-record-action-dialog.h) */
#pragma once

#include "civ-record-action-dialog.h"

G_BEGIN_DECLS

#define CIV_TYPE_CORRECTION_DIALOG (civ_correction_dialog_get_type ())
G_DECLARE_FINAL_TYPE (
  CivCorrectionDialog, civ_correction_dialog, CIV, CORRECTION_DIALOG, CivRecordActionDialog)

/* A modal form for @record (copied what it needs): the new value starts
 * as the record's; @today is the counter's date: an effective date after
 * it is refused. */
CivCorrectionDialog *civ_correction_dialog_new (GtkWindow               *parent,
                                                CivSession              *session,
                                                const CivMarriageRecord *record,
                                                const GDate             *today);

G_END_DECLS
