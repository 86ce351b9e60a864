// SPDX-License-Identifier: GPL-3.0-or-later
/* test-coverage-report.c — the coverage report as CSV and PDF from a report
 * filled by hand: the CSV's exact header, BOM and CRLF, one line per book,
 * the totals and the pages not accounted for; percentages never rounded up
 * to 100; the PDF's pages, its verdict and its page footers. */
#include <glib/gstdio.h>
#include <string.h>

#include "civ-coverage-report.h"
#include "civ-test-utils.h"

static CivArchiveBook *
make_book (const char *no, const char *title, int year, int pages, int slots_per_page)
{
  CivArchiveBook *b = g_new0 (CivArchiveBook, 1);

  b->book_id = g_strdup_printf ("id-%s", no);
  b->archive_no = g_strdup (no);
  b->title = g_strdup (title);
  b->category = CIV_HIST_MARRIAGE;
  b->year_from = year;
  b->year_to = year + 1;
  b->pages = pages;
  b->slots_per_page = slots_per_page;
  b->double_keying = TRUE;
  b->n_slots = (guint) (pages * slots_per_page);
  return b;
}

/* Adds @book with a ledger where @state (page, slot) gives each slot's state. */
static void
add_book (CivCoverageReport *report,
          CivArchiveBook    *book,
          CivSlotState (*state) (int page, int slot))
{
  g_autoptr (GPtrArray) ledger =
    g_ptr_array_new_with_free_func ((GDestroyNotify) civ_archive_slot_free);
  CivCoverageRow *year = g_new0 (CivCoverageRow, 1);

  for (int p = 1; p <= book->pages; p++)
    for (int s = 1; s <= book->slots_per_page; s++)
      {
        CivArchiveSlot *slot = g_new0 (CivArchiveSlot, 1);

        slot->page = p;
        slot->slot = s;
        slot->state = state (p, s);
        book->counts[slot->state]++;
        book->n_accounted += civ_slot_state_is_accounted (slot->state);
        g_ptr_array_add (ledger, slot);
      }
  civ_coverage_report_add_book (report, book, ledger);
  year->key = g_strdup_printf ("%d", book->year_from);
  year->label = g_strdup_printf ("%d", book->year_from);
  memcpy (year->counts, book->counts, sizeof book->counts);
  year->n_slots = book->n_slots;
  year->n_accounted = book->n_accounted;
  year->n_pages = (guint) book->pages;
  g_ptr_array_add (report->by_year, year);
  civ_archive_book_free (book);
}

static CivSlotState
all_done (int page, int slot)
{
  return slot == 3 ? CIV_SLOT_BLANK : page == 2 && slot == 1 ? CIV_SLOT_TORN : CIV_SLOT_ENTERED;
}

/* Page 2: slot 1 unseen, slot 2 keyed once; page 4: slot 3 disputed;
 * page 5 never looked at. */
static CivSlotState
some_open (int page, int slot)
{
  if (page == 2 && slot == 1)
    return CIV_SLOT_UNSEEN;
  if (page == 2 && slot == 2)
    return CIV_SLOT_KEYED_ONCE;
  if (page == 4 && slot == 3)
    return CIV_SLOT_DISPUTED;
  if (page == 5)
    return CIV_SLOT_UNSEEN;
  return slot == 1 ? CIV_SLOT_ILLEGIBLE : CIV_SLOT_ENTERED;
}

static CivCoverageReport *new_report (void);

static CivSlotState
never_opened (int page, int slot)
{
  return CIV_SLOT_UNSEEN;
}

static CivCoverageReport *
new_report (void)
{
  g_autoptr (GDateTime) when = g_date_time_new_local (2026, 12, 7, 9, 30, 0);

  return civ_coverage_report_new ("320102", "玄武区民政局", "dangan", "张档案", when, 0);
}

static void
add_office_total (CivCoverageReport *report)
{
  CivCoverageRow *o = g_new0 (CivCoverageRow, 1);
  guint64         slots, accounted;

  civ_coverage_report_totals (report, &slots, &accounted, NULL);
  o->key = g_strdup ("320102");
  o->label = g_strdup ("玄武区民政局");
  o->n_slots = (guint) slots;
  o->n_accounted = (guint) accounted;
  g_ptr_array_add (report->by_office, o);
}

