// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-page-image.c — one page image: zoom, pan, rotate, fit width */
#include "civ-page-image.h"

#include "civ-tiff.h"

#include <glib/gi18n.h>

#include "civ-document-render.h"
#include "civ-ui-util.h"

#define MIN_ZOOM 0.05
#define MAX_ZOOM 8.0
#define ZOOM_STEP 1.25
/* The longest side a page is decoded at: enough for zooming into old
 * handwriting, small enough for a 600 dpi scan of an A3 page. */
#define MAX_SIDE 4096

/* The canvas: the texture scaled by the zoom and turned by the rotation. */

#define CIV_TYPE_PAGE_CANVAS (civ_page_canvas_get_type ())
G_DECLARE_FINAL_TYPE (CivPageCanvas, civ_page_canvas, CIV, PAGE_CANVAS, GtkWidget)

struct _CivPageCanvas
{
  GtkWidget   parent_instance;
  GdkTexture *texture;
  double      zoom;
  int         rotation;
};

G_DEFINE_FINAL_TYPE (CivPageCanvas, civ_page_canvas, GTK_TYPE_WIDGET)

static void
canvas_size (CivPageCanvas *self, int *width, int *height)
{
  int w = self->texture ? gdk_texture_get_width (self->texture) : 0;
  int h = self->texture ? gdk_texture_get_height (self->texture) : 0;

  if (self->rotation % 180 != 0)
    {
      int t = w;
      w = h;
      h = t;
    }
  *width = (int) (w * self->zoom + 0.5);
  *height = (int) (h * self->zoom + 0.5);
}

static void
civ_page_canvas_measure (GtkWidget     *widget,
                         GtkOrientation orientation,
                         int            for_size,
                         int           *minimum,
                         int           *natural,
                         int           *minimum_baseline,
                         int           *natural_baseline)
{
  int w, h;

  canvas_size (CIV_PAGE_CANVAS (widget), &w, &h);
  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? w : h;
}

static void
civ_page_canvas_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  CivPageCanvas  *self = CIV_PAGE_CANVAS (widget);
  int             tw, th, w, h;
  graphene_rect_t bounds;

  if (self->texture == NULL)
    return;
  tw = gdk_texture_get_width (self->texture);
  th = gdk_texture_get_height (self->texture);
  canvas_size (self, &w, &h);
  /* Centred when smaller than the view. */
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (MAX (0, gtk_widget_get_width (widget) - w) / 2.0f,
                                                MAX (0, gtk_widget_get_height (widget) - h) /
                                                  2.0f));
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (w / 2.0f, h / 2.0f));
  gtk_snapshot_rotate (snapshot, (float) self->rotation);
  gtk_snapshot_scale (snapshot, (float) self->zoom, (float) self->zoom);
  graphene_rect_init (&bounds, -tw / 2.0f, -th / 2.0f, tw, th);
  gtk_snapshot_append_texture (snapshot, self->texture, &bounds);
  gtk_snapshot_restore (snapshot);
}

static void
civ_page_canvas_dispose (GObject *object)
{
  g_clear_object (&CIV_PAGE_CANVAS (object)->texture);
  G_OBJECT_CLASS (civ_page_canvas_parent_class)->dispose (object);
}

static void
civ_page_canvas_class_init (CivPageCanvasClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civ_page_canvas_dispose;
  widget_class->measure = civ_page_canvas_measure;
  widget_class->snapshot = civ_page_canvas_snapshot;
}

static void
civ_page_canvas_init (CivPageCanvas *self)
{
  self->zoom = 1.0;
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

/* The page image ------------------------------------------------------------ */

struct _CivPageImage
{
  AdwBin parent_instance;

  GtkStack          *stack;
  GtkScrolledWindow *scroller;
  CivPageCanvas     *canvas;
  AdwStatusPage     *message_page;
  GtkWidget         *export_button;
  GtkWidget         *spinner;

  GCancellable *cancellable;
  GBytes       *bytes; /* the file shown, for Export… */
  char         *file_name;
  char         *message;
  gboolean      loading;
  gboolean      fit_pending; /* fit the width once the canvas has a size */
  guint         fit_source;
  double        drag_h, drag_v;
};

G_DEFINE_FINAL_TYPE (CivPageImage, civ_page_image, ADW_TYPE_BIN)

static gboolean fit_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data);

