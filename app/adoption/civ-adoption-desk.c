// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-adoption-desk.c — one step at the adoption counter on the worker */
#include "civ-adoption-desk.h"

#include <string.h>

#include "civ-refdata.h"

CivAdoptionRequest *
civ_adoption_request_new (CivAdoptionStepKind step,
                          const char         *key,
                          const char         *purpose,
                          const GDate        *today)
{
  CivAdoptionRequest *request = g_new0 (CivAdoptionRequest, 1);

  request->step = step;
  request->key = g_strdup (key);
  request->purpose = g_strdup (purpose);
  if (today != NULL)
    request->today = *today;
  else
    g_date_clear (&request->today, 1);
  g_date_clear (&request->published, 1);
  request->assessment_items = g_array_new (FALSE, TRUE, sizeof (CivAdoptionAssessmentItem));
  return request;
}

void
civ_adoption_request_add_item (CivAdoptionRequest *request,
                               const char         *item,
                               gboolean            satisfactory,
                               const char         *note)
{
  CivAdoptionAssessmentItem it = {
    .item = g_strdup (item),
    .satisfactory = satisfactory,
    .note = g_strdup (note ? note : ""),
  };

  g_array_append_val (request->assessment_items, it);
}

void
civ_adoption_request_free (CivAdoptionRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->key);
  g_free (request->purpose);
  g_free (request->application);
  for (guint i = 0; i < CIV_ADOPTION_N_IDS; i++)
    {
      g_free (request->id_kind[i]);
      g_free (request->id_number[i]);
    }
  g_free (request->text);
  g_free (request->agreement_ref);
  g_free (request->decision_no);
  g_free (request->assessment_third_party_name);
  g_strfreev (request->assessment_team);
  for (guint i = 0; i < request->assessment_items->len; i++)
    {
      CivAdoptionAssessmentItem *it =
        &g_array_index (request->assessment_items, CivAdoptionAssessmentItem, i);

      g_free (it->item);
      g_free (it->note);
    }
  g_array_unref (request->assessment_items);
  g_free (request->assessment_conclusion_text);
  g_free (request->assessment_red_flags_detail);
  g_free (request->document_kind);
  g_clear_pointer (&request->document, civ_document_input_free);
  g_free (request);
}

void
civ_adoption_outcome_free (CivAdoptionOutcome *outcome)
{
  if (outcome == NULL)
    return;
  g_clear_pointer (&outcome->adoptions, g_ptr_array_unref);
  g_clear_pointer (&outcome->due, g_ptr_array_unref);
  g_clear_pointer (&outcome->result, civ_adoption_result_free);
  g_clear_pointer (&outcome->view, civ_adoption_view_free);
  g_clear_pointer (&outcome->birth_parents, g_ptr_array_unref);
  g_clear_pointer (&outcome->document, g_bytes_unref);
  g_free (outcome);
}

static void
view_dates (CivCalendar *calendar, const CivAdoptionView *view, CivAdoptionDates *dates)
{
  GDate applied, published;

  g_date_clear (&applied, 1);
  g_date_clear (&published, 1);
  civ_date_parse_iso (view->row->applied_on, &applied);
  if (view->notice != NULL)
    civ_date_parse_iso (view->notice->published_on, &published);
  if (g_date_valid (&applied))
    civ_adoption_dates (calendar, &applied, g_date_valid (&published) ? &published : NULL, dates);
  else
    memset (dates, 0, sizeof *dates);
}

