// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-keyslots.h — the data key, wrapped once per operator (architecture.md §3)
 *
 * A key-slot file sits beside the database. Each slot holds the 256-bit
 * data key encrypted with AES-256-GCM under a key that Argon2id derives
 * from one operator's password (or from the supervisor's recovery code).
 * The slot's login is bound in as associated data, so slots cannot be
 * swapped between operators. A wrong password fails the GCM tag.
 */
#pragma once

#include <glib.h>

#include "civ-secret.h"

G_BEGIN_DECLS

#define CIV_RECOVERY_SLOT "@recovery"

typedef struct
{
  guint32 t_cost; /* passes */
  guint32 m_cost; /* KiB */
  guint32 lanes;
} CivKdfParams;

/* The production parameters: 64 MiB, 3 passes, 1 lane. */
void civ_kdf_params_default (CivKdfParams *params);

typedef struct _CivKeyslots CivKeyslots;

CivKeyslots *civ_keyslots_new (void);
CivKeyslots *civ_keyslots_load (const char *path, GError **error);
gboolean     civ_keyslots_save (CivKeyslots *self, const char *path, GError **error);
void         civ_keyslots_free (CivKeyslots *self);

void civ_keyslots_set_params (CivKeyslots *self, const CivKdfParams *params);

/* Adds or replaces the slot for @login. */
gboolean   civ_keyslots_set (CivKeyslots     *self,
                             const char      *login,
                             const char      *password,
                             const CivSecret *data_key,
                             GError         **error);
CivSecret *civ_keyslots_unwrap (CivKeyslots *self,
                                const char  *login,
                                const char  *password,
                                GError     **error);
gboolean   civ_keyslots_remove (CivKeyslots *self, const char *login);
gboolean   civ_keyslots_has (CivKeyslots *self, const char *login);
char     **civ_keyslots_list_logins (CivKeyslots *self);

#define CIV_KDF_SALT_LEN 16

/* The cost parameters of @login's slot (FALSE and the file's defaults when
 * it has none). */
gboolean   civ_keyslots_get_params (CivKeyslots *self, const char *login, CivKdfParams *params);
/* Argon2id of @password with @salt (CIV_KDF_SALT_LEN bytes): 32 bytes, as
 * a slot's key-encryption key is made; also a password's verifier. */
CivSecret *civ_kdf_derive (const char         *password,
                           const guint8       *salt,
                           gsize               salt_len,
                           const CivKdfParams *params,
                           GError            **error);

/* The journal key (a random 256-bit key kept in the key-slot file beside
 * the slots) authenticates what is written while the database is closed:
 * the failed-logins journal, the lockout state and the audit mark. It is
 * not secret from anyone who can read the key-slot file (see
 * docs/security.md): it keeps forged or edited lines out of the audit
 * chain, not a local attacker who reads the key. */
#define CIV_JOURNAL_KEY_LEN 32

/* Creates the journal key when the file has none yet; TRUE when it did
 * (the caller saves the file). */
gboolean civ_keyslots_ensure_journal_key (CivKeyslots *self);
#define CIV_KDF_SALT_LEN 16

/* The cost parameters of @login's slot (FALSE and the file's defaults when
 * it has none). */
gboolean   civ_keyslots_get_params (CivKeyslots *self, const char *login, CivKdfParams *params);
/* Argon2id of @password with @salt (CIV_KDF_SALT_LEN bytes): 32 bytes, as
 * a slot's key-encryption key is made; also a password's verifier. */
CivSecret *civ_kdf_derive (const char         *password,
                           const guint8       *salt,
                           gsize               salt_len,
                           const CivKdfParams *params,
                           GError            **error);

/* The journal key, or NULL when the file has none. */
const guint8 *civ_keyslots_get_journal_key (CivKeyslots *self);
/* HMAC-SHA256 of @text under @key (CIV_JOURNAL_KEY_LEN bytes), lower-case hex. */
char         *civ_keyslots_mac_hex (const guint8 *key, const char *text);
/* Whether @mac_hex is the HMAC of @text under @key (constant time). */
gboolean      civ_keyslots_mac_verify (const guint8 *key, const char *text, const char *mac_hex);

/* The highest audit sequence number seen at a login (0 when none, or when
 * the recorded mark does not verify); saved authenticated with the file. */
gint64 civ_keyslots_get_audit_mark (CivKeyslots *self);
void   civ_keyslots_set_audit_mark (CivKeyslots *self, gint64 seq);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivKeyslots, civ_keyslots_free)

G_END_DECLS
