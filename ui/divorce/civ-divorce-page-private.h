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

/* The rows of the office's open applications and of the marriages that
 * matched the last lookup when several did, in the order shown; the message
 * under the lookup (NULL when hidden). */
guint         _civ_divorce_page_get_n_open (CivDivorcePage *self);
AdwActionRow *_civ_divorce_page_get_open_row (CivDivorcePage *self, guint i);
guint         _civ_divorce_page_get_n_matches (CivDivorcePage *self);
AdwActionRow *_civ_divorce_page_get_match_row (CivDivorcePage *self, guint i);
const char   *_civ_divorce_page_get_message (CivDivorcePage *self);

G_END_DECLS
