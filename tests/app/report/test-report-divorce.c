// SPDX-License-Identifier: GPL-3.0-or-later
/* test-report-divorce.c — a divorce application accepted at one window of
 * the office and issued or withdrawn at another (issue 17, R-D6,
 * docs/provincial-protocol.md §10), against the real reference server over
 * mutual TLS: the take with the marriage imported and its provenance, the
 * first window learning after its next delivery that the application is
 * held elsewhere (its own steps then refused with R-D6) or closed elsewhere
 * (the marriage dissolved there too), taking back, the province's R-D6
 * rejection of an offline issuance at the window that no longer holds it,
 * and refusals that change nothing.
 */
#include <glib/gstdio.h>

#include "civ-app-error.h"
#include "civ-calendar.h"
#include "civ-divorce-service.h"
#include "civ-report.h"
#include "civ-test-utils.h"
#include "report-test-utils.h"

static char *
workstation_of (CivStore *store)
{
  return civ_db_get_setting (civ_store_get_db (store), "workstation_id");
}

static void
sync_window (CivStore *store, CivReportSyncResult *r)
{
  g_autoptr (GError) error = NULL;
  CivReportSyncOptions options = { .ignore_schedule = TRUE };

  g_assert_true (civ_report_sync (store, &options, r, &error));
  g_assert_no_error (error);
  g_assert_null (r->divorces_failure);
}

/* The province, the env's window enrolled and a second window of the office. */
static CivStore *
two_windows (ReportEnv *env, char **w2_dir)
{
  report_env_init (env);
  report_env_start_server (env, "server", "ca", NULL);
  report_env_enroll (env, "client", TRUE, 3000);
  return report_env_new_window (env, w2_dir);
}

static char *
take (CivStore *store, const char *key, GError **error)
{
  g_autofree char *taken = NULL;
  GDate            today;

  civ_date_today (&today);
  if (!civ_report_divorce_take (store, key, &today, &taken, error))
    return NULL;
  return g_steal_pointer (&taken);
}

static char *
text_of (CivStore *store, const char *sql)
{
  g_autoptr (sqlite3_stmt) stmt = civ_db_prepare (civ_store_get_db (store), sql, NULL);

  g_assert_nonnull (stmt);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return civ_db_column_dup (stmt, 0);
}

static CivDivorceResult *
issue (CivStore *store, const char *record_id, GError **error)
{
  g_autoptr (CivCalendar) calendar = civ_calendar_new ();
  GDate today;

  civ_date_today (&today);
  return civ_divorce_issue (store, record_id, &today, TRUE, TRUE, calendar, error);
}

/* Accepted at window 1, taken by window 2 by the marriage certificate
 * number, issued there; window 1 learns it at its next delivery. */
