// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-cli-funeral.c — the controlled stock of cremation certificates on the
 * command line (R-F13, issue 16; docs/cli-funeral.md)
 *
 *   civreg-cli … funeral stock receive --first SERIAL --last SERIAL [--reference R] [--json]
 *   civreg-cli … funeral stock void SERIAL --reason R [--approver LOGIN]
 *               [--approver-password-file FILE] [--json]
 *   civreg-cli … funeral stock reconcile [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]
 *
 * Exit codes: 0 success; 1 the command ran and was refused (a rule, the
 * permission, the approval, a serial or a reason that is not valid:
 * nothing was changed); 2 usage error (an option missing, a date that is
 * not YYYY-MM-DD, an unknown subcommand).
 */
#include "civ-cli.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "civ-calendar.h"
#include "civ-cremation-stock.h"

static int
open_or_fail (CivCliGlobal *global, CivStore **store)
{
  g_autoptr (GError) error = NULL;

  *store = civ_cli_open_store (global, &error);
  if (*store == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  return CIV_EXIT_OK;
}

static int
extra_argument (int argc, char **argv, int expected)
{
  if (argc > expected)
    {
      g_autofree char *shown = civ_cli_escape (argv[expected]);

      return civ_cli_fail (CIV_EXIT_USAGE, _ ("Unexpected argument “%s”"), shown);
    }
  return CIV_EXIT_OK;
}

static int
stock_receive (CivCliGlobal *global, int argc, char **argv)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *reference = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (CivCremationBatch) batch = NULL;
  const GOptionEntry entries[] = {
    CIV_CLI_GLOBAL_ENTRIES (global),
    { "first", 0, 0, G_OPTION_ARG_STRING, &first,
      N_ ("The first serial of the batch, as printed on the blank"), "SERIAL" },
    { "last", 0, 0, G_OPTION_ARG_STRING, &last,
      N_ ("The last serial of the batch, as printed on the blank"), "SERIAL" },
    { "reference", 0, 0, G_OPTION_ARG_STRING, &reference,
      N_ ("The supplier's delivery note or reference"), "TEXT" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx =
    civ_cli_command_context (NULL,
                             _ ("Receive a batch of blank cremation certificates into the stock"),
                             entries);
  GDate today;
  int   rc;

  if (!civ_cli_parse (ctx, &argc, &argv))
    return CIV_EXIT_USAGE;
  if (first == NULL || last == NULL)
    return civ_cli_fail (CIV_EXIT_USAGE,
                         _ ("funeral stock receive needs --first SERIAL and --last SERIAL"));
  if ((rc = extra_argument (argc, argv, 1)) != CIV_EXIT_OK)
    return rc;
  if ((rc = open_or_fail (global, &store)) != CIV_EXIT_OK)
    return rc;
  civ_date_today (&today);
  batch = civ_cremation_stock_receive (store, first, last, reference, &today, &error);
  if (batch == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  if (global->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "batch");
      json_builder_add_int_value (b, batch->id);
      civ_cli_json_add_string_or_null (b, "first_serial", batch->first_serial);
      civ_cli_json_add_string_or_null (b, "last_serial", batch->last_serial);
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, batch->count);
      civ_cli_json_add_string_or_null (b, "received_on", batch->received_on);
      civ_cli_json_add_string_or_null (b, "reference", batch->reference);
      json_builder_end_object (b);
      civ_cli_print_json (b);
      return CIV_EXIT_OK;
    }
  {
    g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, batch->count);

    /* Translators: %1$s and %2$s are serials such as HZ0000001, %3$s a count. */
    printf (_ ("Received the blanks %1$s to %2$s (%3$s) into the stock.\n"), batch->first_serial,
            batch->last_serial, count);
  }
  return CIV_EXIT_OK;
}

