// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-users-page-private.h — what the tests look at inside the users page */
#pragma once

#include "civ-users-page.h"

G_BEGIN_DECLS

/* How many operators the list shows. */
guint          _civ_users_page_get_n_rows (CivUsersPage *self);
/* The menu button of @login's row, or NULL (no row, or no menu: yourself,
 * a disabled user). */
GtkMenuButton *_civ_users_page_get_row_menu (CivUsersPage *self, const char *login);

/* Whether @login's row says it is locked out by failed logins. */
gboolean _civ_users_page_row_is_locked (CivUsersPage *self, const char *login);

G_END_DECLS
