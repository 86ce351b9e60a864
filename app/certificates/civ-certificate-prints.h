// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-certificate-prints.h — what a print reads and what it records, as
 * jobs on the session's worker (architecture.md §2 "One print flow")
 *
 *   check  before printing: the blanks' serials were never used (R-N3)
 *   load   what is printed, as stored: a marriage record (J certificate,
 *          refusal notice, extract), a certificate under its own number
 *          (J, BJ: the marriage; L, BL: the divorce), a divorce
 *          application (receipt, notice, L certificate), an adoption, a
 *          funeral case (its 火化证明, R-F13; a receipt, R-F4, R-F8), or the
 *          cremation certificate stock's reconciliation (R-F13)
 *   note   once it went out: the certificate on its blanks (R-N1, R-N3),
 *          the divorce receipt or notice (R-D3, R-D5), or the funeral
 *          print in the audit log
 *
 * The print flow in ui/print (CivPrintJob) runs these; pages say what they
 * print with a CivPrintSource.
 */
#pragma once

#include <gio/gio.h>

#include "civ-adoption-service.h"
#include "civ-cremation-stock.h"
#include "civ-divorce-documents.h"
#include "civ-funeral-case.h"
#include "civ-funeral-money-store.h"
#include "civ-record-query.h"
#include "civ-session.h"

G_BEGIN_DECLS

/* What a print reads. */
typedef struct _CivPrintSource CivPrintSource;

/* The marriage record @key (record id or certificate number): an error
 * when there is none. */
CivPrintSource *civ_print_source_new_marriage (const char *key);
/* The certificate @certificate_no of the marriage record @record_id under
 * its own number: the marriage for a J or BJ, the divorce for an L or BL. */
CivPrintSource *civ_print_source_new_certificate (const char *record_id,
                                                  const char *certificate_no);
/* The divorce application @record_id (its L certificate). */
CivPrintSource *civ_print_source_new_divorce (const char *record_id);
/* The divorce application @record_id's receipt or notice: noted as printed
 * with the application (civ_divorce_note_document_print ()). */
CivPrintSource *civ_print_source_new_divorce_document (const char        *record_id,
                                                       CivDivorceDocument document);
/* The adoption @key (record id or certificate number), read for a print for
 * @purpose (R-A13: journalled and audited as a print when it is read). */
CivPrintSource *civ_print_source_new_adoption (const char *key, const char *purpose);

/* What a funeral case prints. */
typedef enum
{
  CIV_FUNERAL_DOCUMENT_CREMATION_CERTIFICATE, /* 火化证明 on its pre-printed blank (R-F13) */
  CIV_FUNERAL_DOCUMENT_RECEIPT,               /* the itemised receipt (R-F4, R-F8) */
} CivFuneralDocument;

/* The funeral case @case_key (its number or record id), read for
 * @document (civ_funeral_case_open (): audited as a view); a receipt
 * also reads the case's bill (audited as a look at it) for the receipt
 * @receipt_no (required for a receipt, ignored otherwise). A cremation certificate loads
 * only for a case that was cremated and holds an issued serial, a receipt
 * only when the case has it: refused otherwise with the rule (R-F13,
 * R-F4). */
CivPrintSource *civ_print_source_new_funeral (const char        *case_key,
                                              CivFuneralDocument document,
                                              const char        *receipt_no);
/* The serial pre-printed on the cremation certificate blank in the printer,
 * as the operator read it: the load refuses (R-F13) when it is not the
 * serial issued to the case. Only for a certificate source. */
void            civ_print_source_set_blank_serial (CivPrintSource *source, const char *serial);
/* The cremation certificate stock's reconciliation for @from…@to (either
 * NULL: open), read again when printed (R-F13: audited as a
 * reconciliation). */
CivPrintSource *civ_print_source_new_cremation_stock (const GDate *from, const GDate *to);
CivPrintSource *civ_print_source_copy (const CivPrintSource *source);
void            civ_print_source_free (CivPrintSource *source);

/* TRUE for a divorce certificate number (L…, BL…). */
gboolean civ_certificate_is_divorce (const char *certificate_no);

