// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-divorce-store.c — rows of divorce applications and their event history */
#include "civ-divorce-store.h"

#include <glib/gi18n-lib.h>

#define DIVORCE_COLUMNS                                                                            \
  "id, record_id, marriage_record_id, state, accepted_on, cooling_off_end, window_end, "           \
  "provisional, certificate_no, office_code, agreement_ref, withdrawn_on, withdrawn_by, "          \
  "closed_on, "                                                                                    \
  "accepted_by, held_by, held_since"

void
civ_divorce_row_free (CivDivorceRow *row)
{
  if (row == NULL)
    return;
  g_free (row->record_id);
  g_free (row->marriage_record_id);
  g_free (row->state);
  g_free (row->accepted_on);
  g_free (row->cooling_off_end);
  g_free (row->window_end);
  g_free (row->certificate_no);
  g_free (row->office_code);
  g_free (row->agreement_ref);
  g_free (row->withdrawn_on);
  g_free (row->closed_on);
  g_free (row->accepted_by);
  g_free (row->held_by);
  g_free (row->held_since);
  g_free (row);
}

static CivDivorceRow *
read_row (sqlite3_stmt *stmt)
{
  CivDivorceRow *row = g_new0 (CivDivorceRow, 1);

  row->id = sqlite3_column_int64 (stmt, 0);
  row->record_id = civ_db_column_dup (stmt, 1);
  row->marriage_record_id = civ_db_column_dup (stmt, 2);
  row->state = civ_db_column_dup (stmt, 3);
  row->accepted_on = civ_db_column_dup (stmt, 4);
  row->cooling_off_end = civ_db_column_dup (stmt, 5);
  row->window_end = civ_db_column_dup (stmt, 6);
  row->provisional = sqlite3_column_int (stmt, 7) != 0;
  row->certificate_no = civ_db_column_dup (stmt, 8);
  row->office_code = civ_db_column_dup (stmt, 9);
  row->agreement_ref = civ_db_column_dup (stmt, 10);
  row->withdrawn_on = civ_db_column_dup (stmt, 11);
  row->withdrawn_by =
    sqlite3_column_type (stmt, 12) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 12);
  row->closed_on = civ_db_column_dup (stmt, 13);
  row->accepted_by = civ_db_column_dup (stmt, 14);
  row->held_by = civ_db_column_dup (stmt, 15);
  row->held_since = civ_db_column_dup (stmt, 16);
  return row;
}

static CivDivorceRow *
find_one (CivDb *db, const char *sql, const char *key, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = civ_db_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return read_row (stmt);
  if (rc != SQLITE_DONE)
    civ_db_set_error (db, error, _ ("Could not read the divorce applications"));
  return NULL;
}

CivDivorceRow *
civ_divorce_row_find (CivDb *db, const char *record_id, GError **error)
{
  return find_one (db, "SELECT " DIVORCE_COLUMNS " FROM divorces WHERE record_id = ?", record_id,
                   error);
}

CivDivorceRow *
civ_divorce_row_open_for (CivDb *db, const char *marriage_record_id, GError **error)
{
  return find_one (db,
                   "SELECT " DIVORCE_COLUMNS " FROM divorces "
                   "WHERE marriage_record_id = ? AND state = 'COOLING'",
                   marriage_record_id, error);
}

CivDivorceRow *
civ_divorce_row_find_newest (CivDb *db, const char *key, GError **error)
{
  return find_one (db,
                   "SELECT " DIVORCE_COLUMNS " FROM divorces WHERE record_id = ?1 "
                   "OR marriage_record_id IN (SELECT record_id FROM marriages WHERE record_id = "
                   "?1 OR certificate_no = ?1) ORDER BY id DESC LIMIT 1",
                   key, error);
}

CivDivorceRow *
civ_divorce_row_registered_for (CivDb *db, const char *marriage_record_id, GError **error)
{
  return find_one (db,
                   "SELECT " DIVORCE_COLUMNS " FROM divorces WHERE marriage_record_id = ? "
                   "AND state = 'REGISTERED' AND certificate_no IS NOT NULL ORDER BY id DESC "
                   "LIMIT 1",
                   marriage_record_id, error);
}

