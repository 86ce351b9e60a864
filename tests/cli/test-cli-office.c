// SPDX-License-Identifier: GPL-3.0-or-later
/* test-cli-office.c — civreg-cli init, operator, audit, recover: exit codes and output */
#include <gio/gio.h>
#include <glib/gstdio.h>
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

  /* R-A13: a supervisor gives the registrar the adoption permission and
   * takes it back, audited; nothing else can be given, and not to anyone. */
  {
    g_auto (CivCliRun) grant = { 0 };
    g_auto (CivCliRun) ungrant = { 0 };
    g_auto (CivCliRun) unknown = { 0 };
    g_auto (CivCliRun) supervisor = { 0 };
    g_auto (CivCliRun) by_registrar = { 0 };
    g_auto (CivCliRun) audit = { 0 };

    civ_test_run_cli (&grant,
                      (const char *[]){ "--data-dir", o->dir, "--user", "admin", "--password-file",
                                        o->pw, "operator", "grant", "zhang", "adoption", NULL });
    g_assert_cmpint (grant.status, ==, 0);
    civ_test_run_cli (&by_registrar,
                      (const char *[]){ "--data-dir", o->dir, "--user", "zhang", "--password-file",
                                        o->pw2, "operator", "grant", "zhang", "funeral", NULL });
    g_assert_cmpint (by_registrar.status, ==, 1);
    civ_test_run_cli (&unknown,
                      (const char *[]){ "--data-dir", o->dir, "--user", "admin", "--password-file",
                                        o->pw, "operator", "grant", "zhang", "everything", NULL });
    g_assert_cmpint (unknown.status, ==, 2);
    civ_test_run_cli (&supervisor,
                      (const char *[]){ "--data-dir", o->dir, "--user", "admin", "--password-file",
                                        o->pw, "operator", "grant", "admin", "adoption", NULL });
    g_assert_cmpint (supervisor.status, ==, 1);
    civ_test_run_cli (&ungrant,
                      (const char *[]){ "--data-dir", o->dir, "--user", "admin", "--password-file",
                                        o->pw, "operator", "ungrant", "zhang", "adoption", NULL });
    g_assert_cmpint (ungrant.status, ==, 0);
    civ_test_run_cli (&audit, (const char *[]){ "--data-dir", o->dir, "--user", "admin",
                                                "--password-file", o->pw, "audit", "list", NULL });
    g_assert_nonnull (strstr (audit.out, "operator.grant"));
    g_assert_nonnull (strstr (audit.out, "operator.ungrant"));
  }

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

/* Runs civreg-cli as @user with the password in @pw and @args after it. */
static void
run_as (CivCliRun *r, Office *o, const char *user, const char *pw, const char *const *args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  const char *const head[] = { "--data-dir", o->dir, "--user", user, "--password-file", pw };

  for (guint i = 0; i < G_N_ELEMENTS (head); i++)
    g_ptr_array_add (argv, (gpointer) head[i]);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  civ_test_run_cli (r, (const char *const *) argv->pdata);
}

/* Weak passwords are refused at every door (issue 12, item 6). */
static void
test_password_rules (Office *o, gconstpointer data)
{
  g_autofree char  *weak = g_build_filename (o->tmp, "weak", NULL);
  g_autofree char  *code = g_build_filename (o->tmp, "code", NULL);
  g_autofree char  *other = g_build_filename (o->tmp, "other-office", NULL);
  const char *const weak_ones[] = { "password",   "12345678", "        ",
                                    "adminadmin", "Admin",    "Password123!" };

  write_file (code, o->recovery);
  for (guint i = 0; i < G_N_ELEMENTS (weak_ones); i++)
    {
      g_auto (CivCliRun) add = { 0 };
      g_auto (CivCliRun) passwd = { 0 };
      g_auto (CivCliRun) recover = { 0 };
      g_auto (CivCliRun) init = { 0 };

      write_file (weak, weak_ones[i]);
      run_as (&add, o, "admin", o->pw,
              (const char *[]){ "operator", "add", "wang", "--role", "registrar",
                                "--new-password-file", weak, NULL });
      g_assert_cmpint (add.status, ==, 1);
      run_as (&passwd, o, "admin", o->pw,
              (const char *[]){ "operator", "passwd", "--new-password-file", weak, NULL });
      g_assert_cmpint (passwd.status, ==, 1);
      civ_test_run_cli (&recover, (const char *[]){ "--data-dir", o->dir, "--user", "admin",
                                                    "recover", "--recovery-file", code,
                                                    "--new-password-file", weak, NULL });
      g_assert_cmpint (recover.status, ==, 1);
      civ_test_run_cli (&init,
                        (const char *[]){ "init", "--data-dir", other, "--office-code", "110101",
                                          "--office-name", "东城区", "--supervisor", "admin",
                                          "--password-file", weak, NULL });
      g_assert_cmpint (init.status, ==, 1);
      g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
    }
  {
    /* passwd to the same password is a reuse. */
    g_auto (CivCliRun) same = { 0 };

    run_as (&same, o, "admin", o->pw,
            (const char *[]){ "operator", "passwd", "--new-password-file", o->pw, NULL });
    g_assert_cmpint (same.status, ==, 1);
  }
}

/* Five wrong passwords lock a login; the right one is then refused until a
 * supervisor runs operator unlock (issue 12, item 5). */
