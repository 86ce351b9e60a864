// SPDX-License-Identifier: GPL-3.0-or-later
/* test-province-numbers.c — the reference server's number blocks and office
 * ledger (docs/provincial-protocol.md §8, §9; issue 17) over real TLS on
 * loopback: hand-built, signed requests from one or two workstations of
 * office 110101, and the issued numbers of real reports */
#include <json-glib/json-glib.h>
#include <string.h>

#include "civ-report-http-private.h"
#include "civ-report-sign.h"
#include "civ-test-utils.h"
#include "report-test-utils.h"

/* A request body from @w for @office with @lists (",\"claims\": […]…"). */
static char *
body_of (ReportWs *w, const char *office, const char *request_id, const char *lists)
{
  return g_strdup_printf ("{\"protocol\": 1, \"workstation\": \"%s\", \"office_code\": \"%s\", "
                          "\"request_id\": \"%s\", \"sent_at\": \"2026-12-07T10:00:00Z\"%s}",
                          w->id, office, request_id, lists);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr (GError) error = NULL;
  JsonNode *n = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (n));
  return n;
}

/* POSTs a request that must be answered 200; its reply parsed, and its text
 * in @text when not NULL. */
static JsonNode *
post_ok (ReportWs *w, const char *request_id, const char *lists, char **text)
{
  g_autofree char *body = body_of (w, "110101", request_id, lists);
  long             status = 0;
  g_autofree char *reply = report_ws_request (w, "/v1/number-blocks", body, &status);
  JsonNode        *n;

  g_assert_cmpint (status, ==, 200);
  n = parse (reply);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (n), "request_id"), ==,
                   request_id);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (n), "number_blocks"));
  if (text)
    *text = g_steal_pointer (&reply);
  return n;
}

/* Entry @i of the reply's array @list. */
static JsonObject *
entry (JsonNode *reply, const char *list, guint i)
{
  JsonArray *a = json_object_get_array_member (json_node_get_object (reply), list);

  g_assert_cmpuint (json_array_get_length (a), >, i);
  return json_array_get_object_element (a, i);
}

static guint
count_of (JsonNode *reply, const char *list)
{
  return json_array_get_length (json_object_get_array_member (json_node_get_object (reply), list));
}

static void
assert_accepted (JsonObject *o)
{
  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "accepted");
}

/* Asserts @o was refused with a reason containing @part. */
static void
assert_refused (JsonObject *o, const char *part)
{
  const char *reason = json_object_get_string_member_with_default (o, "reason", "");

  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "refused");
  if (strstr (reason, part) == NULL)
    g_error ("reason \"%s\" does not say \"%s\"", reason, part);
}

static char *
ledger_text (ReportWs *w)
{
  long  status = 0;
  char *text = report_ws_request (w, "/v1/number-ledger/110101", NULL, &status);

  g_assert_cmpint (status, ==, 200);
  return text;
}

/* The ledger's series @prefix/@year (NULL when there is none); @keep holds
 * the parsed ledger. */
static JsonObject *
ledger_series (ReportWs *w, const char *prefix, gint64 year, JsonNode **keep)
{
  g_autofree char *text = ledger_text (w);
  JsonArray       *series;

  *keep = parse (text);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (*keep), "office_code"), ==,
                   "110101");
  series = json_object_get_array_member (json_node_get_object (*keep), "series");
  for (guint i = 0; i < json_array_get_length (series); i++)
    {
      JsonObject *s = json_array_get_object_element (series, i);

      if (g_strcmp0 (json_object_get_string_member (s, "prefix"), prefix) == 0 &&
          json_object_get_int_member (s, "year") == year)
        return s;
    }
  return NULL;
}

static gint64
num (JsonObject *o, const char *name)
{
  return json_object_get_int_member (o, name);
}

/* Asserts the figures of a series. */
static void
assert_figures (
  JsonObject *s, gint64 allocated, gint64 issued, gint64 voided, gint64 returned, gint64 held)
{
  g_assert_nonnull (s);
  g_assert_cmpint (num (s, "allocated"), ==, allocated);
  g_assert_cmpint (num (s, "issued"), ==, issued);
  g_assert_cmpint (num (s, "voided"), ==, voided);
  g_assert_cmpint (num (s, "returned"), ==, returned);
  g_assert_cmpint (num (s, "held"), ==, held);
  g_assert_cmpint (num (s, "held"), ==,
                   num (s, "allocated") - num (s, "issued") - num (s, "voided") -
                     num (s, "returned"));
  g_assert_true (json_object_get_boolean_member (s, "closed") == (allocated > 0 && held == 0));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (s, "gaps")), ==, 0);
}

/* The blocks of a series are consecutive from 1 to allocated, none
 * overlapping another. */
static void
assert_consecutive (JsonObject *s)
{
  JsonArray *blocks = json_object_get_array_member (s, "blocks");
  gint64     next = 1;

  for (guint i = 0; i < json_array_get_length (blocks); i++)
    {
      JsonObject      *b = json_array_get_object_element (blocks, i);
      g_autofree char *id =
        g_strdup_printf ("NB-110101-%s-%04" G_GINT64_FORMAT "-%04u",
                         json_object_get_string_member (s, "prefix"), num (s, "year"), i + 1);

      g_assert_cmpstr (json_object_get_string_member (b, "block_id"), ==, id);
      g_assert_cmpint (num (b, "first"), ==, next);
      g_assert_cmpint (num (b, "last"), >=, num (b, "first"));
      next = num (b, "last") + 1;
    }
  g_assert_cmpint (next - 1, ==, num (s, "allocated"));
}

static JsonObject *
block_of (JsonObject *s, guint i)
{
  return json_array_get_object_element (json_object_get_array_member (s, "blocks"), i);
}

static void
start (ReportEnv *env, const char *const *more)
{
  g_autoptr (GPtrArray) extra = g_ptr_array_new ();

  g_ptr_array_add (extra, (gpointer) "--number-blocks");
  for (guint i = 0; more && more[i]; i++)
    g_ptr_array_add (extra, (gpointer) more[i]);
  g_ptr_array_add (extra, NULL);
  report_env_start_server (env, "server", "ca", (const char *const *) extra->pdata);
}

