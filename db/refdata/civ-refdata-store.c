// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-refdata-store.c — division codes and the holiday calendar in the database */
#include "civ-refdata-store.h"

#include <glib/gi18n-lib.h>
#include <string.h>

void
civ_division_row_free (CivDivisionRow *row)
{
  if (row == NULL)
    return;
  g_free (row->code);
  g_free (row->name);
  g_free (row->province);
  g_free (row->prefecture);
  g_free (row->level);
  g_free (row->successors);
  g_free (row);
}

void
civ_holiday_row_free (CivHolidayRow *row)
{
  if (row == NULL)
    return;
  g_free (row->day);
  g_free (row->name);
  g_free (row);
}

static const char *
text_or_empty (const char *s)
{
  return s ? s : "";
}

static char *
column_dup (sqlite3_stmt *stmt, int col)
{
  const unsigned char *text = sqlite3_column_text (stmt, col);

  return g_strdup (text ? (const char *) text : "");
}

static char *
now_iso (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format_iso8601 (now);
}

/* Begins a transaction unless the caller has one open; *own says who ends it. */
static gboolean
begin_unless_open (CivDb *db, gboolean *own, GError **error)
{
  *own = sqlite3_get_autocommit (civ_db_get_handle (db)) != 0;
  return *own ? civ_db_begin (db, error) : TRUE;
}

static gboolean
finish (CivDb *db, gboolean own, gboolean ok, GError **error)
{
  if (!own)
    return ok;
  if (ok && civ_db_commit (db, error))
    return TRUE;
  civ_db_rollback (db);
  return FALSE;
}

#define DIVISION_COLUMNS "code, name, province, prefecture, level, valid_from, valid_to, successors"

static CivDivisionRow *
division_from_stmt (sqlite3_stmt *stmt)
{
  CivDivisionRow *row = g_new0 (CivDivisionRow, 1);

  row->code = column_dup (stmt, 0);
  row->name = column_dup (stmt, 1);
  row->province = column_dup (stmt, 2);
  row->prefecture = column_dup (stmt, 3);
  row->level = column_dup (stmt, 4);
  row->valid_from = sqlite3_column_int (stmt, 5);
  row->valid_to = sqlite3_column_type (stmt, 6) == SQLITE_NULL ? 0 : sqlite3_column_int (stmt, 6);
  row->successors = column_dup (stmt, 7);
  return row;
}

static gboolean
division_equal (const CivDivisionRow *a, const CivDivisionRow *b)
{
  return strcmp (a->name, text_or_empty (b->name)) == 0 &&
         strcmp (a->province, text_or_empty (b->province)) == 0 &&
         strcmp (a->prefecture, text_or_empty (b->prefecture)) == 0 &&
         strcmp (a->level, text_or_empty (b->level)) == 0 && a->valid_to == b->valid_to &&
         strcmp (a->successors, text_or_empty (b->successors)) == 0;
}

