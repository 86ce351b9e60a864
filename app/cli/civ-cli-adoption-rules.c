// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-cli-adoption-rules.c — the adoption rules from the command line
 *
 *   civreg-cli rules adoption FILE.json [--json]
 *   civreg-cli [--data-dir DIR --user LOGIN] rules adoption-dates --applied YYYY-MM-DD
 *              [--notice-published YYYY-MM-DD] [--json]
 *
 * rules adoption exits 0 when the adoption may be registered, 1 when a rule
 * refuses, 2 on a usage error (including a FILE that is not the documented
 * JSON, docs/cli-rules.md). rules adoption-dates exits 0 when computed, 1 when
 * the office could not be opened, 2 on a usage error. civ_cli_cmd_rules ()
 * (civ-cli-registry.c) parses the options and calls these.
 */
#include "civ-cli.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "civ-adoption-input.h"
#include "civ-adoption-rules.h"
#include "civ-calendar.h"
#include "civ-citations.h"
#include "civ-json.h"
#include "civ-refdata.h"

int
civ_cli_rules_adoption (CivCliGlobal *global, const char *file)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) findings = NULL;
  g_autoptr (CivAdoptionInput) input = NULL;
  g_autofree char              *data = NULL;
  gsize                         len = 0;
  const CivAdoptionApplication *app;
  gboolean                      may;

  if (!civ_json_guard_read_file (file, CIV_JSON_GUARD_INPUT_MAX, &data, &len, &error))
    return civ_cli_fail (CIV_EXIT_USAGE, "%s", error->message);
  input = civ_adoption_input_parse (data, len, &error);
  if (input == NULL)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("%s: %s"), file, error->message);
  app = civ_adoption_input_get_application (input);

  findings = civ_adoption_check (app);
  may = civ_adoption_may_register (findings);
  if (global->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "may_register");
      json_builder_add_boolean_value (b, may);
      json_builder_set_member_name (b, "notice_needed");
      json_builder_add_boolean_value (b, civ_adoption_notice_needed (app));
      json_builder_set_member_name (b, "assessment_needed");
      json_builder_add_boolean_value (b, civ_adoption_assessment_needed (app));
      civ_cli_findings_json (b, findings);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      civ_cli_print_json_node (root);
    }
  else
    {
      printf ("%s\n", may ? _ ("The adoption may be registered.") : _ ("Registration is refused."));
      civ_cli_print_findings (findings);
    }
  return may ? CIV_EXIT_OK : CIV_EXIT_FAILURE;
}

int
civ_cli_rules_adoption_dates (CivCliGlobal *global,
                              const char   *applied_text,
                              const char   *notice_text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (CivCalendar) calendar = NULL;
  CivAdoptionDates d;
  GDate            applied;
  GDate            notice;
  struct
  {
    const char  *key;
    const char  *label;
    const GDate *date;
  } rows[] = {
    { "applied", N_ ("Applied:"), &d.applied },
    { "notice_published", N_ ("Notice published (R-A7):"), &d.notice_published },
    { "notice_end", N_ ("Notice period ends (R-A7):"), &d.notice_end },
    { "review_start", N_ ("Review period starts (R-A10):"), &d.review_start },
    { "review_deadline", N_ ("Review deadline (R-A10):"), &d.review_deadline },
  };

  g_date_clear (&notice, 1);
  if (!civ_date_parse_iso (applied_text, &applied))
    return civ_cli_fail (CIV_EXIT_USAGE,
                         _ ("--applied: “%s” is not a real date in the form YYYY-MM-DD"),
                         applied_text);
  if (notice_text != NULL && !civ_date_parse_iso (notice_text, &notice))
    return civ_cli_fail (CIV_EXIT_USAGE,
                         _ ("--notice-published: “%s” is not a real date in the form YYYY-MM-DD"),
                         notice_text);
  if ((global->data_dir != NULL) != (global->user != NULL))
    return civ_cli_fail (CIV_EXIT_USAGE,
                         _ (
                           "To use the office's holiday calendar give both --data-dir and --user"));
  if (global->data_dir != NULL)
    {
      store = civ_cli_open_store (global, &error);
      if (store == NULL)
        return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
      calendar = civ_refdata_load_calendar (store, &error);
      if (calendar == NULL)
        return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
    }

  civ_adoption_dates (calendar, &applied, &notice, &d);
  if (global->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (b);
      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        {
          g_autofree char *iso =
            g_date_valid (rows[i].date) ? civ_date_format_iso (rows[i].date) : NULL;
          civ_cli_json_add_string_or_null (b, rows[i].key, iso);
        }
      json_builder_set_member_name (b, "provisional");
      json_builder_add_boolean_value (b, d.provisional);
      json_builder_set_member_name (b, "calendar");
      json_builder_add_boolean_value (b, calendar != NULL);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      civ_cli_print_json_node (root);
      return CIV_EXIT_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *iso = NULL;

      if (!g_date_valid (rows[i].date))
        continue;
      iso = civ_date_format_iso (rows[i].date);
      printf ("%-32s %s\n", _ (rows[i].label), iso);
    }
  if (d.provisional)
    printf ("%s\n", calendar ? _ ("Provisional: a date falls in a year the holiday table does "
                                  "not cover; only weekends were counted there.")
                             : _ ("Provisional: no holiday table was used (give --data-dir and "
                                  "--user); only weekends were counted."));
  return CIV_EXIT_OK;
}
