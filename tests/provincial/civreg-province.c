// SPDX-License-Identifier: GPL-3.0-or-later
/* civreg-province.c — the reference provincial server (docs/provincial-protocol.md)
 *
 * libsoup 3 over TLS on 127.0.0.1 with mutual TLS, Ed25519 batch
 * signatures checked against the enrolled workstation keys, idempotency by
 * key, audit-head tracking per workstation, reference data from folders,
 * and fault injection for the tests. Its store is an append-only JSON-lines
 * log (STATE/log.jsonl) replayed at start.
 *
 * Prints "PORT n" on stdout when it listens.
 */
#include <gcrypt.h>
#include <gio/gio.h>
#include <glib-unix.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "civ-province-adoption.h"
#include "civ-province-divorce.h"
#include "civ-province-funeral.h"
#include "civ-province-historical.h"
#include "civ-province-numbers.h"
#include "civ-province-refuse.h"

typedef struct
{
  GHashTable *hashes; /* gint64* seq → hex hash */
  gint64      max_seq;
} Workstation;

typedef struct
{
  char               *key_path;
  char               *state_dir;
  char               *workstations_file;
  char              **refdata_dirs;
  FILE               *log;
  GHashTable         *receipts;     /* idempotency key → receipt */
  GHashTable         *workstations; /* id → Workstation */
  GHashTable         *keys;         /* id → base64 public key */
  gint64              keys_mtime;
  GHashTable         *persons;     /* doc number → record id of the current marriage */
  GHashTable         *reject_keys; /* keys to reject once */
  guint64             counter;
  int                 fail_next, fail_status, retry_after;
  int                 drop_next, stall_next, stall_seconds;
  gboolean            number_blocks; /* --number-blocks: §8 and §9 answer */
  int                 fail_numbers;  /* --fail-numbers: 503 to the next N number-block requests */
  CivProvinceNumbers *numbers;
  CivProvinceDivorce *divorce; /* §10, always on */
  GMainLoop          *loop;
} Province;

static void
workstation_free (Workstation *w)
{
  g_hash_table_unref (w->hashes);
  g_free (w);
}

static Workstation *
workstation_get (Province *p, const char *id)
{
  Workstation *w = g_hash_table_lookup (p->workstations, id);

  if (w == NULL)
    {
      w = g_new0 (Workstation, 1);
      w->hashes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
      g_hash_table_insert (p->workstations, g_strdup (id), w);
    }
  return w;
}

static void
record_head (Workstation *w, gint64 seq, const char *hash)
{
  gint64 *k = g_new (gint64, 1);

  *k = seq;
  g_hash_table_replace (w->hashes, k, g_strdup (hash));
  w->max_seq = MAX (w->max_seq, seq);
}

static void
note_person (Province *p, JsonObject *payload, const char *record_id)
{
  JsonArray *parties;

  if (g_strcmp0 (json_object_get_string_member_with_default (payload, "kind", ""), "marriage") !=
        0 ||
      g_strcmp0 (json_object_get_string_member_with_default (payload, "state", ""), "REGISTERED") !=
        0 ||
      !json_object_has_member (payload, "parties"))
    return;
  parties = json_object_get_array_member (payload, "parties");
  for (guint i = 0; parties && i < json_array_get_length (parties); i++)
    {
      JsonObject *party = json_array_get_object_element (parties, i);
      const char *doc =
        party ? json_object_get_string_member_with_default (party, "doc_number", "") : "";
      if (*doc)
        g_hash_table_replace (p->persons, g_ascii_strup (doc, -1), g_strdup (record_id));
    }
}

static void
log_line (Province *p, JsonBuilder *b)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  g_autofree char *text = NULL;

  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);
  fprintf (p->log, "%s\n", text);
}

static void
replay (Province *p, const char *path)
{
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      JsonObject *o;
      const char *type;

      if (*lines[i] == '\0' || !json_parser_load_from_data (parser, lines[i], -1, NULL) ||
          !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        continue;
      o = json_node_get_object (json_parser_get_root (parser));
      type = json_object_get_string_member_with_default (o, "type", "");
      if (strcmp (type, "item") == 0)
        {
          g_hash_table_replace (p->receipts, g_strdup (json_object_get_string_member (o, "key")),
                                g_strdup (json_object_get_string_member (o, "receipt")));
          p->counter++;
          if (json_object_has_member (o, "payload") &&
              JSON_NODE_HOLDS_OBJECT (json_object_get_member (o, "payload")))
            {
              note_person (p, json_object_get_object_member (o, "payload"),
                           json_object_get_string_member_with_default (o, "record_id", ""));
              civ_province_numbers_note_item (
                p->numbers, json_object_get_string_member_with_default (o, "kind", ""),
                json_object_get_string_member_with_default (o, "record_id", ""),
                json_object_get_object_member (o, "payload"));
              civ_province_divorce_note_item (
                p->divorce, json_object_get_string_member_with_default (o, "workstation", ""),
                json_object_get_string_member_with_default (o, "kind", ""),
                json_object_get_string_member_with_default (o, "record_id", ""),
                json_object_get_object_member (o, "payload"));
            }
        }
      else if (civ_province_numbers_replay (p->numbers, o))
        continue;
      else if (civ_province_divorce_replay (p->divorce, o))
        continue;
      else if (strcmp (type, "head") == 0)
        record_head (workstation_get (p, json_object_get_string_member (o, "workstation")),
                     json_object_get_int_member (o, "seq"),
                     json_object_get_string_member (o, "hash"));
    }
}

