// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-registry-store.c — person index, marriage records, certificates, outbox */
#include "civ-registry-store.h"
#include "civ-registry-store-private.h"

#include "civ-number-store.h"

#include <glib/gi18n-lib.h>
#include <string.h>

void
civ_person_row_free (CivPersonRow *row)
{
  if (row == NULL)
    return;
  g_free (row->id_key);
  g_free (row->doc_kind);
  g_free (row->doc_number);
  g_free (row->name);
  g_free (row->birth_date);
  g_free (row->current_marriage);
  g_free (row);
}

CivPersonRow *
civ_person_find (CivDb *db, const char *id_key, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = civ_db_prepare (db,
                                                  "SELECT id, id_key, doc_kind, doc_number, name, "
                                                  "sex, birth_date, marital_status, "
                                                  "current_marriage FROM persons WHERE id_key = ?",
                                                  error);
  CivPersonRow *row;
  int           rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id_key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      civ_db_set_error (db, error, _ ("Could not read the person index"));
      return NULL;
    }
  row = g_new0 (CivPersonRow, 1);
  row->id = sqlite3_column_int64 (stmt, 0);
  row->id_key = civ_db_column_dup (stmt, 1);
  row->doc_kind = civ_db_column_dup (stmt, 2);
  row->doc_number = civ_db_column_dup (stmt, 3);
  row->name = civ_db_column_dup (stmt, 4);
  row->sex = sqlite3_column_int (stmt, 5);
  row->birth_date = civ_db_column_dup (stmt, 6);
  row->marital_status = sqlite3_column_int (stmt, 7);
  row->current_marriage = civ_db_column_dup (stmt, 8);
  return row;
}

