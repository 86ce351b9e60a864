// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-adoption-rules.c — who may adopt whom on a given day (domain.md §3) */
#include "civ-adoption-rules.h"

#include <glib/gi18n-lib.h>
#include <string.h>

void
civ_adoption_application_init (CivAdoptionApplication *app)
{
  memset (app, 0, sizeof *app);
  g_date_clear (&app->child.birth_date, 1);
  for (guint i = 0; i < CIV_ADOPTION_MAX_ADOPTERS; i++)
    g_date_clear (&app->adopter[i].birth_date, 1);
  g_date_clear (&app->application_date, 1);
  g_date_clear (&app->evaluation_date, 1);
  g_date_clear (&app->notice_published, 1);
}

/* Names of the input format (docs/cli-rules.md). */

static const char *const basis_names[] = { "none", "orphan", "parents-not-found",
                                           "parents-hardship" };
static const char *const placer_names[] = { "guardian", "welfare-institution", "birth-parent" };
static const char *const relation_names[] = { "none", "collateral-relative", "step-parent" };
static const char *const assessment_names[] = { "not-done", "suitable", "unsuitable" };

static const char *
name_of (const char *const *names, guint n, int value)
{
  return value >= 0 && (guint) value < n ? names[value] : NULL;
}

static int
value_of (const char *const *names, guint n, const char *text)
{
  for (guint i = 0; text != NULL && i < n; i++)
    if (strcmp (text, names[i]) == 0)
      return (int) i;
  return -1;
}

const char *
civ_adoption_basis_to_string (CivAdoptionBasis basis)
{
  return name_of (basis_names, G_N_ELEMENTS (basis_names), basis);
}

CivAdoptionBasis
civ_adoption_basis_from_string (const char *text)
{
  return (CivAdoptionBasis) value_of (basis_names, G_N_ELEMENTS (basis_names), text);
}

const char *
civ_placer_kind_to_string (CivPlacerKind kind)
{
  return name_of (placer_names, G_N_ELEMENTS (placer_names), kind);
}

CivPlacerKind
civ_placer_kind_from_string (const char *text)
{
  return (CivPlacerKind) value_of (placer_names, G_N_ELEMENTS (placer_names), text);
}

const char *
civ_adoption_relationship_to_string (CivAdoptionRelationship relationship)
{
  return name_of (relation_names, G_N_ELEMENTS (relation_names), relationship);
}

CivAdoptionRelationship
civ_adoption_relationship_from_string (const char *text)
{
  return (CivAdoptionRelationship) value_of (relation_names, G_N_ELEMENTS (relation_names), text);
}

const char *
civ_assessment_conclusion_to_string (CivAssessmentConclusion conclusion)
{
  return name_of (assessment_names, G_N_ELEMENTS (assessment_names), conclusion);
}

CivAssessmentConclusion
civ_assessment_conclusion_from_string (const char *text)
{
  return (CivAssessmentConclusion) value_of (assessment_names, G_N_ELEMENTS (assessment_names),
                                             text);
}

gboolean
civ_adoption_notice_needed (const CivAdoptionApplication *app)
{
  g_return_val_if_fail (app != NULL, FALSE);
  return app->child.basis == CIV_ADOPTION_BASIS_PARENTS_NOT_FOUND;
}

gboolean
civ_adoption_assessment_needed (const CivAdoptionApplication *app)
{
  g_return_val_if_fail (app != NULL, TRUE);
  return app->relationship != CIV_ADOPTION_RELATION_STEP_PARENT;
}

gboolean
civ_adoption_child_exempt_from_count (const CivAdoptionChild *child)
{
  g_return_val_if_fail (child != NULL, FALSE);
  /* CC 1100(2). */
  return child->basis == CIV_ADOPTION_BASIS_ORPHAN || child->disabled ||
         (child->in_welfare_institution && child->basis == CIV_ADOPTION_BASIS_PARENTS_NOT_FOUND);
}

