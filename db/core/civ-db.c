// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-db.c — one SQLCipher connection (architecture.md §3) */
#include "civ-db.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <string.h>
#include <signal.h>
#include <sys/file.h>

#include "civ-db-private.h"
#include "civ-db-resources.h"

typedef struct
{
  int sqlite_code;
} CivDbErrorPrivate;

static void
civ_db_error_private_init (CivDbErrorPrivate *priv)
{
  priv->sqlite_code = 0;
}

static void
civ_db_error_private_copy (const CivDbErrorPrivate *src, CivDbErrorPrivate *dest)
{
  dest->sqlite_code = src->sqlite_code;
}

static void
civ_db_error_private_clear (CivDbErrorPrivate *priv)
{
}

/* clang-format off */
G_DEFINE_EXTENDED_ERROR (CivDbError, civ_db_error)
/* clang-format on */

int
civ_db_error_get_sqlite_code (const GError *error)
{
  CivDbErrorPrivate *priv;

  if (error == NULL || error->domain != CIV_DB_ERROR || error->code != CIV_DB_ERROR_SQLITE)
    return 0;
  priv = civ_db_error_get_private (error);
  return priv ? priv->sqlite_code : 0;
}

void
civ_db_set_sqlite_error (GError **error, int sqlite_code, const char *format, ...)
{
  va_list args;
  GError *local;

  if (error == NULL)
    return;
  va_start (args, format);
  local = g_error_new_valist (CIV_DB_ERROR, CIV_DB_ERROR_SQLITE, format, args);
  va_end (args);
  civ_db_error_get_private (local)->sqlite_code = sqlite_code;
  g_propagate_error (error, local);
}

#define MIGRATIONS_PATH "/org/civreg/Civreg/db/migrations"

struct _CivDb
{
  GObject parent_instance;

  char    *path;
  sqlite3 *handle;
  int      page_size;     /* of the cipher: CIV_DB_PAGE_SIZE or CIV_DB_LEGACY_PAGE_SIZE */
  GThread *owner;         /* NULL: any thread */
  guint    outbox_serial; /* rows queued for the province so far (atomic) */

  /* Taking turns with long writers in other processes (civ_db_yield_turn ()). */
  int      turn_fd;    /* the "-turn" file beside the database, -1 when none */
  gboolean turn_held;  /* a shared lock taken while waiting to write */
  gint64   busy_since; /* monotonic µs of the current wait's start */
  gboolean busy_told;  /* the wait has been announced */

  /* civ_db_attach_scratch () */
  char *scratch_path;
  char *scratch_schema;
};

/* How long a writer waits for another's transaction before giving up. */
#define BUSY_LIMIT_US (60 * G_USEC_PER_SEC)
/* When a wait is announced (civ_db_set_busy_notify ()). */
#define BUSY_TELL_US (G_USEC_PER_SEC)
/* How long a long writer lets waiting writers go first, at most. */
#define YIELD_LIMIT_US (2 * G_USEC_PER_SEC)

static CivDbBusyNotify busy_notify;
static gpointer        busy_notify_data;

G_DEFINE_FINAL_TYPE (CivDb, civ_db, G_TYPE_OBJECT)

/* SQL runs only on the thread that owns the connection (architecture.md §2). */
#ifdef CIV_CHECK_DB_THREAD
#define CHECK_OWNER(self)                                                                          \
  G_STMT_START                                                                                     \
  {                                                                                                \
    if (!civ_db_is_owner (self))                                                                   \
      g_error ("SQL outside the thread that owns the database (civ-worker.h)");                    \
  }                                                                                                \
  G_STMT_END
#else
#define CHECK_OWNER(self) (void) 0
#endif

static void
civ_db_finalize (GObject *object)
{
  CivDb *self = CIV_DB (object);

  civ_db_close (self);
  g_free (self->path);

  G_OBJECT_CLASS (civ_db_parent_class)->finalize (object);
}

static void
civ_db_class_init (CivDbClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = civ_db_finalize;
}

static void
civ_db_init (CivDb *self)
{
  self->turn_fd = -1;
}

void
civ_db_set_busy_notify (CivDbBusyNotify notify, gpointer user_data)
{
  busy_notify = notify;
  busy_notify_data = user_data;
}

