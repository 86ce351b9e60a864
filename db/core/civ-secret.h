// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-secret.h — key material in libgcrypt secure memory
 *
 * Data keys and password-derived keys live only in locked, non-swappable memory
 * that is wiped when freed (architecture.md §8).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CIV_DATA_KEY_LEN 32

typedef struct _CivSecret CivSecret;

gboolean civ_crypto_init (GError **error);

CivSecret    *civ_secret_new (gsize len);
CivSecret    *civ_secret_new_random (gsize len);
CivSecret    *civ_secret_new_from_data (const guint8 *data, gsize len);
CivSecret    *civ_secret_copy (const CivSecret *secret);
guint8       *civ_secret_get_data (CivSecret *secret);
const guint8 *civ_secret_peek (const CivSecret *secret);
gsize         civ_secret_get_len (const CivSecret *secret);
gboolean      civ_secret_equal (const CivSecret *a, const CivSecret *b);
void          civ_secret_free (CivSecret *secret);

/* Compares in time independent of where the buffers differ. */
gboolean civ_memeq_const_time (const guint8 *a, const guint8 *b, gsize len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivSecret, civ_secret_free)

G_END_DECLS
