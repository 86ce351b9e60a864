// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-report-service.h — what the windows ask of the reporting to the
 * province, one job each on the session's worker: the reports page's
 * listing and its "Retry Now", the header bar's summary, and enrolling the
 * workstation (docs/provincial-protocol.md) */
#pragma once

#include <gio/gio.h>

#include "civ-report.h"
#include "civ-session.h"

G_BEGIN_DECLS

/* Open reports listed in full up to this many; deliveries, the newest. */
#define CIV_REPORT_LISTING_OPEN_LIMIT 1000
#define CIV_REPORT_LISTING_DELIVERED_LIMIT 50

/* The reports page: the enrollment without its keys, the counts and the
 * rows (CivOutboxRow: parked, then pending, oldest first, then the latest
 * deliveries). Needs CIV_PERM_MANAGE_REPORTING. */
typedef struct
{
  gboolean   enrolled;
  char      *server_url;
  char      *pins;
  char      *enrolled_at;
  char      *enrolled_by;
  char      *signing_public;
  char      *workstation_id;
  char      *last_delivery_at;
  gint64     pending, parked, delivered;
  GPtrArray *rows;
  char      *numbers; /* where certificate numbers come from (civ_numbers_describe) */
} CivReportListing;

void civ_report_listing_free (CivReportListing *listing);

/* What people know a report by: the certificate number in its payload and,
 * when the payload has them, the parties' names ("J110101-2024-000001 ·
 * 王强、赵敏"); NULL when the payload names no certificate (then show the
 * record id). */
char *civ_report_row_reference (const CivOutboxRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivReportListing, civ_report_listing_free)

void              civ_report_listing_async (CivSession         *session,
                                            gpointer            source_object,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data);
CivReportListing *civ_report_listing_finish (CivSession   *session,
                                             GAsyncResult *result,
                                             GError      **error);

/* Parked → pending for @id, or every parked report when @id is 0
 * (civ_report_requeue()); the number requeued. */
void     civ_report_requeue_async (CivSession         *session,
                                   gpointer            source_object,
                                   gint64              id,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data);
gboolean civ_report_requeue_finish (CivSession   *session,
                                    GAsyncResult *result,
                                    guint        *n_requeued,
                                    GError      **error);

/* The header bar: enrolled or not, counts, the last delivery and the last
 * error of the oldest report due. Needs CIV_PERM_SEND_REPORTS. */
typedef struct
{
  gboolean enrolled;
  gint64   pending;
  gint64   parked;
  gint64   delivered;
  char    *last_delivery_at;
  char    *last_error;
} CivReportSummary;

void civ_report_summary_free (CivReportSummary *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivReportSummary, civ_report_summary_free)

/* The summary on the database's thread (CIV_PERM_SEND_REPORTS); the
 * adoption reports are left out of the counts for an operator who may not
 * see adoptions (R-A13). */
CivReportSummary *civ_report_summary_read (CivStore *store, GError **error);
void              civ_report_summary_async (CivSession         *session,
                                            gpointer            source_object,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data);
CivReportSummary *civ_report_summary_finish (CivSession   *session,
                                             GAsyncResult *result,
                                             GError      **error);

/* Enrolls the workstation (civ_report_enroll()); the files are read on the
 * worker, @input->p12_password is copied and wiped after use. Finishes with
 * "WORKSTATION-ID PUBLIC-KEY", the line the province needs. */
void  civ_report_enroll_async (CivSession                 *session,
                               gpointer                    source_object,
                               const CivReportEnrollInput *input,
                               gboolean                    keep_signing_key,
                               GCancellable               *cancellable,
                               GAsyncReadyCallback         callback,
                               gpointer                    user_data);
char *civ_report_enroll_finish (CivSession *session, GAsyncResult *result, GError **error);

G_END_DECLS