gint64
civ_person_upsert (CivDb *db, const CivPersonRow *row, GError **error)
{
  g_autofree char *now = civ_db_now_iso ();
  g_autoptr (sqlite3_stmt) ins = NULL;
  g_autoptr (sqlite3_stmt) upd = NULL;
  g_autoptr (CivPersonRow) existing = NULL;
  g_autoptr (GError) local = NULL;

  g_return_val_if_fail (row != NULL && row->id_key != NULL, 0);

  existing = civ_person_find (db, row->id_key, &local);
  if (local)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return 0;
    }
  if (existing)
    {
      upd = civ_db_prepare (db,
                            "UPDATE persons SET name = ?, doc_kind = ?, doc_number = ?, sex = ?, "
                            "birth_date = ?, updated_at = ? WHERE id = ?",
                            error);
      if (upd == NULL)
        return 0;
      sqlite3_bind_text (upd, 1, row->name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (upd, 2, row->doc_kind, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (upd, 3, row->doc_number, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (upd, 4, row->sex);
      civ_db_bind_text_or_null (upd, 5, row->birth_date);
      sqlite3_bind_text (upd, 6, now, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (upd, 7, existing->id);
      return civ_db_step_done (db, upd, error) ? existing->id : 0;
    }

  ins = civ_db_prepare (db,
                        "INSERT INTO persons (id_key, doc_kind, doc_number, name, sex, birth_date, "
                        "marital_status, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        error);
  if (ins == NULL)
    return 0;
  sqlite3_bind_text (ins, 1, row->id_key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (ins, 2, row->doc_kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (ins, 3, row->doc_number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (ins, 4, row->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (ins, 5, row->sex);
  civ_db_bind_text_or_null (ins, 6, row->birth_date);
  sqlite3_bind_int (ins, 7, row->marital_status ? row->marital_status : 90);
  sqlite3_bind_text (ins, 8, now, -1, SQLITE_TRANSIENT);
  if (!civ_db_step_done (db, ins, error))
    return 0;
  return sqlite3_last_insert_rowid (civ_db_get_handle (db));
}

gboolean
civ_person_set_status (
  CivDb *db, gint64 person_id, int marital_status, const char *current_marriage, GError **error)
{
  g_autofree char *now = civ_db_now_iso ();
  g_autoptr (sqlite3_stmt) stmt = civ_db_prepare (db,
                                                  "UPDATE persons SET marital_status = ?, "
                                                  "current_marriage = ?, status_on = NULL, "
                                                  "updated_at = ? WHERE id = ?",
                                                  error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, marital_status);
  civ_db_bind_text_or_null (stmt, 2, current_marriage);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, person_id);
  return civ_db_step_done (db, stmt, error);
}

char *
civ_certificate_allocate (CivDb      *db,
                          const char *prefix,
                          const char *office_code,
                          int         year,
                          const char *record_id,
                          const char *issued_by,
                          GError    **error)
{
  g_autoptr (sqlite3_stmt) ins = NULL;
  g_autofree char *now = civ_db_now_iso ();
  gint64           serial = 1;
  char            *number;

  g_return_val_if_fail (prefix != NULL && office_code != NULL, NULL);

  if (!civ_db_require_transaction (db,
                                   _ (
                                     "A certificate number is only allocated inside a transaction"),
                                   error))
    return NULL;
  if (year < 1950 || year > 9999 || strlen (office_code) != 6 ||
      strspn (office_code, "0123456789") != 6)
    {
      g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                           _ ("R-N1: a certificate number needs a 6-digit office code and a year"));
      return NULL;
    }

  if (!civ_number_draw (db, prefix, office_code, year, &serial, error))
    return NULL;

  number = g_strdup_printf ("%s%s-%04d-%06" G_GINT64_FORMAT, prefix, office_code, year, serial);
  ins = civ_db_prepare (db,
                        "INSERT INTO certificates (number, prefix, office_code, year, serial, "
                        "record_id, issued_at, issued_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        error);
  if (ins == NULL)
    {
      g_free (number);
      return NULL;
    }
  sqlite3_bind_text (ins, 1, number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (ins, 2, prefix, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (ins, 3, office_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (ins, 4, year);
  sqlite3_bind_int64 (ins, 5, serial);
  sqlite3_bind_text (ins, 6, record_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (ins, 7, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (ins, 8, issued_by, -1, SQLITE_TRANSIENT);
  if (!civ_db_step_done (db, ins, error))
    {
      g_free (number);
      return NULL;
    }
  return number;
}

gboolean
civ_certificate_print (CivDb      *db,
                       const char *number,
                       const char *blank_serial,
                       const char *operator_login,
                       GError    **error)
{
  g_autofree char *now = civ_db_now_iso ();
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (blank_serial == NULL || *blank_serial == '\0')
    {
      g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                           _ ("R-N3: enter the pre-printed serial (NO.) of the certificate blank"));
      return FALSE;
    }
  stmt =
    civ_db_prepare (db,
                    "INSERT INTO certificate_prints (certificate_id, blank_serial, printed_at, "
                    "printed_by) SELECT id, ?, ?, ? FROM certificates WHERE number = ?",
                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, blank_serial, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, operator_login, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, number, -1, SQLITE_TRANSIENT);
  if (!civ_db_step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (civ_db_get_handle (db)) != 1)
    {
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_NOT_FOUND, _ ("There is no certificate %s"),
                   number);
      return FALSE;
    }
  return TRUE;
}

gboolean
civ_certificate_void_print (CivDb      *db,
                            const char *blank_serial,
                            const char *reason,
                            const char *operator_login,
                            const char *approved_by,
                            GError    **error)
{
  g_autofree char *now = civ_db_now_iso ();
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (reason == NULL || *reason == '\0')
    {
      g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                           _ ("R-N1: a voided certificate blank needs a reason"));
      return FALSE;
    }
  if (approved_by == NULL || *approved_by == '\0')
    {
      g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                           _ ("R-N3: voiding a certificate blank needs a supervisor's approval"));
      return FALSE;
    }
  stmt =
    civ_db_prepare (db,
                    "UPDATE certificate_prints SET voided_at = ?, voided_by = ?, void_reason = ?, "
                    "void_approved_by = ? WHERE blank_serial = ? AND voided_at IS NULL",
                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, operator_login, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, approved_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, blank_serial, -1, SQLITE_TRANSIENT);
  if (!civ_db_step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (civ_db_get_handle (db)) != 1)
    {
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_NOT_FOUND,
                   _ ("No printed, not yet voided blank has the serial %s"), blank_serial);
      return FALSE;
    }
  return TRUE;
}

void
_civ_marriage_row_bind (sqlite3_stmt *stmt, const CivMarriageRow *row, const char *created_at)
{
  sqlite3_bind_text (stmt, 1, row->record_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, row->version);
  sqlite3_bind_text (stmt, 3, row->state, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, row->registration_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, row->effective_from ? row->effective_from : row->registration_date,
                     -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, row->office_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, row->office_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, row->registrar, -1, SQLITE_TRANSIENT);
  civ_db_bind_text_or_null (stmt, 9, row->certificate_no);
  sqlite3_bind_int (stmt, 10, row->historical ? 1 : 0);
  sqlite3_bind_text (stmt, 11, row->status_source, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 12, row->remarks ? row->remarks : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 13, row->reason ? row->reason : "", -1, SQLITE_TRANSIENT);
  civ_db_bind_text_or_null (stmt, 14, row->approved_by);
  sqlite3_bind_text (stmt, 15, created_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 16, row->created_by, -1, SQLITE_TRANSIENT);
}

void
_civ_party_row_bind (sqlite3_stmt *stmt, gint64 marriage_id, guint position, const CivPartyRow *p)
{
  sqlite3_bind_int64 (stmt, 1, marriage_id);
  sqlite3_bind_int (stmt, 2, (int) position);
  if (p->person_id > 0)
    sqlite3_bind_int64 (stmt, 3, p->person_id);
  sqlite3_bind_text (stmt, 4, p->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, p->name_pinyin ? p->name_pinyin : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, p->name_initials ? p->name_initials : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 7, p->sex);
  civ_db_bind_text_or_null (stmt, 8, p->birth_date);
  sqlite3_bind_text (stmt, 9, p->nationality ? p->nationality : "CHN", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, p->ethnicity ? p->ethnicity : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, p->occupation ? p->occupation : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 12, p->doc_kind, -1, SQLITE_TRANSIENT);
  civ_db_bind_text_or_null (stmt, 13, p->doc_number);
  sqlite3_bind_text (stmt, 14, p->doc_status ? p->doc_status : "PRESENT", -1, SQLITE_TRANSIENT);
  civ_db_bind_text_or_null (stmt, 15, p->id_key);
  sqlite3_bind_text (stmt, 16, p->resident_category ? p->resident_category : "mainland", -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 17, p->status_before);
  sqlite3_bind_int (stmt, 18, p->nature);
}

gint64
civ_marriage_insert (CivDb                *db,
                     const CivMarriageRow *row,
                     const CivPartyRow     parties[2],
                     gint64                supersedes,
                     GError              **error)
{
  g_autofree char *now = civ_db_now_iso ();
  g_autoptr (sqlite3_stmt) ins = NULL;
  g_autoptr (sqlite3_stmt) party = NULL;
  gint64 id;

  ins = civ_db_prepare (db, CIV_SQL_INSERT_MARRIAGE, error);
  if (ins == NULL)
    return 0;
  _civ_marriage_row_bind (ins, row, now);
  if (!civ_db_step_done (db, ins, error))
    return 0;
  id = sqlite3_last_insert_rowid (civ_db_get_handle (db));

  party = civ_db_prepare (db, CIV_SQL_INSERT_PARTY, error);
  if (party == NULL)
    return 0;
  for (guint i = 0; i < 2; i++)
    {
      const CivPartyRow *p = &parties[i];

      sqlite3_reset (party);
      sqlite3_clear_bindings (party);
      _civ_party_row_bind (party, id, i, p);
      if (!civ_db_step_done (db, party, error))
        return 0;
    }

  if (supersedes > 0)
    {
      g_autoptr (sqlite3_stmt) sup =
        civ_db_prepare (db, "UPDATE marriages SET superseded_by = ? WHERE id = ?", error);
      if (sup == NULL)
        return 0;
      sqlite3_bind_int64 (sup, 1, id);
      sqlite3_bind_int64 (sup, 2, supersedes);
      if (!civ_db_step_done (db, sup, error))
        return 0;
    }
  return id;
}

gboolean
civ_findings_store (CivDb      *db,
                    const char *record_kind,
                    gint64      record_row,
                    const char *rule,
                    const char *severity,
                    const char *message,
                    GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = civ_db_prepare (db,
                                                  "INSERT INTO findings (record_kind, record_row, "
                                                  "rule, severity, message) VALUES (?, ?, ?, ?, ?)",
                                                  error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, record_kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, record_row);
  sqlite3_bind_text (stmt, 3, rule, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, severity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, message, -1, SQLITE_TRANSIENT);
  return civ_db_step_done (db, stmt, error);
}

void
civ_finding_row_free (CivFindingRow *row)
{
  if (row == NULL)
    return;
  g_free (row->rule);
  g_free (row->severity);
  g_free (row->message);
  g_free (row);
}

GPtrArray *
civ_findings_list (CivDb *db, const char *record_kind, gint64 record_row, GError **error)
{
  g_autoptr (GPtrArray) findings =
    g_ptr_array_new_with_free_func ((GDestroyNotify) civ_finding_row_free);
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT rule, severity, message FROM findings "
                    "WHERE record_kind = ? AND record_row = ? ORDER BY rowid",
                    error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, record_kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, record_row);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CivFindingRow *row = g_new0 (CivFindingRow, 1);

      row->rule = civ_db_column_dup (stmt, 0);
      row->severity = civ_db_column_dup (stmt, 1);
      row->message = civ_db_column_dup (stmt, 2);
      g_ptr_array_add (findings, row);
    }
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the findings of a record"));
      return NULL;
    }
  return g_steal_pointer (&findings);
}

gboolean
civ_marriage_were_spouses (
  CivDb *db, const char *id_key_a, const char *id_key_b, gboolean *out, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT 1 FROM marriage_parties a JOIN marriage_parties b "
                    "ON a.marriage_id = b.marriage_id AND a.position <> b.position "
                    "JOIN marriages m ON m.id = a.marriage_id "
                    "WHERE a.id_key = ? AND b.id_key = ? AND m.state NOT IN ('APPLIED', 'REFUSED') "
                    "LIMIT 1",
                    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id_key_a, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, id_key_b, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the marriage records"));
      return FALSE;
    }
  *out = rc == SQLITE_ROW;
  return TRUE;
}

gboolean
civ_certificate_reissue_insert (CivDb      *db,
                                const char *record_id,
                                const char *certificate_no,
                                const char *original_no,
                                const char *kind,
                                const char *reason,
                                const char *issued_on,
                                const char *issued_by,
                                GError    **error)
{
  g_autofree char *now = civ_db_now_iso ();
  g_autoptr (sqlite3_stmt) ins =
    civ_db_prepare (db,
                    "INSERT INTO certificate_reissues (record_id, certificate_no, original_no, "
                    "kind, reason, issued_on, issued_by, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    error);

  if (ins == NULL)
    return FALSE;
  sqlite3_bind_text (ins, 1, record_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (ins, 2, certificate_no, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (ins, 3, original_no, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (ins, 4, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (ins, 5, reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (ins, 6, issued_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (ins, 7, issued_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (ins, 8, now, -1, SQLITE_TRANSIENT);
  return civ_db_step_done (db, ins, error);
}

gboolean
civ_court_judgment_insert (CivDb      *db,
                           const char *record_id,
                           const char *kind,
                           const char *document_no,
                           const char *effective_on,
                           const char *archive_no,
                           int         version,
                           const char *filed_by,
                           GError    **error)
{
  g_autofree char *now = civ_db_now_iso ();
  g_autoptr (sqlite3_stmt) ins =
    civ_db_prepare (db,
                    "INSERT INTO court_judgments (record_id, kind, document_no, effective_on, "
                    "archive_no, version, filed_by, filed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    error);

  if (ins == NULL)
    return FALSE;
  sqlite3_bind_text (ins, 1, record_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (ins, 2, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (ins, 3, document_no, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (ins, 4, effective_on, -1, SQLITE_TRANSIENT);
  civ_db_bind_text_or_null (ins, 5, archive_no);
  sqlite3_bind_int (ins, 6, version);
  sqlite3_bind_text (ins, 7, filed_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (ins, 8, now, -1, SQLITE_TRANSIENT);
  return civ_db_step_done (db, ins, error);
}

gboolean
civ_outbox_enqueue (CivDb      *db,
                    const char *kind,
                    const char *record_id,
                    int         version,
                    const char *payload,
                    GError    **error)
{
  g_autofree char *now = civ_db_now_iso ();
  g_autofree char *key = g_strdup_printf ("%s:%s:%d", kind, record_id, version);
  g_autoptr (sqlite3_stmt) stmt = civ_db_prepare (db,
                                                  "INSERT INTO outbox (idempotency_key, kind, "
                                                  "record_id, version, payload, created_at) "
                                                  "VALUES (?, ?, ?, ?, ?, ?)",
                                                  error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, record_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, version);
  sqlite3_bind_text (stmt, 5, payload, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
  if (!civ_db_step_done (db, stmt, error))
    return FALSE;
  civ_db_note_outbox (db);
  return TRUE;
}

void
civ_marriage_current_free (CivMarriageCurrent *m)
{
  if (m == NULL)
    return;
  g_free (m->record_id);
  g_free (m->state);
  g_free (m->certificate_no);
  g_free (m->registration_date);
  g_free (m->office_code);
  g_free (m->remarks);
  g_free (m->name[0]);
  g_free (m->name[1]);
  g_free (m);
}

CivMarriageCurrent *
civ_marriage_find_current (CivDb *db, const char *key, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = civ_db_prepare (
    db,
    "SELECT m.id, m.record_id, m.version, m.state, m.certificate_no, m.registration_date, "
    "m.office_code, a.person_id, b.person_id, a.name, b.name, m.remarks "
    "FROM marriages m "
    "JOIN marriage_parties a ON a.marriage_id = m.id AND a.position = 0 "
    "JOIN marriage_parties b ON b.marriage_id = m.id AND b.position = 1 "
    "WHERE m.superseded_by IS NULL AND m.record_id = "
    "  (SELECT record_id FROM marriages WHERE record_id = ?1 OR certificate_no = ?1 LIMIT 1)",
    error);
  CivMarriageCurrent *m;
  int                 rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      civ_db_set_error (db, error, _ ("Could not read the marriage records"));
      return NULL;
    }
  m = g_new0 (CivMarriageCurrent, 1);
  m->row_id = sqlite3_column_int64 (stmt, 0);
  m->record_id = civ_db_column_dup (stmt, 1);
  m->version = sqlite3_column_int (stmt, 2);
  m->state = civ_db_column_dup (stmt, 3);
  m->certificate_no = civ_db_column_dup (stmt, 4);
  m->registration_date = civ_db_column_dup (stmt, 5);
  m->office_code = civ_db_column_dup (stmt, 6);
  m->person_id[0] = sqlite3_column_int64 (stmt, 7);
  m->person_id[1] = sqlite3_column_int64 (stmt, 8);
  m->name[0] = civ_db_column_dup (stmt, 9);
  m->name[1] = civ_db_column_dup (stmt, 10);
  m->remarks = civ_db_column_dup (stmt, 11);
  return m;
}

gint64
civ_marriage_new_version (CivDb                    *db,
                          const CivMarriageCurrent *current,
                          const char               *state,
                          const char               *reason,
                          const char               *approved_by,
                          const char               *created_by,
                          GError                  **error)
{
  return civ_marriage_new_version_edit (db, current, state, NULL, NULL, reason, approved_by,
                                        created_by, error);
}

gint64
civ_marriage_new_version_edit (CivDb                    *db,
                               const CivMarriageCurrent *current,
                               const char               *state,
                               const char               *remarks,
                               const char               *effective_from,
                               const char               *reason,
                               const char               *approved_by,
                               const char               *created_by,
                               GError                  **error)
{
  g_autofree char *now = civ_db_now_iso ();
  g_autoptr (sqlite3_stmt) ins = civ_db_prepare (
    db,
    "INSERT INTO marriages (record_id, version, state, registration_date, effective_from, "
    "office_code, office_name, registrar, certificate_no, historical, status_source, remarks, "
    "reason, approved_by, created_at, created_by) "
    "SELECT record_id, version + 1, coalesce(?1, state), registration_date, "
    "coalesce(?2, effective_from), office_code, office_name, registrar, certificate_no, "
    "historical, status_source, coalesce(?3, remarks), ?4, ?5, ?6, ?7 "
    "FROM marriages WHERE id = ?8",
    error);
  g_autoptr (sqlite3_stmt) parties = NULL;
  g_autoptr (sqlite3_stmt) sup = NULL;
  gint64 id;

  if (ins == NULL)
    return 0;
  civ_db_bind_text_or_null (ins, 1, state);
  civ_db_bind_text_or_null (ins, 2, effective_from);
  civ_db_bind_text_or_null (ins, 3, remarks);
  sqlite3_bind_text (ins, 4, reason ? reason : "", -1, SQLITE_TRANSIENT);
  civ_db_bind_text_or_null (ins, 5, approved_by);
  sqlite3_bind_text (ins, 6, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (ins, 7, created_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (ins, 8, current->row_id);
  if (!civ_db_step_done (db, ins, error))
    return 0;
  id = sqlite3_last_insert_rowid (civ_db_get_handle (db));

  parties = civ_db_prepare (
    db,
    "INSERT INTO marriage_parties (marriage_id, position, person_id, name, name_pinyin, "
    "name_initials, sex, birth_date, nationality, ethnicity, occupation, doc_kind, doc_number, "
    "doc_status, id_key, resident_category, status_before, nature) "
    "SELECT ?, position, person_id, name, name_pinyin, name_initials, sex, birth_date, "
    "nationality, ethnicity, occupation, doc_kind, doc_number, doc_status, id_key, "
    "resident_category, status_before, nature FROM marriage_parties WHERE marriage_id = ?",
    error);
  if (parties == NULL)
    return 0;
  sqlite3_bind_int64 (parties, 1, id);
  sqlite3_bind_int64 (parties, 2, current->row_id);
  if (!civ_db_step_done (db, parties, error))
    return 0;

  sup = civ_db_prepare (db, "UPDATE marriages SET superseded_by = ? WHERE id = ?", error);
  if (sup == NULL)
    return 0;
  sqlite3_bind_int64 (sup, 1, id);
  sqlite3_bind_int64 (sup, 2, current->row_id);
  if (!civ_db_step_done (db, sup, error))
    return 0;
  return id;
}
