// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-funeral-case.c — the funeral case from the reported death to the
 * ashes (domain.md §4; issue 16) */
#include "civ-funeral-case.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-calendar.h"
#include "civ-cremation-stock-store.h"
#include "civ-cremation-stock.h"
#include "civ-document-store.h"
#include "civ-funeral-money-store.h"
#include "civ-funeral-report.h"
#include "civ-funeral-store.h"
#include "civ-idnumber.h"
#include "civ-json.h"
#include "civ-marriage-rules.h"
#include "civ-permissions.h"
#include "civ-registry-store.h"
#include "civ-states.h"

#define FIND_LIMIT 50
#define BOARD_LIMIT 500
#define PHONE_MAX 20
/* Whether the area allows a burial instead of cremation (R-F1, R-F3):
 * "true" where a province's regulation lets a minority keep its custom. */
#define SETTING_BURIAL_EXEMPT "funeral.burial_exempt_allowed"

CivFuneralStep *
civ_funeral_step_new (CivFuneralState to, const char *at)
{
  CivFuneralStep *step = g_new0 (CivFuneralStep, 1);

  step->to = to;
  step->at = g_strdup (at);
  g_date_clear (&step->deposit_expiry, 1);
  return step;
}

void
civ_funeral_step_free (CivFuneralStep *step)
{
  if (step == NULL)
    return;
  g_free (step->at);
  g_free (step->note);
  g_free (step->place);
  g_free (step->vehicle);
  g_free (step->staff);
  g_free (step->unit);
  g_free (step->death_certificate_no);
  g_free (step->furnace);
  g_free (step->furnace_operator);
  g_free (step->serial);
  g_free (step->basis);
  g_free (step->receiver);
  g_free (step);
}

static CivFuneralStep *
step_copy (const CivFuneralStep *s)
{
  CivFuneralStep *c = civ_funeral_step_new (s->to, s->at);

  c->note = g_strdup (s->note);
  c->place = g_strdup (s->place);
  c->vehicle = g_strdup (s->vehicle);
  c->staff = g_strdup (s->staff);
  c->unit = g_strdup (s->unit);
  c->death_certificate_no = g_strdup (s->death_certificate_no);
  c->certificate_on_file = s->certificate_on_file;
  c->consent_on_file = s->consent_on_file;
  c->furnace = g_strdup (s->furnace);
  c->furnace_operator = g_strdup (s->furnace_operator);
  c->serial = g_strdup (s->serial);
  c->basis = g_strdup (s->basis);
  c->eco_burial = s->eco_burial;
  c->deposit_expiry = s->deposit_expiry;
  c->receiver = g_strdup (s->receiver);
  return c;
}

static void
event_free (CivFuneralEvent *e)
{
  g_free (e->at);
  g_free (e->from_state);
  g_free (e->state);
  g_free (e->actor);
  g_free (e->detail);
  g_free (e);
}

void
civ_funeral_view_free (CivFuneralView *v)
{
  if (v == NULL)
    return;
  g_free (v->record_id);
  g_free (v->case_no);
  g_free (v->reported_on);
  g_free (v->closed_on);
  civ_funeral_report_free (v->report);
  g_free (v->storage_unit);
  g_free (v->storage_in);
  g_free (v->storage_out);
  g_free (v->deposit_place);
  g_free (v->deposit_expiry);
  g_free (v->cremation_serial);
  g_free (v->marriage_ended);
  g_clear_pointer (&v->events, g_ptr_array_unref);
  g_clear_pointer (&v->documents, g_ptr_array_unref);
  g_clear_pointer (&v->findings, g_ptr_array_unref);
  g_free (v);
}

void
civ_funeral_case_summary_free (CivFuneralCaseSummary *s)
{
  if (s == NULL)
    return;
  g_free (s->record_id);
  g_free (s->case_no);
  g_free (s->deceased);
  g_free (s->reported_on);
  g_free (s->agent_phone);
  g_free (s);
}

static void
board_entry_free (CivFuneralBoardEntry *e)
{
  g_free (e->case_no);
  g_free (e->deceased);
  g_free (e->detail);
  g_free (e->since);
  g_free (e->until);
  g_free (e);
}

void
civ_funeral_board_free (CivFuneralBoard *b)
{
  if (b == NULL)
    return;
  g_clear_pointer (&b->in_storage, g_ptr_array_unref);
  g_clear_pointer (&b->awaiting_collection, g_ptr_array_unref);
  g_clear_pointer (&b->awaiting_cremation, g_ptr_array_unref);
  g_clear_pointer (&b->deposits_expiring, g_ptr_array_unref);
  g_free (b);
}

/* ---- Checks ------------------------------------------------------------ */

static gboolean
blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  while (g_ascii_isspace (*text))
    text++;
  return *text == '\0';
}

/* @text (may be NULL) is short text without control characters. */
static gboolean
check_text (const char *text, guint max, const char *what, GError **error)
{
  g_autofree char *clean = NULL;

  if (text == NULL)
    return TRUE;
  clean = civ_funeral_clean_text (text, max, what, NULL, error);
  return clean != NULL;
}

static gboolean
require_text (const char *text, const char *rule, const char *what, GError **error)
{
  if (!blank (text))
    return check_text (text, CIV_FUNERAL_TEXT_MAX, what, error);
  civ_app_set_invalid (error, rule, _ ("%s: the %s is missing; enter it"), rule, what);
  return FALSE;
}

/* A refusal carrying every refusing finding, the first one's rule as its
 * rule. FALSE when a finding refuses. */
static gboolean
refuse_findings (GPtrArray *findings, GError **error)
{
  g_autoptr (GString) text = g_string_new (NULL);
  const char *rule = NULL;

  for (guint i = 0; i < findings->len; i++)
    {
      const CivFinding *f = g_ptr_array_index (findings, i);

      if (f->severity < CIV_SEVERITY_REFUSE)
        continue;
      if (rule == NULL)
        rule = f->rule;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, "%s: %s", f->rule, f->message);
    }
  if (rule == NULL)
    return TRUE;
  civ_app_set_refusal (error, rule, "%s", text->str);
  return FALSE;
}

static const char *
doc_kind_code (CivDeceasedIdType t)
{
  static const char *const codes[] = { "", "1", "2", "3", "4", "5", "6", "7", "", "9" };

  return (t >= 0 && (gsize) t < G_N_ELEMENTS (codes)) ? codes[t] : "";
}

static CivDeceasedIdType
doc_kind_from_code (const char *code)
{
  if (code == NULL || strlen (code) != 1 || !g_ascii_isdigit (code[0]) || code[0] == '8')
    return CIV_DECEASED_ID_NONE;
  return (CivDeceasedIdType) (code[0] - '0');
}

