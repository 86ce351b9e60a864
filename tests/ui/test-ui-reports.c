// SPDX-License-Identifier: GPL-3.0-or-later
/* test-ui-reports.c — reporting to the province from the GUI, against the
 * reference provincial server over real mutual TLS on loopback: enroll
 * through the enrollment window, register a couple with the online status
 * check, deliver it with "Send Now" (the header bar's indicator shows 0
 * pending); a report the province refuses is parked and "Retry Now"
 * delivers it; a server certificate from another CA raises the security
 * alarm banner.
 *
 * With CIVREG_SCREENSHOT_DIR set, screenshots of the root window
 * (`import -window root`) are saved there. */
#include "civ-ui-test-utils.h"

#include <string.h>

#include "civ-calendar.h"
#include "civ-divorce-page-private.h"
#include "civ-enroll-window-private.h"
#include "civ-marriage-page.h"
#include "civ-marriage-service.h"
#include "civ-party-panel.h"
#include "civ-reports-page-private.h"
#include "civ-search-page.h"
#include "civ-sync-indicator-private.h"
#include "civ-test-utils.h"
#include "report-test-utils.h"
#include "civ-marriage-page-private.h"
#include "civ-search-page-private.h"

typedef struct
{
  ReportEnv      env;
  CivMainWindow *main_window;
  char          *certificate; /* the marriage whose divorce is taken */
  char          *key_line;    /* "ID BASE64" for the province, given later */
} Fixture;

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  report_env_init (&fx->env);
}

/* The application opens the office itself. */
static void
close_office (Fixture *fx)
{
  g_clear_object (&fx->env.store);
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  g_assert_null (fx->main_window);
  report_env_clear (&fx->env);
  g_free (fx->key_line);
  g_free (fx->certificate);
}

static CivMainWindow *
log_in (Fixture *fx, CivApplication *app)
{
  return civ_ui_test_present_main (app, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW,
                                   &fx->main_window);
}

/* The online status checks asked for @id_key so far (a connection of its
 * own beside the application's). */
static gint64
status_checks_of (Fixture *fx, const char *id_key)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store =
    civ_store_open (fx->env.office_dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);
  g_autofree char *sql = NULL;

  g_assert_no_error (error);
  sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE action = 'report.status-check' "
                         "AND object = '%s'",
                         id_key);
  return civ_test_count (store, sql);
}

static CivSyncIndicator *
indicator_of (CivMainWindow *window)
{
  CivSyncIndicator *indicator = civ_ui_test_child (window, CIV_TYPE_MAIN_WINDOW, "sync_indicator");

  /* Only "Send Now" delivers in these tests. */
  _civ_sync_indicator_set_auto_sync (indicator, FALSE);
  return indicator;
}

static CivReportsPage *
open_reports_page (CivMainWindow *window)
{
  CivReportsPage *page;

  g_assert_true (_civ_main_window_has_page (window, "reports"));
  _civ_main_window_show_page (window, "reports");
  page = CIV_REPORTS_PAGE (_civ_main_window_get_page (window, "reports"));
  civ_ui_test_wait_for (_civ_reports_page_is_loaded (page));
  return page;
}

static gboolean
findings_have (GPtrArray *findings, const char *rule)
{
  for (guint i = 0; findings && i < findings->len; i++)
    if (g_strcmp0 (((CivFinding *) g_ptr_array_index (findings, i))->rule, rule) == 0)
      return TRUE;
  return FALSE;
}

static char *
province_log (Fixture *fx)
{
  g_autofree char *path = g_build_filename (fx->env.state, "log.jsonl", NULL);
  char            *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return g_strdup ("");
  return contents;
}

static guint
province_items (Fixture *fx)
{
  g_auto (ProvinceState) state = { 0 };
  GHashTableIter iter;
  gpointer       n;

  province_state_read (&fx->env, &state);
  g_hash_table_iter_init (&iter, state.items);
  while (g_hash_table_iter_next (&iter, NULL, &n))
    g_assert_cmpuint (GPOINTER_TO_UINT (n), ==, 1); /* exactly once by idempotency key */
  return g_hash_table_size (state.items);
}

