// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-record-service.c — reissued certificates, court judgments and corrections */
#include "civ-record-service.h"

#include "civ-archive-store.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-calendar.h"
#include "civ-divorce-store.h"
#include "civ-marriage-rules.h"
#include "civ-permissions.h"
#include "civ-record-actions.h"
#include "civ-record-store.h"
#include "civ-registry-private.h"
#include "civ-registry-store.h"
#include "civ-states.h"

static gboolean
blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static char *
json_object_text (JsonBuilder *b)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

static void
add_string (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

/* Finds the current version inside the open transaction; sets an R-B1 style
 * error naming @rule when there is none. */
static CivMarriageCurrent *
find_marriage (CivDb *db, const char *key, const char *rule, GError **error)
{
  g_autoptr (GError) local = NULL;
  CivMarriageCurrent *m = civ_marriage_find_current (db, key, &local);

  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (m == NULL)
    civ_app_set_refusal (error, rule, _ ("%s: the archive holds no marriage record “%s”"), rule,
                         key);
  return m;
}

/* The L number of the registered divorce that dissolved @marriage_record_id. */
static gboolean
divorce_certificate_for (
  CivDb *db, const char *marriage_record_id, char **divorce_id, char **number, GError **error)
{
  g_autoptr (CivDivorceRow) row = NULL;
  g_autoptr (GError) local = NULL;

  *divorce_id = NULL;
  *number = NULL;
  row = civ_divorce_row_registered_for (db, marriage_record_id, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (row != NULL)
    {
      *divorce_id = g_steal_pointer (&row->record_id);
      *number = g_steal_pointer (&row->certificate_no);
    }
  return TRUE;
}

char *
civ_marriage_reissue (CivStore      *store,
                      const char    *record_or_certificate,
                      CivReissueKind kind,
                      const char    *reason,
                      const GDate   *today,
                      GError       **error)
{
  g_autoptr (CivMarriageCurrent) marriage = NULL;
  g_autoptr (JsonBuilder) b = NULL;
  g_autofree char *today_iso = NULL;
  g_autofree char *office_code = NULL;
  g_autofree char *divorce_id = NULL;
  g_autofree char *divorce_no = NULL;
  g_autofree char *number = NULL;
  g_autofree char *payload = NULL;
  const char      *prefix = kind == CIV_REISSUE_DIVORCE ? "BL" : "BJ";
  const char      *original;
  const char      *owner;
  const char      *actor;
  CivDb           *db;

  g_return_val_if_fail (CIV_IS_STORE (store), NULL);

  if (!civ_require (store, CIV_PERM_REGISTER_MARRIAGE, error))
    return NULL;
  if (today == NULL || !g_date_valid (today) || blank (record_or_certificate) || blank (reason) ||
      (kind != CIV_REISSUE_MARRIAGE && kind != CIV_REISSUE_DIVORCE))
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                           _ ("Give the record or certificate number, the reason for the reissue "
                              "and a valid date"));
      return NULL;
    }
  db = civ_store_get_db (store);
  actor = civ_store_get_operator (store)->login;
  today_iso = civ_date_format_iso (today);
  office_code = civ_store_get_office_code (store);

  if (!civ_db_begin (db, error))
    return NULL;
  marriage = find_marriage (db, record_or_certificate, "R-B1", error);
  if (marriage == NULL)
    goto fail;
  /* R-B1: only a registration the archive confirms (a J number was issued). */
  if (marriage->certificate_no == NULL ||
      civ_marriage_state_from_db (marriage->state) == CIV_MARRIAGE_STATE_APPLIED ||
      civ_marriage_state_from_db (marriage->state) == CIV_MARRIAGE_STATE_REFUSED)
    {
      civ_app_set_refusal (error, "R-B1",
                           _ ("R-B1: the archive does not confirm a registration for “%s”"),
                           record_or_certificate);
      goto fail;
    }
  if (kind == CIV_REISSUE_MARRIAGE)
    {
      /* R-B3: a marriage certificate only while still married. */
      if (civ_marriage_state_from_db (marriage->state) != CIV_MARRIAGE_STATE_REGISTERED)
        {
          civ_app_set_refusal (error, "R-B3",
                               _ ("R-B3: the marriage is no longer registered (%s); no marriage "
                                  "certificate can be reissued"),
                               marriage->state);
          goto fail;
        }
      original = marriage->certificate_no;
      owner = marriage->record_id;
    }
  else
    {
      /* R-B3: a divorce certificate only while dissolved by registration. */
      if (civ_marriage_state_from_db (marriage->state) != CIV_MARRIAGE_STATE_DISSOLVED_REG)
        {
          civ_app_set_refusal (error, "R-B3",
                               _ ("R-B3: the marriage was not dissolved by divorce registration "
                                  "(%s); no "
                                  "divorce certificate can be reissued"),
                               marriage->state);
          goto fail;
        }
      if (!divorce_certificate_for (db, marriage->record_id, &divorce_id, &divorce_no, error))
        goto fail;
      if (divorce_no == NULL)
        {
          civ_app_set_refusal (error, "R-B1", "%s",
                               _ ("R-B1: the archive holds no divorce certificate for this "
                                  "marriage"));
          goto fail;
        }
      original = divorce_no;
      owner = divorce_id;
    }

  number = civ_certificate_allocate (db, prefix, office_code, g_date_get_year (today), owner, actor,
                                     error);
  if (number == NULL)
    goto fail;
  if (!civ_certificate_reissue_insert (db, marriage->record_id, number, original, prefix, reason,
                                       today_iso, actor, error))
    goto fail;

  b = json_builder_new ();
  json_builder_begin_object (b);
  add_string (b, "kind", "reissue");
  add_string (b, "certificate_no", number);
  add_string (b, "original_no", original);
  add_string (b, "marriage_record_id", marriage->record_id);
  add_string (b, "issued_on", today_iso);
  add_string (b, "office_code", office_code);
  add_string (b, "reason", reason);
  payload = json_object_text (b);
  /* The new number is the object of the report: unique per reissue. */
  if (!civ_outbox_enqueue (db, "reissue", number, 1, payload, error) ||
      !civ_store_audit (store, "certificate.reissue", number, payload, error) ||
      !civ_db_commit (db, error))
    goto fail;
  return g_steal_pointer (&number);

fail:
  civ_db_rollback (db);
  return NULL;
}

