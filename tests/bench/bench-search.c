// SPDX-License-Identifier: GPL-3.0-or-later
/* bench-search.c — search at scale (architecture.md §9): not a test, prints figures
 *
 *   bench-search [--marriages N] [--queries N] [--dir DIR]
 *
 * Builds an encrypted office of N registrations (default 1,000,000) with the
 * demo-data generator in a temporary folder (or in DIR, kept and reused when
 * it already holds an office), then prints p50/p95 latency of every search
 * kind over random queries taken from the data (first page of 50 rows, and
 * the full ordered id list a list model loads), the time from creating the
 * list model over all records to its first row being filled, and VmRSS.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civ-demo-data.h"
#include "civ-keyslots.h"
#include "civ-record-list-model.h"
#include "civ-search.h"

#define PASSWORD "Bench-password"

static long
vm_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char      *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line ? strtol (line + 6, NULL, 10) : -1;
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
percentile (GArray *ms, double p)
{
  guint i;

  g_array_sort (ms, compare_double);
  i = (guint) (p * (ms->len - 1) + 0.5);
  return g_array_index (ms, double, i);
}

static void
on_progress (guint done, guint total, gpointer user_data)
{
  gint64 *started = user_data;

  fprintf (stderr, "  demo-data: %u / %u (%.0f s)\n", done, total,
           (double) (g_get_monotonic_time () - *started) / G_USEC_PER_SEC);
}

/* Random sample texts of each kind, taken from current records. */
typedef struct
{
  const char   *label;
  CivSearchKind kind;
  const char   *sql; /* one text from the row with marriage id ?1 (position ?2) */
} Kind;

static const Kind kinds[] = {
  { "id (18 digits)", CIV_SEARCH_KIND_ID_NUMBER,
    "SELECT id_key FROM marriage_parties WHERE marriage_id = ?1 AND position = ?2 AND id_key IS "
    "NOT NULL" },
  { "id (15 digits)", CIV_SEARCH_KIND_ID_NUMBER,
    "SELECT doc_number FROM marriage_parties WHERE marriage_id = ?1 AND position = ?2 AND "
    "length(doc_number) = 15" },
  { "certificate exact", CIV_SEARCH_KIND_CERTIFICATE,
    "SELECT certificate_no FROM marriages WHERE id = ?1" },
  { "certificate prefix", CIV_SEARCH_KIND_CERTIFICATE,
    "SELECT substr(certificate_no, 1, 16) FROM marriages WHERE id = ?1" },
  { "name exact", CIV_SEARCH_KIND_NAME,
    "SELECT name FROM marriage_parties WHERE marriage_id = ?1 AND position = ?2" },
  { "name prefix (2 chars)", CIV_SEARCH_KIND_NAME,
    "SELECT substr(name, 1, 2) || '*' FROM marriage_parties WHERE marriage_id = ?1 AND position "
    "= ?2" },
  { "full pinyin", CIV_SEARCH_KIND_FULL_PINYIN,
    "SELECT name_pinyin FROM marriage_parties WHERE marriage_id = ?1 AND position = ?2" },
  { "pinyin initials", CIV_SEARCH_KIND_INITIALS,
    "SELECT name_initials FROM marriage_parties WHERE marriage_id = ?1 AND position = ?2" },
  { "pinyin (auto: either key)", CIV_SEARCH_KIND_PINYIN,
    "SELECT name_pinyin FROM marriage_parties WHERE marriage_id = ?1 AND position = ?2" },
  { "date (one month)", CIV_SEARCH_KIND_DATE,
    "SELECT substr(registration_date, 1, 7) FROM marriages WHERE id = ?1" },
};

static GPtrArray *
sample_texts (CivDb *db, const Kind *kind, guint n, GRand *rand, gint64 max_id)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (sqlite3_stmt) stmt = civ_db_prepare (db, kind->sql, NULL);
  guint tries = 0;

  g_assert (stmt != NULL);
  while (texts->len < n && tries++ < n * 200)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, g_rand_int_range (rand, 1, (gint32) max_id + 1));
      sqlite3_bind_int (stmt, 2, g_rand_int_range (rand, 0, 2));
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
        g_ptr_array_add (texts, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
    }
  return texts;
}

