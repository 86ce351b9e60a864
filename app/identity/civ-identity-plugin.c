// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-identity-plugin.c — loading and calling vendor plug-ins */
#include "civ-identity-plugin.h"

#include <glib/gi18n-lib.h>
#include <gmodule.h>
#include <stdlib.h>
#include <string.h>

/* A decoded photo larger than this is not a card photo. */
#define MAX_PNG (4 * 1024 * 1024)

struct _CivIdentityPlugin
{
  GModule                   *module;
  const CivIdentityPluginV1 *table;
  /* Vendor SDKs are seldom thread-safe: one call at a time. */
  GMutex                     call_lock;
};

G_DEFINE_QUARK (civ - identity - plugin - error - quark, civ_identity_plugin_error)

CivIdentityPlugin *
civ_identity_plugin_load (const char *path, GError **error)
{
  g_autoptr (CivIdentityPlugin) plugin = NULL;
  CivIdentityPluginEntry     entry = NULL;
  const CivIdentityPluginV1 *table;
  GModule                   *module;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_path_is_absolute (path) || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, CIV_IDENTITY_PLUGIN_ERROR, CIV_IDENTITY_PLUGIN_ERROR_LOAD,
                   _ ("The identity plug-in “%s” is not a file given by its full path; check the "
                      "identity-plugin setting"),
                   path);
      return NULL;
    }
  module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      g_set_error (error, CIV_IDENTITY_PLUGIN_ERROR, CIV_IDENTITY_PLUGIN_ERROR_LOAD,
                   _ ("The identity plug-in “%s” does not load (%s); ask the vendor for a build "
                      "for this system"),
                   path, g_module_error ());
      return NULL;
    }
  plugin = g_new0 (CivIdentityPlugin, 1);
  g_mutex_init (&plugin->call_lock);
  plugin->module = module;
  if (!g_module_symbol (module, CIV_IDENTITY_PLUGIN_SYMBOL, (gpointer *) &entry) || entry == NULL)
    {
      g_set_error (error, CIV_IDENTITY_PLUGIN_ERROR, CIV_IDENTITY_PLUGIN_ERROR_LOAD,
                   _ ("“%s” is not a Civreg identity plug-in (it has no %s); check the "
                      "identity-plugin setting"),
                   path, CIV_IDENTITY_PLUGIN_SYMBOL);
      return NULL;
    }
  table = entry ();
  if (table == NULL || table->abi_version != CIV_IDENTITY_PLUGIN_ABI_VERSION)
    {
      g_set_error (error, CIV_IDENTITY_PLUGIN_ERROR, CIV_IDENTITY_PLUGIN_ERROR_ABI,
                   _ ("The identity plug-in “%s” is made for interface version %u, and this "
                      "Civreg speaks version %u; ask the vendor for a matching build"),
                   path, table ? table->abi_version : 0, CIV_IDENTITY_PLUGIN_ABI_VERSION);
      return NULL;
    }
  if (table->vendor == NULL || table->vendor[0] == '\0' || table->device == NULL ||
      table->device[0] == '\0' || !g_utf8_validate (table->vendor, -1, NULL) ||
      !g_utf8_validate (table->device, -1, NULL))
    {
      g_set_error (error, CIV_IDENTITY_PLUGIN_ERROR, CIV_IDENTITY_PLUGIN_ERROR_ABI,
                   _ ("The identity plug-in “%s” does not name its vendor and device; ask the "
                      "vendor for a corrected build"),
                   path);
      return NULL;
    }
  plugin->table = table;
  return g_steal_pointer (&plugin);
}

void
civ_identity_plugin_free (CivIdentityPlugin *plugin)
{
  if (plugin == NULL)
    return;
  if (plugin->module)
    g_module_close (plugin->module);
  g_mutex_clear (&plugin->call_lock);
  g_free (plugin);
}

static GMutex             default_lock;
static gboolean           default_done;
static CivIdentityPlugin *default_plugin;
static GError            *default_error;

