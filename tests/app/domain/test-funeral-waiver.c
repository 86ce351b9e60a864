// SPDX-License-Identifier: GPL-3.0-or-later
/* test-funeral-waiver.c — the 惠民殡葬 policy read strictly and the waiver
 * assessment (R-F8, R-F9): eligibility, caps per item, per day and per body
 * reached and not reached, items not covered, a policy out of date, and
 * the case file of `rules funeral-waiver`. */
#include <string.h>

#include "civ-app-error.h"
#include "civ-funeral-waiver.h"
#include "civ-json-guard.h"

static GDate
date (int y, int m, int d)
{
  GDate result;

  g_date_clear (&result, 1);
  g_date_set_dmy (&result, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return result;
}

/* 接运 up to 400 yuan, 暂存 up to 50 yuan a day for 7 days, 火化 up to 600 yuan,
 * 骨灰寄存 up to 120 yuan a year for 3 years, 1,600 yuan per body; 2026 only. */
static const char policy_text[] =
  "{\"area\": \"350102\", \"version\": \"鼓民〔2026〕3号\","
  " \"effective_from\": \"2026-01-01\", \"effective_to\": \"2026-12-31\","
  " \"groups\": [\"dibao\", \"tekun\", \"sanwu\", \"unidentified\", \"youfu\"],"
  " \"cap_per_body_fen\": 160000,"
  " \"items\": ["
  "  {\"item\": \"JY01\", \"basic\": \"collection\", \"cap_fen\": 40000},"
  "  {\"item\": \"ZC01\", \"basic\": \"storage\", \"cap_fen\": 5000, \"max_units\": 7},"
  "  {\"item\": \"HH01\", \"basic\": \"cremation\", \"cap_fen\": 60000},"
  "  {\"item\": \"JC01\", \"basic\": \"ash-storage\", \"cap_fen\": 12000, \"max_units\": 3}"
  " ]}";

static CivWaiverPolicy *
policy_of (const char *text)
{
  g_autoptr (GError) error = NULL;
  CivWaiverPolicy *p = civ_waiver_policy_parse (text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_nonnull (p);
  return p;
}

static const CivWaiverLine *
line (CivWaiverAssessment *a, guint i)
{
  g_assert_cmpuint (i, <, a->lines->len);
  return &g_array_index (a->lines, CivWaiverLine, i);
}

static void
test_policy (void)
{
  g_autoptr (CivWaiverPolicy) p = policy_of (policy_text);
  const CivWaiverItem *item;
  GDate                d;

  g_assert_cmpstr (civ_waiver_policy_get_version (p), ==, "鼓民〔2026〕3号");
  g_assert_cmpstr (civ_waiver_policy_get_area (p), ==, "350102");
  g_assert_cmpint (civ_waiver_policy_get_body_cap (p), ==, 160000);
  g_assert_true (civ_waiver_policy_covers_group (p, CIV_WAIVER_GROUP_DIBAO));
  g_assert_false (civ_waiver_policy_covers_group (p, CIV_WAIVER_GROUP_ALL_RESIDENTS));
  g_assert_false (civ_waiver_policy_covers_group (p, CIV_WAIVER_GROUP_NONE));
  item = civ_waiver_policy_find_item (p, "ZC01");
  g_assert_nonnull (item);
  g_assert_cmpint (item->basic, ==, CIV_BASIC_STORAGE);
  g_assert_cmpint (item->max_units, ==, 7);
  g_assert_cmpint (civ_waiver_policy_find_item (p, "HH01")->max_units, ==, -1);
  d = date (2025, 12, 31);
  g_assert_false (civ_waiver_policy_in_force (p, &d));
  d = date (2026, 1, 1);
  g_assert_true (civ_waiver_policy_in_force (p, &d));
  d = date (2026, 12, 31);
  g_assert_true (civ_waiver_policy_in_force (p, &d));
  d = date (2027, 1, 1);
  g_assert_false (civ_waiver_policy_in_force (p, &d));
  for (int g = 0; g < CIV_N_WAIVER_GROUPS; g++)
    g_assert_cmpint (civ_waiver_group_from_string (civ_waiver_group_to_string (g)), ==, g);
  g_assert_cmpint (civ_basic_service_from_string ("ash-storage"), ==, CIV_BASIC_ASH_STORAGE);
  g_assert_cmpstr (civ_waiver_cap_to_string (CIV_WAIVER_CAP_BODY), ==, "body");
}

static void
assert_bad_policy (const char *text, const char *named)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivWaiverPolicy) p = civ_waiver_policy_parse (text, strlen (text), &error);

  g_assert_null (p);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  if (error->domain != CIV_JSON_GUARD_ERROR)
    g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT);
  if (named != NULL && strstr (error->message, named) == NULL)
    g_error ("“%s” does not name %s", error->message, named);
}

