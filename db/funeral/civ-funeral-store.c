// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-funeral-store.c — rows of funeral cases, their history, storage and
 * ash deposits (0015) */
#include "civ-funeral-store.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define CASE_COLUMNS                                                                               \
  "id, record_id, case_no, office_code, year, serial, state, reported_on, unidentified, "          \
  "description, deceased_name, sex, ethnicity, country, doc_kind, doc_number, id_key, "            \
  "birth_date, death_at, death_place, marital_status, address, cause_of_death, "                   \
  "death_certificate_no, agent_name, agent_doc_number, agent_relationship, agent_phone, "          \
  "closed_on, created_at, created_by"

static gboolean
require_transaction (CivDb *db, GError **error)
{
  return civ_db_require_transaction (db, _ ("A funeral case is only written inside a transaction"),
                                     error);
}

static void
bind_text_or_null (sqlite3_stmt *stmt, int index, const char *text)
{
  if (text != NULL && *text != '\0')
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_text (sqlite3_stmt *stmt, int index, const char *text)
{
  sqlite3_bind_text (stmt, index, text ? text : "", -1, SQLITE_TRANSIENT);
}

void
civ_funeral_case_row_free (CivFuneralCaseRow *row)
{
  if (row == NULL)
    return;
  g_free (row->record_id);
  g_free (row->case_no);
  g_free (row->office_code);
  g_free (row->state);
  g_free (row->reported_on);
  g_free (row->description);
  g_free (row->deceased_name);
  g_free (row->ethnicity);
  g_free (row->country);
  g_free (row->doc_kind);
  g_free (row->doc_number);
  g_free (row->id_key);
  g_free (row->birth_date);
  g_free (row->death_at);
  g_free (row->address);
  g_free (row->cause_of_death);
  g_free (row->death_certificate_no);
  g_free (row->agent_name);
  g_free (row->agent_doc_number);
  g_free (row->agent_relationship);
  g_free (row->agent_phone);
  g_free (row->closed_on);
  g_free (row->created_at);
  g_free (row->created_by);
  g_free (row);
}

static CivFuneralCaseRow *
read_case (sqlite3_stmt *stmt)
{
  CivFuneralCaseRow *row = g_new0 (CivFuneralCaseRow, 1);
  int                i = 0;

  row->id = sqlite3_column_int64 (stmt, i++);
  row->record_id = civ_db_column_dup (stmt, i++);
  row->case_no = civ_db_column_dup (stmt, i++);
  row->office_code = civ_db_column_dup (stmt, i++);
  row->year = sqlite3_column_int (stmt, i++);
  row->serial = sqlite3_column_int64 (stmt, i++);
  row->state = civ_db_column_dup (stmt, i++);
  row->reported_on = civ_db_column_dup (stmt, i++);
  row->unidentified = sqlite3_column_int (stmt, i++) != 0;
  row->description = civ_db_column_dup (stmt, i++);
  row->deceased_name = civ_db_column_dup (stmt, i++);
  row->sex = sqlite3_column_int (stmt, i++);
  row->ethnicity = civ_db_column_dup (stmt, i++);
  row->country = civ_db_column_dup (stmt, i++);
  row->doc_kind = civ_db_column_dup (stmt, i++);
  row->doc_number = civ_db_column_dup (stmt, i++);
  row->id_key = civ_db_column_dup (stmt, i++);
  row->birth_date = civ_db_column_dup (stmt, i++);
  row->death_at = civ_db_column_dup (stmt, i++);
  row->death_place = sqlite3_column_int (stmt, i++);
  row->marital_status = sqlite3_column_int (stmt, i++);
  row->address = civ_db_column_dup (stmt, i++);
  row->cause_of_death = civ_db_column_dup (stmt, i++);
  row->death_certificate_no = civ_db_column_dup (stmt, i++);
  row->agent_name = civ_db_column_dup (stmt, i++);
  row->agent_doc_number = civ_db_column_dup (stmt, i++);
  row->agent_relationship = civ_db_column_dup (stmt, i++);
  row->agent_phone = civ_db_column_dup (stmt, i++);
  row->closed_on = civ_db_column_dup (stmt, i++);
  row->created_at = civ_db_column_dup (stmt, i++);
  row->created_by = civ_db_column_dup (stmt, i++);
  return row;
}

/* The next serial of @office_code's @year (the transaction holds the
 * write lock, so no other case takes it). */
static gboolean
next_serial (CivDb *db, const char *office_code, int year, gint64 *serial, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT coalesce (max (serial), 0) + 1 FROM funeral_cases WHERE office_code = "
                    "? AND year = ?",
                    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, office_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, year);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      civ_db_set_error (db, error, _ ("Could not read the funeral case numbers"));
      return FALSE;
    }
  *serial = sqlite3_column_int64 (stmt, 0);
  if (*serial > 999999)
    {
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                   _ ("The funeral case numbers of %d are used up"), year);
      return FALSE;
    }
  return TRUE;
}

