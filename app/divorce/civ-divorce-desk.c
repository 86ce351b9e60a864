// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-divorce-desk.c — one step at the divorce counter on the worker */
#include "civ-divorce-desk.h"

#include "civ-report.h"

#include "civ-refdata.h"

CivDivorceRequest *
civ_divorce_request_new (CivDivorceStepKind step, const char *key, const GDate *today)
{
  CivDivorceRequest *request = g_new0 (CivDivorceRequest, 1);

  request->step = step;
  request->key = g_strdup (key);
  if (today != NULL)
    request->today = *today;
  else
    g_date_clear (&request->today, 1);
  return request;
}

void
civ_divorce_request_free (CivDivorceRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->key);
  g_free (request->agreement_ref);
  g_free (request->record_id);
  g_free (request);
}

void
civ_divorce_outcome_free (CivDivorceOutcome *outcome)
{
  if (outcome == NULL)
    return;
  g_clear_pointer (&outcome->marriage, civ_marriage_record_free);
  g_clear_pointer (&outcome->view, civ_divorce_view_free);
  g_clear_pointer (&outcome->issued, civ_divorce_result_free);
  g_clear_pointer (&outcome->steps, g_ptr_array_unref);
  g_free (outcome);
}

static gboolean
step_func (CivStore *store, gpointer data, gpointer *out, GError **error)
{
  CivDivorceRequest *request = data;
  g_autoptr (CivCalendar) calendar = civ_refdata_load_calendar (store, error);
  g_autoptr (CivDivorceOutcome) outcome = NULL;
  g_autoptr (GError) local = NULL;

  if (calendar == NULL)
    return FALSE;
  outcome = g_new0 (CivDivorceOutcome, 1);
  /* R-D6: a window that has passed is applied before anything is shown. */
  outcome->lapsed = civ_divorce_apply_lapses (store, &request->today, calendar, &local);
  if (local != NULL)
    goto fail;

  switch (request->step)
    {
    case CIV_DIVORCE_STEP_ACCEPT:
      {
        g_autoptr (CivDivorceResult) accepted = NULL;

        request->application.agreement_ref = request->agreement_ref;
        accepted = civ_divorce_accept (store, request->key, &request->today, &request->application,
                                       calendar, &local);
        if (accepted == NULL)
          goto fail;
      }
      break;
    case CIV_DIVORCE_STEP_WITHDRAW:
      if (!civ_divorce_withdraw (store, request->record_id, request->party, &request->today,
                                 calendar, &local))
        goto fail;
      break;
    case CIV_DIVORCE_STEP_ISSUE:
      outcome->issued =
        civ_divorce_issue (store, request->record_id, &request->today, request->both_present,
                           request->consent, calendar, &local);
      if (outcome->issued == NULL)
        goto fail;
      break;
    case CIV_DIVORCE_STEP_FIND:
    default:
      break;
    }

  outcome->marriage = civ_record_query_marriage (store, request->key, &local);
  if (local != NULL)
    goto fail;
  if (outcome->marriage != NULL)
    {
      outcome->view = civ_record_query_divorce (store, request->key, calendar, &local);
      if (local != NULL)
        goto fail;
    }
  if (outcome->view != NULL)
    {
      outcome->steps = civ_divorce_event_list (civ_store_get_db (store),
                                               outcome->view->divorce->record_id, &local);
      if (outcome->steps == NULL)
        goto fail;
    }
  else
    outcome->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_divorce_step_free);
  *out = g_steal_pointer (&outcome);
  return TRUE;

fail:
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

void
civ_divorce_step_async (CivSession         *session,
                        gpointer            source_object,
                        CivDivorceRequest  *request,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  g_return_if_fail (CIV_IS_SESSION (session) && request != NULL && request->key != NULL);

  civ_session_call (session, source_object, cancellable, step_func, request,
                    (GDestroyNotify) civ_divorce_request_free,
                    (GDestroyNotify) civ_divorce_outcome_free, callback, user_data);
}

CivDivorceOutcome *
civ_divorce_step_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}

/* ---- Taking an application from another window (R-D6) -------------------- */

typedef struct
{
  char              *key;
  GDate              today;
  CivReportDivorces *divorces;
} TakeJob;

static void
take_job_free (TakeJob *job)
{
  g_free (job->key);
  civ_report_divorces_free (job->divorces);
  g_free (job);
}

static gboolean
take_prepare_func (CivStore *store, gpointer data, gpointer *out, GError **error)
{
  TakeJob *job = data;

  job->divorces = civ_report_divorces_prepare_take (store, job->key);
  return TRUE;
}

static void
take_ask_net (gpointer data, GCancellable *cancellable)
{
  TakeJob *job = data;

  if (civ_report_divorces_ready (job->divorces))
    civ_report_divorces_ask (job->divorces, cancellable);
}

static gboolean
take_record_func (CivStore *store, gpointer data, gpointer *out, GError **error)
{
  TakeJob         *job = data;
  g_autofree char *taken = NULL;
  g_autoptr (CivDivorceRow) row = NULL;

  if (!civ_report_divorces_record (job->divorces, store, &job->today, &taken, NULL, error))
    return FALSE;
  row = civ_divorce_row_find (civ_store_get_db (store), taken, error);
  if (row == NULL)
    return FALSE;
  *out = g_steal_pointer (&row->marriage_record_id);
  return TRUE;
}

void
civ_divorce_take_async (CivSession         *session,
                        gpointer            source_object,
                        const char         *key,
                        const GDate        *today,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  TakeJob *job;

  g_return_if_fail (CIV_IS_SESSION (session) && key != NULL && today != NULL);

  job = g_new0 (TakeJob, 1);
  job->key = g_strdup (key);
  job->today = *today;
  civ_session_call_staged (session, source_object, cancellable, take_prepare_func, take_ask_net,
                           take_record_func, job, (GDestroyNotify) take_job_free, g_free, callback,
                           user_data);
}

char *
civ_divorce_take_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}
