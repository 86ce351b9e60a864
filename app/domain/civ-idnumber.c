// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-idnumber.c — identity-document numbers (domain.md §1, R-ID1…R-ID9) */
#include "civ-idnumber.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "civ-calendar.h"

static const int  id_weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
static const char id_check_chars[] = "10X98765432";

static const struct
{
  CivDocKind  kind;
  const char *id;
  const char *name;
} doc_kinds[] = {
  { CIV_DOC_UNKNOWN, "unknown", N_ ("unrecognised document") },
  { CIV_DOC_RESIDENT_ID, "resident-id", N_ ("resident identity card") },
  { CIV_DOC_RESIDENT_ID_15, "resident-id-15", N_ ("resident identity card (15-digit number)") },
  { CIV_DOC_RESIDENCE_PERMIT_HK, "residence-permit-hk",
    N_ ("residence permit for Hong Kong residents") },
  { CIV_DOC_RESIDENCE_PERMIT_MO, "residence-permit-mo",
    N_ ("residence permit for Macau residents") },
  { CIV_DOC_RESIDENCE_PERMIT_TW, "residence-permit-tw",
    N_ ("residence permit for Taiwan residents") },
  { CIV_DOC_FOREIGN_PR, "foreign-pr", N_ ("foreign permanent resident ID card") },
  { CIV_DOC_FOREIGN_PR_OLD, "foreign-pr-old",
    N_ ("foreign permanent resident ID card (old format)") },
  { CIV_DOC_HK_MO_PERMIT, "hk-mo-permit",
    N_ ("Mainland travel permit for Hong Kong and Macau residents") },
  { CIV_DOC_TW_PERMIT, "tw-permit", N_ ("Mainland travel permit for Taiwan residents") },
  { CIV_DOC_PASSPORT, "passport", N_ ("passport") },
};

const char *
civ_doc_kind_to_string (CivDocKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (doc_kinds); i++)
    if (doc_kinds[i].kind == kind)
      return doc_kinds[i].id;
  return NULL;
}

gboolean
civ_doc_kind_from_string (const char *text, CivDocKind *kind)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (doc_kinds); i++)
    if (strcmp (doc_kinds[i].id, text) == 0)
      {
        *kind = doc_kinds[i].kind;
        return TRUE;
      }
  return FALSE;
}

const char *
civ_doc_kind_display_name (CivDocKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (doc_kinds); i++)
    if (doc_kinds[i].kind == kind)
      return _ (doc_kinds[i].name);
  return NULL;
}

const char *
civ_sex_to_string (CivSex sex)
{
  switch (sex)
    {
    case CIV_SEX_MALE:
      return "male";
    case CIV_SEX_FEMALE:
      return "female";
    case CIV_SEX_UNKNOWN:
    case CIV_SEX_NOT_STATED:
    default:
      return NULL;
    }
}

gboolean
civ_ascii_all_digits (const char *s, gsize len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

static gboolean
all_upper (const char *s, gsize len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isupper (s[i]))
      return FALSE;
  return TRUE;
}

/* The check character of the first 17 characters of @s, which are digits. */
static char
check_char_of_prefix (const char *s)
{
  int sum = 0;

  for (int i = 0; i < 17; i++)
    sum += (s[i] - '0') * id_weights[i];
  return id_check_chars[sum % 11];
}

char
civ_id_check_char (const char *body)
{
  g_return_val_if_fail (body != NULL, 0);

  if (strlen (body) != 17 || !civ_ascii_all_digits (body, 17))
    return 0;
  return check_char_of_prefix (body);
}

char *
civ_id_convert_15_to_18 (const char *number)
{
  char body[18];

  g_return_val_if_fail (number != NULL, NULL);

  if (strlen (number) != 15 || !civ_ascii_all_digits (number, 15))
    return NULL;
  memcpy (body, number, 6);
  body[6] = '1';
  body[7] = '9';
  memcpy (body + 8, number + 6, 9);
  body[17] = '\0';
  return g_strdup_printf ("%s%c", body, civ_id_check_char (body));
}

char *
civ_id_normalize (const char *number, CivDocKind kind)
{
  g_autofree char *valid = NULL;
  GString         *out;

  g_return_val_if_fail (number != NULL, NULL);

  valid = g_utf8_make_valid (number, -1);
  out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x3000)
        c = ' ';
      else if (c >= 0xFF01 && c <= 0xFF5E)
        c -= 0xFEE0;
      if (c < 0x80 && kind != CIV_DOC_PASSPORT)
        c = g_ascii_toupper ((char) c);
      g_string_append_unichar (out, c);
    }
  g_strstrip (out->str);
  out->len = strlen (out->str);
  return g_string_free (out, FALSE);
}

