// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-users-page.h — supervisors manage who may log in (a CivPage, "users") */
#pragma once

#include <adwaita.h>

#include "civ-session.h"

G_BEGIN_DECLS

#define CIV_TYPE_USERS_PAGE (civ_users_page_get_type ())
G_DECLARE_FINAL_TYPE (CivUsersPage, civ_users_page, CIV, USERS_PAGE, AdwBin)

G_END_DECLS
