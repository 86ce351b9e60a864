// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-archive-tasks.h — the archivist's work (civ-archive-service.h,
 * civ-archive-import.h) as jobs on the session's worker, for the windows
 *
 * Every _async () copies what it is given at once and runs the service
 * function of the same name on the worker; its _finish () returns what the
 * service returned (taken) or NULL / FALSE with the service's error (a
 * refusal carries its rule id). The import runs on the worker too (it
 * holds the database for the whole file); its progress is handed to the
 * main context of the thread that called civ_archive_import_async (), at
 * most every CIV_ARCHIVE_PROGRESS_MS milliseconds and once at the end, and
 * its cancellable stops it with nothing written.
 */
#pragma once

#include <gio/gio.h>

#include "civ-archive-import.h"
#include "civ-archive-service.h"
#include "civ-session.h"

G_BEGIN_DECLS

#define CIV_ARCHIVE_PROGRESS_MS 150

/* Books ---------------------------------------------------------------------- */

/* Every book (civ_archive_book_list ()): a GPtrArray of CivArchiveBook. */
void       civ_archive_book_list_async (CivSession         *session,
                                        gpointer            source_object,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
GPtrArray *civ_archive_book_list_finish (CivSession *session, GAsyncResult *result, GError **error);

/* One book by id or 档号; NULL without an error when there is none. */
void            civ_archive_book_get_async (CivSession         *session,
                                            gpointer            source_object,
                                            const char         *book,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data);
CivArchiveBook *civ_archive_book_get_finish (CivSession   *session,
                                             GAsyncResult *result,
                                             GError      **error);

CivArchiveBookInput *civ_archive_book_input_new (void);
CivArchiveBookInput *civ_archive_book_input_copy (const CivArchiveBookInput *input);
void                 civ_archive_book_input_free (CivArchiveBookInput *input);

void            civ_archive_book_create_async (CivSession                *session,
                                               gpointer                   source_object,
                                               const CivArchiveBookInput *input,
                                               GCancellable              *cancellable,
                                               GAsyncReadyCallback        callback,
                                               gpointer                   user_data);
CivArchiveBook *civ_archive_book_create_finish (CivSession   *session,
                                                GAsyncResult *result,
                                                GError      **error);

/* Page images ------------------------------------------------------------------ */

/* Attaches @content as pages @first_page … + @n_pages - 1; the finish gives
 * the image's id (> 0), or 0 with @error. */
void   civ_archive_image_attach_async (CivSession         *session,
                                       gpointer            source_object,
                                       const char         *book,
                                       int                 first_page,
                                       int                 n_pages,
                                       const char         *file_name,
                                       GBytes             *content,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data);
gint64 civ_archive_image_attach_finish (CivSession *session, GAsyncResult *result, GError **error);

/* The picture of one page: the file's bytes, what the file is and the
 * page's index inside it. */
typedef struct
{
  int              page;
  GBytes          *bytes;
  CivArchiveImage *image;
  int              index;
} CivArchivePageImage;

void civ_archive_page_image_free (CivArchivePageImage *image);

/* NULL without an error when the page has no image. */
void                 civ_archive_page_image_async (CivSession         *session,
                                                   gpointer            source_object,
                                                   const char         *book,
                                                   int                 page,
                                                   GCancellable       *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data);
CivArchivePageImage *civ_archive_page_image_finish (CivSession   *session,
                                                    GAsyncResult *result,
                                                    GError      **error);

/* The ledger and keying ------------------------------------------------------- */

/* Every slot of @book: a GPtrArray of CivArchiveSlot. */
void       civ_archive_ledger_async (CivSession         *session,
                                     gpointer            source_object,
                                     const char         *book,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data);
GPtrArray *civ_archive_ledger_finish (CivSession *session, GAsyncResult *result, GError **error);

void     civ_archive_slot_mark_async (CivSession         *session,
                                      gpointer            source_object,
                                      const char         *book,
                                      int                 page,
                                      int                 slot,
                                      CivSlotState        state,
                                      const char         *note,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data);
gboolean civ_archive_slot_mark_finish (CivSession *session, GAsyncResult *result, GError **error);

/* Keys a copy of @input for the slot; @started (may be NULL) is when the
 * form was opened for it. */
void             civ_archive_key_entry_async (CivSession               *session,
                                              gpointer                  source_object,
                                              const char               *book,
                                              int                       page,
                                              int                       slot,
                                              const CivHistoricalInput *input,
                                              GDateTime                *started,
                                              GCancellable             *cancellable,
                                              GAsyncReadyCallback       callback,
                                              gpointer                  user_data);
CivKeyingResult *civ_archive_key_entry_finish (CivSession   *session,
                                               GAsyncResult *result,
                                               GError      **error);

/* Open disputes of @book (NULL: every book): a GPtrArray of CivArchiveDispute. */
void       civ_archive_disputes_async (CivSession         *session,
                                       gpointer            source_object,
                                       const char         *book,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data);
GPtrArray *civ_archive_disputes_finish (CivSession *session, GAsyncResult *result, GError **error);

void             civ_archive_reconcile_async (CivSession               *session,
                                              gpointer                  source_object,
                                              const char               *book,
                                              int                       page,
                                              int                       slot,
                                              const CivHistoricalInput *final,
                                              GCancellable             *cancellable,
                                              GAsyncReadyCallback       callback,
                                              gpointer                  user_data);
CivKeyingResult *civ_archive_reconcile_finish (CivSession   *session,
                                               GAsyncResult *result,
                                               GError      **error);

/* Figures and coverage --------------------------------------------------------- */

/* A GPtrArray of CivKeyerFigures. */
void       civ_archive_keyer_figures_async (CivSession         *session,
                                            gpointer            source_object,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data);
GPtrArray *civ_archive_keyer_figures_finish (CivSession   *session,
                                             GAsyncResult *result,
                                             GError      **error);

/* A GPtrArray of CivCoverageRow. */
void       civ_archive_coverage_async (CivSession         *session,
                                       gpointer            source_object,
                                       CivCoverageGroup    group,
                                       int                 year,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data);
GPtrArray *civ_archive_coverage_finish (CivSession *session, GAsyncResult *result, GError **error);

/* Import ------------------------------------------------------------------------ */

CivImportOptions *civ_import_options_copy (const CivImportOptions *options);

/* Imports a copy of @options. @progress (may be NULL) runs in the calling
 * thread's main context with the arguments of CivImportProgressFunc;
 * @progress_destroy frees @progress_data once no call can follow (after
 * the last one, before @callback). Cancelling @cancellable stops the
 * import with G_IO_ERROR_CANCELLED and nothing written. */
void             civ_archive_import_async (CivSession             *session,
                                           gpointer                source_object,
                                           const CivImportOptions *options,
                                           CivImportProgressFunc   progress,
                                           gpointer                progress_data,
                                           GDestroyNotify          progress_destroy,
                                           GCancellable           *cancellable,
                                           GAsyncReadyCallback     callback,
                                           gpointer                user_data);
CivImportResult *civ_archive_import_finish (CivSession   *session,
                                            GAsyncResult *result,
                                            GError      **error);

/* The coverage report (civ-coverage-report.h) of the books covering @year
 * (0: all), collected on the worker and written to @path as a PDF (@pdf)
 * or a CSV. */
void     civ_archive_coverage_report_async (CivSession         *session,
                                            gpointer            source_object,
                                            int                 year,
                                            const char         *path,
                                            gboolean            pdf,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data);
gboolean civ_archive_coverage_report_finish (CivSession   *session,
                                             GAsyncResult *result,
                                             GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivArchiveBookInput, civ_archive_book_input_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivArchivePageImage, civ_archive_page_image_free)

G_END_DECLS
