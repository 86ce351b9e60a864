// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-identity-check-store.h — rows of the append-only `identity_checks`
 * table (0010-identity-checks.sql): how each party of a registration was
 * identified at the counter
 *
 * Writers expect the caller's transaction to be open (civ_db_begin). The
 * codes (record kind, method, result) are checked by the table; the app
 * layer (civ-identity-check.h) owns their meaning and labels.
 */
#pragma once

#include "civ-db.h"

G_BEGIN_DECLS

typedef struct
{
  gint64   id;
  char    *record_kind; /* marriage, divorce, adoption, funeral */
  char    *record_id;
  int      party; /* the party's place in the registration, from 0 */
  char    *party_name;
  char    *method; /* card-chip, face, fingerprint, visual */
  char    *result; /* passed, failed */
  double   score;  /* 0…100, or a negative number when the device gave none */
  char    *device;
  char    *detail;     /* JSON, or NULL */
  gboolean has_wlt;    /* the chip's 1024-byte photo is kept */
  char    *checked_at; /* ISO 8601 UTC, when the check was made */
  char    *created_by;
  char    *created_by_name; /* the operator's display name, or the login */
  char    *created_at;
} CivIdentityCheckRow;

void                 civ_identity_check_row_free (CivIdentityCheckRow *row);
CivIdentityCheckRow *civ_identity_check_row_copy (const CivIdentityCheckRow *row);

/* Inserts @row (its id, has_wlt, created_by_name and created_at are
 * ignored) with the raw chip photo @wlt (or NULL) in the caller's
 * transaction; returns the new id, 0 on error. */
gint64 civ_identity_check_insert (CivDb                     *db,
                                  const CivIdentityCheckRow *row,
                                  GBytes                    *wlt,
                                  GError                   **error);

/* The checks of one registration, by party then in the order made
 * (CivIdentityCheckRow). */
GPtrArray *civ_identity_check_list (CivDb      *db,
                                    const char *record_kind,
                                    const char *record_id,
                                    GError    **error);

/* The raw WLT photo of check @id; NULL with no error when it has none. */
GBytes *civ_identity_check_read_wlt (CivDb *db, gint64 id, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivIdentityCheckRow, civ_identity_check_row_free)

G_END_DECLS
