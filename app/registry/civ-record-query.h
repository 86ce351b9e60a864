/* civ-record-query.h — what the counter screens read back: a marriage record
 * with every version, its parties and findings; a divorce application with
 * its marriage and deadlines; the divorces due today; and the note that a
 * certificate was printed on a pre-printed blank (R-N3)
 *
 * Reads need CIV_PERM_REGISTER_MARRIAGE like the use cases that wrote the
 * records. Dates are ISO strings (YYYY-MM-DD) as stored.
 */
#pragma once

#include "civ-calendar.h"
#include "civ-divorce-service.h"
#include "civ-finding.h"
#include "civ-store.h"

G_BEGIN_DECLS

typedef struct
{
  char *name;
  int   sex; /* GB/T 2261.1 */
  char *birth_date;
  char *nationality; /* GB/T 2659 alpha-3 */
  char *ethnicity;
  char *doc_kind; /* civ_doc_kind_to_string () */
  char *doc_number;
  char *resident_category;
  int   status_before; /* GB/T 2261.2 */
  int   nature;
} CivRecordParty;

/* One version of a marriage record, as written (never edited in place). */
typedef struct
{
  int            version;
  char          *state;
  char          *certificate_no; /* NULL for refusals */
  char          *registration_date;
  char          *effective_from;
  char          *office_code;
  char          *office_name;
  char          *registrar;      /* login */
  char          *registrar_name; /* display name, or the login when unknown */
  char          *status_source;
  char          *remarks;
  char          *reason;
  char          *created_at;
  char          *created_by;
  char          *approved_by; /* supervisor who approved a correction; NULL otherwise */
  CivRecordParty party[2];
  GPtrArray     *findings; /* CivFinding stored with this version */
} CivMarriageVersion;

/* A certificate of the record printed on a pre-printed blank (R-N3); a
 * spoiled print is voided, never deleted. */
typedef struct
{
  char *certificate_no;
  char *blank_serial;
  char *printed_at; /* ISO 8601 UTC */
  char *printed_by;
  char *voided_at; /* NULL unless voided */
  char *voided_by;
  char *void_reason;
} CivCertificatePrint;

typedef struct
{
  char      *record_id;
  GPtrArray *versions; /* CivMarriageVersion, oldest first; never empty */
  GPtrArray *prints;   /* CivCertificatePrint of the record's certificates, oldest first */
} CivMarriageRecord;

void                      civ_marriage_record_free (CivMarriageRecord *record);
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

/* Records that @certificate_no was printed on the blank with the
 * pre-printed serial @blank_serial (R-N3), with its audit entry, in one
 * transaction. */
gboolean civ_record_note_print (CivStore   *store,
                                const char *certificate_no,
                                const char *blank_serial,
                                GError    **error);

/* Voids the spoiled print on the blank with the pre-printed serial
 * @blank_serial (R-N1, R-N3): the print stays, marked voided with @reason,
 * the operator and the time. The blank must hold a print of a certificate
 * of the marriage record @record_or_certificate (record id or certificate
 * number) that is not voided yet. @reason is required. Audited as
 * "certificate.void", in one transaction. */
gboolean civ_record_void_print (CivStore   *store,
                                const char *record_or_certificate,
                                const char *blank_serial,
                                const char *reason,
                                GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivMarriageRecord, civ_marriage_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivDivorceView, civ_divorce_view_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivDivorceDue, civ_divorce_due_free)

G_END_DECLS
