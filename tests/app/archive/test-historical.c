// SPDX-License-Identifier: GPL-3.0-or-later
/* test-historical.c — one historical register entry (civ-historical.h):
 * partial dates, number eras, every field from and to text, the rules of
 * the entry's day as findings (R-H1, R-H3, R-N2, R-V2), errors that keep an
 * entry out, the identity key, copies */
#include <string.h>

#include "civ-app-error.h"
#include "civ-citations.h"
#include "civ-historical.h"

static GDate
date (int y, int m, int d)
{
  GDate result;

  g_date_clear (&result, 1);
  g_date_set_dmy (&result, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return result;
}

static void
assert_parses (const char *text, int y, int m, int d)
{
  CivPartialDate out = { -1, -1, -1 };

  if (!civ_partial_date_parse (text, &out))
    g_error ("“%s” did not parse", text);
  g_assert_cmpint (out.year, ==, y);
  g_assert_cmpint (out.month, ==, m);
  g_assert_cmpint (out.day, ==, d);
}

static void
assert_refused_date (const char *text)
{
  CivPartialDate out = { 7, 7, 7 };

  if (civ_partial_date_parse (text, &out))
    g_error ("“%s” parsed as %d-%d-%d", text, out.year, out.month, out.day);
  g_assert_cmpint (out.year, ==, 7);
}

static void
test_partial_dates (void)
{
  CivPartialDate   d = { 1984, 2, 0 };
  GDate            first, last, expected;
  g_autofree char *iso = NULL;

  assert_parses ("1985", 1985, 0, 0);
  assert_parses ("1985-06", 1985, 6, 0);
  assert_parses ("1985-06-12", 1985, 6, 12);
  assert_parses ("  1985-6-2 ", 1985, 6, 2);
  assert_parses ("1985.06.12", 1985, 6, 12);
  assert_parses ("1985/06/12", 1985, 6, 12);
  assert_parses ("1985年", 1985, 0, 0);
  assert_parses ("1985年6月", 1985, 6, 0);
  assert_parses ("1985年06月12日", 1985, 6, 12);
  assert_parses ("１９８５－０６－１２", 1985, 6, 12);
  assert_parses ("１９８５年６月", 1985, 6, 0);
  assert_parses ("2000-02-29", 2000, 2, 29);
  assert_parses ("1952-02-29", 1952, 2, 29);

  assert_refused_date ("");
  assert_refused_date (NULL);
  assert_refused_date ("85");
  assert_refused_date ("19850");
  assert_refused_date ("0985");
  assert_refused_date ("1900-02-29");
  assert_refused_date ("2001-02-29");
  assert_refused_date ("1985-13");
  assert_refused_date ("1985-00");
  assert_refused_date ("1985-06-00");
  assert_refused_date ("1985-06-31");
  assert_refused_date ("1985-06-");
  assert_refused_date ("1985-06/12");
  assert_refused_date ("1985-006-12");
  assert_refused_date ("1985年13月");
  assert_refused_date ("1985年6月31日");
  assert_refused_date ("1985年6月12");
  assert_refused_date ("1985年6");
  assert_refused_date ("1985-06-12x");
  assert_refused_date ("June 1985");

  iso = civ_partial_date_to_iso (&d);
  g_assert_cmpstr (iso, ==, "1984-02");
  g_clear_pointer (&iso, g_free);
  civ_partial_date_range (&d, &first, &last);
  expected = date (1984, 2, 1);
  g_assert_cmpint (g_date_compare (&first, &expected), ==, 0);
  expected = date (1984, 2, 29);
  g_assert_cmpint (g_date_compare (&last, &expected), ==, 0);

  d = (CivPartialDate){ 1985, 0, 0 };
  iso = civ_partial_date_to_iso (&d);
  g_assert_cmpstr (iso, ==, "1985");
  g_clear_pointer (&iso, g_free);
  civ_partial_date_range (&d, &first, &last);
  expected = date (1985, 1, 1);
  g_assert_cmpint (g_date_compare (&first, &expected), ==, 0);
  expected = date (1985, 12, 31);
  g_assert_cmpint (g_date_compare (&last, &expected), ==, 0);

  d = (CivPartialDate){ 1985, 6, 12 };
  iso = civ_partial_date_to_iso (&d);
  g_assert_cmpstr (iso, ==, "1985-06-12");
  g_clear_pointer (&iso, g_free);
  civ_partial_date_range (&d, &first, &last);
  g_assert_cmpint (g_date_compare (&first, &last), ==, 0);

  d = (CivPartialDate){ 0, 0, 0 };
  g_assert_false (civ_partial_date_is_set (&d));
  g_assert_null (civ_partial_date_to_iso (&d));
  civ_partial_date_range (&d, &first, &last);
  g_assert_false (g_date_valid (&first));
  g_assert_false (g_date_valid (&last));
}

static void
test_eras (void)
{
  CivNumberEra era = CIV_NUMBER_ERA_N;

  g_assert_cmpint (civ_number_era_classify (NULL), ==, CIV_NUMBER_ERA_NONE);
  g_assert_cmpint (civ_number_era_classify (""), ==, CIV_NUMBER_ERA_NONE);
  g_assert_cmpint (civ_number_era_classify ("  "), ==, CIV_NUMBER_ERA_NONE);
  g_assert_cmpint (civ_number_era_classify ("J110101-2010-000001"), ==, CIV_NUMBER_ERA_NATIONAL);
  g_assert_cmpint (civ_number_era_classify ("L110101-2010-000001"), ==, CIV_NUMBER_ERA_NATIONAL);
  g_assert_cmpint (civ_number_era_classify ("BJ110101-2010-000001"), ==, CIV_NUMBER_ERA_NATIONAL);
  g_assert_cmpint (civ_number_era_classify ("BL320102-2005-123456"), ==, CIV_NUMBER_ERA_NATIONAL);
  g_assert_cmpint (civ_number_era_classify ("Ｊ１１０１０１－２０１０－０００００１"), ==,
                   CIV_NUMBER_ERA_NATIONAL);
  g_assert_cmpint (civ_number_era_classify ("X110101-2010-000001"), ==, CIV_NUMBER_ERA_PRE_2003);
  g_assert_cmpint (civ_number_era_classify ("J110101-2010-00001"), ==, CIV_NUMBER_ERA_PRE_2003);
  g_assert_cmpint (civ_number_era_classify ("J110101-2010-0000011"), ==, CIV_NUMBER_ERA_PRE_2003);
  g_assert_cmpint (civ_number_era_classify ("BX110101-2010-000001"), ==, CIV_NUMBER_ERA_PRE_2003);
  g_assert_cmpint (civ_number_era_classify ("AB结字第000123号"), ==, CIV_NUMBER_ERA_INTERIM_2003);
  g_assert_cmpint (civ_number_era_classify ("sh离字2004001"), ==, CIV_NUMBER_ERA_INTERIM_2003);
  g_assert_cmpint (civ_number_era_classify ("A结字001"), ==, CIV_NUMBER_ERA_PRE_2003);
  g_assert_cmpint (civ_number_era_classify ("苏x婚字038xx号"), ==, CIV_NUMBER_ERA_PRE_2003);
  g_assert_cmpint (civ_number_era_classify ("（82）沪婚字第123号"), ==, CIV_NUMBER_ERA_PRE_2003);

  for (int e = 0; e < CIV_NUMBER_ERA_N; e++)
    {
      g_assert_true (civ_number_era_from_string (civ_number_era_to_string (e), &era));
      g_assert_cmpint (era, ==, e);
      g_assert_nonnull (civ_number_era_display_name (e));
    }
  g_assert_cmpstr (civ_number_era_to_string (CIV_NUMBER_ERA_INTERIM_2003), ==, "interim-2003");
  g_assert_false (civ_number_era_from_string ("2003", &era));
  g_assert_cmpint (era, ==, CIV_NUMBER_ERA_N - 1);
}

static void
test_kinds (void)
{
  CivHistKind kind = CIV_HIST_N_KINDS;

  for (int k = 0; k < CIV_HIST_N_KINDS; k++)
    {
      g_assert_true (civ_hist_kind_from_string (civ_hist_kind_to_string (k), &kind));
      g_assert_cmpint (kind, ==, k);
      g_assert_nonnull (civ_hist_kind_display_name (k));
    }
  g_assert_true (civ_hist_kind_from_string ("结婚", &kind));
  g_assert_cmpint (kind, ==, CIV_HIST_MARRIAGE);
  g_assert_true (civ_hist_kind_from_string ("离婚", &kind));
  g_assert_cmpint (kind, ==, CIV_HIST_DIVORCE);
  g_assert_true (civ_hist_kind_from_string ("补领", &kind));
  g_assert_cmpint (kind, ==, CIV_HIST_REISSUE);
  g_assert_true (civ_hist_kind_from_string ("补发", &kind));
  g_assert_cmpint (kind, ==, CIV_HIST_REISSUE);
  g_assert_true (civ_hist_kind_from_string ("撤销", &kind));
  g_assert_cmpint (kind, ==, CIV_HIST_REVOCATION);
  g_assert_false (civ_hist_kind_from_string ("复婚", &kind));
  g_assert_false (civ_hist_kind_from_string ("", &kind));
}

static void
test_field_names (void)
{
  static const char *const expected[] = {
    "kind",
    "date",
    "raw_number",
    "number_era",
    "office_code",
    "office_name",
    "registrar",
    "nature",
    "archive_no",
    "volume",
    "page",
    "entry",
    "remarks",
    "party1_name",
    "party1_sex",
    "party1_birth_date",
    "party1_nationality",
    "party1_ethnicity",
    "party1_occupation",
    "party1_doc_kind",
    "party1_doc_number",
    "party1_doc_status",
    "party1_status_before",
    "party2_name",
    "party2_sex",
    "party2_birth_date",
    "party2_nationality",
    "party2_ethnicity",
    "party2_occupation",
    "party2_doc_kind",
    "party2_doc_number",
    "party2_doc_status",
    "party2_status_before",
  };
  g_autoptr (GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpint (G_N_ELEMENTS (expected), ==, CIV_HF_N_FIELDS);
  for (int f = 0; f < CIV_HF_N_FIELDS; f++)
    {
      const char *label = civ_hist_field_label (f);

      g_assert_cmpstr (civ_hist_field_name (f), ==, expected[f]);
      g_assert_cmpint (civ_hist_field_from_name (expected[f]), ==, f);
      g_assert_nonnull (label);
      g_assert_cmpstr (label, !=, "");
      /* Every label tells its field apart from the others. */
      g_assert_false (g_hash_table_contains (labels, label));
      g_hash_table_add (labels, (gpointer) label);
    }
  g_assert_cmpint (CIV_HF_PARTY (1, CIV_HF_P_DOC_NUMBER), ==,
                   civ_hist_field_from_name ("party2_doc_number"));
  g_assert_cmpint (civ_hist_field_from_name ("party3_name"), ==, -1);
  g_assert_cmpint (civ_hist_field_from_name ("Date"), ==, -1);
  g_assert_cmpint (civ_hist_field_from_name (NULL), ==, -1);
  g_assert_null (civ_hist_field_name (-1));
  g_assert_null (civ_hist_field_name (CIV_HF_N_FIELDS));
  g_assert_null (civ_hist_field_label (CIV_HF_N_FIELDS));
}

/* One field, text it takes (and the value it reads back), text it refuses. */
typedef struct
{
  const char *field;
  const char *text;
  const char *value;
} Good;

static const Good goods[] = {
  { "kind", "divorce", "divorce" },
  { "kind", "结婚", "marriage" },
  { "kind", " 补领 ", "reissue" },
  { "kind", "撤销", "revocation" },
  { "kind", "REISSUE", "reissue" },
  { "date", "1985年6月12日", "1985-06-12" },
  { "date", "1985.6", "1985-06" },
  { "date", "１９８５", "1985" },
  { "date", "", "" },
  { "raw_number", "  苏x婚字038xx号 ", "苏x婚字038xx号" },
  { "raw_number", "", "" },
  { "number_era", "interim-2003", "interim-2003" },
  { "number_era", "全国统一", "national" },
  { "number_era", "", "none" },
  { "office_code", "320102", "320102" },
  { "office_code", "３２０１０２", "320102" },
  { "office_code", "", "" },
  { "office_name", " 玄武区民政局 ", "玄武区民政局" },
  { "registrar", "王某", "王某" },
  { "nature", "22", "22" },
  { "nature", "复婚", "23" },
  { "nature", "初婚", "21" },
  { "nature", "", "" },
  { "archive_no", "1985-婚-0012", "1985-婚-0012" },
  { "volume", "卷3", "卷3" },
  { "page", "12", "12" },
  { "page", "１２", "12" },
  { "page", "", "" },
  { "entry", "4", "4" },
  { "remarks", "原件出生日期涂改", "原件出生日期涂改" },
  { "party1_name", " 张三 ", "张三" },
  { "party2_name", "𠀀㐂", "𠀀㐂" },
  { "party1_sex", "男", "1" },
  { "party1_sex", "m", "1" },
  { "party2_sex", "F", "2" },
  { "party2_sex", "女", "2" },
  { "party2_sex", "9", "9" },
  { "party2_sex", "未说明", "9" },
  { "party1_sex", "未知", "" },
  { "party1_sex", "0", "" },
  { "party1_birth_date", "1960年2月", "1960-02" },
  { "party1_birth_date", "1960-02-29", "1960-02-29" },
  { "party1_nationality", "chn", "CHN" },
  { "party1_nationality", "中国", "CHN" },
  { "party1_nationality", "中国香港", "HKG" },
  { "party2_nationality", "USA", "USA" },
  { "party2_nationality", "", "CHN" },
  { "party1_ethnicity", "01", "01" },
  { "party1_ethnicity", "1", "01" },
  { "party1_ethnicity", "汉族", "01" },
  { "party1_ethnicity", "汉", "01" },
  { "party2_ethnicity", "回", "03" },
  { "party2_ethnicity", "98", "98" },
  { "party2_ethnicity", "", "" },
  { "party1_occupation", "工人", "工人" },
  { "party1_doc_kind", "resident-id-15", "resident-id-15" },
  { "party1_doc_kind", "身份证", "resident-id" },
  { "party2_doc_kind", "护照", "passport" },
  { "party2_doc_kind", "", "" },
  { "party1_doc_number", " １１０１０５４９１２３１００２ ", "110105491231002" },
  { "party1_doc_number", "", "" },
  { "party1_doc_status", "ABSENT_PRE_ID", "ABSENT_PRE_ID" },
  { "party1_doc_status", "absent_unknown", "ABSENT_UNKNOWN" },
  { "party1_doc_status", "无（登记时尚无身份证号）", "ABSENT_PRE_ID" },
  { "party1_doc_status", "不详", "ABSENT_UNKNOWN" },
  { "party2_doc_status", "有", "PRESENT" },
  { "party1_status_before", "10", "10" },
  { "party1_status_before", "未婚", "10" },
  { "party1_status_before", "丧偶", "30" },
  { "party2_status_before", "离婚", "40" },
  { "party2_status_before", "复婚", "23" },
  { "party2_status_before", "未说明", "90" },
  { "party2_status_before", "", "90" },
};

static const Good bads[] = {
  { "kind", "", NULL },
  { "kind", "复婚", NULL },
  { "kind", "marriages", NULL },
  { "date", "1985-02-30", NULL },
  { "date", "85年", NULL },
  { "number_era", "2003", NULL },
  { "office_code", "32010", NULL },
  { "office_code", "3201020", NULL },
  { "office_code", "32010X", NULL },
  { "nature", "20", NULL },
  { "nature", "离婚", NULL },
  { "page", "0", NULL },
  { "page", "-3", NULL },
  { "page", "12a", NULL },
  { "entry", "1.5", NULL },
  { "party1_sex", "3", NULL },
  { "party1_sex", "male", NULL },
  { "party1_birth_date", "1960-02-30", NULL },
  { "party1_nationality", "ZZZ", NULL },
  { "party1_nationality", "火星", NULL },
  { "party1_ethnicity", "57", NULL },
  { "party1_ethnicity", "0", NULL },
  { "party1_ethnicity", "火星族", NULL },
  { "party1_doc_kind", "driving-licence", NULL },
  { "party1_doc_kind", "unknown", NULL },
  { "party1_doc_status", "MISSING", NULL },
  { "party1_doc_status", "", NULL },
  { "party1_status_before", "50", NULL },
  { "party1_status_before", "单身", NULL },
  { "party2_status_before", "9", NULL },
};

static void
test_set_field_good (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (goods); i++)
    {
      g_autoptr (CivHistoricalInput) input = civ_historical_input_new ();
      g_autoptr (GError) error = NULL;
      g_autofree char *value = NULL;
      int              field = civ_hist_field_from_name (goods[i].field);

      g_assert_cmpint (field, >=, 0);
      if (!civ_historical_set_field (input, field, goods[i].text, &error))
        g_error ("%s = “%s”: %s", goods[i].field, goods[i].text, error->message);
      value = civ_historical_get_field (input, field);
      if (strcmp (value, goods[i].value) != 0)
        g_error ("%s = “%s” reads back “%s”, not “%s”", goods[i].field, goods[i].text, value,
                 goods[i].value);
    }
}

static void set (CivHistoricalInput *input, int field, const char *text);

static CivHistoricalInput *
filled_input (void)
{
  CivHistoricalInput *input = civ_historical_input_new ();
  static const char  *values[][2] = {
     { "kind", "marriage" },
     { "date", "1986-03-08" },
     { "raw_number", "苏宁婚字第0381号" },
     { "office_code", "320102" },
     { "office_name", "玄武区民政局" },
     { "registrar", "李某" },
     { "nature", "21" },
     { "archive_no", "1986-婚-0381" },
     { "volume", "3" },
     { "page", "17" },
     { "entry", "2" },
     { "remarks", "女方出生日期原件有涂改" },
     { "party1_name", "张三" },
     { "party1_sex", "1" },
     { "party1_birth_date", "1960-05" },
     { "party1_nationality", "CHN" },
     { "party1_ethnicity", "01" },
     { "party1_occupation", "工人" },
     { "party1_doc_kind", "resident-id-15" },
     { "party1_doc_number", "110105491231001" },
     { "party1_doc_status", "PRESENT" },
     { "party1_status_before", "10" },
     { "party2_name", "李四" },
     { "party2_sex", "2" },
     { "party2_birth_date", "1962" },
     { "party2_nationality", "CHN" },
     { "party2_ethnicity", "03" },
     { "party2_occupation", "教师" },
     { "party2_doc_kind", "" },
     { "party2_doc_number", "" },
     { "party2_doc_status", "ABSENT_UNKNOWN" },
     { "party2_status_before", "40" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr (GError) error = NULL;

      if (!civ_historical_set_field (input, civ_hist_field_from_name (values[i][0]), values[i][1],
                                     &error))
        g_error ("%s = “%s”: %s", values[i][0], values[i][1], error->message);
    }
  return input;
}

static void
assert_same_fields (const CivHistoricalInput *a, const CivHistoricalInput *b)
{
  for (int f = 0; f < CIV_HF_N_FIELDS; f++)
    {
      g_autofree char *va = civ_historical_get_field (a, f);
      g_autofree char *vb = civ_historical_get_field (b, f);

      if (strcmp (va, vb) != 0)
        g_error ("%s: “%s” ≠ “%s”", civ_hist_field_name (f), va, vb);
    }
}

static void
test_set_field_bad (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bads); i++)
    {
      g_autoptr (CivHistoricalInput) input = filled_input ();
      g_autoptr (CivHistoricalInput) before = civ_historical_input_copy (input);
      g_autoptr (GError) error = NULL;
      int field = civ_hist_field_from_name (bads[i].field);

      g_assert_cmpint (field, >=, 0);
      if (civ_historical_set_field (input, field, bads[i].text, &error))
        g_error ("%s = “%s” was taken", bads[i].field, bads[i].text);
      g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
      g_assert_nonnull (civ_app_error_get_rule (error));
      g_assert_nonnull (civ_citation_for_rule (civ_app_error_get_rule (error)));
      /* The message names the field. */
      g_assert_nonnull (strstr (error->message, civ_hist_field_label (field)));
      assert_same_fields (input, before);
    }
}