/* Reads each party's status before this marriage from version @row_id. */
static gboolean
statuses_before (CivDb *db, gint64 row_id, int out[2], GError **error)
{
  CivRecordParty party[2] = { 0 };
  gboolean       ok = civ_record_store_parties (db, row_id, party, error);

  for (guint i = 0; i < 2; i++)
    {
      out[i] = party[i].status_before > 0 ? party[i].status_before : CIV_MARITAL_NOT_STATED;
      civ_record_party_clear (&party[i]);
    }
  return ok;
}

/* Ends a REGISTERED marriage by a judgment or decision: new version with
 * @state and an annotated remark, person index, filed copy, outbox, audit. */
static gboolean
end_marriage (CivStore   *store,
              const char *key,
              const char *state,
              const char *kind_code,
              const char *document_no,
              const char *effective_iso,
              const char *archive_no,
              const char *audit_action,
              const char *outbox_kind,
              GError    **error)
{
  g_autoptr (CivMarriageCurrent) marriage = NULL;
  g_autoptr (JsonBuilder) b = NULL;
  g_autofree char *annotated = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *payload = NULL;
  const char      *remarks;
  const char      *actor;
  CivDb           *db;
  gint64           row;
  int              before[2];
  gboolean         divorce = g_strcmp0 (kind_code, "divorce") == 0;

  db = civ_store_get_db (store);
  actor = civ_store_get_operator (store)->login;
  if (!civ_db_begin (db, error))
    return FALSE;
  marriage = find_marriage (db, key, "R-V4", error);
  if (marriage == NULL)
    goto fail;
  if (civ_marriage_state_from_db (marriage->state) != CIV_MARRIAGE_STATE_REGISTERED)
    {
      civ_app_set_refusal (error, "R-V4",
                           _ ("R-V4: only a registered marriage can take a judgment or decision; "
                              "this "
                              "one is %s"),
                           marriage->state);
      goto fail;
    }
  if (strcmp (effective_iso, marriage->registration_date) < 0)
    {
      civ_app_set_refusal (error, "R-V4",
                           _ ("R-V4: the judgment or decision date %s is before the registration "
                              "date %s"),
                           effective_iso, marriage->registration_date);
      goto fail;
    }
  if (!statuses_before (db, marriage->row_id, before, error))
    goto fail;
  remarks = marriage->remarks ? marriage->remarks : "";
  /* R-V4 / R-D8: the record keeps the document number and effective date. */
  reason = g_strdup_printf ("%s %s %s", kind_code, document_no, effective_iso);
  annotated = *remarks ? g_strdup_printf ("%s\n%s", remarks, reason) : g_strdup (reason);
  row = civ_marriage_new_version_edit (db, marriage, state, annotated, NULL, reason, actor, actor,
                                       error);
  if (row == 0)
    goto fail;

  for (guint i = 0; i < 2; i++)
    if (marriage->person_id[i] > 0 &&
        !civ_person_set_status (db, marriage->person_id[i],
                                divorce ? CIV_MARITAL_DIVORCED : before[i], NULL, error))
      goto fail;

  if (!civ_court_judgment_insert (db, marriage->record_id, kind_code, document_no, effective_iso,
                                  archive_no, marriage->version + 1, actor, error))
    goto fail;

  b = json_builder_new ();
  json_builder_begin_object (b);
  add_string (b, "kind", outbox_kind);
  add_string (b, "record_id", marriage->record_id);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, marriage->version + 1);
  add_string (b, "state", state);
  add_string (b, "judgment", kind_code);
  add_string (b, "document_no", document_no);
  add_string (b, "effective_on", effective_iso);
  add_string (b, "archive_no", archive_no);
  add_string (b, "certificate_no", marriage->certificate_no);
  payload = json_object_text (b);
  if (!civ_outbox_enqueue (db, outbox_kind, marriage->record_id, marriage->version + 1, payload,
                           error) ||
      !civ_store_audit (store, audit_action, marriage->record_id, payload, error) ||
      !civ_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  civ_db_rollback (db);
  return FALSE;
}