static void
test_take_and_issue (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_auto (CivReportSyncResult) s1 = { 0 };
  g_auto (CivReportSyncResult) s2 = { 0 };
  g_auto (CivReportSyncResult) s3 = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) w2 = NULL;
  g_autoptr (CivDivorceResult) issued = NULL;
  g_autoptr (CivDivorceResult) refused = NULL;
  g_autofree char *w2_dir = NULL, *certificate = NULL, *app = NULL, *taken = NULL;
  g_autofree char *ws1 = NULL, *ws2 = NULL, *origin = NULL, *holder = NULL, *l_here = NULL;
  g_autofree char *again = NULL, *sql = NULL;
  GDate            today;

  w2 = two_windows (&env, &w2_dir);
  ws1 = workstation_of (env.store);
  ws2 = workstation_of (w2);

  /* Accepted 35 days ago: the cooling-off period is over, the issuance
   * window open. The acceptance is reported (version 1). */
  app = report_env_divorce_application (&env, 1, 35, &certificate);
  g_assert_cmpint (report_count (&env, "SELECT count(*) FROM outbox WHERE kind = "
                                       "'divorce-application' AND version = 1"),
                   ==, 1);
  sync_window (env.store, &s1);
  g_assert_cmpuint (s1.accepted, ==, 2);

  /* Window 2 has never seen the couple. */
  g_assert_cmpint (civ_test_count (w2, "SELECT count(*) FROM marriages"), ==, 0);
  taken = take (w2, certificate, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (taken, ==, app);
  /* The marriage came with it, with its provenance, and the spouses are
   * married in window 2's person index. */
  sql = g_strdup_printf ("SELECT count(*) FROM marriages WHERE certificate_no = '%s' AND state = "
                         "'REGISTERED'",
                         certificate);
  g_assert_cmpint (civ_test_count (w2, sql), ==, 1);
  origin = text_of (w2, "SELECT origin FROM remote_records WHERE record_kind = 'marriage'");
  g_assert_cmpstr (origin, ==, ws1);
  g_assert_cmpint (civ_test_count (w2, "SELECT count(*) FROM persons WHERE marital_status = 20"),
                   ==, 2);
  g_assert_cmpint (civ_test_count (w2, "SELECT count(*) FROM divorces WHERE state = 'COOLING' "
                                       "AND held_by IS NULL AND accepted_on IS NOT NULL"),
                   ==, 1);
  g_assert_cmpint (civ_test_count (w2, "SELECT count(*) FROM audit_log WHERE action = "
                                       "'divorce.take'"),
                   ==, 1);
  /* Taking it again changes nothing. */
  g_free (taken);
  taken = take (w2, app, &error);
  g_assert_no_error (error);
  g_assert_cmpint (civ_test_count (w2, "SELECT count(*) FROM audit_log WHERE action = "
                                       "'divorce.take'"),
                   ==, 1);

  /* Window 1 learns it at its next delivery: its own steps are refused. */
  sync_window (env.store, &s2);
  g_assert_cmpuint (s2.divorces_changed, ==, 1);
  holder = text_of (env.store, "SELECT held_by FROM divorces");
  g_assert_cmpstr (holder, ==, ws2);
  refused = issue (env.store, app, &error);
  g_assert_null (refused);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "R-D6"));
  g_assert_nonnull (strstr (error->message, ws2));
  g_clear_error (&error);
  g_assert_cmpint (report_count (&env, "SELECT count(*) FROM outbox WHERE kind = 'divorce'"), ==,
                   0);

  /* Issued at window 2, with its own L number, and reported. */
  issued = issue (w2, app, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (issued->state, ==, "REGISTERED");
  g_assert_true (g_str_has_prefix (issued->certificate_no, "L110101-"));
  {
    g_auto (CivReportSyncResult) r = { 0 };

    sync_window (w2, &r);
    g_assert_cmpuint (r.accepted, ==, 1);
    g_assert_cmpuint (r.parked, ==, 0);
  }

  /* Window 1 again: closed elsewhere, the marriage dissolved here too. */
  sync_window (env.store, &s3);
  g_assert_cmpuint (s3.divorces_changed, ==, 1);
  l_here = text_of (env.store, "SELECT certificate_no FROM divorces WHERE state = 'REGISTERED'");
  g_assert_cmpstr (l_here, ==, issued->certificate_no);
  g_assert_cmpint (civ_test_count (env.store, "SELECT count(*) FROM marriages WHERE superseded_by "
                                              "IS NULL AND state = 'DISSOLVED_REG'"),
                   ==, 1);
  g_assert_cmpint (civ_test_count (env.store,
                                   "SELECT count(*) FROM persons WHERE marital_status = 40"),
                   ==, 2);
  g_assert_cmpint (civ_test_count (env.store, "SELECT count(*) FROM audit_log WHERE action = "
                                              "'divorce.closed-elsewhere'"),
                   ==, 1);
  /* Nothing was reported for it by window 1: window 2 did. */
  g_assert_cmpint (report_count (&env, "SELECT count(*) FROM outbox WHERE kind = 'divorce'"), ==,
                   0);

  /* Nothing is left to take: the refusal says what became of it. */
  again = take (w2, app, &error);
  g_assert_null (again);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "R-D6"));
  g_assert_nonnull (strstr (error->message, issued->certificate_no));
  civ_date_today (&today);
}

/* Taken by window 2 by a spouse's identity number, taken back by window 1
 * by the application number, withdrawn there during the cooling-off
 * period; window 2 learns it. */
