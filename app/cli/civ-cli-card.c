// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-cli-card.c — card read: read an ID card on a reader, for support staff
 *
 *   civreg-cli card read --port PATH [--timeout MS] [--json]
 *
 * Needs no office: it talks to the reader only (docs/devices.md). Exit 0
 * when a card was read, 1 when there is no reader, no card or the read
 * failed, 2 on a usage error.
 */
#include "civ-cli.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "civ-calendar.h"
#include "civ-card-reader.h"
#include "civ-json.h"

#define DEFAULT_TIMEOUT_MS 10000

static char *
date_or_null (const GDate *d)
{
  return g_date_valid (d) ? civ_date_format_iso (d) : NULL;
}

static void
print_json (const CivCardData *card)
{
  g_autoptr (CivJson) j = civ_json_new ();
  g_autofree char *birth = date_or_null (&card->birth_date);
  g_autofree char *from = date_or_null (&card->valid_from);
  g_autofree char *until = date_or_null (&card->valid_until);
  g_autofree char *wlt_sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, card->wlt);
  g_autofree char *out = NULL;

  civ_json_string (j, "name", card->name);
  civ_json_string (j, "sex", civ_sex_to_string (card->sex));
  civ_json_string (j, "ethnicity_code", card->ethnicity_code);
  civ_json_string (j, "birth_date", birth);
  civ_json_string (j, "address", card->address);
  civ_json_string (j, "number", card->number);
  civ_json_string (j, "issuer", card->issuer);
  civ_json_string (j, "valid_from", from);
  civ_json_string (j, "valid_until", until);
  civ_json_bool (j, "long_term", card->long_term);
  civ_json_int (j, "wlt_bytes", (gint64) g_bytes_get_size (card->wlt));
  civ_json_string (j, "wlt_sha256", wlt_sha);
  civ_json_bool (j, "photo_decoded", card->photo_png != NULL);
  out = civ_json_finish (j);
  printf ("%s\n", out);
}

static void
print_line (const char *label, const char *value)
{
  g_autofree char *shown = civ_cli_escape (value ? value : "");

  printf ("  %-14s %s\n", label, shown);
}

static void
print_text (const CivCardData *card)
{
  g_autofree char *birth = date_or_null (&card->birth_date);
  g_autofree char *from = date_or_null (&card->valid_from);
  g_autofree char *until = date_or_null (&card->valid_until);
  g_autofree char *validity =
    g_strdup_printf ("%s – %s", from ? from : "", card->long_term ? _ ("long-term") : until);

  printf ("%s\n", _ ("Card read"));
  print_line (_ ("Name:"), card->name);
  print_line (_ ("Sex:"), card->sex == CIV_SEX_MALE ? _ ("male") : _ ("female"));
  print_line (_ ("Ethnicity:"), card->ethnicity_code);
  print_line (_ ("Birth date:"), birth);
  print_line (_ ("Address:"), card->address);
  print_line (_ ("Number:"), card->number);
  print_line (_ ("Issued by:"), card->issuer);
  print_line (_ ("Valid:"), validity);
  print_line (_ ("Photo:"), card->photo_png ? _ ("decoded by the identity plug-in")
                                            : _ ("photo not decoded (no identity plug-in)"));
}

int
civ_cli_cmd_card (CivCliGlobal *global, int argc, char **argv)
{
  g_autofree char *port = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CivCardData) card = NULL;
  int                timeout_ms = DEFAULT_TIMEOUT_MS;
  const GOptionEntry entries[] = {
    CIV_CLI_GLOBAL_ENTRIES (global),
    { "port", 0, 0, G_OPTION_ARG_FILENAME, &port,
      N_ ("The reader's serial port, e.g. /dev/ttyUSB0"), "PATH" },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout_ms,
      N_ ("How long to wait for a card, in milliseconds (default 10000)"), "MS" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx =
    civ_cli_command_context (_ ("read"), _ ("Read an ID card on a card reader"), entries);

  if (!civ_cli_parse (ctx, &argc, &argv))
    return CIV_EXIT_USAGE;
  if (argc < 2 || strcmp (argv[1], "read") != 0)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("card needs the action read (see card --help)"));
  if (argc > 2)
    {
      g_autofree char *shown = civ_cli_escape (argv[2]);
      return civ_cli_fail (CIV_EXIT_USAGE, _ ("Unexpected argument “%s”"), shown);
    }
  if (port == NULL || port[0] == '\0')
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("card read needs --port PATH, e.g. /dev/ttyUSB0"));
  if (timeout_ms < 0 || timeout_ms > 600000)
    return civ_cli_fail (CIV_EXIT_USAGE,
                         _ ("--timeout: give the milliseconds to wait, from 0 to 600000"));

  card = civ_card_read_port (port, (guint) timeout_ms, &error);
  if (card == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  if (global->json)
    print_json (card);
  else
    print_text (card);
  return CIV_EXIT_OK;
}
