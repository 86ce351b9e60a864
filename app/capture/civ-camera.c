// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-camera.c — the camera pipeline, its one-frame slot and the portal */
#include "civ-camera.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gunixfdlist.h>
#include <glib/gi18n-lib.h>
#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <gst/video/video.h>
#include <linux/videodev2.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define PORTAL_BUS_NAME "org.freedesktop.portal.Desktop"
#define PORTAL_OBJECT_PATH "/org/freedesktop/portal/desktop"
#define PORTAL_CAMERA_IFACE "org.freedesktop.portal.Camera"
#define PORTAL_REQUEST_IFACE "org.freedesktop.portal.Request"
#define TEST_SOURCE_TEMPLATE                                                                       \
  "videotestsrc is-live=true pattern=%s ! capsfilter "                                             \
  "caps=video/x-raw,width=1280,height=720,framerate=30/1"

/* Frames */

static void
frame_clear (CivFrame *frame)
{
  g_clear_pointer (&frame->pixels, g_bytes_unref);
}

CivFrame *
civ_frame_new (
  int width, int height, gsize stride, CivPixelFormat format, GBytes *pixels, guint64 number)
{
  CivFrame *frame;
  gsize     need;

  g_return_val_if_fail (pixels != NULL, NULL);

  if (width <= 0 || height <= 0 || width > 16384 || height > 16384 || stride < (gsize) width * 4 ||
      (format != CIV_PIXEL_FORMAT_BGRA && format != CIV_PIXEL_FORMAT_RGBA))
    return NULL;
  need = stride * (gsize) (height - 1) + (gsize) width * 4;
  if (g_bytes_get_size (pixels) < need)
    return NULL;

  frame = g_atomic_rc_box_new0 (CivFrame);
  frame->width = width;
  frame->height = height;
  frame->stride = stride;
  frame->format = format;
  frame->pixels = g_bytes_ref (pixels);
  frame->number = number;
  return frame;
}

CivFrame *
civ_frame_ref (CivFrame *frame)
{
  g_return_val_if_fail (frame != NULL, NULL);
  return g_atomic_rc_box_acquire (frame);
}

void
civ_frame_unref (CivFrame *frame)
{
  if (frame != NULL)
    g_atomic_rc_box_release_full (frame, (GDestroyNotify) frame_clear);
}

G_DEFINE_BOXED_TYPE (CivFrame, civ_frame, civ_frame_ref, civ_frame_unref)

G_DEFINE_QUARK (civ - camera - error - quark, civ_camera_error)

/* The camera */

struct _CivCamera
{
  GObject parent_instance;

  char            *source;
  GMainContext    *context; /* where "frame", "state" and bus messages go */
  CivCameraState   state;
  GError          *error;
  GstElement      *pipeline;
  GSource         *bus_watch;
  int              pipewire_fd; /* the portal's remote, or -1 */
  GCancellable    *portal_cancellable;
  guint            portal_signal;
  GDBusConnection *portal_bus;
  CivFrame        *latest; /* main context only */

  /* Shared with the streaming thread. */
  GMutex            lock;
  CivFrame         *pending;
  gboolean          wake_scheduled;
  guint64           number;
  CivCameraCounters counters;
};

G_DEFINE_FINAL_TYPE (CivCamera, civ_camera, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SOURCE,
  PROP_STATE,
  N_PROPS
};

enum
{
  SIGNAL_FRAME,
  N_SIGNALS
};

static GParamSpec *props[N_PROPS];
static guint       signals[N_SIGNALS];

static void
set_state (CivCamera *self, CivCameraState state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_STATE]);
}

static void teardown (CivCamera *self);

/* Stops everything and enters FAILED with @error (taken). */
static void
fail (CivCamera *self, GError *error)
{
  teardown (self);
  g_clear_error (&self->error);
  self->error = error;
  set_state (self, CIV_CAMERA_FAILED);
}

/* Streaming thread → main context */

