// SPDX-License-Identifier: GPL-3.0-or-later
/* test-ui-search.c — the search page and the record view with a real office
 * under Xvfb: registrations made in the test are found by name, full
 * pinyin, initials and identity number; Enter on a result opens the record
 * view, which shows every version (registered, then divorced: two versions)
 * with its parties and findings, and exports the extract; a new query
 * replaces the model's rows in one items-changed; over a 5,000-row demo
 * office the column view makes only a bounded number of rows, even after
 * scrolling to the end.
 *
 * With CIVREG_SCREENSHOT_DIR set, screenshots of the root window
 * (`import -window root`) are saved there. */
#include "civ-ui-test-utils.h"

#include <glib/gi18n.h>
#include <string.h>

#include "civ-demo-data.h"
#include "civ-divorce-page.h"
#include "civ-marriage-service.h"
#include "civ-record-view.h"
#include "civ-refdata.h"
#include "civ-search-page.h"
#include "civ-test-utils.h"
#include "civ-divorce-page-private.h"
#include "civ-record-view-private.h"
#include "civ-search-page-private.h"

#define CLERK "clerk"
#define CLERK_PW "Clerk-password"

typedef struct
{
  char          *data_dir;
  char          *out_dir;
  CivMainWindow *main_window;
  char          *j_number[2];
  char          *id_number; /* 王强's */
  char          *her_id;    /* 赵敏's */
  guint          changes, last_removed, last_added;
} Fixture;

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  g_autoptr (CivStore) store = civ_test_new_office (&fx->data_dir, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *holidays = NULL;
  const char      *files[2] = { NULL, NULL };

  civ_test_add_operator (store, CLERK, "李登记", CIV_ROLE_REGISTRAR, CLERK_PW);
  fx->out_dir = civ_test_mkdtemp ();
  holidays =
    g_test_build_filename (G_TEST_DIST, "fixtures", "holidays", "2024-national-day.json", NULL);
  files[0] = holidays;
  g_assert_true (civ_refdata_import (store, CIV_REFDATA_HOLIDAYS, files, NULL, &error));
  g_assert_no_error (error);

  /* Two couples registered on 2024-01-10. */
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
      if (n == 0)
        {
          fx->id_number = g_strdup (his);
          fx->her_id = g_strdup (hers);
        }
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
  g_free (fx->j_number[0]);
  g_free (fx->j_number[1]);
  g_free (fx->id_number);
  g_free (fx->her_id);
}

static CivMainWindow *
log_in (Fixture *fx, CivApplication *app)
{
  return civ_ui_test_present_main (app, CLERK, CLERK_PW, &fx->main_window);
}

static guint
n_results (CivSearchPage *page)
{
  CivRecordListModel *model = _civ_search_page_get_model (page);

  return model ? g_list_model_get_n_items (G_LIST_MODEL (model)) : 0;
}

static gboolean
search_done (CivSearchPage *page)
{
  const char *state = _civ_search_page_get_state (page);

  return !_civ_search_page_is_busy (page) &&
         (g_strcmp0 (state, "results") == 0 || g_strcmp0 (state, "empty") == 0);
}

/* Types @text and presses Enter (the entry's activate); waits for the result. */
static void
search (CivSearchPage *page, const char *text)
{
  GtkWidget *entry = civ_ui_test_find_search_entry (GTK_WIDGET (page));

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
  civ_ui_test_wait_for (search_done (page));
}

static const char *
row_name_a (CivSearchPage *page, guint position)
{
  g_autoptr (CivRecordItem) item =
    g_list_model_get_item (G_LIST_MODEL (_civ_search_page_get_model (page)), position);

  civ_ui_test_wait_for (civ_record_item_get_loaded (item));
  /* The item stays alive in the model's page cache. */
  return civ_record_item_get_name_a (item);
}

static void
collect_labels (GtkWidget *widget, GString *text)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_labels (c, text);
}

/* TRUE when a cell of the column view reads @text. */
static gboolean
cell_shows (CivSearchPage *page, const char *text)
{
  g_autoptr (GString) all = g_string_new ("\n");
  g_autofree char *line = g_strdup_printf ("\n%s\n", text);

  collect_labels (GTK_WIDGET (_civ_search_page_get_column_view (page)), all);
  return strstr (all->str, line) != NULL;
}

