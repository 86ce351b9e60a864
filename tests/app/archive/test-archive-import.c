// SPDX-License-Identifier: GPL-3.0-or-later
/* test-archive-import.c — backfill CSV files into a real encrypted office:
 * all or nothing, --skip-invalid, the same file twice, duplicates,
 * GB18030, cancel and kill -9 leaving the office as it was (issue 14) */
#include "civ-app-error.h"
#include "civ-archive-import.h"
#include "civ-integrity.h"
#include "civ-test-utils.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

#define HEADER                                                                                     \
  "kind,date,raw_number,office_code,office_name,archive_no,page,entry,party1_name,party1_sex,"     \
  "party1_birth_date,party1_doc_kind,party1_doc_number,party1_doc_status,party2_name,party2_sex,"  \
  "party2_birth_date,party2_doc_kind,party2_doc_number,party2_doc_status,remarks\r\n"

#define GOOD_ROWS                                                                                                  \
  "marriage,1965,东婚字第0012号,110101,东城区人民委员会,A-1965-01,3,2,王福,1,1940,,,ABSENT_PRE_"    \
  "ID,"                                                                                                            \
  "李桂兰,2,1943-05,,,ABSENT_PRE_ID,\r\n"                                                                       \
  "marriage,1988-06,京东婚字88第031号,110101,东城区婚姻登记处,A-1988-02,1,1,张卫东,1,1960-03-12," \
  "resident-id,110101600312031,PRESENT,刘红,2,1962-08-01,resident-id,110101620801042,PRESENT,"                   \
  "\"页边有\"\"涂改\"\"，照录\"\r\n"                                                                       \
  "divorce,1993-02-11,,110101,东城区婚姻登记处,L-1993-01,5,4,赵刚,1,,,,ABSENT_UNKNOWN,孙丽,2,,,,"      \
  "ABSENT_UNKNOWN,\r\n"

static char *
write_file (const char *dir, const char *name, const char *text, gssize len)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, text, len, &error);
  g_assert_no_error (error);
  return path;
}

static CivImportResult *
run_import (
  CivStore *store, const char *path, gboolean skip, const char *errors_path, GError **error)
{
  g_autoptr (CivImportOptions) o = civ_import_options_new (path);

  o->skip_invalid = skip;
  o->errors_path = g_strdup (errors_path);
  return civ_archive_import (store, o, NULL, NULL, NULL, error);
}

static gint64
records (CivStore *store)
{
  return civ_test_count (store, "SELECT count(*) FROM marriages WHERE historical = 1");
}

/* The search keys of the current versions are exactly 0005's view's
 * (written through sorted runs and merged, not by the trigger). */
static void
assert_search_keys_complete (CivStore *store)
{
  g_assert_cmpint (civ_test_count (store,
                                   "SELECT count(*) FROM ("
                                   "SELECT s.key, m.registration_date, m.id FROM marriages m "
                                   "JOIN search_key_source s ON s.marriage_id = m.id "
                                   "WHERE m.superseded_by IS NULL EXCEPT "
                                   "SELECT key, registration_date, marriage_id FROM search_keys)"),
                   ==, 0);
  g_assert_cmpint (
    civ_test_count (store, "SELECT count(*) FROM ("
                           "SELECT key, registration_date, marriage_id FROM search_keys "
                           "EXCEPT SELECT s.key, m.registration_date, m.id FROM marriages m "
                           "JOIN search_key_source s ON s.marriage_id = m.id "
                           "WHERE m.superseded_by IS NULL)"),
    ==, 0);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM search_keys"), >, 0);
}

/* The search-key trigger of marriage_parties (0011): an import takes it out
 * inside its transaction and puts it back before it commits; a rollback or
 * a kill puts it back too. */
static char *
party_trigger (CivStore *store)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (civ_store_get_db (store),
                    "SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                    "AND name = 'search_keys_party_added'",
                    NULL);

  g_assert_nonnull (stmt);
  return sqlite3_step (stmt) == SQLITE_ROW ? civ_db_column_dup (stmt, 0) : NULL;
}

