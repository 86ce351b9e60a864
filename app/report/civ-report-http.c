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
  CURL       *curl;
  char       *base_url;
  GByteArray *buf;
  char        errbuf[CURL_ERROR_SIZE];
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
  return c;
}

void
_civ_report_client_free (CivReportClient *c)
{
  if (c == NULL)
    return;
  curl_easy_cleanup (c->curl);
  g_byte_array_unref (c->buf);
  g_free (c->base_url);
  g_free (c);
}

/* A TLS alert from the server about our certificate: it does not accept
 * the client certificate (or we sent none). */
static gboolean
client_cert_rejected (CURLcode code, const char *msg)
{
  g_autofree char *lower = g_ascii_strdown (msg, -1);

  if (code != CURLE_RECV_ERROR && code != CURLE_SSL_CONNECT_ERROR && code != CURLE_SEND_ERROR)
    return FALSE;
  return strstr (lower, "alert") != NULL &&
         (strstr (lower, "certificate") != NULL || strstr (lower, "unknown ca") != NULL ||
          strstr (lower, "access denied") != NULL);
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
  gboolean           fresh_reset = FALSE;

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

  rc = curl_easy_perform (c->curl);
  if (rc == CURLE_RECV_ERROR && !client_cert_rejected (rc, c->errbuf))
    {
      /* glib-networking and other servers close a TLS 1.3 connection
       * without an alert when they refuse the client certificate. A reset
       * on a fresh connection twice in a row is taken as that refusal. */
      g_byte_array_set_size (c->buf, 0);
      c->errbuf[0] = '\0';
      curl_easy_setopt (c->curl, CURLOPT_FRESH_CONNECT, 1L);
      rc = curl_easy_perform (c->curl);
      curl_easy_setopt (c->curl, CURLOPT_FRESH_CONNECT, 0L);
      if (rc == CURLE_RECV_ERROR)
        fresh_reset = TRUE;
    }
  curl_easy_setopt (c->curl, CURLOPT_HTTPHEADER, NULL);
  curl_slist_free_all (list);
  msg = c->errbuf[0] ? c->errbuf : curl_easy_strerror (rc);

  if (rc != CURLE_OK)
    {
      gboolean security = rc == CURLE_PEER_FAILED_VERIFICATION ||
                          rc == CURLE_SSL_PINNEDPUBKEYNOTMATCH || rc == CURLE_SSL_CERTPROBLEM ||
                          rc == CURLE_SSL_CACERT_BADFILE || rc == CURLE_SSL_ISSUER_ERROR ||
                          client_cert_rejected (rc, msg) || fresh_reset;

      g_set_error (error, CIV_REPORT_ERROR,
                   security ? CIV_REPORT_ERROR_SECURITY : CIV_REPORT_ERROR_TRANSPORT, "curl %d: %s",
                   (int) rc, msg);
      return FALSE;
    }
  curl_easy_getinfo (c->curl, CURLINFO_RESPONSE_CODE, &reply->status);
  reply->retry_after = -1;
  if (curl_easy_getinfo (c->curl, CURLINFO_RETRY_AFTER, &retry_after) == CURLE_OK &&
      retry_after > 0)
    reply->retry_after = (gint64) retry_after;
  reply->body = g_bytes_new (c->buf->data, c->buf->len);
  return TRUE;
}
