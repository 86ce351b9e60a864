// SPDX-License-Identifier: GPL-3.0-or-later
/* fuzz-province-divorce.c — the reference server's divorce applications
 * (docs/provincial-protocol.md §10). The first byte chooses what the rest
 * is: 0 a take body from WS-2, 1 a GET query ("KEY", "KEY\nIDS" or
 * "\nIDS"), 2 or 3 a batch item's payload from WS-1 or WS-2. Every answer
 * is a JSON object with an expected status; a refused take or query
 * changes nothing; and the log, replayed as the server replays it,
 * rebuilds the same applications. */
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "civ-fuzz.h"
#include "civ-province-divorce.h"

#define APP_1                                                                                      \
  "{\"kind\": \"divorce-application\", \"record_id\": \"APP-1\", \"version\": 1, \"state\": "      \
  "\"COOLING\", \"office_code\": \"110101\", \"accepted_on\": \"2026-03-02\", "                    \
  "\"marriage\": {\"record_id\": \"M-1\", \"certificate_no\": \"J110101-2026-000001\", "           \
  "\"parties\": [{\"doc_number\": \"11010119900101001X\"}, {\"doc_number\": \"B2\"}]}}"

/* The string member @name of @o, or @fallback (json-glib complains about
 * a member that is not a value). */
static const char *
string_or (JsonObject *o, const char *name, const char *fallback)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return fallback;
  return json_node_get_string (n);
}

static JsonObject *
object_of (JsonNode *n)
{
  g_assert (n != NULL && JSON_NODE_HOLDS_OBJECT (n));
  return json_node_get_object (n);
}

/* Accepts the item as civreg-province.c does: check, note, log the item. */
static gboolean
report (CivProvinceDivorce *d,
        FILE               *log,
        const char         *ws,
        const char         *kind,
        const char         *record_id,
        JsonObject         *payload)
{
  g_autofree char *reason = civ_province_divorce_check_item (d, ws, kind, record_id, payload);
  g_autoptr (JsonBuilder) b = NULL;
  g_autoptr (JsonGenerator) gen = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (JsonNode) copy = NULL;
  g_autofree char *text = NULL;

  if (reason)
    {
      g_assert (g_utf8_validate (reason, -1, NULL) && *reason);
      return FALSE;
    }
  civ_province_divorce_note_item (d, ws, kind, record_id, payload);
  copy = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (copy, payload);
  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "item");
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, kind);
  json_builder_set_member_name (b, "record_id");
  json_builder_add_string_value (b, record_id);
  json_builder_set_member_name (b, "workstation");
  json_builder_add_string_value (b, ws);
  json_builder_set_member_name (b, "payload");
  json_builder_add_value (b, json_node_copy (copy));
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  gen = json_generator_new ();
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);
  fprintf (log, "%s\n", text);
  fflush (log);
  return TRUE;
}

/* The server's replay of @log. */
static CivProvinceDivorce *
replayed (const char *log)
{
  CivProvinceDivorce *d = civ_province_divorce_new ();
  g_auto (GStrv) lines = g_strsplit (log, "\n", -1);

  for (guint i = 0; lines[i]; i++)
    {
      g_autoptr (JsonNode) n = *lines[i] ? json_from_string (lines[i], NULL) : NULL;
      JsonObject *o;

      if (n == NULL)
        continue;
      o = object_of (n);
      if (strcmp (json_object_get_string_member (o, "type"), "item") == 0)
        civ_province_divorce_note_item (d, json_object_get_string_member (o, "workstation"),
                                        json_object_get_string_member (o, "kind"),
                                        json_object_get_string_member (o, "record_id"),
                                        json_object_get_object_member (o, "payload"));
      else
        g_assert (civ_province_divorce_replay (d, o));
    }
  return d;
}

/* GET ?ids=@ids as @ws: the answer, which must be 200. */
static char *
state_of (CivProvinceDivorce *d, const char *ws, const char *ids)
{
  char *reply = NULL;

  g_assert (civ_province_divorce_get (d, ws, NULL, ids, NULL, &reply) == 200);
  return reply;
}

