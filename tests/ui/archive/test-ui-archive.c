// SPDX-License-Identifier: GPL-3.0-or-later
/* test-ui-archive.c — the archivist's screens under Xvfb (issue 14)
 *
 * Archivist A creates a register book through New Book, attaches a PNG
 * page image and keys an entry beside it through the form (the real
 * entries, Enter between fields, Page Down's action); archivist B opens the
 * same slot blind — the form never holds A's values — and keys one name
 * differently: the slot is disputed. The supervisor reconciles it in the
 * reconciliation view (the differing field marked, the second value
 * chosen): the ledger shows the slot entered and the coverage bar moves.
 * Then the coverage table, and a CSV import cancelled in progress that
 * leaves the office as it was. A registrar has no archive page.
 *
 * With CIVREG_SCREENSHOT_DIR set (run with --num-processes 1), screenshots
 * of the workbench, the reconciliation view, the coverage table and the
 * import dialog in progress are saved there.
 */
#include "civ-ui-test-utils.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "civ-archive-import-dialog-private.h"
#include "civ-archive-page-private.h"

#include <string.h>
#include <tiffio.h>
#include "civ-archive-reconcile-private.h"
#include "civ-archive-service.h"
#include "civ-archive-workbench-private.h"
#include "civ-main-window-private.h"
#include "civ-page-image.h"
#include "civ-test-utils.h"

#define ARCH_A "arch-a"
#define ARCH_A_PW "Archivist-A-pw1"
#define ARCH_B "arch-b"
#define ARCH_B_PW "Archivist-B-pw2"
#define CLERK "clerk"
#define CLERK_PW "Clerk-password1"
#define BOOK_NO "沪档-1985-婚-001"

/* The same run in zh_CN (CIVREG_TEST_TRANSLATED): its mnemonics and screenshots. */
static gboolean
translated (void)
{
  return g_getenv ("CIVREG_TEST_TRANSLATED") != NULL;
}

static char *
shot (const char *name)
{
  return g_strdup_printf ("%s%s.png", name, translated () ? "-zh_CN" : "");
}

typedef struct
{
  char          *data_dir;
  char          *files;
  char          *png;
  char          *csv;
  CivMainWindow *main_window;
} Fixture;

/* What both archivists key; B keys the woman's name as WOMAN_B. */
static const struct
{
  int         field;
  const char *text;
} entry[] = {
  { CIV_HF_DATE, "1985-06-12" },
  { CIV_HF_RAW_NUMBER, "沪婚字第0123号" },
  { CIV_HF_REGISTRAR, "王德明" },
  { CIV_HF_PARTY (0, CIV_HF_P_NAME), "张建国" },
  { CIV_HF_PARTY (0, CIV_HF_P_SEX), "男" },
  { CIV_HF_PARTY (0, CIV_HF_P_BIRTH_DATE), "1960-03-01" },
  { CIV_HF_PARTY (1, CIV_HF_P_NAME), "李秀英" },
  { CIV_HF_PARTY (1, CIV_HF_P_SEX), "女" },
  { CIV_HF_PARTY (1, CIV_HF_P_BIRTH_DATE), "1962-07-15" },
};
#define WOMAN_B "李秀瑛"

