// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-funeral-case.h — the funeral case from the reported death to the
 * ashes (domain.md §4, R-F1…R-F6, R-F11, R-F13, R-F14; issue 16)
 *
 *   report ──► DEATH_REPORTED ─collect─► COLLECTED ─store─► STORED
 *      ─verify (R-F2, R-F5)─► DEATH_CERT_VERIFIED ─cremate (R-F13 blank)─► CREMATED
 *      ─► ASHES_RETURNED | ASHES_DEPOSITED (expiry) | ECO_BURIAL (R-F11) | CEMETERY
 *   DEATH_CERT_VERIFIED ─(R-F1, R-F3: basis, where the area allows)─► BURIAL_EXEMPT
 *
 * Which step a state allows is civ_funeral_may_move () (pure); this
 * service gathers the facts from the case, checks them, and writes the
 * step, its history event and its audit entry in one transaction. A
 * cremation takes its blank certificate from the stock in that same
 * transaction (civ_cremation_stock_issue_within ()); verifying the death
 * of a person whose marriage is registered ends that marriage (R-F14):
 * an ENDED_BY_DEATH version of it, the survivor widowed (30).
 *
 * Every call needs CIV_PERM_FUNERAL; a refusal of it is audited. Every
 * look at a case — opening it, a search listing it — is audited
 * ("funeral.case.view", "funeral.case.search"). A refusal by a rule
 * carries its rule id (civ_app_error_get_rule ()). "Today" is the
 * counter's date (the clock, or a test's fake one).
 */
#pragma once

#include <gio/gio.h>

#include "civ-document-service.h"
#include "civ-funeral-input.h"
#include "civ-funeral-rules.h"
#include "civ-session.h"
#include "civ-store.h"

G_BEGIN_DECLS

/* A step of a case: the state it moves to, when, and what that step
 * records. Strings are owned; the members a step does not read are
 * ignored. */
typedef struct
{
  CivFuneralState  to;
  char            *at; /* YYYY-MM-DDTHH:MM the step happened; required */
  char            *note;
  /* COLLECTED (接运) */
  char            *place; /* also: where the ashes go (ASHES_DEPOSITED, ECO_BURIAL, CEMETERY) */
  char            *vehicle;
  char            *staff;
  /* STORED (暂存/冷藏) */
  char            *unit;
  /* DEATH_CERT_VERIFIED (R-F2, R-F5) */
  char            *death_certificate_no;
  gboolean         certificate_on_file;
  gboolean         consent_on_file;
  /* CREMATED (R-F13): @serial NULL or "" takes the next blank in stock */
  char            *furnace;
  char            *furnace_operator;
  char            *serial;
  /* BURIAL_EXEMPT (R-F3) */
  char            *basis;
  /* ECO_BURIAL (R-F11) */
  CivEcoBurialType eco_burial;
  /* ASHES_DEPOSITED */
  GDate            deposit_expiry;
  /* ASHES_RETURNED: who took the ashes */
  char            *receiver;
} CivFuneralStep;

CivFuneralStep *civ_funeral_step_new (CivFuneralState to, const char *at);
void            civ_funeral_step_free (CivFuneralStep *step);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivFuneralStep, civ_funeral_step_free)

/* One entry of a case's history. */
typedef struct
{
  char *at;
  char *from_state; /* NULL for the report */
  char *state;
  char *actor;  /* display name, or the login */
  char *detail; /* JSON of what the step recorded */
} CivFuneralEvent;

/* A case as the counter shows it. */
typedef struct
{
  char             *record_id;
  char             *case_no;
  CivFuneralState   state;
  char             *reported_on;
  char             *closed_on;    /* NULL while open */
  CivFuneralReport *report;       /* the deceased and the agent as recorded */
  char             *storage_unit; /* the latest stay: unit, in, out (NULL: still in) */
  char             *storage_in;
  char             *storage_out;
  char             *deposit_place;
  char             *deposit_expiry;
  char             *cremation_serial; /* the 火化证明 issued, or NULL */
  char             *marriage_ended;   /* R-F14: the marriage's certificate ended by this death */
  GPtrArray        *events;           /* CivFuneralEvent, oldest first */
  GPtrArray        *documents;        /* CivDocumentRow, oldest first (no content) */
  GPtrArray        *findings;         /* of the last step: warnings kept (CivFinding) */
} CivFuneralView;

void civ_funeral_view_free (CivFuneralView *view);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivFuneralView, civ_funeral_view_free)

/* Records a reported death as a new case (DEATH_REPORTED) at @at (the
 * report's time; NULL: @today at 00:00). R-F6 refusals name the field;
 * an R-F5 death-certificate number is checked when given. Returns the
 * case. Audited ("funeral.case.report"). */
CivFuneralView *civ_funeral_case_report (CivStore               *store,
                                         const CivFuneralReport *report,
                                         const GDate            *today,
                                         GError                **error);

/* The case @key (its number or record id) for the counter; audited as a
 * view. NULL with CIV_APP_ERROR_INVALID when there is none. */
CivFuneralView *civ_funeral_case_open (CivStore *store, const char *key, GError **error);

