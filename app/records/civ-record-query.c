// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-record-query.c — what the counter screens read back */
#include "civ-record-query.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-divorce-store.h"
#include "civ-permissions.h"
#include "civ-record-store.h"
#include "civ-registry-private.h"
#include "civ-registry-store.h"
#include "civ-states.h"

static CivSeverity
severity_from_string (const char *text)
{
  if (g_strcmp0 (text, "refuse") == 0)
    return CIV_SEVERITY_REFUSE;
  if (g_strcmp0 (text, "warn") == 0)
    return CIV_SEVERITY_WARN;
  return CIV_SEVERITY_INFO;
}

/* The certificate the couple holds now while @state still holds what it
 * proves (R-B3): the newest of J and BJ for a registered marriage, of L and
 * BL (of the registered divorce) for one dissolved by divorce registration.
 * *@number is NULL otherwise. */
static gboolean
load_held_certificate (
  CivDb *db, const char *record_id, const char *state, char **number, GError **error)
{
  *number = NULL;
  if (civ_marriage_state_from_db (state) == CIV_MARRIAGE_STATE_REGISTERED)
    return civ_record_store_newest_certificate (db, record_id, FALSE, number, error);
  if (civ_marriage_state_from_db (state) == CIV_MARRIAGE_STATE_DISSOLVED_REG)
    return civ_record_store_newest_certificate (db, record_id, TRUE, number, error);
  return TRUE;
}

void
civ_marriage_record_free (CivMarriageRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->record_id);
  g_ptr_array_unref (record->versions);
  if (record->prints)
    g_ptr_array_unref (record->prints);
  g_free (record->held_certificate_no);
  g_clear_pointer (&record->identity_checks, g_ptr_array_unref);
  g_free (record);
}

const CivMarriageVersion *
civ_marriage_record_current (const CivMarriageRecord *record)
{
  g_return_val_if_fail (record != NULL && record->versions->len > 0, NULL);
  return g_ptr_array_index (record->versions, record->versions->len - 1);
}

/* The findings (CivFinding) stored for the @kind row @row_id. */
static GPtrArray *
load_findings (CivDb *db, const char *kind, gint64 row_id, GError **error)
{
  g_autoptr (GPtrArray) rows = civ_findings_list (db, kind, row_id, error);
  g_autoptr (GPtrArray) findings = NULL;

  if (rows == NULL)
    return NULL;
  findings = civ_findings_new ();
  for (guint i = 0; i < rows->len; i++)
    {
      const CivFindingRow *row = g_ptr_array_index (rows, i);

      g_ptr_array_add (findings, civ_finding_new (row->rule, severity_from_string (row->severity),
                                                  row->message));
    }
  return g_steal_pointer (&findings);
}

CivMarriageRecord *
civ_record_query_marriage (CivStore *store, const char *key, GError **error)
{
  g_autoptr (CivMarriageRecord) record = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autofree char *record_id = NULL;
  CivDb           *db;

  g_return_val_if_fail (CIV_IS_STORE (store) && key != NULL, NULL);

  if (!civ_require (store, CIV_PERM_REGISTER_MARRIAGE, error))
    return NULL;
  db = civ_store_get_db (store);
  rows = civ_record_store_versions (db, key, &record_id, error);
  if (rows == NULL || rows->len == 0)
    return NULL;
  record = g_new0 (CivMarriageRecord, 1);
  record->record_id = g_steal_pointer (&record_id);
  record->versions = g_ptr_array_ref (rows);
  for (guint i = 0; i < rows->len; i++)
    {
      CivMarriageVersion *v = g_ptr_array_index (rows, i);

      v->findings = load_findings (db, "marriage", v->row_id, error);
      if (v->findings == NULL)
        return NULL;
    }
  record->prints = civ_record_store_prints (db, record->record_id, error);
  if (record->prints == NULL)
    return NULL;
  if (!load_held_certificate (db, record->record_id, civ_marriage_record_current (record)->state,
                              &record->held_certificate_no, error))
    return NULL;
  record->identity_checks = civ_identity_check_list (db, "marriage", record->record_id, error);
  if (record->identity_checks == NULL)
    return NULL;
  return g_steal_pointer (&record);
}

