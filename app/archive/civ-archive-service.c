// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-archive-service.c — register books, the ledger, double keying */
#include "civ-archive-service.h"

#include "civ-app-error.h"
#include "civ-archive-store.h"
#include "civ-tiff.h"
#include "civ-calendar.h"
#include "civ-history.h"
#include "civ-idnumber.h"
#include "civ-json.h"
#include "civ-permissions.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define MAX_IMAGE_BYTES (64 * 1024 * 1024)

static const char *const slot_codes[CIV_SLOT_N_STATES] = {
  [CIV_SLOT_UNSEEN] = "unseen",       [CIV_SLOT_KEYED_ONCE] = "keyed-once",
  [CIV_SLOT_DISPUTED] = "disputed",   [CIV_SLOT_ENTERED] = "entered",
  [CIV_SLOT_ILLEGIBLE] = "illegible", [CIV_SLOT_BLANK] = "blank",
  [CIV_SLOT_TORN] = "torn",           [CIV_SLOT_MISSING] = "missing",
};

const char *
civ_slot_state_to_string (CivSlotState state)
{
  return state < CIV_SLOT_N_STATES ? slot_codes[state] : "unseen";
}

gboolean
civ_slot_state_from_string (const char *text, CivSlotState *state)
{
  for (int i = 0; text && i < CIV_SLOT_N_STATES; i++)
    if (strcmp (text, slot_codes[i]) == 0)
      {
        *state = (CivSlotState) i;
        return TRUE;
      }
  return FALSE;
}

const char *
civ_slot_state_display_name (CivSlotState state)
{
  switch (state)
    {
    case CIV_SLOT_UNSEEN:
      return _ ("Not yet looked at");
    case CIV_SLOT_KEYED_ONCE:
      return _ ("Keyed once");
    case CIV_SLOT_DISPUTED:
      return _ ("Keyings differ");
    case CIV_SLOT_ENTERED:
      return C_ ("archive slot", "Entered");
    case CIV_SLOT_ILLEGIBLE:
      return _ ("Illegible");
    case CIV_SLOT_BLANK:
      return C_ ("archive slot", "Blank");
    case CIV_SLOT_TORN:
      return _ ("Torn");
    case CIV_SLOT_MISSING:
      return _ ("Missing");
    case CIV_SLOT_N_STATES:
    default:
      return "?";
    }
}

gboolean
civ_slot_state_is_accounted (CivSlotState state)
{
  return state >= CIV_SLOT_ENTERED && state < CIV_SLOT_N_STATES;
}

/* Books ------------------------------------------------------------------- */

CivArchiveBook *
civ_archive_book_copy (const CivArchiveBook *b)
{
  CivArchiveBook *c = g_memdup2 (b, sizeof *b);

  c->book_id = g_strdup (b->book_id);
  c->archive_no = g_strdup (b->archive_no);
  c->title = g_strdup (b->title);
  c->office_code = g_strdup (b->office_code);
  c->office_name = g_strdup (b->office_name);
  c->closed_by = g_strdup (b->closed_by);
  c->closed_at = g_strdup (b->closed_at);
  c->created_by = g_strdup (b->created_by);
  c->created_at = g_strdup (b->created_at);
  return c;
}

void
civ_archive_book_free (CivArchiveBook *b)
{
  if (b == NULL)
    return;
  g_free (b->book_id);
  g_free (b->archive_no);
  g_free (b->title);
  g_free (b->office_code);
  g_free (b->office_name);
  g_free (b->closed_by);
  g_free (b->closed_at);
  g_free (b->created_by);
  g_free (b->created_at);
  g_free (b);
}

double
civ_archive_book_coverage (const CivArchiveBook *book)
{
  return book->n_slots ? (double) book->n_accounted / book->n_slots : 0.0;
}

static CivArchiveBook *
book_from_row (const CivBookRow *row)
{
  CivArchiveBook *b = g_new0 (CivArchiveBook, 1);
  GHashTableIter  it;
  gpointer        k, v;

  b->book_id = g_strdup (row->book_id);
  b->archive_no = g_strdup (row->archive_no);
  b->title = g_strdup (row->title);
  b->office_code = g_strdup (row->office_code);
  b->office_name = g_strdup (row->office_name);
  if (!civ_hist_kind_from_string (row->category, &b->category))
    b->category = CIV_HIST_MARRIAGE;
  b->year_from = row->year_from;
  b->year_to = row->year_to;
  b->pages = row->pages;
  b->slots_per_page = row->slots_per_page;
  b->double_keying = row->double_keying;
  b->closed = g_strcmp0 (row->state, "closed") == 0;
  b->closed_by = g_strdup (row->closed_by);
  b->closed_at = g_strdup (row->closed_at);
  b->created_by = g_strdup (row->created_by);
  b->created_at = g_strdup (row->created_at);
  b->n_images = (guint) row->n_images;
  g_hash_table_iter_init (&it, row->counts);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      CivSlotState s;

      if (!civ_slot_state_from_string (k, &s))
        continue;
      b->counts[s] += GPOINTER_TO_UINT (v);
      b->n_slots += GPOINTER_TO_UINT (v);
      if (civ_slot_state_is_accounted (s))
        b->n_accounted += GPOINTER_TO_UINT (v);
    }
  return b;
}

/* The book @key (id or 档号), or an error naming it. */
static CivBookRow *
find_book (CivDb *db, const char *key, GError **error)
{
  GError     *local = NULL;
  CivBookRow *row = civ_book_find (db, key ? key : "", &local);

  if (row == NULL && local == NULL)
    g_set_error (&local, CIV_APP_ERROR, CIV_APP_ERROR_INVALID, _ ("There is no register book “%s”"),
                 key ? key : "");
  if (local)
    g_propagate_error (error, local);
  return row;
}

