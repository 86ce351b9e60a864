/* civ-report-http-private.h — one libcurl handle configured for the
 * province: https only, TLS ≥ 1.2, the enrolled CA (never the system
 * store), optional pins, the client certificate and key as in-memory blobs
 */
#pragma once

#include "civ-report-store.h"

G_BEGIN_DECLS

typedef struct _CivReportClient CivReportClient;

typedef struct
{
  long    status;      /* HTTP status */
  GBytes *body;        /* the reply body */
  gint64  retry_after; /* seconds, -1 when absent */
} CivReportReply;

void _civ_report_reply_clear (CivReportReply *reply);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CivReportReply, _civ_report_reply_clear)

CivReportClient *_civ_report_client_new (const CivReportEnrollment *e, int timeout_ms);
void             _civ_report_client_free (CivReportClient *client);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivReportClient, _civ_report_client_free)

/* Performs one request (POST when @body is not NULL, GET otherwise). A reply
 * with any HTTP status is TRUE; FALSE with CIV_REPORT_ERROR_SECURITY for
 * certificate, pin and client-certificate failures (curl 60, 90, 58, 77, 83,
 * 35/56 with a TLS alert about our certificate), CIV_REPORT_ERROR_TRANSPORT
 * for everything else (timeouts, refused or dropped connections). */
gboolean _civ_report_client_request (CivReportClient   *client,
                                     const char        *path,
                                     const char *const *headers,
                                     const void        *body,
                                     gsize              body_len,
                                     CivReportReply    *reply,
                                     GError           **error);

G_END_DECLS
