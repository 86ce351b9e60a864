// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-cli-registry.c — the registry's records from the command line
 *
 *   civreg-cli --data-dir DIR --user LOGIN demo-data --marriages N [--seed S]
 *              [--divorce-applications N]
 *   civreg-cli --data-dir DIR --user LOGIN search QUERY [--kind K] [--limit N]
 *              [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]
 *   civreg-cli rules marriage FILE.json [--json]
 *   civreg-cli [--data-dir DIR --user LOGIN] rules divorce-dates --accepted YYYY-MM-DD [--json]
 *   civreg-cli rules adoption … / rules adoption-dates … (civ-cli-adoption-rules.c)
 *   civreg-cli rules funeral-waiver … / rules death-certificate … (civ-cli-funeral-rules.c)
 *
 * rules marriage exits 0 when the couple may be registered, 1 when a rule
 * refuses, 2 on a usage error (including a FILE that is not the documented
 * JSON, docs/cli-rules.md). The other commands exit 0 on success, 1 on
 * failure, 2 on a usage error.
 */
#include "civ-cli.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "civ-calendar.h"
#include "civ-demo-data.h"
#include "civ-json.h"
#include "civ-marriage-input.h"
#include "civ-marriage-rules.h"
#include "civ-permissions.h"
#include "civ-refdata.h"
#include "civ-search.h"

const char *
civ_cli_severity_label (CivSeverity severity)
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

void
civ_cli_findings_json (JsonBuilder *b, GPtrArray *findings)
{
  json_builder_set_member_name (b, "findings");
  json_builder_begin_array (b);
  for (guint i = 0; i < findings->len; i++)
    {
      const CivFinding *f = g_ptr_array_index (findings, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "rule");
      json_builder_add_string_value (b, f->rule);
      json_builder_set_member_name (b, "severity");
      json_builder_add_string_value (b, civ_severity_to_string (f->severity));
      civ_cli_json_add_string_or_null (b, "citation", f->citation);
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, f->message);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

void
civ_cli_print_findings (GPtrArray *findings)
{
  for (guint i = 0; i < findings->len; i++)
    {
      const CivFinding *f = g_ptr_array_index (findings, i);

      /* The rule for support, beside the words a person reads and the law. */
      printf ("  [%s] %s %s\n", civ_cli_severity_label (f->severity), f->rule, f->message);
      if (f->citation != NULL)
        printf ("      %s\n", f->citation);
    }
}

/* demo-data */

typedef struct
{
  gint64 started;
} Progress;

static void
on_progress (guint done, guint total, gpointer user_data)
{
  Progress *p = user_data;
  double    seconds = (double) (g_get_monotonic_time () - p->started) / G_USEC_PER_SEC;

  fprintf (stderr, _ ("demo-data: %u of %u marriages (%.0f s)\n"), done, total, seconds);
}

int
civ_cli_cmd_demo_data (CivCliGlobal *global, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  gint64             marriages = 0;
  gint64             seed = 1;
  gint64             applications = 0;
  guint              opened = 0;
  CivDemoSummary     summary = { 0 };
  Progress           progress = { 0 };
  const GOptionEntry entries[] = {
    CIV_CLI_GLOBAL_ENTRIES (global),
    { "marriages", 0, 0, G_OPTION_ARG_INT64, &marriages, N_ ("How many marriages to register"),
      "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
      N_ ("Seed of the random choices (default 1): the same seed gives the same records"), "S" },
    { "divorce-applications", 0, 0, G_OPTION_ARG_INT64, &applications,
      N_ ("Then open N divorce applications in their cooling-off period or issuance window, "
          "some due today (default 0)"),
      "N" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx =
    civ_cli_command_context (NULL, _ ("Fill the office with synthetic registrations (supervisor)"),
                             entries);

  if (!civ_cli_parse (ctx, &argc, &argv))
    return CIV_EXIT_USAGE;
  if (argc > 1)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("Unexpected argument “%s”"), argv[1]);
  if (marriages <= 0 || marriages > 50000000)
    return civ_cli_fail (CIV_EXIT_USAGE,
                         _ ("demo-data needs --marriages N with N between 1 and 50000000"));
  if (seed < 0)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("--seed must not be negative"));
  if (applications < 0 || applications > 1000)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("--divorce-applications must be between 0 and 1000"));
  if (!global->data_dir || !global->user)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("demo-data needs --data-dir and --user"));

  store = civ_cli_open_store (global, &error);
  if (store == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  progress.started = g_get_monotonic_time ();
  if (!civ_demo_data_generate (store, (guint) marriages, (guint64) seed, on_progress, &progress,
                               &summary, &error))
    return civ_cli_fail (CIV_EXIT_FAILURE, _ ("No demo data was added: %s"), error->message);
  if (applications > 0)
    {
      GDate today;

      civ_date_today (&today);
      opened = civ_demo_data_open_divorces (store, (guint) applications, &today, &error);
      if (error != NULL)
        return civ_cli_fail (CIV_EXIT_FAILURE,
                             _ ("The registrations were added, but not the divorce applications: "
                                "%s"),
                             error->message);
    }

  if (global->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "marriages");
      json_builder_add_int_value (b, summary.marriages);
      json_builder_set_member_name (b, "divorces");
      json_builder_add_int_value (b, summary.divorces);
      json_builder_set_member_name (b, "remarriages");
      json_builder_add_int_value (b, summary.remarriages);
      json_builder_set_member_name (b, "reunions");
      json_builder_add_int_value (b, summary.reunions);
      json_builder_set_member_name (b, "historical");
      json_builder_add_int_value (b, summary.historical);
      json_builder_set_member_name (b, "parties_without_id");
      json_builder_add_int_value (b, summary.without_id);
      json_builder_set_member_name (b, "persons");
      json_builder_add_int_value (b, summary.persons);
      json_builder_set_member_name (b, "open_divorce_applications");
      json_builder_add_int_value (b, opened);
      json_builder_set_member_name (b, "imported_divisions");
      json_builder_add_boolean_value (b, summary.divisions_imported);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      civ_cli_print_json_node (root);
    }
  else
    {
      printf (_ ("%u marriages (%u historical, %u remarriages, %u former spouses remarried), "
                 "%u divorces, %u persons in the index, %u parties without an identity number\n"),
              summary.marriages, summary.historical, summary.remarriages, summary.reunions,
              summary.divorces, summary.persons, summary.without_id);
      if (applications > 0)
        printf (_ ("%u divorce applications opened\n"), opened);
    }
  return CIV_EXIT_OK;
}

