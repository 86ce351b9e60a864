// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-scanner.c — document scanners through SANE, every SANE call on one
 * thread of the scanner's own */
#include "civ-scanner-private.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib/gi18n.h>
#include <errno.h>
#include <sane/saneopts.h>
#include <string.h>

#include "civ-app-error.h"

/* Bytes asked of the device per sane_read (). */
#define READ_CHUNK (64 * 1024)
/* Empty answers in a row to sane_read () before the device is given up. */
#define MAX_EMPTY_READS 10000
/* Longest text taken from a device (names, vendors, option values). */
#define MAX_DEVICE_TEXT 200

GQuark
civ_scanner_error_quark (void)
{
  return g_quark_from_static_string ("civ-scanner-error-quark");
}

/* Only one thread in the process talks to SANE at a time: a scanner's
 * thread holds this from before sane_init () to after sane_exit (), so a
 * new scanner made while an old one shuts down waits for it. */
static GMutex sane_lock;

static GMutex   default_lock;
static GWeakRef default_scanner;

typedef void (*JobFunc) (CivScanner *self, GTask *task);

typedef struct
{
  JobFunc run; /* NULL: the thread ends */
  GTask  *task;
} Job;

struct _CivScanner
{
  GObject parent_instance;

  GThread      *thread;
  GAsyncQueue  *jobs;    /* Job */
  GCancellable *closing; /* cancelled when the scanner goes away */

  /* Only on the scanner's thread. */
  gboolean    sane_ready;
  SANE_Handle handle;
  char       *handle_name;

  /* Set before scanning (tests). */
  CivScanReadHook read_hook;
  gpointer        read_hook_data;
};

G_DEFINE_FINAL_TYPE (CivScanner, civ_scanner, G_TYPE_OBJECT)

/* Small values */

void
civ_scan_device_free (CivScanDevice *device)
{
  if (device == NULL)
    return;
  g_free (device->name);
  g_free (device->vendor);
  g_free (device->model);
  g_free (device->type);
  g_free (device);
}

CivScanDevice *
civ_scan_device_copy (const CivScanDevice *device)
{
  CivScanDevice *copy = g_new0 (CivScanDevice, 1);

  copy->name = g_strdup (device->name);
  copy->vendor = g_strdup (device->vendor);
  copy->model = g_strdup (device->model);
  copy->type = g_strdup (device->type);
  return copy;
}

char *
civ_scan_device_get_label (const CivScanDevice *device)
{
  gboolean has_vendor = device->vendor && *device->vendor;
  gboolean has_model = device->model && *device->model;

  if (has_vendor && has_model)
    return g_strdup_printf ("%s %s", device->vendor, device->model);
  if (has_model)
    return g_strdup (device->model);
  return g_strdup (device->name);
}

const char *
civ_scan_mode_label (CivScanMode mode)
{
  switch (mode)
    {
    case CIV_SCAN_MODE_COLOR:
      return _ ("Colour");
    case CIV_SCAN_MODE_GRAY:
      return _ ("Grey");
    case CIV_SCAN_MODE_LINEART:
      return _ ("Black and White");
    case CIV_N_SCAN_MODES:
    default:
      break;
    }
  g_return_val_if_reached (NULL);
}

void
civ_scan_options_free (CivScanOptions *options)
{
  if (options == NULL)
    return;
  g_free (options->device);
  g_clear_pointer (&options->resolutions, g_array_unref);
  g_strfreev (options->sources);
  g_free (options);
}

gboolean
civ_scan_options_has_resolution (const CivScanOptions *options, int dpi)
{
  for (guint i = 0; options->resolutions && i < options->resolutions->len; i++)
    if (g_array_index (options->resolutions, int, i) == dpi)
      return TRUE;
  return FALSE;
}

CivScanSettings *
civ_scan_settings_new (const char *device)
{
  CivScanSettings *settings = g_new0 (CivScanSettings, 1);

  settings->device = g_strdup (device);
  settings->mode = CIV_SCAN_MODE_GRAY;
  settings->n_pages = 1;
  return settings;
}

static CivScanSettings *
settings_copy (const CivScanSettings *settings)
{
  CivScanSettings *copy = civ_scan_settings_new (settings->device);

  copy->resolution = settings->resolution;
  copy->mode = settings->mode;
  copy->source = g_strdup (settings->source);
  copy->n_pages = settings->n_pages;
  copy->extra = g_strdupv (settings->extra);
  return copy;
}

void
civ_scan_settings_free (CivScanSettings *settings)
{
  if (settings == NULL)
    return;
  g_free (settings->device);
  g_free (settings->source);
  g_strfreev (settings->extra);
  g_free (settings);
}

void
civ_scan_page_free (CivScanPage *page)
{
  if (page == NULL)
    return;
  g_clear_pointer (&page->pixels, g_bytes_unref);
  g_free (page);
}

/* Text from a device: valid UTF-8, no control characters, not too long. */
static char *
device_text (const char *text)
{
  g_autofree char *valid = NULL;
  GString         *out;

  if (text == NULL)
    return g_strdup ("");
  valid = g_utf8_make_valid (text, strnlen (text, 4 * MAX_DEVICE_TEXT));
  out = g_string_new (NULL);
  for (const char *p = valid; *p && g_utf8_strlen (out->str, -1) < MAX_DEVICE_TEXT;
       p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (out, g_unichar_iscntrl (c) ? ' ' : c);
    }
  return g_strstrip (g_string_free (out, FALSE));
}

static void
set_status_error (GError **error, SANE_Status status, const char *what)
{
  g_autofree char *reason = device_text (sane_strstatus (status));

  switch (status)
    {
    case SANE_STATUS_NO_DOCS:
      g_set_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_NO_PAGES,
                   _ ("The document feeder is empty. Put the pages in the feeder and scan again."));
      return;
    case SANE_STATUS_JAMMED:
      g_set_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_DEVICE,
                   _ ("Paper is jammed in the scanner. Remove it, then scan again."));
      return;
    case SANE_STATUS_COVER_OPEN:
      g_set_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_DEVICE,
                   _ ("The scanner’s cover is open. Close it, then scan again."));
      return;
    case SANE_STATUS_DEVICE_BUSY:
      g_set_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_DEVICE,
                   _ ("The scanner is busy with another program. Wait for it, then scan again."));
      return;
    case SANE_STATUS_CANCELLED:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _ ("The scan was cancelled."));
      return;
    default:
      break;
    }
  /* Translators: what failed (“The scan”), then the device's reason. */
  g_set_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_DEVICE,
               _ ("%1$s failed: the scanner reports “%2$s”. Nothing was kept. Check the scanner "
                  "and its cable, then try again."),
               what, reason);
}

