/* civ-record-query.c — what the counter screens read back */
#include "civ-record-query.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "civ-app-error.h"
#include "civ-permissions.h"
#include "civ-registry-store.h"

static CivSeverity
severity_from_string (const char *text)
{
  if (g_strcmp0 (text, "refuse") == 0)
    return CIV_SEVERITY_REFUSE;
  if (g_strcmp0 (text, "warn") == 0)
    return CIV_SEVERITY_WARN;
  return CIV_SEVERITY_INFO;
}

static void
party_clear (CivRecordParty *p)
{
  g_free (p->name);
  g_free (p->birth_date);
  g_free (p->nationality);
  g_free (p->ethnicity);
  g_free (p->doc_kind);
  g_free (p->doc_number);
  g_free (p->resident_category);
}

static void
version_free (CivMarriageVersion *v)
{
  g_free (v->state);
  g_free (v->certificate_no);
  g_free (v->registration_date);
  g_free (v->effective_from);
  g_free (v->office_code);
  g_free (v->office_name);
  g_free (v->registrar);
  g_free (v->registrar_name);
  g_free (v->status_source);
  g_free (v->remarks);
  g_free (v->reason);
  g_free (v->created_at);
  g_free (v->created_by);
  g_free (v->approved_by);
  for (guint i = 0; i < 2; i++)
    party_clear (&v->party[i]);
  if (v->findings)
    g_ptr_array_unref (v->findings);
  g_free (v);
}

static void
print_free (CivCertificatePrint *p)
{
  g_free (p->certificate_no);
  g_free (p->blank_serial);
  g_free (p->printed_at);
  g_free (p->printed_by);
  g_free (p->voided_at);
  g_free (p->voided_by);
  g_free (p->void_reason);
  g_free (p);
}

/* The prints of every certificate of @record_id, oldest first. */
static GPtrArray *
load_prints (CivDb *db, const char *record_id, GError **error)
{
  g_autoptr (GPtrArray) prints = g_ptr_array_new_with_free_func ((GDestroyNotify) print_free);
  g_autoptr (sqlite3_stmt) stmt = civ_db_prepare (
    db,
    "SELECT c.number, p.blank_serial, p.printed_at, p.printed_by, p.voided_at, p.voided_by, "
    "p.void_reason FROM certificate_prints p JOIN certificates c ON c.id = p.certificate_id "
    "WHERE c.record_id = ?1 ORDER BY p.printed_at, p.id",
    error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, record_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CivCertificatePrint *p = g_new0 (CivCertificatePrint, 1);

      p->certificate_no = civ_db_column_dup (stmt, 0);
      p->blank_serial = civ_db_column_dup (stmt, 1);
      p->printed_at = civ_db_column_dup (stmt, 2);
      p->printed_by = civ_db_column_dup (stmt, 3);
      p->voided_at = civ_db_column_dup (stmt, 4);
      p->voided_by = civ_db_column_dup (stmt, 5);
      p->void_reason = civ_db_column_dup (stmt, 6);
      g_ptr_array_add (prints, p);
    }
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the certificate prints"));
      return NULL;
    }
  return g_steal_pointer (&prints);
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
  g_free (record);
}

const CivMarriageVersion *
civ_marriage_record_current (const CivMarriageRecord *record)
{
  g_return_val_if_fail (record != NULL && record->versions->len > 0, NULL);
  return g_ptr_array_index (record->versions, record->versions->len - 1);
}

static GPtrArray *
load_findings (CivDb *db, const char *kind, gint64 row_id, GError **error)
{
  g_autoptr (GPtrArray) findings = civ_findings_new ();
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT rule, severity, message FROM findings "
                    "WHERE record_kind = ? AND record_row = ? ORDER BY rowid",
                    error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, row_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (findings, civ_finding_new ((const char *) sqlite3_column_text (stmt, 0),
                                                severity_from_string (
                                                  (const char *) sqlite3_column_text (stmt, 1)),
                                                (const char *) sqlite3_column_text (stmt, 2)));
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the findings of a record"));
      return NULL;
    }
  return g_steal_pointer (&findings);
}

