// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-document-list.h — the documents of a marriage record, or the files
 * brought to the counter for a registration not yet written
 *
 * Each document is a row: its kind, file name, size and type, who attached
 * it and when, a short SHA-256, a thumbnail for images and PDFs, and a
 * Preview button (CivDocumentPreview). "Add Document…" picks a PDF, JPEG
 * or PNG file (GtkFileChooserNative), then asks what it is; "Take Photo…"
 * takes the couple's photo with the camera (CivCameraDialog); "Scan…"
 * (documents.scan) opens a CivScanDialog whose pages come back as one PDF or
 * PNG images through civ_document_list_add_input ().
 *
 * Two modes:
 *  - record: the documents stored for a record id are listed; a new file is
 *    attached at once (one transaction, audited);
 *  - pending (no record id): files are kept in memory and listed as "not
 *    stored yet"; civ_document_list_dup_pending() hands them to the
 *    registration request, which stores them with the record in the same
 *    transaction. Pending files can be removed again.
 * Reading files, store calls and thumbnail decoding run off the UI thread
 * (the session's worker, and GTask threads for pictures).
 */
#pragma once

#include <adwaita.h>

#include "civ-document-service.h"
#include "civ-photo.h"
#include "civ-session.h"

G_BEGIN_DECLS

#define CIV_TYPE_DOCUMENT_LIST (civ_document_list_get_type ())
G_DECLARE_FINAL_TYPE (CivDocumentList, civ_document_list, CIV, DOCUMENT_LIST, AdwPreferencesGroup)

/* The documents of the marriage record @record_id (a record id or a
 * certificate number), loaded at once — for the record view. */
GtkWidget *civ_document_list_new_for_record (CivSession *session, const char *record_id);

void        civ_document_list_set_session (CivDocumentList *self, CivSession *session);
/* Switches to the stored documents of @record_id and loads them, or with
 * NULL to pending mode with no files (a new registration). */
void        civ_document_list_set_record (CivDocumentList *self, const char *record_id);
const char *civ_document_list_get_record (CivDocumentList *self);
/* Loads the stored documents again (record mode). */
void        civ_document_list_reload (CivDocumentList *self);
/* Copies (CivDocumentInput, with a free function) of the pending files, in
 * the order added; an empty array in record mode. */
GPtrArray  *civ_document_list_dup_pending (CivDocumentList *self);
/* Takes a validated document made at the counter (a photo taken, a scan):
 * kept as a pending file before the registration, attached at once (one
 * transaction, audited) in record mode. Takes ownership of @input. */
void        civ_document_list_add_input (CivDocumentList *self, CivDocumentInput *input);
/* The certificate photo "Take Photo…" (action documents.take-photo, a
 * CivCameraDialog) crops to; CIV_PHOTO_MARRIAGE_COUPLE unless set. */
void        civ_document_list_set_photo_kind (CivDocumentList *self, CivPhotoKind kind);

G_END_DECLS
