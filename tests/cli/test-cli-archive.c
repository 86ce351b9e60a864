// SPDX-License-Identifier: GPL-3.0-or-later
/* test-cli-archive.c — civreg-cli archive in a subprocess: books, page
 * images, the ledger, coverage with its PDF and CSV report, CSV import
 * (dry run, rejected rows, the same file twice, Ctrl+C), conflicts and
 * figures; exit codes and JSON shapes */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>

#include "civ-archive-service.h"
#include "civ-test-utils.h"

#define ARCHIVIST "dangan"
#define ARCHIVIST_PW "Archivist-password"
#define CLERK "clerk"
#define CLERK_PW "Registrar-password"

typedef struct
{
  char *dir;  /* the office */
  char *work; /* files to import, attach and write */
  char *pw;
  char *clerk_pw;
} Office;

static char *
work_file (Office *o, const char *name, const void *data, gssize len)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (o->work, name, NULL);

  if (data)
    {
      g_file_set_contents (path, data, len, &error);
      g_assert_no_error (error);
    }
  return path;
}

static void
office_setup (Office *o, gconstpointer data)
{
  g_autoptr (CivStore) store = civ_test_new_office (&o->dir, NULL);

  o->work = civ_test_mkdtemp ();
  civ_test_add_operator (store, ARCHIVIST, "张档案", CIV_ROLE_ARCHIVIST, ARCHIVIST_PW);
  civ_test_add_operator (store, CLERK, "李登记", CIV_ROLE_REGISTRAR, CLERK_PW);
  o->pw = work_file (o, "pw", ARCHIVIST_PW "\n", -1);
  o->clerk_pw = work_file (o, "clerk-pw", CLERK_PW "\n", -1);
}

static void
office_teardown (Office *o, gconstpointer data)
{
  civ_test_rmdir (o->dir);
  civ_test_rmdir (o->work);
  g_free (o->dir);
  g_free (o->work);
  g_free (o->pw);
  g_free (o->clerk_pw);
}

/* Runs civreg-cli as @user with @args after the global options. */
static void
run_as (Office *o, const char *user, CivCliRun *r, const char *const *args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  const char *global[] = { "--data-dir",      o->dir,
                           "--user",          user,
                           "--password-file", strcmp (user, CLERK) == 0 ? o->clerk_pw : o->pw };

  for (guint i = 0; i < G_N_ELEMENTS (global); i++)
    g_ptr_array_add (argv, (gpointer) global[i]);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  civ_test_run_cli (r, (const char *const *) argv->pdata);
}

static void
run (Office *o, CivCliRun *r, const char *const *args)
{
  run_as (o, ARCHIVIST, r, args);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static gint64
count (Office *o, const char *sql)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store =
    civ_store_open (o->dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);
  gint64 n = -1;

  g_assert_no_error (error);
  g_assert_true (civ_db_query_int64 (civ_store_get_db (store), sql, &n, NULL));
  return n;
}

/* Adds book @no (@pages pages of @slots slots) and returns its JSON object. */
static JsonNode *
add_book (Office *o, const char *no, const char *years, int pages, int slots)
{
  g_auto (CivCliRun) r = { 0 };
  g_autofree char *p = g_strdup_printf ("%d", pages);
  g_autofree char *s = g_strdup_printf ("%d", slots);

  run (o, &r,
       (const char *[]){ "archive", "book", "add", "--archive-no", no, "--category", "marriage",
                         "--years", years, "--pages", p, "--slots", s, "--title", "结婚登记簿",
                         "--json", NULL });
  g_test_message ("%s", r.err);
  g_assert_cmpint (r.status, ==, 0);
  return parse (r.out);
}

/* Marks every slot of @book's pages @first … @last with @state, straight
 * through the service as the archivist. */
