// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-report-numbers.c — certificate numbers from the province's number
 * blocks (issue 17, R-N1, docs/provincial-protocol.md §8)
 */
#include "civ-report.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "civ-calendar.h"
#include "civ-json.h"
#include "civ-permissions.h"
#include "civ-report-alarm-private.h"
#include "civ-report-numbers-private.h"
#include "civ-report-replies-private.h"
#include "civ-report-sign.h"

#define SETTING_RESERVE "numbers.reserve"
#define SETTING_NOT_SERVED "numbers.not_served_on"
#define SETTING_CLAIM_REFUSED CIV_NUMBERS_CLAIM_REFUSED_KEY
#define MAX_ENTRIES 50
#define MAX_COUNT 10000 /* serials one request may ask for (protocol §8) */

struct _CivReportNumbers
{
  CivReportEnrollment *e;
  char                *request_id;
  char                *body;
  char                *sig_header;
  char                *ws_header;
  char                *office_code;
  GError              *failure; /* from prepare */
  CivReportReply       reply;
  GError              *post_error;
  gboolean             posted;
  gboolean             resent; /* a stored request whose answer never came */
};

void
civ_report_numbers_result_clear (CivReportNumbersResult *result)
{
  g_clear_pointer (&result->refusal, g_free);
}

void
civ_report_numbers_free (CivReportNumbers *n)
{
  if (n == NULL)
    return;
  g_clear_pointer (&n->e, civ_report_enrollment_free);
  g_free (n->request_id);
  g_free (n->body);
  g_free (n->sig_header);
  g_free (n->ws_header);
  g_free (n->office_code);
  g_clear_error (&n->failure);
  _civ_report_reply_clear (&n->reply);
  g_clear_error (&n->post_error);
  g_free (n);
}

/* ---- The reply ---------------------------------------------------------- */

static void
entry_free (CivNumbersEntry *e)
{
  g_free (e->kind);
  g_free (e->status);
  g_free (e->reason);
  g_free (e->block_id);
  g_free (e->prefix);
  g_free (e);
}

static void
block_free (CivNumbersBlock *b)
{
  g_free (b->block_id);
  g_free (b->prefix);
  g_free (b->office_code);
  g_free (b);
}

void
_civ_numbers_answer_clear (CivNumbersAnswer *answer)
{
  g_clear_pointer (&answer->request_id, g_free);
  g_clear_pointer (&answer->entries, g_ptr_array_unref);
  g_clear_pointer (&answer->blocks, g_ptr_array_unref);
}

static gboolean
printable_id (const char *s)
{
  gsize n = s ? strlen (s) : 0;

  if (n == 0 || n > 64)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isalnum (s[i]) && s[i] != '-' && s[i] != '_')
      return FALSE;
  return TRUE;
}

static const char *
str_member (JsonObject *o, const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

static gboolean
int_member (JsonObject *o, const char *name, gint64 *out)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (n);
  return TRUE;
}

static gboolean
protocol_error (GError **error, const char *what)
{
  g_set_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_PROTOCOL,
               _ ("The province's answer about number blocks does not follow the protocol: %s"),
               what);
  return FALSE;
}

