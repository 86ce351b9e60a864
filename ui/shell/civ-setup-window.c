// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-setup-window.c — first run: create the office and its first supervisor */
#include "civ-setup-window.h"

#include <glib/gi18n.h>
#include <string.h>

#include "civ-office.h"
#include "civ-ui-util.h"

struct _CivSetupWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay    *toast_overlay;
  AdwWindowTitle     *window_title;
  GtkStack           *stack;
  AdwPreferencesPage *form_page;
  AdwEntryRow        *office_name_row;
  AdwEntryRow        *office_code_row;
  AdwEntryRow        *login_row;
  AdwEntryRow        *display_name_row;
  AdwEntryRow        *password_row;
  AdwEntryRow        *confirm_row;
  GtkLabel           *message_label;
  GtkButton          *create_button;
  GtkSpinner         *spinner;
  GtkLabel           *recovery_label;
  GtkCheckButton     *written_check;

  CivWorker    *worker;
  char         *data_dir;
  GCancellable *cancellable;
  gboolean      busy;
};

G_DEFINE_FINAL_TYPE (CivSetupWindow, civ_setup_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* Returns the message for the first field that is filled in but wrong, and
 * whether the whole form is ready. Each filled-in wrong row is marked. */
/* Returns the message for the first field that is filled in but wrong, and
 * whether the whole form is ready. */
static char *
check_form (CivSetupWindow *self, gboolean *ready)
{
  g_autofree char *name = civ_ui_stripped_text (self->office_name_row);
  g_autofree char *code = civ_ui_stripped_text (self->office_code_row);
  g_autofree char *login = civ_ui_stripped_text (self->login_row);
  g_autofree char *display_name = civ_ui_stripped_text (self->display_name_row);
  const char      *password = row_text (self->password_row);
  const char      *confirm = row_text (self->confirm_row);
  char            *message = NULL;
  gboolean         ok = TRUE;

  ok &= civ_ui_check_row (self->office_name_row, name,
                          g_utf8_strlen (name, -1) >= 2
                            ? NULL
                            : g_strdup (_ ("The office name needs at least 2 characters.")),
                          &message);
  ok &= civ_ui_check_row (self->office_code_row, code,
                          strlen (code) == 6 && strspn (code, "0123456789") == 6
                            ? NULL
                            : g_strdup (
                                _ ("The division code has exactly 6 digits, for example 110101.")),
                          &message);
  ok &= civ_ui_check_row (self->login_row, login, civ_ui_login_problem (login), &message);
  ok &= civ_ui_check_row (self->display_name_row, display_name,
                          civ_ui_display_name_problem (display_name), &message);
  ok &=
    civ_ui_check_row (self->password_row, password, civ_ui_password_problem (password), &message);
  ok &= civ_ui_check_row (self->confirm_row, confirm, civ_ui_confirm_problem (password, confirm),
                          &message);
  *ready = ok;
  return message;
}

static void
update_form (CivSetupWindow *self)
{
  g_autofree char *message = NULL;
  gboolean         ready = FALSE;

  message = check_form (self, &ready);
  civ_ui_show_message (self->message_label, message);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "setup.create", ready && !self->busy);
}

static void
on_row_changed_cb (CivSetupWindow *self)
{
  update_form (self);
}

static void
set_busy (CivSetupWindow *self, gboolean busy)
{
  self->busy = busy;
  civ_ui_set_form_busy (GTK_WIDGET (self), GTK_WIDGET (self->form_page), self->spinner, busy);
  update_form (self);
}

static void
on_create_office_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivSetupWindow *self = CIV_SETUP_WINDOW (source);
  g_autoptr (GError) error = NULL;
  char *recovery;

  recovery = civ_office_create_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (recovery == NULL)
    {
      g_autofree char *message = civ_ui_describe_error (error);
      civ_ui_show_message (self->message_label, message);
      gtk_widget_grab_focus (GTK_WIDGET (self->office_name_row));
      return;
    }

  /* Two lines of three groups, so the code reads like it prints; the
   * line break stands for the dash between the third and fourth group. */
  {
    char *third = recovery;

    for (int i = 0; i < 3 && third; i++)
      third = strchr (third + (i > 0), '-');
    if (third != NULL)
      *third = '\n';
    gtk_label_set_label (self->recovery_label, recovery);
  }
  civ_ui_secret_free (recovery);
  /* The passwords are no longer needed in the form. */
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_row), "");
  adw_window_title_set_subtitle (self->window_title, _ ("Step 2 of 2: the recovery code"));
  gtk_window_set_default_widget (GTK_WINDOW (self), NULL);
  gtk_stack_set_visible_child_name (self->stack, "recovery");
  gtk_widget_grab_focus (GTK_WIDGET (self->written_check));
}

