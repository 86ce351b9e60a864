// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-province-refuse.c — the reference server's "front end that refuses
 * the client certificate" (docs/provincial-protocol.md §6, §7)
 *
 * Real provincial front ends refuse a workstation's certificate in several
 * ways; each one is reproduced here deterministically, with GnuTLS on a
 * plain socket, so that no test depends on a race between an alert and a
 * TCP reset:
 *
 *   alert:NAME          fail the handshake on the client certificate and
 *                       send that fatal TLS alert (bad-certificate,
 *                       unsupported-certificate, certificate-revoked,
 *                       certificate-expired, certificate-unknown, unknown-ca,
 *                       access-denied, certificate-required)
 *   close               fail the handshake and close without an alert (FIN)
 *   reset               fail the handshake and reset the connection (RST)
 *   nginx-400           finish the handshake, answer nginx's
 *                       "400 No required SSL certificate was sent" page
 *   nginx-400-cert-error  … nginx's "400 The SSL certificate error" page
 *   403, 495, 496       finish the handshake, answer with that status
 *
 * After an alert or a reply the server half-closes and reads what the
 * client still sends before it closes (as nginx's lingering close does):
 * the client always reads the alert or the reply before any reset.
 */
#include "civ-province-refuse.h"

#include <errno.h>
#include <gnutls/gnutls.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

typedef enum
{
  REFUSE_ALERT,
  REFUSE_CLOSE,
  REFUSE_RESET,
  REFUSE_HTTP,
} RefuseKind;

struct _CivProvinceRefuse
{
  RefuseKind                       kind;
  gnutls_alert_description_t       alert;
  int                              status;
  const char                      *reason;
  const char                      *body;
  gnutls_certificate_credentials_t creds;
  gnutls_priority_t                priority;
  int                              listen_fd;
  GThread                         *thread;
};

static const struct
{
  const char                *name;
  gnutls_alert_description_t alert;
} alerts[] = {
  { "bad-certificate", GNUTLS_A_BAD_CERTIFICATE },
  { "unsupported-certificate", GNUTLS_A_UNSUPPORTED_CERTIFICATE },
  { "certificate-revoked", GNUTLS_A_CERTIFICATE_REVOKED },
  { "certificate-expired", GNUTLS_A_CERTIFICATE_EXPIRED },
  { "certificate-unknown", GNUTLS_A_CERTIFICATE_UNKNOWN },
  { "unknown-ca", GNUTLS_A_UNKNOWN_CA },
  { "access-denied", GNUTLS_A_ACCESS_DENIED },
  { "certificate-required", GNUTLS_A_CERTIFICATE_REQUIRED },
};

/* nginx 1.22's pages for ssl_verify_client on (ngx_http_special_response.c). */
#define NGINX_PAGE(TITLE)                                                                          \
  "<html>\r\n<head><title>400 " TITLE "</title></head>\r\n<body>\r\n"                              \
  "<center><h1>400 Bad Request</h1></center>\r\n<center>" TITLE "</center>\r\n"                    \
  "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"

static gboolean
parse_mode (CivProvinceRefuse *r, const char *mode, GError **error)
{
  if (g_str_has_prefix (mode, "alert:"))
    {
      for (guint i = 0; i < G_N_ELEMENTS (alerts); i++)
        if (strcmp (mode + 6, alerts[i].name) == 0)
          {
            r->kind = REFUSE_ALERT;
            r->alert = alerts[i].alert;
            return TRUE;
          }
    }
  else if (strcmp (mode, "close") == 0)
    {
      r->kind = REFUSE_CLOSE;
      return TRUE;
    }
  else if (strcmp (mode, "reset") == 0)
    {
      r->kind = REFUSE_RESET;
      return TRUE;
    }
  else if (strcmp (mode, "nginx-400") == 0 || strcmp (mode, "nginx-400-cert-error") == 0)
    {
      r->kind = REFUSE_HTTP;
      r->status = 400;
      r->reason = "Bad Request";
      r->body = strcmp (mode, "nginx-400") == 0
                  ? NGINX_PAGE ("No required SSL certificate was sent")
                  : NGINX_PAGE ("The SSL certificate error");
      return TRUE;
    }
  else if (strcmp (mode, "403") == 0 || strcmp (mode, "495") == 0 || strcmp (mode, "496") == 0)
    {
      r->kind = REFUSE_HTTP;
      r->status = atoi (mode);
      r->reason = r->status == 403   ? "Forbidden"
                  : r->status == 495 ? "SSL Certificate Error"
                                     : "SSL Certificate Required";
      r->body = r->status == 403 ? "<html><body><h1>403 Forbidden</h1></body></html>\r\n"
                : r->status == 495
                  ? "<html><body><h1>495 SSL Certificate Error</h1></body></html>\r\n"
                  : "<html><body><h1>496 SSL Certificate Required</h1></body></html>\r\n";
      return TRUE;
    }
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               "unknown --refuse-client-cert mode “%s”", mode);
  return FALSE;
}

/* The client certificate is refused in the handshake in the alert, close
 * and reset modes; the HTTP modes let every client through. */
static int
verify_cb (gnutls_session_t session)
{
  CivProvinceRefuse *r = gnutls_session_get_ptr (session);

  return r->kind == REFUSE_HTTP ? 0 : -1;
}

/* Half-closes and reads what the client still sends (at most 3 s), so
 * that the client reads our last bytes before the connection goes away. */
