// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-funeral-money-store.h — rows of funeral money (0016): the fee lists
 * and 惠民殡葬 waiver policies as imported, a case's bill lines, its waiver
 * assessments and its receipts (domain.md §4, R-F4, R-F8, R-F9, R-F10)
 *
 * Storage only: which list or policy is in force, what may be billed,
 * waived or receipted is decided in app/funeral/civ-funeral-money.c.
 * Writers expect the caller's transaction to be open (civ_db_begin).
 * Nothing here updates or deletes: every table is append-only.
 */
#pragma once

#include "civ-db.h"

G_BEGIN_DECLS

/* ---- Fee lists and waiver policies ---------------------------------------- */

/* One imported file: a fee list (version NULL, name its title) or a waiver
 * policy (version its document number). */
typedef struct
{
  gint64 id;
  char  *area;           /* six-digit division code */
  char  *name;           /* a fee list's title ("" when none); NULL for a policy */
  char  *version;        /* a policy's version; NULL for a fee list */
  char  *effective_from; /* YYYY-MM-DD */
  char  *effective_to;   /* YYYY-MM-DD, NULL: until further notice */
  gint64 n_items;        /* a fee list's items; 0 for a policy */
  char  *json;           /* the file as imported */
  char  *sha256;         /* of the file's bytes, lower-case hex */
  char  *imported_on;    /* the counter's date */
  char  *imported_by;
  char  *imported_at; /* UTC time of the write */
} CivFuneralMoneyFile;

void civ_funeral_money_file_free (CivFuneralMoneyFile *file);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivFuneralMoneyFile, civ_funeral_money_file_free)

/* Inserts @file (all but id and imported_at) as a fee list; returns its id,
 * 0 on error (a file with the same SHA-256 imported before fails). */
gint64 civ_funeral_fee_list_insert (CivDb *db, const CivFuneralMoneyFile *file, GError **error);
/* The same for a waiver policy (an area's version imported before fails too). */
gint64 civ_funeral_policy_insert (CivDb *db, const CivFuneralMoneyFile *file, GError **error);
/* The fee list or policy with this id, or whose file has this SHA-256;
 * NULL with no error when there is none. */
CivFuneralMoneyFile *civ_funeral_fee_list_get (CivDb *db, gint64 id, GError **error);
CivFuneralMoneyFile *civ_funeral_fee_list_find_sha256 (CivDb      *db,
                                                       const char *sha256,
                                                       GError    **error);
CivFuneralMoneyFile *civ_funeral_policy_get (CivDb *db, gint64 id, GError **error);
CivFuneralMoneyFile *civ_funeral_policy_find_sha256 (CivDb *db, const char *sha256, GError **error);
/* The policy of @area with @version; NULL with no error when there is none. */
CivFuneralMoneyFile *civ_funeral_policy_find_version (CivDb      *db,
                                                      const char *area,
                                                      const char *version,
                                                      GError    **error);
/* Every fee list / policy (CivFuneralMoneyFile, without its json), in the
 * order imported. */
GPtrArray           *civ_funeral_fee_list_all (CivDb *db, GError **error);
GPtrArray           *civ_funeral_policy_all (CivDb *db, GError **error);
/* The fee list / policy in force on @day (YYYY-MM-DD) for the first of
 * @areas (a NULL-terminated list, at most three, the most specific first)
 * that has one; among several of that area, the one imported last. NULL
 * with no error when none is. */
CivFuneralMoneyFile *civ_funeral_fee_list_in_force (CivDb             *db,
                                                    const char *const *areas,
                                                    const char        *day,
                                                    GError           **error);
CivFuneralMoneyFile *civ_funeral_policy_in_force (CivDb             *db,
                                                  const char *const *areas,
                                                  const char        *day,
                                                  GError           **error);

/* ---- Bill lines -------------------------------------------------------- */

typedef struct
{
  gint64 id;
  gint64 case_id;
  gint64 line_no;
  gint64 cancels; /* the id of the charge a cancelling line cancels; 0: a charge */
  char  *item_code;
  char  *item_name;
  char  *unit; /* "body", "day", "year", "piece", "km" */
  gint64 unit_price_fen;
  gint64 quantity;
  gint64 amount_fen;
  char  *service_on; /* YYYY-MM-DD */
  gint64 fee_list_id;
  char  *reason; /* a cancelling line's reason, or NULL */
  char  *created_by;
  char  *created_at;
  /* Read, not written: */
  gint64 cancels_line_no;   /* the line number of the cancelled charge; 0 */
  gint64 cancelled_by_line; /* a charge: the number of its cancelling line; 0 */
  char  *receipt_no;        /* a charge on a receipt: its number; NULL */
} CivFuneralBillLine;

