// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-blank-dialog.c — one pre-printed blank serial per certificate copy (R-N3) */
#include "civ-blank-dialog-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "civ-certificate-prints.h"
#include "civ-ui-util.h"

struct _CivBlankDialog
{
  AdwWindow parent_instance;

  AdwWindowTitle      *title;
  GtkButton           *cancel_button;
  GtkButton           *print_button;
  GtkSpinner          *spinner;
  GtkWidget           *form;
  AdwPreferencesGroup *group;
  AdwEntryRow         *rows[CIV_CERTIFICATE_COPIES];
  guint                n_copies; /* rows in use: one per holder */
  GtkLabel            *message_label;

  CivSession   *session;
  GCancellable *cancellable;
  char         *certificate_no;
  gboolean      busy;
};

G_DEFINE_FINAL_TYPE (CivBlankDialog, civ_blank_dialog, ADW_TYPE_WINDOW)

enum
{
  PRINT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The serials as typed, trimmed (NULL-terminated). */
static GStrv
typed_serials (CivBlankDialog *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->n_copies; i++)
    {
      g_autofree char *serial = civ_ui_stripped_text (self->rows[i]);
      g_strv_builder_add (builder, serial);
    }
  return g_strv_builder_end (builder);
}

/* TRUE when every copy has a serial and no two are the same; *@message
 * says what is wrong with what is filled in. */
static gboolean
check_form (CivBlankDialog *self, char **message)
{
  g_auto (GStrv) serials = typed_serials (self);
  gboolean ok = TRUE;

  for (guint i = 0; i < self->n_copies; i++)
    {
      gboolean repeated = FALSE;

      for (guint k = 0; k < i; k++)
        repeated |= *serials[i] != '\0' && g_strcmp0 (serials[i], serials[k]) == 0;
      if (repeated && message != NULL && *message == NULL)
        /* Translators: %s is the serial (NO.) typed for two copies of a certificate. */
        *message = g_strdup_printf (_ ("R-N3: each copy goes on its own blank, but No. %s was "
                                       "entered for two copies."),
                                    serials[i]);
      civ_ui_set_error_style (GTK_WIDGET (self->rows[i]), repeated);
      ok &= *serials[i] != '\0' && !repeated;
    }
  return ok;
}

static void
update_form (CivBlankDialog *self)
{
  g_autofree char *message = NULL;
  gboolean         ready = check_form (self, &message);

  civ_ui_show_message (self->message_label, message);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "blank.print", ready && !self->busy);
}

static void
on_row_changed_cb (CivBlankDialog *self)
{
  if (!self->busy)
    update_form (self);
}

static void
set_busy (CivBlankDialog *self, gboolean busy)
{
  self->busy = busy;
  civ_ui_set_form_busy (GTK_WIDGET (self), self->form, self->spinner, busy);
  update_form (self);
}

static void
on_check_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivBlankDialog *self = CIV_BLANK_DIALOG (source);
  g_auto (GStrv) serials = user_data;
  g_autoptr (GError) error = NULL;

  if (!civ_certificate_check_blanks_finish (self->session, result, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      /* The refusal, with its rule id, stays here: nothing was printed. */
      message = civ_ui_describe_error (error);
      civ_ui_show_message (self->message_label, message);
      for (guint i = 0; i < self->n_copies; i++)
        if (strstr (message, serials[i]) != NULL)
          {
            civ_ui_set_error_style (GTK_WIDGET (self->rows[i]), TRUE);
            gtk_widget_grab_focus (GTK_WIDGET (self->rows[i]));
            break;
          }
      return;
    }
  self->busy = FALSE;
  g_signal_emit (self, signals[PRINT], 0, serials);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
submit (CivBlankDialog *self)
{
  g_auto (GStrv) serials = NULL;

  if (self->busy || !check_form (self, NULL))
    return;
  serials = typed_serials (self);
  civ_ui_show_message (self->message_label, NULL);
  set_busy (self, TRUE);
  civ_certificate_check_blanks_async (self->session, self->certificate_no,
                                      (const char *const *) serials, self, self->cancellable,
                                      on_check_done_cb, g_strdupv (serials));
}

static void
on_print_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  submit (CIV_BLANK_DIALOG (widget));
}

