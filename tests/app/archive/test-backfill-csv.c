// SPDX-License-Identifier: GPL-3.0-or-later
/* test-backfill-csv.c — reading backfill CSV files: encodings (a BOM,
 * none, GB18030 with four-byte characters, forced), RFC 4180 syntax, the
 * header's names, every kind of bad row, the error report's bytes, progress
 * and a 100,000-row stream in flat memory */
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "civ-app-error.h"
#include "civ-backfill-csv.h"

/* 𠀀 U+20000 and 㐂 U+3402: four bytes each in GB18030. */
#define RARE_1 "\xf0\xa0\x80\x80"
#define RARE_2 "\xe3\x90\x82"
#define RARE_1_GB18030 "\x95\x32\x82\x36"
#define RARE_2_GB18030 "\x81\x39\xef\x31"

#define HEADER_EN "date,office_code,party1_name,party2_name,party1_sex,party2_ethnicity,remarks"

static GDate test_today;

static CivBackfillCsv *
open_bytes (const char *data, gssize length, CivCsvEncoding encoding, GError **error)
{
  g_autoptr (GInputStream) in = NULL;
  CivBackfillCsv *csv;

  if (length < 0)
    length = (gssize) strlen (data);
  in = g_memory_input_stream_new_from_data (g_memdup2 (data, (gsize) length), length, g_free);
  csv = civ_backfill_csv_new (in, encoding, NULL, error);
  if (csv != NULL)
    civ_backfill_csv_set_today (csv, &test_today);
  return csv;
}

/* Every row left in @csv; fails the test on a read error. */
static GPtrArray *
read_rows (CivBackfillCsv *csv)
{
  GPtrArray      *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_backfill_row_free);
  CivBackfillRow *row = NULL;
  g_autoptr (GError) error = NULL;

  while (civ_backfill_csv_next (csv, &row, NULL, &error))
    g_ptr_array_add (rows, row);
  g_assert_no_error (error);
  g_assert_null (row);
  return rows;
}

static GPtrArray *
read_text (const char *text, CivCsvEncoding encoding)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivBackfillCsv) csv = open_bytes (text, -1, encoding, &error);

  g_assert_no_error (error);
  g_assert_nonnull (csv);
  return read_rows (csv);
}

static CivBackfillRow *
row_at (GPtrArray *rows, guint i)
{
  g_assert_cmpuint (i, <, rows->len);
  return g_ptr_array_index (rows, i);
}

static void
assert_field (CivBackfillRow *row, int field, const char *expected)
{
  g_autofree char *value = civ_historical_get_field (row->input, field);

  g_assert_cmpstr (value, ==, expected);
}

static void
assert_valid (CivBackfillRow *row)
{
  for (guint i = 0; i < row->errors->len; i++)
    {
      const CivBackfillRowError *e = g_ptr_array_index (row->errors, i);

      g_test_message ("row %" G_GUINT64_FORMAT ": kind %d field %d column “%s” value “%s”: %s",
                      row->row, e->kind, e->field, e->header, e->value, e->message);
    }
  g_assert_cmpuint (row->errors->len, ==, 0);
  g_assert_true (civ_backfill_row_is_valid (row));
}

/* The one error of @row, of @kind. */
static const CivBackfillRowError *
only_error (CivBackfillRow *row, CivBackfillRowErrorKind kind)
{
  const CivBackfillRowError *e;

  if (row->errors->len != 1)
    for (guint i = 0; i < row->errors->len; i++)
      {
        e = g_ptr_array_index (row->errors, i);
        g_test_message ("row %" G_GUINT64_FORMAT ": kind %d field %d “%s”: %s", row->row, e->kind,
                        e->field, e->header, e->message);
      }
  g_assert_cmpuint (row->errors->len, ==, 1);
  e = g_ptr_array_index (row->errors, 0);
  g_assert_cmpint (e->kind, ==, kind);
  g_assert_false (civ_backfill_row_is_valid (row));
  return e;
}

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "backfill", name, NULL);
}

/* ---- Encodings ---------------------------------------------------------- */

/* The two entries of tests/fixtures/backfill (make-fixtures.sh). */
static void
assert_fixture_rows (GPtrArray *rows)
{
  CivBackfillRow *r;

  g_assert_cmpuint (rows->len, ==, 2);
  r = row_at (rows, 0);
  assert_valid (r);
  g_assert_cmpuint (r->row, ==, 2);
  g_assert_cmpuint (r->line, ==, 2);
  assert_field (r, CIV_HF_KIND, "marriage");
  assert_field (r, CIV_HF_DATE, "1985-06-12");
  assert_field (r, CIV_HF_RAW_NUMBER, "沪黄婚字第038号");
  assert_field (r, CIV_HF_OFFICE_CODE, "310101");
  assert_field (r, CIV_HF_OFFICE_NAME, "上海市黄浦区婚姻登记处");
  assert_field (r, CIV_HF_PARTY (0, CIV_HF_P_NAME), "王" RARE_1);
  assert_field (r, CIV_HF_PARTY (1, CIV_HF_P_NAME), "李" RARE_2);
  g_assert_cmpint (r->input->party[0].sex, ==, 1);
  g_assert_cmpint (r->input->party[1].sex, ==, 2);
  assert_field (r, CIV_HF_PARTY (1, CIV_HF_P_BIRTH_DATE), "1962-07-15");
  assert_field (r, CIV_HF_REMARKS, "页边有\"涂改\",见原件");

  r = row_at (rows, 1);
  assert_valid (r);
  g_assert_cmpuint (r->row, ==, 3);
  assert_field (r, CIV_HF_KIND, "divorce");
  assert_field (r, CIV_HF_DATE, "1992-05");
  assert_field (r, CIV_HF_RAW_NUMBER, "");
  assert_field (r, CIV_HF_PARTY (0, CIV_HF_P_NAME), "张三");
  assert_field (r, CIV_HF_PARTY (0, CIV_HF_P_BIRTH_DATE), "1965");
  assert_field (r, CIV_HF_PARTY (0, CIV_HF_P_DOC_NUMBER), "310101650301123");
  assert_field (r, CIV_HF_PARTY (1, CIV_HF_P_BIRTH_DATE), "1966-02");
}

