// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-search-results.h — the list model a search page shows, over the
 * session's database
 *
 * The session's store hands its database only to jobs on the worker: this
 * job fetches it and the finish gives a CivRecordListModel over it (the
 * model runs its own queries on the same worker). The model already shown
 * is kept while it reads the same database (so its cached pages survive a
 * new query); after an unlock the store may hold a new one.
 */
#pragma once

#include <gio/gio.h>

#include "civ-record-list-model.h"
#include "civ-session.h"

G_BEGIN_DECLS

void                civ_search_results_async (CivSession         *session,
                                              gpointer            source_object,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
/* @current (may be NULL): the model shown now, returned (a new reference)
 * when it still reads the session's database; otherwise a new model. */
CivRecordListModel *civ_search_results_finish (CivSession         *session,
                                               GAsyncResult       *result,
                                               CivRecordListModel *current,
                                               GError            **error);

G_END_DECLS
