// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-overview-page.h — the office, the signed-in user, a few counts and the
 * divorces due today (a CivPage, "overview": every role; choosing a divorce
 * due today activates "win.show-divorce" with its marriage certificate
 * number) */
#pragma once

#include <adwaita.h>

#include "civ-session.h"

G_BEGIN_DECLS

#define CIV_TYPE_OVERVIEW_PAGE (civ_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (CivOverviewPage, civ_overview_page, CIV, OVERVIEW_PAGE, AdwBin)

G_END_DECLS
