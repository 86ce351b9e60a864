// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-adoption-page.h — adoption registration at the counter (R-A1…R-A15)
 *
 * Shown only to an operator with the adoption permission (supervisors, and
 * a registrar given it): to anyone else the page does not exist (R-A13).
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CIV_TYPE_ADOPTION_PAGE (civ_adoption_page_get_type ())
G_DECLARE_FINAL_TYPE (CivAdoptionPage, civ_adoption_page, CIV, ADOPTION_PAGE, AdwBin)

/* Opens the adoption @record_id (from the overview's due list): the purpose
 * is asked first (R-A13). */
void civ_adoption_page_open (CivAdoptionPage *self, const char *record_id);

G_END_DECLS
