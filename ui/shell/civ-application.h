// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-application.h — the civreg GUI: set-up, login, main window, locking */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CIV_TYPE_APPLICATION (civ_application_get_type ())
G_DECLARE_FINAL_TYPE (CivApplication, civ_application, CIV, APPLICATION, AdwApplication)

/* @data_dir: the office folder, or NULL for --data-dir or the default
 * (the user data folder's "civreg"). */
CivApplication *civ_application_new (const char *data_dir, GApplicationFlags flags);
const char     *civ_application_get_data_dir (CivApplication *self);

G_END_DECLS
