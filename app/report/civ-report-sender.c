// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-report-sender.c — delivering the outbox in signed batches
 * (docs/provincial-protocol.md §3, §6)
 */
#include "civ-adoption-service.h"
#include "civ-report.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-permissions.h"
#include "civ-report-alarm-private.h"
#include "civ-report-replies-private.h"
#include "civ-report-sign.h"
#include "civ-worker.h"

/* clang-format off */
G_DEFINE_QUARK (civ-report-error-quark, civ_report_error)
/* clang-format on */

/* Full-jitter backoff: random (0, min (CAP, BASE × 2^attempts)) seconds. */
#define BACKOFF_BASE_S 2.0
#define BACKOFF_CAP_S 3600.0

void
civ_report_sync_result_clear (CivReportSyncResult *result)
{
  g_clear_pointer (&result->tamper_detail, g_free);
  civ_report_numbers_result_clear (&result->numbers);
  g_clear_pointer (&result->numbers_failure, g_free);
  g_clear_pointer (&result->divorces_failure, g_free);
}

static char *
iso_in (double seconds)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) then = g_date_time_add_seconds (now, seconds);

  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%SZ");
}

static void
json_escape (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) s; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) *p);
        }
      else if (*p < 0x20)
        g_string_append_printf (out, "\\u%04x", *p);
      else
        g_string_append_c (out, (char) *p);
    }
  g_string_append_c (out, '"');
}

/* The local chain's hash at @seq now, lowercase hex ("" when the entry is gone). */
static char *
local_hash_at (CivDb *db, gint64 seq, GError **error)
{
  char *hash = NULL;

  if (!civ_audit_hash_at (db, seq, &hash, error))
    return NULL;
  return hash != NULL ? hash : g_strdup ("");
}

/* Appends "audit": {seq, hash, anchors: [...]} for the batch. */
static gboolean
append_audit (
  CivDb *db, const CivReportEnrollment *e, GString *out, gint64 *head_seq, GError **error)
{
  g_autofree char *head_hash = NULL;
  g_autoptr (GArray) sent = NULL;
  g_autoptr (GArray) anchors = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 seq = 0;

  if (!civ_audit_head (db, &seq, &head_hash, error))
    return FALSE;
  sent = civ_report_store_sent_heads (db, error);
  if (sent == NULL)
    return FALSE;
  if (e->acked_seq > 0)
    g_array_append_val (anchors, e->acked_seq);
  for (guint i = 0; i < sent->len; i++)
    if (g_array_index (sent, gint64, i) != e->acked_seq)
      g_array_append_val (anchors, g_array_index (sent, gint64, i));

  g_string_append_printf (out, "\"audit\":{\"seq\":%" G_GINT64_FORMAT ",\"hash\":", seq);
  json_escape (out, head_hash ? head_hash : "");
  g_string_append (out, ",\"anchors\":[");
  for (guint i = 0; i < anchors->len; i++)
    {
      gint64           a = g_array_index (anchors, gint64, i);
      g_autofree char *h = local_hash_at (db, a, error);

      if (h == NULL)
        return FALSE;
      g_string_append_printf (out, "%s{\"seq\":%" G_GINT64_FORMAT ",\"hash\":", i ? "," : "", a);
      json_escape (out, h);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "]}");
  *head_seq = seq;
  return TRUE;
}

static GString *
build_body (CivDb                     *db,
            const CivReportEnrollment *e,
            const char                *workstation,
            const char                *office_code,
            GPtrArray                 *rows,
            gint64                    *head_seq,
            GError                   **error)
{
  g_autoptr (GString) out = g_string_sized_new (1024 * rows->len + 512);
  g_autofree char *now = iso_in (0);

  g_string_append (out, "{\"protocol\":1,\"workstation\":");
  json_escape (out, workstation);
  g_string_append (out, ",\"office_code\":");
  json_escape (out, office_code ? office_code : "");
  g_string_append (out, ",\"sent_at\":");
  json_escape (out, now);
  g_string_append_c (out, ',');
  if (!append_audit (db, e, out, head_seq, error))
    return NULL;
  g_string_append (out, ",\"items\":[");
  for (guint i = 0; i < rows->len; i++)
    {
      const CivOutboxRow *row = g_ptr_array_index (rows, i);

      g_string_append (out, i ? ",{\"idempotency_key\":" : "{\"idempotency_key\":");
      json_escape (out, row->idempotency_key);
      g_string_append (out, ",\"kind\":");
      json_escape (out, row->kind);
      g_string_append (out, ",\"record_id\":");
      json_escape (out, row->record_id);
      g_string_append_printf (out, ",\"version\":%d,\"payload\":", row->version);
      /* The payload is JSON written by the registry service in the same
       * transaction as the record; it goes out byte for byte. */
      g_string_append (out, row->payload);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "]}");
  return g_steal_pointer (&out);
}

