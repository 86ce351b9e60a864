// SPDX-License-Identifier: GPL-3.0-or-later
/* test-cli-funeral-money.c — civreg-cli funeral fees, policy, bill, waiver
 * and receipt in a subprocess (R-F4, R-F8): exit codes, JSON, and bad input
 * (a malformed policy or fee list, an unknown item, negative or fractional
 * quantities, an unknown case) refused with a clear message and nothing
 * changed, counted in rows and audit entries before and after. */
#include <json-glib/json-glib.h>
#include <string.h>

#include "civ-calendar.h"
#include "civ-funeral-store.h"
#include "civ-test-utils.h"

#define FUNERAL "binzang"
#define FUNERAL_PW "Funeral-password-1"
#define CLERK "clerk"
#define CLERK_PW "Clerk-password-1"

/* Prices and a policy in force from 2020 on, so that the counter's real
 * date is inside them. The test office is 110101. */
static const char fees_json[] =
  "{\"area\": \"110100\", \"name\": \"北京市基本殡葬服务收费目录\", \"items\": ["
  "{\"code\": \"JY01\", \"name\": \"遗体接运\", \"unit\": \"body\","
  " \"prices\": [{\"price_fen\": 30000, \"from\": \"2020-01-01\"}]},"
  "{\"code\": \"ZC01\", \"name\": \"遗体冷藏\", \"unit\": \"day\","
  " \"prices\": [{\"price_fen\": 5000, \"from\": \"2020-01-01\"}]},"
  "{\"code\": \"HH01\", \"name\": \"火化\", \"unit\": \"body\","
  " \"prices\": [{\"price_fen\": 65000, \"from\": \"2020-01-01\"}]}]}";

static const char policy_json[] =
  "{\"area\": \"110101\", \"version\": \"东民〔2020〕1号\", \"effective_from\": \"2020-01-01\","
  " \"groups\": [\"dibao\", \"tekun\"], \"cap_per_body_fen\": 100000, \"items\": ["
  "{\"item\": \"JY01\", \"basic\": \"collection\", \"cap_fen\": 40000},"
  "{\"item\": \"ZC01\", \"basic\": \"storage\", \"cap_fen\": 4000, \"max_units\": 3},"
  "{\"item\": \"HH01\", \"basic\": \"cremation\", \"cap_fen\": 60000}]}";

typedef struct
{
  char *dir;
  char *work;
  char *funeral_pw; /* password files */
  char *clerk_pw;
  char *case_no;
} Office;

static char *template_dir;

static char *
work_file (Office *o, const char *name, const char *text)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (o->work, name, NULL);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
make_template (void)
{
  g_autoptr (CivStore) store = civ_test_new_office (&template_dir, NULL);

  civ_test_add_operator (store, FUNERAL, "刘洋", CIV_ROLE_FUNERAL_CLERK, FUNERAL_PW);
  civ_test_add_operator (store, CLERK, "李登记", CIV_ROLE_REGISTRAR, CLERK_PW);
}

static void
office_setup (Office *o, gconstpointer data)
{
  g_autoptr (CivStore) store = civ_test_copy_office (template_dir, &o->dir);
  g_autoptr (GError) error = NULL;
  g_autofree char  *today = NULL;
  CivDb            *db = civ_store_get_db (store);
  CivFuneralCaseRow row = { 0 };
  GDate             day;

  o->work = civ_test_mkdtemp ();
  o->funeral_pw = work_file (o, "funeral-pw", FUNERAL_PW "\n");
  o->clerk_pw = work_file (o, "clerk-pw", CLERK_PW "\n");
  /* A case of today, as the case service will insert it. */
  civ_date_today (&day);
  today = civ_date_format_iso (&day);
  row.record_id = (char *) "case-money-1";
  row.office_code = (char *) "110101";
  row.state = (char *) "DEATH_REPORTED";
  row.reported_on = today;
  row.deceased_name = (char *) "王老汉";
  row.sex = 1;
  g_assert_true (civ_db_begin (db, &error));
  g_assert_cmpint (civ_funeral_case_insert (db, &row, CIV_TEST_SUPERVISOR, &o->case_no, &error), >,
                   0);
  g_assert_true (civ_db_commit (db, &error));
  g_assert_no_error (error);
}

