// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-archive-store.h — rows of the archive backfill (migration 0011):
 * register books, the ledger of entry slots, page images, keyings, imports,
 * historical records and each person's events in date order
 *
 * Writers expect the caller's transaction to be open (civ_db_begin); the
 * services in app/archive/ decide and commit.
 */
#pragma once

#include "civ-db.h"
#include "civ-registry-store.h"

G_BEGIN_DECLS

/* Books ------------------------------------------------------------------- */

typedef struct
{
  gint64      id;
  char       *book_id;
  char       *archive_no;
  char       *title;
  char       *office_code;
  char       *office_name;
  char       *category;
  int         year_from;
  int         year_to;
  int         pages;
  int         slots_per_page;
  gboolean    double_keying;
  char       *state; /* "open" / "closed" */
  char       *closed_by;
  char       *closed_at;
  char       *created_by;
  char       *created_at;
  gint64      n_images;
  /* slots per state name (char * → GINT_TO_POINTER (count)) */
  GHashTable *counts;
} CivBookRow;

void civ_book_row_free (CivBookRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivBookRow, civ_book_row_free)

/* Inserts the book and one 'unseen' slot per page and slot; returns its id. */
gint64      civ_book_insert (CivDb *db, const CivBookRow *row, GError **error);
/* By book id or 档号; NULL with no error when none. With the counts. */
CivBookRow *civ_book_find (CivDb *db, const char *book, GError **error);
/* Every book (with counts), by office, first year and 档号. */
GPtrArray  *civ_book_list (CivDb *db, GError **error);
gboolean    civ_book_set_closed (CivDb *db, gint64 id, const char *by, GError **error);

/* Slots ------------------------------------------------------------------- */

typedef struct
{
  int   page;
  int   slot;
  char *state;
  char *record_id;
  char *note;
  char *updated_by;
  char *updated_at;
} CivSlotRow;

void civ_slot_row_free (CivSlotRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivSlotRow, civ_slot_row_free)
GPtrArray  *civ_slot_list (CivDb *db, gint64 book, GError **error);
/* NULL with no error when the slot does not exist. */
CivSlotRow *civ_slot_find (CivDb *db, gint64 book, int page, int slot, GError **error);
/* Sets the state (and the record for 'entered') and appends the event. */
gboolean    civ_slot_set (CivDb      *db,
                          gint64      book,
                          int         page,
                          int         slot,
                          const char *state,
                          const char *record_id,
                          const char *note,
                          const char *actor,
                          GError    **error);

/* Images ------------------------------------------------------------------ */

typedef struct
{
  gint64 id;
  int    first_page;
  int    n_pages;
  char  *file_name;
  char  *media_type;
  gint64 byte_size;
  char  *sha256;
  char  *created_by;
  char  *created_at;
} CivImageRow;

void civ_image_row_free (CivImageRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivImageRow, civ_image_row_free)
gint64 civ_image_insert (
  CivDb *db, gint64 book, const CivImageRow *row, GBytes *content, GError **error);
GPtrArray *civ_image_list (CivDb *db, gint64 book, GError **error);
/* The newest image covering @page, checked against its SHA-256 (a
 * mismatch is an error); NULL with no error when none. */
GBytes    *civ_image_for_page (CivDb *db, gint64 book, int page, CivImageRow **row, GError **error);

/* Keyings ----------------------------------------------------------------- */

typedef struct
{
  gint64 id;
  int    page;
  int    slot;
  int    pass;
  char  *operator_login;
  char  *started_at;
  char  *finished_at;
  char  *fields; /* JSON */
  int    differences;
} CivKeyingRow;

void civ_keying_row_free (CivKeyingRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivKeyingRow, civ_keying_row_free)
gboolean      civ_keying_insert (CivDb *db, gint64 book, const CivKeyingRow *row, GError **error);
/* NULL with no error when the slot has no keying of @pass. */
CivKeyingRow *civ_keying_find (
  CivDb *db, gint64 book, int page, int slot, int pass, GError **error);