static void
mark_pages (Office *o, const char *book, int first, int last, CivSlotState state)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = civ_store_open (o->dir, ARCHIVIST, ARCHIVIST_PW, &error);

  g_assert_no_error (error);
  for (int p = first; p <= last; p++)
    {
      g_assert_true (civ_archive_slot_mark (store, book, p, 0, state, "页面缺损", &error));
      g_assert_no_error (error);
    }
}

static void
test_books (Office *o, gconstpointer data)
{
  g_autoptr (JsonNode) added = add_book (o, "A12-1985-003", "1985-1986", 4, 3);
  g_autoptr (JsonNode) listed = NULL;
  JsonObject *b = json_node_get_object (added);
  JsonObject *counts;

  g_assert_cmpstr (json_object_get_string_member (b, "archive_no"), ==, "A12-1985-003");
  g_assert_cmpstr (json_object_get_string_member (b, "title"), ==, "结婚登记簿");
  g_assert_cmpstr (json_object_get_string_member (b, "category"), ==, "marriage");
  g_assert_cmpint (json_object_get_int_member (b, "year_from"), ==, 1985);
  g_assert_cmpint (json_object_get_int_member (b, "year_to"), ==, 1986);
  g_assert_cmpint (json_object_get_int_member (b, "pages"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (b, "slots_per_page"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (b, "slots"), ==, 12);
  g_assert_cmpint (json_object_get_int_member (b, "accounted"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (b, "percent"), ==, "0.0");
  g_assert_true (json_object_get_boolean_member (b, "double_keying"));
  g_assert_false (json_object_get_boolean_member (b, "closed"));
  g_assert_cmpstr (json_object_get_string_member (b, "created_by"), ==, ARCHIVIST);
  counts = json_object_get_object_member (b, "counts");
  g_assert_cmpuint (json_object_get_size (counts), ==, CIV_SLOT_N_STATES);
  g_assert_cmpint (json_object_get_int_member (counts, "unseen"), ==, 12);
  g_assert_cmpint (json_object_get_int_member (counts, "entered"), ==, 0);

  /* Single keying, a year alone. */
  {
    g_auto (CivCliRun) r = { 0 };
    run (o, &r,
         (const char *[]){ "archive", "book", "add", "--archive-no", "A12-1990-001", "--category",
                           "divorce", "--years", "1990", "--pages", "2", "--slots", "5",
                           "--single-keying", NULL });
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "A12-1990-001"));
  }
  {
    g_auto (CivCliRun) r = { 0 };
    run (o, &r, (const char *[]){ "archive", "books", "--json", NULL });
    g_assert_cmpint (r.status, ==, 0);
    listed = parse (r.out);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (listed)), ==, 2);
  }
  {
    JsonArray *arr = json_node_get_array (listed);

    for (guint i = 0; i < 2; i++)
      {
        JsonObject *k = json_array_get_object_element (arr, i);

        if (strcmp (json_object_get_string_member (k, "archive_no"), "A12-1990-001") == 0)
          {
            g_assert_false (json_object_get_boolean_member (k, "double_keying"));
            g_assert_cmpstr (json_object_get_string_member (k, "category"), ==, "divorce");
            g_assert_cmpint (json_object_get_int_member (k, "year_to"), ==, 1990);
          }
      }
  }
  {
    g_auto (CivCliRun) r = { 0 };
    run (o, &r, (const char *[]){ "archive", "books", NULL });
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "A12-1985-003"));
    g_assert_nonnull (strstr (r.out, "0/12"));
  }
  /* The same 档号 again is refused and changes nothing. */
  {
    g_auto (CivCliRun) r = { 0 };
    run (o, &r,
         (const char *[]){ "archive", "book", "add", "--archive-no", "A12-1985-003", "--category",
                           "marriage", "--years", "1985", "--pages", "1", "--slots", "1", NULL });
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "A12-1985-003"));
  }
  g_assert_cmpint (count (o, "SELECT count(*) FROM archive_books"), ==, 2);
  g_assert_cmpint (count (o, "SELECT count(*) FROM archive_slots"), ==, 12 + 10);
  g_assert_cmpint (count (o, "SELECT count(*) FROM audit_log WHERE action = 'archive.book.create'"),
                   ==, 2);
}

