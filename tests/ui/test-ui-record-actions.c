// SPDX-License-Identifier: GPL-3.0-or-later
/* test-ui-record-actions.c — after registration, in the record view under
 * Xvfb: a registrar reissues a marriage certificate (BJ, R-B1…R-B3) and
 * prints it on two blanks, one per copy (R-N3), voids one of them with a
 * supervisor's approval typed at the counter (R-N1; a wrong password
 * refused), reissues a divorce certificate (BL) and prints it with the
 * divorce's data, sees the J and L prints of the divorced couple, writes a
 * correction that a supervisor approves at the same counter (wrong password
 * refused, R-M13 refused, then written as version 2), and is not offered
 * the supervisor-only actions; a supervisor files a court divorce (R-V4,
 * R-D8), voids an L print alone, and records a pre-2021 registry annulment
 * (R-V2 refused for a 2021 decision first).
 *
 * With CIVREG_SCREENSHOT_DIR set, screenshots of the dialogs and of the
 * record view after the actions are saved there. */
#include "civ-ui-test-utils.h"

#include <string.h>

#include "civ-blank-dialog.h"
#include "civ-divorce-service.h"
#include "civ-marriage-service.h"
#include "civ-correction-dialog.h"
#include "civ-court-judgment-dialog.h"
#include "civ-record-action-dialog.h"
#include "civ-record-query.h"
#include "civ-registry-annulment-dialog.h"
#include "civ-reissue-dialog.h"
#include "civ-record-view.h"
#include "civ-test-utils.h"
#include "civ-void-print-dialog.h"
#include "civ-record-view-private.h"
#include "civ-blank-dialog-private.h"

#define CLERK "clerk"
#define CLERK_PW "Clerk-password"
#define BJ_NUMBER "BJ110101-2024-000001"
#define COURT_DOCUMENT "(2024)京0101民初123号"

typedef struct
{
  char          *data_dir;
  char          *out_dir;
  CivMainWindow *main_window;
  char          *j_number;          /* registered 2024-01-10 */
  char          *j_number_old;      /* registered 2019-01-10 */
  char          *j_number_divorced; /* 2024-01-10, divorced by registration 2024-10-09 */
  char          *l_number;          /* its divorce certificate */
  char          *pdf_text;
  char          *bl_pdf_text;
} Fixture;

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  g_autoptr (CivStore) store = civ_test_new_office (&fx->data_dir, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *his = civ_test_make_id ("110101", "19900101", 31);
  g_autofree char *hers = civ_test_make_id ("110101", "19920202", 32);
  g_autofree char *old_his = civ_test_make_id ("110101", "19880101", 33);
  g_autofree char *old_hers = civ_test_make_id ("110101", "19900202", 34);
  g_autofree char *div_his = civ_test_make_id ("110101", "19870101", 35);
  g_autofree char *div_hers = civ_test_make_id ("110101", "19890202", 36);

  civ_test_add_operator (store, CLERK, "李登记", CIV_ROLE_REGISTRAR, CLERK_PW);
  const char *const                  names[] = { "王强", "赵敏" };
  const char *const                  old_names[] = { "周杰", "林芳" };
  const char *const                  divorced_names[] = { "陈刚", "吴丽" };
  static const CivDivorceApplication complete = {
    .both_present = TRUE,
    .agreement_signed = TRUE,
    .agreement_ref = "协议-2024-009",
    .both_capable = TRUE,
    .certificates_presented = TRUE,
  };
  g_autoptr (CivCalendar) calendar = civ_test_calendar_2024 ();
  g_autoptr (CivDivorceResult) accepted = NULL;
  g_autoptr (CivDivorceResult) issued = NULL;
  const char *const j_blanks[] = { "NO.7001", "NO.7002", NULL };
  const char *const l_blanks[] = { "NO.7003", "NO.7004", NULL };
  GDate             day;

  fx->j_number = civ_test_register_couple (store, names, his, hers, 2024);
  fx->j_number_old = civ_test_register_couple (store, old_names, old_his, old_hers, 2019);
  fx->j_number_divorced = civ_test_register_couple (store, divorced_names, div_his, div_hers, 2024);
  /* The worked example of domain.md §2.2: accepted 09-02, issued 10-09. */
  civ_test_date (&day, 2024, 9, 2);
  accepted = civ_divorce_accept (store, fx->j_number_divorced, &day, &complete, calendar, &error);
  g_assert_no_error (error);
  civ_test_date (&day, 2024, 10, 9);
  issued = civ_divorce_issue (store, accepted->record_id, &day, TRUE, TRUE, calendar, &error);
  g_assert_no_error (error);
  fx->l_number = g_strdup (issued->certificate_no);
  /* Its J and L certificates were printed, two blanks each (R-N3). */
  g_assert_true (civ_record_note_prints (store, fx->j_number_divorced, j_blanks, &error));
  g_assert_true (civ_record_note_prints (store, fx->l_number, l_blanks, &error));
  g_assert_no_error (error);
  fx->out_dir = civ_test_mkdtemp ();
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  g_assert_null (fx->main_window);
  civ_test_rmdir (fx->data_dir);
  civ_test_rmdir (fx->out_dir);
  g_free (fx->data_dir);
  g_free (fx->out_dir);
  g_free (fx->j_number);
  g_free (fx->j_number_old);
  g_free (fx->j_number_divorced);
  g_free (fx->l_number);
  g_free (fx->pdf_text);
  g_free (fx->bl_pdf_text);
}