static gboolean
load_parties (CivDb *db, gint64 row_id, CivMarriageVersion *v, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = civ_db_prepare (
    db,
    "SELECT position, name, sex, birth_date, nationality, ethnicity, doc_kind, doc_number, "
    "resident_category, status_before, nature FROM marriage_parties WHERE marriage_id = ? "
    "ORDER BY position",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int             pos = sqlite3_column_int (stmt, 0);
      CivRecordParty *p;

      if (pos < 0 || pos > 1)
        continue;
      p = &v->party[pos];
      p->name = civ_db_column_dup (stmt, 1);
      p->sex = sqlite3_column_int (stmt, 2);
      p->birth_date = civ_db_column_dup (stmt, 3);
      p->nationality = civ_db_column_dup (stmt, 4);
      p->ethnicity = civ_db_column_dup (stmt, 5);
      p->doc_kind = civ_db_column_dup (stmt, 6);
      p->doc_number = civ_db_column_dup (stmt, 7);
      p->resident_category = civ_db_column_dup (stmt, 8);
      p->status_before = sqlite3_column_int (stmt, 9);
      p->nature = sqlite3_column_int (stmt, 10);
    }
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the marriage records"));
      return FALSE;
    }
  return TRUE;
}

CivMarriageRecord *
civ_record_query_marriage (CivStore *store, const char *key, GError **error)
{
  g_autoptr (CivMarriageRecord) record = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GArray) row_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  CivDb *db;
  int    rc;

  g_return_val_if_fail (CIV_IS_STORE (store) && key != NULL, NULL);

  if (!civ_require (store, CIV_PERM_REGISTER_MARRIAGE, error))
    return NULL;
  db = civ_store_get_db (store);
  stmt = civ_db_prepare (
    db,
    "SELECT m.id, m.record_id, m.version, m.state, m.certificate_no, m.registration_date, "
    "m.effective_from, m.office_code, m.office_name, m.registrar, "
    "coalesce(o.display_name, m.registrar), m.status_source, m.remarks, m.reason, m.created_at, "
    "m.created_by, m.approved_by FROM marriages m LEFT JOIN operators o ON o.login = m.registrar "
    "WHERE m.record_id = (SELECT record_id FROM marriages WHERE record_id = ?1 OR "
    "certificate_no = ?1 LIMIT 1) ORDER BY m.version",
    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CivMarriageVersion *v = g_new0 (CivMarriageVersion, 1);
      gint64              row_id = sqlite3_column_int64 (stmt, 0);

      if (record == NULL)
        {
          record = g_new0 (CivMarriageRecord, 1);
          record->record_id = civ_db_column_dup (stmt, 1);
          record->versions = g_ptr_array_new_with_free_func ((GDestroyNotify) version_free);
        }
      v->version = sqlite3_column_int (stmt, 2);
      v->state = civ_db_column_dup (stmt, 3);
      v->certificate_no = civ_db_column_dup (stmt, 4);
      v->registration_date = civ_db_column_dup (stmt, 5);
      v->effective_from = civ_db_column_dup (stmt, 6);
      v->office_code = civ_db_column_dup (stmt, 7);
      v->office_name = civ_db_column_dup (stmt, 8);
      v->registrar = civ_db_column_dup (stmt, 9);
      v->registrar_name = civ_db_column_dup (stmt, 10);
      v->status_source = civ_db_column_dup (stmt, 11);
      v->remarks = civ_db_column_dup (stmt, 12);
      v->reason = civ_db_column_dup (stmt, 13);
      v->created_at = civ_db_column_dup (stmt, 14);
      v->created_by = civ_db_column_dup (stmt, 15);
      v->approved_by = civ_db_column_dup (stmt, 16);
      g_ptr_array_add (record->versions, v);
      g_array_append_val (row_ids, row_id);
    }
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the marriage records"));
      return NULL;
    }
  if (record == NULL)
    return NULL;
  for (guint i = 0; i < record->versions->len; i++)
    {
      CivMarriageVersion *v = g_ptr_array_index (record->versions, i);
      gint64              row_id = g_array_index (row_ids, gint64, i);

      if (!load_parties (db, row_id, v, error))
        return NULL;
      v->findings = load_findings (db, "marriage", row_id, error);
      if (v->findings == NULL)
        return NULL;
    }
  record->prints = load_prints (db, record->record_id, error);
  if (record->prints == NULL)
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

/* The marriage's certificate number and the spouses' names from its first
 * version (the certificate they hold). */
static gboolean
load_marriage_names (
  CivDb *db, const char *marriage_record_id, char **certificate_no, char *names[2], GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT m.certificate_no, a.name, b.name FROM marriages m "
                    "JOIN marriage_parties a ON a.marriage_id = m.id AND a.position = 0 "
                    "JOIN marriage_parties b ON b.marriage_id = m.id AND b.position = 1 "
                    "WHERE m.record_id = ? ORDER BY m.version LIMIT 1",
                    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, marriage_record_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *certificate_no = civ_db_column_dup (stmt, 0);
      names[0] = civ_db_column_dup (stmt, 1);
      names[1] = civ_db_column_dup (stmt, 2);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the marriage records"));
      return FALSE;
    }
  return TRUE;
}

