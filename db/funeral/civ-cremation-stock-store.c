// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-cremation-stock-store.c — batches and serials of cremation
 * certificate blanks (R-F13) */
#include "civ-cremation-stock-store.h"

#include <glib/gi18n-lib.h>

static gboolean
require_transaction (CivDb *db, GError **error)
{
  if (!sqlite3_get_autocommit (civ_db_get_handle (db)))
    return TRUE;
  g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                       _ ("The cremation certificate stock is only written inside a transaction"));
  return FALSE;
}

void
civ_cremation_batch_free (CivCremationBatch *batch)
{
  if (batch == NULL)
    return;
  g_free (batch->prefix);
  g_free (batch->first_serial);
  g_free (batch->last_serial);
  g_free (batch->received_on);
  g_free (batch->received_by);
  g_free (batch->received_at);
  g_free (batch->reference);
  g_free (batch);
}

void
civ_cremation_serial_free (CivCremationSerial *serial)
{
  if (serial == NULL)
    return;
  g_free (serial->serial);
  g_free (serial->state);
  g_free (serial->received_on);
  g_free (serial->case_ref);
  g_free (serial->issued_on);
  g_free (serial->issued_by);
  g_free (serial->void_reason);
  g_free (serial->voided_on);
  g_free (serial->voided_by);
  g_free (serial->approved_by);
  g_free (serial);
}

#define BATCH_COLUMNS                                                                              \
  "id, prefix, width, first_number, last_number, first_serial, last_serial, count, "               \
  "received_on, received_by, received_at, reference"

static CivCremationBatch *
batch_from_row (sqlite3_stmt *stmt)
{
  CivCremationBatch *b = g_new0 (CivCremationBatch, 1);

  b->id = sqlite3_column_int64 (stmt, 0);
  b->prefix = civ_db_column_dup (stmt, 1);
  b->width = (guint) sqlite3_column_int (stmt, 2);
  b->first_number = sqlite3_column_int64 (stmt, 3);
  b->last_number = sqlite3_column_int64 (stmt, 4);
  b->first_serial = civ_db_column_dup (stmt, 5);
  b->last_serial = civ_db_column_dup (stmt, 6);
  b->count = sqlite3_column_int64 (stmt, 7);
  b->received_on = civ_db_column_dup (stmt, 8);
  b->received_by = civ_db_column_dup (stmt, 9);
  b->received_at = civ_db_column_dup (stmt, 10);
  b->reference = civ_db_column_dup (stmt, 11);
  return b;
}

gint64
civ_cremation_batch_insert (CivDb                   *db,
                            const CivCremationBatch *batch,
                            const char              *received_by,
                            GError                 **error)
{
  g_autofree char *now = civ_db_now_iso ();
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (sqlite3_stmt) serial = NULL;
  gint64 id;

  if (!require_transaction (db, error))
    return 0;
  if (batch->last_number < batch->first_number ||
      batch->last_number - batch->first_number >= CIV_CREMATION_BATCH_MAX)
    {
      g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                           _ ("A batch of cremation certificates has a range that is not valid"));
      return 0;
    }
  stmt = civ_db_prepare (db,
                         "INSERT INTO cremation_cert_batches (prefix, width, first_number, "
                         "last_number, first_serial, last_serial, count, received_on, "
                         "received_by, received_at, reference) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
                         "?, ?)",
                         error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, batch->prefix, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, (int) batch->width);
  sqlite3_bind_int64 (stmt, 3, batch->first_number);
  sqlite3_bind_int64 (stmt, 4, batch->last_number);
  sqlite3_bind_text (stmt, 5, batch->first_serial, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, batch->last_serial, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, batch->count);
  sqlite3_bind_text (stmt, 8, batch->received_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, received_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, now, -1, SQLITE_TRANSIENT);
  civ_db_bind_text_or_null (stmt, 11, batch->reference);
  if (!civ_db_step_done (db, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (civ_db_get_handle (db));

  serial = civ_db_prepare (
    db, "INSERT INTO cremation_cert_serials (serial, batch_id, number) VALUES (?, ?, ?)", error);
  if (serial == NULL)
    return 0;
  for (gint64 n = batch->first_number; n <= batch->last_number; n++)
    {
      g_autofree char *text =
        g_strdup_printf ("%s%0*" G_GINT64_FORMAT, batch->prefix, (int) batch->width, n);

      sqlite3_reset (serial);
      sqlite3_bind_text (serial, 1, text, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (serial, 2, id);
      sqlite3_bind_int64 (serial, 3, n);
      if (!civ_db_step_done (db, serial, error))
        return 0;
    }
  return id;
}

CivCremationBatch *
civ_cremation_batch_find_overlap (
  CivDb *db, const char *prefix, gint64 first_number, gint64 last_number, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT " BATCH_COLUMNS " FROM cremation_cert_batches WHERE prefix = ? AND "
                    "first_number <= ? AND last_number >= ? ORDER BY id LIMIT 1",
                    error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, last_number);
  sqlite3_bind_int64 (stmt, 3, first_number);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return batch_from_row (stmt);
  if (rc != SQLITE_DONE)
    civ_db_set_error (db, error, _ ("Could not read the cremation certificate batches"));
  return NULL;
}

GPtrArray *
civ_cremation_batch_list (CivDb *db, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db, "SELECT " BATCH_COLUMNS " FROM cremation_cert_batches ORDER BY id", error);
  g_autoptr (GPtrArray) out =
    g_ptr_array_new_with_free_func ((GDestroyNotify) civ_cremation_batch_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, batch_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the cremation certificate batches"));
      return NULL;
    }
  return g_steal_pointer (&out);
}

