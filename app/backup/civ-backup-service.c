// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-backup-service.c — damage checks and backups of an office */
#include "civ-backup-service.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/stat.h>

#include "civ-app-error.h"
#include "civ-audit.h"
#include "civ-backup.h"
#include "civ-integrity.h"
#include "civ-json.h"
#include "civ-keyslots.h"
#include "civ-permissions.h"

/* The parts of a backup beside its manifest, in the order they are listed. */
static const char *const part_names[] = {
  CIV_STORE_DB_NAME,
  CIV_STORE_KEYS_NAME,
  CIV_STORE_OFFICE_NAME,
};

/* A manifest is a small flat object: anything larger or deeper is not one. */
#define MANIFEST_MAX_BYTES (64 * 1024)

void
civ_backup_info_free (CivBackupInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->path);
  g_free (info->office_code);
  g_free (info->office_name);
  g_free (info->created_at);
  g_free (info->created_by);
  g_free (info->audit_head_hash);
  g_free (info);
}

void
civ_damage_check_free (CivDamageCheck *check)
{
  if (check == NULL)
    return;
  g_strfreev (check->tables);
  g_strfreev (check->problems);
  g_free (check);
}

static char **
strv_from_array (GPtrArray *array)
{
  char **out = g_new0 (char *, array->len + 1);

  for (guint i = 0; i < array->len; i++)
    out[i] = g_strdup (array->pdata[i]);
  return out;
}

static void
audit_quietly (CivStore *store, const char *action, const char *object, const char *detail)
{
  g_autoptr (GError) error = NULL;

  if (store == NULL || civ_store_is_locked (store))
    return;
  if (!civ_store_audit (store, action, object, detail, &error))
    g_warning ("Could not audit %s: %s", action, error->message);
}

static char *
tables_detail (CivIntegrityReport *report, const char *path, const char *reason)
{
  g_autoptr (CivJson) json = civ_json_new ();
  g_autoptr (GPtrArray) tables = g_ptr_array_new ();

  for (guint i = 0; i < report->tables->len; i++)
    g_ptr_array_add (tables, report->tables->pdata[i]);
  g_ptr_array_add (tables, NULL);
  civ_json_string (json, "check", report->full ? "integrity_check" : "quick_check");
  civ_json_strv (json, "tables", (const char *const *) tables->pdata);
  if (report->problems->len > 0)
    civ_json_string (json, "first_problem", report->problems->pdata[0]);
  if (path)
    civ_json_string (json, "path", path);
  if (reason)
    civ_json_string (json, "reason", reason);
  return civ_json_finish (json);
}

CivDamageCheck *
civ_backup_check_store (CivStore *store, gboolean full, GError **error)
{
  g_autoptr (CivIntegrityReport) report = NULL;
  CivDamageCheck *check;

  if (civ_store_is_locked (store))
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION,
                           _ ("The workstation is locked"));
      return NULL;
    }
  report = civ_integrity_check (civ_store_get_db (store), full, error);
  if (report == NULL)
    return NULL;
  if (!report->ok)
    {
      g_autofree char *detail = tables_detail (report, NULL, NULL);
      audit_quietly (store, "database.damaged", CIV_STORE_DB_NAME, detail);
    }
  check = g_new0 (CivDamageCheck, 1);
  check->ok = report->ok;
  check->tables = strv_from_array (report->tables);
  check->problems = strv_from_array (report->problems);
  return check;
}

static gboolean
check_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  *result = civ_backup_check_store (store, GPOINTER_TO_INT (data), error);
  return *result != NULL;
}

void
civ_backup_check_async (CivSession         *session,
                        gboolean            full,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  civ_session_call (session, session, cancellable, check_func, GINT_TO_POINTER (full), NULL,
                    (GDestroyNotify) civ_damage_check_free, callback, user_data);
}

CivDamageCheck *
civ_backup_check_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}

/* ---- files ---- */

static char *
sha256_file (const char *path, gint64 *size, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInputStream) in = g_file_read (file, NULL, error);
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 buf[64 * 1024];
  gssize n;
  gint64 total = 0;

  if (in == NULL)
    return NULL;
  while ((n = g_input_stream_read (G_INPUT_STREAM (in), buf, sizeof buf, NULL, error)) > 0)
    {
      g_checksum_update (sum, buf, n);
      total += n;
    }
  if (n < 0)
    return NULL;
  if (size)
    *size = total;
  return g_strdup (g_checksum_get_string (sum));
}

