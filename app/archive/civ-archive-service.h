// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-archive-service.h — the archivist's work on register books
 * (issue 14; domain.md §2.6, R-AR2; architecture.md §7)
 *
 * Every function runs on the worker with the open store, checks the
 * operator's permission (civ-permissions.h), writes in one transaction and
 * audits what it changed. The GUI (through civ-archive-tasks.h) and
 * civreg-cli call the same functions.
 *
 *  - Books: a register book or archive volume with its 档号, office, years,
 *    category (R-AR2), pages and entry slots per page; page images attached
 *    encrypted with their SHA-256.
 *  - The ledger: every slot is unseen, keyed once, disputed, entered,
 *    illegible, blank, torn or missing, with who and when; a slot is
 *    accounted for when it is entered, illegible, blank, torn or missing.
 *  - Double keying: two archivists key a slot blind; agreement writes the
 *    historical record, a difference makes the slot disputed until a third
 *    archivist or a supervisor reconciles it. A book keyed once (double_keying
 *    FALSE) writes the record at the first keying.
 *  - History: a written record enters the person index by date order
 *    (civ-history.h); contradictions are listed, never resolved silently.
 */
#pragma once

#include <gio/gio.h>

#include "civ-historical.h"
#include "civ-store.h"

G_BEGIN_DECLS

typedef enum
{
  CIV_SLOT_UNSEEN = 0,
  CIV_SLOT_KEYED_ONCE,
  CIV_SLOT_DISPUTED,
  CIV_SLOT_ENTERED,
  CIV_SLOT_ILLEGIBLE,
  CIV_SLOT_BLANK,
  CIV_SLOT_TORN,
  CIV_SLOT_MISSING,
  CIV_SLOT_N_STATES
} CivSlotState;

const char *civ_slot_state_to_string (CivSlotState state); /* "unseen", "keyed-once", … */
gboolean    civ_slot_state_from_string (const char *text, CivSlotState *state);
const char *civ_slot_state_display_name (CivSlotState state); /* translated */
/* Entered, illegible, blank, torn or missing. */
gboolean    civ_slot_state_is_accounted (CivSlotState state);

typedef struct
{
  char       *archive_no; /* 档号 */
  char       *title;
  char       *office_code; /* NULL: the office's own */
  char       *office_name; /* NULL: the office's own */
  CivHistKind category;
  int         year_from;
  int         year_to;
  int         pages;
  int         slots_per_page;
  gboolean    double_keying;
} CivArchiveBookInput;

typedef struct
{
  char       *book_id;
  char       *archive_no;
  char       *title;
  char       *office_code;
  char       *office_name;
  CivHistKind category;
  int         year_from;
  int         year_to;
  int         pages;
  int         slots_per_page;
  gboolean    double_keying;
  gboolean    closed;
  char       *closed_by;
  char       *closed_at;
  char       *created_by;
  char       *created_at;
  guint       counts[CIV_SLOT_N_STATES]; /* slots per state */
  guint       n_slots;
  guint       n_accounted;
  guint       n_images;
} CivArchiveBook;

CivArchiveBook *civ_archive_book_copy (const CivArchiveBook *book);
void            civ_archive_book_free (CivArchiveBook *book);
/* n_accounted / n_slots in [0, 1]. */
double          civ_archive_book_coverage (const CivArchiveBook *book);

/* Archivists and supervisors. Refuses an 档号 already used. Audited
 * "archive.book.create". */
CivArchiveBook *civ_archive_book_create (CivStore                  *store,
                                         const CivArchiveBookInput *input,
                                         GError                   **error);
/* Every book, by office, first year and 档号. */
GPtrArray      *civ_archive_book_list (CivStore *store, GError **error);
/* @book: the book id or its 档号. NULL with no error when there is none. */
CivArchiveBook *civ_archive_book_get (CivStore *store, const char *book, GError **error);
/* Supervisors only; refused while a slot is not accounted for (100 %) or a
 * dispute is open. Audited "archive.book.close". A closed book takes no
 * more keying, marks or images. */
gboolean        civ_archive_book_close (CivStore *store, const char *book, GError **error);

/* Page images ------------------------------------------------------------ */

typedef struct
{
  gint64 id;
  int    first_page;
  int    n_pages;
  char  *file_name;
  char  *media_type; /* image/jpeg, image/png, image/tiff, application/pdf */
  gint64 byte_size;
  char  *sha256;
  char  *created_by;
  char  *created_at;
} CivArchiveImage;

void civ_archive_image_free (CivArchiveImage *image);

/* Attaches @content (sniffed: JPEG, PNG, TIFF or PDF; anything else is
 * refused) as the image of pages @first_page … @first_page + @n_pages - 1
 * (a multi-page PDF or TIFF; 1 for a single picture). Audited. */
gint64     civ_archive_image_attach (CivStore   *store,
                                     const char *book,
                                     int         first_page,
                                     int         n_pages,
                                     const char *file_name,
                                     GBytes     *content,
                                     GError    **error);
GPtrArray *civ_archive_image_list (CivStore *store, const char *book, GError **error);
/* The newest image showing @page, its SHA-256 checked: the file's bytes,
 * with @image (optional) describing it and @index (optional) the page's
 * index inside the file (0 for a single picture). NULL with no error when
 * the page has no image. */
GBytes    *civ_archive_page_image (
     CivStore *store, const char *book, int page, CivArchiveImage **image, int *index, GError **error);

/* The ledger --------------------------------------------------------------- */

