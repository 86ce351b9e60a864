// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-password-policy.c — what an operator's password must be */
#include "civ-password-policy.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-domain-resources.h"
#include "civ-login-guard.h"

#define COMMON_RESOURCE "/org/civreg/Civreg/common-passwords.txt"

static GHashTable *
common_table (void)
{
  static GHashTable *table = NULL;
  static gsize       done = 0;

  if (g_once_init_enter (&done))
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) bytes = NULL;
      GHashTable *t = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      civ_domain_register_resource ();
      bytes = g_resources_lookup_data (COMMON_RESOURCE, 0, &error);
      if (bytes == NULL)
        g_critical ("%s: %s", COMMON_RESOURCE, error->message);
      else
        {
          g_autofree char *text =
            g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
          g_auto (GStrv) lines = g_strsplit (text, "\n", -1);

          for (guint i = 0; lines[i]; i++)
            {
              g_strstrip (lines[i]);
              if (lines[i][0] != '\0' && lines[i][0] != '#')
                g_hash_table_add (t, g_utf8_casefold (lines[i], -1));
            }
        }
      table = t;
      g_once_init_leave (&done, 1);
    }
  return table;
}

gboolean
civ_password_is_common (const char *password)
{
  g_autofree char *folded = g_utf8_casefold (password, -1);

  return g_hash_table_contains (common_table (), folded);
}

gboolean
civ_password_policy_check (const char *login, const char *password, GError **error)
{
  gboolean lower = FALSE, upper = FALSE, digit = FALSE, other = FALSE;
  glong    n_chars;
  guint    n_classes;

  if (password == NULL || !g_utf8_validate (password, -1, NULL))
    {
      civ_app_set_invalid (error, "password.length",
                           _ ("A password is text of at least %d characters."),
                           CIV_PASSWORD_MIN_CHARS);
      return FALSE;
    }
  n_chars = g_utf8_strlen (password, -1);
  if (n_chars < CIV_PASSWORD_MIN_CHARS)
    {
      civ_app_set_invalid (error, "password.length",
                           /* Translators: %1$d is the minimum, %2$ld the length typed. */
                           _ ("A password needs at least %1$d characters — this one has %2$ld."),
                           CIV_PASSWORD_MIN_CHARS, n_chars);
      return FALSE;
    }
  for (const char *p = password; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_islower (c))
        lower = TRUE;
      else if (g_unichar_isupper (c))
        upper = TRUE;
      else if (g_unichar_isdigit (c))
        digit = TRUE;
      else if (!g_unichar_isspace (c))
        other = TRUE;
    }
  n_classes = (guint) lower + (guint) upper + (guint) digit + (guint) other;
  if (n_classes < CIV_PASSWORD_MIN_CLASSES)
    {
      GPtrArray       *missing = g_ptr_array_new ();
      g_autofree char *list = NULL;

      if (!lower)
        g_ptr_array_add (missing, (gpointer) _ ("a lower-case letter"));
      if (!upper)
        g_ptr_array_add (missing, (gpointer) _ ("an upper-case letter"));
      if (!digit)
        g_ptr_array_add (missing, (gpointer) _ ("a digit"));
      if (!other)
        g_ptr_array_add (missing, (gpointer) _ ("a symbol"));
      g_ptr_array_add (missing, NULL);
      /* Translators: joins the kinds of character still missing, as in
       * "a digit or a symbol". */
      list = g_strjoinv (_ (" or "), (char **) missing->pdata);
      g_ptr_array_free (missing, TRUE);
      civ_app_set_invalid (error, "password.classes",
                           /* Translators: %1$d is 3; %2$s is "a digit or a symbol". */
                           _ ("A password mixes at least %1$d of: lower-case letters, upper-case "
                              "letters, digits, symbols. Add %2$s."),
                           CIV_PASSWORD_MIN_CLASSES, list);
      return FALSE;
    }
  if (login != NULL && *login != '\0')
    {
      g_autofree char *folded = g_utf8_casefold (password, -1);
      g_autofree char *folded_login = g_utf8_casefold (login, -1);
      g_autofree char *reversed = g_utf8_strreverse (folded_login, -1);

      if (strcmp (folded, folded_login) == 0 || strcmp (folded, reversed) == 0)
        {
          civ_app_set_invalid (error, "password.login",
                               _ ("The password must not be the user name, forwards or "
                                  "backwards. Choose another one."));
          return FALSE;
        }
    }
  if (civ_password_is_common (password))
    {
      civ_app_set_invalid (error, "password.common",
                           _ ("This password is on the list of the most common passwords and is "
                              "guessed first. Choose another one."));
      return FALSE;
    }
  return TRUE;
}

static guint max_age_days = 0;

void
civ_security_policy_set_max_age_days (guint days)
{
  g_atomic_int_set (&max_age_days, days);
}

guint
civ_security_policy_get_max_age_days (void)
{
  return (guint) g_atomic_int_get (&max_age_days);
}

void
civ_security_policy_apply (GSettings *settings)
{
  CivLockoutPolicy p;

  civ_lockout_policy_default (&p);
  if (settings != NULL)
    {
      p.max_failures = (guint) g_settings_get_int (settings, "lockout-failures");
      p.window_s = (guint) g_settings_get_int (settings, "lockout-window-minutes") * 60;
      p.lock_s = (guint) g_settings_get_int (settings, "lockout-minutes") * 60;
      p.lock_max_s = (guint) g_settings_get_int (settings, "lockout-max-minutes") * 60;
      civ_security_policy_set_max_age_days (
        (guint) g_settings_get_int (settings, "password-max-age-days"));
    }
  civ_login_guard_set_policy (&p);
}

void
civ_security_policy_load (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettings) settings = NULL;

  if (source)
    schema = g_settings_schema_source_lookup (source, "org.civreg.Civreg", TRUE);
  if (schema && g_settings_schema_has_key (schema, "lockout-failures"))
    settings = g_settings_new_full (schema, NULL, NULL);
  civ_security_policy_apply (settings);
}

gboolean
civ_password_check_age (CivStore *store, const char *login, GError **error)
{
  guint  days = civ_security_policy_get_max_age_days ();
  gint64 set_at = 0;
  gint64 age_days;

  if (days == 0)
    return TRUE;
  if (!civ_store_get_password_set_at (store, login, &set_at, error))
    return FALSE;
  age_days = (civ_login_guard_now () - set_at) / (24 * 60 * 60);
  if (set_at > 0 && age_days < (gint64) days)
    return TRUE;
  civ_app_set_refusal (error, "password.expired",
                       /* Translators: %1$u is the office's limit in days. */
                       _ ("Your password is older than the %1$u days this office allows. Change "
                          "it before you start work."),
                       days);
  return FALSE;
}
