/* civ-worker.c — the one thread that talks to the CivStore */
#include "civ-worker.h"

#include <glib/gi18n.h>

struct _CivWorker
{
  GObject parent_instance;

  GThreadPool *pool;
};

G_DEFINE_FINAL_TYPE (CivWorker, civ_worker, G_TYPE_OBJECT)

typedef struct
{
  GTask          *task;
  GTaskThreadFunc func;
} Job;

static void
run_job (gpointer data, gpointer user_data)
{
  Job *job = data;

  /* A job whose window was closed or locked meanwhile does not start. */
  if (!g_task_return_error_if_cancelled (job->task))
    job->func (job->task, g_task_get_source_object (job->task), g_task_get_task_data (job->task),
               g_task_get_cancellable (job->task));
  /* The GTask keeps itself alive until its callback has run on the main
   * thread, so this is never the last reference. */
  g_object_unref (job->task);
  g_free (job);
}

static void
civ_worker_dispose (GObject *object)
{
  civ_worker_shutdown (CIV_WORKER (object));
  G_OBJECT_CLASS (civ_worker_parent_class)->dispose (object);
}

static void
civ_worker_class_init (CivWorkerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = civ_worker_dispose;
}

static void
civ_worker_init (CivWorker *self)
{
  g_autoptr (GError) error = NULL;

  /* One exclusive thread: the queue is FIFO and jobs never overlap. */
  self->pool = g_thread_pool_new (run_job, self, 1, TRUE, &error);
  if (self->pool == NULL)
    g_error ("Could not start the worker thread: %s", error->message);
}

CivWorker *
civ_worker_new (void)
{
  return g_object_new (CIV_TYPE_WORKER, NULL);
}

void
civ_worker_run (CivWorker *self, GTask *task, GTaskThreadFunc func)
{
  Job *job;

  g_return_if_fail (CIV_IS_WORKER (self));
  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (func != NULL);

  if (self->pool == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CLOSED, "%s",
                               _ ("Civreg is shutting down."));
      return;
    }
  job = g_new0 (Job, 1);
  job->task = g_object_ref (task);
  job->func = func;
  g_thread_pool_push (self->pool, job, NULL);
}

void
civ_worker_shutdown (CivWorker *self)
{
  g_return_if_fail (CIV_IS_WORKER (self));

  if (self->pool != NULL)
    g_thread_pool_free (g_steal_pointer (&self->pool), FALSE, TRUE);
}
