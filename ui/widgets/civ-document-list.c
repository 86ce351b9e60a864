// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-document-list.c — the documents of a marriage record, or the files
 * brought to the counter for a registration not yet written */
#include "civ-document-list-private.h"

#include <glib/gi18n.h>

#include "civ-app-error.h"
#include "civ-camera-dialog-private.h"
#include "civ-document-preview.h"
#include "civ-document-render.h"
#include "civ-document-tasks.h"
#include "civ-permissions.h"
#include "civ-scan-dialog.h"
#include "civ-ui-util.h"

/* Thumbnail side in logical pixels; decoded at twice that for HiDPI. */
#define THUMB_SIZE 56
/* Hex digits of the SHA-256 shown in a row (the preview shows all 64). */
#define SHORT_SHA 12

typedef struct
{
  guint             serial;  /* names the entry for the thumbnail decoded in a thread */
  CivDocumentRow   *row;     /* stored, or NULL */
  CivDocumentInput *input;   /* pending, or NULL */
  GBytes           *content; /* for the thumbnail; NULL when damaged */
  char             *problem; /* why a stored document cannot be used */
  GtkWidget        *widget;  /* the row, owned by the group */
  GtkImage         *picture; /* an icon until the thumbnail is decoded */
} Entry;

struct _CivDocumentList
{
  AdwPreferencesGroup parent_instance;

  GtkSpinner *spinner;
  GtkWidget  *add_button;
  GtkWidget  *photo_button;
  GtkWidget  *scan_button;
  GtkWidget  *empty_row;

  CivSession   *session;
  char         *record_id; /* NULL in pending mode */
  GPtrArray    *entries;   /* Entry */
  GCancellable *cancellable;
  guint         generation; /* bumped whenever the entries are replaced */
  guint         next_serial;
  guint         jobs; /* running under the current cancellable */
  char         *next_file;
  GtkWindow    *preview;       /* weak */
  GtkWindow    *camera_dialog; /* weak */
  CivPhotoKind  photo_kind;
  char         *camera_source; /* tests: instead of the configured camera */
};

G_DEFINE_FINAL_TYPE (CivDocumentList, civ_document_list, ADW_TYPE_PREFERENCES_GROUP)

static void
entry_free (Entry *entry)
{
  g_clear_pointer (&entry->row, civ_document_row_free);
  g_clear_pointer (&entry->input, civ_document_input_free);
  g_clear_pointer (&entry->content, g_bytes_unref);
  g_free (entry->problem);
  g_free (entry);
}

static GtkWindow *
parent_window (CivDocumentList *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
job_started (CivDocumentList *self)
{
  self->jobs++;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_set_spinning (self->spinner, TRUE);
}

static void
job_done (CivDocumentList *self)
{
  g_return_if_fail (self->jobs > 0);
  if (--self->jobs == 0)
    {
      gtk_spinner_set_spinning (self->spinner, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
    }
}

/* Cancels everything in flight: their callbacks see G_IO_ERROR_CANCELLED
 * and do not count themselves done, so the count starts again at zero. */
static void
renew (CivDocumentList *self)
{
  civ_ui_renew_cancellable (&self->cancellable);
  self->jobs = 0;
  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
}

static Entry *
find_entry (CivDocumentList *self, guint serial)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->serial == serial)
        return entry;
    }
  return NULL;
}

static const char *
type_label (const char *media_type)
{
  if (g_strcmp0 (media_type, "application/pdf") == 0)
    return "PDF";
  if (g_strcmp0 (media_type, "image/jpeg") == 0)
    return "JPEG";
  return "PNG";
}

static char *
short_sha (const char *sha256)
{
  return g_strndup (sha256 ? sha256 : "", SHORT_SHA);
}

