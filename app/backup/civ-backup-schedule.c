// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-backup-schedule.c — backups made by the running application when due */
#include "civ-backup-schedule.h"

#include <glib/gi18n-lib.h>

struct _CivBackupSchedule
{
  GObject parent_instance;

  CivSession   *session;
  GSettings    *settings;
  guint         timer;
  GCancellable *cancellable;
  gboolean      running; /* a check or a backup is under way */
};

G_DEFINE_FINAL_TYPE (CivBackupSchedule, civ_backup_schedule, G_TYPE_OBJECT)

enum
{
  SIGNAL_CHECKED,
  SIGNAL_FINISHED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static void
civ_backup_schedule_dispose (GObject *object)
{
  CivBackupSchedule *self = CIV_BACKUP_SCHEDULE (object);

  civ_backup_schedule_stop (self);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (civ_backup_schedule_parent_class)->dispose (object);
}

static void
civ_backup_schedule_class_init (CivBackupScheduleClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = civ_backup_schedule_dispose;

  signals[SIGNAL_CHECKED] = g_signal_new ("checked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_BOOLEAN, G_TYPE_STRING);
}

static void
civ_backup_schedule_init (CivBackupSchedule *self)
{
}

static gboolean
on_timer (gpointer user_data)
{
  civ_backup_schedule_check_now (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_first (gpointer user_data)
{
  CivBackupSchedule *self = user_data;

  civ_backup_schedule_check_now (self);
  self->timer = g_timeout_add_seconds (CIV_BACKUP_SCHEDULE_PERIOD_S, on_timer, self);
  return G_SOURCE_REMOVE;
}

CivBackupSchedule *
civ_backup_schedule_new (CivSession *session, GSettings *settings)
{
  CivBackupSchedule *self = g_object_new (CIV_TYPE_BACKUP_SCHEDULE, NULL);

  self->session = g_object_ref (session);
  self->settings = g_object_ref (settings);
  self->cancellable = g_cancellable_new ();
  /* Not at the login itself: a minute later, when the counter is open. */
  self->timer = g_timeout_add_seconds (60, on_first, self);
  return self;
}

typedef struct
{
  char *folder;
  char *office_code;
  guint interval;
} DueData;

static void
due_data_free (DueData *d)
{
  g_free (d->folder);
  g_free (d->office_code);
  g_free (d);
}

/* On a thread of its own: lists the folder (no database). */
static void
due_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  DueData *d = task_data;
  g_autoptr (GPtrArray) backups = civ_backup_list (d->folder, d->office_code, NULL);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) last = NULL;

  if (backups && backups->len > 0)
    last = g_date_time_new_from_iso8601 (((CivBackupInfo *) backups->pdata[0])->created_at, NULL);
  g_task_return_boolean (task, civ_backup_is_due (last, now, d->interval));
}

static void
made (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CivBackupSchedule) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (CivBackupInfo) info = civ_backup_create_finish (CIV_SESSION (source), result, &error);

  self->running = FALSE;
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, info != NULL,
                 info ? info->path : error->message);
}

static void
due_checked (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CivBackupSchedule) self = user_data;
  gboolean due = g_task_propagate_boolean (G_TASK (result), NULL);

  g_signal_emit (self, signals[SIGNAL_CHECKED], 0, due);
  if (!due || self->session == NULL || civ_session_is_closed (self->session) ||
      civ_session_get_locked (self->session) || g_cancellable_is_cancelled (self->cancellable))
    {
      self->running = FALSE;
      return;
    }
  {
    g_autofree char *folder = g_settings_get_string (self->settings, "backup-folder");
    guint            copies = g_settings_get_uint (self->settings, "backup-copies");

    civ_backup_create_async (self->session, folder, copies, TRUE, self->cancellable, NULL, NULL,
                             made, g_object_ref (self));
  }
}

void
civ_backup_schedule_check_now (CivBackupSchedule *self)
{
  g_autoptr (GTask) task = NULL;
  DueData *d;

  g_return_if_fail (CIV_IS_BACKUP_SCHEDULE (self));
  if (self->running || self->session == NULL || civ_session_is_closed (self->session) ||
      civ_session_get_locked (self->session))
    return;
  d = g_new0 (DueData, 1);
  d->folder = g_settings_get_string (self->settings, "backup-folder");
  d->office_code = g_strdup (civ_session_get_office_code (self->session));
  d->interval = g_settings_get_uint (self->settings, "backup-interval-hours");
  if (d->interval == 0 || d->folder[0] == '\0')
    {
      due_data_free (d);
      g_signal_emit (self, signals[SIGNAL_CHECKED], 0, FALSE);
      return;
    }
  self->running = TRUE;
  task = g_task_new (NULL, NULL, due_checked, g_object_ref (self));
  g_task_set_task_data (task, d, (GDestroyNotify) due_data_free);
  g_task_run_in_thread (task, due_thread);
}

void
civ_backup_schedule_stop (CivBackupSchedule *self)
{
  g_return_if_fail (CIV_IS_BACKUP_SCHEDULE (self));
  g_clear_handle_id (&self->timer, g_source_remove);
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
}

gboolean
civ_backup_schedule_is_running (CivBackupSchedule *self)
{
  return self->running;
}
