// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-audit.c — the hash-chained, append-only audit log */
#include "civ-audit.h"

#include <gcrypt.h>
#include <glib/gi18n-lib.h>
#include <string.h>

void
civ_audit_entry_free (CivAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->ts);
  g_free (entry->actor);
  g_free (entry->action);
  g_free (entry->object);
  g_free (entry->detail);
  g_free (entry->hash_hex);
  g_free (entry);
}

static void
put_field (GByteArray *buf, const char *s)
{
  guint32 len = s ? (guint32) strlen (s) : 0;
  guint8  be[4] = { len >> 24, (len >> 16) & 0xff, (len >> 8) & 0xff, len & 0xff };

  g_byte_array_append (buf, be, 4);
  if (len)
    g_byte_array_append (buf, (const guint8 *) s, len);
}

/* Canonical encoding: "civreg-audit-v1", then every field as a 4-byte
 * big-endian length and its UTF-8 bytes, seq as decimal text. */
static void
compute_hash (const guint8 *prev,
              gint64        seq,
              const char   *ts,
              const char   *actor,
              const char   *action,
              const char   *object,
              const char   *detail,
              guint8       *out)
{
  g_autoptr (GByteArray) buf = g_byte_array_new ();
  g_autofree char *seq_text = g_strdup_printf ("%" G_GINT64_FORMAT, seq);

  g_byte_array_append (buf, prev, CIV_AUDIT_HASH_LEN);
  put_field (buf, "civreg-audit-v1");
  put_field (buf, seq_text);
  put_field (buf, ts);
  put_field (buf, actor);
  put_field (buf, action);
  put_field (buf, object);
  put_field (buf, detail);
  gcry_md_hash_buffer (GCRY_MD_SHA256, out, buf->data, buf->len);
}