static void
update_mode (CivDocumentList *self)
{
  gboolean may = self->session != NULL &&
                 civ_role_allows (civ_session_get_role (self->session), CIV_PERM_REGISTER_MARRIAGE);

  gtk_widget_set_visible (self->add_button, may);
  gtk_widget_set_visible (self->photo_button, may);
  gtk_widget_set_visible (self->scan_button, may);
  adw_preferences_group_set_description (
    ADW_PREFERENCES_GROUP (self),
    self->record_id == NULL
      ? _ ("Declarations, identity-document copies and the couple's photo are stored with the "
           "registration or refusal, in the same step.")
      : _ ("Attached documents are kept with the record and never changed or removed."));
}

/* Previews */

static void
open_preview (CivDocumentList *self, Entry *entry)
{
  CivDocumentPreview *preview;

  if (entry->row != NULL)
    {
      if (self->session == NULL)
        return;
      preview =
        civ_document_preview_new_for_document (parent_window (self), self->session, entry->row);
    }
  else
    preview = civ_document_preview_new_for_input (parent_window (self), entry->input);
  if (self->preview)
    g_object_remove_weak_pointer (G_OBJECT (self->preview), (gpointer *) &self->preview);
  self->preview = GTK_WINDOW (preview);
  g_object_add_weak_pointer (G_OBJECT (self->preview), (gpointer *) &self->preview);
  gtk_window_present (GTK_WINDOW (preview));
}

static void
on_preview_button_clicked_cb (GtkButton *button, CivDocumentList *self)
{
  Entry *entry = g_object_get_data (G_OBJECT (button), "civ-entry");

  if (entry != NULL)
    open_preview (self, entry);
}

static void
on_remove_button_clicked_cb (GtkButton *button, CivDocumentList *self)
{
  Entry *entry = g_object_get_data (G_OBJECT (button), "civ-entry");

  /* Only files not stored yet can be taken back. */
  if (entry == NULL || entry->input == NULL || self->record_id != NULL)
    return;
  adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), entry->widget);
  g_ptr_array_remove (self->entries, entry);
  gtk_widget_set_visible (self->empty_row, self->entries->len == 0);
  gtk_widget_grab_focus (self->add_button);
}

/* Thumbnails */

typedef struct
{
  CivDocumentList *self;
  guint            serial;
} ThumbRequest;

static void
on_thumbnail_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ThumbRequest    *request = user_data;
  CivDocumentList *self = request->self;
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkTexture) texture = civ_document_render_thumbnail_finish (result, &error);
  Entry *entry = find_entry (self, request->serial);

  if (texture != NULL && entry != NULL && entry->picture != NULL)
    {
      /* GtkImage keeps the picture's aspect ratio inside the square. */
      gtk_image_set_from_paintable (entry->picture, GDK_PAINTABLE (texture));
      gtk_image_set_pixel_size (entry->picture, THUMB_SIZE);
      gtk_widget_remove_css_class (GTK_WIDGET (entry->picture), "dim-label");
    }
  /* A file that does not decode keeps its icon; the preview says why. */
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    job_done (self);
  g_object_unref (self);
  g_free (request);
}

static void
start_thumbnail (CivDocumentList *self, Entry *entry)
{
  GBytes       *bytes = entry->input ? entry->input->content : entry->content;
  const char   *type = entry->input ? entry->input->media_type : entry->row->media_type;
  ThumbRequest *request;
  int           scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  if (bytes == NULL)
    return;
  request = g_new0 (ThumbRequest, 1);
  request->self = g_object_ref (self);
  request->serial = entry->serial;
  job_started (self);
  civ_document_render_thumbnail_async (bytes, type, THUMB_SIZE * MAX (scale, 2), self->cancellable,
                                       on_thumbnail_done_cb, request);
}

/* Rows */

