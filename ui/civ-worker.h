/* civ-worker.h — the one thread that talks to the CivStore
 *
 * Every CivStore call (SQL, Argon2id) runs here, one job at a time, in the
 * order the jobs were queued: a lock queued after a query runs after it,
 * never during it. Jobs are GTasks, so their results and callbacks come
 * back on the main thread, and a cancelled GCancellable skips a job that
 * has not started yet.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CIV_TYPE_WORKER (civ_worker_get_type ())
G_DECLARE_FINAL_TYPE (CivWorker, civ_worker, CIV, WORKER, GObject)

CivWorker *civ_worker_new (void);

/* Queues @task; @func runs on the worker thread like a
 * g_task_run_in_thread() function and must return a result on @task. */
void civ_worker_run (CivWorker *self, GTask *task, GTaskThreadFunc func);

/* Waits until every queued job has run. The worker accepts no more jobs. */
void civ_worker_shutdown (CivWorker *self);

G_END_DECLS