static double
backoff_seconds (int attempts, gint64 retry_after)
{
  double cap = MIN (BACKOFF_CAP_S, BACKOFF_BASE_S * ldexp (1.0, MIN (attempts, 20)));
  double delay = g_random_double_range (0.0, cap);

  if (retry_after > 0)
    delay = MAX (delay, (double) retry_after);
  return delay;
}

typedef enum
{
  FATE_RETRY,
  FATE_PARK,
  FATE_ALARM,
} Fate;

/* R-A13: an adoption's report is not even counted for an operator who
 * may not see adoptions (the sync's figures are shown and audited). */
static gboolean
row_shown (CivStore *store, const CivOutboxRow *row)
{
  return g_strcmp0 (row->kind, "adoption") != 0 || civ_adoption_visible (store);
}

static guint
n_shown (CivStore *store, GPtrArray *rows)
{
  guint n = 0;

  for (guint i = 0; i < rows->len; i++)
    n += row_shown (store, g_ptr_array_index (rows, i));
  return n;
}

/* Gives every row of a failed batch the same fate, in one transaction. */
static gboolean
settle_failed_batch (
  CivDb *db, GPtrArray *rows, Fate fate, gint64 retry_after, const char *reason, GError **error)
{
  if (!civ_db_begin (db, error))
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      const CivOutboxRow *row = g_ptr_array_index (rows, i);
      gboolean            ok;

      if (fate == FATE_RETRY)
        {
          g_autofree char *next = iso_in (backoff_seconds (row->attempts, retry_after));
          ok = civ_outbox_mark_retry (db, row->id, next, reason, error);
        }
      else if (fate == FATE_PARK)
        ok = civ_outbox_mark_parked (db, row->id, reason, error);
      else
        ok = civ_outbox_note_error (db, row->id, reason, error);
      if (!ok)
        {
          civ_db_rollback (db);
          return FALSE;
        }
    }
  return civ_db_commit (db, error);
}

static char *
detail_json (const char *key, const char *value, const char *key2, const char *value2)
{
  g_autoptr (GString) out = g_string_new ("{");

  json_escape (out, key);
  g_string_append_c (out, ':');
  json_escape (out, value ? value : "");
  if (key2)
    {
      g_string_append_c (out, ',');
      json_escape (out, key2);
      g_string_append_c (out, ':');
      json_escape (out, value2 ? value2 : "");
    }
  g_string_append_c (out, '}');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Applies a 2xx reply: per-item receipts, the audit verdict. */
static gboolean
apply_reply (CivStore            *store,
             GPtrArray           *rows,
             GBytes              *body,
             CivReportSyncResult *result,
             gboolean            *all_settled,
             GError             **error)
{
  CivDb *db = civ_store_get_db (store);
  g_auto (CivReportBatchAnswer) answer = { 0 };
  g_autofree char *now = iso_in (0);
  g_autoptr (GString) parked_keys = g_string_new (NULL);
  gsize       len = 0;
  const char *data = g_bytes_get_data (body, &len);

  *all_settled = TRUE;
  if (!_civ_report_parse_batch_reply (data, len, &answer, error))
    return FALSE;
  if (g_strcmp0 (answer.audit_status, "tampering") == 0)
    {
      result->tampering = TRUE;
      g_free (result->tamper_detail);
      result->tamper_detail = g_strdup (answer.tamper_detail);
    }

  if (!civ_db_begin (db, error))
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      const CivOutboxRow        *row = g_ptr_array_index (rows, i);
      const CivReportItemAnswer *item = g_hash_table_lookup (answer.items, row->idempotency_key);
      const char                *status = item ? item->status : NULL;
      const char                *receipt = item ? item->receipt : NULL;
      gboolean                   ok;

      if ((g_strcmp0 (status, "accepted") == 0 || g_strcmp0 (status, "duplicate") == 0) &&
          receipt && *receipt)
        {
          ok = civ_outbox_mark_delivered (db, row->id, receipt, now, error);
          if (!row_shown (store, row))
            ;
          else if (status[0] == 'a')
            result->accepted++;
          else
            result->duplicates++;
        }
      else if (g_strcmp0 (status, "rejected") == 0)
        {
          const char      *why = item->reason;
          g_autofree char *reason =
            g_strdup_printf (_ ("Rejected by the province: %s"), why ? why : _ ("no reason given"));

          ok = civ_outbox_mark_parked (db, row->id, reason, error);
          g_string_append_printf (parked_keys, "%s%s", parked_keys->len ? " " : "",
                                  row->idempotency_key);
          result->parked += row_shown (store, row);
        }
      else
        {
          g_autofree char *next = iso_in (backoff_seconds (row->attempts, -1));

          ok = civ_outbox_mark_retry (db, row->id, next,
                                      _ ("The province's reply did not mention this item"), error);
          result->retrying += row_shown (store, row);
          *all_settled = FALSE;
        }
      if (!ok)
        goto fail;
    }
  if (answer.acked_seq > 0 && !civ_report_store_set_acked (db, answer.acked_seq, now, error))
    goto fail;
  if (parked_keys->len)
    {
      g_autofree char *detail = detail_json ("items", parked_keys->str, NULL, NULL);
      if (!civ_store_audit (store, "report.park", NULL, detail, error))
        goto fail;
    }
  if (result->tampering)
    {
      g_autofree char *detail = detail_json ("detail", result->tamper_detail, NULL, NULL);
      if (!civ_store_audit (store, "report.tampering-reported", NULL, detail, error))
        goto fail;
    }
  return civ_db_commit (db, error);

fail:
  civ_db_rollback (db);
  return FALSE;
}

