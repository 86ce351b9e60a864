// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-store.c — one office's data directory */
#include "civ-store.h"

#include "civ-login-guard.h"

#include <gcrypt.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const role_names[CIV_N_ROLES] = {
  "registrar", "archivist", "funeral_clerk", "supervisor", "auditor",
};

const char *
civ_role_to_string (CivRole role)
{
  if (role < 0 || role >= CIV_N_ROLES)
    return NULL;
  return role_names[role];
}

CivRole
civ_role_from_string (const char *text)
{
  for (int i = 0; i < CIV_N_ROLES; i++)
    if (g_strcmp0 (text, role_names[i]) == 0)
      return (CivRole) i;
  return CIV_ROLE_INVALID;
}

void
civ_operator_free (CivOperator *op)
{
  if (op == NULL)
    return;
  g_free (op->login);
  g_free (op->display_name);
  g_free (op->created_at);
  g_free (op->created_by);
  g_free (op);
}

struct _CivStore
{
  GObject parent_instance;

  char        *data_dir;
  char        *db_path;
  char        *keys_path;
  CivDb       *db;       /* NULL while locked */
  CivSecret   *data_key; /* NULL while locked */
  CivOperator *op;
  GThread     *owner;             /* the thread every connection it opens is bound to */
  gint64       rollback_recorded; /* the audit mark above the head found at login, or 0 */
  gint64       rollback_found;
};

G_DEFINE_FINAL_TYPE (CivStore, civ_store, G_TYPE_OBJECT)

static void
drop_key (CivStore *self)
{
  if (self->db)
    civ_db_close (self->db);
  g_clear_object (&self->db);
  g_clear_pointer (&self->data_key, civ_secret_free);
}

static void
civ_store_finalize (GObject *object)
{
  CivStore *self = CIV_STORE (object);

  drop_key (self);
  g_free (self->data_dir);
  g_free (self->db_path);
  g_free (self->keys_path);
  civ_operator_free (self->op);
  G_OBJECT_CLASS (civ_store_parent_class)->finalize (object);
}

static void
civ_store_class_init (CivStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = civ_store_finalize;
}

static void
civ_store_init (CivStore *self)
{
}

static CivStore *
store_new (const char *data_dir)
{
  CivStore *self = g_object_new (CIV_TYPE_STORE, NULL);

  self->data_dir = g_canonicalize_filename (data_dir, NULL);
  self->db_path = g_build_filename (self->data_dir, CIV_STORE_DB_NAME, NULL);
  self->keys_path = g_build_filename (self->data_dir, CIV_STORE_KEYS_NAME, NULL);
  return self;
}

gboolean
civ_store_exists (const char *data_dir)
{
  g_autofree char *keys = g_build_filename (data_dir, CIV_STORE_KEYS_NAME, NULL);
  g_autofree char *db = g_build_filename (data_dir, CIV_STORE_DB_NAME, NULL);

  return g_file_test (keys, G_FILE_TEST_IS_REGULAR) || g_file_test (db, G_FILE_TEST_IS_REGULAR);
}

/* The smallest whole database: one page of SQLCipher's smallest page size. */
#define DB_MIN_BYTES 512

gboolean
civ_store_check_files (const char *data_dir, GError **error)
{
  g_autofree char *db = g_build_filename (data_dir, CIV_STORE_DB_NAME, NULL);
  GStatBuf         st;

  if (g_stat (db, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_DAMAGED,
                   _ ("The office's database %s is missing, though its keys are there. Nothing "
                      "was changed: restore the office from a backup into a new folder (civreg-cli "
                      "backup restore)."),
                   db);
      return FALSE;
    }
  if (st.st_size == 0)
    {
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_DAMAGED,
                   _ ("The office's database %s is empty. Nothing was changed: restore the office "
                      "from a backup into a new folder (civreg-cli backup restore)."),
                   db);
      return FALSE;
    }
  if (st.st_size < DB_MIN_BYTES || st.st_size % DB_MIN_BYTES != 0)
    {
      g_autofree char *size = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) st.st_size);

      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_DAMAGED,
                   /* Translators: %1$s is a file, %2$s its size in bytes. */
                   _ ("The office's database %1$s is cut short (%2$s bytes, not whole pages). "
                      "Nothing was changed: restore the office from a backup into a new folder "
                      "(civreg-cli backup restore)."),
                   db, size);
      return FALSE;
    }
  return TRUE;
}

gboolean
civ_store_peek_office (const char *data_dir, char **office_name, char **office_code)
{
  g_autofree char *path = g_build_filename (data_dir, CIV_STORE_OFFICE_NAME, NULL);
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autofree char *name = NULL;
  g_autofree char *code = NULL;

  if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, NULL))
    return FALSE;
  name = g_key_file_get_string (kf, "office", "name", NULL);
  code = g_key_file_get_string (kf, "office", "code", NULL);
  if (name == NULL || !g_utf8_validate (name, -1, NULL) || code == NULL || strlen (code) != 6 ||
      strspn (code, "0123456789") != 6)
    return FALSE;
  if (office_name)
    *office_name = g_steal_pointer (&name);
  if (office_code)
    *office_code = g_steal_pointer (&code);
  return TRUE;
}

/* Keeps DIR/office.ini in step with the database (best effort: it is a label). */
static void
write_office_info (CivStore *self)
{
  g_autofree char *path = g_build_filename (self->data_dir, CIV_STORE_OFFICE_NAME, NULL);
  g_autofree char *name = civ_store_get_office_name (self);
  g_autofree char *code = civ_store_get_office_code (self);
  g_autofree char *old_name = NULL;
  g_autofree char *old_code = NULL;
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autofree char *data = NULL;
  gsize            len = 0;

  if (name == NULL || code == NULL)
    return;
  if (civ_store_peek_office (self->data_dir, &old_name, &old_code) &&
      g_strcmp0 (old_name, name) == 0 && g_strcmp0 (old_code, code) == 0)
    return;
  g_key_file_set_string (kf, "office", "name", name);
  g_key_file_set_string (kf, "office", "code", code);
  /* 0600 whatever the umask, as the database and the key slots. */
  data = g_key_file_to_data (kf, &len, NULL);
  g_file_set_contents_full (path, data, (gssize) len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL);
}

