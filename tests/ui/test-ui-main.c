// SPDX-License-Identifier: GPL-3.0-or-later
/* test-ui-main.c — the main window: pages with real data, locking by action
 * and by idleness, unlocking, role gating, user management, and the
 * overview's adoption deadlines shown only to those who see adoptions */
#include "civ-ui-test-utils.h"

#include "civ-audit-item.h"
#include "civ-adoption-service.h"
#include "civ-audit-page-private.h"
#include "civ-lock-page.h"
#include "civ-main-window-private.h"
#include "civ-marriage-page.h"
#include "civ-party-panel.h"
#include "civ-overview-page-private.h"
#include "civ-password-dialog.h"
#include "civ-test-utils.h"
#include "civ-user-dialog.h"
#include "civ-users-page-private.h"
#include "civ-users-service.h"

#include <string.h>

/* An office with a registrar (clerk) and an auditor (checker). */
typedef CivUiTestOffice Fixture;

static CivMainWindow *
log_in (Fixture *fx, CivApplication *app, const char *login, const char *password)
{
  CivMainWindow *window = civ_ui_test_log_in (app, login, password);

  fx->main_window = window;
  g_object_add_weak_pointer (G_OBJECT (window), &fx->main_window);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static const char *
label_text (gpointer widget, GType type, const char *id)
{
  return gtk_label_get_label (civ_ui_test_child (widget, type, id));
}

static void
unlock_with (CivMainWindow *window, const char *password)
{
  CivLockPage *page = civ_ui_test_child (window, CIV_TYPE_MAIN_WINDOW, "lock_page");
  civ_ui_test_set_text (civ_ui_test_child (page, CIV_TYPE_LOCK_PAGE, "password_row"), password);
  civ_ui_test_click (civ_ui_test_child (page, CIV_TYPE_LOCK_PAGE, "unlock_button"));
}

static void
lock_body (CivApplication *app, gpointer data)
{
  Fixture         *fx = data;
  CivMainWindow   *window = log_in (fx, app, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW);
  CivSession      *session = _civ_application_get_session (app);
  GType            mt = CIV_TYPE_MAIN_WINDOW;
  CivOverviewPage *overview = CIV_OVERVIEW_PAGE (_civ_main_window_get_page (window, "overview"));
  CivAuditPage    *audit = CIV_AUDIT_PAGE (_civ_main_window_get_page (window, "audit"));
  CivUsersPage    *users = CIV_USERS_PAGE (_civ_main_window_get_page (window, "users"));
  CivLockPage     *lock_page = civ_ui_test_child (window, mt, "lock_page");
  GtkWidget       *leaflet = civ_ui_test_child (window, mt, "leaflet");
  GtkWidget       *lock_error = civ_ui_test_child (lock_page, CIV_TYPE_LOCK_PAGE, "error_label");
  GListModel      *entries = _civ_audit_page_get_model (audit);

  /* Overview: office, user and real counts. */
  civ_ui_test_wait_for (*label_text (overview, CIV_TYPE_OVERVIEW_PAGE, "users_label") != '\0');
  g_assert_cmpstr (label_text (overview, CIV_TYPE_OVERVIEW_PAGE, "users_label"), ==, "3");
  g_assert_cmpint (atoi (label_text (overview, CIV_TYPE_OVERVIEW_PAGE, "audit_label")), >=, 4);
  g_assert_cmpstr (label_text (overview, CIV_TYPE_OVERVIEW_PAGE, "role_label"), ==, "Supervisor");

  /* Audit log, newest first, and the chain check. */
  _civ_main_window_show_page (window, "audit");
  civ_ui_test_wait_for (g_list_model_get_n_items (entries) >= 4);
  {
    g_autoptr (CivAuditItem) first = g_list_model_get_item (entries, 0);
    g_autoptr (CivAuditItem) second = g_list_model_get_item (entries, 1);
    g_assert_cmpint (civ_audit_item_get_seq (first), >, civ_audit_item_get_seq (second));
    g_assert_cmpstr (civ_audit_item_get_action (first), ==, "login");
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (audit), "audit.verify", NULL));
  civ_ui_test_wait_for (_civ_audit_page_get_status (audit) != NULL);
  g_assert_nonnull (strstr (_civ_audit_page_get_status (audit), "intact"));

  _civ_main_window_show_page (window, "users");
  civ_ui_test_wait_for (_civ_users_page_get_n_rows (users) == 3);

  /* A dialog open at lock time goes away with the lock. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "change-password", NULL);
  g_assert_nonnull (civ_ui_test_find_window (app, CIV_TYPE_PASSWORD_DIALOG));

  /* Lock: the content goes at once, the key once the worker has run. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "lock", NULL);
  g_assert_true (civ_session_get_locked (session));
  g_assert_true (_civ_main_window_shows_lock (window));
  g_assert_null (civ_ui_test_find_window (app, CIV_TYPE_PASSWORD_DIALOG));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);
  civ_ui_test_wait_for (civ_ui_test_store_locked (app));
  civ_ui_test_wait_for (!gtk_widget_get_mapped (leaflet));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (lock_page)));
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 0);
  g_assert_cmpuint (_civ_users_page_get_n_rows (users), ==, 0);
  g_assert_cmpstr (label_text (overview, CIV_TYPE_OVERVIEW_PAGE, "audit_label"), ==, "");
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "lock"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "change-password"));

  /* A wrong password keeps it locked. */
  unlock_with (window, "wrong-password");
  civ_ui_test_wait_for (gtk_widget_get_visible (lock_error));
  g_assert_true (civ_session_get_locked (session));
  g_assert_true (civ_ui_test_store_locked (app));
  g_assert_true (_civ_main_window_shows_lock (window));

  /* The right one brings the records back. */
  unlock_with (window, CIV_TEST_SUPERVISOR_PW);
  civ_ui_test_wait_for (!civ_session_get_locked (session));
  g_assert_false (civ_ui_test_store_locked (app));
  g_assert_false (_civ_main_window_shows_lock (window));
  g_assert_false (gtk_widget_get_visible (lock_error));
  civ_ui_test_wait_for (_civ_users_page_get_n_rows (users) == 3);

  /* Idle lock: not before the configured minutes, then at once. */
  {
    g_autoptr (GSettings) settings = g_settings_new ("org.civreg.Civreg");
    gint64 now = g_get_monotonic_time ();

    g_assert_cmpint (g_settings_get_int (settings, "idle-lock-minutes"), ==, 5);
    g_settings_set_int (settings, "idle-lock-minutes", 0);
    _civ_application_check_idle (app, now + G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC);
    g_assert_false (civ_session_get_locked (session));
    g_settings_set_int (settings, "idle-lock-minutes", 2);
    _civ_application_check_idle (app, now + G_GINT64_CONSTANT (60) * G_USEC_PER_SEC);
    g_assert_false (civ_session_get_locked (session));
    _civ_application_check_idle (app, now + G_GINT64_CONSTANT (121) * G_USEC_PER_SEC);
    g_assert_true (civ_session_get_locked (session));
    g_assert_true (_civ_main_window_shows_lock (window));
    civ_ui_test_wait_for (civ_ui_test_store_locked (app));
    g_settings_reset (settings, "idle-lock-minutes");
  }
  unlock_with (window, CIV_TEST_SUPERVISOR_PW);
  civ_ui_test_wait_for (!civ_session_get_locked (session));

  /* Ctrl+L is the lock shortcut. */
  {
    g_auto (GStrv) accels =
      gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.lock");
    g_assert_cmpstr (accels[0], ==, "<Control>l");
  }

  civ_ui_test_close_all (app);
}