gboolean
_civ_report_parse_numbers_reply (
  const char *data, gsize len, const char *office_code, CivNumbersAnswer *answer, GError **error)
{
  static const char *const kinds[] = { "claims", "held", "voids", "returns", "requests" };
  g_autoptr (JsonParser) parser = NULL;
  JsonNode   *root;
  JsonObject *o;
  JsonNode   *blocks;
  const char *rid;

  memset (answer, 0, sizeof *answer);
  answer->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  answer->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  parser = civ_json_parse_outside (data, len, CIV_JSON_GUARD_INPUT_MAX,
                                   CIV_JSON_GUARD_NO_DUPLICATES, NULL);
  root = parser ? json_parser_get_root (parser) : NULL;
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return protocol_error (error, _ ("not a JSON object"));
  o = json_node_get_object (root);
  rid = str_member (o, "request_id");
  if (!printable_id (rid))
    return protocol_error (error, _ ("no request_id"));
  answer->request_id = g_strdup (rid);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      JsonNode  *n = json_object_get_member (o, kinds[k]);
      JsonArray *a;

      if (n == NULL || JSON_NODE_HOLDS_NULL (n))
        continue;
      if (!JSON_NODE_HOLDS_ARRAY (n))
        return protocol_error (error, kinds[k]);
      a = json_node_get_array (n);
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonNode        *en = json_array_get_element (a, i);
          JsonObject      *eo;
          CivNumbersEntry *e;
          const char      *status;
          gint64           v = 0;

          if (!JSON_NODE_HOLDS_OBJECT (en))
            return protocol_error (error, kinds[k]);
          eo = json_node_get_object (en);
          status = str_member (eo, "status");
          if (g_strcmp0 (status, "accepted") != 0 && g_strcmp0 (status, "refused") != 0)
            return protocol_error (error, _ ("an entry without status"));
          e = g_new0 (CivNumbersEntry, 1);
          g_ptr_array_add (answer->entries, e);
          e->kind = g_strdup (kinds[k]);
          e->status = g_strdup (status);
          e->reason = g_strdup (str_member (eo, "reason"));
          if (e->reason && (!g_utf8_validate (e->reason, -1, NULL) || strlen (e->reason) > 1000))
            return protocol_error (error, _ ("a reason that is not short text"));
          e->block_id = g_strdup (str_member (eo, "block_id"));
          if (e->block_id && !printable_id (e->block_id))
            return protocol_error (error, _ ("a malformed block_id"));
          e->prefix = g_strdup (str_member (eo, "prefix"));
          if (e->prefix && !civ_number_prefix_known (e->prefix))
            return protocol_error (error, _ ("an unknown prefix"));
          if (int_member (eo, "year", &v))
            {
              if (v < 1950 || v > 9999)
                return protocol_error (error, _ ("a year out of range"));
              e->year = (int) v;
            }
          if (int_member (eo, "serial", &v))
            {
              if (v < 1 || v > 999999)
                return protocol_error (error, _ ("a serial out of range"));
              e->serial = v;
            }
        }
    }
  blocks = json_object_get_member (o, "blocks");
  if (blocks != NULL && !JSON_NODE_HOLDS_NULL (blocks))
    {
      JsonArray *a;

      if (!JSON_NODE_HOLDS_ARRAY (blocks))
        return protocol_error (error, "blocks");
      a = json_node_get_array (blocks);
      if (json_array_get_length (a) > 100)
        return protocol_error (error, _ ("too many blocks"));
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonNode        *bn = json_array_get_element (a, i);
          JsonObject      *bo;
          CivNumbersBlock *b;
          gint64           year = 0, first = 0, last = 0;

          if (!JSON_NODE_HOLDS_OBJECT (bn))
            return protocol_error (error, "blocks");
          bo = json_node_get_object (bn);
          if (!printable_id (str_member (bo, "block_id")) ||
              !civ_number_prefix_known (str_member (bo, "prefix")) ||
              g_strcmp0 (str_member (bo, "office_code"), office_code) != 0 ||
              !int_member (bo, "year", &year) || year < 1950 || year > 9999 ||
              !int_member (bo, "first", &first) || !int_member (bo, "last", &last) || first < 1 ||
              last < first || last > 999999)
            return protocol_error (error, _ ("a block without a valid office, prefix, year or "
                                             "range"));
          b = g_new0 (CivNumbersBlock, 1);
          b->block_id = g_strdup (str_member (bo, "block_id"));
          b->prefix = g_strdup (str_member (bo, "prefix"));
          b->office_code = g_strdup (office_code);
          b->year = (int) year;
          b->first = first;
          b->last = last;
          g_ptr_array_add (answer->blocks, b);
        }
    }
  return TRUE;
}

/* ---- Preparing a request ------------------------------------------------ */

static gint64
reserve_of (CivDb *db)
{
  g_autofree char *text = civ_db_get_setting (db, SETTING_RESERVE);
  gint64           v = text ? g_ascii_strtoll (text, NULL, 10) : 0;

  return v >= 1 && v <= 10000 ? v : CIV_NUMBERS_RESERVE_DEFAULT;
}

static char *
today_text (void)
{
  GDate today;

  civ_date_today (&today);
  return civ_date_format_iso (&today);
}

static void
add_series (JsonBuilder *b, const char *prefix, int year)
{
  json_builder_set_member_name (b, "prefix");
  json_builder_add_string_value (b, prefix);
  json_builder_set_member_name (b, "year");
  json_builder_add_int_value (b, year);
}

/* Adds "requests" for every series of the office short of the reserve
 * (this year, and next year from December) and not given back, judged
 * from @blocks (civ_number_blocks_list (); NULL: none held). Returns how
 * many. */
static guint
add_requests (CivDb *db, JsonBuilder *b, const char *office_code, GPtrArray *blocks)
{
  GDate  today;
  int    years[2];
  guint  n_years = 1, n = 0;
  gint64 reserve = reserve_of (db);

  civ_date_today (&today);
  years[0] = g_date_get_year (&today);
  if (g_date_get_month (&today) == G_DATE_DECEMBER)
    years[n_years++] = years[0] + 1;
  json_builder_set_member_name (b, "requests");
  json_builder_begin_array (b);
  for (guint y = 0; y < n_years; y++)
    for (guint i = 0; civ_number_prefixes[i]; i++)
      {
        gint64   left = 0;
        gboolean closed = FALSE;

        for (guint k = 0; blocks && k < blocks->len; k++)
          {
            const CivNumberBlock *bk = g_ptr_array_index (blocks, k);

            if (bk->year != years[y] || !g_str_equal (bk->prefix, civ_number_prefixes[i]) ||
                g_strcmp0 (bk->office_code, office_code) != 0)
              continue;
            if (bk->returned_from != 0)
              closed = TRUE;
            else
              left += bk->last + 1 - bk->next;
          }
        /* A series given back (year end, retired) is closed here. */
        if (left >= reserve || closed)
          continue;
        json_builder_begin_object (b);
        add_series (b, civ_number_prefixes[i], years[y]);
        json_builder_set_member_name (b, "count");
        /* The block in use and the next one, the reserve. */
        json_builder_add_int_value (b, MIN (left == 0 ? 2 * reserve : reserve, MAX_COUNT));
        json_builder_end_object (b);
        n++;
      }
  json_builder_end_array (b);
  return n;
}

