// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-archive-import.c — a backfill CSV file into the office, all or nothing */
#include "civ-archive-import.h"

#include "civ-app-error.h"
#include "civ-archive-store.h"
#include "civ-backfill-csv.h"
#include "civ-history.h"
#include "civ-json.h"
#include "civ-permissions.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define PROGRESS_INTERVAL_US (100 * 1000)
#define N_SAMPLE_ERRORS 10
#define SEARCH_KEYS_CHUNK 10000

CivImportOptions *
civ_import_options_new (const char *path)
{
  CivImportOptions *o = g_new0 (CivImportOptions, 1);

  o->path = g_strdup (path);
  return o;
}

void
civ_import_options_free (CivImportOptions *o)
{
  if (o == NULL)
    return;
  g_free (o->path);
  g_free (o->encoding);
  g_free (o->errors_path);
  g_free (o);
}

void
civ_import_result_free (CivImportResult *r)
{
  if (r == NULL)
    return;
  g_free (r->sha256);
  g_free (r->encoding);
  g_clear_pointer (&r->sample_errors, g_ptr_array_unref);
  g_free (r);
}

typedef struct
{
  CivImportProgressFunc func;
  gpointer              user_data;
  gint64                started;
  gint64                last;
} Progress;

static void
report_progress (Progress *p, CivBackfillCsv *csv, guint64 rows, gboolean force)
{
  gint64  now = g_get_monotonic_time ();
  guint64 done = 0, total = 0;
  double  seconds, rate, left = -1;

  /* Every 100 ms, and every 1,000 rows (so that a caller may act on a
   * row count however fast the rows go). */
  if (p->func == NULL || (!force && now - p->last < PROGRESS_INTERVAL_US && rows % 1000 != 0))
    return;
  p->last = now;
  civ_backfill_csv_get_progress (csv, &done, &total);
  seconds = (now - p->started) / 1e6;
  rate = seconds > 0 ? rows / seconds : 0;
  if (total > 0 && done > 0 && seconds > 0.5)
    left = seconds * ((double) (total - MIN (done, total)) / done);
  p->func (rows, done, total, rate, left, p->user_data);
}

static void
sample (CivImportResult *result, guint64 row, const char *header, const char *message)
{
  if (result->sample_errors->len >= N_SAMPLE_ERRORS)
    return;
  g_autofree char *n = g_strdup_printf ("%" G_GUINT64_FORMAT, row);

  /* Translators: %1$s is a row number of the spreadsheet, %2$s its column. */
  g_ptr_array_add (result->sample_errors,
                   header && *header
                     ? g_strdup_printf (_ ("Row %1$s, %2$s: %3$s"), n, header, message)
                     : g_strdup_printf (_ ("Row %1$s: %2$s"), n, message));
}

static gboolean
is_duplicate (CivHistoryWriter *writer, const CivHistoricalInput *in, gboolean *dup, GError **error)
{
  g_autofree char *date = civ_partial_date_to_iso (&in->date);

  return civ_history_writer_duplicate (writer, in->raw_number, date ? date : "",
                                       in->party[0].name ? in->party[0].name : "",
                                       in->party[1].name ? in->party[1].name : "", dup, error);
}

