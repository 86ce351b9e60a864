// SPDX-License-Identifier: GPL-3.0-or-later
/* test-funeral-money.c — funeral money over real SQLCipher files with fake
 * dates (R-F4, R-F8, R-F9, R-F10): fee lists and policies imported once
 * (malformed ones refused with nothing changed), the list in force by area
 * and day; bill lines of listed items only, priced from the list, with
 * quantities checked; cancelling lines; waiver assessments under two
 * policy versions by date, with caps reached and not reached; receipts
 * numbered gapless, a second only for lines billed after the first; the
 * permission per role; the jobs a page runs. */
#include <string.h>

#include "civ-app-error.h"
#include "civ-funeral-money.h"
#include "civ-test-utils.h"

#define FUNERAL "binzang"
#define FUNERAL_PW "Funeral-password-1"
#define CLERK "clerk"
#define CLERK_PW "Clerk-password-1"

/* The test office is 110101; its prefecture 110100. JY01 collection,
 * ZC01 storage per day, HH01 cremation (600 yuan to 2026-06-30, then 650),
 * JC01 ash storage per year, GG01 an urn (not a basic service). */
static const char fees_city[] =
  "{\"area\": \"110100\", \"name\": \"北京市基本殡葬服务收费目录\", \"items\": ["
  "{\"code\": \"JY01\", \"name\": \"遗体接运\", \"unit\": \"body\","
  " \"prices\": [{\"price_fen\": 30000, \"from\": \"2026-01-01\"}]},"
  "{\"code\": \"ZC01\", \"name\": \"遗体冷藏\", \"unit\": \"day\","
  " \"prices\": [{\"price_fen\": 5000, \"from\": \"2026-01-01\"}]},"
  "{\"code\": \"HH01\", \"name\": \"火化\", \"unit\": \"body\","
  " \"prices\": [{\"price_fen\": 60000, \"from\": \"2026-01-01\", \"to\": \"2026-06-30\"},"
  "              {\"price_fen\": 65000, \"from\": \"2026-07-01\"}]},"
  "{\"code\": \"JC01\", \"name\": \"骨灰寄存\", \"unit\": \"year\","
  " \"prices\": [{\"price_fen\": 12000, \"from\": \"2026-01-01\"}]},"
  "{\"code\": \"GG01\", \"name\": \"骨灰盒\", \"unit\": \"piece\","
  " \"prices\": [{\"price_fen\": 80000, \"from\": \"2026-01-01\"}]}]}";

/* The district's own list from 2026-10-01: cremation at 700 yuan. */
static const char fees_district[] =
  "{\"area\": \"110101\", \"name\": \"东城区收费目录\", \"items\": ["
  "{\"code\": \"HH01\", \"name\": \"火化（东城）\", \"unit\": \"body\","
  " \"prices\": [{\"price_fen\": 70000, \"from\": \"2026-10-01\"}]}]}";

/* Version 1, to 2026-06-30: 低保 and 特困, generous caps, 2,000 yuan a body. */
static const char policy_v1[] =
  "{\"area\": \"110101\", \"version\": \"东民〔2026〕1号\", \"effective_from\": \"2026-01-01\","
  " \"effective_to\": \"2026-06-30\", \"groups\": [\"dibao\", \"tekun\"],"
  " \"cap_per_body_fen\": 200000, \"items\": ["
  "{\"item\": \"JY01\", \"basic\": \"collection\", \"cap_fen\": 40000},"
  "{\"item\": \"ZC01\", \"basic\": \"storage\", \"cap_fen\": 5000, \"max_units\": 7},"
  "{\"item\": \"HH01\", \"basic\": \"cremation\", \"cap_fen\": 70000},"
  "{\"item\": \"JC01\", \"basic\": \"ash-storage\", \"cap_fen\": 12000, \"max_units\": 3}]}";

/* Version 2, from 2026-07-01: more groups, tighter caps, 1,000 yuan a body. */
static const char policy_v2[] =
  "{\"area\": \"110100\", \"version\": \"京民〔2026〕2号\", \"effective_from\": \"2026-07-01\","
  " \"groups\": [\"dibao\", \"tekun\", \"sanwu\", \"unidentified\", \"youfu\"],"
  " \"cap_per_body_fen\": 100000, \"items\": ["
  "{\"item\": \"JY01\", \"basic\": \"collection\", \"cap_fen\": 40000},"
  "{\"item\": \"ZC01\", \"basic\": \"storage\", \"cap_fen\": 4000, \"max_units\": 3},"
  "{\"item\": \"HH01\", \"basic\": \"cremation\", \"cap_fen\": 60000}]}";

typedef struct
{
  char     *dir;
  CivStore *admin;
  CivStore *funeral;
} Fixture;

static char *template_dir;

static CivStore *
open_as (Fixture *fx, const char *login, const char *password)
{
  g_autoptr (GError) error = NULL;
  CivStore *store = civ_store_open (fx->dir, login, password, &error);

  g_assert_no_error (error);
  return store;
}