static void
check_reply (guint status, const char *reply)
{
  g_autoptr (JsonNode) n = NULL;
  JsonObject *o;

  g_assert (reply != NULL && g_utf8_validate (reply, -1, NULL));
  n = json_from_string (reply, NULL);
  o = object_of (n);
  if (status == 200)
    g_assert (json_object_has_member (o, "applications") ||
              json_object_has_member (o, "application"));
  else
    g_assert (json_object_get_string_member_with_default (o, "error", NULL) != NULL);
  if (status == 409)
    g_assert (json_object_has_member (o, "application"));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  CivProvinceDivorce *d = civ_province_divorce_new ();
  CivProvinceDivorce *again;
  char               *log_text = NULL;
  size_t              log_len = 0;
  FILE               *log = open_memstream (&log_text, &log_len);
  g_autoptr (JsonNode) app = json_from_string (APP_1, NULL);
  g_autoptr (JsonNode) marriage = json_from_string ("{\"kind\": \"marriage\", \"office_code\": "
                                                    "\"110101\", \"state\": \"REGISTERED\"}",
                                                    NULL);
  g_autofree char *ids = g_strdup ("APP-1");
  g_autofree char *before = NULL, *after = NULL, *one = NULL, *two = NULL;
  g_autofree char *log_before = NULL;
  const char      *rest = (const char *) data + (size ? 1 : 0);
  gsize            len = size ? size - 1 : 0;
  char            *reply = NULL;
  guint            status;

  civ_province_divorce_set_log (d, log);
  g_assert (report (d, log, "WS-1", "divorce-application", "APP-1", object_of (app)));
  g_assert (report (d, log, "WS-2", "marriage", "M-2", object_of (marriage)));
  before = state_of (d, "WS-1", ids);
  log_before = g_strndup (log_text, log_len);

  switch (size ? data[0] % 4 : 0)
    {
    case 0:
      status = civ_province_divorce_take (d, "WS-2", rest, len, &reply);
      g_assert (status == 200 || status == 400 || status == 404 || status == 409 || status == 422);
      check_reply (status, reply);
      if (status != 200)
        {
          after = state_of (d, "WS-1", ids);
          g_assert (strcmp (before, after) == 0);
          g_assert (log_len == strlen (log_before) && memcmp (log_text, log_before, log_len) == 0);
        }
      break;
    case 1:
      {
        g_autofree char *text = g_strndup (rest, len);
        char            *nl = strchr (text, '\n');
        const char      *key = text, *list = NULL;

        if (nl)
          {
            *nl = '\0';
            list = nl + 1;
            if (nl == text)
              key = NULL;
          }
        else if (*text == '\0')
          key = NULL;
        status = civ_province_divorce_get (d, len % 2 ? "WS-1" : "WS-9", key, list,
                                           len % 3 ? NULL : "110101", &reply);
        g_assert (status == 200 || status == 400 || status == 422);
        check_reply (status, reply);
        after = state_of (d, "WS-1", ids);
        g_assert (strcmp (before, after) == 0);
        g_assert (log_len == strlen (log_before));
      }
      break;
    default:
      {
        g_autoptr (JsonParser) parser = json_parser_new ();
        JsonNode   *root;
        JsonObject *payload;
        const char *kind, *record_id;

        if (!json_parser_load_from_data (parser, rest, (gssize) len, NULL) ||
            (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
          break;
        payload = json_node_get_object (root);
        kind = string_or (payload, "kind", "divorce-application");
        record_id = string_or (payload, "record_id", "APP-1");
        report (d, log, data[0] % 4 == 2 ? "WS-1" : "WS-2", kind, record_id, payload);
        if (strcmp (record_id, "APP-1") != 0 && strlen (record_id) <= 64 &&
            strspn (record_id, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-") ==
              strlen (record_id) &&
            *record_id)
          {
            g_free (ids);
            ids = g_strconcat ("APP-1,", record_id, NULL);
          }
      }
      break;
    }
  g_free (reply);

  /* The replay rebuilds what the live store has. */
  fflush (log);
  again = replayed (log_text);
  one = state_of (d, "WS-1", ids);
  two = state_of (again, "WS-1", ids);
  g_assert (strcmp (one, two) == 0);
  civ_province_divorce_free (again);
  civ_province_divorce_free (d);
  fclose (log);
  free (log_text);
  return 0;
}
