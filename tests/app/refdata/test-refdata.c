// SPDX-License-Identifier: GPL-3.0-or-later
/* test-refdata.c — importing division codes and holiday calendars (R-ID6, R-D5) */
#include <string.h>

#include "civ-app-error.h"
#include "civ-idnumber.h"
#include "civ-json-guard.h"
#include "civ-refdata.h"
#include "civ-test-utils.h"

#define HEADER                                                                                     \
  "\xEF\xBB\xBF代码,一级行政区,二级行政区,名称,级别,状态,启用时间,变更/弃用时间,新代码\n"

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
}

static char *
holiday_fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "holidays", name, NULL);
}

static guint
count_import_audits (CivStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries =
    civ_audit_list (civ_store_get_db (store), 0, 0, NULL, "refdata.import", &error);

  g_assert_no_error (error);
  return entries->len;
}

typedef struct
{
  CivStore *store;
  char     *dir;
} Office;

static void
office_setup (Office *office, gconstpointer data)
{
  office->store = civ_test_new_office (&office->dir, NULL);
}

static void
office_teardown (Office *office, gconstpointer data)
{
  g_clear_object (&office->store);
  civ_test_rmdir (office->dir);
  g_free (office->dir);
}

static void
test_parse_divisions (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = fixture ("divisions-small.csv");
  g_autofree char *contents = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  gsize    length = 0;
  gboolean saw_quoted = FALSE, saw_obsolete = FALSE;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  rows = civ_refdata_parse_divisions (contents, length, "divisions-small.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 10);
  for (guint i = 0; i < rows->len; i++)
    {
      const CivDivisionRow *row = g_ptr_array_index (rows, i);
      if (strcmp (row->code, "130104") == 0)
        {
          saw_quoted = TRUE;
          g_assert_cmpstr (row->name, ==, "桥西区");
        }
      if (strcmp (row->code, "110103") == 0)
        {
          saw_obsolete = TRUE;
          g_assert_cmpint (row->valid_from, ==, 1981);
          g_assert_cmpint (row->valid_to, ==, 2010);
          g_assert_cmpstr (row->successors, ==, "110101");
          g_assert_cmpstr (row->level, ==, "县级");
          g_assert_cmpstr (row->prefecture, ==, "直辖");
        }
    }
  g_assert_true (saw_quoted);
  g_assert_true (saw_obsolete);

  /* CRLF line ends and no BOM are fine too. */
  {
    const char *crlf = "代码,一级行政区,二级行政区,名称,级别,状态,启用时间,变更/弃用时间,新代码\r\n"
                       "110101,北京市,直辖,东城区,县级,在用,1981,,\r\n";
    g_autoptr (GPtrArray) r = civ_refdata_parse_divisions (crlf, strlen (crlf), "crlf.csv", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (r->len, ==, 1);
    g_assert_cmpint (((CivDivisionRow *) g_ptr_array_index (r, 0))->valid_to, ==, 0);
  }
}

/* Every kind of bad row names the file and the line, and yields nothing. */
static void
test_parse_divisions_errors (void)
{
  const struct
  {
    const char *text;
    const char *line;
    const char *fragment;
  } cases[] = {
    { HEADER "11010,北京市,直辖,东城区,县级,在用,1981,,\n", "line 2", "6 digits" },
    { HEADER "11010A,北京市,直辖,东城区,县级,在用,1981,,\n", "line 2", "6 digits" },
    { HEADER "110101,北京市,直辖,东城区,县级,在用,1981,,\n1101011,北京市,直辖,x,县级,在用,1981,,\n",
      "line 3", "6 digits" },
    { HEADER "110101,北京市,直辖,东城区,县级,在用,81,,\n", "line 2", "start year" },
    { HEADER "110101,北京市,直辖,东城区,县级,在用,1981a,,\n", "line 2", "start year" },
    { HEADER "110103,北京市,直辖,崇文区,县级,弃用,1981,,110101\n", "line 2", "end year" },
    { HEADER "110103,北京市,直辖,崇文区,县级,弃用,1981,1979,110101\n", "line 2", "before" },
    { HEADER "110101,北京市,直辖,东城区,县级,在用,1981,2010,\n", "line 2", "in use" },
    { HEADER "110103,北京市,直辖,崇文区,县级,弃用,1981,2010,11010\n", "line 2", "successor" },
    { HEADER "110103,北京市,直辖,崇文区,县级,弃用,1981,2010,110101[20]\n", "line 2", "successor" },
    { HEADER "110103,北京市,直辖,崇文区,县级,弃用,1981,2010,110101;;110102\n", "line 2",
      "successor" },
    { HEADER "110101,北京市,直辖,东城区,县级,在用,1981\n", "line 2", "fields" },
    { HEADER "110101,北京市,直辖,东城区,县级,在用,1981,,,\n", "line 2", "fields" },
    { HEADER "110101,北京市,直辖,,县级,在用,1981,,\n", "line 2", "no name" },
    { HEADER "110101,,直辖,东城区,县级,在用,1981,,\n", "line 2", "no province" },
    { HEADER "110101,北京市,直辖,东城区,乡级,在用,1981,,\n", "line 2", "level" },
    { HEADER "110101,北京市,直辖,东城区,县级,现用,1981,,\n", "line 2", "status" },
    { HEADER "110101,北京市,直辖,\"东城区,县级,在用,1981,,\n", "line 2", "quoted" },
    { HEADER
      "110101,北京市,直辖,东城区,县级,在用,1981,,\n110101,北京市,直辖,东城区,县级,在用,1981,,\n",
      "line 3", "twice" },
    { "code,province,prefecture,name,level,status,from,to,new\n", "line 1", "header" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) rows =
        civ_refdata_parse_divisions (cases[i].text, strlen (cases[i].text), "bad.csv", &error);

      g_test_message ("case %u: %s", i, error ? error->message : "(no error)");
      g_assert_null (rows);
      g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT);
      g_assert_nonnull (strstr (error->message, "bad.csv"));
      g_assert_nonnull (strstr (error->message, cases[i].line));
      g_assert_nonnull (strstr (error->message, cases[i].fragment));
    }

  {
    g_autoptr (GError) error = NULL;
    const char latin1[] = "\xB4\xFA\xC2\xEB,a\n";
    g_autoptr (GPtrArray) rows =
      civ_refdata_parse_divisions (latin1, sizeof latin1 - 1, "gbk.csv", &error);
    g_assert_null (rows);
    g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT);
    g_assert_nonnull (strstr (error->message, "UTF-8"));
  }
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (GPtrArray) rows = civ_refdata_parse_divisions ("", 0, "empty.csv", &error);
    g_assert_null (rows);
    g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT);
  }
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (GPtrArray) rows =
      civ_refdata_parse_divisions (HEADER, strlen (HEADER), "header-only.csv", &error);
    g_assert_null (rows);
    g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT);
  }
}

