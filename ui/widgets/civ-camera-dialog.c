// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-camera-dialog.c — live view, crop frame, still and "Use Photo" */
#include "civ-camera-dialog.h"

#include <glib/gi18n.h>

#include "civ-camera-dialog-private.h"

#define CROP_STEP 8        /* frame pixels per arrow key */
#define CROP_STEP_LARGE 40 /* with Shift */

struct _CivCameraDialog
{
  AdwWindow parent_instance;

  AdwWindowTitle *window_title;
  GtkStack       *stack;
  AdwStatusPage  *status_page;
  GtkPicture     *picture;
  GtkDrawingArea *crop_area;
  GtkLabel       *hint_label;
  GtkWidget      *retry_button;
  GtkWidget      *retake_button;
  GtkWidget      *take_button;
  GtkWidget      *use_button;

  CivCamera    *camera;
  CivPhotoKind  kind;
  CivFrame     *shown;  /* the frame on screen */
  CivFrame     *frozen; /* the photo taken, or NULL while live */
  CivCropRect   crop;   /* in the shown frame's pixels */
  guint64       n_shown;
  GCancellable *cancellable;
  gboolean      busy;
};

G_DEFINE_FINAL_TYPE (CivCameraDialog, civ_camera_dialog, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_PHOTO_TAKEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_actions (CivCameraDialog *self)
{
  CivCameraState state = self->camera ? civ_camera_get_state (self->camera) : CIV_CAMERA_OFF;
  gboolean       live = state == CIV_CAMERA_RUNNING;
  gboolean       failed = state == CIV_CAMERA_FAILED;
  gboolean       frozen = self->frozen != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "camera.take",
                                 live && !frozen && self->shown != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "camera.retake", frozen && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "camera.use", frozen && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "camera.retry", failed);
  gtk_widget_set_visible (self->retake_button, frozen);
  gtk_widget_set_visible (self->take_button, !frozen);
}

static void
update_hint (CivCameraDialog *self)
{
  const CivPhotoSize *size = civ_photo_size (self->kind);
  g_autofree char    *text = NULL;

  if (self->frozen)
    text = g_strdup (_ ("Press Enter to use this photo, or Backspace to take it again."));
  else
    /* Translators: the photo's purpose, then its size in millimetres. */
    text = g_strdup_printf (_ ("%s, %g × %g mm. Move the frame with the arrow keys; press Space "
                               "to take the photo."),
                            _ (size->label), size->width_mm, size->height_mm);
  gtk_label_set_text (self->hint_label, text);
}

static void
show_frame (CivCameraDialog *self, CivFrame *frame)
{
  g_autoptr (GdkTexture) texture = NULL;
  gboolean resized = self->shown == NULL || self->shown->width != frame->width ||
                     self->shown->height != frame->height;

  /* Opaque BGRA/RGBA (civ-camera.h): with an alpha of 255 everywhere,
   * premultiplied is the same bytes, and B8G8R8A8_PREMULTIPLIED is what both
   * renderers take without converting (cairo's ARGB32, GL's BGRA). */
  texture = gdk_memory_texture_new (frame->width, frame->height,
                                    frame->format == CIV_PIXEL_FORMAT_BGRA
                                      ? GDK_MEMORY_B8G8R8A8_PREMULTIPLIED
                                      : GDK_MEMORY_R8G8B8A8_PREMULTIPLIED,
                                    frame->pixels, frame->stride);
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  if (self->shown != frame)
    {
      g_clear_pointer (&self->shown, civ_frame_unref);
      self->shown = civ_frame_ref (frame);
    }
  self->n_shown++;
  if (resized)
    {
      self->crop =
        civ_photo_centred_crop (civ_photo_size (self->kind), frame->width, frame->height);
      gtk_widget_queue_draw (GTK_WIDGET (self->crop_area));
      update_actions (self);
    }
}

static void
on_frame (CivCamera *camera, CivFrame *frame, CivCameraDialog *self)
{
  if (self->frozen == NULL)
    show_frame (self, frame);
}

static const char *
failure_title (const GError *error)
{
  if (error != NULL && error->domain == CIV_CAMERA_ERROR)
    switch (error->code)
      {
      case CIV_CAMERA_ERROR_NO_CAMERA:
        return _ ("No Camera");
      case CIV_CAMERA_ERROR_BUSY:
        return _ ("Camera in Use");
      case CIV_CAMERA_ERROR_REFUSED:
        return _ ("Camera Not Allowed");
      default:
        break;
      }
  return _ ("Camera Problem");
}

