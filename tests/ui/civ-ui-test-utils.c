// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-ui-test-utils.c — helpers for the UI tests */
#include "civ-ui-test-utils.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civ-test-utils.h"

static char *test_home;

static void
remove_test_home (void)
{
  civ_test_rmdir (test_home);
  g_free (test_home);
}

/* libadwaita 1.7's AdwMessageDialog (deprecated since 1.6) measures the
 * height of its large heading label at the dialog's width even when that
 * heading is wider and the dialog shows its small one instead; GTK 4.18
 * warns about it, and a test makes every warning fatal. Only that warning,
 * about a label inside a message dialog, is let through (as a test message);
 * any other, from a label of ours too, stays fatal. GTK 4.8 never warns. */
static GLogWriterOutput
log_writer (GLogLevelFlags log_level, const GLogField *fields, gsize n_fields, gpointer user_data)
{
  const char *domain = NULL;
  const char *message = NULL;
  void       *widget = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (strcmp (fields[i].key, "GLIB_DOMAIN") == 0)
        domain = fields[i].value;
      else if (strcmp (fields[i].key, "MESSAGE") == 0)
        message = fields[i].value;
    }
  if ((log_level & G_LOG_LEVEL_WARNING) && g_strcmp0 (domain, "Gtk") == 0 && message != NULL &&
      sscanf (message, "Trying to measure GtkLabel %p for width of", &widget) == 1 &&
      GTK_IS_LABEL (widget) && gtk_widget_get_ancestor (widget, ADW_TYPE_MESSAGE_DIALOG) != NULL)
    {
      g_test_message ("libadwaita's message dialog heading: %s", message);
      return G_LOG_WRITER_HANDLED;
    }
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

void
civ_ui_test_init (int *argc, char ***argv)
{
  g_autofree char  *home = NULL;
  const char *const dirs[] = { "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME",
                               "XDG_STATE_HOME" };

  /* The user's own folders go to a fresh temporary folder, but not the
   * system data folders as G_TEST_OPTION_ISOLATE_DIRS would: GTK needs the
   * shared MIME database there to load the application's SVG icon. */
  g_test_init (argc, argv, NULL);
  g_log_set_writer_func (log_writer, NULL, NULL);
  home = g_dir_make_tmp ("civreg-ui-test-XXXXXX", NULL);
  g_assert_nonnull (home);
  test_home = g_strdup (home);
  atexit (remove_test_home);
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir = g_build_filename (home, dirs[i], NULL);
      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      g_setenv (dirs[i], dir, TRUE);
    }
  gtk_init ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

gboolean
civ_ui_test_tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

gboolean
civ_ui_test_wait (gboolean (*check) (gpointer data), gpointer data, guint timeout_ms)
{
  gint64   end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  guint    tick = g_timeout_add (20, civ_ui_test_tick, NULL);
  gboolean ok;

  while (!(ok = check (data)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  return ok;
}

typedef struct
{
  CivUiTestBody body;
  gpointer      data;
  gboolean      ran;
} RunData;

static void
on_activate_cb (GApplication *app, RunData *run)
{
  if (run->ran)
    return;
  run->ran = TRUE;
  run->body (CIV_APPLICATION (app), run->data);
}

void
civ_ui_test_run_app (const char *data_dir, CivUiTestBody body, gpointer data)
{
  g_autoptr (CivApplication) app = civ_application_new (data_dir, G_APPLICATION_NON_UNIQUE);
  RunData run = { body, data, FALSE };
  int     status;

  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_cb), &run);
  status = g_application_run (G_APPLICATION (app), 0, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (run.ran);
}

static gboolean
no_windows (gpointer data)
{
  return gtk_application_get_windows (GTK_APPLICATION (data)) == NULL;
}

void
civ_ui_test_close_all (CivApplication *app)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));

  for (GList *l = windows; l; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (windows);
  g_assert_true (civ_ui_test_wait (no_windows, app, 5000));
}

gpointer
civ_ui_test_child (gpointer widget, GType type, const char *id)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, id);

  g_assert_nonnull (child);
  return child;
}

void
civ_ui_test_set_text (gpointer editable, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
}