static void
sync_ok (CivStore *store, guint accepted)
{
  g_autoptr (GError) error = NULL;
  g_auto (CivReportSyncResult) r = { 0 };
  CivReportSyncOptions options = { .ignore_schedule = TRUE };
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  /* These tests speak the protocol by hand: the workstation's own
   * exchange after a delivery (test-report-numbers) stays out, as if the
   * province had said "no blocks" today. */
  g_assert_true (
    civ_db_set_setting (civ_store_get_db (store), "numbers.not_served_on", today, &error));
  g_assert_true (civ_report_sync (store, &options, &r, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r.accepted, ==, accepted);
  g_assert_false (r.numbers.posted);
}

/* Two windows of one office share the J serials of 2026: each block starts
 * where the last one ended, whoever asked; L has its own series. */
static void
test_allocation (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_auto (ReportWs) a = { 0 };
  g_auto (ReportWs) b = { 0 };
  g_autoptr (JsonNode) r1 = NULL, r2 = NULL, r3 = NULL, ledger = NULL;
  JsonObject *s, *blk;

  report_env_init (&env);
  start (&env, NULL);
  report_ws_first (&env, &a);
  report_ws_other (&env, &b);
  g_assert_cmpstr (a.id, !=, b.id);

  r1 = post_ok (&a, "a-1", ", \"requests\": [{\"prefix\": \"J\", \"year\": 2026, \"count\": 100}]",
                NULL);
  assert_accepted (entry (r1, "requests", 0));
  g_assert_cmpstr (json_object_get_string_member (entry (r1, "requests", 0), "block_id"), ==,
                   "NB-110101-J-2026-0001");
  g_assert_cmpint (num (entry (r1, "requests", 0), "count"), ==, 100);
  blk = entry (r1, "blocks", 0);
  g_assert_cmpstr (json_object_get_string_member (blk, "office_code"), ==, "110101");
  g_assert_cmpstr (json_object_get_string_member (blk, "prefix"), ==, "J");
  g_assert_cmpint (num (blk, "year"), ==, 2026);
  g_assert_cmpint (num (blk, "first"), ==, 1);
  g_assert_cmpint (num (blk, "last"), ==, 100);
  g_assert_cmpuint (count_of (r1, "claims"), ==, 0);
  g_assert_cmpuint (count_of (r1, "held"), ==, 0);

  r2 = post_ok (&b, "b-1", ", \"requests\": [{\"prefix\": \"J\", \"year\": 2026, \"count\": 50}]",
                NULL);
  blk = entry (r2, "blocks", 0);
  g_assert_cmpstr (json_object_get_string_member (blk, "block_id"), ==, "NB-110101-J-2026-0002");
  g_assert_cmpint (num (blk, "first"), ==, 101);
  g_assert_cmpint (num (blk, "last"), ==, 150);

  r3 = post_ok (&a, "a-2",
                ", \"requests\": [{\"prefix\": \"J\", \"year\": 2026, \"count\": 100}, "
                "{\"prefix\": \"L\", \"year\": 2026, \"count\": 10}, "
                "{\"prefix\": \"J\", \"year\": 2027, \"count\": 5}]",
                NULL);
  g_assert_cmpuint (count_of (r3, "blocks"), ==, 3);
  g_assert_cmpint (num (entry (r3, "blocks", 0), "first"), ==, 151);
  g_assert_cmpint (num (entry (r3, "blocks", 0), "last"), ==, 250);
  g_assert_cmpstr (json_object_get_string_member (entry (r3, "blocks", 1), "block_id"), ==,
                   "NB-110101-L-2026-0001");
  g_assert_cmpint (num (entry (r3, "blocks", 1), "first"), ==, 1);
  g_assert_cmpint (num (entry (r3, "blocks", 2), "last"), ==, 5);

  s = ledger_series (&a, "J", 2026, &ledger);
  assert_figures (s, 250, 0, 0, 0, 250);
  g_assert_false (json_object_get_boolean_member (s, "closed"));
  assert_consecutive (s);
  g_assert_cmpstr (json_object_get_string_member (block_of (s, 0), "workstation"), ==, a.id);
  g_assert_cmpstr (json_object_get_string_member (block_of (s, 1), "workstation"), ==, b.id);
  g_assert_cmpstr (json_object_get_string_member (block_of (s, 2), "workstation"), ==, a.id);
  g_assert_cmpint (num (block_of (s, 1), "drawn_next"), ==, 101);
  g_assert_false (json_object_get_boolean_member (block_of (s, 1), "claim"));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (block_of (s, 1), "returned_first")));
  g_clear_pointer (&ledger, json_node_unref);
  s = ledger_series (&b, "L", 2026, &ledger);
  assert_figures (s, 10, 0, 0, 0, 10);
  assert_consecutive (s);
}

/* The last serial is 999999: a request near it is cut short, then refused. */
static void
test_used_up (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_auto (ReportWs) a = { 0 };
  g_autoptr (JsonNode) r1 = NULL, r2 = NULL, ledger = NULL;

  report_env_init (&env);
  start (&env, NULL);
  report_ws_first (&env, &a);
  r1 = post_ok (&a, "u-1",
                ", \"claims\": [{\"prefix\": \"BJ\", \"year\": 2030, \"first\": 1, "
                "\"last\": 999990}], "
                "\"requests\": [{\"prefix\": \"BJ\", \"year\": 2030, \"count\": 100}]",
                NULL);
  assert_accepted (entry (r1, "claims", 0));
  assert_accepted (entry (r1, "requests", 0));
  g_assert_cmpint (num (entry (r1, "blocks", 1), "first"), ==, 999991);
  g_assert_cmpint (num (entry (r1, "blocks", 1), "last"), ==, 999999);
  r2 = post_ok (&a, "u-2", ", \"requests\": [{\"prefix\": \"BJ\", \"year\": 2030, \"count\": 1}]",
                NULL);
  assert_refused (entry (r2, "requests", 0), "the BJ serials of 2030 are used up");
  g_assert_cmpuint (count_of (r2, "blocks"), ==, 0);
  assert_figures (ledger_series (&a, "BJ", 2030, &ledger), 999999, 0, 0, 0, 999999);
}

/* A request seen before is answered with the same bytes and changes
 * nothing; another workstation may not reuse its id. */