static gboolean
take_pending_cb (gpointer user_data)
{
  CivCamera *self = user_data;
  CivFrame  *frame;

  g_mutex_lock (&self->lock);
  frame = g_steal_pointer (&self->pending);
  self->wake_scheduled = FALSE;
  if (frame != NULL)
    self->counters.delivered++;
  g_mutex_unlock (&self->lock);

  if (frame == NULL)
    return G_SOURCE_REMOVE;
  g_clear_pointer (&self->latest, civ_frame_unref);
  self->latest = frame;
  if (self->state == CIV_CAMERA_STARTING)
    set_state (self, CIV_CAMERA_RUNNING);
  g_signal_emit (self, signals[SIGNAL_FRAME], 0, frame);
  return G_SOURCE_REMOVE;
}

typedef struct
{
  GstBuffer *buffer;
  GstMapInfo map;
} Mapped;

static void
mapped_free (gpointer data)
{
  Mapped *mapped = data;

  gst_buffer_unmap (mapped->buffer, &mapped->map);
  gst_buffer_unref (mapped->buffer);
  g_free (mapped);
}

static CivFrame *
frame_from_sample (GstSample *sample, guint64 number)
{
  GstCaps       *caps = gst_sample_get_caps (sample);
  GstBuffer     *buffer = gst_sample_get_buffer (sample);
  GstVideoInfo   info;
  GstVideoMeta  *meta;
  CivPixelFormat format;
  gsize          stride, offset;
  Mapped        *mapped;
  g_autoptr (GBytes) whole = NULL;
  g_autoptr (GBytes) pixels = NULL;

  if (caps == NULL || buffer == NULL || !gst_video_info_from_caps (&info, caps))
    return NULL;
  switch (GST_VIDEO_INFO_FORMAT (&info))
    {
    case GST_VIDEO_FORMAT_BGRA:
      format = CIV_PIXEL_FORMAT_BGRA;
      break;
    case GST_VIDEO_FORMAT_RGBA:
      format = CIV_PIXEL_FORMAT_RGBA;
      break;
    default:
      return NULL;
    }
  stride = (gsize) GST_VIDEO_INFO_PLANE_STRIDE (&info, 0);
  offset = GST_VIDEO_INFO_PLANE_OFFSET (&info, 0);
  meta = gst_buffer_get_video_meta (buffer);
  if (meta != NULL)
    {
      stride = (gsize) meta->stride[0];
      offset = meta->offset[0];
    }

  mapped = g_new0 (Mapped, 1);
  mapped->buffer = gst_buffer_ref (buffer);
  if (!gst_buffer_map (buffer, &mapped->map, GST_MAP_READ))
    {
      gst_buffer_unref (mapped->buffer);
      g_free (mapped);
      return NULL;
    }
  whole = g_bytes_new_with_free_func (mapped->map.data, mapped->map.size, mapped_free, mapped);
  if (offset >= mapped->map.size)
    return NULL;
  pixels = g_bytes_new_from_bytes (whole, offset, g_bytes_get_size (whole) - offset);
  return civ_frame_new (GST_VIDEO_INFO_WIDTH (&info), GST_VIDEO_INFO_HEIGHT (&info), stride, format,
                        pixels, number);
}

/* Runs on the streaming thread. */
static GstFlowReturn
on_new_sample (GstAppSink *sink, gpointer user_data)
{
  CivCamera *self = user_data;
  g_autoptr (GstSample) sample = gst_app_sink_pull_sample (sink);
  CivFrame *frame, *old;
  gboolean  wake;
  guint64   number;

  if (sample == NULL)
    return GST_FLOW_EOS;

  g_mutex_lock (&self->lock);
  number = ++self->number;
  self->counters.received++;
  g_mutex_unlock (&self->lock);

  frame = frame_from_sample (sample, number);
  if (frame == NULL)
    return GST_FLOW_OK;

  g_mutex_lock (&self->lock);
  old = self->pending;
  if (old != NULL)
    self->counters.dropped++;
  self->pending = frame;
  wake = !self->wake_scheduled;
  self->wake_scheduled = TRUE;
  g_mutex_unlock (&self->lock);
  civ_frame_unref (old);

  if (wake)
    {
      g_autoptr (GSource) idle = g_idle_source_new ();

      g_source_set_priority (idle, G_PRIORITY_DEFAULT_IDLE);
      g_source_set_callback (idle, take_pending_cb, g_object_ref (self), g_object_unref);
      g_source_set_static_name (idle, "[civreg] camera frame");
      g_source_attach (idle, self->context);
    }
  return GST_FLOW_OK;
}

