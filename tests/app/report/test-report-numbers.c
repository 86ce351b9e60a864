// SPDX-License-Identifier: GPL-3.0-or-later
/* test-report-numbers.c — certificate numbers from the province's number
 * blocks (issue 17, R-N1), against the reference server over real TLS:
 * the first blocks, working offline from the reserve and refusing when
 * none is left, an office the province gives no blocks, the office's own
 * serials claimed at enrolment (and refused to a second window), three
 * windows registering at once while the province goes away and comes back,
 * kill -9 mid-registration, voids and the year-end return closing the
 * office ledger.
 */
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>

#include "civ-calendar.h"
#include "civ-marriage-online.h"
#include "civ-report-http-private.h"
#include "civ-test-utils.h"
#include "report-test-utils.h"

static const char *const with_blocks[] = { "--number-blocks", NULL };

static int
this_year (void)
{
  GDate today;

  civ_date_today (&today);
  return g_date_get_year (&today);
}

static char *
number_of (const char *prefix, int year, gint64 serial)
{
  return g_strdup_printf ("%s110101-%04d-%06" G_GINT64_FORMAT, prefix, year, serial);
}

static void
exchange (CivStore *store, CivReportNumbersResult *result)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (civ_report_numbers_exchange (store, FALSE, result, &error));
  g_assert_no_error (error);
}

static char *
register_today (ReportEnv *env, int k, GError **refusal)
{
  GDate today;

  civ_date_today (&today);
  return report_env_register_on (env, k, &today, refusal);
}

static const CivNumbersSeries *
series_of (CivNumbersStatus *st, const char *prefix, int year)
{
  for (guint i = 0; i < st->series->len; i++)
    {
      const CivNumbersSeries *s = g_ptr_array_index (st->series, i);

      if (g_str_equal (s->prefix, prefix) && s->year == year)
        return s;
    }
  return NULL;
}

static CivNumbersStatus *
status_of (CivStore *store)
{
  g_autoptr (GError) error = NULL;
  CivNumbersStatus *st = civ_numbers_status (store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (st);
  return st;
}

/* The office ledger the province keeps (protocol §9), as the store's
 * workstation reads it. */
static JsonNode *
ledger (CivStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivReportEnrollment) e =
    civ_report_store_get_enrollment (civ_store_get_db (store), &error);
  g_autoptr (CivReportClient) client = NULL;
  g_auto (CivReportReply) reply = { 0 };
  g_autofree char *ws = civ_db_get_setting (civ_store_get_db (store), "workstation_id");
  g_autofree char *ws_header = g_strdup_printf ("X-Civreg-Workstation: %s", ws);
  g_autofree char *text = NULL;
  gsize            len = 0;
  const char      *data;

  g_assert_nonnull (e);
  client = _civ_report_client_new (e, 0);
  g_assert_true (_civ_report_client_request (client, "/v1/number-ledger/110101",
                                             (const char *const[]){ ws_header, NULL }, NULL, 0,
                                             &reply, &error));
  g_assert_no_error (error);
  g_assert_cmpint (reply.status, ==, 200);
  data = g_bytes_get_data (reply.body, &len);
  text = g_strndup (data, len);
  return json_from_string (text, &error);
}

static JsonObject *
ledger_series (JsonNode *root, const char *prefix, int year)
{
  JsonArray *series = json_object_get_array_member (json_node_get_object (root), "series");

  for (guint i = 0; i < json_array_get_length (series); i++)
    {
      JsonObject *s = json_array_get_object_element (series, i);

      if (g_strcmp0 (json_object_get_string_member (s, "prefix"), prefix) == 0 &&
          json_object_get_int_member (s, "year") == year)
        return s;
    }
  return NULL;
}

