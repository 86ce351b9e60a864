// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-users-page.c — supervisors manage who may log in */
#include <glib/gi18n.h>

#include "civ-page.h"
#include "civ-password-dialog.h"
#include "civ-permissions.h"
#include "civ-ui-util.h"
#include "civ-user-dialog.h"
#include "civ-users-page-private.h"
#include "civ-users-service.h"

struct _CivUsersPage
{
  AdwBin parent_instance;

  AdwPreferencesGroup *users_group;
  GtkButton           *add_button;

  CivSession   *session;
  GCancellable *cancellable;
  GPtrArray    *rows;
  GHashTable   *names; /* login → display name of the operators listed */
};

static void civ_users_page_page_init (CivPageInterface *iface);
static void civ_users_page_reload (CivPage *page);

G_DEFINE_FINAL_TYPE_WITH_CODE (CivUsersPage,
                               civ_users_page,
                               ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (CIV_TYPE_PAGE, civ_users_page_page_init))

static void
remove_rows (CivUsersPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->users_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_hash_table_remove_all (self->names);
}

static void
on_disable_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivUsersPage    *self = CIV_USERS_PAGE (source);
  g_autofree char *display_name = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  if (!civ_users_disable_finish (self->session, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = civ_ui_describe_error (error);
    }
  else
    /* Translators: %s is a person's full name. */
    message = g_strdup_printf (_ ("%s can no longer log in."), display_name);
  civ_ui_toast (GTK_WIDGET (self), message);
  civ_users_page_reload (CIV_PAGE (self));
}

static void
on_disable_dialog_response_cb (AdwMessageDialog *dialog, const char *response, CivUsersPage *self)
{
  const char *login = g_object_get_data (G_OBJECT (dialog), "login");
  const char *display_name = g_object_get_data (G_OBJECT (dialog), "display-name");

  if (g_strcmp0 (response, "disable") != 0 || self->session == NULL)
    return;
  civ_users_disable_async (self->session, self, login, self->cancellable, on_disable_done_cb,
                           g_strdup (display_name));
}