static int
stock_void (CivCliGlobal *global, int argc, char **argv)
{
  g_autofree char *reason = NULL;
  g_autofree char *approver = NULL;
  g_autofree char *approver_file = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  char              *password = NULL;
  const GOptionEntry entries[] = {
    CIV_CLI_GLOBAL_ENTRIES (global),
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_ ("How the certificate was spoiled"),
      "TEXT" },
    { "approver", 0, 0, G_OPTION_ARG_STRING, &approver,
      N_ ("The supervisor who approves the void (not needed when you are a supervisor)"), "LOGIN" },
    { "approver-password-file", 0, 0, G_OPTION_ARG_FILENAME, &approver_file,
      N_ ("Read the approver's password from the first line of FILE (otherwise it is asked for "
          "without echo)"),
      "FILE" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = civ_cli_command_context (
    _ ("SERIAL"), _ ("Void a spoiled cremation certificate, with a supervisor's approval"),
    entries);
  const char *serial;
  GDate       today;
  gboolean    ok;
  int         rc;

  if (!civ_cli_parse (ctx, &argc, &argv))
    return CIV_EXIT_USAGE;
  if (argc < 2)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("funeral stock void needs the SERIAL of the blank"));
  if (reason == NULL)
    return civ_cli_fail (CIV_EXIT_USAGE,
                         _ ("funeral stock void needs --reason: say how the certificate was "
                            "spoiled"));
  if ((rc = extra_argument (argc, argv, 2)) != CIV_EXIT_OK)
    return rc;
  serial = argv[1];
  if ((rc = open_or_fail (global, &store)) != CIV_EXIT_OK)
    return rc;
  if (approver != NULL && *approver != '\0')
    {
      g_autofree char *prompt = NULL;

      /* Translators: %s is the approving supervisor's login. */
      prompt = g_strdup_printf (_ ("Password of the approver %s: "), approver);
      password = civ_cli_read_secret (approver_file, prompt, &error);
      if (password == NULL)
        return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
    }
  civ_date_today (&today);
  ok = civ_cremation_stock_void (store, serial, reason, approver, password, &today, &error);
  g_free (password);
  if (!ok)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  {
    g_autofree char *normal = civ_cremation_serial_normalize (serial, NULL, NULL, NULL, NULL);

    if (global->json)
      {
        g_autoptr (JsonBuilder) b = json_builder_new ();

        json_builder_begin_object (b);
        civ_cli_json_add_string_or_null (b, "serial", normal);
        civ_cli_json_add_string_or_null (b, "state", "voided");
        civ_cli_json_add_string_or_null (b, "approved_by",
                                         approver && *approver
                                           ? approver
                                           : civ_store_get_operator (store)->login);
        json_builder_end_object (b);
        civ_cli_print_json (b);
      }
    else
      printf (_ ("Voided the cremation certificate %s.\n"), normal);
  }
  return CIV_EXIT_OK;
}

static void
add_serials (JsonBuilder *b, const char *name, GPtrArray *serials)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < serials->len; i++)
    {
      const CivCremationSerial *s = g_ptr_array_index (serials, i);

      json_builder_begin_object (b);
      civ_cli_json_add_string_or_null (b, "serial", s->serial);
      civ_cli_json_add_string_or_null (b, "state", s->state);
      civ_cli_json_add_string_or_null (b, "case_ref", s->case_ref);
      civ_cli_json_add_string_or_null (b, "issued_on", s->issued_on);
      civ_cli_json_add_string_or_null (b, "issued_by", s->issued_by);
      civ_cli_json_add_string_or_null (b, "voided_on", s->voided_on);
      civ_cli_json_add_string_or_null (b, "reason", s->void_reason);
      civ_cli_json_add_string_or_null (b, "voided_by", s->voided_by);
      civ_cli_json_add_string_or_null (b, "approved_by", s->approved_by);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_tally (JsonBuilder *b, const CivCremationTally *t)
{
  static const char *const names[] = { "opening", "received", "issued", "voided", "in_stock" };
  const gint64 values[] = { t->opening, t->received, t->issued, t->voided, t->in_stock };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      json_builder_set_member_name (b, names[i]);
      json_builder_add_int_value (b, values[i]);
    }
  json_builder_set_member_name (b, "balanced");
  json_builder_add_boolean_value (b, civ_cremation_tally_balances (t));
}

