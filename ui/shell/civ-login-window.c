// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-login-window.c — user name and password for the office in a data folder */
#include "civ-login-window.h"

#include <glib/gi18n.h>

#include "civ-office.h"
#include "civ-ui-util.h"

struct _CivLoginWindow
{
  AdwApplicationWindow parent_instance;

  AdwStatusPage *status_page;
  AdwEntryRow   *user_row;
  AdwEntryRow   *password_row;
  GtkLabel      *error_label;
  GtkButton     *login_button;
  GtkSpinner    *spinner;

  CivWorker    *worker;
  char         *data_dir;
  GCancellable *cancellable;
  gboolean      busy;
};

G_DEFINE_FINAL_TYPE (CivLoginWindow, civ_login_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  LOGGED_IN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_sensitivity (CivLoginWindow *self)
{
  const char *login = gtk_editable_get_text (GTK_EDITABLE (self->user_row));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "login.log-in",
                                 !self->busy && *login && *password);
}

static void
set_busy (CivLoginWindow *self, gboolean busy)
{
  self->busy = busy;
  if (busy)
    civ_ui_release_focus (GTK_WIDGET (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->user_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_row), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  update_sensitivity (self);
}

static void
show_error (CivLoginWindow *self, const char *message)
{
  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
on_row_changed_cb (CivLoginWindow *self)
{
  update_sensitivity (self);
}

static void
on_user_row_entry_activated_cb (CivLoginWindow *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
on_login_done_cb (GObject *source, GAsyncResult *res, gpointer user_data)
{
  CivLoginWindow *self = CIV_LOGIN_WINDOW (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (CivSession) session = NULL;

  session = civ_office_open_finish (res, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (session == NULL)
    {
      g_autofree char *message = civ_ui_describe_error (error);

      show_error (self, message);
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  show_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  g_signal_emit (self, signals[LOGGED_IN], 0, session);
}

static void
log_in_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivLoginWindow  *self = CIV_LOGIN_WINDOW (widget);
  g_autofree char *login = NULL;

  if (self->busy)
    return;

  login = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->user_row))));
  show_error (self, NULL);
  set_busy (self, TRUE);
  civ_office_open_async (self->worker, self, self->data_dir, login,
                         gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
                         self->cancellable, on_login_done_cb, NULL);
}

static void
civ_login_window_dispose (GObject *object)
{
  CivLoginWindow *self = CIV_LOGIN_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CIV_TYPE_LOGIN_WINDOW);
  g_clear_object (&self->worker);
  G_OBJECT_CLASS (civ_login_window_parent_class)->dispose (object);
}

static void
civ_login_window_finalize (GObject *object)
{
  CivLoginWindow *self = CIV_LOGIN_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_free (self->data_dir);
  G_OBJECT_CLASS (civ_login_window_parent_class)->finalize (object);
}

static void
civ_login_window_class_init (CivLoginWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civ_login_window_dispose;
  object_class->finalize = civ_login_window_finalize;

  signals[LOGGED_IN] = g_signal_new ("logged-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 1, CIV_TYPE_SESSION);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/civreg/Civreg/ui/civ-login-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CivLoginWindow, status_page);
  gtk_widget_class_bind_template_child (widget_class, CivLoginWindow, user_row);
  gtk_widget_class_bind_template_child (widget_class, CivLoginWindow, password_row);
  gtk_widget_class_bind_template_child (widget_class, CivLoginWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, CivLoginWindow, login_button);
  gtk_widget_class_bind_template_child (widget_class, CivLoginWindow, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_user_row_entry_activated_cb);
  gtk_widget_class_install_action (widget_class, "login.log-in", NULL, log_in_action);
}

static void
civ_login_window_init (CivLoginWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  update_sensitivity (self);
}

static void
show_office (CivLoginWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *code = NULL;

  if (civ_office_peek (self->data_dir, &name, &code))
    {
      g_autofree char *description = NULL;

      adw_status_page_set_title (self->status_page, name);
      if (code != NULL)
        /* Translators: %s is the 6-digit division code of the office. */
        description = g_markup_printf_escaped (_ ("Division code %s. Log in to continue."), code);
      else
        description = g_strdup (_ ("Log in to continue."));
      adw_status_page_set_description (self->status_page, description);
      gtk_window_set_title (GTK_WINDOW (self), name);
    }
  else
    {
      g_autofree char *description = NULL;

      adw_status_page_set_title (self->status_page, _ ("Log In"));
      /* Translators: %s is a folder path. */
      description = g_markup_printf_escaped (_ ("Office records in %s"), self->data_dir);
      adw_status_page_set_description (self->status_page, description);
    }
}

CivLoginWindow *
civ_login_window_new (GtkApplication *application, CivWorker *worker, const char *data_dir)
{
  CivLoginWindow *self;

  g_return_val_if_fail (CIV_IS_WORKER (worker), NULL);
  g_return_val_if_fail (data_dir != NULL, NULL);

  self = g_object_new (CIV_TYPE_LOGIN_WINDOW, "application", application, NULL);
  self->worker = g_object_ref (worker);
  self->data_dir = g_strdup (data_dir);
  show_office (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->user_row));
  return self;
}
