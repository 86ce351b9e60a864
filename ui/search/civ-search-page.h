// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-search-page.h — finding registrations: one search entry (the kind is
 * recognised from the text), an optional date range, and a GtkColumnView
 * over a lazy CivRecordListModel whose pages are read on the session's
 * serial worker (style.md "Large lists"). A CivPage, "search": roles that
 * register marriages. A result opens through "win.show-record".
 */
#pragma once

#include <adwaita.h>

#include "civ-record-list-model.h"
#include "civ-session.h"

G_BEGIN_DECLS

#define CIV_TYPE_SEARCH_PAGE (civ_search_page_get_type ())
G_DECLARE_FINAL_TYPE (CivSearchPage, civ_search_page, CIV, SEARCH_PAGE, AdwBin)

GtkWidget *civ_search_page_new (void);
/* Focuses the search entry and selects its text (Ctrl+F). */
void       civ_search_page_focus_entry (CivSearchPage *self);

/* For tests. */
void                _civ_search_page_search (CivSearchPage *self, const char *text);
CivRecordListModel *_civ_search_page_get_model (CivSearchPage *self);
GtkColumnView      *_civ_search_page_get_column_view (CivSearchPage *self);
/* Cells made by the column view's factories (setup calls) so far. */
guint               _civ_search_page_get_rows_created (CivSearchPage *self);
/* TRUE from a search until its whole result is in. */
gboolean            _civ_search_page_is_busy (CivSearchPage *self);
/* "start", "results", "empty" or "error". */
const char         *_civ_search_page_get_state (CivSearchPage *self);

G_END_DECLS