static void
test_parse_holidays_errors (void)
{
  const struct
  {
    const char *text;
    const char *fragment;
  } cases[] = {
    { "", "JSON" },
    { "{\"year\": 2024, \"papers\": [], \"days\": [", "JSON" },
    { "[]", "object" },
    { "{\"papers\": [], \"days\": []}", "year" },
    { "{\"year\": \"2024\", \"papers\": [], \"days\": []}", "year" },
    { "{\"year\": 2024.5, \"papers\": [], \"days\": []}", "year" },
    { "{\"year\": 1800, \"papers\": [], \"days\": []}", "year" },
    /* Found by fuzz-holidays: cast to int before the range check (UB). */
    { "{\"year\": 26666666666666666666666666666666666666666666666625.5, \"papers\": [], "
      "\"days\": []}",
      "year" },
    { "{\"year\": 2024, \"days\": []}", "papers" },
    { "{\"year\": 2024, \"papers\": [1], \"days\": []}", "papers[0]" },
    { "{\"year\": 2024, \"papers\": []}", "days" },
    { "{\"year\": 2024, \"papers\": [], \"days\": {}}", "days" },
    { "{\"year\": 2024, \"papers\": [], \"days\": [1]}", "days[0]" },
    { "{\"year\": 2024, \"papers\": [], \"days\": [{\"date\": \"2024-10-01\", \"isOffDay\": "
      "true}]}",
      "name" },
    { "{\"year\": 2024, \"papers\": [], \"days\": [{\"name\": \"a\", \"isOffDay\": true}]}",
      "date" },
    { "{\"year\": 2024, \"papers\": [], \"days\": [{\"name\": \"a\", \"date\": \"2024-10-01\"}]}",
      "isOffDay" },
    { "{\"year\": 2024, \"papers\": [], \"days\": [{\"name\": \"a\", \"date\": \"2024-10-01\", "
      "\"isOffDay\": 1}]}",
      "isOffDay" },
    { "{\"year\": 2024, \"papers\": [], \"days\": [{\"name\": \"a\", \"date\": \"2024-02-30\", "
      "\"isOffDay\": true}]}",
      "2024-02-30" },
    { "{\"year\": 2024, \"papers\": [], \"days\": [{\"name\": \"a\", \"date\": \"2024/10/01\", "
      "\"isOffDay\": true}]}",
      "2024/10/01" },
    { "{\"year\": 2024, \"papers\": [], \"days\": [{\"name\": \"a\", \"date\": \"2030-10-01\", "
      "\"isOffDay\": true}]}",
      "2030-10-01" },
    { "{\"year\": 2024, \"papers\": [], \"days\": [{\"name\": \"a\", \"date\": \"2024-10-01\", "
      "\"isOffDay\": true},"
      " {\"name\": \"a\", \"date\": \"2024-10-01\", \"isOffDay\": true}]}",
      "twice" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) days = NULL;
      int year = 0;

      g_assert_false (civ_refdata_parse_holidays (cases[i].text, strlen (cases[i].text), "bad.json",
                                                  &year, &days, &error));
      g_test_message ("case %u: %s", i, error ? error->message : "(no error)");
      g_assert_null (days);
      g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT);
      g_assert_nonnull (strstr (error->message, "bad.json"));
      g_assert_nonnull (strstr (error->message, cases[i].fragment));
    }

  /* The previous year's last days may be listed (e.g. 2006-12-30 in 2007.json). */
  {
    const char *ok = "{\"year\": 2007, \"papers\": [\"x\"], \"days\": [{\"name\": \"元旦\", "
                     "\"date\": \"2006-12-30\", \"isOffDay\": false}]}";
    g_autoptr (GError) error = NULL;
    g_autoptr (GPtrArray) days = NULL;
    int year = 0;

    g_assert_true (civ_refdata_parse_holidays (ok, strlen (ok), "2007.json", &year, &days, &error));
    g_assert_no_error (error);
    g_assert_cmpint (year, ==, 2007);
    g_assert_cmpuint (days->len, ==, 1);
    g_assert_false (((CivHolidayRow *) g_ptr_array_index (days, 0))->is_off_day);
  }
}