static void
test_idempotent (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_auto (ReportWs) a = { 0 };
  g_auto (ReportWs) b = { 0 };
  g_autoptr (JsonNode) r1 = NULL, r2 = NULL, ledger = NULL;
  g_autofree char *text1 = NULL, *text2 = NULL, *before = NULL, *after = NULL;
  g_autofree char *body = NULL, *reply = NULL;
  const char      *lists = ", \"requests\": [{\"prefix\": \"J\", \"year\": 2026, \"count\": 100}]";
  long             status = 0;

  report_env_init (&env);
  start (&env, NULL);
  report_ws_first (&env, &a);
  report_ws_other (&env, &b);
  r1 = post_ok (&a, "c0a8-0001", lists, &text1);
  before = ledger_text (&a);
  r2 = post_ok (&a, "c0a8-0001", lists, &text2);
  g_assert_cmpstr (text1, ==, text2);
  after = ledger_text (&a);
  g_assert_cmpstr (before, ==, after);
  assert_figures (ledger_series (&a, "J", 2026, &ledger), 100, 0, 0, 0, 100);

  /* The id is the key: a different body under it gets the first reply. */
  g_clear_pointer (&text2, g_free);
  g_clear_pointer (&r2, json_node_unref);
  r2 = post_ok (&a, "c0a8-0001",
                ", \"requests\": [{\"prefix\": \"L\", \"year\": 2026, \"count\": 7}]", &text2);
  g_assert_cmpstr (text1, ==, text2);

  body = body_of (&b, "110101", "c0a8-0001", lists);
  reply = report_ws_request (&b, "/v1/number-blocks", body, &status);
  g_assert_cmpint (status, ==, 409);
  g_assert_nonnull (strstr (reply, "another workstation"));
  g_clear_pointer (&after, g_free);
  after = ledger_text (&a);
  g_assert_cmpstr (before, ==, after);
}

/* A workstation that numbered locally claims its serials 1…n once nothing
 * is allocated; the same claim again gets the same block; another
 * workstation's claim over them is refused. */
static void
test_claims (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_auto (ReportWs) a = { 0 };
  g_auto (ReportWs) b = { 0 };
  g_autoptr (JsonNode) r1 = NULL, r2 = NULL, r3 = NULL, r4 = NULL, ledger = NULL;
  const char      *claim = ", \"claims\": [{\"prefix\": \"J\", \"year\": 2026, \"first\": 1, "
                           "\"last\": 17}]";
  JsonObject      *s;
  g_autofree char *own = NULL;

  report_env_init (&env);
  start (&env, NULL);
  report_ws_first (&env, &a);
  report_ws_other (&env, &b);

  r1 = post_ok (&a, "claim-1", claim, NULL);
  assert_accepted (entry (r1, "claims", 0));
  g_assert_cmpstr (json_object_get_string_member (entry (r1, "claims", 0), "block_id"), ==,
                   "NB-110101-J-2026-0001");
  g_assert_cmpint (num (entry (r1, "claims", 0), "first"), ==, 1);
  g_assert_cmpint (num (entry (r1, "claims", 0), "last"), ==, 17);
  g_assert_cmpint (num (entry (r1, "blocks", 0), "last"), ==, 17);

  /* The same claim in a new request: accepted, the same block, none new. */
  r2 = post_ok (&a, "claim-2",
                ", \"claims\": [{\"prefix\": \"J\", \"year\": 2026, \"first\": 1, \"last\": 17}], "
                "\"requests\": [{\"prefix\": \"J\", \"year\": 2026, \"count\": 100}]",
                NULL);
  assert_accepted (entry (r2, "claims", 0));
  g_assert_cmpstr (json_object_get_string_member (entry (r2, "claims", 0), "block_id"), ==,
                   "NB-110101-J-2026-0001");
  g_assert_cmpuint (count_of (r2, "blocks"), ==, 1);
  g_assert_cmpint (num (entry (r2, "blocks", 0), "first"), ==, 18);
  g_assert_cmpint (num (entry (r2, "blocks", 0), "last"), ==, 117);

  /* The second window numbered locally too: its 1…5 are refused, naming
   * the block and the workstation that hold them; a claim not from 1 too;
   * a wider claim by the first window too. */
  r3 = post_ok (&b, "claim-3",
                ", \"claims\": [{\"prefix\": \"J\", \"year\": 2026, \"first\": 1, \"last\": 5}, "
                "{\"prefix\": \"L\", \"year\": 2026, \"first\": 2, \"last\": 5}]",
                NULL);
  own = g_strdup_printf ("block NB-110101-J-2026-0001 of workstation %s", a.id);
  assert_refused (entry (r3, "claims", 0), "J 2026 serials 1–5 overlap numbers the office");
  assert_refused (entry (r3, "claims", 0), own);
  assert_refused (entry (r3, "claims", 1), "from serial 1");
  g_assert_cmpuint (count_of (r3, "blocks"), ==, 0);
  r4 = post_ok (&a, "claim-4",
                ", \"claims\": [{\"prefix\": \"J\", \"year\": 2026, \"first\": 1, \"last\": 20}]",
                NULL);
  assert_refused (entry (r4, "claims", 0), "overlap");

  s = ledger_series (&a, "J", 2026, &ledger);
  assert_figures (s, 117, 0, 0, 0, 117);
  assert_consecutive (s);
  g_assert_true (json_object_get_boolean_member (block_of (s, 0), "claim"));
  g_assert_cmpint (num (block_of (s, 0), "drawn_next"), ==, 18);
  g_assert_false (json_object_get_boolean_member (block_of (s, 1), "claim"));
  /* No L series was made by the refused claim. */
  g_clear_pointer (&ledger, json_node_unref);
  g_assert_null (ledger_series (&a, "L", 2026, &ledger));
}

/* What a workstation reports of its blocks: drawn (held), voids and
 * returns, each refused when it is not its own or breaks a rule. */
