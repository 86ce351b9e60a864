// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-registry-bulk.c — writing many registrations through prepared statements */
#include "civ-registry-bulk.h"
#include "civ-number-store.h"

#include "civ-registry-store-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

enum
{
  STMT_PERSON_INSERT,
  STMT_PERSON_STATUS,
  STMT_CERTIFICATE,
  STMT_MARRIAGE,
  STMT_PARTY,
  STMT_SUPERSEDE,
  STMT_VERSION,
  STMT_VERSION_PARTIES,
  STMT_DIVORCE,
  STMT_DIVORCE_EVENT,
  STMT_COUNTER_READ,
  STMT_COUNTER_WRITE,
  STMT_PERSON_EXISTS,
  N_STMTS
};

static const char *const stmt_sql[N_STMTS] = {
  [STMT_PERSON_INSERT] =
    "INSERT INTO persons (id_key, doc_kind, doc_number, name, sex, birth_date, "
    "marital_status, current_marriage, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  [STMT_PERSON_STATUS] = "UPDATE persons SET marital_status = ?, current_marriage = ?, "
                         "status_on = NULL, updated_at = ? WHERE id = ?",
  [STMT_CERTIFICATE] = "INSERT INTO certificates (number, prefix, office_code, year, serial, "
                       "record_id, issued_at, issued_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  [STMT_MARRIAGE] = CIV_SQL_INSERT_MARRIAGE,
  [STMT_PARTY] = CIV_SQL_INSERT_PARTY,
  [STMT_SUPERSEDE] = "UPDATE marriages SET superseded_by = ? WHERE id = ?",
  [STMT_VERSION] =
    "INSERT INTO marriages (record_id, version, state, registration_date, effective_from, "
    "office_code, office_name, registrar, certificate_no, historical, status_source, remarks, "
    "reason, approved_by, created_at, created_by) "
    "SELECT record_id, version + 1, ?, registration_date, effective_from, office_code, "
    "office_name, registrar, certificate_no, historical, status_source, remarks, ?, NULL, ?, ? "
    "FROM marriages WHERE id = ? AND superseded_by IS NULL",
  [STMT_VERSION_PARTIES] =
    "INSERT INTO marriage_parties (marriage_id, position, person_id, name, name_pinyin, "
    "name_initials, sex, birth_date, nationality, ethnicity, occupation, doc_kind, doc_number, "
    "doc_status, id_key, resident_category, status_before, nature) "
    "SELECT ?, position, person_id, name, name_pinyin, name_initials, sex, birth_date, "
    "nationality, ethnicity, occupation, doc_kind, doc_number, doc_status, id_key, "
    "resident_category, status_before, nature FROM marriage_parties WHERE marriage_id = ?",
  [STMT_DIVORCE] = "INSERT INTO divorces (record_id, marriage_record_id, state, accepted_on, "
                   "cooling_off_end, window_end, provisional, agreement_ref, closed_on, "
                   "certificate_no, office_code, created_at, created_by) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  [STMT_DIVORCE_EVENT] = "INSERT INTO divorce_events (divorce_id, on_date, state, actor, detail, "
                         "created_at) VALUES (?, ?, ?, ?, ?, ?)",
  [STMT_COUNTER_READ] = "SELECT prefix, year, last_serial FROM certificate_counters "
                        "WHERE office_code = ?",
  [STMT_COUNTER_WRITE] = "INSERT OR REPLACE INTO certificate_counters (prefix, office_code, year, "
                         "last_serial) VALUES (?, ?, ?, ?)",
  [STMT_PERSON_EXISTS] = "SELECT 1 FROM persons WHERE id_key = ?",
};

struct _CivRegistryBulk
{
  CivDb        *db;
  char         *office_code;
  char         *issued_by;
  char         *now; /* when the person index rows were written */
  sqlite3_stmt *stmt[N_STMTS];
  GHashTable   *counters; /* "PREFIX:YEAR" → gint64 * last serial */
  gboolean      in_transaction;
};

static sqlite3_stmt *
use (CivRegistryBulk *self, int which)
{
  sqlite3_stmt *stmt = self->stmt[which];

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return stmt;
}

static gboolean
load_counters (CivRegistryBulk *self, GError **error)
{
  sqlite3_stmt *stmt = use (self, STMT_COUNTER_READ);
  int           rc;

  g_hash_table_remove_all (self->counters);
  sqlite3_bind_text (stmt, 1, self->office_code, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *last = g_new (gint64, 1);

      *last = sqlite3_column_int64 (stmt, 2);
      g_hash_table_insert (self->counters,
                           g_strdup_printf ("%s:%d", (const char *) sqlite3_column_text (stmt, 0),
                                            sqlite3_column_int (stmt, 1)),
                           last);
    }
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (self->db, error, _ ("Could not read the certificate counter"));
      return FALSE;
    }
  return TRUE;
}

