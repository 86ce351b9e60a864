// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-certificate-prints.h — what a print reads and what it records, as
 * jobs on the session's worker (architecture.md §2 "One print flow")
 *
 *   check  before printing: the blanks' serials were never used (R-N3)
 *   load   what is printed, as stored: a marriage record (J certificate,
 *          refusal notice, extract), a certificate under its own number
 *          (J, BJ: the marriage; L, BL: the divorce) or a divorce
 *          application (receipt, notice, L certificate), an adoption, or
 *          the cremation certificate stock's reconciliation (R-F13)
 *   note   once it went out: the certificate on its blanks (R-N1, R-N3),
 *          or the divorce receipt or notice (R-D3, R-D5)
 *
 * The print flow in ui/print (CivPrintJob) runs these; pages say what they
 * print with a CivPrintSource.
 */
#pragma once

#include <gio/gio.h>

#include "civ-adoption-service.h"
#include "civ-cremation-stock.h"
#include "civ-divorce-documents.h"
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
/* The cremation certificate stock's reconciliation for @from…@to (either
 * NULL: open), read again when printed (R-F13: audited as a
 * reconciliation). */
CivPrintSource *civ_print_source_new_cremation_stock (const GDate *from, const GDate *to);
CivPrintSource *civ_print_source_copy (const CivPrintSource *source);
void            civ_print_source_free (CivPrintSource *source);

/* TRUE for a divorce certificate number (L…, BL…). */
gboolean civ_certificate_is_divorce (const char *certificate_no);

/* What the load read: one of record, divorce, adoption and cremation_stock
 * is set. */
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
 * otherwise a divorce document source notes its document; anything else
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
