// SPDX-License-Identifier: GPL-3.0-or-later
/* test-ui-documents.c — documents at the counter under Xvfb: a PNG photo
 * and a two-page PDF declaration added on the marriage page before Register
 * (a text file named .pdf refused), previewed while pending, stored with the
 * registration in the same transaction with the right SHA-256, shown as
 * stored afterwards, rendered page by page in the preview, a JPEG attached
 * to the registered record, and the list the record view embeds.
 *
 * With CIVREG_SCREENSHOT_DIR set, screenshots of the root window are saved
 * there (marriage page with documents, image and PDF previews). */
#include "civ-ui-test-utils.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <string.h>

#include "civ-document-list.h"
#include "civ-document-preview.h"
#include "civ-marriage-page.h"
#include "civ-marriage-service.h"
#include "civ-party-panel.h"
#include "civ-test-utils.h"
#include "civ-marriage-page-private.h"
#include "civ-document-list-private.h"
#include "civ-document-preview-private.h"

#define CLERK "clerk"
#define CLERK_PW "Clerk-password"

typedef struct
{
  char          *data_dir;
  char          *files;
  char          *png;
  char          *pdf;
  char          *jpeg;
  char          *text;
  CivMainWindow *main_window;
  char          *record_id;
  char          *sha[3]; /* png, pdf, jpeg */
} Fixture;

static char *
file_sha256 (const char *path)
{
  g_autoptr (GBytes) bytes = civ_test_read_file (path);

  return civ_document_sha256_hex (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* A wedding-photo stand-in: red background, two people, a caption. */
static void
draw_photo (cairo_t *cr, int w, int h)
{
  cairo_set_source_rgb (cr, 0.78, 0.1, 0.12);
  cairo_paint (cr);
  for (int i = 0; i < 2; i++)
    {
      double x = w * (i ? 0.62 : 0.38);

      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_arc (cr, x, h * 0.38, h * 0.12, 0, 2 * G_PI);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, i ? 0.95 : 0.15, i ? 0.95 : 0.15, i ? 0.95 : 0.2);
      cairo_rectangle (cr, x - h * 0.16, h * 0.52, h * 0.32, h * 0.48);
      cairo_fill (cr);
    }
  cairo_set_source_rgb (cr, 1, 0.85, 0.3);
  cairo_select_font_face (cr, "Noto Sans CJK SC", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, h * 0.09);
  cairo_move_to (cr, w * 0.06, h * 0.13);
  cairo_show_text (cr, "结婚登记照 张伟 李娜");
}

static void
write_png (const char *path)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 600, 420);
  cairo_t         *cr = cairo_create (surface);

  draw_photo (cr, 600, 420);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

static void
write_jpeg (const char *path)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 320, 200);
  cairo_t         *cr = cairo_create (surface);
  g_autoptr (GdkPixbuf) pixbuf = NULL;
  g_autoptr (GError) error = NULL;

  cairo_set_source_rgb (cr, 0.85, 0.9, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.1, 0.2, 0.5);
  cairo_select_font_face (cr, "Noto Sans CJK SC", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 26);
  cairo_move_to (cr, 20, 60);
  cairo_show_text (cr, "居民身份证 复印件");
  cairo_destroy (cr);
  pixbuf = gdk_pixbuf_get_from_surface (surface, 0, 0, 320, 200);
  cairo_surface_destroy (surface);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "jpeg", &error, "quality", "90", NULL));
  g_assert_no_error (error);
}

