// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-keyslots.c — the data key, wrapped once per operator */
#include "civ-keyslots.h"

#include <gcrypt.h>
#include <json-glib/json-glib.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "civ-db-error.h"
#include "civ-json-guard.h"

#define SALT_LEN 16
#define NONCE_LEN 12
#define TAG_LEN 16
#define FORMAT "civreg-keyslots"
#define FORMAT_VERSION 1

typedef struct
{
  char        *login;
  CivKdfParams params;
  guint8       salt[SALT_LEN];
  guint8       nonce[NONCE_LEN];
  guint8      *wrapped; /* ciphertext || tag */
  gsize        wrapped_len;
} Slot;

struct _CivKeyslots
{
  GPtrArray   *slots; /* Slot */
  CivKdfParams params;
  /* The key that authenticates the failed-logins journal, the lockout
   * state and the audit mark below. It sits in clear in this file: whoever
   * can read the file can forge entries, so it keeps out mistakes and
   * other users of a shared folder, not a local attacker who reads it. */
  guint8       journal_key[CIV_JOURNAL_KEY_LEN];
  gboolean     has_journal_key;
  gint64       audit_mark; /* the highest audit sequence seen at a login; 0 = none */
};

void
civ_kdf_params_default (CivKdfParams *params)
{
  params->t_cost = 3;
  params->m_cost = 64 * 1024;
  params->lanes = 1;
}

static void
slot_free (Slot *slot)
{
  g_free (slot->login);
  g_free (slot->wrapped);
  g_free (slot);
}

CivKeyslots *
civ_keyslots_new (void)
{
  CivKeyslots *self = g_new0 (CivKeyslots, 1);

  self->slots = g_ptr_array_new_with_free_func ((GDestroyNotify) slot_free);
  civ_kdf_params_default (&self->params);
  return self;
}

void
civ_keyslots_free (CivKeyslots *self)
{
  if (self == NULL)
    return;
  explicit_bzero (self->journal_key, sizeof self->journal_key);
  g_ptr_array_unref (self->slots);
  g_free (self);
}

void
civ_keyslots_set_params (CivKeyslots *self, const CivKdfParams *params)
{
  self->params = *params;
}

static Slot *
find_slot (CivKeyslots *self, const char *login, guint *index)
{
  for (guint i = 0; i < self->slots->len; i++)
    {
      Slot *slot = g_ptr_array_index (self->slots, i);
      if (g_strcmp0 (slot->login, login) == 0)
        {
          if (index)
            *index = i;
          return slot;
        }
    }
  return NULL;
}

static gboolean
params_sane (const CivKdfParams *p)
{
  /* Bounds keep a forged file from asking for absurd work or memory. */
  return p->t_cost >= 1 && p->t_cost <= 64 && p->m_cost >= 8 * p->lanes &&
         p->m_cost <= 4 * 1024 * 1024 && p->lanes >= 1 && p->lanes <= 16;
}

static CivSecret *
derive_kek (const char *password, const guint8 *salt, const CivKdfParams *p, GError **error)
{
  const unsigned long params[4] = { 32, p->t_cost, p->m_cost, p->lanes };
  g_autoptr (CivSecret) kek = civ_secret_new (32);
  gcry_kdf_hd_t hd = NULL;
  gcry_error_t  err;

  err = gcry_kdf_open (&hd, GCRY_KDF_ARGON2, GCRY_KDF_ARGON2ID, params, 4, password,
                       strlen (password), salt, SALT_LEN, NULL, 0, NULL, 0);
  if (!err)
    err = gcry_kdf_compute (hd, NULL);
  if (!err)
    err = gcry_kdf_final (hd, 32, civ_secret_get_data (kek));
  if (hd)
    gcry_kdf_close (hd);
  if (err)
    {
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_CRYPTO,
                   _ ("Argon2id key derivation failed: %s"), gcry_strerror (err));
      return NULL;
    }
  return g_steal_pointer (&kek);
}

static char *
slot_aad (const char *login)
{
  return g_strconcat ("civreg-keyslot-v1:", login, NULL);
}

