// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-cli-divorce.c — civreg-cli divorce take KEY: a divorce application
 * accepted at another window of the office, taken here to be issued or
 * withdrawn (issue 17, R-D6, docs/cli-divorce.md)
 */
#include "civ-cli.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "civ-divorce-service.h"
#include "civ-refdata.h"
#include "civ-report.h"

static int
print_taken (CivCliGlobal *global, CivStore *store, const char *record_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivCalendar) calendar = civ_refdata_load_calendar (store, &error);
  g_autoptr (CivDivorceResult) r = NULL;
  g_autofree char *accepted = NULL, *cooling = NULL, *window = NULL;

  if (calendar == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  r = civ_divorce_get (store, record_id, calendar, &error);
  if (r == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  accepted = civ_date_format_iso (&r->deadlines.accepted);
  cooling = civ_date_format_iso (&r->deadlines.cooling_off_end);
  window = civ_date_format_iso (&r->deadlines.window_end);
  if (global->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "record_id");
      json_builder_add_string_value (b, r->record_id);
      json_builder_set_member_name (b, "marriage_record_id");
      json_builder_add_string_value (b, r->marriage_record_id);
      json_builder_set_member_name (b, "state");
      json_builder_add_string_value (b, r->state);
      civ_cli_json_add_string_or_null (b, "accepted_on", accepted);
      civ_cli_json_add_string_or_null (b, "cooling_off_end", cooling);
      civ_cli_json_add_string_or_null (b, "window_end", window);
      json_builder_set_member_name (b, "provisional");
      json_builder_add_boolean_value (b, r->deadlines.provisional);
      json_builder_end_object (b);
      civ_cli_print_json (b);
      return CIV_EXIT_OK;
    }
  printf (_ ("Divorce application %s is now handled at this window (accepted on %s; cooling-off "
             "period until %s; the certificate can be issued until %s)\n"),
          r->record_id, accepted, cooling, window);
  return CIV_EXIT_OK;
}

int
civ_cli_cmd_divorce (CivCliGlobal *global, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autofree char   *taken = NULL;
  GDate              today;
  const GOptionEntry entries[] = { CIV_CLI_GLOBAL_ENTRIES (global), { NULL } };
  g_autoptr (GOptionContext) ctx = civ_cli_command_context (
    _ ("take KEY"),
    _ ("Take a divorce application accepted at another window of this office (R-D6): KEY is the "
       "marriage certificate number, a spouse's identity number or the application number"),
    entries);

  if (!civ_cli_parse (ctx, &argc, &argv))
    return CIV_EXIT_USAGE;
  if (argc < 2 || strcmp (argv[1], "take") != 0)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("divorce needs “take KEY” (see divorce --help)"));
  if (argc != 3 || *argv[2] == '\0')
    return civ_cli_fail (CIV_EXIT_USAGE,
                         _ ("divorce take needs one KEY: the marriage certificate number, a "
                            "spouse's identity number or the application number"));
  store = civ_cli_open_store (global, &error);
  if (store == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  civ_date_today (&today);
  if (!civ_report_divorce_take (store, argv[2], &today, &taken, &error))
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  return print_taken (global, store, taken);
}
