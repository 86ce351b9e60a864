// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-cli-numbers.c — civreg-cli numbers status|refill|return|void:
 * certificate numbers from the province's number blocks (issue 17, R-N1,
 * docs/cli-numbers.md)
 */
#include "civ-cli.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "civ-report.h"

static void
block_json (JsonBuilder *b, const CivNumberBlock *k)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "block_id");
  json_builder_add_string_value (b, k->block_id);
  json_builder_set_member_name (b, "prefix");
  json_builder_add_string_value (b, k->prefix);
  json_builder_set_member_name (b, "year");
  json_builder_add_int_value (b, k->year);
  json_builder_set_member_name (b, "first");
  json_builder_add_int_value (b, k->first);
  json_builder_set_member_name (b, "last");
  json_builder_add_int_value (b, k->last);
  json_builder_set_member_name (b, "next");
  json_builder_add_int_value (b, k->next);
  json_builder_set_member_name (b, "claim");
  json_builder_add_boolean_value (b, k->claim);
  json_builder_set_member_name (b, "voided");
  json_builder_add_int_value (b, k->voided);
  json_builder_set_member_name (b, "returned_from");
  if (k->returned_from)
    json_builder_add_int_value (b, k->returned_from);
  else
    json_builder_add_null_value (b);
  civ_cli_json_add_string_or_null (b, "return_reason", k->return_reason);
  json_builder_set_member_name (b, "return_reported");
  json_builder_add_boolean_value (b, k->return_reported_at != NULL);
  json_builder_end_object (b);
}

static int
print_status (CivCliGlobal *global, const CivNumbersStatus *st)
{
  if (global->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "source");
      json_builder_add_string_value (b, st->from_blocks ? "province" : "local");
      json_builder_set_member_name (b, "enrolled");
      json_builder_add_boolean_value (b, st->enrolled);
      json_builder_set_member_name (b, "reserve");
      json_builder_add_int_value (b, st->reserve);
      json_builder_set_member_name (b, "request_pending");
      json_builder_add_boolean_value (b, st->request_pending);
      civ_cli_json_add_string_or_null (b, "claim_refused", st->claim_refused);
      civ_cli_json_add_string_or_null (b, "not_served_on", st->not_served_on);
      json_builder_set_member_name (b, "series");
      json_builder_begin_array (b);
      for (guint i = 0; i < st->series->len; i++)
        {
          const CivNumbersSeries *s = g_ptr_array_index (st->series, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "prefix");
          json_builder_add_string_value (b, s->prefix);
          json_builder_set_member_name (b, "year");
          json_builder_add_int_value (b, s->year);
          json_builder_set_member_name (b, "left");
          json_builder_add_int_value (b, s->left);
          civ_cli_json_add_string_or_null (b, "next_number", s->next_number);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "blocks");
      json_builder_begin_array (b);
      for (guint i = 0; i < st->blocks->len; i++)
        block_json (b, g_ptr_array_index (st->blocks, i));
      json_builder_end_array (b);
      json_builder_end_object (b);
      civ_cli_print_json (b);
      return CIV_EXIT_OK;
    }
  if (st->from_blocks)
    printf ("%s\n", _ ("Certificate numbers: from the province's number blocks"));
  else if (st->enrolled)
    printf ("%s\n", _ ("Certificate numbers: this office's local counter (the province has handed "
                       "out no number blocks)"));
  else
    printf ("%s\n", _ ("Certificate numbers: this office's local counter (not enrolled with the "
                       "province)"));
  if (st->claim_refused)
    printf (_ ("The province refused this office's own serials: %s\n"), st->claim_refused);
  if (st->request_pending)
    printf ("%s\n", _ ("A request for number blocks waits for the province's answer."));
  for (guint i = 0; i < st->series->len; i++)
    {
      const CivNumbersSeries *s = g_ptr_array_index (st->series, i);

      /* Translators: a prefix (J), a year, the serials left, the next number. */
      printf (_ ("%-4s %d  %6lld left  next %s\n"), s->prefix, s->year, (long long) s->left,
              s->next_number ? s->next_number : "—");
    }
  for (guint i = 0; i < st->blocks->len; i++)
    {
      const CivNumberBlock *k = g_ptr_array_index (st->blocks, i);

      printf ("  %-26s %06" G_GINT64_FORMAT "–%06" G_GINT64_FORMAT "  ", k->block_id, k->first,
              k->last);
      if (k->returned_from)
        printf (_ ("returned from %06lld (%s)\n"), (long long) k->returned_from,
                k->return_reason ? k->return_reason : "");
      else if (k->next > k->last)
        printf ("%s\n", _ ("used up"));
      else
        printf (_ ("next %06lld\n"), (long long) k->next);
    }
  return CIV_EXIT_OK;
}

