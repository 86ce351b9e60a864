// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-report-enroll.c — enrolling the workstation: provincial CA, pins,
 * client certificate and key (PEM pair or PKCS #12, parsed with GnuTLS),
 * and a new Ed25519 signing key, all kept in the encrypted database
 */
#include "civ-report.h"

#include <glib/gi18n-lib.h>
#include <gnutls/gnutls.h>
#include <gnutls/pkcs12.h>
#include <gnutls/x509.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "civ-permissions.h"
#include "civ-report-enroll-private.h"
#include "civ-report-sign.h"

static gboolean invalid (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError **error, const char *format, ...)
{
  va_list ap;

  va_start (ap, format);
  g_set_error_literal (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_INVALID, "");
  g_free ((*error)->message);
  (*error)->message = g_strdup_vprintf (format, ap);
  va_end (ap);
  return FALSE;
}

gboolean
_civ_report_check_url (const char *url, GError **error)
{
  g_autoptr (GUri) uri = NULL;
  g_autofree char *shown = NULL;

  if (url == NULL || !g_str_has_prefix (url, "https://"))
    return invalid (error, _ ("The server address must start with https://"));
  for (const char *p = url; *p; p++)
    {
      guchar c = (guchar) *p;

      /* Printable ASCII only: a space, a quote or a control character has
       * no place in an address libcurl is given (an IDN host is written in
       * its xn-- form). */
      if (c <= 0x20 || c >= 0x7F || strchr ("\"'<>\\`{}|^", c) != NULL)
        {
          shown = g_strescape (url, NULL);
          return invalid (error,
                          _ ("The server address “%s” holds a space, a quote or another character "
                             "an address cannot hold; copy it again from the province's letter"),
                          shown);
        }
    }
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return invalid (error, _ ("“%s” is not a server address"), url);
  if (g_uri_get_userinfo (uri) != NULL)
    return invalid (error, _ ("The server address must not hold a user name or password; the "
                              "workstation proves itself with its certificate"));
  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    return invalid (error, _ ("The server address must not have a “?” or “#” part"));
  return TRUE;
}

/* Checks "sha256//BASE64" pins and joins them with ';' for libcurl. */
char *
_civ_report_check_pins (const char *const *pins, GError **error)
{
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; pins && pins[i]; i++)
    {
      g_autofree guchar *raw = NULL;
      gsize              len = 0;

      if (!g_str_has_prefix (pins[i], "sha256//"))
        {
          invalid (error, _ ("The pin “%s” must start with sha256//"), pins[i]);
          return NULL;
        }
      raw = g_base64_decode (pins[i] + 8, &len);
      if (len != 32 || strchr (pins[i], ';') != NULL)
        {
          invalid (error, _ ("The pin “%s” is not a base64 SHA-256 digest"), pins[i]);
          return NULL;
        }
      g_string_append_printf (out, "%s%s", out->len ? ";" : "", pins[i]);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
read_file (const char *path, char **contents, gsize *len, GError **error)
{
  g_autoptr (GError) local = NULL;

  if (!g_file_get_contents (path, contents, len, &local))
    return invalid (error, _ ("Could not read %s: %s"), path, local->message);
  return TRUE;
}

gboolean
_civ_report_check_ca (const char *pem, gsize len, const char *path, GError **error)
{
  gnutls_x509_crt_t *list = NULL;
  unsigned int       n = 0;
  gnutls_datum_t     d = { (unsigned char *) pem, (unsigned int) len };
  int                rc = gnutls_x509_crt_list_import2 (&list, &n, &d, GNUTLS_X509_FMT_PEM, 0);

  for (unsigned int i = 0; i < n; i++)
    gnutls_x509_crt_deinit (list[i]);
  gnutls_free (list);
  if (rc < 0 || n == 0)
    return invalid (error, _ ("%s holds no PEM certificate"), path);
  return TRUE;
}

/* Checks that @cert_pem and @key_pem are a PEM certificate, in date, and its key. */
static gboolean
check_pair (const char *cert_pem, const char *key_pem, char **subject, GError **error)
{
  gnutls_x509_crt_t     crt = NULL;
  gnutls_x509_privkey_t key = NULL;
  gnutls_datum_t        dc = { (unsigned char *) cert_pem, (unsigned int) strlen (cert_pem) };
  gnutls_datum_t        dk = { (unsigned char *) key_pem, (unsigned int) strlen (key_pem) };
  gnutls_datum_t        dn = { NULL, 0 };
  unsigned char         id1[64], id2[64];
  size_t                n1 = sizeof id1, n2 = sizeof id2;
  gboolean              ok = FALSE;
  time_t                now = time (NULL);

  gnutls_x509_crt_init (&crt);
  gnutls_x509_privkey_init (&key);
  if (gnutls_x509_crt_import (crt, &dc, GNUTLS_X509_FMT_PEM) < 0)
    invalid (error, _ ("The client certificate is not a PEM certificate"));
  else if (gnutls_x509_privkey_import2 (key, &dk, GNUTLS_X509_FMT_PEM, NULL, 0) < 0)
    invalid (error, _ ("The client key is not an unencrypted PEM private key"));
  else if (gnutls_x509_crt_get_key_id (crt, 0, id1, &n1) < 0 ||
           gnutls_x509_privkey_get_key_id (key, 0, id2, &n2) < 0 || n1 != n2 ||
           memcmp (id1, id2, n1) != 0)
    invalid (error, _ ("The client key does not belong to the client certificate"));
  else if (gnutls_x509_crt_get_expiration_time (crt) < now ||
           gnutls_x509_crt_get_activation_time (crt) > now)
    invalid (error, _ ("The client certificate is not valid today"));
  else
    {
      ok = TRUE;
      if (gnutls_x509_crt_get_dn3 (crt, &dn, 0) >= 0)
        {
          *subject = g_strndup ((const char *) dn.data, dn.size);
          gnutls_free (dn.data);
        }
      else
        *subject = g_strdup ("");
    }
  gnutls_x509_crt_deinit (crt);
  gnutls_x509_privkey_deinit (key);
  return ok;
}

/* Unpacks a PKCS #12 bundle into PEM certificate and key. */
static gboolean
parse_p12 (const char *path, const char *password, char **cert_pem, char **key_pem, GError **error)
{
  g_autofree char      *data = NULL;
  gsize                 len = 0;
  gnutls_pkcs12_t       p12 = NULL;
  gnutls_x509_privkey_t key = NULL;
  gnutls_x509_crt_t    *chain = NULL;
  unsigned int          chain_len = 0;
  gnutls_datum_t        d, out = { NULL, 0 };
  gboolean              ok = FALSE;
  int                   rc;

  if (!read_file (path, &data, &len, error))
    return FALSE;
  d.data = (unsigned char *) data;
  d.size = (unsigned int) len;
  gnutls_pkcs12_init (&p12);
  rc = gnutls_pkcs12_import (p12, &d, GNUTLS_X509_FMT_DER, 0);
  if (rc < 0)
    rc = gnutls_pkcs12_import (p12, &d, GNUTLS_X509_FMT_PEM, 0);
  if (rc < 0)
    {
      invalid (error, _ ("%s is not a PKCS #12 file"), path);
      goto out;
    }
  if (gnutls_pkcs12_verify_mac (p12, password ? password : "") < 0)
    {
      invalid (error, _ ("The password of %s is wrong"), path);
      goto out;
    }
  rc = gnutls_pkcs12_simple_parse (p12, password ? password : "", &key, &chain, &chain_len, NULL,
                                   NULL, NULL, 0);
  if (rc < 0 || chain_len == 0 || key == NULL)
    {
      invalid (error, _ ("%s does not hold a certificate with its key: %s"), path,
               gnutls_strerror (rc));
      goto out;
    }
  if (gnutls_x509_crt_export2 (chain[0], GNUTLS_X509_FMT_PEM, &out) < 0)
    goto crypto;
  *cert_pem = g_strndup ((const char *) out.data, out.size);
  gnutls_free (out.data);
  if (gnutls_x509_privkey_export2_pkcs8 (key, GNUTLS_X509_FMT_PEM, NULL, GNUTLS_PKCS_PLAIN, &out) <
      0)
    goto crypto;
  *key_pem = g_strndup ((const char *) out.data, out.size);
  memset (out.data, 0, out.size);
  gnutls_free (out.data);
  ok = TRUE;
  goto out;

crypto:
  g_set_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_CRYPTO,
               _ ("Could not unpack the certificate in %s"), path);
out:
  for (unsigned int i = 0; i < chain_len; i++)
    gnutls_x509_crt_deinit (chain[i]);
  gnutls_free (chain);
  if (key)
    gnutls_x509_privkey_deinit (key);
  gnutls_pkcs12_deinit (p12);
  memset (data, 0, len);
  return ok;
}

char *
civ_report_enroll (CivStore                   *store,
                   const CivReportEnrollInput *input,
                   gboolean                    keep_signing_key,
                   GError                    **error)
{
  CivDb *db;
  g_autoptr (CivReportEnrollment) old = NULL;
  g_autofree char *pins = NULL;
  g_autofree char *ca = NULL;
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *now = NULL;
  g_autoptr (GBytes) secret = NULL;
  g_autofree char *public_b64 = NULL;
  g_autoptr (JsonBuilder) b = NULL;
  g_autoptr (JsonGenerator) gen = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autofree char    *detail = NULL;
  gsize               len = 0;
  CivReportEnrollment e = { 0 };
  gboolean            ok;

  g_return_val_if_fail (CIV_IS_STORE (store), NULL);
  g_return_val_if_fail (input != NULL, NULL);

  if (!civ_require (store, CIV_PERM_MANAGE_REPORTING, error))
    return NULL;
  db = civ_store_get_db (store);
  if (!_civ_report_check_url (input->server_url, error))
    return NULL;
  pins = _civ_report_check_pins (input->pins, error);
  if (pins == NULL)
    return NULL;
  if (input->ca_file == NULL)
    {
      invalid (error, _ ("Enrollment needs the provincial CA certificate"));
      return NULL;
    }
  if (!read_file (input->ca_file, &ca, &len, error) ||
      !_civ_report_check_ca (ca, len, input->ca_file, error))
    return NULL;
  if (input->p12_file != NULL)
    {
      if (input->cert_file || input->key_file)
        {
          invalid (error, _ ("Give either a PKCS #12 file or a certificate and key, not both"));
          return NULL;
        }
      if (!parse_p12 (input->p12_file, input->p12_password, &cert, &key, error))
        return NULL;
    }
  else
    {
      if (input->cert_file == NULL || input->key_file == NULL)
        {
          invalid (error, _ ("Enrollment needs the client certificate and its key"));
          return NULL;
        }
      if (!read_file (input->cert_file, &cert, &len, error) ||
          !read_file (input->key_file, &key, &len, error))
        return NULL;
    }
  ok = check_pair (cert, key, &subject, error);
  if (!ok)
    goto wipe;

  old = civ_report_store_get_enrollment (db, error);
  if (old == NULL && error && *error)
    goto wipe;
  if (keep_signing_key && old != NULL)
    {
      secret = g_bytes_ref (old->signing_secret);
      public_b64 = g_strdup (old->signing_public);
    }
  else if (!civ_report_keygen (&secret, &public_b64, error))
    goto wipe;

  {
    g_autoptr (GDateTime) t = g_date_time_new_now_utc ();
    now = g_date_time_format (t, "%Y-%m-%dT%H:%M:%SZ");
  }
  e.server_url = (char *) input->server_url;
  e.ca_pem = ca;
  e.pins = pins;
  e.client_cert_pem = cert;
  e.client_key_pem = key;
  e.signing_secret = secret;
  e.signing_public = public_b64;
  e.timeout_ms = input->timeout_ms > 0 ? input->timeout_ms : 30000;
  e.enrolled_at = now;
  e.enrolled_by = (char *) civ_store_get_operator (store)->login;

  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "server_url");
  json_builder_add_string_value (b, input->server_url);
  json_builder_set_member_name (b, "client_certificate");
  json_builder_add_string_value (b, subject);
  json_builder_set_member_name (b, "pins");
  json_builder_add_string_value (b, pins);
  json_builder_set_member_name (b, "signing_key");
  json_builder_add_string_value (b, public_b64);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  gen = json_generator_new ();
  json_generator_set_root (gen, root);
  detail = json_generator_to_data (gen, NULL);

  if (!civ_db_begin (db, error))
    goto wipe;
  if (!civ_report_store_set_enrollment (db, &e, error) ||
      !civ_store_audit (store, "report.enroll", input->server_url, detail, error) ||
      !civ_db_commit (db, error))
    {
      civ_db_rollback (db);
      goto wipe;
    }
  memset (key, 0, strlen (key));
  return g_steal_pointer (&public_b64);

wipe:
  if (key)
    memset (key, 0, strlen (key));
  return NULL;
}