/* No series of the ledger has a gap or a number issued twice. */
static void
assert_ledger_sound (JsonNode *root)
{
  JsonArray *series = json_object_get_array_member (json_node_get_object (root), "series");

  for (guint i = 0; i < json_array_get_length (series); i++)
    {
      JsonObject *s = json_array_get_object_element (series, i);
      JsonArray  *dup = json_object_get_array_member (s, "duplicates");

      if (json_array_get_length (dup) > 0)
        {
          g_autofree char *text = json_to_string (json_object_get_member (s, "duplicates"), FALSE);
          g_error ("%s %" G_GINT64_FORMAT ": %s", json_object_get_string_member (s, "prefix"),
                   json_object_get_int_member (s, "year"), text);
        }
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (s, "gaps")), ==, 0);
      g_assert_cmpint (json_object_get_int_member (s, "held"), >=, 0);
    }
}

static void
set_reserve (CivStore *store, const char *n)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (civ_db_set_setting (civ_store_get_db (store), "numbers.reserve", n, &error));
  g_assert_no_error (error);
}

/* A fresh office, enrolled, gets its blocks and numbers from them. */
static void
test_first_blocks (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_auto (CivReportNumbersResult) r = { 0 };
  g_autoptr (CivNumbersStatus) st = NULL;
  g_autoptr (JsonNode) l = NULL;
  g_autofree char        *j = NULL, *expect = NULL;
  int                     year = this_year ();
  const CivNumbersSeries *s;

  report_env_init (&env);
  report_env_start_server (&env, "server", "ca", with_blocks);
  report_env_enroll (&env, "client", TRUE, 0);
  st = status_of (env.store);
  g_assert_true (st->enrolled);
  g_assert_false (st->from_blocks);
  g_clear_pointer (&st, civ_numbers_status_free);

  exchange (env.store, &r);
  g_assert_true (r.posted);
  g_assert_true (r.served);
  g_assert_true (r.from_blocks);
  g_assert_cmpuint (r.blocks, >=, 6); /* J, L, BJ, BL, SY, JCSY (and next year's in December) */
  g_assert_cmpuint (r.refused, ==, 0);
  st = status_of (env.store);
  s = series_of (st, "J", year);
  g_assert_nonnull (s);
  g_assert_cmpint (s->left, ==, 2 * CIV_NUMBERS_RESERVE_DEFAULT);
  expect = number_of ("J", year, 1);
  g_assert_cmpstr (s->next_number, ==, expect);

  j = register_today (&env, 1, NULL);
  g_assert_cmpstr (j, ==, expect);
  g_clear_pointer (&st, civ_numbers_status_free);
  st = status_of (env.store);
  g_assert_cmpint (series_of (st, "J", year)->left, ==, 2 * CIV_NUMBERS_RESERVE_DEFAULT - 1);

  /* Nothing more to ask: the reserve is there; the drawn serial goes with
   * the next delivery, and the province sees it issued. */
  {
    g_auto (CivReportSyncResult) sr = { 0 };
    g_autoptr (GError) error = NULL;
    CivReportSyncOptions options = { .ignore_schedule = TRUE };

    g_assert_true (civ_report_sync (env.store, &options, &sr, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (sr.accepted, ==, 1);
    g_assert_null (sr.numbers_failure);
    g_assert_true (sr.numbers.posted);
    g_assert_cmpuint (sr.numbers.blocks, ==, 0);
  }
  l = ledger (env.store);
  assert_ledger_sound (l);
  g_assert_cmpint (json_object_get_int_member (ledger_series (l, "J", year), "issued"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (ledger_series (l, "J", year), "allocated"), ==,
                   2 * CIV_NUMBERS_RESERVE_DEFAULT);
  /* Every exchange is audited. */
  g_assert_cmpint (report_count (&env, "SELECT count (*) FROM audit_log WHERE action = "
                                       "'numbers.exchange'"),
                   ==, 2);
}

/* Offline the workstation draws from its reserve; with none left it
 * refuses, says which rule, and registers nothing. */
static void
test_offline_then_empty (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_auto (CivReportNumbersResult) r = { 0 };
  g_autoptr (GError) refusal = NULL;
  g_autofree char *none = NULL;
  int              year = this_year ();
  gint64           before;

  report_env_init (&env);
  report_env_start_server (&env, "server", "ca", with_blocks);
  report_env_enroll (&env, "client", TRUE, 3000);
  set_reserve (env.store, "2");
  exchange (env.store, &r);
  g_assert_true (r.from_blocks);

  report_env_stop_server (&env);
  for (int k = 1; k <= 4; k++)
    {
      g_autofree char *j = register_today (&env, k, NULL);
      g_autofree char *expect = number_of ("J", year, k);

      g_assert_cmpstr (j, ==, expect);
    }
  before = report_count (&env, "SELECT count (*) FROM marriages");
  none = register_today (&env, 5, &refusal);
  g_assert_null (none);
  g_assert_nonnull (refusal);
  g_assert_nonnull (strstr (refusal->message, "R-N1"));
  g_assert_cmpint (report_count (&env, "SELECT count (*) FROM marriages"), ==, before);
  g_assert_cmpint (report_count (&env, "SELECT count (*) FROM outbox"), ==, 4);

  /* The exchange cannot reach the province: the request waits, stored. */
  {
    g_auto (CivReportNumbersResult) r2 = { 0 };
    g_autoptr (GError) error = NULL;
    g_autoptr (CivNumbersStatus) st = NULL;

    g_assert_false (civ_report_numbers_exchange (env.store, FALSE, &r2, &error));
    g_assert_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_TRANSPORT);
    st = status_of (env.store);
    g_assert_true (st->request_pending);
  }
  /* Back online: the stored request goes first, then what is due. */
  report_env_start_server (&env, "server", "ca", with_blocks);
  {
    g_auto (CivReportNumbersResult) r3 = { 0 };
    g_autofree char *j = NULL, *expect = number_of ("J", year, 5);
    g_autoptr (CivNumbersStatus) st = NULL;
    g_autoptr (JsonNode) l = NULL;

    exchange (env.store, &r3);
    g_assert_cmpuint (r3.blocks, >=, 1);
    st = status_of (env.store);
    g_assert_false (st->request_pending);
    j = register_today (&env, 5, NULL);
    g_assert_cmpstr (j, ==, expect);
    l = ledger (env.store);
    assert_ledger_sound (l);
  }
}

/* A province that hands out no blocks: the office keeps its own counter. */
static void
test_not_served (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_auto (CivReportNumbersResult) r = { 0 };
  g_autoptr (CivNumbersStatus) st = NULL;
  g_autofree char *j = NULL, *expect = number_of ("J", this_year (), 1);

  report_env_init (&env);
  report_env_start_server (&env, "server", "ca", NULL);
  report_env_enroll (&env, "client", TRUE, 0);
  exchange (env.store, &r);
  g_assert_true (r.posted);
  g_assert_false (r.served);
  g_assert_false (r.from_blocks);
  j = register_today (&env, 1, NULL);
  g_assert_cmpstr (j, ==, expect);
  st = status_of (env.store);
  g_assert_false (st->from_blocks);
  g_assert_nonnull (st->not_served_on);
  /* It asks again tomorrow, not at every delivery. */
  {
    g_auto (CivReportNumbersResult) again = { 0 };

    exchange (env.store, &again);
    g_assert_false (again.posted);
  }
}

/* The office numbered on its own before: its serials are claimed at the
 * first exchange and become its first block; a second window that also
 * numbered on its own is refused and keeps its counter. */
static void
test_claims (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_auto (CivReportNumbersResult) r = { 0 };
  g_auto (CivReportNumbersResult) r2 = { 0 };
  g_autoptr (CivNumbersStatus) st = NULL;
  g_autoptr (CivNumbersStatus) st2 = NULL;
  g_autoptr (CivStore) other = NULL;
  g_autofree char *other_dir = NULL;
  g_autofree char *j = NULL, *expect = NULL;
  int              year = this_year ();

  report_env_init (&env);
  for (int k = 1; k <= 3; k++)
    g_free (register_today (&env, k, NULL));
  report_env_start_server (&env, "server", "ca", with_blocks);
  report_env_enroll (&env, "client", TRUE, 3000);
  other = report_env_new_window (&env, &other_dir);
  {
    ReportEnv o = { .store = other };

    g_free (register_today (&o, 100, NULL));
    g_free (register_today (&o, 101, NULL));
  }

  exchange (env.store, &r);
  g_assert_true (r.from_blocks);
  g_assert_cmpuint (r.refused, ==, 0);
  st = status_of (env.store);
  g_assert_true (st->from_blocks);
  g_assert_null (st->claim_refused);
  {
    const CivNumberBlock *claim = NULL;

    for (guint i = 0; i < st->blocks->len; i++)
      {
        const CivNumberBlock *b = g_ptr_array_index (st->blocks, i);

        if (b->claim)
          claim = b;
      }
    g_assert_nonnull (claim);
    g_assert_cmpstr (claim->prefix, ==, "J");
    g_assert_cmpint (claim->first, ==, 1);
    g_assert_cmpint (claim->last, ==, 3);
    g_assert_cmpint (claim->next, ==, 4);
  }
  expect = number_of ("J", year, 4);
  j = register_today (&env, 4, NULL);
  g_assert_cmpstr (j, ==, expect);

  g_assert_true (civ_report_numbers_exchange (other, FALSE, &r2, NULL));
  g_assert_false (r2.from_blocks);
  g_assert_cmpuint (r2.refused, ==, 1);
  g_assert_nonnull (r2.refusal);
  st2 = status_of (other);
  g_assert_false (st2->from_blocks);
  g_assert_nonnull (st2->claim_refused);
  g_assert_nonnull (strstr (st2->claim_refused, "overlap"));
  g_assert_cmpuint (st2->blocks->len, ==, 0);
  /* Refused once, it is not asked again at every delivery. */
  {
    g_auto (CivReportNumbersResult) r3 = { 0 };

    exchange (other, &r3);
    g_assert_false (r3.posted);
  }
  g_clear_object (&other);
  civ_test_rmdir (other_dir);
}

/* ---- Three windows at once -------------------------------------------- */

typedef struct
{
  char        *dir;
  GSubprocess *proc;
  int          first;
} Window;

static GSubprocess *
spawn_helper (const char *dir, int first, int count, int every)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *f = g_strdup_printf ("%d", first);
  g_autofree char *c = g_strdup_printf ("%d", count);
  g_autofree char *e = g_strdup_printf ("%d", every);
  GSubprocess     *p =
    g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, g_getenv ("CIVREG_NUMBERS_HELPER"),
                      dir, CIV_TEST_SUPERVISOR_PW, f, c, e, NULL);

  g_assert_no_error (error);
  return p;
}

