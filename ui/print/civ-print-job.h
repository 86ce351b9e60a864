// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-print-job.h — one print flow for every page and dialog
 *
 *   load   the session's worker reads what is printed, as stored
 *          (civ_print_source_load_async (), civ-certificate-prints.h)
 *   build  the caller turns it into a GtkPrintOperation (civ-print.h), or
 *          says why it cannot be printed now (what is stored decides)
 *   run    the print dialog, or an export to a PDF file without a dialog
 *   note   once it went out, the worker records the print: the
 *          certificate's blanks with their serials (R-N3) or what the
 *          source notes (civ_print_source_note_async ())
 *   tell   a toast on the owner says what happened; "finished" says whether
 *          it was printed
 *
 * A certificate, a notice, a receipt and an extract all go this way; a page
 * gives the source and the build, nothing else.
 */
#pragma once

#include <gtk/gtk.h>

#include "civ-blank-dialog.h"
#include "civ-certificate-prints.h"
#include "civ-session.h"

G_BEGIN_DECLS

#define CIV_TYPE_PRINT_JOB (civ_print_job_get_type ())
G_DECLARE_FINAL_TYPE (CivPrintJob, civ_print_job, CIV, PRINT_JOB, GObject)

/* Builds the operation from what the load read (the build may steal its
 * fields); NULL with @problem set when it cannot be printed. */
typedef GtkPrintOperation *(*CivPrintBuildFunc) (CivPrintJob  *job,
                                                 CivPrintable *loaded,
                                                 gpointer      user_data,
                                                 char        **problem);

/* @owner shows the toasts (civ_ui_toast ()) and parents the print dialog. */
CivPrintJob *civ_print_job_new (GtkWidget *owner, CivSession *session, GCancellable *cancellable);

/* What is printed (taken): read when the job starts, noted once it went
 * out. */
void civ_print_job_set_source (CivPrintJob *self, CivPrintSource *source);
void civ_print_job_set_build (CivPrintJob      *self,
                              CivPrintBuildFunc func,
                              gpointer          user_data,
                              GDestroyNotify    destroy);
/* After printing, records the certificate @certificate_no on the blanks
 * @serials (R-N3) and says so. May be called from the build. */
void civ_print_job_set_blanks (CivPrintJob       *self,
                               const char        *certificate_no,
                               const char *const *serials);
/* Export to @path without a dialog instead of printing (NULL: print);
 * @message (may be NULL) is said when the export went through. */
void civ_print_job_set_export (CivPrintJob *self, const char *path, const char *message);

/* Says the job's messages through @tell instead of a toast on the owner. */
typedef void (*CivPrintTellFunc) (gpointer user_data, const char *message);
void civ_print_job_set_tell (CivPrintJob *self, CivPrintTellFunc tell, gpointer user_data);

/* The printer offsets (GSettings "certificate-offsets"; NULL when the
 * schema is not installed) for the build. */
GSettings *civ_print_job_get_settings (CivPrintJob *self);

/* Starts the flow; the job keeps itself alive until "finished" (gboolean
 * printed), which comes once, after the note. */
void civ_print_job_start (CivPrintJob *self);

G_END_DECLS