static const char *
child_label (const CivAdoptionApplication *app)
{
  const char *name = app->child.name;

  return name != NULL && *name != '\0' ? name : _ ("the child");
}

static const char *
adopter_label (const CivAdoptionApplication *app, guint i)
{
  const char *name = app->adopter[i].name;

  if (name != NULL && *name != '\0')
    return name;
  return i == 0 ? _ ("the first adopter") : _ ("the second adopter");
}

static const char *
placer_label (const CivAdoptionApplication *app, guint i)
{
  const char *name = app->placer[i].name;

  if (name != NULL && *name != '\0')
    return name;
  return i == 0 ? _ ("the first placer") : _ ("the second placer");
}

static gboolean
dates_valid (const CivAdoptionApplication *app)
{
  return g_date_valid (&app->application_date) && g_date_valid (&app->evaluation_date);
}

static void
check_dates (const CivAdoptionApplication *app, GPtrArray *out)
{
  if (!g_date_valid (&app->application_date))
    civ_findings_add (out, "R-A10", CIV_SEVERITY_REFUSE,
                      _ ("R-A10: the application date is missing or not a real date"));
  if (!g_date_valid (&app->evaluation_date))
    civ_findings_add (out, "R-A10", CIV_SEVERITY_REFUSE,
                      _ ("R-A10: the date of the decision is missing or not a real date"));
  if (dates_valid (app) && g_date_compare (&app->evaluation_date, &app->application_date) < 0)
    civ_findings_add (out, "R-A10", CIV_SEVERITY_REFUSE,
                      _ ("R-A10: the decision cannot be taken before the application date"));
}

/* R-A1, and the child's consent of R-A5. */
static void
check_child (const CivAdoptionApplication *app, GPtrArray *out)
{
  const CivAdoptionChild *c = &app->child;
  const char             *who = child_label (app);
  int                     age;

  if (c->basis == CIV_ADOPTION_BASIS_NONE)
    {
      if (app->relationship == CIV_ADOPTION_RELATION_NONE)
        civ_findings_add (out, "R-A1", CIV_SEVERITY_REFUSE,
                          _ ("R-A1: only an orphan, a minor whose birth parents cannot be found, "
                             "or a minor whose parents cannot raise them because of special "
                             "hardship may be adopted; record why %s may be adopted"),
                          who);
      else
        civ_findings_add (out, "R-A6", CIV_SEVERITY_INFO,
                          _ ("R-A6: a relative's child or a step-child may be adopted without the "
                             "parents' special hardship"));
    }

  if (!g_date_valid (&c->birth_date))
    {
      civ_findings_add (out, "R-A1", CIV_SEVERITY_REFUSE,
                        _ ("R-A1: the birth date of %s (estimated, for a found child) is needed "
                           "to check that the child is a minor"),
                        who);
      return;
    }
  if (!g_date_valid (&app->evaluation_date))
    return;
  age = civ_age_on (&c->birth_date, &app->evaluation_date, app->age_boundary);
  if (age < 0)
    {
      civ_findings_add (out, "R-A1", CIV_SEVERITY_REFUSE,
                        _ ("R-A1: the birth date of %s is after the date of the decision"), who);
      return;
    }
  if (age >= CIV_ADOPTION_ADULT_AGE)
    civ_findings_add (out, "R-A1", CIV_SEVERITY_REFUSE,
                      _ ("R-A1: %s is %d full years old; only a minor (under 18) may be adopted"),
                      who, age);
  else if (age >= CIV_ADOPTION_CONSENT_AGE && !c->consents)
    civ_findings_add (out, "R-A5", CIV_SEVERITY_REFUSE,
                      _ ("R-A5: %s is %d full years old; a child aged 8 or over must consent to "
                         "the adoption"),
                      who, age);
}

