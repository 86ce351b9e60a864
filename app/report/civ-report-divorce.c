// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-report-divorce.c — divorce applications across the windows of one
 * office (issue 17, R-D6, docs/provincial-protocol.md §10): taking one at
 * this window, and learning what became of this window's open ones
 */
#include "civ-report.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-divorce-remote.h"
#include "civ-json.h"
#include "civ-permissions.h"
#include "civ-refdata.h"
#include "civ-report-alarm-private.h"
#include "civ-report-http-private.h"
#include "civ-report-replies-private.h"
#include "civ-report-sign.h"
#include "civ-states.h"

/* Application ids per state request (protocol §10). */
#define IDS_PER_REQUEST 50

typedef enum
{
  MODE_TAKE,
  MODE_REFRESH,
} Mode;

struct _CivReportDivorces
{
  Mode                 mode;
  CivReportEnrollment *e;
  char                *workstation;
  char                *office_code;
  char                *key;     /* MODE_TAKE: what the registrar typed */
  GPtrArray           *ids;     /* MODE_REFRESH: the open applications */
  GError              *failure; /* before any request, or the request's */
  CivReportReply       reply;   /* the last request's failure (judged when recording) */
  gboolean             asked;
  GPtrArray           *remotes; /* MODE_REFRESH: what the province says; MODE_TAKE: the taken one */
  char                *refusal; /* MODE_TAKE: why nothing could be taken */
  char                *previous_holder; /* MODE_TAKE: the holder before the take */
};

void
civ_report_divorces_free (CivReportDivorces *d)
{
  if (d == NULL)
    return;
  g_clear_pointer (&d->e, civ_report_enrollment_free);
  g_free (d->workstation);
  g_free (d->office_code);
  g_free (d->key);
  g_clear_pointer (&d->ids, g_ptr_array_unref);
  g_clear_error (&d->failure);
  _civ_report_reply_clear (&d->reply);
  g_clear_pointer (&d->remotes, g_ptr_array_unref);
  g_free (d->refusal);
  g_free (d->previous_holder);
  g_free (d);
}

static CivReportDivorces *
prepare (CivStore *store, Mode mode, CivPermission permission)
{
  CivReportDivorces *d = g_new0 (CivReportDivorces, 1);
  CivDb             *db;

  d->mode = mode;
  if (civ_store_is_locked (store))
    {
      d->failure = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                                        _ ("The workstation is locked."));
      return d;
    }
  if (!civ_require (store, permission, &d->failure))
    return d;
  db = civ_store_get_db (store);
  d->e = civ_report_store_get_enrollment (db, &d->failure);
  if (d->e == NULL && d->failure == NULL)
    d->failure = g_error_new_literal (CIV_REPORT_ERROR, CIV_REPORT_ERROR_NOT_ENROLLED,
                                      _ ("This workstation is not enrolled for reporting yet"));
  d->workstation = civ_db_get_setting (db, "workstation_id");
  d->office_code = civ_store_get_office_code (store);
  return d;
}

CivReportDivorces *
civ_report_divorces_prepare_take (CivStore *store, const char *key)
{
  CivReportDivorces *d;
  g_autofree char   *stripped = g_strstrip (g_strdup (key ? key : ""));

  g_return_val_if_fail (CIV_IS_STORE (store), NULL);

  d = prepare (store, MODE_TAKE, CIV_PERM_REGISTER_MARRIAGE);
  if (d->failure == NULL &&
      (*stripped == '\0' || strlen (stripped) > 64 || !g_utf8_validate (stripped, -1, NULL)))
    d->failure =
      g_error_new_literal (CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                           _ ("Give the marriage certificate number, a spouse's identity number "
                              "or the application number (at most 64 characters)"));
  d->key = g_steal_pointer (&stripped);
  return d;
}

CivReportDivorces *
civ_report_divorces_prepare_refresh (CivStore *store)
{
  CivReportDivorces *d;
  g_autoptr (GPtrArray) open = NULL;

  g_return_val_if_fail (CIV_IS_STORE (store), NULL);

  d = prepare (store, MODE_REFRESH, CIV_PERM_SEND_REPORTS);
  if (d->failure != NULL)
    return d;
  open = civ_divorce_row_list_cooling (civ_store_get_db (store), &d->failure);
  if (open == NULL)
    return d;
  d->ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < open->len; i++)
    g_ptr_array_add (d->ids, g_strdup (((CivDivorceRow *) g_ptr_array_index (open, i))->record_id));
  return d;
}

gboolean
civ_report_divorces_ready (CivReportDivorces *d)
{
  return d != NULL && d->failure == NULL && (d->mode == MODE_TAKE || d->ids->len > 0);
}

/* One request without the database: the 200 answer's body, or NULL with
 * the failure kept in @d (transport and certificate failures are judged
 * when recording). */
