// SPDX-License-Identifier: GPL-3.0-or-later
/* test-divorce-remote.c — the database steps of divorce across windows
 * (issue 17, R-D6): the parser of the province's answers, the import of a
 * taken application with its marriage and provenance, its refusals (another
 * office, closed, a conflicting application, a dissolved marriage) that
 * change nothing, and what the province says of this window's applications
 * (held elsewhere: issuance refused with R-D6; issued elsewhere: the
 * marriage dissolved here). No network: the answers are written here.
 */
#include <string.h>

#include "civ-app-error.h"
#include "civ-divorce-remote.h"
#include "civ-divorce-service.h"
#include "civ-test-utils.h"

#define HIS "110101199001010011"
#define HERS "110101199202020021"

/* An answer with one application of @office in @state; @closed adds the
 * closing members. */
static char *
answer (const char *record_id, const char *office, const char *state, const char *closed)
{
  return g_strdup_printf (
    "{\"applications\":[{\"record_id\":\"%s\",\"state\":\"%s\",\"office_code\":\"%s\","
    "\"accepted_by\":\"WS-1\",\"holder\":\"WS-2\",\"held_since\":\"2026-04-03T02:00:00Z\","
    "\"accepted_on\":\"2024-03-04\",\"agreement_ref\":\"XY-1\"%s,"
    "\"marriage\":{\"record_id\":\"M-1\",\"certificate_no\":\"J110101-2020-000009\","
    "\"registration_date\":\"2020-05-20\",\"effective_from\":\"2020-05-20\",\"office_code\":"
    "\"110101\",\"office_name\":\"东城区\",\"state\":\"REGISTERED\",\"parties\":["
    "{\"name\":\"王强\",\"sex\":1,\"birth_date\":\"1990-01-01\",\"nationality\":\"CHN\","
    "\"doc_kind\":\"resident-id\",\"doc_number\":\"%s\",\"resident_category\":\"mainland\","
    "\"status_before\":10,\"nature\":21},"
    "{\"name\":\"赵敏\",\"sex\":2,\"birth_date\":\"1992-02-02\",\"nationality\":\"CHN\","
    "\"doc_kind\":\"resident-id\",\"doc_number\":\"%s\",\"resident_category\":\"mainland\","
    "\"status_before\":10,\"nature\":21}]}}]}",
    record_id, state, office, closed ? closed : "", HIS, HERS);
}

static GPtrArray *
parse_ok (const char *text)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *apps = civ_divorce_remote_parse (text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (apps->len, ==, 1);
  return apps;
}

static void
today_2024 (GDate *d)
{
  civ_test_date (d, 2024, 4, 20);
}

static gboolean
import (CivStore *store, const char *text, const char *previous_holder, GError **error)
{
  g_autoptr (GPtrArray) apps = parse_ok (text);
  g_autoptr (CivCalendar) calendar = civ_calendar_new ();
  GDate today;

  today_2024 (&today);
  return civ_divorce_import_taken (store, g_ptr_array_index (apps, 0), previous_holder, &today,
                                   calendar, error);
}

static void
test_parse (void)
{
  g_autofree char *good = answer ("A-1", "110101", "COOLING", NULL);
  g_autofree char *issued = answer ("A-1", "110101", "REGISTERED",
                                    ",\"closed_on\":\"2024-04-10\",\"closed_by\":\"WS-2\","
                                    "\"certificate_no\":\"L110101-2024-000003\"");
  g_autofree char *no_day = answer ("A-1", "110101", "WITHDRAWN", NULL);
  g_autofree char *bad_state = answer ("A-1", "110101", "OPEN", NULL);
  g_autofree char *bad_office = answer ("A-1", "11010X", "COOLING", NULL);
  g_autofree char *bad_id = answer ("A/1", "110101", "COOLING", NULL);
  const char      *bad[] = { no_day,
                             bad_state,
                             bad_office,
                             bad_id,
                             "[]",
                             "{\"applications\":{}}",
                             "{\"applications\":[1]}",
                             "not json" };
  g_autoptr (GPtrArray) one = parse_ok (good);
  g_autoptr (GPtrArray) two = parse_ok (issued);
  const CivDivorceRemote *r = g_ptr_array_index (one, 0);

  g_assert_cmpstr (r->marriage.party[1].name, ==, "赵敏");
  g_assert_cmpstr (r->marriage.party[0].doc_number, ==, HIS);
  g_assert_null (r->closed_on);
  g_assert_cmpstr (((CivDivorceRemote *) g_ptr_array_index (two, 0))->certificate_no, ==,
                   "L110101-2024-000003");
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) none = civ_divorce_remote_parse (bad[i], strlen (bad[i]), &error);

      g_assert_null (none);
      g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
    }
}

