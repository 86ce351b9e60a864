// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-enroll-window.c — workstation enrollment (工作站注册) with the
 * provincial system, for supervisors (docs/provincial-protocol.md §2)
 *
 * Files are chosen with GtkFileChooserNative; civ_report_enroll_async()
 * reads and checks them on the worker and keeps certificate and key encrypted in the
 * office database. The PKCS #12 password is overwritten once used.
 */
#include <glib/gi18n.h>
#include <string.h>

#include "civ-enroll-window-private.h"
#include "civ-report-service.h"
#include "civ-ui-util.h"

struct _CivEnrollWindow
{
  AdwPreferencesWindow parent_instance;

  GtkWidget    *form_group;
  GtkWidget    *cert_group;
  AdwEntryRow  *server_row;
  AdwActionRow *ca_row;
  AdwEntryRow  *pins_row;
  AdwActionRow *p12_row;
  AdwEntryRow  *p12_password_row;
  AdwActionRow *cert_row;
  AdwActionRow *key_row;
  GtkSwitch    *keep_switch;
  GtkWidget    *ca_button;
  GtkWidget    *p12_button;
  GtkWidget    *cert_button;
  GtkWidget    *key_button;
  GtkLabel     *message_label;
  GtkSpinner   *spinner;
  GtkWidget    *enroll_button;
  GtkWidget    *result_group;
  AdwActionRow *result_row;

  CivSession   *session;
  GCancellable *cancellable;
  char         *files[4]; /* ca, cert, key, p12 */
  char         *public_key;
  gboolean      busy;
};

G_DEFINE_FINAL_TYPE (CivEnrollWindow, civ_enroll_window, ADW_TYPE_PREFERENCES_WINDOW)

enum
{
  FILE_CA,
  FILE_CERT,
  FILE_KEY,
  FILE_P12,
};

static const char *const file_names[] = { "ca", "cert", "key", "p12" };

enum
{
  SIGNAL_ENROLLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
form_is_complete (CivEnrollWindow *self)
{
  g_autofree char *server = civ_ui_stripped_text (self->server_row);

  return *server != '\0' && self->files[FILE_CA] != NULL &&
         (self->files[FILE_P12] != NULL ||
          (self->files[FILE_CERT] != NULL && self->files[FILE_KEY] != NULL));
}

static void
on_form_changed_cb (CivEnrollWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "enroll.enroll",
                                 !self->busy && form_is_complete (self));
}

static AdwActionRow *
file_row (CivEnrollWindow *self, guint which)
{
  AdwActionRow *rows[] = { self->ca_row, self->cert_row, self->key_row, self->p12_row };

  return rows[which];
}

static void
set_file (CivEnrollWindow *self, guint which, const char *path)
{
  g_free (self->files[which]);
  self->files[which] = g_strdup (path);
  adw_action_row_set_subtitle (file_row (self, which), path ? path : "");
  on_form_changed_cb (self);
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser, int response, CivEnrollWindow *self)
{
  guint which = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (chooser), "which"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path)
        set_file (self, which, path);
    }
  g_object_unref (chooser);
}

/* "enroll.choose" (parameter "s": "ca", "cert", "key" or "p12"): a file chooser. */
static void
choose_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivEnrollWindow      *self = CIV_ENROLL_WINDOW (widget);
  const char           *name = g_variant_get_string (parameter, NULL);
  const char           *titles[] = { _ ("Choose the Provincial CA Certificate"),
                                     _ ("Choose the Client Certificate"), _ ("Choose the Private Key"),
                                     _ ("Choose the PKCS #12 File") };
  GtkFileChooserNative *chooser;
  guint                 which = 0;

  for (guint i = 0; i < G_N_ELEMENTS (file_names); i++)
    if (g_strcmp0 (name, file_names[i]) == 0)
      which = i;
  chooser = gtk_file_chooser_native_new (titles[which], GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Open"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data (G_OBJECT (chooser), "which", GUINT_TO_POINTER (which));
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
set_busy (CivEnrollWindow *self, gboolean busy)
{
  self->busy = busy;
  civ_ui_set_form_busy (GTK_WIDGET (self), self->form_group, self->spinner, busy);
  gtk_widget_set_sensitive (self->cert_group, !busy);
  on_form_changed_cb (self);
}

static void
on_enroll_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivEnrollWindow *self = CIV_ENROLL_WINDOW (source);
  g_autoptr (GError) error = NULL;
  g_autofree char *public_key = NULL;

  set_busy (self, FALSE);
  public_key = civ_report_enroll_finish (self->session, result, &error);
  if (public_key == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = civ_ui_describe_error (error);
          civ_ui_show_message (self->message_label, message);
        }
      return;
    }
  g_free (self->public_key);
  self->public_key = g_steal_pointer (&public_key);
  civ_ui_show_message (self->message_label, NULL);
  adw_action_row_set_subtitle (self->result_row, self->public_key);
  gtk_widget_set_visible (self->result_group, TRUE);
  {
    AdwToast *toast = adw_toast_new (_ ("This workstation is enrolled with the province"));
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
  }
  g_signal_emit (self, signals[SIGNAL_ENROLLED], 0);
}

