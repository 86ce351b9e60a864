// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-archive-page.h — the archivist's page (issue 14): register books with
 * their coverage, the workbench where entries are keyed beside the page
 * images, the reconciliation of double keyings, coverage by book, year or
 * office with the archivists' figures, and the CSV import. Archivists and
 * supervisors see it; registrars do not.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CIV_TYPE_ARCHIVE_PAGE (civ_archive_page_get_type ())
G_DECLARE_FINAL_TYPE (CivArchivePage, civ_archive_page, CIV, ARCHIVE_PAGE, AdwBin)

G_END_DECLS