/* R-A2, and the placers' appearance of R-A9. */
static void
check_placers (const CivAdoptionApplication *app, GPtrArray *out)
{
  const CivAdoptionChild *c = &app->child;
  gboolean                related = app->relationship != CIV_ADOPTION_RELATION_NONE;
  guint                   birth_parents = 0;

  if (app->n_placers < 1 || app->n_placers > CIV_ADOPTION_MAX_PLACERS)
    {
      civ_findings_add (out, "R-A2", CIV_SEVERITY_REFUSE,
                        _ ("R-A2: record who places the child: a guardian, a child-welfare "
                           "institution, or the birth parents"));
      return;
    }

  for (guint i = 0; i < app->n_placers; i++)
    {
      const CivAdoptionPlacer *p = &app->placer[i];
      const char              *who = placer_label (app, i);

      if (!p->consents)
        civ_findings_add (out, "R-A2", CIV_SEVERITY_REFUSE,
                          _ ("R-A2: %s does not agree freely to place the child"), who);
      if (!p->appears_in_person)
        civ_findings_add (out, "R-A9", CIV_SEVERITY_REFUSE,
                          _ ("R-A9: %s must appear in person at the registry"), who);

      switch (p->kind)
        {
        case CIV_PLACER_GUARDIAN:
          if (c->basis == CIV_ADOPTION_BASIS_ORPHAN)
            {
              if (!p->support_duty_consent)
                civ_findings_add (out, "R-A2", CIV_SEVERITY_REFUSE,
                                  _ ("R-A2: a guardian placing an orphan needs the consent of "
                                     "those who have a duty to support the child"));
            }
          else if (!p->parents_lack_capacity)
            civ_findings_add (out, "R-A2", CIV_SEVERITY_REFUSE,
                              _ ("R-A2: a guardian may place only an orphan, or a child whose "
                                 "parents both lack full civil capacity and may seriously harm "
                                 "the child"));
          break;
        case CIV_PLACER_WELFARE_INSTITUTION:
          if (!c->in_welfare_institution)
            civ_findings_add (out, "R-A2", CIV_SEVERITY_REFUSE,
                              _ ("R-A2: a child-welfare institution may place only a child it "
                                 "raises"));
          break;
        case CIV_PLACER_BIRTH_PARENT:
          birth_parents++;
          if (c->basis == CIV_ADOPTION_BASIS_ORPHAN ||
              c->basis == CIV_ADOPTION_BASIS_PARENTS_NOT_FOUND)
            civ_findings_add (out, "R-A2", CIV_SEVERITY_REFUSE,
                              _ ("R-A2: %s is recorded as a birth parent, but the child is "
                                 "recorded as an orphan or as a child whose parents cannot be "
                                 "found"),
                              who);
          else if (!p->hardship && !related)
            civ_findings_add (out, "R-A2", CIV_SEVERITY_REFUSE,
                              _ ("R-A2: birth parents may place a child only when special "
                                 "hardship leaves them unable to raise it; %s has none "
                                 "recorded"),
                              who);
          break;
        case CIV_PLACER_INVALID:
        default:
          civ_findings_add (out, "R-A2", CIV_SEVERITY_REFUSE,
                            _ ("R-A2: %s is not a guardian, a child-welfare institution or a "
                               "birth parent"),
                            who);
          break;
        }
    }

  if (app->n_placers == 2 && birth_parents != 2)
    civ_findings_add (out, "R-A2", CIV_SEVERITY_REFUSE,
                      _ ("R-A2: two placers are recorded; only the two birth parents place a "
                         "child together"));
  else if (app->n_placers == 1 && birth_parents == 1 && !app->placer[0].other_parent_unknown)
    civ_findings_add (out, "R-A2", CIV_SEVERITY_REFUSE,
                      _ ("R-A2: the birth parents place the child jointly; one may place alone "
                         "only when the other is unknown or cannot be found"));
}

