// SPDX-License-Identifier: GPL-3.0-or-later
/* test-ui-divorce-print.c — the divorce documents and the printer calibration
 * with a real office under Xvfb: a divorce application not accepted and its
 * notice (不予受理告知书, R-D1…R-D3), accepted and its receipt (受理回执单,
 * R-D5, R-D6, provisional dates outside the holiday table), issued and its
 * certificate (离婚证, R-D7) on two blanks, one per copy labelled with its
 * holder, with their serials recorded and a used one refused (R-N3), and
 * moved by the printer offset; the "Open Record" button; and the
 * calibration dialog from the main menu, which refuses a bad offset,
 * exports its test page and saves the offsets to GSettings (memory backend).
 *
 * Every document is exported to PDF and read back with pdftotext
 * (poppler-utils). With CIVREG_SCREENSHOT_DIR set, screenshots of the root
 * window and PNG pages of the PDFs (pdftoppm -r 60) are saved there. */
#include "civ-ui-test-utils.h"

#include <math.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-blank-dialog.h"
#include "civ-divorce-page.h"
#include "civ-marriage-service.h"
#include "civ-print-calibration.h"
#include "civ-print.h"
#include "civ-record-query.h"
#include "civ-record-view.h"
#include "civ-refdata.h"
#include "civ-test-utils.h"
#include "civ-divorce-page-private.h"
#include "civ-record-view-private.h"
#include "civ-blank-dialog-private.h"

#define CLERK "clerk"
#define CLERK_PW "Clerk-password"
#define OFFICE "北京市东城区婚姻登记处"
#define PT_PER_MM (72 / 25.4)

typedef struct
{
  char          *data_dir;
  char          *out_dir;
  CivMainWindow *main_window;
  char          *j_number[2];
  char          *id[4]; /* his and hers, first couple then second */
  char          *l_number;
} Fixture;

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&fx->data_dir, NULL);
  g_autofree char *holidays =
    g_test_build_filename (G_TEST_DIST, "fixtures", "holidays", "2024-national-day.json", NULL);
  const char *files[2] = { holidays, NULL };

  civ_test_add_operator (store, CLERK, "李登记", CIV_ROLE_REGISTRAR, CLERK_PW);
  fx->out_dir = civ_test_mkdtemp ();
  g_assert_true (civ_refdata_import (store, CIV_REFDATA_HOLIDAYS, files, NULL, &error));
  g_assert_no_error (error);

  /* Two couples married in 2024. */
  for (guint n = 0; n < 2; n++)
    {
      g_autoptr (CivMarriageResult) r = NULL;
      CivMarriageInput in;

      fx->id[2 * n] = civ_test_make_id ("110101", "19900101", 31 + 2 * n);
      fx->id[2 * n + 1] = civ_test_make_id ("110101", "19920202", 32 + 2 * n);
      civ_marriage_input_init (&in);
      g_date_set_dmy (&in.registration_date, 10, G_DATE_JANUARY, 2024);
      in.household_jurisdiction = TRUE;
      civ_test_marriage_parties_ready (&in);
      for (guint i = 0; i < 2; i++)
        in.party[i].doc_number = fx->id[2 * n + i];
      in.party[0].name = n == 0 ? "王强" : "周杰";
      in.party[1].name = n == 0 ? "赵敏" : "吴芳";
      r = civ_marriage_register (store, &in, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (r->registered);
      fx->j_number[n] = g_strdup (r->certificate_no);
    }
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  g_assert_null (fx->main_window);
  civ_test_rmdir (fx->data_dir);
  civ_test_rmdir (fx->out_dir);
  g_free (fx->data_dir);
  g_free (fx->out_dir);
  for (guint i = 0; i < 2; i++)
    g_free (fx->j_number[i]);
  for (guint i = 0; i < 4; i++)
    g_free (fx->id[i]);
  g_free (fx->l_number);
}

static char *
out_file (Fixture *fx, const char *name)
{
  return g_build_filename (fx->out_dir, name, NULL);
}

/* The text of every page with each run of white space (line breaks of
 * wrapped paragraphs included) as one space. */
static char *
pdf_text (const char *pdf)
{
  g_autofree char *text = civ_test_pdf_text (pdf, FALSE, 0);
  g_autoptr (GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);

  return g_regex_replace_literal (space, text, -1, 0, " ", 0, NULL);
}

/* The text of the first word whose box starts within a few points of the
 * field origin (@x_mm, @y_mm) in pdftotext -bbox output, or NULL. */
