/* civ-report-sender.c — delivering the outbox in signed batches
 * (docs/provincial-protocol.md §3, §6)
 */
#include "civ-report.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-permissions.h"
#include "civ-report-alarm-private.h"
#include "civ-report-sign.h"

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
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db, "SELECT lower(hex(hash)) FROM audit_log WHERE seq = ?", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, seq);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (rc == SQLITE_DONE)
    return g_strdup ("");
  civ_db_set_error (db, error, _ ("Could not read the audit log"));
  return NULL;
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

static const char *
member_string (JsonObject *o, const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
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
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GError) parse_error = NULL;
  g_autofree char *now = iso_in (0);
  g_autoptr (GString) parked_keys = g_string_new (NULL);
  JsonObject *root, *audit;
  JsonArray  *items;
  gint64      acked = -1;
  const char *verdict = NULL;

  *all_settled = TRUE;
  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                   &parse_error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    goto bad;
  root = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (root, "items") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "items")))
    goto bad;
  items = json_object_get_array_member (root, "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode   *n = json_array_get_element (items, i);
      const char *key;

      if (!JSON_NODE_HOLDS_OBJECT (n))
        goto bad;
      key = member_string (json_node_get_object (n), "idempotency_key");
      if (key == NULL)
        goto bad;
      g_hash_table_insert (by_key, (gpointer) key, json_node_get_object (n));
    }
  if (json_object_has_member (root, "audit") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "audit")))
    {
      JsonNode *seq;

      audit = json_object_get_object_member (root, "audit");
      verdict = member_string (audit, "status");
      seq = json_object_get_member (audit, "acknowledged_seq");
      if (seq && json_node_get_value_type (seq) == G_TYPE_INT64)
        acked = json_node_get_int (seq);
      if (g_strcmp0 (verdict, "tampering") == 0)
        {
          result->tampering = TRUE;
          g_free (result->tamper_detail);
          result->tamper_detail = g_strdup (member_string (audit, "detail"));
        }
    }

  if (!civ_db_begin (db, error))
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      const CivOutboxRow *row = g_ptr_array_index (rows, i);
      JsonObject         *item = g_hash_table_lookup (by_key, row->idempotency_key);
      const char         *status = item ? member_string (item, "status") : NULL;
      const char         *receipt = item ? member_string (item, "receipt") : NULL;
      gboolean            ok;

      if ((g_strcmp0 (status, "accepted") == 0 || g_strcmp0 (status, "duplicate") == 0) &&
          receipt && *receipt)
        {
          ok = civ_outbox_mark_delivered (db, row->id, receipt, now, error);
          if (status[0] == 'a')
            result->accepted++;
          else
            result->duplicates++;
        }
      else if (g_strcmp0 (status, "rejected") == 0)
        {
          const char      *why = member_string (item, "reason");
          g_autofree char *reason =
            g_strdup_printf (_ ("Rejected by the province: %s"), why ? why : _ ("no reason given"));

          ok = civ_outbox_mark_parked (db, row->id, reason, error);
          g_string_append_printf (parked_keys, "%s%s", parked_keys->len ? " " : "",
                                  row->idempotency_key);
          result->parked++;
        }
      else
        {
          g_autofree char *next = iso_in (backoff_seconds (row->attempts, -1));

          ok = civ_outbox_mark_retry (db, row->id, next,
                                      _ ("The province's reply did not mention this item"), error);
          result->retrying++;
          *all_settled = FALSE;
        }
      if (!ok)
        goto fail;
    }
  if (acked > 0 && !civ_report_store_set_acked (db, acked, now, error))
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

bad:
  g_set_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_PROTOCOL,
               _ ("The province's reply does not follow the protocol%s%s"), parse_error ? ": " : "",
               parse_error ? parse_error->message : "");
  return FALSE;
}

/* "error" of a JSON error body, or the start of the body. */
static char *
server_error_text (GBytes *body)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  gsize       len = 0;
  const char *data = g_bytes_get_data (body, &len);

  if (len == 0)
    return g_strdup ("");
  if (json_parser_load_from_data (parser, data, (gssize) len, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      const char *msg =
        member_string (json_node_get_object (json_parser_get_root (parser)), "error");
      if (msg)
        return g_strdup (msg);
    }
  return g_utf8_make_valid (data, (gssize) MIN (len, 200));
}

