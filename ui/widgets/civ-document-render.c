// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-document-render.c — pictures of attached documents, off the UI thread */
#include "civ-document-render.h"

#include <glib/gi18n.h>

static void
on_size_prepared_cb (GdkPixbufLoader *loader, int width, int height, gpointer user_data)
{
  int max_side = GPOINTER_TO_INT (user_data);

  if (width > max_side || height > max_side)
    {
      double scale = MIN ((double) max_side / width, (double) max_side / height);

      gdk_pixbuf_loader_set_size (loader, MAX (1, (int) (width * scale)),
                                  MAX (1, (int) (height * scale)));
    }
}

GdkTexture *
civ_document_render_image (GBytes *bytes, int max_side, GError **error)
{
  g_autoptr (GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr (GdkPixbuf) oriented = NULL;
  GdkPixbuf *pixbuf;

  g_return_val_if_fail (bytes != NULL && max_side > 0, NULL);

  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared_cb),
                    GINT_TO_POINTER (max_side));
  if (!gdk_pixbuf_loader_write_bytes (loader, bytes, error) ||
      !gdk_pixbuf_loader_close (loader, error))
    {
      gdk_pixbuf_loader_close (loader, NULL);
      return NULL;
    }
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_set_error_literal (error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_CORRUPT_IMAGE,
                           _ ("The image could not be decoded"));
      return NULL;
    }
  /* Photos from a phone carry their orientation in EXIF. */
  oriented = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  return gdk_texture_new_for_pixbuf (oriented ? oriented : pixbuf);
}

PopplerDocument *
civ_document_render_open_pdf (GBytes *bytes, GError **error)
{
  g_autoptr (GError) local = NULL;
  PopplerDocument *document;

  g_return_val_if_fail (bytes != NULL, NULL);

  document = poppler_document_new_from_bytes (bytes, NULL, &local);
  if (document == NULL)
    {
      if (g_error_matches (local, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        g_set_error_literal (error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED,
                             _ ("The PDF is protected by a password and cannot be shown"));
      else
        g_set_error (error, POPPLER_ERROR, POPPLER_ERROR_INVALID,
                     _ ("The PDF could not be read: %s"), local ? local->message : "?");
      return NULL;
    }
  if (poppler_document_get_n_pages (document) < 1)
    {
      g_object_unref (document);
      g_set_error_literal (error, POPPLER_ERROR, POPPLER_ERROR_INVALID, _ ("The PDF has no pages"));
      return NULL;
    }
  return document;
}

GdkTexture *
civ_document_render_pdf_page (PopplerDocument *document,
                              int              index,
                              int              max_width,
                              int              max_height,
                              gboolean         frame,
                              GError         **error)
{
  PopplerPage     *page;
  cairo_surface_t *surface;
  cairo_t         *cr;
  GBytes          *pixels;
  GdkTexture      *texture;
  double           w = 0, h = 0, scale;
  int              pw, ph, stride;

  g_return_val_if_fail (POPPLER_IS_DOCUMENT (document), NULL);

  page = poppler_document_get_page (document, index);
  if (page == NULL)
    {
      g_set_error (error, POPPLER_ERROR, POPPLER_ERROR_INVALID, _ ("The PDF has no page %d"),
                   index + 1);
      return NULL;
    }
  poppler_page_get_size (page, &w, &h);
  if (w < 1 || h < 1)
    {
      g_object_unref (page);
      g_set_error (error, POPPLER_ERROR, POPPLER_ERROR_INVALID, _ ("Page %d of the PDF is empty"),
                   index + 1);
      return NULL;
    }
  scale = MIN (max_width / w, max_height / h);
  pw = MAX (1, (int) (w * scale + 0.5));
  ph = MAX (1, (int) (h * scale + 0.5));

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pw, ph);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_object_unref (page);
      cairo_surface_destroy (surface);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                           _ ("Not enough memory to show the page"));
      return NULL;
    }
  cr = cairo_create (surface);
  /* Paper is white; a PDF page is transparent where nothing is drawn. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  cairo_restore (cr);
  if (frame)
    {
      cairo_set_source_rgba (cr, 0, 0, 0, 0.35);
      cairo_set_line_width (cr, 2);
      cairo_rectangle (cr, 1, 1, pw - 2, ph - 2);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
  g_object_unref (page);
  cairo_surface_flush (surface);

  /* Cairo's ARGB32 is GDK_MEMORY_DEFAULT (premultiplied, native order). */
  stride = cairo_image_surface_get_stride (surface);
  pixels = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) stride * ph);
  cairo_surface_destroy (surface);
  texture = gdk_memory_texture_new (pw, ph, GDK_MEMORY_DEFAULT, pixels, stride);
  g_bytes_unref (pixels);
  return texture;
}

typedef struct
{
  GBytes *bytes;
  char   *media_type;
  int     size;
} ThumbnailJob;

static void
thumbnail_job_free (ThumbnailJob *job)
{
  g_bytes_unref (job->bytes);
  g_free (job->media_type);
  g_free (job);
}

static void
thumbnail_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  ThumbnailJob *job = task_data;
  GError       *error = NULL;
  GdkTexture   *texture;

  if (g_strcmp0 (job->media_type, "application/pdf") == 0)
    {
      PopplerDocument *document = civ_document_render_open_pdf (job->bytes, &error);

      texture = document
                  ? civ_document_render_pdf_page (document, 0, job->size, job->size, TRUE, &error)
                  : NULL;
      g_clear_object (&document);
    }
  else
    texture = civ_document_render_image (job->bytes, job->size, &error);
  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

void
civ_document_render_thumbnail_async (GBytes             *bytes,
                                     const char         *media_type,
                                     int                 size,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ThumbnailJob *job = g_new0 (ThumbnailJob, 1);

  g_return_if_fail (bytes != NULL && size > 0);

  job->bytes = g_bytes_ref (bytes);
  job->media_type = g_strdup (media_type);
  job->size = size;
  g_task_set_source_tag (task, civ_document_render_thumbnail_async);
  g_task_set_task_data (task, job, (GDestroyNotify) thumbnail_job_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, thumbnail_thread);
}

GdkTexture *
civ_document_render_thumbnail_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
