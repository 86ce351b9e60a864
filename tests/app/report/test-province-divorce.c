// SPDX-License-Identifier: GPL-3.0-or-later
/* test-province-divorce.c — the reference server's divorce applications
 * across the windows of an office (docs/provincial-protocol.md §10; issue
 * 17, R-D6) over real TLS on loopback: hand-built, signed batches and takes
 * from two windows of office 110101 (A, B) and one of office 120101 (X) */
#include <json-glib/json-glib.h>
#include <string.h>

#include "civ-report-http-private.h"
#include "civ-report-sign.h"
#include "civ-test-utils.h"
#include "report-test-utils.h"

#define CERT_1 "J110101-2026-000001"
#define DOC_1 "11010119900101001X"
#define DOC_2 "110101199202020022"

static JsonNode *
parse (const char *text)
{
  g_autoptr (GError) error = NULL;
  JsonNode *n = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (n));
  return n;
}

static const char *
str (JsonObject *o, const char *name)
{
  return json_object_get_string_member_with_default (o, name, NULL);
}

static void
assert_says (const char *text, const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("\"%s\" does not say \"%s\"", text, part);
}

/* ---- Reported steps ---------------------------------------------------- */

/* A v1 payload of application @id in @office for the marriage @cert whose
 * spouses hold @doc1 and @doc2, accepted on @on; @extra is added as is. */
static char *
v1 (const char *id, const char *office, const char *on, const char *cert, const char *extra)
{
  return g_strdup_printf (
    "{\"kind\": \"divorce-application\", \"record_id\": \"%s\", \"version\": 1, \"state\": "
    "\"COOLING\", \"office_code\": \"%s\", \"accepted_on\": \"%s\", \"cooling_off_end\": "
    "\"2026-04-01\", \"window_end\": \"2026-05-06\", \"agreement_ref\": \"XY-2026-17\", "
    "\"closed_on\": null, \"withdrawn_by\": null, \"marriage\": {\"record_id\": \"M-%s\", "
    "\"certificate_no\": \"%s\", \"registration_date\": \"2026-01-05\", \"office_code\": \"%s\", "
    "\"state\": \"REGISTERED\", \"parties\": [{\"name\": \"张伟\", \"sex\": 1, \"doc_kind\": "
    "\"resident-id\", \"doc_number\": \"%s\"}, {\"name\": \"李娜\", \"sex\": 2, \"doc_kind\": "
    "\"resident-id\", \"doc_number\": \"%s\"}]}%s}",
    id, office, on, id, cert, office, DOC_1, DOC_2, extra ? extra : "");
}

static char *
v2 (const char *id, const char *state)
{
  return g_strdup_printf ("{\"kind\": \"divorce-application\", \"record_id\": \"%s\", "
                          "\"version\": 2, \"state\": \"%s\", \"office_code\": \"110101\", "
                          "\"accepted_on\": \"2026-03-02\", \"closed_on\": \"2026-03-20\", "
                          "\"withdrawn_by\": \"both\"}",
                          id, state);
}

static char *
issued (const char *id, const char *number)
{
  return g_strdup_printf ("{\"kind\": \"divorce\", \"record_id\": \"%s\", \"version\": 1, "
                          "\"marriage_record_id\": \"M-%s\", \"accepted_on\": \"2026-03-02\", "
                          "\"issued_on\": \"2026-04-10\", \"certificate_no\": \"%s\", "
                          "\"office_code\": \"110101\"}",
                          id, id, number);
}

/* An item of @kind for @id, version @version, with @payload (taken). */
static char *
item (const char *kind, const char *id, int version, char *payload)
{
  g_autofree char *owned = payload;

  return g_strdup_printf ("{\"idempotency_key\": \"%s:%s:%d\", \"kind\": \"%s\", \"record_id\": "
                          "\"%s\", \"version\": %d, \"payload\": %s}",
                          kind, id, version, kind, id, version, owned);
}

