// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-print-funeral.c — 火化证明 after the blank's check, and the receipt */
#include "civ-print-funeral-private.h"

#include <glib/gi18n.h>

#include "civ-print-job.h"
#include "civ-print.h"
#include "civ-ui-util.h"

/* What one print needs from the call to its end: held by the blank's
 * dialog and by each job it starts (a reference-counted box). */
typedef struct
{
  GtkWidget               *parent; /* weak: shows the toasts */
  CivSession              *session;
  GCancellable            *cancellable;
  char                    *case_no;
  CivFuneralDocument       document;
  char                    *receipt_no;
  char                    *export_pdf;
  CivCremationBlankDialog *dialog; /* weak: a certificate's check, while open */
} Request;

struct _CivCremationBlankDialog
{
  AdwWindow parent_instance;

  AdwEntryRow *entry;
  GtkButton   *print_button;
  GtkSpinner  *spinner;
  GtkWidget   *form;
  GtkLabel    *message_label;
  char        *message;
  gboolean     busy;

  Request *request;
};

G_DEFINE_FINAL_TYPE (CivCremationBlankDialog, civ_cremation_blank_dialog, ADW_TYPE_WINDOW)

static void
request_clear (Request *request)
{
  g_clear_weak_pointer (&request->parent);
  g_clear_weak_pointer (&request->dialog);
  g_clear_object (&request->session);
  g_clear_object (&request->cancellable);
  g_free (request->case_no);
  g_free (request->receipt_no);
  g_free (request->export_pdf);
}

static void
request_release (Request *request)
{
  g_rc_box_release_full (request, (GDestroyNotify) request_clear);
}

static Request *
request_new (GtkWidget         *parent,
             CivSession        *session,
             GCancellable      *cancellable,
             const char        *case_no,
             CivFuneralDocument document,
             const char        *receipt_no,
             const char        *export_pdf)
{
  Request *request = g_rc_box_new0 (Request);

  g_set_weak_pointer (&request->parent, parent);
  request->session = g_object_ref (session);
  request->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  request->case_no = g_strdup (case_no);
  request->document = document;
  request->receipt_no = g_strdup (receipt_no);
  request->export_pdf = g_strdup (export_pdf);
  return request;
}

static void
dialog_show_message (CivCremationBlankDialog *self, const char *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  civ_ui_show_message (self->message_label, message);
}

static void
dialog_update (CivCremationBlankDialog *self)
{
  g_autofree char *serial = civ_ui_stripped_text (self->entry);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "blank.print", *serial != '\0' && !self->busy);
}

