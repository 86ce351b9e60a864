// SPDX-License-Identifier: GPL-3.0-or-later
/* test-record-list-model.c — the lazy GListModel over a search: the GListModel
 * contract, staged loading (the first page replaces every row in one
 * items-changed, the rest is appended), placeholders filled in place */
#include "civ-demo-data.h"
#include "civ-record-list-model.h"
#include "civ-test-utils.h"

#define N_DEMO 700

typedef struct
{
  char      *dir;
  CivStore  *store;
  CivWorker *worker;
  guint      changes;
  guint      last_position, last_removed, last_added;
  gboolean   row0_loaded_in_signal; /* row 0 as a view sees it during items-changed */
} Fixture;

/* The demo office is generated once per run and copied for each case. */
static char *demo_template;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  if (demo_template == NULL)
    {
      g_autoptr (CivStore) store = civ_test_new_office (&demo_template, NULL);

      g_assert_true (civ_demo_data_generate (store, N_DEMO, 3, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  f->store = civ_test_copy_office (demo_template, &f->dir);
  f->worker = civ_worker_new ();
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  civ_worker_shutdown (f->worker);
  g_clear_object (&f->worker);
  g_clear_object (&f->store);
  civ_test_rmdir (f->dir);
  g_free (f->dir);
}

static void
on_items_changed_cb (GListModel *model, guint position, guint removed, guint added, Fixture *f)
{
  f->changes++;
  f->last_position = position;
  f->last_removed = removed;
  f->last_added = added;
  if (position == 0 && added > 0)
    {
      g_autoptr (CivRecordItem) item = g_list_model_get_item (model, 0);
      f->row0_loaded_in_signal = civ_record_item_get_loaded (item);
    }
}

static void
on_notify_cb (GObject *object, GParamSpec *pspec, guint *count)
{
  (*count)++;
}

static gboolean
on_timeout_cb (gpointer data)
{
  g_assert_not_reached ();
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @done says so (test fails after 30 s). */
static void
wait_until (gboolean (*done) (gpointer), gpointer data)
{
  guint timeout = g_timeout_add_seconds (30, on_timeout_cb, NULL);

  while (!done (data))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

static gboolean
not_loading (gpointer data)
{
  return !civ_record_list_model_get_loading (data);
}

static gboolean
has_items (gpointer data)
{
  return g_list_model_get_n_items (data) > 0;
}

static gboolean
item_loaded (gpointer data)
{
  return civ_record_item_get_loaded (data);
}

static CivSearchQuery *
query (const char *text)
{
  g_autoptr (GError) error = NULL;
  CivSearchQuery *q = civ_search_query_new (text, CIV_SEARCH_KIND_AUTO, &error);

  g_assert_no_error (error);
  return q;
}

static gint64
count_current (Fixture *f)
{
  gint64 n = 0;

  g_assert_true (civ_db_query_int64 (civ_store_get_db (f->store),
                                     "SELECT count(*) FROM marriages WHERE superseded_by IS NULL",
                                     &n, NULL));
  return n;
}

static void
test_contract (Fixture *f, gconstpointer data)
{
  g_autoptr (CivRecordListModel) model =
    civ_record_list_model_new (civ_store_get_db (f->store), f->worker);
  g_autoptr (CivSearchQuery) all = query ("");
  g_autoptr (CivRecordItem) first = NULL;
  g_autoptr (CivRecordItem) again = NULL;
  g_autoptr (CivRecordItem) last = NULL;
  g_autoptr (GObject) beyond = NULL;
  guint notifies = 0;
  guint n;

  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), f);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == CIV_TYPE_RECORD_ITEM);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 0));

  civ_record_list_model_set_query (model, all);
  g_assert_true (civ_record_list_model_get_loading (model));
  /* Nothing changes until the first page is in. */
  g_assert_cmpuint (f->changes, ==, 0);
  wait_until (has_items, model);
  /* Stage one: the first page, loaded, replacing every row at once. */
  g_assert_cmpuint (f->changes, ==, 1);
  g_assert_cmpuint (f->last_position, ==, 0);
  g_assert_cmpuint (f->last_removed, ==, 0);
  g_assert_cmpuint (f->last_added, ==, CIV_RECORD_LIST_PAGE_SIZE);
  /* A view handling the signal already gets the loaded rows. */
  g_assert_true (f->row0_loaded_in_signal);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_true (civ_record_item_get_loaded (first));
  g_assert_nonnull (civ_record_item_get_name_a (first));
  g_assert_cmpuint (civ_record_list_model_get_cached_pages (model), ==, 1);
  /* Stage two: the rest of the id list, appended. */
  wait_until (not_loading, model);
  g_assert_null (civ_record_list_model_get_error_message (model));
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpint (n, ==, count_current (f));
  g_assert_cmpuint (f->changes, ==, 2);
  g_assert_cmpuint (f->last_position, ==, CIV_RECORD_LIST_PAGE_SIZE);
  g_assert_cmpuint (f->last_removed, ==, 0);
  g_assert_cmpuint (f->last_added, ==, n - CIV_RECORD_LIST_PAGE_SIZE);
  /* The first page's items stay (same objects, still loaded). */
  again = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_true (again == first);
  g_clear_object (&again);
  g_clear_object (&first);

  /* Past the first page: a placeholder first, filled in place with
   * notifies, no items-changed. */
  first = g_list_model_get_item (G_LIST_MODEL (model), CIV_RECORD_LIST_PAGE_SIZE);
  g_assert_true (CIV_IS_RECORD_ITEM (first));
  g_assert_false (civ_record_item_get_loaded (first));
  g_assert_null (civ_record_item_get_name_a (first));
  g_signal_connect (first, "notify::loaded", G_CALLBACK (on_notify_cb), &notifies);
  wait_until (item_loaded, first);
  g_assert_cmpuint (notifies, ==, 1);
  g_assert_cmpuint (f->changes, ==, 2);
  g_assert_nonnull (civ_record_item_get_name_a (first));
  g_assert_nonnull (civ_record_item_get_name_b (first));
  g_assert_nonnull (civ_record_item_get_certificate_no (first));
  g_assert_nonnull (civ_record_item_get_registration_date (first));
  g_assert_nonnull (civ_record_item_get_state (first));
  g_assert_cmpint (civ_record_item_get_row_id (first), >, 0);

  /* The same row gives the same object while its page is cached. */
  again = g_list_model_get_item (G_LIST_MODEL (model), CIV_RECORD_LIST_PAGE_SIZE);
  g_assert_true (again == first);

  /* The last row, on the last page; past the end nothing. */
  last = g_list_model_get_item (G_LIST_MODEL (model), n - 1);
  g_assert_nonnull (last);
  wait_until (item_loaded, last);
  g_assert_cmpstr (civ_record_item_get_registration_date (last), <=,
                   civ_record_item_get_registration_date (first));
  beyond = g_list_model_get_item (G_LIST_MODEL (model), n);
  g_assert_null (beyond);
  g_assert_cmpuint (civ_record_list_model_get_cached_pages (model), ==, 3);
  g_assert_cmpuint (f->changes, ==, 2);
}

