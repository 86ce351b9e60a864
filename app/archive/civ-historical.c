// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-historical.c — one historical register entry (civ-historical.h)
 *
 * Text a field accepts (civ_historical_set_field ()), besides the stable
 * codes get_field () gives back; text is trimmed and full-width digits and
 * Latin letters are read as ASCII:
 *
 *   kind           marriage, divorce, reissue, revocation; 结婚, 离婚,
 *                  补发 (or 补领), 撤销 (also with 登记 after them)
 *   date, birth    civ_partial_date_parse (): 1985, 1985-06, 1985-06-12,
 *                  1985.6.12, 1985/06/12, 1985年, 1985年6月, 1985年6月12日
 *   number_era     none, pre-2003, interim-2003, national; 无, 2003年以前,
 *                  2003年过渡, 全国统一
 *   sex            GB/T 2261.1 0, 1, 2, 9; 男, 女, 未知, 未说明; M, F
 *   nationality    a GB/T 2659 alpha-3 code (any case) or its Chinese short
 *                  name (中国 → CHN); empty → CHN
 *   ethnicity      a GB/T 3304 code (1 → 01) or a name with or without 族
 *                  (汉族, 汉 → 01)
 *   status_before  GB/T 2261.2 10, 20, 21, 22, 23, 30, 40, 90 or the table's
 *                  name (未婚, 已婚, 初婚, 再婚, 复婚, 丧偶, 离婚, 未说明);
 *                  empty → 90
 *   nature         21, 22, 23 or 初婚, 再婚, 复婚; empty → 0
 *   doc_kind       civ_doc_kind_to_string () names; 身份证, 居民身份证, 护照
 *   doc_status     PRESENT, ABSENT_PRE_ID, ABSENT_UNKNOWN (any case);
 *                  有 (a number is recorded), 无（登记时尚无身份证号）or
 *                  登记时尚无身份证号 (ABSENT_PRE_ID), 不详 (ABSENT_UNKNOWN)
 *   doc_number     as recorded (full-width to ASCII); empty → none. A
 *                  number makes an ABSENT_UNKNOWN status PRESENT; any other
 *                  status is left for civ_historical_validate () to judge.
 *   raw_number     as written, trimmed; empty → none. A number keyed while
 *                  the era is NONE gets the era its shape says.
 *   office_code    six digits; page, entry: a positive whole number
 *
 * The 2003 interim era (R-N2) is a number that begins with two Latin
 * letters directly followed by 结字 or 离字 ("AB结字…"); a national number
 * matches R-N1; any other non-empty number is pre-2003.
 */
#include "civ-historical.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <time.h>

#include "civ-app-error.h"
#include "civ-countries.h"
#include "civ-ethnicity.h"
#include "civ-idnumber.h"
#include "civ-marriage-rules.h"
#include "civ-states.h"

/* ------------------------------------------------------------------ */
/* Kinds and eras                                                      */

static const struct
{
  CivHistKind kind;
  const char *id;
  const char *name;
  const char *zh[3];
} kinds[] = {
  { CIV_HIST_MARRIAGE, "marriage", N_ ("Marriage registration"), { "结婚", "结婚登记", NULL } },
  { CIV_HIST_DIVORCE, "divorce", N_ ("Divorce registration"), { "离婚", "离婚登记", NULL } },
  { CIV_HIST_REISSUE, "reissue", N_ ("Certificate reissue"), { "补发", "补领", "补发婚姻登记证" } },
  { CIV_HIST_REVOCATION, "revocation", N_ ("Registry annulment"), { "撤销", "撤销婚姻", NULL } },
};

const char *
civ_hist_kind_to_string (CivHistKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i].kind == kind)
      return kinds[i].id;
  return NULL;
}

gboolean
civ_hist_kind_from_string (const char *text, CivHistKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);
  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      gboolean match = g_ascii_strcasecmp (text, kinds[i].id) == 0;

      for (guint j = 0; !match && j < G_N_ELEMENTS (kinds[i].zh) && kinds[i].zh[j]; j++)
        match = strcmp (text, kinds[i].zh[j]) == 0;
      if (match)
        {
          *kind = kinds[i].kind;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
civ_hist_kind_display_name (CivHistKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i].kind == kind)
      return _ (kinds[i].name);
  return NULL;
}

static const struct
{
  CivNumberEra era;
  const char  *id;
  const char  *name;
  const char  *zh;
} eras[] = {
  { CIV_NUMBER_ERA_NONE, "none", N_ ("No certificate number"), "无" },
  { CIV_NUMBER_ERA_PRE_2003, "pre-2003", N_ ("Before 2003 (free text)"), "2003年以前" },
  { CIV_NUMBER_ERA_INTERIM_2003, "interim-2003", N_ ("2003 interim format"), "2003年过渡" },
  { CIV_NUMBER_ERA_NATIONAL, "national", N_ ("National format (J/L/BJ/BL)"), "全国统一" },
};

const char *
civ_number_era_to_string (CivNumberEra era)
{
  for (guint i = 0; i < G_N_ELEMENTS (eras); i++)
    if (eras[i].era == era)
      return eras[i].id;
  return NULL;
}

gboolean
civ_number_era_from_string (const char *text, CivNumberEra *era)
{
  g_return_val_if_fail (era != NULL, FALSE);
  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (eras); i++)
    if (g_ascii_strcasecmp (text, eras[i].id) == 0 || strcmp (text, eras[i].zh) == 0)
      {
        *era = eras[i].era;
        return TRUE;
      }
  return FALSE;
}

const char *
civ_number_era_display_name (CivNumberEra era)
{
  for (guint i = 0; i < G_N_ELEMENTS (eras); i++)
    if (eras[i].era == era)
      return _ (eras[i].name);
  return NULL;
}

/* Trimmed, U+3000 to a space and U+FF01…U+FF5E to ASCII. */
static char *
to_ascii_width (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  GString         *out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x3000)
        c = ' ';
      else if (c >= 0xFF01 && c <= 0xFF5E)
        c -= 0xFEE0;
      g_string_append_unichar (out, c);
    }
  g_strstrip (out->str);
  out->len = strlen (out->str);
  return g_string_free (out, FALSE);
}

static gboolean
is_national_number (const char *s)
{
  gsize n = strlen (s);
  gsize p = 0;

  if (n >= 1 && (s[0] == 'J' || s[0] == 'L'))
    p = 1;
  if (n >= 2 && s[0] == 'B' && (s[1] == 'J' || s[1] == 'L'))
    p = 2;
  if (p == 0 || n != p + 6 + 1 + 4 + 1 + 6)
    return FALSE;
  s += p;
  return civ_ascii_all_digits (s, 6) && s[6] == '-' && civ_ascii_all_digits (s + 7, 4) &&
         s[11] == '-' && civ_ascii_all_digits (s + 12, 6);
}

CivNumberEra
civ_number_era_classify (const char *raw_number)
{
  g_autofree char *s = NULL;

  if (raw_number == NULL)
    return CIV_NUMBER_ERA_NONE;
  s = to_ascii_width (raw_number);
  if (*s == '\0')
    return CIV_NUMBER_ERA_NONE;
  if (is_national_number (s))
    return CIV_NUMBER_ERA_NATIONAL;
  if (g_ascii_isalpha (s[0]) && g_ascii_isalpha (s[1]) &&
      (g_str_has_prefix (s + 2, "结字") || g_str_has_prefix (s + 2, "离字")))
    return CIV_NUMBER_ERA_INTERIM_2003;
  return CIV_NUMBER_ERA_PRE_2003;
}

/* ------------------------------------------------------------------ */
/* Partial dates                                                       */

/* Reads 1 to @max ASCII digits at *@p into @value. */
static gboolean
read_number (const char **p, int max, int min_digits, int *value)
{
  int n = 0;
  int v = 0;

  while (n < max && g_ascii_isdigit ((*p)[n]))
    {
      v = v * 10 + ((*p)[n] - '0');
      n++;
    }
  if (n < min_digits || g_ascii_isdigit ((*p)[n]))
    return FALSE;
  *p += n;
  *value = v;
  return TRUE;
}

