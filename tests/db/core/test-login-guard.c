// SPDX-License-Identifier: GPL-3.0-or-later
/* test-login-guard.c — failed logins on real SQLCipher files (issue 12,
 * items 4, 5, 6, 7 and the rollback mark): a login locks after five
 * failures and the right password does not open it until the lock ends or a
 * supervisor lifts it; a busy database is never a failed login; the journal
 * keeps no login in clear and folds only lines that verify; a password is
 * not reused; an older copy of the database is noticed at login. */
#include <glib/gstdio.h>
#include <string.h>

#include "civ-keyslots.h"
#include "civ-login-guard-private.h"
#include "civ-login-guard.h"
#include "civ-test-utils.h"

static guint
audit_count (CivStore *store, const char *action)
{
  g_autoptr (GPtrArray) entries =
    civ_audit_list (civ_store_get_db (store), 0, 0, NULL, action, NULL);
  guint n = 0;

  g_assert_nonnull (entries);
  /* Exactly @action, not the actions it is a prefix of. */
  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (((CivAuditEntry *) g_ptr_array_index (entries, i))->action, action) == 0)
      n++;
  return n;
}

/* The newest entry of @action. */
static CivAuditEntry *
last_entry (CivStore *store, const char *action)
{
  g_autoptr (GPtrArray) entries =
    civ_audit_list (civ_store_get_db (store), 0, 0, NULL, action, NULL);

  g_assert_nonnull (entries);
  g_assert_cmpuint (entries->len, >, 0);
  return g_steal_pointer (&g_ptr_array_index (entries, 0));
}

static void
fail_login (const char *dir, const char *login, GQuark domain, int code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = civ_store_open (dir, login, "Not-the-pw-1", &error);

  g_assert_null (store);
  g_assert_error (error, domain, code);
}

static char *
journal_text (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, CIV_STORE_FAILED_NAME, NULL);
  char            *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return g_strdup ("");
  return text;
}

static void
test_lockout (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  g_autoptr (CivStore) clerk = NULL;
  g_autoptr (CivAuditEntry) locked = NULL;
  gint64 now = 1700000000;
  gint64 until = 0;
  gint64 second_until = 0;

  _civ_login_guard_set_now (now);
  civ_test_add_operator (store, "clerk", "王登记", CIV_ROLE_REGISTRAR, "Clerk-password");
  g_clear_object (&store);

  /* Four failures: the right password still works, and resets the count. */
  for (int i = 0; i < 4; i++)
    fail_login (dir, "clerk", CIV_DB_ERROR, CIV_DB_ERROR_WRONG_PASSWORD);
  clerk = civ_store_open (dir, "clerk", "Clerk-password", &error);
  g_assert_no_error (error);
  g_clear_object (&clerk);

  /* Five in a row lock the login: the right password is refused. */
  for (int i = 0; i < 5; i++)
    fail_login (dir, "clerk", CIV_DB_ERROR, CIV_DB_ERROR_WRONG_PASSWORD);
  g_assert_true (civ_store_login_locked_until (dir, "clerk", &until));
  g_assert_cmpint (until, ==, now + 15 * 60);
  clerk = civ_store_open (dir, "clerk", "Clerk-password", &error);
  g_assert_null (clerk);
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_LOCKED_OUT);
  g_clear_error (&error);

  /* An unknown login locks the same way: nothing tells it apart. */
  for (int i = 0; i < 5; i++)
    fail_login (dir, "nobody", CIV_DB_ERROR, CIV_DB_ERROR_WRONG_PASSWORD);
  fail_login (dir, "nobody", CIV_DB_ERROR, CIV_DB_ERROR_LOCKED_OUT);

  /* Another user is not affected; the supervisor lifts the lock. */
  store = civ_store_open (dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit_count (store, "login.locked-out"), ==, 2);
  locked = last_entry (store, "login.locked-out");
  g_assert_nonnull (strstr (locked->detail, "\"recorded\":\"while-locked\""));
  g_assert_false (civ_store_unlock_login (store, CIV_TEST_SUPERVISOR, &error));
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (civ_store_unlock_login (store, "clerk", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (audit_count (store, "user.unlocked"), ==, 1);
  g_clear_object (&store);
  clerk = civ_store_open (dir, "clerk", "Clerk-password", &error);
  g_assert_no_error (error);
  g_clear_object (&clerk);

  /* A lock ends by itself; the next one lasts twice as long. */
  fail_login (dir, "nobody", CIV_DB_ERROR, CIV_DB_ERROR_LOCKED_OUT);
  now += 15 * 60 + 1;
  _civ_login_guard_set_now (now);
  for (int i = 0; i < 5; i++)
    fail_login (dir, "nobody", CIV_DB_ERROR, CIV_DB_ERROR_WRONG_PASSWORD);
  g_assert_true (civ_store_login_locked_until (dir, "nobody", &second_until));
  g_assert_cmpint (second_until, ==, now + 30 * 60);

  _civ_login_guard_set_now (0);
  civ_test_rmdir (dir);
}

/* The lock screen counts too: five wrong passwords there lock the login. */
static void
test_lockout_unlock_screen (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);

  civ_store_lock (store);
  for (int i = 0; i < 5; i++)
    {
      g_assert_false (civ_store_unlock (store, "Not-the-pw-1", &error));
      g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_WRONG_PASSWORD);
      g_clear_error (&error);
    }
  g_assert_false (civ_store_unlock (store, CIV_TEST_SUPERVISOR_PW, &error));
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_LOCKED_OUT);
  g_assert_true (civ_store_is_locked (store));
  civ_test_rmdir (dir);
}