static gboolean
copy_file_0600 (const char *from, const char *to, GError **error)
{
  g_autoptr (GFile) src = g_file_new_for_path (from);
  g_autoptr (GFile) dst = g_file_new_for_path (to);

  if (!g_file_copy (src, dst, G_FILE_COPY_NONE, NULL, NULL, NULL, error))
    return FALSE;
  if (g_chmod (to, 0600) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), _ ("Could not protect %s: %s"),
                   to, g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_file_0600 (const char *path, const char *text, GError **error)
{
  if (!g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;
  return TRUE;
}

/* Removes @dir and the files in it (a backup holds no subfolders). */
static void
remove_folder (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (dir);
}

static gboolean
ensure_folder (const char *folder, GError **error)
{
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   _ ("Could not create the folder %s: %s. Choose a folder you may write to."),
                   folder, g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

/* ---- manifest ---- */

static char *
part_key (const char *part, const char *what)
{
  return g_strdup_printf ("%s.%s", part, what);
}

void
civ_backup_info_add_counts (const CivBackupInfo *info, CivJson *json)
{
  civ_json_int (json, "marriages", info->marriages);
  civ_json_int (json, "divorces", info->divorces);
  civ_json_int (json, "certificates", info->certificates);
  civ_json_int (json, "documents", info->documents);
  civ_json_int (json, "persons", info->persons);
  civ_json_int (json, "outbox_pending", info->outbox_pending);
  civ_json_int (json, "audit_entries", info->audit_entries);
  civ_json_int (json, "audit_head_seq", info->audit_head_seq);
  civ_json_string (json, "audit_head_hash", info->audit_head_hash);
}

static char *
manifest_build (const CivBackupInfo *info, GHashTable *sums, GHashTable *sizes)
{
  g_autoptr (CivJson) json = civ_json_new ();

  civ_json_int (json, "format", CIV_BACKUP_FORMAT);
  civ_json_string (json, "office_code", info->office_code);
  civ_json_string (json, "office_name", info->office_name);
  civ_json_string (json, "created_at", info->created_at);
  civ_json_string (json, "created_by", info->created_by);
  civ_json_int (json, "schema_version", info->schema_version);
  for (guint i = 0; i < G_N_ELEMENTS (part_names); i++)
    {
      const char      *sum = g_hash_table_lookup (sums, part_names[i]);
      g_autofree char *k1 = part_key (part_names[i], "sha256");
      g_autofree char *k2 = part_key (part_names[i], "size");

      if (sum == NULL)
        continue;
      civ_json_string (json, k1, sum);
      civ_json_int (json, k2, GPOINTER_TO_SIZE (g_hash_table_lookup (sizes, part_names[i])));
    }
  civ_backup_info_add_counts (info, json);
  return civ_json_finish (json);
}

static void
manifest_damaged (GError **error, const char *path, const char *what)
{
  g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_DAMAGED,
               /* Translators: %1$s is a backup folder, %2$s what is wrong with it. */
               _ ("The backup %1$s is not usable: %2$s. Use another backup."), path, what);
}

/* Reads the manifest of the backup folder @dir; keeps its object. */
static CivBackupInfo *
manifest_read (const char *dir, JsonObject **object_out, GError **error)
{
  g_autofree char *path = g_build_filename (dir, CIV_BACKUP_MANIFEST_NAME, NULL);
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GError) local = NULL;
  g_autoptr (CivBackupInfo) info = NULL;
  JsonNode   *root;
  JsonObject *o;
  GStatBuf    st;

  if (g_stat (path, &st) != 0)
    {
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_NOT_FOUND,
                   _ ("%s is not a Civreg backup (it has no %s). Choose the folder of a backup."),
                   dir, CIV_BACKUP_MANIFEST_NAME);
      return NULL;
    }
  /* Outside bytes: size, depth and members named twice checked first. */
  parser =
    civ_json_parse_outside_file (path, MANIFEST_MAX_BYTES, CIV_JSON_GUARD_NO_DUPLICATES, &local);
  if (parser == NULL || (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (root))
    {
      manifest_damaged (error, dir, local ? local->message : _ ("its manifest does not parse"));
      return NULL;
    }
  o = json_node_get_object (root);
  if (json_object_get_int_member_with_default (o, "format", 0) != CIV_BACKUP_FORMAT)
    {
      manifest_damaged (error, dir, _ ("its format is not one this Civreg knows"));
      return NULL;
    }
  info = g_new0 (CivBackupInfo, 1);
  info->path = g_canonicalize_filename (dir, NULL);
#define S(m) info->m = g_strdup (json_object_get_string_member_with_default (o, #m, ""))
#define I(m) info->m = json_object_get_int_member_with_default (o, #m, -1)
  S (office_code);
  S (office_name);
  S (created_at);
  S (created_by);
  S (audit_head_hash);
  I (schema_version);
  I (marriages);
  I (divorces);
  I (certificates);
  I (documents);
  I (persons);
  I (outbox_pending);
  I (audit_entries);
  I (audit_head_seq);
#undef S
#undef I
  for (guint i = 0; i < G_N_ELEMENTS (part_names); i++)
    {
      g_autofree char *k = part_key (part_names[i], "size");
      info->size_bytes += MAX (0, json_object_get_int_member_with_default (o, k, 0));
    }
  if (object_out)
    *object_out = json_object_ref (o);
  return g_steal_pointer (&info);
}

static void
info_set_counts (CivBackupInfo *info, const CivOfficeCounts *c)
{
  info->marriages = c->marriages;
  info->divorces = c->divorces;
  info->certificates = c->certificates;
  info->documents = c->documents;
  info->persons = c->persons;
  info->outbox_pending = c->outbox_pending;
  info->audit_entries = c->audit_entries;
  info->audit_head_seq = c->audit_head_seq;
  g_free (info->audit_head_hash);
  info->audit_head_hash = g_strdup (c->audit_head_hash);
}

/* ---- verify ---- */

static char *
backup_dir_of (const char *path)
{
  if (g_str_has_suffix (path, CIV_BACKUP_MANIFEST_NAME) && !g_file_test (path, G_FILE_TEST_IS_DIR))
    return g_path_get_dirname (path);
  return g_strdup (path);
}

static CivBackupInfo *
verify_dir (const char *dir, const CivSecret *data_key, GError **error)
{
  g_autoptr (JsonObject) manifest = NULL;
  g_autoptr (CivBackupInfo) info = manifest_read (dir, &manifest, error);
  g_autoptr (CivDb) db = NULL;
  g_autoptr (CivIntegrityReport) report = NULL;
  g_autofree char *db_path = NULL;
  CivOfficeCounts  counts = { 0 };
  gint64           n_checked = 0;
  gint64           broken = 0;
  gboolean         same;

  if (info == NULL)
    return NULL;
  /* Every part as the manifest lists it: a changed byte is a changed sum. */
  for (guint i = 0; i < G_N_ELEMENTS (part_names); i++)
    {
      g_autofree char *k = part_key (part_names[i], "sha256");
      const char      *want = json_object_get_string_member_with_default (manifest, k, NULL);
      g_autofree char *path = g_build_filename (dir, part_names[i], NULL);
      g_autofree char *have = NULL;
      g_autofree char *what = NULL;

      if (want == NULL)
        {
          if (i < 2)
            {
              what = g_strdup_printf (_ ("its manifest lists no %s"), part_names[i]);
              manifest_damaged (error, dir, what);
              return NULL;
            }
          continue;
        }
      have = sha256_file (path, NULL, NULL);
      if (have == NULL || g_strcmp0 (have, want) != 0)
        {
          what = g_strdup_printf (have ? _ ("%s has changed since the backup was made")
                                       : _ ("%s is missing"),
                                  part_names[i]);
          manifest_damaged (error, dir, what);
          return NULL;
        }
    }

  db_path = g_build_filename (dir, CIV_STORE_DB_NAME, NULL);
  db = civ_db_open_copy (db_path, data_key, FALSE, error);
  if (db == NULL)
    {
      if (error && g_error_matches (*error, CIV_DB_ERROR, CIV_DB_ERROR_WRONG_PASSWORD))
        {
          g_clear_error (error);
          g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_WRONG_PASSWORD,
                       _ ("The backup %s does not open with this key: it is a backup of another "
                          "office, or the password is not the one it was made with."),
                       dir);
        }
      return NULL;
    }
  report = civ_integrity_check (db, TRUE, error);
  if (report == NULL)
    return NULL;
  if (!report->ok)
    {
      g_autofree char *tables = civ_integrity_report_tables_text (report);
      g_autofree char *what =
        g_strdup_printf (_ ("its database is damaged (tables: %s)"), tables[0] ? tables : "?");
      manifest_damaged (error, dir, what);
      return NULL;
    }
  if (!civ_audit_verify (db, &n_checked, &broken, NULL))
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, broken);
      g_autofree char *what = g_strdup_printf (_ ("its audit chain is broken at entry %s"), number);
      manifest_damaged (error, dir, what);
      return NULL;
    }
  if (!civ_office_counts_read (db, &counts, error))
    return NULL;
  same =
    counts.marriages == info->marriages && counts.divorces == info->divorces &&
    counts.certificates == info->certificates && counts.documents == info->documents &&
    counts.persons == info->persons && counts.outbox_pending == info->outbox_pending &&
    counts.audit_entries == info->audit_entries && counts.audit_head_seq == info->audit_head_seq &&
    g_strcmp0 (counts.audit_head_hash ? counts.audit_head_hash : "", info->audit_head_hash) == 0;
  civ_office_counts_clear (&counts);
  if (!same)
    {
      manifest_damaged (error, dir, _ ("its database does not hold what its manifest lists"));
      return NULL;
    }
  info->verified = TRUE;
  return g_steal_pointer (&info);
}

