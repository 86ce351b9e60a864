// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-scan-dialog.c — scanning paper documents at the counter */
#include "civ-scan-dialog-private.h"

#include <glib/gi18n.h>

#include "civ-scanner.h"
#include "civ-ui-util.h"

/* Thumbnail height in pixels. */
#define THUMB_HEIGHT 140
/* The resolution offered first when the device has it (or the nearest below). */
#define PREFERRED_DPI 300

typedef enum
{
  PAGES_ONE,     /* a new scan replaces the page */
  PAGES_SEVERAL, /* one page a scan, added to the others */
  PAGES_FEEDER,  /* every page in the feeder */
} PagesChoice;

/* The kinds a scan is likely to be (the couple's photo comes from the camera). */
static const CivDocumentKind scan_kinds[] = {
  CIV_DOCUMENT_DECLARATION,    CIV_DOCUMENT_HOUSEHOLD_REGISTER,
  CIV_DOCUMENT_COURT_JUDGMENT, CIV_DOCUMENT_IDENTITY_COPY,
  CIV_DOCUMENT_OTHER,
};

struct _CivScanDialog
{
  AdwWindow parent_instance;

  GtkStack            *stack;
  GtkSpinner          *search_spinner;
  GtkWidget           *refresh_button;
  AdwStatusPage       *none_page;
  char                *none_description; /* the template's */
  AdwPreferencesPage  *form_page;
  AdwPreferencesGroup *device_group;
  AdwComboRow         *device_row;
  AdwComboRow         *resolution_row;
  AdwComboRow         *mode_row;
  AdwComboRow         *pages_row;
  AdwComboRow         *kind_row;
  AdwComboRow         *format_row;
  GtkWidget           *scan_button;
  AdwButtonContent    *scan_content;
  GtkWidget           *add_button;
  AdwActionRow        *progress_row;
  GtkProgressBar      *progress_bar;
  GtkWidget           *cancel_button;
  GtkImage            *message_icon;
  AdwActionRow        *message_row;
  GtkWidget           *empty_row;
  GtkFlowBox          *thumbnails;

  CivScanner      *scanner;
  CivDocumentList *list;
  GCancellable    *cancellable; /* the device jobs: listing, opening */
  GCancellable    *scan_cancellable;
  GPtrArray       *devices; /* CivScanDevice */
  CivScanOptions  *options; /* of the selected device, NULL while opening */
  GArray          *modes;   /* CivScanMode offered, in the mode row's order */
  GPtrArray       *pages;   /* CivScanPage */
  GStrv            extra;
  char            *message;
  gboolean         filling; /* rows being filled: no reaction to their changes */
  gboolean         busy;
  gboolean         scanning;
  gboolean         disposed;
};

G_DEFINE_FINAL_TYPE (CivScanDialog, civ_scan_dialog, ADW_TYPE_WINDOW)

static void update_actions (CivScanDialog *self);

static void
show_message (CivScanDialog *self, const char *message, gboolean problem)
{
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_widget_set_visible (GTK_WIDGET (self->message_row), message != NULL);
  if (message == NULL)
    return;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->message_row), message);
  civ_ui_set_error_style (GTK_WIDGET (self->message_row), problem);
  gtk_image_set_from_icon_name (self->message_icon, problem ? "dialog-warning-symbolic"
                                                            : "dialog-information-symbolic");
}

static void
set_busy (CivScanDialog *self, gboolean busy)
{
  self->busy = busy;
  update_actions (self);
}

static void
update_actions (CivScanDialog *self)
{
  gboolean ready = self->options != NULL && !self->busy;
  gboolean several = adw_combo_row_get_selected (self->pages_row) == PAGES_SEVERAL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scan.scan", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scan.cancel", self->scanning);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scan.add",
                                 !self->busy && self->pages->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scan.refresh", !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->device_group), !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->kind_row), !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->format_row), !self->busy);
  adw_button_content_set_label (self->scan_content, several && self->pages->len > 0
                                                      ? _ ("Scan An_other Page")
                                                      : _ ("_Scan"));
  gtk_window_set_default_widget (GTK_WINDOW (self), self->pages->len > 0 && !several
                                                      ? self->add_button
                                                      : self->scan_button);
}