/* Waits for a helper; returns its output. */
static char *
wait_helper (GSubprocess *p)
{
  g_autoptr (GError) error = NULL;
  char *out = NULL;

  g_assert_true (g_subprocess_communicate_utf8 (p, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (p) || g_subprocess_get_exit_status (p) != 0)
    g_error ("a window failed: %s", out);
  return out;
}

static void
run_phase (Window *w, guint n, int count, int every)
{
  for (guint i = 0; i < n; i++)
    {
      w[i].proc = spawn_helper (w[i].dir, w[i].first, count, every);
      w[i].first += count;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *out = wait_helper (w[i].proc);

      g_clear_object (&w[i].proc);
    }
}

static CivStore *
open_window (const char *dir)
{
  g_autoptr (GError) error = NULL;
  CivStore *s = civ_store_open (dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);

  g_assert_no_error (error);
  return s;
}

static void
sync_window (CivStore *store)
{
  g_auto (CivReportSyncResult) r = { 0 };
  g_autoptr (GError) error = NULL;
  CivReportSyncOptions options = { .ignore_schedule = TRUE };

  g_assert_true (civ_report_sync (store, &options, &r, &error));
  g_assert_no_error (error);
  g_assert_null (r.numbers_failure);
}

static void
test_three_windows (void)
{
  g_auto (ReportEnv) env = { 0 };
  Window w[3] = { 0 };
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (JsonNode) l = NULL;
  int    year = this_year ();
  gint64 issued = 0;

  report_env_init (&env);
  report_env_start_server (&env, "server", "ca", with_blocks);
  report_env_enroll (&env, "client", TRUE, 3000);
  set_reserve (env.store, "10");
  w[0].dir = g_strdup (env.office_dir);
  for (guint i = 1; i < 3; i++)
    {
      g_autoptr (CivStore) s = report_env_new_window (&env, &w[i].dir);
      g_auto (CivReportNumbersResult) r = { 0 };

      set_reserve (s, "10");
      exchange (s, &r);
      g_assert_true (r.from_blocks);
    }
  {
    g_auto (CivReportNumbersResult) r = { 0 };

    exchange (env.store, &r);
    g_assert_true (r.from_blocks);
  }
  g_clear_object (&env.store);
  for (guint i = 0; i < 3; i++)
    w[i].first = 1000 * (int) i + 1;

  /* Online, each delivering every fourth registration. */
  run_phase (w, 3, 12, 4);
  /* The province unreachable: the windows work from their reserves. */
  report_env_stop_server (&env);
  run_phase (w, 3, 8, 4);
  /* Back, on the same address. */
  report_env_start_server (&env, "server", "ca", with_blocks);
  run_phase (w, 3, 6, 3);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (CivStore) s = open_window (w[i].dir);
      g_autoptr (GError) error = NULL;
      g_autoptr (sqlite3_stmt) stmt = NULL;
      guint  n_blocks = 0;
      gint64 n_returned = 0;

      sync_window (s);
      stmt = civ_db_prepare (civ_store_get_db (s), "SELECT number FROM certificates", &error);
      g_assert_no_error (error);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *number = (const char *) sqlite3_column_text (stmt, 0);

          if (!g_hash_table_add (seen, g_strdup (number)))
            g_error ("%s was issued by two windows", number);
          issued++;
        }
      /* Year end: what is left goes back. */
      g_assert_true (
        civ_numbers_return (s, year, NULL, "year-end", &n_blocks, &n_returned, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n_blocks, >, 0);
      sync_window (s);
      if (i == 2)
        l = ledger (s);
    }
  g_assert_cmpint (issued, ==, 3 * (12 + 8 + 6));
  assert_ledger_sound (l);
  {
    JsonObject *j = ledger_series (l, "J", year);

    g_assert_nonnull (j);
    g_assert_cmpint (json_object_get_int_member (j, "issued"), ==, issued);
    g_assert_cmpint (json_object_get_int_member (j, "held"), ==, 0);
    g_assert_true (json_object_get_boolean_member (j, "closed"));
    g_assert_cmpint (json_object_get_int_member (j, "issued") +
                       json_object_get_int_member (j, "returned") +
                       json_object_get_int_member (j, "voided"),
                     ==, json_object_get_int_member (j, "allocated"));
  }
  for (guint i = 0; i < 3; i++)
    {
      if (i > 0)
        civ_test_rmdir (w[i].dir);
      g_free (w[i].dir);
    }
}

