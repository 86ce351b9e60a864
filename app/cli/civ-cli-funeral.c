// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-cli-funeral.c — the controlled stock of cremation certificates on the
 * command line (R-F13, issue 16; docs/cli-funeral.md)
 *
 *   civreg-cli … funeral stock receive --first SERIAL --last SERIAL [--reference R] [--json]
 *   civreg-cli … funeral stock void SERIAL --reason R [--approver LOGIN]
 *               [--approver-password-file FILE] [--json]
 *   civreg-cli … funeral stock reconcile [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]
 *   civreg-cli … funeral fees import FILE.json [--json] | fees list [--json]
 *   civreg-cli … funeral policy import FILE.json [--json] | policy list [--json]
 *   civreg-cli … funeral bill CASE_NO [--json]
 *   civreg-cli … funeral bill CASE_NO add ITEM QUANTITY [--json]
 *   civreg-cli … funeral bill CASE_NO cancel LINE [--reason TEXT] [--json]
 *   civreg-cli … funeral waiver CASE_NO --group GROUP [--evidence TEXT] [--resident] [--json]
 *   civreg-cli … funeral receipt CASE_NO [--json]
 *
 * Exit codes: 0 success; 1 the command ran and was refused (a rule, the
 * permission, the approval, a serial, a reason, a file, a case, an item or
 * a quantity that is not valid: nothing was changed); 2 usage error (an
 * option or argument missing, a date that is not YYYY-MM-DD, an unknown
 * subcommand or group).
 */
#include "civ-cli.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "civ-calendar.h"
#include "civ-cremation-stock.h"
#include "civ-funeral-money.h"
#include "civ-json-guard.h"

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

/* ---- Fee lists, waiver policies, bills, waivers, receipts -------------- */

static const char *
money_unit_label (const char *unit)
{
  switch (civ_fee_unit_from_string (unit))
    {
    case CIV_FEE_UNIT_BODY:
      return C_ ("fee unit", "body");
    case CIV_FEE_UNIT_DAY:
      return C_ ("fee unit", "day");
    case CIV_FEE_UNIT_YEAR:
      return C_ ("fee unit", "year");
    case CIV_FEE_UNIT_PIECE:
      return C_ ("fee unit", "piece");
    case CIV_FEE_UNIT_KM:
      return C_ ("fee unit", "km");
    default:
      return unit;
    }
}

