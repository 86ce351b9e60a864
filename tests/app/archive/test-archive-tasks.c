// SPDX-License-Identifier: GPL-3.0-or-later
/* test-archive-tasks.c — the import as a worker job for the windows
 * (civ-archive-tasks.h): its progress arrives in the caller's main context,
 * the progress data is released once, before the result; a cancel stops it
 * with nothing written; a dry run reads every row. */
#include <glib/gstdio.h>

#include "civ-archive-tasks.h"
#include "civ-test-utils.h"

typedef struct
{
  GThread      *main_thread;
  GCancellable *cancel_on_progress;
  guint         calls;
  guint         destroyed;
  guint64       last_rows;
  gboolean      result_seen; /* set by the test when the result came */
  gboolean      late;        /* a progress call after the result */
  gboolean      off_thread;  /* a progress call on another thread */
} Watch;

static void
on_progress (guint64  rows,
             guint64  bytes_done,
             guint64  bytes_total,
             double   rate,
             double   left,
             gpointer user_data)
{
  Watch *w = user_data;

  w->calls++;
  w->last_rows = rows;
  w->off_thread |= g_thread_self () != w->main_thread;
  w->late |= w->result_seen || w->destroyed > 0;
  if (w->cancel_on_progress != NULL)
    g_cancellable_cancel (w->cancel_on_progress);
}

static void
on_destroy (gpointer user_data)
{
  Watch *w = user_data;

  g_assert_false (w->result_seen);
  w->destroyed++;
}

static char *
write_csv (const char *dir, guint rows)
{
  g_autoptr (GString) text =
    g_string_new ("kind,date,office_code,party1_name,party1_sex,party2_name,party2_sex\n");
  char *path = g_build_filename (dir, "backfill.csv", NULL);

  for (guint i = 0; i < rows; i++)
    g_string_append_printf (text, "marriage,1987-%02u-%02u,310101,王%u,男,赵%u,女\n", 1 + i % 12,
                            1 + i % 28, i, i);
  g_assert_true (g_file_set_contents (path, text->str, (gssize) text->len, NULL));
  return path;
}

/* A session as the supervisor, who may import. */
static CivSession *
office_session (char **dir)
{
  return civ_test_session_new (civ_test_new_office (dir, NULL));
}

static void
test_cancel (void)
{
  g_autofree char *dir = NULL;
  CivSession      *session = office_session (&dir);
  g_autofree char *files = civ_test_mkdtemp ();
  g_autofree char *csv = write_csv (files, 100000);
  g_autoptr (CivImportOptions) options = civ_import_options_new (csv);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  GAsyncResult *result = NULL;
  Watch         w = { g_thread_self (), cancellable };
  gint64        before = civ_test_session_count (session, "SELECT count(*) FROM marriages");

  civ_archive_import_async (session, NULL, options, on_progress, &w, on_destroy, cancellable,
                            civ_test_keep_result, &result);
  civ_test_await (&result);
  w.result_seen = TRUE;
  g_assert_null (civ_archive_import_finish (session, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&result);
  g_assert_cmpuint (w.calls, >=, 1);
  g_assert_cmpuint (w.destroyed, ==, 1);
  g_assert_false (w.off_thread);
  g_assert_false (w.late);
  g_assert_cmpint (civ_test_session_count (session, "SELECT count(*) FROM marriages"), ==, before);
  g_assert_cmpint (civ_test_session_count (session, "SELECT count(*) FROM archive_imports"), ==, 0);
  civ_test_session_close (session);
  civ_test_rmdir (dir);
  civ_test_rmdir (files);
}

static void
test_dry_run (void)
{
  g_autofree char *dir = NULL;
  CivSession      *session = office_session (&dir);
  g_autofree char *files = civ_test_mkdtemp ();
  g_autofree char *csv = write_csv (files, 500);
  g_autoptr (CivImportOptions) options = civ_import_options_new (csv);
  g_autoptr (CivImportResult) done = NULL;
  g_autoptr (GError) error = NULL;
  GAsyncResult *result = NULL;
  Watch         w = { g_thread_self (), NULL };

  options->dry_run = TRUE;
  civ_archive_import_async (session, NULL, options, on_progress, &w, on_destroy, NULL,
                            civ_test_keep_result, &result);
  civ_test_await (&result);
  w.result_seen = TRUE;
  done = civ_archive_import_finish (session, result, &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_nonnull (done);
  g_assert_cmpuint (done->rows_read, ==, 500);
  g_assert_false (done->committed);
  /* The last figures arrive before the result, and nothing after it. */
  g_assert_cmpuint (w.calls, >=, 1);
  g_assert_cmpuint (w.last_rows, ==, 500);
  g_assert_cmpuint (w.destroyed, ==, 1);
  g_assert_false (w.off_thread);
  g_assert_false (w.late);
  civ_test_session_close (session);
  civ_test_rmdir (dir);
  civ_test_rmdir (files);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/archive-tasks/import-cancel", test_cancel);
  g_test_add_func ("/archive-tasks/import-dry-run", test_dry_run);
  return g_test_run ();
}
