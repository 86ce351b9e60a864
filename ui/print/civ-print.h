// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-print.h — printing through GtkPrintOperation (Cairo + Pango): the
 * marriage, divorce and adoption certificates on pre-printed stock, the
 * notices (不予登记告知书, 不予受理告知书, the adoption's 公告), the receipt
 * of a divorce application (受理回执单), the proof of an adoption's
 * dissolution (解除收养关系证明), a plain record extract, and the
 * calibration page of the certificate blank, to a printer or to PDF
 *
 * A certificate prints only the values, at fixed places on the blank
 * (R-N3), shifted by the X/Y offset calibrated for the printer and saved in
 * GSettings ("certificate-offsets", millimetres per printer name; the empty
 * name is PDF export). Marriage (J) and divorce (L) certificates share the
 * blank's layout, so one calibration serves both. A certificate is two
 * pages, one per spouse as holder (page 1: the first party), each on its
 * own blank (civ-blank-dialog.h); a reissue (BJ, BL) prints the same
 * layout under its own number (civ_print_set_certificate_no ()).
 */
#pragma once

#include <gtk/gtk.h>

#include "civ-adoption-service.h"
#include "civ-certificate-prints.h"
#include "civ-divorce-documents.h"
#include "civ-record-query.h"

G_BEGIN_DECLS

typedef enum
{
  CIV_PRINT_CERTIFICATE,    /* two copies, one per spouse as holder */
  CIV_PRINT_REFUSAL_NOTICE, /* the reasons with their rule ids */
  CIV_PRINT_EXTRACT,        /* every version with its findings */
} CivPrintKind;

/* A print operation for @record, which is taken. @settings (may be NULL:
 * no offsets) holds the printer offsets. */
GtkPrintOperation *civ_print_operation_new (CivPrintKind       kind,
                                            CivMarriageRecord *record,
                                            GSettings         *settings);

/* A print operation for a divorce document of @data, which is taken; @kind
 * must fit the application (civ_divorce_print_check ()). */
GtkPrintOperation *civ_print_divorce_operation_new (CivDivorcePrintKind  kind,
                                                    CivDivorcePrintData *data,
                                                    GSettings           *settings);

/* What an adoption prints. The birth parents never appear on any of them
 * (R-A13): the view already withholds them, and no print reads a placer. */
typedef enum
{
  CIV_PRINT_ADOPTION_CERTIFICATE, /* 收养登记证 on its own blank (adoption-certificate.json) */
  CIV_PRINT_ADOPTION_NOTICE,      /* the R-A7 public notice (公告) as recorded, with its dates */
  CIV_PRINT_ADOPTION_REFUSAL, /* 不予登记告知书: every reason with its rule id and its law */
  CIV_PRINT_ADOPTION_DISSOLUTION, /* 解除收养关系证明 with its own number */
} CivAdoptionPrintKind;

/* FALSE with a message in the user's language (a refusal with the rule)
 * when @view cannot give @kind: no certificate yet (or no longer), no
 * notice, not refused, not dissolved. */
gboolean           civ_print_adoption_check (CivAdoptionPrintKind   kind,
                                             const CivAdoptionView *view,
                                             GError               **error);
/* A print operation for @kind of @view, which is taken; @kind must fit it
 * (civ_print_adoption_check ()). The certificate is shifted by the printer
 * offsets of @settings (may be NULL) like the marriage blank. */
GtkPrintOperation *civ_print_adoption_operation_new (CivAdoptionPrintKind kind,
                                                     CivAdoptionView     *view,
                                                     GSettings           *settings);

/* A print operation for a funeral case's @data (taken), which must be
 * printable (civ_funeral_print_check ()): the cremation certificate
 * (火化证明) on its own blank (cremation-certificate.json), shifted by the
 * printer offsets of @settings (may be NULL) like every blank, or the
 * itemised receipt on A4 (amounts in yuan from integer fen, the 惠民殡葬
 * waiver with its group and policy version). */
GtkPrintOperation *civ_print_funeral_operation_new (CivFuneralPrintData *data, GSettings *settings);

/* A plain A4 document on the documents' layout (document-a4.json): the
 * paragraphs the caller adds, in order, flowing over as many pages as they
 * need (a report, such as the cremation certificate stock's
 * reconciliation). The styles are the layout's. */
typedef enum
{
  CIV_PRINT_PARA_TITLE,
  CIV_PRINT_PARA_HEADING,
  CIV_PRINT_PARA_BODY,
  CIV_PRINT_PARA_ITEM,
  CIV_PRINT_PARA_SIGNATURE,
} CivPrintPara;

/* An empty document named @job_name (the PDF's name in the print dialog). */
GtkPrintOperation *civ_print_document_operation_new (const char *job_name);
/* Adds the paragraph @text in @style to a document operation (before it runs). */
void civ_print_document_add (GtkPrintOperation *operation, CivPrintPara style, const char *text);

/* Prints the certificate of @operation (CIV_PRINT_CERTIFICATE or
 * CIV_PRINT_DIVORCE_CERTIFICATE) under @certificate_no instead of the
 * record's own J or L number: a reissued certificate (BJ, BL, R-B1, R-N1)
 * shows the record as it stands with the reissue's number. Call it before
 * the operation runs. */
void civ_print_set_certificate_no (GtkPrintOperation *operation, const char *certificate_no);
/* Prints only the copy of holder @holder (0, 1) of a certificate operation,
 * on one blank: the other copy is out and was not spoiled (R-N3); -1, the
 * default, prints both. */
void civ_print_set_only_holder (GtkPrintOperation *operation, int holder);

/* The couple's photo (PNG or JPEG, CivPrintable's photo; NULL: none) drawn
 * scaled into the blank's photo box of a marriage certificate operation
 * (R-N3). FALSE with a message when it cannot be decoded (nothing set). */
gboolean civ_print_set_photo (GtkPrintOperation *operation, GBytes *photo, GError **error);

/* The calibration page on a certificate blank: a cross at the origin of the
 * fields, a cross where each value starts and the box it goes in, all
 * shifted by @x_mm / @y_mm (not by the saved offsets), for @printer_name
 * ("" = PDF export). Runs without a dialog: to the printer @printer_name,
 * or through civ_print_export_pdf (). */
GtkPrintOperation *civ_print_calibration_operation_new (const char *printer_name,
                                                        double      x_mm,
                                                        double      y_mm);

/* Runs @operation as an export to the PDF file @path, without a dialog. */
gboolean civ_print_export_pdf (GtkPrintOperation *operation, const char *path, GError **error);

/* The calibrated offset of @printer_name ("" = PDF export) in mm. */
void civ_print_get_offset (GSettings  *settings,
                           const char *printer_name,
                           double     *x_mm,
                           double     *y_mm);
void civ_print_set_offset (GSettings *settings, const char *printer_name, double x_mm, double y_mm);
/* The printer names that have a saved offset, sorted (NULL-terminated). */
char **civ_print_list_offsets (GSettings *settings);

/* Offsets are bounded: a larger one means the wrong blank or printer. */
#define CIV_PRINT_OFFSET_MAX_MM 20.0

/* The print settings a print dialog starts from: the printer used last
 * (@settings "last-printer", may be NULL) and, for printing to a file, a
 * PDF named @job_name in the user's Documents folder (or home), never the
 * current folder. */
GtkPrintSettings *civ_print_settings_for (GSettings *settings, const char *job_name);
/* After a print went out with @print_settings: remember its printer. */
void civ_print_remember_printer (GSettings *settings, GtkPrintSettings *print_settings);

/* The GSettings schema of the application, or NULL when it is not installed. */
GSettings *civ_print_load_settings (void);

G_END_DECLS
