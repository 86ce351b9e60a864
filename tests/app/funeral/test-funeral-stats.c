// SPDX-License-Identifier: GPL-3.0-or-later
/* test-funeral-stats.c — the cremation rate (火化率, R-F12) and the figures
 * beside it (green burials, burial exemptions: R-X4) over a real SQLCipher
 * file with fake dates: cremations counted by the day of their step, both
 * ends of the period counted in, a case once however many steps; the scope
 * matching office codes by their significant digits (county, city,
 * province) and refused when the office is not in it; the rate rounded half
 * up and allowed past 100 %; bad input (period backwards or not over,
 * deaths out of range, a code that is not a division, a source that is not
 * text) refused with R-F12 and nothing audited; the permission; the audit
 * entry with the figures and the source; the job for a page. */
#include <string.h>

#include "civ-app-error.h"
#include "civ-funeral-stats.h"
#include "civ-funeral-store.h"
#include "civ-permissions.h"
#include "civ-test-utils.h"
#include "civ-users-service.h"

#define FUNERAL "binzang"
#define FUNERAL_PW "Funeral-password-1"
#define CLERK "clerk"
#define CLERK_PW "Clerk-password-1"
#define GRANTED "clerk2"
#define GRANTED_PW "Clerk2-password-1"

#define AUDITED "SELECT count(*) FROM audit_log WHERE action = 'funeral.stats.cremation_rate'"

