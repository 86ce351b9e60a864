// SPDX-License-Identifier: GPL-3.0-or-later
/* test-record-query.c — reading back what the counter wrote: a marriage record
 * with its versions, parties and findings; a divorce with its marriage and
 * timeline; the divorces due today; printing on pre-printed blanks, one per
 * copy, and the prints of every certificate of a marriage (R-N3) */
#include <string.h>

#include "civ-app-error.h"
#include "civ-db-error.h"
#include "civ-divorce-documents.h"
#include "civ-divorce-service.h"
#include "civ-idnumber.h"
#include "civ-marriage-service.h"
#include "civ-record-query.h"
#include "civ-record-service.h"
#include "civ-test-utils.h"

static CivMarriageResult *
register_couple (CivStore *store, const char *his_birth, int n)
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *his = civ_test_make_id ("110101", his_birth, 2 * n + 1);
  g_autofree char   *hers = civ_test_make_id ("110101", "19920202", 2 * n + 2);
  CivMarriageResult *r;
  CivMarriageInput   in;

  civ_marriage_input_init (&in);
  civ_test_date (&in.registration_date, 2024, 1, 10);
  in.office_designated = TRUE;
  in.household_jurisdiction = TRUE;
  in.remarks = "双方自愿";
  civ_test_marriage_parties_ready (&in);
  for (guint i = 0; i < 2; i++)
    in.party[i].ethnicity = "汉族";
  in.party[0].name = "王强";
  in.party[0].doc_number = his;
  in.party[1].name = "赵敏";
  in.party[1].doc_number = hers;
  r = civ_marriage_register (store, &in, NULL, &error);
  g_assert_no_error (error);
  return r;
}

static const CivDivorceApplication complete = {
  .both_present = TRUE,
  .agreement_signed = TRUE,
  .agreement_ref = "协议-2024-001",
  .both_capable = TRUE,
  .certificates_presented = TRUE,
};

