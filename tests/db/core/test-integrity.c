// SPDX-License-Identifier: GPL-3.0-or-later
/* test-integrity.c — damage is found, named by table, and never read as a
 * wrong password (issue 12, item 2), on real SQLCipher files */
#include <glib/gstdio.h>
#include <string.h>

#include "civ-integrity.h"
#include "civ-test-utils.h"

#define PAGE CIV_DB_PAGE_SIZE

/* An office with a marriage record and a few documents, closed. */
static char *
office_with_data (void)
{
  char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  CivDb           *db = civ_store_get_db (store);
  g_autofree char *record = civ_test_insert_marriage (db);
  g_autoptr (GError) error = NULL;

  for (int i = 0; i < 40; i++)
    {
      g_autoptr (sqlite3_stmt) stmt = civ_db_prepare (
        db,
        "INSERT INTO documents (record_id, kind, file_name, media_type, byte_size, sha256, "
        "content, created_by, created_at) VALUES (?, 'other', 'scan.png', 'image/png', 600, "
        "printf('%064d', ?), zeroblob(600), 'admin', '2024-01-10T09:00:00Z')",
        &error);
      g_assert_no_error (error);
      sqlite3_bind_text (stmt, 1, record, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, i);
      g_assert_true (civ_db_step_done (db, stmt, &error));
      g_assert_no_error (error);
    }
  /* Everything into the main file: the test damages that file. */
  g_assert_true (civ_db_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", &error));
  return dir;
}

static gint64
root_page (const char *dir, const char *table)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store =
    civ_store_open (dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  gint64 page = 0;

  g_assert_no_error (error);
  stmt = civ_db_prepare (civ_store_get_db (store),
                         "SELECT rootpage FROM sqlite_master WHERE name = ?", &error);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  page = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_assert_true (civ_db_exec (civ_store_get_db (store), "PRAGMA wal_checkpoint(TRUNCATE)", &error));
  return page;
}

/* Flips @n bytes of @dir's database at @offset. */
static void
flip (const char *dir, gsize offset, gsize n)
{
  g_autofree char *db = g_build_filename (dir, CIV_STORE_DB_NAME, NULL);
  g_autofree char *contents = NULL;
  gsize            len = 0;
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_get_contents (db, &contents, &len, &error));
  g_assert_cmpuint (offset + n, <=, len);
  for (gsize i = 0; i < n; i++)
    contents[offset + i] ^= 0x5a;
  g_assert_true (g_file_set_contents (db, contents, (gssize) len, &error));
  g_assert_no_error (error);
}

static gsize
db_size (const char *dir)
{
  g_autofree char *db = g_build_filename (dir, CIV_STORE_DB_NAME, NULL);
  GStatBuf         st;

  g_assert_cmpint (g_stat (db, &st), ==, 0);
  return (gsize) st.st_size;
}