/* Enter in a serial moves to the next copy; in the last one it prints, or
 * goes back to the first copy still missing its serial. */
static void
on_row_entry_activated_cb (AdwEntryRow *row, CivBlankDialog *self)
{
  g_auto (GStrv) serials = typed_serials (self);
  guint copy = 0;

  while (copy < self->n_copies && self->rows[copy] != row)
    copy++;
  if (copy + 1 < self->n_copies)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->rows[copy + 1]));
      return;
    }
  if (check_form (self, NULL))
    {
      submit (self);
      return;
    }
  for (guint i = 0; i < self->n_copies; i++)
    if (*serials[i] == '\0')
      {
        gtk_widget_grab_focus (GTK_WIDGET (self->rows[i]));
        return;
      }
}

static gboolean
on_close_request_cb (CivBlankDialog *self)
{
  /* The check on the worker finishes first; its outcome is shown here. */
  return self->busy;
}

static void
civ_blank_dialog_dispose (GObject *object)
{
  CivBlankDialog *self = CIV_BLANK_DIALOG (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (civ_blank_dialog_parent_class)->dispose (object);
}

static void
civ_blank_dialog_finalize (GObject *object)
{
  CivBlankDialog *self = CIV_BLANK_DIALOG (object);

  g_free (self->certificate_no);
  G_OBJECT_CLASS (civ_blank_dialog_parent_class)->finalize (object);
}

static void
civ_blank_dialog_class_init (CivBlankDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civ_blank_dialog_dispose;
  object_class->finalize = civ_blank_dialog_finalize;
  gtk_widget_class_install_action (widget_class, "blank.print", NULL, on_print_activated);

  /**
   * CivBlankDialog::print:
   * @serials: the blanks' serials in copy order, trimmed, checked unused
   *
   * Emitted just before the dialog closes: print now, then record the
   * print with these serials.
   */
  signals[PRINT] = g_signal_new ("print", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRV);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
civ_blank_dialog_init (CivBlankDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *label = gtk_label_new_with_mnemonic (_ ("_Print…"));
  GtkWidget *message_group = adw_preferences_group_new ();

  self->cancellable = g_cancellable_new ();
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 520, 360);

  self->title = ADW_WINDOW_TITLE (adw_window_title_new ("", NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  self->cancel_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_ ("_Cancel")));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->cancel_button), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), GTK_WIDGET (self->cancel_button));

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
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->print_button));
  gtk_box_append (GTK_BOX (box), header);

  self->form = adw_preferences_page_new ();
  gtk_widget_set_vexpand (self->form, TRUE);
  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  for (guint i = 0; i < CIV_CERTIFICATE_COPIES; i++)
    {
      GtkWidget *row = adw_entry_row_new ();

      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
      g_signal_connect_swapped (row, "changed", G_CALLBACK (on_row_changed_cb), self);
      g_signal_connect (row, "entry-activated", G_CALLBACK (on_row_entry_activated_cb), self);
      adw_preferences_group_add (self->group, row);
      self->rows[i] = ADW_ENTRY_ROW (row);
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->form), self->group);

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
}

/* @name with its underscores doubled: it goes into a mnemonic label. */
static char *
escape_underline (const char *name)
{
  g_auto (GStrv) parts = g_strsplit (name ? name : "", "_", -1);

  return g_strjoinv ("__", parts);
}

