// SPDX-License-Identifier: GPL-3.0-or-later
/* fuzz-backfill-csv.c — `archive import FILE.csv`: the encoding found from
 * the bytes, the header, every row and its error report lines; then the
 * same bytes read in the other encoding */
#include <string.h>

#include "civ-backfill-csv.h"
#include "civ-fuzz.h"

static void
check_text (const char *text)
{
  g_assert (text != NULL);
  g_assert (g_utf8_validate (text, -1, NULL));
}

/* Reads every row; returns the encoding the reader used, or AUTO when the
 * file was refused. */
static CivCsvEncoding
read_all (const uint8_t *data, size_t size, CivCsvEncoding forced)
{
  g_autoptr (GInputStream) in = g_memory_input_stream_new_from_data (data, (gssize) size, NULL);
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (CivBackfillErrorReport) report = NULL;
  g_autoptr (CivBackfillCsv) csv = NULL;
  g_autoptr (GError) error = NULL;
  CivBackfillRow *row = NULL;
  CivCsvEncoding  encoding;
  guint64         last_row = 1, done = 0, total = 0, before = 0;
  GDate           today;

  csv = civ_backfill_csv_new (in, forced, NULL, &error);
  if (csv == NULL)
    {
      g_assert (error != NULL);
      check_text (error->message);
      return CIV_CSV_ENCODING_AUTO;
    }
  encoding = civ_backfill_csv_get_encoding (csv);
  g_assert (encoding == CIV_CSV_ENCODING_UTF8 || encoding == CIV_CSV_ENCODING_GB18030);
  g_assert (forced == CIV_CSV_ENCODING_AUTO || encoding == forced);
  g_assert_cmpuint (civ_backfill_csv_get_n_columns (csv), >, 0);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, 12, 2026);
  civ_backfill_csv_set_today (csv, &today);
  report = civ_backfill_error_report_new (out, NULL, &error);
  g_assert (report != NULL);
  civ_backfill_csv_get_progress (csv, &before, &total);
  g_assert (total == size);
  while (civ_backfill_csv_next (csv, &row, NULL, &error))
    {
      g_assert (row != NULL && row->input != NULL);
      g_assert_cmpuint (row->row, >, last_row);
      g_assert_cmpuint (row->line, >=, 2);
      last_row = row->row;
      for (guint i = 0; i < row->errors->len; i++)
        {
          const CivBackfillRowError *e = g_ptr_array_index (row->errors, i);

          check_text (e->header);
          check_text (e->value);
          check_text (e->message);
          g_assert (e->column < (int) civ_backfill_csv_get_n_columns (csv));
          g_assert (e->field >= -1 && e->field < CIV_HF_N_FIELDS);
        }
      for (int f = 0; f < CIV_HF_N_FIELDS; f++)
        {
          g_autofree char *value = civ_historical_get_field (row->input, f);

          check_text (value);
        }
      g_assert (civ_backfill_error_report_add_row (report, row, NULL, &error));
      civ_backfill_row_free (row);
      civ_backfill_csv_get_progress (csv, &done, &total);
      g_assert_cmpuint (done, >=, before);
      g_assert_cmpuint (done, <=, size);
      before = done;
    }
  g_assert (row == NULL);
  g_assert_no_error (error);
  civ_backfill_csv_get_progress (csv, &done, &total);
  g_assert_cmpuint (done, ==, size);
  g_assert (civ_backfill_error_report_close (report, NULL, &error));
  g_assert (
    g_utf8_validate (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                     (gssize) g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)),
                     NULL));
  return encoding;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  CivCsvEncoding found = read_all (data, size, CIV_CSV_ENCODING_AUTO);

  if (found == CIV_CSV_ENCODING_UTF8)
    read_all (data, size, CIV_CSV_ENCODING_GB18030);
  else if (found == CIV_CSV_ENCODING_GB18030)
    read_all (data, size, CIV_CSV_ENCODING_UTF8);
  return 0;
}