static void
add_int (JsonBuilder *b, const char *name, gint64 value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

/* Reads FILE for an import: 1 when it cannot be read (nothing changed). */
static int
read_import (const char *path, char **data, gsize *len)
{
  g_autoptr (GError) error = NULL;

  if (!civ_json_guard_read_file (path, CIV_JSON_GUARD_INPUT_MAX, data, len, &error))
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  return CIV_EXIT_OK;
}

static void
file_json (JsonBuilder *b, const CivFuneralMoneyFile *f, gint64 in_force_id)
{
  json_builder_begin_object (b);
  add_int (b, "id", f->id);
  civ_cli_json_add_string_or_null (b, "area", f->area);
  if (f->version != NULL)
    civ_cli_json_add_string_or_null (b, "version", f->version);
  else
    {
      civ_cli_json_add_string_or_null (b, "name", f->name);
      add_int (b, "items", f->n_items);
    }
  civ_cli_json_add_string_or_null (b, "effective_from", f->effective_from);
  civ_cli_json_add_string_or_null (b, "effective_to", f->effective_to);
  civ_cli_json_add_string_or_null (b, "sha256", f->sha256);
  civ_cli_json_add_string_or_null (b, "imported_on", f->imported_on);
  civ_cli_json_add_string_or_null (b, "imported_by", f->imported_by);
  if (in_force_id >= 0)
    {
      json_builder_set_member_name (b, "in_force");
      json_builder_add_boolean_value (b, f->id == in_force_id);
    }
  json_builder_end_object (b);
}

static int
money_import (CivCliGlobal *global, int argc, char **argv, gboolean policy)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (CivFuneralMoneyFile) f = NULL;
  g_autofree char   *data = NULL;
  gsize              len = 0;
  const GOptionEntry entries[] = { CIV_CLI_GLOBAL_ENTRIES (global), { NULL } };
  g_autoptr (GOptionContext) ctx = civ_cli_command_context (
    _ ("FILE.json"),
    policy ? _ ("Import an area's funeral waiver policy (惠民殡葬; docs/funeral-data.md)")
           : _ ("Import an area's list of permitted funeral fees (docs/funeral-data.md)"),
    entries);
  GDate today;
  int   rc;

  if (!civ_cli_parse (ctx, &argc, &argv))
    return CIV_EXIT_USAGE;
  if (argc < 2)
    return civ_cli_fail (CIV_EXIT_USAGE, policy ? _ ("funeral policy import needs the FILE.json")
                                                : _ ("funeral fees import needs the FILE.json"));
  if ((rc = extra_argument (argc, argv, 2)) != CIV_EXIT_OK)
    return rc;
  if ((rc = read_import (argv[1], &data, &len)) != CIV_EXIT_OK)
    return rc;
  if ((rc = open_or_fail (global, &store)) != CIV_EXIT_OK)
    return rc;
  civ_date_today (&today);
  f = policy ? civ_funeral_policy_import (store, data, len, &today, &error)
             : civ_funeral_fees_import (store, data, len, &today, &error);
  if (f == NULL)
    {
      g_autofree char *shown = civ_cli_escape (argv[1]);

      return civ_cli_fail (CIV_EXIT_FAILURE, _ ("%s: %s"), shown, error->message);
    }
  if (global->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      file_json (b, f, -1);
      civ_cli_print_json (b);
      return CIV_EXIT_OK;
    }
  if (policy)
    /* Translators: %1$s a policy's version, %2$s an area's division code, %3$s and %4$s dates. */
    printf (_ ("Imported the waiver policy “%1$s” of the area %2$s, in force from %3$s to %4$s.\n"),
            f->version, f->area, f->effective_from,
            f->effective_to ? f->effective_to : _ ("further notice"));
  else
    {
      g_autofree char *items = g_strdup_printf ("%" G_GINT64_FORMAT, f->n_items);

      /* Translators: %1$s a list's title, %2$s an area's code, %3$s a count, %4$s and %5$s dates. */
      printf (_ ("Imported the fee list “%1$s” of the area %2$s (%3$s items), in force from %4$s "
                 "to %5$s.\n"),
              f->name, f->area, items, f->effective_from,
              f->effective_to ? f->effective_to : _ ("further notice"));
    }
  return CIV_EXIT_OK;
}

static int
money_list (CivCliGlobal *global, int argc, char **argv, gboolean policy)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (GPtrArray) files = NULL;
  g_autofree char   *office = NULL;
  const GOptionEntry entries[] = { CIV_CLI_GLOBAL_ENTRIES (global), { NULL } };
  g_autoptr (GOptionContext) ctx = civ_cli_command_context (
    NULL,
    policy ? _ ("List the funeral waiver policies imported, marking the one in force here today")
           : _ ("List the funeral fee lists imported, marking the one in force here today"),
    entries);
  gint64 in_force = 0;
  GDate  today;
  int    rc;

  if (!civ_cli_parse (ctx, &argc, &argv))
    return CIV_EXIT_USAGE;
  if ((rc = extra_argument (argc, argv, 1)) != CIV_EXIT_OK)
    return rc;
  if ((rc = open_or_fail (global, &store)) != CIV_EXIT_OK)
    return rc;
  civ_date_today (&today);
  files = policy ? civ_funeral_policy_list (store, &today, &in_force, &error)
                 : civ_funeral_fees_list (store, &today, &in_force, &error);
  if (files == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  office = civ_store_get_office_code (store);
  if (global->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      civ_cli_json_add_string_or_null (b, "office", office);
      json_builder_set_member_name (b, "in_force");
      if (in_force > 0)
        json_builder_add_int_value (b, in_force);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, policy ? "policies" : "fee_lists");
      json_builder_begin_array (b);
      for (guint i = 0; i < files->len; i++)
        file_json (b, g_ptr_array_index (files, i), in_force);
      json_builder_end_array (b);
      json_builder_end_object (b);
      civ_cli_print_json (b);
      return CIV_EXIT_OK;
    }
  for (guint i = 0; i < files->len; i++)
    {
      const CivFuneralMoneyFile *f = g_ptr_array_index (files, i);
      g_autofree char           *title = civ_cli_escape (f->version ? f->version : f->name);

      printf ("%c %4" G_GINT64_FORMAT "  %s  %s – %-10s  %s  %s\n", f->id == in_force ? '*' : ' ',
              f->id, f->area, f->effective_from, f->effective_to ? f->effective_to : "", title,
              f->imported_on);
    }
  if (in_force > 0)
    printf (_ ("* in force for the office %s today\n"), office);
  else
    printf (policy ? _ ("No waiver policy is in force for the office %s today.\n")
                   : _ ("No fee list is in force for the office %s today.\n"),
            office);
  return CIV_EXIT_OK;
}

