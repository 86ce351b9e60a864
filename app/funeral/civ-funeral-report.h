// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-funeral-report.h — a funeral case's report to the province (domain.md
 * §5 R-X3: the MZ/T 141-2019 exchange entities the deceased, the contacts,
 * the services and the prices; docs/provincial-protocol.md §3, "Funeral
 * cases"; issue 16)
 *
 * The case service queues the payload in its own transaction with
 * civ_outbox_enqueue (db, "funeral", record_id,
 * civ_funeral_report_version (row, events), payload): version 1 when the
 * body is cremated or the burial exemption is decided, version 2 when the
 * ashes have their destination, version 3 when deposited ashes move on. Pure: no database, no I/O.
 */
#pragma once

#include "civ-funeral-store.h"

G_BEGIN_DECLS

/* The payload of @row's report (its state and closing day as they are
 * now, the version civ_funeral_report_version () gives), with @events
 * (CivFuneralEventRow, oldest first: the case's history) as the services
 * and @prices_json (NULL for none, or a JSON array of the bill's lines as
 * docs/provincial-protocol.md describes) as the prices. Steps of the
 * history that are not services of the case (a state outside the case's
 * states) are left out. NULL when @prices_json is not a JSON array of
 * objects (a programming error: the bill is built by the service). */
char *civ_funeral_report_payload (const CivFuneralCaseRow *row,
                                  GPtrArray               *events,
                                  const char              *prices_json);

/* The report's version for @row as it is now, with its history @events
 * (CivFuneralEventRow): 1 at CREMATED or BURIAL_EXEMPT; 2 once the ashes
 * have their destination (ASHES_RETURNED, ASHES_DEPOSITED, ECO_BURIAL,
 * CEMETERY); 3 when deposited ashes later go home, to a cemetery or to an
 * eco burial. The outbox row takes the same. */
int civ_funeral_report_version (const CivFuneralCaseRow *row, GPtrArray *events);

/* The service code of a case state in a report ("CREMATED" → "cremation"),
 * or NULL for a state that is not one of the case's. */
const char *civ_funeral_report_service (const char *state);

G_END_DECLS