GtkWidget *
civ_page_image_new (void)
{
  return g_object_new (CIV_TYPE_PAGE_IMAGE, NULL);
}

static void
set_zoom (CivPageImage *self, double zoom)
{
  GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (self->scroller);
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (self->scroller);
  double         old = self->canvas->zoom;
  double         cx = gtk_adjustment_get_value (h) + gtk_adjustment_get_page_size (h) / 2;
  double         cy = gtk_adjustment_get_value (v) + gtk_adjustment_get_page_size (v) / 2;

  zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  self->canvas->zoom = zoom;
  gtk_widget_queue_resize (GTK_WIDGET (self->canvas));
  /* Keep the middle of the view where it was; the adjustments take the
   * new upper bounds at the next layout. */
  gtk_adjustment_set_upper (h, MAX (gtk_adjustment_get_upper (h) * zoom / old,
                                    gtk_adjustment_get_page_size (h)));
  gtk_adjustment_set_upper (v, MAX (gtk_adjustment_get_upper (v) * zoom / old,
                                    gtk_adjustment_get_page_size (v)));
  gtk_adjustment_set_value (h, cx * zoom / old - gtk_adjustment_get_page_size (h) / 2);
  gtk_adjustment_set_value (v, cy * zoom / old - gtk_adjustment_get_page_size (v) / 2);
}

void
civ_page_image_zoom_in (CivPageImage *self)
{
  g_return_if_fail (CIV_IS_PAGE_IMAGE (self));
  set_zoom (self, self->canvas->zoom * ZOOM_STEP);
}

void
civ_page_image_zoom_out (CivPageImage *self)
{
  g_return_if_fail (CIV_IS_PAGE_IMAGE (self));
  set_zoom (self, self->canvas->zoom / ZOOM_STEP);
}

