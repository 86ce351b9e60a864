// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-search-results.c — a list model over the session's database */
#include "civ-search-results.h"

static gboolean
get_db_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  *result = g_object_ref (civ_store_get_db (store));
  return TRUE;
}

void
civ_search_results_async (CivSession         *session,
                          gpointer            source_object,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  g_return_if_fail (CIV_IS_SESSION (session));

  civ_session_call (session, source_object, cancellable, get_db_func, NULL, NULL, g_object_unref,
                    callback, user_data);
}

CivRecordListModel *
civ_search_results_finish (CivSession         *session,
                           GAsyncResult       *result,
                           CivRecordListModel *current,
                           GError            **error)
{
  g_autoptr (CivDb) db = NULL;

  if (!civ_session_call_finish (session, result, (gpointer *) &db, error))
    return NULL;
  if (current != NULL && civ_record_list_model_get_db (current) == db)
    return g_object_ref (current);
  return civ_record_list_model_new (db, civ_session_get_worker (session));
}
