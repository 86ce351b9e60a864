// SPDX-License-Identifier: GPL-3.0-or-later
/* test-ui-setup.c — the first-run assistant creates an office and shows the
 * recovery code once */
#include "civ-ui-test-utils.h"

#include "civ-test-utils.h"

#include <string.h>

typedef struct
{
  char    *data_dir;
  char    *recovery_code;
  gpointer setup_window;
} Fixture;

static gboolean
code_is_well_formed (const char *code)
{
  g_auto (GStrv) groups = g_strsplit (code, "-", -1);

  if (g_strv_length (groups) != 6)
    return FALSE;
  for (guint i = 0; groups[i]; i++)
    if (strlen (groups[i]) != 5)
      return FALSE;
  return TRUE;
}

static void
setup_body (CivApplication *app, gpointer data)
{
  Fixture        *fx = data;
  CivSetupWindow *window = _civ_application_get_setup_window (app);
  GType           t = CIV_TYPE_SETUP_WINDOW;
  GtkWidget      *create, *message, *code_row, *recovery, *check, *next;

  g_assert_nonnull (window);
  g_assert_null (_civ_application_get_login_window (app));
  fx->setup_window = window;
  g_object_add_weak_pointer (G_OBJECT (window), &fx->setup_window);

  create = civ_ui_test_child (window, t, "create_button");
  message = civ_ui_test_child (window, t, "message_label");
  code_row = civ_ui_test_child (window, t, "office_code_row");
  g_assert_false (gtk_widget_get_sensitive (create));

  /* Live validation: a wrong division code is named and blocks the form. */
  civ_ui_test_set_text (civ_ui_test_child (window, t, "office_name_row"), "东城区婚姻登记处");
  civ_ui_test_set_text (code_row, "1101x");
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (message)), "6 digits"));
  g_assert_true (gtk_widget_has_css_class (code_row, "error"));
  civ_ui_test_set_text (code_row, "110101");
  g_assert_false (gtk_widget_get_visible (message));
  g_assert_false (gtk_widget_has_css_class (code_row, "error"));

  civ_ui_test_set_text (civ_ui_test_child (window, t, "login_row"), "Boss");
  g_assert_true (gtk_widget_get_visible (message));
  civ_ui_test_set_text (civ_ui_test_child (window, t, "login_row"), "wang");
  civ_ui_test_set_text (civ_ui_test_child (window, t, "display_name_row"), "王主任");
  civ_ui_test_set_text (civ_ui_test_child (window, t, "password_row"), "short");
  g_assert_true (gtk_widget_get_visible (message));
  civ_ui_test_set_text (civ_ui_test_child (window, t, "password_row"), "First-supervisor");
  civ_ui_test_set_text (civ_ui_test_child (window, t, "confirm_row"), "First-supervisr");
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (message)), "do not match"));
  g_assert_false (gtk_widget_get_sensitive (create));
  civ_ui_test_set_text (civ_ui_test_child (window, t, "confirm_row"), "First-supervisor");
  g_assert_false (gtk_widget_get_visible (message));
  g_assert_true (gtk_widget_get_sensitive (create));

  civ_ui_test_click (create);
  civ_ui_test_wait_for (
    g_strcmp0 (gtk_stack_get_visible_child_name (civ_ui_test_child (window, t, "stack")),
               "recovery") == 0);
  g_assert_true (civ_store_exists (fx->data_dir));

  /* Shown as two lines of three groups. */
  recovery = civ_ui_test_child (window, t, "recovery_label");
  g_assert_nonnull (strchr (gtk_label_get_label (GTK_LABEL (recovery)), '\n'));
  fx->recovery_code =
    g_strdelimit (g_strdup (gtk_label_get_label (GTK_LABEL (recovery))), "\n", '-');
  g_assert_true (code_is_well_formed (fx->recovery_code));
  /* The passwords no longer sit in the form. */
  g_assert_cmpstr (gtk_editable_get_text (civ_ui_test_child (window, t, "password_row")), ==, "");

  /* Continue only after confirming the code is written down. */
  check = civ_ui_test_child (window, t, "written_check");
  next = civ_ui_test_find_button (GTK_WIDGET (window), "_Continue to Log In");
  g_assert_nonnull (next);
  g_assert_false (gtk_widget_get_sensitive (next));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  civ_ui_test_click (next);

  civ_ui_test_wait_for (_civ_application_get_login_window (app) != NULL);
  civ_ui_test_wait_for (fx->setup_window == NULL);

  /* The new office opens with the supervisor's password. */
  civ_ui_test_log_in (app, "wang", "First-supervisor");
  g_assert_cmpstr (civ_session_get_office_name (_civ_application_get_session (app)), ==,
                   "东城区婚姻登记处");
  g_assert_cmpint (civ_session_get_role (_civ_application_get_session (app)), ==,
                   CIV_ROLE_SUPERVISOR);
  civ_ui_test_close_all (app);
}

static void
test_setup_creates_office (void)
{
  g_autofree char *parent = civ_test_mkdtemp ();
  Fixture          fx = { 0 };

  fx.data_dir = g_build_filename (parent, "office", NULL);
  civ_ui_test_run_app (fx.data_dir, setup_body, &fx);
  g_assert_null (fx.setup_window);

  /* The code shown is the office's real recovery code. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (CivStore) store =
      civ_store_recover (fx.data_dir, fx.recovery_code, "wang", "after-recovery", &error);
    g_assert_no_error (error);
    g_assert_nonnull (store);
  }
  g_free (fx.recovery_code);
  g_free (fx.data_dir);
  civ_test_rmdir (parent);
}

int
main (int argc, char *argv[])
{
  civ_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/setup/creates-office", test_setup_creates_office);
  return g_test_run ();
}
