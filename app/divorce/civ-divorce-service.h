// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-divorce-service.h — divorce by registration through the cooling-off
 * period (domain.md §2.2, R-D1…R-D7)
 *
 *   accept ──► COOLING (T0) ──withdraw (either spouse, R-D5)──► WITHDRAWN
 *      │           │ after the cooling-off end: the issuance window (R-D6)
 *      │           ├──issue (both present, consent re-checked, R-D7)──► REGISTERED (L number)
 *      │           ├──consent not confirmed──► REFUSED
 *      │           └──window passed (applied on start-up and daily)──► LAPSED
 *      └──► NOT_ACCEPTED (with the reasons, R-D3)
 *
 * Deadlines come from the imported holiday calendar; they are recomputed
 * from T0 at every step, so a calendar imported later corrects a
 * provisional date.
 */
#pragma once

#include "civ-calendar.h"
#include "civ-finding.h"
#include "civ-store.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean    both_present;     /* R-D1: both spouses in person */
  gboolean    agreement_signed; /* R-D1: written agreement on children, property, debts */
  const char *agreement_ref;
  gboolean    both_capable; /* R-D3: full civil capacity */
  gboolean
    certificates_presented; /* R-D2 / R-D4: both certificates, or statement + the other / archive copy */
} CivDivorceApplication;

typedef struct
{
  char               *record_id;
  char               *state; /* NOT_ACCEPTED, COOLING, WITHDRAWN, REGISTERED, REFUSED, LAPSED */
  char               *marriage_record_id;
  CivDivorceDeadlines deadlines;      /* valid once accepted */
  char               *certificate_no; /* the L number once REGISTERED */
  GPtrArray          *findings;       /* CivFinding */
} CivDivorceResult;

void civ_divorce_result_free (CivDivorceResult *result);

CivDivorceResult *civ_divorce_accept (CivStore                    *store,
                                      const char                  *marriage_key,
                                      const GDate                 *today,
                                      const CivDivorceApplication *application,
                                      CivCalendar                 *calendar,
                                      GError                     **error);
/* Either spouse alone, in person, during the cooling-off period (R-D5). */
gboolean          civ_divorce_withdraw (CivStore    *store,
                                        const char  *record_id,
                                        guint        party,
                                        const GDate *today,
                                        CivCalendar *calendar,
                                        GError     **error);
/* Issues the divorce certificate within the window (R-D6, R-D7). */
CivDivorceResult *civ_divorce_issue (CivStore    *store,
                                     const char  *record_id,
                                     const GDate *today,
                                     gboolean     both_present,
                                     gboolean     consent_confirmed,
                                     CivCalendar *calendar,
                                     GError     **error);
/* Marks every application whose window has passed as LAPSED; returns how many. */
guint             civ_divorce_apply_lapses (CivStore    *store,
                                            const GDate *today,
                                            CivCalendar *calendar,
                                            GError     **error);
CivDivorceResult *civ_divorce_get (CivStore    *store,
                                   const char  *record_id,
                                   CivCalendar *calendar,
                                   GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivDivorceResult, civ_divorce_result_free)

G_END_DECLS
