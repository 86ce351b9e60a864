// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-audit-log.c — reading the audit log and checking its chain */
#include "civ-audit-log.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "civ-audit-labels.h"
#include "civ-audit.h"
#include "civ-permissions.h"
#include "civ-divorce-store.h"
#include "civ-registry-store.h"

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
  g_free (record->actor_name);
  g_free (record->action_text);
  g_free (record->object_text);
  g_free (record->detail_text);
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

/* A certificate number the detail names, or NULL. */
static char *
detail_certificate (const char *detail)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *object;

  if (detail == NULL || !json_parser_load_from_data (parser, detail, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  object = json_node_get_object (json_parser_get_root (parser));
  for (const char *const *key = (const char *const[]){ "certificate_no", "certificate", NULL };
       *key; key++)
    if (json_object_has_member (object, *key) &&
        JSON_NODE_HOLDS_VALUE (json_object_get_member (object, *key)) &&
        json_object_get_string_member (object, *key) != NULL)
      return g_strdup (json_object_get_string_member (object, *key));
  return NULL;
}

/* The object as a person reads it: an operator by display name, a marriage
 * record or a divorce application by a certificate number and the names (an
 * indexed look-up or two), another UUID shortened with the certificate
 * number the detail gives. */
static char *
describe_object (CivDb *db, GHashTable *names, GHashTable *records, const CivAuditEntry *e)
{
  g_autofree char *certificate = NULL;
  g_autofree char *shortened = NULL;
  const char      *known;

  /* An operator (logins, users added or disabled) by display name. */
  if (e->object != NULL && g_hash_table_lookup (names, e->object) != NULL)
    return g_strdup (g_hash_table_lookup (names, e->object));
  if (!civ_audit_is_uuid (e->object))
    return g_strdup (e->object);
  known = g_hash_table_lookup (records, e->object);
  if (known == NULL)
    {
      /* A divorce application names its marriage: the L number once
       * issued, else the marriage's J number, and the couple. */
      g_autoptr (CivDivorceRow) d = civ_divorce_row_find (db, e->object, NULL);
      g_autoptr (CivMarriageCurrent) m =
        civ_marriage_find_current (db, d ? d->marriage_record_id : e->object, NULL);
      const char *number = d && d->certificate_no ? d->certificate_no
                           : m                    ? m->certificate_no
                                                  : NULL;
      char       *text = NULL;

      if (m != NULL && number != NULL)
        /* Translators: an audit entry's object: a certificate number and
         * the two names of its record. */
        text = g_strdup_printf (_ ("%1$s (%2$s, %3$s)"), number, m->name[0] ? m->name[0] : "",
                                m->name[1] ? m->name[1] : "");
      else if (m != NULL)
        text =
          g_strdup_printf ("%s, %s", m->name[0] ? m->name[0] : "", m->name[1] ? m->name[1] : "");
      else
        text = g_strdup ("");
      g_hash_table_insert (records, g_strdup (e->object), text);
      known = text;
    }
  if (*known != '\0')
    return g_strdup (known);
  shortened = civ_audit_short_uuid (e->object);
  certificate = detail_certificate (e->detail);
  if (certificate != NULL)
    return g_strdup_printf ("%s (%s)", certificate, shortened);
  return g_steal_pointer (&shortened);
}

static gboolean
list_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  ListData *list = data;
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GPtrArray) operators = NULL;
  g_autoptr (GHashTable) names = NULL;
  g_autoptr (GHashTable) records = NULL;
  CivAuditBatch *batch;

  if (!civ_require (store, CIV_PERM_VIEW_AUDIT, error))
    return FALSE;
  /* One more than asked: whether older entries remain. */
  entries =
    civ_audit_list (civ_store_get_db (store), list->before, list->limit + 1, NULL, NULL, error);
  if (entries == NULL)
    return FALSE;
  operators = civ_store_list_operators (store, error);
  if (operators == NULL)
    return FALSE;
  names = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < operators->len; i++)
    {
      CivOperator *op = g_ptr_array_index (operators, i);

      if (op->display_name != NULL && *op->display_name != '\0')
        g_hash_table_insert (names, op->login, op->display_name);
    }
  records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
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
      r->actor_name = g_strdup (e->actor && g_hash_table_lookup (names, e->actor)
                                  ? g_hash_table_lookup (names, e->actor)
                                  : e->actor);
      r->action_text = g_strdup (civ_audit_action_label (e->action));
      r->object_text = describe_object (civ_store_get_db (store), names, records, e);
      r->detail_text = civ_audit_detail_describe (e->detail);
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
