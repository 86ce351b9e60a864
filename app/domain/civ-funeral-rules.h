// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-funeral-rules.h — the funeral case from death to ashes (domain.md §4,
 * R-F1…R-F3, R-F5, R-F6, R-F11, R-F13)
 *
 * Pure functions, no I/O. The caller gathers the facts of a case (the
 * deceased, what is on file, the decisions) into a CivFuneralCase; the
 * checks return findings {rule, severity, message} and a step is allowed
 * when no finding refuses it. Every date is an input (the counter's clock,
 * a test's fake one), never "today".
 *
 * The states (domain.md §4):
 *
 *   DEATH_REPORTED → COLLECTED (接运) → STORED (暂存/冷藏) → DEATH_CERT_VERIFIED
 *     → CREMATED (火化证明 issued) → ASHES_RETURNED | ASHES_DEPOSITED | ECO_BURIAL | CEMETERY
 *     → BURIAL_EXEMPT (R-F3: a minority's burial custom, where the area allows it)
 *
 * Collection and storage may be skipped (a family brings the body on the
 * day, a death at the funeral home); nothing else may. Deposited ashes may
 * later be returned, buried in a cemetery or given an eco burial.
 */
#pragma once

#include <glib.h>

#include "civ-finding.h"
#include "civ-idnumber.h"

G_BEGIN_DECLS

typedef enum
{
  CIV_FUNERAL_STATE_INVALID = -1,
  CIV_FUNERAL_DEATH_REPORTED = 0,
  CIV_FUNERAL_COLLECTED,
  CIV_FUNERAL_STORED,
  CIV_FUNERAL_DEATH_CERT_VERIFIED,
  CIV_FUNERAL_CREMATED,
  CIV_FUNERAL_BURIAL_EXEMPT,
  CIV_FUNERAL_ASHES_RETURNED,
  CIV_FUNERAL_ASHES_DEPOSITED,
  CIV_FUNERAL_ECO_BURIAL,
  CIV_FUNERAL_CEMETERY,
  CIV_N_FUNERAL_STATES
} CivFuneralState;

/* R-F11: the land-saving green burial types. */
typedef enum
{
  CIV_ECO_BURIAL_INVALID = -1,
  CIV_ECO_BURIAL_NONE = 0,
  CIV_ECO_BURIAL_NICHE,           /* 骨灰堂、廊、墙、塔 */
  CIV_ECO_BURIAL_SMALL_PLOT,      /* 小型墓 */
  CIV_ECO_BURIAL_TREE,            /* 树葬 */
  CIV_ECO_BURIAL_FLOWER,          /* 花葬 */
  CIV_ECO_BURIAL_LAWN,            /* 草坪葬 */
  CIV_ECO_BURIAL_SEA_SCATTERING,  /* 海撒 */
  CIV_ECO_BURIAL_LAND_SCATTERING, /* 撒散 */
  CIV_ECO_BURIAL_DEEP_NO_MOUND,   /* 深埋不留坟头 */
} CivEcoBurialType;

/* R-F6: the identity document of the deceased (2014 form's codes). */
typedef enum
{
  CIV_DECEASED_ID_NONE = 0, /* 无: an unidentified body, or none presented */
  CIV_DECEASED_ID_CARD = 1,
  CIV_DECEASED_ID_HOUSEHOLD_REGISTER = 2,
  CIV_DECEASED_ID_PASSPORT = 3,
  CIV_DECEASED_ID_OFFICER_CARD = 4,
  CIV_DECEASED_ID_DRIVING_LICENCE = 5,
  CIV_DECEASED_ID_HK_MO_PERMIT = 6,
  CIV_DECEASED_ID_TW_PERMIT = 7,
  CIV_DECEASED_ID_OTHER = 9,
} CivDeceasedIdType;

/* R-F6: the place of death (2014 form's codes); _UNKNOWN is code 0. */
typedef enum
{
  CIV_DEATH_PLACE_INVALID = -1,
  CIV_DEATH_PLACE_UNKNOWN = 0,
  CIV_DEATH_PLACE_MEDICAL = 1,
  CIV_DEATH_PLACE_EN_ROUTE = 2,
  CIV_DEATH_PLACE_HOME = 3,
  CIV_DEATH_PLACE_ELDER_CARE = 4,
  CIV_DEATH_PLACE_OTHER = 9,
} CivDeathPlace;

/* R-F5: the day the new death certificate's numbering starts. */
#define CIV_DEATH_CERT_NEW_NUMBERING_YEAR 2026
#define CIV_DEATH_CERT_NEW_NUMBERING_MONTH 7
#define CIV_DEATH_CERT_NEW_NUMBERING_DAY 1
/* Longest free-text number kept before that day. */
#define CIV_DEATH_CERT_FREE_TEXT_MAX 64

/* What an R-F5 number is. */
typedef enum
{
  CIV_DEATH_CERT_NUMBER_INVALID = 0,
  CIV_DEATH_CERT_NUMBER_FREE_TEXT,     /* before 2026-07-01: as written on the paper */
  CIV_DEATH_CERT_NUMBER_ID,            /* the deceased's identity number */
  CIV_DEATH_CERT_NUMBER_ISSUER_SERIAL, /* the issuer's credit code + a 4-digit yearly serial */
} CivDeathCertNumberKind;

typedef struct
{
  gboolean          unidentified; /* 无名遗体: no name, no ID, a description instead */
  const char       *name;
  CivSex            sex;
  const char       *ethnicity;
  CivDeceasedIdType id_type;
  const char       *id_number;  /* NULL with CIV_DECEASED_ID_NONE */
  GDate             birth_date; /* invalid when unknown */
  GDate             death_date; /* required */
  CivDeathPlace     place_of_death;
  const char       *address;
  const char       *description; /* required for an unidentified body: looks, clothes, marks */
  const char       *division_code;
} CivFuneralDeceased;

typedef struct
{
  CivFuneralDeceased deceased;
  GDate              step_date; /* the day of the step checked (the counter's date) */
  /* R-F2 */
  const char        *death_cert_number;
  gboolean           death_certificate_on_file;
  gboolean           cremation_consent_on_file;
  /* R-F1, R-F3 */
  gboolean           area_allows_burial_exempt;
  const char        *burial_exempt_basis; /* the custom and who asked: required for BURIAL_EXEMPT */
  /* R-F13 */
  const char        *cremation_certificate_serial;
  /* R-F11 */
  CivEcoBurialType   eco_burial;
  /* 寄存: the deposit's end */
  GDate              deposit_expiry;
} CivFuneralCase;

void civ_funeral_case_init (CivFuneralCase *facts);

/* "DEATH_REPORTED" … as domain.md spells them; NULL / _INVALID for others. */
const char      *civ_funeral_state_to_string (CivFuneralState state);
CivFuneralState  civ_funeral_state_from_string (const char *text);
/* The words a funeral clerk reads, translated ("" for _INVALID). */
const char      *civ_funeral_state_label (CivFuneralState state);
const char      *civ_eco_burial_label (CivEcoBurialType type);
/* "niche", "small-plot", "tree", "flower", "lawn", "sea-scattering",
 * "land-scattering", "deep-no-mound"; "none" for _NONE. */
const char      *civ_eco_burial_to_string (CivEcoBurialType type);
CivEcoBurialType civ_eco_burial_from_string (const char *text);

/* TRUE when @to follows @from in the case's graph (whatever the facts). */
gboolean civ_funeral_step_exists (CivFuneralState from, CivFuneralState to);

/* Whether a case in @from may move to @to with @facts. Appends the findings
 * to *@findings (a new list when *@findings is NULL; @findings may be NULL
 * to ask only yes or no). TRUE when no finding refuses. */
gboolean civ_funeral_may_move (CivFuneralState       from,
                               CivFuneralState       to,
                               const CivFuneralCase *facts,
                               GPtrArray           **findings);

/* R-F6: the deceased's fields, as a case or a backfilled form needs them. */
void civ_funeral_check_deceased (const CivFuneralDeceased *deceased,
                                 const GDate              *today,
                                 GPtrArray                *findings);

/* GB 32100-2015: the check character of the first 17 characters of a
 * unified social credit code, or 0 when @code17 is not 17 characters of
 * the code's set (digits and the capitals without I, O, S, V, Z). */
char     civ_credit_code_check_char (const char *code17);
/* TRUE when @code is 18 characters of the set with the right check character. */
gboolean civ_credit_code_valid (const char *code);

/* R-F5: what @number is for a death on @death_date, the deceased's
 * identity number being @deceased_id (NULL when there is none). Refusing
 * findings (rule R-F5) say what is wrong; CIV_DEATH_CERT_NUMBER_INVALID then. */
CivDeathCertNumberKind civ_death_cert_number_check (const char  *number,
                                                    const GDate *death_date,
                                                    const char  *deceased_id,
                                                    GPtrArray   *findings);
/* TRUE when @death_date is on or after 2026-07-01 (R-F5). */
gboolean               civ_death_cert_new_numbering (const GDate *death_date);

G_END_DECLS