static void
release_turn (CivDb *self)
{
  if (self->turn_held)
    {
      flock (self->turn_fd, LOCK_UN);
      self->turn_held = FALSE;
    }
}

/* Called by SQLite while another connection holds the write lock. The
 * waiting writer holds a shared lock on the turn file until its own
 * transaction ends, which a long writer in another process sees between
 * two of its chunks and waits for (civ_db_yield_turn ()): readers never
 * wait in WAL mode, and a writer waits for one chunk, not the whole run. */
static int
on_busy (void *data, int count)
{
  CivDb *self = data;
  gint64 now = g_get_monotonic_time ();

  if (count == 0)
    {
      self->busy_since = now;
      self->busy_told = FALSE;
      if (self->turn_fd >= 0 && !self->turn_held && flock (self->turn_fd, LOCK_SH) == 0)
        self->turn_held = TRUE;
    }
  if (now - self->busy_since > BUSY_LIMIT_US)
    {
      release_turn (self);
      return 0;
    }
  if (!self->busy_told && now - self->busy_since > BUSY_TELL_US)
    {
      self->busy_told = TRUE;
      if (busy_notify != NULL)
        busy_notify (self->path, busy_notify_data);
    }
  g_usleep (MIN (count + 1, 25) * 1000);
  return 1;
}

static int
on_commit (void *data)
{
  release_turn (data);
  return 0;
}

static void
on_rollback (void *data)
{
  release_turn (data);
}

static void
open_turn_file (CivDb *self)
{
  g_autofree char *turn = g_strconcat (self->path, "-turn", NULL);

  self->turn_fd = g_open (turn, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  sqlite3_busy_handler (self->handle, on_busy, self);
  sqlite3_commit_hook (self->handle, on_commit, self);
  sqlite3_rollback_hook (self->handle, on_rollback, self);
}

void
civ_db_yield_turn (CivDb *self)
{
  gint64 start = g_get_monotonic_time ();

  g_return_if_fail (CIV_IS_DB (self));
  g_return_if_fail (self->handle == NULL || sqlite3_get_autocommit (self->handle));

  if (self->turn_fd < 0)
    return;
  release_turn (self);
  /* Taken only when no writer is waiting; bounded, in case a waiter's
   * shared lock outlives its wait (a read that found the database busy). */
  while (flock (self->turn_fd, LOCK_EX | LOCK_NB) != 0)
    {
      if (g_get_monotonic_time () - start > YIELD_LIMIT_US)
        return;
      g_usleep (2000);
    }
  flock (self->turn_fd, LOCK_UN);
}

void
civ_db_set_error (CivDb *self, GError **error, const char *what)
{
  int         code = self->handle ? sqlite3_extended_errcode (self->handle) : SQLITE_MISUSE;
  const char *msg = self->handle ? sqlite3_errmsg (self->handle) : "database is closed";

  civ_db_set_sqlite_error (error, code, _ ("%s: %s (SQLite error %d)"), what, msg, code);
}

gboolean
civ_db_exec (CivDb *self, const char *sql, GError **error)
{
  char *errmsg = NULL;
  int   rc;

  g_return_val_if_fail (CIV_IS_DB (self), FALSE);
  g_return_val_if_fail (self->handle != NULL, FALSE);

  CHECK_OWNER (self);
  rc = sqlite3_exec (self->handle, sql, NULL, NULL, &errmsg);
  if (rc != SQLITE_OK)
    {
      civ_db_set_sqlite_error (error, sqlite3_extended_errcode (self->handle),
                               _ ("%s (SQLite error %d)"), errmsg ? errmsg : sqlite3_errstr (rc),
                               sqlite3_extended_errcode (self->handle));
      sqlite3_free (errmsg);
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
civ_db_prepare (CivDb *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (CIV_IS_DB (self), NULL);
  g_return_val_if_fail (self->handle != NULL, NULL);

  CHECK_OWNER (self);
  if (sqlite3_prepare_v2 (self->handle, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      civ_db_set_error (self, error, _ ("Could not prepare a statement"));
      return NULL;
    }
  return stmt;
}

gboolean
civ_db_step_done (CivDb *self, sqlite3_stmt *stmt, GError **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (self, error, _ ("Could not write to the database"));
      return FALSE;
    }
  return TRUE;
}

gboolean
civ_db_require_transaction (CivDb *self, const char *message, GError **error)
{
  g_return_val_if_fail (CIV_IS_DB (self), FALSE);
  if (self->handle != NULL && !sqlite3_get_autocommit (self->handle))
    return TRUE;
  g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID, message);
  return FALSE;
}

gboolean
civ_db_begin (CivDb *self, GError **error)
{
  if (!civ_db_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  /* The write lock is ours: a long writer may go on after us. */
  release_turn (self);
  return TRUE;
}

gboolean
civ_db_commit (CivDb *self, GError **error)
{
  return civ_db_exec (self, "COMMIT", error);
}

void
civ_db_rollback (CivDb *self)
{
  if (self->handle && !sqlite3_get_autocommit (self->handle))
    sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
}

gboolean
civ_db_query_int64 (CivDb *self, const char *sql, gint64 *out, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = civ_db_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out = sqlite3_column_int64 (stmt, 0);
      return TRUE;
    }
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_NOT_FOUND, _ ("The query returned no row"));
      return FALSE;
    }
  civ_db_set_error (self, error, _ ("Could not read from the database"));
  return FALSE;
}

