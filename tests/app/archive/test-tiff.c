// SPDX-License-Identifier: GPL-3.0-or-later
/* test-tiff.c — the pictures of a multi-page TIFF scan, read from memory */
#include "civ-app-error.h"
#include "civ-tiff.h"

#include "civ-test-utils.h"

#include <string.h>
#include <tiffio.h>

static const guint8 colours[3][3] = { { 200, 30, 30 }, { 30, 160, 40 }, { 20, 40, 210 } };

static void
test_pages (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) tiff = civ_test_make_tiff (3, colours, 7, 5, COMPRESSION_LZW);
  guint n = 0;

  g_assert_true (civ_tiff_count_pages (tiff, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);
  /* Every picture, not the first three times. */
  for (guint p = 0; p < 3; p++)
    {
      guint w = 0, h = 0;
      g_autoptr (GBytes) rgba = civ_tiff_read_page (tiff, p, &w, &h, &error);
      const guint8 *px;

      g_assert_no_error (error);
      g_assert_cmpuint (w, ==, 7);
      g_assert_cmpuint (h, ==, 5);
      g_assert_cmpuint (g_bytes_get_size (rgba), ==, 7 * 5 * 4);
      px = g_bytes_get_data (rgba, NULL);
      for (guint i = 0; i < 7 * 5; i++)
        {
          g_assert_cmpuint (px[4 * i], ==, colours[p][0]);
          g_assert_cmpuint (px[4 * i + 1], ==, colours[p][1]);
          g_assert_cmpuint (px[4 * i + 2], ==, colours[p][2]);
          g_assert_cmpuint (px[4 * i + 3], ==, 255);
        }
    }
}

static void
test_no_such_page (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) tiff = civ_test_make_tiff (2, colours, 3, 3, COMPRESSION_NONE);
  guint w = 0, h = 0;
  g_autoptr (GBytes) rgba = civ_tiff_read_page (tiff, 2, &w, &h, &error);

  g_assert_null (rgba);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
}

/* Outside bytes: damage is an error, never a crash or a picture. */
static void
test_damaged (void)
{
  g_autoptr (GBytes) tiff = civ_test_make_tiff (2, colours, 64, 64, COMPRESSION_NONE);
  static const char *const not_tiff[] = { "", "II*", "II*\0\xff\xff\xff\xff", "%PDF-1.4" };

  for (guint i = 0; i < G_N_ELEMENTS (not_tiff); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) bytes =
        g_bytes_new_static (not_tiff[i], i == 2 ? 8 : strlen (not_tiff[i]));
      guint n = 99;

      g_assert_false (civ_tiff_count_pages (bytes, &n, &error));
      g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
      g_assert_cmpuint (n, ==, 99);
    }
  /* Cut in the second picture's pixels: the first still reads, the second not. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (GBytes) cut =
      g_bytes_new_from_bytes (tiff, 0, g_bytes_get_size (tiff) - 64 * 64 * 3);
    guint w = 0, h = 0;
    g_autoptr (GBytes) page = NULL;

    page = civ_tiff_read_page (cut, 0, &w, &h, &error);
    if (page == NULL)
      g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/archive/tiff/pages", test_pages);
  g_test_add_func ("/archive/tiff/no-such-page", test_no_such_page);
  g_test_add_func ("/archive/tiff/damaged", test_damaged);
  return g_test_run ();
}
