/* civ-print.h — printing through GtkPrintOperation (Cairo + Pango): the
 * marriage certificate on pre-printed stock, the refusal notice
 * (不予登记告知书) and a plain record extract, to a printer or to PDF
 *
 * The certificate prints only the values, at fixed places on the blank
 * (R-N3), shifted by the X/Y offset calibrated for the printer and saved in
 * GSettings ("certificate-offsets", millimetres per printer name; the empty
 * name is PDF export).
 */
#pragma once

#include <gtk/gtk.h>

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

/* Runs @operation as an export to the PDF file @path, without a dialog. */
gboolean civ_print_export_pdf (GtkPrintOperation *operation, const char *path, GError **error);

/* The calibrated offset of @printer_name ("" = PDF export) in mm. */
void civ_print_get_offset (GSettings  *settings,
                           const char *printer_name,
                           double     *x_mm,
                           double     *y_mm);
void civ_print_set_offset (GSettings *settings, const char *printer_name, double x_mm, double y_mm);

/* The GSettings schema of the application, or NULL when it is not installed. */
GSettings *civ_print_load_settings (void);

G_END_DECLS
