// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-grants.h — permissions given to one operator beyond their role
 * (operator_grants, 0012-adoption.sql): a registrar given the adoption
 * permission (R-A13). Which roles hold what is app/security/civ-permissions.c. */
#pragma once

#include "civ-db.h"

G_BEGIN_DECLS

/* *@out is TRUE when @login holds a live (not revoked) grant of @permission. */
gboolean civ_grant_holds (
  CivDb *db, const char *login, const char *permission, gboolean *out, GError **error);
/* Gives @permission to @login; CIV_DB_ERROR_EXISTS when it is already held. */
gboolean civ_grant_add (
  CivDb *db, const char *login, const char *permission, const char *granted_by, GError **error);
/* Revokes the live grant; CIV_DB_ERROR_NOT_FOUND when there is none. */
gboolean civ_grant_revoke (
  CivDb *db, const char *login, const char *permission, const char *revoked_by, GError **error);
/* Logins holding a live grant of @permission, sorted. */
GPtrArray *civ_grant_list (CivDb *db, const char *permission, GError **error);

G_END_DECLS