static void
test_usage_and_refusals (Office *o, gconstpointer data)
{
  g_autofree char *text = work_file (o, "notes.png", "just some text\n", -1);
  g_autofree char *png = work_file (o, "p1.png", civ_test_tiny_png, sizeof civ_test_tiny_png);
  g_autofree char *csv = work_file (o, "a.csv", "date,office_code,party1_name\n", -1);
  g_autofree char *missing = work_file (o, "missing.csv", NULL, 0);
  g_autoptr (JsonNode) book = add_book (o, "A1", "1985", 2, 2);
  struct
  {
    const char *args[16];
    int         status;
    const char *needle;
  } cases[] = {
    { { "archive", NULL }, 2, "import" },
    { { "archive", "frobnicate", NULL }, 2, "frobnicate" },
    { { "archive", "book", NULL }, 2, "add" },
    { { "archive", "book", "add", "--archive-no", "B", "--category", "marriage", "--years", "1985",
        "--pages", "2", NULL },
      2,
      "--slots" },
    { { "archive", "book", "add", "--archive-no", "B", "--category", "adoption", "--years", "1985",
        "--pages", "2", "--slots", "2", NULL },
      2,
      "adoption" },
    { { "archive", "book", "add", "--archive-no", "B", "--category", "marriage", "--years",
        "1986-1985", "--pages", "2", "--slots", "2", NULL },
      2,
      "1986-1985" },
    { { "archive", "book", "add", "--archive-no", "B", "--category", "marriage", "--years", "1985",
        "--pages", "-3", "--slots", "2", NULL },
      2,
      "--pages" },
    { { "archive", "books", "extra", NULL }, 2, "extra" },
    { { "archive", "import", NULL }, 2, "FILE" },
    { { "archive", "import", csv, "--encoding", "latin1", NULL }, 2, "latin1" },
    { { "archive", "import", csv, "--errors", csv, NULL }, 2, "--errors" },
    { { "archive", "import", missing, NULL }, 1, "missing.csv" },
    { { "archive", "attach", "A1", png, NULL }, 2, "--page" },
    { { "archive", "attach", "A1", NULL }, 2, "FILE" },
    { { "archive", "attach", "A1", text, "--page", "1", NULL }, 1, "" },
    { { "archive", "attach", "NO-SUCH-BOOK", png, "--page", "1", NULL }, 1, "NO-SUCH-BOOK" },
    { { "archive", "ledger", NULL }, 2, "BOOK" },
    { { "archive", "ledger", "NO-SUCH-BOOK", NULL }, 1, "NO-SUCH-BOOK" },
    { { "archive", "coverage", "--by", "month", NULL }, 2, "month" },
    { { "archive", "coverage", "--year", "1800", NULL }, 2, "--year" },
    { { "archive", "coverage", "--pdf", "x", "--csv", "x", NULL }, 2, "--pdf" },
    { { "archive", "conflicts", "now", NULL }, 2, "now" },
    { { "archive", "figures", "--bogus", NULL }, 2, "--bogus" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (CivCliRun) r = { 0 };

      run (o, &r, cases[i].args);
      g_test_message ("case %u: %d %s", i, r.status, r.err);
      g_assert_cmpint (r.status, ==, cases[i].status);
      g_assert_nonnull (strstr (r.err, cases[i].needle));
    }
  g_assert_cmpint (count (o, "SELECT count(*) FROM archive_books"), ==, 1);
  g_assert_cmpint (count (o, "SELECT count(*) FROM archive_images"), ==, 0);
  g_assert_cmpint (count (o, "SELECT count(*) FROM archive_imports"), ==, 0);

  /* A registrar may not add a book (nor import). */
  {
    g_auto (CivCliRun) r = { 0 };
    run_as (o, CLERK, &r,
            (const char *[]){ "archive", "book", "add", "--archive-no", "C", "--category",
                              "marriage", "--years", "1985", "--pages", "1", "--slots", "1",
                              NULL });
    g_assert_cmpint (r.status, ==, 1);
  }
  g_assert_cmpint (count (o, "SELECT count(*) FROM archive_books"), ==, 1);
}

static void
test_attach_and_ledger (Office *o, gconstpointer data)
{
  g_autoptr (JsonNode) book = add_book (o, "A12-1985-003", "1985", 3, 2);
  g_autofree char *png = work_file (o, "第1页.png", civ_test_tiny_png, sizeof civ_test_tiny_png);
  g_autoptr (JsonNode) ledger = NULL;
  const char *id = json_object_get_string_member (json_node_get_object (book), "id");
  JsonArray  *pages;
  JsonObject *totals;

  {
    g_auto (CivCliRun) r = { 0 };
    g_autoptr (JsonNode) a = NULL;

    run (o, &r,
         (const char *[]){ "archive", "attach", "A12-1985-003", png, "--page", "1", "--json",
                           NULL });
    g_test_message ("%s", r.err);
    g_assert_cmpint (r.status, ==, 0);
    a = parse (r.out);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (a), "id"), >, 0);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (a), "first_page"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (a), "file_name"), ==,
                     "第1页.png");
  }
  /* By id, text. */
  {
    g_auto (CivCliRun) r = { 0 };
    run (o, &r, (const char *[]){ "archive", "attach", id, png, "--page", "2", NULL });
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "第1页.png"));
  }
  g_assert_cmpint (count (o, "SELECT count(*) FROM archive_images"), ==, 2);

  mark_pages (o, id, 2, 2, CIV_SLOT_TORN);
  {
    g_auto (CivCliRun) r = { 0 };
    run (o, &r, (const char *[]){ "archive", "ledger", "A12-1985-003", "--json", NULL });
    g_assert_cmpint (r.status, ==, 0);
    ledger = parse (r.out);
  }
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (json_node_get_object (ledger), "book"),
                     "archive_no"),
                   ==, "A12-1985-003");
  pages = json_object_get_array_member (json_node_get_object (ledger), "pages");
  g_assert_cmpuint (json_array_get_length (pages), ==, 3);
  for (guint p = 0; p < 3; p++)
    {
      JsonObject *page = json_array_get_object_element (pages, p);
      JsonArray  *slots = json_object_get_array_member (page, "slots");

      g_assert_cmpint (json_object_get_int_member (page, "page"), ==, p + 1);
      g_assert_cmpint (json_object_get_int_member (page, "slot_count"), ==, 2);
      g_assert_cmpuint (json_array_get_length (slots), ==, 2);
      g_assert_cmpint (json_object_get_int_member (page, "accounted"), ==, p == 1 ? 2 : 0);
      for (guint s = 0; s < 2; s++)
        {
          JsonObject *slot = json_array_get_object_element (slots, s);

          g_assert_cmpint (json_object_get_int_member (slot, "slot"), ==, s + 1);
          g_assert_cmpstr (json_object_get_string_member (slot, "state"), ==,
                           p == 1 ? "torn" : "unseen");
          if (p == 1)
            {
              g_assert_cmpstr (json_object_get_string_member (slot, "note"), ==, "页面缺损");
              g_assert_cmpstr (json_object_get_string_member (slot, "updated_by"), ==, ARCHIVIST);
            }
        }
    }
  totals = json_object_get_object_member (json_node_get_object (ledger), "totals");
  g_assert_cmpint (json_object_get_int_member (totals, "slots"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (totals, "accounted"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (totals, "percent"), ==, "33.3");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (totals, "counts"),
                                               "torn"),
                   ==, 2);

  {
    g_auto (CivCliRun) r = { 0 };
    run (o, &r, (const char *[]){ "archive", "ledger", "A12-1985-003", NULL });
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "2 of 6"));
    g_assert_nonnull (strstr (r.out, "33.3 %"));
  }
}

