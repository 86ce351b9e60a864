// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-idnumber.h — identity-document numbers (domain.md §1, R-ID1…R-ID9)
 *
 * Pure functions, no I/O. A number is normalised (trimmed, full-width
 * characters to ASCII, lower-case x to X), its document kind recognised,
 * and every rule it breaks or touches reported as a CivFinding naming the
 * rule. A number is valid when no finding refuses it.
 *
 * 15-digit numbers (R-ID3) are kept as recorded; the 18-digit form is
 * derived only for matching and is what `normalized` holds.
 */
#pragma once

#include <glib.h>

#include "civ-division.h"
#include "civ-finding.h"

G_BEGIN_DECLS

typedef enum
{
  CIV_DOC_UNKNOWN = 0,         /* not recognised */
  CIV_DOC_RESIDENT_ID,         /* 居民身份证, 18 characters (R-ID1, R-ID2) */
  CIV_DOC_RESIDENT_ID_15,      /* first-generation 15-digit number (R-ID3) */
  CIV_DOC_RESIDENCE_PERMIT_HK, /* 港澳台居民居住证, address code 810000 (R-ID7) */
  CIV_DOC_RESIDENCE_PERMIT_MO, /* 820000 */
  CIV_DOC_RESIDENCE_PERMIT_TW, /* 830000 */
  CIV_DOC_FOREIGN_PR,          /* 外国人永久居留身份证, 2023 format (R-ID8) */
  CIV_DOC_FOREIGN_PR_OLD,      /* older card: 3 letters + 12 digits (R-ID8) */
  CIV_DOC_HK_MO_PERMIT,        /* 港澳居民来往内地通行证 (R-ID9) */
  CIV_DOC_TW_PERMIT,           /* 台湾居民来往大陆通行证 (R-ID9) */
  CIV_DOC_PASSPORT,            /* free text, tagged (R-ID9) */
} CivDocKind;

/* GB/T 2261.1 codes (R-ID10). */
typedef enum
{
  CIV_SEX_UNKNOWN = 0,
  CIV_SEX_MALE = 1,
  CIV_SEX_FEMALE = 2,
  CIV_SEX_NOT_STATED = 9,
} CivSex;

typedef struct
{
  gboolean   valid; /* no finding refuses the number */
  CivDocKind kind;
  char      *recorded; /* normalised as entered: the 15-digit form stays 15 digits */
  char  *normalized; /* the form for matching: 18 digits for identity numbers; NULL when unusable */
  GDate  birth_date; /* invalid (g_date_valid () FALSE) when unknown */
  CivSex sex;
  char  *region_code;         /* 6 digits, NULL when the document has none */
  char  *region_name;         /* as of the event date, NULL when unknown or not checked */
  gboolean   region_obsolete; /* the code was no longer issued on the event date */
  GPtrArray *findings;        /* CivFinding, in the order the rules were applied */
} CivIdCheck;

void civ_id_check_free (CivIdCheck *check);

/* Checks @number as a document of @kind (CIV_DOC_UNKNOWN: recognise it).
 * @event_date is the day of the registration the number is used for (the
 * birth date must not be after it); NULL means today. @divisions is the
 * dated division-code table; NULL means no table is available, which is
 * reported as an INFO finding — the region is never guessed. */
CivIdCheck *civ_id_check (const char       *number,
                          CivDocKind        kind,
                          const GDate      *event_date,
                          CivDivisionTable *divisions);

/* Trims, maps full-width characters (U+FF01…U+FF5E, U+3000) to ASCII and,
 * unless @kind is a passport, upper-cases ASCII letters (x → X). */
char *civ_id_normalize (const char *number, CivDocKind kind);

/* R-ID2: the ISO 7064 MOD 11-2 check character of 17 digits ('0'…'9' or
 * 'X'), or 0 when @body is not 17 ASCII digits. */
char civ_id_check_char (const char *body);

/* R-ID3: the 18-digit form of a 15-digit number, or NULL when @number is
 * not 15 ASCII digits. */
char *civ_id_convert_15_to_18 (const char *number);

/* Stable identifiers ("resident-id", "passport", …) and translated names. */
const char *civ_doc_kind_to_string (CivDocKind kind);
gboolean    civ_doc_kind_from_string (const char *text, CivDocKind *kind);
const char *civ_doc_kind_display_name (CivDocKind kind);
/* "male", "female" or NULL. */
const char *civ_sex_to_string (CivSex sex);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivIdCheck, civ_id_check_free)

/* TRUE when the first @len bytes of @s are ASCII digits (@s holds at least
 * @len bytes). */
gboolean civ_ascii_all_digits (const char *s, gsize len);

G_END_DECLS