static GBytes *
request (
  CivReportDivorces *d, const char *path, const char *body, GCancellable *cancellable, long *status)
{
  g_autoptr (CivReportClient) client = _civ_report_client_new (d->e, 0);
  g_autofree char *ws_header =
    g_strdup_printf ("X-Civreg-Workstation: %s", d->workstation ? d->workstation : "");
  g_autofree char *sig_header = NULL;
  CivReportReply   reply = { 0 };
  GError          *error = NULL;

  if (body != NULL)
    {
      g_autofree char *signature =
        civ_report_sign (d->e->signing_secret, body, strlen (body), &d->failure);

      if (signature == NULL)
        return NULL;
      sig_header = g_strdup_printf ("X-Civreg-Signature: ed25519=%s", signature);
    }
  _civ_report_client_set_cancellable (client, cancellable);
  if (!_civ_report_client_request (client, path,
                                   (const char *const[]){ ws_header, sig_header, NULL }, body,
                                   body ? strlen (body) : 0, &reply, &error) ||
      reply.cause != CIV_REPORT_CAUSE_NONE)
    {
      _civ_report_reply_clear (&d->reply);
      d->reply = reply;
      d->failure = error ? error
                         : g_error_new_literal (CIV_REPORT_ERROR, CIV_REPORT_ERROR_TRANSPORT,
                                                _ ("The province did not answer"));
      return NULL;
    }
  *status = reply.status;
  if (reply.status == 200)
    {
      GBytes *out = g_steal_pointer (&reply.body);

      _civ_report_reply_clear (&reply);
      return out;
    }
  if (reply.status == 408 || reply.status == 429 || reply.status >= 500)
    d->failure = g_error_new (CIV_REPORT_ERROR, CIV_REPORT_ERROR_TRANSPORT,
                              _ ("HTTP %ld from the province"), reply.status);
  else if (reply.status != 409)
    {
      gsize            len = 0;
      const char      *data = reply.body ? g_bytes_get_data (reply.body, &len) : "";
      g_autofree char *text = _civ_report_server_error_text (data, len);

      d->failure =
        g_error_new (CIV_REPORT_ERROR, CIV_REPORT_ERROR_REFUSED,
                     _ ("The province refused the request (HTTP %ld): %s"), reply.status, text);
    }
  {
    /* 409: the body carries the application as it is now. */
    GBytes *out = reply.status == 409 ? g_steal_pointer (&reply.body) : NULL;

    _civ_report_reply_clear (&reply);
    return out;
  }
}

static GPtrArray *
parse (CivReportDivorces *d, GBytes *body)
{
  gsize       len = 0;
  const char *data = g_bytes_get_data (body, &len);
  g_autoptr (GError) error = NULL;
  GPtrArray *out = civ_divorce_remote_parse (data, len, &error);

  if (out == NULL)
    d->failure = g_error_new_literal (CIV_REPORT_ERROR, CIV_REPORT_ERROR_PROTOCOL, error->message);
  return out;
}

/* A GET of applications (protocol §10): the parsed answer, or NULL with the
 * failure kept in @d. */
static GPtrArray *
get_applications (CivReportDivorces *d, const char *path, GCancellable *cancellable)
{
  g_autoptr (GBytes) body = NULL;
  GPtrArray *list = NULL;
  long       status = 0;

  body = request (d, path, NULL, cancellable, &status);
  if (body != NULL && status == 200)
    list = parse (d, body);
  if (list == NULL && d->failure == NULL)
    d->failure = g_error_new_literal (CIV_REPORT_ERROR, CIV_REPORT_ERROR_PROTOCOL,
                                      _ ("The province's answer does not follow the protocol"));
  return list;
}

/* Why the application found cannot be taken: what became of it. */
static char *
closed_text (const CivDivorceRemote *r)
{
  if (r->phase == CIV_DIVORCE_STATE_REGISTERED)
    return g_strdup_printf (_ ("R-D6: the divorce was registered on %s at workstation %s "
                               "(certificate %s); nothing is left to issue"),
                            r->closed_on, r->closed_by, r->certificate_no);
  return g_strdup_printf (_ ("R-D6: the divorce application accepted on %s is closed (%s on %s "
                             "at workstation %s)"),
                          r->accepted_on, civ_divorce_state_label_db (r->state), r->closed_on,
                          r->closed_by);
}

