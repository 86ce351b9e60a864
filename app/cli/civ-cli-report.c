// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-cli-report.c — enroll, sync, outbox: reporting to the province
 * (docs/provincial-protocol.md)
 *
 *   civreg-cli … enroll --server URL --ca FILE (--cert PEM --key PEM | --p12 FILE
 *               [--p12-password-file F]) [--pin sha256//…]… [--timeout SECONDS]
 *               [--keep-signing-key]
 *   civreg-cli … sync [--now] [--refdata]
 *   civreg-cli … outbox list [--state pending|delivered|parked] [--json]
 *   civreg-cli … outbox retry ID|--all-parked
 *
 * Exit codes: 0 success, 1 failure (for sync: something is still pending
 * after a retryable failure, or was parked), 2 usage error, 3 security
 * alarm (certificate, pin or client certificate), 4 the province reported
 * a rewritten audit history.
 */
#include "civ-adoption-service.h"
#include "civ-cli.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-permissions.h"
#include "civ-report.h"

enum
{
  CIV_EXIT_SECURITY = 3,
  CIV_EXIT_TAMPERING = 4,
};

static int
cmd_enroll (CivCliGlobal *global, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autofree char *server = NULL;
  g_autofree char *ca = NULL;
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  g_autofree char *p12 = NULL;
  g_autofree char *p12_pw_file = NULL;
  g_autofree char *p12_pw = NULL;
  g_autofree char *public_key = NULL;
  g_auto (GStrv) pins = NULL;
  int                  timeout = 0;
  gboolean             keep = FALSE;
  CivReportEnrollInput in = { 0 };
  const GOptionEntry   entries[] = {
      CIV_CLI_GLOBAL_ENTRIES (global),
      { "server", 0, 0, G_OPTION_ARG_STRING, &server, N_ ("The provincial server (https://…)"),
        "URL" },
      { "ca", 0, 0, G_OPTION_ARG_FILENAME, &ca, N_ ("The provincial CA certificate (PEM)"), "FILE" },
      { "cert", 0, 0, G_OPTION_ARG_FILENAME, &cert, N_ ("The workstation's client certificate (PEM)"),
        "FILE" },
      { "key", 0, 0, G_OPTION_ARG_FILENAME, &key, N_ ("The client certificate's private key (PEM)"),
        "FILE" },
      { "p12", 0, 0, G_OPTION_ARG_FILENAME, &p12,
        N_ ("The client certificate and key as issued by the province (PKCS #12)"), "FILE" },
      { "p12-password-file", 0, 0, G_OPTION_ARG_FILENAME, &p12_pw_file,
        N_ ("Read the PKCS #12 password from the first line of FILE"), "FILE" },
      { "pin", 0, 0, G_OPTION_ARG_STRING_ARRAY, &pins,
        N_ ("A SHA-256 public-key pin of the server (current and backup; repeat)"), "sha256//…" },
      { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout, N_ ("Request timeout in seconds (default 30)"),
        "SECONDS" },
      { "keep-signing-key", 0, 0, G_OPTION_ARG_NONE, &keep,
        N_ ("Keep the workstation's existing signing key"), NULL },
      { NULL }
  };
  g_autoptr (GOptionContext) ctx =
    civ_cli_command_context (NULL, _ ("Enroll this workstation with the provincial system"),
                             entries);

  if (!civ_cli_parse (ctx, &argc, &argv))
    return CIV_EXIT_USAGE;
  if (argc > 1)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("Unexpected argument “%s”"), argv[1]);
  if (server == NULL || ca == NULL || (p12 == NULL && (cert == NULL || key == NULL)))
    return civ_cli_fail (CIV_EXIT_USAGE,
                         _ ("enroll needs --server, --ca and either --p12 or --cert and --key"));
  if (timeout < 0 || timeout > 600)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("--timeout must be between 1 and 600 seconds"));
  if (p12 && p12_pw_file)
    {
      p12_pw = civ_cli_read_secret (p12_pw_file, "", &error);
      if (p12_pw == NULL)
        return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
    }
  store = civ_cli_open_store (global, &error);
  if (store == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);

  in.server_url = server;
  in.ca_file = ca;
  in.pins = (const char *const *) pins;
  in.cert_file = cert;
  in.key_file = key;
  in.p12_file = p12;
  in.p12_password = p12_pw;
  in.timeout_ms = timeout * 1000;
  public_key = civ_report_enroll (store, &in, keep, &error);
  if (p12_pw)
    memset (p12_pw, 0, strlen (p12_pw));
  if (public_key == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);

  {
    g_autofree char *ws = civ_db_get_setting (civ_store_get_db (store), "workstation_id");

    if (global->json)
      {
        g_autoptr (JsonBuilder) b = json_builder_new ();
        g_autoptr (JsonNode) root = NULL;

        json_builder_begin_object (b);
        json_builder_set_member_name (b, "workstation");
        json_builder_add_string_value (b, ws);
        json_builder_set_member_name (b, "public_key");
        json_builder_add_string_value (b, public_key);
        json_builder_end_object (b);
        root = json_builder_get_root (b);
        civ_cli_print_json_node (root);
      }
    else
      {
        printf (_ ("Enrolled. Give the province this workstation's signing key:\n"));
        printf ("%s %s\n", ws, public_key);
      }
  }
  return CIV_EXIT_OK;
}

