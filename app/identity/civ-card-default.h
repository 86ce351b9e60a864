// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-card-default.h — the counter's one ID-card reader
 *
 * Every party panel of every page reads the same reader: the first caller
 * creates it on the port configured (civ_card_reader_configured_port ():
 * $CIVREG_CARD_READER for support staff, tests and `make run` with the
 * simulator, or else the GSettings key `card-reader-port`) and starts
 * watching it; the reader lives as long as
 * someone holds a reference, and the next caller after that gets a new one.
 * Call from the main thread: the reader's signals come there.
 */
#pragma once

#include "civ-card-reader.h"

G_BEGIN_DECLS

/* A new reference to the counter's reader, watching its port; NULL when
 * no port is set up. */
CivCardReader *civ_card_reader_dup_default (void);

/* How an identity check names @reader as its device: "ID-card reader on
 * /dev/ttyUSB0", in the user's language. */
char *civ_card_reader_describe (CivCardReader *reader);

G_END_DECLS