void
civ_divorce_view_free (CivDivorceView *view)
{
  if (view == NULL)
    return;
  g_clear_pointer (&view->divorce, civ_divorce_result_free);
  g_free (view->marriage_certificate_no);
  g_free (view->names[0]);
  g_free (view->names[1]);
  g_free (view->agreement_ref);
  g_free (view->withdrawn_on);
  g_free (view->closed_on);
  if (view->findings)
    g_ptr_array_unref (view->findings);
  g_free (view);
}

CivDivorceView *
civ_record_query_divorce (CivStore *store, const char *key, CivCalendar *calendar, GError **error)
{
  g_autoptr (CivDivorceView) view = NULL;
  g_autoptr (CivDivorceRow) row = NULL;
  CivDb *db;

  g_return_val_if_fail (CIV_IS_STORE (store) && key != NULL, NULL);

  if (!civ_require (store, CIV_PERM_REGISTER_MARRIAGE, error))
    return NULL;
  db = civ_store_get_db (store);
  row = civ_divorce_row_find_newest (db, key, error);
  if (row == NULL)
    return NULL;
  view = g_new0 (CivDivorceView, 1);
  view->agreement_ref = g_steal_pointer (&row->agreement_ref);
  view->withdrawn_on = g_steal_pointer (&row->withdrawn_on);
  view->withdrawn_by = row->withdrawn_by;
  view->closed_on = g_steal_pointer (&row->closed_on);

  view->divorce = civ_divorce_get (store, row->record_id, calendar, error);
  if (view->divorce == NULL)
    return NULL;
  if (!civ_record_store_marriage_names (db, row->marriage_record_id, &view->marriage_certificate_no,
                                        view->names, error))
    return NULL;
  view->findings = load_findings (db, "divorce", row->id, error);
  if (view->findings == NULL)
    return NULL;
  return g_steal_pointer (&view);
}

void
civ_divorce_due_free (CivDivorceDue *due)
{
  if (due == NULL)
    return;
  g_free (due->record_id);
  g_free (due->marriage_certificate_no);
  g_free (due->names[0]);
  g_free (due->names[1]);
  g_free (due);
}

GPtrArray *
civ_record_query_divorces_due (CivStore    *store,
                               const GDate *today,
                               CivCalendar *calendar,
                               GError     **error)
{
  g_autoptr (GPtrArray) due = NULL;
  g_autoptr (GPtrArray) open = NULL;
  CivDb *db;

  g_return_val_if_fail (CIV_IS_STORE (store) && today != NULL, NULL);

  if (!civ_require (store, CIV_PERM_REGISTER_MARRIAGE, error))
    return NULL;
  if (!g_date_valid (today))
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                           _ ("The date is not valid"));
      return NULL;
    }
  db = civ_store_get_db (store);
  open = civ_divorce_row_list_cooling (db, error);
  if (open == NULL)
    return NULL;
  due = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_divorce_due_free);
  for (guint i = 0; i < open->len; i++)
    {
      CivDivorceRow      *row = g_ptr_array_index (open, i);
      CivDivorceDeadlines d;
      GDate               t0;
      CivDivorceDue      *item;

      if (row->accepted_on == NULL || !civ_date_parse_iso (row->accepted_on, &t0))
        continue;
      civ_divorce_deadlines_compute (calendar, &t0, &d);
      if (g_date_compare (&d.cooling_off_end, today) != 0 &&
          g_date_compare (&d.window_end, today) != 0)
        continue;
      item = g_new0 (CivDivorceDue, 1);
      item->record_id = g_strdup (row->record_id);
      item->kind = g_date_compare (&d.cooling_off_end, today) == 0
                     ? CIV_DIVORCE_DUE_COOLING_OFF_ENDS
                     : CIV_DIVORCE_DUE_WINDOW_CLOSES;
      item->provisional = d.provisional;
      if (!civ_record_store_marriage_names (db, row->marriage_record_id,
                                            &item->marriage_certificate_no, item->names, error))
        {
          civ_divorce_due_free (item);
          return NULL;
        }
      g_ptr_array_add (due, item);
    }
  return g_steal_pointer (&due);
}

