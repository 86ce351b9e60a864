// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-password-dialog.h — change one's own password, or reset another user's */
#pragma once

#include <adwaita.h>

#include "civ-session.h"

G_BEGIN_DECLS

#define CIV_TYPE_PASSWORD_DIALOG (civ_password_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CivPasswordDialog, civ_password_dialog, CIV, PASSWORD_DIALOG, AdwWindow)

/* Asks for the current password too. Emits "done", then closes. */
CivPasswordDialog *civ_password_dialog_new_change_own (GtkWindow *parent, CivSession *session);
/* For a supervisor: a new password for @login. */
CivPasswordDialog *civ_password_dialog_new_reset (GtkWindow  *parent,
                                                  CivSession *session,
                                                  const char *login,
                                                  const char *display_name);

G_END_DECLS
