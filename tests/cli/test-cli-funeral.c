// SPDX-License-Identifier: GPL-3.0-or-later
/* test-cli-funeral.c — civreg-cli funeral stock receive, void and reconcile
 * in a subprocess (R-F13): exit codes, JSON, the supervisor's approval, and
 * bad input that changes nothing */
#include <json-glib/json-glib.h>
#include <string.h>

#include "civ-calendar.h"
#include "civ-cremation-stock.h"
#include "civ-test-utils.h"

#define FUNERAL "binzang"
#define FUNERAL_PW "Funeral-password-1"
#define CLERK "clerk"
#define CLERK_PW "Clerk-password-1"

typedef struct
{
  char *dir;
  char *work;
  char *funeral_pw; /* password files */
  char *clerk_pw;
  char *admin_pw;
  char *wrong_pw;
} Office;

static char *template_dir;

static char *
work_file (Office *o, const char *name, const char *text)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (o->work, name, NULL);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
make_template (void)
{
  g_autoptr (CivStore) store = civ_test_new_office (&template_dir, NULL);

  civ_test_add_operator (store, FUNERAL, "刘洋", CIV_ROLE_FUNERAL_CLERK, FUNERAL_PW);
  civ_test_add_operator (store, CLERK, "李登记", CIV_ROLE_REGISTRAR, CLERK_PW);
}

static void
office_setup (Office *o, gconstpointer data)
{
  g_autoptr (CivStore) store = civ_test_copy_office (template_dir, &o->dir);

  o->work = civ_test_mkdtemp ();
  o->funeral_pw = work_file (o, "funeral-pw", FUNERAL_PW "\n");
  o->clerk_pw = work_file (o, "clerk-pw", CLERK_PW "\n");
  o->admin_pw = work_file (o, "admin-pw", CIV_TEST_SUPERVISOR_PW "\n");
  o->wrong_pw = work_file (o, "wrong-pw", "Wrong-password-1\n");
}

static void
office_teardown (Office *o, gconstpointer data)
{
  civ_test_rmdir (o->dir);
  civ_test_rmdir (o->work);
  g_free (o->dir);
  g_free (o->work);
  g_free (o->funeral_pw);
  g_free (o->clerk_pw);
  g_free (o->admin_pw);
  g_free (o->wrong_pw);
}

/* Runs civreg-cli as @user (its password file @pw) with @args. */
static void
run_as (Office *o, const char *user, const char *pw, CivCliRun *r, const char *const *args)
{
  civ_test_run_cli_as (r, o->dir, user, pw, args);
}

static void
run (Office *o, CivCliRun *r, const char *const *args)
{
  run_as (o, FUNERAL, o->funeral_pw, r, args);
}

static JsonObject *
parse_object (const char *text, JsonParser **keep)
{
  g_autoptr (GError) error = NULL;

  *keep = json_parser_new ();
  json_parser_load_from_data (*keep, text, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (*keep));
}

static gint64
count (Office *o, const char *sql)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store =
    civ_store_open (o->dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);

  g_assert_no_error (error);
  return civ_test_count (store, sql);
}

static void
receive (Office *o, const char *first, const char *last)
{
  g_auto (CivCliRun) r = { 0 };

  run (o, &r,
       (const char *const[]){ "funeral", "stock", "receive", "--first", first, "--last", last,
                              NULL });
  g_assert_cmpint (r.status, ==, 0);
}

/* A blank issued to a case today through the service, as the case service will. */
static void
issue (Office *o, const char *serial, const char *case_ref)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = civ_store_open (o->dir, FUNERAL, FUNERAL_PW, &error);
  g_autofree char *issued = NULL;
  GDate            today;

  g_assert_no_error (error);
  civ_date_today (&today);
  issued = civ_cremation_stock_issue (store, serial, case_ref, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (issued, ==, serial);
}

