// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-archive-store.c — the archive backfill's rows (migration 0011) */
#include "civ-archive-store.h"

#include "civ-document-store.h"
#include "civ-registry-store-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define BOOK_COLUMNS                                                                               \
  "b.id, b.book_id, b.archive_no, b.title, b.office_code, b.office_name, b.category, "             \
  "b.year_from, b.year_to, b.pages, b.slots_per_page, b.double_keying, b.state, b.closed_by, "     \
  "b.closed_at, b.created_by, b.created_at, "                                                      \
  "(SELECT count(*) FROM archive_images i WHERE i.book = b.id) "

static gboolean
fail_step (CivDb *db, GError **error, const char *what)
{
  civ_db_set_error (db, error, what);
  return FALSE;
}

void
civ_book_row_free (CivBookRow *row)
{
  if (row == NULL)
    return;
  g_free (row->book_id);
  g_free (row->archive_no);
  g_free (row->title);
  g_free (row->office_code);
  g_free (row->office_name);
  g_free (row->category);
  g_free (row->state);
  g_free (row->closed_by);
  g_free (row->closed_at);
  g_free (row->created_by);
  g_free (row->created_at);
  g_clear_pointer (&row->counts, g_hash_table_unref);
  g_free (row);
}

static CivBookRow *
book_from_stmt (sqlite3_stmt *stmt)
{
  CivBookRow *row = g_new0 (CivBookRow, 1);

  row->id = sqlite3_column_int64 (stmt, 0);
  row->book_id = civ_db_column_dup (stmt, 1);
  row->archive_no = civ_db_column_dup (stmt, 2);
  row->title = civ_db_column_dup (stmt, 3);
  row->office_code = civ_db_column_dup (stmt, 4);
  row->office_name = civ_db_column_dup (stmt, 5);
  row->category = civ_db_column_dup (stmt, 6);
  row->year_from = sqlite3_column_int (stmt, 7);
  row->year_to = sqlite3_column_int (stmt, 8);
  row->pages = sqlite3_column_int (stmt, 9);
  row->slots_per_page = sqlite3_column_int (stmt, 10);
  row->double_keying = sqlite3_column_int (stmt, 11) != 0;
  row->state = civ_db_column_dup (stmt, 12);
  row->closed_by = civ_db_column_dup (stmt, 13);
  row->closed_at = civ_db_column_dup (stmt, 14);
  row->created_by = civ_db_column_dup (stmt, 15);
  row->created_at = civ_db_column_dup (stmt, 16);
  row->n_images = sqlite3_column_int64 (stmt, 17);
  row->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return row;
}

static gboolean
book_counts (CivDb *db, CivBookRow *row, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db, "SELECT state, count(*) FROM archive_slots WHERE book = ? GROUP BY state",
                    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_replace (row->counts, civ_db_column_dup (stmt, 0),
                          GINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
  if (rc != SQLITE_DONE)
    return fail_step (db, error, _ ("Could not read the book's ledger"));
  return TRUE;
}

gint64
civ_book_insert (CivDb *db, const CivBookRow *row, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (sqlite3_stmt) slots = NULL;
  gint64 id;

  stmt = civ_db_prepare (db,
                         "INSERT INTO archive_books (book_id, archive_no, title, office_code, "
                         "office_name, category, year_from, year_to, pages, slots_per_page, "
                         "double_keying, created_by, created_at) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, row->book_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, row->archive_no, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, row->title ? row->title : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, row->office_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, row->office_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, row->category, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 7, row->year_from);
  sqlite3_bind_int (stmt, 8, row->year_to);
  sqlite3_bind_int (stmt, 9, row->pages);
  sqlite3_bind_int (stmt, 10, row->slots_per_page);
  sqlite3_bind_int (stmt, 11, row->double_keying ? 1 : 0);
  sqlite3_bind_text (stmt, 12, row->created_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 13, row->created_at, -1, SQLITE_TRANSIENT);
  if (!civ_db_step_done (db, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (civ_db_get_handle (db));

  slots =
    civ_db_prepare (db, "INSERT INTO archive_slots (book, page, slot) VALUES (?, ?, ?)", error);
  if (slots == NULL)
    return 0;
  for (int p = 1; p <= row->pages; p++)
    for (int s = 1; s <= row->slots_per_page; s++)
      {
        sqlite3_reset (slots);
        sqlite3_bind_int64 (slots, 1, id);
        sqlite3_bind_int (slots, 2, p);
        sqlite3_bind_int (slots, 3, s);
        if (!civ_db_step_done (db, slots, error))
          return 0;
      }
  return id;
}

CivBookRow *
civ_book_find (CivDb *db, const char *book, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT " BOOK_COLUMNS
                    "FROM archive_books b WHERE b.book_id = ?1 OR b.archive_no = ?1",
                    error);
  g_autoptr (CivBookRow) row = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, book, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      fail_step (db, error, _ ("Could not read the register book"));
      return NULL;
    }
  row = book_from_stmt (stmt);
  if (!book_counts (db, row, error))
    return NULL;
  return g_steal_pointer (&row);
}

GPtrArray *
civ_book_list (CivDb *db, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT " BOOK_COLUMNS
                    "FROM archive_books b ORDER BY b.office_code, b.year_from, b.archive_no",
                    error);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_book_row_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, book_from_stmt (stmt));
  if (rc != SQLITE_DONE)
    {
      fail_step (db, error, _ ("Could not read the register books"));
      return NULL;
    }
  for (guint i = 0; i < rows->len; i++)
    if (!book_counts (db, g_ptr_array_index (rows, i), error))
      return NULL;
  return g_steal_pointer (&rows);
}

gboolean
civ_book_set_closed (CivDb *db, gint64 id, const char *by, GError **error)
{
  g_autofree char *now = civ_db_now_iso ();
  g_autoptr (sqlite3_stmt) stmt = civ_db_prepare (db,
                                                  "UPDATE archive_books SET state = 'closed', "
                                                  "closed_by = ?, closed_at = ? WHERE id = ?",
                                                  error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, id);
  return civ_db_step_done (db, stmt, error);
}

/* Slots ------------------------------------------------------------------- */

void
civ_slot_row_free (CivSlotRow *row)
{
  if (row == NULL)
    return;
  g_free (row->state);
  g_free (row->record_id);
  g_free (row->note);
  g_free (row->updated_by);
  g_free (row->updated_at);
  g_free (row);
}

