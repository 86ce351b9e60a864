// SPDX-License-Identifier: GPL-3.0-or-later
/* fuzz-report-replies.c — the province's replies: to a batch (receipts,
 * the audit verdict), to the marital-status question, and an error body */
#include "civ-fuzz.h"
#include "civ-report-replies-private.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *text = (const char *) data;

  {
    g_auto (CivReportBatchAnswer) answer = { 0 };
    g_autoptr (GError) error = NULL;

    if (_civ_report_parse_batch_reply (text, size, &answer, &error))
      g_assert (answer.items != NULL);
    else
      g_assert (error != NULL && answer.items == NULL);
  }
  {
    g_auto (CivReportMaritalAnswer) answer = { .status = CIV_MARITAL_NOT_STATED };

    if (_civ_report_parse_marital_reply (text, size, &answer))
      g_assert (civ_marital_status_is_known (answer.status));
  }
  {
    g_autofree char *message = _civ_report_server_error_text (text, size);

    g_assert (message != NULL && g_utf8_validate (message, -1, NULL));
  }
  return 0;
}
