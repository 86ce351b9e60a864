// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-sync-indicator.h — the header bar's view of the reports for the
 * province: pending, parked, last delivery; sends on demand and now and
 * then on its own (docs/provincial-protocol.md) */
#pragma once

#include <adwaita.h>

#include "civ-session.h"

G_BEGIN_DECLS

#define CIV_TYPE_SYNC_INDICATOR (civ_sync_indicator_get_type ())
G_DECLARE_FINAL_TYPE (CivSyncIndicator, civ_sync_indicator, CIV, SYNC_INDICATOR, AdwBin)

void     civ_sync_indicator_set_session (CivSyncIndicator *self, CivSession *session);
/* Reads the outbox's counts again (on the worker). */
void     civ_sync_indicator_refresh (CivSyncIndicator *self);
/* A registration was written: refresh, and deliver it soon. */
void     civ_sync_indicator_note_new_reports (CivSyncIndicator *self);
/* Delivers every pending report now, ignoring the retry schedule. */
void     civ_sync_indicator_send_now (CivSyncIndicator *self);
gboolean civ_sync_indicator_get_syncing (CivSyncIndicator *self);
/* Forgets what it showed (the workstation locks). */
void     civ_sync_indicator_clear (CivSyncIndicator *self);

G_END_DECLS
