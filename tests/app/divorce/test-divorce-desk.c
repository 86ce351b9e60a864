// SPDX-License-Identifier: GPL-3.0-or-later
/* test-divorce-desk.c — the divorce counter's steps on the session's
 * worker: find, accept (R-D1), withdraw (R-D5), and the lapse applied
 * before anything is shown (R-D6) */
#include <glib.h>

#include "civ-app-error.h"
#include "civ-divorce-desk.h"
#include "civ-states.h"
#include "civ-test-utils.h"

/* A registered couple in an office of their own, behind a session. */
typedef CivTestCouple Fixture;

static CivDivorceOutcome *
step (Fixture *f, CivDivorceRequest *request, GError **error)
{
  GAsyncResult *pending = NULL;
  g_autoptr (GAsyncResult) result = NULL;

  civ_divorce_step_async (f->session, NULL, request, NULL, civ_test_keep_result, &pending);
  result = civ_test_wait_result (&pending);
  return civ_divorce_step_finish (f->session, result, error);
}

static CivDivorceRequest *
request_on (Fixture *f, CivDivorceStepKind kind, const char *key, int y, int m, int d)
{
  GDate today;

  civ_test_date (&today, y, m, d);
  return civ_divorce_request_new (kind, key, &today);
}

static void
complete (CivDivorceRequest *r)
{
  r->application.both_present = TRUE;
  r->application.agreement_signed = TRUE;
  r->agreement_ref = g_strdup ("协议-2024-001");
  r->application.both_capable = TRUE;
  r->application.certificates_presented = TRUE;
}

static void
test_find_accept_withdraw (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivDivorceOutcome) none = NULL;
  g_autoptr (CivDivorceOutcome) found = NULL;
  g_autoptr (CivDivorceOutcome) accepted = NULL;
  g_autoptr (CivDivorceOutcome) withdrawn = NULL;
  CivDivorceRequest *r;

  /* No such marriage: found nothing, no error. */
  none = step (f, request_on (f, CIV_DIVORCE_STEP_FIND, "J110101-2020-999999", 2024, 9, 2), &error);
  g_assert_no_error (error);
  g_assert_null (none->marriage);
  g_assert_null (none->view);

  found = step (f, request_on (f, CIV_DIVORCE_STEP_FIND, f->j, 2024, 9, 2), &error);
  g_assert_no_error (error);
  g_assert_nonnull (found->marriage);
  g_assert_null (found->view);

  /* R-D1: an incomplete application is not accepted, with its reasons. */
  r = request_on (f, CIV_DIVORCE_STEP_ACCEPT, f->j, 2024, 9, 2);
  complete (r);
  r->application.agreement_signed = FALSE;
  g_clear_pointer (&accepted, civ_divorce_outcome_free);
  accepted = step (f, r, &error);
  g_assert_no_error (error);
  g_assert_nonnull (accepted->view);
  g_assert_cmpint (civ_divorce_state_from_db (accepted->view->divorce->state), ==,
                   CIV_DIVORCE_STATE_NOT_ACCEPTED);
  g_clear_pointer (&accepted, civ_divorce_outcome_free);

  r = request_on (f, CIV_DIVORCE_STEP_ACCEPT, f->j, 2024, 9, 2);
  complete (r);
  accepted = step (f, r, &error);
  g_assert_no_error (error);
  g_assert_cmpint (civ_divorce_state_from_db (accepted->view->divorce->state), ==,
                   CIV_DIVORCE_STATE_COOLING);

  /* R-D5: either spouse withdraws in person during the cooling-off period. */
  r = request_on (f, CIV_DIVORCE_STEP_WITHDRAW, f->j, 2024, 9, 10);
  r->record_id = g_strdup (accepted->view->divorce->record_id);
  r->party = 1;
  withdrawn = step (f, r, &error);
  g_assert_no_error (error);
  g_assert_cmpint (civ_divorce_state_from_db (withdrawn->view->divorce->state), ==,
                   CIV_DIVORCE_STATE_WITHDRAWN);
}

static void
test_lapse_first (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivDivorceOutcome) accepted = NULL;
  g_autoptr (CivDivorceOutcome) later = NULL;
  g_autoptr (CivDivorceOutcome) issued = NULL;
  CivDivorceRequest *r = request_on (f, CIV_DIVORCE_STEP_ACCEPT, f->j, 2024, 1, 2);

  complete (r);
  accepted = step (f, r, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (accepted->lapsed, ==, 0);

  /* R-D6: a year later the issuance window has long passed; the lapse is
   * applied before the step, so the issue finds nothing to issue. */
  r = request_on (f, CIV_DIVORCE_STEP_ISSUE, f->j, 2025, 1, 2);
  r->record_id = g_strdup (accepted->view->divorce->record_id);
  r->both_present = TRUE;
  r->consent = TRUE;
  issued = step (f, r, &error);
  g_assert_null (issued);
  g_assert_nonnull (error);
  g_clear_error (&error);

  later = step (f, request_on (f, CIV_DIVORCE_STEP_FIND, f->j, 2025, 1, 2), &error);
  g_assert_no_error (error);
  g_assert_cmpint (civ_divorce_state_from_db (later->view->divorce->state), ==,
                   CIV_DIVORCE_STATE_LAPSED);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/divorce-desk/find-accept-withdraw", Fixture, NULL, civ_test_couple_set_up,
              test_find_accept_withdraw, civ_test_couple_tear_down);
  g_test_add ("/divorce-desk/lapse-first", Fixture, NULL, civ_test_couple_set_up, test_lapse_first,
              civ_test_couple_tear_down);
  return g_test_run ();
}
