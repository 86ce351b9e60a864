// SPDX-License-Identifier: GPL-3.0-or-later
/* test-adoption-input.c — the adoption application JSON read strictly
 * (docs/cli-rules.md, rules adoption) */
#include <string.h>

#include "civ-app-error.h"
#include "civ-json-guard.h"
#include "civ-adoption-input.h"

#define CHILD "\"child\": {\"sex\": \"female\", \"birth_date\": \"2021-04-02\"%s}"
#define PLACERS "\"placers\": [{\"kind\": \"welfare-institution\"%s}]"
#define ADOPTERS "\"adopters\": [{\"sex\": \"male\", \"birth_date\": \"1980-01-15\"%s}]"

/* An application with @top, @child, @placer and @adopter added to its objects. */
static char *
application (const char *top, const char *child, const char *placer, const char *adopter)
{
  g_autofree char *c = g_strdup_printf (CHILD, child);
  g_autofree char *p = g_strdup_printf (PLACERS, placer);
  g_autofree char *a = g_strdup_printf (ADOPTERS, adopter);

  return g_strdup_printf ("{\"application_date\": \"2026-03-02\", \"evaluation_date\": "
                          "\"2026-03-20\"%s, %s, %s, %s}",
                          top, c, p, a);
}

static CivAdoptionInput *
parse (const char *text, GError **error)
{
  return civ_adoption_input_parse (text, strlen (text), error);
}

static void
test_defaults (void)
{
  g_autofree char *text = application ("", "", "", "");
  g_autoptr (GError) error = NULL;
  g_autoptr (CivAdoptionInput) input = parse (text, &error);
  const CivAdoptionApplication *app;

  g_assert_no_error (error);
  app = civ_adoption_input_get_application (input);
  g_assert_cmpint (g_date_get_day (&app->application_date), ==, 2);
  g_assert_cmpint (g_date_get_day (&app->evaluation_date), ==, 20);
  g_assert_false (g_date_valid (&app->notice_published));
  g_assert_cmpint (app->relationship, ==, CIV_ADOPTION_RELATION_NONE);
  g_assert_false (app->birth_parent_consent);
  g_assert_cmpint (app->assessment, ==, CIV_ASSESSMENT_NOT_DONE);
  g_assert_cmpuint (app->assessors, ==, 0);
  g_assert_true (app->office_jurisdiction);
  g_assert_false (app->office_provincial);
  g_assert_cmpint (app->age_boundary, ==, CIV_AGE_ON_BIRTHDAY);

  g_assert_null (app->child.name);
  g_assert_cmpint (app->child.sex, ==, CIV_SEX_FEMALE);
  g_assert_cmpint (app->child.basis, ==, CIV_ADOPTION_BASIS_NONE);
  g_assert_false (app->child.consents);
  g_assert_false (app->child.disabled);

  g_assert_cmpuint (app->n_placers, ==, 1);
  g_assert_cmpint (app->placer[0].kind, ==, CIV_PLACER_WELFARE_INSTITUTION);
  g_assert_true (app->placer[0].consents);
  g_assert_true (app->placer[0].appears_in_person);
  g_assert_false (app->placer[0].hardship);

  g_assert_cmpuint (app->n_adopters, ==, 1);
  g_assert_cmpint (app->adopter[0].category, ==, CIV_RESIDENT_MAINLAND);
  g_assert_true (app->adopter[0].able_to_raise);
  g_assert_true (app->adopter[0].appears_in_person);
  g_assert_false (app->adopter[0].married);
  g_assert_false (app->adopter[0].home_country_approval);
  g_assert_false (app->adopter[0].documents_legalised);
}