static void
test_held_void_return (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_auto (ReportWs) a = { 0 };
  g_auto (ReportWs) b = { 0 };
  g_autoptr (JsonNode) r = NULL, ledger = NULL;
  JsonObject *s;

  report_env_init (&env);
  start (&env, NULL);
  report_ws_first (&env, &a);
  report_ws_other (&env, &b);
  g_clear_pointer (&r, json_node_unref);
  r = post_ok (&a, "h-0", ", \"requests\": [{\"prefix\": \"J\", \"year\": 2026, \"count\": 100}]",
               NULL);
  g_clear_pointer (&r, json_node_unref);
  r = post_ok (&b, "h-1", ", \"requests\": [{\"prefix\": \"J\", \"year\": 2026, \"count\": 100}]",
               NULL);

  /* held */
  g_clear_pointer (&r, json_node_unref);
  r = post_ok (&a, "h-2",
               ", \"held\": [{\"block_id\": \"NB-110101-J-2026-0001\", \"next\": 41}, "
               "{\"block_id\": \"NB-110101-J-2026-0001\", \"next\": 30}, "
               "{\"block_id\": \"NB-110101-J-2026-0002\", \"next\": 120}, "
               "{\"block_id\": \"NB-110101-J-2026-0009\", \"next\": 1}, "
               "{\"block_id\": \"NB-110101-J-2026-0001\", \"next\": 102}]",
               NULL);
  assert_accepted (entry (r, "held", 0));
  g_assert_cmpint (num (entry (r, "held", 0), "drawn_next"), ==, 41);
  assert_accepted (entry (r, "held", 1));
  g_assert_cmpint (num (entry (r, "held", 1), "drawn_next"), ==, 41); /* never lowered */
  assert_refused (entry (r, "held", 2), b.id);
  assert_refused (entry (r, "held", 3), "there is no block NB-110101-J-2026-0009");
  assert_refused (entry (r, "held", 4), "outside block");

  /* voids */
  g_clear_pointer (&r, json_node_unref);
  r = post_ok (&a, "h-3",
               ", \"voids\": [{\"prefix\": \"J\", \"year\": 2026, \"serial\": 23, "
               "\"reason\": \"certificate misprinted\"}, "
               "{\"prefix\": \"J\", \"year\": 2026, \"serial\": 23, \"reason\": \"again\"}, "
               "{\"prefix\": \"J\", \"year\": 2026, \"serial\": 150, \"reason\": \"x\"}, "
               "{\"prefix\": \"J\", \"year\": 2026, \"serial\": 500, \"reason\": \"x\"}, "
               "{\"prefix\": \"L\", \"year\": 2026, \"serial\": 1, \"reason\": \"x\"}]",
               NULL);
  assert_accepted (entry (r, "voids", 0));
  assert_accepted (entry (r, "voids", 1));
  assert_refused (entry (r, "voids", 2), "is in block NB-110101-J-2026-0002 of workstation");
  assert_refused (entry (r, "voids", 3), "in no block");
  assert_refused (entry (r, "voids", 4), "in no block");

  /* returns */
  g_clear_pointer (&r, json_node_unref);
  r = post_ok (&a, "h-4",
               ", \"returns\": [{\"block_id\": \"NB-110101-J-2026-0001\", \"first\": 41, "
               "\"last\": 99, \"reason\": \"year-end\"}, "
               "{\"block_id\": \"NB-110101-J-2026-0001\", \"first\": 20, \"last\": 100, "
               "\"reason\": \"year-end\"}, "
               "{\"block_id\": \"NB-110101-J-2026-0002\", \"first\": 150, \"last\": 200, "
               "\"reason\": \"year-end\"}, "
               "{\"block_id\": \"NB-110101-J-2026-0007\", \"first\": 1, \"last\": 2, "
               "\"reason\": \"year-end\"}, "
               "{\"block_id\": \"NB-110101-J-2026-0001\", \"first\": 41, \"last\": 100, "
               "\"reason\": \"year-end\"}, "
               "{\"block_id\": \"NB-110101-J-2026-0001\", \"first\": 41, \"last\": 100, "
               "\"reason\": \"year-end\"}, "
               "{\"block_id\": \"NB-110101-J-2026-0001\", \"first\": 50, \"last\": 100, "
               "\"reason\": \"year-end\"}]",
               NULL);
  assert_refused (entry (r, "returns", 0), "ends at the block's last serial, 100");
  assert_refused (entry (r, "returns", 1), "serial 23 of block NB-110101-J-2026-0001 was voided");
  assert_refused (entry (r, "returns", 2), "belongs to workstation");
  assert_refused (entry (r, "returns", 3), "there is no block");
  assert_accepted (entry (r, "returns", 4));
  assert_accepted (entry (r, "returns", 5)); /* the same return again */
  assert_refused (entry (r, "returns", 6), "already returned from serial 41");

  /* A returned serial cannot be voided; the block's start is its floor. */
  g_clear_pointer (&r, json_node_unref);
  r = post_ok (&b, "h-5",
               ", \"voids\": [{\"prefix\": \"J\", \"year\": 2026, \"serial\": 60, \"reason\": "
               "\"x\"}], \"returns\": [{\"block_id\": \"NB-110101-J-2026-0002\", \"first\": 100, "
               "\"last\": 200, \"reason\": \"retired\"}]",
               NULL);
  assert_refused (entry (r, "voids", 0), "of workstation");
  assert_refused (entry (r, "returns", 0), "begins at serial 101");
  g_clear_pointer (&r, json_node_unref);
  r = post_ok (&a, "h-6",
               ", \"voids\": [{\"prefix\": \"J\", \"year\": 2026, \"serial\": 60, \"reason\": "
               "\"x\"}]",
               NULL);
  assert_refused (entry (r, "voids", 0), "was returned with block NB-110101-J-2026-0001");

  s = ledger_series (&a, "J", 2026, &ledger);
  /* 200 allocated: 1 voided, 41…100 returned, 139 in hands. */
  assert_figures (s, 200, 0, 1, 60, 139);
  assert_consecutive (s);
  g_assert_cmpint (num (block_of (s, 0), "drawn_next"), ==, 41);
  g_assert_cmpint (num (block_of (s, 0), "returned_first"), ==, 41);
  g_assert_cmpint (num (block_of (s, 1), "drawn_next"), ==, 101);
}

/* Every malformed body is answered 400 naming the member, and nothing of
 * it is applied, not even its well-formed parts. */
