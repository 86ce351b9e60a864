// SPDX-License-Identifier: GPL-3.0-or-later
/* test-ui-camera.c — the couple's photo taken at the counter under Xvfb: on
 * the marriage page, "Take Photo…" opens the camera window on a live
 * videotestsrc (the same pipeline as a real camera), the live view shows
 * frames, the crop frame moves with its action, a photo taken freezes the
 * view, Retake goes live again, Use Photo adds a pending couple-photo
 * document of the 2-inch size to the page's document list. Without a camera
 * a status page says so. A marriage certificate printed to PDF shows the
 * record's latest couple photo in the blank's photo box, and a record
 * without one leaves the box empty.
 *
 * With CIVREG_SCREENSHOT_DIR set, screenshots of the root window are saved
 * there (live view, photo taken, photo in the list, no camera). */
#include "civ-ui-test-utils.h"

#include <poppler.h>

#include "civ-camera-dialog.h"
#include "civ-certificate-prints.h"
#include "civ-document-list.h"
#include "civ-marriage-page.h"
#include "civ-print-layout.h"
#include "civ-print.h"
#include "civ-test-utils.h"
#include "civ-camera-dialog-private.h"
#include "civ-document-list-private.h"
#include "civ-marriage-page-private.h"

#define CLERK "clerk"
#define CLERK_PW "Clerk-password"

static guint64
camera_delivered (CivCameraDialog *dialog)
{
  CivCameraCounters counters;

  civ_camera_get_counters (civ_camera_dialog_get_camera (dialog), &counters);
  return counters.delivered;
}

static CivDocumentList *
marriage_documents (CivMainWindow *window)
{
  CivMarriagePage *page;

  _civ_main_window_show_page (window, "marriage");
  page = CIV_MARRIAGE_PAGE (_civ_main_window_get_page (window, "marriage"));
  return civ_ui_test_child (page, CIV_TYPE_MARRIAGE_PAGE, "documents");
}

/* Scrolls the marriage page so the documents group is in view. */
static void
scroll_to_documents (CivMainWindow *window, CivDocumentList *list)
{
  GtkWidget         *page = GTK_WIDGET (_civ_main_window_get_page (window, "marriage"));
  GtkScrolledWindow *scroller = civ_ui_test_child (page, CIV_TYPE_MARRIAGE_PAGE, "scroller");
  GtkWidget         *content = gtk_scrolled_window_get_child (scroller);
  graphene_rect_t    bounds;

  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (list), content, &bounds));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scroller), bounds.origin.y - 24);
}

