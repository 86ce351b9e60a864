// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-overview-due.h — what the overview lists as due today, in one job on
 * the session's worker with the office's calendar: the divorces whose
 * cooling-off ends or whose issuance window closes today (R-D5, R-D6) and
 * the adoptions with a deadline on or before today (notices ending, review
 * deadlines, dissolution reviews; R-A7, R-A10, R-A14); for the funeral
 * clerks, the funeral day board (bodies in storage, cases awaiting
 * collection or cremation, ash deposits expiring this month).
 *
 * Secrecy (R-A13): the adoptions come from civ_adoption_due (), empty for
 * an operator who does not see adoptions, so that such an operator is not
 * told that any exist, not even by a count. */
#pragma once

#include <gio/gio.h>

#include "civ-funeral-case.h"
#include "civ-session.h"

G_BEGIN_DECLS

typedef struct
{
  GPtrArray       *divorces;  /* CivDivorceDue */
  GPtrArray       *adoptions; /* CivAdoptionDueRow, soonest first */
  CivFuneralBoard *funeral;   /* the day board; NULL for an operator without funeral cases */
} CivOverviewDue;

void civ_overview_due_free (CivOverviewDue *due);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivOverviewDue, civ_overview_due_free)

/* What is due on @today for @session's operator. */
void            civ_overview_due_async (CivSession         *session,
                                        gpointer            source_object,
                                        const GDate        *today,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
CivOverviewDue *civ_overview_due_finish (CivSession *session, GAsyncResult *result, GError **error);

/* How the overview names the deadline @what of a CivAdoptionDueRow
 * (notice-ends, review-due, dissolution-review-due). */
const char *civ_overview_due_adoption_label (const char *what);

G_END_DECLS
