// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-certificate-prints.c — the jobs of the print flow: check, load, note */
#include "civ-certificate-prints.h"

#include <glib/gi18n.h>

#include "civ-app-error.h"
#include "civ-document-service.h"
#include "civ-permissions.h"
#include "civ-refdata.h"

typedef enum
{
  SOURCE_MARRIAGE,
  SOURCE_CERTIFICATE,
  SOURCE_DIVORCE,
  SOURCE_DIVORCE_DOCUMENT,
  SOURCE_ADOPTION,
  SOURCE_CREMATION_STOCK,
} SourceKind;

struct _CivPrintSource
{
  SourceKind         kind;
  char              *key; /* record id or certificate number */
  char              *certificate_no;
  CivDivorceDocument document;
  char              *purpose; /* an adoption: why it is printed (R-A13) */
  GDate              from;    /* the cremation stock: the period, cleared when open */
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
  g_clear_pointer (&printable->cremation_stock, civ_cremation_reconciliation_free);
  g_free (printable);
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
      printable->cremation_stock == NULL)
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