/* The divorce applications place a workstation by its number blocks first. */
static const char *
numbers_office (gpointer data, const char *ws_id)
{
  return civ_province_numbers_office (data, ws_id);
}

/* Re-reads "ID BASE64" lines when the file changed. */
static void
reload_keys (Province *p)
{
  g_autoptr (GFile) f = g_file_new_for_path (p->workstations_file);
  g_autoptr (GFileInfo) info =
    g_file_query_info (f,
                       G_FILE_ATTRIBUTE_TIME_MODIFIED "," G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC
                                                      "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                       G_FILE_QUERY_INFO_NONE, NULL, NULL);
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;
  gint64 stamp;

  if (info == NULL)
    return;
  stamp =
    (gint64) g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) * 1000000 +
    g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC) +
    g_file_info_get_size (info);
  if (stamp == p->keys_mtime || !g_file_get_contents (p->workstations_file, &contents, NULL, NULL))
    return;
  p->keys_mtime = stamp;
  g_hash_table_remove_all (p->keys);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_auto (GStrv) f2 = g_strsplit_set (g_strstrip (lines[i]), " \t", 2);
      if (f2[0] && f2[1] && *f2[0] != '#')
        g_hash_table_replace (p->keys, g_strdup (f2[0]), g_strdup (g_strstrip (f2[1])));
    }
}

static gboolean
verify_ed25519 (const char *public_b64, const char *body, gsize len, const char *sig_b64)
{
  g_autofree guchar *pub = NULL;
  g_autofree guchar *sig = NULL;
  gsize              pub_len = 0, sig_len = 0;
  gcry_sexp_t        key = NULL, msg = NULL, s = NULL;
  gcry_error_t       err;
  guint8             digest[32];

  gcry_md_hash_buffer (GCRY_MD_SHA256, digest, body, len);
  pub = g_base64_decode (public_b64, &pub_len);
  sig = g_base64_decode (sig_b64, &sig_len);
  if (pub_len != 32 || sig_len != 64)
    return FALSE;
  err =
    gcry_sexp_build (&key, NULL, "(public-key (ecc (curve Ed25519)(flags eddsa)(q %b)))", 32, pub);
  if (!err)
    err = gcry_sexp_build (&msg, NULL, "(data (flags eddsa)(hash-alg sha512)(value %b))",
                           (int) sizeof digest, digest);
  if (!err)
    err = gcry_sexp_build (&s, NULL, "(sig-val (eddsa (r %b)(s %b)))", 32, sig, 32, sig + 32);
  if (!err)
    err = gcry_pk_verify (s, msg, key);
  gcry_sexp_release (key);
  gcry_sexp_release (msg);
  gcry_sexp_release (s);
  return err == 0;
}

static void
reply_json (SoupServerMessage *msg, guint status, JsonBuilder *b)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  gsize len = 0;
  char *text;

  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, &len);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, len);
}

static void
reply_error (SoupServerMessage *msg, guint status, const char *text)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "error");
  json_builder_add_string_value (b, text);
  json_builder_end_object (b);
  reply_json (msg, status, b);
}

