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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivKeyslots, civ_keyslots_free)

G_END_DECLS
