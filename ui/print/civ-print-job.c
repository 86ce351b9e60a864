// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-print-job.c — one print flow: load, build, run, note, tell */
#include "civ-print-job.h"

#include <glib/gi18n.h>

#include "civ-print.h"
#include "civ-ui-util.h"

struct _CivPrintJob
{
  GObject parent_instance;

  GtkWidget    *owner; /* weak */
  CivSession   *session;
  GCancellable *cancellable;

  CivPrintSource *source;

  CivPrintBuildFunc build_func;
  gpointer          build_data;
  GDestroyNotify    build_data_free;

  CivBlankPrint *blanks;

  char            *export_path;
  char            *export_message;
  GSettings       *settings;
  CivPrintTellFunc tell_func;
  gpointer         tell_data;
  gboolean         finished;
};

G_DEFINE_FINAL_TYPE (CivPrintJob, civ_print_job, G_TYPE_OBJECT)

enum
{
  SIGNAL_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
civ_print_job_dispose (GObject *object)
{
  CivPrintJob *self = CIV_PRINT_JOB (object);

  g_clear_weak_pointer (&self->owner);
  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->source, civ_print_source_free);
  if (self->build_data_free && self->build_data)
    self->build_data_free (g_steal_pointer (&self->build_data));
  g_clear_pointer (&self->blanks, civ_blank_print_free);
  g_clear_pointer (&self->export_path, g_free);
  g_clear_pointer (&self->export_message, g_free);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (civ_print_job_parent_class)->dispose (object);
}

static void
civ_print_job_class_init (CivPrintJobClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = civ_print_job_dispose;

  signals[SIGNAL_FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
civ_print_job_init (CivPrintJob *self)
{
  self->settings = civ_print_load_settings ();
}

GSettings *
civ_print_job_get_settings (CivPrintJob *self)
{
  g_return_val_if_fail (CIV_IS_PRINT_JOB (self), NULL);
  return self->settings;
}

CivPrintJob *
civ_print_job_new (GtkWidget *owner, CivSession *session, GCancellable *cancellable)
{
  CivPrintJob *self;

  g_return_val_if_fail (GTK_IS_WIDGET (owner), NULL);
  g_return_val_if_fail (CIV_IS_SESSION (session), NULL);

  self = g_object_new (CIV_TYPE_PRINT_JOB, NULL);
  g_set_weak_pointer (&self->owner, owner);
  self->session = g_object_ref (session);
  self->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  return self;
}

void
civ_print_job_set_source (CivPrintJob *self, CivPrintSource *source)
{
  g_return_if_fail (CIV_IS_PRINT_JOB (self));
  g_clear_pointer (&self->source, civ_print_source_free);
  self->source = source;
}

void
civ_print_job_set_build (CivPrintJob      *self,
                         CivPrintBuildFunc func,
                         gpointer          user_data,
                         GDestroyNotify    destroy)
{
  g_return_if_fail (CIV_IS_PRINT_JOB (self));
  self->build_func = func;
  self->build_data = user_data;
  self->build_data_free = destroy;
}

void
civ_print_job_set_blanks (CivPrintJob *self, const char *certificate_no, const char *const *serials)
{
  g_return_if_fail (CIV_IS_PRINT_JOB (self));
  g_clear_pointer (&self->blanks, civ_blank_print_free);
  if (certificate_no != NULL && serials != NULL)
    self->blanks = civ_blank_print_new (certificate_no, serials);
}

void
civ_print_job_set_export (CivPrintJob *self, const char *path, const char *message)
{
  g_return_if_fail (CIV_IS_PRINT_JOB (self));
  g_free (self->export_path);
  self->export_path = g_strdup (path);
  g_free (self->export_message);
  self->export_message = g_strdup (message);
}

void
civ_print_job_set_tell (CivPrintJob *self, CivPrintTellFunc tell, gpointer user_data)
{
  g_return_if_fail (CIV_IS_PRINT_JOB (self));
  self->tell_func = tell;
  self->tell_data = user_data;
}

static void
tell (CivPrintJob *self, const char *message)
{
  if (message == NULL || self->owner == NULL)
    return;
  if (self->tell_func)
    self->tell_func (self->tell_data, message);
  else
    civ_ui_toast (self->owner, message);
}

static void
tell_error (CivPrintJob *self, const GError *error)
{
  g_autofree char *message = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      civ_session_get_locked (self->session))
    return;
  message = civ_ui_describe_error (error);
  tell (self, message);
}

/* Emits "finished" once and drops the job's own reference. */
static void
finish (CivPrintJob *self, gboolean printed)
{
  if (self->finished)
    return;
  self->finished = TRUE;
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, printed);
  g_object_unref (self);
}

