// SPDX-License-Identifier: GPL-3.0-or-later
/* test-cli-office.c — civreg-cli init, operator, audit, recover: exit codes and output */
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "civ-test-utils.h"

typedef struct
{
  char *tmp;
  char *dir;
  char *pw;
  char *pw2;
  char *recovery;
} Office;

static void
write_file (const char *path, const char *text)
{
  g_autoptr (GError) error = NULL;
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
office_setup (Office *o, gconstpointer data)
{
  g_auto (CivCliRun) r = { 0 };
  const char *marker;

  o->tmp = civ_test_mkdtemp ();
  o->dir = g_build_filename (o->tmp, "office", NULL);
  o->pw = g_build_filename (o->tmp, "pw", NULL);
  o->pw2 = g_build_filename (o->tmp, "pw2", NULL);
  write_file (o->pw, "Supervisor-pass\n");
  write_file (o->pw2, "Registrar-pass\n");

  civ_test_run_cli (&r, (const char *[]){ "init", "--data-dir", o->dir, "--office-code", "110101",
                                          "--office-name", "北京市东城区婚姻登记处", "--supervisor",
                                          "admin", "--supervisor-name", "王主任", "--password-file",
                                          o->pw, NULL });
  g_assert_cmpint (r.status, ==, 0);
  marker = strstr (r.out, "\n\n    ");
  g_assert_nonnull (marker);
  o->recovery = g_strndup (marker + 6, 35);
}

static void
office_teardown (Office *o, gconstpointer data)
{
  civ_test_rmdir (o->tmp);
  g_free (o->tmp);
  g_free (o->dir);
  g_free (o->pw);
  g_free (o->pw2);
  g_free (o->recovery);
}

static void
test_version_help_usage (void)
{
  {
    g_auto (CivCliRun) r = { 0 };
    civ_test_run_cli (&r, (const char *[]){ "--version", NULL });
    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (g_str_has_prefix (r.out, "civreg-cli "));
  }
  {
    g_auto (CivCliRun) r = { 0 };
    civ_test_run_cli (&r, (const char *[]){ "--help", NULL });
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "check-id"));
  }
  {
    g_auto (CivCliRun) r = { 0 };
    civ_test_run_cli (&r, (const char *[]){ NULL });
    g_assert_cmpint (r.status, ==, 2);
  }
  {
    g_auto (CivCliRun) r = { 0 };
    civ_test_run_cli (&r, (const char *[]){ "frobnicate", NULL });
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "frobnicate"));
  }
  {
    g_auto (CivCliRun) r = { 0 };
    civ_test_run_cli (&r, (const char *[]){ "--bogus", NULL });
    g_assert_cmpint (r.status, ==, 2);
  }
  {
    g_auto (CivCliRun) r = { 0 };
    civ_test_run_cli (&r, (const char *[]){ "init", "--office-code", "110101", NULL });
    g_assert_cmpint (r.status, ==, 2);
  }
  {
    g_auto (CivCliRun) r = { 0 };
    civ_test_run_cli (&r, (const char *[]){ "--data-dir", NULL });
    g_assert_cmpint (r.status, ==, 2);
  }
}

static void
test_init (Office *o, gconstpointer data)
{
  g_auto (CivCliRun) again = { 0 };
  g_auto (CivCliRun) bad = { 0 };
  g_autofree char *other = g_build_filename (o->tmp, "other", NULL);

  g_assert_true (civ_store_exists (o->dir));
  g_assert_cmpint (strlen (o->recovery), ==, 35);
  g_assert_cmpint (o->recovery[5], ==, '-');

  /* A second init on the same folder refuses. */
  civ_test_run_cli (&again, (const char *[]){ "init", "--data-dir", o->dir, "--office-code",
                                              "110101", "--office-name", "X登记处", "--supervisor",
                                              "boss", "--password-file", o->pw, NULL });
  g_assert_cmpint (again.status, ==, 1);
  g_assert_nonnull (strstr (again.err, "already"));

  /* A bad division code is refused and creates nothing. */
  civ_test_run_cli (&bad, (const char *[]){ "init", "--data-dir", other, "--office-code", "11010",
                                            "--office-name", "X登记处", "--supervisor", "boss",
                                            "--password-file", o->pw, NULL });
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_false (civ_store_exists (other));
}

static void
test_operators (Office *o, gconstpointer data)
{
  g_auto (CivCliRun) add = { 0 };
  g_auto (CivCliRun) list = { 0 };
  g_auto (CivCliRun) denied = { 0 };
  g_auto (CivCliRun) disable = { 0 };
  g_auto (CivCliRun) login_after = { 0 };
  g_auto (CivCliRun) badrole = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonArray *arr;

  civ_test_run_cli (&add,
                    (const char *[]){ "--data-dir", o->dir, "--user", "admin", "--password-file",
                                      o->pw, "operator", "add", "zhang", "--role", "registrar",
                                      "--name", "张三", "--new-password-file", o->pw2, NULL });
  g_assert_cmpint (add.status, ==, 0);

  civ_test_run_cli (&badrole,
                    (const char *[]){ "--data-dir", o->dir, "--user", "admin", "--password-file",
                                      o->pw, "operator", "add", "li", "--role", "janitor",
                                      "--new-password-file", o->pw2, NULL });
  g_assert_cmpint (badrole.status, ==, 2);

  civ_test_run_cli (&list,
                    (const char *[]){ "--data-dir", o->dir, "--user", "admin", "--password-file",
                                      o->pw, "--json", "operator", "list", NULL });
  g_assert_cmpint (list.status, ==, 0);
  json_parser_load_from_data (parser, list.out, -1, &error);
  g_assert_no_error (error);
  arr = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (arr), ==, 2);

  /* A registrar may not manage users. */
  civ_test_run_cli (&denied,
                    (const char *[]){ "--data-dir", o->dir, "--user", "zhang", "--password-file",
                                      o->pw2, "operator", "list", NULL });
  g_assert_cmpint (denied.status, ==, 1);
  g_assert_nonnull (strstr (denied.err, "may not"));

  civ_test_run_cli (&disable,
                    (const char *[]){ "--data-dir", o->dir, "--user", "admin", "--password-file",
                                      o->pw, "operator", "disable", "zhang", NULL });
  g_assert_cmpint (disable.status, ==, 0);
  civ_test_run_cli (&login_after,
                    (const char *[]){ "--data-dir", o->dir, "--user", "zhang", "--password-file",
                                      o->pw2, "audit", "list", NULL });
  g_assert_cmpint (login_after.status, ==, 1);
}

