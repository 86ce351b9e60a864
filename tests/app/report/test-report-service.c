// SPDX-License-Identifier: GPL-3.0-or-later
/* test-report-service.c — the reports page's listing, the header bar's
 * summary, "Retry Now" and a refused enrollment, through the session */
#include "civ-app-error.h"
#include "civ-db-error.h"
#include "civ-report-service.h"
#include "civ-session.h"
#include "civ-test-utils.h"

static void
test_listing_summary_requeue (void)
{
  static const char *const names[] = { "王强", "赵敏" };
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  CivSession      *session;
  g_autoptr (CivReportListing) listing = NULL;
  g_autoptr (CivReportSummary) summary = NULL;
  g_autoptr (GAsyncResult) listed = NULL;
  g_autoptr (GAsyncResult) summed = NULL;
  g_autoptr (GAsyncResult) requeued = NULL;
  g_autoptr (GAsyncResult) enrolled = NULL;
  guint n = 99;

  {
    CivStore        *store = civ_test_new_office (&dir, NULL);
    g_autofree char *his = civ_test_make_id ("110101", "19900101", 1);
    g_autofree char *hers = civ_test_make_id ("110101", "19920202", 2);
    g_autofree char *j = civ_test_register_couple (store, names, his, hers, 2024);

    session = civ_test_session_new (store);
  }

  civ_report_listing_async (session, NULL, NULL, civ_test_keep_result, &listed);
  listing = civ_report_listing_finish (session, civ_test_await (&listed), &error);
  g_assert_no_error (error);
  g_assert_false (listing->enrolled);
  g_assert_null (listing->server_url);
  g_assert_nonnull (listing->workstation_id);
  g_assert_cmpint (listing->pending, ==, 1);
  g_assert_cmpint (listing->parked, ==, 0);
  g_assert_cmpuint (listing->rows->len, ==, 1);
  g_assert_cmpstr (((CivOutboxRow *) g_ptr_array_index (listing->rows, 0))->state, ==, "pending");
  g_assert_cmpstr (((CivOutboxRow *) g_ptr_array_index (listing->rows, 0))->kind, ==, "marriage");

  civ_report_summary_async (session, NULL, NULL, civ_test_keep_result, &summed);
  summary = civ_report_summary_finish (session, civ_test_await (&summed), &error);
  g_assert_no_error (error);
  g_assert_false (summary->enrolled);
  g_assert_cmpint (summary->pending, ==, 1);
  g_assert_cmpint (summary->parked, ==, 0);
  g_assert_null (summary->last_delivery_at);

  /* Nothing is parked: a pending report is not requeued. */
  civ_report_requeue_async (session, NULL, 1, NULL, civ_test_keep_result, &requeued);
  g_assert_false (civ_report_requeue_finish (session, civ_test_await (&requeued), &n, &error));
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_NOT_FOUND);
  g_assert_cmpuint (n, ==, 99);
  g_clear_error (&error);

  /* A CA file that does not exist: refused, nothing stored. */
  {
    CivReportEnrollInput in = {
      .server_url = "https://127.0.0.1:1",
      .ca_file = "/nonexistent/ca.pem",
      .cert_file = "/nonexistent/cert.pem",
      .key_file = "/nonexistent/key.pem",
    };
    g_autofree char *line = NULL;

    civ_report_enroll_async (session, NULL, &in, FALSE, NULL, civ_test_keep_result, &enrolled);
    line = civ_report_enroll_finish (session, civ_test_await (&enrolled), &error);
    g_assert_null (line);
    g_assert_nonnull (error);
  }

  civ_test_session_close (session);
  civ_test_rmdir (dir);
}

static void
test_registrar_may_not_list (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  CivSession      *session;
  g_autoptr (CivReportListing) listing = NULL;
  g_autoptr (GAsyncResult) listed = NULL;

  session = civ_test_clerk_session_new (&dir);
  civ_report_listing_async (session, NULL, NULL, civ_test_keep_result, &listed);
  listing = civ_report_listing_finish (session, civ_test_await (&listed), &error);
  g_assert_null (listing);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);

  civ_test_session_close (session);
  civ_test_rmdir (dir);
}

/* People know a report by its certificate number and the couple's names,
 * not by the record's UUID; a payload that names no certificate, or that
 * does not parse, has no reference (the page shows the record id). */
static void
test_row_reference (void)
{
  CivOutboxRow     marriage = { .record_id = (char *) "0388ccfa-6904",
                                .payload = (char *) "{\"certificate_no\":\"J110101-2024-000001\","
                                                        "\"parties\":[{\"name\":\"王强\"},{\"name\":"
                                                        "\"赵敏\"}]}" };
  CivOutboxRow     divorce = { .payload = (char *) "{\"certificate_no\":\"L110101-2024-000002\"}" };
  CivOutboxRow     none = { .payload = (char *) "{\"state\":\"REFUSED\"}" };
  CivOutboxRow     broken = { .payload = (char *) "{\"certificate_no\":" };
  CivOutboxRow     odd = { .payload = (char *) "{\"certificate_no\":\"J1\",\"parties\":[1,{}]}" };
  g_autofree char *m = civ_report_row_reference (&marriage);
  g_autofree char *d = civ_report_row_reference (&divorce);
  g_autofree char *o = civ_report_row_reference (&odd);

  g_assert_cmpstr (m, ==, "J110101-2024-000001 · 王强、赵敏");
  g_assert_cmpstr (d, ==, "L110101-2024-000002");
  g_assert_null (civ_report_row_reference (&none));
  g_assert_null (civ_report_row_reference (&broken));
  g_assert_cmpstr (o, ==, "J1");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/report-service/listing-summary-requeue", test_listing_summary_requeue);
  g_test_add_func ("/report-service/registrar-may-not-list", test_registrar_may_not_list);
  g_test_add_func ("/report-service/row-reference", test_row_reference);
  return g_test_run ();
}
