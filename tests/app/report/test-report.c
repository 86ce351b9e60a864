// SPDX-License-Identifier: GPL-3.0-or-later
/* test-report.c — delivering reports to the reference provincial server over
 * real TLS on loopback: one test per fault, the security alarms, tampering,
 * the online status check, reference data and civreg-cli */
#include <gcrypt.h>
#include <string.h>

#include "civ-test-utils.h"
#include "civ-app-error.h"
#include "civ-report-alarm-private.h"
#include "civ-report-sign.h"
#include "report-test-utils.h"

#include <json-glib/json-glib.h>

static gboolean
sync_now (ReportEnv *env, gboolean now, CivReportSyncResult *result, GError **error)
{
  CivReportSyncOptions options = { .ignore_schedule = now };

  civ_report_sync_result_clear (result);
  return civ_report_sync (env->store, &options, result, error);
}

/* A sync that must succeed; on failure the assertion shows why. */
static void
sync_ok (ReportEnv *env, gboolean now, CivReportSyncResult *result)
{
  g_autoptr (GError) error = NULL;
  gboolean ok = sync_now (env, now, result, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

static gint64
audit_count (ReportEnv *env, const char *action)
{
  g_autofree char *sql =
    g_strdup_printf ("SELECT count(*) FROM audit_log WHERE action = '%s'", action);
  return report_count (env, sql);
}

static void
test_deliver (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_autoptr (GError) error = NULL;
  g_auto (CivReportSyncResult) r = { 0 };
  g_autoptr (CivReportEnrollment) e = NULL;

  report_env_init (&env);
  report_env_start_server (&env, "server", "ca", NULL);
  report_env_enroll (&env, "client", TRUE, 0);
  report_env_register (&env, 1, 5);

  sync_ok (&env, FALSE, &r);
  g_assert_no_error (error);
  g_assert_cmpuint (r.accepted, ==, 5);
  g_assert_cmpuint (r.duplicates, ==, 0);
  g_assert_cmpint (r.pending, ==, 0);
  g_assert_false (r.tampering);
  report_assert_exactly_once (&env, 0);
  g_assert_cmpint (audit_count (&env, "report.sync"), ==, 1);
  e = civ_report_store_get_enrollment (civ_store_get_db (env.store), &error);
  g_assert_no_error (error);
  g_assert_cmpint (e->acked_seq, >, 0);
  g_assert_nonnull (e->last_delivery_at);

  /* Nothing due: nothing sent. A report is never deleted or rewritten. */
  sync_ok (&env, TRUE, &r);
  g_assert_cmpuint (r.batches, ==, 0);
  g_assert_false (civ_db_exec (civ_store_get_db (env.store), "DELETE FROM outbox", NULL));
  g_assert_false (
    civ_db_exec (civ_store_get_db (env.store), "UPDATE outbox SET state = 'pending'", NULL));
  g_assert_cmpint (report_count (&env, "SELECT count(*) FROM outbox WHERE state = 'delivered'"), ==,
                   5);
}

static void
test_fault_503_retry_after (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_autoptr (GError) error = NULL;
  g_auto (CivReportSyncResult) r = { 0 };
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) soon = g_date_time_add_seconds (now, 119);
  g_autofree char *soon_iso = g_date_time_format (soon, "%Y-%m-%dT%H:%M:%SZ");

  report_env_init (&env);
  report_env_start_server (&env, "server", "ca",
                           (const char *[]){ "--fail-next=1", "--fail-status=503",
                                             "--retry-after=120", NULL });
  report_env_enroll (&env, "client", TRUE, 0);
  report_env_register (&env, 1, 3);

  g_assert_false (sync_now (&env, FALSE, &r, &error));
  g_assert_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_TRANSPORT);
  g_assert_nonnull (strstr (error->message, "503"));
  g_clear_error (&error);
  g_assert_cmpuint (r.retrying, ==, 3);
  rows = civ_outbox_list (civ_store_get_db (env.store), "pending", 0, &error);
  g_assert_cmpuint (rows->len, ==, 3);
  for (guint i = 0; i < rows->len; i++)
    {
      const CivOutboxRow *row = g_ptr_array_index (rows, i);
      g_assert_cmpint (row->attempts, ==, 1);
      /* Retry-After: 120 is honoured, whatever the jitter drew. */
      g_assert_cmpstr (row->next_attempt_at, >=, soon_iso);
    }

  /* Not due yet: a normal sync sends nothing. */
  sync_ok (&env, FALSE, &r);
  g_assert_no_error (error);
  g_assert_cmpuint (r.batches, ==, 0);
  g_assert_cmpint (r.pending, ==, 3);

  /* "Retry now" delivers. */
  sync_ok (&env, TRUE, &r);
  g_assert_no_error (error);
  g_assert_cmpuint (r.accepted, ==, 3);
  report_assert_exactly_once (&env, 0);
}

static void
test_fault_500 (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_autoptr (GError) error = NULL;
  g_auto (CivReportSyncResult) r = { 0 };

  report_env_init (&env);
  report_env_start_server (&env, "server", "ca",
                           (const char *[]){ "--fail-next=2", "--fail-status=500", NULL });
  report_env_enroll (&env, "client", TRUE, 0);
  report_env_register (&env, 1, 4);
  for (int i = 0; i < 2; i++)
    {
      g_assert_false (sync_now (&env, TRUE, &r, &error));
      g_assert_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_TRANSPORT);
      g_clear_error (&error);
      g_assert_cmpint (r.pending, ==, 4);
    }
  g_assert_cmpint (report_count (&env, "SELECT min(attempts) FROM outbox"), ==, 2);
  sync_ok (&env, TRUE, &r);
  g_assert_cmpuint (r.accepted, ==, 4);
  report_assert_exactly_once (&env, 0);
}

static void
test_fault_drop_after_accept (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_autoptr (GError) error = NULL;
  g_auto (CivReportSyncResult) r = { 0 };
  g_auto (ProvinceState) before = { 0 };
  g_autoptr (GPtrArray) rows = NULL;

  report_env_init (&env);
  report_env_start_server (&env, "server", "ca", (const char *[]){ "--drop-next=1", NULL });
  report_env_enroll (&env, "client", TRUE, 0);
  report_env_register (&env, 1, 3);

  g_assert_false (sync_now (&env, TRUE, &r, &error));
  g_assert_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_TRANSPORT);
  g_clear_error (&error);
  /* The province stored them; locally they are still pending. */
  province_state_read (&env, &before);
  g_assert_cmpuint (g_hash_table_size (before.items), ==, 3);
  g_assert_cmpint (r.pending, ==, 3);

  sync_ok (&env, TRUE, &r);
  g_assert_no_error (error);
  g_assert_cmpuint (r.accepted, ==, 0);
  g_assert_cmpuint (r.duplicates, ==, 3);
  report_assert_exactly_once (&env, 0);
  /* Duplicates carry the receipt given the first time. */
  rows = civ_outbox_list (civ_store_get_db (env.store), NULL, 0, &error);
  g_assert_true (g_str_has_prefix (((CivOutboxRow *) rows->pdata[0])->receipt, "P-00000001-"));
}

