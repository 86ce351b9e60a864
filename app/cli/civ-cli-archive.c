// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-cli-archive.c — the archive backfill on the command line (issue 14;
 * docs/archive.md)
 *
 *   civreg-cli … archive import FILE.csv [--encoding auto|utf-8|gb18030] [--dry-run]
 *               [--skip-invalid] [--errors OUT.csv] [--force] [--progress] [--json]
 *   civreg-cli … archive books [--json]
 *   civreg-cli … archive book add --archive-no NO --category KIND --years Y[-Y] --pages N
 *               --slots N [--title T] [--office-code C --office-name N] [--single-keying] [--json]
 *   civreg-cli … archive attach BOOK FILE --page N [--pages N] [--json]
 *   civreg-cli … archive ledger BOOK [--json]
 *   civreg-cli … archive coverage [--year Y] [--by book|year|office] [--pdf OUT] [--csv OUT]
 *               [--json]
 *   civreg-cli … archive conflicts [--all] [--json]
 *   civreg-cli … archive figures [--json]
 *
 * Exit codes: 0 success (an import written, or a dry run without a
 * rejected row); 1 the command failed: rows were rejected, the file was
 * refused (imported before, not a backfill CSV), a refusal; 2 usage error;
 * 3 the import was cancelled (Ctrl+C) and nothing was written.
 */
#include "civ-cli.h"

#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "civ-archive-import.h"
#include "civ-archive-service.h"
#include "civ-coverage-report.h"

enum
{
  CIV_EXIT_CANCELLED = 3,
};

/* Page images are read whole: a scanned volume as one PDF may be large,
 * but not larger than this. */
#define ARCHIVE_IMAGE_MAX ((gsize) 512 * 1024 * 1024)

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
extra_argument (int argc, char **argv, int expected)
{
  if (argc > expected)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("Unexpected argument “%s”"), argv[expected]);
  return CIV_EXIT_OK;
}

static void
add_counts (JsonBuilder *b, const guint counts[CIV_SLOT_N_STATES])
{
  json_builder_set_member_name (b, "counts");
  json_builder_begin_object (b);
  for (int s = 0; s < CIV_SLOT_N_STATES; s++)
    {
      json_builder_set_member_name (b, civ_slot_state_to_string ((CivSlotState) s));
      json_builder_add_int_value (b, counts[s]);
    }
  json_builder_end_object (b);
}

static void
add_percent (JsonBuilder *b, guint64 accounted, guint64 total)
{
  g_autofree char *pct = civ_coverage_percent (accounted, total);

  json_builder_set_member_name (b, "percent");
  json_builder_add_string_value (b, pct);
}

static void
add_book_members (JsonBuilder *b, const CivArchiveBook *book)
{
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, book->book_id);
  json_builder_set_member_name (b, "archive_no");
  json_builder_add_string_value (b, book->archive_no);
  civ_cli_json_add_string_or_null (b, "title", book->title);
  civ_cli_json_add_string_or_null (b, "office_code", book->office_code);
  civ_cli_json_add_string_or_null (b, "office_name", book->office_name);
  json_builder_set_member_name (b, "category");
  json_builder_add_string_value (b, civ_hist_kind_to_string (book->category));
  json_builder_set_member_name (b, "year_from");
  json_builder_add_int_value (b, book->year_from);
  json_builder_set_member_name (b, "year_to");
  json_builder_add_int_value (b, book->year_to);
  json_builder_set_member_name (b, "pages");
  json_builder_add_int_value (b, book->pages);
  json_builder_set_member_name (b, "slots_per_page");
  json_builder_add_int_value (b, book->slots_per_page);
  json_builder_set_member_name (b, "double_keying");
  json_builder_add_boolean_value (b, book->double_keying);
  json_builder_set_member_name (b, "closed");
  json_builder_add_boolean_value (b, book->closed);
  civ_cli_json_add_string_or_null (b, "closed_by", book->closed_by);
  civ_cli_json_add_string_or_null (b, "closed_at", book->closed_at);
  civ_cli_json_add_string_or_null (b, "created_by", book->created_by);
  civ_cli_json_add_string_or_null (b, "created_at", book->created_at);
  json_builder_set_member_name (b, "slots");
  json_builder_add_int_value (b, book->n_slots);
  json_builder_set_member_name (b, "accounted");
  json_builder_add_int_value (b, book->n_accounted);
  add_percent (b, book->n_accounted, book->n_slots);
  json_builder_set_member_name (b, "images");
  json_builder_add_int_value (b, book->n_images);
  add_counts (b, book->counts);
}

static char *
years_text (int from, int to)
{
  if (from == to)
    return g_strdup_printf ("%d", from);
  return g_strdup_printf ("%d-%d", from, to);
}

/* import ------------------------------------------------------------------- */

typedef struct
{
  gboolean show;     /* print progress at all */
  gboolean terminal; /* redraw one line with \r */
  gboolean drawn;
} Progress;