static void
test_round_trip (void)
{
  g_autoptr (CivHistoricalInput) input = filled_input ();
  g_autoptr (CivHistoricalInput) empty = civ_historical_input_new ();

  /* get_field ∘ set_field is the identity on every field, filled or empty. */
  for (int f = 0; f < CIV_HF_N_FIELDS; f++)
    {
      CivHistoricalInput *sources[] = { input, empty };

      for (guint s = 0; s < G_N_ELEMENTS (sources); s++)
        {
          g_autoptr (CivHistoricalInput) other = civ_historical_input_new ();
          g_autoptr (GError) error = NULL;
          g_autofree char *value = civ_historical_get_field (sources[s], f);
          g_autofree char *again = NULL;

          if (!civ_historical_set_field (other, f, value, &error))
            g_error ("%s = “%s”: %s", civ_hist_field_name (f), value, error->message);
          again = civ_historical_get_field (other, f);
          if (strcmp (value, again) != 0)
            g_error ("%s: “%s” came back as “%s”", civ_hist_field_name (f), value, again);
        }
    }
}

/* An entry written out field by field, in field order, and read back into
 * a new one is the same entry, even where a keyed value differs from the one
 * a field sets by itself (an era other than the number's shape, a pre-ID
 * status beside no number). */
static void
test_whole_entry_round_trip (void)
{
  g_autoptr (CivHistoricalInput) input = filled_input ();
  g_autoptr (CivHistoricalInput) back = civ_historical_input_new ();

  set (input, CIV_HF_RAW_NUMBER, "J320102-1986-000001");
  set (input, CIV_HF_NUMBER_ERA, "pre-2003");
  set (input, CIV_HF_PARTY (1, CIV_HF_P_DOC_STATUS), "ABSENT_PRE_ID");
  for (int f = 0; f < CIV_HF_N_FIELDS; f++)
    {
      g_autofree char *value = civ_historical_get_field (input, f);

      set (back, f, value);
    }
  assert_same_fields (input, back);
  g_assert_cmpint (back->number_era, ==, CIV_NUMBER_ERA_PRE_2003);
  g_assert_cmpstr (back->party[0].doc_status, ==, CIV_DOC_STATUS_PRESENT);
  g_assert_cmpstr (back->party[1].doc_status, ==, CIV_DOC_STATUS_ABSENT_PRE_ID);
}

