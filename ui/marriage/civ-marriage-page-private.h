// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-marriage-page-private.h — what the UI tests reach in the marriage page */
#pragma once

#include "civ-marriage-page.h"

G_BEGIN_DECLS

/* For tests: the findings shown in the checks panel (NULL while none are
 * current), the certificate number and record id of the last registration
 * or refusal, and an export file that replaces the print dialog. */
GPtrArray  *_civ_marriage_page_get_findings (CivMarriagePage *self);
const char *_civ_marriage_page_get_certificate_no (CivMarriagePage *self);
const char *_civ_marriage_page_get_record_id (CivMarriagePage *self);
void        _civ_marriage_page_set_export_filename (CivMarriagePage *self, const char *path);

G_END_DECLS