static gboolean
book_open (const CivBookRow *row, GError **error)
{
  if (g_strcmp0 (row->state, "closed") == 0)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("The register book “%s” is closed: nothing more can be entered in it"),
                   row->archive_no);
      return FALSE;
    }
  return TRUE;
}

static gboolean
commit_or_rollback (CivDb *db, gboolean ok, GError **error)
{
  if (ok && civ_db_commit (db, error))
    return TRUE;
  civ_db_rollback (db);
  return FALSE;
}

static char *
slot_object (const CivBookRow *book, int page, int slot)
{
  return g_strdup_printf ("%s p%d/%d", book->archive_no, page, slot);
}

CivArchiveBook *
civ_archive_book_create (CivStore *store, const CivArchiveBookInput *in, GError **error)
{
  CivDb             *db = civ_store_get_db (store);
  const CivOperator *op;
  g_autofree char   *office_code = NULL, *office_name = NULL, *now = NULL, *detail = NULL;
  g_autoptr (CivBookRow) existing = NULL;
  g_autoptr (CivJson) json = civ_json_new ();
  GDateTime *today = NULL;
  int        this_year;
  CivBookRow row = { 0 };
  GError    *local = NULL;

  g_return_val_if_fail (CIV_IS_STORE (store) && in != NULL, NULL);
  if (!civ_require (store, CIV_PERM_ARCHIVE_KEY, error))
    return NULL;
  today = g_date_time_new_now_local ();
  this_year = g_date_time_get_year (today);
  g_date_time_unref (today);

  if (in->archive_no == NULL || *in->archive_no == '\0' || g_ascii_isspace (*in->archive_no) ||
      strlen (in->archive_no) > 64)
    {
      civ_app_set_invalid (error, "R-AR2", "%s",
                           _ ("A register book needs its archive number (档号), at most 64 "
                              "characters"));
      return NULL;
    }
  if (in->category >= CIV_HIST_N_KINDS)
    {
      civ_app_set_invalid (error, "R-AR2", "%s",
                           _ ("Choose the book's category: marriage, divorce, reissue or "
                              "revocation"));
      return NULL;
    }
  if (in->year_from < 1949 || in->year_to < in->year_from || in->year_to > this_year)
    {
      civ_app_set_invalid (error, "R-AR2",
                           _ ("The book's years must run from 1949 or later to %d at most, the "
                              "first year not after the last"),
                           this_year);
      return NULL;
    }
  if (in->pages < 1 || in->pages > 5000 || in->slots_per_page < 1 || in->slots_per_page > 50)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID, "%s",
                   _ ("A book has 1 to 5,000 pages and 1 to 50 entries per page"));
      return NULL;
    }
  if (in->title && g_utf8_strlen (in->title, -1) > 200)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID, "%s",
                   _ ("A book's title has at most 200 characters"));
      return NULL;
    }
  office_code = in->office_code && *in->office_code ? g_strdup (in->office_code)
                                                    : civ_store_get_office_code (store);
  office_name = in->office_name && *in->office_name ? g_strdup (in->office_name)
                                                    : civ_store_get_office_name (store);
  if (office_code == NULL || strlen (office_code) != 6 || !civ_ascii_all_digits (office_code, 6))
    {
      civ_app_set_invalid (error, "R-ID6", "%s",
                           _ ("The book's office code must be the six-digit GB/T 2260 code"));
      return NULL;
    }
  existing = civ_book_find (db, in->archive_no, &local);
  if (local)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  if (existing)
    {
      civ_app_set_invalid (error, "R-AR2", _ ("The archive number “%s” is already a register book"),
                           in->archive_no);
      return NULL;
    }
  op = civ_store_get_operator (store);
  now = civ_db_now_iso ();
  row = (CivBookRow){
    .book_id = g_uuid_string_random (),
    .archive_no = in->archive_no,
    .title = in->title,
    .office_code = office_code,
    .office_name = office_name,
    .category = (char *) civ_hist_kind_to_string (in->category),
    .year_from = in->year_from,
    .year_to = in->year_to,
    .pages = in->pages,
    .slots_per_page = in->slots_per_page,
    .double_keying = in->double_keying,
    .created_by = op->login,
    .created_at = now,
  };
  civ_json_string (json, "book_id", row.book_id);
  civ_json_int (json, "pages", in->pages);
  civ_json_int (json, "slots_per_page", in->slots_per_page);
  civ_json_bool (json, "double_keying", in->double_keying);
  detail = civ_json_finish (json);
  if (!civ_db_begin (db, error))
    {
      g_free (row.book_id);
      return NULL;
    }
  if (!commit_or_rollback (db,
                           civ_book_insert (db, &row, error) != 0 &&
                             civ_store_audit (store, "archive.book.create", in->archive_no, detail,
                                              error),
                           error))
    {
      g_free (row.book_id);
      return NULL;
    }
  {
    CivArchiveBook *book = civ_archive_book_get (store, row.book_id, error);
    g_free (row.book_id);
    return book;
  }
}

GPtrArray *
civ_archive_book_list (CivStore *store, GError **error)
{
  g_autoptr (GPtrArray) rows = civ_book_list (civ_store_get_db (store), error);
  GPtrArray *books;

  if (rows == NULL)
    return NULL;
  books = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_archive_book_free);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (books, book_from_row (g_ptr_array_index (rows, i)));
  return books;
}

CivArchiveBook *
civ_archive_book_get (CivStore *store, const char *book, GError **error)
{
  g_autoptr (CivBookRow) row = civ_book_find (civ_store_get_db (store), book ? book : "", error);

  return row ? book_from_row (row) : NULL;
}

