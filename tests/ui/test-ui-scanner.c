// SPDX-License-Identifier: GPL-3.0-or-later
/* test-ui-scanner.c — the scan dialog under Xvfb against SANE's `test`
 * backend, configured by this test alone (SANE_CONFIG_DIR names a folder
 * whose dll.conf lists only `test`; SANE reads no other folder).
 *
 * From the marriage page's documents, "Scan…" opens the dialog; it lists
 * the test devices, scans two pages one at a time ("Scan Another Page"),
 * and "Add to
 * Documents" puts one two-page PDF court judgment in the document list as a
 * pending document. Run with CIVREG_TEST_NO_SCANNER=1 (a dll.conf without
 * backends), the dialog shows what to check instead.
 *
 * With CIVREG_SCREENSHOT_DIR set, screenshots of the root window are saved
 * there (the dialog with its pages, the documents with the scan, no scanner). */
#include "civ-ui-test-utils.h"

#include <glib/gstdio.h>
#include <malloc.h>
#include <string.h>

#include "civ-document-list.h"
#include "civ-marriage-page.h"
#include "civ-scan-dialog.h"
#include "civ-test-utils.h"
#include "civ-marriage-page-private.h"
#include "civ-document-list-private.h"
#include "civ-scan-dialog-private.h"

#define CLERK "clerk"
#define CLERK_PW "Clerk-password"

static char *sane_dir;

typedef struct
{
  char          *data_dir;
  CivMainWindow *main_window;
} Fixture;

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  g_autoptr (CivStore) store = civ_test_new_office (&fx->data_dir, NULL);

  civ_test_add_operator (store, CLERK, "李登记", CIV_ROLE_REGISTRAR, CLERK_PW);
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  g_assert_null (fx->main_window);
  civ_test_rmdir (fx->data_dir);
  g_free (fx->data_dir);
}

/* The row of @combo's model whose text is @text. */
static void
select_text (AdwComboRow *combo, const char *text)
{
  GListModel *model = adw_combo_row_get_model (combo);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), text) == 0)
      {
        adw_combo_row_set_selected (combo, i);
        return;
      }
  g_error ("no “%s” in the list", text);
}

static CivScanDialog *
open_dialog (CivApplication *app, CivDocumentList *list)
{
  CivScanDialog *dialog = NULL;

  civ_ui_test_click (civ_ui_test_child (list, CIV_TYPE_DOCUMENT_LIST, "scan_button"));
  civ_ui_test_wait_for (
    (dialog = (CivScanDialog *) civ_ui_test_find_window (app, CIV_TYPE_SCAN_DIALOG)) != NULL);
  return dialog;
}

static CivDocumentList *
marriage_documents (CivApplication *app, Fixture *fx)
{
  CivMainWindow   *window = civ_ui_test_present_main (app, CLERK, CLERK_PW, &fx->main_window);
  CivMarriagePage *page;

  _civ_main_window_show_page (window, "marriage");
  page = CIV_MARRIAGE_PAGE (_civ_main_window_get_page (window, "marriage"));
  return civ_ui_test_child (page, CIV_TYPE_MARRIAGE_PAGE, "documents");
}

