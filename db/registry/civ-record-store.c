// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-record-store.c — reads of marriage records, their certificates and prints */
#include "civ-record-store.h"

#include <glib/gi18n-lib.h>

void
civ_record_party_clear (CivRecordParty *p)
{
  g_clear_pointer (&p->name, g_free);
  g_clear_pointer (&p->birth_date, g_free);
  g_clear_pointer (&p->nationality, g_free);
  g_clear_pointer (&p->ethnicity, g_free);
  g_clear_pointer (&p->doc_kind, g_free);
  g_clear_pointer (&p->doc_number, g_free);
  g_clear_pointer (&p->resident_category, g_free);
}

void
civ_marriage_version_row_free (CivMarriageVersionRow *v)
{
  if (v == NULL)
    return;
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
  g_free (v->historical_kind);
  g_free (v->number_era);
  g_free (v->archive_no);
  g_free (v->volume);
  for (guint i = 0; i < 2; i++)
    civ_record_party_clear (&v->party[i]);
  g_clear_pointer (&v->findings, g_ptr_array_unref);
  g_free (v);
}

void
civ_certificate_print_free (CivCertificatePrint *p)
{
  if (p == NULL)
    return;
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

char *
civ_record_store_find_marriage (CivDb *db, const char *key, GError **error)
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

gboolean
civ_record_store_parties (CivDb *db, gint64 marriage_row, CivRecordParty party[2], GError **error)
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
  sqlite3_bind_int64 (stmt, 1, marriage_row);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int             pos = sqlite3_column_int (stmt, 0);
      CivRecordParty *p;

      if (pos < 0 || pos > 1)
        continue;
      p = &party[pos];
      civ_record_party_clear (p);
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

GPtrArray *
civ_record_store_versions (CivDb *db, const char *key, char **record_id, GError **error)
{
  g_autoptr (GPtrArray) versions =
    g_ptr_array_new_with_free_func ((GDestroyNotify) civ_marriage_version_row_free);
  g_autoptr (sqlite3_stmt) stmt = civ_db_prepare (
    db,
    "SELECT m.id, m.record_id, m.version, m.state, m.certificate_no, m.registration_date, "
    "m.effective_from, m.office_code, m.office_name, m.registrar, "
    "coalesce(o.display_name, m.registrar), m.status_source, m.remarks, m.reason, m.created_at, "
    "m.created_by, m.approved_by, m.historical, h.kind, h.number_era, h.archive_no, h.volume, "
    "h.page, h.entry FROM marriages m LEFT JOIN operators o ON o.login = m.registrar "
    "LEFT JOIN historical_records h ON h.record_id = m.record_id "
    "WHERE m.record_id = (SELECT record_id FROM marriages WHERE record_id = ?1 OR "
    "certificate_no = ?1 LIMIT 1) ORDER BY m.version",
    error);
  g_autofree char *id = NULL;
  int              rc;

  *record_id = NULL;
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CivMarriageVersionRow *v = g_new0 (CivMarriageVersionRow, 1);

      if (id == NULL)
        id = civ_db_column_dup (stmt, 1);
      v->row_id = sqlite3_column_int64 (stmt, 0);
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
      v->historical = sqlite3_column_int (stmt, 17) != 0;
      v->historical_kind = civ_db_column_dup (stmt, 18);
      v->number_era = civ_db_column_dup (stmt, 19);
      v->archive_no = civ_db_column_dup (stmt, 20);
      v->volume = civ_db_column_dup (stmt, 21);
      v->archive_page = sqlite3_column_int (stmt, 22);
      v->archive_entry = sqlite3_column_int (stmt, 23);
      g_ptr_array_add (versions, v);
    }
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the marriage records"));
      return NULL;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  for (guint i = 0; i < versions->len; i++)
    {
      CivMarriageVersionRow *v = g_ptr_array_index (versions, i);

      if (!civ_record_store_parties (db, v->row_id, v->party, error))
        return NULL;
    }
  *record_id = g_steal_pointer (&id);
  return g_steal_pointer (&versions);
}

