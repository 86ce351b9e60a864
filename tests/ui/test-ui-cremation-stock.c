// SPDX-License-Identifier: GPL-3.0-or-later
/* test-ui-cremation-stock.c — the cremation certificate stock page (R-F13)
 * with a real office under Xvfb and a fake clock:
 *
 *   /ui/cremation-stock/walk     a funeral clerk receives a batch (the count
 *                                shown as typed) and sees it in the stock; an
 *                                overlapping batch and a malformed serial are
 *                                refused with R-F13 and change nothing; a
 *                                spoiled blank is voided with a supervisor's
 *                                login and password in the dialog (a wrong
 *                                password refused first, the entry emptied);
 *                                the reconciliation of this month balances,
 *                                in total and per batch, and its PDF holds
 *                                the office, the figures, the voided blank
 *                                with its reason and the signature lines.
 *   /ui/cremation-stock/access   a registrar without the funeral permission
 *                                has no page; given it, the page is there.
 *   /ui/cremation-stock/supervisor  a supervisor voids an issued blank alone:
 *                                no approver asked, Enter on the reason voids.
 *
 * Before the page, April's batch HZ0000001–HZ0000050 is received and two of
 * its blanks are issued (one in April, one in May) through the service, so
 * May opens with 49 blanks in stock.
 *
 * With CIVREG_SCREENSHOT_DIR set, screenshots of the views, the dialog and
 * page 1 of the PDF are saved there. The same binary runs in zh_CN
 * (test-ui-cremation-stock-zh_CN). */
#include "civ-ui-test-utils.h"

#include <string.h>

#include <glib/gi18n.h>

#include <glib/gstdio.h>

#include "civ-cremation-stock-page-private.h"
#include "civ-cremation-stock.h"
#include "civ-cremation-void-dialog-private.h"
#include "civ-main-window-private.h"
#include "civ-page.h"
#include "civ-test-utils.h"
#include "civ-users-service.h"

#define FUNERAL "liu"
#define FUNERAL_PW "Funeral-password"
#define CLERK "clerk"
#define CLERK_PW "Clerk-password"

typedef struct
{
  char          *data_dir;
  char          *out_dir;
  CivMainWindow *main_window;
} Fixture;

static gboolean
translated (void)
{
  return g_getenv ("CIVREG_TEST_TRANSLATED") != NULL;
}

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&fx->data_dir, NULL);
  g_autoptr (CivCremationBatch) batch = NULL;
  g_autofree char *issued1 = NULL;
  g_autofree char *issued2 = NULL;
  GDate            day;

  civ_test_add_operator (store, FUNERAL, "刘洋", CIV_ROLE_FUNERAL_CLERK, FUNERAL_PW);
  civ_test_add_operator (store, CLERK, "李登记", CIV_ROLE_REGISTRAR, CLERK_PW);
  civ_test_date (&day, 2026, 4, 10);
  batch = civ_cremation_stock_receive (store, "HZ0000001", "HZ0000050", "GH-2026-04", &day, &error);
  g_assert_no_error (error);
  civ_test_date (&day, 2026, 4, 20);
  issued1 = civ_cremation_stock_issue (store, NULL, "FC-2026-0001", &day, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (issued1, ==, "HZ0000001");
  civ_test_date (&day, 2026, 5, 2);
  issued2 = civ_cremation_stock_issue (store, NULL, "FC-2026-0002", &day, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (issued2, ==, "HZ0000002");
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
}

static void
set_day (CivMainWindow *window, int y, int m, int d)
{
  GDate today;

  civ_test_date (&today, y, m, d);
  _civ_main_window_set_today (window, &today);
}

static gpointer
w (CivCremationStockPage *page, const char *name)
{
  GtkWidget *widget = _civ_cremation_stock_page_widget (page, name);

  if (widget == NULL)
    g_test_message ("the page shows no “%s”", name);
  g_assert_nonnull (widget);
  return widget;
}

static void
text (CivCremationStockPage *page, const char *name, const char *value)
{
  civ_ui_test_set_text (w (page, name), value);
}

static void
idle (CivCremationStockPage *page)
{
  civ_ui_test_spin (50);
  civ_ui_test_wait_for (_civ_cremation_stock_page_busy (page) == 0);
}

static void
act (CivCremationStockPage *page, const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), action, NULL));
  idle (page);
}