#define POLICY(extra, items)                                                                       \
  "{\"area\": \"350102\", \"version\": \"v1\", \"effective_from\": \"2026-01-01\", "               \
  "\"groups\": [\"dibao\"]" extra ", \"items\": [" items "]}"
#define HH "{\"item\": \"HH01\", \"basic\": \"cremation\", \"cap_fen\": 60000}"

static void
test_policy_bad (void)
{
  assert_bad_policy ("", NULL);
  assert_bad_policy ("{", NULL);
  assert_bad_policy ("[]", NULL);
  assert_bad_policy (POLICY (", \"caps\": 1", HH), "caps");
  assert_bad_policy (POLICY ("", "{\"item\": \"HH01\", \"basic\": \"cremation\", \"cap\": 1}"),
                     "HH01");
  assert_bad_policy (POLICY ("", "{\"item\": \"HH01\", \"basic\": \"cremation\", \"cap_fen\": -5}"),
                     "HH01");
  assert_bad_policy (POLICY ("", "{\"item\": \"HH01\", \"basic\": \"cremation\", \"cap_fen\": "
                                 "600.5}"),
                     "fraction");
  assert_bad_policy (POLICY ("", "{\"item\": \"HH01\", \"basic\": \"cremation\", \"cap_fen\": "
                                 "18446744073709551617}"),
                     "HH01");
  assert_bad_policy (POLICY (", \"cap_per_body_fen\": -178000", HH), "cap_per_body_fen");
  assert_bad_policy (POLICY (", \"cap_per_body_fen\": 1780.00", HH), "cap_per_body_fen");
  assert_bad_policy (POLICY ("", HH "," HH), "HH01");
  assert_bad_policy (POLICY ("", "{\"item\": \"HH01\", \"basic\": \"funeral\"}"), "funeral");
  assert_bad_policy (POLICY ("", "{\"item\": \"HH01\", \"basic\": \"cremation\", \"max_units\": "
                                 "2}"),
                     "max_units");
  assert_bad_policy (POLICY ("", "{\"item\": \"ZC01\", \"basic\": \"storage\", \"max_units\": "
                                 "0}"),
                     "ZC01");
  assert_bad_policy (POLICY ("", "{\"basic\": \"storage\"}"), "item");
  assert_bad_policy (POLICY ("", ""), "items");
  assert_bad_policy ("{\"area\": \"350102\", \"version\": \"v1\", \"effective_from\": "
                     "\"2026-01-01\", \"groups\": [\"poor\"], \"items\": [" HH "]}",
                     "poor");
  assert_bad_policy ("{\"area\": \"350102\", \"version\": \"v1\", \"effective_from\": "
                     "\"2026-01-01\", \"groups\": [\"dibao\", \"dibao\"], \"items\": [" HH "]}",
                     "dibao");
  assert_bad_policy ("{\"area\": \"350102\", \"version\": \"v1\", \"effective_from\": "
                     "\"2026-01-01\", \"groups\": [], \"items\": [" HH "]}",
                     "groups");
  assert_bad_policy ("{\"area\": \"350102\", \"effective_from\": \"2026-01-01\", \"groups\": "
                     "[\"dibao\"], \"items\": [" HH "]}",
                     "version");
  assert_bad_policy ("{\"area\": \"350102\", \"version\": \"v1\", \"groups\": [\"dibao\"], "
                     "\"items\": [" HH "]}",
                     "effective_from");
  assert_bad_policy (POLICY (", \"effective_to\": \"2025-12-31\"", HH), "effective_to");
}

