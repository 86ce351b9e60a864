// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-report-http-private.h — one libcurl handle configured for the
 * province: https only, TLS ≥ 1.2, the enrolled CA (never the system
 * store), optional pins, the client certificate and key as in-memory blobs
 */
#pragma once

#include <gio/gio.h>

#include "civ-report-store.h"

G_BEGIN_DECLS

typedef struct _CivReportClient CivReportClient;

/* What a request came to, decided from facts (the TLS alert received, the
 * curl code, whether the connection was new, the HTTP answer), never from
 * timing (protocol §6). */
typedef enum
{
  CIV_REPORT_CAUSE_NONE,        /* an HTTP answer */
  CIV_REPORT_CAUSE_TRANSPORT,   /* timeout, refused, unreachable, a reused connection dropped */
  CIV_REPORT_CAUSE_CLOSED,      /* a new connection closed or reset during or right after the
                                 * handshake, without a TLS alert and without an answer */
  CIV_REPORT_CAUSE_SERVER_CERT, /* the province's certificate or pin does not verify */
  CIV_REPORT_CAUSE_LOCAL_CERT,  /* our own certificate or key cannot be used */
  CIV_REPORT_CAUSE_CERT_ALERT,  /* a TLS alert about our certificate */
  CIV_REPORT_CAUSE_CERT_HTTP, /* a front end's answer about our certificate (400, 403, 495, 496) */
} CivReportCause;

typedef struct
{
  long           status;      /* HTTP status */
  GBytes        *body;        /* the reply body */
  gint64         retry_after; /* seconds, -1 when absent */
  CivReportCause cause;       /* NONE with an answer; why not otherwise */
  int            alert;       /* the TLS alert description received, -1 when none */
} CivReportReply;

/* The TLS alerts (RFC 8446 §6.2) by which a server refuses a client
 * certificate. */
gboolean    _civ_report_alert_is_client_cert (int alert);
/* "unknown CA", "certificate revoked", …; NULL for an unknown number. */
const char *_civ_report_alert_name (int alert);

/* The decision itself, pure, for the unit tests: @curl_code is the
 * CURLcode, @alert the alert received (-1: none), @fresh whether the
 * transfer opened a new connection, @status and @body the answer when
 * @curl_code is 0, @errtext curl's error text (used only for TLS backends
 * that do not report alerts through the debug callback). */
CivReportCause _civ_report_classify (int         curl_code,
                                     int        *alert,
                                     gboolean    fresh,
                                     long        status,
                                     const char *body,
                                     gsize       body_len,
                                     const char *errtext);

/* A front end's page about the client certificate ("No required SSL
 * certificate was sent"), or NULL. */
const char *_civ_report_cert_page_reason (const char *body, gsize body_len);

void _civ_report_reply_clear (CivReportReply *reply);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CivReportReply, _civ_report_reply_clear)

CivReportClient *_civ_report_client_new (const CivReportEnrollment *e, int timeout_ms);
void             _civ_report_client_free (CivReportClient *client);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivReportClient, _civ_report_client_free)

/* While set, cancelling @cancellable aborts the transfer in flight. */
void _civ_report_client_set_cancellable (CivReportClient *client, GCancellable *cancellable);

/* Performs one request (POST when @body is not NULL, GET otherwise). A reply
 * with any HTTP status but a front end's refusal of our certificate is TRUE.
 * FALSE with CIV_REPORT_ERROR_SECURITY for the causes SERVER_CERT,
 * LOCAL_CERT, CERT_ALERT and CERT_HTTP, CIV_REPORT_ERROR_TRANSPORT for
 * TRANSPORT and CLOSED; @reply->cause says which. */
gboolean _civ_report_client_request (CivReportClient   *client,
                                     const char        *path,
                                     const char *const *headers,
                                     const void        *body,
                                     gsize              body_len,
                                     CivReportReply    *reply,
                                     GError           **error);

G_END_DECLS
