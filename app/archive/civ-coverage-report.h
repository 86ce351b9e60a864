// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-coverage-report.h — the coverage report of the archive backfill
 * (issue 14: "a coverage report (PDF and CSV) that proves every page was
 * accounted for"; domain.md §2.6 R-AR1…R-AR4)
 *
 * civ_coverage_report_collect () reads, on the worker, the books, their
 * ledgers and the totals per year and per office (civ-archive-service.h);
 * the report it returns holds plain data, so writing it as CSV or PDF
 * touches no database and may run on any thread.
 *
 *  - CSV: UTF-8 with a BOM (so a spreadsheet opens it as UTF-8), CRLF line
 *    ends, quoted where needed. One line per book, then the totals per
 *    year and per office, then — the proof — one line per page not fully
 *    accounted for, with its slots unseen, keyed once and disputed.
 *  - PDF: A4 through pango-cairo with the fonts the printing uses (Noto
 *    CJK): the title, office, date and operator, whether the whole scope has
 *    reached 100 %, a table of the books with a coverage bar, the totals,
 *    the pages not accounted for, "page n of m" at the foot of each page.
 *
 * A percentage is rounded down to a tenth: 100 % is printed only when
 * every slot has a state.
 */
#pragma once

#include <gio/gio.h>

#include "civ-archive-service.h"

G_BEGIN_DECLS

/* A page of a book with slots not accounted for yet. */
typedef struct
{
  int   page;
  guint unseen;
  guint keyed_once;
  guint disputed;
} CivCoveragePage;

typedef struct
{
  CivArchiveBook *book;
  GArray         *open_pages; /* CivCoveragePage, by page */
} CivCoverageBook;

typedef struct
{
  char      *office_code;
  char      *office_name;
  char      *operator_login;
  char      *operator_name;
  GDateTime *made_at;   /* local time */
  int        year;      /* 0: every year */
  GPtrArray *books;     /* CivCoverageBook */
  GPtrArray *by_year;   /* CivCoverageRow (civ-archive-service.h) */
  GPtrArray *by_office; /* CivCoverageRow */
} CivCoverageReport;

/* An empty report (no books) for @office_code / @office_name made by
 * @operator_login (@operator_name) at @made_at (NULL: now): what
 * civ_coverage_report_collect () fills, and what a test fills by hand. */
CivCoverageReport *civ_coverage_report_new (const char *office_code,
                                            const char *office_name,
                                            const char *operator_login,
                                            const char *operator_name,
                                            GDateTime  *made_at,
                                            int         year);
void               civ_coverage_report_free (CivCoverageReport *report);
/* Adds a copy of @book with its @ledger (CivArchiveSlot, any order):
 * the pages with slots not accounted for are counted from it. */
void               civ_coverage_report_add_book (CivCoverageReport    *report,
                                                 const CivArchiveBook *book,
                                                 GPtrArray            *ledger);

/* On the worker: the books covering @year (0: all) with their ledgers and
 * the totals, as the operator of @store may read them. */
CivCoverageReport *civ_coverage_report_collect (CivStore *store, int year, GError **error);

/* Slots in the report's books, and how many are accounted for. */
void     civ_coverage_report_totals (const CivCoverageReport *report,
                                     guint64                 *n_slots,
                                     guint64                 *n_accounted,
                                     guint64                 *n_open_pages);
/* TRUE when there is at least one slot and every slot is accounted for. */
gboolean civ_coverage_report_is_complete (const CivCoverageReport *report);

/* "99.9" for 9 999 of 10 000: rounded down to a tenth, "100.0" only when
 * @accounted == @total ("0.0" when @total is 0). */
char *civ_coverage_percent (guint64 accounted, guint64 total);

GBytes  *civ_coverage_report_to_csv (const CivCoverageReport *report);
/* The PDF; @n_pages (optional) gets its page count. */
GBytes  *civ_coverage_report_to_pdf (const CivCoverageReport *report, int *n_pages, GError **error);
/* Writes the CSV or the PDF (by @pdf) to @path, replacing it atomically. */
gboolean civ_coverage_report_write (const CivCoverageReport *report,
                                    const char              *path,
                                    gboolean                 pdf,
                                    GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivCoverageReport, civ_coverage_report_free)

G_END_DECLS