static void
test_copy (void)
{
  g_autoptr (CivHistoricalInput) input = filled_input ();
  g_autoptr (CivHistoricalInput) copy = civ_historical_input_copy (input);
  g_autoptr (CivHistoricalInput) empty = civ_historical_input_new ();
  g_autoptr (CivHistoricalInput) empty_copy = civ_historical_input_copy (empty);

  assert_same_fields (input, copy);
  assert_same_fields (empty, empty_copy);
  /* The copy owns its strings. */
  g_assert_true (copy->party[0].name != input->party[0].name);
  g_assert_true (copy->raw_number != input->raw_number);
  g_clear_pointer (&input, civ_historical_input_free);
  g_assert_cmpstr (copy->party[0].doc_number, ==, "110105491231001");
  g_assert_cmpstr (copy->remarks, ==, "女方出生日期原件有涂改");
  g_assert_null (empty_copy->raw_number);
  g_assert_null (empty_copy->party[1].doc_number);
  civ_hist_party_clear (&copy->party[1]);
  g_assert_null (copy->party[1].name);
  civ_hist_party_clear (&copy->party[1]);
}

static void
test_defaults (void)
{
  g_autoptr (CivHistoricalInput) input = civ_historical_input_new ();

  g_assert_cmpint (input->kind, ==, CIV_HIST_MARRIAGE);
  g_assert_cmpint (input->number_era, ==, CIV_NUMBER_ERA_NONE);
  g_assert_null (input->raw_number);
  for (int i = 0; i < 2; i++)
    {
      g_assert_cmpstr (input->party[i].nationality, ==, "CHN");
      g_assert_cmpstr (input->party[i].ethnicity, ==, "");
      g_assert_null (input->party[i].doc_number);
      g_assert_cmpstr (input->party[i].doc_status, ==, CIV_DOC_STATUS_ABSENT_UNKNOWN);
      g_assert_cmpint (input->party[i].status_before, ==, 90);
    }
}