static gboolean
has_failed_logins (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, CIV_STORE_FAILED_NAME, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static gboolean
names (const CivIntegrityReport *report, const char *table)
{
  for (guint i = 0; i < report->tables->len; i++)
    if (g_strcmp0 (report->tables->pdata[i], table) == 0)
      return TRUE;
  return FALSE;
}

static void
test_whole (void)
{
  g_autofree char *dir = office_with_data ();
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store =
    civ_store_open (dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);

  g_assert_no_error (error);
  for (int full = 0; full < 2; full++)
    {
      g_autoptr (CivIntegrityReport) report =
        civ_integrity_check (civ_store_get_db (store), full, &error);

      g_assert_no_error (error);
      g_assert_true (report->ok);
      g_assert_cmpuint (report->problems->len, ==, 0);
      g_assert_cmpuint (report->tables->len, ==, 0);
    }
  g_clear_object (&store);
  civ_test_rmdir (dir);
}

/* 64 bytes flipped in a page of the documents table: the office still
 * opens (the schema and the operators are elsewhere), and both checks say
 * it is damaged and that documents is the table. */
static void
test_flipped_table_page (void)
{
  g_autofree char *dir = office_with_data ();
  gint64           page = root_page (dir, "documents");
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;

  g_assert_cmpint (page, >, 1);
  flip (dir, (gsize) (page - 1) * PAGE + PAGE / 2, 64);
  store = civ_store_open (dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);
  g_assert_no_error (error);
  for (int full = 0; full < 2; full++)
    {
      g_autoptr (CivIntegrityReport) report =
        civ_integrity_check (civ_store_get_db (store), full, &error);
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      g_assert_false (report->ok);
      g_assert_cmpuint (report->problems->len, >, 0);
      text = civ_integrity_report_tables_text (report);
      g_test_message ("%s: %s — %s", full ? "integrity_check" : "quick_check", text,
                      (const char *) report->problems->pdata[0]);
      for (guint i = 0; i < report->problems->len; i++)
        g_test_message ("  %s", (const char *) report->problems->pdata[i]);
      g_assert_true (names (report, "documents"));
    }
  g_clear_object (&store);
  g_assert_false (has_failed_logins (dir));
  civ_test_rmdir (dir);
}

/* 64 bytes flipped in the middle of the file (the reported case): the
 * check finds it, wherever the page falls; if it falls on a page the login
 * reads, the login says damaged, never a wrong password. */
static void
test_flipped_middle (void)
{
  g_autofree char *dir = office_with_data ();
  gsize            size = db_size (dir);
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;

  flip (dir, (size / PAGE / 2) * PAGE + 300, 64);
  store = civ_store_open (dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);
  if (store == NULL)
    g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_DAMAGED);
  else
    {
      g_autoptr (CivIntegrityReport) report =
        civ_integrity_check (civ_store_get_db (store), TRUE, &error);
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      g_assert_false (report->ok);
      text = civ_integrity_report_tables_text (report);
      g_test_message ("affected: %s", text);
      g_assert_cmpuint (report->tables->len, >, 0);
    }
  g_clear_object (&store);
  g_assert_false (has_failed_logins (dir));
  civ_test_rmdir (dir);
}

/* Page 1 with the right key (decided in docs/backup.md): the key slot's
 * GCM tag proved the password and the data key, so a page 1 that does not
 * decrypt is damage (or another office's file), not a wrong password; it
 * is not noted as a failed login. A wrong password is still one. */
static void
test_flipped_page_one (void)
{
  g_autofree char *dir = office_with_data ();
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;

  flip (dir, 200, 64);
  store = civ_store_open (dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);
  g_assert_null (store);
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_DAMAGED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "backup restore"));
  g_assert_false (has_failed_logins (dir));
  g_clear_error (&error);

  store = civ_store_open (dir, CIV_TEST_SUPERVISOR, "not-the-password", &error);
  g_assert_null (store);
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_WRONG_PASSWORD);
  g_assert_true (has_failed_logins (dir));
  civ_test_rmdir (dir);
}

/* A damaged schema page (page 2 onwards holds the rest of sqlite_master
 * and the first tables): page 1 decrypts, the rest does not: damaged. */
static void
test_flipped_page_two (void)
{
  g_autofree char *dir = office_with_data ();
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;

  flip (dir, PAGE + 400, 64);
  store = civ_store_open (dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);
  if (store == NULL)
    {
      g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_DAMAGED);
      g_test_message ("%s", error->message);
    }
  else
    {
      g_autoptr (CivIntegrityReport) report =
        civ_integrity_check (civ_store_get_db (store), FALSE, &error);

      g_assert_no_error (error);
      g_assert_false (report->ok);
    }
  g_clear_object (&store);
  g_assert_false (has_failed_logins (dir));
  civ_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/db/integrity/whole", test_whole);
  g_test_add_func ("/db/integrity/flipped-table-page", test_flipped_table_page);
  g_test_add_func ("/db/integrity/flipped-middle", test_flipped_middle);
  g_test_add_func ("/db/integrity/flipped-page-one", test_flipped_page_one);
  g_test_add_func ("/db/integrity/flipped-page-two", test_flipped_page_two);
  return g_test_run ();
}
