// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-audit.h — the hash-chained, append-only audit log (architecture.md §8)
 *
 * Every entry stores SHA-256 over the previous entry's hash and a canonical
 * encoding of its own fields; triggers refuse UPDATE and DELETE. verify()
 * walks the chain and names the first entry whose link is broken.
 */
#pragma once

#include "civ-db.h"

G_BEGIN_DECLS

#define CIV_AUDIT_HASH_LEN 32

typedef struct
{
  gint64 seq;
  char  *ts; /* ISO 8601 UTC */
  char  *actor;
  char  *action;
  char  *object;
  char  *detail;
  char  *hash_hex;
} CivAuditEntry;

void civ_audit_entry_free (CivAuditEntry *entry);

/* Appends inside the caller's transaction when one is open. */
gboolean civ_audit_append (CivDb      *db,
                           const char *actor,
                           const char *action,
                           const char *object,
                           const char *detail,
                           GError    **error);

/* Returns TRUE when the chain is intact. Otherwise @first_broken is the seq
 * of the first entry that does not verify, and @error says why. */
gboolean civ_audit_verify (CivDb *db, gint64 *n_checked, gint64 *first_broken, GError **error);

/* Entries, newest first, at most @limit (0 = all), with seq < @before (0 = from the end).
 * @action_prefix and @actor filter when non-NULL. */
GPtrArray *civ_audit_list (CivDb      *db,
                           gint64      before,
                           guint       limit,
                           const char *actor,
                           const char *action_prefix,
                           GError    **error);

/* The chain head: last seq and its hash as hex (NULL and 0 for an empty log). */
gboolean civ_audit_head (CivDb *db, gint64 *seq, char **hash_hex, GError **error);

/* The hash of entry @seq as lower-case hex; *@hash_hex is NULL when there
 * is no such entry. */
gboolean civ_audit_hash_at (CivDb *db, gint64 seq, char **hash_hex, GError **error);

/* The number of entries. */
gboolean civ_audit_count (CivDb *db, gint64 *n_entries, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivAuditEntry, civ_audit_entry_free)

G_END_DECLS