/* Opens the record view on @key at the counter date @y-@m-@d. */
static CivRecordView *
open_record (CivApplication *app, CivMainWindow *window, const char *key, int y, int m, int d)
{
  CivRecordView *view = NULL;
  GDate          today;

  civ_main_window_show_record (window, key);
  civ_ui_test_wait_for (
    (view = CIV_RECORD_VIEW (civ_ui_test_find_window (app, CIV_TYPE_RECORD_VIEW))) != NULL);
  civ_ui_test_wait_for (_civ_record_view_is_loaded (view));
  civ_test_date (&today, y, m, d);
  civ_record_view_set_today (view, &today);
  return view;
}

static gboolean
view_shows (CivRecordView *view, const char *text)
{
  g_autofree char *all = _civ_record_view_get_text (view);

  return strstr (all, text) != NULL;
}

/* Activates record.@action and returns the form it opens, of @type and
 * entitled @title. */
static CivRecordActionDialog *
open_dialog (
  CivApplication *app, CivRecordView *view, const char *action, GType type, const char *title)
{
  g_autofree char       *detailed = g_strconcat ("record.", action, NULL);
  CivRecordActionDialog *dialog = NULL;

  g_assert_true (_civ_record_view_offers (view, action));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), detailed, NULL));
  civ_ui_test_wait_for ((dialog = CIV_RECORD_ACTION_DIALOG (
                           civ_ui_test_find_window (app, CIV_TYPE_RECORD_ACTION_DIALOG))) != NULL);
  g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (dialog, type));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, title);
  civ_ui_test_wait_for (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  /* Its first frame, for the screenshots (slow under ASan). */
  civ_ui_test_spin (400);
  return dialog;
}

/* A row of the form by its id in the template: the dialog type's own
 * (kind_row, reason_row …) or the base's (approver_row, password_row,
 * submit_button). */
static GtkWidget *
field (CivRecordActionDialog *dialog, const char *id)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (dialog), G_OBJECT_TYPE (dialog), id);

  if (child == NULL)
    child = gtk_widget_get_template_child (GTK_WIDGET (dialog), CIV_TYPE_RECORD_ACTION_DIALOG, id);
  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

static gboolean
submit_enabled (CivRecordActionDialog *dialog)
{
  return gtk_widget_get_sensitive (field (dialog, "submit_button"));
}

/* The dialog's "message" (NULL when none is shown), newly allocated. */
static char *
message_of (CivRecordActionDialog *dialog)
{
  char *message = NULL;

  g_object_get (dialog, "message", &message, NULL);
  return message;
}

static gboolean
has_message (CivRecordActionDialog *dialog, const char *part)
{
  g_autofree char *message = message_of (dialog);

  return message != NULL && strstr (message, part) != NULL;
}

static gboolean
is_busy (CivRecordActionDialog *dialog)
{
  gboolean busy = FALSE;

  g_object_get (dialog, "busy", &busy, NULL);
  return busy;
}

/* Activates record-action.submit (enabled: the form is complete). */
static void
submit (CivRecordActionDialog *dialog)
{
  g_assert_true (submit_enabled (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "record-action.submit", NULL));
}

/* Submits and waits for the worker's answer; the dialog stays open on a
 * refusal, and the refusal is returned. */
static char *
submit_refused (CivRecordActionDialog *dialog)
{
  char *message;

  submit (dialog);
  civ_ui_test_wait_for (!is_busy (dialog));
  message = message_of (dialog);
  g_assert_nonnull (message);
  return message;
}

static AdwMessageDialog *
wait_message_dialog (CivApplication *app)
{
  GtkWindow *dialog = NULL;

  civ_ui_test_wait_for ((dialog = civ_ui_test_find_window (app, ADW_TYPE_MESSAGE_DIALOG)) != NULL);
  return ADW_MESSAGE_DIALOG (dialog);
}

/* Clicks the response @label of the open message dialog and waits until it is gone. */
static void
respond (CivApplication *app, const char *label)
{
  AdwMessageDialog *dialog = wait_message_dialog (app);
  GtkWidget        *button = civ_ui_test_find_button (GTK_WIDGET (dialog), label);

  g_assert_nonnull (button);
  civ_ui_test_click (button);
  civ_ui_test_wait_for (civ_ui_test_find_window (app, ADW_TYPE_MESSAGE_DIALOG) == NULL);
}

/* The blank dialog that follows a reissue or Print Certificate: its
 * number and @title, one serial per copy labelled with the holder (R-N3),
 * a @cancel button; then printed to @pdf. @n_copies copies (1 or 2) for
 * @holders with @serials. */
