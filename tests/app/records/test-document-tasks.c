// SPDX-License-Identifier: GPL-3.0-or-later
/* test-document-tasks.c — a record's documents on the session's worker:
 * read a file, attach it, list it with its thumbnail, open it (audited) */
#include <glib.h>
#include <glib/gstdio.h>

#include "civ-document-tasks.h"
#include "civ-record-query.h"
#include "civ-test-utils.h"

typedef struct
{
  char       *dir;
  char       *record_id;
  char       *png;
  CivSession *session;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  static const char *const names[] = { "王强", "赵敏" };
  g_autoptr (GError) error = NULL;
  CivStore        *store = civ_test_new_office (&f->dir, NULL);
  g_autofree char *his = civ_test_make_id ("110101", "19900101", 3);
  g_autofree char *hers = civ_test_make_id ("110101", "19920202", 4);
  g_autofree char *j = civ_test_register_couple (store, names, his, hers, 2020);
  g_autoptr (CivMarriageRecord) record = civ_record_query_marriage (store, j, &error);

  g_assert_no_error (error);
  f->record_id = g_strdup (record->record_id);
  f->png = g_build_filename (f->dir, "photo.png", NULL);
  g_assert_true (
    g_file_set_contents (f->png, (const char *) civ_test_tiny_png, sizeof civ_test_tiny_png, NULL));
  f->session = civ_test_session_new (store);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  civ_test_session_close (f->session);
  civ_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->record_id);
  g_free (f->png);
}

static CivDocumentInput *
read_file (Fixture *f, const char *path, GError **error)
{
  GAsyncResult *pending = NULL;
  g_autoptr (GAsyncResult) result = NULL;

  civ_document_read_file_async (f->session, NULL, path, NULL, civ_test_keep_result, &pending);
  result = civ_test_wait_result (&pending);
  return civ_document_read_file_finish (f->session, result, error);
}

static CivDocumentListing *
listing (Fixture *f, GError **error)
{
  GAsyncResult *pending = NULL;
  g_autoptr (GAsyncResult) result = NULL;

  civ_document_load_listing_async (f->session, NULL, f->record_id, NULL, civ_test_keep_result,
                                   &pending);
  result = civ_test_wait_result (&pending);
  return civ_document_load_listing_finish (f->session, result, error);
}

static void
test_attach_and_open (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "missing.png", NULL);
  g_autoptr (CivDocumentInput) none = NULL;
  g_autoptr (CivDocumentListing) empty = NULL;
  g_autoptr (CivDocumentListing) one = NULL;
  g_autoptr (GBytes) content = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  GAsyncResult         *pending = NULL;
  CivDocumentInput     *input;
  const CivDocumentRow *row;
  gint64                views;

  empty = listing (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (empty->rows->len, ==, 0);

  none = read_file (f, missing, &error);
  g_assert_null (none);
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Read and checked; the kind is asked for afterwards. */
  input = read_file (f, f->png, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (input->media_type, ==, "image/png");
  g_assert_cmpint (input->kind, ==, CIV_DOCUMENT_OTHER);
  input->kind = CIV_DOCUMENT_COUPLE_PHOTO;
  civ_document_attach_async (f->session, NULL, f->record_id, input, NULL, civ_test_keep_result,
                             &pending);
  result = civ_test_wait_result (&pending);
  g_assert_true (civ_document_attach_finish (f->session, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  /* Listed with the content of its thumbnail (not audited as a view). */
  views = civ_test_session_count (f->session,
                                  "SELECT count(*) FROM audit_log WHERE action = 'document.view'");
  one = listing (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (one->rows->len, ==, 1);
  g_assert_nonnull (one->contents->pdata[0]);
  g_assert_null (one->problems->pdata[0]);
  g_assert_cmpint (civ_test_session_count (f->session, "SELECT count(*) FROM audit_log WHERE "
                                                       "action = 'document.view'"),
                   ==, views);
  row = g_ptr_array_index (one->rows, 0);

  /* Opened for viewing: the same bytes, and the look is audited. */
  civ_document_open_async (f->session, NULL, row->id, NULL, civ_test_keep_result, &pending);
  result = civ_test_wait_result (&pending);
  content = civ_document_open_finish (f->session, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (content), ==, sizeof civ_test_tiny_png);
  g_assert_cmpint (civ_test_session_count (f->session, "SELECT count(*) FROM audit_log WHERE "
                                                       "action = 'document.view'"),
                   ==, views + 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/document-tasks/attach-and-open", Fixture, NULL, fixture_set_up,
              test_attach_and_open, fixture_tear_down);
  return g_test_run ();
}