/* R-A3 and R-A4 for one adopter. */
static void
check_adopter_conditions (const CivAdoptionApplication *app, guint i, GPtrArray *out)
{
  const CivAdoptionAdopter *a = &app->adopter[i];
  const char               *who = adopter_label (app, i);
  gboolean                  child_exempt = civ_adoption_child_exempt_from_count (&app->child);
  gboolean overseas_relative = app->relationship == CIV_ADOPTION_RELATION_COLLATERAL &&
                               a->category == CIV_RESIDENT_OVERSEAS_CHINESE;
  guint adopted = MIN (a->adopted_children, a->children);
  guint born = a->children - adopted;

  if (app->relationship == CIV_ADOPTION_RELATION_STEP_PARENT)
    return; /* CC 1103: none of 1098, nor 1100(1) */

  if (!g_date_valid (&a->birth_date))
    civ_findings_add (out, "R-A3", CIV_SEVERITY_REFUSE,
                      _ ("R-A3: the birth date of %s is needed to check the age of 30"), who);
  else if (g_date_valid (&app->evaluation_date))
    {
      int age = civ_age_on (&a->birth_date, &app->evaluation_date, app->age_boundary);

      if (age < CIV_ADOPTION_MIN_ADOPTER_AGE)
        civ_findings_add (out, "R-A3", CIV_SEVERITY_REFUSE,
                          _ ("R-A3: %s is %d full years old on the date of the decision; an "
                             "adopter must be at least 30"),
                          who, MAX (age, 0));
    }
  if (!a->able_to_raise)
    civ_findings_add (out, "R-A3", CIV_SEVERITY_REFUSE,
                      _ ("R-A3: %s is not able to raise, educate and protect the child"), who);
  if (a->incompatible_disease)
    civ_findings_add (out, "R-A3", CIV_SEVERITY_REFUSE,
                      _ ("R-A3: %s has a disease that medically rules out adopting a child"), who);
  if (a->harmful_criminal_record)
    civ_findings_add (out, "R-A3", CIV_SEVERITY_REFUSE,
                      _ ("R-A3: %s has a record of offences harmful to a child's healthy growth"),
                      who);

  if (child_exempt)
    {
      if (a->children > 1)
        civ_findings_add (out, "R-A4", CIV_SEVERITY_INFO,
                          _ ("R-A4: %s has %u children, but an orphan, a disabled minor or a "
                             "welfare child whose parents cannot be found may be adopted "
                             "regardless"),
                          who, a->children);
      return;
    }
  if (a->children > 1)
    {
      if (overseas_relative)
        civ_findings_add (out, "R-A6", CIV_SEVERITY_INFO,
                          _ ("R-A6: an overseas Chinese adopting a relative's child may have more "
                             "than one child"));
      else
        civ_findings_add (out, "R-A3", CIV_SEVERITY_REFUSE,
                          _ ("R-A3: %s has %u children; an adopter may have at most one"), who,
                          a->children);
    }
  if (born == 0 && adopted >= 2)
    civ_findings_add (out, "R-A4", CIV_SEVERITY_REFUSE,
                      _ ("R-A4: %s has already adopted %u children; a childless adopter may "
                         "adopt two"),
                      who, adopted);
  else if (born >= 1 && adopted >= 1)
    civ_findings_add (out, "R-A4", CIV_SEVERITY_REFUSE,
                      _ ("R-A4: %s has a child and has already adopted; an adopter with a child "
                         "may adopt one"),
                      who);
}

