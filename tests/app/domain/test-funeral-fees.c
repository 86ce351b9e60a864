// SPDX-License-Identifier: GPL-3.0-or-later
/* test-funeral-fees.c — the fee list read strictly (R-F4, R-F10): every bad
 * input is an error naming the item and returns nothing; prices on a date
 * at the edges of their periods; the bill check. */
#include <string.h>

#include "civ-app-error.h"
#include "civ-funeral-fees.h"
#include "civ-json-guard.h"

static GDate
date (int y, int m, int d)
{
  GDate result;

  g_date_clear (&result, 1);
  g_date_set_dmy (&result, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return result;
}

/* 火化 went up on 2026-07-01; 暂存 is per day; 骨灰寄存 per year. */
static const char good_list[] =
  "{\"area\": \"350102\", \"name\": \"福州市鼓楼区殡葬服务收费目录\", \"items\": ["
  " {\"code\": \"JY01\", \"name\": \"遗体接运\", \"unit\": \"body\","
  "  \"prices\": [{\"price_fen\": 40000, \"from\": \"2026-01-01\"}]},"
  " {\"code\": \"ZC01\", \"name\": \"遗体冷藏\", \"unit\": \"day\","
  "  \"prices\": [{\"price_fen\": 5000, \"from\": \"2026-01-01\", \"to\": null}]},"
  " {\"code\": \"HH01\", \"name\": \"火化\", \"unit\": \"body\","
  "  \"prices\": [{\"price_fen\": 65000, \"from\": \"2026-07-01\"},"
  "              {\"price_fen\": 60000, \"from\": \"2025-01-01\", \"to\": \"2026-06-30\"}]},"
  " {\"code\": \"JC01\", \"name\": \"骨灰寄存\", \"unit\": \"year\","
  "  \"prices\": [{\"price_fen\": 12000, \"from\": \"2026-01-01\", \"to\": \"2030-12-31\"}]}"
  "]}";

static CivFeeList *
parse (const char *text, GError **error)
{
  return civ_fee_list_parse (text, strlen (text), error);
}

static void
test_good (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivFeeList) list = parse (good_list, &error);
  const CivFeeItem *item;
  gint64            price = -1;
  GDate             d;

  g_assert_no_error (error);
  g_assert_nonnull (list);
  g_assert_cmpstr (civ_fee_list_get_area (list), ==, "350102");
  g_assert_cmpuint (civ_fee_list_get_n_items (list), ==, 4);
  item = civ_fee_list_find (list, "HH01");
  g_assert_nonnull (item);
  g_assert_cmpstr (item->name, ==, "火化");
  g_assert_cmpint (item->unit, ==, CIV_FEE_UNIT_BODY);
  g_assert_cmpuint (item->periods->len, ==, 2);
  g_assert_cmpint (civ_fee_list_get_item (list, 1)->unit, ==, CIV_FEE_UNIT_DAY);
  g_assert_null (civ_fee_list_find (list, "XX99"));

  /* The edges of the two periods of HH01. */
  d = date (2026, 6, 30);
  g_assert_true (civ_fee_list_price (list, "HH01", &d, &price));
  g_assert_cmpint (price, ==, 60000);
  d = date (2026, 7, 1);
  g_assert_true (civ_fee_list_price (list, "HH01", &d, &price));
  g_assert_cmpint (price, ==, 65000);
  d = date (2024, 12, 31);
  g_assert_false (civ_fee_list_price (list, "HH01", &d, &price));
  /* JC01 ends on 2030-12-31. */
  d = date (2030, 12, 31);
  g_assert_true (civ_fee_list_price (list, "JC01", &d, &price));
  g_assert_cmpint (price, ==, 12000);
  d = date (2031, 1, 1);
  g_assert_false (civ_fee_list_price (list, "JC01", &d, &price));
  g_assert_false (civ_fee_list_price (list, "XX99", &d, &price));

  g_assert_cmpint (civ_fee_unit_from_string ("km"), ==, CIV_FEE_UNIT_KM);
  g_assert_cmpstr (civ_fee_unit_to_string (CIV_FEE_UNIT_YEAR), ==, "year");
  g_assert_cmpint (civ_fee_unit_from_string ("month"), ==, CIV_FEE_UNIT_INVALID);
}

