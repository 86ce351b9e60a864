// SPDX-License-Identifier: GPL-3.0-or-later
/* test-record-tasks.c — a record read on the session's worker, and the
 * record actions queued there with their refusals (R-B1, R-B3) */
#include <glib.h>

#include "civ-app-error.h"
#include "civ-record-tasks.h"
#include "civ-test-utils.h"

/* A registered couple in an office of their own, behind a session. */
typedef CivTestCouple Fixture;

static CivMarriageRecord *
load (Fixture *f, const char *key, GError **error)
{
  GAsyncResult *pending = NULL;
  g_autoptr (GAsyncResult) result = NULL;

  civ_record_load_async (f->session, NULL, key, NULL, civ_test_keep_result, &pending);
  result = civ_test_wait_result (&pending);
  return civ_record_load_finish (f->session, result, error);
}

static gboolean
request (Fixture *f, CivRecordRequest *request, char **number, GError **error)
{
  GAsyncResult *pending = NULL;
  g_autoptr (GAsyncResult) result = NULL;

  civ_record_request_async (f->session, NULL, request, NULL, civ_test_keep_result, &pending);
  result = civ_test_wait_result (&pending);
  return civ_record_request_finish (f->session, result, number, error);
}

static void
test_load (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivMarriageRecord) record = load (f, f->j, &error);
  g_autoptr (CivMarriageRecord) by_id = NULL;
  g_autoptr (CivMarriageRecord) none = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (record);
  g_assert_cmpuint (record->versions->len, ==, 1);
  g_assert_cmpstr (civ_marriage_record_current (record)->certificate_no, ==, f->j);
  by_id = load (f, record->record_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (by_id->record_id, ==, record->record_id);

  /* Not in this office: no record, and no error. */
  none = load (f, "J110101-2020-999999", &error);
  g_assert_no_error (error);
  g_assert_null (none);
}

static void
test_reissue (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char  *number = NULL;
  CivRecordRequest *r;

  /* R-B3: no divorce certificate for a marriage still registered. */
  r = civ_record_request_new (CIV_RECORD_ACTION_REISSUE, f->j);
  r->kind = CIV_REISSUE_DIVORCE;
  r->reason = g_strdup ("遗失");
  civ_test_date (&r->date, 2024, 3, 1);
  g_assert_false (request (f, r, &number, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_REFUSED);
  g_assert_cmpstr (civ_app_error_get_rule (error), ==, "R-B3");
  g_assert_null (number);
  g_clear_error (&error);

  /* R-B1: a BJ under its own number, in the year of the counter's date. */
  r = civ_record_request_new (CIV_RECORD_ACTION_REISSUE, f->j);
  r->kind = CIV_REISSUE_MARRIAGE;
  r->reason = g_strdup ("遗失");
  civ_test_date (&r->date, 2024, 3, 1);
  g_assert_true (request (f, r, &number, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (number, "BJ110101-2024-"));
}

static void
test_correction_needs_supervisor (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivMarriageRecord) record = NULL;
  CivRecordRequest *r = civ_record_request_new (CIV_RECORD_ACTION_CORRECTION, f->j);

  r->kind = CIV_CORRECT_REMARKS;
  r->text = g_strdup ("更正备注");
  r->reason = g_strdup ("录入错误");
  r->approver = g_strdup (CIV_TEST_SUPERVISOR);
  r->password = g_strdup ("wrong-password");
  /* The supervisor may not approve their own correction, and a wrong
   * password opens nothing: either way nothing is written. */
  g_assert_false (request (f, r, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  record = load (f, f->j, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (record->versions->len, ==, 1);
}

static void
test_unknown_action (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (request (f, civ_record_request_new ((CivRecordAction) 99, f->j), NULL, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/record-tasks/load", Fixture, NULL, civ_test_couple_set_up, test_load,
              civ_test_couple_tear_down);
  g_test_add ("/record-tasks/reissue", Fixture, NULL, civ_test_couple_set_up, test_reissue,
              civ_test_couple_tear_down);
  g_test_add ("/record-tasks/correction-needs-supervisor", Fixture, NULL, civ_test_couple_set_up,
              test_correction_needs_supervisor, civ_test_couple_tear_down);
  g_test_add ("/record-tasks/unknown-action", Fixture, NULL, civ_test_couple_set_up,
              test_unknown_action, civ_test_couple_tear_down);
  return g_test_run ();
}
