// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-integrity.c — is the database file whole? */
#include "civ-integrity.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define MAX_PROBLEMS 100

typedef struct
{
  char    *type; /* "table" or "index" */
  char    *name;
  char    *table;
  gint64   rootpage;
  gboolean is_virtual;
  gboolean partial; /* an index with a WHERE clause */
} SchemaObject;

static void
schema_object_free (SchemaObject *o)
{
  g_free (o->type);
  g_free (o->name);
  g_free (o->table);
  g_free (o);
}

void
civ_integrity_report_free (CivIntegrityReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->problems);
  g_ptr_array_unref (report->tables);
  g_free (report);
}

static void
add_table (CivIntegrityReport *report, const char *table)
{
  for (guint i = 0; i < report->tables->len; i++)
    if (g_strcmp0 (report->tables->pdata[i], table) == 0)
      return;
  g_ptr_array_add (report->tables, g_strdup (table));
}

static void
add_problem (CivIntegrityReport *report, const char *text)
{
  report->ok = FALSE;
  if (report->problems->len < MAX_PROBLEMS)
    g_ptr_array_add (report->problems, g_strdup (text));
}

/* The tables and indexes, or NULL when sqlite_master itself does not read. */
static GPtrArray *
load_schema (CivDb *db)
{
  g_autoptr (GPtrArray) objects =
    g_ptr_array_new_with_free_func ((GDestroyNotify) schema_object_free);
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT type, name, tbl_name, rootpage, coalesce(sql, '') FROM sqlite_master "
                    "WHERE type IN ('table', 'index')",
                    NULL);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SchemaObject *o = g_new0 (SchemaObject, 1);
      const char   *sql = (const char *) sqlite3_column_text (stmt, 4);

      o->type = civ_db_column_dup (stmt, 0);
      o->name = civ_db_column_dup (stmt, 1);
      o->table = civ_db_column_dup (stmt, 2);
      o->rootpage = sqlite3_column_int64 (stmt, 3);
      o->is_virtual = g_str_has_prefix (sql, "CREATE VIRTUAL");
      o->partial = g_strcmp0 (o->type, "index") == 0 && strstr (sql, " WHERE ") != NULL;
      g_ptr_array_add (objects, o);
    }
  if (rc != SQLITE_DONE)
    return NULL;
  return g_steal_pointer (&objects);
}

static const SchemaObject *
find_object (GPtrArray *schema, const char *name, gint64 rootpage)
{
  for (guint i = 0; schema && i < schema->len; i++)
    {
      const SchemaObject *o = schema->pdata[i];

      if ((name && g_strcmp0 (o->name, name) == 0) || (rootpage > 0 && o->rootpage == rootpage))
        return o;
    }
  return NULL;
}

/* Names the tables a line of integrity_check speaks of: "index NAME",
 * "table NAME", "tree page N" / "Page N" where N is a root page. */
static void
map_line (CivIntegrityReport *report, GPtrArray *schema, const char *line)
{
  static GRegex *names = NULL;
  static GRegex *pages = NULL;
  g_autoptr (GMatchInfo) match = NULL;

  if (g_once_init_enter (&names))
    g_once_init_leave (&names, g_regex_new ("\\b(?:index|table) ([A-Za-z0-9_]+)", 0, 0, NULL));
  if (g_once_init_enter (&pages))
    g_once_init_leave (&pages, g_regex_new ("\\b[Pp]age ([0-9]+)", 0, 0, NULL));

  g_regex_match (names, line, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char    *name = g_match_info_fetch (match, 1);
      const SchemaObject *o = find_object (schema, name, 0);

      if (o)
        add_table (report, o->table);
      g_match_info_next (match, NULL);
    }
  g_clear_pointer (&match, g_match_info_free);
  /* After a page fails SQLCipher's check, the check cannot read the pages
   * of the trees that follow either ("unable to get the page"): those are
   * not damaged, and the probes below say which are. A page "never used"
   * belonged to a tree that could not be walked. */
  if (strstr (line, "unable to get the page") || strstr (line, "is never used"))
    return;
  g_regex_match (pages, line, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char    *n = g_match_info_fetch (match, 1);
      const SchemaObject *o = find_object (schema, NULL, g_ascii_strtoll (n, NULL, 10));

      if (o)
        add_table (report, o->table);
      g_match_info_next (match, NULL);
    }
}

