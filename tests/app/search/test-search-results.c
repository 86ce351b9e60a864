// SPDX-License-Identifier: GPL-3.0-or-later
/* test-search-results.c — the list model a search page shows, over the
 * session's database: kept while the database is the same */
#include <glib.h>

#include "civ-search-results.h"
#include "civ-test-utils.h"

static CivRecordListModel *
results (CivSession *session, CivRecordListModel *current)
{
  g_autoptr (GError) error = NULL;
  GAsyncResult *pending = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  CivRecordListModel *model;

  civ_search_results_async (session, NULL, NULL, civ_test_keep_result, &pending);
  result = civ_test_wait_result (&pending);
  model = civ_search_results_finish (session, result, current, &error);
  g_assert_no_error (error);
  return model;
}

static gboolean
loaded (CivRecordListModel *model)
{
  return !civ_record_list_model_get_loading (model);
}

static void
test_model (void)
{
  static const char *const names[] = { "王强", "赵敏" };
  g_autofree char         *dir = NULL;
  CivStore                *store = civ_test_new_office (&dir, NULL);
  g_autofree char         *his = civ_test_make_id ("110101", "19900101", 3);
  g_autofree char         *hers = civ_test_make_id ("110101", "19920202", 4);
  g_autofree char         *j = civ_test_register_couple (store, names, his, hers, 2020);
  CivSession              *session = civ_test_session_new (store);
  g_autoptr (CivRecordListModel) first = results (session, NULL);
  g_autoptr (CivRecordListModel) again = results (session, first);
  g_autoptr (CivRecordListModel) other = results (session, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (CivSearchQuery) query = civ_search_query_new (j, CIV_SEARCH_KIND_AUTO, &error);

  g_assert_no_error (error);
  /* The model shown is kept while it reads the session's database. */
  g_assert_true (again == first);
  g_assert_true (other != first);
  g_assert_true (civ_record_list_model_get_db (other) == civ_record_list_model_get_db (first));

  /* It finds the registration through the session's worker. */
  civ_record_list_model_set_query (first, query);
  while (!loaded (first))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (first)), ==, 1);

  civ_record_list_model_set_query (first, NULL);
  civ_record_list_model_set_query (other, NULL);
  g_clear_object (&first);
  g_clear_object (&again);
  g_clear_object (&other);
  civ_test_session_close (session);
  civ_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/search-results/model", test_model);
  return g_test_run ();
}
