// SPDX-License-Identifier: GPL-3.0-or-later
/* test-funeral-case.c — the funeral case service over real SQLCipher files
 * with fake dates (domain.md §4, issue 16): a case walked from the reported
 * death to the ashes, every refusal with its rule and nothing changed, the
 * cremation taking its blank from the stock in the same transaction
 * (R-F13), the burial exemption where the area allows it (R-F1, R-F3), a
 * verified death ending the registered marriage and widowing the survivor,
 * who may then marry again (R-F14), the audited views, the day board and
 * the jobs a page calls. */
#include <string.h>

#include "civ-app-error.h"
#include "civ-cremation-stock.h"
#include "civ-funeral-case.h"
#include "civ-funeral-money.h"
#include "civ-permissions.h"
#include "civ-test-utils.h"
#include "civ-users-service.h"

#define FUNERAL "binzang"
#define FUNERAL_PW "Funeral-password-1"
#define CLERK "clerk"
#define CLERK_PW "Clerk-password-1"

typedef struct
{
  char     *dir;
  CivStore *admin;
  CivStore *funeral;
} Fixture;

static char *template_dir;

static void
make_template (void)
{
  g_autoptr (CivStore) store = civ_test_new_office (&template_dir, NULL);

  civ_test_add_operator (store, FUNERAL, "刘洋", CIV_ROLE_FUNERAL_CLERK, FUNERAL_PW);
  civ_test_add_operator (store, CLERK, "李登记", CIV_ROLE_REGISTRAR, CLERK_PW);
}

static CivStore *
open_as (Fixture *fx, const char *login, const char *password)
{
  g_autoptr (GError) error = NULL;
  CivStore *store = civ_store_open (fx->dir, login, password, &error);

  g_assert_no_error (error);
  return store;
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
assert_rule (const GError *error, gint code, const char *rule)
{
  g_assert_error (error, CIV_APP_ERROR, code);
  g_assert_cmpstr (civ_app_error_get_rule (error), ==, rule);
}

/* A man who died at home on 2026-08-01 at 06:30, his son as the agent. */
static CivFuneralReport *
report_of (const char *id_number)
{
  CivFuneralReport *r = civ_funeral_report_new ();

  r->name = g_strdup ("张大山");
  r->sex = CIV_SEX_MALE;
  r->ethnicity = g_strdup ("01");
  r->country = g_strdup ("CHN");
  r->id_type = CIV_DECEASED_ID_CARD;
  r->id_number = g_strdup (id_number);
  r->death_at = g_strdup ("2026-08-01T06:30");
  r->death_place = CIV_DEATH_PLACE_HOME;
  r->marital_status = 2;
  r->address = g_strdup ("北京市东城区景山前街4号");
  r->cause_of_death = g_strdup ("心力衰竭");
  r->agent_name = g_strdup ("张小山");
  r->agent_relationship = g_strdup ("子");
  r->agent_phone = g_strdup ("13800138000");
  return r;
}

static CivFuneralView *
report_ok (CivStore *store, const CivFuneralReport *r, int m, int d)
{
  g_autoptr (GError) error = NULL;
  GDate           today = day (m, d);
  CivFuneralView *v = civ_funeral_case_report (store, r, &today, &error);

  g_assert_no_error (error);
  g_assert_nonnull (v);
  return v;
}

static CivFuneralView *
move_ok (CivStore *store, const char *key, const CivFuneralStep *step, int m, int d)
{
  g_autoptr (GError) error = NULL;
  GDate           today = day (m, d);
  CivFuneralView *v = civ_funeral_case_move (store, key, step, &today, &error);

  g_assert_no_error (error);
  g_assert_nonnull (v);
  g_assert_cmpint (v->state, ==, step->to);
  return v;
}

static GError *
move_refused (CivStore *store, const char *key, const CivFuneralStep *step, int m, int d)
{
  GError         *error = NULL;
  GDate           today = day (m, d);
  CivFuneralView *v = civ_funeral_case_move (store, key, step, &today, &error);

  g_assert_null (v);
  g_assert_nonnull (error);
  return error;
}

static CivFuneralStep *
verify_step (const char *at)
{
  CivFuneralStep *s = civ_funeral_step_new (CIV_FUNERAL_DEATH_CERT_VERIFIED, at);

  s->certificate_on_file = TRUE;
  s->consent_on_file = TRUE;
  return s;
}

static CivFuneralStep *
cremate_step (const char *at)
{
  CivFuneralStep *s = civ_funeral_step_new (CIV_FUNERAL_CREMATED, at);

  s->furnace = g_strdup ("2号炉");
  s->furnace_operator = g_strdup ("王师傅");
  return s;
}

static void
receive_stock (Fixture *fx)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivCremationBatch) b = NULL;
  GDate today = day (7, 1);

  b = civ_cremation_stock_receive (fx->funeral, "HZ0000101", "HZ0000110", NULL, &today, &error);
  g_assert_no_error (error);
}

