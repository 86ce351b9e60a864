// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-marriage-service.h — registering (or refusing) a marriage at the counter
 *
 * One call checks the couple against the rules (civ-marriage-rules.h) with
 * what the person index knows, and in ONE transaction writes the record
 * with its parties as they are today, the findings, the person-index
 * changes, the gapless J certificate number, the outbox row for the
 * province and the audit entry — or, when a rule refuses, a REFUSED record
 * with its findings and no certificate number (architecture.md §4).
 */
#pragma once

#include "civ-division.h"
#include "civ-document-service.h"
#include "civ-marriage-rules.h"
#include "civ-store.h"

G_BEGIN_DECLS

typedef struct
{
  const char         *name;
  const char         *doc_kind; /* civ_doc_kind_to_string(); NULL = recognise */
  const char         *doc_number;
  CivSex              sex;         /* from the number for resident IDs */
  GDate               birth_date;  /* from the number for resident IDs */
  const char         *nationality; /* GB/T 2659 alpha-3, default CHN */
  const char         *ethnicity;   /* GB/T 3304 */
  const char         *occupation;  /* GB/T 6565 */
  CivResidentCategory category;
  gboolean            appears_in_person;
  gboolean            consents;
  gboolean            declaration_signed;
  gboolean            documents_complete;
  /* Optional (NULL or empty): how the party was identified at the counter
   * (CivIdentityCheckInput: the card's chip read, face, fingerprint, the
   * registrar's visual check), stored with the registration or the refusal
   * and reported with it. Not owned by the input. */
  GPtrArray          *identity_checks;
} CivMarriagePartyInput;

typedef struct
{
  CivMarriagePartyInput party[2];
  GDate                 registration_date;
  GDate                 effective_from; /* R-M13; invalid = the registration date */
  const char           *remarks;
  CivStatusSource       status_source;
  /* R-M3 from the online check (联网核对): the province says the party is
   * married now. Counts like a current marriage in the local index. */
  gboolean              online_married[2];
  /* R-M7: registrations numbered at other windows of the office and not
   * yet reported, as the province says (the check cannot see them). */
  gint64                pending_elsewhere;
  guint                 windows_pending;
  gboolean              office_designated;
  gboolean              household_jurisdiction;
  CivAgeBoundary        age_boundary;
  /* Optional (NULL or empty): CivDocumentInput attached to the record —
   * declarations, identity-document copies, the couple's photo — stored in
   * the same transaction as the registration or the refusal, each with a
   * "document.attach" audit entry. Not owned by the input. */
  GPtrArray            *documents;
} CivMarriageInput;

typedef struct
{
  gboolean   registered;
  char      *record_id;
  char      *certificate_no; /* NULL when refused */
  GPtrArray *findings;       /* CivFinding */
} CivMarriageResult;

void civ_marriage_input_init (CivMarriageInput *input);

/* The key the person index and the online check know @party by (the
 * normalised resident-ID number, or "KIND:NUMBER" for other documents);
 * NULL when the document number cannot be read. */
char *civ_marriage_party_id_key (const CivMarriagePartyInput *party,
                                 const GDate                 *registration_date,
                                 CivDivisionTable            *divisions);
void  civ_marriage_result_free (CivMarriageResult *result);

/* Checks without writing anything: the findings the counter shows live. */
GPtrArray *civ_marriage_preview (CivStore               *store,
                                 const CivMarriageInput *input,
                                 CivDivisionTable       *divisions,
                                 GError                **error);

/* Registers or refuses. Returns NULL with @error only when nothing could be
 * written (permission, a document that does not validate, storage failure):
 * then nothing was written at all — no record and no document. */
CivMarriageResult *civ_marriage_register (CivStore               *store,
                                          const CivMarriageInput *input,
                                          CivDivisionTable       *divisions,
                                          GError                **error);

/* What the registrar chose at the counter after reading the checks. */
typedef enum
{
  CIV_MARRIAGE_DECISION_REGISTER,
  CIV_MARRIAGE_DECISION_REFUSE,
} CivMarriageDecision;

/* Checks again and writes only when the checks still lead to @decision: a
 * registration only with no refusing finding, a refusal only with one.
 * Otherwise nothing is written and @error says the checks changed
 * (CIV_APP_ERROR_INVALID); the registrar looks at them again. */
CivMarriageResult *civ_marriage_register_decided (CivStore               *store,
                                                  const CivMarriageInput *input,
                                                  CivDivisionTable       *divisions,
                                                  CivMarriageDecision     decision,
                                                  GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivMarriageResult, civ_marriage_result_free)

G_END_DECLS