static void
test_import_divisions (Office *office, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = fixture ("divisions-small.csv");
  const char      *files[] = { path, NULL };
  g_autoptr (GPtrArray) reports = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (CivDivisionTable) table = NULL;
  g_autofree char *name = NULL;
  g_autoptr (GPtrArray) audits = NULL;
  const CivRefdataReport *report;
  const CivAuditEntry    *audit;
  CivDb                  *db = civ_store_get_db (office->store);

  g_assert_true (civ_refdata_load_divisions (office->store, &table, &error));
  g_assert_no_error (error);
  g_assert_null (table);

  g_assert_true (
    civ_refdata_import (office->store, CIV_REFDATA_DIVISIONS, files, &reports, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (reports->len, ==, 1);
  report = g_ptr_array_index (reports, 0);
  g_assert_cmpstr (report->file, ==, "divisions-small.csv");
  g_assert_cmpuint (report->rows, ==, 10);
  g_assert_cmpuint (report->added, ==, 10);
  g_assert_cmpuint (report->changed, ==, 0);
  g_assert_cmpuint (strlen (report->sha256), ==, 64);

  g_assert_cmpint (civ_test_count (office->store, "SELECT count(*) FROM division_codes"), ==, 10);
  g_assert_cmpint (civ_test_count (office->store,
                                   "SELECT count(*) FROM refdata_imports WHERE kind = 'divisions'"
                                   " AND source = 'divisions-small.csv' AND rows = 10"
                                   " AND imported_by = 'admin'"),
                   ==, 1);

  /* Dated lookups. */
  name = civ_refdata_store_division_name (db, "110103", 2005, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "崇文区");
  g_clear_pointer (&name, g_free);
  name = civ_refdata_store_division_name (db, "110103", 2010, &error);
  g_assert_no_error (error);
  g_assert_null (name);
  name = civ_refdata_store_division_name (db, "120110", 1985, &error);
  g_assert_cmpstr (name, ==, "东郊区");
  g_clear_pointer (&name, g_free);
  name = civ_refdata_store_division_name (db, "120110", 1992, &error);
  g_assert_cmpstr (name, ==, "东丽区");
  entries = civ_refdata_store_get_division (db, "120110", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpint (((CivDivisionRow *) g_ptr_array_index (entries, 0))->valid_from, ==, 1981);
  g_assert_cmpint (((CivDivisionRow *) g_ptr_array_index (entries, 0))->valid_to, ==, 1992);
  g_assert_cmpint (((CivDivisionRow *) g_ptr_array_index (entries, 1))->valid_to, ==, 0);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = civ_refdata_store_get_division (db, "999999", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 0);

  /* Audited with kind, file, sha256 and rows. */
  audits = civ_audit_list (db, 0, 0, NULL, "refdata.import", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audits->len, ==, 1);
  audit = g_ptr_array_index (audits, 0);
  g_assert_cmpstr (audit->actor, ==, "admin");
  g_assert_nonnull (strstr (audit->detail, "\"kind\":\"divisions\""));
  g_assert_nonnull (strstr (audit->detail, "\"file\":\"divisions-small.csv\""));
  g_assert_nonnull (strstr (audit->detail, report->sha256));
  g_assert_nonnull (strstr (audit->detail, "\"rows\":10"));

  /* The loader builds the table the domain functions use. */
  g_assert_true (civ_refdata_load_divisions (office->store, &table, &error));
  g_assert_no_error (error);
  g_assert_nonnull (table);
  g_assert_cmpuint (civ_division_table_get_size (table), ==, 10);
  {
    GDate on;
    g_autoptr (CivIdCheck) check = NULL;

    g_assert_true (civ_date_parse_iso ("2024-05-01", &on));
    check = civ_id_check ("110103198001010013", CIV_DOC_UNKNOWN, &on, table);
    g_assert_true (check->valid);
    g_assert_true (check->region_obsolete);
    g_assert_cmpstr (check->region_name, ==, "崇文区");
  }
}

/* Importing the same data again changes no data. */
static void
test_import_idempotent (Office *office, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = fixture ("divisions-small.csv");
  g_autofree char *hpath = holiday_fixture ("2024-national-day.json");
  const char      *files[] = { path, NULL };
  const char      *hfiles[] = { hpath, NULL };
  g_autoptr (GPtrArray) first = NULL;
  g_autoptr (GPtrArray) second = NULL;
  g_autoptr (GPtrArray) hsecond = NULL;
  const CivRefdataReport *report;

  g_assert_true (civ_refdata_import (office->store, CIV_REFDATA_DIVISIONS, files, &first, &error));
  g_assert_no_error (error);
  g_assert_true (civ_refdata_import (office->store, CIV_REFDATA_HOLIDAYS, hfiles, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (civ_refdata_import (office->store, CIV_REFDATA_DIVISIONS, files, &second, &error));
  g_assert_no_error (error);
  report = g_ptr_array_index (second, 0);
  g_assert_cmpuint (report->rows, ==, 10);
  g_assert_cmpuint (report->added, ==, 0);
  g_assert_cmpuint (report->changed, ==, 0);
  g_assert_cmpint (civ_test_count (office->store, "SELECT count(*) FROM division_codes"), ==, 10);

  g_assert_true (
    civ_refdata_import (office->store, CIV_REFDATA_HOLIDAYS, hfiles, &hsecond, &error));
  g_assert_no_error (error);
  report = g_ptr_array_index (hsecond, 0);
  g_assert_cmpuint (report->rows, ==, 9);
  g_assert_cmpuint (report->changed, ==, 0);
  g_assert_cmpint (civ_test_count (office->store, "SELECT count(*) FROM holidays"), ==, 9);
  g_assert_cmpint (civ_test_count (office->store, "SELECT count(*) FROM holiday_years"), ==, 1);
}

/* A bad row anywhere: a clear error with file and line, and nothing imported. */
static void
test_import_bad_changes_nothing (Office *office, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *good = fixture ("divisions-small.csv");
  g_autofree char *extra = fixture ("divisions-extra.csv");
  g_autofree char *bad = fixture ("divisions-bad-code.csv");
  g_autofree char *hgood = holiday_fixture ("2024-national-day.json");
  g_autofree char *hbad = holiday_fixture ("2025-bad-flag.json");
  const char      *first[] = { good, NULL };
  const char      *mixed[] = { extra, bad, NULL };
  const char      *hmixed[] = { hgood, hbad, NULL };
  const char      *missing[] = { "/nonexistent/civreg/result.csv", NULL };
  guint            audits;

  g_assert_true (civ_refdata_import (office->store, CIV_REFDATA_DIVISIONS, first, NULL, &error));
  g_assert_no_error (error);
  audits = count_import_audits (office->store);

  g_assert_false (civ_refdata_import (office->store, CIV_REFDATA_DIVISIONS, mixed, NULL, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "divisions-bad-code.csv"));
  g_assert_nonnull (strstr (error->message, "line 5"));
  g_clear_error (&error);
  /* The good file of the same import (110104) was not imported either. */
  g_assert_cmpint (civ_test_count (office->store, "SELECT count(*) FROM division_codes"), ==, 10);
  g_assert_cmpint (civ_test_count (office->store,
                                   "SELECT count(*) FROM division_codes WHERE code = '110104'"),
                   ==, 0);
  g_assert_cmpint (civ_test_count (office->store, "SELECT count(*) FROM refdata_imports"), ==, 1);
  g_assert_cmpuint (count_import_audits (office->store), ==, audits);

  g_assert_false (civ_refdata_import (office->store, CIV_REFDATA_HOLIDAYS, hmixed, NULL, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "2025-bad-flag.json"));
  g_assert_nonnull (strstr (error->message, "isOffDay"));
  g_clear_error (&error);
  g_assert_cmpint (civ_test_count (office->store, "SELECT count(*) FROM holidays"), ==, 0);
  g_assert_cmpint (civ_test_count (office->store, "SELECT count(*) FROM holiday_years"), ==, 0);

  g_assert_false (civ_refdata_import (office->store, CIV_REFDATA_DIVISIONS, missing, NULL, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "/nonexistent/civreg/result.csv"));
  g_clear_error (&error);

  /* The same code and year in two files of one import is ambiguous. */
  {
    const char *twice[] = { good, good, NULL };
    g_assert_false (civ_refdata_import (office->store, CIV_REFDATA_DIVISIONS, twice, NULL, &error));
    g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT);
    g_clear_error (&error);
  }
  g_assert_cmpint (civ_test_count (office->store, "SELECT count(*) FROM refdata_imports"), ==, 1);
  g_assert_cmpuint (count_import_audits (office->store), ==, audits);
}

static void
test_import_holidays (Office *office, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *h2024 = holiday_fixture ("2024-national-day.json");
  g_autofree char *h2027 = holiday_fixture ("2027-not-announced.json");
  const char      *files[] = { h2024, h2027, NULL };
  g_autoptr (GPtrArray) reports = NULL;
  g_autoptr (GArray) years = NULL;
  g_autoptr (CivHolidayRow) row = NULL;
  g_autoptr (CivCalendar) calendar = NULL;
  const CivRefdataReport *r2024, *r2027;
  CivDb                  *db = civ_store_get_db (office->store);
  CivDivorceDeadlines     d;
  GDate                   accepted;

  g_assert_true (civ_refdata_import (office->store, CIV_REFDATA_HOLIDAYS, files, &reports, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (reports->len, ==, 2);
  r2024 = g_ptr_array_index (reports, 0);
  r2027 = g_ptr_array_index (reports, 1);
  g_assert_cmpint (r2024->year, ==, 2024);
  g_assert_true (r2024->announced);
  g_assert_cmpuint (r2024->rows, ==, 9);
  g_assert_cmpuint (r2024->changed, ==, 9);
  g_assert_cmpint (r2027->year, ==, 2027);
  g_assert_false (r2027->announced);
  g_assert_cmpuint (r2027->rows, ==, 0);

  /* An empty days list: the year is not covered. */
  years = civ_refdata_store_covered_years (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (years->len, ==, 1);
  g_assert_cmpint (g_array_index (years, int, 0), ==, 2024);

  row = civ_refdata_store_get_holiday (db, "2024-10-01", &error);
  g_assert_no_error (error);
  g_assert_nonnull (row);
  g_assert_true (row->is_off_day);
  g_assert_cmpstr (row->name, ==, "国庆节");
  g_assert_cmpint (row->year, ==, 2024);
  g_clear_pointer (&row, civ_holiday_row_free);
  row = civ_refdata_store_get_holiday (db, "2024-10-12", &error);
  g_assert_nonnull (row);
  g_assert_false (row->is_off_day);
  g_clear_pointer (&row, civ_holiday_row_free);
  row = civ_refdata_store_get_holiday (db, "2024-10-13", &error);
  g_assert_no_error (error);
  g_assert_null (row);

  g_assert_cmpuint (count_import_audits (office->store), ==, 2);
  g_assert_cmpint (civ_test_count (office->store,
                                   "SELECT count(*) FROM refdata_imports WHERE kind = 'holidays'"),
                   ==, 2);

  calendar = civ_refdata_load_calendar (office->store, &error);
  g_assert_no_error (error);
  g_assert_true (civ_calendar_covers (calendar, 2024));
  g_assert_false (civ_calendar_covers (calendar, 2027));
  g_assert_true (civ_date_parse_iso ("2024-09-02", &accepted));
  civ_divorce_deadlines_compute (calendar, &accepted, &d);
  {
    g_autofree char *end = civ_date_format_iso (&d.cooling_off_end);
    g_autofree char *lapsed = civ_date_format_iso (&d.lapsed_from);
    g_assert_cmpstr (end, ==, "2024-10-08");
    g_assert_cmpstr (lapsed, ==, "2024-11-08");
    g_assert_false (d.provisional);
  }
}

/* A changed calendar for a year replaces that year's days. */
static void
test_holiday_year_replaced (Office *office, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows =
    g_ptr_array_new_with_free_func ((GDestroyNotify) civ_holiday_row_free);
  g_autofree char *h2024 = holiday_fixture ("2024-national-day.json");
  const char      *files[] = { h2024, NULL };
  CivDb           *db = civ_store_get_db (office->store);
  CivHolidayRow   *row = g_new0 (CivHolidayRow, 1);
  guint            changed = 0;

  g_assert_true (civ_refdata_import (office->store, CIV_REFDATA_HOLIDAYS, files, NULL, &error));
  g_assert_no_error (error);

  row->day = g_strdup ("2024-10-01");
  row->name = g_strdup ("国庆节");
  row->is_off_day = TRUE;
  row->year = 2024;
  g_ptr_array_add (rows, row);
  g_assert_true (civ_refdata_store_put_holiday_year (db, 2024, rows, "test", &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 8);
  g_assert_cmpint (civ_test_count (office->store, "SELECT count(*) FROM holidays"), ==, 1);
}

static void
test_import_needs_permission (Office *office, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) registrar = NULL;
  g_autofree char *path = fixture ("divisions-small.csv");
  const char      *files[] = { path, NULL };

  civ_test_add_operator (office->store, "clerk", "李登记", CIV_ROLE_REGISTRAR, "Registrar-pw");
  g_clear_object (&office->store);

  registrar = civ_store_open (office->dir, "clerk", "Registrar-pw", &error);
  g_assert_no_error (error);
  g_assert_false (civ_refdata_import (registrar, CIV_REFDATA_DIVISIONS, files, NULL, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  g_assert_cmpint (civ_test_count (registrar, "SELECT count(*) FROM division_codes"), ==, 0);
  g_assert_cmpint (civ_test_count (registrar, "SELECT count(*) FROM refdata_imports"), ==, 0);
  g_assert_cmpuint (count_import_audits (registrar), ==, 0);
}

/* The full shared tables, when they are there. */
static void
test_import_full_tables (Office *office, gconstpointer data)
{
  const char *shared = g_getenv ("CIVREG_SHARED_DATA");
  g_autoptr (GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *h2024 = NULL;
  g_autofree char *h2026 = NULL;
  g_autofree char *h2027 = NULL;
  g_autoptr (GPtrArray) reports = NULL;
  g_autoptr (GPtrArray) hreports = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (CivDivisionTable) table = NULL;
  g_autoptr (CivCalendar) calendar = NULL;
  g_autoptr (CivIdCheck) check = NULL;
  const CivDivisionRow   *chongwen;
  const CivRefdataReport *report;
  CivDivorceDeadlines     d;
  GDate                   day;

  if (shared == NULL || !g_file_test (shared, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("CIVREG_SHARED_DATA is not set");
      return;
    }
  csv = g_build_filename (shared, "division-codes", "result.csv", NULL);
  h2024 = g_build_filename (shared, "holidays", "2024.json", NULL);
  h2026 = g_build_filename (shared, "holidays", "2026.json", NULL);
  h2027 = g_build_filename (shared, "holidays", "2027.json", NULL);

  {
    const char *files[] = { csv, NULL };
    g_assert_true (
      civ_refdata_import (office->store, CIV_REFDATA_DIVISIONS, files, &reports, &error));
    g_assert_no_error (error);
  }
  report = g_ptr_array_index (reports, 0);
  g_assert_cmpuint (report->rows, >=, 6800);
  g_assert_cmpuint (report->added, ==, report->rows);
  g_assert_cmpint (civ_test_count (office->store, "SELECT count(*) FROM division_codes"), ==,
                   report->rows);

  entries = civ_refdata_store_get_division (civ_store_get_db (office->store), "110103", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  chongwen = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (chongwen->name, ==, "崇文区");
  g_assert_cmpint (chongwen->valid_to, ==, 2010);
  g_assert_cmpstr (chongwen->successors, ==, "110101");

  g_assert_true (civ_refdata_load_divisions (office->store, &table, &error));
  g_assert_no_error (error);
  g_assert_true (civ_date_parse_iso ("2024-05-01", &day));
  check = civ_id_check ("110103198001010013", CIV_DOC_UNKNOWN, &day, table);
  g_assert_true (check->valid);
  g_assert_true (check->region_obsolete);
  g_assert_cmpstr (check->region_name, ==, "崇文区");
  g_clear_pointer (&check, civ_id_check_free);
  check = civ_id_check ("110101199003071233", CIV_DOC_UNKNOWN, &day, table);
  g_assert_true (check->valid);
  g_assert_cmpstr (check->region_name, ==, "东城区");
  g_assert_cmpint (check->findings->len, ==, 0);

  {
    const char *files[] = { h2024, h2026, h2027, NULL };
    g_assert_true (
      civ_refdata_import (office->store, CIV_REFDATA_HOLIDAYS, files, &hreports, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (hreports->len, ==, 3);
  g_assert_true (((CivRefdataReport *) g_ptr_array_index (hreports, 0))->announced);
  g_assert_true (((CivRefdataReport *) g_ptr_array_index (hreports, 1))->announced);
  g_assert_false (((CivRefdataReport *) g_ptr_array_index (hreports, 2))->announced);

  calendar = civ_refdata_load_calendar (office->store, &error);
  g_assert_no_error (error);
  g_assert_true (civ_calendar_covers (calendar, 2024));
  g_assert_true (civ_calendar_covers (calendar, 2026));
  g_assert_false (civ_calendar_covers (calendar, 2025));
  g_assert_false (civ_calendar_covers (calendar, 2027));
  g_assert_true (civ_date_parse_iso ("2024-09-02", &day));
  civ_divorce_deadlines_compute (calendar, &day, &d);
  {
    g_autofree char *end = civ_date_format_iso (&d.cooling_off_end);
    g_autofree char *wend = civ_date_format_iso (&d.window_end);
    g_autofree char *lapsed = civ_date_format_iso (&d.lapsed_from);
    g_assert_cmpstr (end, ==, "2024-10-08");
    g_assert_cmpstr (wend, ==, "2024-11-07");
    g_assert_cmpstr (lapsed, ==, "2024-11-08");
    g_assert_false (d.provisional);
  }
}

/* issue 12: outside bytes within bounds (length, characters, loops, depth). */
static void
test_parse_divisions_hostile (void)
{
  g_autoptr (GString) long_name = g_string_new (HEADER "110101,北京市,直辖,");
  const struct
  {
    const char *text;
    const char *fragment;
  } cases[] = {
    { HEADER "110101,北京市,直辖,东\x1b[31m城区,县级,在用,1949,,\n", "control" },
    { HEADER "110101,北京市,直辖,东\t城区,县级,在用,1949,,\n", "control" },
    { HEADER "110101,北京\x7f市,直辖,东城区,县级,在用,1949,,\n", "control" },
    { HEADER "120110,天津市,直辖,东郊区,县级,变更,1981,1992,120110\n", "120110" },
    { HEADER "120110,天津市,直辖,东郊区,县级,变更,1981,1992,130102;120110[1992]\n", "itself" },
  };

  for (guint i = 0; i < 101; i++)
    g_string_append (long_name, "名");
  g_string_append (long_name, ",县级,在用,1949,,\n");
  for (guint i = 0; i <= G_N_ELEMENTS (cases); i++)
    {
      const char *text = i < G_N_ELEMENTS (cases) ? cases[i].text : long_name->str;
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) rows =
        civ_refdata_parse_divisions (text, strlen (text), "bad.csv", &error);

      g_test_message ("case %u: %s", i, error ? error->message : "(no error)");
      g_assert_null (rows);
      g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT);
      g_assert_nonnull (
        strstr (error->message, i < G_N_ELEMENTS (cases) ? cases[i].fragment : "100"));
    }

  /* A renamed code names itself when a later row of it follows (the
   * national table does this 315 times). */
  {
    const char *renamed = HEADER "120110,天津市,直辖,东郊区,县级,变更,1981,1992,120110\n"
                                 "120110,天津市,直辖,东丽区,县级,在用,1992,,\n";
    g_autoptr (GError) error = NULL;
    g_autoptr (GPtrArray) rows =
      civ_refdata_parse_divisions (renamed, strlen (renamed), "renamed.csv", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, 2);
  }
}

static void
test_parse_holidays_hostile (void)
{
  g_autoptr (GString) deep = g_string_new ("{\"year\": 2025, \"papers\": ");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) days = NULL;
  int         year = 0;
  const char *other_year = "{\"year\": 2025, \"papers\": [], \"days\": [{\"name\": \"国庆节\", "
                           "\"date\": \"2024-10-01\", \"isOffDay\": true}]}";
  const char *next_year = "{\"year\": 2025, \"papers\": [], \"days\": [{\"name\": \"元旦\", "
                          "\"date\": \"2026-01-01\", \"isOffDay\": true}]}";
  const char *twice = "{\"year\": 2025, \"year\": 2024, \"papers\": [], \"days\": []}";

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, ']');
  g_string_append (deep, ", \"days\": []}");
  /* json-glib alone overflows the stack here. */
  g_assert_false (
    civ_refdata_parse_holidays (deep->str, deep->len, "deep.json", &year, &days, &error));
  g_assert_error (error, CIV_JSON_GUARD_ERROR, CIV_JSON_GUARD_ERROR_TOO_DEEP);
  g_assert_nonnull (strstr (error->message, "deep.json"));
  g_clear_error (&error);

  g_assert_false (
    civ_refdata_parse_holidays (twice, strlen (twice), "twice.json", &year, &days, &error));
  g_assert_error (error, CIV_JSON_GUARD_ERROR, CIV_JSON_GUARD_ERROR_DUPLICATE);
  g_clear_error (&error);

  g_assert_false (civ_refdata_parse_holidays (other_year, strlen (other_year), "2025.json", &year,
                                              &days, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "2024-10-01"));
  g_clear_error (&error);
  g_assert_false (
    civ_refdata_parse_holidays (next_year, strlen (next_year), "2025.json", &year, &days, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT);
  g_assert_null (days);
}

/* A 2025 file listing 2024's National Day is refused whole: 2024's days
 * (and so its deadlines) stay as 2024's own file made them. */
static void
test_holidays_other_year_change_nothing (Office *office, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *h2024 = holiday_fixture ("2024-national-day.json");
  g_autofree char *dir = civ_test_mkdtemp ();
  g_autofree char *h2025 = g_build_filename (dir, "2025.json", NULL);
  const char      *first[] = { h2024, NULL };
  const char      *second[] = { h2025, NULL };
  const char      *text = "{\"year\": 2025, \"papers\": [], \"days\": [{\"name\": \"国庆节\", "
                          "\"date\": \"2024-10-08\", \"isOffDay\": true}]}";
  CivDb           *db = civ_store_get_db (office->store);
  gint64           before;

  g_assert_true (civ_refdata_import (office->store, CIV_REFDATA_HOLIDAYS, first, NULL, &error));
  g_assert_no_error (error);
  before = civ_test_count (office->store, "SELECT count(*) FROM holidays");
  g_assert_true (g_file_set_contents (h2025, text, -1, NULL));
  g_assert_false (civ_refdata_import (office->store, CIV_REFDATA_HOLIDAYS, second, NULL, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT);
  g_assert_cmpint (civ_test_count (office->store, "SELECT count(*) FROM holidays"), ==, before);
  g_clear_error (&error);
  {
    g_autoptr (CivHolidayRow) row = civ_refdata_store_get_holiday (db, "2024-10-08", &error);
    g_assert_no_error (error);
    g_assert_null (row);
  }
  civ_test_rmdir (dir);
}

/* A file past the cap is refused without being read whole. */
static void
test_import_size_cap (Office *office, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  const char *files[] = { "/dev/zero", NULL };

  g_assert_false (civ_refdata_import (office->store, CIV_REFDATA_HOLIDAYS, files, NULL, &error));
  g_assert_error (error, CIV_JSON_GUARD_ERROR, CIV_JSON_GUARD_ERROR_TOO_LARGE);
  g_clear_error (&error);
  g_assert_false (civ_refdata_import (office->store, CIV_REFDATA_DIVISIONS, files, NULL, &error));
  g_assert_error (error, CIV_JSON_GUARD_ERROR, CIV_JSON_GUARD_ERROR_TOO_LARGE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/refdata/R-ID6/parse-divisions", test_parse_divisions);
  g_test_add_func ("/refdata/R-ID6/parse-divisions-errors", test_parse_divisions_errors);
  g_test_add_func ("/refdata/R-D5/parse-holidays-errors", test_parse_holidays_errors);
  g_test_add_func ("/refdata/R-ID6/parse-divisions-hostile", test_parse_divisions_hostile);
  g_test_add_func ("/refdata/R-D5/parse-holidays-hostile", test_parse_holidays_hostile);
  g_test_add ("/refdata/R-D5/holidays-other-year-change-nothing", Office, NULL, office_setup,
              test_holidays_other_year_change_nothing, office_teardown);
  g_test_add ("/refdata/import-size-cap", Office, NULL, office_setup, test_import_size_cap,
              office_teardown);
  g_test_add ("/refdata/R-ID6/import-divisions", Office, NULL, office_setup, test_import_divisions,
              office_teardown);
  g_test_add ("/refdata/import-idempotent", Office, NULL, office_setup, test_import_idempotent,
              office_teardown);
  g_test_add ("/refdata/import-bad-changes-nothing", Office, NULL, office_setup,
              test_import_bad_changes_nothing, office_teardown);
  g_test_add ("/refdata/R-D5/import-holidays", Office, NULL, office_setup, test_import_holidays,
              office_teardown);
  g_test_add ("/refdata/R-D5/holiday-year-replaced", Office, NULL, office_setup,
              test_holiday_year_replaced, office_teardown);
  g_test_add ("/refdata/import-needs-permission", Office, NULL, office_setup,
              test_import_needs_permission, office_teardown);
  g_test_add ("/refdata/import-full-tables", Office, NULL, office_setup, test_import_full_tables,
              office_teardown);

  return g_test_run ();
}
