// SPDX-License-Identifier: GPL-3.0-or-later
/* test-office.c — setting up an office, opening it into a session, how a
 * failed log-in is classified, and changing a password through the session */
#include <string.h>

#include "civ-app-error.h"
#include "civ-office.h"
#include "civ-passwords.h"
#include "civ-session.h"
#include "civ-test-utils.h"

static CivSession *
open_office (CivWorker *worker, const char *dir, const char *login, const char *pw, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  civ_office_open_async (worker, NULL, dir, login, pw, NULL, civ_test_keep_result, &result);
  return civ_office_open_finish (civ_test_await (&result), error);
}

static void
test_create_and_open (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *root = civ_test_mkdtemp ();
  g_autofree char *dir = g_build_filename (root, "office", NULL);
  g_autoptr (CivWorker) worker = civ_worker_new ();
  g_autoptr (GAsyncResult) created = NULL;
  g_autofree char *recovery = NULL;
  g_autofree char *name = NULL;
  g_autofree char *code = NULL;
  g_autoptr (CivSession) session = NULL;

  g_assert_false (civ_office_exists (dir));
  g_assert_false (civ_office_peek (dir, &name, &code));
  civ_office_create_async (worker, NULL, dir, "110101", "东城区民政局", "admin", "张主任",
                           "Supervisor-pw", NULL, civ_test_keep_result, &created);
  recovery = civ_office_create_finish (civ_test_await (&created), &error);
  g_assert_no_error (error);
  g_assert_nonnull (recovery);
  g_assert_cmpuint (strlen (recovery), >, 10);
  g_assert_true (civ_office_exists (dir));
  g_assert_true (civ_office_peek (dir, &name, &code));
  g_assert_cmpstr (name, ==, "东城区民政局");
  g_assert_cmpstr (code, ==, "110101");

  /* A wrong password: no session, and the failure is classified. */
  g_assert_null (open_office (worker, dir, "admin", "not-the-password", &error));
  g_assert_cmpint (civ_app_error_classify (error), ==, CIV_FAILURE_WRONG_CREDENTIALS);
  g_clear_error (&error);
  g_assert_null (open_office (worker, dir, "nobody", "Supervisor-pw", &error));
  g_assert_cmpint (civ_app_error_classify (error), ==, CIV_FAILURE_WRONG_CREDENTIALS);
  g_clear_error (&error);

  session = open_office (worker, dir, "admin", "Supervisor-pw", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (civ_session_get_login (session), ==, "admin");
  g_assert_cmpstr (civ_session_get_display_name (session), ==, "张主任");
  g_assert_cmpint (civ_session_get_role (session), ==, CIV_ROLE_SUPERVISOR);
  g_assert_cmpstr (civ_session_get_office_name (session), ==, "东城区民政局");
  g_assert_cmpstr (civ_session_get_office_code (session), ==, "110101");
  g_assert_cmpint (civ_app_error_classify (NULL), ==, CIV_FAILURE_OTHER);

  civ_session_close (session);
  civ_worker_shutdown (worker);
  civ_test_rmdir (root);
}

static void
test_change_password (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  CivSession      *session;
  g_autoptr (GAsyncResult) wrong = NULL;
  g_autoptr (GAsyncResult) own = NULL;
  g_autoptr (GAsyncResult) reset = NULL;

  {
    CivStore *store = civ_test_new_office (&dir, NULL);
    civ_test_add_operator (store, "clerk", "王登记", CIV_ROLE_REGISTRAR, "Clerk-password");
    session = civ_test_session_new (store);
  }
  /* One's own: the current password is checked first. */
  civ_passwords_change_async (session, NULL, CIV_TEST_SUPERVISOR, "Not-my-password",
                              "Supervisor-pw-2", NULL, civ_test_keep_result, &wrong);
  g_assert_false (civ_passwords_change_finish (session, civ_test_await (&wrong), &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  civ_passwords_change_async (session, NULL, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW,
                              "Supervisor-pw-2", NULL, civ_test_keep_result, &own);
  g_assert_true (civ_passwords_change_finish (session, civ_test_await (&own), &error));
  g_assert_no_error (error);
  /* Another's: a reset by the supervisor. */
  civ_passwords_change_async (session, NULL, "clerk", NULL, "Clerk-password-2", NULL,
                              civ_test_keep_result, &reset);
  g_assert_true (civ_passwords_change_finish (session, civ_test_await (&reset), &error));
  g_assert_no_error (error);
  civ_test_session_close (session);

  {
    g_autoptr (CivStore) clerk = civ_store_open (dir, "clerk", "Clerk-password-2", &error);
    g_assert_no_error (error);
  }
  {
    g_autoptr (CivStore) admin =
      civ_store_open (dir, CIV_TEST_SUPERVISOR, "Supervisor-pw-2", &error);
    g_assert_no_error (error);
  }
  civ_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/office/create-and-open", test_create_and_open);
  g_test_add_func ("/office/change-password", test_change_password);
  return g_test_run ();
}