gboolean
civ_archive_book_close (CivStore *store, const char *key, GError **error)
{
  CivDb *db = civ_store_get_db (store);
  g_autoptr (CivBookRow) row = NULL;
  g_autoptr (CivArchiveBook) book = NULL;

  if (!civ_require (store, CIV_PERM_ARCHIVE_CLOSE, error))
    return FALSE;
  row = find_book (db, key, error);
  if (row == NULL || !book_open (row, error))
    return FALSE;
  book = book_from_row (row);
  /* A disputed slot is not accounted for: 100 % means no open dispute. */
  if (book->n_accounted < book->n_slots)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("The book “%s” cannot be closed: %u of its %u entry slots are not "
                      "accounted for yet"),
                   row->archive_no, book->n_slots - book->n_accounted, book->n_slots);
      return FALSE;
    }
  if (!civ_db_begin (db, error))
    return FALSE;
  return commit_or_rollback (db,
                             civ_book_set_closed (db, row->id,
                                                  civ_store_get_operator (store)->login, error) &&
                               civ_store_audit (store, "archive.book.close", row->archive_no, NULL,
                                                error),
                             error);
}

/* Images ------------------------------------------------------------------ */

void
civ_archive_image_free (CivArchiveImage *image)
{
  if (image == NULL)
    return;
  g_free (image->file_name);
  g_free (image->media_type);
  g_free (image->sha256);
  g_free (image->created_by);
  g_free (image->created_at);
  g_free (image);
}

static CivArchiveImage *
image_from_row (const CivImageRow *row)
{
  CivArchiveImage *image = g_new0 (CivArchiveImage, 1);

  image->id = row->id;
  image->first_page = row->first_page;
  image->n_pages = row->n_pages;
  image->file_name = g_strdup (row->file_name);
  image->media_type = g_strdup (row->media_type);
  image->byte_size = row->byte_size;
  image->sha256 = g_strdup (row->sha256);
  image->created_by = g_strdup (row->created_by);
  image->created_at = g_strdup (row->created_at);
  return image;
}

static const char *
sniff_image (const guint8 *d, gsize n)
{
  if (n >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
    return "image/jpeg";
  if (n >= 8 && memcmp (d, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  if (n >= 4 && (memcmp (d, "II*\0", 4) == 0 || memcmp (d, "MM\0*", 4) == 0))
    return "image/tiff";
  if (n >= 5 && memcmp (d, "%PDF-", 5) == 0)
    return "application/pdf";
  return NULL;
}

gint64
civ_archive_image_attach (CivStore   *store,
                          const char *key,
                          int         first_page,
                          int         n_pages,
                          const char *file_name,
                          GBytes     *content,
                          GError    **error)
{
  CivDb *db = civ_store_get_db (store);
  g_autoptr (CivBookRow) book = NULL;
  g_autoptr (CivJson) json = civ_json_new ();
  g_autofree char *detail = NULL, *base = NULL;
  const char      *media;
  gsize            len = 0;
  const guint8    *data;
  CivImageRow      row = { 0 };
  gint64           id;

  if (!civ_require (store, CIV_PERM_ARCHIVE_KEY, error))
    return 0;
  book = find_book (db, key, error);
  if (book == NULL || !book_open (book, error))
    return 0;
  data = content ? g_bytes_get_data (content, &len) : NULL;
  if (len == 0 || len > MAX_IMAGE_BYTES)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID, "%s",
                   _ ("A page image must not be empty and at most 64 MB"));
      return 0;
    }
  media = sniff_image (data, len);
  if (media == NULL)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID, "%s",
                   _ ("A page image must be a JPEG, PNG, TIFF or PDF file"));
      return 0;
    }
  if (n_pages < 1 || first_page < 1 || first_page + n_pages - 1 > book->pages)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("The book has pages 1 to %d: the image's pages must be "
                      "among them"),
                   book->pages);
      return 0;
    }
  if (strcmp (media, "image/tiff") == 0)
    {
      guint pictures = 0;

      /* Picture i of a TIFF is page first_page + i: a range longer than
       * the file's pictures would leave pages with no image. */
      if (!civ_tiff_count_pages (content, &pictures, error))
        return 0;
      if ((guint) n_pages > pictures)
        {
          g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "The TIFF file holds %u picture: it cannot cover %d pages",
                                    "The TIFF file holds %u pictures: it cannot cover %d pages",
                                    pictures),
                       pictures, n_pages);
          return 0;
        }
    }
  base = g_path_get_basename (file_name && *file_name ? file_name : "page");
  if (strlen (base) > 255)
    base[255] = '\0';
  row = (CivImageRow){
    .first_page = first_page,
    .n_pages = n_pages,
    .file_name = base,
    .media_type = (char *) media,
    .created_by = civ_store_get_operator (store)->login,
  };
  civ_json_string (json, "file_name", base);
  civ_json_int (json, "first_page", first_page);
  civ_json_int (json, "n_pages", n_pages);
  if (!civ_db_begin (db, error))
    return 0;
  id = civ_image_insert (db, book->id, &row, content, error);
  civ_json_int (json, "image", id);
  detail = civ_json_finish (json);
  if (!commit_or_rollback (db,
                           id != 0 && civ_store_audit (store, "archive.image.attach",
                                                       book->archive_no, detail, error),
                           error))
    return 0;
  return id;
}

GPtrArray *
civ_archive_image_list (CivStore *store, const char *key, GError **error)
{
  CivDb *db = civ_store_get_db (store);
  g_autoptr (CivBookRow) book = find_book (db, key, error);
  g_autoptr (GPtrArray) rows = NULL;
  GPtrArray *images;

  if (book == NULL || (rows = civ_image_list (db, book->id, error)) == NULL)
    return NULL;
  images = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_archive_image_free);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (images, image_from_row (g_ptr_array_index (rows, i)));
  return images;
}

