// SPDX-License-Identifier: GPL-3.0-or-later
/* test-store.c — key slots, wrong passwords, no plaintext, migrations, operators */
#include <glib/gstdio.h>
#include <string.h>

#include "civ-backup.h"
#include "civ-db-private.h"
#include "civ-test-utils.h"

static void
test_keyslots_roundtrip (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivKeyslots) slots = civ_keyslots_new ();
  g_autoptr (CivKeyslots) loaded = NULL;
  g_autoptr (CivSecret) key = civ_secret_new_random (CIV_DATA_KEY_LEN);
  g_autoptr (CivSecret) out = NULL;
  g_autofree char *dir = civ_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "keys", NULL);
  CivKdfParams     params;
  GStatBuf         st;

  civ_test_fast_kdf (&params);
  civ_keyslots_set_params (slots, &params);
  g_assert_true (civ_keyslots_set (slots, "alice", "Alice-password", key, &error));
  g_assert_no_error (error);
  g_assert_true (civ_keyslots_set (slots, "bob", "Bob-password", key, &error));
  g_assert_true (civ_keyslots_save (slots, path, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  loaded = civ_keyslots_load (path, &error);
  g_assert_no_error (error);
  out = civ_keyslots_unwrap (loaded, "bob", "Bob-password", &error);
  g_assert_no_error (error);
  g_assert_true (civ_secret_equal (out, key));

  /* A wrong password fails the GCM tag. */
  g_clear_pointer (&out, civ_secret_free);
  out = civ_keyslots_unwrap (loaded, "alice", "Bob-password", &error);
  g_assert_null (out);
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);

  /* A slot removed is gone. */
  g_assert_true (civ_keyslots_remove (loaded, "alice"));
  g_assert_false (civ_keyslots_has (loaded, "alice"));
  out = civ_keyslots_unwrap (loaded, "alice", "Alice-password", &error);
  g_assert_null (out);
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_WRONG_PASSWORD);

  civ_test_rmdir (dir);
}

static void
test_keyslots_bound_to_login (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivKeyslots) slots = civ_keyslots_new ();
  g_autoptr (CivKeyslots) loaded = NULL;
  g_autoptr (CivSecret) key = civ_secret_new_random (CIV_DATA_KEY_LEN);
  g_autoptr (CivSecret) out = NULL;
  g_autofree char *dir = civ_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "keys", NULL);
  g_autofree char *text = NULL;
  g_autofree char *swapped = NULL;
  CivKdfParams     params;

  civ_test_fast_kdf (&params);
  civ_keyslots_set_params (slots, &params);
  g_assert_true (civ_keyslots_set (slots, "alice", "Same-password", key, &error));
  g_assert_true (civ_keyslots_save (slots, path, &error));
  g_assert_no_error (error);

  /* Rename alice's slot to mallory: the login is bound into the GCM AAD,
   * so the same password must not open it under another name. */
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\"alice\""));
  {
    g_auto (GStrv) parts = g_strsplit (text, "\"alice\"", -1);
    swapped = g_strjoinv ("\"mallory\"", parts);
  }
  g_assert_true (g_file_set_contents (path, swapped, -1, NULL));
  loaded = civ_keyslots_load (path, &error);
  g_assert_no_error (error);
  out = civ_keyslots_unwrap (loaded, "mallory", "Same-password", &error);
  g_assert_null (out);
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_WRONG_PASSWORD);
  civ_test_rmdir (dir);
}

