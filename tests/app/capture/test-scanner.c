// SPDX-License-Identifier: GPL-3.0-or-later
/* test-scanner.c — the scanner against SANE's `test` backend, a real SANE
 * device configured by this test alone: SANE_CONFIG_DIR names a folder
 * whose dll.conf lists only `test` (without a trailing ':' SANE reads no
 * other folder, so no real scanner and no network backend is ever asked).
 *
 * Devices listed, options read, one grey page at 75 dpi, three colour pages
 * from the feeder into one PDF (pdfinfo counts them), the feeder emptied,
 * three-pass, 16-bit, 1-bit and hand-scanner frames, a cancel in the middle
 * of a page keeps nothing, device errors and a page cut short give clear
 * errors, impossible parameters and a too large document are refused. */
#include <glib/gstdio.h>
#include <gmodule.h>
#include <string.h>

#include "civ-scanner-private.h"
#include "civ-test-utils.h"

static char *sane_dir;

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} Wait;

static void
on_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Wait *wait = data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

static GAsyncResult *
wait_result (Wait *wait)
{
  g_main_loop_run (wait->loop);
  g_main_loop_unref (wait->loop);
  return wait->result;
}

static GPtrArray *
list_devices (CivScanner *scanner, GError **error)
{
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL };
  g_autoptr (GAsyncResult) result = NULL;

  civ_scanner_list_devices_async (scanner, NULL, on_done_cb, &wait);
  result = wait_result (&wait);
  return civ_scanner_list_devices_finish (scanner, result, error);
}

static CivScanOptions *
open_device (CivScanner *scanner, const char *name, GError **error)
{
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL };
  g_autoptr (GAsyncResult) result = NULL;

  civ_scanner_open_async (scanner, name, NULL, on_done_cb, &wait);
  result = wait_result (&wait);
  return civ_scanner_open_finish (scanner, result, error);
}

typedef struct
{
  guint  calls;
  guint  last_page;
  guint  n_pages;
  double last_fraction;
  guint  pages_done; /* progress reports of 1.0 */
} Progress;

static void
on_progress (guint page, guint n_pages, double fraction, gpointer data)
{
  Progress *progress = data;

  g_assert_cmpfloat (fraction, >=, 0);
  g_assert_cmpfloat (fraction, <=, 1);
  progress->calls++;
  progress->last_page = page;
  progress->n_pages = n_pages;
  progress->last_fraction = fraction;
  if (fraction == 1)
    progress->pages_done++;
}

/* Opens the device afresh (its options back to test.conf's), then scans. */
static GPtrArray *
scan (CivScanner            *scanner,
      const CivScanSettings *settings,
      Progress              *progress,
      GCancellable          *cancellable,
      GError               **error)
{
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL };
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (CivScanOptions) options = open_device (scanner, settings->device, NULL);

  g_assert_nonnull (options);
  civ_scanner_scan_async (scanner, settings, progress ? on_progress : NULL, progress, cancellable,
                          on_done_cb, &wait);
  result = wait_result (&wait);
  return civ_scanner_scan_finish (scanner, result, error);
}

static CivScanSettings *
settings_for (const char *device, int dpi, CivScanMode mode, const char *extra, ...)
{
  CivScanSettings *settings = civ_scan_settings_new (device);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  va_list args;

  settings->resolution = dpi;
  settings->mode = mode;
  va_start (args, extra);
  for (const char *e = extra; e; e = va_arg (args, const char *))
    g_strv_builder_add (builder, e);
  va_end (args);
  settings->extra = g_strv_builder_end (builder);
  return settings;
}

/* The feeder's name among the device's sources. */
static char *
feeder_of (CivScanner *scanner, const char *device)
{
  g_autoptr (CivScanOptions) options = open_device (scanner, device, NULL);

  g_assert_nonnull (options);
  g_assert_cmpint (options->feeder_source, >=, 0);
  return g_strdup (options->sources[options->feeder_source]);
}