gint64
civ_funeral_case_insert (CivDb                   *db,
                         const CivFuneralCaseRow *row,
                         const char              *created_by,
                         char                   **case_no_out,
                         GError                 **error)
{
  g_autofree char *now = civ_db_now_iso ();
  g_autofree char *case_no = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  gint64 serial = 0;
  int    year;
  int    i = 1;

  if (!require_transaction (db, error))
    return 0;
  year = row->reported_on ? (int) g_ascii_strtoll (row->reported_on, NULL, 10) : 0;
  if (row->office_code == NULL || strlen (row->office_code) != 6 || year < 1950 || year > 9999)
    {
      g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                           _ ("A funeral case needs its office and the day it was reported"));
      return 0;
    }
  if (!next_serial (db, row->office_code, year, &serial, error))
    return 0;
  case_no = g_strdup_printf ("BZ%s-%04d-%06" G_GINT64_FORMAT, row->office_code, year, serial);
  stmt =
    civ_db_prepare (db,
                    "INSERT INTO funeral_cases (record_id, case_no, office_code, year, serial, "
                    "state, reported_on, unidentified, description, deceased_name, sex, "
                    "ethnicity, country, doc_kind, doc_number, id_key, birth_date, death_at, "
                    "death_place, marital_status, address, cause_of_death, "
                    "death_certificate_no, agent_name, agent_doc_number, agent_relationship, "
                    "agent_phone, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
                    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    error);
  if (stmt == NULL)
    return 0;
  bind_text (stmt, i++, row->record_id);
  bind_text (stmt, i++, case_no);
  bind_text (stmt, i++, row->office_code);
  sqlite3_bind_int (stmt, i++, year);
  sqlite3_bind_int64 (stmt, i++, serial);
  bind_text (stmt, i++, row->state);
  bind_text (stmt, i++, row->reported_on);
  sqlite3_bind_int (stmt, i++, row->unidentified ? 1 : 0);
  bind_text (stmt, i++, row->description);
  bind_text (stmt, i++, row->deceased_name);
  sqlite3_bind_int (stmt, i++, row->sex);
  bind_text (stmt, i++, row->ethnicity);
  bind_text (stmt, i++, row->country);
  bind_text (stmt, i++, row->doc_kind);
  bind_text_or_null (stmt, i++, row->doc_number);
  bind_text_or_null (stmt, i++, row->id_key);
  bind_text_or_null (stmt, i++, row->birth_date);
  bind_text_or_null (stmt, i++, row->death_at);
  sqlite3_bind_int (stmt, i++, row->death_place);
  sqlite3_bind_int (stmt, i++, row->marital_status ? row->marital_status : 9);
  bind_text (stmt, i++, row->address);
  bind_text (stmt, i++, row->cause_of_death);
  bind_text_or_null (stmt, i++, row->death_certificate_no);
  bind_text (stmt, i++, row->agent_name);
  bind_text_or_null (stmt, i++, row->agent_doc_number);
  bind_text (stmt, i++, row->agent_relationship);
  bind_text (stmt, i++, row->agent_phone);
  bind_text (stmt, i++, now);
  bind_text (stmt, i++, created_by);
  if (!civ_db_step_done (db, stmt, error))
    return 0;
  if (case_no_out != NULL)
    *case_no_out = g_steal_pointer (&case_no);
  return sqlite3_last_insert_rowid (civ_db_get_handle (db));
}

