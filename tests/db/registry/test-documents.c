// SPDX-License-Identifier: GPL-3.0-or-later
/* test-documents.c — the documents table (0007): round trip, no plaintext on
 * disk, append-only triggers, a record that must exist, and tampered content
 * detected by its SHA-256 on every read */
#include <string.h>

#include "civ-document-store.h"
#include "civ-registry-store.h"
#include "civ-test-utils.h"

/* SHA-256 ("abc"), FIPS 180-2 appendix B.1. */
#define ABC_SHA256 "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

static gint64
insert_document (CivDb *db, const char *record_id, const char *kind, GBytes *content, char **sha)
{
  g_autoptr (GError) error = NULL;
  gint64 id;

  g_assert_true (civ_db_begin (db, &error));
  id = civ_document_insert (db, record_id, kind, "scan.pdf", "application/pdf", content,
                            CIV_TEST_SUPERVISOR, sha, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_true (civ_db_commit (db, &error));
  return id;
}

static void
test_sha256_vector (void)
{
  g_autofree char *hex = civ_document_sha256_hex ("abc", 3);
  g_autofree char *empty = civ_document_sha256_hex ("", 0);

  g_assert_cmpstr (hex, ==, ABC_SHA256);
  g_assert_cmpstr (empty, ==, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void
test_round_trip (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  CivDb           *db = civ_store_get_db (store);
  g_autofree char *record_id = civ_test_insert_marriage (db);
  g_autofree char *other_record = civ_test_insert_marriage (db);
  g_autoptr (GBytes) content = g_bytes_new_static ("abc", 3);
  g_autoptr (GBytes) second = g_bytes_new_static ("%PDF-1.4 second", 15);
  g_autoptr (GBytes) back = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GPtrArray) none = NULL;
  g_autoptr (CivDocumentRow) row = NULL;
  g_autoptr (CivDocumentRow) found = NULL;
  g_autofree char *sha = NULL;
  gint64           id, id2;

  g_assert_cmpint (civ_db_get_schema_version (db), ==, civ_db_get_latest_schema_version ());
  g_assert_cmpint (civ_db_get_schema_version (db), >=, 7);

  id = insert_document (db, record_id, "declaration", content, &sha);
  g_assert_cmpstr (sha, ==, ABC_SHA256);
  id2 = insert_document (db, record_id, "identity-copy", second, NULL);
  g_assert_cmpint (id2, >, id);

  /* Metadata in the order attached, with the operator's display name. */
  rows = civ_document_list (db, record_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  row = civ_document_row_copy (g_ptr_array_index (rows, 0));
  g_assert_cmpint (row->id, ==, id);
  g_assert_cmpstr (row->record_id, ==, record_id);
  g_assert_cmpstr (row->kind, ==, "declaration");
  g_assert_cmpstr (row->file_name, ==, "scan.pdf");
  g_assert_cmpstr (row->media_type, ==, "application/pdf");
  g_assert_cmpint (row->byte_size, ==, 3);
  g_assert_cmpstr (row->sha256, ==, ABC_SHA256);
  g_assert_cmpstr (row->created_by, ==, CIV_TEST_SUPERVISOR);
  g_assert_cmpstr (row->created_by_name, ==, "王主任");
  g_assert_true (
    g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$", row->created_at, 0, 0));
  g_assert_cmpstr (((CivDocumentRow *) g_ptr_array_index (rows, 1))->kind, ==, "identity-copy");

  /* Another record has none. */
  none = civ_document_list (db, other_record, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);

  found = civ_document_find (db, id2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->byte_size, ==, 15);
  g_clear_pointer (&found, civ_document_row_free);
  found = civ_document_find (db, 9999, &error);
  g_assert_no_error (error);
  g_assert_null (found);

  /* The content comes back verified. */
  back = civ_document_read (db, id, &found, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (back, content));
  g_assert_cmpstr (found->sha256, ==, ABC_SHA256);
  g_clear_pointer (&back, g_bytes_unref);
  back = civ_document_read (db, 9999, NULL, &error);
  g_assert_null (back);
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_NOT_FOUND);

  civ_test_rmdir (dir);
}

static void
test_record_must_exist (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  CivDb *db = civ_store_get_db (store);
  g_autoptr (GBytes) content = g_bytes_new_static ("abc", 3);
  g_autoptr (GBytes) empty = g_bytes_new_static ("", 0);
  g_autofree char *record_id = civ_test_insert_marriage (db);
  gint64           n = -1;

  g_assert_true (civ_db_begin (db, &error));
  g_assert_cmpint (civ_document_insert (db, "no-such-record", "declaration", "a.pdf",
                                        "application/pdf", content, CIV_TEST_SUPERVISOR, NULL,
                                        &error),
                   ==, 0);
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_SQLITE);
  g_assert_nonnull (strstr (error->message, "must belong to a marriage record"));
  g_clear_error (&error);

  /* The table's checks: known kinds and media types, nothing empty. */
  g_assert_cmpint (civ_document_insert (db, record_id, "selfie", "a.pdf", "application/pdf",
                                        content, CIV_TEST_SUPERVISOR, NULL, &error),
                   ==, 0);
  g_assert_nonnull (strstr (error->message, "CHECK"));
  g_clear_error (&error);
  g_assert_cmpint (civ_document_insert (db, record_id, "other", "a.exe", "application/x-msdownload",
                                        content, CIV_TEST_SUPERVISOR, NULL, &error),
                   ==, 0);
  g_assert_nonnull (strstr (error->message, "CHECK"));
  g_clear_error (&error);
  g_assert_cmpint (civ_document_insert (db, record_id, "other", "a.pdf", "application/pdf", empty,
                                        CIV_TEST_SUPERVISOR, NULL, &error),
                   ==, 0);
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID);
  g_clear_error (&error);
  civ_db_rollback (db);

  g_assert_true (civ_db_query_int64 (db, "SELECT count(*) FROM documents", &n, &error));
  g_assert_cmpint (n, ==, 0);
  civ_test_rmdir (dir);
}

static void
test_append_only (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  CivDb           *db = civ_store_get_db (store);
  g_autofree char *record_id = civ_test_insert_marriage (db);
  g_autoptr (GBytes) content = g_bytes_new_static ("abc", 3);
  g_autoptr (GBytes) back = NULL;
  gint64      id = insert_document (db, record_id, "declaration", content, NULL);
  const char *edits[] = {
    "UPDATE documents SET file_name = 'other.pdf'",
    "UPDATE documents SET content = X'616263'",
    "UPDATE documents SET kind = 'other'",
    "DELETE FROM documents",
  };
  gint64 n = -1;

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_assert_false (civ_db_exec (db, edits[i], &error));
      g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_SQLITE);
      g_assert_nonnull (strstr (error->message, "documents is append-only"));
      g_clear_error (&error);
    }
  g_assert_true (civ_db_query_int64 (db, "SELECT count(*) FROM documents", &n, &error));
  g_assert_cmpint (n, ==, 1);
  back = civ_document_read (db, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (back, content));
  civ_test_rmdir (dir);
}

