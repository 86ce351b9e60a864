// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-enroll-window-private.h — what the tests do inside the enrollment window */
#pragma once

#include "civ-enroll-window.h"

G_BEGIN_DECLS

/* What "Choose…" would set. @which is "ca", "cert", "key" or "p12". */
void _civ_enroll_window_set_file (CivEnrollWindow *self, const char *which, const char *path);
/* The public signing key shown after enrolling, or NULL. */
const char *_civ_enroll_window_get_public_key (CivEnrollWindow *self);

G_END_DECLS