static void
test_fault_stall_past_timeout (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_autoptr (GError) error = NULL;
  g_auto (CivReportSyncResult) r = { 0 };

  report_env_init (&env);
  report_env_start_server (&env, "server", "ca",
                           (const char *[]){ "--stall-next=1", "--stall-seconds=20", NULL });
  report_env_enroll (&env, "client", TRUE, 1000);
  report_env_register (&env, 1, 2);

  g_assert_false (sync_now (&env, TRUE, &r, &error));
  g_assert_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_TRANSPORT);
  g_assert_nonnull (strstr (error->message, "curl 28"));
  g_clear_error (&error);
  g_assert_cmpint (r.pending, ==, 2);

  sync_ok (&env, TRUE, &r);
  g_assert_no_error (error);
  g_assert_cmpuint (r.duplicates, ==, 2);
  report_assert_exactly_once (&env, 0);
}

static void
test_reject_one_parks_it (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_autoptr (GError) error = NULL;
  g_auto (CivReportSyncResult) r = { 0 };
  g_autoptr (GPtrArray) rows = NULL;
  g_autofree char *reject = NULL;
  guint            n = 0;

  report_env_init (&env);
  report_env_register (&env, 1, 3);
  rows = civ_outbox_list (civ_store_get_db (env.store), NULL, 0, &error);
  reject = g_strconcat ("--reject-key=", ((CivOutboxRow *) rows->pdata[1])->idempotency_key, NULL);
  report_env_start_server (&env, "server", "ca", (const char *[]){ reject, NULL });
  report_env_enroll (&env, "client", TRUE, 0);

  sync_ok (&env, FALSE, &r);
  g_assert_no_error (error);
  g_assert_cmpuint (r.accepted, ==, 2);
  g_assert_cmpuint (r.parked, ==, 1);
  report_assert_exactly_once (&env, 1);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = civ_outbox_list (civ_store_get_db (env.store), "parked", 0, &error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_nonnull (strstr (((CivOutboxRow *) rows->pdata[0])->last_error, "injected rejection"));
  g_assert_cmpint (audit_count (&env, "report.park"), ==, 1);

  /* Parked is not retried by itself … */
  sync_ok (&env, TRUE, &r);
  g_assert_cmpuint (r.batches, ==, 0);
  /* … until a supervisor requeues it. */
  g_assert_true (civ_report_requeue (env.store, 0, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  sync_ok (&env, FALSE, &r);
  g_assert_cmpuint (r.accepted, ==, 1);
  report_assert_exactly_once (&env, 0);
}

static void
test_wrong_ca_alarm (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_autoptr (GError) error = NULL;
  g_auto (CivReportSyncResult) r = { 0 };
  g_auto (ProvinceState) state = { 0 };

  report_env_init (&env);
  report_env_start_server (&env, "other-server", "ca", NULL);
  report_env_enroll (&env, "client", TRUE, 0);
  report_env_register (&env, 1, 2);

  g_assert_false (sync_now (&env, TRUE, &r, &error));
  g_assert_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_SECURITY);
  g_assert_nonnull (strstr (error->message, "curl 60"));
  g_clear_error (&error);
  g_assert_cmpint (audit_count (&env, "report.security-alarm"), ==, 1);
  g_assert_cmpint (report_count (&env, "SELECT count(*) FROM outbox WHERE state = 'pending' AND "
                                       "next_attempt_at IS NULL AND last_error LIKE '%Security%'"),
                   ==, 2);
  province_state_read (&env, &state);
  g_assert_cmpuint (g_hash_table_size (state.items), ==, 0);

  /* The right server: everything arrives once. */
  report_env_stop_server (&env);
  env.port = 0;
  report_env_start_server (&env, "server", "ca", NULL);
  report_env_enroll (&env, "client", TRUE, 0);
  sync_ok (&env, FALSE, &r);
  g_assert_no_error (error);
  report_assert_exactly_once (&env, 0);
}

/* The newest security alarm's detail, parsed (the test reads fields,
 * never the message text). */
static JsonObject *
last_alarm (ReportEnv *env)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (civ_store_get_db (env->store),
                    "SELECT detail FROM audit_log WHERE action = 'report.security-alarm' ORDER BY "
                    "seq DESC LIMIT 1",
                    &error);
  g_autoptr (JsonParser) parser = json_parser_new ();

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  json_parser_load_from_data (parser, (const char *) sqlite3_column_text (stmt, 0), -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* Starts a front end that refuses the client certificate as @mode says
 * (protocol §7), on @env's port. */
static void
start_refusing (ReportEnv *env, const char *mode, gboolean tls12)
{
  g_autofree char *opt = g_strconcat ("--refuse-client-cert=", mode, NULL);

  report_env_start_server (env, "server", "ca",
                           (const char *[]){ opt, tls12 ? "--tls12" : NULL, NULL });
}

/* After a refusal, the province that accepts the certificate again gets
 * everything exactly once. */
static void
recover_and_deliver (ReportEnv *env)
{
  g_auto (CivReportSyncResult) r = { 0 };

  report_env_stop_server (env);
  report_env_start_server (env, "server", "ca", NULL);
  sync_ok (env, TRUE, &r);
  report_assert_exactly_once (env, 0);
  g_assert_cmpint (_civ_report_reset_streak (env->store), ==, 0);
}

typedef struct
{
  const char *mode;
  gboolean    tls12;
  const char *cause;
  int         alert;  /* -1: none expected */
  int         status; /* 0: none expected */
} RefusalCase;

static const RefusalCase refusal_cases[] = {
  { "alert:bad-certificate", FALSE, "client-certificate-alert", 42, 0 },
  { "alert:bad-certificate", TRUE, "client-certificate-alert", 42, 0 },
  { "alert:unsupported-certificate", FALSE, "client-certificate-alert", 43, 0 },
  { "alert:certificate-revoked", FALSE, "client-certificate-alert", 44, 0 },
  { "alert:certificate-revoked", TRUE, "client-certificate-alert", 44, 0 },
  { "alert:certificate-expired", FALSE, "client-certificate-alert", 45, 0 },
  { "alert:certificate-expired", TRUE, "client-certificate-alert", 45, 0 },
  { "alert:certificate-unknown", TRUE, "client-certificate-alert", 46, 0 },
  { "alert:unknown-ca", FALSE, "client-certificate-alert", 48, 0 },
  { "alert:unknown-ca", TRUE, "client-certificate-alert", 48, 0 },
  { "alert:access-denied", FALSE, "client-certificate-alert", 49, 0 },
  { "alert:certificate-required", FALSE, "client-certificate-alert", 116, 0 },
  { "nginx-400", FALSE, "client-certificate-http", -1, 400 },
  { "nginx-400-cert-error", TRUE, "client-certificate-http", -1, 400 },
  { "403", FALSE, "client-certificate-http", -1, 403 },
  { "495", FALSE, "client-certificate-http", -1, 495 },
  { "496", FALSE, "client-certificate-http", -1, 496 },
};

/* Every way a front end refuses the client certificate raises the alarm
 * at the first attempt, names the cause, and holds the reports back. */
static void
test_client_cert_refused (gconstpointer data)
{
  const RefusalCase *c = data;
  g_auto (ReportEnv) env = { 0 };
  g_autoptr (GError) error = NULL;
  g_auto (CivReportSyncResult) r = { 0 };
  g_auto (ProvinceState) state = { 0 };
  g_autoptr (JsonObject) alarm = NULL;

  report_env_init (&env);
  start_refusing (&env, c->mode, c->tls12);
  report_env_enroll (&env, "client", TRUE, 0);
  report_env_register (&env, 1, 2);

  g_assert_false (sync_now (&env, TRUE, &r, &error));
  g_assert_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_SECURITY);
  g_clear_error (&error);
  g_assert_cmpint (audit_count (&env, "report.security-alarm"), ==, 1);
  alarm = last_alarm (&env);
  g_assert_cmpstr (json_object_get_string_member (alarm, "cause"), ==, c->cause);
  g_assert_cmpint (json_object_get_int_member_with_default (alarm, "tls_alert", -1), ==, c->alert);
  g_assert_cmpint (json_object_get_int_member_with_default (alarm, "http_status", 0), ==,
                   c->status);
  /* The alarm says what the workstation's own certificate says. */
  g_assert_true (json_object_has_member (alarm, "certificate"));
  g_assert_cmpint (r.pending, ==, 2);
  g_assert_cmpint (report_count (&env, "SELECT count(*) FROM outbox WHERE state = 'pending' AND "
                                       "next_attempt_at IS NULL AND last_error LIKE '%Security%'"),
                   ==, 2);
  province_state_read (&env, &state);
  g_assert_cmpuint (g_hash_table_size (state.items), ==, 0);

  recover_and_deliver (&env);
}

/* A new connection closed without an alert is a transport error; the
 * CIV_REPORT_RESET_ALARM_AFTER-th in a row raises the "province refuses
 * connections" alarm, once a run, and the reports keep being retried. */
static void
test_connections_closed (gconstpointer data)
{
  gboolean         tls12 = g_str_has_suffix (data, "-tls12");
  g_autofree char *mode = tls12 ? g_strndup (data, strlen (data) - 6) : g_strdup (data);
  g_auto (ReportEnv) env = { 0 };
  g_autoptr (GError) error = NULL;
  g_auto (CivReportSyncResult) r = { 0 };
  g_autoptr (JsonObject) alarm = NULL;

  report_env_init (&env);
  start_refusing (&env, mode, tls12);
  report_env_enroll (&env, "client", TRUE, 0);
  report_env_register (&env, 1, 2);

  for (int i = 1; i < CIV_REPORT_RESET_ALARM_AFTER; i++)
    {
      g_assert_false (sync_now (&env, TRUE, &r, &error));
      g_assert_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_TRANSPORT);
      g_clear_error (&error);
      g_assert_cmpint (_civ_report_reset_streak (env.store), ==, i);
      g_assert_cmpint (audit_count (&env, "report.security-alarm"), ==, 0);
      g_assert_cmpuint (r.retrying, ==, 2);
    }
  g_assert_false (sync_now (&env, TRUE, &r, &error));
  g_assert_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_SECURITY);
  g_clear_error (&error);
  g_assert_cmpint (audit_count (&env, "report.security-alarm"), ==, 1);
  alarm = last_alarm (&env);
  g_assert_cmpstr (json_object_get_string_member (alarm, "cause"), ==, "connections-closed");
  g_assert_true (json_object_has_member (alarm, "certificate"));
  /* Still retried with backoff, not held back. */
  g_assert_cmpuint (r.retrying, ==, 2);
  g_assert_cmpint (report_count (&env, "SELECT count(*) FROM outbox WHERE state = 'pending' AND "
                                       "next_attempt_at > ''"),
                   ==, 2);

  /* The run goes on: the alarm stands, audited once. */
  g_assert_false (sync_now (&env, TRUE, &r, &error));
  g_assert_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_SECURITY);
  g_clear_error (&error);
  g_assert_cmpint (audit_count (&env, "report.security-alarm"), ==, 1);

  /* An answer ends the run. */
  recover_and_deliver (&env);
}

