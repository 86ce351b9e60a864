// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-record-action-dialog.h — the base of the forms for what happens to a
 * marriage record after its registration, one type each:
 * CivReissueDialog (补领, R-B1…R-B3), CivCourtJudgmentDialog (R-V4, R-D8),
 * CivRegistryAnnulmentDialog (before 2021, R-V2), CivCorrectionDialog (a
 * supervisor's approval typed at the same counter) and CivVoidPrintDialog
 * (a spoiled J, BJ, L or BL print of the marriage, R-N1, R-N3, with the
 * same approval, which a supervisor at the counter gives themself: the
 * approval fields are then hidden).
 *
 * The base owns what the forms share: the session, the record's key, the
 * supervisor's approval (shown when civ_record_action_needs_approver ()
 * says so), the busy state, the message below the form and the action
 * "record-action.submit", which sends the request through
 * civ_record_request_async (). A subclass's template sets the window's
 * title, "submit-label", "description" and "destructive", and gives its
 * rows as <child> elements: they go into the form, in order, above the
 * approval.
 *
 * The form checks its input as it is typed; the service runs on the
 * session's worker and has the last word: its refusal (with the rule id) is
 * shown in the dialog ("message"), which stays open. A subclass with a
 * confirmation (a judgment, an annulment, a void) asks it first, naming the
 * consequence. On success the dialog emits "done" with a sentence for a
 * toast (and the new certificate number of a reissue) and closes.
 */
#pragma once

#include <adwaita.h>

#include "civ-record-actions.h"
#include "civ-record-query.h"
#include "civ-record-tasks.h"
#include "civ-session.h"

G_BEGIN_DECLS

#define CIV_TYPE_RECORD_ACTION_DIALOG (civ_record_action_dialog_get_type ())
G_DECLARE_DERIVABLE_TYPE (
  CivRecordActionDialog, civ_record_action_dialog, CIV, RECORD_ACTION_DIALOG, AdwWindow)

struct _CivRecordActionDialogClass
{
  AdwWindowClass parent_class;

  /* The record action the type's form asks for (set in class_init). */
  CivRecordAction action;

  /* Copies what the form needs of @record (optional); the session and the
   * counter's date are known by then. */
  void (*set_record) (CivRecordActionDialog *self, const CivMarriageRecord *record);
  /* TRUE when the type's own fields may be submitted; *@message says what
   * is wrong in a field already filled in. The approval is the base's. */
  gboolean (*check) (CivRecordActionDialog *self, char **message);
  /* Fills in @request from the fields (all but the approval). */
  void (*fill_request) (CivRecordActionDialog *self, CivRecordRequest *request);
  /* The question asked before @request is sent, naming the consequence
   * (optional: NULL sends at once); *@heading and *@confirm_label are
   * translated static strings. */
  char *(*confirmation) (CivRecordActionDialog *self,
                         const char           **heading,
                         const char           **confirm_label);
  /* The sentence for the toast after @request (what was sent, without the
   * password) succeeded; @number is a reissue's new certificate number. */
  char *(*success_message) (CivRecordActionDialog  *self,
                            const CivRecordRequest *request,
                            const char             *number);

  gpointer padding[8];
};

CivRecordAction civ_record_action_dialog_get_action (CivRecordActionDialog *self);

/* The refusal or the problem shown below the form, or NULL. */
const char *civ_record_action_dialog_get_message (CivRecordActionDialog *self);
/* Whether a request is on the worker (the form is then insensitive). */
gboolean    civ_record_action_dialog_get_busy (CivRecordActionDialog *self);

G_END_DECLS
