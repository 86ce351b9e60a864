// SPDX-License-Identifier: GPL-3.0-or-later
/* test-marriage-rules.c — R-M1…R-M14, R-H1, R-C1 with their boundaries */
#include <string.h>

#include "civ-citations.h"
#include "civ-marriage-rules.h"

static void
set_date (GDate *d, int y, int m, int day)
{
  g_date_clear (d, 1);
  g_date_set_dmy (d, (GDateDay) day, (GDateMonth) m, (GDateYear) y);
}

/* A couple that may marry on 2026-11-23 at a designated office. */
static void
good_couple (CivMarriageApplication *app)
{
  civ_marriage_application_init (app);
  set_date (&app->registration_date, 2026, 11, 23);
  app->office_designated = TRUE;
  app->household_jurisdiction = TRUE;
  app->status_source = CIV_STATUS_SOURCE_ONLINE;
  for (guint i = 0; i < 2; i++)
    {
      CivMarriageParty *p = &app->party[i];
      p->appears_in_person = TRUE;
      p->consents = TRUE;
      p->declaration_signed = TRUE;
      p->documents_complete = TRUE;
      p->id_valid = TRUE;
      p->status_before = CIV_MARITAL_UNMARRIED;
      p->category = CIV_RESIDENT_MAINLAND;
    }
  app->party[0].name = "张伟";
  app->party[0].sex = CIV_SEX_MALE;
  set_date (&app->party[0].birth_date, 1995, 3, 7);
  app->party[1].name = "李娜";
  app->party[1].sex = CIV_SEX_FEMALE;
  set_date (&app->party[1].birth_date, 1997, 8, 1);
}

static GPtrArray *
check (const CivMarriageApplication *app)
{
  return civ_marriage_check (app);
}

static void
test_good_couple (void)
{
  CivMarriageApplication app;
  g_autoptr (GPtrArray) f = NULL;

  good_couple (&app);
  f = check (&app);
  g_assert_cmpuint (f->len, ==, 0);
  g_assert_true (civ_marriage_may_register (f));
}

static void
test_age_on (void)
{
  GDate b, on;

  set_date (&b, 2004, 11, 23);
  set_date (&on, 2026, 11, 22);
  g_assert_cmpint (civ_age_on (&b, &on, CIV_AGE_ON_BIRTHDAY), ==, 21);
  set_date (&on, 2026, 11, 23);
  g_assert_cmpint (civ_age_on (&b, &on, CIV_AGE_ON_BIRTHDAY), ==, 22);
  g_assert_cmpint (civ_age_on (&b, &on, CIV_AGE_DAY_AFTER_BIRTHDAY), ==, 21);
  set_date (&on, 2026, 11, 24);
  g_assert_cmpint (civ_age_on (&b, &on, CIV_AGE_DAY_AFTER_BIRTHDAY), ==, 22);
  /* Year end. */
  set_date (&b, 2004, 12, 31);
  set_date (&on, 2026, 12, 31);
  g_assert_cmpint (civ_age_on (&b, &on, CIV_AGE_ON_BIRTHDAY), ==, 22);
  set_date (&on, 2026, 12, 30);
  g_assert_cmpint (civ_age_on (&b, &on, CIV_AGE_ON_BIRTHDAY), ==, 21);
  /* 29 February: the year is full on 1 March in a common year. */
  set_date (&b, 2004, 2, 29);
  set_date (&on, 2026, 2, 28);
  g_assert_cmpint (civ_age_on (&b, &on, CIV_AGE_ON_BIRTHDAY), ==, 21);
  set_date (&on, 2026, 3, 1);
  g_assert_cmpint (civ_age_on (&b, &on, CIV_AGE_ON_BIRTHDAY), ==, 22);
  set_date (&on, 2024, 2, 29);
  g_assert_cmpint (civ_age_on (&b, &on, CIV_AGE_ON_BIRTHDAY), ==, 20);
  set_date (&on, 2024, 2, 28);
  g_assert_cmpint (civ_age_on (&b, &on, CIV_AGE_ON_BIRTHDAY), ==, 19);
  /* Before birth. */
  set_date (&on, 2000, 1, 1);
  g_assert_cmpint (civ_age_on (&b, &on, CIV_AGE_ON_BIRTHDAY), ==, -1);
}