static void
send_now (CivReportsPage *page, CivSyncIndicator *indicator)
{
  civ_ui_test_click (civ_ui_test_child (page, CIV_TYPE_REPORTS_PAGE, "send_button"));
  civ_ui_test_wait_for (_civ_sync_indicator_is_current (indicator));
  civ_ui_test_wait_for (_civ_reports_page_is_loaded (page));
}

/* Enroll in the window, register with the online check, Send Now. */
static void
enroll_body (CivApplication *app, gpointer data)
{
  Fixture          *fx = data;
  CivMainWindow    *window = log_in (fx, app);
  CivSyncIndicator *indicator = indicator_of (window);
  CivReportsPage   *page = open_reports_page (window);
  GType             et = CIV_TYPE_ENROLL_WINDOW;
  GType             mt = CIV_TYPE_MARRIAGE_PAGE;
  CivEnrollWindow  *enroll;
  CivMarriagePage  *marriage;
  g_autofree char  *ca = report_env_cert (&fx->env, "ca.pem");
  g_autofree char  *p12 = report_env_cert (&fx->env, "client.p12");
  g_autofree char  *pin_file = report_env_cert (&fx->env, "server.pin");
  g_autofree char  *pin = NULL;
  g_autofree char  *pins = NULL;
  g_autofree char  *key_line = NULL;
  g_autofree char  *his = civ_test_make_id ("110101", "19950307", 11);
  g_autofree char  *hers = civ_test_make_id ("110102", "19970801", 12);
  g_autofree char  *log = NULL;
  g_autoptr (GError) error = NULL;
  GDate today;

  /* Not enrolled yet: the indicator says so and offers no sending. */
  civ_ui_test_wait_for (_civ_sync_indicator_is_current (indicator));
  g_assert_nonnull (strstr (_civ_sync_indicator_get_title (indicator), "not enrolled"));
  g_assert_false (
    gtk_widget_get_visible (civ_ui_test_child (page, CIV_TYPE_REPORTS_PAGE, "send_button")));

  /* Enrollment (工作站注册): PKCS #12 with its password, the CA and a pin. */
  civ_ui_test_click (civ_ui_test_child (page, CIV_TYPE_REPORTS_PAGE, "enroll_button"));
  enroll = CIV_ENROLL_WINDOW (civ_ui_test_find_window (app, et));
  g_assert_nonnull (enroll);
  g_assert_false (gtk_widget_get_sensitive (civ_ui_test_child (enroll, et, "enroll_button")));
  g_file_get_contents (pin_file, &pin, NULL, &error);
  g_assert_no_error (error);
  g_strstrip (pin);
  pins = g_strconcat ("sha256//", pin, NULL);
  civ_ui_test_set_text (civ_ui_test_child (enroll, et, "server_row"), fx->env.url);
  civ_ui_test_set_text (civ_ui_test_child (enroll, et, "pins_row"), pins);
  _civ_enroll_window_set_file (enroll, "ca", ca);
  _civ_enroll_window_set_file (enroll, "p12", p12);
  /* A wrong password is refused and nothing is stored. */
  civ_ui_test_set_text (civ_ui_test_child (enroll, et, "p12_password_row"), "wrong");
  civ_ui_test_click (civ_ui_test_child (enroll, et, "enroll_button"));
  civ_ui_test_wait_for (gtk_widget_get_visible (civ_ui_test_child (enroll, et, "message_label")));
  g_assert_null (_civ_enroll_window_get_public_key (enroll));
  /* The password field was emptied after use. */
  g_assert_cmpstr (gtk_editable_get_text (civ_ui_test_child (enroll, et, "p12_password_row")), ==,
                   "");
  civ_ui_test_set_text (civ_ui_test_child (enroll, et, "p12_password_row"), "p12-secret");
  civ_ui_test_click (civ_ui_test_child (enroll, et, "enroll_button"));
  civ_ui_test_wait_for (_civ_enroll_window_get_public_key (enroll) != NULL);
  g_assert_false (gtk_widget_get_visible (civ_ui_test_child (enroll, et, "message_label")));
  g_assert_true (gtk_widget_get_visible (civ_ui_test_child (enroll, et, "result_group")));
  civ_ui_test_screenshot ("reports-enrolled.png");
  /* The province learns the workstation's key ("ID BASE64"). */
  key_line = g_strconcat (_civ_enroll_window_get_public_key (enroll), "\n", NULL);
  g_file_set_contents (fx->env.keys_file, key_line, -1, &error);
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (enroll));
  civ_ui_test_wait_for (_civ_reports_page_is_loaded (page));
  civ_ui_test_wait_for (
    gtk_widget_get_visible (civ_ui_test_child (page, CIV_TYPE_REPORTS_PAGE, "send_button")));
  civ_ui_test_wait_for (_civ_sync_indicator_is_current (indicator) &&
                        strstr (_civ_sync_indicator_get_title (indicator), "Every report"));

  /* Register a couple: the province answered the status check (no R-M7). */
  _civ_main_window_show_page (window, "marriage");
  marriage = CIV_MARRIAGE_PAGE (_civ_main_window_get_page (window, "marriage"));
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 20, G_DATE_MAY, 2026);
  _civ_main_window_set_today (window, &today);
  civ_ui_test_fill_party (civ_ui_test_child (marriage, mt, "party_a"), "张伟", his);
  civ_ui_test_fill_party (civ_ui_test_child (marriage, mt, "party_b"), "李娜", hers);
  civ_ui_test_wait_for (_civ_marriage_page_get_findings (marriage) != NULL);
  g_assert_true (civ_marriage_may_register (_civ_marriage_page_get_findings (marriage)));
  g_assert_false (findings_have (_civ_marriage_page_get_findings (marriage), "R-M7"));
  /* Editing the form checks again without asking the province again: one
   * status check (and audit entry) per party for the live preview. */
  civ_ui_test_set_text (civ_ui_test_child (marriage, mt, "remarks_row"), "双方自愿");
  g_assert_null (_civ_marriage_page_get_findings (marriage));
  civ_ui_test_wait_for (_civ_marriage_page_get_findings (marriage) != NULL);
  g_assert_false (findings_have (_civ_marriage_page_get_findings (marriage), "R-M7"));
  g_assert_cmpint (status_checks_of (fx, his), ==, 1);
  g_assert_cmpint (status_checks_of (fx, hers), ==, 1);
  /* Registering asks afresh. */
  civ_ui_test_click (civ_ui_test_child (marriage, mt, "register_button"));
  civ_ui_test_wait_for (_civ_marriage_page_get_certificate_no (marriage) != NULL);
  g_assert_cmpint (status_checks_of (fx, his), ==, 2);
  civ_ui_test_wait_for (_civ_sync_indicator_is_current (indicator) &&
                        _civ_sync_indicator_get_pending (indicator) == 1);
  g_assert_cmpuint (province_items (fx), ==, 0);

  /* Send Now delivers it: 0 pending, delivered with a receipt, once. */
  page = open_reports_page (window);
  g_assert_cmpstr (_civ_reports_page_get_state (page, 1), ==, "pending");
  send_now (page, indicator);
  g_assert_cmpint (_civ_sync_indicator_get_pending (indicator), ==, 0);
  g_assert_cmpint (_civ_sync_indicator_get_parked (indicator), ==, 0);
  g_assert_cmpstr (_civ_reports_page_get_state (page, 1), ==, "delivered");
  g_assert_cmpuint (province_items (fx), ==, 1);
  log = province_log (fx);
  g_assert_nonnull (strstr (log, "\"status_source\":\"online\""));

  /* The husband again, with another woman: the province now knows him as
   * married (联网核对), R-M3 refuses. */
  civ_ui_test_click (civ_ui_test_child (marriage, mt, "new_button"));
  {
    g_autofree char *other = civ_test_make_id ("110102", "19960101", 14);
    _civ_main_window_show_page (window, "marriage");
    civ_ui_test_fill_party (civ_ui_test_child (marriage, mt, "party_a"), "张伟", his);
    civ_ui_test_fill_party (civ_ui_test_child (marriage, mt, "party_b"), "王芳", other);
  }
  civ_ui_test_wait_for (_civ_marriage_page_get_findings (marriage) != NULL);
  g_assert_true (findings_have (_civ_marriage_page_get_findings (marriage), "R-M3"));
  g_assert_false (civ_marriage_may_register (_civ_marriage_page_get_findings (marriage)));
  /* New forgot the previous couple's answers: he was asked again. */
  g_assert_cmpint (status_checks_of (fx, his), ==, 3);

  page = open_reports_page (window);
  gtk_menu_button_popup (GTK_MENU_BUTTON (adw_bin_get_child (ADW_BIN (indicator))));
  civ_ui_test_screenshot ("reports-page-indicator.png");
  gtk_menu_button_popdown (GTK_MENU_BUTTON (adw_bin_get_child (ADW_BIN (indicator))));
  civ_ui_test_close_all (app);
}

