// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-person-links.h — kinship in the person index (person_links,
 * 0012-adoption.sql): parent and child, siblings, each with the dates it
 * holds (CC 1111: adoptive kinship counts as kinship; R-M4).
 *
 * A link is ended from a date (a dissolution) or voided (a revocation: as
 * if it never existed); both stay as history. Writers expect the caller's
 * transaction to be open.
 */
#pragma once

#include "civ-db.h"

G_BEGIN_DECLS

typedef enum
{
  CIV_PERSON_KIN_NONE = 0,
  CIV_PERSON_KIN_LINEAL,     /* parent/child, grandparent/grandchild */
  CIV_PERSON_KIN_COLLATERAL, /* siblings, or children of one parent */
} CivPersonKin;

/* @kind "parent-child" (@from the parent, @to the child) or "siblings". */
gboolean civ_person_link_add (CivDb      *db,
                              const char *kind,
                              gint64      from_person,
                              gint64      to_person,
                              const char *source_id,
                              const char *valid_from,
                              GError    **error);
/* Ends the links of the adoption @source_id that still hold: @last_day is
 * the last day they held. */
gboolean civ_person_links_end (CivDb      *db,
                               const char *source_id,
                               const char *last_day,
                               GError    **error);
/* Voids every link of the adoption @source_id (revoked on @on_date). */
gboolean civ_person_links_void (CivDb      *db,
                                const char *source_id,
                                const char *on_date,
                                GError    **error);
/* The persons linked to @parent as children on @day (gint64 in a GArray). */
GArray  *civ_person_children_on (CivDb *db, gint64 parent, const char *day, GError **error);
/* The closest kinship between two persons through the links holding on @day. */
gboolean civ_person_kinship_on (
  CivDb *db, gint64 a, gint64 b, const char *day, CivPersonKin *out, GError **error);

typedef struct
{
  char  *kind;
  gint64 from_person;
  gint64 to_person;
  char  *source_id;
  char  *valid_from;
  char  *valid_to;  /* NULL while it holds */
  char  *voided_on; /* NULL unless revoked */
} CivPersonLinkRow;

void       civ_person_link_row_free (CivPersonLinkRow *row);
/* Every link of the person @person_id, in either direction, ended and voided
 * ones included (CivPersonLinkRow), oldest first. */
GPtrArray *civ_person_link_history (CivDb *db, gint64 person_id, GError **error);

G_END_DECLS