static GtkWidget *
find_label (GtkWidget *widget, const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0 &&
      gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label (c, text);

      if (found)
        return found;
    }
  return NULL;
}

/* The cell (shown) that reads @text is marked as the party that matched. */
static gboolean
cell_marked (CivSearchPage *page, const char *text)
{
  GtkWidget *label;

  civ_ui_test_wait_for (
    (label = find_label (GTK_WIDGET (_civ_search_page_get_column_view (page)), text)) != NULL);
  return gtk_widget_has_css_class (label, "accent");
}

/* The width of the cell that reads @text. */
static int
cell_width (CivSearchPage *page, const char *text)
{
  GtkWidget *label;

  civ_ui_test_wait_for (
    (label = find_label (GTK_WIDGET (_civ_search_page_get_column_view (page)), text)) != NULL);
  return gtk_widget_get_width (gtk_widget_get_parent (label));
}

/* The entry's placeholder is shown whole: it needs no more width than it has. */
static void
assert_placeholder_whole (CivSearchPage *page)
{
  GtkSearchEntry  *entry = _civ_search_page_get_entry (page);
  g_autofree char *placeholder = NULL;
  GtkWidget       *label;
  int              natural = 0;

  g_object_get (entry, "placeholder-text", &placeholder, NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  civ_ui_test_wait_for ((label = find_label (GTK_WIDGET (entry), placeholder)) != NULL &&
                        gtk_widget_get_width (label) > 0);
  gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  g_assert_cmpint (natural, <=, gtk_widget_get_width (label));
}

static CivRecordView *
open_result (CivApplication *app, CivSearchPage *page, guint position)
{
  CivRecordView *view = NULL;

  /* Enter on a row: the column view's activate. */
  g_signal_emit_by_name (_civ_search_page_get_column_view (page), "activate", position);
  civ_ui_test_wait_for (
    (view = CIV_RECORD_VIEW (civ_ui_test_find_window (app, CIV_TYPE_RECORD_VIEW))) != NULL);
  civ_ui_test_wait_for (_civ_record_view_is_loaded (view));
  return view;
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
on_items_changed_cb (GListModel *model, guint position, guint removed, guint added, Fixture *fx)
{
  fx->changes++;
  fx->last_removed = removed;
  fx->last_added = added;
}

/* TRUE once the first row of the page's results is loaded in @state. */
static gboolean
first_state_is (CivSearchPage *page, const char *state)
{
  GListModel *model = G_LIST_MODEL (_civ_search_page_get_model (page));
  g_autoptr (CivRecordItem) item = NULL;

  if (model == NULL || g_list_model_get_n_items (model) == 0)
    return FALSE;
  item = g_list_model_get_item (model, 0);
  return civ_record_item_get_loaded (item) &&
         g_strcmp0 (civ_record_item_get_state (item), state) == 0;
}

/* The first couple divorces through the divorce page (accepted 2024-09-02,
 * issued 2024-10-09): their marriage record gets its second version. */
static void
divorce_first_couple (Fixture *fx, CivMainWindow *window)
{
  CivDivorcePage *page = CIV_DIVORCE_PAGE (_civ_main_window_get_page (window, "divorce"));
  GType           dt = CIV_TYPE_DIVORCE_PAGE;

  set_day (window, 2024, 9, 2);
  _civ_main_window_show_page (window, "divorce");
  civ_ui_test_set_text (civ_ui_test_child (page, dt, "find_row"), fx->j_number[0]);
  civ_ui_test_click (civ_ui_test_child (page, dt, "find_button"));
  civ_ui_test_wait_for (!_civ_divorce_page_is_busy (page));
  gtk_switch_set_active (civ_ui_test_child (page, dt, "present_switch"), TRUE);
  gtk_switch_set_active (civ_ui_test_child (page, dt, "agreement_switch"), TRUE);
  civ_ui_test_set_text (civ_ui_test_child (page, dt, "agreement_row"), "协议-2024-17");
  gtk_switch_set_active (civ_ui_test_child (page, dt, "capable_switch"), TRUE);
  gtk_switch_set_active (civ_ui_test_child (page, dt, "certificates_switch"), TRUE);
  civ_ui_test_click (civ_ui_test_child (page, dt, "accept_button"));
  civ_ui_test_wait_for (!_civ_divorce_page_is_busy (page));
  g_assert_cmpstr (_civ_divorce_page_get_state (page), ==, "COOLING");

  set_day (window, 2024, 10, 9);
  civ_divorce_page_find (page, fx->j_number[0]);
  civ_ui_test_wait_for (!_civ_divorce_page_is_busy (page));
  gtk_switch_set_active (civ_ui_test_child (page, dt, "both_switch"), TRUE);
  gtk_switch_set_active (civ_ui_test_child (page, dt, "consent_switch"), TRUE);
  civ_ui_test_click (civ_ui_test_child (page, dt, "issue_button"));
  /* Issuing is confirmed in a dialog naming both spouses. */
  {
    CivApplication *app = CIV_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));
    GtkWindow      *dialog = NULL;

    civ_ui_test_wait_for ((dialog = civ_ui_test_find_window (app, ADW_TYPE_MESSAGE_DIALOG)) !=
                          NULL);
    civ_ui_test_click (civ_ui_test_find_button (GTK_WIDGET (dialog), "_Issue Certificate"));
  }
  civ_ui_test_wait_for (!_civ_divorce_page_is_busy (page));
  g_assert_cmpstr (_civ_divorce_page_get_state (page), ==, "REGISTERED");
}