/* A register page: a ruled table of four entries in a clerk's hand. */
static void
write_page_png (const char *path)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 900, 1240);
  cairo_t         *cr = cairo_create (surface);
  const char      *rows[4][4] = { { "1", "张建国", "李秀英", "1985年6月12日" },
                                  { "2", "陈卫东", "王丽华", "1985年6月12日" },
                                  { "3", "（空白）", "", "" },
                                  { "4", "刘志强", "赵红梅", "1985年6月14日" } };

  cairo_set_source_rgb (cr, 0.96, 0.93, 0.84);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.2, 0.15, 0.1);
  cairo_select_font_face (cr, "Noto Sans CJK SC", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 40);
  cairo_move_to (cr, 250, 110);
  cairo_show_text (cr, "结婚登记簿  1985年");
  cairo_set_font_size (cr, 22);
  cairo_move_to (cr, 60, 170);
  cairo_show_text (cr, "档号：" BOOK_NO "    第 1 页");
  cairo_set_line_width (cr, 2);
  for (int i = 0; i <= 4; i++)
    {
      cairo_move_to (cr, 60, 220 + i * 240);
      cairo_line_to (cr, 840, 220 + i * 240);
    }
  cairo_stroke (cr);
  cairo_select_font_face (cr, "Noto Serif CJK SC", CAIRO_FONT_SLANT_NORMAL,
                          CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 30);
  for (int i = 0; i < 4; i++)
    for (int j = 0; j < 4; j++)
      {
        cairo_move_to (cr, 80 + j * 190, 350 + i * 240);
        cairo_show_text (cr, rows[i][j]);
      }
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

/* A CSV large enough that the import is still reading when it is cancelled. */
static void
write_csv (const char *path, guint rows)
{
  g_autoptr (GString) text = g_string_new ("kind,date,office_code,party1_name,party1_sex,"
                                           "party2_name,party2_sex,raw_number\n");

  for (guint i = 0; i < rows; i++)
    g_string_append_printf (text, "marriage,1986-%02u-%02u,310101,张%u,男,李%u,女,沪婚字第%u号\n",
                            1 + i % 12, 1 + i % 28, i, i, i);
  g_assert_true (g_file_set_contents (path, text->str, (gssize) text->len, NULL));
}

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  g_autoptr (CivStore) store = civ_test_new_office (&fx->data_dir, NULL);

  civ_test_add_operator (store, ARCH_A, "周档案", CIV_ROLE_ARCHIVIST, ARCH_A_PW);
  civ_test_add_operator (store, ARCH_B, "吴档案", CIV_ROLE_ARCHIVIST, ARCH_B_PW);
  civ_test_add_operator (store, CLERK, "李登记", CIV_ROLE_REGISTRAR, CLERK_PW);
  fx->files = civ_test_mkdtemp ();
  fx->png = g_build_filename (fx->files, "第001页.png", NULL);
  fx->csv = g_build_filename (fx->files, "1986年结婚登记.csv", NULL);
  write_page_png (fx->png);
  write_csv (fx->csv, 200000);
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
  g_free (fx->csv);
}

static CivArchivePage *
open_archive_page (CivApplication *app, Fixture *fx, const char *login, const char *password)
{
  CivMainWindow *window =
    civ_ui_test_present_main (app, login, password, (CivMainWindow **) &fx->main_window);
  CivArchivePage *page = CIV_ARCHIVE_PAGE (_civ_main_window_get_page (window, "archive"));

  g_assert_nonnull (page);
  /* The whole screen, as at an archivist's desk; unfolded before anything is shown. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  civ_ui_test_wait_for (gtk_widget_get_width (GTK_WIDGET (window)) >= 1200);
  _civ_main_window_show_page (window, "archive");
  civ_ui_test_wait_for (_civ_archive_page_is_idle (page) && _civ_archive_page_get_books (page));
  return page;
}

/* Opens the book through its row in the list and waits for the workbench. */
static CivArchiveWorkbench *
open_book (CivArchivePage *page)
{
  CivArchiveWorkbench *workbench = _civ_archive_page_get_workbench (page);
  GtkWidget           *row;

  _civ_archive_page_show_view (page, "books");
  civ_ui_test_wait_for (_civ_archive_page_is_idle (page) &&
                        _civ_archive_page_get_books (page)->len == 1);
  row = _civ_archive_page_get_book_row (page, 0);
  g_assert_nonnull (row);
  gtk_widget_activate (row);
  civ_ui_test_wait_for (civ_archive_workbench_get_book_id (workbench) != NULL &&
                        _civ_archive_workbench_is_idle (workbench));
  return workbench;
}

static gboolean
focus_in (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Types the entry into the form, the fields one after the other: Enter
 * (the row's entry-activated) moves the focus on to the next row. */
static void
key_entry (CivArchiveWorkbench *workbench, const char *woman)
{
  for (guint i = 0; i < G_N_ELEMENTS (entry); i++)
    {
      AdwEntryRow *row = _civ_archive_workbench_get_row (workbench, entry[i].field);
      const char  *text = entry[i].text;

      if (entry[i].field == CIV_HF_PARTY (1, CIV_HF_P_NAME) && woman != NULL)
        text = woman;
      gtk_widget_grab_focus (GTK_WIDGET (row));
      civ_ui_test_wait_for (focus_in (GTK_WIDGET (row)));
      gtk_editable_set_text (GTK_EDITABLE (row), "");
      gtk_editable_insert_text (GTK_EDITABLE (row), text, -1, &(int){ 0 });
      g_signal_emit_by_name (row, "entry-activated");
    }
}

static void
save_and_next (CivArchiveWorkbench *workbench)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (workbench), "workbench.save-next", NULL));
  civ_ui_test_wait_for (_civ_archive_workbench_is_idle (workbench));
}