static CivCameraDialog *
open_camera (CivDocumentList *list, const char *source)
{
  CivCameraDialog *dialog;

  _civ_document_list_set_camera_source (list, source);
  civ_ui_test_click (civ_ui_test_child (list, CIV_TYPE_DOCUMENT_LIST, "photo_button"));
  dialog = CIV_CAMERA_DIALOG (_civ_document_list_get_camera_dialog (list));
  g_assert_nonnull (dialog);
  civ_ui_test_wait_for (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  return dialog;
}

static void
camera_body (CivApplication *app, gpointer data)
{
  CivUiTestOffice *fx = data;
  CivMainWindow   *window =
    civ_ui_test_present_main (app, CLERK, CLERK_PW, (CivMainWindow **) &fx->main_window);
  CivDocumentList *list = marriage_documents (window);
  CivCameraDialog *dialog;
  GtkPicture      *picture;
  GdkPaintable    *paintable;
  CivCropRect      centred, moved;
  guint64          shown, delivered;
  g_autoptr (GPtrArray) pending = NULL;
  const CivDocumentInput *photo;

  g_assert_cmpuint (_civ_document_list_get_n_items (list), ==, 0);
  dialog = open_camera (list, "test:smpte");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));

  /* Live: frames reach the picture. */
  civ_ui_test_wait_for (_civ_camera_dialog_get_n_shown (dialog) >= 5);
  g_assert_cmpstr (_civ_camera_dialog_get_page (dialog), ==, "live");
  picture = civ_ui_test_child (dialog, CIV_TYPE_CAMERA_DIALOG, "picture");
  paintable = gtk_picture_get_paintable (picture);
  g_assert_true (GDK_IS_TEXTURE (paintable));
  g_assert_cmpint (gdk_texture_get_width (GDK_TEXTURE (paintable)), ==, 1280);
  g_assert_cmpint (gdk_texture_get_height (GDK_TEXTURE (paintable)), ==, 720);
  g_assert_true (
    gtk_widget_is_visible (civ_ui_test_child (dialog, CIV_TYPE_CAMERA_DIALOG, "take_button")));
  g_assert_false (
    gtk_widget_is_visible (civ_ui_test_child (dialog, CIV_TYPE_CAMERA_DIALOG, "retake_button")));

  /* The crop frame: 35:49, centred, moved by the arrow keys' action. */
  centred = _civ_camera_dialog_get_crop (dialog);
  g_assert_cmpint (centred.height, ==, 720);
  g_assert_cmpint (centred.width, ==, 514);
  g_assert_cmpint (centred.x, ==, 383);
  g_assert_true (
    gtk_widget_activate_action (GTK_WIDGET (dialog), "camera.move-crop", "(ii)", -40, 0));
  moved = _civ_camera_dialog_get_crop (dialog);
  g_assert_cmpint (moved.x, ==, centred.x - 40);
  g_assert_cmpint (moved.width, ==, centred.width);
  civ_ui_test_spin (300);
  civ_ui_test_screenshot ("camera-live.png");

  /* Use Photo is off until a photo is taken. */
  g_assert_false (
    gtk_widget_is_sensitive (civ_ui_test_child (dialog, CIV_TYPE_CAMERA_DIALOG, "use_button")));

  /* Take: the view stops on the photo while the camera goes on. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "camera.shutter", NULL));
  g_assert_true (_civ_camera_dialog_is_frozen (dialog));
  shown = _civ_camera_dialog_get_n_shown (dialog);
  delivered = camera_delivered (dialog);
  civ_ui_test_wait_for (camera_delivered (dialog) >= delivered + 3);
  g_assert_cmpuint (_civ_camera_dialog_get_n_shown (dialog), ==, shown);
  g_assert_true (
    gtk_widget_is_sensitive (civ_ui_test_child (dialog, CIV_TYPE_CAMERA_DIALOG, "use_button")));
  g_assert_true (
    gtk_widget_is_visible (civ_ui_test_child (dialog, CIV_TYPE_CAMERA_DIALOG, "retake_button")));
  civ_ui_test_screenshot ("camera-photo-taken.png");

  /* Retake: live again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "camera.retake", NULL));
  g_assert_false (_civ_camera_dialog_is_frozen (dialog));
  civ_ui_test_wait_for (_civ_camera_dialog_get_n_shown (dialog) >= shown + 3);
  /* The frame stays where the registrar put it. */
  g_assert_cmpint (_civ_camera_dialog_get_crop (dialog).x, ==, moved.x);

  /* Take and use: a pending couple photo in the list, the window gone. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "camera.take", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "camera.use", NULL));
  civ_ui_test_wait_for (_civ_document_list_get_camera_dialog (list) == NULL);
  civ_ui_test_wait_for (_civ_document_list_is_idle (list) &&
                        _civ_document_list_get_n_items (list) == 1);
  g_assert_null (_civ_document_list_get_stored (list, 0));
  pending = civ_document_list_dup_pending (list);
  g_assert_cmpuint (pending->len, ==, 1);
  photo = g_ptr_array_index (pending, 0);
  g_assert_cmpint (photo->kind, ==, CIV_DOCUMENT_COUPLE_PHOTO);
  g_assert_cmpstr (photo->media_type, ==, "image/png");
  g_assert_cmpint (photo->width, ==, 413);
  g_assert_cmpint (photo->height, ==, 579);
  g_assert_true (g_str_has_prefix (photo->file_name, "couple-photo-"));
  scroll_to_documents (window, list);
  civ_ui_test_screenshot ("camera-photo-in-list.png");

  /* No camera: a status page that says so, and Try Again. */
  dialog = open_camera (list, "v4l2src device=/nonexistent/video0");
  civ_ui_test_wait_for (g_strcmp0 (_civ_camera_dialog_get_page (dialog), "failed") == 0);
  g_assert_cmpstr (adw_status_page_get_title (
                     civ_ui_test_child (dialog, CIV_TYPE_CAMERA_DIALOG, "status_page")),
                   ==, "No Camera");
  g_assert_nonnull (adw_status_page_get_description (
    civ_ui_test_child (dialog, CIV_TYPE_CAMERA_DIALOG, "status_page")));
  g_assert_true (
    gtk_widget_is_sensitive (civ_ui_test_child (dialog, CIV_TYPE_CAMERA_DIALOG, "retry_button")));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "camera.take", NULL);
  g_assert_false (_civ_camera_dialog_is_frozen (dialog));
  civ_ui_test_spin (300);
  civ_ui_test_screenshot ("camera-no-camera.png");
  gtk_window_close (GTK_WINDOW (dialog));
  civ_ui_test_wait_for (_civ_document_list_get_camera_dialog (list) == NULL);
  g_assert_cmpuint (_civ_document_list_get_n_items (list), ==, 1);

  civ_ui_test_close_all (app);
}

