// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-divorce-documents.h — what the divorce documents need beyond the
 * divorce view: who did each step of an application and on which day, and
 * the audit note that a receipt or notice was printed (domain.md §2.2)
 *
 * The 受理回执单 (receipt, R-D5), the 不予受理告知书 (notice, R-D3) and the
 * 离婚证 (R-D7) name the registrar of their step; the certificate's prints
 * on pre-printed blanks, one per copy, are noted with
 * civ_record_note_prints () like a marriage certificate.
 */
#pragma once

#include "civ-divorce-store.h"
#include "civ-record-query.h"
#include "civ-store.h"

G_BEGIN_DECLS

/* One step of an application is a CivDivorceStep (civ-divorce-store.h). */

/* The steps of the application @record_id, oldest first (CivDivorceStep);
 * an empty array when there is no such application. */
GPtrArray *civ_divorce_query_steps (CivStore *store, const char *record_id, GError **error);

/* The first step of @steps into @state, or NULL: for COOLING the
 * acceptance, not a later take by another window (R-D6). */
const CivDivorceStep *civ_divorce_steps_find (GPtrArray *steps, const char *state);

typedef enum
{
  CIV_DIVORCE_DOCUMENT_RECEIPT, /* 受理回执单 (R-D5) */
  CIV_DIVORCE_DOCUMENT_NOTICE,  /* 不予受理告知书 (R-D3) */
} CivDivorceDocument;

/* Audits that the @document of the application @record_id was printed or
 * exported ("divorce.print"). Refused when the application is not in the
 * state the document is about: accepted for a receipt, not accepted for a
 * notice. */
gboolean civ_divorce_note_document_print (CivStore          *store,
                                          const char        *record_id,
                                          CivDivorceDocument document,
                                          GError           **error);

/* Everything a divorce document prints, read in one go on the worker. */
typedef struct
{
  CivDivorceView    *view;     /* the application: state, deadlines, findings, L number */
  CivMarriageRecord *marriage; /* the parties as registered, with their documents */
  GPtrArray         *steps;    /* CivDivorceStep: who did each step, and when */
  char              *office_name;
  char              *office_code;
} CivDivorcePrintData;

void civ_divorce_print_data_free (CivDivorcePrintData *data);

/* What can be printed of an application. */
typedef enum
{
  CIV_PRINT_DIVORCE_RECEIPT, /* 受理回执单: parties, T0, deadlines, withdrawal right (R-D5) */
  CIV_PRINT_DIVORCE_NOTICE, /* 不予受理告知书: every reason with its rule id (R-D1…R-D3) */
  CIV_PRINT_DIVORCE_CERTIFICATE, /* 离婚证 on the blank, two copies, one per former spouse (R-D7) */
} CivDivorcePrintKind;

/* TRUE when @data can be printed as @kind; otherwise refused (with the rule
 * as a field, civ_app_error_get_rule ()) because the application is not in
 * the state the document is about: a receipt once accepted (R-D5), a notice
 * once not accepted (R-D3), a certificate once registered (R-D7). */
gboolean civ_divorce_print_check (CivDivorcePrintKind        kind,
                                  const CivDivorcePrintData *data,
                                  GError                   **error);

/* The application @record_id with its marriage and steps, deadlines
 * recomputed with @calendar; an error when there is no such application. */
CivDivorcePrintData *civ_divorce_print_data_load (CivStore    *store,
                                                  const char  *record_id,
                                                  CivCalendar *calendar,
                                                  GError     **error);

/* The application that the divorce certificate @certificate_no belongs to
 * (its L number, or a BL reissue of it, R-B1), loaded as by
 * civ_divorce_print_data_load (); an error when @certificate_no is not a
 * divorce certificate of this office. */
CivDivorcePrintData *civ_divorce_print_data_load_for_certificate (CivStore    *store,
                                                                  const char  *certificate_no,
                                                                  CivCalendar *calendar,
                                                                  GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivDivorcePrintData, civ_divorce_print_data_free)

G_END_DECLS