static void
read_fixture (const char *name, CivCsvEncoding forced, CivCsvEncoding expected)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInputStream) in = NULL;
  g_autoptr (CivBackfillCsv) csv = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *expected_sha = NULL;
  gsize            length = 0;
  guint64          done = 0, total = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  in = g_file_read (file, NULL, &error);
  g_assert_no_error (error);
  csv = civ_backfill_csv_new (G_INPUT_STREAM (in), forced, NULL, &error);
  g_assert_no_error (error);
  civ_backfill_csv_set_today (csv, &test_today);
  g_assert_cmpint (civ_backfill_csv_get_encoding (csv), ==, expected);
  g_assert_cmpuint (civ_backfill_csv_get_n_columns (csv), ==, 14);
  g_assert_cmpstr (civ_backfill_csv_get_field_header (csv, CIV_HF_RAW_NUMBER), ==, "结婚证字号");
  g_assert_cmpint (civ_backfill_csv_get_column_field (csv, 0), ==, CIV_HF_KIND);
  g_assert_null (civ_backfill_csv_get_field_header (csv, CIV_HF_VOLUME));
  rows = read_rows (csv);
  assert_fixture_rows (rows);
  civ_backfill_csv_get_progress (csv, &done, &total);
  g_assert_cmpuint (total, ==, length);
  g_assert_cmpuint (done, ==, length);

  sha = civ_backfill_file_sha256 (file, NULL, &error);
  g_assert_no_error (error);
  expected_sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  g_assert_cmpstr (sha, ==, expected_sha);
}

static void
test_utf8_bom (void)
{
  g_autofree char *path = fixture_path ("utf8-bom.csv");
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xef\xbb\xbf类别,"));
  read_fixture ("utf8-bom.csv", CIV_CSV_ENCODING_AUTO, CIV_CSV_ENCODING_UTF8);
  read_fixture ("utf8-bom.csv", CIV_CSV_ENCODING_UTF8, CIV_CSV_ENCODING_UTF8);
}

static void
test_utf8 (void)
{
  read_fixture ("utf8.csv", CIV_CSV_ENCODING_AUTO, CIV_CSV_ENCODING_UTF8);
}

static void
test_gb18030 (void)
{
  g_autofree char *path = fixture_path ("gb18030.csv");
  g_autofree char *contents = NULL;
  gsize            length = 0;

  /* The fixture holds the four-byte forms iconv wrote. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_nonnull (g_strstr_len (contents, (gssize) length, RARE_1_GB18030));
  g_assert_nonnull (g_strstr_len (contents, (gssize) length, RARE_2_GB18030));
  g_assert_false (g_utf8_validate (contents, (gssize) length, NULL));
  read_fixture ("gb18030.csv", CIV_CSV_ENCODING_AUTO, CIV_CSV_ENCODING_GB18030);
  read_fixture ("gb18030.csv", CIV_CSV_ENCODING_GB18030, CIV_CSV_ENCODING_GB18030);
}

/* A GB18030 file made here with g_convert () reads back as it was written,
 * "gbk" forces GB18030. */
static void
test_gb18030_converted (void)
{
  const char      *utf8 = "登记日期,登记机关代码,男方姓名,女方姓名,备注\r\n"
                          "1985-06-12,310101," RARE_1 "三," RARE_2 "四,\"甲,乙\"\r\n"
                          "1986,310101,张" RARE_2 "," RARE_1 ",㐂𠀀\r\n";
  g_autofree char *gb = NULL;
  gsize            length = 0;
  CivCsvEncoding   encoding = CIV_CSV_ENCODING_AUTO;
  g_autoptr (GError) error = NULL;

  gb = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_strstr_len (gb, (gssize) length, RARE_1_GB18030));
  g_assert_true (civ_csv_encoding_from_string ("GBK", &encoding));
  g_assert_cmpint (encoding, ==, CIV_CSV_ENCODING_GB18030);
  for (int forced = 0; forced < 2; forced++)
    {
      g_autoptr (CivBackfillCsv) csv =
        open_bytes (gb, (gssize) length, forced ? encoding : CIV_CSV_ENCODING_AUTO, &error);
      g_autoptr (GPtrArray) rows = NULL;

      g_assert_no_error (error);
      g_assert_cmpint (civ_backfill_csv_get_encoding (csv), ==, CIV_CSV_ENCODING_GB18030);
      rows = read_rows (csv);
      g_assert_cmpuint (rows->len, ==, 2);
      assert_valid (row_at (rows, 0));
      assert_field (row_at (rows, 0), CIV_HF_PARTY (0, CIV_HF_P_NAME), RARE_1 "三");
      assert_field (row_at (rows, 0), CIV_HF_PARTY (1, CIV_HF_P_NAME), RARE_2 "四");
      assert_field (row_at (rows, 0), CIV_HF_REMARKS, "甲,乙");
      assert_valid (row_at (rows, 1));
      assert_field (row_at (rows, 1), CIV_HF_PARTY (0, CIV_HF_P_NAME), "张" RARE_2);
      assert_field (row_at (rows, 1), CIV_HF_PARTY (1, CIV_HF_P_NAME), RARE_1);
      assert_field (row_at (rows, 1), CIV_HF_REMARKS, RARE_2 RARE_1);
    }
}

/* Forcing UTF-8 on a GB18030 file: the rows say which values are not
 * UTF-8, the reader goes on to the end. */
static void
test_forced_utf8_on_gb18030 (void)
{
  const char      *utf8 = HEADER_EN "\n"
                                    "1985-06-12,310101,王" RARE_1 ",李" RARE_2 ",,,\n"
                                    "1986-01-02,310101,Wang,Li,1,01,ok\n"
                                    "1987,310101,张三,Li,,,备注\n";
  g_autofree char *gb = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (CivBackfillCsv) csv = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  CivBackfillRow            *r;
  const CivBackfillRowError *e;

  /* Detected, the file reads well. */
  rows = read_text (gb, CIV_CSV_ENCODING_AUTO);
  g_assert_cmpuint (rows->len, ==, 3);
  for (guint i = 0; i < rows->len; i++)
    assert_valid (row_at (rows, i));
  g_clear_pointer (&rows, g_ptr_array_unref);

  csv = open_bytes (gb, -1, CIV_CSV_ENCODING_UTF8, &error);
  g_assert_no_error (error);
  g_assert_cmpint (civ_backfill_csv_get_encoding (csv), ==, CIV_CSV_ENCODING_UTF8);
  rows = read_rows (csv);
  g_assert_cmpuint (rows->len, ==, 3);
  r = row_at (rows, 0);
  g_assert_cmpuint (r->row, ==, 2);
  g_assert_cmpuint (r->errors->len, ==, 2);
  e = g_ptr_array_index (r->errors, 0);
  g_assert_cmpint (e->kind, ==, CIV_BACKFILL_ROW_ENCODING);
  g_assert_cmpint (e->field, ==, CIV_HF_PARTY (0, CIV_HF_P_NAME));
  g_assert_cmpint (e->column, ==, 2);
  g_assert_cmpstr (e->header, ==, "party1_name");
  /* 王 is CD F5 in GB18030; 𠀀 95 32 82 36, its 32 and 36 are ASCII. */
  g_assert_cmpstr (e->value, ==, "\\xCD\\xF5\\x952\\x826");
  g_assert_true (g_utf8_validate (e->message, -1, NULL));
  e = g_ptr_array_index (r->errors, 1);
  g_assert_cmpint (e->kind, ==, CIV_BACKFILL_ROW_ENCODING);
  g_assert_cmpint (e->field, ==, CIV_HF_PARTY (1, CIV_HF_P_NAME));
  assert_valid (row_at (rows, 1));
  assert_field (row_at (rows, 1), CIV_HF_PARTY (0, CIV_HF_P_NAME), "Wang");
  r = row_at (rows, 2);
  g_assert_cmpuint (r->errors->len, ==, 2);
  g_assert_cmpint (((CivBackfillRowError *) g_ptr_array_index (r->errors, 0))->kind, ==,
                   CIV_BACKFILL_ROW_ENCODING);
  g_assert_cmpint (((CivBackfillRowError *) g_ptr_array_index (r->errors, 1))->field, ==,
                   CIV_HF_REMARKS);

  /* A Chinese header forced as UTF-8 refuses the file. */
  {
    g_autofree char *gb_zh = g_convert ("登记日期,登记机关代码,男方姓名,女方姓名\n", -1, "GB18030",
                                        "UTF-8", NULL, NULL, NULL);
    g_autoptr (CivBackfillCsv) refused = open_bytes (gb_zh, -1, CIV_CSV_ENCODING_UTF8, &error);

    g_assert_null (refused);
    g_assert_error (error, CIV_BACKFILL_CSV_ERROR, CIV_BACKFILL_CSV_ERROR_ENCODING);
  }
}