static void
test_min_age_by_date (void)
{
  GDate d;

  set_date (&d, 1950, 4, 30);
  g_assert_cmpint (civ_marriage_min_age (CIV_SEX_MALE, &d), ==, 0);
  set_date (&d, 1950, 5, 1);
  g_assert_cmpint (civ_marriage_min_age (CIV_SEX_MALE, &d), ==, 20);
  g_assert_cmpint (civ_marriage_min_age (CIV_SEX_FEMALE, &d), ==, 18);
  set_date (&d, 1980, 12, 31);
  g_assert_cmpint (civ_marriage_min_age (CIV_SEX_MALE, &d), ==, 20);
  set_date (&d, 1981, 1, 1);
  g_assert_cmpint (civ_marriage_min_age (CIV_SEX_MALE, &d), ==, 22);
  g_assert_cmpint (civ_marriage_min_age (CIV_SEX_FEMALE, &d), ==, 20);
}

static void
test_underage_refused_on_birthday_boundary (void)
{
  CivMarriageApplication app;

  good_couple (&app);
  /* He turns 22 on the registration date: accepted when the birthday counts. */
  set_date (&app.party[0].birth_date, 2004, 11, 23);
  {
    g_autoptr (GPtrArray) f = check (&app);
    g_assert_false (civ_findings_has (f, "R-M2", CIV_SEVERITY_WARN));
    g_assert_true (civ_marriage_may_register (f));
  }
  /* … refused when the office counts from the day after. */
  app.age_boundary = CIV_AGE_DAY_AFTER_BIRTHDAY;
  {
    g_autoptr (GPtrArray) f = check (&app);
    g_assert_true (civ_findings_has (f, "R-M2", CIV_SEVERITY_REFUSE));
    g_assert_false (civ_marriage_may_register (f));
  }
  /* One day short. */
  app.age_boundary = CIV_AGE_ON_BIRTHDAY;
  set_date (&app.party[0].birth_date, 2004, 11, 24);
  {
    g_autoptr (GPtrArray) f = check (&app);
    CivFinding *finding = civ_findings_find (f, "R-M2");
    g_assert_nonnull (finding);
    g_assert_cmpint (finding->severity, ==, CIV_SEVERITY_REFUSE);
    g_assert_cmpstr (finding->citation, ==, civ_citation_for_rule ("R-M2"));
    g_assert_nonnull (strstr (finding->message, "21"));
  }
  /* A woman of 19 is refused, of 20 accepted. */
  set_date (&app.party[0].birth_date, 1995, 3, 7);
  set_date (&app.party[1].birth_date, 2006, 11, 24);
  {
    g_autoptr (GPtrArray) f = check (&app);
    g_assert_true (civ_findings_has (f, "R-M2", CIV_SEVERITY_REFUSE));
  }
  set_date (&app.party[1].birth_date, 2006, 11, 23);
  {
    g_autoptr (GPtrArray) f = check (&app);
    g_assert_true (civ_marriage_may_register (f));
  }
}

static void
test_historical_flagged_not_refused (void)
{
  CivMarriageApplication app;

  good_couple (&app);
  app.historical = TRUE;
  set_date (&app.registration_date, 1960, 6, 1);
  set_date (&app.party[0].birth_date, 1941, 1, 1); /* 19: under 20 in 1960 */
  set_date (&app.party[1].birth_date, 1942, 1, 1); /* 18: old enough */
  {
    g_autoptr (GPtrArray) f = check (&app);
    g_assert_true (civ_findings_has (f, "R-H1", CIV_SEVERITY_WARN));
    g_assert_false (civ_findings_has (f, "R-H1", CIV_SEVERITY_REFUSE));
    g_assert_true (civ_marriage_may_register (f));
  }
  /* The same ages are fine under the 1950 law if 20 and 18. */
  set_date (&app.party[0].birth_date, 1940, 1, 1);
  {
    g_autoptr (GPtrArray) f = check (&app);
    g_assert_null (civ_findings_find (f, "R-H1"));
  }
  /* After 1981 the 22/20 ages apply to historical records too. */
  set_date (&app.registration_date, 1985, 6, 1);
  set_date (&app.party[0].birth_date, 1964, 1, 1); /* 21 */
  {
    g_autoptr (GPtrArray) f = check (&app);
    g_assert_true (civ_findings_has (f, "R-H1", CIV_SEVERITY_WARN));
    g_assert_true (civ_marriage_may_register (f));
  }
  /* Unknown birth dates in archives are noted, not flagged. */
  g_date_clear (&app.party[0].birth_date, 1);
  {
    g_autoptr (GPtrArray) f = check (&app);
    CivFinding *finding = civ_findings_find (f, "R-H1");
    g_assert_nonnull (finding);
    g_assert_cmpint (finding->severity, ==, CIV_SEVERITY_INFO);
  }
}