/* The audit verdict (protocol §3); NULL when the history is consistent. */
static char *
check_audit (Province *p, const char *ws_id, JsonObject *audit, gint64 *head_seq, char **head_hash)
{
  Workstation *w = workstation_get (p, ws_id);
  gint64       seq = json_object_get_int_member_with_default (audit, "seq", 0);
  const char  *hash = json_object_get_string_member_with_default (audit, "hash", "");
  JsonArray   *anchors = json_object_has_member (audit, "anchors")
                           ? json_object_get_array_member (audit, "anchors")
                           : NULL;
  const char  *known;
  gboolean     anchored = FALSE;

  *head_seq = seq;
  *head_hash = g_strdup (hash);
  if (w->max_seq == 0)
    return NULL;
  if (seq < w->max_seq)
    return g_strdup_printf ("the audit head went back from seq %" G_GINT64_FORMAT
                            " to %" G_GINT64_FORMAT,
                            w->max_seq, seq);
  known = g_hash_table_lookup (w->hashes, &seq);
  if (known && strcmp (known, hash) != 0)
    return g_strdup_printf ("the audit history forked at seq %" G_GINT64_FORMAT, seq);
  anchored = known != NULL;
  for (guint i = 0; anchors && i < json_array_get_length (anchors); i++)
    {
      JsonObject *a = json_array_get_object_element (anchors, i);
      gint64      aseq = a ? json_object_get_int_member_with_default (a, "seq", 0) : 0;
      const char *ahash = a ? json_object_get_string_member_with_default (a, "hash", "") : "";

      known = g_hash_table_lookup (w->hashes, &aseq);
      if (known == NULL)
        continue;
      if (strcmp (known, ahash) != 0)
        return g_strdup_printf ("the audit history was rewritten: entry %" G_GINT64_FORMAT
                                " differs from what the province recorded",
                                aseq);
      anchored = TRUE;
    }
  if (!anchored)
    return g_strdup ("the batch names no audit head the province recorded");
  return NULL;
}

static gboolean
on_stall_timeout (gpointer data)
{
  return G_SOURCE_REMOVE;
}

static void
on_stall_done (gpointer data)
{
  SoupServerMessage *msg = data;

  soup_server_message_unpause (msg);
  g_object_unref (msg);
}

/* The request's body when its X-Civreg-Workstation is enrolled and its
 * X-Civreg-Signature verifies (protocol §2); otherwise NULL, answered 401. */
static GBytes *
authenticate (Province *p, SoupServerMessage *msg, const char **ws_id)
{
  SoupMessageHeaders *req = soup_server_message_get_request_headers (msg);
  const char         *sig = soup_message_headers_get_one (req, "X-Civreg-Signature");
  const char         *pub;
  g_autoptr (GBytes) bytes = NULL;

  *ws_id = soup_message_headers_get_one (req, "X-Civreg-Workstation");
  reload_keys (p);
  bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  pub = *ws_id ? g_hash_table_lookup (p->keys, *ws_id) : NULL;
  if (pub == NULL)
    {
      reply_error (msg, 401, "unknown workstation");
      return NULL;
    }
  if (sig == NULL || !g_str_has_prefix (sig, "ed25519=") ||
      !verify_ed25519 (pub, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), sig + 8))
    {
      reply_error (msg, 401, "bad signature");
      return NULL;
    }
  return g_steal_pointer (&bytes);
}