CivRegistryBulk *
civ_registry_bulk_new (CivDb *db, const char *office_code, const char *issued_by, GError **error)
{
  CivRegistryBulk *self;

  g_return_val_if_fail (CIV_IS_DB (db), NULL);
  g_return_val_if_fail (office_code != NULL && issued_by != NULL, NULL);

  if (strlen (office_code) != 6 || strspn (office_code, "0123456789") != 6)
    {
      g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                           _ ("R-N1: a certificate number needs a 6-digit office code and a year"));
      return NULL;
    }
  if (civ_number_from_blocks (db))
    {
      /* The bulk writer numbers with the local counter: an office whose
       * numbers come from the province's blocks never gets synthetic ones. */
      g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                           _ ("R-N1: this office draws its certificate numbers from the "
                              "province's blocks; synthetic registrations are only written into "
                              "an office that numbers locally (a demo or training office)"));
      return NULL;
    }

  self = g_new0 (CivRegistryBulk, 1);
  self->db = g_object_ref (db);
  self->office_code = g_strdup (office_code);
  self->issued_by = g_strdup (issued_by);
  {
    g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
    self->now = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  }
  self->counters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (!civ_db_begin (db, error))
    {
      civ_registry_bulk_free (self);
      return NULL;
    }
  self->in_transaction = TRUE;
  for (int i = 0; i < N_STMTS; i++)
    {
      self->stmt[i] = civ_db_prepare (db, stmt_sql[i], error);
      if (self->stmt[i] == NULL)
        {
          civ_registry_bulk_free (self);
          return NULL;
        }
    }
  if (!load_counters (self, error))
    {
      civ_registry_bulk_free (self);
      return NULL;
    }
  return self;
}

void
civ_registry_bulk_free (CivRegistryBulk *self)
{
  if (self == NULL)
    return;
  for (int i = 0; i < N_STMTS; i++)
    g_clear_pointer (&self->stmt[i], sqlite3_finalize);
  if (self->in_transaction)
    civ_db_rollback (self->db);
  g_hash_table_unref (self->counters);
  g_free (self->office_code);
  g_free (self->issued_by);
  g_free (self->now);
  g_object_unref (self->db);
  g_free (self);
}

static gboolean
step_done (CivRegistryBulk *self, sqlite3_stmt *stmt, GError **error)
{
  g_assert (self->in_transaction);
  return civ_db_step_done (self->db, stmt, error);
}

gint64
civ_registry_bulk_add_person (CivRegistryBulk *self, const CivPersonRow *row, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL && row != NULL && row->id_key != NULL, 0);

  stmt = use (self, STMT_PERSON_INSERT);
  sqlite3_bind_text (stmt, 1, row->id_key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, row->doc_kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, row->doc_number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, row->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, row->sex);
  civ_db_bind_text_or_null (stmt, 6, row->birth_date);
  sqlite3_bind_int (stmt, 7, row->marital_status ? row->marital_status : 90);
  civ_db_bind_text_or_null (stmt, 8, row->current_marriage);
  sqlite3_bind_text (stmt, 9, self->now, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (civ_db_get_handle (self->db));
}

