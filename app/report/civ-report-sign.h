// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-report-sign.h — the workstation's Ed25519 key (RFC 8032, libgcrypt)
 *
 * The secret is the 32-byte seed; the public key is 32 bytes, shown and
 * exchanged as base64. Signatures are 64 bytes (R ‖ S), base64, made over
 * the 32-byte SHA-256 digest of the data (PureEdDSA on the digest: libgcrypt
 * 1.10 aborts on large eddsa inputs).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CIV_ED25519_KEY_LEN 32
#define CIV_ED25519_SIG_LEN 64

gboolean civ_report_keygen (GBytes **secret, char **public_b64, GError **error);
/* The base64 signature over @len bytes of @data. */
char    *civ_report_sign (GBytes *secret, const void *data, gsize len, GError **error);
/* TRUE when @signature_b64 is @public_b64's signature over @data. */
gboolean civ_report_verify (const char *public_b64,
                            const void *data,
                            gsize       len,
                            const char *signature_b64);

G_END_DECLS