/* A database held by another writer is busy, not a wrong password: the
 * attempt is neither journalled nor counted (issue 12, item 4). */
static void
test_busy_is_not_a_failed_login (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  g_autofree char *keys = g_build_filename (dir, CIV_STORE_KEYS_NAME, NULL);
  g_autofree char *db_path = g_build_filename (dir, CIV_STORE_DB_NAME, NULL);
  g_autofree char *journal = NULL;
  g_autoptr (CivKeyslots) slots = NULL;
  g_autoptr (CivSecret) key = NULL;
  g_autoptr (CivDb) holder = NULL;

  g_clear_object (&store);
  slots = civ_keyslots_load (keys, &error);
  g_assert_no_error (error);
  key = civ_keyslots_unwrap (slots, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);
  g_assert_no_error (error);
  holder = civ_db_open (db_path, key, &error);
  g_assert_no_error (error);
  g_assert_true (civ_db_begin (holder, &error));

  store = civ_store_open (dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);
  g_assert_null (store);
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_SQLITE);
  g_assert_cmpint (civ_db_error_get_sqlite_code (error) & 0xff, ==, SQLITE_BUSY);
  g_clear_error (&error);
  journal = journal_text (dir);
  g_assert_cmpstr (journal, ==, "");
  g_assert_false (civ_store_login_locked_until (dir, CIV_TEST_SUPERVISOR, NULL));

  civ_db_rollback (holder);
  civ_db_close (holder);
  store = civ_store_open (dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit_count (store, "login.failed"), ==, 0);
  civ_test_rmdir (dir);
}

/* The journal keeps a keyed hash of the login typed, never the login; a
 * line that does not verify is counted, never folded (issue 12, item 7). */
static void
test_journal (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  g_autofree char *path = g_build_filename (dir, CIV_STORE_FAILED_NAME, NULL);
  g_autofree char *text = NULL;
  g_autoptr (GPtrArray) failed = NULL;
  g_autoptr (CivAuditEntry) invalid = NULL;
  const char *typed = "My-Secret-Pass1";
  FILE       *f;

  g_clear_object (&store);
  /* A password typed into the name field, and a wrong admin password. */
  fail_login (dir, typed, CIV_DB_ERROR, CIV_DB_ERROR_WRONG_PASSWORD);
  fail_login (dir, CIV_TEST_SUPERVISOR, CIV_DB_ERROR, CIV_DB_ERROR_WRONG_PASSWORD);
  text = journal_text (dir);
  g_assert_null (strstr (text, typed));
  g_assert_null (strstr (text, "My-Secret"));

  /* Forged lines: the old format, and a new one with a made-up MAC. */
  f = g_fopen (path, "a");
  g_assert_nonnull (f);
  fputs ("2020-01-01T00:00:00Z\tmallory\twrong-password\n", f);
  fputs ("v2\t2020-01-01T00:00:00Z\t0123456789abcdef0123456789abcdef\twrong-password\t\t"
         "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n",
         f);
  fclose (f);

  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "*do not verify*");
  store = civ_store_open (dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  failed = civ_audit_list (civ_store_get_db (store), 0, 0, NULL, "login.failed", NULL);
  g_assert_cmpuint (failed->len, ==, 2);
  for (guint i = 0; i < failed->len; i++)
    {
      CivAuditEntry *e = g_ptr_array_index (failed, i);

      g_assert_null (strstr (e->detail, typed));
      g_assert_null (strstr (e->actor, "mallory"));
      g_assert_nonnull (strstr (e->detail, "\"recorded\":\"while-locked\""));
      g_assert_cmpstr (e->object, !=, "mallory");
    }
  /* Newest first: the admin's attempt matches the admin, the other none. */
  g_assert_nonnull (strstr (((CivAuditEntry *) g_ptr_array_index (failed, 0))->detail,
                            "\"login_match\":\"admin\""));
  g_assert_nonnull (strstr (((CivAuditEntry *) g_ptr_array_index (failed, 1))->detail,
                            "\"login_match\":\"unknown\""));
  g_assert_cmpuint (audit_count (store, "login.journal-invalid"), ==, 1);
  invalid = last_entry (store, "login.journal-invalid");
  g_assert_nonnull (strstr (invalid->detail, "\"count\":\"2\""));
  g_assert_true (civ_audit_verify (civ_store_get_db (store), NULL, NULL, &error));
  civ_test_rmdir (dir);
}