static void
office_teardown (Office *o, gconstpointer data)
{
  civ_test_rmdir (o->dir);
  civ_test_rmdir (o->work);
  g_free (o->dir);
  g_free (o->work);
  g_free (o->funeral_pw);
  g_free (o->clerk_pw);
  g_free (o->case_no);
}

static void
run_as (Office *o, const char *user, const char *pw, CivCliRun *r, const char *const *args)
{
  civ_test_run_cli_as (r, o->dir, user, pw, args);
}

static void
run (Office *o, CivCliRun *r, const char *const *args)
{
  run_as (o, FUNERAL, o->funeral_pw, r, args);
}

static JsonObject *
parse_object (const char *text, JsonParser **keep)
{
  g_autoptr (GError) error = NULL;

  *keep = json_parser_new ();
  json_parser_load_from_data (*keep, text, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (*keep));
}

/* The money tables' rows and the funeral audit entries, as one text. */
static char *
snapshot (Office *o)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store =
    civ_store_open (o->dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);

  g_assert_no_error (error);
  return g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT
                          "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                          civ_test_count (store, "SELECT count(*) FROM funeral_fee_lists"),
                          civ_test_count (store, "SELECT count(*) FROM funeral_waiver_policies"),
                          civ_test_count (store, "SELECT count(*) FROM funeral_bill_lines"),
                          civ_test_count (store, "SELECT count(*) FROM funeral_waiver_assessments"),
                          civ_test_count (store, "SELECT count(*) FROM funeral_receipts"),
                          civ_test_count (store, "SELECT count(*) FROM audit_log WHERE action LIKE "
                                                 "'funeral.%'"));
}

/* Runs each of @bad (NULL-terminated argument lists, ended by an empty
 * one) and checks its exit @status, a message on standard error naming
 * @needle (may be NULL), and that nothing changed. */
static void
assert_refused (Office *o, const char *const *args, int status, const char *needle)
{
  g_auto (CivCliRun) r = { 0 };
  g_autofree char *before = snapshot (o);
  g_autofree char *after = NULL;

  run (o, &r, args);
  g_test_message ("%s", r.err);
  g_assert_cmpint (r.status, ==, status);
  g_assert_nonnull (strstr (r.err, "civreg-cli"));
  if (needle != NULL)
    g_assert_nonnull (strstr (r.err, needle));
  g_assert_cmpstr (r.out, ==, "");
  after = snapshot (o);
  g_assert_cmpstr (before, ==, after);
}

static void
import_ok (Office *o, const char *what, const char *file)
{
  g_auto (CivCliRun) r = { 0 };

  run (o, &r, (const char *const[]){ "funeral", what, "import", file, NULL });
  g_test_message ("%s", r.err);
  g_assert_cmpint (r.status, ==, 0);
}