static void
print_copies (CivApplication    *app,
              CivRecordView     *view,
              const char        *number,
              const char        *title,
              const char        *cancel,
              guint              n_copies,
              const char *const *holders,
              const char *const *serials,
              const char        *pdf,
              const char        *screenshot)
{
  CivBlankDialog *blank = NULL;
  GtkWidget      *button;

  civ_ui_test_wait_for (
    (blank = CIV_BLANK_DIALOG (civ_ui_test_find_window (app, CIV_TYPE_BLANK_DIALOG))) != NULL);
  g_assert_cmpstr (civ_blank_dialog_get_certificate_no (blank), ==, number);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (blank)), ==, title);
  g_assert_nonnull (civ_ui_test_find_button (GTK_WIDGET (blank), cancel));
  for (guint i = 0; i < n_copies; i++)
    {
      g_autofree char *row = g_strdup_printf ("Copy _%u — holder %s", i + 1, holders[i]);

      g_assert_cmpstr (adw_preferences_row_get_title (
                         ADW_PREFERENCES_ROW (_civ_blank_dialog_get_row (blank, i))),
                       ==, row);
    }
  if (n_copies < 2)
    g_assert_null (_civ_blank_dialog_get_row (blank, n_copies));
  button = GTK_WIDGET (_civ_blank_dialog_get_print_button (blank));
  for (guint i = 0; i < n_copies; i++)
    {
      g_assert_false (gtk_widget_get_sensitive (button));
      civ_ui_test_set_text (_civ_blank_dialog_get_row (blank, i), serials[i]);
    }
  g_assert_true (gtk_widget_get_sensitive (button));
  if (screenshot != NULL)
    {
      civ_ui_test_spin (300);
      civ_ui_test_screenshot (screenshot);
    }
  _civ_record_view_set_export_filename (view, pdf);
  civ_ui_test_click (button);
  for (guint i = n_copies; i-- > 0;)
    {
      g_autofree char *shown = g_strdup_printf ("%s on blank No. %s", number, serials[i]);
      civ_ui_test_wait_for (view_shows (view, shown));
    }
  g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_assert_null (civ_ui_test_find_window (app, CIV_TYPE_BLANK_DIALOG));
}

static void
print_blanks (CivApplication   *app,
              CivRecordView    *view,
              const char       *number,
              const char       *title,
              const char       *cancel,
              const char *const holders[2],
              const char *const serials[2],
              const char       *pdf,
              const char       *screenshot)
{
  print_copies (app, view, number, title, cancel, 2, holders, serials, pdf, screenshot);
}

/* The Void button of the print on blank @serial, or NULL. */
static GtkWidget *
void_button (CivRecordView *view, const char *serial)
{
  GtkWidget *stack[256];
  int        top = 0;

  stack[top++] = GTK_WIDGET (view);
  while (top > 0)
    {
      GtkWidget *w = stack[--top];

      if (GTK_IS_ACTIONABLE (w) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (w)), "record.void-print") == 0)
        {
          GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (w));

          if (target && g_strcmp0 (g_variant_get_string (target, NULL), serial) == 0)
            return w;
        }
      for (GtkWidget *c = gtk_widget_get_first_child (w); c && top < 256;
           c = gtk_widget_get_next_sibling (c))
        stack[top++] = c;
    }
  return NULL;
}