/* A two-page declaration (声明书) drawn with cairo's PDF surface. */
static void
write_pdf (const char *path)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t         *cr = cairo_create (surface);
  const char      *lines[] = { "本人声明：", "一、本人没有配偶。",
                               "二、本人与对方当事人没有直系血亲和三代以内旁系血亲关系。",
                               "三、本人上述声明完全真实。" };

  cairo_select_font_face (cr, "Noto Sans CJK SC", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 28);
  cairo_move_to (cr, 170, 110);
  cairo_show_text (cr, "申请结婚登记声明书");
  cairo_select_font_face (cr, "Noto Sans CJK SC", CAIRO_FONT_SLANT_NORMAL,
                          CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 16);
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      cairo_move_to (cr, 70, 190 + 40 * i);
      cairo_show_text (cr, lines[i]);
    }
  cairo_move_to (cr, 330, 520);
  cairo_show_text (cr, "声明人：张伟（签名）");
  cairo_show_page (cr);
  cairo_set_font_size (cr, 28);
  cairo_move_to (cr, 200, 110);
  cairo_show_text (cr, "第二页：李娜声明");
  cairo_set_font_size (cr, 16);
  cairo_move_to (cr, 330, 520);
  cairo_show_text (cr, "声明人：李娜（签名）");
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  g_autoptr (CivStore) store = civ_test_new_office (&fx->data_dir, NULL);

  civ_test_add_operator (store, CLERK, "李登记", CIV_ROLE_REGISTRAR, CLERK_PW);
  fx->files = civ_test_mkdtemp ();
  fx->png = g_build_filename (fx->files, "合影.png", NULL);
  fx->pdf = g_build_filename (fx->files, "声明书.pdf", NULL);
  fx->jpeg = g_build_filename (fx->files, "身份证.jpg", NULL);
  fx->text = g_build_filename (fx->files, "scan.pdf", NULL);
  write_png (fx->png);
  write_pdf (fx->pdf);
  write_jpeg (fx->jpeg);
  g_assert_true (g_file_set_contents (fx->text, "not a scan at all\n", -1, NULL));
  fx->sha[0] = file_sha256 (fx->png);
  fx->sha[1] = file_sha256 (fx->pdf);
  fx->sha[2] = file_sha256 (fx->jpeg);
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  g_assert_null (fx->main_window);
  civ_test_rmdir (fx->data_dir);
  civ_test_rmdir (fx->files);
  g_free (fx->data_dir);
  g_free (fx->files);
  g_free (fx->png);
  g_free (fx->pdf);
  g_free (fx->jpeg);
  g_free (fx->text);
  g_free (fx->record_id);
  for (guint i = 0; i < G_N_ELEMENTS (fx->sha); i++)
    g_free (fx->sha[i]);
}

/* Adds @path through "Add Document…" and the kind dialog. */
static void
add_document (CivApplication  *app,
              CivDocumentList *list,
              const char      *path,
              CivDocumentKind  kind,
              const char      *response,
              const char      *screenshot)
{
  GtkWindow   *dialog = NULL;
  GtkListBox  *box;
  AdwComboRow *combo;
  guint        before = _civ_document_list_get_n_items (list);

  _civ_document_list_set_next_file (list, path);
  civ_ui_test_click (civ_ui_test_child (list, CIV_TYPE_DOCUMENT_LIST, "add_button"));
  civ_ui_test_wait_for ((dialog = civ_ui_test_find_window (app, ADW_TYPE_MESSAGE_DIALOG)) != NULL);
  box = GTK_LIST_BOX (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog)));
  combo = ADW_COMBO_ROW (gtk_list_box_get_row_at_index (box, 0));
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (combo)), ==,
                    CIV_N_DOCUMENT_KINDS);
  adw_combo_row_set_selected (combo, kind);
  if (screenshot)
    {
      civ_ui_test_wait_for (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
      civ_ui_test_spin (500);
      civ_ui_test_screenshot (screenshot);
    }
  civ_ui_test_click (civ_ui_test_find_button (GTK_WIDGET (dialog), response));
  civ_ui_test_wait_for (civ_ui_test_find_window (app, ADW_TYPE_MESSAGE_DIALOG) == NULL);
  civ_ui_test_wait_for (_civ_document_list_is_idle (list) &&
                        _civ_document_list_get_n_items (list) == before + 1);
}

/* Opens the preview of row @index and waits until it shows the document. */
static CivDocumentPreview *
open_preview (CivDocumentList *list, guint index)
{
  GtkWidget          *row = _civ_document_list_get_row (list, index);
  CivDocumentPreview *preview;

  civ_ui_test_click (civ_ui_test_find_button (row, "Preview"));
  preview = CIV_DOCUMENT_PREVIEW (_civ_document_list_get_preview (list));
  g_assert_nonnull (preview);
  civ_ui_test_wait_for (_civ_document_preview_is_shown (preview) ||
                        _civ_document_preview_get_error (preview) != NULL);
  g_assert_null (_civ_document_preview_get_error (preview));
  return preview;
}