typedef struct
{
  char  *login;
  gint64 entries;
  double seconds;
  gint64 compared;
  gint64 disagreements;
} CivKeyerRow;

void       civ_keyer_row_free (CivKeyerRow *row);
/* Per operator: keyings, seconds in the form, and of their pass-1/pass-2
 * keyings that were compared, how many differed. */
GPtrArray *civ_keyer_stats (CivDb *db, GError **error);

/* Imports ----------------------------------------------------------------- */

/* TRUE in @found when a file with @sha256 was imported before. */
gboolean civ_import_seen (CivDb *db, const char *sha256, gboolean *found, GError **error);
gint64   civ_import_insert (CivDb      *db,
                            const char *sha256,
                            const char *file_name,
                            const char *encoding,
                            gint64      rows_read,
                            gint64      rows_imported,
                            gint64      rows_rejected,
                            gint64      duplicates,
                            gboolean    forced,
                            const char *by,
                            GError    **error);
gboolean civ_import_set_counts (CivDb   *db,
                                gint64   id,
                                gint64   rows_read,
                                gint64   rows_imported,
                                gint64   rows_rejected,
                                gint64   duplicates,
                                GError **error);

/* History conflicts ------------------------------------------------------- */

typedef struct
{
  gint64 id;
  char  *kind;
  char  *person_name;
  char  *person_doc;
  char  *record_a;
  char  *record_b;
  char  *found_at;
  char  *reviewed_by;
  char  *review_note;
} CivConflictRow;

void       civ_conflict_row_free (CivConflictRow *row);
GPtrArray *civ_conflict_list (CivDb *db, gboolean open_only, GError **error);
/* FALSE with no error in @found when there is no such open conflict. */
gboolean   civ_conflict_review (
    CivDb *db, gint64 id, const char *by, const char *note, gboolean *found, GError **error);

/* The historical writer ------------------------------------------------- */

/* Writes historical records and applies them to the person index through
 * statements prepared once (one keyed entry or a million imported rows). */
typedef struct _CivHistoryWriter CivHistoryWriter;

CivHistoryWriter *civ_history_writer_new (CivDb *db, GError **error);
void              civ_history_writer_free (CivHistoryWriter *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivHistoryWriter, civ_history_writer_free)

typedef struct
{
  const char *record_id;
  const char *kind; /* marriage, divorce, reissue, revocation */
  const char *event_date;
  const char *raw_number;
  const char *number_era;
  const char *archive_no;
  const char *volume;
  int         page;
  int         entry;
  gint64      book; /* 0: none */
  int         book_page;
  int         book_slot;
  gint64      import_id; /* 0: none */
  const char *fields;    /* JSON */
} CivHistoricalRow;

/* Inserts the marriages row (version 1, historical), its parties, the
 * historical_records row and @findings' rows (CivFindingRow-like triples
 * rule/severity/message in a flat GStrv, may be NULL); returns the marriages row id. */
gint64 civ_history_writer_add (CivHistoryWriter       *self,
                               const CivMarriageRow   *marriage,
                               const CivPartyRow       parties[2],
                               const CivHistoricalRow *hist,
                               const char *const      *findings,
                               const char             *created_at,
                               GError                **error);

/* TRUE in @found when a current record has @raw_number (NULL: any with
 * @date and the names), @date and the two names (in either order). */
gboolean civ_history_writer_duplicate (CivHistoryWriter *self,
                                       const char       *raw_number,
                                       const char       *date,
                                       const char       *name_a,
                                       const char       *name_b,
                                       gboolean         *found,
                                       GError          **error);

typedef struct
{
  gint64 id; /* 0 when not in the index */
  int    marital_status;
  char  *current_marriage;
  char  *status_on; /* NULL: the status was set at the counter */
} CivPersonState;