/* The 18-digit key of a resident ID, shared with the person index; NULL
 * for other documents. */
static char *
id_key_of (CivDeceasedIdType type, const char *number, const GDate *on)
{
  g_autoptr (CivIdCheck) check = NULL;

  if (type != CIV_DECEASED_ID_CARD || blank (number))
    return NULL;
  check = civ_id_check (number, CIV_DOC_RESIDENT_ID, on, NULL);
  return check->valid ? g_strdup (check->normalized) : NULL;
}

/* R-F6 and R-F5 on a report; the agent's phone. */
static gboolean
check_report (const CivFuneralReport *r, const GDate *today, GError **error)
{
  g_autoptr (GPtrArray) findings = civ_findings_new ();
  CivFuneralDeceased d;
  GDate              death;

  civ_funeral_report_deceased (r, &d);
  if (r->death_at == NULL || !civ_funeral_parse_moment (r->death_at, &death, NULL))
    g_date_clear (&d.death_date, 1);
  civ_funeral_check_deceased (&d, today, findings);
  if (!blank (r->death_certificate_no) && g_date_valid (&d.death_date))
    civ_death_cert_number_check (r->death_certificate_no, &d.death_date,
                                 r->id_type == CIV_DECEASED_ID_CARD ? r->id_number : NULL,
                                 findings);
  if (r->marital_status != 1 && r->marital_status != 2 && r->marital_status != 3 &&
      r->marital_status != 4 && r->marital_status != 9)
    civ_findings_add (findings, "R-F6", CIV_SEVERITY_REFUSE,
                      _ ("The marital status is not one of the form’s codes (1–4, 9); choose one"));
  if (!blank (r->agent_phone))
    {
      guint    digits = 0;
      gboolean bad = strlen (r->agent_phone) > PHONE_MAX;

      for (const char *p = r->agent_phone; *p && !bad; p++)
        if (g_ascii_isdigit (*p))
          digits++;
        else if (*p != '-' && *p != ' ' && !(*p == '+' && p == r->agent_phone))
          bad = TRUE;
      if (bad || digits < 5)
        civ_findings_add (findings, "R-F6", CIV_SEVERITY_REFUSE,
                          _ ("The agent’s phone number %s is not a phone number (digits, spaces "
                             "and dashes); check it"),
                          r->agent_phone);
    }
  if (!blank (r->agent_id_number) && strlen (r->agent_id_number) == 18)
    {
      g_autoptr (CivIdCheck) check =
        civ_id_check (r->agent_id_number, CIV_DOC_RESIDENT_ID, today, NULL);

      if (!check->valid)
        civ_findings_add (findings, "R-ID2", CIV_SEVERITY_REFUSE,
                          _ ("The agent’s identity number %s is not valid; check it against the "
                             "card"),
                          r->agent_id_number);
    }
  if (!refuse_findings (findings, error))
    return FALSE;
  if (!check_text (r->name, CIV_FUNERAL_TEXT_MAX, _ ("name"), error) ||
      !check_text (r->description, CIV_FUNERAL_TEXT_MAX, _ ("description"), error) ||
      !check_text (r->address, CIV_FUNERAL_TEXT_MAX, _ ("address"), error) ||
      !check_text (r->cause_of_death, CIV_FUNERAL_TEXT_MAX, _ ("cause of death"), error) ||
      !check_text (r->agent_name, CIV_FUNERAL_TEXT_MAX, _ ("agent's name"), error) ||
      !check_text (r->agent_relationship, CIV_FUNERAL_TEXT_MAX, _ ("agent's relationship"), error))
    return FALSE;
  return TRUE;
}

/* ---- Reading a case ---------------------------------------------------- */

static CivFuneralReport *
report_from_row (const CivFuneralCaseRow *row)
{
  CivFuneralReport *r = civ_funeral_report_new ();

  r->unidentified = row->unidentified;
  r->description = g_strdup (row->description);
  r->name = g_strdup (row->deceased_name);
  r->sex = (CivSex) row->sex;
  r->ethnicity = g_strdup (row->ethnicity);
  r->country = g_strdup (row->country);
  r->id_type = doc_kind_from_code (row->doc_kind);
  r->id_number = g_strdup (row->doc_number);
  if (row->birth_date != NULL)
    civ_date_parse_iso (row->birth_date, &r->birth_date);
  r->death_at = g_strdup (row->death_at);
  r->death_place = (CivDeathPlace) row->death_place;
  r->marital_status = row->marital_status;
  r->address = g_strdup (row->address);
  r->cause_of_death = g_strdup (row->cause_of_death);
  r->death_certificate_no = g_strdup (row->death_certificate_no);
  r->agent_name = g_strdup (row->agent_name);
  r->agent_id_number = g_strdup (row->agent_doc_number);
  r->agent_relationship = g_strdup (row->agent_relationship);
  r->agent_phone = g_strdup (row->agent_phone);
  return r;
}

