// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-document-store.h — documents attached to a marriage record: rows of
 * the append-only `documents` table (0007-documents.sql)
 *
 * The content is a BLOB in the encrypted database with its SHA-256 (hex)
 * and size beside it. Every read of the content recomputes the digest: a
 * mismatch is CIV_DB_ERROR_CORRUPT and the bytes are never returned.
 * Writers expect the caller's transaction to be open (civ_db_begin).
 */
#pragma once

#include "civ-db.h"

G_BEGIN_DECLS

/* SHA-256 as 64 lower-case hex digits. */
#define CIV_DOCUMENT_SHA256_HEX_LEN 64

/* A document's metadata, never its content. */
typedef struct
{
  gint64 id;
  char  *record_id;
  char  *kind;       /* stable code: declaration, identity-copy, … */
  char  *file_name;  /* as sanitised when attached */
  char  *media_type; /* application/pdf, image/jpeg, image/png */
  gint64 byte_size;
  char  *sha256; /* 64 lower-case hex digits */
  char  *created_by;
  char  *created_by_name; /* the operator's display name, or the login when unknown */
  char  *created_at;      /* ISO 8601 UTC */
} CivDocumentRow;

void            civ_document_row_free (CivDocumentRow *row);
CivDocumentRow *civ_document_row_copy (const CivDocumentRow *row);

/* The SHA-256 of @data as 64 lower-case hex digits. */
char *civ_document_sha256_hex (const void *data, gsize len);

/* TRUE when @content has @byte_size bytes and the SHA-256 @sha256_hex;
 * otherwise CIV_DB_ERROR_CORRUPT naming the document @id. */
gboolean civ_document_verify (
  gint64 id, GBytes *content, gint64 byte_size, const char *sha256_hex, GError **error);

/* Inserts a document in the caller's transaction and returns its id (0 on
 * error). The digest and size are computed here from @content; *@sha256_out,
 * when given, receives the digest. The record must exist (trigger). */
gint64 civ_document_insert (CivDb      *db,
                            const char *record_id,
                            const char *kind,
                            const char *file_name,
                            const char *media_type,
                            GBytes     *content,
                            const char *created_by,
                            char      **sha256_out,
                            GError    **error);

/* Metadata of the documents of @record_id, oldest first (CivDocumentRow). */
GPtrArray *civ_document_list (CivDb *db, const char *record_id, GError **error);

/* Metadata of one document; NULL with no error when there is none. */
CivDocumentRow *civ_document_find (CivDb *db, gint64 id, GError **error);

/* The content of document @id, verified against its stored SHA-256 and
 * size. NULL with CIV_DB_ERROR_NOT_FOUND when there is no such document,
 * CIV_DB_ERROR_CORRUPT when the content does not verify. *@row_out, when
 * given, receives the metadata. */
GBytes *civ_document_read (CivDb *db, gint64 id, CivDocumentRow **row_out, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivDocumentRow, civ_document_row_free)

G_END_DECLS