static void
dialog_set_busy (CivCremationBlankDialog *self, gboolean busy)
{
  self->busy = busy;
  civ_ui_set_form_busy (GTK_WIDGET (self), self->form, self->spinner, busy);
  dialog_update (self);
  if (!busy)
    gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

/* While the dialog is open, the job's messages (a refusal) show in it. */
static void
tell_dialog_cb (gpointer user_data, const char *message)
{
  Request *request = user_data;

  if (request->dialog != NULL)
    {
      dialog_show_message (request->dialog, message);
      civ_ui_set_error_style (GTK_WIDGET (request->dialog->entry), TRUE);
    }
  else if (request->parent != NULL)
    civ_ui_toast (request->parent, message);
}

static GtkPrintOperation *
build_cb (CivPrintJob *job, CivPrintable *loaded, gpointer user_data, char **problem)
{
  Request *request = user_data;
  g_autoptr (GError) error = NULL;

  if (loaded->funeral == NULL ||
      !civ_funeral_print_check (loaded->funeral->view, request->document, &error))
    {
      *problem = g_strdup (error ? error->message : _ ("This is not a funeral case."));
      return NULL;
    }
  if (request->dialog != NULL)
    {
      /* The blank is the one issued: the check is over; the rest is said
       * on the page. */
      CivCremationBlankDialog *dialog = request->dialog;

      civ_print_job_set_tell (job, NULL, NULL);
      dialog->busy = FALSE;
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  return civ_print_funeral_operation_new (g_steal_pointer (&loaded->funeral),
                                          civ_print_job_get_settings (job));
}

static void
on_finished_cb (CivPrintJob *job, gboolean printed, Request *request)
{
  if (!printed && request->dialog != NULL)
    dialog_set_busy (request->dialog, FALSE);
}

/* Starts the print flow of @request, which it keeps until the flow ends;
 * @serial is the blank's serial as typed (a certificate). */
static void
start_job (Request *request, const char *serial)
{
  g_autoptr (CivPrintJob) job = NULL;
  CivPrintSource *source;

  if (request->parent == NULL)
    return;
  job = civ_print_job_new (request->parent, request->session, request->cancellable);
  source = civ_print_source_new_funeral (request->case_no, request->document, request->receipt_no);
  if (serial != NULL)
    civ_print_source_set_blank_serial (source, serial);
  civ_print_job_set_source (job, source);
  civ_print_job_set_build (job, build_cb, g_rc_box_acquire (request),
                           (GDestroyNotify) request_release);
  if (request->dialog != NULL)
    civ_print_job_set_tell (job, tell_dialog_cb, request);
  if (request->export_pdf != NULL)
    civ_print_job_set_export (job, request->export_pdf,
                              request->document == CIV_FUNERAL_DOCUMENT_RECEIPT
                                ? _ ("Receipt exported")
                                : _ ("Cremation certificate exported"));
  g_signal_connect (job, "finished", G_CALLBACK (on_finished_cb), request);
  civ_print_job_start (job);
}

/* ---- the blank's check ---- */

static void
on_print_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivCremationBlankDialog *self = CIV_CREMATION_BLANK_DIALOG (widget);
  g_autofree char         *serial = civ_ui_stripped_text (self->entry);

  if (self->busy || *serial == '\0' || self->request == NULL)
    return;
  dialog_show_message (self, NULL);
  civ_ui_set_error_style (GTK_WIDGET (self->entry), FALSE);
  dialog_set_busy (self, TRUE);
  start_job (self->request, serial);
}

static void
on_entry_activated_cb (AdwEntryRow *row, CivCremationBlankDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "blank.print", NULL);
}

static void
on_entry_changed_cb (CivCremationBlankDialog *self)
{
  if (!self->busy)
    {
      civ_ui_set_error_style (GTK_WIDGET (self->entry), FALSE);
      dialog_update (self);
    }
}

static gboolean
on_close_request_cb (CivCremationBlankDialog *self)
{
  /* The check on the worker finishes first; its outcome is shown here. */
  return self->busy;
}

static void
civ_cremation_blank_dialog_dispose (GObject *object)
{
  CivCremationBlankDialog *self = CIV_CREMATION_BLANK_DIALOG (object);

  /* A job still running holds the request too. */
  g_clear_pointer (&self->request, request_release);
  G_OBJECT_CLASS (civ_cremation_blank_dialog_parent_class)->dispose (object);
}

static void
civ_cremation_blank_dialog_finalize (GObject *object)
{
  CivCremationBlankDialog *self = CIV_CREMATION_BLANK_DIALOG (object);

  g_free (self->message);
  G_OBJECT_CLASS (civ_cremation_blank_dialog_parent_class)->finalize (object);
}

