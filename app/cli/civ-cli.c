// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-cli.c — shared plumbing of civreg-cli's commands */
#include "civ-cli.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

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

  if (!g_file_get_contents (file, &contents, &len, error))
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
  store = civ_store_open (global->data_dir, global->user, password, error);
  memset (password, 0, strlen (password));
  return store;
}
