// SPDX-License-Identifier: GPL-3.0-or-later
/* test-cli-stats.c — civreg-cli stats cremation-rate in a subprocess
 * (R-F12, R-X4): the figures as text and as JSON with the numerator, the
 * denominator, the scope, the period and the source apart; bad input
 * (dates, --from after --to, deaths negative, zero or not a whole number,
 * a code that is not a division, a scope the office is not in, a period
 * not over) with its exit code and nothing audited; the permission; the
 * output in Chinese. */
#include <json-glib/json-glib.h>
#include <string.h>

#include "civ-funeral-store.h"
#include "civ-test-utils.h"

#define FUNERAL "binzang"
#define FUNERAL_PW "Funeral-password-1"
#define CLERK "clerk"
#define CLERK_PW "Clerk-password-1"

#define AUDITED "SELECT count(*) FROM audit_log WHERE action = 'funeral.stats.cremation_rate'"

typedef struct
{
  char *dir;
  char *work;
  char *funeral_pw; /* password files */
  char *clerk_pw;
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

/* A case of office @office cremated at @cremated_at (NULL: not cremated),
 * with @last (NULL: none) as a further step at @last_at. */
static void
add_case (CivStore   *store,
          const char *record_id,
          const char *office,
          const char *cremated_at,
          const char *last,
          const char *last_at)
{
  g_autoptr (GError) error = NULL;
  CivDb            *db = civ_store_get_db (store);
  CivFuneralCaseRow row = { 0 };
  const char       *state = "DEATH_REPORTED";
  gint64            id;

  row.record_id = (char *) record_id;
  row.office_code = (char *) office;
  row.state = (char *) state;
  row.reported_on = (char *) "2026-02-27";
  row.deceased_name = (char *) "李四";
  g_assert_true (civ_db_begin (db, &error));
  id = civ_funeral_case_insert (db, &row, CIV_TEST_SUPERVISOR, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (civ_funeral_event_add (db, id, "2026-02-27T08:00", NULL, state,
                                        CIV_TEST_SUPERVISOR, NULL, &error));
  if (cremated_at != NULL)
    {
      g_assert_true (civ_funeral_event_add (db, id, cremated_at, state, "CREMATED",
                                            CIV_TEST_SUPERVISOR, NULL, &error));
      state = "CREMATED";
    }
  if (last != NULL)
    {
      g_assert_true (
        civ_funeral_event_add (db, id, last_at, state, last, CIV_TEST_SUPERVISOR, NULL, &error));
      state = last;
    }
  g_assert_true (civ_funeral_case_set_state (db, id, state, NULL, &error));
  g_assert_true (civ_db_commit (db, &error));
  g_assert_no_error (error);
}

static void
make_template (void)
{
  g_autoptr (CivStore) store = civ_test_new_office (&template_dir, NULL);

  civ_test_add_operator (store, FUNERAL, "刘洋", CIV_ROLE_FUNERAL_CLERK, FUNERAL_PW);
  civ_test_add_operator (store, CLERK, "李登记", CIV_ROLE_REGISTRAR, CLERK_PW);
  /* March 2026 in office 110101: three cremated (one of them then given a
   * tree burial), one burial-exempt; one cremated in April; one of another
   * county of the city (110102). */
  add_case (store, "r1", "110101", "2026-03-01T09:00", NULL, NULL);
  add_case (store, "r2", "110101", "2026-03-15T09:00", "ECO_BURIAL", "2026-03-20T09:00");
  add_case (store, "r3", "110101", "2026-03-31T18:00", NULL, NULL);
  add_case (store, "r4", "110101", NULL, "BURIAL_EXEMPT", "2026-03-05T09:00");
  add_case (store, "r5", "110101", "2026-04-01T09:00", NULL, NULL);
  add_case (store, "r6", "110102", "2026-03-10T09:00", NULL, NULL);
}

static void
office_setup (Office *o, gconstpointer data)
{
  g_autoptr (CivStore) store = civ_test_copy_office (template_dir, &o->dir);

  o->work = civ_test_mkdtemp ();
  o->funeral_pw = work_file (o, "funeral-pw", FUNERAL_PW "\n");
  o->clerk_pw = work_file (o, "clerk-pw", CLERK_PW "\n");
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
}

/* Runs civreg-cli as @user (its password file @pw) with @args. */
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

static gint64
count (Office *o, const char *sql)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store =
    civ_store_open (o->dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);

  g_assert_no_error (error);
  return civ_test_count (store, sql);
}

static void
test_json (Office *o, gconstpointer data)
{
  g_auto (CivCliRun) r = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *obj;

  run (o, &r,
       (const char *const[]){ "stats", "cremation-rate", "--from", "2026-03-01", "--to",
                              "2026-03-31", "--deaths", "8", "--scope", "110101", "--source",
                              "东城区卫健委 2026年3月死亡统计", "--json", NULL });
  g_test_message ("%s%s", r.out, r.err);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, &error));
  obj = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (obj, "cremated"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (obj, "deaths"), ==, 8);
  g_assert_cmpstr (json_object_get_string_member (obj, "rate_percent"), ==, "37.50");
  g_assert_cmpint (json_object_get_int_member (obj, "rate_hundredths"), ==, 3750);
  g_assert_cmpstr (json_object_get_string_member (obj, "scope"), ==, "110101");
  g_assert_cmpstr (json_object_get_string_member (obj, "scope_level"), ==, "county");
  g_assert_cmpstr (json_object_get_string_member (obj, "office_code"), ==, "110101");
  g_assert_cmpstr (json_object_get_string_member (obj, "from"), ==, "2026-03-01");
  g_assert_cmpstr (json_object_get_string_member (obj, "to"), ==, "2026-03-31");
  g_assert_cmpstr (json_object_get_string_member (obj, "source"), ==,
                   "东城区卫健委 2026年3月死亡统计");
  g_assert_cmpint (json_object_get_int_member (obj, "green_burials"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (obj, "burial_exempt"), ==, 1);
  g_assert_cmpint (count (o, AUDITED), ==, 1);

  /* The city: the other county's cremation too; no source: null. */
  {
    g_auto (CivCliRun) city = { 0 };
    g_autoptr (JsonParser) p2 = json_parser_new ();

    run (o, &city,
         (const char *const[]){ "stats", "cremation-rate", "--from=2026-03-01", "--to=2026-03-31",
                                "--deaths=5", "--scope=110100", "--json", NULL });
    g_assert_cmpint (city.status, ==, 0);
    g_assert_true (json_parser_load_from_data (p2, city.out, -1, &error));
    obj = json_node_get_object (json_parser_get_root (p2));
    g_assert_cmpint (json_object_get_int_member (obj, "cremated"), ==, 4);
    g_assert_cmpstr (json_object_get_string_member (obj, "rate_percent"), ==, "80.00");
    g_assert_true (json_object_get_null_member (obj, "source"));
  }
}

