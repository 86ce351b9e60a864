// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-scan-dialog-private.h — what the UI tests reach in the scan dialog */
#pragma once

#include "civ-scan-dialog.h"

G_BEGIN_DECLS

/* For tests: TRUE once the form shows a device's options and nothing runs;
 * the name of the stack's page ("searching", "none", "form"); the pages
 * scanned so far; the message shown after a failure, or NULL; extra SANE
 * "option=value" settings for the next scans (test-backend options). */
gboolean    _civ_scan_dialog_is_ready (CivScanDialog *self);
const char *_civ_scan_dialog_get_state (CivScanDialog *self);
guint       _civ_scan_dialog_get_n_pages (CivScanDialog *self);
const char *_civ_scan_dialog_get_message (CivScanDialog *self);
void        _civ_scan_dialog_set_extra_options (CivScanDialog *self, const char *const *extra);

G_END_DECLS
