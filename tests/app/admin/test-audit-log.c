// SPDX-License-Identifier: GPL-3.0-or-later
/* test-audit-log.c — the audit log in batches, newest first, its chain
 * check, and the overview's counts, through the session */
#include "civ-app-error.h"
#include "civ-audit-log.h"
#include "civ-session.h"
#include "civ-test-utils.h"

static CivAuditBatch *
list (CivSession *session, gint64 before, guint limit, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  civ_audit_log_list_async (session, NULL, before, limit, NULL, civ_test_keep_result, &result);
  return civ_audit_log_list_finish (session, civ_test_await (&result), error);
}

static void
test_batches_verify_counts (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  CivSession      *session;
  g_autoptr (CivAuditBatch) first = NULL;
  g_autoptr (CivAuditBatch) rest = NULL;
  g_autoptr (CivAuditVerdict) verdict = NULL;
  g_autoptr (GAsyncResult) verified = NULL;
  g_autoptr (GAsyncResult) counted = NULL;
  CivOfficeCounts counts = { 0 };
  gint64          total;

  {
    CivStore *store = civ_test_new_office (&dir, NULL);

    civ_test_add_operator (store, "clerk", "王登记", CIV_ROLE_REGISTRAR, "Clerk-password");
    civ_test_add_operator (store, "checker", "李审计", CIV_ROLE_AUDITOR, "Checker-password");
    total = civ_test_count (store, "SELECT count(*) FROM audit_log");
    session = civ_test_session_new (store);
  }
  g_assert_cmpint (total, >=, 3);

  first = list (session, 0, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->records->len, ==, 2);
  g_assert_true (first->has_more);
  {
    CivAuditRecord *newest = g_ptr_array_index (first->records, 0);
    CivAuditRecord *next = g_ptr_array_index (first->records, 1);

    g_assert_cmpint (newest->seq, ==, total);
    g_assert_cmpint (next->seq, ==, total - 1);
    g_assert_nonnull (newest->time);
    g_assert_cmpstr (newest->action, ==, "operator.add");
  }
  rest =
    list (session, ((CivAuditRecord *) g_ptr_array_index (first->records, 1))->seq, 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rest->records->len, ==, total - 2);
  g_assert_false (rest->has_more);

  civ_audit_log_verify_async (session, NULL, NULL, civ_test_keep_result, &verified);
  verdict = civ_audit_log_verify_finish (session, civ_test_await (&verified), &error);
  g_assert_no_error (error);
  g_assert_true (verdict->intact);
  g_assert_cmpint (verdict->n_checked, ==, total);
  g_assert_null (verdict->reason);

  civ_office_counts_async (session, NULL, NULL, civ_test_keep_result, &counted);
  g_assert_true (civ_office_counts_finish (session, civ_test_await (&counted), &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpint (counts.n_users, ==, 3);
  g_assert_cmpint (counts.n_audit, ==, total);

  civ_test_session_close (session);
  civ_test_rmdir (dir);
}

static void
test_registrar_may_not (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  CivSession      *session;
  g_autoptr (CivAuditVerdict) verdict = NULL;
  g_autoptr (GAsyncResult) verified = NULL;

  session = civ_test_clerk_session_new (&dir);
  g_assert_null (list (session, 0, 10, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  g_clear_error (&error);
  civ_audit_log_verify_async (session, NULL, NULL, civ_test_keep_result, &verified);
  verdict = civ_audit_log_verify_finish (session, civ_test_await (&verified), &error);
  g_assert_null (verdict);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);

  civ_test_session_close (session);
  civ_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/audit-log/batches-verify-counts", test_batches_verify_counts);
  g_test_add_func ("/audit-log/registrar-may-not", test_registrar_may_not);
  return g_test_run ();
}
