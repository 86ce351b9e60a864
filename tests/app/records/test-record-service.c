// SPDX-License-Identifier: GPL-3.0-or-later
/* test-record-service.c — reissued certificates (R-B1…R-B3, R-N1), court
 * judgments (R-V1, R-V2, R-V4, R-D8), supervisor-approved corrections and
 * voided certificate prints (R-N1, R-N3) */
#include <string.h>

#include "civ-audit-labels.h"
#include "civ-app-error.h"
#include "civ-divorce-service.h"
#include "civ-marriage-service.h"
#include "civ-permissions.h"
#include "civ-record-query.h"
#include "civ-record-service.h"
#include "civ-test-utils.h"

/* Registers 王强 and 赵敏 on @year-01-10 and returns the J number. */
static char *
register_couple_in (CivStore *store, const char *his, const char *hers, int year)
{
  static const char *const names[] = { "王强", "赵敏" };

  return civ_test_register_couple (store, names, his, hers, year);
}

static char *
register_couple (CivStore *store, const char *his, const char *hers)
{
  return register_couple_in (store, his, hers, 2024);
}

static int
status_of (CivStore *store, const char *id_key)
{
  g_autofree char *sql =
    g_strdup_printf ("SELECT marital_status FROM persons WHERE id_key = '%s'", id_key);

  return (int) civ_test_count (store, sql);
}

static gint64
current_marriage_set (CivStore *store, const char *id_key)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT count(*) FROM persons WHERE id_key = '%s' AND current_marriage IS NOT NULL", id_key);

  return civ_test_count (store, sql);
}

static void
assert_refused (GError **error, const char *rule)
{
  g_assert_error (*error, CIV_APP_ERROR, CIV_APP_ERROR_REFUSED);
  g_assert_true (g_str_has_prefix ((*error)->message, rule));
  g_clear_error (error);
}

/* Divorces the couple by registration (worked example dates) and returns the L number. */
static char *
divorce_by_registration (CivStore *store, const char *j)
{
  static const CivDivorceApplication complete = {
    .both_present = TRUE,
    .agreement_signed = TRUE,
    .agreement_ref = "协议-2024-001",
    .both_capable = TRUE,
    .certificates_presented = TRUE,
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (CivCalendar) cal = civ_test_calendar_2024 ();
  g_autoptr (CivDivorceResult) acc = NULL;
  g_autoptr (CivDivorceResult) issued = NULL;
  GDate today;

  civ_test_date (&today, 2024, 9, 2);
  acc = civ_divorce_accept (store, j, &today, &complete, cal, &error);
  g_assert_no_error (error);
  civ_test_date (&today, 2024, 10, 9);
  issued = civ_divorce_issue (store, acc->record_id, &today, TRUE, TRUE, cal, &error);
  g_assert_no_error (error);
  return g_strdup (issued->certificate_no);
}

static void
test_reissue (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  g_autofree char *his = civ_test_make_id ("110101", "19900101", 3);
  g_autofree char *hers = civ_test_make_id ("110101", "19920202", 4);
  g_autofree char *j = register_couple (store, his, hers);
  g_autofree char *bj1 = NULL;
  g_autofree char *bj2 = NULL;
  g_autofree char *bl = NULL;
  g_autofree char *l = NULL;
  GDate            today;

  civ_test_date (&today, 2024, 3, 1);

  /* R-B1: the archive must hold the registration. */
  g_assert_null (civ_marriage_reissue (store, "J110101-2024-999999", CIV_REISSUE_MARRIAGE, "lost",
                                       &today, &error));
  assert_refused (&error, "R-B1");
  /* A reason is required (R-B2). */
  g_assert_null (civ_marriage_reissue (store, j, CIV_REISSUE_MARRIAGE, " ", &today, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_clear_error (&error);
  /* R-B3: no divorce certificate for a marriage still registered. */
  g_assert_null (civ_marriage_reissue (store, j, CIV_REISSUE_DIVORCE, "lost", &today, &error));
  assert_refused (&error, "R-B3");
  g_assert_cmpint (civ_test_count (store,
                                   "SELECT count(*) FROM certificate_counters WHERE prefix IN "
                                   "('BJ', 'BL')"),
                   ==, 0);

  /* BJ numbers are gapless per prefix; the refusals above used none. */
  bj1 = civ_marriage_reissue (store, j, CIV_REISSUE_MARRIAGE, "lost", &today, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bj1, ==, "BJ110101-2024-000001");
  bj2 = civ_marriage_reissue (store, j, CIV_REISSUE_MARRIAGE, "damaged (R-B2)", &today, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bj2, ==, "BJ110101-2024-000002");
  g_assert_cmpint (civ_test_count (store,
                                   "SELECT count(*) FROM certificate_reissues WHERE kind = 'BJ' "
                                   "AND original_no = 'J110101-2024-000001'"),
                   ==, 2);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM outbox WHERE kind = 'reissue'"), ==,
                   2);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM audit_log WHERE action = "
                                          "'certificate.reissue'"),
                   ==, 2);
  /* No new marriage version and the person index is untouched. */
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM marriages"), ==, 1);
  g_assert_cmpint (status_of (store, his), ==, 21);

  /* After divorce: BJ refused (R-B3), BL granted with its own counter. */
  l = divorce_by_registration (store, j);
  civ_test_date (&today, 2024, 11, 1);
  g_assert_null (civ_marriage_reissue (store, j, CIV_REISSUE_MARRIAGE, "lost", &today, &error));
  assert_refused (&error, "R-B3");
  bl = civ_marriage_reissue (store, j, CIV_REISSUE_DIVORCE, "lost", &today, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bl, ==, "BL110101-2024-000001");
  {
    g_autofree char *sql = g_strdup_printf (
      "SELECT count(*) FROM certificate_reissues WHERE kind = 'BL' AND original_no = '%s'", l);
    g_assert_cmpint (civ_test_count (store, sql), ==, 1);
  }
  civ_test_rmdir (dir);
}

