// SPDX-License-Identifier: GPL-3.0-or-later
/* test-cli-numbers.c — civreg-cli numbers status|refill|return|void in a
 * subprocess (issue 17, R-N1, docs/cli-numbers.md): usage errors exit 2 and
 * change nothing, an office that is not enrolled keeps its local counter,
 * and an office enrolled with the reference server started with
 * --number-blocks receives its blocks, sets a serial aside (the supervisor
 * only) and returns the year's unused serials once; refusals in Chinese */
#include <json-glib/json-glib.h>
#include <string.h>

#include "civ-calendar.h"
#include "civ-test-utils.h"
#include "report-test-utils.h"

#define CLERK "clerk"
#define CLERK_PW "Clerk-password"
#define LOGINS "SELECT count(*) FROM audit_log WHERE action = 'login'"

static const char *const with_blocks[] = { "--number-blocks", NULL };

typedef struct
{
  char *dir; /* the office */
  char *work;
  char *admin_pw; /* password files */
  char *clerk_pw;
} Office;

static int
this_year (void)
{
  GDate today;

  civ_date_today (&today);
  return g_date_get_year (&today);
}

static char *
work_file (const char *work, const char *name, const char *text)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (work, name, NULL);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* The password files of both operators; @store gets the registrar. */
static void
office_init (Office *o, CivStore *store, const char *dir)
{
  civ_test_add_operator (store, CLERK, "李登记", CIV_ROLE_REGISTRAR, CLERK_PW);
  o->dir = g_strdup (dir);
  o->work = civ_test_mkdtemp ();
  o->admin_pw = work_file (o->work, "admin-pw", CIV_TEST_SUPERVISOR_PW "\n");
  o->clerk_pw = work_file (o->work, "clerk-pw", CLERK_PW "\n");
}

static void
office_clear (Office *o)
{
  civ_test_rmdir (o->work);
  g_free (o->dir);
  g_free (o->work);
  g_free (o->admin_pw);
  g_free (o->clerk_pw);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Office, office_clear)

/* Runs civreg-cli as @user (its password file @pw) with @args. */
static void
run_as (Office *o, const char *user, const char *pw, CivCliRun *r, const char *const *args)
{
  civ_test_run_cli_as (r, o->dir, user, pw, args);
}

static void
run_admin (Office *o, CivCliRun *r, const char *const *args)
{
  run_as (o, CIV_TEST_SUPERVISOR, o->admin_pw, r, args);
}

static void
run_clerk (Office *o, CivCliRun *r, const char *const *args)
{
  run_as (o, CLERK, o->clerk_pw, r, args);
}

/* The message civreg-cli printed for a failure: one line. */
static void
assert_err (const CivCliRun *r, const char *needle)
{
  g_assert_true (g_str_has_prefix (r->err, "civreg-cli: "));
  if (strstr (r->err, needle) == NULL)
    g_error ("“%s” not in “%s”", needle, r->err);
}

static JsonObject *
parse_object (const char *text, JsonParser **keep)
{
  g_autoptr (GError) error = NULL;

  *keep = json_parser_new ();
  json_parser_load_from_data (*keep, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (*keep)));
  return json_node_get_object (json_parser_get_root (*keep));
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

/* What the numbers commands may change: the blocks (their next serial,
 * returns), the serials set aside, the exchanges and their audit. */
static char *
numbers_state (Office *o)
{
  return g_strdup_printf (
    "%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT
    "/%" G_GINT64_FORMAT,
    count (o, "SELECT count(*) FROM number_blocks"),
    count (o, "SELECT coalesce(sum(next_serial + coalesce(returned_from, 0)), 0) "
              "FROM number_blocks"),
    count (o, "SELECT count(*) FROM number_voids"),
    count (o, "SELECT count(*) FROM number_exchanges"),
    count (o, "SELECT count(*) FROM audit_log WHERE action LIKE 'numbers.%'"));
}