/* A member of an event's detail as stored (our own JSON). */
static JsonObject *
detail_object (JsonParser *parser, const char *detail)
{
  JsonNode *root;

  if (detail == NULL || !json_parser_load_from_data (parser, detail, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  return root && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
}

static CivFuneralView *
load_view (CivDb *db, const CivFuneralCaseRow *row, GError **error)
{
  g_autoptr (CivFuneralView) v = g_new0 (CivFuneralView, 1);
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (CivFuneralBoardRow) stay = NULL;
  g_autoptr (CivFuneralBoardRow) deposit = NULL;
  g_autoptr (GError) local = NULL;

  v->record_id = g_strdup (row->record_id);
  v->case_no = g_strdup (row->case_no);
  v->state = civ_funeral_state_from_string (row->state);
  v->reported_on = g_strdup (row->reported_on);
  v->closed_on = g_strdup (row->closed_on);
  v->report = report_from_row (row);
  v->findings = civ_findings_new ();
  v->events = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);
  events = civ_funeral_event_list (db, row->id, error);
  if (events == NULL)
    return NULL;
  for (guint i = 0; i < events->len; i++)
    {
      const CivFuneralEventRow *er = g_ptr_array_index (events, i);
      CivFuneralEvent          *e = g_new0 (CivFuneralEvent, 1);

      e->at = g_strdup (er->at);
      e->from_state = g_strdup (er->from_state);
      e->state = g_strdup (er->state);
      e->actor = g_strdup (er->actor_name ? er->actor_name : er->actor);
      e->detail = g_strdup (er->detail);
      g_ptr_array_add (v->events, e);
      if (g_strcmp0 (er->state, "DEATH_CERT_VERIFIED") == 0)
        {
          g_autoptr (JsonParser) parser = json_parser_new ();
          JsonObject *o = detail_object (parser, er->detail);
          const char *ended =
            o ? json_object_get_string_member_with_default (o, "marriage_ended", NULL) : NULL;

          g_free (v->marriage_ended);
          v->marriage_ended = g_strdup (ended);
        }
    }
  v->documents = civ_document_list (db, row->record_id, error);
  if (v->documents == NULL)
    return NULL;
  stay = civ_funeral_storage_of_case (db, row->id, &local);
  if (local == NULL)
    deposit = civ_funeral_deposit_of_case (db, row->id, &local);
  if (local == NULL)
    v->cremation_serial = civ_cremation_serial_of_case (db, row->case_no, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (stay != NULL)
    {
      v->storage_unit = g_strdup (stay->unit);
      v->storage_in = g_strdup (stay->in_at);
      v->storage_out = g_strdup (stay->until);
    }
  if (deposit != NULL)
    {
      v->deposit_place = g_strdup (deposit->unit);
      v->deposit_expiry = g_strdup (deposit->until);
    }
  return g_steal_pointer (&v);
}

static CivFuneralCaseRow *
find_case (CivDb *db, const char *key, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autofree char   *copy = g_strstrip (g_strdup (key ? key : ""));
  CivFuneralCaseRow *row;

  if (*copy == '\0' || !check_text (copy, 64, _ ("case number"), error))
    {
      if (error && *error == NULL)
        g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                             _ ("Give the case number"));
      return NULL;
    }
  row = civ_funeral_case_find (db, copy, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (row == NULL)
    g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID, _ ("There is no funeral case %s"),
                 copy);
  return row;
}

/* ---- Report ------------------------------------------------------------ */

CivFuneralView *
civ_funeral_case_report (CivStore               *store,
                         const CivFuneralReport *r,
                         const GDate            *today,
                         GError                **error)
{
  g_autoptr (CivFuneralCaseRow) row = g_new0 (CivFuneralCaseRow, 1);
  g_autoptr (CivFuneralCaseRow) stored = NULL;
  g_autofree char *on = NULL;
  g_autofree char *case_no = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *at = NULL;
  CivFuneralView  *view;
  CivDb           *db;
  GDate            death;
  gint64           id;

  g_return_val_if_fail (r != NULL, NULL);

  if (!civ_require (store, CIV_PERM_FUNERAL, error))
    return NULL;
  on = civ_funeral_counter_day (today, error);
  if (on == NULL || !check_report (r, today, error))
    return NULL;
  civ_funeral_parse_moment (r->death_at, &death, NULL);

  row->record_id = g_uuid_string_random ();
  row->office_code = civ_store_get_office_code (store);
  row->year = g_date_get_year (today);
  row->state = g_strdup ("DEATH_REPORTED");
  row->reported_on = g_strdup (on);
  row->unidentified = r->unidentified;
  row->description = g_strdup (r->description ? r->description : "");
  row->deceased_name = g_strdup (r->unidentified ? "" : (r->name ? r->name : ""));
  row->sex = r->sex;
  row->ethnicity = g_strdup (r->ethnicity ? r->ethnicity : "");
  row->country = g_strdup (r->country ? r->country : "");
  row->doc_kind = g_strdup (doc_kind_code (r->id_type));
  row->doc_number = r->id_type != CIV_DECEASED_ID_NONE ? g_strdup (r->id_number) : NULL;
  row->id_key = id_key_of (r->id_type, r->id_number, &death);
  row->birth_date = g_date_valid (&r->birth_date) ? civ_date_format_iso (&r->birth_date) : NULL;
  row->death_at = g_strdup (r->death_at);
  row->death_place = r->death_place;
  row->marital_status = r->marital_status;
  row->address = g_strdup (r->address ? r->address : "");
  row->cause_of_death = g_strdup (r->cause_of_death ? r->cause_of_death : "");
  row->death_certificate_no =
    blank (r->death_certificate_no) ? NULL : g_strdup (r->death_certificate_no);
  row->agent_name = g_strdup (r->agent_name ? r->agent_name : "");
  row->agent_doc_number = blank (r->agent_id_number) ? NULL : g_strdup (r->agent_id_number);
  row->agent_relationship = g_strdup (r->agent_relationship ? r->agent_relationship : "");
  row->agent_phone = g_strdup (r->agent_phone ? r->agent_phone : "");
  at = g_strconcat (on, "T00:00", NULL);

  db = civ_store_get_db (store);
  if (!civ_db_begin (db, error))
    return NULL;
  id = civ_funeral_case_insert (db, row, civ_store_get_operator (store)->login, &case_no, error);
  if (id == 0)
    goto fail;
  {
    g_autoptr (CivJson) json = civ_json_new ();

    civ_json_string (json, "record_id", row->record_id);
    civ_json_string (json, "case_no", case_no);
    civ_json_bool (json, "unidentified", row->unidentified);
    civ_json_string (json, "death_at", row->death_at);
    detail = civ_json_finish (json);
  }
  if (!civ_funeral_event_add (db, id, at, NULL, "DEATH_REPORTED",
                              civ_store_get_operator (store)->login, detail, error) ||
      !civ_store_audit (store, "funeral.case.report", case_no, detail, error) ||
      !civ_db_commit (db, error))
    goto fail;
  stored = civ_funeral_case_find (db, case_no, error);
  if (stored == NULL)
    return NULL;
  view = load_view (db, stored, error);
  return view;

fail:
  civ_db_rollback (db);
  return NULL;
}

/* ---- Looking at cases -------------------------------------------------- */

CivFuneralView *
civ_funeral_case_open (CivStore *store, const char *key, GError **error)
{
  g_autoptr (CivFuneralCaseRow) row = NULL;
  g_autoptr (CivFuneralView) view = NULL;
  CivDb *db;

  if (!civ_require (store, CIV_PERM_FUNERAL, error))
    return NULL;
  db = civ_store_get_db (store);
  row = find_case (db, key, error);
  if (row == NULL)
    return NULL;
  view = load_view (db, row, error);
  if (view == NULL)
    return NULL;
  {
    g_autoptr (CivJson) json = civ_json_new ();
    g_autofree char *detail = NULL;

    civ_json_string (json, "record_id", row->record_id);
    civ_json_string (json, "state", row->state);
    detail = civ_json_finish (json);
    if (!civ_store_audit (store, "funeral.case.view", row->case_no, detail, error))
      return NULL;
  }
  return g_steal_pointer (&view);
}

GPtrArray *
civ_funeral_case_lookup (CivStore *store, const char *text, GError **error)
{
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GPtrArray) out =
    g_ptr_array_new_with_free_func ((GDestroyNotify) civ_funeral_case_summary_free);
  g_autofree char *copy = g_strstrip (g_strdup (text ? text : ""));
  g_autofree char *key = NULL;
  g_autofree char *detail = NULL;
  GDate            today;

  if (!civ_require (store, CIV_PERM_FUNERAL, error))
    return NULL;
  if (!check_text (copy, 64, _ ("search text"), error))
    return NULL;
  if (*copy == '\0')
    return g_steal_pointer (&out);
  civ_date_today (&today);
  key = id_key_of (CIV_DECEASED_ID_CARD, copy, &today);
  rows = civ_funeral_case_search (civ_store_get_db (store), copy, key, FIND_LIMIT, error);
  if (rows == NULL)
    return NULL;
  for (guint i = 0; i < rows->len; i++)
    {
      const CivFuneralCaseRow *row = g_ptr_array_index (rows, i);
      CivFuneralCaseSummary   *s = g_new0 (CivFuneralCaseSummary, 1);

      s->record_id = g_strdup (row->record_id);
      s->case_no = g_strdup (row->case_no);
      s->state = civ_funeral_state_from_string (row->state);
      s->deceased = g_strdup (row->deceased_name);
      s->reported_on = g_strdup (row->reported_on);
      s->agent_phone = g_strdup (row->agent_phone);
      g_ptr_array_add (out, s);
    }
  {
    g_autoptr (CivJson) json = civ_json_new ();

    civ_json_int (json, "found", out->len);
    detail = civ_json_finish (json);
  }
  if (!civ_store_audit (store, "funeral.case.search", NULL, detail, error))
    return NULL;
  return g_steal_pointer (&out);
}