gboolean
civ_db_set_cache_kib (CivDb *self, int kib, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = -%d", kib);

  return civ_db_exec (self, sql, error);
}

gboolean
civ_db_analyze (CivDb *self, GError **error)
{
  return civ_db_exec (self, "ANALYZE", error);
}

char *
civ_db_get_setting (CivDb *self, const char *key)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (self, "SELECT value FROM settings WHERE key = ?", NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return NULL;
}

gboolean
civ_db_set_setting (CivDb *self, const char *key, const char *value, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (self, "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  return civ_db_step_done (self, stmt, error);
}

void
civ_db_bind_text_or_null (sqlite3_stmt *stmt, int index, const char *text)
{
  if (text)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

char *
civ_db_column_dup (sqlite3_stmt *stmt, int index)
{
  const unsigned char *text = sqlite3_column_text (stmt, index);

  return text ? g_strdup ((const char *) text) : NULL;
}

char *
civ_db_now_iso (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

void
civ_db_set_owner (CivDb *self, GThread *thread)
{
  g_return_if_fail (CIV_IS_DB (self));
  g_atomic_pointer_set (&self->owner, thread);
}

gboolean
civ_db_is_owner (CivDb *self)
{
  GThread *owner = g_atomic_pointer_get (&self->owner);

  return owner == NULL || owner == g_thread_self ();
}

const char *
civ_db_get_path (CivDb *self)
{
  return self->path;
}

sqlite3 *
civ_db_get_handle (CivDb *self)
{
  return self->handle;
}

gboolean
civ_db_is_open (CivDb *self)
{
  return self->handle != NULL;
}

void
civ_db_close (CivDb *self)
{
  g_return_if_fail (CIV_IS_DB (self));
  civ_db_detach_scratch (self);

  if (self->handle != NULL)
    {
      /* SQLCipher wipes its copy of the key when the connection closes. */
      sqlite3_close_v2 (self->handle);
      self->handle = NULL;
    }
  if (self->turn_fd >= 0)
    {
      close (self->turn_fd);
      self->turn_fd = -1;
      self->turn_held = FALSE;
    }
}

int
civ_db_get_schema_version (CivDb *self)
{
  gint64 v = 0;

  if (!civ_db_query_int64 (self, "PRAGMA user_version", &v, NULL))
    return -1;
  return (int) v;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

static void
register_resources (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      civ_db_register_resource ();
      g_once_init_leave (&done, 1);
    }
}

static char **
list_migrations (void)
{
  register_resources ();

  g_auto (GStrv) names = g_resources_enumerate_children (MIGRATIONS_PATH, 0, NULL);
  g_autoptr (GPtrArray) sql = g_ptr_array_new ();

  if (names == NULL)
    return g_new0 (char *, 1);
  for (guint i = 0; names[i]; i++)
    if (g_str_has_suffix (names[i], ".sql"))
      g_ptr_array_add (sql, g_strdup (names[i]));
  /* Names are NNNN-description.sql: lexical order is numeric order. */
  g_ptr_array_sort (sql, compare_names);
  g_ptr_array_add (sql, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&sql), FALSE);
}

int
civ_db_get_latest_schema_version (void)
{
  g_auto (GStrv) names = list_migrations ();

  return (int) g_strv_length (names);
}

/* Applies the migrations after the database's version, up to @limit
 * (0: all of them). */
static gboolean
migrate (CivDb *self, int limit, GError **error)
{
  g_auto (GStrv) names = list_migrations ();
  int current = civ_db_get_schema_version (self);
  int latest = (int) g_strv_length (names);

  if (current < 0)
    {
      civ_db_set_error (self, error, _ ("Could not read the schema version"));
      return FALSE;
    }
  if (current > latest)
    {
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_TOO_NEW,
                   _ ("The database has schema version %d; this Civreg knows only %d"), current,
                   latest);
      return FALSE;
    }

  for (int i = current; i < (limit > 0 ? MIN (limit, latest) : latest); i++)
    {
      g_autofree char *rpath = g_strdup_printf ("%s/%s", MIGRATIONS_PATH, names[i]);
      g_autoptr (GBytes) bytes = g_resources_lookup_data (rpath, 0, error);
      g_autofree char *sql = NULL;
      g_autofree char *bump = NULL;
      int              number = atoi (names[i]);

      if (bytes == NULL)
        return FALSE;
      if (number != i + 1)
        {
          g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_CORRUPT,
                       _ ("Migration %s is out of sequence (expected number %d)"), names[i], i + 1);
          return FALSE;
        }
      sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      bump = g_strdup_printf ("PRAGMA user_version = %d", i + 1);
      if (!civ_db_begin (self, error))
        return FALSE;
      if (!civ_db_exec (self, sql, error) || !civ_db_exec (self, bump, error) ||
          !civ_db_commit (self, error))
        {
          civ_db_rollback (self);
          g_prefix_error (error, _ ("Migration %s failed: "), names[i]);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
apply_key (CivDb *self, const CivSecret *data_key, GError **error)
{
  /* Raw key: x'<64 hex>' — SQLCipher skips its KDF for a raw key. The
   * string is built in secure memory and wiped with it. */
  static const char hex[] = "0123456789abcdef";
  gsize             len = civ_secret_get_len (data_key);
  g_autoptr (CivSecret) keyspec = civ_secret_new (len * 2 + 3);
  guint8       *k = civ_secret_get_data (keyspec);
  const guint8 *raw = civ_secret_peek (data_key);

  k[0] = 'x';
  k[1] = '\'';
  for (gsize i = 0; i < len; i++)
    {
      k[2 + 2 * i] = hex[raw[i] >> 4];
      k[3 + 2 * i] = hex[raw[i] & 0xf];
    }
  k[2 + 2 * len] = '\'';

  if (sqlite3_key (self->handle, k, (int) (len * 2 + 3)) != SQLITE_OK)
    {
      civ_db_set_error (self, error, _ ("Could not set the database key"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_cipher (CivDb *self, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = civ_db_prepare (self, "PRAGMA cipher_version", error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_text (stmt, 0) == NULL)
    {
      g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_NOT_ENCRYPTED,
                           _ ("This build of Civreg is not linked against SQLCipher "
                              "(PRAGMA cipher_version returned nothing); refusing to "
                              "store data unencrypted"));
      return FALSE;
    }
  return TRUE;
}

/* TRUE when @path holds a database already (in its own file, or only in
 * its write-ahead log when the process that created it never reached a
 * checkpoint). */
static gboolean
holds_database (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf         st;

  return (g_stat (path, &st) == 0 && st.st_size > 0) || (g_stat (wal, &st) == 0 && st.st_size > 0);
}

/* Keys the open handle, sets the cipher settings with @page_size and reads
 * page 1: FALSE when it does not decrypt (a wrong key, or another page
 * size). */
static gboolean
key_and_read (CivDb *self, const CivSecret *data_key, int page_size, GError **error)
{
  g_autofree char *settings = NULL;
  gint64           n = 0;

  if (!apply_key (self, data_key, error))
    return FALSE;
  /* Explicit cipher settings, never defaults: SQLCipher 3 layout.
   * cipher_compatibility is understood by SQLCipher 4 (the Flatpak build)
   * and ignored by 3.4.1, so one file opens in both. */
  settings = g_strdup_printf ("PRAGMA cipher_compatibility = 3;"
                              "PRAGMA cipher_page_size = %d;"
                              "PRAGMA kdf_iter = 64000;"
                              "PRAGMA cipher_use_hmac = ON;",
                              page_size);
  if (!civ_db_exec (self, settings, error))
    return FALSE;
  /* The first read decrypts page 1 alone (the header value needs no
   * schema). */
  if (!civ_db_query_int64 (self, "PRAGMA user_version", &n, NULL))
    {
      g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_WRONG_PASSWORD,
                           _ ("The database could not be decrypted with this key"));
      return FALSE;
    }
  self->page_size = page_size;
  return TRUE;
}

/* Opens @path and applies @data_key and the cipher settings; reads page 1
 * only (its header holds the schema cookie), so a wrong key fails here with
 * CIV_DB_ERROR_WRONG_PASSWORD. @flags as for sqlite3_open_v2 ().
 *
 * A new database gets pages of @create_page_size bytes. An existing one
 * has CIV_DB_PAGE_SIZE or, written before Civreg chose it, SQLCipher 3's
 * CIV_DB_LEGACY_PAGE_SIZE; nothing in an encrypted file says which, so
 * both are tried (HMAC makes a wrong one fail on page 1). */
static CivDb *
open_keyed (const char      *path,
            const CivSecret *data_key,
            int              flags,
            gboolean         shared,
            int              create_page_size,
            GError         **error)
{
  static const int existing[] = { CIV_DB_PAGE_SIZE, CIV_DB_LEGACY_PAGE_SIZE };
  g_autoptr (CivDb) self = NULL;
  const int *sizes = &create_page_size;
  guint      n_sizes = 1;
  gint64     n = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (data_key != NULL, NULL);
  g_return_val_if_fail (civ_secret_get_len (data_key) == CIV_DATA_KEY_LEN, NULL);

  if (!civ_crypto_init (error))
    return NULL;
  register_resources ();

  self = g_object_new (CIV_TYPE_DB, NULL);
  self->path = g_strdup (path);

  /* Create the file owner-only; SQLite gives -wal and -shm the same mode. */
  if ((flags & SQLITE_OPEN_CREATE) && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      int fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd < 0)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                       _ ("Could not create %s: %s"), path, g_strerror (errno));
          return NULL;
        }
      close (fd);
    }
  if (holds_database (path))
    {
      sizes = existing;
      n_sizes = G_N_ELEMENTS (existing);
    }

  for (guint i = 0; i < n_sizes; i++)
    {
      g_autoptr (GError) local = NULL;

      if (sqlite3_open_v2 (path, &self->handle, flags | SQLITE_OPEN_FULLMUTEX, NULL) != SQLITE_OK)
        {
          civ_db_set_error (self, error, _ ("Could not open the database"));
          return NULL;
        }
      sqlite3_extended_result_codes (self->handle, 1);
      if (!check_cipher (self, error))
        return NULL;
#ifdef CIV_BENCH_PLAINTEXT
      /* Benchmark builds only (meson option bench_plaintext, never a
       * release): an unkeyed SQLCipher database, to measure what
       * encryption costs; the same page size as an encrypted one. */
      if (g_strcmp0 (g_getenv ("CIVREG_BENCH_PLAINTEXT"), "1") == 0)
        {
          g_autofree char *size = g_strdup_printf ("PRAGMA page_size = %d", CIV_DB_PAGE_SIZE);

          if (!civ_db_exec (self, size, error))
            return NULL;
          self->page_size = CIV_DB_PAGE_SIZE;
          if (shared)
            open_turn_file (self);
          return g_steal_pointer (&self);
        }
#endif
      if (key_and_read (self, data_key, sizes[i], &local))
        break;
      if (i + 1 == n_sizes || !g_error_matches (local, CIV_DB_ERROR, CIV_DB_ERROR_WRONG_PASSWORD))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      /* Perhaps the other page size: a new connection for it. */
      sqlite3_close_v2 (self->handle);
      self->handle = NULL;
    }
  /* An office's database is shared with other processes: they take turns.
   * A backup copy is private to whoever opened it. */
  if (shared)
    open_turn_file (self);

  /* Page 1 decrypted: the key is right. A schema page that does not
   * decrypt now is damage, not a wrong key. */
  if (!civ_db_query_int64 (self, "SELECT count(*) FROM sqlite_master", &n, NULL))
    {
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_DAMAGED,
                   _ ("The office's database %s is damaged: its first page opens with the key, "
                      "but the list of its tables does not read. Nothing was changed: restore "
                      "the office from a backup (civreg-cli backup restore)."),
                   path);
      return NULL;
    }
  return g_steal_pointer (&self);
}

/* "<db>-scratch-<pid>-<n>" files of processes that are gone (killed in
 * the middle of a bulk import): encrypted with a key nobody has any more,
 * only taking room. */
static void
remove_stale_scratch (const char *db_path)
{
  g_autofree char *dir_path = g_path_get_dirname (db_path);
  g_autofree char *prefix = NULL;
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  {
    g_autofree char *base = g_path_get_basename (db_path);
    prefix = g_strconcat (base, "-scratch-", NULL);
  }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      const char *rest;
      char       *end = NULL;
      gint64      pid;

      if (!g_str_has_prefix (name, prefix))
        continue;
      rest = name + strlen (prefix);
      pid = g_ascii_strtoll (rest, &end, 10);
      if (end == rest || *end != '-' || pid <= 0 || pid > G_MAXINT)
        continue;
      if (kill ((pid_t) pid, 0) == 0 || errno != ESRCH)
        continue; /* its process still runs */
      {
        g_autofree char *path = g_build_filename (dir_path, name, NULL);
        g_unlink (path);
      }
    }
}

