// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-coverage-report.c — the coverage report as CSV and as PDF */
#include "civ-coverage-report.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <string.h>

/* The fonts the printing uses (ui/print): Latin digits in DejaVu, Chinese in Noto CJK. */
#define FONT_FAMILY "DejaVu Serif, Noto Serif CJK SC, Serif"
#define FONT_SANS "DejaVu Sans, Noto Sans CJK SC, Sans"

/* A4 in points, and the margins. */
#define PAGE_W 595.0
#define PAGE_H 842.0
#define MARGIN_X 50.0
#define MARGIN_TOP 50.0
#define MARGIN_BOTTOM 60.0
#define BODY_W (PAGE_W - 2 * MARGIN_X)

/* The states not accounted for, in the order the report lists them. */
static const CivSlotState open_states[] = { CIV_SLOT_UNSEEN, CIV_SLOT_KEYED_ONCE,
                                            CIV_SLOT_DISPUTED };

/* Report ------------------------------------------------------------------ */

static void
coverage_book_free (CivCoverageBook *b)
{
  civ_archive_book_free (b->book);
  g_array_unref (b->open_pages);
  g_free (b);
}

CivCoverageReport *
civ_coverage_report_new (const char *office_code,
                         const char *office_name,
                         const char *operator_login,
                         const char *operator_name,
                         GDateTime  *made_at,
                         int         year)
{
  CivCoverageReport *r = g_new0 (CivCoverageReport, 1);

  r->office_code = g_strdup (office_code ? office_code : "");
  r->office_name = g_strdup (office_name ? office_name : "");
  r->operator_login = g_strdup (operator_login ? operator_login : "");
  r->operator_name = g_strdup (operator_name ? operator_name : "");
  r->made_at = made_at ? g_date_time_ref (made_at) : g_date_time_new_now_local ();
  r->year = year;
  r->books = g_ptr_array_new_with_free_func ((GDestroyNotify) coverage_book_free);
  r->by_year = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_coverage_row_free);
  r->by_office = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_coverage_row_free);
  return r;
}

void
civ_coverage_report_free (CivCoverageReport *r)
{
  if (r == NULL)
    return;
  g_free (r->office_code);
  g_free (r->office_name);
  g_free (r->operator_login);
  g_free (r->operator_name);
  g_date_time_unref (r->made_at);
  g_ptr_array_unref (r->books);
  g_ptr_array_unref (r->by_year);
  g_ptr_array_unref (r->by_office);
  g_free (r);
}

static int
compare_page (gconstpointer a, gconstpointer b)
{
  const CivCoveragePage *x = a, *y = b;

  return (x->page > y->page) - (x->page < y->page);
}

void
civ_coverage_report_add_book (CivCoverageReport    *report,
                              const CivArchiveBook *book,
                              GPtrArray            *ledger)
{
  CivCoverageBook *b = g_new0 (CivCoverageBook, 1);
  g_autoptr (GHashTable) index = g_hash_table_new (g_direct_hash, g_direct_equal);

  b->book = civ_archive_book_copy (book);
  b->open_pages = g_array_new (FALSE, TRUE, sizeof (CivCoveragePage));
  for (guint i = 0; ledger && i < ledger->len; i++)
    {
      const CivArchiveSlot *s = g_ptr_array_index (ledger, i);
      gpointer              found;
      CivCoveragePage      *p;

      if (civ_slot_state_is_accounted (s->state))
        continue;
      if (!g_hash_table_lookup_extended (index, GINT_TO_POINTER (s->page), NULL, &found))
        {
          CivCoveragePage fresh = { .page = s->page };

          g_array_append_val (b->open_pages, fresh);
          found = GUINT_TO_POINTER (b->open_pages->len - 1);
          g_hash_table_insert (index, GINT_TO_POINTER (s->page), found);
        }
      p = &g_array_index (b->open_pages, CivCoveragePage, GPOINTER_TO_UINT (found));
      if (s->state == CIV_SLOT_KEYED_ONCE)
        p->keyed_once++;
      else if (s->state == CIV_SLOT_DISPUTED)
        p->disputed++;
      else
        p->unseen++;
    }
  g_array_sort (b->open_pages, compare_page);
  g_ptr_array_add (report->books, b);
}

CivCoverageReport *
civ_coverage_report_collect (CivStore *store, int year, GError **error)
{
  g_autoptr (CivCoverageReport) report = NULL;
  g_autoptr (GPtrArray) books = NULL;
  g_autofree char   *office_code = civ_store_get_office_code (store);
  g_autofree char   *office_name = civ_store_get_office_name (store);
  const CivOperator *op = civ_store_get_operator (store);
  GPtrArray         *rows;

  books = civ_archive_book_list (store, error);
  if (books == NULL)
    return NULL;
  report = civ_coverage_report_new (office_code, office_name, op ? op->login : NULL,
                                    op ? op->display_name : NULL, NULL, year);
  for (guint i = 0; i < books->len; i++)
    {
      const CivArchiveBook *book = g_ptr_array_index (books, i);
      g_autoptr (GPtrArray) ledger = NULL;

      if (year != 0 && (year < book->year_from || year > book->year_to))
        continue;
      ledger = civ_archive_ledger (store, book->book_id, error);
      if (ledger == NULL)
        return NULL;
      civ_coverage_report_add_book (report, book, ledger);
    }
  rows = civ_archive_coverage (store, CIV_COVERAGE_BY_YEAR, year, error);
  if (rows == NULL)
    return NULL;
  g_ptr_array_unref (report->by_year);
  report->by_year = rows;
  rows = civ_archive_coverage (store, CIV_COVERAGE_BY_OFFICE, year, error);
  if (rows == NULL)
    return NULL;
  g_ptr_array_unref (report->by_office);
  report->by_office = rows;
  return g_steal_pointer (&report);
}

