// SPDX-License-Identifier: GPL-3.0-or-later
/* fuzz-card-frame.c — what an ID-card reader sends: the frame scanner over
 * the whole input (both directions) and the card's text and photo, as the
 * reader decodes a read answer (app/identity/civ-card-frame.h,
 * civ-card-data.h) */
#include <string.h>

#include "civ-app-error.h"
#include "civ-card-data.h"
#include "civ-card-frame.h"
#include "civ-fuzz.h"

static void
check_card (const guint8 *text, gsize text_len, const guint8 *wlt, gsize wlt_len)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivCardData) d = civ_card_data_parse (text, text_len, wlt, wlt_len, &error);

  if (d == NULL)
    {
      g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
      return;
    }
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (d->name, -1, NULL) && d->name[0] != '\0');
  g_assert_true (g_utf8_validate (d->address, -1, NULL));
  g_assert_true (g_utf8_validate (d->issuer, -1, NULL));
  g_assert_cmpuint (g_utf8_strlen (d->number, -1), ==, 18);
  g_assert_true (d->sex == CIV_SEX_MALE || d->sex == CIV_SEX_FEMALE);
  g_assert_true (g_date_valid (&d->birth_date) && g_date_valid (&d->valid_from));
  g_assert_true (d->long_term != g_date_valid (&d->valid_until));
  g_assert_cmpmem (g_bytes_get_data (d->wlt, NULL), g_bytes_get_size (d->wlt), wlt, wlt_len);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  gsize pos = 0;

  /* Answers, one after another, as the reader's buffer holds them. */
  while (pos < size)
    {
      g_auto (CivCardAnswer) a = { 0 };
      gsize              used = 0;
      CivCardFrameStatus s = civ_card_frame_scan (data + pos, size - pos, &used, &a);

      g_assert_cmpuint (used, <=, size - pos);
      if (s == CIV_CARD_FRAME_NEED_MORE)
        {
          g_assert_null (a.data);
          break;
        }
      g_assert_cmpuint (used, >, 0);
      if (s == CIV_CARD_FRAME_OK)
        {
          gsize         n;
          const guint8 *p = g_bytes_get_data (a.data, &n);

          g_assert_cmpuint (n + 4, <=, CIV_CARD_FRAME_MAX_LEN);
          /* A read answer: text length, photo length, text, photo. */
          if (n >= 4)
            {
              gsize tl = (gsize) p[0] << 8 | p[1], pl = (gsize) p[2] << 8 | p[3];
              if (n == 4 + tl + pl)
                check_card (p + 4, tl, p + 4 + tl, pl);
            }
        }
      else
        g_assert_null (a.data);
      pos += used;
    }

  /* Commands, as the simulator reads them. */
  pos = 0;
  while (pos < size)
    {
      g_autoptr (GBytes) d = NULL;
      guint8             cmd, para;
      gsize              used = 0;
      CivCardFrameStatus s =
        civ_card_frame_scan_command (data + pos, size - pos, &used, &cmd, &para, &d);

      g_assert_cmpuint (used, <=, size - pos);
      if (s == CIV_CARD_FRAME_NEED_MORE)
        break;
      g_assert_cmpuint (used, >, 0);
      g_assert_true ((s == CIV_CARD_FRAME_OK) == (d != NULL));
      pos += used;
    }

  /* The input as the card's text and photo themselves. */
  if (size >= CIV_CARD_TEXT_LEN + CIV_CARD_WLT_LEN)
    check_card (data, CIV_CARD_TEXT_LEN, data + CIV_CARD_TEXT_LEN, CIV_CARD_WLT_LEN);
  else if (size >= CIV_CARD_TEXT_LEN)
    {
      static const guint8 wlt[CIV_CARD_WLT_LEN];
      check_card (data, CIV_CARD_TEXT_LEN, wlt, sizeof wlt);
    }
  return 0;
}