/* kill -9 while registering: every serial drawn from a block is a
 * certificate that committed, in order, with nothing skipped. */
static void
test_kill_9 (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_autoptr (GSubprocess) p = NULL;
  g_autoptr (GDataInputStream) in = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) blocks = NULL;
  g_autoptr (JsonNode) l = NULL;
  g_autofree char *check = NULL;
  g_auto (CivReportNumbersResult) r = { 0 };
  int    seen = 0;
  gint64 drawn = 0;

  report_env_init (&env);
  report_env_start_server (&env, "server", "ca", with_blocks);
  report_env_enroll (&env, "client", TRUE, 3000);
  set_reserve (env.store, "7");
  exchange (env.store, &r);
  g_clear_object (&env.store);

  p = spawn_helper (env.office_dir, 1, 400, 3);
  in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (p));
  while (seen < 20 + g_test_rand_int_range (0, 10))
    {
      g_autofree char *line = g_data_input_stream_read_line (in, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (line);
      if (line[0] == 'F')
        g_error ("%s", line);
      seen += line[0] == 'R';
    }
  g_usleep (g_test_rand_int_range (0, 20000));
  g_subprocess_send_signal (p, SIGKILL);
  g_subprocess_wait (p, NULL, NULL);

  env.store = open_window (env.office_dir);
  {
    g_autoptr (sqlite3_stmt) ic =
      civ_db_prepare (civ_store_get_db (env.store), "PRAGMA integrity_check", &error);

    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_step (ic), ==, SQLITE_ROW);
    check = g_strdup ((const char *) sqlite3_column_text (ic, 0));
    g_assert_cmpstr (check, ==, "ok");
  }
  blocks = civ_number_blocks_list (civ_store_get_db (env.store), &error);
  g_assert_no_error (error);
  drawn = 0;
  for (guint i = 0; i < blocks->len; i++)
    {
      const CivNumberBlock *b = g_ptr_array_index (blocks, i);
      g_autofree char      *sql = NULL;

      if (!g_str_equal (b->prefix, "J"))
        continue;
      /* Drawn means issued: exactly the serials first … next - 1. */
      sql = g_strdup_printf ("SELECT count (*) FROM certificates WHERE prefix = 'J' AND year = %d "
                             "AND serial BETWEEN %" G_GINT64_FORMAT " AND %" G_GINT64_FORMAT,
                             b->year, b->first, b->last);
      g_assert_cmpint (report_count (&env, sql), ==, b->next - b->first);
      g_free (sql);
      sql = g_strdup_printf ("SELECT coalesce (max (serial), %" G_GINT64_FORMAT
                             ") FROM certificates WHERE prefix = 'J' AND year = %d AND serial "
                             "BETWEEN %" G_GINT64_FORMAT " AND %" G_GINT64_FORMAT,
                             b->first - 1, b->year, b->first, b->last);
      g_assert_cmpint (report_count (&env, sql), ==, b->next - 1);
      drawn += b->next - b->first;
    }
  g_assert_cmpint (drawn, >=, seen);
  g_assert_cmpint (report_count (&env, "SELECT count (*) FROM certificates WHERE prefix = 'J'"), ==,
                   drawn);
  sync_window (env.store);
  l = ledger (env.store);
  assert_ledger_sound (l);
  g_assert_cmpint (json_object_get_int_member (ledger_series (l, "J", this_year ()), "issued"), ==,
                   drawn);
}

