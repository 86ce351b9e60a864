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

G_END_DECLS
