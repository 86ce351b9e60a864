// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-number-store.c — certificate serials: the local counter or the
 * province's number blocks (R-N1, migration 0018)
 */
#include "civ-number-store.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "civ-db-error.h"

const char *const civ_number_prefixes[] = { "J", "L", "BJ", "BL", "SY", "JCSY", NULL };

#define BLOCK_COLUMNS                                                                              \
  "b.id, b.block_id, b.prefix, b.office_code, b.year, b.first_serial, b.last_serial, "             \
  "b.next_serial, b.claim, b.received_at, b.reported_next, b.returned_from, b.return_reason, "     \
  "b.returned_at, b.returned_by, b.return_reported_at, "                                           \
  "(SELECT count (*) FROM number_voids v WHERE v.block_id = b.block_id)"

void
civ_number_block_free (CivNumberBlock *block)
{
  if (block == NULL)
    return;
  g_free (block->block_id);
  g_free (block->prefix);
  g_free (block->office_code);
  g_free (block->received_at);
  g_free (block->return_reason);
  g_free (block->returned_at);
  g_free (block->returned_by);
  g_free (block->return_reported_at);
  g_free (block);
}

void
civ_number_void_free (CivNumberVoid *v)
{
  if (v == NULL)
    return;
  g_free (v->prefix);
  g_free (v->office_code);
  g_free (v->block_id);
  g_free (v->reason);
  g_free (v->voided_at);
  g_free (v->voided_by);
  g_free (v->reported_at);
  g_free (v);
}

static CivNumberBlock *
block_from_row (sqlite3_stmt *stmt)
{
  CivNumberBlock *b = g_new0 (CivNumberBlock, 1);
  int             i = 0;

  b->id = sqlite3_column_int64 (stmt, i++);
  b->block_id = civ_db_column_dup (stmt, i++);
  b->prefix = civ_db_column_dup (stmt, i++);
  b->office_code = civ_db_column_dup (stmt, i++);
  b->year = sqlite3_column_int (stmt, i++);
  b->first = sqlite3_column_int64 (stmt, i++);
  b->last = sqlite3_column_int64 (stmt, i++);
  b->next = sqlite3_column_int64 (stmt, i++);
  b->claim = sqlite3_column_int (stmt, i++) != 0;
  b->received_at = civ_db_column_dup (stmt, i++);
  b->reported_next = sqlite3_column_int64 (stmt, i++);
  b->returned_from = sqlite3_column_int64 (stmt, i++);
  b->return_reason = civ_db_column_dup (stmt, i++);
  b->returned_at = civ_db_column_dup (stmt, i++);
  b->returned_by = civ_db_column_dup (stmt, i++);
  b->return_reported_at = civ_db_column_dup (stmt, i++);
  b->voided = sqlite3_column_int64 (stmt, i++);
  return b;
}

gboolean
civ_number_from_blocks (CivDb *db)
{
  g_autofree char *source = civ_db_get_setting (db, CIV_NUMBERS_SOURCE_KEY);

  return g_strcmp0 (source, CIV_NUMBERS_SOURCE_PROVINCE) == 0;
}

gboolean
civ_number_set_from_blocks (CivDb *db, GError **error)
{
  return civ_db_set_setting (db, CIV_NUMBERS_SOURCE_KEY, CIV_NUMBERS_SOURCE_PROVINCE, error) &&
         civ_db_exec (db, "DELETE FROM settings WHERE key = '" CIV_NUMBERS_CLAIM_REFUSED_KEY "'",
                      error);
}

gboolean
civ_number_prefix_known (const char *prefix)
{
  for (guint i = 0; prefix && civ_number_prefixes[i]; i++)
    if (g_str_equal (prefix, civ_number_prefixes[i]))
      return TRUE;
  return FALSE;
}

