// SPDX-License-Identifier: GPL-3.0-or-later
/* test-funeral-money-store.c — the funeral money tables (0016) on a real
 * SQLCipher file: fee lists and policies imported once (by SHA-256, a
 * policy's version once per area), the one in force by area and day; bill
 * lines numbered per case, cancelled by a cancelling line that repeats the
 * charge, once, never once receipted; assessments, the latest counting;
 * receipts numbered gapless per office and year with their lines, only
 * standing charges; nothing updated or deleted. */
#include <string.h>

#include "civ-funeral-money-store.h"
#include "civ-funeral-store.h"
#include "civ-test-utils.h"

typedef struct
{
  char     *dir;
  CivStore *store;
  CivDb    *db;
} Fixture;

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  fx->store = civ_test_new_office (&fx->dir, NULL);
  fx->db = civ_store_get_db (fx->store);
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  g_clear_object (&fx->store);
  civ_test_rmdir (fx->dir);
  g_free (fx->dir);
}

static void
assert_constraint (const GError *error)
{
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_SQLITE);
  g_assert_cmpint (civ_db_error_get_sqlite_code (error) & 0xff, ==, SQLITE_CONSTRAINT);
}

static void
begin (Fixture *fx)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (civ_db_begin (fx->db, &error));
  g_assert_no_error (error);
}

static void
commit (Fixture *fx)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (civ_db_commit (fx->db, &error));
  g_assert_no_error (error);
}

static gint64
new_case (Fixture *fx, const char *record_id, const char *office)
{
  g_autoptr (GError) error = NULL;
  CivFuneralCaseRow row = { 0 };
  gint64            id;

  row.record_id = (char *) record_id;
  row.office_code = (char *) office;
  row.state = (char *) "DEATH_REPORTED";
  row.reported_on = (char *) "2026-08-01";
  row.deceased_name = (char *) "张大山";
  row.sex = 1;
  begin (fx);
  id = civ_funeral_case_insert (fx->db, &row, CIV_TEST_SUPERVISOR, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  commit (fx);
  return id;
}

static gint64
add_file (Fixture    *fx,
          gboolean    policy,
          const char *area,
          const char *version,
          const char *from,
          const char *to,
          const char *sha_seed,
          GError    **error)
{
  g_autofree char    *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, sha_seed, -1);
  CivFuneralMoneyFile f = { 0 };
  gint64              id;

  f.area = (char *) area;
  f.name = (char *) "收费目录";
  f.version = (char *) version;
  f.effective_from = (char *) from;
  f.effective_to = (char *) to;
  f.n_items = 2;
  f.json = (char *) "{}";
  f.sha256 = sha;
  f.imported_on = (char *) "2026-07-01";
  f.imported_by = (char *) CIV_TEST_SUPERVISOR;
  begin (fx);
  id = policy ? civ_funeral_policy_insert (fx->db, &f, error)
              : civ_funeral_fee_list_insert (fx->db, &f, error);
  if (id == 0)
    civ_db_rollback (fx->db);
  else
    commit (fx);
  return id;
}

static void
assert_refused_sql (Fixture *fx, const char *sql, const char *needle)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (civ_db_exec (fx->db, sql, &error));
  g_assert_nonnull (error);
  if (strstr (error->message, needle) == NULL)
    g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, needle));
}

