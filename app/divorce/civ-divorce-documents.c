// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-divorce-documents.c — the steps of a divorce application and the audit
 * note of its printed documents */
#include "civ-divorce-documents.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "civ-app-error.h"
#include "civ-divorce-store.h"
#include "civ-permissions.h"
#include "civ-states.h"

GPtrArray *
civ_divorce_query_steps (CivStore *store, const char *record_id, GError **error)
{
  g_return_val_if_fail (CIV_IS_STORE (store) && record_id != NULL, NULL);

  if (!civ_require (store, CIV_PERM_REGISTER_MARRIAGE, error))
    return NULL;
  return civ_divorce_event_list (civ_store_get_db (store), record_id, error);
}

const CivDivorceStep *
civ_divorce_steps_find (GPtrArray *steps, const char *state)
{
  g_return_val_if_fail (steps != NULL && state != NULL, NULL);

  for (guint i = 0; i < steps->len; i++)
    {
      const CivDivorceStep *step = g_ptr_array_index (steps, i);
      if (g_strcmp0 (step->state, state) == 0)
        return step;
    }
  return NULL;
}

void
civ_divorce_print_data_free (CivDivorcePrintData *data)
{
  if (data == NULL)
    return;
  g_clear_pointer (&data->view, civ_divorce_view_free);
  g_clear_pointer (&data->marriage, civ_marriage_record_free);
  g_clear_pointer (&data->steps, g_ptr_array_unref);
  g_free (data->office_name);
  g_free (data->office_code);
  g_free (data);
}

CivDivorcePrintData *
civ_divorce_print_data_load (CivStore    *store,
                             const char  *record_id,
                             CivCalendar *calendar,
                             GError     **error)
{
  g_autoptr (CivDivorcePrintData) data = NULL;
  g_autoptr (GError) local = NULL;

  g_return_val_if_fail (CIV_IS_STORE (store) && record_id != NULL, NULL);

  data = g_new0 (CivDivorcePrintData, 1);
  data->view = civ_record_query_divorce (store, record_id, calendar, &local);
  if (data->view == NULL || g_strcmp0 (data->view->divorce->record_id, record_id) != 0)
    {
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                     _ ("There is no divorce application “%s”"), record_id);
      return NULL;
    }
  data->marriage =
    civ_record_query_marriage (store, data->view->divorce->marriage_record_id, &local);
  if (data->marriage == NULL)
    {
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                     _ ("The marriage of the divorce application “%s” is not in the records"),
                     record_id);
      return NULL;
    }
  data->steps = civ_divorce_query_steps (store, record_id, error);
  if (data->steps == NULL)
    return NULL;
  data->office_name = civ_store_get_office_name (store);
  data->office_code = civ_store_get_office_code (store);
  return g_steal_pointer (&data);
}

CivDivorcePrintData *
civ_divorce_print_data_load_for_certificate (CivStore    *store,
                                             const char  *certificate_no,
                                             CivCalendar *calendar,
                                             GError     **error)
{
  g_autoptr (GError) local = NULL;
  g_autofree char *record_id = NULL;

  g_return_val_if_fail (CIV_IS_STORE (store) && certificate_no != NULL, NULL);

  if (!civ_require (store, CIV_PERM_REGISTER_MARRIAGE, error))
    return NULL;
  /* An L number and its BL reissues belong to the divorce record. */
  record_id = civ_divorce_row_for_certificate (civ_store_get_db (store), certificate_no, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (record_id == NULL)
    {
      civ_app_set_invalid (error, "R-N1",
                           _ ("R-N1: %s is not a divorce certificate of this office"),
                           certificate_no);
      return NULL;
    }
  return civ_divorce_print_data_load (store, record_id, calendar, error);
}

static char *
print_detail (const char *document)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "document");
  json_builder_add_string_value (b, document);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

gboolean
civ_divorce_note_document_print (CivStore          *store,
                                 const char        *record_id,
                                 CivDivorceDocument document,
                                 GError           **error)
{
  g_autoptr (CivDivorceRow) row = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree char *detail = NULL;
  gboolean         accepted;
  CivDb           *db;

  g_return_val_if_fail (CIV_IS_STORE (store) && record_id != NULL, FALSE);
  g_return_val_if_fail (document == CIV_DIVORCE_DOCUMENT_RECEIPT ||
                          document == CIV_DIVORCE_DOCUMENT_NOTICE,
                        FALSE);

  if (!civ_require (store, CIV_PERM_REGISTER_MARRIAGE, error))
    return FALSE;
  db = civ_store_get_db (store);
  if (!civ_db_begin (db, error))
    return FALSE;
  row = civ_divorce_row_find (db, record_id, &local);
  if (row == NULL)
    {
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                     _ ("There is no divorce application “%s”"), record_id);
      goto fail;
    }
  accepted = row->accepted_on != NULL;
  if (document == CIV_DIVORCE_DOCUMENT_RECEIPT && !accepted)
    {
      civ_app_set_refusal (error, "R-D5", "%s",
                           _ ("R-D5: the application was not accepted; there is no receipt of "
                              "acceptance to print"));
      goto fail;
    }
  if (document == CIV_DIVORCE_DOCUMENT_NOTICE &&
      civ_divorce_state_from_db (row->state) != CIV_DIVORCE_STATE_NOT_ACCEPTED)
    {
      civ_app_set_refusal (error, "R-D3", "%s",
                           _ ("R-D3: the application was accepted; there is no notice of "
                              "non-acceptance to print"));
      goto fail;
    }
  detail = print_detail (document == CIV_DIVORCE_DOCUMENT_RECEIPT ? "receipt" : "notice");
  if (!civ_store_audit (store, "divorce.print", record_id, detail, error) ||
      !civ_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  civ_db_rollback (db);
  return FALSE;
}

gboolean
civ_divorce_print_check (CivDivorcePrintKind kind, const CivDivorcePrintData *data, GError **error)
{
  const CivDivorceResult *divorce;
  CivDivorceState         state;

  g_return_val_if_fail (data != NULL && data->view != NULL && data->view->divorce != NULL, FALSE);

  divorce = data->view->divorce;
  state = civ_divorce_state_from_db (divorce->state);
  switch (kind)
    {
    case CIV_PRINT_DIVORCE_RECEIPT:
      if (g_date_valid (&divorce->deadlines.accepted))
        return TRUE;
      civ_app_set_refusal (error, "R-D5", "%s",
                           _ ("R-D5: the application was not accepted; there is no receipt of "
                              "acceptance to print"));
      return FALSE;
    case CIV_PRINT_DIVORCE_NOTICE:
      if (state == CIV_DIVORCE_STATE_NOT_ACCEPTED)
        return TRUE;
      civ_app_set_refusal (error, "R-D3", "%s",
                           _ ("R-D3: the application was accepted; there is no notice of "
                              "non-acceptance to print"));
      return FALSE;
    case CIV_PRINT_DIVORCE_CERTIFICATE:
    default:
      if (state == CIV_DIVORCE_STATE_REGISTERED && divorce->certificate_no != NULL)
        return TRUE;
      civ_app_set_refusal (error, "R-D7", "%s",
                           _ ("R-D7: the divorce is not registered; there is no divorce "
                              "certificate to print"));
      return FALSE;
    }
}
