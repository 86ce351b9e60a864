// SPDX-License-Identifier: GPL-3.0-or-later
/* test-ui-admin.c — the admin pages as a supervisor sees them (issue 11,
 * items 11 and 12): the audit log reads in words (every action labelled,
 * details as labelled fields, operators by display name, a wrong unlock
 * password as its own action), the chain check's result is shown once;
 * the users page has a row menu instead of a red button per row; no admin
 * page has more than one destructive button or a pink insensitive one;
 * mnemonics are unique on the search, users, audit and reports pages.
 *
 * Run untranslated and in zh_CN (CIVREG_TEST_TRANSLATED). With
 * CIVREG_SCREENSHOT_DIR set, screenshots are saved there. */
#include "civ-ui-test-utils.h"

#include <glib/gi18n.h>
#include <string.h>

#include "civ-audit-item.h"
#include "civ-audit-labels.h"
#include "civ-audit-page-private.h"
#include "civ-lock-page.h"
#include "civ-test-utils.h"
#include "civ-users-page-private.h"

/* An office with a registrar (clerk) and an auditor (checker). */
typedef CivUiTestOffice Fixture;

static gboolean
translated (void)
{
  return g_getenv ("CIVREG_TEST_TRANSLATED") != NULL;
}

static void
unlock_with (CivMainWindow *window, const char *password)
{
  CivLockPage *page = civ_ui_test_child (window, CIV_TYPE_MAIN_WINDOW, "lock_page");

  civ_ui_test_set_text (civ_ui_test_child (page, CIV_TYPE_LOCK_PAGE, "password_row"), password);
  civ_ui_test_click (civ_ui_test_child (page, CIV_TYPE_LOCK_PAGE, "unlock_button"));
}

/* Buttons under @root with the destructive style: how many are shown, and
 * none of them insensitive (an insensitive red button looks pink). */
static guint
count_destructive (GtkWidget *root)
{
  guint n = 0;

  if (!gtk_widget_get_visible (root))
    return 0;
  if (GTK_IS_BUTTON (root) && gtk_widget_has_css_class (root, "destructive-action"))
    {
      g_assert_true (gtk_widget_is_sensitive (root));
      n++;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    n += count_destructive (c);
  return n;
}

static gboolean
has_type (GtkWidget *root, const char *type_name)
{
  if (g_strcmp0 (G_OBJECT_TYPE_NAME (root), type_name) == 0)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    if (has_type (c, type_name))
      return TRUE;
  return FALSE;
}

static void
collect_labels (GtkWidget *widget, GPtrArray *texts)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (texts, (gpointer) gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_labels (c, texts);
}

static const CivAuditRecord *
find_entry (GListModel *entries, const char *action)
{
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr (CivAuditItem) item = g_list_model_get_item (entries, i);

      if (g_strcmp0 (civ_audit_item_get_action (item), action) == 0)
        return civ_audit_item_get_record (item); /* the store keeps the item */
    }
  return NULL;
}

