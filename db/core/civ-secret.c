// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-secret.c — key material in libgcrypt secure memory */
#include "civ-secret.h"

#include <gcrypt.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "civ-db-error.h"

struct _CivSecret
{
  gsize   len;
  guint8 *data; /* gcry_malloc_secure */
};

gboolean
civ_crypto_init (GError **error)
{
  static gsize    initialized = 0;
  static gboolean ok = FALSE;

  if (g_once_init_enter (&initialized))
    {
      if (gcry_control (GCRYCTL_INITIALIZATION_FINISHED_P))
        ok = gcry_check_version ("1.10.0") != NULL;
      else if (gcry_check_version ("1.10.0") != NULL)
        {
          /* 1 MiB of locked memory: the data key, KDF outputs and passwords. */
          gcry_control (GCRYCTL_SUSPEND_SECMEM_WARN);
          gcry_control (GCRYCTL_INIT_SECMEM, 1024 * 1024, 0);
          gcry_control (GCRYCTL_RESUME_SECMEM_WARN);
          gcry_control (GCRYCTL_INITIALIZATION_FINISHED, 0);
          ok = TRUE;
        }
      g_once_init_leave (&initialized, 1);
    }

  if (!ok)
    g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_CRYPTO,
                 _ ("libgcrypt 1.10 or newer is required"));
  return ok;
}

CivSecret *
civ_secret_new (gsize len)
{
  CivSecret *secret;

  g_return_val_if_fail (len > 0, NULL);
  civ_crypto_init (NULL);

  secret = g_new0 (CivSecret, 1);
  secret->len = len;
  secret->data = gcry_calloc_secure (1, len);
  if (secret->data == NULL)
    g_error ("out of secure memory");
  return secret;
}

CivSecret *
civ_secret_new_random (gsize len)
{
  CivSecret *secret = civ_secret_new (len);

  gcry_randomize (secret->data, len, GCRY_VERY_STRONG_RANDOM);
  return secret;
}

CivSecret *
civ_secret_new_from_data (const guint8 *data, gsize len)
{
  CivSecret *secret = civ_secret_new (len);

  memcpy (secret->data, data, len);
  return secret;
}

CivSecret *
civ_secret_copy (const CivSecret *secret)
{
  g_return_val_if_fail (secret != NULL, NULL);
  return civ_secret_new_from_data (secret->data, secret->len);
}

guint8 *
civ_secret_get_data (CivSecret *secret)
{
  g_return_val_if_fail (secret != NULL, NULL);
  return secret->data;
}

const guint8 *
civ_secret_peek (const CivSecret *secret)
{
  g_return_val_if_fail (secret != NULL, NULL);
  return secret->data;
}

gsize
civ_secret_get_len (const CivSecret *secret)
{
  g_return_val_if_fail (secret != NULL, 0);
  return secret->len;
}

gboolean
civ_memeq_const_time (const guint8 *a, const guint8 *b, gsize len)
{
  guint8 diff = 0;

  for (gsize i = 0; i < len; i++)
    diff |= a[i] ^ b[i];
  return diff == 0;
}

gboolean
civ_secret_equal (const CivSecret *a, const CivSecret *b)
{
  if (a->len != b->len)
    return FALSE;
  return civ_memeq_const_time (a->data, b->data, a->len);
}

void
civ_secret_free (CivSecret *secret)
{
  if (secret == NULL)
    return;
  /* gcry_free wipes secure memory before releasing it. */
  gcry_free (secret->data);
  g_free (secret);
}