/* Cases a person at the counter names by case number, the deceased's
 * identity number, the agent's phone or the start of the deceased's name
 * (CivFuneralCaseSummary, newest first, at most 50). Audited with the
 * count, never the text typed. */
typedef struct
{
  char           *record_id;
  char           *case_no;
  CivFuneralState state;
  char           *deceased; /* the name, or "" for an unidentified body */
  char           *reported_on;
  char           *agent_phone;
} CivFuneralCaseSummary;

void       civ_funeral_case_summary_free (CivFuneralCaseSummary *s);
GPtrArray *civ_funeral_case_lookup (CivStore *store, const char *text, GError **error);

/* Moves the case @key by @step on @today: refused with the rule's
 * findings when civ_funeral_may_move () refuses (the first refusal's rule
 * in the error), when @step->at is not a real time, is after @today or
 * before the death. Returns the case after the step (audited as
 * "funeral.case.step", not as a view). */
CivFuneralView *civ_funeral_case_move (
  CivStore *store, const char *key, const CivFuneralStep *step, const GDate *today, GError **error);

/* The day board (issue 16): bodies in storage now with the days stored,
 * cases awaiting collection and cremation, deposits expiring from @today to
 * the end of the month. */
typedef struct
{
  char *case_no;
  char *deceased;
  char *detail; /* the unit, the deposit's place, or "" */
  char *since;  /* YYYY-MM-DD[THH:MM]: in storage since, reported on, deposited */
  char *until;  /* a deposit's expiry, or NULL */
  int   days;   /* days stored, or days to the expiry */
} CivFuneralBoardEntry;

typedef struct
{
  GPtrArray *in_storage; /* CivFuneralBoardEntry */
  GPtrArray *awaiting_collection;
  GPtrArray *awaiting_cremation;
  GPtrArray *deposits_expiring;
} CivFuneralBoard;

void civ_funeral_board_free (CivFuneralBoard *board);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivFuneralBoard, civ_funeral_board_free)
CivFuneralBoard *civ_funeral_case_board (CivStore *store, const GDate *today, GError **error);

/* The kinds of document a funeral case holds (NULL-terminated): the death
 * certificate, the cremation consent (R-F2), the deceased's identity
 * document, the police report and the photos of an unidentified body
 * (R-F6), and others. */
const char *const *civ_funeral_document_kinds (void);
/* The words of a kind, translated ("" for an unknown one). */
const char        *civ_funeral_document_kind_label (const char *kind);

/* Attaches @input (checked: PDF, JPEG or PNG) to the case @key as @kind;
 * audited ("funeral.document.attach"). Returns the case with its documents. */
CivFuneralView *civ_funeral_case_attach (CivStore               *store,
                                         const char             *key,
                                         const char             *kind,
                                         const CivDocumentInput *input,
                                         GError                **error);
/* The content of document @document_id of the case @key, verified against
 * its SHA-256; audited as a view ("funeral.document.view"). */
GBytes         *civ_funeral_case_open_document (CivStore   *store,
                                                const char *key,
                                                gint64      document_id,
                                                GError    **error);

/* The same as jobs on @session's worker, for a page. The _finish
 * functions return what the synchronous calls return. */
void             civ_funeral_case_report_async (CivSession             *session,
                                                gpointer                source_object,
                                                const CivFuneralReport *report,
                                                const GDate            *today,
                                                GCancellable           *cancellable,
                                                GAsyncReadyCallback     callback,
                                                gpointer                user_data);
void             civ_funeral_case_open_async (CivSession         *session,
                                              gpointer            source_object,
                                              const char         *key,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
void             civ_funeral_case_move_async (CivSession           *session,
                                              gpointer              source_object,
                                              const char           *key,
                                              const CivFuneralStep *step,
                                              const GDate          *today,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
void             civ_funeral_case_attach_async (CivSession             *session,
                                                gpointer                source_object,
                                                const char             *key,
                                                const char             *kind,
                                                const CivDocumentInput *input,
                                                GCancellable           *cancellable,
                                                GAsyncReadyCallback     callback,
                                                gpointer                user_data);
void             civ_funeral_case_open_document_async (CivSession         *session,
                                                       gpointer            source_object,
                                                       const char         *key,
                                                       gint64              document_id,
                                                       GCancellable       *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer            user_data);
GBytes          *civ_funeral_case_open_document_finish (CivSession   *session,
                                                        GAsyncResult *result,
                                                        GError      **error);
/* Finishes a report, an open, a move or an attach. */
CivFuneralView  *civ_funeral_case_view_finish (CivSession   *session,
                                               GAsyncResult *result,
                                               GError      **error);
void             civ_funeral_case_lookup_async (CivSession         *session,
                                                gpointer            source_object,
                                                const char         *text,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
GPtrArray       *civ_funeral_case_lookup_finish (CivSession   *session,
                                                 GAsyncResult *result,
                                                 GError      **error);
void             civ_funeral_case_board_async (CivSession         *session,
                                               gpointer            source_object,
                                               const GDate        *today,
                                               GCancellable       *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
CivFuneralBoard *civ_funeral_case_board_finish (CivSession   *session,
                                                GAsyncResult *result,
                                                GError      **error);

G_END_DECLS