static char *
path_detail (const char *path, const GError *error)
{
  g_autoptr (CivJson) json = civ_json_new ();

  civ_json_string (json, "path", path);
  if (error)
    civ_json_string (json, "reason", error->message);
  return civ_json_finish (json);
}

CivBackupInfo *
civ_backup_verify (const char      *path,
                   const CivSecret *data_key,
                   CivStore        *audit_store,
                   GError         **error)
{
  g_autofree char *dir = backup_dir_of (path);
  g_autoptr (GError) local = NULL;
  CivBackupInfo   *info = verify_dir (dir, data_key, &local);
  g_autofree char *detail = path_detail (dir, local);

  audit_quietly (audit_store, info ? "backup.verified" : "backup.failed", dir, detail);
  if (info == NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  return info;
}

CivSecret *
civ_backup_unwrap_key (const char *path, const char *login, const char *password, GError **error)
{
  g_autofree char *dir = backup_dir_of (path);
  g_autofree char *keys = g_build_filename (dir, CIV_STORE_KEYS_NAME, NULL);
  g_autoptr (CivKeyslots) slots = NULL;

  if (!g_file_test (keys, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_NOT_FOUND,
                   _ ("%s is not a Civreg backup (it has no %s). Choose the folder of a backup."),
                   dir, CIV_STORE_KEYS_NAME);
      return NULL;
    }
  slots = civ_keyslots_load (keys, error);
  if (slots == NULL)
    return NULL;
  return civ_keyslots_unwrap (slots, login, password, error);
}

/* ---- restore ---- */

static gboolean
target_is_free (const char *target, GError **error)
{
  g_autoptr (GDir) d = NULL;

  if (!g_file_test (target, G_FILE_TEST_EXISTS))
    return TRUE;
  if (g_file_test (target, G_FILE_TEST_IS_DIR))
    {
      d = g_dir_open (target, 0, NULL);
      if (d != NULL && g_dir_read_name (d) == NULL)
        return TRUE;
    }
  g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_EXISTS,
               _ ("%s is not empty. A backup is restored only into a new or empty folder, never "
                  "over an office: choose another folder."),
               target);
  return FALSE;
}

