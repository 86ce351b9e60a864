// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-card-data.h — what a second-generation ID card's chip holds
 *
 * Pure functions, no I/O. The chip answers the "read text and photo"
 * command with 256 bytes of UCS-2LE text in fixed fields and a 1024-byte
 * WLT photo (docs/devices.md). Every field is checked: a card whose text
 * does not decode, or whose dates, sex, ethnicity or number are not what a
 * card carries, is refused with CIV_APP_ERROR_INVALID and a sentence for
 * the counter; nothing is guessed.
 */
#pragma once

#include <glib-object.h>

#include "civ-idnumber.h"

G_BEGIN_DECLS

#define CIV_CARD_TEXT_LEN 256
#define CIV_CARD_WLT_LEN 1024

typedef struct
{
  char    *name; /* UTF-8, trailing spaces trimmed */
  CivSex   sex;
  char    *ethnicity_code; /* "01".."56", GB/T 3304, as on the card */
  GDate    birth_date;
  char    *address;
  char    *number; /* 18 characters, checked with civ_id_check () */
  char    *issuer; /* 签发机关 */
  GDate    valid_from;
  GDate    valid_until; /* invalid when long-term (长期) */
  gboolean long_term;
  GBytes  *wlt;       /* the raw 1024-byte WLT photo, never altered */
  GBytes  *photo_png; /* decoded by a plug-in, or NULL ("photo not decoded") */
} CivCardData;

#define CIV_TYPE_CARD_DATA (civ_card_data_get_type ())
GType        civ_card_data_get_type (void);
CivCardData *civ_card_data_copy (const CivCardData *d);
void         civ_card_data_free (CivCardData *d);

/* Parses the 256-byte UCS-2LE text block and takes a copy of the 1024-byte
 * WLT photo; NULL and CIV_APP_ERROR_INVALID (with the rule where one
 * applies) on anything wrong. */
CivCardData *civ_card_data_parse (
  const guint8 *text, gsize text_len, const guint8 *wlt, gsize wlt_len, GError **error);

/* TRUE when the card's validity ended before @date (valid_until < @date);
 * a long-term card never expires. */
gboolean civ_card_data_expired_on (const CivCardData *d, const GDate *date);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivCardData, civ_card_data_free)

G_END_DECLS