static gboolean
item_loaded (gpointer item)
{
  return civ_record_item_get_loaded (item);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (20260101);
  g_autofree char   *dir = NULL;
  gint64             marriages = 1000000;
  gint64             queries = 300;
  gint64             max_id = 0, total = 0;
  gboolean           keep = FALSE;
  gboolean           explain = FALSE;
  CivDb             *db;
  long               rss_open, rss_model;
  const GOptionEntry entries[] = {
    { "marriages", 0, 0, G_OPTION_ARG_INT64, &marriages, "Registrations (default 1000000)", "N" },
    { "queries", 0, 0, G_OPTION_ARG_INT64, &queries, "Queries per kind (default 300)", "N" },
    { "explain", 0, 0, G_OPTION_ARG_NONE, &explain, "Print each kind's query plans", NULL },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Keep (or reuse) the office in DIR", "DIR" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new (NULL);

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 2;
    }

  if (dir != NULL && civ_store_exists (dir))
    {
      keep = TRUE;
      store = civ_store_open (dir, "admin", PASSWORD, &error);
      if (store == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      printf ("office: %s (reused)\n", dir);
    }
  else
    {
      CivKdfParams   params;
      gint64         started = g_get_monotonic_time ();
      CivDemoSummary summary;

      keep = dir != NULL;
      if (dir == NULL)
        dir = g_dir_make_tmp ("civreg-bench-XXXXXX", &error);
      /* Cheap Argon2 parameters: the key derivation is not what is measured. */
      params.t_cost = 1;
      params.m_cost = 256;
      params.lanes = 1;
      store = civ_store_create (dir, "110101", "北京市东城区婚姻登记处", "admin", "王主任",
                                PASSWORD, &params, NULL, &error);
      if (store == NULL || !civ_demo_data_generate (store, (guint) marriages, 1, on_progress,
                                                    &started, &summary, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      printf ("office: %s (encrypted), demo-data --marriages %" G_GINT64_FORMAT
              " took %.1f s (%u divorces, %u persons)\n",
              dir, marriages, (double) (g_get_monotonic_time () - started) / G_USEC_PER_SEC,
              summary.divorces, summary.persons);
    }
  db = civ_store_get_db (store);
  civ_db_query_int64 (db, "SELECT max(id) FROM marriages", &max_id, NULL);
  civ_db_query_int64 (db, "SELECT count(*) FROM marriages WHERE superseded_by IS NULL", &total,
                      NULL);
  printf ("current records: %" G_GINT64_FORMAT "\n\n", total);

  /* Time to first rows: model created → row 0 filled, over every record. */
  {
    g_autoptr (CivSearchQuery) all = civ_search_query_new ("", CIV_SEARCH_KIND_AUTO, NULL);
    g_autoptr (CivRecordListModel) model = NULL;
    g_autoptr (CivRecordItem) first = NULL;
    g_autoptr (CivWorker) worker = civ_worker_new ();
    gint64 t0, t_ids, t_first;

    rss_open = vm_rss_kb ();
    t0 = g_get_monotonic_time ();
    model = civ_record_list_model_new (db, worker);
    civ_record_list_model_set_query (model, all);
    /* Staged loading (civ-record-list-model.h): the first page is shown
     * before the id list is in. */
    while (g_list_model_get_n_items (G_LIST_MODEL (model)) == 0 &&
           civ_record_list_model_get_loading (model))
      g_main_context_iteration (NULL, TRUE);
    first = g_list_model_get_item (G_LIST_MODEL (model), 0);
    while (first != NULL && !item_loaded (first))
      g_main_context_iteration (NULL, TRUE);
    t_first = g_get_monotonic_time ();
    while (civ_record_list_model_get_loading (model))
      g_main_context_iteration (NULL, TRUE);
    t_ids = g_get_monotonic_time ();
    rss_model = vm_rss_kb ();
    printf ("full list (%u rows): id list %.1f ms, first rows on screen %.1f ms "
            "(target <= 100 ms)\n",
            g_list_model_get_n_items (G_LIST_MODEL (model)), (t_ids - t0) / 1000.0,
            (t_first - t0) / 1000.0);
    if (explain)
      {
        g_autofree char *plan = civ_search_explain (db, all, FALSE, NULL);
        printf ("%s", plan);
      }
    printf ("VmRSS: %ld KiB before the model, %ld KiB with it (growth %.1f MiB, target <= 50)\n\n",
            rss_open, rss_model, (rss_model - rss_open) / 1024.0);
  }

  printf ("%-28s %8s %8s %8s | %10s %10s %9s\n", "search kind (first page, 50)", "p50 ms", "p95 ms",
          "max ms", "ids p50 ms", "ids p95 ms", "avg rows");
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr (GPtrArray) texts = sample_texts (db, &kinds[k], (guint) queries, rand, max_id);
      g_autoptr (GArray) page_ms = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr (GArray) ids_ms = g_array_new (FALSE, FALSE, sizeof (double));
      double rows = 0;

      for (guint i = 0; i < texts->len; i++)
        {
          const char *text = g_ptr_array_index (texts, i);
          gint64      t0 = g_get_monotonic_time ();
          g_autoptr (CivSearchQuery) q = civ_search_query_new (text, kinds[k].kind, &error);
          g_autoptr (GPtrArray) page = NULL;
          g_autoptr (GArray) ids = NULL;
          double ms;

          if (q == NULL)
            {
              fprintf (stderr, "%s: %s\n", text, error->message);
              return 1;
            }
          page = civ_search_page (db, q, NULL, 50, NULL, &error);
          if (page == NULL)
            {
              fprintf (stderr, "%s: %s\n", text, error->message);
              return 1;
            }
          ms = (g_get_monotonic_time () - t0) / 1000.0;
          g_array_append_val (page_ms, ms);
          t0 = g_get_monotonic_time ();
          ids = civ_search_ids (db, q, &error);
          ms = (g_get_monotonic_time () - t0) / 1000.0;
          g_array_append_val (ids_ms, ms);
          rows += ids->len;
        }
      if (explain && texts->len > 0)
        {
          g_autoptr (CivSearchQuery) q =
            civ_search_query_new (g_ptr_array_index (texts, 0), kinds[k].kind, NULL);
          g_autofree char *ids_plan = civ_search_explain (db, q, FALSE, NULL);
          g_autofree char *page_plan = civ_search_explain (db, q, TRUE, NULL);

          printf ("ids:  %spage: %s", ids_plan, page_plan);
        }
      if (texts->len == 0)
        {
          printf ("%-28s (no sample in the data)\n", kinds[k].label);
          continue;
        }
      printf ("%-28s %8.2f %8.2f %8.2f | %10.2f %10.2f %9.0f   (%u queries)\n", kinds[k].label,
              percentile (page_ms, 0.5), percentile (page_ms, 0.95), percentile (page_ms, 1.0),
              percentile (ids_ms, 0.5), percentile (ids_ms, 0.95), rows / texts->len, texts->len);
    }
  printf ("\nVmRSS at the end: %ld KiB\n", vm_rss_kb ());

  g_clear_object (&store);
  if (!keep)
    {
      g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
      if (system (cmd) != 0)
        fprintf (stderr, "could not remove %s\n", dir);
    }
  return 0;
}
