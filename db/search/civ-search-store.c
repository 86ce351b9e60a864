// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-search-store.c — the statements behind the record search */
#include "civ-search-store.h"

#include <glib/gi18n-lib.h>
#include <string.h>

void
civ_search_row_free (CivSearchRow *row)
{
  if (row == NULL)
    return;
  g_free (row->record_id);
  g_free (row->registration_date);
  g_free (row->certificate_no);
  g_free (row->state);
  for (int i = 0; i < 2; i++)
    {
      g_free (row->name[i]);
      g_free (row->doc_number[i]);
      g_free (row->id_key[i]);
      g_free (row->pinyin[i]);
      g_free (row->initials[i]);
    }
  g_free (row);
}

/* A condition on one party column: "= ?1" or a prefix range "?1 ≤ c < ?2". */
static void
append_key_match (GString *sql, const CivSearchFilter *q, const char *column)
{
  if (!q->prefix)
    g_string_append_printf (sql, "%s = ?1", column);
  else if (q->upper != NULL)
    g_string_append_printf (sql, "%s >= ?1 AND %s < ?2", column, column);
  else
    g_string_append_printf (sql, "%s >= ?1", column);
}

static void
append_party_match (GString *sql, const CivSearchFilter *q, const char *column)
{
  g_string_append (sql, "SELECT marriage_id FROM marriage_parties WHERE ");
  append_key_match (sql, q, column);
}

/* The WHERE clause (after "m.superseded_by IS NULL") for @q. Parameters:
 * ?1 key, ?2 its prefix bound, ?3/?4 the date range, ?5/?6 the cursor. */
static void
append_filter (GString *sql, const CivSearchFilter *q)
{
  switch (q->match)
    {
    case CIV_SEARCH_MATCH_ID_KEY:
      g_string_append (sql, " AND m.id IN (");
      append_party_match (sql, q, "id_key");
      g_string_append (sql, ")");
      break;
    case CIV_SEARCH_MATCH_NAME:
      g_string_append (sql, " AND m.id IN (");
      append_party_match (sql, q, "name");
      g_string_append (sql, ")");
      break;
    case CIV_SEARCH_MATCH_FULL_PINYIN:
      g_string_append (sql, " AND m.id IN (");
      append_party_match (sql, q, "name_pinyin");
      g_string_append (sql, ")");
      break;
    case CIV_SEARCH_MATCH_INITIALS:
      g_string_append (sql, " AND m.id IN (");
      append_party_match (sql, q, "name_initials");
      g_string_append (sql, ")");
      break;
    case CIV_SEARCH_MATCH_PINYIN:
      g_string_append (sql, " AND m.id IN (");
      append_party_match (sql, q, "name_pinyin");
      g_string_append (sql, " UNION ");
      append_party_match (sql, q, "name_initials");
      g_string_append (sql, ")");
      break;
    case CIV_SEARCH_MATCH_CERTIFICATE:
      /* J numbers are on the marriage record itself (every version); L
       * numbers on the divorce, which names the marriage it dissolved;
       * reissued BJ/BL numbers only in certificates, for the marriage or
       * the divorce record. */
      if (q->key[0] == 'J')
        {
          g_string_append (sql, " AND ");
          append_key_match (sql, q, "m.certificate_no");
        }
      else if (q->key[0] == 'L')
        {
          g_string_append (sql, " AND m.record_id IN (SELECT marriage_record_id FROM divorces "
                                "WHERE ");
          append_key_match (sql, q, "certificate_no");
          g_string_append (sql, ")");
        }
      else
        {
          g_string_append (sql, " AND m.record_id IN (SELECT c.record_id FROM certificates c "
                                "WHERE ");
          append_key_match (sql, q, "c.number");
          g_string_append (sql, " UNION SELECT d.marriage_record_id FROM certificates c JOIN "
                                "divorces d ON d.record_id = c.record_id WHERE ");
          append_key_match (sql, q, "c.number");
          g_string_append (sql, ")");
        }
      break;
    case CIV_SEARCH_MATCH_NONE:
    default:
      break;
    }
  if (q->from)
    g_string_append (sql, " AND m.registration_date >= ?3");
  if (q->to)
    g_string_append (sql, " AND m.registration_date <= ?4");
}

static void
bind_filter (sqlite3_stmt *stmt, const CivSearchFilter *q)
{
  if (q->key)
    sqlite3_bind_text (stmt, 1, q->key, -1, SQLITE_TRANSIENT);
  if (q->upper)
    sqlite3_bind_text (stmt, 2, q->upper, -1, SQLITE_TRANSIENT);
  if (q->from)
    sqlite3_bind_text (stmt, 3, q->from, -1, SQLITE_TRANSIENT);
  if (q->to)
    sqlite3_bind_text (stmt, 4, q->to, -1, SQLITE_TRANSIENT);
  for (int i = 0; i < 2; i++)
    if (q->search_key[i])
      sqlite3_bind_text (stmt, 8 + i, q->search_key[i], -1, SQLITE_TRANSIENT);
}

