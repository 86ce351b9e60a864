// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-record-action-dialog.c — what the record action dialogs share: the
 * approval, the busy state, the message and the request to the service */
#include "civ-record-action-dialog-private.h"

#include <glib/gi18n.h>

#include "civ-app-error.h"
#include "civ-calendar.h"
#include "civ-marriage-rules.h"
#include "civ-ui-util.h"

typedef struct
{
  AdwWindowTitle      *window_title;
  GtkButton           *submit_button;
  GtkLabel            *submit_label;
  GtkSpinner          *spinner;
  GtkWidget           *form;
  AdwPreferencesGroup *form_group;
  AdwPreferencesGroup *approval_group;
  AdwEntryRow         *approver_row;
  AdwEntryRow         *password_row;
  GtkLabel            *message_label;

  CivSession   *session;
  GCancellable *cancellable;
  GDate         today;
  gboolean      busy;
  gboolean      destructive;

  /* What the shared parts need of the record, copied at set-up. */
  char *record_id;
  char *certificate_no;
  int   version;
  char *names[2];
  int   status_before[2];
} CivRecordActionDialogPrivate;

static void civ_record_action_dialog_buildable_init (GtkBuildableIface *iface);

G_DEFINE_ABSTRACT_TYPE_WITH_CODE (CivRecordActionDialog,
                                  civ_record_action_dialog,
                                  ADW_TYPE_WINDOW,
                                  G_ADD_PRIVATE (CivRecordActionDialog)
                                    G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE,
                                                           civ_record_action_dialog_buildable_init))

static GtkBuildableIface *parent_buildable_iface;