gboolean
civ_registry_bulk_has_person (CivRegistryBulk *self, const char *id_key)
{
  sqlite3_stmt *stmt;
  gboolean      found;

  g_return_val_if_fail (self != NULL && self->in_transaction && id_key != NULL, FALSE);

  stmt = use (self, STMT_PERSON_EXISTS);
  sqlite3_bind_text (stmt, 1, id_key, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

gboolean
civ_registry_bulk_set_person_status (CivRegistryBulk *self,
                                     gint64           person_id,
                                     int              marital_status,
                                     const char      *current_marriage,
                                     GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL && person_id > 0, FALSE);

  stmt = use (self, STMT_PERSON_STATUS);
  sqlite3_bind_int (stmt, 1, marital_status);
  civ_db_bind_text_or_null (stmt, 2, current_marriage);
  sqlite3_bind_text (stmt, 3, self->now, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, person_id);
  if (!step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (civ_db_get_handle (self->db)) != 1)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, person_id);

      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_NOT_FOUND,
                   _ ("There is no person with row id %s"), id);
      return FALSE;
    }
  return TRUE;
}

char *
civ_registry_bulk_allocate_certificate (CivRegistryBulk *self,
                                        const char      *prefix,
                                        int              year,
                                        const char      *record_id,
                                        const char      *issued_at,
                                        GError         **error)
{
  g_autofree char *key = NULL;
  g_autofree char *number = NULL;
  gint64          *last;
  sqlite3_stmt    *stmt;

  g_return_val_if_fail (self != NULL && prefix != NULL && record_id != NULL, NULL);

  if (strcmp (prefix, "J") != 0 && strcmp (prefix, "L") != 0 && strcmp (prefix, "BJ") != 0 &&
      strcmp (prefix, "BL") != 0)
    {
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                   _ ("R-N1: unknown certificate prefix “%s”"), prefix);
      return NULL;
    }
  if (year < 1950 || year > 9999)
    {
      g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                           _ ("R-N1: a certificate number needs a 6-digit office code and a year"));
      return NULL;
    }
  key = g_strdup_printf ("%s:%d", prefix, year);
  last = g_hash_table_lookup (self->counters, key);
  if (last == NULL)
    {
      last = g_new0 (gint64, 1);
      g_hash_table_insert (self->counters, g_strdup (key), last);
    }
  if (*last >= 999999)
    {
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                   _ ("R-N1: the %s serials of %d are used up"), prefix, year);
      return NULL;
    }

  number =
    g_strdup_printf ("%s%s-%04d-%06" G_GINT64_FORMAT, prefix, self->office_code, year, *last + 1);
  stmt = use (self, STMT_CERTIFICATE);
  sqlite3_bind_text (stmt, 1, number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, prefix, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, self->office_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, year);
  sqlite3_bind_int64 (stmt, 5, *last + 1);
  sqlite3_bind_text (stmt, 6, record_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, issued_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, self->issued_by, -1, SQLITE_TRANSIENT);
  if (!step_done (self, stmt, error))
    return NULL;
  /* Only a written certificate moves the counter: no gap on failure. */
  *last += 1;
  return g_steal_pointer (&number);
}

gint64
civ_registry_bulk_add_marriage (CivRegistryBulk      *self,
                                const CivMarriageRow *row,
                                const CivPartyRow     parties[2],
                                const char           *created_at,
                                gint64                supersedes,
                                GError              **error)
{
  sqlite3_stmt *stmt;
  gint64        id;

  g_return_val_if_fail (self != NULL && row != NULL && parties != NULL, 0);

  stmt = use (self, STMT_MARRIAGE);
  _civ_marriage_row_bind (stmt, row, created_at);
  if (!step_done (self, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (civ_db_get_handle (self->db));

  for (guint i = 0; i < 2; i++)
    {
      const CivPartyRow *p = &parties[i];

      stmt = use (self, STMT_PARTY);
      _civ_party_row_bind (stmt, id, i, p);
      if (!step_done (self, stmt, error))
        return 0;
    }

  if (supersedes > 0)
    {
      stmt = use (self, STMT_SUPERSEDE);
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, supersedes);
      if (!step_done (self, stmt, error))
        return 0;
    }
  return id;
}

gint64
civ_registry_bulk_new_version (CivRegistryBulk *self,
                               gint64           row_id,
                               const char      *state,
                               const char      *reason,
                               const char      *created_by,
                               const char      *created_at,
                               GError         **error)
{
  sqlite3_stmt *stmt;
  gint64        id;

  g_return_val_if_fail (self != NULL && row_id > 0 && state != NULL, 0);

  stmt = use (self, STMT_VERSION);
  sqlite3_bind_text (stmt, 1, state, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, reason ? reason : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, created_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, created_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, row_id);
  if (!step_done (self, stmt, error))
    return 0;
  if (sqlite3_changes (civ_db_get_handle (self->db)) != 1)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, row_id);

      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_NOT_FOUND,
                   _ ("There is no current marriage version with row id %s"), text);
      return 0;
    }
  id = sqlite3_last_insert_rowid (civ_db_get_handle (self->db));

  stmt = use (self, STMT_VERSION_PARTIES);
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, row_id);
  if (!step_done (self, stmt, error))
    return 0;

  stmt = use (self, STMT_SUPERSEDE);
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, row_id);
  if (!step_done (self, stmt, error))
    return 0;
  return id;
}

