// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-backfill-csv.h — reading the spreadsheets of historical entries an
 * office already has (issue 14, "Bulk import"; docs/backfill-csv.md)
 *
 * A streaming reader: bytes come from a GInputStream a buffer at a time and
 * leave as one CivBackfillRow per record, so a file of a million rows is
 * read in flat memory. The encoding is UTF-8 (with or without a BOM) or
 * GB18030, found from the first 64 KiB or forced. The syntax is RFC 4180
 * (commas, CRLF or LF, quoted fields with "" escapes and line breaks). The
 * first row names the columns: stable field names (civ_hist_field_name ())
 * or their Chinese or English aliases.
 *
 * What is wrong with the file as a whole (an unknown, duplicate or missing
 * column, no header, UTF-16) is an error of civ_backfill_csv_new (): the
 * user fixes the header, nothing is imported. What is wrong with one row
 * (bytes invalid in the encoding, a quote left open, too many or too few
 * cells, a value a field refuses, an entry that cannot be stored) is a
 * CivBackfillRowError of that row, and the next row is read as usual: the
 * importer decides what to do with a row that has errors.
 *
 * The error report (CivBackfillErrorReport) writes such errors as CSV for
 * a spreadsheet program: UTF-8 with a BOM, CRLF, the columns row, column,
 * value, message, in the user's language.
 *
 * GLib/GIO only, no database.
 */
#pragma once

#include <gio/gio.h>

#include "civ-historical.h"

G_BEGIN_DECLS

#define CIV_BACKFILL_CSV_ERROR (civ_backfill_csv_error_quark ())

/* Why a file is refused as a whole. */
typedef enum
{
  CIV_BACKFILL_CSV_ERROR_EMPTY,            /* no header row */
  CIV_BACKFILL_CSV_ERROR_ENCODING,         /* UTF-16/32, or a header not valid in the encoding */
  CIV_BACKFILL_CSV_ERROR_HEADER,           /* the header row itself is malformed */
  CIV_BACKFILL_CSV_ERROR_UNKNOWN_COLUMN,   /* columns that name no field */
  CIV_BACKFILL_CSV_ERROR_DUPLICATE_COLUMN, /* two columns for one field */
  CIV_BACKFILL_CSV_ERROR_MISSING_COLUMN,   /* a required field has no column */
} CivBackfillCsvError;

GQuark civ_backfill_csv_error_quark (void);

typedef enum
{
  CIV_CSV_ENCODING_AUTO = 0, /* a UTF-8 BOM or valid UTF-8 → UTF-8, else GB18030 */
  CIV_CSV_ENCODING_UTF8,
  CIV_CSV_ENCODING_GB18030, /* a superset of GBK and GB2312 */
} CivCsvEncoding;

/* "auto", "utf-8", "gb18030" (the `--encoding` values). */
const char *civ_csv_encoding_to_string (CivCsvEncoding encoding);
/* Also accepts "utf8", "gbk", "gb2312" (read as GB18030), any case. */
gboolean    civ_csv_encoding_from_string (const char *text, CivCsvEncoding *encoding);

/* What is wrong with one row. */
typedef enum
{
  CIV_BACKFILL_ROW_FIELD = 0,          /* a cell a field refused (civ_historical_set_field ()) */
  CIV_BACKFILL_ROW_ENTRY,              /* the entry cannot be stored (civ_historical_validate ()) */
  CIV_BACKFILL_ROW_CELL_COUNT,         /* more or fewer cells than the header has columns */
  CIV_BACKFILL_ROW_QUOTE,              /* text after a closing quote in a cell */
  CIV_BACKFILL_ROW_UNTERMINATED_QUOTE, /* a quote opened and never closed */
  CIV_BACKFILL_ROW_ENCODING,           /* bytes not valid in the file's encoding */
  CIV_BACKFILL_ROW_TOO_LONG,           /* longer than CIV_BACKFILL_CSV_MAX_ROW_BYTES */
  CIV_BACKFILL_ROW_UNNAMED_COLUMN,     /* a value under a column with no header */
} CivBackfillRowErrorKind;

typedef struct
{
  CivBackfillRowErrorKind kind;
  int                     field;   /* CivHistField, or -1 for the row as a whole */
  int                     column;  /* 0-based column of the file, or -1 */
  char                   *header;  /* the column's header as written; "" for the row */
  char                   *value;   /* the cell as read (invalid bytes as \xNN); "" for the row */
  char                   *message; /* translated: what is wrong and what to do */
  char *rule; /* the rule of a refused value (civ_app_error_get_rule ()), or NULL */
} CivBackfillRowError;

void civ_backfill_row_error_free (CivBackfillRowError *error);