/* The scanner's thread */

static gboolean
ensure_sane (CivScanner *self, GError **error)
{
  SANE_Int    version = 0;
  SANE_Status status;

  if (self->sane_ready)
    return TRUE;
  status = sane_init (&version, NULL);
  if (status != SANE_STATUS_GOOD)
    {
      set_status_error (error, status, _ ("Starting the scanner support (SANE)"));
      return FALSE;
    }
  self->sane_ready = TRUE;
  return TRUE;
}

static void
close_handle (CivScanner *self)
{
  if (self->handle != NULL)
    sane_close (self->handle);
  self->handle = NULL;
  g_clear_pointer (&self->handle_name, g_free);
}

static gboolean
ensure_open (CivScanner *self, const char *name, GError **error)
{
  SANE_Status status;

  if (!ensure_sane (self, error))
    return FALSE;
  if (self->handle != NULL && g_strcmp0 (self->handle_name, name) == 0)
    return TRUE;
  close_handle (self);
  status = sane_open (name, &self->handle);
  if (status != SANE_STATUS_GOOD || self->handle == NULL)
    {
      g_autofree char *shown = device_text (name);
      g_autofree char *reason = device_text (sane_strstatus (status));

      self->handle = NULL;
      g_set_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_NO_DEVICE,
                   /* Translators: a scanner's name, then the reason. */
                   _ ("The scanner “%1$s” cannot be opened (%2$s). Check that it is switched on "
                      "and connected, then look for scanners again."),
                   shown, reason);
      return FALSE;
    }
  self->handle_name = g_strdup (name);
  return TRUE;
}

static gboolean
job_cancelled (CivScanner *self, GTask *task)
{
  GCancellable *cancellable = g_task_get_cancellable (task);

  return g_cancellable_is_cancelled (self->closing) ||
         (cancellable != NULL && g_cancellable_is_cancelled (cancellable));
}

static gpointer
worker_main (gpointer data)
{
  CivScanner *self = data;

  g_mutex_lock (&sane_lock);
  for (;;)
    {
      Job *job = g_async_queue_pop (self->jobs);

      if (job->run == NULL)
        {
          g_free (job);
          break;
        }
      if (job_cancelled (self, job->task))
        g_task_return_new_error (job->task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                                 _ ("The scan was cancelled."));
      else
        job->run (self, job->task);
      g_object_unref (job->task);
      g_free (job);
    }
  close_handle (self);
  if (self->sane_ready)
    sane_exit ();
  self->sane_ready = FALSE;
  g_mutex_unlock (&sane_lock);
  return NULL;
}

static void
push_job (CivScanner *self, JobFunc run, GTask *task)
{
  Job *job = g_new0 (Job, 1);

  job->run = run;
  job->task = task;
  g_async_queue_push (self->jobs, job);
}

/* Listing devices */

static void
list_devices_job (CivScanner *self, GTask *task)
{
  const SANE_Device **list = NULL;
  SANE_Status         status;
  GError             *error = NULL;
  GPtrArray          *out;

  if (!ensure_sane (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  status = sane_get_devices (&list, SANE_FALSE);
  if (status != SANE_STATUS_GOOD)
    {
      set_status_error (&error, status, _ ("Looking for scanners"));
      g_task_return_error (task, error);
      return;
    }
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_scan_device_free);
  for (guint i = 0; list && list[i] && out->len < 64; i++)
    {
      CivScanDevice *device;

      if (list[i]->name == NULL || *list[i]->name == '\0' ||
          strlen (list[i]->name) > 4 * MAX_DEVICE_TEXT)
        continue;
      device = g_new0 (CivScanDevice, 1);
      device->name = g_strdup (list[i]->name); /* used as is to open it */
      device->vendor = device_text (list[i]->vendor);
      device->model = device_text (list[i]->model);
      device->type = device_text (list[i]->type);
      g_ptr_array_add (out, device);
    }
  g_task_return_pointer (task, out, (GDestroyNotify) g_ptr_array_unref);
}

void
civ_scanner_list_devices_async (CivScanner         *self,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  GTask *task;

  g_return_if_fail (CIV_IS_SCANNER (self));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, civ_scanner_list_devices_async);
  push_job (self, list_devices_job, task);
}

