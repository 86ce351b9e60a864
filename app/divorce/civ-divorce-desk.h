// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-divorce-desk.h — one step at the divorce counter as a job on the
 * session's worker: find the marriage, accept an application (R-D1…R-D5),
 * withdraw it (R-D5) or issue the certificate (R-D7). Before any step,
 * every window that has passed is applied (R-D6); after it, the marriage
 * and its application are read again, so the counter shows what is stored.
 */
#pragma once

#include <gio/gio.h>

#include "civ-divorce-service.h"
#include "civ-divorce-store.h"
#include "civ-record-query.h"
#include "civ-session.h"

G_BEGIN_DECLS

typedef enum
{
  CIV_DIVORCE_STEP_FIND,
  CIV_DIVORCE_STEP_ACCEPT,
  CIV_DIVORCE_STEP_WITHDRAW,
  CIV_DIVORCE_STEP_ISSUE,
} CivDivorceStepKind;

typedef struct
{
  CivDivorceStepKind    step;
  char                 *key; /* the marriage certificate number looked up */
  GDate                 today;
  CivDivorceApplication application;   /* ACCEPT; its agreement_ref is agreement_ref */
  char                 *agreement_ref; /* ACCEPT */
  char                 *record_id;     /* WITHDRAW, ISSUE: the application */
  guint                 party;         /* WITHDRAW: 0 or 1 */
  gboolean              both_present;  /* ISSUE */
  gboolean              consent;       /* ISSUE */
} CivDivorceRequest;

CivDivorceRequest *civ_divorce_request_new (CivDivorceStepKind step,
                                            const char        *key,
                                            const GDate       *today);
void               civ_divorce_request_free (CivDivorceRequest *request);

typedef struct
{
  CivMarriageRecord *marriage; /* NULL when not found */
  CivDivorceView    *view;     /* NULL when there is no application */
  GPtrArray         *steps;    /* CivDivorceStep of the application, oldest first, who did each
                                * by display name; empty when there is none */
  CivDivorceResult  *issued;   /* ISSUE: what issuing returned */
  guint              lapsed;   /* applications that lapsed first (R-D6) */
} CivDivorceOutcome;

void civ_divorce_outcome_free (CivDivorceOutcome *outcome);

/* Runs @request (taken). */
void               civ_divorce_step_async (CivSession         *session,
                                           gpointer            source_object,
                                           CivDivorceRequest  *request,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
CivDivorceOutcome *civ_divorce_step_finish (CivSession   *session,
                                            GAsyncResult *result,
                                            GError      **error);

/* Takes the application accepted at another window of the office that
 * @key names (a marriage certificate number, a spouse's identity number or
 * the application number) and imports it here (R-D6,
 * civ_report_divorce_take()): the request to the province runs off the
 * worker. The result is the record id of the application's marriage. */
void  civ_divorce_take_async (CivSession         *session,
                              gpointer            source_object,
                              const char         *key,
                              const GDate        *today,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data);
char *civ_divorce_take_finish (CivSession *session, GAsyncResult *result, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivDivorceRequest, civ_divorce_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivDivorceOutcome, civ_divorce_outcome_free)

G_END_DECLS