static void
test_wrong_password (Office *o, gconstpointer data)
{
  g_auto (CivCliRun) r = { 0 };

  civ_test_run_cli (&r, (const char *[]){ "--data-dir", o->dir, "--user", "admin",
                                          "--password-file", o->pw2, "audit", "verify", NULL });
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "password"));
}

static void
test_audit (Office *o, gconstpointer data)
{
  g_auto (CivCliRun) ok = { 0 };
  g_auto (CivCliRun) list = { 0 };
  g_auto (CivCliRun) broken = { 0 };
  g_autoptr (GError) error = NULL;

  civ_test_run_cli (&ok, (const char *[]){ "--data-dir", o->dir, "--user", "admin",
                                           "--password-file", o->pw, "audit", "verify", NULL });
  g_assert_cmpint (ok.status, ==, 0);
  g_assert_nonnull (strstr (ok.out, "intact"));

  civ_test_run_cli (&list,
                    (const char *[]){ "--data-dir", o->dir, "--user", "admin", "--password-file",
                                      o->pw, "audit", "list", "--limit", "0", NULL });
  g_assert_cmpint (list.status, ==, 0);
  g_assert_nonnull (strstr (list.out, "office.create"));
  g_assert_nonnull (strstr (list.out, "audit.verify"));

  /* Rewrite history with the key in hand: verify names the entry. */
  {
    g_autoptr (CivStore) store = civ_store_open (o->dir, "admin", "Supervisor-pass", &error);
    g_assert_no_error (error);
    g_assert_true (civ_db_exec (civ_store_get_db (store),
                                "DROP TRIGGER audit_log_no_update;"
                                "UPDATE audit_log SET actor = 'mallory' WHERE seq = 2;",
                                &error));
    g_assert_no_error (error);
  }
  civ_test_run_cli (&broken,
                    (const char *[]){ "--data-dir", o->dir, "--user", "admin", "--password-file",
                                      o->pw, "--json", "audit", "verify", NULL });
  g_assert_cmpint (broken.status, ==, 1);
  g_assert_nonnull (strstr (broken.out, "\"ok\":false"));
  g_assert_nonnull (strstr (broken.out, "\"first_broken\":2"));
  g_assert_nonnull (strstr (broken.err, "2"));
}

static void
test_recover (Office *o, gconstpointer data)
{
  g_autofree char *code_file = g_build_filename (o->tmp, "code", NULL);
  g_autofree char *bad_file = g_build_filename (o->tmp, "badcode", NULL);
  g_auto (CivCliRun) bad = { 0 };
  g_auto (CivCliRun) good = { 0 };
  g_auto (CivCliRun) login = { 0 };

  write_file (code_file, o->recovery);
  write_file (bad_file, "00000-00000-00000-00000-00000-00000");
  civ_test_run_cli (&bad, (const char *[]){ "--data-dir", o->dir, "--user", "admin", "recover",
                                            "--recovery-file", bad_file, "--new-password-file",
                                            o->pw2, NULL });
  g_assert_cmpint (bad.status, ==, 1);
  civ_test_run_cli (&good, (const char *[]){ "--data-dir", o->dir, "--user", "admin", "recover",
                                             "--recovery-file", code_file, "--new-password-file",
                                             o->pw2, NULL });
  g_assert_cmpint (good.status, ==, 0);
  civ_test_run_cli (&login, (const char *[]){ "--data-dir", o->dir, "--user", "admin",
                                              "--password-file", o->pw2, "audit", "verify", NULL });
  g_assert_cmpint (login.status, ==, 0);
}

static void
test_no_password_without_tty (Office *o, gconstpointer data)
{
  g_auto (CivCliRun) r = { 0 };

  /* No --password-file and no terminal: a clear error, never a password from argv. */
  civ_test_run_cli (&r, (const char *[]){ "--data-dir", o->dir, "--user", "admin", "audit",
                                          "verify", NULL });
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "--password-file"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_add_func ("/cli/usage", test_version_help_usage);
  g_test_add ("/cli/init", Office, NULL, office_setup, test_init, office_teardown);
  g_test_add ("/cli/operators", Office, NULL, office_setup, test_operators, office_teardown);
  g_test_add ("/cli/wrong-password", Office, NULL, office_setup, test_wrong_password,
              office_teardown);
  g_test_add ("/cli/audit", Office, NULL, office_setup, test_audit, office_teardown);
  g_test_add ("/cli/recover", Office, NULL, office_setup, test_recover, office_teardown);
  g_test_add ("/cli/no-password-without-tty", Office, NULL, office_setup,
              test_no_password_without_tty, office_teardown);
  return g_test_run ();
}