static void
on_noted_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivPrintJob *self = user_data;
  g_autoptr (GError) error = NULL;

  if (!civ_print_source_note_finish (self->session, result, &error))
    tell_error (self, error);
  else if (self->blanks != NULL)
    {
      g_autofree char *message = civ_blank_print_describe (self->blanks);
      tell (self, message);
    }
  finish (self, TRUE);
}

/* It went out: record it on the worker (whatever the owner does meanwhile). */
static void
printed (CivPrintJob *self)
{
  civ_print_source_note_async (self->session, self->source,
                               self->blanks ? self->blanks->certificate_no : NULL,
                               self->blanks ? (const char *const *) self->blanks->serials : NULL,
                               NULL, NULL, on_noted_cb, self);
}

static void
on_operation_done_cb (GtkPrintOperation *operation, GtkPrintOperationResult result, gpointer data)
{
  CivPrintJob *self = data;

  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      civ_print_remember_printer (self->settings,
                                  gtk_print_operation_get_print_settings (operation));
      printed (self);
      return;
    }
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr (GError) error = NULL;
      gtk_print_operation_get_error (operation, &error);
      tell (self, error ? error->message : _ ("Printing failed."));
    }
  finish (self, FALSE);
}

static void
on_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivPrintJob *self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GtkPrintOperation) operation = NULL;
  g_autofree char *problem = NULL;
  g_autoptr (CivPrintable) loaded = NULL;

  loaded = civ_print_source_load_finish (self->session, result, &error);
  if (loaded == NULL)
    {
      tell_error (self, error);
      finish (self, FALSE);
      return;
    }
  operation = self->build_func (self, loaded, self->build_data, &problem);
  g_clear_pointer (&loaded, civ_printable_free);
  if (operation == NULL)
    {
      tell (self, problem ? problem : _ ("Printing failed."));
      finish (self, FALSE);
      return;
    }
  if (self->export_path != NULL)
    {
      if (civ_print_export_pdf (operation, self->export_path, &error))
        {
          tell (self, self->export_message);
          printed (self);
        }
      else
        {
          tell (self, error ? error->message : _ ("Printing failed."));
          finish (self, FALSE);
        }
      return;
    }
  g_signal_connect (operation, "done", G_CALLBACK (on_operation_done_cb), self);
  gtk_print_operation_set_allow_async (operation, TRUE);
  {
    g_autofree char *job_name = NULL;
    g_autoptr (GtkPrintSettings) start = NULL;

    g_object_get (operation, "job-name", &job_name, NULL);
    start = civ_print_settings_for (self->settings, job_name);
    gtk_print_operation_set_print_settings (operation, start);
  }
  {
    GtkRoot *root = self->owner ? gtk_widget_get_root (self->owner) : NULL;

    gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                             GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL);
  }
}

void
civ_print_job_start (CivPrintJob *self)
{
  g_return_if_fail (CIV_IS_PRINT_JOB (self));
  g_return_if_fail (self->source != NULL && self->build_func != NULL);

  /* The job keeps itself until finish (). */
  g_object_ref (self);
  civ_print_source_load_async (self->session, self->source, NULL, self->cancellable, on_loaded_cb,
                               self);
}