CivBackupInfo *
civ_backup_restore (const char      *path,
                    const CivSecret *data_key,
                    const char      *target_dir,
                    const char      *actor,
                    CivStore        *audit_store,
                    GError         **error)
{
  g_autofree char *dir = backup_dir_of (path);
  g_autofree char *target = g_canonicalize_filename (target_dir, NULL);
  g_autoptr (CivBackupInfo) info = NULL;
  g_autoptr (CivDb) db = NULL;
  g_autoptr (CivJson) json = civ_json_new ();
  g_autoptr (GError) local = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *db_path = NULL;
  gboolean         made = FALSE;

  if (!target_is_free (target, error))
    return NULL;
  info = civ_backup_verify (dir, data_key, NULL, error);
  if (info == NULL)
    return NULL;
  made = !g_file_test (target, G_FILE_TEST_EXISTS);
  if (!ensure_folder (target, error))
    return NULL;
  g_chmod (target, 0700);
  for (guint i = 0; i < G_N_ELEMENTS (part_names); i++)
    {
      g_autofree char *from = g_build_filename (dir, part_names[i], NULL);
      g_autofree char *to = g_build_filename (target, part_names[i], NULL);

      if (!g_file_test (from, G_FILE_TEST_IS_REGULAR))
        continue;
      if (!copy_file_0600 (from, to, &local))
        goto fail;
    }

  civ_json_string (json, "from", dir);
  civ_json_string (json, "to", target);
  civ_json_string (json, "backup_created_at", info->created_at);
  civ_json_int (json, "audit_head_seq", info->audit_head_seq);
  detail = civ_json_finish (json);
  /* The restored office opens as any office does (WAL, newer migrations),
   * and its own log says where it came from. */
  db_path = g_build_filename (target, CIV_STORE_DB_NAME, NULL);
  db = civ_db_open (db_path, data_key, &local);
  if (db == NULL || !civ_audit_append (db, actor, "backup.restored", target, detail, &local))
    goto fail;
  civ_db_close (db);
  audit_quietly (audit_store, "backup.restored", target, detail);
  return g_steal_pointer (&info);

fail:
  if (db)
    civ_db_close (db);
  for (guint i = 0; i < G_N_ELEMENTS (part_names); i++)
    {
      g_autofree char *p = g_build_filename (target, part_names[i], NULL);
      g_autofree char *wal = g_strconcat (p, "-wal", NULL);
      g_autofree char *shm = g_strconcat (p, "-shm", NULL);
      g_autofree char *turn = g_strconcat (p, "-turn", NULL);
      g_remove (p);
      g_remove (wal);
      g_remove (shm);
      g_remove (turn);
    }
  if (made)
    g_rmdir (target);
  g_propagate_error (error, g_steal_pointer (&local));
  return NULL;
}

/* ---- create ---- */

typedef struct
{
  char      *folder;
  char      *partial;
  char      *final;
  char      *office_code;
  char      *office_name;
  char      *created_at;
  char      *created_by;
  guint      copies_kept;
  gboolean   scheduled;
  CivDbCopy *copy;
  int        copied;
  int        total;
} BackupRun;

static void
backup_run_free (BackupRun *run)
{
  if (run == NULL)
    return;
  g_clear_pointer (&run->copy, civ_db_copy_free);
  g_free (run->folder);
  g_free (run->partial);
  g_free (run->final);
  g_free (run->office_code);
  g_free (run->office_name);
  g_free (run->created_at);
  g_free (run->created_by);
  g_free (run);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BackupRun, backup_run_free)

static void
run_abort (BackupRun *run, CivStore *store, const GError *why)
{
  g_autoptr (CivJson) json = civ_json_new ();
  g_autofree char *detail = NULL;

  g_clear_pointer (&run->copy, civ_db_copy_free);
  if (run->partial)
    remove_folder (run->partial);
  civ_json_string (json, "folder", run->folder);
  civ_json_bool (json, "scheduled", run->scheduled);
  civ_json_string (json, "reason", why ? why->message : NULL);
  detail = civ_json_finish (json);
  audit_quietly (store, "backup.failed", run->folder, detail);
}