static void
test_receive (Office *o, gconstpointer data)
{
  /* Usage errors (2) and refusals (1): nothing received. */
  static const struct
  {
    const char *args[10];
    int         status;
  } bad[] = {
    { { "funeral", "stock", "receive", "--first", "HZ0000001", NULL }, 2 },
    { { "funeral", "stock", "receive", "--last", "HZ0000001", NULL }, 2 },
    { { "funeral", "stock", "receive", "--first", "HZ0000001", "--last", "HZ0000010", "extra",
        NULL },
      2 },
    { { "funeral", "stock", "receive", "--first", "HZ-1", "--last", "HZ-10", NULL }, 1 },
    { { "funeral", "stock", "receive", "--first", "HZ0000010", "--last", "HZ0000001", NULL }, 1 },
    { { "funeral", "stock", "receive", "--first", "HZ0000001", "--last", "HY0000010", NULL }, 1 },
    { { "funeral", "stock", "receive", "--first", "HZ0000001", "--last", "HZ0020000", NULL }, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto (CivCliRun) r = { 0 };

      run (o, &r, bad[i].args);
      g_test_message ("%s", r.err);
      g_assert_cmpint (r.status, ==, bad[i].status);
      g_assert_nonnull (strstr (r.err, "civreg-cli"));
    }
  g_assert_cmpint (count (o, "SELECT count(*) FROM cremation_cert_batches"), ==, 0);

  {
    g_auto (CivCliRun) r = { 0 };
    g_autoptr (JsonParser) parser = NULL;
    JsonObject *obj;

    run (o, &r,
         (const char *const[]){ "funeral", "stock", "receive", "--first", "hz0000001", "--last",
                                "HZ0000100", "--reference", "印刷厂送货单 17", "--json", NULL });
    g_assert_cmpint (r.status, ==, 0);
    obj = parse_object (r.out, &parser);
    g_assert_cmpstr (json_object_get_string_member (obj, "first_serial"), ==, "HZ0000001");
    g_assert_cmpint (json_object_get_int_member (obj, "count"), ==, 100);
    g_assert_cmpstr (json_object_get_string_member (obj, "reference"), ==, "印刷厂送货单 17");
  }
  /* Overlap: refused; a registrar without the permission: refused. */
  {
    g_auto (CivCliRun) r = { 0 };

    run (o, &r,
         (const char *const[]){ "funeral", "stock", "receive", "--first", "HZ0000090", "--last",
                                "HZ0000110", NULL });
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "HZ0000001"));
  }
  {
    g_auto (CivCliRun) r = { 0 };

    run_as (o, CLERK, o->clerk_pw, &r,
            (const char *const[]){ "funeral", "stock", "receive", "--first", "HZ0000101", "--last",
                                   "HZ0000110", NULL });
    g_assert_cmpint (r.status, ==, 1);
  }
  g_assert_cmpint (count (o, "SELECT count(*) FROM cremation_cert_batches"), ==, 1);
  g_assert_cmpint (count (o, "SELECT count(*) FROM cremation_cert_serials"), ==, 100);
}

