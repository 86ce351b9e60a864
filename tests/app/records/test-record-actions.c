// SPDX-License-Identifier: GPL-3.0-or-later
/* test-record-actions.c — what a record allows (civ-record-actions.h), by
 * state, role and date: R-B3 reissue, R-V4 judgment, R-V2 annulment */
#include "civ-record-actions.h"

typedef struct
{
  CivRecordAction  action;
  CivRole          role;
  CivMarriageState state;
  const char      *registered_on;
  gboolean         has_certificate;
  gboolean         expect;
} Case;

static const Case cases[] = {
  /* R-B3: a reissue while the status the certificate proves holds. */
  { CIV_RECORD_ACTION_REISSUE, CIV_ROLE_REGISTRAR, CIV_MARRIAGE_STATE_REGISTERED, "2019-05-20",
    TRUE, TRUE },
  { CIV_RECORD_ACTION_REISSUE, CIV_ROLE_REGISTRAR, CIV_MARRIAGE_STATE_DISSOLVED_REG, "2019-05-20",
    TRUE, TRUE },
  { CIV_RECORD_ACTION_REISSUE, CIV_ROLE_REGISTRAR, CIV_MARRIAGE_STATE_DISSOLVED_COURT, "2019-05-20",
    TRUE, FALSE },
  { CIV_RECORD_ACTION_REISSUE, CIV_ROLE_REGISTRAR, CIV_MARRIAGE_STATE_ANNULLED_COURT, "2019-05-20",
    TRUE, FALSE },
  { CIV_RECORD_ACTION_REISSUE, CIV_ROLE_AUDITOR, CIV_MARRIAGE_STATE_REGISTERED, "2019-05-20", TRUE,
    FALSE },
  /* A refusal has no certificate: nothing to reissue, judge or void. */
  { CIV_RECORD_ACTION_REISSUE, CIV_ROLE_SUPERVISOR, CIV_MARRIAGE_STATE_REFUSED, "2019-05-20", FALSE,
    FALSE },
  { CIV_RECORD_ACTION_VOID_PRINT, CIV_ROLE_SUPERVISOR, CIV_MARRIAGE_STATE_REFUSED, "2019-05-20",
    FALSE, FALSE },
  /* R-V4: a court's judgment on a current marriage, entered by a supervisor. */
  { CIV_RECORD_ACTION_COURT_JUDGMENT, CIV_ROLE_SUPERVISOR, CIV_MARRIAGE_STATE_REGISTERED,
    "2023-01-01", TRUE, TRUE },
  { CIV_RECORD_ACTION_COURT_JUDGMENT, CIV_ROLE_REGISTRAR, CIV_MARRIAGE_STATE_REGISTERED,
    "2023-01-01", TRUE, FALSE },
  { CIV_RECORD_ACTION_COURT_JUDGMENT, CIV_ROLE_SUPERVISOR, CIV_MARRIAGE_STATE_DISSOLVED_REG,
    "2023-01-01", TRUE, FALSE },
  /* R-V2: the registry annulled only marriages registered before 2021. */
  { CIV_RECORD_ACTION_REGISTRY_ANNULMENT, CIV_ROLE_SUPERVISOR, CIV_MARRIAGE_STATE_REGISTERED,
    "2020-12-31", TRUE, TRUE },
  { CIV_RECORD_ACTION_REGISTRY_ANNULMENT, CIV_ROLE_SUPERVISOR, CIV_MARRIAGE_STATE_REGISTERED,
    "2021-01-01", TRUE, FALSE },
  { CIV_RECORD_ACTION_REGISTRY_ANNULMENT, CIV_ROLE_SUPERVISOR, CIV_MARRIAGE_STATE_REGISTERED, NULL,
    TRUE, FALSE },
  { CIV_RECORD_ACTION_REGISTRY_ANNULMENT, CIV_ROLE_REGISTRAR, CIV_MARRIAGE_STATE_REGISTERED,
    "2019-01-01", TRUE, FALSE },
  /* Corrections and voids: whoever registers. */
  { CIV_RECORD_ACTION_CORRECTION, CIV_ROLE_REGISTRAR, CIV_MARRIAGE_STATE_DISSOLVED_COURT,
    "2019-01-01", TRUE, TRUE },
  { CIV_RECORD_ACTION_VOID_PRINT, CIV_ROLE_ARCHIVIST, CIV_MARRIAGE_STATE_REGISTERED, "2019-01-01",
    TRUE, FALSE },
};

static void
test_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CivRecordFacts facts = { cases[i].state, cases[i].registered_on, cases[i].has_certificate };

      g_test_message ("case %u", i);
      g_assert_cmpint (civ_record_action_available (cases[i].action, cases[i].role, &facts), ==,
                       cases[i].expect);
    }
  g_assert_false (
    civ_record_action_available (CIV_RECORD_ACTION_CORRECTION, CIV_ROLE_SUPERVISOR, NULL));
}

static void
test_approver_and_held (void)
{
  /* A correction always needs a supervisor's approval; a void only from
   * someone who is not a supervisor. */
  g_assert_true (
    civ_record_action_needs_approver (CIV_RECORD_ACTION_CORRECTION, CIV_ROLE_REGISTRAR));
  g_assert_true (
    civ_record_action_needs_approver (CIV_RECORD_ACTION_CORRECTION, CIV_ROLE_SUPERVISOR));
  g_assert_true (
    civ_record_action_needs_approver (CIV_RECORD_ACTION_VOID_PRINT, CIV_ROLE_REGISTRAR));
  g_assert_false (
    civ_record_action_needs_approver (CIV_RECORD_ACTION_VOID_PRINT, CIV_ROLE_SUPERVISOR));
  g_assert_false (civ_record_action_needs_approver (CIV_RECORD_ACTION_REISSUE, CIV_ROLE_REGISTRAR));
  g_assert_false (
    civ_record_action_needs_approver (CIV_RECORD_ACTION_COURT_JUDGMENT, CIV_ROLE_REGISTRAR));

  /* R-B3: the certificate held now, by a role that registers marriages. */
  g_assert_true (civ_record_may_print_held (CIV_ROLE_REGISTRAR, "J110101-2024-000001"));
  g_assert_true (civ_record_may_print_held (CIV_ROLE_SUPERVISOR, "BL110101-2024-000001"));
  g_assert_false (civ_record_may_print_held (CIV_ROLE_REGISTRAR, NULL));
  g_assert_false (civ_record_may_print_held (CIV_ROLE_AUDITOR, "J110101-2024-000001"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/registry/record-actions/R-B3-R-V2-R-V4", test_table);
  g_test_add_func ("/registry/record-actions/approver-and-held", test_approver_and_held);
  return g_test_run ();
}