static void
test_keyslots_corrupt_file (void)
{
  const char *bad[] = {
    "",
    "not json",
    "{\"format\":\"civreg-keyslots\",\"version\":1}",
    "{\"format\":\"other\",\"version\":1,\"slots\":[]}",
    "{\"format\":\"civreg-keyslots\",\"version\":1,\"slots\":[{\"login\":\"a\",\"kdf\":"
    "\"argon2id\",\"t\":1,\"m\":999999999,\"p\":1,\"salt\":\"AAAAAAAAAAAAAAAAAAAAAA==\",\"nonce\":"
    "\"AAAAAAAAAAAAAAAA\",\"wrapped\":\"AAAA\"}]}",
  };
  g_autofree char *dir = civ_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "keys", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (CivKeyslots) slots = NULL;

      g_assert_true (g_file_set_contents (path, bad[i], -1, NULL));
      slots = civ_keyslots_load (path, &error);
      g_assert_null (slots);
      g_assert_nonnull (error);
    }
  civ_test_rmdir (dir);
}

static void
test_create_and_reopen (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *recovery = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, &recovery);
  g_autoptr (CivStore) again = NULL;
  g_autofree char   *name = NULL;
  const CivOperator *op;

  g_assert_true (civ_store_exists (dir));
  g_assert_nonnull (recovery);
  g_assert_cmpint (strlen (recovery), ==, 35); /* 6 groups of 5, 5 dashes */
  g_assert_cmpint (civ_db_get_schema_version (civ_store_get_db (store)), ==,
                   civ_db_get_latest_schema_version ());
  op = civ_store_get_operator (store);
  g_assert_cmpstr (op->login, ==, CIV_TEST_SUPERVISOR);
  g_assert_cmpint (op->role, ==, CIV_ROLE_SUPERVISOR);
  g_clear_object (&store);

  /* The office label is readable before login, and rewritten at login when missing. */
  {
    g_autofree char *peek_name = NULL;
    g_autofree char *peek_code = NULL;
    g_autofree char *ini = g_build_filename (dir, CIV_STORE_OFFICE_NAME, NULL);

    g_assert_true (civ_store_peek_office (dir, &peek_name, &peek_code));
    g_assert_cmpstr (peek_name, ==, "北京市东城区婚姻登记处");
    g_assert_cmpstr (peek_code, ==, "110101");
    g_assert_cmpint (g_unlink (ini), ==, 0);
    g_assert_false (civ_store_peek_office (dir, NULL, NULL));
  }
  again = civ_store_open (dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);
  g_assert_true (civ_store_peek_office (dir, NULL, NULL));
  g_assert_no_error (error);
  name = civ_store_get_office_name (again);
  g_assert_cmpstr (name, ==, "北京市东城区婚姻登记处");

  /* Creating twice in the same folder refuses and changes nothing. */
  {
    g_autoptr (CivStore) twice = civ_store_create (dir, "110101", "另一个登记处", "other", "Other",
                                                   "Other-password", NULL, NULL, &error);
    g_assert_null (twice);
    g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_EXISTS);
  }
  civ_test_rmdir (dir);
}

static void
test_create_validates (void)
{
  g_autofree char *dir = civ_test_mkdtemp ();
  struct
  {
    const char *code, *name, *login, *password;
  } cases[] = {
    { "11010", "登记处", "admin", "long-enough" },  /* code too short */
    { "11010A", "登记处", "admin", "long-enough" }, /* not digits */
    { "110101", "", "admin", "long-enough" },       /* no office name */
    { "110101", "登记处", "Admin", "long-enough" }, /* upper case login */
    { "110101", "登记处", "a", "long-enough" },     /* login too short */
    { "110101", "登记处", "admin", "short" },       /* password too short */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (CivStore) store =
        civ_store_create (dir, cases[i].code, cases[i].name, cases[i].login, "Name",
                          cases[i].password, NULL, NULL, &error);
      g_assert_null (store);
      g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID);
      g_assert_false (civ_store_exists (dir));
    }
  civ_test_rmdir (dir);
}

static gint64
audit_count (CivStore *store, const char *action)
{
  g_autoptr (GPtrArray) entries =
    civ_audit_list (civ_store_get_db (store), 0, 0, NULL, action, NULL);
  g_assert_nonnull (entries);
  return entries->len;
}

