// SPDX-License-Identifier: GPL-3.0-or-later
/* test-print-layout.c — certificate layouts as data: the shipped blanks
 * have a box inside the blank for every field the certificates print, and
 * a layout that is not right is refused with a message, never half-used;
 * the same for the layout of notices, receipts and extracts. The adoption
 * prints (收养登记证, 公告, 不予登记告知书, 解除收养关系证明) of a real
 * office, exported to PDF and read back with pdftotext (poppler-utils):
 * their numbers, names and rule ids are there, the birth parents are not
 * (R-A13), and a kind the adoption cannot give is refused; the same in
 * zh_CN with the build's catalogue, as a registrar reads them. With
 * CIVREG_SCREENSHOT_DIR set, their first pages are saved as PNG there. */
#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-print-layout.h"
#include "civ-print-private.h"
#include "civ-test-utils.h"

#define PT_PER_MM (72 / 25.4)

static void
test_shipped_blank (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivPrintLayout) layout = civ_print_layout_load ("certificate-blank", &error);
  guint n = 0;

  g_assert_no_error (error);
  g_assert_nonnull (layout);
  g_assert_cmpfloat (layout->width_mm, ==, 210);
  g_assert_cmpfloat (layout->height_mm, ==, 148);
  for (const char *id; (id = _civ_print_field_id (n)) != NULL; n++)
    {
      const CivPrintField *f = civ_print_layout_find (layout, id);

      g_test_message ("field %s", id);
      g_assert_nonnull (f);
      g_assert_cmpfloat (f->x + f->width, <=, layout->width_mm);
      g_assert_cmpfloat (f->y + f->height, <=, layout->height_mm);
    }
  /* R-N3: holder, date, number, remarks, 5 per spouse, registry, registrar,
   * the couple's photo. */
  g_assert_cmpuint (n, ==, 17);
  {
    const CivPrintField *photo = civ_print_layout_find (layout, "photo");

    /* A 2-inch photo's shape (35:49), clear of every value. */
    g_assert_cmpfloat (fabs (photo->width / photo->height - 35.0 / 49.0), <, 0.01);
    for (guint i = 0; i < layout->fields->len; i++)
      {
        const CivPrintField *f = g_ptr_array_index (layout->fields, i);

        if (f == photo)
          continue;
        g_test_message ("photo clear of %s", f->id);
        g_assert_true (f->x >= photo->x + photo->width || f->x + f->width <= photo->x ||
                       f->y >= photo->y + photo->height || f->y + f->height <= photo->y);
      }
  }
  g_assert_cmpuint (layout->fields->len, ==, n);
}

/* 收养登记证 has a blank of its own: a box for every field it prints,
 * inside the blank, none overlapping another. */
static void
test_shipped_adoption_blank (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivPrintLayout) layout = civ_print_layout_load ("adoption-certificate", &error);
  guint n = 0;

  g_assert_no_error (error);
  g_assert_nonnull (layout);
  for (const char *id; (id = _civ_print_adoption_field_id (n)) != NULL; n++)
    {
      const CivPrintField *f = civ_print_layout_find (layout, id);

      g_test_message ("adoption field %s", id);
      g_assert_nonnull (f);
      g_assert_cmpfloat (f->x + f->width, <=, layout->width_mm);
      g_assert_cmpfloat (f->y + f->height, <=, layout->height_mm);
    }
  /* Number, date, remarks, registry, registrar; 4 per adopter; 4 for the child. */
  g_assert_cmpuint (n, ==, 17);
  g_assert_cmpuint (layout->fields->len, ==, n);
  for (guint i = 0; i < layout->fields->len; i++)
    for (guint k = i + 1; k < layout->fields->len; k++)
      {
        const CivPrintField *a = g_ptr_array_index (layout->fields, i);
        const CivPrintField *b = g_ptr_array_index (layout->fields, k);

        g_test_message ("%s clear of %s", a->id, b->id);
        g_assert_true (a->x >= b->x + b->width || a->x + a->width <= b->x ||
                       a->y >= b->y + b->height || a->y + a->height <= b->y);
      }
}

