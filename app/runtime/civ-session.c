// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-session.c — one operator's open office */
#include "civ-session.h"

#include <string.h>

#include <glib/gi18n.h>

struct _CivSession
{
  GObject parent_instance;

  CivWorker *worker;
  /* Touched only by jobs on the worker thread once the session exists. */
  CivStore  *store;

  char         *login;
  char         *display_name;
  CivRole       role;
  guint32       granted; /* civ_operator_grants () at login */
  char         *office_name;
  char         *office_code;
  gboolean      locked;
  gboolean      closed;
  /* Where "reports-queued" is emitted: the thread that made the session. */
  GMainContext *context;
};

G_DEFINE_FINAL_TYPE (CivSession, civ_session, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_LOCKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  REPORTS_QUEUED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
password_free (char *password)
{
  if (password == NULL)
    return;
  explicit_bzero (password, strlen (password));
  g_free (password);
}

typedef struct
{
  CivSession    *session;
  CivStoreFunc   func;
  gpointer       data;
  GDestroyNotify data_free;
  GDestroyNotify result_free;
  gboolean       needs_open;
} Call;

static void
call_free (Call *call)
{
  if (call->data_free && call->data)
    call->data_free (call->data);
  g_object_unref (call->session);
  g_free (call);
}

static guint
outbox_serial (CivStore *store)
{
  CivDb *db = store != NULL ? civ_store_get_db (store) : NULL;

  return db != NULL ? civ_db_get_outbox_serial (db) : 0;
}

static gboolean
emit_reports_queued (gpointer data)
{
  CivSession *self = data;

  if (!self->closed)
    g_signal_emit (self, signals[REPORTS_QUEUED], 0);
  return G_SOURCE_REMOVE;
}

static void
run_call (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  Call       *call = task_data;
  CivSession *self = call->session;
  g_autoptr (GError) error = NULL;
  gpointer result = NULL;
  gboolean ok = FALSE;

  if (self->store == NULL)
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CLOSED, _ ("You are logged out."));
  else if (call->needs_open && civ_store_is_locked (self->store))
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                         _ ("The workstation is locked."));
  else
    {
      guint before = outbox_serial (self->store);

      ok = call->func (self->store, call->data, &result, &error);
      /* Whatever the job registered, the sender hears of it here. */
      if (ok && outbox_serial (self->store) != before)
        g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, emit_reports_queued,
                                    g_object_ref (self), g_object_unref);
    }

  if (ok)
    g_task_return_pointer (task, result, call->result_free);
  else if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
                             _ ("Something went wrong."));
}

static void
queue_call (CivSession         *self,
            gboolean            needs_open,
            gpointer            source_object,
            GCancellable       *cancellable,
            CivStoreFunc        func,
            gpointer            data,
            GDestroyNotify      data_free,
            GDestroyNotify      result_free,
            GAsyncReadyCallback callback,
            gpointer            user_data)
{
  g_autoptr (GTask) task = g_task_new (source_object, cancellable, callback, user_data);
  Call *call = g_new0 (Call, 1);

  call->session = g_object_ref (self);
  call->func = func;
  call->data = data;
  call->data_free = data_free;
  call->result_free = result_free;
  call->needs_open = needs_open;
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);
  g_task_set_source_tag (task, civ_session_call);
  civ_worker_run (self->worker, task, run_call);
}

static void
civ_session_finalize (GObject *object)
{
  CivSession *self = CIV_SESSION (object);

  /* Normally civ_session_close() has released the store on the worker. */
  g_clear_object (&self->store);
  g_clear_object (&self->worker);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->login);
  g_free (self->display_name);
  g_free (self->office_name);
  g_free (self->office_code);
  G_OBJECT_CLASS (civ_session_parent_class)->finalize (object);
}