/* Someone with the data key goes around the triggers: the content (or the
 * recorded digest) changes, and the next read refuses to hand it out. */
static void
test_tampered_content_detected (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  CivDb           *db = civ_store_get_db (store);
  g_autofree char *record_id = civ_test_insert_marriage (db);
  g_autoptr (GBytes) content = g_bytes_new_static ("abc", 3);
  g_autoptr (GBytes) other = g_bytes_new_static ("%PDF-1.7 other", 14);
  g_autoptr (GBytes) back = NULL;
  g_autoptr (CivDocumentRow) row = NULL;
  gint64 id = insert_document (db, record_id, "declaration", content, NULL);
  gint64 id2 = insert_document (db, record_id, "other", other, NULL);

  g_assert_true (civ_db_exec (db, "DROP TRIGGER documents_no_update", &error));
  g_assert_no_error (error);
  /* Same length, different bytes: only the digest can tell. */
  g_assert_true (civ_db_exec (db, "UPDATE documents SET content = X'616264' WHERE id = 1", &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, 1);
  back = civ_document_read (db, id, &row, &error);
  g_assert_null (back);
  g_assert_null (row);
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "SHA-256"));
  g_assert_nonnull (strstr (error->message, ABC_SHA256));
  g_clear_error (&error);

  /* A rewritten digest column is caught the same way. */
  g_assert_true (
    civ_db_exec (db, "UPDATE documents SET sha256 = '" ABC_SHA256 "' WHERE id = 2", &error));
  back = civ_document_read (db, id2, NULL, &error);
  g_assert_null (back);
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_CORRUPT);
  g_clear_error (&error);

  /* The metadata is still listed: the damage is visible, not hidden. */
  {
    g_autoptr (GPtrArray) rows = civ_document_list (db, record_id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, 2);
  }
  civ_test_rmdir (dir);
}

static void
test_verify_function (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) content = g_bytes_new_static ("abc", 3);

  g_assert_true (civ_document_verify (1, content, 3, ABC_SHA256, &error));
  g_assert_no_error (error);
  /* Upper-case hex is the same digest. */
  g_assert_true (
    civ_document_verify (1, content, 3,
                         "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD",
                         &error));
  g_assert_false (civ_document_verify (1, content, 4, ABC_SHA256, &error));
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_false (
    civ_document_verify (1, content, 3,
                         "0000000000000000000000000000000000000000000000000000000000000000",
                         &error));
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_false (civ_document_verify (1, content, 3, NULL, &error));
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_CORRUPT);
}

/* The content is encrypted at rest with the rest of the database. */
static void
test_no_plaintext (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  CivDb           *db = civ_store_get_db (store);
  g_autofree char *record_id = civ_test_insert_marriage (db);
  const char      *marker = "CIVREG-PLAINTEXT-MARKER-身份证复印件";
  g_autoptr (GString) text = g_string_new ("%PDF-1.4\n");
  g_autoptr (GBytes) content = NULL;
  g_autofree char *db_path = g_build_filename (dir, CIV_STORE_DB_NAME, NULL);
  g_autofree char *wal_path = g_strconcat (db_path, "-wal", NULL);
  const char      *files[] = { db_path, wal_path };

  for (int i = 0; i < 200; i++)
    g_string_append_printf (text, "%s %d\n", marker, i);
  content = g_bytes_new (text->str, text->len);
  insert_document (db, record_id, "identity-copy", content, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr (GBytes) raw = NULL;

      if (!g_file_test (files[i], G_FILE_TEST_EXISTS))
        continue;
      raw = civ_test_read_file (files[i]);
      g_assert_false (civ_test_bytes_contain (raw, marker, strlen (marker)));
      g_assert_false (civ_test_bytes_contain (raw, "%PDF-1.4", 8));
    }
  g_assert_no_error (error);
  civ_test_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/db/documents/sha256-vector", test_sha256_vector);
  g_test_add_func ("/db/documents/round-trip", test_round_trip);
  g_test_add_func ("/db/documents/record-must-exist", test_record_must_exist);
  g_test_add_func ("/db/documents/append-only", test_append_only);
  g_test_add_func ("/db/documents/tampered-content-detected", test_tampered_content_detected);
  g_test_add_func ("/db/documents/verify", test_verify_function);
  g_test_add_func ("/db/documents/no-plaintext", test_no_plaintext);
  return g_test_run ();
}
