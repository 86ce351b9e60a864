// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-scanner.h — document scanners through SANE (architecture.md §5)
 *
 * SANE is not thread-safe across threads: every SANE call (sane_init,
 * sane_get_devices, sane_open, sane_control_option, sane_start,
 * sane_get_parameters, sane_read, sane_cancel, sane_close, sane_exit) runs
 * on one thread of the scanner's own, which takes its jobs from a queue in
 * order. Results and progress come back to the thread-default main context
 * of the caller of each _async () function. One CivScanner lives in a
 * process at a time (civ_scanner_dup_default ()).
 *
 * Every answer of a device is checked: the frame format and depth (1, 8 or
 * 16 bits), the line sizes against the pixels per line, a page no larger
 * than CIV_SCAN_MAX_SIDE pixels a side and CIV_SCAN_MAX_PAGE_BYTES bytes; a
 * page that ends early, a device error or a cancellation keeps nothing of
 * the scan.
 *
 * Scanned pages become documents (CivDocumentInput, validated by
 * civ_document_input_new ()) as one PDF drawn with cairo (one page per
 * scanned page, its size from the resolution) or as one PNG per page.
 * No GTK here: the CLI and tests use it as the dialog does.
 */
#pragma once

#include <gio/gio.h>

#include "civ-document-service.h"

G_BEGIN_DECLS

#define CIV_SCANNER_ERROR (civ_scanner_error_quark ())
typedef enum
{
  CIV_SCANNER_ERROR_NO_DEVICE, /* no such scanner, or it cannot be opened */
  CIV_SCANNER_ERROR_DEVICE,    /* the device reported an error (jammed, busy, I/O…) */
  CIV_SCANNER_ERROR_ANSWER,    /* the device's answer makes no sense (parameters, a short page) */
  CIV_SCANNER_ERROR_TOO_LARGE, /* a page or the saved document is too large */
  CIV_SCANNER_ERROR_NO_PAGES,  /* the feeder was empty: nothing was scanned */
} CivScannerError;
GQuark civ_scanner_error_quark (void);

/* Largest page side in pixels and raw page size in bytes (a 600 dpi A3
 * colour page is about 7000 × 9900 pixels, 208 MB at 8 bits). */
#define CIV_SCAN_MAX_SIDE CIV_DOCUMENT_MAX_SIDE
#define CIV_SCAN_MAX_PAGE_BYTES ((gsize) 256 * 1024 * 1024)
/* Most pages taken from a feeder in one scan. */
#define CIV_SCAN_MAX_PAGES 100

typedef struct
{
  char *name; /* "test:0", "genesys:libusb:001:004" */
  char *vendor;
  char *model;
  char *type; /* "flatbed scanner", "virtual device" */
} CivScanDevice;

void           civ_scan_device_free (CivScanDevice *device);
CivScanDevice *civ_scan_device_copy (const CivScanDevice *device);
/* "Vendor Model", or the name when the device says nothing better. */
char          *civ_scan_device_get_label (const CivScanDevice *device);

typedef enum
{
  CIV_SCAN_MODE_COLOR,
  CIV_SCAN_MODE_GRAY,
  CIV_SCAN_MODE_LINEART,
  CIV_N_SCAN_MODES
} CivScanMode;

const char *civ_scan_mode_label (CivScanMode mode);

/* What an opened device offers. */
typedef struct
{
  char    *device;      /* its name */
  GArray  *resolutions; /* int dpi, ascending: the device's list, or picked from its range */
  int      resolution;  /* its current resolution */
  gboolean modes[CIV_N_SCAN_MODES]; /* offered (always at least one) */
  GStrv    sources;        /* the device's own source names, or NULL when it has no choice */
  int      feeder_source;  /* index in sources of the document feeder, or -1 */
  int      flatbed_source; /* index in sources of the first that is not a feeder, or -1 */
} CivScanOptions;

void     civ_scan_options_free (CivScanOptions *options);
/* TRUE when @dpi is one of the options' resolutions. */
gboolean civ_scan_options_has_resolution (const CivScanOptions *options, int dpi);

