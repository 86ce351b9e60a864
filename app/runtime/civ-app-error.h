// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-app-error.h — the core layer's error domain */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CIV_APP_ERROR (civ_app_error_quark ())

typedef enum
{
  CIV_APP_ERROR_INVALID,    /* bad input; nothing was changed */
  CIV_APP_ERROR_PERMISSION, /* the operator's role does not allow this */
  CIV_APP_ERROR_FORMAT,     /* a file that does not parse */
  CIV_APP_ERROR_REFUSED,    /* a rule refused the request; the message names the rule */
} CivAppError;

GQuark civ_app_error_quark (void);

/* Sets CIV_APP_ERROR_REFUSED with @rule (a domain.md id such as "R-D5")
 * as a field beside the message. */
void civ_app_set_refusal (GError **error, const char *rule, const char *format, ...)
  G_GNUC_PRINTF (3, 4);
/* Sets CIV_APP_ERROR_INVALID for input that a rule (@rule) says how to
 * give, with the rule as a field as for a refusal. */
void civ_app_set_invalid (GError **error, const char *rule, const char *format, ...)
  G_GNUC_PRINTF (3, 4);
/* The rule of a refusal or of invalid input, or NULL. */
const char *civ_app_error_get_rule (const GError *error);

/* What kind of failure an error is, for a window to word it: the facts
 * come from the error's domain and code, never from its message. */
typedef enum
{
  CIV_FAILURE_OTHER,             /* say the error's own message */
  CIV_FAILURE_WRONG_CREDENTIALS, /* wrong user name or password */
  CIV_FAILURE_OPERATOR_DISABLED, /* the account is disabled */
  CIV_FAILURE_NOT_ENCRYPTED,     /* built without database encryption */
} CivFailure;

CivFailure civ_app_error_classify (const GError *error);

G_END_DECLS
