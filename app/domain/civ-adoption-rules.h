// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-adoption-rules.h — who may adopt whom on a given day, and the
 * adoption's deadlines (domain.md §3, R-A1…R-A12, R-A14)
 *
 * Pure functions, no I/O. The caller gathers the facts (the child, the
 * placers, the adopters, their relationship, the office, the dates) into a
 * CivAdoptionApplication; civ_adoption_check () returns findings {rule,
 * severity, message} and the decision is derived from them: any REFUSE
 * finding refuses, otherwise the adoption may be registered. Every date is
 * an input (the counter's clock, a test's fake one), never "today".
 *
 * Configurable because their source is unverified (domain.md §6):
 * - age_boundary (q.4, shared with marriage): on which day a person born on
 *   D reaches N full years — the adopter's 30 years (R-A3), the 40-year gap
 *   (R-A5), the child's 8 years for consent (R-A5) and 18 for minority (R-A1).
 * - the rest-day rule of the review deadline (q.5): the calendar decides;
 *   a year its imported holiday table does not cover is "provisional".
 * R-A14 (dissolution by agreement) has its own check below. R-A13 (secrecy)
 * and R-A15 (revocation of a fraudulent registration) are the adoption
 * service's, not rules on facts.
 */
#pragma once

#include <glib.h>

#include "civ-calendar.h"
#include "civ-finding.h"
#include "civ-idnumber.h"
#include "civ-marriage-rules.h" /* CivAgeBoundary, CivResidentCategory, civ_age_on () */

G_BEGIN_DECLS

/* R-A1 (CC 1093): why the child may be adopted. */
typedef enum
{
  CIV_ADOPTION_BASIS_INVALID = -1,
  CIV_ADOPTION_BASIS_NONE = 0,          /* only a relative's child or a step-child (R-A6) */
  CIV_ADOPTION_BASIS_ORPHAN,            /* 丧失父母的孤儿 */
  CIV_ADOPTION_BASIS_PARENTS_NOT_FOUND, /* 查找不到生父母: a 60-day notice first (R-A7) */
  CIV_ADOPTION_BASIS_PARENTS_HARDSHIP,  /* 生父母有特殊困难无力抚养 */
} CivAdoptionBasis;

/* R-A2 (CC 1094): who places the child. */
typedef enum
{
  CIV_PLACER_INVALID = -1,
  CIV_PLACER_GUARDIAN = 0,        /* an orphan's guardian (CC 1094(1), 1095) */
  CIV_PLACER_WELFARE_INSTITUTION, /* 儿童福利机构 */
  CIV_PLACER_BIRTH_PARENT,        /* 生父母, jointly unless one is unknown (CC 1097) */
} CivPlacerKind;

/* R-A6 (CC 1099, 1103): how adopter and child are related. */
typedef enum
{
  CIV_ADOPTION_RELATION_INVALID = -1,
  CIV_ADOPTION_RELATION_NONE = 0,
  CIV_ADOPTION_RELATION_COLLATERAL,  /* a same-generation collateral relative's child within
                                     * three generations (三代以内旁系同辈血亲的子女) */
  CIV_ADOPTION_RELATION_STEP_PARENT, /* 继父母收养继子女 with the birth parent's consent */
} CivAdoptionRelationship;

/* R-A11: the adoption assessment's conclusion. */
typedef enum
{
  CIV_ASSESSMENT_INVALID = -1,
  CIV_ASSESSMENT_NOT_DONE = 0,
  CIV_ASSESSMENT_SUITABLE,
  CIV_ASSESSMENT_UNSUITABLE,
} CivAssessmentConclusion;

