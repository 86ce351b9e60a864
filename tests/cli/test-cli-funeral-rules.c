// SPDX-License-Identifier: GPL-3.0-or-later
/* test-cli-funeral-rules.c — civreg-cli rules funeral-waiver and rules
 * death-certificate in a subprocess: the assessment's figures, exit codes,
 * bad input named (bad JSON, unknown item, negative or fractional amounts),
 * Chinese output */
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "civ-test-utils.h"

static JsonObject *
parse_object (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_ref (json_node_get_object (root));
}

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
}

static gboolean
has_finding (JsonObject *o, const char *rule, const char *severity)
{
  JsonArray *findings = json_object_get_array_member (o, "findings");

  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *f = json_array_get_object_element (findings, i);

      if (strcmp (json_object_get_string_member (f, "rule"), rule) == 0 &&
          strcmp (json_object_get_string_member (f, "severity"), severity) == 0 &&
          json_object_get_string_member (f, "citation") != NULL)
        return TRUE;
    }
  return FALSE;
}

static JsonObject *
line (JsonObject *o, guint i)
{
  return json_array_get_object_element (json_object_get_array_member (o, "lines"), i);
}

/* The fee list prices the bill: 10 days of storage (7 waived), cremation at
 * 650 yuan (600 waived), an urn not covered. */
static void
test_with_fees (void)
{
  g_autofree char *policy = fixture ("funeral-policy.json");
  g_autofree char *fees = fixture ("funeral-fees.json");
  g_autofree char *file = fixture ("funeral-case-ok.json");
  g_auto (CivCliRun) r = { 0 };
  g_auto (CivCliRun) t = { 0 };
  g_autoptr (JsonObject) o = NULL;

  civ_test_run_cli (&r, (const char *[]){ "rules", "funeral-waiver", "--policy", policy, "--fees",
                                          fees, file, "--json", NULL });
  if (r.status != 0)
    g_test_message ("exit %d; stdout: %s; stderr: %s", r.status, r.out, r.err);
  g_assert_cmpint (r.status, ==, 0);
  o = parse_object (r.out);
  g_assert_true (json_object_get_boolean_member (o, "bill_permitted"));
  g_assert_true (json_object_get_boolean_member (o, "eligible"));
  g_assert_cmpstr (json_object_get_string_member (o, "policy_version"), ==, "鼓民〔2026〕3号");
  g_assert_cmpstr (json_object_get_string_member (o, "group"), ==, "dibao");
  g_assert_cmpint (json_object_get_int_member (o, "total_fen"), ==, 197000);
  g_assert_cmpint (json_object_get_int_member (o, "covered_fen"), ==, 147000);
  g_assert_cmpint (json_object_get_int_member (o, "family_pays_fen"), ==, 50000);
  g_assert_cmpint (json_object_get_int_member (line (o, 1), "unit_price_fen"), ==, 5000);
  g_assert_cmpint (json_object_get_int_member (line (o, 1), "covered_fen"), ==, 35000);
  g_assert_cmpstr (json_object_get_string_member (line (o, 1), "cap"), ==, "units");
  g_assert_cmpint (json_object_get_int_member (line (o, 2), "unit_price_fen"), ==, 65000);
  g_assert_cmpstr (json_object_get_string_member (line (o, 2), "cap"), ==, "item");
  g_assert_cmpstr (json_object_get_string_member (line (o, 4), "cap"), ==, "not-covered");
  g_assert_cmpint (json_object_get_int_member (line (o, 4), "family_pays_fen"), ==, 30000);
  g_assert_true (has_finding (o, "R-F8", "info"));

  civ_test_run_cli (&t, (const char *[]){ "rules", "funeral-waiver", "--policy", policy, "--fees",
                                          fees, file, NULL });
  g_assert_cmpint (t.status, ==, 0);
  g_assert_nonnull (strstr (t.out, "The case is eligible for the funeral waiver."));
  g_assert_nonnull (strstr (t.out, "1970.00"));
  g_assert_nonnull (strstr (t.out, "500.00"));
  g_assert_cmpstr (t.err, ==, "");
}

/* Priced lines without a fee list; the cap per body reached on the last line. */
static void
test_priced_body_cap (void)
{
  g_autofree char *policy = fixture ("funeral-policy.json");
  g_autofree char *file = fixture ("funeral-case-priced.json");
  g_auto (CivCliRun) r = { 0 };
  g_autoptr (JsonObject) o = NULL;

  civ_test_run_cli (&r, (const char *[]){ "rules", "funeral-waiver", "--policy", policy, file,
                                          "--json", NULL });
  g_assert_cmpint (r.status, ==, 0);
  o = parse_object (r.out);
  g_assert_cmpint (json_object_get_int_member (o, "total_fen"), ==, 176000);
  g_assert_cmpint (json_object_get_int_member (o, "covered_fen"), ==, 160000);
  g_assert_cmpint (json_object_get_int_member (o, "family_pays_fen"), ==, 16000);
  g_assert_cmpstr (json_object_get_string_member (line (o, 3), "cap"), ==, "body");
  g_assert_cmpint (json_object_get_int_member (line (o, 3), "covered_fen"), ==, 25000);
}

