// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-backup-service.h — damage checks and backups of an office
 * (issue 12, items 2 and 3; docs/backup.md)
 *
 * A backup is a folder FOLDER/civreg-CODE-YYYYMMDD-HHMMSS-MICROS/ holding
 *   civreg.db      the database, copied online page by page (civ-backup.h)
 *                  and still encrypted with the office's data key
 *   civreg.keys    the key slots as they are (the data key wrapped per user)
 *   office.ini     the office's name and code
 *   manifest.json  format, office, created at/by, SHA-256 and size of each
 *                  part, the counts and the audit head of the copy
 * It is written as .civreg-CODE-….partial and renamed once verified (the
 * copy opened with the data key, integrity_check, the audit chain, the
 * counts equal to the manifest); a failure deletes it. Folder 0700, files 0600.
 *
 * The _async functions run their database steps as jobs on the session's
 * worker; the others run on the worker already (civreg-cli) or touch no
 * database until they open one of their own (verify, restore).
 */
#pragma once

#include <gio/gio.h>

#include "civ-json.h"
#include "civ-session.h"

G_BEGIN_DECLS

#define CIV_BACKUP_FORMAT 1
#define CIV_BACKUP_MANIFEST_NAME "manifest.json"
/* Pages copied per step: 256 KiB of 1 KiB pages, a few milliseconds. */
#define CIV_BACKUP_STEP_PAGES 256

/* What a backup holds (its manifest), and what its verification found. */
typedef struct
{
  char    *path;
  char    *office_code;
  char    *office_name;
  char    *created_at;
  char    *created_by;
  gint64   size_bytes;
  gint64   schema_version;
  gint64   marriages;
  gint64   divorces;
  gint64   certificates;
  gint64   documents;
  gint64   persons;
  gint64   outbox_pending;
  gint64   audit_entries;
  gint64   audit_head_seq;
  char    *audit_head_hash;
  gboolean verified; /* verified now (verify, restore, create) */
} CivBackupInfo;

void civ_backup_info_free (CivBackupInfo *info);
/* The counts and the audit head of @info as members of @json (the
 * manifest, civreg-cli's --json output). */
void civ_backup_info_add_counts (const CivBackupInfo *info, CivJson *json);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivBackupInfo, civ_backup_info_free)

/* The result of a damage check: ok, or the tables affected. */
typedef struct
{
  gboolean ok;
  char   **tables;   /* NULL-terminated */
  char   **problems; /* what SQLite said */
} CivDamageCheck;

void civ_damage_check_free (CivDamageCheck *check);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivDamageCheck, civ_damage_check_free)

/* On the worker: PRAGMA integrity_check (@full) or quick_check of the open
 * office; a damaged file is audited as "database.damaged" with the
 * tables. NULL with @error only when the check could not run. */
CivDamageCheck *civ_backup_check_store (CivStore *store, gboolean full, GError **error);

/* The quick check as a job after login (the login is not held up). */
void            civ_backup_check_async (CivSession         *session,
                                        gboolean            full,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
CivDamageCheck *civ_backup_check_finish (CivSession *session, GAsyncResult *result, GError **error);

/* Progress of a backup being made: pages copied of all. Called in the
 * caller's main context (async) or on the worker (civ_backup_create ()). */
typedef void (*CivBackupProgress) (int copied, int total, gpointer user_data);

/* On the worker: the whole backup into @folder (a supervisor, or
 * @scheduled for the application's own timer): the full integrity check
 * first (a damaged office is refused, CIV_DB_ERROR_DAMAGED), the copy in
 * steps of CIV_BACKUP_STEP_PAGES with @pause_us between them, the other
 * parts, the manifest, the verification, the rename; then keeps the
 * newest @copies_kept backups of this office in @folder (0: all).
 * Audited: backup.created and backup.verified, or backup.failed. */
CivBackupInfo *civ_backup_create (CivStore         *store,
                                  const char       *folder,
                                  guint             copies_kept,
                                  gboolean          scheduled,
                                  gulong            pause_us,
                                  GCancellable     *cancellable,
                                  CivBackupProgress progress,
                                  gpointer          progress_data,
                                  GError          **error);

/* The same from a window: each step is a job of its own, so other jobs run
 * between them. @cancellable stops it between two steps (the partial
 * backup is deleted; audited as backup.failed). */
void           civ_backup_create_async (CivSession         *session,
                                        const char         *folder,
                                        guint               copies_kept,
                                        gboolean            scheduled,
                                        GCancellable       *cancellable,
                                        CivBackupProgress   progress,
                                        gpointer            progress_data,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
CivBackupInfo *civ_backup_create_finish (CivSession *session, GAsyncResult *result, GError **error);

/* The data key of a backup, unwrapped from its own key slots with @login's
 * password (the office may be gone). */
CivSecret *civ_backup_unwrap_key (const char *path,
                                  const char *login,
                                  const char *password,
                                  GError    **error);

/* Verifies the backup at @path (its folder or its manifest): every part's
 * SHA-256, the copy opened with @data_key, integrity_check, the audit
 * chain, the counts and audit head equal to the manifest. A tampered or
 * damaged backup fails with CIV_DB_ERROR_DAMAGED; a backup of another
 * office (another key) with CIV_DB_ERROR_WRONG_PASSWORD. When @audit_store
 * is given (on the worker), audited there as backup.verified or
 * backup.failed. Opens nothing else; safe on any thread without @audit_store. */
CivBackupInfo *civ_backup_verify (const char      *path,
                                  const CivSecret *data_key,
                                  CivStore        *audit_store,
                                  GError         **error);

/* Verifies @path, then puts it into @target_dir, which must not exist or be
 * an empty folder (CIV_DB_ERROR_EXISTS otherwise: never over an office),
 * and records backup.restored by @actor in the restored office's audit
 * log (and in @audit_store's when given). Returns what the backup holds. */
CivBackupInfo *civ_backup_restore (const char      *path,
                                   const CivSecret *data_key,
                                   const char      *target_dir,
                                   const char      *actor,
                                   CivStore        *audit_store,
                                   GError         **error);

/* Verify and restore from a window, with the session's data key (a backup
 * of this office). Their jobs run on the worker. */
void           civ_backup_verify_async (CivSession         *session,
                                        const char         *path,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
CivBackupInfo *civ_backup_verify_finish (CivSession *session, GAsyncResult *result, GError **error);
void           civ_backup_restore_async (CivSession         *session,
                                         const char         *path,
                                         const char         *target_dir,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
CivBackupInfo *civ_backup_restore_finish (CivSession   *session,
                                          GAsyncResult *result,
                                          GError      **error);

/* The backups of office @office_code (NULL: any) in @folder, newest first,
 * as their manifests say (not verified). Missing folder: empty. */
GPtrArray *civ_backup_list (const char *folder, const char *office_code, GError **error);

/* TRUE when a backup is due: @interval_hours > 0 and the newest backup
 * (@last, NULL for none) was made @interval_hours or more before @now. */
gboolean civ_backup_is_due (GDateTime *last, GDateTime *now, guint interval_hours);

/* A report of what a backup holds, in words, one fact a line. */
char *civ_backup_info_describe (const CivBackupInfo *info);

G_END_DECLS