static void
test_wrong_password (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  g_autofree char *db_path = NULL;
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  g_autoptr (GBytes) keys_before = NULL;
  g_autoptr (GBytes) keys_after = NULL;
  g_autofree char *keys_path = NULL;

  g_clear_object (&store);
  db_path = g_build_filename (dir, CIV_STORE_DB_NAME, NULL);
  keys_path = g_build_filename (dir, CIV_STORE_KEYS_NAME, NULL);
  before = civ_test_read_file (db_path);
  keys_before = civ_test_read_file (keys_path);

  store = civ_store_open (dir, CIV_TEST_SUPERVISOR, "not-the-password", &error);
  g_assert_null (store);
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_WRONG_PASSWORD);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);

  store = civ_store_open (dir, "nobody", "Whatever-password", &error);
  g_assert_null (store);
  /* An unknown user gets the same words as a wrong password. */
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);

  /* Nothing changed: database and key slots are byte-identical. */
  after = civ_test_read_file (db_path);
  keys_after = civ_test_read_file (keys_path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_true (g_bytes_equal (keys_before, keys_after));

  /* The failed attempts reach the audit log at the next login. */
  store = civ_store_open (dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (audit_count (store, "login.failed"), ==, 2);
  {
    g_autofree char *journal = g_build_filename (dir, CIV_STORE_FAILED_NAME, NULL);
    g_autoptr (GBytes) left = civ_test_read_file (journal);

    /* Folded: the journal is emptied. */
    g_assert_cmpuint (g_bytes_get_size (left), ==, 0);
  }
  civ_test_rmdir (dir);
}

static void
test_no_plaintext (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  const char      *name = "欧阳娜娜测试姓名";
  const char      *idnum = "110101199003071233";
  g_autofree char *db_path = g_build_filename (dir, CIV_STORE_DB_NAME, NULL);
  g_autofree char *wal_path = g_strconcat (db_path, "-wal", NULL);
  g_autofree char *detail = g_strdup_printf ("{\"name\":\"%s\",\"id\":\"%s\"}", name, idnum);
  const char      *files[] = { db_path, wal_path };

  /* Write known names and numbers, keep the connection open so the WAL
   * still holds the pages, and grep both raw files. */
  for (int i = 0; i < 50; i++)
    {
      g_assert_true (civ_store_audit (store, "test.write", idnum, detail, &error));
      g_assert_no_error (error);
    }
  g_assert_true (civ_db_set_setting (civ_store_get_db (store), "probe", name, &error));
  g_assert_true (g_file_test (wal_path, G_FILE_TEST_EXISTS));

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autoptr (GBytes) raw = civ_test_read_file (files[f]);
      g_assert_cmpuint (g_bytes_get_size (raw), >, 0);
      g_assert_false (civ_test_bytes_contain (raw, name, strlen (name)));
      g_assert_false (civ_test_bytes_contain (raw, idnum, strlen (idnum)));
      g_assert_false (civ_test_bytes_contain (raw, "SQLite format 3", 15));
      g_assert_false (civ_test_bytes_contain (raw, "audit_log", 9));
    }

  /* The key-slot file holds no plaintext key material either. */
  {
    g_autofree char *keys_path = g_build_filename (dir, CIV_STORE_KEYS_NAME, NULL);
    g_autoptr (GBytes) keys = civ_test_read_file (keys_path);
    g_assert_false (
      civ_test_bytes_contain (keys, CIV_TEST_SUPERVISOR_PW, strlen (CIV_TEST_SUPERVISOR_PW)));
  }
  civ_test_rmdir (dir);
}