static gboolean
put_divisions (CivDb *db, GPtrArray *rows, guint *n_added, guint *n_changed, GError **error)
{
  g_autoptr (sqlite3_stmt) find = NULL;
  g_autoptr (sqlite3_stmt) put = NULL;

  find = civ_db_prepare (db,
                         "SELECT " DIVISION_COLUMNS " FROM division_codes"
                         " WHERE code = ? AND valid_from = ?",
                         error);
  if (find == NULL)
    return FALSE;
  put = civ_db_prepare (db,
                        "INSERT OR REPLACE INTO division_codes (" DIVISION_COLUMNS ")"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        error);
  if (put == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      const CivDivisionRow *row = g_ptr_array_index (rows, i);
      g_autoptr (CivDivisionRow) old = NULL;
      int rc;

      sqlite3_reset (find);
      sqlite3_bind_text (find, 1, row->code, -1, SQLITE_STATIC);
      sqlite3_bind_int (find, 2, row->valid_from);
      rc = sqlite3_step (find);
      if (rc == SQLITE_ROW)
        old = division_from_stmt (find);
      else if (rc != SQLITE_DONE)
        {
          civ_db_set_error (db, error, _ ("Could not read the division codes"));
          return FALSE;
        }
      if (old != NULL && division_equal (old, row))
        continue;

      sqlite3_reset (put);
      sqlite3_bind_text (put, 1, row->code, -1, SQLITE_STATIC);
      sqlite3_bind_text (put, 2, row->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (put, 3, text_or_empty (row->province), -1, SQLITE_STATIC);
      sqlite3_bind_text (put, 4, text_or_empty (row->prefecture), -1, SQLITE_STATIC);
      sqlite3_bind_text (put, 5, text_or_empty (row->level), -1, SQLITE_STATIC);
      sqlite3_bind_int (put, 6, row->valid_from);
      if (row->valid_to == 0)
        sqlite3_bind_null (put, 7);
      else
        sqlite3_bind_int (put, 7, row->valid_to);
      sqlite3_bind_text (put, 8, text_or_empty (row->successors), -1, SQLITE_STATIC);
      if (!civ_db_step_done (db, put, error))
        return FALSE;
      if (old == NULL && n_added)
        (*n_added)++;
      else if (old != NULL && n_changed)
        (*n_changed)++;
    }
  return TRUE;
}

gboolean
civ_refdata_store_put_divisions (
  CivDb *db, GPtrArray *rows, guint *n_added, guint *n_changed, GError **error)
{
  gboolean own;

  g_return_val_if_fail (CIV_IS_DB (db), FALSE);
  g_return_val_if_fail (rows != NULL, FALSE);

  if (n_added)
    *n_added = 0;
  if (n_changed)
    *n_changed = 0;
  for (guint i = 0; i < rows->len; i++)
    {
      const CivDivisionRow *row = g_ptr_array_index (rows, i);
      if (row->code == NULL || strlen (row->code) != 6 || row->name == NULL)
        {
          g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                       _ ("Division row %u has no 6-digit code or no name"), i + 1);
          return FALSE;
        }
    }
  if (!begin_unless_open (db, &own, error))
    return FALSE;
  return finish (db, own, put_divisions (db, rows, n_added, n_changed, error), error);
}

static GPtrArray *
query_divisions (CivDb *db, const char *sql, const char *code, int year, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = civ_db_prepare (db, sql, error);
  g_autoptr (GPtrArray) rows = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  if (code != NULL)
    sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  if (year != 0)
    {
      sqlite3_bind_int (stmt, 2, year);
      sqlite3_bind_int (stmt, 3, year);
    }
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_division_row_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, division_from_stmt (stmt));
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the division codes"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

