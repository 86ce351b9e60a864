// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-overview-page-private.h — what the tests look at inside the overview */
#pragma once

#include "civ-overview-page.h"

G_BEGIN_DECLS

/* How many divorces are listed as due today. */
guint    _civ_overview_page_get_n_due (CivOverviewPage *self);
/* Whether the due list is being loaded. */
gboolean _civ_overview_page_is_loading_due (CivOverviewPage *self);
/* How many adoption deadlines are listed (rows with the data "record-id"). */
guint    _civ_overview_page_get_n_adoptions_due (CivOverviewPage *self);
/* The funeral day board's rows among them (funeral clerks only). */
guint    _civ_overview_page_get_n_funeral_due (CivOverviewPage *self);

G_END_DECLS
