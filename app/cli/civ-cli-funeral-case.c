// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-cli-funeral-case.c — funeral cases on the command line (domain.md §4;
 * issue 16; docs/cli-funeral.md)
 *
 *   civreg-cli … funeral case report FILE.json [--json]
 *   civreg-cli … funeral case find TEXT [--json]
 *   civreg-cli … funeral case show CASE [--json]
 *   civreg-cli … funeral case step CASE STEP [--at YYYY-MM-DDTHH:MM] [step options] [--json]
 *   civreg-cli … funeral case attach CASE FILE --kind KIND [--json]
 *   civreg-cli … funeral board [--json]
 *
 * Exit codes: 0 success; 1 the command ran and was refused (a rule, the
 * permission, a case that does not exist: nothing was changed); 2 usage
 * error (an option missing, a file that cannot be read or is not a
 * report, a date that is not a date, an unknown step).
 */
#include "civ-cli.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-calendar.h"
#include "civ-funeral-case.h"
#include "civ-json-guard.h"
#include "civ-states.h"

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
argument_count (int argc, char **argv, int expected, const char *usage)
{
  if (argc < expected)
    return civ_cli_fail (CIV_EXIT_USAGE, "%s", usage);
  if (argc > expected)
    {
      g_autofree char *shown = civ_cli_escape (argv[expected]);

      return civ_cli_fail (CIV_EXIT_USAGE, _ ("Unexpected argument “%s”"), shown);
    }
  return CIV_EXIT_OK;
}

/* A refusal or bad input is exit 1, as every other command's. */
static int
fail_service (const GError *error)
{
  return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
}

static void
add_string (JsonBuilder *b, const char *name, const char *value)
{
  civ_cli_json_add_string_or_null (b, name, value);
}

static void
add_int (JsonBuilder *b, const char *name, gint64 value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
print_view_json (const CivFuneralView *v)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  const CivFuneralReport *r = v->report;

  json_builder_begin_object (b);
  add_string (b, "case_no", v->case_no);
  add_string (b, "record_id", v->record_id);
  add_string (b, "state", civ_funeral_state_to_string (v->state));
  add_string (b, "reported_on", v->reported_on);
  add_string (b, "closed_on", v->closed_on);
  json_builder_set_member_name (b, "deceased");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "unidentified");
  json_builder_add_boolean_value (b, r->unidentified);
  add_string (b, "name", r->name);
  add_string (b, "description", r->description);
  add_int (b, "sex", r->sex);
  add_int (b, "id_type", r->id_type);
  add_string (b, "id_number", r->id_number);
  add_string (b, "death_at", r->death_at);
  add_int (b, "death_place", r->death_place);
  add_string (b, "death_certificate_no", r->death_certificate_no);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "agent");
  json_builder_begin_object (b);
  add_string (b, "name", r->agent_name);
  add_string (b, "relationship", r->agent_relationship);
  add_string (b, "phone", r->agent_phone);
  json_builder_end_object (b);
  add_string (b, "storage_unit", v->storage_unit);
  add_string (b, "storage_in", v->storage_in);
  add_string (b, "storage_out", v->storage_out);
  add_string (b, "deposit_place", v->deposit_place);
  add_string (b, "deposit_expiry", v->deposit_expiry);
  add_string (b, "cremation_certificate", v->cremation_serial);
  add_string (b, "marriage_ended", v->marriage_ended);
  json_builder_set_member_name (b, "history");
  json_builder_begin_array (b);
  for (guint i = 0; i < v->events->len; i++)
    {
      const CivFuneralEvent *e = g_ptr_array_index (v->events, i);
      g_autoptr (JsonParser) parser = json_parser_new ();

      json_builder_begin_object (b);
      add_string (b, "at", e->at);
      add_string (b, "from", e->from_state);
      add_string (b, "state", e->state);
      add_string (b, "by", e->actor);
      json_builder_set_member_name (b, "detail");
      if (e->detail != NULL && json_parser_load_from_data (parser, e->detail, -1, NULL))
        json_builder_add_value (b, json_node_copy (json_parser_get_root (parser)));
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "documents");
  json_builder_begin_array (b);
  for (guint i = 0; i < v->documents->len; i++)
    {
      const CivDocumentRow *d = g_ptr_array_index (v->documents, i);

      json_builder_begin_object (b);
      add_int (b, "id", d->id);
      add_string (b, "kind", d->kind);
      add_string (b, "file_name", d->file_name);
      add_string (b, "media_type", d->media_type);
      add_int (b, "size", d->byte_size);
      add_string (b, "sha256", d->sha256);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  civ_cli_findings_json (b, v->findings);
  json_builder_end_object (b);
  civ_cli_print_json (b);
}

