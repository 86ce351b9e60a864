// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-document-list-private.h — what the UI tests reach in the document list */
#pragma once

#include "civ-document-list.h"

G_BEGIN_DECLS

/* For tests: TRUE when nothing is loading; the rows shown; the stored row
 * at @index (record mode) or NULL; the next file "Add Document…" takes
 * instead of asking with the file chooser; the preview window opened by
 * the last Preview button, or NULL. */
gboolean              _civ_document_list_is_idle (CivDocumentList *self);
guint                 _civ_document_list_get_n_items (CivDocumentList *self);
const CivDocumentRow *_civ_document_list_get_stored (CivDocumentList *self, guint index);
GtkWidget            *_civ_document_list_get_row (CivDocumentList *self, guint index);
void                  _civ_document_list_set_next_file (CivDocumentList *self, const char *path);
GtkWindow            *_civ_document_list_get_preview (CivDocumentList *self);
/* The camera dialog opened by the last "Take Photo…", or NULL. */
GtkWindow            *_civ_document_list_get_camera_dialog (CivDocumentList *self);
/* The camera source "Take Photo…" uses instead of the configured one. */
void _civ_document_list_set_camera_source (CivDocumentList *self, const char *source);

G_END_DECLS
