// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-cremation-stock-page.h — the cremation certificate stock
 * (火化证明库存, R-F13; issue 16)
 *
 * Shown only to an operator with the funeral permission (funeral clerks,
 * supervisors, a registrar or an archivist given it).
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CIV_TYPE_CREMATION_STOCK_PAGE (civ_cremation_stock_page_get_type ())
G_DECLARE_FINAL_TYPE (
  CivCremationStockPage, civ_cremation_stock_page, CIV, CREMATION_STOCK_PAGE, AdwBin)

G_END_DECLS