static void
test_enroll_register_send (Fixture *fx, gconstpointer data)
{
  report_env_start_server (&fx->env, "server", "ca", NULL);
  close_office (fx);
  civ_ui_test_run_app (fx->env.office_dir, enroll_body, fx);
}

/* The province does not know the workstation's key yet: 401, parked with
 * the reason. Once it does, Retry Now delivers the report. */
static void
parked_body (CivApplication *app, gpointer data)
{
  Fixture          *fx = data;
  CivMainWindow    *window = log_in (fx, app);
  CivSyncIndicator *indicator = indicator_of (window);
  CivReportsPage   *page = open_reports_page (window);
  g_autoptr (GError) error = NULL;
  GtkWidget *retry;

  civ_ui_test_wait_for (_civ_sync_indicator_is_current (indicator) &&
                        _civ_sync_indicator_get_pending (indicator) == 1);
  g_assert_cmpstr (_civ_reports_page_get_state (page, 1), ==, "pending");
  g_assert_null (_civ_reports_page_get_retry_button (page, 1));

  send_now (page, indicator);
  g_assert_cmpint (_civ_sync_indicator_get_pending (indicator), ==, 0);
  g_assert_cmpint (_civ_sync_indicator_get_parked (indicator), ==, 1);
  g_assert_nonnull (strstr (_civ_sync_indicator_get_title (indicator), "parked"));
  g_assert_cmpstr (_civ_reports_page_get_state (page, 1), ==, "parked");
  g_assert_true (
    gtk_widget_get_visible (civ_ui_test_child (page, CIV_TYPE_REPORTS_PAGE, "retry_all_button")));
  g_assert_cmpuint (province_items (fx), ==, 0);
  civ_ui_test_screenshot ("reports-parked.png");

  /* The province enrolls the key; a supervisor retries. */
  g_file_set_contents (fx->env.keys_file, fx->key_line, -1, &error);
  g_assert_no_error (error);
  retry = _civ_reports_page_get_retry_button (page, 1);
  g_assert_nonnull (retry);
  civ_ui_test_click (retry);
  civ_ui_test_wait_for (_civ_sync_indicator_is_current (indicator) &&
                        _civ_sync_indicator_get_parked (indicator) == 0);
  civ_ui_test_wait_for (_civ_reports_page_is_loaded (page) &&
                        g_strcmp0 (_civ_reports_page_get_state (page, 1), "delivered") == 0);
  g_assert_cmpint (_civ_sync_indicator_get_pending (indicator), ==, 0);
  g_assert_cmpuint (province_items (fx), ==, 1);
  g_assert_null (_civ_reports_page_get_retry_button (page, 1));
  civ_ui_test_close_all (app);
}

