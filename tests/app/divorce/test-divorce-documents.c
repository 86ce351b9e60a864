// SPDX-License-Identifier: GPL-3.0-or-later
/* test-divorce-documents.c — which divorce document can be printed in
 * which state of the application: a receipt once accepted (R-D5), a notice
 * once not accepted (R-D3), a certificate once registered with its L number
 * (R-D7); a refusal names its rule as a field */
#include "civ-app-error.h"
#include "civ-divorce-documents.h"
#include "civ-record-query.h"
#include "civ-states.h"

static CivDivorcePrintData *
data_in (CivDivorceState state, gboolean accepted, const char *certificate_no)
{
  CivDivorcePrintData *data = g_new0 (CivDivorcePrintData, 1);

  data->view = g_new0 (CivDivorceView, 1);
  data->view->divorce = g_new0 (CivDivorceResult, 1);
  data->view->divorce->state = g_strdup (civ_divorce_state_to_db (state));
  data->view->divorce->certificate_no = g_strdup (certificate_no);
  g_date_clear (&data->view->divorce->deadlines.accepted, 1);
  if (accepted)
    g_date_set_dmy (&data->view->divorce->deadlines.accepted, 2, G_DATE_SEPTEMBER, 2024);
  return data;
}

static void
assert_refused (CivDivorcePrintKind kind, const CivDivorcePrintData *data, const char *rule)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (civ_divorce_print_check (kind, data, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_REFUSED);
  g_assert_cmpstr (civ_app_error_get_rule (error), ==, rule);
}

static void
test_print_check (void)
{
  g_autoptr (GError) error = NULL;
  CivDivorcePrintData *not_accepted = data_in (CIV_DIVORCE_STATE_NOT_ACCEPTED, FALSE, NULL);
  CivDivorcePrintData *cooling = data_in (CIV_DIVORCE_STATE_COOLING, TRUE, NULL);
  CivDivorcePrintData *registered =
    data_in (CIV_DIVORCE_STATE_REGISTERED, TRUE, "L110101-2024-000001");
  CivDivorcePrintData *no_number = data_in (CIV_DIVORCE_STATE_REGISTERED, TRUE, NULL);

  /* R-D3: the notice only for an application that was not accepted. */
  g_assert_true (civ_divorce_print_check (CIV_PRINT_DIVORCE_NOTICE, not_accepted, &error));
  g_assert_no_error (error);
  assert_refused (CIV_PRINT_DIVORCE_NOTICE, cooling, "R-D3");
  assert_refused (CIV_PRINT_DIVORCE_NOTICE, registered, "R-D3");
  /* R-D5: the receipt once accepted, whatever happened since. */
  assert_refused (CIV_PRINT_DIVORCE_RECEIPT, not_accepted, "R-D5");
  g_assert_true (civ_divorce_print_check (CIV_PRINT_DIVORCE_RECEIPT, cooling, NULL));
  g_assert_true (civ_divorce_print_check (CIV_PRINT_DIVORCE_RECEIPT, registered, NULL));
  /* R-D7: the certificate once registered, with its L number. */
  assert_refused (CIV_PRINT_DIVORCE_CERTIFICATE, not_accepted, "R-D7");
  assert_refused (CIV_PRINT_DIVORCE_CERTIFICATE, cooling, "R-D7");
  assert_refused (CIV_PRINT_DIVORCE_CERTIFICATE, no_number, "R-D7");
  g_assert_true (civ_divorce_print_check (CIV_PRINT_DIVORCE_CERTIFICATE, registered, NULL));

  civ_divorce_print_data_free (not_accepted);
  civ_divorce_print_data_free (cooling);
  civ_divorce_print_data_free (registered);
  civ_divorce_print_data_free (no_number);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/divorce/documents/print-check", test_print_check);
  return g_test_run ();
}