/* Thumbnails */

static GdkTexture *
thumbnail_texture (const CivScanPage *page)
{
  int           height = MIN (THUMB_HEIGHT, page->height);
  int           width = MAX (1, (int) ((gint64) page->width * height / page->height));
  gsize         stride = (gsize) width * 3;
  guint8       *out = g_malloc (stride * height);
  const guint8 *src = g_bytes_get_data (page->pixels, NULL);
  g_autoptr (GBytes) bytes = NULL;

  for (int y = 0; y < height; y++)
    {
      const guint8 *line = src + (gsize) ((gint64) y * page->height / height) * page->stride;

      for (int x = 0; x < width; x++)
        {
          int sx = (int) ((gint64) x * page->width / width);

          for (int c = 0; c < 3; c++)
            out[(gsize) y * stride + x * 3 + c] = page->channels == 3 ? line[sx * 3 + c] : line[sx];
        }
    }
  bytes = g_bytes_new_take (out, stride * height);
  return gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8, bytes, stride);
}

static void
clear_thumbnails (CivScanDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->thumbnails))) != NULL)
    gtk_flow_box_remove (self->thumbnails, child);
}

static void
add_thumbnail (CivScanDialog *self, const CivScanPage *page, guint number)
{
  g_autoptr (GdkTexture) texture = thumbnail_texture (page);
  GtkWidget       *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget       *picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
  g_autofree char *text = g_strdup_printf (_ ("Page %u"), number);
  GtkWidget       *label = gtk_label_new (text);

  gtk_picture_set_can_shrink (GTK_PICTURE (picture), FALSE);
  gtk_widget_add_css_class (picture, "card");
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), picture);
  gtk_box_append (GTK_BOX (box), label);
  gtk_flow_box_append (self->thumbnails, box);
}

static void
show_pages (CivScanDialog *self)
{
  clear_thumbnails (self);
  for (guint i = 0; i < self->pages->len; i++)
    add_thumbnail (self, g_ptr_array_index (self->pages, i), i + 1);
  gtk_widget_set_visible (GTK_WIDGET (self->thumbnails), self->pages->len > 0);
  gtk_widget_set_visible (self->empty_row, self->pages->len == 0);
}

/* Options of the selected device */

static void
fill_options (CivScanDialog *self)
{
  g_autoptr (GtkStringList) resolutions = gtk_string_list_new (NULL);
  g_autoptr (GtkStringList) modes = gtk_string_list_new (NULL);
  g_autoptr (GtkStringList) pages = gtk_string_list_new (NULL);
  guint best = 0;
  guint gray = 0;

  self->filling = TRUE;
  for (guint i = 0; i < self->options->resolutions->len; i++)
    {
      int              dpi = g_array_index (self->options->resolutions, int, i);
      /* Translators: a scanner's resolution in dots per inch. */
      g_autofree char *text = g_strdup_printf (_ ("%d dpi"), dpi);

      gtk_string_list_append (resolutions, text);
      if (dpi <= PREFERRED_DPI)
        best = i;
    }
  adw_combo_row_set_model (self->resolution_row, G_LIST_MODEL (resolutions));
  adw_combo_row_set_selected (self->resolution_row, best);
  gtk_widget_set_visible (GTK_WIDGET (self->resolution_row), self->options->resolutions->len > 0);

  g_array_set_size (self->modes, 0);
  for (guint m = 0; m < CIV_N_SCAN_MODES; m++)
    if (self->options->modes[m])
      {
        CivScanMode mode = (CivScanMode) m;

        if (mode == CIV_SCAN_MODE_GRAY)
          gray = self->modes->len;
        g_array_append_val (self->modes, mode);
        gtk_string_list_append (modes, civ_scan_mode_label (mode));
      }
  adw_combo_row_set_model (self->mode_row, G_LIST_MODEL (modes));
  /* Grey: legible, and a quarter of colour's size. */
  adw_combo_row_set_selected (self->mode_row, gray);

  gtk_string_list_append (pages, _ ("One page"));
  gtk_string_list_append (pages, _ ("Several, one at a time"));
  if (self->options->feeder_source >= 0)
    gtk_string_list_append (pages, _ ("All pages in the feeder"));
  adw_combo_row_set_model (self->pages_row, G_LIST_MODEL (pages));
  adw_combo_row_set_selected (self->pages_row, PAGES_ONE);
  self->filling = FALSE;
}

