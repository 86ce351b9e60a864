// SPDX-License-Identifier: GPL-3.0-or-later
/* test-divorce-find.c — finding the couple at the divorce counter by a
 * marriage certificate number, either spouse's identity number or a name,
 * through the record search, with the state of each newest application */
#include "civ-app-error.h"
#include "civ-divorce-find.h"
#include "civ-divorce-service.h"
#include "civ-session.h"
#include "civ-test-utils.h"

static const CivDivorceApplication complete = {
  .both_present = TRUE,
  .agreement_signed = TRUE,
  .agreement_ref = "协议-2024-001",
  .both_capable = TRUE,
  .certificates_presented = TRUE,
};

typedef struct
{
  char       *dir;
  char       *j[3];
  char       *id[6];
  CivSession *session;
} Fixture;

static void
set_up (Fixture *fx, gconstpointer data)
{
  static const char *const couples[3][2] = {
    { "王强", "赵敏" },
    { "王强", "李娜" }, /* another 王强 */
    { "周杰", "吴芳" },
  };
  CivStore *store = civ_test_new_office (&fx->dir, NULL);
  g_autoptr (CivCalendar) cal = civ_test_calendar_2024 ();
  g_autoptr (CivDivorceResult) accepted = NULL;
  g_autoptr (GError) error = NULL;
  GDate today;

  for (guint n = 0; n < 3; n++)
    {
      fx->id[2 * n] = civ_test_make_id ("110101", "19900101", 11 + 2 * n);
      fx->id[2 * n + 1] = civ_test_make_id ("110101", "19920202", 12 + 2 * n);
      fx->j[n] = civ_test_register_couple (store, couples[n], fx->id[2 * n], fx->id[2 * n + 1],
                                           2020 + (int) n);
    }
  /* The first couple has applied to divorce. */
  civ_test_date (&today, 2024, 9, 2);
  accepted = civ_divorce_accept (store, fx->j[0], &today, &complete, cal, &error);
  g_assert_no_error (error);
  fx->session = civ_test_session_new (store);
}

static void
tear_down (Fixture *fx, gconstpointer data)
{
  civ_test_session_close (fx->session);
  civ_test_rmdir (fx->dir);
  g_free (fx->dir);
  for (guint i = 0; i < 3; i++)
    g_free (fx->j[i]);
  for (guint i = 0; i < 6; i++)
    g_free (fx->id[i]);
}

static GPtrArray *
find (CivSession *session, const char *text, gboolean *more, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  civ_divorce_find_async (session, NULL, text, NULL, civ_test_keep_result, &result);
  return civ_divorce_find_finish (session, civ_test_await (&result), more, error);
}

static CivDivorceMatch *
match (GPtrArray *matches, guint i)
{
  return g_ptr_array_index (matches, i);
}

static void
test_by_certificate_and_id (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) found = NULL;
  gboolean more = TRUE;

  /* The marriage certificate number: the couple and their application. */
  found = find (fx->session, fx->j[0], &more, &error);
  g_assert_no_error (error);
  g_assert_false (more);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (match (found, 0)->certificate_no, ==, fx->j[0]);
  g_assert_cmpstr (civ_divorce_match_key (match (found, 0)), ==, fx->j[0]);
  g_assert_cmpstr (match (found, 0)->names[0], ==, "王强");
  g_assert_cmpstr (match (found, 0)->names[1], ==, "赵敏");
  g_assert_cmpstr (match (found, 0)->marriage_state, ==, "REGISTERED");
  g_assert_cmpstr (match (found, 0)->divorce_state, ==, "COOLING");
  g_assert_cmpstr (match (found, 0)->registration_date, ==, "2020-01-10");
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Either spouse's identity number finds the same marriage. */
  for (guint i = 0; i < 2; i++)
    {
      found = find (fx->session, fx->id[i], NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (found->len, ==, 1);
      g_assert_cmpstr (match (found, 0)->certificate_no, ==, fx->j[0]);
      g_clear_pointer (&found, g_ptr_array_unref);
    }
  /* Her identity number in the second couple: no application. */
  found = find (fx->session, fx->id[3], NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (match (found, 0)->certificate_no, ==, fx->j[1]);
  g_assert_null (match (found, 0)->divorce_state);
}

static void
test_by_name (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) found = NULL;

  /* Two men named 王强: both marriages, the newest first, to pick from. */
  found = find (fx->session, "王强", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_cmpstr (match (found, 0)->certificate_no, ==, fx->j[1]);
  g_assert_cmpstr (match (found, 0)->names[1], ==, "李娜");
  g_assert_cmpstr (match (found, 1)->certificate_no, ==, fx->j[0]);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Her name, and pinyin. */
  found = find (fx->session, "吴芳", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (match (found, 0)->certificate_no, ==, fx->j[2]);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = find (fx->session, "zhoujie", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (match (found, 0)->names[0], ==, "周杰");
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Nobody of that name. */
  found = find (fx->session, "钱七", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
}

static void
test_not_a_couple (Fixture *fx, gconstpointer data)
{
  static const char *const texts[] = { "", "   ", "2020", "2020-01-10" };

  /* A date or nothing is not a couple: the registrar is told what to type. */
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) found = find (fx->session, texts[i], NULL, &error);

      g_assert_null (found);
      g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
    }
}

static void
test_not_for_auditor (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) found = NULL;
  g_autofree char *dir = NULL;
  CivSession      *session;

  {
    g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
    civ_test_add_operator (store, "checker", "李审计", CIV_ROLE_AUDITOR, "Checker-password");
  }
  session = civ_test_session_new (civ_store_open (dir, "checker", "Checker-password", &error));
  g_assert_no_error (error);
  found = find (session, "王强", NULL, &error);
  g_assert_null (found);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  civ_test_session_close (session);
  civ_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/divorce-find/certificate-and-id", Fixture, NULL, set_up, test_by_certificate_and_id,
              tear_down);
  g_test_add ("/divorce-find/name", Fixture, NULL, set_up, test_by_name, tear_down);
  g_test_add ("/divorce-find/not-a-couple", Fixture, NULL, set_up, test_not_a_couple, tear_down);
  g_test_add_func ("/divorce-find/not-for-auditor", test_not_for_auditor);
  return g_test_run ();
}