static gboolean
fail (CivReportNumbers *n, GError *error)
{
  if (n->failure == NULL)
    n->failure = error;
  else
    g_error_free (error);
  return FALSE;
}

/* Builds the body; NULL (no error) when there is nothing to say. */
static char *
build_body (CivReportNumbers *n, CivDb *db, const char *workstation, gboolean force, GError **error)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *today = today_text ();
  g_autofree char *not_served = civ_db_get_setting (db, SETTING_NOT_SERVED);
  g_autofree char *refused = civ_db_get_setting (db, SETTING_CLAIM_REFUSED);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *sent_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  gboolean         from_blocks = civ_number_from_blocks (db);
  guint            said = 0;

  if (!from_blocks && !force && (g_strcmp0 (not_served, today) == 0 || refused != NULL))
    return NULL;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "protocol");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "workstation");
  json_builder_add_string_value (b, workstation);
  json_builder_set_member_name (b, "office_code");
  json_builder_add_string_value (b, n->office_code);
  json_builder_set_member_name (b, "request_id");
  json_builder_add_string_value (b, n->request_id);
  json_builder_set_member_name (b, "sent_at");
  json_builder_add_string_value (b, sent_at);

  if (!from_blocks)
    {
      /* Migration: the office's own serials become its first blocks, and
       * nothing else is asked until the province accepts them. */
      g_autoptr (GPtrArray) counters = civ_number_local_counters (db, error);
      guint claims = 0;

      if (counters == NULL)
        return NULL;
      json_builder_set_member_name (b, "claims");
      json_builder_begin_array (b);
      for (guint i = 0; i < counters->len && claims < MAX_ENTRIES; i++)
        {
          const CivNumberBlock *c = g_ptr_array_index (counters, i);

          if (g_strcmp0 (c->office_code, n->office_code) != 0)
            continue;
          json_builder_begin_object (b);
          add_series (b, c->prefix, c->year);
          json_builder_set_member_name (b, "first");
          json_builder_add_int_value (b, c->first);
          json_builder_set_member_name (b, "last");
          json_builder_add_int_value (b, c->last);
          json_builder_end_object (b);
          claims++;
        }
      json_builder_end_array (b);
      said += claims;
      if (claims == 0)
        said += add_requests (db, b, n->office_code, NULL);
    }
  else
    {
      g_autoptr (GPtrArray) blocks = civ_number_blocks_list (db, error);
      g_autoptr (GPtrArray) voids = blocks ? civ_number_voids_list (db, TRUE, error) : NULL;
      guint held = 0, returns = 0;

      if (voids == NULL)
        return NULL;
      json_builder_set_member_name (b, "held");
      json_builder_begin_array (b);
      for (guint i = 0; i < blocks->len && held < MAX_ENTRIES; i++)
        {
          const CivNumberBlock *k = g_ptr_array_index (blocks, i);

          if (k->next == k->reported_next)
            continue;
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "block_id");
          json_builder_add_string_value (b, k->block_id);
          json_builder_set_member_name (b, "next");
          json_builder_add_int_value (b, k->next);
          json_builder_end_object (b);
          held++;
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "voids");
      json_builder_begin_array (b);
      for (guint i = 0; i < voids->len && i < MAX_ENTRIES; i++)
        {
          const CivNumberVoid *v = g_ptr_array_index (voids, i);

          json_builder_begin_object (b);
          add_series (b, v->prefix, v->year);
          json_builder_set_member_name (b, "serial");
          json_builder_add_int_value (b, v->serial);
          json_builder_set_member_name (b, "reason");
          json_builder_add_string_value (b, v->reason);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "returns");
      json_builder_begin_array (b);
      for (guint i = 0; i < blocks->len && returns < MAX_ENTRIES; i++)
        {
          const CivNumberBlock *k = g_ptr_array_index (blocks, i);

          if (k->returned_from == 0 || k->return_reported_at != NULL)
            continue;
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "block_id");
          json_builder_add_string_value (b, k->block_id);
          json_builder_set_member_name (b, "first");
          json_builder_add_int_value (b, k->returned_from);
          json_builder_set_member_name (b, "last");
          json_builder_add_int_value (b, k->last);
          json_builder_set_member_name (b, "reason");
          json_builder_add_string_value (b, k->return_reason ? k->return_reason : "");
          json_builder_end_object (b);
          returns++;
        }
      json_builder_end_array (b);
      said += held + MIN (voids->len, MAX_ENTRIES) + returns +
              add_requests (db, b, n->office_code, blocks);
    }
  json_builder_end_object (b);
  if (said == 0)
    return NULL;
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

