// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-passwords.c — changing an operator's password */
#include "civ-passwords.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "civ-keyslots.h"
#include "civ-password-policy.h"
#include "civ-permissions.h"

/* The current password must open the operator's own key slot. */
static gboolean
verify_current (CivStore *store, const char *login, const char *current, GError **error)
{
  g_autofree char *path =
    g_build_filename (civ_store_get_data_dir (store), CIV_STORE_KEYS_NAME, NULL);
  g_autoptr (CivKeyslots) slots = civ_keyslots_load (path, error);
  CivSecret *key;

  if (slots == NULL)
    return FALSE;
  key = civ_keyslots_unwrap (slots, login, current, NULL);
  if (key == NULL)
    {
      civ_store_audit (store, "operator.passwd.failed", login, NULL, NULL);
      g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                           _ ("The current password is not correct."));
      return FALSE;
    }
  civ_secret_free (key);
  return TRUE;
}

gboolean
civ_operator_may_change_password (CivStore *store, const char *login, GError **error)
{
  const CivOperator *op;
  gboolean           own;

  g_return_val_if_fail (CIV_IS_STORE (store), FALSE);
  op = civ_store_get_operator (store);
  own = op != NULL && g_strcmp0 (op->login, login) == 0;
  return civ_require (store, own ? CIV_PERM_CHANGE_OWN_PASSWORD : CIV_PERM_MANAGE_OPERATORS, error);
}

gboolean
civ_operator_change_password (
  CivStore *store, const char *login, const char *current, const char *new_password, GError **error)
{
  g_return_val_if_fail (CIV_IS_STORE (store), FALSE);
  g_return_val_if_fail (login != NULL && new_password != NULL, FALSE);

  if (!civ_operator_may_change_password (store, login, error))
    return FALSE;
  if (!civ_password_policy_check (login, new_password, error))
    return FALSE;
  if (current != NULL && !verify_current (store, login, current, error))
    return FALSE;
  return civ_store_set_password (store, login, new_password, error);
}

typedef struct
{
  char *login;
  char *current;
  char *password;
} ChangeData;

static void
secret_free (char *secret)
{
  if (secret == NULL)
    return;
  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

static void
change_data_free (ChangeData *data)
{
  g_free (data->login);
  secret_free (data->current);
  secret_free (data->password);
  g_free (data);
}

static gboolean
change_func (CivStore *store, gpointer user_data, gpointer *result, GError **error)
{
  ChangeData *data = user_data;

  return civ_operator_change_password (store, data->login, data->current, data->password, error);
}

void
civ_passwords_change_async (CivSession         *session,
                            gpointer            source_object,
                            const char         *login,
                            const char         *current,
                            const char         *new_password,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  ChangeData *data = g_new0 (ChangeData, 1);

  data->login = g_strdup (login);
  data->current = g_strdup (current);
  data->password = g_strdup (new_password);
  civ_session_call (session, source_object, cancellable, change_func, data,
                    (GDestroyNotify) change_data_free, NULL, callback, user_data);
}

gboolean
civ_passwords_change_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish (session, result, NULL, error);
}