/* Archivist A: the book, its page image, the first keying. */
static void
archivist_a_body (CivApplication *app, gpointer data)
{
  Fixture             *fx = data;
  CivArchivePage      *page = open_archive_page (app, fx, ARCH_A, ARCH_A_PW);
  CivArchiveWorkbench *workbench;
  GtkWindow           *dialog;
  AdwEntryRow         *date_row;
  int                  p, s;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "archive.new-book", NULL));
  civ_ui_test_wait_for ((dialog = civ_ui_test_find_window (app, ADW_TYPE_MESSAGE_DIALOG)) != NULL);
  /* 档号 empty: Create stays off. */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create"));
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "archive_no"), BOOK_NO);
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "title"), "1985年结婚登记簿 第一卷");
  gtk_spin_button_set_value (g_object_get_data (G_OBJECT (dialog), "year_from"), 1985);
  gtk_spin_button_set_value (g_object_get_data (G_OBJECT (dialog), "year_to"), 1985);
  gtk_spin_button_set_value (g_object_get_data (G_OBJECT (dialog), "pages"), 2);
  gtk_spin_button_set_value (g_object_get_data (G_OBJECT (dialog), "slots"), 4);
  /* A bad office code is named before anything is asked. */
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "office_code"), "31A");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create"));
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "office_code"), "");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "create");
  gtk_window_close (dialog);
  civ_ui_test_wait_for (_civ_archive_page_is_idle (page) &&
                        _civ_archive_page_get_books (page)->len == 1);
  {
    CivArchiveBook *book = g_ptr_array_index (_civ_archive_page_get_books (page), 0);

    g_assert_cmpstr (book->archive_no, ==, BOOK_NO);
    g_assert_cmpuint (book->n_slots, ==, 8);
    g_assert_cmpuint (book->n_accounted, ==, 0);
    g_assert_true (book->double_keying);
  }
  civ_ui_test_assert_unique_mnemonics (GTK_WIDGET (page));

  workbench = open_book (page);
  _civ_archive_workbench_get_slot (workbench, &p, &s);
  g_assert_cmpint (p, ==, 1);
  g_assert_cmpint (s, ==, 1);
  g_assert_cmpfloat (_civ_archive_workbench_get_coverage (workbench), ==, 0);
  /* What the book says is in the form already. */
  g_assert_cmpstr (gtk_editable_get_text (
                     GTK_EDITABLE (_civ_archive_workbench_get_row (workbench, CIV_HF_ARCHIVE_NO))),
                   ==, BOOK_NO);
  g_assert_cmpstr (gtk_editable_get_text (
                     GTK_EDITABLE (_civ_archive_workbench_get_row (workbench, CIV_HF_PAGE))),
                   ==, "1");

  /* No image yet, said so; then the page image attached beside the form. */
  g_assert_false (civ_page_image_has_picture (_civ_archive_workbench_get_image (workbench)));
  g_assert_nonnull (civ_page_image_get_message (_civ_archive_workbench_get_image (workbench)));
  _civ_archive_workbench_set_next_image (workbench, fx->png, 1);
  g_assert_true (
    gtk_widget_activate_action (GTK_WIDGET (workbench), "workbench.attach-images", NULL));
  civ_ui_test_wait_for (_civ_archive_workbench_is_idle (workbench) &&
                        civ_page_image_has_picture (_civ_archive_workbench_get_image (workbench)));
  {
    CivPageImage *image = _civ_archive_workbench_get_image (workbench);
    double        zoom = civ_page_image_get_zoom (image);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (workbench), "workbench.zoom-in", NULL));
    g_assert_cmpfloat (civ_page_image_get_zoom (image), >, zoom);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (workbench), "workbench.rotate", NULL));
    g_assert_cmpint (civ_page_image_get_rotation (image), ==, 90);
    for (int i = 0; i < 3; i++)
      civ_page_image_rotate (image);
    g_assert_cmpint (civ_page_image_get_rotation (image), ==, 0);
    g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (workbench), "workbench.fit-width", NULL));
    /* The 900-pixel page fits the narrower column. */
    g_assert_cmpfloat (civ_page_image_get_zoom (image) * 900, <=,
                       gtk_widget_get_width (GTK_WIDGET (image)));
    g_assert_cmpfloat (civ_page_image_get_zoom (image) * 900, >,
                       gtk_widget_get_width (GTK_WIDGET (image)) - 40);
  }

  /* A date that does not exist is named at its field. */
  date_row = _civ_archive_workbench_get_row (workbench, CIV_HF_DATE);
  gtk_editable_set_text (GTK_EDITABLE (date_row), "1985-02-30");
  _civ_archive_workbench_run_check (workbench);
  g_assert_nonnull (_civ_archive_workbench_get_field_error (workbench, CIV_HF_DATE));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (date_row), "error"));

  key_entry (workbench, NULL);
  /* Enter on the last field typed moved the focus to the next row. */
  g_assert_true (focus_in (GTK_WIDGET (
    _civ_archive_workbench_get_row (workbench, CIV_HF_PARTY (1, CIV_HF_P_NATIONALITY)))));
  _civ_archive_workbench_run_check (workbench);
  g_assert_null (_civ_archive_workbench_get_field_error (workbench, CIV_HF_DATE));
  civ_ui_test_assert_unique_mnemonics (GTK_WIDGET (page));
  /* The keyed fields in view beside the page. */
  gtk_widget_grab_focus (
    GTK_WIDGET (_civ_archive_workbench_get_row (workbench, CIV_HF_PARTY (0, CIV_HF_P_NAME))));
  {
    g_autofree char *name = shot ("archive-workbench");
    civ_ui_test_screenshot (name);
  }

  /* Page Down: keyed once, on to the next slot, the ledger says so. */
  save_and_next (workbench);
  g_assert_cmpint (_civ_archive_workbench_get_last_outcome (workbench), ==, CIV_SLOT_KEYED_ONCE);
  _civ_archive_workbench_get_slot (workbench, &p, &s);
  g_assert_cmpint (s, ==, 2);
  g_assert_cmpint (_civ_archive_workbench_get_slot_state (workbench, 1, 1), ==,
                   CIV_SLOT_KEYED_ONCE);
  g_assert_true (gtk_widget_has_css_class (_civ_archive_workbench_get_ledger_button (workbench, 2),
                                           "slot-current"));
  g_assert_true (gtk_widget_has_css_class (_civ_archive_workbench_get_ledger_button (workbench, 1),
                                           "slot-keyed-once"));
  /* Keyed once is not accounted for. */
  g_assert_cmpfloat (_civ_archive_workbench_get_coverage (workbench), ==, 0);
  /* The next form is empty again. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (
                     _civ_archive_workbench_get_row (workbench, CIV_HF_PARTY (0, CIV_HF_P_NAME)))),
                   ==, "");
  civ_ui_test_close_all (app);
}

/* Archivist B: the same slot blind, one name different. */
static void
archivist_b_body (CivApplication *app, gpointer data)
{
  Fixture             *fx = data;
  CivArchivePage      *page = open_archive_page (app, fx, ARCH_B, ARCH_B_PW);
  CivArchiveWorkbench *workbench = open_book (page);
  int                  p, s;

  /* B starts where A's keying waits for a second one. */
  _civ_archive_workbench_get_slot (workbench, &p, &s);
  g_assert_cmpint (p, ==, 1);
  g_assert_cmpint (s, ==, 1);
  civ_ui_test_wait_for (civ_page_image_has_picture (_civ_archive_workbench_get_image (workbench)));
  /* Nothing A keyed is anywhere in B's form. */
  for (int field = 0; field < CIV_HF_N_FIELDS; field++)
    {
      const char *text =
        gtk_editable_get_text (GTK_EDITABLE (_civ_archive_workbench_get_row (workbench, field)));

      for (guint i = 0; i < G_N_ELEMENTS (entry); i++)
        if (g_utf8_strlen (entry[i].text, -1) > 1)
          g_assert_null (strstr (text, entry[i].text));
    }
  key_entry (workbench, WOMAN_B);
  save_and_next (workbench);
  g_assert_cmpint (_civ_archive_workbench_get_last_outcome (workbench), ==, CIV_SLOT_DISPUTED);
  g_assert_cmpint (_civ_archive_workbench_get_slot_state (workbench, 1, 1), ==, CIV_SLOT_DISPUTED);
  g_assert_cmpfloat (_civ_archive_workbench_get_coverage (workbench), ==, 0);
  civ_ui_test_close_all (app);
}