static void
test_all_members (void)
{
  g_autofree char *text = application (
    ", \"notice_published\": \"2026-01-02\", \"relationship\": \"step-parent\", "
    "\"birth_parent_consent\": true, \"assessment\": \"suitable\", \"assessors\": 3, "
    "\"assessment_third_party\": true, \"assessment_red_flags\": true, "
    "\"office_jurisdiction\": false, \"office_provincial\": true, \"age_boundary\": "
    "\"day-after-birthday\"",
    ", \"name\": \"小红\", \"basis\": \"parents-not-found\", \"disabled\": true, "
    "\"in_welfare_institution\": true, \"consents\": true",
    ", \"name\": \"市儿童福利院\", \"hardship\": true, \"other_parent_unknown\": true, "
    "\"support_duty_consent\": true, \"parents_lack_capacity\": true, \"consents\": false, "
    "\"appears_in_person\": false},{\"kind\": \"birth-parent\"",
    ", \"name\": \"John Smith\", \"category\": \"foreign\", \"children\": 2, "
    "\"adopted_children\": 1, \"married\": true, \"able_to_raise\": false, "
    "\"incompatible_disease\": true, \"harmful_criminal_record\": true, \"appears_in_person\": "
    "false, \"authorised_in_writing\": true, \"home_country_approval\": true, "
    "\"documents_legalised\": true},{\"sex\": \"female\", \"birth_date\": \"1982-02-28\", "
    "\"category\": \"overseas-chinese\", \"married\": true");
  g_autoptr (GError) error = NULL;
  g_autoptr (CivAdoptionInput) input = parse (text, &error);
  const CivAdoptionApplication *app;

  g_assert_no_error (error);
  app = civ_adoption_input_get_application (input);
  g_assert_true (g_date_valid (&app->notice_published));
  g_assert_cmpint (app->relationship, ==, CIV_ADOPTION_RELATION_STEP_PARENT);
  g_assert_true (app->birth_parent_consent);
  g_assert_cmpint (app->assessment, ==, CIV_ASSESSMENT_SUITABLE);
  g_assert_cmpuint (app->assessors, ==, 3);
  g_assert_true (app->assessment_third_party && app->assessment_red_flags);
  g_assert_false (app->office_jurisdiction);
  g_assert_true (app->office_provincial);
  g_assert_cmpint (app->age_boundary, ==, CIV_AGE_DAY_AFTER_BIRTHDAY);
  g_assert_cmpstr (app->child.name, ==, "小红");
  g_assert_cmpint (app->child.basis, ==, CIV_ADOPTION_BASIS_PARENTS_NOT_FOUND);
  g_assert_true (app->child.disabled && app->child.in_welfare_institution && app->child.consents);
  g_assert_cmpuint (app->n_placers, ==, 2);
  g_assert_cmpstr (app->placer[0].name, ==, "市儿童福利院");
  g_assert_true (app->placer[0].hardship && app->placer[0].other_parent_unknown &&
                 app->placer[0].support_duty_consent && app->placer[0].parents_lack_capacity);
  g_assert_false (app->placer[0].consents || app->placer[0].appears_in_person);
  g_assert_cmpint (app->placer[1].kind, ==, CIV_PLACER_BIRTH_PARENT);
  g_assert_cmpuint (app->n_adopters, ==, 2);
  g_assert_cmpint (app->adopter[0].category, ==, CIV_RESIDENT_FOREIGN);
  g_assert_cmpuint (app->adopter[0].children, ==, 2);
  g_assert_cmpuint (app->adopter[0].adopted_children, ==, 1);
  g_assert_true (app->adopter[0].married && app->adopter[0].incompatible_disease &&
                 app->adopter[0].harmful_criminal_record && app->adopter[0].authorised_in_writing &&
                 app->adopter[0].home_country_approval && app->adopter[0].documents_legalised);
  g_assert_false (app->adopter[0].able_to_raise || app->adopter[0].appears_in_person);
  g_assert_cmpint (app->adopter[1].category, ==, CIV_RESIDENT_OVERSEAS_CHINESE);
  g_assert_cmpint (app->adopter[1].sex, ==, CIV_SEX_FEMALE);
}

