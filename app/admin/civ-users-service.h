// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-users-service.h — supervisors manage who may log in: list, add and
 * disable operators (CIV_PERM_MANAGE_OPERATORS), one job each on the
 * session's worker; the users page calls these and shows the result */
#pragma once

#include <gio/gio.h>

#include "civ-permissions.h"
#include "civ-session.h"

G_BEGIN_DECLS

/* Every operator of the office (CivOperator), enabled or not. */
void       civ_users_list_async (CivSession         *session,
                                 gpointer            source_object,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data);
GPtrArray *civ_users_list_finish (CivSession *session, GAsyncResult *result, GError **error);

/* Adds operator @login with a key slot opened by @password (audited). */
void     civ_users_add_async (CivSession         *session,
                              gpointer            source_object,
                              const char         *login,
                              const char         *display_name,
                              CivRole             role,
                              const char         *password,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data);
gboolean civ_users_add_finish (CivSession *session, GAsyncResult *result, GError **error);

/* Disables @login and removes their key slot (audited); their audit
 * entries stay. */
void     civ_users_disable_async (CivSession         *session,
                                  gpointer            source_object,
                                  const char         *login,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data);
gboolean civ_users_disable_finish (CivSession *session, GAsyncResult *result, GError **error);

/* Gives (@give) or takes back a permission that may be given to one
 * operator (civ_permission_grantable (): the adoption permission to a
 * registrar, R-A13); a supervisor's step, audited as "operator.grant" /
 * "operator.ungrant". */
gboolean civ_users_set_grant (
  CivStore *store, const char *login, CivPermission perm, gboolean give, GError **error);

/* Lifts the lockout of @login after too many failed logins (audited as
 * "user.unlocked"); CIV_DB_ERROR_INVALID when it is not locked. */
gboolean civ_users_unlock (CivStore *store, const char *login, GError **error);
void     civ_users_unlock_async (CivSession         *session,
                                 gpointer            source_object,
                                 const char         *login,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data);
gboolean civ_users_unlock_finish (CivSession *session, GAsyncResult *result, GError **error);

/* Which of @logins (strings) are locked out now: a new array of strings. */
void       civ_users_list_locked_async (CivSession         *session,
                                        gpointer            source_object,
                                        GPtrArray          *logins,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
GPtrArray *civ_users_list_locked_finish (CivSession *session, GAsyncResult *result, GError **error);

/* What a user name and a password must be, for forms to say before asking. */
gboolean civ_users_login_is_valid (const char *login);
guint    civ_users_min_password_length (void);

G_END_DECLS