void civ_funeral_bill_line_free (CivFuneralBillLine *line);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivFuneralBillLine, civ_funeral_bill_line_free)

/* Appends @line (all but id, line_no and created_at) to its case's bill as
 * the case's next line number, written into @line->line_no; returns the id,
 * 0 on error. A cancelling line that does not repeat a standing charge of
 * its case that is on no receipt fails (the table's trigger). */
gint64     civ_funeral_bill_line_insert (CivDb *db, CivFuneralBillLine *line, GError **error);
/* The case's bill (CivFuneralBillLine), by line number. */
GPtrArray *civ_funeral_bill_lines (CivDb *db, gint64 case_id, GError **error);
/* The case's line number @line_no; NULL with no error when there is none. */
CivFuneralBillLine *civ_funeral_bill_line_find (CivDb   *db,
                                                gint64   case_id,
                                                gint64   line_no,
                                                GError **error);

/* ---- Waiver assessments ------------------------------------------------ */

typedef struct
{
  gint64   id;
  gint64   case_id;
  gint64   policy_id;
  char    *policy_version;
  char    *waiver_group; /* "none", "dibao", "tekun", "sanwu", "unidentified", "youfu" */
  gboolean resident;
  char    *evidence;
  char    *assessed_on;  /* YYYY-MM-DD */
  gint64   last_line_no; /* the bill as assessed: its lines up to this number */
  char    *items;        /* JSON: the lines, amounts, waived amounts and caps */
  gint64   total_fen;
  gint64   waived_fen;
  gint64   family_fen;
  char    *created_by;
  char    *created_at;
} CivFuneralAssessmentRow;

void civ_funeral_assessment_row_free (CivFuneralAssessmentRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivFuneralAssessmentRow, civ_funeral_assessment_row_free)

/* Appends @row (all but id and created_at); returns the id, 0 on error. */
gint64                   civ_funeral_assessment_insert (CivDb                         *db,
                                                        const CivFuneralAssessmentRow *row,
                                                        GError                       **error);
/* The case's latest assessment; NULL with no error when it has none. */
CivFuneralAssessmentRow *civ_funeral_assessment_latest (CivDb *db, gint64 case_id, GError **error);
/* The case's assessment @id (a receipt's); NULL with no error when the case
 * has none with that id. */
CivFuneralAssessmentRow *civ_funeral_assessment_get (CivDb   *db,
                                                     gint64   case_id,
                                                     gint64   id,
                                                     GError **error);
/* How many assessments the case has. */
gint64                   civ_funeral_assessment_count (CivDb *db, gint64 case_id, GError **error);

/* ---- Receipts ---------------------------------------------------------- */

typedef struct
{
  gint64 line_id;
  gint64 line_no;
  char  *item_code;
  char  *item_name;
  char  *unit;
  gint64 unit_price_fen;
  gint64 quantity;
  gint64 amount_fen;
  gint64 waived_fen;
} CivFuneralReceiptLine;

void civ_funeral_receipt_line_free (CivFuneralReceiptLine *line);

typedef struct
{
  gint64     id;
  char      *receipt_no; /* SJ{office}-{year}-{serial:06} */
  char      *office_code;
  int        year;
  gint64     serial;
  gint64     case_id;
  gint64     assessment_id; /* 0: no waiver */
  char      *issued_on;
  gint64     total_fen;
  gint64     waived_fen;
  gint64     to_pay_fen;
  char      *issued_by;
  char      *issued_at;
  GPtrArray *lines; /* CivFuneralReceiptLine */
} CivFuneralReceiptRow;

void civ_funeral_receipt_row_free (CivFuneralReceiptRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivFuneralReceiptRow, civ_funeral_receipt_row_free)

/* Inserts @row (its office, case, assessment, day, totals, issuer and
 * lines) with the next serial of its office and the year of its day, and
 * the number SJ{office}-{year}-{serial:06}, both written into @row;
 * returns the id, 0 on error. */
gint64     civ_funeral_receipt_insert (CivDb *db, CivFuneralReceiptRow *row, GError **error);
/* The case's receipts (CivFuneralReceiptRow with their lines), oldest first. */
GPtrArray *civ_funeral_receipt_list (CivDb *db, gint64 case_id, GError **error);

G_END_DECLS