static void
test_refused (void)
{
  const struct
  {
    const char *top, *child, *placer, *adopter;
    GQuark      domain;
    int         code;
    const char *fragment;
  } cases[] = {
    /* A typo is an error naming the member, in every object. */
    { ", \"relation\": \"none\"", "", "", "", CIV_APP_ERROR, CIV_APP_ERROR_FORMAT, "relation" },
    { "", ", \"consent\": true", "", "", CIV_APP_ERROR, CIV_APP_ERROR_FORMAT, "consent" },
    { "", "", ", \"hardships\": true", "", CIV_APP_ERROR, CIV_APP_ERROR_FORMAT, "hardships" },
    { "", "", "", ", \"spouse\": true", CIV_APP_ERROR, CIV_APP_ERROR_FORMAT, "spouse" },
    /* Names and values outside the format. */
    { "", ", \"basis\": \"abandoned\"", "", "", CIV_APP_ERROR, CIV_APP_ERROR_FORMAT, "abandoned" },
    { "", "", ", \"kind\": \"aunt\"", "", CIV_JSON_GUARD_ERROR, CIV_JSON_GUARD_ERROR_DUPLICATE,
      "kind" },
    { ", \"relationship\": \"cousin\"", "", "", "", CIV_APP_ERROR, CIV_APP_ERROR_FORMAT, "cousin" },
    { ", \"assessment\": \"done\"", "", "", "", CIV_APP_ERROR, CIV_APP_ERROR_FORMAT, "done" },
    { ", \"age_boundary\": \"never\"", "", "", "", CIV_APP_ERROR, CIV_APP_ERROR_FORMAT, "never" },
    { "", "", "", ", \"category\": \"martian\"", CIV_APP_ERROR, CIV_APP_ERROR_FORMAT, "martian" },
    { ", \"notice_published\": \"2026-02-30\"", "", "", "", CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
      "2026-02-30" },
    { ", \"notice_published\": 20260101", "", "", "", CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
      "notice_published" },
    { "", "", "", ", \"children\": 100", CIV_APP_ERROR, CIV_APP_ERROR_FORMAT, "children" },
    { "", "", "", ", \"children\": -1", CIV_APP_ERROR, CIV_APP_ERROR_FORMAT, "children" },
    { "", "", "", ", \"children\": 1.5", CIV_APP_ERROR, CIV_APP_ERROR_FORMAT, "children" },
    { "", "", "", ", \"children\": 9223372036854775808", CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
      "children" },
    { "", "", "", ", \"children\": 1, \"adopted_children\": 2", CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
      "adopted_children" },
    { "", "", "", ", \"married\": \"yes\"", CIV_APP_ERROR, CIV_APP_ERROR_FORMAT, "married" },
    { "", ", \"sex\": \"girl\"", "", "", CIV_JSON_GUARD_ERROR, CIV_JSON_GUARD_ERROR_DUPLICATE,
      "sex" },
    { "", ", \"name\": \"小\\u0000红\"", "", "", CIV_JSON_GUARD_ERROR, CIV_JSON_GUARD_ERROR_NUL,
      "NUL" },
    /* Two or three of a kind. */
    { "", "", "}, {\"kind\": \"birth-parent\"}, {\"kind\": \"birth-parent\"", "", CIV_APP_ERROR,
      CIV_APP_ERROR_FORMAT, "placers" },
    { "", "", "", "}, 7, {\"sex\": \"male\"", CIV_APP_ERROR, CIV_APP_ERROR_FORMAT, "adopters" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text =
        application (cases[i].top, cases[i].child, cases[i].placer, cases[i].adopter);
      g_autoptr (GError) error = NULL;
      g_autoptr (CivAdoptionInput) input = parse (text, &error);

      g_test_message ("case %u: %s", i, error ? error->message : "(accepted)");
      g_assert_null (input);
      g_assert_error (error, cases[i].domain, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].fragment));
    }
}