/* The last five passwords and the current one are refused (issue 12, item 6). */
static void
test_password_history (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  const char *pw[] = { "First-pw-01",  "Second-pw-02", "Third-pw-03",
                       "Fourth-pw-04", "Fifth-pw-05",  "Sixth-pw-06" };
  gint64      set_at = 0;

  g_assert_false (
    civ_store_set_password (store, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error));
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_PASSWORD_REUSED);
  g_clear_error (&error);
  for (guint i = 0; i < G_N_ELEMENTS (pw); i++)
    {
      g_assert_true (civ_store_set_password (store, CIV_TEST_SUPERVISOR, pw[i], &error));
      g_assert_no_error (error);
    }
  /* The second is one of the last five; the first and the set-up one are older. */
  g_assert_false (civ_store_set_password (store, CIV_TEST_SUPERVISOR, pw[1], &error));
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_PASSWORD_REUSED);
  g_clear_error (&error);
  g_assert_true (civ_store_set_password (store, CIV_TEST_SUPERVISOR, pw[0], &error));
  g_assert_no_error (error);
  /* Verifiers only: no password is stored in the history. */
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM password_history WHERE login = "
                                          "'admin' AND length (verifier) = 32"),
                   ==, 8);
  g_assert_true (civ_store_get_password_set_at (store, CIV_TEST_SUPERVISOR, &set_at, &error));
  g_assert_cmpint (set_at, >, 0);
  civ_test_rmdir (dir);
}

static void
copy_file (const char *from, const char *to)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize            len = 0;

  g_assert_true (g_file_get_contents (from, &contents, &len, &error));
  g_assert_true (
    g_file_set_contents_full (to, contents, len, G_FILE_SET_CONTENTS_NONE, 0600, &error));
  g_assert_no_error (error);
}

/* An older copy of the database put back is noticed at the next login:
 * the key-slot file remembers the highest audit sequence seen. */
static void
test_rollback (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  g_autofree char *db_path = g_build_filename (dir, CIV_STORE_DB_NAME, NULL);
  g_autofree char *old_path = g_build_filename (dir, "old.db", NULL);
  g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);
  g_autoptr (CivAuditEntry) warning = NULL;
  g_autofree char *recorded_text = NULL;
  g_autofree char *found_text = NULL;
  gint64           recorded = 0, found = 0;

  g_clear_object (&store);
  copy_file (db_path, old_path);

  store = civ_store_open (dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);
  g_assert_no_error (error);
  g_assert_false (civ_store_get_rollback (store, &recorded, &found));
  civ_test_add_operator (store, "clerk", "王登记", CIV_ROLE_REGISTRAR, "Clerk-password");
  civ_store_lock (store);
  g_assert_true (civ_store_unlock (store, CIV_TEST_SUPERVISOR_PW, &error));
  g_clear_object (&store);

  /* The old copy goes back. */
  copy_file (old_path, db_path);
  g_unlink (wal);
  g_unlink (shm);
  store = civ_store_open (dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);
  g_assert_no_error (error);
  g_assert_true (civ_store_get_rollback (store, &recorded, &found));
  g_assert_cmpint (recorded, >, found);
  g_assert_cmpint (found, >, 0);
  warning = last_entry (store, "audit.rollback-suspected");
  recorded_text = g_strdup_printf ("\"recorded\":\"%" G_GINT64_FORMAT "\"", recorded);
  found_text = g_strdup_printf ("\"found\":\"%" G_GINT64_FORMAT "\"", found);
  g_assert_nonnull (strstr (warning->detail, recorded_text));
  g_assert_nonnull (strstr (warning->detail, found_text));
  g_clear_object (&store);

  /* Said once: the next login finds the mark in step. */
  store = civ_store_open (dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);
  g_assert_no_error (error);
  g_assert_false (civ_store_get_rollback (store, &recorded, &found));
  civ_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/db/login-guard/lockout", test_lockout);
  g_test_add_func ("/db/login-guard/lockout-unlock-screen", test_lockout_unlock_screen);
  g_test_add_func ("/db/login-guard/busy-is-not-a-failed-login", test_busy_is_not_a_failed_login);
  g_test_add_func ("/db/login-guard/journal", test_journal);
  g_test_add_func ("/db/login-guard/password-history", test_password_history);
  g_test_add_func ("/db/login-guard/rollback", test_rollback);
  return g_test_run ();
}