#define CIV_ADOPTION_MAX_PLACERS 2
#define CIV_ADOPTION_MAX_ADOPTERS 2
#define CIV_ADOPTION_MAX_CHILDREN 99     /* an adopter's children, as the input accepts them */
#define CIV_ADOPTION_NOTICE_DAYS 60      /* R-A7 */
#define CIV_ADOPTION_REVIEW_DAYS 30      /* R-A10 */
#define CIV_ADOPTION_MIN_ADOPTER_AGE 30  /* R-A3 (CC 1098(5)) */
#define CIV_ADOPTION_SINGLE_GAP_YEARS 40 /* R-A5 (CC 1102) */
#define CIV_ADOPTION_CONSENT_AGE 8       /* R-A5 (CC 1104) */
#define CIV_ADOPTION_ADULT_AGE 18        /* R-A1 (CC 17, 1093) */

typedef struct
{
  const char      *name;
  CivSex           sex;
  GDate            birth_date; /* the estimated one for a found child; required */
  CivAdoptionBasis basis;
  gboolean         disabled;               /* 残疾未成年人 (R-A4) */
  gboolean         in_welfare_institution; /* raised by a child-welfare institution (R-A2, R-A4) */
  gboolean         consents;               /* asked from the 8th birthday (R-A5) */
} CivAdoptionChild;

typedef struct
{
  CivPlacerKind kind;
  const char   *name;
  gboolean      hardship; /* birth parent: special hardship, cannot raise (CC 1094(3)) */
  gboolean      other_parent_unknown;  /* birth parent alone: the other is unknown or not found
                                       * (CC 1097) */
  gboolean      support_duty_consent;  /* guardian of an orphan: those with a support duty consent
                                  * (CC 1096) */
  gboolean      parents_lack_capacity; /* guardian of a non-orphan: both parents lack full civil
                                   * capacity and may seriously harm the child (CC 1095) */
  gboolean      consents;              /* places the child freely (CC 1104) */
  gboolean      appears_in_person;     /* R-A9 */
} CivAdoptionPlacer;

typedef struct
{
  const char         *name;
  CivSex              sex;
  GDate               birth_date;       /* required */
  CivResidentCategory category;         /* overseas Chinese (华侨, R-A6), foreign (R-A12) … */
  guint               children;         /* children the adopter has now, born or adopted (R-A3) */
  guint               adopted_children; /* of which adopted (R-A4) */
  gboolean            married;          /* has a spouse (R-A5) */
  gboolean            able_to_raise;    /* able to raise, educate and protect (CC 1098(2)) */
  gboolean incompatible_disease; /* 患有医学上认为不应当收养子女的疾病 (CC 1098(3)) */
  gboolean harmful_criminal_record; /* 不利于被收养人健康成长的违法犯罪记录 (1098(4)) */
  gboolean appears_in_person;       /* R-A9 */
  gboolean authorised_in_writing; /* absent spouse of a joint adoption: certified written
                                   * authorisation of the other (R-A9) */
  gboolean home_country_approval; /* foreign adopter: approved by the home country (R-A12) */
  gboolean documents_legalised;   /* foreign adopter: documents legalised (R-A12) */
} CivAdoptionAdopter;

typedef struct
{
  CivAdoptionChild        child;
  CivAdoptionPlacer       placer[CIV_ADOPTION_MAX_PLACERS];
  guint                   n_placers; /* 1 or 2 */
  CivAdoptionAdopter      adopter[CIV_ADOPTION_MAX_ADOPTERS];
  guint                   n_adopters; /* 1, or 2 spouses adopting jointly */
  CivAdoptionRelationship relationship;
  gboolean                birth_parent_consent; /* step-parent: the birth parent consents (R-A6) */

  GDate application_date; /* R-A10: the review counts from the day after */
  GDate evaluation_date;  /* the day the rules are applied (the decision day) */
  GDate notice_published; /* R-A7: invalid when no notice was published */

  CivAssessmentConclusion assessment;             /* R-A11, not needed for a step-child */
  guint                   assessors;              /* members of the assessing team (at least 2) */
  gboolean                assessment_third_party; /* a contracted third party assessed */
  gboolean                assessment_red_flags;   /* the assessment found red flags */

  gboolean       office_jurisdiction; /* this office is competent (ADOPT Art 4, R-A8) */
  gboolean       office_provincial;   /* this office is the provincial department (R-A12) */
  CivAgeBoundary age_boundary;        /* shared with marriage (domain.md §6 q.4) */
} CivAdoptionApplication;

