// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-record-query.h — what the counter screens read back: a marriage record
 * with every version, its parties and findings; a divorce application with
 * its marriage and deadlines; the divorces due today; and the note that a
 * certificate was printed on pre-printed blanks, one per copy (R-N3), or
 * that such a print was spoiled and voided with a supervisor's approval
 *
 * Reads need CIV_PERM_REGISTER_MARRIAGE like the use cases that wrote the
 * records. Dates are ISO strings (YYYY-MM-DD) as stored.
 */
#pragma once

#include "civ-calendar.h"
#include "civ-divorce-service.h"
#include "civ-finding.h"
#include "civ-identity-check-store.h"
#include "civ-record-store.h"
#include "civ-store.h"

G_BEGIN_DECLS

/* A party of a version is a CivRecordParty, a print on a pre-printed blank
 * a CivCertificatePrint (civ-record-store.h). */

/* One version of a marriage record, as written (never edited in place). */
/* One version of a marriage record as stored (civ-record-store.h), with
 * the findings stored with it. */
typedef CivMarriageVersionRow CivMarriageVersion;

typedef struct
{
  char      *record_id;
  GPtrArray *versions; /* CivMarriageVersion, oldest first; never empty */
  GPtrArray *prints;   /* CivCertificatePrint of every certificate of the marriage, oldest
                        * first: J and BJ, and the L and BL of its divorces */
  char      *held_certificate_no; /* the certificate the couple holds now (R-B3): the newest
                                   * of J and BJ while registered, of L and BL once dissolved
                                   * by divorce registration; NULL otherwise */
  GPtrArray *identity_checks;     /* CivIdentityCheckRow: how each party was identified at the
                                   * registration, by party (civ-identity-check.h) */
} CivMarriageRecord;

void civ_marriage_record_free (CivMarriageRecord *record);

/* R-N3: refused when @n_new more copies of @certificate_no would exceed
 * CIV_CERTIFICATE_COPIES with the @live prints (blank serials, not voided)
 * already out: a spoiled copy is voided first (a supervisor approves) or
 * the certificate reissued; blanks are never used up silently. */
gboolean                  civ_certificate_check_copies (const char        *certificate_no,
                                                        const char *const *live,
                                                        guint              n_new,
                                                        GError           **error);
/* The same over the prints @record holds (before the blanks are asked for). */
gboolean                  civ_record_check_copies (const CivMarriageRecord *record,
                                                   const char              *certificate_no,
                                                   guint                    n_new,
                                                   GError                 **error);
/* The current (newest) version. */
const CivMarriageVersion *civ_marriage_record_current (const CivMarriageRecord *record);

/* By record id or certificate number; NULL with no error when not found. */
CivMarriageRecord *civ_record_query_marriage (CivStore *store, const char *key, GError **error);

/* A divorce application as the divorce page shows it. */
typedef struct
{
  CivDivorceResult *divorce; /* state, deadlines (recomputed from T0), L number */
  char             *marriage_certificate_no;
  char             *names[2];
  char             *agreement_ref;
  char             *withdrawn_on; /* NULL unless withdrawn */
  int               withdrawn_by; /* party position, -1 when not withdrawn */
  char             *closed_on;    /* issued, refused or lapsed; NULL while open */
  GPtrArray        *findings;     /* CivFinding stored for the application (not accepted …) */
} CivDivorceView;

void civ_divorce_view_free (CivDivorceView *view);

/* The newest divorce application for the marriage with this certificate
 * number or record id, or the application with this record id. NULL with no
 * error when there is none. */
CivDivorceView *civ_record_query_divorce (CivStore    *store,
                                          const char  *key,
                                          CivCalendar *calendar,
                                          GError     **error);

typedef enum
{
  CIV_DIVORCE_DUE_COOLING_OFF_ENDS, /* last day either spouse may withdraw */
  CIV_DIVORCE_DUE_WINDOW_CLOSES,    /* last day to issue the certificate */
} CivDivorceDueKind;

typedef struct
{
  char             *record_id;
  char             *marriage_certificate_no;
  char             *names[2];
  CivDivorceDueKind kind;
  gboolean          provisional;
} CivDivorceDue;

void civ_divorce_due_free (CivDivorceDue *due);

/* Open (COOLING) applications whose cooling-off ends or whose issuance
 * window closes on @today, deadlines recomputed from T0 with @calendar. */
GPtrArray *civ_record_query_divorces_due (CivStore    *store,
                                          const GDate *today,
                                          CivCalendar *calendar,
                                          GError     **error);

/* A certificate (J, L, BJ, BL) is printed in two copies, one per spouse as
 * holder, each on its own pre-printed blank with its own serial (R-N3). */
#define CIV_CERTIFICATE_COPIES 2

/* Checks, before printing, that @certificate_no exists and that the blanks
 * @blank_serials (NULL-terminated, one per copy, 1…CIV_CERTIFICATE_COPIES;
 * trimmed) are given, distinct and were never used for a print, voided or
 * not (R-N1, R-N3). Writes nothing. */
gboolean civ_record_check_blanks (CivStore          *store,
                                  const char        *certificate_no,
                                  const char *const *blank_serials,
                                  GError           **error);

/* Records that @certificate_no was printed on the blanks @blank_serials
 * (as civ_record_check_blanks () takes them, in copy order), in one
 * transaction: one certificate_prints row and one "certificate.print"
 * audit entry per blank. A blank serial already used (even voided), given
 * twice or empty is refused with its rule id, and nothing is recorded. */
gboolean civ_record_note_prints (CivStore          *store,
                                 const char        *certificate_no,
                                 const char *const *blank_serials,
                                 GError           **error);

/* Voids the spoiled print on the blank with the pre-printed serial
 * @blank_serial (R-N1, R-N3): the print stays, marked voided with @reason,
 * the operator and the time. The blank must hold a print of a certificate
 * of the marriage record @record_or_certificate (record id or J number):
 * its J or BJ, or the L or BL of a divorce of this marriage; it must not
 * be voided yet. @reason is required.
 *
 * A void needs a supervisor (architecture §8): an operator who is an
 * enabled supervisor may give no approver (NULL) and approves it
 * themselves; otherwise @approver_login must be another, enabled
 * supervisor whose @approver_password opens their key slot. The password
 * buffer is wiped (zeroed) before this returns, whatever the outcome.
 * Audited as "certificate.void" with the approver, in one transaction. */
gboolean civ_record_void_print (CivStore   *store,
                                const char *record_or_certificate,
                                const char *blank_serial,
                                const char *reason,
                                const char *approver_login,
                                char       *approver_password,
                                GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivMarriageRecord, civ_marriage_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivDivorceView, civ_divorce_view_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivDivorceDue, civ_divorce_due_free)

G_END_DECLS