CivReportNumbers *
civ_report_numbers_prepare (CivStore *store, gboolean force)
{
  CivReportNumbers *n = g_new0 (CivReportNumbers, 1);
  g_autofree char  *workstation = NULL;
  g_autofree char  *signature = NULL;
  g_autofree char  *pending_id = NULL;
  g_autofree char  *pending_body = NULL;
  GError           *error = NULL;
  CivDb            *db;

  g_return_val_if_fail (CIV_IS_STORE (store), n);

  if (civ_store_is_locked (store))
    {
      fail (n, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                                    _ ("The workstation is locked.")));
      return n;
    }
  if (!civ_require (store, CIV_PERM_SEND_REPORTS, &error))
    {
      fail (n, error);
      return n;
    }
  db = civ_store_get_db (store);
  n->e = civ_report_store_get_enrollment (db, &error);
  if (n->e == NULL)
    {
      fail (n, error ? error
                     : g_error_new_literal (CIV_REPORT_ERROR, CIV_REPORT_ERROR_NOT_ENROLLED,
                                            _ ("This workstation is not enrolled for reporting "
                                               "yet")));
      return n;
    }
  workstation = civ_db_get_setting (db, "workstation_id");
  n->office_code = civ_store_get_office_code (store);
  if (!civ_number_exchange_pending (db, &pending_id, &pending_body, &error))
    {
      fail (n, error);
      return n;
    }
  if (pending_id != NULL)
    {
      /* A request whose answer never came: the same bytes again. */
      n->request_id = g_steal_pointer (&pending_id);
      n->body = g_steal_pointer (&pending_body);
      n->resent = TRUE;
    }
  else
    {
      n->request_id = g_uuid_string_random ();
      n->body = build_body (n, db, workstation ? workstation : "", force, &error);
      if (n->body == NULL)
        {
          if (error)
            fail (n, error);
          return n;
        }
      if (!civ_db_begin (db, &error) ||
          !civ_number_exchange_save (db, n->request_id, n->body, &error) ||
          !civ_db_commit (db, &error))
        {
          civ_db_rollback (db);
          g_clear_pointer (&n->body, g_free);
          fail (n, error);
          return n;
        }
    }
  signature = civ_report_sign (n->e->signing_secret, n->body, strlen (n->body), &error);
  if (signature == NULL)
    {
      g_clear_pointer (&n->body, g_free);
      fail (n, error);
      return n;
    }
  n->sig_header = g_strdup_printf ("X-Civreg-Signature: ed25519=%s", signature);
  n->ws_header = g_strdup_printf ("X-Civreg-Workstation: %s", workstation ? workstation : "");
  return n;
}

gboolean
civ_report_numbers_ready (CivReportNumbers *n)
{
  return n != NULL && n->body != NULL && n->failure == NULL;
}

void
civ_report_numbers_post (CivReportNumbers *n, GCancellable *cancellable)
{
  g_autoptr (CivReportClient) client = NULL;

  g_return_if_fail (civ_report_numbers_ready (n));

  client = _civ_report_client_new (n->e, 0);
  _civ_report_client_set_cancellable (client, cancellable);
  _civ_report_client_request (client, "/v1/number-blocks",
                              (const char *const[]){ n->sig_header, n->ws_header, NULL }, n->body,
                              strlen (n->body), &n->reply, &n->post_error);
  n->posted = TRUE;
}

/* ---- Recording the answer ------------------------------------------------ */

static void
note_refusal (CivReportNumbersResult *result, GString *summary, const CivNumbersEntry *e)
{
  result->refused++;
  if (result->refusal == NULL)
    result->refusal = g_strdup (e->reason ? e->reason : _ ("refused without a reason"));
  g_string_append_printf (summary, "%s%s: %s", summary->len ? "; " : "", e->kind,
                          e->reason ? e->reason : "");
}

