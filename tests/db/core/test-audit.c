// SPDX-License-Identifier: GPL-3.0-or-later
/* test-audit.c — the hash chain: append-only, verifiable, tamper-evident */
#include <string.h>

#include "civ-test-utils.h"

static CivStore *
office_with_entries (char **dir, guint n)
{
  g_autoptr (GError) error = NULL;
  CivStore *store = civ_test_new_office (dir, NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *object = g_strdup_printf ("record-%u", i);
      g_assert_true (civ_store_audit (store, "test.entry", object, "{\"k\":\"v\"}", &error));
      g_assert_no_error (error);
    }
  return store;
}

static void
test_chain_intact (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = office_with_entries (&dir, 20);
  gint64           checked = 0, broken = -1;
  gint64           seq = 0;
  g_autofree char *head = NULL;

  g_assert_true (civ_audit_verify (civ_store_get_db (store), &checked, &broken, &error));
  g_assert_no_error (error);
  g_assert_cmpint (broken, ==, 0);
  /* office.create + 20 entries */
  g_assert_cmpint (checked, ==, 21);

  g_assert_true (civ_audit_head (civ_store_get_db (store), &seq, &head, &error));
  g_assert_cmpint (seq, ==, 21);
  g_assert_cmpint (strlen (head), ==, 64);
  civ_test_rmdir (dir);
}

static void
test_triggers_block_changes (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = office_with_entries (&dir, 3);
  CivDb *db = civ_store_get_db (store);

  g_assert_false (civ_db_exec (db, "UPDATE audit_log SET actor = 'mallory' WHERE seq = 2", &error));
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_SQLITE);
  /* The trigger's RAISE(ABORT), as SQLite's extended code on the error. */
  g_assert_cmpint (civ_db_error_get_sqlite_code (error), ==, SQLITE_CONSTRAINT_TRIGGER);
  g_clear_error (&error);
  g_assert_false (civ_db_exec (db, "DELETE FROM audit_log WHERE seq = 3", &error));
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_SQLITE);
  g_assert_cmpint (civ_db_error_get_sqlite_code (error), ==, SQLITE_CONSTRAINT_TRIGGER);
  g_clear_error (&error);
  /* A statement that does not prepare carries its own code. */
  {
    g_autoptr (sqlite3_stmt) stmt = civ_db_prepare (db, "SELECT * FROM no_such_table", &error);

    g_assert_null (stmt);
    g_assert_cmpint (civ_db_error_get_sqlite_code (error), ==, SQLITE_ERROR);
    g_clear_error (&error);
  }
  g_assert_true (civ_audit_verify (db, NULL, NULL, &error));
  civ_test_rmdir (dir);
}

/* An attacker who has the key can drop the triggers; the chain still tells. */
static void
tamper_and_expect (const char *sql, gint64 expect_broken)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = office_with_entries (&dir, 10);
  CivDb *db = civ_store_get_db (store);
  gint64 broken = 0;

  g_assert_true (civ_db_exec (db,
                              "DROP TRIGGER audit_log_no_update;"
                              "DROP TRIGGER audit_log_no_delete;",
                              &error));
  g_assert_true (civ_db_exec (db, sql, &error));
  g_assert_no_error (error);
  g_assert_false (civ_audit_verify (db, NULL, &broken, &error));
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_CORRUPT);
  g_assert_cmpint (broken, ==, expect_broken);
  civ_test_rmdir (dir);
}

static void
test_tamper_field (void)
{
  tamper_and_expect ("UPDATE audit_log SET object = 'record-x' WHERE seq = 5", 5);
}

static void
test_tamper_rehash_one (void)
{
  /* Rewriting an entry and its own hash breaks the link of the next one. */
  tamper_and_expect ("UPDATE audit_log SET actor = 'mallory', hash = zeroblob(32) WHERE seq = 7",
                     7);
}

static void
test_tamper_delete_middle (void)
{
  tamper_and_expect ("DELETE FROM audit_log WHERE seq = 4", 4);
}

static void
test_tamper_delete_first (void)
{
  tamper_and_expect ("DELETE FROM audit_log WHERE seq = 1", 1);
}

static void
test_list_filters (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = office_with_entries (&dir, 5);
  g_autoptr (GPtrArray) all = civ_audit_list (civ_store_get_db (store), 0, 0, NULL, NULL, &error);
  g_autoptr (GPtrArray) page = NULL;
  g_autoptr (GPtrArray) tests = NULL;
  g_autoptr (GPtrArray) none = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 6);
  /* Newest first. */
  g_assert_cmpint (((CivAuditEntry *) g_ptr_array_index (all, 0))->seq, ==, 6);

  page = civ_audit_list (civ_store_get_db (store), 4, 2, NULL, NULL, &error);
  g_assert_cmpuint (page->len, ==, 2);
  g_assert_cmpint (((CivAuditEntry *) g_ptr_array_index (page, 0))->seq, ==, 3);

  tests = civ_audit_list (civ_store_get_db (store), 0, 0, CIV_TEST_SUPERVISOR, "test.", &error);
  g_assert_cmpuint (tests->len, ==, 5);
  /* LIKE wildcards in the prefix are literal. */
  none = civ_audit_list (civ_store_get_db (store), 0, 0, NULL, "test%", &error);
  g_assert_cmpuint (none->len, ==, 0);
  civ_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/db/audit/chain-intact", test_chain_intact);
  g_test_add_func ("/db/audit/triggers-block-changes", test_triggers_block_changes);
  g_test_add_func ("/db/audit/tamper-field", test_tamper_field);
  g_test_add_func ("/db/audit/tamper-rehash-one", test_tamper_rehash_one);
  g_test_add_func ("/db/audit/tamper-delete-middle", test_tamper_delete_middle);
  g_test_add_func ("/db/audit/tamper-delete-first", test_tamper_delete_first);
  g_test_add_func ("/db/audit/list-filters", test_list_filters);
  return g_test_run ();
}
