// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-photo.c — certificate photo sizes, crops and the PNG still */
#include "civ-photo.h"

#include <cairo.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "civ-app-error.h"

/* 2-inch (2寸) photos are 35 mm wide and 49 mm high. */
static const CivPhotoSize sizes[CIV_N_PHOTO_KINDS] = {
  { CIV_PHOTO_MARRIAGE_COUPLE, "R-N3", N_ ("Marriage certificate: the couple's 2-inch photo"), 35.0,
    49.0, 1 },
  { CIV_PHOTO_REISSUE_COUPLE, "R-B4",
    N_ ("Reissued marriage certificate: 3 × 2-inch couple photos"), 35.0, 49.0, 3 },
  { CIV_PHOTO_DIVORCE_SINGLE, "R-B4", N_ ("Divorce certificate: 2 × 2-inch single photos"), 35.0,
    49.0, 2 },
};

const CivPhotoSize *
civ_photo_size (CivPhotoKind kind)
{
  g_return_val_if_fail (kind < CIV_N_PHOTO_KINDS, NULL);
  return &sizes[kind];
}

void
civ_photo_print_pixels (const CivPhotoSize *size, int *width, int *height)
{
  g_return_if_fail (size != NULL);

  if (width)
    *width = (int) lround (size->width_mm / 25.4 * CIV_PHOTO_DPI);
  if (height)
    *height = (int) lround (size->height_mm / 25.4 * CIV_PHOTO_DPI);
}

CivCropRect
civ_photo_centred_crop (const CivPhotoSize *size, int width, int height)
{
  CivCropRect crop = { 0, 0, 0, 0 };

  g_return_val_if_fail (size != NULL, crop);
  if (width <= 0 || height <= 0)
    return crop;

  /* Wider than the photo: full height; else full width. */
  if ((double) width * size->height_mm >= (double) height * size->width_mm)
    {
      crop.height = height;
      crop.width = MAX (1, (int) floor (height * size->width_mm / size->height_mm));
    }
  else
    {
      crop.width = width;
      crop.height = MAX (1, (int) floor (width * size->height_mm / size->width_mm));
    }
  crop.x = (width - crop.width) / 2;
  crop.y = (height - crop.height) / 2;
  return crop;
}

CivCropRect
civ_photo_move_crop (const CivCropRect *crop, int dx, int dy, int width, int height)
{
  CivCropRect out;

  g_return_val_if_fail (crop != NULL, (CivCropRect){ 0 });

  out = *crop;
  out.width = CLAMP (out.width, 0, MAX (width, 0));
  out.height = CLAMP (out.height, 0, MAX (height, 0));
  out.x = CLAMP (out.x + dx, 0, MAX (width - out.width, 0));
  out.y = CLAMP (out.y + dy, 0, MAX (height - out.height, 0));
  return out;
}

static cairo_status_t
write_to_array (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* The crop as a cairo RGB24 surface (BGRx in memory on little-endian). */
static cairo_surface_t *
crop_surface (const CivFrame *frame, const CivCropRect *crop)
{
  const guint8    *pixels = g_bytes_get_data (frame->pixels, NULL);
  cairo_surface_t *surface =
    cairo_image_surface_create (CAIRO_FORMAT_RGB24, crop->width, crop->height);
  guint8 *out;
  int     out_stride;

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    return surface;
  cairo_surface_flush (surface);
  out = cairo_image_surface_get_data (surface);
  out_stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < crop->height; y++)
    {
      const guint8 *src = pixels + (gsize) (crop->y + y) * frame->stride + (gsize) crop->x * 4;
      guint32      *dst = (guint32 *) (gpointer) (out + (gsize) y * out_stride);

      for (int x = 0; x < crop->width; x++, src += 4)
        {
          guint8 r, g, b;

          if (frame->format == CIV_PIXEL_FORMAT_BGRA)
            b = src[0], g = src[1], r = src[2];
          else
            r = src[0], g = src[1], b = src[2];
          dst[x] = 0xff000000u | ((guint32) r << 16) | ((guint32) g << 8) | b;
        }
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

CivDocumentInput *
civ_photo_make_document (const CivFrame     *frame,
                         const CivCropRect  *crop,
                         const CivPhotoSize *size,
                         const char         *file_name,
                         GError            **error)
{
  CivCropRect      area;
  cairo_surface_t *source, *photo;
  cairo_t         *cr;
  cairo_status_t   status;
  g_autoptr (GByteArray) png = NULL;
  g_autoptr (GBytes) bytes = NULL;
  int out_w, out_h;

  g_return_val_if_fail (frame != NULL && size != NULL, NULL);

  area = crop ? *crop : civ_photo_centred_crop (size, frame->width, frame->height);
  if (area.width <= 0 || area.height <= 0 || area.x < 0 || area.y < 0 ||
      area.x > frame->width - area.width || area.y > frame->height - area.height)
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                           _ ("The photo frame lies outside the picture. Move it back and take "
                              "the photo again."));
      return NULL;
    }

  civ_photo_print_pixels (size, &out_w, &out_h);
  source = crop_surface (frame, &area);
  photo = cairo_image_surface_create (CAIRO_FORMAT_RGB24, out_w, out_h);
  cr = cairo_create (photo);
  cairo_scale (cr, (double) out_w / area.width, (double) out_h / area.height);
  cairo_set_source_surface (cr, source, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
  cairo_paint (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (source);

  png = g_byte_array_new ();
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (photo, write_to_array, png);
  cairo_surface_destroy (photo);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                   _ ("The photo cannot be made (%s). Take it again."),
                   cairo_status_to_string (status));
      return NULL;
    }
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&png));
  return civ_document_input_new (CIV_DOCUMENT_COUPLE_PHOTO, file_name ? file_name : "photo.png",
                                 bytes, error);
}
