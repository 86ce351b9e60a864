/* test-ui-smoke.c — every templated widget builds from its .ui and goes away
 * again, so a template that names a missing widget or property fails here */
#include "civ-ui-test-utils.h"

#include "civ-audit-page.h"
#include "civ-divorce-page.h"
#include "civ-lock-page.h"
#include "civ-marriage-page.h"
#include "civ-overview-page.h"
#include "civ-party-panel.h"
#include "civ-password-dialog.h"
#include "civ-user-dialog.h"
#include "civ-users-page.h"

static void
check_window (GType type)
{
  GtkWindow *window = g_object_new (type, NULL);
  gpointer   weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_present (window);
  civ_ui_test_wait_for (gtk_widget_get_mapped (GTK_WIDGET (window)));
  gtk_window_destroy (window);
  civ_ui_test_wait_for (weak == NULL);
}

static void
check_widget (GType type)
{
  GtkWidget *widget = g_object_ref_sink (g_object_new (type, NULL));
  gpointer   weak = widget;

  g_object_add_weak_pointer (G_OBJECT (widget), &weak);
  g_object_unref (widget);
  civ_ui_test_wait_for (weak == NULL);
}

static void
test_windows (void)
{
  check_window (CIV_TYPE_SETUP_WINDOW);
  check_window (CIV_TYPE_LOGIN_WINDOW);
  check_window (CIV_TYPE_MAIN_WINDOW);
  check_window (CIV_TYPE_USER_DIALOG);
  check_window (CIV_TYPE_PASSWORD_DIALOG);
}

static void
test_pages (void)
{
  check_widget (CIV_TYPE_OVERVIEW_PAGE);
  check_widget (CIV_TYPE_USERS_PAGE);
  check_widget (CIV_TYPE_AUDIT_PAGE);
  check_widget (CIV_TYPE_LOCK_PAGE);
  check_widget (CIV_TYPE_MARRIAGE_PAGE);
  check_widget (CIV_TYPE_PARTY_PANEL);
  check_widget (CIV_TYPE_DIVORCE_PAGE);
}

static void
test_help_overlay (void)
{
  g_autoptr (GtkBuilder) builder =
    gtk_builder_new_from_resource ("/org/civreg/Civreg/gtk/help-overlay.ui");
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

static void
test_style_resource (void)
{
  g_autoptr (GBytes) css =
    g_resources_lookup_data ("/org/civreg/Civreg/style.css", G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  g_assert_nonnull (css);
  g_assert_cmpuint (g_bytes_get_size (css), >, 0);
}

int
main (int argc, char *argv[])
{
  civ_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/smoke/windows", test_windows);
  g_test_add_func ("/ui/smoke/pages", test_pages);
  g_test_add_func ("/ui/smoke/help-overlay", test_help_overlay);
  g_test_add_func ("/ui/smoke/style", test_style_resource);
  return g_test_run ();
}