/* R-A5 (spouses, the 40-year gap), R-A9 (in person), R-A12 (foreigners). */
static void
check_adopters (const CivAdoptionApplication *app, GPtrArray *out)
{
  gboolean step = app->relationship == CIV_ADOPTION_RELATION_STEP_PARENT;

  if (app->n_adopters < 1 || app->n_adopters > CIV_ADOPTION_MAX_ADOPTERS)
    {
      civ_findings_add (out, "R-A5", CIV_SEVERITY_REFUSE,
                        _ ("R-A5: an adoption has one adopter, or two spouses adopting jointly"));
      return;
    }

  if (app->n_adopters == 2 && !(app->adopter[0].married && app->adopter[1].married))
    civ_findings_add (out, "R-A5", CIV_SEVERITY_REFUSE,
                      _ ("R-A5: two people adopt together only as spouses adopting jointly"));
  if (app->n_adopters == 1 && app->adopter[0].married && !step)
    civ_findings_add (out, "R-A5", CIV_SEVERITY_REFUSE,
                      _ ("R-A5: %s is married; a married adopter adopts jointly with the spouse"),
                      adopter_label (app, 0));

  /* CC 1102: an adopter without a spouse and a child of the other sex. */
  if (app->n_adopters == 1 && !app->adopter[0].married &&
      app->relationship != CIV_ADOPTION_RELATION_COLLATERAL)
    {
      const CivAdoptionAdopter *a = &app->adopter[0];
      gboolean sexes_known = (a->sex == CIV_SEX_MALE || a->sex == CIV_SEX_FEMALE) &&
                             (app->child.sex == CIV_SEX_MALE || app->child.sex == CIV_SEX_FEMALE);

      if (!sexes_known)
        civ_findings_add (out, "R-A5", CIV_SEVERITY_REFUSE,
                          _ ("R-A5: the sex of the adopter and of the child must be recorded to "
                             "check the age gap of a single adopter"));
      else if (a->sex != app->child.sex && g_date_valid (&a->birth_date) &&
               g_date_valid (&app->child.birth_date))
        {
          /* The adopter's age on the child's birthday: 40 full years at least. */
          int gap = civ_age_on (&a->birth_date, &app->child.birth_date, app->age_boundary);

          if (gap < CIV_ADOPTION_SINGLE_GAP_YEARS)
            civ_findings_add (out, "R-A5", CIV_SEVERITY_REFUSE,
                              _ ("R-A5: %s adopts alone a child of the other sex and is %d full "
                                 "years older; the gap must be at least 40 years"),
                              adopter_label (app, 0), MAX (gap, 0));
        }
    }
  else if (app->n_adopters == 1 && !app->adopter[0].married &&
           app->adopter[0].sex != app->child.sex)
    civ_findings_add (out, "R-A6", CIV_SEVERITY_INFO,
                      _ ("R-A6: the 40-year gap does not apply to a relative's child"));

  for (guint i = 0; i < app->n_adopters; i++)
    {
      const CivAdoptionAdopter *a = &app->adopter[i];
      const char               *who = adopter_label (app, i);

      check_adopter_conditions (app, i, out);

      if (!a->appears_in_person)
        {
          gboolean other_appears = app->n_adopters == 2 && app->adopter[1 - i].appears_in_person;

          if (other_appears && a->authorised_in_writing)
            civ_findings_add (out, "R-A9", CIV_SEVERITY_INFO,
                              _ ("R-A9: %s is represented by the spouse with a certified "
                                 "written authorisation"),
                              who);
          else
            civ_findings_add (out, "R-A9", CIV_SEVERITY_REFUSE,
                              _ ("R-A9: %s must appear in person; only one spouse may authorise "
                                 "the other, in writing and certified"),
                              who);
        }

      if (a->category == CIV_RESIDENT_FOREIGN)
        {
          if (!app->office_provincial)
            civ_findings_add (out, "R-A12", CIV_SEVERITY_REFUSE,
                              _ ("R-A12: %s is a foreigner; only the provincial civil-affairs "
                                 "department registers this adoption"),
                              who);
          if (!a->home_country_approval)
            civ_findings_add (out, "R-A12", CIV_SEVERITY_REFUSE,
                              _ ("R-A12: the approval of the home country of %s is missing"), who);
          if (!a->documents_legalised)
            civ_findings_add (out, "R-A12", CIV_SEVERITY_REFUSE,
                              _ ("R-A12: the documents of %s must be notarised and legalised"),
                              who);
        }
    }

  if (step)
    {
      if (!app->birth_parent_consent)
        civ_findings_add (out, "R-A6", CIV_SEVERITY_REFUSE,
                          _ ("R-A6: a step-parent adopts a step-child only with the consent of "
                             "the birth parent"));
      else
        civ_findings_add (out, "R-A6", CIV_SEVERITY_INFO,
                          _ ("R-A6: a step-child: the adopter's own conditions and the count of "
                             "children do not apply"));
    }
}