static void
on_import_progress (guint64  rows,
                    guint64  bytes_done,
                    guint64  bytes_total,
                    double   rows_per_second,
                    double   seconds_left,
                    gpointer user_data)
{
  Progress        *p = user_data;
  g_autofree char *rows_text = g_strdup_printf ("%" G_GUINT64_FORMAT, rows);
  g_autofree char *left = NULL;
  int              percent = bytes_total ? (int) (bytes_done * 100 / bytes_total) : 0;

  if (!p->show)
    return;
  if (seconds_left < 0)
    left = g_strdup (_ ("time left unknown"));
  else
    {
      guint s = (guint) (seconds_left + 0.5);

      /* Translators: the time left of an import, minutes and seconds. */
      left = g_strdup_printf (_ ("%u:%02u left"), s / 60, s % 60);
    }
  /* Translators: import progress: rows read, percent of the file, rows per second, time left. */
  fprintf (stderr, _ ("%s%s rows read (%d %%), %.0f rows/s, %s%s"), p->terminal ? "\r" : "",
           rows_text, percent, rows_per_second, left, p->terminal ? "\033[K" : "\n");
  fflush (stderr);
  p->drawn = TRUE;
}

static gboolean
on_sigint (gpointer user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
  return G_SOURCE_CONTINUE;
}

static void
print_import_json (const CivImportResult *r, const CivImportOptions *o)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "file");
  json_builder_add_string_value (b, o->path);
  civ_cli_json_add_string_or_null (b, "sha256", r->sha256);
  civ_cli_json_add_string_or_null (b, "encoding", r->encoding);
  json_builder_set_member_name (b, "dry_run");
  json_builder_add_boolean_value (b, o->dry_run);
  json_builder_set_member_name (b, "rows_read");
  json_builder_add_int_value (b, (gint64) r->rows_read);
  json_builder_set_member_name (b, "rows_imported");
  json_builder_add_int_value (b, (gint64) r->rows_imported);
  json_builder_set_member_name (b, "rows_rejected");
  json_builder_add_int_value (b, (gint64) r->rows_rejected);
  json_builder_set_member_name (b, "duplicates");
  json_builder_add_int_value (b, (gint64) r->duplicates);
  json_builder_set_member_name (b, "committed");
  json_builder_add_boolean_value (b, r->committed);
  json_builder_set_member_name (b, "import_id");
  if (r->import_id > 0)
    json_builder_add_int_value (b, r->import_id);
  else
    json_builder_add_null_value (b);
  civ_cli_json_add_string_or_null (b, "errors_file", r->rows_rejected ? o->errors_path : NULL);
  json_builder_set_member_name (b, "sample_errors");
  json_builder_begin_array (b);
  for (guint i = 0; r->sample_errors && i < r->sample_errors->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (r->sample_errors, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  civ_cli_print_json (b);
}

static void
print_import_text (const CivImportResult *r, const CivImportOptions *o)
{
  g_autofree char *read = g_strdup_printf ("%" G_GUINT64_FORMAT, r->rows_read);
  g_autofree char *imported = g_strdup_printf ("%" G_GUINT64_FORMAT, r->rows_imported);
  g_autofree char *rejected = g_strdup_printf ("%" G_GUINT64_FORMAT, r->rows_rejected);
  g_autofree char *dups = g_strdup_printf ("%" G_GUINT64_FORMAT, r->duplicates);
  g_autofree char *name = civ_cli_escape (o->path);

  if (o->dry_run)
    /* Translators: file, rows read, rows rejected, duplicates, encoding. */
    printf (_ ("Dry run of %1$s: %2$s rows read, %3$s rejected, %4$s like records already in the "
               "office (%5$s); nothing was written.\n"),
            name, read, rejected, dups, r->encoding ? r->encoding : "");
  else if (r->committed)
    /* Translators: file, rows imported, rows read, rows rejected, duplicates, encoding. */
    printf (_ ("Imported %1$s: %2$s of %3$s rows, %4$s rejected, %5$s like records already in the "
               "office (%6$s).\n"),
            name, imported, read, rejected, dups, r->encoding ? r->encoding : "");
  else
    printf (_ ("Nothing was imported from %1$s: %2$s of %3$s rows have errors. Correct them, or "
               "import the valid rows with --skip-invalid.\n"),
            name, rejected, read);
  for (guint i = 0; r->sample_errors && i < r->sample_errors->len; i++)
    {
      g_autofree char *line = civ_cli_escape (g_ptr_array_index (r->sample_errors, i));

      printf ("  %s\n", line);
    }
  if (r->rows_rejected > 0 && o->errors_path)
    {
      g_autofree char *errors = civ_cli_escape (o->errors_path);

      printf (_ ("The rejected rows are listed in %s.\n"), errors);
    }
  else if (r->rows_rejected > 0)
    printf ("%s\n", _ ("Give --errors OUT.csv for a report of every rejected row."));
}

static int
archive_import (CivCliGlobal *global, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (CivImportOptions) options = NULL;
  g_autoptr (CivImportResult) result = NULL;
  g_autoptr (GCancellable) cancellable = NULL;
  g_autofree char   *encoding = NULL;
  g_autofree char   *errors = NULL;
  gboolean           dry_run = FALSE, skip_invalid = FALSE, force = FALSE, progress = FALSE;
  Progress           p = { 0 };
  guint              sigint_id;
  int                rc;
  const GOptionEntry entries[] = {
    CIV_CLI_GLOBAL_ENTRIES (global),
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding,
      N_ ("The file's encoding (default: detected)"), "auto|utf-8|gb18030" },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_ ("Read and check every row, write nothing"),
      NULL },
    { "skip-invalid", 0, 0, G_OPTION_ARG_NONE, &skip_invalid,
      N_ ("Import the valid rows even when others have errors"), NULL },
    { "errors", 0, 0, G_OPTION_ARG_FILENAME, &errors,
      N_ ("Write the rejected rows (row, column, value, message) to this CSV file"), "OUT.csv" },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_ ("Import a file that was imported before"),
      NULL },
    { "progress", 0, 0, G_OPTION_ARG_NONE, &progress,
      N_ ("Print progress even when the output is not a terminal (one line each)"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx =
    civ_cli_command_context (_ ("FILE.csv"),
                             _ ("Import historical records from a CSV file (docs/backfill-csv.md)"),
                             entries);

  if (!civ_cli_parse (ctx, &argc, &argv))
    return CIV_EXIT_USAGE;
  if (argc < 2)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("archive import needs a FILE.csv"));
  if ((rc = extra_argument (argc, argv, 2)) != CIV_EXIT_OK)
    return rc;
  if (encoding && strcmp (encoding, "auto") != 0 && strcmp (encoding, "utf-8") != 0 &&
      strcmp (encoding, "gb18030") != 0)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("Unknown encoding “%s”: give auto, utf-8 or gb18030"),
                         encoding);
  if (!g_file_test (argv[1], G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *name = civ_cli_escape (argv[1]);

      return civ_cli_fail (CIV_EXIT_FAILURE, _ ("“%s” is not a file that can be read"), name);
    }
  if (errors && strcmp (errors, argv[1]) == 0)
    return civ_cli_fail (CIV_EXIT_USAGE,
                         _ ("--errors must name another file than the one imported"));

  options = civ_import_options_new (argv[1]);
  options->encoding = g_strdup (encoding && strcmp (encoding, "auto") != 0 ? encoding : NULL);
  options->dry_run = dry_run;
  options->skip_invalid = skip_invalid;
  options->force = force;
  options->errors_path = g_strdup (errors);

  if ((rc = open_or_fail (global, &store)) != CIV_EXIT_OK)
    return rc;

  p.terminal = isatty (STDERR_FILENO);
  p.show = p.terminal || progress;
  cancellable = g_cancellable_new ();
  /* The main thread runs the default main context while this job runs on
   * the worker (civ_cli_call ()): Ctrl+C cancels through the cancellable,
   * and the import rolls back. */
  sigint_id = g_unix_signal_add (SIGINT, on_sigint, cancellable);
  result = civ_archive_import (store, options, on_import_progress, &p, cancellable, &error);
  g_source_remove (sigint_id);
  if (p.drawn && p.terminal)
    fprintf (stderr, "\n");

  if (result == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          civ_cli_fail (0, _ ("Import cancelled: nothing was written."));
          return CIV_EXIT_CANCELLED;
        }
      return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
    }
  if (global->json)
    print_import_json (result, options);
  else
    print_import_text (result, options);
  return result->rows_rejected > 0 ? CIV_EXIT_FAILURE : CIV_EXIT_OK;
}