/* A bill of the four basic services on @day, priced. */
static CivFeeBill *
bill_of (GDate day, gint64 storage_days, gint64 deposit_years, gint64 cremation_price)
{
  CivFeeBill *bill = civ_fee_bill_new ();
  g_autoptr (GPtrArray) findings = civ_findings_new ();

  civ_fee_bill_add (bill, "JY01", 1, &day, 40000);
  civ_fee_bill_add (bill, "ZC01", storage_days, &day, 5000);
  civ_fee_bill_add (bill, "HH01", 1, &day, cremation_price);
  civ_fee_bill_add (bill, "JC01", deposit_years, &day, 12000);
  g_assert_true (civ_fee_bill_check (NULL, bill, findings));
  return bill;
}

static CivWaiverAssessment *
assess (const char    *policy,
        CivWaiverGroup group,
        gboolean       resident,
        const char    *evidence,
        CivFeeBill    *bill)
{
  g_autoptr (CivWaiverPolicy) p = policy_of (policy);
  CivWaiverCase        c = { .group = group, .resident = resident, .evidence = evidence };
  CivWaiverAssessment *a = civ_funeral_waiver_assess (p, &c, bill);

  g_assert_nonnull (a);
  g_assert_cmpstr (a->policy_version, ==, civ_waiver_policy_get_version (p));
  g_assert_cmpuint (a->lines->len, ==, bill->lines->len);
  g_assert_cmpint (a->covered_fen + a->family_fen, ==, a->total_fen);
  g_assert_cmpint (a->total_fen, ==, bill->total_fen);
  for (guint i = 0; i < a->lines->len; i++)
    {
      const CivWaiverLine *l = line (a, i);

      g_assert_cmpint (l->covered_fen, >=, 0);
      g_assert_cmpint (l->covered_fen + l->family_fen, ==, l->amount_fen);
    }
  return a;
}

/* Caps not reached: 3 days, 1 year, cremation at the cap: all covered. */
static void
test_caps_not_reached (void)
{
  g_autoptr (CivFeeBill) bill = bill_of (date (2026, 8, 3), 3, 1, 60000);
  g_autoptr (CivWaiverAssessment) a =
    assess (policy_text, CIV_WAIVER_GROUP_DIBAO, FALSE, "低保证 350102-2026-0042", bill);

  g_assert_true (a->eligible);
  g_assert_cmpint (a->total_fen, ==, 40000 + 15000 + 60000 + 12000);
  g_assert_cmpint (a->covered_fen, ==, a->total_fen);
  g_assert_cmpint (a->family_fen, ==, 0);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpint (line (a, i)->cap, ==, CIV_WAIVER_CAP_NONE);
  g_assert_cmpint (civ_findings_worst (a->findings), <, CIV_SEVERITY_INFO);
}

/* Per item: cremation at 650 yuan, the cap 600; per day: 7 days of 10 covered. */
static void
test_caps_per_item_and_day (void)
{
  g_autoptr (CivFeeBill) bill = bill_of (date (2026, 8, 3), 10, 1, 65000);
  g_autoptr (CivWaiverAssessment) a =
    assess (policy_text, CIV_WAIVER_GROUP_YOUFU, FALSE, "优抚证 0815", bill);

  g_assert_true (a->eligible);
  g_assert_cmpint (line (a, 1)->amount_fen, ==, 50000);
  g_assert_cmpint (line (a, 1)->covered_fen, ==, 35000);
  g_assert_cmpint (line (a, 1)->family_fen, ==, 15000);
  g_assert_cmpint (line (a, 1)->cap, ==, CIV_WAIVER_CAP_UNITS);
  g_assert_cmpint (line (a, 2)->covered_fen, ==, 60000);
  g_assert_cmpint (line (a, 2)->family_fen, ==, 5000);
  g_assert_cmpint (line (a, 2)->cap, ==, CIV_WAIVER_CAP_ITEM);
  g_assert_cmpint (a->covered_fen, ==, 40000 + 35000 + 60000 + 12000);
  g_assert_cmpint (a->family_fen, ==, 15000 + 5000);
  g_assert_true (civ_findings_has (a->findings, "R-F8", CIV_SEVERITY_INFO));
  g_assert_false (civ_findings_has (a->findings, "R-F8", CIV_SEVERITY_WARN));
}

