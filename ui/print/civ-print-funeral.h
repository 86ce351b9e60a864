// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-print-funeral.h — the funeral case's prints in one call for a page:
 * the cremation certificate (火化证明) on its pre-printed blank and the
 * itemised receipt on A4 (issue 16; R-F4, R-F8, R-F13)
 *
 * A certificate first asks for the serial (NO.) pre-printed on the blank
 * in the printer; the session's worker then reads the case (audited as a
 * view) and refuses, in the dialog, a case that was not cremated or holds
 * no issued serial, and a blank that is not the one issued to the case
 * (R-F13). Only then is it printed, shifted by the calibrated printer
 * offsets, and the print noted in the audit log. A receipt is read with
 * the case's bill and printed as issued. Both go through the one print
 * flow (CivPrintJob): the print dialog, or an export to a PDF file.
 */
#pragma once

#include <gtk/gtk.h>

#include "civ-certificate-prints.h"
#include "civ-session.h"

G_BEGIN_DECLS

/* Prints @document of the funeral case @case_no: the cremation certificate
 * (asking for the blank's serial first, in a dialog over @parent's window)
 * or the receipt @receipt_no (required for a receipt). @export_pdf: export
 * to that PDF file without the print dialog (NULL: the print dialog).
 * What happens is said in a toast on @parent, a refusal of the blank in
 * the dialog. */
void civ_print_funeral_start (GtkWidget         *parent,
                              CivSession        *session,
                              GCancellable      *cancellable,
                              const char        *case_no,
                              CivFuneralDocument document,
                              const char        *receipt_no,
                              const char        *export_pdf);

G_END_DECLS