/* What our own request said (held, voids, returns), to mark reported. */
static JsonObject *
sent_object (JsonParser *parser, const char *body)
{
  if (!json_parser_load_from_data (parser, body, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  return json_node_get_object (json_parser_get_root (parser));
}

static gboolean
apply_answer (CivReportNumbers       *n,
              CivStore               *store,
              const CivNumbersAnswer *answer,
              CivReportNumbersResult *result,
              gboolean               *again,
              GError                **error)
{
  CivDb *db = civ_store_get_db (store);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *sent = sent_object (parser, n->body);
  g_autoptr (GString) received = g_string_new (NULL);
  g_autoptr (GString) refusals = g_string_new (NULL);
  g_autoptr (GHashTable) claimed = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean was_local = !civ_number_from_blocks (db);
  guint    claims_sent = 0, claims_ok = 0, held_ok = 0, voids_ok = 0, returns_ok = 0;

  if (sent == NULL)
    return protocol_error (error, "request");
  if (json_object_has_member (sent, "claims"))
    claims_sent = json_array_get_length (json_object_get_array_member (sent, "claims"));

  for (guint i = 0; i < answer->entries->len; i++)
    {
      const CivNumbersEntry *e = g_ptr_array_index (answer->entries, i);

      if (g_str_equal (e->status, "refused"))
        {
          note_refusal (result, refusals, e);
          continue;
        }
      if (g_str_equal (e->kind, "claims"))
        {
          claims_ok++;
          if (e->block_id)
            g_hash_table_add (claimed, e->block_id);
        }
      else if (g_str_equal (e->kind, "held") && e->block_id)
        held_ok++;
      else if (g_str_equal (e->kind, "voids"))
        voids_ok++;
      else if (g_str_equal (e->kind, "returns"))
        returns_ok++;
    }

  if (!civ_db_begin (db, error))
    return FALSE;
  for (guint i = 0; i < answer->blocks->len; i++)
    {
      const CivNumbersBlock *k = g_ptr_array_index (answer->blocks, i);
      CivNumberBlock         row = { 0 };

      row.block_id = k->block_id;
      row.prefix = k->prefix;
      row.office_code = k->office_code;
      row.year = k->year;
      row.first = k->first;
      row.last = k->last;
      row.claim = g_hash_table_contains (claimed, k->block_id);
      if (!civ_number_block_add (db, &row, error))
        goto fail;
      g_string_append_printf (received, "%s%s %d %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT "%s",
                              received->len ? "; " : "", k->prefix, k->year, k->first, k->last,
                              row.claim ? " (claim)" : "");
      result->blocks++;
    }
  /* What the province accepted is reported: entries in the order sent. */
  for (guint pass = 0; pass < 3; pass++)
    {
      const char *kind = pass == 0 ? "held" : pass == 1 ? "voids" : "returns";
      JsonArray  *a =
        json_object_has_member (sent, kind) ? json_object_get_array_member (sent, kind) : NULL;
      guint k = 0;

      for (guint i = 0; i < answer->entries->len; i++)
        {
          const CivNumbersEntry *e = g_ptr_array_index (answer->entries, i);
          JsonObject            *s;

          if (!g_str_equal (e->kind, kind))
            continue;
          if (a == NULL || k >= json_array_get_length (a))
            break;
          s = json_array_get_object_element (a, k++);
          if (!g_str_equal (e->status, "accepted"))
            continue;
          if ((pass == 0 &&
               !civ_number_block_set_reported (db, json_object_get_string_member (s, "block_id"),
                                               json_object_get_int_member (s, "next"), error)) ||
              (pass == 1 &&
               !civ_number_void_set_reported (db, json_object_get_string_member (s, "prefix"),
                                              n->office_code,
                                              (int) json_object_get_int_member (s, "year"),
                                              json_object_get_int_member (s, "serial"), error)) ||
              (pass == 2 &&
               !civ_number_return_set_reported (db, json_object_get_string_member (s, "block_id"),
                                                error)))
            goto fail;
        }
    }
  if (was_local)
    {
      if (claims_sent > 0 && claims_ok == claims_sent)
        {
          /* The office's serials are its first blocks: from now on it
           * draws from the province's, and asks for them next. */
          if (!civ_number_set_from_blocks (db, error))
            goto fail;
          *again = TRUE;
        }
      else if (claims_sent > 0)
        {
          if (!civ_db_set_setting (db, SETTING_CLAIM_REFUSED,
                                   result->refusal ? result->refusal : "", error))
            goto fail;
        }
      else if (result->blocks > 0 && !civ_number_set_from_blocks (db, error))
        goto fail;
    }
  if (!civ_number_exchange_answered (db, n->request_id, error))
    goto fail;
  {
    g_autoptr (CivJson) j = civ_json_new ();
    g_autofree char *detail = NULL;

    civ_json_string (j, "request_id", n->request_id);
    if (received->len)
      civ_json_string (j, "blocks", received->str);
    if (claims_sent)
      civ_json_int (j, "claims", claims_sent);
    if (held_ok)
      civ_json_int (j, "held", held_ok);
    if (voids_ok)
      civ_json_int (j, "voids", voids_ok);
    if (returns_ok)
      civ_json_int (j, "returns", returns_ok);
    if (refusals->len)
      civ_json_string (j, "refused", refusals->str);
    detail = civ_json_finish (j);
    if (!civ_store_audit (store, "numbers.exchange", NULL, detail, error))
      goto fail;
  }
  if (!civ_db_commit (db, error))
    goto fail;
  result->posted = TRUE;
  result->served = TRUE;
  result->from_blocks = civ_number_from_blocks (db);
  return TRUE;

fail:
  civ_db_rollback (db);
  return FALSE;
}

static gboolean
record_answer (CivReportNumbers       *n,
               CivStore               *store,
               CivReportNumbersResult *result,
               gboolean               *again,
               GError                **error)
{
  g_auto (CivNumbersAnswer) answer = { 0 };
  CivDb      *db;
  gsize       len = 0;
  const char *data;

  g_return_val_if_fail (n != NULL && result != NULL && again != NULL, FALSE);
  *again = FALSE;
  if (n->failure)
    {
      g_propagate_error (error, g_steal_pointer (&n->failure));
      return FALSE;
    }
  db = civ_store_get_db (store);
  result->from_blocks = civ_number_from_blocks (db);
  result->served = result->from_blocks;
  if (!n->posted)
    return TRUE; /* nothing to say */
  if (civ_store_is_locked (store))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                           _ ("The workstation was locked during the exchange."));
      return FALSE;
    }
  if (n->post_error != NULL)
    {
      /* The request stays stored and goes again, byte for byte. */
      _civ_report_judge (store, n->e, &n->reply, &n->post_error);
      g_propagate_error (error, g_steal_pointer (&n->post_error));
      return FALSE;
    }
  data = n->reply.body ? g_bytes_get_data (n->reply.body, &len) : "";
  if (n->reply.status == 404)
    {
      g_autofree char *today = today_text ();

      /* This province hands out no number blocks: the office keeps its
       * local counter, and asks again tomorrow. */
      if (!civ_db_begin (db, error) || !civ_number_exchange_answered (db, n->request_id, error) ||
          !civ_db_set_setting (db, SETTING_NOT_SERVED, today, error) || !civ_db_commit (db, error))
        {
          civ_db_rollback (db);
          return FALSE;
        }
      result->posted = TRUE;
      result->served = FALSE;
      return TRUE;
    }
  if (n->reply.status == 408 || n->reply.status == 429 || n->reply.status >= 500)
    {
      g_set_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_TRANSPORT,
                   _ ("HTTP %ld from the province"), n->reply.status);
      return FALSE;
    }
  if (n->reply.status != 200)
    {
      g_autofree char *text = _civ_report_server_error_text (data, len);
      g_autoptr (CivJson) j = civ_json_new ();
      g_autofree char *detail = NULL;

      /* Refused as a whole: nothing was allocated; the request is not sent
       * again (a person looks at the reason). */
      civ_json_string (j, "request_id", n->request_id);
      civ_json_int (j, "status", n->reply.status);
      civ_json_string (j, "refused", text);
      detail = civ_json_finish (j);
      if (!civ_db_begin (db, error) || !civ_number_exchange_answered (db, n->request_id, error) ||
          !civ_store_audit (store, "numbers.exchange", NULL, detail, error) ||
          !civ_db_commit (db, error))
        {
          civ_db_rollback (db);
          return FALSE;
        }
      g_set_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_REFUSED,
                   _ ("The province refused the request for number blocks (HTTP %ld): %s"),
                   n->reply.status, text);
      return FALSE;
    }
  if (!_civ_report_parse_numbers_reply (data, len, n->office_code, &answer, error))
    return FALSE;
  if (g_strcmp0 (answer.request_id, n->request_id) != 0)
    return protocol_error (error, _ ("the answer is for another request"));
  return apply_answer (n, store, &answer, result, again, error);
}