static void
test_number_and_era_fields (void)
{
  g_autoptr (CivHistoricalInput) input = civ_historical_input_new ();

  /* A number keyed with no era gets the one its shape says… */
  g_assert_true (civ_historical_set_field (input, CIV_HF_RAW_NUMBER, "J320102-2010-000001", NULL));
  g_assert_cmpint (input->number_era, ==, CIV_NUMBER_ERA_NATIONAL);
  /* …and keeps the one keyed, which is never re-derived. */
  g_assert_true (civ_historical_set_field (input, CIV_HF_NUMBER_ERA, "pre-2003", NULL));
  g_assert_true (civ_historical_set_field (input, CIV_HF_RAW_NUMBER, "J320102-2010-000002", NULL));
  g_assert_cmpint (input->number_era, ==, CIV_NUMBER_ERA_PRE_2003);
  g_assert_cmpstr (input->raw_number, ==, "J320102-2010-000002");
  /* A keyed doc number makes "not known" PRESENT, not a pre-ID status. */
  g_assert_true (civ_historical_set_field (input, CIV_HF_PARTY (0, CIV_HF_P_DOC_NUMBER),
                                           "110101199003071233", NULL));
  g_assert_cmpstr (input->party[0].doc_status, ==, CIV_DOC_STATUS_PRESENT);
  g_assert_true (
    civ_historical_set_field (input, CIV_HF_PARTY (1, CIV_HF_P_DOC_STATUS), "ABSENT_PRE_ID", NULL));
  g_assert_true (civ_historical_set_field (input, CIV_HF_PARTY (1, CIV_HF_P_DOC_NUMBER),
                                           "110101199003071233", NULL));
  g_assert_cmpstr (input->party[1].doc_status, ==, CIV_DOC_STATUS_ABSENT_PRE_ID);
}

/* ------------------------------------------------------------------ */
/* Validation                                                          */

/* A clean 1990 marriage of two adults with no number recorded. */
static CivHistoricalInput *
marriage_on (const char *when)
{
  CivHistoricalInput *input = civ_historical_input_new ();

  g_assert_true (civ_historical_set_field (input, CIV_HF_DATE, when, NULL));
  g_assert_true (civ_historical_set_field (input, CIV_HF_PARTY (0, CIV_HF_P_NAME), "张三", NULL));
  g_assert_true (civ_historical_set_field (input, CIV_HF_PARTY (0, CIV_HF_P_SEX), "男", NULL));
  g_assert_true (
    civ_historical_set_field (input, CIV_HF_PARTY (0, CIV_HF_P_BIRTH_DATE), "1930-01-01", NULL));
  g_assert_true (civ_historical_set_field (input, CIV_HF_PARTY (1, CIV_HF_P_NAME), "李四", NULL));
  g_assert_true (civ_historical_set_field (input, CIV_HF_PARTY (1, CIV_HF_P_SEX), "女", NULL));
  g_assert_true (
    civ_historical_set_field (input, CIV_HF_PARTY (1, CIV_HF_P_BIRTH_DATE), "1930-01-01", NULL));
  return input;
}