static void
print_view_text (const CivFuneralView *v)
{
  const CivFuneralReport *r = v->report;

  /* Translators: %1$s is a case number, %2$s its state. */
  printf (_ ("Case %1$s: %2$s\n"), v->case_no, civ_funeral_state_label (v->state));
  if (r->unidentified)
    printf (_ ("  Unidentified body: %s\n"), r->description);
  else
    printf (_ ("  Deceased: %s\n"), r->name);
  if (r->death_at != NULL)
    printf (_ ("  Died: %s\n"), r->death_at);
  if (r->death_certificate_no != NULL)
    printf (_ ("  Death certificate: %s\n"), r->death_certificate_no);
  if (r->agent_name != NULL && *r->agent_name != '\0')
    printf (_ ("  Agent: %1$s (%2$s) %3$s\n"), r->agent_name,
            r->agent_relationship ? r->agent_relationship : "",
            r->agent_phone ? r->agent_phone : "");
  if (v->storage_unit != NULL)
    printf (_ ("  Storage: %1$s from %2$s to %3$s\n"), v->storage_unit, v->storage_in,
            v->storage_out ? v->storage_out : _ ("now"));
  if (v->cremation_serial != NULL)
    printf (_ ("  Cremation certificate: %s\n"), v->cremation_serial);
  if (v->deposit_place != NULL)
    printf (_ ("  Ashes deposited at %1$s until %2$s\n"), v->deposit_place, v->deposit_expiry);
  if (v->marriage_ended != NULL)
    printf (_ ("  Marriage %s ended by this death (R-F14)\n"), v->marriage_ended);
  if (v->closed_on != NULL)
    printf (_ ("  Closed on %s\n"), v->closed_on);
  printf ("%s\n", _ ("History:"));
  for (guint i = 0; i < v->events->len; i++)
    {
      const CivFuneralEvent *e = g_ptr_array_index (v->events, i);

      printf ("  %s  %-20s %s\n", e->at,
              civ_funeral_state_label (civ_funeral_state_from_string (e->state)), e->actor);
    }
  if (v->documents->len > 0)
    printf ("%s\n", _ ("Documents:"));
  for (guint i = 0; i < v->documents->len; i++)
    {
      const CivDocumentRow *d = g_ptr_array_index (v->documents, i);

      printf ("  %" G_GINT64_FORMAT "  %-16s %s\n", d->id,
              civ_funeral_document_kind_label (d->kind), d->file_name);
    }
  civ_cli_print_findings (v->findings);
}

static void
print_view (CivCliGlobal *global, const CivFuneralView *v)
{
  if (global->json)
    print_view_json (v);
  else
    print_view_text (v);
}

static int
case_report (CivCliGlobal *global, int argc, char **argv)
{
  const GOptionEntry entries[] = { CIV_CLI_GLOBAL_ENTRIES (global), { NULL } };
  g_autoptr (GOptionContext) ctx =
    civ_cli_command_context (_ ("FILE.json"),
                             _ ("Report a death: open a funeral case from a report file"), entries);
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (CivFuneralReport) report = NULL;
  g_autoptr (CivFuneralView) view = NULL;
  g_autofree char *data = NULL;
  gsize            len = 0;
  GDate            today;
  int              rc;

  if (!civ_cli_parse (ctx, &argc, &argv))
    return CIV_EXIT_USAGE;
  if ((rc = argument_count (argc, argv, 2, _ ("funeral case report needs the report file"))) !=
      CIV_EXIT_OK)
    return rc;
  if (!g_file_get_contents (argv[1], &data, &len, &error))
    return civ_cli_fail_error (CIV_EXIT_USAGE, error);
  if (len > CIV_FUNERAL_REPORT_MAX_BYTES)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("The report file is larger than %d bytes"),
                         CIV_FUNERAL_REPORT_MAX_BYTES);
  report = civ_funeral_report_from_json (data, len, &error);
  if (report == NULL)
    return civ_cli_fail_error (CIV_EXIT_USAGE, error);
  if ((rc = open_or_fail (global, &store)) != CIV_EXIT_OK)
    return rc;
  civ_date_today (&today);
  view = civ_funeral_case_report (store, report, &today, &error);
  if (view == NULL)
    return fail_service (error);
  print_view (global, view);
  return CIV_EXIT_OK;
}

