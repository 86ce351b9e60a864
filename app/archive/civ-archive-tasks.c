// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-archive-tasks.c — the archive service's functions as worker jobs */
#include "civ-archive-tasks.h"

#include "civ-coverage-report.h"

/* A job's arguments: what every function of the service takes, copied. */
typedef struct
{
  char                *book;
  int                  page;
  int                  slot;
  int                  n_pages;
  int                  state;
  int                  year;
  char                *text; /* a note, a file name */
  GBytes              *bytes;
  CivHistoricalInput  *input;
  CivArchiveBookInput *book_input;
  GDateTime           *started;
} Job;

static Job *
job_new (const char *book)
{
  Job *job = g_new0 (Job, 1);

  job->book = g_strdup (book);
  return job;
}

static void
job_free (Job *job)
{
  g_free (job->book);
  g_free (job->text);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_clear_pointer (&job->input, civ_historical_input_free);
  g_clear_pointer (&job->book_input, civ_archive_book_input_free);
  g_clear_pointer (&job->started, g_date_time_unref);
  g_free (job);
}

/* A result that may be NULL without an error (none found). */
static gboolean
nullable_result (gpointer value, GError *local, gpointer *result, GError **error)
{
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  *result = value;
  return TRUE;
}

static void
call (CivSession         *session,
      gpointer            source_object,
      GCancellable       *cancellable,
      CivStoreFunc        func,
      Job                *job,
      GDestroyNotify      result_free,
      GAsyncReadyCallback callback,
      gpointer            user_data)
{
  civ_session_call (session, source_object, cancellable, func, job, (GDestroyNotify) job_free,
                    result_free, callback, user_data);
}

/* Books ------------------------------------------------------------------------ */

static gboolean
book_list_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  *result = civ_archive_book_list (store, error);
  return *result != NULL;
}

void
civ_archive_book_list_async (CivSession         *session,
                             gpointer            source_object,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  g_return_if_fail (CIV_IS_SESSION (session));

  call (session, source_object, cancellable, book_list_func, job_new (NULL),
        (GDestroyNotify) g_ptr_array_unref, callback, user_data);
}

GPtrArray *
civ_archive_book_list_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}

static gboolean
book_get_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  Job     *job = data;
  GError  *local = NULL;
  gpointer value = civ_archive_book_get (store, job->book, &local);

  return nullable_result (value, local, result, error);
}

void
civ_archive_book_get_async (CivSession         *session,
                            gpointer            source_object,
                            const char         *book,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  g_return_if_fail (CIV_IS_SESSION (session) && book != NULL);

  call (session, source_object, cancellable, book_get_func, job_new (book),
        (GDestroyNotify) civ_archive_book_free, callback, user_data);
}

CivArchiveBook *
civ_archive_book_get_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}

CivArchiveBookInput *
civ_archive_book_input_new (void)
{
  CivArchiveBookInput *input = g_new0 (CivArchiveBookInput, 1);

  input->category = CIV_HIST_MARRIAGE;
  input->slots_per_page = 1;
  input->pages = 1;
  input->double_keying = TRUE;
  return input;
}

CivArchiveBookInput *
civ_archive_book_input_copy (const CivArchiveBookInput *input)
{
  CivArchiveBookInput *copy = g_memdup2 (input, sizeof *input);

  copy->archive_no = g_strdup (input->archive_no);
  copy->title = g_strdup (input->title);
  copy->office_code = g_strdup (input->office_code);
  copy->office_name = g_strdup (input->office_name);
  return copy;
}

void
civ_archive_book_input_free (CivArchiveBookInput *input)
{
  if (input == NULL)
    return;
  g_free (input->archive_no);
  g_free (input->title);
  g_free (input->office_code);
  g_free (input->office_name);
  g_free (input);
}

static gboolean
book_create_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  Job *job = data;

  *result = civ_archive_book_create (store, job->book_input, error);
  return *result != NULL;
}

void
civ_archive_book_create_async (CivSession                *session,
                               gpointer                   source_object,
                               const CivArchiveBookInput *input,
                               GCancellable              *cancellable,
                               GAsyncReadyCallback        callback,
                               gpointer                   user_data)
{
  Job *job;

  g_return_if_fail (CIV_IS_SESSION (session) && input != NULL);

  job = job_new (NULL);
  job->book_input = civ_archive_book_input_copy (input);
  call (session, source_object, cancellable, book_create_func, job,
        (GDestroyNotify) civ_archive_book_free, callback, user_data);
}

CivArchiveBook *
civ_archive_book_create_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}

/* Page images -------------------------------------------------------------------- */

static gboolean
image_attach_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  Job   *job = data;
  gint64 id = civ_archive_image_attach (store, job->book, job->page, job->n_pages, job->text,
                                        job->bytes, error);

  if (id <= 0)
    return FALSE;
  *result = g_memdup2 (&id, sizeof id);
  return TRUE;
}

