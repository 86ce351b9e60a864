// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-marriage-service.c — registering (or refusing) a marriage at the counter */
#include "civ-marriage-service.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-identity-check.h"
#include "civ-idnumber.h"
#include "civ-permissions.h"
#include "civ-pinyin.h"
#include "civ-person-links.h"
#include "civ-registry-store.h"
#include "civ-json.h"
#include "civ-states.h"

typedef struct
{
  CivIdCheck   *id;
  char         *id_key;
  char         *birth_iso;
  CivPersonRow *person;
} PartyFacts;

static void
facts_clear (PartyFacts facts[2])
{
  for (guint i = 0; i < 2; i++)
    {
      g_clear_pointer (&facts[i].id, civ_id_check_free);
      g_clear_pointer (&facts[i].id_key, g_free);
      g_clear_pointer (&facts[i].birth_iso, g_free);
      g_clear_pointer (&facts[i].person, civ_person_row_free);
    }
}

void
civ_marriage_input_init (CivMarriageInput *input)
{
  memset (input, 0, sizeof *input);
  for (guint i = 0; i < 2; i++)
    g_date_clear (&input->party[i].birth_date, 1);
  g_date_clear (&input->registration_date, 1);
  g_date_clear (&input->effective_from, 1);
  input->status_source = CIV_STATUS_SOURCE_LOCAL_ONLY;
}

void
civ_marriage_result_free (CivMarriageResult *result)
{
  if (result == NULL)
    return;
  g_free (result->record_id);
  g_free (result->certificate_no);
  if (result->findings)
    g_ptr_array_unref (result->findings);
  g_free (result);
}

static char *
date_iso (const GDate *d)
{
  if (d == NULL || !g_date_valid (d))
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (d), g_date_get_month (d),
                          g_date_get_day (d));
}

/* Identity numbers of the resident-ID family share one key space (a 15-digit
 * number matches its 18-digit form); other documents are keyed by kind. */
static char *
make_id_key (const CivIdCheck *id)
{
  if (id->normalized == NULL)
    return NULL;
  switch (id->kind)
    {
    case CIV_DOC_RESIDENT_ID:
    case CIV_DOC_RESIDENT_ID_15:
    case CIV_DOC_RESIDENCE_PERMIT_HK:
    case CIV_DOC_RESIDENCE_PERMIT_MO:
    case CIV_DOC_RESIDENCE_PERMIT_TW:
      return g_strdup (id->normalized);
    case CIV_DOC_UNKNOWN:
    case CIV_DOC_FOREIGN_PR:
    case CIV_DOC_FOREIGN_PR_OLD:
    case CIV_DOC_HK_MO_PERMIT:
    case CIV_DOC_TW_PERMIT:
    case CIV_DOC_PASSPORT:
    default:
      return g_strdup_printf ("%s:%s", civ_doc_kind_to_string (id->kind), id->normalized);
    }
}

char *
civ_marriage_party_id_key (const CivMarriagePartyInput *party,
                           const GDate                 *registration_date,
                           CivDivisionTable            *divisions)
{
  g_autoptr (CivIdCheck) id = NULL;
  CivDocKind kind = CIV_DOC_UNKNOWN;

  g_return_val_if_fail (party != NULL && registration_date != NULL, NULL);

  if (party->doc_kind != NULL && !civ_doc_kind_from_string (party->doc_kind, &kind))
    return NULL;
  id =
    civ_id_check (party->doc_number ? party->doc_number : "", kind, registration_date, divisions);
  return make_id_key (id);
}