/* ---- Steps ------------------------------------------------------------- */

/* R-F14: the deceased's registered marriage ends by the death; the
 * surviving spouse becomes widowed (30). *@ended: its certificate, or NULL
 * when there was none to end. */
static gboolean
end_marriage (CivStore   *store,
              CivDb      *db,
              const char *id_key,
              const char *case_no,
              const char *death_day,
              char      **ended,
              GError    **error)
{
  g_autoptr (CivPersonRow) person = NULL;
  g_autoptr (CivMarriageCurrent) marriage = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *payload = NULL;
  const char      *actor = civ_store_get_operator (store)->login;

  *ended = NULL;
  if (id_key == NULL)
    return TRUE;
  person = civ_person_find (db, id_key, &local);
  if (local == NULL && person != NULL && person->current_marriage != NULL)
    marriage = civ_marriage_find_current (db, person->current_marriage, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (marriage == NULL ||
      civ_marriage_state_from_db (marriage->state) != CIV_MARRIAGE_STATE_REGISTERED)
    return TRUE;
  reason = g_strdup_printf ("R-F14 %s %s", case_no, death_day);
  if (civ_marriage_new_version (db, marriage,
                                civ_marriage_state_to_db (CIV_MARRIAGE_STATE_ENDED_BY_DEATH),
                                reason, NULL, actor, error) == 0)
    return FALSE;
  for (guint i = 0; i < 2; i++)
    {
      if (marriage->person_id[i] <= 0)
        continue;
      /* The deceased keeps the status they died with; the marriage is no
       * longer their current one. */
      if (!civ_person_set_status (db, marriage->person_id[i],
                                  marriage->person_id[i] == person->id ? person->marital_status
                                                                       : CIV_MARITAL_WIDOWED,
                                  NULL, error))
        return FALSE;
    }
  {
    g_autoptr (CivJson) json = civ_json_new ();

    civ_json_string (json, "kind", "death");
    civ_json_string (json, "record_id", marriage->record_id);
    civ_json_int (json, "version", marriage->version + 1);
    civ_json_string (json, "state", civ_marriage_state_to_db (CIV_MARRIAGE_STATE_ENDED_BY_DEATH));
    civ_json_string (json, "certificate_no", marriage->certificate_no);
    civ_json_string (json, "funeral_case", case_no);
    civ_json_string (json, "died_on", death_day);
    payload = civ_json_finish (json);
  }
  if (!civ_outbox_enqueue (db, "death", marriage->record_id, marriage->version + 1, payload,
                           error) ||
      !civ_store_audit (store, "marriage.ended_by_death", marriage->record_id, payload, error))
    return FALSE;
  civ_db_note_outbox (db);
  *ended = g_strdup (marriage->certificate_no ? marriage->certificate_no : marriage->record_id);
  return TRUE;
}

/* Whether the verification in the history @events recorded the family's
 * cremation consent. */
static gboolean
consent_recorded (GPtrArray *events)
{
  gboolean consent = FALSE;

  for (guint i = 0; i < events->len; i++)
    {
      const CivFuneralEventRow *e = g_ptr_array_index (events, i);

      if (g_strcmp0 (e->state, "DEATH_CERT_VERIFIED") == 0)
        {
          g_autoptr (JsonParser) parser = json_parser_new ();
          JsonObject *o = detail_object (parser, e->detail);

          consent = o && json_object_get_boolean_member_with_default (o, "consent_on_file", FALSE);
        }
    }
  return consent;
}

/* The time of the case's last step. The report itself does not count: a
 * body is often collected at night and the death reported at the counter
 * in the morning. */
static const char *
last_event_at (GPtrArray *events)
{
  for (guint i = events->len; i > 0; i--)
    {
      const CivFuneralEventRow *e = g_ptr_array_index (events, i - 1);

      if (e->from_state != NULL)
        return e->at;
    }
  return NULL;
}

/* What the step must carry besides what the rules check. */
static gboolean
check_step_fields (const CivFuneralStep *s, GError **error)
{
  switch (s->to)
    {
    case CIV_FUNERAL_COLLECTED:
      return require_text (s->place, "R-F4", _ ("place the body was collected from"), error) &&
             require_text (s->vehicle, "R-F4", _ ("vehicle"), error) &&
             require_text (s->staff, "R-F4", _ ("collecting staff"), error);
    case CIV_FUNERAL_STORED:
      return require_text (s->unit, "R-F4", _ ("storage unit"), error) &&
             check_text (s->unit, 40, _ ("storage unit"), error);
    case CIV_FUNERAL_DEATH_CERT_VERIFIED:
      return check_text (s->death_certificate_no, CIV_DEATH_CERT_FREE_TEXT_MAX,
                         _ ("death certificate number"), error) &&
             check_text (s->basis, CIV_FUNERAL_TEXT_MAX, _ ("basis"), error);
    case CIV_FUNERAL_CREMATED:
      return require_text (s->furnace, "R-F4", _ ("furnace"), error) &&
             require_text (s->furnace_operator, "R-F4", _ ("furnace operator"), error);
    case CIV_FUNERAL_BURIAL_EXEMPT:
      return check_text (s->basis, CIV_FUNERAL_TEXT_MAX, _ ("basis"), error);
    case CIV_FUNERAL_ASHES_RETURNED:
      return require_text (s->receiver, "R-F4", _ ("person who took the ashes"), error);
    case CIV_FUNERAL_ASHES_DEPOSITED:
    case CIV_FUNERAL_CEMETERY:
      return require_text (s->place, "R-F4", _ ("place of the ashes"), error) &&
             check_text (s->place, 200, _ ("place of the ashes"), error);
    case CIV_FUNERAL_ECO_BURIAL:
      return check_text (s->place, 200, _ ("place of the ashes"), error);
    default:
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                           _ ("Choose the step the case moves to"));
      return FALSE;
    }
}