gboolean
civ_login_is_valid (const char *login, GError **error)
{
  gsize len = login ? strlen (login) : 0;

  if (len < 2 || len > 32 || !g_ascii_islower (login[0]))
    goto bad;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_islower (login[i]) && !g_ascii_isdigit (login[i]) && login[i] != '.' &&
        login[i] != '_' && login[i] != '-')
      goto bad;
  return TRUE;

bad:
  g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                       _ ("A user name has 2 to 32 characters: lower-case letters, digits, "
                          "'.', '_' or '-', starting with a letter"));
  return FALSE;
}

gboolean
civ_password_is_acceptable (const char *password, GError **error)
{
  if (password == NULL || !g_utf8_validate (password, -1, NULL) ||
      g_utf8_strlen (password, -1) < CIV_MIN_PASSWORD_LEN)
    {
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                   _ ("A password needs at least %d characters"), CIV_MIN_PASSWORD_LEN);
      return FALSE;
    }
  return TRUE;
}

static char *
detail_json (const char *first_key, ...)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  va_list ap;

  json_builder_begin_object (b);
  va_start (ap, first_key);
  for (const char *k = first_key; k; k = va_arg (ap, const char *))
    {
      const char *v = va_arg (ap, const char *);
      json_builder_set_member_name (b, k);
      json_builder_add_string_value (b, v ? v : "");
    }
  va_end (ap);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

/* Crockford base32 without I, L, O, U: 30 symbols = 150 bits. */
static const char recovery_alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

static char *
make_recovery_code (void)
{
  guint8   raw[30];
  GString *s = g_string_new (NULL);

  gcry_randomize (raw, sizeof raw, GCRY_VERY_STRONG_RANDOM);
  for (guint i = 0; i < sizeof raw; i++)
    {
      if (i > 0 && i % 5 == 0)
        g_string_append_c (s, '-');
      g_string_append_c (s, recovery_alphabet[raw[i] & 31]);
    }
  gcry_create_nonce (raw, sizeof raw); /* overwrite */
  return g_string_free (s, FALSE);
}

/* Upper-cases, drops spaces and dashes, maps look-alikes; NULL when invalid. */
static char *
normalize_recovery_code (const char *code)
{
  GString *s = g_string_new (NULL);

  for (const char *p = code; p && *p; p++)
    {
      char c = g_ascii_toupper (*p);
      if (c == '-' || c == ' ')
        continue;
      if (c == 'O')
        c = '0';
      else if (c == 'I' || c == 'L')
        c = '1';
      if (strchr (recovery_alphabet, c) == NULL)
        {
          g_string_free (s, TRUE);
          return NULL;
        }
      g_string_append_c (s, c);
    }
  if (s->len != 30)
    {
      g_string_free (s, TRUE);
      return NULL;
    }
  for (gsize i = 25; i > 0; i -= 5)
    g_string_insert_c (s, i, '-');
  return g_string_free (s, FALSE);
}

static CivOperator *
read_operator (sqlite3_stmt *stmt)
{
  CivOperator *op = g_new0 (CivOperator, 1);

  op->id = sqlite3_column_int64 (stmt, 0);
  op->login = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  op->display_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  op->role = civ_role_from_string ((const char *) sqlite3_column_text (stmt, 3));
  op->enabled = sqlite3_column_int (stmt, 4) != 0;
  op->created_at = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  op->created_by = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  return op;
}

#define OPERATOR_COLUMNS "id, login, display_name, role, enabled, created_at, created_by"

static CivOperator *
find_operator (CivDb *db, const char *login, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db, "SELECT " OPERATOR_COLUMNS " FROM operators WHERE login = ?", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, login, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return read_operator (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_NO_SUCH_OPERATOR, _ ("There is no user “%s”"),
                 login);
  else
    civ_db_set_error (db, error, _ ("Could not read the operators"));
  return NULL;
}

static gboolean
insert_operator (CivDb      *db,
                 const char *login,
                 const char *display_name,
                 CivRole     role,
                 const char *created_by,
                 GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = civ_db_prepare (db,
                                                  "INSERT INTO operators (login, display_name, "
                                                  "role, enabled, created_at, created_by) "
                                                  "VALUES (?, ?, ?, 1, ?, ?)",
                                                  error);
  g_autofree char *now = civ_db_now_iso ();

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, login, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, display_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, civ_role_to_string (role), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  if (created_by)
    sqlite3_bind_text (stmt, 5, created_by, -1, SQLITE_TRANSIENT);
  return civ_db_step_done (db, stmt, error);
}

static gboolean
display_name_ok (const char *name, GError **error)
{
  if (name == NULL || !g_utf8_validate (name, -1, NULL) || g_utf8_strlen (name, -1) < 1 ||
      g_utf8_strlen (name, -1) > 64)
    {
      g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                           _ ("A full name has 1 to 64 characters"));
      return FALSE;
    }
  return TRUE;
}

static gboolean record_password_with (
  CivStore *self, const char *login, const char *password, const CivKdfParams *p, GError **error);
static gboolean record_password (CivStore   *self,
                                 const char *login,
                                 const char *password,
                                 GError    **error);
static gboolean check_not_reused (CivStore   *self,
                                  const char *login,
                                  const char *password,
                                  GError    **error);

