// SPDX-License-Identifier: GPL-3.0-or-later
/* test-session.c — the session wakes the sender in one place: after any
 * job that queued reports for the province ("reports-queued"), whatever
 * kind of registration queued them; never after a job that only read, nor
 * after one that failed */
#include "civ-registry-store.h"
#include "civ-session.h"
#include "civ-test-utils.h"

static gboolean
enqueue_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  return civ_outbox_enqueue (civ_store_get_db (store), data, "rec-1", 1, "{}", error);
}

static gboolean
fail_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "refused");
  return FALSE;
}

static void
on_reports_queued_cb (CivSession *session, guint *n)
{
  (*n)++;
}

static gboolean
run (CivSession *session, CivStoreFunc func, const char *kind)
{
  g_autoptr (GAsyncResult) result = NULL;
  GAsyncResult *pending = NULL;

  civ_session_call (session, NULL, NULL, func, (gpointer) kind, NULL, NULL, civ_test_keep_result,
                    &pending);
  result = civ_test_wait_result (&pending);
  return civ_session_call_finish (session, result, NULL, NULL);
}

/* Lets what the worker handed to the main context run. */
static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_reports_queued (void)
{
  g_autofree char *dir = NULL;
  CivSession      *session = civ_test_session_new (civ_test_new_office (&dir, NULL));
  guint            n = 0;

  g_signal_connect (session, "reports-queued", G_CALLBACK (on_reports_queued_cb), &n);
  /* Reading wakes nothing. */
  g_assert_cmpint (civ_test_session_count (session, "SELECT count(*) FROM outbox"), ==, 0);
  settle ();
  g_assert_cmpuint (n, ==, 0);
  /* A marriage, then a divorce: the same signal, from the same place. */
  g_assert_true (run (session, enqueue_func, "marriage"));
  settle ();
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (run (session, enqueue_func, "divorce"));
  settle ();
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (civ_test_session_count (session, "SELECT count(*) FROM outbox"), ==, 2);
  /* A job that failed queued nothing to announce. */
  g_assert_false (run (session, fail_func, NULL));
  settle ();
  g_assert_cmpuint (n, ==, 2);

  civ_test_session_close (session);
  civ_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/session/reports-queued", test_reports_queued);
  return g_test_run ();
}
