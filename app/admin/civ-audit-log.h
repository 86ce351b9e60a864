// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-audit-log.h — reading the audit log and checking its chain, for the
 * roles that view it (CIV_PERM_VIEW_AUDIT), and the overview's counts; one
 * job each on the session's worker */
#pragma once

#include <gio/gio.h>

#include "civ-session.h"

G_BEGIN_DECLS

/* One entry of the audit log as the application shows it. */
typedef struct
{
  gint64 seq;
  char  *time; /* ISO 8601 UTC */
  char  *actor;
  char  *action; /* the stable code, e.g. "login" */
  char  *object;
  char  *detail;
  /* As a person reads them: */
  char  *actor_name;  /* the operator's display name, else the login */
  char  *action_text; /* the action's label (civ_audit_action_label ()) */
  char  *object_text; /* a marriage record's certificate number and names, a
                       * record UUID shortened, else the object as written */
  char  *detail_text; /* the detail as labelled fields */
} CivAuditRecord;

void civ_audit_record_free (CivAuditRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivAuditRecord, civ_audit_record_free)

/* A batch of entries, newest first. */
typedef struct
{
  GPtrArray *records;  /* CivAuditRecord */
  gboolean   has_more; /* older entries remain */
} CivAuditBatch;

void civ_audit_batch_free (CivAuditBatch *batch);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivAuditBatch, civ_audit_batch_free)

/* At most @limit entries older than @before (0: from the newest). */
void           civ_audit_log_list_async (CivSession         *session,
                                         gpointer            source_object,
                                         gint64              before,
                                         guint               limit,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
CivAuditBatch *civ_audit_log_list_finish (CivSession   *session,
                                          GAsyncResult *result,
                                          GError      **error);

/* The chain check's verdict. A broken chain is a verdict, not an error;
 * an error means the check could not run. */
typedef struct
{
  gboolean intact;
  gint64   n_checked;
  gint64   first_broken; /* the seq of the first entry that does not verify */
  char    *reason;       /* why, when broken */
} CivAuditVerdict;

void civ_audit_verdict_free (CivAuditVerdict *verdict);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivAuditVerdict, civ_audit_verdict_free)

void             civ_audit_log_verify_async (CivSession         *session,
                                             gpointer            source_object,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data);
CivAuditVerdict *civ_audit_log_verify_finish (CivSession   *session,
                                              GAsyncResult *result,
                                              GError      **error);

/* The overview's counts: enabled operators and audit entries. */
typedef struct
{
  gint64 n_users;
  gint64 n_audit;
} CivOfficeCounts;

void     civ_office_counts_async (CivSession         *session,
                                  gpointer            source_object,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data);
gboolean civ_office_counts_finish (CivSession      *session,
                                   GAsyncResult    *result,
                                   CivOfficeCounts *counts,
                                   GError         **error);

G_END_DECLS
