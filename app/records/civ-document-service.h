// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-document-service.h — documents attached to a marriage registration
 * (issue 3; R-M10 documents, R-AR1 file contents, R-V4 court copies)
 *
 * A file from outside becomes a CivDocumentInput only after validation:
 * its type is decided by its first bytes (PDF "%PDF-", JPEG FF D8 FF, the
 * PNG signature), never by its name; it is not empty and not larger than
 * CIV_DOCUMENT_MAX_BYTES; an image's header must describe a sane picture
 * (dimensions between 1 and CIV_DOCUMENT_MAX_SIDE); the file name is reduced
 * to a safe base name of at most CIV_DOCUMENT_MAX_NAME characters.
 *
 * Stored documents live in the encrypted database with their SHA-256, kind,
 * operator and time, append-only. Attaching needs CIV_PERM_REGISTER_MARRIAGE
 * and writes the document and its audit entry ("document.attach": kind,
 * SHA-256, size) in one transaction. Reading needs the same permission;
 * opening a document's content to look at it is audited once per opening
 * ("document.view"), an export as "document.export". Small thumbnails drawn
 * in a list are not audited one by one (CIV_DOCUMENT_ACCESS_THUMBNAIL).
 */
#pragma once

#include "civ-document-store.h"
#include "civ-store.h"

G_BEGIN_DECLS

/* Largest document accepted: 20 MiB (a 600 dpi colour scan of a few pages). */
#define CIV_DOCUMENT_MAX_BYTES (20 * 1024 * 1024)
/* Longest stored file name, in characters. */
#define CIV_DOCUMENT_MAX_NAME 120
/* Largest image side in pixels, and largest image area (decompression bombs). */
#define CIV_DOCUMENT_MAX_SIDE 20000
#define CIV_DOCUMENT_MAX_PIXELS (100 * 1000 * 1000)

/* The kind of an attached document. The codes (civ_document_kind_to_string)
 * are stored and are stable; never renumber or rename them. */
typedef enum
{
  CIV_DOCUMENT_DECLARATION = 0,    /* declaration 声明书 (R-M10) */
  CIV_DOCUMENT_IDENTITY_COPY,      /* identity-document copy (R-AR1) */
  CIV_DOCUMENT_COUPLE_PHOTO,       /* the couple's photo (R-N3) */
  CIV_DOCUMENT_HOUSEHOLD_REGISTER, /* household register (户口簿) copy */
  CIV_DOCUMENT_COURT_JUDGMENT,     /* court judgment copy (R-V4) */
  CIV_DOCUMENT_OTHER,
  CIV_N_DOCUMENT_KINDS
} CivDocumentKind;

const char *civ_document_kind_to_string (CivDocumentKind kind);
gboolean    civ_document_kind_from_string (const char *code, CivDocumentKind *kind);
/* A person's words for the kind ("Declaration"). */
const char *civ_document_kind_label (CivDocumentKind kind);
/* The same for a stored code; the code itself when this version does not know it. */
const char *civ_document_kind_label_for_code (const char *code);

/* The media type the content's first bytes announce ("application/pdf",
 * "image/jpeg", "image/png"), or NULL for anything else. */
const char *civ_document_sniff (const guint8 *data, gsize len);

/* @name reduced to a safe base name: no folders, no control characters, no
 * leading dots, at most CIV_DOCUMENT_MAX_NAME characters, valid UTF-8, and
 * an extension matching @media_type. Never empty. */
char *civ_document_sanitize_name (const char *name, const char *media_type);

/* A validated document not yet stored. */
typedef struct
{
  CivDocumentKind kind;
  char           *file_name;  /* sanitised */
  const char     *media_type; /* static string from civ_document_sniff() */
  GBytes         *content;
  char           *sha256; /* of content, 64 lower-case hex digits */
  int             width;  /* images: from the header; 0 for PDF */
  int             height;
} CivDocumentInput;

/* Validates @content from outside (see the top of this file). NULL with
 * CIV_APP_ERROR_INVALID and a message for the counter otherwise. */
CivDocumentInput *civ_document_input_new (CivDocumentKind kind,
                                          const char     *file_name,
                                          GBytes         *content,
                                          GError        **error);
/* Reads @path (refusing a file that is not regular or too large before
 * reading it) and validates it; the stored name is @path's base name. */
CivDocumentInput *civ_document_input_new_from_file (CivDocumentKind kind,
                                                    const char     *path,
                                                    GError        **error);
CivDocumentInput *civ_document_input_copy (const CivDocumentInput *input);
void              civ_document_input_free (CivDocumentInput *input);

/* Checks again what civ_document_input_new() checked (an input may have
 * been assembled by hand). */
gboolean civ_document_input_check (const CivDocumentInput *input, GError **error);

/* For use cases that already hold a transaction (the marriage registration):
 * stores every CivDocumentInput of @documents for @record_id with one
 * "document.attach" audit entry each. No permission check here. */
gboolean _civ_document_store_inputs (CivStore   *store,
                                     const char *record_id,
                                     GPtrArray  *documents,
                                     GError    **error);

/* Attaches @input to the marriage record with this record id or certificate
 * number, in one transaction with its audit entry. Returns the new
 * document's id, 0 on error (nothing written). */
gint64 civ_document_attach (CivStore               *store,
                            const char             *record_or_certificate,
                            const CivDocumentInput *input,
                            GError                **error);

/* The record id of the marriage record with this record id or certificate
 * number, or NULL with CIV_APP_ERROR_INVALID when there is none. */
char *civ_document_resolve_record (CivStore   *store,
                                   const char *record_or_certificate,
                                   GError    **error);

/* Metadata (CivDocumentRow) of the record's documents, oldest first. */
GPtrArray *civ_document_list_for_record (CivStore   *store,
                                         const char *record_or_certificate,
                                         GError    **error);

typedef enum
{
  CIV_DOCUMENT_ACCESS_VIEW,      /* a person opens it: audited "document.view" */
  CIV_DOCUMENT_ACCESS_THUMBNAIL, /* a small picture in a list: not audited */
  CIV_DOCUMENT_ACCESS_PRINT,     /* the photo printed on a certificate: the print is recorded */
} CivDocumentAccess;

/* The verified content of document @id (CIV_DB_ERROR_CORRUPT when its
 * SHA-256 does not match; the bytes are then never returned). */
GBytes *civ_document_open (
  CivStore *store, gint64 id, CivDocumentAccess access, CivDocumentRow **row_out, GError **error);

/* Writes the verified content of document @id to the new file @path
 * (owner-only; refuses to overwrite anything) and audits "document.export". */
gboolean civ_document_export (CivStore *store, gint64 id, const char *path, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivDocumentInput, civ_document_input_free)

G_END_DECLS