static void
make_template (void)
{
  g_autoptr (CivStore) store = civ_test_new_office (&template_dir, NULL);

  civ_test_add_operator (store, FUNERAL, "刘洋", CIV_ROLE_FUNERAL_CLERK, FUNERAL_PW);
  civ_test_add_operator (store, CLERK, "李登记", CIV_ROLE_REGISTRAR, CLERK_PW);
}

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  fx->admin = civ_test_copy_office (template_dir, &fx->dir);
  fx->funeral = open_as (fx, FUNERAL, FUNERAL_PW);
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  g_clear_object (&fx->funeral);
  g_clear_object (&fx->admin);
  civ_test_rmdir (fx->dir);
  g_free (fx->dir);
}

static GDate
day (int m, int d)
{
  GDate date;

  civ_test_date (&date, 2026, m, d);
  return date;
}

static void
assert_rule (const GError *error, int code, const char *rule)
{
  g_assert_error (error, CIV_APP_ERROR, code);
  g_assert_cmpstr (civ_app_error_get_rule (error), ==, rule);
}

/* Rows of the money tables and audit entries: what a refusal must leave. */
static char *
snapshot (Fixture *fx)
{
  return g_strdup_printf (
    "%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT
    "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
    civ_test_count (fx->admin, "SELECT count(*) FROM funeral_fee_lists"),
    civ_test_count (fx->admin, "SELECT count(*) FROM funeral_waiver_policies"),
    civ_test_count (fx->admin, "SELECT count(*) FROM funeral_bill_lines"),
    civ_test_count (fx->admin, "SELECT count(*) FROM funeral_waiver_assessments"),
    civ_test_count (fx->admin, "SELECT count(*) FROM funeral_receipts"),
    civ_test_count (fx->admin, "SELECT count(*) FROM audit_log WHERE action LIKE 'funeral.%'"));
}

static gint64
import_fees (Fixture *fx, const char *json, int m, int d)
{
  g_autoptr (GError) error = NULL;
  GDate today = day (m, d);
  g_autoptr (CivFuneralMoneyFile) f =
    civ_funeral_fees_import (fx->funeral, json, strlen (json), &today, &error);

  g_assert_no_error (error);
  g_assert_nonnull (f);
  return f->id;
}

static gint64
import_policy (Fixture *fx, const char *json, int m, int d)
{
  g_autoptr (GError) error = NULL;
  GDate today = day (m, d);
  g_autoptr (CivFuneralMoneyFile) f =
    civ_funeral_policy_import (fx->funeral, json, strlen (json), &today, &error);

  g_assert_no_error (error);
  g_assert_nonnull (f);
  return f->id;
}

/* A case of the office reported on 2026-@m-@d, as the case service will
 * insert it. Returns its number. */
static char *
new_case (Fixture *fx, const char *record_id, int m, int d)
{
  g_autoptr (GError) error = NULL;
  g_autofree char  *reported = g_strdup_printf ("2026-%02d-%02d", m, d);
  CivDb            *db = civ_store_get_db (fx->admin);
  CivFuneralCaseRow row = { 0 };
  char             *case_no = NULL;

  row.record_id = (char *) record_id;
  row.office_code = (char *) "110101";
  row.state = (char *) "DEATH_REPORTED";
  row.reported_on = reported;
  row.deceased_name = (char *) "王老汉";
  row.sex = 1;
  row.agent_name = (char *) "王家属";
  g_assert_true (civ_db_begin (db, &error));
  g_assert_cmpint (civ_funeral_case_insert (db, &row, CIV_TEST_SUPERVISOR, &case_no, &error), >, 0);
  g_assert_true (civ_db_commit (db, &error));
  g_assert_no_error (error);
  return case_no;
}

static CivFuneralBillLine *
bill_ok (Fixture *fx, const char *case_no, const char *item, gint64 qty, int m, int d)
{
  g_autoptr (GError) error = NULL;
  GDate               today = day (m, d);
  CivFuneralBillLine *line = civ_funeral_bill_add (fx->funeral, case_no, item, qty, &today, &error);

  g_assert_no_error (error);
  g_assert_nonnull (line);
  return line;
}

static GError *
bill_refused (Fixture *fx, const char *case_no, const char *item, gint64 qty, int m, int d)
{
  GError             *error = NULL;
  GDate               today = day (m, d);
  g_autofree char    *before = snapshot (fx);
  g_autofree char    *after = NULL;
  CivFuneralBillLine *line = civ_funeral_bill_add (fx->funeral, case_no, item, qty, &today, &error);

  g_assert_null (line);
  g_assert_nonnull (error);
  after = snapshot (fx);
  g_assert_cmpstr (before, ==, after);
  return error;
}

