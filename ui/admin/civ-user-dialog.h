// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-user-dialog.h — a supervisor adds a user */
#pragma once

#include <adwaita.h>

#include "civ-session.h"

G_BEGIN_DECLS

#define CIV_TYPE_USER_DIALOG (civ_user_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CivUserDialog, civ_user_dialog, CIV, USER_DIALOG, AdwWindow)

/* Emits "done" with the new user's full name, then closes. */
CivUserDialog *civ_user_dialog_new (GtkWindow *parent, CivSession *session);

G_END_DECLS
