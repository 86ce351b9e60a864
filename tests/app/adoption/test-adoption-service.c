// SPDX-License-Identifier: GPL-3.0-or-later
/* test-adoption-service.c — the adoption procedure over a real database with
 * a fake clock (R-A1…R-A15): APPLIED → NOTICE_60D → ASSESSMENT → REVIEW_30D
 * → REGISTERED, a refusal, a step-child without assessment, gapless and
 * configurable certificate numbers, dissolution, revocation, the kinship
 * links the marriage check reads (R-M4), and what each role sees (R-A13). */
#include <string.h>

#include "civ-adoption-service.h"
#include "civ-app-error.h"
#include "civ-person-links.h"
#include "civ-permissions.h"
#include "civ-report-service.h"
#include "civ-test-utils.h"
#include "civ-users-service.h"

#define CLERK_PW "Clerk-password-1"
#define OTHER_PW "Other-password-1"
#define AUDITOR_PW "Auditor-password-1"
#define ARCHIVIST_PW "Archivist-password-1"

typedef struct
{
  char        *dir;
  CivStore    *admin; /* the supervisor */
  CivStore    *clerk; /* a registrar given the adoption permission */
  CivCalendar *calendar;
  char        *father; /* identity numbers of the adopters and the child */
  char        *mother;
  char        *child;
} Fixture;

static CivStore *
open_as (Fixture *fx, const char *login, const char *password)
{
  g_autoptr (GError) error = NULL;
  CivStore *store = civ_store_open (fx->dir, login, password, &error);

  g_assert_no_error (error);
  return store;
}

/* The office every test starts from (operators are slow to add). */
static char *template_dir;

static void
make_template (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&template_dir, NULL);

  civ_test_add_operator (store, "clerk", "李登记", CIV_ROLE_REGISTRAR, CLERK_PW);
  civ_test_add_operator (store, "other", "赵登记", CIV_ROLE_REGISTRAR, OTHER_PW);
  civ_test_add_operator (store, "shenji", "钱审计", CIV_ROLE_AUDITOR, AUDITOR_PW);
  civ_test_add_operator (store, "dangan", "孙档案", CIV_ROLE_ARCHIVIST, ARCHIVIST_PW);
  g_assert_true (civ_users_set_grant (store, "clerk", CIV_PERM_ADOPTION, TRUE, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  fx->admin = civ_test_copy_office (template_dir, &fx->dir);
  fx->clerk = open_as (fx, "clerk", CLERK_PW);
  fx->calendar = civ_calendar_new ();
  civ_calendar_add_year (fx->calendar, 2026);
  civ_calendar_add_year (fx->calendar, 2027);
  fx->father = civ_test_make_id ("110101", "19850307", 11);
  fx->mother = civ_test_make_id ("110101", "19870601", 22);
  fx->child = civ_test_make_id ("110101", "20220510", 31);
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  g_clear_object (&fx->clerk);
  g_clear_object (&fx->admin);
  civ_calendar_unref (fx->calendar);
  civ_test_rmdir (fx->dir);
  g_free (fx->dir);
  g_free (fx->father);
  g_free (fx->mother);
  g_free (fx->child);
}

/* A married couple adopting jointly; @basis "parents-not-found" (a
 * welfare institution places the child, a notice first) or
 * "parents-hardship" (both birth parents place); @relationship "none" or
 * "step-parent"; @father_birth the first adopter's birth date. */
static char *
application_json (const char *basis,
                  const char *child_birth,
                  const char *father_birth,
                  const char *relationship)
{
  gboolean    found = g_str_equal (basis, "parents-not-found");
  const char *placers =
    found ? "[{\"kind\": \"welfare-institution\", \"name\": \"市儿童福利院\"}]"
          : "[{\"kind\": \"birth-parent\", \"name\": \"张大山\", \"hardship\": true},"
            " {\"kind\": \"birth-parent\", \"name\": \"李秀英\", \"hardship\": true}]";

  return g_strdup_printf (
    "{\"application_date\": \"2026-03-02\", \"evaluation_date\": \"2026-03-02\","
    " \"relationship\": \"%s\", \"birth_parent_consent\": %s,"
    " \"child\": {\"name\": \"王小明\", \"sex\": \"male\", \"birth_date\": \"%s\","
    " \"basis\": \"%s\", \"in_welfare_institution\": %s, \"consents\": true},"
    " \"placers\": %s,"
    " \"adopters\": [{\"name\": \"王强\", \"sex\": \"male\", \"birth_date\": \"%s\","
    " \"married\": true}, {\"name\": \"刘芳\", \"sex\": \"female\", \"birth_date\":"
    " \"1987-06-01\", \"married\": true}]}",
    relationship, g_str_equal (relationship, "step-parent") ? "true" : "false", child_birth, basis,
    found ? "true" : "false", placers, father_birth);
}

static CivAdoptionResult *
apply (Fixture     *fx,
       CivStore    *store,
       const char  *json,
       const char  *child_id,
       const GDate *today,
       GError     **error)
{
  CivAdoptionApplyInput in = { 0 };

  in.application = json;
  in.child.doc_kind = "resident-id";
  in.child.doc_number = child_id;
  in.adopter[0].doc_kind = "resident-id";
  in.adopter[0].doc_number = fx->father;
  in.adopter[1].doc_kind = "resident-id";
  in.adopter[1].doc_number = fx->mother;
  return civ_adoption_apply (store, &in, today, fx->calendar, error);
}

static CivAdoptionAssessmentItem items[10];

static void
assessment_init (CivAdoptionAssessment *a, const char *const *members)
{
  const char *const *codes = civ_adoption_assessment_items ();

  memset (a, 0, sizeof *a);
  for (guint i = 0; codes[i] != NULL; i++)
    {
      items[i].item = (char *) codes[i];
      items[i].satisfactory = TRUE;
      items[i].note = (char *) "";
    }
  a->items = items;
  a->n_items = g_strv_length ((GStrv) codes);
  a->team_members = members;
  a->conclusion = CIV_ASSESSMENT_SUITABLE;
  a->conclusion_text = "适合收养";
}

static const char *const team[] = { "赵评估", "钱评估", NULL };

/* From the application to REVIEW_30D without a notice; returns the record id. */
static char *
to_review (Fixture *fx, const char *json, const char *child_id, const GDate *today)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivAdoptionResult) applied = apply (fx, fx->clerk, json, child_id, today, &error);
  g_autoptr (CivAdoptionResult) begun = NULL;
  g_autoptr (CivAdoptionResult) assessed = NULL;
  CivAdoptionAssessment a;

  g_assert_no_error (error);
  begun =
    civ_adoption_begin_assessment (fx->clerk, applied->record_id, today, fx->calendar, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (begun->state, ==, "ASSESSMENT");
  assessment_init (&a, team);
  assessed =
    civ_adoption_record_assessment (fx->clerk, applied->record_id, &a, today, fx->calendar, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (assessed->state, ==, "REVIEW_30D");
  return g_strdup (applied->record_id);
}

static char *
register_one (Fixture *fx, const char *json, const char *child_id, const GDate *today)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *id = to_review (fx, json, child_id, today);
  g_autoptr (CivAdoptionResult) r =
    civ_adoption_decide (fx->clerk, id, today, fx->calendar, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (r->state, ==, "REGISTERED");
  return g_strdup (r->certificate_no);
}

static void
assert_refused (GError *error, const char *rule)
{
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_REFUSED);
  g_assert_cmpstr (civ_app_error_get_rule (error), ==, rule);
}