/* books, book add -------------------------------------------------------- */

static int
archive_books (CivCliGlobal *global, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (GPtrArray) books = NULL;
  const GOptionEntry entries[] = { CIV_CLI_GLOBAL_ENTRIES (global), { NULL } };
  g_autoptr (GOptionContext) ctx =
    civ_cli_command_context (NULL, _ ("List the register books and their coverage"), entries);
  int rc;

  if (!civ_cli_parse (ctx, &argc, &argv))
    return CIV_EXIT_USAGE;
  if ((rc = extra_argument (argc, argv, 1)) != CIV_EXIT_OK)
    return rc;
  if ((rc = open_or_fail (global, &store)) != CIV_EXIT_OK)
    return rc;
  books = civ_archive_book_list (store, &error);
  if (books == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  if (global->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < books->len; i++)
        {
          json_builder_begin_object (b);
          add_book_members (b, g_ptr_array_index (books, i));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      civ_cli_print_json (b);
      return CIV_EXIT_OK;
    }
  if (books->len == 0)
    {
      printf ("%s\n", _ ("No register books yet. Add one with: archive book add"));
      return CIV_EXIT_OK;
    }
  for (guint i = 0; i < books->len; i++)
    {
      const CivArchiveBook *k = g_ptr_array_index (books, i);
      g_autofree char      *years = years_text (k->year_from, k->year_to);
      g_autofree char      *pct = civ_coverage_percent (k->n_accounted, k->n_slots);
      g_autofree char      *title = civ_cli_escape (k->title ? k->title : "");
      g_autofree char      *no = civ_cli_escape (k->archive_no);

      /* Translators: 档号, years, category, pages, slots accounted, slots, percent, title. */
      printf (_ ("%1$-16s %2$-9s %3$-12s %4$4d pages  %5$u/%6$u slots  %7$5s %%  %8$s"), no, years,
              civ_hist_kind_display_name (k->category), k->pages, k->n_accounted, k->n_slots, pct,
              title);
      if (k->closed)
        printf ("  [%s]", _ ("closed"));
      printf ("\n");
    }
  return CIV_EXIT_OK;
}

static gboolean
parse_years (const char *text, int *from, int *to)
{
  g_auto (GStrv) parts = NULL;
  gint64 a = 0, b = 0;

  if (text == NULL)
    return FALSE;
  parts = g_strsplit (text, "-", 2);
  if (!g_ascii_string_to_signed (parts[0], 10, 1949, 2999, &a, NULL))
    return FALSE;
  b = a;
  if (parts[1] && !g_ascii_string_to_signed (parts[1], 10, 1949, 2999, &b, NULL))
    return FALSE;
  if (b < a)
    return FALSE;
  *from = (int) a;
  *to = (int) b;
  return TRUE;
}

static int
archive_book_add (CivCliGlobal *global, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (CivArchiveBook) book = NULL;
  g_autofree char    *archive_no = NULL, *category = NULL, *years = NULL, *title = NULL;
  g_autofree char    *office_code = NULL, *office_name = NULL;
  int                 pages = 0, slots = 0, rc;
  gboolean            single = FALSE;
  CivArchiveBookInput in = { 0 };
  const GOptionEntry  entries[] = {
     CIV_CLI_GLOBAL_ENTRIES (global),
     { "archive-no", 0, 0, G_OPTION_ARG_STRING, &archive_no, N_ ("The book's archive number (档号)"),
       "NO" },
     { "category", 0, 0, G_OPTION_ARG_STRING, &category, N_ ("What the book registers"),
       "marriage|divorce|reissue|revocation" },
     { "years", 0, 0, G_OPTION_ARG_STRING, &years, N_ ("The years the book covers"), "1980-1985" },
     { "pages", 0, 0, G_OPTION_ARG_INT, &pages, N_ ("The number of pages"), "N" },
     { "slots", 0, 0, G_OPTION_ARG_INT, &slots, N_ ("The entry slots on each page"), "N" },
     { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_ ("The book's title"), "TITLE" },
     { "office-code", 0, 0, G_OPTION_ARG_STRING, &office_code,
       N_ ("The registering office's code, when not this office"), "CODE" },
     { "office-name", 0, 0, G_OPTION_ARG_STRING, &office_name,
       N_ ("The registering office's name, when not this office"), "NAME" },
     { "single-keying", 0, 0, G_OPTION_ARG_NONE, &single,
       N_ ("Key each entry once (no second, blind keying)"), NULL },
     { NULL }
  };
  g_autoptr (GOptionContext) ctx =
    civ_cli_command_context (NULL, _ ("Add a register book or archive volume"), entries);

  if (!civ_cli_parse (ctx, &argc, &argv))
    return CIV_EXIT_USAGE;
  if ((rc = extra_argument (argc, argv, 1)) != CIV_EXIT_OK)
    return rc;
  if (archive_no == NULL || category == NULL || years == NULL || pages == 0 || slots == 0)
    return civ_cli_fail (CIV_EXIT_USAGE,
                         _ ("archive book add needs --archive-no, --category, --years, --pages and "
                            "--slots"));
  if (!civ_hist_kind_from_string (category, &in.category))
    return civ_cli_fail (CIV_EXIT_USAGE,
                         _ ("Unknown category “%s”: give marriage, divorce, reissue or revocation"),
                         category);
  if (!parse_years (years, &in.year_from, &in.year_to))
    return civ_cli_fail (CIV_EXIT_USAGE,
                         _ ("“%s” is not a year or a range of years such as 1980-1985"), years);
  if (pages < 1 || pages > 100000 || slots < 1 || slots > 1000)
    return civ_cli_fail (CIV_EXIT_USAGE,
                         _ ("--pages must be between 1 and 100000 and --slots between 1 and 1000"));
  if ((office_code == NULL) != (office_name == NULL))
    return civ_cli_fail (CIV_EXIT_USAGE,
                         _ ("Give both --office-code and --office-name, or neither"));
  in.archive_no = archive_no;
  in.title = title;
  in.office_code = office_code;
  in.office_name = office_name;
  in.pages = pages;
  in.slots_per_page = slots;
  in.double_keying = !single;

  if ((rc = open_or_fail (global, &store)) != CIV_EXIT_OK)
    return rc;
  book = civ_archive_book_create (store, &in, &error);
  if (book == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  if (global->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      add_book_members (b, book);
      json_builder_end_object (b);
      civ_cli_print_json (b);
      return CIV_EXIT_OK;
    }
  {
    g_autofree char *no = civ_cli_escape (book->archive_no);

    /* Translators: 档号, pages, slots per page, total slots, the book's id. */
    printf (_ ("Added book %1$s: %2$d pages of %3$d slots (%4$u slots to account for), id %5$s\n"),
            no, book->pages, book->slots_per_page, book->n_slots, book->book_id);
  }
  return CIV_EXIT_OK;
}

/* attach ------------------------------------------------------------------ */

static int
archive_attach (CivCliGlobal *global, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (GBytes) content = NULL;
  g_autoptr (GMappedFile) mapped = NULL;
  g_autofree char   *base = NULL;
  int                page = 0, n_pages = 1, rc;
  gint64             id;
  const GOptionEntry entries[] = {
    CIV_CLI_GLOBAL_ENTRIES (global),
    { "page", 0, 0, G_OPTION_ARG_INT, &page, N_ ("The first page the file shows"), "N" },
    { "pages", 0, 0, G_OPTION_ARG_INT, &n_pages,
      N_ ("How many pages the file shows (a multi-page PDF or TIFF; default 1)"), "N" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx =
    civ_cli_command_context (_ ("BOOK FILE"),
                             _ ("Attach a page image (JPEG, PNG, TIFF or PDF) to a book"), entries);

  if (!civ_cli_parse (ctx, &argc, &argv))
    return CIV_EXIT_USAGE;
  if (argc < 3)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("archive attach needs a BOOK, a FILE and --page N"));
  if ((rc = extra_argument (argc, argv, 3)) != CIV_EXIT_OK)
    return rc;
  if (page < 1 || n_pages < 1)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("--page and --pages must be 1 or more"));
  mapped = g_mapped_file_new (argv[2], FALSE, &error);
  if (mapped == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  if (g_mapped_file_get_length (mapped) > ARCHIVE_IMAGE_MAX)
    {
      g_autofree char *name = civ_cli_escape (argv[2]);

      return civ_cli_fail (CIV_EXIT_FAILURE,
                           _ ("“%s” is larger than 512 MiB: split it into several files"), name);
    }
  content = g_mapped_file_get_bytes (mapped);
  base = g_path_get_basename (argv[2]);

  if ((rc = open_or_fail (global, &store)) != CIV_EXIT_OK)
    return rc;
  id = civ_archive_image_attach (store, argv[1], page, n_pages, base, content, &error);
  if (id <= 0)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  if (global->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, id);
      json_builder_set_member_name (b, "book");
      json_builder_add_string_value (b, argv[1]);
      json_builder_set_member_name (b, "first_page");
      json_builder_add_int_value (b, page);
      json_builder_set_member_name (b, "pages");
      json_builder_add_int_value (b, n_pages);
      json_builder_set_member_name (b, "file_name");
      json_builder_add_string_value (b, base);
      json_builder_end_object (b);
      civ_cli_print_json (b);
      return CIV_EXIT_OK;
    }
  {
    g_autofree char *name = civ_cli_escape (base);

    if (n_pages == 1)
      printf (_ ("Attached %1$s as page %2$d (image %3$lld)\n"), name, page, (long long) id);
    else
      printf (_ ("Attached %1$s as pages %2$d–%3$d (image %4$lld)\n"), name, page,
              page + n_pages - 1, (long long) id);
  }
  return CIV_EXIT_OK;
}

/* ledger ------------------------------------------------------------------ */

static int
archive_ledger (CivCliGlobal *global, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (CivArchiveBook) book = NULL;
  g_autoptr (GPtrArray) slots = NULL;
  const GOptionEntry entries[] = { CIV_CLI_GLOBAL_ENTRIES (global), { NULL } };
  g_autoptr (GOptionContext) ctx =
    civ_cli_command_context (_ ("BOOK"), _ ("Show every page and slot of a book with its state"),
                             entries);
  int rc;

  if (!civ_cli_parse (ctx, &argc, &argv))
    return CIV_EXIT_USAGE;
  if (argc < 2)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("archive ledger needs a BOOK (its id or 档号)"));
  if ((rc = extra_argument (argc, argv, 2)) != CIV_EXIT_OK)
    return rc;
  if ((rc = open_or_fail (global, &store)) != CIV_EXIT_OK)
    return rc;
  book = civ_archive_book_get (store, argv[1], &error);
  if (book == NULL && error == NULL)
    {
      g_autofree char *name = civ_cli_escape (argv[1]);

      return civ_cli_fail (CIV_EXIT_FAILURE,
                           _ ("There is no book “%s”: give its id or 档号 (see archive books)"),
                           name);
    }
  if (book == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  slots = civ_archive_ledger (store, book->book_id, &error);
  if (slots == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);

  if (global->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      int   page = -1;
      guint page_slots = 0, page_accounted = 0;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "book");
      json_builder_begin_object (b);
      add_book_members (b, book);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "pages");
      json_builder_begin_array (b);
      for (guint i = 0; i <= slots->len; i++)
        {
          const CivArchiveSlot *s = i < slots->len ? g_ptr_array_index (slots, i) : NULL;

          if (page != -1 && (s == NULL || s->page != page))
            {
              json_builder_end_array (b);
              json_builder_set_member_name (b, "slot_count");
              json_builder_add_int_value (b, page_slots);
              json_builder_set_member_name (b, "accounted");
              json_builder_add_int_value (b, page_accounted);
              json_builder_end_object (b);
            }
          if (s == NULL)
            break;
          if (s->page != page)
            {
              page = s->page;
              page_slots = page_accounted = 0;
              json_builder_begin_object (b);
              json_builder_set_member_name (b, "page");
              json_builder_add_int_value (b, page);
              json_builder_set_member_name (b, "slots");
              json_builder_begin_array (b);
            }
          page_slots++;
          page_accounted += civ_slot_state_is_accounted (s->state);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "slot");
          json_builder_add_int_value (b, s->slot);
          json_builder_set_member_name (b, "state");
          json_builder_add_string_value (b, civ_slot_state_to_string (s->state));
          civ_cli_json_add_string_or_null (b, "record_id", s->record_id);
          civ_cli_json_add_string_or_null (b, "note", s->note);
          civ_cli_json_add_string_or_null (b, "updated_by", s->updated_by);
          civ_cli_json_add_string_or_null (b, "updated_at", s->updated_at);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "totals");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "slots");
      json_builder_add_int_value (b, book->n_slots);
      json_builder_set_member_name (b, "accounted");
      json_builder_add_int_value (b, book->n_accounted);
      add_percent (b, book->n_accounted, book->n_slots);
      add_counts (b, book->counts);
      json_builder_end_object (b);
      json_builder_end_object (b);
      civ_cli_print_json (b);
      return CIV_EXIT_OK;
    }

  {
    g_autofree char *no = civ_cli_escape (book->archive_no);
    g_autofree char *title = civ_cli_escape (book->title ? book->title : "");
    g_autofree char *pct = civ_coverage_percent (book->n_accounted, book->n_slots);
    int              page = -1;

    printf ("%s  %s\n", no, title);
    for (guint i = 0; i < slots->len; i++)
      {
        const CivArchiveSlot *s = g_ptr_array_index (slots, i);

        if (s->page != page)
          {
            if (page != -1)
              printf ("\n");
            page = s->page;
            /* Translators: the start of a ledger line: the page number. */
            printf (_ ("Page %4d:"), page);
          }
        printf ("  %d %s", s->slot, civ_slot_state_display_name (s->state));
      }
    if (page != -1)
      printf ("\n");
    for (int st = 0; st < CIV_SLOT_N_STATES; st++)
      if (book->counts[st])
        printf ("%s %u  ", civ_slot_state_display_name ((CivSlotState) st), book->counts[st]);
    printf ("\n");
    /* Translators: slots accounted for, slots, percent. */
    printf (_ ("Accounted for: %1$u of %2$u slots (%3$s %%)\n"), book->n_accounted, book->n_slots,
            pct);
  }
  return CIV_EXIT_OK;
}