/* Scrolls the view to its end, where the prints are. */
static void
scroll_to_prints (CivRecordView *view, GtkWidget *inside)
{
  GtkWidget     *scrolled = gtk_widget_get_ancestor (inside, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

  gtk_window_present (GTK_WINDOW (view));
  civ_ui_test_spin (200);
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
  civ_ui_test_spin (300);
}

static gboolean
no_action_dialog (CivApplication *app)
{
  return civ_ui_test_find_window (app, CIV_TYPE_RECORD_ACTION_DIALOG) == NULL;
}

static void
registrar_body (CivApplication *app, gpointer data)
{
  Fixture               *fx = data;
  CivMainWindow         *window = civ_ui_test_present_main (app, CLERK, CLERK_PW, &fx->main_window);
  g_autofree char       *pdf = g_build_filename (fx->out_dir, "reissued.pdf", NULL);
  g_autofree char       *bl_pdf = g_build_filename (fx->out_dir, "reissued-bl.pdf", NULL);
  g_autofree char       *message = NULL;
  const char *const      names[] = { "王强", "赵敏" };
  const char *const      divorced_names[] = { "陈刚", "吴丽" };
  const char *const      bj_blanks[] = { "NO.5001", "NO.5002" };
  const char *const      bl_blanks[] = { "NO.6001", "NO.6002" };
  const char *const      reprint_blanks[] = { "NO.5003", "NO.5004" };
  g_autofree char       *reprint_pdf = g_build_filename (fx->out_dir, "reprinted.pdf", NULL);
  const char *const      divorced_prints[] = { "NO.7001", "NO.7002", "NO.7003", "NO.7004" };
  CivRecordView         *view = open_record (app, window, fx->j_number, 2024, 3, 1);
  CivRecordActionDialog *dialog;
  AdwMessageDialog      *question;
  GtkWidget             *button;

  /* A registrar is offered the counter's actions, not the supervisor's. */
  g_assert_true (_civ_record_view_offers (view, "reissue"));
  g_assert_true (_civ_record_view_offers (view, "correct"));
  g_assert_false (_civ_record_view_offers (view, "court-judgment"));
  g_assert_false (_civ_record_view_offers (view, "registry-annulment"));
  /* The hidden action is disabled too: activating it opens nothing. */
  gtk_widget_activate_action (GTK_WIDGET (view), "record.court-judgment", NULL);
  civ_ui_test_spin (100);
  g_assert_true (no_action_dialog (app));
  g_assert_true (view_shows (view, "No certificate of this record has been printed."));

  /* Reissue: the reason is required; the kind follows the record (BJ). */
  dialog = open_dialog (app, view, "reissue", CIV_TYPE_REISSUE_DIALOG, "Reissue Certificate");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (field (dialog, "kind_row"))), ==, 0);
  g_assert_false (submit_enabled (dialog));
  civ_ui_test_set_text (field (dialog, "reason_row"), "   ");
  g_assert_false (submit_enabled (dialog));
  civ_ui_test_set_text (field (dialog, "reason_row"), "原证遗失 (R-B2)");
  g_assert_true (submit_enabled (dialog));
  civ_ui_test_screenshot ("reissue-dialog.png");
  submit (dialog);
  /* The new number, then one blank per copy before printing it (R-N3). */
  civ_ui_test_wait_for (no_action_dialog (app));
  print_blanks (app, view, BJ_NUMBER, "Certificate Reissued", "Print _Later", names, bj_blanks, pdf,
                "reissue-print.png");
  fx->pdf_text = civ_test_pdf_text (pdf, FALSE, 0);
  /* A reissue writes no new version. */
  g_assert_cmpuint (_civ_record_view_get_n_versions (view), ==, 1);

  /* Void a spoiled print: a registrar needs a supervisor's approval
   * (architecture §8), typed at the counter like for a correction. */
  button = void_button (view, "NO.5001");
  g_assert_nonnull (button);
  g_assert_nonnull (void_button (view, "NO.5002"));
  scroll_to_prints (view, button);
  civ_ui_test_screenshot ("record-view-prints.png");
  civ_ui_test_click (button);
  civ_ui_test_wait_for ((dialog = CIV_RECORD_ACTION_DIALOG (
                           civ_ui_test_find_window (app, CIV_TYPE_RECORD_ACTION_DIALOG))) != NULL);
  g_assert_true (CIV_IS_VOID_PRINT_DIALOG (dialog));
  g_assert_cmpint (civ_record_action_dialog_get_action (dialog), ==, CIV_RECORD_ACTION_VOID_PRINT);
  g_assert_cmpstr (civ_void_print_dialog_get_blank_serial (CIV_VOID_PRINT_DIALOG (dialog)), ==,
                   "NO.5001");
  g_assert_true (gtk_widget_is_visible (field (dialog, "approver_row")));
  g_assert_true (gtk_widget_is_visible (field (dialog, "password_row")));
  g_assert_false (submit_enabled (dialog));
  civ_ui_test_set_text (field (dialog, "reason_row"), "卡纸 (paper jam)");
  g_assert_false (submit_enabled (dialog));
  civ_ui_test_set_text (field (dialog, "approver_row"), CIV_TEST_SUPERVISOR);
  g_assert_false (submit_enabled (dialog));
  civ_ui_test_set_text (field (dialog, "password_row"), "not-the-password");
  g_assert_true (submit_enabled (dialog));
  civ_ui_test_spin (300);
  civ_ui_test_screenshot ("void-dialog.png");
  /* A wrong password: refused in the dialog, the field emptied, nothing voided. */
  submit (dialog);
  question = wait_message_dialog (app);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question), "NO.5001"));
  civ_ui_test_screenshot ("void-confirm.png");
  respond (app, "_Void Print");
  civ_ui_test_wait_for (!is_busy (dialog) && has_message (dialog, "password"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (dialog, "password_row"))), ==, "");
  g_assert_false (submit_enabled (dialog));
  g_assert_false (no_action_dialog (app));
  g_assert_nonnull (void_button (view, "NO.5001"));
  /* The right password: kept and marked, the other copy's print untouched. */
  civ_ui_test_set_text (field (dialog, "password_row"), CIV_TEST_SUPERVISOR_PW);
  submit (dialog);
  respond (app, "_Void Print");
  civ_ui_test_wait_for (no_action_dialog (app));
  civ_ui_test_wait_for (view_shows (view, "卡纸 (paper jam)"));
  g_assert_true (view_shows (view, BJ_NUMBER " on blank No. NO.5001"));
  g_assert_null (void_button (view, "NO.5001"));
  g_assert_nonnull (void_button (view, "NO.5002"));
  /* The certificate the couple holds now (the BJ) is printed again from the
   * Actions menu: only the voided copy, on one new blank, for the spouse the
   * registrar names (R-N3); never a third copy. */
  g_assert_true (view_shows (view, "Certificate Held"));
  g_assert_true (_civ_record_view_offers (view, "print-certificate"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "record.print-certificate", NULL));
  question = wait_message_dialog (app);
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Print One Copy");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question), BJ_NUMBER));
  civ_ui_test_screenshot ("print-one-copy.png");
  respond (app, names[1]);
  print_copies (app, view, BJ_NUMBER, "Print Certificate", "_Cancel", 1, names + 1, reprint_blanks,
                reprint_pdf, NULL);
  g_assert_cmpint (civ_test_pdf_pages (reprint_pdf), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "record.print-certificate", NULL));
  question = wait_message_dialog (app);
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==,
                   "Both Copies Are Already Printed");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question), "NO.5002"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question), reprint_blanks[0]));
  civ_ui_test_screenshot ("both-copies-printed.png");
  respond (app, "_Close");
  g_assert_null (civ_ui_test_find_window (app, CIV_TYPE_BLANK_DIALOG));

  /* Correction: the supervisor's wrong password is refused in the dialog,
   * the password field is emptied, nothing is written. */
  dialog = open_dialog (app, view, "correct", CIV_TYPE_CORRECTION_DIALOG, "Request Correction");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (field (dialog, "field_row"))), ==,
                    0);
  civ_ui_test_set_text (field (dialog, "value_row"), "双方自愿，更正备注");
  civ_ui_test_set_text (field (dialog, "reason_row"), "登记时笔误");
  civ_ui_test_set_text (field (dialog, "approver_row"), CIV_TEST_SUPERVISOR);
  g_assert_false (submit_enabled (dialog));
  civ_ui_test_set_text (field (dialog, "password_row"), "not-the-password");
  g_assert_true (submit_enabled (dialog));
  message = submit_refused (dialog);
  g_assert_nonnull (strstr (message, "password"));
  g_assert_nonnull (strstr (message, CIV_TEST_SUPERVISOR));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (dialog, "password_row"))), ==, "");
  g_assert_false (submit_enabled (dialog));
  civ_ui_test_screenshot ("correction-refused.png");
  g_clear_pointer (&message, g_free);
  g_assert_cmpuint (_civ_record_view_get_n_versions (view), ==, 1);

  /* R-M13: an effective date after the registration date (2024-01-10) is refused. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (field (dialog, "field_row")), 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (dialog, "value_row"))), ==,
                   "2024-01-10");
  civ_ui_test_set_text (field (dialog, "value_row"), "2024-13-40");
  civ_ui_test_set_text (field (dialog, "password_row"), CIV_TEST_SUPERVISOR_PW);
  g_assert_false (submit_enabled (dialog));
  g_assert_true (has_message (dialog, "YYYY-MM-DD"));
  civ_ui_test_set_text (field (dialog, "value_row"), "2024-02-01");
  g_assert_true (submit_enabled (dialog));
  message = submit_refused (dialog);
  g_assert_true (g_str_has_prefix (message, "R-M13"));
  g_clear_pointer (&message, g_free);

  /* The right password: version 2 with the new remarks, approved by the supervisor. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (field (dialog, "field_row")), 0);
  civ_ui_test_set_text (field (dialog, "value_row"), "双方自愿，更正备注");
  civ_ui_test_set_text (field (dialog, "password_row"), CIV_TEST_SUPERVISOR_PW);
  submit (dialog);
  civ_ui_test_wait_for (no_action_dialog (app));
  civ_ui_test_wait_for (_civ_record_view_get_n_versions (view) == 2);
  g_assert_true (view_shows (view, "Version 2: Registered"));
  g_assert_true (view_shows (view, "双方自愿，更正备注"));
  g_assert_true (view_shows (view, "登记时笔误"));
  gtk_window_present (GTK_WINDOW (view));
  civ_ui_test_screenshot ("record-view-registrar.png");
  /* A voided print is not voided again (R-N1): nothing opens. */
  gtk_widget_activate_action (GTK_WIDGET (view), "record.void-print", "s", "NO.5001");
  civ_ui_test_spin (100);
  g_assert_true (no_action_dialog (app));

  /* Dissolved by divorce registration: the divorce certificate (BL) is
   * reissued; its number is shown (there is no marriage certificate to print). */
  gtk_window_destroy (GTK_WINDOW (view));
  civ_ui_test_wait_for (civ_ui_test_find_window (app, CIV_TYPE_RECORD_VIEW) == NULL);
  view = open_record (app, window, fx->j_number_divorced, 2024, 11, 1);
  dialog = open_dialog (app, view, "reissue", CIV_TYPE_REISSUE_DIALOG, "Reissue Certificate");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (field (dialog, "kind_row"))), ==, 1);
  /* A marriage certificate is refused by the service (R-B3), in the dialog. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (field (dialog, "kind_row")), 0);
  civ_ui_test_set_text (field (dialog, "reason_row"), "离婚证遗失");
  message = submit_refused (dialog);
  g_assert_true (g_str_has_prefix (message, "R-B3"));
  g_clear_pointer (&message, g_free);
  adw_combo_row_set_selected (ADW_COMBO_ROW (field (dialog, "kind_row")), 1);
  submit (dialog);
  civ_ui_test_wait_for (no_action_dialog (app));
  /* The BL is printed like the L, on two blanks, under its own number. */
  print_blanks (app, view, "BL110101-2024-000001", "Certificate Reissued", "Print _Later",
                divorced_names, bl_blanks, bl_pdf, "reissue-bl-print.png");
  fx->bl_pdf_text = civ_test_pdf_text (bl_pdf, FALSE, 0);
  /* The record lists the prints of all its certificates: J, L and BL. */
  for (guint i = 0; i < G_N_ELEMENTS (divorced_prints); i++)
    {
      g_autofree char *shown =
        g_strdup_printf ("%s on blank No. %s", i < 2 ? fx->j_number_divorced : fx->l_number,
                         divorced_prints[i]);

      g_assert_true (view_shows (view, shown));
      g_assert_nonnull (void_button (view, divorced_prints[i]));
    }
  scroll_to_prints (view, void_button (view, "NO.7003"));
  civ_ui_test_screenshot ("record-view-j-l-prints.png");

  /* Locking closes the form with the typed password and the view. */
  dialog = open_dialog (app, view, "correct", CIV_TYPE_CORRECTION_DIALOG, "Request Correction");
  civ_ui_test_set_text (field (dialog, "password_row"), CIV_TEST_SUPERVISOR_PW);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &view);
  civ_session_lock (civ_main_window_get_session (window));
  civ_ui_test_wait_for (dialog == NULL && view == NULL);

  civ_ui_test_close_all (app);
}

