// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-camera-dialog.h — the couple's photo taken at the counter
 *
 * A window with the camera's live picture (CivCamera; each frame becomes a
 * GdkMemoryTexture on the main thread, the only work done there per frame)
 * and the certificate photo's frame drawn over it (35:49 for a 2-inch
 * photo, civ-photo.h), which the arrow keys move (Shift: in larger steps).
 * Space or Enter takes the photo, Backspace goes back to the live picture,
 * Enter (or "Use Photo") then crops and encodes it off the main thread and
 * emits "photo-taken" with the validated document; the window then closes.
 * Without a camera, or when it fails, a status page says why, with "Try
 * Again". Escape closes. The camera stops when the window closes.
 */
#pragma once

#include <adwaita.h>

#include "civ-camera.h"
#include "civ-photo.h"

G_BEGIN_DECLS

#define CIV_TYPE_CAMERA_DIALOG (civ_camera_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CivCameraDialog, civ_camera_dialog, CIV, CAMERA_DIALOG, AdwWindow)

/* A modal window over @parent for a photo of @kind from the camera
 * civ_camera_default_source () names; the camera starts when it is shown.
 * Signal "photo-taken" (gpointer input): a const CivDocumentInput * of kind
 * CIV_DOCUMENT_COUPLE_PHOTO, valid during the emission (copy it). */
CivCameraDialog *civ_camera_dialog_new (GtkWindow *parent, CivPhotoKind kind);

CivCamera *civ_camera_dialog_get_camera (CivCameraDialog *self);

G_END_DECLS