static void
test_import (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GDate            today = day (6, 1);
  gint64           city, in_force = -1;

  city = import_fees (fx, fees_city, 6, 1);
  g_assert_cmpint (civ_test_count (fx->admin, "SELECT count(*) FROM audit_log WHERE action = "
                                              "'funeral.fees.import' AND object = '110100'"),
                   ==, 1);
  {
    g_autoptr (CivFuneralMoneyFile) f =
      civ_funeral_fee_list_get (civ_store_get_db (fx->admin), city, &error);

    g_assert_cmpstr (f->area, ==, "110100");
    g_assert_cmpstr (f->name, ==, "北京市基本殡葬服务收费目录");
    g_assert_cmpstr (f->effective_from, ==, "2026-01-01");
    g_assert_null (f->effective_to);
    g_assert_cmpint (f->n_items, ==, 5);
    g_assert_cmpstr (f->json, ==, fees_city);
    g_assert_cmpint (strlen (f->sha256), ==, 64);
    g_assert_cmpstr (f->imported_by, ==, FUNERAL);
    g_assert_cmpstr (f->imported_on, ==, "2026-06-01");
  }

  before = snapshot (fx);
  /* The same file twice. */
  g_assert_null (
    civ_funeral_fees_import (fx->funeral, fees_city, strlen (fees_city), &today, &error));
  assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F4");
  g_clear_error (&error);
  /* Malformed: a fractional price, a negative one, an unknown member, not JSON. */
  {
    const char *bad[] = {
      "{\"area\": \"110101\", \"items\": [{\"code\": \"A\", \"unit\": \"body\", \"prices\": "
      "[{\"price_fen\": 600.5, \"from\": \"2026-01-01\"}]}]}",
      "{\"area\": \"110101\", \"items\": [{\"code\": \"A\", \"unit\": \"body\", \"prices\": "
      "[{\"price_fen\": -1, \"from\": \"2026-01-01\"}]}]}",
      "{\"area\": \"110101\", \"itemz\": []}",
      "{\"area\": ",
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_assert_null (
          civ_funeral_fees_import (fx->funeral, bad[i], strlen (bad[i]), &today, &error));
        g_assert_nonnull (error);
        g_clear_error (&error);
      }
  }
  /* An area that is not a division code. */
  {
    const char *odd = "{\"area\": \"Beijing\", \"items\": [{\"code\": \"A\", \"unit\": \"body\", "
                      "\"prices\": [{\"price_fen\": 1, \"from\": \"2026-01-01\"}]}]}";

    g_assert_null (civ_funeral_fees_import (fx->funeral, odd, strlen (odd), &today, &error));
    assert_rule (error, CIV_APP_ERROR_INVALID, "R-F4");
    g_clear_error (&error);
  }
  /* A policy whose item is on no fee list of its area. */
  {
    const char *typo = "{\"area\": \"110101\", \"version\": \"v-typo\", \"effective_from\": "
                       "\"2026-01-01\", \"groups\": [\"dibao\"], \"items\": [{\"item\": \"HH1\", "
                       "\"basic\": \"cremation\"}]}";

    g_assert_null (civ_funeral_policy_import (fx->funeral, typo, strlen (typo), &today, &error));
    assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F8");
    g_assert_nonnull (strstr (error->message, "HH1"));
    g_clear_error (&error);
  }
  /* A malformed policy: a fractional cap. */
  {
    const char *bad = "{\"area\": \"110101\", \"version\": \"v\", \"effective_from\": "
                      "\"2026-01-01\", \"groups\": [\"dibao\"], \"items\": [{\"item\": \"HH01\", "
                      "\"basic\": \"cremation\", \"cap_fen\": 1.5}]}";

    g_assert_null (civ_funeral_policy_import (fx->funeral, bad, strlen (bad), &today, &error));
    g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT);
    g_clear_error (&error);
  }
  after = snapshot (fx);
  g_assert_cmpstr (before, ==, after);

  import_policy (fx, policy_v1, 6, 1);
  /* Another file with the area's version. */
  {
    g_autofree char *copy = g_strdup (policy_v1);
    char            *cap = strstr (copy, "200000");

    cap[0] = '3';
    g_assert_null (civ_funeral_policy_import (fx->funeral, copy, strlen (copy), &today, &error));
    assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F8");
    g_clear_error (&error);
    g_assert_null (
      civ_funeral_policy_import (fx->funeral, policy_v1, strlen (policy_v1), &today, &error));
    assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F8");
    g_clear_error (&error);
  }
  import_policy (fx, policy_v2, 6, 1);

  /* Lists: all of them, and which is in force for the office that day. */
  {
    g_autoptr (GPtrArray) lists = civ_funeral_fees_list (fx->funeral, &today, &in_force, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (lists->len, ==, 1);
    g_assert_cmpint (in_force, ==, city);
  }
  {
    GDate autumn = day (8, 1);
    g_autoptr (GPtrArray) policies =
      civ_funeral_policy_list (fx->funeral, &today, &in_force, &error);

    g_assert_cmpuint (policies->len, ==, 2);
    g_assert_cmpint (in_force, ==, ((CivFuneralMoneyFile *) g_ptr_array_index (policies, 0))->id);
    g_clear_pointer (&policies, g_ptr_array_unref);
    policies = civ_funeral_policy_list (fx->funeral, &autumn, &in_force, &error);
    g_assert_cmpint (in_force, ==, ((CivFuneralMoneyFile *) g_ptr_array_index (policies, 1))->id);
  }
}