GPtrArray *
civ_scanner_list_devices_finish (CivScanner *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Options */

typedef struct
{
  int                           index;
  const SANE_Option_Descriptor *desc;
} Option;

static gboolean
find_option (SANE_Handle handle, const char *name, Option *out)
{
  SANE_Int count = 0;

  if (sane_control_option (handle, 0, SANE_ACTION_GET_VALUE, &count, NULL) != SANE_STATUS_GOOD)
    return FALSE;
  for (SANE_Int i = 1; i < count && i < 10000; i++)
    {
      const SANE_Option_Descriptor *desc = sane_get_option_descriptor (handle, i);

      if (desc == NULL || desc->name == NULL || g_strcmp0 (desc->name, name) != 0)
        continue;
      if (!SANE_OPTION_IS_ACTIVE (desc->cap))
        return FALSE;
      out->index = i;
      out->desc = desc;
      return TRUE;
    }
  return FALSE;
}

static gboolean
string_list_ok (const SANE_Option_Descriptor *desc)
{
  return desc->type == SANE_TYPE_STRING && desc->constraint_type == SANE_CONSTRAINT_STRING_LIST &&
         desc->constraint.string_list != NULL && desc->size > 0 && desc->size <= 4096;
}

/* The device's name for @mode in its "mode" list, or NULL. */
static const char *
mode_choice (const SANE_Option_Descriptor *desc, CivScanMode mode)
{
  static const char *const names[CIV_N_SCAN_MODES][4] = {
    [CIV_SCAN_MODE_COLOR] = { SANE_VALUE_SCAN_MODE_COLOR, "Colour", "RGB", NULL },
    [CIV_SCAN_MODE_GRAY] = { SANE_VALUE_SCAN_MODE_GRAY, "Grey", "Grayscale", NULL },
    [CIV_SCAN_MODE_LINEART] = { SANE_VALUE_SCAN_MODE_LINEART, "Binary", "Black & White", NULL },
  };

  if (!string_list_ok (desc))
    return NULL;
  for (guint i = 0; desc->constraint.string_list[i] && i < 64; i++)
    for (guint k = 0; names[mode][k]; k++)
      if (g_ascii_strcasecmp (desc->constraint.string_list[i], names[mode][k]) == 0)
        return desc->constraint.string_list[i];
  return NULL;
}

static double
word_value (const SANE_Option_Descriptor *desc, SANE_Word word)
{
  return desc->type == SANE_TYPE_FIXED ? SANE_UNFIX (word) : (double) word;
}

static gboolean
resolution_ok (const SANE_Option_Descriptor *desc)
{
  return (desc->type == SANE_TYPE_INT || desc->type == SANE_TYPE_FIXED) &&
         desc->size >= (SANE_Int) sizeof (SANE_Word);
}

static GArray *
read_resolutions (const SANE_Option_Descriptor *desc)
{
  static const int usual[] = { 75, 100, 150, 200, 300, 400, 600, 1200 };
  GArray          *out = g_array_new (FALSE, FALSE, sizeof (int));

  if (desc->constraint_type == SANE_CONSTRAINT_WORD_LIST && desc->constraint.word_list != NULL)
    {
      SANE_Int n = desc->constraint.word_list[0];

      for (SANE_Int i = 1; i <= n && i <= 256; i++)
        {
          int dpi = (int) (word_value (desc, desc->constraint.word_list[i]) + 0.5);

          if (dpi >= 25 && dpi <= 4800)
            g_array_append_val (out, dpi);
        }
    }
  else if (desc->constraint_type == SANE_CONSTRAINT_RANGE && desc->constraint.range != NULL)
    {
      double min = word_value (desc, desc->constraint.range->min);
      double max = word_value (desc, desc->constraint.range->max);
      double quant = word_value (desc, desc->constraint.range->quant);

      for (guint i = 0; i < G_N_ELEMENTS (usual); i++)
        {
          double steps = quant > 0 ? (usual[i] - min) / quant : 0;

          if (usual[i] >= min && usual[i] <= max && (quant <= 0 || steps == (double) (int) steps))
            g_array_append_val (out, usual[i]);
        }
    }
  return out;
}

static int
compare_int (gconstpointer a, gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

static void
open_job (CivScanner *self, GTask *task)
{
  const char *name = g_task_get_task_data (task);
  GError     *error = NULL;
  Option      option;
  g_autoptr (CivScanOptions) options = g_new0 (CivScanOptions, 1);

  /* Options are read again from a fresh handle: another program may have
   * changed the device since. */
  close_handle (self);
  if (!ensure_open (self, name, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  options->device = g_strdup (name);
  options->feeder_source = -1;
  options->flatbed_source = -1;
  options->resolutions = g_array_new (FALSE, FALSE, sizeof (int));
  if (find_option (self->handle, SANE_NAME_SCAN_RESOLUTION, &option) && resolution_ok (option.desc))
    {
      g_autofree SANE_Word *value = g_malloc0 (option.desc->size);

      g_array_unref (options->resolutions);
      options->resolutions = read_resolutions (option.desc);
      g_array_sort (options->resolutions, compare_int);
      if (sane_control_option (self->handle, option.index, SANE_ACTION_GET_VALUE, value, NULL) ==
          SANE_STATUS_GOOD)
        options->resolution = (int) (word_value (option.desc, value[0]) + 0.5);
    }
  if (find_option (self->handle, SANE_NAME_SCAN_MODE, &option) && string_list_ok (option.desc))
    for (guint m = 0; m < CIV_N_SCAN_MODES; m++)
      options->modes[m] = mode_choice (option.desc, (CivScanMode) m) != NULL;
  if (!options->modes[CIV_SCAN_MODE_COLOR] && !options->modes[CIV_SCAN_MODE_GRAY] &&
      !options->modes[CIV_SCAN_MODE_LINEART])
    /* No choice: whatever the device sends (colour or grey) is taken. */
    options->modes[CIV_SCAN_MODE_COLOR] = TRUE;
  if (find_option (self->handle, SANE_NAME_SCAN_SOURCE, &option) && string_list_ok (option.desc))
    {
      g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; option.desc->constraint.string_list[i] && i < 32; i++)
        {
          const char      *source = option.desc->constraint.string_list[i];
          g_autofree char *folded = g_ascii_strdown (source, -1);

          gboolean feeder =
            strstr (folded, "adf") || strstr (folded, "feeder") || strstr (folded, "automatic");

          if (feeder && options->feeder_source < 0)
            options->feeder_source = (int) i;
          if (!feeder && options->flatbed_source < 0)
            options->flatbed_source = (int) i;
          g_strv_builder_add (builder, source);
        }
      options->sources = g_strv_builder_end (builder);
    }
  g_task_return_pointer (task, g_steal_pointer (&options), (GDestroyNotify) civ_scan_options_free);
}

void
civ_scanner_open_async (CivScanner         *self,
                        const char         *device,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  GTask *task;

  g_return_if_fail (CIV_IS_SCANNER (self));
  g_return_if_fail (device != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, civ_scanner_open_async);
  g_task_set_task_data (task, g_strdup (device), g_free);
  push_job (self, open_job, task);
}

CivScanOptions *
civ_scanner_open_finish (CivScanner *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Scanning */

typedef struct
{
  CivScanSettings *settings;
  CivScanProgress  progress;
  gpointer         progress_data;
  double           last_fraction;
} ScanJob;

static void
scan_job_free (ScanJob *job)
{
  civ_scan_settings_free (job->settings);
  g_free (job);
}

typedef struct
{
  GTask *task;
  guint  page;
  guint  n_pages;
  double fraction;
} Progress;

static void
progress_free (Progress *progress)
{
  g_object_unref (progress->task);
  g_free (progress);
}

static gboolean
progress_idle (gpointer data)
{
  Progress     *progress = data;
  ScanJob      *job = g_task_get_task_data (progress->task);
  GCancellable *cancellable = g_task_get_cancellable (progress->task);

  if (cancellable == NULL || !g_cancellable_is_cancelled (cancellable))
    job->progress (progress->page, progress->n_pages, progress->fraction, job->progress_data);
  return G_SOURCE_REMOVE;
}

static void
report_progress (GTask *task, guint page, guint n_pages, double fraction)
{
  ScanJob  *job = g_task_get_task_data (task);
  Progress *progress;

  if (job->progress == NULL)
    return;
  /* Every percent is enough for a progress bar. */
  if (fraction > 0 && fraction < 1 && fraction - job->last_fraction < 0.01)
    return;
  job->last_fraction = fraction;
  progress = g_new0 (Progress, 1);
  progress->task = g_object_ref (task);
  progress->page = page;
  progress->n_pages = n_pages;
  progress->fraction = fraction;
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT, progress_idle,
                              progress, (GDestroyNotify) progress_free);
}

gboolean
_civ_scan_check_parameters (const SANE_Parameters *p, GError **error)
{
  int    channels;
  gint64 needed;

  switch (p->format)
    {
    case SANE_FRAME_GRAY:
    case SANE_FRAME_RED:
    case SANE_FRAME_GREEN:
    case SANE_FRAME_BLUE:
      channels = 1;
      break;
    case SANE_FRAME_RGB:
      channels = 3;
      break;
    default:
      g_set_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_ANSWER,
                   _ ("The scanner sends pictures in a form Civreg does not read (frame format "
                      "%d). Choose the colour, grey or black-and-white mode."),
                   (int) p->format);
      return FALSE;
    }
  if (p->depth != 1 && p->depth != 8 && p->depth != 16)
    {
      g_set_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_ANSWER,
                   _ ("The scanner announces %d bits a sample; Civreg reads 1, 8 or 16. Choose "
                      "another mode or check the scanner’s settings."),
                   (int) p->depth);
      return FALSE;
    }
  if (p->pixels_per_line <= 0 || p->lines == 0 || p->lines < -1)
    {
      g_set_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_ANSWER,
                   _ ("The scanner announces a page of %d × %d pixels, which cannot be. Check the "
                      "scan area and try again."),
                   (int) p->pixels_per_line, (int) p->lines);
      return FALSE;
    }
  if (p->pixels_per_line > CIV_SCAN_MAX_SIDE || p->lines > CIV_SCAN_MAX_SIDE ||
      (gint64) p->pixels_per_line * MAX (p->lines, 1) > CIV_DOCUMENT_MAX_PIXELS)
    {
      g_set_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_TOO_LARGE,
                   _ ("The scanner announces a page of %d × %d pixels; Civreg takes pages of at "
                      "most %d pixels a side. Choose a lower resolution or a smaller area."),
                   (int) p->pixels_per_line, (int) p->lines, CIV_SCAN_MAX_SIDE);
      return FALSE;
    }
  needed = ((gint64) p->pixels_per_line * channels * p->depth + 7) / 8;
  if (p->bytes_per_line < needed || p->bytes_per_line > needed + 4096 ||
      (gint64) p->bytes_per_line * MAX (p->lines, 1) > (gint64) CIV_SCAN_MAX_PAGE_BYTES)
    {
      g_set_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_ANSWER,
                   _ ("The scanner announces lines of %d bytes for %d pixels, which does not "
                      "match. Nothing was kept; try another resolution or mode."),
                   (int) p->bytes_per_line, (int) p->pixels_per_line);
      return FALSE;
    }
  return TRUE;
}