static void
test_pragmas_and_cipher (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  CivDb *db = civ_store_get_db (store);
  g_autoptr (sqlite3_stmt) mode = NULL;
  gint64 v = -1;

  mode = civ_db_prepare (db, "PRAGMA journal_mode", NULL);
  g_assert_cmpint (sqlite3_step (mode), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (mode, 0), ==, "wal");
  g_assert_true (civ_db_query_int64 (db, "PRAGMA synchronous", &v, NULL));
  g_assert_cmpint (v, ==, 2); /* FULL */
  g_assert_true (civ_db_query_int64 (db, "PRAGMA foreign_keys", &v, NULL));
  g_assert_cmpint (v, ==, 1);
  g_assert_true (civ_db_query_int64 (db, "PRAGMA cipher_page_size", &v, NULL));
  g_assert_cmpint (v, ==, CIV_DB_PAGE_SIZE);
  g_assert_cmpint (civ_db_get_page_size (db), ==, CIV_DB_PAGE_SIZE);
  {
    g_autoptr (sqlite3_stmt) ver = civ_db_prepare (db, "PRAGMA cipher_version", NULL);
    g_assert_cmpint (sqlite3_step (ver), ==, SQLITE_ROW);
    g_assert_nonnull (sqlite3_column_text (ver, 0));
  }
  {
    g_autoptr (sqlite3_stmt) ic = civ_db_prepare (db, "PRAGMA integrity_check", NULL);
    g_assert_cmpint (sqlite3_step (ic), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (ic, 0), ==, "ok");
  }
  civ_test_rmdir (dir);
}

static void
test_wrong_key_direct (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = civ_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "x.db", NULL);
  g_autoptr (CivSecret) k1 = civ_secret_new_random (CIV_DATA_KEY_LEN);
  g_autoptr (CivSecret) k2 = civ_secret_new_random (CIV_DATA_KEY_LEN);
  g_autoptr (CivDb) db = civ_db_open (path, k1, &error);
  g_autoptr (CivDb) other = NULL;

  g_assert_no_error (error);
  g_assert_true (civ_db_set_setting (db, "k", "v", &error));
  g_clear_object (&db);

  other = civ_db_open (path, k2, &error);
  g_assert_null (other);
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_WRONG_PASSWORD);
  civ_test_rmdir (dir);
}

/* A database as Civreg created it before 4 KiB pages: SQLCipher 3's
 * 1 KiB cipher pages, the other settings as now. */