void
civ_id_check_free (CivIdCheck *check)
{
  if (check == NULL)
    return;
  g_free (check->recorded);
  g_free (check->normalized);
  g_free (check->region_code);
  g_free (check->region_name);
  g_clear_pointer (&check->findings, g_ptr_array_unref);
  g_free (check);
}

static CivDocKind
recognise (const char *s)
{
  gsize len = strlen (s);

  if (len == 18)
    {
      if (strncmp (s, "810000", 6) == 0)
        return CIV_DOC_RESIDENCE_PERMIT_HK;
      if (strncmp (s, "820000", 6) == 0)
        return CIV_DOC_RESIDENCE_PERMIT_MO;
      if (strncmp (s, "830000", 6) == 0)
        return CIV_DOC_RESIDENCE_PERMIT_TW;
      if (s[0] == '9')
        return CIV_DOC_FOREIGN_PR;
      return CIV_DOC_RESIDENT_ID;
    }
  if (len == 15 && civ_ascii_all_digits (s, 15))
    return CIV_DOC_RESIDENT_ID_15;
  if (len == 15 && all_upper (s, 3) && civ_ascii_all_digits (s + 3, 12))
    return CIV_DOC_FOREIGN_PR_OLD;
  if ((len == 11 || len == 9) && (s[0] == 'H' || s[0] == 'M') &&
      civ_ascii_all_digits (s + 1, len - 1))
    return CIV_DOC_HK_MO_PERMIT;
  if (len == 8 && civ_ascii_all_digits (s, 8))
    return CIV_DOC_TW_PERMIT;
  return CIV_DOC_UNKNOWN;
}

static void
refuse_unrecognised (CivIdCheck *check)
{
  const char *s = check->recorded;
  gsize       len = strlen (s);
  gboolean    id_chars = TRUE;

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (s[i]) && s[i] != 'X')
      id_chars = FALSE;

  if (len == 0)
    civ_findings_add (check->findings, "R-ID1", CIV_SEVERITY_REFUSE,
                      _ ("R-ID1: No number was given."));
  else if (id_chars)
    civ_findings_add (check->findings, "R-ID1", CIV_SEVERITY_REFUSE,
                      _ ("R-ID1: An identity number has 18 characters (or 15 digits for an old "
                         "number); this one has %u."),
                      (guint) g_utf8_strlen (s, -1));
  else
    civ_findings_add (check->findings, "R-ID1", CIV_SEVERITY_REFUSE,
                      _ ("R-ID1: “%s” is not a document number Civreg recognises: an identity "
                         "number has only digits and, as its last character, X."),
                      s);
}

/* R-ID5 (and R-ID4): the birth date in @ymd (8 digits, YYYYMMDD). */
static void
check_birth_date (CivIdCheck *check, const char *ymd, const GDate *event_date)
{
  int   year = (ymd[0] - '0') * 1000 + (ymd[1] - '0') * 100 + (ymd[2] - '0') * 10 + (ymd[3] - '0');
  int   month = (ymd[4] - '0') * 10 + (ymd[5] - '0');
  int   day = (ymd[6] - '0') * 10 + (ymd[7] - '0');
  GDate date;

  if (year < 1 || month < 1 || month > 12 || day < 1 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      civ_findings_add (check->findings, "R-ID5", CIV_SEVERITY_REFUSE,
                        _ ("R-ID5: The birth date %.4s-%.2s-%.2s is not a real calendar date."),
                        ymd, ymd + 4, ymd + 6);
      return;
    }
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  if (g_date_compare (&date, event_date) > 0)
    {
      civ_findings_add (check->findings, "R-ID5", CIV_SEVERITY_REFUSE,
                        _ ("R-ID5: The birth date %04d-%02d-%02d is after the date of the event "
                           "(%04d-%02d-%02d)."),
                        year, month, day, g_date_get_year (event_date),
                        g_date_get_month (event_date), g_date_get_day (event_date));
      return;
    }
  check->birth_date = date;
  if (year < 1900)
    civ_findings_add (check->findings, "R-ID4", CIV_SEVERITY_WARN,
                      _ ("R-ID4: Born before 1900 (%04d): such numbers may carry special sequence "
                         "numbers; have a person review it."),
                      year);
}