CivStore *
civ_store_create (const char         *data_dir,
                  const char         *office_code,
                  const char         *office_name,
                  const char         *login,
                  const char         *display_name,
                  const char         *password,
                  const CivKdfParams *params,
                  char              **recovery_code,
                  GError            **error)
{
  g_autoptr (CivStore) self = NULL;
  g_autoptr (CivKeyslots) slots = civ_keyslots_new ();
  g_autofree char *code = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *now = NULL;
  g_autofree char *detail = NULL;
  CivKdfParams     first_params;

  g_return_val_if_fail (data_dir != NULL, NULL);

  if (office_code == NULL || strlen (office_code) != 6 || strspn (office_code, "0123456789") != 6)
    {
      g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                           _ ("The office division code has exactly 6 digits (GB/T 2260)"));
      return NULL;
    }
  if (office_name == NULL || g_utf8_strlen (office_name, -1) < 2 ||
      !g_utf8_validate (office_name, -1, NULL))
    {
      g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                           _ ("The office name needs at least 2 characters"));
      return NULL;
    }
  if (!civ_login_is_valid (login, error) || !display_name_ok (display_name, error) ||
      !civ_password_is_acceptable (password, error) || !civ_crypto_init (error))
    return NULL;

  if (g_mkdir_with_parents (data_dir, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   _ ("Could not create the folder %s: %s"), data_dir, g_strerror (errno));
      return NULL;
    }
  self = store_new (data_dir);
  if (g_file_test (self->keys_path, G_FILE_TEST_EXISTS) ||
      g_file_test (self->db_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_EXISTS,
                   _ ("%s already holds a Civreg office; nothing was changed"), self->data_dir);
      return NULL;
    }

  if (params)
    civ_keyslots_set_params (slots, params);
  civ_keyslots_ensure_journal_key (slots);
  civ_keyslots_get_params (slots, login, &first_params);
  self->data_key = civ_secret_new_random (CIV_DATA_KEY_LEN);
  code = make_recovery_code ();
  if (!civ_keyslots_set (slots, login, password, self->data_key, error) ||
      !civ_keyslots_set (slots, CIV_RECOVERY_SLOT, code, self->data_key, error))
    return NULL;

  self->db = civ_db_open (self->db_path, self->data_key, error);
  if (self->db)
    civ_db_set_owner (self->db, self->owner);
  if (self->db == NULL)
    goto fail;

  uuid = g_uuid_string_random ();
  now = civ_db_now_iso ();
  detail = detail_json ("office_code", office_code, "office_name", office_name, NULL);
  if (!civ_db_begin (self->db, error))
    goto fail;
  if (!civ_db_set_setting (self->db, "office_code", office_code, error) ||
      !civ_db_set_setting (self->db, "office_name", office_name, error) ||
      !civ_db_set_setting (self->db, "workstation_id", uuid, error) ||
      !civ_db_set_setting (self->db, "created_at", now, error) ||
      !insert_operator (self->db, login, display_name, CIV_ROLE_SUPERVISOR, NULL, error) ||
      !record_password_with (self, login, password, &first_params, error) ||
      !civ_audit_append (self->db, login, "office.create", office_code, detail, error) ||
      !civ_db_commit (self->db, error))
    {
      civ_db_rollback (self->db);
      goto fail;
    }
  /* The key slots are written last: without them the database is unusable,
   * so a failure before this point leaves nothing half made. */
  if (!civ_keyslots_save (slots, self->keys_path, error))
    goto fail;

  self->op = find_operator (self->db, login, error);
  if (self->op == NULL)
    return NULL;
  write_office_info (self);
  if (recovery_code)
    *recovery_code = g_steal_pointer (&code);
  return g_steal_pointer (&self);

fail:
  drop_key (self);
  {
    g_autofree char *wal = g_strconcat (self->db_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (self->db_path, "-shm", NULL);
    g_autofree char *turn = g_strconcat (self->db_path, "-turn", NULL);
    g_unlink (self->db_path);
    g_unlink (wal);
    g_unlink (shm);
    g_unlink (turn);
  }
  return NULL;
}

/* --- failed logins, lockout ---------------------------------------------- */

/* Loads the key slots and gives the file a journal key when it has none
 * (an office made before issue 12): failed logins cannot be journalled
 * without one. */
static CivKeyslots *
load_slots (const char *keys_path, GError **error)
{
  CivKeyslots *slots = civ_keyslots_load (keys_path, error);

  if (slots && civ_keyslots_ensure_journal_key (slots))
    civ_keyslots_save (slots, keys_path, NULL);
  return slots;
}

/* Wrong passwords and unknown or disabled users count towards a lock; an
 * attempt made while locked, a wrong recovery code (150 bits need no lock)
 * and anything else do not. */
static gboolean
reason_counts (const char *reason)
{
  return g_strcmp0 (reason, "wrong-password") == 0 || g_strcmp0 (reason, "no-such-user") == 0 ||
         g_strcmp0 (reason, "disabled") == 0 || g_strcmp0 (reason, "unlock-failed") == 0;
}

static char *
iso_from_unix (gint64 t)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (t);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

/* Journals a failed attempt and counts it; a failure that locks the login
 * journals the lock too. */
static void
journal_failure (const char *data_dir, CivKeyslots *slots, const char *login, const char *reason)
{
  const guint8 *key = civ_keyslots_get_journal_key (slots);
  gint64        until = 0;

  if (key == NULL)
    return;
  civ_login_journal_append (data_dir, key, login, reason, NULL);
  if (reason_counts (reason) && civ_login_guard_note_failure (data_dir, key, login, &until))
    {
      g_autofree char *at = iso_from_unix (until);

      civ_login_journal_append (data_dir, key, login, "locked-out", at);
    }
}

void
civ_store_note_failed_login (const char *data_dir, const char *login, const char *reason)
{
  g_autofree char *path = g_build_filename (data_dir, CIV_STORE_KEYS_NAME, NULL);
  g_autoptr (CivKeyslots) slots = load_slots (path, NULL);

  if (slots)
    journal_failure (data_dir, slots, login, reason);
}

static void
set_locked_error (GError **error, gint64 until)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (until);
  g_autoptr (GDateTime) local = g_date_time_to_local (utc);
  g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M");

  g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_LOCKED_OUT,
               _ ("Too many failed logins: this login is locked until %s. Try again then, or "
                  "ask a supervisor to unlock it."),
               when);
}