GPtrArray *
civ_divorce_row_list_cooling (CivDb *db, GError **error)
{
  g_autoptr (GPtrArray) out =
    g_ptr_array_new_with_free_func ((GDestroyNotify) civ_divorce_row_free);
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT " DIVORCE_COLUMNS " FROM divorces WHERE state = 'COOLING' ORDER BY id",
                    error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, read_row (stmt));
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the divorce applications"));
      return NULL;
    }
  return g_steal_pointer (&out);
}

char *
civ_divorce_row_for_certificate (CivDb *db, const char *certificate_no, GError **error)
{
  /* An L number and its BL reissues belong to the divorce record. */
  g_autoptr (sqlite3_stmt) stmt = civ_db_prepare (db,
                                                  "SELECT d.record_id FROM certificates c JOIN "
                                                  "divorces d ON d.record_id = c.record_id WHERE "
                                                  "c.number = ? AND c.prefix IN ('L', 'BL')",
                                                  error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, certificate_no, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return civ_db_column_dup (stmt, 0);
  if (rc != SQLITE_DONE)
    civ_db_set_error (db, error, _ ("Could not read the certificates"));
  return NULL;
}

GPtrArray *
civ_divorce_row_list_open (CivDb *db, GError **error)
{
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db, "SELECT record_id FROM divorces WHERE state = 'COOLING' ORDER BY id",
                    error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, civ_db_column_dup (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the divorce applications"));
      return NULL;
    }
  return g_steal_pointer (&out);
}

gint64
civ_divorce_row_insert (CivDb               *db,
                        const CivDivorceRow *row,
                        const char          *agreement_ref,
                        const char          *created_by,
                        GError             **error)
{
  g_autofree char *now = civ_db_now_iso ();
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "INSERT INTO divorces (record_id, marriage_record_id, state, accepted_on, "
                    "cooling_off_end, "
                    "window_end, provisional, agreement_ref, office_code, created_at, created_by) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, row->record_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, row->marriage_record_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, row->state, -1, SQLITE_TRANSIENT);
  civ_db_bind_text_or_null (stmt, 4, row->accepted_on);
  civ_db_bind_text_or_null (stmt, 5, row->cooling_off_end);
  civ_db_bind_text_or_null (stmt, 6, row->window_end);
  sqlite3_bind_int (stmt, 7, row->provisional ? 1 : 0);
  sqlite3_bind_text (stmt, 8, agreement_ref ? agreement_ref : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, row->office_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, created_by, -1, SQLITE_TRANSIENT);
  if (!civ_db_step_done (db, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (civ_db_get_handle (db));
}

gboolean
civ_divorce_row_update (CivDb               *db,
                        const CivDivorceRow *row,
                        const char          *state,
                        const char          *on_date,
                        int                  withdrawn_by,
                        const char          *certificate_no,
                        GError             **error)
{
  gboolean withdrawn = g_strcmp0 (state, "WITHDRAWN") == 0;
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "UPDATE divorces SET state = ?, cooling_off_end = ?, window_end = ?, "
                    "provisional = ?, "
                    "withdrawn_on = CASE WHEN ?5 THEN ?6 ELSE withdrawn_on END, "
                    "withdrawn_by = CASE WHEN ?7 >= 0 THEN ?7 ELSE withdrawn_by END, "
                    "closed_on = CASE WHEN ?5 THEN closed_on ELSE ?6 END, "
                    "certificate_no = coalesce(?8, certificate_no) WHERE id = ?9",
                    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, state, -1, SQLITE_TRANSIENT);
  civ_db_bind_text_or_null (stmt, 2, row->cooling_off_end);
  civ_db_bind_text_or_null (stmt, 3, row->window_end);
  sqlite3_bind_int (stmt, 4, row->provisional ? 1 : 0);
  sqlite3_bind_int (stmt, 5, withdrawn ? 1 : 0);
  civ_db_bind_text_or_null (stmt, 6, on_date);
  sqlite3_bind_int (stmt, 7, withdrawn_by);
  civ_db_bind_text_or_null (stmt, 8, certificate_no);
  sqlite3_bind_int64 (stmt, 9, row->id);
  return civ_db_step_done (db, stmt, error);
}

gboolean
civ_divorce_event_add (CivDb      *db,
                       gint64      divorce_id,
                       const char *on_date,
                       const char *state,
                       const char *actor,
                       const char *detail,
                       GError    **error)
{
  g_autofree char *now = civ_db_now_iso ();
  g_autoptr (sqlite3_stmt) stmt = civ_db_prepare (db,
                                                  "INSERT INTO divorce_events (divorce_id, "
                                                  "on_date, state, actor, detail, created_at) "
                                                  "VALUES (?, ?, ?, ?, ?, ?)",
                                                  error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, divorce_id);
  sqlite3_bind_text (stmt, 2, on_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, state, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, actor, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, detail ? detail : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
  return civ_db_step_done (db, stmt, error);
}

void
civ_divorce_step_free (CivDivorceStep *step)
{
  if (step == NULL)
    return;
  g_free (step->on_date);
  g_free (step->state);
  g_free (step->actor);
  g_free (step->actor_name);
  g_free (step);
}

GPtrArray *
civ_divorce_event_list (CivDb *db, const char *record_id, GError **error)
{
  g_autoptr (GPtrArray) steps =
    g_ptr_array_new_with_free_func ((GDestroyNotify) civ_divorce_step_free);
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT e.on_date, e.state, e.actor, coalesce(o.display_name, e.actor) "
                    "FROM divorce_events e JOIN divorces d ON d.id = e.divorce_id "
                    "LEFT JOIN operators o ON o.login = e.actor "
                    "WHERE d.record_id = ? ORDER BY e.id",
                    error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, record_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CivDivorceStep *step = g_new0 (CivDivorceStep, 1);

      step->on_date = civ_db_column_dup (stmt, 0);
      step->state = civ_db_column_dup (stmt, 1);
      step->actor = civ_db_column_dup (stmt, 2);
      step->actor_name = civ_db_column_dup (stmt, 3);
      g_ptr_array_add (steps, step);
    }
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the divorce applications"));
      return NULL;
    }
  return g_steal_pointer (&steps);
}

gboolean
civ_divorce_row_set_holder (
  CivDb *db, const char *record_id, const char *held_by, const char *held_since, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db, "UPDATE divorces SET held_by = ?, held_since = ? WHERE record_id = ?",
                    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, held_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, held_since, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, record_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE || sqlite3_changes (civ_db_get_handle (db)) != 1)
    {
      civ_db_set_error (db, error, _ ("Could not record who holds the divorce application"));
      return FALSE;
    }
  return TRUE;
}

gboolean
civ_divorce_row_set_accepted_by (CivDb *db, gint64 id, const char *accepted_by, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db, "UPDATE divorces SET accepted_by = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, accepted_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not record where the divorce application came from"));
      return FALSE;
    }
  return TRUE;
}

gboolean
civ_remote_record_insert (CivDb      *db,
                          const char *record_kind,
                          const char *record_id,
                          const char *origin,
                          const char *imported_by,
                          GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "INSERT OR IGNORE INTO remote_records (record_kind, record_id, origin, "
                    "imported_at, imported_by) VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', "
                    "'now'), ?)",
                    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, record_kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, record_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, origin, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, imported_by, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not record where a record came from"));
      return FALSE;
    }
  return TRUE;
}

char *
civ_remote_record_origin (CivDb *db, const char *record_kind, const char *record_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db, "SELECT origin FROM remote_records WHERE record_kind = ? AND record_id = ?",
                    error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, record_kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, record_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return civ_db_column_dup (stmt, 0);
  if (rc != SQLITE_DONE)
    civ_db_set_error (db, error, _ ("Could not read where a record came from"));
  return NULL;
}
