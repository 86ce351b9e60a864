// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-archive-import-dialog.c — importing a backfill CSV with progress and Cancel */
#include "civ-archive-import-dialog-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "civ-archive-tasks.h"
#include "civ-archive-ui.h"
#include "civ-ui-util.h"

static const char *const encodings[] = { "auto", "utf-8", "gb18030" };

struct _CivArchiveImportDialog
{
  AdwWindow parent_instance;

  GtkStack       *stack;
  AdwActionRow   *file_row;
  AdwComboRow    *encoding_row;
  GtkSwitch      *skip_switch;
  GtkSwitch      *dry_run_switch;
  GtkSwitch      *force_switch;
  AdwActionRow   *errors_row;
  GtkWidget      *import_button;
  GtkProgressBar *progress_bar;
  GtkLabel       *rate_label;
  GtkLabel       *file_label;
  GtkWidget      *cancel_button;
  AdwStatusPage  *result_page;
  GtkWidget      *open_report_button;
  GtkWidget      *again_button;
  GtkLabel       *message_label;

  CivSession      *session;
  GCancellable    *cancellable;
  char            *path;
  char            *errors_path;
  gboolean         running;
  gboolean         done;
  guint64          rows_seen; /* in the last progress */
  guint            n_progress;
  CivImportResult *result;
  GError          *error;
};

G_DEFINE_FINAL_TYPE (CivArchiveImportDialog, civ_archive_import_dialog, ADW_TYPE_WINDOW)

enum
{
  IMPORTED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static void
update (CivArchiveImportDialog *self)
{
  gtk_widget_set_sensitive (self->import_button, self->path != NULL && !self->running);
  adw_action_row_set_subtitle (self->file_row, self->path ? self->path : _ ("No file chosen"));
  adw_action_row_set_subtitle (self->errors_row, self->errors_path
                                                   ? self->errors_path
                                                   : _ ("No report: the summary only"));
}

static void
set_file (CivArchiveImportDialog *self, const char *path)
{
  g_free (self->path);
  self->path = g_strdup (path);
  /* The report beside the file unless another place was chosen. */
  if (path != NULL && self->errors_path == NULL)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_autofree char *base = g_path_get_basename (path);
      char            *dot = strrchr (base, '.');
      g_autofree char *name = NULL;

      if (dot != NULL && dot != base)
        *dot = '\0';
      /* TRANSLATORS: the error report's file name: the CSV's name, then this. */
      name = g_strdup_printf (_ ("%s-errors.csv"), base);
      self->errors_path = g_build_filename (dir, name, NULL);
    }
  update (self);
}

static void
on_file_response_cb (GtkNativeDialog *chooser, int response, CivArchiveImportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        set_file (self, path);
    }
  g_object_unref (chooser);
}

