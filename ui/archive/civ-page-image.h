// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-page-image.h — a register book's page image beside the keying form
 *
 * Shows one page of an attached file (JPEG, PNG, TIFF through GdkPixbuf's
 * loaders, a page of a PDF through poppler), decoded in a thread. Zoom in
 * and out, fit the width, rotate by 90°, pan by dragging or with the
 * scroll bars. A file that cannot be shown says so, with Export… to open it
 * in another program: never an empty frame.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CIV_TYPE_PAGE_IMAGE (civ_page_image_get_type ())
G_DECLARE_FINAL_TYPE (CivPageImage, civ_page_image, CIV, PAGE_IMAGE, AdwBin)

GtkWidget *civ_page_image_new (void);

/* Shows page @index (0-based) of the file @bytes of @media_type named
 * @file_name; NULL @bytes shows @empty_message (no image for this page). */
void civ_page_image_set_file (
  CivPageImage *self, GBytes *bytes, const char *media_type, const char *file_name, int index);
void civ_page_image_show_message (CivPageImage *self, const char *message);

void        civ_page_image_zoom_in (CivPageImage *self);
void        civ_page_image_zoom_out (CivPageImage *self);
void        civ_page_image_fit_width (CivPageImage *self);
/* Quarter turns clockwise. */
void        civ_page_image_rotate (CivPageImage *self);
double      civ_page_image_get_zoom (CivPageImage *self);
int         civ_page_image_get_rotation (CivPageImage *self); /* 0, 90, 180, 270 */
/* TRUE while a picture is shown (decoded). */
gboolean    civ_page_image_has_picture (CivPageImage *self);
/* The picture shown (rotation and zoom apart); NULL while none is. */
GdkTexture *civ_page_image_get_texture (CivPageImage *self);
/* The message shown instead of a picture, or NULL. */
const char *civ_page_image_get_message (CivPageImage *self);
/* TRUE while decoding. */
gboolean    civ_page_image_is_loading (CivPageImage *self);

G_END_DECLS