static void
test_coverage (Office *o, gconstpointer data)
{
  g_autoptr (JsonNode) b1 = add_book (o, "A12-1985-003", "1985", 3, 2);
  g_autoptr (JsonNode) b2 = add_book (o, "A12-1990-001", "1990-1991", 2, 4);
  const char      *id1 = json_object_get_string_member (json_node_get_object (b1), "id");
  const char      *id2 = json_object_get_string_member (json_node_get_object (b2), "id");
  g_autofree char *pdf = work_file (o, "coverage.pdf", NULL, 0);
  g_autofree char *csv = work_file (o, "coverage.csv", NULL, 0);
  g_autoptr (JsonNode) cov = NULL;
  JsonObject *c;
  JsonArray  *rows;

  mark_pages (o, id1, 1, 3, CIV_SLOT_BLANK);
  mark_pages (o, id2, 1, 1, CIV_SLOT_MISSING);
  {
    g_auto (CivCliRun) r = { 0 };
    run (o, &r,
         (const char *[]){ "archive", "coverage", "--pdf", pdf, "--csv", csv, "--json", NULL });
    g_test_message ("%s", r.err);
    g_assert_cmpint (r.status, ==, 0);
    cov = parse (r.out);
  }
  c = json_node_get_object (cov);
  g_assert_cmpstr (json_object_get_string_member (c, "by"), ==, "book");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (c, "year")));
  g_assert_false (json_object_get_boolean_member (c, "complete"));
  g_assert_cmpint (json_object_get_int_member (c, "slots"), ==, 14);
  g_assert_cmpint (json_object_get_int_member (c, "accounted"), ==, 10);
  g_assert_cmpstr (json_object_get_string_member (c, "percent"), ==, "71.4");
  rows = json_object_get_array_member (c, "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, 2);
  {
    JsonObject *row = json_array_get_object_element (rows, 0);

    g_assert_nonnull (json_object_get_string_member (row, "key"));
    g_assert_nonnull (json_object_get_string_member (row, "label"));
    g_assert_true (json_object_has_member (row, "pages"));
    g_assert_true (json_object_has_member (row, "pages_accounted"));
    g_assert_true (json_object_has_member (row, "counts"));
  }
  g_assert_cmpstr (json_object_get_string_member (c, "pdf"), ==, pdf);
  g_assert_cmpstr (json_object_get_string_member (c, "csv"), ==, csv);

  /* The PDF: its page count as said, the pages not accounted for listed. */
  {
    g_autoptr (GBytes) bytes = civ_test_read_file (pdf);
    g_autofree char *text = civ_test_pdf_text (pdf, FALSE, 0);
    int              pages = (int) json_object_get_int_member (c, "pdf_pages");

    g_assert_cmpmem (g_bytes_get_data (bytes, NULL), 5, "%PDF-", 5);
    g_assert_cmpint (pages, >=, 1);
    g_assert_cmpint (civ_test_pdf_pages (pdf), ==, pages);
    g_assert_nonnull (strstr (text, "A12-1990-001"));
    g_assert_nonnull (strstr (text, "NOT reached 100 %"));
    civ_test_pdf_screenshot (pdf, "archive-coverage-open", 100);
  }

  /* By year, for 1990 only. */
  {
    g_auto (CivCliRun) r = { 0 };
    g_autoptr (JsonNode) y = NULL;

    run (o, &r,
         (const char *[]){ "archive", "coverage", "--by", "year", "--year", "1990", "--json",
                           NULL });
    g_assert_cmpint (r.status, ==, 0);
    y = parse (r.out);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (y), "year"), ==, 1990);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (y), "slots"), ==, 8);
  }

  /* Every slot accounted for: 100 %, said in the text, the JSON and the report. */
  mark_pages (o, id2, 2, 2, CIV_SLOT_ILLEGIBLE);
  g_remove (pdf);
  {
    g_auto (CivCliRun) r = { 0 };
    run (o, &r, (const char *[]){ "archive", "coverage", "--pdf", pdf, NULL });
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "Coverage has reached 100 %"));
  }
  {
    g_auto (CivCliRun) r = { 0 };
    g_autoptr (JsonNode) done = NULL;

    run (o, &r, (const char *[]){ "archive", "coverage", "--json", NULL });
    done = parse (r.out);
    g_assert_true (json_object_get_boolean_member (json_node_get_object (done), "complete"));
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (done), "percent"), ==,
                     "100.0");
  }
  {
    g_autofree char *text = civ_test_pdf_text (pdf, FALSE, 0);

    g_assert_nonnull (strstr (text, "Every page has been accounted for"));
    civ_test_pdf_screenshot (pdf, "archive-coverage-complete", 100);
  }

  /* In Chinese: the report's title, the CSV's exact header. */
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_setenv ("LANG", "zh_CN.UTF-8", TRUE);
  g_remove (pdf);
  g_remove (csv);
  {
    g_auto (CivCliRun) r = { 0 };
    run (o, &r, (const char *[]){ "archive", "coverage", "--pdf", pdf, "--csv", csv, NULL });
    g_assert_cmpint (r.status, ==, 0);
  }
  g_unsetenv ("LANGUAGE");
  g_setenv ("LANG", "C.UTF-8", TRUE);
  {
    g_autofree char *text = civ_test_pdf_text (pdf, FALSE, 0);
    g_autoptr (GBytes) bytes = civ_test_read_file (csv);
    g_autofree char *head = NULL;
    const char      *csv_data = g_bytes_get_data (bytes, NULL);
    const char      *eol;

    g_assert_nonnull (strstr (text, "婚姻档案补录覆盖报告"));
    g_assert_nonnull (strstr (text, "每一页均已核对"));
    /* pdftotext keeps or drops the spaces around Chinese characters as it likes. */
    {
      g_autoptr (GString) bare = g_string_new (NULL);

      for (const char *p = text; *p; p++)
        if (!g_ascii_isspace (*p))
          g_string_append_c (bare, *p);
      g_assert_nonnull (strstr (bare->str, "第1页共1页"));
    }
    civ_test_pdf_screenshot (pdf, "archive-coverage-zh_CN", 100);
    g_assert_cmpmem (csv_data, 3, "\xEF\xBB\xBF", 3);
    eol = strstr (csv_data, "\r\n");
    g_assert_nonnull (eol);
    head = g_strndup (csv_data + 3, eol - csv_data - 3);
    g_assert_cmpstr (head, ==,
                     "档号,题名,登记机关,年度,类别,页数,每页条目数,条目数,未查看,已录一次,有分歧,"
                     "已录入,无法辨认,空白,破损,缺失,已核对,覆盖率");
    g_assert_nonnull (strstr (csv_data, "\r\n每一页均已核对\r\n"));
  }
}

