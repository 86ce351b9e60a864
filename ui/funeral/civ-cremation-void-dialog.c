// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-cremation-void-dialog.c — voiding a spoiled cremation certificate
 * blank with a supervisor's approval (R-F13) */
#include "civ-cremation-void-dialog-private.h"

#include <glib/gi18n.h>

#include "civ-app-error.h"
#include "civ-cremation-stock.h"
#include "civ-ui-util.h"

struct _CivCremationVoidDialog
{
  AdwWindow parent_instance;

  CivSession   *session;
  GCancellable *cancellable;
  GDate         today;
  gboolean      needs_approver; /* the operator is not a supervisor */
  gboolean      busy;
  char         *message;
  char         *rule;
  GHashTable   *widgets; /* name → widget (not owned) */

  AdwEntryRow *serial_row;
  AdwEntryRow *reason_row;
  AdwEntryRow *approver_row;
  AdwEntryRow *password_row;
  GtkLabel    *message_label;
  GtkSpinner  *spinner;
  GtkWidget   *form;
};

G_DEFINE_FINAL_TYPE (CivCremationVoidDialog, civ_cremation_void_dialog, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_VOIDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_message (CivCremationVoidDialog *self, const char *message, const char *rule)
{
  g_free (self->message);
  self->message = g_strdup (message);
  g_free (self->rule);
  self->rule = g_strdup (rule);
  /* The label keeps its room: the window does not grow under a refusal. */
  gtk_label_set_text (self->message_label, message ? message : "");
}

static gboolean
filled (AdwEntryRow *row)
{
  g_autofree char *text = NULL;

  if (row == NULL)
    return TRUE;
  text = civ_ui_stripped_text (row);
  return *text != '\0';
}

static void
update_actions (CivCremationVoidDialog *self)
{
  gboolean ready = !self->busy && filled (self->serial_row) && filled (self->reason_row);

  if (self->needs_approver)
    ready = ready && filled (self->approver_row) &&
            *gtk_editable_get_text (GTK_EDITABLE (self->password_row)) != '\0';
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "void-dialog.void", ready);
}

static void
set_busy (CivCremationVoidDialog *self, gboolean busy)
{
  self->busy = busy;
  civ_ui_set_form_busy (GTK_WIDGET (self), self->form, self->spinner, busy);
  update_actions (self);
}

static void
on_voided_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CivCremationVoidDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *serial = NULL;
  g_autofree char *message = NULL;

  if (self->session == NULL)
    return;
  if (!civ_cremation_stock_void_finish (self->session, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = civ_ui_describe_error (error);
      set_busy (self, FALSE);
      /* The refusal, with its rule id, stays in the dialog. */
      show_message (self, message, civ_app_error_get_rule (error));
      if (self->needs_approver && g_error_matches (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION))
        gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      else
        gtk_widget_grab_focus (GTK_WIDGET (self->serial_row));
      return;
    }
  serial = civ_ui_stripped_text (self->serial_row);
  self->busy = FALSE;
  g_signal_emit (self, signals[SIGNAL_VOIDED], 0, serial);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
void_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivCremationVoidDialog *self = CIV_CREMATION_VOID_DIALOG (widget);
  g_autofree char        *serial = civ_ui_stripped_text (self->serial_row);
  g_autofree char        *reason = civ_ui_stripped_text (self->reason_row);
  g_autofree char        *approver = NULL;
  char                   *password = NULL;

  if (self->busy || self->session == NULL)
    return;
  if (self->needs_approver)
    {
      approver = civ_ui_stripped_text (self->approver_row);
      /* The password leaves the entry now: the entry is emptied, the job
       * keeps a copy it wipes, and this one is wiped below. */
      password = civ_ui_take_editable_text (GTK_EDITABLE (self->password_row));
    }
  show_message (self, NULL, NULL);
  set_busy (self, TRUE);
  civ_cremation_stock_void_async (self->session, self, serial, reason, approver, password,
                                  &self->today, self->cancellable, on_voided_cb,
                                  g_object_ref (self));
  civ_ui_secret_free (password);
}

static void
cancel_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
on_changed_cb (CivCremationVoidDialog *self)
{
  update_actions (self);
}

/* Keyboard first: Enter moves to the next field; on the last one it voids. */
static void
on_entry_activated_cb (AdwEntryRow *row, CivCremationVoidDialog *self)
{
  AdwEntryRow *last = self->needs_approver ? self->password_row : self->reason_row;

  if (row == last)
    gtk_widget_activate_action (GTK_WIDGET (self), "void-dialog.void", NULL);
  else
    gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
}

static AdwEntryRow *
add_row (CivCremationVoidDialog *self,
         GtkWidget              *group,
         GtkWidget              *row,
         const char             *name,
         const char             *title)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (on_changed_cb), self);
  g_signal_connect (row, "entry-activated", G_CALLBACK (on_entry_activated_cb), self);
  g_hash_table_replace (self->widgets, g_strdup (name), row);
  return ADW_ENTRY_ROW (row);
}