static void
civ_session_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CivSession *self = CIV_SESSION (object);

  switch (prop_id)
    {
    case PROP_LOCKED:
      g_value_set_boolean (value, self->locked);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
civ_session_class_init (CivSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = civ_session_finalize;
  object_class->get_property = civ_session_get_property;

  properties[PROP_LOCKED] =
    g_param_spec_boolean ("locked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted in the session's main context after a job queued rows for the
   * province, whatever kind of registration it was: the sender wakes. */
  signals[REPORTS_QUEUED] = g_signal_new ("reports-queued", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
civ_session_init (CivSession *self)
{
  self->context = g_main_context_ref_thread_default ();
}

CivSession *
civ_session_new (CivWorker  *worker,
                 CivStore   *store,
                 const char *office_name,
                 const char *office_code,
                 guint32     granted)
{
  CivSession        *self;
  const CivOperator *op;

  g_return_val_if_fail (CIV_IS_WORKER (worker), NULL);
  g_return_val_if_fail (CIV_IS_STORE (store), NULL);

  op = civ_store_get_operator (store);
  self = g_object_new (CIV_TYPE_SESSION, NULL);
  self->worker = g_object_ref (worker);
  self->store = store;
  /* From here on SQL runs only on the worker (checked in debug builds). */
  civ_worker_adopt_store (worker, store);
  self->login = g_strdup (op->login);
  self->display_name = g_strdup (op->display_name);
  self->role = op->role;
  self->granted = granted;
  self->office_name = g_strdup (office_name);
  self->office_code = g_strdup (office_code);
  return self;
}

CivWorker *
civ_session_get_worker (CivSession *self)
{
  g_return_val_if_fail (CIV_IS_SESSION (self), NULL);
  return self->worker;
}

const char *
civ_session_get_login (CivSession *self)
{
  g_return_val_if_fail (CIV_IS_SESSION (self), NULL);
  return self->login;
}

const char *
civ_session_get_display_name (CivSession *self)
{
  g_return_val_if_fail (CIV_IS_SESSION (self), NULL);
  return self->display_name;
}

CivRole
civ_session_get_role (CivSession *self)
{
  g_return_val_if_fail (CIV_IS_SESSION (self), CIV_ROLE_INVALID);
  return self->role;
}

gboolean
civ_session_may (CivSession *self, CivPermission perm)
{
  g_return_val_if_fail (CIV_IS_SESSION (self), FALSE);
  if (perm >= CIV_N_PERMS)
    return FALSE;
  return civ_role_allows (self->role, perm) || (self->granted & (1u << perm)) != 0;
}

const char *
civ_session_get_office_name (CivSession *self)
{
  g_return_val_if_fail (CIV_IS_SESSION (self), NULL);
  return self->office_name;
}

const char *
civ_session_get_office_code (CivSession *self)
{
  g_return_val_if_fail (CIV_IS_SESSION (self), NULL);
  return self->office_code;
}

gboolean
civ_session_get_locked (CivSession *self)
{
  g_return_val_if_fail (CIV_IS_SESSION (self), TRUE);
  return self->locked;
}

gboolean
civ_session_is_closed (CivSession *self)
{
  g_return_val_if_fail (CIV_IS_SESSION (self), TRUE);
  return self->closed;
}

void
civ_session_call (CivSession         *self,
                  gpointer            source_object,
                  GCancellable       *cancellable,
                  CivStoreFunc        func,
                  gpointer            data,
                  GDestroyNotify      data_free,
                  GDestroyNotify      result_free,
                  GAsyncReadyCallback callback,
                  gpointer            user_data)
{
  g_return_if_fail (CIV_IS_SESSION (self));
  g_return_if_fail (func != NULL);

  queue_call (self, TRUE, source_object, cancellable, func, data, data_free, result_free, callback,
              user_data);
}

/* A staged call: @before on the worker, @net on a thread of GLib's pool
 * (never the worker), @after on the worker; the outer task carries the
 * caller's data and @after's result. */
typedef struct
{
  Call        *call; /* data, data_free, result_free of the whole call */
  CivStoreFunc before;
  CivNetFunc   net;
  CivStoreFunc after;
} Staged;

static void
staged_free (Staged *staged)
{
  call_free (staged->call);
  g_free (staged);
}

static void on_staged_before_cb (GObject *source, GAsyncResult *result, gpointer user_data);
static void on_staged_after_cb (GObject *source, GAsyncResult *result, gpointer user_data);

static gboolean
staged_before (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  Staged *staged = data;
  return staged->before (store, staged->call->data, result, error);
}

static gboolean
staged_after (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  Staged *staged = data;
  return staged->after (store, staged->call->data, result, error);
}

static void
staged_net (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GTask  *outer = g_task_get_source_object (task);
  Staged *staged = g_task_get_task_data (outer);

  staged->net (staged->call->data, g_task_get_cancellable (outer));
  g_task_return_boolean (task, TRUE);
}

static void
on_staged_net_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask  *outer = G_TASK (source);
  Staged *staged = g_task_get_task_data (outer);

  /* The answer is recorded even when the caller gave up meanwhile. */
  queue_call (staged->call->session, TRUE, outer, NULL, staged_after, staged, NULL, NULL,
              on_staged_after_cb, NULL);
}

static void
on_staged_before_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask  *outer = G_TASK (source);
  GError *error = NULL;

  g_task_propagate_pointer (G_TASK (result), &error);
  if (error != NULL)
    {
      g_task_return_error (outer, error);
      g_object_unref (outer);
      return;
    }
  {
    g_autoptr (GTask) net = g_task_new (outer, NULL, on_staged_net_cb, NULL);
    g_task_run_in_thread (net, staged_net);
  }
}

static void
on_staged_after_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask   *outer = G_TASK (source);
  Staged  *staged = g_task_get_task_data (outer);
  GError  *error = NULL;
  gpointer value = g_task_propagate_pointer (G_TASK (result), &error);

  if (error != NULL)
    g_task_return_error (outer, error);
  else
    g_task_return_pointer (outer, value, staged->call->result_free);
  g_object_unref (outer);
}

void
civ_session_call_staged (CivSession         *self,
                         gpointer            source_object,
                         GCancellable       *cancellable,
                         CivStoreFunc        before,
                         CivNetFunc          net,
                         CivStoreFunc        after,
                         gpointer            data,
                         GDestroyNotify      data_free,
                         GDestroyNotify      result_free,
                         GAsyncReadyCallback callback,
                         gpointer            user_data)
{
  GTask  *outer;
  Staged *staged;

  g_return_if_fail (CIV_IS_SESSION (self));
  g_return_if_fail (before != NULL && net != NULL && after != NULL);

  outer = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (outer, civ_session_call_staged);
  staged = g_new0 (Staged, 1);
  staged->call = g_new0 (Call, 1);
  staged->call->session = g_object_ref (self);
  staged->call->data = data;
  staged->call->data_free = data_free;
  staged->call->result_free = result_free;
  staged->before = before;
  staged->net = net;
  staged->after = after;
  g_task_set_task_data (outer, staged, (GDestroyNotify) staged_free);
  queue_call (self, TRUE, outer, cancellable, staged_before, staged, NULL, NULL,
              on_staged_before_cb, NULL);
}

gboolean
civ_session_call_finish (CivSession *self, GAsyncResult *result, gpointer *value, GError **error)
{
  g_autoptr (GError) local = NULL;
  gpointer out;

  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  out = g_task_propagate_pointer (G_TASK (result), &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (value != NULL)
    *value = out;
  else if (out != NULL)
    {
      gpointer data = g_task_get_task_data (G_TASK (result));
      Call    *call = g_task_get_source_tag (G_TASK (result)) == civ_session_call_staged
                        ? ((Staged *) data)->call
                        : data;
      if (call->result_free)
        call->result_free (out);
    }
  return TRUE;
}

gpointer
civ_session_call_finish_value (CivSession *self, GAsyncResult *result, GError **error)
{
  gpointer value = NULL;

  if (!civ_session_call_finish (self, result, &value, error))
    return NULL;
  return value;
}

static gboolean
lock_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  civ_store_lock (store);
  return TRUE;
}

void
civ_session_lock (CivSession *self)
{
  g_return_if_fail (CIV_IS_SESSION (self));

  if (self->locked || self->closed)
    return;
  self->locked = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
  /* Serial worker: runs after any query already queued, never beside it. */
  queue_call (self, FALSE, NULL, NULL, lock_func, NULL, NULL, NULL, NULL, NULL);
}

static gboolean
unlock_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  return civ_store_unlock (store, data, error);
}