GBytes *
civ_archive_page_image (
  CivStore *store, const char *key, int page, CivArchiveImage **image, int *index, GError **error)
{
  CivDb *db = civ_store_get_db (store);
  g_autoptr (CivBookRow) book = find_book (db, key, error);
  g_autoptr (CivImageRow) row = NULL;
  GBytes *bytes;

  if (book == NULL)
    return NULL;
  bytes = civ_image_for_page (db, book->id, page, &row, error);
  if (bytes == NULL)
    return NULL;
  if (image)
    *image = image_from_row (row);
  if (index)
    *index = page - row->first_page;
  return bytes;
}

/* The ledger --------------------------------------------------------------- */

void
civ_archive_slot_free (CivArchiveSlot *slot)
{
  if (slot == NULL)
    return;
  g_free (slot->record_id);
  g_free (slot->note);
  g_free (slot->updated_by);
  g_free (slot->updated_at);
  g_free (slot);
}

static CivSlotState
row_state (const CivSlotRow *row)
{
  CivSlotState s = CIV_SLOT_UNSEEN;

  civ_slot_state_from_string (row->state, &s);
  return s;
}

GPtrArray *
civ_archive_ledger (CivStore *store, const char *key, GError **error)
{
  CivDb *db = civ_store_get_db (store);
  g_autoptr (CivBookRow) book = find_book (db, key, error);
  g_autoptr (GPtrArray) rows = NULL;
  GPtrArray *slots;

  if (book == NULL || (rows = civ_slot_list (db, book->id, error)) == NULL)
    return NULL;
  slots = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_archive_slot_free);
  for (guint i = 0; i < rows->len; i++)
    {
      CivSlotRow     *r = g_ptr_array_index (rows, i);
      CivArchiveSlot *s = g_new0 (CivArchiveSlot, 1);

      s->page = r->page;
      s->slot = r->slot;
      s->state = row_state (r);
      s->record_id = g_strdup (r->record_id);
      s->note = g_strdup (r->note);
      s->updated_by = g_strdup (r->updated_by);
      s->updated_at = g_strdup (r->updated_at);
      g_ptr_array_add (slots, s);
    }
  return slots;
}

static CivSlotRow *
find_slot (CivDb *db, const CivBookRow *book, int page, int slot, GError **error)
{
  GError     *local = NULL;
  CivSlotRow *row = civ_slot_find (db, book->id, page, slot, &local);

  if (row == NULL && local == NULL)
    g_set_error (&local, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                 _ ("The book “%s” has no entry %d on page %d"), book->archive_no, slot, page);
  if (local)
    g_propagate_error (error, local);
  return row;
}

gboolean
civ_archive_slot_mark (CivStore    *store,
                       const char  *key,
                       int          page,
                       int          slot,
                       CivSlotState state,
                       const char  *note,
                       GError     **error)
{
  CivDb      *db = civ_store_get_db (store);
  const char *login;
  g_autoptr (CivBookRow) book = NULL;
  g_autoptr (GPtrArray) targets =
    g_ptr_array_new_with_free_func ((GDestroyNotify) civ_slot_row_free);
  g_autofree char *clean = g_strstrip (g_strdup (note ? note : ""));
  g_autofree char *object = NULL, *detail = NULL;
  g_autoptr (CivJson) json = civ_json_new ();
  gboolean ok = TRUE;

  if (!civ_require (store, CIV_PERM_ARCHIVE_KEY, error))
    return FALSE;
  book = find_book (db, key, error);
  if (book == NULL || !book_open (book, error))
    return FALSE;
  if (state != CIV_SLOT_ILLEGIBLE && state != CIV_SLOT_BLANK && state != CIV_SLOT_TORN &&
      state != CIV_SLOT_MISSING)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID, "%s",
                   _ ("An entry slot is marked illegible, blank, torn or missing"));
      return FALSE;
    }
  if (*clean == '\0' && state != CIV_SLOT_BLANK)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID, "%s",
                   _ (
                     "Say what you see: a note is needed for an illegible, torn or missing entry"));
      return FALSE;
    }
  if (g_utf8_strlen (clean, -1) > 500)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID, "%s",
                   _ ("A note has at most 500 characters"));
      return FALSE;
    }
  if (page < 1 || page > book->pages)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID, _ ("The book has pages 1 to %d"),
                   book->pages);
      return FALSE;
    }
  if (slot == 0)
    {
      g_autoptr (GPtrArray) all = civ_slot_list (db, book->id, error);

      if (all == NULL)
        return FALSE;
      for (guint i = 0; i < all->len; i++)
        {
          CivSlotRow *r = g_ptr_array_index (all, i);

          /* The ledger's own rows: taken over, not read again. */
          if (r->page == page && row_state (r) == CIV_SLOT_UNSEEN)
            g_ptr_array_add (targets, g_steal_pointer (&g_ptr_array_index (all, i)));
        }
    }
  else
    {
      CivSlotRow  *r = find_slot (db, book, page, slot, error);
      CivSlotState s;

      if (r == NULL)
        return FALSE;
      g_ptr_array_add (targets, r);
      s = row_state (r);
      if (s == CIV_SLOT_ENTERED || s == CIV_SLOT_KEYED_ONCE || s == CIV_SLOT_DISPUTED)
        {
          g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                       _ ("Entry %d on page %d is already %s: it cannot be marked"), slot, page,
                       civ_slot_state_display_name (s));
          return FALSE;
        }
    }
  login = civ_store_get_operator (store)->login;
  object =
    slot ? slot_object (book, page, slot) : g_strdup_printf ("%s p%d", book->archive_no, page);
  civ_json_string (json, "state", civ_slot_state_to_string (state));
  civ_json_int (json, "slots", targets->len);
  civ_json_string (json, "note", clean);
  detail = civ_json_finish (json);
  if (!civ_db_begin (db, error))
    return FALSE;
  for (guint i = 0; ok && i < targets->len; i++)
    {
      CivSlotRow *r = g_ptr_array_index (targets, i);
      ok = civ_slot_set (db, book->id, r->page, r->slot, civ_slot_state_to_string (state), NULL,
                         clean, login, error);
    }
  return commit_or_rollback (db,
                             ok &&
                               civ_store_audit (store, "archive.slot.mark", object, detail, error),
                             error);
}

