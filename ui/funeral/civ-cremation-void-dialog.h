// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-cremation-void-dialog.h — voids a spoiled cremation certificate
 * blank (火化证明作废, R-F13): the serial, the reason and, when the operator
 * is not a supervisor, a supervisor's login and password in the same
 * dialog. The password leaves its entry when the void is asked for and is
 * wiped; a refusal (a wrong password, a blank voided already) stays in the
 * dialog, which closes only once the void is recorded ("voided"). */
#pragma once

#include <adwaita.h>

#include "civ-session.h"

G_BEGIN_DECLS

#define CIV_TYPE_CREMATION_VOID_DIALOG (civ_cremation_void_dialog_get_type ())
G_DECLARE_FINAL_TYPE (
  CivCremationVoidDialog, civ_cremation_void_dialog, CIV, CREMATION_VOID_DIALOG, AdwWindow)

/* A dialog over @parent for @session's operator on the counter's date
 * @today; @serial (may be NULL) fills the serial. */
CivCremationVoidDialog *civ_cremation_void_dialog_new (GtkWindow   *parent,
                                                       CivSession  *session,
                                                       const GDate *today,
                                                       const char  *serial);

G_END_DECLS