CivBlankDialog *
civ_blank_dialog_new (GtkWindow         *parent,
                      CivSession        *session,
                      const char        *certificate_no,
                      const char *const *holders,
                      const char        *title,
                      const char        *description)
{
  CivBlankDialog  *self;
  g_autofree char *default_description = NULL;

  g_return_val_if_fail (CIV_IS_SESSION (session) && certificate_no != NULL, NULL);
  g_return_val_if_fail (holders != NULL && holders[0] != NULL, NULL);

  self = g_object_new (CIV_TYPE_BLANK_DIALOG, "transient-for", parent, "destroy-with-parent", TRUE,
                       NULL);
  if (parent != NULL)
    gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
  self->session = g_object_ref (session);
  self->certificate_no = g_strdup (certificate_no);
  if (title == NULL)
    title = _ ("Print Certificate");
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->title, title);
  adw_window_title_set_subtitle (self->title, certificate_no);
  if (description == NULL)
    description = default_description = g_strdup_printf (
      /* Translators: %s is the certificate number (字号). */
      _ ("R-N3: %s is printed in two copies, one for each spouse, each on its own certificate "
         "blank. Put the blanks in the printer in this order and enter the serial number "
         "printed on each blank (NO.)."),
      certificate_no);
  adw_preferences_group_set_description (self->group, description);
  /* Both copies, or one when the other is out (R-N3). */
  self->n_copies = MIN (g_strv_length ((char **) holders), CIV_CERTIFICATE_COPIES);
  for (guint i = self->n_copies; i < CIV_CERTIFICATE_COPIES; i++)
    gtk_widget_set_visible (GTK_WIDGET (self->rows[i]), FALSE);
  for (guint i = 0; i < self->n_copies; i++)
    {
      g_autofree char *holder = escape_underline (holders[i]);
      /* Translators: the serial row of one copy of a certificate: %1$u is
       * the copy (1 or 2, also its mnemonic), %2$s the holder's name. */
      g_autofree char *row_title = g_strdup_printf (_ ("Copy _%1$u — holder %2$s"), i + 1, holder);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->rows[i]), row_title);
    }
  civ_ui_close_on_lock (session, GTK_WINDOW (self));
  update_form (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->rows[0]));
  return self;
}

void
civ_blank_dialog_set_cancel_label (CivBlankDialog *self, const char *label)
{
  g_return_if_fail (CIV_IS_BLANK_DIALOG (self) && label != NULL);

  gtk_button_set_label (self->cancel_button, label);
  gtk_button_set_use_underline (self->cancel_button, TRUE);
}

const char *
civ_blank_dialog_get_certificate_no (CivBlankDialog *self)
{
  g_return_val_if_fail (CIV_IS_BLANK_DIALOG (self), NULL);
  return self->certificate_no;
}

CivBlankPrint *
civ_blank_print_new (const char *certificate_no, const char *const *serials)
{
  CivBlankPrint *print = g_new0 (CivBlankPrint, 1);

  print->certificate_no = g_strdup (certificate_no);
  print->serials = g_strdupv ((char **) serials);
  return print;
}

void
civ_blank_print_free (CivBlankPrint *print)
{
  if (print == NULL)
    return;
  g_free (print->certificate_no);
  g_strfreev (print->serials);
  g_free (print);
}

char *
civ_blank_print_describe (const CivBlankPrint *print)
{
  guint n = print->serials ? g_strv_length (print->serials) : 0;

  if (n >= 2)
    /* Translators: %1$s is a certificate number, %2$s and %3$s the serials
     * (NO.) of the two blanks it was printed on. */
    return g_strdup_printf (_ ("Printed %1$s on blanks No. %2$s and %3$s"), print->certificate_no,
                            print->serials[0], print->serials[1]);
  /* Translators: %1$s is a certificate number, %2$s the blank's serial (NO.). */
  return g_strdup_printf (_ ("Printed %1$s on blank No. %2$s"), print->certificate_no,
                          n == 1 ? print->serials[0] : "—");
}

AdwEntryRow *
_civ_blank_dialog_get_row (CivBlankDialog *self, guint copy)
{
  g_return_val_if_fail (CIV_IS_BLANK_DIALOG (self) && copy < CIV_CERTIFICATE_COPIES, NULL);
  return copy < self->n_copies ? self->rows[copy] : NULL;
}

GtkButton *
_civ_blank_dialog_get_print_button (CivBlankDialog *self)
{
  return self->print_button;
}

const char *
_civ_blank_dialog_get_message (CivBlankDialog *self)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (self->message_label)))
    return NULL;
  return gtk_label_get_label (self->message_label);
}

gboolean
_civ_blank_dialog_is_busy (CivBlankDialog *self)
{
  return self->busy;
}
