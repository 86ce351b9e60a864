// SPDX-License-Identifier: GPL-3.0-or-later
/* test-ui-registry.c — the registrar's screens with a real office under Xvfb:
 * register a couple through the marriage page and print the certificate to
 * PDF on two blanks, one serial per copy (R-N3); refuse an underage couple with R-M2 in the checks panel and print the
 * refusal notice; run a divorce through cooling-off to issuance with a fake
 * clock, with the due-today list and the automatic lapse; and the printer
 * offset moving the certificate's fields.
 *
 * With CIVREG_SCREENSHOT_DIR set, screenshots of the root window
 * (`import -window root`) and PNG pages of the printed PDFs are saved there. */
#include "civ-ui-test-utils.h"

#include <glib/gstdio.h>
#include <string.h>

#include "civ-blank-dialog.h"
#include "civ-citations.h"
#include "civ-divorce-page.h"
#include "civ-idnumber.h"
#include "civ-marriage-page.h"
#include "civ-marriage-service.h"
#include "civ-overview-page-private.h"
#include "civ-party-panel.h"
#include "civ-print.h"
#include "civ-record-query.h"
#include "civ-refdata.h"
#include "civ-test-utils.h"
#include "civ-marriage-page-private.h"
#include "civ-divorce-page-private.h"
#include "civ-blank-dialog-private.h"

#define CLERK "clerk"
#define CLERK_PW "Clerk-password"
#define CERTIFICATE_RE "^J110101-\\d{4}-\\d{6}$"

typedef struct
{
  char          *data_dir;
  char          *out_dir;
  CivMainWindow *main_window;
  char          *j_number[2]; /* marriages registered before the divorce test */
  char          *pdf_text;
  char          *record_id;
} Fixture;

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  g_autoptr (CivStore) store = civ_test_new_office (&fx->data_dir, NULL);

  civ_test_add_operator (store, CLERK, "李登记", CIV_ROLE_REGISTRAR, CLERK_PW);
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
  g_free (fx->j_number[0]);
  g_free (fx->j_number[1]);
  g_free (fx->pdf_text);
  g_free (fx->record_id);
}

static CivMainWindow *
log_in (Fixture *fx, CivApplication *app)
{
  return civ_ui_test_present_main (app, CLERK, CLERK_PW, &fx->main_window);
}

static CivMarriagePage *
open_marriage_page (CivMainWindow *window)
{
  _civ_main_window_show_page (window, "marriage");
  return CIV_MARRIAGE_PAGE (_civ_main_window_get_page (window, "marriage"));
}

/* A finding row of the checks panel for @rule: titled in plain words (the
 * rule's summary), never with the bare rule id. */
static gboolean
checks_panel_shows (CivMarriagePage *page, const char *rule)
{
  GtkWidget *group = civ_ui_test_child (page, CIV_TYPE_MARRIAGE_PAGE, "checks_group");
  GtkWidget *stack[64];
  int        top = 0;

  stack[top++] = group;
  while (top > 0)
    {
      GtkWidget *w = stack[--top];

      if (ADW_IS_ACTION_ROW (w) && gtk_widget_get_visible (w) &&
          g_strcmp0 (g_object_get_data (G_OBJECT (w), "civ-rule"), rule) == 0)
        {
          const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w));
          const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (w));

          g_assert_null (strstr (title, "R-"));
          g_assert_cmpstr (title, ==, civ_rule_summary (rule));
          /* The law, then the rule id for support (dim). */
          g_assert_nonnull (strstr (subtitle, civ_citation_for_rule (rule)));
          g_assert_nonnull (strstr (subtitle, rule));
          return TRUE;
        }
      for (GtkWidget *c = gtk_widget_get_first_child (w); c && top < 64;
           c = gtk_widget_get_next_sibling (c))
        stack[top++] = c;
    }
  return FALSE;
}

/* The first row of the overview's "due today" list. */
static GtkWidget *
first_due_row (CivOverviewPage *overview)
{
  GtkWidget *stack[64];
  int        top = 0;

  stack[top++] = civ_ui_test_child (overview, CIV_TYPE_OVERVIEW_PAGE, "due_group");
  while (top > 0)
    {
      GtkWidget *w = stack[--top];

      if (ADW_IS_ACTION_ROW (w) && g_object_get_data (G_OBJECT (w), "certificate-no") != NULL)
        return w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c && top < 64;
           c = gtk_widget_get_next_sibling (c))
        stack[top++] = c;
    }
  return NULL;
}

