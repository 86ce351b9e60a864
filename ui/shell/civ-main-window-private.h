// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-main-window-private.h — what the tests look at inside the main window */
#pragma once

#include "civ-main-window.h"

G_BEGIN_DECLS

/* The page the window shows ("overview", "users", "audit"),
 * whether the page exists for this role, and whether the lock screen is up. */
gboolean   _civ_main_window_has_page (CivMainWindow *self, const char *name);
void       _civ_main_window_show_page (CivMainWindow *self, const char *name);
GtkWidget *_civ_main_window_get_page (CivMainWindow *self, const char *name);
gboolean   _civ_main_window_shows_lock (CivMainWindow *self);
/* A fake clock. The pages and the daily lapse run use @today
 * from now on instead of the system date. */
void       _civ_main_window_set_today (CivMainWindow *self, const GDate *today);

/* The damage banner's text while it is shown (the quick check after login
 * or unlock found damage), or NULL. */
const char *_civ_main_window_get_damage_message (CivMainWindow *self);

/* The CivPage types of the sidebar, in order (CIV_PAGES), whatever the
 * role; free with g_free (). */
GType *_civ_main_window_list_page_types (guint *n_types);

/* The warning shown at login when the database is older than one seen
 * before (civ_office_get_rollback ()), or NULL. */
const char *_civ_main_window_get_rollback_warning (CivMainWindow *self);

G_END_DECLS