/* Collects what the rules need: the identity checks and the person index. */
static gboolean
gather (CivDb                  *db,
        const CivMarriageInput *in,
        CivDivisionTable       *divisions,
        CivMarriageApplication *app,
        PartyFacts              facts[2],
        GPtrArray              *extra,
        GError                **error)
{
  civ_marriage_application_init (app);
  app->registration_date = in->registration_date;
  app->effective_from = in->effective_from;
  app->status_source = in->status_source;
  app->pending_elsewhere = in->pending_elsewhere;
  app->windows_pending = in->windows_pending;
  app->office_designated = in->office_designated;
  app->household_jurisdiction = in->household_jurisdiction;
  app->age_boundary = in->age_boundary;
  app->kinship = CIV_KINSHIP_NONE_KNOWN;

  for (guint i = 0; i < 2; i++)
    {
      const CivMarriagePartyInput *p = &in->party[i];
      CivMarriageParty            *q = &app->party[i];
      CivDocKind                   kind = CIV_DOC_UNKNOWN;
      g_autoptr (GError) local = NULL;

      if (p->doc_kind != NULL && !civ_doc_kind_from_string (p->doc_kind, &kind))
        {
          g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                       _ ("Unknown identity document type “%s”"), p->doc_kind);
          return FALSE;
        }

      facts[i].id =
        civ_id_check (p->doc_number ? p->doc_number : "", kind, &in->registration_date, divisions);
      for (guint f = 0; f < facts[i].id->findings->len; f++)
        {
          CivFinding *finding = g_ptr_array_index (facts[i].id->findings, f);
          if (finding->severity >= CIV_SEVERITY_WARN)
            g_ptr_array_add (extra, civ_finding_copy (finding));
        }
      facts[i].id_key = make_id_key (facts[i].id);
      /* R-M10: the card read from its chip is valid and is the document typed. */
      civ_identity_checks_findings (p->identity_checks, p->doc_number, &in->registration_date,
                                    "R-M10", extra);

      q->name = p->name;
      q->category = p->category;
      q->appears_in_person = p->appears_in_person;
      q->consents = p->consents;
      q->declaration_signed = p->declaration_signed;
      q->documents_complete = p->documents_complete;
      q->id_valid = facts[i].id->valid && p->name != NULL && *p->name != '\0';
      /* For resident IDs the number is the authority on birth date and sex. */
      if (g_date_valid (&facts[i].id->birth_date))
        {
          q->birth_date = facts[i].id->birth_date;
          q->sex = facts[i].id->sex;
        }
      else
        {
          q->birth_date = p->birth_date;
          q->sex = p->sex;
        }
      facts[i].birth_iso = date_iso (&q->birth_date);

      q->status_before = CIV_MARITAL_NOT_STATED;
      if (facts[i].id_key)
        {
          facts[i].person = civ_person_find (db, facts[i].id_key, &local);
          if (local)
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
        }
      if (facts[i].person)
        {
          q->status_before = (CivMaritalStatus) facts[i].person->marital_status;
          q->has_current_marriage = facts[i].person->current_marriage != NULL;
        }
      if (in->online_married[i])
        q->has_current_marriage = TRUE;
    }

  /* R-M4 (CC 1111): kinship the person index knows, adoptive kinship
   * included, as it holds on the registration date. */
  if (facts[0].person && facts[1].person)
    {
      g_autofree char *on = date_iso (&in->registration_date);
      CivPersonKin     kin = CIV_PERSON_KIN_NONE;

      if (on != NULL &&
          !civ_person_kinship_on (db, facts[0].person->id, facts[1].person->id, on, &kin, error))
        return FALSE;
      app->kinship = kin == CIV_PERSON_KIN_LINEAL       ? CIV_KINSHIP_LINEAL
                     : kin == CIV_PERSON_KIN_COLLATERAL ? CIV_KINSHIP_COLLATERAL_3
                                                        : CIV_KINSHIP_NONE_KNOWN;
    }

  if (facts[0].id_key && facts[1].id_key)
    {
      gboolean were = FALSE;

      if (g_strcmp0 (facts[0].id_key, facts[1].id_key) == 0)
        civ_findings_add (extra, "R-ID1", CIV_SEVERITY_REFUSE,
                          _ ("R-ID1: both parties have the same identity number"));
      if (!civ_marriage_were_spouses (db, facts[0].id_key, facts[1].id_key, &were, error))
        return FALSE;
      app->former_spouses = were;
    }
  return TRUE;
}

