// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-report-http.c — the libcurl transport to the province */
#include "civ-report-http-private.h"

#include "civ-config.h"

#include <curl/curl.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "civ-report.h"

/* Replies larger than this are refused (protocol §3). */
#define MAX_REPLY (16 * 1024 * 1024)

struct _CivReportClient
{
  CURL         *curl;
  char         *base_url;
  GByteArray   *buf;
  char          errbuf[CURL_ERROR_SIZE];
  int           alert; /* the last TLS alert received in this transfer, -1 none */
  GCancellable *cancellable;
};

void
_civ_report_reply_clear (CivReportReply *reply)
{
  g_clear_pointer (&reply->body, g_bytes_unref);
}

static gsize
on_write (char *data, gsize size, gsize n, gpointer user_data)
{
  GByteArray *buf = user_data;

  if (buf->len + size * n > MAX_REPLY)
    return 0;
  g_byte_array_append (buf, (const guint8 *) data, (guint) (size * n));
  return size * n;
}

/* With CURLOPT_VERBOSE, libcurl's OpenSSL backend reports every TLS record
 * it reads, alerts as "TLSv1.3 (IN), TLS alert, unknown CA (560):" where
 * the number is level × 256 + description. That line is the fact the
 * classification rests on; the rest of the verbose text is ignored and
 * never logged. */
static int
on_debug (CURL *handle, curl_infotype type, char *data, size_t size, void *user_data)
{
  CivReportClient *c = user_data;
  const char      *tag = "(IN), TLS alert, ";
  g_autofree char *line = NULL;
  const char      *open;

  if (type != CURLINFO_TEXT || size < strlen (tag) || size > 512)
    return 0;
  line = g_strndup (data, size);
  if (strstr (line, tag) == NULL || (open = strrchr (line, '(')) == NULL)
    return 0;
  {
    guint64 v = g_ascii_strtoull (open + 1, NULL, 10);
    int     description = (int) (v & 0xff);

    if (description != 0) /* close_notify is no refusal */
      c->alert = description;
  }
  return 0;
}

/* Called by libcurl about once a second and on progress: a lock or a
 * log-out aborts the transfer (CURLE_ABORTED_BY_CALLBACK). */
static int
on_progress (
  void *user_data, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow)
{
  CivReportClient *c = user_data;

  return c->cancellable && g_cancellable_is_cancelled (c->cancellable) ? 1 : 0;
}

void
_civ_report_client_set_cancellable (CivReportClient *c, GCancellable *cancellable)
{
  g_set_object (&c->cancellable, cancellable);
}

static void
global_init_once (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      curl_global_init (CURL_GLOBAL_DEFAULT);
      g_once_init_leave (&done, 1);
    }
}