static char *
print_detail (const char *blank_serial, guint copy, guint copies)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "blank_serial");
  json_builder_add_string_value (b, blank_serial);
  json_builder_set_member_name (b, "copy");
  json_builder_add_int_value (b, copy);
  json_builder_set_member_name (b, "copies");
  json_builder_add_int_value (b, copies);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

/* The serials of @blank_serials trimmed, or NULL with an error when they
 * are not one to CIV_CERTIFICATE_COPIES non-empty, distinct serials (R-N3). */
static GStrv
trimmed_serials (const char *const *blank_serials, GError **error)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) serials = NULL;
  guint n = blank_serials ? g_strv_length ((char **) blank_serials) : 0;

  if (n == 0 || n > CIV_CERTIFICATE_COPIES)
    {
      civ_app_set_invalid (error, "R-N3",
                           _ ("R-N3: a certificate is printed in %d copies, one per spouse, each "
                              "on its "
                              "own blank: give one blank serial (NO.) per copy"),
                           CIV_CERTIFICATE_COPIES);
      return NULL;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *serial = g_strstrip (g_strdup (blank_serials[i]));

      if (*serial == '\0')
        {
          civ_app_set_invalid (error, "R-N3",
                               _ ("R-N3: enter the pre-printed serial (NO.) of the blank of copy "
                                  "%u"),
                               i + 1);
          return NULL;
        }
      g_strv_builder_add (builder, serial);
    }
  serials = g_strv_builder_end (builder);
  for (guint i = 0; i < n; i++)
    for (guint k = i + 1; k < n; k++)
      if (strcmp (serials[i], serials[k]) == 0)
        {
          civ_app_set_invalid (error, "R-N3",
                               _ (
                                 "R-N3: each copy goes on its own blank, but the serial No. %s was "
                                 "entered for two copies"),
                               serials[i]);
          return NULL;
        }
  return g_steal_pointer (&serials);
}

gboolean
civ_certificate_check_copies (const char        *certificate_no,
                              const char *const *live,
                              guint              n_new,
                              GError           **error)
{
  guint            n_live = live ? g_strv_length ((char **) live) : 0;
  g_autofree char *serials = NULL;

  if (n_live + n_new <= CIV_CERTIFICATE_COPIES)
    return TRUE;
  serials = g_strjoinv ("、", (char **) live);
  /* R-N3: blanks are never used up silently. */
  civ_app_set_refusal (error, "R-N3",
                       /* Translators: %1$u is how many copies are out, %2$s the certificate
                        * number, %3$s the serials (NO.) of their blanks. */
                       _ ("R-N3: %1$u copies of %2$s are already printed (blank No. %3$s), and a "
                          "certificate has two. To print it again, first void the spoiled copy "
                          "(a supervisor approves), or reissue the certificate."),
                       n_live, certificate_no, serials);
  return FALSE;
}

gboolean
civ_record_check_copies (const CivMarriageRecord *record,
                         const char              *certificate_no,
                         guint                    n_new,
                         GError                 **error)
{
  g_autoptr (GPtrArray) live = g_ptr_array_new ();

  g_return_val_if_fail (record != NULL && certificate_no != NULL, FALSE);

  for (guint i = 0; record->prints != NULL && i < record->prints->len; i++)
    {
      const CivCertificatePrint *p = g_ptr_array_index (record->prints, i);

      if (p->voided_at == NULL && g_strcmp0 (p->certificate_no, certificate_no) == 0)
        g_ptr_array_add (live, p->blank_serial);
    }
  g_ptr_array_add (live, NULL);
  return civ_certificate_check_copies (certificate_no, (const char *const *) live->pdata, n_new,
                                       error);
}

/* TRUE when the certificate @certificate_no exists, fewer than its copies
 * are out (R-N3) and no blank of
 * @serials was ever used, voided or not (R-N1, R-N3). */