/* search */

int
civ_cli_cmd_search (CivCliGlobal *global, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (CivSearchQuery) query = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autofree char   *kind_text = NULL;
  g_autofree char   *from = NULL;
  g_autofree char   *to = NULL;
  gint64             limit = 20;
  CivSearchKind      kind = CIV_SEARCH_KIND_AUTO;
  const GOptionEntry entries[] = {
    CIV_CLI_GLOBAL_ENTRIES (global),
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_text,
      N_ ("Read QUERY as: auto (default), id, certificate, name, pinyin, full-pinyin, initials, "
          "date or all"),
      "KIND" },
    { "limit", 0, 0, G_OPTION_ARG_INT64, &limit, N_ ("Print at most N records (default 20)"), "N" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_ ("Registered on or after this day"),
      "YYYY-MM-DD" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_ ("Registered on or before this day"), "YYYY-MM-DD" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx =
    civ_cli_command_context (_ ("QUERY"), _ ("Search marriage records, newest first"), entries);

  if (!civ_cli_parse (ctx, &argc, &argv))
    return CIV_EXIT_USAGE;
  if (argc < 2)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("search needs a QUERY (see search --help)"));
  if (argc > 2)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("Unexpected argument “%s”"), argv[2]);
  if (kind_text != NULL && !civ_search_kind_from_string (kind_text, &kind))
    return civ_cli_fail (CIV_EXIT_USAGE,
                         _ ("--kind: unknown kind “%s” (auto, all, id, certificate, name, pinyin, "
                            "full-pinyin, initials, date)"),
                         kind_text);
  if (limit < 1 || limit > 100000)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("--limit must be between 1 and 100000"));
  query = civ_search_query_new (argv[1], kind, &error);
  if (query == NULL || !civ_search_query_set_date_range (query, from, to, &error))
    return civ_cli_fail_error (CIV_EXIT_USAGE, error);
  if (!global->data_dir || !global->user)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("search needs --data-dir and --user"));

  store = civ_cli_open_store (global, &error);
  if (store == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  if (!civ_require (store, CIV_PERM_REGISTER_MARRIAGE, &error))
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);

  rows = civ_search_page (civ_store_get_db (store), query, NULL, (guint) limit, NULL, &error);
  if (rows == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);

  if (global->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b,
                                     civ_search_kind_to_string (civ_search_query_get_kind (query)));
      civ_cli_json_add_string_or_null (b, "key", civ_search_query_get_key (query));
      json_builder_set_member_name (b, "prefix");
      json_builder_add_boolean_value (b, civ_search_query_is_prefix (query));
      json_builder_set_member_name (b, "records");
      json_builder_begin_array (b);
      for (guint i = 0; i < rows->len; i++)
        {
          CivSearchRow *r = g_ptr_array_index (rows, i);

          json_builder_begin_object (b);
          civ_cli_json_add_string_or_null (b, "record_id", r->record_id);
          civ_cli_json_add_string_or_null (b, "registration_date", r->registration_date);
          civ_cli_json_add_string_or_null (b, "certificate_no", r->certificate_no);
          civ_cli_json_add_string_or_null (b, "state", r->state);
          json_builder_set_member_name (b, "names");
          json_builder_begin_array (b);
          json_builder_add_string_value (b, r->name[0] ? r->name[0] : "");
          json_builder_add_string_value (b, r->name[1] ? r->name[1] : "");
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      civ_cli_print_json_node (root);
      return CIV_EXIT_OK;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      CivSearchRow *r = g_ptr_array_index (rows, i);

      printf ("%s  %-20s  %s / %s  %s\n", r->registration_date,
              r->certificate_no ? r->certificate_no : "-", r->name[0] ? r->name[0] : "",
              r->name[1] ? r->name[1] : "", r->state);
    }
  {
    g_autofree char *n = g_strdup_printf ("%u", rows->len);
    fprintf (stderr, _ ("%s records shown (%s search)\n"), n,
             civ_search_kind_to_string (civ_search_query_get_kind (query)));
  }
  return CIV_EXIT_OK;
}

