// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-blank-dialog.h — the pre-printed serials (NO.) of the certificate
 * blanks, asked before a certificate is printed (R-N3)
 *
 * A certificate (J, L, BJ, BL) is printed in two copies, one per spouse as
 * holder, each on its own blank with its own serial. The dialog asks for
 * one serial per copy, labelled with the copy's holder, in the order the
 * copies come out of the printer. Both are required, trimmed and distinct;
 * Enter moves to the next field, then prints. Before anything is printed
 * the session's worker checks that no serial was ever used
 * (civ_certificate_check_blanks_async ()): a refusal, with its rule id,
 * stays in the dialog. When the serials pass, the dialog emits "print" and
 * closes; the caller prints and then records the print with the same
 * serials (civ_print_job_set_blanks (), civ_print_source_note_async ()).
 *
 * Used by the marriage page (J), the divorce page (L) and the record view
 * (BJ, BL reissues). It closes when the workstation locks.
 */
#pragma once

#include <adwaita.h>

#include "civ-session.h"

G_BEGIN_DECLS

#define CIV_TYPE_BLANK_DIALOG (civ_blank_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CivBlankDialog, civ_blank_dialog, CIV, BLANK_DIALOG, AdwWindow)

/* A modal dialog for printing @certificate_no; @holders (NULL-terminated)
 * are the names of the holders of copy 1 and copy 2 (the spouses in the
 * record's order), or of the one copy printed again (R-N3).
 * @title (NULL: "Print Certificate") and @description (NULL: what to put
 * in the printer) head the form. */
CivBlankDialog *civ_blank_dialog_new (GtkWindow         *parent,
                                      CivSession        *session,
                                      const char        *certificate_no,
                                      const char *const *holders,
                                      const char        *title,
                                      const char        *description);

/* The label of the button that closes without printing (default
 * "_Cancel"), e.g. "Print _Later" right after a reissue. */
void civ_blank_dialog_set_cancel_label (CivBlankDialog *self, const char *label);

const char *civ_blank_dialog_get_certificate_no (CivBlankDialog *self);

/* What is recorded after a certificate went to the printer: its number and
 * the blanks' serials in copy order. */
typedef struct
{
  char  *certificate_no;
  char **serials; /* NULL-terminated */
} CivBlankPrint;

CivBlankPrint *civ_blank_print_new (const char *certificate_no, const char *const *serials);
void           civ_blank_print_free (CivBlankPrint *print);

/* A sentence for a toast once @print is recorded. */
char *civ_blank_print_describe (const CivBlankPrint *print);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivBlankPrint, civ_blank_print_free)

G_END_DECLS
