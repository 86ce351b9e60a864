// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-identity-plugin.h — vendor plug-ins for the counter's identity checks
 *
 * Decoding a card's WLT photo, comparing faces and verifying fingerprints
 * need licensed vendor SDKs. A vendor (or an integrator) wraps one in a
 * shared module exporting one function (docs/devices.md, "Plug-ins"):
 *
 *   const CivIdentityPluginV1 *civ_identity_plugin_v1 (void);
 *
 * The table is plain C (no GLib types): a module may be built without
 * GLib. Functions it does not offer are NULL. Buffers and messages it
 * returns are allocated with malloc () and freed by Civreg with free ().
 * A function returns 0 on success, or non-zero with *error_message set
 * (a sentence for the counter, or NULL).
 */
#pragma once

#include <gio/gio.h>
#include <stddef.h>

G_BEGIN_DECLS

#define CIV_IDENTITY_PLUGIN_ABI_VERSION 1
#define CIV_IDENTITY_PLUGIN_SYMBOL "civ_identity_plugin_v1"

typedef struct
{
  unsigned int abi_version; /* CIV_IDENTITY_PLUGIN_ABI_VERSION */
  const char  *vendor;      /* required */
  const char  *device;      /* required: the device or SDK, as recorded with a check */

  /* 1024 bytes of WLT in, a PNG out. */
  int (*decode_wlt) (const unsigned char *wlt,
                     size_t               wlt_len,
                     unsigned char      **png,
                     size_t              *png_len,
                     char               **error_message);
  /* The card's photo (PNG) against a live photo (JPEG or PNG): a score
   * 0..100 and the SDK's decision. */
  int (*compare_face) (const unsigned char *card_png,
                       size_t               card_png_len,
                       const unsigned char *live,
                       size_t               live_len,
                       int                 *score,
                       int                 *match,
                       char               **error_message);
  /* Drives the vendor's own fingerprint device: the template read from the
   * card (may be NULL: the card holds none) against the finger placed. */
  int (*verify_fingerprint) (const unsigned char *card_template,
                             size_t               card_template_len,
                             int                 *score,
                             int                 *match,
                             char               **error_message);
} CivIdentityPluginV1;

typedef const CivIdentityPluginV1 *(*CivIdentityPluginEntry) (void);

/* A loaded plug-in. */
typedef struct _CivIdentityPlugin CivIdentityPlugin;

#define CIV_IDENTITY_PLUGIN_ERROR (civ_identity_plugin_error_quark ())
typedef enum
{
  CIV_IDENTITY_PLUGIN_ERROR_LOAD,        /* the module does not load or lacks the entry point */
  CIV_IDENTITY_PLUGIN_ERROR_ABI,         /* another ABI version, or a required field missing */
  CIV_IDENTITY_PLUGIN_ERROR_UNSUPPORTED, /* the plug-in does not offer this function */
  CIV_IDENTITY_PLUGIN_ERROR_FAILED,      /* the plug-in reported a failure or gave bad output */
} CivIdentityPluginError;
GQuark civ_identity_plugin_error_quark (void);

typedef struct
{
  int      score; /* 0..100 */
  gboolean match;
} CivIdentityScore;

/* Loads the module at @path (an absolute path) and checks its table. */
CivIdentityPlugin *civ_identity_plugin_load (const char *path, GError **error);
void               civ_identity_plugin_free (CivIdentityPlugin *plugin);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivIdentityPlugin, civ_identity_plugin_free)

/* The plug-in named by $CIVREG_IDENTITY_PLUGIN or else the GSettings key
 * identity-plugin, loaded once (and kept); NULL when none is configured or
 * it did not load (civ_identity_plugin_get_default_error () says why). */
CivIdentityPlugin *civ_identity_plugin_get_default (void);
const GError      *civ_identity_plugin_get_default_error (void);

const char *civ_identity_plugin_get_vendor (CivIdentityPlugin *plugin);
const char *civ_identity_plugin_get_device (CivIdentityPlugin *plugin);
gboolean    civ_identity_plugin_can_decode_wlt (CivIdentityPlugin *plugin);
gboolean    civ_identity_plugin_can_compare_face (CivIdentityPlugin *plugin);
gboolean    civ_identity_plugin_can_verify_fingerprint (CivIdentityPlugin *plugin);

/* A PNG (its signature and size checked), or NULL with an error. */
GBytes  *civ_identity_plugin_decode_wlt (CivIdentityPlugin *plugin, GBytes *wlt, GError **error);
gboolean civ_identity_plugin_compare_face (CivIdentityPlugin *plugin,
                                           GBytes            *card_png,
                                           GBytes            *live_photo,
                                           CivIdentityScore  *out,
                                           GError           **error);
gboolean civ_identity_plugin_verify_fingerprint (CivIdentityPlugin *plugin,
                                                 GBytes            *card_template,
                                                 CivIdentityScore  *out,
                                                 GError           **error);

G_END_DECLS