/* A backfill CSV (docs/backfill-csv.md, stable column names) of @n rows;
 * row @bad (1-based among the data rows, 0 for none) has a date that does
 * not exist. */
static char *
make_csv (Office *o, const char *name, guint n, guint bad, guint seed)
{
  GString *s = g_string_new ("date,office_code,office_name,archive_no,volume,page,entry,"
                             "party1_name,party1_sex,party1_birth_date,party1_doc_status,"
                             "party2_name,party2_sex,party2_birth_date,party2_doc_status\r\n");
  char    *path;

  for (guint i = 1; i <= n; i++)
    g_string_append_printf (s,
                            "%s,320102,玄武区民政局,A12-1985-%03u,1,%u,%u,王%s%u,1,1960,"
                            "ABSENT_PRE_ID,李𠀀%u,2,1962-03,ABSENT_PRE_ID\r\n",
                            i == bad ? "1985-02-30" : "1985-06", seed, i / 8 + 1, i % 8 + 1,
                            seed % 2 ? "建国" : "卫东", i, i);
  path = work_file (o, name, s->str, (gssize) s->len);
  g_string_free (s, TRUE);
  return path;
}

static void
test_import (Office *o, gconstpointer data)
{
  g_autofree char *good = make_csv (o, "1985.csv", 20, 0, 1);
  g_autofree char *bad = make_csv (o, "1986.csv", 10, 4, 2);
  g_autofree char *errors = work_file (o, "errors.csv", NULL, 0);

  /* A dry run: checked, nothing written. */
  {
    g_auto (CivCliRun) r = { 0 };
    g_autoptr (JsonNode) j = NULL;
    JsonObject *res;

    run (o, &r, (const char *[]){ "archive", "import", good, "--dry-run", "--json", NULL });
    g_test_message ("%s", r.err);
    g_assert_cmpint (r.status, ==, 0);
    j = parse (r.out);
    res = json_node_get_object (j);
    g_assert_true (json_object_get_boolean_member (res, "dry_run"));
    g_assert_false (json_object_get_boolean_member (res, "committed"));
    g_assert_cmpint (json_object_get_int_member (res, "rows_read"), ==, 20);
    g_assert_cmpint (json_object_get_int_member (res, "rows_rejected"), ==, 0);
    g_assert_cmpstr (json_object_get_string_member (res, "encoding"), ==, "utf-8");
    g_assert_cmpuint (strlen (json_object_get_string_member (res, "sha256")), ==, 64);
  }
  g_assert_cmpint (count (o, "SELECT count(*) FROM historical_records"), ==, 0);

  /* Imported. */
  {
    g_auto (CivCliRun) r = { 0 };
    g_autoptr (JsonNode) j = NULL;
    JsonObject *res;

    run (o, &r, (const char *[]){ "archive", "import", good, "--json", NULL });
    g_test_message ("%s", r.err);
    g_assert_cmpint (r.status, ==, 0);
    j = parse (r.out);
    res = json_node_get_object (j);
    g_assert_true (json_object_get_boolean_member (res, "committed"));
    g_assert_cmpint (json_object_get_int_member (res, "rows_imported"), ==, 20);
    g_assert_cmpint (json_object_get_int_member (res, "import_id"), >, 0);
    g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (res, "errors_file")));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (res, "sample_errors")),
                      ==, 0);
  }
  g_assert_cmpint (count (o, "SELECT count(*) FROM historical_records"), ==, 20);

  /* The same file again is refused … */
  {
    g_auto (CivCliRun) r = { 0 };
    run (o, &r, (const char *[]){ "archive", "import", good, NULL });
    g_assert_cmpint (r.status, ==, 1);
  }
  g_assert_cmpint (count (o, "SELECT count(*) FROM historical_records"), ==, 20);

  /* A file with a bad row: nothing imported, exit 1, the report written. */
  {
    g_auto (CivCliRun) r = { 0 };
    g_autoptr (JsonNode) j = NULL;
    JsonObject *res;

    run (o, &r, (const char *[]){ "archive", "import", bad, "--errors", errors, "--json", NULL });
    g_assert_cmpint (r.status, ==, 1);
    j = parse (r.out);
    res = json_node_get_object (j);
    g_assert_false (json_object_get_boolean_member (res, "committed"));
    g_assert_cmpint (json_object_get_int_member (res, "rows_rejected"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (res, "rows_imported"), ==, 0);
    g_assert_cmpstr (json_object_get_string_member (res, "errors_file"), ==, errors);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (res, "sample_errors")),
                      ==, 1);
  }
  g_assert_true (g_file_test (errors, G_FILE_TEST_EXISTS));
  g_assert_cmpint (count (o, "SELECT count(*) FROM historical_records"), ==, 20);
  /* … with --skip-invalid the nine valid rows, still exit 1 (a row was left out). */
  {
    g_auto (CivCliRun) r = { 0 };

    run (o, &r, (const char *[]){ "archive", "import", bad, "--skip-invalid", NULL });
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.out, "9 of 10 rows"));
  }
  g_assert_cmpint (count (o, "SELECT count(*) FROM historical_records"), ==, 29);
  g_assert_cmpint (count (o, "SELECT count(*) FROM archive_imports"), ==, 2);
}

