// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-integrity.h — is the database file whole? (issue 12, item 2)
 *
 * SQLite's PRAGMA quick_check / integrity_check over the open connection,
 * with what they say mapped to the tables it concerns: messages that name
 * an index or a table, page numbers that are a table's or an index's root
 * page (sqlite_master.rootpage) and, when anything is wrong, a read of
 * every row of every table and index, so that a page that fails
 * SQLCipher's HMAC check names the table it belongs to.
 */
#pragma once

#include "civ-db.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean   ok;
  gboolean   full;     /* integrity_check (TRUE) or quick_check */
  GPtrArray *problems; /* char *: what SQLite said, at most 100 lines */
  GPtrArray *tables;   /* char *: the tables affected, sorted, each once */
} CivIntegrityReport;

void civ_integrity_report_free (CivIntegrityReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivIntegrityReport, civ_integrity_report_free)

/* Checks @db: PRAGMA integrity_check when @full, PRAGMA quick_check
 * otherwise. A damaged file gives a report with ok FALSE (never an error);
 * NULL with @error only when the check could not run (the database is
 * busy, closed …). Runs on the connection's thread; reads only. */
CivIntegrityReport *civ_integrity_check (CivDb *db, gboolean full, GError **error);

/* The affected tables as one comma-separated line ("" when none). */
char *civ_integrity_report_tables_text (const CivIntegrityReport *report);

G_END_DECLS