static char *
step_detail (const CivFuneralStep *s, const char *serial, const char *marriage_ended)
{
  g_autoptr (CivJson) json = civ_json_new ();

  switch (s->to)
    {
    case CIV_FUNERAL_COLLECTED:
      civ_json_string (json, "place", s->place);
      civ_json_string (json, "vehicle", s->vehicle);
      civ_json_string (json, "staff", s->staff);
      break;
    case CIV_FUNERAL_STORED:
      civ_json_string (json, "unit", s->unit);
      break;
    case CIV_FUNERAL_DEATH_CERT_VERIFIED:
      civ_json_string (json, "death_certificate_no", s->death_certificate_no);
      civ_json_bool (json, "certificate_on_file", s->certificate_on_file);
      civ_json_bool (json, "consent_on_file", s->consent_on_file);
      if (!blank (s->basis))
        civ_json_string (json, "basis", s->basis);
      if (marriage_ended != NULL)
        civ_json_string (json, "marriage_ended", marriage_ended);
      break;
    case CIV_FUNERAL_CREMATED:
      civ_json_string (json, "furnace", s->furnace);
      civ_json_string (json, "furnace_operator", s->furnace_operator);
      civ_json_string (json, "certificate_serial", serial);
      break;
    case CIV_FUNERAL_BURIAL_EXEMPT:
      civ_json_string (json, "basis", s->basis);
      break;
    case CIV_FUNERAL_ASHES_RETURNED:
      civ_json_string (json, "receiver", s->receiver);
      break;
    case CIV_FUNERAL_ASHES_DEPOSITED:
      {
        g_autofree char *expiry = civ_date_format_iso (&s->deposit_expiry);

        civ_json_string (json, "place", s->place);
        civ_json_string (json, "expires_on", expiry);
      }
      break;
    case CIV_FUNERAL_ECO_BURIAL:
      civ_json_string (json, "type", civ_eco_burial_to_string (s->eco_burial));
      civ_json_string (json, "place", s->place);
      break;
    case CIV_FUNERAL_CEMETERY:
      civ_json_string (json, "place", s->place);
      break;
    default:
      break;
    }
  if (!blank (s->note))
    civ_json_string (json, "note", s->note);
  return civ_json_finish (json);
}

/* The bill's standing charges (not cancelled) as the report's prices
 * (docs/provincial-protocol.md), the waived amount of each as its receipt
 * says (0 for a charge on no receipt yet). */
static char *
prices_json (CivDb *db, gint64 case_id, GError **error)
{
  g_autoptr (GPtrArray) lines = civ_funeral_bill_lines (db, case_id, error);
  g_autoptr (GPtrArray) receipts = NULL;
  g_autoptr (JsonBuilder) b = NULL;
  g_autoptr (JsonGenerator) gen = NULL;
  g_autoptr (JsonNode) root = NULL;

  if (lines == NULL)
    return NULL;
  receipts = civ_funeral_receipt_list (db, case_id, error);
  if (receipts == NULL)
    return NULL;
  b = json_builder_new ();
  json_builder_begin_array (b);
  for (guint i = 0; i < lines->len; i++)
    {
      const CivFuneralBillLine *l = g_ptr_array_index (lines, i);
      gint64                    waived = 0;

      if (l->cancels != 0 || l->cancelled_by_line != 0)
        continue;
      for (guint r = 0; r < receipts->len; r++)
        {
          const CivFuneralReceiptRow *rr = g_ptr_array_index (receipts, r);

          for (guint k = 0; k < rr->lines->len; k++)
            {
              const CivFuneralReceiptLine *rl = g_ptr_array_index (rr->lines, k);

              if (rl->line_id == l->id)
                waived = rl->waived_fen;
            }
        }
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "item");
      json_builder_add_string_value (b, l->item_code);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, l->item_name);
      json_builder_set_member_name (b, "unit");
      json_builder_add_string_value (b, l->unit);
      json_builder_set_member_name (b, "quantity");
      json_builder_add_int_value (b, l->quantity);
      json_builder_set_member_name (b, "unit_price_fen");
      json_builder_add_int_value (b, l->unit_price_fen);
      json_builder_set_member_name (b, "amount_fen");
      json_builder_add_int_value (b, l->amount_fen);
      json_builder_set_member_name (b, "waived_fen");
      json_builder_add_int_value (b, waived);
      json_builder_set_member_name (b, "date");
      json_builder_add_string_value (b, l->service_on);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  gen = json_generator_new ();
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

/* Queues the case's report to the province (R-X3) when @to is a step the
 * province hears of: the cremation or the burial exemption, and the ashes'
 * destination. In the step's transaction, after the step is written. */
static gboolean
report_step (CivDb *db, const char *record_id, CivFuneralState to, GError **error)
{
  g_autoptr (CivFuneralCaseRow) row = NULL;
  g_autoptr (GPtrArray) events = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *prices = NULL;

  if (to < CIV_FUNERAL_CREMATED)
    return TRUE;
  row = civ_funeral_case_find (db, record_id, error);
  if (row == NULL)
    return FALSE;
  events = civ_funeral_event_list (db, row->id, error);
  if (events == NULL)
    return FALSE;
  prices = prices_json (db, row->id, error);
  if (prices == NULL)
    return FALSE;
  payload = civ_funeral_report_payload (row, events, prices);
  g_return_val_if_fail (payload != NULL, FALSE);
  if (!civ_outbox_enqueue (db, "funeral", row->record_id, civ_funeral_report_version (row, events),
                           payload, error))
    return FALSE;
  civ_db_note_outbox (db);
  return TRUE;
}

static gboolean
closes_case (CivFuneralState to)
{
  return to == CIV_FUNERAL_BURIAL_EXEMPT || to == CIV_FUNERAL_ASHES_RETURNED ||
         to == CIV_FUNERAL_ECO_BURIAL || to == CIV_FUNERAL_CEMETERY;
}