static void
admin_body (CivApplication *app, gpointer data)
{
  Fixture       *fx = data;
  CivMainWindow *window;
  CivSession    *session;
  CivAuditPage  *audit;
  CivUsersPage  *users;
  GListModel    *entries;
  GtkWidget     *lock_error;

  window = civ_ui_test_present_main (app, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW,
                                     (CivMainWindow **) &fx->main_window);
  session = civ_main_window_get_session (window);
  audit = CIV_AUDIT_PAGE (_civ_main_window_get_page (window, "audit"));
  users = CIV_USERS_PAGE (_civ_main_window_get_page (window, "users"));
  lock_error = civ_ui_test_child (civ_ui_test_child (window, CIV_TYPE_MAIN_WINDOW, "lock_page"),
                                  CIV_TYPE_LOCK_PAGE, "error_label");

  /* A wrong password at the lock screen, then the right one. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "lock", NULL);
  civ_ui_test_wait_for (civ_ui_test_store_locked (app));
  unlock_with (window, "wrong-password");
  civ_ui_test_wait_for (gtk_widget_get_visible (lock_error));
  unlock_with (window, CIV_TEST_SUPERVISOR_PW);
  civ_ui_test_wait_for (!civ_session_get_locked (session));

  /* The audit log in words. */
  _civ_main_window_show_page (window, "audit");
  entries = _civ_audit_page_get_model (audit);
  civ_ui_test_wait_for (find_entry (entries, "unlock") != NULL);
  {
    const CivAuditRecord *failed = find_entry (entries, "session.unlock-failed");
    const CivAuditRecord *added = find_entry (entries, "operator.add");

    g_assert_nonnull (failed);
    g_assert_null (find_entry (entries, "login.failed"));
    g_assert_cmpstr (failed->action_text, ==, _ ("Unlock failed"));
    g_assert_cmpstr (failed->actor, ==, CIV_TEST_SUPERVISOR);
    g_assert_cmpstr (failed->actor_name, ==, "王主任");
    g_assert_nonnull (added);
    g_assert_null (strchr (added->detail_text, '{'));
    g_assert_nonnull (strstr (added->detail_text, _ ("Role")));
  }
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr (CivAuditItem) item = g_list_model_get_item (entries, i);

      g_assert_true (civ_audit_action_is_known (civ_audit_item_get_action (item)));
    }
  /* What is on screen: no JSON, no action code. */
  civ_ui_test_wait_for (gtk_widget_get_mapped (GTK_WIDGET (audit)));
  civ_ui_test_spin (200);
  {
    g_autoptr (GPtrArray) texts = g_ptr_array_new ();

    collect_labels (GTK_WIDGET (audit), texts);
    g_assert_cmpuint (texts->len, >, 10);
    for (guint i = 0; i < texts->len; i++)
      {
        const char *text = g_ptr_array_index (texts, i);

        g_assert_false (text[0] == '{');
        g_assert_cmpstr (text, !=, "session.unlock-failed");
        g_assert_cmpstr (text, !=, "operator.add");
        g_assert_cmpstr (text, !=, CIV_TEST_SUPERVISOR);
      }
  }
  /* The chain check's result: once, beside the button, no toast. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (audit), "audit.verify", NULL));
  civ_ui_test_wait_for (_civ_audit_page_get_status (audit) != NULL);
  civ_ui_test_spin (100);
  g_assert_false (has_type (GTK_WIDGET (window), "AdwToastWidget"));
  civ_ui_test_screenshot (translated () ? "audit-zh_CN.png" : "audit.png");
  g_assert_cmpuint (count_destructive (GTK_WIDGET (audit)), <=, 1);
  civ_ui_test_assert_unique_mnemonics (GTK_WIDGET (audit));

  /* Users: a row menu naming the existing actions with the login. */
  _civ_main_window_show_page (window, "users");
  civ_ui_test_wait_for (_civ_users_page_get_n_rows (users) == 3);
  civ_ui_test_wait_for (gtk_widget_get_mapped (GTK_WIDGET (users)));
  {
    GtkMenuButton   *menu_button = _civ_users_page_get_row_menu (users, "clerk");
    GMenuModel      *menu;
    g_autofree char *action = NULL;
    g_autoptr (GVariant) target = NULL;

    g_assert_nonnull (menu_button);
    g_assert_null (_civ_users_page_get_row_menu (users, CIV_TEST_SUPERVISOR));
    menu = gtk_menu_button_get_menu_model (menu_button);
    g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 3);
    g_assert_true (
      g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_ACTION, "s", &action));
    g_assert_cmpstr (action, ==, "users.reset-password");
    g_clear_pointer (&action, g_free);
    g_assert_true (
      g_menu_model_get_item_attribute (menu, 1, G_MENU_ATTRIBUTE_ACTION, "s", &action));
    g_assert_cmpstr (action, ==, "users.unlock");
    g_clear_pointer (&action, g_free);
    g_assert_true (
      g_menu_model_get_item_attribute (menu, 2, G_MENU_ATTRIBUTE_ACTION, "s", &action));
    g_assert_cmpstr (action, ==, "users.disable");
    target = g_menu_model_get_item_attribute_value (menu, 2, G_MENU_ATTRIBUTE_TARGET,
                                                    G_VARIANT_TYPE_STRING);
    g_assert_cmpstr (g_variant_get_string (target, NULL), ==, "clerk");
    g_assert_cmpstr (gtk_menu_button_get_icon_name (menu_button), ==, "view-more-symbolic");
  }
  civ_ui_test_spin (100);
  civ_ui_test_screenshot (translated () ? "users-zh_CN.png" : "users.png");
  g_assert_cmpuint (count_destructive (GTK_WIDGET (users)), ==, 0);
  civ_ui_test_assert_unique_mnemonics (GTK_WIDGET (users));

  /* The other admin pages and the search page: one red button at most,
   * none pink, every mnemonic once. */
  for (const char *const *id = (const char *const[]){ "overview", "reports", "search", NULL }; *id;
       id++)
    {
      GtkWidget *page = _civ_main_window_get_page (window, *id);

      if (page == NULL)
        continue;
      _civ_main_window_show_page (window, *id);
      civ_ui_test_wait_for (gtk_widget_get_mapped (page));
      civ_ui_test_spin (200);
      g_test_message ("page %s", *id);
      g_assert_cmpuint (count_destructive (page), <=, 1);
      civ_ui_test_assert_unique_mnemonics (page);
    }

  civ_ui_test_close_all (app);
}

