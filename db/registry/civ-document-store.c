// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-document-store.c — documents attached to a marriage record */
#include "civ-document-store.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define DOCUMENT_COLUMNS                                                                           \
  "d.id, d.record_id, d.kind, d.file_name, d.media_type, d.byte_size, d.sha256, d.created_by, "    \
  "coalesce(o.display_name, d.created_by), d.created_at"
#define DOCUMENT_FROM " FROM documents d LEFT JOIN operators o ON o.login = d.created_by "

void
civ_document_row_free (CivDocumentRow *row)
{
  if (row == NULL)
    return;
  g_free (row->record_id);
  g_free (row->kind);
  g_free (row->file_name);
  g_free (row->media_type);
  g_free (row->sha256);
  g_free (row->created_by);
  g_free (row->created_by_name);
  g_free (row->created_at);
  g_free (row);
}

CivDocumentRow *
civ_document_row_copy (const CivDocumentRow *row)
{
  CivDocumentRow *copy;

  g_return_val_if_fail (row != NULL, NULL);

  copy = g_new0 (CivDocumentRow, 1);
  copy->id = row->id;
  copy->record_id = g_strdup (row->record_id);
  copy->kind = g_strdup (row->kind);
  copy->file_name = g_strdup (row->file_name);
  copy->media_type = g_strdup (row->media_type);
  copy->byte_size = row->byte_size;
  copy->sha256 = g_strdup (row->sha256);
  copy->created_by = g_strdup (row->created_by);
  copy->created_by_name = g_strdup (row->created_by_name);
  copy->created_at = g_strdup (row->created_at);
  return copy;
}

char *
civ_document_sha256_hex (const void *data, gsize len)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  /* g_checksum_update takes a gssize: feed very large buffers in pieces. */
  for (gsize done = 0; done < len;)
    {
      gsize n = MIN (len - done, (gsize) G_MAXSSIZE);
      g_checksum_update (sum, (const guchar *) data + done, (gssize) n);
      done += n;
    }
  return g_strdup (g_checksum_get_string (sum));
}

gboolean
civ_document_verify (
  gint64 id, GBytes *content, gint64 byte_size, const char *sha256_hex, GError **error)
{
  gsize            len = 0;
  const void      *data;
  g_autofree char *actual = NULL;

  g_return_val_if_fail (content != NULL, FALSE);

  data = g_bytes_get_data (content, &len);
  if (byte_size < 0 || (guint64) byte_size != (guint64) len)
    {
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_CORRUPT,
                   _ ("Document %lld is damaged: it should hold %lld bytes but holds %llu"),
                   (long long) id, (long long) byte_size, (unsigned long long) len);
      return FALSE;
    }
  actual = civ_document_sha256_hex (data, len);
  if (sha256_hex == NULL || g_ascii_strcasecmp (actual, sha256_hex) != 0)
    {
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_CORRUPT,
                   _ ("Document %lld is damaged: its SHA-256 is %s, not %s as recorded when it "
                      "was attached"),
                   (long long) id, actual, sha256_hex ? sha256_hex : "?");
      return FALSE;
    }
  return TRUE;
}