static void
set (CivHistoricalInput *input, int field, const char *text)
{
  g_autoptr (GError) error = NULL;

  if (!civ_historical_set_field (input, field, text, &error))
    g_error ("%s = “%s”: %s", civ_hist_field_name (field), text, error->message);
}

typedef struct
{
  GPtrArray *errors;
  GPtrArray *findings;
  gboolean   ok;
} Result;

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->errors, g_ptr_array_unref);
  g_clear_pointer (&r->findings, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static void
validate (const CivHistoricalInput *input, Result *r)
{
  GDate today = date (2026, 12, 7);

  r->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_field_error_free);
  r->findings = civ_findings_new ();
  r->ok = civ_historical_validate (input, &today, r->errors, r->findings);
  g_assert_cmpint (r->ok, ==, r->errors->len == 0);
  /* Nothing historical is refused, and every rule cited is in the table. */
  g_assert_cmpint (civ_findings_worst (r->findings), <=, CIV_SEVERITY_WARN);
  for (guint i = 0; i < r->findings->len; i++)
    {
      CivFinding *f = g_ptr_array_index (r->findings, i);

      g_assert_nonnull (f->citation);
      g_assert_cmpstr (f->message, !=, "");
    }
  for (guint i = 0; i < r->errors->len; i++)
    {
      CivFieldError *e = g_ptr_array_index (r->errors, i);

      g_assert_cmpint (e->field, >=, -1);
      g_assert_cmpint (e->field, <, CIV_HF_N_FIELDS);
      g_assert_cmpstr (e->message, !=, "");
    }
}

static gboolean
has_error (const Result *r, int field)
{
  for (guint i = 0; i < r->errors->len; i++)
    if (((CivFieldError *) g_ptr_array_index (r->errors, i))->field == field)
      return TRUE;
  return FALSE;
}

static guint
count_rule (const Result *r, const char *rule, CivSeverity severity)
{
  guint n = 0;

  for (guint i = 0; i < r->findings->len; i++)
    {
      CivFinding *f = g_ptr_array_index (r->findings, i);

      if (strcmp (f->rule, rule) == 0 && f->severity == severity)
        n++;
    }
  return n;
}

static void
test_validate_clean (void)
{
  g_autoptr (CivHistoricalInput) input = marriage_on ("1990-05-01");
  g_auto (Result) r = { 0 };
  GDate today = date (2026, 12, 7);

  validate (input, &r);
  g_assert_true (r.ok);
  g_assert_cmpuint (r.findings->len, ==, 0);
  /* Either array may be NULL. */
  g_assert_true (civ_historical_validate (input, &today, NULL, NULL));
  set (input, CIV_HF_PARTY (0, CIV_HF_P_NAME), " ");
  g_assert_false (civ_historical_validate (input, &today, NULL, NULL));
}