static void
test_percent (void)
{
  struct
  {
    guint64     a, t;
    const char *want;
  } cases[] = {
    { 0, 0, "0.0" },         { 0, 7, "0.0" },
    { 1, 3, "33.3" },        { 2, 3, "66.6" },
    { 9999, 10000, "99.9" }, { 99999, 100000, "99.9" },
    { 5, 5, "100.0" },       { 187171, 187171, "100.0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = civ_coverage_percent (cases[i].a, cases[i].t);

      g_assert_cmpstr (got, ==, cases[i].want);
    }
}

static void
test_csv (void)
{
  g_autoptr (CivCoverageReport) r = new_report ();
  g_autoptr (GBytes) csv = NULL;
  g_auto (GStrv) lines = NULL;
  g_autofree char *text = NULL;
  const char      *data;
  gsize            size;
  guint            n, open_at = 0;

  add_book (r, make_book ("A-1980-001", "结婚登记簿", 1980, 3, 3), all_done);
  add_book (r, make_book ("A-1981-002", "=HYPERLINK(\"x\")", 1981, 5, 3), some_open);
  add_office_total (r);
  g_assert_false (civ_coverage_report_is_complete (r));

  csv = civ_coverage_report_to_csv (r);
  data = g_bytes_get_data (csv, &size);
  g_assert_cmpmem (data, 3, "\xEF\xBB\xBF", 3);
  text = g_strndup (data + 3, size - 3);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  /* Every line ends with CRLF: no bare LF. */
  for (const char *p = text; (p = strchr (p, '\n')) != NULL; p++)
    g_assert_cmpint (p[-1], ==, '\r');
  g_assert_true (g_str_has_suffix (text, "\r\n"));
  lines = g_strsplit (text, "\r\n", -1);
  n = g_strv_length (lines);
  g_assert_cmpstr (lines[0], ==,
                   "Archive number,Title,Office,Years,Category,Pages,Slots per page,Slots,"
                   "Not looked at,Keyed once,Disputed,Entered,Illegible,Blank,Torn,Missing,"
                   "Accounted for,Percent");
  /* Book 1: 3 pages of 3 slots, all accounted for: 5 entered, 3 blank, 1 torn. */
  g_assert_true (
    g_str_has_prefix (lines[1], "A-1980-001,结婚登记簿,玄武区民政局（320102）,1980–1981,"));
  g_assert_true (g_str_has_suffix (lines[1], ",3,3,9,0,0,0,5,0,3,1,0,9,100.0"));
  /* Book 2: a title that a spreadsheet would run as a formula is quoted text. */
  g_assert_true (g_str_has_prefix (lines[2], "A-1981-002,\"'=HYPERLINK(\"\"x\"\")\","));
  /* 15 slots: page 5 (3) + page 2 (2) + page 4 (1) open: 9 accounted = 60.0 %. */
  g_assert_true (g_str_has_suffix (lines[2], ",5,3,15,4,1,1,6,3,0,0,0,9,60.0"));
  g_assert_cmpstr (lines[3], ==, "");
  g_assert_true (g_str_has_prefix (lines[4], "Year,Name,Pages,Pages accounted for,Slots,"));
  g_assert_true (g_str_has_prefix (lines[5], "1980,1980,3,"));
  g_assert_true (g_str_has_prefix (lines[8], "Office code,Name,"));
  g_assert_true (g_str_has_prefix (lines[9], "320102,玄武区民政局,"));
  g_assert_true (g_str_has_suffix (lines[9], ",0,0,24,0,0,0,0,0,0,0,0,18,75.0"));
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (lines[i], "Archive number,Page,Not looked at,Keyed once,Disputed") == 0)
      open_at = i;
  g_assert_cmpuint (open_at, ==, 11);
  /* The proof: exactly the pages not accounted for, in page order. */
  g_assert_cmpstr (lines[12], ==, "A-1981-002,2,1,1,0");
  g_assert_cmpstr (lines[13], ==, "A-1981-002,4,0,0,1");
  g_assert_cmpstr (lines[14], ==, "A-1981-002,5,3,0,0");
  g_assert_cmpstr (lines[15], ==, "");
  g_assert_cmpuint (n, ==, 16);
}

static void
test_csv_complete (void)
{
  g_autoptr (CivCoverageReport) r = new_report ();
  g_autoptr (GBytes) csv = NULL;
  g_autofree char *text = NULL;

  /* No books: not complete (nothing was accounted for). */
  g_assert_false (civ_coverage_report_is_complete (r));
  add_book (r, make_book ("A-1980-001", "结婚登记簿", 1980, 3, 3), all_done);
  g_assert_true (civ_coverage_report_is_complete (r));
  csv = civ_coverage_report_to_csv (r);
  text = g_strndup (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv));
  g_assert_true (g_str_has_suffix (text, "Archive number,Page,Not looked at,Keyed once,Disputed\r\n"
                                         "Every page has been accounted for\r\n"));
}