/* coverage ------------------------------------------------------------------ */

static gboolean
parse_group (const char *text, CivCoverageGroup *group)
{
  if (text == NULL || strcmp (text, "book") == 0)
    *group = CIV_COVERAGE_BY_BOOK;
  else if (strcmp (text, "year") == 0)
    *group = CIV_COVERAGE_BY_YEAR;
  else if (strcmp (text, "office") == 0)
    *group = CIV_COVERAGE_BY_OFFICE;
  else
    return FALSE;
  return TRUE;
}

static int
archive_coverage (CivCliGlobal *global, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (CivCoverageReport) report = NULL;
  g_autofree char   *by = NULL, *pdf = NULL, *csv = NULL;
  int                year = 0, rc, pdf_pages = 0;
  CivCoverageGroup   group;
  guint64            slots = 0, accounted = 0;
  const GOptionEntry entries[] = { CIV_CLI_GLOBAL_ENTRIES (global),
                                   { "year", 0, 0, G_OPTION_ARG_INT, &year,
                                     N_ ("Only the books covering this year"), "YEAR" },
                                   { "by", 0, 0, G_OPTION_ARG_STRING, &by,
                                     N_ ("One line per book, year or office"), "book|year|office" },
                                   { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf,
                                     N_ ("Write the coverage report as PDF"), "OUT.pdf" },
                                   { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv,
                                     N_ ("Write the coverage report as CSV"), "OUT.csv" },
                                   { NULL } };
  g_autoptr (GOptionContext) ctx =
    civ_cli_command_context (NULL,
                             _ ("How much of the books is accounted for, and the coverage report"),
                             entries);

  if (!civ_cli_parse (ctx, &argc, &argv))
    return CIV_EXIT_USAGE;
  if ((rc = extra_argument (argc, argv, 1)) != CIV_EXIT_OK)
    return rc;
  if (!parse_group (by, &group))
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("--by takes book, year or office, not “%s”"), by);
  if (year != 0 && (year < 1949 || year > 2999))
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("--year must be a year from 1949"));
  if (pdf && csv && strcmp (pdf, csv) == 0)
    return civ_cli_fail (CIV_EXIT_USAGE, _ ("--pdf and --csv must name two different files"));
  if ((rc = open_or_fail (global, &store)) != CIV_EXIT_OK)
    return rc;
  rows = civ_archive_coverage (store, group, year, &error);
  if (rows == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  report = civ_coverage_report_collect (store, year, &error);
  if (report == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  civ_coverage_report_totals (report, &slots, &accounted, NULL);
  if (pdf)
    {
      g_autoptr (GBytes) bytes = civ_coverage_report_to_pdf (report, &pdf_pages, &error);
      gsize       size = 0;
      const char *data = bytes ? g_bytes_get_data (bytes, &size) : NULL;

      if (bytes == NULL || !g_file_set_contents_full (pdf, data, (gssize) size,
                                                      G_FILE_SET_CONTENTS_CONSISTENT, 0644, &error))
        return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
    }
  if (csv && !civ_coverage_report_write (report, csv, FALSE, &error))
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);

  if (global->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      static const char *const groups[] = { "book", "year", "office" };

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "by");
      json_builder_add_string_value (b, groups[group]);
      json_builder_set_member_name (b, "year");
      if (year)
        json_builder_add_int_value (b, year);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "complete");
      json_builder_add_boolean_value (b, civ_coverage_report_is_complete (report));
      json_builder_set_member_name (b, "slots");
      json_builder_add_int_value (b, (gint64) slots);
      json_builder_set_member_name (b, "accounted");
      json_builder_add_int_value (b, (gint64) accounted);
      add_percent (b, accounted, slots);
      json_builder_set_member_name (b, "rows");
      json_builder_begin_array (b);
      for (guint i = 0; i < rows->len; i++)
        {
          const CivCoverageRow *r = g_ptr_array_index (rows, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "key");
          json_builder_add_string_value (b, r->key);
          json_builder_set_member_name (b, "label");
          json_builder_add_string_value (b, r->label);
          json_builder_set_member_name (b, "pages");
          json_builder_add_int_value (b, r->n_pages);
          json_builder_set_member_name (b, "pages_accounted");
          json_builder_add_int_value (b, r->n_pages_accounted);
          json_builder_set_member_name (b, "slots");
          json_builder_add_int_value (b, r->n_slots);
          json_builder_set_member_name (b, "accounted");
          json_builder_add_int_value (b, r->n_accounted);
          add_percent (b, r->n_accounted, r->n_slots);
          add_counts (b, r->counts);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      civ_cli_json_add_string_or_null (b, "pdf", pdf);
      json_builder_set_member_name (b, "pdf_pages");
      json_builder_add_int_value (b, pdf_pages);
      civ_cli_json_add_string_or_null (b, "csv", csv);
      json_builder_end_object (b);
      civ_cli_print_json (b);
      return CIV_EXIT_OK;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      const CivCoverageRow *r = g_ptr_array_index (rows, i);
      g_autofree char      *pct = civ_coverage_percent (r->n_accounted, r->n_slots);
      g_autofree char      *label = civ_cli_escape (r->label);

      /* Translators: percent, slots accounted for, slots, pages accounted for, pages, label. */
      printf (_ ("%1$5s %%  %2$u/%3$u slots  %4$u/%5$u pages  %6$s\n"), pct, r->n_accounted,
              r->n_slots, r->n_pages_accounted, r->n_pages, label);
    }
  if (civ_coverage_report_is_complete (report))
    printf ("%s\n", _ ("Coverage has reached 100 %: every slot is accounted for."));
  else
    {
      g_autofree char *pct = civ_coverage_percent (accounted, slots);
      g_autofree char *left = g_strdup_printf ("%" G_GUINT64_FORMAT, slots - accounted);

      printf (_ ("Coverage has NOT reached 100 %%: %1$s %% accounted for, %2$s slots left.\n"), pct,
              left);
    }
  if (pdf)
    {
      g_autofree char *name = civ_cli_escape (pdf);

      printf (g_dngettext (GETTEXT_PACKAGE, "Wrote the report to %s (%d page)\n",
                           "Wrote the report to %s (%d pages)\n", (gulong) pdf_pages),
              name, pdf_pages);
    }
  if (csv)
    {
      g_autofree char *name = civ_cli_escape (csv);

      printf (_ ("Wrote the report to %s\n"), name);
    }
  return CIV_EXIT_OK;
}