/* "error" of a JSON error body, or the start of the body. */
static char *
server_error_text (GBytes *body)
{
  gsize       len = 0;
  const char *data = g_bytes_get_data (body, &len);

  return _civ_report_server_error_text (data, len);
}

/* One sync run: the database steps (next, record, finish) run on the
 * thread that owns the connection, the POST between them anywhere else. */
struct _CivReportSync
{
  CivReportSyncOptions options;
  gboolean             started;
  gboolean             over;
  CivReportEnrollment *e; /* a copy, with the client key: freed with the run */
  char                *workstation;
  char                *office_code;
  CivReportClient     *client;
  /* The batch in flight. */
  GPtrArray           *rows;
  GString             *body;
  char                *sig_header;
  char                *ws_header;
  CivReportReply       reply;
  GError              *post_error;
  gboolean             posted;
  /* The run so far. */
  CivReportSyncResult  result;
  GError              *failure;
};

CivReportSync *
civ_report_sync_new (const CivReportSyncOptions *options)
{
  CivReportSync *sync = g_new0 (CivReportSync, 1);

  if (options)
    sync->options = *options;
  if (sync->options.batch_size == 0)
    sync->options.batch_size = CIV_REPORT_BATCH_SIZE;
  return sync;
}

static void
clear_batch (CivReportSync *sync)
{
  g_clear_pointer (&sync->rows, g_ptr_array_unref);
  if (sync->body)
    g_string_free (g_steal_pointer (&sync->body), TRUE);
  g_clear_pointer (&sync->sig_header, g_free);
  g_clear_pointer (&sync->ws_header, g_free);
  _civ_report_reply_clear (&sync->reply);
  memset (&sync->reply, 0, sizeof sync->reply);
  g_clear_error (&sync->post_error);
  sync->posted = FALSE;
}

void
civ_report_sync_free (CivReportSync *sync)
{
  if (sync == NULL)
    return;
  clear_batch (sync);
  g_clear_pointer (&sync->e, civ_report_enrollment_free);
  g_free (sync->workstation);
  g_free (sync->office_code);
  g_clear_pointer (&sync->client, _civ_report_client_free);
  civ_report_sync_result_clear (&sync->result);
  g_clear_error (&sync->failure);
  g_free (sync);
}

static gboolean
stop (CivReportSync *sync, GError *failure)
{
  sync->over = TRUE;
  if (failure && sync->failure == NULL)
    sync->failure = failure;
  else if (failure)
    g_error_free (failure);
  clear_batch (sync);
  return FALSE;
}

