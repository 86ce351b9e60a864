// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-cli-stats.c — statistics on the command line: the cremation rate
 * (火化率, R-F12) with the green burials and burial-exempt cases of the
 * period (R-X4); issue 16, docs/cli-funeral.md
 *
 *   civreg-cli … stats cremation-rate --from YYYY-MM-DD --to YYYY-MM-DD
 *               --deaths N --scope CODE [--source TEXT] [--json]
 *
 * Exit codes: 0 success; 1 the command ran and was refused (the
 * permission, a scope the office is not in, a number of deaths that is not
 * 1 or more, a scope that is not a division code, a period that is not
 * over, a source that is not text): nothing was changed; 2 usage error (an
 * option missing, a date that is not YYYY-MM-DD, --from after --to,
 * --deaths that is not a whole number, an unknown subcommand).
 */
#include "civ-cli.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "civ-calendar.h"
#include "civ-funeral-stats.h"

static int
parse_date (const char *option, const char *text, GDate *out)
{
  if (!civ_date_parse_iso (text, out))
    {
      g_autofree char *shown = civ_cli_escape (text);

      /* Translators: %1$s is the option (--from, --to), %2$s what was given. */
      return civ_cli_fail (CIV_EXIT_USAGE, _ ("%1$s takes a date as YYYY-MM-DD, not “%2$s”"),
                           option, shown);
    }
  return CIV_EXIT_OK;
}

/* --deaths as written: an optional minus sign and decimal digits (the
 * service says what a number out of range is). */
static int
parse_deaths (const char *text, gint64 *out)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *copy = g_strstrip (g_strdup (text));

  if (*copy == '+' || !g_ascii_string_to_signed (copy, 10, G_MININT64, G_MAXINT64, out, &error))
    {
      g_autofree char *shown = civ_cli_escape (text);

      return civ_cli_fail (CIV_EXIT_USAGE,
                           _ ("--deaths takes the number of deaths as a whole number, such as "
                              "1200, not “%s”"),
                           shown);
    }
  return CIV_EXIT_OK;
}

static void
print_json (const CivCremationRate *rate)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autofree char         *percent = civ_cremation_rate_format (rate);
  static const char *const names[] = { "cremated", "deaths", "rate_hundredths", "green_burials",
                                       "burial_exempt" };
  const gint64             values[] = { rate->cremated, rate->deaths, rate->rate_hundredths,
                                        rate->green_burials, rate->burial_exempt };

  json_builder_begin_object (b);
  civ_cli_json_add_string_or_null (b, "scope", rate->scope);
  civ_cli_json_add_string_or_null (b, "scope_level", rate->scope_level);
  civ_cli_json_add_string_or_null (b, "office_code", rate->office_code);
  civ_cli_json_add_string_or_null (b, "from", rate->from);
  civ_cli_json_add_string_or_null (b, "to", rate->to);
  civ_cli_json_add_string_or_null (b, "source", rate->source);
  civ_cli_json_add_string_or_null (b, "rate_percent", percent);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      json_builder_set_member_name (b, names[i]);
      json_builder_add_int_value (b, values[i]);
    }
  json_builder_end_object (b);
  civ_cli_print_json (b);
}

static const char *
level_label (const char *level)
{
  if (g_strcmp0 (level, "province") == 0)
    return C_ ("division level", "province");
  if (g_strcmp0 (level, "city") == 0)
    return C_ ("division level", "city");
  return C_ ("division level", "county");
}

/* A figure as text: the translated lines take it as %s. */
static char *
figure (gint64 n)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, n);
}

static void
print_text (const CivCremationRate *rate)
{
  g_autofree char *percent = civ_cremation_rate_format (rate);
  g_autofree char *source = rate->source ? civ_cli_escape (rate->source) : NULL;
  g_autofree char *cremated = figure (rate->cremated);
  g_autofree char *deaths = figure (rate->deaths);
  g_autofree char *green = figure (rate->green_burials);
  g_autofree char *exempt = figure (rate->burial_exempt);

  printf ("%s\n", _ ("Cremation rate (R-F12)"));
  /* Translators: %1$s a division code such as 110101, %2$s its level (province, city, county). */
  printf (_ ("  Scope:                %1$s (%2$s)\n"), rate->scope,
          level_label (rate->scope_level));
  printf (_ ("  Period:               %1$s to %2$s\n"), rate->from, rate->to);
  printf (_ ("  Bodies cremated:      %s\n"), cremated);
  printf (_ ("  Deaths:               %s\n"), deaths);
  printf (_ ("  Source of the deaths: %s\n"), source ? source : _ ("not given"));
  /* Translators: %s is the rate with two decimals, such as 61.35. */
  printf (_ ("  Cremation rate:       %s %%\n"), percent);
  printf ("\n%s\n", _ ("In the same period and scope:"));
  printf (_ ("  Green burials:        %s\n"), green);
  printf (_ ("  Burial-exempt cases:  %s\n"), exempt);
}

