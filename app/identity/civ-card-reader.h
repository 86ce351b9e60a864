// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-card-reader.h — a second-generation ID-card reader on a serial port
 *
 * The port is driven with termios on a thread of the reader's own, never
 * on the main or the database thread. Watching (civ_card_reader_start ())
 * opens the port when it appears (the path is looked at every second: a
 * USB-serial reader plugged in or out), asks "find card" a few times a
 * second, and reads a card placed on the reader once: "card-read" is
 * emitted on the main context the reader was made in. Properties change
 * there too. A card left on the reader is read again only after it was
 * taken away (or with civ_card_reader_read_async (), F2).
 */
#pragma once

#include <gio/gio.h>

#include "civ-card-data.h"

G_BEGIN_DECLS

typedef enum
{
  CIV_CARD_READER_NO_READER,
  CIV_CARD_READER_NO_CARD,
  CIV_CARD_READER_READING,
  CIV_CARD_READER_CARD_READ,
  CIV_CARD_READER_ERROR,
} CivCardReaderState;

GType civ_card_reader_state_get_type (void);
#define CIV_TYPE_CARD_READER_STATE (civ_card_reader_state_get_type ())

/* Why a read failed (besides CIV_APP_ERROR_INVALID for a card whose
 * text is wrong, and G_IO_ERROR_CANCELLED). */
#define CIV_CARD_READER_ERROR_DOMAIN (civ_card_reader_error_quark ())
typedef enum
{
  CIV_CARD_READER_ERROR_NO_READER,    /* the port is not there or does not open */
  CIV_CARD_READER_ERROR_NO_CARD,      /* no card on the reader */
  CIV_CARD_READER_ERROR_NO_ANSWER,    /* the reader did not answer in time */
  CIV_CARD_READER_ERROR_DAMAGED,      /* an answer with a wrong checksum or length */
  CIV_CARD_READER_ERROR_CUT_SHORT,    /* an answer that stopped half-way */
  CIV_CARD_READER_ERROR_CARD_REMOVED, /* the card was taken away during the read */
  CIV_CARD_READER_ERROR_FAILED,       /* the reader said the read failed (its status) */
} CivCardReaderErrorCode;
GQuark civ_card_reader_error_quark (void);

#define CIV_TYPE_CARD_READER (civ_card_reader_get_type ())
G_DECLARE_FINAL_TYPE (CivCardReader, civ_card_reader, CIV, CARD_READER, GObject)

/* The reader's port configured for this window: $CIVREG_CARD_READER, or
 * else the GSettings key card-reader-port; NULL when neither names one. */
char *civ_card_reader_configured_port (void);

/* @port: a device path (/dev/ttyUSB0), possibly a link. */
CivCardReader     *civ_card_reader_new (const char *port);
const char        *civ_card_reader_get_port (CivCardReader *self);
CivCardReaderState civ_card_reader_get_state (CivCardReader *self);
/* A translated sentence for the counter. */
const char        *civ_card_reader_get_message (CivCardReader *self);
/* The error of the ERROR state (NULL otherwise): tests and callers read
 * its domain and code. */
const GError      *civ_card_reader_get_error (CivCardReader *self);

void civ_card_reader_start (CivCardReader *self);
/* Stops watching and joins the thread; also on dispose. */
void civ_card_reader_stop (CivCardReader *self);

/* One read now: reset, find, select, read; completes on the caller's
 * main context. Works whether or not watching, one port user at a time. */
void         civ_card_reader_read_async (CivCardReader      *self,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
CivCardData *civ_card_reader_read_finish (CivCardReader *self, GAsyncResult *res, GError **error);

/* Blocking: opens @port, waits up to @timeout_ms for a card, reads it,
 * closes the port (civreg-cli card read). The photo is decoded when a
 * plug-in can (civ_identity_plugin_get_default ()). */
CivCardData *civ_card_read_port (const char *port, guint timeout_ms, GError **error);

G_END_DECLS