static gint64
count (Fixture *fx, const char *sql)
{
  return civ_test_count (fx->admin, sql);
}

/* The whole walk: report, collection, storage, verification, cremation
 * with the next blank, deposit, then the ashes taken home. */
static void
test_walk (Fixture *fx, gconstpointer data)
{
  g_autofree char *id = civ_test_make_id ("110101", "19400315", 11);
  g_autoptr (CivFuneralReport) r = report_of (id);
  g_autoptr (CivFuneralView) v = report_ok (fx->funeral, r, 8, 1);
  g_autoptr (CivFuneralStep) collect =
    civ_funeral_step_new (CIV_FUNERAL_COLLECTED, "2026-08-01T09:10");
  g_autoptr (CivFuneralStep) store = civ_funeral_step_new (CIV_FUNERAL_STORED, "2026-08-01T10:00");
  g_autoptr (CivFuneralStep) verify = verify_step ("2026-08-02T09:00");
  g_autoptr (CivFuneralStep) cremate = cremate_step ("2026-08-03T08:30");
  g_autoptr (CivFuneralStep) deposit =
    civ_funeral_step_new (CIV_FUNERAL_ASHES_DEPOSITED, "2026-08-03T11:00");
  g_autoptr (CivFuneralStep) home =
    civ_funeral_step_new (CIV_FUNERAL_ASHES_RETURNED, "2026-09-10T10:00");
  g_autoptr (GError) error = NULL;
  g_autofree char *case_no = NULL;
  g_autofree char *cases_sql = NULL;
  gint64           steps_before;

  g_assert_cmpstr (v->case_no, ==, "BZ110101-2026-000001");
  g_assert_cmpint (v->state, ==, CIV_FUNERAL_DEATH_REPORTED);
  g_assert_cmpstr (v->report->name, ==, "张大山");
  g_assert_cmpuint (v->events->len, ==, 1);
  case_no = g_strdup (v->case_no);
  g_clear_pointer (&v, civ_funeral_view_free);

  /* 接运: the place, the vehicle and the staff are required. */
  error = move_refused (fx->funeral, case_no, collect, 8, 1);
  assert_rule (error, CIV_APP_ERROR_INVALID, "R-F4");
  g_clear_error (&error);
  collect->place = g_strdup ("东城区景山前街4号");
  collect->vehicle = g_strdup ("京A·12345");
  collect->staff = g_strdup ("赵师傅、钱师傅");
  v = move_ok (fx->funeral, case_no, collect, 8, 1);
  g_clear_pointer (&v, civ_funeral_view_free);

  store->unit = g_strdup ("冷藏柜A-01");
  v = move_ok (fx->funeral, case_no, store, 8, 1);
  g_assert_cmpstr (v->storage_unit, ==, "冷藏柜A-01");
  g_assert_null (v->storage_out);
  g_clear_pointer (&v, civ_funeral_view_free);

  /* R-F2: no cremation before the death certificate is verified. */
  error = move_refused (fx->funeral, case_no, cremate, 8, 3);
  assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F2");
  g_clear_error (&error);

  /* R-F2: the certificate must be on file to verify. */
  verify->certificate_on_file = FALSE;
  error = move_refused (fx->funeral, case_no, verify, 8, 2);
  assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F2");
  g_clear_error (&error);
  verify->certificate_on_file = TRUE;
  /* R-F5: from 2026-07-01 the certificate is numbered by the ID. */
  verify->death_certificate_no = g_strdup ("110101194003150110");
  error = move_refused (fx->funeral, case_no, verify, 8, 2);
  assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F5");
  g_clear_error (&error);
  g_free (verify->death_certificate_no);
  verify->death_certificate_no = g_strdup (id);
  v = move_ok (fx->funeral, case_no, verify, 8, 2);
  g_assert_cmpstr (v->report->death_certificate_no, ==, id);
  g_assert_null (v->marriage_ended);
  g_clear_pointer (&v, civ_funeral_view_free);

  /* R-F13: no blank in stock; nothing moves, the body stays in storage. */
  steps_before = count (fx, "SELECT count(*) FROM funeral_events");
  error = move_refused (fx->funeral, case_no, cremate, 8, 3);
  assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F13");
  g_clear_error (&error);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM funeral_events"), ==, steps_before);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM outbox WHERE kind = 'funeral'"), ==, 0);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM funeral_storage WHERE out_at IS NULL"), ==, 1);

  receive_stock (fx);
  v = move_ok (fx->funeral, case_no, cremate, 8, 3);
  g_assert_cmpstr (v->cremation_serial, ==, "HZ0000101");
  g_assert_cmpstr (v->storage_out, ==, "2026-08-03T08:30");
  g_assert_cmpint (count (fx, "SELECT count(*) FROM cremation_cert_serials WHERE state = 'issued' "
                              "AND case_ref = "
                              "'BZ110101-2026-000001'"),
                   ==, 1);
  g_clear_pointer (&v, civ_funeral_view_free);

  /* A deposit needs an expiry after today. */
  deposit->place = g_strdup ("骨灰堂一区12号");
  error = move_refused (fx->funeral, case_no, deposit, 8, 3);
  assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F4");
  g_clear_error (&error);
  civ_test_date (&deposit->deposit_expiry, 2027, 8, 2);
  v = move_ok (fx->funeral, case_no, deposit, 8, 3);
  g_assert_cmpstr (v->deposit_expiry, ==, "2027-08-02");
  g_assert_null (v->closed_on);
  g_clear_pointer (&v, civ_funeral_view_free);

  /* The family takes the ashes home later: the case closes. */
  home->receiver = g_strdup ("张小山");
  v = move_ok (fx->funeral, case_no, home, 9, 10);
  g_assert_cmpstr (v->closed_on, ==, "2026-09-10");
  g_assert_cmpuint (v->events->len, ==, 7);
  g_assert_cmpstr (((CivFuneralEvent *) v->events->pdata[0])->state, ==, "DEATH_REPORTED");
  g_assert_cmpstr (((CivFuneralEvent *) v->events->pdata[4])->actor, ==, "刘洋");
  g_assert_nonnull (strstr (((CivFuneralEvent *) v->events->pdata[4])->detail, "HZ0000101"));
  g_clear_pointer (&v, civ_funeral_view_free);

  /* A closed case takes no further step. */
  g_free (deposit->at);
  deposit->at = g_strdup ("2026-09-11T09:00");
  error = move_refused (fx->funeral, case_no, deposit, 9, 11);
  assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F4");
  g_clear_error (&error);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM audit_log WHERE action = 'funeral.case.step'"),
                   ==, 6);
  cases_sql = g_strdup ("SELECT count(*) FROM funeral_cases WHERE state = 'ASHES_RETURNED'");
  g_assert_cmpint (count (fx, cases_sql), ==, 1);
  /* Reported to the province: the cremation (1), the deposit (2), the ashes
   * taken home from the deposit (3), each in its step's transaction. */
  g_assert_cmpint (count (fx, "SELECT count(*) FROM outbox WHERE kind = 'funeral'"), ==, 3);
  g_assert_cmpint (count (fx, "SELECT max(version) FROM outbox WHERE kind = 'funeral'"), ==, 3);
}