void
civ_coverage_report_totals (const CivCoverageReport *report,
                            guint64                 *n_slots,
                            guint64                 *n_accounted,
                            guint64                 *n_open_pages)
{
  guint64 slots = 0, accounted = 0, open = 0;

  for (guint i = 0; i < report->books->len; i++)
    {
      const CivCoverageBook *b = g_ptr_array_index (report->books, i);

      slots += b->book->n_slots;
      accounted += b->book->n_accounted;
      open += b->open_pages->len;
    }
  if (n_slots)
    *n_slots = slots;
  if (n_accounted)
    *n_accounted = accounted;
  if (n_open_pages)
    *n_open_pages = open;
}

gboolean
civ_coverage_report_is_complete (const CivCoverageReport *report)
{
  guint64 slots, accounted, open;

  civ_coverage_report_totals (report, &slots, &accounted, &open);
  return slots > 0 && accounted == slots && open == 0;
}

char *
civ_coverage_percent (guint64 accounted, guint64 total)
{
  guint64 tenths;

  if (total == 0)
    return g_strdup ("0.0");
  if (accounted > total)
    accounted = total;
  tenths = accounted * 1000 / total;
  return g_strdup_printf ("%" G_GUINT64_FORMAT ".%" G_GUINT64_FORMAT, tenths / 10, tenths % 10);
}

static char *
years_text (int from, int to)
{
  if (from == to || to == 0)
    return g_strdup_printf ("%d", from);
  return g_strdup_printf ("%d–%d", from, to);
}

static char *
book_office (const CivCoverageReport *report, const CivArchiveBook *book)
{
  const char *name =
    book->office_name && *book->office_name ? book->office_name : report->office_name;
  const char *code =
    book->office_code && *book->office_code ? book->office_code : report->office_code;

  if (code == NULL || *code == '\0')
    return g_strdup (name ? name : "");
  return g_strdup_printf ("%s（%s）", name ? name : "", code);
}

static const char *
state_heading (CivSlotState state)
{
  switch (state)
    {
    case CIV_SLOT_UNSEEN:
      return C_ ("coverage report", "Not looked at");
    case CIV_SLOT_KEYED_ONCE:
      return C_ ("coverage report", "Keyed once");
    case CIV_SLOT_DISPUTED:
      return C_ ("coverage report", "Disputed");
    case CIV_SLOT_ENTERED:
      return C_ ("coverage report", "Entered");
    case CIV_SLOT_ILLEGIBLE:
      return C_ ("coverage report", "Illegible");
    case CIV_SLOT_BLANK:
      return C_ ("coverage report", "Blank");
    case CIV_SLOT_TORN:
      return C_ ("coverage report", "Torn");
    case CIV_SLOT_MISSING:
      return C_ ("coverage report", "Missing");
    case CIV_SLOT_N_STATES:
    default:
      break;
    }
  g_return_val_if_reached ("");
}

/* CSV ---------------------------------------------------------------------- */

