// SPDX-License-Identifier: GPL-3.0-or-later
/* test-cli-input.c — civreg-cli and what it is given from outside (issue 12,
 * items 8 and 9): hostile rule files, a password file that never ends, a
 * quote in the data folder's path, the folder's and office.ini's modes,
 * escape bytes echoed, refusals audited and said once */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/stat.h>

#include "civ-test-utils.h"

#define CLERK "clerk"
#define CLERK_PW "Clerk-password"
#define AUDITOR "auditor"
#define AUDITOR_PW "Auditor-password"

typedef struct
{
  char *dir;
  char *work;
  char *clerk_pw;
  char *auditor_pw;
} Office;

static char *
work_file (const char *work, const char *name, const char *text)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (work, name, NULL);

  if (text)
    {
      g_file_set_contents (path, text, -1, &error);
      g_assert_no_error (error);
    }
  return path;
}

static void
office_setup (Office *o, gconstpointer data)
{
  g_autoptr (CivStore) store = civ_test_new_office (&o->dir, NULL);

  o->work = civ_test_mkdtemp ();
  civ_test_add_operator (store, CLERK, "王登记", CIV_ROLE_REGISTRAR, CLERK_PW);
  civ_test_add_operator (store, AUDITOR, "陈静", CIV_ROLE_AUDITOR, AUDITOR_PW);
  o->clerk_pw = work_file (o->work, "clerk-pw", CLERK_PW "\n");
  o->auditor_pw = work_file (o->work, "auditor-pw", AUDITOR_PW "\n");
}

static void
office_teardown (Office *o, gconstpointer data)
{
  civ_test_rmdir (o->dir);
  civ_test_rmdir (o->work);
  g_free (o->dir);
  g_free (o->work);
  g_free (o->clerk_pw);
  g_free (o->auditor_pw);
}

static gint64
count (Office *o, const char *sql)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store =
    civ_store_open (o->dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);
  gint64 n = -1;

  g_assert_no_error (error);
  g_assert_true (civ_db_query_int64 (civ_store_get_db (store), sql, &n, NULL));
  return n;
}

static void
test_rules_hostile (void)
{
  g_autofree char *work = civ_test_mkdtemp ();
  g_autoptr (GString) deep = g_string_new ("{\"registration_date\": \"2025-06-03\", \"x\": ");
  g_autofree char *deep_file = NULL;
  g_autofree char *typo_file = work_file (
    work, "typo.json",
    "{\"registration_date\": \"2025-06-03\", \"parties\": [{\"sex\": \"male\", \"birth_date\": "
    "\"1990-03-07\", \"consent\": false}, {\"sex\": \"female\", \"birth_date\": \"1992-05-15\"}]}");

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');
  deep_file = work_file (work, "deep.json", deep->str);
  {
    g_auto (CivCliRun) r = { 0 };

    /* Before the guard: killed by SIGSEGV in json-glib. */
    civ_test_run_cli (&r, (const char *[]){ "rules", "marriage", deep_file, NULL });
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "64"));
  }
  {
    g_auto (CivCliRun) r = { 0 };

    civ_test_run_cli (&r, (const char *[]){ "rules", "marriage", typo_file, NULL });
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "“consent”"));
  }
  {
    g_auto (CivCliRun) r = { 0 };

    civ_test_run_cli (&r, (const char *[]){ "rules", "marriage", "/dev/zero", NULL });
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "1 MiB"));
  }
  civ_test_rmdir (work);
}

static void
test_password_file_zero (Office *o, gconstpointer data)
{
  g_auto (CivCliRun) r = { 0 };

  civ_test_run_cli (&r,
                    (const char *[]){ "--data-dir", o->dir, "--user", CIV_TEST_SUPERVISOR,
                                      "--password-file", "/dev/zero", "audit", "verify", NULL });
  g_assert_cmpint (r.status, !=, 0);
  g_assert_nonnull (strstr (r.err, "4 KiB"));
}

/* A quote, a backslash and a newline in the path: the JSON stays valid and
 * keeps the recovery code; the folder is made 0700, office.ini 0600 with a
 * permissive umask; an existing 0777 folder is tightened with a note. */