/* Bad times, an unknown case, an occupied unit, steps out of order. */
static void
test_refusals (Fixture *fx, gconstpointer data)
{
  g_autofree char *id = civ_test_make_id ("110101", "19400315", 11);
  g_autoptr (CivFuneralReport) r = report_of (id);
  g_autoptr (CivFuneralReport) r2 = report_of (NULL);
  g_autoptr (CivFuneralView) a = report_ok (fx->funeral, r, 8, 1);
  g_autoptr (CivFuneralView) b = NULL;
  g_autoptr (CivFuneralStep) s = civ_funeral_step_new (CIV_FUNERAL_STORED, "2026-08-01T05:00");
  g_autoptr (CivFuneralStep) eco =
    civ_funeral_step_new (CIV_FUNERAL_ECO_BURIAL, "2026-08-02T05:00");
  g_autoptr (CivFuneralView) v = NULL;
  g_autoptr (GError) error = NULL;
  gint64 events = count (fx, "SELECT count(*) FROM funeral_events");

  s->unit = g_strdup ("冷藏柜A-01");
  /* Before the death. */
  error = move_refused (fx->funeral, a->case_no, s, 8, 1);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_clear_error (&error);
  /* After today. */
  g_free (s->at);
  s->at = g_strdup ("2026-08-02T08:00");
  error = move_refused (fx->funeral, a->case_no, s, 8, 1);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_clear_error (&error);
  /* Not a time. */
  g_free (s->at);
  s->at = g_strdup ("2026-08-01 08:00");
  error = move_refused (fx->funeral, a->case_no, s, 8, 1);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_clear_error (&error);
  g_free (s->at);
  s->at = g_strdup ("2026-08-01T08:00");
  /* No such case. */
  error = move_refused (fx->funeral, "BZ110101-2026-000099", s, 8, 1);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM funeral_events"), ==, events);

  v = move_ok (fx->funeral, a->case_no, s, 8, 1);
  g_clear_pointer (&v, civ_funeral_view_free);
  /* The unit holds one body. */
  g_free (r2->name);
  r2->name = g_strdup ("李四");
  r2->id_type = CIV_DECEASED_ID_NONE;
  b = report_ok (fx->funeral, r2, 8, 1);
  g_assert_cmpstr (b->case_no, ==, "BZ110101-2026-000002");
  error = move_refused (fx->funeral, b->case_no, s, 8, 1);
  assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F4");
  g_assert_nonnull (strstr (error->message, a->case_no));
  g_clear_error (&error);
  /* The history's order: a step is never before the last one. */
  g_free (s->unit);
  s->unit = g_strdup ("冷藏柜A-02");
  g_free (s->at);
  s->at = g_strdup ("2026-07-31T23:00");
  error = move_refused (fx->funeral, b->case_no, s, 8, 1);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_clear_error (&error);

  /* Out of order: an eco burial straight from storage. */
  error = move_refused (fx->funeral, a->case_no, eco, 8, 2);
  assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F4");
  g_clear_error (&error);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM funeral_events"), ==, events + 2);
}

