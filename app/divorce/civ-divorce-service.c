// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-divorce-service.c — divorce by registration through the cooling-off period */
#include "civ-divorce-service.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "civ-app-error.h"
#include "civ-divorce-remote.h"
#include "civ-divorce-store.h"
#include "civ-marriage-rules.h"
#include "civ-permissions.h"
#include "civ-registry-store.h"
#include "civ-json.h"
#include "civ-states.h"

void
civ_divorce_result_free (CivDivorceResult *result)
{
  if (result == NULL)
    return;
  g_free (result->record_id);
  g_free (result->state);
  g_free (result->marriage_record_id);
  g_free (result->certificate_no);
  if (result->findings)
    g_ptr_array_unref (result->findings);
  g_free (result);
}

/* Recomputes the deadlines from T0 with today's calendar into @row. */
static void
refresh_deadlines (CivDivorceRow *row, CivCalendar *calendar, CivDivorceDeadlines *out)
{
  GDate t0;

  if (row->accepted_on == NULL || !civ_date_parse_iso (row->accepted_on, &t0))
    return;
  civ_divorce_deadlines_compute (calendar, &t0, out);
  g_free (row->cooling_off_end);
  g_free (row->window_end);
  row->cooling_off_end = civ_date_format_iso (&out->cooling_off_end);
  row->window_end = civ_date_format_iso (&out->window_end);
  row->provisional = out->provisional;
}

static CivDivorceResult *
result_from_row (CivDivorceRow *row, CivCalendar *calendar)
{
  CivDivorceResult *r = g_new0 (CivDivorceResult, 1);

  r->record_id = g_strdup (row->record_id);
  r->state = g_strdup (row->state);
  r->marriage_record_id = g_strdup (row->marriage_record_id);
  r->certificate_no = g_strdup (row->certificate_no);
  r->findings = civ_findings_new ();
  g_date_clear (&r->deadlines.accepted, 1);
  refresh_deadlines (row, calendar, &r->deadlines);
  return r;
}

static char *
detail_for (const char *divorce_id, const char *marriage_id)
{
  g_autoptr (CivJson) json = civ_json_new ();

  civ_json_string (json, "divorce", divorce_id);
  civ_json_string (json, "marriage", marriage_id);
  return civ_json_finish (json);
}

/* Reports a step of the application to the province (protocol §10): the
 * holder reports, so an application another window holds reports nothing. */
static gboolean
report_step (CivDb               *db,
             const CivDivorceRow *row,
             const char          *state,
             const char          *closed_on,
             int                  withdrawn_by,
             GError             **error)
{
  g_autofree char *payload = NULL;

  if (row->held_by != NULL)
    return TRUE;
  payload = civ_divorce_application_payload (db, row, state, closed_on, withdrawn_by, error);
  return payload != NULL &&
         civ_outbox_enqueue (db, "divorce-application", row->record_id,
                             civ_divorce_state_from_db (state) == CIV_DIVORCE_STATE_COOLING ? 1 : 2,
                             payload, error);
}

/* R-D6: only the window that holds the application takes its next step. */
static gboolean
check_held_here (const CivDivorceRow *row, GError **error)
{
  if (row->held_by == NULL)
    return TRUE;
  civ_app_set_refusal (error, "R-D6",
                       _ ("R-D6: this application is now handled at workstation %s of the office "
                          "(since %s); fetch it from the province before taking the next step "
                          "here"),
                       row->held_by, row->held_since ? row->held_since : "?");
  return FALSE;
}