static void
test_list (void)
{
  g_autoptr (CivScanner) scanner = civ_scanner_dup_default ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) devices = list_devices (scanner, &error);
  g_autofree char *label = NULL;

  g_assert_no_error (error);
  /* Only the test backend's two devices: nothing from /etc/sane.d. */
  g_assert_cmpuint (devices->len, ==, 2);
  g_assert_cmpstr (((CivScanDevice *) devices->pdata[0])->name, ==, "test:0");
  g_assert_cmpstr (((CivScanDevice *) devices->pdata[1])->name, ==, "test:1");
  label = civ_scan_device_get_label (devices->pdata[0]);
  g_assert_cmpstr (label, !=, "");
}

static void
test_options (void)
{
  g_autoptr (CivScanner) scanner = civ_scanner_dup_default ();
  g_autoptr (GError) error = NULL;
  g_autoptr (CivScanOptions) options = open_device (scanner, "test:1", &error);
  g_autoptr (CivScanOptions) missing = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (options->device, ==, "test:1");
  /* The backend's range 1–1200 dpi in steps of 1: the usual values. */
  g_assert_true (civ_scan_options_has_resolution (options, 75));
  g_assert_true (civ_scan_options_has_resolution (options, 300));
  g_assert_true (civ_scan_options_has_resolution (options, 1200));
  g_assert_false (civ_scan_options_has_resolution (options, 2400));
  for (guint i = 1; i < options->resolutions->len; i++)
    g_assert_cmpint (g_array_index (options->resolutions, int, i - 1), <,
                     g_array_index (options->resolutions, int, i));
  g_assert_cmpint (options->resolution, ==, 50); /* test.conf's */
  g_assert_true (options->modes[CIV_SCAN_MODE_GRAY]);
  g_assert_true (options->modes[CIV_SCAN_MODE_COLOR]);
  g_assert_nonnull (options->sources);
  g_assert_cmpuint (g_strv_length (options->sources), >=, 2);
  g_assert_cmpint (options->feeder_source, >=, 0);
  g_assert_nonnull (strstr (options->sources[options->feeder_source], "Feeder"));
  g_assert_cmpint (options->flatbed_source, >=, 0);
  g_assert_cmpstr (options->sources[options->flatbed_source], ==, "Flatbed");

  missing = open_device (scanner, "test:7", &error);
  g_assert_null (missing);
  g_assert_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_NO_DEVICE);
}

static void
test_one_gray_page (void)
{
  g_autoptr (CivScanner) scanner = civ_scanner_dup_default ();
  g_autoptr (CivScanSettings) settings = settings_for ("test:0", 75, CIV_SCAN_MODE_GRAY, NULL);
  g_autoptr (GError) error = NULL;
  Progress progress = { 0 };
  g_autoptr (GPtrArray) pages = scan (scanner, settings, &progress, NULL, &error);
  g_autoptr (GPtrArray) documents = NULL;
  CivScanPage      *page;
  CivDocumentInput *input;

  g_assert_no_error (error);
  g_assert_cmpuint (pages->len, ==, 1);
  page = pages->pdata[0];
  /* 80 × 100 mm at 75 dpi. */
  g_assert_cmpint (ABS (page->width - 236), <=, 1);
  g_assert_cmpint (ABS (page->height - 295), <=, 1);
  g_assert_cmpint (page->channels, ==, 1);
  g_assert_cmpfloat (page->resolution, ==, 75);
  g_assert_cmpuint (g_bytes_get_size (page->pixels), ==, (gsize) page->stride * page->height);
  g_assert_cmpuint (progress.pages_done, ==, 1);
  g_assert_cmpuint (progress.n_pages, ==, 1);
  g_assert_cmpfloat (progress.last_fraction, ==, 1);

  documents = civ_scan_pages_to_documents (pages, CIV_SCAN_SAVE_PNG, CIV_DOCUMENT_IDENTITY_COPY,
                                           "身份证", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 1);
  input = documents->pdata[0];
  g_assert_cmpstr (input->media_type, ==, "image/png");
  g_assert_cmpstr (input->file_name, ==, "身份证.png");
  g_assert_cmpint (input->kind, ==, CIV_DOCUMENT_IDENTITY_COPY);
  g_assert_cmpint (input->width, ==, page->width);
  g_assert_cmpint (input->height, ==, page->height);
}

