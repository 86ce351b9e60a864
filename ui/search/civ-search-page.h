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

G_END_DECLS