static void
assert_nothing (CivStore *store)
{
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM marriages"), ==, 0);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM divorces"), ==, 0);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM persons"), ==, 0);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM remote_records"), ==, 0);
}

static void
test_import (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *other_office = answer ("A-1", "120101", "COOLING", NULL);
  g_autofree char *closed =
    answer ("A-1", "110101", "LAPSED", ",\"closed_on\":\"2024-04-10\",\"closed_by\":\"WS-1\"");
  g_autofree char *good = answer ("A-1", "110101", "COOLING", NULL);
  g_autofree char *rival = answer ("A-2", "110101", "COOLING", NULL);

  g_assert_false (import (store, other_office, "WS-1", &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "R-D6"));
  g_clear_error (&error);
  g_assert_false (import (store, closed, "WS-1", &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_REFUSED);
  g_clear_error (&error);
  assert_nothing (store);

  g_assert_true (import (store, good, "WS-1", &error));
  g_assert_no_error (error);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM marriages WHERE record_id = 'M-1' "
                                          "AND state = 'REGISTERED' AND certificate_no = "
                                          "'J110101-2020-000009'"),
                   ==, 1);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM persons WHERE marital_status = 20 "
                                          "AND current_marriage = 'M-1'"),
                   ==, 2);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM remote_records WHERE origin = "
                                          "'WS-1'"),
                   ==, 2);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM divorces WHERE record_id = 'A-1' "
                                          "AND accepted_by = 'WS-1' AND held_by IS NULL AND "
                                          "accepted_on = '2024-03-04' AND agreement_ref = 'XY-1'"),
                   ==, 1);
  /* The search finds the couple by pinyin. */
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM marriage_parties WHERE "
                                          "name_pinyin = 'wangqiang' AND name_initials = 'wq'"),
                   ==, 1);

  /* Another open application for the same marriage: R-D5, nothing added. */
  g_assert_false (import (store, rival, "WS-3", &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "R-D5"));
  g_clear_error (&error);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM divorces"), ==, 1);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM audit_log WHERE action = "
                                          "'divorce.take'"),
                   ==, 1);
}

/* What the province says of this window's open application. */
static void
test_apply (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (CivCalendar) calendar = civ_calendar_new ();
  g_autoptr (CivDivorceResult) refused = NULL;
  g_autofree char *good = answer ("A-1", "110101", "COOLING", NULL);
  g_autofree char *issued = answer ("A-1", "110101", "REGISTERED",
                                    ",\"closed_on\":\"2024-04-10\",\"closed_by\":\"WS-2\","
                                    "\"certificate_no\":\"L110101-2024-000003\"");
  g_autoptr (GPtrArray) held = parse_ok (good);
  g_autoptr (GPtrArray) closed = parse_ok (issued);
  guint changed = 0;
  GDate today;

  g_assert_true (import (store, good, "WS-1", &error));
  g_assert_no_error (error);
  /* WS-2 holds it now (the answer's holder). */
  g_assert_true (civ_divorce_apply_remote (store, held, "WS-9", &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_true (civ_divorce_apply_remote (store, held, "WS-9", &changed, &error));
  g_assert_cmpuint (changed, ==, 0);
  today_2024 (&today);
  refused = civ_divorce_issue (store, "A-1", &today, TRUE, TRUE, calendar, &error);
  g_assert_null (refused);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "R-D6"));
  g_assert_nonnull (strstr (error->message, "WS-2"));
  g_clear_error (&error);
  g_assert_false (civ_divorce_withdraw (store, "A-1", 0, &today, calendar, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM outbox"), ==, 0);

  /* Issued at WS-2: closed here, the marriage dissolved, nothing reported. */
  g_assert_true (civ_divorce_apply_remote (store, closed, "WS-9", &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM divorces WHERE state = "
                                          "'REGISTERED' AND certificate_no = "
                                          "'L110101-2024-000003' AND closed_on = '2024-04-10'"),
                   ==, 1);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM marriages WHERE superseded_by IS "
                                          "NULL AND state = 'DISSOLVED_REG'"),
                   ==, 1);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM persons WHERE marital_status = 40"),
                   ==, 2);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM outbox"), ==, 0);

  /* A marriage dissolved here cannot be taken again (R-D3). */
  {
    g_autofree char *again = answer ("A-7", "110101", "COOLING", NULL);

    g_assert_false (import (store, again, "WS-1", &error));
    g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_REFUSED);
    g_assert_nonnull (strstr (error->message, "R-D3"));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/divorce/remote/parse", test_parse);
  g_test_add_func ("/divorce/remote/import", test_import);
  g_test_add_func ("/divorce/remote/apply", test_apply);
  return g_test_run ();
}