static void
csv_field (GString *out, const char *text, gboolean first)
{
  const char *t = text ? text : "";

  if (!first)
    g_string_append_c (out, ',');
  /* A cell starting with = + - @ is a formula to a spreadsheet: quoted
   * text cannot start one once a quote leads it, so such cells get a
   * leading apostrophe (the report copies titles keyed by people). */
  if (strpbrk (t, ",\"\r\n") != NULL || (*t && strchr ("=+-@", *t) != NULL))
    {
      g_string_append_c (out, '"');
      if (*t && strchr ("=+-@", *t) != NULL)
        g_string_append_c (out, '\'');
      for (const char *p = t; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, t);
}

static void
csv_uint (GString *out, guint64 value)
{
  g_string_append_printf (out, ",%" G_GUINT64_FORMAT, value);
}

static void
csv_end (GString *out)
{
  g_string_append (out, "\r\n");
}

static void
csv_state_headings (GString *out)
{
  for (int s = 0; s < CIV_SLOT_N_STATES; s++)
    csv_field (out, state_heading ((CivSlotState) s), FALSE);
}

static void
csv_totals (GString *out, GPtrArray *rows, const char *key_heading)
{
  csv_field (out, key_heading, TRUE);
  csv_field (out, C_ ("coverage report", "Name"), FALSE);
  csv_field (out, C_ ("coverage report", "Pages"), FALSE);
  csv_field (out, C_ ("coverage report", "Pages accounted for"), FALSE);
  csv_field (out, C_ ("coverage report", "Slots"), FALSE);
  csv_state_headings (out);
  csv_field (out, C_ ("coverage report", "Accounted for"), FALSE);
  csv_field (out, C_ ("coverage report", "Percent"), FALSE);
  csv_end (out);
  for (guint i = 0; i < rows->len; i++)
    {
      const CivCoverageRow *r = g_ptr_array_index (rows, i);
      g_autofree char      *pct = civ_coverage_percent (r->n_accounted, r->n_slots);

      csv_field (out, r->key, TRUE);
      csv_field (out, r->label, FALSE);
      csv_uint (out, r->n_pages);
      csv_uint (out, r->n_pages_accounted);
      csv_uint (out, r->n_slots);
      for (int s = 0; s < CIV_SLOT_N_STATES; s++)
        csv_uint (out, r->counts[s]);
      csv_uint (out, r->n_accounted);
      csv_field (out, pct, FALSE);
      csv_end (out);
    }
}

GBytes *
civ_coverage_report_to_csv (const CivCoverageReport *report)
{
  GString *out = g_string_new ("\xEF\xBB\xBF");
  guint64  open = 0;

  csv_field (out, C_ ("coverage report", "Archive number"), TRUE);
  csv_field (out, C_ ("coverage report", "Title"), FALSE);
  csv_field (out, C_ ("coverage report", "Office"), FALSE);
  csv_field (out, C_ ("coverage report", "Years"), FALSE);
  csv_field (out, C_ ("coverage report", "Category"), FALSE);
  csv_field (out, C_ ("coverage report", "Pages"), FALSE);
  csv_field (out, C_ ("coverage report", "Slots per page"), FALSE);
  csv_field (out, C_ ("coverage report", "Slots"), FALSE);
  csv_state_headings (out);
  csv_field (out, C_ ("coverage report", "Accounted for"), FALSE);
  csv_field (out, C_ ("coverage report", "Percent"), FALSE);
  csv_end (out);
  for (guint i = 0; i < report->books->len; i++)
    {
      const CivCoverageBook *b = g_ptr_array_index (report->books, i);
      const CivArchiveBook  *k = b->book;
      g_autofree char       *years = years_text (k->year_from, k->year_to);
      g_autofree char       *office = book_office (report, k);
      g_autofree char       *pct = civ_coverage_percent (k->n_accounted, k->n_slots);

      csv_field (out, k->archive_no, TRUE);
      csv_field (out, k->title, FALSE);
      csv_field (out, office, FALSE);
      csv_field (out, years, FALSE);
      csv_field (out, civ_hist_kind_display_name (k->category), FALSE);
      csv_uint (out, (guint64) k->pages);
      csv_uint (out, (guint64) k->slots_per_page);
      csv_uint (out, k->n_slots);
      for (int s = 0; s < CIV_SLOT_N_STATES; s++)
        csv_uint (out, k->counts[s]);
      csv_uint (out, k->n_accounted);
      csv_field (out, pct, FALSE);
      csv_end (out);
      open += b->open_pages->len;
    }

  csv_end (out);
  csv_totals (out, report->by_year, C_ ("coverage report", "Year"));
  csv_end (out);
  csv_totals (out, report->by_office, C_ ("coverage report", "Office code"));

  csv_end (out);
  csv_field (out, C_ ("coverage report", "Archive number"), TRUE);
  csv_field (out, C_ ("coverage report", "Page"), FALSE);
  for (guint s = 0; s < G_N_ELEMENTS (open_states); s++)
    csv_field (out, state_heading (open_states[s]), FALSE);
  csv_end (out);
  for (guint i = 0; i < report->books->len; i++)
    {
      const CivCoverageBook *b = g_ptr_array_index (report->books, i);

      for (guint p = 0; p < b->open_pages->len; p++)
        {
          const CivCoveragePage *page = &g_array_index (b->open_pages, CivCoveragePage, p);

          csv_field (out, b->book->archive_no, TRUE);
          csv_uint (out, (guint64) page->page);
          csv_uint (out, page->unseen);
          csv_uint (out, page->keyed_once);
          csv_uint (out, page->disputed);
          csv_end (out);
        }
    }
  if (open == 0)
    {
      csv_field (out, _ ("Every page has been accounted for"), TRUE);
      csv_end (out);
    }
  return g_string_free_to_bytes (out);
}

/* PDF ---------------------------------------------------------------------- */

typedef struct
{
  cairo_t                 *cr;
  PangoContext            *pango;
  double                   y;
  int                      page;
  int                      n_pages; /* 0 in the first pass, which only counts */
  const CivCoverageReport *report;
  GPtrArray *header; /* the table header repeated on a new page: Column, NULL when none */
  guint      n_header;
} Pen;

typedef struct
{
  const char *text;
  double      x;
  double      width;
  gboolean    right;
  gboolean    wrap; /* a title or a name: whole, on two lines if need be */
} Cell;

static PangoLayout *
pen_layout (Pen *pen, const char *text, const char *family, double size, gboolean bold)
{
  PangoLayout *layout = pango_layout_new (pen->pango);
  g_autoptr (PangoFontDescription) desc = pango_font_description_from_string (family);

  pango_font_description_set_size (desc, (gint) (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text ? text : "", -1);
  return layout;
}

/* Draws @text at (@x, @y) within @width (ellipsized, or wrapped when
 * @wrap); returns its height. */
static double
pen_text (Pen        *pen,
          const char *text,
          double      x,
          double      y,
          double      width,
          double      size,
          gboolean    bold,
          gboolean    right,
          gboolean    wrap)
{
  g_autoptr (PangoLayout) layout = pen_layout (pen, text, FONT_FAMILY, size, bold);
  int w, h;

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  if (wrap)
    pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  else
    pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  if (right)
    pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  pango_layout_get_size (layout, &w, &h);
  cairo_move_to (pen->cr, x, y);
  pango_cairo_show_layout (pen->cr, layout);
  return (double) h / PANGO_SCALE;
}

static double
pen_measure (Pen *pen, const char *text, double width, double size, gboolean bold)
{
  g_autoptr (PangoLayout) layout = pen_layout (pen, text, FONT_FAMILY, size, bold);
  int w, h;

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

static void pen_table_header (Pen *pen);

static void
pen_rule (Pen *pen, double y, double gray, double width)
{
  cairo_set_source_rgb (pen->cr, gray, gray, gray);
  cairo_set_line_width (pen->cr, width);
  cairo_move_to (pen->cr, MARGIN_X, y);
  cairo_line_to (pen->cr, MARGIN_X + BODY_W, y);
  cairo_stroke (pen->cr);
  cairo_set_source_rgb (pen->cr, 0, 0, 0);
}

static void
pen_footer (Pen *pen)
{
  /* Translators: the page footer of a report: page n of m. */
  g_autofree char *text =
    g_strdup_printf (_ ("Page %d of %d"), pen->page, pen->n_pages > 0 ? pen->n_pages : pen->page);
  g_autoptr (PangoLayout) layout = pen_layout (pen, text, FONT_FAMILY, 8.5, FALSE);

  pango_layout_set_width (layout, (int) (BODY_W * PANGO_SCALE));
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pen_rule (pen, PAGE_H - MARGIN_BOTTOM + 14, 0.6, 0.4);
  cairo_set_source_rgb (pen->cr, 0.3, 0.3, 0.3);
  cairo_move_to (pen->cr, MARGIN_X, PAGE_H - MARGIN_BOTTOM + 20);
  pango_cairo_show_layout (pen->cr, layout);
  cairo_set_source_rgb (pen->cr, 0, 0, 0);
}

static void
pen_new_page (Pen *pen)
{
  pen_footer (pen);
  cairo_show_page (pen->cr);
  pen->page++;
  pen->y = MARGIN_TOP;
  if (pen->header != NULL)
    pen_table_header (pen);
}

/* Room for @height more points on this page, or a new one. */
static void
pen_need (Pen *pen, double height)
{
  if (pen->y + height > PAGE_H - MARGIN_BOTTOM)
    pen_new_page (pen);
}

static void
pen_heading (Pen *pen, const char *text)
{
  pen_need (pen, 60);
  pen->y += 10;
  pen->y += pen_text (pen, text, MARGIN_X, pen->y, BODY_W, 12.5, TRUE, FALSE, FALSE);
  pen_rule (pen, pen->y + 2, 0.2, 0.8);
  pen->y += 6;
}

/* A row of @cells; returns nothing, advances the pen. */
static void
pen_row (Pen *pen, const Cell *cells, guint n, double size, gboolean bold)
{
  double h = 0, top = 0;

  pen_need (pen, size * (bold ? 3.6 : 1.8));
  /* The cells share a baseline: Chinese (Noto CJK) and Latin (DejaVu) lines
   * have different ascents. */
  for (guint i = 0; i < n; i++)
    if (cells[i].text)
      {
        g_autoptr (PangoLayout) l = pen_layout (pen, cells[i].text, FONT_FAMILY, size, bold);

        top = MAX (top, (double) pango_layout_get_baseline (l) / PANGO_SCALE);
      }
  /* A header wraps (a column's words may be wider than its numbers); a
   * row's cell is cut with an ellipsis. */
  for (guint i = 0; i < n; i++)
    if (cells[i].text)
      {
        g_autoptr (PangoLayout) l = pen_layout (pen, cells[i].text, FONT_FAMILY, size, bold);
        double shift = top - (double) pango_layout_get_baseline (l) / PANGO_SCALE;

        h = MAX (h, shift + pen_text (pen, cells[i].text, MARGIN_X + cells[i].x, pen->y + shift,
                                      cells[i].width, size, bold, cells[i].right,
                                      bold || cells[i].wrap));
      }
  pen->y += h + 2;
}

static void
pen_table_header (Pen *pen)
{
  pen_row (pen, (const Cell *) pen->header->pdata[0], pen->n_header, 8.5, TRUE);
  pen_rule (pen, pen->y, 0.55, 0.5);
  pen->y += 3;
}

static void
pen_set_header (Pen *pen, const Cell *cells, guint n)
{
  g_clear_pointer (&pen->header, g_ptr_array_unref);
  if (cells == NULL)
    return;
  /* The header and a few rows together, never a header alone at the foot. */
  pen_need (pen, 60);
  pen->header = g_ptr_array_new ();
  g_ptr_array_add (pen->header, (gpointer) cells);
  pen->n_header = n;
  pen_table_header (pen);
}

/* A coverage bar at (@x, @y): accounted for in green, keyed once or
 * disputed in amber, the rest (not looked at) white. */
static void
pen_bar (Pen    *pen,
         double  x,
         double  y,
         double  w,
         double  h,
         guint64 total,
         guint64 accounted,
         guint64 in_progress)
{
  cairo_t *cr = pen->cr;
  double   a = total ? (double) accounted / (double) total : 0;
  double   p = total ? (double) in_progress / (double) total : 0;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, w, h);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.18, 0.55, 0.27);
  cairo_rectangle (cr, x, y, w * a, h);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.93, 0.65, 0.14);
  cairo_rectangle (cr, x + w * a, y, w * p, h);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  cairo_set_line_width (cr, 0.5);
  cairo_rectangle (cr, x, y, w, h);
  cairo_stroke (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
}

static char *
uint_text (guint64 n)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT, n);
}