static void
search_body (CivApplication *app, gpointer data)
{
  Fixture            *fx = data;
  CivMainWindow      *window = log_in (fx, app);
  CivSearchPage      *page = CIV_SEARCH_PAGE (_civ_main_window_get_page (window, "search"));
  CivRecordView      *view;
  CivRecordListModel *model;
  g_autofree char    *text = NULL;
  g_autofree char    *pdf = g_build_filename (fx->out_dir, "extract.pdf", NULL);
  gulong              handler;

  g_assert_nonnull (page);
  _civ_main_window_show_page (window, "search");
  g_assert_cmpstr (_civ_search_page_get_state (page), ==, "start");

  /* Name, full pinyin, initials, identity number: the registration made in
   * the set-up is found every way. */
  search (page, "王强");
  g_assert_cmpuint (n_results (page), ==, 1);
  g_assert_cmpstr (row_name_a (page, 0), ==, "王强");
  /* The row on screen: certificate, both names with their identity
   * numbers (whole), date, state; the party found is marked. */
  civ_ui_test_wait_for (cell_shows (page, "王强") && cell_shows (page, "赵敏"));
  /* The results fit beside the sidebar: the window does not fold. */
  civ_ui_test_wait_for (gtk_widget_get_mapped (GTK_WIDGET (page)));
  civ_ui_test_spin (100);
  civ_ui_test_screenshot ("search-found.png");
  /* Before any text that is read in one language: these hold in zh_CN too. */
  assert_placeholder_whole (page);
  civ_ui_test_assert_unique_mnemonics (GTK_WIDGET (page));
  if (g_getenv ("CIVREG_TEST_TRANSLATED") != NULL)
    {
      /* In zh_CN: the same row, found by her number, marks her. */
      search (page, fx->her_id);
      g_assert_true (cell_marked (page, "赵敏"));
      g_assert_false (cell_marked (page, "王强"));
      civ_ui_test_spin (200);
      civ_ui_test_screenshot ("search-found-zh_CN.png");
      civ_ui_test_close_all (app);
      return;
    }
  g_assert_true (cell_shows (page, fx->id_number));
  g_assert_true (cell_shows (page, fx->her_id));
  g_assert_true (cell_shows (page, fx->j_number[0]));
  g_assert_true (cell_shows (page, "2024-01-10"));
  g_assert_true (cell_shows (page, "Registered"));
  g_assert_true (cell_marked (page, "王强"));
  g_assert_false (cell_marked (page, "赵敏"));
  {
    int widths[3] = { cell_width (page, fx->j_number[0]), cell_width (page, "王强"),
                      cell_width (page, "2024-01-10") };

    /* Her identity number finds the same record, now marking her. */
    search (page, fx->her_id);
    civ_ui_test_wait_for (cell_shows (page, "赵敏"));
    g_assert_true (cell_marked (page, "赵敏"));
    g_assert_false (cell_marked (page, "王强"));
    g_assert_true (cell_marked (page, fx->her_id));
    /* Every registration: two rows, other names; the columns stay put. */
    search (page, "");
    civ_ui_test_wait_for (cell_shows (page, "周杰"));
    civ_ui_test_spin (100);
    g_assert_false (cell_marked (page, "王强"));
    g_assert_cmpint (cell_width (page, fx->j_number[0]), ==, widths[0]);
    g_assert_cmpint (cell_width (page, "王强"), ==, widths[1]);
    g_assert_cmpint (cell_width (page, "2024-01-10"), ==, widths[2]);
    civ_ui_test_screenshot ("search-all.png");
  }
  search (page, "王强");
  model = _civ_search_page_get_model (page);
  handler = g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), fx);

  search (page, "wangqiang");
  g_assert_cmpuint (n_results (page), ==, 1);
  g_assert_cmpstr (row_name_a (page, 0), ==, "王强");
  /* The same model: a new query replaced its rows in one items-changed. */
  g_assert_true (_civ_search_page_get_model (page) == model);
  g_assert_cmpuint (fx->changes, ==, 1);
  g_assert_cmpuint (fx->last_removed, ==, 1);
  g_assert_cmpuint (fx->last_added, ==, 1);

  search (page, "zm");
  g_assert_cmpuint (n_results (page), ==, 1);
  g_assert_cmpstr (row_name_a (page, 0), ==, "王强");
  search (page, fx->id_number);
  g_assert_cmpuint (n_results (page), ==, 1);
  g_assert_cmpstr (row_name_a (page, 0), ==, "王强");
  search (page, fx->j_number[1]);
  g_assert_cmpuint (n_results (page), ==, 1);
  g_assert_cmpstr (row_name_a (page, 0), ==, "周杰");

  /* Nothing matches: the status page. */
  search (page, "不存在");
  g_assert_cmpuint (n_results (page), ==, 0);
  g_assert_cmpstr (_civ_search_page_get_state (page), ==, "empty");

  /* Everything, newest first. */
  search (page, "");
  g_assert_cmpuint (n_results (page), ==, 2);
  g_signal_handler_disconnect (model, handler);

  /* Enter on a row: the record view with its one version. */
  search (page, "王强");
  view = open_result (app, page, 0);
  g_assert_cmpuint (_civ_record_view_get_n_versions (view), ==, 1);
  text = _civ_record_view_get_text (view);
  g_assert_nonnull (strstr (text, fx->j_number[0]));
  g_assert_nonnull (strstr (text, "赵敏"));
  g_assert_nonnull (strstr (text, "Registered"));
  g_clear_pointer (&text, g_free);
  gtk_window_destroy (GTK_WINDOW (view));

  /* Divorced: the record has two versions, the newest dissolved. */
  divorce_first_couple (fx, window);
  _civ_main_window_show_page (window, "search");
  search (page, "王强");
  g_assert_cmpuint (n_results (page), ==, 1);
  {
    g_autoptr (CivRecordItem) item = NULL;

    /* The search page clears its busy flag when a search it replaced is
     * cancelled, so the new rows may come a moment after search () returns:
     * wait for the first row as it is now. */
    civ_ui_test_wait_for (first_state_is (page, "DISSOLVED_REG"));
    item = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_assert_cmpstr (civ_record_item_get_state (item), ==, "DISSOLVED_REG");
  }
  civ_ui_test_wait_for (cell_shows (page, "Dissolved by divorce registration"));
  civ_ui_test_screenshot ("search-results.png");
  view = open_result (app, page, 0);
  g_assert_cmpuint (_civ_record_view_get_n_versions (view), ==, 2);
  text = _civ_record_view_get_text (view);
  g_assert_nonnull (strstr (text, "Version 1: Registered"));
  g_assert_nonnull (strstr (text, "Version 2: Dissolved by divorce registration"));
  g_assert_nonnull (strstr (text, "王强"));
  /* No edit controls: the only button in the content is none; Print
   * Extract is in the header. */
  g_assert_null (civ_ui_test_find_button (GTK_WIDGET (view), "Edit"));
  g_assert_nonnull (civ_ui_test_find_button (GTK_WIDGET (view), "Print _Extract"));
  gtk_window_present (GTK_WINDOW (view));
  civ_ui_test_screenshot ("record-view.png");

  /* Print Extract: every version in the PDF. */
  _civ_record_view_set_export_filename (view, pdf);
  civ_ui_test_click (civ_ui_test_find_button (GTK_WIDGET (view), "Print _Extract"));
  civ_ui_test_wait_for (
    g_file_test (pdf, G_FILE_TEST_EXISTS) &&
    gtk_widget_get_sensitive (civ_ui_test_find_button (GTK_WIDGET (view), "Print _Extract")));

  /* Locking closes the record view: nothing of the records stays. */
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &view);
  civ_session_lock (civ_main_window_get_session (window));
  civ_ui_test_wait_for (view == NULL);
  g_assert_cmpuint (n_results (page), ==, 0);

  civ_ui_test_close_all (app);
}