/* Audited actions other than the logins (count () logs in too). */
static gint64
audit_rows (Office *o)
{
  return count (o, "SELECT count(*) FROM audit_log WHERE action <> 'login'");
}

/* The series @prefix @year of `numbers status --json`, or NULL. */
static JsonObject *
series_of (JsonObject *status, const char *prefix, int year)
{
  JsonArray *series = json_object_get_array_member (status, "series");

  for (guint i = 0; i < json_array_get_length (series); i++)
    {
      JsonObject *s = json_array_get_object_element (series, i);

      if (g_strcmp0 (json_object_get_string_member (s, "prefix"), prefix) == 0 &&
          json_object_get_int_member (s, "year") == year)
        return s;
    }
  return NULL;
}

/* A usage error: exit 2 before the office is opened (no login either),
 * nothing on standard output. */
static void
test_usage (void)
{
  g_autoptr (CivStore) store = NULL;
  g_autofree char *dir = NULL, *before = NULL, *after = NULL;
  g_auto (Office) o = { 0 };
  gint64 audit, logins;
  const struct
  {
    const char *args[10];
    const char *message;
  } bad[] = {
    { { "numbers", NULL }, "numbers needs one of status, refill, return, void" },
    { { "numbers", "status", "refill", NULL },
      "numbers needs one of status, refill, return, void" },
    { { "numbers", "renew", NULL }, "Unknown numbers command “renew”" },
    { { "numbers", "return", "--reason", "year-end", NULL },
      "numbers return needs --year, from 1950 to 9999" },
    { { "numbers", "return", "--year", "2026", NULL }, "numbers return needs --reason" },
    { { "numbers", "return", "--year", "1949", "--reason", "year-end", NULL },
      "numbers return needs --year, from 1950 to 9999" },
    { { "numbers", "return", "--year", "20x6", "--reason", "year-end", NULL },
      "numbers return needs --year, from 1950 to 9999" },
    { { "numbers", "void", "--prefix", "J", "--year", "1949", "--reason", "misprinted", NULL },
      "numbers void needs --year, from 1950 to 9999" },
    { { "numbers", "void", "--prefix", "J", "--year", "20x6", "--reason", "misprinted", NULL },
      "numbers void needs --year, from 1950 to 9999" },
    { { "numbers", "void", "--prefix", "J", "--year", "2026", NULL },
      "numbers void needs --reason" },
    { { "numbers", "void", "--year", "2026", "--reason", "misprinted", NULL },
      "numbers void needs --prefix" },
    { { "numbers", "refill", "--every", NULL }, "--every" },
  };

  store = civ_test_new_office (&dir, NULL);
  office_init (&o, store, dir);
  g_clear_object (&store);
  before = numbers_state (&o);
  audit = audit_rows (&o);
  logins = count (&o, LOGINS);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto (CivCliRun) r = { 0 };

      run_admin (&o, &r, bad[i].args);
      g_test_message ("%s", r.err);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_cmpstr (r.out, ==, "");
      assert_err (&r, bad[i].message);
    }
  /* The office was never opened: the one login more is count ()'s own. */
  g_assert_cmpint (count (&o, LOGINS), ==, logins + 1);
  g_assert_cmpint (audit_rows (&o), ==, audit);
  after = numbers_state (&o);
  g_assert_cmpstr (after, ==, before);

  /* An unknown prefix is the service's refusal: exit 1, nothing set aside. */
  {
    g_auto (CivCliRun) r = { 0 };
    g_autofree char *again = NULL;

    run_admin (&o, &r,
               (const char *const[]){ "numbers", "void", "--prefix", "X", "--year", "2026",
                                      "--reason", "misprinted", NULL });
    g_assert_cmpint (r.status, ==, 1);
    g_assert_cmpstr (r.out, ==, "");
    assert_err (&r, "“X” is not a certificate prefix (J, L, BJ, BL, SY, JCSY)");
    again = numbers_state (&o);
    g_assert_cmpstr (again, ==, before);
  }
  civ_test_rmdir (dir);
}