static char *
pdfinfo (const char *path)
{
  const char      *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static void
test_feeder_pdf (void)
{
  g_autoptr (CivScanner) scanner = civ_scanner_dup_default ();
  g_autoptr (CivScanSettings) settings =
    settings_for ("test:0", 100, CIV_SCAN_MODE_COLOR, "test-picture=Color pattern", NULL);
  g_autoptr (GError) error = NULL;
  Progress progress = { 0 };
  g_autoptr (GPtrArray) pages = NULL;
  g_autoptr (GPtrArray) documents = NULL;
  g_autofree char  *dir = civ_test_mkdtemp ();
  g_autofree char  *path = g_build_filename (dir, "judgment.pdf", NULL);
  g_autofree char  *info = NULL;
  CivDocumentInput *input;

  settings->source = feeder_of (scanner, "test:0");
  settings->n_pages = 3;
  pages = scan (scanner, settings, &progress, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pages->len, ==, 3);
  for (guint i = 0; i < pages->len; i++)
    g_assert_cmpint (((CivScanPage *) pages->pdata[i])->channels, ==, 3);
  g_assert_cmpuint (progress.pages_done, ==, 3);
  g_assert_cmpuint (progress.last_page, ==, 2);
  g_assert_cmpuint (progress.n_pages, ==, 3);

  documents = civ_scan_pages_to_documents (pages, CIV_SCAN_SAVE_PDF, CIV_DOCUMENT_COURT_JUDGMENT,
                                           "判决书", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 1);
  input = documents->pdata[0];
  g_assert_cmpstr (input->media_type, ==, "application/pdf");
  g_assert_cmpstr (input->file_name, ==, "判决书.pdf");
  g_assert_cmpint (input->kind, ==, CIV_DOCUMENT_COURT_JUDGMENT);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (input->content, NULL),
                                      g_bytes_get_size (input->content), NULL));
  info = pdfinfo (path);
  g_assert_nonnull (strstr (info, "\nPages:           3\n"));
  /* 80 × 100 mm pages: their pixels at 100 dpi in points (about 226.8 × 283.5). */
  {
    CivScanPage     *first = pages->pdata[0];
    g_autofree char *size = g_strdup_printf ("Page size:       %.2f x %.2f pts",
                                             first->width * 0.72, first->height * 0.72);

    g_assert_cmpint (ABS (first->width - 315), <=, 1);
    g_assert_nonnull (strstr (info, size));
  }
  g_remove (path);
  civ_test_rmdir (dir);

  /* The same pages as three PNG images. */
  g_clear_pointer (&documents, g_ptr_array_unref);
  documents =
    civ_scan_pages_to_documents (pages, CIV_SCAN_SAVE_PNG, CIV_DOCUMENT_OTHER, "scan", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 3);
  g_assert_cmpstr (((CivDocumentInput *) documents->pdata[2])->file_name, ==, "scan-3.png");
}

static void
test_feeder_until_empty (void)
{
  g_autoptr (CivScanner) scanner = civ_scanner_dup_default ();
  g_autoptr (CivScanSettings) settings = settings_for ("test:1", 50, CIV_SCAN_MODE_GRAY, NULL);
  g_autoptr (GError) error = NULL;
  Progress progress = { 0 };
  g_autoptr (GPtrArray) pages = NULL;

  settings->source = feeder_of (scanner, "test:1");
  settings->n_pages = 0;
  pages = scan (scanner, settings, &progress, NULL, &error);
  g_assert_no_error (error);
  /* The test backend's feeder holds ten sheets. */
  g_assert_cmpuint (pages->len, ==, 10);
  g_assert_cmpuint (progress.pages_done, ==, 10);
  g_assert_cmpuint (progress.n_pages, ==, 0);
}

/* Each case on a scanner of its own: SANE starts again, so the test
 * backend's options are test.conf's again (they outlive sane_close ()). */
