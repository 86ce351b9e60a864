// SPDX-License-Identifier: GPL-3.0-or-later
/* test-ui-login.c — the login window: a wrong password, then the right one */
#include "civ-ui-test-utils.h"

#include "civ-test-utils.h"

typedef struct
{
  char    *data_dir;
  gpointer login_window;
  gpointer main_window;
} Fixture;

static gboolean
busy_done (CivLoginWindow *window)
{
  return !gtk_widget_get_visible (civ_ui_test_child (window, CIV_TYPE_LOGIN_WINDOW, "spinner"));
}

static void
login_body (CivApplication *app, gpointer data)
{
  Fixture        *fx = data;
  CivLoginWindow *window = _civ_application_get_login_window (app);
  GType           t = CIV_TYPE_LOGIN_WINDOW;
  GtkWidget      *user, *password, *button, *error, *status, *focus;

  g_assert_nonnull (window);
  g_assert_null (_civ_application_get_setup_window (app));
  fx->login_window = window;
  g_object_add_weak_pointer (G_OBJECT (window), &fx->login_window);

  user = civ_ui_test_child (window, t, "user_row");
  password = civ_ui_test_child (window, t, "password_row");
  button = civ_ui_test_child (window, t, "login_button");
  error = civ_ui_test_child (window, t, "error_label");
  status = civ_ui_test_child (window, t, "status_page");

  /* Nothing to submit yet. */
  g_assert_false (gtk_widget_get_sensitive (button));
  /* Before any login this folder has no remembered office name. */
  g_assert_nonnull (adw_status_page_get_description (ADW_STATUS_PAGE (status)));

  civ_ui_test_set_text (user, CIV_TEST_SUPERVISOR);
  civ_ui_test_set_text (password, "not-the-password");
  civ_ui_test_click (button);
  /* The spinner runs while Argon2id works on the worker. */
  g_assert_true (gtk_widget_get_visible (civ_ui_test_child (window, t, "spinner")));
  g_assert_false (gtk_widget_get_sensitive (password));
  civ_ui_test_wait_for (busy_done (window));

  g_assert_true (gtk_widget_get_visible (error));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (error)), ==, "Wrong user name or password.");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (password)), ==, "");
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (focus == password || gtk_widget_is_ancestor (focus, password));
  g_assert_null (_civ_application_get_session (app));

  /* An unknown user gets the same message: names are not revealed. */
  civ_ui_test_set_text (user, "nobody");
  civ_ui_test_set_text (password, CIV_TEST_SUPERVISOR_PW);
  civ_ui_test_click (button);
  civ_ui_test_wait_for (busy_done (window));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (error)), ==, "Wrong user name or password.");

  civ_ui_test_set_text (user, CIV_TEST_SUPERVISOR);
  civ_ui_test_set_text (password, CIV_TEST_SUPERVISOR_PW);
  civ_ui_test_click (button);
  civ_ui_test_wait_for (_civ_application_get_main_window (app) != NULL);
  fx->main_window = _civ_application_get_main_window (app);
  g_object_add_weak_pointer (G_OBJECT (fx->main_window), &fx->main_window);
  civ_ui_test_wait_for (fx->login_window == NULL);

  g_assert_cmpstr (civ_session_get_login (_civ_application_get_session (app)), ==,
                   CIV_TEST_SUPERVISOR);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fx->main_window)), ==,
                   "北京市东城区婚姻登记处");

  /* Log out: back to the login window, which now names the office. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "logout", NULL);
  civ_ui_test_wait_for (fx->main_window == NULL);
  window = _civ_application_get_login_window (app);
  g_assert_nonnull (window);
  g_assert_null (_civ_application_get_session (app));
  g_assert_cmpstr (adw_status_page_get_title (civ_ui_test_child (window, t, "status_page")), ==,
                   "北京市东城区婚姻登记处");

  civ_ui_test_close_all (app);
}

static void
test_login_wrong_then_right (void)
{
  g_autoptr (CivStore) store = NULL;
  Fixture fx = { 0 };

  store = civ_test_new_office (&fx.data_dir, NULL);
  g_clear_object (&store);

  civ_ui_test_run_app (fx.data_dir, login_body, &fx);
  g_assert_null (fx.login_window);
  g_assert_null (fx.main_window);

  /* The failed attempts and the log-out are in the audit log. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (GPtrArray) entries = NULL;
    guint failed = 0, logout = 0;

    store = civ_store_open (fx.data_dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);
    g_assert_no_error (error);
    entries = civ_audit_list (civ_store_get_db (store), 0, 0, NULL, NULL, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < entries->len; i++)
      {
        CivAuditEntry *e = g_ptr_array_index (entries, i);
        failed += g_strcmp0 (e->action, "login.failed") == 0;
        logout += g_strcmp0 (e->action, "logout") == 0;
      }
    g_assert_cmpuint (failed, ==, 2);
    g_assert_cmpuint (logout, ==, 1);
    g_clear_object (&store);
  }
  civ_test_rmdir (fx.data_dir);
  g_free (fx.data_dir);
}

int
main (int argc, char *argv[])
{
  civ_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/login/wrong-then-right", test_login_wrong_then_right);
  return g_test_run ();
}
