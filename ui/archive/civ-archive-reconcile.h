// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-archive-reconcile.h — the disputes of double keying, for a supervisor
 * or a third archivist: both keyings side by side per field, the differing
 * fields marked, one value chosen or retyped for each, the page image
 * beside; Save writes the reconciled entry (civ_archive_reconcile ()).
 */
#pragma once

#include <adwaita.h>

#include "civ-session.h"

G_BEGIN_DECLS

#define CIV_TYPE_ARCHIVE_RECONCILE (civ_archive_reconcile_get_type ())
G_DECLARE_FINAL_TYPE (CivArchiveReconcile, civ_archive_reconcile, CIV, ARCHIVE_RECONCILE, AdwBin)

void civ_archive_reconcile_set_session (CivArchiveReconcile *self, CivSession *session);
/* Reads the open disputes of every book again. */
void civ_archive_reconcile_reload (CivArchiveReconcile *self);
void civ_archive_reconcile_clear (CivArchiveReconcile *self);

/* Signal "changed": an entry was reconciled. */

G_END_DECLS