/* Per body: 7 days and 3 years would come to 1,710 yuan; the cap is 1,600. */
static void
test_cap_per_body (void)
{
  g_autoptr (CivFeeBill) bill = bill_of (date (2026, 8, 3), 7, 3, 60000);
  g_autoptr (CivWaiverAssessment) a =
    assess (policy_text, CIV_WAIVER_GROUP_UNIDENTIFIED, FALSE, "公安 2026-0815 号认定", bill);

  g_assert_cmpint (a->total_fen, ==, 40000 + 35000 + 60000 + 36000);
  g_assert_cmpint (a->covered_fen, ==, 160000);
  g_assert_cmpint (a->family_fen, ==, 11000);
  g_assert_cmpint (line (a, 2)->cap, ==, CIV_WAIVER_CAP_NONE);
  g_assert_cmpint (line (a, 3)->cap, ==, CIV_WAIVER_CAP_BODY);
  g_assert_cmpint (line (a, 3)->covered_fen, ==, 160000 - 135000);
  g_assert_cmpint (line (a, 3)->family_fen, ==, 11000);
  g_assert_true (civ_findings_has (a->findings, "R-F8", CIV_SEVERITY_INFO));

  /* A body cap of exactly what the lines come to: all covered, no cap applied. */
  {
    g_autofree char *text = g_strdup (policy_text);
    char            *at = strstr (text, "160000");

    memcpy (at, "171000", 6);
    {
      g_autoptr (CivWaiverAssessment) a2 =
        assess (text, CIV_WAIVER_GROUP_DIBAO, FALSE, "低保证 0042", bill);

      g_assert_cmpint (a2->covered_fen, ==, 171000);
      g_assert_cmpint (a2->family_fen, ==, 0);
      for (guint i = 0; i < 4; i++)
        g_assert_cmpint (line (a2, i)->cap, ==, CIV_WAIVER_CAP_NONE);
      g_assert_cmpuint (a2->findings->len, ==, 0);
    }
    /* One fen less: the last line pays one fen. */
    memcpy (at, "170999", 6);
    {
      g_autoptr (CivWaiverAssessment) a3 =
        assess (text, CIV_WAIVER_GROUP_DIBAO, FALSE, "低保证 0042", bill);

      g_assert_cmpint (a3->family_fen, ==, 1);
      g_assert_cmpint (line (a3, 3)->cap, ==, CIV_WAIVER_CAP_BODY);
    }
  }
}

/* Not covered: an item of the bill outside the policy. */
static void
test_not_covered (void)
{
  g_autoptr (CivFeeBill) bill = bill_of (date (2026, 8, 3), 1, 1, 60000);
  g_autoptr (GPtrArray) findings = civ_findings_new ();
  GDate d = date (2026, 8, 3);

  civ_fee_bill_add (bill, "GH01", 1, &d, 80000); /* 骨灰盒 */
  civ_fee_bill_add (bill, "GH01", 1, &d, 80000);
  g_assert_true (civ_fee_bill_check (NULL, bill, findings));
  {
    g_autoptr (CivWaiverAssessment) a =
      assess (policy_text, CIV_WAIVER_GROUP_SANWU, FALSE, "三无人员认定书", bill);
    guint infos = 0;

    g_assert_true (a->eligible);
    g_assert_cmpint (line (a, 4)->cap, ==, CIV_WAIVER_CAP_NOT_COVERED);
    g_assert_cmpint (line (a, 4)->covered_fen, ==, 0);
    g_assert_cmpint (line (a, 4)->family_fen, ==, 80000);
    g_assert_cmpint (a->family_fen, ==, 160000);
    /* Said once per item. */
    for (guint i = 0; i < a->findings->len; i++)
      infos += ((CivFinding *) g_ptr_array_index (a->findings, i))->severity == CIV_SEVERITY_INFO;
    g_assert_cmpuint (infos, ==, 1);
  }
}