/* One bad input: nothing returned, a format error naming @named. */
static void
assert_bad (const char *text, const char *named)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivFeeList) list = parse (text, &error);

  g_assert_null (list);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  if (error->domain != CIV_JSON_GUARD_ERROR)
    g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT);
  if (named != NULL && strstr (error->message, named) == NULL)
    g_error ("“%s” does not name %s", error->message, named);
}

#define ITEM(code, prices) "{\"code\": \"" code "\", \"unit\": \"body\", \"prices\": [" prices "]}"
#define LIST(items) "{\"area\": \"350102\", \"items\": [" items "]}"

static void
test_bad (void)
{
  assert_bad ("", NULL);
  assert_bad ("[]", NULL);
  assert_bad ("{\"area\": \"350102\", \"items\": [", NULL);
  assert_bad (LIST (ITEM ("HH01", "{\"price_fen\": -1, \"from\": \"2026-01-01\"}")), "HH01");
  assert_bad (LIST (ITEM ("HH01", "{\"price_fen\": -1, \"from\": \"2026-01-01\"}")), "price_fen");
  assert_bad (LIST (ITEM ("HH01", "{\"price_fen\": 600.5, \"from\": \"2026-01-01\"}")), "HH01");
  assert_bad (LIST (ITEM ("HH01", "{\"price_fen\": 600.0, \"from\": \"2026-01-01\"}")), "fraction");
  assert_bad (LIST (ITEM ("HH01", "{\"price_fen\": 6e4, \"from\": \"2026-01-01\"}")), "fraction");
  /* Overflowing 64 bits, and over the largest price. */
  assert_bad (LIST (ITEM ("HH01", "{\"price_fen\": 99999999999999999999, \"from\": "
                                  "\"2026-01-01\"}")),
              "HH01");
  assert_bad (LIST (ITEM ("HH01", "{\"price_fen\": 9223372036854775808, \"from\": "
                                  "\"2026-01-01\"}")),
              "HH01");
  assert_bad (LIST (ITEM ("HH01", "{\"price_fen\": 100000001, \"from\": \"2026-01-01\"}")), "HH01");
  assert_bad (LIST (ITEM ("HH01", "{\"price_fen\": \"600\", \"from\": \"2026-01-01\"}")), "HH01");
  assert_bad (LIST (ITEM ("HH01", "{\"from\": \"2026-01-01\"}")), "price_fen");
  /* Unknown members, at each level. */
  assert_bad (LIST (ITEM ("HH01", "{\"price_fen\": 1, \"from\": \"2026-01-01\", \"until\": "
                                  "\"2027-01-01\"}")),
              "until");
  assert_bad ("{\"area\": \"350102\", \"currency\": \"CNY\", \"items\": [" ITEM (
                "HH01", "{\"price_fen\": 1, \"from\": \"2026-01-01\"}") "]}",
              "currency");
  assert_bad (LIST ("{\"code\": \"HH01\", \"unit\": \"body\", \"price\": 1, \"prices\": "
                    "[{\"price_fen\": 1, \"from\": \"2026-01-01\"}]}"),
              "“price”");
  /* Duplicate codes. */
  assert_bad (LIST (ITEM ("HH01", "{\"price_fen\": 1, \"from\": \"2026-01-01\"}") "," ITEM (
                "HH01", "{\"price_fen\": 2, \"from\": \"2027-01-01\"}")),
              "HH01");
  /* Overlapping periods: open-ended then later, and sharing one day. */
  assert_bad (LIST (ITEM ("HH01", "{\"price_fen\": 1, \"from\": \"2026-01-01\"},"
                                  "{\"price_fen\": 2, \"from\": \"2027-01-01\"}")),
              "HH01");
  assert_bad (LIST (ITEM ("HH01", "{\"price_fen\": 1, \"from\": \"2026-01-01\", \"to\": "
                                  "\"2026-06-30\"},"
                                  "{\"price_fen\": 2, \"from\": \"2026-06-30\"}")),
              "2026-06-30");
  assert_bad (LIST (ITEM ("HH01", "{\"price_fen\": 1, \"from\": \"2026-07-01\", \"to\": "
                                  "\"2026-06-30\"}")),
              "HH01");
  assert_bad (LIST (ITEM ("HH01", "{\"price_fen\": 1, \"from\": \"2026-02-30\"}")), "2026-02-30");
  assert_bad (LIST (ITEM ("HH01", "")), "prices");
  assert_bad (LIST ("{\"code\": \"HH01\", \"unit\": \"month\", \"prices\": [{\"price_fen\": 1, "
                    "\"from\": \"2026-01-01\"}]}"),
              "month");
  assert_bad (LIST ("{\"unit\": \"body\", \"prices\": [{\"price_fen\": 1, \"from\": "
                    "\"2026-01-01\"}]}"),
              "code");
  assert_bad ("{\"items\": [" ITEM ("HH01", "{\"price_fen\": 1, \"from\": \"2026-01-01\"}") "]}",
              "area");
  assert_bad ("{\"area\": \"350102\", \"items\": []}", "items");
  /* A member named twice. */
  assert_bad ("{\"area\": \"350102\", \"area\": \"350103\", \"items\": [" ITEM (
                "HH01", "{\"price_fen\": 1, \"from\": \"2026-01-01\"}") "]}",
              NULL);
  /* Zero is a price (a free service). */
  {
    g_autoptr (CivFeeList) list =
      parse (LIST (ITEM ("HH01", "{\"price_fen\": 0, \"from\": \"2026-01-01\"}")), NULL);

    g_assert_nonnull (list);
  }
}