void
civ_page_image_fit_width (CivPageImage *self)
{
  int width, tw;

  g_return_if_fail (CIV_IS_PAGE_IMAGE (self));
  if (self->canvas->texture == NULL)
    return;
  /* The whole widget's width (the view inside it may not be laid out yet
   * when the picture has just replaced a message), less the frame. */
  width = gtk_widget_get_width (GTK_WIDGET (self)) - 2;
  if (width <= 1)
    {
      /* Not laid out yet: once it is. */
      self->fit_pending = TRUE;
      if (self->fit_source == 0)
        self->fit_source = gtk_widget_add_tick_callback (GTK_WIDGET (self), fit_tick, self, NULL);
      return;
    }
  self->fit_pending = FALSE;
  tw = self->canvas->rotation % 180 == 0 ? gdk_texture_get_width (self->canvas->texture)
                                         : gdk_texture_get_height (self->canvas->texture);
  /* Room for a vertical scroll bar. */
  set_zoom (self, (double) MAX (1, width - 16) / MAX (1, tw));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

void
civ_page_image_rotate (CivPageImage *self)
{
  g_return_if_fail (CIV_IS_PAGE_IMAGE (self));
  self->canvas->rotation = (self->canvas->rotation + 90) % 360;
  civ_page_image_fit_width (self);
  gtk_widget_queue_resize (GTK_WIDGET (self->canvas));
}

double
civ_page_image_get_zoom (CivPageImage *self)
{
  g_return_val_if_fail (CIV_IS_PAGE_IMAGE (self), 1.0);
  return self->canvas->zoom;
}

int
civ_page_image_get_rotation (CivPageImage *self)
{
  g_return_val_if_fail (CIV_IS_PAGE_IMAGE (self), 0);
  return self->canvas->rotation;
}

gboolean
civ_page_image_has_picture (CivPageImage *self)
{
  g_return_val_if_fail (CIV_IS_PAGE_IMAGE (self), FALSE);
  return self->canvas->texture != NULL && !self->loading;
}

GdkTexture *
civ_page_image_get_texture (CivPageImage *self)
{
  g_return_val_if_fail (CIV_IS_PAGE_IMAGE (self), NULL);
  return self->loading ? NULL : self->canvas->texture;
}

const char *
civ_page_image_get_message (CivPageImage *self)
{
  g_return_val_if_fail (CIV_IS_PAGE_IMAGE (self), NULL);
  return self->message;
}

gboolean
civ_page_image_is_loading (CivPageImage *self)
{
  g_return_val_if_fail (CIV_IS_PAGE_IMAGE (self), FALSE);
  return self->loading;
}

static void
show_message (CivPageImage *self, const char *title, const char *description, gboolean export)
{
  g_free (self->message);
  self->message = g_strdup (title);
  self->loading = FALSE;
  g_clear_object (&self->canvas->texture);
  adw_status_page_set_title (self->message_page, title);
  adw_status_page_set_description (self->message_page, description);
  gtk_widget_set_visible (self->export_button, export);
  gtk_stack_set_visible_child_name (self->stack, "message");
}

void
civ_page_image_show_message (CivPageImage *self, const char *message)
{
  g_return_if_fail (CIV_IS_PAGE_IMAGE (self));
  civ_ui_renew_cancellable (&self->cancellable);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  show_message (self, message, NULL, FALSE);
}

typedef struct
{
  GBytes *bytes;
  char   *media_type;
  int     index;
} RenderJob;

static void
render_job_free (RenderJob *job)
{
  g_bytes_unref (job->bytes);
  g_free (job->media_type);
  g_free (job);
}

/* Picture @index of a multi-page TIFF (one picture a page), at most
 * MAX_SIDE pixels a side as the other pictures are. */
static GdkTexture *
render_tiff_page (GBytes *bytes, int index, GError **error)
{
  guint width = 0, height = 0;
  g_autoptr (GBytes) rgba =
    civ_tiff_read_page (bytes, (guint) MAX (index, 0), &width, &height, error);
  g_autoptr (GdkPixbuf) pixbuf = NULL;
  g_autoptr (GdkPixbuf) scaled = NULL;
  double scale;

  if (rgba == NULL)
    return NULL;
  if (width <= MAX_SIDE && height <= MAX_SIDE)
    return gdk_memory_texture_new ((int) width, (int) height, GDK_MEMORY_R8G8B8A8, rgba,
                                   (gsize) width * 4);
  pixbuf = gdk_pixbuf_new_from_bytes (rgba, GDK_COLORSPACE_RGB, TRUE, 8, (int) width, (int) height,
                                      (int) width * 4);
  scale = (double) MAX_SIDE / MAX (width, height);
  scaled = gdk_pixbuf_scale_simple (pixbuf, MAX (1, (int) (width * scale)),
                                    MAX (1, (int) (height * scale)), GDK_INTERP_BILINEAR);
  return gdk_texture_new_for_pixbuf (scaled);
}

static void
render_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  RenderJob  *job = task_data;
  GError     *error = NULL;
  GdkTexture *texture;

  if (g_strcmp0 (job->media_type, "application/pdf") == 0)
    {
      PopplerDocument *document = civ_document_render_open_pdf (job->bytes, &error);

      texture = document ? civ_document_render_pdf_page (document, job->index, MAX_SIDE, MAX_SIDE,
                                                         FALSE, &error)
                         : NULL;
      g_clear_object (&document);
    }
  else if (g_strcmp0 (job->media_type, "image/tiff") == 0)
    texture = render_tiff_page (job->bytes, job->index, &error);
  else
    /* JPEG and PNG through GdkPixbuf. */
    texture = civ_document_render_image (job->bytes, MAX_SIDE, &error);
  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

static void
on_rendered_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkTexture) texture = g_task_propagate_pointer (G_TASK (result), &error);
  CivPageImage *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = CIV_PAGE_IMAGE (user_data);
  gtk_widget_set_visible (self->spinner, FALSE);
  if (texture == NULL)
    {
      g_autofree char *description =
        g_strdup_printf (_ (
                           "%s. Export the file and open it with an image viewer or a PDF reader."),
                         error->message);

      show_message (self, _ ("This page cannot be shown here"), description, TRUE);
      return;
    }
  g_clear_pointer (&self->message, g_free);
  g_set_object (&self->canvas->texture, texture);
  self->loading = FALSE;
  gtk_stack_set_visible_child_name (self->stack, "picture");
  civ_page_image_fit_width (self);
  gtk_widget_queue_resize (GTK_WIDGET (self->canvas));
}