static void
handle_batch (Province *p, SoupServerMessage *msg)
{
  const char *ws_id = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autofree char *verdict = NULL;
  g_autofree char *head_hash = NULL;
  gint64           head_seq = 0;
  JsonObject      *root;
  JsonArray       *items;

  if (p->fail_next > 0)
    {
      g_autofree char *ra = g_strdup_printf ("%d", p->retry_after);

      p->fail_next--;
      if (p->retry_after > 0)
        soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After",
                                      ra);
      reply_error (msg, (guint) p->fail_status, "injected failure");
      return;
    }
  bytes = authenticate (p, msg, &ws_id);
  if (bytes == NULL)
    return;
  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   (gssize) g_bytes_get_size (bytes), NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      reply_error (msg, 400, "the body is not a JSON object");
      return;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  if (g_strcmp0 (json_object_get_string_member_with_default (root, "workstation", ""), ws_id) !=
        0 ||
      !json_object_has_member (root, "items") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "items")) ||
      !json_object_has_member (root, "audit") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "audit")))
    {
      reply_error (msg, 400, "workstation, audit or items missing");
      return;
    }
  items = json_object_get_array_member (root, "items");
  if (json_array_get_length (items) > 1000)
    {
      reply_error (msg, 413, "at most 1000 items per batch");
      return;
    }

  verdict =
    check_audit (p, ws_id, json_object_get_object_member (root, "audit"), &head_seq, &head_hash);
  {
    g_autoptr (JsonBuilder) l = json_builder_new ();

    json_builder_begin_object (l);
    json_builder_set_member_name (l, "type");
    json_builder_add_string_value (l, verdict ? "tampering" : "head");
    json_builder_set_member_name (l, "workstation");
    json_builder_add_string_value (l, ws_id);
    json_builder_set_member_name (l, "seq");
    json_builder_add_int_value (l, head_seq);
    json_builder_set_member_name (l, "hash");
    json_builder_add_string_value (l, head_hash);
    if (verdict)
      {
        json_builder_set_member_name (l, "detail");
        json_builder_add_string_value (l, verdict);
        g_printerr ("civreg-province: TAMPERING workstation %s: %s\n", ws_id, verdict);
      }
    json_builder_end_object (l);
    log_line (p, l);
    if (verdict == NULL)
      record_head (workstation_get (p, ws_id), head_seq, head_hash);
  }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "protocol");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "audit");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, verdict ? "tampering" : "ok");
  if (verdict)
    {
      json_builder_set_member_name (b, "detail");
      json_builder_add_string_value (b, verdict);
    }
  else
    {
      json_builder_set_member_name (b, "acknowledged_seq");
      json_builder_add_int_value (b, head_seq);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "items");
  json_builder_begin_array (b);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode   *n = json_array_get_element (items, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
      const char *key =
        item ? json_object_get_string_member_with_default (item, "idempotency_key", "") : "";
      const char *record_id =
        item ? json_object_get_string_member_with_default (item, "record_id", "") : "";
      const char *receipt = *key ? g_hash_table_lookup (p->receipts, key) : NULL;
      g_autoptr (JsonBuilder) l = json_builder_new ();
      g_autofree char *shape_reason = NULL;
      const char      *status;
      const char      *reason = NULL;

      if (*key == '\0')
        continue;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "idempotency_key");
      json_builder_add_string_value (b, key);
      json_builder_begin_object (l);
      json_builder_set_member_name (l, "key");
      json_builder_add_string_value (l, key);
      if (receipt)
        status = "duplicate";
      else if (g_hash_table_remove (p->reject_keys, key))
        {
          status = "rejected";
          reason = "injected rejection: the province cannot accept this report";
        }
      else if (*record_id == '\0' || !json_object_has_member (item, "payload") ||
               !JSON_NODE_HOLDS_OBJECT (json_object_get_member (item, "payload")))
        {
          status = "rejected";
          reason = "the item has no record_id or no payload object";
        }
      else if ((g_strcmp0 (json_object_get_string_member_with_default (item, "kind", ""),
                           "adoption") == 0 ||
                g_strcmp0 (json_object_get_string_member_with_default (
                             json_object_get_object_member (item, "payload"), "kind", ""),
                           "adoption") == 0) &&
               (shape_reason = civ_province_check_adoption (
                  json_object_get_object_member (item, "payload"))) != NULL)
        {
          status = "rejected";
          reason = shape_reason;
        }
      else if ((g_strcmp0 (json_object_get_string_member_with_default (item, "kind", ""),
                           "funeral") == 0 ||
                g_strcmp0 (json_object_get_string_member_with_default (
                             json_object_get_object_member (item, "payload"), "kind", ""),
                           "funeral") == 0) &&
               (shape_reason = civ_province_check_funeral (
                  json_object_get_object_member (item, "payload"))) != NULL)
        {
          status = "rejected";
          reason = shape_reason;
        }
      else if ((g_strcmp0 (json_object_get_string_member_with_default (item, "kind", ""),
                           "historical") == 0 ||
                g_strcmp0 (json_object_get_string_member_with_default (
                             json_object_get_object_member (item, "payload"), "kind", ""),
                           "historical") == 0) &&
               (shape_reason = civ_province_check_historical (
                  json_object_get_object_member (item, "payload"))) != NULL)
        {
          status = "rejected";
          reason = shape_reason;
        }
      else if ((shape_reason = civ_province_divorce_check_item (
                  p->divorce, ws_id, json_object_get_string_member_with_default (item, "kind", ""),
                  record_id, json_object_get_object_member (item, "payload"))) != NULL)
        {
          status = "rejected";
          reason = shape_reason;
        }
      else
        {
          g_autofree char *r = NULL;
          g_autofree char *short_ws = g_strndup (ws_id, 8);

          status = "accepted";
          r = g_strdup_printf ("P-%08" G_GUINT64_FORMAT "-%s", ++p->counter, short_ws);
          g_hash_table_replace (p->receipts, g_strdup (key), g_strdup (r));
          receipt = g_hash_table_lookup (p->receipts, key);
          note_person (p, json_object_get_object_member (item, "payload"), record_id);
          civ_province_numbers_note_item (p->numbers,
                                          json_object_get_string_member_with_default (item, "kind",
                                                                                      ""),
                                          record_id,
                                          json_object_get_object_member (item, "payload"));
          civ_province_divorce_note_item (p->divorce, ws_id,
                                          json_object_get_string_member_with_default (item, "kind",
                                                                                      ""),
                                          record_id,
                                          json_object_get_object_member (item, "payload"));
          json_builder_set_member_name (l, "kind");
          json_builder_add_string_value (l,
                                         json_object_get_string_member_with_default (item, "kind",
                                                                                     ""));
          json_builder_set_member_name (l, "record_id");
          json_builder_add_string_value (l, record_id);
          json_builder_set_member_name (l, "workstation");
          json_builder_add_string_value (l, ws_id);
          json_builder_set_member_name (l, "payload");
          json_builder_add_value (l, json_node_copy (json_object_get_member (item, "payload")));
        }
      json_builder_set_member_name (b, "status");
      json_builder_add_string_value (b, status);
      json_builder_set_member_name (l, "type");
      json_builder_add_string_value (l, status[0] == 'a' ? "item" : status);
      if (receipt)
        {
          json_builder_set_member_name (b, "receipt");
          json_builder_add_string_value (b, receipt);
          json_builder_set_member_name (l, "receipt");
          json_builder_add_string_value (l, receipt);
        }
      if (reason)
        {
          json_builder_set_member_name (b, "reason");
          json_builder_add_string_value (b, reason);
          json_builder_set_member_name (l, "reason");
          json_builder_add_string_value (l, reason);
        }
      json_builder_end_object (b);
      json_builder_end_object (l);
      log_line (p, l);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  fflush (p->log);

  if (p->drop_next > 0)
    {
      GIOStream *stream;

      p->drop_next--;
      stream = soup_server_message_steal_connection (msg);
      g_io_stream_close (stream, NULL, NULL);
      g_object_unref (stream);
      return;
    }
  reply_json (msg, 200, b);
  if (p->stall_next > 0)
    {
      p->stall_next--;
      soup_server_message_pause (msg);
      g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, (guint) p->stall_seconds, on_stall_timeout,
                                  g_object_ref (msg), on_stall_done);
    }
}