/* The bus, on the main context */

static GError *
error_from_gst (const GError *gst_error, const char *debug)
{
  if (gst_error->domain == GST_RESOURCE_ERROR)
    switch (gst_error->code)
      {
      case GST_RESOURCE_ERROR_BUSY:
        return g_error_new_literal (CIV_CAMERA_ERROR, CIV_CAMERA_ERROR_BUSY,
                                    _ ("The camera is in use by another program. Close it "
                                       "and try again."));
      case GST_RESOURCE_ERROR_NOT_FOUND:
      case GST_RESOURCE_ERROR_OPEN_READ:
      case GST_RESOURCE_ERROR_OPEN_READ_WRITE:
      case GST_RESOURCE_ERROR_NOT_AUTHORIZED:
        return g_error_new (CIV_CAMERA_ERROR, CIV_CAMERA_ERROR_NO_CAMERA,
                            _ ("The camera cannot be opened (%s). Check that it is plugged in "
                               "and try again."),
                            gst_error->message);
      default:
        break;
      }
  g_debug ("camera: %s (%s)", gst_error->message, debug ? debug : "");
  return g_error_new (CIV_CAMERA_ERROR, CIV_CAMERA_ERROR_STREAM,
                      _ ("The camera stopped sending pictures (%s). Try again, or check its "
                         "cable."),
                      gst_error->message);
}

static gboolean
on_bus_message (GstBus *bus, GstMessage *message, gpointer user_data)
{
  CivCamera *self = user_data;

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_ERROR:
      {
        g_autoptr (GError) gst_error = NULL;
        g_autofree char *debug = NULL;

        gst_message_parse_error (message, &gst_error, &debug);
        fail (self, error_from_gst (gst_error, debug));
        return G_SOURCE_REMOVE;
      }
    case GST_MESSAGE_EOS:
      fail (self, g_error_new_literal (CIV_CAMERA_ERROR, CIV_CAMERA_ERROR_STREAM,
                                       _ ("The camera stopped sending pictures. Try again, or "
                                          "check its cable.")));
      return G_SOURCE_REMOVE;
    default:
      return G_SOURCE_CONTINUE;
    }
}

/* Building the pipeline */

