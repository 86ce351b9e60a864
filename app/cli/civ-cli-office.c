// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-cli-office.c — init, recover, operator and audit commands */
#include "civ-cli.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-password-policy.h"
#include "civ-passwords.h"
#include "civ-users-service.h"
#include "civ-permissions.h"
#include "civ-json.h"
#include "civ-office.h"

static void
wipe_free (char *s)
{
  if (s)
    {
      memset (s, 0, strlen (s));
      g_free (s);
    }
}

int
civ_cli_cmd_init (CivCliGlobal *global, int argc, char **argv)
{
  g_autofree char *office_code = NULL;
  g_autofree char *office_name = NULL;
  g_autofree char *supervisor = NULL;
  g_autofree char *supervisor_name = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autofree char   *recovery = NULL;
  char              *password = NULL;
  gboolean           tightened = FALSE;
  const GOptionEntry entries[] = {
    CIV_CLI_GLOBAL_ENTRIES (global),
    { "office-code", 0, 0, G_OPTION_ARG_STRING, &office_code,
      N_ ("The office's 6-digit division code (GB/T 2260)"), "CODE" },
    { "office-name", 0, 0, G_OPTION_ARG_STRING, &office_name, N_ ("The office's name"), "NAME" },
    { "supervisor", 0, 0, G_OPTION_ARG_STRING, &supervisor, N_ ("Login of the first supervisor"),
      "LOGIN" },
    { "supervisor-name", 0, 0, G_OPTION_ARG_STRING, &supervisor_name,
      N_ ("Full name of the first supervisor (default: the login)"), "NAME" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx =
    civ_cli_command_context ("", _ ("Create a new office data folder and its first supervisor"),
                             entries);

  if (!civ_cli_parse (ctx, &argc, &argv))
    return CIV_EXIT_USAGE;
  if (argc > 1)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("Unexpected argument “%s”"), argv[1]);
  if (!global->data_dir || !office_code || !office_name || !supervisor)
    return civ_cli_fail (CIV_EXIT_USAGE,
                         _ (
                           "init needs --data-dir, --office-code, --office-name and --supervisor"));

  password = civ_cli_read_secret (global->password_file, _ ("New supervisor password: "), &error);
  if (password == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  if (!civ_password_policy_check (supervisor, password, &error) ||
      !civ_office_secure_folder (global->data_dir, &tightened, &error))
    {
      wipe_free (password);
      return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
    }
  if (tightened)
    fprintf (stderr,
             _ ("Note: other users could open the folder %s; it is now for its owner only "
                "(0700).\n"),
             global->data_dir);
  store = civ_store_create (global->data_dir, office_code, office_name, supervisor,
                            supervisor_name ? supervisor_name : supervisor, password, NULL,
                            &recovery, &error);
  wipe_free (password);
  if (store == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);

  if (global->json)
    {
      g_autoptr (CivJson) json = civ_json_new ();
      g_autofree char *out = NULL;

      /* json-glib escapes the path: a quote in it cannot lose the code. */
      civ_json_string (json, "data_dir", civ_store_get_data_dir (store));
      civ_json_string (json, "recovery_code", recovery);
      out = civ_json_finish (json);
      printf ("%s\n", out);
    }
  else
    {
      printf (_ ("Created the office “%s” (%s) in %s.\n"), office_name, office_code,
              civ_store_get_data_dir (store));
      printf ("\n%s\n\n    %s\n\n%s\n", _ ("Supervisor recovery code (shown only this once):"),
              recovery,
              _ ("Print it and keep it in the office safe. It resets a supervisor password."));
    }
  wipe_free (g_steal_pointer (&recovery));
  return CIV_EXIT_OK;
}

int
civ_cli_cmd_recover (CivCliGlobal *global, int argc, char **argv)
{
  g_autofree char *code_file = NULL;
  g_autofree char *new_file = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  char              *code;
  char              *password;
  const GOptionEntry entries[] = { CIV_CLI_GLOBAL_ENTRIES (global),
                                   { "recovery-file", 0, 0, G_OPTION_ARG_FILENAME, &code_file,
                                     N_ ("Read the recovery code from FILE"), "FILE" },
                                   { "new-password-file", 0, 0, G_OPTION_ARG_FILENAME, &new_file,
                                     N_ ("Read the new password from FILE"), "FILE" },
                                   { NULL } };
  g_autoptr (GOptionContext) ctx =
    civ_cli_command_context ("", _ ("Reset a supervisor's password with the recovery code"),
                             entries);

  if (!civ_cli_parse (ctx, &argc, &argv))
    return CIV_EXIT_USAGE;
  if (!global->data_dir || !global->user)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("recover needs --data-dir and --user"));

  code = civ_cli_read_secret (code_file, _ ("Recovery code: "), &error);
  if (code == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  password = civ_cli_read_secret (new_file, _ ("New password: "), &error);
  if (password == NULL)
    {
      wipe_free (code);
      return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
    }
  if (!civ_password_policy_check (global->user, password, &error))
    {
      wipe_free (code);
      wipe_free (password);
      return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
    }
  store = civ_store_recover (global->data_dir, code, global->user, password, &error);
  wipe_free (code);
  wipe_free (password);
  if (store == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  printf (_ ("The password of “%s” was reset.\n"), global->user);
  return CIV_EXIT_OK;
}

static int
operator_list (CivCliGlobal *global, CivStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) ops = civ_store_list_operators (store, &error);

  if (ops == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  if (global->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonGenerator) gen = json_generator_new ();
      g_autoptr (JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < ops->len; i++)
        {
          CivOperator *op = g_ptr_array_index (ops, i);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "login");
          json_builder_add_string_value (b, op->login);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, op->display_name);
          json_builder_set_member_name (b, "role");
          json_builder_add_string_value (b, civ_role_to_string (op->role));
          json_builder_set_member_name (b, "enabled");
          json_builder_add_boolean_value (b, op->enabled);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      json_generator_set_root (gen, root);
      text = json_generator_to_data (gen, NULL);
      printf ("%s\n", text);
      return CIV_EXIT_OK;
    }
  for (guint i = 0; i < ops->len; i++)
    {
      CivOperator *op = g_ptr_array_index (ops, i);
      printf ("%-16s %-14s %-8s %s\n", op->login, civ_role_to_string (op->role),
              op->enabled ? _ ("enabled") : _ ("disabled"), op->display_name);
    }
  return CIV_EXIT_OK;
}

int
civ_cli_cmd_operator (CivCliGlobal *global, int argc, char **argv)
{
  g_autofree char *role_text = NULL;
  g_autofree char *name = NULL;
  g_autofree char *new_file = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  const char        *verb;
  const char        *login;
  const GOptionEntry entries[] = {
    CIV_CLI_GLOBAL_ENTRIES (global),
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_text,
      N_ ("Role: registrar, archivist, funeral_clerk, supervisor or auditor"), "ROLE" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_ ("Full name"), "NAME" },
    { "new-password-file", 0, 0, G_OPTION_ARG_FILENAME, &new_file,
      N_ ("Read the new user's or the new password from FILE"), "FILE" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx =
    civ_cli_command_context ("add|disable|unlock|passwd|list [LOGIN] | grant|ungrant LOGIN "
                             "PERMISSION",
                             _ ("Add, disable, unlock or list users, change a password, or give "
                                "one user a permission (adoption, funeral) or take it back"),
                             entries);

  if (!civ_cli_parse (ctx, &argc, &argv))
    return CIV_EXIT_USAGE;
  if (argc < 2)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("operator needs add, disable, unlock, passwd or list"));
  verb = argv[1];
  login = argc > 2 ? argv[2] : NULL;
  if (g_strcmp0 (verb, "list") != 0 && login == NULL && g_strcmp0 (verb, "passwd") != 0)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("operator %s needs a LOGIN"), verb);
  if (g_strcmp0 (verb, "add") != 0 && g_strcmp0 (verb, "disable") != 0 &&
      g_strcmp0 (verb, "unlock") != 0 && g_strcmp0 (verb, "passwd") != 0 &&
      g_strcmp0 (verb, "list") != 0 && g_strcmp0 (verb, "grant") != 0 &&
      g_strcmp0 (verb, "ungrant") != 0)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("Unknown operator command “%s”"), verb);
  if ((g_strcmp0 (verb, "grant") == 0 || g_strcmp0 (verb, "ungrant") == 0) &&
      (argc != 4 || civ_permission_from_code (argv[3]) == CIV_N_PERMS))
    return civ_cli_fail (CIV_EXIT_USAGE,
                         _ ("operator %s needs a LOGIN and a PERMISSION that can be given to one "
                            "user: adoption or funeral"),
                         verb);
  if (g_strcmp0 (verb, "add") == 0 && civ_role_from_string (role_text) == CIV_ROLE_INVALID)
    return civ_cli_fail (CIV_EXIT_USAGE,
                         _ ("operator add needs --role registrar, archivist, funeral_clerk, "
                            "supervisor or auditor"));
  if (!global->data_dir || !global->user)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("This command needs --data-dir DIR and --user LOGIN"));

  /* An expired password may log in to change itself, and only that. */
  global->allow_expired =
    g_strcmp0 (verb, "passwd") == 0 && (login == NULL || g_strcmp0 (login, global->user) == 0);
  store = civ_cli_open_store (global, &error);
  if (store == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);

  if (g_strcmp0 (verb, "list") == 0)
    {
      if (!civ_require (store, CIV_PERM_MANAGE_OPERATORS, &error))
        return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
      return operator_list (global, store);
    }

  if (g_strcmp0 (verb, "passwd") == 0)
    {
      const char *target = login ? login : global->user;
      char       *password;
      gboolean    ok;

      if (!civ_operator_may_change_password (store, target, &error))
        return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
      password = civ_cli_read_secret (new_file, _ ("New password: "), &error);
      if (password == NULL)
        return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
      /* The operator opened the office with the current password just now. */
      ok = civ_operator_change_password (store, target, NULL, password, &error);
      wipe_free (password);
      if (!ok)
        return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
      printf (_ ("The password of “%s” was changed.\n"), target);
      return CIV_EXIT_OK;
    }

  if (!civ_require (store, CIV_PERM_MANAGE_OPERATORS, &error))
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);

  if (g_strcmp0 (verb, "add") == 0)
    {
      char    *password = civ_cli_read_secret (new_file, _ ("Password for the new user: "), &error);
      gboolean ok;

      if (password == NULL)
        return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
      ok = civ_password_policy_check (login, password, &error) &&
           civ_store_add_operator (store, login, name ? name : login,
                                   civ_role_from_string (role_text), password, &error);
      wipe_free (password);
      if (!ok)
        return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
      printf (_ ("Added the user “%s” (%s).\n"), login, role_text);
      return CIV_EXIT_OK;
    }

  if (g_strcmp0 (verb, "grant") == 0 || g_strcmp0 (verb, "ungrant") == 0)
    {
      gboolean      give = g_strcmp0 (verb, "grant") == 0;
      CivPermission perm = civ_permission_from_code (argv[3]);

      if (!civ_users_set_grant (store, login, perm, give, &error))
        return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
      if (give)
        printf (_ ("The user “%s” may now %s.\n"), login, civ_permission_describe (perm));
      else
        printf (_ ("The user “%s” may no longer %s.\n"), login, civ_permission_describe (perm));
      return CIV_EXIT_OK;
    }

  if (g_strcmp0 (verb, "unlock") == 0)
    {
      if (!civ_users_unlock (store, login, &error))
        return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
      printf (_ ("Unlocked the user “%s”: they can log in again.\n"), login);
      return CIV_EXIT_OK;
    }

  if (!civ_store_disable_operator (store, login, &error))
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  printf (_ ("Disabled the user “%s”; their key slot was removed.\n"), login);
  return CIV_EXIT_OK;
}

