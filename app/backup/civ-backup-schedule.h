// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-backup-schedule.h — backups made by the running application when due
 *
 * Reads the GSettings keys backup-interval-hours (0 = off), backup-folder
 * and backup-copies. Every CIV_BACKUP_SCHEDULE_PERIOD_S seconds, and once
 * soon after the session starts, a GLib timeout asks whether the newest
 * backup of this office in the folder is older than the interval; the
 * folder is listed on a thread of its own (it may be a slow share), and
 * the copy runs as steps on the session's worker (civ_backup_create_async
 * ()): the main thread only queues jobs.
 */
#pragma once

#include <gio/gio.h>

#include "civ-backup-service.h"

G_BEGIN_DECLS

#define CIV_BACKUP_SCHEDULE_PERIOD_S (15 * 60)

#define CIV_TYPE_BACKUP_SCHEDULE (civ_backup_schedule_get_type ())
G_DECLARE_FINAL_TYPE (CivBackupSchedule, civ_backup_schedule, CIV, BACKUP_SCHEDULE, GObject)

/* Starts the timer. @settings holds the org.civreg.Civreg keys. */
CivBackupSchedule *civ_backup_schedule_new (CivSession *session, GSettings *settings);

/* Checks now (the timer calls this); a backup already running is left alone.
 * Signal "finished" (gboolean made, const char *message) follows a check
 * that made a backup or failed to; "checked" (gboolean due) every check. */
void civ_backup_schedule_check_now (CivBackupSchedule *self);

/* Stops the timer and cancels a backup under way (on lock and log-out). */
void     civ_backup_schedule_stop (CivBackupSchedule *self);
gboolean civ_backup_schedule_is_running (CivBackupSchedule *self);

G_END_DECLS
