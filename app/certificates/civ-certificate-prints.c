// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-certificate-prints.c — the jobs of the print flow: check, load, note */
#include "civ-certificate-prints.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "civ-app-error.h"
#include "civ-cremation-stock.h"
#include "civ-document-service.h"
#include "civ-funeral-money.h"
#include "civ-json.h"
#include "civ-permissions.h"
#include "civ-refdata.h"

typedef enum
{
  SOURCE_MARRIAGE,
  SOURCE_CERTIFICATE,
  SOURCE_DIVORCE,
  SOURCE_DIVORCE_DOCUMENT,
  SOURCE_ADOPTION,
  SOURCE_FUNERAL,
  SOURCE_CREMATION_STOCK,
} SourceKind;

struct _CivPrintSource
{
  SourceKind         kind;
  char              *key; /* record id or certificate number */
  char              *certificate_no;
  CivDivorceDocument document;
  char              *purpose; /* an adoption: why it is printed (R-A13) */
  CivFuneralDocument funeral_document;
  char              *receipt_no;   /* a funeral receipt */
  char              *blank_serial; /* a cremation certificate: the blank in the printer */
  GDate              from;         /* the cremation stock: the period, cleared when open */
  GDate              to;
};

static CivPrintSource *
source_new (SourceKind kind, const char *key)
{
  CivPrintSource *source = g_new0 (CivPrintSource, 1);

  source->kind = kind;
  source->key = g_strdup (key);
  g_date_clear (&source->from, 1);
  g_date_clear (&source->to, 1);
  return source;
}

CivPrintSource *
civ_print_source_new_marriage (const char *key)
{
  g_return_val_if_fail (key != NULL, NULL);
  return source_new (SOURCE_MARRIAGE, key);
}

CivPrintSource *
civ_print_source_new_certificate (const char *record_id, const char *certificate_no)
{
  CivPrintSource *source;

  g_return_val_if_fail (record_id != NULL && certificate_no != NULL, NULL);
  source = source_new (SOURCE_CERTIFICATE, record_id);
  source->certificate_no = g_strdup (certificate_no);
  return source;
}

CivPrintSource *
civ_print_source_new_divorce (const char *record_id)
{
  g_return_val_if_fail (record_id != NULL, NULL);
  return source_new (SOURCE_DIVORCE, record_id);
}

CivPrintSource *
civ_print_source_new_divorce_document (const char *record_id, CivDivorceDocument document)
{
  CivPrintSource *source;

  g_return_val_if_fail (record_id != NULL, NULL);
  source = source_new (SOURCE_DIVORCE_DOCUMENT, record_id);
  source->document = document;
  return source;
}

CivPrintSource *
civ_print_source_new_adoption (const char *key, const char *purpose)
{
  CivPrintSource *source;

  g_return_val_if_fail (key != NULL, NULL);
  source = source_new (SOURCE_ADOPTION, key);
  source->purpose = g_strdup (purpose);
  return source;
}

CivPrintSource *
civ_print_source_new_funeral (const char        *case_key,
                              CivFuneralDocument document,
                              const char        *receipt_no)
{
  CivPrintSource *source;

  g_return_val_if_fail (case_key != NULL, NULL);
  g_return_val_if_fail (document == CIV_FUNERAL_DOCUMENT_CREMATION_CERTIFICATE ||
                          (document == CIV_FUNERAL_DOCUMENT_RECEIPT && receipt_no != NULL),
                        NULL);
  source = source_new (SOURCE_FUNERAL, case_key);
  source->funeral_document = document;
  if (document == CIV_FUNERAL_DOCUMENT_RECEIPT)
    source->receipt_no = g_strdup (receipt_no);
  return source;
}

void
civ_print_source_set_blank_serial (CivPrintSource *source, const char *serial)
{
  g_return_if_fail (source != NULL && source->kind == SOURCE_FUNERAL &&
                    source->funeral_document == CIV_FUNERAL_DOCUMENT_CREMATION_CERTIFICATE);
  g_free (source->blank_serial);
  source->blank_serial = g_strdup (serial);
}