static gboolean
check_series (const char *prefix, const char *office_code, int year, GError **error)
{
  if (!civ_number_prefix_known (prefix) || year < 1950 || year > 9999 || office_code == NULL ||
      strlen (office_code) != 6 || strspn (office_code, "0123456789") != 6)
    {
      g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                           _ ("R-N1: a certificate number needs a known prefix, a 6-digit office "
                              "code and a year"));
      return FALSE;
    }
  return TRUE;
}

/* A statement of @sql whose first three parameters are the series. */
static sqlite3_stmt *
series_stmt (
  CivDb *db, const char *sql, const char *prefix, const char *office_code, int year, GError **error)
{
  sqlite3_stmt *stmt = civ_db_prepare (db, sql, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, office_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, year);
  return stmt;
}

static gboolean
draw_local (
  CivDb *db, const char *prefix, const char *office_code, int year, gint64 *serial, GError **error)
{
  g_autoptr (sqlite3_stmt) sel = NULL;
  g_autoptr (sqlite3_stmt) upd = NULL;
  gint64 next = 1;
  int    rc;

  sel = series_stmt (db,
                     "SELECT last_serial FROM certificate_counters "
                     "WHERE prefix = ? AND office_code = ? AND year = ?",
                     prefix, office_code, year, error);
  if (sel == NULL)
    return FALSE;
  rc = sqlite3_step (sel);
  if (rc == SQLITE_ROW)
    next = sqlite3_column_int64 (sel, 0) + 1;
  else if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the certificate counter"));
      return FALSE;
    }
  if (next > 999999)
    {
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                   _ ("R-N1: the %s serials of %d are used up"), prefix, year);
      return FALSE;
    }
  upd = series_stmt (db,
                     "INSERT OR REPLACE INTO certificate_counters (prefix, office_code, year, "
                     "last_serial) VALUES (?, ?, ?, ?)",
                     prefix, office_code, year, error);
  if (upd == NULL)
    return FALSE;
  sqlite3_bind_int64 (upd, 4, next);
  if (!civ_db_step_done (db, upd, error))
    return FALSE;
  *serial = next;
  return TRUE;
}

/* Draws from the first block of the series with serials left; its
 * block_id in *@block_id when not NULL. */
static gboolean
draw_block (CivDb      *db,
            const char *prefix,
            const char *office_code,
            int         year,
            gint64     *serial,
            char      **block_id,
            GError    **error)
{
  g_autoptr (sqlite3_stmt) sel = NULL;
  g_autoptr (sqlite3_stmt) upd = NULL;
  gint64 id, next;
  int    rc;

  sel = series_stmt (db,
                     "SELECT id, next_serial, block_id FROM number_blocks "
                     "WHERE prefix = ? AND office_code = ? AND year = ? "
                     "AND returned_from IS NULL AND next_serial <= last_serial "
                     "ORDER BY first_serial LIMIT 1",
                     prefix, office_code, year, error);
  if (sel == NULL)
    return FALSE;
  rc = sqlite3_step (sel);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                   _ ("R-N1: this workstation has no %s number of %d left. The province hands "
                      "out the numbers; connect to it (Reports → Deliver now) to receive more. "
                      "Nothing was registered."),
                   prefix, year);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      civ_db_set_error (db, error, _ ("Could not read the number blocks"));
      return FALSE;
    }
  id = sqlite3_column_int64 (sel, 0);
  next = sqlite3_column_int64 (sel, 1);
  if (block_id)
    *block_id = civ_db_column_dup (sel, 2);
  upd = civ_db_prepare (db, "UPDATE number_blocks SET next_serial = ? WHERE id = ?", error);
  if (upd == NULL)
    return FALSE;
  sqlite3_bind_int64 (upd, 1, next + 1);
  sqlite3_bind_int64 (upd, 2, id);
  if (!civ_db_step_done (db, upd, error))
    return FALSE;
  *serial = next;
  return TRUE;
}