typedef struct
{
  char     *dir;
  CivStore *admin;   /* the supervisor */
  CivStore *funeral; /* a funeral clerk */
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

/* One step of a case's history: its state and time. */
typedef struct
{
  const char *state;
  const char *at;
} Step;

/* A case of office @office with @steps (NULL-state terminated) appended to
 * its history, written straight through the storage layer in one
 * transaction, as the case service will. */
static void
add_case (CivStore *store, const char *record_id, const char *office, const Step *steps)
{
  g_autoptr (GError) error = NULL;
  CivDb            *db = civ_store_get_db (store);
  CivFuneralCaseRow row = { 0 };
  const char       *state = "DEATH_REPORTED";
  gint64            id;

  row.record_id = (char *) record_id;
  row.office_code = (char *) office;
  row.state = (char *) state;
  row.reported_on = (char *) "2026-02-20";
  row.deceased_name = (char *) "张老三";
  row.sex = 1;
  row.death_at = (char *) "2026-02-20T05:00";
  g_assert_true (civ_db_begin (db, &error));
  id = civ_funeral_case_insert (db, &row, CIV_TEST_SUPERVISOR, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (civ_funeral_event_add (db, id, "2026-02-20T08:00", NULL, state,
                                        CIV_TEST_SUPERVISOR, NULL, &error));
  for (guint i = 0; steps != NULL && steps[i].state != NULL; i++)
    {
      g_assert_true (civ_funeral_event_add (db, id, steps[i].at, state, steps[i].state,
                                            CIV_TEST_SUPERVISOR, NULL, &error));
      g_assert_no_error (error);
      state = steps[i].state;
    }
  g_assert_true (civ_funeral_case_set_state (db, id, state, NULL, &error));
  g_assert_true (civ_db_commit (db, &error));
  g_assert_no_error (error);
}

static void
make_template (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&template_dir, NULL);

  civ_test_add_operator (store, FUNERAL, "刘洋", CIV_ROLE_FUNERAL_CLERK, FUNERAL_PW);
  civ_test_add_operator (store, CLERK, "李登记", CIV_ROLE_REGISTRAR, CLERK_PW);
  civ_test_add_operator (store, GRANTED, "赵登记", CIV_ROLE_REGISTRAR, GRANTED_PW);
  g_assert_true (civ_users_set_grant (store, GRANTED, CIV_PERM_FUNERAL, TRUE, &error));
  g_assert_no_error (error);

  /* The office is 110101. Period of the tests: 2026-03-01 … 2026-03-31. */
  /* Cremated on the first day and on the last minute of the period. */
  add_case (store, "a", "110101", (const Step[]){ { "CREMATED", "2026-03-01T00:00" }, { NULL } });
  add_case (store, "b", "110101",
            (const Step[]){
              { "CREMATED", "2026-03-31T23:59" }, { "ECO_BURIAL", "2026-04-02T10:00" }, { NULL } });
  /* Cremated the day before; its green burial falls in the period. */
  add_case (store, "c", "110101",
            (const Step[]){ { "CREMATED", "2026-02-28T10:00" },
                            { "ASHES_DEPOSITED", "2026-03-01T09:00" },
                            { "ECO_BURIAL", "2026-03-05T09:00" },
                            { NULL } });
  /* The day after. */
  add_case (store, "d", "110101", (const Step[]){ { "CREMATED", "2026-04-01T00:00" }, { NULL } });
  /* Buried under R-F3 in the period. */
  add_case (store, "e", "110101",
            (const Step[]){ { "DEATH_CERT_VERIFIED", "2026-03-09T09:00" },
                            { "BURIAL_EXEMPT", "2026-03-10T09:00" },
                            { NULL } });
  /* Another county of the city, another province. */
  add_case (store, "f", "110102", (const Step[]){ { "CREMATED", "2026-03-15T10:00" }, { NULL } });
  add_case (store, "g", "120101", (const Step[]){ { "CREMATED", "2026-03-15T10:00" }, { NULL } });
  /* Reported in the period, not cremated yet. */
  add_case (store, "h", "110101", (const Step[]){ { "COLLECTED", "2026-03-20T10:00" }, { NULL } });
  /* Two cremation steps in the period (a step written twice): one body. */
  add_case (store, "i", "110101",
            (const Step[]){
              { "CREMATED", "2026-03-12T10:00" }, { "CREMATED", "2026-03-12T10:05" }, { NULL } });
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

/* The rate of March 2026 asked on 2026-04-10. */
static CivCremationRate *
march (CivStore *store, gint64 deaths, const char *scope, const char *source, GError **error)
{
  GDate from = day (3, 1), to = day (3, 31), today = day (4, 10);

  return civ_funeral_stats_cremation_rate (store, &from, &to, deaths, scope, source, &today, error);
}

static void
test_scope_and_period (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivCremationRate) county =
    march (fx->funeral, 7, "110101", "区卫健委死亡统计", &error);
  g_autoptr (CivCremationRate) city = NULL;
  g_autoptr (CivCremationRate) province = NULL;
  g_autofree char *percent = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (county);
  /* a (first day), b (last minute), i (once); not c (before), d (after),
   * f (another county), g (another province), h (not cremated). */
  g_assert_cmpint (county->cremated, ==, 3);
  g_assert_cmpint (county->green_burials, ==, 1);
  g_assert_cmpint (county->burial_exempt, ==, 1);
  g_assert_cmpint (county->deaths, ==, 7);
  g_assert_cmpstr (county->scope, ==, "110101");
  g_assert_cmpstr (county->scope_prefix, ==, "110101");
  g_assert_cmpstr (county->scope_level, ==, "county");
  g_assert_cmpstr (county->office_code, ==, "110101");
  g_assert_cmpstr (county->from, ==, "2026-03-01");
  g_assert_cmpstr (county->to, ==, "2026-03-31");
  g_assert_cmpstr (county->source, ==, "区卫健委死亡统计");
  /* 3 ÷ 7 = 42.857… % */
  g_assert_cmpint (county->rate_hundredths, ==, 4286);
  percent = civ_cremation_rate_format (county);
  g_assert_cmpstr (percent, ==, "42.86");

  /* The city counts its other county too (f); the province the same. */
  city = march (fx->funeral, 10, " 110100 ", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (city->scope, ==, "110100");
  g_assert_cmpstr (city->scope_prefix, ==, "1101");
  g_assert_cmpstr (city->scope_level, ==, "city");
  g_assert_cmpint (city->cremated, ==, 4);
  g_assert_cmpint (city->rate_hundredths, ==, 4000);
  g_assert_null (city->source);
  province = march (fx->funeral, 4, "110000", "", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (province->scope_prefix, ==, "11");
  g_assert_cmpstr (province->scope_level, ==, "province");
  g_assert_cmpint (province->cremated, ==, 4);
  g_assert_cmpint (province->rate_hundredths, ==, 10000);
  g_assert_null (province->source);

  /* One day: only what fell on it. */
  {
    GDate from = day (3, 31), to = day (3, 31), today = day (3, 31);
    g_autoptr (CivCremationRate) one =
      civ_funeral_stats_cremation_rate (fx->funeral, &from, &to, 1, "110101", NULL, &today, &error);

    g_assert_no_error (error);
    g_assert_cmpint (one->cremated, ==, 1);
    g_assert_cmpint (one->green_burials, ==, 0);
    g_assert_cmpint (one->burial_exempt, ==, 0);
  }
  /* A period with nothing in it: 0, said honestly. */
  {
    GDate from = day (1, 1), to = day (1, 31), today = day (4, 10);
    g_autoptr (CivCremationRate) none =
      civ_funeral_stats_cremation_rate (fx->funeral, &from, &to, 5, "110101", NULL, &today, &error);
    g_autofree char *zero = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (none->cremated, ==, 0);
    zero = civ_cremation_rate_format (none);
    g_assert_cmpstr (zero, ==, "0.00");
  }
}

static void
test_rounding (Fixture *fx, gconstpointer data)
{
  static const struct
  {
    gint64      deaths;
    gint64      hundredths;
    const char *text;
  } cases[] = {
    { 3, 10000, "100.00" }, { 2, 15000, "150.00" }, /* more cremated than died: bodies from elsewhere */
    { 800, 38, "0.38" },                            /* 3 ÷ 800 = 0.375 %: half up */
    { 9, 3333, "33.33" },   { 6, 5000, "50.00" },   { 100000000, 0, "0.00" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (CivCremationRate) r = march (fx->funeral, cases[i].deaths, "110101", NULL, &error);
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      g_assert_cmpint (r->cremated, ==, 3);
      g_assert_cmpint (r->rate_hundredths, ==, cases[i].hundredths);
      text = civ_cremation_rate_format (r);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_bad_input (Fixture *fx, gconstpointer data)
{
  static const char *const bad_scopes[] = { "11010",  "1101011", "1101a1",       "000000", "001100",
                                            "110001", "",        "１１０１０１", NULL };
  g_autofree char         *long_source = g_strnfill (CIV_FUNERAL_STATS_SOURCE_MAX + 1, 'x');
  gint64                   audited = civ_test_count (fx->funeral, AUDITED);
  GDate                    from = day (3, 1), to = day (3, 31), today = day (4, 10);

  for (guint i = 0; bad_scopes[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_null (march (fx->funeral, 10, bad_scopes[i], NULL, &error));
      g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
      g_assert_cmpstr (civ_app_error_get_rule (error), ==, "R-F12");
    }
  {
    const gint64 bad_deaths[] = { 0, -1, G_MININT64, CIV_FUNERAL_STATS_MAX_DEATHS + 1, G_MAXINT64 };

    for (guint i = 0; i < G_N_ELEMENTS (bad_deaths); i++)
      {
        g_autoptr (GError) error = NULL;

        g_assert_null (march (fx->funeral, bad_deaths[i], "110101", NULL, &error));
        g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
        g_assert_cmpstr (civ_app_error_get_rule (error), ==, "R-F12");
      }
  }
  {
    const char *const bad_sources[] = { long_source, "统计局\n第2号", "统计局\x1b[2J", "\xff\xfe" };

    for (guint i = 0; i < G_N_ELEMENTS (bad_sources); i++)
      {
        g_autoptr (GError) error = NULL;

        g_assert_null (march (fx->funeral, 10, "110101", bad_sources[i], &error));
        g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
        g_assert_cmpstr (civ_app_error_get_rule (error), ==, "R-F12");
      }
  }
  /* The period backwards; ending after the counter's date (not over). */
  {
    g_autoptr (GError) error = NULL;

    g_assert_null (civ_funeral_stats_cremation_rate (fx->funeral, &to, &from, 10, "110101", NULL,
                                                     &today, &error));
    g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
    g_assert_cmpstr (civ_app_error_get_rule (error), ==, "R-F12");
  }
  {
    g_autoptr (GError) error = NULL;
    GDate early = day (3, 30);

    g_assert_null (civ_funeral_stats_cremation_rate (fx->funeral, &from, &to, 10, "110101", NULL,
                                                     &early, &error));
    g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
    g_assert_cmpstr (civ_app_error_get_rule (error), ==, "R-F12");
    g_assert_nonnull (strstr (error->message, "2026-03-31"));
  }
  {
    g_autoptr (GError) error = NULL;
    GDate unset;

    g_date_clear (&unset, 1);
    g_assert_null (civ_funeral_stats_cremation_rate (fx->funeral, &unset, &to, 10, "110101", NULL,
                                                     &today, &error));
    g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_null (civ_funeral_stats_cremation_rate (fx->funeral, &from, &to, 10, "110101", NULL,
                                                     &unset, &error));
    g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  }
  /* A scope the office is not in: refused, not answered with 0. */
  {
    static const char *const elsewhere[] = { "120000", "120100", "110102", "110200", NULL };

    for (guint i = 0; elsewhere[i] != NULL; i++)
      {
        g_autoptr (GError) error = NULL;

        g_assert_null (march (fx->funeral, 10, elsewhere[i], NULL, &error));
        g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_REFUSED);
        g_assert_cmpstr (civ_app_error_get_rule (error), ==, "R-F12");
        g_assert_nonnull (strstr (error->message, elsewhere[i]));
      }
  }
  /* Nothing of it was audited. */
  g_assert_cmpint (civ_test_count (fx->funeral, AUDITED), ==, audited);
}

static void
test_permission_and_audit (Fixture *fx, gconstpointer data)
{
  g_autoptr (CivStore) clerk = open_as (fx, CLERK, CLERK_PW);
  g_autoptr (CivStore) granted = open_as (fx, GRANTED, GRANTED_PW);
  g_autoptr (GError) error = NULL;
  g_autoptr (CivCremationRate) by_admin = NULL;
  g_autoptr (CivCremationRate) by_granted = NULL;
  gint64 denied = civ_test_count (fx->admin, "SELECT count(*) FROM audit_log WHERE action = "
                                             "'denied' AND actor = 'clerk'");

  g_assert_null (march (clerk, 10, "110101", NULL, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpint (civ_test_count (fx->admin, "SELECT count(*) FROM audit_log WHERE action = "
                                              "'denied' AND actor = 'clerk'"),
                   ==, denied + 1);
  g_assert_cmpint (civ_test_count (fx->admin, AUDITED), ==, 0);

  /* A supervisor and a registrar given the permission may. */
  by_admin = march (fx->admin, 10, "110100", "市统计局 2026年3月", &error);
  g_assert_no_error (error);
  by_granted = march (granted, 10, "110101", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (civ_test_count (fx->admin, AUDITED), ==, 2);
  /* The entry: the scope as its object, the figures and the source apart. */
  g_assert_cmpint (civ_test_count (fx->admin,
                                   AUDITED " AND actor = 'admin' AND object = '110100' "
                                           "AND detail LIKE '%\"cremated\":4,%' "
                                           "AND detail LIKE '%\"deaths\":10,%' "
                                           "AND detail LIKE '%\"rate_percent\":\"40.00\"%' "
                                           "AND detail LIKE '%\"source\":\"市统计局 2026年3月\"%' "
                                           "AND detail LIKE '%\"from\":\"2026-03-01\"%' "
                                           "AND detail LIKE '%\"to\":\"2026-03-31\"%' "
                                           "AND detail LIKE '%\"green_burials\":1%' "
                                           "AND detail LIKE '%\"burial_exempt\":1%'"),
                   ==, 1);
  g_assert_cmpint (civ_test_count (fx->admin,
                                   AUDITED " AND actor = 'clerk2' AND object = "
                                           "'110101' AND detail LIKE '%\"source\":null%'"),
                   ==, 1);
}

/* The same through the session's worker, as a page calls it. */
static void
test_async (void)
{
  g_autofree char *dir = NULL;
  CivStore        *store = civ_test_copy_office (template_dir, &dir);
  CivSession      *session = civ_test_session_new (store);
  GAsyncResult    *result = NULL;
  GDate            from = day (3, 1), to = day (3, 31), today = day (4, 10);
  g_autoptr (GError) error = NULL;
  g_autoptr (CivCremationRate) rate = NULL;

  civ_funeral_stats_cremation_rate_async (session, NULL, &from, &to, 6, "110101", "户籍统计",
                                          &today, NULL, civ_test_keep_result, &result);
  rate = civ_funeral_stats_cremation_rate_finish (session, civ_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (rate->cremated, ==, 3);
  g_assert_cmpint (rate->rate_hundredths, ==, 5000);
  g_assert_cmpstr (rate->source, ==, "户籍统计");
  g_clear_object (&result);

  civ_funeral_stats_cremation_rate_async (session, NULL, &from, &to, 0, "110101", NULL, &today,
                                          NULL, civ_test_keep_result, &result);
  g_assert_null (
    civ_funeral_stats_cremation_rate_finish (session, civ_test_await (&result), &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_clear_object (&result);
  civ_test_session_close (session);
  civ_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  make_template ();
#define ADD(path, fn) g_test_add ((path), Fixture, NULL, fixture_set_up, (fn), fixture_tear_down)
  ADD ("/funeral-stats/scope-and-period", test_scope_and_period);
  ADD ("/funeral-stats/rounding", test_rounding);
  ADD ("/funeral-stats/bad-input", test_bad_input);
  ADD ("/funeral-stats/permission-and-audit", test_permission_and_audit);
#undef ADD
  g_test_add_func ("/funeral-stats/async", test_async);
  rc = g_test_run ();
  civ_test_rmdir (template_dir);
  g_free (template_dir);
  return rc;
}