CivDivorceView *
civ_record_query_divorce (CivStore *store, const char *key, CivCalendar *calendar, GError **error)
{
  g_autoptr (CivDivorceView) view = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *record_id = NULL;
  g_autofree char *marriage_id = NULL;
  gint64           row_id = 0;
  CivDb           *db;
  int              rc;

  g_return_val_if_fail (CIV_IS_STORE (store) && key != NULL, NULL);

  if (!civ_require (store, CIV_PERM_REGISTER_MARRIAGE, error))
    return NULL;
  db = civ_store_get_db (store);
  stmt = civ_db_prepare (
    db,
    "SELECT d.id, d.record_id, d.marriage_record_id, d.agreement_ref, d.withdrawn_on, "
    "d.withdrawn_by, d.closed_on FROM divorces d WHERE d.record_id = ?1 "
    "OR d.marriage_record_id IN (SELECT record_id FROM marriages WHERE record_id = ?1 OR "
    "certificate_no = ?1) ORDER BY d.id DESC LIMIT 1",
    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      civ_db_set_error (db, error, _ ("Could not read the divorce applications"));
      return NULL;
    }
  view = g_new0 (CivDivorceView, 1);
  row_id = sqlite3_column_int64 (stmt, 0);
  record_id = civ_db_column_dup (stmt, 1);
  marriage_id = civ_db_column_dup (stmt, 2);
  view->agreement_ref = civ_db_column_dup (stmt, 3);
  view->withdrawn_on = civ_db_column_dup (stmt, 4);
  view->withdrawn_by =
    sqlite3_column_type (stmt, 5) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 5);
  view->closed_on = civ_db_column_dup (stmt, 6);
  g_clear_pointer (&stmt, sqlite3_finalize);

  view->divorce = civ_divorce_get (store, record_id, calendar, error);
  if (view->divorce == NULL)
    return NULL;
  if (!load_marriage_names (db, marriage_id, &view->marriage_certificate_no, view->names, error))
    return NULL;
  view->findings = load_findings (db, "divorce", row_id, error);
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
  g_autoptr (sqlite3_stmt) stmt = NULL;
  CivDb *db;
  int    rc;

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
  stmt = civ_db_prepare (db,
                         "SELECT record_id, marriage_record_id, accepted_on FROM divorces "
                         "WHERE state = 'COOLING' ORDER BY id",
                         error);
  if (stmt == NULL)
    return NULL;
  due = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_divorce_due_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char         *accepted = (const char *) sqlite3_column_text (stmt, 2);
      CivDivorceDeadlines d;
      GDate               t0;
      CivDivorceDue      *item;

      if (accepted == NULL || !civ_date_parse_iso (accepted, &t0))
        continue;
      civ_divorce_deadlines_compute (calendar, &t0, &d);
      if (g_date_compare (&d.cooling_off_end, today) != 0 &&
          g_date_compare (&d.window_end, today) != 0)
        continue;
      item = g_new0 (CivDivorceDue, 1);
      item->record_id = civ_db_column_dup (stmt, 0);
      item->kind = g_date_compare (&d.cooling_off_end, today) == 0
                     ? CIV_DIVORCE_DUE_COOLING_OFF_ENDS
                     : CIV_DIVORCE_DUE_WINDOW_CLOSES;
      item->provisional = d.provisional;
      if (!load_marriage_names (db, (const char *) sqlite3_column_text (stmt, 1),
                                &item->marriage_certificate_no, item->names, error))
        {
          civ_divorce_due_free (item);
          return NULL;
        }
      g_ptr_array_add (due, item);
    }
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the divorce applications"));
      return NULL;
    }
  return g_steal_pointer (&due);
}

static char *
print_detail (const char *blank_serial)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "blank_serial");
  json_builder_add_string_value (b, blank_serial);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

