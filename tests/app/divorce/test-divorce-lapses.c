// SPDX-License-Identifier: GPL-3.0-or-later
/* test-divorce-lapses.c — the daily R-D6 lapse run and the due list
 * through the session, and who they apply to */
#include "civ-app-error.h"
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

static GPtrArray *
open_list (CivSession *session, const GDate *today, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  civ_divorce_open_async (session, NULL, today, NULL, civ_test_keep_result, &result);
  return civ_divorce_open_finish (session, civ_test_await (&result), error);
}

static CivDivorceOpen *
item (GPtrArray *list, guint i)
{
  return g_ptr_array_index (list, i);
}

static void
assert_date (const GDate *date, int y, int m, int d)
{
  GDate expected;

  civ_test_date (&expected, y, m, d);
  g_assert_cmpint (g_date_compare (date, &expected), ==, 0);
}

/* The open applications of the office as the divorce page lists them:
 * names and certificate numbers, the phase and its deadline, soonest
 * first; what is due today or lapsing soon is urgent; what lapsed is gone. */
static void
test_open_list (void)
{
  static const char *const first[] = { "王强", "赵敏" };
  static const char *const second[] = { "周杰", "吴芳" };
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *j1 = NULL;
  g_autofree char *j2 = NULL;
  CivSession      *session;
  g_autoptr (GPtrArray) list = NULL;
  GDate today;

  {
    CivStore *store = civ_test_new_office (&dir, NULL);
    g_autoptr (CivCalendar) cal = civ_test_calendar_2024 ();
    char *id[4];
    g_autoptr (CivDivorceResult) a = NULL;
    g_autoptr (CivDivorceResult) b = NULL;

    for (int i = 0; i < 4; i++)
      id[i] = civ_test_make_id ("110101", i % 2 ? "19920202" : "19900101", 21 + i);
    j1 = civ_test_register_couple (store, first, id[0], id[1], 2020);
    j2 = civ_test_register_couple (store, second, id[2], id[3], 2021);
    civ_test_date (&today, 2024, 9, 20);
    b = civ_divorce_accept (store, j2, &today, &complete, cal, &error);
    g_assert_no_error (error);
    civ_test_date (&today, 2024, 9, 2);
    a = civ_divorce_accept (store, j1, &today, &complete, cal, &error);
    g_assert_no_error (error);
    for (int i = 0; i < 4; i++)
      g_free (id[i]);
    session = civ_test_session_new (store);
  }

  /* Before anything was accepted: nothing open. */
  civ_test_date (&today, 2024, 9, 1);
  list = open_list (session, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Day 30 of the first cooling-off (no holidays stored): due today, first. */
  civ_test_date (&today, 2024, 10, 2);
  list = open_list (session, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (item (list, 0)->names[0], ==, "王强");
  g_assert_cmpstr (item (list, 0)->names[1], ==, "赵敏");
  g_assert_cmpstr (item (list, 0)->marriage_certificate_no, ==, j1);
  g_assert_cmpstr (civ_divorce_open_key (item (list, 0)), ==, j1);
  g_assert_cmpint (item (list, 0)->phase, ==, CIV_DIVORCE_PHASE_COOLING);
  assert_date (&item (list, 0)->deadline, 2024, 10, 2);
  g_assert_cmpint (item (list, 0)->days_left, ==, 0);
  g_assert_true (civ_divorce_open_is_urgent (item (list, 0)));
  g_assert_cmpstr (item (list, 1)->marriage_certificate_no, ==, j2);
  g_assert_cmpint (item (list, 1)->phase, ==, CIV_DIVORCE_PHASE_COOLING);
  /* Day 30 is Sunday 2024-10-20: the period ends on the Monday (R-D5). */
  assert_date (&item (list, 1)->deadline, 2024, 10, 21);
  g_assert_cmpint (item (list, 1)->days_left, ==, 19);
  g_assert_false (civ_divorce_open_is_urgent (item (list, 1)));
  g_assert_cmpstr (civ_divorce_phase_label (item (list, 1)->phase), ==, "Cooling-off period");
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Both in their issuance windows; the first closes within a week. */
  civ_test_date (&today, 2024, 10, 28);
  list = open_list (session, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (item (list, 0)->phase, ==, CIV_DIVORCE_PHASE_WINDOW);
  assert_date (&item (list, 0)->deadline, 2024, 11, 1);
  g_assert_cmpint (item (list, 0)->days_left, ==, 4);
  g_assert_true (civ_divorce_open_is_urgent (item (list, 0)));
  g_assert_cmpstr (civ_divorce_phase_label (item (list, 0)->phase), ==, "Awaiting issuance");
  assert_date (&item (list, 1)->deadline, 2024, 11, 20);
  g_assert_false (civ_divorce_open_is_urgent (item (list, 1)));
  g_clear_pointer (&list, g_ptr_array_unref);

  /* R-D6: the first lapsed (applied by the listing itself); one is left. */
  civ_test_date (&today, 2024, 11, 5);
  list = open_list (session, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (item (list, 0)->marriage_certificate_no, ==, j2);
  g_assert_cmpint (civ_test_session_count (session,
                                           "SELECT count(*) FROM divorces WHERE state = 'LAPSED'"),
                   ==, 1);

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
    civ_test_add_operator (store, "checker", "李审计", CIV_ROLE_AUDITOR, "Checker-password");
  }
  session = civ_test_session_new (civ_store_open (dir, "checker", "Checker-password", &error));
  g_assert_no_error (error);
  g_assert_false (civ_divorce_lapses_apply_to (session));
  civ_test_date (&today, 2025, 3, 1);
  g_assert_cmpuint (apply (session, &today, &error), ==, 0);
  g_assert_no_error (error);
  /* Nor the open applications: an auditor does not work the counter. */
  g_assert_null (open_list (session, &today, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);

  civ_test_session_close (session);
  civ_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/divorce-lapses/lapse-and-due", test_lapse_and_due);
  g_test_add_func ("/divorce-lapses/open-list", test_open_list);
  g_test_add_func ("/divorce-lapses/not-for-auditor", test_not_for_auditor);
  return g_test_run ();
}