static void
test_camera (CivUiTestOffice *fx, gconstpointer data)
{
  civ_ui_test_run_app (fx->data_dir, camera_body, fx);
}

/* A @width × @height frame of one colour (bytes B, G, R). */
static CivFrame *
plain_frame (int width, int height, guint8 b, guint8 g, guint8 r)
{
  gsize   size = (gsize) width * height * 4;
  guint8 *pixels = g_malloc (size);

  for (gsize i = 0; i < size; i += 4)
    {
      pixels[i] = b;
      pixels[i + 1] = g;
      pixels[i + 2] = r;
      pixels[i + 3] = 255;
    }
  return civ_frame_new (width, height, (gsize) width * 4, CIV_PIXEL_FORMAT_BGRA,
                        g_bytes_new_take (pixels, size), 1);
}

static void
attach_photo (CivStore *store, const char *j, CivFrame *frame)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivDocumentInput) photo =
    civ_photo_make_document (frame, NULL, civ_photo_size (CIV_PHOTO_MARRIAGE_COUPLE), "couple.png",
                             &error);

  g_assert_no_error (error);
  g_assert_cmpint (civ_document_attach (store, j, photo, &error), >, 0);
  g_assert_no_error (error);
}

/* Loads the certificate of @j as the print flow does and exports it to @pdf. */
static void
print_certificate (CivSession *session, const char *j, const char *pdf, gboolean with_photo)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivPrintSource) source = civ_print_source_new_marriage (j);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (CivPrintable) printable = NULL;
  g_autoptr (GtkPrintOperation) operation = NULL;
  GAsyncResult *pending = NULL;

  civ_print_source_load_async (session, source, NULL, NULL, civ_test_keep_result, &pending);
  result = civ_test_wait_result (&pending);
  printable = civ_print_source_load_finish (session, result, &error);
  g_assert_no_error (error);
  g_assert_true ((printable->photo != NULL) == with_photo);
  operation =
    civ_print_operation_new (CIV_PRINT_CERTIFICATE, g_steal_pointer (&printable->record), NULL);
  g_assert_true (civ_print_set_photo (operation, printable->photo, &error));
  g_assert_no_error (error);
  g_assert_true (civ_print_export_pdf (operation, pdf, &error));
  g_assert_no_error (error);
}

/* The colour (0xRRGGBB) at @x_mm, @y_mm of page @index of @pdf, on white. */
static guint32
pdf_pixel (const char *pdf, int index, double x_mm, double y_mm)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (pdf, NULL, &error);
  PopplerDocument *document = poppler_document_new_from_file (uri, NULL, &error);
  PopplerPage     *page;
  cairo_surface_t *surface;
  cairo_t         *cr;
  double           scale = 4; /* 288 dpi */
  double           w, h;
  guint32          pixel;

  g_assert_no_error (error);
  page = poppler_document_get_page (document, index);
  poppler_page_get_size (page, &w, &h);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (w * scale), (int) (h * scale));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render_for_printing (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  pixel = *(guint32 *) (gpointer) (cairo_image_surface_get_data (surface) +
                                   (int) (y_mm / 25.4 * 72 * scale) *
                                     cairo_image_surface_get_stride (surface) +
                                   (int) (x_mm / 25.4 * 72 * scale) * 4);
  cairo_surface_destroy (surface);
  g_object_unref (page);
  g_object_unref (document);
  return pixel & 0xffffff;
}