static gboolean
gcm (gboolean         encrypt,
     const CivSecret *kek,
     const guint8    *nonce,
     const char      *login,
     const guint8    *in,
     guint8          *out,
     gsize            len,
     guint8          *tag,
     GError         **error)
{
  g_autofree char *aad = slot_aad (login);
  gcry_cipher_hd_t hd = NULL;
  gcry_error_t     err;

  err = gcry_cipher_open (&hd, GCRY_CIPHER_AES256, GCRY_CIPHER_MODE_GCM, GCRY_CIPHER_SECURE);
  if (!err)
    err = gcry_cipher_setkey (hd, civ_secret_peek (kek), 32);
  if (!err)
    err = gcry_cipher_setiv (hd, nonce, NONCE_LEN);
  if (!err)
    err = gcry_cipher_authenticate (hd, aad, strlen (aad));
  if (!err)
    {
      if (encrypt)
        {
          err = gcry_cipher_encrypt (hd, out, len, in, len);
          if (!err)
            err = gcry_cipher_gettag (hd, tag, TAG_LEN);
        }
      else
        {
          err = gcry_cipher_decrypt (hd, out, len, in, len);
          if (!err)
            err = gcry_cipher_checktag (hd, tag, TAG_LEN);
          if (gcry_err_code (err) == GPG_ERR_CHECKSUM)
            {
              gcry_cipher_close (hd);
              g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_WRONG_PASSWORD,
                                   _ ("Wrong user name or password"));
              return FALSE;
            }
        }
    }
  gcry_cipher_close (hd);
  if (err)
    {
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_CRYPTO, _ ("AES-256-GCM failed: %s"),
                   gcry_strerror (err));
      return FALSE;
    }
  return TRUE;
}

gboolean
civ_keyslots_set (CivKeyslots     *self,
                  const char      *login,
                  const char      *password,
                  const CivSecret *data_key,
                  GError         **error)
{
  g_autoptr (CivSecret) kek = NULL;
  Slot *slot;
  gsize len = civ_secret_get_len (data_key);
  guint index;

  g_return_val_if_fail (login != NULL && *login != '\0', FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  if (!civ_crypto_init (error))
    return FALSE;

  slot = g_new0 (Slot, 1);
  slot->login = g_strdup (login);
  slot->params = self->params;
  gcry_randomize (slot->salt, SALT_LEN, GCRY_STRONG_RANDOM);
  gcry_create_nonce (slot->nonce, NONCE_LEN);
  slot->wrapped_len = len + TAG_LEN;
  slot->wrapped = g_malloc (slot->wrapped_len);

  kek = derive_kek (password, slot->salt, &slot->params, error);
  if (kek == NULL || !gcm (TRUE, kek, slot->nonce, login, civ_secret_peek (data_key), slot->wrapped,
                           len, slot->wrapped + len, error))
    {
      slot_free (slot);
      return FALSE;
    }

  if (find_slot (self, login, &index))
    g_ptr_array_remove_index (self->slots, index);
  g_ptr_array_add (self->slots, slot);
  return TRUE;
}

CivSecret *
civ_keyslots_unwrap (CivKeyslots *self, const char *login, const char *password, GError **error)
{
  g_autoptr (CivSecret) kek = NULL;
  g_autoptr (CivSecret) key = NULL;
  Slot *slot = find_slot (self, login, NULL);
  gsize len;

  if (slot == NULL)
    {
      /* Same words as a wrong password, and the same work: the login screen
       * must not reveal which operators exist, neither in what it says nor
       * in how long it takes. Callers that need the difference use has(). */
      const CivKdfParams *p = &self->params;
      guint8              salt[SALT_LEN];

      if (self->slots->len > 0)
        p = &((Slot *) g_ptr_array_index (self->slots, 0))->params;
      gcry_create_nonce (salt, sizeof salt);
      if (civ_crypto_init (NULL))
        civ_secret_free (derive_kek (password ? password : "", salt, p, NULL));
      g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_WRONG_PASSWORD,
                           _ ("Wrong user name or password"));
      return NULL;
    }
  if (!civ_crypto_init (error))
    return NULL;

  len = slot->wrapped_len - TAG_LEN;
  kek = derive_kek (password, slot->salt, &slot->params, error);
  if (kek == NULL)
    return NULL;
  key = civ_secret_new (len);
  if (!gcm (FALSE, kek, slot->nonce, login, slot->wrapped, civ_secret_get_data (key), len,
            slot->wrapped + len, error))
    return NULL;
  return g_steal_pointer (&key);
}

static char *
hex_encode (const guint8 *data, gsize len)
{
  GString *s = g_string_sized_new (len * 2);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (s, "%02x", data[i]);
  return g_string_free (s, FALSE);
}

gboolean
civ_keyslots_ensure_journal_key (CivKeyslots *self)
{
  if (self->has_journal_key)
    return FALSE;
  civ_crypto_init (NULL);
  gcry_randomize (self->journal_key, CIV_JOURNAL_KEY_LEN, GCRY_STRONG_RANDOM);
  self->has_journal_key = TRUE;
  return TRUE;
}

const guint8 *
civ_keyslots_get_journal_key (CivKeyslots *self)
{
  return self->has_journal_key ? self->journal_key : NULL;
}

gint64
civ_keyslots_get_audit_mark (CivKeyslots *self)
{
  return self->audit_mark;
}

void
civ_keyslots_set_audit_mark (CivKeyslots *self, gint64 seq)
{
  self->audit_mark = MAX (seq, 0);
}