/* Ctrl+C in the middle of a large import: exit 3, the office unchanged. */
static void
test_import_cancel (Office *o, gconstpointer data)
{
  g_autofree char *big = make_csv (o, "big.csv", 200000, 0, 3);
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) proc = NULL;
  g_autoptr (GDataInputStream) err = NULL;
  g_autofree char *line = NULL;
  const char      *argv[] = { g_getenv ("CIVREG_CLI"),
                              "--data-dir",
                              o->dir,
                              "--user",
                              ARCHIVIST,
                              "--password-file",
                              o->pw,
                              "archive",
                              "import",
                              big,
                              "--progress",
                              NULL };
  gint64           records;

  records = count (o, "SELECT count(*) FROM historical_records");
  proc =
    g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                       &error);
  g_assert_no_error (error);
  err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (proc));
  /* The first progress line says the import is under way. */
  do
    {
      g_free (line);
      line = g_data_input_stream_read_line_utf8 (err, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (line);
    }
  while (strstr (line, "rows read") == NULL);
  g_subprocess_send_signal (proc, SIGINT);
  g_subprocess_wait (proc, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 3);
  g_assert_cmpint (count (o, "SELECT count(*) FROM historical_records"), ==, records);
  g_assert_cmpint (count (o, "SELECT count(*) FROM archive_imports"), ==, 0);
  g_assert_cmpint (count (o, "SELECT count(*) FROM outbox"), ==, 0);
}

