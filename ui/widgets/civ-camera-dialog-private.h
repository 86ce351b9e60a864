// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-camera-dialog-private.h — what the UI tests and the benchmark reach */
#pragma once

#include "civ-camera-dialog.h"

G_BEGIN_DECLS

/* A dialog on the camera @source instead of the configured one. */
CivCameraDialog *_civ_camera_dialog_new_for_source (GtkWindow   *parent,
                                                    CivPhotoKind kind,
                                                    const char  *source);
/* The page shown: "starting", "live" or "failed". */
const char      *_civ_camera_dialog_get_page (CivCameraDialog *self);
/* Textures put on the live view since the dialog opened. */
guint64          _civ_camera_dialog_get_n_shown (CivCameraDialog *self);
/* TRUE while a photo taken is shown instead of the live picture. */
gboolean         _civ_camera_dialog_is_frozen (CivCameraDialog *self);
/* The crop frame, in the frame's pixels. */
CivCropRect      _civ_camera_dialog_get_crop (CivCameraDialog *self);
/* TRUE while the photo is being made after "Use Photo". */
gboolean         _civ_camera_dialog_is_busy (CivCameraDialog *self);

G_END_DECLS
