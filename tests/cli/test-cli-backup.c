// SPDX-License-Identifier: GPL-3.0-or-later
/* test-cli-backup.c — civreg-cli verify and backup create/verify/restore
 * (issue 12, items 2 and 3): back up, damage the office, restore into a
 * new folder, log in there, everything equal. */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "civ-audit.h"
#include "civ-backup-service.h"
#include "civ-document-service.h"
#include "civ-test-utils.h"

#define PAGE CIV_DB_PAGE_SIZE

typedef struct
{
  char *tmp;    /* holds office/, backups/, pw */
  char *office; /* the office (made by civ_test_new_office, moved here) */
  char *backups;
  char *pw;
} Fixture;

/* What must be equal after a restore. */
typedef struct
{
  gint64 marriages, divorces, certificates, documents, outbox_pending, audit_seq;
  char  *audit_hash;    /* of entry audit_seq */
  char  *numbers;       /* every certificate number, in order */
  char  *document_sums; /* SHA-256 of every document's bytes, in order */
} Fingerprint;

static void
fingerprint_clear (Fingerprint *f)
{
  g_free (f->audit_hash);
  g_free (f->numbers);
  g_free (f->document_sums);
}

static char *
column_list (CivDb *db, const char *sql, gboolean hash_blob)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (sqlite3_stmt) stmt = civ_db_prepare (db, sql, &error);
  GString *s = g_string_new (NULL);

  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (hash_blob)
        {
          g_autofree char *sum =
            g_compute_checksum_for_data (G_CHECKSUM_SHA256, sqlite3_column_blob (stmt, 0),
                                         (gsize) sqlite3_column_bytes (stmt, 0));
          g_string_append_printf (s, "%s;", sum);
        }
      else
        g_string_append_printf (s, "%s;", (const char *) sqlite3_column_text (stmt, 0));
    }
  return g_string_free (s, FALSE);
}

/* The fingerprint of @store, with the audit hash of entry @seq (0: the head). */
static void
fingerprint (CivStore *store, gint64 seq, Fingerprint *f)
{
  CivDb *db = civ_store_get_db (store);
  g_autoptr (GError) error = NULL;
  g_autofree char *head_hash = NULL;

  f->marriages = civ_test_count (store, "SELECT count(DISTINCT record_id) FROM marriages");
  f->divorces = civ_test_count (store, "SELECT count(*) FROM divorces");
  f->certificates = civ_test_count (store, "SELECT count(*) FROM certificates");
  f->documents = civ_test_count (store, "SELECT count(*) FROM documents");
  f->outbox_pending = civ_test_count (store, "SELECT count(*) FROM outbox WHERE state = 'pending'");
  if (seq == 0)
    g_assert_true (civ_audit_head (db, &seq, &head_hash, &error));
  f->audit_seq = seq;
  g_assert_true (civ_audit_hash_at (db, seq, &f->audit_hash, &error));
  g_assert_no_error (error);
  f->numbers = column_list (db, "SELECT number FROM certificates ORDER BY number", FALSE);
  f->document_sums = column_list (db, "SELECT content FROM documents ORDER BY id", TRUE);
}

static void
write_file (const char *path, const char *text)
{
  g_autoptr (GError) error = NULL;
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
attach_png (CivStore *store, const char *j)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) png = g_bytes_new_static (civ_test_tiny_png, sizeof civ_test_tiny_png);
  g_autoptr (CivDocumentInput) in =
    civ_document_input_new (CIV_DOCUMENT_COUPLE_PHOTO, "photo.png", png, &error);

  g_assert_no_error (error);
  g_assert_cmpint (civ_document_attach (store, j, in, &error), >, 0);
  g_assert_no_error (error);
}

/* Adds @n documents of @size random bytes to the record of @j straight
 * through the storage layer (the service takes only real PDF/JPEG/PNG). */
