// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-marriage-page.h — registering or refusing a marriage at the counter
 * (a CivPage, "marriage": roles that register marriages)
 *
 * The Documents section (CivDocumentList) collects the files brought to
 * the counter; they are stored with the registration or the refusal in the
 * same transaction and listed as stored afterwards.
 *
 * Actions: marriage.check (now, instead of after the typing pause),
 * marriage.register, marriage.refuse, marriage.print-notice,
 * marriage.print-extract, marriage.print-certificate, marriage.new. */
#pragma once

#include <adwaita.h>

#include "civ-print.h"
#include "civ-session.h"

G_BEGIN_DECLS

#define CIV_TYPE_MARRIAGE_PAGE (civ_marriage_page_get_type ())
G_DECLARE_FINAL_TYPE (CivMarriagePage, civ_marriage_page, CIV, MARRIAGE_PAGE, AdwBin)

G_END_DECLS
