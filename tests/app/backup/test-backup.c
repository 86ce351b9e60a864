// SPDX-License-Identifier: GPL-3.0-or-later
/* test-backup.c — the backup service from a window: the quick check after
 * login, backups in steps with progress and cancel, copies kept, the
 * schedule, who may (issue 12, items 2 and 3) */
#define G_SETTINGS_ENABLE_BACKEND
#include <utime.h>
#include <gio/gsettingsbackend.h>
#include <glib/gstdio.h>
#include <string.h>

#include "civ-audit.h"
#include "civ-backup-schedule.h"
#include "civ-backup-service.h"
#include "civ-app-error.h"
#include "civ-test-utils.h"

typedef struct
{
  CivTestCouple couple;
  char         *folder;
} Fixture;

/* The couple's office; backups go to DIR/backups. */
static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  civ_test_couple_set_up (&f->couple, NULL);
  f->folder = g_build_filename (f->couple.dir, "backups", NULL);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  civ_test_couple_tear_down (&f->couple, NULL);
  g_free (f->folder);
}

static gint64
audit_count (CivSession *session, const char *action)
{
  g_autofree char *sql =
    g_strdup_printf ("SELECT count(*) FROM audit_log WHERE action = '%s'", action);

  return civ_test_session_count (session, sql);
}

static void
test_is_due (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_utc (2026, 12, 6, 12, 0, 0);
  g_autoptr (GDateTime) recent = g_date_time_add_hours (now, -23);
  g_autoptr (GDateTime) day = g_date_time_add_hours (now, -24);

  g_assert_false (civ_backup_is_due (NULL, now, 0)); /* off */
  g_assert_false (civ_backup_is_due (day, now, 0));
  g_assert_true (civ_backup_is_due (NULL, now, 24)); /* never made */
  g_assert_false (civ_backup_is_due (recent, now, 24));
  g_assert_true (civ_backup_is_due (day, now, 24));
}

typedef struct
{
  int           calls;
  int           last_copied;
  int           total;
  GCancellable *cancel_at_first; /* cancels at the first progress report */
} Progress;

static void
on_progress (int copied, int total, gpointer user_data)
{
  Progress *p = user_data;

  g_assert_cmpint (copied, >=, p->last_copied);
  g_assert_cmpint (copied, <=, total);
  p->calls++;
  p->last_copied = copied;
  p->total = total;
  if (p->cancel_at_first)
    g_cancellable_cancel (p->cancel_at_first);
}

static guint
entries_in (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d && g_dir_read_name (d))
    n++;
  return n;
}

static CivBackupInfo *
create (Fixture *f, guint copies, GCancellable *cancellable, Progress *p, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  civ_backup_create_async (f->couple.session, f->folder, copies, FALSE, cancellable,
                           p ? on_progress : NULL, p, civ_test_keep_result, &result);
  civ_test_await (&result);
  return civ_backup_create_finish (f->couple.session, result, error);
}

static gboolean
add_documents_job (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  g_autofree char *sql = g_strdup_printf (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d) "
    "INSERT INTO documents (record_id, kind, file_name, media_type, byte_size, sha256, content, "
    "created_by, created_at) SELECT (SELECT record_id FROM marriages LIMIT 1), 'other', "
    "'scan.pdf', 'application/pdf', 40960, printf('%%064d', i), randomblob(40960), 'admin', "
    "'2024-01-10T09:00:00Z' FROM n",
    GPOINTER_TO_INT (data));

  return civ_db_exec (civ_store_get_db (store), sql, error);
}

static void
add_documents (Fixture *f, int n)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  civ_session_call (f->couple.session, NULL, NULL, add_documents_job, GINT_TO_POINTER (n), NULL,
                    NULL, civ_test_keep_result, &result);
  civ_test_await (&result);
  g_assert_true (civ_session_call_finish (f->couple.session, result, NULL, &error));
  g_assert_no_error (error);
}

/* Each step a job of its own, progress between them, a verified backup. */
static void
test_create_async (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivBackupInfo) info = NULL;
  g_autoptr (GPtrArray) list = NULL;
  Progress p = { 0 };

  add_documents (f, 20);
  info = create (f, 0, NULL, &p, &error);
  g_assert_no_error (error);
  g_assert_true (info->verified);
  g_assert_cmpint (info->documents, ==, 20);
  g_assert_cmpint (info->marriages, ==, 1);
  g_test_message ("%d progress reports, %d pages", p.calls, p.total);
  g_assert_cmpint (p.calls, >, 1);
  g_assert_cmpint (p.last_copied, ==, p.total);
  list = civ_backup_list (f->folder, "110101", &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((CivBackupInfo *) list->pdata[0])->path, ==, info->path);
  g_assert_cmpint (audit_count (f->couple.session, "backup.created"), ==, 1);
  g_assert_cmpint (audit_count (f->couple.session, "backup.verified"), ==, 1);
  g_assert_cmpint (audit_count (f->couple.session, "backup.failed"), ==, 0);
}

