// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-marriage-page.h — registering or refusing a marriage at the counter
 * (a CivPage, "marriage": roles that register marriages)
 *
 * The Documents section (CivDocumentList) collects the files brought to
 * the counter; they are stored with the registration or the refusal in the
 * same transaction and listed as stored afterwards. */
#pragma once

#include <adwaita.h>

#include "civ-print.h"
#include "civ-session.h"

G_BEGIN_DECLS

#define CIV_TYPE_MARRIAGE_PAGE (civ_marriage_page_get_type ())
G_DECLARE_FINAL_TYPE (CivMarriagePage, civ_marriage_page, CIV, MARRIAGE_PAGE, AdwBin)

/* For tests: the findings shown in the checks panel (NULL while none are
 * current), the certificate number and record id of the last registration
 * or refusal, and an export file that replaces the print dialog. */
GPtrArray  *_civ_marriage_page_get_findings (CivMarriagePage *self);
const char *_civ_marriage_page_get_certificate_no (CivMarriagePage *self);
const char *_civ_marriage_page_get_record_id (CivMarriagePage *self);
void        _civ_marriage_page_set_export_filename (CivMarriagePage *self, const char *path);
/* Runs the checks now instead of after the typing pause. */
void        _civ_marriage_page_check_now (CivMarriagePage *self);

G_END_DECLS