static void
test_parked_retry (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  report_env_start_server (&fx->env, "server", "ca", NULL);
  /* Enrolled here, but the key is not given to the province yet. */
  report_env_enroll (&fx->env, "client", TRUE, 5000);
  g_file_get_contents (fx->env.keys_file, &fx->key_line, NULL, &error);
  g_assert_no_error (error);
  g_file_set_contents (fx->env.keys_file, "", 0, &error);
  g_assert_no_error (error);
  report_env_register (&fx->env, 1, 1);
  close_office (fx);
  civ_ui_test_run_app (fx->env.office_dir, parked_body, fx);
}

/* Certificate numbers (issue 17): the page says where they come from, and
 * Send Now also brings the province's number blocks. */
static void
number_blocks_body (CivApplication *app, gpointer data)
{
  Fixture          *fx = data;
  CivMainWindow    *window = log_in (fx, app);
  CivSyncIndicator *indicator = indicator_of (window);
  CivReportsPage   *page = open_reports_page (window);
  GtkWidget        *row = civ_ui_test_child (page, CIV_TYPE_REPORTS_PAGE, "numbers_row");
  GDate             today;
  g_autofree char  *year_line = NULL;

  g_assert_nonnull (
    strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "asked at the next delivery"));
  send_now (page, indicator);
  civ_ui_test_wait_for (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                                "From the province's number blocks") != NULL);
  civ_date_today (&today);
  year_line = g_strdup_printf ("J %d: 200 left, next J110101-%d-000001", g_date_get_year (&today),
                               g_date_get_year (&today));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), year_line));
  civ_ui_test_screenshot ("reports-number-blocks.png");
  civ_ui_test_close_all (app);
}