/* Builds a UTF-8 file whose 65,536th byte is inside a character, and
 * bytes invalid in UTF-8 in a row after the first 64 KiB. */
static GString *
long_utf8_file (gboolean invalid_late)
{
  for (int pad = 0; pad < 60; pad++)
    {
      GString *text = g_string_new ("date,office_code,party1_name,party2_name,remarks\n");
      guint    n = 0;

      g_string_append (text, "1985,310101,A,B,");
      for (int k = 0; k < pad; k++)
        g_string_append_c (text, 'a');
      g_string_append_c (text, '\n');
      while (text->len < 70000)
        g_string_append_printf (text, "1985-06-%02u,310101,王%u,李%u,备注中文备注中文\n",
                                1 + n % 28, n, n),
          n++;
      if (((guint8) text->str[65536] & 0xC0) != 0x80)
        {
          g_string_free (text, TRUE);
          continue;
        }
      if (invalid_late)
        g_string_append (text, "1990,310101,\xff\xfe,李,\n");
      g_string_append (text, "1991,310101,末,尾,\n");
      return text;
    }
  g_assert_not_reached ();
}

static void
test_detect_cut_and_late_invalid (void)
{
  for (int late = 0; late < 2; late++)
    {
      g_autoptr (GString) text = long_utf8_file (late);
      g_autoptr (GError) error = NULL;
      g_autoptr (CivBackfillCsv) csv =
        open_bytes (text->str, (gssize) text->len, CIV_CSV_ENCODING_AUTO, &error);
      g_autoptr (GPtrArray) rows = NULL;
      guint bad = 0;

      g_assert_no_error (error);
      g_assert_cmpint (civ_backfill_csv_get_encoding (csv), ==, CIV_CSV_ENCODING_UTF8);
      rows = read_rows (csv);
      for (guint i = 0; i < rows->len; i++)
        {
          CivBackfillRow *r = row_at (rows, i);

          g_assert_cmpuint (r->row, ==, i + 2);
          if (r->errors->len == 0)
            continue;
          bad++;
          g_assert_true (late);
          g_assert_cmpuint (i, ==, rows->len - 2);
          g_assert_cmpstr (only_error (r, CIV_BACKFILL_ROW_ENCODING)->value, ==, "\\xFF\\xFE");
        }
      g_assert_cmpuint (bad, ==, late ? 1 : 0);
      assert_field (row_at (rows, rows->len - 1), CIV_HF_PARTY (0, CIV_HF_P_NAME), "末");
    }
}

static void
test_utf16_refused (void)
{
  const char data[] = "\xff\xfe"
                      "d\0a\0t\0e\0";
  g_autoptr (GError) error = NULL;
  g_autoptr (CivBackfillCsv) csv =
    open_bytes (data, sizeof data - 1, CIV_CSV_ENCODING_AUTO, &error);

  g_assert_null (csv);
  g_assert_error (error, CIV_BACKFILL_CSV_ERROR, CIV_BACKFILL_CSV_ERROR_ENCODING);
}

/* ---- Syntax ------------------------------------------------------------- */

static void
test_line_ends (void)
{
  /* CRLF, LF and CR, the last row without a line end. */
  g_autoptr (GPtrArray) rows = read_text (HEADER_EN "\r\n"
                                                    "1985,310101,A,B,,,\r\n"
                                                    "1986,310101,C,D,,,\n"
                                                    "1987,310101,E,F,,,\r"
                                                    "1988,310101,G,H,,,",
                                          CIV_CSV_ENCODING_AUTO);
  const char *names[] = { "A", "C", "E", "G" };

  g_assert_cmpuint (rows->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      assert_valid (row_at (rows, i));
      g_assert_cmpuint (row_at (rows, i)->row, ==, i + 2);
      g_assert_cmpuint (row_at (rows, i)->line, ==, i + 2);
      assert_field (row_at (rows, i), CIV_HF_PARTY (0, CIV_HF_P_NAME), names[i]);
    }
}

static void
test_quotes (void)
{
  g_autoptr (GPtrArray) rows =
    read_text (HEADER_EN
               "\r\n"
               "1985,310101,\"Wang, Da\",\"Li \"\"Er\"\"\",1,01,\"line one\r\nline two\"\r\n"
               "1986,\"310101\",  \"C\"  ,D,,,\"\"\"\"\r\n"
               "1987,310101,E,F,,,\"a,\nb,\n\"\"c\"\"\"\n"
               "1988,310101,G,\"H\"\n",
               CIV_CSV_ENCODING_AUTO);
  CivBackfillRow *r;

  g_assert_cmpuint (rows->len, ==, 4);
  r = row_at (rows, 0);
  assert_valid (r);
  assert_field (r, CIV_HF_PARTY (0, CIV_HF_P_NAME), "Wang, Da");
  assert_field (r, CIV_HF_PARTY (1, CIV_HF_P_NAME), "Li \"Er\"");
  assert_field (r, CIV_HF_REMARKS, "line one\nline two");
  g_assert_cmpuint (r->row, ==, 2);
  g_assert_cmpuint (r->line, ==, 2);
  r = row_at (rows, 1);
  assert_valid (r);
  /* One row further in a spreadsheet, two lines further in the file. */
  g_assert_cmpuint (r->row, ==, 3);
  g_assert_cmpuint (r->line, ==, 4);
  assert_field (r, CIV_HF_OFFICE_CODE, "310101");
  assert_field (r, CIV_HF_PARTY (0, CIV_HF_P_NAME), "C");
  assert_field (r, CIV_HF_REMARKS, "\"");
  r = row_at (rows, 2);
  assert_valid (r);
  g_assert_cmpuint (r->row, ==, 4);
  g_assert_cmpuint (r->line, ==, 5);
  assert_field (r, CIV_HF_REMARKS, "a,\nb,\n\"c\"");
  /* Too few cells, after a record of three lines. */
  r = row_at (rows, 3);
  g_assert_cmpuint (r->row, ==, 5);
  g_assert_cmpuint (r->line, ==, 8);
  only_error (r, CIV_BACKFILL_ROW_CELL_COUNT);
}