/* What an application must have. */
static void
test_required (void)
{
  const struct
  {
    const char *text;
    const char *fragment;
  } cases[] = {
    { "[]", "object" },
    { "{\"application_date\": \"2026-03-02\", \"evaluation_date\": \"2026-03-20\"}", "child" },
    { "{\"child\": {\"sex\": \"male\", \"birth_date\": \"2021-04-02\"}, \"placers\": "
      "[{\"kind\": \"guardian\"}], \"adopters\": [{\"sex\": \"male\", \"birth_date\": "
      "\"1980-01-15\"}], \"evaluation_date\": \"2026-03-20\"}",
      "application_date" },
    { "{\"child\": {\"sex\": \"male\", \"birth_date\": \"2021-04-02\"}, \"placers\": "
      "[{\"kind\": \"guardian\"}], \"adopters\": [{\"sex\": \"male\", \"birth_date\": "
      "\"1980-01-15\"}], \"application_date\": \"2026-03-20\"}",
      "evaluation_date" },
    { "{\"child\": {\"sex\": \"male\"}, \"placers\": [], \"adopters\": []}", "birth_date" },
    { "{\"child\": {\"birth_date\": \"2021-04-02\"}}", "sex" },
    { "{\"child\": 3}", "child" },
    { "{\"child\": {\"sex\": \"girl\", \"birth_date\": \"2021-04-02\"}}", "girl" },
    { "{\"child\": {\"sex\": \"male\", \"birth_date\": \"2021-04-02\"}, \"placers\": "
      "[{\"kind\": \"aunt\"}]}",
      "aunt" },
    { "{\"child\": {\"sex\": \"male\", \"birth_date\": \"2021-04-02\"}, \"placers\": []}",
      "placers" },
    { "{\"child\": {\"sex\": \"male\", \"birth_date\": \"2021-04-02\"}, \"placers\": "
      "[{\"kind\": \"guardian\"}], \"adopters\": [7]}",
      "adopters" },
    { "{\"child\": {\"sex\": \"male\", \"birth_date\": \"2021-04-02\"}, \"placers\": "
      "[{\"name\": \"x\"}]}",
      "kind" },
    { "{\"child\": {\"sex\": \"male\", \"birth_date\": \"2021-04-02\"}, \"placers\": "
      "[{\"kind\": \"guardian\"}], \"adopters\": [{\"sex\": \"male\"}]}",
      "birth_date" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (CivAdoptionInput) input = parse (cases[i].text, &error);

      g_test_message ("case %u: %s", i, error ? error->message : "(accepted)");
      g_assert_null (input);
      g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT);
      g_assert_nonnull (strstr (error->message, cases[i].fragment));
    }
}

static void
test_deep_and_large (void)
{
  g_autoptr (GString) deep = g_string_new ("{\"child\": ");
  g_autoptr (GString) large = g_string_new ("{\"child\": {\"name\": \"");
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) error2 = NULL;
  g_autoptr (CivAdoptionInput) a = NULL;
  g_autoptr (CivAdoptionInput) b = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');
  a = civ_adoption_input_parse (deep->str, deep->len, &error);
  g_assert_null (a);
  g_assert_error (error, CIV_JSON_GUARD_ERROR, CIV_JSON_GUARD_ERROR_TOO_DEEP);

  while (large->len <= CIV_JSON_GUARD_INPUT_MAX)
    g_string_append (large, "aaaaaaaaaaaaaaaa");
  g_string_append (large, "\"}}");
  b = civ_adoption_input_parse (large->str, large->len, &error2);
  g_assert_null (b);
  g_assert_error (error2, CIV_JSON_GUARD_ERROR, CIV_JSON_GUARD_ERROR_TOO_LARGE);
}