static void
pen_title_block (Pen *pen, gboolean complete, guint64 slots, guint64 accounted, guint64 open_pages)
{
  const CivCoverageReport *r = pen->report;
  g_autofree char         *office = NULL;
  g_autofree char         *made = NULL;
  g_autofree char         *who = NULL;
  g_autofree char         *scope = NULL;
  g_autofree char         *verdict = NULL;
  g_autofree char         *pct = civ_coverage_percent (accounted, slots);
  g_autofree char         *all = uint_text (slots);
  /* Translators: a date and time as a report prints it (g_date_time_format). */
  g_autofree char         *when = g_date_time_format (r->made_at, _ ("%Y-%m-%d %H:%M"));
  double                   h;

  pen->y += pen_text (pen, _ ("Marriage archive backfill coverage report"), MARGIN_X, pen->y,
                      BODY_W, 18, TRUE, FALSE, FALSE);
  pen->y += 8;
  if (*r->office_code)
    office = g_strdup_printf (_ ("Office: %s (%s)"), r->office_name, r->office_code);
  else
    office = g_strdup_printf (_ ("Office: %s"), r->office_name);
  made = g_strdup_printf (_ ("Made: %s"), when);
  if (*r->operator_name && g_strcmp0 (r->operator_name, r->operator_login) != 0)
    who = g_strdup_printf (_ ("Operator: %s (%s)"), r->operator_name, r->operator_login);
  else
    who = g_strdup_printf (_ ("Operator: %s"), r->operator_login);
  if (r->year != 0)
    scope = g_strdup_printf (_ ("Scope: the books covering %d"), r->year);
  else
    scope = g_strdup (_ ("Scope: every book of the office"));
  pen->y += pen_text (pen, office, MARGIN_X, pen->y, BODY_W, 10, FALSE, FALSE, FALSE) + 2;
  pen->y += pen_text (pen, made, MARGIN_X, pen->y, BODY_W, 10, FALSE, FALSE, FALSE) + 2;
  pen->y += pen_text (pen, who, MARGIN_X, pen->y, BODY_W, 10, FALSE, FALSE, FALSE) + 2;
  pen->y += pen_text (pen, scope, MARGIN_X, pen->y, BODY_W, 10, FALSE, FALSE, FALSE) + 10;

  if (complete)
    verdict = g_strdup_printf (_ ("Coverage has reached 100 %%: every one of the %s slots in these "
                                  "books has been accounted "
                                  "for (entered, or marked illegible, blank, torn or missing)."),
                               all);
  else if (slots == 0)
    verdict = g_strdup (_ ("Coverage has NOT reached 100 %: there are no books to account for."));
  else
    {
      g_autofree char *left = uint_text (slots - accounted);
      g_autofree char *pages = uint_text (open_pages);

      verdict = g_strdup_printf (_ ("Coverage has NOT reached 100 %%: %s %% accounted for; %s "
                                    "slots on %s pages are not "
                                    "accounted for yet (listed at the end of this report)."),
                                 pct, left, pages);
    }
  h = pen_measure (pen, verdict, BODY_W - 16, 11, TRUE);
  cairo_set_source_rgb (pen->cr, complete ? 0.87 : 0.99, complete ? 0.95 : 0.89,
                        complete ? 0.87 : 0.87);
  cairo_rectangle (pen->cr, MARGIN_X, pen->y, BODY_W, h + 14);
  cairo_fill (pen->cr);
  if (complete)
    cairo_set_source_rgb (pen->cr, 0.1, 0.4, 0.15);
  else
    cairo_set_source_rgb (pen->cr, 0.65, 0.1, 0.1);
  cairo_set_line_width (pen->cr, 1);
  cairo_rectangle (pen->cr, MARGIN_X, pen->y, BODY_W, h + 14);
  cairo_stroke (pen->cr);
  pen_text (pen, verdict, MARGIN_X + 8, pen->y + 7, BODY_W - 16, 11, TRUE, FALSE, TRUE);
  cairo_set_source_rgb (pen->cr, 0, 0, 0);
  pen->y += h + 14 + 6;

  /* The bar's legend. */
  pen_bar (pen, MARGIN_X, pen->y + 3, 14, 7, 1, 1, 0);
  pen_text (pen, _ ("accounted for"), MARGIN_X + 18, pen->y, 120, 8.5, FALSE, FALSE, FALSE);
  pen_bar (pen, MARGIN_X + 140, pen->y + 3, 14, 7, 1, 0, 1);
  pen_text (pen, _ ("keyed once or disputed"), MARGIN_X + 158, pen->y, 150, 8.5, FALSE, FALSE,
            FALSE);
  pen_bar (pen, MARGIN_X + 310, pen->y + 3, 14, 7, 1, 0, 0);
  pen->y +=
    pen_text (pen, _ ("not looked at"), MARGIN_X + 328, pen->y, 150, 8.5, FALSE, FALSE, FALSE);
  pen->y += 4;
}