/* Posts a batch of the one @item_json from @w; the item's result. */
static JsonObject *
post_item (ReportWs *w, const char *item_json, JsonNode **keep)
{
  g_autofree char *body = g_strdup_printf (
    "{\"protocol\": 1, \"workstation\": \"%s\", \"office_code\": \"110101\", \"sent_at\": "
    "\"2026-03-02T08:00:00Z\", \"audit\": {\"seq\": 1, \"hash\": \"h1\"}, \"items\": [%s]}",
    w->id, item_json);
  long             status = 0;
  g_autofree char *reply = report_ws_request (w, "/v1/batches", body, &status);
  JsonArray       *items;

  g_assert_cmpint (status, ==, 200);
  *keep = parse (reply);
  items = json_object_get_array_member (json_node_get_object (*keep), "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  return json_array_get_object_element (items, 0);
}

static void
expect_accepted (ReportWs *w, char *item_json)
{
  g_autoptr (JsonNode) keep = NULL;
  JsonObject *r = post_item (w, item_json, &keep);

  if (g_strcmp0 (str (r, "status"), "accepted") != 0)
    g_error ("%s: %s (%s)", item_json, str (r, "status"), str (r, "reason"));
  g_free (item_json);
}

/* Asserts the item is rejected with a reason containing @part. */
static void
expect_rejected (ReportWs *w, char *item_json, const char *part)
{
  g_autoptr (JsonNode) keep = NULL;
  JsonObject *r = post_item (w, item_json, &keep);

  if (g_strcmp0 (str (r, "status"), "rejected") != 0)
    g_error ("%s: %s, not rejected", item_json, str (r, "status"));
  assert_says (str (r, "reason"), part);
  g_free (item_json);
}

/* ---- Lookups and takes ------------------------------------------------- */

/* GET /v1/divorce-applications?QUERY as @w: the text; @status expected. */
static char *
get_text (ReportWs *w, const char *query, long expect)
{
  g_autofree char *path = g_strconcat ("/v1/divorce-applications", query, NULL);
  long             status = 0;
  char            *text = report_ws_request (w, path, NULL, &status);

  if (status != expect)
    g_error ("GET %s: %ld (%s), not %ld", path, status, text, expect);
  return text;
}

/* The applications found for ?key=@key (escaped here). */
static JsonNode *
find (ReportWs *w, const char *key, JsonArray **apps)
{
  g_autofree char *escaped = g_uri_escape_string (key, NULL, FALSE);
  g_autofree char *query = g_strconcat ("?key=", escaped, NULL);
  g_autofree char *text = get_text (w, query, 200);
  JsonNode        *n = parse (text);

  *apps = json_object_get_array_member (json_node_get_object (n), "applications");
  return n;
}

/* The one application found for @key. */
static JsonObject *
find_one (ReportWs *w, const char *key, JsonNode **keep)
{
  JsonArray *apps;

  *keep = find (w, key, &apps);
  if (json_array_get_length (apps) != 1)
    g_error ("key %s found %u applications", key, json_array_get_length (apps));
  return json_array_get_object_element (apps, 0);
}

static char *
take_body (ReportWs *w, const char *office, const char *id)
{
  return g_strdup_printf ("{\"protocol\": 1, \"workstation\": \"%s\", \"office_code\": \"%s\", "
                          "\"record_id\": \"%s\"}",
                          w->id, office, id);
}

/* POSTs a take of @id in @office as @w, expecting @expect; the reply. */
static char *
take (ReportWs *w, const char *office, const char *id, long expect)
{
  g_autofree char *body = take_body (w, office, id);
  long             status = 0;
  char            *reply = report_ws_request (w, "/v1/divorce-applications/take", body, &status);

  if (status != expect)
    g_error ("take %s: %ld (%s), not %ld", id, status, reply, expect);
  return reply;
}

static char *
log_text (ReportEnv *env)
{
  g_autofree char *path = g_build_filename (env->state, "log.jsonl", NULL);
  char            *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static guint
count_lines (const char *log, const char *type)
{
  g_autofree char *needle = g_strdup_printf ("\"type\":\"%s\"", type);
  guint            n = 0;

  for (const char *p = strstr (log, needle); p; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
start (ReportEnv *env, const char *const *extra)
{
  report_env_start_server (env, "server", "ca", extra);
}

/* ---- The tests --------------------------------------------------------- */

/* An application accepted at window A is found by the marriage's number,
 * a spouse's document number (any case) and its record id; ids= answers
 * the known ones; B takes it, and from then on only B may close it. */
static void
test_windows (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_auto (ReportWs) a = { 0 };
  g_auto (ReportWs) b = { 0 };
  g_autoptr (JsonNode) n1 = NULL, n2 = NULL, n3 = NULL, n4 = NULL, n5 = NULL, n6 = NULL;
  g_autofree char *taken = NULL, *again = NULL, *log_before = NULL, *log_after = NULL;
  g_autofree char *held = NULL, *closed = NULL;
  JsonObject      *app;
  JsonArray       *apps;

  report_env_init (&env);
  start (&env, NULL);
  report_ws_first (&env, &a);
  report_ws_other (&env, &b);
  g_assert_cmpstr (a.id, !=, b.id);

  /* A window the province cannot place yet: 422. */
  g_free (get_text (&a, "?key=" CERT_1, 422));

  expect_accepted (&a, item ("divorce-application", "APP-1", 1,
                             v1 ("APP-1", "110101", "2026-03-02", CERT_1, NULL)));
  app = find_one (&a, CERT_1, &n1);
  g_assert_cmpstr (str (app, "record_id"), ==, "APP-1");
  g_assert_cmpstr (str (app, "state"), ==, "COOLING");
  g_assert_cmpstr (str (app, "office_code"), ==, "110101");
  g_assert_cmpstr (str (app, "accepted_by"), ==, a.id);
  g_assert_cmpstr (str (app, "holder"), ==, a.id);
  g_assert_nonnull (str (app, "held_since"));
  g_assert_cmpstr (str (app, "accepted_on"), ==, "2026-03-02");
  g_assert_cmpstr (str (app, "cooling_off_end"), ==, "2026-04-01");
  g_assert_cmpstr (str (app, "window_end"), ==, "2026-05-06");
  g_assert_cmpstr (str (app, "agreement_ref"), ==, "XY-2026-17");
  g_assert_null (str (app, "closed_on"));
  g_assert_null (str (app, "closed_by"));
  g_assert_null (str (app, "certificate_no"));
  g_assert_cmpstr (str (json_object_get_object_member (app, "marriage"), "certificate_no"), ==,
                   CERT_1);
  g_assert_cmpuint (json_array_get_length (
                      json_object_get_array_member (json_object_get_object_member (app, "marriage"),
                                                    "parties")),
                    ==, 2);

  app = find_one (&a, DOC_1, &n2);
  g_assert_cmpstr (str (app, "record_id"), ==, "APP-1");
  app = find_one (&a, "11010119900101001x", &n3);
  g_assert_cmpstr (str (app, "record_id"), ==, "APP-1");
  app = find_one (&a, DOC_2, &n4);
  g_assert_cmpstr (str (app, "record_id"), ==, "APP-1");
  app = find_one (&a, "APP-1", &n5);
  g_assert_cmpstr (str (app, "holder"), ==, a.id);
  g_clear_pointer (&n1, json_node_unref);
  n1 = find (&a, "J110101-2026-000999", &apps);
  g_assert_cmpuint (json_array_get_length (apps), ==, 0);

  /* A second application for the same spouses (the first one will be
   * withdrawn): newest acceptance first. */
  expect_accepted (&a, item ("divorce-application", "APP-2", 1,
                             v1 ("APP-2", "110101", "2026-03-05", CERT_1, NULL)));
  g_clear_pointer (&n1, json_node_unref);
  n1 = find (&a, DOC_1, &apps);
  g_assert_cmpuint (json_array_get_length (apps), ==, 2);
  g_assert_cmpstr (str (json_array_get_object_element (apps, 0), "record_id"), ==, "APP-2");
  g_assert_cmpstr (str (json_array_get_object_element (apps, 1), "record_id"), ==, "APP-1");
  {
    g_autofree char *text = get_text (&a, "?ids=APP-2,APP-404,APP-1", 200);
    g_autoptr (JsonNode) n = parse (text);

    apps = json_object_get_array_member (json_node_get_object (n), "applications");
    g_assert_cmpuint (json_array_get_length (apps), ==, 2);
    g_assert_cmpstr (str (json_array_get_object_element (apps, 0), "record_id"), ==, "APP-2");
    g_assert_cmpstr (str (json_array_get_object_element (apps, 1), "record_id"), ==, "APP-1");
  }

  /* B has reported nothing: its first take places it in 110101. */
  g_free (get_text (&b, "?ids=APP-1", 422));
  taken = take (&b, "110101", "APP-1", 200);
  g_clear_pointer (&n6, json_node_unref);
  n6 = parse (taken);
  app = json_object_get_object_member (json_node_get_object (n6), "application");
  g_assert_cmpstr (str (app, "holder"), ==, b.id);
  g_assert_cmpstr (str (app, "accepted_by"), ==, a.id);
  g_assert_cmpstr (str (app, "state"), ==, "COOLING");
  held = g_strdup (str (app, "held_since"));
  g_clear_pointer (&n2, json_node_unref);
  app = find_one (&b, "APP-1", &n2);
  g_assert_cmpstr (str (app, "holder"), ==, b.id);

  /* Taking it again: the same answer, nothing logged. */
  log_before = log_text (&env);
  again = take (&b, "110101", "APP-1", 200);
  g_assert_cmpstr (taken, ==, again);
  log_after = log_text (&env);
  g_assert_cmpstr (log_before, ==, log_after);
  g_assert_cmpuint (count_lines (log_after, "dv-take"), ==, 1);
  g_assert_cmpuint (count_lines (log_after, "dv-app"), ==, 2);

  /* A may no longer withdraw or issue it (R-D6), naming the holder. */
  {
    g_autofree char *says = g_strdup_printf ("R-D6: the application is held by workstation %s "
                                             "since %s",
                                             b.id, held);

    expect_rejected (&a, item ("divorce-application", "APP-1", 2, v2 ("APP-1", "WITHDRAWN")), says);
    expect_rejected (&a, item ("divorce", "APP-1", 1, issued ("APP-1", "L110101-2026-000001")),
                     says);
  }
  g_clear_pointer (&n3, json_node_unref);
  app = find_one (&a, "APP-1", &n3);
  g_assert_cmpstr (str (app, "state"), ==, "COOLING");

  /* B issues it. */
  expect_accepted (&b, item ("divorce", "APP-1", 1, issued ("APP-1", "L110101-2026-000001")));
  g_clear_pointer (&n4, json_node_unref);
  app = find_one (&a, "APP-1", &n4);
  g_assert_cmpstr (str (app, "state"), ==, "REGISTERED");
  g_assert_cmpstr (str (app, "certificate_no"), ==, "L110101-2026-000001");
  g_assert_cmpstr (str (app, "closed_by"), ==, b.id);
  g_assert_cmpstr (str (app, "closed_on"), ==, "2026-04-10");
  g_assert_cmpstr (str (app, "holder"), ==, b.id);

  /* No longer open: 409 with the application; nothing more closes it. */
  closed = take (&a, "110101", "APP-1", 409);
  {
    g_autoptr (JsonNode) n = parse (closed);
    JsonObject *o = json_node_get_object (n);

    assert_says (str (o, "error"), "no longer open");
    g_assert_cmpstr (str (json_object_get_object_member (o, "application"), "state"), ==,
                     "REGISTERED");
    g_assert_cmpstr (str (json_object_get_object_member (o, "application"), "certificate_no"), ==,
                     "L110101-2026-000001");
  }
  g_free (take (&b, "110101", "APP-1", 409));
  expect_rejected (&b, item ("divorce-application", "APP-1", 2, v2 ("APP-1", "WITHDRAWN")),
                   "already closed: registered as L110101-2026-000001");
  expect_rejected (&b, item ("divorce", "APP-1", 2, issued ("APP-1", "L110101-2026-000002")),
                   "already closed");

  /* A withdraws the application it still holds; then it is closed. */
  expect_accepted (&a, item ("divorce-application", "APP-2", 2, v2 ("APP-2", "WITHDRAWN")));
  g_clear_pointer (&n5, json_node_unref);
  app = find_one (&b, "APP-2", &n5);
  g_assert_cmpstr (str (app, "state"), ==, "WITHDRAWN");
  g_assert_cmpstr (str (app, "closed_by"), ==, a.id);
  g_assert_cmpstr (str (app, "closed_on"), ==, "2026-03-20");
  g_assert_null (str (app, "certificate_no"));
  g_free (take (&b, "110101", "APP-2", 409));
  expect_rejected (&a, item ("divorce", "APP-2", 1, issued ("APP-2", "L110101-2026-000003")),
                   "already closed: WITHDRAWN on 2026-03-20");

  /* An application the province never heard of: its issuance is accepted
   * as before, a closure is not, a take finds nothing. */
  expect_accepted (&a, item ("divorce", "APP-OLD", 1, issued ("APP-OLD", "L110101-2026-000004")));
  expect_rejected (&a, item ("divorce-application", "APP-OLD", 2, v2 ("APP-OLD", "REFUSED")),
                   "the application APP-OLD is unknown");
  {
    g_autofree char *none = take (&b, "110101", "APP-NONE", 404);

    assert_says (none, "no application APP-NONE");
  }
  g_clear_pointer (&n6, json_node_unref);
  n6 = find (&a, "APP-OLD", &apps);
  g_assert_cmpuint (json_array_get_length (apps), ==, 0);
}

/* What a version 1 or 2 report must be (§10's table): each wrong report
 * is rejected with a reason naming what is wrong, and nothing is made. */
static void
test_reports_checked (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_auto (ReportWs) a = { 0 };
  g_autoptr (JsonNode) n = NULL;
  JsonArray *apps;
  struct
  {
    const char *from, *to, *says;
  } cases[] = {
    { "\"office_code\": \"110101\", \"accepted_on\"", "\"office_code\": \"11010\", \"accepted_on\"",
      "office_code must be six digits" },
    { "\"accepted_on\": \"2026-03-02\"", "\"accepted_on\": \"2026-02-30\"",
      "accepted_on must be YYYY-MM-DD" },
    { "\"accepted_on\": \"2026-03-02\", ", "", "accepted_on must be YYYY-MM-DD" },
    { "\"state\": \"COOLING\"", "\"state\": \"REGISTERED\"", "state must be COOLING" },
    { "\"record_id\": \"APP-B\", \"version\"", "\"record_id\": \"APP/B\", \"version\"",
      "record_id must be" },
    { "\"record_id\": \"APP-B\", \"version\"", "\"record_id\": \"APP-C\", \"version\"",
      "record_id must be the item's record_id" },
    { "\"version\": 1", "\"version\": 3", "version must be 1" },
    { "\"marriage\": {", "\"wedding\": {", "marriage must be an object" },
    { "\"record_id\": \"M-APP-B\", ", "", "marriage.record_id" },
    { ", {\"name\": \"李娜\"", "]}, \"x\": {\"y\": [{\"name\": \"李娜\"",
      "marriage.parties must be an array of two parties" },
  };

  report_env_init (&env);
  start (&env, NULL);
  report_ws_first (&env, &a);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *good = v1 ("APP-B", "110101", "2026-03-02", CERT_1, NULL);
      g_auto (GStrv) parts = g_strsplit (good, cases[i].from, 2);
      g_autofree char *bad = NULL;
      g_autoptr (JsonNode) parsed = NULL;

      g_assert_nonnull (parts[1]);
      bad = g_strconcat (parts[0], cases[i].to, parts[1], NULL);
      parsed = json_from_string (bad, NULL);
      if (parsed == NULL)
        g_error ("case %u does not parse: %s", i, bad);
      expect_rejected (&a, item ("divorce-application", "APP-B", 1, g_steal_pointer (&bad)),
                       cases[i].says);
    }
  /* Version 2 of an application that is open here: its state is checked. */
  expect_accepted (&a, item ("divorce-application", "APP-B", 1,
                             v1 ("APP-B", "110101", "2026-03-02", CERT_1, NULL)));
  expect_rejected (&a, item ("divorce-application", "APP-B", 2, v2 ("APP-B", "REGISTERED")),
                   "state must be WITHDRAWN, REFUSED or LAPSED");
  /* The same version 1 again under another key. */
  {
    g_autofree char *payload = v1 ("APP-B", "110101", "2026-03-02", CERT_1, NULL);

    expect_rejected (&a,
                     g_strdup_printf ("{\"idempotency_key\": "
                                      "\"divorce-application:APP-B:1:again\", "
                                      "\"kind\": \"divorce-application\", \"record_id\": "
                                      "\"APP-B\", \"version\": 1, \"payload\": %s}",
                                      payload),
                     "was already accepted");
  }
  n = find (&a, DOC_1, &apps);
  g_assert_cmpuint (json_array_get_length (apps), ==, 1);
  g_assert_cmpstr (str (json_array_get_object_element (apps, 0), "state"), ==, "COOLING");
  expect_accepted (&a, item ("divorce-application", "APP-B", 2, v2 ("APP-B", "LAPSED")));
}

/* A window of another office sees nothing of 110101 and cannot take its
 * applications (422); a window bound by its number blocks is placed. */
static void
test_offices (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_auto (ReportWs) a = { 0 };
  g_auto (ReportWs) x = { 0 };
  g_autoptr (JsonNode) n1 = NULL, n2 = NULL, n3 = NULL;
  g_autofree char *text = NULL, *says = NULL, *wrong = NULL, *other = NULL;
  JsonArray       *apps;
  JsonObject      *app;

  report_env_init (&env);
  start (&env, (const char *const[]){ "--number-blocks", NULL });
  report_ws_first (&env, &a);
  report_ws_other (&env, &x);

  /* A is placed by its number blocks alone. */
  {
    g_autofree char *body = g_strdup_printf (
      "{\"protocol\": 1, \"workstation\": \"%s\", \"office_code\": \"110101\", \"request_id\": "
      "\"n-1\", \"sent_at\": \"2026-03-01T08:00:00Z\", \"requests\": [{\"prefix\": \"L\", "
      "\"year\": 2026, \"count\": 10}]}",
      a.id);
    long status = 0;

    g_free (report_ws_request (&a, "/v1/number-blocks", body, &status));
    g_assert_cmpint (status, ==, 200);
  }
  text = get_text (&a, "?key=" CERT_1, 200);
  g_assert_cmpstr (text, ==, "{\"applications\":[]}");

  /* X reports an application of 120101: it belongs there from now on. */
  expect_accepted (&x, item ("divorce-application", "APP-X", 1,
                             v1 ("APP-X", "120101", "2026-03-01", "J120101-2026-000007", NULL)));
  /* A's application of 110101, for the same spouses. */
  expect_accepted (&a, item ("divorce-application", "APP-A", 1,
                             v1 ("APP-A", "110101", "2026-03-02", CERT_1, NULL)));

  n1 = find (&x, DOC_1, &apps);
  g_assert_cmpuint (json_array_get_length (apps), ==, 1);
  g_assert_cmpstr (str (json_array_get_object_element (apps, 0), "record_id"), ==, "APP-X");
  g_clear_pointer (&n1, json_node_unref);
  n1 = find (&x, CERT_1, &apps);
  g_assert_cmpuint (json_array_get_length (apps), ==, 0);
  n2 = find (&x, "APP-A", &apps);
  g_assert_cmpuint (json_array_get_length (apps), ==, 0);
  g_free (text);
  text = get_text (&x, "?ids=APP-A,APP-X", 200);
  g_clear_pointer (&n2, json_node_unref);
  n2 = parse (text);
  apps = json_object_get_array_member (json_node_get_object (n2), "applications");
  g_assert_cmpuint (json_array_get_length (apps), ==, 1);
  g_assert_cmpstr (str (json_array_get_object_element (apps, 0), "record_id"), ==, "APP-X");
  app = find_one (&a, DOC_1, &n3);
  g_assert_cmpstr (str (app, "record_id"), ==, "APP-A");

  wrong = take (&x, "110101", "APP-A", 422);
  says = g_strdup_printf ("workstation %s belongs to office 120101", x.id);
  assert_says (wrong, says);
  other = take (&x, "120101", "APP-A", 422);
  assert_says (other, "the application APP-A belongs to another office");
  g_clear_pointer (&n3, json_node_unref);
  app = find_one (&a, "APP-A", &n3);
  g_assert_cmpstr (str (app, "holder"), ==, a.id);
  /* Nor may X close it. */
  expect_rejected (&x, item ("divorce-application", "APP-A", 2, v2 ("APP-A", "WITHDRAWN")), "R-D6");
}

/* Malformed takes and lookups: 400 (401 unsigned), and nothing changes. */
static void
test_malformed (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_auto (ReportWs) a = { 0 };
  g_auto (ReportWs) b = { 0 };
  g_autofree char *before = NULL, *after = NULL, *log_before = NULL, *log_after = NULL;
  g_autofree char *long_id = g_strnfill (65, 'A');
  g_autofree char *long_key = g_strnfill (65, '1');
  GString         *many = g_string_new ("?ids=");
  g_autofree char *fifty_one = NULL;
  long             status = 0;
  struct
  {
    const char *body, *says;
  } bodies[] = {
    { "", "not a JSON object" },
    { "[1, 2]", "not a JSON object" },
    { "{\"protocol\": 1", "not a JSON object" },
    { "{\"protocol\": 2, \"workstation\": \"@WS@\", \"office_code\": \"110101\", \"record_id\": "
      "\"APP-1\"}",
      "protocol must be 1" },
    { "{\"workstation\": \"@WS@\", \"office_code\": \"110101\", \"record_id\": \"APP-1\"}",
      "protocol must be 1" },
    { "{\"protocol\": 1, \"workstation\": \"@WS@-x\", \"office_code\": \"110101\", "
      "\"record_id\": \"APP-1\"}",
      "workstation must be" },
    { "{\"protocol\": 1, \"office_code\": \"110101\", \"record_id\": \"APP-1\"}",
      "workstation must be" },
    { "{\"protocol\": 1, \"workstation\": \"@WS@\", \"office_code\": \"11010a\", \"record_id\": "
      "\"APP-1\"}",
      "office_code must be six digits" },
    { "{\"protocol\": 1, \"workstation\": \"@WS@\", \"office_code\": 110101, \"record_id\": "
      "\"APP-1\"}",
      "office_code must be six digits" },
    { "{\"protocol\": 1, \"workstation\": \"@WS@\", \"office_code\": \"110101\"}",
      "record_id must be" },
    { "{\"protocol\": 1, \"workstation\": \"@WS@\", \"office_code\": \"110101\", \"record_id\": "
      "\"\"}",
      "record_id must be" },
    { "{\"protocol\": 1, \"workstation\": \"@WS@\", \"office_code\": \"110101\", \"record_id\": "
      "\"APP 1\"}",
      "record_id must be" },
    { "{\"protocol\": 1, \"workstation\": \"@WS@\", \"office_code\": \"110101\", \"record_id\": "
      "\"@LONG@\"}",
      "record_id must be" },
  };
  const char *queries[] = {
    "",
    "?",
    "?key=",
    "?ids=",
    "?key=APP-1&ids=APP-1",
    "?ids=APP-1,,APP-2",
    "?ids=APP-1,",
    "?ids=APP%2F1",
    "?ids=APP%201",
    "?key=@LONGKEY@",
    "?other=APP-1",
    "@MANY@",
  };

  report_env_init (&env);
  start (&env, NULL);
  report_ws_first (&env, &a);
  report_ws_other (&env, &b);
  expect_accepted (&a, item ("divorce-application", "APP-1", 1,
                             v1 ("APP-1", "110101", "2026-03-02", CERT_1, NULL)));
  for (guint i = 0; i < 51; i++)
    g_string_append_printf (many, "%sAPP-%u", i ? "," : "", i);
  fifty_one = g_string_free (many, FALSE);
  before = get_text (&a, "?ids=APP-1", 200);
  log_before = log_text (&env);

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_auto (GStrv) p1 = g_strsplit (bodies[i].body, "@WS@", -1);
      g_autofree char *with_ws = g_strjoinv (b.id, p1);
      g_auto (GStrv) p2 = g_strsplit (with_ws, "@LONG@", -1);
      g_autofree char *body = g_strjoinv (long_id, p2);
      g_autofree char *reply =
        report_ws_request (&b, "/v1/divorce-applications/take", body, &status);

      if (status != 400)
        g_error ("take body %u: %ld %s", i, status, reply);
      assert_says (reply, bodies[i].says);
    }
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      const char *q = strcmp (queries[i], "@MANY@") == 0 ? fifty_one : queries[i];
      g_auto (GStrv) parts = g_strsplit (q, "@LONGKEY@", -1);
      g_autofree char *query = g_strjoinv (long_key, parts);
      g_autofree char *reply = get_text (&a, query, 400);

      assert_says (reply, "\"error\"");
    }
  /* A key of 64 characters is fine (and finds nothing). */
  {
    g_autofree char *k64 = g_strnfill (64, '1');
    g_autofree char *q = g_strconcat ("?key=", k64, NULL);
    g_autofree char *reply = get_text (&a, q, 200);

    g_assert_cmpstr (reply, ==, "{\"applications\":[]}");
  }

  /* Unsigned or signed by another key, from an unknown workstation: 401. */
  {
    g_autofree char *body = take_body (&b, "110101", "APP-1");
    g_autofree char *sig = civ_report_sign (a.e->signing_secret, body, strlen (body), NULL);
    g_autofree char *sig_header = g_strdup_printf ("X-Civreg-Signature: ed25519=%s", sig);
    g_autofree char *ws_header = g_strdup_printf ("X-Civreg-Workstation: %s", b.id);
    g_autoptr (GError) error = NULL;
    g_autofree char *keys = NULL;

    {
      g_auto (CivReportReply) reply = { 0 };

      g_assert_true (
        _civ_report_client_request (b.client, "/v1/divorce-applications/take",
                                    (const char *const[]){ ws_header, sig_header, NULL }, body,
                                    strlen (body), &reply, &error));
      g_assert_cmpint (reply.status, ==, 401);
    }
    {
      g_auto (CivReportReply) reply = { 0 };

      g_assert_true (_civ_report_client_request (b.client, "/v1/divorce-applications/take",
                                                 (const char *const[]){ ws_header, NULL }, body,
                                                 strlen (body), &reply, &error));
      g_assert_cmpint (reply.status, ==, 401);
    }
    keys = g_strdup_printf ("%s %s\n", a.id, a.e->signing_public);
    g_assert_true (g_file_set_contents (env.keys_file, keys, -1, NULL));
    g_free (report_ws_request (&b, "/v1/divorce-applications/take", body, &status));
    g_assert_cmpint (status, ==, 401);
  }
  /* A GET is not a take. */
  g_free (get_text (&a, "/take", 405));

  after = get_text (&a, "?ids=APP-1", 200);
  g_assert_cmpstr (before, ==, after);
  log_after = log_text (&env);
  g_assert_cmpstr (log_before, ==, log_after);
}

/* A restarted server has every application, holder, state and binding. */
static void
test_restart (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_auto (ReportWs) a = { 0 };
  g_auto (ReportWs) b = { 0 };
  g_autofree char *before = NULL, *after = NULL, *taken = NULL, *again = NULL, *says = NULL;
  g_autofree char *log_before = NULL, *log_after = NULL;
  g_autoptr (JsonNode) n = NULL;
  JsonObject *app;

  report_env_init (&env);
  start (&env, NULL);
  report_ws_first (&env, &a);
  report_ws_other (&env, &b);
  expect_accepted (&a, item ("divorce-application", "APP-1", 1,
                             v1 ("APP-1", "110101", "2026-03-02", CERT_1, NULL)));
  expect_accepted (&a, item ("divorce-application", "APP-2", 1,
                             v1 ("APP-2", "110101", "2026-03-03", "J110101-2026-000002", NULL)));
  expect_accepted (&a, item ("divorce-application", "APP-3", 1,
                             v1 ("APP-3", "110101", "2026-03-04", "J110101-2026-000003", NULL)));
  taken = take (&b, "110101", "APP-1", 200);
  g_free (take (&b, "110101", "APP-2", 200));
  expect_accepted (&b, item ("divorce", "APP-2", 1, issued ("APP-2", "L110101-2026-000001")));
  expect_accepted (&a, item ("divorce-application", "APP-3", 2, v2 ("APP-3", "REFUSED")));
  before = get_text (&b, "?ids=APP-1,APP-2,APP-3", 200);
  log_before = log_text (&env);

  report_env_stop_server (&env);
  start (&env, NULL);
  after = get_text (&b, "?ids=APP-1,APP-2,APP-3", 200);
  g_assert_cmpstr (before, ==, after);
  /* The replay wrote nothing. */
  log_after = log_text (&env);
  g_assert_cmpstr (log_before, ==, log_after);

  /* B still holds APP-1 (its take is answered as before) and A may not close it. */
  again = take (&b, "110101", "APP-1", 200);
  g_assert_cmpstr (taken, ==, again);
  n = parse (again);
  app = json_object_get_object_member (json_node_get_object (n), "application");
  says = g_strdup_printf ("R-D6: the application is held by workstation %s since %s", b.id,
                          str (app, "held_since"));
  expect_rejected (&a, item ("divorce-application", "APP-1", 2, v2 ("APP-1", "WITHDRAWN")), says);
  g_free (take (&a, "110101", "APP-2", 409));
  g_free (take (&a, "110101", "APP-3", 409));
  /* A takes APP-1 back and withdraws it. */
  g_free (take (&a, "110101", "APP-1", 200));
  expect_accepted (&a, item ("divorce-application", "APP-1", 2, v2 ("APP-1", "WITHDRAWN")));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/province-divorce/windows", test_windows);
  g_test_add_func ("/province-divorce/reports-checked", test_reports_checked);
  g_test_add_func ("/province-divorce/offices", test_offices);
  g_test_add_func ("/province-divorce/malformed", test_malformed);
  g_test_add_func ("/province-divorce/restart", test_restart);
  return g_test_run ();
}
