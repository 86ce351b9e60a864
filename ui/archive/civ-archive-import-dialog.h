// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-archive-import-dialog.h — importing a backfill CSV (docs/backfill-csv.md)
 *
 * The file, its encoding (detected, or UTF-8 or GB18030 forced), whether
 * invalid rows are skipped, a dry run, where the error report goes; then
 * the progress (rows, rate, time left) with Cancel, and the summary:
 * imported, rejected, duplicates, Open Error Report. A cancelled import
 * leaves the office as it was.
 */
#pragma once

#include <adwaita.h>

#include "civ-session.h"

G_BEGIN_DECLS

#define CIV_TYPE_ARCHIVE_IMPORT_DIALOG (civ_archive_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (
  CivArchiveImportDialog, civ_archive_import_dialog, CIV, ARCHIVE_IMPORT_DIALOG, AdwWindow)

CivArchiveImportDialog *civ_archive_import_dialog_new (GtkWindow *parent, CivSession *session);

/* Signal "imported": rows were written. */

G_END_DECLS