static gboolean
import_progressed (gpointer data)
{
  CivArchiveImportDialog *dialog = data;

  return _civ_archive_import_dialog_get_n_progress (dialog) > 0 ||
         _civ_archive_import_dialog_is_done (dialog);
}

/* The supervisor: reconciliation, the ledger, coverage, a cancelled import. */
static void
supervisor_body (CivApplication *app, gpointer data)
{
  Fixture        *fx = data;
  CivArchivePage *page = open_archive_page (app, fx, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW);
  CivArchiveReconcile    *reconcile = _civ_archive_page_get_reconcile (page);
  CivArchiveWorkbench    *workbench;
  CivArchiveImportDialog *dialog;
  CivSession             *session = civ_main_window_get_session (fx->main_window);
  const int               woman = CIV_HF_PARTY (1, CIV_HF_P_NAME);
  GtkWidget              *second;
  gint64                  records;
  const GError           *error = NULL;

  _civ_archive_page_show_view (page, "reconcile");
  civ_ui_test_wait_for (_civ_archive_reconcile_is_idle (reconcile) &&
                        _civ_archive_reconcile_get_n_disputes (reconcile) == 1);
  civ_ui_test_wait_for (civ_page_image_has_picture (_civ_archive_reconcile_get_image (reconcile)));
  g_assert_true (_civ_archive_reconcile_field_differs (reconcile, woman));
  g_assert_false (
    _civ_archive_reconcile_field_differs (reconcile, CIV_HF_PARTY (0, CIV_HF_P_NAME)));
  g_assert_false (_civ_archive_reconcile_field_differs (reconcile, CIV_HF_DATE));
  /* A code is shown with what it means, not bare. */
  {
    GtkWidget *sex =
      _civ_archive_reconcile_get_choice (reconcile, CIV_HF_PARTY (0, CIV_HF_P_SEX), 0);
    g_autofree char *shown = civ_historical_field_display (CIV_HF_PARTY (0, CIV_HF_P_SEX), "1");

    g_assert_true (GTK_IS_LABEL (sex));
    g_assert_cmpstr (shown, !=, "1");
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (sex)), ==, shown);
  }
  /* Save waits for a choice on the differing field. */
  g_assert_false (gtk_widget_is_sensitive (
    civ_ui_test_find_button (GTK_WIDGET (reconcile), _ ("Save _Reconciled Entry"))));
  second = _civ_archive_reconcile_get_choice (reconcile, woman, 1);
  g_assert_true (GTK_IS_TOGGLE_BUTTON (second));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (second), TRUE);
  g_assert_cmpstr (gtk_editable_get_text (
                     GTK_EDITABLE (_civ_archive_reconcile_get_final (reconcile, woman))),
                   ==, WOMAN_B);
  civ_ui_test_assert_unique_mnemonics (GTK_WIDGET (page));
  {
    g_autofree char *name = shot ("archive-reconcile");
    civ_ui_test_screenshot (name);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (reconcile), "reconcile.save", NULL));
  civ_ui_test_wait_for (_civ_archive_reconcile_is_idle (reconcile) &&
                        _civ_archive_reconcile_get_n_disputes (reconcile) == 0);

  /* The ledger shows the slot entered; the coverage bar moved. */
  workbench = open_book (page);
  g_assert_cmpint (_civ_archive_workbench_get_slot_state (workbench, 1, 1), ==, CIV_SLOT_ENTERED);
  g_assert_true (gtk_widget_has_css_class (_civ_archive_workbench_get_ledger_button (workbench, 1),
                                           "slot-entered"));
  g_assert_cmpfloat_with_epsilon (_civ_archive_workbench_get_coverage (workbench), 1.0 / 8, 1e-9);
  records = civ_test_session_count (session, "SELECT count(*) FROM historical_records");
  g_assert_cmpint (records, ==, 1);

  /* Coverage by book. */
  _civ_archive_page_show_view (page, "coverage");
  civ_ui_test_wait_for (_civ_archive_page_is_idle (page) && _civ_archive_page_get_coverage (page) &&
                        _civ_archive_page_get_coverage (page)->len == 1);
  {
    CivCoverageRow *row = g_ptr_array_index (_civ_archive_page_get_coverage (page), 0);

    g_assert_cmpuint (row->n_slots, ==, 8);
    g_assert_cmpuint (row->n_accounted, ==, 1);
    g_assert_cmpuint (row->counts[CIV_SLOT_ENTERED], ==, 1);
  }
  civ_ui_test_assert_unique_mnemonics (GTK_WIDGET (page));
  {
    g_autofree char *name = shot ("archive-coverage");
    civ_ui_test_screenshot (name);
  }

  /* Export Report… writes the coverage report the office signs (a PDF)
   * and its spreadsheet (a CSV). */
  {
    g_autofree char *pdf = g_build_filename (fx->files, "coverage.pdf", NULL);
    g_autofree char *csv = g_build_filename (fx->files, "coverage.csv", NULL);
    g_autofree char *bytes = NULL;
    gsize            len = 0;

    _civ_archive_page_export_report (page, pdf);
    civ_ui_test_wait_for (_civ_archive_page_get_reports_written (page) == 1 &&
                          _civ_archive_page_is_idle (page));
    g_assert_true (g_file_get_contents (pdf, &bytes, &len, NULL));
    g_assert_true (len > 5 && memcmp (bytes, "%PDF-", 5) == 0);
    g_clear_pointer (&bytes, g_free);
    _civ_archive_page_export_report (page, csv);
    civ_ui_test_wait_for (_civ_archive_page_get_reports_written (page) == 2 &&
                          _civ_archive_page_is_idle (page));
    g_assert_true (g_file_get_contents (csv, &bytes, &len, NULL));
    g_assert_true (g_str_has_prefix (bytes, "\xEF\xBB\xBF"));
  }

  /* An import cancelled while it reads leaves the office as it was. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "archive.import", NULL));
  civ_ui_test_wait_for ((dialog = CIV_ARCHIVE_IMPORT_DIALOG (
                           civ_ui_test_find_window (app, CIV_TYPE_ARCHIVE_IMPORT_DIALOG))) != NULL);
  civ_ui_test_assert_unique_mnemonics (GTK_WIDGET (dialog));
  _civ_archive_import_dialog_set_file (dialog, fx->csv);
  civ_ui_test_click (_civ_archive_import_dialog_get_widget (dialog, "import"));
  g_assert_true (civ_ui_test_wait (import_progressed, dialog, 60000));
  g_assert_false (_civ_archive_import_dialog_is_done (dialog));
  {
    g_autofree char *name = shot ("archive-import");
    civ_ui_test_screenshot (name);
  }
  civ_ui_test_click (_civ_archive_import_dialog_get_widget (dialog, "cancel"));
  civ_ui_test_wait_for (_civ_archive_import_dialog_is_done (dialog));
  g_assert_null (_civ_archive_import_dialog_get_result (dialog, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (civ_test_session_count (session, "SELECT count(*) FROM historical_records"), ==,
                   records);
  g_assert_cmpint (civ_test_session_count (session, "SELECT count(*) FROM archive_imports"), ==, 0);
  civ_ui_test_close_all (app);
}

/* A registrar has no archive page. */
static void
registrar_body (CivApplication *app, gpointer data)
{
  Fixture       *fx = data;
  CivMainWindow *window =
    civ_ui_test_present_main (app, CLERK, CLERK_PW, (CivMainWindow **) &fx->main_window);

  g_assert_null (_civ_main_window_get_page (window, "archive"));
  civ_ui_test_close_all (app);
}