static void
test_malformed (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_auto (ReportWs) a = { 0 };
  g_auto (ReportWs) b = { 0 };
  g_autoptr (JsonNode) r = NULL;
  g_autofree char *before = NULL, *log_before = NULL, *log_path = NULL;
  g_autofree char *fifty_one = NULL;
  g_autofree char *long_reason = NULL;
  const char      *good = ", \"requests\": [{\"prefix\": \"J\", \"year\": 2026, \"count\": 10}]";
  GString         *many = g_string_new (", \"requests\": [");
  struct
  {
    const char *lists;
    const char *says;
  } cases[] = {
    { ", \"claims\": {}", "claims must be an array" },
    { ", \"claims\": [1]", "claims[0] must be an object" },
    { ", \"claims\": [{\"prefix\": \"X\", \"year\": 2026, \"first\": 1, \"last\": 2}]",
      "claims[0].prefix" },
    { ", \"claims\": [{\"prefix\": \"J\", \"year\": 1949, \"first\": 1, \"last\": 2}]",
      "claims[0].year" },
    { ", \"claims\": [{\"prefix\": \"J\", \"year\": 2026, \"first\": 0, \"last\": 2}]",
      "claims[0].first" },
    { ", \"claims\": [{\"prefix\": \"J\", \"year\": 2026, \"first\": 3, \"last\": 2}]",
      "claims[0].first must not be after last" },
    { ", \"claims\": [{\"prefix\": \"J\", \"year\": 2026, \"first\": 1, \"last\": 1000000}]",
      "claims[0].last" },
    { ", \"held\": [{\"block_id\": \"\", \"next\": 2}]", "held[0].block_id" },
    { ", \"held\": [{\"block_id\": \"NB-110101-J-2026-0001\", \"next\": 0}]", "held[0].next" },
    { ", \"held\": [{\"block_id\": \"NB-110101-J-2026-0001\"}]", "held[0].next" },
    { ", \"voids\": [{\"prefix\": \"J\", \"year\": 2026, \"serial\": 1000000, \"reason\": \"x\"}]",
      "voids[0].serial" },
    { ", \"voids\": [{\"prefix\": \"J\", \"year\": 2026, \"serial\": 5, \"reason\": \"\"}]",
      "voids[0].reason" },
    { ", \"voids\": [{\"prefix\": \"J\", \"year\": 2026, \"serial\": 5}]", "voids[0].reason" },
    { ", \"returns\": [{\"block_id\": \"NB-110101-J-2026-0001\", \"first\": 5, \"last\": 10}]",
      "returns[0].reason" },
    { ", \"returns\": [{\"block_id\": 7, \"first\": 5, \"last\": 10, \"reason\": \"x\"}]",
      "returns[0].block_id" },
    { ", \"requests\": [{\"prefix\": \"J\", \"year\": 2026, \"count\": 0}]", "requests[0].count" },
    { ", \"requests\": [{\"prefix\": \"J\", \"year\": 2026, \"count\": 10001}]",
      "requests[0].count" },
    { ", \"requests\": [{\"prefix\": \"J\", \"year\": 2026, \"count\": \"5\"}]",
      "requests[0].count" },
    { ", \"requests\": [{\"prefix\": \"J\", \"year\": 2026.5, \"count\": 5}]", "requests[0].year" },
    { ", \"requests\": [{\"prefix\": \"j\", \"year\": 2026, \"count\": 5}]", "requests[0].prefix" },
  };
  long status = 0;

  report_env_init (&env);
  start (&env, NULL);
  report_ws_first (&env, &a);
  report_ws_other (&env, &b);
  r = post_ok (&a, "m-0", good, NULL);
  before = ledger_text (&a);
  log_path = g_build_filename (env.state, "log.jsonl", NULL);
  g_assert_true (g_file_get_contents (log_path, &log_before, NULL, NULL));

  for (guint i = 0; i < 51; i++)
    g_string_append_printf (many, "%s{\"prefix\": \"J\", \"year\": 2026, \"count\": 1}",
                            i ? ", " : "");
  g_string_append (many, "]");
  fifty_one = g_string_free (many, FALSE);
  long_reason = g_strdup_printf (", \"voids\": [{\"prefix\": \"J\", \"year\": 2026, \"serial\": 5, "
                                 "\"reason\": \"%0201d\"}]",
                                 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases) + 2; i++)
    {
      const char      *lists = i < G_N_ELEMENTS (cases)    ? cases[i].lists
                               : i == G_N_ELEMENTS (cases) ? fifty_one
                                                           : long_reason;
      const char      *says = i < G_N_ELEMENTS (cases)    ? cases[i].says
                              : i == G_N_ELEMENTS (cases) ? "requests has 51 entries"
                                                          : "voids[0].reason";
      /* The well-formed request first: it must not be applied either. */
      g_autofree char *all = g_strconcat (good, lists, NULL);
      g_autofree char *id = g_strdup_printf ("m-%u", i + 1);
      g_autofree char *body = body_of (&a, "110101", id, all);
      g_autofree char *reply = report_ws_request (&a, "/v1/number-blocks", body, &status);

      g_assert_cmpint (status, ==, 400);
      if (strstr (reply, says) == NULL)
        g_error ("case %u: \"%s\" does not say \"%s\"", i, reply, says);
    }

  /* The envelope. */
  {
    struct
    {
      const char *body;
      const char *says;
    } env_cases[] = {
      { "", "not a JSON object" },
      { "[1, 2]", "not a JSON object" },
      { "{\"protocol\": 1", "not a JSON object" },
      { "{\"protocol\": 2, \"workstation\": \"@WS@\", \"office_code\": \"110101\", \"request_id\": "
        "\"e-1\", \"sent_at\": \"2026-12-07T10:00:00Z\"}",
        "protocol must be 1" },
      { "{\"protocol\": 1, \"workstation\": \"@WS@-x\", \"office_code\": \"110101\", "
        "\"request_id\": \"e-1\", \"sent_at\": \"2026-12-07T10:00:00Z\"}",
        "workstation must be" },
      { "{\"protocol\": 1, \"workstation\": \"@WS@\", \"office_code\": \"11010\", \"request_id\": "
        "\"e-1\", \"sent_at\": \"2026-12-07T10:00:00Z\"}",
        "office_code must be six digits" },
      { "{\"protocol\": 1, \"workstation\": \"@WS@\", \"office_code\": \"110101\", \"request_id\": "
        "\"e/1\", \"sent_at\": \"2026-12-07T10:00:00Z\"}",
        "request_id" },
      { "{\"protocol\": 1, \"workstation\": \"@WS@\", \"office_code\": \"110101\", \"request_id\": "
        "\"01234567890123456789012345678901234567890123456789012345678901234\", "
        "\"sent_at\": \"2026-12-07T10:00:00Z\"}",
        "request_id" },
      { "{\"protocol\": 1, \"workstation\": \"@WS@\", \"office_code\": \"110101\", \"request_id\": "
        "\"e-1\"}",
        "sent_at" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (env_cases); i++)
      {
        g_auto (GStrv) parts = g_strsplit (env_cases[i].body, "@WS@", -1);
        g_autofree char *body = g_strjoinv (a.id, parts);
        g_autofree char *reply = report_ws_request (&a, "/v1/number-blocks", body, &status);

        g_assert_cmpint (status, ==, 400);
        if (strstr (reply, env_cases[i].says) == NULL)
          g_error ("envelope %u: \"%s\" does not say \"%s\"", i, reply, env_cases[i].says);
      }
  }

  /* A bad signature, an unknown workstation: 401. */
  {
    g_autofree char *body = body_of (&a, "110101", "s-1", good);
    g_autofree char *other = body_of (&b, "110101", "s-1", good);
    g_autofree char *sig = civ_report_sign (b.e->signing_secret, body, strlen (body), NULL);
    g_autofree char *sig_header = g_strdup_printf ("X-Civreg-Signature: ed25519=%s", sig);
    g_autofree char *ws_header = g_strdup_printf ("X-Civreg-Workstation: %s", a.id);
    g_auto (CivReportReply) reply = { 0 };
    g_autoptr (GError) error = NULL;
    g_autofree char *keys = NULL;

    g_assert_true (_civ_report_client_request (a.client, "/v1/number-blocks",
                                               (const char *const[]){ ws_header, sig_header, NULL },
                                               body, strlen (body), &reply, &error));
    g_assert_cmpint (reply.status, ==, 401);
    /* b's key leaves the list. */
    keys = g_strdup_printf ("%s %s\n", a.id, a.e->signing_public);
    g_assert_true (g_file_set_contents (env.keys_file, keys, -1, NULL));
    g_free (report_ws_request (&b, "/v1/number-blocks", other, &status));
    g_assert_cmpint (status, ==, 401);
  }

  {
    g_autofree char *after = ledger_text (&a);
    g_autofree char *log_after = NULL;

    g_assert_cmpstr (before, ==, after);
    g_assert_true (g_file_get_contents (log_path, &log_after, NULL, NULL));
    g_assert_cmpstr (log_before, ==, log_after);
  }
}