static void
test_existing_marriage (void)
{
  CivMarriageApplication app;
  g_autoptr (GPtrArray) f = NULL;

  good_couple (&app);
  app.party[1].has_current_marriage = TRUE;
  f = check (&app);
  g_assert_true (civ_findings_has (f, "R-M3", CIV_SEVERITY_REFUSE));
  g_assert_nonnull (strstr (civ_findings_find (f, "R-M3")->message, "李娜"));
  g_assert_false (civ_marriage_may_register (f));
}

static void
test_kinship_warns (void)
{
  CivMarriageApplication app;

  good_couple (&app);
  app.kinship = CIV_KINSHIP_LINEAL;
  {
    g_autoptr (GPtrArray) f = check (&app);
    g_assert_true (civ_findings_has (f, "R-M4", CIV_SEVERITY_WARN));
    g_assert_false (civ_findings_has (f, "R-M4", CIV_SEVERITY_REFUSE));
  }
  app.kinship = CIV_KINSHIP_COLLATERAL_3;
  {
    g_autoptr (GPtrArray) f = check (&app);
    g_assert_true (civ_findings_has (f, "R-M4", CIV_SEVERITY_WARN));
  }
}

static void
test_procedure (void)
{
  CivMarriageApplication app;

  good_couple (&app);
  app.party[0].appears_in_person = FALSE;
  {
    g_autoptr (GPtrArray) f = check (&app);
    g_assert_true (civ_findings_has (f, "R-M1", CIV_SEVERITY_REFUSE));
  }
  good_couple (&app);
  app.party[1].consents = FALSE;
  {
    g_autoptr (GPtrArray) f = check (&app);
    g_assert_true (civ_findings_has (f, "R-M5", CIV_SEVERITY_REFUSE));
  }
  good_couple (&app);
  app.party[1].declaration_signed = FALSE;
  {
    g_autoptr (GPtrArray) f = check (&app);
    g_assert_true (civ_findings_has (f, "R-M10", CIV_SEVERITY_REFUSE));
  }
  good_couple (&app);
  app.party[0].id_valid = FALSE;
  {
    g_autoptr (GPtrArray) f = check (&app);
    g_assert_true (civ_findings_has (f, "R-M10", CIV_SEVERITY_REFUSE));
  }
  good_couple (&app);
  app.party[1].sex = CIV_SEX_MALE;
  {
    g_autoptr (GPtrArray) f = check (&app);
    g_assert_true (civ_findings_has (f, "R-M2", CIV_SEVERITY_REFUSE));
  }
}

static void
test_jurisdiction (void)
{
  CivMarriageApplication app;

  good_couple (&app);
  app.party[1].category = CIV_RESIDENT_FOREIGN;
  app.office_designated = FALSE;
  {
    g_autoptr (GPtrArray) f = check (&app);
    g_assert_true (civ_findings_has (f, "R-M9", CIV_SEVERITY_REFUSE));
  }
  app.office_designated = TRUE;
  {
    g_autoptr (GPtrArray) f = check (&app);
    g_assert_null (civ_findings_find (f, "R-M9"));
  }
  /* Before 2025-05-10 the household place decides; from that day any registry. */
  good_couple (&app);
  app.household_jurisdiction = FALSE;
  set_date (&app.registration_date, 2025, 5, 9);
  {
    g_autoptr (GPtrArray) f = check (&app);
    g_assert_true (civ_findings_has (f, "R-M8", CIV_SEVERITY_REFUSE));
  }
  set_date (&app.registration_date, 2025, 5, 10);
  {
    g_autoptr (GPtrArray) f = check (&app);
    g_assert_null (civ_findings_find (f, "R-M8"));
  }
}

static void
test_flags_and_info (void)
{
  CivMarriageApplication app;

  good_couple (&app);
  app.party[0].dishonesty_flag = TRUE;
  app.status_source = CIV_STATUS_SOURCE_LOCAL_ONLY;
  {
    g_autoptr (GPtrArray) f = check (&app);
    g_assert_true (civ_findings_has (f, "R-C1", CIV_SEVERITY_WARN));
    g_assert_false (civ_findings_has (f, "R-C1", CIV_SEVERITY_REFUSE));
    g_assert_cmpint (civ_findings_find (f, "R-M7")->severity, ==, CIV_SEVERITY_INFO);
    g_assert_true (civ_marriage_may_register (f));
  }
}