void
civ_archive_image_attach_async (CivSession         *session,
                                gpointer            source_object,
                                const char         *book,
                                int                 first_page,
                                int                 n_pages,
                                const char         *file_name,
                                GBytes             *content,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  Job *job;

  g_return_if_fail (CIV_IS_SESSION (session) && book != NULL && file_name != NULL &&
                    content != NULL);

  job = job_new (book);
  job->page = first_page;
  job->n_pages = n_pages;
  job->text = g_strdup (file_name);
  job->bytes = g_bytes_ref (content);
  call (session, source_object, cancellable, image_attach_func, job, g_free, callback, user_data);
}

gint64
civ_archive_image_attach_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  g_autofree gint64 *id = civ_session_call_finish_value (session, result, error);

  return id != NULL ? *id : 0;
}

void
civ_archive_page_image_free (CivArchivePageImage *image)
{
  if (image == NULL)
    return;
  g_clear_pointer (&image->bytes, g_bytes_unref);
  g_clear_pointer (&image->image, civ_archive_image_free);
  g_free (image);
}

static gboolean
page_image_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  Job             *job = data;
  GError          *local = NULL;
  CivArchiveImage *image = NULL;
  int              index = 0;
  GBytes *bytes = civ_archive_page_image (store, job->book, job->page, &image, &index, &local);
  CivArchivePageImage *value = NULL;

  if (bytes != NULL)
    {
      value = g_new0 (CivArchivePageImage, 1);
      value->page = job->page;
      value->bytes = bytes;
      value->image = image;
      value->index = index;
    }
  else
    g_clear_pointer (&image, civ_archive_image_free);
  return nullable_result (value, local, result, error);
}

void
civ_archive_page_image_async (CivSession         *session,
                              gpointer            source_object,
                              const char         *book,
                              int                 page,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  Job *job;

  g_return_if_fail (CIV_IS_SESSION (session) && book != NULL);

  job = job_new (book);
  job->page = page;
  call (session, source_object, cancellable, page_image_func, job,
        (GDestroyNotify) civ_archive_page_image_free, callback, user_data);
}

CivArchivePageImage *
civ_archive_page_image_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}

/* The ledger and keying ---------------------------------------------------------- */

static gboolean
ledger_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  Job *job = data;

  *result = civ_archive_ledger (store, job->book, error);
  return *result != NULL;
}

void
civ_archive_ledger_async (CivSession         *session,
                          gpointer            source_object,
                          const char         *book,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  g_return_if_fail (CIV_IS_SESSION (session) && book != NULL);

  call (session, source_object, cancellable, ledger_func, job_new (book),
        (GDestroyNotify) g_ptr_array_unref, callback, user_data);
}

GPtrArray *
civ_archive_ledger_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}

static gboolean
mark_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  Job *job = data;

  return civ_archive_slot_mark (store, job->book, job->page, job->slot, (CivSlotState) job->state,
                                job->text, error);
}

void
civ_archive_slot_mark_async (CivSession         *session,
                             gpointer            source_object,
                             const char         *book,
                             int                 page,
                             int                 slot,
                             CivSlotState        state,
                             const char         *note,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  Job *job;

  g_return_if_fail (CIV_IS_SESSION (session) && book != NULL);

  job = job_new (book);
  job->page = page;
  job->slot = slot;
  job->state = state;
  job->text = g_strdup (note);
  call (session, source_object, cancellable, mark_func, job, NULL, callback, user_data);
}

gboolean
civ_archive_slot_mark_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish (session, result, NULL, error);
}

static gboolean
key_entry_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  Job *job = data;

  *result =
    civ_archive_key_entry (store, job->book, job->page, job->slot, job->input, job->started, error);
  return *result != NULL;
}

void
civ_archive_key_entry_async (CivSession               *session,
                             gpointer                  source_object,
                             const char               *book,
                             int                       page,
                             int                       slot,
                             const CivHistoricalInput *input,
                             GDateTime                *started,
                             GCancellable             *cancellable,
                             GAsyncReadyCallback       callback,
                             gpointer                  user_data)
{
  Job *job;

  g_return_if_fail (CIV_IS_SESSION (session) && book != NULL && input != NULL);

  job = job_new (book);
  job->page = page;
  job->slot = slot;
  job->input = civ_historical_input_copy (input);
  job->started = started ? g_date_time_ref (started) : NULL;
  call (session, source_object, cancellable, key_entry_func, job,
        (GDestroyNotify) civ_keying_result_free, callback, user_data);
}

CivKeyingResult *
civ_archive_key_entry_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}

static gboolean
disputes_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  Job *job = data;

  *result = civ_archive_disputes (store, job->book, error);
  return *result != NULL;
}