gboolean
civ_partial_date_parse (const char *text, CivPartialDate *out)
{
  g_autofree char *s = NULL;
  const char      *p;
  CivPartialDate   d = { 0, 0, 0 };
  gboolean         month_given = FALSE;
  gboolean         day_given = FALSE;

  g_return_val_if_fail (out != NULL, FALSE);
  if (text == NULL)
    return FALSE;
  s = to_ascii_width (text);
  p = s;
  if (!read_number (&p, 4, 4, &d.year) || d.year < 1000)
    return FALSE;
  if (g_str_has_prefix (p, "年"))
    {
      p += strlen ("年");
      if (*p != '\0')
        {
          if (!read_number (&p, 2, 1, &d.month) || !g_str_has_prefix (p, "月"))
            return FALSE;
          month_given = TRUE;
          p += strlen ("月");
          if (*p != '\0')
            {
              if (!read_number (&p, 2, 1, &d.day) || strcmp (p, "日") != 0)
                return FALSE;
              day_given = TRUE;
              p += strlen ("日");
            }
        }
    }
  else if (*p == '-' || *p == '.' || *p == '/')
    {
      char sep = *p++;

      if (!read_number (&p, 2, 1, &d.month))
        return FALSE;
      month_given = TRUE;
      if (*p == sep)
        {
          p++;
          if (!read_number (&p, 2, 1, &d.day))
            return FALSE;
          day_given = TRUE;
        }
    }
  if (*p != '\0')
    return FALSE;
  /* A month or day that is written is never 0 ("1985-00"). */
  if (month_given && (d.month < 1 || d.month > 12))
    return FALSE;
  if (day_given &&
      (d.day < 1 || !g_date_valid_dmy ((GDateDay) d.day, (GDateMonth) d.month, (GDateYear) d.year)))
    return FALSE;
  *out = d;
  return TRUE;
}

gboolean
civ_partial_date_is_set (const CivPartialDate *date)
{
  return date != NULL && date->year != 0;
}

char *
civ_partial_date_to_iso (const CivPartialDate *date)
{
  if (!civ_partial_date_is_set (date))
    return NULL;
  if (date->month == 0)
    return g_strdup_printf ("%04d", date->year);
  if (date->day == 0)
    return g_strdup_printf ("%04d-%02d", date->year, date->month);
  return g_strdup_printf ("%04d-%02d-%02d", date->year, date->month, date->day);
}

void
civ_partial_date_range (const CivPartialDate *date, GDate *first, GDate *last)
{
  g_return_if_fail (first != NULL && last != NULL);
  g_date_clear (first, 1);
  g_date_clear (last, 1);
  if (!civ_partial_date_is_set (date) || date->year < 1 || date->year > 9999 || date->month < 0 ||
      date->month > 12)
    return;
  if (date->month == 0)
    {
      g_date_set_dmy (first, 1, G_DATE_JANUARY, (GDateYear) date->year);
      g_date_set_dmy (last, 31, G_DATE_DECEMBER, (GDateYear) date->year);
    }
  else if (date->day == 0)
    {
      g_date_set_dmy (first, 1, (GDateMonth) date->month, (GDateYear) date->year);
      g_date_set_dmy (last,
                      g_date_get_days_in_month ((GDateMonth) date->month, (GDateYear) date->year),
                      (GDateMonth) date->month, (GDateYear) date->year);
    }
  else if (g_date_valid_dmy ((GDateDay) date->day, (GDateMonth) date->month,
                             (GDateYear) date->year))
    {
      g_date_set_dmy (first, (GDateDay) date->day, (GDateMonth) date->month,
                      (GDateYear) date->year);
      *last = *first;
    }
}

/* ------------------------------------------------------------------ */
/* The entry                                                           */

static void
party_init (CivHistParty *party)
{
  memset (party, 0, sizeof *party);
  party->name = g_strdup ("");
  party->nationality = g_strdup ("CHN");
  party->ethnicity = g_strdup ("");
  party->occupation = g_strdup ("");
  party->doc_kind = g_strdup ("");
  party->doc_status = g_strdup (CIV_DOC_STATUS_ABSENT_UNKNOWN);
  party->status_before = 90;
}

void
civ_hist_party_clear (CivHistParty *party)
{
  if (party == NULL)
    return;
  g_clear_pointer (&party->name, g_free);
  g_clear_pointer (&party->nationality, g_free);
  g_clear_pointer (&party->ethnicity, g_free);
  g_clear_pointer (&party->occupation, g_free);
  g_clear_pointer (&party->doc_kind, g_free);
  g_clear_pointer (&party->doc_number, g_free);
  g_clear_pointer (&party->doc_status, g_free);
}

CivHistoricalInput *
civ_historical_input_new (void)
{
  CivHistoricalInput *input = g_new0 (CivHistoricalInput, 1);

  input->kind = CIV_HIST_MARRIAGE;
  input->number_era = CIV_NUMBER_ERA_NONE;
  input->office_code = g_strdup ("");
  input->office_name = g_strdup ("");
  input->registrar = g_strdup ("");
  input->archive_no = g_strdup ("");
  input->volume = g_strdup ("");
  input->remarks = g_strdup ("");
  party_init (&input->party[0]);
  party_init (&input->party[1]);
  return input;
}

void
civ_historical_input_free (CivHistoricalInput *input)
{
  if (input == NULL)
    return;
  g_free (input->raw_number);
  g_free (input->office_code);
  g_free (input->office_name);
  g_free (input->registrar);
  g_free (input->archive_no);
  g_free (input->volume);
  g_free (input->remarks);
  civ_hist_party_clear (&input->party[0]);
  civ_hist_party_clear (&input->party[1]);
  g_free (input);
}

static void
party_copy (CivHistParty *to, const CivHistParty *from)
{
  *to = *from;
  to->name = g_strdup (from->name);
  to->nationality = g_strdup (from->nationality);
  to->ethnicity = g_strdup (from->ethnicity);
  to->occupation = g_strdup (from->occupation);
  to->doc_kind = g_strdup (from->doc_kind);
  to->doc_number = g_strdup (from->doc_number);
  to->doc_status = g_strdup (from->doc_status);
}

CivHistoricalInput *
civ_historical_input_copy (const CivHistoricalInput *input)
{
  CivHistoricalInput *copy;

  g_return_val_if_fail (input != NULL, NULL);
  copy = g_new0 (CivHistoricalInput, 1);
  *copy = *input;
  copy->raw_number = g_strdup (input->raw_number);
  copy->office_code = g_strdup (input->office_code);
  copy->office_name = g_strdup (input->office_name);
  copy->registrar = g_strdup (input->registrar);
  copy->archive_no = g_strdup (input->archive_no);
  copy->volume = g_strdup (input->volume);
  copy->remarks = g_strdup (input->remarks);
  party_copy (&copy->party[0], &input->party[0]);
  party_copy (&copy->party[1], &input->party[1]);
  return copy;
}

/* ------------------------------------------------------------------ */
/* Field names and labels                                              */

static const struct
{
  const char *name;
  const char *context; /* msgctxt of the label, or NULL */
  const char *label;
} entry_fields[CIV_HF_P_FIRST] = {
  [CIV_HF_KIND] = { "kind", "archive entry", NC_ ("archive entry", "Kind") },
  [CIV_HF_DATE] = { "date", NULL, N_ ("Registration date") },
  [CIV_HF_RAW_NUMBER] = { "raw_number", NULL, N_ ("Certificate number") },
  [CIV_HF_NUMBER_ERA] = { "number_era", NULL, N_ ("Number format era") },
  [CIV_HF_OFFICE_CODE] = { "office_code", NULL, N_ ("Office code") },
  [CIV_HF_OFFICE_NAME] = { "office_name", NULL, N_ ("Office name") },
  [CIV_HF_REGISTRAR] = { "registrar", NULL, N_ ("Registrar") },
  [CIV_HF_NATURE] = { "nature", "archive entry", NC_ ("archive entry", "Nature of the marriage") },
  [CIV_HF_ARCHIVE_NO] = { "archive_no", NULL, N_ ("Archive number") },
  [CIV_HF_VOLUME] = { "volume", "archive slot", NC_ ("archive slot", "Volume") },
  [CIV_HF_PAGE] = { "page", "archive slot", NC_ ("archive slot", "Page") },
  [CIV_HF_ENTRY] = { "entry", "archive slot", NC_ ("archive slot", "Entry") },
  [CIV_HF_REMARKS] = { "remarks", NULL, N_ ("Remarks") },
};

