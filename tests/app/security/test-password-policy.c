// SPDX-License-Identifier: GPL-3.0-or-later
/* test-password-policy.c — what an operator's password must be (issue 12,
 * item 6): the passwords the attacker tried are refused, each with the rule
 * that says what is missing; set-up, a new user and a change ask it; an
 * expired password is refused at work until it is changed. */
#include "civ-app-error.h"
#include "civ-login-guard-private.h"
#include "civ-password-policy.h"
#include "civ-passwords.h"
#include "civ-test-utils.h"

static const struct
{
  const char *login;
  const char *password;
  const char *rule; /* NULL: accepted */
} cases[] = {
  { "wang", "password", "password.length" },
  { "wang", "12345678", "password.length" },
  { "wang", "        ", "password.length" },
  { "wang", "          ", "password.classes" },
  { "wang", "abcdefghijk", "password.classes" },
  { "wang", "abcdefghij1", "password.classes" },
  { "wang", "ABCDEFGHIJ!", "password.classes" },
  { "wang", "密码密码密码密码密码", "password.classes" },
  { "li.si.12345", "LI.SI.12345", "password.login" },
  { "li.si.12345", "54321.is.IL", "password.login" },
  { "wang", "Password123!", "password.common" },
  { "wang", "P@ssw0rd123", "password.common" },
  { "wang", "qwerty1234!A", NULL },
  { "wang", "Clerk-password", NULL },
  { "wang", "Wang-li-1987", NULL },
  { "li.si.12345", "Li.si.12345-x", NULL },
};

static void
test_rules (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      gboolean ok = civ_password_policy_check (cases[i].login, cases[i].password, &error);

      g_test_message ("%s / %s", cases[i].login, cases[i].password);
      if (cases[i].rule == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          continue;
        }
      g_assert_false (ok);
      g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
      g_assert_cmpstr (civ_app_error_get_rule (error), ==, cases[i].rule);
    }
  g_assert_true (civ_password_is_common ("PASSWORD"));
  g_assert_false (civ_password_is_common ("Clerk-password"));
}

/* A change to a weak password, or to the same one, changes nothing. */
static void
test_change (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);

  g_assert_false (
    civ_operator_change_password (store, CIV_TEST_SUPERVISOR, NULL, "12345678", &error));
  g_assert_cmpstr (civ_app_error_get_rule (error), ==, "password.length");
  g_clear_error (&error);
  g_assert_false (civ_operator_change_password (store, CIV_TEST_SUPERVISOR, NULL,
                                                CIV_TEST_SUPERVISOR_PW, &error));
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_PASSWORD_REUSED);
  g_clear_error (&error);
  g_assert_true (
    civ_operator_change_password (store, CIV_TEST_SUPERVISOR, NULL, "Another-pw-2025", &error));
  g_assert_no_error (error);
  civ_test_rmdir (dir);
}

static void
test_expiry (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  gint64 set_at = 0;

  g_assert_true (civ_store_get_password_set_at (store, CIV_TEST_SUPERVISOR, &set_at, &error));
  /* 0 days: passwords never expire. */
  civ_security_policy_set_max_age_days (0);
  _civ_login_guard_set_now (set_at + 400 * 24 * 3600);
  g_assert_true (civ_password_check_age (store, CIV_TEST_SUPERVISOR, &error));

  civ_security_policy_set_max_age_days (90);
  _civ_login_guard_set_now (set_at + 89 * 24 * 3600);
  g_assert_true (civ_password_check_age (store, CIV_TEST_SUPERVISOR, &error));
  _civ_login_guard_set_now (set_at + 91 * 24 * 3600);
  g_assert_false (civ_password_check_age (store, CIV_TEST_SUPERVISOR, &error));
  g_assert_cmpstr (civ_app_error_get_rule (error), ==, "password.expired");
  g_clear_error (&error);

  /* A new password starts the count again. */
  _civ_login_guard_set_now (0);
  g_assert_true (civ_store_set_password (store, CIV_TEST_SUPERVISOR, "Renewed-pw-2025", &error));
  g_assert_true (civ_password_check_age (store, CIV_TEST_SUPERVISOR, &error));
  g_assert_no_error (error);
  civ_security_policy_set_max_age_days (0);
  civ_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/password-policy/rules", test_rules);
  g_test_add_func ("/password-policy/change", test_change);
  g_test_add_func ("/password-policy/expiry", test_expiry);
  return g_test_run ();
}
