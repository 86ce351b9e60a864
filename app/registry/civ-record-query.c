/* civ-record-query.c — what the counter screens read back */
#include "civ-record-query.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-permissions.h"
#include "civ-registry-private.h"
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
  g_free (p->void_approved_by);
  g_free (p);
}

/* The prints of every certificate of the marriage @record_id, oldest
 * first: its marriage certificates (J, BJ) and the divorce certificates (L,
 * BL) of the divorces of this marriage, which belong to the divorce record. */
static GPtrArray *
load_prints (CivDb *db, const char *record_id, GError **error)
{
  g_autoptr (GPtrArray) prints = g_ptr_array_new_with_free_func ((GDestroyNotify) print_free);
  g_autoptr (sqlite3_stmt) stmt = civ_db_prepare (
    db,
    "SELECT c.number, p.blank_serial, p.printed_at, p.printed_by, p.voided_at, p.voided_by, "
    "p.void_reason, p.void_approved_by FROM certificate_prints p JOIN certificates c ON c.id = "
    "p.certificate_id "
    "WHERE c.record_id = ?1 OR c.record_id IN (SELECT record_id FROM divorces WHERE "
    "marriage_record_id = ?1) ORDER BY p.printed_at, p.id",
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
      p->void_approved_by = civ_db_column_dup (stmt, 7);
      g_ptr_array_add (prints, p);
    }
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the certificate prints"));
      return NULL;
    }
  return g_steal_pointer (&prints);
}

/* The certificate the couple holds now while @state still holds what it
 * proves (R-B3): the newest of J and BJ for a registered marriage, of L and
 * BL (of the registered divorce) for one dissolved by divorce registration.
 * *@number is NULL otherwise. */
static gboolean
load_held_certificate (
  CivDb *db, const char *record_id, const char *state, char **number, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  *number = NULL;
  if (g_strcmp0 (state, "REGISTERED") == 0)
    stmt = civ_db_prepare (db,
                           "SELECT number FROM certificates WHERE record_id = ?1 AND prefix IN "
                           "('J', 'BJ') ORDER BY id DESC LIMIT 1",
                           error);
  else if (g_strcmp0 (state, "DISSOLVED_REG") == 0)
    stmt = civ_db_prepare (db,
                           "SELECT c.number FROM certificates c JOIN divorces d ON d.record_id = "
                           "c.record_id WHERE d.marriage_record_id = ?1 AND d.state = "
                           "'REGISTERED' AND c.prefix IN ('L', 'BL') ORDER BY c.id DESC LIMIT 1",
                           error);
  else
    return TRUE;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, record_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *number = civ_db_column_dup (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the certificates"));
      return FALSE;
    }
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
  if (!load_held_certificate (db, record->record_id, civ_marriage_record_current (record)->state,
                              &record->held_certificate_no, error))
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
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("R-N3: a certificate is printed in %d copies, one per spouse, each on its "
                      "own blank: give one blank serial (NO.) per copy"),
                   CIV_CERTIFICATE_COPIES);
      return NULL;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *serial = g_strstrip (g_strdup (blank_serials[i]));

      if (*serial == '\0')
        {
          g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                       _ ("R-N3: enter the pre-printed serial (NO.) of the blank of copy %u"),
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
          g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                       _ ("R-N3: each copy goes on its own blank, but the serial No. %s was "
                          "entered for two copies"),
                       serials[i]);
          return NULL;
        }
  return g_steal_pointer (&serials);
}

/* TRUE when the certificate @certificate_no exists and no blank of
 * @serials was ever used, voided or not (R-N1, R-N3). */
static gboolean
check_blanks (CivDb *db, const char *certificate_no, char *const *serials, GError **error)
{
  g_autoptr (sqlite3_stmt) cert = NULL;
  g_autoptr (sqlite3_stmt) used = NULL;
  int rc;

  cert = civ_db_prepare (db, "SELECT 1 FROM certificates WHERE number = ?", error);
  if (cert == NULL)
    return FALSE;
  sqlite3_bind_text (cert, 1, certificate_no, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (cert);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_REFUSED,
                   _ ("R-N1: the archive holds no certificate %s"), certificate_no);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      civ_db_set_error (db, error, _ ("Could not read the certificates"));
      return FALSE;
    }

  used = civ_db_prepare (db,
                         "SELECT c.number, p.voided_at FROM certificate_prints p "
                         "JOIN certificates c ON c.id = p.certificate_id WHERE p.blank_serial = ?",
                         error);
  if (used == NULL)
    return FALSE;
  for (guint i = 0; serials[i] != NULL; i++)
    {
      sqlite3_reset (used);
      sqlite3_bind_text (used, 1, serials[i], -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (used);
      if (rc == SQLITE_ROW)
        {
          const char *number = (const char *) sqlite3_column_text (used, 0);

          if (sqlite3_column_type (used, 1) != SQLITE_NULL)
            g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_REFUSED,
                         /* Translators: %1$s is a blank's serial, %2$s a certificate number. */
                         _ ("R-N3: the blank No. %1$s was already used for %2$s and voided; a "
                            "blank serial is recorded once and never reused. Check the serial "
                            "printed on the blank"),
                         serials[i], number);
          else
            g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_REFUSED,
                         /* Translators: %1$s is a blank's serial, %2$s a certificate number. */
                         _ ("R-N3: the blank No. %1$s was already used for %2$s; a blank serial "
                            "is recorded once and never reused. Check the serial printed on "
                            "the blank"),
                         serials[i], number);
          return FALSE;
        }
      if (rc != SQLITE_DONE)
        {
          civ_db_set_error (db, error, _ ("Could not read the certificate prints"));
          return FALSE;
        }
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
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *key = NULL;
  g_autofree char *serial = NULL;
  g_autofree char *why = NULL;
  g_autofree char *approved_by = NULL;
  g_autofree char *record_id = NULL;
  g_autofree char *number = NULL;
  g_autofree char *voided_at = NULL;
  g_autofree char *voided_by = NULL;
  g_autofree char *detail = NULL;
  CivDb           *db;
  int              rc;

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
  /* Architecture §8: a voided certificate needs a supervisor. Checked
   * before the transaction: opening a key slot takes a while. */
  approved_by = void_approver (store, approver_login, approver_password, error);
  if (approved_by == NULL)
    return FALSE;

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
  /* R-N3: only a blank that holds a print of a certificate of this
   * marriage: J and BJ, or the L and BL of its divorce. */
  stmt = civ_db_prepare (db,
                         "SELECT c.number, p.voided_at, p.voided_by FROM certificate_prints p "
                         "JOIN certificates c ON c.id = p.certificate_id "
                         "WHERE p.blank_serial = ?1 AND (c.record_id = ?2 OR c.record_id IN "
                         "(SELECT record_id FROM divorces WHERE marriage_record_id = ?2))",
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
  detail = void_detail (record_id, number, serial, why, approved_by);
  if (!civ_certificate_void_print (db, serial, why, civ_store_get_operator (store)->login,
                                   approved_by, error) ||
      !civ_store_audit (store, "certificate.void", number, detail, error) ||
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