static void
test_lock_unlock (Fixture *fx, gconstpointer data)
{
  civ_ui_test_run_app (fx->data_dir, lock_body, fx);
}

/* TRUE when @widget has a shortcut @trigger ("<Control>n") that activates
 * @action, with @argument (may be NULL): what a key press would do. */
static gboolean
has_shortcut (GtkWidget *widget, const char *trigger, const char *action, GVariant *argument)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr (GVariant) arg = argument ? g_variant_ref_sink (argument) : NULL;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
          g_autofree char *t = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          GtkShortcutAction *a = gtk_shortcut_get_action (shortcut);
          GVariant          *args = gtk_shortcut_get_arguments (shortcut);

          if (g_strcmp0 (t, trigger) == 0 && GTK_IS_NAMED_ACTION (a) &&
              g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (a)), action) == 0 &&
              (arg == NULL ? args == NULL : (args != NULL && g_variant_equal (args, arg))))
            return TRUE;
        }
    }
  return FALSE;
}

static GtkWidget *
visible_page (CivMainWindow *window)
{
  return adw_view_stack_get_visible_child (
    civ_ui_test_child (window, CIV_TYPE_MAIN_WINDOW, "view_stack"));
}

/* The first party's name on the marriage page. */
static gpointer
first_name_row (CivMainWindow *window)
{
  GtkWidget *page = _civ_main_window_get_page (window, "marriage");

  return civ_ui_test_child (civ_ui_test_child (page, CIV_TYPE_MARRIAGE_PAGE, "party_a"),
                            CIV_TYPE_PARTY_PANEL, "name_row");
}