static gboolean
in_flatpak (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

/* The first /dev/videoN that captures video (a camera also lists metadata
 * nodes), or NULL. */
static char *
find_v4l2_device (void)
{
  for (int n = 0; n < 64; n++)
    {
      g_autofree char       *path = g_strdup_printf ("/dev/video%d", n);
      struct v4l2_capability cap = { 0 };
      guint32                caps;
      int                    fd;

      fd = open (path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
      if (fd < 0)
        continue;
      if (ioctl (fd, VIDIOC_QUERYCAP, &cap) == 0)
        {
          caps = (cap.capabilities & V4L2_CAP_DEVICE_CAPS) ? cap.device_caps : cap.capabilities;
          if (caps & (V4L2_CAP_VIDEO_CAPTURE | V4L2_CAP_VIDEO_CAPTURE_MPLANE))
            {
              close (fd);
              return g_steal_pointer (&path);
            }
        }
      close (fd);
    }
  return NULL;
}

/* The gst-launch description of the source part, or NULL with @error. */
static char *
source_description (CivCamera *self, GError **error)
{
  const char *src = self->source;

  if (g_str_equal (src, "test") || g_str_has_prefix (src, "test:"))
    {
      const char *pattern = src[4] == ':' ? src + 5 : "smpte";
      g_autoptr (GstElement) probe = gst_element_factory_make ("videotestsrc", NULL);
      GParamSpec *pspec =
        probe ? g_object_class_find_property (G_OBJECT_GET_CLASS (probe), "pattern") : NULL;

      if (pspec == NULL || !G_IS_PARAM_SPEC_ENUM (pspec) ||
          g_enum_get_value_by_nick (G_PARAM_SPEC_ENUM (pspec)->enum_class, pattern) == NULL)
        {
          g_set_error (error, CIV_CAMERA_ERROR, CIV_CAMERA_ERROR_PIPELINE,
                       _ ("The test picture “%s” does not exist. Check the camera setting."),
                       pattern);
          return NULL;
        }
      return g_strdup_printf (TEST_SOURCE_TEMPLATE, pattern);
    }
  if (g_str_equal (src, "auto"))
    {
      g_autofree char *device = NULL;

      if (self->pipewire_fd >= 0)
        return g_strdup_printf ("pipewiresrc fd=%d", self->pipewire_fd);
      device = find_v4l2_device ();
      if (device == NULL)
        {
          g_set_error_literal (error, CIV_CAMERA_ERROR, CIV_CAMERA_ERROR_NO_CAMERA,
                               _ ("No camera is connected. Plug in the counter's camera and "
                                  "try again."));
          return NULL;
        }
      return g_strdup_printf ("v4l2src device=%s", device);
    }
  return g_strdup (src);
}

static GstElement *
make (const char *factory, GError **error)
{
  GstElement *element = gst_element_factory_make (factory, NULL);

  if (element == NULL)
    g_set_error (error, CIV_CAMERA_ERROR, CIV_CAMERA_ERROR_PIPELINE,
                 _ ("The GStreamer element “%s” is not installed. Install the GStreamer base "
                    "plug-ins."),
                 factory);
  return element;
}

static GstElement *
build_pipeline (CivCamera *self, GError **error)
{
  g_autofree char *description = NULL;
  g_autoptr (GError) parse_error = NULL;
  g_autoptr (GstElement) pipeline = NULL;
  g_autoptr (GstCaps) caps = NULL;
  GstElement         *source, *convert, *scale, *filter, *sink;
  GstAppSinkCallbacks callbacks = { .new_sample = on_new_sample };

  description = source_description (self, error);
  if (description == NULL)
    return NULL;
  source = gst_parse_bin_from_description (description, TRUE, &parse_error);
  if (source == NULL || parse_error != NULL)
    {
      g_clear_object (&source);
      g_set_error (error, CIV_CAMERA_ERROR, CIV_CAMERA_ERROR_PIPELINE,
                   _ ("The camera source “%s” cannot be used: %s. Check the camera setting."),
                   description, parse_error ? parse_error->message : "");
      return NULL;
    }
  pipeline = gst_object_ref_sink (gst_pipeline_new ("civreg-camera"));
  gst_bin_add (GST_BIN (pipeline), source);
  if (!(convert = make ("videoconvert", error)))
    return NULL;
  gst_bin_add (GST_BIN (pipeline), convert);
  if (!(scale = make ("videoscale", error)))
    return NULL;
  gst_bin_add (GST_BIN (pipeline), scale);
  if (!(filter = make ("capsfilter", error)))
    return NULL;
  gst_bin_add (GST_BIN (pipeline), filter);
  if (!(sink = make ("appsink", error)))
    return NULL;
  gst_bin_add (GST_BIN (pipeline), sink);

  caps = gst_caps_new_simple ("video/x-raw", "format", G_TYPE_STRING, "BGRA", "pixel-aspect-ratio",
                              GST_TYPE_FRACTION, 1, 1, NULL);
  gst_caps_set_simple (caps, "width", GST_TYPE_INT_RANGE, 1, CIV_CAMERA_MAX_WIDTH, "height",
                       GST_TYPE_INT_RANGE, 1, CIV_CAMERA_MAX_HEIGHT, NULL);
  g_object_set (filter, "caps", caps, NULL);
  g_object_set (sink, "drop", TRUE, "max-buffers", 1, "sync", FALSE, "enable-last-sample", FALSE,
                NULL);
  gst_app_sink_set_callbacks (GST_APP_SINK (sink), &callbacks, self, NULL);

  if (!gst_element_link_many (source, convert, scale, filter, sink, NULL))
    {
      g_set_error (error, CIV_CAMERA_ERROR, CIV_CAMERA_ERROR_PIPELINE,
                   _ ("The camera source “%s” gives no pictures Civreg can show. Check the "
                      "camera setting."),
                   description);
      return NULL;
    }
  return g_steal_pointer (&pipeline);
}

static void
play (CivCamera *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GstBus) bus = NULL;
  GstElement *pipeline;

  pipeline = build_pipeline (self, &error);
  if (pipeline == NULL)
    {
      fail (self, g_steal_pointer (&error));
      return;
    }
  self->pipeline = pipeline;
  bus = gst_element_get_bus (pipeline);
  self->bus_watch = gst_bus_create_watch (bus);
  g_source_set_callback (self->bus_watch, G_SOURCE_FUNC (on_bus_message), self, NULL);
  g_source_attach (self->bus_watch, self->context);
  if (gst_element_set_state (pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      /* The element posted the reason on the bus: read it now. */
      g_autoptr (GstMessage) message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);

      if (message != NULL)
        on_bus_message (bus, message, self);
      else
        fail (self, g_error_new_literal (CIV_CAMERA_ERROR, CIV_CAMERA_ERROR_NO_CAMERA,
                                         _ ("The camera cannot be started. Check that it is "
                                            "plugged in and try again.")));
    }
}

/* The camera portal (Flatpak) */

static void
portal_clear (CivCamera *self)
{
  g_cancellable_cancel (self->portal_cancellable);
  g_clear_object (&self->portal_cancellable);
  if (self->portal_signal != 0)
    g_dbus_connection_signal_unsubscribe (self->portal_bus, self->portal_signal);
  self->portal_signal = 0;
  g_clear_object (&self->portal_bus);
}

static void
on_remote_opened (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivCamera *self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GUnixFDList) fds = NULL;
  g_autoptr (GVariant) reply = NULL;
  gint32 handle = -1;

  reply = g_dbus_connection_call_with_unix_fd_list_finish (G_DBUS_CONNECTION (source), &fds, result,
                                                           &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (reply != NULL)
    g_variant_get (reply, "(h)", &handle);
  if (reply == NULL || fds == NULL || handle < 0 || handle >= g_unix_fd_list_get_length (fds))
    {
      fail (self, g_error_new (CIV_CAMERA_ERROR, CIV_CAMERA_ERROR_REFUSED,
                               _ ("The camera portal gave no camera (%s). Check the camera "
                                  "permission in the system settings."),
                               error ? error->message : "no remote"));
      return;
    }
  self->pipewire_fd = g_unix_fd_list_get (fds, handle, NULL);
  portal_clear (self);
  play (self);
}

static void
on_access_response (GDBusConnection *bus,
                    const char      *sender,
                    const char      *path,
                    const char      *iface,
                    const char      *signal,
                    GVariant        *parameters,
                    gpointer         user_data)
{
  CivCamera *self = user_data;
  guint32    response = 2;

  g_variant_get (parameters, "(u@a{sv})", &response, NULL);
  g_dbus_connection_signal_unsubscribe (bus, self->portal_signal);
  self->portal_signal = 0;
  if (response != 0)
    {
      fail (self, g_error_new_literal (CIV_CAMERA_ERROR, CIV_CAMERA_ERROR_REFUSED,
                                       _ ("Access to the camera was refused. Allow Civreg to "
                                          "use the camera in the system settings.")));
      return;
    }
  g_dbus_connection_call_with_unix_fd_list (bus, PORTAL_BUS_NAME, PORTAL_OBJECT_PATH,
                                            PORTAL_CAMERA_IFACE, "OpenPipeWireRemote",
                                            g_variant_new ("(a{sv})", NULL), G_VARIANT_TYPE ("(h)"),
                                            G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                            self->portal_cancellable, on_remote_opened, self);
}

static void
on_access_called (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivCamera *self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (reply == NULL)
    fail (self, g_error_new (CIV_CAMERA_ERROR, CIV_CAMERA_ERROR_REFUSED,
                             _ ("The camera portal cannot be reached (%s). Check the camera "
                                "permission in the system settings."),
                             error->message));
}

static void
ask_portal (CivCamera *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *sender = NULL;
  g_autofree char *token = NULL;
  g_autofree char *request = NULL;
  GVariantBuilder  options;

  self->portal_bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (self->portal_bus == NULL)
    {
      fail (self, g_error_new (CIV_CAMERA_ERROR, CIV_CAMERA_ERROR_REFUSED,
                               _ ("The camera portal cannot be reached (%s). Check the camera "
                                  "permission in the system settings."),
                               error->message));
      return;
    }
  self->portal_cancellable = g_cancellable_new ();
  /* The request's object path is known before the call, so the answer
   * cannot come before the subscription. */
  sender = g_strdup (g_dbus_connection_get_unique_name (self->portal_bus) + 1);
  g_strdelimit (sender, ".", '_');
  token = g_strdup_printf ("civreg%u", g_random_int ());
  request = g_strdup_printf (PORTAL_OBJECT_PATH "/request/%s/%s", sender, token);
  self->portal_signal =
    g_dbus_connection_signal_subscribe (self->portal_bus, PORTAL_BUS_NAME, PORTAL_REQUEST_IFACE,
                                        "Response", request, NULL,
                                        G_DBUS_SIGNAL_FLAGS_NO_MATCH_RULE, on_access_response, self,
                                        NULL);
  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_dbus_connection_call (self->portal_bus, PORTAL_BUS_NAME, PORTAL_OBJECT_PATH,
                          PORTAL_CAMERA_IFACE, "AccessCamera", g_variant_new ("(a{sv})", &options),
                          G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, -1,
                          self->portal_cancellable, on_access_called, self);
}

/* Start and stop */

static void
teardown (CivCamera *self)
{
  portal_clear (self);
  if (self->pipeline != NULL)
    {
      /* Joins the streaming threads: no frame arrives after this. */
      gst_element_set_state (self->pipeline, GST_STATE_NULL);
      g_clear_object (&self->pipeline);
    }
  if (self->bus_watch != NULL)
    {
      g_source_destroy (self->bus_watch);
      g_clear_pointer (&self->bus_watch, g_source_unref);
    }
  if (self->pipewire_fd >= 0)
    close (self->pipewire_fd);
  self->pipewire_fd = -1;
  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->pending, civ_frame_unref);
  g_mutex_unlock (&self->lock);
}