char *
civ_keyslots_mac_hex (const guint8 *key, const char *text)
{
  guint8 mac[32];

  gcry_md_hash_buffers (GCRY_MD_SHA256, GCRY_MD_FLAG_HMAC, mac,
                        (gcry_buffer_t[]){
                          { .size = CIV_JOURNAL_KEY_LEN,
                            .len = CIV_JOURNAL_KEY_LEN,
                            .data = (void *) key },
                          { .size = strlen (text), .len = strlen (text), .data = (void *) text } },
                        2);
  return hex_encode (mac, sizeof mac);
}

gboolean
civ_keyslots_mac_verify (const guint8 *key, const char *text, const char *mac_hex)
{
  g_autofree char *want = civ_keyslots_mac_hex (key, text);

  return mac_hex != NULL && strlen (mac_hex) == strlen (want) &&
         civ_memeq_const_time ((const guint8 *) want, (const guint8 *) mac_hex, strlen (want));
}

static char *
audit_mark_text (gint64 seq)
{
  return g_strdup_printf ("civreg-audit-mark-v1:%" G_GINT64_FORMAT, seq);
}

gboolean
civ_keyslots_get_params (CivKeyslots *self, const char *login, CivKdfParams *params)
{
  Slot *slot = find_slot (self, login, NULL);

  *params = slot ? slot->params : self->params;
  return slot != NULL;
}

CivSecret *
civ_kdf_derive (const char         *password,
                const guint8       *salt,
                gsize               salt_len,
                const CivKdfParams *params,
                GError            **error)
{
  g_return_val_if_fail (salt_len == SALT_LEN, NULL);

  if (!params_sane (params))
    {
      g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_CORRUPT,
                           _ ("The key derivation parameters are out of range"));
      return NULL;
    }
  if (!civ_crypto_init (error))
    return NULL;
  return derive_kek (password, salt, params, error);
}

gboolean
civ_keyslots_remove (CivKeyslots *self, const char *login)
{
  guint index;

  if (!find_slot (self, login, &index))
    return FALSE;
  g_ptr_array_remove_index (self->slots, index);
  return TRUE;
}

gboolean
civ_keyslots_has (CivKeyslots *self, const char *login)
{
  return find_slot (self, login, NULL) != NULL;
}

char **
civ_keyslots_list_logins (CivKeyslots *self)
{
  GStrvBuilder *b = g_strv_builder_new ();
  char        **out;

  for (guint i = 0; i < self->slots->len; i++)
    g_strv_builder_add (b, ((Slot *) g_ptr_array_index (self->slots, i))->login);
  out = g_strv_builder_end (b);
  g_strv_builder_unref (b);
  return out;
}

/* --- file format ---------------------------------------------------------- */

/* A member of the expected JSON type, or NULL / 0: a member of another type
 * (an array where a text belongs) is a damaged file, never a critical. */
static const char *
str_member (JsonObject *o, const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  return n && json_node_get_value_type (n) == G_TYPE_STRING ? json_node_get_string (n) : NULL;
}

static gint64
int_member (JsonObject *o, const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  return n && json_node_get_value_type (n) == G_TYPE_INT64 ? json_node_get_int (n) : 0;
}
static gboolean
decode_fixed (JsonObject *o, const char *member, guint8 *out, gsize want)
{
  const char        *b64 = str_member (o, member);
  g_autofree guint8 *raw = NULL;
  gsize              len = 0;

  if (b64 == NULL)
    return FALSE;
  raw = g_base64_decode (b64, &len);
  if (len != want)
    return FALSE;
  memcpy (out, raw, want);
  return TRUE;
}

static Slot *
slot_from_json (JsonNode *node)
{
  JsonObject *o;
  const char *login;
  const char *kdf;
  const char *wrapped;
  Slot       *slot;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  o = json_node_get_object (node);
  login = str_member (o, "login");
  kdf = str_member (o, "kdf");
  wrapped = str_member (o, "wrapped");
  if (login == NULL || *login == '\0' || g_strcmp0 (kdf, "argon2id") != 0 || wrapped == NULL)
    return NULL;

  slot = g_new0 (Slot, 1);
  slot->login = g_strdup (login);
  slot->params.t_cost = (guint32) int_member (o, "t");
  slot->params.m_cost = (guint32) int_member (o, "m");
  slot->params.lanes = (guint32) int_member (o, "p");
  slot->wrapped = g_base64_decode (wrapped, &slot->wrapped_len);
  if (!params_sane (&slot->params) || !decode_fixed (o, "salt", slot->salt, SALT_LEN) ||
      !decode_fixed (o, "nonce", slot->nonce, NONCE_LEN) ||
      slot->wrapped_len != CIV_DATA_KEY_LEN + TAG_LEN)
    {
      slot_free (slot);
      return NULL;
    }
  return slot;
}

