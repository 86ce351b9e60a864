// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-cli-checkid.c — check-id: check an identity-document number (domain.md §1)
 *
 *   civreg-cli [--data-dir DIR --user LOGIN] check-id NUMBER [--on YYYY-MM-DD]
 *              [--kind KIND] [--json]
 *
 * Exit 0 when the number is valid, 1 when it is not, 2 on a usage error.
 * With an office (--data-dir and --user) the imported division table checks
 * the address code; without one the region check is reported as not done.
 */
#include "civ-cli.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "civ-calendar.h"
#include "civ-idnumber.h"
#include "civ-refdata.h"

static void
print_json (const CivIdCheck *check)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autofree char *birth = NULL;

  if (g_date_valid (&check->birth_date))
    birth = civ_date_format_iso (&check->birth_date);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "valid");
  json_builder_add_boolean_value (b, check->valid);
  civ_cli_json_add_string_or_null (b, "normalized", check->normalized);
  civ_cli_json_add_string_or_null (b, "birth_date", birth);
  civ_cli_json_add_string_or_null (b, "sex", civ_sex_to_string (check->sex));
  civ_cli_json_add_string_or_null (b, "region_code", check->region_code);
  json_builder_set_member_name (b, "problems");
  json_builder_begin_array (b);
  for (guint i = 0; i < check->findings->len; i++)
    {
      const CivFinding *f = g_ptr_array_index (check->findings, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "rule");
      json_builder_add_string_value (b, f->rule);
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, f->message);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  civ_cli_print_json (b);
}

static const char *
severity_label (CivSeverity severity)
{
  switch (severity)
    {
    case CIV_SEVERITY_REFUSE:
      return _ ("refused");
    case CIV_SEVERITY_WARN:
      return _ ("warning");
    case CIV_SEVERITY_INFO:
    case CIV_SEVERITY_NONE:
    default:
      return _ ("note");
    }
}

static void
print_text (const CivIdCheck *check)
{
  /* What was typed is echoed escaped: an escape byte must not reach the
   * terminal. */
  g_autofree char *recorded = civ_cli_escape (check->recorded);

  printf ("%s: %s (%s)\n", recorded[0] ? recorded : "\"\"",
          check->valid ? _ ("valid") : _ ("invalid"), civ_doc_kind_display_name (check->kind));
  if (check->normalized != NULL)
    {
      g_autofree char *normalized = civ_cli_escape (check->normalized);
      printf ("  %-12s %s\n", _ ("Normalised:"), normalized);
    }
  if (g_date_valid (&check->birth_date))
    {
      g_autofree char *birth = civ_date_format_iso (&check->birth_date);
      printf ("  %-12s %s\n", _ ("Birth date:"), birth);
    }
  if (check->sex == CIV_SEX_MALE || check->sex == CIV_SEX_FEMALE)
    printf ("  %-12s %s\n", _ ("Sex:"), check->sex == CIV_SEX_MALE ? _ ("male") : _ ("female"));
  if (check->region_code != NULL)
    printf ("  %-12s %s%s%s%s\n", _ ("Region:"), check->region_code, check->region_name ? " " : "",
            check->region_name ? check->region_name : "",
            check->region_obsolete ? _ (" (obsolete)") : "");
  for (guint i = 0; i < check->findings->len; i++)
    {
      const CivFinding *f = g_ptr_array_index (check->findings, i);
      g_autofree char  *message = civ_cli_escape (f->message);
      /* The rule for support, beside the words a person reads. */
      printf ("  [%s] %s %s\n", severity_label (f->severity), f->rule, message);
    }
}

int
civ_cli_cmd_check_id (CivCliGlobal *global, int argc, char **argv)
{
  g_autofree char *on_text = NULL;
  g_autofree char *kind_text = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (CivDivisionTable) divisions = NULL;
  g_autoptr (CivIdCheck) check = NULL;
  CivDocKind         kind = CIV_DOC_UNKNOWN;
  GDate              on;
  const GOptionEntry entries[] = {
    CIV_CLI_GLOBAL_ENTRIES (global),
    { "on", 0, 0, G_OPTION_ARG_STRING, &on_text,
      N_ ("The date of the event the number is used for (default: today)"), "YYYY-MM-DD" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_text,
      N_ ("The document kind (default: recognised from the number), e.g. passport"), "KIND" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx =
    civ_cli_command_context (_ ("NUMBER"), _ ("Check an identity-document number"), entries);

  if (!civ_cli_parse (ctx, &argc, &argv))
    return CIV_EXIT_USAGE;
  if (argc < 2)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("check-id needs a NUMBER (see check-id --help)"));
  if (argc > 2)
    {
      g_autofree char *shown = civ_cli_escape (argv[2]);
      return civ_cli_fail (CIV_EXIT_USAGE, _ ("Unexpected argument “%s”"), shown);
    }
  if (on_text != NULL && !civ_date_parse_iso (on_text, &on))
    {
      g_autofree char *shown = civ_cli_escape (on_text);
      return civ_cli_fail (CIV_EXIT_USAGE,
                           _ ("--on: “%s” is not a real date in the form YYYY-MM-DD"), shown);
    }
  if (kind_text != NULL && !civ_doc_kind_from_string (kind_text, &kind))
    {
      g_autofree char *shown = civ_cli_escape (kind_text);
      return civ_cli_fail (CIV_EXIT_USAGE,
                           _ ("--kind: unknown document kind “%s” (resident-id, resident-id-15, "
                              "residence-permit-hk, residence-permit-mo, residence-permit-tw, "
                              "foreign-pr, foreign-pr-old, hk-mo-permit, tw-permit, passport)"),
                           shown);
    }
  if ((global->data_dir != NULL) != (global->user != NULL))
    return civ_cli_fail (CIV_EXIT_USAGE,
                         _ ("To use the office's division table give both --data-dir and --user"));

  if (global->data_dir != NULL)
    {
      store = civ_cli_open_store (global, &error);
      if (store == NULL)
        return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
      if (!civ_refdata_load_divisions (store, &divisions, &error))
        return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
    }

  check = civ_id_check (argv[1], kind, on_text ? &on : NULL, divisions);
  if (global->json)
    print_json (check);
  else
    print_text (check);
  return check->valid ? CIV_EXIT_OK : CIV_EXIT_FAILURE;
}
