// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-search-page-private.h — what the UI tests reach in the search page */
#pragma once

#include "civ-search-page.h"

G_BEGIN_DECLS

/* For tests. */
void                _civ_search_page_search (CivSearchPage *self, const char *text);
CivRecordListModel *_civ_search_page_get_model (CivSearchPage *self);
GtkSearchEntry     *_civ_search_page_get_entry (CivSearchPage *self);
GtkColumnView      *_civ_search_page_get_column_view (CivSearchPage *self);
/* Cells made by the column view's factories (setup calls) so far. */
guint               _civ_search_page_get_rows_created (CivSearchPage *self);
/* TRUE from a search until its whole result is in. */
gboolean            _civ_search_page_is_busy (CivSearchPage *self);
/* "start", "results", "empty" or "error". */
const char         *_civ_search_page_get_state (CivSearchPage *self);

G_END_DECLS
