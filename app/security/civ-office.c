// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-office.c — the office before anyone is logged in */
#include "civ-office.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include "civ-password-policy.h"

#include <string.h>
#include <sys/stat.h>

gboolean
civ_office_exists (const char *data_dir)
{
  return civ_store_exists (data_dir);
}

gboolean
civ_office_peek (const char *data_dir, char **name, char **code)
{
  return civ_store_peek_office (data_dir, name, code);
}

static void
secret_free (char *secret)
{
  if (secret == NULL)
    return;
  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

typedef struct
{
  char *data_dir;
  char *office_code;
  char *office_name;
  char *login;
  char *display_name;
  char *password;
} OfficeData;

static void
office_data_free (OfficeData *data)
{
  g_free (data->data_dir);
  g_free (data->office_code);
  g_free (data->office_name);
  g_free (data->login);
  g_free (data->display_name);
  secret_free (data->password);
  g_free (data);
}

static void
create_job (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  OfficeData *data = task_data;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (GError) error = NULL;
  char *recovery = NULL;

  if (!civ_password_policy_check (data->login, data->password, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (civ_office_secure_folder (data->data_dir, NULL, &error))
    store = civ_store_create (data->data_dir, data->office_code, data->office_name, data->login,
                              data->display_name, data->password, NULL, &recovery, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* The store closes here, on the worker. */
  g_clear_object (&store);
  g_task_return_pointer (task, recovery, (GDestroyNotify) secret_free);
}

void
civ_office_create_async (CivWorker          *worker,
                         gpointer            source_object,
                         const char         *data_dir,
                         const char         *office_code,
                         const char         *office_name,
                         const char         *login,
                         const char         *display_name,
                         const char         *password,
                         GCancellable       *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer            user_data)
{
  g_autoptr (GTask) task = g_task_new (source_object, cancellable, callback, user_data);
  OfficeData *data = g_new0 (OfficeData, 1);

  data->data_dir = g_strdup (data_dir);
  data->office_code = g_strdup (office_code);
  data->office_name = g_strdup (office_name);
  data->login = g_strdup (login);
  data->display_name = g_strdup (display_name);
  data->password = g_strdup (password);
  g_task_set_source_tag (task, civ_office_create_async);
  g_task_set_task_data (task, data, (GDestroyNotify) office_data_free);
  civ_worker_run (worker, task, create_job);
}

char *
civ_office_create_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == civ_office_create_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  CivWorker *worker;
  CivStore  *store;
  char      *office_name;
  char      *office_code;
  gint64     rollback[2]; /* recorded, found; 0 when no rollback */
  gboolean   expired;
  guint32    granted; /* civ_operator_grants () */
} Opened;

static void
opened_free (Opened *opened)
{
  g_clear_object (&opened->store);
  g_free (opened->office_name);
  g_free (opened->office_code);
  g_free (opened);
}

static void
open_job (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  OfficeData *data = task_data;
  g_autoptr (GError) error = NULL;
  Opened   *opened;
  CivStore *store;

  /* An existing office left open to other users is tightened at login. */
  if (g_file_test (data->data_dir, G_FILE_TEST_IS_DIR) &&
      !civ_office_secure_folder (data->data_dir, NULL, &error))
    {
      g_warning ("%s", error->message);
      g_clear_error (&error);
    }
  store = civ_store_open (data->data_dir, data->login, data->password, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  opened = g_new0 (Opened, 1);
  opened->store = store;
  opened->office_name = civ_store_get_office_name (store);
  opened->office_code = civ_store_get_office_code (store);
  civ_store_get_rollback (store, &opened->rollback[0], &opened->rollback[1]);
  opened->expired = !civ_password_check_age (store, data->login, NULL);
  opened->granted = civ_operator_grants (store);
  g_task_return_pointer (task, opened, (GDestroyNotify) opened_free);
}

void
civ_office_open_async (CivWorker          *worker,
                       gpointer            source_object,
                       const char         *data_dir,
                       const char         *login,
                       const char         *password,
                       GCancellable       *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer            user_data)
{
  g_autoptr (GTask) task = g_task_new (source_object, cancellable, callback, user_data);
  OfficeData *data = g_new0 (OfficeData, 1);

  data->data_dir = g_strdup (data_dir);
  data->login = g_strdup (login);
  data->password = g_strdup (password);
  g_task_set_source_tag (task, civ_office_open_async);
  /* The session needs the worker that opened the store. */
  g_object_set_data_full (G_OBJECT (task), "worker", g_object_ref (worker), g_object_unref);
  g_task_set_task_data (task, data, (GDestroyNotify) office_data_free);
  civ_worker_run (worker, task, open_job);
}

CivSession *
civ_office_open_finish (GAsyncResult *result, GError **error)
{
  Opened     *opened;
  CivSession *session;

  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == civ_office_open_async, NULL);
  opened = g_task_propagate_pointer (G_TASK (result), error);
  if (opened == NULL)
    return NULL;
  session = civ_session_new (g_object_get_data (G_OBJECT (result), "worker"),
                             g_steal_pointer (&opened->store), opened->office_name,
                             opened->office_code, opened->granted);
  if (opened->rollback[0] > 0)
    g_object_set_data_full (G_OBJECT (session), "civ-office-rollback",
                            g_memdup2 (opened->rollback, sizeof opened->rollback), g_free);
  if (opened->expired)
    g_object_set_data (G_OBJECT (session), "civ-office-expired", GINT_TO_POINTER (TRUE));
  opened_free (opened);
  return session;
}

gboolean
civ_office_get_rollback (CivSession *session, gint64 *recorded, gint64 *found)
{
  const gint64 *rollback = g_object_get_data (G_OBJECT (session), "civ-office-rollback");

  if (rollback == NULL)
    return FALSE;
  *recorded = rollback[0];
  *found = rollback[1];
  return TRUE;
}

gboolean
civ_office_password_expired (CivSession *session)
{
  return g_object_get_data (G_OBJECT (session), "civ-office-expired") != NULL;
}

gboolean
civ_office_secure_folder (const char *data_dir, gboolean *tightened, GError **error)
{
  GStatBuf st;

  g_return_val_if_fail (data_dir != NULL, FALSE);

  if (tightened)
    *tightened = FALSE;
  if (g_stat (data_dir, &st) != 0)
    {
      if (g_mkdir_with_parents (data_dir, 0700) == 0)
        return TRUE;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   _ ("Could not create the folder %s: %s"), data_dir, g_strerror (errno));
      return FALSE;
    }
  if (!S_ISDIR (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY, _ ("%s is not a folder"), data_dir);
      return FALSE;
    }
  if ((st.st_mode & 0077) != 0)
    {
      if (g_chmod (data_dir, 0700) != 0)
        {
          int saved = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _ ("The folder %s is open to other users and could not be made private: %s"),
                       data_dir, g_strerror (saved));
          return FALSE;
        }
      if (tightened)
        *tightened = TRUE;
    }
  /* The files of an office made by hand or copied with a loose umask
   * (office.ini, the key slots, the journals): for their owner only. */
  {
    g_autoptr (GDir) dir = g_dir_open (data_dir, 0, NULL);
    const char *name;

    while (dir && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (data_dir, name, NULL);
        GStatBuf         fst;

        if (g_lstat (path, &fst) != 0 || !S_ISREG (fst.st_mode) || (fst.st_mode & 0077) == 0)
          continue;
        if (g_chmod (path, fst.st_mode & 0700) != 0)
          {
            int saved = errno;
            g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                         _ ("The file %s is open to other users and could not be made private: %s"),
                         path, g_strerror (saved));
            return FALSE;
          }
        if (tightened)
          *tightened = TRUE;
      }
  }
  return TRUE;
}
