// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-card-data.c — decoding the text and photo of an ID card's chip */
#include "civ-card-data.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-idnumber.h"
#include "civ-calendar.h"

/* The fixed fields of the 256-byte text block, in bytes (docs/devices.md). */
enum
{
  F_NAME = 30,
  F_SEX = 2,
  F_ETHNICITY = 4,
  F_BIRTH = 16,
  F_ADDRESS = 70,
  F_NUMBER = 36,
  F_ISSUER = 30,
  F_VALID_FROM = 16,
  F_VALID_UNTIL = 16,
};

G_DEFINE_BOXED_TYPE (CivCardData, civ_card_data, civ_card_data_copy, civ_card_data_free)

CivCardData *
civ_card_data_copy (const CivCardData *d)
{
  CivCardData *c = g_new0 (CivCardData, 1);

  *c = *d;
  c->name = g_strdup (d->name);
  c->ethnicity_code = g_strdup (d->ethnicity_code);
  c->address = g_strdup (d->address);
  c->number = g_strdup (d->number);
  c->issuer = g_strdup (d->issuer);
  c->wlt = d->wlt ? g_bytes_ref (d->wlt) : NULL;
  c->photo_png = d->photo_png ? g_bytes_ref (d->photo_png) : NULL;
  return c;
}

void
civ_card_data_free (CivCardData *d)
{
  if (d == NULL)
    return;
  g_free (d->name);
  g_free (d->ethnicity_code);
  g_free (d->address);
  g_free (d->number);
  g_free (d->issuer);
  g_clear_pointer (&d->wlt, g_bytes_unref);
  g_clear_pointer (&d->photo_png, g_bytes_unref);
  g_free (d);
}

/* One field of UCS-2LE code units as UTF-8 without its trailing spaces;
 * NULL when a unit is a surrogate (UCS-2 has none), a control character or
 * a non-character. @label names the field in the message. */
static char *
decode_field (const guint8 *p, gsize len, const char *label, GError **error)
{
  g_autoptr (GString) out = g_string_sized_new (len * 2);

  for (gsize i = 0; i + 1 < len; i += 2)
    {
      gunichar c = (gunichar) p[i] | ((gunichar) p[i + 1] << 8);

      if ((c >= 0xD800 && c <= 0xDFFF) || c < 0x20 || (c >= 0x7F && c < 0xA0) || c == 0xFFFE ||
          c == 0xFFFF || (c >= 0xFDD0 && c <= 0xFDEF))
        {
          g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                       _ ("The card's %s does not read as text (character U+%04X); read "
                          "the card again, or type the details from the card"),
                       label, c);
          return NULL;
        }
      g_string_append_unichar (out, c);
    }
  while (out->len > 0 && (out->str[out->len - 1] == ' '))
    g_string_truncate (out, out->len - 1);
  /* 全角 spaces pad some issuers' fields too. */
  while (g_str_has_suffix (out->str, "\u3000"))
    g_string_truncate (out, out->len - strlen ("\u3000"));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
all_digits (const char *s, gsize n)
{
  return strlen (s) == n && civ_ascii_all_digits (s, n);
}

/* YYYYMMDD as on the card. */
static gboolean
parse_card_date (const char *s, GDate *out)
{
  int y, m, d;

  g_date_clear (out, 1);
  if (!all_digits (s, 8))
    return FALSE;
  y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  m = (s[4] - '0') * 10 + (s[5] - '0');
  d = (s[6] - '0') * 10 + (s[7] - '0');
  if (y < 1 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_set_dmy (out, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

CivCardData *
civ_card_data_parse (
  const guint8 *text, gsize text_len, const guint8 *wlt, gsize wlt_len, GError **error)
{
  g_autoptr (CivCardData) d = g_new0 (CivCardData, 1);
  g_autofree char *sex = NULL;
  g_autofree char *birth = NULL;
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;
  g_autoptr (CivIdCheck) check = NULL;
  const guint8 *p = text;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (text == NULL || text_len != CIV_CARD_TEXT_LEN)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("The card's text is %u bytes long instead of 256; read the card again"),
                   (guint) MIN (text ? text_len : 0, G_MAXUINT));
      return NULL;
    }
  if (wlt == NULL || wlt_len != CIV_CARD_WLT_LEN)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("The card's photo is %u bytes long instead of 1024; read the card again"),
                   (guint) MIN (wlt ? wlt_len : 0, G_MAXUINT));
      return NULL;
    }