static void
test_import (Office *o, gconstpointer data)
{
  g_autofree char *fees = work_file (o, "fees.json", fees_json);
  g_autofree char *policy = work_file (o, "policy.json", policy_json);
  g_autofree char *fractional = work_file (o, "fractional.json",
                                           "{\"area\": \"110101\", \"items\": [{\"code\": "
                                           "\"HH01\", \"unit\": \"body\", \"prices\": "
                                           "[{\"price_fen\": 650.5, \"from\": \"2020-01-01\"}]}]}");
  g_autofree char *negative = work_file (o, "negative.json",
                                         "{\"area\": \"110101\", \"items\": [{\"code\": \"HH01\", "
                                         "\"unit\": \"body\", \"prices\": "
                                         "[{\"price_fen\": -65000, \"from\": \"2020-01-01\"}]}]}");
  g_autofree char *bad_policy = work_file (
    o, "bad-policy.json",
    "{\"area\": \"110101\", \"version\": \"v\", \"effective_from\": \"2020-01-01\", \"groups\": "
    "[\"dibao\", \"rich\"], \"items\": [{\"item\": \"HH01\", \"basic\": \"cremation\"}]}");
  g_autofree char *missing = g_build_filename (o->work, "missing.json", NULL);

  /* A malformed policy, and a policy before its fee list. */
  assert_refused (o, (const char *const[]){ "funeral", "policy", "import", bad_policy, NULL }, 1,
                  "rich");
  assert_refused (o, (const char *const[]){ "funeral", "policy", "import", policy, NULL }, 1,
                  "JY01");
  /* Fractional and negative prices, a file that is not there, usage. */
  assert_refused (o, (const char *const[]){ "funeral", "fees", "import", fractional, NULL }, 1,
                  "price_fen");
  assert_refused (o, (const char *const[]){ "funeral", "fees", "import", negative, NULL }, 1,
                  "price_fen");
  assert_refused (o, (const char *const[]){ "funeral", "fees", "import", missing, NULL }, 1, NULL);
  assert_refused (o, (const char *const[]){ "funeral", "fees", "import", NULL }, 2, NULL);
  assert_refused (o, (const char *const[]){ "funeral", "fees", "import", fees, "x", NULL }, 2,
                  NULL);
  assert_refused (o, (const char *const[]){ "funeral", "fees", "export", NULL }, 2, NULL);

  {
    g_auto (CivCliRun) r = { 0 };
    g_autoptr (JsonParser) parser = NULL;
    JsonObject *obj;

    run (o, &r, (const char *const[]){ "funeral", "fees", "import", fees, "--json", NULL });
    g_assert_cmpint (r.status, ==, 0);
    obj = parse_object (r.out, &parser);
    g_assert_cmpstr (json_object_get_string_member (obj, "area"), ==, "110100");
    g_assert_cmpint (json_object_get_int_member (obj, "items"), ==, 3);
    g_assert_cmpstr (json_object_get_string_member (obj, "effective_from"), ==, "2020-01-01");
    g_assert_true (json_object_get_null_member (obj, "effective_to"));
  }
  /* The same file again. */
  assert_refused (o, (const char *const[]){ "funeral", "fees", "import", fees, NULL }, 1, "R-F4");
  import_ok (o, "policy", policy);
  assert_refused (o, (const char *const[]){ "funeral", "policy", "import", policy, NULL }, 1,
                  "R-F8");

  {
    g_auto (CivCliRun) r = { 0 };
    g_autoptr (JsonParser) parser = NULL;
    JsonObject *obj;
    JsonArray  *lists;

    run (o, &r, (const char *const[]){ "funeral", "fees", "list", "--json", NULL });
    g_assert_cmpint (r.status, ==, 0);
    obj = parse_object (r.out, &parser);
    g_assert_cmpstr (json_object_get_string_member (obj, "office"), ==, "110101");
    lists = json_object_get_array_member (obj, "fee_lists");
    g_assert_cmpuint (json_array_get_length (lists), ==, 1);
    g_assert_true (
      json_object_get_boolean_member (json_array_get_object_element (lists, 0), "in_force"));
    g_assert_cmpint (json_object_get_int_member (obj, "in_force"), ==,
                     json_object_get_int_member (json_array_get_object_element (lists, 0), "id"));
  }
  {
    g_auto (CivCliRun) r = { 0 };

    run (o, &r, (const char *const[]){ "funeral", "policy", "list", NULL });
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "东民〔2020〕1号"));
    g_assert_nonnull (strstr (r.out, "* "));
  }
}

static void
setup_money (Office *o)
{
  g_autofree char *fees = work_file (o, "fees.json", fees_json);
  g_autofree char *policy = work_file (o, "policy.json", policy_json);

  import_ok (o, "fees", fees);
  import_ok (o, "policy", policy);
}