enum
{
  PROP_0,
  PROP_DESCRIPTION,
  PROP_SUBMIT_LABEL,
  PROP_DESTRUCTIVE,
  PROP_BUSY,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
marital_status_label (int status)
{
  switch (status)
    {
    case CIV_MARITAL_UNMARRIED:
      return _ ("unmarried (10)");
    case CIV_MARITAL_MARRIED:
      return _ ("married (20)");
    case CIV_MARITAL_FIRST_MARRIAGE:
      return _ ("married, first marriage (21)");
    case CIV_MARITAL_REMARRIAGE:
      return _ ("remarried (22)");
    case CIV_MARITAL_REMARRIED_FORMER:
      return _ ("remarried to the former spouse (23)");
    case CIV_MARITAL_WIDOWED:
      return _ ("widowed (30)");
    case CIV_MARITAL_DIVORCED:
      return _ ("divorced (40)");
    case CIV_MARITAL_NOT_STATED:
    default:
      return _ ("not stated (90)");
    }
}

/* Architecture §8: corrections and voided certificates need a supervisor.
 * A supervisor at the counter approves their own void; anyone else has a
 * supervisor type their login and password here. */
gboolean
_civ_record_action_dialog_needs_approver (CivRecordActionDialog *self)
{
  CivRecordActionDialogPrivate *priv = civ_record_action_dialog_get_instance_private (self);

  return priv->session != NULL &&
         civ_record_action_needs_approver (CIV_RECORD_ACTION_DIALOG_GET_CLASS (self)->action,
                                           civ_session_get_role (priv->session));
}

/* TRUE when the form may be submitted; *@message says what is missing or
 * wrong in a field already filled in. */
static gboolean
check_form (CivRecordActionDialog *self, char **message)
{
  CivRecordActionDialogPrivate *priv = civ_record_action_dialog_get_instance_private (self);
  CivRecordActionDialogClass   *klass = CIV_RECORD_ACTION_DIALOG_GET_CLASS (self);
  gboolean                      ok;

  if (priv->record_id == NULL)
    return FALSE; /* not set up */
  ok = klass->check ? klass->check (self, message) : TRUE;
  if (_civ_record_action_dialog_needs_approver (self))
    {
      g_autofree char *approver = civ_ui_stripped_text (priv->approver_row);
      const char      *password = gtk_editable_get_text (GTK_EDITABLE (priv->password_row));

      ok &= *approver != '\0';
      ok &= *password != '\0';
    }
  return ok;
}

/* The window is as tall as its form when it opens; a message shown below
 * the form later makes it grow rather than scroll the message out of
 * sight (the form asks for its whole height while a message is shown). */
static void
fit_form (CivRecordActionDialog *self)
{
  CivRecordActionDialogPrivate *priv = civ_record_action_dialog_get_instance_private (self);
  int                           width = gtk_widget_get_width (priv->form);
  int                           natural = -1;

  gtk_widget_set_size_request (priv->form, -1, -1);
  if (width <= 0 || !gtk_widget_get_visible (GTK_WIDGET (priv->message_label)))
    return;
  gtk_widget_measure (priv->form, GTK_ORIENTATION_VERTICAL, width, NULL, &natural, NULL, NULL);
  gtk_widget_set_size_request (priv->form, -1, natural);
}

static void
show_message (CivRecordActionDialog *self, const char *message)
{
  CivRecordActionDialogPrivate *priv = civ_record_action_dialog_get_instance_private (self);
  const char                   *before = civ_record_action_dialog_get_message (self);

  if (before == NULL && message == NULL)
    return;
  if (before != NULL && g_strcmp0 (before, message) == 0)
    return;
  civ_ui_show_message (priv->message_label, message);
  fit_form (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

static void
update_form (CivRecordActionDialog *self)
{
  CivRecordActionDialogPrivate *priv = civ_record_action_dialog_get_instance_private (self);
  g_autofree char              *message = NULL;
  gboolean                      ready = check_form (self, &message);

  show_message (self, message);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "record-action.submit", ready && !priv->busy);
}

void
_civ_record_action_dialog_changed (CivRecordActionDialog *self)
{
  CivRecordActionDialogPrivate *priv = civ_record_action_dialog_get_instance_private (self);

  g_return_if_fail (CIV_IS_RECORD_ACTION_DIALOG (self));

  if (!priv->busy)
    update_form (self);
}

static void
on_row_changed_cb (CivRecordActionDialog *self)
{
  _civ_record_action_dialog_changed (self);
}

static void
set_busy (CivRecordActionDialog *self, gboolean busy)
{
  CivRecordActionDialogPrivate *priv = civ_record_action_dialog_get_instance_private (self);

  if (priv->busy != busy)
    {
      priv->busy = busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
  civ_ui_set_form_busy (GTK_WIDGET (self), priv->form, priv->spinner, busy);
  update_form (self);
}

/* What was sent, for the toast: the request without the password. */
static CivRecordRequest *
copy_sent (const CivRecordRequest *request)
{
  CivRecordRequest *sent = civ_record_request_new (request->action, request->key);

  sent->kind = request->kind;
  sent->text = g_strdup (request->text);
  sent->document = g_strdup (request->document);
  sent->archive_no = g_strdup (request->archive_no);
  sent->reason = g_strdup (request->reason);
  sent->approver = g_strdup (request->approver);
  sent->date = request->date;
  return sent;
}

static void
on_request_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivRecordActionDialog        *self = CIV_RECORD_ACTION_DIALOG (source);
  CivRecordActionDialogPrivate *priv = civ_record_action_dialog_get_instance_private (self);
  CivRecordActionDialogClass   *klass = CIV_RECORD_ACTION_DIALOG_GET_CLASS (self);
  g_autoptr (CivRecordRequest) sent = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *number = NULL;
  g_autofree char *message = NULL;

  if (!civ_record_request_finish (priv->session, result, &number, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          message = civ_ui_describe_error (error);
          set_busy (self, FALSE);
          /* The service's refusal, with its rule id, stays in the dialog. */
          show_message (self, message);
          if (_civ_record_action_dialog_needs_approver (self) &&
              g_error_matches (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION))
            gtk_widget_grab_focus (GTK_WIDGET (priv->password_row));
        }
      return;
    }
  message = klass->success_message ? klass->success_message (self, sent, number) : g_strdup ("");
  priv->busy = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  g_signal_emit (self, signals[DONE], 0, message, number);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
send_request (CivRecordActionDialog *self)
{
  CivRecordActionDialogPrivate *priv = civ_record_action_dialog_get_instance_private (self);
  CivRecordActionDialogClass   *klass = CIV_RECORD_ACTION_DIALOG_GET_CLASS (self);
  CivRecordRequest             *request = civ_record_request_new (klass->action, priv->record_id);

  klass->fill_request (self, request);
  if (_civ_record_action_dialog_needs_approver (self))
    {
      request->approver = civ_ui_stripped_text (priv->approver_row);
      /* The password leaves the entry now: the field is emptied, the copy
       * is zeroed by the service and again when the request is freed. */
      request->password = civ_ui_take_editable_text (GTK_EDITABLE (priv->password_row));
    }
  show_message (self, NULL);
  set_busy (self, TRUE);
  civ_record_request_async (priv->session, self, request, priv->cancellable, on_request_done_cb,
                            copy_sent (request));
}

static void
on_confirm_response_cb (AdwMessageDialog *dialog, const char *response, CivRecordActionDialog *self)
{
  CivRecordActionDialogPrivate *priv = civ_record_action_dialog_get_instance_private (self);

  if (g_strcmp0 (response, "confirm") == 0 && !priv->busy)
    send_request (self);
}

static void
confirm (CivRecordActionDialog *self, const char *heading, const char *body, const char *label)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  gtk_window_set_application (GTK_WINDOW (dialog), gtk_window_get_application (GTK_WINDOW (self)));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "confirm", label, NULL);
  adw_message_dialog_set_response_appearance (dialog, "confirm", ADW_RESPONSE_DESTRUCTIVE);
  /* Enter on a destructive question answers the safe way. */
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* "record-action.submit": asks the confirmation, if any, then sends. */
static void
on_submit_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivRecordActionDialog        *self = CIV_RECORD_ACTION_DIALOG (widget);
  CivRecordActionDialogPrivate *priv = civ_record_action_dialog_get_instance_private (self);
  CivRecordActionDialogClass   *klass = CIV_RECORD_ACTION_DIALOG_GET_CLASS (self);
  g_autofree char              *message = NULL;
  g_autofree char              *body = NULL;
  const char                   *heading = NULL;
  const char                   *label = NULL;

  if (priv->busy || !check_form (self, &message))
    return;
  if (klass->confirmation)
    body = klass->confirmation (self, &heading, &label);
  if (body != NULL)
    confirm (self, heading, body, label);
  else
    send_request (self);
}

static gboolean
civ_record_action_dialog_close_request (GtkWindow *window)
{
  CivRecordActionDialogPrivate *priv =
    civ_record_action_dialog_get_instance_private (CIV_RECORD_ACTION_DIALOG (window));

  /* A request on the worker finishes first; its outcome is shown here. */
  if (priv->busy)
    return TRUE;
  return GTK_WINDOW_CLASS (civ_record_action_dialog_parent_class)->close_request (window);
}

/* The rows of a subclass's template (<child>) go into the form group. */
static void
civ_record_action_dialog_add_child (GtkBuildable *buildable,
                                    GtkBuilder   *builder,
                                    GObject      *child,
                                    const char   *type)
{
  CivRecordActionDialogPrivate *priv =
    civ_record_action_dialog_get_instance_private (CIV_RECORD_ACTION_DIALOG (buildable));

  if (type == NULL && priv->form_group != NULL && ADW_IS_PREFERENCES_ROW (child))
    adw_preferences_group_add (priv->form_group, GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
civ_record_action_dialog_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = civ_record_action_dialog_add_child;
}

static void
civ_record_action_dialog_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  CivRecordActionDialog        *self = CIV_RECORD_ACTION_DIALOG (object);
  CivRecordActionDialogPrivate *priv = civ_record_action_dialog_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_DESCRIPTION:
      g_value_set_string (value, adw_preferences_group_get_description (priv->form_group));
      break;
    case PROP_SUBMIT_LABEL:
      g_value_set_string (value, gtk_label_get_label (priv->submit_label));
      break;
    case PROP_DESTRUCTIVE:
      g_value_set_boolean (value, priv->destructive);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, priv->busy);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, civ_record_action_dialog_get_message (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_destructive (CivRecordActionDialog *self, gboolean destructive)
{
  CivRecordActionDialogPrivate *priv = civ_record_action_dialog_get_instance_private (self);

  destructive = !!destructive;
  if (priv->destructive == destructive)
    return;
  priv->destructive = destructive;
  if (destructive)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (priv->submit_button), "suggested-action");
      gtk_widget_add_css_class (GTK_WIDGET (priv->submit_button), "destructive-action");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (priv->submit_button), "destructive-action");
      gtk_widget_add_css_class (GTK_WIDGET (priv->submit_button), "suggested-action");
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESTRUCTIVE]);
}

