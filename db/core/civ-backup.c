// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-backup.c — an online copy of the office's database */
#include "civ-backup.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "civ-audit.h"

struct _CivDbCopy
{
  CivDb          *source;
  CivDb          *dest;
  sqlite3_backup *backup;
  int             copied;
  int             total;
};

CivDbCopy *
civ_db_copy_new (CivDb *source, const char *dest_path, const CivSecret *data_key, GError **error)
{
  g_autoptr (CivDb) dest = NULL;
  CivDbCopy      *self;
  sqlite3_backup *backup;

  g_return_val_if_fail (civ_db_is_owner (source), NULL);

  dest = civ_db_create_copy_of (source, dest_path, data_key, error);
  if (dest == NULL)
    return NULL;
  /* The copy is used where its source is: on the database's thread. */
  civ_db_set_owner (dest, g_thread_self ());
  backup =
    sqlite3_backup_init (civ_db_get_handle (dest), "main", civ_db_get_handle (source), "main");
  if (backup == NULL)
    {
      civ_db_set_error (dest, error, _ ("Could not start the copy of the database"));
      return NULL;
    }
  self = g_new0 (CivDbCopy, 1);
  self->source = g_object_ref (source);
  self->dest = g_steal_pointer (&dest);
  self->backup = backup;
  return self;
}

gboolean
civ_db_copy_step (CivDbCopy *self, int n_pages, gboolean *done, GError **error)
{
  int rc;

  g_return_val_if_fail (self->backup != NULL, FALSE);
  g_return_val_if_fail (civ_db_is_owner (self->source), FALSE);

  *done = FALSE;
  rc = sqlite3_backup_step (self->backup, n_pages);
  self->total = sqlite3_backup_pagecount (self->backup);
  self->copied = self->total - sqlite3_backup_remaining (self->backup);
  if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
    return TRUE;
  if (rc == SQLITE_OK)
    return TRUE;
  rc = sqlite3_backup_finish (self->backup);
  self->backup = NULL;
  if (rc != SQLITE_OK)
    {
      civ_db_set_sqlite_error (error, rc, _ ("Could not copy the database: %s (SQLite error %d)"),
                               sqlite3_errstr (rc), rc);
      return FALSE;
    }
  *done = TRUE;
  return TRUE;
}

void
civ_db_copy_get_progress (CivDbCopy *self, int *copied, int *total)
{
  if (copied)
    *copied = self->copied;
  if (total)
    *total = self->total;
}

void
civ_db_copy_free (CivDbCopy *self)
{
  if (self == NULL)
    return;
  if (self->backup)
    sqlite3_backup_finish (self->backup);
  civ_db_close (self->dest);
  g_object_unref (self->dest);
  g_object_unref (self->source);
  g_free (self);
}

gboolean
civ_office_counts_read (CivDb *db, CivOfficeCounts *counts, GError **error)
{
  static const struct
  {
    gsize       offset;
    const char *sql;
  } queries[] = {
    { G_STRUCT_OFFSET (CivOfficeCounts, marriages),
      "SELECT count(DISTINCT record_id) FROM marriages" },
    { G_STRUCT_OFFSET (CivOfficeCounts, divorces), "SELECT count(*) FROM divorces" },
    { G_STRUCT_OFFSET (CivOfficeCounts, certificates), "SELECT count(*) FROM certificates" },
    { G_STRUCT_OFFSET (CivOfficeCounts, documents), "SELECT count(*) FROM documents" },
    { G_STRUCT_OFFSET (CivOfficeCounts, persons), "SELECT count(*) FROM persons" },
    { G_STRUCT_OFFSET (CivOfficeCounts, outbox_pending),
      "SELECT count(*) FROM outbox WHERE state = 'pending'" },
  };

  memset (counts, 0, sizeof *counts);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    if (!civ_db_query_int64 (db, queries[i].sql, G_STRUCT_MEMBER_P (counts, queries[i].offset),
                             error))
      return FALSE;
  return civ_audit_count (db, &counts->audit_entries, error) &&
         civ_audit_head (db, &counts->audit_head_seq, &counts->audit_head_hash, error);
}

void
civ_office_counts_clear (CivOfficeCounts *counts)
{
  g_clear_pointer (&counts->audit_head_hash, g_free);
}

gboolean
civ_office_counts_equal (const CivOfficeCounts *a, const CivOfficeCounts *b)
{
  return a->marriages == b->marriages && a->divorces == b->divorces &&
         a->certificates == b->certificates && a->documents == b->documents &&
         a->persons == b->persons && a->outbox_pending == b->outbox_pending &&
         a->audit_entries == b->audit_entries && a->audit_head_seq == b->audit_head_seq &&
         g_strcmp0 (a->audit_head_hash, b->audit_head_hash) == 0;
}
