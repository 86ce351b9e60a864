// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-card-frame.c — GA/T 467 SAM frames */
#include "civ-card-frame.h"

#include <string.h>

static const guint8 preamble[CIV_CARD_FRAME_PREAMBLE_LEN] = { 0xAA, 0xAA, 0xAA, 0x96, 0x69 };

void
civ_card_answer_clear (CivCardAnswer *answer)
{
  g_clear_pointer (&answer->data, g_bytes_unref);
}

static GBytes *
build (const guint8 head[3], gsize head_len, const guint8 *data, gsize len)
{
  gsize   n = head_len + len + 1; /* LEN: payload and checksum */
  guint8 *f;
  guint8  chk = 0;
  gsize   pos = 0;

  g_return_val_if_fail (n <= 0xFFFF, NULL);
  g_return_val_if_fail (data != NULL || len == 0, NULL);

  f = g_malloc (CIV_CARD_FRAME_PREAMBLE_LEN + 2 + n);
  memcpy (f, preamble, CIV_CARD_FRAME_PREAMBLE_LEN);
  pos = CIV_CARD_FRAME_PREAMBLE_LEN;
  f[pos++] = (guint8) (n >> 8);
  f[pos++] = (guint8) (n & 0xFF);
  memcpy (f + pos, head, head_len);
  pos += head_len;
  if (len > 0)
    memcpy (f + pos, data, len);
  pos += len;
  for (gsize i = CIV_CARD_FRAME_PREAMBLE_LEN; i < pos; i++)
    chk ^= f[i];
  f[pos++] = chk;
  return g_bytes_new_take (f, pos);
}

GBytes *
civ_card_frame_build (guint8 cmd, guint8 param, const guint8 *data, gsize len)
{
  const guint8 head[3] = { cmd, param, 0 };

  return build (head, 2, data, len);
}

GBytes *
civ_card_frame_build_answer (guint8 sw1, guint8 sw2, guint8 sw3, const guint8 *data, gsize len)
{
  const guint8 head[3] = { sw1, sw2, sw3 };

  return build (head, 3, data, len);
}

/* Finds one frame whose payload is at least @min_payload bytes; sets
 * *@payload / *@payload_len (pointing into @buf) when OK. */
static CivCardFrameStatus
scan (const guint8  *buf,
      gsize          len,
      gsize          min_payload,
      gsize         *consumed,
      const guint8 **payload,
      gsize         *payload_len)
{
  gsize start = 0;

  *consumed = 0;
  for (;;)
    {
      gsize  n;
      guint8 chk = 0;

      /* Skip to the next preamble; a partial one at the end is kept. */
      while (start < len)
        {
          gsize m = MIN (len - start, CIV_CARD_FRAME_PREAMBLE_LEN);
          if (memcmp (buf + start, preamble, m) == 0)
            break;
          start++;
        }
      *consumed = start;
      if (len - start < CIV_CARD_FRAME_PREAMBLE_LEN + 2)
        return CIV_CARD_FRAME_NEED_MORE;

      n = ((gsize) buf[start + 5] << 8) | buf[start + 6];
      if (n < min_payload + 1 || n > CIV_CARD_FRAME_MAX_LEN)
        {
          *consumed = start + CIV_CARD_FRAME_PREAMBLE_LEN;
          return CIV_CARD_FRAME_BAD;
        }
      if (len - start < CIV_CARD_FRAME_PREAMBLE_LEN + 2 + n)
        return CIV_CARD_FRAME_NEED_MORE;

      for (gsize i = start + CIV_CARD_FRAME_PREAMBLE_LEN;
           i < start + CIV_CARD_FRAME_PREAMBLE_LEN + 2 + n; i++)
        chk ^= buf[i];
      *consumed = start + CIV_CARD_FRAME_PREAMBLE_LEN + 2 + n;
      /* The checksum byte XORed into the rest gives 0 when it is right. */
      if (chk != 0)
        return CIV_CARD_FRAME_BAD;
      *payload = buf + start + CIV_CARD_FRAME_PREAMBLE_LEN + 2;
      *payload_len = n - 1;
      return CIV_CARD_FRAME_OK;
    }
}

CivCardFrameStatus
civ_card_frame_scan (const guint8 *buf, gsize len, gsize *consumed, CivCardAnswer *answer)
{
  const guint8      *p = NULL;
  gsize              n = 0;
  CivCardFrameStatus status;

  g_return_val_if_fail (buf != NULL || len == 0, CIV_CARD_FRAME_NEED_MORE);
  g_return_val_if_fail (consumed != NULL && answer != NULL, CIV_CARD_FRAME_NEED_MORE);

  status = scan (buf, len, 3, consumed, &p, &n);
  if (status == CIV_CARD_FRAME_OK)
    {
      answer->sw1 = p[0];
      answer->sw2 = p[1];
      answer->sw3 = p[2];
      g_clear_pointer (&answer->data, g_bytes_unref);
      answer->data = g_bytes_new (p + 3, n - 3);
    }
  return status;
}

CivCardFrameStatus
civ_card_frame_scan_command (
  const guint8 *buf, gsize len, gsize *consumed, guint8 *cmd, guint8 *param, GBytes **data)
{
  const guint8      *p = NULL;
  gsize              n = 0;
  CivCardFrameStatus status;

  g_return_val_if_fail (buf != NULL || len == 0, CIV_CARD_FRAME_NEED_MORE);

  status = scan (buf, len, 2, consumed, &p, &n);
  if (status == CIV_CARD_FRAME_OK)
    {
      *cmd = p[0];
      *param = p[1];
      *data = g_bytes_new (p + 2, n - 2);
    }
  return status;
}