/* When @login is locked: journals the attempt and says until when. */
static gboolean
refuse_if_locked (const char *data_dir, CivKeyslots *slots, const char *login, GError **error)
{
  const guint8 *key = civ_keyslots_get_journal_key (slots);
  gint64        until = 0;

  if (key == NULL || login == NULL || !civ_login_guard_is_locked (data_dir, key, login, &until))
    return FALSE;
  civ_login_journal_append (data_dir, key, login, "locked", NULL);
  set_locked_error (error, until);
  return TRUE;
}

gboolean
civ_store_login_locked_until (const char *data_dir, const char *login, gint64 *until)
{
  g_autofree char *path = g_build_filename (data_dir, CIV_STORE_KEYS_NAME, NULL);
  g_autoptr (CivKeyslots) slots = civ_keyslots_load (path, NULL);
  const guint8 *key = slots ? civ_keyslots_get_journal_key (slots) : NULL;

  return key != NULL && civ_login_guard_is_locked (data_dir, key, login, until);
}

/* The detail of a folded journal line: which user the hashed login
 * matches, if any, and that it was recorded while the database was closed. */
static const char *
match_hash (GPtrArray *hashes, const char *hash)
{
  for (guint i = 0; i + 1 < hashes->len; i += 2)
    if (g_strcmp0 (g_ptr_array_index (hashes, i), hash) == 0)
      return g_ptr_array_index (hashes, i + 1);
  return NULL;
}

/* Moves the verified lines of the journal into the audit chain (inside the
 * caller's transaction); lines that do not verify are counted in one
 * "login.journal-invalid" entry, never folded with their time and login. */
static gboolean
fold_failed_logins (
  CivStore *self, CivKeyslots *slots, const char *folder, CivJournal **journal, GError **error)
{
  const guint8 *key = civ_keyslots_get_journal_key (slots);
  g_autoptr (GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) ops = NULL;
  GPtrArray *entries;
  guint      n_invalid = 0;

  *journal = civ_journal_take (self->data_dir, key, &n_invalid);
  if (*journal == NULL)
    return TRUE;
  entries = civ_journal_get_entries (*journal);
  if (entries->len > 0)
    {
      g_autoptr (sqlite3_stmt) stmt =
        civ_db_prepare (self->db, "SELECT " OPERATOR_COLUMNS " FROM operators", error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_autoptr (CivOperator) op = read_operator (stmt);

          g_ptr_array_add (hashes, civ_login_guard_hash (key, op->login));
          g_ptr_array_add (hashes, g_strdup (op->login));
        }
      if (rc != SQLITE_DONE)
        {
          civ_db_set_error (self->db, error, _ ("Could not read the operators"));
          return FALSE;
        }
      g_ptr_array_add (hashes, civ_login_guard_hash (key, CIV_RECOVERY_SLOT));
      g_ptr_array_add (hashes, g_strdup (CIV_RECOVERY_SLOT));
    }
  for (guint i = 0; i < entries->len; i++)
    {
      CivJournalEntry *e = g_ptr_array_index (entries, i);
      const char      *who = match_hash (hashes, e->hash);
      g_autofree char *text = NULL;
      const char      *action = "login.failed";

      /* A wrong password at the lock screen is not a failed login: the
       * operator was logged in (issue 11, item 11). */
      if (g_strcmp0 (e->reason, "unlock-failed") == 0)
        action = "session.unlock-failed";
      else if (g_strcmp0 (e->reason, "locked-out") == 0)
        action = "login.locked-out";
      if (e->extra[0] != '\0')
        text = detail_json ("at", e->at, "reason", e->reason, "until", e->extra, "login_match",
                            who ? who : "unknown", "login_hash", e->hash, "recorded",
                            "while-locked", NULL);
      else
        text = detail_json ("at", e->at, "reason", e->reason, "login_match", who ? who : "unknown",
                            "login_hash", e->hash, "recorded", "while-locked", NULL);
      if (!civ_audit_append (self->db, who ? who : "?", action, who ? who : "", text, error))
        return FALSE;
    }
  if (n_invalid > 0)
    {
      g_autofree char *count = g_strdup_printf ("%u", n_invalid);
      g_autofree char *text = NULL;

      g_warning ("%u lines of %s/%s do not verify; they are counted in the audit log, not "
                 "folded",
                 n_invalid, self->data_dir, CIV_STORE_FAILED_NAME);
      text = detail_json ("count", count, NULL);
      if (!civ_audit_append (self->db, folder, "login.journal-invalid", CIV_STORE_FAILED_NAME, text,
                             error))
        return FALSE;
    }
  return TRUE;
}

/* The audit mark (civ-keyslots.h): a database whose audit head is below
 * the highest sequence seen at an earlier login was replaced by an older
 * copy. Audited inside the caller's transaction; the window or the command
 * line says so (civ_store_get_rollback ()). */
static gboolean
check_rollback (CivStore *self, CivKeyslots *slots, const char *login, GError **error)
{
  gint64           mark = civ_keyslots_get_audit_mark (slots);
  gint64           head = 0;
  g_autofree char *hash = NULL;

  if (!civ_audit_head (self->db, &head, &hash, error))
    return FALSE;
  if (mark > head)
    {
      g_autofree char *recorded = g_strdup_printf ("%" G_GINT64_FORMAT, mark);
      g_autofree char *found = g_strdup_printf ("%" G_GINT64_FORMAT, head);
      g_autofree char *text = detail_json ("recorded", recorded, "found", found, NULL);
      if (!civ_audit_append (self->db, login, "audit.rollback-suspected", CIV_STORE_DB_NAME, text,
                             error))
        return FALSE;
      self->rollback_recorded = mark;
      self->rollback_found = head;
    }
  return TRUE;
}

/* Records the audit head in the key-slot file (best effort). */
static void
save_audit_mark (CivStore *self)
{
  g_autoptr (CivKeyslots) slots = NULL;
  gint64           head = 0;
  g_autofree char *hash = NULL;

  if (self->db == NULL || !civ_audit_head (self->db, &head, &hash, NULL))
    return;
  slots = load_slots (self->keys_path, NULL);
  if (slots == NULL || civ_keyslots_get_audit_mark (slots) == head)
    return;
  civ_keyslots_set_audit_mark (slots, head);
  civ_keyslots_save (slots, self->keys_path, NULL);
}