gint64
civ_document_insert (CivDb      *db,
                     const char *record_id,
                     const char *kind,
                     const char *file_name,
                     const char *media_type,
                     GBytes     *content,
                     const char *created_by,
                     char      **sha256_out,
                     GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *now = NULL;
  const void      *data;
  gsize            len = 0;

  g_return_val_if_fail (CIV_IS_DB (db), 0);
  g_return_val_if_fail (record_id != NULL && kind != NULL && file_name != NULL, 0);
  g_return_val_if_fail (media_type != NULL && content != NULL && created_by != NULL, 0);

  data = g_bytes_get_data (content, &len);
  if (len == 0 || len > G_MAXINT)
    {
      g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                           _ ("A document must hold between one byte and 2 GiB"));
      return 0;
    }
  sha = civ_document_sha256_hex (data, len);
  now = civ_db_now_iso ();
  stmt = civ_db_prepare (db,
                         "INSERT INTO documents (record_id, kind, file_name, media_type, "
                         "byte_size, sha256, content, created_by, created_at) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, record_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, file_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, media_type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, (sqlite3_int64) len);
  sqlite3_bind_text (stmt, 6, sha, -1, SQLITE_TRANSIENT);
  /* The GBytes outlives the statement's step: no copy needed. */
  sqlite3_bind_blob (stmt, 7, data, (int) len, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, created_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, now, -1, SQLITE_TRANSIENT);
  if (!civ_db_step_done (db, stmt, error))
    return 0;
  if (sha256_out)
    *sha256_out = g_steal_pointer (&sha);
  return sqlite3_last_insert_rowid (civ_db_get_handle (db));
}

static CivDocumentRow *
read_row (sqlite3_stmt *stmt)
{
  CivDocumentRow *row = g_new0 (CivDocumentRow, 1);

  row->id = sqlite3_column_int64 (stmt, 0);
  row->record_id = civ_db_column_dup (stmt, 1);
  row->kind = civ_db_column_dup (stmt, 2);
  row->file_name = civ_db_column_dup (stmt, 3);
  row->media_type = civ_db_column_dup (stmt, 4);
  row->byte_size = sqlite3_column_int64 (stmt, 5);
  row->sha256 = civ_db_column_dup (stmt, 6);
  row->created_by = civ_db_column_dup (stmt, 7);
  row->created_by_name = civ_db_column_dup (stmt, 8);
  row->created_at = civ_db_column_dup (stmt, 9);
  return row;
}

GPtrArray *
civ_document_list (CivDb *db, const char *record_id, GError **error)
{
  g_autoptr (GPtrArray) rows =
    g_ptr_array_new_with_free_func ((GDestroyNotify) civ_document_row_free);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CIV_IS_DB (db) && record_id != NULL, NULL);

  stmt =
    civ_db_prepare (db,
                    "SELECT " DOCUMENT_COLUMNS DOCUMENT_FROM "WHERE d.record_id = ? ORDER BY d.id",
                    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, record_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, read_row (stmt));
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the documents"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

CivDocumentRow *
civ_document_find (CivDb *db, gint64 id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CIV_IS_DB (db), NULL);

  stmt = civ_db_prepare (db, "SELECT " DOCUMENT_COLUMNS DOCUMENT_FROM "WHERE d.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return read_row (stmt);
  if (rc != SQLITE_DONE)
    civ_db_set_error (db, error, _ ("Could not read the documents"));
  return NULL;
}

GBytes *
civ_document_read (CivDb *db, gint64 id, CivDocumentRow **row_out, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (CivDocumentRow) row = NULL;
  g_autoptr (GBytes) content = NULL;
  const void *blob;
  int         n;
  int         rc;

  g_return_val_if_fail (CIV_IS_DB (db), NULL);

  stmt =
    civ_db_prepare (db, "SELECT " DOCUMENT_COLUMNS ", d.content" DOCUMENT_FROM "WHERE d.id = ?",
                    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_NOT_FOUND, _ ("There is no document %lld"),
                   (long long) id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      civ_db_set_error (db, error, _ ("Could not read the document"));
      return NULL;
    }
  row = read_row (stmt);
  /* sqlite3_column_blob before _bytes (SQLite's advice); NULL for an empty blob. */
  blob = sqlite3_column_blob (stmt, 10);
  n = sqlite3_column_bytes (stmt, 10);
  content = g_bytes_new (blob, blob ? (gsize) n : 0);
  if (!civ_document_verify (id, content, row->byte_size, row->sha256, error))
    return NULL;
  if (row_out)
    *row_out = g_steal_pointer (&row);
  return g_steal_pointer (&content);
}
