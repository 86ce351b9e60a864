// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-archive-import-dialog-private.h — test hooks of the import dialog */
#pragma once

#include "civ-archive-import-dialog.h"
#include "civ-archive-import.h"

G_BEGIN_DECLS

/* As if the file had been chosen (the report goes beside it). */
void _civ_archive_import_dialog_set_file (CivArchiveImportDialog *self, const char *path);
void _civ_archive_import_dialog_set_errors_path (CivArchiveImportDialog *self, const char *path);
/* "import", "cancel", "skip", "dry-run", "encoding", "open-report", "progress". */
GtkWidget *_civ_archive_import_dialog_get_widget (CivArchiveImportDialog *self, const char *name);
gboolean   _civ_archive_import_dialog_is_done (CivArchiveImportDialog *self);
/* How many progress updates arrived. */
guint      _civ_archive_import_dialog_get_n_progress (CivArchiveImportDialog *self);
/* The result, or NULL with *@error (the import's failure). */
const CivImportResult *_civ_archive_import_dialog_get_result (CivArchiveImportDialog *self,
                                                              const GError          **error);

G_END_DECLS
