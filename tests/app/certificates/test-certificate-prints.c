// SPDX-License-Identifier: GPL-3.0-or-later
/* test-certificate-prints.c — the print flow's jobs: the blanks checked
 * before printing (R-N3), what each print source reads, and what is
 * recorded once it went out */
#include <glib.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-certificate-prints.h"
#include "civ-divorce-service.h"
#include "civ-document-tasks.h"
#include "civ-states.h"
#include "civ-test-utils.h"

typedef struct
{
  char       *dir;
  char       *j;         /* a registered marriage */
  char       *record_id; /* its record */
  char       *divorce_j; /* a marriage divorced by registration */
  char       *divorce_id;
  char       *l;
  CivSession *session;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  static const char *const           names[] = { "王强", "赵敏" };
  static const char *const           others[] = { "张伟", "李娜" };
  static const CivDivorceApplication complete = {
    .both_present = TRUE,
    .agreement_signed = TRUE,
    .agreement_ref = "协议-2024-001",
    .both_capable = TRUE,
    .certificates_presented = TRUE,
  };
  g_autoptr (GError) error = NULL;
  CivStore        *store = civ_test_new_office (&f->dir, NULL);
  g_autofree char *his = civ_test_make_id ("110101", "19900101", 3);
  g_autofree char *hers = civ_test_make_id ("110101", "19920202", 4);
  g_autofree char *his2 = civ_test_make_id ("110101", "19880303", 5);
  g_autofree char *hers2 = civ_test_make_id ("110101", "19890404", 6);
  g_autoptr (CivCalendar) cal = civ_test_calendar_2024 ();
  g_autoptr (CivDivorceResult) accepted = NULL;
  g_autoptr (CivDivorceResult) issued = NULL;
  g_autoptr (CivMarriageRecord) record = NULL;
  GDate today;

  f->j = civ_test_register_couple (store, names, his, hers, 2020);
  record = civ_record_query_marriage (store, f->j, &error);
  g_assert_no_error (error);
  f->record_id = g_strdup (record->record_id);

  f->divorce_j = civ_test_register_couple (store, others, his2, hers2, 2019);
  civ_test_date (&today, 2024, 9, 2);
  accepted = civ_divorce_accept (store, f->divorce_j, &today, &complete, cal, &error);
  g_assert_no_error (error);
  f->divorce_id = g_strdup (accepted->record_id);
  civ_test_date (&today, 2024, 10, 9);
  issued = civ_divorce_issue (store, accepted->record_id, &today, TRUE, TRUE, cal, &error);
  g_assert_no_error (error);
  f->l = g_strdup (issued->certificate_no);

  /* From here on only the worker touches the store. */
  f->session = civ_test_session_new (store);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  civ_test_session_close (f->session);
  civ_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->j);
  g_free (f->record_id);
  g_free (f->divorce_j);
  g_free (f->divorce_id);
  g_free (f->l);
}

static CivPrintable *
load (Fixture *f, CivPrintSource *source, GError **error)
{
  g_autoptr (CivPrintSource) owned = source;
  GAsyncResult *pending = NULL;
  g_autoptr (GAsyncResult) result = NULL;

  civ_print_source_load_async (f->session, owned, NULL, NULL, civ_test_keep_result, &pending);
  result = civ_test_wait_result (&pending);
  return civ_print_source_load_finish (f->session, result, error);
}

static gboolean
note (Fixture           *f,
      CivPrintSource    *source,
      const char        *number,
      const char *const *serials,
      GError           **error)
{
  g_autoptr (CivPrintSource) owned = source;
  GAsyncResult *pending = NULL;
  g_autoptr (GAsyncResult) result = NULL;

  civ_print_source_note_async (f->session, owned, number, serials, NULL, NULL, civ_test_keep_result,
                               &pending);
  result = civ_test_wait_result (&pending);
  return civ_print_source_note_finish (f->session, result, error);
}

static gboolean
check_blanks (Fixture *f, const char *number, const char *const *serials, GError **error)
{
  GAsyncResult *pending = NULL;
  g_autoptr (GAsyncResult) result = NULL;

  civ_certificate_check_blanks_async (f->session, number, serials, NULL, NULL, civ_test_keep_result,
                                      &pending);
  result = civ_test_wait_result (&pending);
  return civ_certificate_check_blanks_finish (f->session, result, error);
}

static void
test_is_divorce (void)
{
  g_assert_true (civ_certificate_is_divorce ("L110101-2024-000001"));
  g_assert_true (civ_certificate_is_divorce ("BL110101-2024-000001"));
  g_assert_false (civ_certificate_is_divorce ("J110101-2024-000001"));
  g_assert_false (civ_certificate_is_divorce ("BJ110101-2024-000001"));
  g_assert_false (civ_certificate_is_divorce (NULL));
}