void
civ_camera_start (CivCamera *self)
{
  g_autoptr (GError) error = NULL;

  g_return_if_fail (CIV_IS_CAMERA (self));

  if (self->state == CIV_CAMERA_STARTING || self->state == CIV_CAMERA_RUNNING)
    return;
  teardown (self);
  g_clear_error (&self->error);
  g_mutex_lock (&self->lock);
  self->number = 0;
  g_mutex_unlock (&self->lock);
  set_state (self, CIV_CAMERA_STARTING);
  if (!gst_init_check (NULL, NULL, &error))
    {
      fail (self,
            g_error_new (CIV_CAMERA_ERROR, CIV_CAMERA_ERROR_PIPELINE,
                         _ ("GStreamer cannot be used (%s). Reinstall Civreg."), error->message));
      return;
    }
  if (g_str_equal (self->source, "auto") && in_flatpak ())
    ask_portal (self);
  else
    play (self);
}

void
civ_camera_stop (CivCamera *self)
{
  g_return_if_fail (CIV_IS_CAMERA (self));

  teardown (self);
  g_clear_error (&self->error);
  set_state (self, CIV_CAMERA_OFF);
}

/* Public API */

char *
civ_camera_default_source (void)
{
  const char            *env = g_getenv ("CIVREG_CAMERA_PIPELINE");
  GSettingsSchemaSource *schemas;
  g_autoptr (GSettingsSchema) schema = NULL;

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  schemas = g_settings_schema_source_get_default ();
  if (schemas != NULL)
    schema = g_settings_schema_source_lookup (schemas, "org.civreg.Civreg", TRUE);
  if (schema != NULL && g_settings_schema_has_key (schema, "camera-source"))
    {
      g_autoptr (GSettings) settings = g_settings_new_full (schema, NULL, NULL);
      g_autofree char *value = g_settings_get_string (settings, "camera-source");

      if (value != NULL && *g_strstrip (value) != '\0')
        return g_steal_pointer (&value);
    }
  return g_strdup ("auto");
}

