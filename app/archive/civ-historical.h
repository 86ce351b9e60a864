// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-historical.h — one historical register entry, as keyed or imported
 * (domain.md §2.6 R-H1…R-H4, R-N2; architecture.md §7)
 *
 * An archivist copies what the register book says; nothing historical is
 * refused for breaking a rule of its day (R-H1: the rules in force on the
 * record's date run as warnings). What cannot be stored is input that is
 * malformed: a date that does not exist, a code outside its table, a
 * party without a name. Such input gets a CivFieldError naming the field,
 * in the user's language, and changes nothing.
 *
 * Dates may be partial (R-H4): "1985", "1985-06" or "1985-06-12".
 * Identity numbers are stored as recorded (a 15-digit number stays 15
 * digits, R-H3); an entry made before numbers existed has none and says so
 * (ABSENT_PRE_ID), never a placeholder. Certificate numbers of older
 * formats are kept as the raw string with a format-era tag and are never
 * re-derived (R-N2).
 *
 * Pure functions, no I/O.
 */
#pragma once

#include <glib.h>

#include "civ-finding.h"

G_BEGIN_DECLS

/* The register book's category (R-AR2). */
typedef enum
{
  CIV_HIST_MARRIAGE = 0, /* 结婚登记 */
  CIV_HIST_DIVORCE,      /* 离婚登记 */
  CIV_HIST_REISSUE,      /* 补发婚姻登记证 */
  CIV_HIST_REVOCATION,   /* 撤销婚姻 (registry annulment, pre-2021, R-V2) */
  CIV_HIST_N_KINDS
} CivHistKind;

const char *civ_hist_kind_to_string (CivHistKind kind); /* "marriage", "divorce", … */
gboolean    civ_hist_kind_from_string (const char *text, CivHistKind *kind);
const char *civ_hist_kind_display_name (CivHistKind kind); /* translated */

/* Certificate-number format eras (R-N2, R-N1). */
typedef enum
{
  CIV_NUMBER_ERA_NONE = 0,     /* the entry has no certificate number */
  CIV_NUMBER_ERA_PRE_2003,     /* free text, e.g. "苏x婚字038xx号" */
  CIV_NUMBER_ERA_INTERIM_2003, /* 2003 interim "AB结字…" */
  CIV_NUMBER_ERA_NATIONAL,     /* ^(J|L|BJ|BL)\d{6}-\d{4}-\d{6}$ (R-N1) */
  CIV_NUMBER_ERA_N
} CivNumberEra;

const char *civ_number_era_to_string (
  CivNumberEra era); /* "none", "pre-2003", "interim-2003", "national" */
gboolean     civ_number_era_from_string (const char *text, CivNumberEra *era);
const char  *civ_number_era_display_name (CivNumberEra era);
/* The era a raw number's shape says; the tag stored is the archivist's
 * (or the file's) when given, this only when not. */
CivNumberEra civ_number_era_classify (const char *raw_number);

/* A date as precise as the source: month and day 0 when unknown. */
typedef struct
{
  int year;  /* 0 = no date */
  int month; /* 0 = unknown */
  int day;   /* 0 = unknown (month must then be known for a day) */
} CivPartialDate;

/* Parses "YYYY", "YYYY-MM", "YYYY-MM-DD" (also "YYYY.MM.DD", "YYYY/MM/DD",
 * "YYYY年MM月DD日", "YYYY年MM月", "YYYY年", full-width digits). FALSE for
 * anything else or a day that does not exist. */
gboolean civ_partial_date_parse (const char *text, CivPartialDate *out);
/* "1985", "1985-06" or "1985-06-12" (newly allocated); NULL for no date. */
char    *civ_partial_date_to_iso (const CivPartialDate *date);
/* The earliest and latest full day the date may stand for. */
void     civ_partial_date_range (const CivPartialDate *date, GDate *first, GDate *last);
gboolean civ_partial_date_is_set (const CivPartialDate *date);

/* Doc status (R-H3), as marriage_parties.doc_status stores it. */
#define CIV_DOC_STATUS_PRESENT "PRESENT"
#define CIV_DOC_STATUS_ABSENT_PRE_ID "ABSENT_PRE_ID"
#define CIV_DOC_STATUS_ABSENT_UNKNOWN "ABSENT_UNKNOWN"

typedef struct
{
  char          *name;
  int            sex; /* GB/T 2261.1: 0 unknown, 1, 2, 9 */
  CivPartialDate birth_date;
  char          *nationality;   /* GB/T 2659 alpha-3, "CHN" when not given */
  char          *ethnicity;     /* GB/T 3304 two-digit code, "" when not recorded */
  char          *occupation;    /* GB/T 6565 code or the book's words, "" when not recorded */
  char          *doc_kind;      /* civ_doc_kind_to_string (), "" when absent */
  char          *doc_number;    /* as recorded; NULL when absent */
  char          *doc_status;    /* CIV_DOC_STATUS_* */
  int            status_before; /* GB/T 2261.2 (R-ID10), 90 when not recorded */
} CivHistParty;

typedef struct
{
  CivHistKind    kind;
  CivPartialDate date;       /* registration (or divorce, reissue, revocation) date */
  char          *raw_number; /* the certificate number as written; NULL when none */
  CivNumberEra   number_era;
  char          *office_code; /* GB/T 2260 code as of the date (R-ID6) */
  char          *office_name; /* as the book names it */
  char          *registrar;   /* "" when not recorded */
  int            nature;      /* 21 / 22 / 23 for marriages, 0 when not recorded */
  CivHistParty   party[2];    /* man (or first listed), woman */
  /* The source (architecture.md §7) */
  char          *archive_no; /* 档号 */
  char          *volume;     /* 卷 */
  int            page;       /* 0 when not known */
  int            entry;      /* 0 when not known */
  char          *remarks;    /* anomaly remark: what the source says that looks wrong (R-H4) */
} CivHistoricalInput;

CivHistoricalInput *civ_historical_input_new (void);
void                civ_historical_input_free (CivHistoricalInput *input);
CivHistoricalInput *civ_historical_input_copy (const CivHistoricalInput *input);
void                civ_hist_party_clear (CivHistParty *party);

/* The fields, by stable names used by CSV headers (docs/backfill-csv.md),
 * the keying form, field errors and double-keying comparisons. */
typedef enum
{
  CIV_HF_KIND = 0,
  CIV_HF_DATE,
  CIV_HF_RAW_NUMBER,
  CIV_HF_NUMBER_ERA,
  CIV_HF_OFFICE_CODE,
  CIV_HF_OFFICE_NAME,
  CIV_HF_REGISTRAR,
  CIV_HF_NATURE,
  CIV_HF_ARCHIVE_NO,
  CIV_HF_VOLUME,
  CIV_HF_PAGE,
  CIV_HF_ENTRY,
  CIV_HF_REMARKS,
  /* per party: CIV_HF_P_FIRST + i * CIV_HF_P_COUNT + CIV_HF_P_* */
  CIV_HF_P_FIRST,
} CivHistField;

typedef enum
{
  CIV_HF_P_NAME = 0,
  CIV_HF_P_SEX,
  CIV_HF_P_BIRTH_DATE,
  CIV_HF_P_NATIONALITY,
  CIV_HF_P_ETHNICITY,
  CIV_HF_P_OCCUPATION,
  CIV_HF_P_DOC_KIND,
  CIV_HF_P_DOC_NUMBER,
  CIV_HF_P_DOC_STATUS,
  CIV_HF_P_STATUS_BEFORE,
  CIV_HF_P_COUNT
} CivHistPartyField;

#define CIV_HF_N_FIELDS (CIV_HF_P_FIRST + 2 * CIV_HF_P_COUNT)
#define CIV_HF_PARTY(i, f) (CIV_HF_P_FIRST + (i) *CIV_HF_P_COUNT + (f))

/* "date", "raw_number", …, "party1_name", "party2_doc_number" (stable ASCII). */
const char *civ_hist_field_name (int field);
/* The field a stable name stands for; -1 when none. */
int         civ_hist_field_from_name (const char *name);
/* Translated label for forms and reports ("Registration date", "Man: name"). */
const char *civ_hist_field_label (int field);

/* The field's value as text, in the form it is keyed and compared in
 * (a partial date as ISO, codes as their codes); "" when empty. */
char    *civ_historical_get_field (const CivHistoricalInput *input, int field);
/* What @value of @field means, for people comparing values: the code and
 * its name where the value is a code ("01 汉族", "20 已婚", "1 男",
 * "CHN 中国"), the translated name where it is a token ("marriage" →
 * "Marriage registration"), @value itself for free text or an unknown code. */
char    *civ_historical_field_display (int field, const char *value);
/* Sets one field from text, as keyed or read from a file (trimmed;
 * full-width digits accepted). FALSE with a translated @error naming the
 * field when the text cannot be that field's value; @input is unchanged then.
 * The words each field accepts besides its codes (男/女, 汉族, 丧偶, 结婚,
 * 无（登记时尚无身份证号）, 不详 …) are listed at the top of civ-historical.c. */
gboolean civ_historical_set_field (CivHistoricalInput *input,
                                   int                 field,
                                   const char         *text,
                                   GError            **error);

typedef struct
{
  int   field;   /* CivHistField, or -1 for the entry as a whole */
  char *message; /* translated, says what is wrong and what is expected */
} CivFieldError;

void civ_field_error_free (CivFieldError *e);

/* Whole-entry checks after the fields are set: what cannot be stored is a
 * CivFieldError in @errors (a party without a name, no date, a date before
 * 1949-10-01 or after @today, an absent number whose status is PRESENT, an
 * office code that is not six digits…); the rules in force on the
 * record's date (R-H1 ages, R-H2 rule dates, R-H3 identity numbers, R-N2
 * number eras, R-V2 registry annulments, R-ID1…R-ID3 as recorded) are
 * findings in @findings, never worse than CIV_SEVERITY_WARN. Either array
 * may be NULL. Returns TRUE when @errors got nothing. */
gboolean civ_historical_validate (const CivHistoricalInput *input,
                                  const GDate              *today,
                                  GPtrArray                *errors,
                                  GPtrArray                *findings);

/* The identity key a party is matched by in the person index: the 18-digit
 * form of a resident identity number (15 digits converted, R-ID3), "kind:number"
 * for other documents; NULL when absent or unusable for matching. */
char *civ_hist_party_id_key (const CivHistParty *party);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivHistoricalInput, civ_historical_input_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivFieldError, civ_field_error_free)

G_END_DECLS