static void
test_refused (void)
{
  static const char *const bad[] = {
    "",
    "[]",
    "{\"layout\":\"x\",\"width_mm\":210,\"height_mm\":148}",
    "{\"width_mm\":210,\"height_mm\":148,\"fields\":[{\"id\":\"a\",\"x\":1,\"y\":1,\"width\":5,"
    "\"height\":5,\"size\":10}]}",
    "{\"layout\":\"x\",\"width_mm\":9000,\"height_mm\":148,\"fields\":[]}",
    /* a box past the blank's edge */
    "{\"layout\":\"x\",\"width_mm\":210,\"height_mm\":148,\"fields\":[{\"id\":\"a\",\"x\":200,"
    "\"y\":1,\"width\":50,\"height\":5,\"size\":10}]}",
    /* the same id twice */
    "{\"layout\":\"x\",\"width_mm\":210,\"height_mm\":148,\"fields\":[{\"id\":\"a\",\"x\":1,\"y\":"
    "1,"
    "\"width\":5,\"height\":5,\"size\":10},{\"id\":\"a\",\"x\":1,\"y\":9,\"width\":5,\"height\":5,"
    "\"size\":10}]}",
    /* no size; a size as a string */
    "{\"layout\":\"x\",\"width_mm\":210,\"height_mm\":148,\"fields\":[{\"id\":\"a\",\"x\":1,\"y\":"
    "1,"
    "\"width\":5,\"height\":5}]}",
    "{\"layout\":\"x\",\"width_mm\":210,\"height_mm\":148,\"fields\":[{\"id\":\"a\",\"x\":1,\"y\":"
    "1,"
    "\"width\":5,\"height\":5,\"size\":\"10\"}]}",
    /* negative position */
    "{\"layout\":\"x\",\"width_mm\":210,\"height_mm\":148,\"fields\":[{\"id\":\"a\",\"x\":-1,"
    "\"y\":1,\"width\":5,\"height\":5,\"size\":10}]}",
  };
  const char *good = "{\"layout\":\"x\",\"width_mm\":210,\"height_mm\":148,\"fields\":[{\"id\":"
                     "\"a\",\"x\":1.5,\"y\":1,\"width\":5,\"height\":5,\"size\":10}]}";
  g_autoptr (CivPrintLayout) ok = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *huge = g_strnfill (100 * 1024, ' ');

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) e = NULL;
      g_autoptr (CivPrintLayout) layout = civ_print_layout_parse (bad[i], strlen (bad[i]), &e);

      g_test_message ("bad layout %u", i);
      g_assert_null (layout);
      g_assert_error (e, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    }
  g_assert_null (civ_print_layout_parse (huge, strlen (huge), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  ok = civ_print_layout_parse (good, strlen (good), &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (civ_print_layout_find (ok, "a")->x, ==, 1.5);
}

static void
test_shipped_document (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivPrintDocumentLayout) layout =
    civ_print_document_layout_load ("document-a4", &error);
  guint n = 0;

  g_assert_no_error (error);
  g_assert_nonnull (layout);
  /* A4 with room to write on. */
  g_assert_cmpfloat (layout->width_mm, ==, 210);
  g_assert_cmpfloat (layout->height_mm, ==, 297);
  g_assert_cmpfloat (layout->margin_mm * 2, <, layout->width_mm - 100);
  for (const char *id; (id = _civ_print_style_id (n)) != NULL; n++)
    {
      const CivPrintStyle *style = civ_print_document_layout_find (layout, id);

      g_test_message ("style %s", id);
      g_assert_nonnull (style);
      g_assert_cmpint (style->size, >=, 9);
    }
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpint (civ_print_document_layout_find (layout, "title")->align, ==, PANGO_ALIGN_CENTER);
  g_assert_cmpint (civ_print_document_layout_find (layout, "signature")->align, ==,
                   PANGO_ALIGN_RIGHT);
  g_assert_cmpfloat (civ_print_document_layout_find (layout, "item")->indent_mm, >, 0);
}

static void
test_document_refused (void)
{
#define PAGE "\"layout\":\"x\",\"width_mm\":210,\"height_mm\":297,\"margin_mm\":25"
#define STYLE(body) "{" PAGE ",\"styles\":[" body "]}"
  static const char *const bad[] = {
    "{}",
    "{" PAGE "}",
    STYLE (""),
    /* page too small, margin too large */
    "{\"layout\":\"x\",\"width_mm\":50,\"height_mm\":297,\"margin_mm\":25,\"styles\":[{\"id\":"
    "\"a\",\"size\":10,\"bold\":false,\"align\":\"left\",\"indent_mm\":0,\"gap_mm\":3}]}",
    "{\"layout\":\"x\",\"width_mm\":210,\"height_mm\":297,\"margin_mm\":99,\"styles\":[{\"id\":"
    "\"a\",\"size\":10,\"bold\":false,\"align\":\"left\",\"indent_mm\":0,\"gap_mm\":3}]}",
    /* an unknown alignment; bold as a number; no gap; a size too small */
    STYLE ("{\"id\":\"a\",\"size\":10,\"bold\":false,\"align\":\"justify\",\"indent_mm\":0,"
           "\"gap_mm\":3}"),
    STYLE ("{\"id\":\"a\",\"size\":10,\"bold\":1,\"align\":\"left\",\"indent_mm\":0,"
           "\"gap_mm\":3}"),
    STYLE ("{\"id\":\"a\",\"size\":10,\"bold\":false,\"align\":\"left\",\"indent_mm\":0}"),
    STYLE ("{\"id\":\"a\",\"size\":2,\"bold\":false,\"align\":\"left\",\"indent_mm\":0,"
           "\"gap_mm\":3}"),
    /* the same id twice */
    STYLE ("{\"id\":\"a\",\"size\":10,\"bold\":false,\"align\":\"left\",\"indent_mm\":0,"
           "\"gap_mm\":3},{\"id\":\"a\",\"size\":10,\"bold\":false,\"align\":\"left\","
           "\"indent_mm\":0,\"gap_mm\":3}"),
  };
  const char *good = STYLE ("{\"id\":\"a\",\"size\":10,\"bold\":true,\"align\":\"right\","
                            "\"indent_mm\":2.5,\"gap_mm\":3}");
  g_autoptr (CivPrintDocumentLayout) ok = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) e = NULL;
      g_autoptr (CivPrintDocumentLayout) layout =
        civ_print_document_layout_parse (bad[i], strlen (bad[i]), &e);

      g_test_message ("bad document layout %u", i);
      g_assert_null (layout);
      g_assert_error (e, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    }
  ok = civ_print_document_layout_parse (good, strlen (good), &error);
  g_assert_no_error (error);
  g_assert_true (civ_print_document_layout_find (ok, "a")->bold);
  g_assert_cmpint (civ_print_document_layout_find (ok, "a")->align, ==, PANGO_ALIGN_RIGHT);
  g_assert_cmpfloat (civ_print_document_layout_find (ok, "a")->indent_mm, ==, 2.5);
#undef STYLE
#undef PAGE
}