/* After the key opened the database: the operator must exist and be
 * enabled (*@credentials says a failure is the login's), then the journal
 * is folded, the login audited and the lockout forgotten. */
static gboolean
finish_open (CivStore    *self,
             CivKeyslots *slots,
             const char  *login,
             const char  *action,
             gboolean    *credentials,
             GError     **error)
{
  CivJournal *journal = NULL;
  gboolean    ok;

  *credentials = FALSE;
  civ_operator_free (self->op);
  self->op = find_operator (self->db, login, error);
  if (self->op == NULL)
    {
      *credentials = error && g_error_matches (*error, CIV_DB_ERROR, CIV_DB_ERROR_NO_SUCH_OPERATOR);
      return FALSE;
    }
  if (!self->op->enabled)
    {
      *credentials = TRUE;
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_OPERATOR_DISABLED,
                   _ ("The user “%s” is disabled"), login);
      return FALSE;
    }
  if (!civ_db_begin (self->db, error))
    return FALSE;
  ok = check_rollback (self, slots, login, error) &&
       fold_failed_logins (self, slots, login, &journal, error) &&
       civ_audit_append (self->db, login, action, login, NULL, error) &&
       civ_db_commit (self->db, error);
  if (!ok)
    civ_db_rollback (self->db);
  civ_journal_release (journal, ok);
  if (!ok)
    return FALSE;
  if (civ_keyslots_get_journal_key (slots))
    civ_login_guard_clear (self->data_dir, civ_keyslots_get_journal_key (slots), login);
  save_audit_mark (self);
  write_office_info (self);
  return TRUE;
}

/* The key slot's GCM tag proved the data key: a database that does not
 * decrypt with it (page 1 included), or a page that fails later, is damage
 * (or a database from another office), never a wrong password. */
static void
as_damage (CivStore *self, GError **error)
{
  GError *old = error ? *error : NULL;

  if (old == NULL || g_error_matches (old, CIV_DB_ERROR, CIV_DB_ERROR_DAMAGED) ||
      !(g_error_matches (old, CIV_DB_ERROR, CIV_DB_ERROR_WRONG_PASSWORD) ||
        civ_db_error_is_damage (old)))
    return;
  *error = NULL;
  if (g_error_matches (old, CIV_DB_ERROR, CIV_DB_ERROR_WRONG_PASSWORD))
    g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_DAMAGED,
                 _ ("The office's database %s does not open with the office's key, though the "
                    "password is right: its first page is damaged, or it is another office's "
                    "file. Nothing was changed: restore the office from a backup into a new "
                    "folder (civreg-cli backup restore)."),
                 self->db_path);
  else
    g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_DAMAGED,
                 _ ("The office's database %s is damaged (%s). Nothing was changed: restore the "
                    "office from a backup into a new folder (civreg-cli backup restore)."),
                 self->db_path, old->message);
  g_error_free (old);
}

/* Unwraps @slot with @secret and opens the database. *@credentials is TRUE
 * when the secret was wrong; a database that will not open (busy, damaged)
 * is never the login's fault. */
static gboolean
unwrap_and_open (CivStore    *self,
                 CivKeyslots *slots,
                 const char  *slot,
                 const char  *secret,
                 gboolean    *credentials,
                 GError     **error)
{
  *credentials = FALSE;
  self->data_key = civ_keyslots_unwrap (slots, slot, secret, error);
  if (self->data_key == NULL)
    {
      *credentials =
        error == NULL || g_error_matches (*error, CIV_DB_ERROR, CIV_DB_ERROR_WRONG_PASSWORD);
      return FALSE;
    }
  self->db = civ_db_open (self->db_path, self->data_key, error);
  if (self->db)
    civ_db_set_owner (self->db, self->owner);
  if (self->db == NULL)
    {
      drop_key (self);
      as_damage (self, error);
      return FALSE;
    }
  return TRUE;
}

static const char *
failure_reason (GError *error)
{
  if (g_error_matches (error, CIV_DB_ERROR, CIV_DB_ERROR_OPERATOR_DISABLED))
    return "disabled";
  if (g_error_matches (error, CIV_DB_ERROR, CIV_DB_ERROR_NO_SUCH_OPERATOR))
    return "no-such-user";
  return "wrong-password";
}

CivStore *
civ_store_open (const char *data_dir, const char *login, const char *password, GError **error)
{
  g_autoptr (CivStore) self = NULL;
  g_autoptr (CivKeyslots) slots = NULL;
  g_autoptr (GError) local = NULL;
  gboolean credentials = TRUE;

  g_return_val_if_fail (data_dir != NULL, NULL);

  if (!civ_store_exists (data_dir))
    {
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_NOT_FOUND,
                   _ ("%s holds no Civreg office (run the set-up first)"), data_dir);
      return NULL;
    }
  /* A missing or cut database is damage, not a failed login. */
  if (!civ_store_check_files (data_dir, error))
    return NULL;
  self = store_new (data_dir);
  /* A key-slot file that does not parse is damage too. */
  slots = load_slots (self->keys_path, error);
  if (slots == NULL)
    return NULL;
  if (refuse_if_locked (data_dir, slots, login, error))
    return NULL;
  if (login == NULL || password == NULL || g_strcmp0 (login, CIV_RECOVERY_SLOT) == 0 ||
      !unwrap_and_open (self, slots, login, password, &credentials, &local) ||
      !finish_open (self, slots, login, "login", &credentials, &local))
    {
      drop_key (self);
      if (civ_db_error_is_damage (local))
        as_damage (self, &local);
      if (credentials && !g_error_matches (local, CIV_DB_ERROR, CIV_DB_ERROR_DAMAGED))
        {
          /* The same words whether the user exists or not. */
          journal_failure (data_dir, slots, login, failure_reason (local));
          if (!g_error_matches (local, CIV_DB_ERROR, CIV_DB_ERROR_OPERATOR_DISABLED))
            {
              g_clear_error (&local);
              g_set_error_literal (&local, CIV_DB_ERROR, CIV_DB_ERROR_WRONG_PASSWORD,
                                   _ ("Wrong user name or password"));
            }
        }
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return g_steal_pointer (&self);
}

