// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-main-window.h — the signed-in workstation: sidebar, pages, lock screen */
#pragma once

#include <adwaita.h>

#include "civ-session.h"

G_BEGIN_DECLS

#define CIV_TYPE_MAIN_WINDOW (civ_main_window_get_type ())
G_DECLARE_FINAL_TYPE (CivMainWindow, civ_main_window, CIV, MAIN_WINDOW, AdwApplicationWindow)

CivMainWindow *civ_main_window_new (GtkApplication *application, CivSession *session);
CivSession    *civ_main_window_get_session (CivMainWindow *self);
void           civ_main_window_add_toast (CivMainWindow *self, const char *message);
/* Opens the record view for a record id or certificate number (also the
 * "win.show-record" action, parameter "s"). */
void           civ_main_window_show_record (CivMainWindow *self, const char *key);

G_END_DECLS
