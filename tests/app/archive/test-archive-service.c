// SPDX-License-Identifier: GPL-3.0-or-later
/* test-archive-service.c — register books, the ledger, double keying,
 * reconciliation and history in date order (issue 14) over a real office */
#include "civ-app-error.h"
#include "civ-archive-service.h"
#include "civ-record-actions.h"
#include "civ-record-service.h"
#include "civ-test-utils.h"

#include <string.h>
#include <tiffio.h>

#define A_PW "Archivist-one"
#define B_PW "Archivist-two"

typedef struct
{
  char     *dir;
  CivStore *store; /* open as the current operator */
} Fixture;

static void
as (Fixture *f, const char *login, const char *password)
{
  g_autoptr (GError) error = NULL;

  g_clear_object (&f->store);
  f->store = civ_store_open (f->dir, login, password, &error);
  g_assert_no_error (error);
}

static void
set_up (Fixture *f, gconstpointer data)
{
  f->store = civ_test_new_office (&f->dir, NULL);
  civ_test_add_operator (f->store, "arch1", "档案员甲", CIV_ROLE_ARCHIVIST, A_PW);
  civ_test_add_operator (f->store, "arch2", "档案员乙", CIV_ROLE_ARCHIVIST, B_PW);
  civ_test_add_operator (f->store, "clerk", "王登记", CIV_ROLE_REGISTRAR, "Clerk-password");
}

static void
tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  civ_test_rmdir (f->dir);
  g_free (f->dir);
}

static CivArchiveBook *
new_book (Fixture    *f,
          const char *archive_no,
          CivHistKind category,
          int         pages,
          int         slots,
          gboolean    double_keying)
{
  g_autoptr (GError) error = NULL;
  CivArchiveBookInput in = {
    .archive_no = (char *) archive_no,
    .title = (char *) "结婚登记簿",
    .category = category,
    .year_from = 1980,
    .year_to = 1995,
    .pages = pages,
    .slots_per_page = slots,
    .double_keying = double_keying,
  };
  CivArchiveBook *book = civ_archive_book_create (f->store, &in, &error);

  g_assert_no_error (error);
  g_assert_nonnull (book);
  return book;
}

static void
set (CivHistoricalInput *in, const char *field, const char *text)
{
  g_autoptr (GError) error = NULL;
  int f = civ_hist_field_from_name (field);

  g_assert_cmpint (f, >=, 0);
  g_assert_true (civ_historical_set_field (in, f, text, &error));
  g_assert_no_error (error);
}

/* A marriage (or other) entry of @his (id @hid or none) and @hers. */
static CivHistoricalInput *
entry (const char *kind,
       const char *date,
       const char *his,
       const char *hid,
       const char *hers,
       const char *wid)
{
  CivHistoricalInput *in = civ_historical_input_new ();

  set (in, "kind", kind);
  set (in, "date", date);
  set (in, "office_code", "110101");
  set (in, "office_name", "北京市东城区婚姻登记处");
  set (in, "party1_name", his);
  set (in, "party1_sex", "1");
  set (in, "party2_name", hers);
  set (in, "party2_sex", "2");
  if (hid)
    {
      set (in, "party1_doc_kind", "resident-id");
      set (in, "party1_doc_number", hid);
    }
  else
    set (in, "party1_doc_status", "ABSENT_PRE_ID");
  if (wid)
    {
      set (in, "party2_doc_kind", "resident-id");
      set (in, "party2_doc_number", wid);
    }
  else
    set (in, "party2_doc_status", "ABSENT_PRE_ID");
  return in;
}

