// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-funeral-money-store.c — fee lists, waiver policies, bill lines,
 * waiver assessments and receipts of funeral cases (0016) */
#include "civ-funeral-money-store.h"

#include <glib/gi18n-lib.h>
#include <string.h>

static gboolean
require_transaction (CivDb *db, GError **error)
{
  return civ_db_require_transaction (db, _ ("Funeral money is only written inside a transaction"),
                                     error);
}

static void
read_failed (CivDb *db, GError **error)
{
  civ_db_set_error (db, error, _ ("Could not read the funeral fees, waivers or receipts"));
}

/* ---- Fee lists and waiver policies ---------------------------------------- */

void
civ_funeral_money_file_free (CivFuneralMoneyFile *file)
{
  if (file == NULL)
    return;
  g_free (file->area);
  g_free (file->name);
  g_free (file->version);
  g_free (file->effective_from);
  g_free (file->effective_to);
  g_free (file->json);
  g_free (file->sha256);
  g_free (file->imported_on);
  g_free (file->imported_by);
  g_free (file->imported_at);
  g_free (file);
}

/* The columns both tables share, then the one of its own (a fee list's
 * name and item count, a policy's version), then the file. */
#define FEE_COLUMNS                                                                                \
  "id, area, effective_from, effective_to, sha256, imported_on, imported_by, imported_at, name, "  \
  "n_items"
#define POLICY_COLUMNS                                                                             \
  "id, area, effective_from, effective_to, sha256, imported_on, imported_by, imported_at, "        \
  "version, 0"

static CivFuneralMoneyFile *
file_from_row (sqlite3_stmt *stmt, gboolean policy, gboolean with_json)
{
  CivFuneralMoneyFile *f = g_new0 (CivFuneralMoneyFile, 1);

  f->id = sqlite3_column_int64 (stmt, 0);
  f->area = civ_db_column_dup (stmt, 1);
  f->effective_from = civ_db_column_dup (stmt, 2);
  f->effective_to = civ_db_column_dup (stmt, 3);
  f->sha256 = civ_db_column_dup (stmt, 4);
  f->imported_on = civ_db_column_dup (stmt, 5);
  f->imported_by = civ_db_column_dup (stmt, 6);
  f->imported_at = civ_db_column_dup (stmt, 7);
  if (policy)
    f->version = civ_db_column_dup (stmt, 8);
  else
    f->name = civ_db_column_dup (stmt, 8);
  f->n_items = sqlite3_column_int64 (stmt, 9);
  if (with_json)
    f->json = civ_db_column_dup (stmt, 10);
  return f;
}