void
civ_archive_disputes_async (CivSession         *session,
                            gpointer            source_object,
                            const char         *book,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  g_return_if_fail (CIV_IS_SESSION (session));

  call (session, source_object, cancellable, disputes_func, job_new (book),
        (GDestroyNotify) g_ptr_array_unref, callback, user_data);
}

GPtrArray *
civ_archive_disputes_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}

static gboolean
reconcile_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  Job *job = data;

  *result = civ_archive_reconcile (store, job->book, job->page, job->slot, job->input, error);
  return *result != NULL;
}

void
civ_archive_reconcile_async (CivSession               *session,
                             gpointer                  source_object,
                             const char               *book,
                             int                       page,
                             int                       slot,
                             const CivHistoricalInput *final,
                             GCancellable             *cancellable,
                             GAsyncReadyCallback       callback,
                             gpointer                  user_data)
{
  Job *job;

  g_return_if_fail (CIV_IS_SESSION (session) && book != NULL && final != NULL);

  job = job_new (book);
  job->page = page;
  job->slot = slot;
  job->input = civ_historical_input_copy (final);
  call (session, source_object, cancellable, reconcile_func, job,
        (GDestroyNotify) civ_keying_result_free, callback, user_data);
}

CivKeyingResult *
civ_archive_reconcile_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}

/* Figures and coverage ------------------------------------------------------------ */

static gboolean
figures_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  *result = civ_archive_keyer_figures (store, error);
  return *result != NULL;
}

void
civ_archive_keyer_figures_async (CivSession         *session,
                                 gpointer            source_object,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_return_if_fail (CIV_IS_SESSION (session));

  call (session, source_object, cancellable, figures_func, job_new (NULL),
        (GDestroyNotify) g_ptr_array_unref, callback, user_data);
}

GPtrArray *
civ_archive_keyer_figures_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}

static gboolean
coverage_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  Job *job = data;

  *result = civ_archive_coverage (store, (CivCoverageGroup) job->state, job->year, error);
  return *result != NULL;
}

void
civ_archive_coverage_async (CivSession         *session,
                            gpointer            source_object,
                            CivCoverageGroup    group,
                            int                 year,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  Job *job;

  g_return_if_fail (CIV_IS_SESSION (session));

  job = job_new (NULL);
  job->state = group;
  job->year = year;
  call (session, source_object, cancellable, coverage_func, job, (GDestroyNotify) g_ptr_array_unref,
        callback, user_data);
}

GPtrArray *
civ_archive_coverage_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}

/* Import ---------------------------------------------------------------------------- */

CivImportOptions *
civ_import_options_copy (const CivImportOptions *options)
{
  CivImportOptions *copy = civ_import_options_new (options->path);

  g_free (copy->encoding);
  copy->encoding = g_strdup (options->encoding);
  copy->dry_run = options->dry_run;
  copy->skip_invalid = options->skip_invalid;
  copy->force = options->force;
  g_free (copy->errors_path);
  copy->errors_path = g_strdup (options->errors_path);
  return copy;
}

/* The progress the worker saw last, handed to the caller's main context:
 * one call queued at a time, at most every CIV_ARCHIVE_PROGRESS_MS. */
typedef struct
{
  gatomicrefcount       ref;
  GMutex                lock;
  GMainContext         *context;
  CivImportProgressFunc func;
  gpointer              data;
  GDestroyNotify        destroy;
  /* Under the lock */
  guint64               rows, bytes_done, bytes_total;
  double                rate, seconds_left;
  gboolean              fresh;   /* values not handed on yet */
  gboolean              queued;  /* a call is queued in the context */
  gint64                last_us; /* when the last call was queued */
  /* Only in the context */
  gboolean              finished; /* no call any more */
} Progress;

static Progress *
progress_ref (Progress *p)
{
  g_atomic_ref_count_inc (&p->ref);
  return p;
}

static void
progress_unref (Progress *p)
{
  if (!g_atomic_ref_count_dec (&p->ref))
    return;
  /* Normally destroyed at the end in the context (progress_finish). */
  if (p->destroy != NULL && p->data != NULL)
    p->destroy (p->data);
  g_main_context_unref (p->context);
  g_mutex_clear (&p->lock);
  g_free (p);
}

/* In the caller's context: the newest values, if any. */
static void
progress_deliver (Progress *p)
{
  guint64  rows, done, total;
  double   rate, left;
  gboolean fresh;

  g_mutex_lock (&p->lock);
  fresh = p->fresh;
  rows = p->rows;
  done = p->bytes_done;
  total = p->bytes_total;
  rate = p->rate;
  left = p->seconds_left;
  p->fresh = FALSE;
  p->queued = FALSE;
  g_mutex_unlock (&p->lock);
  if (fresh && !p->finished && p->func != NULL)
    p->func (rows, done, total, rate, left, p->data);
}

