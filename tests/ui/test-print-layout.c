// SPDX-License-Identifier: GPL-3.0-or-later
/* test-print-layout.c — certificate layouts as data: the shipped blank has
 * a box inside the blank for every field the certificates print, and a
 * layout that is not right is refused with a message, never half-used;
 * the same for the layout of notices, receipts and extracts */
#include <math.h>
#include <string.h>

#include "civ-print-layout.h"
#include "civ-print-private.h"

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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/print/layout/shipped-blank", test_shipped_blank);
  g_test_add_func ("/print/layout/refused", test_refused);
  g_test_add_func ("/print/layout/shipped-document", test_shipped_document);
  g_test_add_func ("/print/layout/document-refused", test_document_refused);
  g_test_add_func ("/print/settings/last-printer-and-folder", test_print_settings);
  return g_test_run ();
}