static void
close_preview (CivDocumentList *list)
{
  GtkWindow *preview = _civ_document_list_get_preview (list);

  gtk_window_close (preview);
  civ_ui_test_wait_for (_civ_document_list_get_preview (list) == NULL);
}

/* Scrolls the marriage page so the documents group is in view. */
static void
scroll_to (CivMarriagePage *page, GtkWidget *widget)
{
  GtkScrolledWindow *scroller = civ_ui_test_child (page, CIV_TYPE_MARRIAGE_PAGE, "scroller");
  GtkWidget         *content = gtk_scrolled_window_get_child (scroller);
  GtkAdjustment     *adj = gtk_scrolled_window_get_vadjustment (scroller);
  graphene_rect_t    bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, content, &bounds));
  gtk_adjustment_set_value (adj, bounds.origin.y - 24);
}

/* The thumbnails (images showing a decoded picture) under @widget. */
static guint
count_thumbnails (GtkWidget *widget)
{
  guint n =
    GTK_IS_IMAGE (widget) && gtk_image_get_storage_type (GTK_IMAGE (widget)) == GTK_IMAGE_PAINTABLE;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    n += count_thumbnails (c);
  return n;
}

/* Every row shows its thumbnail instead of the placeholder icon. */
static gboolean
pictures_shown (CivDocumentList *list)
{
  for (guint i = 0; i < _civ_document_list_get_n_items (list); i++)
    if (count_thumbnails (_civ_document_list_get_row (list, i)) != 1)
      return FALSE;
  return TRUE;
}