static char *
configured_path (void)
{
  const char            *env = g_getenv ("CIVREG_IDENTITY_PLUGIN");
  GSettingsSchemaSource *source;
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettings) settings = NULL;

  if (env != NULL)
    return g_strdup (env);
  source = g_settings_schema_source_get_default ();
  if (source)
    schema = g_settings_schema_source_lookup (source, "org.civreg.Civreg", TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "identity-plugin"))
    return NULL;
  settings = g_settings_new_full (schema, NULL, NULL);
  return g_settings_get_string (settings, "identity-plugin");
}

CivIdentityPlugin *
civ_identity_plugin_get_default (void)
{
  g_mutex_lock (&default_lock);
  if (!default_done)
    {
      g_autofree char *path = configured_path ();

      default_done = TRUE;
      if (path != NULL && path[0] != '\0')
        {
          default_plugin = civ_identity_plugin_load (path, &default_error);
          /* Kept for the life of the process: its functions may be running. */
          if (default_plugin)
            g_module_make_resident (default_plugin->module);
          else
            g_message ("%s", default_error->message);
        }
    }
  g_mutex_unlock (&default_lock);
  return default_plugin;
}

const GError *
civ_identity_plugin_get_default_error (void)
{
  civ_identity_plugin_get_default ();
  return default_error;
}

const char *
civ_identity_plugin_get_vendor (CivIdentityPlugin *plugin)
{
  return plugin->table->vendor;
}

const char *
civ_identity_plugin_get_device (CivIdentityPlugin *plugin)
{
  return plugin->table->device;
}

gboolean
civ_identity_plugin_can_decode_wlt (CivIdentityPlugin *plugin)
{
  return plugin->table->decode_wlt != NULL;
}

gboolean
civ_identity_plugin_can_compare_face (CivIdentityPlugin *plugin)
{
  return plugin->table->compare_face != NULL;
}

gboolean
civ_identity_plugin_can_verify_fingerprint (CivIdentityPlugin *plugin)
{
  return plugin->table->verify_fingerprint != NULL;
}

/* @format: a translated sentence with two %s, the vendor and the device. */
static void
set_unsupported (GError **error, CivIdentityPlugin *plugin, const char *format)
{
  g_autofree char *text = NULL;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  text = g_strdup_printf (format, plugin->table->vendor, plugin->table->device);
#pragma GCC diagnostic pop
  g_set_error_literal (error, CIV_IDENTITY_PLUGIN_ERROR, CIV_IDENTITY_PLUGIN_ERROR_UNSUPPORTED,
                       text);
}

/* Takes the plug-in's malloc'd message. */
static void
set_failed (GError **error, CivIdentityPlugin *plugin, char *message)
{
  if (message != NULL && g_utf8_validate (message, -1, NULL))
    g_set_error (error, CIV_IDENTITY_PLUGIN_ERROR, CIV_IDENTITY_PLUGIN_ERROR_FAILED,
                 _ ("%s (%s): %s"), plugin->table->vendor, plugin->table->device, message);
  else
    g_set_error (error, CIV_IDENTITY_PLUGIN_ERROR, CIV_IDENTITY_PLUGIN_ERROR_FAILED,
                 _ ("The identity plug-in of %s (%s) failed without saying why; try again"),
                 plugin->table->vendor, plugin->table->device);
  free (message);
}

static gboolean
check_score (GError **error, CivIdentityPlugin *plugin, int score, int match, CivIdentityScore *out)
{
  if (score < 0 || score > 100)
    {
      g_set_error (error, CIV_IDENTITY_PLUGIN_ERROR, CIV_IDENTITY_PLUGIN_ERROR_FAILED,
                   _ ("The identity plug-in of %s (%s) gave the score %d, outside 0 to 100; the "
                      "check is not recorded"),
                   plugin->table->vendor, plugin->table->device, score);
      return FALSE;
    }
  out->score = score;
  out->match = match != 0;
  return TRUE;
}