gboolean
civ_marriage_court_judgment (CivStore       *store,
                             const char     *record_or_certificate,
                             CivJudgmentKind kind,
                             const char     *document_no,
                             const GDate    *effective_on,
                             const char     *archive_no,
                             GError        **error)
{
  static const struct
  {
    const char      *code;
    CivMarriageState state;
  } kinds[] = {
    [CIV_JUDGMENT_DIVORCE] = { "divorce", CIV_MARRIAGE_STATE_DISSOLVED_COURT },
    [CIV_JUDGMENT_VOID] = { "void", CIV_MARRIAGE_STATE_DECLARED_VOID_COURT },
    [CIV_JUDGMENT_ANNULLED] = { "annulled", CIV_MARRIAGE_STATE_ANNULLED_COURT },
  };
  g_autofree char *effective_iso = NULL;

  g_return_val_if_fail (CIV_IS_STORE (store), FALSE);

  if (!civ_require (store, CIV_PERM_APPROVE_CORRECTIONS, error))
    return FALSE;
  if ((guint) kind >= G_N_ELEMENTS (kinds) || blank (record_or_certificate) ||
      blank (document_no) || effective_on == NULL || !g_date_valid (effective_on))
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                           _ ("Give the record or certificate number, the kind of judgment, the "
                              "court document number and a valid effective date"));
      return FALSE;
    }
  effective_iso = civ_date_format_iso (effective_on);
  return end_marriage (store, record_or_certificate, civ_marriage_state_to_db (kinds[kind].state),
                       kinds[kind].code, document_no, effective_iso,
                       blank (archive_no) ? NULL : archive_no, "marriage.court-judgment",
                       "court-judgment", error);
}