/* TRUE when @number (J… or L…) is in @text on its own, not as the tail of
 * a BJ or BL number. */
static gboolean
has_number (const char *text, const char *number)
{
  for (const char *p = strstr (text, number); p != NULL; p = strstr (p + 1, number))
    if (p == text || p[-1] != 'B')
      return TRUE;
  return FALSE;
}

static void
test_registrar (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (CivMarriageRecord) record = NULL;
  const CivMarriageVersion  *v;
  const CivCertificatePrint *p;

  civ_ui_test_run_app (fx->data_dir, registrar_body, fx);

  /* The reissued certificate carries the BJ number, not the J it replaces,
   * and the couple (R-N1, R-N3). */
  g_assert_nonnull (strstr (fx->pdf_text, BJ_NUMBER));
  g_assert_false (has_number (fx->pdf_text, fx->j_number));
  g_assert_nonnull (strstr (fx->pdf_text, "王强"));
  g_assert_nonnull (strstr (fx->pdf_text, "赵敏"));
  /* The reissued divorce certificate: the BL number instead of the L, the
   * former spouses and the day the divorce was registered. */
  g_assert_nonnull (strstr (fx->bl_pdf_text, "BL110101-2024-000001"));
  g_assert_false (has_number (fx->bl_pdf_text, fx->l_number));
  g_assert_nonnull (strstr (fx->bl_pdf_text, "陈刚"));
  g_assert_nonnull (strstr (fx->bl_pdf_text, "吴丽"));
  g_assert_nonnull (strstr (fx->bl_pdf_text, "2024-10-09"));

  store = civ_store_open (fx->data_dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);
  g_assert_no_error (error);
  record = civ_record_query_marriage (store, fx->j_number, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (record->versions->len, ==, 2);
  v = civ_marriage_record_current (record);
  g_assert_cmpstr (v->remarks, ==, "双方自愿，更正备注");
  g_assert_cmpstr (v->reason, ==, "登记时笔误");
  g_assert_cmpstr (v->created_by, ==, CLERK);
  g_assert_cmpstr (v->approved_by, ==, CIV_TEST_SUPERVISOR);
  g_assert_cmpstr (v->effective_from, ==, "2024-01-10");
  /* Two blanks for the BJ, one voided with the supervisor's approval, then
   * one more for printing that copy again (R-N3: never a third copy). */
  g_assert_cmpuint (record->prints->len, ==, 3);
  p = g_ptr_array_index (record->prints, 0);
  g_assert_cmpstr (p->certificate_no, ==, BJ_NUMBER);
  g_assert_cmpstr (p->blank_serial, ==, "NO.5001");
  g_assert_cmpstr (p->voided_by, ==, CLERK);
  g_assert_cmpstr (p->void_reason, ==, "卡纸 (paper jam)");
  g_assert_cmpstr (p->void_approved_by, ==, CIV_TEST_SUPERVISOR);
  p = g_ptr_array_index (record->prints, 1);
  g_assert_cmpstr (p->certificate_no, ==, BJ_NUMBER);
  g_assert_cmpstr (p->blank_serial, ==, "NO.5002");
  g_assert_null (p->voided_at);
  p = g_ptr_array_index (record->prints, 2);
  g_assert_cmpstr (p->certificate_no, ==, BJ_NUMBER);
  g_assert_cmpstr (p->blank_serial, ==, "NO.5003");
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM audit_log WHERE action = "
                                          "'certificate.print' AND object = '" BJ_NUMBER "'"),
                   ==, 3);
  g_clear_pointer (&record, civ_marriage_record_free);
  /* The divorced couple's record: the J and L prints of the fixture and the
   * two BL blanks printed here. */
  record = civ_record_query_marriage (store, fx->j_number_divorced, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (record->prints->len, ==, 6);
  p = g_ptr_array_index (record->prints, 4);
  g_assert_cmpstr (p->certificate_no, ==, "BL110101-2024-000001");
  g_assert_cmpstr (p->blank_serial, ==, "NO.6001");
  p = g_ptr_array_index (record->prints, 5);
  g_assert_cmpstr (p->blank_serial, ==, "NO.6002");
  /* One reissue, one void, one correction: the refused attempts wrote nothing. */
  g_assert_cmpint (
    civ_test_count (store, "SELECT count(*) FROM certificate_reissues WHERE kind = 'BJ' AND "
                           "certificate_no = '" BJ_NUMBER "' AND issued_on = '2024-03-01'"),
    ==, 1);
  g_assert_cmpint (
    civ_test_count (store, "SELECT count(*) FROM audit_log WHERE action = 'certificate.void' "
                           "AND object = '" BJ_NUMBER "' AND actor = 'clerk' AND detail "
                           "LIKE '%\"approved_by\":\"admin\"%'"),
    ==, 1);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM audit_log WHERE action = "
                                          "'certificate.void'"),
                   ==, 1);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM audit_log WHERE action = "
                                          "'marriage.correct'"),
                   ==, 1);
  /* Two versions for the corrected record, one for the 2019 record, two for
   * the divorced one (the divorce wrote the second). */
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM marriages"), ==, 5);
  /* The BL reissue, after the refused BJ (R-B3) that used no number. */
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM certificate_reissues WHERE kind = "
                                          "'BL' AND "
                                          "certificate_no = 'BL110101-2024-000001'"),
                   ==, 1);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM certificate_reissues"), ==, 2);
}

