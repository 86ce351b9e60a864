// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-record-store.h — what the counter screens read back of a marriage
 * record: every version with its parties, the certificates of the marriage
 * and their prints on pre-printed blanks (architecture.md §3, §4)
 *
 * Reads only; the writers are in civ-registry-store.h. Dates are ISO
 * strings (YYYY-MM-DD) as stored. Which certificate a couple holds and
 * whether a blank may be used are decided in app/registry/.
 */
#pragma once

#include "civ-db.h"

G_BEGIN_DECLS

/* One party of a marriage version, as registered. */
typedef struct
{
  char *name;
  int   sex; /* GB/T 2261.1 */
  char *birth_date;
  char *nationality; /* GB/T 2659 alpha-3 */
  char *ethnicity;
  char *doc_kind; /* civ_doc_kind_to_string () */
  char *doc_number;
  char *resident_category;
  int   status_before; /* GB/T 2261.2 */
  int   nature;
} CivRecordParty;

/* Frees the strings of @party, not @party itself. */
void civ_record_party_clear (CivRecordParty *party);

/* One version of a marriage record (a row of `marriages`) with its parties. */
typedef struct
{
  gint64         row_id;
  int            version;
  char          *state;
  char          *certificate_no; /* NULL for refusals */
  char          *registration_date;
  char          *effective_from;
  char          *office_code;
  char          *office_name;
  char          *registrar;      /* login */
  char          *registrar_name; /* display name, or the login when unknown */
  char          *status_source;
  char          *remarks;
  char          *reason;
  char          *created_at;
  char          *created_by;
  char          *approved_by; /* supervisor who approved a correction; NULL otherwise */
  /* A historical record (archive backfill, migration 0011): its register's
   * category, the certificate number's era and the source reference;
   * NULL / 0 for records made at the counter. */
  gboolean       historical;
  char          *historical_kind;
  char          *number_era;
  char          *archive_no;
  char          *volume;
  int            archive_page;
  int            archive_entry;
  CivRecordParty party[2];
  GPtrArray     *findings; /* left NULL here; app/records fills it (CivFinding) */
} CivMarriageVersionRow;

void civ_marriage_version_row_free (CivMarriageVersionRow *row);

/* A certificate printed on a pre-printed blank (R-N3); a spoiled print is
 * voided, never deleted. */
typedef struct
{
  char *certificate_no;
  char *blank_serial;
  char *printed_at; /* ISO 8601 UTC */
  char *printed_by;
  char *voided_at; /* NULL unless voided */
  char *voided_by;
  char *void_reason;
  char *void_approved_by; /* the supervisor who approved the void; NULL for voids
                           * made before approval was recorded (see the audit) */
} CivCertificatePrint;

void civ_certificate_print_free (CivCertificatePrint *print);

/* The record id of the marriage with this record id or certificate number;
 * NULL with no error when there is none. */
char *civ_record_store_find_marriage (CivDb *db, const char *key, GError **error);

/* Every version (CivMarriageVersionRow, oldest first, parties filled) of
 * the marriage with this record id or certificate number; an empty array
 * when there is none. *@record_id receives its record id (NULL when none). */
GPtrArray *civ_record_store_versions (CivDb *db, const char *key, char **record_id, GError **error);

/* The two parties (by position) of the version in row @marriage_row. A
 * position without a row is left zeroed. */
gboolean civ_record_store_parties (CivDb         *db,
                                   gint64         marriage_row,
                                   CivRecordParty party[2],
                                   GError       **error);

/* The certificate number and the spouses' names of the first version of
 * the marriage @marriage_record_id; left NULL when there is none. */
gboolean civ_record_store_marriage_names (
  CivDb *db, const char *marriage_record_id, char **certificate_no, char *names[2], GError **error);

/* The newest certificate of the marriage @marriage_record_id: of its own
 * (J, BJ) when @divorce is FALSE, else of its registered divorce (L, BL).
 * *@number is NULL when there is none. */
gboolean civ_record_store_newest_certificate (
  CivDb *db, const char *marriage_record_id, gboolean divorce, char **number, GError **error);

/* TRUE in *@exists when the certificate @number was issued. */
gboolean civ_record_store_certificate_exists (CivDb      *db,
                                              const char *number,
                                              gboolean   *exists,
                                              GError    **error);

/* The prints (CivCertificatePrint) of every certificate of the marriage
 * @marriage_record_id, oldest first: its own (J, BJ) and those of its
 * divorces (L, BL), which belong to the divorce record. */
GPtrArray *civ_record_store_prints (CivDb *db, const char *marriage_record_id, GError **error);

/* The print on the blank @blank_serial, voided or not; when
 * @marriage_record_id is not NULL only a print of a certificate of that
 * marriage or of its divorces. NULL with no error when there is none. */
CivCertificatePrint *civ_record_store_find_print (CivDb      *db,
                                                  const char *blank_serial,
                                                  const char *marriage_record_id,
                                                  GError    **error);

/* The blank serials of the prints of certificate @number that were not
 * voided, oldest first (R-N3: two copies at most). */
GPtrArray *civ_record_store_live_prints (CivDb *db, const char *number, GError **error);

/* Certificate numbers of current REGISTERED marriages registered on or
 * before @registered_by (YYYY-MM-DD) that have no divorce application,
 * newest first, at most @limit. */
GPtrArray *civ_record_store_undivorced (CivDb      *db,
                                        const char *registered_by,
                                        guint       limit,
                                        GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivMarriageVersionRow, civ_marriage_version_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivCertificatePrint, civ_certificate_print_free)

G_END_DECLS
