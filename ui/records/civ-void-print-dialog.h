// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-void-print-dialog.h — void a spoiled certificate print (R-N1, R-N3):
 * a J, BJ, L or BL print of the marriage on one blank, with its reason and
 * a supervisor's approval typed at the counter, which a supervisor at the
 * counter gives themself (the approval fields are then hidden); asks for
 * confirmation first (civ-record-action-dialog.h) */
#pragma once

#include "civ-record-action-dialog.h"

G_BEGIN_DECLS

#define CIV_TYPE_VOID_PRINT_DIALOG (civ_void_print_dialog_get_type ())
G_DECLARE_FINAL_TYPE (
  CivVoidPrintDialog, civ_void_print_dialog, CIV, VOID_PRINT_DIALOG, CivRecordActionDialog)

/* A modal form for the print of @record on the blank @blank_serial
 * (copied what it needs); @today is the counter's date. */
CivVoidPrintDialog *civ_void_print_dialog_new (GtkWindow               *parent,
                                               CivSession              *session,
                                               const CivMarriageRecord *record,
                                               const char              *blank_serial,
                                               const GDate             *today);

/* The pre-printed serial (NO.) of the blank whose print is voided. */
const char *civ_void_print_dialog_get_blank_serial (CivVoidPrintDialog *self);

G_END_DECLS