static GtkWidget *
make_row (CivDocumentList *self, Entry *entry)
{
  const char      *kind;
  const char      *file_name;
  const char      *media_type;
  gint64           size_bytes;
  g_autofree char *size = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget       *row = adw_action_row_new ();
  GtkWidget       *icon;
  GtkWidget       *preview = gtk_button_new_with_label (_ ("Preview"));

  if (entry->row)
    {
      g_autofree char *when = civ_ui_format_local_time (entry->row->created_at);

      kind = civ_document_kind_label_for_code (entry->row->kind);
      file_name = entry->row->file_name;
      media_type = entry->row->media_type;
      size_bytes = entry->row->byte_size;
      size = g_format_size ((guint64) size_bytes);
      sha = short_sha (entry->row->sha256);
      /* Translators: a stored document: file name, size, type; who attached
       * it and when; the first digits of its SHA-256. */
      subtitle =
        g_strdup_printf (_ ("%1$s · %2$s · %3$s\nAttached by %4$s on %5$s · SHA-256 %6$s…"),
                         file_name, size, type_label (media_type), entry->row->created_by_name,
                         when, sha);
    }
  else
    {
      kind = civ_document_kind_label (entry->input->kind);
      file_name = entry->input->file_name;
      media_type = entry->input->media_type;
      size_bytes = (gint64) g_bytes_get_size (entry->input->content);
      size = g_format_size ((guint64) size_bytes);
      sha = short_sha (entry->input->sha256);
      /* Translators: a file not stored yet: file name, size, type; the first
       * digits of its SHA-256. */
      subtitle = g_strdup_printf (_ ("%1$s · %2$s · %3$s\nNot stored yet · SHA-256 %4$s…"),
                                  file_name, size, type_label (media_type), sha);
    }
  if (entry->problem)
    {
      g_autofree char *with = g_strdup_printf ("%s\n%s", subtitle, entry->problem);
      g_free (subtitle);
      subtitle = g_steal_pointer (&with);
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kind);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

  /* An icon until the thumbnail is decoded. */
  icon = gtk_image_new_from_icon_name (entry->problem ? "dialog-error-symbolic"
                                       : g_strcmp0 (media_type, "application/pdf") == 0
                                         ? "x-office-document-symbolic"
                                         : "image-x-generic-symbolic");
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 32);
  gtk_widget_add_css_class (icon, entry->problem ? "error" : "dim-label");
  gtk_widget_set_size_request (icon, THUMB_SIZE, THUMB_SIZE);
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (icon, 4);
  gtk_widget_set_margin_bottom (icon, 4);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, file_name,
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  entry->picture = GTK_IMAGE (icon);

  if (entry->problem)
    {
      GtkWidget *tag = gtk_label_new (_ ("Damaged"));

      gtk_widget_add_css_class (tag, "error");
      gtk_widget_add_css_class (tag, "caption-heading");
      gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
    }
  if (entry->input)
    {
      GtkWidget       *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *label = g_strdup_printf (_ ("Remove “%s”"), file_name);

      gtk_widget_set_tooltip_text (remove, _ ("Remove (the file is not stored yet)"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (remove), "civ-entry", entry);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_button_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
    }
  gtk_widget_set_valign (preview, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (preview, _ ("Show the document"));
  gtk_widget_set_sensitive (preview, entry->problem == NULL);
  g_object_set_data (G_OBJECT (preview), "civ-entry", entry);
  g_signal_connect (preview, "clicked", G_CALLBACK (on_preview_button_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), preview);
  if (entry->problem == NULL)
    adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), preview);
  return row;
}

static void
remove_rows (CivDocumentList *self)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->widget)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), entry->widget);
      entry->widget = NULL;
      entry->picture = NULL;
    }
}

/* Takes @entry, lists it last and decodes its thumbnail. */
static void
add_entry (CivDocumentList *self, Entry *entry)
{
  entry->serial = ++self->next_serial;
  g_ptr_array_add (self->entries, entry);
  entry->widget = make_row (self, entry);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), entry->widget);
  gtk_widget_set_visible (self->empty_row, FALSE);
  start_thumbnail (self, entry);
}

/* Drops every entry and its row, and everything in flight. */
static void
clear_entries (CivDocumentList *self)
{
  renew (self);
  self->generation++;
  remove_rows (self);
  g_ptr_array_set_size (self->entries, 0);
  gtk_widget_set_visible (self->empty_row, TRUE);
}

/* Loading a record's documents on the worker */

