// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-backup.h — an online copy of the office's database (issue 12, item 3)
 *
 * SQLite's backup API between the open connection and a new file opened
 * with the same data key: the pages are decrypted from the office and
 * encrypted again into the copy, which stays a SQLCipher file under the
 * same key. The copy goes a few pages per step; between two steps the
 * source is not locked, so the office's readers and writers go on. A write
 * through the same connection between steps is carried into the copy; a
 * write from another connection (another civreg-cli) restarts the copy at
 * the next step, so what is copied is always one consistent state.
 */
#pragma once

#include "civ-db.h"

G_BEGIN_DECLS

typedef struct _CivDbCopy CivDbCopy;

/* Starts copying @source into the new file @dest_path (which must not
 * exist), encrypted with @data_key (the source's own key). */
CivDbCopy *civ_db_copy_new (CivDb           *source,
                            const char      *dest_path,
                            const CivSecret *data_key,
                            GError         **error);
/* Copies up to @n_pages pages; *@done is TRUE when the copy is complete. A
 * busy source is not an error: the step copies nothing and the next one
 * tries again. */
gboolean   civ_db_copy_step (CivDbCopy *self, int n_pages, gboolean *done, GError **error);
/* Pages copied so far and pages in all (known after the first step). */
void       civ_db_copy_get_progress (CivDbCopy *self, int *copied, int *total);
/* Closes the copy's connection; the file stays. */
void       civ_db_copy_free (CivDbCopy *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivDbCopy, civ_db_copy_free)

/* What an office holds, as a backup's manifest and its restore report
 * list it. */
typedef struct
{
  gint64 marriages; /* marriage records (all versions of one count once) */
  gint64 divorces;
  gint64 certificates;
  gint64 documents;
  gint64 persons;
  gint64 outbox_pending;
  gint64 audit_entries;
  gint64 audit_head_seq;
  char  *audit_head_hash; /* hex, NULL for an empty log */
} CivOfficeCounts;

gboolean civ_office_counts_read (CivDb *db, CivOfficeCounts *counts, GError **error);
void     civ_office_counts_clear (CivOfficeCounts *counts);
/* TRUE when every count and the audit head are the same. */
gboolean civ_office_counts_equal (const CivOfficeCounts *a, const CivOfficeCounts *b);

G_END_DECLS
