// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-identity-check-store.c — the identity checks of a registration */
#include "civ-identity-check-store.h"

#include <glib/gi18n-lib.h>

void
civ_identity_check_row_free (CivIdentityCheckRow *row)
{
  if (row == NULL)
    return;
  g_free (row->record_kind);
  g_free (row->record_id);
  g_free (row->party_name);
  g_free (row->method);
  g_free (row->result);
  g_free (row->device);
  g_free (row->detail);
  g_free (row->checked_at);
  g_free (row->created_by);
  g_free (row->created_by_name);
  g_free (row->created_at);
  g_free (row);
}

CivIdentityCheckRow *
civ_identity_check_row_copy (const CivIdentityCheckRow *row)
{
  CivIdentityCheckRow *copy;

  g_return_val_if_fail (row != NULL, NULL);

  copy = g_new0 (CivIdentityCheckRow, 1);
  *copy = *row;
  copy->record_kind = g_strdup (row->record_kind);
  copy->record_id = g_strdup (row->record_id);
  copy->party_name = g_strdup (row->party_name);
  copy->method = g_strdup (row->method);
  copy->result = g_strdup (row->result);
  copy->device = g_strdup (row->device);
  copy->detail = g_strdup (row->detail);
  copy->checked_at = g_strdup (row->checked_at);
  copy->created_by = g_strdup (row->created_by);
  copy->created_by_name = g_strdup (row->created_by_name);
  copy->created_at = g_strdup (row->created_at);
  return copy;
}

gint64
civ_identity_check_insert (CivDb *db, const CivIdentityCheckRow *row, GBytes *wlt, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *now = NULL;

  g_return_val_if_fail (CIV_IS_DB (db) && row != NULL, 0);
  g_return_val_if_fail (row->record_kind && row->record_id && row->party_name, 0);
  g_return_val_if_fail (row->method && row->result && row->device, 0);
  g_return_val_if_fail (row->checked_at && row->created_by, 0);

  now = civ_db_now_iso ();
  stmt = civ_db_prepare (db,
                         "INSERT INTO identity_checks (record_kind, record_id, party, party_name, "
                         "method, result, score, device, detail, wlt, checked_at, created_by, "
                         "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, row->record_kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, row->record_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, row->party);
  sqlite3_bind_text (stmt, 4, row->party_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, row->method, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, row->result, -1, SQLITE_TRANSIENT);
  if (row->score >= 0)
    sqlite3_bind_double (stmt, 7, row->score);
  else
    sqlite3_bind_null (stmt, 7);
  sqlite3_bind_text (stmt, 8, row->device, -1, SQLITE_TRANSIENT);
  if (row->detail)
    sqlite3_bind_text (stmt, 9, row->detail, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 9);
  if (wlt)
    {
      gsize       len = 0;
      const void *data = g_bytes_get_data (wlt, &len);

      /* The GBytes outlives the statement's step: no copy needed. */
      sqlite3_bind_blob (stmt, 10, data, (int) MIN (len, (gsize) G_MAXINT), SQLITE_STATIC);
    }
  else
    sqlite3_bind_null (stmt, 10);
  sqlite3_bind_text (stmt, 11, row->checked_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 12, row->created_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 13, now, -1, SQLITE_TRANSIENT);
  if (!civ_db_step_done (db, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (civ_db_get_handle (db));
}

GPtrArray *
civ_identity_check_list (CivDb *db, const char *record_kind, const char *record_id, GError **error)
{
  g_autoptr (GPtrArray) rows =
    g_ptr_array_new_with_free_func ((GDestroyNotify) civ_identity_check_row_free);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CIV_IS_DB (db) && record_kind != NULL && record_id != NULL, NULL);

  stmt =
    civ_db_prepare (db,
                    "SELECT c.id, c.record_kind, c.record_id, c.party, c.party_name, c.method, "
                    "c.result, coalesce(c.score, -1), c.device, c.detail, c.wlt IS NOT NULL, "
                    "c.checked_at, c.created_by, coalesce(o.display_name, c.created_by), "
                    "c.created_at FROM identity_checks c "
                    "LEFT JOIN operators o ON o.login = c.created_by "
                    "WHERE c.record_kind = ? AND c.record_id = ? ORDER BY c.party, c.id",
                    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, record_kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, record_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CivIdentityCheckRow *row = g_new0 (CivIdentityCheckRow, 1);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->record_kind = civ_db_column_dup (stmt, 1);
      row->record_id = civ_db_column_dup (stmt, 2);
      row->party = sqlite3_column_int (stmt, 3);
      row->party_name = civ_db_column_dup (stmt, 4);
      row->method = civ_db_column_dup (stmt, 5);
      row->result = civ_db_column_dup (stmt, 6);
      row->score = sqlite3_column_double (stmt, 7);
      row->device = civ_db_column_dup (stmt, 8);
      row->detail = civ_db_column_dup (stmt, 9);
      row->has_wlt = sqlite3_column_int (stmt, 10) != 0;
      row->checked_at = civ_db_column_dup (stmt, 11);
      row->created_by = civ_db_column_dup (stmt, 12);
      row->created_by_name = civ_db_column_dup (stmt, 13);
      row->created_at = civ_db_column_dup (stmt, 14);
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the identity checks"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

GBytes *
civ_identity_check_read_wlt (CivDb *db, gint64 id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CIV_IS_DB (db), NULL);

  stmt =
    civ_db_prepare (db, "SELECT wlt FROM identity_checks WHERE id = ? AND wlt IS NOT NULL", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_bytes_new (sqlite3_column_blob (stmt, 0), (gsize) sqlite3_column_bytes (stmt, 0));
  if (rc != SQLITE_DONE)
    civ_db_set_error (db, error, _ ("Could not read the identity checks"));
  return NULL;
}