CivCamera *
civ_camera_new (const char *source)
{
  g_return_val_if_fail (source != NULL, NULL);
  return g_object_new (CIV_TYPE_CAMERA, "source", source, NULL);
}

const char *
civ_camera_get_source (CivCamera *self)
{
  g_return_val_if_fail (CIV_IS_CAMERA (self), NULL);
  return self->source;
}

CivCameraState
civ_camera_get_state (CivCamera *self)
{
  g_return_val_if_fail (CIV_IS_CAMERA (self), CIV_CAMERA_OFF);
  return self->state;
}

const GError *
civ_camera_get_error (CivCamera *self)
{
  g_return_val_if_fail (CIV_IS_CAMERA (self), NULL);
  return self->state == CIV_CAMERA_FAILED ? self->error : NULL;
}

CivFrame *
civ_camera_dup_latest (CivCamera *self)
{
  g_return_val_if_fail (CIV_IS_CAMERA (self), NULL);
  return self->latest ? civ_frame_ref (self->latest) : NULL;
}

void
civ_camera_get_counters (CivCamera *self, CivCameraCounters *counters)
{
  g_return_if_fail (CIV_IS_CAMERA (self) && counters != NULL);

  g_mutex_lock (&self->lock);
  *counters = self->counters;
  g_mutex_unlock (&self->lock);
}