/* The print dialog starts on the printer used last, and prints to a file
 * in the user's folder named after the job, never in the current folder. */
static void
test_print_settings (void)
{
  g_autoptr (GSettings) settings = civ_print_load_settings ();
  g_autoptr (GtkPrintSettings) first = NULL;
  g_autoptr (GtkPrintSettings) used = gtk_print_settings_new ();
  g_autoptr (GtkPrintSettings) next = NULL;
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *path = NULL;
  const char      *uri;

  if (settings == NULL)
    {
      g_test_skip ("the GSettings schema is not installed");
      return;
    }
  g_settings_reset (settings, "last-printer");
  first = civ_print_settings_for (settings, "J110101-2024-000001");
  g_assert_null (gtk_print_settings_get_printer (first));
  uri = gtk_print_settings_get (first, GTK_PRINT_SETTINGS_OUTPUT_URI);
  g_assert_nonnull (uri);
  path = g_filename_from_uri (uri, NULL, NULL);
  g_assert_nonnull (path);
  g_assert_true (g_str_has_suffix (path, G_DIR_SEPARATOR_S "J110101-2024-000001.pdf"));
  g_assert_true (g_str_has_prefix (path, g_get_home_dir ()));
  g_assert_false (g_str_has_prefix (path, cwd) && !g_str_equal (cwd, g_get_home_dir ()));
  /* What was printed on is proposed next time. */
  gtk_print_settings_set_printer (used, "Counter-2");
  civ_print_remember_printer (settings, used);
  next = civ_print_settings_for (settings, "a/b");
  g_assert_cmpstr (gtk_print_settings_get_printer (next), ==, "Counter-2");
  g_clear_pointer (&path, g_free);
  path =
    g_filename_from_uri (gtk_print_settings_get (next, GTK_PRINT_SETTINGS_OUTPUT_URI), NULL, NULL);
  g_assert_true (g_str_has_suffix (path, G_DIR_SEPARATOR_S "a-b.pdf"));
  g_settings_reset (settings, "last-printer");
}