/* R-F6 and R-F5 at the report; an unidentified body. */
static void
test_report_checks (Fixture *fx, gconstpointer data)
{
  g_autoptr (CivFuneralReport) r = report_of ("110101194003150111");
  g_autoptr (CivFuneralView) v = NULL;
  g_autoptr (GError) error = NULL;
  GDate today = day (8, 1);

  /* A mistyped identity number (check digit). */
  v = civ_funeral_case_report (fx->funeral, r, &today, &error);
  assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F6");
  g_clear_error (&error);
  /* A death after today. */
  g_free (r->id_number);
  r->id_number = civ_test_make_id ("110101", "19400315", 11);
  g_free (r->death_at);
  r->death_at = g_strdup ("2026-08-02T06:30");
  v = civ_funeral_case_report (fx->funeral, r, &today, &error);
  assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F6");
  g_clear_error (&error);
  g_free (r->death_at);
  r->death_at = g_strdup ("2026-08-01T06:30");
  /* R-F5: a free-text number is not valid after 2026-07-01. */
  r->death_certificate_no = g_strdup ("东城2026第15号");
  v = civ_funeral_case_report (fx->funeral, r, &today, &error);
  assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F5");
  g_clear_error (&error);
  g_clear_pointer (&r->death_certificate_no, g_free);
  /* A bad phone. */
  g_free (r->agent_phone);
  r->agent_phone = g_strdup ("call me");
  v = civ_funeral_case_report (fx->funeral, r, &today, &error);
  assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F6");
  g_clear_error (&error);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM funeral_cases"), ==, 0);

  /* 无名遗体: no name, no document, a description. */
  {
    g_autoptr (CivFuneralReport) u = civ_funeral_report_new ();

    u->unidentified = TRUE;
    u->death_at = g_strdup ("2026-07-30");
    u->id_type = CIV_DECEASED_ID_CARD;
    u->id_number = civ_test_make_id ("110101", "19700101", 21);
    v = civ_funeral_case_report (fx->funeral, u, &today, &error);
    assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F6");
    g_clear_error (&error);
    u->id_type = CIV_DECEASED_ID_NONE;
    g_clear_pointer (&u->id_number, g_free);
    v = civ_funeral_case_report (fx->funeral, u, &today, &error);
    assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F6");
    g_clear_error (&error);
    u->description = g_strdup ("男性，约60岁，灰色外套，河边发现");
    v = report_ok (fx->funeral, u, 8, 1);
    g_assert_true (v->report->unidentified);
    g_assert_cmpstr (v->report->name, ==, "");
  }
}

