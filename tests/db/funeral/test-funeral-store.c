// SPDX-License-Identifier: GPL-3.0-or-later
/* test-funeral-store.c — the funeral case tables (0015) on a real SQLCipher
 * file: gapless case numbers per office and year; finding a case by its
 * number, the deceased's identity number, the agent's phone or the start of
 * the name (issue 16); an unidentified body needs a description; a closed
 * case never changes and no case is deleted; the history is append-only;
 * storage units hold one body and the board lists who is in storage and
 * which ash deposits expire. */
#include <string.h>

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

/* A case reported on @day; @name NULL: an unidentified body. Returns its id
 * and its number in *@case_no. */
static gint64
report (Fixture    *fx,
        const char *record_id,
        const char *day,
        const char *name,
        const char *id_key,
        const char *phone,
        char      **case_no)
{
  g_autoptr (GError) error = NULL;
  CivFuneralCaseRow row = { 0 };
  gint64            id;

  row.record_id = (char *) record_id;
  row.office_code = (char *) "110101";
  row.state = (char *) "DEATH_REPORTED";
  row.reported_on = (char *) day;
  row.unidentified = name == NULL;
  row.description = (char *) (name == NULL ? "男性，约六十岁，身高约170厘米" : "");
  row.deceased_name = (char *) (name ? name : "");
  row.sex = 1;
  row.doc_kind = (char *) (id_key ? "resident-id" : "");
  row.doc_number = (char *) id_key;
  row.id_key = (char *) id_key;
  row.death_at = (char *) "2026-08-01T06:30";
  row.death_place = 1;
  row.agent_name = (char *) "王家属";
  row.agent_relationship = (char *) "子女";
  row.agent_phone = (char *) phone;
  g_assert_true (civ_db_begin (fx->db, &error));
  id = civ_funeral_case_insert (fx->db, &row, CIV_TEST_SUPERVISOR, case_no, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_true (civ_funeral_event_add (fx->db, id, "2026-08-01T08:00", NULL, "DEATH_REPORTED",
                                        CIV_TEST_SUPERVISOR, "{\"reported\":true}", &error));
  g_assert_true (civ_db_commit (fx->db, &error));
  g_assert_no_error (error);
  return id;
}

static void
assert_refused_sql (Fixture *fx, const char *sql, const char *needle)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (civ_db_exec (fx->db, sql, &error));
  g_assert_nonnull (error);
  if (needle != NULL && strstr (error->message, needle) == NULL)
    g_test_message ("%s", error->message);
  if (needle != NULL)
    g_assert_nonnull (strstr (error->message, needle));
}

