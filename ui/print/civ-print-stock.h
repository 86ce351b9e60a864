// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-print-stock.h — the cremation certificate stock's reconciliation
 * (火化证明库存对账, R-F13) as a plain A4 report: the office, the period,
 * the figures in total and per batch, the blanks voided with their reasons,
 * the certificates issued, the serials still in stock, and the lines the
 * clerk and the supervisor sign */
#pragma once

#include <gtk/gtk.h>

#include "civ-cremation-stock.h"

G_BEGIN_DECLS

/* The report of @rec (not taken) for the office @office_name (@office_code,
 * may be NULL), printed by @clerk on @printed_on (YYYY-MM-DD). */
GtkPrintOperation *civ_print_cremation_stock_operation_new (const CivCremationReconciliation *rec,
                                                            const char *office_name,
                                                            const char *office_code,
                                                            const char *clerk,
                                                            const char *printed_on);

/* "0 + 100 = 3 + 1 + 96": the balance of @tally as figures (newly allocated). */
char *civ_cremation_tally_equation (const CivCremationTally *tally);
/* The period of @rec in words ("2026-05-01 to 2026-05-31"; an open end
 * said as such), newly allocated. */
char *civ_cremation_period_text (const CivCremationReconciliation *rec);

G_END_DECLS