gboolean
civ_db_attach_scratch (CivDb *self, const char *schema, GError **error)
{
  static guint      counter;
  static const char hex[] = "0123456789abcdef";
  g_autoptr (CivSecret) raw = civ_secret_new_random (CIV_DATA_KEY_LEN);
  g_autoptr (CivSecret) keyspec = civ_secret_new (CIV_DATA_KEY_LEN * 2 + 4);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *path = NULL;
  g_autofree char *pragmas = NULL;
  const guint8    *r = civ_secret_peek (raw);
  char            *k = (char *) civ_secret_get_data (keyspec);
  gboolean         plain = FALSE;
  int              fd;

  g_return_val_if_fail (CIV_IS_DB (self) && schema != NULL, FALSE);
  g_return_val_if_fail (g_regex_match_simple ("^[a-z_]+$", schema, 0, 0), FALSE);
  g_return_val_if_fail (self->scratch_path == NULL, FALSE);

  remove_stale_scratch (self->path);
  path = g_strdup_printf ("%s-scratch-%d-%u", self->path, (int) getpid (),
                          g_atomic_int_add (&counter, 1));
  fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), _ ("Could not create %s: %s"),
                   path, g_strerror (errno));
      return FALSE;
    }
  close (fd);
  /* A fresh random raw key (no KDF) that lives only in this process. */
  k[0] = 'x';
  k[1] = '\'';
  for (gsize i = 0; i < CIV_DATA_KEY_LEN; i++)
    {
      k[2 + 2 * i] = hex[r[i] >> 4];
      k[3 + 2 * i] = hex[r[i] & 0xf];
    }
  k[2 + 2 * CIV_DATA_KEY_LEN] = '\'';
  k[3 + 2 * CIV_DATA_KEY_LEN] = '\0';