static BackupRun *
run_begin (
  CivStore *store, const char *folder, guint copies_kept, gboolean scheduled, GError **error)
{
  g_autoptr (BackupRun) run = g_new0 (BackupRun, 1);
  g_autoptr (CivIntegrityReport) report = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GError) local = NULL;
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S-%f");
  g_autofree char *db_path = NULL;

  if (!scheduled && !civ_require (store, CIV_PERM_MANAGE_BACKUPS, error))
    return NULL;
  if (civ_store_is_locked (store))
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION,
                           _ ("The workstation is locked"));
      return NULL;
    }
  if (folder == NULL || folder[0] == '\0')
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                           _ ("No backup folder is set: choose the folder the backups go to."));
      return NULL;
    }
  run->folder = g_canonicalize_filename (folder, NULL);
  run->copies_kept = copies_kept;
  run->scheduled = scheduled;
  run->office_code = civ_store_get_office_code (store);
  run->office_name = civ_store_get_office_name (store);
  run->created_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  run->created_by = g_strdup (civ_store_get_operator (store)->login);

  /* A backup of a damaged office would pass the damage on. */
  report = civ_integrity_check (civ_store_get_db (store), TRUE, error);
  if (report == NULL)
    return NULL;
  if (!report->ok)
    {
      g_autofree char *tables = civ_integrity_report_tables_text (report);
      g_autofree char *detail = tables_detail (report, run->folder, "damaged");

      audit_quietly (store, "database.damaged", CIV_STORE_DB_NAME, detail);
      g_set_error (&local, CIV_DB_ERROR, CIV_DB_ERROR_DAMAGED,
                   _ ("The office's database is damaged (tables: %s), so no backup was made: it "
                      "would carry the damage. Restore the office from an earlier backup "
                      "(civreg-cli backup restore)."),
                   tables[0] ? tables : "?");
      run_abort (run, store, local);
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (!ensure_folder (run->folder, &local))
    {
      run_abort (run, store, local);
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  for (int n = 1;; n++)
    {
      g_autofree char *name = n == 1
                                ? g_strdup_printf ("civreg-%s-%s", run->office_code, stamp)
                                : g_strdup_printf ("civreg-%s-%s-%d", run->office_code, stamp, n);
      g_autofree char *hidden = g_strdup_printf (".%s.partial", name);

      g_free (run->final);
      g_free (run->partial);
      run->final = g_build_filename (run->folder, name, NULL);
      run->partial = g_build_filename (run->folder, hidden, NULL);
      if (!g_file_test (run->final, G_FILE_TEST_EXISTS) &&
          !g_file_test (run->partial, G_FILE_TEST_EXISTS))
        break;
    }
  if (g_mkdir (run->partial, 0700) != 0)
    {
      g_set_error (&local, G_IO_ERROR, g_io_error_from_errno (errno),
                   _ ("Could not create the folder %s: %s. Choose a folder you may write to."),
                   run->partial, g_strerror (errno));
      g_clear_pointer (&run->partial, g_free);
      run_abort (run, store, local);
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  db_path = g_build_filename (run->partial, CIV_STORE_DB_NAME, NULL);
  run->copy =
    civ_db_copy_new (civ_store_get_db (store), db_path, civ_store_peek_data_key (store), &local);
  if (run->copy == NULL)
    {
      run_abort (run, store, local);
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return g_steal_pointer (&run);
}

static gboolean
run_step (BackupRun *run, CivStore *store, gboolean *done, GError **error)
{
  g_autoptr (GError) local = NULL;

  if (civ_store_is_locked (store))
    {
      g_set_error_literal (&local, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION,
                           _ ("The workstation is locked"));
    }
  else if (civ_db_copy_step (run->copy, CIV_BACKUP_STEP_PAGES, done, &local))
    {
      civ_db_copy_get_progress (run->copy, &run->copied, &run->total);
      return TRUE;
    }
  run_abort (run, store, local);
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

static int
compare_info_newest_first (gconstpointer a, gconstpointer b)
{
  const CivBackupInfo *x = *(CivBackupInfo *const *) a;
  const CivBackupInfo *y = *(CivBackupInfo *const *) b;
  int                  c = g_strcmp0 (y->created_at, x->created_at);

  return c != 0 ? c : g_strcmp0 (y->path, x->path);
}

GPtrArray *
civ_backup_list (const char *folder, const char *office_code, GError **error)
{
  g_autoptr (GPtrArray) out =
    g_ptr_array_new_with_free_func ((GDestroyNotify) civ_backup_info_free);
  g_autoptr (GDir) d = NULL;
  const char *name;

  if (folder == NULL || !g_file_test (folder, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&out);
  d = g_dir_open (folder, 0, error);
  if (d == NULL)
    return NULL;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      CivBackupInfo   *info;

      if (!g_str_has_prefix (name, "civreg-"))
        continue;
      path = g_build_filename (folder, name, NULL);
      info = manifest_read (path, NULL, NULL);
      if (info == NULL)
        continue;
      if (office_code && g_strcmp0 (info->office_code, office_code) != 0)
        {
          civ_backup_info_free (info);
          continue;
        }
      g_ptr_array_add (out, info);
    }
  g_ptr_array_sort (out, compare_info_newest_first);
  return g_steal_pointer (&out);
}

/* A backup interrupted by a crash or a power cut leaves its hidden
 * ".civreg-CODE-….partial" folder behind; one untouched for an hour is
 * no backup under way (a copy step writes every few milliseconds). */
#define STALE_PARTIAL_US (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)

static void
remove_stale_partials (const char *folder, const char *office_code)
{
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  g_autofree char *prefix = g_strdup_printf (".civreg-%s-", office_code);
  const char      *name;
  gint64           now = g_get_real_time ();

  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf         st;

      if (!g_str_has_prefix (name, prefix) || !g_str_has_suffix (name, ".partial"))
        continue;
      path = g_build_filename (folder, name, NULL);
      if (g_lstat (path, &st) == 0 && S_ISDIR (st.st_mode) &&
          now - (gint64) st.st_mtime * G_USEC_PER_SEC > STALE_PARTIAL_US)
        remove_folder (path);
    }
}

static void
prune (const char *folder, const char *office_code, guint keep)
{
  g_autoptr (GPtrArray) all = NULL;

  remove_stale_partials (folder, office_code);
  if (keep == 0)
    return;
  all = civ_backup_list (folder, office_code, NULL);
  for (guint i = keep; all && i < all->len; i++)
    remove_folder (((CivBackupInfo *) all->pdata[i])->path);
}

static CivBackupInfo *
run_finish (BackupRun *run, CivStore *store, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (GHashTable) sums = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr (GHashTable) sizes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (CivBackupInfo) info = g_new0 (CivBackupInfo, 1);
  g_autoptr (CivBackupInfo) verified = NULL;
  g_autoptr (CivDb) copy = NULL;
  g_autoptr (CivJson) json = civ_json_new ();
  g_autofree char *manifest = NULL;
  g_autofree char *manifest_path = g_build_filename (run->partial, CIV_BACKUP_MANIFEST_NAME, NULL);
  g_autofree char *db_path = g_build_filename (run->partial, CIV_STORE_DB_NAME, NULL);
  g_autofree char *detail = NULL;
  CivOfficeCounts  counts = { 0 };

  g_clear_pointer (&run->copy, civ_db_copy_free);
  /* The key slots and the label, as they are. */
  for (guint i = 1; i < G_N_ELEMENTS (part_names); i++)
    {
      g_autofree char *from =
        g_build_filename (civ_store_get_data_dir (store), part_names[i], NULL);
      g_autofree char *to = g_build_filename (run->partial, part_names[i], NULL);

      if (i > 1 && !g_file_test (from, G_FILE_TEST_IS_REGULAR))
        continue;
      if (!copy_file_0600 (from, to, &local))
        goto fail;
    }
  /* What the copy holds, read from the copy itself. */
  copy = civ_db_open_copy (db_path, civ_store_peek_data_key (store), FALSE, &local);
  if (copy == NULL || !civ_office_counts_read (copy, &counts, &local))
    goto fail;
  info->schema_version = civ_db_get_schema_version (copy);
  civ_db_close (copy);
  info_set_counts (info, &counts);
  civ_office_counts_clear (&counts);
  info->office_code = g_strdup (run->office_code);
  info->office_name = g_strdup (run->office_name);
  info->created_at = g_strdup (run->created_at);
  info->created_by = g_strdup (run->created_by);
  for (guint i = 0; i < G_N_ELEMENTS (part_names); i++)
    {
      g_autofree char *path = g_build_filename (run->partial, part_names[i], NULL);
      gint64           size = 0;
      char            *sum;

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      sum = sha256_file (path, &size, &local);
      if (sum == NULL)
        goto fail;
      g_hash_table_insert (sums, (gpointer) part_names[i], sum);
      g_hash_table_insert (sizes, (gpointer) part_names[i], GSIZE_TO_POINTER ((gsize) size));
    }
  manifest = manifest_build (info, sums, sizes);
  if (!write_file_0600 (manifest_path, manifest, &local))
    goto fail;

  /* Verified before it counts as a backup. */
  verified = verify_dir (run->partial, civ_store_peek_data_key (store), &local);
  if (verified == NULL)
    goto fail;
  if (g_rename (run->partial, run->final) != 0)
    {
      g_set_error (&local, G_IO_ERROR, g_io_error_from_errno (errno), _ ("Could not rename %s: %s"),
                   run->partial, g_strerror (errno));
      goto fail;
    }
  g_clear_pointer (&run->partial, g_free);
  g_free (verified->path);
  verified->path = g_strdup (run->final);

  civ_json_string (json, "path", run->final);
  civ_json_bool (json, "scheduled", run->scheduled);
  civ_json_int (json, "size", verified->size_bytes);
  civ_json_int (json, "audit_head_seq", verified->audit_head_seq);
  civ_json_int (json, "marriages", verified->marriages);
  civ_json_int (json, "documents", verified->documents);
  detail = civ_json_finish (json);
  audit_quietly (store, "backup.created", run->final, detail);
  g_clear_pointer (&detail, g_free);
  detail = path_detail (run->final, NULL);
  audit_quietly (store, "backup.verified", run->final, detail);
  prune (run->folder, run->office_code, run->copies_kept);
  return g_steal_pointer (&verified);

fail:
  if (copy)
    civ_db_close (copy);
  g_prefix_error (&local, _ ("The backup was not kept: "));
  run_abort (run, store, local);
  g_propagate_error (error, g_steal_pointer (&local));
  return NULL;
}

CivBackupInfo *
civ_backup_create (CivStore         *store,
                   const char       *folder,
                   guint             copies_kept,
                   gboolean          scheduled,
                   gulong            pause_us,
                   GCancellable     *cancellable,
                   CivBackupProgress progress,
                   gpointer          progress_data,
                   GError          **error)
{
  g_autoptr (BackupRun) run = run_begin (store, folder, copies_kept, scheduled, error);
  gboolean done = FALSE;

  if (run == NULL)
    return NULL;
  while (!done)
    {
      if (g_cancellable_is_cancelled (cancellable))
        {
          g_autoptr (GError) local = NULL;

          g_cancellable_set_error_if_cancelled (cancellable, &local);
          run_abort (run, store, local);
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      if (!run_step (run, store, &done, error))
        return NULL;
      if (progress)
        progress (run->copied, run->total, progress_data);
      if (!done && pause_us > 0)
        g_usleep (pause_us);
    }
  return run_finish (run, store, error);
}

/* ---- from a window ---- */

typedef struct
{
  CivSession       *session;
  BackupRun        *run;
  char             *folder;
  guint             copies_kept;
  gboolean          scheduled;
  CivBackupProgress progress;
  gpointer          progress_data;
} CreateState;

static void
create_state_free (CreateState *st)
{
  if (st->run)
    {
      /* Never left half made, even when the last job could not run
       * (the session was locked or closed meanwhile). */
      g_clear_pointer (&st->run->copy, civ_db_copy_free);
      if (st->run->partial)
        remove_folder (st->run->partial);
      backup_run_free (st->run);
    }
  g_clear_object (&st->session);
  g_free (st->folder);
  g_free (st);
}

typedef struct
{
  int      copied;
  int      total;
  gboolean done;
} StepResult;

static gboolean
begin_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  CreateState *st = data;

  st->run = run_begin (store, st->folder, st->copies_kept, st->scheduled, error);
  return st->run != NULL;
}

static gboolean
step_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  CreateState *st = data;
  StepResult  *r = g_new0 (StepResult, 1);

  *result = r;
  if (!run_step (st->run, store, &r->done, error))
    {
      g_clear_pointer (&st->run, backup_run_free);
      return FALSE;
    }
  r->copied = st->run->copied;
  r->total = st->run->total;
  return TRUE;
}

static gboolean
abort_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  CreateState *st = data;
  g_autoptr (GError) why = NULL;

  g_set_error_literal (&why, G_IO_ERROR, G_IO_ERROR_CANCELLED, _ ("Cancelled"));
  run_abort (st->run, store, why);
  g_clear_pointer (&st->run, backup_run_free);
  return TRUE;
}

static gboolean
finish_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  CreateState   *st = data;
  CivBackupInfo *info = run_finish (st->run, store, error);

  g_clear_pointer (&st->run, backup_run_free);
  *result = info;
  return info != NULL;
}