gboolean
civ_marriage_registry_annulment (CivStore    *store,
                                 const char  *record_or_certificate,
                                 const char  *decision_no,
                                 const GDate *decided_on,
                                 GError     **error)
{
  g_autofree char *decided_iso = NULL;

  g_return_val_if_fail (CIV_IS_STORE (store), FALSE);

  if (!civ_require (store, CIV_PERM_APPROVE_CORRECTIONS, error))
    return FALSE;
  if (blank (record_or_certificate) || blank (decision_no) || decided_on == NULL ||
      !g_date_valid (decided_on))
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                           _ ("Give the record or certificate number, the decision number and a "
                              "valid decision date"));
      return FALSE;
    }
  decided_iso = civ_date_format_iso (decided_on);
  if (strcmp (decided_iso, CIV_COURT_ONLY_ANNULMENT_FROM) >= 0)
    {
      civ_app_set_refusal (error, "R-V2",
                           _ ("R-V2: from %s only a court can annul a marriage; file the court "
                              "judgment "
                              "instead"),
                           CIV_COURT_ONLY_ANNULMENT_FROM);
      return FALSE;
    }
  return end_marriage (store, record_or_certificate,
                       civ_marriage_state_to_db (CIV_MARRIAGE_STATE_ANNULLED_REGISTRY),
                       "registry-annulment", decision_no, decided_iso, NULL,
                       "marriage.registry-annulment", "registry-annulment", error);
}

void
_civ_registry_wipe (char *secret)
{
  if (secret == NULL)
    return;
  for (volatile char *p = secret; *p != '\0'; p++)
    *p = '\0';
}

gboolean
_civ_registry_check_approver (
  CivStore *store, CivApprovalKind kind, const char *login, const char *password, GError **error)
{
  g_autoptr (CivOperator) approver = NULL;
  g_autoptr (CivKeyslots) slots = NULL;
  g_autoptr (CivSecret) key = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree char *path = NULL;
  gboolean         a_void = kind != CIV_APPROVAL_CORRECTION;

  if (blank (login) || password == NULL || *password == '\0')
    {
      g_set_error_literal (
        error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION,
        kind == CIV_APPROVAL_VOID_PRINT
          ? _ ("Voiding a certificate print needs a supervisor's approval: give their login and "
               "password")
        : kind == CIV_APPROVAL_VOID_CREMATION_CERTIFICATE
          ? _ ("R-F13: voiding a cremation certificate needs a supervisor's approval: give their "
               "login and password")
          : _ ("A correction needs a supervisor's approval: give their login and password"));
      return FALSE;
    }
  if (g_strcmp0 (login, civ_store_get_operator (store)->login) == 0)
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION,
                           a_void ? _ ("A void must be approved by another user, not by the "
                                       "one making it")
                                  : _ ("A correction must be approved by another user, not "
                                       "by the one making it"));
      return FALSE;
    }
  approver = civ_store_find_operator (store, login, &local);
  /* An unknown login approves nothing, as a registrar does not. */
  if (g_error_matches (local, CIV_DB_ERROR, CIV_DB_ERROR_NO_SUCH_OPERATOR))
    g_clear_error (&local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (approver == NULL || !approver->enabled || approver->role != CIV_ROLE_SUPERVISOR)
    {
      if (a_void)
        g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION,
                     _ ("“%s” is not an enabled supervisor and cannot approve a void"), login);
      else
        g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION,
                     _ ("“%s” is not an enabled supervisor and cannot approve a correction"),
                     login);
      return FALSE;
    }
  path = g_build_filename (civ_store_get_data_dir (store), CIV_STORE_KEYS_NAME, NULL);
  slots = civ_keyslots_load (path, error);
  if (slots == NULL)
    return FALSE;
  key = civ_keyslots_unwrap (slots, login, password, NULL);
  if (key == NULL)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION,
                   _ ("The approval password of “%s” is wrong"), login);
      return FALSE;
    }
  return TRUE;
}

