// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-report-service.c — what the windows ask of the reporting to the province */
#include "civ-report-service.h"

#include "civ-adoption-service.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "civ-permissions.h"

void
civ_report_listing_free (CivReportListing *l)
{
  if (l == NULL)
    return;
  g_free (l->server_url);
  g_free (l->pins);
  g_free (l->enrolled_at);
  g_free (l->enrolled_by);
  g_free (l->signing_public);
  g_free (l->workstation_id);
  g_free (l->last_delivery_at);
  g_free (l->numbers);
  g_clear_pointer (&l->rows, g_ptr_array_unref);
  g_free (l);
}

static gboolean
append_rows (GPtrArray *into, GPtrArray *rows)
{
  if (rows == NULL)
    return FALSE;
  while (rows->len > 0)
    g_ptr_array_add (into, g_ptr_array_steal_index (rows, 0));
  g_ptr_array_unref (rows);
  return TRUE;
}

static gboolean
listing_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  CivDb *db = civ_store_get_db (store);
  g_autoptr (CivReportListing) l = g_new0 (CivReportListing, 1);
  g_autoptr (CivReportEnrollment) e = NULL;
  g_autoptr (GError) local = NULL;

  if (!civ_require (store, CIV_PERM_MANAGE_REPORTING, error))
    return FALSE;
  e = civ_report_store_get_enrollment (db, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  /* Only what the page shows leaves the worker: never the keys. */
  if (e != NULL)
    {
      l->enrolled = TRUE;
      l->server_url = g_strdup (e->server_url);
      l->pins = g_strdup (e->pins);
      l->enrolled_at = g_strdup (e->enrolled_at);
      l->enrolled_by = g_strdup (e->enrolled_by);
      l->signing_public = g_strdup (e->signing_public);
      l->last_delivery_at = g_strdup (e->last_delivery_at);
    }
  l->workstation_id = civ_db_get_setting (db, "workstation_id");
  if (!civ_outbox_count (db, &l->pending, &l->parked, &l->delivered, error))
    return FALSE;
  l->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_outbox_row_free);
  if (!append_rows (l->rows,
                    civ_outbox_list (db, "parked", CIV_REPORT_LISTING_OPEN_LIMIT, error)) ||
      !append_rows (l->rows,
                    civ_outbox_list (db, "pending", CIV_REPORT_LISTING_OPEN_LIMIT, error)) ||
      !append_rows (l->rows, civ_outbox_list_recent (db, "delivered",
                                                     CIV_REPORT_LISTING_DELIVERED_LIMIT, error)))
    return FALSE;
  {
    g_autoptr (CivNumbersStatus) st = civ_numbers_status (store, error);

    if (st == NULL)
      return FALSE;
    l->numbers = civ_numbers_describe (st);
  }
  *result = g_steal_pointer (&l);
  return TRUE;
}

void
civ_report_listing_async (CivSession         *session,
                          gpointer            source_object,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  civ_session_call (session, source_object, cancellable, listing_func, NULL, NULL,
                    (GDestroyNotify) civ_report_listing_free, callback, user_data);
}

CivReportListing *
civ_report_listing_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}

static gboolean
requeue_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  guint *n = g_new0 (guint, 1);

  if (!civ_report_requeue (store, *(gint64 *) data, n, error))
    {
      g_free (n);
      return FALSE;
    }
  *result = n;
  return TRUE;
}

void
civ_report_requeue_async (CivSession         *session,
                          gpointer            source_object,
                          gint64              id,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  civ_session_call (session, source_object, cancellable, requeue_func, g_memdup2 (&id, sizeof id),
                    g_free, g_free, callback, user_data);
}

gboolean
civ_report_requeue_finish (CivSession   *session,
                           GAsyncResult *result,
                           guint        *n_requeued,
                           GError      **error)
{
  g_autofree guint *n = NULL;

  if (!civ_session_call_finish (session, result, (gpointer *) &n, error))
    return FALSE;
  if (n_requeued)
    *n_requeued = *n;
  return TRUE;
}

void
civ_report_summary_free (CivReportSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->last_delivery_at);
  g_free (summary->last_error);
  g_free (summary);
}