static void
test_reissue_after_court_divorce_refused (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  g_autofree char *his = civ_test_make_id ("110101", "19900101", 5);
  g_autofree char *hers = civ_test_make_id ("110101", "19920202", 6);
  g_autofree char *j = register_couple (store, his, hers);
  GDate            day;

  civ_test_date (&day, 2024, 6, 1);
  g_assert_true (civ_marriage_court_judgment (store, j, CIV_JUDGMENT_DIVORCE,
                                              "(2024)京0101民初100号", &day, NULL, &error));
  g_assert_no_error (error);
  /* A court divorce has no L number: the registry reissues no BL (R-B3). */
  g_assert_null (civ_marriage_reissue (store, j, CIV_REISSUE_DIVORCE, "lost", &day, &error));
  assert_refused (&error, "R-B3");
  g_assert_null (civ_marriage_reissue (store, j, CIV_REISSUE_MARRIAGE, "lost", &day, &error));
  assert_refused (&error, "R-B3");
  civ_test_rmdir (dir);
}

static void
test_court_divorce (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  g_autofree char *his = civ_test_make_id ("110101", "19900101", 7);
  g_autofree char *hers = civ_test_make_id ("110101", "19920202", 8);
  g_autofree char *j = register_couple (store, his, hers);
  GDate            day;

  civ_test_date (&day, 2024, 6, 1);
  g_assert_true (civ_marriage_court_judgment (store, j, CIV_JUDGMENT_DIVORCE,
                                              "(2024)京0101民初123号", &day, "档-2024-7", &error));
  g_assert_no_error (error);
  /* Both divorced (40), no current marriage. */
  g_assert_cmpint (status_of (store, his), ==, 40);
  g_assert_cmpint (status_of (store, hers), ==, 40);
  g_assert_cmpint (current_marriage_set (store, his), ==, 0);
  g_assert_cmpint (current_marriage_set (store, hers), ==, 0);
  /* History: version 1 REGISTERED superseded, version 2 DISSOLVED_COURT annotated. */
  g_assert_cmpint (civ_test_count (store,
                                   "SELECT count(*) FROM marriages WHERE version = 1 AND state = "
                                   "'REGISTERED' AND superseded_by IS NOT NULL"),
                   ==, 1);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM marriages WHERE version = 2 AND "
                                          "superseded_by IS NULL "
                                          "AND state = 'DISSOLVED_COURT' AND approved_by = 'admin' "
                                          "AND reason LIKE '%(2024)京0101民初123号 2024-06-01%' "
                                          "AND remarks LIKE '%(2024)京0101民初123号%'"),
                   ==, 1);
  g_assert_cmpint (civ_test_count (store,
                                   "SELECT count(*) FROM court_judgments WHERE kind = 'divorce' "
                                   "AND effective_on = '2024-06-01' AND archive_no = '档-2024-7' "
                                   "AND version = 2 AND filed_by = 'admin'"),
                   ==, 1);
  g_assert_cmpint (civ_test_count (store,
                                   "SELECT count(*) FROM outbox WHERE kind = 'court-judgment' "
                                   "AND version = 2"),
                   ==, 1);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM audit_log WHERE action = "
                                          "'marriage.court-judgment'"),
                   ==, 1);

  /* Only a REGISTERED marriage takes a judgment (R-V4); nothing changes. */
  g_assert_false (civ_marriage_court_judgment (store, j, CIV_JUDGMENT_VOID, "(2024)京0101民初124号",
                                               &day, NULL, &error));
  assert_refused (&error, "R-V4");
  g_assert_false (civ_marriage_court_judgment (store, "no-such-record", CIV_JUDGMENT_VOID,
                                               "(2024)京0101民初125号", &day, NULL, &error));
  assert_refused (&error, "R-V4");
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM marriages"), ==, 2);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM court_judgments"), ==, 1);
  civ_test_rmdir (dir);
}

