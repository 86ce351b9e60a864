// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-registry-store.h — rows of the person index, marriage records,
 * certificates and the outbox (architecture.md §3, §4, §6)
 *
 * Every writer here expects the caller's transaction to be open
 * (civ_db_begin); the use cases in app/registry/ commit a registration,
 * its person-index changes, its certificate number, its outbox row and its
 * audit entry together.
 */
#pragma once

#include "civ-db.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 id;
  char  *id_key;
  char  *doc_kind;
  char  *doc_number;
  char  *name;
  int    sex;
  char  *birth_date;       /* YYYY-MM-DD or NULL */
  int    marital_status;   /* GB/T 2261.2 */
  char  *current_marriage; /* record_id or NULL */
} CivPersonRow;

void civ_person_row_free (CivPersonRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivPersonRow, civ_person_row_free)

/* NULL with no error when there is no such person. */
CivPersonRow *civ_person_find (CivDb *db, const char *id_key, GError **error);
/* Inserts or refreshes name, document and birth date; returns the row id. */
gint64        civ_person_upsert (CivDb *db, const CivPersonRow *row, GError **error);
gboolean      civ_person_set_status (
       CivDb *db, gint64 person_id, int marital_status, const char *current_marriage, GError **error);

/* Allocates the next serial for (prefix, office, year) and records the
 * certificate: gapless because the counter moves only if the caller's
 * transaction commits. Returns the number, e.g. "J110101-2026-000001". */
char    *civ_certificate_allocate (CivDb      *db,
                                   const char *prefix,
                                   const char *office_code,
                                   int         year,
                                   const char *record_id,
                                   const char *issued_by,
                                   GError    **error);
/* Records the pre-printed blank used for a certificate (R-N3). */
gboolean civ_certificate_print (CivDb      *db,
                                const char *number,
                                const char *blank_serial,
                                const char *operator_login,
                                GError    **error);
/* Voids a spoiled print: recorded, never deleted, with the operator and
 * the supervisor who approved the void (R-N3). */
gboolean civ_certificate_void_print (CivDb      *db,
                                     const char *blank_serial,
                                     const char *reason,
                                     const char *operator_login,
                                     const char *approved_by,
                                     GError    **error);

typedef struct
{
  int         position;  /* 0 or 1 */
  gint64      person_id; /* 0 = not linked (no usable identity number) */
  const char *name;
  const char *name_pinyin;
  const char *name_initials;
  int         sex;
  const char *birth_date;
  const char *nationality;
  const char *ethnicity;
  const char *occupation;
  const char *doc_kind;
  const char *doc_number;
  const char *doc_status; /* PRESENT, ABSENT_PRE_ID, ABSENT_UNKNOWN */
  const char *id_key;
  const char *resident_category;
  int         status_before;
  int         nature;
} CivPartyRow;

typedef struct
{
  const char *record_id;
  int         version;
  const char *state;
  const char *registration_date;
  const char *effective_from;
  const char *office_code;
  const char *office_name;
  const char *registrar;
  const char *certificate_no;
  gboolean    historical;
  const char *status_source; /* "online" or "local-only" */
  const char *remarks;
  const char *reason;
  const char *approved_by;
  const char *created_by;
} CivMarriageRow;

/* Inserts one version with its two parties; returns its row id. When
 * @supersedes is not 0 that version is marked superseded by the new one. */
gint64 civ_marriage_insert (CivDb                *db,
                            const CivMarriageRow *row,
                            const CivPartyRow     parties[2],
                            gint64                supersedes,
                            GError              **error);

/* Stores one finding (rule id, "info"/"warn"/"refuse", message) for a record row. */
gboolean civ_findings_store (CivDb      *db,
                             const char *record_kind,
                             gint64      record_row,
                             const char *rule,
                             const char *severity,
                             const char *message,
                             GError    **error);

/* A finding as stored: the severity is "info", "warn" or "refuse". */
typedef struct
{
  char *rule;
  char *severity;
  char *message;
} CivFindingRow;

void       civ_finding_row_free (CivFindingRow *row);
/* The findings (CivFindingRow) stored for a record row, in the order stored. */
GPtrArray *civ_findings_list (CivDb      *db,
                              const char *record_kind,
                              gint64      record_row,
                              GError    **error);

/* TRUE when the two identity keys were ever married to each other (R-M14). */
gboolean civ_marriage_were_spouses (
  CivDb *db, const char *id_key_a, const char *id_key_b, gboolean *out, GError **error);

/* Records that the certificate @certificate_no (@kind "BJ" or "BL") was
 * reissued for @original_no of the marriage @record_id on @issued_on (R-B1). */
gboolean civ_certificate_reissue_insert (CivDb      *db,
                                         const char *record_id,
                                         const char *certificate_no,
                                         const char *original_no,
                                         const char *kind,
                                         const char *reason,
                                         const char *issued_on,
                                         const char *issued_by,
                                         GError    **error);

/* Files the court judgment or registry decision @kind ("divorce", "void",
 * "annulled", "registry-annulment") that version @version of the marriage
 * @record_id records; @archive_no may be NULL (R-V4). */
gboolean civ_court_judgment_insert (CivDb      *db,
                                    const char *record_id,
                                    const char *kind,
                                    const char *document_no,
                                    const char *effective_on,
                                    const char *archive_no,
                                    int         version,
                                    const char *filed_by,
                                    GError    **error);

/* Adds an outbox row in the caller's transaction (architecture.md §6). */
gboolean civ_outbox_enqueue (CivDb      *db,
                             const char *kind,
                             const char *record_id,
                             int         version,
                             const char *payload,
                             GError    **error);

G_END_DECLS

G_BEGIN_DECLS

/* The current version of a marriage record, found by record id or certificate number. */
typedef struct
{
  gint64 row_id;
  char  *record_id;
  int    version;
  char  *state;
  char  *certificate_no;
  char  *registration_date;
  char  *office_code;
  char  *remarks;
  gint64 person_id[2]; /* 0 when not linked */
  char  *name[2];
} CivMarriageCurrent;

void civ_marriage_current_free (CivMarriageCurrent *m);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivMarriageCurrent, civ_marriage_current_free)

/* NULL with no error when not found. */
CivMarriageCurrent *civ_marriage_find_current (CivDb      *db,
                                               const char *record_or_certificate,
                                               GError    **error);

/* Writes version N+1 of @current with @state (parties copied as they were)
 * and marks version N superseded. Returns the new row id. */
gint64 civ_marriage_new_version (CivDb                    *db,
                                 const CivMarriageCurrent *current,
                                 const char               *state,
                                 const char               *reason,
                                 const char               *approved_by,
                                 const char               *created_by,
                                 GError                  **error);
/* The same with edited fields: a NULL @state, @remarks or @effective_from
 * keeps the value of version N (corrections, court annotations). */
gint64 civ_marriage_new_version_edit (CivDb                    *db,
                                      const CivMarriageCurrent *current,
                                      const char               *state,
                                      const char               *remarks,
                                      const char               *effective_from,
                                      const char               *reason,
                                      const char               *approved_by,
                                      const char               *created_by,
                                      GError                  **error);

G_END_DECLS