CivFuneralView *
civ_funeral_case_move (
  CivStore *store, const char *key, const CivFuneralStep *s, const GDate *today, GError **error)
{
  g_autoptr (CivFuneralCaseRow) row = NULL;
  g_autoptr (CivFuneralCaseRow) after = NULL;
  g_autoptr (CivFuneralReport) report = NULL;
  g_autoptr (GPtrArray) findings = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree char *on = NULL;
  g_autofree char *step_day = NULL;
  g_autoptr (GPtrArray) events = NULL;
  const char      *previous;
  g_autofree char *serial = NULL;
  g_autofree char *ended = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *audit = NULL;
  g_autofree char *allowed = NULL;
  CivFuneralCase   facts;
  CivFuneralState  from;
  CivFuneralView  *view;
  CivDb           *db;
  GDate            step_date;
  int              minutes;

  g_return_val_if_fail (s != NULL, NULL);

  if (!civ_require (store, CIV_PERM_FUNERAL, error))
    return NULL;
  on = civ_funeral_counter_day (today, error);
  if (on == NULL || !check_step_fields (s, error) ||
      !check_text (s->note, CIV_FUNERAL_TEXT_MAX, _ ("note"), error))
    return NULL;
  if (!civ_funeral_parse_moment (s->at, &step_date, &minutes) || minutes < 0)
    {
      g_autofree char *shown = g_utf8_make_valid (s->at ? s->at : "", -1);

      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("“%s” is not a time of the step: write YYYY-MM-DDTHH:MM"), shown);
      return NULL;
    }
  if (g_date_compare (&step_date, today) > 0)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("The step’s time %s is after today; check it"), s->at);
      return NULL;
    }
  step_day = civ_date_format_iso (&step_date);

  db = civ_store_get_db (store);
  if (!civ_db_begin (db, error))
    return NULL;
  row = find_case (db, key, error);
  if (row == NULL)
    goto fail;
  from = civ_funeral_state_from_string (row->state);
  report = report_from_row (row);
  if (row->death_at != NULL && strcmp (s->at, row->death_at) < 0)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("The step’s time %1$s is before the death (%2$s); check it"), s->at,
                   row->death_at);
      goto fail;
    }
  /* The history, read once: the last step's time and the consent recorded. */
  events = civ_funeral_event_list (db, row->id, error);
  if (events == NULL)
    goto fail;
  previous = last_event_at (events);
  if (previous != NULL && strcmp (s->at, previous) < 0)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("The step’s time %1$s is before the case’s last step (%2$s); check it"),
                   s->at, previous);
      goto fail;
    }

  /* The facts the rules read: the case as stored and what this step brings. */
  civ_funeral_case_init (&facts);
  civ_funeral_report_deceased (report, &facts.deceased);
  facts.step_date = step_date;
  facts.death_cert_number =
    blank (s->death_certificate_no) ? row->death_certificate_no : s->death_certificate_no;
  facts.death_certificate_on_file = s->to == CIV_FUNERAL_DEATH_CERT_VERIFIED
                                      ? s->certificate_on_file
                                      : from >= CIV_FUNERAL_DEATH_CERT_VERIFIED;
  facts.cremation_consent_on_file =
    s->to == CIV_FUNERAL_DEATH_CERT_VERIFIED ? s->consent_on_file : consent_recorded (events);
  allowed = civ_db_get_setting (db, SETTING_BURIAL_EXEMPT);
  facts.area_allows_burial_exempt = g_strcmp0 (allowed, "true") == 0;
  facts.burial_exempt_basis = s->basis;
  /* R-F13 is met by the blank issued below, in this transaction. */
  facts.cremation_certificate_serial = s->to == CIV_FUNERAL_CREMATED ? "(stock)" : NULL;
  facts.eco_burial = s->eco_burial;
  facts.deposit_expiry = s->deposit_expiry;
  if (!civ_funeral_may_move (from, s->to, &facts, &findings))
    {
      refuse_findings (findings, error);
      goto fail;
    }

  switch (s->to)
    {
    case CIV_FUNERAL_STORED:
      {
        g_autoptr (GPtrArray) stored = civ_funeral_in_storage (db, error);

        if (stored == NULL)
          goto fail;
        for (guint i = 0; i < stored->len; i++)
          {
            const CivFuneralBoardRow *b = g_ptr_array_index (stored, i);

            if (g_strcmp0 (b->unit, g_strstrip (s->unit)) == 0)
              {
                civ_app_set_refusal (error, "R-F4",
                                     _ ("R-F4: the storage unit %1$s holds the body of case %2$s "
                                        "since %3$s; choose a free unit"),
                                     b->unit, b->case_no, b->in_at);
                goto fail;
              }
          }
        if (!civ_funeral_storage_in (db, row->id, s->unit, s->at, error))
          goto fail;
      }
      break;
    case CIV_FUNERAL_DEATH_CERT_VERIFIED:
      {
        g_autofree char *key18 = NULL;
        GDate            death;

        if (!civ_funeral_parse_moment (row->death_at, &death, NULL))
          death = step_date;
        key18 = id_key_of (doc_kind_from_code (row->doc_kind), row->doc_number, &death);
        if (!civ_funeral_case_set_documents (db, row->id, facts.death_cert_number, row->doc_kind,
                                             row->doc_number, key18, error))
          goto fail;
        {
          g_autofree char *death_day = civ_date_format_iso (&death);

          if (!end_marriage (store, db, key18, row->case_no, death_day, &ended, error))
            goto fail;
        }
      }
      break;
    case CIV_FUNERAL_CREMATED:
      serial = civ_cremation_stock_issue_within (store, s->serial, row->case_no, &step_date, error);
      if (serial == NULL)
        goto fail;
      break;
    case CIV_FUNERAL_ASHES_DEPOSITED:
      {
        g_autofree char *expiry = civ_date_format_iso (&s->deposit_expiry);

        if (!civ_funeral_deposit_add (db, row->id, g_strstrip (s->place), step_day, expiry, error))
          goto fail;
      }
      break;
    default:
      break;
    }
  /* The body leaves storage when it is cremated or buried. */
  if (s->to == CIV_FUNERAL_CREMATED || s->to == CIV_FUNERAL_BURIAL_EXEMPT)
    {
      g_autoptr (CivFuneralBoardRow) stay = civ_funeral_storage_of_case (db, row->id, &local);

      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          goto fail;
        }
      if (stay != NULL && stay->until == NULL &&
          !civ_funeral_storage_out (db, row->id, s->at, error))
        goto fail;
    }

  detail = step_detail (s, serial, ended);
  if (!civ_funeral_case_set_state (db, row->id, civ_funeral_state_to_string (s->to),
                                   closes_case (s->to) ? step_day : NULL, error) ||
      !civ_funeral_event_add (db, row->id, s->at, row->state, civ_funeral_state_to_string (s->to),
                              civ_store_get_operator (store)->login, detail, error))
    goto fail;
  {
    g_autoptr (CivJson) json = civ_json_new ();

    civ_json_string (json, "from", row->state);
    civ_json_string (json, "to", civ_funeral_state_to_string (s->to));
    civ_json_string (json, "at", s->at);
    civ_json_string (json, "detail", detail);
    audit = civ_json_finish (json);
  }
  if (!civ_store_audit (store, "funeral.case.step", row->case_no, audit, error) ||
      !report_step (db, row->record_id, s->to, error) || !civ_db_commit (db, error))
    goto fail;

  after = civ_funeral_case_find (db, row->record_id, error);
  if (after == NULL)
    return NULL;
  view = load_view (db, after, error);
  if (view != NULL && findings != NULL)
    for (guint i = 0; i < findings->len; i++)
      g_ptr_array_add (view->findings, civ_finding_copy (g_ptr_array_index (findings, i)));
  return view;

