// SPDX-License-Identifier: GPL-3.0-or-later
/* test-marriage-desk.c — the counter's check and decision on the session's
 * worker: the findings (R-M2), registering only when the checks allow it,
 * refusing with the reasons stored, and the province asked off the worker
 * (R-M3 / R-M7: without a province, only local records were checked) */
#include <glib.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-marriage-desk.h"
#include "civ-test-utils.h"

typedef struct
{
  char            *dir;
  CivSession      *session;
  CivMarriageDesk *desk;
  char            *id[2];
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->session = civ_test_session_new (civ_test_new_office (&f->dir, NULL));
  f->desk = civ_marriage_desk_new (G_TIME_SPAN_MINUTE);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  civ_marriage_desk_unref (f->desk);
  civ_test_session_close (f->session);
  civ_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->id[0]);
  g_free (f->id[1]);
}

/* A couple at the counter on 2026-11-23 (the strings live in @f). */
static void
couple (Fixture *f, CivMarriageInput *in, const char *his_birth, const char *her_birth)
{
  civ_marriage_input_init (in);
  g_date_set_dmy (&in->registration_date, 23, G_DATE_NOVEMBER, 2026);
  in->office_designated = TRUE;
  in->household_jurisdiction = TRUE;
  g_free (f->id[0]);
  g_free (f->id[1]);
  f->id[0] = civ_test_make_id ("110101", his_birth, 1);
  f->id[1] = civ_test_make_id ("110102", her_birth, 2);
  civ_test_marriage_parties_ready (in);
  in->party[0].name = "张伟";
  in->party[0].doc_number = f->id[0];
  in->party[1].name = "李娜";
  in->party[1].doc_number = f->id[1];
}

static GPtrArray *
check (Fixture *f, const CivMarriageInput *in, GError **error)
{
  GAsyncResult *pending = NULL;
  g_autoptr (GAsyncResult) result = NULL;

  civ_marriage_check_async (f->session, f->desk, NULL, in, NULL, civ_test_keep_result, &pending);
  result = civ_test_wait_result (&pending);
  return civ_marriage_check_finish (f->session, result, error);
}

static CivMarriageResult *
decide (Fixture *f, const CivMarriageInput *in, CivMarriageDecision decision, GError **error)
{
  GAsyncResult *pending = NULL;
  g_autoptr (GAsyncResult) result = NULL;

  civ_marriage_decide_async (f->session, f->desk, NULL, in, NULL, decision, NULL,
                             civ_test_keep_result, &pending);
  result = civ_test_wait_result (&pending);
  return civ_marriage_decide_finish (f->session, result, error);
}

static void
test_register (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) findings = NULL;
  g_autoptr (CivMarriageResult) refused = NULL;
  g_autoptr (CivMarriageResult) written = NULL;
  CivMarriageInput in;

  couple (f, &in, "19900101", "19920202");
  findings = check (f, &in, &error);
  g_assert_no_error (error);
  g_assert_true (civ_marriage_may_register (findings));
  /* R-M7: no province answered, so only local records were checked. */
  g_assert_true (civ_findings_has (findings, "R-M7", CIV_SEVERITY_WARN) ||
                 civ_findings_has (findings, "R-M7", CIV_SEVERITY_INFO));
  /* A check writes nothing. */
  g_assert_cmpint (civ_test_session_count (f->session, "SELECT count(*) FROM marriages"), ==, 0);

  /* The registrar may not refuse what the checks allow: nothing is stored. */
  refused = decide (f, &in, CIV_MARRIAGE_DECISION_REFUSE, &error);
  g_assert_null (refused);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (civ_test_session_count (f->session, "SELECT count(*) FROM marriages"), ==, 0);

  written = decide (f, &in, CIV_MARRIAGE_DECISION_REGISTER, &error);
  g_assert_no_error (error);
  g_assert_true (written->registered);
  g_assert_true (g_str_has_prefix (written->certificate_no, "J110101-2026-"));
  g_assert_cmpint (civ_test_session_count (f->session, "SELECT count(*) FROM marriages"), ==, 1);
}

static void
test_underage (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) findings = NULL;
  g_autoptr (CivMarriageResult) registered = NULL;
  g_autoptr (CivMarriageResult) refused = NULL;
  CivMarriageInput in;

  /* He is 21, she is 19 (R-M2). */
  couple (f, &in, "20050101", "20070101");
  findings = check (f, &in, &error);
  g_assert_no_error (error);
  g_assert_true (civ_findings_has (findings, "R-M2", CIV_SEVERITY_REFUSE));
  g_assert_false (civ_marriage_may_register (findings));

  /* Registering is refused before anything is written… */
  registered = decide (f, &in, CIV_MARRIAGE_DECISION_REGISTER, &error);
  g_assert_null (registered);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (civ_test_session_count (f->session, "SELECT count(*) FROM marriages"), ==, 0);

  /* …the refusal is stored with its reasons. */
  refused = decide (f, &in, CIV_MARRIAGE_DECISION_REFUSE, &error);
  g_assert_no_error (error);
  g_assert_false (refused->registered);
  g_assert_null (refused->certificate_no);
  g_assert_cmpint (civ_test_session_count (f->session,
                                           "SELECT count(*) FROM findings WHERE rule = 'R-M2'"),
                   >, 0);
}

static void
test_input_copied (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) findings = NULL;
  GAsyncResult *pending = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  CivMarriageInput in;
  char             name[2][16] = { "张伟", "李娜" };

  /* The caller's strings may change as soon as the job is queued. */
  couple (f, &in, "19900101", "19920202");
  in.party[0].name = name[0];
  in.party[1].name = name[1];
  civ_marriage_check_async (f->session, f->desk, NULL, &in, NULL, civ_test_keep_result, &pending);
  memset (name, 0, sizeof name);
  result = civ_test_wait_result (&pending);
  findings = civ_marriage_check_finish (f->session, result, &error);
  g_assert_no_error (error);
  g_assert_true (civ_marriage_may_register (findings));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/marriage-desk/register", Fixture, NULL, fixture_set_up, test_register,
              fixture_tear_down);
  g_test_add ("/marriage-desk/underage", Fixture, NULL, fixture_set_up, test_underage,
              fixture_tear_down);
  g_test_add ("/marriage-desk/input-copied", Fixture, NULL, fixture_set_up, test_input_copied,
              fixture_tear_down);
  return g_test_run ();
}
