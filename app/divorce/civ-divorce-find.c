// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-divorce-find.c — finding the couple at the divorce counter */
#include "civ-divorce-find.h"

#include <glib/gi18n-lib.h>

#include "civ-app-error.h"
#include "civ-divorce-store.h"
#include "civ-permissions.h"
#include "civ-search.h"
#include "civ-states.h"

void
civ_divorce_match_free (CivDivorceMatch *match)
{
  if (match == NULL)
    return;
  g_free (match->marriage_record_id);
  g_free (match->certificate_no);
  g_free (match->registration_date);
  g_free (match->marriage_state);
  g_free (match->names[0]);
  g_free (match->names[1]);
  g_free (match->divorce_state);
  g_free (match);
}

const char *
civ_divorce_match_key (const CivDivorceMatch *match)
{
  g_return_val_if_fail (match != NULL, NULL);
  return match->certificate_no != NULL ? match->certificate_no : match->marriage_record_id;
}

typedef struct
{
  GPtrArray *matches;
  gboolean   more;
} FindResult;

static void
find_result_free (FindResult *result)
{
  g_clear_pointer (&result->matches, g_ptr_array_unref);
  g_free (result);
}

static gboolean
find_func (CivStore *store, gpointer data, gpointer *out, GError **error)
{
  g_autoptr (CivSearchQuery) query = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  FindResult   *result;
  CivSearchKind kind;
  CivDb        *db;

  if (!civ_require (store, CIV_PERM_REGISTER_MARRIAGE, error))
    return FALSE;
  query = civ_search_query_new (data, CIV_SEARCH_KIND_AUTO, error);
  if (query == NULL)
    return FALSE;
  kind = civ_search_query_get_kind (query);
  if (kind == CIV_SEARCH_KIND_ALL || kind == CIV_SEARCH_KIND_DATE)
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                           _ ("Enter a marriage certificate number, an identity number or a name"));
      return FALSE;
    }
  db = civ_store_get_db (store);
  /* One more than the limit says whether there are more. */
  rows = civ_search_page (db, query, NULL, CIV_DIVORCE_FIND_LIMIT + 1, NULL, error);
  if (rows == NULL)
    return FALSE;

  result = g_new0 (FindResult, 1);
  result->matches = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_divorce_match_free);
  for (guint i = 0; i < rows->len; i++)
    {
      CivSearchRow    *row = g_ptr_array_index (rows, i);
      CivMarriageState state = civ_marriage_state_from_db (row->state);
      g_autoptr (CivDivorceRow) divorce = NULL;
      g_autoptr (GError) local = NULL;
      CivDivorceMatch *match;

      /* Never registered: nothing to divorce. */
      if (state == CIV_MARRIAGE_STATE_APPLIED || state == CIV_MARRIAGE_STATE_REFUSED)
        continue;
      if (result->matches->len == CIV_DIVORCE_FIND_LIMIT)
        {
          result->more = TRUE;
          break;
        }
      divorce = civ_divorce_row_find_newest (db, row->record_id, &local);
      if (local != NULL)
        {
          find_result_free (result);
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      match = g_new0 (CivDivorceMatch, 1);
      match->marriage_record_id = g_strdup (row->record_id);
      match->certificate_no = g_strdup (row->certificate_no);
      match->registration_date = g_strdup (row->registration_date);
      match->marriage_state = g_strdup (row->state);
      match->names[0] = g_strdup (row->name[0]);
      match->names[1] = g_strdup (row->name[1]);
      match->divorce_state = divorce ? g_strdup (divorce->state) : NULL;
      g_ptr_array_add (result->matches, match);
    }
  *out = result;
  return TRUE;
}

void
civ_divorce_find_async (CivSession         *session,
                        gpointer            source_object,
                        const char         *text,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  g_return_if_fail (CIV_IS_SESSION (session));
  g_return_if_fail (text != NULL);

  civ_session_call (session, source_object, cancellable, find_func, g_strdup (text), g_free,
                    (GDestroyNotify) find_result_free, callback, user_data);
}

GPtrArray *
civ_divorce_find_finish (CivSession *session, GAsyncResult *result, gboolean *more, GError **error)
{
  FindResult *found = civ_session_call_finish_value (session, result, error);
  GPtrArray  *matches;

  if (found == NULL)
    return NULL;
  if (more != NULL)
    *more = found->more;
  matches = g_steal_pointer (&found->matches);
  find_result_free (found);
  return matches;
}