static char *
word_at (const char *bbox, double x_mm, double y_mm)
{
  double x = x_mm * PT_PER_MM, y = y_mm * PT_PER_MM;

  for (const char *w = strstr (bbox, "<word "); w != NULL; w = strstr (w + 1, "<word "))
    {
      const char *text = strchr (w, '>') + 1;
      const char *end = strstr (text, "</word>");

      if (fabs (civ_test_bbox_attr (w, "xMin") - x) < 2 &&
          civ_test_bbox_attr (w, "yMin") >= y - 1 && civ_test_bbox_attr (w, "yMin") <= y + 6)
        return g_strndup (text, end - text);
    }
  return NULL;
}

static void
assert_has (const char *text, const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_test_message ("“%s” is not in:\n%s", needle, text);
  g_assert_nonnull (strstr (text, needle));
}

/* The record id of the one divorce application in @state. */
static char *
divorce_id (CivStore *store, const char *state)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (civ_store_get_db (store), "SELECT record_id FROM divorces WHERE state = ?",
                    NULL);
  char *id;

  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, state, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = civ_db_column_dup (stmt, 0);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  return id;
}

/* TRUE when @id of @page has the keyboard focus of its window. */
static gboolean
focused (gpointer page, const char *id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (page));

  return gtk_root_get_focus (root) == civ_ui_test_child (page, CIV_TYPE_DIVORCE_PAGE, id);
}

static void
set_day (CivMainWindow *window, int y, int m, int d)
{
  GDate today;

  civ_test_date (&today, y, m, d);
  _civ_main_window_set_today (window, &today);
}

static gpointer
child (CivDivorcePage *page, const char *id)
{
  return civ_ui_test_child (page, CIV_TYPE_DIVORCE_PAGE, id);
}

static gboolean
shown (CivDivorcePage *page, const char *id)
{
  return gtk_widget_is_visible (child (page, id));
}

static void
find (CivDivorcePage *page, const char *certificate)
{
  civ_ui_test_set_text (child (page, "find_row"), certificate);
  civ_ui_test_click (child (page, "find_button"));
  civ_ui_test_wait_for (!_civ_divorce_page_is_busy (page));
}

/* Issuing a divorce certificate is confirmed in a dialog (R-D7). */
static void
confirm_issue (CivApplication *app)
{
  GtkWindow *dialog = NULL;

  civ_ui_test_wait_for ((dialog = civ_ui_test_find_window (app, ADW_TYPE_MESSAGE_DIALOG)) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "cancel");
  civ_ui_test_click (civ_ui_test_find_button (GTK_WIDGET (dialog), "_Issue Certificate"));
  civ_ui_test_wait_for (civ_ui_test_find_window (app, ADW_TYPE_MESSAGE_DIALOG) == NULL);
}

static void
apply (CivDivorcePage *page, gboolean complete)
{
  gtk_switch_set_active (child (page, "present_switch"), TRUE);
  gtk_switch_set_active (child (page, "agreement_switch"), complete);
  civ_ui_test_set_text (child (page, "agreement_row"), complete ? "协议-2024-17" : "");
  gtk_switch_set_active (child (page, "capable_switch"), complete);
  gtk_switch_set_active (child (page, "certificates_switch"), complete);
  civ_ui_test_click (child (page, "accept_button"));
  civ_ui_test_wait_for (!_civ_divorce_page_is_busy (page));
}

/* Clicks a print button of @page with the export going to @pdf, and waits
 * until the PDF is written and the print is recorded. */
static void
print_to (CivApplication *app, CivDivorcePage *page, const char *button, const char *pdf)
{
  _civ_divorce_page_set_export_filename (page, pdf);
  civ_ui_test_click (child (page, button));
  civ_ui_test_wait_for (!_civ_divorce_page_is_busy (page) && g_file_test (pdf, G_FILE_TEST_EXISTS));
  civ_ui_test_drain_worker (_civ_application_get_worker (app));
}

static GtkWindow *
wait_for_window (CivApplication *app, GType type)
{
  GtkWindow *window = NULL;

  civ_ui_test_wait_for ((window = civ_ui_test_find_window (app, type)) != NULL);
  return window;
}

/* Opens the blank dialog of the certificate, exporting to @pdf: one row per
 * copy, labelled with its holder in the order the copies are printed. */
