// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-divorce-lapses.h — the divorce deadlines a workstation acts on by
 * itself each day (domain.md §2.2): applications whose issuance window has
 * passed lapse (R-D6), and the applications due today are listed (R-D5,
 * R-D6); one job each on the session's worker, with the office's calendar */
#pragma once

#include <gio/gio.h>

#include "civ-record-query.h"
#include "civ-session.h"

G_BEGIN_DECLS

/* Whether @session's operator registers divorces, so that the lapses are
 * applied and the due list shown for them. */
gboolean civ_divorce_lapses_apply_to (CivSession *session);

/* R-D6: every application whose issuance window ended before @today
 * becomes LAPSED (audited). For an operator who does not register
 * divorces nothing is run and 0 lapse. */
void     civ_divorce_lapses_apply_async (CivSession         *session,
                                         gpointer            source_object,
                                         const GDate        *today,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
gboolean civ_divorce_lapses_apply_finish (CivSession   *session,
                                          GAsyncResult *result,
                                          guint        *n_lapsed,
                                          GError      **error);

/* The applications whose cooling-off ends or whose issuance window closes
 * on @today (CivDivorceDue), for the overview. */
void       civ_divorce_due_async (CivSession         *session,
                                  gpointer            source_object,
                                  const GDate        *today,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data);
GPtrArray *civ_divorce_due_finish (CivSession *session, GAsyncResult *result, GError **error);

G_END_DECLS