/* The step itself; FALSE with @error when the service refused it. */
static gboolean
run_step (CivStore           *store,
          CivAdoptionRequest *request,
          CivCalendar        *calendar,
          CivAdoptionOutcome *outcome,
          GError            **error)
{
  const GDate *today = &request->today;

  switch (request->step)
    {
    case CIV_ADOPTION_STEP_APPLY:
      {
        CivAdoptionApplyInput input = { .application = request->application };

        input.child.doc_kind = request->id_kind[CIV_ADOPTION_ID_CHILD];
        input.child.doc_number = request->id_number[CIV_ADOPTION_ID_CHILD];
        for (guint i = 0; i < CIV_ADOPTION_MAX_PLACERS; i++)
          {
            input.placer[i].doc_kind = request->id_kind[CIV_ADOPTION_ID_PLACER + i];
            input.placer[i].doc_number = request->id_number[CIV_ADOPTION_ID_PLACER + i];
          }
        for (guint i = 0; i < CIV_ADOPTION_MAX_ADOPTERS; i++)
          {
            input.adopter[i].doc_kind = request->id_kind[CIV_ADOPTION_ID_ADOPTER + i];
            input.adopter[i].doc_number = request->id_number[CIV_ADOPTION_ID_ADOPTER + i];
          }
        outcome->result = civ_adoption_apply (store, &input, today, calendar, error);
        if (outcome->result == NULL)
          return FALSE;
        g_free (request->key);
        request->key = g_strdup (outcome->result->record_id);
        return TRUE;
      }
    case CIV_ADOPTION_STEP_PUBLISH_NOTICE:
      return civ_adoption_publish_notice (store, request->key, request->text, &request->published,
                                          today, calendar, error);
    case CIV_ADOPTION_STEP_BEGIN_ASSESSMENT:
      outcome->result = civ_adoption_begin_assessment (store, request->key, today, calendar, error);
      return outcome->result != NULL;
    case CIV_ADOPTION_STEP_RECORD_ASSESSMENT:
      {
        CivAdoptionAssessment a = {
          .third_party = request->assessment_third_party,
          .third_party_name = request->assessment_third_party_name,
          .team_members = (const char *const *) request->assessment_team,
          .items = (const CivAdoptionAssessmentItem *) request->assessment_items->data,
          .n_items = request->assessment_items->len,
          .conclusion = request->assessment_conclusion,
          .conclusion_text = request->assessment_conclusion_text,
          .red_flags = request->assessment_red_flags,
          .red_flags_reported = request->assessment_red_flags_reported,
          .red_flags_detail = request->assessment_red_flags_detail,
        };

        outcome->result =
          civ_adoption_record_assessment (store, request->key, &a, today, calendar, error);
        return outcome->result != NULL;
      }
    case CIV_ADOPTION_STEP_DECIDE:
      outcome->result = civ_adoption_decide (store, request->key, today, calendar, error);
      return outcome->result != NULL;
    case CIV_ADOPTION_STEP_REFUSE:
      return civ_adoption_refuse (store, request->key, request->text, today, error);
    case CIV_ADOPTION_STEP_APPLY_DISSOLUTION:
      outcome->result =
        civ_adoption_apply_dissolution (store, request->key, request->agreement_ref,
                                        request->child_consents, today, calendar, error);
      return outcome->result != NULL;
    case CIV_ADOPTION_STEP_DISSOLVE:
      return civ_adoption_dissolve (store, request->key, request->certificate_returned, today,
                                    error);
    case CIV_ADOPTION_STEP_REVOKE:
      return civ_adoption_revoke (store, request->key, request->decision_no, request->text, today,
                                  error);
    case CIV_ADOPTION_STEP_ATTACH:
      return civ_adoption_attach_document (store, request->key, request->document_kind,
                                           request->document, error) > 0;
    case CIV_ADOPTION_STEP_SHOW_BIRTH_PARENTS:
      outcome->birth_parents =
        civ_adoption_show_birth_parents (store, request->key, request->purpose, error);
      return outcome->birth_parents != NULL;
    case CIV_ADOPTION_STEP_OPEN_DOCUMENT:
      outcome->document = civ_adoption_open_document (store, request->key, request->document_id,
                                                      request->purpose, error);
      return outcome->document != NULL;
    case CIV_ADOPTION_STEP_OPEN:
    case CIV_ADOPTION_STEP_LIST:
    default:
      return TRUE;
    }
}

static gboolean
step_func (CivStore *store, gpointer data, gpointer *out, GError **error)
{
  CivAdoptionRequest *request = data;
  g_autoptr (CivCalendar) calendar = NULL;
  g_autoptr (CivAdoptionOutcome) outcome = g_new0 (CivAdoptionOutcome, 1);

  if (request->step == CIV_ADOPTION_STEP_LIST)
    {
      outcome->adoptions = civ_adoption_list (store, error);
      if (outcome->adoptions == NULL)
        return FALSE;
      outcome->due = civ_adoption_due (store, &request->today, error);
      if (outcome->due == NULL)
        return FALSE;
      *out = g_steal_pointer (&outcome);
      return TRUE;
    }
  calendar = civ_refdata_load_calendar (store, error);
  if (calendar == NULL || !run_step (store, request, calendar, outcome, error))
    return FALSE;
  /* A document or the birth parents are shown over the record as it is. */
  if (request->step != CIV_ADOPTION_STEP_SHOW_BIRTH_PARENTS &&
      request->step != CIV_ADOPTION_STEP_OPEN_DOCUMENT)
    {
      outcome->view =
        civ_adoption_open (store, request->key, CIV_ADOPTION_ACCESS_OPEN, request->purpose, error);
      if (outcome->view == NULL)
        return FALSE;
      view_dates (calendar, outcome->view, &outcome->dates);
    }
  *out = g_steal_pointer (&outcome);
  return TRUE;
}

void
civ_adoption_step_async (CivSession         *session,
                         gpointer            source_object,
                         CivAdoptionRequest *request,
                         GCancellable       *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer            user_data)
{
  g_return_if_fail (CIV_IS_SESSION (session) && request != NULL);
  civ_session_call (session, source_object, cancellable, step_func, request,
                    (GDestroyNotify) civ_adoption_request_free,
                    (GDestroyNotify) civ_adoption_outcome_free, callback, user_data);
}

CivAdoptionOutcome *
civ_adoption_step_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}