/* GObject */

static void
civ_camera_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CivCamera *self = CIV_CAMERA (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
civ_camera_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CivCamera *self = CIV_CAMERA (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_free (self->source);
      self->source = g_value_dup_string (value);
      if (self->source == NULL)
        self->source = g_strdup ("auto");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
civ_camera_dispose (GObject *object)
{
  CivCamera *self = CIV_CAMERA (object);

  teardown (self);
  g_clear_pointer (&self->latest, civ_frame_unref);
  G_OBJECT_CLASS (civ_camera_parent_class)->dispose (object);
}

static void
civ_camera_finalize (GObject *object)
{
  CivCamera *self = CIV_CAMERA (object);

  g_clear_error (&self->error);
  g_free (self->source);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (civ_camera_parent_class)->finalize (object);
}

static void
civ_camera_class_init (CivCameraClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = civ_camera_get_property;
  object_class->set_property = civ_camera_set_property;
  object_class->dispose = civ_camera_dispose;
  object_class->finalize = civ_camera_finalize;

  props[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, "auto",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  props[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, CIV_CAMERA_OFF, CIV_CAMERA_FAILED, CIV_CAMERA_OFF,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);

  signals[SIGNAL_FRAME] =
    g_signal_new ("frame", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CIV_TYPE_FRAME | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
civ_camera_init (CivCamera *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->pipewire_fd = -1;
  g_mutex_init (&self->lock);
}
