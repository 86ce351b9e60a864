// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-worker.c — the one thread that owns the database connection */
#include "civ-worker.h"

#include <glib/gi18n-lib.h>

struct _CivWorker
{
  GObject parent_instance;

  GAsyncQueue *queue; /* Job*; NULL job = stop */
  GThread     *thread;
  GMutex       lock;
  gboolean     stopped;
};

G_DEFINE_FINAL_TYPE (CivWorker, civ_worker, G_TYPE_OBJECT)

typedef struct
{
  GTask          *task;
  GTaskThreadFunc func;
} Job;

static void
run_job (Job *job)
{
  /* A job whose window was closed or locked meanwhile does not start. */
  if (!g_task_return_error_if_cancelled (job->task))
    job->func (job->task, g_task_get_source_object (job->task), g_task_get_task_data (job->task),
               g_task_get_cancellable (job->task));
  /* The GTask keeps itself alive until its callback has run in its
   * context, so this is never the last reference. */
  g_object_unref (job->task);
}

static gpointer
thread_main (gpointer data)
{
  GAsyncQueue *queue = data;
  Job         *job;

  while ((job = g_async_queue_pop (queue)) != NULL && job->task != NULL)
    {
      run_job (job);
      g_free (job);
    }
  g_free (job);
  g_async_queue_unref (queue);
  return NULL;
}

static void
civ_worker_dispose (GObject *object)
{
  civ_worker_shutdown (CIV_WORKER (object));
  G_OBJECT_CLASS (civ_worker_parent_class)->dispose (object);
}

static void
civ_worker_finalize (GObject *object)
{
  CivWorker *self = CIV_WORKER (object);

  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (civ_worker_parent_class)->finalize (object);
}

static void
civ_worker_class_init (CivWorkerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = civ_worker_dispose;
  G_OBJECT_CLASS (klass)->finalize = civ_worker_finalize;
}

static void
civ_worker_init (CivWorker *self)
{
  g_mutex_init (&self->lock);
  self->queue = g_async_queue_new ();
  self->thread = g_thread_new ("civ-db-worker", thread_main, g_async_queue_ref (self->queue));
}

CivWorker *
civ_worker_new (void)
{
  return g_object_new (CIV_TYPE_WORKER, NULL);
}

static gboolean
push (CivWorker *self, Job *job)
{
  gboolean ok;

  g_mutex_lock (&self->lock);
  ok = !self->stopped;
  if (ok)
    g_async_queue_push (self->queue, job);
  g_mutex_unlock (&self->lock);
  return ok;
}

void
civ_worker_run (CivWorker *self, GTask *task, GTaskThreadFunc func)
{
  Job *job;

  g_return_if_fail (CIV_IS_WORKER (self));
  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (func != NULL);

  job = g_new0 (Job, 1);
  job->task = g_object_ref (task);
  job->func = func;
  if (!push (self, job))
    {
      g_object_unref (job->task);
      g_free (job);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CLOSED, "%s",
                               _ ("Civreg is shutting down."));
    }
}

void
civ_worker_adopt (CivWorker *self, CivDb *db)
{
  g_return_if_fail (CIV_IS_WORKER (self));
  g_return_if_fail (CIV_IS_DB (db));
  civ_db_set_owner (db, self->thread);
}

void
civ_worker_adopt_store (CivWorker *self, CivStore *store)
{
  g_return_if_fail (CIV_IS_WORKER (self));
  g_return_if_fail (CIV_IS_STORE (store));
  civ_store_set_owner (store, self->thread);
}

void
civ_worker_shutdown (CivWorker *self)
{
  GThread *thread;

  g_return_if_fail (CIV_IS_WORKER (self));

  g_mutex_lock (&self->lock);
  if (self->stopped)
    {
      g_mutex_unlock (&self->lock);
      return;
    }
  self->stopped = TRUE;
  /* The stop mark: an empty job after every job already queued. */
  g_async_queue_push (self->queue, g_new0 (Job, 1));
  g_mutex_unlock (&self->lock);
  thread = g_steal_pointer (&self->thread);
  if (thread == g_thread_self ())
    g_thread_unref (thread);
  else
    g_thread_join (thread);
  g_clear_pointer (&self->queue, g_async_queue_unref);
}
