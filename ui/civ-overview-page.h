/* civ-overview-page.h — the office, the signed-in user, a few counts and the
 * divorces due today */
#pragma once

#include <adwaita.h>

#include "civ-session.h"

G_BEGIN_DECLS

#define CIV_TYPE_OVERVIEW_PAGE (civ_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (CivOverviewPage, civ_overview_page, CIV, OVERVIEW_PAGE, AdwBin)

void civ_overview_page_set_session (CivOverviewPage *self, CivSession *session);
void civ_overview_page_reload (CivOverviewPage *self);
void civ_overview_page_clear (CivOverviewPage *self);
/* The day whose due divorces are listed (R-D5, R-D6). */
void civ_overview_page_set_today (CivOverviewPage *self, const GDate *today);

/* For tests: how many divorces are listed as due today. */
guint _civ_overview_page_get_n_due (CivOverviewPage *self);

G_END_DECLS