static char *
format_successors (const char *successors)
{
  g_auto (GStrv) parts = g_strsplit (successors, ";", -1);

  return g_strjoinv (", ", parts);
}

/* R-ID5, R-ID6: the address code against the dated division table. */
static void
check_region (CivIdCheck       *check,
              const char       *code,
              const GDate      *event_date,
              CivDivisionTable *divisions)
{
  int                     year = g_date_get_year (event_date);
  const CivDivisionEntry *entry;
  GPtrArray              *entries;
  gboolean                in_force = FALSE;

  check->region_code = g_strdup (code);
  if (divisions == NULL)
    {
      civ_findings_add (check->findings, "R-ID5", CIV_SEVERITY_INFO,
                        _ ("R-ID5: The address code %s was not checked: no division-code table is "
                           "available."),
                        code);
      return;
    }
  entries = civ_division_table_lookup (divisions, code);
  if (entries == NULL)
    {
      civ_findings_add (check->findings, "R-ID5", CIV_SEVERITY_REFUSE,
                        _ ("R-ID5: The address code %s is not in the division-code table (GB/T "
                           "2260) for any year."),
                        code);
      return;
    }
  entry = civ_division_table_as_of (divisions, code, year, &in_force);
  check->region_name = g_strdup (entry->name);
  if (in_force)
    return;

  if (entry->valid_to != 0 && entry->valid_to <= year)
    {
      const CivDivisionEntry *last = g_ptr_array_index (entries, entries->len - 1);

      check->region_obsolete = TRUE;
      if (last->successors[0] != '\0')
        {
          g_autofree char *successors = format_successors (last->successors);
          civ_findings_add (check->findings, "R-ID5", CIV_SEVERITY_INFO,
                            _ ("R-ID5: The address code %s (%s) has not been issued since %d "
                               "(successor: %s); numbers never change, so this is no reason to "
                               "refuse."),
                            code, entry->name, last->valid_to, successors);
        }
      else
        civ_findings_add (check->findings, "R-ID5", CIV_SEVERITY_INFO,
                          _ ("R-ID5: The address code %s (%s) has not been issued since %d; "
                             "numbers never change, so this is no reason to refuse."),
                          code, entry->name, last->valid_to);
    }
  else
    civ_findings_add (check->findings, "R-ID5", CIV_SEVERITY_INFO,
                      _ ("R-ID5: The address code %s (%s) came into force only in %d."), code,
                      entry->name, entry->valid_from);
}

static CivSex
sex_from_digit (char digit)
{
  return ((digit - '0') % 2 == 1) ? CIV_SEX_MALE : CIV_SEX_FEMALE;
}

/* R-ID1, R-ID2, R-ID5, R-ID7: 18-character numbers. */
static void
check_18 (CivIdCheck *check, const GDate *event_date, CivDivisionTable *divisions)
{
  const char *s = check->recorded;
  char        expected;

  if (strlen (s) != 18)
    {
      civ_findings_add (check->findings, "R-ID1", CIV_SEVERITY_REFUSE,
                        _ ("R-ID1: An identity number has 18 characters; this one has %u."),
                        (guint) g_utf8_strlen (s, -1));
      return;
    }
  if (!civ_ascii_all_digits (s, 17))
    {
      civ_findings_add (check->findings, "R-ID1", CIV_SEVERITY_REFUSE,
                        _ ("R-ID1: Characters 1–17 of an identity number are digits; “%s” is not."),
                        s);
      return;
    }
  if (!g_ascii_isdigit (s[17]) && s[17] != 'X')
    {
      civ_findings_add (check->findings, "R-ID1", CIV_SEVERITY_REFUSE,
                        _ ("R-ID1: The last character of an identity number is a digit or X, not "
                           "“%c”."),
                        s[17]);
      return;
    }

  check->normalized = g_strdup (s);
  expected = check_char_of_prefix (s);
  if (expected != s[17])
    civ_findings_add (check->findings, "R-ID2", CIV_SEVERITY_REFUSE,
                      _ ("R-ID2: The check character is %c, but the first 17 digits give %c: the "
                         "number was mistyped or is not genuine."),
                      s[17], expected);

  check_birth_date (check, s + 6, event_date);
  check->sex = sex_from_digit (s[16]);

  if ((check->kind == CIV_DOC_RESIDENCE_PERMIT_HK && strncmp (s, "810000", 6) != 0) ||
      (check->kind == CIV_DOC_RESIDENCE_PERMIT_MO && strncmp (s, "820000", 6) != 0) ||
      (check->kind == CIV_DOC_RESIDENCE_PERMIT_TW && strncmp (s, "830000", 6) != 0))
    {
      civ_findings_add (check->findings, "R-ID7", CIV_SEVERITY_REFUSE,
                        _ ("R-ID7: A residence permit number starts with 810000 (Hong Kong), "
                           "820000 (Macau) or 830000 (Taiwan), matching the permit; this one "
                           "starts with %.6s."),
                        s);
      return;
    }

  switch (check->kind)
    {
    case CIV_DOC_RESIDENCE_PERMIT_HK:
      check->region_code = g_strndup (s, 6);
      check->region_name = g_strdup (_ ("Hong Kong"));
      break;
    case CIV_DOC_RESIDENCE_PERMIT_MO:
      check->region_code = g_strndup (s, 6);
      check->region_name = g_strdup (_ ("Macau"));
      break;
    case CIV_DOC_RESIDENCE_PERMIT_TW:
      check->region_code = g_strndup (s, 6);
      check->region_name = g_strdup (_ ("Taiwan"));
      break;
    default:
      {
        char code[7];
        memcpy (code, s, 6);
        code[6] = '\0';
        check_region (check, code, event_date, divisions);
      }
      break;
    }
}