static void
test_bill (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *case_no = new_case (fx, "case-a", 6, 20);
  gint64           qty = 0;

  /* No fee list yet. */
  error = bill_refused (fx, case_no, "HH01", 1, 6, 20);
  assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F4");
  g_clear_error (&error);
  import_fees (fx, fees_city, 6, 1);
  import_fees (fx, fees_district, 6, 1);

  /* Priced from the list of the day: 600 yuan in June, 650 from July,
   * and the district's own 700 from October. */
  {
    g_autoptr (CivFuneralBillLine) june = bill_ok (fx, case_no, "HH01", 1, 6, 30);
    g_autoptr (CivFuneralBillLine) july = bill_ok (fx, case_no, " HH01 ", 1, 7, 1);
    g_autoptr (CivFuneralBillLine) october = bill_ok (fx, case_no, "HH01", 1, 10, 1);
    g_autoptr (CivFuneralBillLine) storage = bill_ok (fx, case_no, "ZC01", 4, 7, 2);

    g_assert_cmpint (june->line_no, ==, 1);
    g_assert_cmpint (june->unit_price_fen, ==, 60000);
    g_assert_cmpint (july->unit_price_fen, ==, 65000);
    g_assert_cmpstr (july->item_code, ==, "HH01");
    g_assert_cmpint (october->unit_price_fen, ==, 70000);
    g_assert_cmpstr (october->item_name, ==, "火化（东城）");
    g_assert_cmpint (storage->line_no, ==, 4);
    g_assert_cmpint (storage->amount_fen, ==, 20000);
    g_assert_cmpstr (storage->unit, ==, "day");
    g_assert_cmpstr (storage->service_on, ==, "2026-07-02");
    g_assert_cmpint (civ_test_count (fx->admin, "SELECT count(*) FROM audit_log WHERE action = "
                                                "'funeral.bill.add'"),
                     ==, 4);
  }
  /* An unlisted item: R-F4, named. The district's list has no urn in October. */
  error = bill_refused (fx, case_no, "XX99", 1, 7, 2);
  assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F4");
  g_assert_nonnull (strstr (error->message, "XX99"));
  g_clear_error (&error);
  error = bill_refused (fx, case_no, "GG01", 1, 10, 2);
  assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F4");
  g_clear_error (&error);
  /* Before any list is in force. */
  {
    GDate old;

    civ_test_date (&old, 2025, 12, 31);
    g_assert_null (civ_funeral_bill_add (fx->funeral, case_no, "HH01", 1, &old, &error));
    assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F4");
    g_clear_error (&error);
  }
  /* Quantities: per body only 1; none, negative or too many refused. */
  error = bill_refused (fx, case_no, "HH01", 2, 7, 2);
  assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F4");
  g_clear_error (&error);
  error = bill_refused (fx, case_no, "ZC01", 0, 7, 2);
  assert_rule (error, CIV_APP_ERROR_INVALID, "R-F4");
  g_clear_error (&error);
  error = bill_refused (fx, case_no, "ZC01", -3, 7, 2);
  assert_rule (error, CIV_APP_ERROR_INVALID, "R-F4");
  g_clear_error (&error);
  error = bill_refused (fx, case_no, "ZC01", CIV_FEE_MAX_QUANTITY + 1, 7, 2);
  g_clear_error (&error);
  error = bill_refused (fx, case_no, "", 1, 7, 2);
  assert_rule (error, CIV_APP_ERROR_INVALID, "R-F4");
  g_clear_error (&error);
  /* An unknown case. */
  error = bill_refused (fx, "BZ110101-2026-000099", "HH01", 1, 7, 2);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_clear_error (&error);

  /* A quantity as typed. */
  g_assert_true (civ_funeral_quantity_parse (" 3 ", &qty, &error));
  g_assert_cmpint (qty, ==, 3);
  {
    const char *bad[] = { "-3", "1.5", "0", "abc", "", "1e3", "+2", "100001", "３" };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_assert_false (civ_funeral_quantity_parse (bad[i], &qty, &error));
        assert_rule (error, CIV_APP_ERROR_INVALID, "R-F4");
        g_clear_error (&error);
      }
  }

  /* Cancel line 2: a cancelling line 5; the total drops. */
  {
    GDate today = day (7, 3);
    g_autoptr (CivFuneralBillLine) c =
      civ_funeral_bill_cancel (fx->funeral, case_no, 2, "重复录入", &today, &error);
    g_autoptr (CivFuneralBillSummary) s = NULL;
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (c->line_no, ==, 5);
    g_assert_cmpint (c->cancels_line_no, ==, 2);
    g_assert_cmpint (c->amount_fen, ==, 65000);
    g_assert_cmpstr (c->reason, ==, "重复录入");
    before = snapshot (fx);
    /* Twice, a cancelling line, a line that is not there: refused. */
    g_assert_null (civ_funeral_bill_cancel (fx->funeral, case_no, 2, NULL, &today, &error));
    assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F4");
    g_clear_error (&error);
    g_assert_null (civ_funeral_bill_cancel (fx->funeral, case_no, 5, NULL, &today, &error));
    assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F4");
    g_clear_error (&error);
    g_assert_null (civ_funeral_bill_cancel (fx->funeral, case_no, 9, NULL, &today, &error));
    assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F4");
    g_clear_error (&error);
    g_assert_null (civ_funeral_bill_cancel (fx->funeral, case_no, -1, NULL, &today, &error));
    g_clear_error (&error);
    after = snapshot (fx);
    g_assert_cmpstr (before, ==, after);

    s = civ_funeral_bill_get (fx->funeral, case_no, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (s->lines->len, ==, 5);
    g_assert_cmpint (s->total_fen, ==, 60000 + 70000 + 20000);
    g_assert_cmpint (s->waived_fen, ==, 0);
    g_assert_cmpint (s->to_pay_fen, ==, s->total_fen);
    g_assert_null (s->assessment);
    g_assert_cmpuint (s->receipts->len, ==, 0);
    g_assert_cmpint (civ_test_count (fx->admin, "SELECT count(*) FROM audit_log WHERE action = "
                                                "'funeral.bill.view'"),
                     ==, 1);
  }
}

