// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-archive-workbench-private.h — test hooks of the workbench */
#pragma once

#include "civ-archive-workbench.h"
#include "civ-page-image.h"

G_BEGIN_DECLS

/* The form's row of @field (CivHistField). */
AdwEntryRow  *_civ_archive_workbench_get_row (CivArchiveWorkbench *self, int field);
/* No job under way and the page image decoded. */
gboolean      _civ_archive_workbench_is_idle (CivArchiveWorkbench *self);
void          _civ_archive_workbench_get_slot (CivArchiveWorkbench *self, int *page, int *slot);
/* The ledger's CivSlotState of a slot, -1 when unknown. */
int           _civ_archive_workbench_get_slot_state (CivArchiveWorkbench *self, int page, int slot);
/* The coverage bar's fraction. */
double        _civ_archive_workbench_get_coverage (CivArchiveWorkbench *self);
/* The CivSlotState the last keying left, CIV_SLOT_N_STATES before any. */
int           _civ_archive_workbench_get_last_outcome (CivArchiveWorkbench *self);
/* The live warnings shown, or NULL. */
GPtrArray    *_civ_archive_workbench_get_findings (CivArchiveWorkbench *self);
CivPageImage *_civ_archive_workbench_get_image (CivArchiveWorkbench *self);
/* The message shown at the field, or NULL. */
const char   *_civ_archive_workbench_get_field_error (CivArchiveWorkbench *self, int field);
/* The ledger's button of @slot on the page shown. */
GtkWidget    *_civ_archive_workbench_get_ledger_button (CivArchiveWorkbench *self, int slot);
/* The next Attach Images… takes @path from @first_page (0: the page shown)
 * instead of asking. */
void          _civ_archive_workbench_set_next_image (CivArchiveWorkbench *self,
                                                     const char          *path,
                                                     int                  first_page);
/* Runs the live checks now instead of after the typing pause. */
void          _civ_archive_workbench_run_check (CivArchiveWorkbench *self);

G_END_DECLS