static void
assert_has (const char *haystack, const char *needle)
{
  if (haystack == NULL || strstr (haystack, needle) == NULL)
    g_test_message ("“%s” is not in:\n%s", needle, haystack);
  g_assert_nonnull (haystack);
  g_assert_nonnull (strstr (haystack, needle));
}

static const char *
subtitle (CivCremationStockPage *page, const char *name)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (w (page, name)));
}

static void
assert_stock (CivCremationStockPage *page,
              guint                  batches,
              gint64                 received,
              gint64                 issued,
              gint64                 voided,
              gint64                 in_stock)
{
  const CivCremationReconciliation *stock = _civ_cremation_stock_page_stock (page);

  g_assert_nonnull (stock);
  g_assert_cmpuint (stock->batches->len, ==, batches);
  g_assert_cmpint (stock->total.received, ==, received);
  g_assert_cmpint (stock->total.issued, ==, issued);
  g_assert_cmpint (stock->total.voided, ==, voided);
  g_assert_cmpint (stock->total.in_stock, ==, in_stock);
  g_assert_true (civ_cremation_tally_balances (&stock->total));
}

static CivCremationVoidDialog *
open_void_dialog (CivCremationStockPage *page)
{
  CivCremationVoidDialog *dialog;

  civ_ui_test_click (w (page, "stock.void"));
  civ_ui_test_wait_for (_civ_cremation_stock_page_void_dialog (page) != NULL);
  dialog = _civ_cremation_stock_page_void_dialog (page);
  civ_ui_test_wait_for (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  return dialog;
}

static gpointer
dw (CivCremationVoidDialog *dialog, const char *name)
{
  GtkWidget *widget = _civ_cremation_void_dialog_widget (dialog, name);

  g_assert_nonnull (widget);
  return widget;
}

static void
walk_body (CivApplication *app, gpointer data)
{
  Fixture       *fx = data;
  CivMainWindow *window = civ_ui_test_present_main (app, FUNERAL, FUNERAL_PW, &fx->main_window);
  CivCremationStockPage            *page;
  CivCremationVoidDialog           *dialog;
  const CivCremationReconciliation *rec;
  const CivCremationTally          *t;
  g_autofree char                  *path = NULL;
  g_autofree char                  *raw = NULL;
  g_autofree char                  *pdf = NULL;
  g_autoptr (GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);

  set_day (window, 2026, 5, 6);
  g_assert_true (_civ_main_window_has_page (window, "cremation-stock"));
  _civ_main_window_show_page (window, "cremation-stock");
  page = CIV_CREMATION_STOCK_PAGE (_civ_main_window_get_page (window, "cremation-stock"));
  _civ_cremation_stock_page_set_export_dir (page, fx->out_dir);
  idle (page);
  assert_stock (page, 1, 50, 2, 0, 48);

  /* Receive May's batch: the count as it is typed. */
  text (page, "receive.first", "hz0000051");
  text (page, "receive.last", "HZ0000150");
  assert_has (subtitle (page, "receive.count"), "100");
  assert_has (subtitle (page, "receive.count"), "HZ0000051");
  text (page, "receive.reference", "GH-2026-05");
  civ_ui_test_assert_unique_mnemonics (GTK_WIDGET (page));
  civ_ui_test_screenshot ("cremation-stock-receive.png");
  act (page, "stock.receive");
  g_assert_null (_civ_cremation_stock_page_rule (page));
  assert_has (_civ_cremation_stock_page_message (page), "HZ0000150");
  assert_stock (page, 2, 150, 2, 0, 148);
  t = g_ptr_array_index (_civ_cremation_stock_page_stock (page)->batches, 1);
  g_assert_cmpstr (t->first_serial, ==, "HZ0000051");
  g_assert_cmpstr (t->reference, ==, "GH-2026-05");
  g_assert_nonnull (_civ_cremation_stock_page_widget (page, "stock.batch.1"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (w (page, "receive.first"))), ==, "");

  /* R-F13: an overlapping batch is refused and nothing changes. */
  text (page, "receive.first", "HZ0000140");
  text (page, "receive.last", "HZ0000160");
  act (page, "stock.receive");
  g_assert_cmpstr (_civ_cremation_stock_page_rule (page), ==, "R-F13");
  assert_has (_civ_cremation_stock_page_message (page), "R-F13");
  assert_has (_civ_cremation_stock_page_message (page), "HZ0000051");
  civ_ui_test_screenshot ("cremation-stock-overlap.png");
  /* The typed serials stay for correcting them. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (w (page, "receive.first"))), ==,
                   "HZ0000140");
  civ_page_reload (CIV_PAGE (page));
  idle (page);
  assert_stock (page, 2, 150, 2, 0, 148);

  /* A malformed serial: the count says so as typed, the service refuses it. */
  text (page, "receive.first", "HZ-0000200");
  text (page, "receive.last", "HZ0000300");
  assert_has (subtitle (page, "receive.count"), "R-F13");
  act (page, "stock.receive");
  g_assert_cmpstr (_civ_cremation_stock_page_rule (page), ==, "R-F13");
  civ_page_reload (CIV_PAGE (page));
  idle (page);
  assert_stock (page, 2, 150, 2, 0, 148);
  text (page, "receive.first", "");
  text (page, "receive.last", "");
  civ_ui_test_screenshot ("cremation-stock.png");

  /* A spoiled blank: the clerk is no supervisor, so the dialog asks for one. */
  dialog = open_void_dialog (page);
  civ_ui_test_set_text (dw (dialog, "void.serial"), "HZ0000003");
  civ_ui_test_set_text (dw (dialog, "void.reason"), "打印错位");
  civ_ui_test_set_text (dw (dialog, "void.approver"), CIV_TEST_SUPERVISOR);
  g_assert_true (GTK_IS_EDITABLE (dw (dialog, "void.password")));
  civ_ui_test_set_text (dw (dialog, "void.password"), "wrong-password");
  civ_ui_test_assert_unique_mnemonics (GTK_WIDGET (dialog));
  civ_ui_test_click (dw (dialog, "void.submit"));
  civ_ui_test_wait_for (_civ_cremation_void_dialog_message (dialog) != NULL);
  g_assert_false (_civ_cremation_void_dialog_busy (dialog));
  /* Refused, the dialog still open, the password gone from its entry. */
  g_assert_true (_civ_cremation_stock_page_void_dialog (page) == dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dw (dialog, "void.password"))), ==, "");
  g_assert_false (gtk_widget_is_sensitive (dw (dialog, "void.submit")));
  civ_ui_test_spin (300);
  civ_ui_test_screenshot ("cremation-stock-void-refused.png");
  civ_page_reload (CIV_PAGE (page));
  idle (page);
  assert_stock (page, 2, 150, 2, 0, 148);

  civ_ui_test_set_text (dw (dialog, "void.password"), CIV_TEST_SUPERVISOR_PW);
  civ_ui_test_click (dw (dialog, "void.submit"));
  civ_ui_test_wait_for (_civ_cremation_stock_page_void_dialog (page) == NULL);
  idle (page);
  assert_has (_civ_cremation_stock_page_message (page), "HZ0000003");
  assert_stock (page, 2, 150, 2, 1, 147);

  /* The reconciliation of this month, by default. */
  _civ_cremation_stock_page_show_view (page, "reconcile");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (w (page, "period.from"))), ==,
                   "2026-05-01");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (w (page, "period.to"))), ==, "2026-05-06");
  g_assert_true (gtk_widget_is_sensitive (w (page, "period.reconcile")));
  act (page, "stock.reconcile");
  rec = _civ_cremation_stock_page_reconciliation (page);
  g_assert_nonnull (rec);
  g_assert_cmpint (rec->total.opening, ==, 49);
  g_assert_cmpint (rec->total.received, ==, 100);
  g_assert_cmpint (rec->total.issued, ==, 1);
  g_assert_cmpint (rec->total.voided, ==, 1);
  g_assert_cmpint (rec->total.in_stock, ==, 147);
  g_assert_true (civ_cremation_tally_balances (&rec->total));
  g_assert_cmpuint (rec->batches->len, ==, 2);
  for (guint i = 0; i < rec->batches->len; i++)
    g_assert_true (civ_cremation_tally_balances (g_ptr_array_index (rec->batches, i)));
  assert_has (subtitle (page, "reconcile.balance"), "49 + 100 = 1 + 1 + 147");
  g_assert_cmpstr (adw_preferences_row_get_title (
                     ADW_PREFERENCES_ROW (w (page, "reconcile.balance"))),
                   ==, translated () ? "账实相符" : "Balances");
  g_assert_cmpuint (rec->voided->len, ==, 1);
  g_assert_cmpstr (((CivCremationSerial *) g_ptr_array_index (rec->voided, 0))->approved_by, ==,
                   CIV_TEST_SUPERVISOR);
  g_assert_cmpstr (((CivCremationSerial *) g_ptr_array_index (rec->voided, 0))->voided_by, ==,
                   FUNERAL);
  civ_ui_test_assert_unique_mnemonics (GTK_WIDGET (page));
  civ_ui_test_screenshot ("cremation-stock-reconciliation.png");

  /* Printed through the print flow, to PDF, and read back. */
  path = g_build_filename (fx->out_dir, "cremation-stock-reconciliation.pdf", NULL);
  civ_ui_test_click (w (page, "reconcile.print"));
  civ_ui_test_wait_for (g_file_test (path, G_FILE_TEST_EXISTS));
  civ_ui_test_spin (200);
  idle (page);
  civ_ui_test_wait_for (_civ_cremation_stock_page_message (page) != NULL &&
                        strstr (_civ_cremation_stock_page_message (page), path) != NULL);
  civ_test_pdf_screenshot (path, "cremation-stock-reconciliation-pdf", 60);
  raw = civ_test_pdf_text (path, FALSE, 0);
  pdf = g_regex_replace_literal (space, raw, -1, 0, " ", 0, NULL);
  assert_has (pdf, "北京市东城区婚姻登记处");
  assert_has (pdf, "110101");
  assert_has (pdf, "2026-05-01");
  assert_has (pdf, "2026-05-06");
  assert_has (pdf, "49 + 100 = 1 + 1 + 147");
  assert_has (pdf, "49 + 0 = 1 + 1 + 47");
  assert_has (pdf, "0 + 100 = 0 + 0 + 100");
  assert_has (pdf, "HZ0000003");
  assert_has (pdf, "打印错位");
  assert_has (pdf, "FC-2026-0002");
  assert_has (pdf, "GH-2026-05");
  assert_has (pdf, "HZ0000051");
  assert_has (pdf, "HZ0000150");
  assert_has (pdf, "刘洋");
  assert_has (pdf, translated () ? "审核人" : "Supervisor (signature)");
  assert_has (pdf, translated () ? "经办人" : "Clerk (signature)");
  assert_has (pdf, translated () ? "账实相符" : "balances");
  civ_ui_test_close_all (app);
}