static gboolean
on_close_request_cb (CivCremationVoidDialog *self)
{
  g_cancellable_cancel (self->cancellable);
  if (self->password_row != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  return FALSE;
}

CivCremationVoidDialog *
civ_cremation_void_dialog_new (GtkWindow   *parent,
                               CivSession  *session,
                               const GDate *today,
                               const char  *serial)
{
  CivCremationVoidDialog *self;
  GtkWidget              *box, *header, *cancel, *submit, *group, *status;

  g_return_val_if_fail (CIV_IS_SESSION (session), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  self = g_object_new (CIV_TYPE_CREMATION_VOID_DIALOG, "modal", TRUE, "title",
                       _ ("Void a Spoiled Blank"), "default-width", 480, NULL);
  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (self), parent);
      gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
    }
  self->session = g_object_ref (session);
  self->today = *today;
  self->needs_approver = civ_session_get_role (session) != CIV_ROLE_SUPERVISOR;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_ ("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "void-dialog.cancel");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  submit = gtk_button_new_with_mnemonic (_ ("_Void Blank"));
  gtk_widget_add_css_class (submit, "destructive-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (submit), "void-dialog.void");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), submit);
  g_hash_table_replace (self->widgets, g_strdup ("void.submit"), submit);
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->spinner));
  gtk_box_append (GTK_BOX (box), header);

  self->form = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_start (self->form, 18);
  gtk_widget_set_margin_end (self->form, 18);
  gtk_widget_set_margin_top (self->form, 18);
  gtk_widget_set_margin_bottom (self->form, 18);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _ ("The Spoiled Blank"));
  adw_preferences_group_set_description (
    ADW_PREFERENCES_GROUP (group),
    _ ("A voided blank is kept with its reason and never deleted (R-F13). A blank already issued "
       "to a case may be voided too; the case then needs a new certificate."));
  self->serial_row =
    add_row (self, group, adw_entry_row_new (), "void.serial", _ ("_Serial on the blank"));
  self->reason_row =
    add_row (self, group, adw_entry_row_new (), "void.reason", _ ("_Reason (how it was spoiled)"));
  gtk_box_append (GTK_BOX (self->form), group);

  if (self->needs_approver)
    {
      GtkWidget   *password = adw_password_entry_row_new ();
      GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (password));

      /* The typed password lives in non-pageable memory, as in a GtkPasswordEntry. */
      if (GTK_IS_TEXT (delegate))
        {
          g_autoptr (GtkEntryBuffer) buffer = gtk_password_entry_buffer_new ();
          gtk_text_set_buffer (GTK_TEXT (delegate), buffer);
        }
      group = adw_preferences_group_new ();
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _ ("Supervisor's Approval"));
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                             _ ("A supervisor approves the void here, with their "
                                                "own login and password."));
      self->approver_row =
        add_row (self, group, adw_entry_row_new (), "void.approver", _ ("Supervisor's _login"));
      self->password_row =
        add_row (self, group, password, "void.password", _ ("Supervisor's _password"));
      gtk_box_append (GTK_BOX (self->form), group);
    }
  else
    {
      status = gtk_label_new (_ ("You approve this void yourself, as a supervisor."));
      gtk_label_set_wrap (GTK_LABEL (status), TRUE);
      gtk_label_set_xalign (GTK_LABEL (status), 0);
      gtk_widget_add_css_class (status, "dim-label");
      gtk_box_append (GTK_BOX (self->form), status);
    }

  self->message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_label_set_xalign (self->message_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  gtk_label_set_yalign (self->message_label, 0);
  /* Room for a refusal of three lines, there from the start. */
  gtk_widget_set_size_request (GTK_WIDGET (self->message_label), -1, 60);
  gtk_box_append (GTK_BOX (self->form), GTK_WIDGET (self->message_label));
  gtk_box_append (GTK_BOX (box), self->form);
  adw_window_set_content (ADW_WINDOW (self), box);

  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request_cb), NULL);
  civ_ui_close_on_lock (session, GTK_WINDOW (self));
  gtk_editable_set_text (GTK_EDITABLE (self->serial_row), serial ? serial : "");
  update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (serial && *serial ? self->reason_row : self->serial_row));
  return self;
}

static void
civ_cremation_void_dialog_dispose (GObject *object)
{
  CivCremationVoidDialog *self = CIV_CREMATION_VOID_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (civ_cremation_void_dialog_parent_class)->dispose (object);
}

static void
civ_cremation_void_dialog_finalize (GObject *object)
{
  CivCremationVoidDialog *self = CIV_CREMATION_VOID_DIALOG (object);

  g_hash_table_unref (self->widgets);
  g_free (self->message);
  g_free (self->rule);
  G_OBJECT_CLASS (civ_cremation_void_dialog_parent_class)->finalize (object);
}

static void
civ_cremation_void_dialog_class_init (CivCremationVoidDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civ_cremation_void_dialog_dispose;
  object_class->finalize = civ_cremation_void_dialog_finalize;

  /* "voided" (serial): the void is recorded; the dialog closes next. */
  signals[SIGNAL_VOIDED] = g_signal_new ("voided", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "void-dialog.void", NULL, void_activated);
  gtk_widget_class_install_action (widget_class, "void-dialog.cancel", NULL, cancel_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "void-dialog.cancel", NULL);
}

static void
civ_cremation_void_dialog_init (CivCremationVoidDialog *self)
{
  self->widgets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
  g_date_clear (&self->today, 1);
}

/* ---- for the tests ---- */

GtkWidget *
_civ_cremation_void_dialog_widget (CivCremationVoidDialog *self, const char *name)
{
  g_return_val_if_fail (CIV_IS_CREMATION_VOID_DIALOG (self), NULL);
  return g_hash_table_lookup (self->widgets, name);
}

const char *
_civ_cremation_void_dialog_message (CivCremationVoidDialog *self)
{
  g_return_val_if_fail (CIV_IS_CREMATION_VOID_DIALOG (self), NULL);
  return self->message;
}

const char *
_civ_cremation_void_dialog_rule (CivCremationVoidDialog *self)
{
  g_return_val_if_fail (CIV_IS_CREMATION_VOID_DIALOG (self), NULL);
  return self->rule;
}

gboolean
_civ_cremation_void_dialog_busy (CivCremationVoidDialog *self)
{
  g_return_val_if_fail (CIV_IS_CREMATION_VOID_DIALOG (self), FALSE);
  return self->busy;
}