/* R-ID3, R-ID4: first-generation 15-digit numbers. */
static void
check_15 (CivIdCheck *check, const GDate *event_date, CivDivisionTable *divisions)
{
  const char *s = check->recorded;
  char        ymd[9];
  char        code[7];
  int         sequence;

  if (strlen (s) != 15 || !civ_ascii_all_digits (s, 15))
    {
      civ_findings_add (check->findings, "R-ID3", CIV_SEVERITY_REFUSE,
                        _ ("R-ID3: An old identity number has exactly 15 digits; “%s” has not."),
                        s);
      return;
    }
  check->normalized = civ_id_convert_15_to_18 (s);
  civ_findings_add (check->findings, "R-ID3", CIV_SEVERITY_INFO,
                    _ ("R-ID3: A 15-digit number, kept as recorded; its 18-digit form %s is used "
                       "for matching."),
                    check->normalized);

  memcpy (ymd, "19", 2);
  memcpy (ymd + 2, s + 6, 6);
  ymd[8] = '\0';
  check_birth_date (check, ymd, event_date);
  check->sex = sex_from_digit (s[14]);

  sequence = (s[12] - '0') * 100 + (s[13] - '0') * 10 + (s[14] - '0');
  if (sequence >= 996)
    civ_findings_add (check->findings, "R-ID4", CIV_SEVERITY_WARN,
                      _ ("R-ID4: The sequence number %03d is reserved for people born before 1900; "
                         "the 15→18 conversion assumes 19%.2s, so have a person review it."),
                      sequence, s + 6);

  memcpy (code, s, 6);
  code[6] = '\0';
  check_region (check, code, event_date, divisions);
}

/* R-ID8: foreign permanent resident ID, 2023 format and the older card. */
static void
check_foreign_pr (CivIdCheck *check)
{
  const char *s = check->recorded;
  gsize       len = strlen (s);
  char        expected;

  if (check->kind == CIV_DOC_FOREIGN_PR_OLD)
    {
      if (len != 15 || !all_upper (s, 3) || !civ_ascii_all_digits (s + 3, 12))
        {
          civ_findings_add (check->findings, "R-ID8", CIV_SEVERITY_REFUSE,
                            _ ("R-ID8: An old foreign permanent resident ID has 3 letters and 12 "
                               "digits; “%s” has not."),
                            s);
          return;
        }
      check->normalized = g_strdup (s);
      return;
    }

  if (len != 18 || s[0] != '9' || !civ_ascii_all_digits (s, 17) ||
      (!g_ascii_isdigit (s[17]) && s[17] != 'X'))
    {
      civ_findings_add (check->findings, "R-ID8", CIV_SEVERITY_REFUSE,
                        _ ("R-ID8: A foreign permanent resident ID has 18 characters: 9, 16 digits "
                           "and a check digit or X; “%s” has not."),
                        s);
      return;
    }
  check->normalized = g_strdup (s);
  expected = check_char_of_prefix (s);
  if (expected != s[17])
    civ_findings_add (check->findings, "R-ID8", CIV_SEVERITY_REFUSE,
                      _ ("R-ID8: The check character is %c, but the first 17 digits give %c: the "
                         "number was mistyped or is not genuine."),
                      s[17], expected);
}