static void
test_frames (void)
{
  struct
  {
    CivScanMode mode;
    const char *extra[3];
    int         channels;
  } cases[] = {
    { CIV_SCAN_MODE_COLOR, { "three-pass=true", "test-picture=Color pattern", NULL }, 3 },
    { CIV_SCAN_MODE_GRAY, { "depth=16", "test-picture=Grid", NULL }, 1 },
    { CIV_SCAN_MODE_COLOR, { "depth=16", "test-picture=Color pattern", NULL }, 3 },
    { CIV_SCAN_MODE_GRAY, { "depth=1", "test-picture=Grid", NULL }, 1 },
    { CIV_SCAN_MODE_GRAY, { "hand-scanner=true", NULL }, 1 },
    /* A device without a descriptor to wait on. */
    { CIV_SCAN_MODE_GRAY, { "select-fd=false", "test-picture=Grid", NULL }, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (CivScanner) scanner = civ_scanner_dup_default ();
      g_autoptr (CivScanSettings) settings = settings_for ("test:0", 75, cases[i].mode, NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) pages = NULL;
      CivScanPage  *page;
      const guint8 *pixels;
      gboolean      dark = FALSE, light = FALSE;

      g_strfreev (settings->extra);
      settings->extra = g_strdupv ((char **) cases[i].extra);
      pages = scan (scanner, settings, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (pages->len, ==, 1);
      page = pages->pdata[0];
      g_assert_cmpint (page->channels, ==, cases[i].channels);
      /* The hand scanner has a width of its own and sends lines until it stops. */
      if (i != 4)
        g_assert_cmpint (ABS (page->width - 236), <=, 1);
      g_assert_cmpint (page->height, >, 0);
      pixels = g_bytes_get_data (page->pixels, NULL);
      for (gsize k = 0; k < (gsize) page->stride * page->height; k++)
        {
          dark |= pixels[k] < 64;
          light |= pixels[k] > 192;
        }
      /* Patterns and grids have both; the hand scanner's default picture is black. */
      g_assert_true (dark);
      if (i != 4)
        g_assert_true (light);
    }
}

typedef struct
{
  GCancellable *cancellable;
  guint         page;
  gsize         at; /* bytes of the page read when cancelled */
} CancelAt;

static void
cancel_hook (CivScanner *scanner, guint page, gsize bytes, gpointer data)
{
  CancelAt *cancel = data;

  if (page == cancel->page && cancel->at == 0)
    {
      cancel->at = bytes;
      g_cancellable_cancel (cancel->cancellable);
    }
}

static void
test_cancel (void)
{
  g_autoptr (CivScanner) scanner = civ_scanner_dup_default ();
  g_autoptr (CivScanSettings) settings =
    settings_for ("test:0", 150, CIV_SCAN_MODE_GRAY, "read-limit=true", "read-limit-size=2000",
                  NULL);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  CancelAt cancel = { cancellable, 1, 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) pages = NULL;
  g_autoptr (CivScanSettings) again = settings_for ("test:0", 75, CIV_SCAN_MODE_GRAY, NULL);
  Progress progress = { 0 };

  settings->source = feeder_of (scanner, "test:0");
  settings->n_pages = 3;
  _civ_scanner_set_read_hook (scanner, cancel_hook, &cancel);
  pages = scan (scanner, settings, &progress, cancellable, &error);
  _civ_scanner_set_read_hook (scanner, NULL, NULL);
  /* Cancelled in the middle of the second page: no page at all. */
  g_assert_null (pages);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (cancel.at, >, 0);
  g_assert_cmpuint (cancel.at, <, 472 * 590);
  /* No progress after the cancel reached the caller. */
  g_assert_cmpuint (progress.pages_done, <=, 1);

  /* The device scans again afterwards. */
  g_clear_error (&error);
  pages = scan (scanner, again, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pages->len, ==, 1);
}

static void
test_faults (void)
{
  struct
  {
    const char *extra;
    int         code;
  } cases[] = {
    { "read-return-value=SANE_STATUS_IO_ERROR", CIV_SCANNER_ERROR_DEVICE },
    { "read-return-value=SANE_STATUS_JAMMED", CIV_SCANNER_ERROR_DEVICE },
    { "read-return-value=SANE_STATUS_COVER_OPEN", CIV_SCANNER_ERROR_DEVICE },
    { "read-return-value=SANE_STATUS_NO_MEM", CIV_SCANNER_ERROR_DEVICE },
    /* The page ends before the bytes announced: cut short. */
    { "read-return-value=SANE_STATUS_EOF", CIV_SCANNER_ERROR_ANSWER },
    { "no-such-option=1", CIV_SCANNER_ERROR_DEVICE },
    { "resolution=the best", CIV_SCANNER_ERROR_DEVICE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (CivScanner) scanner = civ_scanner_dup_default ();
      /* 150 dpi: a page of 278 kB, more than the backend's pipe holds, so
       * its reader thread is still writing when the scan stops (the scanner
       * reads only once the first data is there: select-fd). */
      g_autoptr (CivScanSettings) settings =
        settings_for ("test:1", 150, CIV_SCAN_MODE_GRAY, "enable-test-options=true", cases[i].extra,
                      NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) pages = scan (scanner, settings, NULL, NULL, &error);

      g_test_message ("%s: %s", cases[i].extra, error ? error->message : "(no error)");
      g_assert_null (pages);
      g_assert_error (error, CIV_SCANNER_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, !=, "");
    }

  /* An empty feeder: the test backend's ten sheets used up by one scan. */
  {
    g_autoptr (CivScanner) scanner = civ_scanner_dup_default ();
    g_autoptr (CivScanSettings) settings = settings_for ("test:1", 50, CIV_SCAN_MODE_GRAY, NULL);
    g_autoptr (GError) error = NULL;
    g_autoptr (GPtrArray) pages = NULL;

    settings->source = feeder_of (scanner, "test:1");
    settings->n_pages = 11;
    pages = scan (scanner, settings, NULL, NULL, &error);
    /* Asked for eleven, the feeder had ten: the eleventh is an error, nothing kept. */
    g_assert_null (pages);
    g_assert_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_NO_PAGES);
  }
}

static void
test_parameters (void)
{
  SANE_Parameters good = { SANE_FRAME_GRAY, SANE_TRUE, 236, 236, 295, 8 };
  SANE_Parameters p;
  g_autoptr (GError) error = NULL;

  g_assert_true (_civ_scan_check_parameters (&good, &error));
  g_assert_no_error (error);

  p = good; /* an impossible page */
  p.pixels_per_line = p.lines = 100000;
  p.bytes_per_line = 100000;
  g_assert_false (_civ_scan_check_parameters (&p, &error));
  g_assert_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "100000 × 100000"));
  g_clear_error (&error);

  p = good; /* too many pixels though each side is allowed */
  p.pixels_per_line = p.lines = p.bytes_per_line = 19000;
  g_assert_false (_civ_scan_check_parameters (&p, &error));
  g_assert_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_TOO_LARGE);
  g_clear_error (&error);

  p = good;
  p.depth = 4;
  g_assert_false (_civ_scan_check_parameters (&p, &error));
  g_assert_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_ANSWER);
  g_clear_error (&error);

  p = good; /* lines shorter than their pixels */
  p.format = SANE_FRAME_RGB;
  g_assert_false (_civ_scan_check_parameters (&p, &error));
  g_assert_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_ANSWER);
  g_clear_error (&error);
  p.bytes_per_line = 3 * 236;
  g_assert_true (_civ_scan_check_parameters (&p, NULL));

  p = good; /* 1 bit: a byte for every 8 pixels */
  p.depth = 1;
  p.bytes_per_line = 29;
  g_assert_false (_civ_scan_check_parameters (&p, &error));
  g_clear_error (&error);
  p.bytes_per_line = 30;
  g_assert_true (_civ_scan_check_parameters (&p, NULL));

  p = good;
  p.lines = -1; /* a hand scanner: unknown */
  g_assert_true (_civ_scan_check_parameters (&p, NULL));
  p.lines = -2;
  g_assert_false (_civ_scan_check_parameters (&p, &error));
  g_assert_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_ANSWER);
  g_clear_error (&error);
  p = good;
  p.pixels_per_line = 0;
  g_assert_false (_civ_scan_check_parameters (&p, &error));
  g_assert_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_ANSWER);
  g_clear_error (&error);
  p = good;
  p.format = SANE_FRAME_BLUE + 7;
  g_assert_false (_civ_scan_check_parameters (&p, &error));
  g_assert_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_ANSWER);
}

