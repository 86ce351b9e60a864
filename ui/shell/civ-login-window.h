// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-login-window.h — user name and password for the office in a data folder */
#pragma once

#include <adwaita.h>

#include "civ-session.h"
#include "civ-worker.h"

G_BEGIN_DECLS

#define CIV_TYPE_LOGIN_WINDOW (civ_login_window_get_type ())
G_DECLARE_FINAL_TYPE (CivLoginWindow, civ_login_window, CIV, LOGIN_WINDOW, AdwApplicationWindow)

/* Emits "logged-in" with the new CivSession after a successful login. */
CivLoginWindow *civ_login_window_new (GtkApplication *application,
                                      CivWorker      *worker,
                                      const char     *data_dir);

G_END_DECLS