/* Keying --------------------------------------------------------------------- */

void
civ_keying_result_free (CivKeyingResult *result)
{
  if (result == NULL)
    return;
  g_free (result->record_id);
  g_clear_pointer (&result->findings, g_ptr_array_unref);
  g_clear_pointer (&result->differing, g_array_unref);
  g_free (result);
}

GPtrArray *
civ_archive_check_entry (const CivHistoricalInput *input, const GDate *today)
{
  GPtrArray *findings = civ_findings_new ();
  GDate      now;

  if (today == NULL)
    {
      civ_date_today (&now);
      today = &now;
    }
  civ_historical_validate (input, today, NULL, findings);
  return findings;
}

/* Validates @input for the book: fills @findings; FALSE with an error
 * naming the first bad field. */
static gboolean
check_input (const CivBookRow         *book,
             const CivHistoricalInput *input,
             GPtrArray                *findings,
             GError                  **error)
{
  g_autoptr (GPtrArray) errors =
    g_ptr_array_new_with_free_func ((GDestroyNotify) civ_field_error_free);
  CivHistKind category = CIV_HIST_MARRIAGE;
  GDate       today;

  civ_date_today (&today);
  civ_hist_kind_from_string (book->category, &category);
  if (input->kind != category)
    {
      civ_app_set_invalid (error, "R-AR2", _ ("The book “%s” holds %s entries, not %s entries"),
                           book->archive_no, civ_hist_kind_display_name (category),
                           civ_hist_kind_display_name (input->kind));
      return FALSE;
    }
  if (!civ_historical_validate (input, &today, errors, findings))
    {
      CivFieldError *e = g_ptr_array_index (errors, 0);

      if (e->field >= 0)
        g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID, "%s: %s",
                     civ_hist_field_label (e->field), e->message);
      else
        g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID, "%s", e->message);
      return FALSE;
    }
  return TRUE;
}

static GArray *
compare_entries (const CivHistoricalInput *a, const CivHistoricalInput *b)
{
  GArray *differing = g_array_new (FALSE, FALSE, sizeof (int));

  for (int f = 0; f < CIV_HF_N_FIELDS; f++)
    {
      g_autofree char *va = civ_historical_get_field (a, f);
      g_autofree char *vb = civ_historical_get_field (b, f);

      if (g_strcmp0 (va ? va : "", vb ? vb : "") != 0)
        g_array_append_val (differing, f);
    }
  return differing;
}

static char *
iso_of (GDateTime *t)
{
  return g_date_time_format (t, "%Y-%m-%dT%H:%M:%SZ");
}

/* Writes @input as the slot's record, in the open transaction. */
static char *
write_record (CivStore                 *store,
              const CivBookRow         *book,
              int                       page,
              int                       slot,
              const CivHistoricalInput *input,
              GPtrArray                *findings,
              GError                  **error)
{
  CivDb *db = civ_store_get_db (store);
  g_autoptr (CivHistoryWriter) writer = civ_history_writer_new (db, error);
  g_autoptr (CivPinyin) pinyin = NULL;
  g_autofree char *now = civ_db_now_iso ();
  g_autoptr (CivHistoricalInput) copy = NULL;
  CivHistSource     source = { .book = book->id, .book_page = page, .book_slot = slot };
  CivHistoryContext ctx;
  char             *record_id;

  if (writer == NULL || (pinyin = civ_pinyin_new (error)) == NULL)
    return NULL;
  copy = civ_historical_input_copy (input);
  /* The source reference: the book's 档号, the page and the entry, unless the
   * entry's own says more. */
  if (copy->archive_no == NULL || *copy->archive_no == '\0')
    {
      g_free (copy->archive_no);
      copy->archive_no = g_strdup (book->archive_no);
    }
  if (copy->page == 0)
    copy->page = page;
  if (copy->entry == 0)
    copy->entry = slot;
  ctx = (CivHistoryContext){
    .writer = writer,
    .pinyin = pinyin,
    .created_by = civ_store_get_operator (store)->login,
    .created_at = now,
  };
  record_id = civ_history_write (&ctx, copy, &source, findings, error);
  if (record_id &&
      !civ_slot_set (db, book->id, page, slot, "entered", record_id, "", ctx.created_by, error))
    g_clear_pointer (&record_id, g_free);
  return record_id;
}

