// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-adoption-store.h — rows of adoptions (0012-adoption.sql): the
 * procedure, its parties, its append-only history, the 60-day notice, the
 * assessment, decisions, dissolutions, the adoption certificate serials and
 * the access journal (R-A13)
 *
 * Storage only: who may read or write an adoption is decided in
 * app/adoption/. Writers expect the caller's transaction to be open
 * (civ_db_begin).
 */
#pragma once

#include "civ-db.h"

G_BEGIN_DECLS

/* The counter prefix of adoption certificates in certificate_counters. */
#define CIV_ADOPTION_COUNTER_PREFIX "SY"
/* The counter prefix of dissolution proofs (解除收养关系证明) in
 * certificate_counters (0013). */
#define CIV_ADOPTION_DISSOLUTION_COUNTER_PREFIX "JCSY"

typedef struct
{
  gint64   id;
  char    *record_id;
  char    *state; /* APPLIED, NOTICE_60D, ASSESSMENT, REVIEW_30D, REGISTERED, REFUSED, … */
  char    *office_code;
  char    *office_name;
  char    *applied_on;
  gboolean notice_needed;
  char    *review_due; /* NULL until the review runs */
  gboolean provisional;
  char    *application; /* JSON as entered */
  char    *certificate_no;
  int      certificate_year;
  gint64   certificate_serial;
  char    *registered_on;
  char    *closed_on;
  char    *created_at;
  char    *created_by;
} CivAdoptionRow;

void civ_adoption_row_free (CivAdoptionRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivAdoptionRow, civ_adoption_row_free)

/* Inserts a new adoption from @row's record_id, state, office_code,
 * office_name, applied_on, notice_needed and application; returns its id. */
gint64          civ_adoption_row_insert (CivDb                *db,
                                         const CivAdoptionRow *row,
                                         const char           *created_by,
                                         GError              **error);
/* The adoption whose record id or certificate number is @key; NULL with no
 * error when there is none. */
CivAdoptionRow *civ_adoption_row_find (CivDb *db, const char *key, GError **error);
/* Moves to @state; @review_due NULL keeps it, @provisional -1 keeps it,
 * @closed_on NULL keeps it. */
gboolean        civ_adoption_row_set_state (CivDb      *db,
                                            gint64      id,
                                            const char *state,
                                            const char *review_due,
                                            int         provisional,
                                            const char *closed_on,
                                            GError    **error);
/* Moves to REGISTERED with the certificate @number (serial @serial of @year). */
gboolean        civ_adoption_row_register (CivDb      *db,
                                           gint64      id,
                                           const char *number,
                                           int         year,
                                           gint64      serial,
                                           const char *registered_on,
                                           GError    **error);
/* Every adoption (CivAdoptionRow), newest first. */
GPtrArray      *civ_adoption_row_list (CivDb *db, GError **error);
/* How many adoptions there are in each state: "STATE" → count as
 * GINT_TO_POINTER. */
GHashTable     *civ_adoption_count_by_state (CivDb *db, GError **error);

/* Allocates the next adoption certificate serial of @office_code and @year
 * (certificate_counters, prefix SY): gapless because the counter moves only
 * if the caller's transaction commits. */
gboolean civ_adoption_serial_next (
  CivDb *db, const char *office_code, int year, gint64 *serial_out, GError **error);
/* The same for the number of a dissolution proof (解除收养关系证明, R-A14):
 * its own gapless counter per office and year (prefix JCSY). */
gboolean civ_adoption_dissolution_serial_next (
  CivDb *db, const char *office_code, int year, gint64 *serial_out, GError **error);

typedef struct
{
  char  *role; /* child, placer, adopter */
  int    position;
  gint64 person_id; /* 0 = not linked */
  char  *name;
  int    sex;
  char  *birth_date;
  char  *doc_kind;
  char  *doc_number;
  char  *id_key;
  char  *resident_category;
  char  *placer_kind; /* guardian, welfare-institution, birth-parent; NULL unless a placer */
} CivAdoptionPartyRow;

void civ_adoption_party_row_free (CivAdoptionPartyRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivAdoptionPartyRow, civ_adoption_party_row_free)

gboolean   civ_adoption_party_insert (CivDb                     *db,
                                      gint64                     adoption_id,
                                      const CivAdoptionPartyRow *row,
                                      GError                   **error);
/* The parties (CivAdoptionPartyRow): the child, the placers, the adopters. */
GPtrArray *civ_adoption_party_list (CivDb *db, gint64 adoption_id, GError **error);
/* Record ids of the adoptions where @id_key is a party (any role). */
GPtrArray *civ_adoption_for_id_key (CivDb *db, const char *id_key, GError **error);

typedef struct
{
  char *on_date;
  char *from_state; /* NULL for the application */
  char *state;
  char *actor;
  char *actor_name; /* display name, or the login when unknown */
  char *reason;
  char *detail; /* JSON or "" */
  char *created_at;
} CivAdoptionEventRow;

void civ_adoption_event_row_free (CivAdoptionEventRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivAdoptionEventRow, civ_adoption_event_row_free)

gboolean   civ_adoption_event_add (CivDb      *db,
                                   gint64      adoption_id,
                                   const char *on_date,
                                   const char *from_state,
                                   const char *state,
                                   const char *actor,
                                   const char *reason,
                                   const char *detail,
                                   GError    **error);
/* The history (CivAdoptionEventRow), oldest first. */
GPtrArray *civ_adoption_event_list (CivDb *db, gint64 adoption_id, GError **error);

typedef struct
{
  char *text;
  char *published_on;
  char *ends_on;
  char *created_by;
} CivAdoptionNoticeRow;

void civ_adoption_notice_row_free (CivAdoptionNoticeRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivAdoptionNoticeRow, civ_adoption_notice_row_free)

