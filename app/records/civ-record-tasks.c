// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-record-tasks.c — reading a record and its actions on the worker */
#include "civ-record-tasks.h"

#include <glib/gi18n.h>
#include <string.h>

#include "civ-app-error.h"

static gboolean
load_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  g_autoptr (GError) local = NULL;
  CivMarriageRecord *record = civ_record_query_marriage (store, data, &local);

  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  *result = record;
  return TRUE;
}

void
civ_record_load_async (CivSession         *session,
                       gpointer            source_object,
                       const char         *key,
                       GCancellable       *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer            user_data)
{
  g_return_if_fail (CIV_IS_SESSION (session) && key != NULL);

  civ_session_call (session, source_object, cancellable, load_func, g_strdup (key), g_free,
                    (GDestroyNotify) civ_marriage_record_free, callback, user_data);
}

CivMarriageRecord *
civ_record_load_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}

CivRecordRequest *
civ_record_request_new (CivRecordAction action, const char *key)
{
  CivRecordRequest *request = g_new0 (CivRecordRequest, 1);

  request->action = action;
  request->key = g_strdup (key);
  g_date_clear (&request->date, 1);
  return request;
}

void
civ_record_request_free (CivRecordRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->key);
  g_free (request->text);
  g_free (request->document);
  g_free (request->archive_no);
  g_free (request->reason);
  g_free (request->approver);
  if (request->password != NULL)
    {
      explicit_bzero (request->password, strlen (request->password));
      g_free (request->password);
    }
  g_free (request);
}

static gboolean
request_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  CivRecordRequest *request = data;

  switch (request->action)
    {
    case CIV_RECORD_ACTION_REISSUE:
      *result = civ_marriage_reissue (store, request->key, (CivReissueKind) request->kind,
                                      request->reason, &request->date, error);
      return *result != NULL;
    case CIV_RECORD_ACTION_COURT_JUDGMENT:
      return civ_marriage_court_judgment (store, request->key, (CivJudgmentKind) request->kind,
                                          request->document, &request->date, request->archive_no,
                                          error);
    case CIV_RECORD_ACTION_REGISTRY_ANNULMENT:
      return civ_marriage_registry_annulment (store, request->key, request->document,
                                              &request->date, error);
    case CIV_RECORD_ACTION_CORRECTION:
      /* The service zeroes the password whatever the outcome. */
      return civ_marriage_correct (store, request->key, (CivCorrectionField) request->kind,
                                   request->text, request->reason, request->approver,
                                   request->password, error);
    case CIV_RECORD_ACTION_VOID_PRINT:
      /* No approver when the operator is a supervisor; the service zeroes
       * the password whatever the outcome. */
      return civ_record_void_print (store, request->key, request->document, request->reason,
                                    request->approver, request->password, error);
    default:
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID, _ ("Unknown action"));
      return FALSE;
    }
}

void
civ_record_request_async (CivSession         *session,
                          gpointer            source_object,
                          CivRecordRequest   *request,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  g_return_if_fail (CIV_IS_SESSION (session) && request != NULL);

  civ_session_call (session, source_object, cancellable, request_func, request,
                    (GDestroyNotify) civ_record_request_free, g_free, callback, user_data);
}

gboolean
civ_record_request_finish (CivSession *session, GAsyncResult *result, char **number, GError **error)
{
  char *value = NULL;

  if (!civ_session_call_finish (session, result, (gpointer *) &value, error))
    return FALSE;
  if (number != NULL)
    *number = value;
  else
    g_free (value);
  return TRUE;
}