static CivKeyingResult *
key (Fixture *f, const char *book, int page, int slot, const CivHistoricalInput *in)
{
  g_autoptr (GError) error = NULL;
  CivKeyingResult *r = civ_archive_key_entry (f->store, book, page, slot, in, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (r);
  return r;
}

static CivArchiveSlot *
slot_of (GPtrArray *ledger, int page, int slot)
{
  for (guint i = 0; i < ledger->len; i++)
    {
      CivArchiveSlot *s = g_ptr_array_index (ledger, i);
      if (s->page == page && s->slot == slot)
        return s;
    }
  g_assert_not_reached ();
}

static void
test_books (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivArchiveBook) book = NULL;
  g_autoptr (CivArchiveBook) again = NULL;
  g_autoptr (GPtrArray) books = NULL;
  CivArchiveBookInput bad = { .archive_no = (char *) "A-1980-001",
                              .category = CIV_HIST_MARRIAGE,
                              .year_from = 1980,
                              .year_to = 1981,
                              .pages = 2,
                              .slots_per_page = 4 };

  as (f, "arch1", A_PW);
  book = new_book (f, "A-1980-001", CIV_HIST_MARRIAGE, 3, 4, TRUE);
  g_assert_cmpuint (book->n_slots, ==, 12);
  g_assert_cmpuint (book->counts[CIV_SLOT_UNSEEN], ==, 12);
  g_assert_cmpstr (book->office_code, ==, "110101");
  g_assert_cmpfloat (civ_archive_book_coverage (book), ==, 0.0);

  /* The same 档号 twice is refused and changes nothing. */
  again = civ_archive_book_create (f->store, &bad, &error);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_assert_null (again);
  g_clear_error (&error);
  bad.archive_no = (char *) "A-1980-002";
  bad.year_to = 1979;
  g_assert_null (civ_archive_book_create (f->store, &bad, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_clear_error (&error);
  bad.year_to = 1981;
  bad.pages = 0;
  g_assert_null (civ_archive_book_create (f->store, &bad, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_clear_error (&error);
  books = civ_archive_book_list (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (books->len, ==, 1);
  g_assert_cmpint (civ_test_count (f->store, "SELECT count(*) FROM archive_slots"), ==, 12);
  g_assert_cmpint (civ_test_count (f->store, "SELECT count(*) FROM audit_log "
                                             "WHERE action = 'archive.book.create'"),
                   ==, 1);

  /* Registrars search the results; they do not keep the archive. */
  as (f, "clerk", "Clerk-password");
  bad.pages = 2;
  g_assert_null (civ_archive_book_create (f->store, &bad, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
}

static void
test_double_keying (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivArchiveBook) book = NULL;
  g_autoptr (CivHistoricalInput) first =
    entry ("marriage", "1985-06-12", "张建国", NULL, "李秀英", NULL);
  g_autoptr (CivHistoricalInput) other =
    entry ("marriage", "1985-06-12", "张建图", NULL, "李秀英", NULL);
  g_autoptr (CivKeyingResult) r1 = NULL, r2 = NULL, r3 = NULL, r4 = NULL, r5 = NULL;
  g_autoptr (CivKeyingResult) again = NULL;
  g_autoptr (GPtrArray) disputes = NULL;
  g_autoptr (GPtrArray) figures = NULL;
  g_autoptr (GPtrArray) ledger = NULL;
  CivArchiveDispute *d;

  as (f, "arch1", A_PW);
  book = new_book (f, "A-1985-001", CIV_HIST_MARRIAGE, 1, 2, TRUE);
  r1 = key (f, book->archive_no, 1, 1, first);
  g_assert_cmpint (r1->pass, ==, 1);
  g_assert_cmpint (r1->state, ==, CIV_SLOT_KEYED_ONCE);
  g_assert_null (r1->record_id);
  /* The same archivist cannot make the second keying. */
  again = civ_archive_key_entry (f->store, book->archive_no, 1, 1, first, NULL, &error);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_assert_null (again);
  g_clear_error (&error);
  r3 = key (f, book->archive_no, 1, 2, first);

  /* Archivist B keys blind: the same values make the record … */
  as (f, "arch2", B_PW);
  r2 = key (f, book->archive_no, 1, 1, first);
  g_assert_cmpint (r2->pass, ==, 2);
  g_assert_cmpint (r2->state, ==, CIV_SLOT_ENTERED);
  g_assert_nonnull (r2->record_id);
  g_assert_cmpuint (r2->differing->len, ==, 0);
  {
    g_autofree char *sql = g_strdup_printf (
      "SELECT count(*) FROM marriages m JOIN historical_records h USING (record_id) "
      "WHERE m.record_id = '%s' AND m.historical = 1 AND m.registration_date = '1985-06-12' "
      "AND h.archive_no = 'A-1985-001' AND h.page = 1 AND h.entry = 1",
      r2->record_id);
    g_assert_cmpint (civ_test_count (f->store, sql), ==, 1);
  }
  /* … which search finds by name and pinyin (search keys). */
  g_assert_cmpint (civ_test_count (f->store, "SELECT count(*) FROM search_keys "
                                             "WHERE key IN ('N张建国', 'pzhangjianguo')"),
                   ==, 2);
  /* … a different value makes the slot disputed, and B learns which field
   * differed, never A's value. */
  r4 = key (f, book->archive_no, 1, 2, other);
  g_assert_cmpint (r4->state, ==, CIV_SLOT_DISPUTED);
  g_assert_null (r4->record_id);
  g_assert_cmpuint (r4->differing->len, ==, 1);
  g_assert_cmpint (g_array_index (r4->differing, int, 0), ==,
                   civ_hist_field_from_name ("party1_name"));
  /* Neither keyer sees or reconciles the dispute. */
  disputes = civ_archive_disputes (f->store, book->archive_no, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (disputes->len, ==, 0);
  g_clear_pointer (&disputes, g_ptr_array_unref);
  g_assert_null (civ_archive_reconcile (f->store, book->archive_no, 1, 2, first, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_REFUSED);
  g_clear_error (&error);

  /* The supervisor sees both values side by side and chooses. */
  as (f, CIV_TEST_SUPERVISOR, "Supervisor-pw");
  disputes = civ_archive_disputes (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (disputes->len, ==, 1);
  d = g_ptr_array_index (disputes, 0);
  g_assert_cmpstr (d->first_by, ==, "arch1");
  g_assert_cmpstr (d->second_by, ==, "arch2");
  g_assert_cmpstr (d->first->party[0].name, ==, "张建国");
  g_assert_cmpstr (d->second->party[0].name, ==, "张建图");
  r5 = civ_archive_reconcile (f->store, book->archive_no, 1, 2, d->first, &error);
  g_assert_no_error (error);
  g_assert_cmpint (r5->state, ==, CIV_SLOT_ENTERED);
  g_assert_nonnull (r5->record_id);
  g_assert_cmpint (civ_test_count (f->store, "SELECT count(*) FROM audit_log WHERE action = "
                                             "'archive.reconcile' AND detail LIKE "
                                             "'%party1_name=first%'"),
                   ==, 1);
  ledger = civ_archive_ledger (f->store, book->archive_no, &error);
  g_assert_no_error (error);
  g_assert_cmpint (slot_of (ledger, 1, 1)->state, ==, CIV_SLOT_ENTERED);
  g_assert_cmpint (slot_of (ledger, 1, 2)->state, ==, CIV_SLOT_ENTERED);
  g_assert_cmpstr (slot_of (ledger, 1, 2)->record_id, ==, r5->record_id);

  /* Per-archivist figures: both keyed two slots, one of the two compared
   * slots disagreed. */
  figures = civ_archive_keyer_figures (f->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < figures->len; i++)
    {
      CivKeyerFigures *k = g_ptr_array_index (figures, i);

      if (strcmp (k->login, "arch1") == 0 || strcmp (k->login, "arch2") == 0)
        {
          g_assert_cmpuint (k->entries, ==, 2);
          g_assert_cmpuint (k->compared, ==, 2);
          g_assert_cmpuint (k->disagreements, ==, 1);
          g_assert_cmpfloat (k->disagreement_rate, ==, 0.5);
        }
    }
}

static void
test_ledger_coverage (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivArchiveBook) book = NULL;
  g_autoptr (CivArchiveBook) after = NULL;
  g_autoptr (CivHistoricalInput) in = entry ("marriage", "1982", "王大明", NULL, "赵小红", NULL);
  g_autoptr (CivKeyingResult) r = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  CivCoverageRow *row;

  as (f, "arch1", A_PW);
  book = new_book (f, "A-1982-007", CIV_HIST_MARRIAGE, 2, 3, FALSE);
  r = key (f, book->archive_no, 1, 1, in);
  g_assert_cmpint (r->state, ==, CIV_SLOT_ENTERED);

  /* A note is needed for an illegible entry; a blank one needs none. */
  g_assert_false (
    civ_archive_slot_mark (f->store, book->archive_no, 1, 2, CIV_SLOT_ILLEGIBLE, " ", &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (civ_archive_slot_mark (f->store, book->archive_no, 1, 2, CIV_SLOT_ILLEGIBLE,
                                        "墨迹洇开，姓名无法辨认", &error));
  g_assert_no_error (error);
  /* An entered slot is not re-marked. */
  g_assert_false (
    civ_archive_slot_mark (f->store, book->archive_no, 1, 1, CIV_SLOT_BLANK, NULL, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_clear_error (&error);

  /* 4 of 6: not 100 %, and the book cannot be closed. */
  rows = civ_archive_coverage (f->store, CIV_COVERAGE_BY_BOOK, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpuint (row->n_slots, ==, 6);
  g_assert_cmpuint (row->n_accounted, ==, 2);
  g_assert_cmpuint (row->n_pages_accounted, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);
  as (f, CIV_TEST_SUPERVISOR, "Supervisor-pw");
  g_assert_false (civ_archive_book_close (f->store, book->archive_no, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_clear_error (&error);

  as (f, "arch1", A_PW);
  g_assert_true (
    civ_archive_slot_mark (f->store, book->archive_no, 1, 3, CIV_SLOT_BLANK, NULL, &error));
  g_assert_no_error (error);
  /* The whole second page is torn out. */
  g_assert_true (civ_archive_slot_mark (f->store, book->archive_no, 2, 0, CIV_SLOT_MISSING,
                                        "第2页缺失", &error));
  g_assert_no_error (error);
  rows = civ_archive_coverage (f->store, CIV_COVERAGE_BY_YEAR, 1982, &error);
  g_assert_no_error (error);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (row->key, ==, "1980");
  g_assert_cmpuint (row->n_accounted, ==, 6);
  g_assert_cmpuint (row->n_pages_accounted, ==, 2);
  g_assert_cmpuint (row->counts[CIV_SLOT_MISSING], ==, 3);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = civ_archive_coverage (f->store, CIV_COVERAGE_BY_YEAR, 1996, &error);
  g_assert_cmpuint (rows->len, ==, 0);

  /* Only a supervisor closes the book, now that every slot has a state. */
  g_assert_false (civ_archive_book_close (f->store, book->archive_no, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  g_clear_error (&error);
  as (f, CIV_TEST_SUPERVISOR, "Supervisor-pw");
  g_assert_true (civ_archive_book_close (f->store, book->archive_no, &error));
  g_assert_no_error (error);
  after = civ_archive_book_get (f->store, book->book_id, &error);
  g_assert_true (after->closed);
  g_assert_cmpfloat (civ_archive_book_coverage (after), ==, 1.0);
  /* The record keeps what the book says: no correction at the counter
   * (R-H4), and the record view offers none. */
  {
    g_autofree char *pw = g_strdup ("Supervisor-pw");
    CivRecordFacts   facts = { .state = CIV_MARRIAGE_STATE_REGISTERED,
                               .registration_date = "1982",
                               .has_certificate = TRUE,
                               .historical = TRUE };

    as (f, "clerk", "Clerk-password");
    g_assert_false (civ_marriage_correct (f->store, r->record_id, CIV_CORRECT_REMARKS, "改", "改正",
                                          CIV_TEST_SUPERVISOR, pw, &error));
    as (f, CIV_TEST_SUPERVISOR, "Supervisor-pw");
    g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_REFUSED);
    g_assert_cmpstr (civ_app_error_get_rule (error), ==, "R-H4");
    g_clear_error (&error);
    g_assert_false (
      civ_record_action_available (CIV_RECORD_ACTION_CORRECTION, CIV_ROLE_SUPERVISOR, &facts));
    facts.historical = FALSE;
    g_assert_true (
      civ_record_action_available (CIV_RECORD_ACTION_CORRECTION, CIV_ROLE_SUPERVISOR, &facts));
  }
  /* A closed book takes nothing more. */
  g_assert_null (civ_archive_key_entry (f->store, book->archive_no, 1, 1, in, NULL, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
}

static char *
person_status (Fixture *f, const char *id_key)
{
  g_autofree char *sql =
    g_strdup_printf ("SELECT marital_status FROM persons WHERE id_key = '%s'", id_key);
  return g_strdup_printf ("%" G_GINT64_FORMAT, civ_test_count (f->store, sql));
}

static void
test_history_out_of_order (Fixture *f, gconstpointer data)
{
  /* 15-digit numbers as recorded in 1985; matched by their 18-digit form. */
  const char      *his = "110105560312031";
  const char      *hers = "110105580704042";
  g_autofree char *his18 = civ_id_convert_15_to_18 (his);
  g_autofree char *hers18 = civ_id_convert_15_to_18 (hers);
  g_autoptr (CivArchiveBook) marriages = NULL;
  g_autoptr (CivArchiveBook) divorces = NULL;
  g_autoptr (CivHistoricalInput) divorce =
    entry ("divorce", "1992-03", "刘志强", his, "陈美玲", hers);
  g_autoptr (CivHistoricalInput) marriage =
    entry ("marriage", "1985-10-01", "刘志强", his, "陈美玲", hers);
  g_autoptr (CivKeyingResult) rd = NULL, rm = NULL;
  g_autofree char *s1 = NULL, *s2 = NULL, *sql = NULL;

  as (f, "arch1", A_PW);
  marriages = new_book (f, "A-1985-100", CIV_HIST_MARRIAGE, 1, 1, FALSE);
  divorces = new_book (f, "L-1992-100", CIV_HIST_DIVORCE, 1, 1, FALSE);
  /* The divorce is keyed first … */
  rd = key (f, divorces->archive_no, 1, 1, divorce);
  s1 = person_status (f, his18);
  g_assert_cmpstr (s1, ==, "40");
  /* … then the marriage it ended: both stay divorced. */
  rm = key (f, marriages->archive_no, 1, 1, marriage);
  g_free (s1);
  s1 = person_status (f, his18);
  s2 = person_status (f, hers18);
  g_assert_cmpstr (s1, ==, "40");
  g_assert_cmpstr (s2, ==, "40");
  /* The marriage record itself says it was dissolved, version 2. */
  sql = g_strdup_printf ("SELECT count(*) FROM marriages WHERE record_id = '%s' AND superseded_by "
                         "IS NULL AND state = 'DISSOLVED_REG' AND version = 2",
                         rm->record_id);
  g_assert_cmpint (civ_test_count (f->store, sql), ==, 1);
  g_assert_cmpint (civ_test_count (f->store, "SELECT count(*) FROM persons WHERE "
                                             "current_marriage IS NOT NULL"),
                   ==, 0);
  g_assert_cmpint (civ_test_count (f->store, "SELECT count(*) FROM history_conflicts"), ==, 0);
  /* Their numbers are kept as recorded. */
  g_assert_cmpint (civ_test_count (f->store, "SELECT count(*) FROM marriage_parties WHERE "
                                             "doc_number = '110105560312031'"),
                   >=, 2);
}

static void
test_history_conflicts (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *his = civ_test_make_id ("110101", "19900101", 11);
  g_autofree char *hers = civ_test_make_id ("110101", "19920202", 22);
  g_autofree char *old_wife = civ_test_make_id ("110101", "19600303", 42);
  const char      *names[2] = { "孙立新", "周晓梅" };
  g_autofree char *number = NULL;
  g_autoptr (CivArchiveBook) book = NULL;
  g_autoptr (CivHistoricalInput) old = NULL;
  g_autoptr (CivKeyingResult) r = NULL;
  g_autoptr (GPtrArray) conflicts = NULL;
  g_autofree char    *sql = NULL;
  CivHistoryConflict *c;

  /* 孙立新 married at the counter today … */
  number = civ_test_register_couple (f->store, names, his, hers, 2024);
  sql = g_strdup_printf ("SELECT count(*) FROM persons WHERE id_key = '%s' AND marital_status "
                         "BETWEEN 20 AND 29 AND status_on IS NULL",
                         his);
  g_assert_cmpint (civ_test_count (f->store, sql), ==, 1);

  /* … and an archive says he married in 2010 with no end on record. */
  as (f, "arch1", A_PW);
  book = new_book (f, "A-2010-001", CIV_HIST_MARRIAGE, 1, 1, FALSE);
  book->year_to = 2010;
  {
    CivArchiveBookInput in = { .archive_no = (char *) "A-2010-002",
                               .category = CIV_HIST_MARRIAGE,
                               .year_from = 2010,
                               .year_to = 2010,
                               .pages = 1,
                               .slots_per_page = 1 };
    g_autoptr (CivArchiveBook) b2 = civ_archive_book_create (f->store, &in, &error);
    g_assert_no_error (error);
    old = entry ("marriage", "2010-05-01", "孙立新", his, "吴静", old_wife);
    r = key (f, b2->archive_no, 1, 1, old);
  }
  /* History does not make a second current marriage: the counter's stays … */
  g_assert_cmpint (civ_test_count (f->store, sql), ==, 1);
  /* … and the contradiction is listed for review. */
  conflicts = civ_archive_conflicts (f->store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  c = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (c->kind, ==, "overlapping-marriages");
  g_assert_cmpstr (c->record_a, ==, r->record_id);
  g_assert_cmpstr (c->person_name, ==, "孙立新");

  /* Archivists cannot close the review; the supervisor notes it. */
  g_assert_false (civ_archive_conflict_review (f->store, c->id, "查无离婚记录", &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  g_clear_error (&error);
  as (f, CIV_TEST_SUPERVISOR, "Supervisor-pw");
  g_assert_true (civ_archive_conflict_review (f->store, c->id, "外省离婚，已核实", &error));
  g_assert_no_error (error);
  g_clear_pointer (&conflicts, g_ptr_array_unref);
  conflicts = civ_archive_conflicts (f->store, TRUE, &error);
  g_assert_cmpuint (conflicts->len, ==, 0);
}

static void
test_overlapping_history (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *x = civ_test_make_id ("110101", "19500101", 13);
  g_autofree char *y = civ_test_make_id ("110101", "19520101", 24);
  g_autofree char *z = civ_test_make_id ("110101", "19550101", 26);
  g_autoptr (CivArchiveBook) book = NULL;
  g_autoptr (CivHistoricalInput) m1 = entry ("marriage", "1975-01", x, x, "甲", y);
  g_autoptr (CivHistoricalInput) m2 = entry ("marriage", "1980-02-02", x, x, "乙", z);
  g_autoptr (CivKeyingResult) r1 = NULL, r2 = NULL;
  g_autoptr (GPtrArray) conflicts = NULL;

  as (f, "arch1", A_PW);
  {
    CivArchiveBookInput in = { .archive_no = (char *) "A-1975",
                               .category = CIV_HIST_MARRIAGE,
                               .year_from = 1975,
                               .year_to = 1980,
                               .pages = 1,
                               .slots_per_page = 2 };
    book = civ_archive_book_create (f->store, &in, &error);
    g_assert_no_error (error);
  }
  /* Keyed newest first; the walk is by date. */
  r2 = key (f, book->archive_no, 1, 2, m2);
  r1 = key (f, book->archive_no, 1, 1, m1);
  conflicts = civ_archive_conflicts (f->store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (((CivHistoryConflict *) g_ptr_array_index (conflicts, 0))->record_a, ==,
                   r1->record_id);
  g_assert_cmpstr (((CivHistoryConflict *) g_ptr_array_index (conflicts, 0))->record_b, ==,
                   r2->record_id);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM persons WHERE id_key = '%s' AND "
                                            "current_marriage = '%s' "
                                            "AND status_on = '1980-02-02'",
                                            x, r2->record_id);
    g_assert_cmpint (civ_test_count (f->store, sql), ==, 1);
  }
}

static void
test_images (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivArchiveBook) book = NULL;
  g_autoptr (GBytes) png = g_bytes_new_static (civ_test_tiny_png, sizeof civ_test_tiny_png);
  g_autoptr (GBytes) pdf = g_bytes_new_static ("%PDF-1.4\n%fake but sniffed\n", 26);
  g_autoptr (GBytes) text = g_bytes_new_static ("hello", 5);
  g_autoptr (GBytes) got = NULL;
  g_autoptr (CivArchiveImage) image = NULL;
  int index = -1;

  as (f, "arch1", A_PW);
  book = new_book (f, "A-1990-003", CIV_HIST_MARRIAGE, 5, 2, TRUE);
  g_assert_cmpint (civ_archive_image_attach (f->store, book->archive_no, 1, 1, "p1.png", png,
                                             &error),
                   >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (civ_archive_image_attach (f->store, book->archive_no, 2, 4, "/tmp/p2-5.pdf", pdf,
                                             &error),
                   >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (civ_archive_image_attach (f->store, book->archive_no, 1, 1, "x.txt", text,
                                             &error),
                   ==, 0);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (civ_archive_image_attach (f->store, book->archive_no, 5, 2, "p.pdf", pdf,
                                             &error),
                   ==, 0);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_clear_error (&error);

  got = civ_archive_page_image (f->store, book->archive_no, 4, &image, &index, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (got, pdf));
  g_assert_cmpstr (image->media_type, ==, "application/pdf");
  g_assert_cmpstr (image->file_name, ==, "p2-5.pdf");
  g_assert_cmpint (index, ==, 2);
  g_clear_pointer (&got, g_bytes_unref);
  g_clear_pointer (&image, civ_archive_image_free);
  got = civ_archive_page_image (f->store, book->archive_no, 1, &image, &index, &error);
  g_assert_true (g_bytes_equal (got, png));
  g_assert_cmpint (index, ==, 0);
  /* The picture is stored encrypted: its bytes are not in the file. */
  {
    g_autofree char *path = g_build_filename (f->dir, "civreg.db", NULL);
    g_autoptr (GBytes) file = civ_test_read_file (path);
    g_assert_false (civ_test_bytes_contain (file, "fake but sniffed", 16));
  }
}

/* A multi-page TIFF scan covers as many pages as it has pictures, and
 * no more: page 3 of a two-picture file would have no image. */
static void
test_images_tiff (Fixture *f, gconstpointer data)
{
  static const guint8 colours[2][3] = { { 250, 250, 250 }, { 10, 10, 10 } };
  g_autoptr (GError) error = NULL;
  g_autoptr (CivArchiveBook) book = NULL;
  g_autoptr (GBytes) tiff = civ_test_make_tiff (2, colours, 8, 8, COMPRESSION_LZW);
  g_autoptr (GBytes) got = NULL;
  g_autoptr (CivArchiveImage) image = NULL;
  int index = -1;

  as (f, "arch1", A_PW);
  book = new_book (f, "A-1990-004", CIV_HIST_MARRIAGE, 5, 2, TRUE);
  g_assert_cmpint (civ_archive_image_attach (f->store, book->archive_no, 1, 3, "scan.tif", tiff,
                                             &error),
                   ==, 0);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (civ_test_count (f->store, "SELECT count(*) FROM archive_images"), ==, 0);
  g_assert_cmpint (civ_archive_image_attach (f->store, book->archive_no, 3, 2, "scan.tif", tiff,
                                             &error),
                   >, 0);
  g_assert_no_error (error);
  got = civ_archive_page_image (f->store, book->archive_no, 4, &image, &index, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (image->media_type, ==, "image/tiff");
  g_assert_cmpint (index, ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, set_up, fn, tear_down)
  ADD ("/archive/books", test_books);
  ADD ("/archive/double-keying", test_double_keying);
  ADD ("/archive/ledger-coverage", test_ledger_coverage);
  ADD ("/archive/history/out-of-order", test_history_out_of_order);
  ADD ("/archive/history/counter-marriage-stays", test_history_conflicts);
  ADD ("/archive/history/overlapping", test_overlapping_history);
  ADD ("/archive/images", test_images);
  ADD ("/archive/images/tiff", test_images_tiff);
  return g_test_run ();
}