static void
test_too_large (void)
{
  /* 3000 × 2600 colour pixels of noise: no compression gets that under 20 MiB. */
  g_autoptr (GPtrArray) pages =
    g_ptr_array_new_with_free_func ((GDestroyNotify) civ_scan_page_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (13);
  CivScanPage *page = g_new0 (CivScanPage, 1);
  guint8      *pixels;
  gsize        size;
  GPtrArray   *documents;

  page->width = 3000;
  page->height = 2600;
  page->channels = 3;
  page->stride = 9000;
  page->resolution = 600;
  size = (gsize) page->stride * page->height;
  pixels = g_malloc (size);
  for (gsize i = 0; i < size; i += 4)
    {
      guint32 v = g_rand_int (rand);

      memcpy (pixels + i, &v, MIN (4, size - i));
    }
  page->pixels = g_bytes_new_take (pixels, size);
  g_ptr_array_add (pages, page);

  documents = civ_scan_pages_to_documents (pages, CIV_SCAN_SAVE_PDF, CIV_DOCUMENT_DECLARATION,
                                           "scan", &error);
  g_assert_null (documents);
  g_assert_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_TOO_LARGE);
  g_clear_error (&error);
  documents = civ_scan_pages_to_documents (pages, CIV_SCAN_SAVE_PNG, CIV_DOCUMENT_DECLARATION,
                                           "scan", &error);
  g_assert_null (documents);
  g_assert_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* No page: nothing to save. */
  g_ptr_array_set_size (pages, 0);
  documents = civ_scan_pages_to_documents (pages, CIV_SCAN_SAVE_PDF, CIV_DOCUMENT_DECLARATION,
                                           "scan", &error);
  g_assert_null (documents);
  g_assert_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_NO_PAGES);
}