GPtrArray *
civ_refdata_store_get_division (CivDb *db, const char *code, GError **error)
{
  g_return_val_if_fail (CIV_IS_DB (db), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  return query_divisions (db,
                          "SELECT " DIVISION_COLUMNS " FROM division_codes"
                          " WHERE code = ? ORDER BY valid_from",
                          code, 0, error);
}

char *
civ_refdata_store_division_name (CivDb *db, const char *code, int year, GError **error)
{
  g_autoptr (GPtrArray) rows = NULL;

  g_return_val_if_fail (CIV_IS_DB (db), NULL);
  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (year > 0, NULL);

  rows = query_divisions (db,
                          "SELECT " DIVISION_COLUMNS " FROM division_codes"
                          " WHERE code = ? AND valid_from <= ?"
                          " AND (valid_to IS NULL OR ? < valid_to)"
                          " ORDER BY valid_from DESC LIMIT 1",
                          code, year, error);
  if (rows == NULL || rows->len == 0)
    return NULL;
  return g_strdup (((CivDivisionRow *) g_ptr_array_index (rows, 0))->name);
}

GPtrArray *
civ_refdata_store_list_divisions (CivDb *db, GError **error)
{
  g_return_val_if_fail (CIV_IS_DB (db), NULL);

  return query_divisions (db,
                          "SELECT " DIVISION_COLUMNS " FROM division_codes"
                          " ORDER BY code, valid_from",
                          NULL, 0, error);
}

gboolean
civ_refdata_store_count_divisions (CivDb *db, gint64 *count, GError **error)
{
  g_return_val_if_fail (CIV_IS_DB (db), FALSE);
  g_return_val_if_fail (count != NULL, FALSE);

  return civ_db_query_int64 (db, "SELECT count(*) FROM division_codes", count, error);
}

#define HOLIDAY_COLUMNS "day, name, is_off_day, year"

static CivHolidayRow *
holiday_from_stmt (sqlite3_stmt *stmt)
{
  CivHolidayRow *row = g_new0 (CivHolidayRow, 1);

  row->day = column_dup (stmt, 0);
  row->name = column_dup (stmt, 1);
  row->is_off_day = sqlite3_column_int (stmt, 2) != 0;
  row->year = sqlite3_column_int (stmt, 3);
  return row;
}

static GPtrArray *
query_holidays (CivDb *db, const char *sql, const char *text, int number, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = civ_db_prepare (db, sql, error);
  g_autoptr (GPtrArray) rows = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  else if (number != 0)
    sqlite3_bind_int (stmt, 1, number);
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_holiday_row_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, holiday_from_stmt (stmt));
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the holiday calendar"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

static gboolean
put_holiday_year (
  CivDb *db, int year, GPtrArray *rows, const char *source, guint *n_changed, GError **error)
{
  g_autoptr (GPtrArray) old = NULL;
  g_autoptr (GHashTable) before = NULL;
  g_autoptr (sqlite3_stmt) del = NULL;
  g_autoptr (sqlite3_stmt) put = NULL;
  g_autoptr (sqlite3_stmt) cover = NULL;
  g_autofree char *now = NULL;
  gint64           covered = 0;
  guint            changed = 0;

  old = query_holidays (db, "SELECT " HOLIDAY_COLUMNS " FROM holidays WHERE year = ?", NULL, year,
                        error);
  if (old == NULL)
    return FALSE;
  before = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < old->len; i++)
    {
      CivHolidayRow *row = g_ptr_array_index (old, i);
      g_hash_table_insert (before, row->day, row);
    }
  for (guint i = 0; i < rows->len; i++)
    {
      const CivHolidayRow *row = g_ptr_array_index (rows, i);
      const CivHolidayRow *was = g_hash_table_lookup (before, row->day);

      if (was == NULL || strcmp (was->name, row->name) != 0 ||
          (was->is_off_day ? 1 : 0) != (row->is_off_day ? 1 : 0))
        changed++;
      g_hash_table_remove (before, row->day);
    }
  changed += g_hash_table_size (before);

  {
    g_autofree char *sql =
      g_strdup_printf ("SELECT count(*) FROM holiday_years WHERE year = %d", year);
    if (!civ_db_query_int64 (db, sql, &covered, error))
      return FALSE;
  }
  if (n_changed)
    *n_changed = changed;
  if (changed == 0 && covered > 0)
    return TRUE;

  del = civ_db_prepare (db, "DELETE FROM holidays WHERE year = ?", error);
  if (del == NULL)
    return FALSE;
  sqlite3_bind_int (del, 1, year);
  if (!civ_db_step_done (db, del, error))
    return FALSE;

  put = civ_db_prepare (db,
                        "INSERT OR REPLACE INTO holidays (" HOLIDAY_COLUMNS ")"
                        " VALUES (?, ?, ?, ?)",
                        error);
  if (put == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      const CivHolidayRow *row = g_ptr_array_index (rows, i);

      sqlite3_reset (put);
      sqlite3_bind_text (put, 1, row->day, -1, SQLITE_STATIC);
      sqlite3_bind_text (put, 2, row->name, -1, SQLITE_STATIC);
      sqlite3_bind_int (put, 3, row->is_off_day ? 1 : 0);
      sqlite3_bind_int (put, 4, year);
      if (!civ_db_step_done (db, put, error))
        return FALSE;
    }

  now = now_iso ();
  cover = civ_db_prepare (db,
                          "INSERT OR REPLACE INTO holiday_years (year, imported_at, source)"
                          " VALUES (?, ?, ?)",
                          error);
  if (cover == NULL)
    return FALSE;
  sqlite3_bind_int (cover, 1, year);
  sqlite3_bind_text (cover, 2, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (cover, 3, text_or_empty (source), -1, SQLITE_STATIC);
  return civ_db_step_done (db, cover, error);
}

gboolean
civ_refdata_store_put_holiday_year (
  CivDb *db, int year, GPtrArray *rows, const char *source, guint *n_changed, GError **error)
{
  gboolean own;

  g_return_val_if_fail (CIV_IS_DB (db), FALSE);
  g_return_val_if_fail (year > 0, FALSE);
  g_return_val_if_fail (rows != NULL && rows->len > 0, FALSE);

  if (n_changed)
    *n_changed = 0;
  for (guint i = 0; i < rows->len; i++)
    {
      const CivHolidayRow *row = g_ptr_array_index (rows, i);
      if (row->day == NULL || strlen (row->day) != 10 || row->name == NULL)
        {
          g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                       _ ("Holiday row %u has no YYYY-MM-DD date or no name"), i + 1);
          return FALSE;
        }
    }
  if (!begin_unless_open (db, &own, error))
    return FALSE;
  return finish (db, own, put_holiday_year (db, year, rows, source, n_changed, error), error);
}