/* Case A in May under version 1 (caps not reached); case B in August
 * under version 2 (the item caps, the most days and the cap per body all
 * reached); refusals; receipts. */
static void
test_waiver_and_receipts (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *a = new_case (fx, "case-a", 5, 9);
  g_autofree char *b = new_case (fx, "case-b", 7, 30);
  g_autofree char *empty = new_case (fx, "case-c", 7, 30);
  GDate            may = day (5, 12);
  GDate            aug = day (8, 2);

  import_fees (fx, fees_city, 1, 5);
  import_policy (fx, policy_v1, 1, 5);
  import_policy (fx, policy_v2, 1, 5);

  civ_funeral_bill_line_free (bill_ok (fx, a, "JY01", 1, 5, 10));
  civ_funeral_bill_line_free (bill_ok (fx, a, "ZC01", 5, 5, 10));
  civ_funeral_bill_line_free (bill_ok (fx, a, "HH01", 1, 5, 11));
  civ_funeral_bill_line_free (bill_ok (fx, a, "GG01", 1, 5, 11));

  /* Not eligible: no group under a policy of listed groups, a group
   * without evidence, a group the policy does not list. Nothing stored. */
  {
    g_autofree char *before = snapshot (fx);
    g_autofree char *after = NULL;

    g_assert_null (civ_funeral_waiver_assess_case (fx->funeral, a, CIV_WAIVER_GROUP_NONE, TRUE,
                                                   NULL, &may, &error));
    assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F8");
    g_clear_error (&error);
    g_assert_null (civ_funeral_waiver_assess_case (fx->funeral, a, CIV_WAIVER_GROUP_DIBAO, FALSE,
                                                   "  ", &may, &error));
    assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F8");
    g_clear_error (&error);
    g_assert_null (civ_funeral_waiver_assess_case (fx->funeral, a, CIV_WAIVER_GROUP_YOUFU, FALSE,
                                                   "优抚证 1", &may, &error));
    assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F8");
    g_clear_error (&error);
    /* A policy's group is not a case's. */
    g_assert_null (civ_funeral_waiver_assess_case (fx->funeral, a, CIV_WAIVER_GROUP_ALL_RESIDENTS,
                                                   TRUE, NULL, &may, &error));
    assert_rule (error, CIV_APP_ERROR_INVALID, "R-F8");
    g_clear_error (&error);
    /* No policy in force (2025). */
    {
      GDate old;

      civ_test_date (&old, 2025, 12, 1);
      g_assert_null (civ_funeral_waiver_assess_case (fx->funeral, a, CIV_WAIVER_GROUP_DIBAO, FALSE,
                                                     "低保证 1", &old, &error));
      assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F8");
      g_clear_error (&error);
    }
    /* An empty bill. */
    g_assert_null (civ_funeral_waiver_assess_case (fx->funeral, empty, CIV_WAIVER_GROUP_DIBAO,
                                                   FALSE, "低保证 1", &aug, &error));
    assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F8");
    g_clear_error (&error);
    /* A bill of May assessed under August's policy: the lines are out of its dates. */
    g_assert_null (civ_funeral_waiver_assess_case (fx->funeral, a, CIV_WAIVER_GROUP_DIBAO, FALSE,
                                                   "低保证 1", &aug, &error));
    assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F8");
    g_clear_error (&error);
    after = snapshot (fx);
    g_assert_cmpstr (before, ==, after);
  }

  /* Case A, 特困 with evidence, version 1: 300 + 5 × 50 + 600 waived in
   * full, the urn not covered; the cap per body (2,000) not reached. */
  {
    g_autoptr (CivFuneralWaiverResult) r =
      civ_funeral_waiver_assess_case (fx->funeral, a, CIV_WAIVER_GROUP_TEKUN, FALSE,
                                      "特困供养证 110101-07", &may, &error);
    const CivWaiverLine *lines;

    g_assert_no_error (error);
    g_assert_cmpstr (r->row->policy_version, ==, "东民〔2026〕1号");
    g_assert_cmpstr (r->row->waiver_group, ==, "tekun");
    g_assert_cmpstr (r->row->evidence, ==, "特困供养证 110101-07");
    g_assert_cmpint (r->row->total_fen, ==, 30000 + 25000 + 60000 + 80000);
    g_assert_cmpint (r->row->waived_fen, ==, 115000);
    g_assert_cmpint (r->row->family_fen, ==, 80000);
    g_assert_cmpint (r->row->last_line_no, ==, 4);
    g_assert_cmpuint (r->lines->len, ==, 4);
    lines = (const CivWaiverLine *) r->assessment->lines->data;
    g_assert_cmpint (lines[0].cap, ==, CIV_WAIVER_CAP_NONE);
    g_assert_cmpint (lines[1].covered_fen, ==, 25000);
    g_assert_cmpint (lines[3].cap, ==, CIV_WAIVER_CAP_NOT_COVERED);
    /* R-F9: the 特困 person's support includes the funeral. */
    g_assert_true (civ_findings_has (r->assessment->findings, "R-F9", CIV_SEVERITY_INFO));
    g_assert_nonnull (strstr (r->row->items, "\"waived_fen\":25000"));
    g_assert_nonnull (strstr (r->row->items, "\"cap\":\"not-covered\""));
  }
  g_assert_cmpint (civ_test_count (fx->admin, "SELECT count(*) FROM audit_log WHERE action = "
                                              "'funeral.waiver.assess'"),
                   ==, 1);

  /* Case B in August, 三无 (only version 2 lists it): 300 (cap 400: in
   * full), 5 days × 50 → 3 days × 40 = 120 (units), cremation 650 → 600
   * (item cap) but 1,000 a body leaves 580 (body), the urn not covered. */
  civ_funeral_bill_line_free (bill_ok (fx, b, "JY01", 1, 7, 30));
  civ_funeral_bill_line_free (bill_ok (fx, b, "ZC01", 5, 7, 31));
  civ_funeral_bill_line_free (bill_ok (fx, b, "HH01", 1, 8, 1));
  civ_funeral_bill_line_free (bill_ok (fx, b, "GG01", 1, 8, 1));
  {
    g_autoptr (CivFuneralWaiverResult) r =
      civ_funeral_waiver_assess_case (fx->funeral, b, CIV_WAIVER_GROUP_SANWU, FALSE,
                                      "派出所证明 2026-118", &aug, &error);
    const CivWaiverLine *lines;

    g_assert_no_error (error);
    g_assert_cmpstr (r->row->policy_version, ==, "京民〔2026〕2号");
    lines = (const CivWaiverLine *) r->assessment->lines->data;
    g_assert_cmpint (lines[0].covered_fen, ==, 30000);
    g_assert_cmpint (lines[0].cap, ==, CIV_WAIVER_CAP_NONE);
    g_assert_cmpint (lines[1].covered_fen, ==, 12000);
    g_assert_cmpint (lines[1].cap, ==, CIV_WAIVER_CAP_UNITS);
    g_assert_cmpint (lines[2].covered_fen, ==, 58000);
    g_assert_cmpint (lines[2].cap, ==, CIV_WAIVER_CAP_BODY);
    g_assert_cmpint (lines[3].covered_fen, ==, 0);
    g_assert_cmpint (r->row->waived_fen, ==, 100000);
    g_assert_cmpint (r->row->family_fen, ==, 30000 + 25000 + 65000 + 80000 - 100000);
  }

  /* Receipts: case A first (000001), all four lines. */
  {
    g_autoptr (CivFuneralReceiptRow) r = civ_funeral_receipt_issue (fx->funeral, a, &may, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (r->receipt_no, ==, "SJ110101-2026-000001");
    g_assert_cmpuint (r->lines->len, ==, 4);
    g_assert_cmpint (r->total_fen, ==, 195000);
    g_assert_cmpint (r->waived_fen, ==, 115000);
    g_assert_cmpint (r->to_pay_fen, ==, 80000);
    g_assert_cmpint (((CivFuneralReceiptLine *) g_ptr_array_index (r->lines, 3))->waived_fen, ==,
                     0);
  }
  /* Nothing new billed: no second receipt; an empty bill: none at all. */
  {
    g_autofree char *before = snapshot (fx);
    g_autofree char *after = NULL;

    g_assert_null (civ_funeral_receipt_issue (fx->funeral, a, &may, &error));
    assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F4");
    g_clear_error (&error);
    g_assert_null (civ_funeral_receipt_issue (fx->funeral, empty, &may, &error));
    assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F4");
    g_clear_error (&error);
    /* A receipted line is not cancelled. */
    g_assert_null (civ_funeral_bill_cancel (fx->funeral, a, 1, NULL, &may, &error));
    assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F4");
    g_assert_nonnull (strstr (error->message, "SJ110101-2026-000001"));
    g_clear_error (&error);
    after = snapshot (fx);
    g_assert_cmpstr (before, ==, after);
  }
  /* One year of ash storage billed after: the assessment is out of date. */
  civ_funeral_bill_line_free (bill_ok (fx, a, "JC01", 1, 5, 13));
  {
    GDate next = day (5, 13);

    g_assert_null (civ_funeral_receipt_issue (fx->funeral, a, &next, &error));
    assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F8");
    g_clear_error (&error);
    {
      g_autoptr (CivFuneralBillSummary) s = civ_funeral_bill_get (fx->funeral, a, &error);

      g_assert_false (s->assessment_current);
      g_assert_cmpint (s->waived_fen, ==, 0);
      g_assert_cmpint (s->unreceipted_fen, ==, 12000);
    }
    civ_funeral_waiver_result_free (
      civ_funeral_waiver_assess_case (fx->funeral, a, CIV_WAIVER_GROUP_TEKUN, FALSE,
                                      "特困供养证 110101-07", &next, &error));
    g_assert_no_error (error);
    {
      g_autoptr (CivFuneralReceiptRow) r =
        civ_funeral_receipt_issue (fx->funeral, a, &next, &error);
      g_autoptr (CivFuneralBillSummary) s = NULL;

      g_assert_no_error (error);
      /* Only the new line, on the next number. */
      g_assert_cmpstr (r->receipt_no, ==, "SJ110101-2026-000002");
      g_assert_cmpuint (r->lines->len, ==, 1);
      g_assert_cmpint (((CivFuneralReceiptLine *) g_ptr_array_index (r->lines, 0))->line_no, ==, 5);
      g_assert_cmpint (r->total_fen, ==, 12000);
      g_assert_cmpint (r->waived_fen, ==, 12000);
      g_assert_cmpint (r->to_pay_fen, ==, 0);
      s = civ_funeral_bill_get (fx->funeral, a, &error);
      g_assert_true (s->assessment_current);
      g_assert_cmpint (s->total_fen, ==, 207000);
      g_assert_cmpint (s->waived_fen, ==, 127000);
      g_assert_cmpint (s->to_pay_fen, ==, 80000);
      g_assert_cmpint (s->unreceipted_fen, ==, 0);
      g_assert_cmpuint (s->receipts->len, ==, 2);
    }
  }
  /* Case B: the next number; its waiver is the body cap's 1,000 yuan. */
  {
    g_autoptr (CivFuneralReceiptRow) r = civ_funeral_receipt_issue (fx->funeral, b, &aug, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (r->receipt_no, ==, "SJ110101-2026-000003");
    g_assert_cmpint (r->waived_fen, ==, 100000);
    g_assert_cmpint (r->to_pay_fen, ==, 100000);
  }
  /* Without an assessment nothing is waived. */
  civ_funeral_bill_line_free (bill_ok (fx, empty, "JY01", 1, 8, 2));
  {
    g_autoptr (CivFuneralReceiptRow) r =
      civ_funeral_receipt_issue (fx->funeral, empty, &aug, &error);

    g_assert_no_error (error);
    g_assert_cmpint (r->waived_fen, ==, 0);
    g_assert_cmpint (r->to_pay_fen, ==, 30000);
    g_assert_cmpint (r->assessment_id, ==, 0);
  }
  g_assert_cmpint (civ_test_count (fx->admin, "SELECT count(*) FROM audit_log WHERE action = "
                                              "'funeral.receipt.issue'"),
                   ==, 4);
}

/* A registrar without the funeral permission: refused and audited. */
static void
test_permission (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) clerk = open_as (fx, CLERK, CLERK_PW);
  g_autofree char *case_no = new_case (fx, "case-a", 6, 20);
  GDate            today = day (6, 20);
  gint64           denied =
    civ_test_count (fx->admin, "SELECT count(*) FROM audit_log WHERE action = 'denied'");

  g_assert_null (civ_funeral_fees_import (clerk, fees_city, strlen (fees_city), &today, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_null (civ_funeral_bill_add (clerk, case_no, "HH01", 1, &today, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_null (civ_funeral_bill_get (clerk, case_no, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_null (civ_funeral_receipt_issue (clerk, case_no, &today, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpint (civ_test_count (fx->admin,
                                   "SELECT count(*) FROM audit_log WHERE action = 'denied'"),
                   ==, denied + 4);
  g_assert_cmpint (civ_test_count (fx->admin, "SELECT count(*) FROM funeral_fee_lists"), ==, 0);
}

/* Areas: an office's own code, its prefecture, its province. */
static void
test_areas (void)
{
  g_auto (GStrv) areas = civ_funeral_office_areas ("350102");
  g_auto (GStrv) city = civ_funeral_office_areas ("350100");
  g_auto (GStrv) none = civ_funeral_office_areas ("35010");

  g_assert_cmpuint (g_strv_length (areas), ==, 3);
  g_assert_cmpstr (areas[0], ==, "350102");
  g_assert_cmpstr (areas[1], ==, "350100");
  g_assert_cmpstr (areas[2], ==, "350000");
  g_assert_cmpuint (g_strv_length (city), ==, 2);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_true (civ_funeral_area_covers ("350000", "350102"));
  g_assert_false (civ_funeral_area_covers ("350200", "350102"));
  g_assert_false (civ_funeral_area_covers ("360000", "350102"));
  g_assert_true (civ_funeral_area_valid ("110101"));
  g_assert_false (civ_funeral_area_valid ("11010a"));
}

/* The jobs a page runs on the session's worker. */
static void
test_jobs (Fixture *fx, gconstpointer data)
{
  g_autofree char *case_no = new_case (fx, "case-a", 6, 20);
  CivSession      *session = civ_test_session_new (open_as (fx, FUNERAL, FUNERAL_PW));
  GAsyncResult    *result = NULL;
  GDate            today = day (6, 20);
  g_autoptr (GBytes) fees = g_bytes_new_static (fees_city, strlen (fees_city));
  g_autoptr (GBytes) policy = g_bytes_new_static (policy_v1, strlen (policy_v1));

  civ_funeral_fees_import_async (session, NULL, fees, &today, NULL, civ_test_keep_result, &result);
  {
    g_autoptr (GAsyncResult) done = civ_test_wait_result (&result);
    g_autoptr (GError) error = NULL;
    g_autoptr (CivFuneralMoneyFile) f = civ_funeral_fees_import_finish (session, done, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (f->area, ==, "110100");
  }
  civ_funeral_policy_import_async (session, NULL, policy, &today, NULL, civ_test_keep_result,
                                   &result);
  {
    g_autoptr (GAsyncResult) done = civ_test_wait_result (&result);
    g_autoptr (GError) error = NULL;
    g_autoptr (CivFuneralMoneyFile) f = civ_funeral_policy_import_finish (session, done, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (f->version, ==, "东民〔2026〕1号");
  }
  civ_funeral_bill_add_async (session, NULL, case_no, "ZC01", 3, &today, NULL, civ_test_keep_result,
                              &result);
  {
    g_autoptr (GAsyncResult) done = civ_test_wait_result (&result);
    g_autoptr (GError) error = NULL;
    g_autoptr (CivFuneralBillLine) l = civ_funeral_bill_add_finish (session, done, &error);

    g_assert_no_error (error);
    g_assert_cmpint (l->amount_fen, ==, 15000);
  }
  /* A refusal comes back as the synchronous call's error. */
  civ_funeral_bill_add_async (session, NULL, case_no, "XX99", 1, &today, NULL, civ_test_keep_result,
                              &result);
  {
    g_autoptr (GAsyncResult) done = civ_test_wait_result (&result);
    g_autoptr (GError) error = NULL;
    g_autoptr (CivFuneralBillLine) l = civ_funeral_bill_add_finish (session, done, &error);

    g_assert_null (l);
    assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F4");
  }
  civ_funeral_bill_add_async (session, NULL, case_no, "JY01", 1, &today, NULL, civ_test_keep_result,
                              &result);
  civ_funeral_bill_line_free (
    civ_funeral_bill_add_finish (session, civ_test_await (&result), NULL));
  g_clear_object (&result);
  civ_funeral_bill_cancel_async (session, NULL, case_no, 2, "录错", &today, NULL,
                                 civ_test_keep_result, &result);
  {
    g_autoptr (GAsyncResult) done = civ_test_wait_result (&result);
    g_autoptr (GError) error = NULL;
    g_autoptr (CivFuneralBillLine) l = civ_funeral_bill_cancel_finish (session, done, &error);

    g_assert_no_error (error);
    g_assert_cmpint (l->cancels_line_no, ==, 2);
  }
  civ_funeral_waiver_assess_async (session, NULL, case_no, CIV_WAIVER_GROUP_DIBAO, FALSE,
                                   "低保证 42", &today, NULL, civ_test_keep_result, &result);
  {
    g_autoptr (GAsyncResult) done = civ_test_wait_result (&result);
    g_autoptr (GError) error = NULL;
    g_autoptr (CivFuneralWaiverResult) r = civ_funeral_waiver_assess_finish (session, done, &error);

    g_assert_no_error (error);
    g_assert_cmpint (r->row->waived_fen, ==, 15000);
  }
  civ_funeral_receipt_issue_async (session, NULL, case_no, &today, NULL, civ_test_keep_result,
                                   &result);
  {
    g_autoptr (GAsyncResult) done = civ_test_wait_result (&result);
    g_autoptr (GError) error = NULL;
    g_autoptr (CivFuneralReceiptRow) r = civ_funeral_receipt_issue_finish (session, done, &error);

    g_assert_no_error (error);
    g_assert_cmpint (r->to_pay_fen, ==, 0);
  }
  civ_funeral_bill_get_async (session, NULL, case_no, NULL, civ_test_keep_result, &result);
  {
    g_autoptr (GAsyncResult) done = civ_test_wait_result (&result);
    g_autoptr (GError) error = NULL;
    g_autoptr (CivFuneralBillSummary) s = civ_funeral_bill_get_finish (session, done, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (s->lines->len, ==, 3);
    g_assert_cmpuint (s->receipts->len, ==, 1);
  }
  civ_test_session_close (session);
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  make_template ();
  g_test_add_func ("/funeral-money/areas", test_areas);
  g_test_add ("/funeral-money/import", Fixture, NULL, fixture_set_up, test_import,
              fixture_tear_down);
  g_test_add ("/funeral-money/bill", Fixture, NULL, fixture_set_up, test_bill, fixture_tear_down);
  g_test_add ("/funeral-money/waiver-and-receipts", Fixture, NULL, fixture_set_up,
              test_waiver_and_receipts, fixture_tear_down);
  g_test_add ("/funeral-money/permission", Fixture, NULL, fixture_set_up, test_permission,
              fixture_tear_down);
  g_test_add ("/funeral-money/jobs", Fixture, NULL, fixture_set_up, test_jobs, fixture_tear_down);
  rc = g_test_run ();
  civ_test_rmdir (template_dir);
  g_free (template_dir);
  return rc;
}
