// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-divorce-remote.c — divorce applications across the windows of one office */
#include "civ-divorce-remote.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-idnumber.h"
#include "civ-json.h"
#include "civ-marriage-rules.h"
#include "civ-marriage-service.h"
#include "civ-permissions.h"
#include "civ-pinyin.h"
#include "civ-registry-store.h"
#include "civ-states.h"

#define MAX_APPLICATIONS 1000
#define MAX_TEXT 256

static void
marriage_clear (CivDivorceRemoteMarriage *m)
{
  g_free (m->record_id);
  g_free (m->certificate_no);
  g_free (m->registration_date);
  g_free (m->effective_from);
  g_free (m->office_code);
  g_free (m->office_name);
  for (guint i = 0; i < 2; i++)
    civ_record_party_clear (&m->party[i]);
}

void
civ_divorce_remote_free (CivDivorceRemote *r)
{
  if (r == NULL)
    return;
  g_free (r->record_id);
  g_free (r->state);
  g_free (r->office_code);
  g_free (r->accepted_by);
  g_free (r->holder);
  g_free (r->held_since);
  g_free (r->accepted_on);
  g_free (r->agreement_ref);
  g_free (r->closed_on);
  g_free (r->closed_by);
  g_free (r->certificate_no);
  marriage_clear (&r->marriage);
  g_free (r);
}

/* ---- Parsing the province's answers --------------------------------------- */

typedef enum
{
  TEXT_ANY,  /* printable, 1…MAX_TEXT bytes of valid UTF-8 */
  TEXT_ID,   /* [A-Za-z0-9-], 1…64 */
  TEXT_DATE, /* YYYY-MM-DD, a real date */
  TEXT_OFFICE,
} TextKind;

static gboolean
text_ok (const char *s, TextKind kind)
{
  gsize len = s ? strlen (s) : 0;
  GDate d;

  if (len == 0 || len > MAX_TEXT || !g_utf8_validate (s, (gssize) len, NULL))
    return FALSE;
  switch (kind)
    {
    case TEXT_ANY:
      for (const char *p = s; *p; p = g_utf8_next_char (p))
        if (g_unichar_iscntrl (g_utf8_get_char (p)))
          return FALSE;
      return TRUE;
    case TEXT_ID:
      if (len > 64)
        return FALSE;
      for (const char *p = s; *p; p++)
        if (!g_ascii_isalnum (*p) && *p != '-')
          return FALSE;
      return TRUE;
    case TEXT_DATE:
      return len == 10 && civ_date_parse_iso (s, &d);
    case TEXT_OFFICE:
      if (len != 6)
        return FALSE;
      for (const char *p = s; *p; p++)
        if (!g_ascii_isdigit (*p))
          return FALSE;
      return TRUE;
    }
  return FALSE;
}

/* Reads member @name of @o into *@out: a string of @kind, or (when
 * @optional) null or absent. FALSE with @why set otherwise. */
static gboolean
take_text (
  JsonObject *o, const char *name, TextKind kind, gboolean optional, char **out, const char **why)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    {
      if (!optional)
        *why = name;
      return optional;
    }
  if (json_node_get_value_type (n) != G_TYPE_STRING || !text_ok (json_node_get_string (n), kind))
    {
      *why = name;
      return FALSE;
    }
  *out = g_strdup (json_node_get_string (n));
  return TRUE;
}

static gboolean
take_int (JsonObject *o, const char *name, gint64 min, gint64 max, int *out, const char **why)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || json_node_get_value_type (n) != G_TYPE_INT64 || json_node_get_int (n) < min ||
      json_node_get_int (n) > max)
    {
      *why = name;
      return FALSE;
    }
  *out = (int) json_node_get_int (n);
  return TRUE;
}