/* Cancelled between two steps: nothing is kept, the failure is audited. */
static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (CivBackupInfo) info = NULL;
  Progress p = { .cancel_at_first = cancellable };

  add_documents (f, 20);
  info = create (f, 0, cancellable, &p, &error);
  g_assert_null (info);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (p.calls, ==, 1);
  g_assert_cmpuint (entries_in (f->folder), ==, 0);
  g_assert_cmpint (audit_count (f->couple.session, "backup.failed"), ==, 1);
  g_assert_cmpint (audit_count (f->couple.session, "backup.created"), ==, 0);
}

/* The oldest beyond the copies kept are deleted. */
static void
test_copies_kept (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *newest = NULL;
  g_autofree char *stale =
    g_build_filename (f->folder, ".civreg-110101-20261101-080000-1.partial", NULL);
  g_autofree char *fresh =
    g_build_filename (f->folder, ".civreg-110101-20261206-080000-1.partial", NULL);
  g_autofree char *inside = g_build_filename (stale, "civreg.db", NULL);
  struct utimbuf   old = { .actime = 1700000000, .modtime = 1700000000 };

  /* Left behind by backups that a crash cut short: the one untouched for
   * an hour goes, the other may still be under way in another process. */
  g_assert_cmpint (g_mkdir_with_parents (stale, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (fresh, 0700), ==, 0);
  g_assert_true (g_file_set_contents (inside, "half a copy", -1, NULL));
  g_assert_cmpint (g_utime (stale, &old), ==, 0);

  for (int i = 0; i < 4; i++)
    {
      g_autoptr (CivBackupInfo) info = create (f, 2, NULL, NULL, &error);

      g_assert_no_error (error);
      g_free (newest);
      newest = g_strdup (info->path);
    }
  list = civ_backup_list (f->folder, "110101", &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh, G_FILE_TEST_IS_DIR));
  g_assert_cmpint (g_rmdir (fresh), ==, 0);
  g_assert_cmpuint (entries_in (f->folder), ==, 2);
  g_assert_cmpstr (((CivBackupInfo *) list->pdata[0])->path, ==, newest);
  /* Another office's code lists none of them. */
  g_clear_pointer (&list, g_ptr_array_unref);
  list = civ_backup_list (f->folder, "310101", &error);
  g_assert_cmpuint (list->len, ==, 0);
}

/* A registrar may not back up, verify or restore; the refusal is audited. */
static void
test_registrar_refused (void)
{
  g_autofree char *dir = NULL;
  CivSession      *session = civ_test_clerk_session_new (&dir);
  g_autofree char *folder = g_build_filename (dir, "backups", NULL);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CivBackupInfo) info = NULL;

  civ_backup_create_async (session, folder, 0, FALSE, NULL, NULL, NULL, civ_test_keep_result,
                           &result);
  civ_test_await (&result);
  info = civ_backup_create_finish (session, result, &error);
  g_assert_null (info);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  g_assert_cmpint (civ_test_session_count (session, "SELECT count(*) FROM audit_log WHERE action = "
                                                    "'denied' AND object = "
                                                    "'manage-backups'"),
                   ==, 1);
  g_clear_object (&result);
  g_clear_error (&error);
  civ_backup_verify_async (session, folder, NULL, civ_test_keep_result, &result);
  civ_test_await (&result);
  g_assert_null (civ_backup_verify_finish (session, result, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  civ_test_session_close (session);
  civ_test_rmdir (dir);
}

static gboolean
flip_documents_job (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  gint64           page = 0;
  g_autofree char *path = g_strdup (civ_db_get_path (civ_store_get_db (store)));
  g_autofree char *contents = NULL;
  gsize            len = 0;

  if (!civ_db_query_int64 (civ_store_get_db (store),
                           "SELECT rootpage FROM sqlite_master WHERE name = 'documents'", &page,
                           error) ||
      !civ_db_exec (civ_store_get_db (store), "PRAGMA wal_checkpoint(TRUNCATE)", error) ||
      !g_file_get_contents (path, &contents, &len, error))
    return FALSE;
  for (int i = 0; i < 64; i++)
    contents[(page - 1) * CIV_DB_PAGE_SIZE + 500 + i] ^= 0x5a;
  return g_file_set_contents (path, contents, (gssize) len, error);
}

/* The quick check after login: whole, then damaged (with the table), which
 * is audited; a backup of the damaged office is refused. */
static void
test_check_async (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  add_documents (f, 3);
  for (int round = 0; round < 2; round++)
    {
      g_autoptr (GAsyncResult) result = NULL;
      g_autoptr (CivDamageCheck) check = NULL;

      civ_backup_check_async (f->couple.session, FALSE, NULL, civ_test_keep_result, &result);
      civ_test_await (&result);
      check = civ_backup_check_finish (f->couple.session, result, &error);
      g_assert_no_error (error);
      if (round == 0)
        {
          g_assert_true (check->ok);
          g_assert_cmpint (audit_count (f->couple.session, "database.damaged"), ==, 0);
          {
            g_autoptr (GAsyncResult) flipped = NULL;

            civ_session_call (f->couple.session, NULL, NULL, flip_documents_job, NULL, NULL, NULL,
                              civ_test_keep_result, &flipped);
            civ_test_await (&flipped);
            g_assert_true (civ_session_call_finish (f->couple.session, flipped, NULL, &error));
            g_assert_no_error (error);
            /* Locked and unlocked: the connection reads the file again, as
             * after a restart; the unlock itself is not held up. */
            g_clear_object (&flipped);
            civ_session_lock (f->couple.session);
            civ_session_unlock_async (f->couple.session, CIV_TEST_SUPERVISOR_PW, NULL,
                                      civ_test_keep_result, &flipped);
            civ_test_await (&flipped);
            g_assert_true (civ_session_unlock_finish (f->couple.session, flipped, &error));
            g_assert_no_error (error);
          }
        }
      else
        {
          g_assert_false (check->ok);
          g_assert_true (g_strv_contains ((const char *const *) check->tables, "documents"));
          g_assert_cmpint (audit_count (f->couple.session, "database.damaged"), ==, 1);
        }
    }
  {
    g_autoptr (CivBackupInfo) info = create (f, 0, NULL, NULL, &error);

    g_assert_null (info);
    g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_DAMAGED);
    g_assert_cmpuint (entries_in (f->folder), ==, 0);
    g_assert_cmpint (audit_count (f->couple.session, "backup.failed"), ==, 1);
  }
}