gboolean
civ_report_sync_next (CivReportSync *sync, CivStore *store)
{
  CivDb           *db;
  g_autofree char *now = iso_in (0);
  g_autofree char *signature = NULL;
  GError          *failure = NULL;
  gint64           head_seq = 0;

  g_return_val_if_fail (sync != NULL, FALSE);
  g_return_val_if_fail (CIV_IS_STORE (store), FALSE);

  if (sync->over)
    return FALSE;
  clear_batch (sync);
  if (!civ_require (store, CIV_PERM_SEND_REPORTS, &failure))
    return stop (sync, failure);
  db = civ_store_get_db (store);
  if (!sync->started)
    {
      sync->started = TRUE;
      sync->e = civ_report_store_get_enrollment (db, &failure);
      if (sync->e == NULL)
        {
          if (failure == NULL)
            failure =
              g_error_new_literal (CIV_REPORT_ERROR, CIV_REPORT_ERROR_NOT_ENROLLED,
                                   _ ("This workstation is not enrolled for reporting yet"));
          return stop (sync, failure);
        }
      sync->workstation = civ_db_get_setting (db, "workstation_id");
      sync->office_code = civ_store_get_office_code (store);
    }

  sync->rows = civ_outbox_fetch_due (db, sync->options.ignore_schedule ? NULL : now,
                                     sync->options.batch_size, &failure);
  if (sync->rows == NULL || sync->rows->len == 0)
    return stop (sync, failure);
  sync->body =
    build_body (db, sync->e, sync->workstation, sync->office_code, sync->rows, &head_seq, &failure);
  if (sync->body == NULL)
    return stop (sync, failure);
  signature = civ_report_sign (sync->e->signing_secret, sync->body->str, sync->body->len, &failure);
  if (signature == NULL)
    return stop (sync, failure);
  if (head_seq > 0 && !civ_report_store_note_sent_head (db, head_seq, &failure))
    return stop (sync, failure);
  sync->sig_header = g_strdup_printf ("X-Civreg-Signature: ed25519=%s", signature);
  sync->ws_header = g_strdup_printf ("X-Civreg-Workstation: %s", sync->workstation);
  sync->result.batches++;
  return TRUE;
}

void
civ_report_sync_post (CivReportSync *sync, GCancellable *cancellable)
{
  g_return_if_fail (sync != NULL && sync->body != NULL);

  if (sync->client == NULL)
    sync->client = _civ_report_client_new (sync->e, 0);
  _civ_report_client_set_cancellable (sync->client, cancellable);
  _civ_report_client_request (sync->client, "/v1/batches",
                              (const char *const[]){ sync->sig_header, sync->ws_header, NULL },
                              sync->body->str, sync->body->len, &sync->reply, &sync->post_error);
  _civ_report_client_set_cancellable (sync->client, NULL);
  sync->posted = TRUE;
}

