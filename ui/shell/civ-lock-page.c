// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-lock-page.c — what a locked workstation shows: a password, nothing else */
#include "civ-lock-page.h"

#include <glib/gi18n.h>

#include "civ-ui-util.h"

struct _CivLockPage
{
  AdwBin parent_instance;

  AdwStatusPage *status_page;
  AdwEntryRow   *password_row;
  GtkLabel      *error_label;
  GtkButton     *unlock_button;
  GtkSpinner    *spinner;

  CivSession   *session;
  GCancellable *cancellable;
  gboolean      busy;
};

G_DEFINE_FINAL_TYPE (CivLockPage, civ_lock_page, ADW_TYPE_BIN)

static void
update_sensitivity (CivLockPage *self)
{
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lock.unlock",
                                 self->session != NULL && !self->busy && *password);
}

static void
set_busy (CivLockPage *self, gboolean busy)
{
  self->busy = busy;
  if (busy)
    civ_ui_release_focus (GTK_WIDGET (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_row), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  update_sensitivity (self);
}

static void
show_error (CivLockPage *self, const char *message)
{
  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
on_password_row_changed_cb (CivLockPage *self)
{
  update_sensitivity (self);
}

static void
on_unlock_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivLockPage *self = user_data;
  g_autoptr (GError) error = NULL;

  if (!civ_session_unlock_finish (CIV_SESSION (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_object_unref (self);
          return;
        }
      set_busy (self, FALSE);
      if (g_error_matches (error, CIV_DB_ERROR, CIV_DB_ERROR_WRONG_PASSWORD))
        show_error (self, _ ("Wrong password. Try again."));
      else
        {
          g_autofree char *message = civ_ui_describe_error (error);
          show_error (self, message);
        }
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      g_object_unref (self);
      return;
    }
  set_busy (self, FALSE);
  show_error (self, NULL);
  g_object_unref (self);
}

static void
unlock_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivLockPage     *self = CIV_LOCK_PAGE (widget);
  g_autofree char *password = NULL;

  if (self->session == NULL || self->busy)
    return;
  password = civ_ui_take_editable_text (GTK_EDITABLE (self->password_row));
  if (*password == '\0')
    {
      civ_ui_secret_free (g_steal_pointer (&password));
      return;
    }
  show_error (self, NULL);
  set_busy (self, TRUE);
  civ_session_unlock_async (self->session, password, self->cancellable, on_unlock_done_cb,
                            g_object_ref (self));
  civ_ui_secret_free (g_steal_pointer (&password));
}

static void
on_password_row_entry_activated_cb (CivLockPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "lock.unlock", NULL);
}

static void
civ_lock_page_dispose (GObject *object)
{
  CivLockPage *self = CIV_LOCK_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CIV_TYPE_LOCK_PAGE);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (civ_lock_page_parent_class)->dispose (object);
}

static void
civ_lock_page_finalize (GObject *object)
{
  CivLockPage *self = CIV_LOCK_PAGE (object);

  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (civ_lock_page_parent_class)->finalize (object);
}

static void
civ_lock_page_class_init (CivLockPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civ_lock_page_dispose;
  object_class->finalize = civ_lock_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/civreg/Civreg/ui/civ-lock-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CivLockPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, CivLockPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, CivLockPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, CivLockPage, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, CivLockPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_password_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_password_row_entry_activated_cb);
  gtk_widget_class_install_action (widget_class, "lock.unlock", NULL, unlock_action);
}

static void
civ_lock_page_init (CivLockPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  update_sensitivity (self);
}

void
civ_lock_page_set_session (CivLockPage *self, CivSession *session)
{
  g_autofree char *description = NULL;

  g_return_if_fail (CIV_IS_LOCK_PAGE (self));
  g_return_if_fail (CIV_IS_SESSION (session));

  g_set_object (&self->session, session);
  /* Translators: %1$s is a person's full name, %2$s their user name. */
  description =
    g_markup_printf_escaped (_ ("Locked by %1$s (%2$s). Enter the password to continue."),
                             civ_session_get_display_name (session),
                             civ_session_get_login (session));
  adw_status_page_set_description (self->status_page, description);
  update_sensitivity (self);
}

void
civ_lock_page_reset (CivLockPage *self)
{
  g_return_if_fail (CIV_IS_LOCK_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  show_error (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}