gint64
civ_registry_bulk_add_divorce (CivRegistryBulk *self, const CivBulkDivorce *row, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL && row != NULL, 0);

  stmt = use (self, STMT_DIVORCE);
  sqlite3_bind_text (stmt, 1, row->record_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, row->marriage_record_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, row->state, -1, SQLITE_TRANSIENT);
  civ_db_bind_text_or_null (stmt, 4, row->accepted_on);
  civ_db_bind_text_or_null (stmt, 5, row->cooling_off_end);
  civ_db_bind_text_or_null (stmt, 6, row->window_end);
  sqlite3_bind_int (stmt, 7, row->provisional ? 1 : 0);
  sqlite3_bind_text (stmt, 8, row->agreement_ref ? row->agreement_ref : "", -1, SQLITE_TRANSIENT);
  civ_db_bind_text_or_null (stmt, 9, row->closed_on);
  civ_db_bind_text_or_null (stmt, 10, row->certificate_no);
  sqlite3_bind_text (stmt, 11, self->office_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 12, row->created_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 13, row->created_by, -1, SQLITE_TRANSIENT);
  if (!step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (civ_db_get_handle (self->db));
}

gboolean
civ_registry_bulk_add_divorce_event (CivRegistryBulk *self,
                                     gint64           divorce_id,
                                     const char      *on_date,
                                     const char      *state,
                                     const char      *actor,
                                     const char      *detail,
                                     const char      *created_at,
                                     GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL && divorce_id > 0, FALSE);

  stmt = use (self, STMT_DIVORCE_EVENT);
  sqlite3_bind_int64 (stmt, 1, divorce_id);
  sqlite3_bind_text (stmt, 2, on_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, state, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, actor, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, detail ? detail : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, created_at, -1, SQLITE_TRANSIENT);
  return step_done (self, stmt, error);
}

static gboolean
write_counters (CivRegistryBulk *self, GError **error)
{
  GHashTableIter iter;
  gpointer       key, value;

  g_hash_table_iter_init (&iter, self->counters);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_auto (GStrv) parts = g_strsplit (key, ":", 2);
      sqlite3_stmt *stmt = use (self, STMT_COUNTER_WRITE);

      sqlite3_bind_text (stmt, 1, parts[0], -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, self->office_code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, atoi (parts[1]));
      sqlite3_bind_int64 (stmt, 4, *(gint64 *) value);
      if (!step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
commit (CivRegistryBulk *self, GError **error)
{
  /* Reset every statement so none holds the transaction open. */
  for (int i = 0; i < N_STMTS; i++)
    sqlite3_reset (self->stmt[i]);
  if (!write_counters (self, error))
    return FALSE;
  for (int i = 0; i < N_STMTS; i++)
    sqlite3_reset (self->stmt[i]);
  if (!civ_db_commit (self->db, error))
    return FALSE;
  self->in_transaction = FALSE;
  return TRUE;
}

gboolean
civ_registry_bulk_checkpoint (CivRegistryBulk *self, GError **error)
{
  g_return_val_if_fail (self != NULL && self->in_transaction, FALSE);

  if (!commit (self, error))
    return FALSE;
  /* Writers waiting in other processes go first; then the counters are
   * read again, since they may have issued certificates meanwhile. */
  civ_db_yield_turn (self->db);
  if (!civ_db_begin (self->db, error))
    return FALSE;
  self->in_transaction = TRUE;
  return load_counters (self, error);
}

gboolean
civ_registry_bulk_finish (CivRegistryBulk *self, GError **error)
{
  g_return_val_if_fail (self != NULL && self->in_transaction, FALSE);

  return commit (self, error);
}