CivPrintSource *
civ_print_source_new_cremation_stock (const GDate *from, const GDate *to)
{
  CivPrintSource *source = source_new (SOURCE_CREMATION_STOCK, NULL);

  g_return_val_if_fail (from == NULL || g_date_valid (from), NULL);
  g_return_val_if_fail (to == NULL || g_date_valid (to), NULL);
  if (from != NULL)
    source->from = *from;
  if (to != NULL)
    source->to = *to;
  return source;
}

CivPrintSource *
civ_print_source_copy (const CivPrintSource *source)
{
  CivPrintSource *copy;

  g_return_val_if_fail (source != NULL, NULL);
  copy = source_new (source->kind, source->key);
  copy->certificate_no = g_strdup (source->certificate_no);
  copy->document = source->document;
  copy->purpose = g_strdup (source->purpose);
  copy->funeral_document = source->funeral_document;
  copy->receipt_no = g_strdup (source->receipt_no);
  copy->blank_serial = g_strdup (source->blank_serial);
  copy->from = source->from;
  copy->to = source->to;
  return copy;
}

void
civ_print_source_free (CivPrintSource *source)
{
  if (source == NULL)
    return;
  g_free (source->key);
  g_free (source->certificate_no);
  g_free (source->purpose);
  g_free (source->receipt_no);
  g_free (source->blank_serial);
  g_free (source);
}

gboolean
civ_certificate_is_divorce (const char *certificate_no)
{
  return certificate_no != NULL &&
         (g_str_has_prefix (certificate_no, "L") || g_str_has_prefix (certificate_no, "BL"));
}

void
civ_printable_free (CivPrintable *printable)
{
  if (printable == NULL)
    return;
  g_clear_pointer (&printable->record, civ_marriage_record_free);
  g_clear_pointer (&printable->divorce, civ_divorce_print_data_free);
  g_clear_pointer (&printable->photo, g_bytes_unref);
  g_clear_pointer (&printable->adoption, civ_adoption_view_free);
  g_clear_pointer (&printable->funeral, civ_funeral_print_data_free);
  g_clear_pointer (&printable->cremation_stock, civ_cremation_reconciliation_free);
  g_free (printable);
}

void
civ_funeral_print_data_free (CivFuneralPrintData *data)
{
  if (data == NULL)
    return;
  g_clear_pointer (&data->view, civ_funeral_view_free);
  g_free (data->office_name);
  g_free (data->cremated_at);
  g_free (data->furnace);
  g_free (data->furnace_operator);
  g_free (data->issued_on);
  g_clear_pointer (&data->receipt, civ_funeral_receipt_row_free);
  g_clear_pointer (&data->assessment, civ_funeral_assessment_row_free);
  g_free (data->clerk);
  g_free (data);
}

/* The step that cremated the case: the newest event into CREMATED. */
static const CivFuneralEvent *
cremation_event (const CivFuneralView *view)
{
  const char *cremated = civ_funeral_state_to_string (CIV_FUNERAL_CREMATED);

  for (guint i = view->events != NULL ? view->events->len : 0; i > 0; i--)
    {
      const CivFuneralEvent *e = g_ptr_array_index (view->events, i - 1);

      if (g_strcmp0 (e->state, cremated) == 0 && g_strcmp0 (e->from_state, cremated) != 0)
        return e;
    }
  return NULL;
}

gboolean
civ_funeral_print_check (const CivFuneralView *view, CivFuneralDocument document, GError **error)
{
  g_return_val_if_fail (view != NULL, FALSE);

  if (document != CIV_FUNERAL_DOCUMENT_CREMATION_CERTIFICATE)
    return TRUE;
  if (cremation_event (view) == NULL)
    {
      civ_app_set_refusal (error, "R-F13",
                           _ ("R-F13: case %1$s was not cremated, so it has no cremation "
                              "certificate to print; the case is “%2$s”"),
                           view->case_no, civ_funeral_state_label (view->state));
      return FALSE;
    }
  if (view->cremation_serial == NULL || *view->cremation_serial == '\0')
    {
      civ_app_set_refusal (error, "R-F13",
                           _ ("R-F13: case %s holds no issued cremation certificate (it was "
                              "voided); issue a new blank to the case before printing"),
                           view->case_no);
      return FALSE;
    }
  return TRUE;
}