/* A workstation belongs to the office of its first request. */
static void
test_office_binding (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_auto (ReportWs) a = { 0 };
  g_autoptr (JsonNode) r = NULL;
  g_autofree char *body = NULL, *reply = NULL, *says = NULL, *before = NULL, *after = NULL;
  long             status = 0;

  report_env_init (&env);
  start (&env, NULL);
  report_ws_first (&env, &a);
  r = post_ok (&a, "o-1", ", \"requests\": [{\"prefix\": \"J\", \"year\": 2026, \"count\": 10}]",
               NULL);
  before = ledger_text (&a);
  body = body_of (&a, "110102", "o-2",
                  ", \"requests\": [{\"prefix\": \"J\", \"year\": 2026, \"count\": 10}]");
  reply = report_ws_request (&a, "/v1/number-blocks", body, &status);
  g_assert_cmpint (status, ==, 422);
  says = g_strdup_printf ("workstation %s belongs to office 110101", a.id);
  if (strstr (reply, says) == NULL)
    g_error ("the 422 says \"%s\", not \"%s\"", reply, says);
  after = ledger_text (&a);
  g_assert_cmpstr (before, ==, after);
  /* Nothing was made for 110102 either. */
  {
    g_autofree char *other = report_ws_request (&a, "/v1/number-ledger/110102", NULL, &status);

    g_assert_cmpint (status, ==, 200);
    g_assert_nonnull (strstr (other, "\"series\":[]"));
  }
}

/* Without --number-blocks the office keeps its local counters: 404. */
static void
test_disabled (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_auto (ReportWs) a = { 0 };
  g_autofree char *body = NULL, *reply = NULL, *ledger = NULL;
  long             status = 0;

  report_env_init (&env);
  report_env_start_server (&env, "server", "ca", NULL);
  report_ws_first (&env, &a);
  body = body_of (&a, "110101", "d-1",
                  ", \"requests\": [{\"prefix\": \"J\", \"year\": 2026, \"count\": 10}]");
  reply = report_ws_request (&a, "/v1/number-blocks", body, &status);
  g_assert_cmpint (status, ==, 404);
  g_assert_nonnull (strstr (reply, "this province does not hand out number blocks"));
  ledger = report_ws_request (&a, "/v1/number-ledger/110101", NULL, &status);
  g_assert_cmpint (status, ==, 404);
}

/* --fail-numbers N: the next N requests get 503 and change nothing. */
static void
test_fail_numbers (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_auto (ReportWs) a = { 0 };
  g_autoptr (JsonNode) r = NULL;
  g_autofree char *body = NULL;
  long             status = 0;

  report_env_init (&env);
  start (&env, (const char *[]){ "--fail-numbers=2", NULL });
  report_ws_first (&env, &a);
  body = body_of (&a, "110101", "f-1",
                  ", \"requests\": [{\"prefix\": \"J\", \"year\": 2026, \"count\": 10}]");
  for (int i = 0; i < 2; i++)
    {
      g_autofree char *reply = report_ws_request (&a, "/v1/number-blocks", body, &status);

      g_assert_cmpint (status, ==, 503);
    }
  r = post_ok (&a, "f-1", ", \"requests\": [{\"prefix\": \"J\", \"year\": 2026, \"count\": 10}]",
               NULL);
  g_assert_cmpint (num (entry (r, "blocks", 0), "first"), ==, 1);
  /* Batches are not affected. */
  report_env_register (&env, 1, 1);
  sync_ok (a.store, 1);
}