static gboolean
check_blanks (CivDb *db, const char *certificate_no, char *const *serials, GError **error)
{
  gboolean exists = FALSE;

  if (!civ_record_store_certificate_exists (db, certificate_no, &exists, error))
    return FALSE;
  if (!exists)
    {
      civ_app_set_refusal (error, "R-N1", _ ("R-N1: the archive holds no certificate %s"),
                           certificate_no);
      return FALSE;
    }
  {
    g_autoptr (GPtrArray) live = civ_record_store_live_prints (db, certificate_no, error);

    if (live == NULL)
      return FALSE;
    g_ptr_array_add (live, NULL);
    if (!civ_certificate_check_copies (certificate_no, (const char *const *) live->pdata,
                                       g_strv_length ((char **) serials), error))
      return FALSE;
  }
  for (guint i = 0; serials[i] != NULL; i++)
    {
      g_autoptr (CivCertificatePrint) used = NULL;
      g_autoptr (GError) local = NULL;

      used = civ_record_store_find_print (db, serials[i], NULL, &local);
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      if (used == NULL)
        continue;
      if (used->voided_at != NULL)
        civ_app_set_refusal (error, "R-N3",
                             /* Translators: %1$s is a blank's serial, %2$s a certificate number. */
                             _ ("R-N3: the blank No. %1$s was already used for %2$s and voided; a "
                                "blank serial is recorded once and never reused. Check the serial "
                                "printed on the blank"),
                             serials[i], used->certificate_no);
      else
        civ_app_set_refusal (error, "R-N3",
                             /* Translators: %1$s is a blank's serial, %2$s a certificate number. */
                             _ (
                               "R-N3: the blank No. %1$s was already used for %2$s; a blank serial "
                               "is recorded once and never reused. Check the serial printed on "
                               "the blank"),
                             serials[i], used->certificate_no);
      return FALSE;
    }
  return TRUE;
}

gboolean
civ_record_check_blanks (CivStore          *store,
                         const char        *certificate_no,
                         const char *const *blank_serials,
                         GError           **error)
{
  g_auto (GStrv) serials = NULL;

  g_return_val_if_fail (CIV_IS_STORE (store) && certificate_no != NULL, FALSE);

  if (!civ_require (store, CIV_PERM_REGISTER_MARRIAGE, error))
    return FALSE;
  serials = trimmed_serials (blank_serials, error);
  if (serials == NULL)
    return FALSE;
  return check_blanks (civ_store_get_db (store), certificate_no, serials, error);
}

gboolean
civ_record_note_prints (CivStore          *store,
                        const char        *certificate_no,
                        const char *const *blank_serials,
                        GError           **error)
{
  g_auto (GStrv) serials = NULL;
  const char *actor;
  guint       n;
  CivDb      *db;

  g_return_val_if_fail (CIV_IS_STORE (store) && certificate_no != NULL, FALSE);

  if (!civ_require (store, CIV_PERM_REGISTER_MARRIAGE, error))
    return FALSE;
  serials = trimmed_serials (blank_serials, error);
  if (serials == NULL)
    return FALSE;
  n = g_strv_length (serials);
  db = civ_store_get_db (store);
  actor = civ_store_get_operator (store)->login;
  if (!civ_db_begin (db, error))
    return FALSE;
  /* Checked inside the transaction: another counter may have used a blank
   * since the dialog checked it. */
  if (!check_blanks (db, certificate_no, serials, error))
    goto fail;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *detail = print_detail (serials[i], i + 1, n);

      if (!civ_certificate_print (db, certificate_no, serials[i], actor, error) ||
          !civ_store_audit (store, "certificate.print", certificate_no, detail, error))
        goto fail;
    }
  if (!civ_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  civ_db_rollback (db);
  return FALSE;
}

static char *
void_detail (const char *record_id,
             const char *certificate_no,
             const char *blank_serial,
             const char *reason,
             const char *approved_by)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "record_id");
  json_builder_add_string_value (b, record_id);
  json_builder_set_member_name (b, "certificate_no");
  json_builder_add_string_value (b, certificate_no);
  json_builder_set_member_name (b, "blank_serial");
  json_builder_add_string_value (b, blank_serial);
  json_builder_set_member_name (b, "reason");
  json_builder_add_string_value (b, reason);
  json_builder_set_member_name (b, "approved_by");
  json_builder_add_string_value (b, approved_by);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

/* The void's approver: the operator when they are a supervisor approving
 * their own void (no @login given), else @login once it passed the check.
 * NULL with a CIV_APP_ERROR_PERMISSION error when not approved. */