/* Not eligible: exit 1, nothing waived; a line out of force: R-F4, exit 1. */
static void
test_refused (void)
{
  g_autofree char *policy = fixture ("funeral-policy.json");
  g_autofree char *fees = fixture ("funeral-fees.json");
  g_autofree char *file = fixture ("funeral-case-not-eligible.json");
  g_autofree char *dir = civ_test_mkdtemp ();
  g_autofree char *old = g_build_filename (dir, "old.json", NULL);
  g_auto (CivCliRun) r = { 0 };
  g_auto (CivCliRun) t = { 0 };
  g_auto (CivCliRun) f = { 0 };
  g_autoptr (JsonObject) o = NULL;
  g_autoptr (JsonObject) p = NULL;

  civ_test_run_cli (&r, (const char *[]){ "rules", "funeral-waiver", "--policy", policy, file,
                                          "--json", NULL });
  g_assert_cmpint (r.status, ==, 1);
  o = parse_object (r.out);
  g_assert_false (json_object_get_boolean_member (o, "eligible"));
  g_assert_cmpint (json_object_get_int_member (o, "covered_fen"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (line (o, 0), "cap"), ==, "not-eligible");
  g_assert_true (has_finding (o, "R-F8", "refuse"));

  civ_test_run_cli (&t,
                    (const char *[]){ "rules", "funeral-waiver", "--policy", policy, file, NULL });
  g_assert_cmpint (t.status, ==, 1);
  g_assert_nonnull (strstr (t.out, "not eligible"));

  /* 2031: JC01's price has ended. */
  g_assert_true (g_file_set_contents (old,
                                      "{\"group\": \"dibao\", \"evidence\": \"x\", \"bill\": "
                                      "[{\"item\": \"JC01\", \"quantity\": 1, "
                                      "\"date\": \"2031-01-01\"}]}",
                                      -1, NULL));
  civ_test_run_cli (&f, (const char *[]){ "rules", "funeral-waiver", "--policy", policy, "--fees",
                                          fees, old, "--json", NULL });
  g_assert_cmpint (f.status, ==, 1);
  p = parse_object (f.out);
  g_assert_false (json_object_get_boolean_member (p, "bill_permitted"));
  g_assert_false (json_object_has_member (p, "lines"));
  g_assert_true (has_finding (p, "R-F4", "refuse"));
  civ_test_rmdir (dir);
}

static void
assert_usage (const char *const *args, const char *named)
{
  g_auto (CivCliRun) r = { 0 };

  civ_test_run_cli (&r, args);
  g_test_message ("stderr: %s", r.err);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_true (g_str_has_prefix (r.err, "civreg-cli: ") || strstr (r.err, "Usage") != NULL);
  if (named != NULL && strstr (r.err, named) == NULL)
    g_error ("“%s” does not name %s", r.err, named);
}

static char *
write_file (const char *dir, const char *name, const char *text)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
test_usage (void)
{
  g_autofree char *dir = civ_test_mkdtemp ();
  g_autofree char *policy = fixture ("funeral-policy.json");
  g_autofree char *fees = fixture ("funeral-fees.json");
  g_autofree char *ok = fixture ("funeral-case-ok.json");
  g_autofree char *priced = fixture ("funeral-case-priced.json");
  g_autofree char *unknown = fixture ("funeral-case-unknown-item.json");
  g_autofree char *malformed = write_file (dir, "malformed.json", "{\"group\": \"dibao\",");
  g_autofree char *negative =
    write_file (dir, "negative.json",
                "{\"group\": \"dibao\", \"evidence\": \"x\", \"bill\": [{\"item\": \"HH01\", "
                "\"quantity\": 1, "
                "\"date\": \"2026-08-03\", \"unit_price_fen\": -65000}]}");
  g_autofree char *fraction = write_file (dir, "fraction.json",
                                          "{\"group\": \"dibao\", \"evidence\": \"x\", \"bill\": "
                                          "[{\"item\": \"HH01\", \"quantity\": 1, "
                                          "\"date\": \"2026-08-03\", \"unit_price_fen\": 650.5}]}");
  g_autofree char *half_day = write_file (dir, "half-day.json",
                                          "{\"group\": \"dibao\", \"evidence\": \"x\", \"bill\": "
                                          "[{\"item\": \"ZC01\", \"quantity\": 0.5, "
                                          "\"date\": \"2026-08-03\", \"unit_price_fen\": 5000}]}");
  g_autofree char *bad_policy = write_file (
    dir, "bad-policy.json",
    "{\"area\": \"350102\", \"version\": \"v1\", \"effective_from\": \"2026-01-01\", \"groups\": "
    "[\"dibao\"], \"items\": [{\"item\": \"HH01\", \"basic\": \"cremation\", \"cap_fen\": -1}]}");
  g_autofree char *bad_fees = write_file (dir, "bad-fees.json",
                                          "{\"area\": \"350102\", \"items\": [{\"code\": \"HH01\", "
                                          "\"unit\": \"body\", \"prices\": "
                                          "[{\"price_fen\": 650.5, \"from\": \"2026-01-01\"}]}]}");
  g_autofree char *policy_unknown =
    write_file (dir, "policy-unknown.json",
                "{\"area\": \"350102\", \"version\": \"v1\", \"effective_from\": \"2026-01-01\", "
                "\"groups\": "
                "[\"dibao\"], \"items\": [{\"item\": \"YR01\", \"basic\": \"cremation\"}]}");

  assert_usage ((const char *[]){ "rules", "funeral-waiver", ok, NULL }, "--policy");
  assert_usage ((const char *[]){ "rules", "funeral-waiver", "--policy", policy, NULL },
                "CASE.json");
  assert_usage ((const char *[]){ "rules", "funeral-waiver", "--policy", policy, ok, ok, NULL },
                "CASE.json");
  assert_usage ((const char *[]){ "rules", "adoption", ok, "--policy", policy, NULL }, "--policy");
  assert_usage ((const char *[]){ "rules", "funeral-waiver", "--policy", policy, malformed, NULL },
                "malformed.json");
  /* Without --fees a line needs its price. */
  assert_usage ((const char *[]){ "rules", "funeral-waiver", "--policy", policy, ok, NULL },
                "unit_price_fen");
  assert_usage ((const char *[]){ "rules", "funeral-waiver", "--policy", policy, "--fees", fees,
                                  unknown, NULL },
                "“ZS99”");
  assert_usage ((const char *[]){ "rules", "funeral-waiver", "--policy", policy_unknown, "--fees",
                                  fees, ok, NULL },
                "“YR01”");
  assert_usage ((const char *[]){ "rules", "funeral-waiver", "--policy", policy, negative, NULL },
                "unit_price_fen");
  assert_usage ((const char *[]){ "rules", "funeral-waiver", "--policy", policy, fraction, NULL },
                "unit_price_fen");
  assert_usage ((const char *[]){ "rules", "funeral-waiver", "--policy", policy, half_day, NULL },
                "quantity");
  assert_usage ((const char *[]){ "rules", "funeral-waiver", "--policy", bad_policy, priced, NULL },
                "HH01");
  assert_usage ((const char *[]){ "rules", "funeral-waiver", "--policy", policy, "--fees", bad_fees,
                                  priced, NULL },
                "HH01");
  assert_usage ((const char *[]){ "rules", "funeral-waiver", "--policy", ok, priced, NULL },
                "funeral-case-ok.json");

  assert_usage ((const char *[]){ "rules", "death-certificate", NULL }, "NUMBER");
  assert_usage ((const char *[]){ "rules", "death-certificate", "X1", NULL }, "--death-date");
  assert_usage ((const char *[]){ "rules", "death-certificate", "X1", "--death-date", "2026-06-31",
                                  NULL },
                "2026-06-31");
  assert_usage ((const char *[]){ "rules", "funeral-waiver", "--policy", policy, priced, "--id",
                                  "1", NULL },
                "--id");
  civ_test_rmdir (dir);
}

static void
assert_death_cert (const char *const *args, int status, const char *kind)
{
  g_auto (CivCliRun) r = { 0 };
  g_autoptr (JsonObject) o = NULL;

  civ_test_run_cli (&r, args);
  g_test_message ("%s%s", r.out, r.err);
  g_assert_cmpint (r.status, ==, status);
  o = parse_object (r.out);
  g_assert_cmpint (json_object_get_boolean_member (o, "valid"), ==, status == 0);
  if (kind != NULL)
    g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, kind);
  else
    {
      g_assert_true (json_object_get_null_member (o, "kind"));
      g_assert_true (has_finding (o, "R-F5", "refuse"));
    }
}