/* R-F1, R-F3: a burial instead of cremation only where the area allows it,
 * with its basis. */
static void
test_burial_exempt (Fixture *fx, gconstpointer data)
{
  g_autofree char *id = civ_test_make_id ("110101", "19400315", 11);
  g_autoptr (CivFuneralReport) r = report_of (id);
  g_autoptr (CivFuneralView) v = report_ok (fx->funeral, r, 8, 1);
  g_autoptr (CivFuneralStep) verify = verify_step ("2026-08-01T12:00");
  g_autoptr (CivFuneralStep) exempt =
    civ_funeral_step_new (CIV_FUNERAL_BURIAL_EXEMPT, "2026-08-01T14:00");
  g_autoptr (GError) error = NULL;
  g_autofree char *case_no = g_strdup (v->case_no);

  g_clear_pointer (&v, civ_funeral_view_free);
  verify->consent_on_file = FALSE;
  verify->basis = g_strdup ("回族土葬习俗，家属申请");
  v = move_ok (fx->funeral, case_no, verify, 8, 1);
  g_clear_pointer (&v, civ_funeral_view_free);

  /* Without consent on file, no cremation either. */
  {
    g_autoptr (CivFuneralStep) cremate = cremate_step ("2026-08-01T13:00");

    receive_stock (fx);
    error = move_refused (fx->funeral, case_no, cremate, 8, 1);
    assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F2");
    g_clear_error (&error);
  }
  exempt->basis = g_strdup ("回族土葬习俗，家属申请");
  error = move_refused (fx->funeral, case_no, exempt, 8, 1);
  assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F1");
  g_clear_error (&error);

  g_assert_true (civ_db_set_setting (civ_store_get_db (fx->admin), "funeral.burial_exempt_allowed",
                                     "true", &error));
  g_clear_pointer (&exempt->basis, g_free);
  error = move_refused (fx->funeral, case_no, exempt, 8, 1);
  assert_rule (error, CIV_APP_ERROR_REFUSED, "R-F3");
  g_clear_error (&error);
  exempt->basis = g_strdup ("回族土葬习俗，家属申请");
  v = move_ok (fx->funeral, case_no, exempt, 8, 1);
  g_assert_cmpstr (v->closed_on, ==, "2026-08-01");
  g_assert_null (v->cremation_serial);
}

/* R-F14 across the two features: a registered husband dies; his marriage
 * ends by death, his wife is widowed and may marry again (nature 22). */
