// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-sync-indicator-private.h — what the tests look at inside the sync indicator */
#pragma once

#include "civ-sync-indicator.h"

G_BEGIN_DECLS

/* What the indicator shows, and whether it sends on its own. */
gint64      _civ_sync_indicator_get_pending (CivSyncIndicator *self);
gint64      _civ_sync_indicator_get_parked (CivSyncIndicator *self);
const char *_civ_sync_indicator_get_title (CivSyncIndicator *self);
gboolean    _civ_sync_indicator_is_current (CivSyncIndicator *self);
/* Syncs whose asynchronous run has come back, whatever their end. */
guint       _civ_sync_indicator_get_syncs_ended (CivSyncIndicator *self);
void        _civ_sync_indicator_set_auto_sync (CivSyncIndicator *self, gboolean auto_sync);

G_END_DECLS