static void
test_void (Office *o, gconstpointer data)
{
  receive (o, "HZ0000001", "HZ0000010");
  issue (o, "HZ0000001", "BZ-2026-0001");

  {
    static const struct
    {
      const char *args[12];
      int         status;
      gboolean    wrong; /* the approver's password file is the wrong one */
    } bad[] = {
      /* No reason, no serial, two serials: usage. */
      { { "funeral", "stock", "void", "HZ0000001", NULL }, 2 },
      { { "funeral", "stock", "void", "--reason", "打印错位", NULL }, 2 },
      { { "funeral", "stock", "void", "HZ0000001", "HZ0000002", "--reason", "x", NULL }, 2 },
      /* No approver: a funeral clerk needs a supervisor. */
      { { "funeral", "stock", "void", "HZ0000001", "--reason", "打印错位", NULL }, 1 },
      /* A registrar is no supervisor. */
      { { "funeral", "stock", "void", "HZ0000001", "--reason", "打印错位", "--approver", CLERK,
          NULL },
        1 },
      /* The supervisor's password wrong. */
      { { "funeral", "stock", "void", "HZ0000001", "--reason", "打印错位", "--approver",
          CIV_TEST_SUPERVISOR, NULL },
        1,
        TRUE },
      /* Never received, not a serial, an empty reason. */
      { { "funeral", "stock", "void", "HZ0000999", "--reason", "打印错位", "--approver",
          CIV_TEST_SUPERVISOR, NULL },
        1 },
      { { "funeral", "stock", "void", "HZ#1", "--reason", "打印错位", "--approver",
          CIV_TEST_SUPERVISOR, NULL },
        1 },
      { { "funeral", "stock", "void", "HZ0000001", "--reason", " ", "--approver",
          CIV_TEST_SUPERVISOR, NULL },
        1 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_auto (CivCliRun) r = { 0 };
        g_autoptr (GPtrArray) args = g_ptr_array_new ();
        const char *file = g_strcmp0 (bad[i].args[6], CLERK) == 0 ? o->clerk_pw
                           : bad[i].wrong                         ? o->wrong_pw
                                                                  : o->admin_pw;

        for (guint a = 0; bad[i].args[a]; a++)
          g_ptr_array_add (args, (gpointer) bad[i].args[a]);
        g_ptr_array_add (args, (gpointer) "--approver-password-file");
        g_ptr_array_add (args, (gpointer) file);
        g_ptr_array_add (args, NULL);
        run (o, &r, (const char *const *) args->pdata);
        g_test_message ("%s", r.err);
        g_assert_cmpint (r.status, ==, bad[i].status);
      }
  }
  g_assert_cmpint (count (o, "SELECT count(*) FROM cremation_cert_serials WHERE state = 'voided'"),
                   ==, 0);

  {
    g_auto (CivCliRun) r = { 0 };
    g_autoptr (JsonParser) parser = NULL;
    JsonObject *obj;

    run (o, &r,
         (const char *const[]){ "funeral", "stock", "void", "hz0000001", "--reason", "打印错位",
                                "--approver", CIV_TEST_SUPERVISOR, "--approver-password-file",
                                o->admin_pw, "--json", NULL });
    g_assert_cmpint (r.status, ==, 0);
    obj = parse_object (r.out, &parser);
    g_assert_cmpstr (json_object_get_string_member (obj, "serial"), ==, "HZ0000001");
    g_assert_cmpstr (json_object_get_string_member (obj, "state"), ==, "voided");
    g_assert_cmpstr (json_object_get_string_member (obj, "approved_by"), ==, CIV_TEST_SUPERVISOR);
  }
  g_assert_cmpint (count (o,
                          "SELECT count(*) FROM cremation_cert_serials WHERE state = 'voided' AND "
                          "serial = 'HZ0000001' AND approved_by = 'admin' AND case_ref = "
                          "'BZ-2026-0001'"),
                   ==, 1);
  /* Voided once only; a supervisor voids a blank alone. */
  {
    g_auto (CivCliRun) r = { 0 };

    run (o, &r,
         (const char *const[]){ "funeral", "stock", "void", "HZ0000001", "--reason", "again",
                                "--approver", CIV_TEST_SUPERVISOR, "--approver-password-file",
                                o->admin_pw, NULL });
    g_assert_cmpint (r.status, ==, 1);
  }
  {
    g_auto (CivCliRun) r = { 0 };

    run_as (o, CIV_TEST_SUPERVISOR, o->admin_pw, &r,
            (const char *const[]){ "funeral", "stock", "void", "HZ0000005", "--reason", "受潮",
                                   NULL });
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "HZ0000005"));
  }
  g_assert_cmpint (count (o, "SELECT count(*) FROM cremation_cert_serials WHERE state = 'voided'"),
                   ==, 2);
}

