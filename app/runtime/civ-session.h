// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-session.h — one operator's open office
 *
 * Owns the CivStore after a successful login and hands it only to jobs on
 * the worker thread: the main thread never calls into the store. What the
 * windows show about the operator and the office is copied here at login.
 */
#pragma once

#include <gio/gio.h>

#include "civ-permissions.h"
#include "civ-report.h"
#include "civ-store.h"
#include "civ-worker.h"

G_BEGIN_DECLS

#define CIV_TYPE_SESSION (civ_session_get_type ())
G_DECLARE_FINAL_TYPE (CivSession, civ_session, CIV, SESSION, GObject)

/* Runs on the worker with the open store. Returns FALSE and sets @error on
 * failure; otherwise may set *@result (freed with the call's result_free
 * when nobody takes it). */
typedef gboolean (*CivStoreFunc) (CivStore *store, gpointer data, gpointer *result, GError **error);

/* Takes ownership of @store, which must be open and used only by @worker
 * from now on. @granted is civ_operator_grants (@store), read on the
 * thread that opened it: the permissions given to the operator alone. */
CivSession *civ_session_new (CivWorker  *worker,
                             CivStore   *store,
                             const char *office_name,
                             const char *office_code,
                             guint32     granted);

CivWorker  *civ_session_get_worker (CivSession *self);
const char *civ_session_get_login (CivSession *self);
const char *civ_session_get_display_name (CivSession *self);
CivRole     civ_session_get_role (CivSession *self);
/* Whether the operator may do @perm, by role or by a grant given to them
 * (CIV_PERM_ADOPTION to a registrar), as it stood at login. The services
 * check again on every call (civ_require ()). */
gboolean    civ_session_may (CivSession *self, CivPermission perm);
const char *civ_session_get_office_name (CivSession *self);
const char *civ_session_get_office_code (CivSession *self);
gboolean    civ_session_get_locked (CivSession *self);
gboolean    civ_session_is_closed (CivSession *self);

/* Queues @func on the worker. Fails with "locked" while the session is
 * locked and with "logged out" after civ_session_close(). */
void civ_session_call (CivSession         *self,
                       gpointer            source_object,
                       GCancellable       *cancellable,
                       CivStoreFunc        func,
                       gpointer            data,
                       GDestroyNotify      data_free,
                       GDestroyNotify      result_free,
                       GAsyncReadyCallback callback,
                       gpointer            user_data);
/* Runs off the worker with the job's data: the province, a device. */
typedef void (*CivNetFunc) (gpointer data, GCancellable *cancellable);

/* @before on the worker, then @net on another thread (so the worker serves
 * other jobs meanwhile), then @after on the worker, whose result is the
 * call's; finish with civ_session_call_finish(). @cancellable aborts @net's
 * I/O; @after runs all the same, so what was asked is recorded. */
void     civ_session_call_staged (CivSession         *self,
                                  gpointer            source_object,
                                  GCancellable       *cancellable,
                                  CivStoreFunc        before,
                                  CivNetFunc          net,
                                  CivStoreFunc        after,
                                  gpointer            data,
                                  GDestroyNotify      data_free,
                                  GDestroyNotify      result_free,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data);
gboolean civ_session_call_finish (CivSession   *self,
                                  GAsyncResult *result,
                                  gpointer     *value,
                                  GError      **error);

/* The job's result (taken), or NULL: with @error set when the job failed. */
gpointer civ_session_call_finish_value (CivSession *self, GAsyncResult *result, GError **error);

/* Signal "reports-queued": emitted in the main context of the thread that
 * made the session after a job queued rows for the province (any kind of
 * registration, civ_outbox_enqueue ()): the one place the sender is woken. */

/* Marks the session locked at once (notify::locked) and queues
 * civ_store_lock(), which audits and drops the data key. */
void     civ_session_lock (CivSession *self);
void     civ_session_unlock_async (CivSession         *self,
                                   const char         *password,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data);
gboolean civ_session_unlock_finish (CivSession *self, GAsyncResult *result, GError **error);

/* A report sync (civ_report_sync_async()): its database steps run on the
 * worker, its POSTs on another thread; @cancellable aborts a POST. */
void civ_session_sync_reports (CivSession                 *self,
                               gpointer                    source_object,
                               const CivReportSyncOptions *options,
                               GCancellable               *cancellable,
                               GAsyncReadyCallback         callback,
                               gpointer                    user_data);

/* Audits the log-out and releases the store on the worker. */
void civ_session_close (CivSession *self);

/* For tests: the store. Only look at it while the worker is idle. */
CivStore *_civ_session_peek_store (CivSession *self);

G_END_DECLS
