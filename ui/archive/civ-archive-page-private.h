// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-archive-page-private.h — test hooks of the archive page */
#pragma once

#include "civ-archive-page.h"
#include "civ-archive-reconcile.h"
#include "civ-archive-workbench.h"

G_BEGIN_DECLS

CivArchiveWorkbench *_civ_archive_page_get_workbench (CivArchivePage *self);
CivArchiveReconcile *_civ_archive_page_get_reconcile (CivArchivePage *self);
/* No list or coverage job under way. */
gboolean             _civ_archive_page_is_idle (CivArchivePage *self);
/* The books listed (CivArchiveBook), or NULL. */
GPtrArray           *_civ_archive_page_get_books (CivArchivePage *self);
/* The coverage rows shown (CivCoverageRow), or NULL. */
GPtrArray           *_civ_archive_page_get_coverage (CivArchivePage *self);
/* "books", "workbench", "reconcile" or "coverage". */
void                 _civ_archive_page_show_view (CivArchivePage *self, const char *name);
void                 _civ_archive_page_open_book (CivArchivePage *self, const char *book);
GtkWidget           *_civ_archive_page_get_book_row (CivArchivePage *self, guint index);

/* Exports the coverage report to @path (PDF for *.pdf, else CSV) without
 * the file chooser; the reports written so far. */
void  _civ_archive_page_export_report (CivArchivePage *self, const char *path);
guint _civ_archive_page_get_reports_written (CivArchivePage *self);

G_END_DECLS
