// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-store.c — one office's data directory */
#include "civ-store.h"

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
  GThread     *owner; /* the thread every connection it opens is bound to */
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
                      "was changed: put back the database from a copy of this office."),
                   db);
      return FALSE;
    }
  if (st.st_size == 0)
    {
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_DAMAGED,
                   _ ("The office's database %s is empty. Nothing was changed: put back the "
                      "database from a copy of this office."),
                   db);
      return FALSE;
    }
  if (st.st_size < DB_MIN_BYTES || st.st_size % DB_MIN_BYTES != 0)
    {
      g_autofree char *size = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) st.st_size);

      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_DAMAGED,
                   /* Translators: %1$s is a file, %2$s its size in bytes. */
                   _ ("The office's database %1$s is cut short (%2$s bytes, not whole pages). "
                      "Nothing was changed: put back the database from a copy of this office."),
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
    g_unlink (self->db_path);
    g_unlink (wal);
    g_unlink (shm);
  }
  return NULL;
}

void
civ_store_note_failed_login (const char *data_dir, const char *login, const char *reason)
{
  g_autofree char *path = g_build_filename (data_dir, CIV_STORE_FAILED_NAME, NULL);
  g_autofree char *now = civ_db_now_iso ();
  g_autofree char *safe_login = NULL;
  g_autofree char *line = NULL;
  FILE            *f;

  /* Only printable ASCII of the attempted name, at most 32 characters:
   * a password typed into the name field must not land here in full. */
  safe_login = g_strndup (login ? login : "", 32);
  for (char *p = safe_login; *p; p++)
    if (!g_ascii_isgraph (*p))
      *p = '?';
  line = g_strdup_printf ("%s\t%s\t%s\n", now, safe_login, reason ? reason : "");
  f = g_fopen (path, "ae");
  if (f == NULL)
    return;
  fputs (line, f);
  fflush (f);
  fsync (fileno (f));
  fclose (f);
  g_chmod (path, 0600);
}