/* rules marriage */

static int
rules_marriage (CivCliGlobal *global, const char *file)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) findings = NULL;
  g_autoptr (CivMarriageInput) input = NULL;
  g_autofree char              *data = NULL;
  gsize                         len = 0;
  const CivMarriageApplication *app;
  gboolean                      may;

  if (!civ_json_guard_read_file (file, CIV_JSON_GUARD_INPUT_MAX, &data, &len, &error))
    return civ_cli_fail (CIV_EXIT_USAGE, "%s", error->message);
  input = civ_marriage_input_parse (data, len, &error);
  if (input == NULL)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("%s: %s"), file, error->message);
  app = civ_marriage_input_get_application (input);

  findings = civ_marriage_check (app);
  may = civ_marriage_may_register (findings);
  if (global->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "may_register");
      json_builder_add_boolean_value (b, may);
      json_builder_set_member_name (b, "nature");
      json_builder_begin_array (b);
      for (guint i = 0; i < 2; i++)
        json_builder_add_int_value (b, civ_marriage_nature (app, i));
      json_builder_end_array (b);
      civ_cli_findings_json (b, findings);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      civ_cli_print_json_node (root);
    }
  else
    {
      printf ("%s\n", may ? _ ("The couple may be registered.") : _ ("Registration is refused."));
      civ_cli_print_findings (findings);
    }
  return may ? CIV_EXIT_OK : CIV_EXIT_FAILURE;
}