#ifdef CIV_BENCH_PLAINTEXT
  /* The unkeyed benchmark office gets an unkeyed scratch file. */
  plain = g_strcmp0 (g_getenv ("CIVREG_BENCH_PLAINTEXT"), "1") == 0;
#endif
  sql = g_strdup_printf ("ATTACH DATABASE ?1 AS %s KEY ?2", schema);
  stmt = civ_db_prepare (self, sql, error);
  if (stmt == NULL)
    {
      g_unlink (path);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, path, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, plain ? "" : k, -1, SQLITE_STATIC);
  if (!civ_db_step_done (self, stmt, error))
    {
      g_unlink (path);
      return FALSE;
    }
  /* Scratch: nothing in it outlives the job, so no journal on disk and
   * no syncs. */
  pragmas =
    g_strdup_printf ("PRAGMA %1$s.journal_mode = MEMORY; PRAGMA %1$s.synchronous = OFF;", schema);
  self->scratch_path = g_steal_pointer (&path);
  self->scratch_schema = g_strdup (schema);
  if (!civ_db_exec (self, pragmas, error))
    {
      civ_db_detach_scratch (self);
      return FALSE;
    }
  return TRUE;
}

void
civ_db_detach_scratch (CivDb *self)
{
  g_return_if_fail (CIV_IS_DB (self));

  if (self->scratch_path == NULL)
    return;
  if (self->handle)
    {
      g_autofree char *sql = g_strdup_printf ("DETACH DATABASE %s", self->scratch_schema);
      g_autoptr (GError) error = NULL;

      if (!civ_db_exec (self, sql, &error))
        g_warning ("Could not detach the scratch database: %s", error->message);
    }
  g_unlink (self->scratch_path);
  g_clear_pointer (&self->scratch_path, g_free);
  g_clear_pointer (&self->scratch_schema, g_free);
}

