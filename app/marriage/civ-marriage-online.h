// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-marriage-online.h — R-M3 / R-M7: asking the province about both
 * parties before a marriage check or registration, without holding the
 * database while it answers (architecture.md §2 "Threads")
 *
 *   prepare (thread that owns the connection): the parties' identity keys
 *            and what a request to the province needs
 *   ask     (any other thread): the province's answers; no database
 *   apply   (the owning thread): audits the answers, judges failures, and
 *            sets the input's status source and online marriages
 *
 * A registration asks afresh; the live preview may pass a cache.
 */
#pragma once

#include "civ-marriage-service.h"
#include "civ-report.h"

G_BEGIN_DECLS

/* How long the province may take to answer one status check. */
#define CIV_MARRIAGE_ONLINE_TIMEOUT_MS 3000

typedef struct _CivMarriageOnline CivMarriageOnline;

CivMarriageOnline *civ_marriage_online_prepare (CivStore               *store,
                                                const CivMarriageInput *input,
                                                CivDivisionTable       *divisions);
void               civ_marriage_online_free (CivMarriageOnline *online);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivMarriageOnline, civ_marriage_online_free)

/* Asks about both parties; stops at the first party the province does not
 * answer for. @cache may be NULL (a registration always asks afresh). */
void civ_marriage_online_ask (CivMarriageOnline    *online,
                              CivReportStatusCache *cache,
                              GCancellable         *cancellable);

/* The decision: the status source is ONLINE only when the province answered
 * for both parties; a party it knows as married (GB/T 2261.2 2x) or with a
 * current marriage counts as married (R-M3). Records the answers. */
void civ_marriage_online_apply (CivMarriageOnline *online,
                                CivStore          *store,
                                CivMarriageInput  *input);

/* The same decision alone, for tests: @answers[i] NULL when not asked. */
void civ_marriage_online_decide (const CivReportMaritalAnswer *const answers[2],
                                 CivMarriageInput                   *input);

G_END_DECLS
