// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-registry-bulk.h — writing many registrations fast (demo data, bulk loads)
 *
 * The same rows and invariants as the per-registration writers of
 * civ-registry-store.h, written through statements prepared once, in
 * transactions of many rows:
 *  - certificate serials stay gapless per prefix, office and year: the
 *    counters are read when a transaction begins, advanced in memory and
 *    written back in the same transaction as the certificates that used them;
 *  - the person index holds each person's current marital status and
 *    current marriage, updated as events are added;
 *  - marriage versions supersede each other exactly as corrections do.
 *
 * The writer opens its transaction when created; civ_registry_bulk_checkpoint()
 * commits what was written so far, lets writers waiting in other processes
 * go first (civ_db_yield_turn ()) and opens the next one, reading the
 * certificate counters again; call it often (a few times a second) so
 * nobody waits long.
 * civ_registry_bulk_finish() commits the rest. Freeing an unfinished writer
 * rolls back everything since the last checkpoint. The caller holds the
 * connection (one thread) for the writer's lifetime.
 */
#pragma once

#include "civ-db.h"
#include "civ-registry-store.h"

G_BEGIN_DECLS

typedef struct _CivRegistryBulk CivRegistryBulk;

/* Begins a transaction and prepares the statements. @issued_by is the
 * operator recorded on certificates. */
CivRegistryBulk *civ_registry_bulk_new (CivDb      *db,
                                        const char *office_code,
                                        const char *issued_by,
                                        GError    **error);
void             civ_registry_bulk_free (CivRegistryBulk *self);

/* Inserts a new person (row->id_key must not exist yet); returns the row id. */
gint64   civ_registry_bulk_add_person (CivRegistryBulk    *self,
                                       const CivPersonRow *row,
                                       GError            **error);
/* TRUE when the person index holds @id_key (written by anyone, committed or
 * in this transaction): a generator picks another identity. */
gboolean civ_registry_bulk_has_person (CivRegistryBulk *self, const char *id_key);
gboolean civ_registry_bulk_set_person_status (CivRegistryBulk *self,
                                              gint64           person_id,
                                              int              marital_status,
                                              const char      *current_marriage,
                                              GError         **error);

/* The next gapless serial for (@prefix, office, @year), recorded in
 * certificates for @record_id, issued at @issued_at (ISO 8601). Returns the
 * number, e.g. "J110101-1998-000042". */
char *civ_registry_bulk_allocate_certificate (CivRegistryBulk *self,
                                              const char      *prefix,
                                              int              year,
                                              const char      *record_id,
                                              const char      *issued_at,
                                              GError         **error);

/* Inserts one marriage version with its two parties, created at @created_at;
 * when @supersedes is not 0 that version is marked superseded. Returns the
 * new row id. */
gint64 civ_registry_bulk_add_marriage (CivRegistryBulk      *self,
                                       const CivMarriageRow *row,
                                       const CivPartyRow     parties[2],
                                       const char           *created_at,
                                       gint64                supersedes,
                                       GError              **error);

/* Writes version N+1 of the version in row @row_id with @state, its parties
 * copied as they were, and marks version N superseded (as
 * civ_marriage_new_version() does). Returns the new row id. */
gint64 civ_registry_bulk_new_version (CivRegistryBulk *self,
                                      gint64           row_id,
                                      const char      *state,
                                      const char      *reason,
                                      const char      *created_by,
                                      const char      *created_at,
                                      GError         **error);

typedef struct
{
  const char *record_id;
  const char *marriage_record_id;
  const char *state;
  const char *accepted_on; /* NULL for divorces before the cooling-off period existed */
  const char *cooling_off_end;
  const char *window_end;
  gboolean    provisional;
  const char *agreement_ref;
  const char *closed_on;
  const char *certificate_no;
  const char *created_at;
  const char *created_by;
} CivBulkDivorce;

/* Inserts a divorce application row; returns its row id. */
gint64   civ_registry_bulk_add_divorce (CivRegistryBulk      *self,
                                        const CivBulkDivorce *row,
                                        GError              **error);
gboolean civ_registry_bulk_add_divorce_event (CivRegistryBulk *self,
                                              gint64           divorce_id,
                                              const char      *on_date,
                                              const char      *state,
                                              const char      *actor,
                                              const char      *detail,
                                              const char      *created_at,
                                              GError         **error);

/* Writes the counters, commits and begins the next transaction. */
gboolean civ_registry_bulk_checkpoint (CivRegistryBulk *self, GError **error);
/* Writes the counters and commits; the writer may then only be freed. */
gboolean civ_registry_bulk_finish (CivRegistryBulk *self, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivRegistryBulk, civ_registry_bulk_free)

G_END_DECLS