static GtkWidget *
message_dialog_button (CivApplication *app, const char *label)
{
  GtkWindow *dialog = NULL;

  civ_ui_test_wait_for ((dialog = civ_ui_test_find_window (app, ADW_TYPE_MESSAGE_DIALOG)) != NULL);
  return civ_ui_test_find_button (GTK_WIDGET (dialog), label);
}

static void
register_body (CivApplication *app, gpointer data)
{
  Fixture         *fx = data;
  CivMainWindow   *window = log_in (fx, app);
  CivMarriagePage *page = open_marriage_page (window);
  GType            mt = CIV_TYPE_MARRIAGE_PAGE;
  CivPartyPanel   *a = civ_ui_test_child (page, mt, "party_a");
  CivPartyPanel   *b = civ_ui_test_child (page, mt, "party_b");
  GtkWidget       *register_button = civ_ui_test_child (page, mt, "register_button");
  GtkWidget       *refuse_button = civ_ui_test_child (page, mt, "refuse_button");
  g_autofree char *his = civ_test_make_id ("110101", "19950307", 11);
  g_autofree char *hers = civ_test_make_id ("110102", "19970801", 12);
  g_autofree char *pdf = g_build_filename (fx->out_dir, "certificate.pdf", NULL);
  GDate            today;
  GtkWidget       *button;
  CivBlankDialog  *blank = NULL;
  AdwEntryRow     *rows[2];

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 20, G_DATE_MAY, 2026);
  _civ_main_window_set_today (window, &today);
  g_assert_cmpstr (gtk_editable_get_text (civ_ui_test_child (page, mt, "date_row")), ==,
                   "2026-05-20");

  /* Live validation: birth date and sex come from the number. */
  civ_ui_test_fill_party (a, "张伟", his);
  g_assert_cmpstr (gtk_label_get_label (civ_ui_test_child (a, CIV_TYPE_PARTY_PANEL, "birth_label")),
                   ==, "1995-03-07");
  g_assert_cmpstr (gtk_label_get_label (civ_ui_test_child (a, CIV_TYPE_PARTY_PANEL, "sex_label")),
                   ==, "Male");
  /* A wrong check character is shown at once (R-ID2). */
  civ_ui_test_set_text (civ_ui_test_child (b, CIV_TYPE_PARTY_PANEL, "number_row"),
                        "110102199708010120");
  g_assert_true (
    gtk_widget_get_visible (civ_ui_test_child (b, CIV_TYPE_PARTY_PANEL, "message_label")));
  civ_ui_test_fill_party (b, "李娜", hers);
  g_assert_false (
    gtk_widget_get_visible (civ_ui_test_child (b, CIV_TYPE_PARTY_PANEL, "message_label")));
  g_assert_cmpstr (gtk_label_get_label (civ_ui_test_child (b, CIV_TYPE_PARTY_PANEL, "sex_label")),
                   ==, "Female");
  civ_ui_test_set_text (civ_ui_test_child (page, mt, "remarks_row"), "双方自愿");

  /* Nothing may be written until the checks have run on the worker. */
  g_assert_false (gtk_widget_get_sensitive (register_button));
  civ_ui_test_wait_for (_civ_marriage_page_get_findings (page) != NULL);
  g_assert_true (civ_marriage_may_register (_civ_marriage_page_get_findings (page)));
  g_assert_true (gtk_widget_get_sensitive (register_button));
  g_assert_false (gtk_widget_get_sensitive (refuse_button));
  g_assert_true (checks_panel_shows (page, "R-M7"));
  civ_ui_test_screenshot ("marriage-ready.png");

  civ_ui_test_click (register_button);
  civ_ui_test_wait_for (_civ_marriage_page_get_certificate_no (page) != NULL);
  g_assert_true (
    g_regex_match_simple (CERTIFICATE_RE, _civ_marriage_page_get_certificate_no (page), 0, 0));
  g_assert_true (g_str_has_prefix (_civ_marriage_page_get_certificate_no (page), "J110101-2026-"));
  g_assert_true (gtk_widget_get_visible (civ_ui_test_child (page, mt, "result_group")));
  g_assert_false (gtk_widget_get_sensitive (civ_ui_test_child (page, mt, "form_box")));
  fx->j_number[0] = g_strdup (_civ_marriage_page_get_certificate_no (page));
  /* Registered: the "may be registered" line is gone. */
  g_assert_false (gtk_widget_get_visible (civ_ui_test_child (page, mt, "verdict_row")));
  fx->record_id = g_strdup (_civ_marriage_page_get_record_id (page));
  civ_ui_test_screenshot ("marriage-registered.png");

  /* Print the certificate (to PDF instead of the dialog): first the serial
   * of each copy's blank, labelled with its holder (R-N3). */
  _civ_marriage_page_set_export_filename (page, pdf);
  civ_ui_test_click (civ_ui_test_child (page, mt, "print_certificate_button"));
  civ_ui_test_wait_for (
    (blank = (CivBlankDialog *) civ_ui_test_find_window (app, CIV_TYPE_BLANK_DIALOG)) != NULL);
  rows[0] = _civ_blank_dialog_get_row (blank, 0);
  rows[1] = _civ_blank_dialog_get_row (blank, 1);
  button = GTK_WIDGET (_civ_blank_dialog_get_print_button (blank));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (rows[0])), ==,
                   "Copy _1 — holder 张伟");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (rows[1])), ==,
                   "Copy _2 — holder 李娜");
  g_assert_false (gtk_widget_get_sensitive (button));
  civ_ui_test_wait_for (
    gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (blank)), GTK_WIDGET (rows[0])));
  /* Keyboard: Enter in the first serial moves to the second… */
  civ_ui_test_set_text (rows[0], " NO.00731 ");
  g_assert_false (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (rows[0], "entry-activated");
  g_assert_true (
    gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (blank)), GTK_WIDGET (rows[1])));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  /* …which must name another blank. */
  civ_ui_test_set_text (rows[1], "NO.00731");
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_nonnull (strstr (_civ_blank_dialog_get_message (blank), "R-N3"));
  civ_ui_test_set_text (rows[1], "NO.00732");
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_null (_civ_blank_dialog_get_message (blank));
  civ_ui_test_screenshot ("blank-dialog.png");
  /* …and Enter there prints. */
  g_signal_emit_by_name (rows[1], "entry-activated");
  civ_ui_test_wait_for (g_file_test (pdf, G_FILE_TEST_EXISTS));
  civ_ui_test_wait_for (civ_ui_test_find_window (app, CIV_TYPE_BLANK_DIALOG) == NULL);
  civ_ui_test_drain_worker (_civ_application_get_worker (app));
  fx->pdf_text = civ_test_pdf_text (pdf, FALSE, 0);
  g_assert_cmpint (civ_test_pdf_pages (pdf), ==, 2);
  civ_test_pdf_screenshot (pdf, "certificate-page1", 110);

  /* A new registration starts from an empty form. */
  civ_ui_test_click (civ_ui_test_child (page, mt, "new_button"));
  g_assert_false (gtk_widget_get_visible (civ_ui_test_child (page, mt, "result_group")));
  g_assert_cmpstr (gtk_editable_get_text (civ_ui_test_child (a, CIV_TYPE_PARTY_PANEL, "name_row")),
                   ==, "");
  g_assert_null (_civ_marriage_page_get_certificate_no (page));

  civ_ui_test_close_all (app);
}

