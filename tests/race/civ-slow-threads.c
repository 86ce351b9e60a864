// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-slow-threads.c — preloaded by `make race-test`: every job that runs
 * off the main thread starts late, so a test that reads a result before
 * waiting for it fails every time instead of once in a while under load.
 *
 *   CIVREG_SLOW_TASK_MS   delay before each g_task_run_in_thread () job
 *                         (default 200)
 *   CIVREG_SLOW_QUEUE_MS  delay after each job the application's own
 *                         threads (the database worker, the scanner) take
 *                         from their queue (default 100)
 *
 * It wraps the two GLib calls by symbol interposition (LD_PRELOAD); the
 * application is not changed. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <gio/gio.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static gulong
delay_ms (const char *variable, gulong fallback)
{
  const char *value = g_getenv (variable);
  gchar      *end = NULL;
  guint64     ms;

  if (value == NULL || *value == '\0')
    return fallback;
  ms = g_ascii_strtoull (value, &end, 10);
  if (end == value || *end != '\0' || ms > 60000)
    g_error ("%s must be a number of milliseconds up to 60000, not “%s”", variable, value);
  return (gulong) ms;
}

static GQuark
func_quark (void)
{
  return g_quark_from_static_string ("civ-slow-threads-func");
}

static void
late_job (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GTaskThreadFunc func = g_object_get_qdata (G_OBJECT (task), func_quark ());

  g_usleep (delay_ms ("CIVREG_SLOW_TASK_MS", 200) * 1000);
  func (task, source, task_data, cancellable);
}

void
g_task_run_in_thread (GTask *task, GTaskThreadFunc task_func)
{
  static void (*real) (GTask *, GTaskThreadFunc);

  if (real == NULL)
    real = (void (*) (GTask *, GTaskThreadFunc)) dlsym (RTLD_NEXT, "g_task_run_in_thread");
  g_object_set_qdata (G_OBJECT (task), func_quark (), (gpointer) task_func);
  real (task, late_job);
}

gpointer
g_async_queue_pop (GAsyncQueue *queue)
{
  static gpointer (*real) (GAsyncQueue *);
  char     name[16] = "";
  gpointer item;

  if (real == NULL)
    real = (gpointer (*) (GAsyncQueue *)) dlsym (RTLD_NEXT, "g_async_queue_pop");
  item = real (queue);
  pthread_getname_np (pthread_self (), name, sizeof name);
  if (strcmp (name, "civ-db-worker") == 0 || strcmp (name, "civ-scanner") == 0)
    g_usleep (delay_ms ("CIVREG_SLOW_QUEUE_MS", 100) * 1000);
  return item;
}
