// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-record-service.h — after registration: reissued certificates (补领,
 * domain.md §2.3 R-B1…R-B4), court judgments filed against a marriage
 * record (R-V1, R-V2, R-V4, R-D8) and supervisor-approved corrections.
 *
 * Each call is one transaction: the record change, its certificate number,
 * its outbox row and its audit entry commit together or not at all.
 * Marriage records are versioned, never edited: a judgment or a correction
 * writes version N+1 and keeps every earlier version.
 */
#pragma once

#include "civ-store.h"

G_BEGIN_DECLS

typedef enum
{
  CIV_REISSUE_MARRIAGE, /* BJ: the marriage is still registered */
  CIV_REISSUE_DIVORCE,  /* BL: the marriage was dissolved by registration (L number) */
} CivReissueKind;

/* Reissues a lost, damaged or outdated certificate (R-B1, R-B2) for the
 * marriage found by record id or J number, while its status still holds
 * (R-B3). @reason is required. Returns the new BJ/BL number (R-N1). */
char *civ_marriage_reissue (CivStore      *store,
                            const char    *record_or_certificate,
                            CivReissueKind kind,
                            const char    *reason,
                            const GDate   *today,
                            GError       **error);

typedef enum
{
  CIV_JUDGMENT_DIVORCE,  /* → DISSOLVED_COURT, both parties divorced (40) */
  CIV_JUDGMENT_VOID,     /* → DECLARED_VOID_COURT (R-V1) */
  CIV_JUDGMENT_ANNULLED, /* → ANNULLED_COURT (R-V2) */
} CivJudgmentKind;

/* Files a court judgment against a REGISTERED marriage (supervisors only):
 * stores the copy, writes a new version annotated with the court document
 * number and effective date (R-V4, R-D8), and updates the person index —
 * divorced for a divorce; for a void or annulled marriage each person goes
 * back to the status held before this marriage (90 when not stated).
 * @archive_no (档号) may be NULL. */
gboolean civ_marriage_court_judgment (CivStore       *store,
                                      const char     *record_or_certificate,
                                      CivJudgmentKind kind,
                                      const char     *document_no,
                                      const GDate    *effective_on,
                                      const char     *archive_no,
                                      GError        **error);

/* Records a registry-made annulment (撤销, ANNULLED_REGISTRY) from the
 * archive; only for decisions dated before 2021-01-01 (R-V2). Supervisors
 * only. Persons go back to their status before the marriage. */
gboolean civ_marriage_registry_annulment (CivStore    *store,
                                          const char  *record_or_certificate,
                                          const char  *decision_no,
                                          const GDate *decided_on,
                                          GError     **error);

typedef enum
{
  CIV_CORRECT_REMARKS,        /* free text (备注) */
  CIV_CORRECT_EFFECTIVE_FROM, /* YYYY-MM-DD, not after the registration date (R-M13) */
} CivCorrectionField;

/* Corrects one field of a marriage record as a new version carrying
 * @reason, the operator and the approving supervisor. The approver must be
 * an enabled supervisor whose password opens their key slot. The password
 * buffer is wiped (zeroed) before this returns, whatever the outcome. */
gboolean civ_marriage_correct (CivStore          *store,
                               const char        *record_or_certificate,
                               CivCorrectionField field,
                               const char        *new_value,
                               const char        *reason,
                               const char        *approver_login,
                               char              *approver_password,
                               GError           **error);

G_END_DECLS
