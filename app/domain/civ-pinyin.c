// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-pinyin.c — search keys for Chinese names (ICU Han-Latin transliteration) */
#include "civ-pinyin.h"

#include <glib/gi18n-lib.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "civ-app-error.h"

struct _CivPinyin
{
  GMutex           lock;
  UTransliterator *trans;
};

CivPinyin *
civ_pinyin_new (GError **error)
{
  static const char id[] = "Han-Latin/Names; Latin-ASCII; Lower";
  UErrorCode        status = U_ZERO_ERROR;
  UChar             uid[64];
  CivPinyin        *self;

  u_uastrcpy (uid, id);
  self = g_new0 (CivPinyin, 1);
  g_mutex_init (&self->lock);
  self->trans = utrans_openU (uid, -1, UTRANS_FORWARD, NULL, 0, NULL, &status);
  if (U_FAILURE (status) || self->trans == NULL)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                   _ ("The ICU transliteration data for pinyin is missing (%s)"),
                   u_errorName (status));
      civ_pinyin_free (self);
      return NULL;
    }
  return self;
}

void
civ_pinyin_free (CivPinyin *self)
{
  if (self == NULL)
    return;
  if (self->trans)
    utrans_close (self->trans);
  g_mutex_clear (&self->lock);
  g_free (self);
}

gboolean
civ_pinyin_name (CivPinyin *self, const char *name, char **full, char **initials)
{
  UErrorCode        status = U_ZERO_ERROR;
  g_autofree UChar *buf = NULL;
  g_autofree char  *spaced = NULL;
  int32_t           len = 0, cap, limit;
  GString          *f;
  GString          *ini;
  gboolean          at_word = TRUE;

  g_return_val_if_fail (self != NULL, FALSE);
  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return FALSE;

  u_strFromUTF8 (NULL, 0, &len, name, -1, &status);
  status = U_ZERO_ERROR;
  /* A Han character becomes at most 7 Latin letters and a space. */
  cap = len * 8 + 8;
  buf = g_new0 (UChar, cap);
  u_strFromUTF8 (buf, cap, &len, name, -1, &status);
  if (U_FAILURE (status))
    return FALSE;
  limit = len;
  g_mutex_lock (&self->lock);
  utrans_transUChars (self->trans, buf, &len, cap, 0, &limit, &status);
  g_mutex_unlock (&self->lock);
  if (U_FAILURE (status))
    return FALSE;
  spaced = g_new0 (char, (gsize) len * 4 + 1);
  u_strToUTF8 (spaced, len * 4 + 1, NULL, buf, len, &status);
  if (U_FAILURE (status))
    return FALSE;

  f = g_string_new (NULL);
  ini = g_string_new (NULL);
  for (const char *p = spaced; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          g_string_append_c (f, *p);
          if (at_word)
            g_string_append_c (ini, *p);
          at_word = FALSE;
        }
      else
        at_word = TRUE;
    }
  if (full)
    *full = g_string_free (f, FALSE);
  else
    g_string_free (f, TRUE);
  if (initials)
    *initials = g_string_free (ini, FALSE);
  else
    g_string_free (ini, TRUE);
  return TRUE;
}

char *
civ_pinyin_normalize_query (const char *query)
{
  GString *s = g_string_new (NULL);

  for (const char *p = query; p && *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (s, g_ascii_tolower (*p));
  return g_string_free (s, FALSE);
}