CivDivorceResult *
civ_divorce_accept (CivStore                    *store,
                    const char                  *marriage_key,
                    const GDate                 *today,
                    const CivDivorceApplication *application,
                    CivCalendar                 *calendar,
                    GError                     **error)
{
  g_autoptr (CivMarriageCurrent) marriage = NULL;
  g_autoptr (CivDivorceRow) open = NULL;
  g_autoptr (GError) local = NULL;
  g_autoptr (GPtrArray) findings = civ_findings_new ();
  g_autofree char    *today_iso = NULL;
  g_autofree char    *detail = NULL;
  g_autofree char    *office_code = NULL;
  CivDivorceRow       row = { 0 };
  CivDivorceDeadlines d;
  CivDivorceResult   *result;
  CivDb              *db;
  const char         *actor;
  gboolean            accepted;

  g_return_val_if_fail (CIV_IS_STORE (store) && today != NULL && application != NULL, NULL);

  if (!civ_require (store, CIV_PERM_REGISTER_MARRIAGE, error))
    return NULL;
  if (!g_date_valid (today) || marriage_key == NULL || *marriage_key == '\0')
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                           _ ("Give the marriage certificate number and a valid date"));
      return NULL;
    }
  db = civ_store_get_db (store);
  actor = civ_store_get_operator (store)->login;
  today_iso = civ_date_format_iso (today);
  office_code = civ_store_get_office_code (store);

  if (!civ_db_begin (db, error))
    return NULL;
  marriage = civ_marriage_find_current (db, marriage_key, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      goto fail;
    }

  /* R-D3: only a marriage registered in mainland China, found here. */
  if (marriage == NULL ||
      civ_marriage_state_from_db (marriage->state) != CIV_MARRIAGE_STATE_REGISTERED)
    {
      civ_db_rollback (db);
      civ_app_set_refusal (error, "R-D3",
                           _ ("R-D3: no registered, undissolved marriage “%s” is in the records; "
                              "the "
                              "application cannot be accepted"),
                           marriage_key);
      return NULL;
    }
  open = civ_divorce_row_open_for (db, marriage->record_id, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      goto fail;
    }
  if (open != NULL)
    {
      civ_db_rollback (db);
      civ_app_set_refusal (error, "R-D5",
                           _ ("R-D5: this marriage already has a divorce application in its "
                              "cooling-off "
                              "period or issuance window"));
      return NULL;
    }

  if (!application->both_present)
    civ_findings_add (findings, "R-D1", CIV_SEVERITY_REFUSE,
                      _ ("R-D1: both spouses must apply together, in person"));
  if (!application->agreement_signed)
    civ_findings_add (findings, "R-D3", CIV_SEVERITY_REFUSE,
                      _ ("R-D3: there is no written divorce agreement covering children, property "
                         "and debts"));
  if (!application->both_capable)
    civ_findings_add (findings, "R-D3", CIV_SEVERITY_REFUSE,
                      _ ("R-D3: a spouse lacks full civil capacity; divorce is a court matter"));
  if (!application->certificates_presented)
    civ_findings_add (findings, "R-D2", CIV_SEVERITY_REFUSE,
                      _ (
                        "R-D2: bring both marriage certificates (one lost: a written statement and "
                        "the other certificate; both lost: a statement and the archive copy, "
                        "R-D4)"));
  accepted = civ_findings_worst (findings) < CIV_SEVERITY_REFUSE;

  row.record_id = g_uuid_string_random ();
  row.marriage_record_id = marriage->record_id;
  row.state = (char *) civ_divorce_state_to_db (accepted ? CIV_DIVORCE_STATE_COOLING
                                                         : CIV_DIVORCE_STATE_NOT_ACCEPTED);
  row.office_code = office_code;
  if (accepted)
    {
      row.accepted_on = today_iso;
      civ_divorce_deadlines_compute (calendar, today, &d);
      row.cooling_off_end = civ_date_format_iso (&d.cooling_off_end);
      row.window_end = civ_date_format_iso (&d.window_end);
      row.provisional = d.provisional;
    }
  row.agreement_ref = (char *) application->agreement_ref;
  row.id = civ_divorce_row_insert (db, &row, application->agreement_ref, actor, error);
  detail = detail_for (row.record_id, marriage->record_id);
  if (row.id == 0 || !civ_divorce_event_add (db, row.id, today_iso, row.state, actor, NULL, error))
    goto fail_row;
  if (accepted && !report_step (db, &row, row.state, NULL, -1, error))
    goto fail_row;
  for (guint i = 0; i < findings->len; i++)
    {
      CivFinding *f = g_ptr_array_index (findings, i);
      if (!civ_findings_store (db, "divorce", row.id, f->rule, civ_severity_to_string (f->severity),
                               f->message, error))
        goto fail_row;
    }
  if (!civ_store_audit (store, accepted ? "divorce.accept" : "divorce.not-accepted", row.record_id,
                        detail, error) ||
      !civ_db_commit (db, error))
    goto fail_row;

  result = g_new0 (CivDivorceResult, 1);
  result->record_id = row.record_id;
  result->state = g_strdup (row.state);
  result->marriage_record_id = g_strdup (marriage->record_id);
  result->findings = g_steal_pointer (&findings);
  g_date_clear (&result->deadlines.accepted, 1);
  if (accepted)
    result->deadlines = d;
  g_free (row.cooling_off_end);
  g_free (row.window_end);
  return result;

