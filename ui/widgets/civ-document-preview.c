// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-document-preview.c — one attached document on screen */
#include "civ-document-preview-private.h"

#include <glib/gi18n.h>

#include "civ-document-render.h"
#include "civ-document-tasks.h"
#include "civ-ui-util.h"

/* Largest picture made for the window, in pixels per side. */
#define PREVIEW_MAX_SIDE 2400
#define PAGE_MAX_WIDTH 1400
#define PAGE_MAX_HEIGHT 1800

struct _CivDocumentPreview
{
  AdwWindow parent_instance;

  AdwWindowTitle *window_title;
  GtkWidget      *page_box;
  GtkLabel       *page_label;
  GtkStack       *stack;
  AdwStatusPage  *status_page;
  GtkPicture     *picture;
  GtkLabel       *info_label;

  CivSession      *session;
  GCancellable    *cancellable;
  char            *media_type;
  PopplerDocument *document; /* used only by one render thread at a time */
  guint            n_pages;
  guint            page;
  int              wanted_page; /* -1 = none queued */
  gboolean         rendering;
  gboolean         shown;
  char            *error_message;
};

G_DEFINE_FINAL_TYPE (CivDocumentPreview, civ_document_preview, ADW_TYPE_WINDOW)

static void
show_error (CivDocumentPreview *self, const char *message)
{
  g_free (self->error_message);
  self->error_message = g_strdup (message);
  adw_status_page_set_description (self->status_page, message);
  gtk_stack_set_visible_child_name (self->stack, "error");
  gtk_widget_set_visible (self->page_box, FALSE);
}

static void
update_pages (CivDocumentPreview *self)
{
  g_autofree char *text = NULL;

  gtk_widget_set_visible (self->page_box, self->n_pages > 1);
  /* Translators: the page of a PDF shown, and how many it has. */
  text = g_strdup_printf (_ ("Page %u of %u"), self->page + 1, self->n_pages);
  gtk_label_set_label (self->page_label, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.previous-page", self->page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.next-page",
                                 self->page + 1 < self->n_pages);
}

static void
show_texture (CivDocumentPreview *self, GdkTexture *texture)
{
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  gtk_stack_set_visible_child_name (self->stack, "picture");
  self->shown = TRUE;
}

/* Rendering in a thread: the PDF is opened once, then page by page. */
typedef struct
{
  GBytes          *bytes;    /* to open, or NULL */
  PopplerDocument *document; /* opened */
  int              page;
  GdkTexture      *texture;
  gboolean         image;
} Render;

static void
render_free (Render *render)
{
  g_clear_pointer (&render->bytes, g_bytes_unref);
  g_clear_object (&render->document);
  g_clear_object (&render->texture);
  g_free (render);
}

static void
render_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Render *render = task_data;
  GError *error = NULL;

  if (render->image)
    render->texture = civ_document_render_image (render->bytes, PREVIEW_MAX_SIDE, &error);
  else
    {
      if (render->document == NULL)
        render->document = civ_document_render_open_pdf (render->bytes, &error);
      if (render->document != NULL)
        render->texture =
          civ_document_render_pdf_page (render->document, render->page, PAGE_MAX_WIDTH,
                                        PAGE_MAX_HEIGHT, FALSE, &error);
    }
  if (render->texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void start_render (CivDocumentPreview *self, GBytes *bytes, int page);

static void
on_render_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivDocumentPreview *self = CIV_DOCUMENT_PREVIEW (source);
  Render             *render = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;

  self->rendering = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }
  if (!render->image && self->document == NULL)
    {
      self->document = g_object_ref (render->document);
      self->n_pages = (guint) poppler_document_get_n_pages (self->document);
    }
  if (render->image)
    self->n_pages = 1;
  show_texture (self, render->texture);
  if (self->wanted_page >= 0 && self->wanted_page != render->page)
    {
      /* Another page was asked for meanwhile: the label already says it. */
      int page = self->wanted_page;

      self->wanted_page = -1;
      start_render (self, NULL, page);
      return;
    }
  self->wanted_page = -1;
  self->page = (guint) render->page;
  update_pages (self);
}