/* One key of search_keys (?8 or ?9) in result order, with the date range,
 * the cursor (?5/?6) and the limit (?7) when asked for. */
static void
append_key_scan (
  GString *sql, const CivSearchFilter *q, int param, gboolean continues, gboolean limit)
{
  g_string_append_printf (sql,
                          "SELECT registration_date, marriage_id FROM search_keys WHERE key = ?%d",
                          param);
  if (q->from)
    g_string_append (sql, " AND registration_date >= ?3");
  if (q->to)
    g_string_append (sql, " AND registration_date <= ?4");
  if (continues)
    g_string_append (sql, " AND (registration_date, marriage_id) < (?5, ?6)");
  if (limit)
    g_string_append (sql, " ORDER BY registration_date DESC, marriage_id DESC LIMIT ?7");
}

/* The id list (@page FALSE) or a page of a query that reads search_keys: a
 * backwards scan of one key, or the union of two (pinyin: either key). */
static char *
search_keys_sql (const CivSearchFilter *q, gboolean page, gboolean continues)
{
  GString *sql = g_string_new (NULL);

  if (q->search_key[1] == NULL)
    {
      append_key_scan (sql, q, 8, continues, FALSE);
      g_string_prepend (sql, "SELECT marriage_id FROM (");
      g_string_append (sql, ") ORDER BY registration_date DESC, marriage_id DESC");
    }
  else
    {
      g_string_append (sql, "SELECT marriage_id FROM (SELECT * FROM (");
      append_key_scan (sql, q, 8, continues, page);
      g_string_append (sql, ") UNION SELECT * FROM (");
      append_key_scan (sql, q, 9, continues, page);
      g_string_append (sql, ")) ORDER BY registration_date DESC, marriage_id DESC");
    }
  if (page)
    g_string_append (sql, " LIMIT ?7");
  return g_string_free (sql, FALSE);
}

static char *
ids_sql (const CivSearchFilter *filter)
{
  GString *sql;

  if (filter->search_key[0] != NULL)
    return search_keys_sql (filter, FALSE, FALSE);
  sql = g_string_new ("SELECT m.id FROM marriages m WHERE m.superseded_by IS NULL");

  append_filter (sql, filter);
  g_string_append (sql, " ORDER BY m.registration_date DESC, m.id DESC");
  return g_string_free (sql, FALSE);
}

/* Ids only, sorted and limited; the rows are read afterwards for the page
 * alone (result columns would otherwise be computed for every match before
 * the sort). */
static char *
page_sql (const CivSearchFilter *filter, gboolean continues)
{
  GString *sql;

  if (filter->search_key[0] != NULL)
    return search_keys_sql (filter, TRUE, continues);
  sql = g_string_new ("SELECT m.id FROM marriages m WHERE m.superseded_by IS NULL");

  append_filter (sql, filter);
  if (continues)
    g_string_append (sql, " AND (m.registration_date, m.id) < (?5, ?6)");
  g_string_append (sql, " ORDER BY m.registration_date DESC, m.id DESC LIMIT ?7");
  return g_string_free (sql, FALSE);
}

/* Steps @stmt to its end, collecting the ids in its first column. */
static GArray *
read_ids (CivDb *db, sqlite3_stmt *stmt, GError **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not search the marriage records"));
      return NULL;
    }
  return g_steal_pointer (&ids);
}

GArray *
civ_search_store_ids (CivDb *db, const CivSearchFilter *filter, GError **error)
{
  g_autofree char *sql = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CIV_IS_DB (db) && filter != NULL, NULL);

  sql = ids_sql (filter);
  stmt = civ_db_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;
  bind_filter (stmt, filter);
  return read_ids (db, stmt, error);
}

GArray *
civ_search_store_page_ids (CivDb                 *db,
                           const CivSearchFilter *filter,
                           const CivSearchCursor *after,
                           guint                  limit,
                           GError               **error)
{
  g_autofree char *sql = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  gboolean continues = after != NULL && after->valid;

  g_return_val_if_fail (CIV_IS_DB (db) && filter != NULL, NULL);

  sql = page_sql (filter, continues);
  stmt = civ_db_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;
  bind_filter (stmt, filter);
  if (continues)
    {
      sqlite3_bind_text (stmt, 5, after->registration_date, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 6, after->id);
    }
  sqlite3_bind_int (stmt, 7, (int) MIN (limit, (guint) G_MAXINT));
  return read_ids (db, stmt, error);
}