CivReportClient *
_civ_report_client_new (const CivReportEnrollment *e, int timeout_ms)
{
  CivReportClient *c = g_new0 (CivReportClient, 1);
  struct curl_blob ca = { e->ca_pem, strlen (e->ca_pem), CURL_BLOB_COPY };
  struct curl_blob cert = { e->client_cert_pem, strlen (e->client_cert_pem), CURL_BLOB_COPY };
  struct curl_blob key = { e->client_key_pem, strlen (e->client_key_pem), CURL_BLOB_COPY };

  global_init_once ();
  c->curl = curl_easy_init ();
  c->buf = g_byte_array_new ();
  c->base_url = g_strdup (e->server_url);
  while (g_str_has_suffix (c->base_url, "/"))
    c->base_url[strlen (c->base_url) - 1] = '\0';
  if (timeout_ms <= 0)
    timeout_ms = e->timeout_ms > 0 ? e->timeout_ms : 30000;

  curl_easy_setopt (c->curl, CURLOPT_PROTOCOLS_STR, "https");
  curl_easy_setopt (c->curl, CURLOPT_REDIR_PROTOCOLS_STR, "https");
  curl_easy_setopt (c->curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt (c->curl, CURLOPT_PROXY, "");
  curl_easy_setopt (c->curl, CURLOPT_SSLVERSION, (long) CURL_SSLVERSION_TLSv1_2);
  curl_easy_setopt (c->curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt (c->curl, CURLOPT_SSL_VERIFYHOST, 2L);
  /* Only the provincial CA: no system bundle, no system directory. */
  curl_easy_setopt (c->curl, CURLOPT_CAINFO, NULL);
  curl_easy_setopt (c->curl, CURLOPT_CAPATH, NULL);
  curl_easy_setopt (c->curl, CURLOPT_CAINFO_BLOB, &ca);
  curl_easy_setopt (c->curl, CURLOPT_SSLCERTTYPE, "PEM");
  curl_easy_setopt (c->curl, CURLOPT_SSLCERT_BLOB, &cert);
  curl_easy_setopt (c->curl, CURLOPT_SSLKEYTYPE, "PEM");
  curl_easy_setopt (c->curl, CURLOPT_SSLKEY_BLOB, &key);
  if (e->pins && *e->pins)
    curl_easy_setopt (c->curl, CURLOPT_PINNEDPUBLICKEY, e->pins);
  curl_easy_setopt (c->curl, CURLOPT_TIMEOUT_MS, (long) timeout_ms);
  curl_easy_setopt (c->curl, CURLOPT_CONNECTTIMEOUT_MS, (long) MIN (timeout_ms, 10000));
  curl_easy_setopt (c->curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (c->curl, CURLOPT_ERRORBUFFER, c->errbuf);
  curl_easy_setopt (c->curl, CURLOPT_WRITEFUNCTION, on_write);
  curl_easy_setopt (c->curl, CURLOPT_WRITEDATA, c->buf);
  curl_easy_setopt (c->curl, CURLOPT_USERAGENT, "civreg/" CIV_VERSION);
  curl_easy_setopt (c->curl, CURLOPT_DEBUGFUNCTION, on_debug);
  curl_easy_setopt (c->curl, CURLOPT_DEBUGDATA, c);
  curl_easy_setopt (c->curl, CURLOPT_VERBOSE, 1L);
  curl_easy_setopt (c->curl, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt (c->curl, CURLOPT_XFERINFODATA, c);
  curl_easy_setopt (c->curl, CURLOPT_NOPROGRESS, 0L);
  return c;
}

void
_civ_report_client_free (CivReportClient *c)
{
  if (c == NULL)
    return;
  curl_easy_cleanup (c->curl);
  g_clear_object (&c->cancellable);
  g_byte_array_unref (c->buf);
  g_free (c->base_url);
  g_free (c);
}

static const struct
{
  int         alert;
  const char *name; /* as OpenSSL and GnuTLS spell it in their error text */
  const char *label;
} client_cert_alerts[] = {
  { 42, "bad certificate", N_ ("bad certificate") },
  { 43, "unsupported certificate", N_ ("unsupported certificate") },
  { 44, "certificate revoked", N_ ("certificate revoked") },
  { 45, "certificate expired", N_ ("certificate expired") },
  { 46, "certificate unknown", N_ ("certificate unknown") },
  { 48, "unknown ca", N_ ("unknown CA") },
  { 49, "access denied", N_ ("access denied") },
  { 116, "certificate required", N_ ("certificate required") },
};

gboolean
_civ_report_alert_is_client_cert (int alert)
{
  return _civ_report_alert_name (alert) != NULL;
}

const char *
_civ_report_alert_name (int alert)
{
  for (guint i = 0; i < G_N_ELEMENTS (client_cert_alerts); i++)
    if (client_cert_alerts[i].alert == alert)
      return _ (client_cert_alerts[i].label);
  return NULL;
}

/* For TLS backends whose alerts do not reach the debug callback: the
 * alert named in the error text ("tlsv1 alert unknown ca"). */
static int
alert_from_text (const char *errtext)
{
  g_autofree char *lower = g_ascii_strdown (errtext ? errtext : "", -1);
  const char      *at = strstr (lower, "alert");

  if (at == NULL)
    return -1;
  for (guint i = 0; i < G_N_ELEMENTS (client_cert_alerts); i++)
    if (strstr (at, client_cert_alerts[i].name))
      return client_cert_alerts[i].alert;
  return -1;
}

const char *
_civ_report_cert_page_reason (const char *body, gsize body_len)
{
  static const char *const pages[] = {
    "No required SSL certificate was sent", /* nginx, ssl_verify_client on */
    "The SSL certificate error",            /* nginx, a certificate that does not verify */
    "SSL certificate error",
    "SSL certificate required",
  };
  g_autofree char *text = NULL;

  if (body == NULL || body_len == 0)
    return NULL;
  text = g_ascii_strdown (body, (gssize) MIN (body_len, 4096));
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *needle = g_ascii_strdown (pages[i], -1);
      if (strstr (text, needle))
        return pages[i];
    }
  return NULL;
}

CivReportCause
_civ_report_classify (int         curl_code,
                      int        *alert,
                      gboolean    fresh,
                      long        status,
                      const char *body,
                      gsize       body_len,
                      const char *errtext)
{
  CURLcode rc = (CURLcode) curl_code;

  if (*alert < 0 && rc != CURLE_OK)
    *alert = alert_from_text (errtext);
  if (rc == CURLE_OK)
    {
      /* Front ends that check the client certificate answer after the
       * handshake: nginx 400 with its page, 495/496, or 403. */
      if (status == 495 || status == 496 || status == 403 ||
          (status == 400 && _civ_report_cert_page_reason (body, body_len)))
        return CIV_REPORT_CAUSE_CERT_HTTP;
      return CIV_REPORT_CAUSE_NONE;
    }
  if (_civ_report_alert_is_client_cert (*alert))
    return CIV_REPORT_CAUSE_CERT_ALERT;
  switch (rc)
    {
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_CRL_BADFILE:
      return CIV_REPORT_CAUSE_SERVER_CERT;
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_CIPHER:
      return CIV_REPORT_CAUSE_LOCAL_CERT;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
      /* Closed or reset in or right after the handshake, no alert: only a
       * new connection says something about the province's view of us (a
       * reused one may simply have been idle too long). */
      return fresh ? CIV_REPORT_CAUSE_CLOSED : CIV_REPORT_CAUSE_TRANSPORT;
    default:
      return CIV_REPORT_CAUSE_TRANSPORT;
    }
}

gboolean
_civ_report_client_request (CivReportClient   *c,
                            const char        *path,
                            const char *const *headers,
                            const void        *body,
                            gsize              body_len,
                            CivReportReply    *reply,
                            GError           **error)
{
  g_autofree char   *url = g_strconcat (c->base_url, path, NULL);
  struct curl_slist *list = NULL;
  curl_off_t         retry_after = 0;
  CURLcode           rc;
  const char        *msg;
  long               new_connects = 0;

  g_byte_array_set_size (c->buf, 0);
  c->errbuf[0] = '\0';
  for (guint i = 0; headers && headers[i]; i++)
    list = curl_slist_append (list, headers[i]);
  if (body)
    list = curl_slist_append (list, "Content-Type: application/json");
  list = curl_slist_append (list, "Expect:");
  curl_easy_setopt (c->curl, CURLOPT_URL, url);
  curl_easy_setopt (c->curl, CURLOPT_HTTPHEADER, list);
  if (body)
    {
      curl_easy_setopt (c->curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) body_len);
      curl_easy_setopt (c->curl, CURLOPT_POSTFIELDS, body);
    }
  else
    curl_easy_setopt (c->curl, CURLOPT_HTTPGET, 1L);

  c->alert = -1;
  rc = curl_easy_perform (c->curl);
  curl_easy_setopt (c->curl, CURLOPT_HTTPHEADER, NULL);
  curl_slist_free_all (list);
  msg = c->errbuf[0] ? c->errbuf : curl_easy_strerror (rc);
  curl_easy_getinfo (c->curl, CURLINFO_NUM_CONNECTS, &new_connects);
  reply->alert = c->alert;
  reply->status = 0;
  if (rc == CURLE_OK)
    curl_easy_getinfo (c->curl, CURLINFO_RESPONSE_CODE, &reply->status);
  reply->cause = _civ_report_classify ((int) rc, &reply->alert, new_connects > 0, reply->status,
                                       (const char *) c->buf->data, c->buf->len, msg);

  switch (reply->cause)
    {
    case CIV_REPORT_CAUSE_NONE:
      break;
    case CIV_REPORT_CAUSE_CERT_ALERT:
      g_set_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_SECURITY,
                   _ ("The province refused this workstation's client certificate (TLS alert: %s)"),
                   _civ_report_alert_name (reply->alert));
      return FALSE;
    case CIV_REPORT_CAUSE_CERT_HTTP:
      {
        const char *page = _civ_report_cert_page_reason ((const char *) c->buf->data, c->buf->len);

        g_set_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_SECURITY,
                     _ ("The province's front end refused this workstation's client certificate "
                        "(HTTP %ld%s%s)"),
                     reply->status, page ? ": " : "", page ? page : "");
        return FALSE;
      }
    case CIV_REPORT_CAUSE_SERVER_CERT:
    case CIV_REPORT_CAUSE_LOCAL_CERT:
      g_set_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_SECURITY, "curl %d: %s", (int) rc,
                   msg);
      return FALSE;
    case CIV_REPORT_CAUSE_TRANSPORT:
    case CIV_REPORT_CAUSE_CLOSED:
      g_set_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_TRANSPORT, "curl %d: %s", (int) rc,
                   msg);
      return FALSE;
    }
  reply->retry_after = -1;
  if (curl_easy_getinfo (c->curl, CURLINFO_RETRY_AFTER, &retry_after) == CURLE_OK &&
      retry_after > 0)
    reply->retry_after = (gint64) retry_after;
  reply->body = g_bytes_new (c->buf->data, c->buf->len);
  return TRUE;
}