static void
test_walk (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (CivCremationReconciliation) rec = NULL;

  civ_ui_test_run_app (fx->data_dir, walk_body, fx);

  /* What the page did is stored: one void, approved by the supervisor. */
  store = civ_store_open (fx->data_dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);
  g_assert_no_error (error);
  rec = civ_cremation_stock_reconcile (store, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rec->total.received, ==, 150);
  g_assert_cmpint (rec->total.voided, ==, 1);
  g_assert_cmpuint (rec->batches->len, ==, 2);
}

/* A supervisor voids a blank alone: the dialog asks for no other approver,
 * and Enter on the reason voids it. */
static void
supervisor_body (CivApplication *app, gpointer data)
{
  Fixture       *fx = data;
  CivMainWindow *window =
    civ_ui_test_present_main (app, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &fx->main_window);
  CivCremationStockPage            *page;
  CivCremationVoidDialog           *dialog;
  const CivCremationReconciliation *stock;
  const CivCremationSerial         *voided = NULL;

  set_day (window, 2026, 5, 6);
  _civ_main_window_show_page (window, "cremation-stock");
  page = CIV_CREMATION_STOCK_PAGE (_civ_main_window_get_page (window, "cremation-stock"));
  idle (page);
  dialog = open_void_dialog (page);
  g_assert_null (_civ_cremation_void_dialog_widget (dialog, "void.approver"));
  g_assert_null (_civ_cremation_void_dialog_widget (dialog, "void.password"));
  /* The issued HZ0000002 was spoiled in the printer. */
  civ_ui_test_set_text (dw (dialog, "void.serial"), "hz0000002");
  civ_ui_test_set_text (dw (dialog, "void.reason"), "卡纸");
  civ_ui_test_assert_unique_mnemonics (GTK_WIDGET (dialog));
  civ_ui_test_screenshot ("cremation-stock-void-supervisor.png");
  g_signal_emit_by_name (dw (dialog, "void.reason"), "entry-activated");
  civ_ui_test_wait_for (_civ_cremation_stock_page_void_dialog (page) == NULL);
  idle (page);
  assert_stock (page, 1, 50, 1, 1, 48);
  stock = _civ_cremation_stock_page_stock (page);
  for (guint i = 0; i < stock->voided->len; i++)
    voided = g_ptr_array_index (stock->voided, i);
  g_assert_nonnull (voided);
  g_assert_cmpstr (voided->serial, ==, "HZ0000002");
  g_assert_cmpstr (voided->case_ref, ==, "FC-2026-0002");
  g_assert_cmpstr (voided->approved_by, ==, CIV_TEST_SUPERVISOR);
  civ_ui_test_close_all (app);
}