static void
add_blobs (CivStore *store, const char *j, int n, int size)
{
  CivDb *db = civ_store_get_db (store);
  g_autoptr (GError) error = NULL;
  g_autofree char *record = civ_document_resolve_record (store, j, &error);

  g_assert_no_error (error);
  for (int i = 0; i < n; i++)
    {
      g_autoptr (sqlite3_stmt) stmt = civ_db_prepare (
        db,
        "INSERT INTO documents (record_id, kind, file_name, media_type, byte_size, sha256, "
        "content, created_by, created_at) VALUES (?1, 'other', 'scan.pdf', 'application/pdf', "
        "?2, printf('%064d', ?3), randomblob(?2), 'admin', '2024-01-10T09:00:00Z')",
        &error);
      g_assert_no_error (error);
      sqlite3_bind_text (stmt, 1, record, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, size);
      sqlite3_bind_int (stmt, 3, i);
      g_assert_true (civ_db_step_done (db, stmt, &error));
    }
}

/* An office with two marriages, documents, and the supervisor's password
 * in tmp/pw; closed. */
static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *made = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&made, NULL);
  g_autofree char *his1 = civ_test_make_id ("110101", "19900101", 11);
  g_autofree char *hers1 = civ_test_make_id ("110101", "19920202", 22);
  g_autofree char *his2 = civ_test_make_id ("110101", "19880303", 33);
  g_autofree char *hers2 = civ_test_make_id ("110101", "19890404", 44);
  g_autofree char *j1 =
    civ_test_register_couple (store, (const char *[]){ "王强", "赵敏" }, his1, hers1, 2020);
  g_autofree char *j2 =
    civ_test_register_couple (store, (const char *[]){ "张伟", "李娜" }, his2, hers2, 2021);

  attach_png (store, j1);
  add_blobs (store, j2, GPOINTER_TO_INT (data) ? 12 : 2, 40 * 1024);
  g_clear_object (&store);

  f->tmp = civ_test_mkdtemp ();
  f->office = g_build_filename (f->tmp, "office", NULL);
  f->backups = g_build_filename (f->tmp, "backups", NULL);
  f->pw = g_build_filename (f->tmp, "pw", NULL);
  g_assert_cmpint (g_rename (made, f->office), ==, 0);
  write_file (f->pw, CIV_TEST_SUPERVISOR_PW "\n");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autofree char *cmd = g_strdup_printf ("chmod -R u+rwx '%s'", f->tmp);

  g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  civ_test_rmdir (f->tmp);
  g_free (f->tmp);
  g_free (f->office);
  g_free (f->backups);
  g_free (f->pw);
}

static CivStore *
open_office (const char *dir)
{
  g_autoptr (GError) error = NULL;
  CivStore *store = civ_store_open (dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);

  g_assert_no_error (error);
  return store;
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* Runs backup create and returns the backup's path. */
static char *
backup_create (Fixture *f)
{
  g_auto (CivCliRun) r = { 0 };
  g_autoptr (JsonObject) o = NULL;

  civ_test_run_cli (&r, (const char *[]){ "--data-dir", f->office, "--user", CIV_TEST_SUPERVISOR,
                                          "--password-file", f->pw, "--json", "backup", "create",
                                          f->backups, NULL });
  g_test_message ("%s%s", r.out, r.err);
  g_assert_cmpint (r.status, ==, 0);
  o = parse_object (r.out);
  g_assert_true (json_object_get_boolean_member (o, "verified"));
  return g_strdup (json_object_get_string_member (o, "path"));
}

static void
flip (const char *path, gsize offset, gsize n)
{
  g_autofree char *contents = NULL;
  gsize            len = 0;
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_cmpuint (offset + n, <=, len);
  for (gsize i = 0; i < n; i++)
    contents[offset + i] ^= 0x5a;
  g_assert_true (g_file_set_contents (path, contents, (gssize) len, &error));
}

static gint64
root_page (const char *dir, const char *table)
{
  g_autoptr (CivStore) store = open_office (dir);
  g_autoptr (GError) error = NULL;
  g_autofree char *sql =
    g_strdup_printf ("SELECT rootpage FROM sqlite_master WHERE name = '%s'", table);
  gint64 page = civ_test_count (store, sql);

  g_assert_true (civ_db_exec (civ_store_get_db (store), "PRAGMA wal_checkpoint(TRUNCATE)", &error));
  return page;
}

static guint
count_entries (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d && g_dir_read_name (d))
    n++;
  return n;
}

/* The main case: back up, damage the office, restore, log in there:
 * everything equal. */
