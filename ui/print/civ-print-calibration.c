// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-print-calibration.c — the printer-offset calibration dialog
 *
 * The printer list starts with "PDF export" (the empty name), then every
 * printer that has saved offsets, then the printers GTK finds (added as
 * they are found). Choosing a printer shows its saved offsets. The test
 * page uses the offsets as typed, not the saved ones, so the registrar can
 * try before saving.
 */
#include "civ-print-calibration.h"

#include <glib/gi18n.h>
#include <gtk/gtkunixprint.h>
#include <math.h>

#include "civ-print.h"
#include "civ-ui-util.h"

struct _CivPrintCalibration
{
  AdwWindow parent_instance;

  AdwComboRow   *printer_row;
  GtkStringList *printer_list;
  AdwActionRow  *x_row;
  AdwActionRow  *y_row;
  GtkSpinButton *x_spin;
  GtkSpinButton *y_spin;
  GtkLabel      *message_label;
  GtkWidget     *save_button;
  GtkWidget     *test_button;
  GtkLabel      *status_label;

  GSettings *settings;
  GPtrArray *printers; /* char *, parallel to printer_list; "" = PDF export */
  gboolean   touched;  /* the registrar chose a printer or changed an offset */
  gboolean   loading;  /* offsets are being shown, not typed */
  gboolean   printing;
  char      *export_filename;
};

G_DEFINE_FINAL_TYPE (CivPrintCalibration, civ_print_calibration, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
selected_printer (CivPrintCalibration *self)
{
  guint position = adw_combo_row_get_selected (self->printer_row);

  if (position == GTK_INVALID_LIST_POSITION || position >= self->printers->len)
    return "";
  return g_ptr_array_index (self->printers, position);
}

/* The value typed into @spin in mm, rounded to 0.1 mm; FALSE when it is not
 * a number from −20 to 20. */
static gboolean
parse_offset (GtkSpinButton *spin, double *value)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));
  char            *end = NULL;
  double           v;

  /* A decimal comma is a decimal point; U+2212 is a minus. */
  g_strdelimit (text, ",", '.');
  if (g_str_has_prefix (text, "−"))
    {
      g_autofree char *rest = g_strdup (text + strlen ("−"));
      g_free (text);
      text = g_strconcat ("-", rest, NULL);
    }
  if (*text == '\0')
    return FALSE;
  v = g_ascii_strtod (text, &end);
  if (end == NULL || *end != '\0' || !isfinite (v) || fabs (v) > CIV_PRINT_OFFSET_MAX_MM)
    return FALSE;
  *value = (double) (gint64) (v * 10 + (v < 0 ? -0.5 : 0.5)) / 10;
  if (*value == 0)
    *value = 0; /* no −0.0 */
  return TRUE;
}

/* Checks both offsets; TRUE and the values when both are fine, otherwise
 * the message says what is wrong and nothing can be saved or printed. */
static gboolean
validate (CivPrintCalibration *self, double *x, double *y)
{
  double   xv = 0, yv = 0;
  gboolean x_ok = parse_offset (self->x_spin, &xv);
  gboolean y_ok = parse_offset (self->y_spin, &yv);

  civ_ui_set_error_style (GTK_WIDGET (self->x_row), !x_ok);
  civ_ui_set_error_style (GTK_WIDGET (self->y_row), !y_ok);
  if (!x_ok || !y_ok)
    {
      g_autofree char *message = g_strdup_printf (
        "%s", !x_ok ? _ ("The horizontal offset must be a number of millimetres from −20 to 20.")
                    : _ ("The vertical offset must be a number of millimetres from −20 to 20."));
      civ_ui_show_message (self->message_label, message);
    }
  else if (self->settings == NULL)
    civ_ui_show_message (self->message_label,
                         _ ("The settings schema of Civreg is not installed: offsets cannot be "
                            "saved on this workstation."));
  else
    civ_ui_show_message (self->message_label, NULL);
  gtk_widget_set_sensitive (self->save_button, x_ok && y_ok && self->settings != NULL);
  gtk_widget_set_sensitive (self->test_button, x_ok && y_ok && !self->printing);
  if (x)
    *x = xv;
  if (y)
    *y = yv;
  return x_ok && y_ok;
}

static void
show_saved_offsets (CivPrintCalibration *self)
{
  double x = 0, y = 0;

  civ_print_get_offset (self->settings, selected_printer (self), &x, &y);
  self->loading = TRUE;
  gtk_spin_button_set_value (self->x_spin, x);
  gtk_spin_button_set_value (self->y_spin, y);
  /* The text, even when the value was already this one but typed wrong. */
  gtk_spin_button_update (self->x_spin);
  gtk_spin_button_update (self->y_spin);
  self->loading = FALSE;
  validate (self, NULL, NULL);
}

static void
on_printer_row_selected_cb (CivPrintCalibration *self)
{
  if (self->printers == NULL)
    return;
  if (!self->loading)
    self->touched = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
  show_saved_offsets (self);
}

static void
on_spin_changed_cb (CivPrintCalibration *self)
{
  if (self->printers == NULL)
    return;
  if (!self->loading)
    self->touched = TRUE;
  validate (self, NULL, NULL);
}

