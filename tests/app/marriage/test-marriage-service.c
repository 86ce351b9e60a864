// SPDX-License-Identifier: GPL-3.0-or-later
/* test-marriage-service.c — registering a couple over a real SQLCipher file:
 * one transaction, gapless J numbers under concurrency, refusals with rule ids */
#include <string.h>

#include "civ-app-error.h"
#include "civ-idnumber.h"
#include "civ-marriage-online.h"
#include "civ-marriage-service.h"
#include "civ-test-utils.h"

typedef struct
{
  char *id[2];
  char *name[2];
} Couple;

static void
couple_clear (Couple *c)
{
  for (guint i = 0; i < 2; i++)
    {
      g_free (c->id[i]);
      g_free (c->name[i]);
    }
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Couple, couple_clear)

static void
couple_input (CivMarriageInput *in, Couple *c, int n, const char *his_birth, const char *her_birth)
{
  civ_marriage_input_init (in);
  g_date_set_dmy (&in->registration_date, 23, G_DATE_NOVEMBER, 2026);
  in->office_designated = TRUE;
  in->household_jurisdiction = TRUE;
  c->id[0] = civ_test_make_id ("110101", his_birth, (2 * n + 1) % 1000);
  c->id[1] = civ_test_make_id ("110102", her_birth, (2 * n + 2) % 1000);
  c->name[0] = g_strdup_printf ("张伟%d", n);
  c->name[1] = g_strdup_printf ("李娜%d", n);
  civ_test_marriage_parties_ready (in);
  for (guint i = 0; i < 2; i++)
    {
      CivMarriagePartyInput *p = &in->party[i];
      p->name = c->name[i];
      p->doc_number = c->id[i];
      p->category = CIV_RESIDENT_MAINLAND;
    }
}

static void
test_register_and_refuse_bigamy (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  g_auto (Couple) c1 = { 0 };
  g_auto (Couple) c2 = { 0 };
  CivMarriageInput in;
  g_autoptr (CivMarriageResult) r1 = NULL;
  g_autoptr (CivMarriageResult) r2 = NULL;
  g_autoptr (CivMarriageResult) r3 = NULL;

  couple_input (&in, &c1, 1, "19950307", "19970801");
  r1 = civ_marriage_register (store, &in, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (r1->registered);
  g_assert_cmpstr (r1->certificate_no, ==, "J110101-2026-000001");
  g_assert_true (
    g_regex_match_simple ("^(J|L|BJ|BL)\\d{6}-\\d{4}-\\d{6}$", r1->certificate_no, 0, 0));
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM persons WHERE marital_status = 21"),
                   ==, 2);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM outbox WHERE state = 'pending'"),
                   ==, 1);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM audit_log WHERE action = "
                                          "'marriage.register'"),
                   ==, 1);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM marriage_parties WHERE name_pinyin "
                                          "= 'zhangwei1'"),
                   ==, 1);

  /* He comes back with another woman: R-M3 refuses, no number is used. */
  couple_input (&in, &c2, 2, "19950307", "19960101");
  in.party[0].doc_number = c1.id[0];
  in.party[0].name = c1.name[0];
  r2 = civ_marriage_register (store, &in, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (r2->registered);
  g_assert_null (r2->certificate_no);
  g_assert_true (civ_findings_has (r2->findings, "R-M3", CIV_SEVERITY_REFUSE));
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM marriages WHERE state = 'REFUSED'"),
                   ==, 1);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM findings WHERE rule = 'R-M3' AND "
                                          "severity = "
                                          "'refuse'"),
                   ==, 1);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM outbox"), ==, 1);

  /* The next couple gets 000002: no gap where the refusal was. */
  g_auto (Couple) c3 = { 0 };
  couple_input (&in, &c3, 3, "19900101", "19920202");
  r3 = civ_marriage_register (store, &in, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (r3->certificate_no, ==, "J110101-2026-000002");
  civ_test_rmdir (dir);
}

/* R-M3 and R-M7 with the online check (联网核对): a party the province
 * knows as married is refused although the local index has never seen
 * them; an online answer leaves no R-M7 note, a local-only check does, and
 * the record and its report remember where the status came from. */
