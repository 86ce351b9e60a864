// SPDX-License-Identifier: GPL-3.0-or-later
/* civreg-cli.c — the headless Civreg: set-up, operators, audit, reference
 * data and identity checks (issue: foundation)
 *
 *   civreg-cli [--data-dir DIR] [--user LOGIN] [--password-file F] COMMAND …
 */
#include "civ-config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "civ-cli.h"
#include "civ-db.h"
#include "civ-password-policy.h"

typedef struct
{
  const char   *name;
  CivCliCommand run;
  const char   *summary;
  /* Runs on the main thread and queues its own database jobs: it waits for
   * the province, which must never hold the database's thread. */
  gboolean      main_thread;
} Command;

static const Command commands[] = {
  { "init", civ_cli_cmd_init, N_ ("Create a new office data folder and its first supervisor") },
  { "recover", civ_cli_cmd_recover, N_ ("Reset a supervisor's password with the recovery code") },
  { "operator", civ_cli_cmd_operator, N_ ("Add, disable or list users, or change a password") },
  { "audit", civ_cli_cmd_audit, N_ ("Verify or list the audit log") },
  { "refdata", civ_cli_cmd_refdata, N_ ("Import division codes or holiday calendars") },
  { "check-id", civ_cli_cmd_check_id, N_ ("Check an identity-document number") },
  { "search", civ_cli_cmd_search, N_ ("Search marriage records") },
  { "rules", civ_cli_cmd_rules,
    N_ ("Evaluate the marriage, adoption or funeral rules, or compute their deadlines") },
  { "demo-data", civ_cli_cmd_demo_data, N_ ("Fill the office with synthetic registrations") },
  { "enroll", civ_cli_cmd_enroll, N_ ("Enroll this workstation with the provincial system") },
  { "sync", civ_cli_cmd_sync, N_ ("Deliver pending reports to the province now"), TRUE },
  { "outbox", civ_cli_cmd_outbox, N_ ("List the reports for the province, or retry parked ones") },
  { "numbers", civ_cli_cmd_numbers,
    N_ ("Certificate numbers from the province's blocks: status, refill, return, void") },
  { "divorce", civ_cli_cmd_divorce,
    N_ ("Take a divorce application accepted at another window of this office") },
  { "document", civ_cli_cmd_document,
    N_ ("Attach, list or export the documents of a marriage record") },
  { "verify", civ_cli_cmd_verify,
    N_ ("Check the whole office database for damage (PRAGMA integrity_check)") },
  { "backup", civ_cli_cmd_backup, N_ ("Back up the office, verify a backup, or restore one") },
  { "archive", civ_cli_cmd_archive,
    N_ ("Register books, page images, the ledger, CSV import and the coverage report") },
  { "funeral", civ_cli_cmd_funeral,
    N_ ("Funeral cases from the reported death to the ashes, the day board, and the cremation "
        "certificate stock") },
  { "stats", civ_cli_cmd_stats,
    N_ ("Statistics: the cremation rate of a period, with green burials and burial exemptions") },
  /* Talks to a device only: no office, no database job. */
  { "card", civ_cli_cmd_card, N_ ("Read an ID card on a card reader (card read --port PATH)"),
    TRUE },
};

static void
print_help (FILE *out)
{
  fprintf (out, "%s\n\n",
           _ ("Usage: civreg-cli [--data-dir DIR] [--user LOGIN] [--password-file FILE] COMMAND "
              "[OPTIONS…]"));
  fprintf (out, "%s\n", _ ("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _ (commands[i].summary));
  fprintf (out, "\n%s\n", _ ("Global options:"));
  fprintf (out, "  --data-dir DIR        %s\n", _ ("The office data folder"));
  fprintf (out, "  --user LOGIN          %s\n", _ ("The user to act as"));
  fprintf (out, "  --password-file FILE  %s\n",
           _ ("Read the password from the first line of FILE (otherwise it is asked for without "
              "echo)"));
  fprintf (out, "  --version             %s\n", _ ("Print the version and exit"));
  fprintf (out, "  --help                %s\n", _ ("Print this help and exit"));
  fprintf (out, "\n%s\n", _ ("Run “civreg-cli COMMAND --help” for the options of a command."));
}

/* Takes "--name VALUE" or "--name=VALUE" at argv[*i]; TRUE when it matched. */
static gboolean
take_value (int argc, char **argv, int *i, const char *name, char **out, gboolean *bad)
{
  gsize n = strlen (name);

  if (strncmp (argv[*i], name, n) != 0)
    return FALSE;
  if (argv[*i][n] == '=')
    {
      g_free (*out);
      *out = g_strdup (argv[*i] + n + 1);
      return TRUE;
    }
  if (argv[*i][n] != '\0')
    return FALSE;
  if (*i + 1 >= argc)
    {
      *bad = TRUE;
      return TRUE;
    }
  g_free (*out);
  *out = g_strdup (argv[++*i]);
  return TRUE;
}

/* A write waits for another program's (a long import, the app): say so. */
static void
tell_waiting (const char *path, gpointer user_data)
{
  g_printerr (_ ("Another program is writing to this office; waiting for its turn…\n"));
}

int
main (int argc, char **argv)
{
  CivCliGlobal global = { 0 };
  int          i;
  int          rc;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE,
                  g_getenv ("CIVREG_LOCALEDIR") ? g_getenv ("CIVREG_LOCALEDIR") : CIV_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  civ_db_set_busy_notify (tell_waiting, NULL);

  for (i = 1; i < argc; i++)
    {
      gboolean bad = FALSE;

      if (strcmp (argv[i], "--version") == 0)
        {
          printf ("civreg-cli %s\n", CIV_VERSION);
          return CIV_EXIT_OK;
        }
      if (strcmp (argv[i], "--help") == 0 || strcmp (argv[i], "-h") == 0)
        {
          print_help (stdout);
          return CIV_EXIT_OK;
        }
      if (strcmp (argv[i], "--json") == 0)
        {
          global.json = TRUE;
          continue;
        }
      if (take_value (argc, argv, &i, "--data-dir", &global.data_dir, &bad) ||
          take_value (argc, argv, &i, "--user", &global.user, &bad) ||
          take_value (argc, argv, &i, "--password-file", &global.password_file, &bad))
        {
          if (bad)
            return civ_cli_fail (CIV_EXIT_USAGE, _ ("The option %s needs a value"), argv[i]);
          continue;
        }
      if (argv[i][0] == '-')
        return civ_cli_fail (CIV_EXIT_USAGE, _ ("Unknown option %s (see --help)"), argv[i]);
      break;
    }

  if (i >= argc)
    {
      print_help (stderr);
      return CIV_EXIT_USAGE;
    }

  civ_security_policy_load ();
  rc = -1;
  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    if (strcmp (argv[i], commands[c].name) == 0)
      {
        global.worker = civ_worker_new ();
        if (commands[c].main_thread)
          rc = commands[c].run (&global, argc - i, argv + i);
        else
          rc = civ_cli_run_on_worker (&global, commands[c].run, argc - i, argv + i);
        civ_worker_shutdown (global.worker);
        g_clear_object (&global.worker);
        break;
      }
  if (rc < 0)
    rc = civ_cli_fail (CIV_EXIT_USAGE, _ ("Unknown command “%s” (see --help)"), argv[i]);

  g_free (global.data_dir);
  g_free (global.user);
  g_free (global.password_file);
  return rc;
}