static char *
percent_text (guint64 accounted, guint64 total)
{
  g_autofree char *pct = civ_coverage_percent (accounted, total);

  return g_strdup_printf ("%s %%", pct);
}

static char *
state_summary (const guint counts[CIV_SLOT_N_STATES])
{
  GString *s = g_string_new (NULL);

  for (int i = 0; i < CIV_SLOT_N_STATES; i++)
    {
      /* The order an archivist reads: what is done, then what is left. */
      static const CivSlotState order[] = { CIV_SLOT_ENTERED,    CIV_SLOT_ILLEGIBLE,
                                            CIV_SLOT_BLANK,      CIV_SLOT_TORN,
                                            CIV_SLOT_MISSING,    CIV_SLOT_UNSEEN,
                                            CIV_SLOT_KEYED_ONCE, CIV_SLOT_DISPUTED };
      CivSlotState              state = order[i];

      if (counts[state] == 0)
        continue;
      if (s->len)
        g_string_append (s, "  ·  ");
      /* Translators: a slot state and how many slots are in it, e.g. "Entered 12". */
      g_string_append_printf (s, _ ("%s %u"), state_heading (state), counts[state]);
    }
  return g_string_free (s, FALSE);
}

static void
pen_books (Pen *pen)
{
  const CivCoverageReport *r = pen->report;
  static const Cell        layout[] = {
           { NULL, 0, 76, FALSE },   { NULL, 78, 112, FALSE, TRUE }, { NULL, 192, 54, FALSE },
           { NULL, 248, 60, FALSE }, { NULL, 310, 28, TRUE },        { NULL, 340, 34, TRUE },
           { NULL, 376, 38, TRUE },  { NULL, 420, 30, FALSE },       { NULL, 452, 43, TRUE },
  };
  Cell header[G_N_ELEMENTS (layout)];

  memcpy (header, layout, sizeof layout);
  header[0].text = C_ ("coverage report", "Archive number");
  header[1].text = C_ ("coverage report", "Title");
  header[2].text = C_ ("coverage report", "Years");
  header[3].text = C_ ("coverage report", "Category");
  header[4].text = C_ ("coverage report", "Pages");
  header[5].text = C_ ("coverage report", "Slots");
  header[6].text = C_ ("coverage report", "Accounted for");
  header[7].text = C_ ("coverage report", "Coverage");
  header[7].width = layout[8].x + layout[8].width - layout[7].x;
  header[8].text = NULL;

  pen_heading (pen, _ ("Books"));
  if (r->books->len == 0)
    {
      pen->y += pen_text (pen, _ ("There are no books in this scope."), MARGIN_X, pen->y, BODY_W,
                          10, FALSE, FALSE, FALSE);
      return;
    }
  pen_set_header (pen, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < r->books->len; i++)
    {
      const CivCoverageBook *b = g_ptr_array_index (r->books, i);
      const CivArchiveBook  *k = b->book;
      g_autofree char       *years = years_text (k->year_from, k->year_to);
      g_autofree char       *pages = uint_text ((guint64) k->pages);
      g_autofree char       *slots = uint_text (k->n_slots);
      g_autofree char       *acc = uint_text (k->n_accounted);
      g_autofree char       *pct = percent_text (k->n_accounted, k->n_slots);
      g_autofree char       *office = book_office (r, k);
      g_autofree char       *summary = state_summary (k->counts);
      g_autofree char       *detail = NULL;
      Cell                   row[G_N_ELEMENTS (layout)];
      double                 top;

      memcpy (row, layout, sizeof layout);
      row[0].text = k->archive_no;
      row[1].text = k->title && *k->title ? k->title : "—";
      row[2].text = years;
      row[3].text = civ_hist_kind_display_name (k->category);
      row[4].text = pages;
      row[5].text = slots;
      row[6].text = acc;
      row[7].text = NULL;
      row[8].text = pct;
      pen_need (pen, 32);
      top = pen->y;
      pen_row (pen, row, G_N_ELEMENTS (row), 9, FALSE);
      pen_bar (pen, MARGIN_X + layout[7].x, top + 3, layout[7].width, 8, k->n_slots, k->n_accounted,
               k->counts[CIV_SLOT_KEYED_ONCE] + k->counts[CIV_SLOT_DISPUTED]);
      if (k->closed)
        detail = g_strdup_printf (_ ("%s  ·  closed by %s on %s  ·  %s"), office,
                                  k->closed_by ? k->closed_by : "",
                                  k->closed_at ? k->closed_at : "", summary);
      else
        detail = g_strdup_printf ("%s  ·  %s", office, summary);
      cairo_set_source_rgb (pen->cr, 0.33, 0.33, 0.33);
      pen->y += pen_text (pen, detail, MARGIN_X + 10, pen->y, BODY_W - 10, 7.5, FALSE, FALSE, TRUE);
      cairo_set_source_rgb (pen->cr, 0, 0, 0);
      pen_rule (pen, pen->y + 2, 0.85, 0.3);
      pen->y += 5;
    }
  pen_set_header (pen, NULL, 0);
}