CivImportResult *
civ_archive_import (CivStore               *store,
                    const CivImportOptions *options,
                    CivImportProgressFunc   progress,
                    gpointer                user_data,
                    GCancellable           *cancellable,
                    GError                **error)
{
  CivDb         *db;
  CivCsvEncoding forced = CIV_CSV_ENCODING_AUTO;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFileInputStream) in = NULL;
  g_autoptr (CivBackfillCsv) csv = NULL;
  g_autoptr (CivBackfillErrorReport) report = NULL;
  g_autoptr (CivHistoryWriter) writer = NULL;
  g_autoptr (CivPinyin) pinyin = NULL;
  g_autoptr (CivImportResult) result = NULL;
  g_autoptr (GHashTable) pinyin_cache =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char  *now = NULL, *base = NULL;
  CivHistoryContext ctx;
  Progress prog = { progress, user_data, g_get_monotonic_time (), g_get_monotonic_time () };
  gboolean seen = FALSE, writing, in_transaction = FALSE;
  GError  *local = NULL;

  g_return_val_if_fail (CIV_IS_STORE (store) && options != NULL, NULL);
  if (!civ_require (store, CIV_PERM_ARCHIVE_KEY, error))
    return NULL;
  if (options->path == NULL || *options->path == '\0')
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                           _ ("Choose the CSV file to import"));
      return NULL;
    }
  if (options->encoding && !civ_csv_encoding_from_string (options->encoding, &forced))
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("Unknown encoding “%s”: use auto, utf-8 or gb18030"), options->encoding);
      return NULL;
    }
  db = civ_store_get_db (store);
  result = g_new0 (CivImportResult, 1);
  result->sample_errors = g_ptr_array_new_with_free_func (g_free);
  file = g_file_new_for_path (options->path);
  base = g_file_get_basename (file);
  result->sha256 = civ_backfill_file_sha256 (file, cancellable, error);
  if (result->sha256 == NULL)
    return NULL;
  if (!civ_import_seen (db, result->sha256, &seen, error))
    return NULL;
  if (seen && !options->force)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("The file “%s” was imported before (the same SHA-256): it is not imported "
                      "twice unless forced"),
                   base);
      return NULL;
    }
  in = g_file_read (file, cancellable, error);
  if (in == NULL)
    return NULL;
  csv = civ_backfill_csv_new (G_INPUT_STREAM (in), forced, cancellable, &local);
  if (csv == NULL)
    {
      if (local->domain == CIV_BACKFILL_CSV_ERROR)
        {
          /* A file refused as a whole is the user's to fix. */
          g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID, local->message);
          g_error_free (local);
        }
      else
        g_propagate_error (error, local);
      return NULL;
    }
  result->encoding = g_strdup (civ_csv_encoding_to_string (civ_backfill_csv_get_encoding (csv)));
  if (options->errors_path)
    {
      g_autoptr (GFile) out_file = g_file_new_for_path (options->errors_path);
      g_autoptr (GFileOutputStream) out =
        g_file_replace (out_file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, error);

      if (out == NULL)
        return NULL;
      report = civ_backfill_error_report_new (G_OUTPUT_STREAM (out), cancellable, error);
      if (report == NULL)
        return NULL;
    }
  writer = civ_history_writer_new (db, error);
  pinyin = civ_pinyin_new (error);
  if (writer == NULL || pinyin == NULL)
    return NULL;
  now = civ_db_now_iso ();
  ctx = (CivHistoryContext){
    .writer = writer,
    .pinyin = pinyin,
    .created_by = civ_store_get_operator (store)->login,
    .created_at = now,
    .pinyin_cache = pinyin_cache,
  };
  writing = !options->dry_run;
  if (writing)
    {
      /* The search keys go through sorted runs in a scratch file, merged
       * into the index once at the end (architecture.md §9); attached
       * before the transaction begins. */
      if (!civ_history_writer_stage_search_keys (writer, error))
        return NULL;
      /* A bigger page cache for the file's transaction (reset at the end). */
      civ_db_set_cache_kib (db, 64 * 1024, NULL);
      if (!civ_db_begin (db, error))
        return NULL;
      in_transaction = TRUE;
      result->import_id = civ_import_insert (db, result->sha256, base, result->encoding, 0, 0, 0, 0,
                                             options->force && seen, ctx.created_by, error);
      if (result->import_id == 0)
        goto fail;
      /* The search keys are written at the end, sorted (architecture.md §9). */
      if (!civ_history_writer_defer_search_keys (writer, error))
        goto fail;
    }

  for (;;)
    {
      g_autoptr (CivBackfillRow) row = NULL;
      gboolean dup = FALSE;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail;
      if (!civ_backfill_csv_next (csv, &row, cancellable, &local))
        {
          if (local)
            {
              g_propagate_error (error, local);
              goto fail;
            }
          break;
        }
      result->rows_read++;
      if (!civ_backfill_row_is_valid (row))
        {
          result->rows_rejected++;
          for (guint i = 0; i < row->errors->len; i++)
            {
              CivBackfillRowError *e = g_ptr_array_index (row->errors, i);
              sample (result, row->row, e->header, e->message);
            }
          if (report && !civ_backfill_error_report_add_row (report, row, cancellable, error))
            goto fail;
          /* Without --skip-invalid one bad row means nothing is written;
           * the rest is still read so that the report lists every row. */
          if (!options->skip_invalid)
            writing = FALSE;
          report_progress (&prog, csv, result->rows_read, FALSE);
          continue;
        }
      if (!is_duplicate (writer, row->input, &dup, error))
        goto fail;
      if (dup)
        {
          const char *msg = _ ("Already in the office: a record with the same certificate number, "
                               "date and names; not imported again");
          result->duplicates++;
          sample (result, row->row, NULL, msg);
          if (report && !civ_backfill_error_report_add (report, row->row, NULL, NULL, msg,
                                                        cancellable, error))
            goto fail;
        }
      else if (writing)
        {
          CivHistSource    source = { .import_id = result->import_id };
          g_autofree char *record_id =
            civ_history_write (&ctx, row->input, &source, row->findings, error);

          if (record_id == NULL)
            goto fail;
          result->rows_imported++;
          /* The search keys of every SEARCH_KEYS_CHUNK rows as one sorted
           * run, by chunks so that the sort (in memory with SQLCipher's
           * temp store) stays the same size whatever the file's. */
          if (result->rows_imported % (options->run_rows ? options->run_rows : SEARCH_KEYS_CHUNK) ==
                0 &&
              (!civ_history_writer_build_search_keys (writer, error) ||
               !civ_history_writer_defer_search_keys (writer, error)))
            goto fail;
        }
      report_progress (&prog, csv, result->rows_read, FALSE);
    }
  report_progress (&prog, csv, result->rows_read, TRUE);
  if (report && !civ_backfill_error_report_close (report, cancellable, error))
    goto fail;

  if (in_transaction && !writing)
    {
      /* Rows were rejected and --skip-invalid was not given: nothing. */
      civ_db_rollback (db);
      in_transaction = FALSE;
      result->rows_imported = 0;
      result->import_id = 0;
    }
  else if (in_transaction)
    {
      g_autoptr (CivJson) json = civ_json_new ();
      g_autofree char *detail = NULL;

      civ_json_string (json, "sha256", result->sha256);
      civ_json_string (json, "encoding", result->encoding);
      civ_json_int (json, "rows_read", (gint64) result->rows_read);
      civ_json_int (json, "imported", (gint64) result->rows_imported);
      civ_json_int (json, "rejected", (gint64) result->rows_rejected);
      civ_json_int (json, "duplicates", (gint64) result->duplicates);
      civ_json_bool (json, "forced", options->force && seen);
      detail = civ_json_finish (json);
      if (!civ_history_writer_build_search_keys (writer, error) ||
          !civ_history_writer_merge_search_keys (writer, error) ||
          !civ_import_set_counts (db, result->import_id, (gint64) result->rows_read,
                                  (gint64) result->rows_imported, (gint64) result->rows_rejected,
                                  (gint64) result->duplicates, error) ||
          !civ_store_audit (store, "archive.import", base, detail, error) ||
          !civ_db_commit (db, error))
        goto fail;
      in_transaction = FALSE;
      result->committed = TRUE;
    }
  civ_db_set_cache_kib (db, 2 * 1024, NULL);
  return g_steal_pointer (&result);

fail:
  if (in_transaction)
    civ_db_rollback (db);
  civ_db_set_cache_kib (db, 2 * 1024, NULL);
  return NULL;
}