/* A timeout between two closed connections breaks the run. */
static void
test_connections_closed_run_broken (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_autoptr (GError) error = NULL;
  g_auto (CivReportSyncResult) r = { 0 };

  report_env_init (&env);
  start_refusing (&env, "close", FALSE);
  report_env_enroll (&env, "client", TRUE, 1000);
  report_env_register (&env, 1, 1);
  for (int i = 0; i < CIV_REPORT_RESET_ALARM_AFTER - 1; i++)
    {
      g_assert_false (sync_now (&env, TRUE, &r, &error));
      g_clear_error (&error);
    }
  g_assert_cmpint (_civ_report_reset_streak (env.store), ==, CIV_REPORT_RESET_ALARM_AFTER - 1);
  report_env_stop_server (&env);
  report_env_start_server (&env, "server", "ca",
                           (const char *[]){ "--stall-next=1", "--stall-seconds=20", NULL });
  g_assert_false (sync_now (&env, TRUE, &r, &error));
  g_assert_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_TRANSPORT);
  g_clear_error (&error);
  g_assert_cmpint (_civ_report_reset_streak (env.store), ==, 0);
  report_env_stop_server (&env);
  start_refusing (&env, "close", FALSE);
  g_assert_false (sync_now (&env, TRUE, &r, &error));
  g_assert_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_TRANSPORT);
  g_clear_error (&error);
  g_assert_cmpint (audit_count (&env, "report.security-alarm"), ==, 0);
}