/* A restarted server has every block, void, return, binding and reply. */
static void
test_restart (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_auto (ReportWs) a = { 0 };
  g_auto (ReportWs) b = { 0 };
  g_autoptr (JsonNode) r = NULL, ledger = NULL;
  g_autofree char *first_reply = NULL, *again = NULL, *before = NULL, *after = NULL;
  g_autofree char *body = NULL, *reply = NULL;
  long             status = 0;

  report_env_init (&env);
  start (&env, NULL);
  report_ws_first (&env, &a);
  report_ws_other (&env, &b);
  report_env_register (&env, 1, 2); /* J110101-2026-000001, 2 */
  sync_ok (a.store, 2);
  r = post_ok (&a, "r-1",
               ", \"claims\": [{\"prefix\": \"J\", \"year\": 2026, \"first\": 1, \"last\": 5}], "
               "\"requests\": [{\"prefix\": \"J\", \"year\": 2026, \"count\": 20}]",
               &first_reply);
  g_clear_pointer (&r, json_node_unref);
  r = post_ok (&b, "r-2", ", \"requests\": [{\"prefix\": \"J\", \"year\": 2026, \"count\": 30}]",
               NULL);
  g_clear_pointer (&r, json_node_unref);
  r = post_ok (&a, "r-3",
               ", \"held\": [{\"block_id\": \"NB-110101-J-2026-0002\", \"next\": 9}], "
               "\"voids\": [{\"prefix\": \"J\", \"year\": 2026, \"serial\": 6, \"reason\": "
               "\"spoiled\"}], \"returns\": [{\"block_id\": \"NB-110101-J-2026-0002\", "
               "\"first\": 15, \"last\": 25, \"reason\": \"reinstall\"}]",
               NULL);
  before = ledger_text (&a);

  report_env_stop_server (&env);
  start (&env, NULL);
  after = ledger_text (&a);
  g_assert_cmpstr (before, ==, after);
  assert_figures (ledger_series (&a, "J", 2026, &ledger), 55, 2, 1, 11, 41);

  /* An old request is answered as before; a new one continues at 56. */
  g_clear_pointer (&r, json_node_unref);
  r = post_ok (&a, "r-1", ", \"requests\": [{\"prefix\": \"J\", \"year\": 2026, \"count\": 20}]",
               &again);
  g_assert_cmpstr (first_reply, ==, again);
  g_clear_pointer (&r, json_node_unref);
  r = post_ok (&b, "r-4", ", \"requests\": [{\"prefix\": \"J\", \"year\": 2026, \"count\": 10}]",
               NULL);
  g_assert_cmpint (num (entry (r, "blocks", 0), "first"), ==, 56);
  g_assert_cmpstr (json_object_get_string_member (entry (r, "blocks", 0), "block_id"), ==,
                   "NB-110101-J-2026-0004");
  /* The void and the return are still there: repeating them is accepted,
   * contradicting them refused. */
  g_clear_pointer (&r, json_node_unref);
  r = post_ok (&a, "r-5",
               ", \"voids\": [{\"prefix\": \"J\", \"year\": 2026, \"serial\": 6, \"reason\": "
               "\"spoiled\"}, {\"prefix\": \"J\", \"year\": 2026, \"serial\": 1, \"reason\": "
               "\"x\"}], \"returns\": [{\"block_id\": \"NB-110101-J-2026-0002\", \"first\": 16, "
               "\"last\": 25, \"reason\": \"reinstall\"}]",
               NULL);
  assert_accepted (entry (r, "voids", 0));
  assert_refused (entry (r, "voids", 1), "was issued (record");
  assert_refused (entry (r, "returns", 0), "already returned from serial 15");
  /* The binding too. */
  body = body_of (&b, "110102", "r-6", "");
  reply = report_ws_request (&b, "/v1/number-blocks", body, &status);
  g_assert_cmpint (status, ==, 422);
}

/* The ledger counts the numbers real reports issued: the office numbered
 * locally, claims its serials, returns the rest at year end, and the series
 * is closed; a number reported after its return is flagged. */
static void
test_ledger_issued (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_auto (ReportWs) a = { 0 };
  g_autoptr (JsonNode) r = NULL, ledger = NULL;
  g_autofree char *no1 = NULL, *no3 = NULL, *no4 = NULL;
  JsonObject      *s;
  JsonArray       *dups;

  report_env_init (&env);
  start (&env, NULL);
  report_ws_first (&env, &a);
  no1 = report_env_register_one (&env, 1);
  g_free (report_env_register_one (&env, 2));
  no3 = report_env_register_one (&env, 3);
  g_assert_cmpstr (no1, ==, "J110101-2026-000001");
  g_assert_cmpstr (no3, ==, "J110101-2026-000003");
  sync_ok (a.store, 3);

  /* Reported but in no block yet: each is flagged. */
  s = ledger_series (&a, "J", 2026, &ledger);
  g_assert_nonnull (s);
  g_assert_cmpint (num (s, "allocated"), ==, 0);
  g_assert_cmpint (num (s, "issued"), ==, 0);
  g_assert_false (json_object_get_boolean_member (s, "closed"));
  dups = json_object_get_array_member (s, "duplicates");
  g_assert_cmpuint (json_array_get_length (dups), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (dups, 0),
                                                  "number"),
                   ==, no1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (dups, 0), "kind"),
                   ==, "outside");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (dups, 0),
                                                  "reason"),
                   ==, "no block of the series contains it");

  /* The claim makes them the first block: issued, nothing flagged. */
  r = post_ok (&a, "l-1",
               ", \"claims\": [{\"prefix\": \"J\", \"year\": 2026, \"first\": 1, \"last\": 10}]",
               NULL);
  assert_accepted (entry (r, "claims", 0));
  g_clear_pointer (&ledger, json_node_unref);
  s = ledger_series (&a, "J", 2026, &ledger);
  assert_figures (s, 10, 3, 0, 0, 7);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (s, "duplicates")), ==, 0);

  /* An issued number cannot be voided, nor returned. */
  g_clear_pointer (&r, json_node_unref);
  r = post_ok (&a, "l-2",
               ", \"voids\": [{\"prefix\": \"J\", \"year\": 2026, \"serial\": 2, \"reason\": "
               "\"x\"}], \"returns\": [{\"block_id\": \"NB-110101-J-2026-0001\", \"first\": 3, "
               "\"last\": 10, \"reason\": \"year-end\"}]",
               NULL);
  assert_refused (entry (r, "voids", 0), "J 2026 serial 2 was issued (record");
  assert_refused (entry (r, "returns", 0), "serial 3 of block NB-110101-J-2026-0001 was issued");

  /* Year end: the unused 4…10 go back; the series is closed. */
  g_clear_pointer (&r, json_node_unref);
  r = post_ok (&a, "l-3",
               ", \"returns\": [{\"block_id\": \"NB-110101-J-2026-0001\", \"first\": 4, "
               "\"last\": 10, \"reason\": \"year-end\"}]",
               NULL);
  assert_accepted (entry (r, "returns", 0));
  g_clear_pointer (&ledger, json_node_unref);
  s = ledger_series (&a, "J", 2026, &ledger);
  assert_figures (s, 10, 3, 0, 7, 0);
  g_assert_true (json_object_get_boolean_member (s, "closed"));
  g_assert_cmpint (num (block_of (s, 0), "returned_first"), ==, 4);

  /* A number issued after its return is flagged. */
  no4 = report_env_register_one (&env, 4);
  g_assert_cmpstr (no4, ==, "J110101-2026-000004");
  sync_ok (a.store, 1);
  g_clear_pointer (&ledger, json_node_unref);
  s = ledger_series (&a, "J", 2026, &ledger);
  g_assert_cmpint (num (s, "issued"), ==, 3);
  dups = json_object_get_array_member (s, "duplicates");
  g_assert_cmpuint (json_array_get_length (dups), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (dups, 0),
                                                  "number"),
                   ==, no4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (dups, 0),
                                                  "reason"),
                   ==, "it was returned with block NB-110101-J-2026-0001");
}