static void
test_round_trip (Fixture *f, gconstpointer data)
{
  g_autofree char *backup = NULL;
  g_autofree char *db = g_build_filename (f->office, CIV_STORE_DB_NAME, NULL);
  g_autofree char *restored = g_build_filename (f->tmp, "restored", NULL);
  g_autofree char *tables = NULL;
  Fingerprint      before = { 0 };
  Fingerprint      after = { 0 };
  GStatBuf         st;

  {
    g_autoptr (CivStore) store = open_office (f->office);
    fingerprint (store, 0, &before);
  }
  g_assert_cmpint (before.marriages, ==, 2);
  g_assert_cmpint (before.documents, ==, 3);
  backup = backup_create (f);
  g_assert_true (g_str_has_prefix (backup, f->backups));
  g_assert_cmpint (g_stat (backup, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  for (guint i = 0; i < 4; i++)
    {
      static const char *const parts[] = { "civreg.db", "civreg.keys", "office.ini",
                                           "manifest.json" };
      g_autofree char         *p = g_build_filename (backup, parts[i], NULL);

      g_assert_cmpint (g_stat (p, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    }
  g_assert_cmpuint (count_entries (f->backups), ==, 1); /* no partial left */

  /* Damage: 64 bytes in a page of the documents table. verify says so,
   * names the table and exits 1. */
  flip (db, (gsize) (root_page (f->office, "documents") - 1) * PAGE + 500, 64);
  {
    g_auto (CivCliRun) r = { 0 };
    g_autoptr (JsonObject) o = NULL;
    JsonArray *t;

    civ_test_run_cli (&r, (const char *[]){ "--data-dir", f->office, "--user", CIV_TEST_SUPERVISOR,
                                            "--password-file", f->pw, "--json", "verify", NULL });
    g_test_message ("verify: %s", r.out);
    g_assert_cmpint (r.status, ==, 1);
    o = parse_object (r.out);
    g_assert_false (json_object_get_boolean_member (o, "ok"));
    t = json_object_get_array_member (o, "tables");
    g_assert_cmpuint (json_array_get_length (t), >=, 1);
    for (guint i = 0; i < json_array_get_length (t); i++)
      if (g_strcmp0 (json_array_get_string_element (t, i), "documents") == 0)
        tables = g_strdup ("documents");
    g_assert_cmpstr (tables, ==, "documents");
  }
  /* A damaged office is not backed up. */
  {
    g_auto (CivCliRun) r = { 0 };

    civ_test_run_cli (&r, (const char *[]){ "--data-dir", f->office, "--user", CIV_TEST_SUPERVISOR,
                                            "--password-file", f->pw, "backup", "create",
                                            f->backups, NULL });
    g_test_message ("%s", r.err);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_cmpuint (count_entries (f->backups), ==, 1);
  }
  /* Then the disk cuts the file: the login says damaged and points to restore. */
  g_assert_cmpint (truncate (db, 3000), ==, 0);
  {
    g_auto (CivCliRun) r = { 0 };
    g_autofree char *failed = g_build_filename (f->office, CIV_STORE_FAILED_NAME, NULL);

    civ_test_run_cli (&r, (const char *[]){ "--data-dir", f->office, "--user", CIV_TEST_SUPERVISOR,
                                            "--password-file", f->pw, "verify", NULL });
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "civreg-cli backup restore"));
    g_assert_false (g_file_test (failed, G_FILE_TEST_EXISTS));
  }

  /* Restore into a new folder; the report says what the backup holds. */
  {
    g_auto (CivCliRun) r = { 0 };
    g_autoptr (JsonObject) o = NULL;

    civ_test_run_cli (&r, (const char *[]){ "--user", CIV_TEST_SUPERVISOR, "--password-file", f->pw,
                                            "--json", "backup", "restore", backup, "--to", restored,
                                            NULL });
    g_test_message ("%s%s", r.out, r.err);
    g_assert_cmpint (r.status, ==, 0);
    o = parse_object (r.out);
    g_assert_cmpstr (json_object_get_string_member (o, "office_code"), ==, "110101");
    g_assert_cmpstr (json_object_get_string_member (o, "created_by"), ==, CIV_TEST_SUPERVISOR);
    g_assert_cmpint (json_object_get_int_member (o, "marriages"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (o, "documents"), ==, 3);
    g_assert_cmpint (json_object_get_int_member (o, "outbox_pending"), ==, before.outbox_pending);
    /* The head is the backup's own login, the entry after the fingerprint's. */
    g_assert_cmpint (json_object_get_int_member (o, "audit_head_seq"), ==, before.audit_seq + 1);
  }
  {
    g_auto (CivCliRun) r = { 0 };

    civ_test_run_cli (&r, (const char *[]){ "--user", CIV_TEST_SUPERVISOR, "--password-file", f->pw,
                                            "backup", "restore", backup, "--to", restored, NULL });
    g_assert_cmpint (r.status, ==, 1); /* not over what was just restored */
  }
  g_assert_cmpint (g_stat (restored, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  {
    g_autoptr (CivStore) store = open_office (restored);
    g_autoptr (GError) error = NULL;
    gint64 checked = 0;
    gint64 broken = 0;
    g_autoptr (GPtrArray) restored_entries = NULL;

    fingerprint (store, before.audit_seq, &after);
    g_assert_true (civ_audit_verify (civ_store_get_db (store), &checked, &broken, &error));
    g_assert_no_error (error);
    restored_entries =
      civ_audit_list (civ_store_get_db (store), 0, 0, NULL, "backup.restored", &error);
    g_assert_cmpuint (restored_entries->len, ==, 1);
  }
  g_assert_cmpint (after.marriages, ==, before.marriages);
  g_assert_cmpint (after.divorces, ==, before.divorces);
  g_assert_cmpint (after.certificates, ==, before.certificates);
  g_assert_cmpint (after.documents, ==, before.documents);
  g_assert_cmpint (after.outbox_pending, ==, before.outbox_pending);
  g_assert_cmpstr (after.audit_hash, ==, before.audit_hash);
  g_assert_cmpstr (after.numbers, ==, before.numbers);
  g_assert_cmpstr (after.document_sums, ==, before.document_sums);
  g_assert_true (strlen (before.numbers) > 0);
  fingerprint_clear (&before);
  fingerprint_clear (&after);

  /* The verification is audited in the office it is made from. */
  {
    g_auto (CivCliRun) r = { 0 };
    g_autoptr (CivStore) store = NULL;
    g_autoptr (GError) error = NULL;
    g_autoptr (GPtrArray) entries = NULL;

    civ_test_run_cli (&r, (const char *[]){ "--data-dir", restored, "--user", CIV_TEST_SUPERVISOR,
                                            "--password-file", f->pw, "backup", "verify", backup,
                                            NULL });
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "110101"));
    store = open_office (restored);
    entries = civ_audit_list (civ_store_get_db (store), 0, 0, NULL, "backup.verified", &error);
    g_assert_cmpuint (entries->len, ==, 1);
  }
}

static int
run_verify (Fixture *f, const char *backup)
{
  g_auto (CivCliRun) r = { 0 };

  civ_test_run_cli (&r, (const char *[]){ "--user", CIV_TEST_SUPERVISOR, "--password-file", f->pw,
                                          "backup", "verify", backup, NULL });
  g_test_message ("%s", r.status ? r.err : r.out);
  return r.status;
}

/* A tampered backup does not verify: a flipped byte in the copy, a
 * changed count in the manifest, a missing key-slot file. */
static void
test_tampered (Fixture *f, gconstpointer data)
{
  g_autofree char *backup = backup_create (f);
  g_autofree char *db = g_build_filename (backup, CIV_STORE_DB_NAME, NULL);
  g_autofree char *manifest = g_build_filename (backup, CIV_BACKUP_MANIFEST_NAME, NULL);
  g_autofree char *keys = g_build_filename (backup, CIV_STORE_KEYS_NAME, NULL);
  g_autofree char *text = NULL;
  g_autofree char *good = NULL;
  g_autoptr (GError) error = NULL;
  gsize len = 0;

  g_assert_cmpint (run_verify (f, backup), ==, 0);

  g_assert_true (g_file_get_contents (db, &good, &len, &error));
  flip (db, len / 2, 1);
  g_assert_cmpint (run_verify (f, backup), ==, 1);
  g_assert_true (g_file_set_contents (db, good, (gssize) len, &error));
  g_assert_cmpint (run_verify (f, backup), ==, 0);

  /* The manifest changed to match the changed copy: the copy's own HMAC
   * pages and integrity_check still find it. */
  {
    g_autofree char *sum = NULL;
    g_autofree char *changed = g_memdup2 (good, len);
    g_autofree char *old_sum =
      g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guint8 *) good, len);
    g_autofree char *mtext = NULL;
    g_auto (GStrv) parts = NULL;

    for (gsize i = 0; i < 64; i++)
      changed[len / 2 + i] ^= 0x5a;
    sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guint8 *) changed, len);
    g_assert_true (g_file_get_contents (manifest, &mtext, NULL, &error));
    parts = g_strsplit (mtext, old_sum, -1);
    g_assert_cmpuint (g_strv_length (parts), ==, 2);
    g_free (text);
    text = g_strjoinv (sum, parts);
    g_assert_true (g_file_set_contents (db, changed, (gssize) len, &error));
    g_assert_true (g_file_set_contents (manifest, text, -1, &error));
    g_assert_cmpint (run_verify (f, backup), ==, 1);
    g_assert_true (g_file_set_contents (db, good, (gssize) len, &error));
    g_assert_true (g_file_set_contents (manifest, mtext, -1, &error));
  }
  g_assert_cmpint (run_verify (f, backup), ==, 0);

  /* A count changed in the manifest. */
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (manifest, &text, NULL, &error));
  {
    g_autofree char *changed = NULL;
    g_auto (GStrv) parts = g_strsplit (text, "\"marriages\":2", -1);

    g_assert_cmpuint (g_strv_length (parts), ==, 2);
    changed = g_strjoinv ("\"marriages\":3", parts);
    g_assert_true (g_file_set_contents (manifest, changed, -1, &error));
    g_assert_cmpint (run_verify (f, backup), ==, 1);
    g_assert_true (g_file_set_contents (manifest, text, -1, &error));
  }
  /* A manifest nested 60,000 deep is refused before json-glib parses it. */
  {
    g_autoptr (GString) deep = g_string_new (NULL);
    g_autofree char *saved = g_strdup (text);

    for (int i = 0; i < 60000; i++)
      g_string_append_c (deep, '[');
    g_assert_true (g_file_set_contents (manifest, deep->str, (gssize) deep->len, &error));
    g_assert_cmpint (run_verify (f, backup), ==, 1);
    g_assert_true (g_file_set_contents (manifest, saved, -1, &error));
  }
  g_assert_cmpint (run_verify (f, backup), ==, 0);
  g_assert_cmpint (g_remove (keys), ==, 0);
  g_assert_cmpint (run_verify (f, backup), ==, 1);
}