static void
test_take_back_and_withdraw (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_auto (CivReportSyncResult) s1 = { 0 };
  g_auto (CivReportSyncResult) s2 = { 0 };
  g_auto (CivReportSyncResult) s3 = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) w2 = NULL;
  g_autoptr (CivCalendar) calendar = civ_calendar_new ();
  g_autofree char *w2_dir = NULL, *certificate = NULL, *app = NULL, *taken = NULL;
  g_autofree char *back = NULL, *id_number = NULL, *state2 = NULL;
  GDate            today;

  w2 = two_windows (&env, &w2_dir);
  app = report_env_divorce_application (&env, 2, 5, &certificate);
  sync_window (env.store, &s1);

  id_number = text_of (env.store, "SELECT doc_number FROM marriage_parties WHERE position = 1");
  taken = take (w2, id_number, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (taken, ==, app);

  back = take (env.store, app, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back, ==, app);
  g_assert_cmpint (civ_test_count (env.store, "SELECT count(*) FROM divorces WHERE held_by IS "
                                              "NULL AND state = 'COOLING'"),
                   ==, 1);
  /* No second marriage at window 1: it had it. */
  g_assert_cmpint (civ_test_count (env.store, "SELECT count(*) FROM marriages"), ==, 1);

  civ_date_today (&today);
  g_assert_true (civ_divorce_withdraw (env.store, app, 0, &today, calendar, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report_count (&env, "SELECT count(*) FROM outbox WHERE kind = "
                                       "'divorce-application' AND version = 2"),
                   ==, 1);
  sync_window (env.store, &s2);
  g_assert_cmpuint (s2.accepted, ==, 1);
  g_assert_cmpuint (s2.parked, ==, 0);

  /* Window 2 learns it. */
  sync_window (w2, &s3);
  g_assert_cmpuint (s3.divorces_changed, ==, 1);
  state2 = text_of (w2, "SELECT state FROM divorces");
  g_assert_cmpstr (state2, ==, "WITHDRAWN");
  /* A withdrawal dissolves nothing. */
  g_assert_cmpint (civ_test_count (w2, "SELECT count(*) FROM marriages WHERE superseded_by IS "
                                       "NULL AND state = 'REGISTERED'"),
                   ==, 1);
}

/* Window 1 issues offline an application window 2 has taken meanwhile:
 * the province rejects the report (R-D6) and it is parked, never silent. */
static void
test_offline_issue_rejected (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_auto (CivReportSyncResult) s1 = { 0 };
  g_auto (CivReportSyncResult) s2 = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) w2 = NULL;
  g_autoptr (CivDivorceResult) issued = NULL;
  g_autofree char *w2_dir = NULL, *certificate = NULL, *app = NULL, *taken = NULL;
  g_autofree char *reason = NULL;

  w2 = two_windows (&env, &w2_dir);
  app = report_env_divorce_application (&env, 3, 40, &certificate);
  sync_window (env.store, &s1);
  taken = take (w2, certificate, &error);
  g_assert_no_error (error);

  /* Window 1 does not know yet (no delivery since). */
  issued = issue (env.store, app, &error);
  g_assert_no_error (error);
  sync_window (env.store, &s2);
  g_assert_cmpuint (s2.parked, ==, 1);
  reason = text_of (env.store, "SELECT last_error FROM outbox WHERE state = 'parked'");
  g_assert_nonnull (reason);
  g_assert_nonnull (strstr (reason, "R-D6"));
}

/* Refusals change nothing: a bad key, an unknown one, the province away,
 * a workstation that is not enrolled. */
static void
test_refusals (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_auto (CivReportSyncResult) s1 = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) w2 = NULL;
  g_autoptr (CivStore) alone = NULL;
  g_autofree char *w2_dir = NULL, *alone_dir = NULL, *certificate = NULL, *app = NULL;
  g_autofree char *none = NULL;
  g_autofree char *long_key = g_strnfill (65, '1');

  w2 = two_windows (&env, &w2_dir);
  app = report_env_divorce_application (&env, 4, 35, &certificate);
  sync_window (env.store, &s1);

  g_assert_null (take (w2, "  ", &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (take (w2, long_key, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_clear_error (&error);
  none = take (w2, "J110101-1999-000001", &error);
  g_assert_null (none);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "J110101-1999-000001"));
  g_clear_error (&error);

  report_env_stop_server (&env);
  g_assert_null (take (w2, certificate, &error));
  g_assert_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_TRANSPORT);
  g_clear_error (&error);

  alone = civ_test_new_office (&alone_dir, NULL);
  g_assert_null (take (alone, certificate, &error));
  g_assert_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_NOT_ENROLLED);
  g_clear_error (&error);

  /* Nothing changed at window 2. */
  g_assert_cmpint (civ_test_count (w2, "SELECT count(*) FROM marriages"), ==, 0);
  g_assert_cmpint (civ_test_count (w2, "SELECT count(*) FROM divorces"), ==, 0);
  g_assert_cmpint (civ_test_count (w2, "SELECT count(*) FROM persons"), ==, 0);
  civ_test_rmdir (alone_dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/report/divorce/take-and-issue", test_take_and_issue);
  g_test_add_func ("/report/divorce/take-back-and-withdraw", test_take_back_and_withdraw);
  g_test_add_func ("/report/divorce/offline-issue-rejected", test_offline_issue_rejected);
  g_test_add_func ("/report/divorce/refusals", test_refusals);
  return g_test_run ();
}