static CivBlankDialog *
open_blank_dialog (CivApplication *app, CivDivorcePage *page, const char *pdf)
{
  CivBlankDialog *dialog;

  _civ_divorce_page_set_export_filename (page, pdf);
  civ_ui_test_click (child (page, "print_certificate_button"));
  dialog = CIV_BLANK_DIALOG (wait_for_window (app, CIV_TYPE_BLANK_DIALOG));
  g_assert_cmpstr (adw_preferences_row_get_title (
                     ADW_PREFERENCES_ROW (_civ_blank_dialog_get_row (dialog, 0))),
                   ==, "Copy _1 — holder 王强");
  g_assert_cmpstr (adw_preferences_row_get_title (
                     ADW_PREFERENCES_ROW (_civ_blank_dialog_get_row (dialog, 1))),
                   ==, "Copy _2 — holder 赵敏");
  return dialog;
}

/* Prints the certificate through the blank dialog: a serial per copy (R-N3). */
static void
print_certificate (
  CivApplication *app, CivDivorcePage *page, const char *first, const char *second, const char *pdf)
{
  CivBlankDialog *dialog = open_blank_dialog (app, page, pdf);
  GtkWidget      *button = GTK_WIDGET (_civ_blank_dialog_get_print_button (dialog));

  /* R-N3: nothing is printed without a serial for each copy… */
  g_assert_false (gtk_widget_get_sensitive (button));
  civ_ui_test_set_text (_civ_blank_dialog_get_row (dialog, 0), "   ");
  civ_ui_test_set_text (_civ_blank_dialog_get_row (dialog, 1), second);
  g_assert_false (gtk_widget_get_sensitive (button));
  /* …each on its own blank. */
  civ_ui_test_set_text (_civ_blank_dialog_get_row (dialog, 0), second);
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_nonnull (_civ_blank_dialog_get_message (dialog));
  g_assert_nonnull (strstr (_civ_blank_dialog_get_message (dialog), "R-N3"));
  civ_ui_test_set_text (_civ_blank_dialog_get_row (dialog, 0), first);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_null (_civ_blank_dialog_get_message (dialog));
  civ_ui_test_click (button);
  civ_ui_test_wait_for (!_civ_divorce_page_is_busy (page) && g_file_test (pdf, G_FILE_TEST_EXISTS));
  civ_ui_test_drain_worker (_civ_application_get_worker (app));
  civ_ui_test_wait_for (civ_ui_test_find_window (app, CIV_TYPE_BLANK_DIALOG) == NULL);
}

/* A blank already used, or a third copy, is refused in the dialog before
 * anything is printed (R-N3); the dialog stays open with the reason. */
