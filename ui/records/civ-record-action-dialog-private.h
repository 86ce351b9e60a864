// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-record-action-dialog-private.h — what the record action dialogs
 * share with their base (civ-record-action-dialog.h) */
#pragma once

#include "civ-record-action-dialog.h"

#include "civ-states.h"

G_BEGIN_DECLS

/* Called by a subclass's constructor once the dialog is made: copies what
 * the form needs of @record (then the class's set_record), shows the
 * approval when it is needed, closes the dialog when @session locks and
 * checks the form. @today is the counter's date. */
void _civ_record_action_dialog_set_up (CivRecordActionDialog   *self,
                                       GtkWindow               *parent,
                                       CivSession              *session,
                                       const CivMarriageRecord *record,
                                       const GDate             *today);

/* Checks the form again; a subclass's rows call it when they change. */
void _civ_record_action_dialog_changed (CivRecordActionDialog *self);

CivSession  *_civ_record_action_dialog_get_session (CivRecordActionDialog *self);
const GDate *_civ_record_action_dialog_get_today (CivRecordActionDialog *self);
/* The record's current version. */
int          _civ_record_action_dialog_get_version (CivRecordActionDialog *self);
/* Whether the approval is asked for (civ_record_action_needs_approver ()). */
gboolean     _civ_record_action_dialog_needs_approver (CivRecordActionDialog *self);
void         _civ_record_action_dialog_set_description (CivRecordActionDialog *self,
                                                        const char            *description);

/* NULL when @text is a date (YYYY-MM-DD) not after the counter's date,
 * stored in @date; else what is wrong. */
char *_civ_record_action_dialog_date_problem (CivRecordActionDialog *self,
                                              const char            *text,
                                              GDate                 *date);

/* The confirmation of a judgment or an annulment: the record's new
 * version, @state, annotated with @document of @date, and what becomes of
 * the two persons. */
char *_civ_record_action_dialog_describe_annotation (CivRecordActionDialog *self,
                                                     CivMarriageState       state,
                                                     const char            *document,
                                                     const char            *date);

G_END_DECLS
