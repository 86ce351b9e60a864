// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-audit-page-private.h — what the tests look at inside the audit page */
#pragma once

#include "civ-audit-page.h"

G_BEGIN_DECLS

/* The entries shown (CivAuditItem), and the chain check's verdict or NULL. */
GListModel *_civ_audit_page_get_model (CivAuditPage *self);
const char *_civ_audit_page_get_status (CivAuditPage *self);

G_END_DECLS
