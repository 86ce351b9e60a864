// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-refdata-store.h — reference data in the database: the dated
 * GB/T 2260 division codes (R-ID6) and the holiday calendar (R-D5)
 *
 * Writers run inside the caller's transaction when one is open (so an
 * import can add its audit entry and bookkeeping atomically), otherwise
 * in their own. Reading never guesses: a code or day that is not stored
 * is simply absent.
 */
#pragma once

#include "civ-db.h"

G_BEGIN_DECLS

typedef struct
{
  char *code; /* 6 digits */
  char *name;
  char *province;
  char *prefecture;
  char *level;
  int   valid_from; /* first year in force */
  int   valid_to;   /* year it stopped or was renamed; 0 = still in use */
  char *successors; /* as in the source, "" for none */
} CivDivisionRow;

typedef struct
{
  char    *day; /* YYYY-MM-DD */
  char    *name;
  gboolean is_off_day;
  int      year; /* the calendar year whose table lists the day */
} CivHolidayRow;

void civ_division_row_free (CivDivisionRow *row);
void civ_holiday_row_free (CivHolidayRow *row);

/* Inserts or replaces division rows, keyed by (code, valid_from); nothing
 * is deleted. @n_added and @n_changed (may be NULL) count rows that were new
 * or different; identical rows are left as they are. */
gboolean civ_refdata_store_put_divisions (
  CivDb *db, GPtrArray *rows, guint *n_added, guint *n_changed, GError **error);
/* The entries for @code, oldest first (empty when the code is unknown). */
GPtrArray *civ_refdata_store_get_division (CivDb *db, const char *code, GError **error);
/* The name of @code in force in @year; NULL without an error when none. */
char      *civ_refdata_store_division_name (CivDb *db, const char *code, int year, GError **error);
/* Every division row, by code and year. */
GPtrArray *civ_refdata_store_list_divisions (CivDb *db, GError **error);
gboolean   civ_refdata_store_count_divisions (CivDb *db, gint64 *count, GError **error);

/* Replaces the days listed by @year's table with @rows (non-empty) and
 * marks @year covered. @n_changed (may be NULL) counts days added, changed
 * or removed; re-storing the same days changes nothing, not even the
 * recorded import time. */
gboolean civ_refdata_store_put_holiday_year (
  CivDb *db, int year, GPtrArray *rows, const char *source, guint *n_changed, GError **error);
/* The listed day @day (YYYY-MM-DD); NULL without an error when not listed. */
CivHolidayRow *civ_refdata_store_get_holiday (CivDb *db, const char *day, GError **error);
/* Every listed day, by date. */
GPtrArray     *civ_refdata_store_list_holidays (CivDb *db, GError **error);
/* The covered years, ascending (a GArray of int). */
GArray        *civ_refdata_store_covered_years (CivDb *db, GError **error);

/* Adds a row to refdata_imports. */
gboolean civ_refdata_store_record_import (CivDb      *db,
                                          const char *kind,
                                          const char *source,
                                          const char *sha256,
                                          gint64      rows,
                                          const char *imported_by,
                                          GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivDivisionRow, civ_division_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivHolidayRow, civ_holiday_row_free)

G_END_DECLS
