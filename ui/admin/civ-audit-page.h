// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-audit-page.h — the audit log, newest first, and its chain check (a
 * CivPage, "audit": roles that view the audit log) */
#pragma once

#include <adwaita.h>

#include "civ-session.h"

G_BEGIN_DECLS

#define CIV_TYPE_AUDIT_PAGE (civ_audit_page_get_type ())
G_DECLARE_FINAL_TYPE (CivAuditPage, civ_audit_page, CIV, AUDIT_PAGE, AdwBin)

/* Entries fetched per request; "Load More" fetches the next batch. */
#define CIV_AUDIT_PAGE_BATCH 500

G_END_DECLS
