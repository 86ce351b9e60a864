// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-cremation-stock.h — cremation certificates (火化证明) as controlled
 * stock (R-F13; issue 16)
 *
 *   receive a batch ──► every serial of its range IN STOCK
 *   IN STOCK ──issue to a funeral case──► ISSUED ──void (spoiled)──► VOIDED
 *   IN STOCK ──void (a spoiled blank)──────────────────────────────► VOIDED
 *
 * A serial is the letters and the fixed-width number pre-printed on a blank
 * ("HZ0000123"). Nothing is ever deleted; a void needs a supervisor's
 * approval and keeps its reason. The reconciliation says, per batch and for
 * a period, that what was in stock at its start and what was received in it
 * is what was issued, voided or is still in stock at its end.
 *
 * Every call needs CIV_PERM_FUNERAL (funeral clerks, supervisors, a
 * registrar or an archivist given it); a refusal is audited as "denied".
 * Every step is audited ("funeral.stock.receive", "funeral.stock.issue",
 * "funeral.stock.void", "funeral.stock.reconcile"). A refusal by the rule
 * carries "R-F13" (civ_app_error_get_rule ()). "Today" is the counter's
 * date (the clock, or a test's fake one).
 */
#pragma once

#include "civ-cremation-stock-store.h"
#include "civ-session.h"
#include "civ-store.h"

G_BEGIN_DECLS

/* Reads a serial as printed on a blank: 0–8 letters (made capitals) and
 * 1–12 digits, spaces around it ignored. *@prefix and *@width may be NULL.
 * CIV_APP_ERROR_INVALID (rule R-F13) otherwise. Returns the serial as
 * stored (the capitals and the digits), or NULL. */
char *civ_cremation_serial_normalize (
  const char *text, char **prefix, gint64 *number, guint *width, GError **error);

/* Receives the blanks @first_serial…@last_serial (both printed on the
 * blanks: the same letters and number of digits, at most
 * CIV_CREMATION_BATCH_MAX blanks) on @today, with the supplier's
 * @reference (NULL or "" for none). Refused (R-F13) when any serial of the
 * range was ever received before. Returns the batch. */
CivCremationBatch *civ_cremation_stock_receive (CivStore    *store,
                                                const char  *first_serial,
                                                const char  *last_serial,
                                                const char  *reference,
                                                const GDate *today,
                                                GError     **error);

/* Issues the blank @serial (NULL or "": the next in stock, the lowest of the
 * oldest batch) to the funeral case @case_ref on @today, inside the
 * caller's open transaction (the case service's, when it records a
 * cremation): the serial and its audit entry are written there, and
 * nothing is when the caller rolls back. The operator must hold
 * CIV_PERM_FUNERAL (checked, not audited: the caller audits its own
 * refusals). Refused (R-F13) when the serial is not in stock, the stock is
 * empty, or the case already holds an issued certificate. Returns the
 * serial issued. */
char *civ_cremation_stock_issue_within (
  CivStore *store, const char *serial, const char *case_ref, const GDate *today, GError **error);
/* The same in a transaction of its own, the permission checked and a
 * refusal of it audited. */
char *civ_cremation_stock_issue (
  CivStore *store, const char *serial, const char *case_ref, const GDate *today, GError **error);

/* Voids the spoiled blank @serial (in stock, or issued to a case) for
 * @reason on @today. A void needs a supervisor: an operator who is an
 * enabled supervisor may give no approver (NULL) and approves it
 * themselves; otherwise @approver_login must be another enabled supervisor
 * whose @approver_password opens their key slot (CIV_APP_ERROR_PERMISSION
 * otherwise). The password buffer is wiped (zeroed) before this returns,
 * whatever the outcome. */
gboolean civ_cremation_stock_void (CivStore    *store,
                                   const char  *serial,
                                   const char  *reason,
                                   const char  *approver_login,
                                   char        *approver_password,
                                   const GDate *today,
                                   GError     **error);

/* The figures of a batch, or of the whole stock, over a period. */
typedef struct
{
  gint64 batch_id; /* 0: every batch */
  char  *first_serial;
  char  *last_serial;
  char  *received_on;
  char  *reference;
  gint64 opening;  /* in stock when the period began */
  gint64 received; /* received in the period */
  gint64 issued;   /* issued in the period, still issued at its end */
  gint64 voided;   /* voided in the period, from stock or after an issue in it */
  gint64 in_stock; /* in stock when the period ended */
} CivCremationTally;

/* TRUE when opening + received = issued + voided + in stock. */
gboolean civ_cremation_tally_balances (const CivCremationTally *tally);

/* A run of consecutive serials of one batch still in stock. */
typedef struct
{
  char  *first_serial;
  char  *last_serial;
  gint64 count;
} CivCremationRange;

typedef struct
{
  char             *from; /* YYYY-MM-DD, NULL: since the first batch */
  char             *to;   /* YYYY-MM-DD, NULL: up to now */
  CivCremationTally total;
  GPtrArray        *batches;  /* CivCremationTally *: the batches with a figure in the period */
  GPtrArray        *issued;   /* CivCremationSerial *: counted in total.issued */
  GPtrArray        *voided;   /* CivCremationSerial *: counted in total.voided */
  GPtrArray        *in_stock; /* CivCremationRange *: at the period's end */
  /* Issued before the period and voided in it: they had left the stock
   * already, so they are listed, not counted. */
  GPtrArray        *voided_after_earlier_issue;
} CivCremationReconciliation;

void civ_cremation_reconciliation_free (CivCremationReconciliation *rec);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivCremationReconciliation, civ_cremation_reconciliation_free)