/* A divorced man remarries; the second marriage is declared void: he goes
 * back to divorced (his status before), she to her status before (R-V1). */
static void
test_void_restores_status_before (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  g_autofree char *his = civ_test_make_id ("110101", "19900101", 9);
  g_autofree char *first = civ_test_make_id ("110101", "19920202", 10);
  g_autofree char *second = civ_test_make_id ("110101", "19930303", 12);
  g_autofree char *j1 = register_couple (store, his, first);
  g_autofree char *j2 = NULL;
  g_autofree char *l = divorce_by_registration (store, j1);
  GDate            day;

  j2 = register_couple (store, his, second);
  g_assert_cmpint (status_of (store, his), ==, 22); /* remarriage */
  g_assert_cmpint (current_marriage_set (store, second), ==, 1);

  civ_test_date (&day, 2024, 12, 1);
  g_assert_true (civ_marriage_court_judgment (store, j2, CIV_JUDGMENT_VOID, "(2024)京0101民初200号",
                                              &day, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status_of (store, his), ==, 40);
  g_assert_cmpint (status_of (store, second), ==, 90);
  g_assert_cmpint (current_marriage_set (store, his), ==, 0);
  g_assert_cmpint (current_marriage_set (store, second), ==, 0);
  {
    g_autofree char *sql =
      g_strdup_printf ("SELECT count(*) FROM marriages WHERE certificate_no = '%s' AND state = "
                       "'DECLARED_VOID_COURT' AND superseded_by IS NULL",
                       j2);
    g_assert_cmpint (civ_test_count (store, sql), ==, 1);
  }
  /* The first marriage stays dissolved by registration. */
  g_assert_cmpint (civ_test_count (store,
                                   "SELECT count(*) FROM marriages WHERE state = 'DISSOLVED_REG' "
                                   "AND superseded_by IS NULL"),
                   ==, 1);
  civ_test_rmdir (dir);
}

static void
test_annulment_court_and_registry (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  g_autofree char *a = civ_test_make_id ("110101", "19900101", 13);
  g_autofree char *b = civ_test_make_id ("110101", "19920202", 14);
  g_autofree char *c = civ_test_make_id ("110101", "19910101", 15);
  g_autofree char *d = civ_test_make_id ("110101", "19930202", 16);
  g_autofree char *j1 = register_couple (store, a, b);
  g_autofree char *j2 = register_couple_in (store, c, d, 2019);
  GDate            day;

  civ_test_date (&day, 2024, 7, 1);
  g_assert_true (civ_marriage_court_judgment (store, j1, CIV_JUDGMENT_ANNULLED,
                                              "(2024)京0101民初300号", &day, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status_of (store, a), ==, 90);
  g_assert_cmpint (status_of (store, b), ==, 90);
  g_assert_cmpint (civ_test_count (store,
                                   "SELECT count(*) FROM marriages WHERE state = 'ANNULLED_COURT' "
                                   "AND superseded_by IS NULL"),
                   ==, 1);

  /* R-V4: a decision cannot precede the registration (2019-01-10). */
  civ_test_date (&day, 2019, 1, 9);
  g_assert_false (civ_marriage_registry_annulment (store, j2, "撤字2019-1", &day, &error));
  assert_refused (&error, "R-V4");
  /* R-V2: registry annulment only for decisions before 2021-01-01. */
  civ_test_date (&day, 2021, 1, 1);
  g_assert_false (civ_marriage_registry_annulment (store, j2, "撤字2021-1", &day, &error));
  assert_refused (&error, "R-V2");
  g_assert_cmpint (status_of (store, c), ==, 21);
  civ_test_date (&day, 2020, 12, 31);
  g_assert_true (civ_marriage_registry_annulment (store, j2, "撤字2020-9", &day, &error));
  g_assert_no_error (error);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM marriages WHERE state = "
                                          "'ANNULLED_REGISTRY' AND superseded_by IS NULL"),
                   ==, 1);
  g_assert_cmpint (status_of (store, c), ==, 90);
  g_assert_cmpint (current_marriage_set (store, d), ==, 0);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM court_judgments WHERE kind = "
                                          "'registry-annulment' AND effective_on = '2020-12-31'"),
                   ==, 1);
  civ_test_rmdir (dir);
}