static void
test_online_status (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  g_auto (Couple) c1 = { 0 };
  g_auto (Couple) c2 = { 0 };
  g_autofree char *key = NULL;
  g_autofree char *key_bad = NULL;
  g_autoptr (GPtrArray) local = NULL;
  g_autoptr (GPtrArray) online = NULL;
  g_autoptr (GPtrArray) married = NULL;
  g_autoptr (CivMarriageResult) refused = NULL;
  g_autoptr (CivMarriageResult) r = NULL;
  CivMarriageInput in;

  couple_input (&in, &c1, 5, "19900307", "19920801");
  key = civ_marriage_party_id_key (&in.party[0], &in.registration_date, NULL);
  g_assert_cmpstr (key, ==, c1.id[0]);
  {
    CivMarriagePartyInput bad = in.party[0];
    bad.doc_number = "not a number";
    key_bad = civ_marriage_party_id_key (&bad, &in.registration_date, NULL);
    g_assert_null (key_bad);
  }

  local = civ_marriage_preview (store, &in, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (civ_findings_has (local, "R-M7", CIV_SEVERITY_INFO));
  g_assert_true (civ_marriage_may_register (local));

  in.status_source = CIV_STATUS_SOURCE_ONLINE;
  online = civ_marriage_preview (store, &in, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (civ_findings_has (online, "R-M7", CIV_SEVERITY_INFO));
  g_assert_true (civ_marriage_may_register (online));

  in.online_married[1] = TRUE;
  married = civ_marriage_preview (store, &in, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (civ_findings_has (married, "R-M3", CIV_SEVERITY_REFUSE));
  g_assert_false (civ_marriage_may_register (married));
  refused = civ_marriage_register (store, &in, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (refused->registered);
  g_assert_cmpint (civ_test_count (store,
                                   "SELECT count(*) FROM marriages WHERE state = 'REFUSED' AND "
                                   "status_source = 'online'"),
                   ==, 1);

  /* Offline: registered, and the record and its report say local-only. */
  couple_input (&in, &c2, 6, "19910307", "19930801");
  r = civ_marriage_register (store, &in, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (r->registered);
  g_assert_true (civ_findings_has (r->findings, "R-M7", CIV_SEVERITY_INFO));
  g_assert_cmpint (civ_test_count (store,
                                   "SELECT count(*) FROM marriages WHERE state = 'REGISTERED' AND "
                                   "status_source = 'local-only'"),
                   ==, 1);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM outbox WHERE payload LIKE "
                                          "'%\"status_source\":\"local-only\"%'"),
                   ==, 1);
  civ_test_rmdir (dir);
}

static void
test_underage_refused (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  g_auto (Couple) c = { 0 };
  CivMarriageInput in;
  g_autoptr (CivMarriageResult) r = NULL;
  g_autoptr (GPtrArray) preview = NULL;

  /* He is 21 (born 2005-01-01), she is 19. */
  couple_input (&in, &c, 1, "20050101", "20070101");
  preview = civ_marriage_preview (store, &in, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (civ_findings_has (preview, "R-M2", CIV_SEVERITY_REFUSE));
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM marriages"), ==, 0);

  r = civ_marriage_register (store, &in, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (r->registered);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM findings WHERE rule = 'R-M2'"), ==,
                   2);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM persons"), ==, 0);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM certificates"), ==, 0);
  civ_test_rmdir (dir);
}

/* The registrar's choice is written only while the checks still lead to
 * it; otherwise nothing is stored. */
static void
test_register_decided (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  g_auto (Couple) young = { 0 };
  g_auto (Couple) adults = { 0 };
  CivMarriageInput under, ok;
  g_autoptr (CivMarriageResult) r = NULL;

  couple_input (&under, &young, 1, "20050101", "20070101"); /* R-M2 refuses */
  couple_input (&ok, &adults, 2, "19900101", "19920101");

  /* Registering an underage couple: the checks refuse, nothing is written. */
  g_assert_null (
    civ_marriage_register_decided (store, &under, NULL, CIV_MARRIAGE_DECISION_REGISTER, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_clear_error (&error);
  /* Refusing a couple nothing refuses: nothing is written either. */
  g_assert_null (
    civ_marriage_register_decided (store, &ok, NULL, CIV_MARRIAGE_DECISION_REFUSE, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM marriages"), ==, 0);

  r = civ_marriage_register_decided (store, &under, NULL, CIV_MARRIAGE_DECISION_REFUSE, &error);
  g_assert_no_error (error);
  g_assert_false (r->registered);
  g_clear_pointer (&r, civ_marriage_result_free);
  r = civ_marriage_register_decided (store, &ok, NULL, CIV_MARRIAGE_DECISION_REGISTER, &error);
  g_assert_no_error (error);
  g_assert_true (r->registered);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM marriages"), ==, 2);
  civ_test_rmdir (dir);
}

static void
test_permission (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  g_autoptr (CivStore) auditor = NULL;
  g_auto (Couple) c = { 0 };
  CivMarriageInput in;
  g_autoptr (CivMarriageResult) r = NULL;

  civ_test_add_operator (store, "shenji", "陈静", CIV_ROLE_AUDITOR, "Auditor-password");
  auditor = civ_store_open (dir, "shenji", "Auditor-password", &error);
  g_assert_no_error (error);
  couple_input (&in, &c, 1, "19950307", "19970801");
  r = civ_marriage_register (auditor, &in, NULL, &error);
  g_assert_null (r);
  g_assert_nonnull (error);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM marriages"), ==, 0);
  civ_test_rmdir (dir);
}

static void
test_atomic_on_failure (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  g_auto (Couple) c = { 0 };
  CivMarriageInput in;
  g_autoptr (CivMarriageResult) r = NULL;
  gint64 audit_before;

  /* Make the last write of the transaction (the outbox row) fail. */
  g_assert_true (civ_db_exec (civ_store_get_db (store),
                              "CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox "
                              "BEGIN SELECT RAISE(ABORT, 'injected failure'); END;",
                              &error));
  audit_before = civ_test_count (store, "SELECT count(*) FROM audit_log");
  couple_input (&in, &c, 1, "19950307", "19970801");
  r = civ_marriage_register (store, &in, NULL, &error);
  g_assert_null (r);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "injected failure"));
  g_clear_error (&error);

  /* Nothing was left behind: no record, no person, no number, no audit. */
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM marriages"), ==, 0);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM marriage_parties"), ==, 0);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM persons"), ==, 0);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM certificates"), ==, 0);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM certificate_counters"), ==, 0);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM audit_log"), ==, audit_before);

  /* After the fault is gone the first number is still 000001. */
  g_assert_true (civ_db_exec (civ_store_get_db (store), "DROP TRIGGER fail_outbox", &error));
  r = civ_marriage_register (store, &in, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (r->certificate_no, ==, "J110101-2026-000001");
  civ_test_rmdir (dir);
}

