// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-cli-funeral-rules.c — the funeral rules from the command line, offline
 *
 *   civreg-cli rules funeral-waiver --policy POLICY.json [--fees FEES.json] CASE.json [--json]
 *   civreg-cli rules death-certificate NUMBER --death-date YYYY-MM-DD [--id ID] [--json]
 *
 * rules funeral-waiver exits 0 when the case is assessed under the policy
 * (whatever it covers), 1 when a rule refuses (not eligible, the policy not
 * in force, a bill line not permitted by the fee list), 2 on a usage error
 * or a file that is not the documented JSON (docs/cli-rules.md,
 * docs/funeral-data.md). rules death-certificate exits 0 for a valid number,
 * 1 for one R-F5 refuses, 2 on a usage error. civ_cli_cmd_rules ()
 * (civ-cli-registry.c) parses the options and calls these.
 */
#include "civ-cli.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "civ-calendar.h"
#include "civ-funeral-fees.h"
#include "civ-funeral-rules.h"
#include "civ-funeral-waiver.h"
#include "civ-json.h"

static void
add_fen (JsonBuilder *b, const char *name, gint64 fen)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, fen);
}

static const char *
cap_label (CivWaiverCap cap)
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

int
civ_cli_rules_funeral_waiver (CivCliGlobal *global,
                              const char   *policy_file,
                              const char   *fees_file,
                              const char   *case_file)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivWaiverPolicy) policy = NULL;
  g_autoptr (CivFeeList) fees = NULL;
  g_autoptr (CivWaiverInput) input = NULL;
  g_autoptr (CivWaiverAssessment) a = NULL;
  g_autoptr (GPtrArray) bill_findings = civ_findings_new ();
  g_autofree char *data = NULL;
  gsize            len = 0;
  CivFeeBill      *bill;
  gboolean         ok;

  if (!civ_json_guard_read_file (policy_file, CIV_JSON_GUARD_INPUT_MAX, &data, &len, &error))
    return civ_cli_fail (CIV_EXIT_USAGE, "%s", error->message);
  policy = civ_waiver_policy_parse (data, len, &error);
  if (policy == NULL)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("%s: %s"), policy_file, error->message);
  g_clear_pointer (&data, g_free);
  if (fees_file != NULL)
    {
      if (!civ_json_guard_read_file (fees_file, CIV_JSON_GUARD_INPUT_MAX, &data, &len, &error))
        return civ_cli_fail (CIV_EXIT_USAGE, "%s", error->message);
      fees = civ_fee_list_parse (data, len, &error);
      if (fees == NULL)
        return civ_cli_fail (CIV_EXIT_USAGE, _ ("%s: %s"), fees_file, error->message);
      g_clear_pointer (&data, g_free);
    }
  if (!civ_json_guard_read_file (case_file, CIV_JSON_GUARD_INPUT_MAX, &data, &len, &error))
    return civ_cli_fail (CIV_EXIT_USAGE, "%s", error->message);
  input = civ_waiver_input_parse (data, len, &error);
  if (input == NULL)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("%s: %s"), case_file, error->message);
  bill = civ_waiver_input_get_bill (input);

  /* An item the fee list does not have is a mistake in the files (exit 2),
   * as is a line without a price when there is no list; a listed item out
   * of force on the line's date is a refusal (R-F4, exit 1). */
  if (fees != NULL)
    {
      for (guint i = 0; i < civ_waiver_policy_get_n_items (policy); i++)
        if (civ_fee_list_find (fees, civ_waiver_policy_get_item (policy, i)->item) == NULL)
          return civ_cli_fail (CIV_EXIT_USAGE,
                               _ ("%s: the policy’s item “%s” is not on the fee list %s"),
                               policy_file, civ_waiver_policy_get_item (policy, i)->item,
                               fees_file);
      for (guint i = 0; i < bill->lines->len; i++)
        if (civ_fee_list_find (fees, g_array_index (bill->lines, CivFeeBillLine, i).item) == NULL)
          return civ_cli_fail (CIV_EXIT_USAGE,
                               _ ("%s: bill line %u: “%s” is not on the fee list %s; only listed "
                                  "fees may be charged (R-F4)"),
                               case_file, i + 1,
                               g_array_index (bill->lines, CivFeeBillLine, i).item, fees_file);
    }
  else
    for (guint i = 0; i < bill->lines->len; i++)
      if (g_array_index (bill->lines, CivFeeBillLine, i).unit_price_fen < 0)
        return civ_cli_fail (CIV_EXIT_USAGE,
                             _ ("%s: bill line %u (%s) has no “unit_price_fen”; give it, or "
                                "give the fee list with --fees"),
                             case_file, i + 1, g_array_index (bill->lines, CivFeeBillLine, i).item);

  ok = civ_fee_bill_check (fees, bill, bill_findings);
  if (ok)
    {
      a = civ_funeral_waiver_assess (policy, civ_waiver_input_get_case (input), bill);
      ok = civ_findings_worst (a->findings) < CIV_SEVERITY_REFUSE;
    }

  if (global->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "bill_permitted");
      json_builder_add_boolean_value (b, a != NULL);
      json_builder_set_member_name (b, "eligible");
      json_builder_add_boolean_value (b, a != NULL && a->eligible);
      civ_cli_json_add_string_or_null (b, "policy_version", civ_waiver_policy_get_version (policy));
      civ_cli_json_add_string_or_null (b, "group",
                                       civ_waiver_group_to_string (
                                         civ_waiver_input_get_case (input)->group));
      civ_cli_json_add_string_or_null (b, "evidence", civ_waiver_input_get_case (input)->evidence);
      if (a != NULL)
        {
          json_builder_set_member_name (b, "lines");
          json_builder_begin_array (b);
          for (guint i = 0; i < a->lines->len; i++)
            {
              const CivWaiverLine  *l = &g_array_index (a->lines, CivWaiverLine, i);
              const CivFeeBillLine *bl = &g_array_index (bill->lines, CivFeeBillLine, i);
              g_autofree char      *day = civ_date_format_iso (&bl->date);

              json_builder_begin_object (b);
              civ_cli_json_add_string_or_null (b, "item", l->item);
              civ_cli_json_add_string_or_null (b, "date", day);
              json_builder_set_member_name (b, "quantity");
              json_builder_add_int_value (b, bl->quantity);
              add_fen (b, "unit_price_fen", bl->unit_price_fen);
              add_fen (b, "amount_fen", l->amount_fen);
              add_fen (b, "covered_fen", l->covered_fen);
              add_fen (b, "family_pays_fen", l->family_fen);
              civ_cli_json_add_string_or_null (b, "cap", civ_waiver_cap_to_string (l->cap));
              json_builder_end_object (b);
            }
          json_builder_end_array (b);
          add_fen (b, "total_fen", a->total_fen);
          add_fen (b, "covered_fen", a->covered_fen);
          add_fen (b, "family_pays_fen", a->family_fen);
        }
      civ_cli_findings_json (b, a != NULL ? a->findings : bill_findings);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      civ_cli_print_json_node (root);
      return ok ? CIV_EXIT_OK : CIV_EXIT_FAILURE;
    }

  if (a == NULL)
    {
      printf ("%s\n", _ ("The bill uses fees the area does not permit; nothing was assessed."));
      civ_cli_print_findings (bill_findings);
      return CIV_EXIT_FAILURE;
    }
  printf ("%s\n", a->eligible ? _ ("The case is eligible for the funeral waiver.")
                              : _ ("The case is not eligible for the funeral waiver."));
  printf ("%s %s\n", _ ("Policy version:"), a->policy_version);
  for (guint i = 0; i < a->lines->len; i++)
    {
      const CivWaiverLine *l = &g_array_index (a->lines, CivWaiverLine, i);
      g_autofree char     *amount = civ_fen_format (l->amount_fen);
      g_autofree char     *covered = civ_fen_format (l->covered_fen);
      g_autofree char     *family = civ_fen_format (l->family_fen);

      /* TRANSLATORS: a bill line: item, amount, waived amount, what the family pays, the cap */
      printf (_ ("  %-12s %10s  waived %10s  family pays %10s  (%s)\n"), l->item, amount, covered,
              family, cap_label (l->cap));
    }
  {
    g_autofree char *total = civ_fen_format (a->total_fen);
    g_autofree char *covered = civ_fen_format (a->covered_fen);
    g_autofree char *family = civ_fen_format (a->family_fen);

    printf (_ ("Total %s yuan, waived %s yuan, the family pays %s yuan.\n"), total, covered,
            family);
  }
  civ_cli_print_findings (a->findings);
  return ok ? CIV_EXIT_OK : CIV_EXIT_FAILURE;
}