static void
supervisor_body (CivApplication *app, gpointer data)
{
  Fixture       *fx = data;
  CivMainWindow *window =
    civ_ui_test_present_main (app, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &fx->main_window);
  CivRecordView         *view = open_record (app, window, fx->j_number, 2024, 7, 1);
  CivRecordActionDialog *dialog;
  AdwMessageDialog      *question;
  GtkWidget             *button;
  g_autofree char       *message = NULL;

  /* A 2024 marriage can only be annulled by a court (R-V2): not offered. */
  g_assert_true (_civ_record_view_offers (view, "court-judgment"));
  g_assert_true (_civ_record_view_offers (view, "reissue"));
  g_assert_true (_civ_record_view_offers (view, "correct"));
  g_assert_false (_civ_record_view_offers (view, "registry-annulment"));

  /* Court divorce: document number required, the date checked as typed. */
  dialog = open_dialog (app, view, "court-judgment", CIV_TYPE_COURT_JUDGMENT_DIALOG,
                        "File Court Judgment");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (field (dialog, "kind_row"))), ==, 0);
  civ_ui_test_set_text (field (dialog, "document_row"), COURT_DOCUMENT);
  civ_ui_test_set_text (field (dialog, "date_row"), "2024-6-1x");
  g_assert_false (submit_enabled (dialog));
  g_assert_true (has_message (dialog, "YYYY-MM-DD"));
  civ_ui_test_set_text (field (dialog, "date_row"), "2024-08-01");
  g_assert_false (submit_enabled (dialog));
  g_assert_true (has_message (dialog, "future"));
  civ_ui_test_set_text (field (dialog, "date_row"), "2024-06-01");
  civ_ui_test_set_text (field (dialog, "archive_row"), "档-2024-7");
  g_assert_true (submit_enabled (dialog));
  g_clear_pointer (&message, g_free);
  message = message_of (dialog);
  g_assert_null (message);
  civ_ui_test_screenshot ("court-judgment-dialog.png");
  submit (dialog);
  /* The confirmation names the new state and the persons' statuses. */
  question = wait_message_dialog (app);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question), "Dissolved by court judgment"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question), "divorced (40)"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question), COURT_DOCUMENT));
  civ_ui_test_screenshot ("court-judgment-confirm.png");
  /* Cancel changes nothing and keeps the form. */
  respond (app, "_Cancel");
  g_assert_false (no_action_dialog (app));
  submit (dialog);
  respond (app, "_File Judgment");
  civ_ui_test_wait_for (no_action_dialog (app));
  civ_ui_test_wait_for (_civ_record_view_get_n_versions (view) == 2);
  g_assert_true (view_shows (view, "Version 2: Dissolved by court judgment"));
  g_assert_true (view_shows (view, COURT_DOCUMENT));
  /* Dissolved by a court: nothing more to print or reissue (R-B3) or to judge. */
  g_assert_false (_civ_record_view_offers (view, "print-certificate"));
  g_assert_false (_civ_record_view_offers (view, "court-judgment"));
  g_assert_false (_civ_record_view_offers (view, "reissue"));
  g_assert_true (_civ_record_view_offers (view, "correct"));
  gtk_window_present (GTK_WINDOW (view));
  civ_ui_test_screenshot ("record-view-court.png");
  gtk_window_destroy (GTK_WINDOW (view));
  civ_ui_test_wait_for (civ_ui_test_find_window (app, CIV_TYPE_RECORD_VIEW) == NULL);

  /* A supervisor voids the divorce certificate's print alone: the
   * approval fields are not asked for (architecture §8). */
  view = open_record (app, window, fx->j_number_divorced, 2024, 11, 1);
  button = void_button (view, "NO.7003");
  g_assert_nonnull (button);
  civ_ui_test_click (button);
  civ_ui_test_wait_for ((dialog = CIV_RECORD_ACTION_DIALOG (
                           civ_ui_test_find_window (app, CIV_TYPE_RECORD_ACTION_DIALOG))) != NULL);
  g_assert_true (CIV_IS_VOID_PRINT_DIALOG (dialog));
  g_assert_false (gtk_widget_is_visible (field (dialog, "approver_row")));
  g_assert_false (gtk_widget_is_visible (field (dialog, "password_row")));
  g_assert_false (submit_enabled (dialog));
  civ_ui_test_set_text (field (dialog, "reason_row"), "打印错位");
  g_assert_true (submit_enabled (dialog));
  civ_ui_test_spin (300);
  civ_ui_test_screenshot ("void-dialog-supervisor.png");
  submit (dialog);
  question = wait_message_dialog (app);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question), fx->l_number));
  respond (app, "_Void Print");
  civ_ui_test_wait_for (no_action_dialog (app));
  civ_ui_test_wait_for (view_shows (view, "打印错位"));
  g_assert_null (void_button (view, "NO.7003"));
  g_assert_nonnull (void_button (view, "NO.7004"));
  gtk_window_destroy (GTK_WINDOW (view));
  civ_ui_test_wait_for (civ_ui_test_find_window (app, CIV_TYPE_RECORD_VIEW) == NULL);

  /* A 2019 marriage: the registry annulment is offered; a 2021 decision is
   * refused by the service with R-V2 and nothing is written. */
  view = open_record (app, window, fx->j_number_old, 2024, 7, 1);
  dialog = open_dialog (app, view, "registry-annulment", CIV_TYPE_REGISTRY_ANNULMENT_DIALOG,
                        "Record Registry Annulment");
  civ_ui_test_set_text (field (dialog, "document_row"), "撤字2021-1");
  civ_ui_test_set_text (field (dialog, "date_row"), "2021-03-01");
  submit (dialog);
  respond (app, "_Record Annulment");
  civ_ui_test_wait_for (!is_busy (dialog) && has_message (dialog, ""));
  message = message_of (dialog);
  g_assert_true (g_str_has_prefix (message, "R-V2"));
  g_assert_false (no_action_dialog (app));
  civ_ui_test_screenshot ("annulment-refused.png");
  g_assert_cmpuint (_civ_record_view_get_n_versions (view), ==, 1);
  civ_ui_test_set_text (field (dialog, "document_row"), "撤字2020-9");
  civ_ui_test_set_text (field (dialog, "date_row"), "2020-06-01");
  submit (dialog);
  question = wait_message_dialog (app);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question), "Annulled by the registry"));
  respond (app, "_Record Annulment");
  civ_ui_test_wait_for (no_action_dialog (app));
  civ_ui_test_wait_for (_civ_record_view_get_n_versions (view) == 2);
  g_assert_true (view_shows (view, "Version 2: Annulled by the registry"));
  g_assert_false (_civ_record_view_offers (view, "registry-annulment"));

  civ_ui_test_close_all (app);
}

