// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-grants.c — permissions given to one operator beyond their role */
#include "civ-grants.h"

#include <glib/gi18n-lib.h>

gboolean
civ_grant_holds (
  CivDb *db, const char *login, const char *permission, gboolean *out, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT 1 FROM operator_grants WHERE login = ? AND permission = ? AND "
                    "revoked_at IS NULL",
                    error);
  int rc;

  *out = FALSE;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, login, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, permission, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the permissions of the user"));
      return FALSE;
    }
  *out = rc == SQLITE_ROW;
  return TRUE;
}

gboolean
civ_grant_add (
  CivDb *db, const char *login, const char *permission, const char *granted_by, GError **error)
{
  g_autofree char *now = civ_db_now_iso ();
  g_autoptr (sqlite3_stmt) stmt = NULL;
  gboolean held = FALSE;

  if (!civ_grant_holds (db, login, permission, &held, error))
    return FALSE;
  if (held)
    {
      g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_EXISTS,
                           _ ("The user already holds this permission"));
      return FALSE;
    }
  stmt = civ_db_prepare (db,
                         "INSERT INTO operator_grants (login, permission, granted_by, granted_at) "
                         "VALUES (?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, login, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, permission, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, granted_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  return civ_db_step_done (db, stmt, error);
}

gboolean
civ_grant_revoke (
  CivDb *db, const char *login, const char *permission, const char *revoked_by, GError **error)
{
  g_autofree char *now = civ_db_now_iso ();
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "UPDATE operator_grants SET revoked_by = ?, revoked_at = ? WHERE login = ? "
                    "AND permission = ? AND revoked_at IS NULL",
                    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, revoked_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, login, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, permission, -1, SQLITE_TRANSIENT);
  if (!civ_db_step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (civ_db_get_handle (db)) == 0)
    {
      g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_NOT_FOUND,
                           _ ("The user does not hold this permission"));
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
civ_grant_list (CivDb *db, const char *permission, GError **error)
{
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT login FROM operator_grants WHERE permission = ? AND revoked_at IS "
                    "NULL ORDER BY login",
                    error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, permission, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, civ_db_column_dup (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the permissions of the user"));
      return NULL;
    }
  return g_steal_pointer (&out);
}