static gboolean
parse_party (JsonNode *node, CivRecordParty *p, const char **why)
{
  JsonObject *o = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  CivDocKind  kind;

  if (o == NULL)
    {
      *why = "parties";
      return FALSE;
    }
  if (!take_text (o, "name", TEXT_ANY, FALSE, &p->name, why) ||
      !take_int (o, "sex", 0, 9, &p->sex, why) ||
      !take_text (o, "birth_date", TEXT_DATE, TRUE, &p->birth_date, why) ||
      !take_text (o, "nationality", TEXT_ANY, TRUE, &p->nationality, why) ||
      !take_text (o, "ethnicity", TEXT_ANY, TRUE, &p->ethnicity, why) ||
      !take_text (o, "doc_kind", TEXT_ANY, FALSE, &p->doc_kind, why) ||
      !take_text (o, "doc_number", TEXT_ANY, TRUE, &p->doc_number, why) ||
      !take_text (o, "resident_category", TEXT_ANY, TRUE, &p->resident_category, why) ||
      !take_int (o, "status_before", 0, 99, &p->status_before, why) ||
      !take_int (o, "nature", 0, 99, &p->nature, why))
    return FALSE;
  if (!civ_doc_kind_from_string (p->doc_kind, &kind))
    {
      *why = "doc_kind";
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_marriage (JsonObject *o, CivDivorceRemoteMarriage *m, const char **why)
{
  JsonArray *parties;

  if (!take_text (o, "record_id", TEXT_ID, FALSE, &m->record_id, why) ||
      !take_text (o, "certificate_no", TEXT_ANY, TRUE, &m->certificate_no, why) ||
      !take_text (o, "registration_date", TEXT_DATE, FALSE, &m->registration_date, why) ||
      !take_text (o, "effective_from", TEXT_DATE, TRUE, &m->effective_from, why) ||
      !take_text (o, "office_code", TEXT_OFFICE, FALSE, &m->office_code, why) ||
      !take_text (o, "office_name", TEXT_ANY, TRUE, &m->office_name, why))
    return FALSE;
  if (!json_object_has_member (o, "parties") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (o, "parties")) ||
      json_array_get_length (parties = json_object_get_array_member (o, "parties")) != 2)
    {
      *why = "parties";
      return FALSE;
    }
  for (guint i = 0; i < 2; i++)
    if (!parse_party (json_array_get_element (parties, i), &m->party[i], why))
      return FALSE;
  return TRUE;
}

static CivDivorceRemote *
parse_application (JsonNode *node, const char **why)
{
  g_autoptr (CivDivorceRemote) r = g_new0 (CivDivorceRemote, 1);
  JsonObject *o = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonNode   *m;

  if (o == NULL)
    {
      *why = "applications";
      return NULL;
    }
  if (!take_text (o, "record_id", TEXT_ID, FALSE, &r->record_id, why) ||
      !take_text (o, "state", TEXT_ID, FALSE, &r->state, why) ||
      !take_text (o, "office_code", TEXT_OFFICE, FALSE, &r->office_code, why) ||
      !take_text (o, "accepted_by", TEXT_ANY, FALSE, &r->accepted_by, why) ||
      !take_text (o, "holder", TEXT_ANY, FALSE, &r->holder, why) ||
      !take_text (o, "held_since", TEXT_ANY, TRUE, &r->held_since, why) ||
      !take_text (o, "accepted_on", TEXT_DATE, FALSE, &r->accepted_on, why) ||
      !take_text (o, "agreement_ref", TEXT_ANY, TRUE, &r->agreement_ref, why) ||
      !take_text (o, "closed_on", TEXT_DATE, TRUE, &r->closed_on, why) ||
      !take_text (o, "closed_by", TEXT_ANY, TRUE, &r->closed_by, why) ||
      !take_text (o, "certificate_no", TEXT_ANY, TRUE, &r->certificate_no, why))
    return NULL;
  r->phase = civ_divorce_state_from_db (r->state);
  if (r->phase == CIV_DIVORCE_STATE_UNKNOWN || r->phase == CIV_DIVORCE_STATE_NOT_ACCEPTED)
    {
      *why = "state";
      return NULL;
    }
  /* Closed: when and where; issued: the L number. */
  if ((r->phase == CIV_DIVORCE_STATE_COOLING) != (r->closed_on == NULL) ||
      (r->phase != CIV_DIVORCE_STATE_COOLING && r->closed_by == NULL))
    {
      *why = "closed_on";
      return NULL;
    }
  if ((r->phase == CIV_DIVORCE_STATE_REGISTERED) != (r->certificate_no != NULL))
    {
      *why = "certificate_no";
      return NULL;
    }
  m = json_object_get_member (o, "marriage");
  if (m == NULL || !JSON_NODE_HOLDS_OBJECT (m))
    {
      *why = "marriage";
      return NULL;
    }
  if (!parse_marriage (json_node_get_object (m), &r->marriage, why))
    return NULL;
  return g_steal_pointer (&r);
}

GPtrArray *
civ_divorce_remote_parse (const char *data, gsize len, GError **error)
{
  g_autoptr (GPtrArray) out =
    g_ptr_array_new_with_free_func ((GDestroyNotify) civ_divorce_remote_free);
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GError) local = NULL;
  JsonObject *root;
  const char *why = NULL;

  parser = civ_json_parse_outside (data, len, CIV_JSON_GUARD_INPUT_MAX,
                                   CIV_JSON_GUARD_NO_DUPLICATES, &local);
  root = parser && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser))
           ? json_node_get_object (json_parser_get_root (parser))
           : NULL;
  if (root == NULL)
    why = "the body is not a JSON object";
  else if (json_object_has_member (root, "application"))
    {
      CivDivorceRemote *r = parse_application (json_object_get_member (root, "application"), &why);

      if (r)
        g_ptr_array_add (out, r);
    }
  else if (json_object_has_member (root, "applications") &&
           JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "applications")))
    {
      JsonArray *a = json_object_get_array_member (root, "applications");

      if (json_array_get_length (a) > MAX_APPLICATIONS)
        why = "applications";
      for (guint i = 0; why == NULL && i < json_array_get_length (a); i++)
        {
          CivDivorceRemote *r = parse_application (json_array_get_element (a, i), &why);

          if (r)
            g_ptr_array_add (out, r);
        }
    }
  else
    why = "applications";
  if (why != NULL)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("The province's answer about divorce applications does not follow the "
                      "protocol (%s)"),
                   why);
      return NULL;
    }
  return g_steal_pointer (&out);
}