static void create_next (GTask *task, CivStoreFunc func, GAsyncReadyCallback done);

static void
finished (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  CreateState   *st = g_task_get_task_data (task);
  GError        *error = NULL;
  CivBackupInfo *info = civ_session_call_finish_value (st->session, result, &error);

  if (info == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, info, (GDestroyNotify) civ_backup_info_free);
}

static void
aborted (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  CreateState *st = g_task_get_task_data (task);

  civ_session_call_finish (st->session, result, NULL, NULL);
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _ ("The backup was cancelled; nothing was kept."));
}

static void
stepped (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  CreateState           *st = g_task_get_task_data (task);
  GError                *error = NULL;
  gpointer               value = NULL;
  g_autofree StepResult *r = NULL;

  if (!civ_session_call_finish (st->session, result, &value, &error))
    {
      g_free (value);
      g_task_return_error (task, error);
      return;
    }
  r = value;
  if (st->progress)
    st->progress (r->copied, r->total, st->progress_data);
  if (r->done)
    create_next (g_steal_pointer (&task), finish_func, finished);
  else if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    create_next (g_steal_pointer (&task), abort_func, aborted);
  else
    create_next (g_steal_pointer (&task), step_func, stepped);
}

static void
begun (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  CreateState *st = g_task_get_task_data (task);
  GError      *error = NULL;

  if (!civ_session_call_finish (st->session, result, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  create_next (g_steal_pointer (&task), step_func, stepped);
}

/* Queues the next job; the task's cancellable is not passed on, so that a
 * cancel between steps still runs the job that cleans up. */
static void
create_next (GTask *task, CivStoreFunc func, GAsyncReadyCallback done)
{
  CreateState *st = g_task_get_task_data (task);

  civ_session_call (st->session, NULL, NULL, func, st, NULL,
                    func == step_func     ? g_free
                    : func == finish_func ? (GDestroyNotify) civ_backup_info_free
                                          : NULL,
                    done, task);
}

void
civ_backup_create_async (CivSession         *session,
                         const char         *folder,
                         guint               copies_kept,
                         gboolean            scheduled,
                         GCancellable       *cancellable,
                         CivBackupProgress   progress,
                         gpointer            progress_data,
                         GAsyncReadyCallback callback,
                         gpointer            user_data)
{
  GTask       *task = g_task_new (session, cancellable, callback, user_data);
  CreateState *st = g_new0 (CreateState, 1);

  st->session = g_object_ref (session);
  st->folder = g_strdup (folder);
  st->copies_kept = copies_kept;
  st->scheduled = scheduled;
  st->progress = progress;
  st->progress_data = progress_data;
  g_task_set_task_data (task, st, (GDestroyNotify) create_state_free);
  g_task_set_source_tag (task, civ_backup_create_async);
  create_next (task, begin_func, begun);
}

CivBackupInfo *
civ_backup_create_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, session), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  char *path;
  char *target;
} PathData;