static void
write_legacy_database (const char *path, const CivSecret *key)
{
  static const char hex[] = "0123456789abcdef";
  const guint8     *raw = civ_secret_peek (key);
  GString          *keyspec = g_string_new ("x'");
  sqlite3          *h = NULL;

  for (gsize i = 0; i < civ_secret_get_len (key); i++)
    {
      g_string_append_c (keyspec, hex[raw[i] >> 4]);
      g_string_append_c (keyspec, hex[raw[i] & 0xf]);
    }
  g_string_append_c (keyspec, '\'');
  g_assert_cmpint (sqlite3_open_v2 (path, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_key (h, keyspec->str, (int) keyspec->len), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (h,
                                 "PRAGMA cipher_compatibility = 3;"
                                 "PRAGMA cipher_page_size = 1024;"
                                 "PRAGMA kdf_iter = 64000;"
                                 "PRAGMA cipher_use_hmac = ON;"
                                 "CREATE TABLE legacy_probe (x); DROP TABLE legacy_probe;",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (h);
  g_string_free (keyspec, TRUE);
}

/* An office created with 1 KiB pages still opens (the page size is found
 * by trying), is migrated and written, and its backup copy keeps its page
 * size (SQLCipher copies only between equal page sizes); a wrong key is
 * still refused as one. */
static void
test_legacy_page_size (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = civ_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "legacy.db", NULL);
  g_autofree char *copy_path = g_build_filename (dir, "legacy-copy.db", NULL);
  g_autoptr (CivSecret) key = civ_secret_new_random (CIV_DATA_KEY_LEN);
  g_autoptr (CivSecret) other_key = civ_secret_new_random (CIV_DATA_KEY_LEN);
  g_autoptr (CivDb) db = NULL;
  g_autoptr (CivDb) copy = NULL;
  g_autoptr (CivDbCopy) job = NULL;
  g_autofree char *value = NULL;
  gboolean         done = FALSE;
  gint64           v = 0;

  write_legacy_database (path, key);
  db = civ_db_open (path, key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (civ_db_get_page_size (db), ==, CIV_DB_LEGACY_PAGE_SIZE);
  g_assert_true (civ_db_query_int64 (db, "PRAGMA cipher_page_size", &v, NULL));
  g_assert_cmpint (v, ==, CIV_DB_LEGACY_PAGE_SIZE);
  g_assert_cmpint (civ_db_get_schema_version (db), ==, civ_db_get_latest_schema_version ());
  g_assert_true (civ_db_set_setting (db, "k", "legacy", &error));
  g_assert_no_error (error);

  civ_db_set_owner (db, g_thread_self ());
  job = civ_db_copy_new (db, copy_path, key, &error);
  g_assert_no_error (error);
  while (!done)
    g_assert_true (civ_db_copy_step (job, 100, &done, &error));
  g_assert_no_error (error);
  g_clear_pointer (&job, civ_db_copy_free);
  g_clear_object (&db);

  copy = civ_db_open_copy (copy_path, key, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (civ_db_get_page_size (copy), ==, CIV_DB_LEGACY_PAGE_SIZE);
  value = civ_db_get_setting (copy, "k");
  g_assert_cmpstr (value, ==, "legacy");
  g_clear_object (&copy);

  db = civ_db_open (path, other_key, &error);
  g_assert_null (db);
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_WRONG_PASSWORD);
  civ_test_rmdir (dir);
}

static void
test_migrations (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = civ_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "m.db", NULL);
  g_autoptr (CivSecret) key = civ_secret_new_random (CIV_DATA_KEY_LEN);
  g_autoptr (CivDb) db = civ_db_open (path, key, &error);
  int    latest = civ_db_get_latest_schema_version ();
  gint64 n = 0;

  g_assert_no_error (error);
  g_assert_cmpint (latest, >=, 1);
  g_assert_cmpint (civ_db_get_schema_version (db), ==, latest);
  g_assert_true (civ_db_query_int64 (db,
                                     "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
                                     "name = 'audit_log'",
                                     &n, NULL));
  g_assert_cmpint (n, ==, 1);
  g_clear_object (&db);

  /* Reopening applies nothing again. */
  db = civ_db_open (path, key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (civ_db_get_schema_version (db), ==, latest);

  /* A database from a newer Civreg is refused, not silently used. */
  {
    g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", latest + 1);
    g_assert_true (civ_db_exec (db, bump, &error));
  }
  g_clear_object (&db);
  db = civ_db_open (path, key, &error);
  g_assert_null (db);
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_TOO_NEW);
  civ_test_rmdir (dir);
}

/* An office of the Civreg before adoption (schema 11), with a certificate
 * counter and a document, upgraded: 0012 rebuilds both tables; nothing is
 * lost and the documents stay append-only. */
static void
test_upgrade_from_11 (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = civ_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "u.db", NULL);
  g_autoptr (CivSecret) key = civ_secret_new_random (CIV_DATA_KEY_LEN);
  g_autoptr (CivDb) db = _civ_db_open_at_version (path, key, 11, &error);
  g_autofree char *record_id = NULL;
  g_autofree char *sql = NULL;
  gint64           n = 0;

  g_assert_no_error (error);
  g_assert_cmpint (civ_db_get_schema_version (db), ==, 11);
  record_id = civ_test_insert_marriage (db);
  g_assert_true (civ_db_exec (db,
                              "INSERT INTO certificate_counters (prefix, office_code, year, "
                              "last_serial) VALUES ('J', '110101', 2026, 7)",
                              &error));
  g_assert_no_error (error);
  sql =
    g_strdup_printf ("INSERT INTO documents (record_id, kind, file_name, media_type, byte_size, "
                     "sha256, content, created_by, created_at) VALUES ('%s', 'declaration', "
                     "'d.pdf', 'application/pdf', 4, '%064d', x'25504446', 'clerk', "
                     "'2026-01-02T10:00:00Z')",
                     record_id, 0);
  g_assert_true (civ_db_exec (db, sql, &error));
  g_assert_no_error (error);
  g_clear_object (&db);

  db = civ_db_open (path, key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (civ_db_get_schema_version (db), ==, civ_db_get_latest_schema_version ());
  g_assert_true (civ_db_query_int64 (db,
                                     "SELECT last_serial FROM certificate_counters WHERE prefix = "
                                     "'J' AND office_code = '110101' AND year = 2026",
                                     &n, &error));
  g_assert_cmpint (n, ==, 7);
  g_assert_true (civ_db_query_int64 (db,
                                     "SELECT count(*) FROM documents WHERE kind = 'declaration' "
                                     "AND content = x'25504446'",
                                     &n, &error));
  g_assert_cmpint (n, ==, 1);
  /* Still append-only after the rebuild. */
  g_assert_false (civ_db_exec (db, "DELETE FROM documents", &error));
  g_clear_error (&error);
  g_assert_false (civ_db_exec (db, "UPDATE documents SET file_name = 'x.pdf'", &error));
  g_clear_error (&error);
  g_assert_true (civ_db_exec (db,
                              "INSERT INTO certificate_counters (prefix, office_code, year, "
                              "last_serial) VALUES ('SY', '110101', 2026, 1)",
                              &error));
  g_assert_no_error (error);
  {
    g_autoptr (sqlite3_stmt) check = civ_db_prepare (db, "PRAGMA integrity_check", &error);

    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_step (check), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (check, 0), ==, "ok");
  }
  g_clear_object (&db);
  civ_test_rmdir (dir);
}

static void
test_operators (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  g_autoptr (CivStore) as_clerk = NULL;
  g_autoptr (GPtrArray) ops = NULL;

  g_assert_true (
    civ_store_add_operator (store, "li.si", "李四", CIV_ROLE_REGISTRAR, "Registrar-pw", &error));
  g_assert_no_error (error);

  /* Duplicates, bad names, short passwords and unknown roles change nothing. */
  g_assert_false (
    civ_store_add_operator (store, "li.si", "李四", CIV_ROLE_REGISTRAR, "Registrar-pw", &error));
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (
    civ_store_add_operator (store, "Bad Name", "x", CIV_ROLE_REGISTRAR, "Registrar-pw", &error));
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (civ_store_add_operator (store, "wang", "x", CIV_ROLE_REGISTRAR, "short", &error));
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (
    civ_store_add_operator (store, "wang", "x", (CivRole) 42, "Long-password", &error));
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID);
  g_clear_error (&error);

  ops = civ_store_list_operators (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ops->len, ==, 2);

  /* The new operator can log in with their own password. */
  as_clerk = civ_store_open (dir, "li.si", "Registrar-pw", &error);
  g_assert_no_error (error);
  g_assert_cmpint (civ_store_get_operator (as_clerk)->role, ==, CIV_ROLE_REGISTRAR);
  g_clear_object (&as_clerk);

  /* Password change re-wraps the slot: the old password stops working. */
  g_assert_true (civ_store_set_password (store, "li.si", "New-registrar-pw", &error));
  g_assert_no_error (error);
  as_clerk = civ_store_open (dir, "li.si", "Registrar-pw", &error);
  g_assert_null (as_clerk);
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  as_clerk = civ_store_open (dir, "li.si", "New-registrar-pw", &error);
  g_assert_no_error (error);
  g_clear_object (&as_clerk);

  /* Disable removes the slot and refuses login. */
  g_assert_true (civ_store_disable_operator (store, "li.si", &error));
  g_assert_no_error (error);
  as_clerk = civ_store_open (dir, "li.si", "New-registrar-pw", &error);
  g_assert_null (as_clerk);
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* The last supervisor, and oneself, cannot be disabled. */
  g_assert_false (civ_store_disable_operator (store, CIV_TEST_SUPERVISOR, &error));
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpint (audit_count (store, "operator.add"), ==, 1);
  g_assert_cmpint (audit_count (store, "operator.passwd"), ==, 1);
  g_assert_cmpint (audit_count (store, "operator.disable"), ==, 1);
  civ_test_rmdir (dir);
}