/* Sample @x of channel @c in a raw line, scaled to 8 bits. */
static guint8
sample (const guint8 *line, int x, int c, int channels, int depth, gboolean gray)
{
  int i = x * channels + c;

  if (depth == 8)
    return line[i];
  if (depth == 16)
    {
      guint16 v;

      memcpy (&v, line + 2 * i, 2); /* SANE sends the host's byte order */
      return v >> 8;
    }
  /* 1 bit: in grey, 1 is black; in colour, 1 is the full channel. */
  if ((line[i / 8] >> (7 - i % 8)) & 1)
    return gray ? 0 : 255;
  return gray ? 255 : 0;
}

/* Waits until the device has the first data of the frame just started, when
 * it gives a descriptor to wait on (sane_get_select_fd): a scanner warming
 * its lamp can be cancelled meanwhile. Without one, sane_read () waits. */
static gboolean
wait_for_data (CivScanner *self, GTask *task, GError **error)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  SANE_Int      fd = -1;
  GPollFD       fds[3];
  guint         n = 1;
  gboolean      task_fd, closing_fd;
  int           ready;

  if (sane_get_select_fd (self->handle, &fd) != SANE_STATUS_GOOD || fd < 0)
    return TRUE;
  fds[0] = (GPollFD){ fd, G_IO_IN, 0 };
  closing_fd = g_cancellable_make_pollfd (self->closing, &fds[n]);
  n += closing_fd;
  task_fd = cancellable != NULL && g_cancellable_make_pollfd (cancellable, &fds[n]);
  n += task_fd;
  for (guint i = 1; i < n; i++)
    fds[i].events = G_IO_IN;
  do
    ready = g_poll (fds, n, -1);
  while (ready < 0 && errno == EINTR);
  if (task_fd)
    g_cancellable_release_fd (cancellable);
  if (closing_fd)
    g_cancellable_release_fd (self->closing);
  if (job_cancelled (self, task))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _ ("The scan was cancelled."));
      return FALSE;
    }
  /* Data, the end or an error on the descriptor: sane_read () says which. */
  return TRUE;
}

/* Reads one frame of @p into @raw (grown when the line count is unknown).
 * Returns the number of lines read, -1 on error. */