static void
scan_body (CivApplication *app, gpointer data)
{
  Fixture         *fx = data;
  CivDocumentList *list = marriage_documents (app, fx);
  CivScanDialog   *dialog = open_dialog (app, list);
  GType            dt = CIV_TYPE_SCAN_DIALOG;
  const char      *extra[] = { "test-picture=Color pattern", NULL };
  g_autoptr (GPtrArray) pending = NULL;
  g_autofree char  *dir = civ_test_mkdtemp ();
  g_autofree char  *pdf = g_build_filename (dir, "scan.pdf", NULL);
  const char       *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char  *info = NULL;
  CivDocumentInput *input;
  AdwButtonContent *scan_content;
  int               status = 0;

  civ_ui_test_wait_for (_civ_scan_dialog_is_ready (dialog));
  g_assert_cmpstr (_civ_scan_dialog_get_state (dialog), ==, "form");
  g_assert_cmpuint (g_list_model_get_n_items (
                      adw_combo_row_get_model (civ_ui_test_child (dialog, dt, "device_row"))),
                    ==, 2);
  /* The feeder is offered: the test device has one. */
  g_assert_cmpuint (g_list_model_get_n_items (
                      adw_combo_row_get_model (civ_ui_test_child (dialog, dt, "pages_row"))),
                    ==, 3);
  g_assert_false (gtk_widget_get_sensitive (civ_ui_test_child (dialog, dt, "add_button")));

  select_text (civ_ui_test_child (dialog, dt, "resolution_row"), "75 dpi");
  select_text (civ_ui_test_child (dialog, dt, "mode_row"), "Colour");
  select_text (civ_ui_test_child (dialog, dt, "pages_row"), "Several, one at a time");
  select_text (civ_ui_test_child (dialog, dt, "kind_row"), "Court judgment copy");
  select_text (civ_ui_test_child (dialog, dt, "format_row"), "One PDF document");
  _civ_scan_dialog_set_extra_options (dialog, extra);

  /* Two pages, one at a time. */
  civ_ui_test_click (civ_ui_test_child (dialog, dt, "scan_button"));
  civ_ui_test_wait_for (_civ_scan_dialog_is_ready (dialog) &&
                        _civ_scan_dialog_get_n_pages (dialog) == 1);
  g_assert_null (_civ_scan_dialog_get_message (dialog));
  scan_content = civ_ui_test_child (dialog, dt, "scan_content");
  g_assert_cmpstr (adw_button_content_get_label (scan_content), ==, "Scan An_other Page");
  civ_ui_test_click (civ_ui_test_child (dialog, dt, "scan_button"));
  civ_ui_test_wait_for (_civ_scan_dialog_is_ready (dialog) &&
                        _civ_scan_dialog_get_n_pages (dialog) == 2);
  g_assert_true (gtk_widget_get_visible (civ_ui_test_child (dialog, dt, "thumbnails")));
  g_assert_true (gtk_widget_get_sensitive (civ_ui_test_child (dialog, dt, "add_button")));
  civ_ui_test_wait_for (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  civ_ui_test_spin (500);
  civ_ui_test_screenshot ("scan-dialog.png");

  /* Add to Documents: one PDF, pending on the marriage page. */
  g_assert_cmpuint (_civ_document_list_get_n_items (list), ==, 0);
  civ_ui_test_click (civ_ui_test_child (dialog, dt, "add_button"));
  civ_ui_test_wait_for (civ_ui_test_find_window (app, CIV_TYPE_SCAN_DIALOG) == NULL);
  civ_ui_test_wait_for (_civ_document_list_is_idle (list) &&
                        _civ_document_list_get_n_items (list) == 1);
  g_assert_null (_civ_document_list_get_stored (list, 0));
  pending = civ_document_list_dup_pending (list);
  g_assert_cmpuint (pending->len, ==, 1);
  input = pending->pdata[0];
  g_assert_cmpint (input->kind, ==, CIV_DOCUMENT_COURT_JUDGMENT);
  g_assert_cmpstr (input->media_type, ==, "application/pdf");
  g_assert_true (g_str_has_prefix (input->file_name, "scan-"));
  g_assert_true (g_str_has_suffix (input->file_name, ".pdf"));
  g_assert_true (g_file_set_contents (pdf, g_bytes_get_data (input->content, NULL),
                                      g_bytes_get_size (input->content), NULL));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &info,
                               NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (info, "\nPages:           2\n"));
  g_remove (pdf);
  civ_test_rmdir (dir);

  {
    /* The documents group in view. */
    CivMainWindow     *window = fx->main_window;
    GtkWidget         *page = GTK_WIDGET (_civ_main_window_get_page (window, "marriage"));
    GtkScrolledWindow *scroller = civ_ui_test_child (page, CIV_TYPE_MARRIAGE_PAGE, "scroller");
    graphene_rect_t    bounds;

    g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (list),
                                              gtk_scrolled_window_get_child (scroller), &bounds));
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scroller), bounds.origin.y - 24);
  }
  civ_ui_test_spin (500);
  civ_ui_test_screenshot ("scan-added.png");
  civ_ui_test_close_all (app);
}

