// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-document-render.h — pictures of attached documents: images decoded
 * (scaled down, never up, EXIF orientation applied) and PDF pages rendered
 * with poppler. Every function here may run on any thread and is meant for
 * g_task_run_in_thread(): decoding never blocks the UI thread nor the
 * store's worker.
 */
#pragma once

#include <gtk/gtk.h>
#include <poppler.h>

G_BEGIN_DECLS

/* The image in @bytes (PNG or JPEG) as a texture no larger than
 * @max_side × @max_side. */
GdkTexture *civ_document_render_image (GBytes *bytes, int max_side, GError **error);

/* The PDF in @bytes; a password-protected PDF is refused with a message. */
PopplerDocument *civ_document_render_open_pdf (GBytes *bytes, GError **error);

/* Page @index (0-based) on white, scaled to fit @max_width × @max_height;
 * with @frame, edged with a thin grey line (a white page on a white row). */
GdkTexture *civ_document_render_pdf_page (PopplerDocument *document,
                                          int              index,
                                          int              max_width,
                                          int              max_height,
                                          gboolean         frame,
                                          GError         **error);

/* A picture of @bytes (an image, or page 1 of a PDF) for a list row, at
 * most @size pixels on a side, decoded in a thread. */
void        civ_document_render_thumbnail_async (GBytes             *bytes,
                                                 const char         *media_type,
                                                 int                 size,
                                                 GCancellable       *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer            user_data);
GdkTexture *civ_document_render_thumbnail_finish (GAsyncResult *result, GError **error);

G_END_DECLS