static void
on_choose_file_clicked_cb (CivArchiveImportDialog *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_ ("Choose a CSV File"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Open"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _ ("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_file_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_errors_response_cb (GtkNativeDialog *chooser, int response, CivArchiveImportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        {
          g_free (self->errors_path);
          self->errors_path = g_steal_pointer (&path);
          update (self);
        }
    }
  g_object_unref (chooser);
}

static void
on_choose_errors_clicked_cb (CivArchiveImportDialog *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_ ("Save the Error Report As"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Save"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (self->errors_path != NULL)
    {
      g_autofree char *base = g_path_get_basename (self->errors_path);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), base);
    }
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_errors_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static char *
format_duration (double seconds)
{
  if (seconds < 0)
    return g_strdup (_ ("time left unknown"));
  if (seconds < 60)
    return g_strdup_printf (_ ("about %d s left"), MAX (1, (int) (seconds + 0.5)));
  if (seconds < 3600)
    return g_strdup_printf (_ ("about %d min left"), (int) (seconds / 60 + 0.5));
  return g_strdup_printf (_ ("about %d h %d min left"), (int) (seconds / 3600),
                          ((int) seconds % 3600) / 60);
}

static void
on_progress (guint64  rows,
             guint64  bytes_done,
             guint64  bytes_total,
             double   rows_per_second,
             double   seconds_left,
             gpointer user_data)
{
  CivArchiveImportDialog *self = user_data;
  g_autofree char        *count = civ_archive_ui_count (rows);
  g_autofree char        *rate = civ_archive_ui_count ((guint64) (rows_per_second + 0.5));
  g_autofree char        *left = format_duration (seconds_left);
  g_autofree char        *text = NULL;
  g_autofree char        *detail = NULL;

  self->rows_seen = rows;
  self->n_progress++;
  if (bytes_total > 0)
    gtk_progress_bar_set_fraction (self->progress_bar,
                                   MIN (1.0, (double) bytes_done / bytes_total));
  else
    gtk_progress_bar_pulse (self->progress_bar);
  text = g_strdup_printf (ngettext ("%s row read", "%s rows read", rows), count);
  gtk_progress_bar_set_text (self->progress_bar, text);
  /* TRANSLATORS: import speed and the time left, e.g. "8,000 rows/s · about 2 min left". */
  detail = g_strdup_printf (_ ("%s rows/s · %s"), rate, left);
  gtk_label_set_text (self->rate_label, detail);
}

static void
show_result (CivArchiveImportDialog *self)
{
  const CivImportResult *r = self->result;
  g_autofree char       *imported = NULL;
  g_autofree char       *rejected = NULL;
  g_autofree char       *duplicates = NULL;
  g_autofree char       *read = NULL;
  g_autofree char       *description = NULL;
  const char            *title;
  const char            *icon;

  gtk_widget_set_visible (self->open_report_button, FALSE);
  if (r == NULL)
    {
      g_autofree char *text = civ_ui_describe_error (self->error);

      if (g_error_matches (self->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          title = _ ("Import cancelled");
          icon = "process-stop-symbolic";
          g_free (text);
          text = g_strdup (_ ("Nothing was imported: the office is as it was."));
        }
      else
        {
          title = _ ("The file was not imported");
          icon = "dialog-error-symbolic";
        }
      adw_status_page_set_title (self->result_page, title);
      adw_status_page_set_icon_name (self->result_page, icon);
      adw_status_page_set_description (self->result_page, text);
      gtk_stack_set_visible_child_name (self->stack, "result");
      return;
    }
  read = civ_archive_ui_count (r->rows_read);
  imported = civ_archive_ui_count (r->rows_imported);
  rejected = civ_archive_ui_count (r->rows_rejected);
  duplicates = civ_archive_ui_count (r->duplicates);
  if (r->committed)
    {
      title = _ ("Import finished");
      icon = "emblem-ok-symbolic";
    }
  else if (r->rows_rejected > 0)
    {
      title = _ ("Nothing was imported");
      icon = "dialog-warning-symbolic";
    }
  else
    {
      title = _ ("Dry run finished: nothing was written");
      icon = "emblem-ok-symbolic";
    }
  /* TRANSLATORS: the import's summary: rows read, imported, rejected, duplicates, encoding. */
  description =
    g_strdup_printf (_ ("%s rows read · %s imported · %s rejected · %s like records "
                        "already in the office\nEncoding: %s"),
                     read, imported, rejected, duplicates, r->encoding ? r->encoding : "");
  if (!r->committed && r->rows_rejected > 0)
    {
      char *more = g_strconcat (description, "\n",
                                _ ("Correct the rejected rows, or import again with Skip "
                                   "invalid rows to import the valid ones."),
                                NULL);
      g_free (description);
      description = more;
    }
  adw_status_page_set_title (self->result_page, title);
  adw_status_page_set_icon_name (self->result_page, icon);
  adw_status_page_set_description (self->result_page, description);
  gtk_widget_set_visible (self->open_report_button,
                          r->rows_rejected > 0 && self->errors_path != NULL &&
                            g_file_test (self->errors_path, G_FILE_TEST_EXISTS));
  gtk_stack_set_visible_child_name (self->stack, "result");
}

static void
on_import_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivArchiveImportDialog *self = CIV_ARCHIVE_IMPORT_DIALOG (source);

  self->result = civ_archive_import_finish (self->session, result, &self->error);
  self->running = FALSE;
  self->done = TRUE;
  gtk_widget_set_sensitive (self->cancel_button, FALSE);
  show_result (self);
  update (self);
  if (self->result != NULL && self->result->committed)
    g_signal_emit (self, signals[IMPORTED], 0);
}

static void
on_import_clicked_cb (CivArchiveImportDialog *self)
{
  g_autoptr (CivImportOptions) options = NULL;

  if (self->path == NULL || self->running || self->session == NULL)
    return;
  options = civ_import_options_new (self->path);
  g_free (options->encoding);
  options->encoding = g_strdup (encodings[adw_combo_row_get_selected (self->encoding_row)]);
  options->skip_invalid = gtk_switch_get_active (self->skip_switch);
  options->dry_run = gtk_switch_get_active (self->dry_run_switch);
  options->force = gtk_switch_get_active (self->force_switch);
  g_free (options->errors_path);
  options->errors_path = g_strdup (self->errors_path);
  g_clear_pointer (&self->result, civ_import_result_free);
  g_clear_error (&self->error);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->running = TRUE;
  self->done = FALSE;
  self->rows_seen = 0;
  self->n_progress = 0;
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _ ("Reading the file…"));
  gtk_label_set_text (self->rate_label, "");
  {
    g_autofree char *base = g_path_get_basename (self->path);
    gtk_label_set_text (self->file_label, base);
  }
  gtk_widget_set_sensitive (self->cancel_button, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  update (self);
  civ_archive_import_async (self->session, self, options, on_progress, g_object_ref (self),
                            g_object_unref, self->cancellable, on_import_done_cb, NULL);
}

static void
on_cancel_clicked_cb (CivArchiveImportDialog *self)
{
  if (self->running)
    {
      gtk_progress_bar_set_text (self->progress_bar, _ ("Cancelling…"));
      gtk_widget_set_sensitive (self->cancel_button, FALSE);
      g_cancellable_cancel (self->cancellable);
    }
}

static void
on_open_report_clicked_cb (CivArchiveImportDialog *self)
{
  g_autoptr (GFile) file = NULL;
  g_autofree char *uri = NULL;
  g_autoptr (GError) error = NULL;

  if (self->errors_path == NULL)
    return;
  file = g_file_new_for_path (self->errors_path);
  uri = g_file_get_uri (file);
  if (!g_app_info_launch_default_for_uri (uri, NULL, &error))
    {
      g_autofree char *text =
        g_strdup_printf (_ ("No program opens the report here; it is saved as %s"),
                         self->errors_path);
      civ_ui_show_message (self->message_label, text);
    }
}

static void
on_again_clicked_cb (CivArchiveImportDialog *self)
{
  civ_ui_show_message (self->message_label, NULL);
  gtk_stack_set_visible_child_name (self->stack, "options");
}

static gboolean
on_close_request_cb (CivArchiveImportDialog *self)
{
  /* Closing while importing cancels: nothing is left behind. */
  if (self->running)
    g_cancellable_cancel (self->cancellable);
  return FALSE;
}

/* Test hooks -------------------------------------------------------------------------- */

void
_civ_archive_import_dialog_set_file (CivArchiveImportDialog *self, const char *path)
{
  set_file (self, path);
}

void
_civ_archive_import_dialog_set_errors_path (CivArchiveImportDialog *self, const char *path)
{
  g_free (self->errors_path);
  self->errors_path = g_strdup (path);
  update (self);
}

GtkWidget *
_civ_archive_import_dialog_get_widget (CivArchiveImportDialog *self, const char *name)
{
  if (g_str_equal (name, "import"))
    return self->import_button;
  if (g_str_equal (name, "cancel"))
    return self->cancel_button;
  if (g_str_equal (name, "skip"))
    return GTK_WIDGET (self->skip_switch);
  if (g_str_equal (name, "dry-run"))
    return GTK_WIDGET (self->dry_run_switch);
  if (g_str_equal (name, "encoding"))
    return GTK_WIDGET (self->encoding_row);
  if (g_str_equal (name, "open-report"))
    return self->open_report_button;
  if (g_str_equal (name, "progress"))
    return GTK_WIDGET (self->progress_bar);
  return NULL;
}

gboolean
_civ_archive_import_dialog_is_done (CivArchiveImportDialog *self)
{
  return self->done;
}

guint
_civ_archive_import_dialog_get_n_progress (CivArchiveImportDialog *self)
{
  return self->n_progress;
}

const CivImportResult *
_civ_archive_import_dialog_get_result (CivArchiveImportDialog *self, const GError **error)
{
  if (error != NULL)
    *error = self->error;
  return self->result;
}

/* Building ---------------------------------------------------------------------------- */

static GtkWidget *
switch_row (const char *title, const char *subtitle, GtkSwitch **out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *sw = gtk_switch_new ();

  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
  *out = GTK_SWITCH (sw);
  return row;
}

static GtkWidget *
button_row (const char    *title,
            const char    *button_label,
            GCallback      callback,
            gpointer       self,
            AdwActionRow **out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (button_label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", callback, self);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  *out = ADW_ACTION_ROW (row);
  return row;
}

static void
civ_archive_import_dialog_dispose (GObject *object)
{
  CivArchiveImportDialog *self = CIV_ARCHIVE_IMPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (civ_archive_import_dialog_parent_class)->dispose (object);
}

static void
civ_archive_import_dialog_finalize (GObject *object)
{
  CivArchiveImportDialog *self = CIV_ARCHIVE_IMPORT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_free (self->path);
  g_free (self->errors_path);
  g_clear_pointer (&self->result, civ_import_result_free);
  g_clear_error (&self->error);
  G_OBJECT_CLASS (civ_archive_import_dialog_parent_class)->finalize (object);
}

static void
civ_archive_import_dialog_class_init (CivArchiveImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = civ_archive_import_dialog_dispose;
  object_class->finalize = civ_archive_import_dialog_finalize;
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
civ_archive_import_dialog_init (CivArchiveImportDialog *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *options = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *progress = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *result_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *progress_title = gtk_label_new (_ ("Importing…"));
  g_autoptr (GtkStringList) names = gtk_string_list_new ((const char *[]){
    _ ("Detect (UTF-8 with or without BOM, else GB18030)"), "UTF-8", "GB18030", NULL });
  GtkWidget *close_button;

  gtk_window_set_title (GTK_WINDOW (self), _ ("Import Historical Records"));
  gtk_window_set_default_size (GTK_WINDOW (self), 620, 520);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (_ ("Import Historical Records"), NULL));
  gtk_box_append (GTK_BOX (toolbar), header);
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);

  /* Options */
  gtk_widget_set_margin_start (options, 18);
  gtk_widget_set_margin_end (options, 18);
  gtk_widget_set_margin_top (options, 18);
  gtk_widget_set_margin_bottom (options, 18);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _ ("A file imports as a whole or not at all; with Skip "
                                            "invalid rows, the valid rows are "
                                            "imported and the others listed in the error report."));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             button_row (_ ("CSV file"), _ ("C_hoose…"),
                                         G_CALLBACK (on_choose_file_clicked_cb), self,
                                         &self->file_row));
  self->encoding_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->encoding_row), _ ("_Encoding"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->encoding_row), TRUE);
  adw_combo_row_set_model (self->encoding_row, G_LIST_MODEL (names));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->encoding_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             switch_row (_ ("_Skip invalid rows"),
                                         _ ("Import the valid rows and report the others"),
                                         &self->skip_switch));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             switch_row (_ ("_Dry run"),
                                         _ ("Read and check everything, write nothing"),
                                         &self->dry_run_switch));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             switch_row (_ ("Import a file imported _before"), NULL,
                                         &self->force_switch));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             button_row (_ ("Error report"), _ ("Save _As…"),
                                         G_CALLBACK (on_choose_errors_clicked_cb), self,
                                         &self->errors_row));
  gtk_box_append (GTK_BOX (options), group);
  self->import_button = gtk_button_new_with_mnemonic (_ ("_Import"));
  gtk_widget_add_css_class (self->import_button, "suggested-action");
  gtk_widget_add_css_class (self->import_button, "pill");
  gtk_widget_set_halign (self->import_button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->import_button, "clicked", G_CALLBACK (on_import_clicked_cb),
                            self);
  gtk_box_append (GTK_BOX (options), self->import_button);
  gtk_stack_add_named (self->stack, options, "options");

  /* Progress */
  gtk_widget_set_margin_start (progress, 36);
  gtk_widget_set_margin_end (progress, 36);
  gtk_widget_set_valign (progress, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (progress_title, "title-2");
  gtk_box_append (GTK_BOX (progress), progress_title);
  self->file_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (self->file_label, PANGO_ELLIPSIZE_MIDDLE);
  gtk_box_append (GTK_BOX (progress), GTK_WIDGET (self->file_label));
  self->progress_bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_progress_bar_set_show_text (self->progress_bar, TRUE);
  gtk_box_append (GTK_BOX (progress), GTK_WIDGET (self->progress_bar));
  self->rate_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->rate_label), "dim-label");
  gtk_box_append (GTK_BOX (progress), GTK_WIDGET (self->rate_label));
  self->cancel_button = gtk_button_new_with_mnemonic (_ ("_Cancel Import"));
  gtk_widget_add_css_class (self->cancel_button, "pill");
  gtk_widget_set_halign (self->cancel_button, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (self->cancel_button, 12);
  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (on_cancel_clicked_cb),
                            self);
  gtk_box_append (GTK_BOX (progress), self->cancel_button);
  gtk_stack_add_named (self->stack, progress, "progress");

  /* Result */
  self->result_page = ADW_STATUS_PAGE (adw_status_page_new ());
  gtk_widget_set_halign (result_box, GTK_ALIGN_CENTER);
  self->open_report_button = gtk_button_new_with_mnemonic (_ ("_Open Error Report"));
  gtk_widget_add_css_class (self->open_report_button, "pill");
  g_signal_connect_swapped (self->open_report_button, "clicked",
                            G_CALLBACK (on_open_report_clicked_cb), self);
  gtk_box_append (GTK_BOX (result_box), self->open_report_button);
  self->again_button = gtk_button_new_with_mnemonic (_ ("Import A_nother File…"));
  gtk_widget_add_css_class (self->again_button, "pill");
  g_signal_connect_swapped (self->again_button, "clicked", G_CALLBACK (on_again_clicked_cb), self);
  gtk_box_append (GTK_BOX (result_box), self->again_button);
  close_button = gtk_button_new_with_mnemonic (_ ("C_lose"));
  gtk_widget_add_css_class (close_button, "pill");
  gtk_widget_add_css_class (close_button, "suggested-action");
  g_signal_connect_swapped (close_button, "clicked", G_CALLBACK (gtk_window_close), self);
  gtk_box_append (GTK_BOX (result_box), close_button);
  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

    self->message_label = GTK_LABEL (gtk_label_new (NULL));
    gtk_label_set_wrap (self->message_label, TRUE);
    gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
    gtk_box_append (GTK_BOX (box), result_box);
    gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->message_label));
    adw_status_page_set_child (self->result_page, box);
  }
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->result_page), "result");

  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->stack));
  adw_window_set_content (ADW_WINDOW (self), toolbar);
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request_cb), NULL);
  update (self);
}

CivArchiveImportDialog *
civ_archive_import_dialog_new (GtkWindow *parent, CivSession *session)
{
  CivArchiveImportDialog *self =
    g_object_new (CIV_TYPE_ARCHIVE_IMPORT_DIALOG, "transient-for", parent, NULL);

  self->session = g_object_ref (session);
  if (parent != NULL)
    gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
  civ_ui_close_on_lock (session, GTK_WINDOW (self));
  return self;
}