static gboolean
parse_year (const char *text, int *year)
{
  gint64 v = 0;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, 1950, 9999, &v, NULL))
    return FALSE;
  *year = (int) v;
  return TRUE;
}

int
civ_cli_cmd_numbers (CivCliGlobal *global, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autofree char   *year_text = NULL, *prefix = NULL, *reason = NULL;
  gboolean           force = FALSE;
  int                year = 0;
  const GOptionEntry entries[] = {
    CIV_CLI_GLOBAL_ENTRIES (global),
    { "year", 0, 0, G_OPTION_ARG_STRING, &year_text, N_ ("return, void: the year"), "YYYY" },
    { "prefix", 0, 0, G_OPTION_ARG_STRING, &prefix,
      N_ ("return: only this prefix; void: the prefix"), "J|L|BJ|BL|SY|JCSY" },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_ ("return, void: why"), "TEXT" },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_ ("refill: ask even after the province said no today or refused the office's serials"),
      NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx =
    civ_cli_command_context (_ ("status | refill | return --year Y --reason R | void --prefix P "
                                "--year Y --reason R"),
                             _ ("Certificate numbers from the province's number blocks"), entries);

  if (!civ_cli_parse (ctx, &argc, &argv))
    return CIV_EXIT_USAGE;
  if (argc != 2)
    return civ_cli_fail (CIV_EXIT_USAGE,
                         _ ("numbers needs one of status, refill, return, void (see numbers "
                            "--help)"));
  if (strcmp (argv[1], "status") != 0 && strcmp (argv[1], "refill") != 0 &&
      strcmp (argv[1], "return") != 0 && strcmp (argv[1], "void") != 0)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("Unknown numbers command “%s”"), argv[1]);
  if ((strcmp (argv[1], "return") == 0 || strcmp (argv[1], "void") == 0))
    {
      if (!parse_year (year_text, &year))
        return civ_cli_fail (CIV_EXIT_USAGE, _ ("numbers %s needs --year, from 1950 to 9999"),
                             argv[1]);
      if (reason == NULL)
        return civ_cli_fail (CIV_EXIT_USAGE, _ ("numbers %s needs --reason"), argv[1]);
      if (strcmp (argv[1], "void") == 0 && prefix == NULL)
        return civ_cli_fail (CIV_EXIT_USAGE, _ ("numbers void needs --prefix"));
    }
  store = civ_cli_open_store (global, &error);
  if (store == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);

  if (strcmp (argv[1], "status") == 0)
    {
      g_autoptr (CivNumbersStatus) st = civ_numbers_status (store, &error);

      if (st == NULL)
        return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
      return print_status (global, st);
    }
  if (strcmp (argv[1], "refill") == 0)
    {
      g_auto (CivReportNumbersResult) r = { 0 };

      if (!civ_report_numbers_exchange (store, force, &r, &error))
        return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
      if (!r.posted)
        printf ("%s\n", _ ("Nothing to ask the province: the reserve is there."));
      else if (!r.served)
        printf ("%s\n", _ ("The province hands out no number blocks: this office keeps its local "
                           "counter."));
      else
        printf (g_dngettext (GETTEXT_PACKAGE, "%u number block received\n",
                             "%u number blocks received\n", r.blocks),
                r.blocks);
      if (r.refusal)
        printf (_ ("The province refused: %s\n"), r.refusal);
      return r.refused ? CIV_EXIT_FAILURE : CIV_EXIT_OK;
    }
  if (strcmp (argv[1], "return") == 0)
    {
      guint  n_blocks = 0;
      gint64 n_serials = 0;

      if (!civ_numbers_return (store, year, prefix, reason, &n_blocks, &n_serials, &error))
        return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
      printf (_ ("%lld unused serials of %u blocks returned; they are reported at the next "
                 "delivery\n"),
              (long long) n_serials, n_blocks);
      return CIV_EXIT_OK;
    }
  {
    g_autofree char *number = civ_numbers_void_next (store, prefix, year, reason, &error);

    if (number == NULL)
      return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
    printf (_ ("%s set aside unused\n"), number);
  }
  return CIV_EXIT_OK;
}
