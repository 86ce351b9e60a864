// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-cli.c — shared plumbing of civreg-cli's commands */
#include "civ-cli.h"

#include "civ-office.h"
#include "civ-password-policy.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "civ-json-guard.h"

/* Far more than any password (the checks want 10 characters or more). */
#define CIV_CLI_PASSWORD_FILE_MAX ((gsize) 4096)

int
civ_cli_fail (int code, const char *format, ...)
{
  g_autofree char *msg = NULL;
  va_list          ap;

  va_start (ap, format);
  msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  fprintf (stderr, "civreg-cli: %s\n", msg);
  return code;
}

int
civ_cli_fail_error (int code, const GError *error)
{
  return civ_cli_fail (code, "%s", error ? error->message : _ ("Unknown error"));
}

GOptionContext *
civ_cli_command_context (const char *parameter, const char *summary, const GOptionEntry *entries)
{
  GOptionContext *ctx = g_option_context_new (parameter);

  g_option_context_set_translation_domain (ctx, GETTEXT_PACKAGE);
  g_option_context_set_summary (ctx, summary);
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  return ctx;
}

gboolean
civ_cli_parse (GOptionContext *context, int *argc, char ***argv)
{
  g_autoptr (GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      civ_cli_fail (CIV_EXIT_USAGE, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static char *
read_line_no_echo (const char *prompt, GError **error)
{
  struct termios old, quiet;
  char           buf[1024];
  gboolean       tty = isatty (STDIN_FILENO);
  char          *line;

  if (!tty)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _ ("No password: give --password-file FILE or run from a terminal"));
      return NULL;
    }
  fprintf (stderr, "%s", prompt);
  fflush (stderr);
  tcgetattr (STDIN_FILENO, &old);
  quiet = old;
  quiet.c_lflag &= ~(tcflag_t) ECHO;
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
  line = fgets (buf, sizeof buf, stdin);
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &old);
  fprintf (stderr, "\n");
  if (line == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _ ("No password was entered"));
      return NULL;
    }
  buf[strcspn (buf, "\r\n")] = '\0';
  line = g_strdup (buf);
  memset (buf, 0, sizeof buf);
  return line;
}

char *
civ_cli_read_secret (const char *file, const char *prompt, GError **error)
{
  g_autofree char *contents = NULL;
  gsize            len = 0;
  char            *secret;

  if (file == NULL)
    return read_line_no_echo (prompt, error);

  /* A password file holds one line: never read more than the cap (a
   * mistaken --password-file /dev/zero fails at once). */
  if (!civ_json_guard_read_file (file, CIV_CLI_PASSWORD_FILE_MAX, &contents, &len, error))
    return NULL;
  contents[strcspn (contents, "\r\n")] = '\0';
  if (!g_utf8_validate (contents, -1, NULL))
    {
      memset (contents, 0, len);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _ ("The password file %s is not UTF-8 text"), file);
      return NULL;
    }
  secret = g_strdup (contents);
  memset (contents, 0, len);
  return secret;
}

CivStore *
civ_cli_open_store (CivCliGlobal *global, GError **error)
{
  g_autofree char *password = NULL;
  CivStore        *store;

  if (global->data_dir == NULL || global->user == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _ ("This command needs --data-dir DIR and --user LOGIN"));
      return NULL;
    }
  password = civ_cli_read_secret (global->password_file, _ ("Password: "), error);
  if (password == NULL)
    return NULL;
  /* An existing office left open to other users is tightened at login. */
  if (g_file_test (global->data_dir, G_FILE_TEST_IS_DIR))
    {
      g_autoptr (GError) local = NULL;
      gboolean tightened = FALSE;

      if (!civ_office_secure_folder (global->data_dir, &tightened, &local))
        g_printerr ("%s\n", local->message);
      else if (tightened)
        g_printerr (_ ("Note: other users could open the folder %s; it is now for its owner only "
                       "(0700).\n"),
                    global->data_dir);
    }
  store = civ_store_open (global->data_dir, global->user, password, error);
  memset (password, 0, strlen (password));
  if (store == NULL)
    return NULL;
  if (global->worker != NULL)
    civ_worker_adopt_store (global->worker, store);
  {
    gint64 recorded = 0, found = 0;

    if (civ_store_get_rollback (store, &recorded, &found))
      {
        g_autofree char *recorded_text = g_strdup_printf ("%" G_GINT64_FORMAT, recorded);
        g_autofree char *found_text = g_strdup_printf ("%" G_GINT64_FORMAT, found);

        g_printerr (
          /* Translators: %1$s and %2$s are audit sequence numbers. */
          _ ("Warning: the audit log ends at entry %2$s, but entry %1$s was seen at an earlier "
             "login. The database was probably replaced by an older copy: tell the supervisor.\n"),
          recorded_text, found_text);
      }
  }
  if (!global->allow_expired && !civ_password_check_age (store, global->user, error))
    {
      g_printerr ("%s\n", _ ("Change it with: civreg-cli --data-dir DIR --user LOGIN operator "
                             "passwd"));
      g_clear_object (&store);
      return NULL;
    }
  return store;
}

typedef struct
{
  CivCliGlobal *global;
  CivCliJob     func;
  gpointer      data;
  gpointer      result;
  gboolean      done;
} Call;

static void
call_job (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Call *call = task_data;

  call->result = call->func (call->global, call->data);
  g_task_return_boolean (task, TRUE);
}

static void
on_call_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Call *call = user_data;

  call->done = TRUE;
}

gpointer
civ_cli_call (CivCliGlobal *global, CivCliJob func, gpointer data)
{
  Call call = { global, func, data, NULL, FALSE };
  g_autoptr (GTask) task = NULL;

  g_return_val_if_fail (global->worker != NULL, NULL);

  task = g_task_new (NULL, NULL, on_call_done_cb, &call);
  g_task_set_task_data (task, &call, NULL);
  civ_worker_run (global->worker, task, call_job);
  while (!call.done)
    g_main_context_iteration (NULL, TRUE);
  return call.result;
}

typedef struct
{
  CivCliCommand command;
  int           argc;
  char        **argv;
} CommandCall;

static gpointer
command_job (CivCliGlobal *global, gpointer data)
{
  CommandCall *c = data;

  return GINT_TO_POINTER (c->command (global, c->argc, c->argv));
}

int
civ_cli_run_on_worker (CivCliGlobal *global, CivCliCommand command, int argc, char **argv)
{
  CommandCall c = { command, argc, argv };

  return GPOINTER_TO_INT (civ_cli_call (global, command_job, &c));
}

void
civ_cli_print_json_node (JsonNode *root)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);
  printf ("%s\n", text);
}

void
civ_cli_print_json (JsonBuilder *builder)
{
  g_autoptr (JsonNode) root = json_builder_get_root (builder);

  civ_cli_print_json_node (root);
}

void
civ_cli_json_add_string_or_null (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

char *
civ_cli_escape (const char *text)
{
  GString    *out = g_string_new (NULL);
  const char *p = text ? text : "";
  const char *end = p + strlen (p);

  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02x", (guchar) *p);
          p++;
          continue;
        }
      if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0))
        g_string_append_printf (out, c < 0x100 ? "\\x%02x" : "\\u%04x", c);
      else if (c == '\\')
        g_string_append (out, "\\\\");
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}