static void
on_state_changed (CivCamera *camera, GParamSpec *pspec, CivCameraDialog *self)
{
  const GError *error = civ_camera_get_error (camera);

  switch (civ_camera_get_state (camera))
    {
    case CIV_CAMERA_STARTING:
    case CIV_CAMERA_OFF:
      if (self->frozen == NULL)
        gtk_stack_set_visible_child_name (self->stack, "starting");
      break;
    case CIV_CAMERA_RUNNING:
      gtk_stack_set_visible_child_name (self->stack, "live");
      gtk_widget_grab_focus (self->take_button);
      break;
    case CIV_CAMERA_FAILED:
      if (self->frozen != NULL)
        break; /* the photo taken stays usable */
      adw_status_page_set_title (self->status_page, failure_title (error));
      adw_status_page_set_description (self->status_page, error ? error->message : NULL);
      gtk_stack_set_visible_child_name (self->stack, "failed");
      gtk_widget_grab_focus (self->retry_button);
      break;
    }
  update_actions (self);
}

/* Where the shown frame lies in the picture (content-fit contain). */
static gboolean
frame_area (CivCameraDialog *self, int width, int height, double *x, double *y, double *scale)
{
  if (self->shown == NULL || width <= 0 || height <= 0)
    return FALSE;
  *scale = MIN ((double) width / self->shown->width, (double) height / self->shown->height);
  *x = (width - self->shown->width * *scale) / 2;
  *y = (height - self->shown->height * *scale) / 2;
  return TRUE;
}

static void
draw_crop (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  CivCameraDialog *self = user_data;
  double           x0, y0, scale, x, y, w, h;

  if (!frame_area (self, width, height, &x0, &y0, &scale) || self->crop.width <= 0)
    return;
  x = x0 + self->crop.x * scale;
  y = y0 + self->crop.y * scale;
  w = self->crop.width * scale;
  h = self->crop.height * scale;

  /* Dim what the photo leaves out. */
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_rectangle (cr, x0, y0, self->shown->width * scale, self->shown->height * scale);
  cairo_rectangle (cr, x, y, w, h);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.5);
  cairo_fill (cr);

  /* The frame, and thirds to place the faces. */
  cairo_set_line_width (cr, 2);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x + 1, y + 1, w - 2, h - 2);
  cairo_stroke (cr);
  cairo_set_line_width (cr, 1);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.45);
  for (int i = 1; i < 3; i++)
    {
      cairo_move_to (cr, x, y + h * i / 3);
      cairo_line_to (cr, x + w, y + h * i / 3);
      cairo_move_to (cr, x + w * i / 3, y);
      cairo_line_to (cr, x + w * i / 3, y + h);
    }
  cairo_stroke (cr);
}

/* Actions */

static void
on_take (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivCameraDialog *self = CIV_CAMERA_DIALOG (widget);

  if (self->shown == NULL || self->frozen != NULL)
    return;
  /* The picture on screen is the photo: what the registrar saw. */
  self->frozen = civ_frame_ref (self->shown);
  update_hint (self);
  update_actions (self);
  gtk_widget_grab_focus (self->use_button);
}

static void
on_retake (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivCameraDialog *self = CIV_CAMERA_DIALOG (widget);

  if (self->frozen == NULL || self->busy)
    return;
  g_clear_pointer (&self->frozen, civ_frame_unref);
  update_hint (self);
  on_state_changed (self->camera, NULL, self);
}

static void
on_move_crop (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivCameraDialog *self = CIV_CAMERA_DIALOG (widget);
  int              dx, dy;

  if (self->shown == NULL || self->busy)
    return;
  g_variant_get (parameter, "(ii)", &dx, &dy);
  self->crop = civ_photo_move_crop (&self->crop, dx, dy, self->shown->width, self->shown->height);
  gtk_widget_queue_draw (GTK_WIDGET (self->crop_area));
}

typedef struct
{
  CivFrame    *frame;
  CivCropRect  crop;
  CivPhotoKind kind;
  char        *name;
} PhotoJob;

static void
photo_job_free (PhotoJob *job)
{
  civ_frame_unref (job->frame);
  g_free (job->name);
  g_free (job);
}

static void
make_photo_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  PhotoJob         *job = data;
  GError           *error = NULL;
  CivDocumentInput *input;

  input =
    civ_photo_make_document (job->frame, &job->crop, civ_photo_size (job->kind), job->name, &error);
  if (input == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, input, (GDestroyNotify) civ_document_input_free);
}