static void
pen_totals (Pen *pen, GPtrArray *rows, const char *heading, const char *key_heading)
{
  static const Cell layout[] = {
    { NULL, 0, 62, FALSE },   { NULL, 64, 150, FALSE, TRUE }, { NULL, 216, 38, TRUE },
    { NULL, 256, 56, TRUE },  { NULL, 314, 44, TRUE },        { NULL, 360, 54, TRUE },
    { NULL, 420, 30, FALSE }, { NULL, 452, 43, TRUE },
  };
  Cell header[G_N_ELEMENTS (layout)];

  memcpy (header, layout, sizeof layout);
  header[0].text = key_heading;
  header[1].text = C_ ("coverage report", "Name");
  header[2].text = C_ ("coverage report", "Pages");
  header[3].text = C_ ("coverage report", "Pages accounted for");
  header[4].text = C_ ("coverage report", "Slots");
  header[5].text = C_ ("coverage report", "Accounted for");
  header[6].text = C_ ("coverage report", "Coverage");
  header[6].width = layout[7].x + layout[7].width - layout[6].x;
  header[7].text = NULL;

  pen_heading (pen, heading);
  if (rows->len == 0)
    {
      pen->y += pen_text (pen, _ ("There are no books in this scope."), MARGIN_X, pen->y, BODY_W,
                          10, FALSE, FALSE, FALSE);
      return;
    }
  pen_set_header (pen, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < rows->len; i++)
    {
      const CivCoverageRow *t = g_ptr_array_index (rows, i);
      g_autofree char      *pages = uint_text (t->n_pages);
      g_autofree char      *pages_acc = uint_text (t->n_pages_accounted);
      g_autofree char      *slots = uint_text (t->n_slots);
      g_autofree char      *acc = uint_text (t->n_accounted);
      g_autofree char      *pct = percent_text (t->n_accounted, t->n_slots);
      Cell                  row[G_N_ELEMENTS (layout)];
      double                top;

      memcpy (row, layout, sizeof layout);
      row[0].text = t->key;
      row[1].text = t->label;
      row[2].text = pages;
      row[3].text = pages_acc;
      row[4].text = slots;
      row[5].text = acc;
      row[6].text = NULL;
      row[7].text = pct;
      pen_need (pen, 18);
      top = pen->y;
      pen_row (pen, row, G_N_ELEMENTS (row), 9, FALSE);
      pen_bar (pen, MARGIN_X + layout[6].x, top + 3, layout[6].width, 8, t->n_slots, t->n_accounted,
               t->counts[CIV_SLOT_KEYED_ONCE] + t->counts[CIV_SLOT_DISPUTED]);
      pen_rule (pen, pen->y + 1, 0.85, 0.3);
      pen->y += 3;
    }
  pen_set_header (pen, NULL, 0);
}

