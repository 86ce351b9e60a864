/* civ-users-page.h — supervisors manage who may log in */
#pragma once

#include <adwaita.h>

#include "civ-session.h"

G_BEGIN_DECLS

#define CIV_TYPE_USERS_PAGE (civ_users_page_get_type ())
G_DECLARE_FINAL_TYPE (CivUsersPage, civ_users_page, CIV, USERS_PAGE, AdwBin)

void civ_users_page_set_session (CivUsersPage *self, CivSession *session);
void civ_users_page_reload (CivUsersPage *self);
void civ_users_page_clear (CivUsersPage *self);

/* For tests: how many operators the list shows. */
guint _civ_users_page_get_n_rows (CivUsersPage *self);

G_END_DECLS
