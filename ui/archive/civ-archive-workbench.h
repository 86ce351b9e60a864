// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-archive-workbench.h — keying a register book beside its page images
 *
 * The page image on the left (zoom, pan, rotate, fit width), the
 * keyboard-first entry form of the current slot on the right, the book's
 * coverage and the ledger of the page's slots on top. Enter moves to the
 * next field, Page Down saves and goes to the next slot, Page Up to the
 * previous one, Ctrl+M marks the slot. The form of a slot always starts
 * empty but for what the book says (category, office, 档号, page, entry):
 * a second archivist never sees what the first one keyed.
 */
#pragma once

#include <adwaita.h>

#include "civ-session.h"

G_BEGIN_DECLS

#define CIV_TYPE_ARCHIVE_WORKBENCH (civ_archive_workbench_get_type ())
G_DECLARE_FINAL_TYPE (CivArchiveWorkbench, civ_archive_workbench, CIV, ARCHIVE_WORKBENCH, AdwBin)

void        civ_archive_workbench_set_session (CivArchiveWorkbench *self, CivSession *session);
void        civ_archive_workbench_set_today (CivArchiveWorkbench *self, const GDate *today);
/* Opens @book (id or 档号) at the first slot still waiting for this
 * operator's keying. */
void        civ_archive_workbench_open_book (CivArchiveWorkbench *self, const char *book);
/* The book open, or NULL. */
const char *civ_archive_workbench_get_book_id (CivArchiveWorkbench *self);
/* Reads the book and its ledger again. */
void        civ_archive_workbench_reload (CivArchiveWorkbench *self);
/* Drops the book and everything keyed (the workstation locks). */
void        civ_archive_workbench_clear (CivArchiveWorkbench *self);

/* Signal "changed": a keying, a mark or an image changed the book. */

G_END_DECLS