static void
print_reconciliation_json (const CivCremationReconciliation *rec)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  civ_cli_json_add_string_or_null (b, "from", rec->from);
  civ_cli_json_add_string_or_null (b, "to", rec->to);
  json_builder_set_member_name (b, "total");
  json_builder_begin_object (b);
  add_tally (b, &rec->total);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "batches");
  json_builder_begin_array (b);
  for (guint i = 0; i < rec->batches->len; i++)
    {
      const CivCremationTally *t = g_ptr_array_index (rec->batches, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "batch");
      json_builder_add_int_value (b, t->batch_id);
      civ_cli_json_add_string_or_null (b, "first_serial", t->first_serial);
      civ_cli_json_add_string_or_null (b, "last_serial", t->last_serial);
      civ_cli_json_add_string_or_null (b, "received_on", t->received_on);
      civ_cli_json_add_string_or_null (b, "reference", t->reference);
      add_tally (b, t);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  add_serials (b, "issued", rec->issued);
  add_serials (b, "voided", rec->voided);
  add_serials (b, "voided_after_earlier_issue", rec->voided_after_earlier_issue);
  json_builder_set_member_name (b, "in_stock");
  json_builder_begin_array (b);
  for (guint i = 0; i < rec->in_stock->len; i++)
    {
      const CivCremationRange *r = g_ptr_array_index (rec->in_stock, i);

      json_builder_begin_object (b);
      civ_cli_json_add_string_or_null (b, "first_serial", r->first_serial);
      civ_cli_json_add_string_or_null (b, "last_serial", r->last_serial);
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, r->count);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  civ_cli_print_json (b);
}

static void
print_tally_line (const char *label, const CivCremationTally *t)
{
  printf ("%-28s %8" G_GINT64_FORMAT " %8" G_GINT64_FORMAT " %8" G_GINT64_FORMAT
          " %8" G_GINT64_FORMAT " %8" G_GINT64_FORMAT "  %s\n",
          label, t->opening, t->received, t->issued, t->voided, t->in_stock,
          civ_cremation_tally_balances (t) ? _ ("balanced") : _ ("DOES NOT BALANCE"));
}

static void
print_reconciliation_text (const CivCremationReconciliation *rec)
{
  printf (_ ("Cremation certificate stock from %1$s to %2$s\n"),
          rec->from ? rec->from : _ ("the first batch"), rec->to ? rec->to : _ ("now"));
  printf (_ ("Opening stock + received = issued + voided + in stock at the end\n\n"));
  printf ("%-28s %8s %8s %8s %8s %8s\n", _ ("Batch"), _ ("Opening"), _ ("Received"), _ ("Issued"),
          _ ("Voided"), _ ("In stock"));
  for (guint i = 0; i < rec->batches->len; i++)
    {
      const CivCremationTally *t = g_ptr_array_index (rec->batches, i);
      g_autofree char         *label = g_strdup_printf ("%s–%s", t->first_serial, t->last_serial);

      print_tally_line (label, t);
    }
  print_tally_line (_ ("Total"), &rec->total);

  if (rec->issued->len > 0)
    printf ("\n%s\n", _ ("Issued:"));
  for (guint i = 0; i < rec->issued->len; i++)
    {
      const CivCremationSerial *s = g_ptr_array_index (rec->issued, i);

      printf ("  %s  %s  %s  %s\n", s->serial, s->issued_on, s->case_ref, s->issued_by);
    }
  if (rec->voided->len > 0)
    printf ("\n%s\n", _ ("Voided:"));
  for (guint i = 0; i < rec->voided->len; i++)
    {
      const CivCremationSerial *s = g_ptr_array_index (rec->voided, i);
      g_autofree char          *reason = civ_cli_escape (s->void_reason);

      /* Translators: a voided certificate: serial, date, reason, approver. */
      printf (_ ("  %1$s  %2$s  %3$s (approved by %4$s)\n"), s->serial, s->voided_on, reason,
              s->approved_by);
    }
  if (rec->voided_after_earlier_issue->len > 0)
    printf ("\n%s\n", _ ("Voided in the period, issued before it (not counted above):"));
  for (guint i = 0; i < rec->voided_after_earlier_issue->len; i++)
    {
      const CivCremationSerial *s = g_ptr_array_index (rec->voided_after_earlier_issue, i);
      g_autofree char          *reason = civ_cli_escape (s->void_reason);

      printf (_ ("  %1$s  %2$s  %3$s (approved by %4$s)\n"), s->serial, s->voided_on, reason,
              s->approved_by);
    }
  if (rec->in_stock->len > 0)
    printf ("\n%s\n", _ ("In stock at the end:"));
  for (guint i = 0; i < rec->in_stock->len; i++)
    {
      const CivCremationRange *r = g_ptr_array_index (rec->in_stock, i);

      printf ("  %s–%s  (%" G_GINT64_FORMAT ")\n", r->first_serial, r->last_serial, r->count);
    }
}