static void
test_supervisor (Fixture *fx, gconstpointer data)
{
  civ_ui_test_run_app (fx->data_dir, supervisor_body, fx);
}

static void
no_page_body (CivApplication *app, gpointer data)
{
  Fixture       *fx = data;
  CivMainWindow *window = civ_ui_test_present_main (app, CLERK, CLERK_PW, &fx->main_window);

  g_assert_false (_civ_main_window_has_page (window, "cremation-stock"));
  g_assert_null (_civ_main_window_get_page (window, "cremation-stock"));
  civ_ui_test_close_all (app);
}

static void
granted_body (CivApplication *app, gpointer data)
{
  Fixture               *fx = data;
  CivMainWindow         *window = civ_ui_test_present_main (app, CLERK, CLERK_PW, &fx->main_window);
  CivCremationStockPage *page;

  set_day (window, 2026, 5, 6);
  g_assert_true (_civ_main_window_has_page (window, "cremation-stock"));
  _civ_main_window_show_page (window, "cremation-stock");
  page = CIV_CREMATION_STOCK_PAGE (_civ_main_window_get_page (window, "cremation-stock"));
  idle (page);
  assert_stock (page, 1, 50, 2, 0, 48);
  civ_ui_test_close_all (app);
}

static void
test_access (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  civ_ui_test_run_app (fx->data_dir, no_page_body, fx);
  {
    g_autoptr (CivStore) store =
      civ_store_open (fx->data_dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);

    g_assert_no_error (error);
    g_assert_true (civ_users_set_grant (store, CLERK, CIV_PERM_FUNERAL, TRUE, &error));
    g_assert_no_error (error);
  }
  civ_ui_test_run_app (fx->data_dir, granted_body, fx);
}

int
main (int argc, char *argv[])
{
  civ_ui_test_init (&argc, &argv);
  if (translated ())
    {
      /* As ui/main.c does, so the page is built in the translation. */
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CIVREG_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  g_test_add ("/ui/cremation-stock/walk", Fixture, NULL, fixture_set_up, test_walk,
              fixture_tear_down);
  g_test_add ("/ui/cremation-stock/access", Fixture, NULL, fixture_set_up, test_access,
              fixture_tear_down);
  g_test_add ("/ui/cremation-stock/supervisor", Fixture, NULL, fixture_set_up, test_supervisor,
              fixture_tear_down);
  return g_test_run ();
}