static void
on_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivDocumentList *self = CIV_DOCUMENT_LIST (source);
  guint            generation = GPOINTER_TO_UINT (user_data);
  g_autoptr (GError) error = NULL;
  CivDocumentListing *loaded = civ_document_load_listing_finish (self->session, result, &error);

  if (loaded == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      job_done (self);
      if (generation != self->generation)
        return;
      message = civ_ui_describe_error (error);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), message);
      return;
    }
  job_done (self);
  if (generation != self->generation)
    {
      civ_document_listing_free (loaded);
      return;
    }
  remove_rows (self);
  g_ptr_array_set_size (self->entries, 0);
  gtk_widget_set_visible (self->empty_row, loaded->rows->len == 0);
  for (guint i = 0; i < loaded->rows->len; i++)
    {
      Entry *entry = g_new0 (Entry, 1);

      entry->row = civ_document_row_copy (g_ptr_array_index (loaded->rows, i));
      entry->content = loaded->contents->pdata[i] ? g_bytes_ref (loaded->contents->pdata[i]) : NULL;
      entry->problem = g_strdup (loaded->problems->pdata[i]);
      add_entry (self, entry);
    }
  civ_document_listing_free (loaded);
}

void
civ_document_list_reload (CivDocumentList *self)
{
  g_return_if_fail (CIV_IS_DOCUMENT_LIST (self));

  if (self->session == NULL || self->record_id == NULL)
    return;
  renew (self);
  self->generation++;
  job_started (self);
  civ_document_load_listing_async (self->session, self, self->record_id, self->cancellable,
                                   on_loaded_cb, GUINT_TO_POINTER (self->generation));
}

/* Adding a file: read and validate it on the worker, ask what it is, then
 * keep it (pending) or attach it (record). */

static void
on_attached_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivDocumentList *self = CIV_DOCUMENT_LIST (source);
  g_autofree char *name = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  if (!civ_document_attach_finish (self->session, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      job_done (self);
      message = civ_ui_describe_error (error);
      civ_ui_toast (GTK_WIDGET (self), message);
      return;
    }
  job_done (self);
  /* Translators: %s is a file name. */
  message = g_strdup_printf (_ ("“%s” attached to the record"), name);
  civ_ui_toast (GTK_WIDGET (self), message);
  civ_document_list_reload (self);
}

static void
take_input (CivDocumentList *self, CivDocumentInput *input)
{
  if (self->record_id == NULL)
    {
      Entry *entry = g_new0 (Entry, 1);

      entry->input = input;
      add_entry (self, entry);
      return;
    }
  job_started (self);
  civ_document_attach_async (self->session, self, self->record_id, input, self->cancellable,
                             on_attached_cb, g_strdup (input->file_name));
}

static void
on_kind_dialog_response_cb (AdwMessageDialog *dialog, const char *response, CivDocumentList *self)
{
  CivDocumentInput *input = g_object_steal_data (G_OBJECT (dialog), "civ-input");
  AdwComboRow      *combo = g_object_get_data (G_OBJECT (dialog), "civ-kind-row");
  guint generation = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "civ-generation"));

  if (input == NULL)
    return;
  if (g_strcmp0 (response, "add") != 0 || generation != self->generation ||
      adw_combo_row_get_selected (combo) >= CIV_N_DOCUMENT_KINDS)
    {
      civ_document_input_free (input);
      return;
    }
  input->kind = (CivDocumentKind) adw_combo_row_get_selected (combo);
  take_input (self, input);
}

static CivDocumentKind
guess_kind (const CivDocumentInput *input)
{
  /* Scans of signed declarations come as PDF; ID copies as pictures. */
  return g_strcmp0 (input->media_type, "application/pdf") == 0 ? CIV_DOCUMENT_DECLARATION
                                                               : CIV_DOCUMENT_IDENTITY_COPY;
}