static int
stock_reconcile (CivCliGlobal *global, int argc, char **argv)
{
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (CivCremationReconciliation) rec = NULL;
  const GOptionEntry entries[] = {
    CIV_CLI_GLOBAL_ENTRIES (global),
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text,
      N_ ("The first day of the period (default: since the first batch)"), "YYYY-MM-DD" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_ ("The last day of the period (default: now)"),
      "YYYY-MM-DD" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = civ_cli_command_context (
    NULL, _ ("Reconcile the cremation certificate stock per batch and for a period"), entries);
  GDate from, to;
  int   rc;

  if (!civ_cli_parse (ctx, &argc, &argv))
    return CIV_EXIT_USAGE;
  if ((rc = extra_argument (argc, argv, 1)) != CIV_EXIT_OK)
    return rc;
  if (from_text != NULL && !civ_date_parse_iso (from_text, &from))
    {
      g_autofree char *shown = civ_cli_escape (from_text);

      return civ_cli_fail (CIV_EXIT_USAGE, _ ("--from takes a date as YYYY-MM-DD, not “%s”"),
                           shown);
    }
  if (to_text != NULL && !civ_date_parse_iso (to_text, &to))
    {
      g_autofree char *shown = civ_cli_escape (to_text);

      return civ_cli_fail (CIV_EXIT_USAGE, _ ("--to takes a date as YYYY-MM-DD, not “%s”"), shown);
    }
  if (from_text != NULL && to_text != NULL && g_date_compare (&from, &to) > 0)
    return civ_cli_fail (CIV_EXIT_USAGE,
                         _ ("--from %1$s is after --to %2$s: give the earlier "
                            "date first"),
                         from_text, to_text);
  if ((rc = open_or_fail (global, &store)) != CIV_EXIT_OK)
    return rc;
  rec =
    civ_cremation_stock_reconcile (store, from_text ? &from : NULL, to_text ? &to : NULL, &error);
  if (rec == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  if (global->json)
    print_reconciliation_json (rec);
  else
    print_reconciliation_text (rec);
  return civ_cremation_tally_balances (&rec->total) ? CIV_EXIT_OK : CIV_EXIT_FAILURE;
}

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n",
           _ ("Usage: civreg-cli … funeral case report FILE.json | find TEXT | show CASE | step "
              "CASE STEP [--at TIME] [OPTIONS]"));
  fprintf (out, "%s\n", _ ("       civreg-cli … funeral board"));
  fprintf (out, "%s\n",
           _ ("       civreg-cli … funeral stock receive --first SERIAL --last SERIAL | void "
              "SERIAL --reason TEXT [--approver LOGIN] | reconcile [--from DATE] [--to DATE]"));
  fprintf (out, "%s\n",
           _ ("Run “civreg-cli funeral case|stock SUBCOMMAND --help” for its options."));
}

int
civ_cli_cmd_funeral (CivCliGlobal *global, int argc, char **argv)
{
  const char *area = argc > 1 ? argv[1] : NULL;
  const char *sub = argc > 2 ? argv[2] : NULL;

  if (area == NULL || strcmp (area, "--help") == 0 || strcmp (area, "-h") == 0)
    {
      print_usage (area ? stdout : stderr);
      return area ? CIV_EXIT_OK : CIV_EXIT_USAGE;
    }
  if (strcmp (area, "case") == 0)
    {
      int rc = civ_cli_funeral_case (global, argc - 1, argv + 1);

      if (rc >= 0)
        return rc;
    }
  if (strcmp (area, "board") == 0)
    return civ_cli_funeral_board (global, argc - 1, argv + 1);
  if (strcmp (area, "stock") == 0 && sub != NULL)
    {
      if (strcmp (sub, "receive") == 0)
        return stock_receive (global, argc - 2, argv + 2);
      if (strcmp (sub, "void") == 0)
        return stock_void (global, argc - 2, argv + 2);
      if (strcmp (sub, "reconcile") == 0)
        return stock_reconcile (global, argc - 2, argv + 2);
      if (strcmp (sub, "--help") == 0 || strcmp (sub, "-h") == 0)
        {
          print_usage (stdout);
          return CIV_EXIT_OK;
        }
    }
  {
    g_autofree char *name = civ_cli_escape (sub ? sub : area);

    civ_cli_fail (0, _ ("Unknown funeral command “%s”"), name);
  }
  print_usage (stderr);
  return CIV_EXIT_USAGE;
}