typedef struct
{
  int          page;
  int          slot;
  CivSlotState state;
  char        *record_id; /* entered: the historical record */
  char        *note;
  char        *updated_by;
  char        *updated_at;
} CivArchiveSlot;

void       civ_archive_slot_free (CivArchiveSlot *slot);
/* Every slot of the book, by page and slot. */
GPtrArray *civ_archive_ledger (CivStore *store, const char *book, GError **error);
/* Marks a slot (or, with @slot 0, every slot of the page not accounted for
 * yet) illegible, blank, torn or missing, with a note (required for
 * illegible, torn and missing). An entered slot is not re-marked. */
gboolean   civ_archive_slot_mark (CivStore    *store,
                                  const char  *book,
                                  int          page,
                                  int          slot,
                                  CivSlotState state,
                                  const char  *note,
                                  GError     **error);

/* Keying --------------------------------------------------------------------- */

typedef struct
{
  int          pass;      /* 1, 2 (double keying) or 3 (reconciliation) */
  CivSlotState state;     /* keyed-once, disputed or entered */
  char        *record_id; /* entered: the record written */
  GPtrArray   *findings;  /* CivFinding: the rules of the day (R-H1…), warnings only */
  GArray      *differing; /* int CivHistField: pass 2 that disagreed (never the values) */
} CivKeyingResult;

void civ_keying_result_free (CivKeyingResult *result);

/* The warnings an entry would get, without writing (live in the form). */
GPtrArray *civ_archive_check_entry (const CivHistoricalInput *input, const GDate *today);

/* Keys @input for the slot (archivists and supervisors). Invalid input
 * (civ_historical_validate () errors) fails with CIV_APP_ERROR_INVALID
 * naming the first field and changes nothing. The first keying is pass 1;
 * a keying by another archivist is pass 2, compared field by field with
 * pass 1 (the second archivist never sees the first's values); the same
 * archivist keying twice is refused. @started is when the form was opened
 * for the slot (entries per hour), NULL for now. */
CivKeyingResult *civ_archive_key_entry (CivStore                 *store,
                                        const char               *book,
                                        int                       page,
                                        int                       slot,
                                        const CivHistoricalInput *input,
                                        GDateTime                *started,
                                        GError                  **error);

typedef struct
{
  int                 page;
  int                 slot;
  char               *first_by;
  char               *second_by;
  CivHistoricalInput *first;
  CivHistoricalInput *second;
  GArray             *differing; /* int CivHistField */
} CivArchiveDispute;

void             civ_archive_dispute_free (CivArchiveDispute *dispute);
/* Open disputes of @book (NULL: every book) for a reconciler: a supervisor,
 * or an archivist who keyed neither pass (others are refused). */
GPtrArray       *civ_archive_disputes (CivStore *store, const char *book, GError **error);
/* Writes the reconciled entry (pass 3) as the record; audited
 * "archive.reconcile" with the fields that differed and the choice made. */
CivKeyingResult *civ_archive_reconcile (CivStore                 *store,
                                        const char               *book,
                                        int                       page,
                                        int                       slot,
                                        const CivHistoricalInput *final,
                                        GError                  **error);

/* Figures per archivist: entries keyed, hours spent in the form, entries
 * per hour, second keyings compared and how many of those disagreed. */
typedef struct
{
  char  *login;
  char  *display_name;
  guint  entries;
  double hours;
  double per_hour;
  guint  compared;      /* slots this archivist keyed that were compared */
  guint  disagreements; /* of those, how many differed */
  double disagreement_rate;
} CivKeyerFigures;

void       civ_keyer_figures_free (CivKeyerFigures *figures);
GPtrArray *civ_archive_keyer_figures (CivStore *store, GError **error);

/* Coverage ------------------------------------------------------------------- */

typedef enum
{
  CIV_COVERAGE_BY_BOOK = 0,
  CIV_COVERAGE_BY_YEAR,
  CIV_COVERAGE_BY_OFFICE,
} CivCoverageGroup;

typedef struct
{
  char *key;   /* book id, year "1985", or office code */
  char *label; /* 档号 and title, the year, the office's name */
  guint counts[CIV_SLOT_N_STATES];
  guint n_slots;
  guint n_accounted;
  guint n_pages;
  guint n_pages_accounted; /* pages whose every slot is accounted for */
} CivCoverageRow;

void       civ_coverage_row_free (CivCoverageRow *row);
/* Rows for @group, restricted to books covering @year (0: all). A book
 * spanning several years counts under its first year. */
GPtrArray *civ_archive_coverage (CivStore *store, CivCoverageGroup group, int year, GError **error);

/* History in the person index ---------------------------------------------- */

typedef struct
{
  gint64 id;
  char  *kind; /* "overlapping-marriages" */
  char  *person_name;
  char  *person_doc;
  char  *record_a;
  char  *record_b;
  char  *found_at;
  char  *reviewed_by; /* NULL while open */
  char  *review_note;
} CivHistoryConflict;

void       civ_history_conflict_free (CivHistoryConflict *conflict);
GPtrArray *civ_archive_conflicts (CivStore *store, gboolean open_only, GError **error);
/* A supervisor notes what the review found (audited); the records stay. */
gboolean civ_archive_conflict_review (CivStore *store, gint64 id, const char *note, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivArchiveBook, civ_archive_book_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivArchiveImage, civ_archive_image_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivArchiveSlot, civ_archive_slot_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivKeyingResult, civ_keying_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivArchiveDispute, civ_archive_dispute_free)

G_END_DECLS