static int
case_find (CivCliGlobal *global, int argc, char **argv)
{
  const GOptionEntry entries[] = { CIV_CLI_GLOBAL_ENTRIES (global), { NULL } };
  g_autoptr (GOptionContext) ctx =
    civ_cli_command_context (_ ("TEXT"),
                             _ ("Find cases by case number, the deceased's ID, the agent's phone "
                                "or the start of the name"),
                             entries);
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (GPtrArray) hits = NULL;
  int rc;

  if (!civ_cli_parse (ctx, &argc, &argv))
    return CIV_EXIT_USAGE;
  if ((rc = argument_count (argc, argv, 2, _ ("funeral case find needs the text to look for"))) !=
      CIV_EXIT_OK)
    return rc;
  if ((rc = open_or_fail (global, &store)) != CIV_EXIT_OK)
    return rc;
  hits = civ_funeral_case_lookup (store, argv[1], &error);
  if (hits == NULL)
    return fail_service (error);
  if (global->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "cases");
      json_builder_begin_array (b);
      for (guint i = 0; i < hits->len; i++)
        {
          const CivFuneralCaseSummary *s = g_ptr_array_index (hits, i);

          json_builder_begin_object (b);
          add_string (b, "case_no", s->case_no);
          add_string (b, "state", civ_funeral_state_to_string (s->state));
          add_string (b, "deceased", s->deceased);
          add_string (b, "reported_on", s->reported_on);
          add_string (b, "agent_phone", s->agent_phone);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      civ_cli_print_json (b);
      return CIV_EXIT_OK;
    }
  if (hits->len == 0)
    printf ("%s\n", _ ("No funeral case matches."));
  for (guint i = 0; i < hits->len; i++)
    {
      const CivFuneralCaseSummary *s = g_ptr_array_index (hits, i);

      printf ("%s  %s  %-12s %s\n", s->case_no, s->reported_on, civ_funeral_state_label (s->state),
              *s->deceased ? s->deceased : _ ("(unidentified body)"));
    }
  return CIV_EXIT_OK;
}

static int
case_show (CivCliGlobal *global, int argc, char **argv)
{
  const GOptionEntry entries[] = { CIV_CLI_GLOBAL_ENTRIES (global), { NULL } };
  g_autoptr (GOptionContext) ctx =
    civ_cli_command_context (_ ("CASE"),
                             _ ("Show a funeral case with its history (the view is audited)"),
                             entries);
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (CivFuneralView) view = NULL;
  int rc;

  if (!civ_cli_parse (ctx, &argc, &argv))
    return CIV_EXIT_USAGE;
  if ((rc = argument_count (argc, argv, 2, _ ("funeral case show needs the case number"))) !=
      CIV_EXIT_OK)
    return rc;
  if ((rc = open_or_fail (global, &store)) != CIV_EXIT_OK)
    return rc;
  view = civ_funeral_case_open (store, argv[1], &error);
  if (view == NULL)
    return fail_service (error);
  print_view (global, view);
  return CIV_EXIT_OK;
}