/* What a funeral print reads: the case, and for a receipt the receipt. */
typedef struct
{
  CivFuneralDocument       document;
  CivFuneralView          *view;        /* the case as civ_funeral_case_open () gives it */
  char                    *office_name; /* this office, the issuer */
  /* A cremation certificate: the cremation step's facts (R-F13). */
  char                    *cremated_at; /* YYYY-MM-DDTHH:MM */
  char                    *furnace;
  char                    *furnace_operator;
  char                    *issued_on; /* the day its serial was issued (view->cremation_serial) */
  /* A receipt: as issued, with its lines, the waiver assessment it used
   * (NULL: no waiver) and the name of the clerk who issued it. */
  CivFuneralReceiptRow    *receipt;
  CivFuneralAssessmentRow *assessment;
  char                    *clerk;
} CivFuneralPrintData;

void civ_funeral_print_data_free (CivFuneralPrintData *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivFuneralPrintData, civ_funeral_print_data_free)

/* TRUE when the case @view can give @document now; FALSE with a refusal
 * and its rule otherwise: a cremation certificate needs a case that was
 * cremated (a CREMATED step in its history) and holds an issued, not
 * voided, serial (R-F13). A receipt needs only the case. Pure: for a
 * page, to offer the print. */
gboolean civ_funeral_print_check (const CivFuneralView *view,
                                  CivFuneralDocument    document,
                                  GError              **error);
/* TRUE when @typed (as the operator read it on the blank: spaces, lower
 * case allowed) is the serial @issued to case @case_no; FALSE with
 * CIV_APP_ERROR_INVALID (R-F13) for a serial that cannot be one, or a
 * refusal (R-F13) for another blank. Pure. */
gboolean civ_funeral_print_check_blank (const char *case_no,
                                        const char *issued,
                                        const char *typed,
                                        GError    **error);

/* What the load read: one of record, divorce, adoption, funeral and
 * cremation_stock is set. */
typedef struct
{
  CivMarriageRecord          *record;  /* a marriage record (J, BJ, notice, extract) */
  CivDivorcePrintData        *divorce; /* a divorce application (receipt, notice, L, BL) */
  /* With a marriage record: the couple's photo printed on the certificate
   * (R-N3), the latest couple photo (PNG or JPEG) attached to the record,
   * verified; NULL without one (the blank's box stays empty for a photo
   * glued by hand) or when the operator may not read documents. */
  GBytes                     *photo;
  /* An adoption (its certificate, notice, refusal, dissolution proof), the
   * birth parents withheld (civ_adoption_open ()). */
  CivAdoptionView            *adoption;
  /* A funeral case's certificate or receipt. */
  CivFuneralPrintData        *funeral;
  /* The cremation certificate stock's reconciliation (R-F13). */
  CivCremationReconciliation *cremation_stock;
} CivPrintable;

void civ_printable_free (CivPrintable *printable);

void          civ_print_source_load_async (CivSession           *session,
                                           const CivPrintSource *source,
                                           gpointer              source_object,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
CivPrintable *civ_print_source_load_finish (CivSession   *session,
                                            GAsyncResult *result,
                                            GError      **error);

/* Records that it went out: with @certificate_no and @serials (one per
 * copy), the certificate on those blanks (civ_record_note_prints (), R-N3);
 * otherwise a divorce document source notes its document, a funeral source
 * writes an audit entry ("funeral.certificate.print" with the case and the
 * blank's serial, "funeral.receipt.print" with the case); anything else
 * records nothing. */
void     civ_print_source_note_async (CivSession           *session,
                                      const CivPrintSource *source,
                                      const char           *certificate_no,
                                      const char *const    *serials,
                                      gpointer              source_object,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
gboolean civ_print_source_note_finish (CivSession *session, GAsyncResult *result, GError **error);

/* Before printing @certificate_no on the blanks @serials (one per copy):
 * refused with its rule id when a serial was used before (R-N1, R-N3,
 * civ_record_check_blanks ()). Writes nothing. */
void     civ_certificate_check_blanks_async (CivSession         *session,
                                             const char         *certificate_no,
                                             const char *const  *serials,
                                             gpointer            source_object,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data);
gboolean civ_certificate_check_blanks_finish (CivSession   *session,
                                              GAsyncResult *result,
                                              GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivPrintSource, civ_print_source_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivPrintable, civ_printable_free)

G_END_DECLS