static void
test_number_blocks (Fixture *fx, gconstpointer data)
{
  const char *const extra[] = { "--number-blocks", NULL };

  report_env_start_server (&fx->env, "server", "ca", extra);
  report_env_enroll (&fx->env, "client", TRUE, 5000);
  close_office (fx);
  civ_ui_test_run_app (fx->env.office_dir, number_blocks_body, fx);
}

/* A divorce application accepted at another window (issue 17, R-D6): the
 * registrar types the marriage certificate number and takes it; the page
 * shows the application in its issuance window, with its marriage. */
static void
divorce_take_body (CivApplication *app, gpointer data)
{
  Fixture        *fx = data;
  CivMainWindow  *window = log_in (fx, app);
  CivDivorcePage *page;

  g_assert_true (_civ_main_window_has_page (window, "divorce"));
  _civ_main_window_show_page (window, "divorce");
  page = CIV_DIVORCE_PAGE (_civ_main_window_get_page (window, "divorce"));
  /* Not in this window's records. */
  civ_ui_test_set_text (civ_ui_test_child (page, CIV_TYPE_DIVORCE_PAGE, "find_row"),
                        fx->certificate);
  civ_ui_test_click (civ_ui_test_child (page, CIV_TYPE_DIVORCE_PAGE, "find_button"));
  civ_ui_test_wait_for (!_civ_divorce_page_is_busy (page) &&
                        _civ_divorce_page_get_message (page) != NULL);
  g_assert_null (_civ_divorce_page_get_state (page));
  /* Taken from the province: the application and its marriage are here. */
  civ_ui_test_click (civ_ui_test_child (page, CIV_TYPE_DIVORCE_PAGE, "take_button"));
  civ_ui_test_wait_for (!_civ_divorce_page_is_busy (page) &&
                        _civ_divorce_page_get_state (page) != NULL);
  g_assert_cmpstr (_civ_divorce_page_get_state (page), ==, "COOLING");
  g_assert_null (_civ_divorce_page_get_message (page));
  g_assert_cmpuint (_civ_divorce_page_get_n_open (page), ==, 1);
  civ_ui_test_screenshot ("divorce-taken.png");
  /* Nothing left to take: the refusal says why, with the rule. */
  civ_ui_test_click (civ_ui_test_child (page, CIV_TYPE_DIVORCE_PAGE, "take_button"));
  civ_ui_test_wait_for (!_civ_divorce_page_is_busy (page));
  g_assert_cmpstr (_civ_divorce_page_get_state (page), ==, "COOLING");
  civ_ui_test_close_all (app);
}