/* Reads every row of @o, every column (overflow pages too): FALSE when a
 * page of it does not read. */
static gboolean
probe (CivDb *db, const SchemaObject *o)
{
  g_autofree char *sql = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  sqlite3 *handle = civ_db_get_handle (db);
  int      rc;

  if (o->is_virtual || o->partial || g_str_has_prefix (o->name, "sqlite_autoindex_"))
    return TRUE;
  if (g_strcmp0 (o->type, "table") == 0)
    sql = g_strdup_printf ("SELECT * FROM \"%s\"", o->name);
  else
    sql = g_strdup_printf ("SELECT count(*) FROM \"%s\" INDEXED BY \"%s\"", o->table, o->name);
  stmt = civ_db_prepare (db, sql, NULL);
  if (stmt == NULL)
    {
      int code = sqlite3_extended_errcode (handle) & 0xff;
      return code != SQLITE_CORRUPT && code != SQLITE_NOTADB && code != SQLITE_IOERR;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (int c = 0; c < sqlite3_column_count (stmt); c++)
      (void) sqlite3_column_blob (stmt, c);
  return rc == SQLITE_DONE;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

CivIntegrityReport *
civ_integrity_check (CivDb *db, gboolean full, GError **error)
{
  g_autoptr (CivIntegrityReport) report = g_new0 (CivIntegrityReport, 1);
  g_autoptr (GPtrArray) schema = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  gint64 unused = 0;
  int    rc;

  report->ok = TRUE;
  report->full = full;
  report->problems = g_ptr_array_new_with_free_func (g_free);
  report->tables = g_ptr_array_new_with_free_func (g_free);

  schema = load_schema (db);
  if (schema == NULL)
    {
      int code = sqlite3_extended_errcode (civ_db_get_handle (db)) & 0xff;

      if (code != SQLITE_CORRUPT && code != SQLITE_NOTADB && code != SQLITE_ERROR)
        {
          civ_db_set_error (db, error, _ ("Could not check the database"));
          return NULL;
        }
      add_problem (report, sqlite3_errmsg (civ_db_get_handle (db)));
      add_table (report, "sqlite_master");
      return g_steal_pointer (&report);
    }

  stmt = civ_db_prepare (db, full ? "PRAGMA integrity_check" : "PRAGMA quick_check", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);

      g_auto (GStrv) lines = NULL;

      if (g_strcmp0 (text, "ok") == 0)
        continue;
      lines = g_strsplit (text ? text : "", "\n", -1);
      for (guint i = 0; lines[i]; i++)
        {
          if (lines[i][0] == '\0' || g_str_has_prefix (lines[i], "*** in database"))
            continue;
          /* One line for all the pages of a tree that could not be walked. */
          if (strstr (lines[i], "is never used"))
            {
              unused++;
              report->ok = FALSE;
              continue;
            }
          add_problem (report, lines[i]);
          map_line (report, schema, lines[i]);
        }
    }
  if (unused > 0)
    {
      g_autofree char *line = g_strdup_printf ("%" G_GINT64_FORMAT " pages are never used", unused);
      add_problem (report, line);
    }
  if (rc != SQLITE_DONE)
    {
      int code = sqlite3_extended_errcode (civ_db_get_handle (db)) & 0xff;

      if (code == SQLITE_BUSY || code == SQLITE_LOCKED || code == SQLITE_NOMEM)
        {
          civ_db_set_error (db, error, _ ("Could not check the database"));
          return NULL;
        }
      /* A page that fails SQLCipher's HMAC check stops the check itself. */
      add_problem (report, sqlite3_errmsg (civ_db_get_handle (db)));
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!report->ok)
    for (guint i = 0; i < schema->len; i++)
      {
        const SchemaObject *o = schema->pdata[i];

        if (!probe (db, o))
          add_table (report, o->table);
      }
  g_ptr_array_sort (report->tables, compare_strings);
  return g_steal_pointer (&report);
}

char *
civ_integrity_report_tables_text (const CivIntegrityReport *report)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < report->tables->len; i++)
    {
      if (i > 0)
        g_string_append (s, ", ");
      g_string_append (s, report->tables->pdata[i]);
    }
  return g_string_free (s, FALSE);
}
