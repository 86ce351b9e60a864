// SPDX-License-Identifier: GPL-3.0-or-later
/* test-divorce-service.c — divorce through cooling-off to issuance with a fake
 * clock: the worked example of domain.md §2.2 (R-D1…R-D7) */
#include <string.h>

#include "civ-app-error.h"
#include "civ-divorce-service.h"
#include "civ-idnumber.h"
#include "civ-marriage-service.h"
#include "civ-test-utils.h"

/* Registers a couple on 2024-01-10 and returns the J number. */
static char *
married_couple (CivStore *store, int n)
{
  static const char *const names[] = { "王强", "赵敏" };
  g_autofree char         *his = civ_test_make_id ("110101", "19900101", 2 * n + 1);
  g_autofree char         *hers = civ_test_make_id ("110101", "19920202", 2 * n + 2);

  return civ_test_register_couple (store, names, his, hers, 2024);
}

static const CivDivorceApplication complete = {
  .both_present = TRUE,
  .agreement_signed = TRUE,
  .agreement_ref = "协议-2024-001",
  .both_capable = TRUE,
  .certificates_presented = TRUE,
};

static char *
iso (const GDate *date)
{
  return civ_date_format_iso (date);
}

static void
test_worked_example_to_issuance (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  g_autoptr (CivCalendar) cal = civ_test_calendar_2024 ();
  g_autofree char *j = married_couple (store, 1);
  g_autoptr (CivDivorceResult) acc = NULL;
  g_autoptr (CivDivorceResult) issued = NULL;
  GDate  today;
  gint64 n = 0;

  civ_test_date (&today, 2024, 9, 2); /* Monday: T0 */
  acc = civ_divorce_accept (store, j, &today, &complete, cal, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (acc->state, ==, "COOLING");
  {
    g_autofree char *c = iso (&acc->deadlines.cooling_off_end);
    g_autofree char *ws = iso (&acc->deadlines.window_start);
    g_autofree char *we = iso (&acc->deadlines.window_end);
    g_autofree char *lf = iso (&acc->deadlines.lapsed_from);
    /* Day 30 = 10-02 falls in the holiday → ends on the first working day, 10-08. */
    g_assert_cmpstr (c, ==, "2024-10-08");
    g_assert_cmpstr (ws, ==, "2024-10-09");
    g_assert_cmpstr (we, ==, "2024-11-07");
    g_assert_cmpstr (lf, ==, "2024-11-08");
    g_assert_false (acc->deadlines.provisional);
  }

  /* Still cooling on 10-08: no certificate yet. */
  civ_test_date (&today, 2024, 10, 8);
  g_assert_null (civ_divorce_issue (store, acc->record_id, &today, TRUE, TRUE, cal, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_REFUSED);
  g_assert_cmpstr (civ_app_error_get_rule (error), ==, "R-D5");
  g_clear_error (&error);

  /* 10-09: withdrawal is no longer possible, issuance is. */
  civ_test_date (&today, 2024, 10, 9);
  g_assert_false (civ_divorce_withdraw (store, acc->record_id, 0, &today, cal, &error));
  g_assert_cmpstr (civ_app_error_get_rule (error), ==, "R-D5");
  g_clear_error (&error);
  g_assert_null (civ_divorce_issue (store, acc->record_id, &today, FALSE, TRUE, cal, &error));
  g_assert_cmpstr (civ_app_error_get_rule (error), ==, "R-D6");
  g_clear_error (&error);

  issued = civ_divorce_issue (store, acc->record_id, &today, TRUE, TRUE, cal, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (issued->state, ==, "REGISTERED");
  g_assert_cmpstr (issued->certificate_no, ==, "L110101-2024-000001");

  /* Both parties are divorced (40); the marriage has a second version. */
  g_assert_true (civ_db_query_int64 (civ_store_get_db (store),
                                     "SELECT count(*) FROM persons WHERE marital_status = 40 "
                                     "AND current_marriage IS NULL",
                                     &n, NULL));
  g_assert_cmpint (n, ==, 2);
  g_assert_true (civ_db_query_int64 (civ_store_get_db (store),
                                     "SELECT count(*) FROM marriages WHERE state = 'DISSOLVED_REG' "
                                     "AND version = 2 AND superseded_by IS NULL",
                                     &n, NULL));
  g_assert_cmpint (n, ==, 1);
  g_assert_true (civ_db_query_int64 (civ_store_get_db (store),
                                     "SELECT count(*) FROM marriages WHERE state = 'REGISTERED' "
                                     "AND superseded_by IS NOT NULL",
                                     &n, NULL));
  g_assert_cmpint (n, ==, 1);
  g_assert_true (civ_db_query_int64 (civ_store_get_db (store),
                                     "SELECT count(*) FROM outbox WHERE kind = 'divorce'", &n,
                                     NULL));
  g_assert_cmpint (n, ==, 1);

  /* The marriage cannot be divorced twice. */
  g_assert_null (civ_divorce_accept (store, j, &today, &complete, cal, &error));
  g_assert_cmpstr (civ_app_error_get_rule (error), ==, "R-D3");
  civ_test_rmdir (dir);
}

static void
test_lapse_and_withdraw (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  g_autoptr (CivCalendar) cal = civ_test_calendar_2024 ();
  g_autofree char *j1 = married_couple (store, 1);
  g_autofree char *j2 = married_couple (store, 2);
  g_autoptr (CivDivorceResult) a1 = NULL;
  g_autoptr (CivDivorceResult) a2 = NULL;
  g_autoptr (CivDivorceResult) after = NULL;
  GDate today;

  civ_test_date (&today, 2024, 9, 2);
  a1 = civ_divorce_accept (store, j1, &today, &complete, cal, &error);
  g_assert_no_error (error);
  a2 = civ_divorce_accept (store, j2, &today, &complete, cal, &error);
  g_assert_no_error (error);

  /* A second application for the same marriage is refused while one is open. */
  g_assert_null (civ_divorce_accept (store, j1, &today, &complete, cal, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_REFUSED);
  g_clear_error (&error);

  /* Either spouse alone may withdraw during cooling-off. */
  civ_test_date (&today, 2024, 9, 20);
  g_assert_true (civ_divorce_withdraw (store, a2->record_id, 1, &today, cal, &error));
  g_assert_no_error (error);

  /* Window day 30 is 11-07: nothing lapses then; from 11-08 it does. */
  civ_test_date (&today, 2024, 11, 7);
  g_assert_cmpuint (civ_divorce_apply_lapses (store, &today, cal, &error), ==, 0);
  g_assert_no_error (error);
  civ_test_date (&today, 2024, 11, 8);
  g_assert_cmpuint (civ_divorce_apply_lapses (store, &today, cal, &error), ==, 1);
  g_assert_no_error (error);
  after = civ_divorce_get (store, a1->record_id, cal, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after->state, ==, "LAPSED");
  g_assert_null (civ_divorce_issue (store, a1->record_id, &today, TRUE, TRUE, cal, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  {
    gint64 n = 0;
    g_assert_true (
      civ_db_query_int64 (civ_store_get_db (store),
                          "SELECT count(*) FROM audit_log WHERE action = 'divorce.lapse'", &n,
                          NULL));
    g_assert_cmpint (n, ==, 1);
    g_assert_true (civ_db_query_int64 (civ_store_get_db (store),
                                       "SELECT count(*) FROM persons WHERE marital_status = 40", &n,
                                       NULL));
    g_assert_cmpint (n, ==, 0);
  }
  civ_test_rmdir (dir);
}

static void
test_not_accepted_and_provisional (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  g_autoptr (CivCalendar) cal = civ_test_calendar_2024 ();
  g_autofree char *j = married_couple (store, 1);
  g_autoptr (CivDivorceResult) refused = NULL;
  g_autoptr (CivDivorceResult) late = NULL;
  CivDivorceApplication no_agreement = complete;
  GDate                 today;

  no_agreement.agreement_signed = FALSE;
  civ_test_date (&today, 2024, 9, 2);
  refused = civ_divorce_accept (store, j, &today, &no_agreement, cal, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (refused->state, ==, "NOT_ACCEPTED");
  g_assert_true (civ_findings_has (refused->findings, "R-D3", CIV_SEVERITY_REFUSE));

  /* Accepted in December 2024: the deadlines fall in 2025, which the
   * fixture calendar does not cover — they are provisional. */
  civ_test_date (&today, 2024, 12, 20);
  late = civ_divorce_accept (store, j, &today, &complete, cal, &error);
  g_assert_no_error (error);
  g_assert_true (late->deadlines.provisional);

  /* Unknown marriage. */
  g_assert_null (civ_divorce_accept (store, "J110101-2024-999999", &today, &complete, cal, &error));
  g_assert_cmpstr (civ_app_error_get_rule (error), ==, "R-D3");
  civ_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/registry/divorce/worked-example-to-issuance", test_worked_example_to_issuance);
  g_test_add_func ("/registry/divorce/lapse-and-withdraw", test_lapse_and_withdraw);
  g_test_add_func ("/registry/divorce/not-accepted-and-provisional",
                   test_not_accepted_and_provisional);
  return g_test_run ();
}
