// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-cli-backup.c — the damage check and backups (issue 12, items 2, 3)
 *
 *   civreg-cli --data-dir DIR --user LOGIN verify [--json]
 *   civreg-cli --data-dir DIR --user LOGIN backup create FOLDER [--copies N] [--json]
 *   civreg-cli --user LOGIN [--data-dir DIR] backup verify BACKUP [--json]
 *   civreg-cli --user LOGIN backup restore BACKUP --to NEWDIR [--json]
 *
 * verify runs PRAGMA integrity_check and exits 1 when the database is
 * damaged, naming the tables. backup verify and restore open the backup
 * with its own key slots (the office may be gone): the password is the
 * user's as it was when the backup was made. Exit codes: 0 success (the
 * database or the backup is whole), 1 failure or damage, 2 usage error.
 */
#include "civ-cli.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "civ-backup-service.h"
#include "civ-json.h"

static void
wipe_free (char *s)
{
  if (s)
    {
      memset (s, 0, strlen (s));
      g_free (s);
    }
}

static void
print_info (CivCliGlobal *global, const CivBackupInfo *info)
{
  if (global->json)
    {
      g_autoptr (CivJson) json = civ_json_new ();
      g_autofree char *out = NULL;

      civ_json_string (json, "path", info->path);
      civ_json_string (json, "office_code", info->office_code);
      civ_json_string (json, "office_name", info->office_name);
      civ_json_string (json, "created_at", info->created_at);
      civ_json_string (json, "created_by", info->created_by);
      civ_json_int (json, "size", info->size_bytes);
      civ_backup_info_add_counts (info, json);
      civ_json_bool (json, "verified", info->verified);
      out = civ_json_finish (json);
      printf ("%s\n", out);
    }
  else
    {
      g_autofree char *text = civ_backup_info_describe (info);
      printf ("%s\n", text);
    }
}