gboolean
civ_funeral_print_check_blank (const char *case_no,
                               const char *issued,
                               const char *typed,
                               GError    **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (typed != NULL ? typed : ""));
  g_autofree char *serial = NULL;

  g_return_val_if_fail (case_no != NULL && issued != NULL, FALSE);

  if (*trimmed == '\0')
    {
      civ_app_set_invalid (error, "R-F13", "%s",
                           _ ("R-F13: type the serial (No.) printed on the blank in the printer"));
      return FALSE;
    }
  serial = civ_cremation_serial_normalize (typed, NULL, NULL, NULL, error);
  if (serial == NULL)
    return FALSE;
  if (g_strcmp0 (serial, issued) == 0)
    return TRUE;
  civ_app_set_refusal (error, "R-F13",
                       /* Translators: %1$s the serial typed from the blank, %2$s the case, %3$s
                        * the serial issued to it. */
                       _ ("R-F13: the blank in the printer (No. %1$s) is not the cremation "
                          "certificate issued to case %2$s (No. %3$s); put that blank in the "
                          "printer"),
                       serial, case_no, issued);
  return FALSE;
}

static CivFuneralPrintData *
load_funeral (CivStore *store, const CivPrintSource *source, GError **error)
{
  g_autoptr (CivFuneralPrintData) data = g_new0 (CivFuneralPrintData, 1);

  data->document = source->funeral_document;
  data->view = civ_funeral_case_open (store, source->key, error);
  if (data->view == NULL)
    return NULL;
  data->office_name = civ_store_get_office_name (store);
  if (!civ_funeral_print_check (data->view, data->document, error))
    return NULL;
  if (data->document == CIV_FUNERAL_DOCUMENT_CREMATION_CERTIFICATE)
    {
      const CivFuneralEvent *e = cremation_event (data->view);
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (CivCremationSerial) serial = NULL;
      g_autoptr (GError) local = NULL;
      JsonNode *root;

      if (source->blank_serial != NULL &&
          !civ_funeral_print_check_blank (data->view->case_no, data->view->cremation_serial,
                                          source->blank_serial, error))
        return NULL;
      data->cremated_at = g_strdup (e->at);
      if (e->detail != NULL && json_parser_load_from_data (parser, e->detail, -1, NULL) &&
          (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
        {
          JsonObject *o = json_node_get_object (root);

          data->furnace =
            g_strdup (json_object_get_string_member_with_default (o, "furnace", NULL));
          data->furnace_operator =
            g_strdup (json_object_get_string_member_with_default (o, "furnace_operator", NULL));
        }
      serial =
        civ_cremation_serial_find (civ_store_get_db (store), data->view->cremation_serial, &local);
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      data->issued_on = g_strdup (serial != NULL ? serial->issued_on : NULL);
      return g_steal_pointer (&data);
    }
  {
    g_autoptr (CivFuneralBillSummary) bill = civ_funeral_bill_get (store, source->key, error);
    g_autoptr (CivOperator) clerk = NULL;

    if (bill == NULL)
      return NULL;
    for (guint i = 0; i < bill->receipts->len && data->receipt == NULL; i++)
      {
        CivFuneralReceiptRow *r = g_ptr_array_index (bill->receipts, i);

        if (g_strcmp0 (r->receipt_no, source->receipt_no) == 0)
          data->receipt = g_ptr_array_steal_index (bill->receipts, i);
      }
    if (data->receipt == NULL)
      {
        civ_app_set_refusal (error, "R-F4", _ ("R-F4: case %1$s has no receipt %2$s"),
                             data->view->case_no, source->receipt_no);
        return NULL;
      }
    if (data->receipt->assessment_id != 0)
      {
        g_autoptr (GError) local = NULL;

        data->assessment =
          civ_funeral_assessment_get (civ_store_get_db (store), data->receipt->case_id,
                                      data->receipt->assessment_id, &local);
        if (local != NULL)
          {
            g_propagate_error (error, g_steal_pointer (&local));
            return NULL;
          }
      }
    clerk = civ_store_find_operator (store, data->receipt->issued_by, NULL);
    data->clerk = g_strdup (clerk != NULL && clerk->display_name != NULL && *clerk->display_name
                              ? clerk->display_name
                              : data->receipt->issued_by);
  }
  return g_steal_pointer (&data);
}

static CivDivorcePrintData *
load_divorce (CivStore *store, const char *record_id, const char *certificate_no, GError **error)
{
  g_autoptr (CivCalendar) calendar = civ_refdata_load_calendar (store, error);

  if (calendar == NULL)
    return NULL;
  if (certificate_no != NULL)
    return civ_divorce_print_data_load_for_certificate (store, certificate_no, calendar, error);
  return civ_divorce_print_data_load (store, record_id, calendar, error);
}

/* The latest couple photo of @record_id in *@photo (NULL without one).
 * FALSE only when a stored photo cannot be read (damaged: never printed). */
static gboolean
load_photo (CivStore *store, const char *record_id, GBytes **photo, GError **error)
{
  const CivOperator *op = civ_store_get_operator (store);
  const char        *code = civ_document_kind_to_string (CIV_DOCUMENT_COUPLE_PHOTO);
  g_autoptr (GPtrArray) rows = NULL;

  *photo = NULL;
  /* An operator who may not read documents prints the blank's box empty. */
  if (op == NULL || !civ_role_allows (op->role, CIV_PERM_REGISTER_MARRIAGE))
    return TRUE;
  rows = civ_document_list_for_record (store, record_id, error);
  if (rows == NULL)
    return FALSE;
  for (guint i = rows->len; i > 0; i--)
    {
      const CivDocumentRow *row = g_ptr_array_index (rows, i - 1);

      if (g_strcmp0 (row->kind, code) != 0 || (g_strcmp0 (row->media_type, "image/png") != 0 &&
                                               g_strcmp0 (row->media_type, "image/jpeg") != 0))
        continue;
      *photo = civ_document_open (store, row->id, CIV_DOCUMENT_ACCESS_PRINT, NULL, error);
      return *photo != NULL;
    }
  return TRUE;
}

static gboolean
load_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  const CivPrintSource *source = data;
  g_autoptr (CivPrintable) printable = g_new0 (CivPrintable, 1);
  g_autoptr (GError) local = NULL;

  switch (source->kind)
    {
    case SOURCE_MARRIAGE:
      printable->record = civ_record_query_marriage (store, source->key, &local);
      if (printable->record == NULL && local == NULL)
        g_set_error (&local, CIV_APP_ERROR, CIV_APP_ERROR_INVALID, _ ("There is no record “%s”"),
                     source->key);
      break;
    case SOURCE_CERTIFICATE:
      if (civ_certificate_is_divorce (source->certificate_no))
        printable->divorce = load_divorce (store, NULL, source->certificate_no, &local);
      else
        {
          printable->record = civ_record_query_marriage (store, source->key, &local);
          if (printable->record == NULL && local == NULL)
            g_set_error_literal (&local, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                                 _ ("The record was not found in this office."));
        }
      break;
    case SOURCE_ADOPTION:
      /* R-A13: read for a print with its purpose, journalled and audited. */
      printable->adoption =
        civ_adoption_open (store, source->key, CIV_ADOPTION_ACCESS_PRINT, source->purpose, &local);
      break;
    case SOURCE_FUNERAL:
      printable->funeral = load_funeral (store, source, &local);
      break;
    case SOURCE_CREMATION_STOCK:
      printable->cremation_stock =
        civ_cremation_stock_reconcile (store, g_date_valid (&source->from) ? &source->from : NULL,
                                       g_date_valid (&source->to) ? &source->to : NULL, &local);
      break;
    case SOURCE_DIVORCE:
    case SOURCE_DIVORCE_DOCUMENT:
    default:
      printable->divorce = load_divorce (store, source->key, NULL, &local);
      break;
    }
  if (printable->record == NULL && printable->divorce == NULL && printable->adoption == NULL &&
      printable->funeral == NULL && printable->cremation_stock == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (printable->record != NULL &&
      !load_photo (store, printable->record->record_id, &printable->photo, error))
    return FALSE;
  *result = g_steal_pointer (&printable);
  return TRUE;
}

void
civ_print_source_load_async (CivSession           *session,
                             const CivPrintSource *source,
                             gpointer              source_object,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  g_return_if_fail (CIV_IS_SESSION (session) && source != NULL);

  civ_session_call (session, source_object, cancellable, load_func, civ_print_source_copy (source),
                    (GDestroyNotify) civ_print_source_free, (GDestroyNotify) civ_printable_free,
                    callback, user_data);
}

CivPrintable *
civ_print_source_load_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}

typedef struct
{
  CivPrintSource *source; /* NULL: only the blanks */
  char           *certificate_no;
  char          **serials;
} Note;

static void
note_free (Note *note)
{
  civ_print_source_free (note->source);
  g_free (note->certificate_no);
  g_strfreev (note->serials);
  g_free (note);
}

static Note *
note_new (const CivPrintSource *source, const char *certificate_no, const char *const *serials)
{
  Note *note = g_new0 (Note, 1);

  note->source = source ? civ_print_source_copy (source) : NULL;
  note->certificate_no = g_strdup (certificate_no);
  note->serials = g_strdupv ((char **) serials);
  return note;
}

static gboolean
note_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  const Note *note = data;

  /* R-N3: a certificate is recorded on the blanks it went out on. */
  if (note->certificate_no != NULL && note->serials != NULL)
    return civ_record_note_prints (store, note->certificate_no, (const char *const *) note->serials,
                                   error);
  /* R-F13: a controlled certificate's print is on the audit log with its blank. */
  if (note->source != NULL && note->source->kind == SOURCE_FUNERAL)
    {
      const CivPrintSource *source = note->source;
      g_autoptr (CivJson) json = civ_json_new ();
      g_autofree char *detail = NULL;
      gboolean certificate = source->funeral_document == CIV_FUNERAL_DOCUMENT_CREMATION_CERTIFICATE;

      if (certificate)
        civ_json_string (json, "serial", source->blank_serial);
      else
        civ_json_string (json, "receipt_no", source->receipt_no);
      detail = civ_json_finish (json);
      return civ_store_audit (store,
                              certificate ? "funeral.certificate.print" : "funeral.receipt.print",
                              source->key, detail, error);
    }
  /* R-D3, R-D5: the receipt and the notice are recorded with the application. */
  if (note->source != NULL && note->source->kind == SOURCE_DIVORCE_DOCUMENT)
    return civ_divorce_note_document_print (store, note->source->key, note->source->document,
                                            error);
  return TRUE;
}

void
civ_print_source_note_async (CivSession           *session,
                             const CivPrintSource *source,
                             const char           *certificate_no,
                             const char *const    *serials,
                             gpointer              source_object,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  g_return_if_fail (CIV_IS_SESSION (session));

  civ_session_call (session, source_object, cancellable, note_func,
                    note_new (source, certificate_no, serials), (GDestroyNotify) note_free, NULL,
                    callback, user_data);
}

gboolean
civ_print_source_note_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish (session, result, NULL, error);
}

static gboolean
check_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  const Note *note = data;

  return civ_record_check_blanks (store, note->certificate_no, (const char *const *) note->serials,
                                  error);
}

void
civ_certificate_check_blanks_async (CivSession         *session,
                                    const char         *certificate_no,
                                    const char *const  *serials,
                                    gpointer            source_object,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data)
{
  g_return_if_fail (CIV_IS_SESSION (session) && certificate_no != NULL);

  civ_session_call (session, source_object, cancellable, check_func,
                    note_new (NULL, certificate_no, serials), (GDestroyNotify) note_free, NULL,
                    callback, user_data);
}

gboolean
civ_certificate_check_blanks_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish (session, result, NULL, error);
}