static const char *const party_field_names[CIV_HF_P_COUNT] = {
  [CIV_HF_P_NAME] = "name",
  [CIV_HF_P_SEX] = "sex",
  [CIV_HF_P_BIRTH_DATE] = "birth_date",
  [CIV_HF_P_NATIONALITY] = "nationality",
  [CIV_HF_P_ETHNICITY] = "ethnicity",
  [CIV_HF_P_OCCUPATION] = "occupation",
  [CIV_HF_P_DOC_KIND] = "doc_kind",
  [CIV_HF_P_DOC_NUMBER] = "doc_number",
  [CIV_HF_P_DOC_STATUS] = "doc_status",
  [CIV_HF_P_STATUS_BEFORE] = "status_before",
};

/* Written out per party so that each reads naturally once translated. */
static const char *const party_labels[2][CIV_HF_P_COUNT] = {
  {
    [CIV_HF_P_NAME] = N_ ("Man: name"),
    [CIV_HF_P_SEX] = N_ ("Man: sex"),
    [CIV_HF_P_BIRTH_DATE] = N_ ("Man: date of birth"),
    [CIV_HF_P_NATIONALITY] = N_ ("Man: nationality"),
    [CIV_HF_P_ETHNICITY] = N_ ("Man: ethnic group"),
    [CIV_HF_P_OCCUPATION] = N_ ("Man: occupation"),
    [CIV_HF_P_DOC_KIND] = N_ ("Man: identity document"),
    [CIV_HF_P_DOC_NUMBER] = N_ ("Man: document number"),
    [CIV_HF_P_DOC_STATUS] = N_ ("Man: document number status"),
    [CIV_HF_P_STATUS_BEFORE] = N_ ("Man: marital status before"),
  },
  {
    [CIV_HF_P_NAME] = N_ ("Woman: name"),
    [CIV_HF_P_SEX] = N_ ("Woman: sex"),
    [CIV_HF_P_BIRTH_DATE] = N_ ("Woman: date of birth"),
    [CIV_HF_P_NATIONALITY] = N_ ("Woman: nationality"),
    [CIV_HF_P_ETHNICITY] = N_ ("Woman: ethnic group"),
    [CIV_HF_P_OCCUPATION] = N_ ("Woman: occupation"),
    [CIV_HF_P_DOC_KIND] = N_ ("Woman: identity document"),
    [CIV_HF_P_DOC_NUMBER] = N_ ("Woman: document number"),
    [CIV_HF_P_DOC_STATUS] = N_ ("Woman: document number status"),
    [CIV_HF_P_STATUS_BEFORE] = N_ ("Woman: marital status before"),
  },
};

static const char *const party_prefixes[2] = { "party1_", "party2_" };

static const char *
field_name_static (int field)
{
  static char *names[2][CIV_HF_P_COUNT];
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (int i = 0; i < 2; i++)
        for (int f = 0; f < CIV_HF_P_COUNT; f++)
          names[i][f] = g_strconcat (party_prefixes[i], party_field_names[f], NULL);
      g_once_init_leave (&done, 1);
    }
  if (field < 0 || field >= CIV_HF_N_FIELDS)
    return NULL;
  if (field < CIV_HF_P_FIRST)
    return entry_fields[field].name;
  field -= CIV_HF_P_FIRST;
  return names[field / CIV_HF_P_COUNT][field % CIV_HF_P_COUNT];
}

const char *
civ_hist_field_name (int field)
{
  return field_name_static (field);
}

int
civ_hist_field_from_name (const char *name)
{
  if (name == NULL)
    return -1;
  for (int f = 0; f < CIV_HF_N_FIELDS; f++)
    if (strcmp (name, field_name_static (f)) == 0)
      return f;
  return -1;
}

const char *
civ_hist_field_label (int field)
{
  if (field < 0 || field >= CIV_HF_N_FIELDS)
    return NULL;
  if (field < CIV_HF_P_FIRST)
    return entry_fields[field].context ? g_dpgettext2 (GETTEXT_PACKAGE, entry_fields[field].context,
                                                       entry_fields[field].label)
                                       : _ (entry_fields[field].label);
  field -= CIV_HF_P_FIRST;
  return _ (party_labels[field / CIV_HF_P_COUNT][field % CIV_HF_P_COUNT]);
}

/* ------------------------------------------------------------------ */
/* Fields from and to text                                             */

static const struct
{
  int         code;
  const char *zh[3];
} sexes[] = {
  { CIV_SEX_UNKNOWN, { "0", "未知", NULL } },
  { CIV_SEX_MALE, { "1", "男", "M" } },
  { CIV_SEX_FEMALE, { "2", "女", "F" } },
  { CIV_SEX_NOT_STATED, { "9", "未说明", NULL } },
};

static gboolean
parse_sex (const char *s, int *out)
{
  if (*s == '\0')
    {
      *out = CIV_SEX_UNKNOWN;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (sexes); i++)
    for (guint j = 0; j < G_N_ELEMENTS (sexes[i].zh) && sexes[i].zh[j]; j++)
      if (g_ascii_strcasecmp (s, sexes[i].zh[j]) == 0)
        {
          *out = sexes[i].code;
          return TRUE;
        }
  return FALSE;
}

static gboolean
parse_whole (const char *s, int max, int *out)
{
  gint64 v;
  char  *end = NULL;

  if (*s == '\0' || !g_ascii_isdigit (*s) || strlen (s) > 9)
    return FALSE;
  v = g_ascii_strtoll (s, &end, 10);
  if (end == NULL || *end != '\0' || v < 1 || v > max)
    return FALSE;
  *out = (int) v;
  return TRUE;
}

