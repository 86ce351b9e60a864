// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-divorce-lapses.c — the divorce deadlines a workstation acts on each day */
#include "civ-divorce-lapses.h"

#include "civ-divorce-service.h"
#include "civ-permissions.h"
#include "civ-refdata.h"

gboolean
civ_divorce_lapses_apply_to (CivSession *session)
{
  g_return_val_if_fail (CIV_IS_SESSION (session), FALSE);
  /* Divorces are registered by those who register marriages. */
  return civ_role_allows (civ_session_get_role (session), CIV_PERM_REGISTER_MARRIAGE);
}

static gboolean
lapse_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  g_autoptr (CivCalendar) calendar = civ_refdata_load_calendar (store, error);
  g_autoptr (GError) local = NULL;
  guint *lapsed;

  if (calendar == NULL)
    return FALSE;
  lapsed = g_new0 (guint, 1);
  /* R-D6: the window's end is counted with the office's holidays. */
  *lapsed = civ_divorce_apply_lapses (store, data, calendar, &local);
  if (local != NULL)
    {
      g_free (lapsed);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  *result = lapsed;
  return TRUE;
}

void
civ_divorce_lapses_apply_async (CivSession         *session,
                                gpointer            source_object,
                                const GDate        *today,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  g_return_if_fail (CIV_IS_SESSION (session));
  g_return_if_fail (today != NULL && g_date_valid (today));

  if (!civ_divorce_lapses_apply_to (session))
    {
      g_autoptr (GTask) task = g_task_new (source_object, cancellable, callback, user_data);

      g_task_set_source_tag (task, civ_divorce_lapses_apply_async);
      g_task_return_pointer (task, g_new0 (guint, 1), g_free);
      return;
    }
  civ_session_call (session, source_object, cancellable, lapse_func,
                    g_memdup2 (today, sizeof *today), g_free, g_free, callback, user_data);
}

gboolean
civ_divorce_lapses_apply_finish (CivSession   *session,
                                 GAsyncResult *result,
                                 guint        *n_lapsed,
                                 GError      **error)
{
  g_autofree guint *n = NULL;

  if (g_task_get_source_tag (G_TASK (result)) == civ_divorce_lapses_apply_async)
    n = g_task_propagate_pointer (G_TASK (result), error);
  else if (!civ_session_call_finish (session, result, (gpointer *) &n, error))
    return FALSE;
  if (n == NULL)
    return FALSE;
  if (n_lapsed)
    *n_lapsed = *n;
  return TRUE;
}

static gboolean
due_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  g_autoptr (CivCalendar) calendar = civ_refdata_load_calendar (store, error);
  GPtrArray *due;

  if (calendar == NULL)
    return FALSE;
  /* R-D5: the last day to withdraw; R-D6: the last day to issue. */
  due = civ_record_query_divorces_due (store, data, calendar, error);
  if (due == NULL)
    return FALSE;
  *result = due;
  return TRUE;
}

void
civ_divorce_due_async (CivSession         *session,
                       gpointer            source_object,
                       const GDate        *today,
                       GCancellable       *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer            user_data)
{
  g_return_if_fail (today != NULL && g_date_valid (today));

  civ_session_call (session, source_object, cancellable, due_func, g_memdup2 (today, sizeof *today),
                    g_free, (GDestroyNotify) g_ptr_array_unref, callback, user_data);
}

GPtrArray *
civ_divorce_due_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}
