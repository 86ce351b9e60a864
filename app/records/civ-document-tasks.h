// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-document-tasks.h — a record's documents as jobs on the session's
 * worker: list them with their thumbnails' contents, read a file the
 * registrar chose, attach it, open one to view it (audited)
 */
#pragma once

#include <gio/gio.h>

#include "civ-document-service.h"
#include "civ-session.h"

G_BEGIN_DECLS

/* A record's documents, each with what a thumbnail shows. */
typedef struct
{
  GPtrArray *rows;     /* CivDocumentRow */
  GPtrArray *contents; /* GBytes, or NULL when the stored file is damaged, per row */
  GPtrArray *problems; /* char *: why there is no content, or NULL, per row */
} CivDocumentListing;

void civ_document_listing_free (CivDocumentListing *listing);

/* The documents of @record_id. A damaged file (its SHA-256 does not match)
 * is listed with its problem; reading for a thumbnail is not audited as a
 * view. */
void                civ_document_load_listing_async (CivSession         *session,
                                                     gpointer            source_object,
                                                     const char         *record_id,
                                                     GCancellable       *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer            user_data);
CivDocumentListing *civ_document_load_listing_finish (CivSession   *session,
                                                      GAsyncResult *result,
                                                      GError      **error);

/* Reads and checks the file @path (kind CIV_DOCUMENT_OTHER until asked). */
void              civ_document_read_file_async (CivSession         *session,
                                                gpointer            source_object,
                                                const char         *path,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
CivDocumentInput *civ_document_read_file_finish (CivSession   *session,
                                                 GAsyncResult *result,
                                                 GError      **error);

/* Attaches @input (taken) to @record_id (civ_document_attach ()). */
void     civ_document_attach_async (CivSession         *session,
                                    gpointer            source_object,
                                    const char         *record_id,
                                    CivDocumentInput   *input,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data);
gboolean civ_document_attach_finish (CivSession *session, GAsyncResult *result, GError **error);

/* The content of document @id for viewing: checked and audited. */
void    civ_document_open_async (CivSession         *session,
                                 gpointer            source_object,
                                 gint64              id,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data);
GBytes *civ_document_open_finish (CivSession *session, GAsyncResult *result, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivDocumentListing, civ_document_listing_free)

G_END_DECLS
