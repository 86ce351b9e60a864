// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-archive-import.h — bulk import of historical records from CSV
 * (issue 14 "Bulk import"; docs/backfill-csv.md)
 *
 * A file imports as one transaction: all of its rows, or with
 * skip_invalid the valid rows (and a report of the others), never half of
 * it. Cancelling (the GCancellable) or killing the process leaves the
 * office as it was. The same file (by SHA-256) is refused a second time
 * unless forced; rows that duplicate an existing record (the same raw
 * certificate number, date and names) are counted and reported.
 *
 * Runs on the worker with the open store (archivists and supervisors);
 * the transaction holds the database for the whole file, so other writers
 * of the office wait until it ends (readers do not).
 */
#pragma once

#include <gio/gio.h>

#include "civ-store.h"

G_BEGIN_DECLS

typedef struct
{
  char    *path;
  char    *encoding; /* "auto" (NULL), "utf-8" or "gb18030" */
  gboolean dry_run;  /* read and check everything, write nothing */
  gboolean skip_invalid;
  gboolean force;       /* import a file already imported */
  guint    run_rows;    /* rows a sorted run of search keys (0: 10,000; a tuning knob) */
  char    *errors_path; /* the error report (CSV), NULL for none */
} CivImportOptions;

CivImportOptions *civ_import_options_new (const char *path);
void              civ_import_options_free (CivImportOptions *options);

typedef struct
{
  char      *sha256;
  char      *encoding; /* the encoding read: "utf-8" or "gb18030" */
  guint64    rows_read;
  guint64    rows_imported; /* 0 for a dry run or when nothing was written */
  guint64    rows_rejected;
  guint64    duplicates; /* rows like a record already in the office (imported all the same) */
  gboolean   committed;  /* the rows were written */
  gint64     import_id;
  GPtrArray *sample_errors; /* the first rejected rows' messages (char *), for a summary */
} CivImportResult;

void civ_import_result_free (CivImportResult *result);

/* Progress, called on the importing thread every 100 ms, every 1,000
 * rows and at the end: rows read so far, bytes read of the file's total, the rate in rows
 * per second, and the seconds left (-1 while unknown). */
typedef void (*CivImportProgressFunc) (guint64  rows,
                                       guint64  bytes_done,
                                       guint64  bytes_total,
                                       double   rows_per_second,
                                       double   seconds_left,
                                       gpointer user_data);

/* Imports @options->path. Rows with errors: without skip_invalid nothing
 * is written and the result says how many (committed FALSE, no error: the
 * report tells the rows); with it, the valid rows are written. Fails with
 * G_IO_ERROR_CANCELLED when cancelled (nothing written), with
 * CIV_APP_ERROR_INVALID when the file cannot be read as a backfill CSV
 * (encoding, header) or was imported before. */
CivImportResult *civ_archive_import (CivStore               *store,
                                     const CivImportOptions *options,
                                     CivImportProgressFunc   progress,
                                     gpointer                user_data,
                                     GCancellable           *cancellable,
                                     GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivImportOptions, civ_import_options_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivImportResult, civ_import_result_free)

G_END_DECLS
