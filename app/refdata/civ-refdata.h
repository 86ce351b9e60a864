// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-refdata.h — importing and loading reference data: the dated GB/T 2260
 * division codes (R-ID6) and the holiday calendar (R-D5)
 *
 * The tables are data, imported at run time from the shared formats:
 *   divisions  CSV, UTF-8 (BOM allowed), header
 *              代码,一级行政区,二级行政区,名称,级别,状态,启用时间,变更/弃用时间,新代码
 *   holidays   one JSON file per year: {"year", "papers": [...], "days": [{"name",
 *              "date", "isOffDay"}]}; an empty "days" list means the year is not
 *              announced yet, so it is not marked covered.
 * Every row is validated before anything is written; a bad row fails the
 * whole import with its file and line, and nothing is imported. All files of
 * one import go in one transaction with their audit entries
 * ("refdata.import") and refdata_imports rows. Importing the same data
 * again changes no data.
 */
#pragma once

#include "civ-calendar.h"
#include "civ-division.h"
#include "civ-refdata-store.h"
#include "civ-store.h"

G_BEGIN_DECLS

typedef enum
{
  CIV_REFDATA_DIVISIONS,
  CIV_REFDATA_HOLIDAYS,
} CivRefdataKind;

typedef struct
{
  CivRefdataKind kind;
  char          *file;   /* base name */
  char          *sha256; /* of the file's bytes, hex */
  guint          rows;   /* rows (divisions) or listed days (holidays) read */
  guint          added;  /* divisions: rows that were new */
  guint    changed;   /* divisions: rows that differed; holidays: days added, changed or removed */
  int      year;      /* holidays: the calendar year; 0 for divisions */
  gboolean announced; /* holidays: FALSE when the file lists no days yet */
} CivRefdataReport;

void civ_refdata_report_free (CivRefdataReport *report);

const char *civ_refdata_kind_to_string (CivRefdataKind kind);
gboolean    civ_refdata_kind_from_string (const char *text, CivRefdataKind *kind);

/* Parses and validates a division-code CSV; @file_name names it in errors.
 * Returns the rows (CivDivisionRow). */
GPtrArray *civ_refdata_parse_divisions (const char *data,
                                        gsize       length,
                                        const char *file_name,
                                        GError    **error);
/* Parses and validates one year's holiday JSON. @days gets the listed days
 * (CivHolidayRow), empty when the year is not announced yet. */
gboolean   civ_refdata_parse_holidays (const char *data,
                                       gsize       length,
                                       const char *file_name,
                                       int        *year,
                                       GPtrArray **days,
                                       GError    **error);

/* Imports @files (NULL-terminated) of @kind. Needs CIV_PERM_IMPORT_REFDATA.
 * @reports (may be NULL) gets one CivRefdataReport per file. */
gboolean civ_refdata_import (CivStore          *store,
                             CivRefdataKind     kind,
                             const char *const *files,
                             GPtrArray        **reports,
                             GError           **error);

/* Builds the in-memory division table from the database. *@table is NULL
 * (and TRUE is returned) when no division codes have been imported. */
gboolean     civ_refdata_load_divisions (CivStore *store, CivDivisionTable **table, GError **error);
/* Builds the working-day calendar from the database (possibly covering no
 * year, in which case every answer is provisional). */
CivCalendar *civ_refdata_load_calendar (CivStore *store, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivRefdataReport, civ_refdata_report_free)

G_END_DECLS