static void
bill_line_json (JsonBuilder *b, const CivFuneralBillLine *l)
{
  json_builder_begin_object (b);
  add_int (b, "line", l->line_no);
  json_builder_set_member_name (b, "cancels");
  if (l->cancels > 0)
    json_builder_add_int_value (b, l->cancels_line_no);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "cancelled_by");
  if (l->cancelled_by_line > 0)
    json_builder_add_int_value (b, l->cancelled_by_line);
  else
    json_builder_add_null_value (b);
  civ_cli_json_add_string_or_null (b, "item", l->item_code);
  civ_cli_json_add_string_or_null (b, "name", l->item_name);
  civ_cli_json_add_string_or_null (b, "unit", l->unit);
  add_int (b, "quantity", l->quantity);
  add_int (b, "unit_price_fen", l->unit_price_fen);
  add_int (b, "amount_fen", l->amount_fen);
  civ_cli_json_add_string_or_null (b, "service_on", l->service_on);
  add_int (b, "fee_list", l->fee_list_id);
  civ_cli_json_add_string_or_null (b, "reason", l->reason);
  civ_cli_json_add_string_or_null (b, "receipt", l->receipt_no);
  civ_cli_json_add_string_or_null (b, "by", l->created_by);
  json_builder_end_object (b);
}

static void
print_bill_line (const CivFuneralBillLine *l)
{
  g_autofree char *price = civ_fen_format (l->unit_price_fen);
  g_autofree char *amount = civ_fen_format (l->cancels > 0 ? -l->amount_fen : l->amount_fen);
  g_autofree char *name = civ_cli_escape (l->item_name);
  g_autofree char *note = NULL;

  if (l->cancels > 0)
    note = g_strdup_printf (_ ("cancels line %d"), (int) l->cancels_line_no);
  else if (l->cancelled_by_line > 0)
    note = g_strdup_printf (_ ("cancelled by line %d"), (int) l->cancelled_by_line);
  else if (l->receipt_no != NULL)
    note = g_strdup_printf (_ ("on receipt %s"), l->receipt_no);
  printf ("%4" G_GINT64_FORMAT "  %s  %-8s %-12s %6" G_GINT64_FORMAT " %-4s × %10s = %10s  %s\n",
          l->line_no, l->service_on, l->item_code, name, l->quantity, money_unit_label (l->unit),
          price, amount, note ? note : "");
}

static void
receipt_json (JsonBuilder *b, const CivFuneralReceiptRow *r)
{
  json_builder_begin_object (b);
  civ_cli_json_add_string_or_null (b, "receipt_no", r->receipt_no);
  civ_cli_json_add_string_or_null (b, "issued_on", r->issued_on);
  civ_cli_json_add_string_or_null (b, "issued_by", r->issued_by);
  json_builder_set_member_name (b, "lines");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->lines->len; i++)
    {
      const CivFuneralReceiptLine *l = g_ptr_array_index (r->lines, i);

      json_builder_begin_object (b);
      add_int (b, "line", l->line_no);
      civ_cli_json_add_string_or_null (b, "item", l->item_code);
      civ_cli_json_add_string_or_null (b, "name", l->item_name);
      civ_cli_json_add_string_or_null (b, "unit", l->unit);
      add_int (b, "quantity", l->quantity);
      add_int (b, "unit_price_fen", l->unit_price_fen);
      add_int (b, "amount_fen", l->amount_fen);
      add_int (b, "waived_fen", l->waived_fen);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  add_int (b, "total_fen", r->total_fen);
  add_int (b, "waived_fen", r->waived_fen);
  add_int (b, "to_pay_fen", r->to_pay_fen);
  json_builder_end_object (b);
}

static void
print_totals (gint64 total, gint64 waived, gint64 to_pay)
{
  g_autofree char *t = civ_fen_format (total);
  g_autofree char *w = civ_fen_format (waived);
  g_autofree char *p = civ_fen_format (to_pay);

  printf (_ ("Total %s yuan, waived %s yuan, the family pays %s yuan.\n"), t, w, p);
}

