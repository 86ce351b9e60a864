// SPDX-License-Identifier: GPL-3.0-or-later
/* test-certificates.c — certificate numbers and the blanks they are printed
 * on (0002, 0008): a print is voided once, with operator, reason and the
 * approving supervisor, and never deleted; issued numbers are never
 * rewritten (R-N1, R-N3). */
#include <string.h>

#include "civ-registry-store.h"
#include "civ-test-utils.h"

typedef struct
{
  char     *dir;
  CivStore *store;
  CivDb    *db;
  char     *number;
} Fixture;

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *record_id = NULL;

  fx->store = civ_test_new_office (&fx->dir, NULL);
  fx->db = civ_store_get_db (fx->store);
  record_id = civ_test_insert_marriage (fx->db);
  g_assert_true (civ_db_begin (fx->db, &error));
  fx->number =
    civ_certificate_allocate (fx->db, "J", "110101", 2026, record_id, CIV_TEST_SUPERVISOR, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fx->number, ==, "J110101-2026-000001");
  g_assert_true (civ_certificate_print (fx->db, fx->number, "NO.0001", "clerk", &error));
  g_assert_true (civ_certificate_print (fx->db, fx->number, "NO.0002", "clerk", &error));
  g_assert_no_error (error);
  g_assert_true (civ_db_commit (fx->db, &error));
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  g_free (fx->number);
  g_clear_object (&fx->store);
  civ_test_rmdir (fx->dir);
  g_free (fx->dir);
}

static gint64
voided (Fixture *fx)
{
  return civ_test_count (fx->store,
                         "SELECT count(*) FROM certificate_prints WHERE voided_at IS NOT NULL");
}

/* @sql fails with the trigger's message containing @needle and changes
 * nothing. */
static void
assert_refused_sql (Fixture *fx, const char *sql, const char *needle)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (civ_db_exec (fx->db, sql, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, needle));
}

static void
test_void_records_approver (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (civ_db_get_schema_version (fx->db), ==, civ_db_get_latest_schema_version ());
  g_assert_true (civ_certificate_void_print (fx->db, "NO.0001", "paper jam", "clerk",
                                             CIV_TEST_SUPERVISOR, &error));
  g_assert_no_error (error);
  g_assert_cmpint (
    civ_test_count (fx->store, "SELECT count(*) FROM certificate_prints WHERE blank_serial = "
                               "'NO.0001' AND voided_by = 'clerk' AND void_reason = 'paper jam' "
                               "AND void_approved_by = 'admin' AND voided_at >= printed_at"),
    ==, 1);
  g_assert_cmpint (voided (fx), ==, 1);
  g_assert_cmpint (civ_test_count (fx->store, "SELECT count(*) FROM certificate_prints"), ==, 2);
}

/* A void without a reason or an approver, of an unknown blank or of one
 * already voided, is refused and changes nothing. */
static void
test_void_refusals (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (civ_certificate_void_print (fx->db, "NO.0001", "", "clerk", "admin", &error));
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "R-N1"));
  g_clear_error (&error);
  g_assert_false (
    civ_certificate_void_print (fx->db, "NO.0001", "paper jam", "clerk", NULL, &error));
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "R-N3"));
  g_clear_error (&error);
  g_assert_false (civ_certificate_void_print (fx->db, "NO.0001", "paper jam", "clerk", "", &error));
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (
    civ_certificate_void_print (fx->db, "NO.9999", "paper jam", "clerk", "admin", &error));
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (voided (fx), ==, 0);

  g_assert_true (
    civ_certificate_void_print (fx->db, "NO.0002", "smudged", "clerk", "admin", &error));
  g_assert_false (
    civ_certificate_void_print (fx->db, "NO.0002", "again", "admin", "admin", &error));
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (civ_test_count (fx->store,
                                   "SELECT count(*) FROM certificate_prints WHERE "
                                   "blank_serial = 'NO.0002' AND void_reason = 'smudged'"),
                   ==, 1);
  g_assert_cmpint (voided (fx), ==, 1);

  /* A blank serial is used once (R-N3), and only for an issued number. */
  g_assert_false (civ_certificate_print (fx->db, fx->number, "NO.0002", "clerk", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (
    civ_certificate_print (fx->db, "J110101-2026-000009", "NO.0003", "clerk", &error));
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_NOT_FOUND);
  g_assert_cmpint (civ_test_count (fx->store, "SELECT count(*) FROM certificate_prints"), ==, 2);
}

/* Below the storage functions, the database itself refuses to delete a
 * print or a number, to rewrite a print, to void without the approver, or
 * to void twice. */
static void
test_append_only (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  assert_refused_sql (fx, "DELETE FROM certificate_prints WHERE blank_serial = 'NO.0001'",
                      "never deleted");
  assert_refused_sql (fx, "DELETE FROM certificates", "append-only");
  assert_refused_sql (fx, "UPDATE certificates SET serial = 7", "append-only");
  assert_refused_sql (fx, "UPDATE certificate_prints SET blank_serial = 'NO.0009' WHERE id = 1",
                      "only ever voided");
  assert_refused_sql (fx,
                      "UPDATE certificate_prints SET voided_at = '2026-01-01T00:00:00Z', voided_by "
                      "= 'clerk', void_reason = 'x' WHERE blank_serial = 'NO.0001'",
                      "only ever voided");
  g_assert_true (
    civ_certificate_void_print (fx->db, "NO.0001", "paper jam", "clerk", "admin", &error));
  g_assert_no_error (error);
  assert_refused_sql (fx,
                      "UPDATE certificate_prints SET void_reason = 'rewritten' WHERE blank_serial "
                      "= 'NO.0001'",
                      "only ever voided");
  assert_refused_sql (fx,
                      "UPDATE certificate_prints SET voided_at = NULL, voided_by = NULL, "
                      "void_reason = NULL, void_approved_by = NULL WHERE blank_serial = 'NO.0001'",
                      "only ever voided");
  g_assert_cmpint (civ_test_count (fx->store, "SELECT count(*) FROM certificate_prints WHERE "
                                              "void_reason = 'paper jam'"),
                   ==, 1);
  g_assert_cmpint (civ_test_count (fx->store, "SELECT count(*) FROM certificates WHERE serial = 1"),
                   ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/certificates/void-records-approver", Fixture, NULL, fixture_set_up,
              test_void_records_approver, fixture_tear_down);
  g_test_add ("/certificates/void-refusals", Fixture, NULL, fixture_set_up, test_void_refusals,
              fixture_tear_down);
  g_test_add ("/certificates/append-only", Fixture, NULL, fixture_set_up, test_append_only,
              fixture_tear_down);
  return g_test_run ();
}