/* The online check meets the same refusal: local records only, and the
 * alarm. */
static void
test_client_cert_refused_status_check (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_auto (CivReportMaritalAnswer) answer = { 0 };
  g_autoptr (JsonObject) alarm = NULL;
  g_autofree char *id = civ_test_make_id ("110101", "19900101", 1);

  report_env_init (&env);
  start_refusing (&env, "alert:certificate-revoked", FALSE);
  report_env_enroll (&env, "client", TRUE, 0);
  civ_report_check_marital_status (env.store, id, 0, &answer);
  g_assert_cmpint (answer.source, ==, CIV_STATUS_SOURCE_LOCAL_ONLY);
  g_assert_cmpint (audit_count (&env, "report.security-alarm"), ==, 1);
  alarm = last_alarm (&env);
  g_assert_cmpint (json_object_get_int_member (alarm, "tls_alert"), ==, 44);
}

/* The decision table itself (protocol §6), without a server. */
static void
test_classify (void)
{
  static const struct
  {
    int            curl_code;
    int            alert;
    gboolean       fresh;
    long           status;
    const char    *body;
    const char    *errtext;
    CivReportCause cause;
  } cases[] = {
    { 0, -1, TRUE, 200, "{}", "", CIV_REPORT_CAUSE_NONE },
    { 0, -1, TRUE, 400, "{\"error\":\"malformed\"}", "", CIV_REPORT_CAUSE_NONE },
    { 0, -1, TRUE, 401, "{\"error\":\"unknown workstation\"}", "", CIV_REPORT_CAUSE_NONE },
    { 0, -1, TRUE, 400, "<center>No required SSL certificate was sent</center>", "",
      CIV_REPORT_CAUSE_CERT_HTTP },
    { 0, -1, FALSE, 400, "<title>400 The SSL certificate error</title>", "",
      CIV_REPORT_CAUSE_CERT_HTTP },
    { 0, -1, TRUE, 403, "", "", CIV_REPORT_CAUSE_CERT_HTTP },
    { 0, -1, TRUE, 495, "", "", CIV_REPORT_CAUSE_CERT_HTTP },
    { 0, -1, TRUE, 496, "", "", CIV_REPORT_CAUSE_CERT_HTTP },
    { 0, -1, TRUE, 503, "", "", CIV_REPORT_CAUSE_NONE },
    /* The alert decides, whatever code carries it. */
    { 35, 48, TRUE, 0, NULL, "", CIV_REPORT_CAUSE_CERT_ALERT },
    { 55, 42, TRUE, 0, NULL, "", CIV_REPORT_CAUSE_CERT_ALERT },
    { 56, 44, FALSE, 0, NULL, "", CIV_REPORT_CAUSE_CERT_ALERT },
    { 58, 116, TRUE, 0, NULL, "", CIV_REPORT_CAUSE_CERT_ALERT },
    { 56, 49, TRUE, 0, NULL, "", CIV_REPORT_CAUSE_CERT_ALERT },
    /* An alert only in the error text (a TLS backend without the trace). */
    { 56, -1, TRUE, 0, NULL, "error:0A000418:SSL routines::tlsv1 alert unknown ca",
      CIV_REPORT_CAUSE_CERT_ALERT },
    { 35, -1, TRUE, 0, NULL, "sslv3 alert certificate expired", CIV_REPORT_CAUSE_CERT_ALERT },
    /* Alerts that are not about our certificate. */
    { 35, 40, TRUE, 0, NULL, "sslv3 alert handshake failure", CIV_REPORT_CAUSE_CLOSED },
    { 56, 80, FALSE, 0, NULL, "", CIV_REPORT_CAUSE_TRANSPORT },
    /* Closed without an alert: on a new connection it counts. */
    { 56, -1, TRUE, 0, NULL, "Connection reset by peer", CIV_REPORT_CAUSE_CLOSED },
    { 55, -1, TRUE, 0, NULL, "getpeername() failed with errno 107", CIV_REPORT_CAUSE_CLOSED },
    { 52, -1, TRUE, 0, NULL, "Empty reply from server", CIV_REPORT_CAUSE_CLOSED },
    { 35, -1, TRUE, 0, NULL, "Connection reset by peer", CIV_REPORT_CAUSE_CLOSED },
    { 56, -1, FALSE, 0, NULL, "Connection reset by peer", CIV_REPORT_CAUSE_TRANSPORT },
    /* Everything else. */
    { 7, -1, TRUE, 0, NULL, "Connection refused", CIV_REPORT_CAUSE_TRANSPORT },
    { 28, -1, TRUE, 0, NULL, "Operation timed out", CIV_REPORT_CAUSE_TRANSPORT },
    { 60, -1, TRUE, 0, NULL, "SSL certificate problem", CIV_REPORT_CAUSE_SERVER_CERT },
    { 90, -1, TRUE, 0, NULL, "pin", CIV_REPORT_CAUSE_SERVER_CERT },
    { 58, -1, TRUE, 0, NULL, "unable to use client certificate", CIV_REPORT_CAUSE_LOCAL_CERT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int            alert = cases[i].alert;
      CivReportCause got =
        _civ_report_classify (cases[i].curl_code, &alert, cases[i].fresh, cases[i].status,
                              cases[i].body, cases[i].body ? strlen (cases[i].body) : 0,
                              cases[i].errtext);

      g_test_message ("case %u: curl %d alert %d", i, cases[i].curl_code, cases[i].alert);
      g_assert_cmpint (got, ==, cases[i].cause);
    }
}

/* The alarm says whether the workstation's own certificate is in date. */
static void
test_local_cert_note (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *pem = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (GDateTime) tomorrow = NULL;
  g_autoptr (GDateTime) past = g_date_time_new_utc (2000, 1, 1, 0, 0, 0);
  g_autoptr (GDateTime) future = NULL;
  g_autofree char *valid = NULL, *early = NULL, *expired = NULL, *bad = NULL;

  /* The certificates are made now, valid from this second: "tomorrow" is
   * inside their validity whatever the clock did meanwhile. */
  report_env_init (&env);
  now = g_date_time_new_now_utc ();
  tomorrow = g_date_time_add_days (now, 1);
  future = g_date_time_add_years (now, 50);
  path = report_env_cert (&env, "client.pem");
  g_file_get_contents (path, &pem, NULL, &error);
  g_assert_no_error (error);
  valid = _civ_report_local_cert_note (pem, tomorrow);
  early = _civ_report_local_cert_note (pem, past);
  expired = _civ_report_local_cert_note (pem, future);
  bad = _civ_report_local_cert_note ("not a certificate", now);
  /* Four different statements (the words are translated; their dates
   * are not). */
  g_assert_cmpstr (valid, !=, early);
  g_assert_cmpstr (valid, !=, expired);
  g_assert_cmpstr (early, !=, expired);
  g_assert_cmpstr (bad, !=, valid);
  g_assert_nonnull (strstr (expired, "UTC"));
}

static void
enroll_with_pins (ReportEnv *env, const char *const *pin_files)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *ca = report_env_cert (env, "ca.pem");
  g_autofree char *cert = report_env_cert (env, "client.pem");
  g_autofree char *key = report_env_cert (env, "client.key");
  g_autoptr (GPtrArray) pins = g_ptr_array_new_with_free_func (g_free);
  g_autofree char     *pub = NULL;
  CivReportEnrollInput in = { 0 };

  for (guint i = 0; pin_files[i]; i++)
    {
      g_autofree char *path = report_env_cert (env, pin_files[i]);
      g_autofree char *b64 = NULL;

      g_file_get_contents (path, &b64, NULL, &error);
      g_assert_no_error (error);
      g_ptr_array_add (pins, g_strconcat ("sha256//", g_strstrip (b64), NULL));
    }
  g_ptr_array_add (pins, NULL);
  in.server_url = env->url;
  in.ca_file = ca;
  in.cert_file = cert;
  in.key_file = key;
  in.pins = (const char *const *) pins->pdata;
  pub = civ_report_enroll (env->store, &in, TRUE, &error);
  g_assert_no_error (error);
}