char *
civ_search_store_explain (CivDb *db, const CivSearchFilter *filter, gboolean page, GError **error)
{
  g_autofree char *sql = page ? page_sql (filter, TRUE) : ids_sql (filter);
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  GString *plan = g_string_new (NULL);
  int      rc;

  g_return_val_if_fail (CIV_IS_DB (db) && filter != NULL, NULL);

  stmt = civ_db_prepare (db, explain, error);
  if (stmt == NULL)
    {
      g_string_free (plan, TRUE);
      return NULL;
    }
  g_string_append_printf (plan, "%s\n", sql);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_string_append_printf (plan, "  %d %d %s\n", sqlite3_column_int (stmt, 0),
                            sqlite3_column_int (stmt, 1), sqlite3_column_text (stmt, 3));
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not explain the search"));
      g_string_free (plan, TRUE);
      return NULL;
    }
  return g_string_free (plan, FALSE);
}

#define ROW_COLUMNS                                                                                \
  "m.id, m.record_id, m.registration_date, m.certificate_no, m.state, "                            \
  "p0.name, p1.name, p0.doc_number, p1.doc_number, p0.id_key, p1.id_key, "                         \
  "p0.name_pinyin, p1.name_pinyin, p0.name_initials, p1.name_initials"
#define ROW_PARTIES                                                                                \
  " LEFT JOIN marriage_parties p0 ON p0.marriage_id = m.id AND p0.position = 0"                    \
  " LEFT JOIN marriage_parties p1 ON p1.marriage_id = m.id AND p1.position = 1"

static CivSearchRow *
read_row (sqlite3_stmt *stmt)
{
  CivSearchRow *row = g_new0 (CivSearchRow, 1);

  row->id = sqlite3_column_int64 (stmt, 0);
  row->record_id = civ_db_column_dup (stmt, 1);
  row->registration_date = civ_db_column_dup (stmt, 2);
  row->certificate_no = civ_db_column_dup (stmt, 3);
  row->state = civ_db_column_dup (stmt, 4);
  for (int i = 0; i < 2; i++)
    {
      row->name[i] = civ_db_column_dup (stmt, 5 + i);
      row->doc_number[i] = civ_db_column_dup (stmt, 7 + i);
      row->id_key[i] = civ_db_column_dup (stmt, 9 + i);
      row->pinyin[i] = civ_db_column_dup (stmt, 11 + i);
      row->initials[i] = civ_db_column_dup (stmt, 13 + i);
    }
  return row;
}

GPtrArray *
civ_search_store_rows (CivDb *db, const gint64 *ids, guint n_ids, GError **error)
{
  g_autoptr (GPtrArray) rows =
    g_ptr_array_new_with_free_func ((GDestroyNotify) civ_search_row_free);
  g_autoptr (GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint done = 0;

  g_return_val_if_fail (CIV_IS_DB (db), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  /* At most 256 ids a statement (SQLite allows 999 parameters). */
  while (done < n_ids)
    {
      guint n = MIN (n_ids - done, 256u);
      g_autoptr (GString) sql = g_string_new ("SELECT " ROW_COLUMNS " FROM marriages m " ROW_PARTIES
                                              " WHERE m.superseded_by IS NULL AND m.id IN (");
      g_autoptr (sqlite3_stmt) stmt = NULL;
      int rc;

      for (guint i = 0; i < n; i++)
        g_string_append (sql, i ? ",?" : "?");
      g_string_append (sql, ")");
      stmt = civ_db_prepare (db, sql->str, error);
      if (stmt == NULL)
        return NULL;
      for (guint i = 0; i < n; i++)
        sqlite3_bind_int64 (stmt, (int) i + 1, ids[done + i]);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          CivSearchRow *row = read_row (stmt);

          g_ptr_array_add (rows, row);
          g_hash_table_insert (by_id, &row->id, row);
        }
      if (rc != SQLITE_DONE)
        {
          civ_db_set_error (db, error, _ ("Could not read the marriage records"));
          return NULL;
        }
      done += n;
    }

  /* Back into the order asked for. */
  {
    GPtrArray *ordered = g_ptr_array_new_full (rows->len, (GDestroyNotify) civ_search_row_free);

    for (guint i = 0; i < n_ids; i++)
      {
        CivSearchRow *row = g_hash_table_lookup (by_id, &ids[i]);

        if (row != NULL && g_hash_table_steal (by_id, &ids[i]))
          g_ptr_array_add (ordered, row);
      }
    /* Rows moved to @ordered must not be freed with @rows. */
    g_ptr_array_set_free_func (rows, NULL);
    for (guint i = 0; i < rows->len; i++)
      {
        CivSearchRow *row = g_ptr_array_index (rows, i);
        if (g_hash_table_contains (by_id, &row->id))
          civ_search_row_free (row);
      }
    return ordered;
  }
}