static void
test_lockout (Office *o, gconstpointer data)
{
  g_autofree char *wrong = g_build_filename (o->tmp, "wrong", NULL);
  g_autofree char *newpw = g_build_filename (o->tmp, "newpw", NULL);
  g_auto (CivCliRun) add = { 0 };
  g_auto (CivCliRun) locked = { 0 };
  g_auto (CivCliRun) not_yet = { 0 };
  g_auto (CivCliRun) unlock = { 0 };
  g_auto (CivCliRun) again = { 0 };
  g_auto (CivCliRun) works = { 0 };
  g_auto (CivCliRun) audit = { 0 };

  write_file (wrong, "Not-the-pw-1\n");
  write_file (newpw, "Registrar-pass-2\n");
  run_as (&add, o, "admin", o->pw,
          (const char *[]){ "operator", "add", "li", "--role", "registrar", "--new-password-file",
                            o->pw2, NULL });
  g_assert_cmpint (add.status, ==, 0);
  for (int i = 0; i < 5; i++)
    {
      g_auto (CivCliRun) r = { 0 };

      run_as (&r, o, "li", wrong, (const char *[]){ "operator", "passwd", NULL });
      g_assert_cmpint (r.status, ==, 1);
    }
  run_as (&locked, o, "li", o->pw2,
          (const char *[]){ "operator", "passwd", "--new-password-file", newpw, NULL });
  g_assert_cmpint (locked.status, ==, 1);
  g_assert_nonnull (strstr (locked.err, "supervisor"));

  /* Only a supervisor unlocks; an unlocked user is not "unlocked" again. */
  run_as (&not_yet, o, "admin", o->pw, (const char *[]){ "operator", "unlock", "admin", NULL });
  g_assert_cmpint (not_yet.status, ==, 1);
  run_as (&unlock, o, "admin", o->pw, (const char *[]){ "operator", "unlock", "li", NULL });
  g_assert_cmpint (unlock.status, ==, 0);
  run_as (&again, o, "admin", o->pw, (const char *[]){ "operator", "unlock", "li", NULL });
  g_assert_cmpint (again.status, ==, 1);
  run_as (&works, o, "li", o->pw2,
          (const char *[]){ "operator", "passwd", "--new-password-file", newpw, NULL });
  g_assert_cmpint (works.status, ==, 0);

  run_as (&audit, o, "admin", o->pw, (const char *[]){ "audit", "list", NULL });
  g_assert_cmpint (audit.status, ==, 0);
  g_assert_nonnull (strstr (audit.out, "login.locked-out"));
  g_assert_nonnull (strstr (audit.out, "user.unlocked"));
  /* The journal keeps no login in clear: the failures match li by hash. */
  g_assert_nonnull (strstr (audit.out, "\"login_match\":\"li\""));
}

/* An older copy of the database put back is a warning naming both audit
 * sequence numbers. */
static void
test_rollback_warning (Office *o, gconstpointer data)
{
  g_autofree char *db = g_build_filename (o->dir, "civreg.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);
  g_autofree char *saved = NULL;
  g_autofree char *recorded = NULL;
  g_autofree char *found = NULL;
  gsize            len = 0;
  g_auto (CivCliRun) work = { 0 };
  g_auto (CivCliRun) warned = { 0 };
  g_auto (CivCliRun) audit = { 0 };
  const char *p;

  g_assert_true (g_file_get_contents (db, &saved, &len, NULL));
  run_as (&work, o, "admin", o->pw,
          (const char *[]){ "operator", "add", "zhao", "--role", "auditor", "--new-password-file",
                            o->pw2, NULL });
  g_assert_cmpint (work.status, ==, 0);
  g_assert_true (g_file_set_contents (db, saved, len, NULL));
  g_unlink (wal);
  g_unlink (shm);

  run_as (&warned, o, "admin", o->pw, (const char *[]){ "operator", "list", NULL });
  g_assert_cmpint (warned.status, ==, 0);
  run_as (&audit, o, "admin", o->pw,
          (const char *[]){ "audit", "list", "--action", "audit.rollback-suspected", NULL });
  p = strstr (audit.out, "\"recorded\":\"");
  g_assert_nonnull (p);
  recorded = g_strndup (p + 12, strcspn (p + 12, "\""));
  p = strstr (audit.out, "\"found\":\"");
  g_assert_nonnull (p);
  found = g_strndup (p + 9, strcspn (p + 9, "\""));
  g_assert_cmpint (g_ascii_strtoll (recorded, NULL, 10), >, g_ascii_strtoll (found, NULL, 10));
  g_assert_nonnull (strstr (warned.err, recorded));
  g_assert_nonnull (strstr (warned.err, found));
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
  g_test_add ("/cli/password-rules", Office, NULL, office_setup, test_password_rules,
              office_teardown);
  g_test_add ("/cli/lockout", Office, NULL, office_setup, test_lockout, office_teardown);
  g_test_add ("/cli/rollback-warning", Office, NULL, office_setup, test_rollback_warning,
              office_teardown);
  g_test_add ("/cli/recover", Office, NULL, office_setup, test_recover, office_teardown);
  g_test_add ("/cli/no-password-without-tty", Office, NULL, office_setup,
              test_no_password_without_tty, office_teardown);
  return g_test_run ();
}