static GPtrArray *
evaluate (const CivMarriageApplication *app, GPtrArray *extra)
{
  GPtrArray *findings = civ_marriage_check (app);

  for (guint i = 0; i < extra->len; i++)
    g_ptr_array_add (findings, civ_finding_copy (g_ptr_array_index (extra, i)));
  return findings;
}

GPtrArray *
civ_marriage_preview (CivStore               *store,
                      const CivMarriageInput *input,
                      CivDivisionTable       *divisions,
                      GError                **error)
{
  g_autoptr (GPtrArray) extra = civ_findings_new ();
  CivMarriageApplication app;
  PartyFacts             facts[2] = { { 0 } };
  GPtrArray             *findings = NULL;

  g_return_val_if_fail (CIV_IS_STORE (store) && input != NULL, NULL);

  if (!civ_require (store, CIV_PERM_REGISTER_MARRIAGE, error))
    return NULL;
  if (gather (civ_store_get_db (store), input, divisions, &app, facts, extra, error))
    findings = evaluate (&app, extra);
  facts_clear (facts);
  return findings;
}

static char *
report_payload (const char                   *record_id,
                const char                   *state,
                const char                   *reg_date,
                const char                   *effective,
                const char                   *certificate,
                const char                   *office_code,
                const CivMarriageApplication *app,
                const CivPartyRow             rows[2],
                const CivMarriageInput       *input,
                const char                   *status_source)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, "marriage");
  json_builder_set_member_name (b, "record_id");
  json_builder_add_string_value (b, record_id);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "state");
  json_builder_add_string_value (b, state);
  json_builder_set_member_name (b, "registration_date");
  json_builder_add_string_value (b, reg_date);
  json_builder_set_member_name (b, "effective_from");
  json_builder_add_string_value (b, effective);
  json_builder_set_member_name (b, "certificate_no");
  json_builder_add_string_value (b, certificate);
  json_builder_set_member_name (b, "office_code");
  json_builder_add_string_value (b, office_code);
  json_builder_set_member_name (b, "status_source");
  json_builder_add_string_value (b, status_source);
  json_builder_set_member_name (b, "parties");
  json_builder_begin_array (b);
  for (guint i = 0; i < 2; i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, rows[i].name);
      json_builder_set_member_name (b, "sex");
      json_builder_add_int_value (b, rows[i].sex);
      json_builder_set_member_name (b, "birth_date");
      json_builder_add_string_value (b, rows[i].birth_date);
      json_builder_set_member_name (b, "doc_kind");
      json_builder_add_string_value (b, rows[i].doc_kind);
      json_builder_set_member_name (b, "doc_number");
      json_builder_add_string_value (b, rows[i].doc_number);
      json_builder_set_member_name (b, "nationality");
      json_builder_add_string_value (b, rows[i].nationality);
      json_builder_set_member_name (b, "resident_category");
      json_builder_add_string_value (b, rows[i].resident_category);
      json_builder_set_member_name (b, "nature");
      json_builder_add_int_value (b, rows[i].nature);
      json_builder_set_member_name (b, "identity_checks");
      civ_identity_checks_to_json (b, input->party[i].identity_checks);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