/* rules divorce-dates */

static int
rules_divorce_dates (CivCliGlobal *global, const char *accepted_text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (CivCalendar) calendar = NULL;
  CivDivorceDeadlines d;
  GDate               accepted;
  struct
  {
    const char  *key;
    const char  *label;
    const GDate *date;
  } rows[] = {
    { "accepted", N_ ("Accepted (T0):"), &d.accepted },
    { "cooling_off_end", N_ ("Cooling-off ends (R-D5):"), &d.cooling_off_end },
    { "window_start", N_ ("Issuance window opens (R-D6):"), &d.window_start },
    { "window_end", N_ ("Issuance window closes (R-D6):"), &d.window_end },
    { "lapsed_from", N_ ("Deemed withdrawn from:"), &d.lapsed_from },
  };

  if (!civ_date_parse_iso (accepted_text, &accepted))
    return civ_cli_fail (CIV_EXIT_USAGE,
                         _ ("--accepted: “%s” is not a real date in the form YYYY-MM-DD"),
                         accepted_text);
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

  civ_divorce_deadlines_compute (calendar, &accepted, &d);
  if (global->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (b);
      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        {
          g_autofree char *iso = civ_date_format_iso (rows[i].date);
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
      g_autofree char *iso = civ_date_format_iso (rows[i].date);
      printf ("%-32s %s\n", _ (rows[i].label), iso);
    }
  if (d.provisional)
    printf ("%s\n", calendar ? _ ("Provisional: a date falls in a year the holiday table does "
                                  "not cover; only weekends were counted there.")
                             : _ ("Provisional: no holiday table was used (give --data-dir and "
                                  "--user); only weekends were counted."));
  return CIV_EXIT_OK;
}

int
civ_cli_cmd_rules (CivCliGlobal *global, int argc, char **argv)
{
  g_autofree char   *accepted = NULL;
  g_autofree char   *applied = NULL;
  g_autofree char   *notice = NULL;
  g_autofree char   *policy = NULL;
  g_autofree char   *fees = NULL;
  g_autofree char   *death_date = NULL;
  g_autofree char   *id = NULL;
  const GOptionEntry entries[] = {
    CIV_CLI_GLOBAL_ENTRIES (global),
    { "accepted", 0, 0, G_OPTION_ARG_STRING, &accepted,
      N_ ("divorce-dates: the day the application was accepted (T0)"), "YYYY-MM-DD" },
    { "applied", 0, 0, G_OPTION_ARG_STRING, &applied,
      N_ ("adoption-dates: the day the adoption was applied for"), "YYYY-MM-DD" },
    { "notice-published", 0, 0, G_OPTION_ARG_STRING, &notice,
      N_ ("adoption-dates: the day the 60-day notice was published, when the parents cannot be "
          "found"),
      "YYYY-MM-DD" },
    { "policy", 0, 0, G_OPTION_ARG_FILENAME, &policy,
      N_ ("funeral-waiver: the area’s waiver policy (docs/funeral-data.md)"), "POLICY.json" },
    { "fees", 0, 0, G_OPTION_ARG_FILENAME, &fees,
      N_ ("funeral-waiver: the area’s fee list, to price and check the bill"), "FEES.json" },
    { "death-date", 0, 0, G_OPTION_ARG_STRING, &death_date,
      N_ ("death-certificate: the day of the death"), "YYYY-MM-DD" },
    { "id", 0, 0, G_OPTION_ARG_STRING, &id,
      N_ ("death-certificate: the deceased’s identity number, if any"), "ID" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = civ_cli_command_context (
    _ ("marriage FILE.json | divorce-dates --accepted YYYY-MM-DD | adoption FILE.json | "
       "adoption-dates --applied YYYY-MM-DD [--notice-published YYYY-MM-DD] | "
       "funeral-waiver --policy POLICY.json [--fees FEES.json] CASE.json | "
       "death-certificate NUMBER --death-date YYYY-MM-DD [--id ID]"),
    _ ("Evaluate the marriage, adoption or funeral rules, or compute the divorce or adoption "
       "deadlines"),
    entries);
  gboolean divorce_dates;
  gboolean adoption_dates;
  gboolean funeral_waiver;
  gboolean death_certificate;

  if (!civ_cli_parse (ctx, &argc, &argv))
    return CIV_EXIT_USAGE;
  if (argc < 2)
    return civ_cli_fail (CIV_EXIT_USAGE,
                         _ (
                           "rules needs “marriage”, “divorce-dates”, “adoption”, “adoption-dates”, "
                           "“funeral-waiver” or “death-certificate” (see rules --help)"));
  divorce_dates = strcmp (argv[1], "divorce-dates") == 0;
  adoption_dates = strcmp (argv[1], "adoption-dates") == 0;
  funeral_waiver = strcmp (argv[1], "funeral-waiver") == 0;
  death_certificate = strcmp (argv[1], "death-certificate") == 0;
  if ((policy != NULL || fees != NULL) && !funeral_waiver)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("--policy and --fees belong to rules funeral-waiver"));
  if ((death_date != NULL || id != NULL) && !death_certificate)
    return civ_cli_fail (CIV_EXIT_USAGE,
                         _ ("--death-date and --id belong to rules death-certificate"));
  if (funeral_waiver)
    {
      if (argc != 3)
        return civ_cli_fail (CIV_EXIT_USAGE, _ ("rules funeral-waiver needs one CASE.json"));
      if (policy == NULL)
        return civ_cli_fail (CIV_EXIT_USAGE, _ ("rules funeral-waiver needs --policy POLICY.json"));
      return civ_cli_rules_funeral_waiver (global, policy, fees, argv[2]);
    }
  if (death_certificate)
    {
      if (argc != 3)
        return civ_cli_fail (CIV_EXIT_USAGE, _ ("rules death-certificate needs one NUMBER"));
      if (death_date == NULL)
        return civ_cli_fail (CIV_EXIT_USAGE,
                             _ ("rules death-certificate needs --death-date YYYY-MM-DD"));
      return civ_cli_rules_death_certificate (global, argv[2], death_date, id);
    }
  if (accepted != NULL && !divorce_dates)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("--accepted belongs to rules divorce-dates"));
  if ((applied != NULL || notice != NULL) && !adoption_dates)
    return civ_cli_fail (CIV_EXIT_USAGE,
                         _ ("--applied and --notice-published belong to rules adoption-dates"));
  if (strcmp (argv[1], "marriage") == 0)
    {
      if (argc != 3)
        return civ_cli_fail (CIV_EXIT_USAGE, _ ("rules marriage needs one FILE.json"));
      return rules_marriage (global, argv[2]);
    }
  if (strcmp (argv[1], "adoption") == 0)
    {
      if (argc != 3)
        return civ_cli_fail (CIV_EXIT_USAGE, _ ("rules adoption needs one FILE.json"));
      return civ_cli_rules_adoption (global, argv[2]);
    }
  if (divorce_dates || adoption_dates)
    {
      if (argc > 2)
        return civ_cli_fail (CIV_EXIT_USAGE, _ ("Unexpected argument “%s”"), argv[2]);
      if (divorce_dates && accepted == NULL)
        return civ_cli_fail (CIV_EXIT_USAGE, _ ("rules divorce-dates needs --accepted YYYY-MM-DD"));
      if (divorce_dates)
        return rules_divorce_dates (global, accepted);
      if (applied == NULL)
        return civ_cli_fail (CIV_EXIT_USAGE, _ ("rules adoption-dates needs --applied YYYY-MM-DD"));
      return civ_cli_rules_adoption_dates (global, applied, notice);
    }
  return civ_cli_fail (CIV_EXIT_USAGE,
                       _ ("Unknown rules command “%s” (marriage, divorce-dates, adoption, "
                          "adoption-dates, funeral-waiver or death-certificate)"),
                       argv[1]);
}
