// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-report-store.c — the reporting enrollment and outbox delivery states */
#include "civ-report-store.h"

#include <glib/gi18n-lib.h>
#include <string.h>

void
civ_report_enrollment_free (CivReportEnrollment *e)
{
  if (e == NULL)
    return;
  g_free (e->server_url);
  g_free (e->ca_pem);
  g_free (e->pins);
  g_free (e->client_cert_pem);
  if (e->client_key_pem)
    {
      memset (e->client_key_pem, 0, strlen (e->client_key_pem));
      g_free (e->client_key_pem);
    }
  g_clear_pointer (&e->signing_secret, g_bytes_unref);
  g_free (e->signing_public);
  g_free (e->last_delivery_at);
  g_free (e->enrolled_at);
  g_free (e->enrolled_by);
  g_free (e);
}

CivReportEnrollment *
civ_report_store_get_enrollment (CivDb *db, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT server_url, ca_pem, pins, client_cert_pem, client_key_pem, "
                    "signing_secret, signing_public, timeout_ms, acked_seq, last_delivery_at, "
                    "enrolled_at, enrolled_by FROM report_enrollment WHERE id = 1",
                    error);
  CivReportEnrollment *e;
  int                  rc;

  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      civ_db_set_error (db, error, _ ("Could not read the reporting enrollment"));
      return NULL;
    }
  e = g_new0 (CivReportEnrollment, 1);
  e->server_url = civ_db_column_dup (stmt, 0);
  e->ca_pem = civ_db_column_dup (stmt, 1);
  e->pins = civ_db_column_dup (stmt, 2);
  e->client_cert_pem = civ_db_column_dup (stmt, 3);
  e->client_key_pem = civ_db_column_dup (stmt, 4);
  e->signing_secret = g_bytes_new (sqlite3_column_blob (stmt, 5), sqlite3_column_bytes (stmt, 5));
  e->signing_public = civ_db_column_dup (stmt, 6);
  e->timeout_ms = sqlite3_column_int (stmt, 7);
  e->acked_seq = sqlite3_column_int64 (stmt, 8);
  e->last_delivery_at = civ_db_column_dup (stmt, 9);
  e->enrolled_at = civ_db_column_dup (stmt, 10);
  e->enrolled_by = civ_db_column_dup (stmt, 11);
  return e;
}

gboolean
civ_report_store_set_enrollment (CivDb *db, const CivReportEnrollment *e, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  gsize         secret_len = 0;
  gconstpointer secret;

  g_return_val_if_fail (e != NULL && e->signing_secret != NULL, FALSE);

  /* INSERT OR REPLACE would lose acked_seq; SQLCipher 3.4 has no UPSERT. */
  stmt = civ_db_prepare (db,
                         "INSERT OR REPLACE INTO report_enrollment (id, server_url, ca_pem, pins, "
                         "client_cert_pem, client_key_pem, signing_secret, signing_public, "
                         "timeout_ms, acked_seq, last_delivery_at, enrolled_at, enrolled_by) "
                         "VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, "
                         "coalesce((SELECT acked_seq FROM report_enrollment WHERE id = 1), 0), "
                         "(SELECT last_delivery_at FROM report_enrollment WHERE id = 1), ?, ?)",
                         error);
  if (stmt == NULL)
    return FALSE;
  secret = g_bytes_get_data (e->signing_secret, &secret_len);
  sqlite3_bind_text (stmt, 1, e->server_url, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, e->ca_pem, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, e->pins ? e->pins : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, e->client_cert_pem, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, e->client_key_pem, -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 6, secret, (int) secret_len, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, e->signing_public, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 8, e->timeout_ms);
  sqlite3_bind_text (stmt, 9, e->enrolled_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, e->enrolled_by, -1, SQLITE_TRANSIENT);
  return civ_db_step_done (db, stmt, error);
}

gboolean
civ_report_store_set_acked (CivDb *db, gint64 acked_seq, const char *delivered_at, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "UPDATE report_enrollment SET acked_seq = ?, "
                    "last_delivery_at = coalesce(?, last_delivery_at) WHERE id = 1",
                    error);
  g_autoptr (sqlite3_stmt) trim = NULL;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, acked_seq);
  civ_db_bind_text_or_null (stmt, 2, delivered_at);
  if (!civ_db_step_done (db, stmt, error))
    return FALSE;
  trim = civ_db_prepare (db, "DELETE FROM report_sent_heads WHERE seq <= ?", error);
  if (trim == NULL)
    return FALSE;
  sqlite3_bind_int64 (trim, 1, acked_seq);
  return civ_db_step_done (db, trim, error);
}