static void
test_pin_mismatch_alarm (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_autoptr (GError) error = NULL;
  g_auto (CivReportSyncResult) r = { 0 };

  report_env_init (&env);
  report_env_start_server (&env, "server", "ca", NULL);
  report_env_enroll (&env, "client", TRUE, 0);
  report_env_register (&env, 1, 2);

  enroll_with_pins (&env, (const char *[]){ "other-server.pin", NULL });
  g_assert_false (sync_now (&env, TRUE, &r, &error));
  g_assert_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_SECURITY);
  g_assert_nonnull (strstr (error->message, "curl 90"));
  g_clear_error (&error);
  g_assert_cmpint (audit_count (&env, "report.security-alarm"), ==, 1);

  /* Current + backup pin: the backup matches. */
  enroll_with_pins (&env, (const char *[]){ "other-server.pin", "server.pin", NULL });
  sync_ok (&env, TRUE, &r);
  g_assert_no_error (error);
  report_assert_exactly_once (&env, 0);
}

static void
test_unknown_workstation_parks (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_autoptr (GError) error = NULL;
  g_auto (CivReportSyncResult) r = { 0 };
  guint n = 0;

  report_env_init (&env);
  report_env_start_server (&env, "server", "ca", NULL);
  report_env_enroll (&env, "client", FALSE, 0);
  report_env_register (&env, 1, 2);

  g_assert_false (sync_now (&env, FALSE, &r, &error));
  g_assert_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "401"));
  g_clear_error (&error);
  g_assert_cmpuint (r.parked, ==, 2);
  report_assert_exactly_once (&env, 2);

  /* The province lists the key; a supervisor requeues. */
  report_env_enroll (&env, "client", TRUE, 0);
  g_assert_true (civ_report_requeue (env.store, 0, &n, &error));
  g_assert_cmpuint (n, ==, 2);
  sync_ok (&env, FALSE, &r);
  g_assert_no_error (error);
  report_assert_exactly_once (&env, 0);
}

/* Recomputes the chain from @from on, as civ-audit.c does: what someone with
 * the data key could do after editing an entry. */
static void
rehash_audit_from (CivDb *db, gint64 from)
{
  g_autoptr (sqlite3_stmt) sel = civ_db_prepare (db,
                                                 "SELECT seq, ts, actor, action, object, detail "
                                                 "FROM audit_log WHERE seq >= ? ORDER BY seq",
                                                 NULL);
  g_autoptr (sqlite3_stmt) prev =
    civ_db_prepare (db, "SELECT hash FROM audit_log WHERE seq = ?", NULL);
  guint8 h[32];

  sqlite3_bind_int64 (prev, 1, from - 1);
  g_assert_cmpint (sqlite3_step (prev), ==, SQLITE_ROW);
  memcpy (h, sqlite3_column_blob (prev, 0), 32);
  sqlite3_bind_int64 (sel, 1, from);
  while (sqlite3_step (sel) == SQLITE_ROW)
    {
      g_autoptr (GByteArray) buf = g_byte_array_new ();
      g_autoptr (sqlite3_stmt) upd = NULL;
      g_autofree char *seq_text =
        g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (sel, 0));
      const char *fields[7] = { "civreg-audit-v1", seq_text };

      for (int i = 1; i <= 5; i++)
        fields[i + 1] = (const char *) sqlite3_column_text (sel, i);
      g_byte_array_append (buf, h, 32);
      for (int i = 0; i < 7; i++)
        {
          guint32 len = (guint32) strlen (fields[i]);
          guint8  be[4] = { len >> 24, (len >> 16) & 0xff, (len >> 8) & 0xff, len & 0xff };
          g_byte_array_append (buf, be, 4);
          g_byte_array_append (buf, (const guint8 *) fields[i], len);
        }
      upd = civ_db_prepare (db, "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?", NULL);
      sqlite3_bind_blob (upd, 1, h, 32, SQLITE_TRANSIENT);
      gcry_md_hash_buffer (GCRY_MD_SHA256, h, buf->data, buf->len);
      sqlite3_bind_blob (upd, 2, h, 32, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (upd, 3, sqlite3_column_int64 (sel, 0));
      g_assert_cmpint (sqlite3_step (upd), ==, SQLITE_DONE);
    }
}