static void
test_divorce_take (Fixture *fx, gconstpointer data)
{
  g_autoptr (CivStore) other = NULL;
  g_autofree char *other_dir = NULL, *app = NULL;
  g_auto (CivReportSyncResult) r = { 0 };
  g_autoptr (GError) error = NULL;
  CivReportSyncOptions options = { .ignore_schedule = TRUE };

  report_env_start_server (&fx->env, "server", "ca", NULL);
  report_env_enroll (&fx->env, "client", TRUE, 5000);
  other = report_env_new_window (&fx->env, &other_dir);
  /* Accepted at the first window 35 days ago, reported. */
  app = report_env_divorce_application (&fx->env, 7, 35, &fx->certificate);
  g_assert_true (civ_report_sync (fx->env.store, &options, &r, &error));
  g_assert_no_error (error);
  g_clear_object (&other);
  civ_ui_test_run_app (other_dir, divorce_take_body, fx);
  civ_test_rmdir (other_dir);
}

/* The server presents a certificate from another CA: security alarm. */
static void
alarm_body (CivApplication *app, gpointer data)
{
  Fixture          *fx = data;
  CivMainWindow    *window = log_in (fx, app);
  CivSyncIndicator *indicator = indicator_of (window);
  CivReportsPage   *page = open_reports_page (window);
  GtkInfoBar       *bar = civ_ui_test_child (window, CIV_TYPE_MAIN_WINDOW, "alarm_bar");

  g_assert_false (gtk_info_bar_get_revealed (bar));
  send_now (page, indicator);
  g_assert_true (gtk_info_bar_get_revealed (bar));
  g_assert_nonnull (
    strstr (gtk_label_get_label (civ_ui_test_child (window, CIV_TYPE_MAIN_WINDOW, "alarm_label")),
            "Security alarm"));
  g_assert_nonnull (strstr (_civ_sync_indicator_get_title (indicator), "Security alarm"));
  /* Nothing delivered, nothing parked. */
  g_assert_cmpint (_civ_sync_indicator_get_pending (indicator), ==, 1);
  g_assert_cmpint (_civ_sync_indicator_get_parked (indicator), ==, 0);
  g_assert_cmpstr (_civ_reports_page_get_state (page, 1), ==, "pending");
  civ_ui_test_screenshot ("reports-security-alarm.png");
  gtk_info_bar_response (bar, GTK_RESPONSE_CLOSE);
  g_assert_false (gtk_info_bar_get_revealed (bar));
  civ_ui_test_close_all (app);
}

static void
test_security_alarm (Fixture *fx, gconstpointer data)
{
  report_env_start_server (&fx->env, "other-server", "ca", NULL);
  report_env_enroll (&fx->env, "client", TRUE, 5000);
  report_env_register (&fx->env, 1, 1);
  close_office (fx);
  civ_ui_test_run_app (fx->env.office_dir, alarm_body, fx);
  g_assert_cmpuint (province_items (fx), ==, 0);
}

