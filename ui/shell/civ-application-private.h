// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-application-private.h — what the tests look at inside the application */
#pragma once

#include "civ-application.h"
#include "civ-login-window.h"
#include "civ-main-window-private.h"
#include "civ-session.h"
#include "civ-setup-window.h"
#include "civ-worker.h"

G_BEGIN_DECLS

CivWorker      *_civ_application_get_worker (CivApplication *self);
CivSession     *_civ_application_get_session (CivApplication *self);
CivSetupWindow *_civ_application_get_setup_window (CivApplication *self);
CivLoginWindow *_civ_application_get_login_window (CivApplication *self);
CivMainWindow  *_civ_application_get_main_window (CivApplication *self);

/* Runs the idle check as if the monotonic clock read @now_us. */
void _civ_application_check_idle (CivApplication *self, gint64 now_us);

G_END_DECLS