static void
test_reconcile (Office *o, gconstpointer data)
{
  g_autofree char *today_text = NULL;
  GDate            today;

  civ_date_today (&today);
  today_text = civ_date_format_iso (&today);
  receive (o, "HZ0000001", "HZ0000010");
  issue (o, "HZ0000001", "BZ-1");
  issue (o, "HZ0000002", "BZ-2");
  {
    g_auto (CivCliRun) r = { 0 };

    run (o, &r,
         (const char *const[]){ "funeral", "stock", "void", "HZ0000002", "--reason", "打印错位",
                                "--approver", CIV_TEST_SUPERVISOR, "--approver-password-file",
                                o->admin_pw, NULL });
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    g_auto (CivCliRun) r = { 0 };
    g_autoptr (JsonParser) parser = NULL;
    JsonObject *obj, *total;
    JsonArray  *in_stock;

    run (o, &r,
         (const char *const[]){ "funeral", "stock", "reconcile", "--from", today_text, "--to",
                                today_text, "--json", NULL });
    g_assert_cmpint (r.status, ==, 0);
    obj = parse_object (r.out, &parser);
    total = json_object_get_object_member (obj, "total");
    g_assert_cmpint (json_object_get_int_member (total, "received"), ==, 10);
    g_assert_cmpint (json_object_get_int_member (total, "issued"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (total, "voided"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (total, "in_stock"), ==, 8);
    g_assert_true (json_object_get_boolean_member (total, "balanced"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "batches")), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (
                       json_array_get_object_element (json_object_get_array_member (obj, "voided"),
                                                      0),
                       "reason"),
                     ==, "打印错位");
    in_stock = json_object_get_array_member (obj, "in_stock");
    g_assert_cmpuint (json_array_get_length (in_stock), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (in_stock, 0),
                                                    "first_serial"),
                     ==, "HZ0000003");
  }
  /* The text report, for all time. */
  {
    g_auto (CivCliRun) r = { 0 };

    run (o, &r, (const char *const[]){ "funeral", "stock", "reconcile", NULL });
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "HZ0000001–HZ0000010"));
    g_assert_nonnull (strstr (r.out, "HZ0000003–HZ0000010  (8)"));
    g_assert_nonnull (strstr (r.out, "BZ-1"));
  }
  /* Bad dates and periods: usage; a registrar: refused. */
  {
    static const char *const bad[][6] = {
      { "--from", "2026-13-01", NULL },
      { "--to", "yesterday", NULL },
      { "--from", "2026-05-02", "--to", "2026-05-01", NULL },
      { "unexpected", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_auto (CivCliRun) r = { 0 };
        g_autoptr (GPtrArray) args = g_ptr_array_new ();

        g_ptr_array_add (args, (gpointer) "funeral");
        g_ptr_array_add (args, (gpointer) "stock");
        g_ptr_array_add (args, (gpointer) "reconcile");
        for (guint a = 0; bad[i][a]; a++)
          g_ptr_array_add (args, (gpointer) bad[i][a]);
        g_ptr_array_add (args, NULL);
        run (o, &r, (const char *const *) args->pdata);
        g_assert_cmpint (r.status, ==, 2);
      }
  }
  {
    g_auto (CivCliRun) r = { 0 };

    run_as (o, CLERK, o->clerk_pw, &r,
            (const char *const[]){ "funeral", "stock", "reconcile", NULL });
    g_assert_cmpint (r.status, ==, 1);
    g_assert_cmpstr (r.out, ==, "");
  }
}