static int
read_frame (CivScanner            *self,
            GTask                 *task,
            const SANE_Parameters *p,
            guint                  page,
            guint                  n_pages,
            guint                  frame,
            guint                  n_frames,
            GByteArray            *raw,
            GError               **error)
{
  gsize expected = p->lines > 0 ? (gsize) p->bytes_per_line * p->lines : 0;
  gsize total = 0;
  guint empty = 0; /* reads in a row that gave nothing */

  g_byte_array_set_size (raw, expected ? expected : READ_CHUNK);
  if (!wait_for_data (self, task, error))
    return -1;
  for (;;)
    {
      SANE_Int    len = 0;
      SANE_Status status;
      gsize       want;

      if (job_cancelled (self, task))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _ ("The scan was cancelled."));
          return -1;
        }
      /* In blocking mode a read waits for data: endless empty answers are a fault. */
      if (empty > MAX_EMPTY_READS)
        {
          g_set_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_ANSWER,
                       _ ("The scanner keeps answering without sending the page. Nothing was "
                          "kept; switch it off and on, then scan again."));
          return -1;
        }
      if (expected == 0 && raw->len - total < READ_CHUNK)
        {
          if (raw->len + READ_CHUNK > CIV_SCAN_MAX_PAGE_BYTES ||
              (raw->len + READ_CHUNK) / p->bytes_per_line > CIV_SCAN_MAX_SIDE)
            {
              g_set_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_TOO_LARGE,
                           _ ("The page does not end: the scanner sent more than %d lines. "
                              "Nothing was kept; scan a shorter page."),
                           CIV_SCAN_MAX_SIDE);
              return -1;
            }
          g_byte_array_set_size (raw, raw->len + READ_CHUNK);
        }
      want = MIN ((gsize) READ_CHUNK, (expected ? expected : raw->len) - total);
      if (want == 0)
        {
          /* All announced bytes are in: the device must now say the frame ends. */
          guint8 extra[16];

          status = sane_read (self->handle, extra, sizeof extra, &len);
          if (status == SANE_STATUS_EOF)
            break;
          if (status == SANE_STATUS_GOOD && len == 0)
            {
              empty++;
              continue;
            }
          if (status == SANE_STATUS_GOOD)
            {
              g_set_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_ANSWER,
                           _ ("The scanner sent more than the page it announced. Nothing was "
                              "kept; scan again."));
              return -1;
            }
          set_status_error (error, status, _ ("The scan"));
          return -1;
        }
      status = sane_read (self->handle, raw->data + total, (SANE_Int) want, &len);
      if (status == SANE_STATUS_EOF)
        break;
      if (status != SANE_STATUS_GOOD)
        {
          set_status_error (error, status, _ ("The scan"));
          return -1;
        }
      if (len < 0 || (gsize) len > want)
        {
          g_set_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_ANSWER,
                       _ ("The scanner answered a read with %d bytes when %d were asked. Nothing "
                          "was kept; scan again."),
                       (int) len, (int) want);
          return -1;
        }
      empty = len == 0 ? empty + 1 : 0;
      total += len;
      if (self->read_hook)
        self->read_hook (self, page, total, self->read_hook_data);
      if (expected)
        /* 1 is reported once the whole page is in. */
        report_progress (task, page, n_pages,
                         MIN ((frame + (double) total / expected) / n_frames, 0.999));
    }
  if (expected && total < expected)
    {
      g_set_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_ANSWER,
                   _ ("The scanner stopped after %zu of the %zu bytes of page %u. Nothing was "
                      "kept; check the paper and scan again."),
                   total, expected, page + 1);
      return -1;
    }
  if (!expected && (total == 0 || total % p->bytes_per_line != 0))
    {
      g_set_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_ANSWER,
                   _ ("The scanner stopped in the middle of a line on page %u. Nothing was "
                      "kept; scan again."),
                   page + 1);
      return -1;
    }
  return (int) (total / p->bytes_per_line);
}

/* Reads every frame of one page (three for a three-pass scanner) after a
 * sane_start () that succeeded. */
static CivScanPage *
read_page (CivScanner *self, GTask *task, guint page, guint n_pages, double dpi, GError **error)
{
  g_autoptr (GByteArray) raw = g_byte_array_new ();
  g_autoptr (CivScanPage) out = NULL;
  guint8  *pixels = NULL;
  gboolean seen[3] = { FALSE, FALSE, FALSE };

  for (guint frame = 0;; frame++)
    {
      SANE_Parameters p;
      SANE_Status     status;
      int             lines, channels, plane;

      if (frame > 0)
        {
          status = sane_start (self->handle);
          if (status != SANE_STATUS_GOOD)
            {
              g_free (pixels);
              set_status_error (error, status, _ ("The scan"));
              return NULL;
            }
        }
      status = sane_get_parameters (self->handle, &p);
      if (status != SANE_STATUS_GOOD)
        {
          g_free (pixels);
          set_status_error (error, status, _ ("The scan"));
          return NULL;
        }
      if (!_civ_scan_check_parameters (&p, error))
        {
          g_free (pixels);
          return NULL;
        }
      channels = p.format == SANE_FRAME_RGB ? 3 : 1;
      plane = p.format == SANE_FRAME_RED     ? 0
              : p.format == SANE_FRAME_GREEN ? 1
              : p.format == SANE_FRAME_BLUE  ? 2
                                             : -1;
      if (frame > 0 && (plane < 0 || seen[plane] || p.pixels_per_line != out->width ||
                        (p.lines > 0 && p.lines != out->height) || frame > 2))
        {
          g_free (pixels);
          g_set_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_ANSWER,
                       _ ("The scanner’s colour passes do not match. Nothing was kept; scan "
                          "again."));
          return NULL;
        }
      if (frame == 0)
        report_progress (task, page, n_pages, 0);
      lines = read_frame (self, task, &p, page, n_pages, frame, plane >= 0 ? 3 : 1, raw, error);
      if (lines < 0)
        {
          g_free (pixels);
          return NULL;
        }
      if (frame == 0)
        {
          out = g_new0 (CivScanPage, 1);
          out->width = p.pixels_per_line;
          out->height = lines;
          out->channels = plane >= 0 || channels == 3 ? 3 : 1;
          out->stride = out->width * out->channels;
          out->resolution = dpi;
          pixels = g_malloc0 ((gsize) out->stride * out->height);
        }
      else if (lines != out->height)
        {
          g_free (pixels);
          g_set_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_ANSWER,
                       _ ("The scanner’s colour passes do not match. Nothing was kept; scan "
                          "again."));
          return NULL;
        }
      if (plane >= 0)
        seen[plane] = TRUE;
      for (int y = 0; y < out->height; y++)
        {
          const guint8 *line = raw->data + (gsize) y * p.bytes_per_line;
          guint8       *dest = pixels + (gsize) y * out->stride;

          for (int x = 0; x < out->width; x++)
            {
              if (plane >= 0)
                dest[x * 3 + plane] = sample (line, x, 0, 1, p.depth, FALSE);
              else
                for (int c = 0; c < channels; c++)
                  dest[x * channels + c] =
                    sample (line, x, c, channels, p.depth, p.format == SANE_FRAME_GRAY);
            }
        }
      if (p.last_frame)
        break;
      if (plane < 0)
        {
          g_free (pixels);
          g_set_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_ANSWER,
                       _ ("The scanner announces more frames for a page sent whole. Nothing "
                          "was kept; scan again."));
          return NULL;
        }
    }
  if (seen[0] + seen[1] + seen[2] != 0 && seen[0] + seen[1] + seen[2] != 3)
    {
      g_free (pixels);
      g_set_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_ANSWER,
                   _ ("The scanner’s colour passes do not match. Nothing was kept; scan again."));
      return NULL;
    }
  out->pixels = g_bytes_new_take (pixels, (gsize) out->stride * out->height);
  report_progress (task, page, n_pages, 1);
  return g_steal_pointer (&out);
}

