/* test-record-query.c — reading back what the counter wrote: a marriage record
 * with its versions, parties and findings; a divorce with its marriage and
 * timeline; the divorces due today; printing on a pre-printed blank (R-N3) */
#include <string.h>

#include "civ-app-error.h"
#include "civ-db-error.h"
#include "civ-divorce-service.h"
#include "civ-idnumber.h"
#include "civ-marriage-service.h"
#include "civ-record-query.h"
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
  for (guint i = 0; i < 2; i++)
    {
      in.party[i].doc_kind = "resident-id";
      in.party[i].appears_in_person = TRUE;
      in.party[i].consents = TRUE;
      in.party[i].declaration_signed = TRUE;
      in.party[i].documents_complete = TRUE;
      in.party[i].ethnicity = "汉族";
    }
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
test_note_print (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  g_autoptr (CivMarriageResult) m = register_couple (store, "19900101", 1);
  gint64 n = -1;

  /* R-N3: the blank's serial is required and stored apart from the 字号. */
  g_assert_false (civ_record_note_print (store, m->certificate_no, "  ", &error));
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (civ_record_note_print (store, m->certificate_no, " NO.00012345 ", &error));
  g_assert_no_error (error);
  g_assert_true (
    civ_db_query_int64 (civ_store_get_db (store),
                        "SELECT count(*) FROM certificate_prints p JOIN certificates c "
                        "ON c.id = p.certificate_id WHERE p.blank_serial = "
                        "'NO.00012345' AND c.number LIKE 'J%'",
                        &n, NULL));
  g_assert_cmpint (n, ==, 1);
  g_assert_true (civ_db_query_int64 (civ_store_get_db (store),
                                     "SELECT count(*) FROM audit_log WHERE action = "
                                     "'certificate.print'",
                                     &n, NULL));
  g_assert_cmpint (n, ==, 1);
  /* The same blank cannot be used twice; nothing is written then. */
  g_assert_false (civ_record_note_print (store, m->certificate_no, "NO.00012345", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (civ_db_query_int64 (civ_store_get_db (store),
                                     "SELECT count(*) FROM audit_log WHERE action = "
                                     "'certificate.print'",
                                     &n, NULL));
  g_assert_cmpint (n, ==, 1);
  /* An unknown certificate is an error. */
  g_assert_false (civ_record_note_print (store, "J110101-2024-999999", "NO.1", &error));
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_NOT_FOUND);
  civ_test_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/registry/query/marriage-record", test_marriage_record);
  g_test_add_func ("/registry/query/divorce-view-and-due", test_divorce_view_and_due);
  g_test_add_func ("/registry/query/note-print", test_note_print);
  return g_test_run ();
}
