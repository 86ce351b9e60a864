// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-card-frame.h — GA/T 467 SAM frames of an ID-card reader, a pure codec
 *
 * Every frame, either way (docs/devices.md):
 *
 *   AA AA AA 96 69 | LEN (2 bytes, big-endian) | payload | CHK
 *
 * LEN counts the bytes after it, the checksum included; CHK is the XOR of
 * LEN's two bytes and the payload. A host→reader payload is CMD PARA DATA;
 * a reader→host payload is SW1 SW2 SW3 DATA, SW3 the status
 * (CIV_CARD_SW_…). No I/O here: the reader (civ-card-reader.h), the
 * simulator and the fuzz target share it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CIV_CARD_FRAME_PREAMBLE_LEN 5
/* The longest LEN accepted: the read answer (3 + 4 + 256 + 1024 + 1) and
 * room for a reader that also sends a fingerprint template (1024). */
#define CIV_CARD_FRAME_MAX_LEN 2400

/* Commands (CMD, PARA). */
#define CIV_CARD_CMD_RESET 0x10
#define CIV_CARD_PARA_RESET 0xFF
#define CIV_CARD_CMD_FIND 0x20
#define CIV_CARD_PARA_FIND 0x01
#define CIV_CARD_CMD_SELECT 0x20
#define CIV_CARD_PARA_SELECT 0x02
#define CIV_CARD_CMD_READ 0x30
#define CIV_CARD_PARA_READ 0x01

/* SW3 of an answer (SW1 SW2 are 00 00). */
#define CIV_CARD_SW_OK 0x90           /* success */
#define CIV_CARD_SW_FIND_OK 0x9F      /* a card was found */
#define CIV_CARD_SW_NO_CARD 0x80      /* find: no card */
#define CIV_CARD_SW_SELECT_FAIL 0x81  /* select failed */
#define CIV_CARD_SW_READ_FAIL 0x41    /* read failed */
#define CIV_CARD_SW_BAD_CHECKSUM 0x10 /* the reader got a damaged frame */
#define CIV_CARD_SW_BAD_LENGTH 0x11
#define CIV_CARD_SW_BAD_COMMAND 0x21

typedef enum
{
  CIV_CARD_FRAME_OK,        /* one whole frame, its checksum right */
  CIV_CARD_FRAME_NEED_MORE, /* no whole frame yet */
  CIV_CARD_FRAME_BAD,       /* a frame with a wrong checksum or an impossible length */
} CivCardFrameStatus;

typedef struct
{
  guint8  sw1, sw2, sw3;
  GBytes *data; /* what follows SW3, without the checksum; never NULL when OK */
} CivCardAnswer;

void civ_card_answer_clear (CivCardAnswer *answer);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CivCardAnswer, civ_card_answer_clear)

/* A host→reader frame. */
GBytes *civ_card_frame_build (guint8 cmd, guint8 param, const guint8 *data, gsize len);
/* A reader→host frame (the simulator's answers, tests). */
GBytes *civ_card_frame_build_answer (
  guint8 sw1, guint8 sw2, guint8 sw3, const guint8 *data, gsize len);

/* Scans @buf for one complete answer frame, skipping anything before the
 * preamble. *@consumed is how many bytes of @buf the caller may drop: the
 * garbage and the frame when OK or BAD (for an impossible length, the
 * preamble: the next scan looks further), the garbage only when NEED_MORE
 * (a partial preamble at the end is kept). @answer is filled when OK. */
CivCardFrameStatus civ_card_frame_scan (const guint8  *buf,
                                        gsize          len,
                                        gsize         *consumed,
                                        CivCardAnswer *answer);

/* The same for a host→reader frame (the simulator): CMD, PARA, DATA. */
CivCardFrameStatus civ_card_frame_scan_command (
  const guint8 *buf, gsize len, gsize *consumed, guint8 *cmd, guint8 *param, GBytes **data);

G_END_DECLS