static void
registrar_body (CivApplication *app, gpointer data)
{
  Fixture         *fx = data;
  CivMainWindow   *window = log_in (fx, app, "clerk", "Clerk-password");
  CivOverviewPage *overview = CIV_OVERVIEW_PAGE (_civ_main_window_get_page (window, "overview"));
  GtkListBox      *sidebar = civ_ui_test_child (window, CIV_TYPE_MAIN_WINDOW, "sidebar_list");

  g_assert_true (_civ_main_window_has_page (window, "overview"));
  g_assert_false (_civ_main_window_has_page (window, "users"));
  g_assert_false (_civ_main_window_has_page (window, "audit"));
  /* Overview, marriage and divorce registration, search. */
  g_assert_true (_civ_main_window_has_page (window, "marriage"));
  g_assert_true (_civ_main_window_has_page (window, "divorce"));
  g_assert_true (_civ_main_window_has_page (window, "search"));
  g_assert_nonnull (gtk_list_box_get_row_at_index (sidebar, 3));
  g_assert_null (gtk_list_box_get_row_at_index (sidebar, 4));
  g_assert_cmpstr (label_text (overview, CIV_TYPE_OVERVIEW_PAGE, "role_label"), ==, "Registrar");
  /* Choosing a page in the sidebar puts the focus in its first field. */
  for (guint i = 1; i <= 3; i++)
    {
      const char *names[] = { NULL, "marriage", "divorce", "search" };
      GtkWidget  *page = _civ_main_window_get_page (window, names[i]);
      GtkWidget  *focus;

      g_signal_emit_by_name (sidebar, "row-activated", gtk_list_box_get_row_at_index (sidebar, i));
      civ_ui_test_wait_for ((focus = gtk_root_get_focus (GTK_ROOT (window))) != NULL &&
                            gtk_widget_is_ancestor (focus, page));
      g_assert_true (adw_view_stack_get_visible_child (
                       civ_ui_test_child (window, CIV_TYPE_MAIN_WINDOW, "view_stack")) == page);
      g_assert_nonnull (focus);
      g_assert_true (gtk_widget_is_ancestor (focus, page));
      g_assert_true (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT (focus));
    }
  civ_ui_test_wait_for (*label_text (overview, CIV_TYPE_OVERVIEW_PAGE, "users_label") != '\0');
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "change-password"));

  /* The header bar's short tooltips are laid out on one line (GTK 4.8
   * stacks short Chinese tooltips one character per line). */
  g_assert_nonnull (
    g_object_get_data (G_OBJECT (civ_ui_test_find_menu_button (GTK_WIDGET (window))),
                       "civ-tooltip-fixed"));

  /* Keyboard: Ctrl+1 … Ctrl+9 go to the sidebar's pages, Ctrl+N to an
   * empty marriage form from anywhere. */
  for (int i = 1; i <= 9; i++)
    {
      g_autofree char *trigger = g_strdup_printf ("<Control>%d", i);
      g_assert_true (
        has_shortcut (GTK_WIDGET (window), trigger, "win.show-page", g_variant_new_int32 (i)));
    }
  g_assert_true (has_shortcut (GTK_WIDGET (window), "<Control>n", "win.new-registration", NULL));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "i", 2);
  g_assert_true (visible_page (window) == _civ_main_window_get_page (window, "marriage"));
  civ_ui_test_set_text (first_name_row (window), "张伟");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "i", 4);
  g_assert_true (visible_page (window) == _civ_main_window_get_page (window, "search"));
  /* Past the last page: nothing happens. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "i", 9);
  g_assert_true (visible_page (window) == _civ_main_window_get_page (window, "search"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-registration", NULL);
  g_assert_true (visible_page (window) == _civ_main_window_get_page (window, "marriage"));
  g_assert_cmpstr (gtk_editable_get_text (first_name_row (window)), ==, "");

  /* Log out and in again as the auditor: the audit log, but no users. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "logout", NULL);
  civ_ui_test_wait_for (fx->main_window == NULL);
  window = log_in (fx, app, "checker", "Checker-password");
  g_assert_true (_civ_main_window_has_page (window, "audit"));
  g_assert_false (_civ_main_window_has_page (window, "users"));
  g_assert_false (_civ_main_window_has_page (window, "marriage"));

  civ_ui_test_close_all (app);
}

static void
test_role_gating (Fixture *fx, gconstpointer data)
{
  civ_ui_test_run_app (fx->data_dir, registrar_body, fx);
}

static void
users_body (CivApplication *app, gpointer data)
{
  Fixture       *fx = data;
  CivMainWindow *window = log_in (fx, app, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW);
  CivUsersPage  *users = CIV_USERS_PAGE (_civ_main_window_get_page (window, "users"));
  GtkWindow     *dialog;
  GType          ut = CIV_TYPE_USER_DIALOG;
  GType          pt = CIV_TYPE_PASSWORD_DIALOG;
  GtkWidget     *button;

  _civ_main_window_show_page (window, "users");
  civ_ui_test_wait_for (_civ_users_page_get_n_rows (users) == 3);

  /* Add a user through the dialog. */
  civ_ui_test_click (civ_ui_test_child (users, CIV_TYPE_USERS_PAGE, "add_button"));
  dialog = civ_ui_test_find_window (app, ut);
  g_assert_nonnull (dialog);
  civ_ui_test_set_text (civ_ui_test_child (dialog, ut, "login_row"), "archive1");
  civ_ui_test_set_text (civ_ui_test_child (dialog, ut, "display_name_row"), "陈档案");
  adw_combo_row_set_selected (civ_ui_test_child (dialog, ut, "role_row"), CIV_ROLE_ARCHIVIST);
  civ_ui_test_set_text (civ_ui_test_child (dialog, ut, "password_row"), "Archive-password");
  civ_ui_test_set_text (civ_ui_test_child (dialog, ut, "confirm_row"), "Archive-passwrd");
  g_assert_false (gtk_widget_get_sensitive (civ_ui_test_child (dialog, ut, "add_button")));
  civ_ui_test_set_text (civ_ui_test_child (dialog, ut, "confirm_row"), "Archive-password");
  civ_ui_test_click (civ_ui_test_child (dialog, ut, "add_button"));
  civ_ui_test_wait_for (civ_ui_test_find_window (app, ut) == NULL);
  civ_ui_test_wait_for (_civ_users_page_get_n_rows (users) == 4);

  /* No button per row: a row menu naming the actions, with the login. */
  g_assert_null (civ_ui_test_find_button (GTK_WIDGET (users), "Reset Password…"));
  g_assert_null (civ_ui_test_find_button (GTK_WIDGET (users), "Disable…"));
  g_assert_null (_civ_users_page_get_row_menu (users, CIV_TEST_SUPERVISOR));
  g_assert_nonnull (_civ_users_page_get_row_menu (users, "clerk"));

  /* Reset the clerk's password, from the row menu's action. */
  g_assert_true (
    gtk_widget_activate_action (GTK_WIDGET (users), "users.reset-password", "s", "clerk"));
  dialog = civ_ui_test_find_window (app, pt);
  g_assert_nonnull (dialog);
  g_assert_false (gtk_widget_get_visible (civ_ui_test_child (dialog, pt, "current_row")));
  civ_ui_test_set_text (civ_ui_test_child (dialog, pt, "password_row"), "New-password-1");
  civ_ui_test_set_text (civ_ui_test_child (dialog, pt, "confirm_row"), "New-password-1");
  civ_ui_test_click (civ_ui_test_child (dialog, pt, "save_button"));
  civ_ui_test_wait_for (civ_ui_test_find_window (app, pt) == NULL);

  /* Disable a user after the confirmation. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (users), "users.disable", "s", "archive1"));
  dialog = civ_ui_test_find_window (app, ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  button = civ_ui_test_find_button (GTK_WIDGET (dialog), "_Disable");
  g_assert_nonnull (button);
  civ_ui_test_click (button);
  civ_ui_test_wait_for (civ_ui_test_find_window (app, ADW_TYPE_MESSAGE_DIALOG) == NULL);
  civ_ui_test_drain_worker (_civ_application_get_worker (app));
  civ_ui_test_wait_for (_civ_users_page_get_n_rows (users) == 4 &&
                        _civ_users_page_get_row_menu (users, "archive1") == NULL);

  /* Change my own password: the current one is checked. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "change-password", NULL);
  dialog = civ_ui_test_find_window (app, pt);
  g_assert_nonnull (dialog);
  civ_ui_test_set_text (civ_ui_test_child (dialog, pt, "current_row"), "Not-my-password");
  civ_ui_test_set_text (civ_ui_test_child (dialog, pt, "password_row"), "Supervisor-pw-2");
  civ_ui_test_set_text (civ_ui_test_child (dialog, pt, "confirm_row"), "Supervisor-pw-2");
  civ_ui_test_click (civ_ui_test_child (dialog, pt, "save_button"));
  civ_ui_test_wait_for (gtk_widget_get_visible (civ_ui_test_child (dialog, pt, "message_label")));
  g_assert_nonnull (civ_ui_test_find_window (app, pt));
  civ_ui_test_set_text (civ_ui_test_child (dialog, pt, "current_row"), CIV_TEST_SUPERVISOR_PW);
  civ_ui_test_click (civ_ui_test_child (dialog, pt, "save_button"));
  civ_ui_test_wait_for (civ_ui_test_find_window (app, pt) == NULL);

  civ_ui_test_close_all (app);
}

static void
test_manage_users (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (CivOperator) clerk = NULL;
  g_autoptr (GPtrArray) operators = NULL;
  guint disabled = 0;

  civ_ui_test_run_app (fx->data_dir, users_body, fx);

  /* What the dialogs did is in the office. */
  store = civ_store_open (fx->data_dir, CIV_TEST_SUPERVISOR, "Supervisor-pw-2", &error);
  g_assert_no_error (error);
  clerk = civ_store_find_operator (store, "archive1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (clerk->role, ==, CIV_ROLE_ARCHIVIST);
  operators = civ_store_list_operators (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < operators->len; i++)
    disabled += !((CivOperator *) g_ptr_array_index (operators, i))->enabled;
  g_assert_cmpuint (disabled, ==, 1);
}