/* R-A7: the 60-day notice when the parents cannot be found. */
static void
check_notice (const CivAdoptionApplication *app, GPtrArray *out)
{
  GDate end;

  if (!civ_adoption_notice_needed (app))
    {
      if (g_date_valid (&app->notice_published))
        civ_findings_add (out, "R-A7", CIV_SEVERITY_INFO,
                          _ ("R-A7: a notice was published although the child's parents are "
                             "not recorded as not found"));
      return;
    }
  if (!g_date_valid (&app->notice_published))
    {
      civ_findings_add (out, "R-A7", CIV_SEVERITY_REFUSE,
                        _ ("R-A7: the birth parents cannot be found; publish the 60-day notice "
                           "first"));
      return;
    }
  if (!g_date_valid (&app->evaluation_date))
    return;
  if (g_date_compare (&app->notice_published, &app->evaluation_date) > 0)
    {
      civ_findings_add (out, "R-A7", CIV_SEVERITY_REFUSE,
                        _ ("R-A7: the notice date is after the date of the decision"));
      return;
    }
  end = app->notice_published;
  g_date_add_days (&end, CIV_ADOPTION_NOTICE_DAYS);
  if (g_date_compare (&app->evaluation_date, &end) <= 0)
    {
      g_autofree char *iso = civ_date_format_iso (&end);

      civ_findings_add (out, "R-A7", CIV_SEVERITY_REFUSE,
                        _ ("R-A7: the 60-day notice runs until %s; the adoption may be "
                           "registered only after it"),
                        iso);
    }
}

static void
check_office (const CivAdoptionApplication *app, GPtrArray *out)
{
  if (!app->office_jurisdiction)
    civ_findings_add (out, "R-A8", CIV_SEVERITY_REFUSE,
                      _ ("R-A8: this office is not competent: register where the welfare "
                         "institution is, where the child was found, or where the parents or "
                         "guardian (for a relative's child or a step-child, the birth parent) "
                         "have their household registration"));
}

/* R-A11: the adoption assessment. */
static void
check_assessment (const CivAdoptionApplication *app, GPtrArray *out)
{
  if (!civ_adoption_assessment_needed (app))
    {
      civ_findings_add (out, "R-A11", CIV_SEVERITY_INFO,
                        _ ("R-A11: no adoption assessment is needed for a step-child"));
      return;
    }
  switch (app->assessment)
    {
    case CIV_ASSESSMENT_SUITABLE:
      if (!app->assessment_third_party && app->assessors < 2)
        civ_findings_add (out, "R-A11", CIV_SEVERITY_REFUSE,
                          _ ("R-A11: the assessment needs a team of at least two assessors or a "
                             "contracted third party"));
      break;
    case CIV_ASSESSMENT_UNSUITABLE:
      civ_findings_add (out, "R-A11", CIV_SEVERITY_REFUSE,
                        _ ("R-A11: the adoption assessment concluded that the adopters are not "
                           "suitable"));
      break;
    case CIV_ASSESSMENT_NOT_DONE:
    case CIV_ASSESSMENT_INVALID:
    default:
      civ_findings_add (out, "R-A11", CIV_SEVERITY_REFUSE,
                        _ ("R-A11: the adoption assessment has not been done"));
      break;
    }
  if (app->assessment_red_flags)
    civ_findings_add (out, "R-A11", CIV_SEVERITY_WARN,
                      _ ("R-A11: the assessment found red flags; report them as the assessment "
                         "rules require"));
}

GPtrArray *
civ_adoption_check (const CivAdoptionApplication *app)
{
  GPtrArray *out = civ_findings_new ();

  g_return_val_if_fail (app != NULL, out);

  check_dates (app, out);
  check_child (app, out);
  check_placers (app, out);
  check_adopters (app, out);
  check_notice (app, out);
  check_office (app, out);
  check_assessment (app, out);
  return out;
}