/* What to scan. */
typedef struct
{
  char       *device;
  int         resolution; /* dpi; 0 keeps the device's */
  CivScanMode mode;
  char       *source;  /* one of CivScanOptions.sources, or NULL for the device's */
  guint       n_pages; /* 1 or more; 0 = until the feeder is empty (CIV_SCAN_MAX_PAGES) */
  GStrv       extra;   /* "option=value" set after the others (support and tests), or NULL */
} CivScanSettings;

CivScanSettings *civ_scan_settings_new (const char *device);
void             civ_scan_settings_free (CivScanSettings *settings);

/* One scanned page: 8-bit grey (stride ≥ width) or 8-bit RGB (3 bytes a
 * pixel), whatever depth and frames the device sent. */
typedef struct
{
  int     width;
  int     height;
  int     channels; /* 1 or 3 */
  int     stride;
  double  resolution; /* dpi */
  GBytes *pixels;
} CivScanPage;

void civ_scan_page_free (CivScanPage *page);

/* Progress of a scan, on the caller's context: page @page (0-based) of
 * @n_pages (0 while the feeder decides), @fraction of that page read. */
typedef void (*CivScanProgress) (guint page, guint n_pages, double fraction, gpointer user_data);

#define CIV_TYPE_SCANNER (civ_scanner_get_type ())
G_DECLARE_FINAL_TYPE (CivScanner, civ_scanner, CIV, SCANNER, GObject)

/* The process's scanner (made on first use). */
CivScanner *civ_scanner_dup_default (void);

/* The devices SANE finds (network ones too), as CivScanDevice. */
void       civ_scanner_list_devices_async (CivScanner         *self,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
GPtrArray *civ_scanner_list_devices_finish (CivScanner *self, GAsyncResult *result, GError **error);

/* Opens @device (closing the one open before) and reads its options. */
void            civ_scanner_open_async (CivScanner         *self,
                                        const char         *device,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
CivScanOptions *civ_scanner_open_finish (CivScanner *self, GAsyncResult *result, GError **error);

/* Scans as @settings say, calling @progress (may be NULL) with
 * @progress_data as pages are read, never after @cancellable is cancelled
 * (so @progress_data may go away once it is). Returns the pages (CivScanPage) scanned; cancelling, a device error
 * or a bad answer returns an error and no page. A feeder that runs out
 * after at least one page ends the scan (fewer pages than asked). */
void       civ_scanner_scan_async (CivScanner            *self,
                                   const CivScanSettings *settings,
                                   CivScanProgress        progress,
                                   gpointer               progress_data,
                                   GCancellable          *cancellable,
                                   GAsyncReadyCallback    callback,
                                   gpointer               user_data);
GPtrArray *civ_scanner_scan_finish (CivScanner *self, GAsyncResult *result, GError **error);

/* How scanned pages are saved. */
typedef enum
{
  CIV_SCAN_SAVE_PDF, /* one PDF, one page per scanned page */
  CIV_SCAN_SAVE_PNG, /* one PNG image per page */
} CivScanSave;

/* The pages as one PDF (cairo), each page's size in points from its
 * resolution, the picture embedded. */
GBytes *civ_scan_pages_to_pdf (GPtrArray *pages, GError **error);
/* One page as a PNG image. */
GBytes *civ_scan_page_to_png (const CivScanPage *page, GError **error);

/* The pages as documents of @kind (CivDocumentInput): one PDF named
 * "@base_name.pdf", or PNGs "@base_name-1.png"… A document larger than
 * CIV_DOCUMENT_MAX_BYTES is refused (CIV_SCANNER_ERROR_TOO_LARGE) with a
 * message suggesting a lower resolution or grey. */
GPtrArray *civ_scan_pages_to_documents (
  GPtrArray *pages, CivScanSave save, CivDocumentKind kind, const char *base_name, GError **error);
/* The same in a thread of its own. */
void       civ_scan_pages_to_documents_async (GPtrArray          *pages,
                                              CivScanSave         save,
                                              CivDocumentKind     kind,
                                              const char         *base_name,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
GPtrArray *civ_scan_pages_to_documents_finish (GAsyncResult *result, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivScanDevice, civ_scan_device_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivScanOptions, civ_scan_options_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivScanSettings, civ_scan_settings_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivScanPage, civ_scan_page_free)

G_END_DECLS