void civ_adoption_application_init (CivAdoptionApplication *app);

/* R-A7: a public notice is needed (the parents cannot be found). */
gboolean civ_adoption_notice_needed (const CivAdoptionApplication *app);
/* R-A11: an assessment is needed (every adoption but a step-child's). */
gboolean civ_adoption_assessment_needed (const CivAdoptionApplication *app);
/* R-A4: the child is exempt from the count and the one-child condition
 * (orphan, disabled minor, welfare child whose parents cannot be found). */
gboolean civ_adoption_child_exempt_from_count (const CivAdoptionChild *child);

/* All findings for @app; never NULL. */
GPtrArray *civ_adoption_check (const CivAdoptionApplication *app);

/* TRUE when no finding refuses. */
gboolean civ_adoption_may_register (GPtrArray *findings);

/* R-A14: dissolving an adoption by agreement at the registry (CC 1114-1116;
 * ADOPT Arts 10-11). Without an agreement only a court dissolves it. */
typedef struct
{
  GDate          child_birth_date;
  GDate          evaluation_date;      /* the day of the decision */
  gboolean       agreement;            /* a written agreement: adopters and placers, or adopters and
                                   * the adult child (CC 1114, 1115) */
  gboolean       child_consents;       /* needed from the 8th birthday; an adult child is a party */
  gboolean       parties_appear;       /* the parties appear together in person (ADOPT Art 10) */
  gboolean       certificate_returned; /* the adoption certificate is handed back (ADOPT Art 11) */
  gboolean       office_jurisdiction;  /* the adoptee's household registration is here (Art 10) */
  CivAgeBoundary age_boundary;
} CivAdoptionDissolution;

void       civ_adoption_dissolution_init (CivAdoptionDissolution *d);
/* All findings (rule R-A14) for @d; never NULL. The review deadline is
 * civ_adoption_dates () without a notice. */
GPtrArray *civ_adoption_dissolution_check (const CivAdoptionDissolution *d);

/* R-A7, R-A10. */
typedef struct
{
  GDate    applied;
  GDate    notice_published; /* invalid without a notice */
  GDate    notice_end;       /* the 60th day after the notice date; invalid without a notice */
  GDate    review_start;     /* the first day of the review: the day after the application,
                              * or after the notice period when that ends later */
  GDate    review_deadline;  /* the 30th day, moved past rest days (CC 203) */
  gboolean provisional;      /* a day looked at lies in a year the holiday table does not cover */
} CivAdoptionDates;

/* @calendar may be NULL (weekends only, provisional); @notice_published may
 * be NULL or invalid when no notice was needed. */
void civ_adoption_dates (CivCalendar      *calendar,
                         const GDate      *applied,
                         const GDate      *notice_published,
                         CivAdoptionDates *out);

/* The input format's names (docs/cli-rules.md); NULL / _INVALID for others. */
const char             *civ_adoption_basis_to_string (CivAdoptionBasis basis);
CivAdoptionBasis        civ_adoption_basis_from_string (const char *text);
const char             *civ_placer_kind_to_string (CivPlacerKind kind);
CivPlacerKind           civ_placer_kind_from_string (const char *text);
const char             *civ_adoption_relationship_to_string (CivAdoptionRelationship relationship);
CivAdoptionRelationship civ_adoption_relationship_from_string (const char *text);
const char             *civ_assessment_conclusion_to_string (CivAssessmentConclusion conclusion);
CivAssessmentConclusion civ_assessment_conclusion_from_string (const char *text);

G_END_DECLS
