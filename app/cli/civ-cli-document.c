// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-cli-document.c — documents attached to a marriage record (issue 3)
 *
 *   civreg-cli … document attach --record KEY --kind KIND FILE [--json]
 *   civreg-cli … document list KEY [--json]
 *   civreg-cli … document export ID OUT
 *
 * KEY is a record id or a certificate number. The type of FILE is decided
 * by its content (PDF, JPEG or PNG), never by its name. export writes the
 * content only after its SHA-256 verified, and never overwrites a file.
 * Exit codes: 0 success, 1 failure, 2 usage error.
 */
#include "civ-cli.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "civ-document-service.h"

static char *
kind_codes (void)
{
  g_autoptr (GString) s = g_string_new (NULL);

  for (guint i = 0; i < CIV_N_DOCUMENT_KINDS; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "",
                            civ_document_kind_to_string ((CivDocumentKind) i));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
add_row_members (JsonBuilder *b, const CivDocumentRow *row)
{
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, row->id);
  json_builder_set_member_name (b, "record_id");
  json_builder_add_string_value (b, row->record_id);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, row->kind);
  json_builder_set_member_name (b, "file_name");
  json_builder_add_string_value (b, row->file_name);
  json_builder_set_member_name (b, "media_type");
  json_builder_add_string_value (b, row->media_type);
  json_builder_set_member_name (b, "size");
  json_builder_add_int_value (b, row->byte_size);
  json_builder_set_member_name (b, "sha256");
  json_builder_add_string_value (b, row->sha256);
  json_builder_set_member_name (b, "created_by");
  json_builder_add_string_value (b, row->created_by);
  json_builder_set_member_name (b, "created_at");
  json_builder_add_string_value (b, row->created_at);
}