#define SERIAL_COLUMNS                                                                             \
  "s.serial, s.batch_id, s.number, s.state, b.received_on, s.case_ref, s.issued_on, "              \
  "s.issued_by, s.void_reason, s.voided_on, s.voided_by, s.approved_by"
#define SERIAL_FROM                                                                                \
  " FROM cremation_cert_serials s JOIN cremation_cert_batches b ON b.id = s.batch_id"

static CivCremationSerial *
serial_from_row (sqlite3_stmt *stmt)
{
  CivCremationSerial *s = g_new0 (CivCremationSerial, 1);

  s->serial = civ_db_column_dup (stmt, 0);
  s->batch_id = sqlite3_column_int64 (stmt, 1);
  s->number = sqlite3_column_int64 (stmt, 2);
  s->state = civ_db_column_dup (stmt, 3);
  s->received_on = civ_db_column_dup (stmt, 4);
  s->case_ref = civ_db_column_dup (stmt, 5);
  s->issued_on = civ_db_column_dup (stmt, 6);
  s->issued_by = civ_db_column_dup (stmt, 7);
  s->void_reason = civ_db_column_dup (stmt, 8);
  s->voided_on = civ_db_column_dup (stmt, 9);
  s->voided_by = civ_db_column_dup (stmt, 10);
  s->approved_by = civ_db_column_dup (stmt, 11);
  return s;
}

CivCremationSerial *
civ_cremation_serial_find (CivDb *db, const char *serial, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db, "SELECT " SERIAL_COLUMNS SERIAL_FROM " WHERE s.serial = ?", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, serial, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return serial_from_row (stmt);
  if (rc != SQLITE_DONE)
    civ_db_set_error (db, error, _ ("Could not read the cremation certificate stock"));
  return NULL;
}

/* The text of the one column of @sql's first row with @bind bound to ?1
 * (NULL: nothing to bind); NULL with no error when there is no row. */
static char *
query_text (CivDb *db, const char *sql, const char *bind, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = civ_db_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (bind != NULL)
    sqlite3_bind_text (stmt, 1, bind, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return civ_db_column_dup (stmt, 0);
  if (rc != SQLITE_DONE)
    civ_db_set_error (db, error, _ ("Could not read the cremation certificate stock"));
  return NULL;
}

char *
civ_cremation_serial_next_in_stock (CivDb *db, GError **error)
{
  return query_text (db,
                     "SELECT serial FROM cremation_cert_serials WHERE state = 'in-stock' "
                     "ORDER BY batch_id, number LIMIT 1",
                     NULL, error);
}

char *
civ_cremation_serial_of_case (CivDb *db, const char *case_ref, GError **error)
{
  return query_text (db,
                     "SELECT serial FROM cremation_cert_serials WHERE case_ref = ?1 AND "
                     "state = 'issued'",
                     case_ref, error);
}

GPtrArray *
civ_cremation_serial_list (CivDb *db, const char *received_until, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT " SERIAL_COLUMNS SERIAL_FROM
                    " WHERE ?1 IS NULL OR b.received_on <= ?1 ORDER BY s.batch_id, s.number",
                    error);
  g_autoptr (GPtrArray) out =
    g_ptr_array_new_with_free_func ((GDestroyNotify) civ_cremation_serial_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  civ_db_bind_text_or_null (stmt, 1, received_until);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, serial_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the cremation certificate stock"));
      return NULL;
    }
  return g_steal_pointer (&out);
}

gboolean
civ_cremation_serial_issue (CivDb      *db,
                            const char *serial,
                            const char *case_ref,
                            const char *issued_on,
                            const char *issued_by,
                            GError    **error)
{
  g_autofree char *now = civ_db_now_iso ();
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (!require_transaction (db, error))
    return FALSE;
  stmt = civ_db_prepare (db,
                         "UPDATE cremation_cert_serials SET state = 'issued', case_ref = ?, "
                         "issued_on = ?, issued_by = ?, issued_at = ? WHERE serial = ? AND "
                         "state = 'in-stock'",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, case_ref, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, issued_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, issued_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, serial, -1, SQLITE_TRANSIENT);
  if (!civ_db_step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (civ_db_get_handle (db)) != 1)
    {
      g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                           _ ("This cremation certificate blank is not in stock"));
      return FALSE;
    }
  return TRUE;
}

gboolean
civ_cremation_serial_void (CivDb      *db,
                           const char *serial,
                           const char *reason,
                           const char *voided_on,
                           const char *voided_by,
                           const char *approved_by,
                           GError    **error)
{
  g_autofree char *now = civ_db_now_iso ();
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (!require_transaction (db, error))
    return FALSE;
  stmt = civ_db_prepare (db,
                         "UPDATE cremation_cert_serials SET state = 'voided', void_reason = ?, "
                         "voided_on = ?, voided_by = ?, approved_by = ?, voided_at = ? WHERE "
                         "serial = ? AND state IN ('in-stock', 'issued')",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, voided_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, voided_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, approved_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, serial, -1, SQLITE_TRANSIENT);
  if (!civ_db_step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (civ_db_get_handle (db)) != 1)
    {
      g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                           _ ("This cremation certificate blank is voided already"));
      return FALSE;
    }
  return TRUE;
}