static void
test_ends_marriage (Fixture *fx, gconstpointer data)
{
  static const char *const names[2] = { "王建国", "李秀英" };
  static const char *const names2[2] = { "赵志刚", "李秀英" };
  g_autofree char         *his = civ_test_make_id ("110101", "19600101", 13);
  g_autofree char         *hers = civ_test_make_id ("110101", "19620202", 24);
  g_autofree char         *other = civ_test_make_id ("110101", "19580505", 15);
  g_autofree char         *j = civ_test_register_couple (fx->admin, names, his, hers, 2020);
  g_autoptr (CivFuneralReport) r = report_of (his);
  g_autoptr (CivFuneralView) v = NULL;
  g_autoptr (CivFuneralStep) verify = verify_step ("2026-08-02T09:00");
  g_autoptr (GError) error = NULL;
  g_autofree char *status_sql =
    g_strdup_printf ("SELECT marital_status FROM persons WHERE id_key = '%s'", hers);
  g_autofree char *case_no = NULL;

  /* While he lives she cannot marry again (R-M3). */
  {
    CivMarriageInput in;
    g_autoptr (CivMarriageResult) res = NULL;

    civ_marriage_input_init (&in);
    civ_test_date (&in.registration_date, 2026, 7, 10);
    in.office_designated = TRUE;
    in.household_jurisdiction = TRUE;
    civ_test_marriage_parties_ready (&in);
    in.party[0].name = names2[0];
    in.party[0].doc_number = other;
    in.party[1].name = names2[1];
    in.party[1].doc_number = hers;
    res = civ_marriage_register (fx->admin, &in, NULL, &error);
    g_assert_no_error (error);
    g_assert_false (res->registered);
    g_assert_nonnull (civ_findings_find (res->findings, "R-M3"));
  }

  g_free (r->name);
  r->name = g_strdup (names[0]);
  v = report_ok (fx->funeral, r, 8, 1);
  case_no = g_strdup (v->case_no);
  g_clear_pointer (&v, civ_funeral_view_free);
  g_assert_cmpint (count (fx, status_sql), ==, 21);
  v = move_ok (fx->funeral, case_no, verify, 8, 2);
  g_assert_cmpstr (v->marriage_ended, ==, j);
  g_clear_pointer (&v, civ_funeral_view_free);
  g_assert_cmpint (count (fx, status_sql), ==, 30);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM marriages WHERE state = 'ENDED_BY_DEATH' AND "
                              "superseded_by "
                              "IS NULL"),
                   ==, 1);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM outbox WHERE kind = 'death'"), ==, 1);
  g_assert_cmpint (
    count (fx, "SELECT count(*) FROM audit_log WHERE action = 'marriage.ended_by_death'"), ==, 1);

  /* Now she may marry again: registered, nature 22 (remarriage). */
  {
    g_autofree char *j2 = civ_test_register_couple (fx->admin, names2, other, hers, 2026);

    g_assert_nonnull (j2);
    g_assert_cmpint (count (fx, "SELECT count(*) FROM marriage_parties WHERE nature = 22"), ==, 1);
  }
  g_assert_cmpint (count (fx, status_sql), ==, 22);
}