CivKeyingResult *
civ_archive_key_entry (CivStore                 *store,
                       const char               *key,
                       int                       page,
                       int                       slot,
                       const CivHistoricalInput *input,
                       GDateTime                *started,
                       GError                  **error)
{
  CivDb      *db = civ_store_get_db (store);
  const char *login;
  g_autoptr (CivBookRow) book = NULL;
  g_autoptr (CivSlotRow) slot_row = NULL;
  g_autoptr (CivKeyingRow) first = NULL;
  g_autoptr (CivKeyingResult) result = g_new0 (CivKeyingResult, 1);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *fields = NULL, *started_iso = NULL, *finished_iso = NULL, *object = NULL;
  g_autofree char *detail = NULL;
  g_autoptr (CivJson) json = civ_json_new ();
  CivKeyingRow keying;
  CivSlotState state;
  GError      *local = NULL;
  gboolean     ok;

  g_return_val_if_fail (input != NULL, NULL);
  if (!civ_require (store, CIV_PERM_ARCHIVE_KEY, error))
    return NULL;
  book = find_book (db, key, error);
  if (book == NULL || !book_open (book, error))
    return NULL;
  slot_row = find_slot (db, book, page, slot, error);
  if (slot_row == NULL)
    return NULL;
  state = row_state (slot_row);
  if (state != CIV_SLOT_UNSEEN && state != CIV_SLOT_KEYED_ONCE)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("Entry %d on page %d is already %s"), slot, page,
                   civ_slot_state_display_name (state));
      return NULL;
    }
  result->findings = civ_findings_new ();
  if (!check_input (book, input, result->findings, error))
    return NULL;
  login = civ_store_get_operator (store)->login;
  first = civ_keying_find (db, book->id, page, slot, 1, &local);
  if (local)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  if (first && strcmp (first->operator_login, login) == 0)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID, "%s",
                   _ ("You keyed this entry already: the second keying must be made by "
                      "another archivist"));
      return NULL;
    }
  result->pass = first ? 2 : 1;
  result->differing = g_array_new (FALSE, FALSE, sizeof (int));
  if (first)
    {
      g_autoptr (CivHistoricalInput) earlier = civ_historical_from_json (first->fields, error);

      if (earlier == NULL)
        return NULL;
      g_array_unref (result->differing);
      result->differing = compare_entries (earlier, input);
    }

  fields = civ_historical_to_json (input);
  started_iso = iso_of (started ? started : now);
  finished_iso = iso_of (now);
  keying = (CivKeyingRow){
    .page = page,
    .slot = slot,
    .pass = result->pass,
    .operator_login = (char *) login,
    .started_at = started_iso,
    .finished_at = finished_iso,
    .fields = fields,
    .differences = (int) result->differing->len,
  };
  if (!civ_db_begin (db, error))
    return NULL;
  ok = civ_keying_insert (db, book->id, &keying, error);
  if (ok && result->pass == 1 && book->double_keying)
    {
      result->state = CIV_SLOT_KEYED_ONCE;
      ok = civ_slot_set (db, book->id, page, slot, "keyed-once", NULL, "", login, error);
    }
  else if (ok && result->differing->len > 0)
    {
      result->state = CIV_SLOT_DISPUTED;
      ok = civ_slot_set (db, book->id, page, slot, "disputed", NULL, "", login, error);
    }
  else if (ok)
    {
      result->state = CIV_SLOT_ENTERED;
      result->record_id = write_record (store, book, page, slot, input, result->findings, error);
      ok = result->record_id != NULL;
    }
  object = slot_object (book, page, slot);
  civ_json_int (json, "pass", result->pass);
  civ_json_string (json, "state", civ_slot_state_to_string (result->state));
  civ_json_int (json, "differences", result->differing->len);
  if (result->record_id)
    civ_json_string (json, "record_id", result->record_id);
  detail = civ_json_finish (json);
  if (!commit_or_rollback (db, ok && civ_store_audit (store, "archive.key", object, detail, error),
                           error))
    return NULL;
  return g_steal_pointer (&result);
}

void
civ_archive_dispute_free (CivArchiveDispute *d)
{
  if (d == NULL)
    return;
  g_free (d->first_by);
  g_free (d->second_by);
  civ_historical_input_free (d->first);
  civ_historical_input_free (d->second);
  g_clear_pointer (&d->differing, g_array_unref);
  g_free (d);
}

/* The dispute of one slot; NULL with no error when @login keyed it and is
 * not allowed to see it. */
static CivArchiveDispute *
load_dispute (
  CivDb *db, const CivBookRow *book, int page, int slot, const char *login, GError **error)
{
  g_autoptr (CivKeyingRow) k1 = civ_keying_find (db, book->id, page, slot, 1, error);
  g_autoptr (CivKeyingRow) k2 = NULL;
  g_autoptr (CivArchiveDispute) d = NULL;

  if (k1 == NULL)
    return NULL;
  k2 = civ_keying_find (db, book->id, page, slot, 2, error);
  if (k2 == NULL)
    return NULL;
  if (strcmp (k1->operator_login, login) == 0 || strcmp (k2->operator_login, login) == 0)
    return NULL;
  d = g_new0 (CivArchiveDispute, 1);
  d->page = page;
  d->slot = slot;
  d->first_by = g_strdup (k1->operator_login);
  d->second_by = g_strdup (k2->operator_login);
  d->first = civ_historical_from_json (k1->fields, error);
  if (d->first == NULL)
    return NULL;
  d->second = civ_historical_from_json (k2->fields, error);
  if (d->second == NULL)
    return NULL;
  d->differing = compare_entries (d->first, d->second);
  return g_steal_pointer (&d);
}

