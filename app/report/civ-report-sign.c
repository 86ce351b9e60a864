// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-report-sign.c — Ed25519 with libgcrypt's eddsa s-expressions */
#include "civ-report-sign.h"

#include <gcrypt.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "civ-report.h"

static gboolean
crypto_fail (GError **error, gcry_error_t err, const char *what)
{
  g_set_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_CRYPTO, "%s: %s", what,
               gcry_strerror (err));
  return FALSE;
}

/* The value of @name in @sexp as bytes, or NULL. */
static GBytes *
sexp_bytes (gcry_sexp_t sexp, const char *name)
{
  gcry_sexp_t l = gcry_sexp_find_token (sexp, name, 0);
  const char *data;
  size_t      len = 0;
  GBytes     *out = NULL;

  if (l == NULL)
    return NULL;
  data = gcry_sexp_nth_data (l, 1, &len);
  if (data)
    out = g_bytes_new (data, len);
  gcry_sexp_release (l);
  return out;
}

/* libgcrypt may prefix the compressed point with 0x40. */
static GBytes *
strip_prefix (GBytes *q)
{
  gsize         len = 0;
  const guint8 *p = g_bytes_get_data (q, &len);

  if (len == CIV_ED25519_KEY_LEN + 1 && p[0] == 0x40)
    {
      GBytes *out = g_bytes_new (p + 1, CIV_ED25519_KEY_LEN);
      g_bytes_unref (q);
      return out;
    }
  return q;
}

gboolean
civ_report_keygen (GBytes **secret, char **public_b64, GError **error)
{
  gcry_sexp_t  params = NULL, key = NULL;
  gcry_error_t err;
  GBytes      *d, *q;

  err = gcry_sexp_build (&params, NULL, "(genkey (ecc (curve Ed25519)(flags eddsa)))");
  if (err)
    return crypto_fail (error, err, _ ("Could not create a signing key"));
  err = gcry_pk_genkey (&key, params);
  gcry_sexp_release (params);
  if (err)
    return crypto_fail (error, err, _ ("Could not create a signing key"));
  d = sexp_bytes (key, "d");
  q = sexp_bytes (key, "q");
  gcry_sexp_release (key);
  if (d == NULL || q == NULL || g_bytes_get_size (d) != CIV_ED25519_KEY_LEN)
    {
      g_clear_pointer (&d, g_bytes_unref);
      g_clear_pointer (&q, g_bytes_unref);
      g_set_error_literal (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_CRYPTO,
                           _ ("The new signing key has an unexpected form"));
      return FALSE;
    }
  q = strip_prefix (q);
  *public_b64 = g_base64_encode (g_bytes_get_data (q, NULL), g_bytes_get_size (q));
  *secret = d;
  g_bytes_unref (q);
  return TRUE;
}

char *
civ_report_sign (GBytes *secret, const void *data, gsize len, GError **error)
{
  gcry_sexp_t  key = NULL, msg = NULL, sig = NULL;
  gcry_error_t err;
  g_autoptr (GBytes) r = NULL;
  g_autoptr (GBytes) s = NULL;
  guint8 raw[CIV_ED25519_SIG_LEN];
  guint8 digest[32];

  g_return_val_if_fail (secret != NULL, NULL);
  if (g_bytes_get_size (secret) != CIV_ED25519_KEY_LEN)
    {
      g_set_error_literal (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_CRYPTO,
                           _ ("The stored signing key is damaged"));
      return NULL;
    }
  /* libgcrypt 1.10 aborts on large eddsa values: sign the body's digest. */
  gcry_md_hash_buffer (GCRY_MD_SHA256, digest, data, len);
  err = gcry_sexp_build (&key, NULL, "(private-key (ecc (curve Ed25519)(flags eddsa)(d %b)))",
                         (int) CIV_ED25519_KEY_LEN, g_bytes_get_data (secret, NULL));
  if (!err)
    err = gcry_sexp_build (&msg, NULL, "(data (flags eddsa)(hash-alg sha512)(value %b))",
                           (int) sizeof digest, digest);
  if (!err)
    err = gcry_pk_sign (&sig, msg, key);
  gcry_sexp_release (key);
  gcry_sexp_release (msg);
  if (err)
    {
      crypto_fail (error, err, _ ("Could not sign the batch"));
      return NULL;
    }
  r = sexp_bytes (sig, "r");
  s = sexp_bytes (sig, "s");
  gcry_sexp_release (sig);
  if (r == NULL || s == NULL || g_bytes_get_size (r) != 32 || g_bytes_get_size (s) != 32)
    {
      g_set_error_literal (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_CRYPTO,
                           _ ("The signature has an unexpected form"));
      return NULL;
    }
  memcpy (raw, g_bytes_get_data (r, NULL), 32);
  memcpy (raw + 32, g_bytes_get_data (s, NULL), 32);
  return g_base64_encode (raw, sizeof raw);
}

gboolean
civ_report_verify (const char *public_b64, const void *data, gsize len, const char *signature_b64)
{
  g_autofree guchar *pub = NULL;
  g_autofree guchar *sig = NULL;
  gsize              pub_len = 0, sig_len = 0;
  gcry_sexp_t        key = NULL, msg = NULL, sexp_sig = NULL;
  gcry_error_t       err;
  guint8             digest[32];

  if (public_b64 == NULL || signature_b64 == NULL)
    return FALSE;
  gcry_md_hash_buffer (GCRY_MD_SHA256, digest, data, len);
  pub = g_base64_decode (public_b64, &pub_len);
  sig = g_base64_decode (signature_b64, &sig_len);
  if (pub_len != CIV_ED25519_KEY_LEN || sig_len != CIV_ED25519_SIG_LEN)
    return FALSE;
  err = gcry_sexp_build (&key, NULL, "(public-key (ecc (curve Ed25519)(flags eddsa)(q %b)))",
                         (int) pub_len, pub);
  if (!err)
    err = gcry_sexp_build (&msg, NULL, "(data (flags eddsa)(hash-alg sha512)(value %b))",
                           (int) sizeof digest, digest);
  if (!err)
    err =
      gcry_sexp_build (&sexp_sig, NULL, "(sig-val (eddsa (r %b)(s %b)))", 32, sig, 32, sig + 32);
  if (!err)
    err = gcry_pk_verify (sexp_sig, msg, key);
  gcry_sexp_release (key);
  gcry_sexp_release (msg);
  gcry_sexp_release (sexp_sig);
  return err == 0;
}
