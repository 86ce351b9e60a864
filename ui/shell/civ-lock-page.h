// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-lock-page.h — what a locked workstation shows: a password, nothing else */
#pragma once

#include <adwaita.h>

#include "civ-session.h"

G_BEGIN_DECLS

#define CIV_TYPE_LOCK_PAGE (civ_lock_page_get_type ())
G_DECLARE_FINAL_TYPE (CivLockPage, civ_lock_page, CIV, LOCK_PAGE, AdwBin)

void civ_lock_page_set_session (CivLockPage *self, CivSession *session);
/* Empties the form and puts the focus into the password. */
void civ_lock_page_reset (CivLockPage *self);

G_END_DECLS