fail:
  civ_db_rollback (db);
  return NULL;
}

/* ---- Documents ---- */

static const char *const document_kinds[] = {
  "death-certificate",
  "cremation-consent",
  "identity-copy",
  "police-report",
  "body-photo",
  "other",
  NULL,
};

const char *const *
civ_funeral_document_kinds (void)
{
  return document_kinds;
}

const char *
civ_funeral_document_kind_label (const char *kind)
{
  static const struct
  {
    const char *code;
    const char *label;
  } labels[] = {
    { "death-certificate", N_ ("Death certificate") },
    { "cremation-consent", N_ ("Cremation consent") },
    { "identity-copy", N_ ("Identity document copy") },
    { "police-report", N_ ("Police report") },
    { "body-photo", N_ ("Photo of the body") },
    { "other", N_ ("Other document") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].code, kind) == 0)
      return _ (labels[i].label);
  return "";
}

CivFuneralView *
civ_funeral_case_attach (
  CivStore *store, const char *key, const char *kind, const CivDocumentInput *input, GError **error)
{
  g_autoptr (CivFuneralCaseRow) row = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *detail = NULL;
  CivDb           *db;
  gint64           id;

  g_return_val_if_fail (CIV_IS_STORE (store) && input != NULL, NULL);
  if (!civ_require (store, CIV_PERM_FUNERAL, error))
    return NULL;
  if (kind == NULL || !g_strv_contains (document_kinds, kind))
    {
      g_autofree char *shown = g_utf8_make_valid (kind ? kind : "", -1);

      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("“%s” is not a kind of document a funeral case holds"), shown);
      return NULL;
    }
  if (!civ_document_input_check (input, error))
    return NULL;
  db = civ_store_get_db (store);
  if (!civ_db_begin (db, error))
    return NULL;
  row = find_case (db, key, error);
  if (row == NULL)
    goto fail;
  id = civ_document_insert (db, row->record_id, kind, input->file_name, input->media_type,
                            input->content, civ_store_get_operator (store)->login, &sha, error);
  if (id == 0)
    goto fail;
  {
    g_autoptr (CivJson) json = civ_json_new ();

    civ_json_int (json, "document_id", id);
    civ_json_string (json, "kind", kind);
    civ_json_string (json, "file_name", input->file_name);
    civ_json_string (json, "media_type", input->media_type);
    civ_json_int (json, "size", g_bytes_get_size (input->content));
    detail = civ_json_finish (json);
  }
  if (!civ_store_audit (store, "funeral.document.attach", row->case_no, detail, error) ||
      !civ_db_commit (db, error))
    goto fail;
  return load_view (db, row, error);

fail:
  civ_db_rollback (db);
  return NULL;
}

GBytes *
civ_funeral_case_open_document (CivStore   *store,
                                const char *key,
                                gint64      document_id,
                                GError    **error)
{
  g_autoptr (CivFuneralCaseRow) row = NULL;
  g_autoptr (CivDocumentRow) doc = NULL;
  g_autoptr (GBytes) content = NULL;
  g_autofree char *detail = NULL;
  CivDb           *db;

  g_return_val_if_fail (CIV_IS_STORE (store), NULL);
  if (!civ_require (store, CIV_PERM_FUNERAL, error))
    return NULL;
  db = civ_store_get_db (store);
  row = find_case (db, key, error);
  if (row == NULL)
    return NULL;
  content = civ_document_read (db, document_id, &doc, error);
  if (content == NULL)
    return NULL;
  if (g_strcmp0 (doc->record_id, row->record_id) != 0)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("The funeral case %s has no document %lld"), row->case_no,
                   (long long) document_id);
      return NULL;
    }
  {
    g_autoptr (CivJson) json = civ_json_new ();

    civ_json_int (json, "document_id", document_id);
    civ_json_string (json, "kind", doc->kind);
    detail = civ_json_finish (json);
  }
  if (!civ_store_audit (store, "funeral.document.view", row->case_no, detail, error))
    return NULL;
  return g_steal_pointer (&content);
}

/* ---- The day board ----------------------------------------------------- */

static int
days_between (const char *from_iso, const GDate *to)
{
  GDate from;

  if (from_iso == NULL || !civ_funeral_parse_moment (from_iso, &from, NULL))
    return 0;
  return g_date_days_between (&from, to);
}

static GPtrArray *
entries_of (GPtrArray *rows, const GDate *today, gboolean deposits)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) board_entry_free);

  for (guint i = 0; i < rows->len; i++)
    {
      const CivFuneralBoardRow *r = g_ptr_array_index (rows, i);
      CivFuneralBoardEntry     *e = g_new0 (CivFuneralBoardEntry, 1);

      e->case_no = g_strdup (r->case_no);
      e->deceased = g_strdup (r->deceased_name);
      e->detail = g_strdup (r->unit ? r->unit : "");
      e->since = g_strdup (r->in_at);
      e->until = g_strdup (r->until);
      if (deposits)
        {
          GDate expiry;

          e->days =
            civ_date_parse_iso (r->until, &expiry) ? g_date_days_between (today, &expiry) : 0;
        }
      else
        e->days = days_between (r->in_at, today);
      g_ptr_array_add (out, e);
    }
  return out;
}