static int
bill_show (CivCliGlobal *global, CivStore *store, const char *case_no)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivFuneralBillSummary) s = civ_funeral_bill_get (store, case_no, &error);

  if (s == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  if (global->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      civ_cli_json_add_string_or_null (b, "case_no", s->case_no);
      json_builder_set_member_name (b, "lines");
      json_builder_begin_array (b);
      for (guint i = 0; i < s->lines->len; i++)
        bill_line_json (b, g_ptr_array_index (s->lines, i));
      json_builder_end_array (b);
      add_int (b, "total_fen", s->total_fen);
      add_int (b, "waived_fen", s->waived_fen);
      add_int (b, "to_pay_fen", s->to_pay_fen);
      add_int (b, "unreceipted_fen", s->unreceipted_fen);
      json_builder_set_member_name (b, "waiver");
      if (s->assessment != NULL)
        {
          json_builder_begin_object (b);
          civ_cli_json_add_string_or_null (b, "policy_version", s->assessment->policy_version);
          civ_cli_json_add_string_or_null (b, "group", s->assessment->waiver_group);
          civ_cli_json_add_string_or_null (b, "assessed_on", s->assessment->assessed_on);
          add_int (b, "waived_fen", s->assessment->waived_fen);
          json_builder_set_member_name (b, "current");
          json_builder_add_boolean_value (b, s->assessment_current);
          json_builder_end_object (b);
        }
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "receipts");
      json_builder_begin_array (b);
      for (guint i = 0; i < s->receipts->len; i++)
        receipt_json (b, g_ptr_array_index (s->receipts, i));
      json_builder_end_array (b);
      json_builder_end_object (b);
      civ_cli_print_json (b);
      return CIV_EXIT_OK;
    }
  printf (_ ("Bill of the funeral case %s\n"), s->case_no);
  if (s->lines->len == 0)
    printf ("%s\n", _ ("Nothing is billed yet."));
  for (guint i = 0; i < s->lines->len; i++)
    print_bill_line (g_ptr_array_index (s->lines, i));
  print_totals (s->total_fen, s->waived_fen, s->to_pay_fen);
  if (s->assessment != NULL && !s->assessment_current)
    printf (_ ("The waiver assessed on %s is out of date: the bill changed since. Assess it "
               "again.\n"),
            s->assessment->assessed_on);
  else if (s->assessment != NULL)
    printf (_ ("Waiver: policy %1$s, group %2$s, assessed on %3$s.\n"),
            s->assessment->policy_version, s->assessment->waiver_group, s->assessment->assessed_on);
  for (guint i = 0; i < s->receipts->len; i++)
    {
      const CivFuneralReceiptRow *r = g_ptr_array_index (s->receipts, i);
      g_autofree char            *pay = civ_fen_format (r->to_pay_fen);

      printf (_ ("Receipt %1$s of %2$s: the family pays %3$s yuan.\n"), r->receipt_no, r->issued_on,
              pay);
    }
  return CIV_EXIT_OK;
}

/* A line number as typed: digits only, 1 or more. */
static gboolean
parse_line_no (const char *text, gint64 *out)
{
  gsize len = text ? strlen (text) : 0;

  if (len == 0 || len > 6)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  *out = g_ascii_strtoll (text, NULL, 10);
  return *out >= 1;
}