/* A run of consecutive pages of one book with the same slots open. */
typedef struct
{
  const char            *archive_no;
  const CivCoveragePage *first; /* its counts are those of every page of the run */
  int                    last;
  guint                  n_pages;
} OpenRun;

/* The pages not accounted for, two runs to a line (left, then right) to
 * keep the proof short: 档号, pages, and the slots not looked at, keyed once
 * and disputed on them. Consecutive pages with the same counts make one
 * run (a book never opened is one line, not one line per page); the CSV
 * lists every page. */
static void
pen_open_pages (Pen *pen, guint64 open_pages)
{
  const CivCoverageReport *r = pen->report;
  static const Cell        half[] = {
           { NULL, 0, 80, FALSE },  { NULL, 82, 50, TRUE },  { NULL, 136, 32, TRUE },
           { NULL, 172, 36, TRUE }, { NULL, 212, 30, TRUE },
  };
  const double gap = 257;
  Cell         header[2 * G_N_ELEMENTS (half)];
  g_autoptr (GArray) list = g_array_new (FALSE, FALSE, sizeof (OpenRun));

  for (guint h = 0; h < 2; h++)
    for (guint c = 0; c < G_N_ELEMENTS (half); c++)
      {
        Cell *cell = &header[h * G_N_ELEMENTS (half) + c];

        *cell = half[c];
        cell->x += h * gap;
        cell->text = c == 0   ? C_ ("coverage report", "Archive number")
                     : c == 1 ? C_ ("coverage report", "Page")
                              : state_heading (open_states[c - 2]);
      }

  pen_heading (pen, _ ("Pages not accounted for"));
  if (open_pages == 0)
    {
      cairo_set_source_rgb (pen->cr, 0.1, 0.4, 0.15);
      pen->y += pen_text (pen, _ ("Every page has been accounted for"), MARGIN_X, pen->y, BODY_W,
                          11, TRUE, FALSE, FALSE);
      cairo_set_source_rgb (pen->cr, 0, 0, 0);
      return;
    }
  cairo_set_source_rgb (pen->cr, 0.33, 0.33, 0.33);
  pen->y += pen_text (pen,
                      _ ("Consecutive pages with the same slots open are one line; the counts are "
                         "their totals. The CSV report lists every page."),
                      MARGIN_X, pen->y, BODY_W, 8, FALSE, FALSE, TRUE) +
            4;
  cairo_set_source_rgb (pen->cr, 0, 0, 0);
  for (guint i = 0; i < r->books->len; i++)
    {
      const CivCoverageBook *b = g_ptr_array_index (r->books, i);

      for (guint p = 0; p < b->open_pages->len; p++)
        {
          const CivCoveragePage *page = &g_array_index (b->open_pages, CivCoveragePage, p);
          OpenRun *run = list->len ? &g_array_index (list, OpenRun, list->len - 1) : NULL;

          if (run && run->archive_no == b->book->archive_no && run->last + 1 == page->page &&
              run->first->unseen == page->unseen && run->first->keyed_once == page->keyed_once &&
              run->first->disputed == page->disputed)
            {
              run->last = page->page;
              run->n_pages++;
            }
          else
            {
              OpenRun fresh = { b->book->archive_no, page, page->page, 1 };

              g_array_append_val (list, fresh);
            }
        }
    }
  pen_set_header (pen, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < list->len; i += 2)
    {
      Cell  row[G_N_ELEMENTS (header)];
      char *texts[G_N_ELEMENTS (header)] = { NULL };

      memcpy (row, header, sizeof header);
      for (guint h = 0; h < 2; h++)
        {
          const OpenRun *o = i + h < list->len ? &g_array_index (list, OpenRun, i + h) : NULL;
          guint          at = h * G_N_ELEMENTS (half);

          for (guint c = 0; c < G_N_ELEMENTS (half); c++)
            row[at + c].text = NULL;
          if (o == NULL)
            continue;
          row[at].text = o->archive_no;
          if (o->n_pages == 1)
            texts[at + 1] = uint_text ((guint64) o->first->page);
          else
            texts[at + 1] = g_strdup_printf ("%d–%d", o->first->page, o->last);
          texts[at + 2] = uint_text ((guint64) o->first->unseen * o->n_pages);
          texts[at + 3] = uint_text ((guint64) o->first->keyed_once * o->n_pages);
          texts[at + 4] = uint_text ((guint64) o->first->disputed * o->n_pages);
          for (guint c = 1; c < G_N_ELEMENTS (half); c++)
            row[at + c].text = texts[at + c];
        }
      pen_row (pen, row, G_N_ELEMENTS (row), 8.5, FALSE);
      for (guint c = 0; c < G_N_ELEMENTS (texts); c++)
        g_free (texts[c]);
    }
  pen_set_header (pen, NULL, 0);
}