static void
ask_take (CivReportDivorces *d, GCancellable *cancellable)
{
  g_autofree char *escaped = g_uri_escape_string (d->key, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/v1/divorce-applications?key=%s&office_code=%s",
                                           escaped, d->office_code ? d->office_code : "");
  g_autoptr (GBytes) taken = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GPtrArray) answer = NULL;
  g_autoptr (CivJson) json = NULL;
  g_autofree char        *body = NULL;
  const CivDivorceRemote *open = NULL;
  long                    status = 0;

  list = get_applications (d, path, cancellable);
  if (list == NULL)
    return;
  for (guint i = 0; i < list->len && open == NULL; i++)
    if (((CivDivorceRemote *) g_ptr_array_index (list, i))->phase == CIV_DIVORCE_STATE_COOLING)
      open = g_ptr_array_index (list, i);
  if (open == NULL)
    {
      d->refusal = list->len > 0
                     ? closed_text (g_ptr_array_index (list, 0))
                     : g_strdup_printf (_ ("The province knows no divorce application of this "
                                           "office for “%s”"),
                                        d->key);
      return;
    }
  d->previous_holder = g_strdup (open->holder);
  json = civ_json_new ();
  civ_json_int (json, "protocol", 1);
  civ_json_string (json, "workstation", d->workstation ? d->workstation : "");
  civ_json_string (json, "office_code", d->office_code ? d->office_code : "");
  civ_json_string (json, "record_id", open->record_id);
  body = civ_json_finish (json);
  taken = request (d, "/v1/divorce-applications/take", body, cancellable, &status);
  if (taken == NULL || (answer = parse (d, taken)) == NULL)
    return;
  if (answer->len != 1 ||
      g_strcmp0 (((CivDivorceRemote *) g_ptr_array_index (answer, 0))->record_id,
                 open->record_id) != 0)
    {
      d->failure =
        g_error_new_literal (CIV_REPORT_ERROR, CIV_REPORT_ERROR_PROTOCOL,
                             _ ("The province answered the take of another application"));
      return;
    }
  if (status == 409)
    {
      d->refusal = closed_text (g_ptr_array_index (answer, 0));
      return;
    }
  d->remotes = g_steal_pointer (&answer);
}

static void
ask_refresh (CivReportDivorces *d, GCancellable *cancellable)
{
  d->remotes = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_divorce_remote_free);
  for (guint first = 0; first < d->ids->len; first += IDS_PER_REQUEST)
    {
      g_autoptr (GString) path = g_string_new ("/v1/divorce-applications?ids=");
      g_autoptr (GPtrArray) part = NULL;

      for (guint i = first; i < d->ids->len && i < first + IDS_PER_REQUEST; i++)
        g_string_append_printf (path, "%s%s", i > first ? "," : "",
                                (const char *) g_ptr_array_index (d->ids, i));
      part = get_applications (d, path->str, cancellable);
      if (part == NULL)
        return;
      while (part->len > 0)
        g_ptr_array_add (d->remotes, g_ptr_array_steal_index (part, 0));
    }
}

void
civ_report_divorces_ask (CivReportDivorces *d, GCancellable *cancellable)
{
  g_return_if_fail (civ_report_divorces_ready (d));

  d->asked = TRUE;
  if (d->mode == MODE_TAKE)
    ask_take (d, cancellable);
  else
    ask_refresh (d, cancellable);
}

gboolean
civ_report_divorces_record (CivReportDivorces *d,
                            CivStore          *store,
                            const GDate       *today,
                            char             **taken,
                            guint             *changed,
                            GError           **error)
{
  g_return_val_if_fail (d != NULL && CIV_IS_STORE (store), FALSE);

  if (changed)
    *changed = 0;
  if (d->e != NULL && d->asked && !civ_store_is_locked (store))
    {
      CivReportReply answered = { .cause = CIV_REPORT_CAUSE_NONE, .alert = -1 };

      /* A certificate refused raises the alarm; an answer ends a run of
       * closed connections. */
      _civ_report_judge (store, d->e,
                         d->reply.cause != CIV_REPORT_CAUSE_NONE ? &d->reply : &answered, NULL);
    }
  if (d->failure != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&d->failure));
      return FALSE;
    }
  if (d->mode == MODE_REFRESH)
    return !d->asked ||
           civ_divorce_apply_remote (store, d->remotes, d->workstation, changed, error);
  if (d->refusal != NULL)
    {
      civ_app_set_refusal (error, "R-D6", "%s", d->refusal);
      return FALSE;
    }
  {
    const CivDivorceRemote *r = g_ptr_array_index (d->remotes, 0);
    g_autoptr (CivCalendar) calendar = civ_refdata_load_calendar (store, error);

    if (calendar == NULL ||
        !civ_divorce_import_taken (store, r, d->previous_holder, today, calendar, error))
      return FALSE;
    if (taken)
      *taken = g_strdup (r->record_id);
    if (changed)
      *changed = 1;
  }
  return TRUE;
}

gboolean
civ_report_divorce_take (
  CivStore *store, const char *key, const GDate *today, char **taken, GError **error)
{
  g_autoptr (CivReportDivorces) d = civ_report_divorces_prepare_take (store, key);

  if (civ_report_divorces_ready (d))
    civ_report_divorces_ask (d, NULL);
  return civ_report_divorces_record (d, store, today, taken, NULL, error);
}

gboolean
civ_report_divorces_refresh (CivStore *store, guint *changed, GError **error)
{
  g_autoptr (CivReportDivorces) d = civ_report_divorces_prepare_refresh (store);

  if (civ_report_divorces_ready (d))
    civ_report_divorces_ask (d, NULL);
  return civ_report_divorces_record (d, store, NULL, NULL, changed, error);
}
