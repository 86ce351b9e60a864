// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-overview-page-private.h — what the tests look at inside the overview */
#pragma once

#include "civ-overview-page.h"

G_BEGIN_DECLS

/* How many divorces are listed as due today. */
guint _civ_overview_page_get_n_due (CivOverviewPage *self);

G_END_DECLS