/* ---- adoption prints ---- */

/* A married couple adopting jointly; @basis "parents-not-found" (a
 * welfare institution places the child, a notice first) or
 * "parents-hardship" (both birth parents place, named 张大山 and 李秀英). */
static char *
adoption_json (const char *basis, const char *child, const char *father_birth)
{
  gboolean    found = g_str_equal (basis, "parents-not-found");
  const char *placers =
    found ? "[{\"kind\": \"welfare-institution\", \"name\": \"市儿童福利院\"}]"
          : "[{\"kind\": \"birth-parent\", \"name\": \"张大山\", \"hardship\": true},"
            " {\"kind\": \"birth-parent\", \"name\": \"李秀英\", \"hardship\": true}]";

  return g_strdup_printf (
    "{\"application_date\": \"2026-03-02\", \"evaluation_date\": \"2026-03-02\","
    " \"relationship\": \"none\", \"birth_parent_consent\": false,"
    " \"child\": {\"name\": \"%s\", \"sex\": \"male\", \"birth_date\": \"2022-05-10\","
    " \"basis\": \"%s\", \"in_welfare_institution\": %s, \"consents\": true},"
    " \"placers\": %s,"
    " \"adopters\": [{\"name\": \"王强\", \"sex\": \"male\", \"birth_date\": \"%s\","
    " \"married\": true}, {\"name\": \"刘芳\", \"sex\": \"female\", \"birth_date\":"
    " \"1987-06-01\", \"married\": true}]}",
    child, basis, found ? "true" : "false", placers, father_birth);
}

typedef struct
{
  char        *dir;
  char        *out_dir;
  CivStore    *store; /* the supervisor: sees adoptions */
  CivCalendar *calendar;
  char        *noticed;   /* registered after a public notice */
  char        *refused;   /* refused (R-A3), with birth parents */
  char        *dissolved; /* registered, with birth parents, then dissolved */
  char        *certificate_no;
} AdoptionFixture;

/* Applies, assesses and decides on @today; returns the record id. */
static char *
adoption_walk (AdoptionFixture *fx,
               const char      *json,
               int              serial,
               gboolean         notice,
               const GDate     *applied,
               const GDate     *today)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *father = civ_test_make_id ("110101", "19850307", 11 + serial);
  g_autofree char *mother = civ_test_make_id ("110101", "19870601", 12 + serial);
  g_autofree char *child = civ_test_make_id ("110101", "20220510", 13 + serial);
  g_autoptr (CivAdoptionResult) r = NULL;
  g_autoptr (CivAdoptionResult) begun = NULL;
  g_autoptr (CivAdoptionResult) assessed = NULL;
  g_autoptr (CivAdoptionResult) decided = NULL;
  const char *const         team[] = { "赵评估", "钱评估", NULL };
  const char *const        *codes = civ_adoption_assessment_items ();
  CivAdoptionAssessmentItem items[16];
  CivAdoptionApplyInput     in = { 0 };
  CivAdoptionAssessment     a = { 0 };

  in.application = json;
  in.child.doc_kind = "resident-id";
  in.child.doc_number = child;
  in.adopter[0].doc_kind = "resident-id";
  in.adopter[0].doc_number = father;
  in.adopter[1].doc_kind = "resident-id";
  in.adopter[1].doc_number = mother;
  r = civ_adoption_apply (fx->store, &in, applied, fx->calendar, &error);
  g_assert_no_error (error);
  if (notice)
    {
      g_assert_true (
        civ_adoption_publish_notice (fx->store, r->record_id,
                                     "市儿童福利院收养公告\n王小明，男，2022年5月10日出生，于本院抚"
                                     "养。\n"
                                     "其生父母或者其他监护人自公告之日起六十日内认领。",
                                     applied, applied, fx->calendar, &error));
      g_assert_no_error (error);
    }
  begun = civ_adoption_begin_assessment (fx->store, r->record_id, today, fx->calendar, &error);
  g_assert_no_error (error);
  for (guint i = 0; codes[i] != NULL; i++)
    {
      items[i].item = (char *) codes[i];
      items[i].satisfactory = TRUE;
      items[i].note = (char *) "";
      a.n_items++;
    }
  a.items = items;
  a.team_members = team;
  a.conclusion = CIV_ASSESSMENT_SUITABLE;
  a.conclusion_text = "适合收养";
  assessed =
    civ_adoption_record_assessment (fx->store, r->record_id, &a, today, fx->calendar, &error);
  g_assert_no_error (error);
  decided = civ_adoption_decide (fx->store, r->record_id, today, fx->calendar, &error);
  g_assert_no_error (error);
  return g_strdup (r->record_id);
}

