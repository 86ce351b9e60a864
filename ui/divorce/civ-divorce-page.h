// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-divorce-page.h — divorce by registration: accept, cooling-off timeline,
 * withdrawal, issuance (domain.md §2.2); a CivPage, "divorce": roles that
 * register marriages
 *
 * The office's open applications are listed on the page too.
 *
 * Actions: divorce.find, divorce.open-record, divorce.accept,
 * divorce.withdraw (u: the spouse, 0 or 1), divorce.issue,
 * divorce.print-notice, divorce.print-receipt, divorce.print-certificate. */
#pragma once

#include <adwaita.h>

#include "civ-session.h"

G_BEGIN_DECLS

#define CIV_TYPE_DIVORCE_PAGE (civ_divorce_page_get_type ())
G_DECLARE_FINAL_TYPE (CivDivorcePage, civ_divorce_page, CIV, DIVORCE_PAGE, AdwBin)

/* Looks up the couple by @text: a marriage certificate number, either
 * spouse's identity number or a name. One marriage found is shown with its
 * newest application; when several match, the registrar picks one. */
void civ_divorce_page_find (CivDivorcePage *self, const char *text);

G_END_DECLS
