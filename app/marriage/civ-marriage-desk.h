// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-marriage-desk.h — one marriage counter's checks and decision as jobs
 * on the session's worker (R-M3 / R-M7 with civ-marriage-online.h)
 *
 * For each check and for the write: the worker reads what the province is
 * asked (the division table is loaded there once per desk), another thread
 * asks the province, then the worker records the answers and decides: the
 * findings of civ_marriage_preview (), or the registration or refusal
 * through civ_marriage_register_decided (), which writes only when the
 * checks still lead where the registrar chose. A slow province never holds
 * the worker. The live check reuses the province's recent answers for the
 * couple at the counter; a registration or refusal asks afresh.
 */
#pragma once

#include <gio/gio.h>

#include "civ-marriage-service.h"
#include "civ-session.h"

G_BEGIN_DECLS

/* What a counter keeps between jobs: the division table, and the
 * province's answers for the live check (reused for @answer_ttl_us). */
typedef struct _CivMarriageDesk CivMarriageDesk;

CivMarriageDesk *civ_marriage_desk_new (gint64 answer_ttl_us);
CivMarriageDesk *civ_marriage_desk_ref (CivMarriageDesk *desk);
void             civ_marriage_desk_unref (CivMarriageDesk *desk);
/* Forgets the province's answers (a new couple at the counter). */
void             civ_marriage_desk_forget_answers (CivMarriageDesk *desk);

/* The findings for @input (copied; its documents are not looked at): a
 * GPtrArray of CivFinding. */
void       civ_marriage_check_async (CivSession             *session,
                                     CivMarriageDesk        *desk,
                                     gpointer                source_object,
                                     const CivMarriageInput *input,
                                     GCancellable           *cancellable,
                                     GAsyncReadyCallback     callback,
                                     gpointer                user_data);
GPtrArray *civ_marriage_check_finish (CivSession *session, GAsyncResult *result, GError **error);

/* Registers or refuses @input (copied) as the registrar decided, with
 * @documents (CivDocumentInput, taken; may be NULL) stored in the same
 * transaction. */
void               civ_marriage_decide_async (CivSession             *session,
                                              CivMarriageDesk        *desk,
                                              gpointer                source_object,
                                              const CivMarriageInput *input,
                                              GPtrArray              *documents,
                                              CivMarriageDecision     decision,
                                              GCancellable           *cancellable,
                                              GAsyncReadyCallback     callback,
                                              gpointer                user_data);
CivMarriageResult *civ_marriage_decide_finish (CivSession   *session,
                                               GAsyncResult *result,
                                               GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivMarriageDesk, civ_marriage_desk_unref)

G_END_DECLS