#define SLOT_COLUMNS "page, slot, state, record_id, note, updated_by, updated_at "

static CivSlotRow *
slot_from_stmt (sqlite3_stmt *stmt)
{
  CivSlotRow *row = g_new0 (CivSlotRow, 1);

  row->page = sqlite3_column_int (stmt, 0);
  row->slot = sqlite3_column_int (stmt, 1);
  row->state = civ_db_column_dup (stmt, 2);
  row->record_id = civ_db_column_dup (stmt, 3);
  row->note = civ_db_column_dup (stmt, 4);
  row->updated_by = civ_db_column_dup (stmt, 5);
  row->updated_at = civ_db_column_dup (stmt, 6);
  return row;
}

GPtrArray *
civ_slot_list (CivDb *db, gint64 book, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT " SLOT_COLUMNS "FROM archive_slots WHERE book = ? ORDER BY page, slot",
                    error);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_slot_row_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, book);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, slot_from_stmt (stmt));
  if (rc != SQLITE_DONE)
    {
      fail_step (db, error, _ ("Could not read the book's ledger"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

CivSlotRow *
civ_slot_find (CivDb *db, gint64 book, int page, int slot, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT " SLOT_COLUMNS
                    "FROM archive_slots WHERE book = ? AND page = ? AND slot = ?",
                    error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, book);
  sqlite3_bind_int (stmt, 2, page);
  sqlite3_bind_int (stmt, 3, slot);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return slot_from_stmt (stmt);
  if (rc != SQLITE_DONE)
    fail_step (db, error, _ ("Could not read the book's ledger"));
  return NULL;
}

gboolean
civ_slot_set (CivDb      *db,
              gint64      book,
              int         page,
              int         slot,
              const char *state,
              const char *record_id,
              const char *note,
              const char *actor,
              GError    **error)
{
  g_autofree char *now = civ_db_now_iso ();
  g_autoptr (sqlite3_stmt) upd =
    civ_db_prepare (db,
                    "UPDATE archive_slots SET state = ?, record_id = coalesce (?, record_id), note "
                    "= ?, "
                    "updated_by = ?, updated_at = ? WHERE book = ? AND page = ? AND slot = ?",
                    error);
  g_autoptr (sqlite3_stmt) ev = NULL;

  if (upd == NULL)
    return FALSE;
  sqlite3_bind_text (upd, 1, state, -1, SQLITE_TRANSIENT);
  civ_db_bind_text_or_null (upd, 2, record_id);
  sqlite3_bind_text (upd, 3, note ? note : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (upd, 4, actor, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (upd, 5, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (upd, 6, book);
  sqlite3_bind_int (upd, 7, page);
  sqlite3_bind_int (upd, 8, slot);
  if (!civ_db_step_done (db, upd, error))
    return FALSE;
  ev = civ_db_prepare (db,
                       "INSERT INTO archive_slot_events (book, page, slot, state, note, actor, at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)",
                       error);
  if (ev == NULL)
    return FALSE;
  sqlite3_bind_int64 (ev, 1, book);
  sqlite3_bind_int (ev, 2, page);
  sqlite3_bind_int (ev, 3, slot);
  sqlite3_bind_text (ev, 4, state, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (ev, 5, note ? note : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (ev, 6, actor, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (ev, 7, now, -1, SQLITE_TRANSIENT);
  return civ_db_step_done (db, ev, error);
}

/* Images ------------------------------------------------------------------ */

void
civ_image_row_free (CivImageRow *row)
{
  if (row == NULL)
    return;
  g_free (row->file_name);
  g_free (row->media_type);
  g_free (row->sha256);
  g_free (row->created_by);
  g_free (row->created_at);
  g_free (row);
}

gint64
civ_image_insert (CivDb *db, gint64 book, const CivImageRow *row, GBytes *content, GError **error)
{
  g_autofree char *now = civ_db_now_iso ();
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "INSERT INTO archive_images (book, first_page, n_pages, file_name, media_type, "
                    "byte_size, sha256, content, created_by, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    error);
  gsize            len = 0;
  const void      *data = g_bytes_get_data (content, &len);
  g_autofree char *sha = civ_document_sha256_hex (data, len);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, book);
  sqlite3_bind_int (stmt, 2, row->first_page);
  sqlite3_bind_int (stmt, 3, row->n_pages);
  sqlite3_bind_text (stmt, 4, row->file_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, row->media_type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, (gint64) len);
  sqlite3_bind_text (stmt, 7, sha, -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob64 (stmt, 8, data, len, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, row->created_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, now, -1, SQLITE_TRANSIENT);
  if (!civ_db_step_done (db, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (civ_db_get_handle (db));
}

#define IMAGE_COLUMNS                                                                              \
  "id, first_page, n_pages, file_name, media_type, byte_size, sha256, created_by, created_at "

static CivImageRow *
image_from_stmt (sqlite3_stmt *stmt)
{
  CivImageRow *row = g_new0 (CivImageRow, 1);

  row->id = sqlite3_column_int64 (stmt, 0);
  row->first_page = sqlite3_column_int (stmt, 1);
  row->n_pages = sqlite3_column_int (stmt, 2);
  row->file_name = civ_db_column_dup (stmt, 3);
  row->media_type = civ_db_column_dup (stmt, 4);
  row->byte_size = sqlite3_column_int64 (stmt, 5);
  row->sha256 = civ_db_column_dup (stmt, 6);
  row->created_by = civ_db_column_dup (stmt, 7);
  row->created_at = civ_db_column_dup (stmt, 8);
  return row;
}

GPtrArray *
civ_image_list (CivDb *db, gint64 book, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT " IMAGE_COLUMNS
                    "FROM archive_images WHERE book = ? ORDER BY first_page, id",
                    error);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_image_row_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, book);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, image_from_stmt (stmt));
  if (rc != SQLITE_DONE)
    {
      fail_step (db, error, _ ("Could not read the page images"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

GBytes *
civ_image_for_page (CivDb *db, gint64 book, int page, CivImageRow **row_out, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT " IMAGE_COLUMNS ", content FROM archive_images "
                    "WHERE book = ? AND first_page <= ?2 AND first_page + n_pages > ?2 "
                    "ORDER BY id DESC LIMIT 1",
                    error);
  g_autoptr (CivImageRow) row = NULL;
  g_autofree char *sha = NULL;
  const void      *data;
  gsize            len;
  int              rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, book);
  sqlite3_bind_int (stmt, 2, page);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      fail_step (db, error, _ ("Could not read the page image"));
      return NULL;
    }
  row = image_from_stmt (stmt);
  data = sqlite3_column_blob (stmt, 9);
  len = (gsize) sqlite3_column_bytes (stmt, 9);
  sha = civ_document_sha256_hex (data, len);
  if (g_strcmp0 (sha, row->sha256) != 0)
    {
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_CORRUPT,
                   _ ("The page image “%s” does not match its SHA-256: it was damaged"),
                   row->file_name);
      return NULL;
    }
  if (row_out)
    *row_out = g_steal_pointer (&row);
  return g_bytes_new (data, len);
}

/* Keyings ----------------------------------------------------------------- */

void
civ_keying_row_free (CivKeyingRow *row)
{
  if (row == NULL)
    return;
  g_free (row->operator_login);
  g_free (row->started_at);
  g_free (row->finished_at);
  g_free (row->fields);
  g_free (row);
}

gboolean
civ_keying_insert (CivDb *db, gint64 book, const CivKeyingRow *row, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "INSERT INTO archive_keyings (book, page, slot, pass, operator, started_at, "
                    "finished_at, fields, differences) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, book);
  sqlite3_bind_int (stmt, 2, row->page);
  sqlite3_bind_int (stmt, 3, row->slot);
  sqlite3_bind_int (stmt, 4, row->pass);
  sqlite3_bind_text (stmt, 5, row->operator_login, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, row->started_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, row->finished_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, row->fields, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 9, row->differences);
  return civ_db_step_done (db, stmt, error);
}

CivKeyingRow *
civ_keying_find (CivDb *db, gint64 book, int page, int slot, int pass, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT id, page, slot, pass, operator, started_at, finished_at, fields, "
                    "differences FROM archive_keyings "
                    "WHERE book = ? AND page = ? AND slot = ? AND pass = ?",
                    error);
  CivKeyingRow *row;
  int           rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, book);
  sqlite3_bind_int (stmt, 2, page);
  sqlite3_bind_int (stmt, 3, slot);
  sqlite3_bind_int (stmt, 4, pass);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        fail_step (db, error, _ ("Could not read the keyings"));
      return NULL;
    }
  row = g_new0 (CivKeyingRow, 1);
  row->id = sqlite3_column_int64 (stmt, 0);
  row->page = sqlite3_column_int (stmt, 1);
  row->slot = sqlite3_column_int (stmt, 2);
  row->pass = sqlite3_column_int (stmt, 3);
  row->operator_login = civ_db_column_dup (stmt, 4);
  row->started_at = civ_db_column_dup (stmt, 5);
  row->finished_at = civ_db_column_dup (stmt, 6);
  row->fields = civ_db_column_dup (stmt, 7);
  row->differences = sqlite3_column_int (stmt, 8);
  return row;
}

void
civ_keyer_row_free (CivKeyerRow *row)
{
  if (row == NULL)
    return;
  g_free (row->login);
  g_free (row);
}

GPtrArray *
civ_keyer_stats (CivDb *db, GError **error)
{
  /* A slot was compared when it has a pass 2; it disagreed when pass 2
   * recorded differences. Both keyers of the slot share the figure. */
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT k.operator, count(*), "
                    "  sum(max(0, julianday(k.finished_at) - julianday(k.started_at))) * 86400.0, "
                    "  sum(CASE WHEN k.pass IN (1, 2) AND k2.id IS NOT NULL THEN 1 ELSE 0 END), "
                    "  sum(CASE WHEN k.pass IN (1, 2) AND k2.differences > 0 THEN 1 ELSE 0 END) "
                    "FROM archive_keyings k "
                    "LEFT JOIN archive_keyings k2 ON k2.book = k.book AND k2.page = k.page "
                    "  AND k2.slot = k.slot AND k2.pass = 2 "
                    "GROUP BY k.operator ORDER BY k.operator",
                    error);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_keyer_row_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CivKeyerRow *row = g_new0 (CivKeyerRow, 1);

      row->login = civ_db_column_dup (stmt, 0);
      row->entries = sqlite3_column_int64 (stmt, 1);
      row->seconds = sqlite3_column_double (stmt, 2);
      row->compared = sqlite3_column_int64 (stmt, 3);
      row->disagreements = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      fail_step (db, error, _ ("Could not read the keyings"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* Imports ----------------------------------------------------------------- */

gboolean
civ_import_seen (CivDb *db, const char *sha256, gboolean *found, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db, "SELECT 1 FROM archive_imports WHERE sha256 = ? LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return fail_step (db, error, _ ("Could not read the imports"));
  *found = rc == SQLITE_ROW;
  return TRUE;
}

gint64
civ_import_insert (CivDb      *db,
                   const char *sha256,
                   const char *file_name,
                   const char *encoding,
                   gint64      rows_read,
                   gint64      rows_imported,
                   gint64      rows_rejected,
                   gint64      duplicates,
                   gboolean    forced,
                   const char *by,
                   GError    **error)
{
  g_autofree char *now = civ_db_now_iso ();
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "INSERT INTO archive_imports (sha256, file_name, encoding, rows_read, "
                    "rows_imported, rows_rejected, duplicates, forced, imported_by, imported_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, file_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, encoding, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, rows_read);
  sqlite3_bind_int64 (stmt, 5, rows_imported);
  sqlite3_bind_int64 (stmt, 6, rows_rejected);
  sqlite3_bind_int64 (stmt, 7, duplicates);
  sqlite3_bind_int (stmt, 8, forced ? 1 : 0);
  sqlite3_bind_text (stmt, 9, by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, now, -1, SQLITE_TRANSIENT);
  if (!civ_db_step_done (db, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (civ_db_get_handle (db));
}

gboolean
civ_import_set_counts (CivDb   *db,
                       gint64   id,
                       gint64   rows_read,
                       gint64   rows_imported,
                       gint64   rows_rejected,
                       gint64   duplicates,
                       GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "UPDATE archive_imports SET rows_read = ?, rows_imported = ?, "
                    "rows_rejected = ?, duplicates = ? WHERE id = ?",
                    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rows_read);
  sqlite3_bind_int64 (stmt, 2, rows_imported);
  sqlite3_bind_int64 (stmt, 3, rows_rejected);
  sqlite3_bind_int64 (stmt, 4, duplicates);
  sqlite3_bind_int64 (stmt, 5, id);
  return civ_db_step_done (db, stmt, error);
}

/* Conflicts --------------------------------------------------------------- */

void
civ_conflict_row_free (CivConflictRow *row)
{
  if (row == NULL)
    return;
  g_free (row->kind);
  g_free (row->person_name);
  g_free (row->person_doc);
  g_free (row->record_a);
  g_free (row->record_b);
  g_free (row->found_at);
  g_free (row->reviewed_by);
  g_free (row->review_note);
  g_free (row);
}

GPtrArray *
civ_conflict_list (CivDb *db, gboolean open_only, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT c.id, c.kind, p.name, p.doc_number, c.record_a, c.record_b, "
                    "c.found_at, c.reviewed_by, c.review_note FROM history_conflicts c "
                    "JOIN persons p ON p.id = c.person_id "
                    "WHERE ?1 = 0 OR c.reviewed_by IS NULL ORDER BY c.id",
                    error);
  g_autoptr (GPtrArray) rows =
    g_ptr_array_new_with_free_func ((GDestroyNotify) civ_conflict_row_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, open_only ? 1 : 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CivConflictRow *row = g_new0 (CivConflictRow, 1);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->kind = civ_db_column_dup (stmt, 1);
      row->person_name = civ_db_column_dup (stmt, 2);
      row->person_doc = civ_db_column_dup (stmt, 3);
      row->record_a = civ_db_column_dup (stmt, 4);
      row->record_b = civ_db_column_dup (stmt, 5);
      row->found_at = civ_db_column_dup (stmt, 6);
      row->reviewed_by = civ_db_column_dup (stmt, 7);
      row->review_note = civ_db_column_dup (stmt, 8);
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      fail_step (db, error, _ ("Could not read the history conflicts"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

gboolean
civ_conflict_review (
  CivDb *db, gint64 id, const char *by, const char *note, gboolean *found, GError **error)
{
  g_autofree char *now = civ_db_now_iso ();
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "UPDATE history_conflicts SET reviewed_by = ?, reviewed_at = ?, "
                    "review_note = ? WHERE id = ? AND reviewed_by IS NULL",
                    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, note, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, id);
  if (!civ_db_step_done (db, stmt, error))
    return FALSE;
  *found = sqlite3_changes (civ_db_get_handle (db)) > 0;
  return TRUE;
}

/* The historical writer ------------------------------------------------- */

enum
{
  H_MARRIAGE,
  H_PARTY,
  H_HISTORICAL,
  H_FINDING,
  H_DUP_NUMBER,
  H_DUP_NAMES,
  H_PERSON,
  H_PERSON_INSERT,
  H_EVENT,
  H_EVENTS,
  H_STATUS,
  H_CONFLICT,
  H_CURRENT_REGISTERED,
  H_VERSION,
  H_VERSION_PARTIES,
  H_SUPERSEDE,
  H_OUTBOX,
  H_N
};

static const char *const h_sql[H_N] = {
  [H_MARRIAGE] = CIV_SQL_INSERT_MARRIAGE,
  [H_PARTY] = CIV_SQL_INSERT_PARTY,
  [H_HISTORICAL] =
    "INSERT INTO historical_records (record_id, kind, event_date, raw_number, number_era, "
    "archive_no, volume, page, entry, book, book_page, book_slot, import_id, fields) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  [H_FINDING] = "INSERT INTO findings (record_kind, record_row, rule, severity, message) "
                "VALUES ('marriage', ?, ?, ?, ?)",
  [H_DUP_NUMBER] =
    "SELECT 1 FROM marriages m "
    "JOIN marriage_parties a ON a.marriage_id = m.id AND a.position = 0 "
    "JOIN marriage_parties b ON b.marriage_id = m.id AND b.position = 1 "
    "WHERE m.certificate_no = ?1 AND m.superseded_by IS NULL AND m.registration_date = ?2 "
    "AND ((a.name = ?3 AND b.name = ?4) OR (a.name = ?4 AND b.name = ?3)) LIMIT 1",
  [H_DUP_NAMES] = "SELECT 1 FROM marriage_parties a "
                  "JOIN marriages m ON m.id = a.marriage_id AND m.superseded_by IS NULL "
                  "JOIN marriage_parties b ON b.marriage_id = m.id AND b.position <> a.position "
                  "WHERE a.name = ?3 AND b.name = ?4 AND m.registration_date = ?2 "
                  "AND m.certificate_no IS NULL LIMIT 1",
  [H_PERSON] = "SELECT id, marital_status, current_marriage, status_on FROM persons "
               "WHERE id_key = ?",
  [H_PERSON_INSERT] = "INSERT INTO persons (id_key, doc_kind, doc_number, name, sex, birth_date, "
                      "marital_status, updated_at) VALUES (?, ?, ?, ?, ?, ?, 90, ?)",
  [H_EVENT] = "INSERT OR IGNORE INTO person_events (person_id, on_date, kind, record_id, "
              "partner_key) VALUES (?, ?, ?, ?, ?)",
  [H_EVENTS] = "SELECT on_date, kind, record_id, partner_key FROM person_events "
               "WHERE person_id = ? ORDER BY on_date, record_id",
  [H_STATUS] = "UPDATE persons SET marital_status = ?, current_marriage = ?, status_on = ?, "
               "updated_at = ? WHERE id = ?",
  [H_CONFLICT] = "INSERT OR IGNORE INTO history_conflicts (person_id, kind, record_a, record_b, "
                 "found_at) VALUES (?, ?, ?, ?, ?)",
  [H_CURRENT_REGISTERED] = "SELECT id FROM marriages WHERE record_id = ? AND superseded_by IS NULL "
                           "AND state = 'REGISTERED' AND historical = 1",
  [H_VERSION] =
    "INSERT INTO marriages (record_id, version, state, registration_date, effective_from, "
    "office_code, office_name, registrar, certificate_no, historical, status_source, remarks, "
    "reason, approved_by, created_at, created_by) "
    "SELECT record_id, version + 1, ?, registration_date, effective_from, office_code, "
    "office_name, registrar, certificate_no, historical, status_source, remarks, ?, NULL, ?, ? "
    "FROM marriages WHERE id = ? AND superseded_by IS NULL",
  [H_VERSION_PARTIES] =
    "INSERT INTO marriage_parties (marriage_id, position, person_id, name, name_pinyin, "
    "name_initials, sex, birth_date, nationality, ethnicity, occupation, doc_kind, doc_number, "
    "doc_status, id_key, resident_category, status_before, nature) "
    "SELECT ?, position, person_id, name, name_pinyin, name_initials, sex, birth_date, "
    "nationality, ethnicity, occupation, doc_kind, doc_number, doc_status, id_key, "
    "resident_category, status_before, nature FROM marriage_parties WHERE marriage_id = ?",
  [H_SUPERSEDE] = "UPDATE marriages SET superseded_by = ? WHERE id = ?",
  [H_OUTBOX] = "INSERT INTO outbox (idempotency_key, kind, record_id, version, payload, "
               "created_at) VALUES (?, 'historical', ?, 1, ?, ?)",
};

struct _CivHistoryWriter
{
  CivDb        *db;
  sqlite3_stmt *stmt[H_N];
  char         *now;
  gboolean      staged; /* civ_history_writer_stage_search_keys () */
  GArray       *runs;   /* gint64 pairs: each run's first and last rowid */
  /* The search-key trigger of marriage_parties (0005, 0011), taken out
   * while the keys are deferred and put back, from this text, before the
   * transaction ends (civ_history_writer_defer_search_keys ()). */
  char         *party_trigger_sql;
};

#define PARTY_TRIGGER "search_keys_party_added"

static sqlite3_stmt *
h_use (CivHistoryWriter *self, int which)
{
  sqlite3_stmt *stmt = self->stmt[which];

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return stmt;
}

CivHistoryWriter *
civ_history_writer_new (CivDb *db, GError **error)
{
  g_autoptr (CivHistoryWriter) self = g_new0 (CivHistoryWriter, 1);

  self->db = g_object_ref (db);
  self->now = civ_db_now_iso ();
  for (int i = 0; i < H_N; i++)
    {
      /* A statement that writes one row and fires no trigger has nothing
       * of its own to undo: OR FAIL spares SQLite copying every page it
       * touches into a statement journal (which SQLCipher encrypts). (Not
       * for statements that fire triggers: the outer conflict clause would
       * override the trigger's own OR IGNORE.) */
      gboolean         single = i != H_PARTY && i != H_VERSION_PARTIES && i != H_SUPERSEDE;
      g_autofree char *sql = !single ? g_strdup (h_sql[i])
                             : g_str_has_prefix (h_sql[i], "INSERT INTO ")
                               ? g_strconcat ("INSERT OR FAIL INTO ", h_sql[i] + 12, NULL)
                             : g_str_has_prefix (h_sql[i], "UPDATE ")
                               ? g_strconcat ("UPDATE OR FAIL ", h_sql[i] + 7, NULL)
                               : g_strdup (h_sql[i]);

      self->stmt[i] = civ_db_prepare (db, sql, error);
      if (self->stmt[i] == NULL)
        return NULL;
    }
  return g_steal_pointer (&self);
}

void
civ_history_writer_free (CivHistoryWriter *self)
{
  if (self == NULL)
    return;
  for (int i = 0; i < H_N; i++)
    if (self->stmt[i])
      sqlite3_finalize (self->stmt[i]);
  if (self->staged)
    civ_db_detach_scratch (self->db);
  g_clear_pointer (&self->runs, g_array_unref);
  g_free (self->party_trigger_sql);
  g_clear_object (&self->db);
  g_free (self->now);
  g_free (self);
}

gint64
civ_history_writer_add (CivHistoryWriter       *self,
                        const CivMarriageRow   *marriage,
                        const CivPartyRow       parties[2],
                        const CivHistoricalRow *hist,
                        const char *const      *findings,
                        const char             *created_at,
                        GError                **error)
{
  sqlite3_stmt *stmt = h_use (self, H_MARRIAGE);
  gint64        row_id;

  _civ_marriage_row_bind (stmt, marriage, created_at);
  if (!civ_db_step_done (self->db, stmt, error))
    return 0;
  row_id = sqlite3_last_insert_rowid (civ_db_get_handle (self->db));
  for (guint i = 0; i < 2; i++)
    {
      stmt = h_use (self, H_PARTY);
      _civ_party_row_bind (stmt, row_id, i, &parties[i]);
      if (!civ_db_step_done (self->db, stmt, error))
        return 0;
    }
  stmt = h_use (self, H_HISTORICAL);
  sqlite3_bind_text (stmt, 1, hist->record_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, hist->kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, hist->event_date, -1, SQLITE_STATIC);
  civ_db_bind_text_or_null (stmt, 4, hist->raw_number);
  sqlite3_bind_text (stmt, 5, hist->number_era, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, hist->archive_no ? hist->archive_no : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, hist->volume ? hist->volume : "", -1, SQLITE_STATIC);
  if (hist->page > 0)
    sqlite3_bind_int (stmt, 8, hist->page);
  if (hist->entry > 0)
    sqlite3_bind_int (stmt, 9, hist->entry);
  if (hist->book > 0)
    {
      sqlite3_bind_int64 (stmt, 10, hist->book);
      sqlite3_bind_int (stmt, 11, hist->book_page);
      sqlite3_bind_int (stmt, 12, hist->book_slot);
    }
  if (hist->import_id > 0)
    sqlite3_bind_int64 (stmt, 13, hist->import_id);
  sqlite3_bind_text (stmt, 14, hist->fields ? hist->fields : "{}", -1, SQLITE_STATIC);
  if (!civ_db_step_done (self->db, stmt, error))
    return 0;
  for (guint i = 0; findings && findings[i] && findings[i + 1] && findings[i + 2]; i += 3)
    {
      stmt = h_use (self, H_FINDING);
      sqlite3_bind_int64 (stmt, 1, row_id);
      sqlite3_bind_text (stmt, 2, findings[i], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, findings[i + 1], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, findings[i + 2], -1, SQLITE_STATIC);
      if (!civ_db_step_done (self->db, stmt, error))
        return 0;
    }
  return row_id;
}

gboolean
civ_history_writer_duplicate (CivHistoryWriter *self,
                              const char       *raw_number,
                              const char       *date,
                              const char       *name_a,
                              const char       *name_b,
                              gboolean         *found,
                              GError          **error)
{
  sqlite3_stmt *stmt = h_use (self, raw_number ? H_DUP_NUMBER : H_DUP_NAMES);
  int           rc;

  if (raw_number)
    sqlite3_bind_text (stmt, 1, raw_number, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, name_a, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, name_b, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return fail_step (self->db, error, _ ("Could not look for duplicate records"));
  *found = rc == SQLITE_ROW;
  return TRUE;
}

void
civ_person_state_clear (CivPersonState *state)
{
  g_clear_pointer (&state->current_marriage, g_free);
  g_clear_pointer (&state->status_on, g_free);
  state->id = 0;
  state->marital_status = 90;
}

gboolean
civ_history_writer_person (CivHistoryWriter *self,
                           const char       *id_key,
                           CivPersonState   *out,
                           GError          **error)
{
  sqlite3_stmt *stmt = h_use (self, H_PERSON);
  int           rc;

  civ_person_state_clear (out);
  sqlite3_bind_text (stmt, 1, id_key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      out->id = sqlite3_column_int64 (stmt, 0);
      out->marital_status = sqlite3_column_int (stmt, 1);
      out->current_marriage = civ_db_column_dup (stmt, 2);
      out->status_on = civ_db_column_dup (stmt, 3);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return fail_step (self->db, error, _ ("Could not read the person index"));
  return TRUE;
}

gint64
civ_history_writer_person_insert (CivHistoryWriter *self,
                                  const char       *id_key,
                                  const char       *doc_kind,
                                  const char       *doc_number,
                                  const char       *name,
                                  int               sex,
                                  const char       *birth_date,
                                  GError          **error)
{
  sqlite3_stmt *stmt = h_use (self, H_PERSON_INSERT);

  sqlite3_bind_text (stmt, 1, id_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, doc_kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, doc_number, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, name, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, sex);
  civ_db_bind_text_or_null (stmt, 6, birth_date);
  sqlite3_bind_text (stmt, 7, self->now, -1, SQLITE_STATIC);
  if (!civ_db_step_done (self->db, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (civ_db_get_handle (self->db));
}

gboolean
civ_history_writer_add_event (CivHistoryWriter *self,
                              gint64            person_id,
                              const char       *on_date,
                              const char       *kind,
                              const char       *record_id,
                              const char       *partner_key,
                              GError          **error)
{
  sqlite3_stmt *stmt = h_use (self, H_EVENT);

  sqlite3_bind_int64 (stmt, 1, person_id);
  sqlite3_bind_text (stmt, 2, on_date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, record_id, -1, SQLITE_STATIC);
  civ_db_bind_text_or_null (stmt, 5, partner_key);
  return civ_db_step_done (self->db, stmt, error);
}

static void
event_row_clear (gpointer p)
{
  CivPersonEventRow *e = p;

  g_free (e->on_date);
  g_free (e->kind);
  g_free (e->record_id);
  g_free (e->partner_key);
}

GArray *
civ_history_writer_events (CivHistoryWriter *self, gint64 person_id, GError **error)
{
  sqlite3_stmt *stmt = h_use (self, H_EVENTS);
  g_autoptr (GArray) events = g_array_new (FALSE, TRUE, sizeof (CivPersonEventRow));
  int rc;

  g_array_set_clear_func (events, event_row_clear);
  sqlite3_bind_int64 (stmt, 1, person_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CivPersonEventRow e = {
        .on_date = civ_db_column_dup (stmt, 0),
        .kind = civ_db_column_dup (stmt, 1),
        .record_id = civ_db_column_dup (stmt, 2),
        .partner_key = civ_db_column_dup (stmt, 3),
      };
      g_array_append_val (events, e);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      fail_step (self->db, error, _ ("Could not read the person's history"));
      return NULL;
    }
  return g_steal_pointer (&events);
}

gboolean
civ_history_writer_set_status (CivHistoryWriter *self,
                               gint64            person_id,
                               int               marital_status,
                               const char       *current_marriage,
                               const char       *status_on,
                               GError          **error)
{
  sqlite3_stmt *stmt = h_use (self, H_STATUS);

  sqlite3_bind_int (stmt, 1, marital_status);
  civ_db_bind_text_or_null (stmt, 2, current_marriage);
  civ_db_bind_text_or_null (stmt, 3, status_on);
  sqlite3_bind_text (stmt, 4, self->now, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, person_id);
  return civ_db_step_done (self->db, stmt, error);
}

gboolean
civ_history_writer_conflict (CivHistoryWriter *self,
                             gint64            person_id,
                             const char       *kind,
                             const char       *record_a,
                             const char       *record_b,
                             GError          **error)
{
  sqlite3_stmt *stmt = h_use (self, H_CONFLICT);

  sqlite3_bind_int64 (stmt, 1, person_id);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, record_a, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, record_b, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, self->now, -1, SQLITE_STATIC);
  return civ_db_step_done (self->db, stmt, error);
}

gboolean
civ_history_writer_end_marriage (CivHistoryWriter *self,
                                 const char       *record_id,
                                 const char       *state,
                                 const char       *reason,
                                 const char       *created_by,
                                 gboolean         *written,
                                 GError          **error)
{
  sqlite3_stmt *stmt = h_use (self, H_CURRENT_REGISTERED);
  gint64        old_id, new_id;
  int           rc;

  *written = FALSE;
  sqlite3_bind_text (stmt, 1, record_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  old_id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return fail_step (self->db, error, _ ("Could not read the marriage record"));
  if (old_id == 0)
    return TRUE;

  stmt = h_use (self, H_VERSION);
  sqlite3_bind_text (stmt, 1, state, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, reason, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, self->now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, created_by, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, old_id);
  if (!civ_db_step_done (self->db, stmt, error))
    return FALSE;
  new_id = sqlite3_last_insert_rowid (civ_db_get_handle (self->db));
  stmt = h_use (self, H_VERSION_PARTIES);
  sqlite3_bind_int64 (stmt, 1, new_id);
  sqlite3_bind_int64 (stmt, 2, old_id);
  if (!civ_db_step_done (self->db, stmt, error))
    return FALSE;
  stmt = h_use (self, H_SUPERSEDE);
  sqlite3_bind_int64 (stmt, 1, new_id);
  sqlite3_bind_int64 (stmt, 2, old_id);
  if (!civ_db_step_done (self->db, stmt, error))
    return FALSE;
  *written = TRUE;
  return TRUE;
}

gboolean
civ_history_writer_enqueue (CivHistoryWriter *self,
                            const char       *record_id,
                            const char       *payload,
                            GError          **error)
{
  sqlite3_stmt    *stmt = h_use (self, H_OUTBOX);
  g_autofree char *key = g_strdup_printf ("historical:%s:1", record_id);

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, record_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, payload, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, self->now, -1, SQLITE_STATIC);
  if (!civ_db_step_done (self->db, stmt, error))
    return FALSE;
  civ_db_note_outbox (self->db);
  return TRUE;
}

GHashTable *
civ_book_pages_accounted (CivDb *db, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT book, count(*) FROM (SELECT book, page FROM archive_slots GROUP BY "
                    "book, page "
                    "HAVING sum(state IN ('unseen', 'keyed-once', 'disputed')) = 0) GROUP BY book",
                    error);
  g_autoptr (GHashTable) pages = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);

      *id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_insert (pages, id, GINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
    }
  if (rc != SQLITE_DONE)
    {
      fail_step (db, error, _ ("Could not read the book's ledger"));
      return NULL;
    }
  return g_steal_pointer (&pages);
}

gboolean
civ_history_record_is_historical (CivDb      *db,
                                  const char *record_id,
                                  gboolean   *historical,
                                  GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db, "SELECT 1 FROM historical_records WHERE record_id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, record_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return fail_step (db, error, _ ("Could not read the marriage records"));
  *historical = rc == SQLITE_ROW;
  return TRUE;
}

/* While the keys are deferred the trigger does nothing (its WHEN is
 * false), but its presence alone costs: a statement on a table with a
 * trigger (and foreign keys) runs in a statement journal, which copies
 * every page the insert touches and which SQLCipher encrypts (a fifth of
 * an encrypted import's time). So the import's transaction takes the
 * trigger out and puts it back before it commits; no other connection
 * ever sees the table without it (a rollback, or a process killed, puts
 * it back too). */
static gboolean
take_out_party_trigger (CivHistoryWriter *self, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (self->party_trigger_sql)
    return TRUE;
  if (!civ_db_require_transaction (self->db,
                                   _ ("The search keys of an import are deferred only inside its "
                                      "transaction"),
                                   error))
    return FALSE;
  stmt = civ_db_prepare (self->db,
                         "SELECT sql FROM main.sqlite_master "
                         "WHERE type = 'trigger' AND name = '" PARTY_TRIGGER "'",
                         error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return fail_step (self->db, error, _ ("Could not read the search-key trigger"));
  self->party_trigger_sql = civ_db_column_dup (stmt, 0);
  return civ_db_exec (self->db, "DROP TRIGGER main." PARTY_TRIGGER, error);
}

static gboolean
put_back_party_trigger (CivHistoryWriter *self, GError **error)
{
  if (self->party_trigger_sql == NULL)
    return TRUE;
  if (!civ_db_exec (self->db, self->party_trigger_sql, error))
    return FALSE;
  g_clear_pointer (&self->party_trigger_sql, g_free);
  return TRUE;
}

gboolean
civ_history_writer_defer_search_keys (CivHistoryWriter *self, GError **error)
{
  return take_out_party_trigger (self, error) &&
         civ_db_exec (self->db,
                      "INSERT INTO search_keys_deferred (from_marriage) "
                      "SELECT coalesce (max (id), 0) + 1 FROM marriages",
                      error);
}

/* The keys of 0005's view for the current versions written since the
 * deferral began: k, d, id. */
#define DEFERRED_KEYS_SQL                                                                          \
  "SELECT 'N' || p.name AS k, m.registration_date AS d, m.id AS id"                                \
  " FROM marriages m JOIN marriage_parties p ON p.marriage_id = m.id"                              \
  " WHERE m.id >= (SELECT min (from_marriage) FROM search_keys_deferred)"                          \
  " AND m.superseded_by IS NULL"                                                                   \
  " UNION ALL"                                                                                     \
  " SELECT 'n' || substr (p.name, 1, l.n), m.registration_date, m.id"                              \
  " FROM marriages m JOIN marriage_parties p ON p.marriage_id = m.id"                              \
  " JOIN search_key_lengths l ON l.n <= length (p.name)"                                           \
  " WHERE m.id >= (SELECT min (from_marriage) FROM search_keys_deferred)"                          \
  " AND m.superseded_by IS NULL"                                                                   \
  " UNION ALL"                                                                                     \
  " SELECT 'p' || substr (p.name_pinyin, 1, l.n), m.registration_date, m.id"                       \
  " FROM marriages m JOIN marriage_parties p ON p.marriage_id = m.id"                              \
  " JOIN search_key_lengths l ON l.n <= length (p.name_pinyin)"                                    \
  " WHERE m.id >= (SELECT min (from_marriage) FROM search_keys_deferred)"                          \
  " AND m.superseded_by IS NULL"                                                                   \
  " UNION ALL"                                                                                     \
  " SELECT 'i' || substr (p.name_initials, 1, l.n), m.registration_date, m.id"                     \
  " FROM marriages m JOIN marriage_parties p ON p.marriage_id = m.id"                              \
  " JOIN search_key_lengths l ON l.n <= length (p.name_initials)"                                  \
  " WHERE m.id >= (SELECT min (from_marriage) FROM search_keys_deferred)"                          \
  " AND m.superseded_by IS NULL"

gboolean
civ_history_writer_build_search_keys (CivHistoryWriter *self, GError **error)
{
  gint64 first = 1, last = 0;

  if (!self->staged)
    /* In key order: each page of search_keys is written once, not once
     * per key. */
    return civ_db_exec (self->db,
                        "INSERT OR IGNORE INTO search_keys (key, registration_date, marriage_id) "
                        "SELECT k, d, id FROM (" DEFERRED_KEYS_SQL ") ORDER BY 1, 2, 3;"
                        "DELETE FROM search_keys_deferred;",
                        error) &&
           put_back_party_trigger (self, error);
  /* One sorted run into the scratch table: its rowids are consecutive. */
  if (self->runs->len > 0)
    first = g_array_index (self->runs, gint64, self->runs->len - 1) + 1;
  if (!civ_db_exec (self->db,
                    "INSERT INTO civ_stage.search_key_runs (key, d, id) "
                    "SELECT k, d, id FROM (" DEFERRED_KEYS_SQL ") ORDER BY 1, 2, 3;"
                    "DELETE FROM search_keys_deferred;",
                    error) ||
      !civ_db_query_int64 (self->db,
                           "SELECT coalesce (max (rowid), 0) FROM civ_stage.search_key_runs", &last,
                           error))
    return FALSE;
  if (last >= first)
    {
      g_array_append_val (self->runs, first);
      g_array_append_val (self->runs, last);
    }
  return TRUE;
}

gboolean
civ_history_writer_stage_search_keys (CivHistoryWriter *self, GError **error)
{
  g_return_val_if_fail (!self->staged, FALSE);

  if (!civ_db_attach_scratch (self->db, "civ_stage", error))
    return FALSE;
  self->staged = TRUE;
  self->runs = g_array_new (FALSE, FALSE, sizeof (gint64));
  return civ_db_exec (self->db,
                      "CREATE TABLE civ_stage.search_key_runs (key TEXT NOT NULL, d TEXT NOT NULL, "
                      "id INTEGER NOT NULL)",
                      error);
}

typedef struct
{
  sqlite3_stmt *stmt;
  const char   *key;
  int           key_len;
  const char   *d;
  int           d_len;
  gint64        id;
} RunCursor;

/* SQLite's BINARY order of (key, d, id). */
static int
cursor_cmp (const RunCursor *a, const RunCursor *b)
{
  int c = memcmp (a->key, b->key, (gsize) MIN (a->key_len, b->key_len));

  if (c == 0)
    c = a->key_len - b->key_len;
  if (c == 0)
    c = memcmp (a->d, b->d, (gsize) MIN (a->d_len, b->d_len));
  if (c == 0)
    c = a->d_len - b->d_len;
  if (c == 0)
    c = (a->id > b->id) - (a->id < b->id);
  return c;
}

/* Steps @c to its run's next row; FALSE at its end or on an error. */
static gboolean
cursor_next (CivHistoryWriter *self, RunCursor *c, gboolean *failed)
{
  int rc = sqlite3_step (c->stmt);

  if (rc != SQLITE_ROW)
    {
      *failed = rc != SQLITE_DONE;
      return FALSE;
    }
  c->key = (const char *) sqlite3_column_text (c->stmt, 0);
  c->key_len = sqlite3_column_bytes (c->stmt, 0);
  c->d = (const char *) sqlite3_column_text (c->stmt, 1);
  c->d_len = sqlite3_column_bytes (c->stmt, 1);
  c->id = sqlite3_column_int64 (c->stmt, 2);
  return c->key != NULL && c->d != NULL;
}

static void
heap_down (RunCursor **heap, guint n, guint i)
{
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, m = i;

      if (l < n && cursor_cmp (heap[l], heap[m]) < 0)
        m = l;
      if (r < n && cursor_cmp (heap[r], heap[m]) < 0)
        m = r;
      if (m == i)
        return;
      {
        RunCursor *t = heap[i];
        heap[i] = heap[m];
        heap[m] = t;
      }
      i = m;
    }
}

gboolean
civ_history_writer_merge_search_keys (CivHistoryWriter *self, GError **error)
{
  guint         n_runs, n = 0;
  RunCursor    *cursors;
  RunCursor   **heap;
  sqlite3_stmt *insert = NULL;
  gboolean      failed = FALSE, ok = FALSE;

  if (!self->staged || self->runs->len == 0)
    return put_back_party_trigger (self, error);
  n_runs = self->runs->len / 2;
  cursors = g_new0 (RunCursor, n_runs);
  heap = g_new0 (RunCursor *, n_runs);
  insert = civ_db_prepare (self->db,
                           "INSERT OR IGNORE INTO main.search_keys (key, registration_date, "
                           "marriage_id) VALUES (?, ?, ?)",
                           error);
  if (insert == NULL)
    goto out;
  for (guint r = 0; r < n_runs; r++)
    {
      cursors[r].stmt = civ_db_prepare (self->db,
                                        "SELECT key, d, id FROM civ_stage.search_key_runs "
                                        "WHERE rowid BETWEEN ?1 AND ?2 ORDER BY rowid",
                                        error);
      if (cursors[r].stmt == NULL)
        goto out;
      sqlite3_bind_int64 (cursors[r].stmt, 1, g_array_index (self->runs, gint64, 2 * r));
      sqlite3_bind_int64 (cursors[r].stmt, 2, g_array_index (self->runs, gint64, 2 * r + 1));
      if (cursor_next (self, &cursors[r], &failed))
        heap[n++] = &cursors[r];
      else if (failed)
        goto step_failed;
    }
  for (guint i = n / 2; i-- > 0;)
    heap_down (heap, n, i);
  /* Every key of every run, in key order: one pass over search_keys. */
  while (n > 0)
    {
      RunCursor *top = heap[0];

      sqlite3_reset (insert);
      sqlite3_bind_text (insert, 1, top->key, top->key_len, SQLITE_STATIC);
      sqlite3_bind_text (insert, 2, top->d, top->d_len, SQLITE_STATIC);
      sqlite3_bind_int64 (insert, 3, top->id);
      if (!civ_db_step_done (self->db, insert, error))
        goto out;
      if (!cursor_next (self, top, &failed))
        {
          if (failed)
            goto step_failed;
          heap[0] = heap[--n];
        }
      heap_down (heap, n, 0);
    }
  ok = TRUE;
  goto out;

step_failed:
  civ_db_set_sqlite_error (error, sqlite3_extended_errcode (civ_db_get_handle (self->db)), "%s",
                           _ ("Could not merge the search keys of the import"));
out:
  for (guint r = 0; r < n_runs; r++)
    if (cursors[r].stmt)
      sqlite3_finalize (cursors[r].stmt);
  if (insert)
    sqlite3_finalize (insert);
  g_free (cursors);
  g_free (heap);
  if (ok)
    g_array_set_size (self->runs, 0); /* the scratch file goes with the writer */
  return ok && put_back_party_trigger (self, error);
}