static void
test_validate_errors (void)
{
  struct
  {
    const char *field;
    const char *text;
    int         error_field;
  } cases[] = {
    { "party1_name", "", CIV_HF_PARTY (0, CIV_HF_P_NAME) },
    { "party2_name", "", CIV_HF_PARTY (1, CIV_HF_P_NAME) },
    { "date", "", CIV_HF_DATE },
    { "date", "1949-09-30", CIV_HF_DATE },
    { "date", "1949-09", CIV_HF_DATE },
    { "date", "2026-12-08", CIV_HF_DATE },
    { "date", "2027", CIV_HF_DATE },
    { "party2_birth_date", "1990-05-02", CIV_HF_PARTY (1, CIV_HF_P_BIRTH_DATE) },
    { "party1_doc_status", "PRESENT", CIV_HF_PARTY (0, CIV_HF_P_DOC_NUMBER) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (CivHistoricalInput) input = marriage_on ("1990-05-01");
      g_auto (Result) r = { 0 };

      set (input, civ_hist_field_from_name (cases[i].field), cases[i].text);
      validate (input, &r);
      if (r.ok || !has_error (&r, cases[i].error_field))
        g_error ("%s = “%s”: no error on %s", cases[i].field, cases[i].text,
                 civ_hist_field_name (cases[i].error_field));
    }

  /* Dates at the edges are stored: 1949-10-01, a year that reaches it, today. */
  {
    const char *edges[] = { "1949-10-01", "1949", "2026-12-07", "2026" };

    for (guint i = 0; i < G_N_ELEMENTS (edges); i++)
      {
        g_autoptr (CivHistoricalInput) input = marriage_on (edges[i]);
        g_auto (Result) r = { 0 };

        validate (input, &r);
        if (!r.ok)
          g_error ("%s: %s", edges[i], ((CivFieldError *) r.errors->pdata[0])->message);
      }
  }

  /* Birth on the entry's day, or in its partial month, is not an error. */
  {
    g_autoptr (CivHistoricalInput) input = marriage_on ("1990-05");
    g_auto (Result) r = { 0 };

    set (input, CIV_HF_PARTY (1, CIV_HF_P_BIRTH_DATE), "1990-05-31");
    validate (input, &r);
    g_assert_true (r.ok);
  }

  /* A number with a status that says there is none. */
  {
    g_autoptr (CivHistoricalInput) input = marriage_on ("1990-05-01");
    g_auto (Result) r = { 0 };

    set (input, CIV_HF_PARTY (0, CIV_HF_P_DOC_STATUS), "ABSENT_PRE_ID");
    set (input, CIV_HF_PARTY (0, CIV_HF_P_DOC_NUMBER), "110105491231001");
    validate (input, &r);
    g_assert_true (has_error (&r, CIV_HF_PARTY (0, CIV_HF_P_DOC_STATUS)));
  }

  /* Values written into the structure by hand are checked as well. */
  {
    g_autoptr (CivHistoricalInput) input = marriage_on ("1990-05-01");
    g_auto (Result) r = { 0 };

    input->nature = 20;
    input->party[0].sex = 3;
    input->party[1].status_before = 50;
    g_free (input->party[1].ethnicity);
    input->party[1].ethnicity = g_strdup ("57");
    g_free (input->office_code);
    input->office_code = g_strdup ("1234");
    input->number_era = CIV_NUMBER_ERA_NATIONAL;
    validate (input, &r);
    g_assert_true (has_error (&r, CIV_HF_NATURE));
    g_assert_true (has_error (&r, CIV_HF_PARTY (0, CIV_HF_P_SEX)));
    g_assert_true (has_error (&r, CIV_HF_PARTY (1, CIV_HF_P_STATUS_BEFORE)));
    g_assert_true (has_error (&r, CIV_HF_PARTY (1, CIV_HF_P_ETHNICITY)));
    g_assert_true (has_error (&r, CIV_HF_OFFICE_CODE));
    g_assert_true (has_error (&r, CIV_HF_NUMBER_ERA));
  }
}

/* The R-H1 findings of a marriage on @when of a man born @man and a woman
 * born @woman. */
static void
ages (const char *when, const char *man, const char *woman, guint warn, guint info)
{
  g_autoptr (CivHistoricalInput) input = marriage_on (when);
  g_auto (Result) r = { 0 };

  set (input, CIV_HF_PARTY (0, CIV_HF_P_BIRTH_DATE), man);
  set (input, CIV_HF_PARTY (1, CIV_HF_P_BIRTH_DATE), woman);
  validate (input, &r);
  g_assert_true (r.ok);
  if (count_rule (&r, "R-H1", CIV_SEVERITY_WARN) != warn ||
      count_rule (&r, "R-H1", CIV_SEVERITY_INFO) != info)
    g_error ("%s, man %s, woman %s: %u warnings and %u notes, not %u and %u", when, man, woman,
             count_rule (&r, "R-H1", CIV_SEVERITY_WARN), count_rule (&r, "R-H1", CIV_SEVERITY_INFO),
             warn, info);
}

static void
test_ages (void)
{
  /* 1950-05-01 … 1980-12-31: man 20, woman 18. */
  ages ("1980-12-31", "1960-12-31", "1962-12-31", 0, 0); /* on the birthdays */
  ages ("1980-12-31", "1961-01-01", "1962-12-31", 1, 0); /* the day before his 20th */
  ages ("1980-12-31", "1960-12-31", "1963-01-01", 1, 0); /* the day before her 18th */
  ages ("1980-12-31", "1961-01-01", "1963-01-01", 2, 0);
  ages ("1950-05-01", "1930-05-01", "1932-05-01", 0, 0);
  ages ("1950-05-01", "1930-05-02", "1932-05-01", 1, 0);
  /* From 1981-01-01: man 22, woman 20. */
  ages ("1981-01-01", "1959-01-01", "1961-01-01", 0, 0);
  ages ("1981-01-01", "1959-01-02", "1961-01-01", 1, 0);
  ages ("1981-01-01", "1959-01-01", "1961-01-02", 1, 0);
  /* Who was of age on 1980-12-31 under the old law is not on 1981-01-01. */
  ages ("1981-01-01", "1960-12-31", "1962-12-31", 2, 0);
  /* Born on 29 February: the birthday in a common year is 1 March. */
  ages ("1982-02-28", "1960-02-29", "1930-01-01", 1, 0);
  ages ("1982-03-01", "1960-02-29", "1930-01-01", 0, 0);
  /* Partial dates: flagged only when certain, a note when undecidable. */
  ages ("1985-06-12", "1963", "1930", 0, 1);    /* 22 if born before 06-12, 21 after */
  ages ("1985-06-12", "1964", "1930", 1, 0);    /* 21 at most */
  ages ("1985-06-12", "1963-06", "1930", 0, 1); /* 06-12 falls in his birth month */
  ages ("1985-06-12", "1963-05", "1930", 0, 0);
  ages ("1985", "1963-06-12", "1930", 0, 1);       /* the entry's day is not known */
  ages ("1985", "1962-12-31", "1930", 0, 0);       /* 22 on 1985-01-01 already */
  ages ("1985", "1964-01-01", "1930", 1, 0);       /* 21 on 1985-12-31 at most */
  ages ("1980-12", "1960-12-15", "1930", 0, 1);    /* 20 from 12-15 */
  ages ("1981-01", "1959-01-20", "1930", 0, 1);    /* 22 from 01-20 */
  ages ("1980", "1960-12-31", "1962-12-31", 0, 2); /* of age on the last day only */
  ages ("1990-05-01", "1930", "1930-01", 0, 0);
  /* Before the 1950 Marriage Law there is no minimum age: a note. */
  ages ("1949-10-01", "1935-01-01", "1936-01-01", 0, 1);
  ages ("1950-04-30", "1935-01-01", "1936-01-01", 0, 1);
  /* "1950": the law may or may not have been in force. */
  ages ("1950", "1930-01-01", "1932-01-01", 0, 1);
  ages ("1950", "1935-01-01", "1932-01-01", 0, 2);
  /* No birth date: nothing to check. */
  ages ("1990-05-01", "", "", 0, 0);

  /* Ages are a rule of marriages only; a party's sex decides which age. */
  {
    g_autoptr (CivHistoricalInput) input = marriage_on ("1985-06-12");
    g_auto (Result) r = { 0 };

    set (input, CIV_HF_PARTY (0, CIV_HF_P_BIRTH_DATE), "1970-01-01");
    set (input, CIV_HF_KIND, "divorce");
    validate (input, &r);
    g_assert_cmpuint (count_rule (&r, "R-H1", CIV_SEVERITY_WARN), ==, 0);
  }
  {
    g_autoptr (CivHistoricalInput) input = marriage_on ("1985-06-12");
    g_auto (Result) r = { 0 };

    /* Listed first but a woman of 20 years and 1 day: of age. */
    set (input, CIV_HF_PARTY (0, CIV_HF_P_SEX), "2");
    set (input, CIV_HF_PARTY (1, CIV_HF_P_SEX), "1");
    set (input, CIV_HF_PARTY (0, CIV_HF_P_BIRTH_DATE), "1965-06-11");
    validate (input, &r);
    g_assert_cmpuint (count_rule (&r, "R-H1", CIV_SEVERITY_WARN), ==, 0);
  }
}

static void
test_same_sex (void)
{
  g_autoptr (CivHistoricalInput) input = marriage_on ("1990-05-01");
  g_auto (Result) r = { 0 };
  g_auto (Result) r2 = { 0 };

  set (input, CIV_HF_PARTY (1, CIV_HF_P_SEX), "男");
  validate (input, &r);
  g_assert_true (r.ok);
  g_assert_cmpuint (count_rule (&r, "R-H1", CIV_SEVERITY_WARN), ==, 1);
  set (input, CIV_HF_PARTY (1, CIV_HF_P_SEX), "9");
  validate (input, &r2);
  g_assert_cmpuint (r2.findings->len, ==, 0);
}

/* One party with @number (or none) and @status on an entry of @when. */
static void
numbers (const char *when, const char *kind, const char *number, const char *status, Result *r)
{
  g_autoptr (CivHistoricalInput) input = marriage_on (when);

  set (input, CIV_HF_PARTY (0, CIV_HF_P_BIRTH_DATE), "1949-12-31");
  set (input, CIV_HF_PARTY (0, CIV_HF_P_DOC_KIND), kind);
  set (input, CIV_HF_PARTY (0, CIV_HF_P_DOC_STATUS), status);
  set (input, CIV_HF_PARTY (0, CIV_HF_P_DOC_NUMBER), number);
  validate (input, r);
  g_assert_true (r->ok);
}

static void
test_identity_numbers (void)
{
  {
    g_auto (Result) r = { 0 };

    /* 1984 itself may carry a number; 1983 may not. */
    numbers ("1984-01-01", "", "110105491231001", "PRESENT", &r);
    g_assert_cmpuint (r.findings->len, ==, 0);
  }
  {
    g_auto (Result) r = { 0 };

    numbers ("1983-12-31", "", "110105491231001", "PRESENT", &r);
    g_assert_cmpuint (count_rule (&r, "R-H3", CIV_SEVERITY_WARN), ==, 1);
  }
  {
    g_auto (Result) r = { 0 };

    numbers ("1983", "resident-id", "110105491231001", "PRESENT", &r);
    g_assert_cmpuint (count_rule (&r, "R-H3", CIV_SEVERITY_WARN), ==, 1);
  }
  {
    g_auto (Result) r = { 0 };

    /* No number yet, on an entry after 1999. */
    numbers ("2000-01-01", "", "", "ABSENT_PRE_ID", &r);
    g_assert_cmpuint (count_rule (&r, "R-H3", CIV_SEVERITY_WARN), ==, 1);
  }
  {
    g_auto (Result) r = { 0 };

    numbers ("1999-12-31", "", "", "ABSENT_PRE_ID", &r);
    g_assert_cmpuint (r.findings->len, ==, 0);
  }
  {
    g_auto (Result) r = { 0 };

    numbers ("2010-01-01", "", "", "ABSENT_UNKNOWN", &r);
    g_assert_cmpuint (r.findings->len, ==, 0);
  }
  {
    g_auto (Result) r = { 0 };

    /* A 15-digit number after 2004: a note; in 2004 nothing. */
    numbers ("2005-01-01", "", "110105491231001", "PRESENT", &r);
    g_assert_cmpuint (count_rule (&r, "R-H3", CIV_SEVERITY_INFO), ==, 1);
    g_assert_cmpuint (count_rule (&r, "R-H3", CIV_SEVERITY_WARN), ==, 0);
  }
  {
    g_auto (Result) r = { 0 };

    numbers ("2004-12-31", "", "110105491231001", "PRESENT", &r);
    g_assert_cmpuint (r.findings->len, ==, 0);
  }
  {
    g_auto (Result) r = { 0 };

    /* A wrong check character is kept as recorded, as a warning. */
    numbers ("1995-01-01", "resident-id", "110101199003071234", "PRESENT", &r);
    g_assert_cmpuint (count_rule (&r, "R-ID2", CIV_SEVERITY_WARN), ==, 1);
  }
  {
    g_auto (Result) r = { 0 };

    /* The number disagrees with the birth date recorded (1949-12-31). */
    numbers ("1995-01-01", "", "110105491230001", "PRESENT", &r);
    g_assert_cmpuint (count_rule (&r, "R-ID1", CIV_SEVERITY_WARN), ==, 1);
  }
  {
    g_auto (Result) r = { 0 };
    g_autoptr (CivHistoricalInput) input = marriage_on ("1995-01-01");

    /* …or with the sex recorded: 002 is a woman's sequence, the party a man. */
    set (input, CIV_HF_PARTY (0, CIV_HF_P_BIRTH_DATE), "1949-12");
    set (input, CIV_HF_PARTY (0, CIV_HF_P_DOC_NUMBER), "110105491231002");
    validate (input, &r);
    g_assert_cmpuint (count_rule (&r, "R-ID1", CIV_SEVERITY_WARN), ==, 1);
    set (input, CIV_HF_PARTY (0, CIV_HF_P_DOC_NUMBER), "110105491231001");
    g_clear_pointer (&r.findings, g_ptr_array_unref);
    g_clear_pointer (&r.errors, g_ptr_array_unref);
    validate (input, &r);
    g_assert_cmpuint (r.findings->len, ==, 0);
  }
  {
    g_auto (Result) r = { 0 };

    /* A birth date after the entry's date in the number (R-ID5). */
    numbers ("1989-01-01", "", "110101199003071233", "PRESENT", &r);
    g_assert_cmpuint (count_rule (&r, "R-ID5", CIV_SEVERITY_WARN), ==, 1);
  }
}

static void
test_revocation (void)
{
  {
    g_autoptr (CivHistoricalInput) input = marriage_on ("2021-01-01");
    g_auto (Result) r = { 0 };

    set (input, CIV_HF_KIND, "撤销");
    validate (input, &r);
    g_assert_true (r.ok);
    g_assert_cmpuint (count_rule (&r, "R-V2", CIV_SEVERITY_WARN), ==, 1);
  }
  {
    g_autoptr (CivHistoricalInput) input = marriage_on ("2020-12-31");
    g_auto (Result) r = { 0 };

    set (input, CIV_HF_KIND, "revocation");
    validate (input, &r);
    g_assert_cmpuint (r.findings->len, ==, 0);
  }
  {
    g_autoptr (CivHistoricalInput) input = marriage_on ("2021-01-01");
    g_auto (Result) r = { 0 };

    set (input, CIV_HF_KIND, "divorce");
    validate (input, &r);
    g_assert_cmpuint (r.findings->len, ==, 0);
  }
}

static void
era_on (const char *when, const char *number, const char *era, guint n2)
{
  g_autoptr (CivHistoricalInput) input = marriage_on (when);
  g_auto (Result) r = { 0 };

  if (era != NULL)
    set (input, CIV_HF_NUMBER_ERA, era);
  set (input, CIV_HF_RAW_NUMBER, number);
  validate (input, &r);
  g_assert_true (r.ok);
  if (count_rule (&r, "R-N2", CIV_SEVERITY_INFO) != n2)
    g_error ("%s on %s: %u R-N2 notes, not %u", number, when,
             count_rule (&r, "R-N2", CIV_SEVERITY_INFO), n2);
}

static void
test_number_eras (void)
{
  era_on ("1985-06-12", "苏x婚字038xx号", NULL, 0);
  era_on ("2004-06-30", "苏x婚字038xx号", NULL, 0);
  era_on ("2004-07-01", "苏x婚字038xx号", NULL, 1);
  era_on ("2003-10-01", "AB结字000001", NULL, 0);
  era_on ("2004-12-31", "AB结字000001", NULL, 0);
  era_on ("2003-09-30", "AB结字000001", NULL, 1);
  era_on ("2005-01-01", "AB结字000001", NULL, 1);
  era_on ("2003", "AB结字000001", NULL, 0);
  era_on ("1995-01-01", "J320102-1995-000001", NULL, 1);
  era_on ("2010-01-01", "J320102-2010-000001", NULL, 0);
  /* The era keyed is the one judged. */
  era_on ("1995-01-01", "J320102-1995-000001", "pre-2003", 0);
  era_on ("2010-01-01", "J320102-2010-000001", "pre-2003", 1);

  /* A national number's letters and the kind of entry. */
  {
    g_autoptr (CivHistoricalInput) input = marriage_on ("2010-01-01");
    g_auto (Result) r = { 0 };

    set (input, CIV_HF_KIND, "divorce");
    set (input, CIV_HF_RAW_NUMBER, "J320102-2010-000001");
    validate (input, &r);
    g_assert_cmpuint (count_rule (&r, "R-N1", CIV_SEVERITY_INFO), ==, 1);
  }
  /* An era without a number cannot be stored. */
  {
    g_autoptr (CivHistoricalInput) input = marriage_on ("2010-01-01");
    g_auto (Result) r = { 0 };

    set (input, CIV_HF_NUMBER_ERA, "national");
    validate (input, &r);
    g_assert_true (has_error (&r, CIV_HF_NUMBER_ERA));
  }
}

static void
test_id_key (void)
{
  g_autoptr (CivHistoricalInput) input = civ_historical_input_new ();
  g_autofree char *key15 = NULL;
  g_autofree char *key18 = NULL;
  g_autofree char *passport = NULL;
  g_autofree char *old = NULL;

  /* Absent: no key. */
  g_assert_null (civ_hist_party_id_key (&input->party[0]));
  set (input, CIV_HF_PARTY (0, CIV_HF_P_DOC_STATUS), "ABSENT_PRE_ID");
  g_assert_null (civ_hist_party_id_key (&input->party[0]));

  /* A 15-digit number has the key of its 18-digit form (R-ID3). */
  set (input, CIV_HF_PARTY (0, CIV_HF_P_DOC_STATUS), "PRESENT");
  set (input, CIV_HF_PARTY (0, CIV_HF_P_DOC_NUMBER), "110105491231002");
  set (input, CIV_HF_PARTY (1, CIV_HF_P_DOC_KIND), "resident-id");
  set (input, CIV_HF_PARTY (1, CIV_HF_P_DOC_NUMBER), "11010519491231002x");
  key15 = civ_hist_party_id_key (&input->party[0]);
  key18 = civ_hist_party_id_key (&input->party[1]);
  g_assert_cmpstr (key15, ==, "11010519491231002X");
  g_assert_cmpstr (key18, ==, key15);
  /* …whether its kind is recorded as 15- or 18-digit. */
  set (input, CIV_HF_PARTY (0, CIV_HF_P_DOC_KIND), "resident-id");
  g_clear_pointer (&key15, g_free);
  key15 = civ_hist_party_id_key (&input->party[0]);
  g_assert_cmpstr (key15, ==, "11010519491231002X");
  /* The number itself stays as recorded. */
  g_assert_cmpstr (input->party[0].doc_number, ==, "110105491231002");

  /* Unusable for matching: a wrong check character. */
  set (input, CIV_HF_PARTY (1, CIV_HF_P_DOC_NUMBER), "110105194912310021");
  g_assert_null (civ_hist_party_id_key (&input->party[1]));

  /* Other documents: "kind:number". */
  set (input, CIV_HF_PARTY (1, CIV_HF_P_DOC_KIND), "passport");
  set (input, CIV_HF_PARTY (1, CIV_HF_P_DOC_NUMBER), "E12345678");
  passport = civ_hist_party_id_key (&input->party[1]);
  g_assert_cmpstr (passport, ==, "passport:E12345678");
  set (input, CIV_HF_PARTY (1, CIV_HF_P_DOC_KIND), "foreign-pr-old");
  set (input, CIV_HF_PARTY (1, CIV_HF_P_DOC_NUMBER), "USA123456789012");
  old = civ_hist_party_id_key (&input->party[1]);
  g_assert_true (g_str_has_prefix (old, "foreign-pr-old:"));
}

/* What the reconciliation view shows for a value: codes with their
 * meaning, tokens by name, free text and unknown codes as they are. */
static void
test_field_display (void)
{
  static const struct
  {
    int         field;
    const char *value;
    const char *shown;
  } cases[] = {
    { CIV_HF_PARTY (0, CIV_HF_P_ETHNICITY), "01", "01 汉族" },
    { CIV_HF_PARTY (1, CIV_HF_P_ETHNICITY), "77", "77" },
    { CIV_HF_PARTY (0, CIV_HF_P_STATUS_BEFORE), "30", "30 丧偶" },
    { CIV_HF_NATURE, "22", "22 再婚" },
    { CIV_HF_PARTY (1, CIV_HF_P_NATIONALITY), "CHN", "CHN 中国" },
    { CIV_HF_PARTY (0, CIV_HF_P_SEX), "2", "2 Female" },
    { CIV_HF_PARTY (0, CIV_HF_P_NAME), "张建国", "张建国" },
    { CIV_HF_PARTY (0, CIV_HF_P_DOC_STATUS), "ABSENT_PRE_ID",
      "None: registered before identity numbers" },
    { CIV_HF_DATE, "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = civ_historical_field_display (cases[i].field, cases[i].value);

      g_assert_cmpstr (shown, ==, cases[i].shown);
    }
  {
    g_autofree char *kind = civ_historical_field_display (CIV_HF_KIND, "divorce");

    g_assert_cmpstr (kind, ==, civ_hist_kind_display_name (CIV_HIST_DIVORCE));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/archive/historical/partial-dates", test_partial_dates);
  g_test_add_func ("/archive/historical/eras", test_eras);
  g_test_add_func ("/archive/historical/kinds", test_kinds);
  g_test_add_func ("/archive/historical/field-names", test_field_names);
  g_test_add_func ("/archive/historical/defaults", test_defaults);
  g_test_add_func ("/archive/historical/set-field-good", test_set_field_good);
  g_test_add_func ("/archive/historical/set-field-bad", test_set_field_bad);
  g_test_add_func ("/archive/historical/round-trip", test_round_trip);
  g_test_add_func ("/archive/historical/whole-entry-round-trip", test_whole_entry_round_trip);
  g_test_add_func ("/archive/historical/copy", test_copy);
  g_test_add_func ("/archive/historical/number-and-era-fields", test_number_and_era_fields);
  g_test_add_func ("/archive/historical/validate-clean", test_validate_clean);
  g_test_add_func ("/archive/historical/validate-errors", test_validate_errors);
  g_test_add_func ("/archive/historical/ages", test_ages);
  g_test_add_func ("/archive/historical/same-sex", test_same_sex);
  g_test_add_func ("/archive/historical/identity-numbers", test_identity_numbers);
  g_test_add_func ("/archive/historical/revocation", test_revocation);
  g_test_add_func ("/archive/historical/number-eras", test_number_eras);
  g_test_add_func ("/archive/historical/id-key", test_id_key);
  g_test_add_func ("/archive/historical/field-display", test_field_display);
  return g_test_run ();
}