gboolean              civ_adoption_notice_insert (CivDb      *db,
                                                  gint64      adoption_id,
                                                  const char *text,
                                                  const char *published_on,
                                                  const char *ends_on,
                                                  const char *created_by,
                                                  GError    **error);
/* NULL with no error when the adoption has no notice. */
CivAdoptionNoticeRow *civ_adoption_notice_find (CivDb *db, gint64 adoption_id, GError **error);

typedef struct
{
  char    *item; /* motive, conduct, education, health, finances-housing, … (R-A11) */
  gboolean satisfactory;
  char    *note;
} CivAdoptionAssessmentItem;

typedef struct
{
  gint64     id;
  char      *assessor_kind; /* team, third-party */
  GStrv      team_members;  /* NULL-terminated; empty for a third party */
  char      *third_party;
  char      *assessed_on;
  char      *conclusion; /* suitable, unsuitable */
  char      *conclusion_text;
  gboolean   red_flags;
  gboolean   red_flags_reported;
  char      *red_flags_detail;
  GPtrArray *items; /* CivAdoptionAssessmentItem */
} CivAdoptionAssessmentRow;

void civ_adoption_assessment_item_free (CivAdoptionAssessmentItem *item);
void civ_adoption_assessment_row_free (CivAdoptionAssessmentRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivAdoptionAssessmentRow, civ_adoption_assessment_row_free)

/* Stores an assessment with its items; returns its id. */
gint64                    civ_adoption_assessment_insert (CivDb                          *db,
                                                          gint64                          adoption_id,
                                                          const CivAdoptionAssessmentRow *row,
                                                          const char                     *created_by,
                                                          GError                        **error);
/* The newest assessment with its items; NULL with no error when none. */
CivAdoptionAssessmentRow *civ_adoption_assessment_latest (CivDb   *db,
                                                          gint64   adoption_id,
                                                          GError **error);

/* Records a decision: @kind registered, refused, dissolved or revoked;
 * @child_consent and @certificate_returned are -1 when they do not apply.
 * Returns its id. */
gint64 civ_adoption_decision_insert (CivDb      *db,
                                     gint64      adoption_id,
                                     const char *kind,
                                     const char *on_date,
                                     const char *reasons,
                                     const char *document_no,
                                     int         child_consent,
                                     int         certificate_returned,
                                     const char *approved_by,
                                     const char *created_by,
                                     GError    **error);

/* A decision as stored. */
typedef struct
{
  gint64 id;
  char  *kind; /* registered, refused, dissolved, revoked */
  char  *on_date;
  char  *reasons;     /* JSON array of {rule, message} for a refusal, else "" */
  char  *document_no; /* the certificate, the dissolution proof or the revocation decision */
  char  *approved_by;
  char  *created_by;
  char  *created_at;
} CivAdoptionDecisionRow;

void civ_adoption_decision_row_free (CivAdoptionDecisionRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivAdoptionDecisionRow, civ_adoption_decision_row_free)

/* The newest decision of @kind on the adoption; NULL with no error when
 * there is none. */
CivAdoptionDecisionRow *civ_adoption_decision_latest (CivDb      *db,
                                                      gint64      adoption_id,
                                                      const char *kind,
                                                      GError    **error);

typedef struct
{
  gint64   id;
  char    *applied_on;
  char    *review_due;
  gboolean provisional;
  char    *agreement_ref;
  gboolean child_consent;
} CivAdoptionDissolutionRow;

void civ_adoption_dissolution_row_free (CivAdoptionDissolutionRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivAdoptionDissolutionRow, civ_adoption_dissolution_row_free)

gint64                     civ_adoption_dissolution_insert (CivDb      *db,
                                                            gint64      adoption_id,
                                                            const char *applied_on,
                                                            const char *review_due,
                                                            gboolean    provisional,
                                                            const char *agreement_ref,
                                                            gboolean    child_consent,
                                                            const char *created_by,
                                                            GError    **error);
/* The undecided dissolution application of an adoption, or NULL. */
CivAdoptionDissolutionRow *civ_adoption_dissolution_open (CivDb   *db,
                                                          gint64   adoption_id,
                                                          GError **error);
gboolean                   civ_adoption_dissolution_decide (CivDb   *db,
                                                            gint64   dissolution_id,
                                                            gint64   decision_id,
                                                            GError **error);

/* A deadline of an open adoption on or before a day. */
typedef struct
{
  char    *record_id;
  char    *what; /* notice-ends, review-due, dissolution-review-due */
  char    *due;
  gboolean provisional;
  char    *certificate_no; /* NULL before the adoption is registered */
  char    *applied_on;
} CivAdoptionDueRow;

void       civ_adoption_due_row_free (CivAdoptionDueRow *row);
/* The notices ending and the review deadlines falling on or before @day
 * (CivAdoptionDueRow), soonest first. */
GPtrArray *civ_adoption_due_rows (CivDb *db, const char *day, GError **error);

/* The access journal (R-A13). @action: open, print, export, show-birth-parents. */
gboolean civ_adoption_access_add (CivDb      *db,
                                  gint64      adoption_id,
                                  const char *actor,
                                  const char *action,
                                  const char *purpose,
                                  GError    **error);

typedef struct
{
  char *record_id;
  char *actor;
  char *actor_name;
  char *action;
  char *purpose;
  char *at;
} CivAdoptionAccessRow;

void       civ_adoption_access_row_free (CivAdoptionAccessRow *row);
/* Who looked at which adoption and why (CivAdoptionAccessRow), oldest
 * first; only the adoption @record_id unless it is NULL. */
GPtrArray *civ_adoption_access_list (CivDb *db, const char *record_id, GError **error);

G_END_DECLS