static void
write_sane_config (void)
{
  g_autofree char *dll = NULL;
  g_autofree char *conf = NULL;
  const char      *test_conf = "number_of_devices 2\n"
                               "mode Gray\n"
                               "depth 8\n"
                               "resolution 50.0\n"
                               "test-picture \"Solid black\"\n"
                               "tl_x 0.0\n"
                               "tl_y 0.0\n"
                               "br_x 80.0\n"
                               "br_y 100.0\n"
                          /* The reader thread's pipe to wait on: the
                                * scanner reads only once data is there. */
                          "select-fd true\n";

  sane_dir = civ_test_mkdtemp ();
  dll = g_build_filename (sane_dir, "dll.conf", NULL);
  conf = g_build_filename (sane_dir, "test.conf", NULL);
  g_assert_true (g_file_set_contents (dll, "test\n", -1, NULL));
  g_assert_true (g_file_set_contents (conf, test_conf, -1, NULL));
  /* No trailing ':': SANE reads this folder only. */
  g_setenv ("SANE_CONFIG_DIR", sane_dir, TRUE);
}

/* SANE's test backend stops its reader thread with pthread_cancel ():
 * civ-sane-deferred-cancel.c, linked in, keeps that cancellation at the
 * thread's cancellation points, never inside malloc (). */
int
main (int argc, char **argv)
{
  GModule *backend;
  int      status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* SANE unloads its backends at sane_exit (); kept loaded, the test
   * backend's own leaks have its name for tests/lsan.supp. */
  backend = g_module_open (SANE_TEST_BACKEND, G_MODULE_BIND_LAZY);
  g_assert_nonnull (backend);
  g_module_make_resident (backend);
  write_sane_config ();
  g_test_add_func ("/scanner/list", test_list);
  g_test_add_func ("/scanner/options", test_options);
  g_test_add_func ("/scanner/one-gray-page", test_one_gray_page);
  g_test_add_func ("/scanner/feeder-pdf", test_feeder_pdf);
  g_test_add_func ("/scanner/feeder-until-empty", test_feeder_until_empty);
  g_test_add_func ("/scanner/frames", test_frames);
  g_test_add_func ("/scanner/cancel", test_cancel);
  g_test_add_func ("/scanner/faults", test_faults);
  g_test_add_func ("/scanner/parameters", test_parameters);
  g_test_add_func ("/scanner/too-large", test_too_large);
  status = g_test_run ();
  civ_test_rmdir (sane_dir);
  g_free (sane_dir);
  return status;
}