static gboolean
rewrap (
  CivStore *self, const char *slot_name, const char *password, gboolean remove, GError **error)
{
  g_autoptr (CivKeyslots) slots = civ_keyslots_load (self->keys_path, error);

  if (slots == NULL)
    return FALSE;
  if (remove)
    civ_keyslots_remove (slots, slot_name);
  else if (!civ_keyslots_set (slots, slot_name, password, self->data_key, error))
    return FALSE;
  return civ_keyslots_save (slots, self->keys_path, error);
}

/* --- password history ----------------------------------------------------- */

#define HISTORY_DEPTH 5

/* Records a verifier of @login's new @password (inside the caller's
 * transaction), made with the cost parameters @p of the key slots. */
static gboolean
record_password_with (
  CivStore *self, const char *login, const char *password, const CivKdfParams *p, GError **error)
{
  g_autoptr (CivSecret) verifier = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *now = civ_db_now_iso ();
  guint8           salt[CIV_KDF_SALT_LEN];

  gcry_randomize (salt, sizeof salt, GCRY_STRONG_RANDOM);
  verifier = civ_kdf_derive (password, salt, sizeof salt, p, error);
  if (verifier == NULL)
    return FALSE;
  stmt = civ_db_prepare (self->db,
                         "INSERT INTO password_history (login, set_at, t_cost, m_cost, lanes, "
                         "salt, verifier) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, login, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, p->t_cost);
  sqlite3_bind_int64 (stmt, 4, p->m_cost);
  sqlite3_bind_int64 (stmt, 5, p->lanes);
  sqlite3_bind_blob (stmt, 6, salt, sizeof salt, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 7, civ_secret_peek (verifier), (int) civ_secret_get_len (verifier),
                     SQLITE_TRANSIENT);
  return civ_db_step_done (self->db, stmt, error);
}

/* The same, with the cost of @login's key slot as it is now in the file. */
static gboolean
record_password (CivStore *self, const char *login, const char *password, GError **error)
{
  g_autoptr (CivKeyslots) slots = civ_keyslots_load (self->keys_path, error);
  CivKdfParams p;

  if (slots == NULL)
    return FALSE;
  civ_keyslots_get_params (slots, login, &p);
  return record_password_with (self, login, password, &p, error);
}

/* FALSE with CIV_DB_ERROR_PASSWORD_REUSED when @password is @login's
 * current one or one of their last five. */
static gboolean
check_not_reused (CivStore *self, const char *login, const char *password, GError **error)
{
  g_autoptr (CivKeyslots) slots = civ_keyslots_load (self->keys_path, error);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  gboolean reused = FALSE;
  int      rc;

  if (slots == NULL)
    return FALSE;
  /* The current password, also for users set up before the history. */
  if (civ_keyslots_has (slots, login))
    {
      g_autoptr (CivSecret) key = civ_keyslots_unwrap (slots, login, password, NULL);

      reused = key != NULL;
    }
  stmt = civ_db_prepare (self->db,
                         "SELECT t_cost, m_cost, lanes, salt, verifier FROM password_history "
                         "WHERE login = ? ORDER BY id DESC LIMIT " G_STRINGIFY (HISTORY_DEPTH),
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, login, -1, SQLITE_TRANSIENT);
  while (!reused && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CivKdfParams  p = { (guint32) sqlite3_column_int64 (stmt, 0),
                          (guint32) sqlite3_column_int64 (stmt, 1),
                          (guint32) sqlite3_column_int64 (stmt, 2) };
      const guint8 *salt = sqlite3_column_blob (stmt, 3);
      const guint8 *want = sqlite3_column_blob (stmt, 4);
      g_autoptr (CivSecret) got = NULL;

      if (sqlite3_column_bytes (stmt, 3) != CIV_KDF_SALT_LEN ||
          sqlite3_column_bytes (stmt, 4) != 32)
        continue;
      got = civ_kdf_derive (password, salt, CIV_KDF_SALT_LEN, &p, NULL);
      reused = got != NULL && civ_memeq_const_time (civ_secret_peek (got), want, 32);
    }
  if (reused)
    {
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_PASSWORD_REUSED,
                   _ ("This password is the current one or one of the last %d: choose a password "
                      "not used before."),
                   HISTORY_DEPTH);
      return FALSE;
    }
  return TRUE;
}

gboolean
civ_store_get_password_set_at (CivStore *self, const char *login, gint64 *set_at, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GDateTime) dt = NULL;
  g_autofree char *text = NULL;

  if (self->db == NULL)
    {
      g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_PERMISSION,
                           _ ("The workstation is locked"));
      return FALSE;
    }
  stmt = civ_db_prepare (self->db,
                         "SELECT coalesce ((SELECT set_at FROM password_history WHERE login = ?1 "
                         "ORDER BY id DESC LIMIT 1), (SELECT created_at FROM operators WHERE "
                         "login = ?1))",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, login, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      civ_db_set_error (self->db, error, _ ("Could not read the operators"));
      return FALSE;
    }
  text = civ_db_column_dup (stmt, 0);
  dt = text ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
  *set_at = dt ? g_date_time_to_unix (dt) : 0;
  return TRUE;
}

