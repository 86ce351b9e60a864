// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-users-service.c — supervisors manage who may log in */
#include "civ-users-service.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-grants.h"
#include "civ-json.h"
#include "civ-password-policy.h"
#include "civ-permissions.h"

static gboolean
list_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  GPtrArray *operators;

  if (!civ_require (store, CIV_PERM_MANAGE_OPERATORS, error))
    return FALSE;
  operators = civ_store_list_operators (store, error);
  if (operators == NULL)
    return FALSE;
  *result = operators;
  return TRUE;
}

void
civ_users_list_async (CivSession         *session,
                      gpointer            source_object,
                      GCancellable       *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer            user_data)
{
  civ_session_call (session, source_object, cancellable, list_func, NULL, NULL,
                    (GDestroyNotify) g_ptr_array_unref, callback, user_data);
}

GPtrArray *
civ_users_list_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}

typedef struct
{
  char   *login;
  char   *display_name;
  CivRole role;
  char   *password;
} AddData;

static void
add_data_free (AddData *data)
{
  g_free (data->login);
  g_free (data->display_name);
  if (data->password)
    explicit_bzero (data->password, strlen (data->password));
  g_free (data->password);
  g_free (data);
}

static gboolean
add_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  AddData *add = data;

  if (!civ_require (store, CIV_PERM_MANAGE_OPERATORS, error) ||
      !civ_password_policy_check (add->login, add->password, error))
    return FALSE;
  return civ_store_add_operator (store, add->login, add->display_name, add->role, add->password,
                                 error);
}

void
civ_users_add_async (CivSession         *session,
                     gpointer            source_object,
                     const char         *login,
                     const char         *display_name,
                     CivRole             role,
                     const char         *password,
                     GCancellable       *cancellable,
                     GAsyncReadyCallback callback,
                     gpointer            user_data)
{
  AddData *data = g_new0 (AddData, 1);

  data->login = g_strdup (login);
  data->display_name = g_strdup (display_name);
  data->role = role;
  data->password = g_strdup (password);
  civ_session_call (session, source_object, cancellable, add_func, data,
                    (GDestroyNotify) add_data_free, NULL, callback, user_data);
}

gboolean
civ_users_add_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish (session, result, NULL, error);
}

static gboolean
disable_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  if (!civ_require (store, CIV_PERM_MANAGE_OPERATORS, error))
    return FALSE;
  return civ_store_disable_operator (store, data, error);
}

void
civ_users_disable_async (CivSession         *session,
                         gpointer            source_object,
                         const char         *login,
                         GCancellable       *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer            user_data)
{
  civ_session_call (session, source_object, cancellable, disable_func, g_strdup (login), g_free,
                    NULL, callback, user_data);
}

gboolean
civ_users_disable_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish (session, result, NULL, error);
}

gboolean
civ_users_set_grant (
  CivStore *store, const char *login, CivPermission perm, gboolean give, GError **error)
{
  g_autoptr (CivOperator) op = NULL;
  g_autofree char *detail = NULL;
  g_autoptr (GError) local = NULL;
  CivDb *db;

  if (!civ_require (store, CIV_PERM_MANAGE_OPERATORS, error))
    return FALSE;
  op = civ_store_find_operator (store, login ? login : "", &local);
  if (op == NULL)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID, _ ("There is no user “%s”"),
                   login ? login : "");
      return FALSE;
    }
  if (!civ_permission_grantable (perm, op->role))
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("A user with the role “%s” cannot be given the permission to %s"),
                   civ_role_display_name (op->role), civ_permission_describe (perm));
      return FALSE;
    }
  {
    g_autoptr (CivJson) json = civ_json_new ();

    civ_json_string (json, "login", op->login);
    civ_json_string (json, "permission", civ_permission_code (perm));
    detail = civ_json_finish (json);
  }
  db = civ_store_get_db (store);
  if (!civ_db_begin (db, error))
    return FALSE;
  if (!(give ? civ_grant_add (db, op->login, civ_permission_code (perm),
                              civ_store_get_operator (store)->login, error)
             : civ_grant_revoke (db, op->login, civ_permission_code (perm),
                                 civ_store_get_operator (store)->login, error)) ||
      !civ_store_audit (store, give ? "operator.grant" : "operator.ungrant", op->login, detail,
                        error) ||
      !civ_db_commit (db, error))
    {
      civ_db_rollback (db);
      return FALSE;
    }
  return TRUE;
}

gboolean
civ_users_unlock (CivStore *store, const char *login, GError **error)
{
  if (!civ_require (store, CIV_PERM_MANAGE_OPERATORS, error))
    return FALSE;
  return civ_store_unlock_login (store, login, error);
}

static gboolean
unlock_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  return civ_users_unlock (store, data, error);
}

void
civ_users_unlock_async (CivSession         *session,
                        gpointer            source_object,
                        const char         *login,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  civ_session_call (session, source_object, cancellable, unlock_func, g_strdup (login), g_free,
                    NULL, callback, user_data);
}

gboolean
civ_users_unlock_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish (session, result, NULL, error);
}

static gboolean
locked_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  GPtrArray *logins = data;
  GPtrArray *locked = g_ptr_array_new_with_free_func (g_free);

  if (!civ_require (store, CIV_PERM_MANAGE_OPERATORS, error))
    {
      g_ptr_array_unref (locked);
      return FALSE;
    }
  for (guint i = 0; i < logins->len; i++)
    if (civ_store_login_locked_until (civ_store_get_data_dir (store), g_ptr_array_index (logins, i),
                                      NULL))
      g_ptr_array_add (locked, g_strdup (g_ptr_array_index (logins, i)));
  *result = locked;
  return TRUE;
}

void
civ_users_list_locked_async (CivSession         *session,
                             gpointer            source_object,
                             GPtrArray          *logins,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  civ_session_call (session, source_object, cancellable, locked_func, g_ptr_array_ref (logins),
                    (GDestroyNotify) g_ptr_array_unref, (GDestroyNotify) g_ptr_array_unref,
                    callback, user_data);
}

GPtrArray *
civ_users_list_locked_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}

gboolean
civ_users_login_is_valid (const char *login)
{
  return civ_login_is_valid (login, NULL);
}

guint
civ_users_min_password_length (void)
{
  return CIV_MIN_PASSWORD_LEN;
}