#define FIELD(dest, size, label)                                                                   \
  G_STMT_START                                                                                     \
  {                                                                                                \
    dest = decode_field (p, size, label, error);                                                   \
    if (dest == NULL)                                                                              \
      return NULL;                                                                                 \
    p += size;                                                                                     \
  }                                                                                                \
  G_STMT_END

  FIELD (d->name, F_NAME, _ ("name"));
  FIELD (sex, F_SEX, _ ("sex"));
  FIELD (d->ethnicity_code, F_ETHNICITY, _ ("ethnicity"));
  FIELD (birth, F_BIRTH, _ ("birth date"));
  FIELD (d->address, F_ADDRESS, _ ("address"));
  FIELD (d->number, F_NUMBER, _ ("number"));
  FIELD (d->issuer, F_ISSUER, _ ("issuing authority"));
  FIELD (from, F_VALID_FROM, _ ("first day of validity"));
  FIELD (until, F_VALID_UNTIL, _ ("last day of validity"));
#undef FIELD

  if (d->name[0] == '\0')
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("The card holds no name; read the card again"));
      return NULL;
    }
  if (strcmp (sex, "1") == 0)
    d->sex = CIV_SEX_MALE;
  else if (strcmp (sex, "2") == 0)
    d->sex = CIV_SEX_FEMALE;
  else
    {
      civ_app_set_invalid (error, "R-ID10",
                           _ ("The card's sex code is not 1 (male) or 2 (female); read the card "
                              "again, or type the details from the card"));
      return NULL;
    }
  if (!all_digits (d->ethnicity_code, 2) || atoi (d->ethnicity_code) < 1 ||
      atoi (d->ethnicity_code) > 56)
    {
      civ_app_set_invalid (error, "R-ID10",
                           _ ("The card's ethnicity code is not one of 01 to 56 (GB/T 3304); "
                              "read the card again, or type the details from the card"));
      return NULL;
    }
  if (!parse_card_date (birth, &d->birth_date))
    {
      civ_app_set_invalid (error, "R-ID5",
                           _ ("The card's birth date is not a real date; read the card again"));
      return NULL;
    }
  if (d->address[0] == '\0' || d->issuer[0] == '\0')
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("The card holds no address or no issuing authority; read the card "
                      "again"));
      return NULL;
    }
  if (g_utf8_strlen (d->number, -1) != 18)
    {
      civ_app_set_invalid (error, "R-ID1",
                           _ ("The card's number is not 18 characters long; read the card again"));
      return NULL;
    }
  check = civ_id_check (d->number, CIV_DOC_RESIDENT_ID, NULL, NULL);
  if (!check->valid)
    {
      const char *rule = "R-ID2";

      for (guint i = 0; i < check->findings->len; i++)
        {
          const CivFinding *f = g_ptr_array_index (check->findings, i);
          if (f->severity == CIV_SEVERITY_REFUSE)
            {
              rule = f->rule;
              break;
            }
        }
      civ_app_set_invalid (error, rule,
                           _ ("The number on the card is not a valid identity number; read the "
                              "card again, or check the card by eye"));
      return NULL;
    }
  if (g_date_compare (&check->birth_date, &d->birth_date) != 0 || check->sex != d->sex)
    {
      civ_app_set_invalid (error, "R-ID1",
                           _ ("The card's birth date or sex does not agree with its number; check "
                              "the card by eye"));
      return NULL;
    }
  if (!parse_card_date (from, &d->valid_from))
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("The card's first day of validity is not a real date; read the card "
                      "again"));
      return NULL;
    }
  if (strcmp (until, "长期") == 0)
    {
      d->long_term = TRUE;
      g_date_clear (&d->valid_until, 1);
    }
  else if (!parse_card_date (until, &d->valid_until) ||
           g_date_compare (&d->valid_until, &d->valid_from) < 0)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("The card's last day of validity is not a real date after its first "
                      "day; read the card again"));
      return NULL;
    }

  d->wlt = g_bytes_new (wlt, wlt_len);
  return g_steal_pointer (&d);
}

gboolean
civ_card_data_expired_on (const CivCardData *d, const GDate *date)
{
  g_return_val_if_fail (d != NULL && date != NULL && g_date_valid (date), FALSE);

  if (d->long_term || !g_date_valid (&d->valid_until))
    return FALSE;
  return g_date_compare (&d->valid_until, date) < 0;
}