static void
on_open_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  CivScanOptions *options = civ_scanner_open_finish (NULL, result, &error);
  CivScanDialog  *self;

  if (options == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = CIV_SCAN_DIALOG (user_data);
  set_busy (self, FALSE);
  if (options == NULL)
    {
      g_autofree char *message = civ_ui_describe_error (error);

      show_message (self, message, TRUE);
      return;
    }
  self->options = options;
  fill_options (self);
  show_message (self, NULL, FALSE);
  update_actions (self);
}

static void
open_selected (CivScanDialog *self)
{
  guint          selected = adw_combo_row_get_selected (self->device_row);
  CivScanDevice *device;

  if (selected >= self->devices->len)
    return;
  device = g_ptr_array_index (self->devices, selected);
  civ_ui_renew_cancellable (&self->cancellable);
  g_clear_pointer (&self->options, civ_scan_options_free);
  set_busy (self, TRUE);
  civ_scanner_open_async (self->scanner, device->name, self->cancellable, on_open_done_cb, self);
}

static void
on_device_selected_cb (CivScanDialog *self)
{
  if (!self->filling)
    open_selected (self);
}

static void
on_pages_selected_cb (CivScanDialog *self)
{
  if (!self->filling)
    update_actions (self);
}

static void
on_list_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  GPtrArray     *devices = civ_scanner_list_devices_finish (NULL, result, &error);
  CivScanDialog *self;
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);

  if (devices == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = CIV_SCAN_DIALOG (user_data);
  gtk_spinner_set_spinning (self->search_spinner, FALSE);
  set_busy (self, FALSE);
  g_clear_pointer (&self->devices, g_ptr_array_unref);
  self->devices =
    devices ? devices : g_ptr_array_new_with_free_func ((GDestroyNotify) civ_scan_device_free);
  if (self->devices->len == 0)
    {
      g_autofree char *message = error ? civ_ui_describe_error (error) : NULL;

      /* SANE itself failing says why; otherwise what to check. */
      adw_status_page_set_description (self->none_page, message ? message : self->none_description);
      gtk_stack_set_visible_child_name (self->stack, "none");
      gtk_widget_grab_focus (self->refresh_button);
      return;
    }
  for (guint i = 0; i < self->devices->len; i++)
    {
      g_autofree char *label = civ_scan_device_get_label (g_ptr_array_index (self->devices, i));

      gtk_string_list_append (labels, label);
    }
  self->filling = TRUE;
  adw_combo_row_set_model (self->device_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->device_row, 0);
  self->filling = FALSE;
  gtk_stack_set_visible_child_name (self->stack, "form");
  open_selected (self);
}

static void
look_for_scanners (CivScanDialog *self)
{
  civ_ui_renew_cancellable (&self->cancellable);
  g_clear_pointer (&self->options, civ_scan_options_free);
  gtk_stack_set_visible_child_name (self->stack, "searching");
  gtk_spinner_set_spinning (self->search_spinner, TRUE);
  set_busy (self, TRUE);
  civ_scanner_list_devices_async (self->scanner, self->cancellable, on_list_done_cb, self);
}