static gint64
file_insert (CivDb *db, const CivFuneralMoneyFile *file, gboolean policy, GError **error)
{
  g_autofree char *now = civ_db_now_iso ();
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int i = 1;

  if (!require_transaction (db, error))
    return 0;
  stmt = civ_db_prepare (db,
                         policy ? "INSERT INTO funeral_waiver_policies (area, effective_from, "
                                  "effective_to, sha256, imported_on, imported_by, imported_at, "
                                  "json, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                : "INSERT INTO funeral_fee_lists (area, effective_from, "
                                  "effective_to, sha256, imported_on, imported_by, imported_at, "
                                  "json, name, n_items) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, i++, file->area, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, i++, file->effective_from, -1, SQLITE_TRANSIENT);
  civ_db_bind_text_or_null (stmt, i++, file->effective_to);
  sqlite3_bind_text (stmt, i++, file->sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, i++, file->imported_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, i++, file->imported_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, i++, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, i++, file->json, -1, SQLITE_TRANSIENT);
  if (policy)
    sqlite3_bind_text (stmt, i++, file->version, -1, SQLITE_TRANSIENT);
  else
    {
      sqlite3_bind_text (stmt, i++, file->name ? file->name : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, i++, file->n_items);
    }
  if (!civ_db_step_done (db, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (civ_db_get_handle (db));
}

gint64
civ_funeral_fee_list_insert (CivDb *db, const CivFuneralMoneyFile *file, GError **error)
{
  return file_insert (db, file, FALSE, error);
}

gint64
civ_funeral_policy_insert (CivDb *db, const CivFuneralMoneyFile *file, GError **error)
{
  return file_insert (db, file, TRUE, error);
}

/* The first row of @sql (the columns of a fee list or a policy, then its
 * json) with @text bound to ?1 when not NULL and @id to ?2 when not 0. */
static CivFuneralMoneyFile *
file_query (CivDb      *db,
            gboolean    policy,
            const char *where,
            const char *text,
            const char *text2,
            gint64      id,
            GError    **error)
{
  g_autofree char *sql =
    g_strdup_printf ("SELECT %s, json FROM %s WHERE %s", policy ? POLICY_COLUMNS : FEE_COLUMNS,
                     policy ? "funeral_waiver_policies" : "funeral_fee_lists", where);
  g_autoptr (sqlite3_stmt) stmt = civ_db_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  if (text2 != NULL)
    sqlite3_bind_text (stmt, 2, text2, -1, SQLITE_TRANSIENT);
  if (id != 0)
    sqlite3_bind_int64 (stmt, 3, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return file_from_row (stmt, policy, TRUE);
  if (rc != SQLITE_DONE)
    read_failed (db, error);
  return NULL;
}

CivFuneralMoneyFile *
civ_funeral_fee_list_get (CivDb *db, gint64 id, GError **error)
{
  return file_query (db, FALSE, "id = ?3", NULL, NULL, id, error);
}

CivFuneralMoneyFile *
civ_funeral_fee_list_find_sha256 (CivDb *db, const char *sha256, GError **error)
{
  return file_query (db, FALSE, "sha256 = ?1", sha256, NULL, 0, error);
}

CivFuneralMoneyFile *
civ_funeral_policy_get (CivDb *db, gint64 id, GError **error)
{
  return file_query (db, TRUE, "id = ?3", NULL, NULL, id, error);
}

CivFuneralMoneyFile *
civ_funeral_policy_find_sha256 (CivDb *db, const char *sha256, GError **error)
{
  return file_query (db, TRUE, "sha256 = ?1", sha256, NULL, 0, error);
}

CivFuneralMoneyFile *
civ_funeral_policy_find_version (CivDb *db, const char *area, const char *version, GError **error)
{
  return file_query (db, TRUE, "area = ?1 AND version = ?2", area, version, 0, error);
}

static GPtrArray *
file_list (CivDb *db, gboolean policy, GError **error)
{
  g_autofree char *sql =
    g_strdup_printf ("SELECT %s FROM %s ORDER BY id", policy ? POLICY_COLUMNS : FEE_COLUMNS,
                     policy ? "funeral_waiver_policies" : "funeral_fee_lists");
  g_autoptr (sqlite3_stmt) stmt = civ_db_prepare (db, sql, error);
  g_autoptr (GPtrArray) out =
    g_ptr_array_new_with_free_func ((GDestroyNotify) civ_funeral_money_file_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, file_from_row (stmt, policy, FALSE));
  if (rc != SQLITE_DONE)
    {
      read_failed (db, error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

GPtrArray *
civ_funeral_fee_list_all (CivDb *db, GError **error)
{
  return file_list (db, FALSE, error);
}

GPtrArray *
civ_funeral_policy_all (CivDb *db, GError **error)
{
  return file_list (db, TRUE, error);
}

static CivFuneralMoneyFile *
file_in_force (
  CivDb *db, gboolean policy, const char *const *areas, const char *day, GError **error)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT %s, json FROM %s WHERE area IN (?1, ?2, ?3) AND effective_from <= ?4 AND "
    "(effective_to IS NULL OR effective_to >= ?4) ORDER BY CASE area WHEN ?1 THEN 0 WHEN ?2 "
    "THEN 1 ELSE 2 END, id DESC LIMIT 1",
    policy ? POLICY_COLUMNS : FEE_COLUMNS,
    policy ? "funeral_waiver_policies" : "funeral_fee_lists");
  g_autoptr (sqlite3_stmt) stmt = civ_db_prepare (db, sql, error);
  guint n = 0;
  int   rc;

  if (stmt == NULL)
    return NULL;
  while (areas != NULL && areas[n] != NULL && n < 3)
    n++;
  for (guint i = 0; i < 3; i++)
    /* A missing level repeats the last one given (none: matches nothing). */
    civ_db_bind_text_or_null (stmt, (int) i + 1, n == 0 ? NULL : areas[MIN (i, n - 1)]);
  sqlite3_bind_text (stmt, 4, day, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return file_from_row (stmt, policy, TRUE);
  if (rc != SQLITE_DONE)
    read_failed (db, error);
  return NULL;
}

CivFuneralMoneyFile *
civ_funeral_fee_list_in_force (CivDb *db, const char *const *areas, const char *day, GError **error)
{
  return file_in_force (db, FALSE, areas, day, error);
}

CivFuneralMoneyFile *
civ_funeral_policy_in_force (CivDb *db, const char *const *areas, const char *day, GError **error)
{
  return file_in_force (db, TRUE, areas, day, error);
}

/* ---- Bill lines -------------------------------------------------------- */

void
civ_funeral_bill_line_free (CivFuneralBillLine *line)
{
  if (line == NULL)
    return;
  g_free (line->item_code);
  g_free (line->item_name);
  g_free (line->unit);
  g_free (line->service_on);
  g_free (line->reason);
  g_free (line->created_by);
  g_free (line->created_at);
  g_free (line->receipt_no);
  g_free (line);
}

#define LINE_SELECT                                                                                \
  "SELECT b.id, b.case_id, b.line_no, coalesce (b.cancels, 0), b.item_code, b.item_name, "         \
  "b.unit, b.unit_price_fen, b.quantity, b.amount_fen, b.service_on, b.fee_list_id, b.reason, "    \
  "b.created_by, b.created_at, coalesce (c.line_no, 0), coalesce (x.line_no, 0), r.receipt_no "    \
  "FROM funeral_bill_lines b "                                                                     \
  "LEFT JOIN funeral_bill_lines c ON c.id = b.cancels "                                            \
  "LEFT JOIN funeral_bill_lines x ON x.cancels = b.id "                                            \
  "LEFT JOIN funeral_receipt_lines rl ON rl.line_id = b.id "                                       \
  "LEFT JOIN funeral_receipts r ON r.id = rl.receipt_id "

static CivFuneralBillLine *
line_from_row (sqlite3_stmt *stmt)
{
  CivFuneralBillLine *l = g_new0 (CivFuneralBillLine, 1);
  int                 i = 0;

  l->id = sqlite3_column_int64 (stmt, i++);
  l->case_id = sqlite3_column_int64 (stmt, i++);
  l->line_no = sqlite3_column_int64 (stmt, i++);
  l->cancels = sqlite3_column_int64 (stmt, i++);
  l->item_code = civ_db_column_dup (stmt, i++);
  l->item_name = civ_db_column_dup (stmt, i++);
  l->unit = civ_db_column_dup (stmt, i++);
  l->unit_price_fen = sqlite3_column_int64 (stmt, i++);
  l->quantity = sqlite3_column_int64 (stmt, i++);
  l->amount_fen = sqlite3_column_int64 (stmt, i++);
  l->service_on = civ_db_column_dup (stmt, i++);
  l->fee_list_id = sqlite3_column_int64 (stmt, i++);
  l->reason = civ_db_column_dup (stmt, i++);
  l->created_by = civ_db_column_dup (stmt, i++);
  l->created_at = civ_db_column_dup (stmt, i++);
  l->cancels_line_no = sqlite3_column_int64 (stmt, i++);
  l->cancelled_by_line = sqlite3_column_int64 (stmt, i++);
  l->receipt_no = civ_db_column_dup (stmt, i++);
  return l;
}

gint64
civ_funeral_bill_line_insert (CivDb *db, CivFuneralBillLine *line, GError **error)
{
  g_autofree char *now = civ_db_now_iso ();
  g_autoptr (sqlite3_stmt) next = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int i = 1;

  if (!require_transaction (db, error))
    return 0;
  next = civ_db_prepare (
    db, "SELECT coalesce (max (line_no), 0) + 1 FROM funeral_bill_lines WHERE case_id = ?", error);
  if (next == NULL)
    return 0;
  sqlite3_bind_int64 (next, 1, line->case_id);
  if (sqlite3_step (next) != SQLITE_ROW)
    {
      read_failed (db, error);
      return 0;
    }
  line->line_no = sqlite3_column_int64 (next, 0);
  stmt = civ_db_prepare (db,
                         "INSERT INTO funeral_bill_lines (case_id, line_no, cancels, item_code, "
                         "item_name, unit, unit_price_fen, quantity, amount_fen, service_on, "
                         "fee_list_id, reason, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, "
                         "?, ?, ?, ?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, i++, line->case_id);
  sqlite3_bind_int64 (stmt, i++, line->line_no);
  if (line->cancels > 0)
    sqlite3_bind_int64 (stmt, i++, line->cancels);
  else
    sqlite3_bind_null (stmt, i++);
  sqlite3_bind_text (stmt, i++, line->item_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, i++, line->item_name ? line->item_name : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, i++, line->unit, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, i++, line->unit_price_fen);
  sqlite3_bind_int64 (stmt, i++, line->quantity);
  sqlite3_bind_int64 (stmt, i++, line->amount_fen);
  sqlite3_bind_text (stmt, i++, line->service_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, i++, line->fee_list_id);
  civ_db_bind_text_or_null (stmt, i++, line->reason);
  sqlite3_bind_text (stmt, i++, line->created_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, i++, now, -1, SQLITE_TRANSIENT);
  if (!civ_db_step_done (db, stmt, error))
    return 0;
  line->id = sqlite3_last_insert_rowid (civ_db_get_handle (db));
  return line->id;
}

GPtrArray *
civ_funeral_bill_lines (CivDb *db, gint64 case_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db, LINE_SELECT "WHERE b.case_id = ? ORDER BY b.line_no", error);
  g_autoptr (GPtrArray) out =
    g_ptr_array_new_with_free_func ((GDestroyNotify) civ_funeral_bill_line_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, line_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      read_failed (db, error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

CivFuneralBillLine *
civ_funeral_bill_line_find (CivDb *db, gint64 case_id, gint64 line_no, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db, LINE_SELECT "WHERE b.case_id = ? AND b.line_no = ?", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_int64 (stmt, 2, line_no);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return line_from_row (stmt);
  if (rc != SQLITE_DONE)
    read_failed (db, error);
  return NULL;
}

/* ---- Waiver assessments ------------------------------------------------ */

void
civ_funeral_assessment_row_free (CivFuneralAssessmentRow *row)
{
  if (row == NULL)
    return;
  g_free (row->policy_version);
  g_free (row->waiver_group);
  g_free (row->evidence);
  g_free (row->assessed_on);
  g_free (row->items);
  g_free (row->created_by);
  g_free (row->created_at);
  g_free (row);
}

gint64
civ_funeral_assessment_insert (CivDb *db, const CivFuneralAssessmentRow *row, GError **error)
{
  g_autofree char *now = civ_db_now_iso ();
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int i = 1;

  if (!require_transaction (db, error))
    return 0;
  stmt = civ_db_prepare (db,
                         "INSERT INTO funeral_waiver_assessments (case_id, policy_id, "
                         "policy_version, waiver_group, resident, evidence, assessed_on, "
                         "last_line_no, items, total_fen, waived_fen, family_fen, created_by, "
                         "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, i++, row->case_id);
  sqlite3_bind_int64 (stmt, i++, row->policy_id);
  sqlite3_bind_text (stmt, i++, row->policy_version, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, i++, row->waiver_group, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, i++, row->resident ? 1 : 0);
  sqlite3_bind_text (stmt, i++, row->evidence ? row->evidence : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, i++, row->assessed_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, i++, row->last_line_no);
  sqlite3_bind_text (stmt, i++, row->items, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, i++, row->total_fen);
  sqlite3_bind_int64 (stmt, i++, row->waived_fen);
  sqlite3_bind_int64 (stmt, i++, row->family_fen);
  sqlite3_bind_text (stmt, i++, row->created_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, i++, now, -1, SQLITE_TRANSIENT);
  if (!civ_db_step_done (db, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (civ_db_get_handle (db));
}

#define ASSESSMENT_COLUMNS                                                                         \
  "SELECT id, case_id, policy_id, policy_version, waiver_group, resident, evidence, assessed_on, " \
  "last_line_no, items, total_fen, waived_fen, family_fen, created_by, created_at FROM "           \
  "funeral_waiver_assessments WHERE case_id = ?1 "

/* The one row @stmt (bound) gives, or NULL (with an error when reading
 * failed). */
static CivFuneralAssessmentRow *
assessment_step (CivDb *db, sqlite3_stmt *stmt, GError **error)
{
  CivFuneralAssessmentRow *a;
  int                      rc, i = 0;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        read_failed (db, error);
      return NULL;
    }
  a = g_new0 (CivFuneralAssessmentRow, 1);
  a->id = sqlite3_column_int64 (stmt, i++);
  a->case_id = sqlite3_column_int64 (stmt, i++);
  a->policy_id = sqlite3_column_int64 (stmt, i++);
  a->policy_version = civ_db_column_dup (stmt, i++);
  a->waiver_group = civ_db_column_dup (stmt, i++);
  a->resident = sqlite3_column_int (stmt, i++) != 0;
  a->evidence = civ_db_column_dup (stmt, i++);
  a->assessed_on = civ_db_column_dup (stmt, i++);
  a->last_line_no = sqlite3_column_int64 (stmt, i++);
  a->items = civ_db_column_dup (stmt, i++);
  a->total_fen = sqlite3_column_int64 (stmt, i++);
  a->waived_fen = sqlite3_column_int64 (stmt, i++);
  a->family_fen = sqlite3_column_int64 (stmt, i++);
  a->created_by = civ_db_column_dup (stmt, i++);
  a->created_at = civ_db_column_dup (stmt, i++);
  return a;
}

CivFuneralAssessmentRow *
civ_funeral_assessment_latest (CivDb *db, gint64 case_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db, ASSESSMENT_COLUMNS "ORDER BY id DESC LIMIT 1", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  return assessment_step (db, stmt, error);
}

CivFuneralAssessmentRow *
civ_funeral_assessment_get (CivDb *db, gint64 case_id, gint64 id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = civ_db_prepare (db, ASSESSMENT_COLUMNS "AND id = ?2", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_int64 (stmt, 2, id);
  return assessment_step (db, stmt, error);
}

gint64
civ_funeral_assessment_count (CivDb *db, gint64 case_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db, "SELECT count (*) FROM funeral_waiver_assessments WHERE case_id = ?",
                    error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, case_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      read_failed (db, error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/* ---- Receipts ---------------------------------------------------------- */

void
civ_funeral_receipt_line_free (CivFuneralReceiptLine *line)
{
  if (line == NULL)
    return;
  g_free (line->item_code);
  g_free (line->item_name);
  g_free (line->unit);
  g_free (line);
}

void
civ_funeral_receipt_row_free (CivFuneralReceiptRow *row)
{
  if (row == NULL)
    return;
  g_free (row->receipt_no);
  g_free (row->office_code);
  g_free (row->issued_on);
  g_free (row->issued_by);
  g_free (row->issued_at);
  g_clear_pointer (&row->lines, g_ptr_array_unref);
  g_free (row);
}

gint64
civ_funeral_receipt_insert (CivDb *db, CivFuneralReceiptRow *row, GError **error)
{
  g_autofree char *now = civ_db_now_iso ();
  g_autoptr (sqlite3_stmt) next = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (sqlite3_stmt) line = NULL;
  int i = 1;

  if (!require_transaction (db, error))
    return 0;
  row->year = row->issued_on ? (int) g_ascii_strtoll (row->issued_on, NULL, 10) : 0;
  if (row->office_code == NULL || strlen (row->office_code) != 6 || row->year < 1950 ||
      row->year > 9999 || row->lines == NULL || row->lines->len == 0)
    {
      g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                           _ ("A receipt needs its office, its day and at least one line"));
      return 0;
    }
  next = civ_db_prepare (db,
                         "SELECT coalesce (max (serial), 0) + 1 FROM funeral_receipts WHERE "
                         "office_code = ? AND year = ?",
                         error);
  if (next == NULL)
    return 0;
  sqlite3_bind_text (next, 1, row->office_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (next, 2, row->year);
  if (sqlite3_step (next) != SQLITE_ROW)
    {
      read_failed (db, error);
      return 0;
    }
  row->serial = sqlite3_column_int64 (next, 0);
  if (row->serial > 999999)
    {
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                   _ ("The funeral receipt numbers of %d are used up"), row->year);
      return 0;
    }
  g_free (row->receipt_no);
  row->receipt_no =
    g_strdup_printf ("SJ%s-%04d-%06" G_GINT64_FORMAT, row->office_code, row->year, row->serial);
  g_free (row->issued_at);
  row->issued_at = g_strdup (now);

  stmt = civ_db_prepare (db,
                         "INSERT INTO funeral_receipts (receipt_no, office_code, year, serial, "
                         "case_id, assessment_id, issued_on, total_fen, waived_fen, to_pay_fen, "
                         "issued_by, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, i++, row->receipt_no, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, i++, row->office_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, i++, row->year);
  sqlite3_bind_int64 (stmt, i++, row->serial);
  sqlite3_bind_int64 (stmt, i++, row->case_id);
  if (row->assessment_id > 0)
    sqlite3_bind_int64 (stmt, i++, row->assessment_id);
  else
    sqlite3_bind_null (stmt, i++);
  sqlite3_bind_text (stmt, i++, row->issued_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, i++, row->total_fen);
  sqlite3_bind_int64 (stmt, i++, row->waived_fen);
  sqlite3_bind_int64 (stmt, i++, row->to_pay_fen);
  sqlite3_bind_text (stmt, i++, row->issued_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, i++, now, -1, SQLITE_TRANSIENT);
  if (!civ_db_step_done (db, stmt, error))
    return 0;
  row->id = sqlite3_last_insert_rowid (civ_db_get_handle (db));

  line = civ_db_prepare (db,
                         "INSERT INTO funeral_receipt_lines (receipt_id, line_id, line_no, "
                         "item_code, item_name, unit, unit_price_fen, quantity, amount_fen, "
                         "waived_fen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         error);
  if (line == NULL)
    return 0;
  for (guint n = 0; n < row->lines->len; n++)
    {
      const CivFuneralReceiptLine *l = g_ptr_array_index (row->lines, n);

      i = 1;
      sqlite3_reset (line);
      sqlite3_bind_int64 (line, i++, row->id);
      sqlite3_bind_int64 (line, i++, l->line_id);
      sqlite3_bind_int64 (line, i++, l->line_no);
      sqlite3_bind_text (line, i++, l->item_code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (line, i++, l->item_name ? l->item_name : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (line, i++, l->unit, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (line, i++, l->unit_price_fen);
      sqlite3_bind_int64 (line, i++, l->quantity);
      sqlite3_bind_int64 (line, i++, l->amount_fen);
      sqlite3_bind_int64 (line, i++, l->waived_fen);
      if (!civ_db_step_done (db, line, error))
        return 0;
    }
  return row->id;
}

GPtrArray *
civ_funeral_receipt_list (CivDb *db, gint64 case_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT id, receipt_no, office_code, year, serial, case_id, "
                    "coalesce (assessment_id, 0), issued_on, total_fen, waived_fen, to_pay_fen, "
                    "issued_by, issued_at FROM funeral_receipts WHERE case_id = ? ORDER BY id",
                    error);
  g_autoptr (sqlite3_stmt) lines = NULL;
  g_autoptr (GPtrArray) out =
    g_ptr_array_new_with_free_func ((GDestroyNotify) civ_funeral_receipt_row_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  lines = civ_db_prepare (db,
                          "SELECT line_id, line_no, item_code, item_name, unit, unit_price_fen, "
                          "quantity, amount_fen, waived_fen FROM funeral_receipt_lines WHERE "
                          "receipt_id = ? ORDER BY line_no",
                          error);
  if (lines == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CivFuneralReceiptRow *r = g_new0 (CivFuneralReceiptRow, 1);
      int                   i = 0;

      r->id = sqlite3_column_int64 (stmt, i++);
      r->receipt_no = civ_db_column_dup (stmt, i++);
      r->office_code = civ_db_column_dup (stmt, i++);
      r->year = sqlite3_column_int (stmt, i++);
      r->serial = sqlite3_column_int64 (stmt, i++);
      r->case_id = sqlite3_column_int64 (stmt, i++);
      r->assessment_id = sqlite3_column_int64 (stmt, i++);
      r->issued_on = civ_db_column_dup (stmt, i++);
      r->total_fen = sqlite3_column_int64 (stmt, i++);
      r->waived_fen = sqlite3_column_int64 (stmt, i++);
      r->to_pay_fen = sqlite3_column_int64 (stmt, i++);
      r->issued_by = civ_db_column_dup (stmt, i++);
      r->issued_at = civ_db_column_dup (stmt, i++);
      r->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_funeral_receipt_line_free);
      g_ptr_array_add (out, r);

      sqlite3_reset (lines);
      sqlite3_bind_int64 (lines, 1, r->id);
      while ((rc = sqlite3_step (lines)) == SQLITE_ROW)
        {
          CivFuneralReceiptLine *l = g_new0 (CivFuneralReceiptLine, 1);
          int                    j = 0;

          l->line_id = sqlite3_column_int64 (lines, j++);
          l->line_no = sqlite3_column_int64 (lines, j++);
          l->item_code = civ_db_column_dup (lines, j++);
          l->item_name = civ_db_column_dup (lines, j++);
          l->unit = civ_db_column_dup (lines, j++);
          l->unit_price_fen = sqlite3_column_int64 (lines, j++);
          l->quantity = sqlite3_column_int64 (lines, j++);
          l->amount_fen = sqlite3_column_int64 (lines, j++);
          l->waived_fen = sqlite3_column_int64 (lines, j++);
          g_ptr_array_add (r->lines, l);
        }
      if (rc != SQLITE_DONE)
        {
          read_failed (db, error);
          return NULL;
        }
    }
  if (rc != SQLITE_DONE)
    {
      read_failed (db, error);
      return NULL;
    }
  return g_steal_pointer (&out);
}