static void
civ_record_action_dialog_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  CivRecordActionDialog        *self = CIV_RECORD_ACTION_DIALOG (object);
  CivRecordActionDialogPrivate *priv = civ_record_action_dialog_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_DESCRIPTION:
      _civ_record_action_dialog_set_description (self, g_value_get_string (value));
      break;
    case PROP_SUBMIT_LABEL:
      if (g_strcmp0 (gtk_label_get_label (priv->submit_label), g_value_get_string (value)) != 0)
        {
          gtk_label_set_label (priv->submit_label, g_value_get_string (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_DESTRUCTIVE:
      set_destructive (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
civ_record_action_dialog_dispose (GObject *object)
{
  CivRecordActionDialog        *self = CIV_RECORD_ACTION_DIALOG (object);
  CivRecordActionDialogPrivate *priv = civ_record_action_dialog_get_instance_private (self);

  if (priv->cancellable)
    g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);
  g_clear_object (&priv->session);
  /* No gtk_widget_dispose_template () for this type: GTK 4.8 walks the
   * template of the instance's class (the subclass's, which each subclass
   * disposes) and would look its children up among ours. None of ours is a
   * direct child of the window; their references go with the window. */
  G_OBJECT_CLASS (civ_record_action_dialog_parent_class)->dispose (object);
}

static void
civ_record_action_dialog_finalize (GObject *object)
{
  CivRecordActionDialog        *self = CIV_RECORD_ACTION_DIALOG (object);
  CivRecordActionDialogPrivate *priv = civ_record_action_dialog_get_instance_private (self);

  g_free (priv->record_id);
  g_free (priv->certificate_no);
  g_free (priv->names[0]);
  g_free (priv->names[1]);
  G_OBJECT_CLASS (civ_record_action_dialog_parent_class)->finalize (object);
}

static void
civ_record_action_dialog_class_init (CivRecordActionDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = civ_record_action_dialog_get_property;
  object_class->set_property = civ_record_action_dialog_set_property;
  object_class->dispose = civ_record_action_dialog_dispose;
  object_class->finalize = civ_record_action_dialog_finalize;
  window_class->close_request = civ_record_action_dialog_close_request;

  /**
   * CivRecordActionDialog:description:
   *
   * What the action does, with its rule ids, above the form's rows.
   */
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CivRecordActionDialog:submit-label:
   *
   * The submit button's label, with its mnemonic.
   */
  properties[PROP_SUBMIT_LABEL] =
    g_param_spec_string ("submit-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CivRecordActionDialog:destructive:
   *
   * Whether the submit button is styled as a destructive action (it then
   * asks a confirmation) rather than a suggested one.
   */
  properties[PROP_DESTRUCTIVE] =
    g_param_spec_boolean ("destructive", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CivRecordActionDialog:busy:
   *
   * Whether the request is on the worker.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CivRecordActionDialog:message: (nullable)
   *
   * The problem of a field or the service's refusal shown below the form.
   */
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CivRecordActionDialog::done:
   * @message: a sentence for a toast
   * @number: (nullable): the new certificate number of a reissue
   */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/civreg/Civreg/ui/civ-record-action-dialog.ui");
  gtk_widget_class_bind_template_child_private (widget_class, CivRecordActionDialog, window_title);
  gtk_widget_class_bind_template_child_private (widget_class, CivRecordActionDialog, submit_button);
  gtk_widget_class_bind_template_child_private (widget_class, CivRecordActionDialog, submit_label);
  gtk_widget_class_bind_template_child_private (widget_class, CivRecordActionDialog, spinner);
  gtk_widget_class_bind_template_child_private (widget_class, CivRecordActionDialog, form);
  gtk_widget_class_bind_template_child_private (widget_class, CivRecordActionDialog, form_group);
  gtk_widget_class_bind_template_child_private (widget_class, CivRecordActionDialog,
                                                approval_group);
  gtk_widget_class_bind_template_child_private (widget_class, CivRecordActionDialog, approver_row);
  gtk_widget_class_bind_template_child_private (widget_class, CivRecordActionDialog, password_row);
  gtk_widget_class_bind_template_child_private (widget_class, CivRecordActionDialog, message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_row_changed_cb);

  gtk_widget_class_install_action (widget_class, "record-action.submit", NULL, on_submit_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
civ_record_action_dialog_init (CivRecordActionDialog *self)
{
  CivRecordActionDialogPrivate *priv = civ_record_action_dialog_get_instance_private (self);
  GtkEditable                  *delegate;

  gtk_widget_init_template (GTK_WIDGET (self));
  priv->cancellable = g_cancellable_new ();
  g_date_clear (&priv->today, 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "record-action.submit", FALSE);

  /* The typed password lives in non-pageable memory, as in a GtkPasswordEntry. */
  delegate = gtk_editable_get_delegate (GTK_EDITABLE (priv->password_row));
  if (GTK_IS_TEXT (delegate))
    {
      g_autoptr (GtkEntryBuffer) buffer = gtk_password_entry_buffer_new ();
      gtk_text_set_buffer (GTK_TEXT (delegate), buffer);
    }
}

void
_civ_record_action_dialog_set_up (CivRecordActionDialog   *self,
                                  GtkWindow               *parent,
                                  CivSession              *session,
                                  const CivMarriageRecord *record,
                                  const GDate             *today)
{
  CivRecordActionDialogPrivate *priv = civ_record_action_dialog_get_instance_private (self);
  CivRecordActionDialogClass   *klass = CIV_RECORD_ACTION_DIALOG_GET_CLASS (self);
  const CivMarriageVersion     *current;

  g_return_if_fail (CIV_IS_RECORD_ACTION_DIALOG (self));
  g_return_if_fail (CIV_IS_SESSION (session));
  g_return_if_fail (record != NULL && today != NULL && g_date_valid (today));
  g_return_if_fail (priv->session == NULL);

  current = civ_marriage_record_current (record);
  if (parent != NULL)
    gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
  priv->session = g_object_ref (session);
  priv->today = *today;
  priv->record_id = g_strdup (record->record_id);
  priv->certificate_no = g_strdup (current->certificate_no);
  priv->version = current->version;
  for (guint i = 0; i < 2; i++)
    {
      priv->names[i] = g_strdup (current->party[i].name);
      priv->status_before[i] = current->party[i].status_before > 0 ? current->party[i].status_before
                                                                   : CIV_MARITAL_NOT_STATED;
    }
  adw_window_title_set_subtitle (priv->window_title, priv->certificate_no);
  if (klass->set_record)
    klass->set_record (self, record);
  gtk_widget_set_visible (GTK_WIDGET (priv->approval_group),
                          _civ_record_action_dialog_needs_approver (self));
  civ_ui_close_on_lock (session, GTK_WINDOW (self));
  update_form (self);
}

CivSession *
_civ_record_action_dialog_get_session (CivRecordActionDialog *self)
{
  CivRecordActionDialogPrivate *priv = civ_record_action_dialog_get_instance_private (self);

  return priv->session;
}

const GDate *
_civ_record_action_dialog_get_today (CivRecordActionDialog *self)
{
  CivRecordActionDialogPrivate *priv = civ_record_action_dialog_get_instance_private (self);

  return &priv->today;
}

int
_civ_record_action_dialog_get_version (CivRecordActionDialog *self)
{
  CivRecordActionDialogPrivate *priv = civ_record_action_dialog_get_instance_private (self);

  return priv->version;
}

void
_civ_record_action_dialog_set_description (CivRecordActionDialog *self, const char *description)
{
  CivRecordActionDialogPrivate *priv = civ_record_action_dialog_get_instance_private (self);

  if (g_strcmp0 (adw_preferences_group_get_description (priv->form_group), description) == 0)
    return;
  adw_preferences_group_set_description (priv->form_group, description);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

char *
_civ_record_action_dialog_date_problem (CivRecordActionDialog *self, const char *text, GDate *date)
{
  CivRecordActionDialogPrivate *priv = civ_record_action_dialog_get_instance_private (self);
  g_autofree char              *today = NULL;

  if (!civ_date_parse_iso (text, date))
    /* Translators: %s is what the user typed in a date field. */
    return g_strdup_printf (_ ("“%s” is not a date: write it as YYYY-MM-DD."), text);
  if (g_date_compare (date, &priv->today) > 0)
    {
      today = civ_date_format_iso (&priv->today);
      /* Translators: %s is today's date. */
      return g_strdup_printf (_ ("The date is in the future (today is %s)."), today);
    }
  return NULL;
}

char *
_civ_record_action_dialog_describe_annotation (CivRecordActionDialog *self,
                                               CivMarriageState       state,
                                               const char            *document,
                                               const char            *date)
{
  CivRecordActionDialogPrivate *priv = civ_record_action_dialog_get_instance_private (self);
  g_autofree char              *persons = NULL;

  if (state == CIV_MARRIAGE_STATE_DISSOLVED_COURT)
    /* Translators: the consequence of a court divorce for the two persons. */
    persons =
      g_strdup_printf (_ ("%1$s and %2$s become divorced (40)."), priv->names[0], priv->names[1]);
  else
    /* Translators: the consequence of a void or annulled marriage: each
     * person gets back the marital status held before it. */
    persons = g_strdup_printf (_ ("%1$s goes back to %2$s and %3$s to %4$s, the statuses held "
                                  "before this marriage."),
                               priv->names[0], marital_status_label (priv->status_before[0]),
                               priv->names[1], marital_status_label (priv->status_before[1]));
  /* Translators: %1$d new version, %2$s new state, %3$s document number,
   * %4$s date, %5$s the consequence for the persons. */
  return g_strdup_printf (_ ("The record gets version %1$d, “%2$s”, annotated with %3$s of %4$s. "
                             "%5$s This cannot be undone: the filed document stays in the "
                             "record's history."),
                          priv->version + 1, civ_marriage_state_label (state), document, date,
                          persons);
}

CivRecordAction
civ_record_action_dialog_get_action (CivRecordActionDialog *self)
{
  g_return_val_if_fail (CIV_IS_RECORD_ACTION_DIALOG (self), CIV_RECORD_ACTION_REISSUE);

  return CIV_RECORD_ACTION_DIALOG_GET_CLASS (self)->action;
}

const char *
civ_record_action_dialog_get_message (CivRecordActionDialog *self)
{
  CivRecordActionDialogPrivate *priv;

  g_return_val_if_fail (CIV_IS_RECORD_ACTION_DIALOG (self), NULL);

  priv = civ_record_action_dialog_get_instance_private (self);
  if (!gtk_widget_get_visible (GTK_WIDGET (priv->message_label)))
    return NULL;
  return gtk_label_get_label (priv->message_label);
}

gboolean
civ_record_action_dialog_get_busy (CivRecordActionDialog *self)
{
  CivRecordActionDialogPrivate *priv;

  g_return_val_if_fail (CIV_IS_RECORD_ACTION_DIALOG (self), FALSE);

  priv = civ_record_action_dialog_get_instance_private (self);
  return priv->busy;
}