/* Adds @name to the list unless it is there; its position. */
static guint
add_printer (CivPrintCalibration *self, const char *name, const char *label)
{
  for (guint i = 0; i < self->printers->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->printers, i), name) == 0)
      return i;
  g_ptr_array_add (self->printers, g_strdup (name));
  gtk_string_list_append (self->printer_list, label ? label : name);
  return self->printers->len - 1;
}

static gboolean
on_printer_found_cb (GtkPrinter *printer, gpointer user_data)
{
  g_autoptr (CivPrintCalibration) self = g_weak_ref_get (user_data);
  guint position;

  if (self == NULL || self->printers == NULL)
    return TRUE; /* the dialog is gone: stop */
  self->loading = TRUE;
  position = add_printer (self, gtk_printer_get_name (printer), NULL);
  /* Start on the default printer unless the registrar has chosen already. */
  if (gtk_printer_is_default (printer) && !self->touched)
    {
      adw_combo_row_set_selected (self->printer_row, position);
      show_saved_offsets (self);
    }
  self->loading = FALSE;
  return FALSE;
}

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

static void
set_status (CivPrintCalibration *self, const char *message)
{
  gtk_label_set_label (self->status_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), message != NULL);
}

static void
set_printing (CivPrintCalibration *self, gboolean printing)
{
  self->printing = printing;
  validate (self, NULL, NULL);
}

static void
export_test_page (CivPrintCalibration *self, const char *path, double x, double y)
{
  g_autoptr (GtkPrintOperation) operation = civ_print_calibration_operation_new ("", x, y);
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  if (civ_print_export_pdf (operation, path, &error))
    /* Translators: %s is the file the calibration page was saved to. */
    message = g_strdup_printf (_ ("The test page was saved as %s."), path);
  else
    /* Translators: %s says why. */
    message = g_strdup_printf (_ ("The test page could not be saved: %s"),
                               error ? error->message : _ ("Printing failed."));
  set_status (self, message);
}

static void
on_export_chooser_response_cb (GtkNativeDialog *chooser, int response, CivPrintCalibration *self)
{
  double x, y;

  if (response == GTK_RESPONSE_ACCEPT && validate (self, &x, &y))
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        export_test_page (self, path, x, y);
      else
        set_status (self, _ ("Choose a file on this computer for the test page."));
    }
  g_object_unref (chooser);
}

static void
on_test_page_done_cb (GtkPrintOperation      *operation,
                      GtkPrintOperationResult result,
                      CivPrintCalibration    *self)
{
  const char      *printer = g_object_get_data (G_OBJECT (operation), "civ-printer");
  g_autofree char *message = NULL;

  set_printing (self, FALSE);
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    /* Translators: %s is the printer's name. */
    message = g_strdup_printf (_ ("The test page was sent to %s."), printer);
  else if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr (GError) error = NULL;
      gtk_print_operation_get_error (operation, &error);
      /* Translators: %1$s is the printer's name, %2$s says why. */
      message = g_strdup_printf (_ ("The test page could not be printed on %1$s: %2$s"), printer,
                                 error ? error->message : _ ("Printing failed."));
    }
  set_status (self, message);
}

static void
on_test_button_clicked_cb (CivPrintCalibration *self)
{
  const char *printer = selected_printer (self);
  double      x, y;

  if (self->printing || !validate (self, &x, &y))
    return;
  if (*printer == '\0')
    {
      GtkFileChooserNative *chooser;
      g_autoptr (GtkFileFilter) filter = NULL;

      if (self->export_filename != NULL)
        {
          export_test_page (self, self->export_filename, x, y);
          return;
        }
      chooser =
        gtk_file_chooser_native_new (_ ("Save the Test Page"), GTK_WINDOW (self),
                                     GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Save"), _ ("_Cancel"));
      filter = gtk_file_filter_new ();
      gtk_file_filter_set_name (filter, _ ("PDF documents"));
      gtk_file_filter_add_mime_type (filter, "application/pdf");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser),
                                         /* Translators: the file name offered for the test page. */
                                         _ ("certificate-calibration.pdf"));
      gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
      g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_chooser_response_cb),
                               self, 0);
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
      return;
    }

  {
    g_autoptr (GtkPrintOperation) operation = civ_print_calibration_operation_new (printer, x, y);
    g_autoptr (GError) error = NULL;

    g_object_set_data_full (G_OBJECT (operation), "civ-printer", g_strdup (printer), g_free);
    g_signal_connect_object (operation, "done", G_CALLBACK (on_test_page_done_cb), self, 0);
    gtk_print_operation_set_allow_async (operation, TRUE);
    g_autofree char *message =
      /* Translators: %s is the printer's name. */
      g_strdup_printf (_ ("Printing the test page on %s…"), printer);

    set_printing (self, TRUE);
    set_status (self, message);
    if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT, GTK_WINDOW (self),
                                 &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
      {
        g_autofree char *failed =
          /* Translators: %1$s is the printer's name, %2$s says why. */
          g_strdup_printf (_ ("The test page could not be printed on %1$s: %2$s"), printer,
                           error ? error->message : _ ("Printing failed."));
        set_printing (self, FALSE);
        set_status (self, failed);
      }
  }
}