/* The steps as typed on the command line. */
static const struct
{
  const char     *word;
  CivFuneralState state;
} step_words[] = {
  { "collected", CIV_FUNERAL_COLLECTED },
  { "stored", CIV_FUNERAL_STORED },
  { "verified", CIV_FUNERAL_DEATH_CERT_VERIFIED },
  { "cremated", CIV_FUNERAL_CREMATED },
  { "burial-exempt", CIV_FUNERAL_BURIAL_EXEMPT },
  { "ashes-returned", CIV_FUNERAL_ASHES_RETURNED },
  { "ashes-deposited", CIV_FUNERAL_ASHES_DEPOSITED },
  { "eco-burial", CIV_FUNERAL_ECO_BURIAL },
  { "cemetery", CIV_FUNERAL_CEMETERY },
};

static CivFuneralState
step_from_word (const char *word)
{
  for (guint i = 0; i < G_N_ELEMENTS (step_words); i++)
    if (strcmp (step_words[i].word, word) == 0)
      return step_words[i].state;
  return CIV_FUNERAL_STATE_INVALID;
}

static int
case_step (CivCliGlobal *global, int argc, char **argv)
{
  g_autofree char   *at = NULL, *note = NULL, *place = NULL, *vehicle = NULL, *staff = NULL;
  g_autofree char   *unit = NULL, *dc_no = NULL, *furnace = NULL, *furnace_op = NULL;
  g_autofree char   *serial = NULL, *basis = NULL, *eco = NULL, *expires = NULL, *receiver = NULL;
  gboolean           certificate = FALSE, consent = FALSE;
  const GOptionEntry entries[] = {
    CIV_CLI_GLOBAL_ENTRIES (global),
    { "at", 0, 0, G_OPTION_ARG_STRING, &at, N_ ("When the step happened (default: now)"),
      "YYYY-MM-DDTHH:MM" },
    { "place", 0, 0, G_OPTION_ARG_STRING, &place,
      N_ ("collected: where the body was; ashes-deposited, eco-burial, cemetery: where the ashes "
          "go"),
      "TEXT" },
    { "vehicle", 0, 0, G_OPTION_ARG_STRING, &vehicle, N_ ("collected: the vehicle"), "TEXT" },
    { "staff", 0, 0, G_OPTION_ARG_STRING, &staff, N_ ("collected: the staff who collected"),
      "TEXT" },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_ ("stored: the storage unit"), "TEXT" },
    { "death-certificate-no", 0, 0, G_OPTION_ARG_STRING, &dc_no,
      N_ ("verified: the death certificate's number (R-F5)"), "NUMBER" },
    { "certificate-on-file", 0, 0, G_OPTION_ARG_NONE, &certificate,
      N_ ("verified: the death certificate is on file (R-F2)"), NULL },
    { "consent-on-file", 0, 0, G_OPTION_ARG_NONE, &consent,
      N_ ("verified: the family's cremation consent is on file (R-F2)"), NULL },
    { "furnace", 0, 0, G_OPTION_ARG_STRING, &furnace, N_ ("cremated: the furnace"), "TEXT" },
    { "furnace-operator", 0, 0, G_OPTION_ARG_STRING, &furnace_op,
      N_ ("cremated: the furnace operator"), "NAME" },
    { "serial", 0, 0, G_OPTION_ARG_STRING, &serial,
      N_ ("cremated: the blank cremation certificate (default: the next in stock)"), "SERIAL" },
    { "basis", 0, 0, G_OPTION_ARG_STRING, &basis,
      N_ ("burial-exempt: the custom and who asked for it (R-F3)"), "TEXT" },
    { "eco", 0, 0, G_OPTION_ARG_STRING, &eco,
      N_ ("eco-burial: niche, small-plot, tree, flower, lawn, sea-scattering, land-scattering or "
          "deep-no-mound (R-F11)"),
      "TYPE" },
    { "expires", 0, 0, G_OPTION_ARG_STRING, &expires, N_ ("ashes-deposited: the deposit's expiry"),
      "YYYY-MM-DD" },
    { "receiver", 0, 0, G_OPTION_ARG_STRING, &receiver, N_ ("ashes-returned: who took the ashes"),
      "NAME" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_ ("A note for the history"), "TEXT" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx =
    civ_cli_command_context (_ ("CASE STEP"),
                             _ ("Move a case: collected, stored, verified, cremated, "
                                "burial-exempt, ashes-returned, "
                                "ashes-deposited, eco-burial or cemetery"),
                             entries);
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (CivFuneralStep) step = NULL;
  g_autoptr (CivFuneralView) view = NULL;
  CivFuneralState to;
  GDate           today;
  int             rc;

  if (!civ_cli_parse (ctx, &argc, &argv))
    return CIV_EXIT_USAGE;
  if ((rc = argument_count (argc, argv, 3, _ ("funeral case step needs the case and the step"))) !=
      CIV_EXIT_OK)
    return rc;
  to = step_from_word (argv[2]);
  if (to == CIV_FUNERAL_STATE_INVALID)
    {
      g_autofree char *shown = civ_cli_escape (argv[2]);

      return civ_cli_fail (CIV_EXIT_USAGE,
                           _ ("Unknown step “%s”: give collected, stored, verified, cremated, "
                              "burial-exempt, ashes-returned, ashes-deposited, eco-burial or "
                              "cemetery"),
                           shown);
    }
  if (at == NULL)
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_local ();

      at = g_date_time_format (now, "%Y-%m-%dT%H:%M");
    }
  step = civ_funeral_step_new (to, at);
  step->note = g_steal_pointer (&note);
  step->place = g_steal_pointer (&place);
  step->vehicle = g_steal_pointer (&vehicle);
  step->staff = g_steal_pointer (&staff);
  step->unit = g_steal_pointer (&unit);
  step->death_certificate_no = g_steal_pointer (&dc_no);
  step->certificate_on_file = certificate;
  step->consent_on_file = consent;
  step->furnace = g_steal_pointer (&furnace);
  step->furnace_operator = g_steal_pointer (&furnace_op);
  step->serial = g_steal_pointer (&serial);
  step->basis = g_steal_pointer (&basis);
  step->receiver = g_steal_pointer (&receiver);
  if (eco != NULL)
    {
      step->eco_burial = civ_eco_burial_from_string (eco);
      if (step->eco_burial == CIV_ECO_BURIAL_INVALID)
        {
          g_autofree char *shown = civ_cli_escape (eco);

          return civ_cli_fail (CIV_EXIT_USAGE,
                               _ ("Unknown eco burial “%s”: give niche, small-plot, tree, "
                                  "flower, lawn, sea-scattering, land-scattering or "
                                  "deep-no-mound"),
                               shown);
        }
    }
  if (expires != NULL && !civ_date_parse_iso (expires, &step->deposit_expiry))
    {
      g_autofree char *shown = civ_cli_escape (expires);

      return civ_cli_fail (CIV_EXIT_USAGE, _ ("“%s” is not a date (YYYY-MM-DD)"), shown);
    }
  if ((rc = open_or_fail (global, &store)) != CIV_EXIT_OK)
    return rc;
  civ_date_today (&today);
  view = civ_funeral_case_move (store, argv[1], step, &today, &error);
  if (view == NULL)
    return fail_service (error);
  print_view (global, view);
  return CIV_EXIT_OK;
}