CivStore *
civ_store_recover (const char *data_dir,
                   const char *recovery_code,
                   const char *login,
                   const char *new_password,
                   GError    **error)
{
  g_autoptr (CivStore) self = NULL;
  g_autoptr (CivOperator) target = NULL;
  g_autoptr (CivKeyslots) slots = NULL;
  g_autofree char *code = normalize_recovery_code (recovery_code);
  gboolean         credentials = FALSE;

  if (!civ_store_exists (data_dir))
    {
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_NOT_FOUND, _ ("%s holds no Civreg office"),
                   data_dir);
      return NULL;
    }
  if (!civ_store_check_files (data_dir, error))
    return NULL;
  if (!civ_password_is_acceptable (new_password, error))
    return NULL;
  self = store_new (data_dir);
  slots = load_slots (self->keys_path, error);
  if (slots == NULL)
    return NULL;
  if (code == NULL || !unwrap_and_open (self, slots, CIV_RECOVERY_SLOT, code, &credentials, error))
    {
      if (code != NULL && !credentials)
        return NULL; /* the database would not open: not the code's fault */
      g_clear_error (error);
      g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_WRONG_PASSWORD,
                           _ ("The recovery code is not correct"));
      journal_failure (data_dir, slots, CIV_RECOVERY_SLOT, "wrong-recovery-code");
      return NULL;
    }
  target = find_operator (self->db, login, NULL);
  if (target == NULL || target->role != CIV_ROLE_SUPERVISOR || !target->enabled)
    {
      const guint8    *key = civ_keyslots_get_journal_key (slots);
      g_autofree char *hash = key ? civ_login_guard_hash (key, login) : NULL;
      g_autofree char *text = NULL;

      /* A right code on the wrong account: audited, and said in the same
       * words as a wrong code (issue 12, item 8). The login typed is kept
       * only as its hash, as for a failed login. */
      text = detail_json ("login_match", target ? target->login : "unknown", "login_hash",
                          hash ? hash : "", NULL);
      civ_audit_append (self->db, CIV_RECOVERY_SLOT, "recovery.wrong-account",
                        target ? target->login : "", text, NULL);
      save_audit_mark (self);
      g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_WRONG_PASSWORD,
                           _ ("The recovery code is not correct"));
      return NULL;
    }
  if (!check_not_reused (self, login, new_password, error))
    return NULL;
  if (!civ_db_begin (self->db, error))
    return NULL;
  if (!civ_audit_append (self->db, login, "operator.recover", login, NULL, error) ||
      !rewrap (self, login, new_password, FALSE, error) ||
      !record_password (self, login, new_password, error) || !civ_db_commit (self->db, error))
    {
      civ_db_rollback (self->db);
      return NULL;
    }
  /* The recovery is how a locked-out supervisor gets back in. */
  if (civ_keyslots_get_journal_key (slots))
    civ_login_guard_clear (data_dir, civ_keyslots_get_journal_key (slots), login);
  if (!finish_open (self, slots, login, "login", &credentials, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
civ_store_lock (CivStore *self)
{
  g_return_if_fail (CIV_IS_STORE (self));

  if (self->db == NULL)
    return;
  civ_audit_append (self->db, self->op->login, "lock", self->op->login, NULL, NULL);
  save_audit_mark (self);
  drop_key (self);
}

gboolean
civ_store_unlock (CivStore *self, const char *password, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (CivKeyslots) slots = NULL;
  g_autofree char *login = NULL;
  gboolean         credentials = TRUE;

  g_return_val_if_fail (CIV_IS_STORE (self), FALSE);

  if (self->db != NULL)
    return TRUE;
  if (!civ_store_check_files (self->data_dir, error))
    return FALSE;
  slots = load_slots (self->keys_path, error);
  if (slots == NULL)
    return FALSE;
  /* finish_open() replaces self->op: keep our own copy of the login. */
  login = g_strdup (self->op->login);
  if (refuse_if_locked (self->data_dir, slots, login, error))
    return FALSE;
  if (password == NULL || !unwrap_and_open (self, slots, login, password, &credentials, &local) ||
      !finish_open (self, slots, login, "unlock", &credentials, &local))
    {
      drop_key (self);
      if (civ_db_error_is_damage (local))
        as_damage (self, &local);
      if (credentials && !g_error_matches (local, CIV_DB_ERROR, CIV_DB_ERROR_DAMAGED))
        journal_failure (self->data_dir, slots, login, "unlock-failed");
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

gboolean
civ_store_get_rollback (CivStore *self, gint64 *recorded, gint64 *found)
{
  if (self->rollback_recorded == 0)
    return FALSE;
  *recorded = self->rollback_recorded;
  *found = self->rollback_found;
  return TRUE;
}

gboolean
civ_store_unlock_login (CivStore *self, const char *login, GError **error)
{
  g_autoptr (CivOperator) target = NULL;
  g_autoptr (CivKeyslots) slots = NULL;
  const guint8 *key;

  if (self->db == NULL)
    {
      g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_PERMISSION,
                           _ ("The workstation is locked"));
      return FALSE;
    }
  target = find_operator (self->db, login, error);
  if (target == NULL)
    return FALSE;
  slots = load_slots (self->keys_path, error);
  if (slots == NULL)
    return FALSE;
  key = civ_keyslots_get_journal_key (slots);
  if (key == NULL || !civ_login_guard_is_locked (self->data_dir, key, login, NULL))
    {
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                   _ ("The user “%s” is not locked out; nothing was changed"), login);
      return FALSE;
    }
  if (!civ_db_begin (self->db, error))
    return FALSE;
  if (!civ_audit_append (self->db, self->op->login, "user.unlocked", login, NULL, error))
    {
      civ_db_rollback (self->db);
      return FALSE;
    }
  civ_login_guard_clear (self->data_dir, key, login);
  if (!civ_db_commit (self->db, error))
    {
      civ_db_rollback (self->db);
      return FALSE;
    }
  return TRUE;
}

gboolean
civ_store_is_locked (CivStore *self)
{
  return self->db == NULL;
}

const char *
civ_store_get_data_dir (CivStore *self)
{
  return self->data_dir;
}

CivDb *
civ_store_get_db (CivStore *self)
{
  return self->db;
}

const CivSecret *
civ_store_peek_data_key (CivStore *self)
{
  return self->data_key;
}

const CivOperator *
civ_store_get_operator (CivStore *self)
{
  return self->op;
}

char *
civ_store_get_office_code (CivStore *self)
{
  return self->db ? civ_db_get_setting (self->db, "office_code") : NULL;
}

char *
civ_store_get_office_name (CivStore *self)
{
  return self->db ? civ_db_get_setting (self->db, "office_name") : NULL;
}

static gboolean
require_open (CivStore *self, GError **error)
{
  if (self->db == NULL)
    {
      g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_PERMISSION,
                           _ ("The workstation is locked"));
      return FALSE;
    }
  return TRUE;
}

gboolean
civ_store_audit (
  CivStore *self, const char *action, const char *object, const char *detail, GError **error)
{
  if (!require_open (self, error))
    return FALSE;
  return civ_audit_append (self->db, self->op->login, action, object, detail, error);
}

gboolean
civ_store_add_operator (CivStore   *self,
                        const char *login,
                        const char *display_name,
                        CivRole     role,
                        const char *password,
                        GError    **error)
{
  g_autofree char *detail = NULL;

  if (!require_open (self, error) || !civ_login_is_valid (login, error) ||
      !display_name_ok (display_name, error) || !civ_password_is_acceptable (password, error))
    return FALSE;
  if (civ_role_to_string (role) == NULL)
    {
      g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID, _ ("Unknown role"));
      return FALSE;
    }

  detail = detail_json ("display_name", display_name, "role", civ_role_to_string (role), NULL);
  if (!civ_db_begin (self->db, error))
    return FALSE;
  {
    g_autoptr (CivOperator) existing = find_operator (self->db, login, NULL);
    if (existing != NULL)
      {
        civ_db_rollback (self->db);
        g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_EXISTS, _ ("A user “%s” already exists"),
                     login);
        return FALSE;
      }
  }
  if (!insert_operator (self->db, login, display_name, role, self->op->login, error) ||
      !civ_audit_append (self->db, self->op->login, "operator.add", login, detail, error))
    {
      civ_db_rollback (self->db);
      return FALSE;
    }
  /* The slot file is written before COMMIT: if it fails, the row is rolled
   * back; if COMMIT fails, the orphan slot is removed again. */
  if (!rewrap (self, login, password, FALSE, error))
    {
      civ_db_rollback (self->db);
      return FALSE;
    }
  if (!record_password (self, login, password, error) || !civ_db_commit (self->db, error))
    {
      civ_db_rollback (self->db);
      rewrap (self, login, NULL, TRUE, NULL);
      return FALSE;
    }
  return TRUE;
}