static void
on_photo_made (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivCameraDialog *self = CIV_CAMERA_DIALOG (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (CivDocumentInput) input = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->busy = FALSE;
  update_actions (self);
  if (input == NULL)
    {
      gtk_label_set_text (self->hint_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->hint_label), "error");
      return;
    }
  g_signal_emit (self, signals[SIGNAL_PHOTO_TAKEN], 0, input);
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_use (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivCameraDialog *self = CIV_CAMERA_DIALOG (widget);
  g_autoptr (GTask) task = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  PhotoJob *job;

  if (self->frozen == NULL || self->busy)
    return;
  job = g_new0 (PhotoJob, 1);
  job->frame = civ_frame_ref (self->frozen);
  job->crop = self->crop;
  job->kind = self->kind;
  job->name = g_date_time_format (now, "couple-photo-%Y%m%d-%H%M%S.png");
  self->busy = TRUE;
  gtk_widget_remove_css_class (GTK_WIDGET (self->hint_label), "error");
  update_actions (self);
  task = g_task_new (self, self->cancellable, on_photo_made, NULL);
  g_task_set_source_tag (task, on_use);
  g_task_set_task_data (task, job, (GDestroyNotify) photo_job_free);
  g_task_run_in_thread (task, make_photo_thread);
}

/* Space and Enter: take the photo while live, use it once taken. */
static void
on_shutter (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivCameraDialog *self = CIV_CAMERA_DIALOG (widget);

  if (self->frozen != NULL)
    on_use (widget, "camera.use", NULL);
  else
    on_take (widget, "camera.take", NULL);
}

static void
on_retry (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivCameraDialog *self = CIV_CAMERA_DIALOG (widget);

  civ_camera_stop (self->camera);
  civ_camera_start (self->camera);
}

/* GtkWidget */

static void set_camera (CivCameraDialog *self, const char *source);

static void
civ_camera_dialog_map (GtkWidget *widget)
{
  CivCameraDialog *self = CIV_CAMERA_DIALOG (widget);

  GTK_WIDGET_CLASS (civ_camera_dialog_parent_class)->map (widget);
  if (self->camera == NULL)
    {
      g_autofree char *source = civ_camera_default_source ();
      set_camera (self, source);
    }
  civ_camera_start (self->camera);
}

static void
civ_camera_dialog_unmap (GtkWidget *widget)
{
  CivCameraDialog *self = CIV_CAMERA_DIALOG (widget);

  if (self->camera)
    civ_camera_stop (self->camera);
  GTK_WIDGET_CLASS (civ_camera_dialog_parent_class)->unmap (widget);
}

static void
set_camera (CivCameraDialog *self, const char *source)
{
  g_return_if_fail (self->camera == NULL);

  self->camera = civ_camera_new (source);
  g_signal_connect_object (self->camera, "frame", G_CALLBACK (on_frame), self, 0);
  g_signal_connect_object (self->camera, "notify::state", G_CALLBACK (on_state_changed), self, 0);
  update_hint (self);
  update_actions (self);
}

static void
civ_camera_dialog_dispose (GObject *object)
{
  CivCameraDialog *self = CIV_CAMERA_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->camera)
    {
      civ_camera_stop (self->camera);
      g_signal_handlers_disconnect_by_data (self->camera, self);
    }
  g_clear_object (&self->camera);
  g_clear_pointer (&self->shown, civ_frame_unref);
  g_clear_pointer (&self->frozen, civ_frame_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CIV_TYPE_CAMERA_DIALOG);
  G_OBJECT_CLASS (civ_camera_dialog_parent_class)->dispose (object);
}

static void
civ_camera_dialog_finalize (GObject *object)
{
  CivCameraDialog *self = CIV_CAMERA_DIALOG (object);

  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (civ_camera_dialog_parent_class)->finalize (object);
}

static void
add_move_binding (GtkWidgetClass *widget_class, guint key, int dx, int dy)
{
  gtk_widget_class_add_binding_action (widget_class, key, 0, "camera.move-crop", "(ii)",
                                       dx * CROP_STEP, dy * CROP_STEP);
  gtk_widget_class_add_binding_action (widget_class, key, GDK_SHIFT_MASK, "camera.move-crop",
                                       "(ii)", dx * CROP_STEP_LARGE, dy * CROP_STEP_LARGE);
}

