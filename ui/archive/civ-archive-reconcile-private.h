// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-archive-reconcile-private.h — test hooks of the reconciliation view */
#pragma once

#include "civ-archive-reconcile.h"
#include "civ-page-image.h"

G_BEGIN_DECLS

guint         _civ_archive_reconcile_get_n_disputes (CivArchiveReconcile *self);
gboolean      _civ_archive_reconcile_is_idle (CivArchiveReconcile *self);
gboolean      _civ_archive_reconcile_field_differs (CivArchiveReconcile *self, int field);
/* The first (@side 0) or second keying's value of @field: a toggle button
 * when the field differs, else a label. */
GtkWidget    *_civ_archive_reconcile_get_choice (CivArchiveReconcile *self, int field, int side);
/* The reconciled value's entry of @field. */
GtkWidget    *_civ_archive_reconcile_get_final (CivArchiveReconcile *self, int field);
CivPageImage *_civ_archive_reconcile_get_image (CivArchiveReconcile *self);

G_END_DECLS