void
civ_ui_test_click (gpointer button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  g_signal_emit_by_name (button, "clicked");
}

static const char *
button_label (GtkWidget *button)
{
  GtkWidget *child = gtk_button_get_child (GTK_BUTTON (button));

  if (ADW_IS_BUTTON_CONTENT (child))
    return adw_button_content_get_label (ADW_BUTTON_CONTENT (child));
  return gtk_button_get_label (GTK_BUTTON (button));
}

GtkWidget *
civ_ui_test_find_button (GtkWidget *root, const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (button_label (root), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = civ_ui_test_find_button (child, label);
      if (found)
        return found;
    }
  return NULL;
}

GtkWindow *
civ_ui_test_find_window (CivApplication *app, GType type)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type))
      return l->data;
  return NULL;
}

CivMainWindow *
civ_ui_test_log_in (CivApplication *app, const char *login, const char *password)
{
  CivLoginWindow *window = _civ_application_get_login_window (app);

  g_assert_nonnull (window);
  civ_ui_test_set_text (civ_ui_test_child (window, CIV_TYPE_LOGIN_WINDOW, "user_row"), login);
  civ_ui_test_set_text (civ_ui_test_child (window, CIV_TYPE_LOGIN_WINDOW, "password_row"),
                        password);
  civ_ui_test_click (civ_ui_test_child (window, CIV_TYPE_LOGIN_WINDOW, "login_button"));
  civ_ui_test_wait_for (_civ_application_get_main_window (app) != NULL);
  return _civ_application_get_main_window (app);
}

static void
marker_job (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  g_task_return_boolean (task, TRUE);
}

static void
on_marker_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
}

void
civ_ui_test_drain_worker (CivWorker *worker)
{
  g_autoptr (GTask) task = NULL;
  gboolean done = FALSE;

  task = g_task_new (NULL, NULL, on_marker_done_cb, &done);
  civ_worker_run (worker, task, marker_job);
  g_clear_object (&task);
  civ_ui_test_wait_for (done);
}

gboolean
civ_ui_test_store_locked (CivApplication *app)
{
  civ_ui_test_drain_worker (_civ_application_get_worker (app));
  return civ_store_is_locked (_civ_session_peek_store (_civ_application_get_session (app)));
}

GtkWidget *
civ_ui_test_find_search_entry (GtkWidget *widget)
{
  if (GTK_IS_SEARCH_ENTRY (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = civ_ui_test_find_search_entry (c);
      if (found)
        return found;
    }
  return NULL;
}

CivMainWindow *
civ_ui_test_present_main (CivApplication *app,
                          const char     *login,
                          const char     *password,
                          CivMainWindow **slot)
{
  CivMainWindow *window = civ_ui_test_log_in (app, login, password);

  *slot = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) slot);
  gtk_window_present (GTK_WINDOW (window));
  civ_ui_test_wait_for (gtk_widget_get_mapped (GTK_WIDGET (window)));
  return window;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

void
civ_ui_test_spin (guint ms)
{
  civ_ui_test_wait (never, NULL, ms);
}

