// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-funeral-page.h — funeral and cremation cases at the counter (殡葬,
 * domain.md §4; issue 16)
 *
 * Shown only to an operator with the funeral permission (funeral clerks,
 * supervisors, a registrar or an archivist given it): to anyone else the
 * page does not exist, and every look at a case is audited.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CIV_TYPE_FUNERAL_PAGE (civ_funeral_page_get_type ())
G_DECLARE_FINAL_TYPE (CivFuneralPage, civ_funeral_page, CIV, FUNERAL_PAGE, AdwBin)

/* Opens the case @case_no (from the overview's due list). */
void civ_funeral_page_open (CivFuneralPage *self, const char *case_no);

G_END_DECLS