static void
path_data_free (PathData *d)
{
  g_free (d->path);
  g_free (d->target);
  g_free (d);
}

static gboolean
verify_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  PathData *d = data;

  if (!civ_require (store, CIV_PERM_MANAGE_BACKUPS, error))
    return FALSE;
  *result = civ_backup_verify (d->path, civ_store_peek_data_key (store), store, error);
  return *result != NULL;
}

static gboolean
restore_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  PathData *d = data;

  if (!civ_require (store, CIV_PERM_MANAGE_BACKUPS, error))
    return FALSE;
  *result = civ_backup_restore (d->path, civ_store_peek_data_key (store), d->target,
                                civ_store_get_operator (store)->login, store, error);
  return *result != NULL;
}

void
civ_backup_verify_async (CivSession         *session,
                         const char         *path,
                         GCancellable       *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer            user_data)
{
  PathData *d = g_new0 (PathData, 1);

  d->path = g_strdup (path);
  civ_session_call (session, session, cancellable, verify_func, d, (GDestroyNotify) path_data_free,
                    (GDestroyNotify) civ_backup_info_free, callback, user_data);
}

CivBackupInfo *
civ_backup_verify_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}

void
civ_backup_restore_async (CivSession         *session,
                          const char         *path,
                          const char         *target_dir,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  PathData *d = g_new0 (PathData, 1);

  d->path = g_strdup (path);
  d->target = g_strdup (target_dir);
  civ_session_call (session, session, cancellable, restore_func, d, (GDestroyNotify) path_data_free,
                    (GDestroyNotify) civ_backup_info_free, callback, user_data);
}