CivFuneralCaseRow *
civ_funeral_case_find (CivDb *db, const char *key, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT " CASE_COLUMNS
                    " FROM funeral_cases WHERE record_id = ?1 OR case_no = ?1",
                    error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return read_case (stmt);
  if (rc != SQLITE_DONE)
    civ_db_set_error (db, error, _ ("Could not read the funeral cases"));
  return NULL;
}

GPtrArray *
civ_funeral_case_search (
  CivDb *db, const char *text, const char *id_key, guint limit, GError **error)
{
  g_autoptr (GPtrArray) out =
    g_ptr_array_new_with_free_func ((GDestroyNotify) civ_funeral_case_row_free);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *prefix = NULL;
  g_autoptr (GString) escaped = g_string_new (NULL);
  int rc;

  if (text == NULL || *text == '\0')
    return g_steal_pointer (&out);
  /* The name's start as a LIKE pattern, its wildcards taken literally. */
  for (const char *p = text; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (escaped, '\\');
      g_string_append_c (escaped, *p);
    }
  prefix = g_strconcat (escaped->str, "%", NULL);
  stmt = civ_db_prepare (db,
                         "SELECT " CASE_COLUMNS " FROM funeral_cases WHERE case_no = ?1 "
                         "OR (?2 IS NOT NULL AND id_key = ?2) OR agent_phone = ?1 "
                         "OR deceased_name LIKE ?3 ESCAPE '\\' ORDER BY id DESC LIMIT ?4",
                         error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 2, id_key);
  sqlite3_bind_text (stmt, 3, prefix, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, (int) MIN (limit, 1000));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, read_case (stmt));
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not search the funeral cases"));
      return NULL;
    }
  return g_steal_pointer (&out);
}