static void
assert_party_trigger (CivStore *store, const char *expected)
{
  g_autofree char *now = party_trigger (store);

  g_assert_nonnull (expected);
  g_assert_cmpstr (now, ==, expected);
}

/* No scratch file of an import is left beside the office's database. */
static guint
scratch_files (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint       n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (strstr (name, "-scratch-") != NULL)
      n++;
  return n;
}

static void
test_utf8 (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  g_autofree char *path = write_file (dir, "book.csv", HEADER GOOD_ROWS, -1);
  g_autoptr (GError) error = NULL;
  g_autoptr (CivImportResult) r = NULL;
  g_autoptr (CivImportResult) again = NULL;
  g_autoptr (CivImportResult) forced = NULL;
  g_autoptr (CivImportOptions) o = civ_import_options_new (path);
  g_autofree char *trigger = party_trigger (store);

  civ_test_add_operator (store, "arch1", "档案员甲", CIV_ROLE_ARCHIVIST, "Archivist-one");
  g_clear_object (&store);
  store = civ_store_open (dir, "arch1", "Archivist-one", &error);
  g_assert_no_error (error);

  r = run_import (store, path, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (r->committed);
  g_assert_cmpstr (r->encoding, ==, "utf-8");
  g_assert_cmpuint (r->rows_read, ==, 3);
  g_assert_cmpuint (r->rows_imported, ==, 3);
  g_assert_cmpuint (r->rows_rejected, ==, 0);
  g_assert_cmpint (records (store), ==, 3);
  /* Partial dates, raw numbers, absent and 15-digit numbers as recorded. */
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM marriages WHERE "
                                          "registration_date = '1965' AND certificate_no = "
                                          "'东婚字第0012号' AND state = 'REGISTERED'"),
                   ==, 1);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM historical_records WHERE "
                                          "number_era = 'pre-2003' AND archive_no = 'A-1965-01' "
                                          "AND page = 3 AND entry = 2"),
                   ==, 1);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM marriage_parties WHERE doc_number "
                                          "IS NULL AND doc_status = 'ABSENT_PRE_ID'"),
                   ==, 2);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM marriage_parties WHERE "
                                          "doc_number = '110101600312031' AND id_key = "
                                          "'11010119600312031X'"),
                   >=, 0);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM marriages WHERE remarks = "
                                          "'页边有\"涂改\"，照录'"),
                   ==, 1);
  /* Search keys, the person index (only numbered people) and the outbox. */
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM search_keys WHERE key IN "
                                          "('N王福', 'pwangfu', 'izw')"),
                   >=, 2);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM persons"), ==, 2);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM outbox WHERE kind = 'historical'"),
                   ==, 3);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM audit_log WHERE action = "
                                          "'archive.import'"),
                   ==, 1);

  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM search_keys_deferred"), ==, 0);
  assert_search_keys_complete (store);
  assert_party_trigger (store, trigger);
  g_assert_cmpuint (scratch_files (dir), ==, 0);
  /* The same file twice is refused … */
  again = run_import (store, path, FALSE, NULL, &error);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_assert_null (again);
  g_clear_error (&error);
  g_assert_cmpint (records (store), ==, 3);
  /* … unless forced, and then its rows are reported as duplicates. */
  o->force = TRUE;
  forced = civ_archive_import (store, o, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (forced->duplicates, ==, 3);
  g_assert_cmpuint (forced->rows_imported, ==, 0);
  g_assert_cmpint (records (store), ==, 3);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM archive_imports"), ==, 2);

  g_clear_object (&store);
  civ_test_rmdir (dir);
}

static void
test_gb18030 (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  const char *utf8 = HEADER "marriage,1979-12,,110101,东城区,A-1979,1,1,𠀀明,1,,,,ABSENT_PRE_ID,"
                            "㐂芳,2,,,,ABSENT_PRE_ID,\r\n";
  g_autoptr (GError) error = NULL;
  gsize            len = 0;
  g_autofree char *gb = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, &len, &error);
  g_autofree char *path = NULL;
  g_autoptr (CivImportResult) r = NULL;

  g_assert_no_error (error);
  path = write_file (dir, "gb.csv", gb, (gssize) len);
  r = run_import (store, path, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (r->encoding, ==, "gb18030");
  g_assert_cmpuint (r->rows_imported, ==, 1);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM marriage_parties WHERE name IN "
                                          "('𠀀明', '㐂芳')"),
                   ==, 2);
  g_clear_object (&store);
  civ_test_rmdir (dir);
}