gboolean
civ_number_draw (
  CivDb *db, const char *prefix, const char *office_code, int year, gint64 *serial, GError **error)
{
  g_return_val_if_fail (serial != NULL, FALSE);

  if (!civ_db_require_transaction (db,
                                   _ (
                                     "A certificate number is only allocated inside a transaction"),
                                   error))
    return FALSE;
  if (!check_series (prefix, office_code, year, error))
    return FALSE;
  if (civ_number_from_blocks (db))
    return draw_block (db, prefix, office_code, year, serial, NULL, error);
  return draw_local (db, prefix, office_code, year, serial, error);
}

GPtrArray *
civ_number_blocks_list (CivDb *db, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT " BLOCK_COLUMNS " FROM number_blocks b "
                    "ORDER BY b.prefix, b.office_code, b.year, b.first_serial",
                    error);
  g_autoptr (GPtrArray) out = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_number_block_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, block_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the number blocks"));
      return NULL;
    }
  return g_steal_pointer (&out);
}

gboolean
civ_number_block_add (CivDb *db, const CivNumberBlock *block, GError **error)
{
  g_autoptr (sqlite3_stmt) overlap = NULL;
  g_autoptr (sqlite3_stmt) ins = NULL;
  g_autofree char *now = civ_db_now_iso ();
  gint64           next = block->claim ? block->last + 1 : block->first;

  if (!civ_db_require_transaction (db, _ ("A number block is only stored inside a transaction"),
                                   error) ||
      !check_series (block->prefix, block->office_code, block->year, error))
    return FALSE;
  if (block->block_id == NULL || *block->block_id == '\0' || block->first < 1 ||
      block->last < block->first || block->last > 999999)
    {
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                   _ ("R-N1: the number block “%s” has no valid range"),
                   block->block_id ? block->block_id : "");
      return FALSE;
    }
  overlap = civ_db_prepare (db,
                            "SELECT block_id FROM number_blocks WHERE prefix = ? AND "
                            "office_code = ? AND year = ? AND first_serial <= ? AND "
                            "last_serial >= ? AND block_id <> ?",
                            error);
  if (overlap == NULL)
    return FALSE;
  sqlite3_bind_text (overlap, 1, block->prefix, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (overlap, 2, block->office_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (overlap, 3, block->year);
  sqlite3_bind_int64 (overlap, 4, block->last);
  sqlite3_bind_int64 (overlap, 5, block->first);
  sqlite3_bind_text (overlap, 6, block->block_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (overlap) == SQLITE_ROW)
    {
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                   _ ("R-N1: the number block “%s” overlaps block “%s” this workstation holds"),
                   block->block_id, (const char *) sqlite3_column_text (overlap, 0));
      return FALSE;
    }
  /* The same block again (a repeated answer) changes nothing. */
  ins = civ_db_prepare (db,
                        "INSERT OR IGNORE INTO number_blocks (block_id, prefix, office_code, year, "
                        "first_serial, last_serial, next_serial, claim, received_at, "
                        "reported_next) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        error);
  if (ins == NULL)
    return FALSE;
  sqlite3_bind_text (ins, 1, block->block_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (ins, 2, block->prefix, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (ins, 3, block->office_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (ins, 4, block->year);
  sqlite3_bind_int64 (ins, 5, block->first);
  sqlite3_bind_int64 (ins, 6, block->last);
  sqlite3_bind_int64 (ins, 7, next);
  sqlite3_bind_int (ins, 8, block->claim ? 1 : 0);
  sqlite3_bind_text (ins, 9, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (ins, 10, next);
  return civ_db_step_done (db, ins, error);
}

static gboolean
exec_block (CivDb *db, const char *sql, const char *block_id, gint64 value, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = civ_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, value);
  sqlite3_bind_text (stmt, 2, block_id, -1, SQLITE_TRANSIENT);
  return civ_db_step_done (db, stmt, error);
}

gboolean
civ_number_block_set_reported (CivDb      *db,
                               const char *block_id,
                               gint64      reported_next,
                               GError    **error)
{
  return exec_block (db,
                     "UPDATE number_blocks SET reported_next = max (reported_next, ?) "
                     "WHERE block_id = ?",
                     block_id, reported_next, error);
}

gboolean
civ_number_block_return (CivDb      *db,
                         const char *block_id,
                         const char *reason,
                         const char *returned_by,
                         gint64     *returned_from,
                         GError    **error)
{
  g_autoptr (sqlite3_stmt) sel = NULL;
  g_autoptr (sqlite3_stmt) upd = NULL;
  g_autofree char *now = civ_db_now_iso ();
  gint64           next, last;

  if (!civ_db_require_transaction (db, _ ("A number block is only returned inside a transaction"),
                                   error))
    return FALSE;
  sel = civ_db_prepare (db,
                        "SELECT next_serial, last_serial, returned_from FROM number_blocks "
                        "WHERE block_id = ?",
                        error);
  if (sel == NULL)
    return FALSE;
  sqlite3_bind_text (sel, 1, block_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (sel) != SQLITE_ROW)
    {
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_NOT_FOUND,
                   _ ("This workstation holds no number block “%s”"), block_id);
      return FALSE;
    }
  next = sqlite3_column_int64 (sel, 0);
  last = sqlite3_column_int64 (sel, 1);
  if (sqlite3_column_type (sel, 2) != SQLITE_NULL)
    {
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                   _ ("The number block “%s” was already returned"), block_id);
      return FALSE;
    }
  if (next > last)
    {
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                   _ ("The number block “%s” is used up: it has no serial to return"), block_id);
      return FALSE;
    }
  upd = civ_db_prepare (db,
                        "UPDATE number_blocks SET returned_from = next_serial, return_reason = ?, "
                        "returned_at = ?, returned_by = ? WHERE block_id = ?",
                        error);
  if (upd == NULL)
    return FALSE;
  sqlite3_bind_text (upd, 1, reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (upd, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (upd, 3, returned_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (upd, 4, block_id, -1, SQLITE_TRANSIENT);
  if (!civ_db_step_done (db, upd, error))
    return FALSE;
  if (returned_from)
    *returned_from = next;
  return TRUE;
}

gboolean
civ_number_return_set_reported (CivDb *db, const char *block_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db, "UPDATE number_blocks SET return_reported_at = ? WHERE block_id = ?",
                    error);
  g_autofree char *now = civ_db_now_iso ();

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, block_id, -1, SQLITE_TRANSIENT);
  return civ_db_step_done (db, stmt, error);
}

gboolean
civ_number_void_next (CivDb      *db,
                      const char *prefix,
                      const char *office_code,
                      int         year,
                      const char *reason,
                      const char *voided_by,
                      gint64     *serial,
                      GError    **error)
{
  g_autoptr (sqlite3_stmt) ins = NULL;
  g_autofree char *block_id = NULL;
  g_autofree char *now = civ_db_now_iso ();

  if (!civ_db_require_transaction (db, _ ("A serial is only voided inside a transaction"), error) ||
      !check_series (prefix, office_code, year, error))
    return FALSE;
  if (!civ_number_from_blocks (db))
    {
      g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                           _ ("R-N1: this office numbers with its local counter; only a serial "
                              "of a number block from the province can be set aside"));
      return FALSE;
    }
  if (!draw_block (db, prefix, office_code, year, serial, &block_id, error))
    return FALSE;
  ins = civ_db_prepare (db,
                        "INSERT INTO number_voids (prefix, office_code, year, serial, block_id, "
                        "reason, voided_at, voided_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        error);
  if (ins == NULL)
    return FALSE;
  sqlite3_bind_text (ins, 1, prefix, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (ins, 2, office_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (ins, 3, year);
  sqlite3_bind_int64 (ins, 4, *serial);
  sqlite3_bind_text (ins, 5, block_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (ins, 6, reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (ins, 7, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (ins, 8, voided_by, -1, SQLITE_TRANSIENT);
  return civ_db_step_done (db, ins, error);
}

GPtrArray *
civ_number_voids_list (CivDb *db, gboolean unreported_only, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) out = NULL;
  int rc;

  stmt = civ_db_prepare (db,
                         unreported_only
                           ? "SELECT prefix, office_code, year, serial, block_id, reason, "
                             "voided_at, voided_by, reported_at FROM number_voids WHERE "
                             "reported_at IS NULL ORDER BY prefix, office_code, year, serial"
                           : "SELECT prefix, office_code, year, serial, block_id, reason, "
                             "voided_at, voided_by, reported_at FROM number_voids "
                             "ORDER BY prefix, office_code, year, serial",
                         error);
  if (stmt == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_number_void_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CivNumberVoid *v = g_new0 (CivNumberVoid, 1);

      v->prefix = civ_db_column_dup (stmt, 0);
      v->office_code = civ_db_column_dup (stmt, 1);
      v->year = sqlite3_column_int (stmt, 2);
      v->serial = sqlite3_column_int64 (stmt, 3);
      v->block_id = civ_db_column_dup (stmt, 4);
      v->reason = civ_db_column_dup (stmt, 5);
      v->voided_at = civ_db_column_dup (stmt, 6);
      v->voided_by = civ_db_column_dup (stmt, 7);
      v->reported_at = civ_db_column_dup (stmt, 8);
      g_ptr_array_add (out, v);
    }
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the voided serials"));
      return NULL;
    }
  return g_steal_pointer (&out);
}

gboolean
civ_number_void_set_reported (
  CivDb *db, const char *prefix, const char *office_code, int year, gint64 serial, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "UPDATE number_voids SET reported_at = ? WHERE prefix = ? AND office_code = ? "
                    "AND year = ? AND serial = ?",
                    error);
  g_autofree char *now = civ_db_now_iso ();

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, prefix, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, office_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, year);
  sqlite3_bind_int64 (stmt, 5, serial);
  return civ_db_step_done (db, stmt, error);
}

GPtrArray *
civ_number_local_counters (CivDb *db, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT prefix, office_code, year, last_serial FROM certificate_counters "
                    "WHERE last_serial > 0 ORDER BY prefix, office_code, year",
                    error);
  g_autoptr (GPtrArray) out = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_number_block_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CivNumberBlock *b = g_new0 (CivNumberBlock, 1);

      b->prefix = civ_db_column_dup (stmt, 0);
      b->office_code = civ_db_column_dup (stmt, 1);
      b->year = sqlite3_column_int (stmt, 2);
      b->first = 1;
      b->last = sqlite3_column_int64 (stmt, 3);
      b->next = b->last + 1;
      b->claim = TRUE;
      g_ptr_array_add (out, b);
    }
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the certificate counter"));
      return NULL;
    }
  return g_steal_pointer (&out);
}

gboolean
civ_number_exchange_pending (CivDb *db, char **request_id, char **body, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT request_id, body FROM number_exchanges WHERE answered_at IS NULL "
                    "ORDER BY created_at, rowid LIMIT 1",
                    error);
  int rc;

  *request_id = NULL;
  *body = NULL;
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *request_id = civ_db_column_dup (stmt, 0);
      *body = civ_db_column_dup (stmt, 1);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the request to the province"));
      return FALSE;
    }
  return TRUE;
}

gboolean
civ_number_exchange_save (CivDb *db, const char *request_id, const char *body, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "INSERT INTO number_exchanges (request_id, body, created_at) VALUES (?, ?, ?)",
                    error);
  g_autofree char *now = civ_db_now_iso ();

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, request_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, body, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  return civ_db_step_done (db, stmt, error);
}

gboolean
civ_number_exchange_answered (CivDb *db, const char *request_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db, "UPDATE number_exchanges SET answered_at = ? WHERE request_id = ?", error);
  g_autofree char *now = civ_db_now_iso ();

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, request_id, -1, SQLITE_TRANSIENT);
  return civ_db_step_done (db, stmt, error);
}
