// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-reports-page.h — supervisors see every report for the province,
 * retry parked ones, send now, and enroll the workstation (a CivPage,
 * "reports": roles that manage reporting) */
#pragma once

#include <adwaita.h>

#include "civ-session.h"

G_BEGIN_DECLS

#define CIV_TYPE_REPORTS_PAGE (civ_reports_page_get_type ())
G_DECLARE_FINAL_TYPE (CivReportsPage, civ_reports_page, CIV, REPORTS_PAGE, AdwBin)

/* For tests: the listed reports, and the "Retry Now" button of outbox item @id
 * (NULL when that item is not listed as parked). */
guint       _civ_reports_page_get_n_rows (CivReportsPage *self);
/* The state shown for outbox item @id ("pending", "delivered", "parked"), or NULL. */
const char *_civ_reports_page_get_state (CivReportsPage *self, gint64 id);
GtkWidget  *_civ_reports_page_get_retry_button (CivReportsPage *self, gint64 id);
gboolean    _civ_reports_page_is_loaded (CivReportsPage *self);

G_END_DECLS