static void
test_search (Fixture *fx, gconstpointer data)
{
  civ_ui_test_run_app (fx->data_dir, search_body, fx);
  g_assert_true (g_file_test (fx->out_dir, G_FILE_TEST_IS_DIR));
  if (g_getenv ("CIVREG_TEST_TRANSLATED") != NULL)
    return;
  {
    g_autofree char *pdf = g_build_filename (fx->out_dir, "extract.pdf", NULL);
    const char      *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
    g_autofree char *out = NULL;
    g_autoptr (GError) error = NULL;
    int status = 0;

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                  NULL, NULL, &out, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (out, "王强"));
    g_assert_nonnull (strstr (out, fx->j_number[0]));
  }
}

/* 5,000 rows: the column view makes rows for what is on screen, not per row. */
static void
large_set_up (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;

  fixture_set_up (fx, data);
  store = civ_store_open (fx->data_dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);
  g_assert_no_error (error);
  g_assert_true (civ_demo_data_generate (store, 5000, 11, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* GtkListView keeps about 200 rows around what is on screen (GTK 4.8), plus
 * the focus and selection rows: a per-row view would make 4 × 5,000. */
#define MAX_CELLS (4 * 256)

static void
large_body (CivApplication *app, gpointer data)
{
  Fixture       *fx = data;
  CivMainWindow *window = log_in (fx, app);
  CivSearchPage *page = CIV_SEARCH_PAGE (_civ_main_window_get_page (window, "search"));
  GtkWidget     *view = GTK_WIDGET (_civ_search_page_get_column_view (page));
  guint          n;

  _civ_main_window_show_page (window, "search");
  search (page, "");
  n = n_results (page);
  g_assert_cmpuint (n, >=, 5000);
  civ_ui_test_wait_for (_civ_search_page_get_rows_created (page) > 0);
  g_assert_cmpuint (_civ_search_page_get_rows_created (page), <=, MAX_CELLS);
  g_assert_cmpuint (civ_record_list_model_get_cached_pages (_civ_search_page_get_model (page)), <=,
                    CIV_RECORD_LIST_MAX_PAGES);

  /* To the end and back with the list's own action: still bounded. */
  gtk_widget_activate_action (view, "list.scroll-to-item", "u", n - 1);
  civ_ui_test_spin (300);
  gtk_widget_activate_action (view, "list.scroll-to-item", "u", n / 2);
  civ_ui_test_spin (300);
  g_assert_cmpuint (_civ_search_page_get_rows_created (page), <=, MAX_CELLS);
  g_assert_cmpuint (civ_record_list_model_get_cached_pages (_civ_search_page_get_model (page)), <=,
                    CIV_RECORD_LIST_MAX_PAGES);
  {
    g_autoptr (CivRecordItem) last =
      g_list_model_get_item (G_LIST_MODEL (_civ_search_page_get_model (page)), n - 1);
    civ_ui_test_wait_for (civ_record_item_get_loaded (last));
  }
  civ_ui_test_close_all (app);
}

static void
test_large (Fixture *fx, gconstpointer data)
{
  civ_ui_test_run_app (fx->data_dir, large_body, fx);
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

  g_test_add ("/ui/search/find-and-open", Fixture, NULL, fixture_set_up, test_search,
              fixture_tear_down);
  if (g_getenv ("CIVREG_TEST_TRANSLATED") == NULL)
    g_test_add ("/ui/search/bounded-rows", Fixture, NULL, large_set_up, test_large,
                fixture_tear_down);
  return g_test_run ();
}