static void
test_marriage_record (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  g_autoptr (CivCalendar) cal = civ_test_calendar_2024 ();
  g_autoptr (CivMarriageResult) ok = register_couple (store, "19900101", 1);
  g_autoptr (CivMarriageResult) young = register_couple (store, "20060101", 2);
  g_autoptr (CivMarriageRecord) rec = NULL;
  g_autoptr (CivMarriageRecord) refused = NULL;
  g_autoptr (CivMarriageRecord) missing = NULL;
  g_autoptr (CivDivorceResult) acc = NULL;
  g_autoptr (CivDivorceResult) issued = NULL;
  const CivMarriageVersion *v;
  GDate                     today;

  g_assert_true (ok->registered);
  g_assert_false (young->registered);

  /* By certificate number: parties as registered, registrar by name. */
  rec = civ_record_query_marriage (store, ok->certificate_no, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rec);
  g_assert_cmpstr (rec->record_id, ==, ok->record_id);
  g_assert_cmpuint (rec->versions->len, ==, 1);
  v = civ_marriage_record_current (rec);
  g_assert_cmpstr (v->state, ==, "REGISTERED");
  g_assert_cmpstr (v->certificate_no, ==, ok->certificate_no);
  g_assert_cmpstr (v->registration_date, ==, "2024-01-10");
  g_assert_cmpstr (v->registrar, ==, CIV_TEST_SUPERVISOR);
  g_assert_cmpstr (v->registrar_name, !=, "");
  g_assert_cmpstr (v->remarks, ==, "双方自愿");
  g_assert_cmpstr (v->party[0].name, ==, "王强");
  g_assert_cmpint (v->party[0].sex, ==, CIV_SEX_MALE);
  g_assert_cmpstr (v->party[0].birth_date, ==, "1990-01-01");
  g_assert_cmpstr (v->party[0].nationality, ==, "CHN");
  g_assert_cmpstr (v->party[0].ethnicity, ==, "汉族");
  g_assert_cmpstr (v->party[1].name, ==, "赵敏");
  g_assert_cmpint (v->party[1].sex, ==, CIV_SEX_FEMALE);
  g_assert_cmpint (v->party[1].nature, ==, 21);

  /* A refusal by record id keeps its findings with rule ids (R-M2). */
  refused = civ_record_query_marriage (store, young->record_id, &error);
  g_assert_no_error (error);
  v = civ_marriage_record_current (refused);
  g_assert_cmpstr (v->state, ==, "REFUSED");
  g_assert_null (v->certificate_no);
  g_assert_true (civ_findings_has (v->findings, "R-M2", CIV_SEVERITY_REFUSE));
  /* A refusal gives the couple no certificate to hold. */
  g_assert_null (refused->held_certificate_no);

  missing = civ_record_query_marriage (store, "J110101-2024-999999", &error);
  g_assert_no_error (error);
  g_assert_null (missing);

  /* After a divorce the history shows both versions, oldest first. */
  civ_test_date (&today, 2024, 9, 2);
  acc = civ_divorce_accept (store, ok->certificate_no, &today, &complete, cal, &error);
  g_assert_no_error (error);
  civ_test_date (&today, 2024, 10, 9);
  issued = civ_divorce_issue (store, acc->record_id, &today, TRUE, TRUE, cal, &error);
  g_assert_no_error (error);
  g_clear_pointer (&rec, civ_marriage_record_free);
  rec = civ_record_query_marriage (store, ok->certificate_no, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rec->versions->len, ==, 2);
  g_assert_cmpstr (((CivMarriageVersion *) g_ptr_array_index (rec->versions, 0))->state, ==,
                   "REGISTERED");
  v = civ_marriage_record_current (rec);
  g_assert_cmpint (v->version, ==, 2);
  g_assert_cmpstr (v->state, ==, "DISSOLVED_REG");
  g_assert_cmpstr (v->party[0].name, ==, "王强");
  {
    g_autoptr (CivDivorceView) view =
      civ_record_query_divorce (store, ok->certificate_no, cal, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (view->divorce->state, ==, "REGISTERED");
    g_assert_cmpstr (view->divorce->certificate_no, ==, issued->certificate_no);
    g_assert_cmpstr (view->closed_on, ==, "2024-10-09");
  }
  civ_test_rmdir (dir);
}

static void
test_divorce_view_and_due (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  g_autoptr (CivCalendar) cal = civ_test_calendar_2024 ();
  g_autoptr (CivMarriageResult) m1 = register_couple (store, "19900101", 1);
  g_autoptr (CivMarriageResult) m2 = register_couple (store, "19880101", 2);
  g_autoptr (CivDivorceResult) a1 = NULL;
  g_autoptr (CivDivorceResult) a2 = NULL;
  g_autoptr (CivDivorceView) view = NULL;
  g_autoptr (CivDivorceView) none = NULL;
  g_autoptr (GPtrArray) due = NULL;
  CivDivorceApplication no_agreement = complete;
  GDate                 today;

  /* No application yet. */
  none = civ_record_query_divorce (store, m1->certificate_no, cal, &error);
  g_assert_no_error (error);
  g_assert_null (none);

  /* Not accepted first (R-D3), then accepted: the newest one is shown. */
  no_agreement.agreement_signed = FALSE;
  civ_test_date (&today, 2024, 9, 1);
  a1 = civ_divorce_accept (store, m1->certificate_no, &today, &no_agreement, cal, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (a1->state, ==, "NOT_ACCEPTED");
  view = civ_record_query_divorce (store, m1->certificate_no, cal, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (view->divorce->state, ==, "NOT_ACCEPTED");
  g_assert_true (civ_findings_has (view->findings, "R-D3", CIV_SEVERITY_REFUSE));
  g_clear_pointer (&view, civ_divorce_view_free);

  civ_test_date (&today, 2024, 9, 2);
  g_clear_pointer (&a1, civ_divorce_result_free);
  a1 = civ_divorce_accept (store, m1->certificate_no, &today, &complete, cal, &error);
  g_assert_no_error (error);
  civ_test_date (&today, 2024, 9, 3);
  a2 = civ_divorce_accept (store, m2->record_id, &today, &complete, cal, &error);
  g_assert_no_error (error);

  view = civ_record_query_divorce (store, m1->certificate_no, cal, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (view->divorce->record_id, ==, a1->record_id);
  g_assert_cmpstr (view->divorce->state, ==, "COOLING");
  g_assert_cmpstr (view->marriage_certificate_no, ==, m1->certificate_no);
  g_assert_cmpstr (view->names[0], ==, "王强");
  g_assert_cmpstr (view->names[1], ==, "赵敏");
  g_assert_cmpstr (view->agreement_ref, ==, "协议-2024-001");
  g_assert_cmpint (view->withdrawn_by, ==, -1);
  g_assert_null (view->closed_on);
  {
    g_autofree char *end = civ_date_format_iso (&view->divorce->deadlines.cooling_off_end);
    g_assert_cmpstr (end, ==, "2024-10-08");
  }
  g_clear_pointer (&view, civ_divorce_view_free);
  /* By the application's own record id too. */
  view = civ_record_query_divorce (store, a1->record_id, cal, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (view->divorce->record_id, ==, a1->record_id);
  g_clear_pointer (&view, civ_divorce_view_free);

  /* Due on 2024-10-08: the cooling-off of both ends (day 30 in the holiday). */
  civ_test_date (&today, 2024, 10, 8);
  due = civ_record_query_divorces_due (store, &today, cal, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 2);
  g_assert_cmpint (((CivDivorceDue *) g_ptr_array_index (due, 0))->kind, ==,
                   CIV_DIVORCE_DUE_COOLING_OFF_ENDS);
  g_assert_cmpstr (((CivDivorceDue *) g_ptr_array_index (due, 0))->marriage_certificate_no, ==,
                   m1->certificate_no);
  g_assert_false (((CivDivorceDue *) g_ptr_array_index (due, 0))->provisional);
  g_clear_pointer (&due, g_ptr_array_unref);

  /* The window of the first closes on 2024-11-07; nothing due the day before. */
  civ_test_date (&today, 2024, 11, 6);
  due = civ_record_query_divorces_due (store, &today, cal, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 0);
  g_clear_pointer (&due, g_ptr_array_unref);
  civ_test_date (&today, 2024, 11, 7);
  due = civ_record_query_divorces_due (store, &today, cal, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, >=, 1);
  g_assert_cmpint (((CivDivorceDue *) g_ptr_array_index (due, 0))->kind, ==,
                   CIV_DIVORCE_DUE_WINDOW_CLOSES);
  g_clear_pointer (&due, g_ptr_array_unref);

  /* A withdrawn application is no longer due, and the view says who withdrew. */
  civ_test_date (&today, 2024, 9, 20);
  g_assert_true (civ_divorce_withdraw (store, a2->record_id, 1, &today, cal, &error));
  g_assert_no_error (error);
  view = civ_record_query_divorce (store, m2->certificate_no, cal, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (view->divorce->state, ==, "WITHDRAWN");
  g_assert_cmpstr (view->withdrawn_on, ==, "2024-09-20");
  g_assert_cmpint (view->withdrawn_by, ==, 1);
  civ_test_date (&today, 2024, 10, 8);
  due = civ_record_query_divorces_due (store, &today, cal, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 1);
  civ_test_rmdir (dir);
}

static void
assert_nothing_more_recorded (CivStore *store, gint64 prints, gint64 audits)
{
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM certificate_prints"), ==, prints);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM audit_log WHERE action = "
                                          "'certificate.print'"),
                   ==, audits);
}

/* R-N3: one blank per copy, each with its own serial, recorded together. */
static void
test_note_prints (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  g_autoptr (CivMarriageResult) m = register_couple (store, "19900101", 1);
  g_autoptr (CivMarriageResult) other = register_couple (store, "19880101", 2);
  g_autofree char  *sql = NULL;
  const char *const two[] = { " NO.00012345 ", "NO.00012346", NULL };
  const char *const blank[] = { "NO.1", "  ", NULL };
  const char *const twice[] = { "NO.7", " NO.7 ", NULL };
  const char *const three[] = { "NO.1", "NO.2", "NO.3", NULL };
  const char *const none[] = { NULL };
  const char *const reused[] = { "NO.00012346", "NO.2", NULL };
  const char *const fresh_then_used[] = { "NO.3", "NO.00012345", NULL };

  /* R-N3: every copy needs its own serial: empty, repeated, too many or no
   * serials are refused, and nothing is written. */
  g_assert_false (civ_record_note_prints (store, m->certificate_no, blank, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_assert_cmpstr (civ_app_error_get_rule (error), ==, "R-N3");
  g_clear_error (&error);
  g_assert_false (civ_record_note_prints (store, m->certificate_no, twice, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_assert_cmpstr (civ_app_error_get_rule (error), ==, "R-N3");
  g_assert_nonnull (strstr (error->message, "NO.7"));
  g_clear_error (&error);
  g_assert_false (civ_record_note_prints (store, m->certificate_no, three, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (civ_record_note_prints (store, m->certificate_no, none, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (civ_record_check_blanks (store, m->certificate_no, twice, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_clear_error (&error);
  assert_nothing_more_recorded (store, 0, 0);

  /* Fresh blanks pass the check before printing, which writes nothing. */
  g_assert_true (civ_record_check_blanks (store, m->certificate_no, two, &error));
  g_assert_no_error (error);
  assert_nothing_more_recorded (store, 0, 0);

  /* Both blanks are recorded, trimmed, apart from the 字号: one row and
   * one audit entry per blank. */
  g_assert_true (civ_record_note_prints (store, m->certificate_no, two, &error));
  g_assert_no_error (error);
  sql = g_strdup_printf ("SELECT count(*) FROM certificate_prints p JOIN certificates c ON c.id "
                         "= p.certificate_id WHERE c.number = '%s' AND p.blank_serial IN "
                         "('NO.00012345', 'NO.00012346') AND p.printed_by = 'admin' AND "
                         "p.voided_at IS NULL",
                         m->certificate_no);
  g_assert_cmpint (civ_test_count (store, sql), ==, 2);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE action = 'certificate.print' AND "
                         "object = '%s' AND (detail LIKE '%%\"NO.00012345\"%%\"copy\":1%%' OR "
                         "detail LIKE '%%\"NO.00012346\"%%\"copy\":2%%')",
                         m->certificate_no);
  g_assert_cmpint (civ_test_count (store, sql), ==, 2);
  assert_nothing_more_recorded (store, 2, 2);

  /* A blank is used once, even for another certificate: refused before
   * printing and when recording, with its rule id; the fresh blank of the
   * same print is not recorded either. */
  g_assert_false (civ_record_check_blanks (store, other->certificate_no, reused, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_REFUSED);
  g_assert_cmpstr (civ_app_error_get_rule (error), ==, "R-N3");
  g_assert_nonnull (strstr (error->message, "NO.00012346"));
  g_assert_nonnull (strstr (error->message, m->certificate_no));
  g_clear_error (&error);
  g_assert_false (civ_record_note_prints (store, other->certificate_no, fresh_then_used, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_REFUSED);
  g_assert_cmpstr (civ_app_error_get_rule (error), ==, "R-N3");
  g_assert_nonnull (strstr (error->message, "NO.00012345"));
  g_clear_error (&error);
  assert_nothing_more_recorded (store, 2, 2);
  g_assert_cmpint (civ_test_count (store,
                                   "SELECT count(*) FROM certificate_prints WHERE blank_serial = "
                                   "'NO.3'"),
                   ==, 0);

  /* Both copies are out: a third is refused before printing and when
   * recording, naming the blanks they are on (R-N3); nothing is used up. */
  {
    const char *const fresh[] = { "NO.00020001", NULL };
    const char *const live[] = { "NO.00012345", "NO.00012346", NULL };
    g_autoptr (CivMarriageRecord) rec = civ_record_query_marriage (store, m->record_id, &error);

    g_assert_false (civ_record_check_blanks (store, m->certificate_no, fresh, &error));
    g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_REFUSED);
    g_assert_cmpstr (civ_app_error_get_rule (error), ==, "R-N3");
    g_assert_nonnull (strstr (error->message, "NO.00012345"));
    g_clear_error (&error);
    g_assert_false (civ_record_note_prints (store, m->certificate_no, fresh, &error));
    g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_REFUSED);
    g_clear_error (&error);
    assert_nothing_more_recorded (store, 2, 2);
    /* The same rule over the prints the record holds, before asking for blanks. */
    g_assert_false (civ_record_check_copies (rec, m->certificate_no, 1, &error));
    g_assert_cmpstr (civ_app_error_get_rule (error), ==, "R-N3");
    g_clear_error (&error);
    g_assert_true (civ_certificate_check_copies (m->certificate_no, NULL, 2, NULL));
    g_assert_false (civ_certificate_check_copies (m->certificate_no, live, 1, NULL));
  }

  /* A voided blank stays used (R-N1). */
  g_assert_true (
    civ_record_void_print (store, m->record_id, "NO.00012345", "paper jam", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (civ_record_note_prints (store, other->certificate_no, fresh_then_used, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "voided"));
  g_clear_error (&error);
  assert_nothing_more_recorded (store, 2, 2);

  /* With the spoiled copy voided, one copy may be printed again; not two. */
  {
    const char *const one[] = { "NO.00020001", NULL };
    const char *const two_more[] = { "NO.00020002", "NO.00020003", NULL };
    g_autoptr (CivMarriageRecord) rec = civ_record_query_marriage (store, m->record_id, &error);

    g_assert_true (civ_record_check_copies (rec, m->certificate_no, 1, NULL));
    g_assert_false (civ_record_check_copies (rec, m->certificate_no, 2, NULL));
    g_assert_false (civ_record_check_blanks (store, m->certificate_no, two_more, &error));
    g_assert_cmpstr (civ_app_error_get_rule (error), ==, "R-N3");
    g_clear_error (&error);
    g_assert_true (civ_record_note_prints (store, m->certificate_no, one, &error));
    g_assert_no_error (error);
    assert_nothing_more_recorded (store, 3, 3);
  }

  /* An unknown certificate is refused. */
  g_assert_false (civ_record_note_prints (store, "J110101-2024-999999", two, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_REFUSED);
  g_assert_cmpstr (civ_app_error_get_rule (error), ==, "R-N1");
  g_clear_error (&error);
  g_assert_false (civ_record_check_blanks (store, "J110101-2024-999999", blank, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  civ_test_rmdir (dir);
}

/* The certificate the couple holds now (R-B3), as the record reports it. */
static char *
held (CivStore *store, const char *key)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivMarriageRecord) rec = civ_record_query_marriage (store, key, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rec);
  return g_strdup (rec->held_certificate_no);
}

/* The record lists the prints of every certificate of the marriage: J and
 * BJ, and the L and BL of its divorce, which belong to the divorce record;
 * and it names the certificate the couple holds now. */
static void
test_prints_of_every_certificate (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  g_autoptr (CivCalendar) cal = civ_test_calendar_2024 ();
  g_autoptr (CivMarriageResult) m = register_couple (store, "19900101", 1);
  g_autoptr (CivMarriageResult) other = register_couple (store, "19880101", 2);
  g_autoptr (CivDivorceResult) acc = NULL;
  g_autoptr (CivDivorceResult) issued = NULL;
  g_autoptr (CivMarriageRecord) rec = NULL;
  g_autoptr (CivDivorcePrintData) data = NULL;
  g_autofree char  *bj = NULL;
  g_autofree char  *bl = NULL;
  const char *const j_blanks[] = { "NO.101", "NO.102", NULL };
  const char *const bj_blanks[] = { "NO.103", "NO.104", NULL };
  const char *const l_blanks[] = { "NO.201", "NO.202", NULL };
  const char *const bl_blanks[] = { "NO.203", "NO.204", NULL };
  const char *const other_blanks[] = { "NO.301", "NO.302", NULL };
  const char       *expected[][2] = {
          { NULL, "NO.101" }, { NULL, "NO.102" }, { NULL, "NO.103" }, { NULL, "NO.104" },
          { NULL, "NO.201" }, { NULL, "NO.202" }, { NULL, "NO.203" }, { NULL, "NO.204" },
  };
  GDate today;
  char *number;

  number = held (store, m->record_id);
  g_assert_cmpstr (number, ==, m->certificate_no);
  g_free (number);
  civ_test_date (&today, 2024, 3, 1);
  bj =
    civ_marriage_reissue (store, m->certificate_no, CIV_REISSUE_MARRIAGE, "lost", &today, &error);
  g_assert_no_error (error);
  g_assert_true (civ_record_note_prints (store, m->certificate_no, j_blanks, &error));
  g_assert_true (civ_record_note_prints (store, bj, bj_blanks, &error));
  g_assert_true (civ_record_note_prints (store, other->certificate_no, other_blanks, &error));
  g_assert_no_error (error);
  number = held (store, m->certificate_no);
  g_assert_cmpstr (number, ==, bj);
  g_free (number);

  civ_test_date (&today, 2024, 9, 2);
  acc = civ_divorce_accept (store, m->certificate_no, &today, &complete, cal, &error);
  g_assert_no_error (error);
  civ_test_date (&today, 2024, 10, 9);
  issued = civ_divorce_issue (store, acc->record_id, &today, TRUE, TRUE, cal, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (issued->certificate_no, "L"));
  g_assert_true (civ_record_note_prints (store, issued->certificate_no, l_blanks, &error));
  g_assert_no_error (error);
  number = held (store, m->certificate_no);
  g_assert_cmpstr (number, ==, issued->certificate_no);
  g_free (number);
  civ_test_date (&today, 2024, 11, 1);
  bl = civ_marriage_reissue (store, m->record_id, CIV_REISSUE_DIVORCE, "damaged", &today, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (bl, "BL"));
  g_assert_true (civ_record_note_prints (store, bl, bl_blanks, &error));
  g_assert_no_error (error);
  number = held (store, m->certificate_no);
  g_assert_cmpstr (number, ==, bl);
  g_free (number);

  expected[0][0] = expected[1][0] = m->certificate_no;
  expected[2][0] = expected[3][0] = bj;
  expected[4][0] = expected[5][0] = issued->certificate_no;
  expected[6][0] = expected[7][0] = bl;
  rec = civ_record_query_marriage (store, m->certificate_no, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rec->prints->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const CivCertificatePrint *p = g_ptr_array_index (rec->prints, i);

      g_assert_cmpstr (p->certificate_no, ==, expected[i][0]);
      g_assert_cmpstr (p->blank_serial, ==, expected[i][1]);
      g_assert_cmpstr (p->printed_by, ==, CIV_TEST_SUPERVISOR);
      g_assert_null (p->voided_at);
    }

  /* The L and BL prints are voided through the marriage record. */
  g_assert_true (
    civ_record_void_print (store, m->certificate_no, "NO.202", "smudged", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (
    civ_record_void_print (store, m->record_id, "NO.204", "misaligned", NULL, NULL, &error));
  g_assert_no_error (error);
  /* …but not another couple's print. */
  g_assert_false (
    civ_record_void_print (store, m->record_id, "NO.301", "smudged", NULL, NULL, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_REFUSED);
  g_clear_error (&error);
  g_clear_pointer (&rec, civ_marriage_record_free);
  rec = civ_record_query_marriage (store, m->record_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (((CivCertificatePrint *) g_ptr_array_index (rec->prints, 5))->voided_at);
  g_assert_nonnull (((CivCertificatePrint *) g_ptr_array_index (rec->prints, 7))->voided_at);
  g_assert_null (((CivCertificatePrint *) g_ptr_array_index (rec->prints, 4))->voided_at);
  g_clear_pointer (&rec, civ_marriage_record_free);
  /* The other couple sees only its own prints. */
  rec = civ_record_query_marriage (store, other->certificate_no, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rec->prints->len, ==, 2);

  /* A BL (or L) number finds its divorce for printing; a J does not. */
  data = civ_divorce_print_data_load_for_certificate (store, bl, cal, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (data->view->divorce->record_id, ==, acc->record_id);
  g_assert_cmpstr (data->view->divorce->certificate_no, ==, issued->certificate_no);
  g_clear_pointer (&data, civ_divorce_print_data_free);
  data = civ_divorce_print_data_load_for_certificate (store, m->certificate_no, cal, &error);
  g_assert_null (data);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  civ_test_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/registry/query/marriage-record", test_marriage_record);
  g_test_add_func ("/registry/query/divorce-view-and-due", test_divorce_view_and_due);
  g_test_add_func ("/registry/query/note-prints", test_note_prints);
  g_test_add_func ("/registry/query/prints-of-every-certificate", test_prints_of_every_certificate);
  return g_test_run ();
}