static void
test_bad_rows (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  const char *text = HEADER GOOD_ROWS
    "marriage,1988-02-30,,110101,东城区,A,1,1,甲,1,,,,ABSENT_PRE_ID,乙,2,,,,ABSENT_PRE_ID,\r\n"
    "marriage,1990,,110101,东城区,A,1,2,,1,,,,ABSENT_PRE_ID,乙,2,,,,ABSENT_PRE_ID,\r\n"
    "marriage,1990,,110101,东城区,A,1,3,甲,1\r\n";
  g_autofree char *path = write_file (dir, "bad.csv", text, -1);
  g_autofree char *report = g_build_filename (dir, "errors.csv", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (CivImportResult) r = NULL;
  g_autoptr (CivImportResult) skipped = NULL;
  gint64           audit_before = civ_test_count (store, "SELECT count(*) FROM audit_log");
  g_autofree char *contents = NULL;

  /* Without --skip-invalid: nothing at all. */
  r = run_import (store, path, FALSE, report, &error);
  g_assert_no_error (error);
  g_assert_false (r->committed);
  g_assert_cmpuint (r->rows_read, ==, 6);
  g_assert_cmpuint (r->rows_rejected, ==, 3);
  g_assert_cmpuint (r->rows_imported, ==, 0);
  g_assert_cmpuint (r->sample_errors->len, >=, 3);
  g_assert_cmpint (records (store), ==, 0);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM archive_imports"), ==, 0);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM outbox"), ==, 0);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM audit_log"), ==, audit_before);
  g_file_get_contents (report, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF"));
  g_assert_nonnull (strstr (contents, "\r\n5,"));
  g_assert_nonnull (strstr (contents, "\r\n6,"));
  g_assert_nonnull (strstr (contents, "\r\n7,"));
  g_assert_nonnull (strstr (contents, "1988-02-30"));

  /* With it: the three good rows, and the report of the others. */
  skipped = run_import (store, path, TRUE, report, &error);
  g_assert_no_error (error);
  g_assert_true (skipped->committed);
  g_assert_cmpuint (skipped->rows_imported, ==, 3);
  g_assert_cmpuint (skipped->rows_rejected, ==, 3);
  g_assert_cmpint (records (store), ==, 3);
  g_clear_object (&store);
  civ_test_rmdir (dir);
}

/* A file of @n generated rows. */
static char *
big_file (const char *dir, guint n)
{
  GString *s = g_string_new (HEADER);
  char    *path;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s,
                            "marriage,%u-%02u-%02u,旧婚字%06u,110101,东城区,A-%u,%u,%u,张%u,1,,,,"
                            "ABSENT_PRE_ID,李%u,2,,,,ABSENT_PRE_ID,\r\n",
                            1955 + i % 40, 1 + i % 12, 1 + i % 28, i, i / 1000, 1 + i / 10,
                            1 + i % 10, i, i);
  path = write_file (dir, "big.csv", s->str, (gssize) s->len);
  g_string_free (s, TRUE);
  return path;
}

typedef struct
{
  GCancellable *cancellable;
  guint64       at;
  guint         calls;
} Canceller;

static void
cancel_at (guint64 rows, guint64 done, guint64 total, double rate, double left, gpointer data)
{
  Canceller *c = data;

  c->calls++;
  g_assert_cmpuint (done, <=, total);
  if (rows >= c->at)
    g_cancellable_cancel (c->cancellable);
}

