// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-cli.h — shared plumbing of civreg-cli's commands
 *
 * Exit codes: 0 success, 1 the command ran and failed (or, for check-id,
 * the number is invalid), 2 usage error.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "civ-finding.h"
#include "civ-store.h"
#include "civ-worker.h"

G_BEGIN_DECLS

enum
{
  CIV_EXIT_OK = 0,
  CIV_EXIT_FAILURE = 1,
  CIV_EXIT_USAGE = 2,
};

typedef struct
{
  char      *data_dir;
  char      *user;
  char      *password_file;
  gboolean   json;
  /* Set by operator passwd: an expired password may log in to change itself. */
  gboolean   allow_expired;
  /* The thread that owns the database connection (civ-worker.h): every
   * command runs its statements there, as the GUI's jobs do. */
  CivWorker *worker;
} CivCliGlobal;

/* A command: argv[0] is the command word; returns an exit code. */
typedef int (*CivCliCommand) (CivCliGlobal *global, int argc, char **argv);

/* Runs @command as one job on @global's worker and waits for its exit
 * code: the store it opens belongs to the worker's thread (checked in
 * debug builds). */
int civ_cli_run_on_worker (CivCliGlobal *global, CivCliCommand command, int argc, char **argv);

/* Runs @func (@data) as a job on @global's worker and waits for its result.
 * For a command that runs on the main thread because it also talks to the
 * province (sync): its database steps are jobs, its requests are not. */
typedef gpointer (*CivCliJob) (CivCliGlobal *global, gpointer data);
gpointer civ_cli_call (CivCliGlobal *global, CivCliJob func, gpointer data);

/* Reads a secret from @file (first line, without the newline) or, when
 * @file is NULL, from the terminal without echo. Never from argv. */
char *civ_cli_read_secret (const char *file, const char *prompt, GError **error);

/* Opens the office with --data-dir, --user and the password, for the
 * worker's thread. Call it on the worker (civ_cli_run_on_worker()). */
CivStore *civ_cli_open_store (CivCliGlobal *global, GError **error);

/* Prints "civreg-cli: MESSAGE" to stderr and returns @code. */
int   civ_cli_fail (int code, const char *format, ...) G_GNUC_PRINTF (2, 3);
/* @text as it may be shown on a terminal: control and escape bytes (and
 * bytes that are not UTF-8) as \x1b, a backslash as \\; letters of any
 * script unchanged. For echoing what a person or a file gave. */
char *civ_cli_escape (const char *text);
int   civ_cli_fail_error (int code, const GError *error);

/* Prints @root, or what @builder built, as one line of JSON on stdout. */
void civ_cli_print_json_node (JsonNode *root);
void civ_cli_print_json (JsonBuilder *builder);
/* Adds member @name: @value, or null for NULL. */
void civ_cli_json_add_string_or_null (JsonBuilder *builder, const char *name, const char *value);

/* Parses a command's own options; on a usage error prints it and returns FALSE. */
gboolean civ_cli_parse (GOptionContext *context, int *argc, char ***argv);

/* The options every command also accepts after its name. */
/* clang-format off */
#define CIV_CLI_GLOBAL_ENTRIES(g)                                                                  \
  { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &(g)->data_dir, N_("The office data folder"),         \
    "DIR" },                                                                                       \
  { "user", 0, 0, G_OPTION_ARG_STRING, &(g)->user, N_("The user to act as"), "LOGIN" },            \
  { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &(g)->password_file,                             \
    N_("Read the password from the first line of FILE"), "FILE" },                                 \
  { "json", 0, 0, G_OPTION_ARG_NONE, &(g)->json, N_("Print JSON"), NULL }
/* clang-format on */

/* An option context for one command, translated, with @entries as its options. */
GOptionContext *civ_cli_command_context (const char         *parameter,
                                         const char         *summary,
                                         const GOptionEntry *entries);

/* "refused", "warning" or "note", translated, for a finding's line. */
const char *civ_cli_severity_label (CivSeverity severity);
/* The "findings" member: [{rule, severity, citation, message}]. */
void        civ_cli_findings_json (JsonBuilder *b, GPtrArray *findings);
/* A line a finding ("  [refused] R-M2 …"), its legal citation beneath. */
void        civ_cli_print_findings (GPtrArray *findings);

/* rules adoption FILE / rules adoption-dates (civ-cli-adoption-rules.c). */
int civ_cli_rules_adoption (CivCliGlobal *global, const char *file);
int civ_cli_rules_adoption_dates (CivCliGlobal *global,
                                  const char   *applied,
                                  const char   *notice_published);

/* rules funeral-waiver / rules death-certificate (civ-cli-funeral-rules.c). */
int civ_cli_rules_funeral_waiver (CivCliGlobal *global,
                                  const char   *policy_file,
                                  const char   *fees_file,
                                  const char   *case_file);
int civ_cli_rules_death_certificate (CivCliGlobal *global,
                                     const char   *number,
                                     const char   *death_date,
                                     const char   *id);

/* funeral case … (-1: not a case subcommand) and funeral board
 * (civ-cli-funeral-case.c). */
int civ_cli_funeral_case (CivCliGlobal *global, int argc, char **argv);
int civ_cli_funeral_board (CivCliGlobal *global, int argc, char **argv);

/* Commands */
int civ_cli_cmd_init (CivCliGlobal *global, int argc, char **argv);
int civ_cli_cmd_recover (CivCliGlobal *global, int argc, char **argv);
int civ_cli_cmd_operator (CivCliGlobal *global, int argc, char **argv);
int civ_cli_cmd_audit (CivCliGlobal *global, int argc, char **argv);
int civ_cli_cmd_check_id (CivCliGlobal *global, int argc, char **argv);
int civ_cli_cmd_refdata (CivCliGlobal *global, int argc, char **argv);
int civ_cli_cmd_search (CivCliGlobal *global, int argc, char **argv);
int civ_cli_cmd_rules (CivCliGlobal *global, int argc, char **argv);
int civ_cli_cmd_demo_data (CivCliGlobal *global, int argc, char **argv);
int civ_cli_cmd_enroll (CivCliGlobal *global, int argc, char **argv);
int civ_cli_cmd_sync (CivCliGlobal *global, int argc, char **argv);
int civ_cli_cmd_outbox (CivCliGlobal *global, int argc, char **argv);
int civ_cli_cmd_numbers (CivCliGlobal *global, int argc, char **argv);
int civ_cli_cmd_divorce (CivCliGlobal *global, int argc, char **argv);
int civ_cli_cmd_document (CivCliGlobal *global, int argc, char **argv);
int civ_cli_cmd_verify (CivCliGlobal *global, int argc, char **argv);
int civ_cli_cmd_backup (CivCliGlobal *global, int argc, char **argv);
int civ_cli_cmd_card (CivCliGlobal *global, int argc, char **argv);
int civ_cli_cmd_archive (CivCliGlobal *global, int argc, char **argv);
int civ_cli_cmd_funeral (CivCliGlobal *global, int argc, char **argv);
int civ_cli_cmd_stats (CivCliGlobal *global, int argc, char **argv);

G_END_DECLS