static void
on_unlock_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  CivSession *self = g_task_get_source_object (task);
  g_autoptr (GError) error = NULL;

  if (!civ_session_call_finish (self, result, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (self->locked && !self->closed)
    {
      self->locked = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
    }
  g_task_return_boolean (task, TRUE);
}

void
civ_session_unlock_async (CivSession         *self,
                          const char         *password,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  GTask *task;

  g_return_if_fail (CIV_IS_SESSION (self));
  g_return_if_fail (password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, civ_session_unlock_async);
  /* The unlock itself is not cancellable: once the key is back, the
   * session's state must follow, whoever asked. */
  queue_call (self, FALSE, self, NULL, unlock_func, g_strdup (password),
              (GDestroyNotify) password_free, NULL, on_unlock_done_cb, task);
}

gboolean
civ_session_unlock_finish (CivSession *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
close_job (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  CivSession *self = task_data;

  if (self->store != NULL)
    {
      if (!civ_store_is_locked (self->store))
        civ_store_audit (self->store, "logout", self->login, NULL, NULL);
      /* The last reference: the connection closes and the data key is
       * wiped here, on the worker. */
      g_clear_object (&self->store);
    }
  g_task_return_boolean (task, TRUE);
}

void
civ_session_close (CivSession *self)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (CIV_IS_SESSION (self));

  if (self->closed)
    return;
  self->closed = TRUE;
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_task_data (task, g_object_ref (self), g_object_unref);
  civ_worker_run (self->worker, task, close_job);
}

void
civ_session_sync_reports (CivSession                 *self,
                          gpointer                    source_object,
                          const CivReportSyncOptions *options,
                          GCancellable               *cancellable,
                          GAsyncReadyCallback         callback,
                          gpointer                    user_data)
{
  g_return_if_fail (CIV_IS_SESSION (self));
  g_return_if_fail (self->store != NULL);

  civ_report_sync_async (self->worker, self->store, source_object, options, cancellable, callback,
                         user_data);
}

CivStore *
_civ_session_peek_store (CivSession *self)
{
  g_return_val_if_fail (CIV_IS_SESSION (self), NULL);
  return self->store;
}
