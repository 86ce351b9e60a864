// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-report-alarm-private.h — one decision for every failed request to
 * the province: answer, retry, or security alarm (protocol §6) */
#pragma once

#include "civ-report-http-private.h"
#include "civ-report.h"

G_BEGIN_DECLS

typedef enum
{
  CIV_REPORT_VERDICT_ANSWER,      /* the province answered */
  CIV_REPORT_VERDICT_RETRY,       /* a transport error: retry with backoff */
  CIV_REPORT_VERDICT_ALARM,       /* security alarm: hold the reports back */
  CIV_REPORT_VERDICT_ALARM_RETRY, /* the province refuses connections: alarm, keep retrying */
} CivReportVerdict;

/* Judges @reply (and the request's @error, which it may rewrite to
 * CIV_REPORT_ERROR_SECURITY with the alarm's text), audits the alarm
 * ("report.security-alarm", the cause, the alert or status and the local
 * certificate's dates as fields) and keeps the run of closed connections.
 * Runs on the thread that owns @store's connection. */
CivReportVerdict _civ_report_judge (CivStore                  *store,
                                    const CivReportEnrollment *e,
                                    const CivReportReply      *reply,
                                    GError                   **error);

/* What the workstation's own certificate says at @now: expired, not yet
 * valid, or valid until a date (for the alarm text). */
char *_civ_report_local_cert_note (const char *cert_pem, GDateTime *now);

/* New connections closed without an alert in a row so far. */
int _civ_report_reset_streak (CivStore *store);

G_END_DECLS