static void
test_bill (Office *o, gconstpointer data)
{
  const char *c = o->case_no;

  setup_money (o);
  /* Unknown item, negative, fractional, zero or text quantities, an
   * unknown case, per-body items more than once: refused (1). */
  assert_refused (o, (const char *const[]){ "funeral", "bill", c, "add", "XX99", "1", NULL }, 1,
                  "XX99");
  assert_refused (o, (const char *const[]){ "funeral", "bill", c, "add", "ZC01", "-3", NULL }, 1,
                  "-3");
  assert_refused (o, (const char *const[]){ "funeral", "bill", c, "add", "ZC01", "1.5", NULL }, 1,
                  "1.5");
  assert_refused (o, (const char *const[]){ "funeral", "bill", c, "add", "ZC01", "0", NULL }, 1,
                  NULL);
  assert_refused (o, (const char *const[]){ "funeral", "bill", c, "add", "ZC01", "two", NULL }, 1,
                  NULL);
  assert_refused (o, (const char *const[]){ "funeral", "bill", c, "add", "HH01", "2", NULL }, 1,
                  "HH01");
  assert_refused (o,
                  (const char *const[]){ "funeral", "bill", "BZ110101-1999-000009", "add", "HH01",
                                         "1", NULL },
                  1, "BZ110101-1999-000009");
  /* Usage: no quantity, an unknown action, no case, an unknown option. */
  assert_refused (o, (const char *const[]){ "funeral", "bill", c, "add", "HH01", NULL }, 2, NULL);
  assert_refused (o, (const char *const[]){ "funeral", "bill", c, "pay", NULL }, 2, NULL);
  assert_refused (o, (const char *const[]){ "funeral", "bill", NULL }, 2, NULL);
  assert_refused (o,
                  (const char *const[]){ "funeral", "bill", c, "add", "HH01", "1", "--jsn", NULL },
                  2, NULL);

  {
    g_auto (CivCliRun) r = { 0 };
    g_autoptr (JsonParser) parser = NULL;
    JsonObject *obj;

    run (o, &r, (const char *const[]){ "funeral", "bill", c, "add", "HH01", "1", "--json", NULL });
    g_assert_cmpint (r.status, ==, 0);
    obj = parse_object (r.out, &parser);
    g_assert_cmpint (json_object_get_int_member (obj, "line"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (obj, "unit_price_fen"), ==, 65000);
    g_assert_cmpint (json_object_get_int_member (obj, "amount_fen"), ==, 65000);
  }
  {
    g_auto (CivCliRun) r = { 0 };

    run (o, &r, (const char *const[]){ "funeral", "bill", c, "add", "ZC01", "5", NULL });
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "250.00"));
  }
  /* Cancel: a line number that is not one, one that is not there; then line 2. */
  assert_refused (o, (const char *const[]){ "funeral", "bill", c, "cancel", "-1", NULL }, 1, "-1");
  assert_refused (o, (const char *const[]){ "funeral", "bill", c, "cancel", "9", NULL }, 1, "9");
  {
    g_auto (CivCliRun) r = { 0 };

    run (o, &r,
         (const char *const[]){ "funeral", "bill", c, "cancel", "2", "--reason", "天数录错",
                                NULL });
    g_assert_cmpint (r.status, ==, 0);
  }
  assert_refused (o, (const char *const[]){ "funeral", "bill", c, "cancel", "2", NULL }, 1, NULL);
  {
    g_auto (CivCliRun) r = { 0 };
    g_autoptr (JsonParser) parser = NULL;
    JsonObject *obj;
    JsonArray  *lines;

    run (o, &r, (const char *const[]){ "funeral", "bill", c, "--json", NULL });
    g_assert_cmpint (r.status, ==, 0);
    obj = parse_object (r.out, &parser);
    lines = json_object_get_array_member (obj, "lines");
    g_assert_cmpuint (json_array_get_length (lines), ==, 3);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (lines, 1),
                                                 "cancelled_by"),
                     ==, 3);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (lines, 2),
                                                    "reason"),
                     ==, "天数录错");
    g_assert_cmpint (json_object_get_int_member (obj, "total_fen"), ==, 65000);
    g_assert_cmpint (json_object_get_int_member (obj, "to_pay_fen"), ==, 65000);
  }
}