/* In Chinese: the refusals, the report and the help. */
static void
test_chinese (Office *o, gconstpointer data)
{
  g_auto (CivCliRun) bad = { 0 };
  g_auto (CivCliRun) overlap = { 0 };
  g_auto (CivCliRun) report = { 0 };
  g_auto (CivCliRun) no_approver = { 0 };
  g_auto (CivCliRun) no_case = { 0 };

  receive (o, "HZ0000001", "HZ0000010");
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_setenv ("LANG", "zh_CN.UTF-8", TRUE);
  run (o, &bad,
       (const char *const[]){ "funeral", "stock", "receive", "--first", "HZ-1", "--last", "HZ-2",
                              NULL });
  run (o, &overlap,
       (const char *const[]){ "funeral", "stock", "receive", "--first", "HZ0000005", "--last",
                              "HZ0000020", NULL });
  run (o, &no_approver,
       (const char *const[]){ "funeral", "stock", "void", "HZ0000001", "--reason", "受潮", NULL });
  run (o, &report, (const char *const[]){ "funeral", "stock", "reconcile", NULL });
  run (o, &no_case,
       (const char *const[]){ "funeral", "case", "show", "BZ110101-2026-000404", NULL });
  g_unsetenv ("LANGUAGE");
  g_setenv ("LANG", "C.UTF-8", TRUE);

  g_test_message ("%s%s%s%s", bad.err, overlap.err, no_approver.err, report.out);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_nonnull (strstr (bad.err, "不是火化证明编号"));
  g_assert_cmpint (overlap.status, ==, 1);
  g_assert_nonnull (strstr (overlap.err, "每个编号只能入库一次"));
  g_assert_cmpint (no_approver.status, ==, 1);
  g_assert_nonnull (strstr (no_approver.err, "须经主管批准"));
  g_assert_cmpint (report.status, ==, 0);
  g_assert_nonnull (strstr (report.out, "期末库存"));
  g_assert_nonnull (strstr (report.out, "相符"));
  g_assert_null (strstr (report.out, "balanced"));
  g_assert_cmpint (no_case.status, ==, 1);
  g_assert_nonnull (strstr (no_case.err, "没有殡葬案件 BZ110101-2026-000404"));
  g_assert_cmpint (count (o, "SELECT count(*) FROM cremation_cert_serials"), ==, 10);
}

static const char report_json[] =
  "{\"name\":\"张大山\",\"sex\":1,\"ethnicity\":\"01\",\"id_type\":1,"
  "\"id_number\":\"110101194003150115\",\"death_at\":\"2026-12-01T06:30\","
  "\"death_place\":3,\"marital_status\":2,\"address\":\"北京市东城区景山前街4号\","
  "\"agent\":{\"name\":\"张小山\",\"relationship\":\"子\",\"phone\":\"13800138000\"}}";

/* Runs a case step; returns its exit status, its stderr in *@err. */
static int
step (Office *o, const char *const *args, char **err)
{
  g_auto (CivCliRun) r = { 0 };

  run (o, &r, args);
  g_test_message ("%s", r.err);
  if (err != NULL)
    *err = g_strdup (r.err);
  return r.status;
}

/* A case from the report file to the ashes: bad files and steps change
 * nothing; the refusals name their rule. */
