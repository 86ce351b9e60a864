// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-adoption-desk.h — one step at the adoption counter as a job on the
 * session's worker (R-A1…R-A15, issue 15)
 *
 * Every step but the list names the adoption and the purpose it is looked
 * at for (R-A13): after a step the adoption is read again for that purpose
 * (civ_adoption_open (), journalled), so the page shows what is stored and
 * the access journal says why it was on the screen.
 */
#pragma once

#include <gio/gio.h>

#include "civ-adoption-service.h"
#include "civ-session.h"

G_BEGIN_DECLS

typedef enum
{
  CIV_ADOPTION_STEP_LIST,              /* the adoptions and what is due; no record */
  CIV_ADOPTION_STEP_APPLY,             /* application, identities */
  CIV_ADOPTION_STEP_OPEN,              /* key, purpose */
  CIV_ADOPTION_STEP_PUBLISH_NOTICE,    /* text, published (R-A7) */
  CIV_ADOPTION_STEP_BEGIN_ASSESSMENT,  /* (R-A11) */
  CIV_ADOPTION_STEP_RECORD_ASSESSMENT, /* assessment_* */
  CIV_ADOPTION_STEP_DECIDE,            /* (R-A10) */
  CIV_ADOPTION_STEP_REFUSE,            /* text: the reason */
  CIV_ADOPTION_STEP_APPLY_DISSOLUTION, /* agreement_ref, child_consents (R-A14) */
  CIV_ADOPTION_STEP_DISSOLVE,          /* certificate_returned (R-A14) */
  CIV_ADOPTION_STEP_REVOKE,            /* decision_no, text (R-A15) */
  CIV_ADOPTION_STEP_ATTACH,            /* document_kind, document */
  CIV_ADOPTION_STEP_SHOW_BIRTH_PARENTS,
  CIV_ADOPTION_STEP_OPEN_DOCUMENT, /* document_id */
} CivAdoptionStepKind;

/* The parties' identity documents of an application, in this order. */
enum
{
  CIV_ADOPTION_ID_CHILD = 0,
  CIV_ADOPTION_ID_PLACER = 1,                                                  /* 1, 2 */
  CIV_ADOPTION_ID_ADOPTER = CIV_ADOPTION_ID_PLACER + CIV_ADOPTION_MAX_PLACERS, /* 3, 4 */
  CIV_ADOPTION_N_IDS = CIV_ADOPTION_ID_ADOPTER + CIV_ADOPTION_MAX_ADOPTERS,
};

typedef struct
{
  CivAdoptionStepKind step;
  GDate               today;
  char               *key;     /* the adoption: record id or certificate number */
  char               *purpose; /* why it is looked at (R-A13) */

  char *application; /* APPLY: JSON (civ_adoption_application_to_json ()) */
  char *id_kind[CIV_ADOPTION_N_IDS];
  char *id_number[CIV_ADOPTION_N_IDS];

  char    *text; /* notice text, refusal or revocation reason */
  GDate    published;
  char    *agreement_ref;
  gboolean child_consents;
  gboolean certificate_returned;
  char    *decision_no;

  /* RECORD_ASSESSMENT */
  gboolean                assessment_third_party;
  char                   *assessment_third_party_name;
  GStrv                   assessment_team;
  GArray                 *assessment_items; /* CivAdoptionAssessmentItem, strings owned */
  CivAssessmentConclusion assessment_conclusion;
  char                   *assessment_conclusion_text;
  gboolean                assessment_red_flags;
  gboolean                assessment_red_flags_reported;
  char                   *assessment_red_flags_detail;

  char             *document_kind; /* ATTACH: a kind civ_adoption_attach_document () knows */
  CivDocumentInput *document;
  gint64            document_id; /* OPEN_DOCUMENT */
} CivAdoptionRequest;

CivAdoptionRequest *civ_adoption_request_new (CivAdoptionStepKind step,
                                              const char         *key,
                                              const char         *purpose,
                                              const GDate        *today);
/* Adds an assessed item (copied). */
void                civ_adoption_request_add_item (CivAdoptionRequest *request,
                                                   const char         *item,
                                                   gboolean            satisfactory,
                                                   const char         *note);
void                civ_adoption_request_free (CivAdoptionRequest *request);

typedef struct
{
  GPtrArray         *adoptions;     /* LIST: CivAdoptionRow, newest first */
  GPtrArray         *due;           /* LIST: CivAdoptionDueRow on or before today */
  CivAdoptionResult *result;        /* APPLY, BEGIN_ASSESSMENT, RECORD_ASSESSMENT, DECIDE,
                                     * APPLY_DISSOLUTION */
  CivAdoptionView   *view;          /* every step on an adoption: as stored afterwards */
  CivAdoptionDates   dates;         /* of the view, on the day asked */
  GPtrArray         *birth_parents; /* SHOW_BIRTH_PARENTS: CivAdoptionPartyRow */
  GBytes            *document;      /* OPEN_DOCUMENT */
} CivAdoptionOutcome;

void civ_adoption_outcome_free (CivAdoptionOutcome *outcome);

/* Runs @request (taken). */
void                civ_adoption_step_async (CivSession         *session,
                                             gpointer            source_object,
                                             CivAdoptionRequest *request,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data);
CivAdoptionOutcome *civ_adoption_step_finish (CivSession   *session,
                                              GAsyncResult *result,
                                              GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivAdoptionRequest, civ_adoption_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivAdoptionOutcome, civ_adoption_outcome_free)

G_END_DECLS