/* R-ID9: Mainland travel permits and passports. */
static void
check_permit (CivIdCheck *check)
{
  const char *s = check->recorded;
  gsize       len = strlen (s);

  switch (check->kind)
    {
    case CIV_DOC_HK_MO_PERMIT:
      if (len == 9 && (s[0] == 'H' || s[0] == 'M') && civ_ascii_all_digits (s + 1, 8))
        civ_findings_add (check->findings, "R-ID9", CIV_SEVERITY_REFUSE,
                          _ ("R-ID9: The 2-digit renewal count is missing: a Hong Kong/Macau "
                             "permit number is H or M, 8 digits and the renewal count."));
      else if (len != 11 || (s[0] != 'H' && s[0] != 'M') || !civ_ascii_all_digits (s + 1, 10))
        civ_findings_add (check->findings, "R-ID9", CIV_SEVERITY_REFUSE,
                          _ ("R-ID9: A Hong Kong/Macau permit number is H or M, 8 digits and a "
                             "2-digit renewal count; “%s” is not."),
                          s);
      else
        check->normalized = g_strdup (s);
      break;
    case CIV_DOC_TW_PERMIT:
      if (len != 8 || !civ_ascii_all_digits (s, 8))
        civ_findings_add (check->findings, "R-ID9", CIV_SEVERITY_REFUSE,
                          _ ("R-ID9: A Taiwan permit number has 8 digits; “%s” has not."), s);
      else
        check->normalized = g_strdup (s);
      break;
    case CIV_DOC_PASSPORT:
      {
        gboolean printable = TRUE;

        for (const char *p = s; *p; p = g_utf8_next_char (p))
          if (!g_unichar_isprint (g_utf8_get_char (p)))
            printable = FALSE;
        if (len == 0 || !printable || g_utf8_strlen (s, -1) > 40)
          civ_findings_add (check->findings, "R-ID9", CIV_SEVERITY_REFUSE,
                            _ ("R-ID9: A passport number is 1 to 40 printable characters."));
        else
          {
            check->normalized = g_strdup (s);
            civ_findings_add (check->findings, "R-ID9", CIV_SEVERITY_INFO,
                              _ ("R-ID9: Passport numbers have no common format; the number is "
                                 "recorded as entered."));
          }
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

CivIdCheck *
civ_id_check (const char       *number,
              CivDocKind        kind,
              const GDate      *event_date,
              CivDivisionTable *divisions)
{
  g_autoptr (CivIdCheck) check = NULL;
  GDate today;

  g_return_val_if_fail (number != NULL, NULL);
  g_return_val_if_fail (event_date == NULL || g_date_valid (event_date), NULL);

  if (event_date == NULL)
    {
      civ_date_today (&today);
      event_date = &today;
    }

  check = g_new0 (CivIdCheck, 1);
  check->findings = civ_findings_new ();
  g_date_clear (&check->birth_date, 1);
  check->recorded = civ_id_normalize (number, kind);
  check->kind = kind == CIV_DOC_UNKNOWN ? recognise (check->recorded) : kind;

  switch (check->kind)
    {
    case CIV_DOC_RESIDENT_ID:
    case CIV_DOC_RESIDENCE_PERMIT_HK:
    case CIV_DOC_RESIDENCE_PERMIT_MO:
    case CIV_DOC_RESIDENCE_PERMIT_TW:
      check_18 (check, event_date, divisions);
      break;
    case CIV_DOC_RESIDENT_ID_15:
      check_15 (check, event_date, divisions);
      break;
    case CIV_DOC_FOREIGN_PR:
    case CIV_DOC_FOREIGN_PR_OLD:
      check_foreign_pr (check);
      break;
    case CIV_DOC_HK_MO_PERMIT:
    case CIV_DOC_TW_PERMIT:
    case CIV_DOC_PASSPORT:
      check_permit (check);
      break;
    case CIV_DOC_UNKNOWN:
    default:
      refuse_unrecognised (check);
      break;
    }

  check->valid = civ_findings_worst (check->findings) < CIV_SEVERITY_REFUSE;
  return g_steal_pointer (&check);
}