/* Scanning */

static void
on_progress (guint page, guint n_pages, double fraction, gpointer data)
{
  CivScanDialog   *self = CIV_SCAN_DIALOG (data);
  g_autofree char *title = NULL;

  if (n_pages > 0)
    {
      /* Translators: page k of n being scanned. */
      title = g_strdup_printf (_ ("Scanning page %1$u of %2$u…"), page + 1, n_pages);
      gtk_progress_bar_set_fraction (self->progress_bar, (page + fraction) / n_pages);
    }
  else
    {
      /* Translators: the page being taken from the feeder. */
      title = g_strdup_printf (_ ("Scanning page %u from the feeder…"), page + 1);
      gtk_progress_bar_set_fraction (self->progress_bar, fraction);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->progress_row), title);
}

static void
end_scan (CivScanDialog *self)
{
  self->scanning = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->progress_row), FALSE);
  set_busy (self, FALSE);
}

static void
on_scan_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *pages = civ_scanner_scan_finish (NULL, result, &error);
  g_autoptr (CivScanDialog) self = user_data;

  if (self->disposed)
    {
      g_clear_pointer (&pages, g_ptr_array_unref);
      return;
    }
  if (pages == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      end_scan (self);
      show_message (self, _ ("Scan stopped. Nothing of it was kept."), FALSE);
      gtk_widget_grab_focus (self->scan_button);
      return;
    }
  end_scan (self);
  if (pages == NULL)
    {
      g_autofree char *message = civ_ui_describe_error (error);

      show_message (self, message, TRUE);
      gtk_widget_grab_focus (self->scan_button);
      return;
    }
  if (adw_combo_row_get_selected (self->pages_row) == PAGES_ONE)
    g_ptr_array_set_size (self->pages, 0);
  g_ptr_array_extend_and_steal (self->pages, pages);
  show_pages (self);
  show_message (self, NULL, FALSE);
  update_actions (self);
  gtk_widget_grab_focus (gtk_window_get_default_widget (GTK_WINDOW (self)));
}

static void
on_scan_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivScanDialog *self = CIV_SCAN_DIALOG (widget);
  guint          device = adw_combo_row_get_selected (self->device_row);
  guint          resolution = adw_combo_row_get_selected (self->resolution_row);
  guint          mode = adw_combo_row_get_selected (self->mode_row);
  PagesChoice    choice = adw_combo_row_get_selected (self->pages_row);
  g_autoptr (CivScanSettings) settings = NULL;

  if (self->options == NULL || self->busy || device >= self->devices->len)
    return;
  settings = civ_scan_settings_new (((CivScanDevice *) self->devices->pdata[device])->name);
  if (resolution < self->options->resolutions->len)
    settings->resolution = g_array_index (self->options->resolutions, int, resolution);
  if (mode < self->modes->len)
    settings->mode = g_array_index (self->modes, CivScanMode, mode);
  if (self->options->sources != NULL)
    {
      /* The feeder for a batch; otherwise the glass, or the feeder page by
       * page on a scanner without glass. */
      int source = choice == PAGES_FEEDER || self->options->flatbed_source < 0
                     ? self->options->feeder_source
                     : self->options->flatbed_source;

      if (source >= 0)
        settings->source = g_strdup (self->options->sources[source]);
    }
  settings->n_pages = choice == PAGES_FEEDER ? 0 : 1;
  settings->extra = g_strdupv (self->extra);

  civ_ui_renew_cancellable (&self->scan_cancellable);
  self->scanning = TRUE;
  show_message (self, NULL, FALSE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->progress_row), _ ("Scanning…"));
  gtk_widget_set_visible (GTK_WIDGET (self->progress_row), TRUE);
  set_busy (self, TRUE);
  /* The scan holds the dialog: a dialog closed during it is told apart. */
  civ_scanner_scan_async (self->scanner, settings, on_progress, self, self->scan_cancellable,
                          on_scan_done_cb, g_object_ref (self));
  gtk_widget_grab_focus (self->cancel_button);
}