static void
ask_kind (CivDocumentList *self, CivDocumentInput *input)
{
  GtkWindow        *parent = parent_window (self);
  AdwMessageDialog *dialog;
  g_autoptr (GtkStringList) kinds = gtk_string_list_new (NULL);
  GtkWidget       *list = gtk_list_box_new ();
  GtkWidget       *combo = adw_combo_row_new ();
  g_autofree char *size = g_format_size (g_bytes_get_size (input->content));
  g_autofree char *what = NULL;

  for (guint i = 0; i < CIV_N_DOCUMENT_KINDS; i++)
    gtk_string_list_append (kinds, civ_document_kind_label ((CivDocumentKind) i));
  if (input->width > 0)
    /* Translators: type, width × height in pixels, size of an image file. */
    what = g_strdup_printf (_ ("%1$s image, %2$d × %3$d pixels, %4$s"),
                            type_label (input->media_type), input->width, input->height, size);
  else
    /* Translators: size of a PDF file. */
    what = g_strdup_printf (_ ("PDF document, %s"), size);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _ ("What Is This Document?"), NULL));
  if (parent)
    gtk_window_set_application (GTK_WINDOW (dialog), gtk_window_get_application (parent));
  /* Translators: “file name”, then its type and size. */
  adw_message_dialog_format_body (dialog, _ ("“%1$s” — %2$s."), input->file_name, what);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), _ ("_Kind"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (combo), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (kinds));
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), guess_kind (input));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), combo);
  adw_message_dialog_set_extra_child (dialog, list);

  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "add",
                                    self->record_id ? _ ("_Attach") : _ ("_Add"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "add");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "civ-input", input,
                          (GDestroyNotify) civ_document_input_free);
  g_object_set_data (G_OBJECT (dialog), "civ-kind-row", combo);
  g_object_set_data (G_OBJECT (dialog), "civ-generation", GUINT_TO_POINTER (self->generation));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_kind_dialog_response_cb), self, 0);
  /* The default response has the focus: Enter adds with the kind guessed,
   * Alt+K (or Tab) moves to the kind. */
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_read_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivDocumentList *self = CIV_DOCUMENT_LIST (source);
  guint            generation = GPOINTER_TO_UINT (user_data);
  g_autoptr (GError) error = NULL;
  CivDocumentInput *input = civ_document_read_file_finish (self->session, result, &error);

  if (input == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      job_done (self);
      message = civ_ui_describe_error (error);
      civ_ui_toast (GTK_WIDGET (self), message);
      return;
    }
  job_done (self);
  if (generation != self->generation)
    {
      civ_document_input_free (input);
      return;
    }
  ask_kind (self, input);
}

static void
read_file (CivDocumentList *self, const char *path)
{
  job_started (self);
  civ_document_read_file_async (self->session, self, path, self->cancellable, on_read_done_cb,
                                GUINT_TO_POINTER (self->generation));
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser, int response, CivDocumentList *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path == NULL)
        civ_ui_toast (GTK_WIDGET (self), _ ("Only files on this computer can be attached"));
      else if (self->session != NULL)
        read_file (self, path);
    }
  g_object_unref (chooser);
}

static GtkFileFilter *
new_filter (const char *name, const char *const *mime_types, const char *const *suffixes)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; mime_types[i]; i++)
    gtk_file_filter_add_mime_type (filter, mime_types[i]);
  for (guint i = 0; suffixes[i]; i++)
    gtk_file_filter_add_suffix (filter, suffixes[i]);
  return filter;
}

static void
on_attach_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivDocumentList      *self = CIV_DOCUMENT_LIST (widget);
  GtkFileChooserNative *chooser;
  g_autoptr (GtkFileFilter) all = NULL;
  g_autoptr (GtkFileFilter) pdf = NULL;
  g_autoptr (GtkFileFilter) images = NULL;

  if (self->session == NULL)
    return;
  if (self->next_file != NULL)
    {
      g_autofree char *path = g_steal_pointer (&self->next_file);
      read_file (self, path);
      return;
    }
  chooser = gtk_file_chooser_native_new (_ ("Add a Document"), parent_window (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Open"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  all = new_filter (_ ("PDF, JPEG or PNG files"),
                    (const char *[]){ "application/pdf", "image/jpeg", "image/png", NULL },
                    (const char *[]){ "pdf", "jpg", "jpeg", "png", NULL });
  pdf = new_filter (_ ("PDF documents"), (const char *[]){ "application/pdf", NULL },
                    (const char *[]){ "pdf", NULL });
  images =
    new_filter (_ ("JPEG or PNG images"), (const char *[]){ "image/jpeg", "image/png", NULL },
                (const char *[]){ "jpg", "jpeg", "png", NULL });
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), pdf);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), images);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), all);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_photo_taken_cb (CivCameraDialog *dialog, const CivDocumentInput *input, CivDocumentList *self)
{
  if (self->session != NULL)
    take_input (self, civ_document_input_copy (input));
}