static void
adoption_set_up (AdoptionFixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *with_notice = adoption_json ("parents-not-found", "王小明", "1985-03-07");
  g_autofree char *too_young = adoption_json ("parents-hardship", "李小华", "2000-03-07");
  g_autofree char *ok = adoption_json ("parents-hardship", "陈小宝", "1985-03-07");
  GDate            applied, today;

  fx->store = civ_test_new_office (&fx->dir, NULL);
  fx->out_dir = civ_test_mkdtemp ();
  fx->calendar = civ_calendar_new ();
  civ_calendar_add_year (fx->calendar, 2026);
  civ_calendar_add_year (fx->calendar, 2027);

  civ_test_date (&applied, 2026, 3, 2);
  civ_test_date (&today, 2026, 6, 1);
  fx->noticed = adoption_walk (fx, with_notice, 0, TRUE, &applied, &today);
  fx->refused = adoption_walk (fx, too_young, 10, FALSE, &today, &today);
  fx->dissolved = adoption_walk (fx, ok, 20, FALSE, &today, &today);
}

static void
adoption_tear_down (AdoptionFixture *fx, gconstpointer data)
{
  g_clear_object (&fx->store);
  civ_calendar_unref (fx->calendar);
  civ_test_rmdir (fx->dir);
  civ_test_rmdir (fx->out_dir);
  g_free (fx->dir);
  g_free (fx->out_dir);
  g_free (fx->noticed);
  g_free (fx->refused);
  g_free (fx->dissolved);
  g_free (fx->certificate_no);
}

static CivAdoptionView *
open_for_print (AdoptionFixture *fx, const char *key)
{
  g_autoptr (GError) error = NULL;
  CivAdoptionView *view =
    civ_adoption_open (fx->store, key, CIV_ADOPTION_ACCESS_PRINT, "打印收养文书", &error);

  g_assert_no_error (error);
  return view;
}

/* Exports @kind of the adoption @key to PDF (@settings may be NULL) and
 * returns its path; @name names the file and the screenshot. */
static char *
export_adoption (AdoptionFixture     *fx,
                 const char          *key,
                 CivAdoptionPrintKind kind,
                 GSettings           *settings,
                 const char          *name)
{
  g_autoptr (GError) error = NULL;
  CivAdoptionView *view = open_for_print (fx, key);
  g_autofree char *file = g_strconcat (name, ".pdf", NULL);
  char            *path = g_build_filename (fx->out_dir, file, NULL);
  g_autoptr (GtkPrintOperation) op = NULL;

  g_assert_true (civ_print_adoption_check (kind, view, &error));
  g_assert_no_error (error);
  op = civ_print_adoption_operation_new (kind, view, settings);
  g_assert_true (civ_print_export_pdf (op, path, &error));
  g_assert_no_error (error);
  civ_test_pdf_screenshot (path, name, 80);
  return path;
}

/* The text of the PDF @path with every space taken out (pdftotext lays
 * the words out with spaces and line breaks of its own). */
