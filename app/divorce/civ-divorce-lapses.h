// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-divorce-lapses.h — the divorce deadlines a workstation acts on by
 * itself each day (domain.md §2.2): applications whose issuance window has
 * passed lapse (R-D6), the applications due today are listed (R-D5,
 * R-D6) and so are all open applications with their deadlines; one job each
 * on the session's worker, with the office's calendar */
#pragma once

#include <gio/gio.h>

#include "civ-calendar.h"
#include "civ-record-query.h"
#include "civ-session.h"

G_BEGIN_DECLS

/* Whether @session's operator registers divorces, so that the lapses are
 * applied and the due list shown for them. */
gboolean civ_divorce_lapses_apply_to (CivSession *session);

/* R-D6: every application whose issuance window ended before @today
 * becomes LAPSED (audited). For an operator who does not register
 * divorces nothing is run and 0 lapse. */
void     civ_divorce_lapses_apply_async (CivSession         *session,
                                         gpointer            source_object,
                                         const GDate        *today,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
gboolean civ_divorce_lapses_apply_finish (CivSession   *session,
                                          GAsyncResult *result,
                                          guint        *n_lapsed,
                                          GError      **error);

/* The applications whose cooling-off ends or whose issuance window closes
 * on @today (CivDivorceDue), for the overview. */
void       civ_divorce_due_async (CivSession         *session,
                                  gpointer            source_object,
                                  const GDate        *today,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data);
GPtrArray *civ_divorce_due_finish (CivSession *session, GAsyncResult *result, GError **error);

/* An issuance window that closes within this many days is "lapsing soon". */
#define CIV_DIVORCE_LAPSING_SOON_DAYS 7

/* An open application of the office as the divorce page lists it. */
typedef struct
{
  char           *record_id; /* the application */
  char           *marriage_record_id;
  char           *marriage_certificate_no;
  char           *names[2];
  CivDivorcePhase phase;     /* COOLING or WINDOW on the day asked */
  GDate           deadline;  /* the phase's last day: cooling-off end (R-D5) or window end (R-D6) */
  int             days_left; /* deadline − the day asked: 0 = due today */
  gboolean        provisional;
} CivDivorceOpen;

void        civ_divorce_open_free (CivDivorceOpen *open);
/* The key the divorce counter opens @open by: the marriage certificate
 * number, else the marriage record id. */
const char *civ_divorce_open_key (const CivDivorceOpen *open);
/* Due today (the last day to withdraw or to issue), or an issuance window
 * that closes within CIV_DIVORCE_LAPSING_SOON_DAYS days. */
gboolean    civ_divorce_open_is_urgent (const CivDivorceOpen *open);
/* What a registrar calls the phase: 冷静期 (cooling-off), 待发证 (window open). */
const char *civ_divorce_phase_label (CivDivorcePhase phase);

/* Every open (COOLING) application on @today, after the lapses due are
 * applied (R-D6): cooling off or in its issuance window, with the deadline
 * of its phase (R-D5, R-D6), soonest deadline first, then by marriage
 * certificate number (CivDivorceOpen). */
void       civ_divorce_open_async (CivSession         *session,
                                   gpointer            source_object,
                                   const GDate        *today,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data);
GPtrArray *civ_divorce_open_finish (CivSession *session, GAsyncResult *result, GError **error);

G_END_DECLS