static void
test_scan (Fixture *fx, gconstpointer data)
{
  civ_ui_test_run_app (fx->data_dir, scan_body, fx);
}

static void
no_scanner_body (CivApplication *app, gpointer data)
{
  Fixture         *fx = data;
  CivDocumentList *list = marriage_documents (app, fx);
  CivScanDialog   *dialog = open_dialog (app, list);

  civ_ui_test_wait_for (g_strcmp0 (_civ_scan_dialog_get_state (dialog), "none") == 0);
  g_assert_false (_civ_scan_dialog_is_ready (dialog));
  g_assert_false (
    gtk_widget_get_sensitive (civ_ui_test_child (dialog, CIV_TYPE_SCAN_DIALOG, "add_button")));
  /* Looking again finds nothing again. */
  civ_ui_test_click (civ_ui_test_child (dialog, CIV_TYPE_SCAN_DIALOG, "refresh_button"));
  civ_ui_test_wait_for (
    g_strcmp0 (_civ_scan_dialog_get_state (dialog), "none") == 0 &&
    gtk_widget_get_sensitive (civ_ui_test_child (dialog, CIV_TYPE_SCAN_DIALOG, "refresh_button")));
  civ_ui_test_wait_for (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  civ_ui_test_spin (500);
  civ_ui_test_screenshot ("scan-no-scanner.png");
  gtk_window_close (GTK_WINDOW (dialog));
  civ_ui_test_wait_for (civ_ui_test_find_window (app, CIV_TYPE_SCAN_DIALOG) == NULL);
  g_assert_cmpuint (_civ_document_list_get_n_items (list), ==, 0);
  civ_ui_test_close_all (app);
}

static void
test_no_scanner (Fixture *fx, gconstpointer data)
{
  civ_ui_test_run_app (fx->data_dir, no_scanner_body, fx);
}

/* SANE reads its configuration folder once per process: one per run. */
static void
write_sane_config (gboolean with_test_backend)
{
  g_autofree char *dll = NULL;
  g_autofree char *conf = NULL;

  sane_dir = civ_test_mkdtemp ();
  dll = g_build_filename (sane_dir, "dll.conf", NULL);
  conf = g_build_filename (sane_dir, "test.conf", NULL);
  g_assert_true (
    g_file_set_contents (dll, with_test_backend ? "test\n" : "# no backends\n", -1, NULL));
  g_assert_true (
    g_file_set_contents (conf, "number_of_devices 2\nbr_x 105.0\nbr_y 148.0\nselect-fd true\n", -1,
                         NULL));
  g_setenv ("SANE_CONFIG_DIR", sane_dir, TRUE);
}

/* SANE's test backend stops its reader thread with an asynchronous
 * pthread_cancel () (sanei_thread), and glibc's malloc is not
 * async-cancel-safe: a reader stopped inside free () would leave its malloc
 * arena locked, and the next thread using that arena would wait forever.
 * Its picture buffers are at least a few kilobytes: allocated with mmap (),
 * they are freed without the arena's lock. (It is stopped after it has
 * written its first data, past its malloc (): the scanner waits on the
 * select-fd that test.conf turns on.) AddressSanitizer's allocator, which
 * replaces glibc's, ignores mallopt (). */
int
main (int argc, char *argv[])
{
  gboolean none = g_strcmp0 (g_getenv ("CIVREG_TEST_NO_SCANNER"), "1") == 0;
  int      status;

  civ_ui_test_init (&argc, &argv);
  mallopt (M_MMAP_THRESHOLD, 4096);
  write_sane_config (!none);
  if (none)
    g_test_add ("/ui/scanner/no-scanner", Fixture, NULL, fixture_set_up, test_no_scanner,
                fixture_tear_down);
  else
    g_test_add ("/ui/scanner/scan-two-pages", Fixture, NULL, fixture_set_up, test_scan,
                fixture_tear_down);
  status = g_test_run ();
  civ_test_rmdir (sane_dir);
  g_free (sane_dir);
  return status;
}
