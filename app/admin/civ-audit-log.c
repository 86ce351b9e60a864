// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-audit-log.c — reading the audit log and checking its chain */
#include "civ-audit-log.h"

#include "civ-audit.h"
#include "civ-permissions.h"

void
civ_audit_record_free (CivAuditRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->time);
  g_free (record->actor);
  g_free (record->action);
  g_free (record->object);
  g_free (record->detail);
  g_free (record);
}

void
civ_audit_batch_free (CivAuditBatch *batch)
{
  if (batch == NULL)
    return;
  g_clear_pointer (&batch->records, g_ptr_array_unref);
  g_free (batch);
}

void
civ_audit_verdict_free (CivAuditVerdict *verdict)
{
  if (verdict == NULL)
    return;
  g_free (verdict->reason);
  g_free (verdict);
}

typedef struct
{
  gint64 before;
  guint  limit;
} ListData;

static gboolean
list_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  ListData *list = data;
  g_autoptr (GPtrArray) entries = NULL;
  CivAuditBatch *batch;

  if (!civ_require (store, CIV_PERM_VIEW_AUDIT, error))
    return FALSE;
  /* One more than asked: whether older entries remain. */
  entries =
    civ_audit_list (civ_store_get_db (store), list->before, list->limit + 1, NULL, NULL, error);
  if (entries == NULL)
    return FALSE;
  batch = g_new0 (CivAuditBatch, 1);
  batch->has_more = entries->len > list->limit;
  batch->records = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_audit_record_free);
  for (guint i = 0; i < entries->len && i < list->limit; i++)
    {
      const CivAuditEntry *e = g_ptr_array_index (entries, i);
      CivAuditRecord      *r = g_new0 (CivAuditRecord, 1);

      r->seq = e->seq;
      r->time = g_strdup (e->ts);
      r->actor = g_strdup (e->actor);
      r->action = g_strdup (e->action);
      r->object = g_strdup (e->object);
      r->detail = g_strdup (e->detail);
      g_ptr_array_add (batch->records, r);
    }
  *result = batch;
  return TRUE;
}

void
civ_audit_log_list_async (CivSession         *session,
                          gpointer            source_object,
                          gint64              before,
                          guint               limit,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  ListData *data = g_new0 (ListData, 1);

  g_return_if_fail (limit > 0);
  data->before = before;
  data->limit = limit;
  civ_session_call (session, source_object, cancellable, list_func, data, g_free,
                    (GDestroyNotify) civ_audit_batch_free, callback, user_data);
}

CivAuditBatch *
civ_audit_log_list_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}

static gboolean
verify_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  g_autoptr (GError) local = NULL;
  CivAuditVerdict *verdict;
  gint64           n_checked = 0;
  gint64           first_broken = 0;
  gboolean         intact;

  if (!civ_require (store, CIV_PERM_VIEW_AUDIT, error))
    return FALSE;
  intact = civ_audit_verify (civ_store_get_db (store), &n_checked, &first_broken, &local);
  if (!intact && first_broken <= 0)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  verdict = g_new0 (CivAuditVerdict, 1);
  verdict->intact = intact;
  verdict->n_checked = n_checked;
  verdict->first_broken = first_broken;
  verdict->reason = local ? g_strdup (local->message) : NULL;
  *result = verdict;
  return TRUE;
}

void
civ_audit_log_verify_async (CivSession         *session,
                            gpointer            source_object,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  civ_session_call (session, source_object, cancellable, verify_func, NULL, NULL,
                    (GDestroyNotify) civ_audit_verdict_free, callback, user_data);
}

CivAuditVerdict *
civ_audit_log_verify_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}

static gboolean
counts_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  CivOfficeCounts *counts = g_new0 (CivOfficeCounts, 1);

  if (!civ_store_count_enabled_operators (store, &counts->n_users, error) ||
      !civ_audit_count (civ_store_get_db (store), &counts->n_audit, error))
    {
      g_free (counts);
      return FALSE;
    }
  *result = counts;
  return TRUE;
}

void
civ_office_counts_async (CivSession         *session,
                         gpointer            source_object,
                         GCancellable       *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer            user_data)
{
  civ_session_call (session, source_object, cancellable, counts_func, NULL, NULL, g_free, callback,
                    user_data);
}

gboolean
civ_office_counts_finish (CivSession      *session,
                          GAsyncResult    *result,
                          CivOfficeCounts *counts,
                          GError         **error)
{
  g_autofree CivOfficeCounts *value = NULL;

  if (!civ_session_call_finish (session, result, (gpointer *) &value, error))
    return FALSE;
  *counts = *value;
  return TRUE;
}