gboolean
civ_report_sync_record (CivReportSync *sync, CivStore *store)
{
  CivDb               *db;
  CivReportSyncResult *result = &sync->result;
  GError              *failure = NULL;
  gboolean             all_settled = TRUE;

  g_return_val_if_fail (sync != NULL && sync->posted, FALSE);
  g_return_val_if_fail (CIV_IS_STORE (store), FALSE);

  if (civ_store_is_locked (store))
    /* Locked while the batch was on its way: nothing is lost, the rows
     * are still pending and the province deduplicates a repeat. */
    return stop (sync, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                                            _ ("The workstation was locked during the sync.")));
  db = civ_store_get_db (store);

  if (sync->post_error != NULL)
    {
      GError *post_error = g_steal_pointer (&sync->post_error);

      if (_civ_report_judge (store, sync->e, &sync->reply, &post_error) == CIV_REPORT_VERDICT_ALARM)
        {
          g_autofree char *reason =
            g_strdup_printf (_ ("Security alarm, not sent: %s"), post_error->message);
          settle_failed_batch (db, sync->rows, FATE_ALARM, -1, reason, NULL);
        }
      else
        {
          if (!settle_failed_batch (db, sync->rows, FATE_RETRY, -1, post_error->message, NULL))
            g_warning ("Could not reschedule the outbox");
          result->retrying += n_shown (store, sync->rows);
        }
      return stop (sync, post_error);
    }
  _civ_report_judge (store, sync->e, &sync->reply, NULL);

  if (sync->reply.status >= 200 && sync->reply.status < 300)
    {
      if (!apply_reply (store, sync->rows, sync->reply.body, result, &all_settled, &failure))
        {
          if (failure->domain == CIV_REPORT_ERROR)
            {
              settle_failed_batch (db, sync->rows, FATE_RETRY, -1, failure->message, NULL);
              result->retrying += n_shown (store, sync->rows);
            }
          return stop (sync, failure);
        }
      if (!all_settled)
        return stop (sync, NULL);
      clear_batch (sync);
      return TRUE;
    }

  {
    g_autofree char *text = server_error_text (sync->reply.body);
    g_autofree char *reason =
      g_strdup_printf (_ ("HTTP %ld from the province: %s"), sync->reply.status, text);

    if (sync->reply.status == 408 || sync->reply.status == 429 || sync->reply.status >= 500)
      {
        settle_failed_batch (db, sync->rows, FATE_RETRY, sync->reply.retry_after, reason, NULL);
        result->retrying += n_shown (store, sync->rows);
        failure = g_error_new_literal (CIV_REPORT_ERROR, CIV_REPORT_ERROR_TRANSPORT, reason);
      }
    else
      {
        g_autofree char *detail = detail_json ("status", text, NULL, NULL);

        if (!settle_failed_batch (db, sync->rows, FATE_PARK, -1, reason, &failure))
          return stop (sync, failure);
        result->parked += n_shown (store, sync->rows);
        civ_store_audit (store, "report.park", sync->e->server_url, detail, NULL);
        failure = g_error_new_literal (CIV_REPORT_ERROR, CIV_REPORT_ERROR_REFUSED, reason);
      }
    return stop (sync, failure);
  }
}

gboolean
civ_report_sync_finish_run (CivReportSync       *sync,
                            CivStore            *store,
                            CivReportSyncResult *result,
                            GError             **error)
{
  gint64 parked_total = 0, delivered_total = 0;

  g_return_val_if_fail (sync != NULL && result != NULL, FALSE);

  *result = sync->result;
  memset (&sync->result, 0, sizeof sync->result);
  if (sync->e && !civ_store_is_locked (store))
    {
      CivDb *db = civ_store_get_db (store);

      if (result->accepted + result->duplicates + result->parked > 0)
        {
          g_autofree char *detail =
            g_strdup_printf ("{\"accepted\":%u,\"duplicates\":%u,\"parked\":%u,\"retrying\":%u}",
                             result->accepted, result->duplicates, result->parked,
                             result->retrying);
          civ_store_audit (store, "report.sync", sync->e->server_url, detail, NULL);
        }
      civ_outbox_count_hiding (db, civ_adoption_visible (store) ? NULL : "adoption",
                               &result->pending, &parked_total, &delivered_total, NULL);
    }
  if (sync->failure)
    {
      g_propagate_error (error, g_steal_pointer (&sync->failure));
      return FALSE;
    }
  return TRUE;
}

