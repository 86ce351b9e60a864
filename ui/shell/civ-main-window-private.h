// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-main-window-private.h — what the tests look at inside the main window */
#pragma once

#include "civ-main-window.h"

G_BEGIN_DECLS

/* The CivPage types of the sidebar, in order (CIV_PAGES), whatever the
 * role; free with g_free (). */
GType *_civ_main_window_list_page_types (guint *n_types);

G_END_DECLS
