// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-tiff.c — the pictures of a TIFF file, read from memory through libtiff */
#include "civ-tiff.h"

#include "civ-app-error.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <tiffio.h>

typedef struct
{
  const guint8 *data;
  gsize         len;
  gsize         pos;
} Source;

static tmsize_t
source_read (thandle_t handle, void *buf, tmsize_t size)
{
  Source *s = handle;
  gsize   n;

  if (size <= 0 || s->pos >= s->len)
    return 0;
  n = MIN ((gsize) size, s->len - s->pos);
  memcpy (buf, s->data + s->pos, n);
  s->pos += n;
  return (tmsize_t) n;
}

static tmsize_t
source_write (thandle_t handle, void *buf, tmsize_t size)
{
  return -1; /* read only */
}

static toff_t
source_seek (thandle_t handle, toff_t offset, int whence)
{
  Source *s = handle;
  guint64 base;

  switch (whence)
    {
    case SEEK_SET:
      base = 0;
      break;
    case SEEK_CUR:
      base = s->pos;
      break;
    case SEEK_END:
      base = s->len;
      break;
    default:
      return (toff_t) -1;
    }
  if (offset > G_MAXUINT64 - base || base + offset > s->len)
    return (toff_t) -1;
  s->pos = (gsize) (base + offset);
  return (toff_t) s->pos;
}

static int
source_close (thandle_t handle)
{
  return 0;
}

static toff_t
source_size (thandle_t handle)
{
  return (toff_t) ((Source *) handle)->len;
}

static int
source_map (thandle_t handle, void **base, toff_t *size)
{
  return 0; /* no mapping: libtiff reads through source_read */
}

static void
source_unmap (thandle_t handle, void *base, toff_t size)
{
}

static int
quiet_handler (TIFF *tif, void *user_data, const char *module, const char *fmt, va_list ap)
{
  return 1; /* handled: nothing on stderr, the caller says what went wrong */
}

static void
set_damaged (GError **error)
{
  g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                       _ ("The TIFF file is damaged or in a form that cannot be read"));
}

static TIFF *
open_tiff (GBytes *bytes, Source *source, GError **error)
{
  TIFFOpenOptions *options = TIFFOpenOptionsAlloc ();
  TIFF            *tif;

  source->data = g_bytes_get_data (bytes, &source->len);
  source->pos = 0;
  TIFFOpenOptionsSetErrorHandlerExtR (options, quiet_handler, NULL);
  TIFFOpenOptionsSetWarningHandlerExtR (options, quiet_handler, NULL);
  /* "m": no memory mapping (there is no file). */
  tif = TIFFClientOpenExt ("page", "rm", source, source_read, source_write, source_seek,
                           source_close, source_size, source_map, source_unmap, options);
  TIFFOpenOptionsFree (options);
  if (tif == NULL)
    set_damaged (error);
  return tif;
}

gboolean
civ_tiff_count_pages (GBytes *bytes, guint *n_pages, GError **error)
{
  Source source;
  TIFF  *tif;
  guint  n = 0;

  g_return_val_if_fail (bytes != NULL && n_pages != NULL, FALSE);
  tif = open_tiff (bytes, &source, error);
  if (tif == NULL)
    return FALSE;
  /* TIFFReadDirectory refuses a directory chain that loops. */
  do
    {
      if (++n > CIV_TIFF_MAX_PAGES)
        {
          TIFFClose (tif);
          g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                       _ ("The TIFF file holds more than %u pictures"), CIV_TIFF_MAX_PAGES);
          return FALSE;
        }
    }
  while (TIFFReadDirectory (tif));
  TIFFClose (tif);
  *n_pages = n;
  return TRUE;
}

GBytes *
civ_tiff_read_page (GBytes *bytes, guint index, guint *width, guint *height, GError **error)
{
  Source   source;
  TIFF    *tif;
  guint32  w = 0, h = 0;
  guint32 *raster;
  guint8  *rgba;

  g_return_val_if_fail (bytes != NULL && width != NULL && height != NULL, NULL);
  if (index >= CIV_TIFF_MAX_PAGES)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("The TIFF file has no picture %u"), index + 1);
      return NULL;
    }
  tif = open_tiff (bytes, &source, error);
  if (tif == NULL)
    return NULL;
  if (!TIFFSetDirectory (tif, (tdir_t) index))
    {
      TIFFClose (tif);
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("The TIFF file has no picture %u"), index + 1);
      return NULL;
    }
  TIFFGetField (tif, TIFFTAG_IMAGEWIDTH, &w);
  TIFFGetField (tif, TIFFTAG_IMAGELENGTH, &h);
  if (w == 0 || h == 0 || (guint64) w * h > CIV_TIFF_MAX_PIXELS)
    {
      TIFFClose (tif);
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("The picture is %u × %u pixels: a page image may have at most 100 "
                      "million pixels"),
                   w, h);
      return NULL;
    }
  raster = g_try_new (guint32, (gsize) w * h);
  if (raster == NULL)
    {
      TIFFClose (tif);
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                           _ ("There is not enough memory to show this picture"));
      return NULL;
    }
  if (!TIFFReadRGBAImageOriented (tif, w, h, raster, ORIENTATION_TOPLEFT, 0))
    {
      g_free (raster);
      TIFFClose (tif);
      set_damaged (error);
      return NULL;
    }
  TIFFClose (tif);
  /* ABGR words to R, G, B, A bytes whatever the machine's byte order. */
  rgba = (guint8 *) raster;
  for (gsize i = 0; i < (gsize) w * h; i++)
    {
      guint32 px = raster[i];

      rgba[4 * i] = (guint8) TIFFGetR (px);
      rgba[4 * i + 1] = (guint8) TIFFGetG (px);
      rgba[4 * i + 2] = (guint8) TIFFGetB (px);
      rgba[4 * i + 3] = (guint8) TIFFGetA (px);
    }
  *width = w;
  *height = h;
  return g_bytes_new_take (rgba, (gsize) w * h * 4);
}