/* The reconciliation for @from…@to (either NULL: open), both counted in;
 * CIV_APP_ERROR_INVALID when @from is after @to. Audited. */
CivCremationReconciliation *civ_cremation_stock_reconcile (CivStore    *store,
                                                           const GDate *from,
                                                           const GDate *to,
                                                           GError     **error);

/* The same as jobs on @session's worker, for a page: the counter's date
 * @today is copied; the approver's password is copied and the copy wiped
 * when the job ends (the caller wipes its own). The _finish functions
 * return what the synchronous calls return (free with
 * civ_cremation_batch_free () / civ_cremation_reconciliation_free ()). */
void                        civ_cremation_stock_receive_async (CivSession         *session,
                                                               gpointer            source_object,
                                                               const char         *first_serial,
                                                               const char         *last_serial,
                                                               const char         *reference,
                                                               const GDate        *today,
                                                               GCancellable       *cancellable,
                                                               GAsyncReadyCallback callback,
                                                               gpointer            user_data);
CivCremationBatch          *civ_cremation_stock_receive_finish (CivSession   *session,
                                                                GAsyncResult *result,
                                                                GError      **error);
void                        civ_cremation_stock_void_async (CivSession         *session,
                                                            gpointer            source_object,
                                                            const char         *serial,
                                                            const char         *reason,
                                                            const char         *approver_login,
                                                            const char         *approver_password,
                                                            const GDate        *today,
                                                            GCancellable       *cancellable,
                                                            GAsyncReadyCallback callback,
                                                            gpointer            user_data);
gboolean                    civ_cremation_stock_void_finish (CivSession   *session,
                                                             GAsyncResult *result,
                                                             GError      **error);
/* @from, @to NULL: open, as civ_cremation_stock_reconcile (). */
void                        civ_cremation_stock_reconcile_async (CivSession         *session,
                                                                 gpointer            source_object,
                                                                 const GDate        *from,
                                                                 const GDate        *to,
                                                                 GCancellable       *cancellable,
                                                                 GAsyncReadyCallback callback,
                                                                 gpointer            user_data);
CivCremationReconciliation *civ_cremation_stock_reconcile_finish (CivSession   *session,
                                                                  GAsyncResult *result,
                                                                  GError      **error);

G_END_DECLS