/* "users.disable" (parameter "s", the user name): asks first. */
static void
disable_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivUsersPage     *self = CIV_USERS_PAGE (widget);
  const char       *login = g_variant_get_string (parameter, NULL);
  const char       *display_name = g_hash_table_lookup (self->names, login);
  GtkRoot          *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  if (display_name == NULL || !GTK_IS_WINDOW (root))
    return;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (root), NULL, NULL));
  /* Translators: %s is a person's full name. */
  adw_message_dialog_format_heading (dialog, _ ("Disable %s?"), display_name);
  adw_message_dialog_format_body (dialog,
                                  /* Translators: %s is a user name. */
                                  _ ("“%s” will no longer be able to log in, and their key to "
                                     "the office's records is removed. Their entries in the "
                                     "audit log stay. This cannot be undone."),
                                  login);
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "disable", _ ("_Disable"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "disable", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  /* Part of the application, so locking closes it. */
  gtk_window_set_application (GTK_WINDOW (dialog), gtk_window_get_application (GTK_WINDOW (root)));
  g_object_set_data_full (G_OBJECT (dialog), "login", g_strdup (login), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "display-name", g_strdup (display_name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_disable_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_password_dialog_done_cb (CivPasswordDialog *dialog, CivUsersPage *self)
{
  const char      *display_name = g_object_get_data (G_OBJECT (dialog), "display-name");
  g_autofree char *message = NULL;

  /* Translators: %s is a person's full name. */
  message =
    g_strdup_printf (_ ("The password of %s was reset. Tell them in person."), display_name);
  civ_ui_toast (GTK_WIDGET (self), message);
}

static void
on_unlock_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivUsersPage    *self = CIV_USERS_PAGE (source);
  g_autofree char *display_name = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  if (!civ_users_unlock_finish (self->session, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = civ_ui_describe_error (error);
    }
  else
    /* Translators: %s is a person's full name. */
    message = g_strdup_printf (_ ("%s can log in again."), display_name);
  civ_ui_toast (GTK_WIDGET (self), message);
  civ_users_page_reload (CIV_PAGE (self));
}

/* "users.unlock" (parameter "s", the user name): lifts a lock left by too
 * many failed logins. */
static void
unlock_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivUsersPage *self = CIV_USERS_PAGE (widget);
  const char   *login = g_variant_get_string (parameter, NULL);
  const char   *display_name = g_hash_table_lookup (self->names, login);

  if (self->session == NULL)
    return;
  civ_users_unlock_async (self->session, self, login, self->cancellable, on_unlock_done_cb,
                          g_strdup (display_name ? display_name : login));
}

/* "users.reset-password" (parameter "s", the user name). */
static void
reset_password_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivUsersPage      *self = CIV_USERS_PAGE (widget);
  const char        *login = g_variant_get_string (parameter, NULL);
  const char        *display_name = g_hash_table_lookup (self->names, login);
  GtkRoot           *root = gtk_widget_get_root (GTK_WIDGET (self));
  CivPasswordDialog *dialog;

  if (display_name == NULL || self->session == NULL || !GTK_IS_WINDOW (root))
    return;
  dialog = civ_password_dialog_new_reset (GTK_WINDOW (root), self->session, login, display_name);
  g_object_set_data_full (G_OBJECT (dialog), "display-name", g_strdup (display_name), g_free);
  g_signal_connect_object (dialog, "done", G_CALLBACK (on_password_dialog_done_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_user_dialog_done_cb (CivUserDialog *dialog, const char *display_name, CivUsersPage *self)
{
  g_autofree char *message = NULL;

  /* Translators: %s is a person's full name. */
  message = g_strdup_printf (_ ("%s was added."), display_name);
  civ_ui_toast (GTK_WIDGET (self), message);
  civ_users_page_reload (CIV_PAGE (self));
}

/* "users.add": the dialog that adds a user. */
static void
add_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivUsersPage  *self = CIV_USERS_PAGE (widget);
  GtkRoot       *root = gtk_widget_get_root (GTK_WIDGET (self));
  CivUserDialog *dialog;

  if (self->session == NULL || !GTK_IS_WINDOW (root))
    return;
  dialog = civ_user_dialog_new (GTK_WINDOW (root), self->session);
  g_signal_connect_object (dialog, "done", G_CALLBACK (on_user_dialog_done_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The row's menu: reset the password, disable. One menu per row rather than
 * a red button per row (one destructive button per view at most); the
 * destructive step asks for confirmation in its dialog. */
static GtkWidget *
make_row_menu (const CivOperator *op)
{
  g_autoptr (GMenu) menu = g_menu_new ();
  g_autoptr (GMenuItem) reset = g_menu_item_new (_ ("_Reset Password…"), NULL);
  g_autoptr (GMenuItem) disable = g_menu_item_new (_ ("_Disable…"), NULL);
  g_autoptr (GMenuItem) unlock = g_menu_item_new (_ ("_Unlock Login"), NULL);
  GtkWidget       *button = gtk_menu_button_new ();
  g_autofree char *label = NULL;

  g_menu_item_set_action_and_target_value (reset, "users.reset-password",
                                           g_variant_new_string (op->login));
  g_menu_item_set_action_and_target_value (disable, "users.disable",
                                           g_variant_new_string (op->login));
  g_menu_item_set_action_and_target_value (unlock, "users.unlock",
                                           g_variant_new_string (op->login));
  g_menu_append_item (menu, reset);
  g_menu_append_item (menu, unlock);
  g_menu_append_item (menu, disable);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  /* Translators: %s is a person's full name. */
  label = g_strdup_printf (_ ("Actions for %s"), op->display_name);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  return button;
}

static GtkWidget *
make_row (CivUsersPage *self, const CivOperator *op)
{
  GtkWidget       *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), op->display_name);
  /* Translators: %1$s is a user name, %2$s a role such as "Registrar". */
  subtitle = g_strdup_printf (_ ("%1$s · %2$s"), op->login, civ_role_display_name (op->role));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  g_object_set_data_full (G_OBJECT (row), "civ-login", g_strdup (op->login), g_free);

  if (!op->enabled)
    {
      GtkWidget *label = gtk_label_new (_ ("Disabled"));
      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      gtk_widget_add_css_class (row, "dim-label");
    }
  else if (g_strcmp0 (op->login, civ_session_get_login (self->session)) == 0)
    {
      GtkWidget *label = gtk_label_new (_ ("You"));
      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  else
    {
      GtkWidget *menu = make_row_menu (op);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), menu);
      g_object_set_data (G_OBJECT (row), "civ-menu", menu);
    }
  return row;
}

/* Marks the rows of the logins locked out by failed logins. */
static void
on_locked_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivUsersPage *self = CIV_USERS_PAGE (source);
  g_autoptr (GPtrArray) locked = civ_users_list_locked_finish (self->session, result, NULL);

  if (locked == NULL)
    return;
  for (guint i = 0; i < self->rows->len; i++)
    {
      GObject *row = g_ptr_array_index (self->rows, i);

      for (guint j = 0; j < locked->len; j++)
        if (g_strcmp0 (g_object_get_data (row, "civ-login"), g_ptr_array_index (locked, j)) == 0)
          {
            GtkWidget *label = gtk_label_new (_ ("Locked out"));

            gtk_widget_add_css_class (label, "error");
            adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
            g_object_set_data (row, "civ-locked", GINT_TO_POINTER (TRUE));
          }
    }
}

static void
on_list_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivUsersPage *self = CIV_USERS_PAGE (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) operators = NULL;

  operators = civ_users_list_finish (self->session, result, &error);
  if (operators == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !civ_session_get_locked (self->session))
        {
          g_autofree char *message = civ_ui_describe_error (error);
          civ_ui_toast (GTK_WIDGET (self), message);
        }
      return;
    }
  remove_rows (self);
  for (guint i = 0; i < operators->len; i++)
    {
      const CivOperator *op = g_ptr_array_index (operators, i);
      GtkWidget         *row = make_row (self, op);

      g_hash_table_insert (self->names, g_strdup (op->login), g_strdup (op->display_name));
      adw_preferences_group_add (self->users_group, row);
      g_ptr_array_add (self->rows, row);
    }
  {
    g_autoptr (GPtrArray) logins = g_ptr_array_new_with_free_func (g_free);

    for (guint i = 0; i < operators->len; i++)
      g_ptr_array_add (logins,
                       g_strdup (((CivOperator *) g_ptr_array_index (operators, i))->login));
    civ_users_list_locked_async (self->session, self, logins, self->cancellable, on_locked_done_cb,
                                 NULL);
  }
}