static void
lingering_close (int fd)
{
  struct timeval tv = { 3, 0 };
  char           buf[4096];

  shutdown (fd, SHUT_WR);
  setsockopt (fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  while (read (fd, buf, sizeof buf) > 0)
    ;
  close (fd);
}

/* Reads the request head and its body (Content-Length) before answering. */
static void
read_request (gnutls_session_t session)
{
  g_autoptr (GString) in = g_string_new (NULL);
  char   buf[4096];
  gssize n;
  gsize  want = 0;
  char  *end;

  while ((end = strstr (in->str, "\r\n\r\n")) == NULL)
    {
      n = gnutls_record_recv (session, buf, sizeof buf);
      if (n <= 0 || in->len > 65536)
        return;
      g_string_append_len (in, buf, n);
    }
  {
    g_autofree char *lower = g_ascii_strdown (in->str, (gssize) (end - in->str));
    const char      *cl = strstr (lower, "\r\ncontent-length:");

    if (cl)
      want = (gsize) g_ascii_strtoull (cl + strlen ("\r\ncontent-length:"), NULL, 10);
  }
  for (gsize have = in->len - (gsize) (end + 4 - in->str); have < want; have += (gsize) n)
    {
      n = gnutls_record_recv (session, buf, sizeof buf);
      if (n <= 0)
        return;
    }
}

static void
serve (CivProvinceRefuse *r, int fd)
{
  gnutls_session_t session;
  int              rc;

  gnutls_init (&session, GNUTLS_SERVER);
  gnutls_session_set_ptr (session, r);
  gnutls_priority_set (session, r->priority);
  gnutls_credentials_set (session, GNUTLS_CRD_CERTIFICATE, r->creds);
  gnutls_certificate_server_set_request (session, r->kind == REFUSE_HTTP ? GNUTLS_CERT_REQUEST
                                                                         : GNUTLS_CERT_REQUIRE);
  gnutls_session_set_verify_function (session, verify_cb);
  gnutls_transport_set_int (session, fd);
  gnutls_handshake_set_timeout (session, 10000);
  do
    rc = gnutls_handshake (session);
  while (rc < 0 && !gnutls_error_is_fatal (rc));

  if (r->kind == REFUSE_HTTP && rc == 0)
    {
      g_autofree char *reply = NULL;

      read_request (session);
      reply = g_strdup_printf ("HTTP/1.1 %d %s\r\nServer: nginx\r\nContent-Type: text/html\r\n"
                               "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                               r->status, r->reason, strlen (r->body), r->body);
      gnutls_record_send (session, reply, strlen (reply));
      gnutls_bye (session, GNUTLS_SHUT_WR);
    }
  else if (r->kind == REFUSE_ALERT)
    gnutls_alert_send (session, GNUTLS_AL_FATAL, r->alert);
  g_printerr ("civreg-province: refused a client (%s)\n",
              rc == 0 ? "after the handshake" : gnutls_strerror (rc));
  gnutls_deinit (session);

  if (r->kind == REFUSE_RESET)
    {
      struct linger hard = { 1, 0 };

      setsockopt (fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
      close (fd);
    }
  else
    lingering_close (fd);
}

static gpointer
serve_thread (gpointer data)
{
  gpointer *args = data;

  serve (args[0], GPOINTER_TO_INT (args[1]));
  g_free (args);
  return NULL;
}

static gpointer
accept_thread (gpointer data)
{
  CivProvinceRefuse *r = data;

  for (;;)
    {
      int       fd = accept (r->listen_fd, NULL, NULL);
      gpointer *args;

      if (fd < 0)
        {
          if (errno == EINTR || errno == ECONNABORTED)
            continue;
          return NULL;
        }
      args = g_new (gpointer, 2);
      args[0] = r;
      args[1] = GINT_TO_POINTER (fd);
      g_thread_unref (g_thread_new ("refuse-client", serve_thread, args));
    }
}

CivProvinceRefuse *
civ_province_refuse_start (const char *mode,
                           const char *cert_file,
                           const char *key_file,
                           gboolean    tls12_only,
                           int        *port,
                           GError    **error)
{
  g_autofree CivProvinceRefuse *r = g_new0 (CivProvinceRefuse, 1);
  struct sockaddr_in            addr = { 0 };
  socklen_t                     len = sizeof addr;
  int                           rc;

  if (!parse_mode (r, mode, error))
    return NULL;
  gnutls_certificate_allocate_credentials (&r->creds);
  rc = gnutls_certificate_set_x509_key_file (r->creds, cert_file, key_file, GNUTLS_X509_FMT_PEM);
  if (rc >= 0)
    rc = gnutls_priority_init (&r->priority,
                               tls12_only ? "NORMAL:-VERS-ALL:+VERS-TLS1.2" : "NORMAL", NULL);
  if (rc < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "TLS set-up: %s", gnutls_strerror (rc));
      gnutls_certificate_free_credentials (r->creds);
      return NULL;
    }
  r->listen_fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (r->listen_fd >= 0)
    setsockopt (r->listen_fd, SOL_SOCKET, SO_REUSEADDR, &(int){ 1 }, sizeof (int));
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  addr.sin_port = htons ((guint16) *port);
  if (r->listen_fd < 0 || bind (r->listen_fd, (struct sockaddr *) &addr, sizeof addr) < 0 ||
      listen (r->listen_fd, 16) < 0 ||
      getsockname (r->listen_fd, (struct sockaddr *) &addr, &len) < 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "listen: %s",
                   g_strerror (errno));
      if (r->listen_fd >= 0)
        close (r->listen_fd);
      gnutls_priority_deinit (r->priority);
      gnutls_certificate_free_credentials (r->creds);
      return NULL;
    }
  *port = ntohs (addr.sin_port);
  r->thread = g_thread_new ("refuse-accept", accept_thread, r);
  return g_steal_pointer (&r);
}
