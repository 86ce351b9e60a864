// SPDX-License-Identifier: GPL-3.0-or-later
/* fuzz-tiff.c — a page image's TIFF (an archive book's multi-page scan):
 * counting its pictures, then reading the first and the last */
#include "civ-app-error.h"
#include "civ-fuzz.h"
#include "civ-tiff.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr (GError) error = NULL;
  guint n = 0;

  if (!civ_tiff_count_pages (bytes, &n, &error))
    {
      g_assert (g_error_matches (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID));
      return 0;
    }
  g_assert (n >= 1 && n <= CIV_TIFF_MAX_PAGES);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (GError) local = NULL;
      guint w = 0, h = 0;
      g_autoptr (GBytes) rgba = civ_tiff_read_page (bytes, i == 0 ? 0 : n - 1, &w, &h, &local);

      if (rgba == NULL)
        g_assert (g_error_matches (local, CIV_APP_ERROR, CIV_APP_ERROR_INVALID));
      else
        g_assert (w > 0 && h > 0 && (guint64) w * h <= CIV_TIFF_MAX_PIXELS &&
                  g_bytes_get_size (rgba) == (gsize) w * h * 4);
    }
  return 0;
}