static gboolean
login_idle (CivLoginWindow *window)
{
  return !gtk_widget_get_visible (civ_ui_test_child (window, CIV_TYPE_LOGIN_WINDOW, "spinner"));
}

/* A login locked by five failures: the login window says so (until when,
 * and that a supervisor can unlock it) even for the right password; the
 * users page marks the row and its menu unlocks it (issue 12, item 5). */
static void
lockout_body (CivApplication *app, gpointer data)
{
  Fixture        *fx = data;
  CivLoginWindow *login = _civ_application_get_login_window (app);
  GType           t = CIV_TYPE_LOGIN_WINDOW;
  GtkWidget      *error_label;
  CivMainWindow  *window;
  CivUsersPage   *users;

  g_assert_nonnull (login);
  error_label = civ_ui_test_child (login, t, "error_label");
  civ_ui_test_set_text (civ_ui_test_child (login, t, "user_row"), "clerk");
  for (int i = 0; i < 5; i++)
    {
      civ_ui_test_set_text (civ_ui_test_child (login, t, "password_row"), "Not-the-pw-1");
      civ_ui_test_click (civ_ui_test_child (login, t, "login_button"));
      civ_ui_test_wait_for (login_idle (login));
      g_assert_true (gtk_widget_get_visible (error_label));
    }
  civ_ui_test_set_text (civ_ui_test_child (login, t, "password_row"), "Clerk-password");
  civ_ui_test_click (civ_ui_test_child (login, t, "login_button"));
  civ_ui_test_wait_for (login_idle (login));
  g_assert_null (_civ_application_get_session (app));
  g_test_message ("%s", gtk_label_get_label (GTK_LABEL (error_label)));
  g_assert_true (civ_store_login_locked_until (fx->data_dir, "clerk", NULL));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (error_label)), !=,
                   _ ("Wrong user name or password."));
  civ_ui_test_screenshot (translated () ? "login-locked-zh_CN.png" : "login-locked.png");

  window = civ_ui_test_log_in (app, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW);
  users = CIV_USERS_PAGE (_civ_main_window_get_page (window, "users"));
  _civ_main_window_show_page (window, "users");
  civ_ui_test_wait_for (_civ_users_page_row_is_locked (users, "clerk"));
  g_assert_false (_civ_users_page_row_is_locked (users, "checker"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (users), "users.unlock", "s", "clerk"));
  civ_ui_test_wait_for (!civ_store_login_locked_until (fx->data_dir, "clerk", NULL) &&
                        _civ_users_page_get_n_rows (users) == 3 &&
                        !_civ_users_page_row_is_locked (users, "clerk"));
  civ_ui_test_close_all (app);
}

static void
test_lockout (Fixture *fx, gconstpointer data)
{
  civ_ui_test_run_app (fx->data_dir, lockout_body, fx);
}

static void
test_admin (Fixture *fx, gconstpointer data)
{
  civ_ui_test_run_app (fx->data_dir, admin_body, fx);
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
  g_test_add ("/ui/admin/pages", Fixture, NULL, civ_ui_test_office_set_up, test_admin,
              civ_ui_test_office_tear_down);
  g_test_add ("/ui/admin/lockout", Fixture, NULL, civ_ui_test_office_set_up, test_lockout,
              civ_ui_test_office_tear_down);
  return g_test_run ();
}
