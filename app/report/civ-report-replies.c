// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-report-replies.c — reading the province's replies */
#include "civ-report-replies-private.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "civ-json.h"
#include "civ-marriage-rules.h"

static const char *
member_string (JsonObject *o, const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

static void
item_answer_free (CivReportItemAnswer *item)
{
  g_free (item->status);
  g_free (item->receipt);
  g_free (item->reason);
  g_free (item);
}

void
_civ_report_batch_answer_clear (CivReportBatchAnswer *answer)
{
  g_clear_pointer (&answer->items, g_hash_table_unref);
  g_clear_pointer (&answer->audit_status, g_free);
  g_clear_pointer (&answer->tamper_detail, g_free);
  answer->acked_seq = -1;
}

static JsonObject *
root_object (JsonParser *parser)
{
  JsonNode *root = parser ? json_parser_get_root (parser) : NULL;

  return root && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
}

gboolean
_civ_report_parse_batch_reply (const char           *data,
                               gsize                 len,
                               CivReportBatchAnswer *answer,
                               GError              **error)
{
  g_autoptr (GError) parse_error = NULL;
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GHashTable) items = NULL;
  JsonObject *root;
  JsonArray  *list;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (answer != NULL, FALSE);

  answer->items = NULL;
  answer->audit_status = NULL;
  answer->tamper_detail = NULL;
  answer->acked_seq = -1;

  parser = civ_json_parse_outside (data, len, CIV_JSON_GUARD_INPUT_MAX,
                                   CIV_JSON_GUARD_NO_DUPLICATES, &parse_error);
  root = root_object (parser);
  if (root == NULL || !json_object_has_member (root, "items") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "items")))
    goto bad;
  items =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) item_answer_free);
  list = json_object_get_array_member (root, "items");
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode            *n = json_array_get_element (list, i);
      JsonObject          *o;
      const char          *key;
      CivReportItemAnswer *item;

      if (!JSON_NODE_HOLDS_OBJECT (n))
        goto bad;
      o = json_node_get_object (n);
      key = member_string (o, "idempotency_key");
      if (key == NULL)
        goto bad;
      item = g_new0 (CivReportItemAnswer, 1);
      item->status = g_strdup (member_string (o, "status"));
      item->receipt = g_strdup (member_string (o, "receipt"));
      item->reason = g_strdup (member_string (o, "reason"));
      g_hash_table_replace (items, g_strdup (key), item);
    }
  if (json_object_has_member (root, "audit") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "audit")))
    {
      JsonObject *audit = json_object_get_object_member (root, "audit");
      JsonNode   *seq = json_object_get_member (audit, "acknowledged_seq");

      answer->audit_status = g_strdup (member_string (audit, "status"));
      if (seq && json_node_get_value_type (seq) == G_TYPE_INT64)
        answer->acked_seq = json_node_get_int (seq);
      if (g_strcmp0 (answer->audit_status, "tampering") == 0)
        answer->tamper_detail = g_strdup (member_string (audit, "detail"));
    }
  answer->items = g_steal_pointer (&items);
  return TRUE;

bad:
  _civ_report_batch_answer_clear (answer);
  g_set_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_PROTOCOL,
               _ ("The province's reply does not follow the protocol%s%s"), parse_error ? ": " : "",
               parse_error ? parse_error->message : "");
  return FALSE;
}

gboolean
_civ_report_parse_marital_reply (const char *data, gsize len, CivReportMaritalAnswer *answer)
{
  g_autoptr (JsonParser) parser = NULL;
  JsonObject *o;
  JsonNode   *n;
  gint64      status;

  g_return_val_if_fail (answer != NULL, FALSE);

  parser = civ_json_parse_outside (data, len, CIV_JSON_GUARD_INPUT_MAX,
                                   CIV_JSON_GUARD_NO_DUPLICATES, NULL);
  o = root_object (parser);
  if (o == NULL)
    return FALSE;
  n = json_object_get_member (o, "status");
  if (n == NULL || json_node_get_value_type (n) != G_TYPE_INT64)
    return FALSE;
  status = json_node_get_int (n);
  /* A code outside GB/T 2261.2 is no answer: the check stays local. */
  if (!civ_marital_status_is_known (status))
    return FALSE;
  answer->source = CIV_STATUS_SOURCE_ONLINE;
  answer->status = (CivMaritalStatus) status;
  n = json_object_get_member (o, "known");
  answer->known = n && json_node_get_value_type (n) == G_TYPE_BOOLEAN && json_node_get_boolean (n);
  n = json_object_get_member (o, "current_marriage");
  g_clear_pointer (&answer->current_marriage, g_free);
  if (n && json_node_get_value_type (n) == G_TYPE_STRING)
    answer->current_marriage = g_strdup (json_node_get_string (n));
  /* Other windows of the office with registrations not yet reported
   * (protocol §4); a malformed entry counts for nothing. */
  answer->pending_elsewhere = 0;
  answer->windows_pending = 0;
  n = json_object_get_member (o, "pending_elsewhere");
  if (n && JSON_NODE_HOLDS_ARRAY (n))
    {
      JsonArray *a = json_node_get_array (n);

      for (guint i = 0; i < json_array_get_length (a) && i < 1000; i++)
        {
          JsonNode *e = json_array_get_element (a, i);
          JsonNode *u = JSON_NODE_HOLDS_OBJECT (e)
                          ? json_object_get_member (json_node_get_object (e), "unreported")
                          : NULL;
          gint64 k = u && json_node_get_value_type (u) == G_TYPE_INT64 ? json_node_get_int (u) : 0;

          if (k <= 0 || k > 999999)
            continue;
          answer->pending_elsewhere += k;
          answer->windows_pending++;
        }
    }
  return TRUE;
}

char *
_civ_report_server_error_text (const char *data, gsize len)
{
  g_autoptr (JsonParser) parser = NULL;
  JsonObject *o;

  if (data == NULL || len == 0)
    return g_strdup ("");
  parser = civ_json_parse_outside (data, len, CIV_JSON_GUARD_INPUT_MAX, CIV_JSON_GUARD_NONE, NULL);
  o = root_object (parser);
  if (o != NULL)
    {
      const char *msg = member_string (o, "error");
      if (msg)
        return g_strdup (msg);
    }
  return g_utf8_make_valid (data, (gssize) MIN (len, 200));
}