typedef struct
{
  /* The row as a spreadsheet program numbers it: the header is row 1, a
   * blank line is a row, a record with line breaks inside quotes is one. */
  guint64             row;
  /* The line of the file the record starts on (1-based), for an editor. */
  guint64             line;
  /* The entry with every cell set that its field accepted. */
  CivHistoricalInput *input;
  GPtrArray          *errors;   /* of CivBackfillRowError; empty for a good row */
  GPtrArray          *findings; /* of CivFinding: the rules of the record's day (warnings) */
} CivBackfillRow;

void     civ_backfill_row_free (CivBackfillRow *row);
gboolean civ_backfill_row_is_valid (const CivBackfillRow *row);

/* A row longer than this (in the file's bytes) is an error of its own,
 * never a buffer that grows without bound. */
#define CIV_BACKFILL_CSV_MAX_ROW_BYTES (64 * 1024)

typedef struct _CivBackfillCsv CivBackfillCsv;

/* Detects (or takes) the encoding and reads the header. NULL with
 * CIV_BACKFILL_CSV_ERROR (or an I/O error) when the file is refused as a
 * whole: the message lists the unknown, duplicate or missing columns. */
CivBackfillCsv *civ_backfill_csv_new (GInputStream  *in,
                                      CivCsvEncoding forced,
                                      GCancellable  *cancellable,
                                      GError       **error);
void            civ_backfill_csv_free (CivBackfillCsv *self);

/* CIV_CSV_ENCODING_UTF8 or CIV_CSV_ENCODING_GB18030. */
CivCsvEncoding civ_backfill_csv_get_encoding (CivBackfillCsv *self);
/* The number of columns of the header. */
guint          civ_backfill_csv_get_n_columns (CivBackfillCsv *self);
/* The field of a column (CivHistField). */
int            civ_backfill_csv_get_column_field (CivBackfillCsv *self, guint column);
/* The header of the column mapped to @field as written, or NULL when the
 * file has no column for it. */
const char    *civ_backfill_csv_get_field_header (CivBackfillCsv *self, int field);
/* The day the entries are checked against (a date after it cannot be
 * stored); today's local date unless set. */
void           civ_backfill_csv_set_today (CivBackfillCsv *self, const GDate *today);

/* The next row: TRUE with *@row set, FALSE at the end of the file (*@row
 * NULL, no error) or on a read error or cancellation (@error set). A row
 * with errors still comes out. Blank lines are skipped. */
gboolean civ_backfill_csv_next (CivBackfillCsv  *self,
                                CivBackfillRow **row,
                                GCancellable    *cancellable,
                                GError         **error);

/* Bytes of the file read up to the end of the last row, and the file's
 * size from where reading started (0 when the stream cannot tell). */
void civ_backfill_csv_get_progress (CivBackfillCsv *self, guint64 *done, guint64 *total);

/* The SHA-256 of a file, read a buffer at a time, as 64 lowercase hex
 * digits; NULL with @error on a read error or cancellation. */
char *civ_backfill_file_sha256 (GFile *file, GCancellable *cancellable, GError **error);

/* The error report: one line per error, "row,column,value,message". */
typedef struct _CivBackfillErrorReport CivBackfillErrorReport;

/* Writes the BOM and the header line (translated: 行号,列,值,错误说明). */
CivBackfillErrorReport *civ_backfill_error_report_new (GOutputStream *out,
                                                       GCancellable  *cancellable,
                                                       GError       **error);
/* One line per error of @row. */
gboolean                civ_backfill_error_report_add_row (CivBackfillErrorReport *report,
                                                           const CivBackfillRow   *row,
                                                           GCancellable           *cancellable,
                                                           GError                **error);
/* One line of the importer's own (a duplicate of a record in the office…);
 * @column and @value may be NULL. */
gboolean                civ_backfill_error_report_add (CivBackfillErrorReport *report,
                                                       guint64                 row,
                                                       const char             *column,
                                                       const char             *value,
                                                       const char             *message,
                                                       GCancellable           *cancellable,
                                                       GError                **error);
/* Lines written after the header. */
guint64                 civ_backfill_error_report_get_n_lines (CivBackfillErrorReport *report);
/* Flushes and closes the stream. */
gboolean                civ_backfill_error_report_close (CivBackfillErrorReport *report,
                                                         GCancellable           *cancellable,
                                                         GError                **error);
void                    civ_backfill_error_report_free (CivBackfillErrorReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivBackfillRow, civ_backfill_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivBackfillRowError, civ_backfill_row_error_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivBackfillCsv, civ_backfill_csv_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivBackfillErrorReport, civ_backfill_error_report_free)

G_END_DECLS
