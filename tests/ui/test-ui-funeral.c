// SPDX-License-Identifier: GPL-3.0-or-later
/* test-ui-funeral.c — the funeral page with a real office under Xvfb and a
 * fake clock (domain.md §4, issue 16):
 *
 *   /ui/funeral/walk     a funeral clerk reports a death (a mistyped ID
 *                        refused live, R-F6), finds it due on the overview
 *                        and opens it from there, collects the body, stores it,
 *                        bills the services of the area's fee list, verifies
 *                        the death certificate (R-F2, R-F5), cremates with
 *                        the next blank in stock (R-F13), assesses the
 *                        惠民殡葬 waiver (R-F8), issues the receipt and
 *                        prints the cremation certificate to PDF, and hands
 *                        the ashes to the family; the day board and finding
 *                        the case by the agent's phone.
 *   /ui/funeral/no-page  a registrar without the funeral permission has no
 *                        funeral page.
 *
 * With CIVREG_SCREENSHOT_DIR set, screenshots of each screen are saved
 * there. */
#include "civ-ui-test-utils.h"

#include <string.h>

#include <glib/gi18n.h>

#include <glib/gstdio.h>

#include "civ-cremation-stock.h"
#include "civ-document-preview.h"
#include "civ-funeral-money.h"
#include "civ-funeral-page-private.h"
#include "civ-main-window-private.h"
#include "civ-overview-page-private.h"
#include "civ-print-funeral-private.h"
#include "civ-test-utils.h"

#define FUNERAL "binzang"
#define FUNERAL_PW "Funeral-password-1"
#define CLERK "clerk"
#define CLERK_PW "Clerk-password"

typedef struct
{
  char          *data_dir;
  char          *out_dir;
  CivMainWindow *main_window;
  char          *id;
} Fixture;

static const char fees[] =
  "{\"area\": \"110100\", \"name\": \"北京市基本殡葬服务收费目录\", \"items\": ["
  "{\"code\": \"JY01\", \"name\": \"遗体接运\", \"unit\": \"body\","
  " \"prices\": [{\"price_fen\": 30000, \"from\": \"2026-01-01\"}]},"
  "{\"code\": \"ZC01\", \"name\": \"遗体冷藏\", \"unit\": \"day\","
  " \"prices\": [{\"price_fen\": 5000, \"from\": \"2026-01-01\"}]},"
  "{\"code\": \"HH01\", \"name\": \"火化\", \"unit\": \"body\","
  " \"prices\": [{\"price_fen\": 65000, \"from\": \"2026-01-01\"}]},"
  "{\"code\": \"GG01\", \"name\": \"骨灰盒\", \"unit\": \"piece\","
  " \"prices\": [{\"price_fen\": 80000, \"from\": \"2026-01-01\"}]}]}";

static const char policy[] =
  "{\"area\": \"110100\", \"version\": \"京民〔2026〕2号\", \"effective_from\": \"2026-01-01\","
  " \"groups\": [\"dibao\", \"tekun\", \"sanwu\", \"unidentified\", \"youfu\"],"
  " \"cap_per_body_fen\": 100000, \"items\": ["
  "{\"item\": \"JY01\", \"basic\": \"collection\", \"cap_fen\": 40000},"
  "{\"item\": \"ZC01\", \"basic\": \"storage\", \"cap_fen\": 4000, \"max_units\": 3},"
  "{\"item\": \"HH01\", \"basic\": \"cremation\", \"cap_fen\": 60000}]}";

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&fx->data_dir, NULL);
  g_autoptr (CivFuneralMoneyFile) list = NULL;
  g_autoptr (CivFuneralMoneyFile) waiver = NULL;
  g_autoptr (CivCremationBatch) batch = NULL;
  GDate day;

  civ_test_add_operator (store, FUNERAL, "刘洋", CIV_ROLE_FUNERAL_CLERK, FUNERAL_PW);
  civ_test_add_operator (store, CLERK, "李登记", CIV_ROLE_REGISTRAR, CLERK_PW);
  civ_test_date (&day, 2026, 7, 1);
  list = civ_funeral_fees_import (store, fees, strlen (fees), &day, &error);
  g_assert_no_error (error);
  waiver = civ_funeral_policy_import (store, policy, strlen (policy), &day, &error);
  g_assert_no_error (error);
  batch =
    civ_cremation_stock_receive (store, "HZ0000101", "HZ0000150", "印刷厂 2026-07", &day, &error);
  g_assert_no_error (error);
  fx->out_dir = civ_test_mkdtemp ();
  fx->id = civ_test_make_id ("110101", "19400315", 11);
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  g_assert_null (fx->main_window);
  civ_test_rmdir (fx->data_dir);
  civ_test_rmdir (fx->out_dir);
  g_free (fx->data_dir);
  g_free (fx->out_dir);
  g_free (fx->id);
}

