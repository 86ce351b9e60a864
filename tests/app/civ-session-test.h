// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-session-test.h — the app service tests' session: a real office on a
 * worker, and a wait for an asynchronous result */
#pragma once

#include "civ-session.h"
#include "civ-test-utils.h"

/* Waits (at most 60 s) until *@result is set by civ_test_store_result. */
static inline GAsyncResult *
civ_test_wait_result (GAsyncResult **result)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (*result == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  return *result;
}

/* A GAsyncReadyCallback that keeps the result in *@user_data. */
static inline void
civ_test_store_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* A session over @store (taken) on a new worker, as @store's operator. */
static inline CivSession *
civ_test_session_new (CivStore *store, CivWorker **worker)
{
  *worker = civ_worker_new ();
  return civ_session_new (*worker, store, "测试民政局", "110101");
}

/* Closes @session and waits for the worker. */
static inline void
civ_test_session_end (CivSession *session, CivWorker *worker)
{
  civ_session_close (session);
  civ_worker_shutdown (worker);
  g_object_unref (session);
  g_object_unref (worker);
}
