// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-scanner-private.h — what the tests reach in the scanner */
#pragma once

#include <sane/sane.h>

#include "civ-scanner.h"

G_BEGIN_DECLS

/* Checks a device's announced frame as a scan does (depth, line size,
 * page size). */
gboolean _civ_scan_check_parameters (const SANE_Parameters *params, GError **error);

/* Called on the scanner's own thread after each block read from the device:
 * page @page (0-based), @bytes of its current frame read so far. Tests use
 * it to cancel in the middle of a page without racing the device. */
typedef void (*CivScanReadHook) (CivScanner *self, guint page, gsize bytes, gpointer data);
void _civ_scanner_set_read_hook (CivScanner *self, CivScanReadHook hook, gpointer data);

G_END_DECLS