static gboolean
set_value (CivScanner *self, const Option *option, void *value, const char *label, GError **error)
{
  SANE_Int    info = 0;
  SANE_Status status;

  if (!SANE_OPTION_IS_SETTABLE (option->desc->cap))
    return TRUE;
  status = sane_control_option (self->handle, option->index, SANE_ACTION_SET_VALUE, value, &info);
  if (status != SANE_STATUS_GOOD)
    {
      g_autofree char *reason = device_text (sane_strstatus (status));

      g_set_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_DEVICE,
                   /* Translators: a setting (“resolution”), then the device's reason. */
                   _ ("The scanner refused the %1$s (%2$s). Choose another value and scan again."),
                   label, reason);
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_string (
  CivScanner *self, const Option *option, const char *value, const char *label, GError **error)
{
  g_autofree char *buffer = NULL;

  if (option->desc->type != SANE_TYPE_STRING || option->desc->size <= 0 ||
      strlen (value) >= (gsize) option->desc->size)
    {
      g_set_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_DEVICE,
                   _ ("The scanner does not take “%1$s” for the %2$s. Choose another value."),
                   value, label);
      return FALSE;
    }
  buffer = g_malloc0 (option->desc->size);
  strcpy (buffer, value);
  return set_value (self, option, buffer, label, error);
}

static gboolean
set_number (CivScanner *self, const Option *option, double value, const char *label, GError **error)
{
  g_autofree SANE_Word *words = NULL;

  if (option->desc->size < (SANE_Int) sizeof (SANE_Word) || option->desc->size > 4096 ||
      (option->desc->type != SANE_TYPE_BOOL && option->desc->type != SANE_TYPE_INT &&
       option->desc->type != SANE_TYPE_FIXED))
    {
      g_set_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_DEVICE,
                   _ ("The scanner’s %s is not a number Civreg can set."), label);
      return FALSE;
    }
  words = g_malloc0 (option->desc->size);
  switch (option->desc->type)
    {
    case SANE_TYPE_BOOL:
      words[0] = value != 0 ? SANE_TRUE : SANE_FALSE;
      break;
    case SANE_TYPE_INT:
      words[0] = (SANE_Word) value;
      break;
    default:
      words[0] = SANE_FIX (value);
      break;
    }
  return set_value (self, option, words, label, error);
}

/* "name=value" from the settings' extra options. */
static gboolean
set_extra (CivScanner *self, const char *assignment, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (assignment, "=", 2);
  Option option;

  if (g_strv_length (parts) != 2 || !find_option (self->handle, parts[0], &option))
    {
      g_autofree char *shown = device_text (assignment);

      g_set_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_DEVICE,
                   _ ("The scanner has no setting “%s”."), shown);
      return FALSE;
    }
  if (option.desc->type == SANE_TYPE_STRING)
    return set_string (self, &option, parts[1], parts[0], error);
  if (option.desc->type == SANE_TYPE_BOOL)
    return set_number (self, &option,
                       g_ascii_strcasecmp (parts[1], "true") == 0 ||
                         g_ascii_strcasecmp (parts[1], "yes") == 0 || strcmp (parts[1], "1") == 0,
                       parts[0], error);
  {
    char  *end = NULL;
    double value = g_ascii_strtod (parts[1], &end);

    if (end == parts[1] || *end != '\0')
      {
        g_autofree char *shown = device_text (parts[1]);

        g_set_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_DEVICE,
                     _ ("The scanner does not take “%1$s” for the %2$s. Choose another value."),
                     shown, parts[0]);
        return FALSE;
      }
    return set_number (self, &option, value, parts[0], error);
  }
}

static gboolean
apply_settings (CivScanner *self, const CivScanSettings *settings, GError **error)
{
  Option option;

  if (settings->source && (!find_option (self->handle, SANE_NAME_SCAN_SOURCE, &option) ||
                           !set_string (self, &option, settings->source, _ ("source"), error)))
    {
      if (error && *error == NULL)
        g_set_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_DEVICE,
                     _ ("The scanner does not take “%1$s” for the %2$s. Choose another value."),
                     settings->source, _ ("source"));
      return FALSE;
    }
  if (find_option (self->handle, SANE_NAME_SCAN_MODE, &option) && string_list_ok (option.desc))
    {
      const char *choice = mode_choice (option.desc, settings->mode);

      if (choice == NULL)
        {
          g_set_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_DEVICE,
                       _ ("The scanner does not take “%1$s” for the %2$s. Choose another value."),
                       civ_scan_mode_label (settings->mode), _ ("colour mode"));
          return FALSE;
        }
      if (!set_string (self, &option, choice, _ ("colour mode"), error))
        return FALSE;
    }
  if (settings->resolution > 0 && find_option (self->handle, SANE_NAME_SCAN_RESOLUTION, &option) &&
      resolution_ok (option.desc) &&
      !set_number (self, &option, settings->resolution, _ ("resolution"), error))
    return FALSE;
  for (guint i = 0; settings->extra && settings->extra[i]; i++)
    if (!set_extra (self, settings->extra[i], error))
      return FALSE;
  return TRUE;
}

/* The resolution the device now uses (its pages' size in the PDF). */
static double
current_resolution (CivScanner *self)
{
  Option                option;
  g_autofree SANE_Word *value = NULL;

  if (!find_option (self->handle, SANE_NAME_SCAN_RESOLUTION, &option) ||
      !resolution_ok (option.desc))
    return 0;
  value = g_malloc0 (option.desc->size);
  if (sane_control_option (self->handle, option.index, SANE_ACTION_GET_VALUE, value, NULL) !=
      SANE_STATUS_GOOD)
    return 0;
  return word_value (option.desc, value[0]);
}