typedef struct
{
  CivStore *store;
  GError   *error;
} OpenJob;

static gpointer
open_job (CivCliGlobal *global, gpointer data)
{
  OpenJob *job = data;

  job->store = civ_cli_open_store (global, &job->error);
  return NULL;
}

/* The store is released where it was used: on the worker. */
static gpointer
close_job (CivCliGlobal *global, gpointer data)
{
  g_object_unref (data);
  return NULL;
}

typedef struct
{
  CivStore  *store;
  GPtrArray *reports;
  GError    *error;
} RefdataJob;

/* The reference-data download still reads, fetches and imports in one job:
 * only civreg-cli runs it, and nothing else waits for its worker. */
static gpointer
refdata_job (CivCliGlobal *global, gpointer data)
{
  RefdataJob *job = data;

  return GINT_TO_POINTER (civ_report_fetch_refdata (job->store, &job->reports, &job->error));
}

static void
on_sync_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivReportSyncOutcome **outcome = user_data;

  *outcome = civ_report_sync_async_finish (result);
}

static void
print_sync_json (const CivReportSyncResult *result, const GError *error)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "batches");
  json_builder_add_int_value (b, result->batches);
  json_builder_set_member_name (b, "accepted");
  json_builder_add_int_value (b, result->accepted);
  json_builder_set_member_name (b, "duplicates");
  json_builder_add_int_value (b, result->duplicates);
  json_builder_set_member_name (b, "parked");
  json_builder_add_int_value (b, result->parked);
  json_builder_set_member_name (b, "retrying");
  json_builder_add_int_value (b, result->retrying);
  json_builder_set_member_name (b, "pending");
  json_builder_add_int_value (b, result->pending);
  json_builder_set_member_name (b, "tampering");
  json_builder_add_boolean_value (b, result->tampering);
  json_builder_set_member_name (b, "error");
  if (error != NULL)
    json_builder_add_string_value (b, g_quark_to_string (error->domain));
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  civ_cli_print_json_node (root);
}

/* One sync run with @store: its database steps are jobs on the worker, its
 * POSTs run beside it (civ_report_sync_async()), so the province never
 * holds the database's thread, as in the GUI. */