typedef struct
{
  int      checked;
  gboolean due;
  int      finished;
  gboolean made;
} ScheduleSeen;

static void
on_checked (CivBackupSchedule *s, gboolean due, gpointer user_data)
{
  ScheduleSeen *seen = user_data;

  seen->checked++;
  seen->due = due;
}

static void
on_finished (CivBackupSchedule *s, gboolean made, const char *message, gpointer user_data)
{
  ScheduleSeen *seen = user_data;

  g_test_message ("scheduled backup: %s", message);
  seen->finished++;
  seen->made = made;
}

static void
wait_for (int *counter, int value)
{
  while (*counter < value)
    g_main_context_iteration (NULL, TRUE);
}

/* The schedule: off by default; with an interval and a folder, due when
 * there is no backup, made (and kept to the copies), then not due. */
static void
test_schedule (Fixture *f, gconstpointer data)
{
  g_autofree char *schemas = g_build_filename (g_getenv ("CIVREG_BUILD_ROOT"), "resources", NULL);
  g_autoptr (GSettingsSchemaSource) source =
    g_settings_schema_source_new_from_directory (schemas, NULL, FALSE, NULL);
  g_autoptr (GSettingsSchema) schema =
    g_settings_schema_source_lookup (source, "org.civreg.Civreg", FALSE);
  g_autoptr (GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (CivBackupSchedule) schedule = NULL;
  g_autoptr (GPtrArray) list = NULL;
  ScheduleSeen seen = { 0 };

  g_assert_nonnull (schema);
  settings = g_settings_new_full (schema, backend, NULL);
  g_assert_cmpuint (g_settings_get_uint (settings, "backup-interval-hours"), ==, 0);
  g_assert_cmpuint (g_settings_get_uint (settings, "backup-copies"), ==, 7);
  schedule = civ_backup_schedule_new (f->couple.session, settings);
  g_signal_connect (schedule, "checked", G_CALLBACK (on_checked), &seen);
  g_signal_connect (schedule, "finished", G_CALLBACK (on_finished), &seen);

  civ_backup_schedule_check_now (schedule);
  wait_for (&seen.checked, 1);
  g_assert_false (seen.due); /* off */

  g_settings_set_uint (settings, "backup-interval-hours", 24);
  g_settings_set_string (settings, "backup-folder", f->folder);
  g_settings_set_uint (settings, "backup-copies", 1);
  civ_backup_schedule_check_now (schedule);
  wait_for (&seen.finished, 1);
  g_assert_true (seen.due);
  g_assert_true (seen.made);
  g_assert_false (civ_backup_schedule_is_running (schedule));

  civ_backup_schedule_check_now (schedule);
  wait_for (&seen.checked, 3);
  g_assert_false (seen.due); /* made less than a day ago */
  list = civ_backup_list (f->folder, "110101", NULL);
  g_assert_cmpuint (list->len, ==, 1);
  civ_backup_schedule_stop (schedule);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/app/backup/is-due", test_is_due);
  g_test_add ("/app/backup/create-async", Fixture, NULL, fixture_set_up, test_create_async,
              fixture_tear_down);
  g_test_add ("/app/backup/cancel", Fixture, NULL, fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/app/backup/copies-kept", Fixture, NULL, fixture_set_up, test_copies_kept,
              fixture_tear_down);
  g_test_add_func ("/app/backup/registrar-refused", test_registrar_refused);
  g_test_add ("/app/backup/check-async", Fixture, NULL, fixture_set_up, test_check_async,
              fixture_tear_down);
  g_test_add ("/app/backup/schedule", Fixture, NULL, fixture_set_up, test_schedule,
              fixture_tear_down);
  return g_test_run ();
}