CivFuneralBoard *
civ_funeral_case_board (CivStore *store, const GDate *today, GError **error)
{
  g_autoptr (CivFuneralBoard) board = g_new0 (CivFuneralBoard, 1);
  g_autoptr (GPtrArray) stored = NULL;
  g_autoptr (GPtrArray) reported = NULL;
  g_autoptr (GPtrArray) verified = NULL;
  g_autoptr (GPtrArray) deposits = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  CivDb           *db;
  GDate            end;

  if (!civ_require (store, CIV_PERM_FUNERAL, error))
    return NULL;
  from = civ_funeral_counter_day (today, error);
  if (from == NULL)
    return NULL;
  end = *today;
  g_date_set_day (&end,
                  g_date_get_days_in_month (g_date_get_month (today), g_date_get_year (today)));
  to = civ_date_format_iso (&end);
  db = civ_store_get_db (store);
  stored = civ_funeral_in_storage (db, error);
  if (stored != NULL)
    reported = civ_funeral_cases_in_state (db, "DEATH_REPORTED", BOARD_LIMIT, error);
  if (reported != NULL)
    verified = civ_funeral_cases_in_state (db, "DEATH_CERT_VERIFIED", BOARD_LIMIT, error);
  if (verified != NULL)
    deposits = civ_funeral_deposits_expiring (db, from, to, error);
  if (deposits == NULL)
    return NULL;
  board->in_storage = entries_of (stored, today, FALSE);
  board->awaiting_collection = entries_of (reported, today, FALSE);
  board->awaiting_cremation = entries_of (verified, today, FALSE);
  board->deposits_expiring = entries_of (deposits, today, TRUE);
  return g_steal_pointer (&board);
}

/* ---- Jobs for a page --------------------------------------------------- */

typedef struct
{
  char             *key;
  CivFuneralReport *report;
  CivFuneralStep   *step;
  GDate             today;
  char             *kind;
  CivDocumentInput *input;
  gint64            document_id;
} Job;

static void
job_free (Job *job)
{
  g_free (job->key);
  civ_funeral_report_free (job->report);
  civ_funeral_step_free (job->step);
  g_free (job->kind);
  g_clear_pointer (&job->input, civ_document_input_free);
  g_free (job);
}

static Job *
job_new (const char *key, const GDate *today)
{
  Job *job = g_new0 (Job, 1);

  job->key = g_strdup (key);
  if (today != NULL)
    job->today = *today;
  return job;
}

static CivFuneralReport *
report_copy (const CivFuneralReport *r)
{
  CivFuneralReport *c = civ_funeral_report_new ();

  *c = *r;
  c->description = g_strdup (r->description);
  c->name = g_strdup (r->name);
  c->ethnicity = g_strdup (r->ethnicity);
  c->country = g_strdup (r->country);
  c->id_number = g_strdup (r->id_number);
  c->death_at = g_strdup (r->death_at);
  c->address = g_strdup (r->address);
  c->cause_of_death = g_strdup (r->cause_of_death);
  c->death_certificate_no = g_strdup (r->death_certificate_no);
  c->agent_name = g_strdup (r->agent_name);
  c->agent_id_number = g_strdup (r->agent_id_number);
  c->agent_relationship = g_strdup (r->agent_relationship);
  c->agent_phone = g_strdup (r->agent_phone);
  return c;
}

static gboolean
report_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  Job *job = data;

  *result = civ_funeral_case_report (store, job->report, &job->today, error);
  return *result != NULL;
}

static gboolean
open_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  Job *job = data;

  *result = civ_funeral_case_open (store, job->key, error);
  return *result != NULL;
}

static gboolean
move_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  Job *job = data;

  *result = civ_funeral_case_move (store, job->key, job->step, &job->today, error);
  return *result != NULL;
}

static gboolean
find_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  Job *job = data;

  *result = civ_funeral_case_lookup (store, job->key, error);
  return *result != NULL;
}

static gboolean
attach_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  Job *job = data;

  *result = civ_funeral_case_attach (store, job->key, job->kind, job->input, error);
  return *result != NULL;
}

static gboolean
open_document_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  Job *job = data;

  *result = civ_funeral_case_open_document (store, job->key, job->document_id, error);
  return *result != NULL;
}

static gboolean
board_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  Job *job = data;

  *result = civ_funeral_case_board (store, &job->today, error);
  return *result != NULL;
}

static void
call (CivSession         *session,
      gpointer            source_object,
      CivStoreFunc        func,
      Job                *job,
      GDestroyNotify      result_free,
      GCancellable       *cancellable,
      GAsyncReadyCallback callback,
      gpointer            user_data)
{
  civ_session_call (session, source_object, cancellable, func, job, (GDestroyNotify) job_free,
                    result_free, callback, user_data);
}

void
civ_funeral_case_report_async (CivSession             *session,
                               gpointer                source_object,
                               const CivFuneralReport *report,
                               const GDate            *today,
                               GCancellable           *cancellable,
                               GAsyncReadyCallback     callback,
                               gpointer                user_data)
{
  Job *job = job_new (NULL, today);

  job->report = report_copy (report);
  call (session, source_object, report_func, job, (GDestroyNotify) civ_funeral_view_free,
        cancellable, callback, user_data);
}

void
civ_funeral_case_open_async (CivSession         *session,
                             gpointer            source_object,
                             const char         *key,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  call (session, source_object, open_func, job_new (key, NULL),
        (GDestroyNotify) civ_funeral_view_free, cancellable, callback, user_data);
}

void
civ_funeral_case_move_async (CivSession           *session,
                             gpointer              source_object,
                             const char           *key,
                             const CivFuneralStep *step,
                             const GDate          *today,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  Job *job = job_new (key, today);

  job->step = step_copy (step);
  call (session, source_object, move_func, job, (GDestroyNotify) civ_funeral_view_free, cancellable,
        callback, user_data);
}

void
civ_funeral_case_attach_async (CivSession             *session,
                               gpointer                source_object,
                               const char             *key,
                               const char             *kind,
                               const CivDocumentInput *input,
                               GCancellable           *cancellable,
                               GAsyncReadyCallback     callback,
                               gpointer                user_data)
{
  Job *job = job_new (key, NULL);

  job->kind = g_strdup (kind);
  job->input = civ_document_input_copy (input);
  call (session, source_object, attach_func, job, (GDestroyNotify) civ_funeral_view_free,
        cancellable, callback, user_data);
}

void
civ_funeral_case_open_document_async (CivSession         *session,
                                      gpointer            source_object,
                                      const char         *key,
                                      gint64              document_id,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data)
{
  Job *job = job_new (key, NULL);

  job->document_id = document_id;
  call (session, source_object, open_document_func, job, (GDestroyNotify) g_bytes_unref,
        cancellable, callback, user_data);
}

GBytes *
civ_funeral_case_open_document_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}

CivFuneralView *
civ_funeral_case_view_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}

void
civ_funeral_case_lookup_async (CivSession         *session,
                               gpointer            source_object,
                               const char         *text,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  call (session, source_object, find_func, job_new (text, NULL), (GDestroyNotify) g_ptr_array_unref,
        cancellable, callback, user_data);
}

GPtrArray *
civ_funeral_case_lookup_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}

void
civ_funeral_case_board_async (CivSession         *session,
                              gpointer            source_object,
                              const GDate        *today,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  call (session, source_object, board_func, job_new (NULL, today),
        (GDestroyNotify) civ_funeral_board_free, cancellable, callback, user_data);
}

CivFuneralBoard *
civ_funeral_case_board_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}
