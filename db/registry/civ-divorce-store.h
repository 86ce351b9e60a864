// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-divorce-store.h — rows of divorce applications and their event history */
#pragma once

#include "civ-db.h"

G_BEGIN_DECLS

typedef struct
{
  gint64   id;
  char    *record_id;
  char    *marriage_record_id;
  char    *state;
  char    *accepted_on;
  char    *cooling_off_end;
  char    *window_end;
  gboolean provisional;
  char    *certificate_no;
  char    *office_code;
  /* Read, never written by civ_divorce_row_insert () or _update (): */
  char    *agreement_ref;
  char    *withdrawn_on; /* NULL unless withdrawn */
  int      withdrawn_by; /* party position, -1 when not withdrawn */
  char    *closed_on;    /* issued, refused or lapsed; NULL while open */
  /* Several windows (issue 17, R-D6; migration 0019): */
  char    *accepted_by; /* the workstation that accepted it; NULL: this one */
  char    *held_by;     /* the workstation that holds it now; NULL: this one */
  char    *held_since;
} CivDivorceRow;

void civ_divorce_row_free (CivDivorceRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivDivorceRow, civ_divorce_row_free)

gint64         civ_divorce_row_insert (CivDb               *db,
                                       const CivDivorceRow *row,
                                       const char          *agreement_ref,
                                       const char          *created_by,
                                       GError             **error);
/* NULL with no error when not found. */
CivDivorceRow *civ_divorce_row_find (CivDb *db, const char *record_id, GError **error);
/* The open (COOLING) application for a marriage, or NULL. */
CivDivorceRow *civ_divorce_row_open_for (CivDb *db, const char *marriage_record_id, GError **error);
/* The application with record id @key, or else the newest application for
 * the marriage with record id or certificate number @key; NULL with no
 * error when there is none. */
CivDivorceRow *civ_divorce_row_find_newest (CivDb *db, const char *key, GError **error);
/* The newest REGISTERED application of a marriage that has a certificate
 * number, or NULL with no error. */
CivDivorceRow *civ_divorce_row_registered_for (CivDb      *db,
                                               const char *marriage_record_id,
                                               GError    **error);
/* Record ids of all COOLING applications. */
GPtrArray     *civ_divorce_row_list_open (CivDb *db, GError **error);
/* All COOLING applications (CivDivorceRow), in id order. */
GPtrArray     *civ_divorce_row_list_cooling (CivDb *db, GError **error);
/* The record id of the application whose divorce certificate (L, or a BL
 * reissue of it) is @certificate_no; NULL with no error when there is none. */
char    *civ_divorce_row_for_certificate (CivDb *db, const char *certificate_no, GError **error);
/* Moves to @state; @closed_on / @withdrawn_by (-1 = unchanged) / @certificate_no
 * may be NULL; the refreshed deadlines are written too. */
gboolean civ_divorce_row_update (CivDb               *db,
                                 const CivDivorceRow *row,
                                 const char          *state,
                                 const char          *on_date,
                                 int                  withdrawn_by,
                                 const char          *certificate_no,
                                 GError             **error);
gboolean civ_divorce_event_add (CivDb      *db,
                                gint64      divorce_id,
                                const char *on_date,
                                const char *state,
                                const char *actor,
                                const char *detail,
                                GError    **error);

/* One step of a divorce application, as appended to its history. */
typedef struct
{
  char *on_date;    /* YYYY-MM-DD, the counter's date of the step */
  char *state;      /* NOT_ACCEPTED, COOLING, WITHDRAWN, REGISTERED, REFUSED, LAPSED */
  char *actor;      /* login */
  char *actor_name; /* display name, or the login when unknown */
} CivDivorceStep;

void       civ_divorce_step_free (CivDivorceStep *step);
/* The steps (CivDivorceStep) of the application @record_id, oldest first;
 * an empty array when there is no such application. */
GPtrArray *civ_divorce_event_list (CivDb *db, const char *record_id, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivDivorceStep, civ_divorce_step_free)

/* Records that the workstation @held_by (NULL: this one) holds the
 * application @record_id since @held_since (may be NULL). */
gboolean civ_divorce_row_set_holder (
  CivDb *db, const char *record_id, const char *held_by, const char *held_since, GError **error);
/* The workstation that accepted the application in row @id (taken from it). */
gboolean civ_divorce_row_set_accepted_by (CivDb      *db,
                                          gint64      id,
                                          const char *accepted_by,
                                          GError    **error);

/* Provenance of a record fetched from the province (@record_kind
 * "marriage" or "divorce"): the workstation @origin made it. Recorded once. */
gboolean civ_remote_record_insert (CivDb      *db,
                                   const char *record_kind,
                                   const char *record_id,
                                   const char *origin,
                                   const char *imported_by,
                                   GError    **error);
/* The workstation a record came from, or NULL with no error when it was made here. */
char    *civ_remote_record_origin (CivDb      *db,
                                   const char *record_kind,
                                   const char *record_id,
                                   GError    **error);

G_END_DECLS