static int
case_attach (CivCliGlobal *global, int argc, char **argv)
{
  g_autofree char   *kind = NULL;
  const GOptionEntry entries[] = {
    CIV_CLI_GLOBAL_ENTRIES (global),
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind,
      N_ ("death-certificate, cremation-consent, identity-copy, police-report, body-photo or "
          "other"),
      "KIND" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx =
    civ_cli_command_context (_ ("CASE FILE"),
                             _ ("Attach a PDF, JPEG or PNG file to a funeral case"), entries);
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (CivDocumentInput) input = NULL;
  g_autoptr (CivFuneralView) view = NULL;
  int rc;

  if (!civ_cli_parse (ctx, &argc, &argv))
    return CIV_EXIT_USAGE;
  if ((rc = argument_count (argc, argv, 3,
                            _ ("funeral case attach needs the case and the file"))) != CIV_EXIT_OK)
    return rc;
  if (kind == NULL)
    return civ_cli_fail (CIV_EXIT_USAGE, "%s", _ ("funeral case attach needs --kind KIND"));
  input = civ_document_input_new_from_file (CIV_DOCUMENT_OTHER, argv[2], &error);
  if (input == NULL)
    return civ_cli_fail_error (CIV_EXIT_USAGE, error);
  if ((rc = open_or_fail (global, &store)) != CIV_EXIT_OK)
    return rc;
  view = civ_funeral_case_attach (store, argv[1], kind, input, &error);
  if (view == NULL)
    return fail_service (error);
  print_view (global, view);
  return CIV_EXIT_OK;
}

static void
add_board_list (JsonBuilder *b, const char *name, GPtrArray *entries)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < entries->len; i++)
    {
      const CivFuneralBoardEntry *e = g_ptr_array_index (entries, i);

      json_builder_begin_object (b);
      add_string (b, "case_no", e->case_no);
      add_string (b, "deceased", e->deceased);
      add_string (b, "detail", e->detail);
      add_string (b, "since", e->since);
      add_string (b, "until", e->until);
      add_int (b, "days", e->days);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
print_board_list (const char *title, GPtrArray *entries, gboolean deposits)
{
  printf ("%s (%u)\n", title, entries->len);
  for (guint i = 0; i < entries->len; i++)
    {
      const CivFuneralBoardEntry *e = g_ptr_array_index (entries, i);
      g_autofree char            *days =
        deposits ? g_strdup_printf (_ ("expires %s"), e->until)
                            : g_strdup_printf (g_dngettext (NULL, "%d day", "%d days", e->days), e->days);

      printf ("  %s  %-10s %-14s %s\n", e->case_no,
              *e->deceased ? e->deceased : _ ("(unidentified body)"), e->detail, days);
    }
}

static int
board (CivCliGlobal *global, int argc, char **argv)
{
  const GOptionEntry entries[] = { CIV_CLI_GLOBAL_ENTRIES (global), { NULL } };
  g_autoptr (GOptionContext) ctx =
    civ_cli_command_context (NULL,
                             _ ("The day board: bodies in storage, cases awaiting collection or "
                                "cremation, ash deposits "
                                "expiring this month"),
                             entries);
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (CivFuneralBoard) fb = NULL;
  GDate today;
  int   rc;

  if (!civ_cli_parse (ctx, &argc, &argv))
    return CIV_EXIT_USAGE;
  if ((rc = argument_count (argc, argv, 1, "")) != CIV_EXIT_OK)
    return rc;
  if ((rc = open_or_fail (global, &store)) != CIV_EXIT_OK)
    return rc;
  civ_date_today (&today);
  fb = civ_funeral_case_board (store, &today, &error);
  if (fb == NULL)
    return fail_service (error);
  if (global->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      add_board_list (b, "in_storage", fb->in_storage);
      add_board_list (b, "awaiting_collection", fb->awaiting_collection);
      add_board_list (b, "awaiting_cremation", fb->awaiting_cremation);
      add_board_list (b, "deposits_expiring", fb->deposits_expiring);
      json_builder_end_object (b);
      civ_cli_print_json (b);
      return CIV_EXIT_OK;
    }
  print_board_list (_ ("In storage"), fb->in_storage, FALSE);
  print_board_list (_ ("Awaiting collection"), fb->awaiting_collection, FALSE);
  print_board_list (_ ("Awaiting cremation"), fb->awaiting_cremation, FALSE);
  print_board_list (_ ("Ash deposits expiring this month"), fb->deposits_expiring, TRUE);
  return CIV_EXIT_OK;
}

int
civ_cli_funeral_case (CivCliGlobal *global, int argc, char **argv)
{
  const char *sub = argc > 1 ? argv[1] : NULL;

  if (sub != NULL)
    {
      if (strcmp (sub, "report") == 0)
        return case_report (global, argc - 1, argv + 1);
      if (strcmp (sub, "find") == 0)
        return case_find (global, argc - 1, argv + 1);
      if (strcmp (sub, "show") == 0)
        return case_show (global, argc - 1, argv + 1);
      if (strcmp (sub, "step") == 0)
        return case_step (global, argc - 1, argv + 1);
      if (strcmp (sub, "attach") == 0)
        return case_attach (global, argc - 1, argv + 1);
    }
  return -1;
}

int
civ_cli_funeral_board (CivCliGlobal *global, int argc, char **argv)
{
  return board (global, argc, argv);
}
