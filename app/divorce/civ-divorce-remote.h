// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-divorce-remote.h — divorce applications across the windows of one
 * office (issue 17, R-D6, docs/provincial-protocol.md §10)
 *
 * "The accepting registry" is the office, not the machine: the province
 * keeps each application's state and the workstation that holds it. The
 * holder reports every step (a `divorce-application` item: version 1 when
 * accepted, version 2 when closed without a certificate); another window
 * takes an application and imports it with its marriage; after each
 * delivery a window learns what became of its open applications elsewhere.
 * Here: the report payload, the pure parser of the province's answers (a
 * fuzz target) and the two database steps. The requests themselves are in
 * app/report (civ-report.h).
 */
#pragma once

#include "civ-calendar.h"
#include "civ-divorce-store.h"
#include "civ-record-store.h"
#include "civ-states.h"
#include "civ-store.h"

G_BEGIN_DECLS

/* The marriage as the accepting window has it. */
typedef struct
{
  char          *record_id;
  char          *certificate_no;
  char          *registration_date;
  char          *effective_from;
  char          *office_code;
  char          *office_name;
  CivRecordParty party[2];
} CivDivorceRemoteMarriage;

/* One application as the province answers it. */
typedef struct
{
  char                    *record_id;
  char                    *state; /* COOLING, WITHDRAWN, REFUSED, LAPSED, REGISTERED */
  CivDivorceState          phase; /* the same, decided */
  char                    *office_code;
  char                    *accepted_by;
  char                    *holder;
  char                    *held_since;
  char                    *accepted_on;
  char                    *agreement_ref;
  char                    *closed_on;      /* NULL while open */
  char                    *closed_by;      /* NULL while open */
  char                    *certificate_no; /* the L number when REGISTERED */
  CivDivorceRemoteMarriage marriage;
} CivDivorceRemote;

void civ_divorce_remote_free (CivDivorceRemote *remote);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivDivorceRemote, civ_divorce_remote_free)

/* Parses a province answer: {"applications": [...]} or {"application": {...}}
 * (@data need not be NUL-terminated). Every application is checked; one that
 * does not follow protocol §10 fails the whole answer with
 * CIV_APP_ERROR_INVALID. Returns CivDivorceRemote. */
GPtrArray *civ_divorce_remote_parse (const char *data, gsize len, GError **error);

/* The payload of the `divorce-application` item reporting @row in @state
 * (version 1: COOLING; version 2: WITHDRAWN, REFUSED, LAPSED closed on
 * @closed_on), with the marriage as this window has it. Inside the
 * caller's transaction. */
char *civ_divorce_application_payload (CivDb               *db,
                                       const CivDivorceRow *row,
                                       const char          *state,
                                       const char          *closed_on,
                                       int                  withdrawn_by,
                                       GError             **error);

/* Imports the application @remote that this workstation has just taken at
 * the province: its marriage when this window does not have it (with its
 * provenance; the spouses enter the person index as married) and the
 * application with its own record id and T0, or, for an application this
 * window accepted and another one took, the holding back (nothing is
 * written when @previous_holder, the holder before the take, is this
 * workstation and it holds the application here already). Needs
 * CIV_PERM_REGISTER_MARRIAGE; audited as "divorce.take". Refused (R-D6,
 * R-D3, R-D5) when the application is of another office, not open, or
 * conflicts with what this window has. */
gboolean civ_divorce_import_taken (CivStore               *store,
                                   const CivDivorceRemote *remote,
                                   const char             *previous_holder,
                                   const GDate            *today,
                                   CivCalendar            *calendar,
                                   GError                **error);

/* Applies what the province says of this window's open applications
 * (@remotes, CivDivorceRemote): held by another window, taken back, or
 * closed elsewhere (an issuance dissolves the marriage here). @self is this
 * workstation's id. Audited as "divorce.handed-over" and
 * "divorce.closed-elsewhere"; *@changed (may be NULL) counts the
 * applications changed. */
gboolean civ_divorce_apply_remote (
  CivStore *store, GPtrArray *remotes, const char *self, guint *changed, GError **error);

G_END_DECLS