static void
test_text (Office *o, gconstpointer data)
{
  g_auto (CivCliRun) r = { 0 };

  run (o, &r,
       (const char *const[]){ "stats", "cremation-rate", "--from", "2026-03-01", "--to",
                              "2026-03-31", "--deaths", "2", "--scope", "110000", "--source",
                              "市统计局", NULL });
  g_test_message ("%s", r.out);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "110000 (province)"));
  g_assert_nonnull (strstr (r.out, "2026-03-01 to 2026-03-31"));
  g_assert_nonnull (strstr (r.out, "Bodies cremated:      4\n"));
  g_assert_nonnull (strstr (r.out, "Deaths:               2\n"));
  g_assert_nonnull (strstr (r.out, "市统计局"));
  /* More cremated than died is said as it is. */
  g_assert_nonnull (strstr (r.out, "Cremation rate:       200.00 %"));
  g_assert_nonnull (strstr (r.out, "Green burials:        1\n"));
  g_assert_nonnull (strstr (r.out, "Burial-exempt cases:  1\n"));
}

static void
test_bad_input (Office *o, gconstpointer data)
{
  static const struct
  {
    const char *args[14];
    int         status;
    const char *says;
  } bad[] = {
    /* Usage errors (2). */
    { { "stats", NULL }, 2, "stats cremation-rate" },
    { { "stats", "rate", NULL }, 2, "stats cremation-rate" },
    { { "stats", "cremation-rate", "--from", "2026-03-01", "--to", "2026-03-31", "--deaths", "8",
        NULL },
      2,
      "--scope" },
    { { "stats", "cremation-rate", "--from", "2026-03-01", "--to", "2026-03-31", "--scope",
        "110101", NULL },
      2,
      "--deaths" },
    { { "stats", "cremation-rate", "--from", "2026-3-1", "--to", "2026-03-31", "--deaths", "8",
        "--scope", "110101", NULL },
      2,
      "2026-3-1" },
    { { "stats", "cremation-rate", "--from", "2026-03-01", "--to", "2026-02-30", "--deaths", "8",
        "--scope", "110101", NULL },
      2,
      "2026-02-30" },
    { { "stats", "cremation-rate", "--from", "2026-03-31", "--to", "2026-03-01", "--deaths", "8",
        "--scope", "110101", NULL },
      2,
      "--from 2026-03-31 is after --to 2026-03-01" },
    { { "stats", "cremation-rate", "--from", "2026-03-01", "--to", "2026-03-31", "--deaths", "8.5",
        "--scope", "110101", NULL },
      2,
      "8.5" },
    { { "stats", "cremation-rate", "--from", "2026-03-01", "--to", "2026-03-31", "--deaths", "many",
        "--scope", "110101", NULL },
      2,
      "many" },
    { { "stats", "cremation-rate", "--from", "2026-03-01", "--to", "2026-03-31", "--deaths", "",
        "--scope", "110101", NULL },
      2,
      "--deaths" },
    { { "stats", "cremation-rate", "--from", "2026-03-01", "--to", "2026-03-31", "--deaths",
        "99999999999999999999", "--scope", "110101", NULL },
      2,
      "99999999999999999999" },
    { { "stats", "cremation-rate", "--from", "2026-03-01", "--to", "2026-03-31", "--deaths", "8",
        "--scope", "110101", "extra", NULL },
      2,
      "extra" },
    /* Refused (1): nothing audited. */
    { { "stats", "cremation-rate", "--from", "2026-03-01", "--to", "2026-03-31", "--deaths", "-5",
        "--scope", "110101", NULL },
      1,
      "R-F12" },
    { { "stats", "cremation-rate", "--from", "2026-03-01", "--to", "2026-03-31", "--deaths", "0",
        "--scope", "110101", NULL },
      1,
      "R-F12" },
    { { "stats", "cremation-rate", "--from", "2026-03-01", "--to", "2026-03-31", "--deaths", "8",
        "--scope", "11010", NULL },
      1,
      "not a division code" },
    { { "stats", "cremation-rate", "--from", "2026-03-01", "--to", "2026-03-31", "--deaths", "8",
        "--scope", "110001", NULL },
      1,
      "not a division code" },
    { { "stats", "cremation-rate", "--from", "2026-03-01", "--to", "2026-03-31", "--deaths", "8",
        "--scope", "120000", NULL },
      1,
      "is not in the division 120000" },
    { { "stats", "cremation-rate", "--from", "2026-03-01", "--to", "2999-12-31", "--deaths", "8",
        "--scope", "110101", NULL },
      1,
      "not complete" },
    { { "stats", "cremation-rate", "--from", "2026-03-01", "--to", "2026-03-31", "--deaths", "8",
        "--scope", "110101", "--source", "统计\x1b[2J", NULL },
      1,
      "control character" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto (CivCliRun) r = { 0 };

      run (o, &r, bad[i].args);
      g_test_message ("%u: %s", i, r.err);
      g_assert_cmpint (r.status, ==, bad[i].status);
      g_assert_nonnull (strstr (r.err, "civreg-cli"));
      g_assert_nonnull (strstr (r.err, bad[i].says));
      g_assert_cmpstr (r.out, ==, "");
      /* What was given is echoed without its escape bytes. */
      g_assert_null (strchr (r.err, '\x1b'));
    }
  g_assert_cmpint (count (o, AUDITED), ==, 0);

  /* A registrar without the funeral permission: refused and audited as denied. */
  {
    g_auto (CivCliRun) r = { 0 };

    run_as (o, CLERK, o->clerk_pw, &r,
            (const char *const[]){ "stats", "cremation-rate", "--from", "2026-03-01", "--to",
                                   "2026-03-31", "--deaths", "8", "--scope", "110101", NULL });
    g_assert_cmpint (r.status, ==, 1);
    g_assert_cmpstr (r.out, ==, "");
    g_assert_cmpint (count (o, "SELECT count(*) FROM audit_log WHERE action = 'denied' AND "
                               "actor = 'clerk'"),
                     ==, 1);
  }
  g_assert_cmpint (count (o, AUDITED), ==, 0);
}

/* In Chinese: the report and a refusal. */
static void
test_chinese (Office *o, gconstpointer data)
{
  g_auto (CivCliRun) report = { 0 };
  g_auto (CivCliRun) elsewhere = { 0 };
  g_auto (CivCliRun) bad_deaths = { 0 };

  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_setenv ("LANG", "zh_CN.UTF-8", TRUE);
  run (o, &report,
       (const char *const[]){ "stats", "cremation-rate", "--from", "2026-03-01", "--to",
                              "2026-03-31", "--deaths", "8", "--scope", "110100", NULL });
  run (o, &elsewhere,
       (const char *const[]){ "stats", "cremation-rate", "--from", "2026-03-01", "--to",
                              "2026-03-31", "--deaths", "8", "--scope", "120000", NULL });
  run (o, &bad_deaths,
       (const char *const[]){ "stats", "cremation-rate", "--from", "2026-03-01", "--to",
                              "2026-03-31", "--deaths", "0", "--scope", "110101", NULL });
  g_unsetenv ("LANGUAGE");
  g_setenv ("LANG", "C.UTF-8", TRUE);

  g_test_message ("%s%s%s", report.out, elsewhere.err, bad_deaths.err);
  g_assert_cmpint (report.status, ==, 0);
  g_assert_nonnull (strstr (report.out, "火化率"));
  g_assert_nonnull (strstr (report.out, "火化遗体数"));
  g_assert_nonnull (strstr (report.out, "未提供"));
  g_assert_nonnull (strstr (report.out, "市"));
  g_assert_nonnull (strstr (report.out, "50.00 %"));
  g_assert_nonnull (strstr (report.out, "节地生态安葬"));
  g_assert_null (strstr (report.out, "Bodies cremated"));
  g_assert_cmpint (elsewhere.status, ==, 1);
  g_assert_nonnull (strstr (elsewhere.err, "不在行政区划 120000 内"));
  g_assert_cmpint (bad_deaths.status, ==, 1);
  g_assert_nonnull (strstr (bad_deaths.err, "死亡人数"));
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  g_setenv ("LANG", "C.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  make_template ();
#define ADD(path, fn) g_test_add ((path), Office, NULL, office_setup, (fn), office_teardown)
  ADD ("/cli/stats/cremation-rate-json", test_json);
  ADD ("/cli/stats/cremation-rate-text", test_text);
  ADD ("/cli/stats/bad-input", test_bad_input);
  ADD ("/cli/stats/zh_CN", test_chinese);
#undef ADD
  rc = g_test_run ();
  civ_test_rmdir (template_dir);
  g_free (template_dir);
  return rc;
}
