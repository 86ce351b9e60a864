// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-divorce-lapses.c — the divorce deadlines a workstation acts on each day */
#include "civ-divorce-lapses.h"

#include <glib/gi18n-lib.h>

#include "civ-divorce-service.h"
#include "civ-divorce-store.h"
#include "civ-permissions.h"
#include "civ-record-store.h"
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

void
civ_divorce_open_free (CivDivorceOpen *open)
{
  if (open == NULL)
    return;
  g_free (open->record_id);
  g_free (open->marriage_record_id);
  g_free (open->marriage_certificate_no);
  g_free (open->names[0]);
  g_free (open->names[1]);
  g_free (open);
}

const char *
civ_divorce_open_key (const CivDivorceOpen *open)
{
  g_return_val_if_fail (open != NULL, NULL);
  return open->marriage_certificate_no != NULL ? open->marriage_certificate_no
                                               : open->marriage_record_id;
}

gboolean
civ_divorce_open_is_urgent (const CivDivorceOpen *open)
{
  g_return_val_if_fail (open != NULL, FALSE);
  return open->days_left == 0 || (open->phase == CIV_DIVORCE_PHASE_WINDOW &&
                                  open->days_left <= CIV_DIVORCE_LAPSING_SOON_DAYS);
}

const char *
civ_divorce_phase_label (CivDivorcePhase phase)
{
  switch (phase)
    {
    case CIV_DIVORCE_PHASE_COOLING:
      return _ ("Cooling-off period");
    case CIV_DIVORCE_PHASE_WINDOW:
      return _ ("Awaiting issuance");
    case CIV_DIVORCE_PHASE_LAPSED:
      return _ ("Deemed withdrawn");
    case CIV_DIVORCE_PHASE_BEFORE:
    default:
      return "";
    }
}

static int
compare_open (gconstpointer a, gconstpointer b)
{
  const CivDivorceOpen *x = *(CivDivorceOpen *const *) a;
  const CivDivorceOpen *y = *(CivDivorceOpen *const *) b;

  int c;

  if (x->days_left != y->days_left)
    return x->days_left < y->days_left ? -1 : 1;
  /* The same day: in certificate order, as the registrar files them. */
  c = g_strcmp0 (x->marriage_certificate_no, y->marriage_certificate_no);
  return c != 0 ? c : g_strcmp0 (x->record_id, y->record_id);
}

static gboolean
open_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  const GDate *today = data;
  g_autoptr (CivCalendar) calendar = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GError) local = NULL;
  CivDb *db;

  if (!civ_require (store, CIV_PERM_REGISTER_MARRIAGE, error))
    return FALSE;
  calendar = civ_refdata_load_calendar (store, error);
  if (calendar == NULL)
    return FALSE;
  /* R-D6: what has lapsed is not listed as open. */
  civ_divorce_apply_lapses (store, today, calendar, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  db = civ_store_get_db (store);
  rows = civ_divorce_row_list_cooling (db, error);
  if (rows == NULL)
    return FALSE;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_divorce_open_free);
  for (guint i = 0; i < rows->len; i++)
    {
      CivDivorceRow      *row = g_ptr_array_index (rows, i);
      CivDivorceDeadlines d;
      CivDivorcePhase     phase;
      GDate               t0;
      CivDivorceOpen     *item;

      if (row->accepted_on == NULL || !civ_date_parse_iso (row->accepted_on, &t0))
        continue;
      /* Recomputed from T0: a calendar imported later corrects the dates. */
      civ_divorce_deadlines_compute (calendar, &t0, &d);
      phase = civ_divorce_deadlines_phase (&d, today);
      if (phase != CIV_DIVORCE_PHASE_COOLING && phase != CIV_DIVORCE_PHASE_WINDOW)
        continue;
      item = g_new0 (CivDivorceOpen, 1);
      item->record_id = g_strdup (row->record_id);
      item->marriage_record_id = g_strdup (row->marriage_record_id);
      item->phase = phase;
      item->deadline = phase == CIV_DIVORCE_PHASE_COOLING ? d.cooling_off_end : d.window_end;
      item->days_left = g_date_days_between (today, &item->deadline);
      item->provisional = d.provisional;
      if (!civ_record_store_marriage_names (db, row->marriage_record_id,
                                            &item->marriage_certificate_no, item->names, error))
        {
          civ_divorce_open_free (item);
          return FALSE;
        }
      g_ptr_array_add (list, item);
    }
  g_ptr_array_sort (list, compare_open);
  *result = g_steal_pointer (&list);
  return TRUE;
}

void
civ_divorce_open_async (CivSession         *session,
                        gpointer            source_object,
                        const GDate        *today,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  g_return_if_fail (CIV_IS_SESSION (session));
  g_return_if_fail (today != NULL && g_date_valid (today));

  civ_session_call (session, source_object, cancellable, open_func,
                    g_memdup2 (today, sizeof *today), g_free, (GDestroyNotify) g_ptr_array_unref,
                    callback, user_data);
}

GPtrArray *
civ_divorce_open_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}