static void
documents_body (CivApplication *app, gpointer data)
{
  Fixture         *fx = data;
  CivMainWindow   *window = civ_ui_test_present_main (app, CLERK, CLERK_PW, &fx->main_window);
  CivMarriagePage *page = NULL;
  GType            mt = CIV_TYPE_MARRIAGE_PAGE;
  CivDocumentList *list;
  g_autofree char *his = civ_test_make_id ("110101", "19950307", 11);
  g_autofree char *hers = civ_test_make_id ("110102", "19970801", 12);
  g_autoptr (GPtrArray) pending = NULL;
  CivDocumentPreview   *preview;
  const CivDocumentRow *row;
  GDate                 today;

  _civ_main_window_show_page (window, "marriage");
  page = CIV_MARRIAGE_PAGE (_civ_main_window_get_page (window, "marriage"));
  list = civ_ui_test_child (page, mt, "documents");
  g_assert_null (civ_document_list_get_record (list));
  g_assert_cmpuint (_civ_document_list_get_n_items (list), ==, 0);
  g_assert_true (
    gtk_widget_get_visible (civ_ui_test_child (list, CIV_TYPE_DOCUMENT_LIST, "empty_row")));

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 20, G_DATE_MAY, 2026);
  _civ_main_window_set_today (window, &today);
  civ_ui_test_fill_party (civ_ui_test_child (page, mt, "party_a"), "张伟", his);
  civ_ui_test_fill_party (civ_ui_test_child (page, mt, "party_b"), "李娜", hers);

  /* The couple's photo and the declaration, before Register. */
  add_document (app, list, fx->png, CIV_DOCUMENT_COUPLE_PHOTO, "_Add", "document-kind-dialog.png");
  add_document (app, list, fx->pdf, CIV_DOCUMENT_DECLARATION, "_Add", NULL);
  g_assert_false (
    gtk_widget_get_visible (civ_ui_test_child (list, CIV_TYPE_DOCUMENT_LIST, "empty_row")));
  g_assert_null (_civ_document_list_get_stored (list, 0));

  /* A text file called scan.pdf is refused by its content: nothing added, no dialog. */
  _civ_document_list_set_next_file (list, fx->text);
  civ_ui_test_click (civ_ui_test_child (list, CIV_TYPE_DOCUMENT_LIST, "add_button"));
  civ_ui_test_wait_for (_civ_document_list_is_idle (list));
  civ_ui_test_spin (100);
  g_assert_null (civ_ui_test_find_window (app, ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpuint (_civ_document_list_get_n_items (list), ==, 2);

  /* What the request will carry. */
  pending = civ_document_list_dup_pending (list);
  g_assert_cmpuint (pending->len, ==, 2);
  g_assert_cmpint (((CivDocumentInput *) pending->pdata[0])->kind, ==, CIV_DOCUMENT_COUPLE_PHOTO);
  g_assert_cmpstr (((CivDocumentInput *) pending->pdata[0])->sha256, ==, fx->sha[0]);
  g_assert_cmpstr (((CivDocumentInput *) pending->pdata[1])->media_type, ==, "application/pdf");
  g_assert_cmpstr (((CivDocumentInput *) pending->pdata[1])->sha256, ==, fx->sha[1]);

  /* A pending file previews from memory. */
  preview = open_preview (list, 0);
  g_assert_cmpuint (_civ_document_preview_get_n_pages (preview), ==, 1);
  close_preview (list);

  civ_ui_test_wait_for (_civ_marriage_page_get_findings (page) != NULL);
  civ_ui_test_wait_for (pictures_shown (list));
  scroll_to (page, GTK_WIDGET (list));
  civ_ui_test_screenshot ("marriage-documents-pending.png");

  civ_ui_test_click (civ_ui_test_child (page, mt, "register_button"));
  civ_ui_test_wait_for (_civ_marriage_page_get_certificate_no (page) != NULL);
  fx->record_id = g_strdup (_civ_marriage_page_get_record_id (page));

  /* Now shown as stored, in the order added, with the files' SHA-256. */
  g_assert_cmpstr (civ_document_list_get_record (list), ==, fx->record_id);
  civ_ui_test_wait_for (_civ_document_list_is_idle (list) &&
                        _civ_document_list_get_stored (list, 1) != NULL);
  g_assert_cmpuint (_civ_document_list_get_n_items (list), ==, 2);
  row = _civ_document_list_get_stored (list, 0);
  g_assert_cmpstr (row->kind, ==, "couple-photo");
  g_assert_cmpstr (row->file_name, ==, "合影.png");
  g_assert_cmpstr (row->sha256, ==, fx->sha[0]);
  g_assert_cmpstr (row->created_by, ==, CLERK);
  row = _civ_document_list_get_stored (list, 1);
  g_assert_cmpstr (row->kind, ==, "declaration");
  g_assert_cmpstr (row->sha256, ==, fx->sha[1]);
  g_clear_pointer (&pending, g_ptr_array_unref);
  pending = civ_document_list_dup_pending (list);
  g_assert_cmpuint (pending->len, ==, 0);
  civ_ui_test_wait_for (pictures_shown (list));
  scroll_to (page, GTK_WIDGET (list));
  civ_ui_test_screenshot ("marriage-documents-stored.png");

  /* The stored PDF, rendered page by page. */
  preview = open_preview (list, 1);
  g_assert_cmpuint (_civ_document_preview_get_n_pages (preview), ==, 2);
  g_assert_cmpuint (_civ_document_preview_get_page (preview), ==, 0);
  civ_ui_test_screenshot ("document-preview-pdf.png");
  gtk_widget_activate_action (GTK_WIDGET (preview), "preview.next-page", NULL);
  civ_ui_test_wait_for (_civ_document_preview_get_page (preview) == 1 &&
                        _civ_document_preview_is_shown (preview));
  /* No page after the last. */
  gtk_widget_activate_action (GTK_WIDGET (preview), "preview.next-page", NULL);
  civ_ui_test_spin (100);
  g_assert_cmpuint (_civ_document_preview_get_page (preview), ==, 1);
  close_preview (list);

  /* The stored photo, scaled to fit. */
  preview = open_preview (list, 0);
  civ_ui_test_screenshot ("document-preview-image.png");
  close_preview (list);

  /* Attaching to the registered record: at once, as a third document. */
  add_document (app, list, fx->jpeg, CIV_DOCUMENT_IDENTITY_COPY, "_Attach", NULL);
  civ_ui_test_wait_for (_civ_document_list_is_idle (list) &&
                        _civ_document_list_get_stored (list, 2) != NULL);
  g_assert_cmpstr (_civ_document_list_get_stored (list, 2)->media_type, ==, "image/jpeg");
  g_assert_cmpstr (_civ_document_list_get_stored (list, 2)->sha256, ==, fx->sha[2]);

  /* What the record view embeds: the same documents for the record id. */
  {
    GtkWidget       *other = gtk_window_new ();
    GtkWidget       *scrolled = gtk_scrolled_window_new ();
    CivDocumentList *embedded = CIV_DOCUMENT_LIST (
      civ_document_list_new_for_record (_civ_application_get_session (app), fx->record_id));
    gpointer weak = other;

    g_object_add_weak_pointer (G_OBJECT (other), &weak);
    gtk_window_set_application (GTK_WINDOW (other), GTK_APPLICATION (app));
    gtk_window_set_default_size (GTK_WINDOW (other), 700, 420);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (embedded));
    gtk_window_set_child (GTK_WINDOW (other), scrolled);
    gtk_window_present (GTK_WINDOW (other));
    civ_ui_test_wait_for (_civ_document_list_is_idle (embedded) &&
                          _civ_document_list_get_n_items (embedded) == 3);
    g_assert_cmpstr (_civ_document_list_get_stored (embedded, 1)->sha256, ==, fx->sha[1]);
    gtk_window_destroy (GTK_WINDOW (other));
    civ_ui_test_wait_for (weak == NULL);
  }

  /* A new registration starts without documents. */
  civ_ui_test_click (civ_ui_test_child (page, mt, "new_button"));
  g_assert_null (civ_document_list_get_record (list));
  g_assert_cmpuint (_civ_document_list_get_n_items (list), ==, 0);

  civ_ui_test_close_all (app);
}