static void
test_numbers_and_search (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *no1 = NULL, *no2 = NULL, *no3 = NULL, *no4 = NULL;
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (CivFuneralCaseRow) row = NULL;

  report (fx, "case-1", "2026-08-01", "张大山", "110101195001010013", "13800000001", &no1);
  report (fx, "case-2", "2026-08-02", "张小河", NULL, "13800000002", &no2);
  report (fx, "case-3", "2026-08-02", NULL, NULL, "", &no3);
  /* A new year starts again at 1. */
  report (fx, "case-4", "2027-01-02", "李四", NULL, "13800000004", &no4);
  g_assert_cmpstr (no1, ==, "BZ110101-2026-000001");
  g_assert_cmpstr (no2, ==, "BZ110101-2026-000002");
  g_assert_cmpstr (no3, ==, "BZ110101-2026-000003");
  g_assert_cmpstr (no4, ==, "BZ110101-2027-000001");

  row = civ_funeral_case_find (fx->db, "BZ110101-2026-000003", &error);
  g_assert_no_error (error);
  g_assert_nonnull (row);
  g_assert_true (row->unidentified);
  g_assert_cmpstr (row->deceased_name, ==, "");
  g_assert_cmpstr (row->description, !=, "");
  g_assert_cmpint (row->marital_status, ==, 9);
  g_assert_null (civ_funeral_case_find (fx->db, "BZ110101-2026-000009", &error));
  g_assert_no_error (error);

  /* By the start of the name: both 张, newest first. */
  found = civ_funeral_case_search (fx->db, "张", NULL, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_cmpstr (((CivFuneralCaseRow *) found->pdata[0])->record_id, ==, "case-2");
  g_clear_pointer (&found, g_ptr_array_unref);
  /* A wildcard in what is typed is only a character. */
  found = civ_funeral_case_search (fx->db, "%", NULL, 50, &error);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  /* By the agent's phone, the case number, the identity number. */
  found = civ_funeral_case_search (fx->db, "13800000004", NULL, 50, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((CivFuneralCaseRow *) found->pdata[0])->record_id, ==, "case-4");
  g_clear_pointer (&found, g_ptr_array_unref);
  found = civ_funeral_case_search (fx->db, no2, NULL, 50, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = civ_funeral_case_search (fx->db, "110101195001010013", "110101195001010013", 50, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((CivFuneralCaseRow *) found->pdata[0])->record_id, ==, "case-1");
}

static void
test_rules_of_the_table (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *no = NULL;
  g_autoptr (GPtrArray) history = NULL;
  gint64 id = report (fx, "case-1", "2026-08-01", "张大山", NULL, "13800000001", &no);

  /* An unidentified body without a description, a named one without a name. */
  assert_refused_sql (fx,
                      "INSERT INTO funeral_cases (record_id, case_no, office_code, year, serial, "
                      "state, reported_on, unidentified, created_at, created_by) VALUES ('x', 'y', "
                      "'110101', 2026, 9, 'DEATH_REPORTED', '2026-08-01', 1, 'now', 'admin')",
                      "CHECK");
  assert_refused_sql (fx,
                      "INSERT INTO funeral_cases (record_id, case_no, office_code, year, serial, "
                      "state, reported_on, created_at, created_by) VALUES ('x', 'y', '110101', "
                      "2026, 9, 'DEATH_REPORTED', '2026-08-01', 'now', 'admin')",
                      "CHECK");
  /* A number never changes; nothing is deleted; the history is append-only. */
  assert_refused_sql (fx, "UPDATE funeral_cases SET case_no = 'BZ1' WHERE id = 1", "never change");
  assert_refused_sql (fx, "DELETE FROM funeral_cases", "never deleted");
  assert_refused_sql (fx, "UPDATE funeral_events SET actor = 'x'", "append-only");
  assert_refused_sql (fx, "DELETE FROM funeral_events", "append-only");

  /* Closed, the case is final. */
  g_assert_true (civ_db_begin (fx->db, &error));
  g_assert_true (civ_funeral_case_set_state (fx->db, id, "ASHES_RETURNED", "2026-08-05", &error));
  g_assert_true (civ_db_commit (fx->db, &error));
  g_assert_no_error (error);
  g_assert_true (civ_db_begin (fx->db, &error));
  g_assert_false (civ_funeral_case_set_state (fx->db, id, "CREMATED", NULL, &error));
  g_assert_nonnull (error);
  civ_db_rollback (fx->db);
  g_clear_error (&error);
  /* Writes need the caller's transaction. */
  g_assert_false (civ_funeral_event_add (fx->db, id, "2026-08-05T10:00", "CREMATED",
                                         "ASHES_RETURNED", "admin", NULL, &error));
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID);
  g_clear_error (&error);

  history = civ_funeral_event_list (fx->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  g_assert_null (((CivFuneralEventRow *) history->pdata[0])->from_state);
  g_assert_cmpstr (((CivFuneralEventRow *) history->pdata[0])->actor_name, !=, "");
}

static void
test_board (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *no1 = NULL, *no2 = NULL;
  g_autoptr (GPtrArray) in = NULL;
  g_autoptr (GPtrArray) expiring = NULL;
  gint64 a = report (fx, "case-1", "2026-08-01", "张大山", NULL, "1", &no1);
  gint64 b = report (fx, "case-2", "2026-08-02", "李小河", NULL, "2", &no2);

  g_assert_true (civ_db_begin (fx->db, &error));
  g_assert_true (civ_funeral_storage_in (fx->db, a, "冷藏柜A-01", "2026-08-01T09:00", &error));
  /* One body per unit; one stay per body. */
  g_assert_false (civ_funeral_storage_in (fx->db, b, "冷藏柜A-01", "2026-08-02T09:00", &error));
  g_clear_error (&error);
  g_assert_false (civ_funeral_storage_in (fx->db, a, "冷藏柜A-02", "2026-08-02T09:00", &error));
  g_clear_error (&error);
  g_assert_true (civ_funeral_storage_in (fx->db, b, "冷藏柜A-02", "2026-08-02T09:00", &error));
  g_assert_true (civ_db_commit (fx->db, &error));
  g_assert_no_error (error);

  in = civ_funeral_in_storage (fx->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (in->len, ==, 2);
  g_assert_cmpstr (((CivFuneralBoardRow *) in->pdata[0])->case_no, ==, no1);
  g_assert_cmpstr (((CivFuneralBoardRow *) in->pdata[0])->unit, ==, "冷藏柜A-01");
  g_clear_pointer (&in, g_ptr_array_unref);

  /* Taken out once; the unit is free again. */
  g_assert_true (civ_db_begin (fx->db, &error));
  g_assert_true (civ_funeral_storage_out (fx->db, a, "2026-08-03T08:00", &error));
  g_assert_false (civ_funeral_storage_out (fx->db, a, "2026-08-03T09:00", &error));
  g_clear_error (&error);
  g_assert_true (
    civ_funeral_deposit_add (fx->db, a, "骨灰堂一区12号", "2026-08-04", "2027-08-03", &error));
  g_assert_true (
    civ_funeral_deposit_add (fx->db, b, "骨灰堂一区13号", "2026-08-04", "2029-08-03", &error));
  g_assert_true (civ_funeral_case_set_state (fx->db, a, "ASHES_DEPOSITED", NULL, &error));
  g_assert_true (civ_funeral_case_set_state (fx->db, b, "ASHES_DEPOSITED", NULL, &error));
  g_assert_true (civ_db_commit (fx->db, &error));
  g_assert_no_error (error);
  assert_refused_sql (fx,
                      "UPDATE funeral_storage SET out_at = '2026-09-01T00:00' WHERE case_id = 1",
                      "once");
  assert_refused_sql (fx, "DELETE FROM funeral_storage", "never deleted");
  assert_refused_sql (fx, "UPDATE funeral_deposits SET expires_on = '2030-01-01'", "append-only");

  in = civ_funeral_in_storage (fx->db, &error);
  g_assert_cmpuint (in->len, ==, 1);
  g_assert_cmpstr (((CivFuneralBoardRow *) in->pdata[0])->case_no, ==, no2);

  /* The deposits expiring in August 2027: only the first. */
  expiring = civ_funeral_deposits_expiring (fx->db, "2027-08-01", "2027-08-31", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (expiring->len, ==, 1);
  g_assert_cmpstr (((CivFuneralBoardRow *) expiring->pdata[0])->until, ==, "2027-08-03");
  g_assert_cmpstr (((CivFuneralBoardRow *) expiring->pdata[0])->deceased_name, ==, "张大山");
  g_clear_pointer (&expiring, g_ptr_array_unref);

  /* Ashes taken home later: the deposit no longer expires on the board. */
  g_assert_true (civ_db_begin (fx->db, &error));
  g_assert_true (civ_funeral_case_set_state (fx->db, a, "ASHES_RETURNED", "2026-09-01", &error));
  g_assert_true (civ_db_commit (fx->db, &error));
  expiring = civ_funeral_deposits_expiring (fx->db, "2027-08-01", "2027-08-31", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (expiring->len, ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/db/funeral/numbers-and-search", Fixture, NULL, fixture_set_up,
              test_numbers_and_search, fixture_tear_down);
  g_test_add ("/db/funeral/table-rules", Fixture, NULL, fixture_set_up, test_rules_of_the_table,
              fixture_tear_down);
  g_test_add ("/db/funeral/board", Fixture, NULL, fixture_set_up, test_board, fixture_tear_down);
  return g_test_run ();
}