gboolean
civ_store_disable_operator (CivStore *self, const char *login, GError **error)
{
  g_autoptr (CivOperator) target = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *now = civ_db_now_iso ();
  gint64           supervisors = 0;

  if (!require_open (self, error))
    return FALSE;
  target = find_operator (self->db, login, error);
  if (target == NULL)
    return FALSE;
  if (!target->enabled)
    {
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                   _ ("The user “%s” is already disabled"), login);
      return FALSE;
    }
  if (g_strcmp0 (login, self->op->login) == 0)
    {
      g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                           _ ("You cannot disable your own account"));
      return FALSE;
    }
  if (target->role == CIV_ROLE_SUPERVISOR &&
      civ_db_query_int64 (self->db,
                          "SELECT count(*) FROM operators WHERE role = 'supervisor' AND enabled = "
                          "1",
                          &supervisors, NULL) &&
      supervisors <= 1)
    {
      g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                           _ ("The last enabled supervisor cannot be disabled"));
      return FALSE;
    }

  if (!civ_db_begin (self->db, error))
    return FALSE;
  stmt = civ_db_prepare (self->db,
                         "UPDATE operators SET enabled = 0, disabled_at = ?, disabled_by = ? "
                         "WHERE login = ?",
                         error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, self->op->login, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, login, -1, SQLITE_TRANSIENT);
  if (!civ_db_step_done (self->db, stmt, error) ||
      !civ_audit_append (self->db, self->op->login, "operator.disable", login, NULL, error))
    goto fail;
  /* Removing the slot takes the operator's key away: even a copy of the old
   * password no longer opens the database. */
  if (!rewrap (self, login, NULL, TRUE, error))
    goto fail;
  if (!civ_db_commit (self->db, error))
    goto fail;
  return TRUE;

fail:
  civ_db_rollback (self->db);
  return FALSE;
}

gboolean
civ_store_set_password (CivStore *self, const char *login, const char *new_password, GError **error)
{
  g_autoptr (CivOperator) target = NULL;

  if (!require_open (self, error) || !civ_password_is_acceptable (new_password, error))
    return FALSE;
  target = find_operator (self->db, login, error);
  if (target == NULL)
    return FALSE;
  if (!target->enabled)
    {
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_OPERATOR_DISABLED,
                   _ ("The user “%s” is disabled"), login);
      return FALSE;
    }
  if (!check_not_reused (self, login, new_password, error))
    return FALSE;
  if (!civ_db_begin (self->db, error))
    return FALSE;
  if (!civ_audit_append (self->db, self->op->login, "operator.passwd", login, NULL, error) ||
      !rewrap (self, login, new_password, FALSE, error) ||
      !record_password (self, login, new_password, error) || !civ_db_commit (self->db, error))
    {
      civ_db_rollback (self->db);
      return FALSE;
    }
  return TRUE;
}

CivOperator *
civ_store_find_operator (CivStore *self, const char *login, GError **error)
{
  if (!require_open (self, error))
    return NULL;
  return find_operator (self->db, login, error);
}

GPtrArray *
civ_store_list_operators (CivStore *self, GError **error)
{
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_operator_free);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  if (!require_open (self, error))
    return NULL;
  stmt =
    civ_db_prepare (self->db, "SELECT " OPERATOR_COLUMNS " FROM operators ORDER BY login", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, read_operator (stmt));
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (self->db, error, _ ("Could not read the operators"));
      return NULL;
    }
  return g_steal_pointer (&out);
}

gboolean
civ_store_count_enabled_operators (CivStore *self, gint64 *n_enabled, GError **error)
{
  if (!require_open (self, error))
    return FALSE;
  return civ_db_query_int64 (self->db, "SELECT count(*) FROM operators WHERE enabled = 1",
                             n_enabled, error);
}

void
civ_store_set_owner (CivStore *self, GThread *thread)
{
  g_return_if_fail (CIV_IS_STORE (self));

  self->owner = thread;
  if (self->db)
    civ_db_set_owner (self->db, thread);
}