static int
cremation_rate (CivCliGlobal *global, int argc, char **argv)
{
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *deaths_text = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *source = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (CivCremationRate) rate = NULL;
  const GOptionEntry entries[] = {
    CIV_CLI_GLOBAL_ENTRIES (global),
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_ ("The first day of the period"),
      "YYYY-MM-DD" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_ ("The last day of the period"), "YYYY-MM-DD" },
    { "deaths", 0, 0, G_OPTION_ARG_STRING, &deaths_text,
      N_ ("The deaths in the period and scope, from outside statistics"), "N" },
    { "scope", 0, 0, G_OPTION_ARG_STRING, &scope,
      N_ ("The division: a province (110000), a city (110100) or a county (110101)"), "CODE" },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source, N_ ("Where the number of deaths comes from"),
      "TEXT" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx =
    civ_cli_command_context (NULL,
                             _ ("The cremation rate of a period: bodies cremated ÷ deaths × 100 %"),
                             entries);
  GDate  from, to, today;
  gint64 deaths = 0;
  int    rc;

  if (!civ_cli_parse (ctx, &argc, &argv))
    return CIV_EXIT_USAGE;
  if (from_text == NULL || to_text == NULL || deaths_text == NULL || scope == NULL)
    return civ_cli_fail (CIV_EXIT_USAGE,
                         _ ("stats cremation-rate needs --from DATE, --to DATE, --deaths N and "
                            "--scope CODE"));
  if (argc > 1)
    {
      g_autofree char *shown = civ_cli_escape (argv[1]);

      return civ_cli_fail (CIV_EXIT_USAGE, _ ("Unexpected argument “%s”"), shown);
    }
  if ((rc = parse_date ("--from", from_text, &from)) != CIV_EXIT_OK ||
      (rc = parse_date ("--to", to_text, &to)) != CIV_EXIT_OK ||
      (rc = parse_deaths (deaths_text, &deaths)) != CIV_EXIT_OK)
    return rc;
  if (g_date_compare (&from, &to) > 0)
    return civ_cli_fail (CIV_EXIT_USAGE,
                         _ ("--from %1$s is after --to %2$s: give the earlier "
                            "date first"),
                         from_text, to_text);
  store = civ_cli_open_store (global, &error);
  if (store == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  civ_date_today (&today);
  rate =
    civ_funeral_stats_cremation_rate (store, &from, &to, deaths, scope, source, &today, &error);
  if (rate == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  if (global->json)
    print_json (rate);
  else
    print_text (rate);
  return CIV_EXIT_OK;
}

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n",
           _ ("Usage: civreg-cli … stats cremation-rate --from DATE --to DATE --deaths N --scope "
              "CODE [--source TEXT] [--json]"));
  fprintf (out, "%s\n", _ ("Run “civreg-cli stats SUBCOMMAND --help” for its options."));
}

int
civ_cli_cmd_stats (CivCliGlobal *global, int argc, char **argv)
{
  const char *sub = argc > 1 ? argv[1] : NULL;

  if (sub == NULL || strcmp (sub, "--help") == 0 || strcmp (sub, "-h") == 0)
    {
      print_usage (sub ? stdout : stderr);
      return sub ? CIV_EXIT_OK : CIV_EXIT_USAGE;
    }
  if (strcmp (sub, "cremation-rate") == 0)
    return cremation_rate (global, argc - 1, argv + 1);
  {
    g_autofree char *name = civ_cli_escape (sub);

    civ_cli_fail (0, _ ("Unknown stats command “%s”"), name);
  }
  print_usage (stderr);
  return CIV_EXIT_USAGE;
}