void     civ_person_state_clear (CivPersonState *state);
gboolean civ_history_writer_person (CivHistoryWriter *self,
                                    const char       *id_key,
                                    CivPersonState   *out,
                                    GError          **error);
/* Inserts a person found only in history (status set later). */
gint64   civ_history_writer_person_insert (CivHistoryWriter *self,
                                           const char       *id_key,
                                           const char       *doc_kind,
                                           const char       *doc_number,
                                           const char       *name,
                                           int               sex,
                                           const char       *birth_date,
                                           GError          **error);
gboolean civ_history_writer_add_event (CivHistoryWriter *self,
                                       gint64            person_id,
                                       const char       *on_date,
                                       const char       *kind,
                                       const char       *record_id,
                                       const char       *partner_key,
                                       GError          **error);

typedef struct
{
  char *on_date;
  char *kind;
  char *record_id;
  char *partner_key;
} CivPersonEventRow;

/* The person's events by date (then record id): a GArray of CivPersonEventRow
 * whose strings are freed with the array. */
GArray  *civ_history_writer_events (CivHistoryWriter *self, gint64 person_id, GError **error);
gboolean civ_history_writer_set_status (CivHistoryWriter *self,
                                        gint64            person_id,
                                        int               marital_status,
                                        const char       *current_marriage,
                                        const char       *status_on,
                                        GError          **error);
gboolean civ_history_writer_conflict (CivHistoryWriter *self,
                                      gint64            person_id,
                                      const char       *kind,
                                      const char       *record_a,
                                      const char       *record_b,
                                      GError          **error);
/* Writes version N+1 of the historical record @record_id with @state when
 * its current version is REGISTERED (once: TRUE in @written). */
gboolean civ_history_writer_end_marriage (CivHistoryWriter *self,
                                          const char       *record_id,
                                          const char       *state,
                                          const char       *reason,
                                          const char       *created_by,
                                          gboolean         *written,
                                          GError          **error);
/* From now until civ_history_writer_build_search_keys (), in the caller's
 * transaction, marriage rows inserted leave their search keys (0005) to be
 * written in one sorted insert at the end. The search-key trigger of
 * marriage_parties is out of the schema until the deferral ends (the last
 * civ_history_writer_build_search_keys () of an unstaged writer, or
 * civ_history_writer_merge_search_keys ()), which the caller's transaction
 * must reach before it commits. */
gboolean civ_history_writer_defer_search_keys (CivHistoryWriter *self, GError **error);
gboolean civ_history_writer_build_search_keys (CivHistoryWriter *self, GError **error);
/* For a bulk import of many rows, before its transaction: from now on
 * civ_history_writer_build_search_keys () writes each batch's keys as one
 * sorted run into a scratch database (civ_db_attach_scratch ()), and
 * civ_history_writer_merge_search_keys () merges all the runs into
 * search_keys in key order at the end, so that each page of the index is
 * written once for the whole import instead of once a batch (a batch's
 * keys fall on pages all over a large index). The scratch file goes with
 * the writer. */
gboolean civ_history_writer_stage_search_keys (CivHistoryWriter *self, GError **error);
gboolean civ_history_writer_merge_search_keys (CivHistoryWriter *self, GError **error);
/* The outbox row for a historical record (architecture.md §6). */
gboolean civ_history_writer_enqueue (CivHistoryWriter *self,
                                     const char       *record_id,
                                     const char       *payload,
                                     GError          **error);

G_END_DECLS

G_BEGIN_DECLS
/* Pages whose every slot is accounted for, per book id (gint64 → count). */
GHashTable *civ_book_pages_accounted (CivDb *db, GError **error);
G_END_DECLS

G_BEGIN_DECLS
/* TRUE in @historical when the record @record_id was entered from the archive. */
gboolean civ_history_record_is_historical (CivDb      *db,
                                           const char *record_id,
                                           gboolean   *historical,
                                           GError    **error);
G_END_DECLS