static void
test_blank_lines_and_trim (void)
{
  g_autoptr (GPtrArray) rows =
    read_text ("\n" HEADER_EN "\n"
               "\n"
               "1985 , 310101 ,\t王五\t,\xe3\x80\x80李六\xe3\x80\x80,,,\n"
               ",,,,,,\n"
               "  \r\n"
               ", ,\xe3\x80\x80,\n"
               "1986,310101,\" 甲 \",乙,,,\n"
               "\n",
               CIV_CSV_ENCODING_AUTO);

  g_assert_cmpuint (rows->len, ==, 2);
  assert_valid (row_at (rows, 0));
  g_assert_cmpuint (row_at (rows, 0)->row, ==, 4);
  assert_field (row_at (rows, 0), CIV_HF_DATE, "1985");
  assert_field (row_at (rows, 0), CIV_HF_OFFICE_CODE, "310101");
  assert_field (row_at (rows, 0), CIV_HF_PARTY (0, CIV_HF_P_NAME), "王五");
  assert_field (row_at (rows, 0), CIV_HF_PARTY (1, CIV_HF_P_NAME), "李六");
  assert_valid (row_at (rows, 1));
  g_assert_cmpuint (row_at (rows, 1)->row, ==, 8);
  assert_field (row_at (rows, 1), CIV_HF_PARTY (0, CIV_HF_P_NAME), "甲");
}

/* ---- The header --------------------------------------------------------- */

static void
test_header_english (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivBackfillCsv) csv =
    open_bytes ("Registration date,OFFICE CODE,Man: name,woman_name,Man sex,Woman: ethnic group,"
                "Certificate number,Party 1 ID number,Remarks,kind\n"
                "1985-06-12,310101,Wang,Li,1,汉族,沪婚字038号,310101600301123,ok,divorce\n",
                -1, CIV_CSV_ENCODING_AUTO, &error);
  g_autoptr (GPtrArray) rows = NULL;
  CivBackfillRow *r;

  g_assert_no_error (error);
  g_assert_cmpint (civ_backfill_csv_get_column_field (csv, 2), ==, CIV_HF_PARTY (0, CIV_HF_P_NAME));
  g_assert_cmpint (civ_backfill_csv_get_column_field (csv, 7), ==,
                   CIV_HF_PARTY (0, CIV_HF_P_DOC_NUMBER));
  g_assert_cmpstr (civ_backfill_csv_get_field_header (csv, CIV_HF_PARTY (1, CIV_HF_P_NAME)), ==,
                   "woman_name");
  rows = read_rows (csv);
  g_assert_cmpuint (rows->len, ==, 1);
  r = row_at (rows, 0);
  assert_valid (r);
  assert_field (r, CIV_HF_KIND, "divorce");
  assert_field (r, CIV_HF_PARTY (1, CIV_HF_P_ETHNICITY), "01");
  assert_field (r, CIV_HF_PARTY (0, CIV_HF_P_DOC_NUMBER), "310101600301123");
  assert_field (r, CIV_HF_RAW_NUMBER, "沪婚字038号");
}

static void
test_header_chinese (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivBackfillCsv) csv =
    open_bytes ("序号,登记日期,证书编号,登记机关代码,一方姓名,另一方姓名,女方民族,异常说明,页,卷号,"
                "档号,"
                "男方婚前状况,婚姻性质\n"
                "7,1979-10-01,川婚字第12号,510104,甲,乙,回族,字迹模糊,3,第2卷,A-1979-2,未婚,初婚\n",
                -1, CIV_CSV_ENCODING_AUTO, &error);
  g_autoptr (GPtrArray) rows = NULL;
  CivBackfillRow *r;

  g_assert_no_error (error);
  rows = read_rows (csv);
  g_assert_cmpuint (rows->len, ==, 1);
  r = row_at (rows, 0);
  assert_valid (r);
  /* No kind column: a marriage. */
  assert_field (r, CIV_HF_KIND, "marriage");
  g_assert_cmpint (r->input->entry, ==, 7);
  g_assert_cmpint (r->input->page, ==, 3);
  assert_field (r, CIV_HF_PARTY (0, CIV_HF_P_NAME), "甲");
  assert_field (r, CIV_HF_PARTY (1, CIV_HF_P_NAME), "乙");
  assert_field (r, CIV_HF_PARTY (1, CIV_HF_P_ETHNICITY), "03");
  assert_field (r, CIV_HF_REMARKS, "字迹模糊");
  assert_field (r, CIV_HF_VOLUME, "第2卷");
  assert_field (r, CIV_HF_ARCHIVE_NO, "A-1979-2");
  assert_field (r, CIV_HF_PARTY (0, CIV_HF_P_STATUS_BEFORE), "10");
  assert_field (r, CIV_HF_NATURE, "21");
}

static void
test_header_refused (void)
{
  static const struct
  {
    const char *text;
    int         code;
    const char *named[3]; /* what the message lists */
  } cases[] = {
    { "date,office_code,party1_name,party2_name,foo,未知列\n1985,310101,A,B,,\n",
      CIV_BACKFILL_CSV_ERROR_UNKNOWN_COLUMN,
      { "foo", "未知列", NULL } },
    { "date,office_code,party1_name,party2_name,登记日期\n",
      CIV_BACKFILL_CSV_ERROR_DUPLICATE_COLUMN,
      { "date", "登记日期", NULL } },
    { "男方姓名,女方姓名,备注\n",
      CIV_BACKFILL_CSV_ERROR_MISSING_COLUMN,
      { "office_code", "date", NULL } },
    { "date,office_code,party1_name\n",
      CIV_BACKFILL_CSV_ERROR_MISSING_COLUMN,
      { "party2_name", NULL } },
    { "", CIV_BACKFILL_CSV_ERROR_EMPTY, { NULL } },
    { "\r\n\n,,,\n", CIV_BACKFILL_CSV_ERROR_EMPTY, { NULL } },
    { "date,\"office_code,party1_name\n", CIV_BACKFILL_CSV_ERROR_HEADER, { NULL } },
    { "date,\"office_code\"x,party1_name,party2_name\n", CIV_BACKFILL_CSV_ERROR_HEADER, { NULL } },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (CivBackfillCsv) csv =
        open_bytes (cases[i].text, -1, CIV_CSV_ENCODING_AUTO, &error);

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      g_assert_null (csv);
      g_assert_error (error, CIV_BACKFILL_CSV_ERROR, cases[i].code);
      /* Every column at fault is named (the names, not the wording). */
      for (gsize j = 0; cases[i].named[j] != NULL; j++)
        g_assert_nonnull (strstr (error->message, cases[i].named[j]));
    }
}