static void
test_files (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  const char *areas[] = { "350102", "350100", "350000", NULL };
  gint64      province, city, district, later;
  g_autoptr (GPtrArray) all = NULL;

  province = add_file (fx, FALSE, "350000", NULL, "2025-01-01", NULL, "p", &error);
  g_assert_no_error (error);
  city = add_file (fx, FALSE, "350100", NULL, "2026-01-01", "2026-12-31", "c", &error);
  g_assert_no_error (error);
  /* The same bytes twice: refused by the SHA-256. */
  g_assert_cmpint (add_file (fx, FALSE, "350100", NULL, "2026-01-01", NULL, "c", &error), ==, 0);
  assert_constraint (error);
  g_clear_error (&error);
  /* An area that is not six digits. */
  g_assert_cmpint (add_file (fx, FALSE, "35010X", NULL, "2026-01-01", NULL, "x", &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* The most specific area in force wins; out of the city's dates, the province's. */
  {
    g_autoptr (CivFuneralMoneyFile) f =
      civ_funeral_fee_list_in_force (fx->db, areas, "2026-03-01", &error);

    g_assert_no_error (error);
    g_assert_cmpint (f->id, ==, city);
    g_assert_cmpstr (f->json, ==, "{}");
    g_assert_cmpstr (f->name, ==, "收费目录");
    g_assert_null (f->version);
  }
  {
    g_autoptr (CivFuneralMoneyFile) f =
      civ_funeral_fee_list_in_force (fx->db, areas, "2027-01-01", &error);

    g_assert_cmpint (f->id, ==, province);
  }
  g_assert_null (civ_funeral_fee_list_in_force (fx->db, areas, "2024-12-31", &error));
  g_assert_no_error (error);
  /* Another office's areas do not see them. */
  g_assert_null (
    civ_funeral_fee_list_in_force (fx->db,
                                   (const char *const[]){ "110101", "110100", "110000", NULL },
                                   "2026-03-01", &error));
  g_assert_no_error (error);

  district = add_file (fx, FALSE, "350102", NULL, "2026-06-01", NULL, "d", &error);
  later = add_file (fx, FALSE, "350102", NULL, "2026-06-01", NULL, "d2", &error);
  g_assert_no_error (error);
  {
    g_autoptr (CivFuneralMoneyFile) f =
      civ_funeral_fee_list_in_force (fx->db, areas, "2026-06-01", &error);

    /* Of one area, the one imported last. */
    g_assert_cmpint (f->id, ==, later);
    g_assert_cmpint (f->id, >, district);
  }
  all = civ_funeral_fee_list_all (fx->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 4);
  g_assert_null (((CivFuneralMoneyFile *) g_ptr_array_index (all, 0))->json);

  /* Policies: an area's version once. */
  g_assert_cmpint (add_file (fx, TRUE, "350102", "鼓民〔2026〕3号", "2026-01-01", "2026-12-31",
                             "v1", &error),
                   >, 0);
  g_assert_cmpint (add_file (fx, TRUE, "350102", "鼓民〔2026〕3号", "2026-01-01", NULL, "v1b",
                             &error),
                   ==, 0);
  assert_constraint (error);
  g_clear_error (&error);
  {
    g_autoptr (CivFuneralMoneyFile) f =
      civ_funeral_policy_find_version (fx->db, "350102", "鼓民〔2026〕3号", &error);
    g_autoptr (CivFuneralMoneyFile) p =
      civ_funeral_policy_in_force (fx->db, areas, "2026-12-31", &error);

    g_assert_nonnull (f);
    g_assert_cmpstr (f->version, ==, "鼓民〔2026〕3号");
    g_assert_cmpint (p->id, ==, f->id);
    g_assert_null (civ_funeral_policy_in_force (fx->db, areas, "2027-01-01", &error));
  }

  assert_refused_sql (fx, "UPDATE funeral_fee_lists SET name = 'x'", "append-only");
  assert_refused_sql (fx, "DELETE FROM funeral_fee_lists", "append-only");
  assert_refused_sql (fx, "UPDATE funeral_waiver_policies SET version = 'x'", "append-only");
  assert_refused_sql (fx, "DELETE FROM funeral_waiver_policies", "append-only");
}

static gint64
add_line (Fixture *fx, gint64 case_id, gint64 cancels, gint64 price, gint64 qty, GError **error)
{
  CivFuneralBillLine l = { 0 };
  gint64             id;

  l.case_id = case_id;
  l.cancels = cancels;
  l.item_code = (char *) "HH01";
  l.item_name = (char *) "火化";
  l.unit = (char *) "body";
  l.unit_price_fen = price;
  l.quantity = qty;
  l.amount_fen = price * qty;
  l.service_on = (char *) "2026-08-02";
  l.fee_list_id = 1;
  l.created_by = (char *) CIV_TEST_SUPERVISOR;
  begin (fx);
  id = civ_funeral_bill_line_insert (fx->db, &l, error);
  if (id == 0)
    civ_db_rollback (fx->db);
  else
    commit (fx);
  return id;
}

static gint64
receipt (Fixture    *fx,
         gint64      case_id,
         const char *office,
         const char *day,
         gint64      line_id,
         gint64      amount,
         char      **number,
         GError    **error)
{
  g_autoptr (CivFuneralReceiptRow) r = g_new0 (CivFuneralReceiptRow, 1);
  CivFuneralReceiptLine *l = g_new0 (CivFuneralReceiptLine, 1);
  gint64                 id;

  r->office_code = g_strdup (office);
  r->case_id = case_id;
  r->issued_on = g_strdup (day);
  r->total_fen = amount;
  r->waived_fen = 0;
  r->to_pay_fen = amount;
  r->issued_by = g_strdup (CIV_TEST_SUPERVISOR);
  r->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_funeral_receipt_line_free);
  l->line_id = line_id;
  l->line_no = 1;
  l->item_code = g_strdup ("HH01");
  l->item_name = g_strdup ("火化");
  l->unit = g_strdup ("body");
  l->unit_price_fen = amount;
  l->quantity = 1;
  l->amount_fen = amount;
  g_ptr_array_add (r->lines, l);
  begin (fx);
  id = civ_funeral_receipt_insert (fx->db, r, error);
  if (id == 0)
    civ_db_rollback (fx->db);
  else
    commit (fx);
  if (number != NULL)
    *number = g_strdup (r->receipt_no);
  return id;
}

static void
test_bill_and_receipts (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) lines = NULL;
  g_autoptr (GPtrArray) receipts = NULL;
  g_autofree char *no1 = NULL, *no2 = NULL, *no3 = NULL;
  gint64           case1 = new_case (fx, "case-1", "350102");
  gint64           case2 = new_case (fx, "case-2", "350102");
  gint64           l1, l2, l3, c1, other;

  g_assert_cmpint (add_file (fx, FALSE, "350102", NULL, "2026-01-01", NULL, "f", &error), ==, 1);
  l1 = add_line (fx, case1, 0, 65000, 1, &error);
  l2 = add_line (fx, case1, 0, 65000, 1, &error);
  other = add_line (fx, case2, 0, 65000, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (l1, >, 0);

  /* A cancelling line repeats its charge, of its own case, once. */
  g_assert_cmpint (add_line (fx, case1, l2, 60000, 1, &error), ==, 0);
  g_assert_nonnull (strstr (error->message, "repeats a charge"));
  g_clear_error (&error);
  g_assert_cmpint (add_line (fx, case1, other, 65000, 1, &error), ==, 0);
  g_clear_error (&error);
  c1 = add_line (fx, case1, l2, 65000, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (add_line (fx, case1, l2, 65000, 1, &error), ==, 0);
  g_clear_error (&error);
  g_assert_cmpint (add_line (fx, case1, c1, 65000, 1, &error), ==, 0);
  g_clear_error (&error);
  /* Amounts: the price times the quantity, never negative. */
  g_assert_cmpint (add_line (fx, case1, 0, -100, 1, &error), ==, 0);
  g_clear_error (&error);
  g_assert_cmpint (add_line (fx, case1, 0, 100, 0, &error), ==, 0);
  g_clear_error (&error);

  lines = civ_funeral_bill_lines (fx->db, case1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 3);
  {
    CivFuneralBillLine *a = g_ptr_array_index (lines, 0);
    CivFuneralBillLine *b = g_ptr_array_index (lines, 1);
    CivFuneralBillLine *c = g_ptr_array_index (lines, 2);

    g_assert_cmpint (a->line_no, ==, 1);
    g_assert_cmpint (a->cancelled_by_line, ==, 0);
    g_assert_cmpint (b->line_no, ==, 2);
    g_assert_cmpint (b->cancelled_by_line, ==, 3);
    g_assert_cmpint (c->line_no, ==, 3);
    g_assert_cmpint (c->cancels, ==, l2);
    g_assert_cmpint (c->cancels_line_no, ==, 2);
  }
  /* Line numbers are per case. */
  {
    g_autoptr (CivFuneralBillLine) o = civ_funeral_bill_line_find (fx->db, case2, 1, &error);

    g_assert_cmpint (o->id, ==, other);
    g_assert_null (civ_funeral_bill_line_find (fx->db, case2, 2, &error));
    g_assert_no_error (error);
  }

  /* Receipts: gapless per office and year; a cancelled charge is never on one. */
  g_assert_cmpint (receipt (fx, case1, "350102", "2026-08-03", l2, 65000, NULL, &error), ==, 0);
  g_assert_nonnull (strstr (error->message, "standing charge"));
  g_clear_error (&error);
  g_assert_cmpint (receipt (fx, case1, "350102", "2026-08-03", c1, 65000, NULL, &error), ==, 0);
  g_clear_error (&error);
  g_assert_cmpint (receipt (fx, case1, "350102", "2026-08-03", other, 65000, NULL, &error), ==, 0);
  g_clear_error (&error);
  g_assert_cmpint (receipt (fx, case1, "350102", "2026-08-03", l1, 65000, &no1, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpstr (no1, ==, "SJ350102-2026-000001");
  /* A line is on one receipt only. */
  g_assert_cmpint (receipt (fx, case1, "350102", "2026-08-03", l1, 65000, NULL, &error), ==, 0);
  g_clear_error (&error);
  g_assert_cmpint (receipt (fx, case2, "350102", "2026-08-03", other, 65000, &no2, &error), >, 0);
  g_assert_cmpstr (no2, ==, "SJ350102-2026-000002");
  l3 = add_line (fx, case1, 0, 5000, 3, &error);
  g_assert_cmpint (receipt (fx, case1, "350102", "2027-01-02", l3, 15000, &no3, &error), >, 0);
  g_assert_cmpstr (no3, ==, "SJ350102-2027-000001");
  g_assert_no_error (error);

  /* A receipted charge is never cancelled. */
  g_assert_cmpint (add_line (fx, case1, l1, 65000, 1, &error), ==, 0);
  g_assert_nonnull (strstr (error->message, "on no receipt"));
  g_clear_error (&error);

  receipts = civ_funeral_receipt_list (fx->db, case1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (receipts->len, ==, 2);
  {
    CivFuneralReceiptRow  *r = g_ptr_array_index (receipts, 1);
    CivFuneralReceiptLine *l = g_ptr_array_index (r->lines, 0);

    g_assert_cmpstr (r->receipt_no, ==, "SJ350102-2027-000001");
    g_assert_cmpint (r->year, ==, 2027);
    g_assert_cmpint (r->total_fen, ==, 15000);
    g_assert_cmpint (l->line_id, ==, l3);
    g_assert_cmpint (l->amount_fen, ==, 15000);
  }
  g_clear_pointer (&lines, g_ptr_array_unref);
  lines = civ_funeral_bill_lines (fx->db, case1, &error);
  g_assert_cmpstr (((CivFuneralBillLine *) g_ptr_array_index (lines, 0))->receipt_no, ==,
                   "SJ350102-2026-000001");
  g_assert_null (((CivFuneralBillLine *) g_ptr_array_index (lines, 1))->receipt_no);

  /* Gapless: a serial other than the next is refused by the table. */
  assert_refused_sql (fx,
                      "INSERT INTO funeral_receipts (receipt_no, office_code, year, serial, "
                      "case_id, issued_on, total_fen, waived_fen, to_pay_fen, issued_by, "
                      "issued_at) VALUES ('SJ350102-2026-000009', '350102', 2026, 9, 1, "
                      "'2026-08-04', 0, 0, 0, 'x', 'x')",
                      "next of the office");
  /* What the family pays is the total less the waiver. */
  assert_refused_sql (fx,
                      "INSERT INTO funeral_receipts (receipt_no, office_code, year, serial, "
                      "case_id, issued_on, total_fen, waived_fen, to_pay_fen, issued_by, "
                      "issued_at) VALUES ('SJ350102-2026-000003', '350102', 2026, 3, 1, "
                      "'2026-08-04', 100, 50, 60, 'x', 'x')",
                      "CHECK");
  assert_refused_sql (fx, "UPDATE funeral_bill_lines SET amount_fen = 0", "append-only");
  assert_refused_sql (fx, "DELETE FROM funeral_bill_lines", "append-only");
  assert_refused_sql (fx, "UPDATE funeral_receipts SET to_pay_fen = 0", "append-only");
  assert_refused_sql (fx, "DELETE FROM funeral_receipts", "append-only");
  assert_refused_sql (fx, "UPDATE funeral_receipt_lines SET waived_fen = 0", "append-only");
  assert_refused_sql (fx, "DELETE FROM funeral_receipt_lines", "append-only");
}

static void
test_assessments (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64                  case1 = new_case (fx, "case-1", "350102");
  CivFuneralAssessmentRow a = { 0 };
  gint64                  first, second;

  g_assert_null (civ_funeral_assessment_latest (fx->db, case1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (add_file (fx, TRUE, "350102", "v1", "2026-01-01", NULL, "p", &error), ==, 1);
  a.case_id = case1;
  a.policy_id = 1;
  a.policy_version = (char *) "v1";
  a.waiver_group = (char *) "dibao";
  a.evidence = (char *) "低保证 350102-0001";
  a.assessed_on = (char *) "2026-08-02";
  a.last_line_no = 2;
  a.items = (char *) "[]";
  a.total_fen = 100000;
  a.waived_fen = 60000;
  a.family_fen = 40000;
  a.created_by = (char *) CIV_TEST_SUPERVISOR;
  begin (fx);
  first = civ_funeral_assessment_insert (fx->db, &a, &error);
  a.waived_fen = 70000;
  a.family_fen = 30000;
  a.waiver_group = (char *) "tekun";
  second = civ_funeral_assessment_insert (fx->db, &a, &error);
  g_assert_no_error (error);
  /* The totals add up. */
  a.family_fen = 1;
  g_assert_cmpint (civ_funeral_assessment_insert (fx->db, &a, &error), ==, 0);
  assert_constraint (error);
  g_clear_error (&error);
  /* A policy's group ("all-residents") is not a case's. */
  a.family_fen = 30000;
  a.waiver_group = (char *) "all-residents";
  g_assert_cmpint (civ_funeral_assessment_insert (fx->db, &a, &error), ==, 0);
  g_clear_error (&error);
  commit (fx);
  g_assert_cmpint (second, >, first);
  {
    g_autoptr (CivFuneralAssessmentRow) latest =
      civ_funeral_assessment_latest (fx->db, case1, &error);

    g_assert_cmpint (latest->id, ==, second);
    g_assert_cmpstr (latest->waiver_group, ==, "tekun");
    g_assert_cmpstr (latest->evidence, ==, "低保证 350102-0001");
    g_assert_cmpint (latest->waived_fen, ==, 70000);
    g_assert_cmpint (latest->last_line_no, ==, 2);
  }
  {
    /* A receipt names its assessment: the older one is found by its id,
     * only in its own case. */
    gint64 case2 = new_case (fx, "case-2", "350102");
    g_autoptr (CivFuneralAssessmentRow) older =
      civ_funeral_assessment_get (fx->db, case1, first, &error);

    g_assert_no_error (error);
    g_assert_cmpint (older->id, ==, first);
    g_assert_cmpstr (older->waiver_group, ==, "dibao");
    g_assert_cmpstr (older->policy_version, ==, "v1");
    g_assert_cmpint (older->waived_fen, ==, 60000);
    g_assert_null (civ_funeral_assessment_get (fx->db, case2, first, &error));
    g_assert_no_error (error);
    g_assert_null (civ_funeral_assessment_get (fx->db, case1, second + 1, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (civ_funeral_assessment_count (fx->db, case1, &error), ==, 2);
  assert_refused_sql (fx, "UPDATE funeral_waiver_assessments SET waived_fen = 0", "append-only");
  assert_refused_sql (fx, "DELETE FROM funeral_waiver_assessments", "append-only");
}

/* Writes need the caller's transaction. */
static void
test_needs_transaction (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  CivFuneralAssessmentRow a = { 0 };

  g_assert_cmpint (civ_funeral_assessment_insert (fx->db, &a, &error), ==, 0);
  g_assert_nonnull (error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add ("/funeral-money-store/files", Fixture, NULL, fixture_set_up, test_files,
              fixture_tear_down);
  g_test_add ("/funeral-money-store/bill-and-receipts", Fixture, NULL, fixture_set_up,
              test_bill_and_receipts, fixture_tear_down);
  g_test_add ("/funeral-money-store/assessments", Fixture, NULL, fixture_set_up, test_assessments,
              fixture_tear_down);
  g_test_add ("/funeral-money-store/needs-transaction", Fixture, NULL, fixture_set_up,
              test_needs_transaction, fixture_tear_down);
  return g_test_run ();
}