static void
scan_job (CivScanner *self, GTask *task)
{
  ScanJob         *job = g_task_get_task_data (task);
  CivScanSettings *settings = job->settings;
  GError          *error = NULL;
  g_autoptr (GPtrArray) pages =
    g_ptr_array_new_with_free_func ((GDestroyNotify) civ_scan_page_free);
  guint  limit = settings->n_pages ? settings->n_pages : CIV_SCAN_MAX_PAGES;
  double dpi;

  if (!ensure_open (self, settings->device, &error) || !apply_settings (self, settings, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  dpi = current_resolution (self);
  if (dpi < 25 || dpi > 4800)
    /* A device without a usable resolution option: pages are taken at 300 dpi. */
    dpi = settings->resolution > 0 ? settings->resolution : 300;
  for (guint page = 0; page < limit; page++)
    {
      SANE_Status  status;
      CivScanPage *scanned;

      if (job_cancelled (self, task))
        {
          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _ ("The scan was cancelled."));
          break;
        }
      job->last_fraction = 0;
      status = sane_start (self->handle);
      if (status == SANE_STATUS_NO_DOCS && page > 0 && settings->n_pages == 0)
        break; /* the feeder is empty: every page is in */
      if (status != SANE_STATUS_GOOD)
        {
          set_status_error (&error, status, _ ("The scan"));
          break;
        }
      scanned = read_page (self, task, page, settings->n_pages, dpi, &error);
      if (scanned == NULL)
        break;
      g_ptr_array_add (pages, scanned);
    }
  /* Ends the scan (and a feeder's batch) whatever happened. */
  sane_cancel (self->handle);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&pages), (GDestroyNotify) g_ptr_array_unref);
}

void
civ_scanner_scan_async (CivScanner            *self,
                        const CivScanSettings *settings,
                        CivScanProgress        progress,
                        gpointer               progress_data,
                        GCancellable          *cancellable,
                        GAsyncReadyCallback    callback,
                        gpointer               user_data)
{
  GTask   *task;
  ScanJob *job;

  g_return_if_fail (CIV_IS_SCANNER (self));
  g_return_if_fail (settings != NULL && settings->device != NULL);
  g_return_if_fail (settings->mode < CIV_N_SCAN_MODES);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, civ_scanner_scan_async);
  job = g_new0 (ScanJob, 1);
  job->settings = settings_copy (settings);
  job->progress = progress;
  job->progress_data = progress_data;
  g_task_set_task_data (task, job, (GDestroyNotify) scan_job_free);
  push_job (self, scan_job, task);
}