/* The office of civ_ui_test_office_set_up () with a second registrar
 * "clerk2" given the adoption permission, and an adoption applied for on
 * 2026-03-02, assessed, under review (R-A10) with its deadline in April. */
static void
adoption_office_set_up (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (CivCalendar) calendar = civ_calendar_new ();
  g_autoptr (CivAdoptionResult) applied = NULL;
  g_autoptr (CivAdoptionResult) begun = NULL;
  g_autoptr (CivAdoptionResult) assessed = NULL;
  g_autofree char          *father = civ_test_make_id ("110101", "19850307", 11);
  g_autofree char          *mother = civ_test_make_id ("110101", "19870601", 22);
  g_autofree char          *child = civ_test_make_id ("110101", "20220510", 31);
  const char *const         team[] = { "赵评估", "钱评估", NULL };
  const char *const        *codes = civ_adoption_assessment_items ();
  CivAdoptionAssessmentItem items[16];
  CivAdoptionApplyInput     in = { 0 };
  CivAdoptionAssessment     a = { 0 };
  GDate                     day;

  civ_ui_test_office_set_up (fx, data);
  store = civ_store_open (fx->data_dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);
  g_assert_no_error (error);
  civ_test_add_operator (store, "clerk2", "周登记", CIV_ROLE_REGISTRAR, "Clerk2-password");
  g_assert_true (civ_users_set_grant (store, "clerk2", CIV_PERM_ADOPTION, TRUE, &error));
  g_assert_no_error (error);
  civ_calendar_add_year (calendar, 2026);
  civ_test_date (&day, 2026, 3, 2);
  in.application =
    "{\"application_date\": \"2026-03-02\", \"evaluation_date\": \"2026-03-02\","
    " \"relationship\": \"none\", \"birth_parent_consent\": false,"
    " \"child\": {\"name\": \"王小明\", \"sex\": \"male\", \"birth_date\": \"2022-05-10\","
    " \"basis\": \"parents-hardship\", \"in_welfare_institution\": false, \"consents\": true},"
    " \"placers\": [{\"kind\": \"birth-parent\", \"name\": \"张大山\", \"hardship\": true},"
    " {\"kind\": \"birth-parent\", \"name\": \"李秀英\", \"hardship\": true}],"
    " \"adopters\": [{\"name\": \"王强\", \"sex\": \"male\", \"birth_date\": \"1985-03-07\","
    " \"married\": true}, {\"name\": \"刘芳\", \"sex\": \"female\", \"birth_date\":"
    " \"1987-06-01\", \"married\": true}]}";
  in.child.doc_kind = "resident-id";
  in.child.doc_number = child;
  in.adopter[0].doc_kind = "resident-id";
  in.adopter[0].doc_number = father;
  in.adopter[1].doc_kind = "resident-id";
  in.adopter[1].doc_number = mother;
  applied = civ_adoption_apply (store, &in, &day, calendar, &error);
  g_assert_no_error (error);
  begun = civ_adoption_begin_assessment (store, applied->record_id, &day, calendar, &error);
  g_assert_no_error (error);
  for (guint i = 0; codes[i] != NULL; i++)
    {
      items[i].item = (char *) codes[i];
      items[i].satisfactory = TRUE;
      items[i].note = (char *) "";
      a.n_items++;
    }
  a.items = items;
  a.team_members = team;
  a.conclusion = CIV_ASSESSMENT_SUITABLE;
  a.conclusion_text = "适合收养";
  assessed = civ_adoption_record_assessment (store, applied->record_id, &a, &day, calendar, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (assessed->state, ==, "REVIEW_30D");
}

/* The overview's due list on 2026-05-04, after the review's deadline. */
static void
show_due_on_day (CivMainWindow *window, CivOverviewPage *overview)
{
  GDate day;

  civ_test_date (&day, 2026, 5, 4);
  _civ_main_window_set_today (window, &day);
  _civ_main_window_show_page (window, "search");
  _civ_main_window_show_page (window, "overview");
  civ_ui_test_wait_for (!_civ_overview_page_is_loading_due (overview));
}

/* The first row of the due list that opens an adoption, or NULL. */
static AdwActionRow *
adoption_due_row (CivOverviewPage *overview)
{
  GtkWidget *stack[64];
  int        top = 0;

  stack[top++] = civ_ui_test_child (overview, CIV_TYPE_OVERVIEW_PAGE, "due_group");
  while (top > 0)
    {
      GtkWidget *w = stack[--top];

      if (ADW_IS_ACTION_ROW (w) && g_object_get_data (G_OBJECT (w), "record-id") != NULL)
        return ADW_ACTION_ROW (w);
      for (GtkWidget *c = gtk_widget_get_first_child (w); c && top < 64;
           c = gtk_widget_get_next_sibling (c))
        stack[top++] = c;
    }
  return NULL;
}

static void
adoption_due_body (CivApplication *app, gpointer data)
{
  Fixture         *fx = data;
  CivMainWindow   *window = log_in (fx, app, "clerk", "Clerk-password");
  CivOverviewPage *overview = CIV_OVERVIEW_PAGE (_civ_main_window_get_page (window, "overview"));
  GtkWidget       *empty = civ_ui_test_child (overview, CIV_TYPE_OVERVIEW_PAGE, "due_empty_row");
  AdwActionRow    *row;

  /* R-A13: a registrar without the permission is not told an adoption is
   * due, not even as a count: nothing is due. */
  show_due_on_day (window, overview);
  g_assert_cmpuint (_civ_overview_page_get_n_adoptions_due (overview), ==, 0);
  g_assert_cmpuint (_civ_overview_page_get_n_due (overview), ==, 0);
  g_assert_null (adoption_due_row (overview));
  g_assert_true (gtk_widget_get_visible (empty));

  /* A registrar given it sees the review's deadline. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "logout", NULL);
  civ_ui_test_wait_for (fx->main_window == NULL);
  window = log_in (fx, app, "clerk2", "Clerk2-password");
  overview = CIV_OVERVIEW_PAGE (_civ_main_window_get_page (window, "overview"));
  empty = civ_ui_test_child (overview, CIV_TYPE_OVERVIEW_PAGE, "due_empty_row");
  show_due_on_day (window, overview);
  g_assert_cmpuint (_civ_overview_page_get_n_adoptions_due (overview), ==, 1);
  g_assert_false (gtk_widget_get_visible (empty));
  row = adoption_due_row (overview);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Adoption applied for on 2026-03-02");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "Deadline of the review: 2026-04"));
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  civ_ui_test_screenshot ("overview-adoption-due.png");

  civ_ui_test_close_all (app);
}

static void
test_adoption_due (Fixture *fx, gconstpointer data)
{
  civ_ui_test_run_app (fx->data_dir, adoption_due_body, fx);
}

int
main (int argc, char *argv[])
{
  civ_ui_test_init (&argc, &argv);

  g_test_add ("/ui/main/lock-unlock", Fixture, NULL, civ_ui_test_office_set_up, test_lock_unlock,
              civ_ui_test_office_tear_down);
  g_test_add ("/ui/main/role-gating", Fixture, NULL, civ_ui_test_office_set_up, test_role_gating,
              civ_ui_test_office_tear_down);
  g_test_add ("/ui/main/manage-users", Fixture, NULL, civ_ui_test_office_set_up, test_manage_users,
              civ_ui_test_office_tear_down);
  g_test_add ("/ui/main/adoption-due", Fixture, NULL, adoption_office_set_up, test_adoption_due,
              civ_ui_test_office_tear_down);
  return g_test_run ();
}