static void
reply_text (SoupServerMessage *msg, guint status, char *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, strlen (text));
}

/* POST /v1/number-blocks (protocol §8). */
static void
handle_numbers (Province *p, SoupServerMessage *msg)
{
  const char *ws_id = NULL;
  g_autoptr (GBytes) bytes = NULL;
  char *reply = NULL;
  guint status;

  if (!p->number_blocks)
    {
      reply_error (msg, 404, "this province does not hand out number blocks");
      return;
    }
  if (p->fail_numbers > 0)
    {
      p->fail_numbers--;
      reply_error (msg, 503, "injected failure");
      return;
    }
  bytes = authenticate (p, msg, &ws_id);
  if (bytes == NULL)
    return;
  status = civ_province_numbers_post (p->numbers, ws_id, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), &reply);
  reply_text (msg, status, reply);
}

/* GET /v1/divorce-applications?key=…|ids=… (protocol §10): not signed,
 * answered for the office the workstation is bound to. */
static void
handle_divorce_get (Province *p, SoupServerMessage *msg, GHashTable *query)
{
  char *reply = NULL;
  guint status = civ_province_divorce_get (
    p->divorce,
    soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                  "X-Civreg-Workstation"),
    query ? g_hash_table_lookup (query, "key") : NULL,
    query ? g_hash_table_lookup (query, "ids") : NULL,
    query ? g_hash_table_lookup (query, "office_code") : NULL, &reply);

  reply_text (msg, status, reply);
}

/* POST /v1/divorce-applications/take (protocol §10), signed like a batch. */
static void
handle_divorce_take (Province *p, SoupServerMessage *msg)
{
  const char *ws_id = NULL;
  g_autoptr (GBytes) bytes = NULL;
  char *reply = NULL;
  guint status;

  bytes = authenticate (p, msg, &ws_id);
  if (bytes == NULL)
    return;
  status = civ_province_divorce_take (p->divorce, ws_id, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), &reply);
  reply_text (msg, status, reply);
}

/* GET /v1/number-ledger/{office} (protocol §9). */
static void
handle_ledger (Province *p, SoupServerMessage *msg, const char *office)
{
  char *reply = NULL;
  guint status;

  if (!p->number_blocks)
    {
      reply_error (msg, 404, "this province does not hand out number blocks");
      return;
    }
  status = civ_province_numbers_ledger (p->numbers, office, &reply);
  reply_text (msg, status, reply);
}

static void
handle_status (Province *p, SoupServerMessage *msg, const char *id)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autofree char *key = g_ascii_strup (id, -1);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *as_of = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  const char      *record = g_hash_table_lookup (p->persons, key);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, key);
  json_builder_set_member_name (b, "known");
  json_builder_add_boolean_value (b, record != NULL);
  json_builder_set_member_name (b, "status");
  json_builder_add_int_value (b, record ? 20 : 90);
  json_builder_set_member_name (b, "current_marriage");
  if (record)
    json_builder_add_string_value (b, record);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "as_of");
  json_builder_add_string_value (b, as_of);
  /* What the province cannot know yet (protocol §4): the other windows of
   * the asking window's office with numbers drawn and not yet reported. */
  civ_province_numbers_pending_elsewhere (
    p->numbers,
    soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                  "X-Civreg-Workstation"),
    b);
  json_builder_end_object (b);
  reply_json (msg, 200, b);
}

