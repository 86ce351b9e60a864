// SPDX-License-Identifier: GPL-3.0-or-later
/* fuzz-funeral-fees.c — an area's fee list (docs/funeral-data.md), then
 * prices and a bill check on what it yields */
#include "civ-funeral-fees.h"
#include "civ-fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (CivFeeList) list = NULL;
  g_autoptr (GError) error = NULL;

  list = civ_fee_list_parse ((const char *) data, size, &error);
  if (list != NULL)
    {
      g_autoptr (CivFeeBill) bill = civ_fee_bill_new ();
      g_autoptr (GPtrArray) findings = civ_findings_new ();
      GDate day;

      g_assert (error == NULL);
      g_assert (civ_fee_list_get_n_items (list) > 0);
      g_date_clear (&day, 1);
      g_date_set_dmy (&day, 1, 7, 2026);
      for (guint i = 0; i < civ_fee_list_get_n_items (list); i++)
        {
          const CivFeeItem *item = civ_fee_list_get_item (list, i);
          gint64            price = -1;

          g_assert (civ_fee_list_find (list, item->code) == item);
          g_assert (item->periods->len > 0);
          for (guint j = 0; j < item->periods->len; j++)
            {
              const CivFeePeriod *p = &g_array_index (item->periods, CivFeePeriod, j);

              g_assert (p->price_fen >= 0 && p->price_fen <= CIV_FEE_MAX_FEN);
              g_assert (civ_fee_list_price (list, item->code, &p->from, &price));
              g_assert (price == p->price_fen);
            }
          civ_fee_bill_add (bill, item->code, 3, &day, -1);
        }
      civ_fee_bill_add (bill, "", 1, &day, -1);
      g_assert (!civ_fee_bill_check (list, bill, findings));
      g_assert (bill->total_fen >= 0);
    }
  else
    g_assert (error != NULL && error->message != NULL);
  return 0;
}