/* R-F8: not eligible, no evidence, all residents; R-F9 for 特困. */
static void
test_eligibility (void)
{
  g_autoptr (CivFeeBill) bill = bill_of (date (2026, 8, 3), 1, 1, 60000);

  {
    g_autoptr (CivWaiverAssessment) a =
      assess (policy_text, CIV_WAIVER_GROUP_NONE, TRUE, NULL, bill);
    g_assert_false (a->eligible);
    g_assert_true (civ_findings_has (a->findings, "R-F8", CIV_SEVERITY_REFUSE));
    g_assert_cmpint (a->covered_fen, ==, 0);
    g_assert_cmpint (line (a, 0)->cap, ==, CIV_WAIVER_CAP_NOT_ELIGIBLE);
  }
  {
    g_autoptr (CivWaiverAssessment) a =
      assess (policy_text, CIV_WAIVER_GROUP_DIBAO, FALSE, "  ", bill);
    g_assert_false (a->eligible);
    g_assert_true (civ_findings_has (a->findings, "R-F8", CIV_SEVERITY_REFUSE));
  }
  {
    g_autoptr (CivWaiverAssessment) a =
      assess (policy_text, CIV_WAIVER_GROUP_TEKUN, FALSE, "特困供养证 17", bill);
    g_assert_true (a->eligible);
    g_assert_true (civ_findings_has (a->findings, "R-F9", CIV_SEVERITY_INFO));
  }
  /* A policy for all residents: a resident with no group and no evidence. */
  {
    const char text[] =
      "{\"area\": \"350102\", \"version\": \"全民惠葬\", \"effective_from\": \"2026-01-01\", "
      "\"groups\": [\"all-residents\", \"unidentified\"], \"items\": [" HH "]}";
    g_autoptr (CivWaiverAssessment) a = assess (text, CIV_WAIVER_GROUP_NONE, TRUE, NULL, bill);
    g_autoptr (CivWaiverAssessment) b = assess (text, CIV_WAIVER_GROUP_NONE, FALSE, NULL, bill);
    g_autoptr (CivWaiverAssessment) c = assess (text, CIV_WAIVER_GROUP_DIBAO, FALSE, "x", bill);

    g_assert_true (a->eligible);
    g_assert_cmpint (line (a, 2)->covered_fen, ==, 60000);
    g_assert_cmpint (line (a, 0)->cap, ==, CIV_WAIVER_CAP_NOT_COVERED);
    {
      g_autoptr (CivWaiverPolicy) p = policy_of (text);

      g_assert_cmpint (civ_waiver_policy_get_body_cap (p), ==, -1);
    }
    g_assert_false (b->eligible);
    g_assert_false (c->eligible);
  }
}

/* A policy out of date: the lines after its end are not covered; refused. */
static void
test_out_of_date (void)
{
  g_autoptr (CivFeeBill) bill = bill_of (date (2027, 1, 1), 1, 1, 60000);
  g_autoptr (CivWaiverAssessment) a =
    assess (policy_text, CIV_WAIVER_GROUP_DIBAO, FALSE, "低保证 0042", bill);
  g_autoptr (CivFeeBill) edge = bill_of (date (2026, 12, 31), 1, 1, 60000);
  g_autoptr (CivWaiverAssessment) b =
    assess (policy_text, CIV_WAIVER_GROUP_DIBAO, FALSE, "低保证 0042", edge);

  g_assert_true (a->eligible);
  g_assert_true (civ_findings_has (a->findings, "R-F8", CIV_SEVERITY_REFUSE));
  g_assert_cmpint (a->covered_fen, ==, 0);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpint (line (a, i)->cap, ==, CIV_WAIVER_CAP_NOT_IN_FORCE);
  g_assert_false (civ_findings_has (b->findings, "R-F8", CIV_SEVERITY_REFUSE));
  g_assert_cmpint (b->covered_fen, ==, b->total_fen);
}

static void
assert_bad_case (const char *text, const char *named)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivWaiverInput) input = civ_waiver_input_parse (text, strlen (text), &error);

  g_assert_null (input);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  if (named != NULL && strstr (error->message, named) == NULL)
    g_error ("“%s” does not name %s", error->message, named);
}

