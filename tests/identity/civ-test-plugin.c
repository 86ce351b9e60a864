// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-test-plugin.c — an identity plug-in for tests (docs/devices.md, "Plug-ins")
 *
 * Proves the interface of app/identity/civ-identity-plugin.h without a
 * vendor SDK: decode_wlt paints a deterministic 102×126 PNG from the WLT
 * bytes with cairo (a grey level from their sum, a band per 128 bytes),
 * compare_face scores 100 minus the difference of the two photos' sizes
 * modulo 101, verify_fingerprint scores 88 (a match) without a card
 * template and the template's first byte modulo 101 with one.
 *
 * Built three times: as is, with CIV_TEST_PLUGIN_ABI set to another
 * version, and with CIV_TEST_PLUGIN_NO_VENDOR (the loader's checks).
 */
#include <cairo.h>
#include <gmodule.h>
#include <stdlib.h>
#include <string.h>

#include "civ-identity-plugin.h"

#ifndef CIV_TEST_PLUGIN_ABI
#define CIV_TEST_PLUGIN_ABI CIV_IDENTITY_PLUGIN_ABI_VERSION
#endif

typedef struct
{
  unsigned char *data;
  size_t         len;
} Buffer;

static cairo_status_t
write_png (void *closure, const unsigned char *data, unsigned int length)
{
  Buffer        *b = closure;
  unsigned char *grown = realloc (b->data, b->len + length);

  if (grown == NULL)
    return CAIRO_STATUS_NO_MEMORY;
  memcpy (grown + b->len, data, length);
  b->data = grown;
  b->len += length;
  return CAIRO_STATUS_SUCCESS;
}

static int
decode_wlt (const unsigned char *wlt,
            size_t               wlt_len,
            unsigned char      **png,
            size_t              *png_len,
            char               **error_message)
{
  cairo_surface_t *s;
  cairo_t         *cr;
  Buffer           b = { NULL, 0 };
  unsigned long    sum = 0;

  if (wlt_len != 1024 || wlt[0] != 'W' || wlt[1] != 'L')
    {
      *error_message = strdup ("not a WLT photo");
      return 1;
    }
  for (size_t i = 0; i < wlt_len; i++)
    sum += wlt[i];
  s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 102, 126);
  cr = cairo_create (s);
  cairo_set_source_rgb (cr, (double) (sum % 256) / 255.0, 0.5, 0.75);
  cairo_paint (cr);
  for (int band = 0; band < 8; band++)
    {
      cairo_set_source_rgb (cr, wlt[band * 128 + 2] / 255.0, wlt[band * 128 + 3] / 255.0, 0.25);
      cairo_rectangle (cr, 0, band * 15.75, 102, 4);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
  if (cairo_surface_write_to_png_stream (s, write_png, &b) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (s);
      free (b.data);
      *error_message = strdup ("cairo could not write the PNG");
      return 1;
    }
  cairo_surface_destroy (s);
  *png = b.data;
  *png_len = b.len;
  return 0;
}

static int
compare_face (const unsigned char *card_png,
              size_t               card_png_len,
              const unsigned char *live,
              size_t               live_len,
              int                 *score,
              int                 *match,
              char               **error_message)
{
  size_t diff = card_png_len > live_len ? card_png_len - live_len : live_len - card_png_len;

  (void) card_png;
  if (live_len == 0 || live == NULL)
    {
      *error_message = strdup ("no live photo");
      return 1;
    }
  *score = 100 - (int) (diff % 101);
  *match = *score >= 80;
  return 0;
}

static int
verify_fingerprint (const unsigned char *card_template,
                    size_t               card_template_len,
                    int                 *score,
                    int                 *match,
                    char               **error_message)
{
  (void) error_message;
  *score = card_template && card_template_len > 0 ? card_template[0] % 101 : 88;
  *match = *score >= 60;
  return 0;
}

static const CivIdentityPluginV1 table = {
  .abi_version = CIV_TEST_PLUGIN_ABI,
#ifdef CIV_TEST_PLUGIN_NO_VENDOR
  .vendor = NULL,
#else
  .vendor = "Civreg tests",
#endif
  .device = "civ-test-plugin",
  .decode_wlt = decode_wlt,
  .compare_face = compare_face,
  .verify_fingerprint = verify_fingerprint,
};

G_MODULE_EXPORT const CivIdentityPluginV1 *civ_identity_plugin_v1 (void);

G_MODULE_EXPORT const CivIdentityPluginV1 *
civ_identity_plugin_v1 (void)
{
  return &table;
}