gboolean
civ_record_note_print (CivStore   *store,
                       const char *certificate_no,
                       const char *blank_serial,
                       GError    **error)
{
  g_autofree char *detail = NULL;
  g_autofree char *serial = NULL;
  CivDb           *db;

  g_return_val_if_fail (CIV_IS_STORE (store) && certificate_no != NULL, FALSE);

  if (!civ_require (store, CIV_PERM_REGISTER_MARRIAGE, error))
    return FALSE;
  db = civ_store_get_db (store);
  serial = g_strstrip (g_strdup (blank_serial ? blank_serial : ""));
  if (!civ_db_begin (db, error))
    return FALSE;
  detail = print_detail (serial);
  if (!civ_certificate_print (db, certificate_no, serial, civ_store_get_operator (store)->login,
                              error) ||
      !civ_store_audit (store, "certificate.print", certificate_no, detail, error) ||
      !civ_db_commit (db, error))
    {
      civ_db_rollback (db);
      return FALSE;
    }
  return TRUE;
}

/* The record id of the marriage with this record id or certificate number;
 * NULL with no error when there is none. */
static char *
marriage_record_id (CivDb *db, const char *key, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = civ_db_prepare (db,
                                                  "SELECT record_id FROM marriages WHERE record_id "
                                                  "= ?1 OR certificate_no = ?1 LIMIT 1",
                                                  error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return civ_db_column_dup (stmt, 0);
  if (rc != SQLITE_DONE)
    civ_db_set_error (db, error, _ ("Could not read the marriage records"));
  return NULL;
}

static char *
void_detail (const char *record_id, const char *blank_serial, const char *reason)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "record_id");
  json_builder_add_string_value (b, record_id);
  json_builder_set_member_name (b, "blank_serial");
  json_builder_add_string_value (b, blank_serial);
  json_builder_set_member_name (b, "reason");
  json_builder_add_string_value (b, reason);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

gboolean
civ_record_void_print (CivStore   *store,
                       const char *record_or_certificate,
                       const char *blank_serial,
                       const char *reason,
                       GError    **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *key = NULL;
  g_autofree char *serial = NULL;
  g_autofree char *why = NULL;
  g_autofree char *record_id = NULL;
  g_autofree char *number = NULL;
  g_autofree char *voided_at = NULL;
  g_autofree char *voided_by = NULL;
  g_autofree char *detail = NULL;
  CivDb           *db;
  int              rc;

  g_return_val_if_fail (CIV_IS_STORE (store), FALSE);

  if (!civ_require (store, CIV_PERM_REGISTER_MARRIAGE, error))
    return FALSE;
  key = g_strstrip (g_strdup (record_or_certificate ? record_or_certificate : ""));
  serial = g_strstrip (g_strdup (blank_serial ? blank_serial : ""));
  why = g_strstrip (g_strdup (reason ? reason : ""));
  if (*key == '\0' || *serial == '\0')
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                           _ ("R-N3: give the record and the pre-printed serial (NO.) of the "
                              "spoiled certificate blank"));
      return FALSE;
    }
  if (*why == '\0')
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                           _ ("R-N1: a voided certificate blank needs a reason"));
      return FALSE;
    }

  db = civ_store_get_db (store);
  if (!civ_db_begin (db, error))
    return FALSE;
  record_id = marriage_record_id (db, key, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      goto fail;
    }
  if (record_id == NULL)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_REFUSED,
                   _ ("R-N3: the archive holds no marriage record “%s”"), key);
      goto fail;
    }
  /* R-N3: only a blank that holds a print of this record's certificates. */
  stmt = civ_db_prepare (db,
                         "SELECT c.number, p.voided_at, p.voided_by FROM certificate_prints p "
                         "JOIN certificates c ON c.id = p.certificate_id "
                         "WHERE p.blank_serial = ?1 AND c.record_id = ?2",
                         error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, serial, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, record_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_REFUSED,
                   _ ("R-N3: no certificate of this record was printed on the blank No. %s"),
                   serial);
      goto fail;
    }
  if (rc != SQLITE_ROW)
    {
      civ_db_set_error (db, error, _ ("Could not read the certificate prints"));
      goto fail;
    }
  number = civ_db_column_dup (stmt, 0);
  voided_at = civ_db_column_dup (stmt, 1);
  voided_by = civ_db_column_dup (stmt, 2);
  g_clear_pointer (&stmt, sqlite3_finalize);
  /* R-N1: a void is recorded once and never undone. */
  if (voided_at != NULL)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_REFUSED,
                   _ ("R-N1: the blank No. %1$s was already voided (%2$s, by %3$s)"), serial,
                   voided_at, voided_by ? voided_by : "?");
      goto fail;
    }
  detail = void_detail (record_id, serial, why);
  if (!civ_certificate_void_print (db, serial, why, civ_store_get_operator (store)->login, error) ||
      !civ_store_audit (store, "certificate.void", number, detail, error) ||
      !civ_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  civ_db_rollback (db);
  return FALSE;
}