static gboolean
progress_idle (gpointer data)
{
  progress_deliver (data);
  return G_SOURCE_REMOVE;
}

/* On the worker, from civ_archive_import (). */
static void
progress_from_worker (guint64  rows,
                      guint64  bytes_done,
                      guint64  bytes_total,
                      double   rows_per_second,
                      double   seconds_left,
                      gpointer user_data)
{
  Progress *p = user_data;
  gint64    now = g_get_monotonic_time ();
  gboolean  queue = FALSE;

  g_mutex_lock (&p->lock);
  p->rows = rows;
  p->bytes_done = bytes_done;
  p->bytes_total = bytes_total;
  p->rate = rows_per_second;
  p->seconds_left = seconds_left;
  p->fresh = TRUE;
  if (!p->queued && now - p->last_us >= CIV_ARCHIVE_PROGRESS_MS * 1000)
    {
      p->queued = TRUE;
      p->last_us = now;
      queue = TRUE;
    }
  g_mutex_unlock (&p->lock);
  if (queue)
    {
      GSource *source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, progress_idle, progress_ref (p),
                             (GDestroyNotify) progress_unref);
      g_source_set_static_name (source, "[civreg] import progress");
      g_source_attach (source, p->context);
      g_source_unref (source);
    }
}

/* In the context, when the import has ended: the last values, then no more. */
static void
progress_finish (Progress *p)
{
  progress_deliver (p);
  p->finished = TRUE;
  if (p->destroy != NULL && p->data != NULL)
    p->destroy (p->data);
  p->data = NULL;
}

typedef struct
{
  CivImportOptions *options;
  Progress         *progress;
  GCancellable     *cancellable;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  civ_import_options_free (job->options);
  progress_unref (job->progress);
  g_clear_object (&job->cancellable);
  g_free (job);
}

static gboolean
import_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  ImportJob *job = data;

  *result = civ_archive_import (store, job->options, progress_from_worker, job->progress,
                                job->cancellable, error);
  return *result != NULL;
}

static void
on_import_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Progress        *progress = g_task_get_task_data (task);
  GError          *error = NULL;
  CivImportResult *value;

  value = civ_session_call_finish_value (CIV_SESSION (source), result, &error);
  progress_finish (progress);
  if (value == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, value, (GDestroyNotify) civ_import_result_free);
}

void
civ_archive_import_async (CivSession             *session,
                          gpointer                source_object,
                          const CivImportOptions *options,
                          CivImportProgressFunc   progress,
                          gpointer                progress_data,
                          GDestroyNotify          progress_destroy,
                          GCancellable           *cancellable,
                          GAsyncReadyCallback     callback,
                          gpointer                user_data)
{
  GTask     *task;
  Progress  *p;
  ImportJob *job;

  g_return_if_fail (CIV_IS_SESSION (session) && options != NULL && options->path != NULL);

  p = g_new0 (Progress, 1);
  g_atomic_ref_count_init (&p->ref);
  g_mutex_init (&p->lock);
  p->context = g_main_context_ref_thread_default ();
  p->func = progress;
  p->data = progress_data;
  p->destroy = progress_destroy;

  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, civ_archive_import_async);
  g_task_set_task_data (task, progress_ref (p), (GDestroyNotify) progress_unref);

  job = g_new0 (ImportJob, 1);
  job->options = civ_import_options_copy (options);
  job->progress = p; /* the first reference */
  job->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  /* The job's own result is handed on by on_import_done_cb: the session
   * call is not cancelled by the import's cancellable (the import itself
   * is, and says so), so the result is never dropped on the way. */
  civ_session_call (session, session, NULL, import_func, job, (GDestroyNotify) import_job_free,
                    (GDestroyNotify) civ_import_result_free, on_import_done_cb, task);
}

CivImportResult *
civ_archive_import_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (G_IS_TASK (result) &&
                          g_task_get_source_tag (G_TASK (result)) == civ_archive_import_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The coverage report ------------------------------------------------------------- */

static gboolean
coverage_report_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  Job *job = data;
  g_autoptr (CivCoverageReport) report = civ_coverage_report_collect (store, job->year, error);

  if (report == NULL)
    return FALSE;
  /* Plain data from here on: writing it touches no database. */
  return civ_coverage_report_write (report, job->text, job->state != 0, error);
}

void
civ_archive_coverage_report_async (CivSession         *session,
                                   gpointer            source_object,
                                   int                 year,
                                   const char         *path,
                                   gboolean            pdf,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  Job *job;

  g_return_if_fail (CIV_IS_SESSION (session) && path != NULL);

  job = job_new (NULL);
  job->year = year;
  job->text = g_strdup (path);
  job->state = pdf;
  call (session, source_object, cancellable, coverage_report_func, job, NULL, callback, user_data);
}

gboolean
civ_archive_coverage_report_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish (session, result, NULL, error);
}
