// SPDX-License-Identifier: GPL-3.0-or-later
/* test-divorce-lapses.c — the daily R-D6 lapse run and the due list
 * through the session, and who they apply to */
#include "civ-divorce-lapses.h"
#include "civ-divorce-service.h"
#include "civ-session.h"
#include "civ-test-utils.h"

static const CivDivorceApplication complete = {
  .both_present = TRUE,
  .agreement_signed = TRUE,
  .agreement_ref = "协议-2024-001",
  .both_capable = TRUE,
  .certificates_presented = TRUE,
};

static guint
apply (CivSession *session, const GDate *today, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  guint n = 99;

  civ_divorce_lapses_apply_async (session, NULL, today, NULL, civ_test_keep_result, &result);
  if (!civ_divorce_lapses_apply_finish (session, civ_test_await (&result), &n, error))
    return G_MAXUINT;
  return n;
}

static GPtrArray *
due (CivSession *session, const GDate *today, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  civ_divorce_due_async (session, NULL, today, NULL, civ_test_keep_result, &result);
  return civ_divorce_due_finish (session, civ_test_await (&result), error);
}

static void
test_lapse_and_due (void)
{
  static const char *const names[] = { "王强", "赵敏" };
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  CivSession      *session;
  g_autoptr (GPtrArray) list = NULL;
  GDate today;

  {
    CivStore *store = civ_test_new_office (&dir, NULL);
    g_autoptr (CivCalendar) cal = civ_test_calendar_2024 ();
    g_autofree char *his = civ_test_make_id ("110101", "19900101", 1);
    g_autofree char *hers = civ_test_make_id ("110101", "19920202", 2);
    g_autofree char *j = civ_test_register_couple (store, names, his, hers, 2024);
    g_autoptr (CivDivorceResult) accepted = NULL;

    civ_test_date (&today, 2024, 9, 2);
    accepted = civ_divorce_accept (store, j, &today, &complete, cal, &error);
    g_assert_no_error (error);
    session = civ_test_session_new (store);
  }
  g_assert_true (civ_divorce_lapses_apply_to (session));

  /* Cooling-off: nothing lapses, nothing due on an ordinary day. */
  civ_test_date (&today, 2024, 9, 20);
  g_assert_cmpuint (apply (session, &today, &error), ==, 0);
  g_assert_no_error (error);
  list = due (session, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Day 30 of cooling-off (no holidays stored): the last day to withdraw. */
  civ_test_date (&today, 2024, 10, 2);
  list = due (session, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (((CivDivorceDue *) g_ptr_array_index (list, 0))->kind, ==,
                   CIV_DIVORCE_DUE_COOLING_OFF_ENDS);

  /* R-D6: long after the issuance window, the application lapses, once. */
  civ_test_date (&today, 2025, 3, 1);
  g_assert_cmpuint (apply (session, &today, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpuint (apply (session, &today, &error), ==, 0);
  g_assert_no_error (error);

  civ_test_session_close (session);
  civ_test_rmdir (dir);
}

static void
test_not_for_auditor (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  CivSession      *session;
  GDate            today;

  {
    g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
    civ_test_add_operator (store, "checker", "李审计", CIV_ROLE_AUDITOR, "checker-password");
  }
  session = civ_test_session_new (civ_store_open (dir, "checker", "checker-password", &error));
  g_assert_no_error (error);
  g_assert_false (civ_divorce_lapses_apply_to (session));
  civ_test_date (&today, 2025, 3, 1);
  g_assert_cmpuint (apply (session, &today, &error), ==, 0);
  g_assert_no_error (error);

  civ_test_session_close (session);
  civ_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/divorce-lapses/lapse-and-due", test_lapse_and_due);
  g_test_add_func ("/divorce-lapses/not-for-auditor", test_not_for_auditor);
  return g_test_run ();
}