static void
civ_cremation_blank_dialog_class_init (CivCremationBlankDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civ_cremation_blank_dialog_dispose;
  object_class->finalize = civ_cremation_blank_dialog_finalize;
  gtk_widget_class_install_action (widget_class, "blank.print", NULL, on_print_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
civ_cremation_blank_dialog_init (CivCremationBlankDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *label = gtk_label_new_with_mnemonic (_ ("_Print…"));
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_ ("_Cancel"));
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *message_group = adw_preferences_group_new ();

  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 520, 340);
  gtk_window_set_title (GTK_WINDOW (self), _ ("Print the Cremation Certificate"));

  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->spinner));
  gtk_box_append (GTK_BOX (content), label);
  self->print_button = GTK_BUTTON (gtk_button_new ());
  gtk_button_set_child (self->print_button, content);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->print_button));
  gtk_widget_add_css_class (GTK_WIDGET (self->print_button), "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->print_button), "blank.print");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "blank.print", FALSE);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->print_button));
  gtk_box_append (GTK_BOX (box), header);

  self->form = adw_preferences_page_new ();
  gtk_widget_set_vexpand (self->form, TRUE);
  self->entry = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->entry), TRUE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->entry), _ ("_Serial on the blank"));
  g_signal_connect_swapped (self->entry, "changed", G_CALLBACK (on_entry_changed_cb), self);
  g_signal_connect (self->entry, "entry-activated", G_CALLBACK (on_entry_activated_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->entry));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->form), ADW_PREFERENCES_GROUP (group));

  self->message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_label_set_xalign (self->message_label, 0);
  gtk_label_set_selectable (self->message_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (message_group),
                             GTK_WIDGET (self->message_label));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->form),
                            ADW_PREFERENCES_GROUP (message_group));
  gtk_box_append (GTK_BOX (box), self->form);
  adw_window_set_content (ADW_WINDOW (self), box);
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request_cb), NULL);

  /* What the form is for, heading it. */
  g_object_set_data (G_OBJECT (self), "civ-group", group);
}

static CivCremationBlankDialog *
dialog_new (Request *request)
{
  GtkRoot                 *root = request->parent ? gtk_widget_get_root (request->parent) : NULL;
  GtkWindow               *parent = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  CivCremationBlankDialog *self = g_object_new (CIV_TYPE_CREMATION_BLANK_DIALOG, "transient-for",
                                                parent, "destroy-with-parent", TRUE, NULL);
  AdwPreferencesGroup     *group = g_object_get_data (G_OBJECT (self), "civ-group");
  g_autofree char         *description = NULL;

  if (parent != NULL)
    gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
  self->request = request;
  g_set_weak_pointer (&request->dialog, self);
  adw_preferences_group_set_title (group, request->case_no);
  description = g_strdup_printf (
    /* Translators: %s is a funeral case number. */
    _ ("Put the cremation certificate blank issued to case %s in the printer, and type the "
       "serial (No.) printed on it. A blank with another serial is refused (R-F13)."),
    request->case_no);
  adw_preferences_group_set_description (group, description);
  return self;
}

AdwEntryRow *
_civ_cremation_blank_dialog_get_entry (CivCremationBlankDialog *self)
{
  g_return_val_if_fail (CIV_IS_CREMATION_BLANK_DIALOG (self), NULL);
  return self->entry;
}

const char *
_civ_cremation_blank_dialog_get_message (CivCremationBlankDialog *self)
{
  g_return_val_if_fail (CIV_IS_CREMATION_BLANK_DIALOG (self), NULL);
  return self->message;
}

gboolean
_civ_cremation_blank_dialog_get_busy (CivCremationBlankDialog *self)
{
  g_return_val_if_fail (CIV_IS_CREMATION_BLANK_DIALOG (self), FALSE);
  return self->busy;
}

void
civ_print_funeral_start (GtkWidget         *parent,
                         CivSession        *session,
                         GCancellable      *cancellable,
                         const char        *case_no,
                         CivFuneralDocument document,
                         const char        *receipt_no,
                         const char        *export_pdf)
{
  Request *request;

  g_return_if_fail (GTK_IS_WIDGET (parent) && CIV_IS_SESSION (session) && case_no != NULL);
  g_return_if_fail (document == CIV_FUNERAL_DOCUMENT_CREMATION_CERTIFICATE ||
                    (document == CIV_FUNERAL_DOCUMENT_RECEIPT && receipt_no != NULL));

  request = request_new (parent, session, cancellable, case_no, document, receipt_no, export_pdf);
  if (document == CIV_FUNERAL_DOCUMENT_CREMATION_CERTIFICATE)
    {
      /* R-F13: the operator says which blank is in the printer first. */
      gtk_window_present (GTK_WINDOW (dialog_new (request)));
      return;
    }
  start_job (request, NULL);
  request_release (request);
}