static void
on_cancel_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivScanDialog *self = CIV_SCAN_DIALOG (widget);

  if (!self->scanning)
    return;
  g_cancellable_cancel (self->scan_cancellable);
}

/* Adding */

static void
on_documents_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  GPtrArray     *documents = civ_scan_pages_to_documents_finish (result, &error);
  CivScanDialog *self;

  if (documents == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = CIV_SCAN_DIALOG (user_data);
  set_busy (self, FALSE);
  if (documents == NULL)
    {
      g_autofree char *message = civ_ui_describe_error (error);

      show_message (self, message, TRUE);
      return;
    }
  for (guint i = 0; i < documents->len; i++)
    civ_document_list_add_input (self->list, g_steal_pointer (&documents->pdata[i]));
  g_ptr_array_unref (documents);
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_add_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivScanDialog *self = CIV_SCAN_DIALOG (widget);
  guint          kind = adw_combo_row_get_selected (self->kind_row);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *base = g_date_time_format (now, "scan-%Y%m%d-%H%M%S");

  if (self->busy || self->pages->len == 0 || kind >= G_N_ELEMENTS (scan_kinds))
    return;
  set_busy (self, TRUE);
  civ_ui_renew_cancellable (&self->cancellable);
  civ_scan_pages_to_documents_async (self->pages,
                                     adw_combo_row_get_selected (self->format_row) == 0
                                       ? CIV_SCAN_SAVE_PDF
                                       : CIV_SCAN_SAVE_PNG,
                                     scan_kinds[kind], base, self->cancellable,
                                     on_documents_done_cb, self);
}

static void
on_refresh_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  look_for_scanners (CIV_SCAN_DIALOG (widget));
}

/* Public API */

CivScanDialog *
civ_scan_dialog_new (GtkWindow *parent, CivSession *session, CivDocumentList *list)
{
  CivScanDialog *self;

  g_return_val_if_fail (CIV_IS_DOCUMENT_LIST (list), NULL);

  self = g_object_new (CIV_TYPE_SCAN_DIALOG, "transient-for", parent, NULL);
  if (parent)
    gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
  self->list = g_object_ref (list);
  if (session)
    civ_ui_close_on_lock (session, GTK_WINDOW (self));
  return self;
}

gboolean
_civ_scan_dialog_is_ready (CivScanDialog *self)
{
  g_return_val_if_fail (CIV_IS_SCAN_DIALOG (self), FALSE);
  return self->options != NULL && !self->busy;
}

