// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-camera.h — the counter's camera through GStreamer (architecture.md §5)
 *
 * A CivCamera runs one pipeline:
 *
 *   SOURCE ! videoconvert ! videoscale
 *          ! video/x-raw,format=BGRA,width<=1280,height<=720,pixel-aspect-ratio=1/1
 *          ! appsink (drop=true, max-buffers=1)
 *
 * BGRA rather than BGRx: GTK 4.8 has no memory format without alpha, and
 * videoconvert leaves the padding byte of BGRx undefined for some sources,
 * while it fills the alpha of a camera's pictures (which have none) with 255.
 * A frame is drawn and cropped as opaque.
 *
 * SOURCE comes from a source description:
 *  - "auto": v4l2src on the first video capture device /dev/video*, or in a
 *    Flatpak (/.flatpak-info exists) pipewiresrc on the remote the camera
 *    portal (org.freedesktop.portal.Camera: AccessCamera, then
 *    OpenPipeWireRemote) hands over;
 *  - "test" or "test:PATTERN": a live videotestsrc at 1280×720, 30 frames/s,
 *    PATTERN one of videotestsrc's pattern names ("smpte", "ball" …);
 *  - anything else: a gst-launch description of the source part (env
 *    CIVREG_CAMERA_PIPELINE, or the GSettings key camera-source), e.g.
 *    "v4l2src device=/dev/video2 ! image/jpeg ! jpegdec".
 *
 * The appsink's callback runs on GStreamer's streaming thread: it wraps the
 * buffer (no copy) in a CivFrame and leaves it in a one-frame slot; the
 * main context (the thread-default context of the thread that made the
 * camera) is woken once to take it. A frame that arrives before the slot was
 * taken replaces it and counts as dropped: frames are never queued, so a
 * busy window never falls behind the camera. Bus messages are handled on the
 * main context too.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CIV_CAMERA_MAX_WIDTH 1280
#define CIV_CAMERA_MAX_HEIGHT 720

typedef enum
{
  CIV_PIXEL_FORMAT_BGRA, /* bytes B, G, R, A: cairo's ARGB32 on little-endian */
  CIV_PIXEL_FORMAT_RGBA, /* bytes R, G, B, A */
} CivPixelFormat;

/* One picture, immutable and reference counted; any thread may hold it. */
typedef struct
{
  int            width;
  int            height;
  gsize          stride; /* bytes from one row to the next */
  CivPixelFormat format;
  GBytes        *pixels; /* at least stride × (height - 1) + 4 × width bytes */
  guint64        number; /* 1 for the first frame since the camera started */
} CivFrame;

#define CIV_TYPE_FRAME (civ_frame_get_type ())
GType civ_frame_get_type (void) G_GNUC_CONST;

/* NULL when the sizes do not fit @pixels (a frame from outside is checked). */
CivFrame *civ_frame_new (
  int width, int height, gsize stride, CivPixelFormat format, GBytes *pixels, guint64 number);
CivFrame *civ_frame_ref (CivFrame *frame);
void      civ_frame_unref (CivFrame *frame);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivFrame, civ_frame_unref)

typedef enum
{
  CIV_CAMERA_OFF,
  CIV_CAMERA_STARTING, /* the pipeline (or the portal) is being asked */
  CIV_CAMERA_RUNNING,  /* frames arrive */
  CIV_CAMERA_FAILED,   /* see civ_camera_get_error () */
} CivCameraState;

#define CIV_CAMERA_ERROR (civ_camera_error_quark ())

typedef enum
{
  CIV_CAMERA_ERROR_NO_CAMERA, /* no capture device, or it cannot be opened */
  CIV_CAMERA_ERROR_BUSY,      /* another program uses the camera */
  CIV_CAMERA_ERROR_REFUSED,   /* the camera portal refused access */
  CIV_CAMERA_ERROR_PIPELINE,  /* the source description does not build */
  CIV_CAMERA_ERROR_STREAM,    /* the camera stopped sending pictures */
} CivCameraError;

GQuark civ_camera_error_quark (void);

typedef struct
{
  guint64 received;  /* frames the pipeline gave */
  guint64 delivered; /* frames handed to the main context ("frame") */
  guint64 dropped;   /* frames replaced before the main context took them */
} CivCameraCounters;

#define CIV_TYPE_CAMERA (civ_camera_get_type ())
G_DECLARE_FINAL_TYPE (CivCamera, civ_camera, CIV, CAMERA, GObject)

/* The source to use: env CIVREG_CAMERA_PIPELINE, else the GSettings key
 * camera-source of org.civreg.Civreg (when the schema is installed), else
 * "auto". */
char *civ_camera_default_source (void);

/* A camera for @source (see above), not started. */
CivCamera *civ_camera_new (const char *source);

const char *civ_camera_get_source (CivCamera *self);

/* Builds and plays the pipeline (asking the portal first in a Flatpak);
 * the state goes to STARTING, then RUNNING at the first frame or FAILED.
 * Does nothing while starting or running. */
void civ_camera_start (CivCamera *self);
/* Stops the pipeline (waiting for its threads) and drops the frame not yet
 * taken; the state goes to OFF. The latest frame stays. */
void civ_camera_stop (CivCamera *self);

CivCameraState civ_camera_get_state (CivCamera *self);
/* While FAILED: what went wrong (CIV_CAMERA_ERROR), its message for the
 * counter; NULL otherwise. */
const GError  *civ_camera_get_error (CivCamera *self);

/* The frame most recently handed to the main context (a still is taken
 * from it), or NULL. */
CivFrame *civ_camera_dup_latest (CivCamera *self);

void civ_camera_get_counters (CivCamera *self, CivCameraCounters *counters);

/* Signals (on the main context):
 *   "frame" (CivFrame *frame): a new picture; the handler refs it to keep it.
 * Properties: "source" (construct-only), "state" (notify on change). */

G_END_DECLS