static char *
pdf_words (const char *path)
{
  g_autofree char *text = civ_test_pdf_text (path, FALSE, 0);
  GString         *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static void
assert_contains (const char *text, const char *what)
{
  g_autofree char *needle = NULL;
  GString         *s = g_string_new (NULL);

  for (const char *p = what; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (s, *p);
  needle = g_string_free (s, FALSE);
  if (strstr (text, needle) == NULL)
    g_error ("“%s” is not in the print: %s", what, text);
}

/* R-A13: no print of an adoption names the birth parents. */
static void
assert_no_birth_parents (const char *text)
{
  g_assert_null (strstr (text, "张大山"));
  g_assert_null (strstr (text, "李秀英"));
}

/* 收养登记证 on its own blank: number, date, both adopters and the child
 * with their documents, registry and registrar; never the birth parents;
 * moved by the printer offset like the marriage blank. */
static void
test_adoption_certificate (AdoptionFixture *fx, gconstpointer data)
{
  g_autoptr (GSettings) settings = civ_print_load_settings ();
  g_autoptr (CivAdoptionView) view = open_for_print (fx, fx->dissolved);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *bbox = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *moved_bbox = NULL;
  double           x, y;

  g_assert_nonnull (view->row->certificate_no);
  g_assert_true (view->birth_parents_withheld);
  path = export_adoption (fx, fx->dissolved, CIV_PRINT_ADOPTION_CERTIFICATE, NULL,
                          "adoption-certificate");
  g_assert_cmpint (civ_test_pdf_pages (path), ==, 1);
  text = pdf_words (path);
  assert_contains (text, view->row->certificate_no);
  assert_contains (text, "2026-06-01");
  assert_contains (text, "王强");
  assert_contains (text, "刘芳");
  assert_contains (text, "陈小宝");
  assert_contains (text, "1985-03-07");
  assert_contains (text, "2022-05-10");
  for (guint i = 0; i < view->parties->len; i++)
    {
      const CivAdoptionPartyRow *p = g_ptr_array_index (view->parties, i);

      if (!g_str_equal (p->role, "placer"))
        assert_contains (text, p->doc_number);
    }
  assert_contains (text, "北京市东城区婚姻登记处");
  assert_contains (text, "王主任");
  assert_no_birth_parents (text);
  /* The page is the adoption blank (210 × 148 mm), not A4. */
  bbox = civ_test_pdf_text (path, TRUE, 1);
  g_assert_nonnull (strstr (bbox, "<page width=\"595.27"));
  g_assert_nonnull (strstr (bbox, "height=\"419.52"));

  /* The number starts where the layout puts it, then moves by the offset
   * calibrated for PDF export. */
  x = civ_test_bbox_word_x (bbox, view->row->certificate_no);
  y = civ_test_bbox_word_y (bbox, view->row->certificate_no);
  g_assert_cmpfloat (fabs (x - 38 * PT_PER_MM), <, 1.5);
  if (settings == NULL)
    {
      g_test_message ("the GSettings schema is not installed: offsets not tried");
      return;
    }
  civ_print_set_offset (settings, "", 5, -3);
  moved = export_adoption (fx, fx->dissolved, CIV_PRINT_ADOPTION_CERTIFICATE, settings,
                           "adoption-certificate-moved");
  moved_bbox = civ_test_pdf_text (moved, TRUE, 1);
  g_assert_cmpfloat (fabs (civ_test_bbox_word_x (moved_bbox, view->row->certificate_no) - x -
                           5 * PT_PER_MM),
                     <, 0.5);
  g_assert_cmpfloat (fabs (civ_test_bbox_word_y (moved_bbox, view->row->certificate_no) - y +
                           3 * PT_PER_MM),
                     <, 0.5);
  g_settings_reset (settings, "certificate-offsets");
}

/* The R-A7 notice as recorded, with its publication and end dates. */
static void
test_adoption_notice (AdoptionFixture *fx, gconstpointer data)
{
  g_autoptr (CivAdoptionView) view = open_for_print (fx, fx->noticed);
  g_autofree char *path =
    export_adoption (fx, fx->noticed, CIV_PRINT_ADOPTION_NOTICE, NULL, "adoption-notice");
  g_autofree char *text = pdf_words (path);

  assert_contains (text, "Adoption Public Notice");
  assert_contains (text, "市儿童福利院收养公告");
  assert_contains (text, "其生父母或者其他监护人自公告之日起六十日内认领。");
  assert_contains (text, "2026-03-02");
  assert_contains (text, view->notice->ends_on);
  assert_contains (text, "北京市东城区婚姻登记处");
}

/* 不予登记告知书: every reason with its rule id and its law; the birth
 * parents who placed the child are not named. */
static void
test_adoption_refusal (AdoptionFixture *fx, gconstpointer data)
{
  g_autoptr (CivAdoptionView) view = open_for_print (fx, fx->refused);
  g_autofree char *path =
    export_adoption (fx, fx->refused, CIV_PRINT_ADOPTION_REFUSAL, NULL, "adoption-refusal");
  g_autofree char *text = pdf_words (path);
  guint            n = 0;

  assert_contains (text, "Notice of Refusal of Adoption Registration");
  assert_contains (text, "王强");
  assert_contains (text, "刘芳");
  assert_contains (text, "李小华");
  g_assert_cmpuint (view->findings->len, >, 0);
  for (guint i = 0; i < view->findings->len; i++)
    {
      const CivFinding *f = g_ptr_array_index (view->findings, i);

      assert_contains (text, f->rule);
      if (f->citation != NULL)
        assert_contains (text, f->citation);
      n += g_str_equal (f->rule, "R-A3");
    }
  g_assert_cmpuint (n, ==, 1);
  assert_contains (text, "王主任");
  assert_no_birth_parents (text);
}

/* 解除收养关系证明 with its own number; the adoption certificate it ends. */
static void
test_adoption_dissolution (AdoptionFixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivAdoptionResult) applied = NULL;
  g_autoptr (CivAdoptionView) before = open_for_print (fx, fx->dissolved);
  g_autoptr (CivAdoptionView) view = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  GDate            day;

  /* Not dissolved yet: no proof. */
  g_assert_false (civ_print_adoption_check (CIV_PRINT_ADOPTION_DISSOLUTION, before, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_REFUSED);
  g_assert_cmpstr (civ_app_error_get_rule (error), ==, "R-A14");
  g_clear_error (&error);

  civ_test_date (&day, 2027, 2, 1);
  applied = civ_adoption_apply_dissolution (fx->store, fx->dissolved, "解除收养协议书第7号", TRUE,
                                            &day, fx->calendar, &error);
  g_assert_no_error (error);
  civ_test_date (&day, 2027, 3, 8);
  g_assert_true (civ_adoption_dissolve (fx->store, fx->dissolved, TRUE, &day, &error));
  g_assert_no_error (error);
  view = open_for_print (fx, fx->dissolved);
  g_assert_cmpstr (view->dissolution_no, ==, "JCSY110101-2027-000001");

  path = export_adoption (fx, fx->dissolved, CIV_PRINT_ADOPTION_DISSOLUTION, NULL,
                          "adoption-dissolution");
  text = pdf_words (path);
  assert_contains (text, "Certificate of Dissolution of Adoption");
  assert_contains (text, "JCSY110101-2027-000001");
  assert_contains (text, before->row->certificate_no);
  assert_contains (text, "解除收养协议书第7号");
  assert_contains (text, "2027-03-08");
  assert_contains (text, "王强");
  assert_contains (text, "刘芳");
  assert_contains (text, "陈小宝");
  assert_contains (text, "王主任");
  assert_no_birth_parents (text);

  /* The certificate was taken back: it no longer prints. */
  g_assert_false (civ_print_adoption_check (CIV_PRINT_ADOPTION_CERTIFICATE, view, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_REFUSED);
  g_assert_cmpstr (civ_app_error_get_rule (error), ==, "R-A10");
}

/* Each kind only when the adoption can give it. */
static void
test_adoption_check (AdoptionFixture *fx, gconstpointer data)
{
  g_autoptr (CivAdoptionView) noticed = open_for_print (fx, fx->noticed);
  g_autoptr (CivAdoptionView) refused = open_for_print (fx, fx->refused);
  g_autoptr (CivAdoptionView) plain = open_for_print (fx, fx->dissolved);
  const struct
  {
    CivAdoptionPrintKind   kind;
    const CivAdoptionView *view;
    const char            *rule; /* NULL: it prints */
  } cases[] = {
    { CIV_PRINT_ADOPTION_CERTIFICATE, noticed, NULL },
    { CIV_PRINT_ADOPTION_NOTICE, noticed, NULL },
    { CIV_PRINT_ADOPTION_REFUSAL, noticed, "R-A10" },
    { CIV_PRINT_ADOPTION_DISSOLUTION, noticed, "R-A14" },
    { CIV_PRINT_ADOPTION_CERTIFICATE, refused, "R-A10" },
    { CIV_PRINT_ADOPTION_NOTICE, refused, "R-A7" },
    { CIV_PRINT_ADOPTION_REFUSAL, refused, NULL },
    { CIV_PRINT_ADOPTION_DISSOLUTION, refused, "R-A14" },
    { CIV_PRINT_ADOPTION_NOTICE, plain, "R-A7" },
    { CIV_PRINT_ADOPTION_REFUSAL, plain, "R-A10" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      gboolean ok = civ_print_adoption_check (cases[i].kind, cases[i].view, &error);

      g_test_message ("case %u", i);
      if (cases[i].rule == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          continue;
        }
      g_assert_false (ok);
      g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_REFUSED);
      g_assert_cmpstr (civ_app_error_get_rule (error), ==, cases[i].rule);
      g_assert_cmpstr (error->message, !=, "");
    }
}

/* The prints as a Chinese registry prints them, with the build's
 * catalogue: the documents' titles, the dates written 2026年06月01日.
 * Runs last: the locale stays for the rest of the process. */
static void
test_adoption_zh (AdoptionFixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivAdoptionResult) applied = NULL;
  const char      *localedir = g_getenv ("CIVREG_LOCALEDIR");
  g_autofree char *certificate = NULL;
  g_autofree char *refusal = NULL;
  g_autofree char *notice = NULL;
  g_autofree char *proof = NULL;
  g_autofree char *text = NULL;
  GDate            day;

  if (localedir == NULL || setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("no zh_CN.UTF-8 locale or catalogue");
      return;
    }
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  if (g_strcmp0 (_ ("Certificate of Dissolution of Adoption"),
                 "Certificate of Dissolution of Adoption") == 0)
    {
      g_test_skip ("the zh_CN catalogue is not built");
      return;
    }

  certificate = export_adoption (fx, fx->dissolved, CIV_PRINT_ADOPTION_CERTIFICATE, NULL,
                                 "adoption-certificate-zh_CN");
  text = pdf_words (certificate);
  assert_contains (text, "2026年06月01日");
  assert_contains (text, "男");
  assert_contains (text, "女");
  g_clear_pointer (&text, g_free);

  notice =
    export_adoption (fx, fx->noticed, CIV_PRINT_ADOPTION_NOTICE, NULL, "adoption-notice-zh_CN");
  text = pdf_words (notice);
  assert_contains (text, "收养公告");
  assert_contains (text, "公告期至2026年05月01日届满");
  g_clear_pointer (&text, g_free);

  refusal =
    export_adoption (fx, fx->refused, CIV_PRINT_ADOPTION_REFUSAL, NULL, "adoption-refusal-zh_CN");
  text = pdf_words (refusal);
  assert_contains (text, "不予办理收养登记告知书");
  assert_contains (text, "R-A3；依据《中华人民共和国民法典》第一千零九十八条");
  assert_no_birth_parents (text);
  g_clear_pointer (&text, g_free);

  civ_test_date (&day, 2027, 2, 1);
  applied = civ_adoption_apply_dissolution (fx->store, fx->dissolved, "解除收养协议书第7号", TRUE,
                                            &day, fx->calendar, &error);
  g_assert_no_error (error);
  civ_test_date (&day, 2027, 3, 8);
  g_assert_true (civ_adoption_dissolve (fx->store, fx->dissolved, TRUE, &day, &error));
  g_assert_no_error (error);
  proof = export_adoption (fx, fx->dissolved, CIV_PRINT_ADOPTION_DISSOLUTION, NULL,
                           "adoption-dissolution-zh_CN");
  text = pdf_words (proof);
  assert_contains (text, "解除收养关系证明");
  assert_contains (text, "编号：JCSY110101-2027-000001");
  assert_contains (text, "2027年03月08日");
  assert_contains (text, "特此证明");
  assert_no_birth_parents (text);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  g_test_add_func ("/print/layout/shipped-blank", test_shipped_blank);
  g_test_add_func ("/print/layout/shipped-adoption-blank", test_shipped_adoption_blank);
  g_test_add_func ("/print/layout/refused", test_refused);
  g_test_add_func ("/print/layout/shipped-document", test_shipped_document);
  g_test_add_func ("/print/layout/document-refused", test_document_refused);
  g_test_add_func ("/print/settings/last-printer-and-folder", test_print_settings);
#define ADOPTION(path, fn)                                                                         \
  g_test_add (path, AdoptionFixture, NULL, adoption_set_up, fn, adoption_tear_down)
  ADOPTION ("/print/adoption/certificate", test_adoption_certificate);
  ADOPTION ("/print/adoption/notice", test_adoption_notice);
  ADOPTION ("/print/adoption/refusal", test_adoption_refusal);
  ADOPTION ("/print/adoption/dissolution", test_adoption_dissolution);
  ADOPTION ("/print/adoption/check", test_adoption_check);
  ADOPTION ("/print/adoption/zh_CN", test_adoption_zh);
  return g_test_run ();
}
