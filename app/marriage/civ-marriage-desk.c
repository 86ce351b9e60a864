// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-marriage-desk.c — checks and decisions of one counter on the worker */
#include "civ-marriage-desk.h"

#include "civ-identity-check.h"

#include "civ-marriage-online.h"
#include "civ-refdata.h"
#include "civ-report.h"

struct _CivMarriageDesk
{
  CivDivisionTable     *table; /* loaded once on the worker, only touched there */
  gboolean              loaded;
  CivReportStatusCache *status_cache;
};

static void
desk_clear (CivMarriageDesk *desk)
{
  g_clear_pointer (&desk->table, civ_division_table_unref);
  g_clear_pointer (&desk->status_cache, civ_report_status_cache_free);
}

CivMarriageDesk *
civ_marriage_desk_new (gint64 answer_ttl_us)
{
  CivMarriageDesk *desk = g_atomic_rc_box_new0 (CivMarriageDesk);

  desk->status_cache = civ_report_status_cache_new (answer_ttl_us);
  return desk;
}

CivMarriageDesk *
civ_marriage_desk_ref (CivMarriageDesk *desk)
{
  return g_atomic_rc_box_acquire (desk);
}

void
civ_marriage_desk_unref (CivMarriageDesk *desk)
{
  g_atomic_rc_box_release_full (desk, (GDestroyNotify) desk_clear);
}

void
civ_marriage_desk_forget_answers (CivMarriageDesk *desk)
{
  g_return_if_fail (desk != NULL);
  civ_report_status_cache_clear (desk->status_cache);
}

/* A copy of the form for one job on the worker. */
typedef struct
{
  CivMarriageInput    input;
  GPtrArray          *strings;
  GPtrArray          *documents; /* CivDocumentInput for the write; NULL for checks */
  GPtrArray          *checks[2]; /* copies of the parties' CivIdentityCheckInput */
  CivMarriageDesk    *desk;
  CivMarriageOnline  *online; /* the province's answers, asked between two jobs */
  CivMarriageDecision decision;
} Job;

static void
job_free (Job *job)
{
  g_ptr_array_unref (job->strings);
  g_clear_pointer (&job->documents, g_ptr_array_unref);
  g_clear_pointer (&job->checks[0], g_ptr_array_unref);
  g_clear_pointer (&job->checks[1], g_ptr_array_unref);
  g_clear_pointer (&job->online, civ_marriage_online_free);
  civ_marriage_desk_unref (job->desk);
  g_free (job);
}

static const char *
keep (Job *job, const char *text)
{
  char *copy = g_strdup (text);

  g_ptr_array_add (job->strings, copy);
  return copy;
}

static Job *
job_new (CivMarriageDesk *desk, const CivMarriageInput *input)
{
  Job *job = g_new0 (Job, 1);

  job->strings = g_ptr_array_new_with_free_func (g_free);
  job->desk = civ_marriage_desk_ref (desk);
  job->input = *input;
  for (guint i = 0; i < 2; i++)
    {
      CivMarriagePartyInput *p = &job->input.party[i];

      p->name = keep (job, p->name);
      p->doc_kind = keep (job, p->doc_kind);
      p->doc_number = keep (job, p->doc_number);
      p->nationality = keep (job, p->nationality);
      p->ethnicity = keep (job, p->ethnicity);
      p->occupation = keep (job, p->occupation);
      if (p->identity_checks)
        job->checks[i] = civ_identity_checks_copy (p->identity_checks);
      p->identity_checks = job->checks[i];
    }
  job->input.remarks = keep (job, input->remarks);
  job->input.documents = NULL;
  return job;
}

static gboolean
load_divisions (CivStore *store, CivMarriageDesk *desk, GError **error)
{
  if (desk->loaded)
    return TRUE;
  if (!civ_refdata_load_divisions (store, &desk->table, error))
    return FALSE;
  desk->loaded = TRUE;
  return TRUE;
}

/* R-M3 / R-M7: the worker reads what the question needs. */
static gboolean
prepare_online_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  Job *job = data;

  if (!load_divisions (store, job->desk, error))
    return FALSE;
  job->online = civ_marriage_online_prepare (store, &job->input, job->desk->table);
  return TRUE;
}

/* The live check reuses recent answers. */
static void
ask_cached_net (gpointer data, GCancellable *cancellable)
{
  Job *job = data;
  civ_marriage_online_ask (job->online, job->desk->status_cache, cancellable);
}

/* A registration or refusal asks afresh. */
static void
ask_fresh_net (gpointer data, GCancellable *cancellable)
{
  Job *job = data;
  civ_marriage_online_ask (job->online, NULL, cancellable);
}

static gboolean
check_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  Job       *job = data;
  GPtrArray *findings;

  civ_marriage_online_apply (job->online, store, &job->input);
  findings = civ_marriage_preview (store, &job->input, job->desk->table, error);
  if (findings == NULL)
    return FALSE;
  *result = findings;
  return TRUE;
}

/* Writes only when the checks still lead where the registrar chose
 * (civ_marriage_register_decided ()). */
static gboolean
decide_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  Job               *job = data;
  CivMarriageResult *written;

  civ_marriage_online_apply (job->online, store, &job->input);
  written =
    civ_marriage_register_decided (store, &job->input, job->desk->table, job->decision, error);
  if (written == NULL)
    return FALSE;
  *result = written;
  return TRUE;
}

void
civ_marriage_check_async (CivSession             *session,
                          CivMarriageDesk        *desk,
                          gpointer                source_object,
                          const CivMarriageInput *input,
                          GCancellable           *cancellable,
                          GAsyncReadyCallback     callback,
                          gpointer                user_data)
{
  g_return_if_fail (CIV_IS_SESSION (session) && desk != NULL && input != NULL);

  civ_session_call_staged (session, source_object, cancellable, prepare_online_func, ask_cached_net,
                           check_func, job_new (desk, input), (GDestroyNotify) job_free,
                           (GDestroyNotify) g_ptr_array_unref, callback, user_data);
}

GPtrArray *
civ_marriage_check_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}

void
civ_marriage_decide_async (CivSession             *session,
                           CivMarriageDesk        *desk,
                           gpointer                source_object,
                           const CivMarriageInput *input,
                           GPtrArray              *documents,
                           CivMarriageDecision     decision,
                           GCancellable           *cancellable,
                           GAsyncReadyCallback     callback,
                           gpointer                user_data)
{
  Job *job;

  g_return_if_fail (CIV_IS_SESSION (session) && desk != NULL && input != NULL);

  job = job_new (desk, input);
  job->decision = decision;
  /* Stored in the same transaction as the registration or the refusal. */
  job->documents = documents;
  job->input.documents = documents;
  civ_session_call_staged (session, source_object, cancellable, prepare_online_func, ask_fresh_net,
                           decide_func, job, (GDestroyNotify) job_free,
                           (GDestroyNotify) civ_marriage_result_free, callback, user_data);
}

CivMarriageResult *
civ_marriage_decide_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}