/* conflicts, figures ------------------------------------------------------- */

static int
archive_conflicts (CivCliGlobal *global, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (GPtrArray) list = NULL;
  gboolean           all = FALSE;
  const GOptionEntry entries[] = { CIV_CLI_GLOBAL_ENTRIES (global),
                                   { "all", 0, 0, G_OPTION_ARG_NONE, &all,
                                     N_ ("Also the conflicts already reviewed"), NULL },
                                   { NULL } };
  g_autoptr (GOptionContext) ctx =
    civ_cli_command_context (NULL,
                             _ (
                               "List contradictions in people's history found by the person index"),
                             entries);
  int rc;

  if (!civ_cli_parse (ctx, &argc, &argv))
    return CIV_EXIT_USAGE;
  if ((rc = extra_argument (argc, argv, 1)) != CIV_EXIT_OK)
    return rc;
  if ((rc = open_or_fail (global, &store)) != CIV_EXIT_OK)
    return rc;
  list = civ_archive_conflicts (store, !all, &error);
  if (list == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  if (global->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < list->len; i++)
        {
          const CivHistoryConflict *c = g_ptr_array_index (list, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_int_value (b, c->id);
          civ_cli_json_add_string_or_null (b, "kind", c->kind);
          civ_cli_json_add_string_or_null (b, "person_name", c->person_name);
          civ_cli_json_add_string_or_null (b, "person_doc", c->person_doc);
          civ_cli_json_add_string_or_null (b, "record_a", c->record_a);
          civ_cli_json_add_string_or_null (b, "record_b", c->record_b);
          civ_cli_json_add_string_or_null (b, "found_at", c->found_at);
          civ_cli_json_add_string_or_null (b, "reviewed_by", c->reviewed_by);
          civ_cli_json_add_string_or_null (b, "review_note", c->review_note);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      civ_cli_print_json (b);
      return CIV_EXIT_OK;
    }
  if (list->len == 0)
    printf ("%s\n", all ? _ ("No conflicts were found in anyone's history.")
                        : _ ("No conflicts are waiting for review."));
  for (guint i = 0; i < list->len; i++)
    {
      const CivHistoryConflict *c = g_ptr_array_index (list, i);
      g_autofree char          *name = civ_cli_escape (c->person_name);
      g_autofree char          *doc = civ_cli_escape (c->person_doc ? c->person_doc : "");

      /* Translators: conflict id, person, document, the two records, when found. */
      printf (_ ("%1$lld  %2$s %3$s: records %4$s and %5$s overlap (found %6$s)"),
              (long long) c->id, name, doc, c->record_a ? c->record_a : "",
              c->record_b ? c->record_b : "", c->found_at ? c->found_at : "");
      if (c->reviewed_by)
        {
          g_autofree char *note = civ_cli_escape (c->review_note ? c->review_note : "");

          printf (_ ("; reviewed by %s: %s"), c->reviewed_by, note);
        }
      printf ("\n");
    }
  return CIV_EXIT_OK;
}

static int
archive_figures (CivCliGlobal *global, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (GPtrArray) list = NULL;
  const GOptionEntry entries[] = { CIV_CLI_GLOBAL_ENTRIES (global), { NULL } };
  g_autoptr (GOptionContext) ctx =
    civ_cli_command_context (NULL, _ ("Entries per hour and disagreement rate of each archivist"),
                             entries);
  int rc;

  if (!civ_cli_parse (ctx, &argc, &argv))
    return CIV_EXIT_USAGE;
  if ((rc = extra_argument (argc, argv, 1)) != CIV_EXIT_OK)
    return rc;
  if ((rc = open_or_fail (global, &store)) != CIV_EXIT_OK)
    return rc;
  list = civ_archive_keyer_figures (store, &error);
  if (list == NULL)
    return civ_cli_fail_error (CIV_EXIT_FAILURE, error);
  if (global->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < list->len; i++)
        {
          const CivKeyerFigures *f = g_ptr_array_index (list, i);

          json_builder_begin_object (b);
          civ_cli_json_add_string_or_null (b, "login", f->login);
          civ_cli_json_add_string_or_null (b, "display_name", f->display_name);
          json_builder_set_member_name (b, "entries");
          json_builder_add_int_value (b, f->entries);
          json_builder_set_member_name (b, "hours");
          json_builder_add_double_value (b, f->hours);
          json_builder_set_member_name (b, "per_hour");
          json_builder_add_double_value (b, f->per_hour);
          json_builder_set_member_name (b, "compared");
          json_builder_add_int_value (b, f->compared);
          json_builder_set_member_name (b, "disagreements");
          json_builder_add_int_value (b, f->disagreements);
          json_builder_set_member_name (b, "disagreement_rate");
          json_builder_add_double_value (b, f->disagreement_rate);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      civ_cli_print_json (b);
      return CIV_EXIT_OK;
    }
  if (list->len == 0)
    printf ("%s\n", _ ("Nobody has keyed an entry yet."));
  for (guint i = 0; i < list->len; i++)
    {
      const CivKeyerFigures *f = g_ptr_array_index (list, i);
      g_autofree char       *name = civ_cli_escape (f->display_name ? f->display_name : "");

      /* Translators: login, name, entries, entries per hour, compared, disagreements, rate. */
      printf (_ ("%1$-12s %2$s: %3$u entries, %4$.1f per hour; %5$u compared, %6$u disagreed "
                 "(%7$.1f %%)\n"),
              f->login, name, f->entries, f->per_hour, f->compared, f->disagreements,
              f->disagreement_rate * 100.0);
    }
  return CIV_EXIT_OK;
}

/* The command ---------------------------------------------------------------- */

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n",
           _ ("Usage: civreg-cli … archive import FILE.csv | books | book add … | attach BOOK "
              "FILE --page N | ledger BOOK | coverage | conflicts | figures"));
  fprintf (out, "%s\n", _ ("Run “civreg-cli archive SUBCOMMAND --help” for its options."));
}