gboolean
civ_marriage_correct (CivStore          *store,
                      const char        *record_or_certificate,
                      CivCorrectionField field,
                      const char        *new_value,
                      const char        *reason,
                      const char        *approver_login,
                      char              *approver_password,
                      GError           **error)
{
  g_autoptr (CivMarriageCurrent) marriage = NULL;
  g_autoptr (JsonBuilder) b = NULL;
  g_autofree char *detail = NULL;
  const char      *field_code;
  const char      *actor;
  CivDb           *db;
  gboolean         approved;
  GDate            date;

  g_return_val_if_fail (CIV_IS_STORE (store), FALSE);

  if (!civ_require (store, CIV_PERM_REGISTER_MARRIAGE, error))
    goto refuse;
  if (blank (record_or_certificate) || new_value == NULL || blank (reason) ||
      (field != CIV_CORRECT_REMARKS && field != CIV_CORRECT_EFFECTIVE_FROM))
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                           _ ("Give the record, the field, its new value and the reason for the "
                              "correction"));
      goto refuse;
    }
  if (field == CIV_CORRECT_EFFECTIVE_FROM && !civ_date_parse_iso (new_value, &date))
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("“%s” is not a date (YYYY-MM-DD)"), new_value);
      goto refuse;
    }
  approved = _civ_registry_check_approver (store, CIV_APPROVAL_CORRECTION, approver_login,
                                           approver_password, error);
  _civ_registry_wipe (approver_password);
  if (!approved)
    return FALSE;

  field_code = field == CIV_CORRECT_REMARKS ? "remarks" : "effective_from";
  db = civ_store_get_db (store);
  actor = civ_store_get_operator (store)->login;
  if (!civ_db_begin (db, error))
    return FALSE;
  marriage = find_marriage (db, record_or_certificate, "R-H4", error);
  if (marriage == NULL)
    goto fail;
  if (marriage->certificate_no == NULL)
    {
      /* R-H4: a correction amends a registration; a refusal is not one. */
      civ_app_set_refusal (error, "R-H4", "%s",
                           _ ("Only a registered record can be corrected; a refusal stays as it "
                              "was written"));
      goto fail;
    }
  /* R-H4: a historical record keeps what its source says (an anomaly
   * remark, not a fix); it is corrected by keying it again in the archive. */
  {
    gboolean historical = FALSE;

    if (!civ_history_record_is_historical (db, marriage->record_id, &historical, error))
      goto fail;
    if (historical)
      {
        civ_app_set_refusal (error, "R-H4", "%s",
                             _ ("A historical record keeps what its register book says: it is "
                                "not corrected at the counter"));
        goto fail;
      }
  }
  /* R-M13: a marriage takes effect on or before its registration date. */
  if (field == CIV_CORRECT_EFFECTIVE_FROM && strcmp (new_value, marriage->registration_date) > 0)
    {
      civ_app_set_refusal (error, "R-M13",
                           _ ("R-M13: the effective date cannot be after the registration date %s"),
                           marriage->registration_date);
      goto fail;
    }
  if (civ_marriage_new_version_edit (db, marriage, NULL,
                                     field == CIV_CORRECT_REMARKS ? new_value : NULL,
                                     field == CIV_CORRECT_EFFECTIVE_FROM ? new_value : NULL, reason,
                                     approver_login, actor, error) == 0)
    goto fail;
  b = json_builder_new ();
  json_builder_begin_object (b);
  add_string (b, "record_id", marriage->record_id);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, marriage->version + 1);
  add_string (b, "field", field_code);
  add_string (b, "reason", reason);
  add_string (b, "approved_by", approver_login);
  detail = json_object_text (b);
  if (!civ_store_audit (store, "marriage.correct", marriage->record_id, detail, error) ||
      !civ_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  civ_db_rollback (db);
  return FALSE;

refuse:
  _civ_registry_wipe (approver_password);
  return FALSE;
}