CivMarriageResult *
civ_marriage_register (CivStore               *store,
                       const CivMarriageInput *input,
                       CivDivisionTable       *divisions,
                       GError                **error)
{
  g_autoptr (GPtrArray) extra = civ_findings_new ();
  g_autoptr (CivMarriageResult) result = g_new0 (CivMarriageResult, 1);
  g_autofree char *office_code = NULL;
  g_autofree char *office_name = NULL;
  g_autofree char *reg_iso = NULL;
  g_autofree char *eff_iso = NULL;
  char            *pinyin[2] = { NULL, NULL };
  char            *initials[2] = { NULL, NULL };
  g_autoptr (CivPinyin) py = NULL;
  CivMarriageApplication app;
  PartyFacts             facts[2] = { { 0 } };
  CivPartyRow            rows[2];
  CivMarriageRow         row = { 0 };
  const CivOperator     *op;
  CivDb                 *db;
  gint64                 row_id;

  g_return_val_if_fail (CIV_IS_STORE (store) && input != NULL, NULL);

  if (!civ_require (store, CIV_PERM_REGISTER_MARRIAGE, error))
    return NULL;
  /* Bad documents are refused before anything is written. */
  for (guint i = 0; input->documents && i < input->documents->len; i++)
    if (!civ_document_input_check (g_ptr_array_index (input->documents, i), error))
      return NULL;
  for (guint i = 0; i < 2; i++)
    for (guint k = 0; input->party[i].identity_checks && k < input->party[i].identity_checks->len;
         k++)
      if (!civ_identity_check_input_check (g_ptr_array_index (input->party[i].identity_checks, k),
                                           error))
        return NULL;
  py = civ_pinyin_new (error);
  if (py == NULL)
    return NULL;
  db = civ_store_get_db (store);
  op = civ_store_get_operator (store);
  office_code = civ_store_get_office_code (store);
  office_name = civ_store_get_office_name (store);

  if (!civ_db_begin (db, error))
    return NULL;
  if (!gather (db, input, divisions, &app, facts, extra, error))
    goto fail;
  result->findings = evaluate (&app, extra);
  result->registered = civ_marriage_may_register (result->findings);
  result->record_id = g_uuid_string_random ();
  reg_iso = date_iso (&input->registration_date);
  eff_iso =
    g_date_valid (&input->effective_from) ? date_iso (&input->effective_from) : g_strdup (reg_iso);
  if (reg_iso == NULL)
    {
      /* A record needs a date; the R-M13 finding already says so. */
      civ_app_set_invalid (error, "R-M13", "%s",
                           _ ("R-M13: the registration date is missing or not a real date"));
      goto fail;
    }

  if (result->registered)
    {
      result->certificate_no =
        civ_certificate_allocate (db, "J", office_code, g_date_get_year (&input->registration_date),
                                  result->record_id, op->login, error);
      if (result->certificate_no == NULL)
        goto fail;
    }

  for (guint i = 0; i < 2; i++)
    {
      const CivMarriagePartyInput *p = &input->party[i];

      civ_pinyin_name (py, p->name, &pinyin[i], &initials[i]);
      rows[i] = (CivPartyRow){
        .position = (int) i,
        .name = p->name ? p->name : "",
        .name_pinyin = pinyin[i],
        .name_initials = initials[i],
        .sex = app.party[i].sex,
        .birth_date = facts[i].birth_iso,
        .nationality = p->nationality ? p->nationality : "CHN",
        .ethnicity = p->ethnicity,
        .occupation = p->occupation,
        .doc_kind = civ_doc_kind_to_string (facts[i].id->kind),
        .doc_number = facts[i].id->recorded,
        .doc_status = "PRESENT",
        .id_key = facts[i].id_key,
        .resident_category = civ_resident_category_to_string (p->category),
        .status_before = app.party[i].status_before,
        .nature = civ_marriage_nature (&app, i),
      };
      /* Only registered marriages enter the person index. */
      if (result->registered && facts[i].id_key)
        {
          CivPersonRow person = {
            .id_key = facts[i].id_key,
            .doc_kind = (char *) rows[i].doc_kind,
            .doc_number = facts[i].id->recorded,
            .name = (char *) rows[i].name,
            .sex = rows[i].sex,
            .birth_date = facts[i].birth_iso,
          };
          rows[i].person_id = civ_person_upsert (db, &person, error);
          if (rows[i].person_id == 0 ||
              !civ_person_set_status (db, rows[i].person_id, rows[i].nature, result->record_id,
                                      error))
            goto fail;
        }
      else if (facts[i].person)
        rows[i].person_id = facts[i].person->id;
    }

  row = (CivMarriageRow){
    .record_id = result->record_id,
    .version = 1,
    .state = civ_marriage_state_to_db (result->registered ? CIV_MARRIAGE_STATE_REGISTERED
                                                          : CIV_MARRIAGE_STATE_REFUSED),
    .registration_date = reg_iso,
    .effective_from = eff_iso,
    .office_code = office_code,
    .office_name = office_name,
    .registrar = op->login,
    .certificate_no = result->certificate_no,
    .status_source = input->status_source == CIV_STATUS_SOURCE_ONLINE ? "online" : "local-only",
    .remarks = input->remarks,
    .created_by = op->login,
  };
  row_id = civ_marriage_insert (db, &row, rows, 0, error);
  if (row_id == 0)
    goto fail;
  for (guint i = 0; i < result->findings->len; i++)
    {
      CivFinding *f = g_ptr_array_index (result->findings, i);
      if (!civ_findings_store (db, "marriage", row_id, f->rule,
                               civ_severity_to_string (f->severity), f->message, error))
        goto fail;
    }
  /* The documents brought to the counter, registered or refused alike. */
  if (!_civ_document_store_inputs (store, result->record_id, input->documents, error))
    goto fail;
  /* How each party was identified, registered or refused alike. */
  for (guint i = 0; i < 2; i++)
    if (!_civ_identity_checks_store (store, "marriage", result->record_id, i, rows[i].name,
                                     input->party[i].identity_checks, error))
      goto fail;

  if (result->registered)
    {
      g_autofree char *payload =
        report_payload (result->record_id, civ_marriage_state_to_db (CIV_MARRIAGE_STATE_REGISTERED),
                        reg_iso, eff_iso, result->certificate_no, office_code, &app, rows, input,
                        row.status_source);
      g_autoptr (CivJson) json = civ_json_new ();
      g_autofree char *detail = NULL;

      civ_json_string (json, "record_id", result->record_id);
      detail = civ_json_finish (json);

      if (!civ_outbox_enqueue (db, "marriage", result->record_id, 1, payload, error) ||
          !civ_store_audit (store, "marriage.register", result->certificate_no, detail, error))
        goto fail;
    }
  else
    {
      g_autoptr (GPtrArray) rules = g_ptr_array_new ();
      g_autoptr (CivJson) json = civ_json_new ();
      g_autofree char *detail = NULL;

      for (guint i = 0; i < result->findings->len; i++)
        {
          CivFinding *f = g_ptr_array_index (result->findings, i);
          if (f->severity == CIV_SEVERITY_REFUSE)
            g_ptr_array_add (rules, f->rule);
        }
      g_ptr_array_add (rules, NULL);
      civ_json_string (json, "record_id", result->record_id);
      civ_json_strv (json, "rules", (const char *const *) rules->pdata);
      detail = civ_json_finish (json);
      if (!civ_store_audit (store, "marriage.refuse", result->record_id, detail, error))
        goto fail;
    }

  if (!civ_db_commit (db, error))
    goto fail;
  facts_clear (facts);
  for (guint i = 0; i < 2; i++)
    {
      g_free (pinyin[i]);
      g_free (initials[i]);
    }
  return g_steal_pointer (&result);

fail:
  civ_db_rollback (db);
  facts_clear (facts);
  for (guint i = 0; i < 2; i++)
    {
      g_free (pinyin[i]);
      g_free (initials[i]);
    }
  return NULL;
}

CivMarriageResult *
civ_marriage_register_decided (CivStore               *store,
                               const CivMarriageInput *input,
                               CivDivisionTable       *divisions,
                               CivMarriageDecision     decision,
                               GError                **error)
{
  g_autoptr (GPtrArray) findings = civ_marriage_preview (store, input, divisions, error);
  gboolean refuse = decision == CIV_MARRIAGE_DECISION_REFUSE;

  if (findings == NULL)
    return NULL;
  if (civ_marriage_may_register (findings) == refuse)
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                           _ ("The checks changed in the meantime; nothing was stored. Look at "
                              "the checks again."));
      return NULL;
    }
  return civ_marriage_register (store, input, divisions, error);
}