GPtrArray *
civ_scanner_scan_finish (CivScanner *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
_civ_scanner_set_read_hook (CivScanner *self, CivScanReadHook hook, gpointer data)
{
  g_return_if_fail (CIV_IS_SCANNER (self));
  self->read_hook = hook;
  self->read_hook_data = data;
}

/* Saving */

static cairo_surface_t *
page_surface (const CivScanPage *page)
{
  cairo_surface_t *surface =
    cairo_image_surface_create (CAIRO_FORMAT_RGB24, page->width, page->height);
  const guint8 *src = g_bytes_get_data (page->pixels, NULL);
  guint8       *dest;
  int           stride;

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    return surface;
  cairo_surface_flush (surface);
  dest = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < page->height; y++)
    {
      const guint8 *line = src + (gsize) y * page->stride;
      guint32      *out = (guint32 *) (dest + (gsize) y * stride);

      for (int x = 0; x < page->width; x++)
        {
          guint8 r, g, b;

          if (page->channels == 3)
            r = line[3 * x], g = line[3 * x + 1], b = line[3 * x + 2];
          else
            r = g = b = line[x];
          out[x] = (guint32) r << 16 | (guint32) g << 8 | b;
        }
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

static gboolean
page_ok (const CivScanPage *page, GError **error)
{
  if (page == NULL || page->pixels == NULL || page->width <= 0 || page->height <= 0 ||
      page->width > CIV_SCAN_MAX_SIDE || page->height > CIV_SCAN_MAX_SIDE ||
      (page->channels != 1 && page->channels != 3) || page->stride < page->width * page->channels ||
      g_bytes_get_size (page->pixels) < (gsize) page->stride * page->height)
    {
      g_set_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_ANSWER,
                   _ ("A scanned page is damaged. Scan it again."));
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  GByteArray *bytes;
  gboolean    too_large;
} Sink;

static cairo_status_t
sink_write (void *closure, const unsigned char *data, unsigned int length)
{
  Sink *sink = closure;

  /* Past the limit the rest is dropped, not refused: cairo's error path
   * (a write error) leaks what the surface holds (cairo 1.18); the caller
   * sees too_large and keeps nothing. */
  if (sink->too_large || sink->bytes->len + (gsize) length > CIV_DOCUMENT_MAX_BYTES)
    {
      sink->too_large = TRUE;
      return CAIRO_STATUS_SUCCESS;
    }
  g_byte_array_append (sink->bytes, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
set_too_large (GError **error)
{
  g_autofree char *limit = g_format_size (CIV_DOCUMENT_MAX_BYTES);

  g_set_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_TOO_LARGE,
               _ ("The scan makes a document larger than %s, the most a document may have. Scan "
                  "again at a lower resolution, or in grey or black and white."),
               limit);
}

static double
page_points (int pixels, double dpi)
{
  return pixels * 72.0 / (dpi >= 25 ? dpi : 300);
}

/* The bytes @sink gathered for cairo, or NULL with the reason: too large
 * for a document, or cairo's @status (a PDF when @pdf, else a PNG). */
static GBytes *
sink_finish (Sink *sink, cairo_status_t status, gboolean pdf, GError **error)
{
  if (sink->too_large)
    {
      g_byte_array_unref (sink->bytes);
      set_too_large (error);
      return NULL;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_byte_array_unref (sink->bytes);
      if (pdf)
        g_set_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_TOO_LARGE,
                     _ ("The PDF of the scan could not be made (%s). Scan again at a lower "
                        "resolution."),
                     cairo_status_to_string (status));
      else
        g_set_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_TOO_LARGE,
                     _ ("The image of the scan could not be made (%s). Scan again at a lower "
                        "resolution."),
                     cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (sink->bytes);
}

GBytes *
civ_scan_pages_to_pdf (GPtrArray *pages, GError **error)
{
  Sink             sink = { g_byte_array_new (), FALSE };
  cairo_surface_t *pdf;
  cairo_status_t   status;
  GPtrArray       *images;

  g_return_val_if_fail (pages != NULL, NULL);

  if (pages->len == 0)
    {
      g_byte_array_unref (sink.bytes);
      g_set_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_NO_PAGES,
                   _ ("No page was scanned. Scan a page first."));
      return NULL;
    }
  for (guint i = 0; i < pages->len; i++)
    if (!page_ok (g_ptr_array_index (pages, i), error))
      {
        g_byte_array_unref (sink.bytes);
        return NULL;
      }
  /* The pages' pictures live until the PDF is finished: the PDF surface
   * writes them out at the end, and a picture destroyed before would be
   * copied first (a whole page each). */
  images = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  pdf = cairo_pdf_surface_create_for_stream (sink_write, &sink, 595, 842);
  cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_CREATOR, "Civreg");
  for (guint i = 0; i < pages->len && !sink.too_large; i++)
    {
      const CivScanPage *page = g_ptr_array_index (pages, i);
      cairo_surface_t   *image = page_surface (page);
      double             scale = 72.0 / (page->resolution >= 25 ? page->resolution : 300);
      cairo_t           *cr;

      cairo_pdf_surface_set_size (pdf, page_points (page->width, page->resolution),
                                  page_points (page->height, page->resolution));
      cr = cairo_create (pdf);
      cairo_scale (cr, scale, scale);
      cairo_set_source_surface (cr, image, 0, 0);
      cairo_paint (cr);
      cairo_show_page (cr);
      cairo_destroy (cr);
      g_ptr_array_add (images, image);
    }
  cairo_surface_finish (pdf);
  status = cairo_surface_status (pdf);
  cairo_surface_destroy (pdf);
  g_ptr_array_unref (images);
  return sink_finish (&sink, status, TRUE, error);
}

GBytes *
civ_scan_page_to_png (const CivScanPage *page, GError **error)
{
  Sink             sink = { g_byte_array_new (), FALSE };
  cairo_surface_t *image;
  cairo_status_t   status;

  if (!page_ok (page, error))
    {
      g_byte_array_unref (sink.bytes);
      return NULL;
    }
  image = page_surface (page);
  status = cairo_surface_write_to_png_stream (image, sink_write, &sink);
  cairo_surface_destroy (image);
  return sink_finish (&sink, status, FALSE, error);
}

GPtrArray *
civ_scan_pages_to_documents (
  GPtrArray *pages, CivScanSave save, CivDocumentKind kind, const char *base_name, GError **error)
{
  g_autoptr (GPtrArray) out =
    g_ptr_array_new_with_free_func ((GDestroyNotify) civ_document_input_free);

  g_return_val_if_fail (pages != NULL, NULL);
  g_return_val_if_fail (kind < CIV_N_DOCUMENT_KINDS, NULL);

  if (base_name == NULL || *base_name == '\0')
    base_name = "scan";
  if (save == CIV_SCAN_SAVE_PDF)
    {
      g_autoptr (GBytes) pdf = civ_scan_pages_to_pdf (pages, error);
      g_autofree char  *name = g_strconcat (base_name, ".pdf", NULL);
      CivDocumentInput *input;

      if (pdf == NULL)
        return NULL;
      input = civ_document_input_new (kind, name, pdf, error);
      if (input == NULL)
        return NULL;
      g_ptr_array_add (out, input);
      return g_steal_pointer (&out);
    }
  if (pages->len == 0)
    {
      g_set_error (error, CIV_SCANNER_ERROR, CIV_SCANNER_ERROR_NO_PAGES,
                   _ ("No page was scanned. Scan a page first."));
      return NULL;
    }
  for (guint i = 0; i < pages->len; i++)
    {
      g_autoptr (GBytes) png = civ_scan_page_to_png (g_ptr_array_index (pages, i), error);
      g_autofree char  *name = NULL;
      CivDocumentInput *input;

      if (png == NULL)
        return NULL;
      name = pages->len == 1 ? g_strconcat (base_name, ".png", NULL)
                             : g_strdup_printf ("%s-%u.png", base_name, i + 1);
      input = civ_document_input_new (kind, name, png, error);
      if (input == NULL)
        return NULL;
      g_ptr_array_add (out, input);
    }
  return g_steal_pointer (&out);
}

typedef struct
{
  GPtrArray      *pages;
  CivScanSave     save;
  CivDocumentKind kind;
  char           *base_name;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_ptr_array_unref (job->pages);
  g_free (job->base_name);
  g_free (job);
}

static void
save_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  SaveJob   *job = data;
  GError    *error = NULL;
  GPtrArray *out =
    civ_scan_pages_to_documents (job->pages, job->save, job->kind, job->base_name, &error);

  if (out == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, out, (GDestroyNotify) g_ptr_array_unref);
}

void
civ_scan_pages_to_documents_async (GPtrArray          *pages,
                                   CivScanSave         save,
                                   CivDocumentKind     kind,
                                   const char         *base_name,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  SaveJob *job = g_new0 (SaveJob, 1);

  job->pages = g_ptr_array_ref (pages);
  job->save = save;
  job->kind = kind;
  job->base_name = g_strdup (base_name);
  g_task_set_source_tag (task, civ_scan_pages_to_documents_async);
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, save_thread);
}

GPtrArray *
civ_scan_pages_to_documents_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The object */

CivScanner *
civ_scanner_dup_default (void)
{
  CivScanner *self;

  g_mutex_lock (&default_lock);
  self = g_weak_ref_get (&default_scanner);
  if (self == NULL)
    {
      self = g_object_new (CIV_TYPE_SCANNER, NULL);
      g_weak_ref_set (&default_scanner, self);
    }
  g_mutex_unlock (&default_lock);
  return self;
}

static void
civ_scanner_finalize (GObject *object)
{
  CivScanner *self = CIV_SCANNER (object);
  Job        *quit = g_new0 (Job, 1);

  /* Jobs still queued end as cancelled; a scan stops at its next block. */
  g_cancellable_cancel (self->closing);
  g_async_queue_push (self->jobs, quit);
  g_thread_join (self->thread);
  g_async_queue_unref (self->jobs);
  g_object_unref (self->closing);
  G_OBJECT_CLASS (civ_scanner_parent_class)->finalize (object);
}

static void
civ_scanner_class_init (CivScannerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = civ_scanner_finalize;
}

static void
civ_scanner_init (CivScanner *self)
{
  self->jobs = g_async_queue_new ();
  self->closing = g_cancellable_new ();
  self->thread = g_thread_new ("civ-scanner", worker_main, self);
}