static void
test_certificate_photo (void)
{
  static const char *const names_a[] = { "张伟", "李娜" };
  static const char *const names_b[] = { "王强", "赵敏" };
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *out = civ_test_mkdtemp ();
  g_autofree char *with_pdf = g_build_filename (out, "with-photo.pdf", NULL);
  g_autofree char *without_pdf = g_build_filename (out, "without-photo.pdf", NULL);
  CivStore        *store = civ_test_new_office (&dir, NULL);
  g_autofree char *his = civ_test_make_id ("110101", "19900101", 3);
  g_autofree char *hers = civ_test_make_id ("110101", "19920202", 4);
  g_autofree char *his2 = civ_test_make_id ("110101", "19880303", 5);
  g_autofree char *hers2 = civ_test_make_id ("110101", "19890404", 6);
  g_autofree char *with = civ_test_register_couple (store, names_a, his, hers, 2024);
  g_autofree char *without = civ_test_register_couple (store, names_b, his2, hers2, 2023);
  g_autoptr (CivFrame) blue = plain_frame (640, 480, 255, 0, 0);
  g_autoptr (CivFrame) red = plain_frame (640, 480, 0, 0, 255);
  g_autoptr (CivPrintLayout) layout = civ_print_layout_load ("certificate-blank", &error);
  const CivPrintField *box;
  CivSession          *session;
  double               cx, cy;

  g_assert_no_error (error);
  box = civ_print_layout_find (layout, "photo");
  g_assert_nonnull (box);
  cx = box->x + box->width / 2;
  cy = box->y + box->height / 2;

  /* A first photo, then a retake: the latest one is printed. */
  attach_photo (store, with, blue);
  attach_photo (store, with, red);
  session = civ_test_session_new (store);
  print_certificate (session, with, with_pdf, TRUE);
  print_certificate (session, without, without_pdf, FALSE);
  civ_test_session_close (session);
  if (g_getenv ("CIVREG_SCREENSHOT_DIR"))
    civ_test_pdf_screenshot (with_pdf, "certificate-with-photo", 110);

  /* Both copies (one per holder) carry the photo in its box; outside the
   * box the blank stays white. */
  g_assert_cmpint (civ_test_pdf_pages (with_pdf), ==, 2);
  for (int page = 0; page < 2; page++)
    {
      g_assert_cmphex (pdf_pixel (with_pdf, page, cx, cy), ==, 0xff0000);
      g_assert_cmphex (pdf_pixel (with_pdf, page, box->x + 1, box->y + 1), ==, 0xff0000);
      g_assert_cmphex (pdf_pixel (with_pdf, page, box->x + box->width - 1,
                                  box->y + box->height - 1),
                       ==, 0xff0000);
      g_assert_cmphex (pdf_pixel (with_pdf, page, box->x - 2, cy), ==, 0xffffff);
      g_assert_cmphex (pdf_pixel (with_pdf, page, box->x + box->width + 2, cy), ==, 0xffffff);
    }
  /* No photo: the box stays empty for the one glued by hand. */
  g_assert_cmphex (pdf_pixel (without_pdf, 0, cx, cy), ==, 0xffffff);
  civ_test_rmdir (dir);
  civ_test_rmdir (out);
}

int
main (int argc, char *argv[])
{
  civ_ui_test_init (&argc, &argv);

  g_test_add ("/ui/camera/marriage-page", CivUiTestOffice, NULL, civ_ui_test_office_set_up,
              test_camera, civ_ui_test_office_tear_down);
  g_test_add_func ("/ui/camera/certificate-photo", test_certificate_photo);
  return g_test_run ();
}
