// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-funeral-stats-store.c — counts of funeral steps in a period for the
 * funeral statistics (R-F12, R-X4) */
#include "civ-funeral-stats-store.h"

#include <glib/gi18n-lib.h>
#include <string.h>

gboolean
civ_funeral_stats_count (CivDb                 *db,
                         const char            *office_prefix,
                         const char            *from,
                         const char            *to,
                         CivFuneralStatsCounts *out,
                         GError               **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT count (DISTINCT CASE WHEN e.state = 'CREMATED' THEN e.case_id END), "
                    "count (DISTINCT CASE WHEN e.state = 'ECO_BURIAL' THEN e.case_id END), "
                    "count (DISTINCT CASE WHEN e.state = 'BURIAL_EXEMPT' THEN e.case_id END) "
                    "FROM funeral_events e JOIN funeral_cases c ON c.id = e.case_id "
                    "WHERE e.state IN ('CREMATED', 'ECO_BURIAL', 'BURIAL_EXEMPT') "
                    "AND substr (e.at, 1, 10) BETWEEN ?1 AND ?2 "
                    "AND substr (c.office_code, 1, length (?3)) = ?3",
                    error);

  memset (out, 0, sizeof *out);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, office_prefix, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      civ_db_set_error (db, error, _ ("Could not count the funeral cases"));
      return FALSE;
    }
  out->cremated = sqlite3_column_int64 (stmt, 0);
  out->green_burials = sqlite3_column_int64 (stmt, 1);
  out->burial_exempt = sqlite3_column_int64 (stmt, 2);
  return TRUE;
}
