// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-photo.h — a still from the camera cut to a certificate photo
 *
 * Pure functions: the photo sizes of the certificates (domain.md R-N3,
 * R-B4) as a table, the crop rectangle of that aspect inside a frame
 * (centred, or moved by the registrar and kept inside the frame), and the
 * photo itself: the crop scaled to its print size at CIV_PHOTO_DPI and
 * encoded as PNG, validated into a CivDocumentInput of kind
 * CIV_DOCUMENT_COUPLE_PHOTO.
 */
#pragma once

#include "civ-camera.h"
#include "civ-document-service.h"

G_BEGIN_DECLS

#define CIV_PHOTO_DPI 300

typedef enum
{
  CIV_PHOTO_MARRIAGE_COUPLE, /* the couple's 2-inch photo on the marriage certificate (R-N3) */
  CIV_PHOTO_REISSUE_COUPLE,  /* a reissued marriage certificate: 3 × 2-inch couple photos (R-B4) */
  CIV_PHOTO_DIVORCE_SINGLE,  /* a divorce certificate: 2 × 2-inch single photos (R-B4) */
  CIV_N_PHOTO_KINDS
} CivPhotoKind;

typedef struct
{
  CivPhotoKind kind;
  const char  *rule;     /* domain.md id */
  const char  *label;    /* N_ () words; translate with _ () */
  double       width_mm; /* 2-inch (2寸): 35 × 49 mm */
  double       height_mm;
  guint        copies; /* photos the applicants bring */
} CivPhotoSize;

const CivPhotoSize *civ_photo_size (CivPhotoKind kind);

typedef struct
{
  int x;
  int y;
  int width;
  int height;
} CivCropRect;

/* The photo's size in pixels at CIV_PHOTO_DPI (35 × 49 mm → 413 × 579). */
void civ_photo_print_pixels (const CivPhotoSize *size, int *width, int *height);

/* The largest rectangle of @size's aspect inside a @width × @height frame,
 * centred. */
CivCropRect civ_photo_centred_crop (const CivPhotoSize *size, int width, int height);

/* @crop moved by (@dx, @dy) and kept inside the @width × @height frame. */
CivCropRect civ_photo_move_crop (const CivCropRect *crop, int dx, int dy, int width, int height);

/* The crop of @frame (NULL: centred) scaled to @size's print size, as a
 * validated PNG document named @file_name. NULL with CIV_APP_ERROR_INVALID
 * when @crop is not inside the frame or is empty. */
CivDocumentInput *civ_photo_make_document (const CivFrame     *frame,
                                           const CivCropRect  *crop,
                                           const CivPhotoSize *size,
                                           const char         *file_name,
                                           GError            **error);

G_END_DECLS
