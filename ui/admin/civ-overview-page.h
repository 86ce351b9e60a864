// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-overview-page.h — the office, the signed-in user, a few counts and
 * what is due today (a CivPage, "overview": every role): the divorces
 * (choosing one activates "win.show-divorce" with its marriage certificate
 * number) and, for an operator who sees adoptions (R-A13), the adoptions'
 * deadlines (choosing one activates "win.show-adoption" with its record
 * id) */
#pragma once

#include <adwaita.h>

#include "civ-session.h"

G_BEGIN_DECLS

#define CIV_TYPE_OVERVIEW_PAGE (civ_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (CivOverviewPage, civ_overview_page, CIV, OVERVIEW_PAGE, AdwBin)

G_END_DECLS