/* An office that is not enrolled numbers with its local counter; it has
 * nothing to exchange and nothing to return. */
static void
test_local (void)
{
  g_autoptr (CivStore) store = NULL;
  g_autofree char *dir = NULL, *before = NULL, *after = NULL;
  g_auto (Office) o = { 0 };
  int year = this_year ();

  store = civ_test_new_office (&dir, NULL);
  office_init (&o, store, dir);
  g_clear_object (&store);
  before = numbers_state (&o);
  {
    g_auto (CivCliRun) r = { 0 };

    run_clerk (&o, &r, (const char *const[]){ "numbers", "status", NULL });
    g_assert_cmpstr (r.err, ==, "");
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.out, ==,
                     "Certificate numbers: this office's local counter (not enrolled with the "
                     "province)\n");
  }
  {
    g_auto (CivCliRun) r = { 0 };
    g_autoptr (JsonParser) keep = NULL;
    JsonObject *st;

    run_clerk (&o, &r, (const char *const[]){ "--json", "numbers", "status", NULL });
    g_assert_cmpstr (r.err, ==, "");
    g_assert_cmpint (r.status, ==, 0);
    st = parse_object (r.out, &keep);
    g_assert_cmpstr (json_object_get_string_member (st, "source"), ==, "local");
    g_assert_false (json_object_get_boolean_member (st, "enrolled"));
    g_assert_false (json_object_get_boolean_member (st, "request_pending"));
    g_assert_true (json_object_get_null_member (st, "claim_refused"));
    g_assert_cmpint (json_object_get_int_member (st, "reserve"), ==, 100);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (st, "series")), ==, 0);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (st, "blocks")), ==, 0);
  }
  {
    g_auto (CivCliRun) r = { 0 };

    run_clerk (&o, &r, (const char *const[]){ "numbers", "refill", NULL });
    g_assert_cmpint (r.status, ==, 1);
    g_assert_cmpstr (r.out, ==, "");
    assert_err (&r, "This workstation is not enrolled for reporting yet");
  }
  {
    g_auto (CivCliRun) r = { 0 };
    g_autofree char *year_text = g_strdup_printf ("%d", year);
    g_autofree char *expect =
      g_strdup_printf ("This workstation holds no unused number of %d to return", year);

    run_admin (&o, &r,
               (const char *const[]){ "numbers", "return", "--year", year_text, "--reason",
                                      "year-end", NULL });
    g_assert_cmpint (r.status, ==, 1);
    g_assert_cmpstr (r.out, ==, "");
    assert_err (&r, expect);
  }
  after = numbers_state (&o);
  g_assert_cmpstr (after, ==, before);
  civ_test_rmdir (dir);
}

/* `numbers refill` against the reference server with --number-blocks, and
 * what follows: the status from the province, a serial set aside (the
 * supervisor only), the year's unused serials returned once and reported. */
