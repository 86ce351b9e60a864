// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-print-calibration.h — the printer-offset calibration dialog: choose a
 * printer (or PDF export), try X/Y offsets on a test page printed on a
 * certificate blank, and save them for that printer (GSettings
 * "certificate-offsets", through civ_print_set_offset ()) */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CIV_TYPE_PRINT_CALIBRATION (civ_print_calibration_get_type ())
G_DECLARE_FINAL_TYPE (CivPrintCalibration, civ_print_calibration, CIV, PRINT_CALIBRATION, AdwWindow)

/* Modal for @parent and part of its application (so locking closes it). */
CivPrintCalibration *civ_print_calibration_new (GtkWindow *parent);

/* For tests: the printer names in the list ("" = PDF export, always first),
 * and a PDF file the test page of "PDF export" goes to instead of asking
 * for one. */
const char *_civ_print_calibration_get_printer (CivPrintCalibration *self, guint position);
void _civ_print_calibration_set_export_filename (CivPrintCalibration *self, const char *path);

G_END_DECLS
