// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-card-default.c — the counter's one ID-card reader */
#include "civ-card-default.h"

#include <glib/gi18n-lib.h>

static GWeakRef default_reader;

CivCardReader *
civ_card_reader_dup_default (void)
{
  CivCardReader   *reader = g_weak_ref_get (&default_reader);
  g_autofree char *port = NULL;

  if (reader != NULL)
    return reader;
  port = civ_card_reader_configured_port ();
  if (port == NULL)
    return NULL;
  reader = civ_card_reader_new (port);
  g_weak_ref_set (&default_reader, reader);
  civ_card_reader_start (reader);
  return reader;
}

char *
civ_card_reader_describe (CivCardReader *reader)
{
  g_return_val_if_fail (CIV_IS_CARD_READER (reader), NULL);

  /* Translators: the device of an identity check; %s is a serial port. */
  return g_strdup_printf (_ ("ID-card reader on %s"), civ_card_reader_get_port (reader));
}
