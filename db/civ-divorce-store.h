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
/* Record ids of all COOLING applications. */
GPtrArray     *civ_divorce_row_list_open (CivDb *db, GError **error);
/* Moves to @state; @closed_on / @withdrawn_by (-1 = unchanged) / @certificate_no
 * may be NULL; the refreshed deadlines are written too. */
gboolean       civ_divorce_row_update (CivDb               *db,
                                       const CivDivorceRow *row,
                                       const char          *state,
                                       const char          *on_date,
                                       int                  withdrawn_by,
                                       const char          *certificate_no,
                                       GError             **error);
gboolean       civ_divorce_event_add (CivDb      *db,
                                      gint64      divorce_id,
                                      const char *on_date,
                                      const char *state,
                                      const char *actor,
                                      const char *detail,
                                      GError    **error);

G_END_DECLS