static void
on_save_button_clicked_cb (CivPrintCalibration *self)
{
  const char      *printer = selected_printer (self);
  g_autofree char *message = NULL;
  double           x, y;

  if (self->settings == NULL || !validate (self, &x, &y))
    return;
  civ_print_set_offset (self->settings, printer, x, y);
  message = g_strdup_printf (
    /* Translators: %1$s is a printer name, %2$+.1f and %3$+.1f the offsets in mm. */
    _ ("Certificate offsets saved for %1$s: X %2$+.1f mm, Y %3$+.1f mm"),
    *printer ? printer : _ ("PDF export"), x, y);
  /* The window that opened the dialog says so. */
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, message);
  gtk_window_destroy (GTK_WINDOW (self));
}

const char *
_civ_print_calibration_get_printer (CivPrintCalibration *self, guint position)
{
  g_return_val_if_fail (CIV_IS_PRINT_CALIBRATION (self), NULL);
  return position < self->printers->len ? g_ptr_array_index (self->printers, position) : NULL;
}

void
_civ_print_calibration_set_export_filename (CivPrintCalibration *self, const char *path)
{
  g_return_if_fail (CIV_IS_PRINT_CALIBRATION (self));

  g_free (self->export_filename);
  self->export_filename = g_strdup (path);
}

CivPrintCalibration *
civ_print_calibration_new (GtkWindow *parent)
{
  CivPrintCalibration *self = g_object_new (CIV_TYPE_PRINT_CALIBRATION, "transient-for", parent,
                                            "destroy-with-parent", TRUE, NULL);

  if (parent != NULL)
    gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
  return self;
}

static void
civ_print_calibration_dispose (GObject *object)
{
  CivPrintCalibration *self = CIV_PRINT_CALIBRATION (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CIV_TYPE_PRINT_CALIBRATION);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->printers, g_ptr_array_unref);
  G_OBJECT_CLASS (civ_print_calibration_parent_class)->dispose (object);
}

static void
civ_print_calibration_finalize (GObject *object)
{
  CivPrintCalibration *self = CIV_PRINT_CALIBRATION (object);

  g_free (self->export_filename);
  G_OBJECT_CLASS (civ_print_calibration_parent_class)->finalize (object);
}

static void
civ_print_calibration_class_init (CivPrintCalibrationClass *klass)
{
  /* "saved" (message): the offsets were saved; the message says which. */
  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civ_print_calibration_dispose;
  object_class->finalize = civ_print_calibration_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/civreg/Civreg/ui/civ-print-calibration.ui");
  gtk_widget_class_bind_template_child (widget_class, CivPrintCalibration, printer_row);
  gtk_widget_class_bind_template_child (widget_class, CivPrintCalibration, printer_list);
  gtk_widget_class_bind_template_child (widget_class, CivPrintCalibration, x_row);
  gtk_widget_class_bind_template_child (widget_class, CivPrintCalibration, y_row);
  gtk_widget_class_bind_template_child (widget_class, CivPrintCalibration, x_spin);
  gtk_widget_class_bind_template_child (widget_class, CivPrintCalibration, y_spin);
  gtk_widget_class_bind_template_child (widget_class, CivPrintCalibration, message_label);
  gtk_widget_class_bind_template_child (widget_class, CivPrintCalibration, save_button);
  gtk_widget_class_bind_template_child (widget_class, CivPrintCalibration, test_button);
  gtk_widget_class_bind_template_child (widget_class, CivPrintCalibration, status_label);
  gtk_widget_class_bind_template_callback (widget_class, on_printer_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_spin_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_test_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_button_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
civ_print_calibration_init (CivPrintCalibration *self)
{
  g_auto (GStrv) saved = NULL;
  GWeakRef *enumeration;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = civ_print_load_settings ();
  self->printers = g_ptr_array_new_with_free_func (g_free);
  self->loading = TRUE;
  add_printer (self, "", _ ("PDF export"));
  saved = civ_print_list_offsets (self->settings);
  for (guint i = 0; saved[i] != NULL; i++)
    if (*saved[i] != '\0')
      add_printer (self, saved[i], NULL);
  adw_combo_row_set_selected (self->printer_row, 0);
  self->loading = FALSE;
  /* Enter in an offset saves, like in any other field of a dialog. */
  gtk_text_set_activates_default (GTK_TEXT (
                                    gtk_editable_get_delegate (GTK_EDITABLE (self->x_spin))),
                                  TRUE);
  gtk_text_set_activates_default (GTK_TEXT (
                                    gtk_editable_get_delegate (GTK_EDITABLE (self->y_spin))),
                                  TRUE);
  show_saved_offsets (self);
  /* Keyboard: the printer first, then Tab to the offsets. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->printer_row));

  enumeration = g_new0 (GWeakRef, 1);
  g_weak_ref_init (enumeration, self);
  gtk_enumerate_printers (on_printer_found_cb, enumeration, (GDestroyNotify) weak_ref_free, FALSE);
}
