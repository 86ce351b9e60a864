// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-funeral-store.h — rows of funeral and cremation cases (0015): the
 * case with the deceased and the agent, its append-only history, the
 * bodies in storage and the ash deposits (domain.md §4)
 *
 * Storage only: which step a state allows is decided in app/. Writes run
 * inside the caller's transaction.
 */
#pragma once

#include "civ-db.h"

G_BEGIN_DECLS

typedef struct
{
  gint64   id;
  char    *record_id;
  char    *case_no;
  char    *office_code;
  int      year;
  gint64   serial;
  char    *state;
  char    *reported_on;
  gboolean unidentified;
  char    *description;
  char    *deceased_name;
  int      sex;
  char    *ethnicity;
  char    *country;
  char    *doc_kind;
  char    *doc_number; /* NULL without a document */
  char    *id_key;
  char    *birth_date;
  char    *death_at;
  int
    death_place; /* R-F6: 1 medical institution, 2 en route, 3 home, 4 elder care, 9 other, 0 unknown */
  int   marital_status; /* R-F6: 1 unmarried, 2 married, 3 widowed, 4 divorced, 9 not stated */
  char *address;
  char *cause_of_death;
  char *death_certificate_no;
  char *agent_name;
  char *agent_doc_number;
  char *agent_relationship;
  char *agent_phone;
  char *closed_on;
  char *created_at;
  char *created_by;
} CivFuneralCaseRow;

void civ_funeral_case_row_free (CivFuneralCaseRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivFuneralCaseRow, civ_funeral_case_row_free)

/* Inserts @row (its state, office, report date, deceased and agent) with
 * the next serial of its office and year, and the case number
 * BZ{office}-{year}-{serial:06}; returns the id (0 on error) and the
 * number in *@case_no_out when not NULL. */
gint64             civ_funeral_case_insert (CivDb                   *db,
                                            const CivFuneralCaseRow *row,
                                            const char              *created_by,
                                            char                   **case_no_out,
                                            GError                 **error);
/* The case with this record id or case number, or NULL (no error) when
 * there is none. */
CivFuneralCaseRow *civ_funeral_case_find (CivDb *db, const char *key, GError **error);
/* Cases a person at the counter names (CivFuneralCaseRow, newest first, at
 * most @limit): by case number, the deceased's identity number (@id_key,
 * may be NULL), the agent's phone, or the start of the deceased's name. */
GPtrArray         *civ_funeral_case_search (
          CivDb *db, const char *text, const char *id_key, guint limit, GError **error);
/* Moves the case to @state; @closed_on (may be NULL) closes it for good. */
gboolean civ_funeral_case_set_state (
  CivDb *db, gint64 id, const char *state, const char *closed_on, GError **error);
/* Records the death certificate's number (R-F5) and the deceased's
 * document once verified. */
gboolean civ_funeral_case_set_documents (CivDb      *db,
                                         gint64      id,
                                         const char *death_certificate_no,
                                         const char *doc_kind,
                                         const char *doc_number,
                                         const char *id_key,
                                         GError    **error);

typedef struct
{
  char *at;
  char *from_state; /* NULL for the report */
  char *state;
  char *actor;
  char *actor_name; /* display name, or the login when unknown */
  char *detail;     /* JSON */
  char *created_at;
} CivFuneralEventRow;

void civ_funeral_event_row_free (CivFuneralEventRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivFuneralEventRow, civ_funeral_event_row_free)

gboolean   civ_funeral_event_add (CivDb      *db,
                                  gint64      case_id,
                                  const char *at,
                                  const char *from_state,
                                  const char *state,
                                  const char *actor,
                                  const char *detail,
                                  GError    **error);
/* The case's history (CivFuneralEventRow), oldest first. */
GPtrArray *civ_funeral_event_list (CivDb *db, gint64 case_id, GError **error);

/* A body put into storage unit @unit at @in_at; refused when the unit is
 * occupied or the body is already in storage. */
gboolean civ_funeral_storage_in (
  CivDb *db, gint64 case_id, const char *unit, const char *in_at, GError **error);
/* The body of @case_id taken out at @out_at (the open stay; an error when
 * there is none). */
gboolean civ_funeral_storage_out (CivDb *db, gint64 case_id, const char *out_at, GError **error);

typedef struct
{
  char *case_no;
  char *record_id;
  char *deceased_name; /* "" for an unidentified body */
  char *unit;
  char *in_at;
  char *until; /* storage: NULL; a deposit: its expiry */
} CivFuneralBoardRow;

void civ_funeral_board_row_free (CivFuneralBoardRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivFuneralBoardRow, civ_funeral_board_row_free)

/* The bodies in storage now (CivFuneralBoardRow), longest first. */
GPtrArray *civ_funeral_in_storage (CivDb *db, GError **error);

/* Ashes kept at @place from @deposited until @expires_on (骨灰寄存). */
gboolean   civ_funeral_deposit_add (CivDb      *db,
                                    gint64      case_id,
                                    const char *place,
                                    const char *deposited,
                                    const char *expires_on,
                                    GError    **error);
/* Deposits of cases whose ashes are still deposited expiring from @from to @to inclusive (CivFuneralBoardRow: the
 * place as unit, the deposit day as in_at, the expiry as until), soonest
 * first. */
GPtrArray *civ_funeral_deposits_expiring (CivDb      *db,
                                          const char *from,
                                          const char *to,
                                          GError    **error);

/* Open cases in @state (CivFuneralBoardRow: no unit, the report day as
 * in_at), oldest first, at most @limit. */
GPtrArray *civ_funeral_cases_in_state (CivDb *db, const char *state, guint limit, GError **error);
/* The case's latest stay in storage (the unit, in_at, and out_at as
 * until) or its latest ash deposit (the place, the deposit day, the
 * expiry); NULL with no error when there is none. */
CivFuneralBoardRow *civ_funeral_storage_of_case (CivDb *db, gint64 case_id, GError **error);
CivFuneralBoardRow *civ_funeral_deposit_of_case (CivDb *db, gint64 case_id, GError **error);

G_END_DECLS