const char *
_civ_scan_dialog_get_state (CivScanDialog *self)
{
  g_return_val_if_fail (CIV_IS_SCAN_DIALOG (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

guint
_civ_scan_dialog_get_n_pages (CivScanDialog *self)
{
  g_return_val_if_fail (CIV_IS_SCAN_DIALOG (self), 0);
  return self->pages->len;
}

const char *
_civ_scan_dialog_get_message (CivScanDialog *self)
{
  g_return_val_if_fail (CIV_IS_SCAN_DIALOG (self), NULL);
  return self->message;
}

void
_civ_scan_dialog_set_extra_options (CivScanDialog *self, const char *const *extra)
{
  g_return_if_fail (CIV_IS_SCAN_DIALOG (self));
  g_strfreev (self->extra);
  self->extra = g_strdupv ((char **) extra);
}

static void
civ_scan_dialog_dispose (GObject *object)
{
  CivScanDialog *self = CIV_SCAN_DIALOG (object);

  /* Nothing in flight reaches this dialog any more. */
  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->scan_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CIV_TYPE_SCAN_DIALOG);
  g_clear_object (&self->list);
  g_clear_object (&self->scanner);
  G_OBJECT_CLASS (civ_scan_dialog_parent_class)->dispose (object);
}

static void
civ_scan_dialog_finalize (GObject *object)
{
  CivScanDialog *self = CIV_SCAN_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->scan_cancellable);
  g_clear_pointer (&self->devices, g_ptr_array_unref);
  g_clear_pointer (&self->options, civ_scan_options_free);
  g_array_unref (self->modes);
  g_ptr_array_unref (self->pages);
  g_strfreev (self->extra);
  g_free (self->message);
  g_free (self->none_description);
  G_OBJECT_CLASS (civ_scan_dialog_parent_class)->finalize (object);
}

static void
civ_scan_dialog_class_init (CivScanDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civ_scan_dialog_dispose;
  object_class->finalize = civ_scan_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/civreg/Civreg/ui/civ-scan-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CivScanDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CivScanDialog, search_spinner);
  gtk_widget_class_bind_template_child (widget_class, CivScanDialog, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, CivScanDialog, none_page);
  gtk_widget_class_bind_template_child (widget_class, CivScanDialog, form_page);
  gtk_widget_class_bind_template_child (widget_class, CivScanDialog, device_group);
  gtk_widget_class_bind_template_child (widget_class, CivScanDialog, device_row);
  gtk_widget_class_bind_template_child (widget_class, CivScanDialog, resolution_row);
  gtk_widget_class_bind_template_child (widget_class, CivScanDialog, mode_row);
  gtk_widget_class_bind_template_child (widget_class, CivScanDialog, pages_row);
  gtk_widget_class_bind_template_child (widget_class, CivScanDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, CivScanDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, CivScanDialog, scan_button);
  gtk_widget_class_bind_template_child (widget_class, CivScanDialog, scan_content);
  gtk_widget_class_bind_template_child (widget_class, CivScanDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, CivScanDialog, progress_row);
  gtk_widget_class_bind_template_child (widget_class, CivScanDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CivScanDialog, message_row);
  gtk_widget_class_bind_template_child (widget_class, CivScanDialog, message_icon);
  gtk_widget_class_bind_template_child (widget_class, CivScanDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CivScanDialog, empty_row);
  gtk_widget_class_bind_template_child (widget_class, CivScanDialog, thumbnails);
  gtk_widget_class_install_action (widget_class, "scan.scan", NULL, on_scan_activated);
  gtk_widget_class_install_action (widget_class, "scan.cancel", NULL, on_cancel_activated);
  gtk_widget_class_install_action (widget_class, "scan.add", NULL, on_add_activated);
  gtk_widget_class_install_action (widget_class, "scan.refresh", NULL, on_refresh_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
civ_scan_dialog_init (CivScanDialog *self)
{
  g_autoptr (GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr (GtkStringList) formats = gtk_string_list_new (NULL);

  self->modes = g_array_new (FALSE, FALSE, sizeof (CivScanMode));
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_scan_page_free);
  self->devices = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_scan_device_free);
  self->cancellable = g_cancellable_new ();
  self->scan_cancellable = g_cancellable_new ();
  self->scanner = civ_scanner_dup_default ();
  gtk_widget_init_template (GTK_WIDGET (self));
  self->none_description = g_strdup (adw_status_page_get_description (self->none_page));

  for (guint i = 0; i < G_N_ELEMENTS (scan_kinds); i++)
    gtk_string_list_append (kinds, civ_document_kind_label (scan_kinds[i]));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  gtk_string_list_append (formats, _ ("One PDF document"));
  gtk_string_list_append (formats, _ ("One PNG image per page"));
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (formats));
  g_signal_connect_swapped (self->device_row, "notify::selected",
                            G_CALLBACK (on_device_selected_cb), self);
  g_signal_connect_swapped (self->pages_row, "notify::selected", G_CALLBACK (on_pages_selected_cb),
                            self);
  show_pages (self);
  look_for_scanners (self);
}