/* The text of @pdf's page @page (0: all) on one line, runs of white space as one space. */
static char *
pdf_words (const char *pdf, int page)
{
  g_autofree char *text = civ_test_pdf_text (pdf, FALSE, page);
  g_autoptr (GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);

  return g_regex_replace_literal (space, text, -1, 0, " ", 0, NULL);
}

static char *
write_pdf (CivCoverageReport *r, const char *dir, const char *name, int *pages)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) pdf = civ_coverage_report_to_pdf (r, pages, &error);
  char *path = g_build_filename (dir, name, NULL);

  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (pdf, NULL), 5, "%PDF-", 5);
  g_assert_true (civ_coverage_report_write (r, path, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (civ_test_pdf_pages (path), ==, *pages);
  return path;
}

static void
test_pdf (void)
{
  g_autofree char *dir = civ_test_mkdtemp ();
  int              pages = 0;

  /* Complete: one page, says so, lists no page. */
  {
    g_autoptr (CivCoverageReport) r = new_report ();
    g_autofree char *path = NULL;
    g_autofree char *text = NULL;

    add_book (r, make_book ("A-1980-001", "结婚登记簿", 1980, 3, 3), all_done);
    add_office_total (r);
    path = write_pdf (r, dir, "complete.pdf", &pages);
    g_assert_cmpint (pages, ==, 1);
    text = pdf_words (path, 0);
    g_assert_nonnull (strstr (text, "Marriage archive backfill coverage report"));
    g_assert_nonnull (strstr (text, "玄武区民政局"));
    g_assert_nonnull (strstr (text, "张档案 (dangan)"));
    g_assert_nonnull (strstr (text, "2026-12-07 09:30"));
    g_assert_nonnull (strstr (text, "Coverage has reached 100 %"));
    g_assert_null (strstr (text, "NOT reached"));
    g_assert_nonnull (strstr (text, "Every page has been accounted for"));
    g_assert_nonnull (strstr (text, "Page 1 of 1"));
    civ_test_pdf_screenshot (path, "coverage-complete", 100);
  }

  /* Forty books with open pages: several pages, each with its footer,
   * the verdict says NOT, the last page lists the last book's pages. */
  {
    g_autoptr (CivCoverageReport) r = new_report ();
    g_autofree char *path = NULL;
    g_autofree char *first = NULL;
    g_autofree char *last = NULL;

    for (int i = 0; i < 40; i++)
      {
        g_autofree char *no = g_strdup_printf ("B-%03d", i + 1);

        add_book (r, make_book (no, "结婚登记簿", 1960 + i, 5, 3), some_open);
      }
    add_office_total (r);
    path = write_pdf (r, dir, "open.pdf", &pages);
    g_assert_cmpint (pages, >=, 3);
    first = pdf_words (path, 1);
    g_assert_nonnull (strstr (first, "Coverage has NOT reached 100 %: 60.0 % accounted for"));
    /* 6 slots on 3 pages of each of 40 books. */
    g_assert_nonnull (strstr (first, "240 slots on 120 pages"));
    for (int p = 1; p <= pages; p++)
      {
        g_autofree char *text = pdf_words (path, p);
        g_autofree char *want = g_strdup_printf ("Page %d of %d", p, pages);

        g_assert_nonnull (strstr (text, want));
      }
    last = pdf_words (path, pages);
    g_assert_nonnull (strstr (last, "B-040"));
    g_assert_null (strstr (last, "Every page has been accounted for"));
    civ_test_pdf_screenshot (path, "coverage-open", 100);
  }

  /* A book never opened is one line in the PDF (pages 1–5, 15 slots),
   * and still one line per page in the CSV. */
  {
    g_autoptr (CivCoverageReport) r = new_report ();
    g_autoptr (GBytes) csv = NULL;
    g_autofree char *path = NULL;
    g_autofree char *text = NULL;
    g_autofree char *csv_text = NULL;

    add_book (r, make_book ("C-001", "结婚登记簿", 1970, 5, 3), never_opened);
    path = write_pdf (r, dir, "unopened.pdf", &pages);
    text = pdf_words (path, 0);
    g_assert_nonnull (strstr (text, "C-001 1–5 15 0 0"));
    csv = civ_coverage_report_to_csv (r);
    csv_text = g_strndup (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv));
    for (int p = 1; p <= 5; p++)
      {
        g_autofree char *line = g_strdup_printf ("\r\nC-001,%d,3,0,0\r\n", p);

        g_assert_nonnull (strstr (csv_text, line));
      }
  }
  civ_test_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/archive/coverage-report/percent", test_percent);
  g_test_add_func ("/archive/coverage-report/csv", test_csv);
  g_test_add_func ("/archive/coverage-report/csv-complete", test_csv_complete);
  g_test_add_func ("/archive/coverage-report/pdf", test_pdf);
  return g_test_run ();
}
