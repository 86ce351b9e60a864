// SPDX-License-Identifier: GPL-3.0-or-later
/* test-users-service.c — listing, adding and disabling operators through
 * the session, and who may */
#include "civ-app-error.h"
#include "civ-session.h"
#include "civ-test-utils.h"
#include "civ-users-service.h"

static GPtrArray *
list (CivSession *session, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  civ_users_list_async (session, NULL, NULL, civ_test_keep_result, &result);
  return civ_users_list_finish (session, civ_test_await (&result), error);
}

static const CivOperator *
find (GPtrArray *operators, const char *login)
{
  for (guint i = 0; i < operators->len; i++)
    if (g_strcmp0 (((CivOperator *) g_ptr_array_index (operators, i))->login, login) == 0)
      return g_ptr_array_index (operators, i);
  return NULL;
}

static void
test_add_list_disable (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  CivSession      *session = civ_test_session_new (civ_test_new_office (&dir, NULL));
  g_autoptr (GPtrArray) operators = NULL;
  g_autoptr (GAsyncResult) added = NULL;
  g_autoptr (GAsyncResult) again = NULL;
  g_autoptr (GAsyncResult) disabled = NULL;

  operators = list (session, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (operators->len, ==, 1);
  g_clear_pointer (&operators, g_ptr_array_unref);

  civ_users_add_async (session, NULL, "clerk", "王登记", CIV_ROLE_REGISTRAR, "Clerk-password", NULL,
                       civ_test_keep_result, &added);
  g_assert_true (civ_users_add_finish (session, civ_test_await (&added), &error));
  g_assert_no_error (error);
  /* The same user name twice is refused. */
  civ_users_add_async (session, NULL, "clerk", "王登记", CIV_ROLE_REGISTRAR, "Clerk-password", NULL,
                       civ_test_keep_result, &again);
  g_assert_false (civ_users_add_finish (session, civ_test_await (&again), &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  civ_users_disable_async (session, NULL, "clerk", NULL, civ_test_keep_result, &disabled);
  g_assert_true (civ_users_disable_finish (session, civ_test_await (&disabled), &error));
  g_assert_no_error (error);

  operators = list (session, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (operators->len, ==, 2);
  g_assert_nonnull (find (operators, "clerk"));
  g_assert_false (find (operators, "clerk")->enabled);
  g_assert_true (find (operators, CIV_TEST_SUPERVISOR)->enabled);

  civ_test_session_close (session);
  civ_test_rmdir (dir);
}

static void
test_registrar_may_not (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  CivSession      *session;
  g_autoptr (GPtrArray) operators = NULL;
  g_autoptr (GAsyncResult) result = NULL;

  session = civ_test_clerk_session_new (&dir);

  operators = list (session, &error);
  g_assert_null (operators);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  g_clear_error (&error);
  civ_users_disable_async (session, NULL, CIV_TEST_SUPERVISOR, NULL, civ_test_keep_result, &result);
  g_assert_false (civ_users_disable_finish (session, civ_test_await (&result), &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);

  civ_test_session_close (session);
  civ_test_rmdir (dir);
}

static void
test_form_rules (void)
{
  g_assert_true (civ_users_login_is_valid ("clerk.2"));
  g_assert_false (civ_users_login_is_valid ("2clerk"));
  g_assert_false (civ_users_login_is_valid ("C"));
  g_assert_cmpuint (civ_users_min_password_length (), ==, 10);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/users-service/add-list-disable", test_add_list_disable);
  g_test_add_func ("/users-service/registrar-may-not", test_registrar_may_not);
  g_test_add_func ("/users-service/form-rules", test_form_rules);
  return g_test_run ();
}