static void
test_documents (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GBytes) content = NULL;
  g_autoptr (GBytes) original = NULL;

  civ_ui_test_run_app (fx->data_dir, documents_body, fx);

  /* Stored in the office with the registration, verified on read. */
  store = civ_store_open (fx->data_dir, CLERK, CLERK_PW, &error);
  g_assert_no_error (error);
  rows = civ_document_list_for_record (store, fx->record_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (((CivDocumentRow *) rows->pdata[i])->sha256, ==, fx->sha[i]);
  content = civ_document_open (store, ((CivDocumentRow *) rows->pdata[1])->id,
                               CIV_DOCUMENT_ACCESS_THUMBNAIL, NULL, &error);
  g_assert_no_error (error);
  original = civ_test_read_file (fx->pdf);
  g_assert_true (g_bytes_equal (content, original));

  /* The registration and its two documents share one record; the two
   * previews of stored documents were audited, the pending one was not. */
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM marriages"), ==, 1);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM audit_log WHERE action = "
                                          "'document.attach'"),
                   ==, 3);
  g_assert_cmpint (civ_test_count (store,
                                   "SELECT count(*) FROM audit_log WHERE action = 'document.view'"),
                   ==, 2);
  g_assert_cmpint (civ_test_count (store,
                                   "SELECT count(*) FROM audit_log WHERE action = 'document.view' "
                                   "AND actor = '" CLERK "'"),
                   ==, 2);
}

/* The templated widgets build from their .ui and go away again. */
static void
test_templates (void)
{
  GtkWidget *list = g_object_ref_sink (g_object_new (CIV_TYPE_DOCUMENT_LIST, NULL));
  GtkWindow *preview = g_object_new (CIV_TYPE_DOCUMENT_PREVIEW, NULL);
  gpointer   weak_list = list;
  gpointer   weak_preview = preview;

  g_object_add_weak_pointer (G_OBJECT (list), &weak_list);
  g_object_add_weak_pointer (G_OBJECT (preview), &weak_preview);
  g_object_unref (list);
  gtk_window_present (preview);
  civ_ui_test_wait_for (gtk_widget_get_mapped (GTK_WIDGET (preview)));
  gtk_window_destroy (preview);
  civ_ui_test_wait_for (weak_list == NULL && weak_preview == NULL);
}

int
main (int argc, char *argv[])
{
  civ_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/documents/templates", test_templates);
  g_test_add ("/ui/documents/marriage-page", Fixture, NULL, fixture_set_up, test_documents,
              fixture_tear_down);
  return g_test_run ();
}