static void
test_init_json_and_modes (void)
{
  g_autofree char *work = civ_test_mkdtemp ();
  g_autofree char *dir = g_build_filename (work, "a\"b\\c\nd", "office", NULL);
  g_autofree char *open_dir = g_build_filename (work, "open", NULL);
  g_autofree char *pw = work_file (work, "pw", CIV_TEST_SUPERVISOR_PW "\n");
  g_autofree char *ini = g_build_filename (dir, "office.ini", NULL);
  mode_t           old = umask (0);
  GStatBuf         st;

  {
    g_auto (CivCliRun) r = { 0 };
    g_autoptr (JsonParser) parser = json_parser_new ();
    g_autoptr (GError) error = NULL;
    JsonObject *obj;

    civ_test_run_cli (&r, (const char *[]){ "--json", "init", "--data-dir", dir, "--office-code",
                                            "110101", "--office-name", "东城区婚姻登记处",
                                            "--supervisor", "admin", "--password-file", pw, NULL });
    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (json_parser_load_from_data (parser, r.out, -1, &error));
    g_assert_no_error (error);
    obj = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpstr (json_object_get_string_member (obj, "data_dir"), ==, dir);
    g_assert_cmpuint (strlen (json_object_get_string_member (obj, "recovery_code")), >=, 20);
  }
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (ini, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_cmpint (g_mkdir (open_dir, 0777), ==, 0);
  g_assert_cmpint (g_chmod (open_dir, 0777), ==, 0);
  {
    g_auto (CivCliRun) r = { 0 };

    civ_test_run_cli (&r, (const char *[]){ "init", "--data-dir", open_dir, "--office-code",
                                            "110101", "--office-name", "东城区婚姻登记处",
                                            "--supervisor", "admin", "--password-file", pw, NULL });
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.err, "0700"));
  }
  g_assert_cmpint (g_stat (open_dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  umask (old);
  civ_test_rmdir (work);
}

static void
test_check_id_escapes (void)
{
  g_auto (CivCliRun) r = { 0 };
  g_auto (CivCliRun) u = { 0 };

  civ_test_run_cli (&r, (const char *[]){ "check-id", "11010\x1b]0;pwned\x07\x1b[2J", NULL });
  g_assert_cmpint (r.status, ==, 1);
  g_assert_null (strchr (r.out, '\x1b'));
  g_assert_null (strchr (r.out, '\x07'));
  g_assert_null (strchr (r.err, '\x1b'));
  g_assert_nonnull (strstr (r.out, "\\x1b"));
  civ_test_run_cli (&u, (const char *[]){ "check-id", "110101", "\x1b[2J", NULL });
  g_assert_cmpint (u.status, ==, 2);
  g_assert_null (strchr (u.err, '\x1b'));
  g_assert_nonnull (strstr (u.err, "\\x1b[2J"));
}

/* Issue 12 item 8: an existing office left open to others (a 0777 folder,
 * office.ini and the key slots 0644) is tightened at the next login. */
static void
test_open_office_tightened (Office *o, gconstpointer data)
{
  g_auto (CivCliRun) r = { 0 };
  g_autofree char *ini = g_build_filename (o->dir, "office.ini", NULL);
  g_autofree char *keys = g_build_filename (o->dir, "civreg.keys", NULL);
  GStatBuf         st;

  g_assert_cmpint (g_chmod (o->dir, 0777), ==, 0);
  g_assert_cmpint (g_chmod (ini, 0644), ==, 0);
  g_assert_cmpint (g_chmod (keys, 0644), ==, 0);
  civ_test_run_cli (&r, (const char *[]){ "--data-dir", o->dir, "--user", CLERK, "--password-file",
                                          o->clerk_pw, "search", "王", NULL });
  g_assert_nonnull (strstr (r.err, "0700"));
  g_assert_cmpint (g_stat (o->dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (ini, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (keys, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_demo_data_refusal_audited (Office *o, gconstpointer data)
{
  g_auto (CivCliRun) r = { 0 };

  g_assert_cmpint (count (o, "SELECT count(*) FROM audit_log WHERE action = 'denied' AND object = "
                             "'demo-data'"),
                   ==, 0);
  civ_test_run_cli (&r, (const char *[]){ "--data-dir", o->dir, "--user", CLERK, "--password-file",
                                          o->clerk_pw, "demo-data", "--marriages", "3", NULL });
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpint (count (o, "SELECT count(*) FROM audit_log WHERE action = 'denied' AND object = "
                             "'demo-data' "
                             "AND actor = '" CLERK "'"),
                   ==, 1);
}

static void
test_auditor_sync_refused (Office *o, gconstpointer data)
{
  g_auto (CivCliRun) r = { 0 };

  civ_test_run_cli (&r, (const char *[]){ "--data-dir", o->dir, "--user", AUDITOR,
                                          "--password-file", o->auditor_pw, "sync", NULL });
  g_assert_cmpint (r.status, !=, 0);
  g_assert_null (strstr (r.out, "Delivered"));
  g_assert_nonnull (strstr (r.err, "Auditor"));
  g_assert_cmpint (count (o, "SELECT count(*) FROM audit_log WHERE action = 'denied' AND actor = "
                             "'" AUDITOR "'"),
                   ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/input/rules-hostile", test_rules_hostile);
  g_test_add ("/cli/input/password-file-zero", Office, NULL, office_setup, test_password_file_zero,
              office_teardown);
  g_test_add_func ("/cli/input/init-json-and-modes", test_init_json_and_modes);
  g_test_add ("/cli/input/open-office-tightened", Office, NULL, office_setup,
              test_open_office_tightened, office_teardown);
  g_test_add_func ("/cli/input/check-id-escapes", test_check_id_escapes);
  g_test_add ("/cli/input/demo-data-refusal-audited", Office, NULL, office_setup,
              test_demo_data_refusal_audited, office_teardown);
  g_test_add ("/cli/input/auditor-sync-refused", Office, NULL, office_setup,
              test_auditor_sync_refused, office_teardown);
  return g_test_run ();
}
