// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-backup-page-private.h — what the tests look at inside the backup page */
#pragma once

#include "civ-backup-page.h"

G_BEGIN_DECLS

/* Sets the backup folder as the folder chooser would. */
void        _civ_backup_page_set_folder (CivBackupPage *self, const char *folder);
/* How many backups the list shows. */
guint       _civ_backup_page_get_n_backups (CivBackupPage *self);
/* TRUE while a backup, a verification, a restore or the listing runs. */
gboolean    _civ_backup_page_is_busy (CivBackupPage *self);
/* The line under "Back up now" (the last result). */
const char *_civ_backup_page_get_status (CivBackupPage *self);
/* Verifies @path, or restores it into @target, as the choosers would. */
void        _civ_backup_page_verify (CivBackupPage *self, const char *path);
void        _civ_backup_page_restore (CivBackupPage *self, const char *path, const char *target);
/* The text of the last report shown (verify, restore), or NULL. */
const char *_civ_backup_page_get_report (CivBackupPage *self);
/* TRUE when the last report was a success. */
gboolean    _civ_backup_page_get_report_ok (CivBackupPage *self);

G_END_DECLS