gboolean
civ_report_sync (CivStore                   *store,
                 const CivReportSyncOptions *options,
                 CivReportSyncResult        *result,
                 GError                    **error)
{
  g_autoptr (CivReportSync) sync = civ_report_sync_new (options);

  g_return_val_if_fail (CIV_IS_STORE (store), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  while (civ_report_sync_next (sync, store))
    {
      civ_report_sync_post (sync, NULL);
      if (!civ_report_sync_record (sync, store))
        break;
    }
  if (!civ_report_sync_finish_run (sync, store, result, error))
    return FALSE;
  /* The reports are through: the number blocks (R-N1) next. Their failure
   * is told, it does not fail the delivery. */
  {
    g_autoptr (GError) numbers_error = NULL;

    if (!civ_report_numbers_exchange (store, FALSE, &result->numbers, &numbers_error))
      result->numbers_failure = g_strdup (numbers_error->message);
  }
  /* Then what became of this window's divorce applications elsewhere (R-D6). */
  {
    g_autoptr (GError) divorces_error = NULL;

    if (!civ_report_divorces_refresh (store, &result->divorces_changed, &divorces_error))
      result->divorces_failure = g_strdup (divorces_error->message);
  }
  return TRUE;
}

/* The asynchronous run: each database step a job on the worker, the POST on
 * a thread of GLib's pool, so a slow province never holds the database. */
typedef struct
{
  CivWorker            *worker;
  CivStore             *store;
  CivReportSync        *sync;
  CivReportNumbers     *numbers;  /* the number-block exchange after the reports */
  CivReportDivorces    *divorces; /* then the divorce applications (R-D6) */
  CivReportSyncOutcome *outcome;  /* kept while it runs */
  guint                 round;
} AsyncRun;

static void
async_run_free (AsyncRun *run)
{
  g_clear_object (&run->worker);
  g_clear_object (&run->store);
  civ_report_sync_free (run->sync);
  civ_report_numbers_free (run->numbers);
  civ_report_divorces_free (run->divorces);
  civ_report_sync_outcome_free (run->outcome);
  g_free (run);
}

static void async_step (GTask              *outer,
                        GTaskThreadFunc     func,
                        GAsyncReadyCallback done,
                        gboolean            on_worker);

static void
next_job (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  AsyncRun *run = g_task_get_task_data (g_task_get_source_object (task));

  g_task_return_boolean (task, civ_report_sync_next (run->sync, run->store));
}

static void
post_job (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  GTask    *outer = g_task_get_source_object (task);
  AsyncRun *run = g_task_get_task_data (outer);

  civ_report_sync_post (run->sync, g_task_get_cancellable (outer));
  g_task_return_boolean (task, TRUE);
}

static void
record_job (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  AsyncRun *run = g_task_get_task_data (g_task_get_source_object (task));

  g_task_return_boolean (task, civ_report_sync_record (run->sync, run->store));
}

static void
finish_job (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  AsyncRun             *run = g_task_get_task_data (g_task_get_source_object (task));
  CivReportSyncOutcome *outcome = g_new0 (CivReportSyncOutcome, 1);

  outcome->ok =
    civ_report_sync_finish_run (run->sync, run->store, &outcome->result, &outcome->error);
  g_task_return_pointer (task, outcome, (GDestroyNotify) civ_report_sync_outcome_free);
}

static void on_next_done (GObject *source, GAsyncResult *res, gpointer data);
static void on_numbers_prepared (GObject *source, GAsyncResult *res, gpointer data);
static void on_numbers_posted (GObject *source, GAsyncResult *res, gpointer data);
static void on_numbers_recorded (GObject *source, GAsyncResult *res, gpointer data);
static void divorces_prepare_job (GTask        *task,
                                  gpointer      source,
                                  gpointer      data,
                                  GCancellable *cancellable);
static void on_divorces_prepared (GObject *source, GAsyncResult *res, gpointer data);
static void on_divorces_asked (GObject *source, GAsyncResult *res, gpointer data);
static void on_divorces_recorded (GObject *source, GAsyncResult *res, gpointer data);

static void
numbers_prepare_job (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  AsyncRun *run = g_task_get_task_data (g_task_get_source_object (task));

  civ_report_numbers_free (run->numbers);
  run->numbers = civ_report_numbers_prepare (run->store, FALSE);
  g_task_return_boolean (task, civ_report_numbers_ready (run->numbers));
}

static void
numbers_post_job (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  GTask    *outer = g_task_get_source_object (task);
  AsyncRun *run = g_task_get_task_data (outer);

  civ_report_numbers_post (run->numbers, g_task_get_cancellable (outer));
  g_task_return_boolean (task, TRUE);
}

/* TRUE when another round should follow. */
static void
numbers_record_job (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  AsyncRun *run = g_task_get_task_data (g_task_get_source_object (task));
  g_autoptr (GError) error = NULL;
  gboolean again = FALSE;

  if (!civ_report_numbers_record (run->numbers, run->store, &run->outcome->result.numbers, &again,
                                  &error))
    {
      g_free (run->outcome->result.numbers_failure);
      run->outcome->result.numbers_failure = g_strdup (error->message);
      g_task_return_boolean (task, FALSE);
      return;
    }
  g_task_return_boolean (task, again && ++run->round < 3);
}
static void on_post_done (GObject *source, GAsyncResult *res, gpointer data);
static void on_record_done (GObject *source, GAsyncResult *res, gpointer data);
static void on_finish_done (GObject *source, GAsyncResult *res, gpointer data);

static void
on_next_done (GObject *source, GAsyncResult *res, gpointer data)
{
  GTask *outer = G_TASK (source);

  if (g_task_propagate_boolean (G_TASK (res), NULL))
    async_step (outer, post_job, on_post_done, FALSE);
  else
    async_step (outer, finish_job, on_finish_done, TRUE);
}

static void
on_post_done (GObject *source, GAsyncResult *res, gpointer data)
{
  async_step (G_TASK (source), record_job, on_record_done, TRUE);
}

static void
on_record_done (GObject *source, GAsyncResult *res, gpointer data)
{
  GTask *outer = G_TASK (source);

  if (g_task_propagate_boolean (G_TASK (res), NULL))
    async_step (outer, next_job, on_next_done, TRUE);
  else
    async_step (outer, finish_job, on_finish_done, TRUE);
}

static void
on_finish_done (GObject *source, GAsyncResult *res, gpointer data)
{
  GTask *outer = G_TASK (source);
  g_autoptr (GError) error = NULL;
  CivReportSyncOutcome *outcome = g_task_propagate_pointer (G_TASK (res), &error);

  if (outcome == NULL)
    {
      /* The worker had shut down: nothing ran. */
      outcome = g_new0 (CivReportSyncOutcome, 1);
      outcome->error = g_steal_pointer (&error);
    }
  if (outcome->ok)
    {
      AsyncRun *run = g_task_get_task_data (outer);

      /* The reports are through: the number blocks (R-N1) next. */
      run->outcome = outcome;
      async_step (outer, numbers_prepare_job, on_numbers_prepared, TRUE);
      return;
    }
  g_task_return_pointer (outer, outcome, (GDestroyNotify) civ_report_sync_outcome_free);
  g_object_unref (outer);
}

static void
on_numbers_prepared (GObject *source, GAsyncResult *res, gpointer data)
{
  GTask *outer = G_TASK (source);
  g_autoptr (GError) error = NULL;

  if (g_task_propagate_boolean (G_TASK (res), &error))
    async_step (outer, numbers_post_job, on_numbers_posted, FALSE);
  else if (error == NULL)
    async_step (outer, numbers_record_job, on_numbers_recorded, TRUE);
  else
    {
      AsyncRun *run = g_task_get_task_data (outer);

      /* The worker had shut down. */
      g_task_return_pointer (outer, g_steal_pointer (&run->outcome),
                             (GDestroyNotify) civ_report_sync_outcome_free);
      g_object_unref (outer);
    }
}

static void
on_numbers_posted (GObject *source, GAsyncResult *res, gpointer data)
{
  async_step (G_TASK (source), numbers_record_job, on_numbers_recorded, TRUE);
}

/* Another round, or the divorce applications. */
static void
on_numbers_recorded (GObject *source, GAsyncResult *res, gpointer data)
{
  GTask *outer = G_TASK (source);

  if (g_task_propagate_boolean (G_TASK (res), NULL))
    {
      async_step (outer, numbers_prepare_job, on_numbers_prepared, TRUE);
      return;
    }
  async_step (outer, divorces_prepare_job, on_divorces_prepared, TRUE);
}

static void
divorces_prepare_job (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  AsyncRun *run = g_task_get_task_data (g_task_get_source_object (task));

  run->divorces = civ_report_divorces_prepare_refresh (run->store);
  g_task_return_boolean (task, civ_report_divorces_ready (run->divorces));
}

static void
divorces_ask_job (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  GTask    *outer = g_task_get_source_object (task);
  AsyncRun *run = g_task_get_task_data (outer);

  civ_report_divorces_ask (run->divorces, g_task_get_cancellable (outer));
  g_task_return_boolean (task, TRUE);
}

static void
divorces_record_job (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  AsyncRun *run = g_task_get_task_data (g_task_get_source_object (task));
  g_autoptr (GError) error = NULL;

  if (!civ_report_divorces_record (run->divorces, run->store, NULL, NULL,
                                   &run->outcome->result.divorces_changed, &error))
    run->outcome->result.divorces_failure = g_strdup (error->message);
  g_task_return_boolean (task, TRUE);
}

static void
on_divorces_prepared (GObject *source, GAsyncResult *res, gpointer data)
{
  GTask *outer = G_TASK (source);
  g_autoptr (GError) error = NULL;

  if (g_task_propagate_boolean (G_TASK (res), &error))
    async_step (outer, divorces_ask_job, on_divorces_asked, FALSE);
  else if (error == NULL)
    async_step (outer, divorces_record_job, on_divorces_recorded, TRUE);
  else
    on_divorces_recorded (source, NULL, data); /* the worker had shut down */
}

static void
on_divorces_asked (GObject *source, GAsyncResult *res, gpointer data)
{
  async_step (G_TASK (source), divorces_record_job, on_divorces_recorded, TRUE);
}

/* The end of the run. */
static void
on_divorces_recorded (GObject *source, GAsyncResult *res, gpointer data)
{
  GTask    *outer = G_TASK (source);
  AsyncRun *run = g_task_get_task_data (outer);

  g_task_return_pointer (outer, g_steal_pointer (&run->outcome),
                         (GDestroyNotify) civ_report_sync_outcome_free);
  g_object_unref (outer);
}

/* Runs @func as an inner task whose source object is @outer; @done gets
 * @outer back as its source. The steps themselves are never cancelled
 * (a record step must run once its POST has); the cancellable aborts the
 * POST. */
static void
async_step (GTask *outer, GTaskThreadFunc func, GAsyncReadyCallback done, gboolean on_worker)
{
  AsyncRun *run = g_task_get_task_data (outer);
  g_autoptr (GTask) inner = g_task_new (outer, NULL, done, NULL);

  if (on_worker)
    civ_worker_run (run->worker, inner, func);
  else
    g_task_run_in_thread (inner, func);
}

void
civ_report_sync_async (CivWorker                  *worker,
                       CivStore                   *store,
                       gpointer                    source_object,
                       const CivReportSyncOptions *options,
                       GCancellable               *cancellable,
                       GAsyncReadyCallback         callback,
                       gpointer                    user_data)
{
  GTask    *outer;
  AsyncRun *run;

  g_return_if_fail (CIV_IS_WORKER (worker));
  g_return_if_fail (CIV_IS_STORE (store));

  outer = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (outer, civ_report_sync_async);
  g_task_set_check_cancellable (outer, FALSE);
  run = g_new0 (AsyncRun, 1);
  run->worker = g_object_ref (worker);
  run->store = g_object_ref (store);
  run->sync = civ_report_sync_new (options);
  g_task_set_task_data (outer, run, (GDestroyNotify) async_run_free);
  /* The outer task lives until on_finish_done() returns it. */
  async_step (outer, next_job, on_next_done, TRUE);
}

CivReportSyncOutcome *
civ_report_sync_async_finish (GAsyncResult *result)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == civ_report_sync_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), NULL);
}