/* Files of @kind in the refdata folders: DIR/division-codes/NAME.csv and
 * DIR/holidays/NAME.json, or those directly in DIR. */
static GPtrArray *
refdata_files (Province *p, const char *kind)
{
  GPtrArray  *out = g_ptr_array_new_with_free_func (g_free);
  const char *sub = strcmp (kind, "divisions") == 0 ? "division-codes" : "holidays";
  const char *suffix = strcmp (kind, "divisions") == 0 ? ".csv" : ".json";

  for (guint i = 0; p->refdata_dirs && p->refdata_dirs[i]; i++)
    for (guint pass = 0; pass < 2; pass++)
      {
        g_autofree char *dir = pass == 0 ? g_build_filename (p->refdata_dirs[i], sub, NULL)
                                         : g_strdup (p->refdata_dirs[i]);
        g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
        const char *name;

        while (d && (name = g_dir_read_name (d)))
          if (g_str_has_suffix (name, suffix))
            g_ptr_array_add (out, g_build_filename (dir, name, NULL));
      }
  return out;
}

static void
handle_refdata (Province *p, SoupServerMessage *msg, const char *rest)
{
  static const char *const kinds[] = { "divisions", "holidays" };
  g_autoptr (JsonBuilder) b = json_builder_new ();

  if (*rest == '\0')
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "files");
      json_builder_begin_array (b);
      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          g_autoptr (GPtrArray) files = refdata_files (p, kinds[k]);

          for (guint i = 0; i < files->len; i++)
            {
              g_autofree char *data = NULL;
              g_autofree char *base = g_path_get_basename (g_ptr_array_index (files, i));
              g_autofree char *sha = NULL;
              gsize            len = 0;

              if (!g_file_get_contents (g_ptr_array_index (files, i), &data, &len, NULL))
                continue;
              sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
              json_builder_begin_object (b);
              json_builder_set_member_name (b, "kind");
              json_builder_add_string_value (b, kinds[k]);
              json_builder_set_member_name (b, "name");
              json_builder_add_string_value (b, base);
              json_builder_set_member_name (b, "size");
              json_builder_add_int_value (b, (gint64) len);
              json_builder_set_member_name (b, "sha256");
              json_builder_add_string_value (b, sha);
              json_builder_end_object (b);
            }
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      reply_json (msg, 200, b);
      return;
    }
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr (GPtrArray) files = NULL;
      gsize n = strlen (kinds[k]);

      if (strncmp (rest, kinds[k], n) != 0 || rest[n] != '/')
        continue;
      files = refdata_files (p, kinds[k]);
      for (guint i = 0; i < files->len; i++)
        {
          g_autofree char *base = g_path_get_basename (g_ptr_array_index (files, i));
          char            *data = NULL;
          gsize            len = 0;

          if (strcmp (base, rest + n + 1) != 0 ||
              !g_file_get_contents (g_ptr_array_index (files, i), &data, &len, NULL))
            continue;
          soup_server_message_set_status (msg, 200, NULL);
          soup_server_message_set_response (msg, "application/octet-stream", SOUP_MEMORY_TAKE, data,
                                            len);
          return;
        }
    }
  reply_error (msg, 404, "no such reference-data file");
}

static void
on_request (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Province   *p = user_data;
  const char *method = soup_server_message_get_method (msg);

  if (strcmp (path, "/v1/batches") == 0)
    {
      if (strcmp (method, "POST") != 0)
        reply_error (msg, 405, "POST only");
      else
        handle_batch (p, msg);
      return;
    }
  if (strcmp (path, "/v1/number-blocks") == 0)
    {
      if (strcmp (method, "POST") != 0)
        reply_error (msg, 405, "POST only");
      else
        handle_numbers (p, msg);
      return;
    }
  if (strcmp (path, "/v1/divorce-applications/take") == 0)
    {
      if (strcmp (method, "POST") != 0)
        reply_error (msg, 405, "POST only");
      else
        handle_divorce_take (p, msg);
      return;
    }
  if (strcmp (method, "GET") != 0)
    {
      reply_error (msg, 405, "GET only");
      return;
    }
  if (strcmp (path, "/v1/divorce-applications") == 0)
    {
      handle_divorce_get (p, msg, query);
      return;
    }
  if (g_str_has_prefix (path, "/v1/persons/") && g_str_has_suffix (path, "/marital-status"))
    {
      gsize            start = strlen ("/v1/persons/");
      gsize            end = strlen (path) - strlen ("/marital-status");
      g_autofree char *id = end > start ? g_strndup (path + start, end - start) : NULL;

      if (id == NULL || strchr (id, '/'))
        reply_error (msg, 404, "no such person path");
      else
        handle_status (p, msg, id);
      return;
    }
  if (g_str_has_prefix (path, "/v1/number-ledger/"))
    {
      handle_ledger (p, msg, path + strlen ("/v1/number-ledger/"));
      return;
    }
  if (strcmp (path, "/v1/refdata") == 0)
    {
      handle_refdata (p, msg, "");
      return;
    }
  if (g_str_has_prefix (path, "/v1/refdata/"))
    {
      handle_refdata (p, msg, path + strlen ("/v1/refdata/"));
      return;
    }
  reply_error (msg, 404, "not found");
}