fail_row:
  g_free (row.record_id);
  g_free (row.cooling_off_end);
  g_free (row.window_end);
fail:
  civ_db_rollback (db);
  return NULL;
}

/* Loads an application inside the caller's transaction, refreshing its deadlines. */
static CivDivorceRow *
load_open (
  CivDb *db, const char *record_id, CivCalendar *calendar, CivDivorceDeadlines *d, GError **error)
{
  g_autoptr (CivDivorceRow) row = civ_divorce_row_find (db, record_id, error);

  if (row == NULL)
    {
      if (error && *error == NULL)
        g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                     _ ("There is no divorce application “%s”"), record_id);
      return NULL;
    }
  if (civ_divorce_state_from_db (row->state) != CIV_DIVORCE_STATE_COOLING)
    {
      /* R-D5, R-D6: withdrawal and issuance only while the application is open. */
      civ_app_set_refusal (error, "R-D5", _ ("The divorce application is already closed (%s)"),
                           civ_divorce_state_label_db (row->state));
      return NULL;
    }
  refresh_deadlines (row, calendar, d);
  return g_steal_pointer (&row);
}

gboolean
civ_divorce_withdraw (CivStore    *store,
                      const char  *record_id,
                      guint        party,
                      const GDate *today,
                      CivCalendar *calendar,
                      GError     **error)
{
  g_autoptr (CivDivorceRow) row = NULL;
  g_autofree char    *today_iso = NULL;
  g_autofree char    *detail = NULL;
  CivDivorceDeadlines d;
  CivDb              *db;
  const char         *actor;

  g_return_val_if_fail (CIV_IS_STORE (store) && today != NULL, FALSE);

  if (!civ_require (store, CIV_PERM_REGISTER_MARRIAGE, error))
    return FALSE;
  if (party > 1 || !g_date_valid (today))
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                           _ ("Say which spouse withdraws, and on a valid date"));
      return FALSE;
    }
  db = civ_store_get_db (store);
  actor = civ_store_get_operator (store)->login;
  today_iso = civ_date_format_iso (today);
  if (!civ_db_begin (db, error))
    return FALSE;
  row = load_open (db, record_id, calendar, &d, error);
  if (row == NULL || !check_held_here (row, error))
    goto fail;
  if (civ_divorce_deadlines_phase (&d, today) != CIV_DIVORCE_PHASE_COOLING)
    {
      civ_app_set_refusal (error, "R-D5",
                           _ ("R-D5: an application can be withdrawn only during the cooling-off "
                              "period, "
                              "which ended on %s"),
                           row->cooling_off_end);
      goto fail;
    }
  {
    g_autoptr (CivJson) json = civ_json_new ();

    civ_json_string (json, "divorce", record_id);
    civ_json_int (json, "party", party);
    detail = civ_json_finish (json);
  }
  if (!civ_divorce_row_update (db, row, civ_divorce_state_to_db (CIV_DIVORCE_STATE_WITHDRAWN),
                               today_iso, (int) party, NULL, error) ||
      !civ_divorce_event_add (db, row->id, today_iso,
                              civ_divorce_state_to_db (CIV_DIVORCE_STATE_WITHDRAWN), actor, detail,
                              error) ||
      !report_step (db, row, civ_divorce_state_to_db (CIV_DIVORCE_STATE_WITHDRAWN), today_iso,
                    (int) party, error) ||
      !civ_store_audit (store, "divorce.withdraw", record_id, detail, error) ||
      !civ_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  civ_db_rollback (db);
  return FALSE;
}

static char *
divorce_payload (const CivDivorceRow *row, const char *certificate, const char *issued_on)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, "divorce");
  json_builder_set_member_name (b, "record_id");
  json_builder_add_string_value (b, row->record_id);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "marriage_record_id");
  json_builder_add_string_value (b, row->marriage_record_id);
  json_builder_set_member_name (b, "accepted_on");
  json_builder_add_string_value (b, row->accepted_on);
  json_builder_set_member_name (b, "issued_on");
  json_builder_add_string_value (b, issued_on);
  json_builder_set_member_name (b, "certificate_no");
  json_builder_add_string_value (b, certificate);
  json_builder_set_member_name (b, "office_code");
  json_builder_add_string_value (b, row->office_code);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