/* Restore only into a new or empty folder, never over an office. */
static void
test_restore_refuses (Fixture *f, gconstpointer data)
{
  g_autofree char *backup = backup_create (f);
  g_autofree char *busy = g_build_filename (f->tmp, "busy", NULL);
  g_autofree char *note = g_build_filename (busy, "note.txt", NULL);
  g_autofree char *empty = g_build_filename (f->tmp, "empty", NULL);
  g_autofree char *office_db = g_build_filename (f->office, CIV_STORE_DB_NAME, NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (g_mkdir (busy, 0700), ==, 0);
  write_file (note, "keep me");
  g_assert_true (g_file_get_contents (office_db, &before, NULL, &error));
  for (guint i = 0; i < 2; i++)
    {
      g_auto (CivCliRun) r = { 0 };
      const char *target = i == 0 ? busy : f->office;

      civ_test_run_cli (&r,
                        (const char *[]){ "--user", CIV_TEST_SUPERVISOR, "--password-file", f->pw,
                                          "backup", "restore", backup, "--to", target, NULL });
      g_test_message ("%s", r.err);
      g_assert_cmpint (r.status, ==, 1);
    }
  g_assert_cmpuint (count_entries (busy), ==, 1);
  g_assert_true (g_file_get_contents (office_db, &after, NULL, &error));
  g_assert_cmpstr (after, ==, before);
  /* An empty folder is fine; a wrong password is not. */
  g_assert_cmpint (g_mkdir (empty, 0700), ==, 0);
  {
    g_auto (CivCliRun) r = { 0 };
    g_autofree char *bad = g_build_filename (f->tmp, "bad-pw", NULL);

    write_file (bad, "not-the-password\n");
    civ_test_run_cli (&r, (const char *[]){ "--user", CIV_TEST_SUPERVISOR, "--password-file", bad,
                                            "backup", "restore", backup, "--to", empty, NULL });
    g_assert_cmpint (r.status, ==, 1);
    g_assert_cmpuint (count_entries (empty), ==, 0);
  }
  {
    g_auto (CivCliRun) r = { 0 };

    civ_test_run_cli (&r, (const char *[]){ "--user", CIV_TEST_SUPERVISOR, "--password-file", f->pw,
                                            "backup", "restore", backup, "--to", empty, NULL });
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "110101"));
  }
  /* Usage errors. */
  {
    g_auto (CivCliRun) r = { 0 };

    civ_test_run_cli (&r, (const char *[]){ "--user", CIV_TEST_SUPERVISOR, "--password-file", f->pw,
                                            "backup", "restore", backup, NULL });
    g_assert_cmpint (r.status, ==, 2);
  }
}