static void
test_header_only (void)
{
  g_autoptr (GPtrArray) rows = read_text (HEADER_EN "\r\n\r\n", CIV_CSV_ENCODING_AUTO);

  g_assert_cmpuint (rows->len, ==, 0);
}

/* A column without a name (a spreadsheet's trailing empty column) must
 * stay empty. */
static void
test_unnamed_column (void)
{
  g_autoptr (GPtrArray) rows = read_text ("date,office_code,party1_name,party2_name,\n"
                                          "1985,310101,A,B,\n"
                                          "1986,310101,C,D,lost\n",
                                          CIV_CSV_ENCODING_AUTO);
  const CivBackfillRowError *e;

  g_assert_cmpuint (rows->len, ==, 2);
  assert_valid (row_at (rows, 0));
  e = only_error (row_at (rows, 1), CIV_BACKFILL_ROW_UNNAMED_COLUMN);
  g_assert_cmpint (e->column, ==, 4);
  g_assert_cmpstr (e->value, ==, "lost");
}

/* ---- Bad rows ----------------------------------------------------------- */

static void
test_bad_rows (void)
{
  g_autoptr (GString) text = g_string_new (HEADER_EN "\r\n");
  g_autoptr (GPtrArray) rows = NULL;
  const CivBackfillRowError *e;
  CivBackfillRow            *r;
  guint                      i = 0;

  g_string_append (text, "1985-02-30,310101,A,B,1,01,bad date\r\n");             /* row 2 */
  g_string_append (text, "1985-02-28,310101,A,B,x,01,bad sex\r\n");              /* 3 */
  g_string_append (text, "1985-02-28,31AB01,A,B,1,01,bad office code\r\n");      /* 4 */
  g_string_append (text, "1985-02-28,310101,A,B,1,99,bad ethnic code\r\n");      /* 5 */
  g_string_append (text, "1985-02-28,310101,A,B,1,01,too,many\r\n");             /* 6 */
  g_string_append (text, "1985-02-28,310101,A,B\r\n");                           /* 7 */
  g_string_append (text, "1985-02-28,310101,,B,1,01,no name\r\n");               /* 8 */
  g_string_append (text, "1985-02-28,310101,\"A\"x,B,1,01,quote\r\n");           /* 9 */
  g_string_append (text, "1985-02-28,310101,\xc0\xff,B,1,01,bytes\r\n");         /* 10 */
  g_string_append (text, "1985-02-28,310101,\"A,B,1,01,open\r\n");               /* 11 */
  g_string_append (text, "1985-02-28,310101,C,D,1,01,after the open quote\r\n"); /* 12 */
  g_string_append (text, "1985-02-28,310101,E,F,1,01,");                         /* 13: too long */
  for (guint k = 0; k < CIV_BACKFILL_CSV_MAX_ROW_BYTES / 8 + 16; k++)
    g_string_append (text, "12345678");
  g_string_append (text, "\r\n2050-01-01,310101,G,H,1,01,future\r\n"); /* 14 */
  g_string_append (text, "1985-02-28,310101,I,J,1,01,last\r\n");       /* 15 */
  rows = read_text (text->str, CIV_CSV_ENCODING_AUTO);
  for (guint k = 0; k < rows->len; k++)
    for (guint j = 0; j < row_at (rows, k)->errors->len; j++)
      {
        e = g_ptr_array_index (row_at (rows, k)->errors, j);
        g_test_message ("row %" G_GUINT64_FORMAT " line %" G_GUINT64_FORMAT ": kind %d field %d",
                        row_at (rows, k)->row, row_at (rows, k)->line, e->kind, e->field);
      }
  g_assert_cmpuint (rows->len, ==, 14);

  r = row_at (rows, i++);
  g_assert_cmpuint (r->row, ==, 2);
  e = only_error (r, CIV_BACKFILL_ROW_FIELD);
  g_assert_cmpint (e->field, ==, CIV_HF_DATE);
  g_assert_cmpint (e->column, ==, 0);
  g_assert_cmpstr (e->header, ==, "date");
  g_assert_cmpstr (e->value, ==, "1985-02-30");
  g_assert_cmpstr (e->rule, ==, "R-H4");

  e = only_error (row_at (rows, i++), CIV_BACKFILL_ROW_FIELD);
  g_assert_cmpint (e->field, ==, CIV_HF_PARTY (0, CIV_HF_P_SEX));
  g_assert_cmpstr (e->value, ==, "x");
  g_assert_cmpstr (e->rule, ==, "R-ID10");

  e = only_error (row_at (rows, i++), CIV_BACKFILL_ROW_FIELD);
  g_assert_cmpint (e->field, ==, CIV_HF_OFFICE_CODE);
  g_assert_cmpstr (e->value, ==, "31AB01");

  e = only_error (row_at (rows, i++), CIV_BACKFILL_ROW_FIELD);
  g_assert_cmpint (e->field, ==, CIV_HF_PARTY (1, CIV_HF_P_ETHNICITY));
  g_assert_cmpstr (e->value, ==, "99");

  e = only_error (row_at (rows, i++), CIV_BACKFILL_ROW_CELL_COUNT);
  g_assert_cmpint (e->column, ==, -1);
  e = only_error (row_at (rows, i++), CIV_BACKFILL_ROW_CELL_COUNT);
  g_assert_cmpuint (row_at (rows, i - 1)->row, ==, 7);

  r = row_at (rows, i++);
  e = only_error (r, CIV_BACKFILL_ROW_ENTRY);
  g_assert_cmpint (e->field, ==, CIV_HF_PARTY (0, CIV_HF_P_NAME));
  g_assert_cmpstr (e->header, ==, "party1_name");

  e = only_error (row_at (rows, i++), CIV_BACKFILL_ROW_QUOTE);
  g_assert_cmpint (e->field, ==, CIV_HF_PARTY (0, CIV_HF_P_NAME));

  r = row_at (rows, i++);
  g_assert_cmpuint (r->row, ==, 10);
  e = only_error (r, CIV_BACKFILL_ROW_ENCODING);
  g_assert_cmpstr (e->value, ==, "\\xC0\\xFF");

  r = row_at (rows, i++);
  g_assert_cmpuint (r->row, ==, 11);
  g_assert_cmpuint (r->line, ==, 11);
  e = only_error (r, CIV_BACKFILL_ROW_UNTERMINATED_QUOTE);
  g_assert_cmpint (e->column, ==, 2);
  g_assert_cmpstr (e->header, ==, "party1_name");
  g_assert_cmpstr (e->value, ==, "A,B,1,01,open");

  /* The row after the open quote is read as itself. */
  r = row_at (rows, i++);
  g_assert_cmpuint (r->row, ==, 12);
  g_assert_cmpuint (r->line, ==, 12);
  assert_valid (r);
  assert_field (r, CIV_HF_PARTY (0, CIV_HF_P_NAME), "C");

  r = row_at (rows, i++);
  g_assert_cmpuint (r->row, ==, 13);
  only_error (r, CIV_BACKFILL_ROW_TOO_LONG);

  r = row_at (rows, i++);
  g_assert_cmpuint (r->row, ==, 14);
  g_assert_cmpuint (r->line, ==, 14);
  e = only_error (r, CIV_BACKFILL_ROW_ENTRY);
  g_assert_cmpint (e->field, ==, CIV_HF_DATE);

  r = row_at (rows, i++);
  g_assert_cmpuint (r->row, ==, 15);
  assert_valid (r);
  assert_field (r, CIV_HF_PARTY (0, CIV_HF_P_NAME), "I");
}