GBytes *
civ_identity_plugin_decode_wlt (CivIdentityPlugin *plugin, GBytes *wlt, GError **error)
{
  static const guint8 png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
  unsigned char      *png = NULL;
  size_t              png_len = 0;
  char               *message = NULL;
  gsize               wlt_len;
  const guint8       *wlt_data;
  int                 rc;

  g_return_val_if_fail (plugin != NULL && wlt != NULL, NULL);

  if (plugin->table->decode_wlt == NULL)
    {
      set_unsupported (error, plugin,
                       _ ("The identity plug-in of %s (%s) cannot decode card photos"));
      return NULL;
    }
  wlt_data = g_bytes_get_data (wlt, &wlt_len);
  g_mutex_lock (&plugin->call_lock);
  rc = plugin->table->decode_wlt (wlt_data, wlt_len, &png, &png_len, &message);
  g_mutex_unlock (&plugin->call_lock);
  if (rc != 0)
    {
      free (png);
      set_failed (error, plugin, message);
      return NULL;
    }
  free (message);
  if (png == NULL || png_len < sizeof png_signature || png_len > MAX_PNG ||
      memcmp (png, png_signature, sizeof png_signature) != 0)
    {
      free (png);
      g_set_error (error, CIV_IDENTITY_PLUGIN_ERROR, CIV_IDENTITY_PLUGIN_ERROR_FAILED,
                   _ ("The identity plug-in of %s (%s) gave a photo that is not a PNG image; the "
                      "photo is not decoded"),
                   plugin->table->vendor, plugin->table->device);
      return NULL;
    }
  {
    GBytes *out = g_bytes_new (png, png_len);
    free (png);
    return out;
  }
}

gboolean
civ_identity_plugin_compare_face (CivIdentityPlugin *plugin,
                                  GBytes            *card_png,
                                  GBytes            *live_photo,
                                  CivIdentityScore  *out,
                                  GError           **error)
{
  int           score = -1, match = 0;
  char         *message = NULL;
  gsize         a_len, b_len;
  const guint8 *a, *b;
  int           rc;

  g_return_val_if_fail (plugin != NULL && card_png != NULL && live_photo != NULL && out, FALSE);

  if (plugin->table->compare_face == NULL)
    {
      set_unsupported (error, plugin, _ ("The identity plug-in of %s (%s) cannot compare faces"));
      return FALSE;
    }
  a = g_bytes_get_data (card_png, &a_len);
  b = g_bytes_get_data (live_photo, &b_len);
  g_mutex_lock (&plugin->call_lock);
  rc = plugin->table->compare_face (a, a_len, b, b_len, &score, &match, &message);
  g_mutex_unlock (&plugin->call_lock);
  if (rc != 0)
    {
      set_failed (error, plugin, message);
      return FALSE;
    }
  free (message);
  return check_score (error, plugin, score, match, out);
}

gboolean
civ_identity_plugin_verify_fingerprint (CivIdentityPlugin *plugin,
                                        GBytes            *card_template,
                                        CivIdentityScore  *out,
                                        GError           **error)
{
  int           score = -1, match = 0;
  char         *message = NULL;
  gsize         len = 0;
  const guint8 *t = NULL;
  int           rc;

  g_return_val_if_fail (plugin != NULL && out != NULL, FALSE);

  if (plugin->table->verify_fingerprint == NULL)
    {
      set_unsupported (error, plugin,
                       _ ("The identity plug-in of %s (%s) cannot verify fingerprints"));
      return FALSE;
    }
  if (card_template)
    t = g_bytes_get_data (card_template, &len);
  g_mutex_lock (&plugin->call_lock);
  rc = plugin->table->verify_fingerprint (t, len, &score, &match, &message);
  g_mutex_unlock (&plugin->call_lock);
  if (rc != 0)
    {
      set_failed (error, plugin, message);
      return FALSE;
    }
  free (message);
  return check_score (error, plugin, score, match, out);
}
