// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-login-guard-private.h — test hooks of the login guard */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Makes civ_login_guard_now () return @now (Unix seconds); 0 restores the clock. */
void _civ_login_guard_set_now (gint64 now);

G_END_DECLS
