// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-marriage-rules.h — who may marry on a given day (domain.md §2, R-M…, R-H1, R-C1)
 *
 * Pure functions, no I/O. The caller gathers the facts (parties as they are
 * on the day, what the person index and the online check say, which
 * documents were presented) into a CivMarriageApplication; the rules return
 * findings {rule, severity, message} and the decision is derived from them:
 * any REFUSE finding refuses, otherwise the couple may be registered.
 *
 * Historical records (archive backfill) are checked against the rules in
 * force on the record's date and are never refused: every would-be refusal
 * becomes a WARN flag (R-H1).
 */
#pragma once

#include <glib.h>

#include "civ-finding.h"
#include "civ-idnumber.h"

G_BEGIN_DECLS

typedef enum
{
  CIV_RESIDENT_INVALID = -1,
  CIV_RESIDENT_MAINLAND = 0,
  CIV_RESIDENT_HONG_KONG,
  CIV_RESIDENT_MACAU,
  CIV_RESIDENT_TAIWAN,
  CIV_RESIDENT_OVERSEAS_CHINESE, /* 华侨 */
  CIV_RESIDENT_FOREIGN,
} CivResidentCategory;

/* GB/T 2261.2 marital status codes (R-ID10). */
typedef enum
{
  CIV_MARITAL_UNMARRIED = 10,
  CIV_MARITAL_MARRIED = 20,
  CIV_MARITAL_FIRST_MARRIAGE = 21,
  CIV_MARITAL_REMARRIAGE = 22,
  CIV_MARITAL_REMARRIED_FORMER = 23, /* 复婚 */
  CIV_MARITAL_WIDOWED = 30,
  CIV_MARITAL_DIVORCED = 40,
  CIV_MARITAL_NOT_STATED = 90,
} CivMaritalStatus;

/* TRUE for the codes above, FALSE for anything else (99, 2^63 …). */
gboolean civ_marital_status_is_known (gint64 code);

/* What the local records say links the two people (R-M4). */
typedef enum
{
  CIV_KINSHIP_NONE_KNOWN = 0,
  CIV_KINSHIP_LINEAL,       /* parent/child, grandparent/grandchild, incl. by adoption */
  CIV_KINSHIP_COLLATERAL_3, /* siblings, cousins, uncle/niece … within three generations */
} CivKinship;

/* Where the marital status came from (R-M7). */
typedef enum
{
  CIV_STATUS_SOURCE_LOCAL_ONLY = 0, /* the provincial check could not be reached */
  CIV_STATUS_SOURCE_ONLINE,         /* 联网核对 answered */
} CivStatusSource;

/* On which day a person born on D reaches N full years (open question 4). */
typedef enum
{
  CIV_AGE_ON_BIRTHDAY = 0,    /* the birthday itself counts (default) */
  CIV_AGE_DAY_AFTER_BIRTHDAY, /* from the day after the birthday */
} CivAgeBoundary;

typedef struct
{
  const char         *name;
  CivSex              sex;
  GDate               birth_date; /* invalid when unknown (historical records) */
  CivResidentCategory category;
  CivMaritalStatus    status_before; /* from the person index */
  gboolean has_current_marriage;     /* a REGISTERED marriage in the index or online (R-M3) */
  gboolean appears_in_person;        /* R-M1 */
  gboolean consents;                 /* R-M5 */
  gboolean declaration_signed;       /* no spouse, no prohibited kinship (R-M10) */
  gboolean documents_complete;       /* the R-M10 documents for the category */
  gboolean dishonesty_flag;          /* on the serious-dishonesty list (R-C1) */
  gboolean id_valid;                 /* the identity document checked out (R-ID…) */
} CivMarriageParty;

typedef struct
{
  CivMarriageParty party[2];
  GDate            registration_date;
  GDate            effective_from;    /* R-M13 late registration; invalid = registration date */
  gboolean         historical;        /* archive backfill: flag, never refuse (R-H1) */
  gboolean         former_spouses;    /* they were married to each other before (R-M14) */
  CivKinship       kinship;           /* R-M4, from local records */
  gboolean         office_designated; /* the office may register non-mainland cases (R-M9) */
  gboolean         household_jurisdiction; /* pre-2025-05-10: a party's household is here (R-M8) */
  CivStatusSource  status_source;          /* R-M7 */
  gint64           pending_elsewhere;      /* R-M7: unreported at other windows of the office */
  guint            windows_pending;
  CivAgeBoundary   age_boundary;
} CivMarriageApplication;

void civ_marriage_application_init (CivMarriageApplication *app);

/* Full years of age on @on, or -1 when a date is invalid or @on is before birth. */
int civ_age_on (const GDate *birth, const GDate *on, CivAgeBoundary boundary);

/* R-M2 / R-H1: the minimum marriage age for @sex on @date (0 before 1950-05-01). */
int civ_marriage_min_age (CivSex sex, const GDate *date);

/* All findings for @app; never NULL. */
GPtrArray *civ_marriage_check (const CivMarriageApplication *app);

/* TRUE when no finding refuses. */
gboolean civ_marriage_may_register (GPtrArray *findings);

/* GB/T 2261.2 nature of the marriage for one party: 21 first, 22 remarriage,
 * 23 remarrying the former spouse (R-M14). */
CivMaritalStatus civ_marriage_nature (const CivMarriageApplication *app, guint party);

const char         *civ_resident_category_to_string (CivResidentCategory category);
CivResidentCategory civ_resident_category_from_string (const char *text);

G_END_DECLS
