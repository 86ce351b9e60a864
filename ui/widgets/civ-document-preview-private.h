// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-document-preview-private.h — what the UI tests reach in the document preview */
#pragma once

#include "civ-document-preview.h"

G_BEGIN_DECLS

/* For tests: TRUE once a picture (or the first PDF page) is shown; the
 * number of pages (1 for an image) and the page shown (0-based); the
 * message when the document cannot be shown, else NULL. */
gboolean    _civ_document_preview_is_shown (CivDocumentPreview *self);
guint       _civ_document_preview_get_n_pages (CivDocumentPreview *self);
guint       _civ_document_preview_get_page (CivDocumentPreview *self);
const char *_civ_document_preview_get_error (CivDocumentPreview *self);

G_END_DECLS