static void
civ_camera_dialog_class_init (CivCameraDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civ_camera_dialog_dispose;
  object_class->finalize = civ_camera_dialog_finalize;
  widget_class->map = civ_camera_dialog_map;
  widget_class->unmap = civ_camera_dialog_unmap;

  signals[SIGNAL_PHOTO_TAKEN] =
    g_signal_new ("photo-taken", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/civreg/Civreg/ui/civ-camera-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CivCameraDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, CivCameraDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CivCameraDialog, status_page);
  gtk_widget_class_bind_template_child (widget_class, CivCameraDialog, picture);
  gtk_widget_class_bind_template_child (widget_class, CivCameraDialog, crop_area);
  gtk_widget_class_bind_template_child (widget_class, CivCameraDialog, hint_label);
  gtk_widget_class_bind_template_child (widget_class, CivCameraDialog, retry_button);
  gtk_widget_class_bind_template_child (widget_class, CivCameraDialog, retake_button);
  gtk_widget_class_bind_template_child (widget_class, CivCameraDialog, take_button);
  gtk_widget_class_bind_template_child (widget_class, CivCameraDialog, use_button);

  gtk_widget_class_install_action (widget_class, "camera.take", NULL, on_take);
  gtk_widget_class_install_action (widget_class, "camera.retake", NULL, on_retake);
  gtk_widget_class_install_action (widget_class, "camera.use", NULL, on_use);
  gtk_widget_class_install_action (widget_class, "camera.shutter", NULL, on_shutter);
  gtk_widget_class_install_action (widget_class, "camera.retry", NULL, on_retry);
  gtk_widget_class_install_action (widget_class, "camera.move-crop", "(ii)", on_move_crop);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "camera.shutter", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "camera.shutter", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "camera.shutter", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, 0, "camera.retake", NULL);
  add_move_binding (widget_class, GDK_KEY_Left, -1, 0);
  add_move_binding (widget_class, GDK_KEY_Right, 1, 0);
  add_move_binding (widget_class, GDK_KEY_Up, 0, -1);
  add_move_binding (widget_class, GDK_KEY_Down, 0, 1);
}

static void
civ_camera_dialog_init (CivCameraDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->crop_area, draw_crop, self, NULL);
  update_hint (self);
  update_actions (self);
}

/* Public API */

CivCameraDialog *
_civ_camera_dialog_new_for_source (GtkWindow *parent, CivPhotoKind kind, const char *source)
{
  CivCameraDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (kind < CIV_N_PHOTO_KINDS && source != NULL, NULL);

  self = g_object_new (CIV_TYPE_CAMERA_DIALOG, NULL);
  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (self), parent);
      /* It belongs to the application, so locking closes it. */
      gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
    }
  self->kind = kind;
  adw_window_title_set_subtitle (self->window_title, _ (civ_photo_size (kind)->label));
  set_camera (self, source);
  return self;
}

CivCameraDialog *
civ_camera_dialog_new (GtkWindow *parent, CivPhotoKind kind)
{
  g_autofree char *source = civ_camera_default_source ();

  return _civ_camera_dialog_new_for_source (parent, kind, source);
}

CivCamera *
civ_camera_dialog_get_camera (CivCameraDialog *self)
{
  g_return_val_if_fail (CIV_IS_CAMERA_DIALOG (self), NULL);
  return self->camera;
}

const char *
_civ_camera_dialog_get_page (CivCameraDialog *self)
{
  g_return_val_if_fail (CIV_IS_CAMERA_DIALOG (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

guint64
_civ_camera_dialog_get_n_shown (CivCameraDialog *self)
{
  g_return_val_if_fail (CIV_IS_CAMERA_DIALOG (self), 0);
  return self->n_shown;
}

gboolean
_civ_camera_dialog_is_frozen (CivCameraDialog *self)
{
  g_return_val_if_fail (CIV_IS_CAMERA_DIALOG (self), FALSE);
  return self->frozen != NULL;
}

CivCropRect
_civ_camera_dialog_get_crop (CivCameraDialog *self)
{
  g_return_val_if_fail (CIV_IS_CAMERA_DIALOG (self), (CivCropRect){ 0 });
  return self->crop;
}

gboolean
_civ_camera_dialog_is_busy (CivCameraDialog *self)
{
  g_return_val_if_fail (CIV_IS_CAMERA_DIALOG (self), FALSE);
  return self->busy;
}