/* glib-networking leaves the decision on a client certificate to the
 * server: accept exactly the chains the client CA verifies. */
static gboolean
on_accept_certificate (SoupServerMessage   *msg,
                       GTlsCertificate     *peer,
                       GTlsCertificateFlags errors,
                       gpointer             user_data)
{
  GTlsDatabase        *db = user_data;
  GTlsCertificateFlags flags;

  flags = g_tls_database_verify_chain (db, peer, G_TLS_DATABASE_PURPOSE_AUTHENTICATE_CLIENT, NULL,
                                       NULL, G_TLS_DATABASE_VERIFY_NONE, NULL, NULL);
  if (flags != 0)
    g_printerr ("civreg-province: refused a client certificate (flags 0x%x)\n", flags);
  return flags == 0;
}

static void
on_request_started (SoupServer *server, SoupServerMessage *msg, gpointer user_data)
{
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (on_accept_certificate), user_data);
}

static gboolean
on_stdin (int fd, GIOCondition condition, gpointer data)
{
  char   buf[256];
  gssize n = read (fd, buf, sizeof buf);

  if (n > 0)
    return G_SOURCE_CONTINUE;
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static gboolean
on_signal (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/* Runs until SIGTERM, SIGINT or (with @exit_with_stdin) the end of stdin. */
static void
run_until_stopped (Province *p, gboolean exit_with_stdin)
{
  p->loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, on_signal, p->loop);
  g_unix_signal_add (SIGINT, on_signal, p->loop);
  if (exit_with_stdin)
    g_unix_fd_add (0, G_IO_IN | G_IO_HUP | G_IO_ERR, on_stdin, p->loop);
  g_main_loop_run (p->loop);
}

int
main (int argc, char **argv)
{
  Province         p = { 0 };
  g_autofree char *cert = NULL, *key = NULL, *client_ca = NULL, *log_path = NULL;
  g_auto (GStrv) reject = NULL;
  int port = 0;
  g_autoptr (GError) error = NULL;
  g_autoptr (GTlsCertificate) tls = NULL;
  g_autoptr (GTlsDatabase) db = NULL;
  g_autoptr (SoupServer) server = NULL;
  g_autoptr (GSocketAddress) addr = NULL;
  g_autoptr (GInetAddress) lo = NULL;
  GSList            *uris;
  gboolean           exit_with_stdin = FALSE;
  g_autofree char   *refuse_mode = NULL;
  gboolean           tls12 = FALSE;
  const GOptionEntry entries[] = {
    { "cert", 0, 0, G_OPTION_ARG_FILENAME, &cert, "Server certificate (PEM)", "FILE" },
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &key, "Server key (PEM)", "FILE" },
    { "client-ca", 0, 0, G_OPTION_ARG_FILENAME, &client_ca, "CA for client certificates (PEM)",
      "FILE" },
    { "workstations", 0, 0, G_OPTION_ARG_FILENAME, &p.workstations_file,
      "Enrolled keys: lines 'ID BASE64-PUBLIC-KEY'", "FILE" },
    { "state", 0, 0, G_OPTION_ARG_FILENAME, &p.state_dir, "Store folder (log.jsonl)", "DIR" },
    { "refdata", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &p.refdata_dirs, "Reference data folder",
      "DIR" },
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "Port on 127.0.0.1 (0 = any)", "N" },
    { "fail-next", 0, 0, G_OPTION_ARG_INT, &p.fail_next, "Fail the next N batches", "N" },
    { "fail-status", 0, 0, G_OPTION_ARG_INT, &p.fail_status, "… with this status (503)", "S" },
    { "retry-after", 0, 0, G_OPTION_ARG_INT, &p.retry_after, "… and this Retry-After", "S" },
    { "drop-next", 0, 0, G_OPTION_ARG_INT, &p.drop_next,
      "Store the next N batches, then drop the connection", "N" },
    { "stall-next", 0, 0, G_OPTION_ARG_INT, &p.stall_next,
      "Store the next N batches, then hold the reply", "N" },
    { "stall-seconds", 0, 0, G_OPTION_ARG_INT, &p.stall_seconds, "… for S seconds (30)", "S" },
    { "exit-with-stdin", 0, 0, G_OPTION_ARG_NONE, &exit_with_stdin,
      "Exit when standard input reaches its end (the parent went away)", NULL },
    { "number-blocks", 0, 0, G_OPTION_ARG_NONE, &p.number_blocks,
      "Hand out number blocks and keep the office ledgers (protocol §8, §9)", NULL },
    { "fail-numbers", 0, 0, G_OPTION_ARG_INT, &p.fail_numbers,
      "Answer the next N number-block requests 503", "N" },
    { "reject-key", 0, 0, G_OPTION_ARG_STRING_ARRAY, &reject, "Reject this item once", "KEY" },
    { "refuse-client-cert", 0, 0, G_OPTION_ARG_STRING, &refuse_mode,
      "Refuse every client certificate: alert:NAME, close, reset, nginx-400, "
      "nginx-400-cert-error, 403, 495 or 496 (protocol §7)",
      "MODE" },
    { "tls12", 0, 0, G_OPTION_ARG_NONE, &tls12,
      "With --refuse-client-cert: TLS 1.2 only (the refusal comes inside the handshake)", NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("— Civreg reference provincial server");

  p.fail_status = 503;
  p.stall_seconds = 30;
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || !cert || !key || !client_ca ||
      !p.workstations_file || !p.state_dir)
    {
      g_printerr ("civreg-province: %s\n",
                  error ? error->message
                        : "needs --cert, --key, --client-ca, --workstations and --state");
      return 2;
    }
  if (!gcry_check_version (GCRYPT_VERSION))
    return 1;
  gcry_control (GCRYCTL_INITIALIZATION_FINISHED, 0);

  p.receipts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  p.workstations =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) workstation_free);
  p.keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  p.persons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  p.reject_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; reject && reject[i]; i++)
    g_hash_table_add (p.reject_keys, g_strdup (reject[i]));
  p.numbers = civ_province_numbers_new ();
  p.divorce = civ_province_divorce_new ();
  civ_province_divorce_set_office_lookup (p.divorce, numbers_office, p.numbers);

  g_mkdir_with_parents (p.state_dir, 0700);
  log_path = g_build_filename (p.state_dir, "log.jsonl", NULL);
  replay (&p, log_path);
  p.log = fopen (log_path, "a");
  if (p.log == NULL)
    {
      g_printerr ("civreg-province: cannot write %s\n", log_path);
      return 1;
    }
  civ_province_numbers_set_log (p.numbers, p.log);
  civ_province_divorce_set_log (p.divorce, p.log);

  if (refuse_mode)
    {
      if (civ_province_refuse_start (refuse_mode, cert, key, tls12, &port, &error) == NULL)
        {
          g_printerr ("civreg-province: %s\n", error->message);
          return 1;
        }
      printf ("PORT %d\n", port);
      fflush (stdout);
      run_until_stopped (&p, exit_with_stdin);
      g_main_loop_unref (p.loop);
      return 0;
    }

  tls = g_tls_certificate_new_from_files (cert, key, &error);
  if (tls == NULL)
    {
      g_printerr ("civreg-province: %s\n", error->message);
      return 1;
    }
  {
    g_autofree char *abs = g_canonicalize_filename (client_ca, NULL);
    db = g_tls_file_database_new (abs, &error);
  }
  if (db == NULL)
    {
      g_printerr ("civreg-province: %s\n", error->message);
      return 1;
    }
  server =
    soup_server_new ("tls-certificate", tls, "tls-database", db, "tls-auth-mode",
                     G_TLS_AUTHENTICATION_REQUIRED, "server-header", "civreg-province", NULL);
  g_signal_connect (server, "request-started", G_CALLBACK (on_request_started), db);
  soup_server_add_handler (server, "/v1", on_request, &p, NULL);
  lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  addr = g_inet_socket_address_new (lo, (guint16) port);
  if (!soup_server_listen (server, addr, SOUP_SERVER_LISTEN_HTTPS, &error))
    {
      g_printerr ("civreg-province: %s\n", error->message);
      return 1;
    }
  uris = soup_server_get_uris (server);
  printf ("PORT %d\n", g_uri_get_port (uris->data));
  fflush (stdout);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  run_until_stopped (&p, exit_with_stdin);

  soup_server_disconnect (server);
  fclose (p.log);
  g_main_loop_unref (p.loop);
  g_hash_table_unref (p.receipts);
  g_hash_table_unref (p.workstations);
  g_hash_table_unref (p.keys);
  g_hash_table_unref (p.persons);
  g_hash_table_unref (p.reject_keys);
  civ_province_numbers_free (p.numbers);
  civ_province_divorce_free (p.divorce);
  g_free (p.workstations_file);
  g_free (p.state_dir);
  g_strfreev (p.refdata_dirs);
  return 0;
}
