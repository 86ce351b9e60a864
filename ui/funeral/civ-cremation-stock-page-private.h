// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-cremation-stock-page-private.h — what the UI tests of the cremation
 * certificate stock page use */
#pragma once

#include "civ-cremation-stock-page.h"
#include "civ-cremation-stock.h"
#include "civ-cremation-void-dialog.h"

G_BEGIN_DECLS

/* A field, row or button of the page by its name ("receive.first",
 * "receive.last", "receive.reference", "receive.count", "receive.submit",
 * "stock.void", "period.from", "period.to", "period.reconcile",
 * "reconcile.print", "reconcile.balance" …; see the page), or NULL when
 * the page shows none by that name now. */
GtkWidget *_civ_cremation_stock_page_widget (CivCremationStockPage *self, const char *name);
/* Shows the view "stock" or "reconcile". */
void       _civ_cremation_stock_page_show_view (CivCremationStockPage *self, const char *view);
/* The stock shown (the reconciliation from the first batch to today), or NULL. */
const CivCremationReconciliation *_civ_cremation_stock_page_stock (CivCremationStockPage *self);
/* The reconciliation shown, or NULL. */
const CivCremationReconciliation *_civ_cremation_stock_page_reconciliation (
  CivCremationStockPage *self);
/* The void dialog open, or NULL. */
CivCremationVoidDialog *_civ_cremation_stock_page_void_dialog (CivCremationStockPage *self);
/* Prints go to DIR/cremation-stock-reconciliation.pdf instead of through
 * the print dialog. */
void        _civ_cremation_stock_page_set_export_dir (CivCremationStockPage *self, const char *dir);
/* The page's last message (a refusal or what a step did), or NULL, and the
 * rule id of the last refusal, or NULL. */
const char *_civ_cremation_stock_page_message (CivCremationStockPage *self);
const char *_civ_cremation_stock_page_rule (CivCremationStockPage *self);
/* Jobs under way (0 when idle). */
guint       _civ_cremation_stock_page_busy (CivCremationStockPage *self);

G_END_DECLS