static void
create_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivSetupWindow  *self = CIV_SETUP_WINDOW (widget);
  g_autofree char *message = NULL;
  g_autofree char *office_name = NULL;
  g_autofree char *office_code = NULL;
  g_autofree char *login = NULL;
  g_autofree char *display_name = NULL;
  gboolean         ready = FALSE;

  if (self->busy)
    return;
  message = check_form (self, &ready);
  if (!ready)
    return;

  office_name = civ_ui_stripped_text (self->office_name_row);
  office_code = civ_ui_stripped_text (self->office_code_row);
  login = civ_ui_stripped_text (self->login_row);
  display_name = civ_ui_stripped_text (self->display_name_row);
  set_busy (self, TRUE);
  /* The supervisor logs in next, like everyone else. */
  civ_office_create_async (self->worker, self, self->data_dir, office_code, office_name, login,
                           display_name, row_text (self->password_row), self->cancellable,
                           on_create_office_done_cb, NULL);
}

static void
copy_code_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivSetupWindow *self = CIV_SETUP_WINDOW (widget);
  GdkClipboard   *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));
  char           *code = g_strdup (gtk_label_get_label (self->recovery_label));

  g_strdelimit (code, "\n", '-');
  gdk_clipboard_set_text (clipboard, code);
  civ_ui_secret_free (code);
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_ ("The recovery code was copied.")));
}

static void
continue_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivSetupWindow *self = CIV_SETUP_WINDOW (widget);

  if (!gtk_check_button_get_active (self->written_check))
    return;
  gtk_label_set_label (self->recovery_label, "");
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), "");
  g_signal_emit (self, signals[FINISHED], 0);
}

/* Continuing needs the box ticked: the recovery code is shown only once. */
static void
on_written_check_toggled_cb (CivSetupWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "setup.continue",
                                 gtk_check_button_get_active (self->written_check));
}

static void
civ_setup_window_dispose (GObject *object)
{
  CivSetupWindow *self = CIV_SETUP_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CIV_TYPE_SETUP_WINDOW);
  g_clear_object (&self->worker);
  G_OBJECT_CLASS (civ_setup_window_parent_class)->dispose (object);
}

static void
civ_setup_window_finalize (GObject *object)
{
  CivSetupWindow *self = CIV_SETUP_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_free (self->data_dir);
  G_OBJECT_CLASS (civ_setup_window_parent_class)->finalize (object);
}

static void
civ_setup_window_class_init (CivSetupWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civ_setup_window_dispose;
  object_class->finalize = civ_setup_window_finalize;

  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/civreg/Civreg/ui/civ-setup-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CivSetupWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CivSetupWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CivSetupWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CivSetupWindow, form_page);
  gtk_widget_class_bind_template_child (widget_class, CivSetupWindow, office_name_row);
  gtk_widget_class_bind_template_child (widget_class, CivSetupWindow, office_code_row);
  gtk_widget_class_bind_template_child (widget_class, CivSetupWindow, login_row);
  gtk_widget_class_bind_template_child (widget_class, CivSetupWindow, display_name_row);
  gtk_widget_class_bind_template_child (widget_class, CivSetupWindow, password_row);
  gtk_widget_class_bind_template_child (widget_class, CivSetupWindow, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, CivSetupWindow, message_label);
  gtk_widget_class_bind_template_child (widget_class, CivSetupWindow, create_button);
  gtk_widget_class_bind_template_child (widget_class, CivSetupWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, CivSetupWindow, recovery_label);
  gtk_widget_class_bind_template_child (widget_class, CivSetupWindow, written_check);
  gtk_widget_class_bind_template_callback (widget_class, on_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_written_check_toggled_cb);
  gtk_widget_class_install_action (widget_class, "setup.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "setup.copy-code", NULL, copy_code_action);
  gtk_widget_class_install_action (widget_class, "setup.continue", NULL, continue_action);
}

static void
civ_setup_window_init (CivSetupWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "setup.create", FALSE);
  on_written_check_toggled_cb (self);
}

CivSetupWindow *
civ_setup_window_new (GtkApplication *application, CivWorker *worker, const char *data_dir)
{
  CivSetupWindow *self;

  g_return_val_if_fail (CIV_IS_WORKER (worker), NULL);
  g_return_val_if_fail (data_dir != NULL, NULL);

  self = g_object_new (CIV_TYPE_SETUP_WINDOW, "application", application, NULL);
  self->worker = g_object_ref (worker);
  self->data_dir = g_strdup (data_dir);
  return self;
}