gboolean
civ_report_store_note_sent_head (CivDb *db, gint64 seq, GError **error)
{
  g_autoptr (sqlite3_stmt) ins =
    civ_db_prepare (db, "INSERT OR IGNORE INTO report_sent_heads (seq) VALUES (?)", error);
  g_autoptr (sqlite3_stmt) trim = NULL;

  if (ins == NULL)
    return FALSE;
  sqlite3_bind_int64 (ins, 1, seq);
  if (!civ_db_step_done (db, ins, error))
    return FALSE;
  trim = civ_db_prepare (db,
                         "DELETE FROM report_sent_heads WHERE seq NOT IN "
                         "(SELECT seq FROM report_sent_heads ORDER BY seq DESC LIMIT 16) "
                         "OR seq <= (SELECT acked_seq FROM report_enrollment WHERE id = 1)",
                         error);
  return trim != NULL && civ_db_step_done (db, trim, error);
}

GArray *
civ_report_store_sent_heads (CivDb *db, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db, "SELECT seq FROM report_sent_heads ORDER BY seq DESC", error);
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 seq = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (out, seq);
    }
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the reporting state"));
      return NULL;
    }
  return g_steal_pointer (&out);
}

void
civ_outbox_row_free (CivOutboxRow *row)
{
  if (row == NULL)
    return;
  g_free (row->idempotency_key);
  g_free (row->kind);
  g_free (row->record_id);
  g_free (row->payload);
  g_free (row->state);
  g_free (row->next_attempt_at);
  g_free (row->last_error);
  g_free (row->receipt);
  g_free (row->created_at);
  g_free (row->delivered_at);
  g_free (row);
}

#define OUTBOX_COLUMNS                                                                             \
  "id, idempotency_key, kind, record_id, version, payload, state, attempts, next_attempt_at, "     \
  "last_error, receipt, created_at, delivered_at"

static GPtrArray *
collect_rows (CivDb *db, sqlite3_stmt *stmt, GError **error)
{
  g_autoptr (GPtrArray) rows =
    g_ptr_array_new_with_free_func ((GDestroyNotify) civ_outbox_row_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CivOutboxRow *row = g_new0 (CivOutboxRow, 1);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->idempotency_key = civ_db_column_dup (stmt, 1);
      row->kind = civ_db_column_dup (stmt, 2);
      row->record_id = civ_db_column_dup (stmt, 3);
      row->version = sqlite3_column_int (stmt, 4);
      row->payload = civ_db_column_dup (stmt, 5);
      row->state = civ_db_column_dup (stmt, 6);
      row->attempts = sqlite3_column_int (stmt, 7);
      row->next_attempt_at = civ_db_column_dup (stmt, 8);
      row->last_error = civ_db_column_dup (stmt, 9);
      row->receipt = civ_db_column_dup (stmt, 10);
      row->created_at = civ_db_column_dup (stmt, 11);
      row->delivered_at = civ_db_column_dup (stmt, 12);
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the outbox"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

GPtrArray *
civ_outbox_fetch_due (CivDb *db, const char *now, guint limit, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (now)
    stmt = civ_db_prepare (db,
                           "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE state = 'pending' "
                           "AND (next_attempt_at IS NULL OR next_attempt_at <= ?) "
                           "ORDER BY id LIMIT ?",
                           error);
  else
    stmt = civ_db_prepare (db,
                           "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE state = 'pending' "
                           "AND ?1 IS NULL ORDER BY id LIMIT ?",
                           error);
  if (stmt == NULL)
    return NULL;
  civ_db_bind_text_or_null (stmt, 1, now);
  sqlite3_bind_int (stmt, 2, (int) MIN (limit, G_MAXINT));
  return collect_rows (db, stmt, error);
}

/* The rows in @state (NULL: all), at most @limit (0: all), oldest or newest first. */
static GPtrArray *
list_rows (CivDb      *db,
           const char *state,
           guint       limit,
           gboolean    newest_first,
           const char *hidden_kind,
           GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    newest_first
                      ? "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE (?1 IS NULL OR "
                        "state = ?1) AND (?3 IS NULL OR kind <> ?3) ORDER BY id DESC LIMIT ?2"
                      : "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE (?1 IS NULL OR "
                        "state = ?1) AND (?3 IS NULL OR kind <> ?3) ORDER BY id LIMIT ?2",
                    error);

  if (stmt == NULL)
    return NULL;
  civ_db_bind_text_or_null (stmt, 1, state);
  sqlite3_bind_int64 (stmt, 2, limit ? (gint64) limit : -1);
  civ_db_bind_text_or_null (stmt, 3, hidden_kind);
  return collect_rows (db, stmt, error);
}

GPtrArray *
civ_outbox_list (CivDb *db, const char *state, guint limit, GError **error)
{
  return list_rows (db, state, limit, FALSE, NULL, error);
}

GPtrArray *
civ_outbox_list_recent (CivDb *db, const char *state, guint limit, GError **error)
{
  return list_rows (db, state, limit, TRUE, NULL, error);
}

GPtrArray *
civ_outbox_list_hiding (
  CivDb *db, const char *state, guint limit, const char *hidden_kind, GError **error)
{
  return list_rows (db, state, limit, FALSE, hidden_kind, error);
}

static gboolean
update_one (CivDb *db, sqlite3_stmt *stmt, gint64 id, GError **error)
{
  if (!civ_db_step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (civ_db_get_handle (db)) != 1)
    {
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_NOT_FOUND,
                   _ ("Outbox item %s is not in a state that allows this"), id_text);
      return FALSE;
    }
  return TRUE;
}