gboolean
civ_report_sync (CivStore                   *store,
                 const CivReportSyncOptions *options,
                 CivReportSyncResult        *result,
                 GError                    **error)
{
  CivDb *db;
  g_autoptr (CivReportEnrollment) e = NULL;
  g_autoptr (CivReportClient) client = NULL;
  g_autofree char *workstation = NULL;
  g_autofree char *office_code = NULL;
  g_autoptr (GError) failure = NULL;
  guint    batch_size;
  gboolean ok = TRUE;
  gint64   parked_total = 0, delivered_total = 0;

  g_return_val_if_fail (CIV_IS_STORE (store), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  memset (result, 0, sizeof *result);
  if (!civ_require (store, CIV_PERM_SEND_REPORTS, error))
    return FALSE;
  db = civ_store_get_db (store);
  e = civ_report_store_get_enrollment (db, error);
  if (e == NULL)
    {
      if (error && *error == NULL)
        g_set_error_literal (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_NOT_ENROLLED,
                             _ ("This workstation is not enrolled for reporting yet"));
      return FALSE;
    }
  workstation = civ_db_get_setting (db, "workstation_id");
  office_code = civ_store_get_office_code (store);
  client = _civ_report_client_new (e, 0);
  batch_size = options && options->batch_size ? options->batch_size : CIV_REPORT_BATCH_SIZE;

  for (;;)
    {
      g_autofree char *now = iso_in (0);
      g_autoptr (GPtrArray) rows = NULL;
      g_autoptr (GString) body = NULL;
      g_autofree char *signature = NULL;
      g_autofree char *sig_header = NULL;
      g_autofree char *ws_header = NULL;
      g_auto (CivReportReply) reply = { 0 };
      gint64   head_seq = 0;
      gboolean all_settled = TRUE;

      rows = civ_outbox_fetch_due (db, options && options->ignore_schedule ? NULL : now, batch_size,
                                   &failure);
      if (rows == NULL)
        break;
      if (rows->len == 0)
        break;
      body = build_body (db, e, workstation, office_code, rows, &head_seq, &failure);
      if (body == NULL)
        break;
      signature = civ_report_sign (e->signing_secret, body->str, body->len, &failure);
      if (signature == NULL)
        break;
      if (head_seq > 0 && !civ_report_store_note_sent_head (db, head_seq, &failure))
        break;
      sig_header = g_strdup_printf ("X-Civreg-Signature: ed25519=%s", signature);
      ws_header = g_strdup_printf ("X-Civreg-Workstation: %s", workstation);
      result->batches++;

      if (!_civ_report_client_request (client, "/v1/batches",
                                       (const char *const[]){ sig_header, ws_header, NULL },
                                       body->str, body->len, &reply, &failure))
        {
          if (_civ_report_judge (store, e, &reply, &failure) == CIV_REPORT_VERDICT_ALARM)
            {
              g_autofree char *reason =
                g_strdup_printf (_ ("Security alarm, not sent: %s"), failure->message);
              settle_failed_batch (db, rows, FATE_ALARM, -1, reason, NULL);
            }
          else
            {
              if (!settle_failed_batch (db, rows, FATE_RETRY, -1, failure->message, NULL))
                g_warning ("Could not reschedule the outbox");
              result->retrying += rows->len;
            }
          break;
        }
      _civ_report_judge (store, e, &reply, NULL);

      if (reply.status >= 200 && reply.status < 300)
        {
          g_autoptr (GError) apply_error = NULL;

          if (!apply_reply (store, rows, reply.body, result, &all_settled, &apply_error))
            {
              if (apply_error->domain == CIV_REPORT_ERROR)
                {
                  settle_failed_batch (db, rows, FATE_RETRY, -1, apply_error->message, NULL);
                  result->retrying += rows->len;
                }
              g_propagate_error (&failure, g_steal_pointer (&apply_error));
              break;
            }
          if (!all_settled)
            break;
          continue;
        }

      {
        g_autofree char *text = server_error_text (reply.body);
        g_autofree char *reason =
          g_strdup_printf (_ ("HTTP %ld from the province: %s"), reply.status, text);

        if (reply.status == 408 || reply.status == 429 || reply.status >= 500)
          {
            settle_failed_batch (db, rows, FATE_RETRY, reply.retry_after, reason, NULL);
            result->retrying += rows->len;
            g_set_error_literal (&failure, CIV_REPORT_ERROR, CIV_REPORT_ERROR_TRANSPORT, reason);
          }
        else
          {
            g_autofree char *detail = detail_json ("status", text, NULL, NULL);

            if (!settle_failed_batch (db, rows, FATE_PARK, -1, reason, &failure))
              break;
            result->parked += rows->len;
            civ_store_audit (store, "report.park", e->server_url, detail, NULL);
            g_set_error_literal (&failure, CIV_REPORT_ERROR, CIV_REPORT_ERROR_REFUSED, reason);
          }
        break;
      }
    }

  if (failure != NULL)
    {
      ok = FALSE;
      g_propagate_error (error, g_steal_pointer (&failure));
    }
  if (result->accepted + result->duplicates + result->parked > 0)
    {
      g_autofree char *detail =
        g_strdup_printf ("{\"accepted\":%u,\"duplicates\":%u,\"parked\":%u,\"retrying\":%u}",
                         result->accepted, result->duplicates, result->parked, result->retrying);
      civ_store_audit (store, "report.sync", e->server_url, detail, NULL);
    }
  civ_outbox_count (db, &result->pending, &parked_total, &delivered_total, NULL);
  return ok;
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