static void
test_province (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_auto (Office) o = { 0 };
  g_autofree char *year_text = NULL, *first = NULL, *second = NULL;
  int              year = this_year ();
  guint            n_series = 0;

  report_env_init (&env);
  report_env_start_server (&env, "server", "ca", with_blocks);
  report_env_enroll (&env, "client", TRUE, 0);
  office_init (&o, env.store, env.office_dir);
  /* civreg-cli opens the office itself. */
  g_clear_object (&env.store);
  year_text = g_strdup_printf ("%d", year);
  first = g_strdup_printf ("J110101-%d-000001", year);
  second = g_strdup_printf ("J110101-%d-000002", year);

  /* Enrolled, no block yet: the local counter, because nothing was
   * exchanged. */
  {
    g_auto (CivCliRun) r = { 0 };

    run_clerk (&o, &r, (const char *const[]){ "numbers", "status", NULL });
    g_assert_cmpstr (r.err, ==, "");
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.out, ==,
                     "Certificate numbers: this office's local counter (the province has handed "
                     "out no number blocks)\n");
  }
  /* A registrar may refill: one block per prefix (and next year's in
   * December). */
  {
    g_auto (CivCliRun) r = { 0 };
    g_autofree char *expect = NULL;
    GDate            today;

    civ_date_today (&today);
    run_clerk (&o, &r, (const char *const[]){ "numbers", "refill", NULL });
    g_assert_cmpstr (r.err, ==, "");
    g_assert_cmpint (r.status, ==, 0);
    expect = g_strdup_printf ("%d number blocks received\n",
                              g_date_get_month (&today) == G_DATE_DECEMBER ? 12 : 6);
    g_assert_cmpstr (r.out, ==, expect);
  }
  {
    g_auto (CivCliRun) r = { 0 };
    g_autoptr (JsonParser) keep = NULL;
    JsonObject *st, *j;
    JsonArray  *blocks;

    run_clerk (&o, &r, (const char *const[]){ "--json", "numbers", "status", NULL });
    g_assert_cmpstr (r.err, ==, "");
    g_assert_cmpint (r.status, ==, 0);
    st = parse_object (r.out, &keep);
    g_assert_cmpstr (json_object_get_string_member (st, "source"), ==, "province");
    g_assert_true (json_object_get_boolean_member (st, "enrolled"));
    g_assert_false (json_object_get_boolean_member (st, "request_pending"));
    j = series_of (st, "J", year);
    g_assert_nonnull (j);
    g_assert_cmpint (json_object_get_int_member (j, "left"), ==, 200);
    g_assert_cmpstr (json_object_get_string_member (j, "next_number"), ==, first);
    for (const char *const *p = (const char *const[]){ "L", "BJ", "BL", "SY", "JCSY", NULL }; *p;
         p++)
      g_assert_nonnull (series_of (st, *p, year));
    n_series = json_array_get_length (json_object_get_array_member (st, "series"));
    blocks = json_object_get_array_member (st, "blocks");
    g_assert_cmpuint (json_array_get_length (blocks), ==, n_series);
    for (guint i = 0; i < json_array_get_length (blocks); i++)
      {
        JsonObject *b = json_array_get_object_element (blocks, i);

        g_assert_true (
          g_str_has_prefix (json_object_get_string_member (b, "block_id"), "NB-110101-"));
        g_assert_cmpint (json_object_get_int_member (b, "first"), ==, 1);
        g_assert_cmpint (json_object_get_int_member (b, "next"), ==, 1);
        g_assert_false (json_object_get_boolean_member (b, "claim"));
        g_assert_true (json_object_get_null_member (b, "returned_from"));
      }
  }
  {
    g_auto (CivCliRun) r = { 0 };
    g_autofree char *line = g_strdup_printf ("J    %d     200 left  next %s\n", year, first);

    run_clerk (&o, &r, (const char *const[]){ "numbers", "status", NULL });
    g_assert_cmpstr (r.err, ==, "");
    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (
      g_str_has_prefix (r.out, "Certificate numbers: from the province's number blocks\n"));
    if (strstr (r.out, line) == NULL)
      g_error ("“%s” not in “%s”", line, r.out);
  }

  /* Setting a serial aside is the supervisor's: a registrar is refused
   * (and the refusal audited), nothing is set aside. */
  {
    g_auto (CivCliRun) r = { 0 };
    g_autofree char *before = numbers_state (&o);
    g_autofree char *after = NULL;
    gint64           denied = count (&o, "SELECT count(*) FROM audit_log WHERE action = 'denied'");

    run_clerk (&o, &r,
               (const char *const[]){ "numbers", "void", "--prefix", "J", "--year", year_text,
                                      "--reason", "misprinted", NULL });
    g_assert_cmpint (r.status, ==, 1);
    g_assert_cmpstr (r.out, ==, "");
    assert_err (&r, "A user with the role “Registrar” may not enroll the workstation with the "
                    "province, requeue parked reports or return and set aside certificate "
                    "numbers");
    after = numbers_state (&o);
    g_assert_cmpstr (after, ==, before);
    g_assert_cmpint (count (&o, "SELECT count(*) FROM audit_log WHERE action = 'denied' AND "
                                "object = 'manage-reporting'"),
                     ==, denied + 1);
  }
  {
    g_auto (CivCliRun) r = { 0 };
    g_autofree char *expect = g_strdup_printf ("%s set aside unused\n", first);

    run_admin (&o, &r,
               (const char *const[]){ "numbers", "void", "--prefix", "J", "--year", year_text,
                                      "--reason", "misprinted", NULL });
    g_assert_cmpstr (r.err, ==, "");
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.out, ==, expect);
    g_assert_cmpint (count (&o, "SELECT count(*) FROM number_voids WHERE prefix = 'J' AND "
                                "serial = 1 AND reason = 'misprinted' AND voided_by = 'admin'"),
                     ==, 1);
    g_assert_cmpint (count (&o, "SELECT count(*) FROM audit_log WHERE action = 'numbers.void'"), ==,
                     1);
  }
  {
    g_auto (CivCliRun) r = { 0 };
    g_autoptr (JsonParser) keep = NULL;
    JsonObject *j;

    run_clerk (&o, &r, (const char *const[]){ "--json", "numbers", "status", NULL });
    g_assert_cmpint (r.status, ==, 0);
    j = series_of (parse_object (r.out, &keep), "J", year);
    g_assert_cmpint (json_object_get_int_member (j, "left"), ==, 199);
    g_assert_cmpstr (json_object_get_string_member (j, "next_number"), ==, second);
  }

  /* Year end: a registrar may not return; the supervisor returns every
   * unused serial of the year's blocks (199 of J, 200 of each other). */
  {
    g_auto (CivCliRun) r = { 0 };
    g_autofree char *before = numbers_state (&o);
    g_autofree char *after = NULL;

    run_clerk (&o, &r,
               (const char *const[]){ "numbers", "return", "--year", year_text, "--reason",
                                      "year-end", NULL });
    g_assert_cmpint (r.status, ==, 1);
    g_assert_cmpstr (r.out, ==, "");
    assert_err (&r, "A user with the role “Registrar” may not");
    after = numbers_state (&o);
    g_assert_cmpstr (after, ==, before);
  }
  {
    g_auto (CivCliRun) r = { 0 };

    run_admin (&o, &r,
               (const char *const[]){ "numbers", "return", "--year", year_text, "--reason",
                                      "year-end", NULL });
    g_assert_cmpstr (r.err, ==, "");
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.out, ==,
                     "1199 unused serials of 6 blocks returned; they are reported at the next "
                     "delivery\n");
    g_assert_cmpint (count (&o, "SELECT count(*) FROM audit_log WHERE action = 'numbers.return'"),
                     ==, 1);
  }
  /* A second return of the same year has nothing left to give back. */
  {
    g_auto (CivCliRun) r = { 0 };
    g_autofree char *before = numbers_state (&o);
    g_autofree char *after = NULL;
    g_autofree char *expect =
      g_strdup_printf ("This workstation holds no unused number of %d to return", year);

    run_admin (&o, &r,
               (const char *const[]){ "numbers", "return", "--year", year_text, "--reason",
                                      "year-end", NULL });
    g_assert_cmpint (r.status, ==, 1);
    g_assert_cmpstr (r.out, ==, "");
    assert_err (&r, expect);
    after = numbers_state (&o);
    g_assert_cmpstr (after, ==, before);
  }
  /* The next exchange reports the void and the returns; the year's series
   * are closed, so nothing new is asked for them. */
  {
    g_auto (CivCliRun) r = { 0 };

    run_clerk (&o, &r, (const char *const[]){ "numbers", "refill", NULL });
    g_assert_cmpstr (r.err, ==, "");
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.out, ==, "0 number blocks received\n");
    g_assert_cmpint (count (&o, "SELECT count(*) FROM number_voids WHERE reported_at IS NULL"), ==,
                     0);
    g_assert_cmpint (count (&o, "SELECT count(*) FROM number_blocks WHERE returned_from IS NOT "
                                "NULL AND return_reported_at IS NULL"),
                     ==, 0);
  }
  {
    g_auto (CivCliRun) r = { 0 };
    g_autoptr (JsonParser) keep = NULL;
    JsonObject *st, *j;
    JsonArray  *blocks;
    guint       returned = 0;

    run_clerk (&o, &r, (const char *const[]){ "--json", "numbers", "status", NULL });
    g_assert_cmpint (r.status, ==, 0);
    st = parse_object (r.out, &keep);
    j = series_of (st, "J", year);
    g_assert_cmpint (json_object_get_int_member (j, "left"), ==, 0);
    g_assert_true (json_object_get_null_member (j, "next_number"));
    blocks = json_object_get_array_member (st, "blocks");
    for (guint i = 0; i < json_array_get_length (blocks); i++)
      {
        JsonObject *b = json_array_get_object_element (blocks, i);

        if (json_object_get_int_member (b, "year") != year)
          continue;
        g_assert_cmpstr (json_object_get_string_member (b, "return_reason"), ==, "year-end");
        g_assert_true (json_object_get_boolean_member (b, "return_reported"));
        returned++;
      }
    g_assert_cmpuint (returned, ==, 6);
  }
}