static void
test_case (Office *o, gconstpointer data)
{
  g_autofree char *good = work_file (o, "report.json", report_json);
  g_autofree char *typo = work_file (o, "typo.json", "{\"nmae\":\"张大山\"}");
  g_autofree char *broken = work_file (o, "broken.json", "{\"name\":");
  g_autofree char *bad_id =
    work_file (o, "bad-id.json",
               "{\"name\":\"张大山\",\"id_type\":1,\"id_number\":\"110101194003150118\","
               "\"death_at\":\"2026-12-01T06:30\"}");
  g_autofree char *err = NULL;
  g_autofree char *case_no = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *cremated_at = g_date_time_format (now, "%Y-%m-%dT00:01");
  g_autofree char *returned_at = g_date_time_format (now, "%Y-%m-%dT00:02");
  static const struct
  {
    const char *args[8];
    int         status;
  } usage[] = {
    { { "funeral", "case", "report", NULL }, 2 },
    { { "funeral", "case", "report", "/nonexistent/report.json", NULL }, 2 },
    { { "funeral", "case", "show", NULL }, 2 },
    { { "funeral", "case", "step", "BZ110101-2026-000001", NULL }, 2 },
    { { "funeral", "case", "step", "BZ110101-2026-000001", "burnt", NULL }, 2 },
    { { "funeral", "case", "step", "BZ110101-2026-000001", "ashes-deposited", "--expires",
        "2027-02-30" },
      2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (usage); i++)
    g_assert_cmpint (step (o, usage[i].args, NULL), ==, usage[i].status);
  g_assert_cmpint (step (o, (const char *const[]){ "funeral", "case", "report", typo, NULL }, &err),
                   ==, 2);
  g_assert_nonnull (strstr (err, "nmae"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (step (o, (const char *const[]){ "funeral", "case", "report", broken, NULL },
                         NULL),
                   ==, 2);
  g_assert_cmpint (step (o, (const char *const[]){ "funeral", "case", "report", bad_id, NULL },
                         &err),
                   ==, 1);
  g_assert_nonnull (strstr (err, "110101194003150118"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (count (o, "SELECT count(*) FROM funeral_cases"), ==, 0);

  {
    g_auto (CivCliRun) r = { 0 };
    g_autoptr (JsonParser) parser = NULL;
    JsonObject *obj;

    run (o, &r, (const char *const[]){ "funeral", "case", "report", good, "--json", NULL });
    g_assert_cmpint (r.status, ==, 0);
    obj = parse_object (r.out, &parser);
    case_no = g_strdup (json_object_get_string_member (obj, "case_no"));
    g_assert_true (g_str_has_prefix (case_no, "BZ110101-"));
    g_assert_cmpstr (json_object_get_string_member (obj, "state"), ==, "DEATH_REPORTED");
  }
  /* R-F2: not cremated before the certificate is verified. */
  g_assert_cmpint (step (o,
                         (const char *const[]){ "funeral", "case", "step", case_no, "cremated",
                                                "--at", "2026-12-02T08:00", "--furnace", "1号炉",
                                                "--furnace-operator", "王师傅", NULL },
                         &err),
                   ==, 1);
  g_assert_nonnull (strstr (err, "R-F2"));
  g_clear_pointer (&err, g_free);
  /* A registrar without the permission. */
  {
    g_auto (CivCliRun) r = { 0 };

    run_as (o, CLERK, o->clerk_pw, &r,
            (const char *const[]){ "funeral", "case", "show", case_no, NULL });
    g_assert_cmpint (r.status, ==, 1);
  }
  g_assert_cmpint (count (o, "SELECT count(*) FROM funeral_events"), ==, 1);

  g_assert_cmpint (step (o,
                         (const char *const[]){ "funeral", "case", "step", case_no, "collected",
                                                "--at", "2026-12-01T09:00", "--place",
                                                "景山前街4号", "--vehicle", "京A·12345", "--staff",
                                                "赵师傅", NULL },
                         NULL),
                   ==, 0);
  g_assert_cmpint (step (o,
                         (const char *const[]){ "funeral", "case", "step", case_no, "stored",
                                                "--at", "2026-12-01T10:00", "--unit", "冷藏柜A-01",
                                                NULL },
                         NULL),
                   ==, 0);
  g_assert_cmpint (step (o,
                         (const char *const[]){
                           "funeral", "case", "step", case_no, "verified", "--at",
                           "2026-12-02T09:00", "--death-certificate-no", "110101194003150115",
                           "--certificate-on-file", "--consent-on-file", NULL },
                         NULL),
                   ==, 0);
  /* R-F13: no blank in stock yet. */
  g_assert_cmpint (step (o,
                         (const char *const[]){ "funeral", "case", "step", case_no, "cremated",
                                                "--at", "2026-12-03T08:00", "--furnace", "1号炉",
                                                "--furnace-operator", "王师傅", NULL },
                         &err),
                   ==, 1);
  g_assert_nonnull (strstr (err, "R-F13"));
  g_clear_pointer (&err, g_free);
  /* The blanks are received today, so the cremation is today. */
  receive (o, "HZ0000001", "HZ0000010");
  g_assert_cmpint (step (o,
                         (const char *const[]){ "funeral", "case", "step", case_no, "cremated",
                                                "--at", cremated_at, "--furnace", "1号炉",
                                                "--furnace-operator", "王师傅", NULL },
                         NULL),
                   ==, 0);
  g_assert_cmpint (step (o,
                         (const char *const[]){ "funeral", "case", "step", case_no,
                                                "ashes-returned", "--at", returned_at, "--receiver",
                                                "张小山", NULL },
                         NULL),
                   ==, 0);
  /* Documents: a photo attached; a text file or an unknown kind refused. */
  {
    g_autofree char *png = g_build_filename (o->work, "photo.png", NULL);
    g_autofree char *txt = work_file (o, "notes.txt", "not a picture");

    g_assert_true (
      g_file_set_contents (png, (const char *) civ_test_tiny_png, sizeof civ_test_tiny_png, NULL));
    g_assert_cmpint (step (o,
                           (const char *const[]){ "funeral", "case", "attach", case_no, txt,
                                                  "--kind", "other", NULL },
                           NULL),
                     ==, 2);
    g_assert_cmpint (step (o,
                           (const char *const[]){ "funeral", "case", "attach", case_no, png,
                                                  "--kind", "selfie", NULL },
                           &err),
                     ==, 1);
    g_assert_nonnull (strstr (err, "selfie"));
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (step (o,
                           (const char *const[]){ "funeral", "case", "attach", case_no, png,
                                                  "--kind", "death-certificate", NULL },
                           NULL),
                     ==, 0);
    g_assert_cmpint (
      count (o, "SELECT count(*) FROM audit_log WHERE action = 'funeral.document.attach'"), ==, 1);
  }
  {
    g_auto (CivCliRun) r = { 0 };
    g_autoptr (JsonParser) parser = NULL;
    JsonObject *obj;

    run (o, &r, (const char *const[]){ "funeral", "case", "show", case_no, "--json", NULL });
    g_assert_cmpint (r.status, ==, 0);
    obj = parse_object (r.out, &parser);
    g_assert_cmpstr (json_object_get_string_member (obj, "state"), ==, "ASHES_RETURNED");
    g_assert_cmpstr (json_object_get_string_member (obj, "cremation_certificate"), ==, "HZ0000001");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "history")), ==, 6);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "documents")), ==,
                      1);
  }
  {
    g_auto (CivCliRun) r = { 0 };

    run (o, &r, (const char *const[]){ "funeral", "case", "find", "13800138000", NULL });
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, case_no));
  }
  {
    g_auto (CivCliRun) r = { 0 };
    g_autoptr (JsonParser) parser = NULL;
    JsonObject *obj;

    run (o, &r, (const char *const[]){ "funeral", "board", "--json", NULL });
    g_assert_cmpint (r.status, ==, 0);
    obj = parse_object (r.out, &parser);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "in_storage")), ==,
                      0);
  }
  g_assert_cmpint (count (o, "SELECT count(*) FROM audit_log WHERE action = 'funeral.case.view'"),
                   ==, 1);
}

static void
test_usage (Office *o, gconstpointer data)
{
  static const char *const bad[][4] = {
    { "funeral", NULL },
    { "funeral", "stock", NULL },
    { "funeral", "stock", "delete", NULL },
    { "funeral", "fees", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto (CivCliRun) r = { 0 };

      run (o, &r, bad[i]);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_nonnull (strstr (r.err, "funeral stock"));
    }
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  g_setenv ("LANG", "C.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  make_template ();
#define ADD(path, fn) g_test_add ((path), Office, NULL, office_setup, (fn), office_teardown)
  ADD ("/cli/funeral/stock-receive", test_receive);
  ADD ("/cli/funeral/stock-void", test_void);
  ADD ("/cli/funeral/stock-reconcile", test_reconcile);
  ADD ("/cli/funeral/usage", test_usage);
  ADD ("/cli/funeral/case", test_case);
  ADD ("/cli/funeral/zh_CN", test_chinese);
#undef ADD
  rc = g_test_run ();
  civ_test_rmdir (template_dir);
  g_free (template_dir);
  return rc;
}
