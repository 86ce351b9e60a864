// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-adoption-service.h — adoption registration from the application to the
 * certificate, its dissolution and revocation, kept secret (domain.md §3,
 * R-A1…R-A15; issue 15)
 *
 *   apply ──► APPLIED ──publish notice (parents cannot be found, R-A7)──► NOTICE_60D
 *                │                                                          │ after 60 days
 *                ├──begin assessment (R-A11)──► ASSESSMENT ◄────────────────┘
 *                │                                 │ assessment recorded
 *                └──(a step-child: no assessment)──┴──► REVIEW_30D (R-A10 deadline)
 *                                                          │ decide: the rules again
 *                                                          ├──► REGISTERED (收养登记证 number)
 *                                                          └──► REFUSED (the reasons)
 *   REGISTERED ──apply for dissolution (agreement, the child's consent from 8; 30-day review)
 *              ──dissolve (certificate taken back, R-A14)──► DISSOLVED
 *   REGISTERED ──revoke (fraud, a supervisor, R-A15)──► REVOKED_FRAUD
 *   any open state ──refuse (the registrar's reasons)──► REFUSED
 *
 * Every transition is appended to the adoption's history and audited; a
 * step the state does not allow is refused with the rule's id
 * (civ_app_set_refusal). "Today" is the counter's date (the clock, or a
 * test's fake one); deadlines come from the office's holiday calendar.
 *
 * Secrecy (R-A13): every call needs CIV_PERM_ADOPTION (supervisors, and a
 * registrar given it); to anyone else an adoption does not exist — not in
 * a list, a count or a due list. Opening, printing or exporting one needs
 * a purpose, written to the access journal and the audit log; the birth
 * parents' details are left out of what civ_adoption_open () returns and
 * come only from civ_adoption_show_birth_parents (), itself journalled.
 * The auditor reads the journal with civ_adoption_access_log ().
 *
 * Registering links adopter and child in the person index as parent and
 * child (and the child to the adopter's other children as siblings, CC
 * 1111); a dissolution ends those links from its date, a revocation voids
 * them. Registration, dissolution and revocation are reported to the
 * province through the outbox (kind "adoption").
 */
#pragma once

#include "civ-adoption-rules.h"
#include "civ-adoption-store.h"
#include "civ-calendar.h"
#include "civ-document-service.h"
#include "civ-store.h"

G_BEGIN_DECLS

/* The office setting that says how an adoption certificate number is
 * written (domain.md §6 q.7: the official format is unverified). The
 * format is text with the fields {office} (the 6-digit division code),
 * {year} (4 digits) and {serial} (the gapless serial of the office and the
 * year, 6 digits with leading zeros); {year} and {serial} are required. */
#define CIV_ADOPTION_NUMBER_FORMAT_KEY "adoption.certificate_format"
#define CIV_ADOPTION_NUMBER_FORMAT_DEFAULT "SY{office}-{year}-{serial}"

/* The number @format gives for serial @serial of @office_code and @year;
 * NULL with CIV_APP_ERROR_INVALID when @format is not a valid format. */
char *civ_adoption_format_number (
  const char *format, const char *office_code, int year, gint64 serial, GError **error);
/* Sets the office's number format (a supervisor with the adoption
 * permission); audited. */
gboolean civ_adoption_set_number_format (CivStore *store, const char *format, GError **error);

/* The office setting that says how the number of a dissolution proof
 * (解除收养关系证明, R-A14) is written: the same fields and rules as
 * CIV_ADOPTION_NUMBER_FORMAT_KEY; the serial is the gapless serial of the
 * dissolutions of the office and the year (a counter of its own). */
#define CIV_ADOPTION_DISSOLUTION_FORMAT_KEY "adoption.dissolution_format"
#define CIV_ADOPTION_DISSOLUTION_FORMAT_DEFAULT "JCSY{office}-{year}-{serial}"

/* The dissolution proof number @format gives, as civ_adoption_format_number (). */
char *civ_adoption_format_dissolution_number (
  const char *format, const char *office_code, int year, gint64 serial, GError **error);
/* Sets the office's dissolution proof number format (a supervisor with the
 * adoption permission); audited. */
gboolean civ_adoption_set_dissolution_format (CivStore *store, const char *format, GError **error);

/* An identity document of a party (kinds of civ-idnumber.h); @doc_number
 * NULL or "" when the party has none (a foundling). */
typedef struct
{
  const char *doc_kind;
  const char *doc_number;
} CivAdoptionIdentity;

typedef struct
{
  const char         *application; /* JSON, the format of `rules adoption` (docs/cli-rules.md) */
  CivAdoptionIdentity child;
  CivAdoptionIdentity placer[CIV_ADOPTION_MAX_PLACERS];
  CivAdoptionIdentity adopter[CIV_ADOPTION_MAX_ADOPTERS];
} CivAdoptionApplyInput;

typedef struct
{
  char            *record_id;
  char            *state; /* adoptions.state */
  char            *certificate_no;
  CivAdoptionDates dates;    /* the notice and review dates on the day asked */
  GPtrArray       *findings; /* CivFinding: what the rules said at this step */
} CivAdoptionResult;

void civ_adoption_result_free (CivAdoptionResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivAdoptionResult, civ_adoption_result_free)

/* Records an application (APPLIED) with its parties linked to the person
 * index and the rules' findings as they stand (a notice or an assessment
 * still to come is among them). The application date is @today. */
CivAdoptionResult *civ_adoption_apply (CivStore                    *store,
                                       const CivAdoptionApplyInput *input,
                                       const GDate                 *today,
                                       CivCalendar                 *calendar,
                                       GError                     **error);

/* R-A7: records the notice's text and publication date (on or before
 * @today); APPLIED → NOTICE_60D. Only when the parents cannot be found. */
gboolean civ_adoption_publish_notice (CivStore    *store,
                                      const char  *record_id,
                                      const char  *text,
                                      const GDate *published,
                                      const GDate *today,
                                      CivCalendar *calendar,
                                      GError     **error);

/* APPLIED (no notice needed) or NOTICE_60D (once the 60 days have ended)
 * → ASSESSMENT; a step-child's adoption needs none and goes to REVIEW_30D. */
CivAdoptionResult *civ_adoption_begin_assessment (CivStore    *store,
                                                  const char  *record_id,
                                                  const GDate *today,
                                                  CivCalendar *calendar,
                                                  GError     **error);

/* R-A11: the assessment as carried out. */
typedef struct
{
  gboolean                         third_party;      /* a contracted third party assessed */
  const char                      *third_party_name; /* required for a third party */
  const char *const               *team_members;     /* NULL-terminated; at least 2 for a team */
  const CivAdoptionAssessmentItem *items;            /* each item of R-A11 exactly once */
  guint                            n_items;
  CivAssessmentConclusion          conclusion;
  const char                      *conclusion_text;
  gboolean                         red_flags;
  gboolean                         red_flags_reported; /* red flags must be reported */
  const char                      *red_flags_detail;
} CivAdoptionAssessment;

/* The items an assessment covers (R-A11), NULL-terminated. */
const char *const *civ_adoption_assessment_items (void);
/* What an item is called, translated (the code itself when unknown). */
const char        *civ_adoption_assessment_item_label (const char *item);

/* Records the assessment (on @today); ASSESSMENT → REVIEW_30D with the
 * review deadline (R-A10). */
CivAdoptionResult *civ_adoption_record_assessment (CivStore                    *store,
                                                   const char                  *record_id,
                                                   const CivAdoptionAssessment *assessment,
                                                   const GDate                 *today,
                                                   CivCalendar                 *calendar,
                                                   GError                     **error);

/* The review's decision on @today: the rules are applied to the application
 * with the notice and the assessment as recorded. REVIEW_30D → REGISTERED
 * with the next certificate number of the office and the year, or →
 * REFUSED with the refusing findings as the reasons. */
CivAdoptionResult *civ_adoption_decide (CivStore    *store,
                                        const char  *record_id,
                                        const GDate *today,
                                        CivCalendar *calendar,
                                        GError     **error);

/* The registrar refuses an open application with @reason (R-A10). */
gboolean civ_adoption_refuse (
  CivStore *store, const char *record_id, const char *reason, const GDate *today, GError **error);

/* R-A14: an application to dissolve a REGISTERED adoption by agreement
 * @agreement_ref; a child aged 8 or more must consent. Starts the 30-day
 * review. */
CivAdoptionResult *civ_adoption_apply_dissolution (CivStore    *store,
                                                   const char  *record_id,
                                                   const char  *agreement_ref,
                                                   gboolean     child_consents,
                                                   const GDate *today,
                                                   CivCalendar *calendar,
                                                   GError     **error);
/* R-A14: registers the dissolution once the certificate has been taken
 * back; REGISTERED → DISSOLVED, the kinship links end on the day before.
 * The dissolution proof gets the next number of the office and the year
 * (CIV_ADOPTION_DISSOLUTION_FORMAT_KEY), stored with the decision,
 * audited and reported (CivAdoptionView's dissolution_no). */
gboolean           civ_adoption_dissolve (CivStore    *store,
                                          const char  *record_id,
                                          gboolean     certificate_returned,
                                          const GDate *today,
                                          GError     **error);
/* R-A15: a supervisor revokes an adoption obtained by fraud (decision
 * @decision_no, @reason); REGISTERED → REVOKED_FRAUD, the links voided. */
gboolean           civ_adoption_revoke (CivStore    *store,
                                        const char  *record_id,
                                        const char  *decision_no,
                                        const char  *reason,
                                        const GDate *today,
                                        GError     **error);

/* Attaches a document of the adoption file (kind: assessment-report,
 * consent, medical-certificate, no-criminal-record,
 * welfare-institution-papers, identity-copy, household-register, other),
 * encrypted with the database; audited. Returns its id. */
gint64 civ_adoption_attach_document (CivStore               *store,
                                     const char             *record_id,
                                     const char             *kind,
                                     const CivDocumentInput *input,
                                     GError                **error);

typedef enum
{
  CIV_ADOPTION_ACCESS_OPEN,
  CIV_ADOPTION_ACCESS_PRINT,
  CIV_ADOPTION_ACCESS_EXPORT,
} CivAdoptionAccess;

/* An adoption as the record view shows it: the birth parents' details are
 * left out (their placer rows have no name and no document; the stored
 * application's birth-parent placers lose their names). */
typedef struct
{
  CivAdoptionRow            *row;         /* application: the redacted JSON */
  GPtrArray                 *parties;     /* CivAdoptionPartyRow */
  GPtrArray                 *events;      /* CivAdoptionEventRow, oldest first */
  CivAdoptionNoticeRow      *notice;      /* NULL without a notice */
  CivAdoptionAssessmentRow  *assessment;  /* NULL before the assessment */
  CivAdoptionDissolutionRow *dissolution; /* the dissolution applied for and not yet decided */
  GPtrArray                 *documents;   /* CivDocumentRow: metadata only */
  gboolean                   birth_parents_withheld; /* some details were left out */
  char      *dissolution_no; /* the dissolution proof's number; NULL unless DISSOLVED */
  GPtrArray *findings;       /* CivFinding with its citation: the reasons of a refusal, empty unless
                        * REFUSED */
} CivAdoptionView;

void civ_adoption_view_free (CivAdoptionView *view);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivAdoptionView, civ_adoption_view_free)

/* Opens (or prints, exports) the adoption @key (record id or certificate
 * number) for @purpose: journalled and audited. */
CivAdoptionView *civ_adoption_open (
  CivStore *store, const char *key, CivAdoptionAccess access, const char *purpose, GError **error);
/* The birth parents' details (CivAdoptionPartyRow), shown on an explicit
 * request for @purpose: journalled ("show-birth-parents") and audited. */
GPtrArray *civ_adoption_show_birth_parents (CivStore   *store,
                                            const char *key,
                                            const char *purpose,
                                            GError    **error);
/* The content of a document of the adoption @key, opened for @purpose
 * (journalled as an open). */
GBytes    *civ_adoption_open_document (
     CivStore *store, const char *key, gint64 document_id, const char *purpose, GError **error);

/* Whether the signed-in operator sees adoptions at all (no audit). */
gboolean   civ_adoption_visible (CivStore *store);
/* Every adoption (CivAdoptionRow, application left out), newest first;
 * needs the permission. */
GPtrArray *civ_adoption_list (CivStore *store, GError **error);
/* Notices ending and review deadlines on or before @today
 * (CivAdoptionDueRow); an empty list for an operator who does not see
 * adoptions, so that a due list can ask without revealing anything. */
GPtrArray *civ_adoption_due (CivStore *store, const GDate *today, GError **error);
/* Who looked at which adoption and why (CivAdoptionAccessRow), only
 * @record_id unless NULL; for the auditor and the supervisor. */
GPtrArray *civ_adoption_access_log (CivStore *store, const char *record_id, GError **error);

G_END_DECLS