static void
test_tamper_rewrite (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_autoptr (GError) error = NULL;
  g_auto (CivReportSyncResult) r = { 0 };
  g_auto (ProvinceState) state = { 0 };
  CivDb *db;

  report_env_init (&env);
  report_env_start_server (&env, "server", "ca", NULL);
  report_env_enroll (&env, "client", TRUE, 0);
  report_env_register (&env, 1, 2);
  sync_ok (&env, FALSE, &r);
  g_assert_false (r.tampering);

  /* Rewrite history with the key: change entry 3, recompute every later
   * hash, so the local chain verifies again. */
  db = civ_store_get_db (env.store);
  g_assert_true (civ_db_exec (db, "DROP TRIGGER audit_log_no_update", &error));
  g_assert_true (
    civ_db_exec (db, "UPDATE audit_log SET detail = '{\"hidden\":true}' WHERE seq = 3", &error));
  rehash_audit_from (db, 3);
  g_assert_true (civ_audit_verify (db, NULL, NULL, &error));
  g_assert_no_error (error);

  report_env_register (&env, 10, 1);
  sync_ok (&env, FALSE, &r);
  g_assert_no_error (error);
  g_assert_true (r.tampering);
  g_assert_nonnull (strstr (r.tamper_detail, "rewritten"));
  g_assert_cmpuint (r.accepted, ==, 1);
  g_assert_cmpint (audit_count (&env, "report.tampering-reported"), ==, 1);
  province_state_read (&env, &state);
  g_assert_cmpuint (state.tampering, ==, 1);
  report_assert_exactly_once (&env, 0);
}

static void
test_tamper_truncate (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_autoptr (GError) error = NULL;
  g_auto (CivReportSyncResult) r = { 0 };
  g_auto (ProvinceState) state = { 0 };
  CivDb *db;

  report_env_init (&env);
  report_env_start_server (&env, "server", "ca", NULL);
  report_env_enroll (&env, "client", TRUE, 0);
  report_env_register (&env, 1, 3);
  sync_ok (&env, FALSE, &r);
  g_assert_false (r.tampering);

  /* Delete the tail (the registrations and the sync entry). */
  db = civ_store_get_db (env.store);
  g_assert_true (civ_db_exec (db, "DROP TRIGGER audit_log_no_delete", &error));
  g_assert_true (
    civ_db_exec (db, "DELETE FROM audit_log WHERE seq > (SELECT max(seq) - 4 FROM audit_log)",
                 &error));
  report_env_register (&env, 10, 1);

  sync_ok (&env, FALSE, &r);
  g_assert_true (r.tampering);
  province_state_read (&env, &state);
  g_assert_cmpuint (state.tampering, ==, 1);
  g_assert_nonnull (strstr (state.last_tamper, "went back"));
}

static void
copy_file (const char *from, const char *to)
{
  g_autofree char *data = NULL;
  gsize            len = 0;

  g_assert_true (g_file_get_contents (from, &data, &len, NULL));
  g_assert_true (g_file_set_contents (to, data, (gssize) len, NULL));
}

/* Issue 12, rollback: an older copy of the database put back (a backup
 * restored over the office, a disk image) is seen by the province at the
 * next batch, from the audit head alone. */
static void
test_tamper_older_copy (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_autoptr (GError) error = NULL;
  g_auto (CivReportSyncResult) r = { 0 };
  g_auto (CivReportSyncResult) r2 = { 0 };
  g_auto (ProvinceState) state = { 0 };
  g_autofree char *db_path = NULL;
  g_autofree char *old = NULL;
  g_autofree char *wal = NULL;

  report_env_init (&env);
  report_env_start_server (&env, "server", "ca", NULL);
  report_env_enroll (&env, "client", TRUE, 0);
  report_env_register (&env, 1, 1);
  sync_ok (&env, FALSE, &r);
  g_assert_false (r.tampering);

  /* The copy, taken while the office is closed. */
  g_clear_object (&env.store);
  db_path = g_build_filename (env.office_dir, "civreg.db", NULL);
  wal = g_strconcat (db_path, "-wal", NULL);
  old = g_build_filename (env.tmp, "civreg.db.old", NULL);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  copy_file (db_path, old);

  /* Work goes on and reaches the province. */
  env.store = civ_store_open (env.office_dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);
  g_assert_no_error (error);
  report_env_register (&env, 2, 4);
  sync_ok (&env, FALSE, &r2);
  g_assert_false (r2.tampering);
  g_assert_cmpuint (r2.accepted, ==, 4);

  /* The older copy comes back. */
  g_clear_object (&env.store);
  copy_file (old, db_path);
  env.store = civ_store_open (env.office_dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);
  g_assert_no_error (error);
  g_assert_true (civ_audit_verify (civ_store_get_db (env.store), NULL, NULL, &error));
  report_env_register (&env, 10, 1);
  {
    g_auto (CivReportSyncResult) r3 = { 0 };

    sync_ok (&env, FALSE, &r3);
    g_assert_true (r3.tampering);
  }
  province_state_read (&env, &state);
  g_assert_cmpuint (state.tampering, ==, 1);
  g_assert_nonnull (strstr (state.last_tamper, "went back"));
}

static void
test_marital_status (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_autoptr (GError) error = NULL;
  g_auto (CivReportSyncResult) r = { 0 };
  g_autoptr (GPtrArray) rows = NULL;
  g_autofree char *doc = NULL;

  report_env_init (&env);
  {
    /* Not enrolled: local records only. */
    g_auto (CivReportMaritalAnswer) a = { 0 };
    civ_report_check_marital_status (env.store, "110101199003071233", 0, &a);
    g_assert_cmpint (a.source, ==, CIV_STATUS_SOURCE_LOCAL_ONLY);
  }
  report_env_start_server (&env, "server", "ca", NULL);
  report_env_enroll (&env, "client", TRUE, 0);
  report_env_register (&env, 1, 1);
  sync_ok (&env, FALSE, &r);
  rows = civ_outbox_list (civ_store_get_db (env.store), NULL, 0, &error);
  {
    const char *p = strstr (((CivOutboxRow *) rows->pdata[0])->payload, "\"doc_number\":\"");
    g_assert_nonnull (p);
    doc = g_strndup (p + 14, 18);
  }
  {
    g_auto (CivReportMaritalAnswer) a = { 0 };
    civ_report_check_marital_status (env.store, doc, 0, &a);
    g_assert_cmpint (a.source, ==, CIV_STATUS_SOURCE_ONLINE);
    g_assert_true (a.known);
    g_assert_cmpint (a.status, ==, CIV_MARITAL_MARRIED);
    g_assert_cmpstr (a.current_marriage, ==, ((CivOutboxRow *) rows->pdata[0])->record_id);
  }
  {
    g_auto (CivReportMaritalAnswer) a = { 0 };
    civ_report_check_marital_status (env.store, "110101199003071233", 0, &a);
    g_assert_cmpint (a.source, ==, CIV_STATUS_SOURCE_ONLINE);
    g_assert_false (a.known);
    g_assert_cmpint (a.status, ==, CIV_MARITAL_NOT_STATED);
  }
  report_env_stop_server (&env);
  {
    g_auto (CivReportMaritalAnswer) a = { 0 };
    civ_report_check_marital_status (env.store, doc, 1000, &a);
    g_assert_cmpint (a.source, ==, CIV_STATUS_SOURCE_LOCAL_ONLY);
  }
}