/* A quote left open at the end of the file, and one left open for longer
 * than a row may be. */
static void
test_unterminated_quote (void)
{
  g_autoptr (GString) text = g_string_new (HEADER_EN "\n1985,310101,A,B,,,\"open\n");
  g_autoptr (GPtrArray) rows = NULL;

  rows = read_text (text->str, CIV_CSV_ENCODING_AUTO);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (only_error (row_at (rows, 0), CIV_BACKFILL_ROW_UNTERMINATED_QUOTE)->value, ==,
                   "open");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* A quote that closes a line later with text after it opened a cell
   * further on: the row with the open quote is the bad one. */
  g_string_assign (text, HEADER_EN "\n1985,310101,\"A,B,,,\n1986,310101,\"C\",D,,,\n");
  rows = read_text (text->str, CIV_CSV_ENCODING_AUTO);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (only_error (row_at (rows, 0), CIV_BACKFILL_ROW_UNTERMINATED_QUOTE)->value, ==,
                   "A,B,,,");
  assert_valid (row_at (rows, 1));
  g_assert_cmpuint (row_at (rows, 1)->row, ==, 3);
  assert_field (row_at (rows, 1), CIV_HF_PARTY (0, CIV_HF_P_NAME), "C");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Lines of text after the quote up to past the limit: one bad row, then
   * every line after its first is read as a row of its own. */
  g_string_assign (text, HEADER_EN "\n1985,310101,\"A,B,,,x\n");
  for (guint k = 0; k < CIV_BACKFILL_CSV_MAX_ROW_BYTES / 20 + 10; k++)
    g_string_append (text, "1986,310101,C,D,,,\n");
  rows = read_text (text->str, CIV_CSV_ENCODING_AUTO);
  g_assert_cmpuint (rows->len, ==, CIV_BACKFILL_CSV_MAX_ROW_BYTES / 20 + 11);
  only_error (row_at (rows, 0), CIV_BACKFILL_ROW_UNTERMINATED_QUOTE);
  for (guint i = 1; i < rows->len; i++)
    {
      assert_valid (row_at (rows, i));
      g_assert_cmpuint (row_at (rows, i)->row, ==, i + 2);
    }
}

/* ---- The error report --------------------------------------------------- */