CivDivorceResult *
civ_divorce_issue (CivStore    *store,
                   const char  *record_id,
                   const GDate *today,
                   gboolean     both_present,
                   gboolean     consent_confirmed,
                   CivCalendar *calendar,
                   GError     **error)
{
  g_autoptr (CivDivorceRow) row = NULL;
  g_autoptr (CivMarriageCurrent) marriage = NULL;
  g_autofree char    *today_iso = NULL;
  g_autofree char    *certificate = NULL;
  g_autofree char    *detail = NULL;
  g_autofree char    *payload = NULL;
  CivDivorceDeadlines d;
  CivDivorceResult   *result;
  CivDb              *db;
  const char         *actor;
  CivDivorcePhase     phase;

  g_return_val_if_fail (CIV_IS_STORE (store) && today != NULL, NULL);

  if (!civ_require (store, CIV_PERM_REGISTER_MARRIAGE, error))
    return NULL;
  db = civ_store_get_db (store);
  actor = civ_store_get_operator (store)->login;
  today_iso = civ_date_format_iso (today);
  if (today_iso == NULL)
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                           _ ("The date is not valid"));
      return NULL;
    }
  if (!civ_db_begin (db, error))
    return NULL;
  row = load_open (db, record_id, calendar, &d, error);
  if (row == NULL || !check_held_here (row, error))
    goto fail;
  phase = civ_divorce_deadlines_phase (&d, today);
  if (phase == CIV_DIVORCE_PHASE_COOLING || phase == CIV_DIVORCE_PHASE_BEFORE)
    {
      civ_app_set_refusal (error, "R-D5",
                           _ ("R-D5: the cooling-off period runs until %s; the certificate can be "
                              "issued "
                              "from the day after"),
                           row->cooling_off_end);
      goto fail;
    }
  if (phase == CIV_DIVORCE_PHASE_LAPSED)
    {
      civ_app_set_refusal (error, "R-D6",
                           _ ("R-D6: the issuance window ended on %s; the application is deemed "
                              "withdrawn"),
                           row->window_end);
      goto fail;
    }
  if (!both_present)
    {
      /* R-D6: both must appear together; the window stays open. */
      civ_app_set_refusal (error, "R-D6", "%s",
                           _ ("R-D6: both spouses must appear together to receive the divorce "
                              "certificate"));
      goto fail;
    }

  result = result_from_row (row, calendar);
  if (!consent_confirmed)
    {
      civ_findings_add (result->findings, "R-D7", CIV_SEVERITY_REFUSE,
                        _ ("R-D7: consent to the divorce and the agreement were not confirmed at "
                           "issuance"));
      detail = detail_for (record_id, row->marriage_record_id);
      if (!civ_divorce_row_update (db, row, civ_divorce_state_to_db (CIV_DIVORCE_STATE_REFUSED),
                                   today_iso, -1, NULL, error) ||
          !civ_divorce_event_add (db, row->id, today_iso,
                                  civ_divorce_state_to_db (CIV_DIVORCE_STATE_REFUSED), actor, NULL,
                                  error) ||
          !civ_findings_store (db, "divorce", row->id, "R-D7", "refuse",
                               ((CivFinding *) g_ptr_array_index (result->findings, 0))->message,
                               error) ||
          !report_step (db, row, civ_divorce_state_to_db (CIV_DIVORCE_STATE_REFUSED), today_iso, -1,
                        error) ||
          !civ_store_audit (store, "divorce.refuse", record_id, detail, error) ||
          !civ_db_commit (db, error))
        {
          civ_divorce_result_free (result);
          goto fail;
        }
      g_free (result->state);
      result->state = g_strdup (civ_divorce_state_to_db (CIV_DIVORCE_STATE_REFUSED));
      return result;
    }

  marriage = civ_marriage_find_current (db, row->marriage_record_id, error);
  if (marriage == NULL ||
      civ_marriage_state_from_db (marriage->state) != CIV_MARRIAGE_STATE_REGISTERED)
    {
      if (error && *error == NULL)
        civ_app_set_refusal (error, "R-D3", "%s", _ ("R-D3: the marriage is no longer registered"));
      civ_divorce_result_free (result);
      goto fail;
    }
  certificate = civ_certificate_allocate (db, "L", row->office_code, g_date_get_year (today),
                                          row->record_id, actor, error);
  detail = detail_for (record_id, row->marriage_record_id);
  payload = certificate ? divorce_payload (row, certificate, today_iso) : NULL;
  if (certificate == NULL ||
      civ_marriage_new_version (db, marriage,
                                civ_marriage_state_to_db (CIV_MARRIAGE_STATE_DISSOLVED_REG),
                                record_id, NULL, actor, error) == 0 ||
      !civ_divorce_row_update (db, row, civ_divorce_state_to_db (CIV_DIVORCE_STATE_REGISTERED),
                               today_iso, -1, certificate, error) ||
      !civ_divorce_event_add (db, row->id, today_iso,
                              civ_divorce_state_to_db (CIV_DIVORCE_STATE_REGISTERED), actor,
                              certificate, error) ||
      !civ_outbox_enqueue (db, "divorce", record_id, 1, payload, error) ||
      !civ_store_audit (store, "divorce.register", certificate, detail, error))
    {
      civ_divorce_result_free (result);
      goto fail;
    }
  for (guint i = 0; i < 2; i++)
    if (marriage->person_id[i] > 0 &&
        !civ_person_set_status (db, marriage->person_id[i], CIV_MARITAL_DIVORCED, NULL, error))
      {
        civ_divorce_result_free (result);
        goto fail;
      }
  if (!civ_db_commit (db, error))
    {
      civ_divorce_result_free (result);
      goto fail;
    }
  g_free (result->state);
  result->state = g_strdup (civ_divorce_state_to_db (CIV_DIVORCE_STATE_REGISTERED));
  result->certificate_no = g_steal_pointer (&certificate);
  return result;

