// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-user-dialog.c — a supervisor adds a user */
#include "civ-user-dialog.h"

#include <glib/gi18n.h>

#include "civ-permissions.h"
#include "civ-ui-util.h"
#include "civ-users-service.h"

struct _CivUserDialog
{
  AdwWindow parent_instance;

  GtkButton          *add_button;
  GtkSpinner         *spinner;
  AdwPreferencesPage *form_page;
  AdwEntryRow        *login_row;
  AdwEntryRow        *display_name_row;
  AdwComboRow        *role_row;
  AdwEntryRow        *password_row;
  AdwEntryRow        *confirm_row;
  GtkLabel           *message_label;

  CivSession   *session;
  GCancellable *cancellable;
  gboolean      busy;
};

G_DEFINE_FINAL_TYPE (CivUserDialog, civ_user_dialog, ADW_TYPE_WINDOW)

enum
{
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
check_form (CivUserDialog *self, char **message)
{
  g_autofree char *login = civ_ui_stripped_text (self->login_row);
  g_autofree char *display_name = civ_ui_stripped_text (self->display_name_row);
  const char      *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  const char      *confirm = gtk_editable_get_text (GTK_EDITABLE (self->confirm_row));
  gboolean         ok = TRUE;

  ok &= civ_ui_check_row (self->login_row, login, civ_ui_login_problem (login), message);
  ok &= civ_ui_check_row (self->display_name_row, display_name,
                          civ_ui_display_name_problem (display_name), message);
  ok &=
    civ_ui_check_row (self->password_row, password, civ_ui_password_problem (password), message);
  ok &= civ_ui_check_row (self->confirm_row, confirm, civ_ui_confirm_problem (password, confirm),
                          message);
  return ok;
}

static void
update_form (CivUserDialog *self)
{
  g_autofree char *message = NULL;
  gboolean         ready = check_form (self, &message);

  civ_ui_show_message (self->message_label, message);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "user-dialog.add", ready && !self->busy);
}

static void
on_row_changed_cb (CivUserDialog *self)
{
  update_form (self);
}

static void
set_busy (CivUserDialog *self, gboolean busy)
{
  self->busy = busy;
  civ_ui_set_form_busy (GTK_WIDGET (self), GTK_WIDGET (self->form_page), self->spinner, busy);
  update_form (self);
}

static void
on_add_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivUserDialog   *self = CIV_USER_DIALOG (source);
  g_autofree char *display_name = user_data;
  g_autoptr (GError) error = NULL;

  if (!civ_users_add_finish (self->session, result, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      message = civ_ui_describe_error (error);
      civ_ui_show_message (self->message_label, message);
      gtk_widget_grab_focus (GTK_WIDGET (self->login_row));
      return;
    }
  set_busy (self, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
  g_signal_emit (self, signals[DONE], 0, display_name);
  gtk_window_close (GTK_WINDOW (self));
}

/* "user-dialog.add": adds the user the form describes. */
static void
add_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivUserDialog   *self = CIV_USER_DIALOG (widget);
  g_autofree char *message = NULL;
  g_autofree char *login = NULL;
  char            *display_name;

  if (self->busy || self->session == NULL || !check_form (self, &message))
    return;

  login = civ_ui_stripped_text (self->login_row);
  display_name = civ_ui_stripped_text (self->display_name_row);
  set_busy (self, TRUE);
  civ_users_add_async (self->session, self, login, display_name,
                       (CivRole) adw_combo_row_get_selected (self->role_row),
                       gtk_editable_get_text (GTK_EDITABLE (self->password_row)), self->cancellable,
                       on_add_done_cb, display_name);
}

static void
civ_user_dialog_dispose (GObject *object)
{
  CivUserDialog *self = CIV_USER_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CIV_TYPE_USER_DIALOG);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (civ_user_dialog_parent_class)->dispose (object);
}

static void
civ_user_dialog_finalize (GObject *object)
{
  CivUserDialog *self = CIV_USER_DIALOG (object);

  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (civ_user_dialog_parent_class)->finalize (object);
}

static void
civ_user_dialog_class_init (CivUserDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civ_user_dialog_dispose;
  object_class->finalize = civ_user_dialog_finalize;

  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/civreg/Civreg/ui/civ-user-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CivUserDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, CivUserDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, CivUserDialog, form_page);
  gtk_widget_class_bind_template_child (widget_class, CivUserDialog, login_row);
  gtk_widget_class_bind_template_child (widget_class, CivUserDialog, display_name_row);
  gtk_widget_class_bind_template_child (widget_class, CivUserDialog, role_row);
  gtk_widget_class_bind_template_child (widget_class, CivUserDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, CivUserDialog, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, CivUserDialog, message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_row_changed_cb);

  gtk_widget_class_install_action (widget_class, "user-dialog.add", NULL, add_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
civ_user_dialog_init (CivUserDialog *self)
{
  g_autoptr (GtkStringList) roles = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "user-dialog.add", FALSE);

  /* Position i in the list is CivRole i. */
  for (int role = 0; role < CIV_N_ROLES; role++)
    gtk_string_list_append (roles, civ_role_display_name ((CivRole) role));
  adw_combo_row_set_model (self->role_row, G_LIST_MODEL (roles));
  adw_combo_row_set_selected (self->role_row, CIV_ROLE_REGISTRAR);
}

CivUserDialog *
civ_user_dialog_new (GtkWindow *parent, CivSession *session)
{
  CivUserDialog *self;

  g_return_val_if_fail (CIV_IS_SESSION (session), NULL);

  /* Part of the application, so locking closes it. */
  self = g_object_new (CIV_TYPE_USER_DIALOG, "transient-for", parent, "application",
                       parent ? gtk_window_get_application (parent) : NULL, NULL);
  self->session = g_object_ref (session);
  return self;
}
