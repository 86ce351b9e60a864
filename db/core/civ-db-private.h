// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-db-private.h — for the upgrade tests: an office's database as an
 * older Civreg left it */
#pragma once

#include "civ-db.h"

G_BEGIN_DECLS

/* As civ_db_open (), with the migrations applied only up to @version: a
 * database of an earlier Civreg, to test the later migrations on data. */
CivDb *_civ_db_open_at_version (const char      *path,
                                const CivSecret *data_key,
                                int              version,
                                GError         **error);

G_END_DECLS