/* Every templated type of the reporting screens builds and goes away. */
static void
test_smoke (void)
{
  GType types[] = { CIV_TYPE_SYNC_INDICATOR, CIV_TYPE_REPORTS_PAGE };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      GtkWidget *widget = g_object_ref_sink (g_object_new (types[i], NULL));
      gpointer   weak = widget;

      g_object_add_weak_pointer (G_OBJECT (widget), &weak);
      g_object_unref (widget);
      civ_ui_test_wait_for (weak == NULL);
    }
  {
    GtkWindow *window = g_object_new (CIV_TYPE_ENROLL_WINDOW, NULL);
    gpointer   weak = window;

    g_object_add_weak_pointer (G_OBJECT (window), &weak);
    gtk_window_present (window);
    civ_ui_test_wait_for (gtk_widget_get_mapped (GTK_WIDGET (window)));
    gtk_window_destroy (window);
    civ_ui_test_wait_for (weak == NULL);
  }
}

/* The province holds a batch for 60 s. Meanwhile, in the same process, a
 * search, a registration and Ctrl+L complete: the worker that owns the
 * database is not waiting for the province. Asserted by the order of
 * events: each of the three is done while the sync's run has not come
 * back, and it comes back only after the lock (which cancels its POST). */
typedef struct
{
  Fixture          *fx;
  GPtrArray        *events;
  CivSyncIndicator *indicator;
  guint             ended_before; /* syncs ended when the run started */
} StallRun;

/* Notes @what, and the end of the sync first if it came back meanwhile. */
static void
note_event (StallRun *run, const char *what)
{
  gboolean noted = FALSE;

  for (guint i = 0; i < run->events->len; i++)
    noted |= g_strcmp0 (g_ptr_array_index (run->events, i), "sync-ended") == 0;
  if (!noted && _civ_sync_indicator_get_syncs_ended (run->indicator) > run->ended_before)
    g_ptr_array_add (run->events, g_strdup ("sync-ended"));
  if (what)
    g_ptr_array_add (run->events, g_strdup (what));
}

static void
stall_body (CivApplication *app, gpointer data)
{
  StallRun         *run = data;
  Fixture          *fx = run->fx;
  CivMainWindow    *window = log_in (fx, app);
  CivSyncIndicator *indicator = indicator_of (window);
  GType             mt = CIV_TYPE_MARRIAGE_PAGE;
  CivSearchPage    *search;
  CivMarriagePage  *marriage;
  GtkWidget        *entry;
  g_autofree char  *his = civ_test_make_id ("110101", "19880808", 21);
  g_autofree char  *hers = civ_test_make_id ("110102", "19890909", 22);
  g_autofree char  *registered_id = civ_test_make_id ("110101", "19600101", 3);
  g_auto (GStrv) lock_actions = NULL;
  GDate today;

  civ_ui_test_wait_for (_civ_sync_indicator_is_current (indicator) &&
                        _civ_sync_indicator_get_pending (indicator) == 1);
  run->indicator = indicator;
  run->ended_before = _civ_sync_indicator_get_syncs_ended (indicator);

  /* The batch reaches the province, which stores it and holds the reply. */
  civ_sync_indicator_send_now (indicator);
  g_assert_true (civ_sync_indicator_get_syncing (indicator));
  note_event (run, "sync-started");
  civ_ui_test_wait_for (province_items (fx) == 1);

  /* A search. */
  _civ_main_window_show_page (window, "search");
  search = CIV_SEARCH_PAGE (_civ_main_window_get_page (window, "search"));
  entry = civ_ui_test_find_search_entry (GTK_WIDGET (search));
  g_assert_nonnull (entry);
  /* The husband registered before the run (report_env_register, couple 1). */
  gtk_editable_set_text (GTK_EDITABLE (entry), registered_id);
  g_signal_emit_by_name (entry, "activate");
  civ_ui_test_wait_for (!_civ_search_page_is_busy (search) &&
                        g_strcmp0 (_civ_search_page_get_state (search), "results") == 0);
  note_event (run, "search-done");

  /* A registration (the province answers status checks; only the batch
   * is held). */
  _civ_main_window_show_page (window, "marriage");
  marriage = CIV_MARRIAGE_PAGE (_civ_main_window_get_page (window, "marriage"));
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 20, G_DATE_MAY, 2026);
  _civ_main_window_set_today (window, &today);
  civ_ui_test_fill_party (civ_ui_test_child (marriage, mt, "party_a"), "周杰", his);
  civ_ui_test_fill_party (civ_ui_test_child (marriage, mt, "party_b"), "吴敏", hers);
  civ_ui_test_wait_for (_civ_marriage_page_get_findings (marriage) != NULL);
  g_assert_true (civ_marriage_may_register (_civ_marriage_page_get_findings (marriage)));
  civ_ui_test_click (civ_ui_test_child (marriage, mt, "register_button"));
  civ_ui_test_wait_for (_civ_marriage_page_get_certificate_no (marriage) != NULL);
  note_event (run, "registered");

  /* Ctrl+L: the lock job runs and the data key is gone. */
  lock_actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (app), "<Control>l");
  g_assert_true (g_strv_contains ((const char *const *) lock_actions, "app.lock"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "lock", NULL);
  civ_ui_test_wait_for (civ_ui_test_store_locked (app));
  note_event (run, "locked");

  /* The lock cancelled the POST: the run comes back now, not after 60 s. */
  civ_ui_test_wait_for (_civ_sync_indicator_get_syncs_ended (indicator) > run->ended_before);
  note_event (run, NULL);
  civ_ui_test_close_all (app);
}