CivReportSummary *
civ_report_summary_read (CivStore *store, GError **error)
{
  CivDb *db = civ_store_get_db (store);
  g_autoptr (CivReportSummary) summary = g_new0 (CivReportSummary, 1);
  g_autoptr (CivReportEnrollment) e = NULL;
  g_autoptr (GPtrArray) oldest = NULL;
  g_autoptr (GError) local = NULL;
  /* R-A13: adoptions are not even counted for those who may not see them. */
  const char *hidden = civ_adoption_visible (store) ? NULL : "adoption";

  if (!civ_require (store, CIV_PERM_SEND_REPORTS, error))
    return NULL;
  e = civ_report_store_get_enrollment (db, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  summary->enrolled = e != NULL;
  if (e != NULL)
    summary->last_delivery_at = g_strdup (e->last_delivery_at);
  if (!civ_outbox_count_hiding (db, hidden, &summary->pending, &summary->parked,
                                &summary->delivered, error))
    return NULL;
  oldest = civ_outbox_fetch_due (db, NULL, 1, error);
  if (oldest == NULL)
    return NULL;
  if (oldest->len > 0)
    summary->last_error = g_strdup (((CivOutboxRow *) g_ptr_array_index (oldest, 0))->last_error);
  return g_steal_pointer (&summary);
}

static gboolean
summary_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  CivReportSummary *summary = civ_report_summary_read (store, error);

  *result = summary;
  return summary != NULL;
}

void
civ_report_summary_async (CivSession         *session,
                          gpointer            source_object,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  civ_session_call (session, source_object, cancellable, summary_func, NULL, NULL,
                    (GDestroyNotify) civ_report_summary_free, callback, user_data);
}

CivReportSummary *
civ_report_summary_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}

typedef struct
{
  char    *server;
  char    *ca_file;
  char    *cert_file;
  char    *key_file;
  char    *p12_file;
  char    *p12_password;
  GStrv    pins;
  int      timeout_ms;
  gboolean keep;
} EnrollData;

static void
enroll_data_free (EnrollData *data)
{
  g_free (data->server);
  g_free (data->ca_file);
  g_free (data->cert_file);
  g_free (data->key_file);
  g_free (data->p12_file);
  if (data->p12_password)
    explicit_bzero (data->p12_password, strlen (data->p12_password));
  g_free (data->p12_password);
  g_strfreev (data->pins);
  g_free (data);
}

static gboolean
enroll_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  EnrollData          *d = data;
  CivReportEnrollInput in = { 0 };
  g_autofree char     *public_key = NULL;
  g_autofree char     *ws = NULL;

  in.server_url = d->server;
  in.ca_file = d->ca_file;
  in.pins = (const char *const *) d->pins;
  in.cert_file = d->cert_file;
  in.key_file = d->key_file;
  in.p12_file = d->p12_file;
  in.p12_password = d->p12_password;
  in.timeout_ms = d->timeout_ms;
  public_key = civ_report_enroll (store, &in, d->keep, error);
  if (public_key == NULL)
    return FALSE;
  ws = civ_db_get_setting (civ_store_get_db (store), "workstation_id");
  *result = g_strdup_printf ("%s %s", ws ? ws : "", public_key);
  return TRUE;
}

void
civ_report_enroll_async (CivSession                 *session,
                         gpointer                    source_object,
                         const CivReportEnrollInput *input,
                         gboolean                    keep_signing_key,
                         GCancellable               *cancellable,
                         GAsyncReadyCallback         callback,
                         gpointer                    user_data)
{
  EnrollData *data = g_new0 (EnrollData, 1);

  data->server = g_strdup (input->server_url);
  data->ca_file = g_strdup (input->ca_file);
  data->cert_file = g_strdup (input->cert_file);
  data->key_file = g_strdup (input->key_file);
  data->p12_file = g_strdup (input->p12_file);
  data->p12_password = g_strdup (input->p12_password);
  data->pins = g_strdupv ((GStrv) input->pins);
  data->timeout_ms = input->timeout_ms;
  data->keep = keep_signing_key;
  civ_session_call (session, source_object, cancellable, enroll_func, data,
                    (GDestroyNotify) enroll_data_free, g_free, callback, user_data);
}

char *
civ_report_enroll_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}

char *
civ_report_row_reference (const CivOutboxRow *row)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GString) text = NULL;
  JsonObject *o;
  JsonNode   *parties;
  const char *number;

  g_return_val_if_fail (row != NULL, NULL);

  if (row->payload == NULL || !json_parser_load_from_data (parser, row->payload, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  o = json_node_get_object (json_parser_get_root (parser));
  number = json_object_get_string_member_with_default (o, "certificate_no", NULL);
  if (number == NULL || *number == '\0')
    return NULL;
  text = g_string_new (number);
  parties = json_object_get_member (o, "parties");
  if (parties != NULL && JSON_NODE_HOLDS_ARRAY (parties))
    {
      JsonArray *a = json_node_get_array (parties);

      for (guint i = 0; i < json_array_get_length (a) && i < 2; i++)
        {
          JsonNode   *p = json_array_get_element (a, i);
          const char *name =
            JSON_NODE_HOLDS_OBJECT (p)
              ? json_object_get_string_member_with_default (json_node_get_object (p), "name", NULL)
              : NULL;

          if (name != NULL && *name != '\0')
            g_string_append_printf (text, "%s%s", i == 0 ? " · " : "、", name);
        }
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}