int
civ_cli_cmd_archive (CivCliGlobal *global, int argc, char **argv)
{
  const char *sub = argc > 1 ? argv[1] : NULL;

  if (sub == NULL || strcmp (sub, "--help") == 0 || strcmp (sub, "-h") == 0)
    {
      print_usage (sub ? stdout : stderr);
      return sub ? CIV_EXIT_OK : CIV_EXIT_USAGE;
    }
  if (strcmp (sub, "import") == 0)
    return archive_import (global, argc - 1, argv + 1);
  if (strcmp (sub, "books") == 0)
    return archive_books (global, argc - 1, argv + 1);
  if (strcmp (sub, "book") == 0)
    {
      if (argc > 2 && strcmp (argv[2], "add") == 0)
        return archive_book_add (global, argc - 2, argv + 2);
      return civ_cli_fail (CIV_EXIT_USAGE, _ ("archive book takes “add” (see archive book add "
                                              "--help)"));
    }
  if (strcmp (sub, "attach") == 0)
    return archive_attach (global, argc - 1, argv + 1);
  if (strcmp (sub, "ledger") == 0)
    return archive_ledger (global, argc - 1, argv + 1);
  if (strcmp (sub, "coverage") == 0)
    return archive_coverage (global, argc - 1, argv + 1);
  if (strcmp (sub, "conflicts") == 0)
    return archive_conflicts (global, argc - 1, argv + 1);
  if (strcmp (sub, "figures") == 0)
    return archive_figures (global, argc - 1, argv + 1);
  {
    g_autofree char *name = civ_cli_escape (sub);

    civ_cli_fail (0, _ ("Unknown archive command “%s”"), name);
  }
  print_usage (stderr);
  return CIV_EXIT_USAGE;
}