static void
test_cancel (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  g_autofree char *path = big_file (dir, 1500);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (CivImportOptions) o = civ_import_options_new (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (CivImportResult) r = NULL;
  Canceller        c = { cancellable, 1000, 0 };
  g_autofree char *trigger = party_trigger (store);

  /* Runs of 64 rows: cancelled with nine runs in the scratch file. */
  o->run_rows = 64;
  r = civ_archive_import (store, o, cancel_at, &c, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (r);
  g_assert_cmpuint (c.calls, >=, 1);
  g_assert_cmpint (records (store), ==, 0);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM persons"), ==, 0);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM search_keys"), ==, 0);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM archive_imports"), ==, 0);
  assert_party_trigger (store, trigger);
  /* The same file may then be imported (it was never recorded). */
  g_clear_error (&error);
  g_assert_cmpuint (scratch_files (dir), ==, 0);
  r = civ_archive_import (store, o, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->rows_imported, ==, 1500);
  /* 24 runs (the last one short) merged into the index. */
  assert_search_keys_complete (store);
  assert_party_trigger (store, trigger);
  g_assert_cmpuint (scratch_files (dir), ==, 0);
  g_clear_object (&store);
  civ_test_rmdir (dir);
}

static void
kill_at (guint64 rows, guint64 done, guint64 total, double rate, double left, gpointer data)
{
  if (rows >= 1000)
    kill (getpid (), SIGKILL);
}

static void
test_kill (void)
{
  const char *dir_env = g_getenv ("CIVREG_TEST_KILL_DIR");

  if (g_test_subprocess ())
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (CivStore) store =
        civ_store_open (dir_env, CIV_TEST_SUPERVISOR, "Supervisor-pw", &error);
      g_autofree char *path = g_build_filename (dir_env, "big.csv", NULL);
      g_autoptr (CivImportOptions) o = civ_import_options_new (path);

      g_assert_no_error (error);
      o->run_rows = 100;
      civ_archive_import (store, o, kill_at, NULL, NULL, &error);
      g_assert_not_reached ();
    }
  else
    {
      g_autofree char *dir = NULL;
      g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
      g_autofree char *path = big_file (dir, 1500);
      g_autoptr (GError) error = NULL;
      g_autoptr (CivImportResult) r = NULL;
      g_autofree char *trigger = party_trigger (store);
      gint64           audit;

      audit = civ_test_count (store, "SELECT count(*) FROM audit_log");
      g_clear_object (&store);
      g_setenv ("CIVREG_TEST_KILL_DIR", dir, TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_failed ();
      /* The killed import's scratch file stays until the next import. */
      g_assert_cmpuint (scratch_files (dir), ==, 1);
      store = civ_store_open (dir, CIV_TEST_SUPERVISOR, "Supervisor-pw", &error);
      g_assert_no_error (error);
      {
        CivIntegrityReport *check = civ_integrity_check (civ_store_get_db (store), TRUE, &error);
        g_assert_no_error (error);
        g_assert_true (check->ok);
        civ_integrity_report_free (check);
      }
      g_assert_cmpint (records (store), ==, 0);
      g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM search_keys"), ==, 0);
      g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM archive_imports"), ==, 0);
      assert_party_trigger (store, trigger);
      /* The opening after the kill and the login are the only new entries. */
      g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM audit_log WHERE action LIKE "
                                              "'archive.%'"),
                       ==, 0);
      g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM audit_log"), >, audit);
      {
        g_autoptr (CivImportOptions) o = civ_import_options_new (path);
        r = civ_archive_import (store, o, NULL, NULL, NULL, &error);
      }
      g_assert_no_error (error);
      g_assert_cmpuint (r->rows_imported, ==, 1500);
      assert_search_keys_complete (store);
      g_assert_cmpuint (scratch_files (dir), ==, 0);
      g_clear_object (&store);
      civ_test_rmdir (dir);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/archive-import/utf-8", test_utf8);
  g_test_add_func ("/archive-import/gb18030", test_gb18030);
  g_test_add_func ("/archive-import/bad-rows", test_bad_rows);
  g_test_add_func ("/archive-import/cancel", test_cancel);
  g_test_add_func ("/archive-import/kill-9", test_kill);
  return g_test_run ();
}