CivBackupInfo *
civ_backup_restore_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}

gboolean
civ_backup_is_due (GDateTime *last, GDateTime *now, guint interval_hours)
{
  if (interval_hours == 0)
    return FALSE;
  if (last == NULL)
    return TRUE;
  return g_date_time_difference (now, last) >= (GTimeSpan) interval_hours * G_TIME_SPAN_HOUR;
}

char *
civ_backup_info_describe (const CivBackupInfo *info)
{
  GString         *s = g_string_new (NULL);
  /* Numbers as text first: a translated format names no 64-bit type. */
  g_autofree char *entries = g_strdup_printf ("%" G_GINT64_FORMAT, info->audit_entries);
  g_autofree char *head = g_strdup_printf ("%" G_GINT64_FORMAT, info->audit_head_seq);
  g_autofree char *marriages = g_strdup_printf ("%" G_GINT64_FORMAT, info->marriages);
  g_autofree char *divorces = g_strdup_printf ("%" G_GINT64_FORMAT, info->divorces);
  g_autofree char *certificates = g_strdup_printf ("%" G_GINT64_FORMAT, info->certificates);
  g_autofree char *documents = g_strdup_printf ("%" G_GINT64_FORMAT, info->documents);
  g_autofree char *pending = g_strdup_printf ("%" G_GINT64_FORMAT, info->outbox_pending);
  g_autofree char *size =
    g_format_size_full ((guint64) MAX (info->size_bytes, 0), G_FORMAT_SIZE_LONG_FORMAT);

  g_string_append_printf (s, _ ("Backup: %s\n"), info->path);
  /* Translators: %1$s is the office's name, %2$s its division code. */
  g_string_append_printf (s, _ ("Office: %1$s (%2$s)\n"), info->office_name, info->office_code);
  /* Translators: %1$s is a UTC time, %2$s a user name. */
  g_string_append_printf (s, _ ("Made at: %1$s by %2$s\n"), info->created_at, info->created_by);
  /* Translators: %1$s is a number of entries, %2$s the number of the last one. */
  g_string_append_printf (s, _ ("Audit log: %1$s entries, the last is number %2$s\n"), entries,
                          head);
  g_string_append_printf (s, _ ("Marriage records: %s\n"), marriages);
  g_string_append_printf (s, _ ("Divorce applications: %s\n"), divorces);
  g_string_append_printf (s, _ ("Certificates: %s\n"), certificates);
  g_string_append_printf (s, _ ("Documents: %s\n"), documents);
  g_string_append_printf (s, _ ("Reports waiting for the province: %s\n"), pending);
  g_string_append_printf (s, _ ("Size: %s\n"), size);
  g_string_append (s, info->verified ? _ ("Verified: yes") : _ ("Verified: not yet"));
  return g_string_free (s, FALSE);
}
