// SPDX-License-Identifier: GPL-3.0-or-later
/* test-camera.c — the camera pipeline with videotestsrc (the same code as a
 * real camera: only the source differs), its one-frame slot, its failures,
 * and the certificate photo cut from a frame */
#include <cairo.h>
#include <glib.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-camera.h"
#include "civ-photo.h"

/* Iterates the main context until @camera has delivered @n frames since it
 * started or has left STARTING/RUNNING. */
static void
wait_frames (CivCamera *camera, guint64 n)
{
  CivCameraCounters start, now;

  civ_camera_get_counters (camera, &start);
  for (;;)
    {
      CivCameraState state = civ_camera_get_state (camera);

      civ_camera_get_counters (camera, &now);
      if (now.delivered - start.delivered >= n || state == CIV_CAMERA_FAILED ||
          state == CIV_CAMERA_OFF)
        return;
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
wait_failed (CivCamera *camera)
{
  while (civ_camera_get_state (camera) == CIV_CAMERA_STARTING ||
         civ_camera_get_state (camera) == CIV_CAMERA_RUNNING)
    g_main_context_iteration (NULL, TRUE);
}

static void
on_frame (CivCamera *camera, CivFrame *frame, gpointer user_data)
{
  GPtrArray *frames = user_data;

  g_ptr_array_add (frames, civ_frame_ref (frame));
}

static const guint8 *
pixel (const CivFrame *frame, int x, int y)
{
  return (const guint8 *) g_bytes_get_data (frame->pixels, NULL) + (gsize) y * frame->stride +
         (gsize) x * 4;
}

static void
test_frames_size_and_format (void)
{
  g_autoptr (CivCamera) camera = civ_camera_new ("test:red");
  g_autoptr (GPtrArray) frames = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_frame_unref);
  g_autoptr (CivFrame) latest = NULL;
  CivFrame *first;

  g_signal_connect (camera, "frame", G_CALLBACK (on_frame), frames);
  g_assert_cmpint (civ_camera_get_state (camera), ==, CIV_CAMERA_OFF);
  civ_camera_start (camera);
  g_assert_cmpint (civ_camera_get_state (camera), ==, CIV_CAMERA_STARTING);
  wait_frames (camera, 3);
  g_assert_null (civ_camera_get_error (camera));
  g_assert_cmpint (civ_camera_get_state (camera), ==, CIV_CAMERA_RUNNING);
  g_assert_cmpuint (frames->len, >=, 3);

  first = g_ptr_array_index (frames, 0);
  g_assert_cmpint (first->width, ==, 1280);
  g_assert_cmpint (first->height, ==, 720);
  g_assert_cmpint (first->format, ==, CIV_PIXEL_FORMAT_BGRA);
  g_assert_cmpuint (first->stride, >=, 1280 * 4);
  g_assert_cmpuint (g_bytes_get_size (first->pixels), >=, first->stride * 719 + 1280 * 4);
  /* Pure red, in B, G, R order, everywhere. */
  for (int i = 0; i < 3; i++)
    {
      const guint8 *p = pixel (first, i * 600, i * 350);

      g_assert_cmpuint (p[0], ==, 0);
      g_assert_cmpuint (p[1], ==, 0);
      g_assert_cmpuint (p[2], ==, 255);
      g_assert_cmpuint (p[3], ==, 255); /* opaque */
    }
  /* Frames are numbered in order; the latest is the last one handed over. */
  for (guint i = 1; i < frames->len; i++)
    g_assert_cmpuint (((CivFrame *) g_ptr_array_index (frames, i))->number, >,
                      ((CivFrame *) g_ptr_array_index (frames, i - 1))->number);
  latest = civ_camera_dup_latest (camera);
  g_assert_true (latest == g_ptr_array_index (frames, frames->len - 1));
  civ_camera_stop (camera);
  g_assert_cmpint (civ_camera_get_state (camera), ==, CIV_CAMERA_OFF);
}

/* An explicit description (env CIVREG_CAMERA_PIPELINE, the setting) goes through the
 * same conversion and scaling: a 1920×1080 source arrives at 1280×720, a
 * small one as it is. */
static void
test_explicit_source_scaled (void)
{
  static const struct
  {
    const char *description;
    int         width, height;
  } cases[] = {
    { "videotestsrc is-live=true ! capsfilter "
      "caps=video/x-raw,width=1920,height=1080,framerate=30/1",
      1280, 720 },
    { "videotestsrc is-live=true ! capsfilter caps=video/x-raw,format=I420,width=320,height=240",
      320, 240 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (CivCamera) camera = civ_camera_new (cases[i].description);
      g_autoptr (CivFrame) frame = NULL;

      civ_camera_start (camera);
      wait_frames (camera, 1);
      frame = civ_camera_dup_latest (camera);
      g_assert_nonnull (frame);
      g_assert_cmpint (frame->width, ==, cases[i].width);
      g_assert_cmpint (frame->height, ==, cases[i].height);
      /* Opaque everywhere, whatever the source's format. */
      for (int y = 0; y < frame->height; y += 7)
        for (int x = 0; x < frame->width; x += 5)
          g_assert_cmpuint (pixel (frame, x, y)[3], ==, 255);
    }
}

/* Runs first, before any thread exists (it changes the environment). */
static void
test_default_source (void)
{
  const char      *description = "videotestsrc is-live=true pattern=ball";
  g_autofree char *from_env = NULL;
  g_autofree char *source = NULL;

  g_setenv ("CIVREG_CAMERA_PIPELINE", description, TRUE);
  from_env = civ_camera_default_source ();
  g_assert_cmpstr (from_env, ==, description);
  g_unsetenv ("CIVREG_CAMERA_PIPELINE");
  source = civ_camera_default_source ();
  /* Without the environment: the setting (default "auto"). */
  g_assert_cmpstr (source, ==, "auto");
}

static void
test_stop_start (void)
{
  g_autoptr (CivCamera) camera = civ_camera_new ("test:ball");
  g_autoptr (CivFrame) frame = NULL;
  CivCameraCounters before, after;

  civ_camera_start (camera);
  wait_frames (camera, 2);
  civ_camera_stop (camera);
  g_assert_cmpint (civ_camera_get_state (camera), ==, CIV_CAMERA_OFF);

  /* Stopped: the streaming thread is gone, nothing more arrives. */
  civ_camera_get_counters (camera, &before);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  civ_camera_get_counters (camera, &after);
  g_assert_cmpuint (after.received, ==, before.received);
  g_assert_cmpuint (after.delivered, ==, before.delivered);

  /* Again: frames come. */
  civ_camera_start (camera);
  g_assert_cmpint (civ_camera_get_state (camera), ==, CIV_CAMERA_STARTING);
  wait_frames (camera, 2);
  g_assert_cmpint (civ_camera_get_state (camera), ==, CIV_CAMERA_RUNNING);
  civ_camera_get_counters (camera, &after);
  g_assert_cmpuint (after.delivered, >=, before.delivered + 2);
  g_assert_cmpuint (after.received, >, before.received);
  frame = civ_camera_dup_latest (camera);
  g_assert_nonnull (frame);
}

/* A main context that does not take frames never makes them queue: each
 * new frame replaces the one waiting, and the next one taken is the newest. */
static void
test_frames_coalesced (void)
{
  g_autoptr (CivCamera) camera = civ_camera_new ("test:smpte");
  g_autoptr (CivFrame) frame = NULL;
  CivCameraCounters counters;

  civ_camera_start (camera);
  wait_frames (camera, 1);
  /* Do not iterate: the camera keeps sending. The streaming thread counts a
   * frame before it makes it the waiting one, one frame after the other:
   * once the 9th is counted, the 8th is waiting (or a later one). */
  do
    {
      g_thread_yield ();
      civ_camera_get_counters (camera, &counters);
    }
  while (counters.received < 9);
  g_assert_cmpuint (counters.delivered, ==, 1);

  wait_frames (camera, 1);
  civ_camera_get_counters (camera, &counters);
  frame = civ_camera_dup_latest (camera);
  /* The frame taken is not the one after the first but a later one; the
   * others were dropped, not queued. */
  g_assert_cmpuint (frame->number, >=, 8);
  g_assert_cmpuint (counters.dropped, >=, 6);
  g_assert_cmpuint (counters.delivered + counters.dropped, <=, counters.received);
}

static void
test_failures (void)
{
  static const struct
  {
    const char    *source;
    CivCameraError code;
  } cases[] = {
    { "no-such-element ! videoconvert", CIV_CAMERA_ERROR_PIPELINE },
    { "videotestsrc ! ! !", CIV_CAMERA_ERROR_PIPELINE },
    { "test:no-such-pattern", CIV_CAMERA_ERROR_PIPELINE },
    /* Only an audio source: nothing to show. */
    { "audiotestsrc", CIV_CAMERA_ERROR_PIPELINE },
    { "v4l2src device=/nonexistent/video0", CIV_CAMERA_ERROR_NO_CAMERA },
    /* Stops after five pictures. */
    { "videotestsrc is-live=true num-buffers=5", CIV_CAMERA_ERROR_STREAM },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (CivCamera) camera = civ_camera_new (cases[i].source);
      const GError *error;

      g_test_message ("source %s", cases[i].source);
      civ_camera_start (camera);
      wait_failed (camera);
      g_assert_cmpint (civ_camera_get_state (camera), ==, CIV_CAMERA_FAILED);
      error = civ_camera_get_error (camera);
      g_assert_error ((GError *) error, CIV_CAMERA_ERROR, (int) cases[i].code);
      g_assert_cmpuint (strlen (error->message), >, 0);

      /* A stop clears the failure. */
      civ_camera_stop (camera);
      g_assert_cmpint (civ_camera_get_state (camera), ==, CIV_CAMERA_OFF);
      g_assert_null (civ_camera_get_error (camera));
    }
}

/* "auto" on a machine without a video device: a clear "no camera". */
static void
test_auto_without_camera (void)
{
  g_autoptr (CivCamera) camera = NULL;

  if (g_file_test ("/dev/video0", G_FILE_TEST_EXISTS) ||
      g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("this machine has a video device");
      return;
    }
  camera = civ_camera_new ("auto");
  civ_camera_start (camera);
  wait_failed (camera);
  g_assert_error ((GError *) civ_camera_get_error (camera), CIV_CAMERA_ERROR,
                  CIV_CAMERA_ERROR_NO_CAMERA);
}

static void
test_frame_checked (void)
{
  g_autoptr (GBytes) small = g_bytes_new_static ("0123456789abcdef", 16);

  /* 2×2 needs 8 + 8 bytes with a stride of 8: fits. */
  g_autoptr (CivFrame) ok = civ_frame_new (2, 2, 8, CIV_PIXEL_FORMAT_RGBA, small, 1);
  g_assert_nonnull (ok);
  g_assert_null (civ_frame_new (2, 3, 8, CIV_PIXEL_FORMAT_RGBA, small, 1));
  g_assert_null (civ_frame_new (4, 2, 8, CIV_PIXEL_FORMAT_RGBA, small, 1));
  g_assert_null (civ_frame_new (0, 2, 8, CIV_PIXEL_FORMAT_RGBA, small, 1));
  g_assert_null (civ_frame_new (2, 2, 8, (CivPixelFormat) 7, small, 1));
}

static void
test_photo_sizes (void)
{
  const CivPhotoSize *marriage = civ_photo_size (CIV_PHOTO_MARRIAGE_COUPLE);
  const CivPhotoSize *reissue = civ_photo_size (CIV_PHOTO_REISSUE_COUPLE);
  const CivPhotoSize *divorce = civ_photo_size (CIV_PHOTO_DIVORCE_SINGLE);
  int                 w, h;

  /* 2寸: 35 × 49 mm. */
  g_assert_cmpfloat (marriage->width_mm, ==, 35.0);
  g_assert_cmpfloat (marriage->height_mm, ==, 49.0);
  g_assert_cmpstr (marriage->rule, ==, "R-N3");
  g_assert_cmpuint (marriage->copies, ==, 1);
  g_assert_cmpstr (reissue->rule, ==, "R-B4");
  g_assert_cmpuint (reissue->copies, ==, 3);
  g_assert_cmpfloat (reissue->height_mm, ==, 49.0);
  g_assert_cmpstr (divorce->rule, ==, "R-B4");
  g_assert_cmpuint (divorce->copies, ==, 2);
  civ_photo_print_pixels (marriage, &w, &h);
  g_assert_cmpint (w, ==, 413); /* 35 / 25.4 × 300 = 413.4 */
  g_assert_cmpint (h, ==, 579); /* 49 / 25.4 × 300 = 578.7 */
}

static void
test_crop_geometry (void)
{
  const CivPhotoSize *size = civ_photo_size (CIV_PHOTO_MARRIAGE_COUPLE);
  CivCropRect         crop, moved;

  /* Landscape frame: full height, 35:49 wide, centred. */
  crop = civ_photo_centred_crop (size, 1280, 720);
  g_assert_cmpint (crop.height, ==, 720);
  g_assert_cmpint (crop.width, ==, 514); /* 720 × 35 / 49 = 514.3 */
  g_assert_cmpint (crop.x, ==, (1280 - 514) / 2);
  g_assert_cmpint (crop.y, ==, 0);
  /* Tall frame: full width. */
  crop = civ_photo_centred_crop (size, 350, 1000);
  g_assert_cmpint (crop.width, ==, 350);
  g_assert_cmpint (crop.height, ==, 490);
  g_assert_cmpint (crop.x, ==, 0);
  g_assert_cmpint (crop.y, ==, 255);
  /* Exactly the aspect: the whole frame. */
  crop = civ_photo_centred_crop (size, 35, 49);
  g_assert_cmpint (crop.width, ==, 35);
  g_assert_cmpint (crop.height, ==, 49);
  crop = civ_photo_centred_crop (size, 0, 49);
  g_assert_cmpint (crop.width, ==, 0);

  /* Moving keeps the size and stays inside. */
  crop = civ_photo_centred_crop (size, 1280, 720);
  moved = civ_photo_move_crop (&crop, -20, 0, 1280, 720);
  g_assert_cmpint (moved.x, ==, crop.x - 20);
  g_assert_cmpint (moved.width, ==, crop.width);
  moved = civ_photo_move_crop (&crop, -5000, 30, 1280, 720);
  g_assert_cmpint (moved.x, ==, 0);
  g_assert_cmpint (moved.y, ==, 0);
  moved = civ_photo_move_crop (&crop, 5000, 0, 1280, 720);
  g_assert_cmpint (moved.x, ==, 1280 - 514);
}

typedef struct
{
  const guint8 *data;
  gsize         len;
} Reader;

static cairo_status_t
read_bytes (void *closure, unsigned char *data, unsigned int length)
{
  Reader *reader = closure;

  if (length > reader->len)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, reader->data, length);
  reader->data += length;
  reader->len -= length;
  return CAIRO_STATUS_SUCCESS;
}

static guint32
png_pixel (GBytes *png, int x, int y)
{
  Reader           reader = { g_bytes_get_data (png, &reader.len), 0 };
  cairo_surface_t *surface;
  guint32          value;

  reader.data = g_bytes_get_data (png, &reader.len);
  surface = cairo_image_surface_create_from_png_stream (read_bytes, &reader);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  value = *(guint32 *) (gpointer) (cairo_image_surface_get_data (surface) +
                                   y * cairo_image_surface_get_stride (surface) + x * 4);
  cairo_surface_destroy (surface);
  return value & 0xffffff;
}

/* A 40×40 RGBA frame: left half blue, right half green. */
static CivFrame *
two_colour_frame (void)
{
  g_autoptr (GBytes) bytes = NULL;
  guint8 *pixels = g_malloc0 (40 * 40 * 4);

  for (int y = 0; y < 40; y++)
    for (int x = 0; x < 40; x++)
      {
        guint8 *p = pixels + (y * 40 + x) * 4;

        p[x < 20 ? 2 : 1] = 255; /* R, G, B order: B left, G right */
      }
  bytes = g_bytes_new_take (pixels, 40 * 40 * 4);
  return civ_frame_new (40, 40, 160, CIV_PIXEL_FORMAT_RGBA, bytes, 1);
}

static void
test_photo_document (void)
{
  const CivPhotoSize *size = civ_photo_size (CIV_PHOTO_MARRIAGE_COUPLE);
  g_autoptr (CivFrame) frame = two_colour_frame ();
  g_autoptr (CivDocumentInput) centred = NULL;
  g_autoptr (CivDocumentInput) left = NULL;
  g_autoptr (GError) error = NULL;
  CivCropRect crop = { 0, 0, 10, 14 };
  CivCropRect outside = { 35, 0, 10, 14 };

  centred = civ_photo_make_document (frame, NULL, size, "couple.png", &error);
  g_assert_no_error (error);
  g_assert_cmpint (centred->kind, ==, CIV_DOCUMENT_COUPLE_PHOTO);
  g_assert_cmpstr (centred->media_type, ==, "image/png");
  g_assert_cmpstr (centred->file_name, ==, "couple.png");
  g_assert_cmpint (centred->width, ==, 413);
  g_assert_cmpint (centred->height, ==, 579);
  g_assert_cmpuint (strlen (centred->sha256), ==, 64);
  /* Centred on the boundary: blue on the left edge, green on the right. */
  g_assert_cmphex (png_pixel (centred->content, 5, 300), ==, 0x0000ff);
  g_assert_cmphex (png_pixel (centred->content, 407, 300), ==, 0x00ff00);

  /* A crop in the left half is all blue. */
  left = civ_photo_make_document (frame, &crop, size, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmphex (png_pixel (left->content, 407, 570), ==, 0x0000ff);

  g_assert_null (civ_photo_make_document (frame, &outside, size, NULL, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
}

/* A still from the running test camera makes a photo too. */
static void
test_photo_from_camera (void)
{
  g_autoptr (CivCamera) camera = civ_camera_new ("test:green");
  g_autoptr (CivFrame) frame = NULL;
  g_autoptr (CivDocumentInput) photo = NULL;
  g_autoptr (GError) error = NULL;

  civ_camera_start (camera);
  wait_frames (camera, 1);
  frame = civ_camera_dup_latest (camera);
  civ_camera_stop (camera);
  photo = civ_photo_make_document (frame, NULL, civ_photo_size (CIV_PHOTO_MARRIAGE_COUPLE),
                                   "photo.png", &error);
  g_assert_no_error (error);
  g_assert_cmphex (png_pixel (photo->content, 200, 300), ==, 0x00ff00);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/camera/default-source", test_default_source);
  g_test_add_func ("/camera/frames", test_frames_size_and_format);
  g_test_add_func ("/camera/explicit-source", test_explicit_source_scaled);
  g_test_add_func ("/camera/stop-start", test_stop_start);
  g_test_add_func ("/camera/coalesced", test_frames_coalesced);
  g_test_add_func ("/camera/failures", test_failures);
  g_test_add_func ("/camera/auto-without-camera", test_auto_without_camera);
  g_test_add_func ("/camera/frame-checked", test_frame_checked);
  g_test_add_func ("/photo/sizes", test_photo_sizes);
  g_test_add_func ("/photo/crop", test_crop_geometry);
  g_test_add_func ("/photo/document", test_photo_document);
  g_test_add_func ("/photo/from-camera", test_photo_from_camera);
  return g_test_run ();
}