static void
test_conflicts_and_figures (Office *o, gconstpointer data)
{
  {
    g_auto (CivCliRun) r = { 0 };
    g_autoptr (JsonNode) j = NULL;

    run (o, &r, (const char *[]){ "archive", "conflicts", "--json", NULL });
    g_assert_cmpint (r.status, ==, 0);
    j = parse (r.out);
    g_assert_true (JSON_NODE_HOLDS_ARRAY (j));
    g_assert_cmpuint (json_array_get_length (json_node_get_array (j)), ==, 0);
  }
  {
    g_auto (CivCliRun) r = { 0 };

    run (o, &r, (const char *[]){ "archive", "conflicts", "--all", NULL });
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "No conflicts"));
  }
  {
    g_auto (CivCliRun) r = { 0 };
    g_autoptr (JsonNode) j = NULL;

    run (o, &r, (const char *[]){ "archive", "figures", "--json", NULL });
    g_assert_cmpint (r.status, ==, 0);
    j = parse (r.out);
    g_assert_true (JSON_NODE_HOLDS_ARRAY (j));
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/cli/archive/books", Office, NULL, office_setup, test_books, office_teardown);
  g_test_add ("/cli/archive/usage-and-refusals", Office, NULL, office_setup,
              test_usage_and_refusals, office_teardown);
  g_test_add ("/cli/archive/attach-and-ledger", Office, NULL, office_setup, test_attach_and_ledger,
              office_teardown);
  g_test_add ("/cli/archive/coverage", Office, NULL, office_setup, test_coverage, office_teardown);
  g_test_add ("/cli/archive/import", Office, NULL, office_setup, test_import, office_teardown);
  g_test_add ("/cli/archive/import-cancel", Office, NULL, office_setup, test_import_cancel,
              office_teardown);
  g_test_add ("/cli/archive/conflicts-and-figures", Office, NULL, office_setup,
              test_conflicts_and_figures, office_teardown);
  return g_test_run ();
}