static void
civ_users_page_reload (CivPage *page)
{
  CivUsersPage *self = CIV_USERS_PAGE (page);

  if (self->session == NULL)
    return;
  civ_ui_renew_cancellable (&self->cancellable);
  civ_users_list_async (self->session, self, self->cancellable, on_list_done_cb, NULL);
}

static void
civ_users_page_clear (CivPage *page)
{
  CivUsersPage *self = CIV_USERS_PAGE (page);

  g_cancellable_cancel (self->cancellable);
  remove_rows (self);
}

static void
civ_users_page_set_session (CivPage *page, CivSession *session)
{
  CivUsersPage *self = CIV_USERS_PAGE (page);

  g_set_object (&self->session, session);
}

gboolean
_civ_users_page_row_is_locked (CivUsersPage *self, const char *login)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GObject *row = g_ptr_array_index (self->rows, i);

      if (g_strcmp0 (g_object_get_data (row, "civ-login"), login) == 0)
        return g_object_get_data (row, "civ-locked") != NULL;
    }
  return FALSE;
}

GtkMenuButton *
_civ_users_page_get_row_menu (CivUsersPage *self, const char *login)
{
  g_return_val_if_fail (CIV_IS_USERS_PAGE (self), NULL);
  for (guint i = 0; i < self->rows->len; i++)
    {
      GObject *row = g_ptr_array_index (self->rows, i);

      if (g_strcmp0 (g_object_get_data (row, "civ-login"), login) == 0)
        return g_object_get_data (row, "civ-menu");
    }
  return NULL;
}

guint
_civ_users_page_get_n_rows (CivUsersPage *self)
{
  g_return_val_if_fail (CIV_IS_USERS_PAGE (self), 0);
  return self->rows->len;
}

static void
civ_users_page_dispose (GObject *object)
{
  CivUsersPage *self = CIV_USERS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_ptr_array_set_size (self->rows, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), CIV_TYPE_USERS_PAGE);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (civ_users_page_parent_class)->dispose (object);
}

static void
civ_users_page_finalize (GObject *object)
{
  CivUsersPage *self = CIV_USERS_PAGE (object);

  g_clear_object (&self->cancellable);
  g_ptr_array_unref (self->rows);
  g_hash_table_unref (self->names);
  G_OBJECT_CLASS (civ_users_page_parent_class)->finalize (object);
}

static void
civ_users_page_class_init (CivUsersPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civ_users_page_dispose;
  object_class->finalize = civ_users_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/civreg/Civreg/ui/civ-users-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CivUsersPage, users_group);
  gtk_widget_class_bind_template_child (widget_class, CivUsersPage, add_button);

  gtk_widget_class_install_action (widget_class, "users.add", NULL, add_activated);
  gtk_widget_class_install_action (widget_class, "users.reset-password", "s",
                                   reset_password_activated);
  gtk_widget_class_install_action (widget_class, "users.disable", "s", disable_activated);
  gtk_widget_class_install_action (widget_class, "users.unlock", "s", unlock_activated);
}

static void
civ_users_page_page_init (CivPageInterface *iface)
{
  iface->id = "users";
  iface->title = N_ ("Users");
  iface->icon_name = "system-users-symbolic";
  iface->permission = CIV_PERM_MANAGE_OPERATORS;
  iface->set_session = civ_users_page_set_session;
  iface->clear = civ_users_page_clear;
  iface->reload = civ_users_page_reload;
}

static void
civ_users_page_init (CivUsersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  /* Rows are owned by the group; the array only remembers which to remove. */
  self->rows = g_ptr_array_new ();
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}