static void
test_bill (void)
{
  g_autoptr (CivFeeList) list = parse (good_list, NULL);
  g_autoptr (CivFeeBill) bill = civ_fee_bill_new ();
  g_autoptr (GPtrArray) findings = civ_findings_new ();
  GDate d = date (2026, 7, 1);

  civ_fee_bill_add (bill, "JY01", 1, &d, -1);
  civ_fee_bill_add (bill, "ZC01", 3, &d, -1);
  civ_fee_bill_add (bill, "HH01", 1, &d, 65000);
  g_assert_true (civ_fee_bill_check (list, bill, findings));
  g_assert_cmpuint (findings->len, ==, 0);
  g_assert_cmpint (g_array_index (bill->lines, CivFeeBillLine, 1).unit_price_fen, ==, 5000);
  g_assert_cmpint (g_array_index (bill->lines, CivFeeBillLine, 1).amount_fen, ==, 15000);
  g_assert_cmpint (bill->total_fen, ==, 40000 + 15000 + 65000);
}

static void
assert_bill_refused (const char *item, gint64 quantity, GDate d, gint64 price, const char *rule)
{
  g_autoptr (CivFeeList) list = parse (good_list, NULL);
  g_autoptr (CivFeeBill) bill = civ_fee_bill_new ();
  g_autoptr (GPtrArray) findings = civ_findings_new ();
  GDate ok = date (2026, 8, 1);

  civ_fee_bill_add (bill, "JY01", 1, &ok, -1);
  civ_fee_bill_add (bill, item, quantity, &d, price);
  g_assert_false (civ_fee_bill_check (list, bill, findings));
  g_assert_true (civ_findings_has (findings, rule, CIV_SEVERITY_REFUSE));
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_cmpint (g_array_index (bill->lines, CivFeeBillLine, 1).amount_fen, ==, -1);
}

