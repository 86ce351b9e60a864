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

G_END_DECLS