static int
sync_with (CivCliGlobal *global, CivStore *store, gboolean now, gboolean refdata)
{
  g_autoptr (CivReportSyncOutcome) outcome = NULL;
  CivReportSyncOptions       options = { 0 };
  const CivReportSyncResult *result;
  const GError              *error;
  int                        code = CIV_EXIT_OK;

  options.ignore_schedule = now;
  civ_report_sync_async (global->worker, store, NULL, &options, NULL, on_sync_done_cb, &outcome);
  while (outcome == NULL)
    g_main_context_iteration (NULL, TRUE);
  result = &outcome->result;
  error = outcome->error;
  if (global->json)
    print_sync_json (result, error);
  else if (outcome->ok || !g_error_matches (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION))
    {
      /* A refused run delivered nothing and tried nothing: only the
       * refusal is said. */
      g_autofree char *pending = g_strdup_printf ("%" G_GINT64_FORMAT, result->pending);

      printf (_ ("Delivered %u (%u already at the province), parked %u, pending %s.\n"),
              result->accepted + result->duplicates, result->duplicates, result->parked, pending);
    }
  if (result->tampering)
    {
      civ_cli_fail (0,
                    _ ("The province reports that this workstation's audit history was "
                       "rewritten: %s"),
                    result->tamper_detail ? result->tamper_detail : "");
      code = CIV_EXIT_TAMPERING;
    }
  if (!outcome->ok)
    {
      if (g_error_matches (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_SECURITY))
        {
          civ_cli_fail (0, _ ("SECURITY ALARM: %s"), error->message);
          return CIV_EXIT_SECURITY;
        }
      civ_cli_fail_error (0, error);
      return code ? code : CIV_EXIT_FAILURE;
    }
  if (refdata)
    {
      RefdataJob job = { store, NULL, NULL };
      g_autoptr (GPtrArray) reports = NULL;
      g_autoptr (GError) rerror = NULL;
      gboolean ok = GPOINTER_TO_INT (civ_cli_call (global, refdata_job, &job));

      reports = job.reports;
      rerror = job.error;
      if (!ok)
        {
          civ_cli_fail_error (0, rerror);
          return g_error_matches (rerror, CIV_REPORT_ERROR, CIV_REPORT_ERROR_SECURITY)
                   ? CIV_EXIT_SECURITY
                   : CIV_EXIT_FAILURE;
        }
      if (!global->json)
        printf (_ ("Reference data: %u files checked\n"), reports ? reports->len : 0);
    }
  return code;
}