static char *
void_approver (CivStore *store, const char *login, const char *password, GError **error)
{
  const CivOperator *op = civ_store_get_operator (store);
  g_autofree char   *approver = g_strstrip (g_strdup (login ? login : ""));

  if (*approver == '\0' && op->role == CIV_ROLE_SUPERVISOR && op->enabled)
    return g_strdup (op->login);
  if (!_civ_registry_check_approver (store, CIV_APPROVAL_VOID_PRINT, approver, password, error))
    return NULL;
  return g_steal_pointer (&approver);
}

static gboolean
void_print (CivStore   *store,
            const char *record_or_certificate,
            const char *blank_serial,
            const char *reason,
            const char *approver_login,
            const char *approver_password,
            GError    **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (CivCertificatePrint) print = NULL;
  g_autofree char *key = NULL;
  g_autofree char *serial = NULL;
  g_autofree char *why = NULL;
  g_autofree char *approved_by = NULL;
  g_autofree char *record_id = NULL;
  g_autofree char *detail = NULL;
  CivDb           *db;

  if (!civ_require (store, CIV_PERM_REGISTER_MARRIAGE, error))
    return FALSE;
  key = g_strstrip (g_strdup (record_or_certificate ? record_or_certificate : ""));
  serial = g_strstrip (g_strdup (blank_serial ? blank_serial : ""));
  why = g_strstrip (g_strdup (reason ? reason : ""));
  if (*key == '\0' || *serial == '\0')
    {
      civ_app_set_invalid (error, "R-N3", "%s",
                           _ ("R-N3: give the record and the pre-printed serial (NO.) of the "
                              "spoiled certificate blank"));
      return FALSE;
    }
  if (*why == '\0')
    {
      civ_app_set_invalid (error, "R-N1", "%s",
                           _ ("R-N1: a voided certificate blank needs a reason"));
      return FALSE;
    }
  /* Architecture §8: a voided certificate needs a supervisor. Checked
   * before the transaction: opening a key slot takes a while. */
  approved_by = void_approver (store, approver_login, approver_password, error);
  if (approved_by == NULL)
    return FALSE;

  db = civ_store_get_db (store);
  if (!civ_db_begin (db, error))
    return FALSE;
  record_id = civ_record_store_find_marriage (db, key, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      goto fail;
    }
  if (record_id == NULL)
    {
      civ_app_set_refusal (error, "R-N3", _ ("R-N3: the archive holds no marriage record “%s”"),
                           key);
      goto fail;
    }
  /* R-N3: only a blank that holds a print of a certificate of this
   * marriage: J and BJ, or the L and BL of its divorce. */
  print = civ_record_store_find_print (db, serial, record_id, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      goto fail;
    }
  if (print == NULL)
    {
      civ_app_set_refusal (error, "R-N3",
                           _ (
                             "R-N3: no certificate of this record was printed on the blank No. %s"),
                           serial);
      goto fail;
    }
  /* R-N1: a void is recorded once and never undone. */
  if (print->voided_at != NULL)
    {
      civ_app_set_refusal (error, "R-N1",
                           _ ("R-N1: the blank No. %1$s was already voided (%2$s, by %3$s)"),
                           serial, print->voided_at, print->voided_by ? print->voided_by : "?");
      goto fail;
    }
  detail = void_detail (record_id, print->certificate_no, serial, why, approved_by);
  if (!civ_certificate_void_print (db, serial, why, civ_store_get_operator (store)->login,
                                   approved_by, error) ||
      !civ_store_audit (store, "certificate.void", print->certificate_no, detail, error) ||
      !civ_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  civ_db_rollback (db);
  return FALSE;
}

gboolean
civ_record_void_print (CivStore   *store,
                       const char *record_or_certificate,
                       const char *blank_serial,
                       const char *reason,
                       const char *approver_login,
                       char       *approver_password,
                       GError    **error)
{
  gboolean ok = FALSE;

  if (CIV_IS_STORE (store))
    ok = void_print (store, record_or_certificate, blank_serial, reason, approver_login,
                     approver_password, error);
  /* The password is gone whatever the outcome. */
  _civ_registry_wipe (approver_password);
  g_return_val_if_fail (CIV_IS_STORE (store), FALSE);
  return ok;
}