static void
test_double_keying (Fixture *fx, gconstpointer data)
{
  civ_ui_test_run_app (fx->data_dir, archivist_a_body, fx);
  civ_ui_test_run_app (fx->data_dir, archivist_b_body, fx);
  civ_ui_test_run_app (fx->data_dir, supervisor_body, fx);
  civ_ui_test_run_app (fx->data_dir, registrar_body, fx);
}

/* Page 2 of a multi-page TIFF scan is its second picture, not its first. */
static void
test_page_image_tiff (void)
{
  static const guint8 colours[2][3] = { { 240, 20, 20 }, { 20, 20, 240 } };
  g_autoptr (GBytes) tiff = civ_test_make_tiff (2, colours, 16, 12, COMPRESSION_LZW);
  GtkWidget         *window = gtk_window_new ();
  CivPageImage      *image = CIV_PAGE_IMAGE (civ_page_image_new ());
  GdkTexture        *texture;
  g_autofree guint8 *pixels = g_new0 (guint8, 16 * 12 * 4);

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (image));
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 300);
  gtk_window_present (GTK_WINDOW (window));
  civ_page_image_set_file (image, tiff, "image/tiff", "scan.tif", 1);
  civ_ui_test_wait_for (civ_page_image_has_picture (image));
  texture = civ_page_image_get_texture (image);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 16);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 12);
  /* gdk_texture_download () gives cairo's ARGB32: B, G, R, A in memory. */
  gdk_texture_download (texture, pixels, 16 * 4);
  g_assert_cmpuint (pixels[0], ==, 240);
  g_assert_cmpuint (pixels[2], ==, 20);
  /* A picture the file does not have: a message, never the first picture. */
  civ_page_image_set_file (image, tiff, "image/tiff", "scan.tif", 2);
  civ_ui_test_wait_for (!civ_page_image_is_loading (image));
  g_assert_false (civ_page_image_has_picture (image));
  g_assert_nonnull (civ_page_image_get_message (image));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  civ_ui_test_init (&argc, &argv);
  if (translated ())
    {
      /* As ui/main.c does, so the pages are built in the translation. */
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CIVREG_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  g_test_add_func ("/ui/archive/page-image-tiff", test_page_image_tiff);
  g_test_add ("/ui/archive/double-keying", Fixture, NULL, fixture_set_up, test_double_keying,
              fixture_tear_down);
  return g_test_run ();
}