/* "enroll.enroll": enrolls with what the form says. */
static void
enroll_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivEnrollWindow     *self = CIV_ENROLL_WINDOW (widget);
  CivReportEnrollInput in = { 0 };
  g_autofree char     *server = NULL;
  g_autofree char     *pins = NULL;
  g_auto (GStrv) pin_list = NULL;
  char *p12_password;

  if (self->busy || !form_is_complete (self) || self->session == NULL)
    return;
  server = civ_ui_stripped_text (self->server_row);
  /* The PKCS #12 password leaves the form at once. */
  p12_password = civ_ui_take_editable_text (GTK_EDITABLE (self->p12_password_row));
  pins = civ_ui_stripped_text (self->pins_row);
  g_strdelimit (pins, ",;\t\n", ' ');
  {
    g_auto (GStrv) parts = g_strsplit (pins, " ", -1);
    g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

    for (guint i = 0; parts[i]; i++)
      if (*parts[i])
        g_strv_builder_add (builder, parts[i]);
    pin_list = g_strv_builder_end (builder);
  }
  in.server_url = server;
  in.ca_file = self->files[FILE_CA];
  in.pins = (const char *const *) pin_list;
  if (self->files[FILE_P12])
    {
      in.p12_file = self->files[FILE_P12];
      in.p12_password = p12_password;
    }
  else
    {
      in.cert_file = self->files[FILE_CERT];
      in.key_file = self->files[FILE_KEY];
    }
  civ_ui_show_message (self->message_label, NULL);
  set_busy (self, TRUE);
  civ_report_enroll_async (self->session, self, &in, gtk_switch_get_active (self->keep_switch),
                           self->cancellable, on_enroll_done_cb, NULL);
  civ_ui_secret_free (p12_password);
}

/* "enroll.copy": the public key to the clipboard. */
static void
copy_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivEnrollWindow *self = CIV_ENROLL_WINDOW (widget);

  if (self->public_key == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->public_key);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_ ("Copied to the clipboard")));
}

void
_civ_enroll_window_set_file (CivEnrollWindow *self, const char *which, const char *path)
{
  g_return_if_fail (CIV_IS_ENROLL_WINDOW (self));

  for (guint i = 0; i < G_N_ELEMENTS (file_names); i++)
    if (g_strcmp0 (which, file_names[i]) == 0)
      set_file (self, i, path);
}

const char *
_civ_enroll_window_get_public_key (CivEnrollWindow *self)
{
  g_return_val_if_fail (CIV_IS_ENROLL_WINDOW (self), NULL);
  return self->public_key;
}

static void
civ_enroll_window_dispose (GObject *object)
{
  CivEnrollWindow *self = CIV_ENROLL_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CIV_TYPE_ENROLL_WINDOW);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (civ_enroll_window_parent_class)->dispose (object);
}

static void
civ_enroll_window_finalize (GObject *object)
{
  CivEnrollWindow *self = CIV_ENROLL_WINDOW (object);

  g_clear_object (&self->cancellable);
  for (guint i = 0; i < G_N_ELEMENTS (self->files); i++)
    g_free (self->files[i]);
  g_free (self->public_key);
  G_OBJECT_CLASS (civ_enroll_window_parent_class)->finalize (object);
}

static void
civ_enroll_window_class_init (CivEnrollWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civ_enroll_window_dispose;
  object_class->finalize = civ_enroll_window_finalize;

  /* The enrollment was stored. */
  signals[SIGNAL_ENROLLED] = g_signal_new ("enrolled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/civreg/Civreg/ui/civ-enroll-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CivEnrollWindow, form_group);
  gtk_widget_class_bind_template_child (widget_class, CivEnrollWindow, cert_group);
  gtk_widget_class_bind_template_child (widget_class, CivEnrollWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, CivEnrollWindow, ca_row);
  gtk_widget_class_bind_template_child (widget_class, CivEnrollWindow, pins_row);
  gtk_widget_class_bind_template_child (widget_class, CivEnrollWindow, p12_row);
  gtk_widget_class_bind_template_child (widget_class, CivEnrollWindow, p12_password_row);
  gtk_widget_class_bind_template_child (widget_class, CivEnrollWindow, cert_row);
  gtk_widget_class_bind_template_child (widget_class, CivEnrollWindow, key_row);
  gtk_widget_class_bind_template_child (widget_class, CivEnrollWindow, keep_switch);
  gtk_widget_class_bind_template_child (widget_class, CivEnrollWindow, ca_button);
  gtk_widget_class_bind_template_child (widget_class, CivEnrollWindow, p12_button);
  gtk_widget_class_bind_template_child (widget_class, CivEnrollWindow, cert_button);
  gtk_widget_class_bind_template_child (widget_class, CivEnrollWindow, key_button);
  gtk_widget_class_bind_template_child (widget_class, CivEnrollWindow, message_label);
  gtk_widget_class_bind_template_child (widget_class, CivEnrollWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, CivEnrollWindow, enroll_button);
  gtk_widget_class_bind_template_child (widget_class, CivEnrollWindow, result_group);
  gtk_widget_class_bind_template_child (widget_class, CivEnrollWindow, result_row);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed_cb);

  gtk_widget_class_install_action (widget_class, "enroll.choose", "s", choose_activated);
  gtk_widget_class_install_action (widget_class, "enroll.enroll", NULL, enroll_activated);
  gtk_widget_class_install_action (widget_class, "enroll.copy", NULL, copy_activated);
}

static void
civ_enroll_window_init (CivEnrollWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "enroll.enroll", FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (file_names); i++)
    adw_action_row_set_subtitle (file_row (self, i), _ ("No file chosen"));
}

CivEnrollWindow *
civ_enroll_window_new (GtkWindow *parent, CivSession *session)
{
  CivEnrollWindow *self;

  g_return_val_if_fail (CIV_IS_SESSION (session), NULL);

  self = g_object_new (CIV_TYPE_ENROLL_WINDOW, "transient-for", parent, NULL);
  /* Part of the application, so locking closes it. */
  if (parent)
    gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
  self->session = g_object_ref (session);
  return self;
}
