// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-worker.h — the one thread that owns the database connection
 * (architecture.md §2 "Threads")
 *
 * Every CivStore call (SQL, Argon2id) of the GUI and of the list models runs
 * here, one job at a time, in the order the jobs were queued: a lock queued
 * after a query runs after it, never during it. Jobs are GTasks, so their
 * results and callbacks come back in the caller's main context, and a
 * cancelled GCancellable skips a job that has not started yet.
 *
 * The province and the devices never run here: a job reads or writes, then
 * returns; network I/O happens between two jobs (civ-report.h).
 * civ_worker_adopt() binds a database to the worker's thread, and debug
 * builds then abort when any other thread runs SQL on it (civ_db_set_owner()).
 */
#pragma once

#include <gio/gio.h>

#include "civ-db.h"
#include "civ-store.h"

G_BEGIN_DECLS

#define CIV_TYPE_WORKER (civ_worker_get_type ())
G_DECLARE_FINAL_TYPE (CivWorker, civ_worker, CIV, WORKER, GObject)

CivWorker *civ_worker_new (void);

/* Queues @task; @func runs on the worker thread like a
 * g_task_run_in_thread() function and must return a result on @task. */
void civ_worker_run (CivWorker *self, GTask *task, GTaskThreadFunc func);

/* From now on only the worker's thread may use @db (checked in debug
 * builds); civ_db_set_owner (db, NULL) releases it. */
void civ_worker_adopt (CivWorker *self, CivDb *db);
/* The same for every connection @store opens, now and after an unlock. */
void civ_worker_adopt_store (CivWorker *self, CivStore *store);

/* Waits until every queued job has run. The worker accepts no more jobs. */
void civ_worker_shutdown (CivWorker *self);

G_END_DECLS