static GBytes *
report_for (const char *csv_text)
{
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (CivBackfillErrorReport) report = NULL;
  g_autoptr (GPtrArray) rows = read_text (csv_text, CIV_CSV_ENCODING_AUTO);
  g_autoptr (GError) error = NULL;

  report = civ_backfill_error_report_new (out, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      civ_backfill_error_report_add_row (report, row_at (rows, i), NULL, &error);
      g_assert_no_error (error);
    }
  civ_backfill_error_report_add (report, 9, "备注", "=1+1, \"a\"", "Formula, quoted", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (civ_backfill_error_report_get_n_lines (report), ==, 2);
  civ_backfill_error_report_close (report, NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static void
assert_bytes (GBytes *bytes, const char *expected)
{
  gsize            size = 0;
  const char      *data = g_bytes_get_data (bytes, &size);
  g_autofree char *text = g_strndup (data, size);

  g_assert_cmpstr (text, ==, expected);
}

#define REPORT_INPUT                                                                               \
  "date,office_code,party1_name,party2_name\n1985,310101,A,B\n1985,310101,\"A,B\"\n"

static void
test_report_bytes (void)
{
  g_autoptr (GBytes) bytes = report_for (REPORT_INPUT);

  assert_bytes (bytes,
                "\xef\xbb\xbfRow,Column,Value,Problem\r\n"
                "3,,,\"The row has 3 values but the header row has 4 columns. Check for a missing "
                "or extra comma, and put a value that has a comma in double quotes.\"\r\n"
                "9,备注,\"'=1+1, \"\"a\"\"\",\"Formula, quoted\"\r\n");
}

/* The report in Chinese, the user's language (in a subprocess, which
 * switches its locale). */
static void
test_report_translated (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr (GBytes) bytes = NULL;

      g_assert_nonnull (setlocale (LC_ALL, "zh_CN.UTF-8"));
      g_setenv ("LANGUAGE", "zh_CN", TRUE);
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CIVREG_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      bytes = report_for (REPORT_INPUT);
      assert_bytes (bytes,
                    "\xef\xbb\xbf行号,列,值,错误说明\r\n"
                    "3,,,该行有 3 个值，但标题行有 4 列。请检查是否缺少或多出逗号；含逗号的值"
                    "请加英文双引号。\r\n"
                    "9,备注,\"'=1+1, \"\"a\"\"\",\"Formula, quoted\"\r\n");
      return;
    }
  if (g_getenv ("CIVREG_LOCALEDIR") == NULL)
    {
      g_test_skip ("CIVREG_LOCALEDIR is not set");
      return;
    }
  if (setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("no zh_CN.UTF-8 locale");
      return;
    }
  setlocale (LC_ALL, "C");
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* ---- Progress, cancelling, memory --------------------------------------- */

static void
test_progress (void)
{
  g_autofree char *path = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFileInputStream) in = NULL;
  g_autoptr (CivBackfillCsv) csv = NULL;
  g_autoptr (GString) text = g_string_new (HEADER_EN "\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  CivBackfillRow *row = NULL;
  guint64         done = 0, total = 0, before = 0;
  guint           n = 0;
  int             fd;

  for (guint k = 0; k < 6000; k++)
    g_string_append_printf (text, "1985-01-%02u,310101,王%u,李%u,1,01,\n", 1 + k % 28, k, k);
  fd = g_file_open_tmp ("backfill-XXXXXX.csv", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (path, text->str, (gssize) text->len, NULL));
  file = g_file_new_for_path (path);
  in = g_file_read (file, NULL, &error);
  g_assert_no_error (error);
  csv = civ_backfill_csv_new (G_INPUT_STREAM (in), CIV_CSV_ENCODING_AUTO, NULL, &error);
  g_assert_no_error (error);
  civ_backfill_csv_get_progress (csv, &done, &total);
  g_assert_cmpuint (total, ==, text->len);
  g_assert_cmpuint (done, ==, strlen (HEADER_EN "\n"));
  before = done;
  while (civ_backfill_csv_next (csv, &row, cancellable, &error))
    {
      n++;
      civ_backfill_csv_get_progress (csv, &done, &total);
      /* Up to the end of the row just read. */
      g_assert_cmpuint (done, >, before);
      g_assert_cmpuint (text->str[done - 1], ==, '\n');
      before = done;
      civ_backfill_row_free (row);
      if (n == 3000)
        {
          g_assert_cmpuint (done, <, total);
          g_cancellable_cancel (cancellable);
        }
    }
  /* Cancelled after 3,000 rows. */
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (row);
  g_assert_cmpuint (n, ==, 3000);
  g_clear_error (&error);
  g_cancellable_reset (cancellable);
  while (civ_backfill_csv_next (csv, &row, cancellable, &error))
    n++, civ_backfill_row_free (row);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 6000);
  civ_backfill_csv_get_progress (csv, &done, &total);
  g_assert_cmpuint (done, ==, total);
  g_unlink (path);
}

/* A stream that makes up its rows as they are read (never the whole file
 * in memory) and cannot seek. */
#define CIV_TYPE_ROW_SOURCE (civ_row_source_get_type ())
G_DECLARE_FINAL_TYPE (CivRowSource, civ_row_source, CIV, ROW_SOURCE, GInputStream)

struct _CivRowSource
{
  GInputStream parent_instance;
  guint        n_rows, next_row;
  GString     *pending;
  gsize        pending_pos;
  guint64      produced;
};

G_DEFINE_FINAL_TYPE (CivRowSource, civ_row_source, G_TYPE_INPUT_STREAM)

static gssize
civ_row_source_read (
  GInputStream *stream, void *buffer, gsize count, GCancellable *cancellable, GError **error)
{
  CivRowSource *self = CIV_ROW_SOURCE (stream);
  gsize         n;

  if (self->pending_pos == self->pending->len)
    {
      g_string_truncate (self->pending, 0);
      self->pending_pos = 0;
      if (self->next_row == 0)
        g_string_append (self->pending,
                         "登记日期,登记机关代码,男方姓名,男方性别,男方出生日期,男方身份证号,"
                         "女方姓名,女方性别,女方出生日期,女方民族,结婚证字号,备注\r\n");
      while (self->next_row < self->n_rows && self->pending->len < 8192)
        {
          guint k = self->next_row++;

          g_string_append_printf (self->pending,
                                  "%u-%02u-%02u,310101,王" RARE_1
                                  "%u,男,%u,3101011960%02u01%03u,李" RARE_2
                                  "%u,女,%u-%02u,01,沪婚字第%06u号,\"第%u条, 备注\"\r\n",
                                  1960 + k % 40, 1 + k % 12, 1 + k % 28, k, 1935 + k % 40,
                                  1 + k % 12, k % 1000, k, 1937 + k % 40, 1 + k % 12, k, k);
        }
    }
  n = MIN (count, self->pending->len - self->pending_pos);
  memcpy (buffer, self->pending->str + self->pending_pos, n);
  self->pending_pos += n;
  self->produced += n;
  return (gssize) n;
}

static void
civ_row_source_finalize (GObject *object)
{
  g_string_free (CIV_ROW_SOURCE (object)->pending, TRUE);
  G_OBJECT_CLASS (civ_row_source_parent_class)->finalize (object);
}

static void
civ_row_source_class_init (CivRowSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = civ_row_source_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = civ_row_source_read;
}

static void
civ_row_source_init (CivRowSource *self)
{
  self->pending = g_string_new (NULL);
}

/* A stream that hands out its bytes a few at a time, as a pipe may. */
#define CIV_TYPE_TRICKLE (civ_trickle_get_type ())
G_DECLARE_FINAL_TYPE (CivTrickle, civ_trickle, CIV, TRICKLE, GInputStream)

struct _CivTrickle
{
  GInputStream parent_instance;
  GString     *data;
  gsize        pos, chunk;
};

G_DEFINE_FINAL_TYPE (CivTrickle, civ_trickle, G_TYPE_INPUT_STREAM)

static gssize
civ_trickle_read (
  GInputStream *stream, void *buffer, gsize count, GCancellable *cancellable, GError **error)
{
  CivTrickle *self = CIV_TRICKLE (stream);
  gsize       n = MIN (MIN (count, self->chunk), self->data->len - self->pos);

  memcpy (buffer, self->data->str + self->pos, n);
  self->pos += n;
  return (gssize) n;
}

static void
civ_trickle_finalize (GObject *object)
{
  g_string_free (CIV_TRICKLE (object)->data, TRUE);
  G_OBJECT_CLASS (civ_trickle_parent_class)->finalize (object);
}

static void
civ_trickle_class_init (CivTrickleClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = civ_trickle_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = civ_trickle_read;
}

static void
civ_trickle_init (CivTrickle *self)
{
  self->data = g_string_new (NULL);
}

static GPtrArray *
read_trickled (const char *text, gsize length, gsize chunk)
{
  g_autoptr (CivTrickle) in = g_object_new (CIV_TYPE_TRICKLE, NULL);
  g_autoptr (CivBackfillCsv) csv = NULL;
  g_autoptr (GError) error = NULL;

  g_string_append_len (in->data, text, (gssize) length);
  in->chunk = chunk;
  csv = civ_backfill_csv_new (G_INPUT_STREAM (in), CIV_CSV_ENCODING_AUTO, NULL, &error);
  g_assert_no_error (error);
  civ_backfill_csv_set_today (csv, &test_today);
  return read_rows (csv);
}

/* The same rows whether the stream hands out 7 bytes at a time, 4 KiB or
 * the whole file: records, quotes, CRLF and characters cut anywhere. */
static void
test_chunked_reads (void)
{
  /* A BOM: the invalid bytes further on must not make it GB18030. */
  g_autoptr (GString) text = g_string_new ("\xef\xbb\xbf" HEADER_EN "\r\n");
  g_autoptr (GPtrArray) whole = NULL;
  const gsize chunks[] = { 7, 4096 };

  for (guint k = 0; k < 3000; k++)
    switch (k % 6)
      {
      case 0:
        g_string_append_printf (text, "1985-06-%02u,310101,王" RARE_1 "%u,李" RARE_2 ",1,01,\r\n",
                                1 + k % 28, k);
        break;
      case 1:
        g_string_append_printf (
          text, "1986,310101,\"Wang, %u\",\"Li \"\"E\"\"\",2,汉族,\"a\r\nb\"\"\"\r\n", k);
        break;
      case 2:
        g_string_append (text, "\r\n,,,,,,\r\n");
        break;
      case 3:
        g_string_append_printf (text, "1987-02-30,310101,A%u,B,x,99,\"q\"x\n", k);
        break;
      case 4:
        g_string_append_printf (text, "1988,310101,\xff%u,B,,,\r", k);
        break;
      default:
        g_string_append_printf (text, "1989,310101,\"C%u,D,,,\r\n", k);
        break;
      }
  g_string_append (text, "1990,310101,末,尾,,,");
  whole = read_trickled (text->str, text->len, G_MAXSIZE);
  g_assert_cmpuint (whole->len, ==, 2501);
  for (gsize c = 0; c < G_N_ELEMENTS (chunks); c++)
    {
      g_autoptr (GPtrArray) rows = read_trickled (text->str, text->len, chunks[c]);

      g_assert_cmpuint (rows->len, ==, whole->len);
      for (guint i = 0; i < rows->len; i++)
        {
          CivBackfillRow *a = row_at (whole, i), *b = row_at (rows, i);

          g_assert_cmpuint (a->row, ==, b->row);
          g_assert_cmpuint (a->line, ==, b->line);
          g_assert_cmpuint (a->errors->len, ==, b->errors->len);
          for (guint j = 0; j < a->errors->len; j++)
            {
              const CivBackfillRowError *ea = g_ptr_array_index (a->errors, j);
              const CivBackfillRowError *eb = g_ptr_array_index (b->errors, j);

              g_assert_cmpint (ea->kind, ==, eb->kind);
              g_assert_cmpint (ea->field, ==, eb->field);
              g_assert_cmpstr (ea->value, ==, eb->value);
            }
          for (int f = 0; f < CIV_HF_N_FIELDS; f++)
            {
              g_autofree char *va = civ_historical_get_field (a->input, f);
              g_autofree char *vb = civ_historical_get_field (b->input, f);

              g_assert_cmpstr (va, ==, vb);
            }
        }
    }
  assert_field (row_at (whole, whole->len - 1), CIV_HF_PARTY (0, CIV_HF_P_NAME), "末");
}

/* Resident memory in KiB. */
static guint64
rss_kib (void)
{
  g_autofree char *statm = NULL;
  guint64          pages = 0, resident = 0;

  g_assert_true (g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL));
  g_assert_cmpint (sscanf (statm, "%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT, &pages, &resident),
                   ==, 2);
  return resident * (guint64) sysconf (_SC_PAGESIZE) / 1024;
}

static void
test_flat_memory (void)
{
  g_autoptr (CivRowSource) source = g_object_new (CIV_TYPE_ROW_SOURCE, NULL);
  g_autoptr (CivBackfillCsv) csv = NULL;
  g_autoptr (GError) error = NULL;
  CivBackfillRow *row = NULL;
  guint64         rss_early = 0, rss_late = 0, done = 0, total = 1;
  guint           n = 0;

#if defined(__SANITIZE_ADDRESS__)
  /* Under ASan every allocation is slow and memory is not asserted (below):
   * fewer rows are enough to find a leak or a bad access. */
  source->n_rows = 10000;
#else
  source->n_rows = 100000;
#endif
  csv = civ_backfill_csv_new (G_INPUT_STREAM (source), CIV_CSV_ENCODING_AUTO, NULL, &error);
  g_assert_no_error (error);
  civ_backfill_csv_set_today (csv, &test_today);
  g_assert_cmpint (civ_backfill_csv_get_encoding (csv), ==, CIV_CSV_ENCODING_UTF8);
  while (civ_backfill_csv_next (csv, &row, NULL, &error))
    {
      if (n % 997 == 0)
        {
          g_autofree char *name = g_strdup_printf ("王" RARE_1 "%u", n);

          assert_valid (row);
          assert_field (row, CIV_HF_PARTY (0, CIV_HF_P_NAME), name);
        }
      civ_backfill_row_free (row);
      n++;
      if (n == source->n_rows / 10)
        rss_early = rss_kib ();
    }
  g_assert_no_error (error);
  rss_late = rss_kib ();
  g_assert_cmpuint (n, ==, source->n_rows);
  civ_backfill_csv_get_progress (csv, &done, &total);
  /* The stream cannot seek: no total, every byte read. */
  g_assert_cmpuint (total, ==, 0);
  g_assert_cmpuint (done, ==, source->produced);
  g_test_message ("%u rows, %.1f MiB read; resident memory after %u rows %" G_GUINT64_FORMAT
                  " KiB, after %u rows %" G_GUINT64_FORMAT " KiB",
                  n, (double) source->produced / (1024.0 * 1024.0), n / 10, rss_early, n, rss_late);
#if defined(__SANITIZE_ADDRESS__)
  /* ASan keeps freed memory in quarantine: the figures are printed only. */
#else
  /* Reading the other 90,000 rows (more than 10 MiB) holds on to none of them. */
  g_assert_cmpuint (source->produced, >, 10 * 1024 * 1024);
  g_assert_cmpuint (rss_late, <, rss_early + 4 * 1024);
#endif
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_date_clear (&test_today, 1);
  g_date_set_dmy (&test_today, 1, G_DATE_DECEMBER, 2026);

  g_test_add_func ("/backfill-csv/encoding/utf8-bom", test_utf8_bom);
  g_test_add_func ("/backfill-csv/encoding/utf8", test_utf8);
  g_test_add_func ("/backfill-csv/encoding/gb18030", test_gb18030);
  g_test_add_func ("/backfill-csv/encoding/gb18030-converted", test_gb18030_converted);
  g_test_add_func ("/backfill-csv/encoding/forced-utf8-on-gb18030", test_forced_utf8_on_gb18030);
  g_test_add_func ("/backfill-csv/encoding/detect-cut-and-late-invalid",
                   test_detect_cut_and_late_invalid);
  g_test_add_func ("/backfill-csv/encoding/utf16-refused", test_utf16_refused);
  g_test_add_func ("/backfill-csv/syntax/line-ends", test_line_ends);
  g_test_add_func ("/backfill-csv/syntax/quotes", test_quotes);
  g_test_add_func ("/backfill-csv/syntax/blank-lines-and-trim", test_blank_lines_and_trim);
  g_test_add_func ("/backfill-csv/header/english", test_header_english);
  g_test_add_func ("/backfill-csv/header/chinese", test_header_chinese);
  g_test_add_func ("/backfill-csv/header/refused", test_header_refused);
  g_test_add_func ("/backfill-csv/header/only", test_header_only);
  g_test_add_func ("/backfill-csv/header/unnamed-column", test_unnamed_column);
  g_test_add_func ("/backfill-csv/rows/bad", test_bad_rows);
  g_test_add_func ("/backfill-csv/rows/unterminated-quote", test_unterminated_quote);
  g_test_add_func ("/backfill-csv/report/bytes", test_report_bytes);
  g_test_add_func ("/backfill-csv/report/translated", test_report_translated);
  g_test_add_func ("/backfill-csv/progress-and-cancel", test_progress);
  g_test_add_func ("/backfill-csv/flat-memory", test_flat_memory);
  g_test_add_func ("/backfill-csv/syntax/chunked-reads", test_chunked_reads);
  return g_test_run ();
}