static int
document_attach (CivCliGlobal *global, const char *record, const char *kind_code, const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (CivDocumentInput) input = NULL;
  g_autoptr (CivDocumentRow) row = NULL;
  g_autofree char *size = NULL;
  CivDocumentKind  kind;
  gint64           id;

  if (!civ_document_kind_from_string (kind_code, &kind))
    {
      g_autofree char *codes = kind_codes ();
      return civ_cli_fail (CIV_EXIT_USAGE, _ ("Unknown document kind “%s” (one of: %s)"), kind_code,
                           codes);
    }
  /* Validate the file before asking for the password. */
  input = civ_document_input_new_from_file (kind, path, &error);
  if (input == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  store = civ_cli_open_store (global, &error);
  if (store == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  id = civ_document_attach (store, record, input, &error);
  if (id == 0)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  row = civ_document_find (civ_store_get_db (store), id, &error);
  if (row == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);

  if (global->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      add_row_members (b, row);
      json_builder_end_object (b);
      civ_cli_print_json (b);
      return CIV_EXIT_OK;
    }
  size = g_format_size ((guint64) row->byte_size);
  /* Translators: document id, record, kind, file name, media type, size, SHA-256. */
  printf (_ ("Attached document %1$lld to %2$s: %3$s, “%4$s” (%5$s, %6$s), SHA-256 %7$s\n"),
          (long long) row->id, record, civ_document_kind_label_for_code (row->kind), row->file_name,
          row->media_type, size, row->sha256);
  return CIV_EXIT_OK;
}

static int
document_list (CivCliGlobal *global, const char *record)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (GPtrArray) rows = NULL;

  store = civ_cli_open_store (global, &error);
  if (store == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  rows = civ_document_list_for_record (store, record, &error);
  if (rows == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);

  if (global->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < rows->len; i++)
        {
          json_builder_begin_object (b);
          add_row_members (b, g_ptr_array_index (rows, i));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      civ_cli_print_json (b);
      return CIV_EXIT_OK;
    }
  if (rows->len == 0)
    printf (_ ("No documents are attached to %s\n"), record);
  for (guint i = 0; i < rows->len; i++)
    {
      const CivDocumentRow *r = g_ptr_array_index (rows, i);
      g_autofree char      *id = g_strdup_printf ("%" G_GINT64_FORMAT, r->id);
      g_autofree char      *size = g_format_size ((guint64) r->byte_size);

      printf ("%-5s %-18s %-15s %10s  %s  %-10s  %s  %s\n", id, r->kind, r->media_type, size,
              r->created_at, r->created_by, r->sha256, r->file_name);
    }
  return CIV_EXIT_OK;
}

static int
document_export (CivCliGlobal *global, const char *id_text, const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (CivDocumentRow) row = NULL;
  g_autofree char *size = NULL;
  gint64           id = 0;

  if (!g_ascii_string_to_signed (id_text, 10, 1, G_MAXINT64, &id, NULL))
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("“%s” is not a document id"), id_text);
  /* Refuse early, before the password, when the target exists. */
  if (g_file_test (path, G_FILE_TEST_EXISTS) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    return civ_cli_fail (CIV_EXIT_FAILURE,
                         _ ("“%s” already exists; nothing was overwritten. Choose a new file "
                            "name."),
                         path);
  store = civ_cli_open_store (global, &error);
  if (store == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  if (!civ_document_export (store, id, path, &error))
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  row = civ_document_find (civ_store_get_db (store), id, &error);
  if (row == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  if (global->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      add_row_members (b, row);
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, path);
      json_builder_end_object (b);
      civ_cli_print_json (b);
      return CIV_EXIT_OK;
    }
  size = g_format_size ((guint64) row->byte_size);
  /* Translators: document id, size, file written. */
  printf (_ ("Wrote document %1$lld (%2$s, SHA-256 verified) to %3$s\n"), (long long) row->id, size,
          path);
  return CIV_EXIT_OK;
}

int
civ_cli_cmd_document (CivCliGlobal *global, int argc, char **argv)
{
  g_autofree char   *record = NULL;
  g_autofree char   *kind = NULL;
  g_autofree char   *codes = kind_codes ();
  g_autofree char   *kind_help = NULL;
  const GOptionEntry entries[] = { CIV_CLI_GLOBAL_ENTRIES (global),
                                   { "record", 0, 0, G_OPTION_ARG_STRING, &record,
                                     N_ ("attach: the record id or certificate number"), "KEY" },
                                   { "kind", 0, 0, G_OPTION_ARG_STRING, &kind,
                                     N_ ("attach: what the document is"), "KIND" },
                                   { NULL } };
  g_autoptr (GOptionContext) ctx = NULL;

  ctx =
    civ_cli_command_context (_ ("attach --record KEY --kind KIND FILE | list KEY | export ID OUT"),
                             _ ("Attach a PDF, JPEG or PNG document to a marriage record, list a "
                                "record's documents, or "
                                "export one"),
                             entries);
  /* Translators: %s is the list of document kind codes. */
  kind_help = g_strdup_printf (_ ("Document kinds: %s"), codes);
  g_option_context_set_description (ctx, kind_help);
  if (!civ_cli_parse (ctx, &argc, &argv))
    return CIV_EXIT_USAGE;
  if (argc < 2)
    return civ_cli_fail (CIV_EXIT_USAGE,
                         _ ("document needs “attach”, “list” or “export” (see document --help)"));

  if (strcmp (argv[1], "attach") == 0)
    {
      if (argc != 3 || record == NULL || kind == NULL)
        return civ_cli_fail (CIV_EXIT_USAGE,
                             _ ("document attach needs --record KEY, --kind KIND and one FILE"));
      return document_attach (global, record, kind, argv[2]);
    }
  if (record != NULL || kind != NULL)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("--record and --kind belong to document attach"));
  if (strcmp (argv[1], "list") == 0)
    {
      if (argc != 3)
        return civ_cli_fail (CIV_EXIT_USAGE, _ ("document list needs one record KEY"));
      return document_list (global, argv[2]);
    }
  if (strcmp (argv[1], "export") == 0)
    {
      if (argc != 4)
        return civ_cli_fail (CIV_EXIT_USAGE, _ ("document export needs a document ID and OUT"));
      return document_export (global, argv[2], argv[3]);
    }
  return civ_cli_fail (CIV_EXIT_USAGE, _ ("Unknown document command “%s”"), argv[1]);
}
