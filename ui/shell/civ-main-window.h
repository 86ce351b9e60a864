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

/* For tests: the page the window shows ("overview", "users", "audit"),
 * whether the page exists for this role, and whether the lock screen is up. */
gboolean   _civ_main_window_has_page (CivMainWindow *self, const char *name);
void       _civ_main_window_show_page (CivMainWindow *self, const char *name);
GtkWidget *_civ_main_window_get_page (CivMainWindow *self, const char *name);
gboolean   _civ_main_window_shows_lock (CivMainWindow *self);
/* For tests: a fake clock. The pages and the daily lapse run use @today
 * from now on instead of the system date. */
void       _civ_main_window_set_today (CivMainWindow *self, const GDate *today);

G_END_DECLS