int
civ_cli_cmd_verify (CivCliGlobal *global, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (CivDamageCheck) check = NULL;
  const GOptionEntry entries[] = { CIV_CLI_GLOBAL_ENTRIES (global), { NULL } };
  g_autoptr (GOptionContext) ctx = civ_cli_command_context (
    "", _ ("Check the whole office database for damage (PRAGMA integrity_check)"), entries);

  if (!civ_cli_parse (ctx, &argc, &argv))
    return CIV_EXIT_USAGE;
  if (argc > 1)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("Unexpected argument “%s”"), argv[1]);
  store = civ_cli_open_store (global, &error);
  if (store == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  check = civ_backup_check_store (store, TRUE, &error);
  if (check == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  if (global->json)
    {
      g_autoptr (CivJson) json = civ_json_new ();
      g_autofree char *out = NULL;

      civ_json_bool (json, "ok", check->ok);
      civ_json_strv (json, "tables", (const char *const *) check->tables);
      civ_json_strv (json, "problems", (const char *const *) check->problems);
      out = civ_json_finish (json);
      printf ("%s\n", out);
    }
  else if (check->ok)
    printf ("%s\n", _ ("ok: the database is whole"));
  else
    {
      g_autofree char *tables = g_strjoinv (", ", check->tables);

      printf (_ ("DAMAGED: tables affected: %s\n"), tables[0] ? tables : "?");
      for (guint i = 0; check->problems[i] && i < 10; i++)
        printf ("  %s\n", check->problems[i]);
      printf ("%s\n", _ ("Restore the office from a backup into a new folder "
                         "(civreg-cli backup restore BACKUP --to NEWDIR)."));
    }
  return check->ok ? CIV_EXIT_OK : CIV_EXIT_FAILURE;
}

static int
backup_create (CivCliGlobal *global, const char *folder, int copies)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = civ_cli_open_store (global, &error);
  g_autoptr (CivBackupInfo) info = NULL;

  if (store == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  /* 256 pages, then 2 ms for the office's other readers and writers. */
  info = civ_backup_create (store, folder, (guint) copies, FALSE, 2000, NULL, NULL, NULL, &error);
  if (info == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  print_info (global, info);
  return CIV_EXIT_OK;
}

/* The backup's data key from its own key slots, with the user's password. */
static CivSecret *
backup_key (CivCliGlobal *global, const char *path, char **password_out, GError **error)
{
  char      *password;
  CivSecret *key;

  if (global->user == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _ ("This command needs --user LOGIN (a user of the backed-up office)"));
      return NULL;
    }
  password = civ_cli_read_secret (global->password_file, _ ("Password: "), error);
  if (password == NULL)
    return NULL;
  key = civ_backup_unwrap_key (path, global->user, password, error);
  if (password_out && key)
    *password_out = password;
  else
    wipe_free (password);
  return key;
}

static int
backup_verify (CivCliGlobal *global, const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivSecret) key = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (CivBackupInfo) info = NULL;
  char *password = NULL;

  key = backup_key (global, path, &password, &error);
  if (key == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  /* With --data-dir, the verification is recorded in that office's log. */
  if (global->data_dir)
    {
      store = civ_store_open (global->data_dir, global->user, password, &error);
      if (store == NULL)
        {
          wipe_free (password);
          return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
        }
      civ_worker_adopt_store (global->worker, store);
    }
  wipe_free (password);
  info = civ_backup_verify (path, key, store, &error);
  if (info == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  print_info (global, info);
  return CIV_EXIT_OK;
}

static int
backup_restore (CivCliGlobal *global, const char *path, const char *target)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivSecret) key = NULL;
  g_autoptr (CivBackupInfo) info = NULL;

  key = backup_key (global, path, NULL, &error);
  if (key == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  info = civ_backup_restore (path, key, target, global->user, NULL, &error);
  if (info == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  if (!global->json)
    printf (_ ("Restored into %s. Open it with: civreg-cli --data-dir %s --user %s …\n\n"), target,
            target, global->user);
  print_info (global, info);
  return CIV_EXIT_OK;
}

int
civ_cli_cmd_backup (CivCliGlobal *global, int argc, char **argv)
{
  g_autofree char   *target = NULL;
  int                copies = 0;
  const GOptionEntry entries[] = {
    CIV_CLI_GLOBAL_ENTRIES (global),
    { "to", 0, 0, G_OPTION_ARG_FILENAME, &target,
      N_ ("restore: the new (or empty) folder to restore into"), "NEWDIR" },
    { "copies", 0, 0, G_OPTION_ARG_INT, &copies,
      N_ ("create: keep only the newest N backups of this office in FOLDER (default: all)"), "N" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx =
    civ_cli_command_context (_ ("create FOLDER | verify BACKUP | restore BACKUP --to NEWDIR"),
                             _ ("Back up the office, verify a backup, or restore one"), entries);

  if (!civ_cli_parse (ctx, &argc, &argv))
    return CIV_EXIT_USAGE;
  if (argc != 3)
    return civ_cli_fail (CIV_EXIT_USAGE,
                         _ ("Usage: backup create FOLDER | verify BACKUP | restore BACKUP --to "
                            "NEWDIR"));
  if (copies < 0)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("--copies needs a number of 0 or more"));
  if (g_strcmp0 (argv[1], "create") == 0)
    return backup_create (global, argv[2], copies);
  if (g_strcmp0 (argv[1], "verify") == 0)
    return backup_verify (global, argv[2]);
  if (g_strcmp0 (argv[1], "restore") == 0)
    {
      if (target == NULL)
        return civ_cli_fail (CIV_EXIT_USAGE, _ ("backup restore needs --to NEWDIR"));
      return backup_restore (global, argv[2], target);
    }
  return civ_cli_fail (CIV_EXIT_USAGE, _ ("Unknown backup action “%s” (create, verify, restore)"),
                       argv[1]);
}
