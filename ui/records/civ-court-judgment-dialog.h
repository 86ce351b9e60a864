// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-court-judgment-dialog.h — file a court's judgment on a marriage
 * (R-V4, R-D8): a divorce, a marriage declared void or annulled, with the
 * court document number, the date it took effect and an archive number;
 * asks for confirmation first, naming the record's new state and what
 * becomes of the two persons (civ-record-action-dialog.h) */
#pragma once

#include "civ-record-action-dialog.h"

G_BEGIN_DECLS

#define CIV_TYPE_COURT_JUDGMENT_DIALOG (civ_court_judgment_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CivCourtJudgmentDialog,
                      civ_court_judgment_dialog,
                      CIV,
                      COURT_JUDGMENT_DIALOG,
                      CivRecordActionDialog)

/* A modal form for @record (copied what it needs); @today is the counter's
 * date: an effective date after it is refused. */
CivCourtJudgmentDialog *civ_court_judgment_dialog_new (GtkWindow               *parent,
                                                       CivSession              *session,
                                                       const CivMarriageRecord *record,
                                                       const GDate             *today);

G_END_DECLS
