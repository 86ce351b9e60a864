// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-tiff.h — the pictures of a TIFF file, one per page of a register book
 *
 * Register books are often scanned to one multi-page TIFF (bilevel CCITT
 * G4, or grey or colour JPEG/LZW): picture i is the page first_page + i of
 * the image's range. GdkPixbuf reads only the first picture of a TIFF, so
 * the pages are read here through libtiff, from memory (the bytes come out
 * of the encrypted database and are never written to a file).
 *
 * The bytes come from outside: a picture larger than CIV_TIFF_MAX_PIXELS,
 * more than CIV_TIFF_MAX_PAGES pictures, or a file libtiff cannot read is
 * refused with CIV_APP_ERROR_INVALID and a translated message.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CIV_TIFF_MAX_PIXELS (100u * 1000u * 1000u) /* an A3 page at 600 dpi is 70 million */
#define CIV_TIFF_MAX_PAGES 5000u                   /* a book's most pages (archive_books) */

/* The number of pictures of the TIFF in @bytes. */
gboolean civ_tiff_count_pages (GBytes *bytes, guint *n_pages, GError **error);

/* Picture @index (from 0) as RGBA, 8 bits a channel, not premultiplied,
 * rows top first and @width * 4 bytes long. */
GBytes *civ_tiff_read_page (
  GBytes *bytes, guint index, guint *width, guint *height, GError **error);

G_END_DECLS