static int
bill_command (CivCliGlobal *global, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (CivFuneralBillLine) line = NULL;
  g_autofree char   *reason = NULL;
  const GOptionEntry entries[] = { CIV_CLI_GLOBAL_ENTRIES (global),
                                   { "reason", 0, 0, G_OPTION_ARG_STRING, &reason,
                                     N_ ("Why the line is cancelled"), "TEXT" },
                                   { NULL } };
  g_autoptr (GOptionContext) ctx = civ_cli_command_context (
    _ ("CASE_NO [add ITEM QUANTITY | cancel LINE]"),
    _ ("Show a funeral case's bill, bill a permitted fee, or cancel a wrong line"), entries);
  const char *action;
  GDate       today;
  int         rc;

  /* A negative quantity ("-3") is an argument to refuse, not an option. */
  g_option_context_set_ignore_unknown_options (ctx, TRUE);
  if (!civ_cli_parse (ctx, &argc, &argv))
    return CIV_EXIT_USAGE;
  if (argc < 2 || (argv[1][0] == '-' && argv[1][1] == '-'))
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("funeral bill needs the CASE_NO"));
  action = argc > 2 ? argv[2] : NULL;
  if (action == NULL)
    {
      if (reason != NULL)
        return civ_cli_fail (CIV_EXIT_USAGE, _ ("--reason goes with funeral bill CASE_NO cancel"));
      if ((rc = open_or_fail (global, &store)) != CIV_EXIT_OK)
        return rc;
      return bill_show (global, store, argv[1]);
    }
  civ_date_today (&today);
  if (strcmp (action, "add") == 0)
    {
      gint64 quantity = 0;

      if (argc < 5)
        return civ_cli_fail (CIV_EXIT_USAGE,
                             _ ("funeral bill CASE_NO add needs ITEM and QUANTITY"));
      if ((rc = extra_argument (argc, argv, 5)) != CIV_EXIT_OK)
        return rc;
      if (reason != NULL)
        return civ_cli_fail (CIV_EXIT_USAGE, _ ("--reason goes with funeral bill CASE_NO cancel"));
      if (!civ_funeral_quantity_parse (argv[4], &quantity, &error))
        return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
      if ((rc = open_or_fail (global, &store)) != CIV_EXIT_OK)
        return rc;
      line = civ_funeral_bill_add (store, argv[1], argv[3], quantity, &today, &error);
    }
  else if (strcmp (action, "cancel") == 0)
    {
      gint64 line_no = 0;

      if (argc < 4)
        return civ_cli_fail (CIV_EXIT_USAGE, _ ("funeral bill CASE_NO cancel needs the LINE"));
      if ((rc = extra_argument (argc, argv, 4)) != CIV_EXIT_OK)
        return rc;
      if (!parse_line_no (argv[3], &line_no))
        {
          g_autofree char *shown = civ_cli_escape (argv[3]);

          return civ_cli_fail (CIV_EXIT_FAILURE,
                               _ ("“%s” is not a line number: give the number the bill shows, "
                                  "such as 2"),
                               shown);
        }
      if ((rc = open_or_fail (global, &store)) != CIV_EXIT_OK)
        return rc;
      line = civ_funeral_bill_cancel (store, argv[1], line_no, reason, &today, &error);
    }
  else
    {
      g_autofree char *shown = civ_cli_escape (action);

      return civ_cli_fail (CIV_EXIT_USAGE,
                           _ ("Unknown funeral bill action “%s”: add ITEM QUANTITY or cancel LINE"),
                           shown);
    }
  if (line == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  if (global->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      bill_line_json (b, line);
      civ_cli_print_json (b);
    }
  else
    {
      g_autofree char *amount = civ_fen_format (line->amount_fen);
      g_autofree char *name = civ_cli_escape (line->item_name);

      if (line->cancels > 0)
        /* Translators: %1$d the new line's number, %2$d the cancelled line's, %3$s an item, %4$s yuan. */
        printf (_ ("Line %1$d cancels line %2$d (%3$s, %4$s yuan).\n"), (int) line->line_no,
                (int) line->cancels_line_no, name, amount);
      else
        {
          g_autofree char *price = civ_fen_format (line->unit_price_fen);

          /* Translators: line %1$d: item %2$s, %3$s its name, %4$d units × %5$s yuan = %6$s yuan. */
          printf (_ ("Line %1$d: %2$s %3$s, %4$d × %5$s = %6$s yuan.\n"), (int) line->line_no,
                  line->item_code, name, (int) line->quantity, price, amount);
        }
    }
  return CIV_EXIT_OK;
}

static const char *
waiver_cap_label (CivWaiverCap cap)
{
  switch (cap)
    {
    case CIV_WAIVER_CAP_NONE:
      return _ ("covered in full");
    case CIV_WAIVER_CAP_ITEM:
      return _ ("item cap per unit");
    case CIV_WAIVER_CAP_UNITS:
      return _ ("most days or years");
    case CIV_WAIVER_CAP_BODY:
      return _ ("cap per body");
    case CIV_WAIVER_CAP_NOT_COVERED:
      return _ ("not covered");
    case CIV_WAIVER_CAP_NOT_IN_FORCE:
      return _ ("policy not in force");
    case CIV_WAIVER_CAP_NOT_ELIGIBLE:
    default:
      return _ ("not eligible");
    }
}