/* A serial set aside by a supervisor is reported and accounted for; the
 * next registration takes the one after it. */
static void
test_void_and_return (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_auto (CivReportNumbersResult) r = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) l = NULL;
  g_autofree char *voided = NULL, *j = NULL, *expect_void = NULL, *expect_j = NULL;
  int              year = this_year ();
  JsonObject      *s;

  report_env_init (&env);
  report_env_start_server (&env, "server", "ca", with_blocks);
  report_env_enroll (&env, "client", TRUE, 3000);
  exchange (env.store, &r);
  g_free (register_today (&env, 1, NULL));

  g_assert_null (civ_numbers_void_next (env.store, "J", year, "", &error));
  g_assert_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (civ_numbers_void_next (env.store, "X", year, "手写证书作废", &error));
  g_assert_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_INVALID);
  g_clear_error (&error);
  voided = civ_numbers_void_next (env.store, "J", year, "停电时手写的证书已收回", &error);
  g_assert_no_error (error);
  expect_void = number_of ("J", year, 2);
  g_assert_cmpstr (voided, ==, expect_void);
  j = register_today (&env, 2, NULL);
  expect_j = number_of ("J", year, 3);
  g_assert_cmpstr (j, ==, expect_j);

  /* A return needs a reason, and blocks of that year. */
  g_assert_false (civ_numbers_return (env.store, year, NULL, "", NULL, NULL, &error));
  g_assert_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (civ_numbers_return (env.store, 1990, NULL, "year-end", NULL, NULL, &error));
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (civ_numbers_return (env.store, year, "J", "year-end", NULL, NULL, &error));
  g_assert_no_error (error);
  /* Returned serials are never drawn again. */
  {
    g_autoptr (GError) refusal = NULL;
    g_autofree char *none = register_today (&env, 3, &refusal);

    g_assert_null (none);
    g_assert_nonnull (strstr (refusal->message, "R-N1"));
  }
  sync_window (env.store);
  l = ledger (env.store);
  assert_ledger_sound (l);
  s = ledger_series (l, "J", year);
  g_assert_cmpint (json_object_get_int_member (s, "issued"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (s, "voided"), ==, 1);
  g_assert_true (json_object_get_boolean_member (s, "closed"));
  g_assert_cmpint (report_count (&env, "SELECT count (*) FROM audit_log WHERE action IN "
                                       "('numbers.void', 'numbers.return')"),
                   ==, 2);
}

