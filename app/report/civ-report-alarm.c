// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-report-alarm.c — what a failed request to the province means, in one
 * place for the sender and the online checks (docs/provincial-protocol.md §6)
 *
 * A refusal of our certificate (a TLS alert, a front end's page or status)
 * or a certificate that does not verify raises the security alarm at once,
 * with what the workstation's own certificate says about its dates. A new
 * connection closed without an alert is a transport error, retried with
 * backoff; CIV_REPORT_RESET_ALARM_AFTER of them in a row (each one a
 * separate attempt, spread over the backoff) raise the "province refuses
 * connections" alarm. Any answer from the province ends the run.
 */
#include "civ-report-alarm-private.h"

#include <glib/gi18n-lib.h>
#include <gnutls/x509.h>
#include <string.h>

#include "civ-json.h"

#define STREAK_SETTING "report_reset_streak"

char *
_civ_report_local_cert_note (const char *cert_pem, GDateTime *now)
{
  gnutls_x509_crt_t crt = NULL;
  gnutls_datum_t    d = { (unsigned char *) cert_pem, (unsigned int) strlen (cert_pem) };
  char             *note = NULL;

  gnutls_x509_crt_init (&crt);
  if (gnutls_x509_crt_import (crt, &d, GNUTLS_X509_FMT_PEM) < 0)
    note = g_strdup (_ ("This workstation's own certificate cannot be read; enroll it again."));
  else
    {
      gint64 not_before = (gint64) gnutls_x509_crt_get_activation_time (crt);
      gint64 not_after = (gint64) gnutls_x509_crt_get_expiration_time (crt);
      gint64 t = g_date_time_to_unix (now);
      g_autoptr (GDateTime) nb = g_date_time_new_from_unix_utc (not_before);
      g_autoptr (GDateTime) na = g_date_time_new_from_unix_utc (not_after);
      g_autofree char *nb_text = nb ? g_date_time_format (nb, "%Y-%m-%d %H:%M UTC") : NULL;
      g_autofree char *na_text = na ? g_date_time_format (na, "%Y-%m-%d %H:%M UTC") : NULL;

      if (t > not_after)
        note = g_strdup_printf (_ ("This workstation's certificate expired on %s: ask the province "
                                   "for a new one."),
                                na_text);
      else if (t < not_before)
        note = g_strdup_printf (_ ("This workstation's certificate is not valid before %s: check "
                                   "the workstation's clock."),
                                nb_text);
      else
        note = g_strdup_printf (_ ("This workstation's certificate is valid until %s; ask the "
                                   "province whether it was revoked or no longer accepted."),
                                na_text);
    }
  gnutls_x509_crt_deinit (crt);
  return note;
}

static const char *
cause_id (CivReportCause cause)
{
  switch (cause)
    {
    case CIV_REPORT_CAUSE_NONE:
      return "none";
    case CIV_REPORT_CAUSE_TRANSPORT:
      return "transport";
    case CIV_REPORT_CAUSE_CLOSED:
      return "connections-closed";
    case CIV_REPORT_CAUSE_SERVER_CERT:
      return "server-certificate";
    case CIV_REPORT_CAUSE_LOCAL_CERT:
      return "local-certificate";
    case CIV_REPORT_CAUSE_CERT_ALERT:
      return "client-certificate-alert";
    case CIV_REPORT_CAUSE_CERT_HTTP:
      return "client-certificate-http";
    }
  return "unknown";
}

static void
audit_alarm (CivStore             *store,
             const char           *server,
             const CivReportReply *reply,
             const char           *message,
             const char           *certificate)
{
  g_autoptr (CivJson) json = civ_json_new ();
  g_autofree char *detail = NULL;
  g_autoptr (GError) local = NULL;

  civ_json_string (json, "cause", cause_id (reply->cause));
  civ_json_string (json, "error", message);
  if (reply->alert >= 0)
    civ_json_int (json, "tls_alert", reply->alert);
  if (reply->status > 0)
    civ_json_int (json, "http_status", reply->status);
  if (certificate)
    civ_json_string (json, "certificate", certificate);
  detail = civ_json_finish (json);
  if (!civ_store_audit (store, "report.security-alarm", server, detail, &local))
    g_warning ("Could not audit the security alarm: %s", local->message);
}

static int
streak_get (CivDb *db)
{
  g_autofree char *v = civ_db_get_setting (db, STREAK_SETTING);

  return v ? (int) g_ascii_strtoll (v, NULL, 10) : 0;
}

static void
streak_set (CivDb *db, int n)
{
  g_autofree char *v = g_strdup_printf ("%d", n);
  g_autoptr (GError) local = NULL;

  if (streak_get (db) != n && !civ_db_set_setting (db, STREAK_SETTING, v, &local))
    g_warning ("Could not record the run of closed connections: %s", local->message);
}

int
_civ_report_reset_streak (CivStore *store)
{
  return streak_get (civ_store_get_db (store));
}

CivReportVerdict
_civ_report_judge (CivStore                  *store,
                   const CivReportEnrollment *e,
                   const CivReportReply      *reply,
                   GError                   **error)
{
  CivDb           *db = civ_store_get_db (store);
  g_autofree char *message = NULL;
  g_autofree char *cert_note = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  int streak;

  switch (reply->cause)
    {
    case CIV_REPORT_CAUSE_NONE:
    case CIV_REPORT_CAUSE_TRANSPORT:
      /* An answer, a timeout or a refused connection ends a run. */
      streak_set (db, 0);
      return reply->cause == CIV_REPORT_CAUSE_NONE ? CIV_REPORT_VERDICT_ANSWER
                                                   : CIV_REPORT_VERDICT_RETRY;

    case CIV_REPORT_CAUSE_CLOSED:
      streak = streak_get (db) + 1;
      streak_set (db, streak);
      if (streak < CIV_REPORT_RESET_ALARM_AFTER)
        return CIV_REPORT_VERDICT_RETRY;
      message = g_strdup_printf (
        _ ("The province closed %d new connections in a row during or right after the TLS "
           "handshake, without an alert and without an answer. Either the province refuses this "
           "workstation's client certificate without saying so, or a network device between this "
           "office and the province drops the connections (last error: %s)."),
        streak, error && *error ? (*error)->message : "");
      cert_note = _civ_report_local_cert_note (e->client_cert_pem, now);
      /* The alarm is audited once a run; the run goes on being retried. */
      if (streak == CIV_REPORT_RESET_ALARM_AFTER)
        audit_alarm (store, e->server_url, reply, message, cert_note);
      g_clear_error (error);
      g_set_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_SECURITY, "%s %s", message, cert_note);
      return CIV_REPORT_VERDICT_ALARM_RETRY;

    case CIV_REPORT_CAUSE_CERT_ALERT:
    case CIV_REPORT_CAUSE_CERT_HTTP:
    case CIV_REPORT_CAUSE_LOCAL_CERT:
      cert_note = _civ_report_local_cert_note (e->client_cert_pem, now);
      G_GNUC_FALLTHROUGH;
    case CIV_REPORT_CAUSE_SERVER_CERT:
      streak_set (db, 0);
      message = g_strdup (error && *error ? (*error)->message : "");
      audit_alarm (store, e->server_url, reply, message, cert_note);
      if (cert_note)
        {
          g_clear_error (error);
          g_set_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_SECURITY, "%s. %s", message,
                       cert_note);
        }
      return CIV_REPORT_VERDICT_ALARM;
    }
  g_return_val_if_reached (CIV_REPORT_VERDICT_RETRY);
}