static char *
now_iso (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

gboolean
civ_audit_append (CivDb      *db,
                  const char *actor,
                  const char *action,
                  const char *object,
                  const char *detail,
                  GError    **error)
{
  g_autoptr (sqlite3_stmt) last = NULL;
  g_autoptr (sqlite3_stmt) ins = NULL;
  g_autofree char *ts = now_iso ();
  guint8           prev[CIV_AUDIT_HASH_LEN] = { 0 };
  guint8           hash[CIV_AUDIT_HASH_LEN];
  gint64           seq = 1;
  int              rc;

  g_return_val_if_fail (actor != NULL && action != NULL, FALSE);

  last = civ_db_prepare (db, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", error);
  if (last == NULL)
    return FALSE;
  rc = sqlite3_step (last);
  if (rc == SQLITE_ROW)
    {
      seq = sqlite3_column_int64 (last, 0) + 1;
      if (sqlite3_column_bytes (last, 1) == CIV_AUDIT_HASH_LEN)
        memcpy (prev, sqlite3_column_blob (last, 1), CIV_AUDIT_HASH_LEN);
    }
  else if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the audit log"));
      return FALSE;
    }

  object = object ? object : "";
  detail = detail ? detail : "";
  compute_hash (prev, seq, ts, actor, action, object, detail, hash);

  ins = civ_db_prepare (db,
                        "INSERT INTO audit_log (seq, ts, actor, action, object, detail, prev_hash, "
                        "hash) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        error);
  if (ins == NULL)
    return FALSE;
  sqlite3_bind_int64 (ins, 1, seq);
  sqlite3_bind_text (ins, 2, ts, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (ins, 3, actor, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (ins, 4, action, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (ins, 5, object, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (ins, 6, detail, -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob (ins, 7, prev, CIV_AUDIT_HASH_LEN, SQLITE_TRANSIENT);
  sqlite3_bind_blob (ins, 8, hash, CIV_AUDIT_HASH_LEN, SQLITE_TRANSIENT);
  return civ_db_step_done (db, ins, error);
}

gboolean
civ_audit_verify (CivDb *db, gint64 *n_checked, gint64 *first_broken, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  guint8 prev[CIV_AUDIT_HASH_LEN] = { 0 };
  gint64 expected_seq = 1;
  gint64 count = 0;
  int    rc;

  if (first_broken)
    *first_broken = 0;
  if (n_checked)
    *n_checked = 0;

  stmt = civ_db_prepare (db,
                         "SELECT seq, ts, actor, action, object, detail, prev_hash, hash "
                         "FROM audit_log ORDER BY seq",
                         error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64      seq = sqlite3_column_int64 (stmt, 0);
      guint8      want[CIV_AUDIT_HASH_LEN];
      const char *why = NULL;

      if (seq != expected_seq)
        why = seq > expected_seq ? "an entry is missing before it" : "its sequence number repeats";
      else if (sqlite3_column_bytes (stmt, 6) != CIV_AUDIT_HASH_LEN ||
               memcmp (sqlite3_column_blob (stmt, 6), prev, CIV_AUDIT_HASH_LEN) != 0)
        why = "it does not link to the entry before it";
      else
        {
          compute_hash (prev, seq, (const char *) sqlite3_column_text (stmt, 1),
                        (const char *) sqlite3_column_text (stmt, 2),
                        (const char *) sqlite3_column_text (stmt, 3),
                        (const char *) sqlite3_column_text (stmt, 4),
                        (const char *) sqlite3_column_text (stmt, 5), want);
          if (sqlite3_column_bytes (stmt, 7) != CIV_AUDIT_HASH_LEN ||
              memcmp (sqlite3_column_blob (stmt, 7), want, CIV_AUDIT_HASH_LEN) != 0)
            why = "its contents were changed after it was written";
        }

      if (why != NULL)
        {
          g_autofree char *seq_text =
            g_strdup_printf ("%" G_GINT64_FORMAT, MIN (seq, expected_seq));

          if (first_broken)
            *first_broken = MIN (seq, expected_seq);
          if (n_checked)
            *n_checked = count;
          g_set_error (error, CIV_DB_ERROR, CIV_DB_ERROR_CORRUPT,
                       _ ("The audit chain is broken at entry %s: %s"), seq_text, why);
          return FALSE;
        }
      memcpy (prev, want, CIV_AUDIT_HASH_LEN);
      expected_seq = seq + 1;
      count++;
    }
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the audit log"));
      return FALSE;
    }
  if (n_checked)
    *n_checked = count;
  return TRUE;
}

GPtrArray *
civ_audit_list (CivDb      *db,
                gint64      before,
                guint       limit,
                const char *actor,
                const char *action_prefix,
                GError    **error)
{
  g_autoptr (GPtrArray) out =
    g_ptr_array_new_with_free_func ((GDestroyNotify) civ_audit_entry_free);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *like = NULL;
  int              rc;

  stmt = civ_db_prepare (db,
                         "SELECT seq, ts, actor, action, object, detail, hash FROM audit_log "
                         "WHERE (?1 <= 0 OR seq < ?1) AND (?2 IS NULL OR actor = ?2) "
                         "AND (?3 IS NULL OR action LIKE ?3 ESCAPE '\\') "
                         "ORDER BY seq DESC LIMIT ?4",
                         error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, before);
  if (actor)
    sqlite3_bind_text (stmt, 2, actor, -1, SQLITE_TRANSIENT);
  if (action_prefix)
    {
      g_autoptr (GString) esc = g_string_new (NULL);
      for (const char *p = action_prefix; *p; p++)
        {
          if (*p == '%' || *p == '_' || *p == '\\')
            g_string_append_c (esc, '\\');
          g_string_append_c (esc, *p);
        }
      g_string_append_c (esc, '%');
      like = g_string_free (g_steal_pointer (&esc), FALSE);
      sqlite3_bind_text (stmt, 3, like, -1, SQLITE_TRANSIENT);
    }
  sqlite3_bind_int64 (stmt, 4, limit ? (gint64) limit : -1);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CivAuditEntry *e = g_new0 (CivAuditEntry, 1);
      const guint8  *h = sqlite3_column_blob (stmt, 6);
      int            hlen = sqlite3_column_bytes (stmt, 6);
      GString       *hex = g_string_new (NULL);

      e->seq = sqlite3_column_int64 (stmt, 0);
      e->ts = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      e->actor = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      e->action = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      e->object = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      e->detail = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      for (int i = 0; i < hlen; i++)
        g_string_append_printf (hex, "%02x", h[i]);
      e->hash_hex = g_string_free (hex, FALSE);
      g_ptr_array_add (out, e);
    }
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the audit log"));
      return NULL;
    }
  return g_steal_pointer (&out);
}

gboolean
civ_audit_head (CivDb *db, gint64 *seq, char **hash_hex, GError **error)
{
  g_autoptr (GPtrArray) last = civ_audit_list (db, 0, 1, NULL, NULL, error);

  if (last == NULL)
    return FALSE;
  *seq = 0;
  *hash_hex = NULL;
  if (last->len == 1)
    {
      CivAuditEntry *e = g_ptr_array_index (last, 0);
      *seq = e->seq;
      *hash_hex = g_strdup (e->hash_hex);
    }
  return TRUE;
}

gboolean
civ_audit_hash_at (CivDb *db, gint64 seq, char **hash_hex, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db, "SELECT lower(hex(hash)) FROM audit_log WHERE seq = ?", error);
  int rc;

  *hash_hex = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *hash_hex = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the audit log"));
      return FALSE;
    }
  return TRUE;
}

gboolean
civ_audit_count (CivDb *db, gint64 *n_entries, GError **error)
{
  return civ_db_query_int64 (db, "SELECT count(*) FROM audit_log", n_entries, error);
}
