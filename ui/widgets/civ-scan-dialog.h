// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-scan-dialog.h — scanning paper documents at the counter
 *
 * Lists the scanners SANE finds (a status page says what to check when
 * there is none), offers the chosen device's resolutions, colour modes and
 * feeder, scans one page, several pages one at a time ("Scan Another
 * Page") or every page in the feeder with a progress bar and Stop, shows
 * the pages as thumbnails, and adds them to a CivDocumentList as one PDF or
 * one PNG per page of the kind chosen (civ_document_list_add_input ()).
 * Every SANE call runs on the scanner's own thread (CivScanner); the PDF
 * and images are made in a thread too. The dialog closes when the
 * workstation locks.
 */
#pragma once

#include "civ-document-list.h"

G_BEGIN_DECLS

#define CIV_TYPE_SCAN_DIALOG (civ_scan_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CivScanDialog, civ_scan_dialog, CIV, SCAN_DIALOG, AdwWindow)

/* A dialog over @parent whose pages go to @list. */
CivScanDialog *civ_scan_dialog_new (GtkWindow *parent, CivSession *session, CivDocumentList *list);

G_END_DECLS