static void
test_records_immutable (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  g_auto (Couple) c = { 0 };
  CivMarriageInput in;
  g_autoptr (CivMarriageResult) r = NULL;

  couple_input (&in, &c, 1, "19950307", "19970801");
  r = civ_marriage_register (store, &in, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (civ_db_exec (civ_store_get_db (store),
                               "UPDATE marriages SET registration_date = '2020-01-01'", &error));
  g_assert_nonnull (strstr (error->message, "never edited in place"));
  g_clear_error (&error);
  g_assert_false (civ_db_exec (civ_store_get_db (store), "DELETE FROM marriages", &error));
  g_assert_nonnull (strstr (error->message, "never deleted"));
  civ_test_rmdir (dir);
}

typedef struct
{
  char      *dir;
  int        base;
  int        n;
  GPtrArray *numbers;
} Worker;

static gpointer
register_many (gpointer data)
{
  Worker *w = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store =
    civ_store_open (w->dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);

  g_assert_no_error (error);
  for (int i = 0; i < w->n; i++)
    {
      g_auto (Couple) c = { 0 };
      CivMarriageInput in;
      g_autoptr (CivMarriageResult) r = NULL;

      couple_input (&in, &c, w->base + i, "19900101", "19920202");
      r = civ_marriage_register (store, &in, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (r->registered);
      g_ptr_array_add (w->numbers, g_strdup (r->certificate_no));
    }
  return NULL;
}

static void
test_gapless_concurrent (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  Worker   w[2];
  GThread *t[2];
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const int per_thread = 25;

  for (int i = 0; i < 2; i++)
    {
      w[i] = (Worker){ dir, i * 100, per_thread, g_ptr_array_new_with_free_func (g_free) };
      t[i] = g_thread_new ("registrar", register_many, &w[i]);
    }
  for (int i = 0; i < 2; i++)
    g_thread_join (t[i]);

  for (int i = 0; i < 2; i++)
    for (guint j = 0; j < w[i].numbers->len; j++)
      {
        const char *num = g_ptr_array_index (w[i].numbers, j);
        g_assert_false (g_hash_table_contains (seen, num));
        g_hash_table_add (seen, (gpointer) num);
      }
  /* Exactly 000001 … 000050: none shared, none skipped. */
  for (int s = 1; s <= 2 * per_thread; s++)
    {
      g_autofree char *num = g_strdup_printf ("J110101-2026-%06d", s);
      g_assert_true (g_hash_table_contains (seen, num));
    }
  g_assert_cmpint (civ_test_count (store, "SELECT max(serial) FROM certificates"), ==,
                   2 * per_thread);
  for (int i = 0; i < 2; i++)
    g_ptr_array_unref (w[i].numbers);
  civ_test_rmdir (dir);
}

/* R-M3 / R-M7: what the province's answers mean for the check, decided in
 * the service (civ-marriage-online.h), not on the page. */
static void
test_online_decision (void)
{
  static const struct
  {
    gboolean         asked[2];
    CivStatusSource  source[2];
    CivMaritalStatus status[2];
    const char      *current[2];
    CivStatusSource  expect_source;
    gboolean         expect_married[2];
  } cases[] = {
    /* Both answered, neither married. */
    { { TRUE, TRUE },
      { CIV_STATUS_SOURCE_ONLINE, CIV_STATUS_SOURCE_ONLINE },
      { CIV_MARITAL_UNMARRIED, CIV_MARITAL_DIVORCED },
      { NULL, NULL },
      CIV_STATUS_SOURCE_ONLINE,
      { FALSE, FALSE } },
    /* Every 2x status is married (20, 21, 22, 23); 30 widowed is not. */
    { { TRUE, TRUE },
      { CIV_STATUS_SOURCE_ONLINE, CIV_STATUS_SOURCE_ONLINE },
      { CIV_MARITAL_REMARRIED_FORMER, CIV_MARITAL_WIDOWED },
      { NULL, NULL },
      CIV_STATUS_SOURCE_ONLINE,
      { TRUE, FALSE } },
    { { TRUE, TRUE },
      { CIV_STATUS_SOURCE_ONLINE, CIV_STATUS_SOURCE_ONLINE },
      { CIV_MARITAL_FIRST_MARRIAGE, CIV_MARITAL_REMARRIAGE },
      { NULL, NULL },
      CIV_STATUS_SOURCE_ONLINE,
      { TRUE, TRUE } },
    /* A current marriage counts whatever the status says. */
    { { TRUE, TRUE },
      { CIV_STATUS_SOURCE_ONLINE, CIV_STATUS_SOURCE_ONLINE },
      { CIV_MARITAL_NOT_STATED, CIV_MARITAL_UNMARRIED },
      { "RECORD-1", NULL },
      CIV_STATUS_SOURCE_ONLINE,
      { TRUE, FALSE } },
    /* One party unanswered: local records only (R-M7), nothing online. */
    { { TRUE, TRUE },
      { CIV_STATUS_SOURCE_ONLINE, CIV_STATUS_SOURCE_LOCAL_ONLY },
      { CIV_MARITAL_MARRIED, CIV_MARITAL_NOT_STATED },
      { NULL, NULL },
      CIV_STATUS_SOURCE_LOCAL_ONLY,
      { TRUE, FALSE } },
    /* Not asked at all (no usable identity number, not enrolled). */
    { { FALSE, FALSE },
      { 0, 0 },
      { 0, 0 },
      { NULL, NULL },
      CIV_STATUS_SOURCE_LOCAL_ONLY,
      { FALSE, FALSE } },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      CivReportMaritalAnswer        answers[2] = { 0 };
      const CivReportMaritalAnswer *given[2] = { NULL, NULL };
      CivMarriageInput              in;

      civ_marriage_input_init (&in);
      in.online_married[0] = in.online_married[1] = TRUE; /* overwritten */
      for (guint i = 0; i < 2; i++)
        {
          answers[i].source = cases[c].source[i];
          answers[i].status = cases[c].status[i];
          answers[i].current_marriage = (char *) cases[c].current[i];
          if (cases[c].asked[i])
            given[i] = &answers[i];
        }
      civ_marriage_online_decide (given, &in);
      g_test_message ("case %u", c);
      g_assert_cmpint (in.status_source, ==, cases[c].expect_source);
      g_assert_cmpint (in.online_married[0], ==, cases[c].expect_married[0]);
      g_assert_cmpint (in.online_married[1], ==, cases[c].expect_married[1]);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/registry/marriage/register-and-refuse-R-M3", test_register_and_refuse_bigamy);
  g_test_add_func ("/registry/marriage/underage-R-M2", test_underage_refused);
  g_test_add_func ("/registry/marriage/online-status-R-M3-R-M7", test_online_status);
  g_test_add_func ("/registry/marriage/online-decision-R-M3-R-M7", test_online_decision);
  g_test_add_func ("/registry/marriage/register-decided", test_register_decided);
  g_test_add_func ("/registry/marriage/permission", test_permission);
  g_test_add_func ("/registry/marriage/atomic-on-failure", test_atomic_on_failure);
  g_test_add_func ("/registry/marriage/records-immutable", test_records_immutable);
  g_test_add_func ("/registry/marriage/gapless-concurrent", test_gapless_concurrent);
  return g_test_run ();
}