void
civ_page_image_set_file (
  CivPageImage *self, GBytes *bytes, const char *media_type, const char *file_name, int index)
{
  GTask     *task;
  RenderJob *job;

  g_return_if_fail (CIV_IS_PAGE_IMAGE (self));

  civ_ui_renew_cancellable (&self->cancellable);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_free (self->file_name);
  self->file_name = g_strdup (file_name);
  if (bytes == NULL)
    {
      show_message (self, _ ("No image of this page"),
                    _ ("Attach the page images of the book with Attach Images…"), FALSE);
      return;
    }
  self->bytes = g_bytes_ref (bytes);
  self->loading = TRUE;
  gtk_widget_set_visible (self->spinner, TRUE);

  job = g_new0 (RenderJob, 1);
  job->bytes = g_bytes_ref (bytes);
  job->media_type = g_strdup (media_type);
  job->index = index;
  task = g_task_new (NULL, self->cancellable, on_rendered_cb, self);
  g_task_set_task_data (task, job, (GDestroyNotify) render_job_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, render_thread);
  g_object_unref (task);
}

static void
on_export_response_cb (GtkNativeDialog *chooser, int response, CivPageImage *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->bytes != NULL)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr (GError) error = NULL;

      if (!g_file_replace_contents (file, g_bytes_get_data (self->bytes, NULL),
                                    g_bytes_get_size (self->bytes), NULL, FALSE,
                                    G_FILE_CREATE_PRIVATE, NULL, NULL, &error))
        {
          g_autofree char *text =
            g_strdup_printf (_ ("The file could not be saved: %s"), error->message);
          civ_ui_toast (GTK_WIDGET (self), text);
        }
      else
        civ_ui_toast (GTK_WIDGET (self), _ ("File exported"));
    }
  g_object_unref (chooser);
}

static void
on_export_clicked_cb (CivPageImage *self)
{
  GtkRoot              *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;

  if (self->bytes == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_ ("Export the Page Image"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Save"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (self->file_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), self->file_name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Panning: the drag moves the page under the pointer. */
static void
on_drag_begin_cb (GtkGestureDrag *gesture, double x, double y, CivPageImage *self)
{
  self->drag_h = gtk_adjustment_get_value (gtk_scrolled_window_get_hadjustment (self->scroller));
  self->drag_v = gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (self->scroller));
}

static void
on_drag_update_cb (GtkGestureDrag *gesture, double dx, double dy, CivPageImage *self)
{
  gtk_adjustment_set_value (gtk_scrolled_window_get_hadjustment (self->scroller),
                            self->drag_h - dx);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller),
                            self->drag_v - dy);
}

/* Fits the width at the first frame the view has its size: a tick
 * callback runs before the frame's layout, never inside it. */
static gboolean
fit_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  CivPageImage *self = data;

  if (gtk_widget_get_width (GTK_WIDGET (self)) <= 3)
    return G_SOURCE_CONTINUE;
  self->fit_source = 0;
  if (self->fit_pending)
    civ_page_image_fit_width (self);
  return G_SOURCE_REMOVE;
}

static GtkWidget *
tool_button (CivPageImage *self, const char *icon, const char *tooltip, GCallback callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  g_signal_connect_swapped (button, "clicked", callback, self);
  return button;
}