static CivDb *
open_migrated (const char *path, const CivSecret *data_key, int limit, GError **error)
{
  g_autoptr (CivDb) self = open_keyed (path, data_key, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                                       TRUE, CIV_DB_PAGE_SIZE, error);

  if (self == NULL)
    return NULL;
  if (!civ_db_exec (self,
                    "PRAGMA journal_mode = WAL;"
                    "PRAGMA synchronous = FULL;"
                    "PRAGMA foreign_keys = ON;"
                    "PRAGMA secure_delete = ON;",
                    error))
    return NULL;

  if (!migrate (self, limit, error))
    return NULL;

  return g_steal_pointer (&self);
}

CivDb *
civ_db_open (const char *path, const CivSecret *data_key, GError **error)
{
  return open_migrated (path, data_key, 0, error);
}

CivDb *
_civ_db_open_at_version (const char *path, const CivSecret *data_key, int version, GError **error)
{
  g_return_val_if_fail (version > 0, NULL);
  return open_migrated (path, data_key, version, error);
}

static CivDb *
open_copy (
  const char *path, const CivSecret *data_key, gboolean create, int page_size, GError **error)
{
  g_autoptr (CivDb) self = NULL;

  if (create && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_EXISTS, _ ("%s already exists"), path);
      return NULL;
    }
  self = open_keyed (path, data_key,
                     create ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY,
                     FALSE, page_size, error);
  if (self == NULL)
    return NULL;
  /* One file: a rollback journal that is gone after each write, no WAL. */
  if (create && !civ_db_exec (self,
                              "PRAGMA journal_mode = DELETE;"
                              "PRAGMA synchronous = FULL;"
                              "PRAGMA secure_delete = ON;",
                              error))
    return NULL;
  return g_steal_pointer (&self);
}