/* The record id of the one report in @store's outbox. */
static char *
only_record (CivStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = civ_outbox_list (civ_store_get_db (store), NULL, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  return g_strdup (((const CivOutboxRow *) g_ptr_array_index (rows, 0))->record_id);
}

/* Two windows of one office that both numbered locally report the same
 * number for two marriages: the ledger names it with both records. A later
 * version of the marriage, or a death report, repeating its number is not
 * another issue. */
static void
test_duplicate (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_auto (ReportWs) a = { 0 };
  g_auto (ReportWs) b = { 0 };
  g_autoptr (JsonNode) ledger = NULL;
  g_autofree char *no_a = NULL, *no_b = NULL, *body = NULL, *reply = NULL;
  g_autofree char *rec_a = NULL, *rec_b = NULL;
  CivStore        *saved;
  JsonObject      *s, *d;
  JsonArray       *dups, *records;
  long             status = 0;

  report_env_init (&env);
  start (&env, NULL);
  report_ws_first (&env, &a);
  report_ws_other (&env, &b);
  no_a = report_env_register_one (&env, 1);
  saved = env.store;
  env.store = b.store;
  no_b = report_env_register_one (&env, 2);
  env.store = saved;
  g_assert_cmpstr (no_a, ==, "J110101-2026-000001");
  g_assert_cmpstr (no_a, ==, no_b);
  sync_ok (a.store, 1);
  sync_ok (b.store, 1);
  rec_a = only_record (a.store);
  rec_b = only_record (b.store);
  g_assert_cmpstr (rec_a, !=, rec_b);

  /* b sends a later version of its marriage and a death report (R-F14)
   * naming the marriage's number under another record: neither is a new
   * issue. */
  body = g_strdup_printf (
    "{\"protocol\": 1, \"workstation\": \"%s\", \"office_code\": \"110101\", \"sent_at\": "
    "\"2026-12-07T10:00:00Z\", \"audit\": {\"seq\": 999999, \"hash\": \"00\"}, \"items\": ["
    "{\"idempotency_key\": \"marriage:%s:2\", \"kind\": \"marriage\", \"record_id\": "
    "\"%s\", \"version\": 2, \"payload\": {\"kind\": \"marriage\", \"record_id\": \"%s\", "
    "\"version\": 2, \"state\": \"VOIDED\", \"certificate_no\": \"%s\"}}, "
    "{\"idempotency_key\": \"death:DEATH-REC:2\", \"kind\": \"death\", \"record_id\": "
    "\"DEATH-REC\", \"version\": 2, \"payload\": {\"kind\": \"death\", \"record_id\": "
    "\"DEATH-REC\", \"version\": 2, \"state\": \"ENDED_BY_DEATH\", \"certificate_no\": \"%s\", "
    "\"funeral_case\": \"BZ110101-2026-000001\", \"died_on\": \"2026-08-01\"}}, "
    "{\"idempotency_key\": \"death:DEATH-REC2:2\", \"kind\": \"death\", \"record_id\": "
    "\"DEATH-REC2\", \"version\": 2, \"payload\": {\"kind\": \"death\", \"record_id\": "
    "\"DEATH-REC2\", \"version\": 2, \"state\": \"ENDED_BY_DEATH\", \"certificate_no\": "
    "\"J110101-2026-000009\", \"funeral_case\": \"BZ110101-2026-000002\", \"died_on\": "
    "\"2026-08-01\"}}]}",
    b.id, rec_b, rec_b, rec_b, no_b, no_a);
  reply = report_ws_request (&b, "/v1/batches", body, &status);
  g_assert_cmpint (status, ==, 200);
  g_assert_nonnull (strstr (reply, "\"accepted\""));

  s = ledger_series (&a, "J", 2026, &ledger);
  g_assert_nonnull (s);
  dups = json_object_get_array_member (s, "duplicates");
  /* 000001 twice (two records) and outside (no block); 000009 not at all. */
  g_assert_cmpuint (json_array_get_length (dups), ==, 2);
  d = json_array_get_object_element (dups, 0);
  g_assert_cmpstr (json_object_get_string_member (d, "number"), ==, "J110101-2026-000001");
  g_assert_cmpstr (json_object_get_string_member (d, "kind"), ==, "twice");
  records = json_object_get_array_member (d, "record_ids");
  g_assert_cmpuint (json_array_get_length (records), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (records, 0), ==, rec_a);
  g_assert_cmpstr (json_array_get_string_element (records, 1), ==, rec_b);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (dups, 1), "kind"),
                   ==, "outside");

  /* Still so after a restart (the items are replayed). */
  {
    g_autofree char *before = ledger_text (&a);
    g_autofree char *after = NULL;

    report_env_stop_server (&env);
    start (&env, NULL);
    after = ledger_text (&a);
    g_assert_cmpstr (before, ==, after);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/province-numbers/allocation", test_allocation);
  g_test_add_func ("/province-numbers/used-up", test_used_up);
  g_test_add_func ("/province-numbers/idempotent", test_idempotent);
  g_test_add_func ("/province-numbers/claims", test_claims);
  g_test_add_func ("/province-numbers/held-void-return", test_held_void_return);
  g_test_add_func ("/province-numbers/malformed", test_malformed);
  g_test_add_func ("/province-numbers/office-binding", test_office_binding);
  g_test_add_func ("/province-numbers/disabled", test_disabled);
  g_test_add_func ("/province-numbers/fail-numbers", test_fail_numbers);
  g_test_add_func ("/province-numbers/restart", test_restart);
  g_test_add_func ("/province-numbers/ledger-issued", test_ledger_issued);
  g_test_add_func ("/province-numbers/duplicate", test_duplicate);
  return g_test_run ();
}