static void
on_take_photo_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivDocumentList *self = CIV_DOCUMENT_LIST (widget);
  CivCameraDialog *dialog;

  if (self->session == NULL)
    return;
  if (self->camera_dialog != NULL)
    {
      gtk_window_present (self->camera_dialog);
      return;
    }
  if (self->camera_source != NULL)
    dialog = _civ_camera_dialog_new_for_source (parent_window (self), self->photo_kind,
                                                self->camera_source);
  else
    dialog = civ_camera_dialog_new (parent_window (self), self->photo_kind);
  g_signal_connect_object (dialog, "photo-taken", G_CALLBACK (on_photo_taken_cb), self, 0);
  self->camera_dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->camera_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_scan_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivDocumentList *self = CIV_DOCUMENT_LIST (widget);
  CivScanDialog   *dialog;

  if (self->session == NULL)
    return;
  /* The scanned pages come back through civ_document_list_add_input (). */
  dialog = civ_scan_dialog_new (parent_window (self), self->session, self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Public API */

GtkWidget *
civ_document_list_new_for_record (CivSession *session, const char *record_id)
{
  CivDocumentList *self;

  g_return_val_if_fail (CIV_IS_SESSION (session) && record_id != NULL, NULL);

  self = g_object_new (CIV_TYPE_DOCUMENT_LIST, NULL);
  civ_document_list_set_session (self, session);
  civ_document_list_set_record (self, record_id);
  return GTK_WIDGET (self);
}

void
civ_document_list_set_session (CivDocumentList *self, CivSession *session)
{
  g_return_if_fail (CIV_IS_DOCUMENT_LIST (self));
  g_return_if_fail (session == NULL || CIV_IS_SESSION (session));

  if (g_set_object (&self->session, session))
    update_mode (self);
}

void
civ_document_list_set_record (CivDocumentList *self, const char *record_id)
{
  g_return_if_fail (CIV_IS_DOCUMENT_LIST (self));

  clear_entries (self);
  g_free (self->record_id);
  self->record_id = g_strdup (record_id);
  update_mode (self);
  civ_document_list_reload (self);
}

const char *
civ_document_list_get_record (CivDocumentList *self)
{
  g_return_val_if_fail (CIV_IS_DOCUMENT_LIST (self), NULL);
  return self->record_id;
}

void
civ_document_list_add_input (CivDocumentList *self, CivDocumentInput *input)
{
  g_return_if_fail (CIV_IS_DOCUMENT_LIST (self));
  g_return_if_fail (input != NULL);

  take_input (self, input);
}

void
civ_document_list_set_photo_kind (CivDocumentList *self, CivPhotoKind kind)
{
  g_return_if_fail (CIV_IS_DOCUMENT_LIST (self));
  g_return_if_fail (kind < CIV_N_PHOTO_KINDS);

  self->photo_kind = kind;
}

GPtrArray *
civ_document_list_dup_pending (CivDocumentList *self)
{
  GPtrArray *out;

  g_return_val_if_fail (CIV_IS_DOCUMENT_LIST (self), NULL);

  out = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_document_input_free);
  for (guint i = 0; self->record_id == NULL && i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->input)
        g_ptr_array_add (out, civ_document_input_copy (entry->input));
    }
  return out;
}

gboolean
_civ_document_list_is_idle (CivDocumentList *self)
{
  g_return_val_if_fail (CIV_IS_DOCUMENT_LIST (self), FALSE);
  return self->jobs == 0;
}

