// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-cli-refdata.c — refdata: import and show the reference data
 *
 *   civreg-cli --data-dir DIR --user LOGIN [--password-file F] refdata import divisions FILE…
 *   civreg-cli --data-dir DIR --user LOGIN [--password-file F] refdata import holidays FILE…
 *   civreg-cli --data-dir DIR --user LOGIN [--password-file F] refdata status
 *
 * An import validates every file first; a bad row fails it with the file
 * and line, and nothing is imported (exit 1). Usage errors exit 2.
 */
#include "civ-cli.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "civ-refdata.h"

static void
print_reports_json (GPtrArray *reports)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_array (b);
  for (guint i = 0; i < reports->len; i++)
    {
      const CivRefdataReport *r = g_ptr_array_index (reports, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, civ_refdata_kind_to_string (r->kind));
      json_builder_set_member_name (b, "file");
      json_builder_add_string_value (b, r->file);
      json_builder_set_member_name (b, "sha256");
      json_builder_add_string_value (b, r->sha256);
      json_builder_set_member_name (b, "rows");
      json_builder_add_int_value (b, r->rows);
      json_builder_set_member_name (b, "added");
      json_builder_add_int_value (b, r->added);
      json_builder_set_member_name (b, "changed");
      json_builder_add_int_value (b, r->changed);
      if (r->kind == CIV_REFDATA_HOLIDAYS)
        {
          json_builder_set_member_name (b, "year");
          json_builder_add_int_value (b, r->year);
          json_builder_set_member_name (b, "announced");
          json_builder_add_boolean_value (b, r->announced);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);
  printf ("%s\n", text);
}

static void
print_reports_text (GPtrArray *reports)
{
  for (guint i = 0; i < reports->len; i++)
    {
      const CivRefdataReport *r = g_ptr_array_index (reports, i);

      if (r->kind == CIV_REFDATA_DIVISIONS)
        printf (_ ("%s: %u division rows (%u new, %u changed)\n"), r->file, r->rows, r->added,
                r->changed);
      else if (r->announced)
        printf (_ ("%s: %d, %u listed days (%u added or changed)\n"), r->file, r->year, r->rows,
                r->changed);
      else
        printf (_ ("%s: the %d holidays are not announced yet; %d is not covered\n"), r->file,
                r->year, r->year);
    }
}

static int
refdata_status (CivCliGlobal *global, CivStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) years = NULL;
  gint64 divisions = 0;
  CivDb *db = civ_store_get_db (store);

  if (!civ_refdata_store_count_divisions (db, &divisions, &error))
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  years = civ_refdata_store_covered_years (db, &error);
  if (years == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);

  if (global->json)
    {
      GString *out = g_string_new (NULL);

      g_string_append_printf (out, "{\"division_rows\":%" G_GINT64_FORMAT ",\"holiday_years\":[",
                              divisions);
      for (guint i = 0; i < years->len; i++)
        g_string_append_printf (out, "%s%d", i ? "," : "", g_array_index (years, int, i));
      g_string_append (out, "]}");
      printf ("%s\n", out->str);
      g_string_free (out, TRUE);
      return CIV_EXIT_OK;
    }
  {
    g_autofree char *rows = g_strdup_printf ("%" G_GINT64_FORMAT, divisions);
    printf (_ ("Division codes: %s rows\n"), rows);
  }
  printf ("%s", _ ("Holiday calendar covers:"));
  if (years->len == 0)
    printf (" %s", _ ("no year"));
  for (guint i = 0; i < years->len; i++)
    printf (" %d", g_array_index (years, int, i));
  printf ("\n");
  return CIV_EXIT_OK;
}

int
civ_cli_cmd_refdata (CivCliGlobal *global, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (GPtrArray) reports = NULL;
  g_autoptr (GPtrArray) files = NULL;
  CivRefdataKind     kind;
  const GOptionEntry entries[] = { CIV_CLI_GLOBAL_ENTRIES (global), { NULL } };
  g_autoptr (GOptionContext) ctx =
    civ_cli_command_context (_ ("import divisions|holidays FILE… | status"),
                             _ ("Import division codes or holiday calendars"), entries);

  if (!civ_cli_parse (ctx, &argc, &argv))
    return CIV_EXIT_USAGE;
  if (argc < 2)
    return civ_cli_fail (CIV_EXIT_USAGE,
                         _ ("refdata needs “import” or “status” (see refdata --help)"));

  if (strcmp (argv[1], "status") == 0)
    {
      if (argc > 2)
        return civ_cli_fail (CIV_EXIT_USAGE, _ ("Unexpected argument “%s”"), argv[2]);
      if (!global->data_dir || !global->user)
        return civ_cli_fail (CIV_EXIT_USAGE, _ ("refdata needs --data-dir and --user"));
      store = civ_cli_open_store (global, &error);
      if (store == NULL)
        return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
      return refdata_status (global, store);
    }
  if (strcmp (argv[1], "import") != 0)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("Unknown refdata command “%s” (import or status)"),
                         argv[1]);
  if (argc < 3 || !civ_refdata_kind_from_string (argv[2], &kind))
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("refdata import needs “divisions” or “holidays”"));
  if (argc < 4)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("refdata import %s needs at least one FILE"), argv[2]);
  if (!global->data_dir || !global->user)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("refdata needs --data-dir and --user"));

  store = civ_cli_open_store (global, &error);
  if (store == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  files = g_ptr_array_new ();
  for (int i = 3; i < argc; i++)
    g_ptr_array_add (files, argv[i]);
  g_ptr_array_add (files, NULL);
  if (!civ_refdata_import (store, kind, (const char *const *) files->pdata, &reports, &error))
    return civ_cli_fail (CIV_EXIT_FAILURE, _ ("Nothing was imported: %s"), error->message);

  if (global->json)
    print_reports_json (reports);
  else
    print_reports_text (reports);
  return CIV_EXIT_OK;
}
