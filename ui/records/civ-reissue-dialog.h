// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-reissue-dialog.h — reissue a certificate (补领, R-B1…R-B3): a
 * marriage certificate (BJ) while the marriage is registered, a divorce
 * certificate (BL) after a divorce registration; the reissue is dated and
 * numbered with the counter's date (civ-record-action-dialog.h) */
#pragma once

#include "civ-record-action-dialog.h"

G_BEGIN_DECLS

#define CIV_TYPE_REISSUE_DIALOG (civ_reissue_dialog_get_type ())
G_DECLARE_FINAL_TYPE (
  CivReissueDialog, civ_reissue_dialog, CIV, REISSUE_DIALOG, CivRecordActionDialog)

/* A modal form for @record (copied what it needs); @today is the counter's
 * date. The kind of certificate starts at the one the record's state
 * allows. */
CivReissueDialog *civ_reissue_dialog_new (GtkWindow               *parent,
                                          CivSession              *session,
                                          const CivMarriageRecord *record,
                                          const GDate             *today);

G_END_DECLS
