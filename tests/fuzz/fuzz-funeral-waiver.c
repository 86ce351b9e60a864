// SPDX-License-Identifier: GPL-3.0-or-later
/* fuzz-funeral-waiver.c — the 惠民殡葬 policy (docs/funeral-data.md) and the
 * case file of `rules funeral-waiver` (docs/cli-rules.md): the same bytes
 * are read as both; a policy is assessed against a fixed case and bill, a
 * case against a fixed policy */
#include "civ-funeral-waiver.h"
#include "civ-fuzz.h"

#include <string.h>

static const char fixed_policy[] =
  "{\"area\": \"350102\", \"version\": \"v1\", \"effective_from\": \"2026-01-01\","
  " \"groups\": [\"dibao\", \"all-residents\"], \"cap_per_body_fen\": 100000,"
  " \"items\": [{\"item\": \"HH01\", \"basic\": \"cremation\", \"cap_fen\": 60000},"
  " {\"item\": \"ZC01\", \"basic\": \"storage\", \"cap_fen\": 5000, \"max_units\": 7}]}";

static void
check (const CivWaiverPolicy *policy, const CivWaiverCase *facts, const CivFeeBill *bill)
{
  g_autoptr (CivWaiverAssessment) a = civ_funeral_waiver_assess (policy, facts, bill);
  gint64 covered = 0;

  g_assert (a->lines->len == bill->lines->len);
  for (guint i = 0; i < a->lines->len; i++)
    {
      const CivWaiverLine *l = &g_array_index (a->lines, CivWaiverLine, i);

      g_assert (l->covered_fen >= 0 && l->family_fen >= 0);
      g_assert (l->covered_fen + l->family_fen == l->amount_fen);
      covered += l->covered_fen;
    }
  g_assert (covered == a->covered_fen);
  g_assert (a->covered_fen + a->family_fen == a->total_fen);
  if (civ_waiver_policy_get_body_cap (policy) >= 0)
    g_assert (a->covered_fen <= civ_waiver_policy_get_body_cap (policy));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (CivWaiverPolicy) policy = NULL;
  g_autoptr (CivWaiverInput) input = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) error2 = NULL;

  policy = civ_waiver_policy_parse ((const char *) data, size, &error);
  if (policy != NULL)
    {
      g_autoptr (CivFeeBill) bill = civ_fee_bill_new ();
      g_autoptr (GPtrArray) findings = civ_findings_new ();
      CivWaiverCase facts = { CIV_WAIVER_GROUP_DIBAO, TRUE, "低保证 1" };
      GDate         day;

      g_date_clear (&day, 1);
      g_date_set_dmy (&day, 3, 8, 2026);
      civ_fee_bill_add (bill, "HH01", 1, &day, 65000);
      civ_fee_bill_add (bill, "ZC01", 10, &day, 5000);
      civ_fee_bill_add (bill, "JC01", 3, &day, CIV_FEE_MAX_FEN);
      g_assert (civ_fee_bill_check (NULL, bill, findings));
      check (policy, &facts, bill);
    }
  else
    g_assert (error != NULL && error->message != NULL);

  input = civ_waiver_input_parse ((const char *) data, size, &error2);
  if (input != NULL)
    {
      g_autoptr (CivWaiverPolicy) fixed =
        civ_waiver_policy_parse (fixed_policy, strlen (fixed_policy), NULL);
      g_autoptr (GPtrArray) findings = civ_findings_new ();
      CivFeeBill *bill = civ_waiver_input_get_bill (input);

      g_assert (fixed != NULL);
      if (civ_fee_bill_check (NULL, bill, findings))
        check (fixed, civ_waiver_input_get_case (input), bill);
    }
  else
    g_assert (error2 != NULL && error2->message != NULL);
  return 0;
}