static void
test_waiver_and_receipt (Office *o, gconstpointer data)
{
  const char *c = o->case_no;

  setup_money (o);
  assert_refused (o, (const char *const[]){ "funeral", "receipt", c, NULL }, 1, "R-F4");
  {
    g_auto (CivCliRun) r = { 0 };

    run (o, &r, (const char *const[]){ "funeral", "bill", c, "add", "JY01", "1", NULL });
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto (CivCliRun) r = { 0 };

    run (o, &r, (const char *const[]){ "funeral", "bill", c, "add", "HH01", "1", NULL });
    g_assert_cmpint (r.status, ==, 0);
  }
  /* Usage: no group, an unknown group. Refused: not eligible, no evidence. */
  assert_refused (o, (const char *const[]){ "funeral", "waiver", c, NULL }, 2, "--group");
  assert_refused (o, (const char *const[]){ "funeral", "waiver", c, "--group", "rich", NULL }, 2,
                  "rich");
  assert_refused (o, (const char *const[]){ "funeral", "waiver", c, "--group", "youfu", NULL }, 1,
                  "R-F8");
  assert_refused (o, (const char *const[]){ "funeral", "waiver", c, "--group", "dibao", NULL }, 1,
                  "R-F8");
  assert_refused (o,
                  (const char *const[]){ "funeral", "waiver", "BZ110101-1999-000009", "--group",
                                         "dibao", "--evidence", "低保证 1", NULL },
                  1, NULL);
  {
    g_auto (CivCliRun) r = { 0 };
    g_autoptr (JsonParser) parser = NULL;
    JsonObject *obj;

    run (o, &r,
         (const char *const[]){ "funeral", "waiver", c, "--group", "dibao", "--evidence",
                                "低保证 110101-0042", "--json", NULL });
    g_test_message ("%s", r.err);
    g_assert_cmpint (r.status, ==, 0);
    obj = parse_object (r.out, &parser);
    g_assert_cmpstr (json_object_get_string_member (obj, "policy_version"), ==, "东民〔2020〕1号");
    g_assert_cmpstr (json_object_get_string_member (obj, "group"), ==, "dibao");
    /* 300 in full; 650 capped at 600. */
    g_assert_cmpint (json_object_get_int_member (obj, "waived_fen"), ==, 90000);
    g_assert_cmpint (json_object_get_int_member (obj, "family_pays_fen"), ==, 5000);
  }
  {
    g_auto (CivCliRun) r = { 0 };
    g_autoptr (JsonParser) parser = NULL;
    JsonObject *obj;

    run (o, &r, (const char *const[]){ "funeral", "receipt", c, "--json", NULL });
    g_assert_cmpint (r.status, ==, 0);
    obj = parse_object (r.out, &parser);
    g_assert_true (
      g_str_has_prefix (json_object_get_string_member (obj, "receipt_no"), "SJ110101-"));
    g_assert_true (g_str_has_suffix (json_object_get_string_member (obj, "receipt_no"), "-000001"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "lines")), ==, 2);
    g_assert_cmpint (json_object_get_int_member (obj, "to_pay_fen"), ==, 5000);
  }
  /* Nothing billed since: no second receipt; a receipted line is not cancelled. */
  assert_refused (o, (const char *const[]){ "funeral", "receipt", c, NULL }, 1, "R-F4");
  assert_refused (o, (const char *const[]){ "funeral", "bill", c, "cancel", "1", NULL }, 1,
                  "SJ110101-");
  {
    g_auto (CivCliRun) r = { 0 };

    run (o, &r, (const char *const[]){ "funeral", "bill", c, NULL });
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "-000001"));
    g_assert_nonnull (strstr (r.out, "50.00"));
  }
}

/* A registrar without the funeral permission: refused, audited as denied. */
static void
test_permission (Office *o, gconstpointer data)
{
  g_autofree char *fees = work_file (o, "fees.json", fees_json);
  g_auto (CivCliRun) r = { 0 };

  run_as (o, CLERK, o->clerk_pw, &r,
          (const char *const[]){ "funeral", "fees", "import", fees, NULL });
  g_assert_cmpint (r.status, ==, 1);
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (CivStore) store =
      civ_store_open (o->dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);

    g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM funeral_fee_lists"), ==, 0);
    g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM audit_log WHERE action = "
                                            "'denied' AND object = 'funeral'"),
                     ==, 1);
  }
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  make_template ();
  g_test_add ("/cli/funeral-money/import", Office, NULL, office_setup, test_import,
              office_teardown);
  g_test_add ("/cli/funeral-money/bill", Office, NULL, office_setup, test_bill, office_teardown);
  g_test_add ("/cli/funeral-money/waiver-and-receipt", Office, NULL, office_setup,
              test_waiver_and_receipt, office_teardown);
  g_test_add ("/cli/funeral-money/permission", Office, NULL, office_setup, test_permission,
              office_teardown);
  rc = g_test_run ();
  civ_test_rmdir (template_dir);
  g_free (template_dir);
  return rc;
}