int
civ_cli_cmd_audit (CivCliGlobal *global, int argc, char **argv)
{
  int              limit = 50;
  g_autofree char *actor = NULL;
  g_autofree char *action = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  const GOptionEntry entries[] = {
    CIV_CLI_GLOBAL_ENTRIES (global),
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_ ("List at most N entries (0 = all)"), "N" },
    { "actor", 0, 0, G_OPTION_ARG_STRING, &actor, N_ ("Only entries by this user"), "LOGIN" },
    { "action", 0, 0, G_OPTION_ARG_STRING, &action, N_ ("Only actions starting with this"),
      "ACTION" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx =
    civ_cli_command_context ("verify|list", _ ("Verify or list the audit log"), entries);

  if (!civ_cli_parse (ctx, &argc, &argv))
    return CIV_EXIT_USAGE;
  if (argc != 2 || (g_strcmp0 (argv[1], "verify") != 0 && g_strcmp0 (argv[1], "list") != 0))
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("audit needs verify or list"));
  if (limit < 0)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("--limit must be 0 or more"));
  if (!global->data_dir || !global->user)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("This command needs --data-dir DIR and --user LOGIN"));

  store = civ_cli_open_store (global, &error);
  if (store == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  if (!civ_require (store, CIV_PERM_VIEW_AUDIT, &error))
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);

  if (g_strcmp0 (argv[1], "verify") == 0)
    {
      gint64   checked = 0, broken = 0;
      gboolean ok = civ_audit_verify (civ_store_get_db (store), &checked, &broken, &error);

      civ_store_audit (store, "audit.verify", ok ? "ok" : "broken", NULL, NULL);
      if (global->json)
        printf ("{\"ok\":%s,\"checked\":%" G_GINT64_FORMAT ",\"first_broken\":%s%" G_GINT64_FORMAT
                "%s}\n",
                ok ? "true" : "false", checked, "", broken, "");
      if (!ok)
        return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
      g_autofree char *checked_text = g_strdup_printf ("%" G_GINT64_FORMAT, checked);
      if (!global->json)
        printf (_ ("The audit chain is intact: %s entries verified.\n"), checked_text);
      return CIV_EXIT_OK;
    }

  {
    g_autoptr (GPtrArray) entries_list =
      civ_audit_list (civ_store_get_db (store), 0, (guint) limit, actor, action, &error);

    if (entries_list == NULL)
      return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
    for (guint i = 0; i < entries_list->len; i++)
      {
        CivAuditEntry *e = g_ptr_array_index (entries_list, i);
        printf ("%6" G_GINT64_FORMAT "  %s  %-12s %-18s %s %s\n", e->seq, e->ts, e->actor,
                e->action, e->object, e->detail);
      }
  }
  return CIV_EXIT_OK;
}