static gint64
status_checks (ReportEnv *env)
{
  return civ_test_count (env->store,
                         "SELECT count(*) FROM audit_log WHERE action = 'report.status-check'");
}

/* The live preview's cache: one question (and one audit entry) per person
 * while the answer is fresh, even with the province gone; never a
 * LOCAL_ONLY answer kept; asked again once expired or cleared. */
static void
test_marital_status_cache (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_autoptr (CivReportStatusCache) cache = civ_report_status_cache_new (G_TIME_SPAN_HOUR);
  g_autoptr (CivReportStatusCache) expired = civ_report_status_cache_new (0);
  const char *id = "110101199003071233";

  report_env_init (&env);
  {
    /* Not enrolled: nothing to remember. */
    g_auto (CivReportMaritalAnswer) a = { 0 };
    civ_report_check_marital_status_cached (env.store, cache, id, 0, &a);
    g_assert_cmpint (a.source, ==, CIV_STATUS_SOURCE_LOCAL_ONLY);
  }
  report_env_start_server (&env, "server", "ca", NULL);
  report_env_enroll (&env, "client", TRUE, 0);
  for (int i = 0; i < 3; i++)
    {
      g_auto (CivReportMaritalAnswer) a = { 0 };
      civ_report_check_marital_status_cached (env.store, cache, id, 0, &a);
      g_assert_cmpint (a.source, ==, CIV_STATUS_SOURCE_ONLINE);
      g_assert_false (a.known);
    }
  g_assert_cmpint (status_checks (&env), ==, 1);
  for (int i = 0; i < 2; i++)
    {
      g_auto (CivReportMaritalAnswer) a = { 0 };
      civ_report_check_marital_status_cached (env.store, expired, id, 0, &a);
      g_assert_cmpint (a.source, ==, CIV_STATUS_SOURCE_ONLINE);
    }
  g_assert_cmpint (status_checks (&env), ==, 3);

  report_env_stop_server (&env);
  {
    /* Remembered: answered without the province. */
    g_auto (CivReportMaritalAnswer) a = { 0 };
    civ_report_check_marital_status_cached (env.store, cache, id, 0, &a);
    g_assert_cmpint (a.source, ==, CIV_STATUS_SOURCE_ONLINE);
  }
  civ_report_status_cache_clear (cache);
  {
    g_auto (CivReportMaritalAnswer) a = { 0 };
    civ_report_check_marital_status_cached (env.store, cache, id, 1000, &a);
    g_assert_cmpint (a.source, ==, CIV_STATUS_SOURCE_LOCAL_ONLY);
  }
  g_assert_cmpint (status_checks (&env), ==, 3);
}

static void
copy_fixture (const char *from, const char *dir, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *src = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "fixtures", from, NULL);
  g_autofree char *dst = g_build_filename (dir, name, NULL);
  g_autofree char *data = NULL;
  gsize            len = 0;

  g_mkdir_with_parents (dir, 0700);
  g_file_get_contents (src, &data, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (dst, data, (gssize) len, &error);
  g_assert_no_error (error);
}

static void
test_refdata (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) reports = NULL;
  g_autofree char *ref = NULL;
  g_autofree char *opt = NULL;
  g_autofree char *div = NULL;
  g_autofree char *hol = NULL;

  report_env_init (&env);
  ref = g_build_filename (env.tmp, "refdata", NULL);
  div = g_build_filename (ref, "division-codes", NULL);
  hol = g_build_filename (ref, "holidays", NULL);
  copy_fixture ("divisions-small.csv", div, "result.csv");
  copy_fixture ("holidays/2024-national-day.json", hol, "2024.json");
  opt = g_strconcat ("--refdata=", ref, NULL);
  report_env_start_server (&env, "server", "ca", (const char *[]){ opt, NULL });
  report_env_enroll (&env, "client", TRUE, 0);

  g_assert_true (civ_report_fetch_refdata (env.store, &reports, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (reports->len, ==, 2);
  g_assert_cmpint (report_count (&env, "SELECT count(*) FROM division_codes"), >, 0);
  g_assert_cmpint (report_count (&env, "SELECT count(*) FROM holidays WHERE year = 2024"), >, 0);
}

static void
test_cli (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *pw = NULL;
  g_autofree char *ca = NULL;
  g_autofree char *p12 = NULL;
  g_autofree char *p12pw = NULL;
  g_autofree char *line = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *o;

  report_env_init (&env);
  report_env_start_server (&env, "server", "ca", NULL);
  report_env_register (&env, 1, 3);
  g_clear_object (&env.store);
  pw = g_build_filename (env.tmp, "pw", NULL);
  g_file_set_contents (pw, CIV_TEST_SUPERVISOR_PW "\n", -1, &error);
  ca = report_env_cert (&env, "ca.pem");
  p12 = report_env_cert (&env, "client.p12");
  p12pw = report_env_cert (&env, "client.p12.pw");

  {
    g_auto (CivCliRun) run = { 0 };
    civ_test_run_cli (&run, (const char *[]){ "--data-dir", env.office_dir, "--user", "admin",
                                              "--password-file", pw, "--json", "enroll", "--server",
                                              env.url, "--ca", ca, "--p12", p12,
                                              "--p12-password-file", p12pw, NULL });
    g_assert_cmpstr (run.err, ==, "");
    g_assert_cmpint (run.status, ==, 0);
    json_parser_load_from_data (parser, run.out, -1, &error);
    g_assert_no_error (error);
    o = json_node_get_object (json_parser_get_root (parser));
    line = g_strdup_printf ("%s %s\n", json_object_get_string_member (o, "workstation"),
                            json_object_get_string_member (o, "public_key"));
    g_file_set_contents (env.keys_file, line, -1, &error);
  }
  {
    /* A wrong PKCS #12 password changes nothing. */
    g_auto (CivCliRun) run = { 0 };
    civ_test_run_cli (&run, (const char *[]){ "--data-dir", env.office_dir, "--user", "admin",
                                              "--password-file", pw, "enroll", "--server", env.url,
                                              "--ca", ca, "--p12", p12, "--p12-password-file", pw,
                                              NULL });
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "password"));
  }
  {
    g_auto (CivCliRun) run = { 0 };
    civ_test_run_cli (&run, (const char *[]){ "--data-dir", env.office_dir, "--user", "admin",
                                              "--password-file", pw, "--json", "outbox", "list",
                                              "--state", "pending", NULL });
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "\"state\":\"pending\""));
  }
  {
    g_auto (CivCliRun) run = { 0 };
    civ_test_run_cli (&run, (const char *[]){ "--data-dir", env.office_dir, "--user", "admin",
                                              "--password-file", pw, "--json", "sync", NULL });
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "\"accepted\":3"));
    g_assert_nonnull (strstr (run.out, "\"pending\":0"));
  }
  {
    g_auto (CivCliRun) run = { 0 };
    civ_test_run_cli (&run, (const char *[]){ "--data-dir", env.office_dir, "--user", "admin",
                                              "--password-file", pw, "outbox", "retry", NULL });
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_autoptr (CivStore) store =
      civ_store_open (env.office_dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);
    g_assert_no_error (error);
    env.store = g_steal_pointer (&store);
    report_assert_exactly_once (&env, 0);
  }
}