/* The province's answer says what it cannot know yet: a window numbered a
 * registration and has not reported it; the R-M7 finding says so. */
static CivReportMaritalAnswer *
ask_status (CivStore *store, const char *id_key, CivReportMaritalAnswer *answer)
{
  g_autoptr (CivReportProvince) p = civ_report_province_load (store);

  civ_report_province_ask_status (p, NULL, id_key, 5000, NULL, answer);
  civ_report_province_record (p, store);
  g_assert_cmpint (answer->source, ==, CIV_STATUS_SOURCE_ONLINE);
  return answer;
}

static void
test_pending_elsewhere (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_auto (CivReportNumbersResult) ra = { 0 };
  g_auto (CivReportNumbersResult) rb = { 0 };
  g_auto (CivReportNumbersResult) ra2 = { 0 };
  g_auto (CivReportMaritalAnswer) before = { 0 };
  g_auto (CivReportMaritalAnswer) pending = { 0 };
  g_auto (CivReportMaritalAnswer) after = { 0 };
  g_autoptr (CivStore) b = NULL;
  g_autoptr (GPtrArray) findings = NULL;
  g_autoptr (GPtrArray) quiet = NULL;
  g_autofree char              *b_dir = NULL;
  const CivReportMaritalAnswer *answers[2];
  CivMarriageInput              in;
  CivMarriageApplication        app;
  const CivFinding             *f;

  report_env_init (&env);
  report_env_start_server (&env, "server", "ca", with_blocks);
  report_env_enroll (&env, "client", TRUE, 3000);
  b = report_env_new_window (&env, &b_dir);
  exchange (env.store, &ra);
  exchange (b, &rb);
  ask_status (b, "110101196001010011", &before);
  g_assert_cmpint (before.pending_elsewhere, ==, 0);

  /* Window A registers and tells the province how far it drew, but its
   * report has not gone yet. */
  g_free (register_today (&env, 1, NULL));
  {
    g_auto (CivReportNumbersResult) held = { 0 };

    exchange (env.store, &held);
    g_assert_true (held.posted);
  }
  ask_status (b, "110101196001010011", &pending);
  g_assert_cmpint (pending.pending_elsewhere, ==, 1);
  g_assert_cmpuint (pending.windows_pending, ==, 1);

  /* The finding at window B says so, and names the rule. */
  civ_marriage_input_init (&in);
  answers[0] = &pending;
  answers[1] = &pending;
  civ_marriage_online_decide (answers, &in);
  g_assert_cmpint (in.pending_elsewhere, ==, 1);
  civ_marriage_application_init (&app);
  civ_test_date (&app.registration_date, 2026, 12, 1);
  app.status_source = in.status_source;
  app.pending_elsewhere = in.pending_elsewhere;
  findings = civ_marriage_check (&app);
  f = civ_findings_find (findings, "R-M7");
  g_assert_nonnull (f);
  g_assert_cmpint (f->severity, ==, CIV_SEVERITY_WARN);
  g_assert_nonnull (strstr (f->message, "not reported"));

  /* Once A delivers, nothing is pending. */
  sync_window (env.store);
  ask_status (b, "110101196001010011", &after);
  g_assert_cmpint (after.pending_elsewhere, ==, 0);
  app.pending_elsewhere = after.pending_elsewhere;
  quiet = civ_marriage_check (&app);
  g_assert_null (civ_findings_find (quiet, "R-M7"));
  g_clear_object (&b);
  civ_test_rmdir (b_dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/report/numbers/first-blocks", test_first_blocks);
  g_test_add_func ("/report/numbers/offline-then-empty", test_offline_then_empty);
  g_test_add_func ("/report/numbers/not-served", test_not_served);
  g_test_add_func ("/report/numbers/claims", test_claims);
  g_test_add_func ("/report/numbers/void-and-return", test_void_and_return);
  g_test_add_func ("/report/numbers/three-windows", test_three_windows);
  g_test_add_func ("/report/numbers/kill-9", test_kill_9);
  g_test_add_func ("/report/numbers/pending-elsewhere", test_pending_elsewhere);
  return g_test_run ();
}