static void
set_day (CivMainWindow *window, int m, int d)
{
  GDate today;

  civ_test_date (&today, 2026, m, d);
  _civ_main_window_set_today (window, &today);
}

static gpointer
w (CivFuneralPage *page, const char *name)
{
  GtkWidget *widget = _civ_funeral_page_widget (page, name);

  if (widget == NULL)
    g_test_message ("the page shows no “%s”", name);
  g_assert_nonnull (widget);
  return widget;
}

static void
text (CivFuneralPage *page, const char *name, const char *value)
{
  civ_ui_test_set_text (w (page, name), value);
}

static void
on (CivFuneralPage *page, const char *name)
{
  gtk_switch_set_active (GTK_SWITCH (w (page, name)), TRUE);
}

static void
pick (CivFuneralPage *page, const char *name, guint position)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (w (page, name)), position);
}

static void
idle (CivFuneralPage *page)
{
  civ_ui_test_spin (50);
  civ_ui_test_wait_for (_civ_funeral_page_busy (page) == 0);
}

static void
click (CivFuneralPage *page, const char *name)
{
  civ_ui_test_click (w (page, name));
  idle (page);
}

static void
assert_state (CivFuneralPage *page, CivFuneralState expected)
{
  const CivFuneralView *view = _civ_funeral_page_view (page);

  if (view == NULL || view->state != expected)
    g_test_message ("page message: %s", _civ_funeral_page_message (page));
  g_assert_nonnull (view);
  g_assert_cmpint (view->state, ==, expected);
}

/* The mnemonics of the view shown are unique, in English and in zh_CN. */
static void
assert_mnemonics (CivFuneralPage *page)
{
  GtkWidget *stack = GTK_WIDGET (page);

  while (stack != NULL && !GTK_IS_STACK (stack))
    {
      GtkWidget *child = gtk_widget_get_first_child (stack);

      /* The page's first box holds the message line, then the stack. */
      while (child != NULL && gtk_widget_get_next_sibling (child) != NULL && !GTK_IS_STACK (child))
        child = gtk_widget_get_next_sibling (child);
      stack = child;
    }
  g_assert_nonnull (stack);
  civ_ui_test_assert_unique_mnemonics (gtk_stack_get_visible_child (GTK_STACK (stack)));
}

/* The open blank's dialog, or NULL. */
static CivCremationBlankDialog *
find_blank_dialog (void)
{
  GListModel              *windows = gtk_window_get_toplevels ();
  CivCremationBlankDialog *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (windows) && found == NULL; i++)
    {
      g_autoptr (GObject) win = g_list_model_get_item (windows, i);

      if (CIV_IS_CREMATION_BLANK_DIALOG (win) && gtk_widget_get_visible (GTK_WIDGET (win)))
        found = CIV_CREMATION_BLANK_DIALOG (win);
    }
  return found;
}

/* The text of the PDF @file in the export folder once it is written, its
 * spaces taken out; a PNG of its page as @png. */