gboolean
civ_report_numbers_record (CivReportNumbers       *n,
                           CivStore               *store,
                           CivReportNumbersResult *result,
                           gboolean               *again,
                           GError                **error)
{
  if (!record_answer (n, store, result, again, error))
    return FALSE;
  /* The answer to a request sent again: now what is due today. */
  if (n->resent && n->posted)
    *again = TRUE;
  return TRUE;
}

gboolean
civ_report_numbers_exchange (CivStore               *store,
                             gboolean                force,
                             CivReportNumbersResult *result,
                             GError                **error)
{
  g_return_val_if_fail (CIV_IS_STORE (store), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  /* A claim accepted asks for the blocks right after, and a request that
   * was waiting for its answer is followed by a new one: three rounds at
   * most. */
  for (guint round = 0; round < 3; round++)
    {
      g_autoptr (CivReportNumbers) n = civ_report_numbers_prepare (store, force);
      gboolean again = FALSE;

      if (civ_report_numbers_ready (n))
        civ_report_numbers_post (n, NULL);
      if (!civ_report_numbers_record (n, store, result, &again, error))
        return FALSE;
      if (!again)
        break;
    }
  return TRUE;
}

/* ---- Status, returns and voids ------------------------------------------ */

static void
series_free (CivNumbersSeries *s)
{
  g_free (s->prefix);
  g_free (s->next_number);
  g_free (s);
}

void
civ_numbers_status_free (CivNumbersStatus *status)
{
  if (status == NULL)
    return;
  g_free (status->claim_refused);
  g_free (status->not_served_on);
  g_clear_pointer (&status->series, g_ptr_array_unref);
  g_clear_pointer (&status->blocks, g_ptr_array_unref);
  g_clear_pointer (&status->voids, g_ptr_array_unref);
  g_free (status);
}

static guint
prefix_rank (const char *prefix)
{
  guint i = 0;

  while (civ_number_prefixes[i] && g_strcmp0 (prefix, civ_number_prefixes[i]) != 0)
    i++;
  return i;
}

/* J, L, BJ, BL, SY, JCSY as the registry names them; years in order. */
static int
series_cmp (gconstpointer a, gconstpointer b)
{
  const CivNumbersSeries *x = *(CivNumbersSeries *const *) a;
  const CivNumbersSeries *y = *(CivNumbersSeries *const *) b;
  guint                   rx = prefix_rank (x->prefix), ry = prefix_rank (y->prefix);

  if (rx != ry)
    return rx < ry ? -1 : 1;
  return x->year < y->year ? -1 : x->year > y->year;
}

CivNumbersStatus *
civ_numbers_status (CivStore *store, GError **error)
{
  g_autoptr (CivNumbersStatus) st = NULL;
  g_autoptr (CivReportEnrollment) e = NULL;
  g_autofree char *pending_id = NULL;
  g_autofree char *pending_body = NULL;
  CivDb           *db;

  g_return_val_if_fail (CIV_IS_STORE (store), NULL);
  if (!civ_require (store, CIV_PERM_SEND_REPORTS, error))
    return NULL;
  db = civ_store_get_db (store);
  st = g_new0 (CivNumbersStatus, 1);
  e = civ_report_store_get_enrollment (db, error);
  if (e == NULL && error && *error)
    return NULL;
  st->enrolled = e != NULL;
  st->from_blocks = civ_number_from_blocks (db);
  st->reserve = reserve_of (db);
  st->claim_refused = civ_db_get_setting (db, SETTING_CLAIM_REFUSED);
  st->not_served_on = civ_db_get_setting (db, SETTING_NOT_SERVED);
  if (!civ_number_exchange_pending (db, &pending_id, &pending_body, error))
    return NULL;
  st->request_pending = pending_id != NULL;
  st->blocks = civ_number_blocks_list (db, error);
  if (st->blocks == NULL)
    return NULL;
  st->voids = civ_number_voids_list (db, FALSE, error);
  if (st->voids == NULL)
    return NULL;
  st->series = g_ptr_array_new_with_free_func ((GDestroyNotify) series_free);
  for (guint i = 0; i < st->blocks->len; i++)
    {
      const CivNumberBlock *b = g_ptr_array_index (st->blocks, i);
      CivNumbersSeries     *s =
        st->series->len ? g_ptr_array_index (st->series, st->series->len - 1) : NULL;

      if (s == NULL || !g_str_equal (s->prefix, b->prefix) || s->year != b->year)
        {
          s = g_new0 (CivNumbersSeries, 1);
          s->prefix = g_strdup (b->prefix);
          s->year = b->year;
          g_ptr_array_add (st->series, s);
        }
      if (b->returned_from != 0)
        continue;
      s->blocks++;
      s->left += b->last + 1 - b->next;
      if (s->next_number == NULL && b->next <= b->last)
        s->next_number = g_strdup_printf ("%s%s-%04d-%06" G_GINT64_FORMAT, b->prefix,
                                          b->office_code, b->year, b->next);
    }
  g_ptr_array_sort (st->series, series_cmp);
  return g_steal_pointer (&st);
}

char *
civ_numbers_describe (const CivNumbersStatus *st)
{
  GString *out = g_string_new (NULL);

  if (st->from_blocks)
    g_string_append (out, _ ("From the province's number blocks (R-N1)."));
  else if (!st->enrolled)
    g_string_append (out, _ ("This office's local counter: the workstation is not enrolled with "
                             "the province."));
  else if (st->not_served_on)
    g_string_append (out, _ ("This office's local counter: the province has handed out no number "
                             "blocks."));
  else
    g_string_append (out, _ ("This office's local counter until the province hands out number "
                             "blocks: it is asked at the next delivery."));
  if (st->claim_refused)
    g_string_append_printf (out, " %s",
                            _ ("The province refused this office's own serials; a supervisor "
                               "must settle them with the province."));
  if (st->request_pending)
    g_string_append_printf (out, " %s", _ ("A request for more numbers waits for the province."));
  for (guint i = 0; i < st->series->len; i++)
    {
      const CivNumbersSeries *s = g_ptr_array_index (st->series, i);

      g_string_append_c (out, '\n');
      if (s->next_number)
        /* Translators: a prefix (J), a year, the serials left, the next number. */
        g_string_append_printf (out, _ ("%s %d: %lld left, next %s"), s->prefix, s->year,
                                (long long) s->left, s->next_number);
      else
        g_string_append_printf (out, _ ("%s %d: none left"), s->prefix, s->year);
    }
  return g_string_free (out, FALSE);
}

gboolean
civ_numbers_return (CivStore   *store,
                    int         year,
                    const char *prefix,
                    const char *reason,
                    guint      *n_blocks,
                    gint64     *n_returned,
                    GError    **error)
{
  g_autoptr (GPtrArray) blocks = NULL;
  g_autoptr (GString) ranges = g_string_new (NULL);
  const CivOperator *op;
  CivDb             *db;
  guint              nb = 0;
  gint64             ns = 0;

  g_return_val_if_fail (CIV_IS_STORE (store), FALSE);
  if (!civ_require (store, CIV_PERM_MANAGE_REPORTING, error))
    return FALSE;
  if (reason == NULL || !g_utf8_validate (reason, -1, NULL) || g_utf8_strlen (reason, -1) < 2 ||
      g_utf8_strlen (reason, -1) > 200)
    {
      g_set_error_literal (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_INVALID,
                           _ ("Say why the numbers are returned (year-end, retired, reinstall; "
                              "at most 200 characters)"));
      return FALSE;
    }
  if (prefix != NULL && !civ_number_prefix_known (prefix))
    {
      g_set_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_INVALID,
                   _ ("“%s” is not a certificate prefix (J, L, BJ, BL, SY, JCSY)"), prefix);
      return FALSE;
    }
  db = civ_store_get_db (store);
  op = civ_store_get_operator (store);
  blocks = civ_number_blocks_list (db, error);
  if (blocks == NULL || !civ_db_begin (db, error))
    return FALSE;
  for (guint i = 0; i < blocks->len; i++)
    {
      const CivNumberBlock *b = g_ptr_array_index (blocks, i);
      gint64                from = 0;

      if (b->year != year || (prefix && !g_str_equal (prefix, b->prefix)) ||
          b->returned_from != 0 || b->next > b->last)
        continue;
      if (!civ_number_block_return (db, b->block_id, reason, op ? op->login : "", &from, error))
        goto fail;
      nb++;
      ns += b->last + 1 - from;
      g_string_append_printf (ranges, "%s%s %d %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT,
                              ranges->len ? "; " : "", b->prefix, b->year, from, b->last);
    }
  if (nb == 0)
    {
      civ_db_rollback (db);
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_NOT_FOUND,
                   _ ("This workstation holds no unused number of %d to return"), year);
      return FALSE;
    }
  {
    g_autoptr (CivJson) j = civ_json_new ();
    g_autofree char *detail = NULL;

    civ_json_string (j, "ranges", ranges->str);
    civ_json_int (j, "serials", ns);
    civ_json_string (j, "reason", reason);
    detail = civ_json_finish (j);
    if (!civ_store_audit (store, "numbers.return", NULL, detail, error) ||
        !civ_db_commit (db, error))
      goto fail;
  }
  if (n_blocks)
    *n_blocks = nb;
  if (n_returned)
    *n_returned = ns;
  return TRUE;

