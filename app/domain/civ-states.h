// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-states.h — one vocabulary for the states of records (domain.md §2):
 * the enums the code decides on, the strings the database keeps (one
 * mapping, both ways) and the words people read (one label table, used by
 * screens, prints, the command line and reports alike). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A marriage record's version (marriages.state). */
typedef enum
{
  CIV_MARRIAGE_STATE_UNKNOWN = 0, /* not a state the database knows */
  CIV_MARRIAGE_STATE_APPLIED,
  CIV_MARRIAGE_STATE_REGISTERED,
  CIV_MARRIAGE_STATE_REFUSED,
  CIV_MARRIAGE_STATE_DISSOLVED_REG,       /* by divorce registration (R-D8) */
  CIV_MARRIAGE_STATE_DISSOLVED_COURT,     /* by a court's divorce judgment (R-V4) */
  CIV_MARRIAGE_STATE_DECLARED_VOID_COURT, /* R-V4 */
  CIV_MARRIAGE_STATE_ANNULLED_COURT,      /* R-V4 */
  CIV_MARRIAGE_STATE_ANNULLED_REGISTRY,   /* before 2021 (R-V2) */
  CIV_MARRIAGE_STATE_REGISTRATION_REVOKED,
  CIV_MARRIAGE_STATE_ENDED_BY_DEATH,
  CIV_N_MARRIAGE_STATES
} CivMarriageState;

/* A divorce application (divorces.state, §2.2). */
typedef enum
{
  CIV_DIVORCE_STATE_UNKNOWN = 0,
  CIV_DIVORCE_STATE_NOT_ACCEPTED,
  CIV_DIVORCE_STATE_COOLING, /* accepted: cooling-off period, then the issuance window */
  CIV_DIVORCE_STATE_WITHDRAWN,
  CIV_DIVORCE_STATE_REGISTERED,
  CIV_DIVORCE_STATE_REFUSED,
  CIV_DIVORCE_STATE_LAPSED, /* deemed withdrawn (R-D6) */
  CIV_N_DIVORCE_STATES
} CivDivorceState;

/* An adoption (adoptions.state, domain.md §3). */
typedef enum
{
  CIV_ADOPTION_STATE_UNKNOWN = 0,
  CIV_ADOPTION_STATE_APPLIED,
  CIV_ADOPTION_STATE_NOTICE_60D, /* the parents cannot be found: the public notice runs (R-A7) */
  CIV_ADOPTION_STATE_ASSESSMENT, /* the adoption assessment (R-A11) */
  CIV_ADOPTION_STATE_REVIEW_30D, /* the registry's review (R-A10) */
  CIV_ADOPTION_STATE_REGISTERED,
  CIV_ADOPTION_STATE_REFUSED,
  CIV_ADOPTION_STATE_DISSOLVED,     /* dissolution registered (R-A14) */
  CIV_ADOPTION_STATE_REVOKED_FRAUD, /* obtained by fraud, revoked (R-A15) */
  CIV_N_ADOPTION_STATES
} CivAdoptionState;

CivMarriageState civ_marriage_state_from_db (const char *text);
const char      *civ_marriage_state_to_db (CivMarriageState state);
/* The words a registrar reads, translated ("" for UNKNOWN). */
const char      *civ_marriage_state_label (CivMarriageState state);
/* The label of a database string; an unknown string is shown as it is. */
const char      *civ_marriage_state_label_db (const char *text);

CivDivorceState civ_divorce_state_from_db (const char *text);
const char     *civ_divorce_state_to_db (CivDivorceState state);
const char     *civ_divorce_state_label (CivDivorceState state);
const char     *civ_divorce_state_label_db (const char *text);

CivAdoptionState civ_adoption_state_from_db (const char *text);
const char      *civ_adoption_state_to_db (CivAdoptionState state);
const char      *civ_adoption_state_label (CivAdoptionState state);
const char      *civ_adoption_state_label_db (const char *text);

/* GB/T 2261.2 marital status (R-ID10, the codes of CivMaritalStatus): the
 * standard's name of @code (21 → "初婚", 90 → "未说明的婚姻状况"), read from
 * resources/codes/gbt-2261-2.csv; NULL for a code outside the table. The
 * standard's names are shown as they are, whatever the screen's language,
 * as the ethnic groups are. */
const char *civ_marital_status_name (int code);
/* The code of a name of the table ("丧偶" → 30), also "未说明" for 90; 0 when none. */
int         civ_marital_status_code (const char *name);

G_END_DECLS
