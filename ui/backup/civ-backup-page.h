// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-backup-page.h — backups of the office: made now or on a schedule,
 * verified, restored into a new folder (a CivPage, "backup", supervisors) */
#pragma once

#include <adwaita.h>

#include "civ-session.h"

G_BEGIN_DECLS

#define CIV_TYPE_BACKUP_PAGE (civ_backup_page_get_type ())
G_DECLARE_FINAL_TYPE (CivBackupPage, civ_backup_page, CIV, BACKUP_PAGE, AdwBin)

G_END_DECLS