static cairo_status_t
write_to_string (void *closure, const unsigned char *data, unsigned int length)
{
  GByteArray *out = closure;

  if (out != NULL)
    g_byte_array_append (out, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Lays the report out on a PDF surface writing to @out (NULL: nowhere);
 * @n_pages 0 counts the pages, which the second pass prints in the footers. */
static int
render (const CivCoverageReport *report, GByteArray *out, int n_pages, cairo_status_t *status)
{
  cairo_surface_t *surface =
    cairo_pdf_surface_create_for_stream (write_to_string, out, PAGE_W, PAGE_H);
  guint64 slots, accounted, open;
  Pen     pen = { 0 };
  g_autoptr (PangoFontMap) map = pango_cairo_font_map_new ();

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Civreg");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  _ ("Marriage archive backfill coverage report"));
  pen.cr = cairo_create (surface);
  pen.pango = pango_font_map_create_context (map);
  /* Points on the page are the layout's units: 72 per inch. */
  pango_cairo_context_set_resolution (pen.pango, 72);
  pango_cairo_update_context (pen.cr, pen.pango);
  pen.report = report;
  pen.page = 1;
  pen.n_pages = n_pages;
  pen.y = MARGIN_TOP;

  civ_coverage_report_totals (report, &slots, &accounted, &open);
  pen_title_block (&pen, civ_coverage_report_is_complete (report), slots, accounted, open);
  pen_books (&pen);
  pen_totals (&pen, report->by_year, _ ("Totals per year"), C_ ("coverage report", "Year"));
  pen_totals (&pen, report->by_office, _ ("Totals per office"),
              C_ ("coverage report", "Office code"));
  pen_open_pages (&pen, open);
  pen_footer (&pen);
  cairo_show_page (pen.cr);

  cairo_destroy (pen.cr);
  g_object_unref (pen.pango);
  cairo_surface_finish (surface);
  *status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return pen.page;
}

GBytes *
civ_coverage_report_to_pdf (const CivCoverageReport *report, int *n_pages, GError **error)
{
  g_autoptr (GByteArray) out = g_byte_array_new ();
  cairo_status_t status = CAIRO_STATUS_SUCCESS;
  int            pages = render (report, NULL, 0, &status);

  if (status == CAIRO_STATUS_SUCCESS)
    render (report, out, pages, &status);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _ ("The PDF could not be made: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }
  if (n_pages)
    *n_pages = pages;
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

gboolean
civ_coverage_report_write (const CivCoverageReport *report,
                           const char              *path,
                           gboolean                 pdf,
                           GError                 **error)
{
  g_autoptr (GBytes) bytes =
    pdf ? civ_coverage_report_to_pdf (report, NULL, error) : civ_coverage_report_to_csv (report);
  gsize       size = 0;
  const char *data;

  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  if (!g_file_set_contents_full (path, data, (gssize) size, G_FILE_SET_CONTENTS_CONSISTENT, 0644,
                                 error))
    return FALSE;
  return TRUE;
}
