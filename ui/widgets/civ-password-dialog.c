// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-password-dialog.c — change one's own password, or reset another user's */
#include "civ-password-dialog.h"

#include <glib/gi18n.h>

#include "civ-permissions.h"
#include "civ-passwords.h"
#include "civ-ui-util.h"

struct _CivPasswordDialog
{
  AdwWindow parent_instance;

  GtkButton           *save_button;
  GtkLabel            *save_label;
  GtkSpinner          *spinner;
  AdwPreferencesPage  *form_page;
  AdwPreferencesGroup *form_group;
  AdwEntryRow         *current_row;
  AdwEntryRow         *password_row;
  AdwEntryRow         *confirm_row;
  GtkLabel            *message_label;

  CivSession   *session;
  GCancellable *cancellable;
  char         *login;
  gboolean      own;
  gboolean      busy;
};

G_DEFINE_FINAL_TYPE (CivPasswordDialog, civ_password_dialog, ADW_TYPE_WINDOW)

enum
{
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
check_form (CivPasswordDialog *self, char **message)
{
  const char *current = gtk_editable_get_text (GTK_EDITABLE (self->current_row));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  const char *confirm = gtk_editable_get_text (GTK_EDITABLE (self->confirm_row));
  gboolean    ok = TRUE;

  ok &=
    civ_ui_check_row (self->password_row, password, civ_ui_password_problem (password), message);
  ok &= civ_ui_check_row (self->confirm_row, confirm, civ_ui_confirm_problem (password, confirm),
                          message);
  if (self->own)
    ok &= *current != '\0';
  return ok;
}

static void
update_form (CivPasswordDialog *self)
{
  g_autofree char *message = NULL;
  gboolean         ready = check_form (self, &message);

  civ_ui_show_message (self->message_label, message);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "password-dialog.save", ready && !self->busy);
}

static void
on_row_changed_cb (CivPasswordDialog *self)
{
  update_form (self);
}

static void
set_busy (CivPasswordDialog *self, gboolean busy)
{
  self->busy = busy;
  civ_ui_set_form_busy (GTK_WIDGET (self), GTK_WIDGET (self->form_page), self->spinner, busy);
  update_form (self);
}

static void
on_save_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivPasswordDialog *self = CIV_PASSWORD_DIALOG (source);
  g_autoptr (GError) error = NULL;

  if (!civ_passwords_change_finish (self->session, result, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      /* Empty the current password first: editing re-checks the form. */
      if (self->own)
        gtk_editable_set_text (GTK_EDITABLE (self->current_row), "");
      message = civ_ui_describe_error (error);
      civ_ui_show_message (self->message_label, message);
      gtk_widget_grab_focus (GTK_WIDGET (self->own ? self->current_row : self->password_row));
      return;
    }
  set_busy (self, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->current_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
  g_signal_emit (self, signals[DONE], 0);
  gtk_window_close (GTK_WINDOW (self));
}

/* "password-dialog.save": changes or resets the password. */
static void
save_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivPasswordDialog *self = CIV_PASSWORD_DIALOG (widget);
  g_autofree char   *message = NULL;

  if (self->busy || self->session == NULL || !check_form (self, &message))
    return;

  set_busy (self, TRUE);
  /* The operator's own password: the current one is asked again. */
  civ_passwords_change_async (self->session, self, self->login,
                              self->own ? gtk_editable_get_text (GTK_EDITABLE (self->current_row))
                                        : NULL,
                              gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
                              self->cancellable, on_save_done_cb, NULL);
}

static void
civ_password_dialog_dispose (GObject *object)
{
  CivPasswordDialog *self = CIV_PASSWORD_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CIV_TYPE_PASSWORD_DIALOG);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (civ_password_dialog_parent_class)->dispose (object);
}

static void
civ_password_dialog_finalize (GObject *object)
{
  CivPasswordDialog *self = CIV_PASSWORD_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_free (self->login);
  G_OBJECT_CLASS (civ_password_dialog_parent_class)->finalize (object);
}

static void
civ_password_dialog_class_init (CivPasswordDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civ_password_dialog_dispose;
  object_class->finalize = civ_password_dialog_finalize;

  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/civreg/Civreg/ui/civ-password-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CivPasswordDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, CivPasswordDialog, save_label);
  gtk_widget_class_bind_template_child (widget_class, CivPasswordDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, CivPasswordDialog, form_page);
  gtk_widget_class_bind_template_child (widget_class, CivPasswordDialog, form_group);
  gtk_widget_class_bind_template_child (widget_class, CivPasswordDialog, current_row);
  gtk_widget_class_bind_template_child (widget_class, CivPasswordDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, CivPasswordDialog, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, CivPasswordDialog, message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_row_changed_cb);

  gtk_widget_class_install_action (widget_class, "password-dialog.save", NULL, save_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
civ_password_dialog_init (CivPasswordDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "password-dialog.save", FALSE);
}

CivPasswordDialog *
civ_password_dialog_new_change_own (GtkWindow *parent, CivSession *session)
{
  CivPasswordDialog *self;

  g_return_val_if_fail (CIV_IS_SESSION (session), NULL);

  self = g_object_new (CIV_TYPE_PASSWORD_DIALOG, "transient-for", parent, "application",
                       parent ? gtk_window_get_application (parent) : NULL, NULL);
  self->session = g_object_ref (session);
  self->own = TRUE;
  self->login = g_strdup (civ_session_get_login (session));
  gtk_window_set_title (GTK_WINDOW (self), _ ("Change My Password"));
  gtk_label_set_label (self->save_label, _ ("C_hange"));
  adw_preferences_group_set_description (self->form_group,
                                         _ ("Enter your current password, then the new one "
                                            "twice."));
  gtk_widget_grab_focus (GTK_WIDGET (self->current_row));
  return self;
}

CivPasswordDialog *
civ_password_dialog_new_reset (GtkWindow  *parent,
                               CivSession *session,
                               const char *login,
                               const char *display_name)
{
  CivPasswordDialog *self;
  g_autofree char   *description = NULL;

  g_return_val_if_fail (CIV_IS_SESSION (session), NULL);
  g_return_val_if_fail (login != NULL, NULL);

  self = g_object_new (CIV_TYPE_PASSWORD_DIALOG, "transient-for", parent, "application",
                       parent ? gtk_window_get_application (parent) : NULL, NULL);
  self->session = g_object_ref (session);
  self->own = FALSE;
  self->login = g_strdup (login);
  gtk_window_set_title (GTK_WINDOW (self), _ ("Reset Password"));
  gtk_label_set_label (self->save_label, _ ("_Reset"));
  gtk_widget_set_visible (GTK_WIDGET (self->current_row), FALSE);
  /* Translators: %1$s is a person's full name, %2$s their user name. */
  description = g_markup_printf_escaped (_ ("Set a new password for %1$s (%2$s). Tell them the new "
                                            "password in person and ask them to change it after "
                                            "logging in."),
                                         display_name ? display_name : login, login);
  adw_preferences_group_set_description (self->form_group, description);
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
  return self;
}