static void
test_register (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (CivMarriageRecord) record = NULL;
  const CivMarriageVersion *v;

  civ_ui_test_run_app (fx->data_dir, register_body, fx);
  g_test_message ("certificate text:\n%s", fx->pdf_text);

  /* The certificate shows the names, the 字号, the ID numbers and the office (R-N3). */
  g_assert_nonnull (strstr (fx->pdf_text, "张伟"));
  g_assert_nonnull (strstr (fx->pdf_text, "李娜"));
  g_assert_nonnull (strstr (fx->pdf_text, fx->j_number[0]));
  g_assert_nonnull (strstr (fx->pdf_text, "北京市东城区婚姻登记处"));
  g_assert_nonnull (strstr (fx->pdf_text, "李登记"));
  g_assert_nonnull (strstr (fx->pdf_text, "双方自愿"));
  /* 国籍 by name, not by its code (the record keeps the code). */
  g_assert_nonnull (strstr (fx->pdf_text, "中国"));
  g_assert_null (strstr (fx->pdf_text, "CHN"));

  /* What the page registered is in the office. */
  store = civ_store_open (fx->data_dir, CLERK, CLERK_PW, &error);
  g_assert_no_error (error);
  record = civ_record_query_marriage (store, fx->j_number[0], &error);
  g_assert_no_error (error);
  g_assert_nonnull (record);
  g_assert_cmpstr (record->record_id, ==, fx->record_id);
  v = civ_marriage_record_current (record);
  g_assert_cmpstr (v->state, ==, "REGISTERED");
  g_assert_cmpstr (v->registration_date, ==, "2026-05-20");
  g_assert_cmpstr (v->registrar, ==, CLERK);
  g_assert_cmpstr (v->party[0].name, ==, "张伟");
  g_assert_cmpstr (v->party[0].birth_date, ==, "1995-03-07");
  g_assert_cmpint (v->party[1].sex, ==, CIV_SEX_FEMALE);
  g_assert_cmpstr (v->party[1].ethnicity, ==, "汉族");
  g_assert_cmpstr (v->party[0].nationality, ==, "CHN");
  /* The print is recorded with both blanks' serials, trimmed, in copy order. */
  g_assert_cmpuint (record->prints->len, ==, 2);
  g_assert_cmpstr (((CivCertificatePrint *) g_ptr_array_index (record->prints, 0))->blank_serial,
                   ==, "NO.00731");
  g_assert_cmpstr (((CivCertificatePrint *) g_ptr_array_index (record->prints, 1))->blank_serial,
                   ==, "NO.00732");
  g_assert_cmpint (civ_test_count (store,
                                   "SELECT count(*) FROM certificate_prints WHERE blank_serial IN "
                                   "('NO.00731', 'NO.00732')"),
                   ==, 2);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM audit_log WHERE action = "
                                          "'certificate.print'"),
                   ==, 2);
}