void
civ_report_sync_outcome_free (CivReportSyncOutcome *outcome)
{
  if (outcome == NULL)
    return;
  civ_report_sync_result_clear (&outcome->result);
  g_clear_error (&outcome->error);
  g_free (outcome);
}

gboolean
civ_report_requeue (CivStore *store, gint64 id, guint *n_requeued, GError **error)
{
  CivDb *db;
  g_autoptr (GPtrArray) parked = NULL;
  g_autoptr (GString) keys = g_string_new (NULL);
  guint n = 0;

  g_return_val_if_fail (CIV_IS_STORE (store), FALSE);
  if (!civ_require (store, CIV_PERM_MANAGE_REPORTING, error))
    return FALSE;
  db = civ_store_get_db (store);
  parked = civ_outbox_list (db, "parked", 0, error);
  if (parked == NULL)
    return FALSE;
  if (!civ_db_begin (db, error))
    return FALSE;
  for (guint i = 0; i < parked->len; i++)
    {
      const CivOutboxRow *row = g_ptr_array_index (parked, i);

      if (id != 0 && row->id != id)
        continue;
      if (!civ_outbox_requeue (db, row->id, error))
        goto fail;
      g_string_append_printf (keys, "%s%s", n ? " " : "", row->idempotency_key);
      n++;
    }
  if (n == 0)
    {
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      civ_db_rollback (db);
      if (id)
        g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_NOT_FOUND,
                     _ ("Outbox item %s is not parked"), id_text);
      else
        g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_NOT_FOUND,
                             _ ("No outbox item is parked"));
      return FALSE;
    }
  {
    g_autofree char *detail = detail_json ("items", keys->str, NULL, NULL);
    if (!civ_store_audit (store, "report.requeue", NULL, detail, error))
      goto fail;
  }
  if (!civ_db_commit (db, error))
    goto fail;
  if (n_requeued)
    *n_requeued = n;
  return TRUE;

fail:
  civ_db_rollback (db);
  return FALSE;
}