static void
start_render (CivDocumentPreview *self, GBytes *bytes, int page)
{
  g_autoptr (GTask) task = NULL;
  Render *render;

  if (self->rendering)
    {
      self->wanted_page = page;
      return;
    }
  render = g_new0 (Render, 1);
  render->image = g_strcmp0 (self->media_type, "application/pdf") != 0;
  render->bytes = bytes ? g_bytes_ref (bytes) : NULL;
  render->document = self->document ? g_object_ref (self->document) : NULL;
  render->page = page;
  self->rendering = TRUE;
  task = g_task_new (self, self->cancellable, on_render_done_cb, NULL);
  g_task_set_source_tag (task, start_render);
  g_task_set_task_data (task, render, (GDestroyNotify) render_free);
  g_task_run_in_thread (task, render_thread);
}

static void
go_to_page (CivDocumentPreview *self, int page)
{
  if (self->document == NULL || page < 0 || (guint) page >= self->n_pages)
    return;
  /* The label follows at once; the picture when it is rendered. */
  self->page = (guint) page;
  update_pages (self);
  start_render (self, NULL, page);
}

static void
previous_page_activated (GtkWidget *widget, const char *name, GVariant *parameter)
{
  CivDocumentPreview *self = CIV_DOCUMENT_PREVIEW (widget);

  go_to_page (self, (int) self->page - 1);
}

static void
next_page_activated (GtkWidget *widget, const char *name, GVariant *parameter)
{
  CivDocumentPreview *self = CIV_DOCUMENT_PREVIEW (widget);

  go_to_page (self, (int) self->page + 1);
}

static void
first_page_activated (GtkWidget *widget, const char *name, GVariant *parameter)
{
  go_to_page (CIV_DOCUMENT_PREVIEW (widget), 0);
}

static void
last_page_activated (GtkWidget *widget, const char *name, GVariant *parameter)
{
  CivDocumentPreview *self = CIV_DOCUMENT_PREVIEW (widget);

  go_to_page (self, (int) self->n_pages - 1);
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

static void
set_titles (CivDocumentPreview *self,
            const char         *kind_label,
            const char         *file_name,
            const char         *media_type)
{
  adw_window_title_set_title (self->window_title, kind_label);
  adw_window_title_set_subtitle (self->window_title, file_name);
  gtk_window_set_title (GTK_WINDOW (self), file_name);
  self->media_type = g_strdup (media_type);
}

static void
on_opened_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivDocumentPreview *self = CIV_DOCUMENT_PREVIEW (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) content = civ_document_open_finish (self->session, result, &error);

  if (content == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = civ_ui_describe_error (error);
      show_error (self, message);
      return;
    }
  start_render (self, content, 0);
}

static CivDocumentPreview *
preview_new (GtkWindow *parent)
{
  CivDocumentPreview *self = g_object_new (CIV_TYPE_DOCUMENT_PREVIEW, "transient-for", parent,
                                           "destroy-with-parent", TRUE, NULL);

  /* Part of the application, so locking closes it. */
  if (parent != NULL)
    gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
  return self;
}

CivDocumentPreview *
civ_document_preview_new_for_document (GtkWindow            *parent,
                                       CivSession           *session,
                                       const CivDocumentRow *row)
{
  CivDocumentPreview *self;
  g_autofree char    *size = NULL;
  g_autofree char    *when = NULL;
  g_autofree char    *info = NULL;

  g_return_val_if_fail (CIV_IS_SESSION (session) && row != NULL, NULL);

  self = preview_new (parent);
  self->session = g_object_ref (session);
  set_titles (self, civ_document_kind_label_for_code (row->kind), row->file_name, row->media_type);
  size = g_format_size ((guint64) row->byte_size);
  when = civ_ui_format_local_time (row->created_at);
  /* Translators: type, size, who attached it and when, its full SHA-256. */
  info =
    g_strdup_printf (_ ("%1$s · %2$s · attached by %3$s on %4$s · SHA-256 %5$s (checked "
                        "when opened)"),
                     type_label (row->media_type), size, row->created_by_name, when, row->sha256);
  gtk_label_set_label (self->info_label, info);
  civ_document_open_async (session, self, row->id, self->cancellable, on_opened_cb, NULL);
  return self;
}