/* R-F5 on both sides of 2026-07-01. */
static void
test_death_certificate (void)
{
  assert_death_cert ((const char *[]){ "rules", "death-certificate", "J350102-0042", "--death-date",
                                       "2026-06-30", "--json", NULL },
                     0, "free-text");
  assert_death_cert ((const char *[]){ "rules", "death-certificate", "J350102-0042", "--death-date",
                                       "2026-07-01", "--json", NULL },
                     1, NULL);
  assert_death_cert ((const char *[]){ "rules", "death-certificate", "350102195003120018",
                                       "--death-date", "2026-07-01", "--id", "350102195003120018",
                                       "--json", NULL },
                     0, "identity-number");
  assert_death_cert ((const char *[]){ "rules", "death-certificate", "440304193801010039",
                                       "--death-date", "2026-07-01", "--id", "350102195003120018",
                                       "--json", NULL },
                     1, NULL);
  assert_death_cert ((const char *[]){ "rules", "death-certificate", "91350100M000100Y430012",
                                       "--death-date", "2026-07-01", "--json", NULL },
                     0, "issuer-serial");
  assert_death_cert ((const char *[]){ "rules", "death-certificate", "91350100M000100Y440012",
                                       "--death-date", "2026-07-01", "--json", NULL },
                     1, NULL);
}