static void
refuse_used_blank (
  CivApplication *app, CivDivorcePage *page, const char *used, const char *fresh, const char *pdf)
{
  CivBlankDialog *dialog = open_blank_dialog (app, page, pdf);
  const char     *message;

  civ_ui_test_set_text (_civ_blank_dialog_get_row (dialog, 0), fresh);
  civ_ui_test_set_text (_civ_blank_dialog_get_row (dialog, 1), used);
  civ_ui_test_click (_civ_blank_dialog_get_print_button (dialog));
  civ_ui_test_wait_for (!_civ_blank_dialog_is_busy (dialog) &&
                        _civ_blank_dialog_get_message (dialog) != NULL);
  message = _civ_blank_dialog_get_message (dialog);
  g_assert_nonnull (strstr (message, "R-N3"));
  g_assert_nonnull (strstr (message, used));
  g_assert_true (civ_ui_test_find_window (app, CIV_TYPE_BLANK_DIALOG) == GTK_WINDOW (dialog));
  civ_ui_test_screenshot ("divorce-blank-dialog-refused.png");
  civ_ui_test_drain_worker (_civ_application_get_worker (app));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
documents_body (CivApplication *app, gpointer data)
{
  Fixture        *fx = data;
  CivMainWindow  *window = civ_ui_test_present_main (app, CLERK, CLERK_PW, &fx->main_window);
  CivDivorcePage *page = CIV_DIVORCE_PAGE (_civ_main_window_get_page (window, "divorce"));
  g_autoptr (GSettings) settings = civ_print_load_settings ();
  g_autofree char *notice = out_file (fx, "notice.pdf");
  g_autofree char *receipt = out_file (fx, "receipt.pdf");
  g_autofree char *certificate = out_file (fx, "certificate.pdf");
  g_autofree char *shifted = out_file (fx, "certificate-shifted.pdf");
  g_autofree char *provisional = out_file (fx, "receipt-provisional.pdf");
  GtkWindow       *record_view;

  g_assert_nonnull (settings);
  _civ_main_window_show_page (window, "divorce");

  /* Not accepted on 2024-09-01 (R-D1…R-D3): only the notice can be printed. */
  set_day (window, 2024, 9, 1);
  find (page, fx->j_number[0]);
  g_assert_true (shown (page, "open_record_button"));
  apply (page, FALSE);
  g_assert_cmpstr (_civ_divorce_page_get_state (page), ==, "NOT_ACCEPTED");
  g_assert_true (shown (page, "print_notice_button"));
  g_assert_false (gtk_widget_get_visible (child (page, "print_receipt_button")));
  g_assert_false (gtk_widget_get_visible (child (page, "print_certificate_button")));
  /* Keyboard: the notice is the next thing at the counter. */
  g_assert_true (focused (page, "print_notice_button"));
  civ_ui_test_screenshot ("divorce-print-not-accepted.png");
  print_to (app, page, "print_notice_button", notice);
  civ_test_pdf_screenshot (notice, "divorce-notice-page1", 60);

  /* Accepted on Monday 2024-09-02 (the worked example of domain.md §2.2). */
  set_day (window, 2024, 9, 2);
  find (page, fx->j_number[0]);
  apply (page, TRUE);
  g_assert_cmpstr (_civ_divorce_page_get_state (page), ==, "COOLING");
  g_assert_true (shown (page, "print_receipt_button"));
  g_assert_false (gtk_widget_get_visible (child (page, "print_certificate_button")));
  g_assert_false (gtk_widget_get_visible (child (page, "reasons_group")));
  g_assert_true (focused (page, "print_receipt_button"));
  civ_ui_test_screenshot ("divorce-print-receipt-button.png");
  print_to (app, page, "print_receipt_button", receipt);
  civ_test_pdf_screenshot (receipt, "divorce-receipt-page1", 60);

  /* Issued in the window (R-D7); the certificate goes on two blanks. */
  set_day (window, 2024, 10, 9);
  find (page, fx->j_number[0]);
  g_assert_true (shown (page, "print_receipt_button"));
  gtk_switch_set_active (child (page, "both_switch"), TRUE);
  gtk_switch_set_active (child (page, "consent_switch"), TRUE);
  civ_ui_test_click (child (page, "issue_button"));
  confirm_issue (app);
  civ_ui_test_wait_for (!_civ_divorce_page_is_busy (page));
  g_assert_cmpstr (_civ_divorce_page_get_state (page), ==, "REGISTERED");
  fx->l_number = g_strdup (_civ_divorce_page_get_certificate_no (page));
  g_assert_true (g_regex_match_simple ("^L110101-2024-\\d{6}$", fx->l_number, 0, 0));
  g_assert_true (shown (page, "print_certificate_button"));
  g_assert_false (gtk_widget_get_visible (child (page, "print_receipt_button")));
  g_assert_true (focused (page, "print_certificate_button"));
  civ_ui_test_screenshot ("divorce-print-certificate-button.png");
  print_certificate (app, page, "NO.L00017", "NO.L00018", certificate);
  civ_test_pdf_screenshot (certificate, "divorce-certificate-page1", 60);

  /* Both copies are out: a third is refused before anything is printed,
   * naming the blanks they are on (R-N3; the printer offsets are held by the
   * calibration test below). */
  refuse_used_blank (app, page, "NO.L00018", "NO.L00019", shifted);

  /* "Open Record" shows the marriage record with its history. */
  civ_ui_test_click (child (page, "open_record_button"));
  record_view = wait_for_window (app, CIV_TYPE_RECORD_VIEW);
  civ_ui_test_wait_for (_civ_record_view_is_loaded (CIV_RECORD_VIEW (record_view)));
  gtk_window_destroy (record_view);

  /* The second couple, accepted in December: the deadlines fall in 2025,
   * which the holiday table does not cover (provisional, R-D5). */
  set_day (window, 2024, 12, 20);
  find (page, fx->j_number[1]);
  apply (page, TRUE);
  g_assert_cmpstr (_civ_divorce_page_get_state (page), ==, "COOLING");
  print_to (app, page, "print_receipt_button", provisional);

  civ_ui_test_close_all (app);
}

static void
test_documents (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autofree char *notice = out_file (fx, "notice.pdf");
  g_autofree char *receipt = out_file (fx, "receipt.pdf");
  g_autofree char *certificate = out_file (fx, "certificate.pdf");
  g_autofree char *provisional = out_file (fx, "receipt-provisional.pdf");
  g_autofree char *not_accepted_id = NULL;
  g_autofree char *accepted_id = NULL;
  g_autofree char *text = NULL;
  g_autofree char *sql = NULL;
  g_autoptr (CivDivorceView) view = NULL;

  civ_ui_test_run_app (fx->data_dir, documents_body, fx);

  store = civ_store_open (fx->data_dir, CLERK, CLERK_PW, &error);
  g_assert_no_error (error);
  not_accepted_id = divorce_id (store, "NOT_ACCEPTED");
  accepted_id = divorce_id (store, "REGISTERED");

  /* 不予受理告知书: every reason in words (no rule id), the parties, the record. */
  text = pdf_text (notice);
  g_test_message ("notice:\n%s", text);
  assert_has (text, "Notice of Non-acceptance");
  assert_has (text, "王强 and 赵敏:");
  assert_has (text, "1. there is no written divorce agreement");
  assert_has (text, "2. a spouse lacks full civil capacity");
  assert_has (text, "3. bring both marriage certificates");
  assert_has (text, "2024-09-01");
  assert_has (text, fx->id[0]);
  assert_has (text, fx->id[1]);
  assert_has (text, fx->j_number[0]);
  /* Each reason with the law it applies, never the application's UUID. */
  assert_has (text, "(under 《婚姻登记条例》（2003年）第十二条");
  g_assert_null (strstr (text, not_accepted_id));
  assert_has (text, OFFICE);
  assert_has (text, "Registrar: 李登记");
  g_assert_null (strstr (text, "R-D1:")); /* both were present: not a reason */
  g_clear_pointer (&text, g_free);

  /* 受理回执单: T0, the cooling-off period and the window (R-D5, R-D6). */
  text = pdf_text (receipt);
  g_test_message ("receipt:\n%s", text);
  assert_has (text, "Receipt of Acceptance");
  assert_has (text, "On 2024-09-02 (T0) " OFFICE " accepted");
  assert_has (text, "from 2024-09-03 to 2024-10-08");
  assert_has (text, "From 2024-10-09 to 2024-11-07");
  assert_has (text, "deemed withdrawn from 2024-11-08");
  /* The couple reads the law, not rule ids, nor the application's UUID. */
  assert_has (text, "Cooling-off period");
  assert_has (text, "Under 《中华人民共和国民法典》第一千零七十七条");
  assert_has (text, "withdraw the application alone, in person");
  assert_has (text, "Issuance window");
  assert_has (text, "What to bring at issuance");
  assert_has (text, "Both marriage certificates;");
  g_assert_null (strstr (text, "(R-D"));
  assert_has (text, fx->id[0]);
  assert_has (text, fx->id[1]);
  assert_has (text, fx->j_number[0]);
  g_assert_null (strstr (text, accepted_id));
  assert_has (text, "协议-2024-17");
  assert_has (text, "Registrar: 李登记");
  g_assert_null (strstr (text, "provisional"));
  g_clear_pointer (&text, g_free);

  /* Outside the holiday table every deadline is marked provisional. */
  text = pdf_text (provisional);
  g_test_message ("provisional receipt:\n%s", text);
  assert_has (text, "周杰 and 吴芳:");
  assert_has (text, "On 2024-12-20 (T0)");
  assert_has (text, "to 2025-01-20 (provisional)");
  assert_has (text, "Dates marked provisional");
  g_clear_pointer (&text, g_free);

  /* 离婚证: values only, two copies, one per former spouse as holder. */
  g_assert_cmpint (civ_test_pdf_pages (certificate), ==, 2);
  text = pdf_text (certificate);
  g_test_message ("certificate:\n%s", text);
  assert_has (text, fx->l_number);
  assert_has (text, "2024-10-09");
  assert_has (text, "1990-01-01");
  assert_has (text, "1992-02-02");
  assert_has (text, "Male");
  assert_has (text, "Female");
  /* 国籍 by name, never the code. */
  assert_has (text, "中国");
  g_assert_null (strstr (text, "CHN"));
  assert_has (text, OFFICE);
  assert_has (text, "李登记");
  g_assert_null (strstr (text, "Holder")); /* no labels: the blank has them */
  g_clear_pointer (&text, g_free);
  for (int page = 1; page <= 2; page++)
    {
      g_autofree char *bbox = civ_test_pdf_text (certificate, TRUE, page);
      g_autofree char *holder = word_at (bbox, 38, 30);
      g_autofree char *date = word_at (bbox, 38, 42);
      g_autofree char *number = word_at (bbox, 38, 54);
      g_autofree char *name_a = word_at (bbox, 118, 30);
      g_autofree char *doc_a = word_at (bbox, 118, 54);
      g_autofree char *name_b = word_at (bbox, 118, 84);
      g_autofree char *doc_b = word_at (bbox, 118, 108);
      g_autofree char *birth_b = word_at (bbox, 160, 96);

      g_assert_cmpstr (holder, ==, page == 1 ? "王强" : "赵敏");
      g_assert_cmpstr (date, ==, "2024-10-09");
      g_assert_cmpstr (number, ==, fx->l_number);
      g_assert_cmpstr (name_a, ==, "王强");
      g_assert_cmpstr (doc_a, ==, fx->id[0]);
      g_assert_cmpstr (name_b, ==, "赵敏");
      g_assert_cmpstr (doc_b, ==, fx->id[1]);
      g_assert_cmpstr (birth_b, ==, "1992-02-02");
    }
  /* R-N3: the two blanks of the print, one per copy, are recorded with the
   * L number and audited; the refused third copy was not recorded. */
  sql = g_strdup_printf ("SELECT count(*) FROM certificate_prints p JOIN certificates c ON "
                         "c.id = p.certificate_id WHERE c.number = '%s' AND p.blank_serial IN "
                         "('NO.L00017', 'NO.L00018')",
                         fx->l_number);
  g_assert_cmpint (civ_test_count (store, sql), ==, 2);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM certificate_prints"), ==, 2);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE action = 'certificate.print' AND "
                         "object = '%s'",
                         fx->l_number);
  g_assert_cmpint (civ_test_count (store, sql), ==, 2);
  g_clear_pointer (&sql, g_free);
  /* The notice and both receipts are in the audit log too. */
  sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE action = 'divorce.print' AND "
                         "object = '%s' AND detail LIKE '%%notice%%'",
                         not_accepted_id);
  g_assert_cmpint (civ_test_count (store, sql), ==, 1);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE action = 'divorce.print' AND "
                         "object = '%s' AND detail LIKE '%%receipt%%'",
                         accepted_id);
  g_assert_cmpint (civ_test_count (store, sql), ==, 1);
  g_assert_cmpint (civ_test_count (store,
                                   "SELECT count(*) FROM audit_log WHERE action = 'divorce.print'"),
                   ==, 3);

  /* The print note refuses a document the application is not about. */
  g_assert_false (
    civ_divorce_note_document_print (store, accepted_id, CIV_DIVORCE_DOCUMENT_NOTICE, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_false (
    civ_divorce_note_document_print (store, not_accepted_id, CIV_DIVORCE_DOCUMENT_RECEIPT, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_cmpint (civ_test_count (store,
                                   "SELECT count(*) FROM audit_log WHERE action = 'divorce.print'"),
                   ==, 3);
  view = civ_record_query_divorce (store, accepted_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (view->divorce->certificate_no, ==, fx->l_number);
}

/* The offsets typed into the dialog. */
static void
set_offsets (CivPrintCalibration *dialog, const char *x, const char *y)
{
  civ_ui_test_set_text (civ_ui_test_child (dialog, CIV_TYPE_PRINT_CALIBRATION, "x_spin"), x);
  civ_ui_test_set_text (civ_ui_test_child (dialog, CIV_TYPE_PRINT_CALIBRATION, "y_spin"), y);
}

/* TRUE when the primary menu of @window has an item for @action labelled @label. */
/* The primary menu button: the first menu button with a menu model. */
static gboolean
menu_has_item (CivMainWindow *window, const char *action, const char *label)
{
  GtkMenuButton *button = civ_ui_test_find_menu_button (GTK_WIDGET (window));
  GMenuModel    *menu;

  g_assert_nonnull (button);
  menu = gtk_menu_button_get_menu_model (button);

  for (int s = 0; s < g_menu_model_get_n_items (menu); s++)
    {
      GMenuModel *section = g_menu_model_get_item_link (menu, s, G_MENU_LINK_SECTION);

      for (int i = 0; section && i < g_menu_model_get_n_items (section); i++)
        {
          g_autofree char *a = NULL;
          g_autofree char *l = NULL;

          g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_ACTION, "s", &a);
          g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_LABEL, "s", &l);
          if (g_strcmp0 (a, action) == 0 && g_strcmp0 (l, label) == 0)
            {
              g_object_unref (section);
              return TRUE;
            }
        }
      g_clear_object (&section);
    }
  return FALSE;
}

static CivPrintCalibration *
open_calibration (CivApplication *app, CivMainWindow *window)
{
  g_assert_null (civ_ui_test_find_window (app, CIV_TYPE_PRINT_CALIBRATION));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.print-calibration", NULL));
  return CIV_PRINT_CALIBRATION (wait_for_window (app, CIV_TYPE_PRINT_CALIBRATION));
}

static void
calibration_body (CivApplication *app, gpointer data)
{
  Fixture       *fx = data;
  CivMainWindow *window = civ_ui_test_present_main (app, CLERK, CLERK_PW, &fx->main_window);
  g_autoptr (GSettings) settings = civ_print_load_settings ();
  g_autofree char     *pdf = out_file (fx, "calibration.pdf");
  g_autofree char     *zero = out_file (fx, "calibration-zero.pdf");
  GType                ct = CIV_TYPE_PRINT_CALIBRATION;
  CivPrintCalibration *dialog;
  GtkWidget           *save;
  GtkWidget           *test;
  double               x, y;

  g_assert_nonnull (settings);
  /* The primary menu opens the dialog. */
  g_assert_true (menu_has_item (window, "win.print-calibration", "_Printer Calibration…"));
  if (g_getenv ("CIVREG_SCREENSHOT_DIR"))
    {
      gtk_menu_button_popup (civ_ui_test_find_menu_button (GTK_WIDGET (window)));
      civ_ui_test_screenshot ("main-menu-calibration.png");
      gtk_menu_button_popdown (civ_ui_test_find_menu_button (GTK_WIDGET (window)));
    }
  civ_print_set_offset (settings, "Counter-2", 1.5, 0.5);
  dialog = open_calibration (app, window);
  civ_ui_test_wait_for (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  /* Keyboard: the printer first. */
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (dialog)) ==
                 civ_ui_test_child (dialog, ct, "printer_row"));
  save = civ_ui_test_child (dialog, ct, "save_button");
  test = civ_ui_test_child (dialog, ct, "test_button");
  /* "PDF export" first, then the printers with saved offsets. */
  g_assert_cmpstr (_civ_print_calibration_get_printer (dialog, 0), ==, "");
  g_assert_cmpstr (_civ_print_calibration_get_printer (dialog, 1), ==, "Counter-2");
  adw_combo_row_set_selected (civ_ui_test_child (dialog, ct, "printer_row"), 1);
  g_assert_cmpfloat (gtk_spin_button_get_value (civ_ui_test_child (dialog, ct, "x_spin")), ==, 1.5);
  g_assert_cmpfloat (gtk_spin_button_get_value (civ_ui_test_child (dialog, ct, "y_spin")), ==, 0.5);
  adw_combo_row_set_selected (civ_ui_test_child (dialog, ct, "printer_row"), 0);
  g_assert_cmpfloat (gtk_spin_button_get_value (civ_ui_test_child (dialog, ct, "x_spin")), ==, 0);

  /* Out of bounds or not a number: a message, and nothing can be saved. */
  set_offsets (dialog, "25", "0");
  g_assert_true (gtk_widget_get_visible (civ_ui_test_child (dialog, ct, "message_label")));
  assert_has (gtk_label_get_label (civ_ui_test_child (dialog, ct, "message_label")),
              "horizontal offset");
  g_assert_false (gtk_widget_get_sensitive (save));
  g_assert_false (gtk_widget_get_sensitive (test));
  set_offsets (dialog, "2", "abc");
  assert_has (gtk_label_get_label (civ_ui_test_child (dialog, ct, "message_label")),
              "vertical offset");
  g_assert_false (gtk_widget_get_sensitive (save));
  civ_ui_test_screenshot ("calibration-invalid.png");

  /* A test page with the offsets as typed, before saving. */
  set_offsets (dialog, "2.5", "-1");
  g_assert_false (gtk_widget_get_visible (civ_ui_test_child (dialog, ct, "message_label")));
  g_assert_true (gtk_widget_get_sensitive (save));
  _civ_print_calibration_set_export_filename (dialog, pdf);
  civ_ui_test_click (test);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
  assert_has (gtk_label_get_label (civ_ui_test_child (dialog, ct, "status_label")), pdf);
  civ_print_get_offset (settings, "", &x, &y);
  g_assert_cmpfloat (x, ==, 0);
  civ_ui_test_screenshot ("calibration-dialog.png");
  civ_test_pdf_screenshot (pdf, "calibration-page1", 60);
  {
    g_autoptr (GtkPrintOperation) op = civ_print_calibration_operation_new ("", 0, 0);
    g_autoptr (GError) error = NULL;
    g_assert_true (civ_print_export_pdf (op, zero, &error));
    g_assert_no_error (error);
  }

  /* Save writes GSettings for the chosen printer and closes the dialog. */
  civ_ui_test_click (save);
  civ_ui_test_wait_for (civ_ui_test_find_window (app, ct) == NULL);
  civ_print_get_offset (settings, "", &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 2.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, -1, 1e-9);
  civ_print_get_offset (settings, "Counter-2", &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 1.5, 1e-9);

  /* Opened again, it shows what was saved; Escape closes it unchanged. */
  dialog = open_calibration (app, window);
  g_assert_cmpfloat (gtk_spin_button_get_value (civ_ui_test_child (dialog, ct, "x_spin")), ==, 2.5);
  g_assert_cmpfloat (gtk_spin_button_get_value (civ_ui_test_child (dialog, ct, "y_spin")), ==, -1);
  set_offsets (dialog, "7", "7");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  civ_ui_test_wait_for (civ_ui_test_find_window (app, ct) == NULL);
  civ_print_get_offset (settings, "", &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 2.5, 1e-9);

  /* Keyboard: Enter in an offset saves, like the default button. */
  dialog = open_calibration (app, window);
  set_offsets (dialog, "3", "0.5");
  gtk_widget_grab_focus (civ_ui_test_child (dialog, ct, "y_spin"));
  g_signal_emit_by_name (gtk_editable_get_delegate (civ_ui_test_child (dialog, ct, "y_spin")),
                         "activate");
  civ_ui_test_wait_for (civ_ui_test_find_window (app, ct) == NULL);
  civ_print_get_offset (settings, "", &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 0.5, 1e-9);

  /* Locking closes the dialog (it belongs to the application). */
  dialog = open_calibration (app, window);
  g_action_group_activate_action (G_ACTION_GROUP (app), "lock", NULL);
  civ_ui_test_wait_for (civ_ui_test_find_window (app, ct) == NULL);

  g_settings_reset (settings, "certificate-offsets");
  civ_ui_test_close_all (app);
}

static void
test_calibration (Fixture *fx, gconstpointer data)
{
  g_autofree char *pdf = out_file (fx, "calibration.pdf");
  g_autofree char *zero = out_file (fx, "calibration-zero.pdf");
  g_autofree char *text = NULL;
  g_autofree char *box = NULL;
  g_autofree char *zero_box = NULL;

  civ_ui_test_run_app (fx->data_dir, calibration_body, fx);

  /* The test page names the printer and the offsets it was printed with. */
  g_assert_cmpint (civ_test_pdf_pages (pdf), ==, 1);
  text = pdf_text (pdf);
  g_test_message ("calibration page:\n%s", text);
  assert_has (text, "Calibration page · PDF export · X +2.5 mm · Y -1.0 mm");
  assert_has (text, "Holder");
  assert_has (text, "Identity document number");
  assert_has (text, "Registrar");
  /* Its field boxes are shifted by the offsets: 2.5 mm right, 1 mm up. */
  box = civ_test_pdf_text (pdf, TRUE, 1);
  zero_box = civ_test_pdf_text (zero, TRUE, 1);
  g_assert_cmpfloat_with_epsilon (civ_test_bbox_word_x (box, "Holder") -
                                    civ_test_bbox_word_x (zero_box, "Holder"),
                                  2.5 * PT_PER_MM, 0.5);
  g_assert_cmpfloat_with_epsilon (civ_test_bbox_word_y (box, "Holder") -
                                    civ_test_bbox_word_y (zero_box, "Holder"),
                                  -1 * PT_PER_MM, 0.5);
  /* Unshifted, the label sits in the holder's box (38 mm, 30 mm). */
  g_assert_cmpfloat_with_epsilon (civ_test_bbox_word_x (zero_box, "Holder"), 39 * PT_PER_MM, 1);
}

int
main (int argc, char *argv[])
{
  civ_ui_test_init (&argc, &argv);

  g_test_add ("/ui/divorce-print/documents", Fixture, NULL, fixture_set_up, test_documents,
              fixture_tear_down);
  g_test_add ("/ui/divorce-print/calibration", Fixture, NULL, fixture_set_up, test_calibration,
              fixture_tear_down);
  return g_test_run ();
}
