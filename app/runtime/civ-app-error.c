// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-app-error.c — the core layer's error domain; a refusal carries the
 * rule that refused (domain.md ids) as a field, so that screens, the command
 * line and tests read the rule, never the translated message */
#include "civ-app-error.h"

#include <stdarg.h>

#include "civ-db-error.h"

typedef struct
{
  char *rule;
} CivAppErrorPrivate;

static void
civ_app_error_private_init (CivAppErrorPrivate *priv)
{
  priv->rule = NULL;
}

static void
civ_app_error_private_copy (const CivAppErrorPrivate *src, CivAppErrorPrivate *dest)
{
  dest->rule = g_strdup (src->rule);
}

static void
civ_app_error_private_clear (CivAppErrorPrivate *priv)
{
  g_clear_pointer (&priv->rule, g_free);
}

/* clang-format off */
G_DEFINE_EXTENDED_ERROR (CivAppError, civ_app_error)
/* clang-format on */

static void set_with_rule (GError    **error,
                           CivAppError code,
                           const char *rule,
                           const char *format,
                           va_list     args) G_GNUC_PRINTF (4, 0);

static void
set_with_rule (GError **error, CivAppError code, const char *rule, const char *format, va_list args)
{
  GError             *local;
  CivAppErrorPrivate *priv;

  local = g_error_new_valist (CIV_APP_ERROR, code, format, args);
  priv = civ_app_error_get_private (local);
  priv->rule = g_strdup (rule);
  g_propagate_error (error, local);
}

void
civ_app_set_refusal (GError **error, const char *rule, const char *format, ...)
{
  va_list args;

  g_return_if_fail (rule != NULL && format != NULL);
  if (error == NULL)
    return;
  va_start (args, format);
  set_with_rule (error, CIV_APP_ERROR_REFUSED, rule, format, args);
  va_end (args);
}

void
civ_app_set_invalid (GError **error, const char *rule, const char *format, ...)
{
  va_list args;

  g_return_if_fail (rule != NULL && format != NULL);
  if (error == NULL)
    return;
  va_start (args, format);
  set_with_rule (error, CIV_APP_ERROR_INVALID, rule, format, args);
  va_end (args);
}

const char *
civ_app_error_get_rule (const GError *error)
{
  CivAppErrorPrivate *priv;

  if (error == NULL || error->domain != CIV_APP_ERROR)
    return NULL;
  priv = civ_app_error_get_private (error);
  return priv ? priv->rule : NULL;
}

CivFailure
civ_app_error_classify (const GError *error)
{
  if (error == NULL)
    return CIV_FAILURE_OTHER;
  if (g_error_matches (error, CIV_DB_ERROR, CIV_DB_ERROR_WRONG_PASSWORD) ||
      g_error_matches (error, CIV_DB_ERROR, CIV_DB_ERROR_NO_SUCH_OPERATOR))
    return CIV_FAILURE_WRONG_CREDENTIALS;
  if (g_error_matches (error, CIV_DB_ERROR, CIV_DB_ERROR_OPERATOR_DISABLED))
    return CIV_FAILURE_OPERATOR_DISABLED;
  if (g_error_matches (error, CIV_DB_ERROR, CIV_DB_ERROR_NOT_ENCRYPTED))
    return CIV_FAILURE_NOT_ENCRYPTED;
  return CIV_FAILURE_OTHER;
}