gboolean
civ_adoption_may_register (GPtrArray *findings)
{
  return civ_findings_worst (findings) < CIV_SEVERITY_REFUSE;
}

void
civ_adoption_dissolution_init (CivAdoptionDissolution *d)
{
  memset (d, 0, sizeof *d);
  g_date_clear (&d->child_birth_date, 1);
  g_date_clear (&d->evaluation_date, 1);
}

GPtrArray *
civ_adoption_dissolution_check (const CivAdoptionDissolution *d)
{
  GPtrArray *out = civ_findings_new ();
  int        age = -1;

  g_return_val_if_fail (d != NULL, out);

  if (!g_date_valid (&d->evaluation_date))
    civ_findings_add (out, "R-A14", CIV_SEVERITY_REFUSE,
                      _ ("R-A14: the date of the decision is missing or not a real date"));
  else if (!g_date_valid (&d->child_birth_date) ||
           (age = civ_age_on (&d->child_birth_date, &d->evaluation_date, d->age_boundary)) < 0)
    civ_findings_add (out, "R-A14", CIV_SEVERITY_REFUSE,
                      _ ("R-A14: the adopted child's birth date is needed, and not after the date "
                         "of the decision"));

  if (!d->agreement)
    civ_findings_add (out, "R-A14", CIV_SEVERITY_REFUSE,
                      _ ("R-A14: the registry dissolves an adoption only on a written agreement "
                         "of the parties; without one, only a court can"));
  if (age >= CIV_ADOPTION_ADULT_AGE && !d->child_consents)
    civ_findings_add (out, "R-A14", CIV_SEVERITY_REFUSE,
                      _ ("R-A14: the adopted child is an adult and must be a party to the "
                         "agreement"));
  else if (age >= CIV_ADOPTION_CONSENT_AGE && !d->child_consents)
    civ_findings_add (out, "R-A14", CIV_SEVERITY_REFUSE,
                      _ ("R-A14: the adopted child is %d full years old; from 8 the child must "
                         "consent to the dissolution"),
                      age);
  if (!d->parties_appear)
    civ_findings_add (out, "R-A14", CIV_SEVERITY_REFUSE,
                      _ ("R-A14: the parties must appear together in person"));
  if (!d->certificate_returned)
    civ_findings_add (out, "R-A14", CIV_SEVERITY_REFUSE,
                      _ ("R-A14: the adoption certificate must be handed back"));
  if (!d->office_jurisdiction)
    civ_findings_add (out, "R-A14", CIV_SEVERITY_REFUSE,
                      _ ("R-A14: register the dissolution where the adopted child has the "
                         "household registration"));
  return out;
}

void
civ_adoption_dates (CivCalendar      *calendar,
                    const GDate      *applied,
                    const GDate      *notice_published,
                    CivAdoptionDates *out)
{
  gboolean provisional = FALSE;
  GDate    base;

  g_return_if_fail (applied != NULL && g_date_valid (applied));
  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);
  out->applied = *applied;
  g_date_clear (&out->notice_published, 1);
  g_date_clear (&out->notice_end, 1);
  base = *applied;
  if (notice_published != NULL && g_date_valid (notice_published))
    {
      /* R-A7: 60 days from the notice date; they do not count toward the review. */
      out->notice_published = *notice_published;
      out->notice_end = *notice_published;
      g_date_add_days (&out->notice_end, CIV_ADOPTION_NOTICE_DAYS);
      if (g_date_compare (&out->notice_end, &base) > 0)
        base = out->notice_end;
    }
  /* R-A10: 30 days from the day after, the last moved past rest days (CC 203). */
  out->review_start = base;
  g_date_add_days (&out->review_start, 1);
  civ_calendar_period_end (calendar, &base, CIV_ADOPTION_REVIEW_DAYS, &out->review_deadline,
                           &provisional);
  out->provisional = provisional;
}