gboolean
civ_funeral_case_set_state (
  CivDb *db, gint64 id, const char *state, const char *closed_on, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (!require_transaction (db, error))
    return FALSE;
  stmt =
    civ_db_prepare (db, "UPDATE funeral_cases SET state = ?, closed_on = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, state, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 2, closed_on);
  sqlite3_bind_int64 (stmt, 3, id);
  return civ_db_step_done (db, stmt, error);
}

gboolean
civ_funeral_case_set_documents (CivDb      *db,
                                gint64      id,
                                const char *death_certificate_no,
                                const char *doc_kind,
                                const char *doc_number,
                                const char *id_key,
                                GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (!require_transaction (db, error))
    return FALSE;
  stmt = civ_db_prepare (db,
                         "UPDATE funeral_cases SET death_certificate_no = ?, doc_kind = ?, "
                         "doc_number = ?, id_key = ? WHERE id = ?",
                         error);
  if (stmt == NULL)
    return FALSE;
  bind_text_or_null (stmt, 1, death_certificate_no);
  bind_text (stmt, 2, doc_kind);
  bind_text_or_null (stmt, 3, doc_number);
  bind_text_or_null (stmt, 4, id_key);
  sqlite3_bind_int64 (stmt, 5, id);
  return civ_db_step_done (db, stmt, error);
}

void
civ_funeral_event_row_free (CivFuneralEventRow *row)
{
  if (row == NULL)
    return;
  g_free (row->at);
  g_free (row->from_state);
  g_free (row->state);
  g_free (row->actor);
  g_free (row->actor_name);
  g_free (row->detail);
  g_free (row->created_at);
  g_free (row);
}

gboolean
civ_funeral_event_add (CivDb      *db,
                       gint64      case_id,
                       const char *at,
                       const char *from_state,
                       const char *state,
                       const char *actor,
                       const char *detail,
                       GError    **error)
{
  g_autofree char *now = civ_db_now_iso ();
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (!require_transaction (db, error))
    return FALSE;
  stmt = civ_db_prepare (db,
                         "INSERT INTO funeral_events (case_id, at, from_state, state, actor, "
                         "detail, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  bind_text (stmt, 2, at);
  bind_text_or_null (stmt, 3, from_state);
  bind_text (stmt, 4, state);
  bind_text (stmt, 5, actor);
  sqlite3_bind_text (stmt, 6, detail && *detail ? detail : "{}", -1, SQLITE_TRANSIENT);
  bind_text (stmt, 7, now);
  return civ_db_step_done (db, stmt, error);
}

GPtrArray *
civ_funeral_event_list (CivDb *db, gint64 case_id, GError **error)
{
  g_autoptr (GPtrArray) out =
    g_ptr_array_new_with_free_func ((GDestroyNotify) civ_funeral_event_row_free);
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT e.at, e.from_state, e.state, e.actor, coalesce (o.display_name, "
                    "e.actor), e.detail, e.created_at FROM funeral_events e "
                    "LEFT JOIN operators o ON o.login = e.actor WHERE e.case_id = ? ORDER BY e.id",
                    error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CivFuneralEventRow *e = g_new0 (CivFuneralEventRow, 1);

      e->at = civ_db_column_dup (stmt, 0);
      e->from_state = civ_db_column_dup (stmt, 1);
      e->state = civ_db_column_dup (stmt, 2);
      e->actor = civ_db_column_dup (stmt, 3);
      e->actor_name = civ_db_column_dup (stmt, 4);
      e->detail = civ_db_column_dup (stmt, 5);
      e->created_at = civ_db_column_dup (stmt, 6);
      g_ptr_array_add (out, e);
    }
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the history of the funeral case"));
      return NULL;
    }
  return g_steal_pointer (&out);
}

gboolean
civ_funeral_storage_in (
  CivDb *db, gint64 case_id, const char *unit, const char *in_at, GError **error)
{
  g_autoptr (sqlite3_stmt) busy = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (!require_transaction (db, error))
    return FALSE;
  busy = civ_db_prepare (db,
                         "SELECT count(*) FROM funeral_storage WHERE out_at IS NULL AND "
                         "(unit = ? OR case_id = ?)",
                         error);
  if (busy == NULL)
    return FALSE;
  sqlite3_bind_text (busy, 1, unit, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (busy, 2, case_id);
  if (sqlite3_step (busy) != SQLITE_ROW)
    {
      civ_db_set_error (db, error, _ ("Could not read the storage units"));
      return FALSE;
    }
  if (sqlite3_column_int (busy, 0) > 0)
    {
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                   _ ("Storage unit “%s” is occupied, or the body is already in storage"), unit);
      return FALSE;
    }
  stmt = civ_db_prepare (db, "INSERT INTO funeral_storage (case_id, unit, in_at) VALUES (?, ?, ?)",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_text (stmt, 2, unit, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, in_at, -1, SQLITE_TRANSIENT);
  return civ_db_step_done (db, stmt, error);
}

gboolean
civ_funeral_storage_out (CivDb *db, gint64 case_id, const char *out_at, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (!require_transaction (db, error))
    return FALSE;
  stmt = civ_db_prepare (db,
                         "UPDATE funeral_storage SET out_at = ? WHERE case_id = ? AND out_at IS "
                         "NULL",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, out_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, case_id);
  if (!civ_db_step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (civ_db_get_handle (db)) != 1)
    {
      g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                           _ ("The body is not in storage"));
      return FALSE;
    }
  return TRUE;
}

void
civ_funeral_board_row_free (CivFuneralBoardRow *row)
{
  if (row == NULL)
    return;
  g_free (row->case_no);
  g_free (row->record_id);
  g_free (row->deceased_name);
  g_free (row->unit);
  g_free (row->in_at);
  g_free (row->until);
  g_free (row);
}

static GPtrArray *
read_board (CivDb *db, sqlite3_stmt *stmt, GError **error)
{
  g_autoptr (GPtrArray) out =
    g_ptr_array_new_with_free_func ((GDestroyNotify) civ_funeral_board_row_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CivFuneralBoardRow *r = g_new0 (CivFuneralBoardRow, 1);

      r->case_no = civ_db_column_dup (stmt, 0);
      r->record_id = civ_db_column_dup (stmt, 1);
      r->deceased_name = civ_db_column_dup (stmt, 2);
      r->unit = civ_db_column_dup (stmt, 3);
      r->in_at = civ_db_column_dup (stmt, 4);
      r->until = civ_db_column_dup (stmt, 5);
      g_ptr_array_add (out, r);
    }
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the funeral board"));
      return NULL;
    }
  return g_steal_pointer (&out);
}

