// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-record-tasks.h — a registered record and what may follow it, as jobs
 * on the session's worker: read it with its history, and the record
 * actions (reissue, court judgment, registry annulment, correction, void
 * of a print; civ-record-actions.h says which a record allows)
 */
#pragma once

#include <gio/gio.h>

#include "civ-record-actions.h"
#include "civ-record-query.h"
#include "civ-record-service.h"
#include "civ-session.h"

G_BEGIN_DECLS

/* The marriage record @key (record id or certificate number) with every
 * version. The finish returns NULL without an error when there is no such
 * record in this office. */
void               civ_record_load_async (CivSession         *session,
                                          gpointer            source_object,
                                          const char         *key,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);
CivMarriageRecord *civ_record_load_finish (CivSession   *session,
                                           GAsyncResult *result,
                                           GError      **error);

/* One record action as the registrar asked for it. */
typedef struct
{
  CivRecordAction action;
  char           *key;      /* the record id or certificate number */
  int             kind;     /* CivReissueKind, CivJudgmentKind or CivCorrectionField */
  char           *text;     /* a correction's new value */
  char           *document; /* court document or decision number; blank serial for a void */
  char           *archive_no;
  char           *reason;
  char           *approver; /* NULL: no approver (a supervisor voids a print alone) */
  char           *password; /* the approver's; zeroed when the request is freed */
  GDate           date;     /* the judgment's or annulment's date; a reissue's "today" */
} CivRecordRequest;

CivRecordRequest *civ_record_request_new (CivRecordAction action, const char *key);
void              civ_record_request_free (CivRecordRequest *request);

/* Runs @request (taken) through its service: civ_marriage_reissue (),
 * civ_marriage_court_judgment (), civ_marriage_registry_annulment (),
 * civ_marriage_correct () or civ_record_void_print (). A refusal carries
 * its rule id. The finish gives a reissue's new number in @number. */
void     civ_record_request_async (CivSession         *session,
                                   gpointer            source_object,
                                   CivRecordRequest   *request,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data);
gboolean civ_record_request_finish (CivSession   *session,
                                    GAsyncResult *result,
                                    char        **number,
                                    GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivRecordRequest, civ_record_request_free)

G_END_DECLS