/* ---- The report payload --------------------------------------------------- */

static void
add_text (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_int (JsonBuilder *b, const char *name, gint64 value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

char *
civ_divorce_application_payload (CivDb               *db,
                                 const CivDivorceRow *row,
                                 const char          *state,
                                 const char          *closed_on,
                                 int                  withdrawn_by,
                                 GError             **error)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GPtrArray) versions = NULL;
  g_autofree char             *record_id = NULL;
  const CivMarriageVersionRow *m = NULL;

  versions = civ_record_store_versions (db, row->marriage_record_id, &record_id, error);
  if (versions == NULL)
    return NULL;
  for (guint i = 0; i < versions->len; i++)
    {
      const CivMarriageVersionRow *v = g_ptr_array_index (versions, i);

      if (m == NULL || v->version > m->version)
        m = v;
    }
  if (m == NULL)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("The marriage “%s” of the divorce application is not in the records"),
                   row->marriage_record_id);
      return NULL;
    }

  json_builder_begin_object (b);
  add_text (b, "kind", "divorce-application");
  add_text (b, "record_id", row->record_id);
  add_int (b, "version", civ_divorce_state_from_db (state) == CIV_DIVORCE_STATE_COOLING ? 1 : 2);
  add_text (b, "state", state);
  add_text (b, "office_code", row->office_code);
  add_text (b, "accepted_on", row->accepted_on);
  add_text (b, "cooling_off_end", row->cooling_off_end);
  add_text (b, "window_end", row->window_end);
  add_text (b, "agreement_ref", row->agreement_ref ? row->agreement_ref : "");
  add_text (b, "closed_on", closed_on);
  json_builder_set_member_name (b, "withdrawn_by");
  if (withdrawn_by >= 0)
    json_builder_add_int_value (b, withdrawn_by);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "marriage");
  json_builder_begin_object (b);
  add_text (b, "record_id", row->marriage_record_id);
  add_text (b, "certificate_no", m->certificate_no);
  add_text (b, "registration_date", m->registration_date);
  add_text (b, "effective_from", m->effective_from);
  add_text (b, "office_code", m->office_code);
  add_text (b, "office_name", m->office_name);
  add_text (b, "state", m->state);
  json_builder_set_member_name (b, "parties");
  json_builder_begin_array (b);
  for (guint i = 0; i < 2; i++)
    {
      const CivRecordParty *p = &m->party[i];

      json_builder_begin_object (b);
      add_text (b, "name", p->name);
      add_int (b, "sex", p->sex);
      add_text (b, "birth_date", p->birth_date);
      add_text (b, "nationality", p->nationality);
      add_text (b, "ethnicity", p->ethnicity && *p->ethnicity ? p->ethnicity : NULL);
      add_text (b, "doc_kind", p->doc_kind);
      add_text (b, "doc_number", p->doc_number);
      add_text (b, "resident_category", p->resident_category);
      add_int (b, "status_before", p->status_before);
      add_int (b, "nature", p->nature);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

/* ---- Taking an application ------------------------------------------------ */

static char *
take_detail (const CivDivorceRemote *r, gboolean back)
{
  g_autoptr (CivJson) json = civ_json_new ();

  civ_json_string (json, "divorce", r->record_id);
  civ_json_string (json, "marriage", r->marriage.record_id);
  civ_json_string (json, "accepted_by", r->accepted_by);
  if (back)
    civ_json_bool (json, "taken_back", TRUE);
  return civ_json_finish (json);
}

/* Inserts the marriage as the accepting window has it, its spouses as
 * married in the person index, and its provenance. */
static gboolean
import_marriage (CivStore *store, const CivDivorceRemote *r, GError **error)
{
  const CivDivorceRemoteMarriage *m = &r->marriage;
  CivDb                          *db = civ_store_get_db (store);
  const char                     *actor = civ_store_get_operator (store)->login;
  g_autoptr (CivPinyin) py = civ_pinyin_new (error);
  char            *pinyin[2] = { NULL, NULL };
  char            *initials[2] = { NULL, NULL };
  char            *id_key[2] = { NULL, NULL };
  g_autofree char *remarks = NULL;
  gboolean         ok = FALSE;
  CivPartyRow      rows[2];
  CivMarriageRow   row;
  GDate            reg;

  if (py == NULL)
    return FALSE;
  civ_date_parse_iso (m->registration_date, &reg);
  for (guint i = 0; i < 2; i++)
    {
      const CivRecordParty *p = &m->party[i];
      CivMarriagePartyInput input = { .doc_kind = p->doc_kind, .doc_number = p->doc_number };

      civ_pinyin_name (py, p->name, &pinyin[i], &initials[i]);
      id_key[i] = p->doc_number ? civ_marriage_party_id_key (&input, &reg, NULL) : NULL;
      rows[i] = (CivPartyRow){
        .position = (int) i,
        .name = p->name,
        .name_pinyin = pinyin[i],
        .name_initials = initials[i],
        .sex = p->sex,
        .birth_date = p->birth_date,
        .nationality = p->nationality ? p->nationality : "CHN",
        .ethnicity = p->ethnicity,
        .doc_kind = p->doc_kind,
        .doc_number = p->doc_number,
        .doc_status = p->doc_number ? "PRESENT" : "ABSENT_UNKNOWN",
        .id_key = id_key[i],
        .resident_category = p->resident_category ? p->resident_category : "mainland",
        .status_before = p->status_before,
        .nature = p->nature,
      };
      if (id_key[i] != NULL)
        {
          CivPersonRow person = {
            .id_key = id_key[i],
            .doc_kind = (char *) p->doc_kind,
            .doc_number = p->doc_number,
            .name = p->name,
            .sex = p->sex,
            .birth_date = p->birth_date,
          };

          rows[i].person_id = civ_person_upsert (db, &person, error);
          if (rows[i].person_id == 0 ||
              !civ_person_set_status (db, rows[i].person_id, CIV_MARITAL_MARRIED, m->record_id,
                                      error))
            goto out;
        }
    }
  /* TRANSLATORS: the remark of a marriage fetched with a divorce application; %s is a
   * workstation id. */
  remarks = g_strdup_printf (_ ("Fetched from the province with a divorce application; registered "
                                "at workstation %s"),
                             r->accepted_by);
  row = (CivMarriageRow){
    .record_id = m->record_id,
    .version = 1,
    .state = civ_marriage_state_to_db (CIV_MARRIAGE_STATE_REGISTERED),
    .registration_date = m->registration_date,
    .effective_from = m->effective_from ? m->effective_from : m->registration_date,
    .office_code = m->office_code,
    .office_name = m->office_name ? m->office_name : "",
    .registrar = r->accepted_by,
    .certificate_no = m->certificate_no,
    .status_source = "online",
    .remarks = remarks,
    .created_by = actor,
  };
  ok = civ_marriage_insert (db, &row, rows, 0, error) != 0 &&
       civ_remote_record_insert (db, "marriage", m->record_id, r->accepted_by, actor, error);
out:
  for (guint i = 0; i < 2; i++)
    {
      g_free (pinyin[i]);
      g_free (initials[i]);
      g_free (id_key[i]);
    }
  return ok;
}

gboolean
civ_divorce_import_taken (CivStore               *store,
                          const CivDivorceRemote *r,
                          const char             *previous_holder,
                          const GDate            *today_date,
                          CivCalendar            *calendar,
                          GError                **error)
{
  g_autoptr (CivDivorceRow) local = NULL;
  g_autoptr (CivDivorceRow) open = NULL;
  g_autoptr (CivMarriageCurrent) marriage = NULL;
  g_autofree char *office = NULL;
  g_autofree char *today = NULL;
  g_autofree char *detail = NULL;
  g_autoptr (GError) inner = NULL;
  CivDivorceDeadlines d;
  CivDivorceRow       row = { 0 };
  CivDb              *db;
  const char         *actor;
  GDate               t0;

  g_return_val_if_fail (CIV_IS_STORE (store) && r != NULL && today_date != NULL, FALSE);

  if (!civ_require (store, CIV_PERM_REGISTER_MARRIAGE, error))
    return FALSE;
  db = civ_store_get_db (store);
  actor = civ_store_get_operator (store)->login;
  office = civ_store_get_office_code (store);
  if (g_strcmp0 (office, r->office_code) != 0)
    {
      civ_app_set_refusal (error, "R-D6",
                           _ ("R-D6: the application was accepted by office %s; only that office "
                              "issues it"),
                           r->office_code);
      return FALSE;
    }
  if (r->phase != CIV_DIVORCE_STATE_COOLING)
    {
      civ_app_set_refusal (error, "R-D5", _ ("The divorce application is already closed (%s)"),
                           civ_divorce_state_label_db (r->state));
      return FALSE;
    }
  civ_date_parse_iso (r->accepted_on, &t0);
  civ_divorce_deadlines_compute (calendar, &t0, &d);
  today = civ_date_format_iso (today_date);

  if (!civ_db_begin (db, error))
    return FALSE;
  local = civ_divorce_row_find (db, r->record_id, &inner);
  if (inner)
    goto fail;
  if (local != NULL && local->held_by == NULL && previous_holder != NULL)
    {
      g_autofree char *self = civ_db_get_setting (db, "workstation_id");

      /* Held here already, at the province too: nothing to record. */
      if (g_strcmp0 (self, previous_holder) == 0)
        {
          civ_db_rollback (db);
          return TRUE;
        }
    }
  if (local != NULL)
    {
      /* This window had it: accepted here and taken elsewhere, or taken
       * before. It holds it again. */
      if (civ_divorce_state_from_db (local->state) != CIV_DIVORCE_STATE_COOLING)
        {
          civ_db_rollback (db);
          civ_app_set_refusal (error, "R-D5", _ ("The divorce application is already closed (%s)"),
                               civ_divorce_state_label_db (local->state));
          return FALSE;
        }
      detail = take_detail (r, TRUE);
      if (!civ_divorce_row_set_holder (db, r->record_id, NULL, NULL, &inner) ||
          !civ_divorce_event_add (db, local->id, today, local->state, actor, detail, &inner) ||
          !civ_store_audit (store, "divorce.take", r->record_id, detail, &inner) ||
          !civ_db_commit (db, &inner))
        goto fail;
      return TRUE;
    }

  marriage = civ_marriage_find_current (db, r->marriage.record_id, &inner);
  if (inner)
    goto fail;
  if (marriage == NULL)
    {
      if (!import_marriage (store, r, &inner))
        goto fail;
    }
  else if (civ_marriage_state_from_db (marriage->state) != CIV_MARRIAGE_STATE_REGISTERED)
    {
      civ_db_rollback (db);
      civ_app_set_refusal (error, "R-D3",
                           _ ("R-D3: the marriage “%s” is no longer registered in this window's "
                              "records (%s)"),
                           marriage->certificate_no ? marriage->certificate_no
                                                    : marriage->record_id,
                           civ_marriage_state_label_db (marriage->state));
      return FALSE;
    }
  else
    {
      open = civ_divorce_row_open_for (db, r->marriage.record_id, &inner);
      if (inner)
        goto fail;
      if (open != NULL)
        {
          civ_db_rollback (db);
          civ_app_set_refusal (error, "R-D5",
                               _ ("R-D5: this window has another open divorce application for "
                                  "the marriage (accepted on %s)"),
                               open->accepted_on);
          return FALSE;
        }
    }

  row.record_id = r->record_id;
  row.marriage_record_id = r->marriage.record_id;
  row.state = (char *) civ_divorce_state_to_db (CIV_DIVORCE_STATE_COOLING);
  row.accepted_on = r->accepted_on;
  row.cooling_off_end = civ_date_format_iso (&d.cooling_off_end);
  row.window_end = civ_date_format_iso (&d.window_end);
  row.provisional = d.provisional;
  row.office_code = r->office_code;
  row.id =
    civ_divorce_row_insert (db, &row, r->agreement_ref ? r->agreement_ref : "", actor, &inner);
  g_free (row.cooling_off_end);
  g_free (row.window_end);
  detail = take_detail (r, FALSE);
  if (row.id == 0 || !civ_divorce_row_set_accepted_by (db, row.id, r->accepted_by, &inner) ||
      !civ_remote_record_insert (db, "divorce", r->record_id, r->accepted_by, actor, &inner) ||
      !civ_divorce_event_add (db, row.id, r->accepted_on, row.state, r->accepted_by, NULL,
                              &inner) ||
      !civ_divorce_event_add (db, row.id, today, row.state, actor, detail, &inner) ||
      !civ_store_audit (store, "divorce.take", r->record_id, detail, &inner) ||
      !civ_db_commit (db, &inner))
    goto fail;
  return TRUE;

fail:
  civ_db_rollback (db);
  g_propagate_error (error, g_steal_pointer (&inner));
  return FALSE;
}

/* ---- What became of this window's applications elsewhere ------------------ */

static gboolean
close_here (CivStore *store, CivDivorceRow *row, const CivDivorceRemote *r, GError **error)
{
  CivDb           *db = civ_store_get_db (store);
  const char      *actor = civ_store_get_operator (store)->login;
  g_autofree char *detail = NULL;
  g_autoptr (CivJson) json = civ_json_new ();

  civ_json_string (json, "divorce", r->record_id);
  civ_json_string (json, "state", r->state);
  civ_json_string (json, "closed_by", r->closed_by);
  if (r->certificate_no)
    civ_json_string (json, "certificate_no", r->certificate_no);
  detail = civ_json_finish (json);
  if (!civ_divorce_row_update (db, row, r->state, r->closed_on, -1, r->certificate_no, error) ||
      !civ_divorce_event_add (db, row->id, r->closed_on, r->state, actor, detail, error) ||
      !civ_store_audit (store, "divorce.closed-elsewhere", r->record_id, detail, error))
    return FALSE;
  if (r->phase == CIV_DIVORCE_STATE_REGISTERED)
    {
      g_autoptr (CivMarriageCurrent) marriage =
        civ_marriage_find_current (db, row->marriage_record_id, error);

      if (marriage == NULL)
        return error == NULL || *error == NULL;
      if (civ_marriage_state_from_db (marriage->state) != CIV_MARRIAGE_STATE_REGISTERED)
        return TRUE;
      if (civ_marriage_new_version (db, marriage,
                                    civ_marriage_state_to_db (CIV_MARRIAGE_STATE_DISSOLVED_REG),
                                    r->record_id, NULL, actor, error) == 0)
        return FALSE;
      for (guint i = 0; i < 2; i++)
        if (marriage->person_id[i] > 0 &&
            !civ_person_set_status (db, marriage->person_id[i], CIV_MARITAL_DIVORCED, NULL, error))
          return FALSE;
    }
  return TRUE;
}

gboolean
civ_divorce_apply_remote (
  CivStore *store, GPtrArray *remotes, const char *self, guint *changed, GError **error)
{
  CivDb *db;
  guint  n = 0;

  g_return_val_if_fail (CIV_IS_STORE (store) && remotes != NULL, FALSE);

  db = civ_store_get_db (store);
  if (!civ_db_begin (db, error))
    return FALSE;
  for (guint i = 0; i < remotes->len; i++)
    {
      const CivDivorceRemote *r = g_ptr_array_index (remotes, i);
      g_autoptr (CivDivorceRow) row = civ_divorce_row_find (db, r->record_id, error);
      gboolean mine = g_strcmp0 (r->holder, self) == 0;

      if (row == NULL)
        {
          if (error && *error)
            goto fail;
          continue;
        }
      if (civ_divorce_state_from_db (row->state) != CIV_DIVORCE_STATE_COOLING)
        continue;
      if (r->phase != CIV_DIVORCE_STATE_COOLING)
        {
          /* Closed by this window is already recorded here. */
          if (g_strcmp0 (r->closed_by, self) == 0)
            continue;
          if (!close_here (store, row, r, error))
            goto fail;
          n++;
        }
      else if (mine ? row->held_by != NULL : g_strcmp0 (row->held_by, r->holder) != 0)
        {
          g_autoptr (CivJson) json = civ_json_new ();
          g_autofree char *detail = NULL;
          g_autofree char *today = NULL;
          GDate            day;

          civ_date_today (&day);
          today = civ_date_format_iso (&day);
          civ_json_string (json, "divorce", r->record_id);
          civ_json_string (json, "held_by", r->holder);
          detail = civ_json_finish (json);
          if (!civ_divorce_row_set_holder (db, r->record_id, mine ? NULL : r->holder,
                                           mine ? NULL : r->held_since, error) ||
              !civ_divorce_event_add (db, row->id, today, row->state,
                                      civ_store_get_operator (store)->login, detail, error) ||
              !civ_store_audit (store, "divorce.handed-over", r->record_id, detail, error))
            goto fail;
          n++;
        }
    }
  if (!civ_db_commit (db, error))
    goto fail;
  if (changed)
    *changed = n;
  return TRUE;

fail:
  civ_db_rollback (db);
  return FALSE;
}
