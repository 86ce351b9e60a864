// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-reports-page-private.h — what the tests look at inside the reports page */
#pragma once

#include "civ-reports-page.h"

G_BEGIN_DECLS

/* The listed reports, and the "Retry Now" button of outbox item @id (NULL
 * when that item is not listed as parked). */
guint       _civ_reports_page_get_n_rows (CivReportsPage *self);
/* The state shown for outbox item @id ("pending", "delivered", "parked"), or NULL. */
const char *_civ_reports_page_get_state (CivReportsPage *self, gint64 id);
GtkWidget  *_civ_reports_page_get_retry_button (CivReportsPage *self, gint64 id);
gboolean    _civ_reports_page_is_loaded (CivReportsPage *self);

G_END_DECLS
