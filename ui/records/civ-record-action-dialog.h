// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-record-action-dialog.h — what happens to a marriage record after its
 * registration, one form each: reissue a certificate (补领, R-B1…R-B3), file
 * a court judgment (R-V4, R-D8), record a registry annulment made before
 * 2021 (R-V2), correct a field with a supervisor's approval typed at the
 * same counter, and void a spoiled certificate print (R-N1, R-N3) — a J,
 * BJ, L or BL print of the marriage — with the same approval, which a
 * supervisor at the counter gives themself (the approval fields are then
 * hidden).
 *
 * The form checks its input as it is typed; the service runs on the
 * session's worker and has the last word: its refusal (with the rule id) is
 * shown in the dialog, which stays open. Filing a judgment or an annulment
 * and voiding a print ask for confirmation first, naming the consequence.
 * On success the dialog emits "done" with a sentence for a toast (and the
 * new certificate number of a reissue) and closes.
 */
#pragma once

#include <adwaita.h>

#include "civ-record-actions.h"

#include "civ-record-query.h"
#include "civ-session.h"

G_BEGIN_DECLS

#define CIV_TYPE_RECORD_ACTION_DIALOG (civ_record_action_dialog_get_type ())
G_DECLARE_FINAL_TYPE (
  CivRecordActionDialog, civ_record_action_dialog, CIV, RECORD_ACTION_DIALOG, AdwWindow)

/* A modal form for @action on @record (copied what it needs). @blank_serial
 * names the print for CIV_RECORD_ACTION_VOID_PRINT (NULL otherwise).
 * @today is the counter's date: dates after it are refused, and a reissue
 * is dated and numbered with it. */
CivRecordActionDialog *civ_record_action_dialog_new (GtkWindow               *parent,
                                                     CivSession              *session,
                                                     CivRecordAction          action,
                                                     const CivMarriageRecord *record,
                                                     const char              *blank_serial,
                                                     const GDate             *today);

CivRecordAction civ_record_action_dialog_get_action (CivRecordActionDialog *self);

G_END_DECLS