static char *
pdf_words (Fixture *fx, const char *file, const char *png)
{
  g_autofree char *path = g_build_filename (fx->out_dir, file, NULL);
  g_autofree char *text = NULL;
  GString         *out = g_string_new (NULL);

  civ_ui_test_wait_for (g_file_test (path, G_FILE_TEST_EXISTS));
  civ_ui_test_spin (300);
  civ_test_pdf_screenshot (path, png, 60);
  text = civ_test_pdf_text (path, FALSE, 0);
  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static void
assert_has (const char *haystack, const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_test_message ("“%s” is not in:\n%s", needle, haystack);
  g_assert_nonnull (strstr (haystack, needle));
}

/* Records the step at @position of the step list with the fields set by
 * the caller after @fill. */
static void
step (CivFuneralPage *page, guint position, const char *at)
{
  pick (page, "case.step", position);
  idle (page);
  text (page, "step.at", at);
}

static void
walk_body (CivApplication *app, gpointer data)
{
  Fixture         *fx = data;
  CivMainWindow   *window = civ_ui_test_present_main (app, FUNERAL, FUNERAL_PW, &fx->main_window);
  CivFuneralPage  *page;
  g_autofree char *case_no = NULL;

  set_day (window, 8, 1);
  g_assert_true (_civ_main_window_has_page (window, "funeral"));
  _civ_main_window_show_page (window, "funeral");
  page = CIV_FUNERAL_PAGE (_civ_main_window_get_page (window, "funeral"));
  _civ_funeral_page_set_export_dir (page, fx->out_dir);
  idle (page);
  assert_mnemonics (page);
  civ_ui_test_screenshot ("funeral-board-empty.png");

  /* The report: a mistyped identity number is refused live (R-F6). */
  click (page, "board.report");
  g_assert_cmpstr (_civ_funeral_page_view_name (page), ==, "report");
  text (page, "report.name", "张大山");
  text (page, "report.id_number", "110101194003150110");
  civ_ui_test_wait_for (_civ_funeral_page_has_finding (page, "R-F6"));
  text (page, "report.id_number", fx->id);
  text (page, "report.death_at", "2026-08-01 06:30");
  pick (page, "report.place", 1); /* home */
  text (page, "report.address", "北京市东城区景山前街4号");
  text (page, "report.cause", "心力衰竭");
  text (page, "report.agent_name", "张小山");
  text (page, "report.agent_relationship", "子");
  text (page, "report.agent_phone", "13800138000");
  civ_ui_test_wait_for (!_civ_funeral_page_has_finding (page, "R-F6"));
  assert_mnemonics (page);
  civ_ui_test_screenshot ("funeral-report.png");
  click (page, "report.submit");
  assert_state (page, CIV_FUNERAL_DEATH_REPORTED);
  case_no = g_strdup (_civ_funeral_page_view (page)->case_no);
  g_assert_cmpstr (case_no, ==, "BZ110101-2026-000001");

  /* The overview's due list holds the case awaiting collection; it opens
   * the case on the funeral page. */
  {
    CivOverviewPage *overview;

    _civ_main_window_show_page (window, "overview");
    overview = CIV_OVERVIEW_PAGE (_civ_main_window_get_page (window, "overview"));
    civ_ui_test_wait_for (!_civ_overview_page_is_loading_due (overview) &&
                          _civ_overview_page_get_n_funeral_due (overview) == 1);
    civ_ui_test_screenshot ("funeral-overview-due.png");
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-funeral", "s", case_no);
    idle (page);
    assert_state (page, CIV_FUNERAL_DEATH_REPORTED);
    g_assert_cmpstr (_civ_funeral_page_view_name (page), ==, "case");
  }

  /* The step chosen decides the fields: storage asks for the unit only. */
  pick (page, "case.step", 1);
  idle (page);
  g_assert_nonnull (_civ_funeral_page_widget (page, "step.unit"));
  g_assert_null (_civ_funeral_page_widget (page, "step.vehicle"));

  /* 接运, then 暂存. */
  step (page, 0, "2026-08-01 09:10");
  g_assert_nonnull (_civ_funeral_page_widget (page, "step.vehicle"));
  text (page, "step.place", "景山前街4号");
  text (page, "step.vehicle", "京A·12345");
  text (page, "step.staff", "赵师傅");
  click (page, "case.record_step");
  assert_state (page, CIV_FUNERAL_COLLECTED);
  step (page, 0, "2026-08-01 10:00");
  text (page, "step.unit", "冷藏柜A-01");
  click (page, "case.record_step");
  assert_state (page, CIV_FUNERAL_STORED);
  g_assert_cmpstr (_civ_funeral_page_view (page)->storage_unit, ==, "冷藏柜A-01");

  /* The bill: listed items only (R-F4). */
  text (page, "bill.item", "JY01");
  click (page, "bill.add");
  text (page, "bill.item", "XX99");
  click (page, "bill.add");
  g_assert_nonnull (_civ_funeral_page_message (page));
  g_assert_nonnull (strstr (_civ_funeral_page_message (page), "XX99"));
  text (page, "bill.item", "ZC01");
  gtk_spin_button_set_value (w (page, "bill.quantity"), 2);
  click (page, "bill.add");
  assert_mnemonics (page);
  civ_ui_test_screenshot ("funeral-case-stored.png");

  /* The death certificate scanned into the case, then opened (audited). */
  {
    g_autofree char      *png = g_build_filename (fx->out_dir, "death-certificate.png", NULL);
    g_autofree char      *button = NULL;
    GtkWindow            *preview;
    const CivDocumentRow *doc;

    g_assert_true (
      g_file_set_contents (png, (const char *) civ_test_tiny_png, sizeof civ_test_tiny_png, NULL));
    pick (page, "documents.kind", 0);
    _civ_funeral_page_attach_path (page, png);
    idle (page);
    g_assert_cmpuint (_civ_funeral_page_view (page)->documents->len, ==, 1);
    doc = g_ptr_array_index (_civ_funeral_page_view (page)->documents, 0);
    g_assert_cmpstr (doc->kind, ==, "death-certificate");
    button = g_strdup_printf ("document.%" G_GINT64_FORMAT, doc->id);
    click (page, button);
    civ_ui_test_wait_for ((preview = civ_ui_test_find_window (app, CIV_TYPE_DOCUMENT_PREVIEW)) !=
                          NULL);
    gtk_window_destroy (preview);
  }

  /* R-F2: the certificate must be on file. */
  set_day (window, 8, 2);
  step (page, 0, "2026-08-02 09:00");
  on (page, "step.consent");
  click (page, "case.record_step");
  assert_state (page, CIV_FUNERAL_STORED);
  g_assert_nonnull (strstr (_civ_funeral_page_message (page), "R-F2"));
  step (page, 0, "2026-08-02 09:00");
  text (page, "step.death_certificate", fx->id);
  on (page, "step.certificate");
  on (page, "step.consent");
  click (page, "case.record_step");
  assert_state (page, CIV_FUNERAL_DEATH_CERT_VERIFIED);

  /* The cremation takes the next blank in stock (R-F13). */
  set_day (window, 8, 3);
  step (page, 0, "2026-08-03 08:30");
  text (page, "step.furnace", "2号炉");
  text (page, "step.furnace_operator", "王师傅");
  click (page, "case.record_step");
  assert_state (page, CIV_FUNERAL_CREMATED);
  g_assert_cmpstr (_civ_funeral_page_view (page)->cremation_serial, ==, "HZ0000101");
  g_assert_cmpstr (_civ_funeral_page_view (page)->storage_out, ==, "2026-08-03T08:30");
  text (page, "bill.item", "HH01");
  click (page, "bill.add");

  /* 惠民殡葬: a 低保 family; the policy's result in a dialog. */
  pick (page, "waiver.group", 0);
  text (page, "waiver.evidence", "低保证 京东0012345");
  on (page, "waiver.resident");
  click (page, "waiver.assess");
  civ_ui_test_wait_for (_civ_funeral_page_waiver_text (page) != NULL);
  g_assert_nonnull (strstr (_civ_funeral_page_waiver_text (page), "京民〔2026〕2号"));
  civ_ui_test_screenshot ("funeral-waiver.png");
  g_assert_true (_civ_funeral_page_close_waiver (page));
  idle (page);
  click (page, "bill.receipt");
  g_assert_null (_civ_funeral_page_message (page));
  g_assert_nonnull (_civ_funeral_page_widget (page, "SJ110101-2026-000001"));
  g_assert_null (_civ_funeral_page_widget (page, "bill.receipt"));
  assert_mnemonics (page);
  civ_ui_test_screenshot ("funeral-case-cremated.png");

  /* The 火化证明 on the blank issued: the serial on the blank is asked for
   * first (R-F13); then the PDF holds the deceased, the serial, the case. */
  {
    CivCremationBlankDialog *dialog;
    g_autofree char         *words = NULL;

    click (page, "case.print_certificate");
    civ_ui_test_wait_for ((dialog = find_blank_dialog ()) != NULL);
    civ_ui_test_set_text (_civ_cremation_blank_dialog_get_entry (dialog), "HZ0000101");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "blank.print", NULL));
    words = pdf_words (fx, "cremation-certificate.pdf", "funeral-cremation-certificate");
    assert_has (words, "张大山");
    assert_has (words, "HZ0000101");
    assert_has (words, case_no);
    g_clear_pointer (&words, g_free);

    /* The receipt, itemised, with the waiver. */
    idle (page);
    click (page, "SJ110101-2026-000001");
    words = pdf_words (fx, "SJ110101-2026-000001.pdf", "funeral-receipt");
    assert_has (words, "SJ110101-2026-000001");
    assert_has (words, "京民〔2026〕2号");
    assert_has (words, "1050.00");
  }

  /* The family takes the ashes home: the case closes. */
  step (page, 0, "2026-08-03 11:00");
  text (page, "step.receiver", "张小山");
  click (page, "case.record_step");
  assert_state (page, CIV_FUNERAL_ASHES_RETURNED);
  g_assert_nonnull (_civ_funeral_page_view (page)->closed_on);
  g_assert_null (_civ_funeral_page_widget (page, "case.step"));
  g_assert_cmpuint (_civ_funeral_page_view (page)->events->len, ==, 6);
  civ_ui_test_screenshot ("funeral-case-closed.png");

  /* Back on the board; the agent's phone finds the case. */
  click (page, "case.back");
  g_assert_cmpstr (_civ_funeral_page_view_name (page), ==, "board");
  text (page, "board.find", "13800138000");
  g_signal_emit_by_name (w (page, "board.find"), "entry-activated");
  idle (page);
  idle (page);
  g_assert_cmpstr (_civ_funeral_page_view_name (page), ==, "case");
  g_assert_cmpstr (_civ_funeral_page_view (page)->case_no, ==, case_no);
  civ_ui_test_close_all (app);
}

static void
test_walk (Fixture *fx, gconstpointer data)
{
  civ_ui_test_run_app (fx->data_dir, walk_body, fx);
}

static void
no_page_body (CivApplication *app, gpointer data)
{
  Fixture       *fx = data;
  CivMainWindow *window = civ_ui_test_present_main (app, CLERK, CLERK_PW, &fx->main_window);

  g_assert_false (_civ_main_window_has_page (window, "funeral"));
  civ_ui_test_close_all (app);
}

static void
test_no_page (Fixture *fx, gconstpointer data)
{
  civ_ui_test_run_app (fx->data_dir, no_page_body, fx);
}

int
main (int argc, char *argv[])
{
  civ_ui_test_init (&argc, &argv);
  if (g_getenv ("CIVREG_TEST_TRANSLATED") != NULL)
    {
      /* As ui/main.c does, so the page is built in the translation. */
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CIVREG_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  g_test_add ("/ui/funeral/walk", Fixture, NULL, fixture_set_up, test_walk, fixture_tear_down);
  g_test_add ("/ui/funeral/no-page", Fixture, NULL, fixture_set_up, test_no_page,
              fixture_tear_down);
  return g_test_run ();
}
