// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-document-tasks.c — a record's documents on the worker */
#include "civ-document-tasks.h"

void
civ_document_listing_free (CivDocumentListing *listing)
{
  if (listing == NULL)
    return;
  g_clear_pointer (&listing->rows, g_ptr_array_unref);
  g_clear_pointer (&listing->contents, g_ptr_array_unref);
  g_clear_pointer (&listing->problems, g_ptr_array_unref);
  g_free (listing);
}

static gboolean
listing_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  g_autoptr (GPtrArray) rows = civ_document_list_for_record (store, data, error);
  g_autoptr (CivDocumentListing) listing = NULL;

  if (rows == NULL)
    return FALSE;
  listing = g_new0 (CivDocumentListing, 1);
  listing->contents = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  listing->problems = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < rows->len; i++)
    {
      const CivDocumentRow *row = g_ptr_array_index (rows, i);
      g_autoptr (GError) local = NULL;
      /* For the thumbnail only: not a view of the document (not audited),
       * but its SHA-256 is checked like every read. */
      GBytes *content =
        civ_document_open (store, row->id, CIV_DOCUMENT_ACCESS_THUMBNAIL, NULL, &local);

      if (content == NULL && !g_error_matches (local, CIV_DB_ERROR, CIV_DB_ERROR_CORRUPT))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      g_ptr_array_add (listing->contents, content);
      g_ptr_array_add (listing->problems, local ? g_strdup (local->message) : NULL);
    }
  listing->rows = g_steal_pointer (&rows);
  *result = g_steal_pointer (&listing);
  return TRUE;
}

void
civ_document_load_listing_async (CivSession         *session,
                                 gpointer            source_object,
                                 const char         *record_id,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_return_if_fail (CIV_IS_SESSION (session) && record_id != NULL);

  civ_session_call (session, source_object, cancellable, listing_func, g_strdup (record_id), g_free,
                    (GDestroyNotify) civ_document_listing_free, callback, user_data);
}

CivDocumentListing *
civ_document_load_listing_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}

static gboolean
read_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  /* The kind is asked for afterwards. */
  CivDocumentInput *input = civ_document_input_new_from_file (CIV_DOCUMENT_OTHER, data, error);

  if (input == NULL)
    return FALSE;
  *result = input;
  return TRUE;
}

void
civ_document_read_file_async (CivSession         *session,
                              gpointer            source_object,
                              const char         *path,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  g_return_if_fail (CIV_IS_SESSION (session) && path != NULL);

  civ_session_call (session, source_object, cancellable, read_func, g_strdup (path), g_free,
                    (GDestroyNotify) civ_document_input_free, callback, user_data);
}

CivDocumentInput *
civ_document_read_file_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}

typedef struct
{
  char             *record_id;
  CivDocumentInput *input;
} Attach;

static void
attach_free (Attach *attach)
{
  g_free (attach->record_id);
  civ_document_input_free (attach->input);
  g_free (attach);
}

static gboolean
attach_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  Attach *attach = data;

  return civ_document_attach (store, attach->record_id, attach->input, error) != 0;
}

void
civ_document_attach_async (CivSession         *session,
                           gpointer            source_object,
                           const char         *record_id,
                           CivDocumentInput   *input,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  Attach *attach;

  g_return_if_fail (CIV_IS_SESSION (session) && record_id != NULL && input != NULL);

  attach = g_new0 (Attach, 1);
  attach->record_id = g_strdup (record_id);
  attach->input = input;
  civ_session_call (session, source_object, cancellable, attach_func, attach,
                    (GDestroyNotify) attach_free, NULL, callback, user_data);
}

gboolean
civ_document_attach_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish (session, result, NULL, error);
}

static gboolean
open_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  gint64  id = *(gint64 *) data;
  GBytes *content = civ_document_open (store, id, CIV_DOCUMENT_ACCESS_VIEW, NULL, error);

  if (content == NULL)
    return FALSE;
  *result = content;
  return TRUE;
}

void
civ_document_open_async (CivSession         *session,
                         gpointer            source_object,
                         gint64              id,
                         GCancellable       *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer            user_data)
{
  gint64 *data;

  g_return_if_fail (CIV_IS_SESSION (session));

  data = g_new (gint64, 1);
  *data = id;
  civ_session_call (session, source_object, cancellable, open_func, data, g_free,
                    (GDestroyNotify) g_bytes_unref, callback, user_data);
}

GBytes *
civ_document_open_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}