static void
test_lock_unlock (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);

  g_assert_false (civ_store_is_locked (store));
  civ_store_lock (store);
  g_assert_true (civ_store_is_locked (store));
  g_assert_null (civ_store_get_db (store));
  /* Locked: nothing can be read. */
  g_assert_null (civ_store_list_operators (store, &error));
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_PERMISSION);
  g_clear_error (&error);

  g_assert_false (civ_store_unlock (store, "wrong-password", &error));
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  g_assert_true (civ_store_is_locked (store));

  g_assert_true (civ_store_unlock (store, CIV_TEST_SUPERVISOR_PW, &error));
  g_assert_no_error (error);
  g_assert_false (civ_store_is_locked (store));
  g_assert_cmpint (audit_count (store, "lock"), ==, 1);
  g_assert_cmpint (audit_count (store, "unlock"), ==, 1);
  /* The wrong password at the lock screen is its own action. */
  g_assert_cmpint (audit_count (store, "session.unlock-failed"), ==, 1);
  g_assert_cmpint (audit_count (store, "login.failed"), ==, 0);
  civ_test_rmdir (dir);
}

static void
test_recovery (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *code = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, &code);
  g_autoptr (CivStore) recovered = NULL;
  g_autofree char *sloppy = NULL;

  g_assert_true (
    civ_store_add_operator (store, "clerk", "Clerk", CIV_ROLE_REGISTRAR, "Clerk-password", &error));
  g_clear_object (&store);

  /* A wrong code is refused. */
  recovered = civ_store_recover (dir, "00000-00000-00000-00000-00000-00000", CIV_TEST_SUPERVISOR,
                                 "Brand-new-password", &error);
  g_assert_null (recovered);
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);

  /* The code resets only supervisors; on another account it is refused in
   * the same words as a wrong code, and audited (issue 12, item 8). */
  recovered = civ_store_recover (dir, code, "clerk", "Brand-new-password", &error);
  g_assert_null (recovered);
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  recovered = civ_store_recover (dir, code, "nobody", "Brand-new-password", &error);
  g_assert_null (recovered);
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);

  /* Lower case and without dashes is accepted. */
  sloppy = g_ascii_strdown (code, -1);
  {
    g_auto (GStrv) parts = g_strsplit (sloppy, "-", -1);
    g_free (sloppy);
    sloppy = g_strjoinv (" ", parts);
  }
  recovered = civ_store_recover (dir, sloppy, CIV_TEST_SUPERVISOR, "Brand-new-password", &error);
  g_assert_no_error (error);
  g_assert_nonnull (recovered);
  g_clear_object (&recovered);

  store = civ_store_open (dir, CIV_TEST_SUPERVISOR, "Brand-new-password", &error);
  g_assert_no_error (error);
  g_assert_cmpint (audit_count (store, "operator.recover"), ==, 1);
  g_assert_cmpint (audit_count (store, "recovery.wrong-account"), ==, 2);
  /* The recovery slot is not a login. */
  {
    g_autoptr (CivStore) bad = civ_store_open (dir, CIV_RECOVERY_SLOT, code, &error);
    g_assert_null (bad);
    g_assert_nonnull (error);
  }
  civ_test_rmdir (dir);
}