/* Permission per role, audited views, finding a case as the counter does. */
static void
test_access (Fixture *fx, gconstpointer data)
{
  g_autofree char *id = civ_test_make_id ("110101", "19400315", 11);
  g_autoptr (CivFuneralReport) r = report_of (id);
  g_autoptr (CivFuneralView) v = report_ok (fx->funeral, r, 8, 1);
  g_autoptr (CivStore) clerk = open_as (fx, CLERK, CLERK_PW);
  g_autoptr (CivFuneralView) seen = NULL;
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (GError) error = NULL;
  GDate today = day (8, 1);

  /* A registrar without the grant sees nothing; the refusal is audited. */
  seen = civ_funeral_case_open (clerk, v->case_no, &error);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  g_clear_error (&error);
  found = civ_funeral_case_lookup (clerk, "张", &error);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_null (civ_funeral_case_report (clerk, r, &today, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM audit_log WHERE action = 'denied'"), >=, 3);

  /* Given the grant, the registrar opens it; the view is audited. */
  g_assert_true (civ_users_set_grant (fx->admin, CLERK, CIV_PERM_FUNERAL, TRUE, &error));
  g_clear_object (&clerk);
  clerk = open_as (fx, CLERK, CLERK_PW);
  seen = civ_funeral_case_open (clerk, v->case_no, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (seen->report->agent_phone, ==, "13800138000");
  g_assert_cmpint (count (fx, "SELECT count(*) FROM audit_log WHERE action = 'funeral.case.view' "
                              "AND actor = "
                              "'clerk'"),
                   ==, 1);

  /* By the number, the ID, the agent's phone, the name's start. */
  {
    const char *keys[] = { v->case_no, id, "13800138000", "张大", NULL };

    for (guint i = 0; keys[i]; i++)
      {
        g_autoptr (GPtrArray) hits = civ_funeral_case_lookup (fx->funeral, keys[i], &error);

        g_assert_no_error (error);
        g_assert_cmpuint (hits->len, ==, 1);
        g_assert_cmpstr (((CivFuneralCaseSummary *) hits->pdata[0])->case_no, ==, v->case_no);
      }
  }
  found = civ_funeral_case_lookup (fx->funeral, "%", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM audit_log WHERE action = "
                              "'funeral.case.search' AND detail LIKE '%张%'"),
                   ==, 0);
}

/* The day board: bodies in storage with their days, cases waiting, deposits
 * expiring this month. */
static void
test_board (Fixture *fx, gconstpointer data)
{
  g_autofree char *id1 = civ_test_make_id ("110101", "19400315", 11);
  g_autoptr (CivFuneralReport) r1 = report_of (id1);
  g_autoptr (CivFuneralReport) r2 = report_of (NULL);
  g_autoptr (CivFuneralView) a = report_ok (fx->funeral, r1, 8, 1);
  g_autoptr (CivFuneralView) b = NULL;
  g_autoptr (CivFuneralView) v = NULL;
  g_autoptr (CivFuneralStep) s = civ_funeral_step_new (CIV_FUNERAL_STORED, "2026-08-01T10:00");
  g_autoptr (CivFuneralBoard) board = NULL;
  g_autoptr (GError) error = NULL;
  GDate today = day (8, 4);

  r2->id_type = CIV_DECEASED_ID_NONE;
  b = report_ok (fx->funeral, r2, 8, 2);
  s->unit = g_strdup ("冷藏柜B-03");
  v = move_ok (fx->funeral, a->case_no, s, 8, 1);
  board = civ_funeral_case_board (fx->funeral, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (board->in_storage->len, ==, 1);
  g_assert_cmpint (((CivFuneralBoardEntry *) board->in_storage->pdata[0])->days, ==, 3);
  g_assert_cmpstr (((CivFuneralBoardEntry *) board->in_storage->pdata[0])->detail, ==,
                   "冷藏柜B-03");
  g_assert_cmpuint (board->awaiting_collection->len, ==, 1);
  g_assert_cmpstr (((CivFuneralBoardEntry *) board->awaiting_collection->pdata[0])->case_no, ==,
                   b->case_no);
  g_assert_cmpuint (board->awaiting_cremation->len, ==, 0);
  g_assert_cmpuint (board->deposits_expiring->len, ==, 0);
}

/* The report to the province carries the bill's lines as its prices. */
static void
test_report_prices (Fixture *fx, gconstpointer data)
{
  static const char fees[] = "{\"area\": \"110101\", \"name\": \"东城区收费目录\", \"items\": ["
                             "{\"code\": \"HH01\", \"name\": \"火化\", \"unit\": \"body\","
                             " \"prices\": [{\"price_fen\": 65000, \"from\": \"2026-01-01\"}]}]}";
  g_autofree char *id = civ_test_make_id ("110101", "19400315", 11);
  g_autoptr (CivFuneralReport) r = report_of (id);
  g_autoptr (CivFuneralView) v = report_ok (fx->funeral, r, 8, 1);
  g_autoptr (CivFuneralStep) verify = verify_step ("2026-08-01T12:00");
  g_autoptr (CivFuneralStep) cremate = cremate_step ("2026-08-02T08:00");
  g_autoptr (CivFuneralMoneyFile) list = NULL;
  g_autoptr (CivFuneralBillLine) line = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *case_no = g_strdup (v->case_no);
  GDate            today = day (8, 1);

  list = civ_funeral_fees_import (fx->funeral, fees, strlen (fees), &today, &error);
  g_assert_no_error (error);
  line = civ_funeral_bill_add (fx->funeral, case_no, "HH01", 1, &today, &error);
  g_assert_no_error (error);
  g_clear_pointer (&v, civ_funeral_view_free);
  v = move_ok (fx->funeral, case_no, verify, 8, 1);
  g_clear_pointer (&v, civ_funeral_view_free);
  receive_stock (fx);
  v = move_ok (fx->funeral, case_no, cremate, 8, 2);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM outbox WHERE kind = 'funeral' AND version = 1 "
                              "AND payload LIKE '%\"item\":\"HH01\"%' "
                              "AND payload LIKE '%\"amount_fen\":65000%'"),
                   ==, 1);
}

/* The jobs a page calls run on the session's worker. */
static void
test_jobs (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *id = civ_test_make_id ("110101", "19400315", 11);
  g_autoptr (CivFuneralReport) r = report_of (id);
  g_autoptr (CivFuneralView) v = NULL;
  g_autoptr (CivFuneralStep) s = civ_funeral_step_new (CIV_FUNERAL_STORED, "2026-08-01T10:00");
  g_autoptr (GPtrArray) hits = NULL;
  g_autoptr (CivFuneralBoard) board = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) admin = civ_test_copy_office (template_dir, &dir);
  g_autoptr (CivStore) store = NULL;
  GAsyncResult *result = NULL;
  CivSession   *session;
  GDate         today = day (8, 1);

  store = civ_store_open (dir, FUNERAL, FUNERAL_PW, &error);
  g_assert_no_error (error);
  g_clear_object (&admin);
  session = civ_test_session_new (g_steal_pointer (&store));

  civ_funeral_case_report_async (session, NULL, r, &today, NULL, civ_test_keep_result, &result);
  v = civ_funeral_case_view_finish (session, civ_test_await (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  s->unit = g_strdup ("冷藏柜A-01");
  civ_funeral_case_move_async (session, NULL, v->case_no, s, &today, NULL, civ_test_keep_result,
                               &result);
  g_clear_pointer (&v, civ_funeral_view_free);
  v = civ_funeral_case_view_finish (session, civ_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (v->state, ==, CIV_FUNERAL_STORED);
  g_clear_object (&result);
  civ_funeral_case_lookup_async (session, NULL, "张", NULL, civ_test_keep_result, &result);
  hits = civ_funeral_case_lookup_finish (session, civ_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_object (&result);
  civ_funeral_case_board_async (session, NULL, &today, NULL, civ_test_keep_result, &result);
  board = civ_funeral_case_board_finish (session, civ_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (board->in_storage->len, ==, 1);
  g_clear_object (&result);
  civ_funeral_case_open_async (session, NULL, "BZ110101-2026-000009", NULL, civ_test_keep_result,
                               &result);
  g_clear_pointer (&v, civ_funeral_view_free);
  v = civ_funeral_case_view_finish (session, civ_test_await (&result), &error);
  g_assert_null (v);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_clear_object (&result);
  civ_test_session_close (session);
  civ_test_rmdir (dir);
}

/* The report file of the command line. */
static void
test_report_json (void)
{
  static const char good[] =
    "{\"name\":\"张大山\",\"sex\":1,\"id_type\":1,\"id_number\":\"110101194003150115\","
    "\"death_at\":\"2026-08-01T06:30\",\"death_place\":3,\"agent\":{\"name\":\"张小山\","
    "\"phone\":\"13800138000\"}}";
  static const char *const bad[] = {
    "[]",
    "{\"nmae\":\"x\"}",
    "{\"sex\":1.5}",
    "{\"sex\":\"1\"}",
    "{\"death_place\":-1}",
    "{\"agent\":\"张小山\"}",
    "{\"agent\":{\"phone\":13800138000}}",
    "{\"name\":\"a\",\"name\":\"b\"}",
    "{\"birth_date\":\"1940-02-30\"}",
    "{\"name\":\"a\\u0001\"}",
    "{",
  };
  g_autoptr (CivFuneralReport) r = NULL;
  g_autoptr (GError) error = NULL;

  r = civ_funeral_report_from_json (good, strlen (good), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (r->name, ==, "张大山");
  g_assert_cmpint (r->death_place, ==, CIV_DEATH_PLACE_HOME);
  g_assert_cmpstr (r->agent_phone, ==, "13800138000");
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (CivFuneralReport) b =
        civ_funeral_report_from_json (bad[i], strlen (bad[i]), &error);

      g_assert_null (b);
      g_assert_nonnull (error);
      g_clear_error (&error);
    }
}

int
main (int argc, char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  make_template ();
  g_test_add ("/funeral/case/walk", Fixture, NULL, fixture_set_up, test_walk, fixture_tear_down);
  g_test_add ("/funeral/case/refusals", Fixture, NULL, fixture_set_up, test_refusals,
              fixture_tear_down);
  g_test_add ("/funeral/case/report-checks", Fixture, NULL, fixture_set_up, test_report_checks,
              fixture_tear_down);
  g_test_add ("/funeral/case/burial-exempt", Fixture, NULL, fixture_set_up, test_burial_exempt,
              fixture_tear_down);
  g_test_add ("/funeral/case/ends-marriage", Fixture, NULL, fixture_set_up, test_ends_marriage,
              fixture_tear_down);
  g_test_add ("/funeral/case/access", Fixture, NULL, fixture_set_up, test_access,
              fixture_tear_down);
  g_test_add ("/funeral/case/board", Fixture, NULL, fixture_set_up, test_board, fixture_tear_down);
  g_test_add ("/funeral/case/report-prices", Fixture, NULL, fixture_set_up, test_report_prices,
              fixture_tear_down);
  g_test_add_func ("/funeral/case/jobs", test_jobs);
  g_test_add_func ("/funeral/case/report-json", test_report_json);
  rc = g_test_run ();
  civ_test_rmdir (template_dir);
  g_free (template_dir);
  return rc;
}