guint
_civ_document_list_get_n_items (CivDocumentList *self)
{
  g_return_val_if_fail (CIV_IS_DOCUMENT_LIST (self), 0);
  return self->entries->len;
}

const CivDocumentRow *
_civ_document_list_get_stored (CivDocumentList *self, guint index)
{
  g_return_val_if_fail (CIV_IS_DOCUMENT_LIST (self), NULL);
  if (index >= self->entries->len)
    return NULL;
  return ((Entry *) g_ptr_array_index (self->entries, index))->row;
}

GtkWidget *
_civ_document_list_get_row (CivDocumentList *self, guint index)
{
  g_return_val_if_fail (CIV_IS_DOCUMENT_LIST (self), NULL);
  if (index >= self->entries->len)
    return NULL;
  return ((Entry *) g_ptr_array_index (self->entries, index))->widget;
}

void
_civ_document_list_set_next_file (CivDocumentList *self, const char *path)
{
  g_return_if_fail (CIV_IS_DOCUMENT_LIST (self));
  g_free (self->next_file);
  self->next_file = g_strdup (path);
}

GtkWindow *
_civ_document_list_get_preview (CivDocumentList *self)
{
  g_return_val_if_fail (CIV_IS_DOCUMENT_LIST (self), NULL);
  return self->preview;
}

GtkWindow *
_civ_document_list_get_camera_dialog (CivDocumentList *self)
{
  g_return_val_if_fail (CIV_IS_DOCUMENT_LIST (self), NULL);
  return self->camera_dialog;
}

void
_civ_document_list_set_camera_source (CivDocumentList *self, const char *source)
{
  g_return_if_fail (CIV_IS_DOCUMENT_LIST (self));
  g_free (self->camera_source);
  self->camera_source = g_strdup (source);
}

static void
civ_document_list_dispose (GObject *object)
{
  CivDocumentList *self = CIV_DOCUMENT_LIST (object);

  g_cancellable_cancel (self->cancellable);
  if (self->preview)
    g_object_remove_weak_pointer (G_OBJECT (self->preview), (gpointer *) &self->preview);
  self->preview = NULL;
  if (self->camera_dialog)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->camera_dialog),
                                    (gpointer *) &self->camera_dialog);
      g_signal_handlers_disconnect_by_data (self->camera_dialog, self);
    }
  self->camera_dialog = NULL;
  g_ptr_array_set_size (self->entries, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), CIV_TYPE_DOCUMENT_LIST);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (civ_document_list_parent_class)->dispose (object);
}

static void
civ_document_list_finalize (GObject *object)
{
  CivDocumentList *self = CIV_DOCUMENT_LIST (object);

  g_clear_object (&self->cancellable);
  g_ptr_array_unref (self->entries);
  g_free (self->record_id);
  g_free (self->next_file);
  g_free (self->camera_source);
  G_OBJECT_CLASS (civ_document_list_parent_class)->finalize (object);
}

static void
civ_document_list_class_init (CivDocumentListClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civ_document_list_dispose;
  object_class->finalize = civ_document_list_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/civreg/Civreg/ui/civ-document-list.ui");
  gtk_widget_class_bind_template_child (widget_class, CivDocumentList, spinner);
  gtk_widget_class_bind_template_child (widget_class, CivDocumentList, add_button);
  gtk_widget_class_bind_template_child (widget_class, CivDocumentList, photo_button);
  gtk_widget_class_bind_template_child (widget_class, CivDocumentList, empty_row);
  gtk_widget_class_install_action (widget_class, "documents.attach", NULL, on_attach_activated);
  gtk_widget_class_install_action (widget_class, "documents.take-photo", NULL,
                                   on_take_photo_activated);
  gtk_widget_class_bind_template_child (widget_class, CivDocumentList, scan_button);
  gtk_widget_class_install_action (widget_class, "documents.scan", NULL, on_scan_activated);
}

static void
civ_document_list_init (CivDocumentList *self)
{
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  update_mode (self);
}