int
civ_cli_rules_death_certificate (CivCliGlobal *global,
                                 const char   *number,
                                 const char   *death_date_text,
                                 const char   *id)
{
  g_autoptr (GPtrArray) findings = civ_findings_new ();
  GDate                  death_date;
  CivDeathCertNumberKind kind;
  const char            *kind_name;

  if (!civ_date_parse_iso (death_date_text, &death_date))
    return civ_cli_fail (CIV_EXIT_USAGE,
                         _ ("--death-date: “%s” is not a real date in the form YYYY-MM-DD"),
                         death_date_text);
  kind = civ_death_cert_number_check (number, &death_date, id, findings);
  switch (kind)
    {
    case CIV_DEATH_CERT_NUMBER_FREE_TEXT:
      kind_name = "free-text";
      break;
    case CIV_DEATH_CERT_NUMBER_ID:
      kind_name = "identity-number";
      break;
    case CIV_DEATH_CERT_NUMBER_ISSUER_SERIAL:
      kind_name = "issuer-serial";
      break;
    default:
      kind_name = NULL;
      break;
    }
  if (global->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "valid");
      json_builder_add_boolean_value (b, kind_name != NULL);
      civ_cli_json_add_string_or_null (b, "kind", kind_name);
      civ_cli_findings_json (b, findings);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      civ_cli_print_json_node (root);
    }
  else
    {
      switch (kind)
        {
        case CIV_DEATH_CERT_NUMBER_FREE_TEXT:
          printf ("%s\n", _ ("Valid: a number before 1 July 2026, kept as written."));
          break;
        case CIV_DEATH_CERT_NUMBER_ID:
          printf ("%s\n", _ ("Valid: the deceased’s identity number."));
          break;
        case CIV_DEATH_CERT_NUMBER_ISSUER_SERIAL:
          printf ("%s\n", _ ("Valid: the issuer’s unified social credit code and serial."));
          break;
        default:
          printf ("%s\n", _ ("Not a valid death certificate number."));
          break;
        }
      civ_cli_print_findings (findings);
    }
  return kind_name != NULL ? CIV_EXIT_OK : CIV_EXIT_FAILURE;
}
