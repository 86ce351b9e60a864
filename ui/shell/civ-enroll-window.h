// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-enroll-window.h — workstation enrollment (工作站注册) with the
 * provincial system: server, CA, pins and the client certificate, for
 * supervisors; the same civ_report_enroll() as `civreg-cli enroll`
 * ("enroll.choose", "enroll.enroll", "enroll.copy") */
#pragma once

#include <adwaita.h>

#include "civ-session.h"

G_BEGIN_DECLS

#define CIV_TYPE_ENROLL_WINDOW (civ_enroll_window_get_type ())
G_DECLARE_FINAL_TYPE (CivEnrollWindow, civ_enroll_window, CIV, ENROLL_WINDOW, AdwPreferencesWindow)

CivEnrollWindow *civ_enroll_window_new (GtkWindow *parent, CivSession *session);

G_END_DECLS