static void
test_enroll_rejects_bad_input (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char     *ca = NULL, *cert = NULL, *key = NULL, *other_key = NULL, *pub = NULL;
  CivReportEnrollInput in = { 0 };

  report_env_init (&env);
  ca = report_env_cert (&env, "ca.pem");
  cert = report_env_cert (&env, "client.pem");
  key = report_env_cert (&env, "client.key");
  other_key = report_env_cert (&env, "other-client.key");
  in.ca_file = ca;
  in.cert_file = cert;
  in.key_file = key;

  in.server_url = "http://127.0.0.1:1";
  g_assert_null (civ_report_enroll (env.store, &in, FALSE, &error));
  g_assert_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_INVALID);
  g_clear_error (&error);

  in.server_url = "https://127.0.0.1:1";
  in.key_file = other_key;
  g_assert_null (civ_report_enroll (env.store, &in, FALSE, &error));
  g_assert_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_INVALID);
  g_clear_error (&error);

  in.key_file = key;
  in.pins = (const char *[]){ "sha256//short", NULL };
  g_assert_null (civ_report_enroll (env.store, &in, FALSE, &error));
  g_assert_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (report_count (&env, "SELECT count(*) FROM report_enrollment"), ==, 0);

  /* Not enrolled: sync says so. */
  {
    g_auto (CivReportSyncResult) r = { 0 };
    g_assert_false (civ_report_sync (env.store, NULL, &r, &error));
    g_assert_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_NOT_ENROLLED);
    g_clear_error (&error);
  }

  in.pins = NULL;
  pub = civ_report_enroll (env.store, &in, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report_count (&env, "SELECT count(*) FROM audit_log WHERE action = "
                                       "'report.enroll'"),
                   ==, 1);
  /* A registrar may not enroll. */
  {
    g_autoptr (CivStore) reg = NULL;
    g_assert_true (
      civ_store_add_operator (env.store, "li", "李四", CIV_ROLE_REGISTRAR, "Registrar-pw", &error));
    reg = civ_store_open (env.office_dir, "li", "Registrar-pw", &error);
    g_assert_no_error (error);
    g_assert_null (civ_report_enroll (reg, &in, FALSE, &error));
    g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  }
}

static void
test_signature (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) secret = NULL;
  g_autofree char *pub = NULL;
  g_autofree char *sig = NULL;
  const char       msg[] = "{\"items\":[]}";

  g_assert_true (civ_report_keygen (&secret, &pub, &error));
  sig = civ_report_sign (secret, msg, strlen (msg), &error);
  g_assert_no_error (error);
  g_assert_true (civ_report_verify (pub, msg, strlen (msg), sig));
  g_assert_false (civ_report_verify (pub, msg, strlen (msg) - 1, sig));

  /* A full batch is hundreds of kilobytes. */
  {
    gsize            len = 1024 * 1024;
    g_autofree char *big = g_malloc0 (len);
    g_autofree char *big_sig = civ_report_sign (secret, big, len, &error);

    g_assert_no_error (error);
    g_assert_true (civ_report_verify (pub, big, len, big_sig));
    big[len / 2] = 1;
    g_assert_false (civ_report_verify (pub, big, len, big_sig));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/report/signature", test_signature);
  g_test_add_func ("/report/enroll-rejects-bad-input", test_enroll_rejects_bad_input);
  g_test_add_func ("/report/deliver", test_deliver);
  g_test_add_func ("/report/fault/503-retry-after", test_fault_503_retry_after);
  g_test_add_func ("/report/fault/500", test_fault_500);
  g_test_add_func ("/report/fault/drop-after-accept", test_fault_drop_after_accept);
  g_test_add_func ("/report/fault/stall-past-timeout", test_fault_stall_past_timeout);
  g_test_add_func ("/report/fault/reject-one", test_reject_one_parks_it);
  g_test_add_func ("/report/fault/unknown-workstation", test_unknown_workstation_parks);
  g_test_add_func ("/report/security/wrong-ca", test_wrong_ca_alarm);
  g_test_add_func ("/report/security/classify", test_classify);
  g_test_add_func ("/report/security/local-cert-note", test_local_cert_note);
  for (guint i = 0; i < G_N_ELEMENTS (refusal_cases); i++)
    {
      g_autofree char *path =
        g_strdup_printf ("/report/security/client-cert-refused/%s%s", refusal_cases[i].mode,
                         refusal_cases[i].tls12 ? "/tls12" : "");
      g_test_add_data_func (path, &refusal_cases[i], test_client_cert_refused);
    }
  g_test_add_data_func ("/report/security/connections-closed/close", "close",
                        test_connections_closed);
  g_test_add_data_func ("/report/security/connections-closed/reset", "reset",
                        test_connections_closed);
  g_test_add_data_func ("/report/security/connections-closed/reset-tls12", "reset-tls12",
                        test_connections_closed);
  g_test_add_func ("/report/security/connections-closed/run-broken",
                   test_connections_closed_run_broken);
  g_test_add_func ("/report/security/client-cert-refused-status-check",
                   test_client_cert_refused_status_check);
  g_test_add_func ("/report/security/pin-mismatch", test_pin_mismatch_alarm);
  g_test_add_func ("/report/tamper/rewrite", test_tamper_rewrite);
  g_test_add_func ("/report/tamper/truncate", test_tamper_truncate);
  g_test_add_func ("/report/tamper/older-copy", test_tamper_older_copy);
  g_test_add_func ("/report/marital-status", test_marital_status);
  g_test_add_func ("/report/marital-status-cache", test_marital_status_cache);
  g_test_add_func ("/report/refdata", test_refdata);
  g_test_add_func ("/report/cli", test_cli);
  return g_test_run ();
}