static gboolean
parse_nature (const char *s, int *out)
{
  static const struct
  {
    int         code;
    const char *zh;
  } natures[] = { { 21, "初婚" }, { 22, "再婚" }, { 23, "复婚" } };

  if (*s == '\0')
    {
      *out = 0;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (natures); i++)
    {
      char code[3];

      g_snprintf (code, sizeof code, "%d", natures[i].code);
      if (strcmp (s, code) == 0 || strcmp (s, natures[i].zh) == 0)
        {
          *out = natures[i].code;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
parse_status_before (const char *s, int *out)
{
  int code;

  if (*s == '\0')
    {
      *out = CIV_MARITAL_NOT_STATED;
      return TRUE;
    }
  if (strlen (s) == 2 && civ_ascii_all_digits (s, 2))
    {
      code = (s[0] - '0') * 10 + (s[1] - '0');
      if (civ_marital_status_name (code) == NULL)
        return FALSE;
      *out = code;
      return TRUE;
    }
  code = civ_marital_status_code (s);
  if (code == 0)
    return FALSE;
  *out = code;
  return TRUE;
}

static const char *
parse_ethnicity (const char *s)
{
  char             code[3];
  const char      *found;
  g_autofree char *with_zu = NULL;

  if (*s == '\0')
    return "";
  if (strlen (s) == 1 && g_ascii_isdigit (s[0]))
    {
      code[0] = '0';
      code[1] = s[0];
      code[2] = '\0';
      s = code;
    }
  if (strlen (s) == 2 && civ_ascii_all_digits (s, 2))
    return civ_ethnicity_name (s) != NULL ? civ_ethnicity_code (civ_ethnicity_name (s)) : NULL;
  found = civ_ethnicity_code (s);
  if (found != NULL)
    return found;
  with_zu = g_strconcat (s, "族", NULL);
  return civ_ethnicity_code (with_zu);
}

/* The alpha-3 code of @s (a code in any case or a Chinese short name), or NULL. */
static char *
parse_nationality (const char *s)
{
  g_autofree char   *up = NULL;
  const char *const *codes;

  if (*s == '\0')
    return g_strdup ("CHN");
  up = g_ascii_strup (s, -1);
  if (civ_country_code_is_valid (up))
    return g_steal_pointer (&up);
  codes = civ_country_codes ();
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    if (g_strcmp0 (civ_country_name (codes[i]), s) == 0)
      return g_strdup (codes[i]);
  return NULL;
}

static const char *
parse_doc_kind (const char *s)
{
  static const struct
  {
    const char *zh;
    CivDocKind  kind;
  } aliases[] = {
    { "身份证", CIV_DOC_RESIDENT_ID },
    { "居民身份证", CIV_DOC_RESIDENT_ID },
    { "护照", CIV_DOC_PASSPORT },
  };
  CivDocKind kind;

  if (*s == '\0')
    return "";
  if (civ_doc_kind_from_string (s, &kind) && kind != CIV_DOC_UNKNOWN)
    return civ_doc_kind_to_string (kind);
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (strcmp (s, aliases[i].zh) == 0)
      return civ_doc_kind_to_string (aliases[i].kind);
  return NULL;
}

static const char *
parse_doc_status (const char *s)
{
  static const struct
  {
    const char *text;
    const char *status;
  } words[] = {
    { "有", CIV_DOC_STATUS_PRESENT },
    { "无（登记时尚无身份证号）", CIV_DOC_STATUS_ABSENT_PRE_ID },
    { "无(登记时尚无身份证号)", CIV_DOC_STATUS_ABSENT_PRE_ID },
    { "登记时尚无身份证号", CIV_DOC_STATUS_ABSENT_PRE_ID },
    { "不详", CIV_DOC_STATUS_ABSENT_UNKNOWN },
  };
  const char *const ids[] = { CIV_DOC_STATUS_PRESENT, CIV_DOC_STATUS_ABSENT_PRE_ID,
                              CIV_DOC_STATUS_ABSENT_UNKNOWN };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    if (g_ascii_strcasecmp (s, ids[i]) == 0)
      return ids[i];
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strcmp (s, words[i].text) == 0)
      return words[i].status;
  return NULL;
}

static gboolean
is_doc_status (const char *s)
{
  return g_strcmp0 (s, CIV_DOC_STATUS_PRESENT) == 0 ||
         g_strcmp0 (s, CIV_DOC_STATUS_ABSENT_PRE_ID) == 0 ||
         g_strcmp0 (s, CIV_DOC_STATUS_ABSENT_UNKNOWN) == 0;
}

static void
replace (char **slot, char *value)
{
  g_free (*slot);
  *slot = value;
}

static const char *
doc_status_display_name (const char *status)
{
  if (g_strcmp0 (status, CIV_DOC_STATUS_PRESENT) == 0)
    return C_ ("identity number", "Recorded");
  if (g_strcmp0 (status, CIV_DOC_STATUS_ABSENT_PRE_ID) == 0)
    return _ ("None: registered before identity numbers");
  if (g_strcmp0 (status, CIV_DOC_STATUS_ABSENT_UNKNOWN) == 0)
    return _ ("Not known");
  return NULL;
}

static const char *
sex_display_name (const char *code)
{
  if (g_strcmp0 (code, "1") == 0)
    return C_ ("sex", "Male");
  if (g_strcmp0 (code, "2") == 0)
    return C_ ("sex", "Female");
  if (g_strcmp0 (code, "0") == 0)
    return C_ ("sex", "Not known");
  if (g_strcmp0 (code, "9") == 0)
    return C_ ("sex", "Not stated");
  return NULL;
}

char *
civ_historical_field_display (int field, const char *value)
{
  const char *name = NULL;
  gboolean    with_code = TRUE;

  g_return_val_if_fail (field >= 0 && field < CIV_HF_N_FIELDS, NULL);
  if (value == NULL || *value == '\0')
    return g_strdup ("");
  switch (field)
    {
    case CIV_HF_KIND:
      {
        CivHistKind kind;

        if (civ_hist_kind_from_string (value, &kind))
          name = civ_hist_kind_display_name (kind);
        with_code = FALSE;
        break;
      }
    case CIV_HF_NUMBER_ERA:
      {
        CivNumberEra era;

        if (civ_number_era_from_string (value, &era))
          name = civ_number_era_display_name (era);
        with_code = FALSE;
        break;
      }
    case CIV_HF_NATURE:
      name = civ_marital_status_name ((int) g_ascii_strtoll (value, NULL, 10));
      break;
    default:
      if (field < CIV_HF_P_FIRST)
        break;
      switch ((CivHistPartyField) ((field - CIV_HF_P_FIRST) % CIV_HF_P_COUNT))
        {
        case CIV_HF_P_SEX:
          name = sex_display_name (value);
          break;
        case CIV_HF_P_NATIONALITY:
          name = civ_country_name (value);
          break;
        case CIV_HF_P_ETHNICITY:
          name = civ_ethnicity_name (value);
          break;
        case CIV_HF_P_DOC_KIND:
          {
            CivDocKind kind;

            if (civ_doc_kind_from_string (value, &kind))
              name = civ_doc_kind_display_name (kind);
            with_code = FALSE;
            break;
          }
        case CIV_HF_P_DOC_STATUS:
          name = doc_status_display_name (value);
          with_code = FALSE;
          break;
        case CIV_HF_P_STATUS_BEFORE:
          name = civ_marital_status_name ((int) g_ascii_strtoll (value, NULL, 10));
          break;
        case CIV_HF_P_NAME:
        case CIV_HF_P_BIRTH_DATE:
        case CIV_HF_P_OCCUPATION:
        case CIV_HF_P_DOC_NUMBER:
        case CIV_HF_P_COUNT:
        default:
          break;
        }
      break;
    }
  if (name == NULL || *name == '\0')
    return g_strdup (value);
  return with_code ? g_strdup_printf ("%s %s", value, name) : g_strdup (name);
}

char *
civ_historical_get_field (const CivHistoricalInput *input, int field)
{
  const CivHistParty *p;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (field >= 0 && field < CIV_HF_N_FIELDS, NULL);

  switch (field)
    {
    case CIV_HF_KIND:
      return g_strdup (civ_hist_kind_to_string (input->kind));
    case CIV_HF_DATE:
      return civ_partial_date_is_set (&input->date) ? civ_partial_date_to_iso (&input->date)
                                                    : g_strdup ("");
    case CIV_HF_RAW_NUMBER:
      return g_strdup (input->raw_number ? input->raw_number : "");
    case CIV_HF_NUMBER_ERA:
      return g_strdup (civ_number_era_to_string (input->number_era));
    case CIV_HF_OFFICE_CODE:
      return g_strdup (input->office_code ? input->office_code : "");
    case CIV_HF_OFFICE_NAME:
      return g_strdup (input->office_name ? input->office_name : "");
    case CIV_HF_REGISTRAR:
      return g_strdup (input->registrar ? input->registrar : "");
    case CIV_HF_NATURE:
      return input->nature ? g_strdup_printf ("%d", input->nature) : g_strdup ("");
    case CIV_HF_ARCHIVE_NO:
      return g_strdup (input->archive_no ? input->archive_no : "");
    case CIV_HF_VOLUME:
      return g_strdup (input->volume ? input->volume : "");
    case CIV_HF_PAGE:
      return input->page ? g_strdup_printf ("%d", input->page) : g_strdup ("");
    case CIV_HF_ENTRY:
      return input->entry ? g_strdup_printf ("%d", input->entry) : g_strdup ("");
    case CIV_HF_REMARKS:
      return g_strdup (input->remarks ? input->remarks : "");
    default:
      break;
    }

  field -= CIV_HF_P_FIRST;
  p = &input->party[field / CIV_HF_P_COUNT];
  switch ((CivHistPartyField) (field % CIV_HF_P_COUNT))
    {
    case CIV_HF_P_NAME:
      return g_strdup (p->name ? p->name : "");
    case CIV_HF_P_SEX:
      return p->sex ? g_strdup_printf ("%d", p->sex) : g_strdup ("");
    case CIV_HF_P_BIRTH_DATE:
      return civ_partial_date_is_set (&p->birth_date) ? civ_partial_date_to_iso (&p->birth_date)
                                                      : g_strdup ("");
    case CIV_HF_P_NATIONALITY:
      return g_strdup (p->nationality ? p->nationality : "");
    case CIV_HF_P_ETHNICITY:
      return g_strdup (p->ethnicity ? p->ethnicity : "");
    case CIV_HF_P_OCCUPATION:
      return g_strdup (p->occupation ? p->occupation : "");
    case CIV_HF_P_DOC_KIND:
      return g_strdup (p->doc_kind ? p->doc_kind : "");
    case CIV_HF_P_DOC_NUMBER:
      return g_strdup (p->doc_number ? p->doc_number : "");
    case CIV_HF_P_DOC_STATUS:
      return g_strdup (p->doc_status ? p->doc_status : "");
    case CIV_HF_P_STATUS_BEFORE:
      return g_strdup_printf ("%d", p->status_before);
    case CIV_HF_P_COUNT:
    default:
      break;
    }
  g_return_val_if_reached (NULL);
}

gboolean
civ_historical_set_field (CivHistoricalInput *input, int field, const char *text, GError **error)
{
  g_autofree char *s = NULL;
  const char      *label;
  CivHistParty    *p;

  g_return_val_if_fail (input != NULL, FALSE);
  g_return_val_if_fail (field >= 0 && field < CIV_HF_N_FIELDS, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  s = to_ascii_width (text != NULL ? text : "");
  label = civ_hist_field_label (field);

  switch (field)
    {
    case CIV_HF_KIND:
      {
        CivHistKind      kind;
        g_autofree char *bare = NULL;

        if (!civ_hist_kind_from_string (s, &kind))
          {
            civ_app_set_invalid (error, "R-AR2",
                                 _ ("%s: “%s” is not a kind of entry; give marriage, divorce, "
                                    "reissue or revocation (结婚, 离婚, 补发 or 撤销)"),
                                 label, s);
            return FALSE;
          }
        input->kind = kind;
        return TRUE;
      }
    case CIV_HF_DATE:
      {
        CivPartialDate d = { 0, 0, 0 };

        if (*s != '\0' && !civ_partial_date_parse (s, &d))
          {
            civ_app_set_invalid (error, "R-H4",
                                 _ ("%s: “%s” is not a date; give a year, a year and month or a "
                                    "full date that exists, such as 1985, 1985-06 or 1985-06-12"),
                                 label, s);
            return FALSE;
          }
        input->date = d;
        return TRUE;
      }
    case CIV_HF_RAW_NUMBER:
      {
        g_autofree char *raw = g_strstrip (g_strdup (text != NULL ? text : ""));

        if (*raw == '\0')
          {
            g_clear_pointer (&input->raw_number, g_free);
            return TRUE;
          }
        if (input->number_era == CIV_NUMBER_ERA_NONE)
          input->number_era = civ_number_era_classify (raw);
        replace (&input->raw_number, g_steal_pointer (&raw));
        return TRUE;
      }
    case CIV_HF_NUMBER_ERA:
      {
        CivNumberEra era;

        if (*s == '\0')
          era = CIV_NUMBER_ERA_NONE;
        else if (!civ_number_era_from_string (s, &era))
          {
            civ_app_set_invalid (error, "R-N2",
                                 _ ("%s: “%s” is not a number format era; give none, pre-2003, "
                                    "interim-2003 or national"),
                                 label, s);
            return FALSE;
          }
        input->number_era = era;
        return TRUE;
      }
    case CIV_HF_OFFICE_CODE:
      if (*s != '\0' && (strlen (s) != 6 || !civ_ascii_all_digits (s, 6)))
        {
          civ_app_set_invalid (error, "R-ID6",
                               _ ("%s: “%s” is not an office code; give the six-digit GB/T 2260 "
                                  "code the office had on the entry’s date"),
                               label, s);
          return FALSE;
        }
      replace (&input->office_code, g_steal_pointer (&s));
      return TRUE;
    case CIV_HF_OFFICE_NAME:
      replace (&input->office_name, g_strstrip (g_strdup (text ? text : "")));
      return TRUE;
    case CIV_HF_REGISTRAR:
      replace (&input->registrar, g_strstrip (g_strdup (text ? text : "")));
      return TRUE;
    case CIV_HF_NATURE:
      {
        int nature;

        if (!parse_nature (s, &nature))
          {
            civ_app_set_invalid (error, "R-ID10",
                                 _ ("%s: “%s” is not a nature of marriage; give 21 (first "
                                    "marriage), 22 (remarriage) or 23 (remarriage to each other)"),
                                 label, s);
            return FALSE;
          }
        input->nature = nature;
        return TRUE;
      }
    case CIV_HF_ARCHIVE_NO:
      replace (&input->archive_no, g_strstrip (g_strdup (text ? text : "")));
      return TRUE;
    case CIV_HF_VOLUME:
      replace (&input->volume, g_strstrip (g_strdup (text ? text : "")));
      return TRUE;
    case CIV_HF_PAGE:
    case CIV_HF_ENTRY:
      {
        int n = 0;

        if (*s != '\0' && !parse_whole (s, 999999, &n))
          {
            civ_app_set_invalid (error, "R-AR2",
                                 _ ("%s: “%s” is not a page or entry number; give a whole number "
                                    "from 1, or nothing when the source does not say"),
                                 label, s);
            return FALSE;
          }
        if (field == CIV_HF_PAGE)
          input->page = n;
        else
          input->entry = n;
        return TRUE;
      }
    case CIV_HF_REMARKS:
      replace (&input->remarks, g_strstrip (g_strdup (text ? text : "")));
      return TRUE;
    default:
      break;
    }

  p = &input->party[(field - CIV_HF_P_FIRST) / CIV_HF_P_COUNT];
  switch ((CivHistPartyField) ((field - CIV_HF_P_FIRST) % CIV_HF_P_COUNT))
    {
    case CIV_HF_P_NAME:
      replace (&p->name, g_strstrip (g_strdup (text ? text : "")));
      return TRUE;
    case CIV_HF_P_SEX:
      {
        int sex;

        if (!parse_sex (s, &sex))
          {
            civ_app_set_invalid (error, "R-ID10",
                                 _ ("%s: “%s” is not a sex; give 男 or 女 (1 or 2), or 0 when "
                                    "unknown and 9 when not stated"),
                                 label, s);
            return FALSE;
          }
        p->sex = sex;
        return TRUE;
      }
    case CIV_HF_P_BIRTH_DATE:
      {
        CivPartialDate d = { 0, 0, 0 };

        if (*s != '\0' && !civ_partial_date_parse (s, &d))
          {
            civ_app_set_invalid (error, "R-H4",
                                 _ ("%s: “%s” is not a date; give a year, a year and month or a "
                                    "full date that exists, such as 1985, 1985-06 or 1985-06-12"),
                                 label, s);
            return FALSE;
          }
        p->birth_date = d;
        return TRUE;
      }
    case CIV_HF_P_NATIONALITY:
      {
        char *code = parse_nationality (s);

        if (code == NULL)
          {
            civ_app_set_invalid (error, "R-H4",
                                 _ ("%s: “%s” is not a country; give its GB/T 2659 three-letter "
                                    "code (CHN) or its Chinese short name (中国)"),
                                 label, s);
            return FALSE;
          }
        replace (&p->nationality, code);
        return TRUE;
      }
    case CIV_HF_P_ETHNICITY:
      {
        const char *code = parse_ethnicity (s);

        if (code == NULL)
          {
            civ_app_set_invalid (error, "R-H4",
                                 _ ("%s: “%s” is not an ethnic group; give its GB/T 3304 code "
                                    "(01 to 56, 97, 98) or its name (汉族)"),
                                 label, s);
            return FALSE;
          }
        replace (&p->ethnicity, g_strdup (code));
        return TRUE;
      }
    case CIV_HF_P_OCCUPATION:
      replace (&p->occupation, g_strstrip (g_strdup (text ? text : "")));
      return TRUE;
    case CIV_HF_P_DOC_KIND:
      {
        const char *kind = parse_doc_kind (s);

        if (kind == NULL)
          {
            civ_app_set_invalid (error, "R-ID9",
                                 _ ("%s: “%s” is not a kind of identity document; give "
                                    "resident-id, resident-id-15, passport or another kind the "
                                    "program lists"),
                                 label, s);
            return FALSE;
          }
        replace (&p->doc_kind, g_strdup (kind));
        return TRUE;
      }
    case CIV_HF_P_DOC_NUMBER:
      if (*s == '\0')
        {
          g_clear_pointer (&p->doc_number, g_free);
          return TRUE;
        }
      if (g_strcmp0 (p->doc_status, CIV_DOC_STATUS_ABSENT_UNKNOWN) == 0)
        replace (&p->doc_status, g_strdup (CIV_DOC_STATUS_PRESENT));
      replace (&p->doc_number, g_steal_pointer (&s));
      return TRUE;
    case CIV_HF_P_DOC_STATUS:
      {
        const char *status = parse_doc_status (s);

        if (status == NULL)
          {
            civ_app_set_invalid (error, "R-H3",
                                 _ ("%s: “%s” is not a document number status; give PRESENT, "
                                    "ABSENT_PRE_ID (无（登记时尚无身份证号）) or ABSENT_UNKNOWN "
                                    "(不详)"),
                                 label, s);
            return FALSE;
          }
        replace (&p->doc_status, g_strdup (status));
        return TRUE;
      }
    case CIV_HF_P_STATUS_BEFORE:
      {
        int code;

        if (!parse_status_before (s, &code))
          {
            civ_app_set_invalid (error, "R-ID10",
                                 _ ("%s: “%s” is not a marital status; give a GB/T 2261.2 code "
                                    "(10, 20, 21, 22, 23, 30, 40, 90) or its name (未婚, 离婚…)"),
                                 label, s);
            return FALSE;
          }
        p->status_before = code;
        return TRUE;
      }
    case CIV_HF_P_COUNT:
    default:
      break;
    }
  g_return_val_if_reached (FALSE);
}

/* ------------------------------------------------------------------ */
/* Validation                                                          */

void
civ_field_error_free (CivFieldError *e)
{
  if (e == NULL)
    return;
  g_free (e->message);
  g_free (e);
}

static void add_error (GPtrArray *errors, int field, const char *format, ...) G_GNUC_PRINTF (3, 4);

static void
add_error (GPtrArray *errors, int field, const char *format, ...)
{
  CivFieldError *e;
  va_list        args;

  if (errors == NULL)
    return;
  e = g_new0 (CivFieldError, 1);
  e->field = field;
  va_start (args, format);
  e->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (errors, e);
}

static void add_finding (GPtrArray  *findings,
                         const char *rule,
                         CivSeverity severity,
                         const char *format,
                         ...) G_GNUC_PRINTF (4, 5);

static void
add_finding (GPtrArray *findings, const char *rule, CivSeverity severity, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list          args;

  if (findings == NULL)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (findings, civ_finding_new (rule, severity, message));
}

static gboolean
is_blank (const char *s)
{
  for (; s != NULL && *s; s = g_utf8_next_char (s))
    if (!g_unichar_isspace (g_utf8_get_char (s)))
      return FALSE;
  return TRUE;
}

static int
cmp_dmy (const GDate *d, int year, int month, int day)
{
  GDate other;

  g_date_clear (&other, 1);
  g_date_set_dmy (&other, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return g_date_compare (d, &other);
}

/* Completed years (周岁) of someone born on @birth on @on. */
static int
age_on (const GDate *birth, const GDate *on)
{
  int years = g_date_get_year (on) - g_date_get_year (birth);

  if (g_date_get_month (on) < g_date_get_month (birth) ||
      (g_date_get_month (on) == g_date_get_month (birth) &&
       g_date_get_day (on) < g_date_get_day (birth)))
    years--;
  return years;
}

/* The minimum age on @on (R-H1), 0 before the 1950 Marriage Law. */
static int
minimum_age (const GDate *on, gboolean man)
{
  if (cmp_dmy (on, 1950, 5, 1) < 0)
    return 0;
  if (cmp_dmy (on, 1981, 1, 1) < 0)
    return man ? 20 : 18;
  return man ? 22 : 20;
}

static void
set_dmy (GDate *d, int year, int month, int day)
{
  g_date_clear (d, 1);
  g_date_set_dmy (d, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

/* R-H1 for one party: under age for certain (WARN), perhaps (INFO) or not. */
static void
check_age (const CivHistParty *p,
           gboolean            man,
           const char         *who,
           const GDate        *entry_first,
           const GDate        *entry_last,
           GPtrArray          *findings)
{
  GDate    birth_first, birth_last, candidates[4];
  guint    n = 0;
  gboolean certain = TRUE;
  gboolean possible = FALSE;
  int      min_certain = 0;

  civ_partial_date_range (&p->birth_date, &birth_first, &birth_last);
  if (!g_date_valid (&birth_first) || g_date_compare (&birth_first, entry_last) > 0)
    return;

  /* Certain: even the oldest the party may be is under the minimum on
   * every day the entry may stand for. Between the rule dates the margin
   * (age − minimum) only grows, so the days to look at are the last one
   * and the last one before each rule date inside the range. */
  candidates[n++] = *entry_last;
  set_dmy (&candidates[n], 1980, 12, 31);
  if (g_date_compare (entry_first, &candidates[n]) <= 0 &&
      g_date_compare (&candidates[n], entry_last) < 0)
    n++;
  for (guint i = 0; i < n; i++)
    {
      int min = minimum_age (&candidates[i], man);

      if (min == 0 || age_on (&birth_first, &candidates[i]) >= min)
        certain = FALSE;
      else
        min_certain = min;
    }
  if (cmp_dmy (entry_first, 1950, 5, 1) < 0)
    certain = FALSE;

  /* Possible: the youngest the party may be is under the minimum on the
   * first day the entry may stand for or on the first day of a rule. */
  n = 0;
  candidates[n++] = *entry_first;
  set_dmy (&candidates[n], 1950, 5, 1);
  if (g_date_compare (entry_first, &candidates[n]) < 0 &&
      g_date_compare (&candidates[n], entry_last) <= 0)
    n++;
  set_dmy (&candidates[n], 1981, 1, 1);
  if (g_date_compare (entry_first, &candidates[n]) < 0 &&
      g_date_compare (&candidates[n], entry_last) <= 0)
    n++;
  for (guint i = 0; i < n; i++)
    {
      int min = minimum_age (&candidates[i], man);

      if (min != 0 && age_on (&birth_last, &candidates[i]) < min)
        possible = TRUE;
    }

  if (certain)
    add_finding (findings, "R-H1", CIV_SEVERITY_WARN,
                 _ ("%s was under the minimum age of %d for marriage in force on the entry’s "
                    "date; the entry is kept as recorded"),
                 who, min_certain);
  else if (possible)
    add_finding (findings, "R-H1", CIV_SEVERITY_INFO,
                 _ ("%s may have been under the minimum age for marriage in force on the entry’s "
                    "date; the dates recorded are not precise enough to tell"),
                 who);
}

/* The document kind to check a number as: the one recorded, with a resident
 * identity number taken as 15- or 18-digit by its length. */
static CivDocKind
doc_kind_for (const CivHistParty *p, const char *number)
{
  CivDocKind kind = CIV_DOC_UNKNOWN;

  if (p->doc_kind == NULL || *p->doc_kind == '\0' || !civ_doc_kind_from_string (p->doc_kind, &kind))
    return CIV_DOC_UNKNOWN;
  if (kind == CIV_DOC_RESIDENT_ID || kind == CIV_DOC_RESIDENT_ID_15)
    kind = strlen (number) == 15 ? CIV_DOC_RESIDENT_ID_15 : CIV_DOC_RESIDENT_ID;
  return kind;
}

static void
check_party (const CivHistoricalInput *input,
             guint                     i,
             const GDate              *entry_first,
             const GDate              *entry_last,
             GPtrArray                *errors,
             GPtrArray                *findings)
{
  const CivHistParty *p = &input->party[i];
  const char         *who = i == 0 ? _ ("The man") : _ ("The woman");
  GDate               birth_first, birth_last;

  if (is_blank (p->name))
    add_error (errors, CIV_HF_PARTY (i, CIV_HF_P_NAME), _ ("%s: give the name as the book has it"),
               civ_hist_field_label (CIV_HF_PARTY (i, CIV_HF_P_NAME)));
  if (p->sex != 0 && p->sex != 1 && p->sex != 2 && p->sex != 9)
    add_error (errors, CIV_HF_PARTY (i, CIV_HF_P_SEX), _ ("%s: give 男 or 女 (1 or 2), 0 or 9"),
               civ_hist_field_label (CIV_HF_PARTY (i, CIV_HF_P_SEX)));
  if (p->nationality == NULL || !civ_country_code_is_valid (p->nationality))
    add_error (errors, CIV_HF_PARTY (i, CIV_HF_P_NATIONALITY),
               _ ("%s: give a GB/T 2659 three-letter code such as CHN"),
               civ_hist_field_label (CIV_HF_PARTY (i, CIV_HF_P_NATIONALITY)));
  if (p->ethnicity != NULL && *p->ethnicity != '\0' && civ_ethnicity_name (p->ethnicity) == NULL)
    add_error (errors, CIV_HF_PARTY (i, CIV_HF_P_ETHNICITY),
               _ ("%s: give a GB/T 3304 code (01 to 56, 97, 98) or nothing"),
               civ_hist_field_label (CIV_HF_PARTY (i, CIV_HF_P_ETHNICITY)));
  if (civ_marital_status_name (p->status_before) == NULL)
    add_error (errors, CIV_HF_PARTY (i, CIV_HF_P_STATUS_BEFORE),
               _ ("%s: give a GB/T 2261.2 code (10, 20, 21, 22, 23, 30, 40 or 90)"),
               civ_hist_field_label (CIV_HF_PARTY (i, CIV_HF_P_STATUS_BEFORE)));
  if (p->doc_kind != NULL && *p->doc_kind != '\0' && parse_doc_kind (p->doc_kind) == NULL)
    add_error (errors, CIV_HF_PARTY (i, CIV_HF_P_DOC_KIND),
               _ ("%s: give a kind of identity document the program lists, or nothing"),
               civ_hist_field_label (CIV_HF_PARTY (i, CIV_HF_P_DOC_KIND)));

  /* R-H3: a number as recorded, or a status that says why there is none. */
  if (!is_doc_status (p->doc_status))
    add_error (errors, CIV_HF_PARTY (i, CIV_HF_P_DOC_STATUS),
               _ ("%s: give PRESENT, ABSENT_PRE_ID or ABSENT_UNKNOWN"),
               civ_hist_field_label (CIV_HF_PARTY (i, CIV_HF_P_DOC_STATUS)));
  else if (p->doc_number == NULL && strcmp (p->doc_status, CIV_DOC_STATUS_PRESENT) == 0)
    add_error (errors, CIV_HF_PARTY (i, CIV_HF_P_DOC_NUMBER),
               _ ("%s: the status says a number is recorded but none is given; key the number "
                  "or set the status to ABSENT_PRE_ID or ABSENT_UNKNOWN"),
               civ_hist_field_label (CIV_HF_PARTY (i, CIV_HF_P_DOC_NUMBER)));
  else if (p->doc_number != NULL && strcmp (p->doc_status, CIV_DOC_STATUS_PRESENT) != 0)
    add_error (errors, CIV_HF_PARTY (i, CIV_HF_P_DOC_STATUS),
               _ ("%s: a number is recorded, so the status must be PRESENT; clear the number if "
                  "the book has none"),
               civ_hist_field_label (CIV_HF_PARTY (i, CIV_HF_P_DOC_STATUS)));

  civ_partial_date_range (&p->birth_date, &birth_first, &birth_last);
  if (civ_partial_date_is_set (&p->birth_date) && !g_date_valid (&birth_first))
    add_error (errors, CIV_HF_PARTY (i, CIV_HF_P_BIRTH_DATE), _ ("%s: the date does not exist"),
               civ_hist_field_label (CIV_HF_PARTY (i, CIV_HF_P_BIRTH_DATE)));
  else if (g_date_valid (&birth_first) && g_date_valid (entry_last) &&
           g_date_compare (&birth_first, entry_last) > 0)
    add_error (errors, CIV_HF_PARTY (i, CIV_HF_P_BIRTH_DATE),
               _ ("%s: the party is born after the entry’s date; check both dates"),
               civ_hist_field_label (CIV_HF_PARTY (i, CIV_HF_P_BIRTH_DATE)));

  if (!g_date_valid (entry_first))
    return;

  if (input->kind == CIV_HIST_MARRIAGE && g_date_valid (&birth_first))
    check_age (p, p->sex == CIV_SEX_MALE || (p->sex != CIV_SEX_FEMALE && i == 0), who, entry_first,
               entry_last, findings);

  if (p->doc_number != NULL)
    {
      g_autoptr (CivIdCheck) check = NULL;
      CivDocKind kind = doc_kind_for (p, p->doc_number);

      if (cmp_dmy (entry_last, 1984, 1, 1) < 0)
        add_finding (findings, "R-H3", CIV_SEVERITY_WARN,
                     _ ("%s has an identity number on an entry dated before 1984, when numbers "
                        "began; check that the book records it and that it is not a placeholder"),
                     who);
      check = civ_id_check (p->doc_number, kind, entry_last, NULL);
      if (check->kind == CIV_DOC_RESIDENT_ID_15 && cmp_dmy (entry_first, 2005, 1, 1) >= 0)
        add_finding (findings, "R-H3", CIV_SEVERITY_INFO,
                     _ ("%s has a 15-digit identity number on an entry dated after 2004; it is "
                        "kept as recorded"),
                     who);
      for (guint k = 0; k < check->findings->len; k++)
        {
          const CivFinding *f = g_ptr_array_index (check->findings, k);

          if (f->severity >= CIV_SEVERITY_WARN)
            add_finding (findings, f->rule, CIV_SEVERITY_WARN, _ ("%s: %s"), who, f->message);
        }
      /* A keying slip shows as a number that disagrees with the entry. */
      if (g_date_valid (&check->birth_date) && g_date_valid (&birth_first) &&
          (g_date_compare (&check->birth_date, &birth_first) < 0 ||
           g_date_compare (&check->birth_date, &birth_last) > 0))
        add_finding (findings, "R-ID1", CIV_SEVERITY_WARN,
                     _ ("%s: the date of birth in the identity number differs from the date of "
                        "birth recorded; check both against the book"),
                     who);
      if ((check->sex == CIV_SEX_MALE || check->sex == CIV_SEX_FEMALE) &&
          (p->sex == CIV_SEX_MALE || p->sex == CIV_SEX_FEMALE) && (int) check->sex != p->sex)
        add_finding (findings, "R-ID1", CIV_SEVERITY_WARN,
                     _ ("%s: the sex the identity number gives differs from the sex recorded; "
                        "check both against the book"),
                     who);
    }
  else if (g_strcmp0 (p->doc_status, CIV_DOC_STATUS_ABSENT_PRE_ID) == 0 &&
           cmp_dmy (entry_first, 2000, 1, 1) >= 0)
    add_finding (findings, "R-H3", CIV_SEVERITY_WARN,
                 _ ("%s is recorded as having no identity number yet, on an entry dated after "
                    "1999; check the book"),
                 who);
}

static void
check_number_era (const CivHistoricalInput *input,
                  const GDate              *first,
                  const GDate              *last,
                  GPtrArray                *findings)
{
  const char *era = civ_number_era_display_name (input->number_era);

  switch (input->number_era)
    {
    case CIV_NUMBER_ERA_NATIONAL:
      if (cmp_dmy (last, 2003, 10, 1) < 0)
        add_finding (findings, "R-N2", CIV_SEVERITY_INFO,
                     _ ("The certificate number is of the national format, which did not exist "
                        "before 2003-10-01; check the number and the date"));
      else
        {
          static const char *const prefixes[] = { "J", "L", "B", NULL };
          const char              *want =
            input->kind < G_N_ELEMENTS (prefixes) - 1 ? prefixes[input->kind] : NULL;

          if (want != NULL && input->raw_number != NULL &&
              !g_str_has_prefix (input->raw_number, want))
            add_finding (findings, "R-N1", CIV_SEVERITY_INFO,
                         _ ("The certificate number’s letters do not fit the kind of entry (J "
                            "marriage, L divorce, BJ or BL reissue); it is kept as written"));
        }
      break;
    case CIV_NUMBER_ERA_INTERIM_2003:
      if (cmp_dmy (last, 2003, 10, 1) < 0 || cmp_dmy (first, 2005, 1, 1) >= 0)
        add_finding (findings, "R-N2", CIV_SEVERITY_INFO,
                     _ ("The number is tagged “%s”, which was used from 2003-10 to 2004 only; "
                        "check the number, its era and the date"),
                     era);
      break;
    case CIV_NUMBER_ERA_PRE_2003:
      if (cmp_dmy (first, 2004, 7, 1) >= 0)
        add_finding (findings, "R-N2", CIV_SEVERITY_INFO,
                     _ ("The number is tagged “%s”, but old certificates were withdrawn on "
                        "2004-07-01; check the number, its era and the date"),
                     era);
      break;
    case CIV_NUMBER_ERA_NONE:
    case CIV_NUMBER_ERA_N:
    default:
      break;
    }
}

gboolean
civ_historical_validate (const CivHistoricalInput *input,
                         const GDate              *today,
                         GPtrArray                *errors,
                         GPtrArray                *findings)
{
  g_autoptr (GPtrArray) own_errors = NULL;
  GDate first, last, now;

  g_return_val_if_fail (input != NULL, FALSE);

  if (errors == NULL)
    errors = own_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_field_error_free);
  else
    own_errors = g_ptr_array_ref (errors);
  {
    guint before = errors->len;

    if (today != NULL && g_date_valid (today))
      now = *today;
    else
      {
        g_date_clear (&now, 1);
        g_date_set_time_t (&now, time (NULL));
      }

    if ((guint) input->kind >= CIV_HIST_N_KINDS)
      add_error (errors, CIV_HF_KIND, _ ("%s: give marriage, divorce, reissue or revocation"),
                 civ_hist_field_label (CIV_HF_KIND));

    civ_partial_date_range (&input->date, &first, &last);
    if (!civ_partial_date_is_set (&input->date))
      add_error (errors, CIV_HF_DATE, _ ("%s: give the date the book records, at least its year"),
                 civ_hist_field_label (CIV_HF_DATE));
    else if (!g_date_valid (&first))
      add_error (errors, CIV_HF_DATE, _ ("%s: the date does not exist"),
                 civ_hist_field_label (CIV_HF_DATE));
    else if (cmp_dmy (&last, 1949, 10, 1) < 0)
      add_error (errors, CIV_HF_DATE,
                 _ ("%s: the date is before 1949-10-01, before the registries kept these books; "
                    "check the date"),
                 civ_hist_field_label (CIV_HF_DATE));
    else if (g_date_compare (&first, &now) > 0)
      add_error (errors, CIV_HF_DATE, _ ("%s: the date is in the future; check the date"),
                 civ_hist_field_label (CIV_HF_DATE));

    if ((guint) input->number_era >= CIV_NUMBER_ERA_N)
      add_error (errors, CIV_HF_NUMBER_ERA, _ ("%s: give none, pre-2003, interim-2003 or national"),
                 civ_hist_field_label (CIV_HF_NUMBER_ERA));
    else if (input->raw_number == NULL && input->number_era != CIV_NUMBER_ERA_NONE)
      add_error (errors, CIV_HF_NUMBER_ERA,
                 _ ("%s: there is no certificate number, so its era must be none"),
                 civ_hist_field_label (CIV_HF_NUMBER_ERA));
    else if (input->raw_number != NULL && input->number_era == CIV_NUMBER_ERA_NONE)
      add_error (errors, CIV_HF_NUMBER_ERA,
                 _ ("%s: a certificate number is recorded; give its format era"),
                 civ_hist_field_label (CIV_HF_NUMBER_ERA));

    if (input->office_code != NULL && *input->office_code != '\0' &&
        (strlen (input->office_code) != 6 || !civ_ascii_all_digits (input->office_code, 6)))
      add_error (errors, CIV_HF_OFFICE_CODE, _ ("%s: give six digits (GB/T 2260)"),
                 civ_hist_field_label (CIV_HF_OFFICE_CODE));
    if (input->nature != 0 && input->nature != 21 && input->nature != 22 && input->nature != 23)
      add_error (errors, CIV_HF_NATURE, _ ("%s: give 21, 22, 23 or nothing"),
                 civ_hist_field_label (CIV_HF_NATURE));
    if (input->page < 0)
      add_error (errors, CIV_HF_PAGE, _ ("%s: give a whole number from 1, or nothing"),
                 civ_hist_field_label (CIV_HF_PAGE));
    if (input->entry < 0)
      add_error (errors, CIV_HF_ENTRY, _ ("%s: give a whole number from 1, or nothing"),
                 civ_hist_field_label (CIV_HF_ENTRY));

    if (!g_date_valid (&first))
      {
        g_date_clear (&first, 1);
        g_date_clear (&last, 1);
      }
    for (guint i = 0; i < 2; i++)
      check_party (input, i, &first, &last, errors, findings);

    if (g_date_valid (&first))
      {
        if (input->kind == CIV_HIST_MARRIAGE && cmp_dmy (&first, 1950, 5, 1) < 0)
          add_finding (findings, "R-H1", CIV_SEVERITY_INFO,
                       cmp_dmy (&last, 1950, 5, 1) < 0
                         ? _ ("The entry predates the Marriage Law of 1950 (in force from "
                              "1950-05-01); no minimum age is checked")
                         : _ ("The entry may predate the Marriage Law of 1950 (in force from "
                              "1950-05-01); the date is not precise enough to tell"));
        if (input->kind == CIV_HIST_MARRIAGE && input->party[0].sex == input->party[1].sex &&
            (input->party[0].sex == CIV_SEX_MALE || input->party[0].sex == CIV_SEX_FEMALE))
          add_finding (findings, "R-H1", CIV_SEVERITY_WARN,
                       _ ("Both parties of the marriage are recorded with the same sex; check "
                          "the book and add a remark if it says so"));
        if (input->kind == CIV_HIST_REVOCATION && cmp_dmy (&last, 2021, 1, 1) >= 0)
          add_finding (findings, "R-V2", CIV_SEVERITY_WARN,
                       _ ("A registry annulment is dated 2021-01-01 or later, when only a court "
                          "could annul a marriage; check the date and the kind of entry"));
        check_number_era (input, &first, &last, findings);
      }
    return errors->len == before;
  }
}

/* ------------------------------------------------------------------ */
/* The identity key                                                    */

char *
civ_hist_party_id_key (const CivHistParty *party)
{
  g_autoptr (CivIdCheck) check = NULL;
  g_autofree char *number = NULL;
  CivDocKind       kind;

  g_return_val_if_fail (party != NULL, NULL);
  if (party->doc_number == NULL)
    return NULL;
  number = to_ascii_width (party->doc_number);
  if (*number == '\0')
    return NULL;
  kind = doc_kind_for (party, number);
  check = civ_id_check (number, kind, NULL, NULL);
  if (!check->valid || check->kind == CIV_DOC_UNKNOWN)
    return NULL;
  if (check->kind == CIV_DOC_RESIDENT_ID || check->kind == CIV_DOC_RESIDENT_ID_15)
    return g_strdup (check->normalized);
  return g_strdup_printf ("%s:%s", civ_doc_kind_to_string (check->kind),
                          check->normalized != NULL ? check->normalized : check->recorded);
}
