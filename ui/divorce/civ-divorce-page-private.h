// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-divorce-page-private.h — what the UI tests reach in the divorce page */
#pragma once

#include "civ-divorce-page.h"

G_BEGIN_DECLS

/* For tests: the shown application's state (the database string of a CivDivorceState, NULL when none),
 * its L number once issued, whether a lookup, action or print is running,
 * and an export file that replaces the print dialog. */
const char *_civ_divorce_page_get_state (CivDivorcePage *self);
const char *_civ_divorce_page_get_certificate_no (CivDivorcePage *self);
gboolean    _civ_divorce_page_is_busy (CivDivorcePage *self);
void        _civ_divorce_page_set_export_filename (CivDivorcePage *self, const char *path);

G_END_DECLS