static void
test_supervisor (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;

  civ_ui_test_run_app (fx->data_dir, supervisor_body, fx);

  store = civ_store_open (fx->data_dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (
    civ_test_count (store, "SELECT count(*) FROM court_judgments WHERE kind = 'divorce' AND "
                           "document_no = '" COURT_DOCUMENT "' AND effective_on = "
                           "'2024-06-01' AND archive_no = '档-2024-7' AND version = 2"),
    ==, 1);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM court_judgments WHERE kind = "
                                          "'registry-annulment' AND document_no = '撤字2020-9'"),
                   ==, 1);
  /* The refused 2021 decision wrote nothing. */
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM court_judgments"), ==, 2);
  /* The L print voided by the supervisor alone, approving it themself. */
  g_assert_cmpint (
    civ_test_count (store, "SELECT count(*) FROM certificate_prints WHERE blank_serial = "
                           "'NO.7003' AND voided_by = 'admin' AND void_reason = '打印错位' AND "
                           "void_approved_by = 'admin'"),
    ==, 1);
  g_assert_cmpint (civ_test_count (store,
                                   "SELECT count(*) FROM certificate_prints WHERE voided_at IS "
                                   "NOT NULL"),
                   ==, 1);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM audit_log WHERE action = "
                                          "'certificate.void' AND actor = 'admin' AND detail LIKE "
                                          "'%\"approved_by\":\"admin\"%'"),
                   ==, 1);
  g_assert_cmpint (civ_test_count (store,
                                   "SELECT count(*) FROM marriages WHERE superseded_by IS NULL AND "
                                   "state IN ('DISSOLVED_COURT', 'ANNULLED_REGISTRY')"),
                   ==, 2);
  /* Both persons of the court divorce are divorced (40); those of the
   * annulled 2019 marriage are back to their status before it. */
  g_assert_cmpint (civ_test_count (store,
                                   "SELECT count(*) FROM persons p JOIN marriage_parties mp ON "
                                   "mp.person_id = p.id JOIN marriages m ON m.id = mp.marriage_id "
                                   "WHERE m.superseded_by IS NULL AND m.state = 'DISSOLVED_COURT' "
                                   "AND p.marital_status = 40 AND p.current_marriage IS NULL"),
                   ==, 2);
  g_assert_cmpint (
    civ_test_count (store, "SELECT count(*) FROM persons p JOIN marriage_parties mp ON "
                           "mp.person_id = p.id JOIN marriages m ON m.id = mp.marriage_id "
                           "WHERE m.superseded_by IS NULL AND m.state = 'ANNULLED_REGISTRY' "
                           "AND p.marital_status = mp.status_before "
                           "AND p.current_marriage IS NULL"),
    ==, 2);
}

int
main (int argc, char **argv)
{
  civ_ui_test_init (&argc, &argv);
  g_test_add ("/ui/record-actions/registrar", Fixture, NULL, fixture_set_up, test_registrar,
              fixture_tear_down);
  g_test_add ("/ui/record-actions/supervisor", Fixture, NULL, fixture_set_up, test_supervisor,
              fixture_tear_down);
  return g_test_run ();
}