GPtrArray *
civ_archive_disputes (CivStore *store, const char *key, GError **error)
{
  CivDb      *db = civ_store_get_db (store);
  const char *login;
  g_autoptr (GPtrArray) books = NULL;
  g_autoptr (GPtrArray) out =
    g_ptr_array_new_with_free_func ((GDestroyNotify) civ_archive_dispute_free);

  if (!civ_require (store, CIV_PERM_ARCHIVE_RECONCILE, error))
    return NULL;
  login = civ_store_get_operator (store)->login;
  if (key)
    {
      CivBookRow *row = find_book (db, key, error);

      if (row == NULL)
        return NULL;
      books = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_book_row_free);
      g_ptr_array_add (books, row);
    }
  else if ((books = civ_book_list (db, error)) == NULL)
    return NULL;
  for (guint b = 0; b < books->len; b++)
    {
      CivBookRow *book = g_ptr_array_index (books, b);
      g_autoptr (GPtrArray) slots = NULL;

      /* The book's counts say whether it has a dispute at all. */
      if (g_hash_table_lookup (book->counts, "disputed") == NULL)
        continue;
      slots = civ_slot_list (db, book->id, error);
      if (slots == NULL)
        return NULL;
      for (guint i = 0; i < slots->len; i++)
        {
          CivSlotRow        *s = g_ptr_array_index (slots, i);
          GError            *local = NULL;
          CivArchiveDispute *d;

          if (g_strcmp0 (s->state, "disputed") != 0)
            continue;
          d = load_dispute (db, book, s->page, s->slot, login, &local);
          if (local)
            {
              g_propagate_error (error, local);
              return NULL;
            }
          if (d)
            g_ptr_array_add (out, d);
        }
    }
  return g_steal_pointer (&out);
}

CivKeyingResult *
civ_archive_reconcile (CivStore                 *store,
                       const char               *key,
                       int                       page,
                       int                       slot,
                       const CivHistoricalInput *final,
                       GError                  **error)
{
  CivDb      *db = civ_store_get_db (store);
  const char *login;
  g_autoptr (CivBookRow) book = NULL;
  g_autoptr (CivSlotRow) slot_row = NULL;
  g_autoptr (CivArchiveDispute) d = NULL;
  g_autoptr (CivKeyingResult) result = g_new0 (CivKeyingResult, 1);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GPtrArray) choices = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *fields = NULL, *iso = NULL, *object = NULL, *detail = NULL;
  g_autoptr (CivJson) json = civ_json_new ();
  CivKeyingRow keying;
  GError      *local = NULL;
  gboolean     ok;

  if (!civ_require (store, CIV_PERM_ARCHIVE_RECONCILE, error))
    return NULL;
  login = civ_store_get_operator (store)->login;
  book = find_book (db, key, error);
  if (book == NULL || !book_open (book, error))
    return NULL;
  slot_row = find_slot (db, book, page, slot, error);
  if (slot_row == NULL)
    return NULL;
  if (row_state (slot_row) != CIV_SLOT_DISPUTED)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("Entry %d on page %d has no keyings to reconcile"), slot, page);
      return NULL;
    }
  d = load_dispute (db, book, page, slot, login, &local);
  if (local)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  if (d == NULL)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_REFUSED, "%s",
                   _ ("You keyed this entry: its keyings are reconciled by a third "
                      "archivist or a supervisor"));
      return NULL;
    }
  result->findings = civ_findings_new ();
  if (!check_input (book, final, result->findings, error))
    return NULL;
  result->pass = 3;
  result->state = CIV_SLOT_ENTERED;
  result->differing = g_array_ref (d->differing);
  for (guint i = 0; i < d->differing->len; i++)
    {
      int              f = g_array_index (d->differing, int, i);
      g_autofree char *v = civ_historical_get_field (final, f);
      g_autofree char *v1 = civ_historical_get_field (d->first, f);
      g_autofree char *v2 = civ_historical_get_field (d->second, f);
      const char      *choice = g_strcmp0 (v, v1) == 0   ? "first"
                                : g_strcmp0 (v, v2) == 0 ? "second"
                                                         : "retyped";

      g_ptr_array_add (choices, g_strdup_printf ("%s=%s", civ_hist_field_name (f), choice));
    }
  g_ptr_array_add (choices, NULL);
  fields = civ_historical_to_json (final);
  iso = iso_of (now);
  keying = (CivKeyingRow){
    .page = page,
    .slot = slot,
    .pass = 3,
    .operator_login = (char *) login,
    .started_at = iso,
    .finished_at = iso,
    .fields = fields,
    .differences = (int) d->differing->len,
  };
  if (!civ_db_begin (db, error))
    return NULL;
  ok = civ_keying_insert (db, book->id, &keying, error);
  if (ok)
    {
      result->record_id = write_record (store, book, page, slot, final, result->findings, error);
      ok = result->record_id != NULL;
    }
  object = slot_object (book, page, slot);
  civ_json_string (json, "first_by", d->first_by);
  civ_json_string (json, "second_by", d->second_by);
  civ_json_strv (json, "choices", (const char *const *) choices->pdata);
  if (result->record_id)
    civ_json_string (json, "record_id", result->record_id);
  detail = civ_json_finish (json);
  if (!commit_or_rollback (db,
                           ok &&
                             civ_store_audit (store, "archive.reconcile", object, detail, error),
                           error))
    return NULL;
  return g_steal_pointer (&result);
}

/* Figures ---------------------------------------------------------------- */

void
civ_keyer_figures_free (CivKeyerFigures *f)
{
  if (f == NULL)
    return;
  g_free (f->login);
  g_free (f->display_name);
  g_free (f);
}

GPtrArray *
civ_archive_keyer_figures (CivStore *store, GError **error)
{
  g_autoptr (GPtrArray) rows = NULL;
  GPtrArray *out;

  if (!civ_require (store, CIV_PERM_ARCHIVE_RECONCILE, error))
    return NULL;
  rows = civ_keyer_stats (civ_store_get_db (store), error);
  if (rows == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_keyer_figures_free);
  for (guint i = 0; i < rows->len; i++)
    {
      CivKeyerRow     *r = g_ptr_array_index (rows, i);
      CivKeyerFigures *f = g_new0 (CivKeyerFigures, 1);
      g_autoptr (CivOperator) op = civ_store_find_operator (store, r->login, NULL);

      f->login = g_strdup (r->login);
      f->display_name = g_strdup (op ? op->display_name : r->login);
      f->entries = (guint) r->entries;
      f->hours = r->seconds / 3600.0;
      f->per_hour = r->seconds > 0 ? r->entries / f->hours : 0.0;
      f->compared = (guint) r->compared;
      f->disagreements = (guint) r->disagreements;
      f->disagreement_rate = r->compared ? (double) r->disagreements / r->compared : 0.0;
      g_ptr_array_add (out, f);
    }
  return out;
}