static void
test_permissions (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  g_autoptr (CivStore) clerk = NULL;
  g_autoptr (CivStore) auditor = NULL;
  g_autofree char *his = civ_test_make_id ("110101", "19900101", 17);
  g_autofree char *hers = civ_test_make_id ("110101", "19920202", 18);
  g_autofree char *j = register_couple (store, his, hers);
  g_autofree char *bj = NULL;
  char             pw[] = CIV_TEST_SUPERVISOR_PW;
  GDate            day;

  civ_test_add_operator (store, "clerk", "李登记", CIV_ROLE_REGISTRAR, "Registrar-pw");
  civ_test_add_operator (store, "shenji", "陈静", CIV_ROLE_AUDITOR, "Auditor-password");
  clerk = civ_store_open (dir, "clerk", "Registrar-pw", &error);
  g_assert_no_error (error);
  auditor = civ_store_open (dir, "shenji", "Auditor-password", &error);
  g_assert_no_error (error);
  civ_test_date (&day, 2024, 6, 1);

  /* A registrar may not file a court judgment or a registry annulment. */
  g_assert_false (civ_marriage_court_judgment (clerk, j, CIV_JUDGMENT_DIVORCE,
                                               "(2024)京0101民初1号", &day, NULL, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  g_clear_error (&error);
  civ_test_date (&day, 2019, 6, 1);
  g_assert_false (civ_marriage_registry_annulment (clerk, j, "撤字2019-1", &day, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  g_clear_error (&error);
  /* An auditor may neither reissue nor correct; the password is still wiped. */
  g_assert_null (civ_marriage_reissue (auditor, j, CIV_REISSUE_MARRIAGE, "lost", &day, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (civ_marriage_correct (auditor, j, CIV_CORRECT_REMARKS, "x", "typo",
                                        CIV_TEST_SUPERVISOR, pw, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpint (pw[0], ==, '\0');
  /* The registrar reissues at the counter. */
  bj = civ_marriage_reissue (clerk, j, CIV_REISSUE_MARRIAGE, "lost", &day, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bj, ==, "BJ110101-2019-000001");
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM marriages"), ==, 1);
  g_assert_cmpint (civ_test_count (store,
                                   "SELECT count(*) FROM audit_log WHERE action = 'denied' AND "
                                   "object = 'approve-corrections'"),
                   ==, 2);
  civ_test_rmdir (dir);
}

static void
test_correction (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  g_autoptr (CivStore) clerk = NULL;
  g_autofree char *his = civ_test_make_id ("110101", "19900101", 19);
  g_autofree char *hers = civ_test_make_id ("110101", "19920202", 20);
  g_autofree char *j = register_couple (store, his, hers);
  char             wrong[] = "not-the-password";
  char             right[] = CIV_TEST_SUPERVISOR_PW;
  char             again[] = CIV_TEST_SUPERVISOR_PW;
  char             other[] = "Registrar2-pw";
  char             own[] = "Registrar-pw";
  char             late[] = CIV_TEST_SUPERVISOR_PW;

  civ_test_add_operator (store, "clerk", "李登记", CIV_ROLE_REGISTRAR, "Registrar-pw");
  civ_test_add_operator (store, "clerk2", "张登记", CIV_ROLE_REGISTRAR, "Registrar2-pw");
  clerk = civ_store_open (dir, "clerk", "Registrar-pw", &error);
  g_assert_no_error (error);

  /* A wrong approver password changes nothing and is wiped. */
  g_assert_false (civ_marriage_correct (clerk, j, CIV_CORRECT_REMARKS, "备注更正", "typo",
                                        CIV_TEST_SUPERVISOR, wrong, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpint (wrong[0], ==, '\0');
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM marriages"), ==, 1);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM audit_log WHERE action = "
                                          "'marriage.correct'"),
                   ==, 0);
  /* A registrar cannot approve, nor can the operator approve their own correction. */
  g_assert_false (civ_marriage_correct (clerk, j, CIV_CORRECT_REMARKS, "备注更正", "typo", "clerk2",
                                        other, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (
    civ_marriage_correct (clerk, j, CIV_CORRECT_REMARKS, "备注更正", "typo", "clerk", own, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM marriages"), ==, 1);

  /* Approved: version 2 carries the new remarks, reason, operator and approver. */
  g_assert_true (civ_marriage_correct (clerk, j, CIV_CORRECT_REMARKS, "备注更正", "typo",
                                       CIV_TEST_SUPERVISOR, right, &error));
  g_assert_no_error (error);
  g_assert_cmpint (right[0], ==, '\0');
  g_assert_cmpint (civ_test_count (store,
                                   "SELECT count(*) FROM marriages WHERE version = 2 AND "
                                   "superseded_by IS NULL AND state = 'REGISTERED' AND remarks = "
                                   "'备注更正' AND reason = 'typo' AND approved_by = 'admin' AND "
                                   "created_by = 'clerk'"),
                   ==, 1);

  /* R-M13: the effective date cannot follow the registration date (2024-01-10). */
  g_assert_false (civ_marriage_correct (clerk, j, CIV_CORRECT_EFFECTIVE_FROM, "2024-01-11",
                                        "late registration", CIV_TEST_SUPERVISOR, late, &error));
  assert_refused (&error, "R-M13");
  g_assert_false (civ_marriage_correct (clerk, j, CIV_CORRECT_EFFECTIVE_FROM, "2024-13-01",
                                        "late registration", CIV_TEST_SUPERVISOR, late, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (civ_marriage_correct (clerk, j, CIV_CORRECT_EFFECTIVE_FROM, "2023-05-20",
                                       "补办 (R-M13)", CIV_TEST_SUPERVISOR, again, &error));
  g_assert_no_error (error);

  /* History keeps every version; the remarks survive the date correction. */
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM marriages"), ==, 3);
  g_assert_cmpint (civ_test_count (store,
                                   "SELECT count(*) FROM marriages WHERE version = 3 AND "
                                   "superseded_by IS NULL AND effective_from = '2023-05-20' AND "
                                   "remarks = '备注更正'"),
                   ==, 1);
  g_assert_cmpint (civ_test_count (store,
                                   "SELECT count(*) FROM marriages WHERE version = 1 AND remarks "
                                   "= '' AND superseded_by IS NOT NULL"),
                   ==, 1);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM audit_log WHERE action = "
                                          "'marriage.correct'"),
                   ==, 2);
  g_assert_cmpint (status_of (store, his), ==, 21);
  civ_test_rmdir (dir);
}

static gint64
prints_voided (CivStore *store, const char *serial)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM certificate_prints WHERE "
                                          "blank_serial = '%s' AND voided_at IS NOT NULL",
                                          serial);

  return civ_test_count (store, sql);
}

/* Voids with the approver's password in a buffer of its own, and checks
 * the service wiped it whatever the outcome. */
static gboolean
void_with (CivStore   *store,
           const char *key,
           const char *serial,
           const char *reason,
           const char *approver,
           const char *password,
           GError    **error)
{
  g_autofree char *buffer = g_strdup (password);
  gboolean         ok = civ_record_void_print (store, key, serial, reason, approver, buffer, error);

  if (buffer != NULL)
    g_assert_cmpint (buffer[0], ==, '\0');
  return ok;
}

/* A spoiled print is voided with its blank's serial and a reason, approved
 * by a supervisor, audited, and never deleted; only a print of this
 * record, only once (R-N1, R-N3, architecture §8). */
static void
test_void_print (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  g_autoptr (CivStore) clerk = NULL;
  g_autoptr (CivStore) auditor = NULL;
  g_autoptr (CivMarriageRecord) record = NULL;
  g_autofree char           *his = civ_test_make_id ("110101", "19900101", 21);
  g_autofree char           *hers = civ_test_make_id ("110101", "19920202", 22);
  g_autofree char           *other_his = civ_test_make_id ("110101", "19890101", 23);
  g_autofree char           *other_hers = civ_test_make_id ("110101", "19910202", 24);
  g_autofree char           *j = register_couple (store, his, hers);
  g_autofree char           *other = register_couple (store, other_his, other_hers);
  g_autofree char           *bj = NULL;
  g_autofree char           *audit_sql = NULL;
  const char *const          j_blanks[] = { "NO.0001", "NO.0011", NULL };
  const char *const          bj_blanks[] = { "NO.0002", "NO.0012", NULL };
  const char *const          other_blanks[] = { "NO.0003", "NO.0013", NULL };
  const CivCertificatePrint *p;
  GDate                      day;

  civ_test_add_operator (store, "clerk", "李登记", CIV_ROLE_REGISTRAR, "Registrar-pw");
  civ_test_add_operator (store, "clerk2", "张登记", CIV_ROLE_REGISTRAR, "Registrar2-pw");
  civ_test_add_operator (store, "shenji", "陈静", CIV_ROLE_AUDITOR, "Auditor-password");
  clerk = civ_store_open (dir, "clerk", "Registrar-pw", &error);
  g_assert_no_error (error);
  auditor = civ_store_open (dir, "shenji", "Auditor-password", &error);
  g_assert_no_error (error);

  civ_test_date (&day, 2024, 3, 1);
  bj = civ_marriage_reissue (store, j, CIV_REISSUE_MARRIAGE, "lost", &day, &error);
  g_assert_no_error (error);
  g_assert_true (civ_record_note_prints (store, j, j_blanks, &error));
  g_assert_true (civ_record_note_prints (store, bj, bj_blanks, &error));
  g_assert_true (civ_record_note_prints (store, other, other_blanks, &error));
  g_assert_no_error (error);

  /* A reason is required; white space is no reason. Nothing changes. */
  g_assert_false (
    void_with (clerk, j, "NO.0001", "  ", CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_assert_cmpstr (civ_app_error_get_rule (error), ==, "R-N1");
  g_clear_error (&error);
  g_assert_false (
    void_with (clerk, j, " ", "smudged", CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_clear_error (&error);
  /* R-N3: the blank must hold a print of this record, and the record must exist. */
  g_assert_false (void_with (clerk, j, "NO.0003", "smudged", CIV_TEST_SUPERVISOR,
                             CIV_TEST_SUPERVISOR_PW, &error));
  assert_refused (&error, "R-N3");
  g_assert_false (void_with (clerk, j, "NO.9999", "smudged", CIV_TEST_SUPERVISOR,
                             CIV_TEST_SUPERVISOR_PW, &error));
  assert_refused (&error, "R-N3");
  g_assert_false (void_with (clerk, "J110101-2024-999999", "NO.0001", "smudged",
                             CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error));
  assert_refused (&error, "R-N3");
  /* An auditor may not void, even with a supervisor's approval. */
  g_assert_false (void_with (auditor, j, "NO.0001", "smudged", CIV_TEST_SUPERVISOR,
                             CIV_TEST_SUPERVISOR_PW, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  g_clear_error (&error);

  /* Architecture §8: a registrar does not void alone… */
  g_assert_false (civ_record_void_print (clerk, j, "NO.0001", "smudged", NULL, NULL, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "supervisor"));
  g_clear_error (&error);
  /* …nor with a wrong supervisor password… */
  g_assert_false (
    void_with (clerk, j, "NO.0001", "smudged", CIV_TEST_SUPERVISOR, "not-the-password", &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  g_clear_error (&error);
  /* …nor approved by another registrar, nor by themself. */
  g_assert_false (void_with (clerk, j, "NO.0001", "smudged", "clerk2", "Registrar2-pw", &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (void_with (clerk, j, "NO.0001", "smudged", "clerk", "Registrar-pw", &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpint (civ_test_count (store,
                                   "SELECT count(*) FROM certificate_prints WHERE voided_at IS NOT "
                                   "NULL"),
                   ==, 0);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM audit_log WHERE action = "
                                          "'certificate.void'"),
                   ==, 0);

  /* The registrar voids the J print with the supervisor's approval: kept,
   * marked, with operator and reason; the audit names the approver. */
  g_assert_true (void_with (clerk, j, " NO.0001 ", " paper jam ", CIV_TEST_SUPERVISOR,
                            CIV_TEST_SUPERVISOR_PW, &error));
  g_assert_no_error (error);
  g_assert_cmpint (prints_voided (store, "NO.0001"), ==, 1);
  g_assert_cmpint (prints_voided (store, "NO.0011"), ==, 0);
  g_assert_cmpint (
    civ_test_count (store, "SELECT count(*) FROM certificate_prints WHERE blank_serial = "
                           "'NO.0001' AND voided_by = 'clerk' AND void_reason = 'paper jam' AND "
                           "void_approved_by = 'admin'"),
    ==, 1);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM certificate_prints"), ==, 6);
  audit_sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE action = 'certificate.void' "
                               "AND object = '%s' AND actor = 'clerk' AND detail LIKE "
                               "'%%\"approved_by\":\"admin\"%%' AND detail LIKE "
                               "'%%\"blank_serial\":\"NO.0001\"%%'",
                               j);
  g_assert_cmpint (civ_test_count (store, audit_sql), ==, 1);
  /* R-N1: voided once, never again; the audit log has one entry. */
  g_assert_false (
    void_with (clerk, j, "NO.0001", "again", CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error));
  assert_refused (&error, "R-N1");
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM audit_log WHERE action = "
                                          "'certificate.void'"),
                   ==, 1);
  /* A supervisor voids alone; the reissued certificate's print belongs to
   * the record too (found by record id). */
  record = civ_record_query_marriage (store, j, &error);
  g_assert_no_error (error);
  g_assert_true (
    civ_record_void_print (store, record->record_id, "NO.0002", "misaligned", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (prints_voided (store, "NO.0002"), ==, 1);
  g_assert_cmpint (prints_voided (store, "NO.0003"), ==, 0);
  g_clear_pointer (&audit_sql, g_free);
  audit_sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE action = 'certificate.void' "
                               "AND object = '%s' AND actor = 'admin' AND detail LIKE "
                               "'%%\"approved_by\":\"admin\"%%'",
                               bj);
  g_assert_cmpint (civ_test_count (store, audit_sql), ==, 1);
  g_clear_pointer (&record, civ_marriage_record_free);

  /* The record shows every print, the voided ones with who and why. */
  record = civ_record_query_marriage (store, j, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (record->prints->len, ==, 4);
  p = g_ptr_array_index (record->prints, 0);
  g_assert_cmpstr (p->blank_serial, ==, "NO.0001");
  g_assert_cmpstr (p->certificate_no, ==, j);
  g_assert_nonnull (p->voided_at);
  g_assert_cmpstr (p->voided_by, ==, "clerk");
  g_assert_cmpstr (p->void_reason, ==, "paper jam");
  g_assert_cmpstr (p->void_approved_by, ==, CIV_TEST_SUPERVISOR);
  p = g_ptr_array_index (record->prints, 1);
  g_assert_cmpstr (p->blank_serial, ==, "NO.0011");
  g_assert_null (p->voided_at);
  p = g_ptr_array_index (record->prints, 2);
  g_assert_cmpstr (p->certificate_no, ==, bj);
  g_assert_cmpstr (p->voided_by, ==, CIV_TEST_SUPERVISOR);
  g_assert_cmpstr (p->void_reason, ==, "misaligned");
  g_assert_cmpstr (p->void_approved_by, ==, CIV_TEST_SUPERVISOR);
  g_assert_cmpstr (civ_audit_action_label ("certificate.void"), !=, "certificate.void");
  civ_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/record/reissue", test_reissue);
  g_test_add_func ("/record/reissue-after-court-divorce", test_reissue_after_court_divorce_refused);
  g_test_add_func ("/record/court-divorce", test_court_divorce);
  g_test_add_func ("/record/void-restores-status", test_void_restores_status_before);
  g_test_add_func ("/record/annulment", test_annulment_court_and_registry);
  g_test_add_func ("/record/permissions", test_permissions);
  g_test_add_func ("/record/correction", test_correction);
  g_test_add_func ("/record/void-print", test_void_print);
  return g_test_run ();
}