static void
refuse_body (CivApplication *app, gpointer data)
{
  Fixture         *fx = data;
  CivMainWindow   *window = log_in (fx, app);
  CivMarriagePage *page = open_marriage_page (window);
  GType            mt = CIV_TYPE_MARRIAGE_PAGE;
  g_autofree char *his = civ_test_make_id ("110101", "20060101", 21); /* 20 on the day: under 22 */
  g_autofree char *hers = civ_test_make_id ("110102", "20000101", 22);
  g_autofree char *pdf = g_build_filename (fx->out_dir, "notice.pdf", NULL);
  GtkWidget       *button;
  GDate            today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 20, G_DATE_MAY, 2026);
  _civ_main_window_set_today (window, &today);
  civ_ui_test_fill_party (civ_ui_test_child (page, mt, "party_a"), "赵小军", his);
  civ_ui_test_fill_party (civ_ui_test_child (page, mt, "party_b"), "钱小红", hers);
  gtk_widget_activate_action (GTK_WIDGET (page), "marriage.check", NULL);
  civ_ui_test_wait_for (_civ_marriage_page_get_findings (page) != NULL);

  /* R-M2 refuses, and the checks panel says so in words, with the law. */
  g_assert_true (
    civ_findings_has (_civ_marriage_page_get_findings (page), "R-M2", CIV_SEVERITY_REFUSE));
  g_assert_true (checks_panel_shows (page, "R-M2"));
  g_assert_false (gtk_widget_get_sensitive (civ_ui_test_child (page, mt, "register_button")));
  g_assert_true (gtk_widget_get_sensitive (civ_ui_test_child (page, mt, "refuse_button")));
  {
    GtkAdjustment *adj =
      gtk_scrolled_window_get_vadjustment (civ_ui_test_child (page, mt, "scroller"));
    civ_ui_test_spin (200);
    gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
  }
  civ_ui_test_screenshot ("marriage-refusal-findings.png");

  civ_ui_test_click (civ_ui_test_child (page, mt, "refuse_button"));
  button = message_dialog_button (app, "_Refuse");
  g_assert_nonnull (button);
  civ_ui_test_click (button);
  civ_ui_test_wait_for (_civ_marriage_page_get_record_id (page) != NULL);
  g_assert_null (_civ_marriage_page_get_certificate_no (page));
  g_assert_true (gtk_widget_get_visible (civ_ui_test_child (page, mt, "print_notice_button")));
  g_assert_false (
    gtk_widget_get_visible (civ_ui_test_child (page, mt, "print_certificate_button")));
  fx->record_id = g_strdup (_civ_marriage_page_get_record_id (page));

  /* The refusal notice lists the reasons with the law each applies. */
  _civ_marriage_page_set_export_filename (page, pdf);
  civ_ui_test_click (civ_ui_test_child (page, mt, "print_notice_button"));
  civ_ui_test_wait_for (g_file_test (pdf, G_FILE_TEST_EXISTS));
  fx->pdf_text = civ_test_pdf_text (pdf, FALSE, 0);
  civ_test_pdf_screenshot (pdf, "refusal-notice-page1", 110);

  /* Locking drops the form and its findings. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "lock", NULL);
  g_assert_null (_civ_marriage_page_get_record_id (page));
  g_assert_null (_civ_marriage_page_get_findings (page));
  g_assert_cmpstr (gtk_editable_get_text (
                     civ_ui_test_child (civ_ui_test_child (page, mt, "party_a"),
                                        CIV_TYPE_PARTY_PANEL, "name_row")),
                   ==, "");

  civ_ui_test_close_all (app);
}

static void
test_refuse_underage (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (CivMarriageRecord) record = NULL;
  const CivMarriageVersion *v;

  civ_ui_test_run_app (fx->data_dir, refuse_body, fx);

  /* The notice cites the law for the reason, never the bare rule id. */
  g_assert_null (strstr (fx->pdf_text, "R-M2"));
  g_assert_nonnull (strstr (fx->pdf_text, "第一千零四十七条"));
  g_assert_nonnull (strstr (fx->pdf_text, "赵小军"));
  g_assert_nonnull (strstr (fx->pdf_text, "钱小红"));
  /* Names and the date identify the couple; no UUID on paper. */
  g_assert_null (strstr (fx->pdf_text, fx->record_id));

  store = civ_store_open (fx->data_dir, CLERK, CLERK_PW, &error);
  g_assert_no_error (error);
  record = civ_record_query_marriage (store, fx->record_id, &error);
  g_assert_no_error (error);
  v = civ_marriage_record_current (record);
  g_assert_cmpstr (v->state, ==, "REFUSED");
  g_assert_null (v->certificate_no);
  g_assert_true (civ_findings_has (v->findings, "R-M2", CIV_SEVERITY_REFUSE));
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM certificates"), ==, 0);
}