CivHolidayRow *
civ_refdata_store_get_holiday (CivDb *db, const char *day, GError **error)
{
  g_autoptr (GPtrArray) rows = NULL;

  g_return_val_if_fail (CIV_IS_DB (db), NULL);
  g_return_val_if_fail (day != NULL, NULL);

  rows =
    query_holidays (db, "SELECT " HOLIDAY_COLUMNS " FROM holidays WHERE day = ?", day, 0, error);
  if (rows == NULL || rows->len == 0)
    return NULL;
  return g_ptr_array_steal_index (rows, 0);
}

GPtrArray *
civ_refdata_store_list_holidays (CivDb *db, GError **error)
{
  g_return_val_if_fail (CIV_IS_DB (db), NULL);

  return query_holidays (db, "SELECT " HOLIDAY_COLUMNS " FROM holidays ORDER BY day", NULL, 0,
                         error);
}

GArray *
civ_refdata_store_covered_years (CivDb *db, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GArray) years = NULL;
  int rc;

  g_return_val_if_fail (CIV_IS_DB (db), NULL);

  stmt = civ_db_prepare (db, "SELECT year FROM holiday_years ORDER BY year", error);
  if (stmt == NULL)
    return NULL;
  years = g_array_new (FALSE, FALSE, sizeof (int));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int year = sqlite3_column_int (stmt, 0);
      g_array_append_val (years, year);
    }
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the holiday calendar"));
      return NULL;
    }
  return g_steal_pointer (&years);
}

gboolean
civ_refdata_store_record_import (CivDb      *db,
                                 const char *kind,
                                 const char *source,
                                 const char *sha256,
                                 gint64      rows,
                                 const char *imported_by,
                                 GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *now = NULL;

  g_return_val_if_fail (CIV_IS_DB (db), FALSE);
  g_return_val_if_fail (kind != NULL && source != NULL && sha256 != NULL, FALSE);
  g_return_val_if_fail (imported_by != NULL, FALSE);

  stmt = civ_db_prepare (db,
                         "INSERT INTO refdata_imports"
                         " (kind, source, sha256, rows, imported_at, imported_by)"
                         " VALUES (?, ?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return FALSE;
  now = now_iso ();
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, source, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, rows);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, imported_by, -1, SQLITE_STATIC);
  return civ_db_step_done (db, stmt, error);
}