/* Tries to open @dir as the supervisor: refused as damage, never as a
 * failed login (nothing noted for the audit log), the database untouched. */
static void
assert_damaged (const char *dir, const char *db, gint64 size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store =
    civ_store_open (dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);
  g_autofree char *failed = g_build_filename (dir, CIV_STORE_FAILED_NAME, NULL);
  GStatBuf         st;

  g_assert_null (store);
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_DAMAGED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "Nothing was changed"));
  g_assert_false (g_file_test (failed, G_FILE_TEST_EXISTS));
  if (size < 0)
    g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
  else
    {
      g_assert_cmpint (g_stat (db, &st), ==, 0);
      g_assert_cmpint (st.st_size, ==, size);
    }
  g_clear_error (&error);
  /* The recovery code is refused the same way. */
  g_assert_null (
    civ_store_recover (dir, "AAAA-BBBB", CIV_TEST_SUPERVISOR, "New-password-1", &error));
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_DAMAGED);
}

/* A missing, empty or cut database beside its key slots is damage: it is
 * never given a new schema, never read as a wrong password, and the folder
 * still holds an office (set-up refuses to overwrite it). Put back, it opens. */
static void
test_damaged_database (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *contents = NULL;
  gsize            len = 0;
  g_autoptr (GError) error = NULL;

  g_clear_object (&(CivStore *){ civ_test_new_office (&dir, NULL) });
  db = g_build_filename (dir, CIV_STORE_DB_NAME, NULL);
  copy = g_build_filename (dir, "copy.db", NULL);
  g_assert_true (g_file_get_contents (db, &contents, &len, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (len % 512, ==, 0);

  /* Empty: the reported case (it became an 88 KB new office). */
  g_assert_true (g_file_set_contents (db, "", 0, &error));
  assert_damaged (dir, db, 0);
  /* Cut in the middle of a page. */
  g_assert_true (g_file_set_contents (db, contents, 1000, &error));
  assert_damaged (dir, db, 1000);
  /* Gone: the folder still holds an office, set-up does not overwrite it. */
  g_assert_cmpint (g_remove (db), ==, 0);
  assert_damaged (dir, db, -1);
  g_assert_true (civ_store_exists (dir));
  g_assert_null (civ_store_create (dir, "110101", "东城区", "admin2", "Name", "Another-password-1",
                                   NULL, NULL, &error));
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));

  /* Put back, it opens as before. */
  g_assert_true (g_file_set_contents (db, contents, (gssize) len, &error));
  {
    g_autoptr (CivStore) store =
      civ_store_open (dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);
    g_assert_no_error (error);
    g_assert_nonnull (store);
  }
  civ_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/db/keyslots/roundtrip", test_keyslots_roundtrip);
  g_test_add_func ("/db/keyslots/bound-to-login", test_keyslots_bound_to_login);
  g_test_add_func ("/db/keyslots/corrupt-file", test_keyslots_corrupt_file);
  g_test_add_func ("/db/store/create-and-reopen", test_create_and_reopen);
  g_test_add_func ("/db/store/create-validates", test_create_validates);
  g_test_add_func ("/db/store/wrong-password", test_wrong_password);
  g_test_add_func ("/db/store/no-plaintext", test_no_plaintext);
  g_test_add_func ("/db/store/pragmas-and-cipher", test_pragmas_and_cipher);
  g_test_add_func ("/db/store/wrong-key", test_wrong_key_direct);
  g_test_add_func ("/db/store/legacy-page-size", test_legacy_page_size);
  g_test_add_func ("/db/store/migrations", test_migrations);
  g_test_add_func ("/db/store/upgrade-from-11", test_upgrade_from_11);
  g_test_add_func ("/db/store/operators", test_operators);
  g_test_add_func ("/db/store/lock-unlock", test_lock_unlock);
  g_test_add_func ("/db/store/recovery", test_recovery);
  g_test_add_func ("/db/store/damaged-database", test_damaged_database);
  return g_test_run ();
}
