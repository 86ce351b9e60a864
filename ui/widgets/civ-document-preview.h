// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-document-preview.h — one attached document on screen
 *
 * Images are scaled down to fit the window (never up); a PDF is rendered
 * page by page with poppler (Page Up / Page Down, or the arrows in the
 * header bar). A stored document is read on the session's worker with its
 * SHA-256 verified, and opening it is audited once ("document.view"); a
 * document not stored yet shows the bytes of the file just chosen. Escape
 * closes the window; it belongs to the application, so locking closes it.
 */
#pragma once

#include <adwaita.h>

#include "civ-document-service.h"
#include "civ-session.h"

G_BEGIN_DECLS

#define CIV_TYPE_DOCUMENT_PREVIEW (civ_document_preview_get_type ())
G_DECLARE_FINAL_TYPE (CivDocumentPreview, civ_document_preview, CIV, DOCUMENT_PREVIEW, AdwWindow)

CivDocumentPreview *civ_document_preview_new_for_document (GtkWindow            *parent,
                                                           CivSession           *session,
                                                           const CivDocumentRow *row);
CivDocumentPreview *civ_document_preview_new_for_input (GtkWindow              *parent,
                                                        const CivDocumentInput *input);

G_END_DECLS