gboolean
civ_outbox_mark_delivered (
  CivDb *db, gint64 id, const char *receipt, const char *delivered_at, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "UPDATE outbox SET state = 'delivered', receipt = ?, delivered_at = ?, "
                    "attempts = attempts + 1, last_error = NULL, next_attempt_at = NULL "
                    "WHERE id = ? AND state = 'pending'",
                    error);

  g_return_val_if_fail (receipt != NULL && *receipt != '\0', FALSE);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, receipt, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, delivered_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, id);
  return update_one (db, stmt, id, error);
}

gboolean
civ_outbox_mark_retry (
  CivDb *db, gint64 id, const char *next_attempt_at, const char *reason, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, "
                    "last_error = ? WHERE id = ? AND state = 'pending'",
                    error);

  if (stmt == NULL)
    return FALSE;
  civ_db_bind_text_or_null (stmt, 1, next_attempt_at);
  civ_db_bind_text_or_null (stmt, 2, reason);
  sqlite3_bind_int64 (stmt, 3, id);
  return update_one (db, stmt, id, error);
}

gboolean
civ_outbox_mark_parked (CivDb *db, gint64 id, const char *reason, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "UPDATE outbox SET state = 'parked', attempts = attempts + 1, "
                    "next_attempt_at = NULL, last_error = ? WHERE id = ? AND state = 'pending'",
                    error);

  g_return_val_if_fail (reason != NULL, FALSE);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);
  return update_one (db, stmt, id, error);
}

gboolean
civ_outbox_note_error (CivDb *db, gint64 id, const char *reason, GError **error)
{
  return civ_outbox_mark_retry (db, id, NULL, reason, error);
}

gboolean
civ_outbox_requeue (CivDb *db, gint64 id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "UPDATE outbox SET state = 'pending', next_attempt_at = NULL "
                    "WHERE id = ? AND state = 'parked'",
                    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return update_one (db, stmt, id, error);
}

gboolean
civ_outbox_count (CivDb *db, gint64 *pending, gint64 *parked, gint64 *delivered, GError **error)
{
  return civ_outbox_count_hiding (db, NULL, pending, parked, delivered, error);
}

gboolean
civ_outbox_count_hiding (CivDb      *db,
                         const char *hidden_kind,
                         gint64     *pending,
                         gint64     *parked,
                         gint64     *delivered,
                         GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = civ_db_prepare (
    db, "SELECT state, count(*) FROM outbox WHERE ?1 IS NULL OR kind <> ?1 GROUP BY state", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  civ_db_bind_text_or_null (stmt, 1, hidden_kind);
  *pending = *parked = *delivered = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *state = (const char *) sqlite3_column_text (stmt, 0);
      gint64      n = sqlite3_column_int64 (stmt, 1);

      if (g_strcmp0 (state, "pending") == 0)
        *pending = n;
      else if (g_strcmp0 (state, "parked") == 0)
        *parked = n;
      else if (g_strcmp0 (state, "delivered") == 0)
        *delivered = n;
    }
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the outbox"));
      return FALSE;
    }
  return TRUE;
}