void
civ_ui_test_screenshot (const char *name)
{
  const char      *dir = g_getenv ("CIVREG_SCREENSHOT_DIR");
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  if (dir == NULL || *dir == '\0')
    return;
  civ_ui_test_spin (600);
  path = g_build_filename (dir, name, NULL);
  {
    const char *argv[] = { "import", "-window", "root", path, NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status,
                  &error);
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

void
civ_ui_test_fill_party (CivPartyPanel *panel, const char *name, const char *number)
{
  GType pt = CIV_TYPE_PARTY_PANEL;

  civ_ui_test_set_text (civ_ui_test_child (panel, pt, "name_row"), name);
  civ_ui_test_set_text (civ_ui_test_child (panel, pt, "number_row"), number);
  civ_ui_test_set_text (civ_ui_test_child (panel, pt, "ethnicity_row"), "汉族");
  gtk_switch_set_active (civ_ui_test_child (panel, pt, "present_switch"), TRUE);
  gtk_switch_set_active (civ_ui_test_child (panel, pt, "consent_switch"), TRUE);
  gtk_switch_set_active (civ_ui_test_child (panel, pt, "declaration_switch"), TRUE);
  gtk_switch_set_active (civ_ui_test_child (panel, pt, "documents_switch"), TRUE);
}

/* The widget a mnemonic label stands for: its row or button, else itself. */
static GtkWidget *
mnemonic_owner (GtkWidget *label)
{
  for (GtkWidget *w = label; w != NULL; w = gtk_widget_get_parent (w))
    if (GTK_IS_BUTTON (w) || ADW_IS_PREFERENCES_ROW (w) || GTK_IS_CHECK_BUTTON (w))
      return w;
  return label;
}

static void
collect_mnemonics (GtkWidget *widget, GHashTable *owners)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget) && gtk_label_get_use_underline (GTK_LABEL (widget)) &&
      gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)) != GDK_KEY_VoidSymbol &&
      gtk_widget_is_visible (widget))
    {
      GtkWidget *owner = mnemonic_owner (widget);

      if (!g_hash_table_contains (owners, owner))
        g_hash_table_insert (owners, owner, widget);
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    collect_mnemonics (c, owners);
}

char **
civ_ui_test_duplicate_mnemonics (GtkWidget *root)
{
  g_autoptr (GHashTable) owners = g_hash_table_new (NULL, NULL);
  g_autoptr (GHashTable) by_key = g_hash_table_new (NULL, NULL);
  g_autoptr (GStrvBuilder) clashes = g_strv_builder_new ();
  GHashTableIter iter;
  gpointer       owner, label;

  collect_mnemonics (root, owners);
  /* Count the owners of each key first, then name every one of a shared key. */
  g_hash_table_iter_init (&iter, owners);
  while (g_hash_table_iter_next (&iter, &owner, &label))
    {
      guint key = gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (label));
      g_hash_table_insert (by_key, GUINT_TO_POINTER (key),
                           GUINT_TO_POINTER (
                             GPOINTER_TO_UINT (
                               g_hash_table_lookup (by_key, GUINT_TO_POINTER (key))) +
                             1));
    }
  g_hash_table_iter_init (&iter, owners);
  while (g_hash_table_iter_next (&iter, &owner, &label))
    {
      guint key = gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (label));

      if (GPOINTER_TO_UINT (g_hash_table_lookup (by_key, GUINT_TO_POINTER (key))) > 1)
        {
          g_autofree char *line =
            g_strdup_printf ("%s: %s", gdk_keyval_name (key), gtk_label_get_label (label));
          g_strv_builder_add (clashes, line);
        }
    }
  return g_strv_builder_end (clashes);
}

guint
civ_ui_test_assert_unique_mnemonics (GtkWidget *root)
{
  g_autoptr (GHashTable) owners = g_hash_table_new (NULL, NULL);
  g_auto (GStrv) clashes = civ_ui_test_duplicate_mnemonics (root);

  collect_mnemonics (root, owners);
  for (guint i = 0; clashes[i] != NULL; i++)
    g_test_message ("shared mnemonic under %s: %s", G_OBJECT_TYPE_NAME (root), clashes[i]);
  g_assert_cmpuint (g_strv_length (clashes), ==, 0);
  return g_hash_table_size (owners);
}

GtkMenuButton *
civ_ui_test_find_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)))
    return GTK_MENU_BUTTON (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkMenuButton *button = civ_ui_test_find_menu_button (c);
      if (button != NULL)
        return button;
    }
  return NULL;
}

void
civ_ui_test_office_set_up (CivUiTestOffice *fx, gconstpointer data)
{
  g_autoptr (CivStore) store = civ_test_new_office (&fx->data_dir, NULL);

  civ_test_add_operator (store, "clerk", "李登记", CIV_ROLE_REGISTRAR, "Clerk-password");
  civ_test_add_operator (store, "checker", "赵审计", CIV_ROLE_AUDITOR, "Checker-password");
}

void
civ_ui_test_office_tear_down (CivUiTestOffice *fx, gconstpointer data)
{
  g_assert_null (fx->main_window);
  civ_test_rmdir (fx->data_dir);
  g_free (fx->data_dir);
}