typedef struct
{
  CivStore *writer;
  char     *j;
  int       steps;
  int       writes;
} Concurrent;

/* Between the copy's steps, another connection writes a document and an
 * audit entry (the first few steps only: each write restarts the copy). */
static void
write_between_steps (int copied, int total, gpointer user_data)
{
  Concurrent *c = user_data;
  g_autoptr (GError) error = NULL;

  c->steps++;
  if (c->writes >= 3)
    return;
  c->writes++;
  add_blobs (c->writer, c->j, 1, 20 * 1024);
  g_assert_true (civ_store_audit (c->writer, "test.write", "x", NULL, &error));
  g_assert_no_error (error);
}

/* A backup made while another connection writes is consistent: it
 * verifies, and it holds a whole state (counts, audit chain). */
static void
test_concurrent_writes (Fixture *f, gconstpointer data)
{
  g_autoptr (CivStore) store = open_office (f->office);
  g_autoptr (GError) error = NULL;
  g_autoptr (CivBackupInfo) info = NULL;
  g_autoptr (CivBackupInfo) again = NULL;
  g_autoptr (CivSecret) key = NULL;
  Concurrent c = { 0 };

  c.writer = open_office (f->office);
  c.j = column_list (civ_store_get_db (c.writer), "SELECT number FROM certificates LIMIT 1", FALSE);
  c.j[strlen (c.j) - 1] = '\0';
  info = civ_backup_create (store, f->backups, 0, FALSE, 0, NULL, write_between_steps, &c, &error);
  g_assert_no_error (error);
  g_assert_nonnull (info);
  g_test_message ("%d steps, %d writes; %" G_GINT64_FORMAT " documents in the backup", c.steps,
                  c.writes, info->documents);
  g_assert_cmpint (c.writes, ==, 3);
  g_assert_cmpint (c.steps, >, 3);
  g_assert_true (info->verified);
  /* The copy restarted after each write: it holds all three. */
  g_assert_cmpint (info->documents, ==, 12 + 1 + 3);
  key = civ_backup_unwrap_key (info->path, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);
  g_assert_no_error (error);
  again = civ_backup_verify (info->path, key, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->audit_head_seq, ==, info->audit_head_seq);
  g_clear_object (&c.writer);
  g_free (c.j);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add ("/cli/backup/round-trip", Fixture, NULL, fixture_set_up, test_round_trip,
              fixture_tear_down);
  g_test_add ("/cli/backup/tampered", Fixture, NULL, fixture_set_up, test_tampered,
              fixture_tear_down);
  g_test_add ("/cli/backup/restore-refuses", Fixture, NULL, fixture_set_up, test_restore_refuses,
              fixture_tear_down);
  g_test_add ("/cli/backup/concurrent-writes", Fixture, GINT_TO_POINTER (1), fixture_set_up,
              test_concurrent_writes, fixture_tear_down);
  return g_test_run ();
}