fail:
  civ_db_rollback (db);
  return NULL;
}

guint
civ_divorce_apply_lapses (CivStore    *store,
                          const GDate *today,
                          CivCalendar *calendar,
                          GError     **error)
{
  g_autoptr (GPtrArray) open = NULL;
  g_autofree char *today_iso = civ_date_format_iso (today);
  CivDb           *db;
  const char      *actor;
  guint            lapsed = 0;

  g_return_val_if_fail (CIV_IS_STORE (store) && today != NULL, 0);

  if (!civ_require (store, CIV_PERM_REGISTER_MARRIAGE, error))
    return 0;
  db = civ_store_get_db (store);
  actor = civ_store_get_operator (store)->login;
  if (!civ_db_begin (db, error))
    return 0;
  open = civ_divorce_row_list_open (db, error);
  if (open == NULL)
    goto fail;
  for (guint i = 0; i < open->len; i++)
    {
      const char         *id = g_ptr_array_index (open, i);
      CivDivorceDeadlines d;
      g_autoptr (CivDivorceRow) row = load_open (db, id, calendar, &d, error);
      g_autofree char *detail = NULL;

      if (row == NULL)
        goto fail;
      if (civ_divorce_deadlines_phase (&d, today) != CIV_DIVORCE_PHASE_LAPSED)
        continue;
      {
        g_autoptr (CivJson) json = civ_json_new ();

        civ_json_string (json, "divorce", id);
        civ_json_string (json, "window_end", row->window_end);
        detail = civ_json_finish (json);
      }
      if (!civ_divorce_row_update (db, row, civ_divorce_state_to_db (CIV_DIVORCE_STATE_LAPSED),
                                   today_iso, -1, NULL, error) ||
          !civ_divorce_event_add (db, row->id, today_iso,
                                  civ_divorce_state_to_db (CIV_DIVORCE_STATE_LAPSED), actor, detail,
                                  error) ||
          !report_step (db, row, civ_divorce_state_to_db (CIV_DIVORCE_STATE_LAPSED), today_iso, -1,
                        error) ||
          !civ_store_audit (store, "divorce.lapse", id, detail, error))
        goto fail;
      lapsed++;
    }
  if (!civ_db_commit (db, error))
    goto fail;
  return lapsed;

fail:
  civ_db_rollback (db);
  return 0;
}

CivDivorceResult *
civ_divorce_get (CivStore *store, const char *record_id, CivCalendar *calendar, GError **error)
{
  g_autoptr (CivDivorceRow) row = NULL;

  if (!civ_require (store, CIV_PERM_REGISTER_MARRIAGE, error))
    return NULL;
  row = civ_divorce_row_find (civ_store_get_db (store), record_id, error);
  if (row == NULL)
    {
      if (error && *error == NULL)
        g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                     _ ("There is no divorce application “%s”"), record_id);
      return NULL;
    }
  return result_from_row (row, calendar);
}
