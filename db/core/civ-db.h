// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-db.h — one SQLCipher connection (architecture.md §3)
 *
 * Opens the database with a raw 256-bit data key, sets every cipher
 * setting explicitly, refuses to run on a library without SQLCipher, and
 * applies the numbered migrations shipped as GResources under
 * PRAGMA user_version.
 */
#pragma once

#include <glib-object.h>
#include <sqlcipher/sqlite3.h>

#include "civ-db-error.h"
#include "civ-secret.h"

G_BEGIN_DECLS

#define CIV_TYPE_DB (civ_db_get_type ())
G_DECLARE_FINAL_TYPE (CivDb, civ_db, CIV, DB, GObject)

/* The cipher page size of the databases Civreg creates, and the one it
 * created before (SQLCipher 3's default): files of both open. A backup
 * copy has its office's. */
#define CIV_DB_PAGE_SIZE 4096
#define CIV_DB_LEGACY_PAGE_SIZE 1024

CivDb      *civ_db_open (const char *path, const CivSecret *data_key, GError **error);
/* A copy of an office's database (a backup): no migrations, no WAL (one
 * file, a rollback journal while it is written). @create: a new file,
 * read-write (it must not exist); otherwise the file read-only. Fails
 * with CIV_DB_ERROR_WRONG_PASSWORD when page 1 does not decrypt with
 * @data_key, CIV_DB_ERROR_DAMAGED when page 1 does but the schema does not. */
CivDb      *civ_db_open_copy (const char      *path,
                              const CivSecret *data_key,
                              gboolean         create,
                              GError         **error);
/* A new copy file at @path for a copy of @source (civ_db_copy_new ()):
 * the same page size, which SQLCipher's backup needs. */
CivDb      *civ_db_create_copy_of (CivDb           *source,
                                   const char      *path,
                                   const CivSecret *data_key,
                                   GError         **error);
int         civ_db_get_page_size (CivDb *self);
void        civ_db_close (CivDb *self);
gboolean    civ_db_is_open (CivDb *self);
const char *civ_db_get_path (CivDb *self);
sqlite3    *civ_db_get_handle (CivDb *self);
int         civ_db_get_schema_version (CivDb *self);
int         civ_db_get_latest_schema_version (void);

gboolean      civ_db_exec (CivDb *self, const char *sql, GError **error);
sqlite3_stmt *civ_db_prepare (CivDb *self, const char *sql, GError **error);
/* Steps a statement to completion (SQLITE_DONE). */
gboolean      civ_db_step_done (CivDb *self, sqlite3_stmt *stmt, GError **error);
gboolean      civ_db_begin (CivDb *self, GError **error);
/* TRUE inside a transaction; otherwise FALSE with CIV_DB_ERROR_INVALID and
 * @message (translated: what may only be written inside one). */
gboolean      civ_db_require_transaction (CivDb *self, const char *message, GError **error);
gboolean      civ_db_commit (CivDb *self, GError **error);
void          civ_db_rollback (CivDb *self);

/* Sets @error from the connection's last failure, with SQLite's extended code. */
void civ_db_set_error (CivDb *self, GError **error, const char *what);

/* TRUE when @error says the file is damaged: CIV_DB_ERROR_DAMAGED, or
 * SQLite's SQLITE_CORRUPT / SQLITE_NOTADB (a page that fails SQLCipher's
 * HMAC check after page 1 decrypted with the right key). */
gboolean civ_db_error_is_damage (const GError *error);

/* Small helpers for single-value queries. */
gboolean civ_db_query_int64 (CivDb *self, const char *sql, gint64 *out, GError **error);
char    *civ_db_get_setting (CivDb *self, const char *key);
gboolean civ_db_set_setting (CivDb *self, const char *key, const char *value, GError **error);

/* Sets the page cache to @kib KiB (PRAGMA cache_size = -@kib): bulk
 * writers enlarge it while they write and set it back. */
gboolean civ_db_set_cache_kib (CivDb *self, int kib, GError **error);

/* Attaches a scratch database as @schema (lower-case letters and '_'): a
 * new file beside the office's, encrypted with a random key that never
 * leaves this process, for a bulk job's intermediate rows (sorted runs too
 * big for memory: SQLite's own sorter writes its spill files unencrypted,
 * so the temp store stays in memory). Outside a transaction only. One at a
 * time; civ_db_detach_scratch () (or closing) detaches it and deletes the
 * file. Files left by a killed process are deleted on the next attach. */
gboolean civ_db_attach_scratch (CivDb *self, const char *schema, GError **error);
void     civ_db_detach_scratch (CivDb *self);
/* Refreshes the query planner's statistics (ANALYZE) after a bulk load. */
gboolean civ_db_analyze (CivDb *self, GError **error);

/* Small statement helpers shared by the repositories. */
void  civ_db_bind_text_or_null (sqlite3_stmt *stmt, int index, const char *text);
/* A copy of a text column, NULL for SQL NULL. */
char *civ_db_column_dup (sqlite3_stmt *stmt, int index);
/* The current UTC time as YYYY-MM-DDTHH:MM:SSZ, as every table stores it. */
char *civ_db_now_iso (void);

/* Binds the connection to @thread (NULL: any thread): the thread that owns
 * it (app/runtime/civ-worker.h). Builds with CIV_CHECK_DB_THREAD (every
 * debug build) abort when another thread prepares or runs SQL on it. */
void     civ_db_set_owner (CivDb *self, GThread *thread);
/* TRUE when the calling thread may use the connection. */
gboolean civ_db_is_owner (CivDb *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Counts a row queued for the province on this connection
 * (civ_outbox_enqueue ()), so that whoever runs the jobs can wake the sender
 * after any kind of registration, in one place (civ-session.h
 * "reports-queued"). A rolled-back transaction may count a row that never
 * was: the sender then finds nothing to send. */
void civ_db_note_outbox (CivDb *self);

/* A writer that finds the database written by another connection waits its
 * turn (up to a minute) instead of failing after a few seconds; a long
 * writer (bulk loads, demo data) commits in chunks and calls
 * civ_db_yield_turn () between two of them, outside a transaction, so that
 * every writer waiting in this or another process goes first. Waiting
 * writers hold a shared flock () on "civreg.db-turn" beside the database. */
void civ_db_yield_turn (CivDb *self);
/* Called once per wait that lasts more than a second (for every connection
 * of the process), with the database's path: "waiting for another program"
 * in the command line. */
typedef void (*CivDbBusyNotify) (const char *path, gpointer user_data);
void  civ_db_set_busy_notify (CivDbBusyNotify notify, gpointer user_data);
guint civ_db_get_outbox_serial (CivDb *self);

G_END_DECLS