static gint64
count (Fixture *fx, const char *sql)
{
  return civ_test_count (fx->admin, sql);
}

/* The whole walk with a notice, on a fake clock. */
static void
test_walk_with_notice (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *json =
    application_json ("parents-not-found", "2022-05-10", "1985-03-07", "none");
  g_autoptr (CivAdoptionResult) applied = NULL;
  g_autoptr (CivAdoptionResult) begun = NULL;
  g_autoptr (CivAdoptionResult) assessed = NULL;
  g_autoptr (CivAdoptionResult) decided = NULL;
  g_autoptr (GPtrArray) due = NULL;
  g_autoptr (CivAdoptionView) view = NULL;
  CivAdoptionAssessment a;
  const char *const     one[] = { "赵评估", NULL };
  GDate                 today, published, day;
  char                  review_due[11];

  civ_test_date (&today, 2026, 3, 2);
  applied = apply (fx, fx->clerk, json, fx->child, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (applied->state, ==, "APPLIED");
  /* The notice is still to come: the rules say so, nothing is refused yet. */
  g_assert_true (civ_findings_has (applied->findings, "R-A7", CIV_SEVERITY_REFUSE));

  /* No assessment before the notice (R-A7). */
  g_assert_null (
    civ_adoption_begin_assessment (fx->clerk, applied->record_id, &today, fx->calendar, &error));
  assert_refused (error, "R-A7");
  g_clear_error (&error);

  /* The notice: a date in the future or no text is bad input. */
  civ_test_date (&published, 2026, 3, 3);
  g_assert_false (civ_adoption_publish_notice (fx->clerk, applied->record_id, "公告", &published,
                                               &today, fx->calendar, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_clear_error (&error);
  civ_test_date (&today, 2026, 3, 3);
  g_assert_false (civ_adoption_publish_notice (fx->clerk, applied->record_id, "  ", &published,
                                               &today, fx->calendar, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (civ_adoption_publish_notice (fx->clerk, applied->record_id,
                                              "寻亲公告：王小明，男，2022年5月10日前后出生……",
                                              &published, &today, fx->calendar, &error));
  g_assert_no_error (error);

  /* Due today on the last day of the notice, not the day before. */
  day = published;
  g_date_add_days (&day, 59);
  due = civ_adoption_due (fx->clerk, &day, &error);
  g_assert_cmpuint (due->len, ==, 0);
  g_clear_pointer (&due, g_ptr_array_unref);
  g_date_add_days (&day, 1); /* the 60th day after the notice date */
  due = civ_adoption_due (fx->clerk, &day, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 1);
  g_assert_cmpstr (((CivAdoptionDueRow *) due->pdata[0])->what, ==, "notice-ends");
  g_clear_pointer (&due, g_ptr_array_unref);

  /* Still running on its last day; the assessment begins the day after. */
  g_assert_null (
    civ_adoption_begin_assessment (fx->clerk, applied->record_id, &day, fx->calendar, &error));
  assert_refused (error, "R-A7");
  g_clear_error (&error);
  g_date_add_days (&day, 1);
  begun = civ_adoption_begin_assessment (fx->clerk, applied->record_id, &day, fx->calendar, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (begun->state, ==, "ASSESSMENT");

  /* R-A11: a team of one is bad input; red flags must be reported. */
  assessment_init (&a, one);
  g_assert_null (
    civ_adoption_record_assessment (fx->clerk, applied->record_id, &a, &day, fx->calendar, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_assert_cmpstr (civ_app_error_get_rule (error), ==, "R-A11");
  g_clear_error (&error);
  assessment_init (&a, team);
  a.n_items--;
  g_assert_null (
    civ_adoption_record_assessment (fx->clerk, applied->record_id, &a, &day, fx->calendar, &error));
  g_assert_cmpstr (civ_app_error_get_rule (error), ==, "R-A11");
  g_clear_error (&error);
  assessment_init (&a, team);
  a.red_flags = TRUE;
  g_assert_null (
    civ_adoption_record_assessment (fx->clerk, applied->record_id, &a, &day, fx->calendar, &error));
  assert_refused (error, "R-A11");
  g_clear_error (&error);
  assessment_init (&a, team);
  assessed =
    civ_adoption_record_assessment (fx->clerk, applied->record_id, &a, &day, fx->calendar, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (assessed->state, ==, "REVIEW_30D");
  /* R-A10: the notice does not count toward the review. */
  g_assert_true (g_date_valid (&assessed->dates.review_deadline));
  g_assert_cmpint (g_date_compare (&assessed->dates.review_start, &assessed->dates.notice_end), >,
                   0);
  g_date_strftime (review_due, sizeof review_due, "%Y-%m-%d", &assessed->dates.review_deadline);

  due = civ_adoption_due (fx->clerk, &assessed->dates.review_deadline, &error);
  g_assert_cmpuint (due->len, ==, 1);
  g_assert_cmpstr (((CivAdoptionDueRow *) due->pdata[0])->what, ==, "review-due");
  g_assert_cmpstr (((CivAdoptionDueRow *) due->pdata[0])->due, ==, review_due);

  decided = civ_adoption_decide (fx->clerk, applied->record_id, &day, fx->calendar, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (decided->state, ==, "REGISTERED");
  g_assert_cmpstr (decided->certificate_no, ==, "SY110101-2026-000001");
  g_assert_true (civ_adoption_may_register (decided->findings));

  /* Every transition, by whom, in order; each audited. */
  view = civ_adoption_open (fx->clerk, decided->certificate_no, CIV_ADOPTION_ACCESS_OPEN,
                            "登记后核对", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (view->events->len, ==, 5);
  {
    const char *states[] = { "APPLIED", "NOTICE_60D", "ASSESSMENT", "REVIEW_30D", "REGISTERED" };

    for (guint i = 0; i < 5; i++)
      {
        CivAdoptionEventRow *e = view->events->pdata[i];

        g_assert_cmpstr (e->state, ==, states[i]);
        g_assert_cmpstr (e->actor, ==, "clerk");
        if (i > 0)
          g_assert_cmpstr (e->from_state, ==, states[i - 1]);
      }
  }
  g_assert_nonnull (view->notice);
  g_assert_cmpstr (view->notice->published_on, ==, "2026-03-03");
  g_assert_nonnull (view->assessment);
  g_assert_cmpuint (view->assessment->items->len, ==, 10);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM audit_log WHERE action LIKE 'adoption.%'"), ==,
                   6);
  /* Reported to the province, without the placers. */
  g_assert_cmpint (count (fx,
                          "SELECT count(*) FROM outbox WHERE kind = 'adoption' AND version = 1"),
                   ==, 1);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM outbox WHERE payload LIKE '%福利院%'"), ==, 0);
  /* Nothing due any more. */
  g_clear_pointer (&due, g_ptr_array_unref);
  due = civ_adoption_due (fx->clerk, &assessed->dates.review_deadline, &error);
  g_assert_cmpuint (due->len, ==, 0);
}

/* Refused by the rules at the review (an adopter under 30, R-A3): the
 * reasons are kept and no number is used; the next registration has the
 * next serial; numbers follow the office's format. */
static void
test_refusal_and_numbers (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *young =
    application_json ("parents-hardship", "2022-05-10", "2000-03-07", "none");
  g_autofree char *ok = application_json ("parents-hardship", "2022-05-10", "1985-03-07", "none");
  g_autofree char *child2 = civ_test_make_id ("110101", "20210101", 41);
  g_autofree char *child3 = civ_test_make_id ("110101", "20200101", 51);
  g_autofree char *refused_id = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autoptr (CivAdoptionResult) refused = NULL;
  GDate today;

  civ_test_date (&today, 2026, 4, 1);
  first = register_one (fx, ok, fx->child, &today);
  g_assert_cmpstr (first, ==, "SY110101-2026-000001");

  refused_id = to_review (fx, young, child2, &today);
  {
    /* Stored in the documented format, dated the day it was made here. */
    g_autoptr (CivAdoptionRow) row =
      civ_adoption_row_find (civ_store_get_db (fx->admin), refused_id, &error);

    g_assert_nonnull (strstr (row->application, "\"application_date\":\"2026-04-01\""));
    g_assert_null (strstr (row->application, "2026-03-02"));
  }
  refused = civ_adoption_decide (fx->clerk, refused_id, &today, fx->calendar, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (refused->state, ==, "REFUSED");
  g_assert_null (refused->certificate_no);
  g_assert_true (civ_findings_has (refused->findings, "R-A3", CIV_SEVERITY_REFUSE));
  g_assert_cmpint (count (fx, "SELECT count(*) FROM adoption_decisions WHERE kind = 'refused' "
                              "AND reasons LIKE '%R-A3%'"),
                   ==, 1);
  {
    /* The record view carries the reasons with their law (the refusal notice). */
    g_autoptr (CivAdoptionView) view =
      civ_adoption_open (fx->clerk, refused_id, CIV_ADOPTION_ACCESS_OPEN, "复核不予登记", &error);
    CivFinding *reason;

    g_assert_no_error (error);
    g_assert_null (view->dissolution_no);
    reason = civ_findings_find (view->findings, "R-A3");
    g_assert_nonnull (reason);
    g_assert_cmpint (reason->severity, ==, CIV_SEVERITY_REFUSE);
    g_assert_nonnull (reason->citation);
    g_assert_cmpstr (reason->message, !=, "");
  }
  /* A refused adoption is closed. */
  g_assert_null (civ_adoption_decide (fx->clerk, refused_id, &today, fx->calendar, &error));
  assert_refused (error, "R-A10");
  g_clear_error (&error);

  /* The format is the office's (domain.md §6 q.7); a bad one is refused
   * and changes nothing; only a supervisor sets it. */
  g_assert_false (civ_adoption_set_number_format (fx->admin, "SY{office}-{serial}", &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (civ_adoption_set_number_format (fx->clerk, "收字{year}第{serial}号", &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  g_clear_error (&error);
  second = register_one (fx, ok, child2, &today);
  g_assert_cmpstr (second, ==, "SY110101-2026-000002");
  g_assert_true (
    civ_adoption_set_number_format (fx->admin, "{office}收字{year}第{serial}号", &error));
  g_assert_no_error (error);
  third = register_one (fx, ok, child3, &today);
  g_assert_cmpstr (third, ==, "110101收字2026第000003号");

  /* A new year starts again at 1. */
  {
    g_autofree char *child4 = civ_test_make_id ("110101", "20190101", 61);
    g_autofree char *fourth = NULL;

    civ_test_date (&today, 2027, 1, 4);
    fourth = register_one (fx, ok, child4, &today);
    g_assert_cmpstr (fourth, ==, "110101收字2027第000001号");
  }
  {
    g_autofree char *n =
      civ_adoption_format_number (CIV_ADOPTION_NUMBER_FORMAT_DEFAULT, "110101", 2026, 42, &error);

    g_assert_cmpstr (n, ==, "SY110101-2026-000042");
    g_assert_null (civ_adoption_format_number ("{year}{serial}{who}", "110101", 2026, 1, &error));
    g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  }
}

/* R-A11: a step-child's adoption needs no assessment; the registrar may
 * refuse an open application with reasons. */
static void
test_step_child_and_refuse (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *json = application_json ("none", "2022-05-10", "1985-03-07", "step-parent");
  g_autoptr (CivAdoptionResult) applied = NULL;
  g_autoptr (CivAdoptionResult) begun = NULL;
  GDate today;

  civ_test_date (&today, 2026, 3, 2);
  applied = apply (fx, fx->clerk, json, fx->child, &today, &error);
  g_assert_no_error (error);
  /* No notice for a child whose parents are known. */
  g_assert_false (civ_adoption_publish_notice (fx->clerk, applied->record_id, "公告", &today,
                                               &today, fx->calendar, &error));
  assert_refused (error, "R-A7");
  g_clear_error (&error);
  begun =
    civ_adoption_begin_assessment (fx->clerk, applied->record_id, &today, fx->calendar, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (begun->state, ==, "REVIEW_30D");

  g_assert_false (civ_adoption_refuse (fx->clerk, applied->record_id, "", &today, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (
    civ_adoption_refuse (fx->clerk, applied->record_id, "申请人未按时到场", &today, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM adoptions WHERE state = 'REFUSED'"), ==, 1);
  {
    g_autoptr (CivAdoptionView) view =
      civ_adoption_open (fx->clerk, applied->record_id, CIV_ADOPTION_ACCESS_OPEN, "复核", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (view->findings->len, ==, 1);
    g_assert_cmpstr (((CivFinding *) view->findings->pdata[0])->rule, ==, "R-A10");
    g_assert_cmpstr (((CivFinding *) view->findings->pdata[0])->message, ==, "申请人未按时到场");
  }
  g_assert_false (civ_adoption_refuse (fx->clerk, applied->record_id, "再次", &today, &error));
  assert_refused (error, "R-A10");
}

/* R-A14: the child of 8 or more consents; the certificate is taken back;
 * the links end from the dissolution's date (R-M4 no longer warns for a
 * later marriage, and still knows the history). */
static void
test_dissolution (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *older = civ_test_make_id ("110101", "20150510", 31);
  g_autofree char *json = application_json ("parents-hardship", "2015-05-10", "1985-03-07", "none");
  g_autofree char *number = NULL;
  g_autoptr (CivAdoptionResult) applied = NULL;
  g_autoptr (CivAdoptionResult) dissolution = NULL;
  g_autoptr (GPtrArray) due = NULL;
  GDate        today;
  CivPersonKin kin = CIV_PERSON_KIN_NONE;
  gint64       father, child;

  civ_test_date (&today, 2026, 3, 2);
  number = register_one (fx, json, older, &today);
  father = count (fx, "SELECT id FROM persons WHERE id_key = (SELECT id_key FROM "
                      "adoption_parties WHERE role = 'adopter' AND position = 0)");
  child = count (fx, "SELECT id FROM persons WHERE id_key = (SELECT id_key FROM "
                     "adoption_parties WHERE role = 'child')");

  civ_test_date (&today, 2027, 2, 1);
  g_assert_false (civ_adoption_dissolve (fx->clerk, number, TRUE, &today, &error));
  assert_refused (error, "R-A14");
  g_clear_error (&error);
  g_assert_null (civ_adoption_apply_dissolution (fx->clerk, number, "解除协议 2027-01", FALSE,
                                                 &today, fx->calendar, &error));
  assert_refused (error, "R-A14");
  g_clear_error (&error);
  dissolution = civ_adoption_apply_dissolution (fx->clerk, number, "解除协议 2027-01", TRUE, &today,
                                                fx->calendar, &error);
  g_assert_no_error (error);
  g_assert_true (g_date_valid (&dissolution->dates.review_deadline));
  g_assert_null (civ_adoption_apply_dissolution (fx->clerk, number, "again", TRUE, &today,
                                                 fx->calendar, &error));
  assert_refused (error, "R-A14");
  g_clear_error (&error);
  due = civ_adoption_due (fx->clerk, &dissolution->dates.review_deadline, &error);
  g_assert_cmpuint (due->len, ==, 1);
  g_assert_cmpstr (((CivAdoptionDueRow *) due->pdata[0])->what, ==, "dissolution-review-due");

  civ_test_date (&today, 2027, 2, 20);
  g_assert_false (civ_adoption_dissolve (fx->clerk, number, FALSE, &today, &error));
  assert_refused (error, "R-A14");
  g_clear_error (&error);
  g_assert_true (civ_adoption_dissolve (fx->clerk, number, TRUE, &today, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM adoptions WHERE state = 'DISSOLVED'"), ==, 1);
  g_assert_cmpint (count (fx,
                          "SELECT count(*) FROM outbox WHERE kind = 'adoption' AND version = 2"),
                   ==, 1);
  /* Ended from the date, kept in history. */
  g_assert_true (civ_person_kinship_on (civ_store_get_db (fx->admin), father, child, "2027-02-19",
                                        &kin, &error));
  g_assert_cmpint (kin, ==, CIV_PERSON_KIN_LINEAL);
  g_assert_true (civ_person_kinship_on (civ_store_get_db (fx->admin), father, child, "2027-02-20",
                                        &kin, &error));
  g_assert_cmpint (kin, ==, CIV_PERSON_KIN_NONE);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM person_links WHERE valid_to = '2027-02-19'"),
                   ==, 2);
  /* Closed: nothing more happens to it. */
  g_assert_false (civ_adoption_revoke (fx->admin, number, "撤字1号", "欺诈", &today, &error));
  assert_refused (error, "R-A15");
}

/* Dissolves the REGISTERED adoption @number on @applied (its application)
 * and @on (its registration); returns the proof's number. */
static char *
dissolve_one (Fixture *fx, const char *number, const GDate *applied, const GDate *on)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivAdoptionResult) dissolution =
    civ_adoption_apply_dissolution (fx->clerk, number, "解除协议", TRUE, applied, fx->calendar,
                                    &error);
  g_autoptr (CivAdoptionView) view = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (dissolution);
  g_assert_true (civ_adoption_dissolve (fx->clerk, number, TRUE, on, &error));
  g_assert_no_error (error);
  view = civ_adoption_open (fx->clerk, number, CIV_ADOPTION_ACCESS_OPEN, "核对解除证明", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (view->row->state, ==, "DISSOLVED");
  g_assert_nonnull (view->dissolution_no);
  g_assert_cmpuint (view->findings->len, ==, 0);
  return g_strdup (view->dissolution_no);
}

/* R-A14: the dissolution proof (解除收养关系证明) has a number of its own:
 * gapless per office and year (a failed dissolution uses none), in the
 * office's format, stored with the decision, audited and reported. */
static void
test_dissolution_numbers (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *json = application_json ("parents-hardship", "2022-05-10", "1985-03-07", "none");
  const char      *birth[4] = { "20220510", "20210101", "20200101", "20190101" };
  char            *number[4] = { NULL };
  char            *proof[4] = { NULL };
  g_autoptr (CivAdoptionResult) open = NULL;
  g_autofree char *sql = NULL;
  GDate            today, later;

  civ_test_date (&today, 2026, 3, 2);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *child = civ_test_make_id ("110101", birth[i], 31 + 10 * (int) i);

      number[i] = register_one (fx, json, child, &today);
    }
  /* Before the first dissolution no serial is counted. */
  g_assert_cmpint (count (fx, "SELECT count(*) FROM certificate_counters WHERE prefix = 'JCSY'"),
                   ==, 0);

  /* A dissolution that fails after its number was drawn gives it back. */
  civ_test_date (&today, 2027, 2, 1);
  civ_test_date (&later, 2027, 2, 20);
  open = civ_adoption_apply_dissolution (fx->clerk, number[0], "解除协议", TRUE, &today,
                                         fx->calendar, &error);
  g_assert_no_error (error);
  g_assert_true (civ_db_exec (civ_store_get_db (fx->admin),
                              "CREATE TRIGGER test_outbox_fails BEFORE INSERT ON outbox "
                              "WHEN NEW.kind = 'adoption' AND NEW.version = 2 "
                              "BEGIN SELECT RAISE(ABORT, 'the outbox is full'); END",
                              &error));
  g_assert_no_error (error);
  g_assert_false (civ_adoption_dissolve (fx->clerk, number[0], TRUE, &later, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (
    civ_db_exec (civ_store_get_db (fx->admin), "DROP TRIGGER test_outbox_fails", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM certificate_counters WHERE prefix = 'JCSY'"),
                   ==, 0);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM adoptions WHERE state = 'DISSOLVED'"), ==, 0);
  g_assert_true (civ_adoption_dissolve (fx->clerk, number[0], TRUE, &later, &error));
  g_assert_no_error (error);
  {
    g_autoptr (CivAdoptionView) view =
      civ_adoption_open (fx->clerk, number[0], CIV_ADOPTION_ACCESS_PRINT, "打印解除证明", &error);

    g_assert_no_error (error);
    proof[0] = g_strdup (view->dissolution_no);
  }
  g_assert_cmpstr (proof[0], ==, "JCSY110101-2027-000001");
  proof[1] = dissolve_one (fx, number[1], &today, &later);
  g_assert_cmpstr (proof[1], ==, "JCSY110101-2027-000002");
  /* The adoption certificates' own counter did not move. */
  g_assert_cmpint (count (fx, "SELECT last_serial FROM certificate_counters WHERE prefix = 'SY' "
                              "AND year = 2026"),
                   ==, 4);

  /* Stored with the decision, audited, reported in version 2. */
  g_assert_cmpint (count (fx, "SELECT count(*) FROM adoption_decisions WHERE kind = 'dissolved' "
                              "AND document_no = 'JCSY110101-2027-000001'"),
                   ==, 1);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM audit_log WHERE action = 'adoption.dissolve' "
                              "AND detail LIKE '%\"dissolution_no\":\"JCSY110101-2027-000002\"%'"),
                   ==, 1);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM outbox WHERE kind = 'adoption' AND version = 2 "
                              "AND payload LIKE '%\"dissolution_no\":\"JCSY110101-2027-000001\"%'"),
                   ==, 1);
  g_assert_cmpint (count (fx,
                          "SELECT count(*) FROM outbox WHERE kind = 'adoption' AND version <> 2 "
                          "AND payload LIKE '%dissolution_no%'"),
                   ==, 0);

  /* The format is the office's: a supervisor sets it, a bad one is refused. */
  g_assert_false (civ_adoption_set_dissolution_format (fx->clerk, "解{year}第{serial}号", &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (civ_adoption_set_dissolution_format (fx->admin, "JC{office}-{year}", &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (
    civ_adoption_set_dissolution_format (fx->admin, "{office}解字{year}第{serial}号", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM audit_log WHERE action = "
                              "'adoption.dissolution-format'"),
                   ==, 1);
  proof[2] = dissolve_one (fx, number[2], &today, &later);
  g_assert_cmpstr (proof[2], ==, "110101解字2027第000003号");

  /* A new year starts again at 1. */
  civ_test_date (&today, 2027, 12, 20);
  civ_test_date (&later, 2028, 1, 4);
  proof[3] = dissolve_one (fx, number[3], &today, &later);
  g_assert_cmpstr (proof[3], ==, "110101解字2028第000001号");
  {
    g_autofree char *n =
      civ_adoption_format_dissolution_number (CIV_ADOPTION_DISSOLUTION_FORMAT_DEFAULT, "110101",
                                              2027, 42, &error);

    g_assert_cmpstr (n, ==, "JCSY110101-2027-000042");
    g_assert_null (civ_adoption_format_dissolution_number ("{serial}", "110101", 2027, 1, &error));
    g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  }
  for (guint i = 0; i < 4; i++)
    {
      g_free (number[i]);
      g_free (proof[i]);
    }
}

/* R-A15: only a supervisor revokes; the links are voided as if they had
 * never been; reported. */
static void
test_revocation (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *json = application_json ("parents-hardship", "2022-05-10", "1985-03-07", "none");
  g_autofree char *number = NULL;
  GDate            today;

  civ_test_date (&today, 2026, 3, 2);
  number = register_one (fx, json, fx->child, &today);
  civ_test_date (&today, 2026, 9, 1);
  g_assert_false (civ_adoption_revoke (fx->clerk, number, "撤字1号", "伪造证明", &today, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (civ_adoption_revoke (fx->admin, number, "", "伪造证明", &today, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (civ_adoption_revoke (fx->admin, number, "撤字1号", "伪造证明", &today, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM adoptions WHERE state = 'REVOKED_FRAUD'"), ==,
                   1);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM person_links WHERE voided_on IS NULL"), ==, 0);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM person_links WHERE voided_on = '2026-09-01'"),
                   ==, 2);
  g_assert_cmpint (count (fx,
                          "SELECT count(*) FROM outbox WHERE kind = 'adoption' AND version = 3"),
                   ==, 1);
  g_assert_false (civ_adoption_dissolve (fx->admin, number, TRUE, &today, &error));
  assert_refused (error, "R-A14");
}

static GPtrArray *
marriage_findings (CivStore *store, const char *his, const char *hers, int year)
{
  g_autoptr (GError) error = NULL;
  CivMarriageInput in;
  GPtrArray       *findings;

  civ_marriage_input_init (&in);
  civ_test_date (&in.registration_date, year, 6, 1);
  in.office_designated = TRUE;
  in.household_jurisdiction = TRUE;
  civ_test_marriage_parties_ready (&in);
  in.party[0].name = "甲";
  in.party[0].doc_number = his;
  in.party[1].name = "乙";
  in.party[1].doc_number = hers;
  findings = civ_marriage_preview (store, &in, NULL, &error);
  g_assert_no_error (error);
  return findings;
}

/* CC 1111, R-M4: after the adoption, a marriage between the adoptive
 * mother and the (adult) child, or between two adoptive siblings, gets
 * the R-M4 finding; strangers do not; a revoked adoption links nobody. */
static void
test_marriage_kinship (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  /* Grown children adopted long ago (the rules look at the day, not at
   * today's ages: an adult child cannot be adopted, so these registrations
   * are dated when they were minors). */
  g_autofree char *son = civ_test_make_id ("110101", "19950101", 31);
  g_autofree char *daughter = civ_test_make_id ("110101", "19970101", 42);
  g_autofree char *stranger = civ_test_make_id ("110101", "19960101", 44);
  g_autofree char *json1 =
    application_json ("parents-hardship", "1995-01-01", "1955-03-07", "none");
  g_autofree char *json2 = NULL;
  g_autofree char *n1 = NULL;
  g_autofree char *n2 = NULL;
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (GPtrArray) mother_son = NULL;
  g_autoptr (GPtrArray) siblings = NULL;
  g_autoptr (GPtrArray) strangers = NULL;
  g_autoptr (GPtrArray) revoked = NULL;
  GDate today;

  g_free (fx->father);
  g_free (fx->mother);
  fx->father = civ_test_make_id ("110101", "19550307", 11);
  fx->mother = civ_test_make_id ("110101", "19570601", 22);
  {
    /* The mother of the JSON is born 1987; make her 1957 as her number says. */
    g_autoptr (GString) s = g_string_new (json1);

    g_string_replace (s, "1987-06-01", "1957-06-01", 0);
    g_free (json1);
    json1 = g_string_free (g_steal_pointer (&s), FALSE);
  }
  json2 = g_strdup (json1);
  {
    g_autoptr (GString) s = g_string_new (json2);

    g_string_replace (s, "\"name\": \"王小明\", \"sex\": \"male\", \"birth_date\": \"1995-01-01\"",
                      "\"name\": \"王小红\", \"sex\": \"female\", \"birth_date\": \"1997-01-01\"",
                      0);
    g_free (json2);
    json2 = g_string_free (g_steal_pointer (&s), FALSE);
  }

  before = marriage_findings (fx->admin, son, fx->mother, 2026);
  g_assert_false (civ_findings_has (before, "R-M4", CIV_SEVERITY_WARN));

  civ_test_date (&today, 2000, 3, 2);
  n1 = register_one (fx, json1, son, &today);
  civ_test_date (&today, 2001, 3, 2);
  n2 = register_one (fx, json2, daughter, &today);

  mother_son = marriage_findings (fx->admin, son, fx->mother, 2026);
  g_assert_true (civ_findings_has (mother_son, "R-M4", CIV_SEVERITY_WARN));
  siblings = marriage_findings (fx->admin, son, daughter, 2026);
  g_assert_true (civ_findings_has (siblings, "R-M4", CIV_SEVERITY_WARN));
  strangers = marriage_findings (fx->admin, son, stranger, 2026);
  g_assert_false (civ_findings_has (strangers, "R-M4", CIV_SEVERITY_WARN));
  g_assert_cmpint (count (fx, "SELECT count(*) FROM person_links WHERE kind = 'siblings'"), ==, 1);

  /* Revoked: as if it never existed. */
  civ_test_date (&today, 2026, 1, 5);
  g_assert_true (civ_adoption_revoke (fx->admin, n2, "撤字2号", "伪造证明", &today, &error));
  g_assert_no_error (error);
  revoked = marriage_findings (fx->admin, son, daughter, 2026);
  g_assert_false (civ_findings_has (revoked, "R-M4", CIV_SEVERITY_WARN));
}

/* R-A13 for each role: the supervisor and a registrar given the
 * permission see adoptions, with a purpose, journalled; the birth parents
 * only on an explicit show; a registrar without it, an archivist and the
 * auditor see nothing (not even a count in the due list); the auditor
 * reads who looked at which adoption and why. */
static void
test_roles (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *json = application_json ("parents-hardship", "2022-05-10", "1985-03-07", "none");
  g_autofree char *number = NULL;
  g_autoptr (CivStore) other = open_as (fx, "other", OTHER_PW);
  g_autoptr (CivStore) auditor = open_as (fx, "shenji", AUDITOR_PW);
  g_autoptr (CivStore) archivist = open_as (fx, "dangan", ARCHIVIST_PW);
  CivStore *blind[] = { other, auditor, archivist };
  g_autoptr (CivAdoptionView) view = NULL;
  g_autoptr (GPtrArray) parents = NULL;
  g_autoptr (GPtrArray) log = NULL;
  g_autoptr (GPtrArray) list = NULL;
  GDate today, due_day;

  civ_test_date (&today, 2026, 3, 2);
  number = register_one (fx, json, fx->child, &today);
  {
    /* One more left under review, so the due list has something. */
    g_autofree char *child2 = civ_test_make_id ("110101", "20210101", 41);
    g_autofree char *open = to_review (fx, json, child2, &today);
    g_autoptr (CivAdoptionRow) row =
      civ_adoption_row_find (civ_store_get_db (fx->admin), open, &error);

    g_assert_true (civ_date_parse_iso (row->review_due, &due_day));
  }

  for (guint i = 0; i < G_N_ELEMENTS (blind); i++)
    {
      g_autoptr (GPtrArray) due = civ_adoption_due (blind[i], &due_day, &error);
      g_autoptr (CivAdoptionResult) r = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (due->len, ==, 0);
      g_assert_false (civ_adoption_visible (blind[i]));
      g_assert_null (civ_adoption_list (blind[i], &error));
      g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
      g_clear_error (&error);
      g_assert_null (
        civ_adoption_open (blind[i], number, CIV_ADOPTION_ACCESS_OPEN, "好奇", &error));
      g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
      g_clear_error (&error);
      g_assert_null (civ_adoption_show_birth_parents (blind[i], number, "好奇", &error));
      g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
      g_clear_error (&error);
      r = apply (fx, blind[i], json, fx->child, &today, &error);
      g_assert_null (r);
      g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
      g_clear_error (&error);
    }
  /* Not even counted among the reports for the province (R-A13). */
  {
    g_autoptr (CivReportSummary) hidden = civ_report_summary_read (other, &error);
    g_autoptr (CivReportSummary) shown = civ_report_summary_read (fx->admin, &error);

    g_assert_no_error (error);
    g_assert_cmpint (hidden->pending, ==, 0);
    g_assert_cmpint (shown->pending, ==, 1);
  }
  /* Every refused look is in the audit log as a refusal by role. */
  g_assert_cmpint (count (fx, "SELECT count(*) FROM audit_log WHERE action = 'denied' AND object "
                              "= 'adoption'"),
                   ==, 12);

  /* Those who see: the due list, the list, an opening with a purpose. */
  {
    CivStore *seeing[] = { fx->admin, fx->clerk };

    for (guint i = 0; i < G_N_ELEMENTS (seeing); i++)
      {
        g_autoptr (GPtrArray) due = civ_adoption_due (seeing[i], &due_day, &error);
        g_autoptr (GPtrArray) rows = civ_adoption_list (seeing[i], &error);

        g_assert_no_error (error);
        g_assert_cmpuint (due->len, ==, 1);
        g_assert_cmpuint (rows->len, ==, 2);
        g_assert_true (civ_adoption_visible (seeing[i]));
      }
  }
  g_assert_null (civ_adoption_open (fx->clerk, number, CIV_ADOPTION_ACCESS_PRINT, " ", &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_assert_cmpstr (civ_app_error_get_rule (error), ==, "R-A13");
  g_clear_error (&error);

  view = civ_adoption_open (fx->clerk, number, CIV_ADOPTION_ACCESS_PRINT, "打印收养登记证", &error);
  g_assert_no_error (error);
  g_assert_true (view->birth_parents_withheld);
  g_assert_null (strstr (view->row->application, "张大山"));
  g_assert_null (strstr (view->row->application, "李秀英"));
  g_assert_nonnull (strstr (view->row->application, "王强"));
  for (guint i = 0; i < view->parties->len; i++)
    {
      CivAdoptionPartyRow *p = view->parties->pdata[i];

      if (g_str_equal (p->role, "placer"))
        {
          g_assert_cmpstr (p->name, ==, "");
          g_assert_null (p->doc_number);
        }
    }

  parents = civ_adoption_show_birth_parents (fx->clerk, number, "当事人申请寻亲", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parents->len, ==, 2);
  g_assert_cmpstr (((CivAdoptionPartyRow *) parents->pdata[0])->name, ==, "张大山");

  /* The auditor lists who looked at which adoption and why; nobody else
   * but the supervisor does. */
  log = civ_adoption_access_log (auditor, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 2);
  g_assert_cmpstr (((CivAdoptionAccessRow *) log->pdata[0])->action, ==, "print");
  g_assert_cmpstr (((CivAdoptionAccessRow *) log->pdata[0])->purpose, ==, "打印收养登记证");
  g_assert_cmpstr (((CivAdoptionAccessRow *) log->pdata[0])->actor_name, ==, "李登记");
  g_assert_cmpstr (((CivAdoptionAccessRow *) log->pdata[1])->action, ==, "show-birth-parents");
  g_assert_null (civ_adoption_access_log (fx->clerk, NULL, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM audit_log WHERE (action = 'adoption.print' "
                              "AND detail LIKE '%打印收养登记证%') OR (action = "
                              "'adoption.show-birth-parents' AND detail LIKE '%寻亲%')"),
                   ==, 2);

  /* The permission taken back: the registrar sees nothing any more. Only a
   * registrar can be given it, and only by a supervisor. */
  g_assert_false (civ_users_set_grant (fx->clerk, "other", CIV_PERM_ADOPTION, TRUE, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (civ_users_set_grant (fx->admin, "dangan", CIV_PERM_ADOPTION, TRUE, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (civ_users_set_grant (fx->admin, "clerk", CIV_PERM_ADOPTION, FALSE, &error));
  g_assert_no_error (error);
  list = civ_adoption_list (fx->clerk, &error);
  g_assert_null (list);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_true (civ_users_set_grant (fx->admin, "other", CIV_PERM_ADOPTION, TRUE, &error));
  g_assert_true (civ_adoption_visible (other));
  g_assert_cmpint (count (fx, "SELECT count(*) FROM audit_log WHERE action IN ('operator.grant', "
                              "'operator.ungrant')"),
                   ==, 3); /* the template's grant and these two */
}

/* Adoption documents: stored encrypted, opened with a purpose; the
 * marriage document service never hands them out. */
static void
test_documents (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *json = application_json ("parents-hardship", "2022-05-10", "1985-03-07", "none");
  g_autoptr (CivAdoptionResult) applied = NULL;
  static const char tiny_pdf[] = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << "
                                 "/Root 1 0 R >>\n%%EOF\n";
  g_autoptr (GBytes) pdf = g_bytes_new_static (tiny_pdf, sizeof tiny_pdf - 1);
  g_autoptr (CivDocumentInput) input = NULL;
  g_autoptr (GBytes) back = NULL;
  g_autoptr (CivAdoptionView) view = NULL;
  gint64 id;
  GDate  today;

  civ_test_date (&today, 2026, 3, 2);
  applied = apply (fx, fx->clerk, json, fx->child, &today, &error);
  input = civ_document_input_new (CIV_DOCUMENT_OTHER, "评估报告.pdf", pdf, &error);
  g_assert_no_error (error);
  g_assert_cmpint (civ_adoption_attach_document (fx->clerk, applied->record_id, "love-letter",
                                                 input, &error),
                   ==, 0);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_clear_error (&error);
  id = civ_adoption_attach_document (fx->clerk, applied->record_id, "assessment-report", input,
                                     &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  view =
    civ_adoption_open (fx->clerk, applied->record_id, CIV_ADOPTION_ACCESS_OPEN, "审查", &error);
  g_assert_cmpuint (view->documents->len, ==, 1);
  back = civ_adoption_open_document (fx->clerk, applied->record_id, id, "审查评估报告", &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (back, pdf));

  /* Not through the marriage documents, whoever asks. */
  g_assert_null (civ_document_open (fx->admin, id, CIV_DOCUMENT_ACCESS_VIEW, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (civ_document_list_for_record (fx->admin, applied->record_id, &error));
  g_assert_nonnull (error);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  make_template ();
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/adoption/walk-with-notice", test_walk_with_notice);
  ADD ("/adoption/refusal-and-numbers", test_refusal_and_numbers);
  ADD ("/adoption/step-child-and-refuse", test_step_child_and_refuse);
  ADD ("/adoption/dissolution", test_dissolution);
  ADD ("/adoption/dissolution-numbers", test_dissolution_numbers);
  ADD ("/adoption/revocation", test_revocation);
  ADD ("/adoption/marriage-kinship", test_marriage_kinship);
  ADD ("/adoption/roles", test_roles);
  ADD ("/adoption/documents", test_documents);
#undef ADD
  status = g_test_run ();
  civ_test_rmdir (template_dir);
  g_free (template_dir);
  return status;
}
