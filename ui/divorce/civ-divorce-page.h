// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-divorce-page.h — divorce by registration: accept, cooling-off timeline,
 * withdrawal, issuance (domain.md §2.2); a CivPage, "divorce": roles that
 * register marriages */
#pragma once

#include <adwaita.h>

#include "civ-session.h"

G_BEGIN_DECLS

#define CIV_TYPE_DIVORCE_PAGE (civ_divorce_page_get_type ())
G_DECLARE_FINAL_TYPE (CivDivorcePage, civ_divorce_page, CIV, DIVORCE_PAGE, AdwBin)

/* Looks up the marriage with this certificate number and its application. */
void civ_divorce_page_find (CivDivorcePage *self, const char *certificate_no);

/* For tests: the shown application's state (the database string of a CivDivorceState, NULL when none),
 * its L number once issued, whether a lookup, action or print is running,
 * and an export file that replaces the print dialog. */
const char *_civ_divorce_page_get_state (CivDivorcePage *self);
const char *_civ_divorce_page_get_certificate_no (CivDivorcePage *self);
gboolean    _civ_divorce_page_is_busy (CivDivorcePage *self);
void        _civ_divorce_page_set_export_filename (CivDivorcePage *self, const char *path);

G_END_DECLS