CivDocumentPreview *
civ_document_preview_new_for_input (GtkWindow *parent, const CivDocumentInput *input)
{
  CivDocumentPreview *self;
  g_autofree char    *size = NULL;
  g_autofree char    *info = NULL;

  g_return_val_if_fail (input != NULL && input->content != NULL, NULL);

  self = preview_new (parent);
  set_titles (self, civ_document_kind_label (input->kind), input->file_name, input->media_type);
  size = g_format_size (g_bytes_get_size (input->content));
  /* Translators: type, size and SHA-256 of a file not stored yet. */
  info = g_strdup_printf (_ ("%1$s · %2$s · not stored yet: it is stored with the registration · "
                             "SHA-256 %3$s"),
                          type_label (input->media_type), size, input->sha256);
  gtk_label_set_label (self->info_label, info);
  start_render (self, input->content, 0);
  return self;
}

gboolean
_civ_document_preview_is_shown (CivDocumentPreview *self)
{
  g_return_val_if_fail (CIV_IS_DOCUMENT_PREVIEW (self), FALSE);
  return self->shown && !self->rendering;
}

guint
_civ_document_preview_get_n_pages (CivDocumentPreview *self)
{
  g_return_val_if_fail (CIV_IS_DOCUMENT_PREVIEW (self), 0);
  return self->n_pages;
}

guint
_civ_document_preview_get_page (CivDocumentPreview *self)
{
  g_return_val_if_fail (CIV_IS_DOCUMENT_PREVIEW (self), 0);
  return self->page;
}

const char *
_civ_document_preview_get_error (CivDocumentPreview *self)
{
  g_return_val_if_fail (CIV_IS_DOCUMENT_PREVIEW (self), NULL);
  return self->error_message;
}

static void
civ_document_preview_dispose (GObject *object)
{
  CivDocumentPreview *self = CIV_DOCUMENT_PREVIEW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CIV_TYPE_DOCUMENT_PREVIEW);
  g_clear_object (&self->session);
  g_clear_object (&self->document);
  G_OBJECT_CLASS (civ_document_preview_parent_class)->dispose (object);
}

static void
civ_document_preview_finalize (GObject *object)
{
  CivDocumentPreview *self = CIV_DOCUMENT_PREVIEW (object);

  g_clear_object (&self->cancellable);
  g_free (self->media_type);
  g_free (self->error_message);
  G_OBJECT_CLASS (civ_document_preview_parent_class)->finalize (object);
}

static void
civ_document_preview_class_init (CivDocumentPreviewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civ_document_preview_dispose;
  object_class->finalize = civ_document_preview_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/civreg/Civreg/ui/civ-document-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, CivDocumentPreview, window_title);
  gtk_widget_class_bind_template_child (widget_class, CivDocumentPreview, page_box);
  gtk_widget_class_bind_template_child (widget_class, CivDocumentPreview, page_label);
  gtk_widget_class_bind_template_child (widget_class, CivDocumentPreview, stack);
  gtk_widget_class_bind_template_child (widget_class, CivDocumentPreview, status_page);
  gtk_widget_class_bind_template_child (widget_class, CivDocumentPreview, picture);
  gtk_widget_class_bind_template_child (widget_class, CivDocumentPreview, info_label);

  gtk_widget_class_install_action (widget_class, "preview.previous-page", NULL,
                                   previous_page_activated);
  gtk_widget_class_install_action (widget_class, "preview.next-page", NULL, next_page_activated);
  gtk_widget_class_install_action (widget_class, "preview.first-page", NULL, first_page_activated);
  gtk_widget_class_install_action (widget_class, "preview.last-page", NULL, last_page_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "preview.previous-page",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "preview.previous-page",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "preview.next-page",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "preview.next-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "preview.next-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "preview.first-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "preview.last-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close",
                                       NULL);
}

static void
civ_document_preview_init (CivDocumentPreview *self)
{
  self->cancellable = g_cancellable_new ();
  self->wanted_page = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.previous-page", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.next-page", FALSE);
}