fail:
  civ_db_rollback (db);
  return FALSE;
}

char *
civ_numbers_void_next (
  CivStore *store, const char *prefix, int year, const char *reason, GError **error)
{
  g_autofree char   *office = NULL;
  g_autofree char   *number = NULL;
  const CivOperator *op;
  CivDb             *db;
  gint64             serial = 0;

  g_return_val_if_fail (CIV_IS_STORE (store), NULL);
  if (!civ_require (store, CIV_PERM_MANAGE_REPORTING, error))
    return NULL;
  if (reason == NULL || !g_utf8_validate (reason, -1, NULL) || g_utf8_strlen (reason, -1) < 2 ||
      g_utf8_strlen (reason, -1) > 200)
    {
      g_set_error_literal (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_INVALID,
                           _ ("Say why the serial is set aside (2 to 200 characters)"));
      return NULL;
    }
  if (!civ_number_prefix_known (prefix))
    {
      g_set_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_INVALID,
                   _ ("“%s” is not a certificate prefix (J, L, BJ, BL, SY, JCSY)"),
                   prefix ? prefix : "");
      return NULL;
    }
  db = civ_store_get_db (store);
  op = civ_store_get_operator (store);
  office = civ_store_get_office_code (store);
  if (!civ_db_begin (db, error))
    return NULL;
  if (!civ_number_void_next (db, prefix, office, year, reason, op ? op->login : "", &serial, error))
    goto fail;
  number = g_strdup_printf ("%s%s-%04d-%06" G_GINT64_FORMAT, prefix, office, year, serial);
  {
    g_autoptr (CivJson) j = civ_json_new ();
    g_autofree char *detail = NULL;

    civ_json_string (j, "certificate_no", number);
    civ_json_string (j, "reason", reason);
    detail = civ_json_finish (j);
    if (!civ_store_audit (store, "numbers.void", number, detail, error) ||
        !civ_db_commit (db, error))
      goto fail;
  }
  return g_steal_pointer (&number);

fail:
  civ_db_rollback (db);
  return NULL;
}
