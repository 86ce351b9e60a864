// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-person-links.c — kinship links of the person index */
#include "civ-person-links.h"

#include <glib/gi18n-lib.h>

/* A link holds on ?day when it is not voided, began on or before the day
 * and was not ended before it. */
#define HOLDS(t)                                                                                   \
  "(" t ".voided_on IS NULL AND " t ".valid_from <= ?3 AND (" t ".valid_to IS NULL OR " t          \
  ".valid_to >= ?3))"

gboolean
civ_person_link_add (CivDb      *db,
                     const char *kind,
                     gint64      from_person,
                     gint64      to_person,
                     const char *source_id,
                     const char *valid_from,
                     GError    **error)
{
  g_autofree char *now = civ_db_now_iso ();
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "INSERT INTO person_links (kind, from_person, to_person, source, source_id, "
                    "valid_from, created_at) VALUES (?, ?, ?, 'adoption', ?, ?, ?)",
                    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, from_person);
  sqlite3_bind_int64 (stmt, 3, to_person);
  sqlite3_bind_text (stmt, 4, source_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, valid_from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
  return civ_db_step_done (db, stmt, error);
}

static gboolean
update_links (CivDb *db, const char *sql, const char *source_id, const char *day, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = civ_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, source_id, -1, SQLITE_TRANSIENT);
  return civ_db_step_done (db, stmt, error);
}

gboolean
civ_person_links_end (CivDb *db, const char *source_id, const char *last_day, GError **error)
{
  return update_links (db,
                       "UPDATE person_links SET valid_to = ?1 WHERE source = 'adoption' AND "
                       "source_id = ?2 AND valid_to IS NULL AND voided_on IS NULL",
                       source_id, last_day, error);
}

gboolean
civ_person_links_void (CivDb *db, const char *source_id, const char *on_date, GError **error)
{
  return update_links (db,
                       "UPDATE person_links SET voided_on = ?1 WHERE source = 'adoption' AND "
                       "source_id = ?2 AND voided_on IS NULL",
                       source_id, on_date, error);
}

GArray *
civ_person_children_on (CivDb *db, gint64 parent, const char *day, GError **error)
{
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT DISTINCT l.to_person FROM person_links l WHERE l.kind = "
                    "'parent-child' AND l.from_person = ?1 AND " HOLDS (
                      "l") " ORDER BY l.to_person",
                    error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, parent);
  sqlite3_bind_text (stmt, 3, day, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (out, id);
    }
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the kinship links"));
      return NULL;
    }
  return g_steal_pointer (&out);
}

static gboolean
exists (
  CivDb *db, const char *sql, gint64 a, gint64 b, const char *day, gboolean *out, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = civ_db_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int64 (stmt, 2, b);
  sqlite3_bind_text (stmt, 3, day, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the kinship links"));
      return FALSE;
    }
  *out = rc == SQLITE_ROW;
  return TRUE;
}

gboolean
civ_person_kinship_on (
  CivDb *db, gint64 a, gint64 b, const char *day, CivPersonKin *out, GError **error)
{
  /* Lineal: a parent-child link either way, or two of them through a third
   * person in one direction (grandparent and grandchild). */
  static const char *const lineal =
    "SELECT 1 FROM person_links l WHERE l.kind = 'parent-child' AND " HOLDS (
      "l") " AND ((l.from_person = ?1 AND l.to_person = ?2) OR (l.from_person = ?2 AND l.to_person "
           "= "
           "?1)) UNION ALL SELECT 1 FROM person_links l JOIN person_links m ON m.from_person = "
           "l.to_person WHERE l.kind = 'parent-child' AND m.kind = 'parent-child' AND " HOLDS (
             "l") " AND " HOLDS ("m") " AND ((l.from_person = ?1 AND m.to_person = ?2) OR "
                                      "(l.from_person = ?2 AND m.to_person = "
                                      "?1)) LIMIT 1";
  /* Collateral: a siblings link either way, or one parent of both. */
  static const char *const collateral =
    "SELECT 1 FROM person_links l WHERE l.kind = 'siblings' AND " HOLDS (
      "l") " AND ((l.from_person = ?1 AND l.to_person = ?2) OR (l.from_person = ?2 AND l.to_person "
           "= "
           "?1)) UNION ALL SELECT 1 FROM person_links l JOIN person_links m ON m.from_person = "
           "l.from_person WHERE l.kind = 'parent-child' AND m.kind = 'parent-child' AND " HOLDS (
             "l") " AND " HOLDS ("m") " AND l.to_person = ?1 AND m.to_person = ?2 LIMIT 1";
  gboolean found = FALSE;

  *out = CIV_PERSON_KIN_NONE;
  if (a <= 0 || b <= 0 || a == b)
    return TRUE;
  if (!exists (db, lineal, a, b, day, &found, error))
    return FALSE;
  if (found)
    {
      *out = CIV_PERSON_KIN_LINEAL;
      return TRUE;
    }
  if (!exists (db, collateral, a, b, day, &found, error))
    return FALSE;
  if (found)
    *out = CIV_PERSON_KIN_COLLATERAL;
  return TRUE;
}

void
civ_person_link_row_free (CivPersonLinkRow *row)
{
  if (row == NULL)
    return;
  g_free (row->kind);
  g_free (row->source_id);
  g_free (row->valid_from);
  g_free (row->valid_to);
  g_free (row->voided_on);
  g_free (row);
}

GPtrArray *
civ_person_link_history (CivDb *db, gint64 person_id, GError **error)
{
  g_autoptr (GPtrArray) out =
    g_ptr_array_new_with_free_func ((GDestroyNotify) civ_person_link_row_free);
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT kind, from_person, to_person, source_id, valid_from, valid_to, "
                    "voided_on FROM person_links WHERE from_person = ?1 OR to_person = ?1 "
                    "ORDER BY id",
                    error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, person_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CivPersonLinkRow *r = g_new0 (CivPersonLinkRow, 1);

      r->kind = civ_db_column_dup (stmt, 0);
      r->from_person = sqlite3_column_int64 (stmt, 1);
      r->to_person = sqlite3_column_int64 (stmt, 2);
      r->source_id = civ_db_column_dup (stmt, 3);
      r->valid_from = civ_db_column_dup (stmt, 4);
      r->valid_to = civ_db_column_dup (stmt, 5);
      r->voided_on = civ_db_column_dup (stmt, 6);
      g_ptr_array_add (out, r);
    }
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the kinship links"));
      return NULL;
    }
  return g_steal_pointer (&out);
}