/* A new query: one items-changed replacing every row (then, for more than a
 * page, one append); late pages of the old query are dropped. */
static void
test_requery (Fixture *f, gconstpointer data)
{
  g_autoptr (CivRecordListModel) model =
    civ_record_list_model_new (civ_store_get_db (f->store), f->worker);
  g_autoptr (CivSearchQuery) all = query ("");
  g_autoptr (CivSearchQuery) some = query ("王");
  g_autoptr (CivSearchQuery) none = query ("不存在的名字");
  g_autoptr (CivRecordItem) stale = NULL;
  guint n_all, n_some, generation;

  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), f);
  civ_record_list_model_set_query (model, all);
  wait_until (not_loading, model);
  n_all = g_list_model_get_n_items (G_LIST_MODEL (model));

  /* Ask for a page, then change the query before it can arrive. */
  stale = g_list_model_get_item (G_LIST_MODEL (model), 300);
  generation = civ_record_list_model_get_generation (model);
  civ_record_list_model_set_query (model, some);
  g_assert_cmpuint (civ_record_list_model_get_generation (model), ==, generation + 1);
  g_assert_cmpuint (f->changes, ==, 2);
  wait_until (not_loading, model);
  n_some = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n_some, >, 0);
  g_assert_cmpuint (n_some, <, CIV_RECORD_LIST_PAGE_SIZE);
  /* A result shorter than a page: exactly one items-changed. */
  g_assert_cmpuint (f->changes, ==, 3);
  g_assert_cmpuint (f->last_position, ==, 0);
  g_assert_cmpuint (f->last_removed, ==, n_all);
  g_assert_cmpuint (f->last_added, ==, n_some);
  /* Pending pages of the old generation were dropped with the cache; the
   * first page of the new one came loaded. */
  g_assert_cmpuint (civ_record_list_model_get_cached_pages (model), ==, 1);
  for (guint i = 0; i < 5; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (civ_record_item_get_loaded (stale));

  /* Every row of the new query names a 王. */
  for (guint i = 0; i < n_some; i++)
    {
      g_autoptr (CivRecordItem) item = g_list_model_get_item (G_LIST_MODEL (model), i);

      wait_until (item_loaded, item);
      g_assert_true (g_str_has_prefix (civ_record_item_get_name_a (item), "王") ||
                     g_str_has_prefix (civ_record_item_get_name_b (item), "王"));
    }

  civ_record_list_model_set_query (model, none);
  wait_until (not_loading, model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_cmpuint (f->changes, ==, 4);
  g_assert_cmpuint (f->last_removed, ==, n_some);
  g_assert_cmpuint (f->last_added, ==, 0);

  /* An empty result replaced by an empty result changes nothing. */
  civ_record_list_model_set_query (model, none);
  wait_until (not_loading, model);
  g_assert_cmpuint (f->changes, ==, 4);
  civ_record_list_model_set_query (model, NULL);
  g_assert_cmpuint (f->changes, ==, 4);
  g_assert_false (civ_record_list_model_get_loading (model));
}

/* The page cache keeps at most the configured number of pages (the demo
 * office has six pages; the cache is set to three). */
static void
test_cache_limit (Fixture *f, gconstpointer data)
{
  g_autoptr (CivRecordListModel) model =
    civ_record_list_model_new (civ_store_get_db (f->store), f->worker);
  g_autoptr (CivSearchQuery) all = query ("");
  guint pages = (N_DEMO + CIV_RECORD_LIST_PAGE_SIZE - 1) / CIV_RECORD_LIST_PAGE_SIZE;
  guint max_pages = 3;

  g_assert_cmpuint (pages, >, max_pages + 1);
  civ_record_list_model_set_max_pages (model, max_pages);
  civ_record_list_model_set_query (model, all);
  wait_until (not_loading, model);
  for (guint p = 0; p < pages; p++)
    {
      g_autoptr (CivRecordItem) item =
        g_list_model_get_item (G_LIST_MODEL (model), p * CIV_RECORD_LIST_PAGE_SIZE);

      wait_until (item_loaded, item);
      g_assert_cmpuint (civ_record_list_model_get_cached_pages (model), <=, max_pages);
    }
  g_assert_cmpuint (civ_record_list_model_get_cached_pages (model), ==, max_pages);
  /* Lowering the limit trims at once. */
  civ_record_list_model_set_max_pages (model, 1);
  g_assert_cmpuint (civ_record_list_model_get_cached_pages (model), ==, 1);
}

/* Every page is read on the worker that owns the connection: with the
 * database bound to the worker, SQL on any other thread aborts (debug
 * builds, civ_db_set_owner()). */
static void
test_worker_owns_connection (Fixture *f, gconstpointer data)
{
  CivDb *db = civ_store_get_db (f->store);
  g_autoptr (CivRecordListModel) model = civ_record_list_model_new (db, f->worker);
  g_autoptr (CivSearchQuery) all = query ("");
  g_autoptr (CivRecordItem) item = NULL;

  civ_worker_adopt (f->worker, db);
  g_assert_false (civ_db_is_owner (db));
  civ_record_list_model_set_query (model, all);
  wait_until (not_loading, model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >, CIV_RECORD_LIST_PAGE_SIZE);
  item = g_list_model_get_item (G_LIST_MODEL (model), CIV_RECORD_LIST_PAGE_SIZE + 5);
  wait_until (item_loaded, item);
  civ_db_set_owner (db, NULL);
  g_assert_true (civ_db_is_owner (db));
}

/* A locked store: the model reports the error instead of reading. */
static void
test_locked (Fixture *f, gconstpointer data)
{
  g_autoptr (CivRecordListModel) model =
    civ_record_list_model_new (civ_store_get_db (f->store), f->worker);
  g_autoptr (CivSearchQuery) all = query ("");

  civ_store_lock (f->store);
  civ_record_list_model_set_query (model, all);
  wait_until (not_loading, model);
  g_assert_nonnull (civ_record_list_model_get_error_message (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/record-list-model/contract", Fixture, NULL, fixture_set_up, test_contract,
              fixture_tear_down);
  g_test_add ("/record-list-model/requery", Fixture, NULL, fixture_set_up, test_requery,
              fixture_tear_down);
  g_test_add ("/record-list-model/cache-limit", Fixture, NULL, fixture_set_up, test_cache_limit,
              fixture_tear_down);
  g_test_add ("/record-list-model/worker-owns-connection", Fixture, NULL, fixture_set_up,
              test_worker_owns_connection, fixture_tear_down);
  g_test_add ("/record-list-model/locked", Fixture, NULL, fixture_set_up, test_locked,
              fixture_tear_down);
  status = g_test_run ();
  if (demo_template != NULL)
    civ_test_rmdir (demo_template);
  g_free (demo_template);
  return status;
}
