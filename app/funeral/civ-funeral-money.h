// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-funeral-money.h — funeral money (issue 16; domain.md §4, R-F4, R-F8,
 * R-F9, R-F10): the areas' fee lists and 惠民殡葬 waiver policies imported
 * as data, a case's bill, its waiver assessment and its itemised receipts
 *
 *   import a fee list / a policy (docs/funeral-data.md) ──► kept as imported
 *   bill a case: an item of the fee list in force, a quantity ──► a line
 *   a wrong line ──cancel──► a cancelling line (nothing is edited)
 *   assess the waiver with the policy in force ──► group, evidence, items,
 *     amounts and the policy's version (the latest assessment counts)
 *   issue a receipt ──► SJ{office}-{year}-{serial:06}: the lines not on a
 *     receipt yet, the total, the waiver, what the family pays
 *
 * **Areas.** A fee list or a policy names its area by a six-digit division
 * code (GB/T 2260): a county or district (350102), a prefecture (350100:
 * the code ends in 00) or a province (350000: ends in 0000). It applies to
 * an office whose own code (office.ini, the case's office) is that code,
 * lies in that prefecture (same first four digits) or in that province
 * (same first two). For an office the most specific area that has a list
 * (or a policy) in force on the day wins; among several of one area, the
 * one imported last.
 *
 * **In force.** A fee list is in force from the first day any of its items
 * has a price to the last (open-ended when a price is); each line is priced
 * from the list's price of that day. A policy is in force over its
 * effective dates.
 *
 * Every call needs CIV_PERM_FUNERAL (funeral clerks, supervisors, a
 * registrar or an archivist given it); a refusal is audited as "denied".
 * Every write is audited ("funeral.fees.import", "funeral.policy.import",
 * "funeral.bill.add", "funeral.bill.cancel", "funeral.waiver.assess",
 * "funeral.receipt.issue"), and so is a look at a case's bill
 * ("funeral.bill.view"). A refusal by a rule carries its id
 * (civ_app_error_get_rule ()): R-F4 (a fee not on the list in force, a
 * quantity that is not one), R-F8 (not eligible, no policy, the bill
 * changed since the assessment). "Today" is the counter's date.
 */
#pragma once

#include "civ-funeral-fees.h"
#include "civ-funeral-money-store.h"
#include "civ-funeral-store.h"
#include "civ-funeral-waiver.h"
#include "civ-session.h"
#include "civ-store.h"

G_BEGIN_DECLS

/* TRUE when @area is six digits. */
gboolean civ_funeral_area_valid (const char *area);
/* The areas a fee list or a policy may name to apply to the office
 * @office_code, the most specific first: the code itself, its prefecture,
 * its province (each once; NULL-terminated). */
char   **civ_funeral_office_areas (const char *office_code);
/* TRUE when a list or policy of @area applies to the office @office_code. */
gboolean civ_funeral_area_covers (const char *area, const char *office_code);

/* Reads a quantity as typed: a whole number of units from 1 to
 * CIV_FEE_MAX_QUANTITY, digits only (spaces around ignored).
 * CIV_APP_ERROR_INVALID (rule R-F4) otherwise: a negative number, a
 * fraction, 0, text. */
gboolean civ_funeral_quantity_parse (const char *text, gint64 *quantity, GError **error);

/* Imports the fee list in @data (@len bytes, the file's contents) on
 * @today: read by civ_fee_list_parse () (CIV_APP_ERROR_FORMAT naming the
 * item when it is not a valid list), its area six digits; refused (R-F4)
 * when the same bytes were imported before. Returns the row. */
CivFuneralMoneyFile *civ_funeral_fees_import (
  CivStore *store, const char *data, gsize len, const GDate *today, GError **error);
/* The same for a waiver policy (civ_waiver_policy_parse ()); refused (R-F8)
 * when the same bytes, or another file with the area's version, were
 * imported before, and when an item it covers is on no fee list of its
 * area imported before (import the fee list first). */
CivFuneralMoneyFile *civ_funeral_policy_import (
  CivStore *store, const char *data, gsize len, const GDate *today, GError **error);

/* Every fee list / policy imported (CivFuneralMoneyFile without its json),
 * in the order imported, and in *@in_force_id (may be NULL) the id of the
 * one in force for this office on @today (0: none). */
GPtrArray *civ_funeral_fees_list (CivStore    *store,
                                  const GDate *today,
                                  gint64      *in_force_id,
                                  GError     **error);
GPtrArray *civ_funeral_policy_list (CivStore    *store,
                                    const GDate *today,
                                    gint64      *in_force_id,
                                    GError     **error);

/* Adds to the case @case_key (its number or record id) a line of @quantity
 * units of the item @item of the fee list in force for the case's office
 * on @today, priced from that list (never typed). Refused (R-F4) when no
 * list is in force, the item is not on it or has no price that day, the
 * quantity is not 1 to CIV_FEE_MAX_QUANTITY (exactly 1 for an item priced
 * per body), or the case already has CIV_FEE_MAX_LINES lines;
 * CIV_APP_ERROR_INVALID for an unknown case. Returns the line. */
CivFuneralBillLine *civ_funeral_bill_add (CivStore    *store,
                                          const char  *case_key,
                                          const char  *item,
                                          gint64       quantity,
                                          const GDate *today,
                                          GError     **error);
/* Cancels the charge number @line_no of the case with a cancelling line
 * (@reason may be NULL or ""). Refused (R-F4) when there is no such line,
 * it is a cancelling line, it is cancelled already or it is on a receipt.
 * Returns the cancelling line. */
CivFuneralBillLine *civ_funeral_bill_cancel (CivStore    *store,
                                             const char  *case_key,
                                             gint64       line_no,
                                             const char  *reason,
                                             const GDate *today,
                                             GError     **error);

/* A case's bill as it stands. */
typedef struct
{
  char                    *case_no;
  char                    *record_id;
  char                    *deceased_name; /* "" for an unidentified body */
  char                    *office_code;
  GPtrArray               *lines;      /* CivFuneralBillLine: every line, by number */
  gint64                   total_fen;  /* the charges not cancelled */
  gint64                   waived_fen; /* by the latest assessment when it is current; else 0 */
  gint64                   to_pay_fen; /* total − waived */
  CivFuneralAssessmentRow *assessment; /* the latest, or NULL */
  gboolean                 assessment_current; /* made on the bill as it stands */
  GPtrArray               *receipts;           /* CivFuneralReceiptRow, oldest first */
  gint64                   unreceipted_fen;    /* the charges not cancelled and on no receipt */
} CivFuneralBillSummary;

void civ_funeral_bill_summary_free (CivFuneralBillSummary *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivFuneralBillSummary, civ_funeral_bill_summary_free)

/* The bill of @case_key. Audited ("funeral.bill.view"). */
CivFuneralBillSummary *civ_funeral_bill_get (CivStore *store, const char *case_key, GError **error);

/* What the waiver assessment of a case found. */
typedef struct
{
  CivFuneralAssessmentRow *row;        /* as stored */
  GPtrArray               *lines;      /* CivFuneralBillLine: the charges assessed */
  CivWaiverAssessment     *assessment; /* per line, parallel to @lines; its findings */
  char                    *case_no;
} CivFuneralWaiverResult;

void civ_funeral_waiver_result_free (CivFuneralWaiverResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivFuneralWaiverResult, civ_funeral_waiver_result_free)

/* Assesses the waiver of the case's bill (its charges not cancelled) with
 * the policy in force for the case's office on @today
 * (civ_funeral_waiver_assess ()): the case is in @group (not
 * CIV_WAIVER_GROUP_ALL_RESIDENTS, which is a policy's), @resident when the
 * deceased's household registration is in the area, with @evidence (the
 * group's proof). Refused (R-F8) when no policy is in force, the bill is
 * empty, or the assessment refuses (not eligible, a line outside the
 * policy's dates): nothing is stored. Otherwise stores and returns it. */
CivFuneralWaiverResult *civ_funeral_waiver_assess_case (CivStore      *store,
                                                        const char    *case_key,
                                                        CivWaiverGroup group,
                                                        gboolean       resident,
                                                        const char    *evidence,
                                                        const GDate   *today,
                                                        GError       **error);

/* Issues the itemised receipt of the case's charges (not cancelled) that
 * are on no receipt yet, numbered SJ{office}-{year}-{serial:06} gapless per
 * office and year. The waiver is the latest assessment's for those lines,
 * never more in all than that assessment waived; refused (R-F8) when the
 * bill changed after it (assess again). Refused (R-F4) when nothing is
 * billed or every charge is on a receipt already. */
CivFuneralReceiptRow *civ_funeral_receipt_issue (CivStore    *store,
                                                 const char  *case_key,
                                                 const GDate *today,
                                                 GError     **error);

/* The same as jobs on @session's worker, for a page (the data and texts
 * are copied, @today too). The _finish functions return what the
 * synchronous calls return. */
void                    civ_funeral_fees_import_async (CivSession         *session,
                                                       gpointer            source_object,
                                                       GBytes             *data,
                                                       const GDate        *today,
                                                       GCancellable       *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer            user_data);
CivFuneralMoneyFile    *civ_funeral_fees_import_finish (CivSession   *session,
                                                        GAsyncResult *result,
                                                        GError      **error);
void                    civ_funeral_policy_import_async (CivSession         *session,
                                                         gpointer            source_object,
                                                         GBytes             *data,
                                                         const GDate        *today,
                                                         GCancellable       *cancellable,
                                                         GAsyncReadyCallback callback,
                                                         gpointer            user_data);
CivFuneralMoneyFile    *civ_funeral_policy_import_finish (CivSession   *session,
                                                          GAsyncResult *result,
                                                          GError      **error);
void                    civ_funeral_bill_add_async (CivSession         *session,
                                                    gpointer            source_object,
                                                    const char         *case_key,
                                                    const char         *item,
                                                    gint64              quantity,
                                                    const GDate        *today,
                                                    GCancellable       *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer            user_data);
CivFuneralBillLine     *civ_funeral_bill_add_finish (CivSession   *session,
                                                     GAsyncResult *result,
                                                     GError      **error);
void                    civ_funeral_bill_cancel_async (CivSession         *session,
                                                       gpointer            source_object,
                                                       const char         *case_key,
                                                       gint64              line_no,
                                                       const char         *reason,
                                                       const GDate        *today,
                                                       GCancellable       *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer            user_data);
CivFuneralBillLine     *civ_funeral_bill_cancel_finish (CivSession   *session,
                                                        GAsyncResult *result,
                                                        GError      **error);
void                    civ_funeral_bill_get_async (CivSession         *session,
                                                    gpointer            source_object,
                                                    const char         *case_key,
                                                    GCancellable       *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer            user_data);
CivFuneralBillSummary  *civ_funeral_bill_get_finish (CivSession   *session,
                                                     GAsyncResult *result,
                                                     GError      **error);
void                    civ_funeral_waiver_assess_async (CivSession         *session,
                                                         gpointer            source_object,
                                                         const char         *case_key,
                                                         CivWaiverGroup      group,
                                                         gboolean            resident,
                                                         const char         *evidence,
                                                         const GDate        *today,
                                                         GCancellable       *cancellable,
                                                         GAsyncReadyCallback callback,
                                                         gpointer            user_data);
CivFuneralWaiverResult *civ_funeral_waiver_assess_finish (CivSession   *session,
                                                          GAsyncResult *result,
                                                          GError      **error);
void                    civ_funeral_receipt_issue_async (CivSession         *session,
                                                         gpointer            source_object,
                                                         const char         *case_key,
                                                         const GDate        *today,
                                                         GCancellable       *cancellable,
                                                         GAsyncReadyCallback callback,
                                                         gpointer            user_data);
CivFuneralReceiptRow   *civ_funeral_receipt_issue_finish (CivSession   *session,
                                                          GAsyncResult *result,
                                                          GError      **error);

G_END_DECLS
