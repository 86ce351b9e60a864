// SPDX-License-Identifier: GPL-3.0-or-later
/* test-adoption-rules.c — R-A1…R-A12 with their boundaries, and the adoption
 * deadlines (R-A7, R-A10). Every date is fixed: no test reads the clock. */
#include <string.h>

#include "civ-adoption-rules.h"
#include "civ-citations.h"

static GDate
date (int y, int m, int d)
{
  GDate result;

  g_date_clear (&result, 1);
  g_date_set_dmy (&result, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return result;
}

static void
assert_date (const GDate *actual, const char *expected)
{
  g_autofree char *text = g_date_valid (actual) ? civ_date_format_iso (actual) : NULL;

  g_assert_cmpstr (text, ==, expected);
}

/* A married couple adopting, on 2026-11-23, a four-year-old boy whose birth
 * parents place him because of special hardship: nothing to find. */
static void
good (CivAdoptionApplication *app)
{
  civ_adoption_application_init (app);
  app->application_date = date (2026, 11, 2);
  app->evaluation_date = date (2026, 11, 23);
  app->office_jurisdiction = TRUE;
  app->assessment = CIV_ASSESSMENT_SUITABLE;
  app->assessors = 2;

  app->child.name = "张小明";
  app->child.sex = CIV_SEX_MALE;
  app->child.birth_date = date (2022, 5, 10);
  app->child.basis = CIV_ADOPTION_BASIS_PARENTS_HARDSHIP;

  app->n_placers = 2;
  for (guint i = 0; i < 2; i++)
    {
      CivAdoptionPlacer *p = &app->placer[i];

      p->kind = CIV_PLACER_BIRTH_PARENT;
      p->hardship = TRUE;
      p->consents = TRUE;
      p->appears_in_person = TRUE;
    }
  app->placer[0].name = "张大山";
  app->placer[1].name = "李秀英";

  app->n_adopters = 2;
  for (guint i = 0; i < 2; i++)
    {
      CivAdoptionAdopter *a = &app->adopter[i];

      a->category = CIV_RESIDENT_MAINLAND;
      a->married = TRUE;
      a->able_to_raise = TRUE;
      a->appears_in_person = TRUE;
    }
  app->adopter[0].name = "王强";
  app->adopter[0].sex = CIV_SEX_MALE;
  app->adopter[0].birth_date = date (1985, 3, 7);
  app->adopter[1].name = "刘芳";
  app->adopter[1].sex = CIV_SEX_FEMALE;
  app->adopter[1].birth_date = date (1987, 6, 1);
}

/* One unmarried adopter instead of the couple. */
static void
single (CivAdoptionApplication *app, CivSex sex, GDate birth)
{
  app->n_adopters = 1;
  app->adopter[0].married = FALSE;
  app->adopter[0].sex = sex;
  app->adopter[0].birth_date = birth;
}

/* Every finding cites the law and carries words without its rule id. */
static GPtrArray *
check (const CivAdoptionApplication *app)
{
  GPtrArray *f = civ_adoption_check (app);

  for (guint i = 0; i < f->len; i++)
    {
      const CivFinding *finding = g_ptr_array_index (f, i);

      g_test_message ("%s %s: %s", finding->rule, civ_severity_to_string (finding->severity),
                      finding->message);
      g_assert_true (g_str_has_prefix (finding->rule, "R-A"));
      g_assert_nonnull (finding->citation);
      g_assert_false (g_str_has_prefix (finding->message, "R-A"));
    }
  return f;
}

/* The only refusals of @app are for @rule (NULL: none at all). */
static void
assert_refused_only_by (const CivAdoptionApplication *app, const char *rule)
{
  g_autoptr (GPtrArray) f = check (app);

  for (guint i = 0; i < f->len; i++)
    {
      const CivFinding *finding = g_ptr_array_index (f, i);

      if (finding->severity == CIV_SEVERITY_REFUSE)
        g_assert_cmpstr (finding->rule, ==, rule);
    }
  if (rule == NULL)
    g_assert_true (civ_adoption_may_register (f));
  else
    {
      g_assert_false (civ_adoption_may_register (f));
      g_assert_true (civ_findings_has (f, rule, CIV_SEVERITY_REFUSE));
    }
}

static void
test_good (void)
{
  CivAdoptionApplication app;
  g_autoptr (GPtrArray) f = NULL;

  good (&app);
  f = check (&app);
  g_assert_cmpuint (f->len, ==, 0);
  g_assert_true (civ_adoption_may_register (f));
  g_assert_false (civ_adoption_notice_needed (&app));
  g_assert_true (civ_adoption_assessment_needed (&app));
}

static void
test_names (void)
{
  for (int i = CIV_ADOPTION_BASIS_NONE; i <= CIV_ADOPTION_BASIS_PARENTS_HARDSHIP; i++)
    g_assert_cmpint (civ_adoption_basis_from_string (civ_adoption_basis_to_string (i)), ==, i);
  for (int i = CIV_PLACER_GUARDIAN; i <= CIV_PLACER_BIRTH_PARENT; i++)
    g_assert_cmpint (civ_placer_kind_from_string (civ_placer_kind_to_string (i)), ==, i);
  for (int i = CIV_ADOPTION_RELATION_NONE; i <= CIV_ADOPTION_RELATION_STEP_PARENT; i++)
    g_assert_cmpint (civ_adoption_relationship_from_string (
                       civ_adoption_relationship_to_string (i)),
                     ==, i);
  for (int i = CIV_ASSESSMENT_NOT_DONE; i <= CIV_ASSESSMENT_UNSUITABLE; i++)
    g_assert_cmpint (civ_assessment_conclusion_from_string (
                       civ_assessment_conclusion_to_string (i)),
                     ==, i);
  g_assert_cmpint (civ_adoption_basis_from_string ("Orphan"), ==, CIV_ADOPTION_BASIS_INVALID);
  g_assert_cmpint (civ_placer_kind_from_string (NULL), ==, CIV_PLACER_INVALID);
  g_assert_null (civ_adoption_relationship_to_string (CIV_ADOPTION_RELATION_INVALID));
  g_assert_null (civ_assessment_conclusion_to_string (7));
}

/* R-A1: a minor, for a reason the law names. */
static void
test_child_adoptable (void)
{
  CivAdoptionApplication app;

  /* The 18th birthday: an adult on the day (the birthday counts) … */
  good (&app);
  app.child.consents = TRUE;
  app.child.birth_date = date (2008, 11, 23);
  assert_refused_only_by (&app, "R-A1");
  /* … still a minor when a year is full only the day after. */
  app.age_boundary = CIV_AGE_DAY_AFTER_BIRTHDAY;
  assert_refused_only_by (&app, NULL);
  app.age_boundary = CIV_AGE_ON_BIRTHDAY;
  app.child.birth_date = date (2008, 11, 24);
  assert_refused_only_by (&app, NULL);

  good (&app);
  g_date_clear (&app.child.birth_date, 1);
  assert_refused_only_by (&app, "R-A1");
  good (&app);
  app.child.birth_date = date (2026, 11, 24);
  assert_refused_only_by (&app, "R-A1");

  /* No reason recorded: only a relative's child or a step-child. */
  good (&app);
  app.child.basis = CIV_ADOPTION_BASIS_NONE;
  assert_refused_only_by (&app, "R-A1");
}

/* R-A2: who may place the child. */
static void
test_placers (void)
{
  CivAdoptionApplication app;

  /* Birth parents without special hardship. */
  good (&app);
  app.placer[1].hardship = FALSE;
  assert_refused_only_by (&app, "R-A2");
  /* One birth parent alone: only when the other is unknown. */
  good (&app);
  app.n_placers = 1;
  assert_refused_only_by (&app, "R-A2");
  app.placer[0].other_parent_unknown = TRUE;
  assert_refused_only_by (&app, NULL);
  /* A placer who does not agree. */
  good (&app);
  app.placer[0].consents = FALSE;
  assert_refused_only_by (&app, "R-A2");
  /* Nobody places the child. */
  good (&app);
  app.n_placers = 0;
  assert_refused_only_by (&app, "R-A2");
  /* Two placers who are not the two birth parents. */
  good (&app);
  app.placer[1].kind = CIV_PLACER_GUARDIAN;
  app.placer[1].parents_lack_capacity = TRUE;
  assert_refused_only_by (&app, "R-A2");

  /* A guardian places an orphan with the consent of those with a support duty. */
  good (&app);
  app.child.basis = CIV_ADOPTION_BASIS_ORPHAN;
  app.n_placers = 1;
  app.placer[0].kind = CIV_PLACER_GUARDIAN;
  assert_refused_only_by (&app, "R-A2");
  app.placer[0].support_duty_consent = TRUE;
  assert_refused_only_by (&app, NULL);
  /* Birth parents recorded for an orphan. */
  app.placer[0].kind = CIV_PLACER_BIRTH_PARENT;
  app.placer[0].other_parent_unknown = TRUE;
  assert_refused_only_by (&app, "R-A2");
  /* A guardian of a child whose parents live: only under CC 1095. */
  good (&app);
  app.n_placers = 1;
  app.placer[0].kind = CIV_PLACER_GUARDIAN;
  assert_refused_only_by (&app, "R-A2");
  app.placer[0].parents_lack_capacity = TRUE;
  assert_refused_only_by (&app, NULL);

  /* A welfare institution places only a child it raises. */
  good (&app);
  app.n_placers = 1;
  app.placer[0].kind = CIV_PLACER_WELFARE_INSTITUTION;
  assert_refused_only_by (&app, "R-A2");
  app.child.in_welfare_institution = TRUE;
  assert_refused_only_by (&app, NULL);
}

/* R-A3: the adopter's 30th birthday, with both age boundaries. */
static void
test_adopter_age_30 (void)
{
  CivAdoptionApplication app;

  good (&app);
  app.adopter[1].birth_date = date (1996, 11, 23);
  assert_refused_only_by (&app, NULL);
  app.age_boundary = CIV_AGE_DAY_AFTER_BIRTHDAY;
  assert_refused_only_by (&app, "R-A3");
  app.evaluation_date = date (2026, 11, 24);
  assert_refused_only_by (&app, NULL);

  good (&app);
  app.adopter[1].birth_date = date (1996, 11, 24);
  assert_refused_only_by (&app, "R-A3");
  g_date_clear (&app.adopter[1].birth_date, 1);
  assert_refused_only_by (&app, "R-A3");
}

static void
test_adopter_conditions (void)
{
  CivAdoptionApplication app;

  good (&app);
  app.adopter[0].able_to_raise = FALSE;
  assert_refused_only_by (&app, "R-A3");
  good (&app);
  app.adopter[1].incompatible_disease = TRUE;
  assert_refused_only_by (&app, "R-A3");
  good (&app);
  app.adopter[0].harmful_criminal_record = TRUE;
  assert_refused_only_by (&app, "R-A3");
}

/* R-A3 and R-A4: children 0, 1, 2, and the children already adopted. */
static void
test_child_counts (void)
{
  CivAdoptionApplication app;

  good (&app);
  for (guint n = 0; n <= 1; n++)
    {
      app.adopter[0].children = n;
      assert_refused_only_by (&app, NULL);
    }
  app.adopter[0].children = 2;
  assert_refused_only_by (&app, "R-A3");
  {
    g_autoptr (GPtrArray) f = check (&app);
    g_assert_false (civ_findings_has (f, "R-A4", CIV_SEVERITY_REFUSE));
  }

  /* Childless before, one adopted: a second adoption is allowed. */
  good (&app);
  app.adopter[0].children = 1;
  app.adopter[0].adopted_children = 1;
  assert_refused_only_by (&app, NULL);
  /* Two adopted already, or one born and one adopted: refused by both. */
  for (guint adopted = 1; adopted <= 2; adopted++)
    {
      g_autoptr (GPtrArray) f = NULL;

      app.adopter[0].children = 2;
      app.adopter[0].adopted_children = adopted;
      f = check (&app);
      g_assert_true (civ_findings_has (f, "R-A3", CIV_SEVERITY_REFUSE));
      g_assert_true (civ_findings_has (f, "R-A4", CIV_SEVERITY_REFUSE));
    }
}

/* R-A4: orphans, disabled minors and welfare children whose parents cannot
 * be found are exempt from the count and the one-child condition. */
static void
test_child_count_exemptions (void)
{
  CivAdoptionApplication app;

  /* An orphan placed by the guardian. */
  good (&app);
  app.child.basis = CIV_ADOPTION_BASIS_ORPHAN;
  app.n_placers = 1;
  app.placer[0].kind = CIV_PLACER_GUARDIAN;
  app.placer[0].support_duty_consent = TRUE;
  app.adopter[0].children = 2;
  app.adopter[0].adopted_children = 2;
  assert_refused_only_by (&app, NULL);
  {
    g_autoptr (GPtrArray) f = check (&app);
    g_assert_true (civ_findings_has (f, "R-A4", CIV_SEVERITY_INFO));
  }

  /* A disabled minor. */
  good (&app);
  app.child.disabled = TRUE;
  app.adopter[1].children = 2;
  assert_refused_only_by (&app, NULL);

  /* A welfare child whose parents cannot be found (after the notice) … */
  good (&app);
  app.child.basis = CIV_ADOPTION_BASIS_PARENTS_NOT_FOUND;
  app.child.in_welfare_institution = TRUE;
  app.n_placers = 1;
  app.placer[0].kind = CIV_PLACER_WELFARE_INSTITUTION;
  app.notice_published = date (2026, 9, 1);
  app.adopter[0].children = 2;
  app.adopter[0].adopted_children = 1;
  assert_refused_only_by (&app, NULL);
  /* … but not a child whose parents cannot be found outside a welfare institution … */
  app.child.in_welfare_institution = FALSE;
  app.placer[0].kind = CIV_PLACER_GUARDIAN;
  app.placer[0].parents_lack_capacity = TRUE;
  {
    g_autoptr (GPtrArray) f = check (&app);
    g_assert_true (civ_findings_has (f, "R-A3", CIV_SEVERITY_REFUSE));
    g_assert_true (civ_findings_has (f, "R-A4", CIV_SEVERITY_REFUSE));
  }
  /* … nor a welfare child whose parents are known. */
  good (&app);
  app.child.in_welfare_institution = TRUE;
  app.adopter[0].children = 2;
  assert_refused_only_by (&app, "R-A3");
}

/* R-A5: a married adopter adopts with the spouse; two adopters are spouses. */
static void
test_spouses (void)
{
  CivAdoptionApplication app;

  good (&app);
  app.n_adopters = 1;
  assert_refused_only_by (&app, "R-A5");
  good (&app);
  app.adopter[1].married = FALSE;
  assert_refused_only_by (&app, "R-A5");
  good (&app);
  app.n_adopters = 0;
  assert_refused_only_by (&app, "R-A5");
}

/* R-A5: a single adopter of a child of the other sex, 40 years at least. */
static void
test_forty_year_gap (void)
{
  CivAdoptionApplication app;
  const CivSex           sexes[] = { CIV_SEX_MALE, CIV_SEX_FEMALE };

  for (guint s = 0; s < 2; s++)
    {
      CivSex adopter_sex = sexes[s];
      CivSex child_sex = sexes[1 - s];

      good (&app);
      app.child.sex = child_sex;
      app.child.birth_date = date (2020, 5, 10);
      /* Exactly 40 years. */
      single (&app, adopter_sex, date (1980, 5, 10));
      assert_refused_only_by (&app, NULL);
      /* The year is full only the day after the birthday. */
      app.age_boundary = CIV_AGE_DAY_AFTER_BIRTHDAY;
      assert_refused_only_by (&app, "R-A5");
      app.age_boundary = CIV_AGE_ON_BIRTHDAY;
      /* One day less than 40 years. */
      app.adopter[0].birth_date = date (1980, 5, 11);
      assert_refused_only_by (&app, "R-A5");
      /* The same sex: no gap. */
      app.child.sex = adopter_sex;
      assert_refused_only_by (&app, NULL);
      /* A relative's child: exempt (R-A6). */
      app.child.sex = child_sex;
      app.relationship = CIV_ADOPTION_RELATION_COLLATERAL;
      assert_refused_only_by (&app, NULL);
      {
        g_autoptr (GPtrArray) f = check (&app);
        g_assert_true (civ_findings_has (f, "R-A6", CIV_SEVERITY_INFO));
      }
      /* Married couples have no gap to keep. */
      good (&app);
      app.child.sex = child_sex;
      app.child.birth_date = date (2020, 5, 10);
      app.adopter[0].birth_date = date (1990, 5, 10);
      app.adopter[1].birth_date = date (1990, 5, 10);
      assert_refused_only_by (&app, NULL);
    }

  /* The sexes must be known to check the gap. */
  good (&app);
  single (&app, CIV_SEX_NOT_STATED, date (1980, 5, 10));
  assert_refused_only_by (&app, "R-A5");
}

/* R-A5: the child's consent from the 8th birthday. */
static void
test_child_consent_at_8 (void)
{
  CivAdoptionApplication app;

  good (&app);
  app.child.birth_date = date (2018, 11, 23);
  assert_refused_only_by (&app, "R-A5");
  app.child.consents = TRUE;
  assert_refused_only_by (&app, NULL);
  app.child.consents = FALSE;
  app.age_boundary = CIV_AGE_DAY_AFTER_BIRTHDAY;
  assert_refused_only_by (&app, NULL);
  app.age_boundary = CIV_AGE_ON_BIRTHDAY;
  app.child.birth_date = date (2018, 11, 24);
  assert_refused_only_by (&app, NULL);
}

/* R-A6: a same-generation collateral relative's child within three generations. */
static void
test_relative (void)
{
  CivAdoptionApplication app;

  /* No hardship needed of the child nor of the birth parents. */
  good (&app);
  app.relationship = CIV_ADOPTION_RELATION_COLLATERAL;
  app.child.basis = CIV_ADOPTION_BASIS_NONE;
  app.placer[0].hardship = FALSE;
  app.placer[1].hardship = FALSE;
  assert_refused_only_by (&app, NULL);
  /* Still the one-child condition for a mainland adopter … */
  app.adopter[0].children = 2;
  assert_refused_only_by (&app, "R-A3");
  /* … but not for an overseas Chinese (华侨), who keeps the count of 1100. */
  app.adopter[0].category = CIV_RESIDENT_OVERSEAS_CHINESE;
  assert_refused_only_by (&app, NULL);
  app.adopter[0].adopted_children = 1;
  assert_refused_only_by (&app, "R-A4");
  /* Still the adopter's age. */
  good (&app);
  app.relationship = CIV_ADOPTION_RELATION_COLLATERAL;
  app.adopter[0].birth_date = date (2000, 1, 1);
  assert_refused_only_by (&app, "R-A3");
}

/* R-A6: a step-parent with the birth parent's consent. */
static void
test_step_parent (void)
{
  CivAdoptionApplication app;
  g_autoptr (GPtrArray) f = NULL;

  good (&app);
  app.relationship = CIV_ADOPTION_RELATION_STEP_PARENT;
  app.birth_parent_consent = TRUE;
  app.child.basis = CIV_ADOPTION_BASIS_NONE;
  app.placer[0].hardship = FALSE;
  app.placer[1].hardship = FALSE;
  /* The step-father, married to the child's mother, adopts alone. */
  app.n_adopters = 1;
  app.adopter[0].birth_date = date (2001, 1, 1); /* 25: CC 1098 does not apply */
  app.adopter[0].children = 3;
  app.adopter[0].adopted_children = 1;
  app.adopter[0].incompatible_disease = TRUE;
  app.assessment = CIV_ASSESSMENT_NOT_DONE;
  app.assessors = 0;
  assert_refused_only_by (&app, NULL);
  f = check (&app);
  g_assert_true (civ_findings_has (f, "R-A11", CIV_SEVERITY_INFO));
  g_assert_true (civ_findings_has (f, "R-A6", CIV_SEVERITY_INFO));
  g_assert_false (civ_adoption_assessment_needed (&app));

  app.birth_parent_consent = FALSE;
  assert_refused_only_by (&app, "R-A6");
}

/* R-A7: the 60-day notice when the parents cannot be found. */
static void
test_notice (void)
{
  CivAdoptionApplication app;

  good (&app);
  app.child.basis = CIV_ADOPTION_BASIS_PARENTS_NOT_FOUND;
  app.child.in_welfare_institution = TRUE;
  app.n_placers = 1;
  app.placer[0].kind = CIV_PLACER_WELFARE_INSTITUTION;
  g_assert_true (civ_adoption_notice_needed (&app));
  assert_refused_only_by (&app, "R-A7");
  /* The 60th day after the notice is the decision day: still running. */
  app.notice_published = date (2026, 9, 24);
  assert_refused_only_by (&app, "R-A7");
  {
    g_autoptr (GPtrArray) f = check (&app);
    g_assert_nonnull (strstr (civ_findings_find (f, "R-A7")->message, "2026-11-23"));
  }
  app.notice_published = date (2026, 9, 23);
  assert_refused_only_by (&app, NULL);
  /* A notice dated after the decision. */
  app.notice_published = date (2026, 11, 24);
  assert_refused_only_by (&app, "R-A7");

  /* A notice without need is noted. */
  good (&app);
  app.notice_published = date (2026, 9, 1);
  {
    g_autoptr (GPtrArray) f = check (&app);
    g_assert_true (civ_findings_has (f, "R-A7", CIV_SEVERITY_INFO));
    g_assert_true (civ_adoption_may_register (f));
  }
}

static void
test_office (void)
{
  CivAdoptionApplication app;

  good (&app);
  app.office_jurisdiction = FALSE;
  assert_refused_only_by (&app, "R-A8");
}

/* R-A9: in person; one spouse may authorise the other. */
static void
test_in_person (void)
{
  CivAdoptionApplication app;

  good (&app);
  app.adopter[1].appears_in_person = FALSE;
  assert_refused_only_by (&app, "R-A9");
  app.adopter[1].authorised_in_writing = TRUE;
  assert_refused_only_by (&app, NULL);
  {
    g_autoptr (GPtrArray) f = check (&app);
    g_assert_true (civ_findings_has (f, "R-A9", CIV_SEVERITY_INFO));
  }
  /* Both away: nobody to authorise. */
  app.adopter[0].appears_in_person = FALSE;
  app.adopter[0].authorised_in_writing = TRUE;
  assert_refused_only_by (&app, "R-A9");
  /* A placer away. */
  good (&app);
  app.placer[0].appears_in_person = FALSE;
  assert_refused_only_by (&app, "R-A9");
}

static void
test_dates (void)
{
  CivAdoptionApplication app;

  good (&app);
  app.evaluation_date = date (2026, 11, 1);
  assert_refused_only_by (&app, "R-A10");
  good (&app);
  g_date_clear (&app.application_date, 1);
  assert_refused_only_by (&app, "R-A10");
  good (&app);
  g_date_clear (&app.evaluation_date, 1);
  assert_refused_only_by (&app, "R-A10");
}

/* R-A11: the assessment. */
static void
test_assessment (void)
{
  CivAdoptionApplication app;

  good (&app);
  app.assessment = CIV_ASSESSMENT_NOT_DONE;
  assert_refused_only_by (&app, "R-A11");
  app.assessment = CIV_ASSESSMENT_UNSUITABLE;
  assert_refused_only_by (&app, "R-A11");
  app.assessment = CIV_ASSESSMENT_SUITABLE;
  app.assessors = 1;
  assert_refused_only_by (&app, "R-A11");
  app.assessment_third_party = TRUE;
  app.assessors = 0;
  assert_refused_only_by (&app, NULL);
  app.assessment_red_flags = TRUE;
  {
    g_autoptr (GPtrArray) f = check (&app);
    g_assert_true (civ_findings_has (f, "R-A11", CIV_SEVERITY_WARN));
    g_assert_true (civ_adoption_may_register (f));
  }
}

/* R-A12: a foreign adopter only at the provincial department. */
static void
test_foreign (void)
{
  CivAdoptionApplication app;

  good (&app);
  app.adopter[0].category = CIV_RESIDENT_FOREIGN;
  app.adopter[0].home_country_approval = TRUE;
  app.adopter[0].documents_legalised = TRUE;
  assert_refused_only_by (&app, "R-A12");
  app.office_provincial = TRUE;
  assert_refused_only_by (&app, NULL);
  app.adopter[0].home_country_approval = FALSE;
  assert_refused_only_by (&app, "R-A12");
  app.adopter[0].home_country_approval = TRUE;
  app.adopter[0].documents_legalised = FALSE;
  assert_refused_only_by (&app, "R-A12");
  /* An overseas Chinese, a Hong Kong resident: any competent office. */
  good (&app);
  app.adopter[0].category = CIV_RESIDENT_OVERSEAS_CHINESE;
  app.adopter[1].category = CIV_RESIDENT_HONG_KONG;
  assert_refused_only_by (&app, NULL);
}

/* 2024: National Day 10-01…10-07 off, Sun 09-29 and Sat 10-12 make-up working days. */
static CivCalendar *
calendar_2024 (void)
{
  CivCalendar *c = civ_calendar_new ();

  for (int d = 1; d <= 7; d++)
    {
      GDate day = date (2024, 10, d);
      civ_calendar_add_day (c, &day, "国庆节", TRUE);
    }
  {
    GDate sun = date (2024, 9, 29);
    GDate sat = date (2024, 10, 12);
    civ_calendar_add_day (c, &sun, "国庆节", FALSE);
    civ_calendar_add_day (c, &sat, "国庆节", FALSE);
  }
  civ_calendar_add_year (c, 2024);
  return c;
}

/* R-A10: 30 days from the day after the application; a rest day moves it. */
static void
test_review_deadline (void)
{
  g_autoptr (CivCalendar) c = calendar_2024 ();
  CivAdoptionDates d;
  GDate            applied = date (2024, 9, 2);
  GDate            invalid;

  g_date_clear (&invalid, 1);
  civ_adoption_dates (c, &applied, NULL, &d);
  assert_date (&d.applied, "2024-09-02");
  assert_date (&d.notice_published, NULL);
  assert_date (&d.notice_end, NULL);
  assert_date (&d.review_start, "2024-09-03");
  /* Day 30 is 10-02, in the holiday: the first working day after it. */
  assert_date (&d.review_deadline, "2024-10-08");
  g_assert_false (d.provisional);

  civ_adoption_dates (c, &applied, &invalid, &d);
  assert_date (&d.review_deadline, "2024-10-08");

  /* Without the holiday table only weekends are known: provisional. */
  civ_adoption_dates (NULL, &applied, NULL, &d);
  assert_date (&d.review_deadline, "2024-10-02");
  g_assert_true (d.provisional);

  /* Day 30 on a Saturday moves to Monday; on a Friday it stays. */
  applied = date (2024, 8, 1);
  civ_adoption_dates (c, &applied, NULL, &d);
  assert_date (&d.review_deadline, "2024-09-02");
  g_assert_false (d.provisional);
  applied = date (2024, 7, 31);
  civ_adoption_dates (c, &applied, NULL, &d);
  assert_date (&d.review_deadline, "2024-08-30");
  /* Day 30 on the make-up working day Sun 09-29 stays. */
  applied = date (2024, 8, 30);
  civ_adoption_dates (c, &applied, NULL, &d);
  assert_date (&d.review_deadline, "2024-09-29");

  /* A deadline in 2025, which the table does not cover: provisional. */
  applied = date (2024, 12, 10);
  civ_adoption_dates (c, &applied, NULL, &d);
  assert_date (&d.review_deadline, "2025-01-09");
  g_assert_true (d.provisional);
}

/* R-A7: the notice does not count toward the review. */
static void
test_notice_dates (void)
{
  g_autoptr (CivCalendar) c = calendar_2024 ();
  CivAdoptionDates d;
  GDate            applied = date (2024, 9, 2);
  GDate            notice = date (2024, 8, 5);

  civ_adoption_dates (c, &applied, &notice, &d);
  assert_date (&d.notice_published, "2024-08-05");
  assert_date (&d.notice_end, "2024-10-04");
  assert_date (&d.review_start, "2024-10-05");
  /* 10-04 + 30 = Sun 11-03: Monday. */
  assert_date (&d.review_deadline, "2024-11-04");
  g_assert_false (d.provisional);

  /* A notice that ended before the application: the review counts from the application. */
  notice = date (2024, 6, 1);
  civ_adoption_dates (c, &applied, &notice, &d);
  assert_date (&d.notice_end, "2024-07-31");
  assert_date (&d.review_start, "2024-09-03");
  assert_date (&d.review_deadline, "2024-10-08");
}

static void
good_dissolution (CivAdoptionDissolution *d)
{
  civ_adoption_dissolution_init (d);
  d->child_birth_date = date (2020, 5, 10);
  d->evaluation_date = date (2026, 11, 23);
  d->agreement = TRUE;
  d->parties_appear = TRUE;
  d->certificate_returned = TRUE;
  d->office_jurisdiction = TRUE;
}

static void
assert_dissolution (const CivAdoptionDissolution *d, gboolean may)
{
  g_autoptr (GPtrArray) f = civ_adoption_dissolution_check (d);

  for (guint i = 0; i < f->len; i++)
    {
      const CivFinding *finding = g_ptr_array_index (f, i);

      g_test_message ("%s: %s", finding->rule, finding->message);
      g_assert_cmpstr (finding->rule, ==, "R-A14");
      g_assert_nonnull (finding->citation);
    }
  g_assert_cmpint (civ_adoption_may_register (f), ==, may);
}

/* R-A14: dissolution by agreement; the child's consent from 8. */
static void
test_dissolution (void)
{
  CivAdoptionDissolution d;

  good_dissolution (&d);
  assert_dissolution (&d, TRUE);
  d.agreement = FALSE;
  assert_dissolution (&d, FALSE);
  good_dissolution (&d);
  d.parties_appear = FALSE;
  assert_dissolution (&d, FALSE);
  good_dissolution (&d);
  d.certificate_returned = FALSE;
  assert_dissolution (&d, FALSE);
  good_dissolution (&d);
  d.office_jurisdiction = FALSE;
  assert_dissolution (&d, FALSE);
  good_dissolution (&d);
  g_date_clear (&d.evaluation_date, 1);
  assert_dissolution (&d, FALSE);
  good_dissolution (&d);
  d.child_birth_date = date (2026, 11, 24);
  assert_dissolution (&d, FALSE);

  /* The 8th birthday, with both age boundaries. */
  good_dissolution (&d);
  d.child_birth_date = date (2018, 11, 23);
  assert_dissolution (&d, FALSE);
  d.age_boundary = CIV_AGE_DAY_AFTER_BIRTHDAY;
  assert_dissolution (&d, TRUE);
  d.age_boundary = CIV_AGE_ON_BIRTHDAY;
  d.child_consents = TRUE;
  assert_dissolution (&d, TRUE);
  d.child_consents = FALSE;
  d.child_birth_date = date (2018, 11, 24);
  assert_dissolution (&d, TRUE);
  /* An adult child is a party to the agreement. */
  d.child_birth_date = date (2000, 1, 1);
  assert_dissolution (&d, FALSE);
  d.child_consents = TRUE;
  assert_dissolution (&d, TRUE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/adoption-rules/good", test_good);
  g_test_add_func ("/adoption-rules/names", test_names);
  g_test_add_func ("/adoption-rules/R-A1-child", test_child_adoptable);
  g_test_add_func ("/adoption-rules/R-A2-placers", test_placers);
  g_test_add_func ("/adoption-rules/R-A3-age-30", test_adopter_age_30);
  g_test_add_func ("/adoption-rules/R-A3-conditions", test_adopter_conditions);
  g_test_add_func ("/adoption-rules/R-A4-child-counts", test_child_counts);
  g_test_add_func ("/adoption-rules/R-A4-exemptions", test_child_count_exemptions);
  g_test_add_func ("/adoption-rules/R-A5-spouses", test_spouses);
  g_test_add_func ("/adoption-rules/R-A5-forty-year-gap", test_forty_year_gap);
  g_test_add_func ("/adoption-rules/R-A5-consent-at-8", test_child_consent_at_8);
  g_test_add_func ("/adoption-rules/R-A6-relative", test_relative);
  g_test_add_func ("/adoption-rules/R-A6-step-parent", test_step_parent);
  g_test_add_func ("/adoption-rules/R-A7-notice", test_notice);
  g_test_add_func ("/adoption-rules/R-A8-office", test_office);
  g_test_add_func ("/adoption-rules/R-A9-in-person", test_in_person);
  g_test_add_func ("/adoption-rules/R-A10-dates", test_dates);
  g_test_add_func ("/adoption-rules/R-A11-assessment", test_assessment);
  g_test_add_func ("/adoption-rules/R-A12-foreign", test_foreign);
  g_test_add_func ("/adoption-rules/R-A10-review-deadline", test_review_deadline);
  g_test_add_func ("/adoption-rules/R-A7-notice-dates", test_notice_dates);
  g_test_add_func ("/adoption-rules/R-A14-dissolution", test_dissolution);
  return g_test_run ();
}
