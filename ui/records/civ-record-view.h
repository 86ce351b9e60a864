// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-record-view.h — one marriage record as registered: every version
 * (history with state, date, reason, operator and approver), the parties as
 * they were on the day, the findings with their rule ids, the certificate
 * prints of every certificate of the marriage — J, BJ, and the L and BL of
 * its divorce — (blank serial, who and when, voided), and Print Extract.
 * Registered records are never edited in place: the view has no edit
 * controls. What may follow a registration is in the header's Actions menu
 * — print the certificate the couple holds now on two blanks
 * (civ-blank-dialog.h), reissue a certificate (then print it), file a court
 * judgment, record a pre-2021 registry annulment, request a
 * supervisor-approved correction — and in each print's Void button (a
 * supervisor approves the void); each writes through a service (new
 * version, reissue, print or void record) and the view reloads
 * (civ-record-action-dialog.h).
 * The menu offers only what the operator's role and the record's state
 * allow.
 *
 * A window of its own, transient for the main window; it closes when the
 * workstation locks (nothing of the records stays on screen).
 */
#pragma once

#include <adwaita.h>

#include "civ-session.h"

G_BEGIN_DECLS

#define CIV_TYPE_RECORD_VIEW (civ_record_view_get_type ())
G_DECLARE_FINAL_TYPE (CivRecordView, civ_record_view, CIV, RECORD_VIEW, AdwWindow)

/* Loads the record with this record id or certificate number on the
 * session's worker and shows it. */
CivRecordView *civ_record_view_new (GtkWindow *parent, CivSession *session, const char *key);

/* The words for a marriage record's state (0002-marriage.sql). */
const char *civ_record_state_label (const char *state);

/* The counter's date for the actions (dates after it are refused, a
 * reissue is numbered in its year): the clock, or a test's fake one. */
void civ_record_view_set_today (CivRecordView *self, const GDate *today);

G_END_DECLS