static void
test_chinese (void)
{
  g_autofree char *policy = fixture ("funeral-policy.json");
  g_autofree char *fees = fixture ("funeral-fees.json");
  g_autofree char *ok = fixture ("funeral-case-ok.json");
  g_autofree char *refused = fixture ("funeral-case-not-eligible.json");
  g_autofree char *unknown = fixture ("funeral-case-unknown-item.json");
  g_autofree char *dir = civ_test_mkdtemp ();
  g_autofree char *fraction = write_file (dir, "fraction.json",
                                          "{\"group\": \"dibao\", \"evidence\": \"x\", \"bill\": "
                                          "[{\"item\": \"HH01\", \"quantity\": 1, "
                                          "\"date\": \"2026-08-03\", \"unit_price_fen\": 650.5}]}");
  g_auto (CivCliRun) a = { 0 };
  g_auto (CivCliRun) n = { 0 };
  g_auto (CivCliRun) u = { 0 };
  g_auto (CivCliRun) f = { 0 };
  g_auto (CivCliRun) d = { 0 };

  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_setenv ("LANG", "zh_CN.UTF-8", TRUE);
  civ_test_run_cli (&a, (const char *[]){ "rules", "funeral-waiver", "--policy", policy, "--fees",
                                          fees, ok, NULL });
  civ_test_run_cli (&n, (const char *[]){ "rules", "funeral-waiver", "--policy", policy, refused,
                                          NULL });
  civ_test_run_cli (&u, (const char *[]){ "rules", "funeral-waiver", "--policy", policy, "--fees",
                                          fees, unknown, NULL });
  civ_test_run_cli (&f, (const char *[]){ "rules", "funeral-waiver", "--policy", policy, fraction,
                                          NULL });
  civ_test_run_cli (&d, (const char *[]){ "rules", "death-certificate", "J350102-0042",
                                          "--death-date", "2026-07-01", NULL });
  g_unsetenv ("LANGUAGE");
  g_setenv ("LANG", "C.UTF-8", TRUE);

  g_test_message ("%s%s%s%s%s", a.out, n.out, u.err, f.err, d.out);
  g_assert_cmpint (a.status, ==, 0);
  g_assert_nonnull (strstr (a.out, "符合惠民殡葬减免条件"));
  g_assert_nonnull (strstr (a.out, "家属支付"));
  g_assert_null (strstr (a.out, "eligible"));
  g_assert_cmpint (n.status, ==, 1);
  g_assert_nonnull (strstr (n.out, "不符合惠民殡葬减免条件"));
  g_assert_cmpint (u.status, ==, 2);
  g_assert_nonnull (strstr (u.err, "ZS99"));
  g_assert_nonnull (strstr (u.err, "收费目录"));
  g_assert_cmpint (f.status, ==, 2);
  g_assert_nonnull (strstr (f.err, "unit_price_fen"));
  g_assert_nonnull (strstr (f.err, "分"));
  g_assert_null (strstr (f.err, "not a fraction"));
  g_assert_cmpint (d.status, ==, 1);
  g_assert_nonnull (strstr (d.out, "死亡证明"));
  civ_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LANG", "C.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  g_test_add_func ("/cli/rules/funeral-waiver-fees", test_with_fees);
  g_test_add_func ("/cli/rules/funeral-waiver-body-cap", test_priced_body_cap);
  g_test_add_func ("/cli/rules/funeral-waiver-refused", test_refused);
  g_test_add_func ("/cli/rules/funeral-usage", test_usage);
  g_test_add_func ("/cli/rules/death-certificate", test_death_certificate);
  g_test_add_func ("/cli/rules/funeral-zh_CN", test_chinese);
  return g_test_run ();
}