static void
test_load (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivPrintable) marriage = NULL;
  g_autoptr (CivPrintable) by_number = NULL;
  g_autoptr (CivPrintable) certificate = NULL;
  g_autoptr (CivPrintable) divorce_certificate = NULL;
  g_autoptr (CivPrintable) divorce = NULL;
  g_autoptr (CivPrintable) none = NULL;

  /* A marriage record by its record id or its J number. */
  marriage = load (f, civ_print_source_new_marriage (f->record_id), &error);
  g_assert_no_error (error);
  g_assert_nonnull (marriage->record);
  g_assert_null (marriage->divorce);
  g_assert_cmpstr (marriage->record->record_id, ==, f->record_id);
  by_number = load (f, civ_print_source_new_marriage (f->j), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (by_number->record->record_id, ==, f->record_id);

  /* There is no such record: an error, never an empty print. */
  none = load (f, civ_print_source_new_marriage ("J110101-2020-999999"), &error);
  g_assert_null (none);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_clear_error (&error);

  /* A certificate under its own number: J reads the marriage, L the divorce. */
  certificate = load (f, civ_print_source_new_certificate (f->record_id, f->j), &error);
  g_assert_no_error (error);
  g_assert_nonnull (certificate->record);
  g_assert_null (certificate->divorce);
  divorce_certificate = load (f, civ_print_source_new_certificate (f->record_id, f->l), &error);
  g_assert_no_error (error);
  g_assert_null (divorce_certificate->record);
  g_assert_nonnull (divorce_certificate->divorce);
  g_assert_cmpstr (divorce_certificate->divorce->view->divorce->certificate_no, ==, f->l);

  /* A divorce application. */
  divorce = load (f, civ_print_source_new_divorce (f->divorce_id), &error);
  g_assert_no_error (error);
  g_assert_nonnull (divorce->divorce);
  g_assert_cmpint (civ_divorce_state_from_db (divorce->divorce->view->divorce->state), ==,
                   CIV_DIVORCE_STATE_REGISTERED);
}

static void
attach (Fixture *f, CivDocumentKind kind, const guint8 *data, gsize len)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = g_bytes_new (data, len);
  CivDocumentInput *input = civ_document_input_new (kind, "photo.png", bytes, &error);
  GAsyncResult     *pending = NULL;
  g_autoptr (GAsyncResult) result = NULL;

  g_assert_no_error (error);
  civ_document_attach_async (f->session, NULL, f->record_id, input, NULL, civ_test_keep_result,
                             &pending);
  result = civ_test_wait_result (&pending);
  g_assert_true (civ_document_attach_finish (f->session, result, &error));
  g_assert_no_error (error);
}

/* The certificate prints the record's latest couple photo (R-N3); other
 * documents are not photos, and a record without one prints none. */
static void
test_photo (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivPrintable) none = NULL;
  g_autoptr (CivPrintable) first = NULL;
  g_autoptr (CivPrintable) latest = NULL;
  g_autoptr (CivPrintable) divorce = NULL;
  guint8 second_png[sizeof civ_test_tiny_png + 1];

  none = load (f, civ_print_source_new_marriage (f->record_id), &error);
  g_assert_no_error (error);
  g_assert_null (none->photo);

  /* An identity-document copy is no photo. */
  attach (f, CIV_DOCUMENT_IDENTITY_COPY, civ_test_tiny_png, sizeof civ_test_tiny_png);
  g_clear_pointer (&none, civ_printable_free);
  none = load (f, civ_print_source_new_marriage (f->j), &error);
  g_assert_null (none->photo);

  attach (f, CIV_DOCUMENT_COUPLE_PHOTO, civ_test_tiny_png, sizeof civ_test_tiny_png);
  first = load (f, civ_print_source_new_certificate (f->record_id, f->j), &error);
  g_assert_no_error (error);
  g_assert_nonnull (first->photo);
  g_assert_cmpuint (g_bytes_get_size (first->photo), ==, sizeof civ_test_tiny_png);

  /* A retake: the same PNG with a byte after its end (a different file). */
  memcpy (second_png, civ_test_tiny_png, sizeof civ_test_tiny_png);
  second_png[sizeof civ_test_tiny_png] = 0;
  attach (f, CIV_DOCUMENT_COUPLE_PHOTO, second_png, sizeof second_png);
  latest = load (f, civ_print_source_new_marriage (f->record_id), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (latest->photo), ==, sizeof second_png);

  /* A divorce print reads no marriage photo. */
  divorce = load (f, civ_print_source_new_divorce (f->divorce_id), &error);
  g_assert_no_error (error);
  g_assert_null (divorce->photo);
}