/* The refusals in Chinese, from the built catalogue. */
static void
test_chinese (void)
{
  g_autoptr (CivStore) store = NULL;
  g_autofree char *dir = NULL;
  g_auto (Office) o = { 0 };
  g_auto (CivCliRun) denied = { 0 };
  g_auto (CivCliRun) prefix = { 0 };
  g_auto (CivCliRun) usage = { 0 };
  g_auto (CivCliRun) status = { 0 };

  store = civ_test_new_office (&dir, NULL);
  office_init (&o, store, dir);
  g_clear_object (&store);
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_setenv ("LANG", "zh_CN.UTF-8", TRUE);
  run_clerk (&o, &denied,
             (const char *const[]){ "numbers", "void", "--prefix", "J", "--year", "2026",
                                    "--reason", "填错作废", NULL });
  run_admin (&o, &prefix,
             (const char *const[]){ "numbers", "void", "--prefix", "X", "--year", "2026",
                                    "--reason", "填错作废", NULL });
  run_admin (&o, &usage, (const char *const[]){ "numbers", NULL });
  run_clerk (&o, &status, (const char *const[]){ "numbers", "status", NULL });
  g_unsetenv ("LANGUAGE");
  g_setenv ("LANG", "C.UTF-8", TRUE);

  g_test_message ("%s%s%s%s", denied.err, prefix.err, usage.err, status.out);
  g_assert_cmpint (denied.status, ==, 1);
  assert_err (&denied, "角色为“登记员”的用户无权");
  assert_err (&denied, "字号");
  g_assert_cmpint (prefix.status, ==, 1);
  assert_err (&prefix, "“X”不是证书字头");
  g_assert_cmpint (usage.status, ==, 2);
  assert_err (&usage, "numbers 需要 status、refill、return、void 之一");
  g_assert_cmpint (status.status, ==, 0);
  g_assert_cmpstr (status.err, ==, "");
  g_assert_cmpstr (status.out, ==, "证书字号：本机关本地计数器（未向省级系统注册）\n");
  civ_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LANG", "C.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  g_test_add_func ("/cli/numbers/usage", test_usage);
  g_test_add_func ("/cli/numbers/local", test_local);
  g_test_add_func ("/cli/numbers/province", test_province);
  g_test_add_func ("/cli/numbers/zh_CN", test_chinese);
  return g_test_run ();
}