/* Coverage ------------------------------------------------------------------- */

void
civ_coverage_row_free (CivCoverageRow *row)
{
  if (row == NULL)
    return;
  g_free (row->key);
  g_free (row->label);
  g_free (row);
}

GPtrArray *
civ_archive_coverage (CivStore *store, CivCoverageGroup group, int year, GError **error)
{
  CivDb *db = civ_store_get_db (store);
  g_autoptr (GPtrArray) books = civ_book_list (db, error);
  g_autoptr (GHashTable) pages = NULL;
  g_autoptr (GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *out;

  if (books == NULL || (pages = civ_book_pages_accounted (db, error)) == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_coverage_row_free);
  for (guint i = 0; i < books->len; i++)
    {
      CivBookRow *r = g_ptr_array_index (books, i);
      g_autoptr (CivArchiveBook) b = NULL;
      g_autofree char *key = NULL;
      CivCoverageRow  *row;

      if (year && (year < r->year_from || year > r->year_to))
        continue;
      b = book_from_row (r);
      key = group == CIV_COVERAGE_BY_BOOK   ? g_strdup (r->book_id)
            : group == CIV_COVERAGE_BY_YEAR ? g_strdup_printf ("%d", r->year_from)
                                            : g_strdup (r->office_code);
      row = g_hash_table_lookup (by_key, key);
      if (row == NULL)
        {
          row = g_new0 (CivCoverageRow, 1);
          row->key = g_steal_pointer (&key);
          row->label = group == CIV_COVERAGE_BY_BOOK
                         ? (*r->title ? g_strdup_printf ("%s %s", r->archive_no, r->title)
                                      : g_strdup (r->archive_no))
                       : group == CIV_COVERAGE_BY_YEAR ? g_strdup (row->key)
                                                       : g_strdup (r->office_name);
          g_hash_table_insert (by_key, row->key, row);
          g_ptr_array_add (out, row);
        }
      for (int s = 0; s < CIV_SLOT_N_STATES; s++)
        row->counts[s] += b->counts[s];
      row->n_slots += b->n_slots;
      row->n_accounted += b->n_accounted;
      row->n_pages += (guint) r->pages;
      row->n_pages_accounted += GPOINTER_TO_UINT (g_hash_table_lookup (pages, &r->id));
    }
  return out;
}

/* Conflicts ---------------------------------------------------------------- */

void
civ_history_conflict_free (CivHistoryConflict *c)
{
  if (c == NULL)
    return;
  g_free (c->kind);
  g_free (c->person_name);
  g_free (c->person_doc);
  g_free (c->record_a);
  g_free (c->record_b);
  g_free (c->found_at);
  g_free (c->reviewed_by);
  g_free (c->review_note);
  g_free (c);
}

GPtrArray *
civ_archive_conflicts (CivStore *store, gboolean open_only, GError **error)
{
  g_autoptr (GPtrArray) rows = NULL;
  GPtrArray *out;

  if (!civ_require (store, CIV_PERM_ARCHIVE_KEY, error))
    return NULL;
  rows = civ_conflict_list (civ_store_get_db (store), open_only, error);
  if (rows == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_history_conflict_free);
  for (guint i = 0; i < rows->len; i++)
    {
      CivConflictRow     *r = g_ptr_array_index (rows, i);
      CivHistoryConflict *c = g_new0 (CivHistoryConflict, 1);

      c->id = r->id;
      c->kind = g_strdup (r->kind);
      c->person_name = g_strdup (r->person_name);
      c->person_doc = g_strdup (r->person_doc);
      c->record_a = g_strdup (r->record_a);
      c->record_b = g_strdup (r->record_b);
      c->found_at = g_strdup (r->found_at);
      c->reviewed_by = g_strdup (r->reviewed_by);
      c->review_note = g_strdup (r->review_note);
      g_ptr_array_add (out, c);
    }
  return out;
}

gboolean
civ_archive_conflict_review (CivStore *store, gint64 id, const char *note, GError **error)
{
  CivDb           *db = civ_store_get_db (store);
  g_autofree char *clean = g_strstrip (g_strdup (note ? note : ""));
  g_autofree char *object = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autoptr (CivJson) json = civ_json_new ();
  g_autofree char *detail = NULL;
  gboolean         found = FALSE, ok;

  if (!civ_require (store, CIV_PERM_ARCHIVE_CLOSE, error))
    return FALSE;
  if (*clean == '\0' || g_utf8_strlen (clean, -1) > 500)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID, "%s",
                   _ ("Write what the review found (at most 500 characters)"));
      return FALSE;
    }
  civ_json_string (json, "note", clean);
  detail = civ_json_finish (json);
  if (!civ_db_begin (db, error))
    return FALSE;
  ok = civ_conflict_review (db, id, civ_store_get_operator (store)->login, clean, &found, error);
  if (ok && !found)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID, "%s",
                   _ ("There is no such open history conflict"));
      ok = FALSE;
    }
  return commit_or_rollback (db,
                             ok && civ_store_audit (store, "archive.conflict.review", object,
                                                    detail, error),
                             error);
}