/* Runs on the main thread (civreg-cli.c): see sync_with(). */
static int
cmd_sync (CivCliGlobal *global, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  gboolean           now = FALSE, refdata = FALSE;
  OpenJob            open = { 0 };
  int                code;
  const GOptionEntry entries[] = {
    CIV_CLI_GLOBAL_ENTRIES (global),
    { "now", 0, 0, G_OPTION_ARG_NONE, &now,
      N_ ("Retry every pending report now, ignoring the retry schedule"), NULL },
    { "refdata", 0, 0, G_OPTION_ARG_NONE, &refdata,
      N_ ("Also import the reference data the province distributes"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx =
    civ_cli_command_context (NULL, _ ("Deliver pending reports to the province now"), entries);

  if (!civ_cli_parse (ctx, &argc, &argv))
    return CIV_EXIT_USAGE;
  if (argc > 1)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("Unexpected argument “%s”"), argv[1]);
  civ_cli_call (global, open_job, &open);
  if (open.store == NULL)
    {
      error = open.error;
      return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
    }
  code = sync_with (global, open.store, now, refdata);
  civ_cli_call (global, close_job, open.store);
  return code;
}

static int
outbox_list (CivCliGlobal *global, CivStore *store, const char *state)
{
  g_autoptr (GError) error = NULL;
  /* R-A13: an operator who may not see adoptions is not shown their reports. */
  g_autoptr (GPtrArray) rows =
    civ_outbox_list_hiding (civ_store_get_db (store), state, 0,
                            civ_adoption_visible (store) ? NULL : "adoption", &error);

  if (rows == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  if (global->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < rows->len; i++)
        {
          const CivOutboxRow *r = g_ptr_array_index (rows, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_int_value (b, r->id);
          json_builder_set_member_name (b, "idempotency_key");
          json_builder_add_string_value (b, r->idempotency_key);
          json_builder_set_member_name (b, "kind");
          json_builder_add_string_value (b, r->kind);
          json_builder_set_member_name (b, "record_id");
          json_builder_add_string_value (b, r->record_id);
          json_builder_set_member_name (b, "version");
          json_builder_add_int_value (b, r->version);
          json_builder_set_member_name (b, "state");
          json_builder_add_string_value (b, r->state);
          json_builder_set_member_name (b, "attempts");
          json_builder_add_int_value (b, r->attempts);
          json_builder_set_member_name (b, "next_attempt_at");
          json_builder_add_string_value (b, r->next_attempt_at);
          json_builder_set_member_name (b, "last_error");
          json_builder_add_string_value (b, r->last_error);
          json_builder_set_member_name (b, "receipt");
          json_builder_add_string_value (b, r->receipt);
          json_builder_set_member_name (b, "created_at");
          json_builder_add_string_value (b, r->created_at);
          json_builder_set_member_name (b, "delivered_at");
          json_builder_add_string_value (b, r->delivered_at);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      civ_cli_print_json_node (root);
      return CIV_EXIT_OK;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      const CivOutboxRow *r = g_ptr_array_index (rows, i);
      g_autofree char    *id = g_strdup_printf ("%" G_GINT64_FORMAT, r->id);

      printf ("%-6s %-9s %s  %s\n", id, r->state, r->idempotency_key,
              r->receipt ? r->receipt : (r->last_error ? r->last_error : ""));
    }
  return CIV_EXIT_OK;
}

static int
cmd_outbox (CivCliGlobal *global, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autofree char   *state = NULL;
  gboolean           all_parked = FALSE;
  const GOptionEntry entries[] = { CIV_CLI_GLOBAL_ENTRIES (global),
                                   { "state", 0, 0, G_OPTION_ARG_STRING, &state,
                                     N_ ("Only items in STATE"), "pending|delivered|parked" },
                                   { "all-parked", 0, 0, G_OPTION_ARG_NONE, &all_parked,
                                     N_ ("retry: every parked item"), NULL },
                                   { NULL } };
  g_autoptr (GOptionContext) ctx =
    civ_cli_command_context (_ ("list | retry ID|--all-parked"),
                             _ ("List the reports for the province, or retry parked ones"),
                             entries);

  if (!civ_cli_parse (ctx, &argc, &argv))
    return CIV_EXIT_USAGE;
  if (argc < 2)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("outbox needs “list” or “retry” (see outbox --help)"));
  if (state && g_strcmp0 (state, "pending") != 0 && g_strcmp0 (state, "delivered") != 0 &&
      g_strcmp0 (state, "parked") != 0)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("Unknown state “%s”"), state);

  if (strcmp (argv[1], "list") == 0)
    {
      if (argc > 2)
        return civ_cli_fail (CIV_EXIT_USAGE, _ ("Unexpected argument “%s”"), argv[2]);
      store = civ_cli_open_store (global, &error);
      if (store == NULL)
        return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
      if (!civ_require (store, CIV_PERM_SEND_REPORTS, NULL) &&
          !civ_require (store, CIV_PERM_VIEW_AUDIT, &error))
        return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
      return outbox_list (global, store, state);
    }
  if (strcmp (argv[1], "retry") == 0)
    {
      gint64 id = 0;
      guint  n = 0;

      if ((argc == 3) == all_parked || argc > 3)
        return civ_cli_fail (CIV_EXIT_USAGE, _ ("outbox retry needs an item id or --all-parked"));
      if (argc == 3 && (!g_ascii_string_to_signed (argv[2], 10, 1, G_MAXINT64, &id, NULL)))
        return civ_cli_fail (CIV_EXIT_USAGE, _ ("“%s” is not an outbox item id"), argv[2]);
      store = civ_cli_open_store (global, &error);
      if (store == NULL)
        return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
      if (!civ_report_requeue (store, id, &n, &error))
        return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
      printf (g_dngettext (GETTEXT_PACKAGE, "%u report queued again\n", "%u reports queued again\n",
                           n),
              n);
      return CIV_EXIT_OK;
    }
  return civ_cli_fail (CIV_EXIT_USAGE, _ ("Unknown outbox command “%s”"), argv[1]);
}

int
civ_cli_cmd_enroll (CivCliGlobal *global, int argc, char **argv)
{
  return cmd_enroll (global, argc, argv);
}

int
civ_cli_cmd_sync (CivCliGlobal *global, int argc, char **argv)
{
  return cmd_sync (global, argc, argv);
}

int
civ_cli_cmd_outbox (CivCliGlobal *global, int argc, char **argv)
{
  return cmd_outbox (global, argc, argv);
}