/* R-F4: nothing outside the list or out of force; a positive whole quantity. */
static void
test_bill_refused (void)
{
  GDate none;

  g_date_clear (&none, 1);
  assert_bill_refused ("YR01", 1, date (2026, 8, 1), -1, "R-F4");      /* not listed */
  assert_bill_refused ("HH01", 1, date (2024, 12, 31), -1, "R-F4");    /* not yet in force */
  assert_bill_refused ("JC01", 1, date (2031, 1, 1), -1, "R-F4");      /* no longer */
  assert_bill_refused ("ZC01", 0, date (2026, 8, 1), -1, "R-F4");      /* zero days */
  assert_bill_refused ("ZC01", -2, date (2026, 8, 1), -1, "R-F4");     /* negative */
  assert_bill_refused ("ZC01", 100001, date (2026, 8, 1), -1, "R-F4"); /* too many */
  assert_bill_refused ("ZC01", 1, none, -1, "R-F4");                   /* no date */
  assert_bill_refused ("HH01", 1, date (2026, 8, 1), 60000, "R-F10");  /* not the listed price */

  /* Without a list every line carries its price. */
  {
    g_autoptr (CivFeeBill) bill = civ_fee_bill_new ();
    g_autoptr (GPtrArray) findings = civ_findings_new ();
    GDate d = date (2026, 8, 1);

    civ_fee_bill_add (bill, "HH01", 1, &d, -1);
    g_assert_false (civ_fee_bill_check (NULL, bill, findings));
    g_assert_true (civ_findings_has (findings, "R-F4", CIV_SEVERITY_REFUSE));
  }
}

/* The largest bill: no overflow. */
static void
test_bill_largest (void)
{
  g_autoptr (CivFeeBill) bill = civ_fee_bill_new ();
  g_autoptr (GPtrArray) findings = civ_findings_new ();
  GDate d = date (2026, 8, 1);

  for (int i = 0; i < CIV_FEE_MAX_LINES; i++)
    civ_fee_bill_add (bill, "X", CIV_FEE_MAX_QUANTITY, &d, CIV_FEE_MAX_FEN);
  g_assert_true (civ_fee_bill_check (NULL, bill, findings));
  g_assert_cmpint (bill->total_fen, ==, CIV_FEE_MAX_LINES * CIV_FEE_MAX_QUANTITY * CIV_FEE_MAX_FEN);
  civ_fee_bill_add (bill, "X", 1, &d, 1);
  g_assert_false (civ_fee_bill_check (NULL, bill, findings));
}

static void
test_fen_format (void)
{
  const struct
  {
    gint64      fen;
    const char *text;
  } cases[] = {
    { 0, "0.00" },       { 5, "0.05" },     { 178000, "1780.00" },
    { 12345, "123.45" }, { -250, "-2.50" }, { G_MININT64, "-92233720368547758.08" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = civ_fen_format (cases[i].fen);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* Every unit has a label of its own; an invalid one has none. */
static void
test_unit_labels (void)
{
  static const char *const codes[] = { "body", "day", "year", "piece", "km" };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      const char *label = civ_fee_unit_label (civ_fee_unit_from_string (codes[i]));

      g_assert_cmpstr (label, ==, codes[i]); /* untranslated: the English word */
      for (guint k = 0; k < i; k++)
        g_assert_cmpstr (label, !=, civ_fee_unit_label (civ_fee_unit_from_string (codes[k])));
    }
  g_assert_null (civ_fee_unit_label (CIV_FEE_UNIT_INVALID));
  g_assert_null (civ_fee_unit_label (civ_fee_unit_from_string ("hour")));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/funeral-fees/good", test_good);
  g_test_add_func ("/funeral-fees/bad", test_bad);
  g_test_add_func ("/funeral-fees/bill", test_bill);
  g_test_add_func ("/funeral-fees/R-F4-bill-refused", test_bill_refused);
  g_test_add_func ("/funeral-fees/bill-largest", test_bill_largest);
  g_test_add_func ("/funeral-fees/fen-format", test_fen_format);
  g_test_add_func ("/funeral-fees/unit-labels", test_unit_labels);
  return g_test_run ();
}