static void
test_late_registration_and_nature (void)
{
  CivMarriageApplication app;

  good_couple (&app);
  set_date (&app.effective_from, 2020, 1, 1);
  {
    g_autoptr (GPtrArray) f = check (&app);
    g_assert_cmpint (civ_findings_find (f, "R-M13")->severity, ==, CIV_SEVERITY_INFO);
  }
  set_date (&app.effective_from, 2027, 1, 1);
  {
    g_autoptr (GPtrArray) f = check (&app);
    g_assert_true (civ_findings_has (f, "R-M13", CIV_SEVERITY_REFUSE));
  }
  g_date_clear (&app.registration_date, 1);
  {
    g_autoptr (GPtrArray) f = check (&app);
    g_assert_true (civ_findings_has (f, "R-M13", CIV_SEVERITY_REFUSE));
  }

  good_couple (&app);
  g_assert_cmpint (civ_marriage_nature (&app, 0), ==, CIV_MARITAL_FIRST_MARRIAGE);
  app.party[0].status_before = CIV_MARITAL_DIVORCED;
  app.party[1].status_before = CIV_MARITAL_WIDOWED;
  g_assert_cmpint (civ_marriage_nature (&app, 0), ==, CIV_MARITAL_REMARRIAGE);
  g_assert_cmpint (civ_marriage_nature (&app, 1), ==, CIV_MARITAL_REMARRIAGE);
  app.former_spouses = TRUE;
  g_assert_cmpint (civ_marriage_nature (&app, 0), ==, CIV_MARITAL_REMARRIED_FORMER);
  {
    g_autoptr (GPtrArray) f = check (&app);
    g_assert_nonnull (civ_findings_find (f, "R-M14"));
    g_assert_true (civ_marriage_may_register (f));
  }
}

static void
test_resident_category_strings (void)
{
  for (int c = CIV_RESIDENT_MAINLAND; c <= CIV_RESIDENT_FOREIGN; c++)
    g_assert_cmpint (civ_resident_category_from_string (
                       civ_resident_category_to_string ((CivResidentCategory) c)),
                     ==, c);
  g_assert_cmpint (civ_resident_category_from_string ("martian"), ==, CIV_RESIDENT_INVALID);
}

/* Every finding of a couple that breaks every rule it can carries the law
 * it applies (a citation) as a field, and its words do not start with the
 * rule id: people read the words and the law, support reads the rule. */
static void
test_findings_cite_the_law (void)
{
  CivMarriageApplication app;
  g_autoptr (GPtrArray) f = NULL;

  good_couple (&app);
  set_date (&app.party[0].birth_date, 2006, 1, 1);
  app.party[1].sex = CIV_SEX_MALE;
  app.party[1].status_before = CIV_MARITAL_MARRIED;
  app.office_designated = FALSE;
  app.status_source = CIV_STATUS_SOURCE_LOCAL_ONLY;
  for (guint i = 0; i < 2; i++)
    {
      app.party[i].appears_in_person = FALSE;
      app.party[i].consents = FALSE;
      app.party[i].declaration_signed = FALSE;
      app.party[i].documents_complete = FALSE;
      app.party[i].id_valid = FALSE;
      app.party[i].dishonesty_flag = TRUE;
    }
  f = check (&app);
  g_assert_cmpuint (f->len, >=, 8);
  for (guint i = 0; i < f->len; i++)
    {
      const CivFinding *finding = g_ptr_array_index (f, i);

      g_test_message ("%s: %s — %s", finding->rule, finding->message, finding->citation);
      g_assert_nonnull (finding->citation);
      g_assert_cmpstr (finding->citation, ==, civ_citation_for_rule (finding->rule));
      g_assert_false (g_str_has_prefix (finding->message, finding->rule));
      g_assert_false (g_str_has_prefix (finding->message, "R-"));
    }
  g_assert_cmpstr (civ_findings_find (f, "R-M2")->citation, ==,
                   "《中华人民共和国民法典》第一千零四十七条");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/domain/marriage/good-couple", test_good_couple);
  g_test_add_func ("/domain/marriage/age-on", test_age_on);
  g_test_add_func ("/domain/marriage/min-age-by-date", test_min_age_by_date);
  g_test_add_func ("/domain/marriage/R-M2-birthday-boundary",
                   test_underage_refused_on_birthday_boundary);
  g_test_add_func ("/domain/marriage/R-H1-historical", test_historical_flagged_not_refused);
  g_test_add_func ("/domain/marriage/R-M3-existing-marriage", test_existing_marriage);
  g_test_add_func ("/domain/marriage/R-M4-kinship", test_kinship_warns);
  g_test_add_func ("/domain/marriage/procedure", test_procedure);
  g_test_add_func ("/domain/marriage/R-M8-R-M9-jurisdiction", test_jurisdiction);
  g_test_add_func ("/domain/marriage/R-C1-R-M7", test_flags_and_info);
  g_test_add_func ("/domain/marriage/R-M13-R-M14", test_late_registration_and_nature);
  g_test_add_func ("/domain/marriage/resident-categories", test_resident_category_strings);
  g_test_add_func ("/domain/marriage/findings-cite-the-law", test_findings_cite_the_law);
  return g_test_run ();
}