CivKeyslots *
civ_keyslots_load (const char *path, GError **error)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (CivKeyslots) self = civ_keyslots_new ();
  g_autofree char *data = NULL;
  gsize            len = 0;
  JsonObject      *root;
  JsonArray       *slots;

  if (!civ_json_guard_read_file (path, CIV_JSON_GUARD_KEYSLOTS_MAX, &data, &len, error) ||
      (parser = civ_json_guard_parse (data, len, CIV_JSON_GUARD_KEYSLOTS_MAX,
                                      CIV_JSON_GUARD_NO_DUPLICATES, error)) == NULL)
    {
      g_prefix_error (error, _ ("Could not read the key-slot file %s: "), path);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    goto corrupt;
  root = json_node_get_object (json_parser_get_root (parser));
  if (g_strcmp0 (str_member (root, "format"), FORMAT) != 0 ||
      int_member (root, "version") != FORMAT_VERSION || !json_object_has_member (root, "slots") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "slots")))
    goto corrupt;

  if (json_object_has_member (root, "journal_key") &&
      !decode_fixed (root, "journal_key", self->journal_key, CIV_JOURNAL_KEY_LEN))
    goto corrupt;
  self->has_journal_key = json_object_has_member (root, "journal_key");
  /* The audit mark counts only when its MAC verifies: a mark edited by
   * hand is ignored, never believed. */
  if (self->has_journal_key && json_object_has_member (root, "audit_mark"))
    {
      gint64      seq = json_object_get_int_member_with_default (root, "audit_mark", 0);
      const char *mac = json_object_get_string_member_with_default (root, "audit_mark_mac", NULL);
      g_autofree char *text = audit_mark_text (seq);

      if (seq > 0 && civ_keyslots_mac_verify (self->journal_key, text, mac))
        self->audit_mark = seq;
    }

  slots = json_object_get_array_member (root, "slots");
  for (guint i = 0; i < json_array_get_length (slots); i++)
    {
      Slot *slot = slot_from_json (json_array_get_element (slots, i));
      if (slot == NULL || find_slot (self, slot->login, NULL))
        {
          if (slot)
            slot_free (slot);
          goto corrupt;
        }
      g_ptr_array_add (self->slots, slot);
    }
  return g_steal_pointer (&self);

corrupt:
  g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_CORRUPT,
               _ ("The key-slot file %s is damaged or not a Civreg key-slot file"), path);
  return NULL;
}

gboolean
civ_keyslots_save (CivKeyslots *self, const char *path, GError **error)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, FORMAT);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, FORMAT_VERSION);
  if (self->has_journal_key)
    {
      g_autofree char *key = g_base64_encode (self->journal_key, CIV_JOURNAL_KEY_LEN);

      json_builder_set_member_name (b, "journal_key");
      json_builder_add_string_value (b, key);
      if (self->audit_mark > 0)
        {
          g_autofree char *mark = audit_mark_text (self->audit_mark);
          g_autofree char *mac = civ_keyslots_mac_hex (self->journal_key, mark);

          json_builder_set_member_name (b, "audit_mark");
          json_builder_add_int_value (b, self->audit_mark);
          json_builder_set_member_name (b, "audit_mark_mac");
          json_builder_add_string_value (b, mac);
        }
    }
  json_builder_set_member_name (b, "slots");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->slots->len; i++)
    {
      Slot            *slot = g_ptr_array_index (self->slots, i);
      g_autofree char *salt = g_base64_encode (slot->salt, SALT_LEN);
      g_autofree char *nonce = g_base64_encode (slot->nonce, NONCE_LEN);
      g_autofree char *wrapped = g_base64_encode (slot->wrapped, slot->wrapped_len);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "login");
      json_builder_add_string_value (b, slot->login);
      json_builder_set_member_name (b, "kdf");
      json_builder_add_string_value (b, "argon2id");
      json_builder_set_member_name (b, "t");
      json_builder_add_int_value (b, slot->params.t_cost);
      json_builder_set_member_name (b, "m");
      json_builder_add_int_value (b, slot->params.m_cost);
      json_builder_set_member_name (b, "p");
      json_builder_add_int_value (b, slot->params.lanes);
      json_builder_set_member_name (b, "salt");
      json_builder_add_string_value (b, salt);
      json_builder_set_member_name (b, "cipher");
      json_builder_add_string_value (b, "aes-256-gcm");
      json_builder_set_member_name (b, "nonce");
      json_builder_add_string_value (b, nonce);
      json_builder_set_member_name (b, "wrapped");
      json_builder_add_string_value (b, wrapped);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);

  /* g_file_set_contents_full writes a temporary file, fsyncs and renames. */
  return g_file_set_contents_full (path, text, -1,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}