gboolean
civ_record_store_marriage_names (
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

gboolean
civ_record_store_newest_certificate (
  CivDb *db, const char *marriage_record_id, gboolean divorce, char **number, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  *number = NULL;
  if (!divorce)
    stmt = civ_db_prepare (db,
                           "SELECT number FROM certificates WHERE record_id = ?1 AND prefix IN "
                           "('J', 'BJ') ORDER BY id DESC LIMIT 1",
                           error);
  else
    stmt = civ_db_prepare (db,
                           "SELECT c.number FROM certificates c JOIN divorces d ON d.record_id = "
                           "c.record_id WHERE d.marriage_record_id = ?1 AND d.state = "
                           "'REGISTERED' AND c.prefix IN ('L', 'BL') ORDER BY c.id DESC LIMIT 1",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, marriage_record_id, -1, SQLITE_TRANSIENT);
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

gboolean
civ_record_store_certificate_exists (CivDb      *db,
                                     const char *number,
                                     gboolean   *exists,
                                     GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db, "SELECT 1 FROM certificates WHERE number = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, number, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the certificates"));
      return FALSE;
    }
  *exists = rc == SQLITE_ROW;
  return TRUE;
}

/* The columns read_print () reads, from certificate_prints p joined with
 * certificates c. */
#define PRINT_COLUMNS                                                                              \
  "c.number, p.blank_serial, p.printed_at, p.printed_by, p.voided_at, p.voided_by, "               \
  "p.void_reason, p.void_approved_by FROM certificate_prints p JOIN certificates c ON c.id = "     \
  "p.certificate_id "

static CivCertificatePrint *
read_print (sqlite3_stmt *stmt)
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
  return p;
}

GPtrArray *
civ_record_store_prints (CivDb *db, const char *marriage_record_id, GError **error)
{
  g_autoptr (GPtrArray) prints =
    g_ptr_array_new_with_free_func ((GDestroyNotify) civ_certificate_print_free);
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT " PRINT_COLUMNS
                    "WHERE c.record_id = ?1 OR c.record_id IN (SELECT record_id FROM divorces "
                    "WHERE marriage_record_id = ?1) ORDER BY p.printed_at, p.id",
                    error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, marriage_record_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (prints, read_print (stmt));
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the certificate prints"));
      return NULL;
    }
  return g_steal_pointer (&prints);
}

CivCertificatePrint *
civ_record_store_find_print (CivDb      *db,
                             const char *blank_serial,
                             const char *marriage_record_id,
                             GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  if (marriage_record_id == NULL)
    stmt = civ_db_prepare (db, "SELECT " PRINT_COLUMNS "WHERE p.blank_serial = ?1", error);
  else
    stmt = civ_db_prepare (db,
                           "SELECT " PRINT_COLUMNS
                           "WHERE p.blank_serial = ?1 AND (c.record_id = ?2 OR c.record_id IN "
                           "(SELECT record_id FROM divorces WHERE marriage_record_id = ?2))",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, blank_serial, -1, SQLITE_TRANSIENT);
  if (marriage_record_id != NULL)
    sqlite3_bind_text (stmt, 2, marriage_record_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return read_print (stmt);
  if (rc != SQLITE_DONE)
    civ_db_set_error (db, error, _ ("Could not read the certificate prints"));
  return NULL;
}

GPtrArray *
civ_record_store_live_prints (CivDb *db, const char *number, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT p.blank_serial FROM certificate_prints p JOIN certificates c ON c.id = "
                    "p.certificate_id WHERE c.number = ? AND p.voided_at IS NULL ORDER BY p.id",
                    error);
  g_autoptr (GPtrArray) serials = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, number, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (serials, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the certificate prints"));
      return NULL;
    }
  return g_steal_pointer (&serials);
}

GPtrArray *
civ_record_store_undivorced (CivDb *db, const char *registered_by, guint limit, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = civ_db_prepare (
    db,
    "SELECT m.certificate_no FROM marriages m WHERE m.superseded_by IS NULL AND m.state = "
    "'REGISTERED' AND m.certificate_no IS NOT NULL AND m.registration_date <= ? AND NOT EXISTS "
    "(SELECT 1 FROM divorces d WHERE d.marriage_record_id = m.record_id) ORDER BY "
    "m.registration_date DESC, m.id DESC LIMIT ?",
    error);
  g_autoptr (GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, registered_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, (int) limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (numbers, civ_db_column_dup (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the marriage records"));
      return NULL;
    }
  return g_steal_pointer (&numbers);
}