/* Moves journalled failed logins into the audit chain (inside a transaction). */
static gboolean
fold_failed_logins (CivStore *self, GError **error)
{
  g_autofree char *path = g_build_filename (self->data_dir, CIV_STORE_FAILED_NAME, NULL);
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return TRUE;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_auto (GStrv) f = g_strsplit (lines[i], "\t", 3);
      g_autofree char *detail = NULL;
      const char      *action;

      if (g_strv_length (f) != 3)
        continue;
      detail = detail_json ("at", f[0], "reason", f[2], NULL);
      /* A wrong password at the lock screen is not a failed login: the
       * operator was logged in (issue 11, item 11). */
      action = "login.failed";
      if (g_strcmp0 (f[2], "unlock-failed") == 0)
        action = "session.unlock-failed";
      if (!civ_audit_append (self->db, f[1], action, f[1], detail, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
finish_open (CivStore *self, const char *login, const char *action, GError **error)
{
  g_autofree char *path = g_build_filename (self->data_dir, CIV_STORE_FAILED_NAME, NULL);

  civ_operator_free (self->op);
  self->op = find_operator (self->db, login, error);
  if (self->op == NULL)
    return FALSE;
  if (!self->op->enabled)
    {
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_OPERATOR_DISABLED,
                   _ ("The user “%s” is disabled"), login);
      return FALSE;
    }
  if (!civ_db_begin (self->db, error))
    return FALSE;
  if (!fold_failed_logins (self, error) ||
      !civ_audit_append (self->db, login, action, login, NULL, error) ||
      !civ_db_commit (self->db, error))
    {
      civ_db_rollback (self->db);
      return FALSE;
    }
  g_unlink (path);
  write_office_info (self);
  return TRUE;
}

static gboolean
unwrap_and_open (CivStore *self, const char *slot, const char *secret, GError **error)
{
  g_autoptr (CivKeyslots) slots = civ_keyslots_load (self->keys_path, error);

  if (slots == NULL)
    return FALSE;
  self->data_key = civ_keyslots_unwrap (slots, slot, secret, error);
  if (self->data_key == NULL)
    return FALSE;
  self->db = civ_db_open (self->db_path, self->data_key, error);
  if (self->db)
    civ_db_set_owner (self->db, self->owner);
  if (self->db == NULL)
    {
      drop_key (self);
      return FALSE;
    }
  return TRUE;
}

static const char *
failure_reason (GError *error)
{
  if (g_error_matches (error, CIV_DB_ERROR, CIV_DB_ERROR_WRONG_PASSWORD))
    return "wrong-password";
  if (g_error_matches (error, CIV_DB_ERROR, CIV_DB_ERROR_OPERATOR_DISABLED))
    return "disabled";
  if (g_error_matches (error, CIV_DB_ERROR, CIV_DB_ERROR_NO_SUCH_OPERATOR))
    return "no-such-user";
  return "error";
}

CivStore *
civ_store_open (const char *data_dir, const char *login, const char *password, GError **error)
{
  g_autoptr (CivStore) self = NULL;
  g_autoptr (GError) local = NULL;

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
  if (login == NULL || password == NULL || g_strcmp0 (login, CIV_RECOVERY_SLOT) == 0 ||
      !unwrap_and_open (self, login, password, &local) ||
      !finish_open (self, login, "login", &local))
    {
      if (local == NULL)
        g_set_error_literal (&local, CIV_DB_ERROR, CIV_DB_ERROR_WRONG_PASSWORD,
                             _ ("Wrong user name or password"));
      drop_key (self);
      civ_store_note_failed_login (data_dir, login, failure_reason (local));
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

CivStore *
civ_store_recover (const char *data_dir,
                   const char *recovery_code,
                   const char *login,
                   const char *new_password,
                   GError    **error)
{
  g_autoptr (CivStore) self = NULL;
  g_autoptr (CivOperator) target = NULL;
  g_autofree char *code = normalize_recovery_code (recovery_code);

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
  if (code == NULL || !unwrap_and_open (self, CIV_RECOVERY_SLOT, code, error))
    {
      g_clear_error (error);
      g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_WRONG_PASSWORD,
                           _ ("The recovery code is not correct"));
      civ_store_note_failed_login (data_dir, CIV_RECOVERY_SLOT, "wrong-recovery-code");
      return NULL;
    }
  target = find_operator (self->db, login, error);
  if (target == NULL)
    return NULL;
  if (target->role != CIV_ROLE_SUPERVISOR || !target->enabled)
    {
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_PERMISSION,
                   _ ("The recovery code can only reset the password of an enabled supervisor"));
      return NULL;
    }
  if (!rewrap (self, login, new_password, FALSE, error) ||
      !civ_audit_append (self->db, login, "operator.recover", login, NULL, error) ||
      !finish_open (self, login, "login", error))
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
  drop_key (self);
}

gboolean
civ_store_unlock (CivStore *self, const char *password, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autofree char *login = NULL;

  g_return_val_if_fail (CIV_IS_STORE (self), FALSE);

  if (self->db != NULL)
    return TRUE;
  if (!civ_store_check_files (self->data_dir, error))
    return FALSE;
  /* finish_open() replaces self->op: keep our own copy of the login. */
  login = g_strdup (self->op->login);
  if (!unwrap_and_open (self, login, password, &local) ||
      !finish_open (self, login, "unlock", &local))
    {
      drop_key (self);
      civ_store_note_failed_login (self->data_dir, login, "unlock-failed");
      g_propagate_error (error, g_steal_pointer (&local));
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
  if (!civ_db_commit (self->db, error))
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
  if (!civ_db_begin (self->db, error))
    return FALSE;
  if (!civ_audit_append (self->db, self->op->login, "operator.passwd", login, NULL, error) ||
      !rewrap (self, login, new_password, FALSE, error) || !civ_db_commit (self->db, error))
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