static void
test_blanks (Fixture *f, gconstpointer data)
{
  const char *const serials[] = { "NO.1001", "NO.1002", NULL };
  const char *const reused[] = { "NO.1003", "NO.1002", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (CivPrintSource) source = civ_print_source_new_marriage (f->record_id);

  /* Fresh blanks pass, and the check writes nothing. */
  g_assert_true (check_blanks (f, f->j, serials, &error));
  g_assert_no_error (error);
  g_assert_cmpint (civ_test_session_count (f->session, "SELECT count(*) FROM certificate_prints"),
                   ==, 0);

  /* R-N3: once it went out, one print per blank. */
  g_assert_true (note (f, civ_print_source_copy (source), f->j, serials, &error));
  g_assert_no_error (error);
  g_assert_cmpint (civ_test_session_count (f->session, "SELECT count(*) FROM certificate_prints"),
                   ==, 2);

  /* A used blank is refused before anything is printed, and when noted. */
  g_assert_false (check_blanks (f, f->j, reused, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_REFUSED);
  g_assert_cmpstr (civ_app_error_get_rule (error), ==, "R-N3");
  g_clear_error (&error);
  g_assert_false (note (f, civ_print_source_copy (source), f->j, reused, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (civ_test_session_count (f->session, "SELECT count(*) FROM certificate_prints"),
                   ==, 2);

  /* A marriage record without blanks (a notice, an extract) records nothing. */
  g_assert_true (note (f, civ_print_source_copy (source), NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (civ_test_session_count (f->session, "SELECT count(*) FROM certificate_prints"),
                   ==, 2);
}

static void
test_divorce_documents (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 before =
    civ_test_session_count (f->session,
                            "SELECT count(*) FROM audit_log WHERE action = 'divorce.print'");

  /* R-D5: the receipt of an accepted application is recorded with it. */
  g_assert_true (
    note (f, civ_print_source_new_divorce_document (f->divorce_id, CIV_DIVORCE_DOCUMENT_RECEIPT),
          NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (civ_test_session_count (f->session, "SELECT count(*) FROM audit_log WHERE "
                                                       "action = 'divorce.print'"),
                   ==, before + 1);
  /* R-D3: there is no notice of non-acceptance for an accepted one. */
  g_assert_false (
    note (f, civ_print_source_new_divorce_document (f->divorce_id, CIV_DIVORCE_DOCUMENT_NOTICE),
          NULL, NULL, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_cmpint (civ_test_session_count (f->session, "SELECT count(*) FROM audit_log WHERE "
                                                       "action = 'divorce.print'"),
                   ==, before + 1);
}

/* The cremation stock's reconciliation is read again for its print, for
 * the period asked (R-F13); a period that ends before it begins is refused
 * and nothing is printed. */
static void
test_cremation_stock (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivCremationBatch) batch = NULL;
  g_autoptr (CivPrintable) april = NULL;
  g_autoptr (CivPrintable) may = NULL;
  g_autoptr (CivPrintable) open = NULL;
  g_autoptr (CivPrintable) backwards = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  GAsyncResult *pending = NULL;
  GDate         day, from, to;

  civ_test_date (&day, 2026, 4, 10);
  civ_cremation_stock_receive_async (f->session, NULL, "HZ0000001", "HZ0000010", "GH-1", &day, NULL,
                                     civ_test_keep_result, &pending);
  result = civ_test_wait_result (&pending);
  batch = civ_cremation_stock_receive_finish (f->session, result, &error);
  g_assert_no_error (error);

  civ_test_date (&from, 2026, 4, 1);
  civ_test_date (&to, 2026, 4, 30);
  april = load (f, civ_print_source_new_cremation_stock (&from, &to), &error);
  g_assert_no_error (error);
  g_assert_nonnull (april->cremation_stock);
  g_assert_null (april->record);
  g_assert_cmpstr (april->cremation_stock->from, ==, "2026-04-01");
  g_assert_cmpstr (april->cremation_stock->to, ==, "2026-04-30");
  g_assert_cmpint (april->cremation_stock->total.opening, ==, 0);
  g_assert_cmpint (april->cremation_stock->total.received, ==, 10);
  g_assert_cmpint (april->cremation_stock->total.in_stock, ==, 10);

  civ_test_date (&from, 2026, 5, 1);
  civ_test_date (&to, 2026, 5, 31);
  may = load (f, civ_print_source_new_cremation_stock (&from, &to), &error);
  g_assert_no_error (error);
  g_assert_cmpint (may->cremation_stock->total.opening, ==, 10);
  g_assert_cmpint (may->cremation_stock->total.received, ==, 0);

  open = load (f, civ_print_source_new_cremation_stock (NULL, NULL), &error);
  g_assert_no_error (error);
  g_assert_null (open->cremation_stock->from);
  g_assert_null (open->cremation_stock->to);
  g_assert_cmpint (open->cremation_stock->total.received, ==, 10);

  backwards = load (f, civ_print_source_new_cremation_stock (&to, &from), &error);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_assert_null (backwards);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/certificates/is-divorce", test_is_divorce);
  g_test_add ("/certificates/load", Fixture, NULL, fixture_set_up, test_load, fixture_tear_down);
  g_test_add ("/certificates/photo", Fixture, NULL, fixture_set_up, test_photo, fixture_tear_down);
  g_test_add ("/certificates/cremation-stock", Fixture, NULL, fixture_set_up, test_cremation_stock,
              fixture_tear_down);
  g_test_add ("/certificates/blanks", Fixture, NULL, fixture_set_up, test_blanks,
              fixture_tear_down);
  g_test_add ("/certificates/divorce-documents", Fixture, NULL, fixture_set_up,
              test_divorce_documents, fixture_tear_down);
  return g_test_run ();
}
