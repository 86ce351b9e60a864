// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-setup-window.h — first run: create the office and its first supervisor */
#pragma once

#include <adwaita.h>

#include "civ-worker.h"

G_BEGIN_DECLS

#define CIV_TYPE_SETUP_WINDOW (civ_setup_window_get_type ())
G_DECLARE_FINAL_TYPE (CivSetupWindow, civ_setup_window, CIV, SETUP_WINDOW, AdwApplicationWindow)

/* Emits "finished" once the office exists and the supervisor has confirmed
 * that the recovery code is written down. */
CivSetupWindow *civ_setup_window_new (GtkApplication *application,
                                      CivWorker      *worker,
                                      const char     *data_dir);

G_END_DECLS