/* What the service stores reads back to the same application. */
static void
test_round_trip (void)
{
  g_autofree char *text = application (
    ", \"notice_published\": \"2026-01-02\", \"relationship\": \"collateral-relative\", "
    "\"assessment\": \"unsuitable\", \"assessors\": 2, \"age_boundary\": "
    "\"day-after-birthday\"",
    ", \"name\": \"小\\\"红\\\"\", \"basis\": \"orphan\", \"disabled\": true",
    "}, {\"kind\": \"guardian\", \"name\": \"王\\n五\", \"support_duty_consent\": true",
    ", \"category\": \"overseas-chinese\", \"children\": 2, \"adopted_children\": 2, "
    "\"married\": true}, {\"sex\": \"female\", \"birth_date\": \"1982-02-28\", \"married\": "
    "true, \"appears_in_person\": false, \"authorised_in_writing\": true");
  g_autoptr (GError) error = NULL;
  g_autoptr (CivAdoptionInput) first = parse (text, &error);
  g_autoptr (CivAdoptionInput) second = NULL;
  g_autofree char              *written = NULL;
  g_autofree char              *again = NULL;
  const CivAdoptionApplication *a;
  const CivAdoptionApplication *b;

  g_assert_no_error (error);
  a = civ_adoption_input_get_application (first);
  written = civ_adoption_application_to_json (a);
  g_test_message ("%s", written);
  second = parse (written, &error);
  g_assert_no_error (error);
  b = civ_adoption_input_get_application (second);
  again = civ_adoption_application_to_json (b);
  g_assert_cmpstr (written, ==, again);

  g_assert_cmpstr (b->child.name, ==, "小\"红\"");
  g_assert_cmpstr (b->placer[1].name, ==, "王\n五");
  g_assert_cmpuint (b->n_placers, ==, 2);
  g_assert_cmpuint (b->n_adopters, ==, 2);
  g_assert_cmpint (b->relationship, ==, CIV_ADOPTION_RELATION_COLLATERAL);
  g_assert_cmpint (b->assessment, ==, CIV_ASSESSMENT_UNSUITABLE);
  g_assert_cmpint (b->age_boundary, ==, CIV_AGE_DAY_AFTER_BIRTHDAY);
  g_assert_cmpint (g_date_compare (&a->notice_published, &b->notice_published), ==, 0);
  g_assert_cmpint (g_date_compare (&a->adopter[1].birth_date, &b->adopter[1].birth_date), ==, 0);
  g_assert_cmpint (b->adopter[0].category, ==, CIV_RESIDENT_OVERSEAS_CHINESE);
  g_assert_cmpuint (b->adopter[0].adopted_children, ==, 2);
  g_assert_true (b->adopter[1].authorised_in_writing);
  g_assert_false (b->adopter[1].appears_in_person);
  g_assert_true (b->child.disabled);
  {
    g_autoptr (GPtrArray) fa = civ_adoption_check (a);
    g_autoptr (GPtrArray) fb = civ_adoption_check (b);

    g_assert_cmpuint (fa->len, ==, fb->len);
    for (guint i = 0; i < fa->len; i++)
      g_assert_cmpstr (((CivFinding *) fa->pdata[i])->message, ==,
                       ((CivFinding *) fb->pdata[i])->message);
  }
}

/* An application built in code (the service's forms) and written. */
static void
test_write_built (void)
{
  CivAdoptionApplication app;
  g_autofree char       *written = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CivAdoptionInput) input = NULL;

  civ_adoption_application_init (&app);
  written = civ_adoption_application_to_json (&app);
  /* Nothing filled in: the required dates are null, which the reader refuses. */
  g_assert_nonnull (strstr (written, "\"application_date\":null"));
  g_assert_null (civ_adoption_input_parse (written, strlen (written), &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT);
  g_clear_error (&error);
  g_clear_pointer (&written, g_free);

  g_date_set_dmy (&app.application_date, 2, 3, 2026);
  g_date_set_dmy (&app.evaluation_date, 20, 3, 2026);
  app.child.sex = CIV_SEX_MALE;
  g_date_set_dmy (&app.child.birth_date, 2, 4, 2021);
  app.n_placers = 1;
  app.placer[0].kind = CIV_PLACER_WELFARE_INSTITUTION;
  app.n_adopters = 1;
  app.adopter[0].sex = CIV_SEX_FEMALE;
  app.adopter[0].category = CIV_RESIDENT_FOREIGN;
  g_date_set_dmy (&app.adopter[0].birth_date, 15, 1, 1980);
  written = civ_adoption_application_to_json (&app);
  input = civ_adoption_input_parse (written, strlen (written), &error);
  g_assert_no_error (error);
  g_assert_cmpint (civ_adoption_input_get_application (input)->adopter[0].category, ==,
                   CIV_RESIDENT_FOREIGN);
  g_assert_null (civ_adoption_input_get_application (input)->adopter[0].name);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/adoption-input/defaults", test_defaults);
  g_test_add_func ("/adoption-input/all-members", test_all_members);
  g_test_add_func ("/adoption-input/refused", test_refused);
  g_test_add_func ("/adoption-input/required", test_required);
  g_test_add_func ("/adoption-input/deep-and-large", test_deep_and_large);
  g_test_add_func ("/adoption-input/round-trip", test_round_trip);
  g_test_add_func ("/adoption-input/write-built", test_write_built);
  return g_test_run ();
}