static void
test_case_file (void)
{
  const char text[] = "{\"group\": \"dibao\", \"resident\": true, \"evidence\": \"低保证 0042\","
                      " \"bill\": [{\"item\": \"HH01\", \"quantity\": 1, \"date\": \"2026-08-03\","
                      " \"unit_price_fen\": 60000}, {\"item\": \"ZC01\", \"quantity\": 3,"
                      " \"date\": \"2026-08-03\"}]}";
  g_autoptr (GError) error = NULL;
  g_autoptr (CivWaiverInput) input = civ_waiver_input_parse (text, strlen (text), &error);
  CivFeeBill *bill;

  g_assert_no_error (error);
  g_assert_cmpint (civ_waiver_input_get_case (input)->group, ==, CIV_WAIVER_GROUP_DIBAO);
  g_assert_true (civ_waiver_input_get_case (input)->resident);
  g_assert_cmpstr (civ_waiver_input_get_case (input)->evidence, ==, "低保证 0042");
  bill = civ_waiver_input_get_bill (input);
  g_assert_cmpuint (bill->lines->len, ==, 2);
  g_assert_cmpint (g_array_index (bill->lines, CivFeeBillLine, 0).unit_price_fen, ==, 60000);
  g_assert_cmpint (g_array_index (bill->lines, CivFeeBillLine, 1).unit_price_fen, ==, -1);
  g_assert_cmpint (g_array_index (bill->lines, CivFeeBillLine, 1).quantity, ==, 3);

  assert_bad_case ("{\"group\": \"poor\", \"bill\": []}", "poor");
  assert_bad_case ("{\"group\": \"all-residents\", \"bill\": []}", "all-residents");
  assert_bad_case ("{\"group\": \"dibao\", \"bill\": []}", "bill");
  assert_bad_case ("{\"group\": \"dibao\", \"evidnce\": \"x\", \"bill\": []}", "evidnce");
  assert_bad_case ("{\"bill\": [{\"item\": \"HH01\", \"quantity\": 1.5, \"date\": "
                   "\"2026-08-03\"}]}",
                   "HH01");
  assert_bad_case ("{\"bill\": [{\"item\": \"HH01\", \"quantity\": 0, \"date\": "
                   "\"2026-08-03\"}]}",
                   "quantity");
  assert_bad_case ("{\"bill\": [{\"item\": \"HH01\", \"quantity\": 1, \"date\": \"2026-08-03\","
                   " \"unit_price_fen\": -600}]}",
                   "unit_price_fen");
  assert_bad_case ("{\"bill\": [{\"item\": \"HH01\", \"quantity\": 1, \"date\": \"2026-08-03\","
                   " \"unit_price_fen\": 600.5}]}",
                   "bill line 1");
  assert_bad_case ("{\"bill\": [{\"quantity\": 1, \"date\": \"2026-08-03\"}]}", "item");
  assert_bad_case ("{\"bill\": [{\"item\": \"HH01\", \"quantity\": 1}]}", "date");
  assert_bad_case ("{\"bill\": [{\"item\": \"HH01\", \"qty\": 1, \"date\": \"2026-08-03\"}]}",
                   "qty");
}

/* Every group has a label people read, one of its own; nothing else has one. */
static void
test_group_labels (void)
{
  for (int i = 0; i < CIV_N_WAIVER_GROUPS; i++)
    {
      const char *label = civ_waiver_group_label ((CivWaiverGroup) i);

      g_assert_nonnull (label);
      g_assert_cmpstr (label, !=, civ_waiver_group_to_string ((CivWaiverGroup) i));
      for (int k = 0; k < i; k++)
        g_assert_cmpstr (label, !=, civ_waiver_group_label ((CivWaiverGroup) k));
    }
  g_assert_nonnull (strstr (civ_waiver_group_label (CIV_WAIVER_GROUP_DIBAO), "dibao"));
  g_assert_null (civ_waiver_group_label (CIV_WAIVER_GROUP_INVALID));
  g_assert_null (civ_waiver_group_label (CIV_N_WAIVER_GROUPS));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/funeral-waiver/policy", test_policy);
  g_test_add_func ("/funeral-waiver/policy-bad", test_policy_bad);
  g_test_add_func ("/funeral-waiver/R-F8-caps-not-reached", test_caps_not_reached);
  g_test_add_func ("/funeral-waiver/R-F8-cap-per-item-and-day", test_caps_per_item_and_day);
  g_test_add_func ("/funeral-waiver/R-F8-cap-per-body", test_cap_per_body);
  g_test_add_func ("/funeral-waiver/R-F8-not-covered", test_not_covered);
  g_test_add_func ("/funeral-waiver/R-F8-R-F9-eligibility", test_eligibility);
  g_test_add_func ("/funeral-waiver/R-F8-out-of-date", test_out_of_date);
  g_test_add_func ("/funeral-waiver/case-file", test_case_file);
  g_test_add_func ("/funeral-waiver/group-labels", test_group_labels);
  return g_test_run ();
}