static void
test_stalled_province (Fixture *fx, gconstpointer data)
{
  StallRun run = { fx, g_ptr_array_new_with_free_func (g_free), NULL, 0 };
  g_autoptr (GError) error = NULL;
  g_auto (CivReportSyncResult) r = { 0 };
  const char *expected[] = { "sync-started", "search-done", "registered", "locked", "sync-ended" };

  report_env_start_server (&fx->env, "server", "ca",
                           (const char *[]){ "--stall-next=1", "--stall-seconds=60", NULL });
  report_env_enroll (&fx->env, "client", TRUE, 120000);
  report_env_register (&fx->env, 1, 1);
  close_office (fx);
  civ_ui_test_run_app (fx->env.office_dir, stall_body, &run);

  for (guint i = 0; i < run.events->len; i++)
    g_test_message ("event %u: %s", i, (const char *) g_ptr_array_index (run.events, i));
  g_assert_cmpuint (run.events->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (g_ptr_array_index (run.events, i), ==, expected[i]);
  g_ptr_array_unref (run.events);

  /* Nothing was lost: the held batch and the new registration arrive
   * exactly once (the first one as a duplicate of what the province kept). */
  report_env_stop_server (&fx->env);
  report_env_start_server (&fx->env, "server", "ca", NULL);
  fx->env.store =
    civ_store_open (fx->env.office_dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);
  g_assert_no_error (error);
  g_assert_true (civ_report_sync (fx->env.store, &(CivReportSyncOptions){ .ignore_schedule = TRUE },
                                  &r, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r.duplicates, ==, 1);
  g_assert_cmpuint (r.accepted, ==, 1);
  report_assert_exactly_once (&fx->env, 0);
}

int
main (int argc, char *argv[])
{
  civ_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/reports/smoke", test_smoke);
  g_test_add ("/ui/reports/enroll-register-send", Fixture, NULL, fixture_set_up,
              test_enroll_register_send, fixture_tear_down);
  g_test_add ("/ui/reports/stalled-province", Fixture, NULL, fixture_set_up, test_stalled_province,
              fixture_tear_down);
  g_test_add ("/ui/reports/parked-retry", Fixture, NULL, fixture_set_up, test_parked_retry,
              fixture_tear_down);
  g_test_add ("/ui/reports/security-alarm", Fixture, NULL, fixture_set_up, test_security_alarm,
              fixture_tear_down);
  g_test_add ("/ui/reports/divorce-take", Fixture, NULL, fixture_set_up, test_divorce_take,
              fixture_tear_down);
  g_test_add ("/ui/reports/number-blocks", Fixture, NULL, fixture_set_up, test_number_blocks,
              fixture_tear_down);
  return g_test_run ();
}