CivDb *
civ_db_open_copy (const char *path, const CivSecret *data_key, gboolean create, GError **error)
{
  return open_copy (path, data_key, create, CIV_DB_PAGE_SIZE, error);
}

CivDb *
civ_db_create_copy_of (CivDb *source, const char *path, const CivSecret *data_key, GError **error)
{
  g_return_val_if_fail (CIV_IS_DB (source), NULL);
  return open_copy (path, data_key, TRUE, source->page_size, error);
}

int
civ_db_get_page_size (CivDb *self)
{
  g_return_val_if_fail (CIV_IS_DB (self), 0);
  return self->page_size;
}

gboolean
civ_db_error_is_damage (const GError *error)
{
  int code = civ_db_error_get_sqlite_code (error) & 0xff;

  if (error == NULL)
    return FALSE;
  if (g_error_matches (error, CIV_DB_ERROR, CIV_DB_ERROR_DAMAGED))
    return TRUE;
  return code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
}

void
civ_db_note_outbox (CivDb *self)
{
  g_return_if_fail (CIV_IS_DB (self));
  g_atomic_int_inc (&self->outbox_serial);
}

guint
civ_db_get_outbox_serial (CivDb *self)
{
  g_return_val_if_fail (CIV_IS_DB (self), 0);
  return (guint) g_atomic_int_get (&self->outbox_serial);
}