GPtrArray *
civ_funeral_in_storage (CivDb *db, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT c.case_no, c.record_id, c.deceased_name, s.unit, s.in_at, NULL "
                    "FROM funeral_storage s JOIN funeral_cases c ON c.id = s.case_id "
                    "WHERE s.out_at IS NULL ORDER BY s.in_at, s.id",
                    error);

  return stmt ? read_board (db, stmt, error) : NULL;
}

gboolean
civ_funeral_deposit_add (CivDb      *db,
                         gint64      case_id,
                         const char *place,
                         const char *deposited,
                         const char *expires_on,
                         GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (!require_transaction (db, error))
    return FALSE;
  stmt = civ_db_prepare (db,
                         "INSERT INTO funeral_deposits (case_id, place, deposited, expires_on) "
                         "VALUES (?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_text (stmt, 2, place, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, deposited, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, expires_on, -1, SQLITE_TRANSIENT);
  return civ_db_step_done (db, stmt, error);
}

GPtrArray *
civ_funeral_deposits_expiring (CivDb *db, const char *from, const char *to, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT c.case_no, c.record_id, c.deceased_name, d.place, d.deposited, "
                    "d.expires_on FROM funeral_deposits d JOIN funeral_cases c ON c.id = d.case_id "
                    "WHERE d.expires_on BETWEEN ? AND ? AND c.state = 'ASHES_DEPOSITED' "
                    "ORDER BY d.expires_on, d.id",
                    error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
  return read_board (db, stmt, error);
}

GPtrArray *
civ_funeral_cases_in_state (CivDb *db, const char *state, guint limit, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT case_no, record_id, deceased_name, NULL, reported_on, NULL "
                    "FROM funeral_cases WHERE state = ? AND closed_on IS NULL "
                    "ORDER BY reported_on, id LIMIT ?",
                    error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, state, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, (int) MIN (limit, 10000));
  return read_board (db, stmt, error);
}

/* The first row of @stmt's board rows, or NULL (no error) when there is none. */
static CivFuneralBoardRow *
first_board_row (CivDb *db, sqlite3_stmt *stmt, GError **error)
{
  g_autoptr (GPtrArray) rows = read_board (db, stmt, error);

  if (rows == NULL || rows->len == 0)
    return NULL;
  return g_ptr_array_steal_index (rows, 0);
}

CivFuneralBoardRow *
civ_funeral_storage_of_case (CivDb *db, gint64 case_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT c.case_no, c.record_id, c.deceased_name, s.unit, s.in_at, s.out_at "
                    "FROM funeral_storage s JOIN funeral_cases c ON c.id = s.case_id "
                    "WHERE s.case_id = ? ORDER BY s.id DESC LIMIT 1",
                    error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  return first_board_row (db, stmt, error);
}

CivFuneralBoardRow *
civ_funeral_deposit_of_case (CivDb *db, gint64 case_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT c.case_no, c.record_id, c.deceased_name, d.place, d.deposited, "
                    "d.expires_on FROM funeral_deposits d JOIN funeral_cases c ON c.id = d.case_id "
                    "WHERE d.case_id = ? ORDER BY d.id DESC LIMIT 1",
                    error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  return first_board_row (db, stmt, error);
}