static void
civ_page_image_dispose (GObject *object)
{
  CivPageImage *self = CIV_PAGE_IMAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->fit_source != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->fit_source);
  self->fit_source = 0;
  G_OBJECT_CLASS (civ_page_image_parent_class)->dispose (object);
}

static void
civ_page_image_finalize (GObject *object)
{
  CivPageImage *self = CIV_PAGE_IMAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_free (self->file_name);
  g_free (self->message);
  G_OBJECT_CLASS (civ_page_image_parent_class)->finalize (object);
}

static void
civ_page_image_class_init (CivPageImageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = civ_page_image_dispose;
  object_class->finalize = civ_page_image_finalize;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "civ-page-image");
}

static void
civ_page_image_init (CivPageImage *self)
{
  GtkWidget  *overlay = gtk_overlay_new ();
  GtkWidget  *tools = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkWidget  *frame;

  self->cancellable = g_cancellable_new ();
  self->stack = GTK_STACK (gtk_stack_new ());
  self->scroller = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  self->canvas = g_object_new (CIV_TYPE_PAGE_CANVAS, NULL);
  gtk_scrolled_window_set_child (self->scroller, GTK_WIDGET (self->canvas));
  gtk_widget_add_css_class (GTK_WIDGET (self->scroller), "page-image");
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->scroller), GTK_EVENT_CONTROLLER (drag));
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->canvas), "grab");

  self->message_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->message_page, "image-missing-symbolic");
  gtk_widget_add_css_class (GTK_WIDGET (self->message_page), "compact");
  self->export_button = gtk_button_new_with_label (_ ("Export…"));
  gtk_widget_set_halign (self->export_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->export_button, "pill");
  g_signal_connect_swapped (self->export_button, "clicked", G_CALLBACK (on_export_clicked_cb),
                            self);
  adw_status_page_set_child (self->message_page, self->export_button);
  gtk_widget_set_visible (self->export_button, FALSE);

  gtk_stack_add_named (self->stack, GTK_WIDGET (self->scroller), "picture");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->message_page), "message");
  gtk_overlay_set_child (GTK_OVERLAY (overlay), GTK_WIDGET (self->stack));

  /* Zoom out, zoom in, fit the width, rotate: the same as Ctrl+minus,
   * Ctrl+plus, Ctrl+0 and Ctrl+R on the workbench. */
  gtk_widget_add_css_class (tools, "linked");
  gtk_widget_add_css_class (tools, "osd");
  gtk_widget_set_halign (tools, GTK_ALIGN_END);
  gtk_widget_set_valign (tools, GTK_ALIGN_START);
  gtk_widget_set_margin_top (tools, 8);
  gtk_widget_set_margin_end (tools, 20);
  gtk_box_append (GTK_BOX (tools), tool_button (self, "zoom-out-symbolic", _ ("Zoom out (Ctrl+−)"),
                                                G_CALLBACK (civ_page_image_zoom_out)));
  gtk_box_append (GTK_BOX (tools), tool_button (self, "zoom-in-symbolic", _ ("Zoom in (Ctrl++)"),
                                                G_CALLBACK (civ_page_image_zoom_in)));
  gtk_box_append (GTK_BOX (tools),
                  tool_button (self, "zoom-fit-best-symbolic", _ ("Fit the width (Ctrl+0)"),
                               G_CALLBACK (civ_page_image_fit_width)));
  gtk_box_append (GTK_BOX (tools),
                  tool_button (self, "object-rotate-right-symbolic", _ ("Rotate by 90° (Ctrl+R)"),
                               G_CALLBACK (civ_page_image_rotate)));
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), tools);

  self->spinner = gtk_spinner_new ();
  gtk_spinner_start (GTK_SPINNER (self->spinner));
  gtk_widget_set_size_request (self->spinner, 32, 32);
  gtk_widget_set_halign (self->spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (self->spinner, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->spinner);

  frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (frame), overlay);
  adw_bin_set_child (ADW_BIN (self), frame);
  show_message (self, _ ("No image of this page"), NULL, FALSE);
}