/* Two couples married in 2024 and the 2024 holiday table imported. */
static void
divorce_set_up (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autofree char *holidays = NULL;
  const char      *files[2] = { NULL, NULL };

  fixture_set_up (fx, data);
  store = civ_store_open (fx->data_dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);
  g_assert_no_error (error);
  holidays =
    g_test_build_filename (G_TEST_DIST, "fixtures", "holidays", "2024-national-day.json", NULL);
  files[0] = holidays;
  g_assert_true (civ_refdata_import (store, CIV_REFDATA_HOLIDAYS, files, NULL, &error));
  g_assert_no_error (error);
  for (guint n = 0; n < 2; n++)
    {
      g_autofree char *his = civ_test_make_id ("110101", "19900101", 31 + 2 * n);
      g_autofree char *hers = civ_test_make_id ("110101", "19920202", 32 + 2 * n);
      g_autoptr (CivMarriageResult) r = NULL;
      CivMarriageInput in;

      civ_marriage_input_init (&in);
      g_date_set_dmy (&in.registration_date, 10, G_DATE_JANUARY, 2024);
      in.household_jurisdiction = TRUE;
      civ_test_marriage_parties_ready (&in);
      in.party[0].name = n == 0 ? "王强" : "周杰";
      in.party[0].doc_number = his;
      in.party[1].name = n == 0 ? "赵敏" : "吴芳";
      in.party[1].doc_number = hers;
      r = civ_marriage_register (store, &in, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (r->registered);
      fx->j_number[n] = g_strdup (r->certificate_no);
    }
}

static void
set_day (CivMainWindow *window, int y, int m, int d)
{
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  _civ_main_window_set_today (window, &today);
}

static void
accept (CivDivorcePage *page, const char *certificate)
{
  GType dt = CIV_TYPE_DIVORCE_PAGE;

  civ_ui_test_set_text (civ_ui_test_child (page, dt, "find_row"), certificate);
  civ_ui_test_click (civ_ui_test_child (page, dt, "find_button"));
  civ_ui_test_wait_for (!_civ_divorce_page_is_busy (page));
  g_assert_true (gtk_widget_get_visible (civ_ui_test_child (page, dt, "apply_group")));
  gtk_switch_set_active (civ_ui_test_child (page, dt, "present_switch"), TRUE);
  gtk_switch_set_active (civ_ui_test_child (page, dt, "agreement_switch"), TRUE);
  civ_ui_test_set_text (civ_ui_test_child (page, dt, "agreement_row"), "协议-2024-17");
  gtk_switch_set_active (civ_ui_test_child (page, dt, "capable_switch"), TRUE);
  gtk_switch_set_active (civ_ui_test_child (page, dt, "certificates_switch"), TRUE);
  civ_ui_test_click (civ_ui_test_child (page, dt, "accept_button"));
  civ_ui_test_wait_for (!_civ_divorce_page_is_busy (page));
  g_assert_cmpstr (_civ_divorce_page_get_state (page), ==, "COOLING");
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

static const char *
label (CivDivorcePage *page, const char *id)
{
  return gtk_label_get_label (civ_ui_test_child (page, CIV_TYPE_DIVORCE_PAGE, id));
}

static void
divorce_body (CivApplication *app, gpointer data)
{
  Fixture         *fx = data;
  CivMainWindow   *window = log_in (fx, app);
  CivDivorcePage  *page = CIV_DIVORCE_PAGE (_civ_main_window_get_page (window, "divorce"));
  CivOverviewPage *overview = CIV_OVERVIEW_PAGE (_civ_main_window_get_page (window, "overview"));
  GType            dt = CIV_TYPE_DIVORCE_PAGE;

  /* Not accepted without an agreement (R-D3): the reasons are listed. */
  set_day (window, 2024, 9, 1);
  _civ_main_window_show_page (window, "divorce");
  civ_ui_test_set_text (civ_ui_test_child (page, dt, "find_row"), fx->j_number[0]);
  civ_ui_test_click (civ_ui_test_child (page, dt, "find_button"));
  civ_ui_test_wait_for (!_civ_divorce_page_is_busy (page));
  gtk_switch_set_active (civ_ui_test_child (page, dt, "present_switch"), TRUE);
  civ_ui_test_click (civ_ui_test_child (page, dt, "accept_button"));
  civ_ui_test_wait_for (!_civ_divorce_page_is_busy (page));
  g_assert_cmpstr (_civ_divorce_page_get_state (page), ==, "NOT_ACCEPTED");
  g_assert_true (gtk_widget_get_visible (civ_ui_test_child (page, dt, "reasons_group")));
  g_assert_true (gtk_widget_get_visible (civ_ui_test_child (page, dt, "apply_group")));

  /* Accepted on Monday 2024-09-02: the worked example of domain.md §2.2. */
  set_day (window, 2024, 9, 2);
  accept (page, fx->j_number[0]);
  g_assert_cmpstr (label (page, "t0_label"), ==, "2024-09-02");
  g_assert_cmpstr (label (page, "cooling_label"), ==, "2024-10-08");
  g_assert_cmpstr (label (page, "window_start_label"), ==, "2024-10-09");
  g_assert_cmpstr (label (page, "window_end_label"), ==, "2024-11-07");
  g_assert_cmpstr (label (page, "lapse_label"), ==, "2024-11-08");
  g_assert_true (gtk_widget_get_visible (civ_ui_test_child (page, dt, "withdraw_group")));
  g_assert_false (gtk_widget_get_visible (civ_ui_test_child (page, dt, "issue_group")));
  civ_ui_test_screenshot ("divorce-timeline-cooling.png");
  /* The second couple applies the same day; nobody comes back for them. */
  accept (page, fx->j_number[1]);

  /* Day 30 of the cooling-off: both are due today on the overview. */
  set_day (window, 2024, 10, 8);
  _civ_main_window_show_page (window, "overview");
  civ_ui_test_wait_for (_civ_overview_page_get_n_due (overview) == 2);
  /* Choosing one looks it up on the divorce page ("win.show-divorce"). */
  {
    GtkWidget  *row = first_due_row (overview);
    const char *number;

    g_assert_nonnull (row);
    number = g_object_get_data (G_OBJECT (row), "certificate-no");
    g_assert_true (g_strcmp0 (number, fx->j_number[0]) == 0 ||
                   g_strcmp0 (number, fx->j_number[1]) == 0);
    g_signal_emit_by_name (row, "activated");
    g_assert_true (_civ_main_window_get_page (window, "divorce") ==
                   adw_view_stack_get_visible_child (
                     civ_ui_test_child (window, CIV_TYPE_MAIN_WINDOW, "view_stack")));
    civ_ui_test_wait_for (!_civ_divorce_page_is_busy (page));
    g_assert_cmpstr (gtk_editable_get_text (civ_ui_test_child (page, dt, "find_row")), ==, number);
    g_assert_cmpstr (_civ_divorce_page_get_state (page), ==, "COOLING");
    g_assert_true (gtk_widget_get_visible (civ_ui_test_child (page, dt, "withdraw_group")));
  }

  /* In the window: the certificate is issued with an L number (R-D7). */
  set_day (window, 2024, 10, 9);
  _civ_main_window_show_page (window, "divorce");
  civ_divorce_page_find (page, fx->j_number[0]);
  civ_ui_test_wait_for (!_civ_divorce_page_is_busy (page));
  g_assert_false (gtk_widget_get_visible (civ_ui_test_child (page, dt, "withdraw_group")));
  g_assert_true (gtk_widget_get_visible (civ_ui_test_child (page, dt, "issue_group")));
  gtk_switch_set_active (civ_ui_test_child (page, dt, "both_switch"), TRUE);
  gtk_switch_set_active (civ_ui_test_child (page, dt, "consent_switch"), TRUE);
  civ_ui_test_click (civ_ui_test_child (page, dt, "issue_button"));
  confirm_issue (app);
  civ_ui_test_wait_for (!_civ_divorce_page_is_busy (page));
  g_assert_cmpstr (_civ_divorce_page_get_state (page), ==, "REGISTERED");
  g_assert_true (g_regex_match_simple ("^L110101-2024-\\d{6}$",
                                       _civ_divorce_page_get_certificate_no (page), 0, 0));
  g_assert_false (gtk_widget_get_visible (civ_ui_test_child (page, dt, "issue_group")));
  civ_ui_test_screenshot ("divorce-timeline-issued.png");

  /* The window of the second closes: it is due, then lapses the day after. */
  set_day (window, 2024, 11, 7);
  _civ_main_window_show_page (window, "overview");
  civ_ui_test_wait_for (_civ_overview_page_get_n_due (overview) == 1);
  set_day (window, 2024, 11, 8);
  civ_ui_test_drain_worker (_civ_application_get_worker (app));
  _civ_main_window_show_page (window, "divorce");
  civ_divorce_page_find (page, fx->j_number[1]);
  civ_ui_test_wait_for (!_civ_divorce_page_is_busy (page));
  g_assert_cmpstr (_civ_divorce_page_get_state (page), ==, "LAPSED");

  civ_ui_test_close_all (app);
}

static void
test_divorce (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;

  civ_ui_test_run_app (fx->data_dir, divorce_body, fx);

  store = civ_store_open (fx->data_dir, CLERK, CLERK_PW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (civ_test_count (store,
                                   "SELECT count(*) FROM divorces WHERE state = 'REGISTERED' AND "
                                   "certificate_no LIKE 'L110101-2024-%'"),
                   ==, 1);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM divorces WHERE state = 'LAPSED'"),
                   ==, 1);
  g_assert_cmpint (civ_test_count (store,
                                   "SELECT count(*) FROM divorces WHERE state = 'NOT_ACCEPTED'"),
                   ==, 1);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM persons WHERE marital_status = 40"),
                   ==, 2);
  g_assert_cmpint (civ_test_count (store,
                                   "SELECT count(*) FROM audit_log WHERE action = 'divorce.lapse'"),
                   ==, 1);
}

static void
test_print_offsets (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (GSettings) settings = civ_print_load_settings ();
  g_autofree char *plain = g_build_filename (fx->out_dir, "plain.pdf", NULL);
  g_autofree char *shifted = g_build_filename (fx->out_dir, "shifted.pdf", NULL);
  g_autofree char *extract = g_build_filename (fx->out_dir, "extract.pdf", NULL);
  g_autofree char *plain_box = NULL;
  g_autofree char *shifted_box = NULL;
  g_autofree char *extract_text = NULL;
  double           x, y;

  g_assert_nonnull (settings);
  divorce_set_up (fx, data);
  store = civ_store_open (fx->data_dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);
  g_assert_no_error (error);

  /* Offsets are kept per printer; the empty name is PDF export. */
  civ_print_set_offset (settings, "Counter-1", 1.5, -2);
  civ_print_get_offset (settings, "Counter-1", &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 1.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, -2, 1e-9);
  civ_print_get_offset (settings, "", &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 0, 1e-9);

  {
    g_autoptr (GtkPrintOperation) op =
      civ_print_operation_new (CIV_PRINT_CERTIFICATE,
                               civ_record_query_marriage (store, fx->j_number[0], NULL), settings);
    g_assert_true (civ_print_export_pdf (op, plain, &error));
    g_assert_no_error (error);
  }
  civ_print_set_offset (settings, "", 10, 5);
  {
    g_autoptr (GtkPrintOperation) op =
      civ_print_operation_new (CIV_PRINT_CERTIFICATE,
                               civ_record_query_marriage (store, fx->j_number[0], NULL), settings);
    g_assert_true (civ_print_export_pdf (op, shifted, &error));
    g_assert_no_error (error);
  }
  g_settings_reset (settings, "certificate-offsets");
  if (g_getenv ("CIVREG_SCREENSHOT_DIR"))
    civ_test_pdf_screenshot (shifted, "certificate-shifted", 110);

  /* 10 mm right and 5 mm down is 28.35 pt and 14.17 pt, for every field. */
  plain_box = civ_test_pdf_text (plain, TRUE, 0);
  shifted_box = civ_test_pdf_text (shifted, TRUE, 0);
  g_assert_cmpfloat_with_epsilon (civ_test_bbox_word_x (shifted_box, "王强") -
                                    civ_test_bbox_word_x (plain_box, "王强"),
                                  10 * 72 / 25.4, 0.5);
  g_assert_cmpfloat_with_epsilon (civ_test_bbox_word_y (shifted_box, "王强") -
                                    civ_test_bbox_word_y (plain_box, "王强"),
                                  5 * 72 / 25.4, 0.5);
  g_assert_cmpfloat_with_epsilon (civ_test_bbox_word_x (shifted_box, fx->j_number[0]) -
                                    civ_test_bbox_word_x (plain_box, fx->j_number[0]),
                                  10 * 72 / 25.4, 0.5);
  /* The spouse's field stays right of the holder's: the layout has both columns. */
  g_assert_cmpfloat (civ_test_bbox_word_x (plain_box, "赵敏"), >,
                     civ_test_bbox_word_x (plain_box, fx->j_number[0]));

  /* The record extract names both parties and the state. */
  {
    g_autoptr (GtkPrintOperation) op =
      civ_print_operation_new (CIV_PRINT_EXTRACT,
                               civ_record_query_marriage (store, fx->j_number[0], NULL), settings);
    g_assert_true (civ_print_export_pdf (op, extract, &error));
    g_assert_no_error (error);
  }
  extract_text = civ_test_pdf_text (extract, FALSE, 0);
  g_assert_nonnull (strstr (extract_text, "Marriage Record Extract"));
  g_assert_nonnull (strstr (extract_text, fx->j_number[0]));
  g_assert_nonnull (strstr (extract_text, "王强"));
  g_assert_nonnull (strstr (extract_text, "赵敏"));
  /* R-M7's finding in words (its rule is a field, not part of the text). */
  g_assert_nonnull (strstr (extract_text, "provincial marital-status check"));
  civ_test_pdf_screenshot (extract, "extract-page1", 110);
}

int
main (int argc, char *argv[])
{
  civ_ui_test_init (&argc, &argv);

  g_test_add ("/ui/registry/register-and-print", Fixture, NULL, fixture_set_up, test_register,
              fixture_tear_down);
  g_test_add ("/ui/registry/refuse-underage", Fixture, NULL, fixture_set_up, test_refuse_underage,
              fixture_tear_down);
  g_test_add ("/ui/registry/divorce-cooling-off", Fixture, NULL, divorce_set_up, test_divorce,
              fixture_tear_down);
  g_test_add ("/ui/registry/print-offsets", Fixture, NULL, fixture_set_up, test_print_offsets,
              fixture_tear_down);
  return g_test_run ();
}