static int
waiver_command (CivCliGlobal *global, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (CivFuneralWaiverResult) r = NULL;
  g_autofree char   *group_text = NULL;
  g_autofree char   *evidence = NULL;
  gboolean           resident = FALSE;
  const GOptionEntry entries[] = {
    CIV_CLI_GLOBAL_ENTRIES (global),
    { "group", 0, 0, G_OPTION_ARG_STRING, &group_text,
      N_ ("The family's group: dibao, tekun, sanwu, unidentified, youfu, none, or all-residents "
          "(none and a resident of the area)"),
      "GROUP" },
    { "evidence", 0, 0, G_OPTION_ARG_STRING, &evidence,
      N_ ("The group's proof: the certificate's number, the police report"), "TEXT" },
    { "resident", 0, 0, G_OPTION_ARG_NONE, &resident,
      N_ ("The deceased's household registration is in the area"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = civ_cli_command_context (
    _ ("CASE_NO"),
    _ ("Assess the funeral fee waiver (惠民殡葬) of a case with the policy in force"), entries);
  CivWaiverGroup group;
  GDate          today;
  int            rc;

  if (!civ_cli_parse (ctx, &argc, &argv))
    return CIV_EXIT_USAGE;
  if (argc < 2)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("funeral waiver needs the CASE_NO"));
  if (group_text == NULL)
    return civ_cli_fail (CIV_EXIT_USAGE,
                         _ ("funeral waiver needs --group: dibao, tekun, sanwu, unidentified, "
                            "youfu, none or all-residents"));
  if ((rc = extra_argument (argc, argv, 2)) != CIV_EXIT_OK)
    return rc;
  group = civ_waiver_group_from_string (group_text);
  if (group == CIV_WAIVER_GROUP_ALL_RESIDENTS)
    {
      group = CIV_WAIVER_GROUP_NONE;
      resident = TRUE;
    }
  if (group == CIV_WAIVER_GROUP_INVALID)
    {
      g_autofree char *shown = civ_cli_escape (group_text);

      return civ_cli_fail (CIV_EXIT_USAGE,
                           _ ("--group “%s” is not one of dibao, tekun, sanwu, unidentified, "
                              "youfu, none, all-residents"),
                           shown);
    }
  if ((rc = open_or_fail (global, &store)) != CIV_EXIT_OK)
    return rc;
  civ_date_today (&today);
  r = civ_funeral_waiver_assess_case (store, argv[1], group, resident, evidence, &today, &error);
  if (r == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  if (global->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      civ_cli_json_add_string_or_null (b, "case_no", r->case_no);
      add_int (b, "assessment", r->row->id);
      civ_cli_json_add_string_or_null (b, "policy_version", r->row->policy_version);
      civ_cli_json_add_string_or_null (b, "group", r->row->waiver_group);
      json_builder_set_member_name (b, "resident");
      json_builder_add_boolean_value (b, r->row->resident);
      civ_cli_json_add_string_or_null (b, "evidence", r->row->evidence);
      civ_cli_json_add_string_or_null (b, "assessed_on", r->row->assessed_on);
      json_builder_set_member_name (b, "lines");
      json_builder_begin_array (b);
      for (guint i = 0; i < r->lines->len; i++)
        {
          const CivFuneralBillLine *l = g_ptr_array_index (r->lines, i);
          const CivWaiverLine      *w = &g_array_index (r->assessment->lines, CivWaiverLine, i);

          json_builder_begin_object (b);
          add_int (b, "line", l->line_no);
          civ_cli_json_add_string_or_null (b, "item", l->item_code);
          add_int (b, "amount_fen", w->amount_fen);
          add_int (b, "waived_fen", w->covered_fen);
          add_int (b, "family_pays_fen", w->family_fen);
          civ_cli_json_add_string_or_null (b, "cap", civ_waiver_cap_to_string (w->cap));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      add_int (b, "total_fen", r->row->total_fen);
      add_int (b, "waived_fen", r->row->waived_fen);
      add_int (b, "family_pays_fen", r->row->family_fen);
      civ_cli_findings_json (b, r->assessment->findings);
      json_builder_end_object (b);
      civ_cli_print_json (b);
      return CIV_EXIT_OK;
    }
  printf (_ ("Waiver of %1$s assessed under the policy %2$s.\n"), r->case_no,
          r->row->policy_version);
  for (guint i = 0; i < r->lines->len; i++)
    {
      const CivFuneralBillLine *l = g_ptr_array_index (r->lines, i);
      const CivWaiverLine      *w = &g_array_index (r->assessment->lines, CivWaiverLine, i);
      g_autofree char          *amount = civ_fen_format (w->amount_fen);
      g_autofree char          *covered = civ_fen_format (w->covered_fen);
      g_autofree char          *family = civ_fen_format (w->family_fen);

      /* TRANSLATORS: a bill line: item, amount, waived amount, what the family pays, the cap */
      printf (_ ("  %-12s %10s  waived %10s  family pays %10s  (%s)\n"), l->item_code, amount,
              covered, family, waiver_cap_label (w->cap));
    }
  print_totals (r->row->total_fen, r->row->waived_fen, r->row->family_fen);
  civ_cli_print_findings (r->assessment->findings);
  return CIV_EXIT_OK;
}

static int
receipt_command (CivCliGlobal *global, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (CivFuneralReceiptRow) r = NULL;
  const GOptionEntry entries[] = { CIV_CLI_GLOBAL_ENTRIES (global), { NULL } };
  g_autoptr (GOptionContext) ctx = civ_cli_command_context (
    _ ("CASE_NO"), _ ("Issue the itemised receipt of what is billed to a case since the last one"),
    entries);
  GDate today;
  int   rc;

  if (!civ_cli_parse (ctx, &argc, &argv))
    return CIV_EXIT_USAGE;
  if (argc < 2)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("funeral receipt needs the CASE_NO"));
  if ((rc = extra_argument (argc, argv, 2)) != CIV_EXIT_OK)
    return rc;
  if ((rc = open_or_fail (global, &store)) != CIV_EXIT_OK)
    return rc;
  civ_date_today (&today);
  r = civ_funeral_receipt_issue (store, argv[1], &today, &error);
  if (r == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  if (global->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      receipt_json (b, r);
      civ_cli_print_json (b);
      return CIV_EXIT_OK;
    }
  printf (_ ("Receipt %1$s, issued on %2$s\n"), r->receipt_no, r->issued_on);
  for (guint i = 0; i < r->lines->len; i++)
    {
      const CivFuneralReceiptLine *l = g_ptr_array_index (r->lines, i);
      g_autofree char             *price = civ_fen_format (l->unit_price_fen);
      g_autofree char             *amount = civ_fen_format (l->amount_fen);
      g_autofree char             *waived = civ_fen_format (l->waived_fen);
      g_autofree char             *name = civ_cli_escape (l->item_name);

      /* Translators: a receipt line: number, code, name, quantity, unit, price, amount, waived. */
      printf (_ ("%1$4d  %2$-8s %3$-12s %4$6d %5$-4s × %6$10s = %7$10s  waived %8$s\n"),
              (int) l->line_no, l->item_code, name, (int) l->quantity, money_unit_label (l->unit),
              price, amount, waived);
    }
  print_totals (r->total_fen, r->waived_fen, r->to_pay_fen);
  return CIV_EXIT_OK;
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
           _ ("       civreg-cli … funeral fees import FILE.json | fees list | policy import "
              "FILE.json | policy list"));
  fprintf (out, "%s\n",
           _ ("       civreg-cli … funeral bill CASE_NO [add ITEM QUANTITY | cancel LINE "
              "[--reason TEXT]] | waiver CASE_NO --group GROUP [--evidence TEXT] [--resident] | "
              "receipt CASE_NO"));
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
  if ((strcmp (area, "fees") == 0 || strcmp (area, "policy") == 0) && sub != NULL)
    {
      gboolean policy = strcmp (area, "policy") == 0;

      if (strcmp (sub, "import") == 0)
        return money_import (global, argc - 2, argv + 2, policy);
      if (strcmp (sub, "list") == 0)
        return money_list (global, argc - 2, argv + 2, policy);
    }
  if (strcmp (area, "bill") == 0)
    return bill_command (global, argc - 1, argv + 1);
  if (strcmp (area, "waiver") == 0)
    return waiver_command (global, argc - 1, argv + 1);
  if (strcmp (area, "receipt") == 0)
    return receipt_command (global, argc - 1, argv + 1);
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
