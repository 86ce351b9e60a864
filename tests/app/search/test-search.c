// SPDX-License-Identifier: GPL-3.0-or-later
/* test-search.c — demo data through the bulk writer, and search over it */
#include <string.h>

#include "civ-app-error.h"
#include "civ-calendar.h"
#include "civ-demo-data.h"
#include "civ-idnumber.h"
#include "civ-marriage-service.h"
#include "civ-registry-bulk.h"
#include "civ-search.h"
#include "civ-test-utils.h"

#define N_DEMO 3000

typedef struct
{
  char     *dir;
  CivStore *store;
  CivDb    *db;
} Fixture;

/* The demo office is generated once per run and copied for each case. */
static char *demo_template;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  CivDemoSummary summary = { 0 };

  if (data != NULL && demo_template == NULL)
    {
      g_autoptr (CivStore) store = civ_test_new_office (&demo_template, NULL);

      g_assert_true (civ_demo_data_generate (store, N_DEMO, 42, NULL, NULL, &summary, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (summary.marriages, ==, N_DEMO);
    }
  if (data != NULL)
    f->store = civ_test_copy_office (demo_template, &f->dir);
  else
    f->store = civ_test_new_office (&f->dir, NULL);
  f->db = civ_store_get_db (f->store);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  civ_test_rmdir (f->dir);
  g_free (f->dir);
}

static gint64
count (CivDb *db, const char *sql)
{
  g_autoptr (GError) error = NULL;
  gint64 n = -1;

  g_assert_true (civ_db_query_int64 (db, sql, &n, &error));
  g_assert_no_error (error);
  return n;
}

static char *
text (CivDb *db, const char *sql)
{
  g_autoptr (sqlite3_stmt) stmt = civ_db_prepare (db, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* Invariants the per-registration use cases keep hold for bulk demo data too. */
static void
test_demo_invariants (Fixture *f, gconstpointer data)
{
  CivDb *db = f->db;

  g_assert_cmpint (count (db, "SELECT count(*) FROM marriages WHERE version = 1"), ==, N_DEMO);
  /* Serials gapless per prefix and year, and the counters agree. */
  g_assert_cmpint (count (db, "SELECT count(*) FROM (SELECT prefix, year FROM certificates "
                              "GROUP BY prefix, year HAVING max(serial) <> count(*) "
                              "OR min(serial) <> 1)"),
                   ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM certificate_counters c WHERE last_serial <> "
                              "(SELECT max(serial) FROM certificates x WHERE x.prefix = c.prefix "
                              "AND x.year = c.year AND x.office_code = c.office_code)"),
                   ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM certificates"), ==,
                   count (db, "SELECT count(*) FROM marriages WHERE version = 1") +
                     count (db, "SELECT count(*) FROM divorces"));
  /* Every certificate number matches R-N1 and its year. */
  g_assert_cmpint (count (db, "SELECT count(*) FROM certificates WHERE number <> "
                              "prefix || office_code || '-' || year || '-' || "
                              "substr('00000' || serial, -6)"),
                   ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM marriages WHERE CAST(substr(certificate_no, "
                              "9, 4) AS INTEGER) <> CAST(substr(registration_date, 1, 4) AS "
                              "INTEGER)"),
                   ==, 0);
  /* Divorces: a dissolved second version with an L number, both current once. */
  g_assert_cmpint (count (db, "SELECT count(*) FROM divorces"), >, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM divorces WHERE state <> 'REGISTERED' OR "
                              "certificate_no NOT LIKE 'L%'"),
                   ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM divorces d JOIN marriages m ON m.record_id = "
                              "d.marriage_record_id AND m.superseded_by IS NULL WHERE m.state <> "
                              "'DISSOLVED_REG'"),
                   ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM (SELECT record_id FROM marriages WHERE "
                              "superseded_by IS NULL GROUP BY record_id HAVING count(*) <> 1)"),
                   ==, 0);
  g_assert_cmpint (count (db, "SELECT count(DISTINCT record_id) FROM marriages"), ==, N_DEMO);
  /* No person has two REGISTERED marriages; the index agrees with the records. */
  g_assert_cmpint (count (db, "SELECT count(*) FROM (SELECT p.person_id FROM marriage_parties p "
                              "JOIN marriages m ON m.id = p.marriage_id WHERE m.superseded_by IS "
                              "NULL AND m.state = 'REGISTERED' AND p.person_id IS NOT NULL GROUP "
                              "BY p.person_id HAVING count(*) > 1)"),
                   ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM persons s WHERE s.current_marriage IS NOT "
                              "NULL AND NOT EXISTS (SELECT 1 FROM marriages m WHERE m.record_id = "
                              "s.current_marriage AND m.superseded_by IS NULL AND m.state = "
                              "'REGISTERED')"),
                   ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM persons WHERE marital_status = 40 AND "
                              "current_marriage IS NOT NULL"),
                   ==, 0);
  /* Remarriages (22) and former spouses (23) appear. */
  g_assert_cmpint (count (db, "SELECT count(*) FROM marriage_parties WHERE nature = 22"), >, 0);
  /* R-H3: before 1984 no identity number, never a placeholder. */
  g_assert_cmpint (count (db, "SELECT count(*) FROM marriage_parties p JOIN marriages m ON m.id = "
                              "p.marriage_id WHERE m.registration_date < '1984' AND (p.doc_number "
                              "IS NOT NULL OR p.doc_status <> 'ABSENT_PRE_ID')"),
                   ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM marriage_parties WHERE doc_status = "
                              "'PRESENT' AND (id_key IS NULL OR length(id_key) <> 18)"),
                   ==, 0);
  /* Historical records are those before 2004-07-01. */
  g_assert_cmpint (count (db, "SELECT count(*) FROM marriages WHERE historical <> "
                              "(registration_date < '2004-07-01')"),
                   ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM marriages WHERE registration_date < "
                              "'1950-05-01' OR registration_date > date('now')"),
                   ==, 0);
  /* Pinyin keys are filled for every party. */
  g_assert_cmpint (count (db, "SELECT count(*) FROM marriage_parties WHERE name_pinyin = '' OR "
                              "name_initials = ''"),
                   ==, 0);
}

/* Every identity number has a valid check character and a consistent birth date and sex. */
static void
test_demo_identity_numbers (Fixture *f, gconstpointer data)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (f->db,
                    "SELECT p.doc_number, p.birth_date, p.sex, m.registration_date, p.id_key FROM "
                    "marriage_parties p JOIN marriages m ON m.id = p.marriage_id WHERE "
                    "p.doc_number IS NOT NULL",
                    NULL);
  guint checked = 0, fifteen = 0;

  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *number = (const char *) sqlite3_column_text (stmt, 0);
      const char *birth = (const char *) sqlite3_column_text (stmt, 1);
      const char *reg = (const char *) sqlite3_column_text (stmt, 3);
      const char *key = (const char *) sqlite3_column_text (stmt, 4);
      GDate       on;
      g_autoptr (CivIdCheck) check = NULL;
      g_autofree char *birth_from_id = NULL;

      g_assert_true (civ_date_parse_iso (reg, &on));
      check = civ_id_check (number, CIV_DOC_UNKNOWN, &on, NULL);
      g_assert_true (check->valid);
      g_assert_cmpstr (check->normalized, ==, key);
      birth_from_id = civ_date_format_iso (&check->birth_date);
      g_assert_cmpstr (birth_from_id, ==, birth);
      g_assert_cmpint (check->sex, ==, sqlite3_column_int (stmt, 2));
      if (strlen (number) == 15)
        {
          fifteen++;
          g_assert_cmpstr (reg, <, "2000");
        }
      checked++;
    }
  g_assert_cmpuint (checked, >, 1000);
  g_assert_cmpuint (fifteen, >, 0);
}

/* The same seed gives the same records. */
static void
test_demo_seeded (void)
{
  g_autofree char *dir_a = NULL;
  g_autofree char *dir_b = NULL;
  g_autoptr (CivStore) a = civ_test_new_office (&dir_a, NULL);
  g_autoptr (CivStore) b = civ_test_new_office (&dir_b, NULL);
  g_autoptr (GError) error = NULL;
  const char *sql =
    "SELECT group_concat(name || ':' || ifnull(doc_number, '-'), ',') FROM "
    "(SELECT name, doc_number FROM marriage_parties ORDER BY marriage_id, position)";
  g_autofree char *ta = NULL;
  g_autofree char *tb = NULL;

  g_assert_true (civ_demo_data_generate (a, 200, 5, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (civ_demo_data_generate (b, 200, 5, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  ta = text (civ_store_get_db (a), sql);
  tb = text (civ_store_get_db (b), sql);
  g_assert_cmpstr (ta, ==, tb);
  g_clear_object (&a);
  g_clear_object (&b);
  civ_test_rmdir (dir_a);
  civ_test_rmdir (dir_b);
}

/* Certificates of @prefix: every serial from 1 to the counter once, per year. */
static void
assert_gapless (CivDb *db, const char *prefix)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT count(*) FROM (SELECT year, count(*) AS n, count(DISTINCT serial) AS d, max(serial) "
    "AS m FROM certificates WHERE prefix = '%s' GROUP BY year) WHERE n != d OR n != m",
    prefix);
  gint64 bad = -1;

  g_assert_true (civ_db_query_int64 (db, sql, &bad, NULL));
  g_assert_cmpint (bad, ==, 0);
}

typedef struct
{
  const char *dir;
  guint       marriages;
  gboolean    ok;
  GError     *error;
} DemoRun;

static gpointer
demo_run (gpointer data)
{
  DemoRun *run = data;
  g_autoptr (CivStore) store =
    civ_store_open (run->dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &run->error);

  if (store != NULL)
    run->ok = civ_demo_data_generate (store, run->marriages, 1, NULL, NULL, NULL, &run->error);
  return NULL;
}

/* Issue 12 item 4: a second run with the same seed, or two at once, never
 * produces an identity or a record the office holds (both used to fail
 * whole on persons.id_key), and the certificate numbers stay gapless. */
static void
test_demo_runs_share_an_office (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  g_autoptr (GError) error = NULL;
  DemoRun  runs[2] = { { dir, 600 }, { dir, 600 } };
  GThread *threads[2];
  gint64   persons = 0, keys = 0, marriages = 0;

  g_assert_true (civ_demo_data_generate (store, 300, 1, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (civ_demo_data_generate (store, 300, 1, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 2; i++)
    threads[i] = g_thread_new ("demo", demo_run, &runs[i]);
  for (guint i = 0; i < 2; i++)
    {
      g_thread_join (threads[i]);
      g_assert_no_error (runs[i].error);
      g_assert_true (runs[i].ok);
    }

  g_assert_true (civ_db_query_int64 (civ_store_get_db (store),
                                     "SELECT count(DISTINCT record_id) FROM marriages", &marriages,
                                     NULL));
  g_assert_cmpint (marriages, ==, 300 + 300 + 600 + 600);
  g_assert_true (
    civ_db_query_int64 (civ_store_get_db (store), "SELECT count(*) FROM persons", &persons, NULL));
  g_assert_true (civ_db_query_int64 (civ_store_get_db (store),
                                     "SELECT count(DISTINCT id_key) FROM persons", &keys, NULL));
  g_assert_cmpint (persons, ==, keys);
  assert_gapless (civ_store_get_db (store), "J");
  assert_gapless (civ_store_get_db (store), "L");
  g_clear_object (&store);
  civ_test_rmdir (dir);
}

static void
test_demo_needs_supervisor (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) registrar = NULL;

  g_assert_true (
    civ_store_add_operator (f->store, "li", "李四", CIV_ROLE_REGISTRAR, "Registrar-pw", &error));
  g_assert_no_error (error);
  registrar = civ_store_open (f->dir, "li", "Registrar-pw", &error);
  g_assert_no_error (error);
  g_assert_false (civ_demo_data_generate (registrar, 10, 1, NULL, NULL, NULL, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM marriages"), ==, 0);
}

/* A failed bulk write leaves nothing behind and no counter moved. */
static void
test_bulk_rollback (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivRegistryBulk) bulk = civ_registry_bulk_new (f->db, "110101", "admin", &error);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  g_assert_no_error (error);
  a =
    civ_registry_bulk_allocate_certificate (bulk, "J", 2010, "r1", "2010-01-01T00:00:00Z", &error);
  g_assert_cmpstr (a, ==, "J110101-2010-000001");
  b =
    civ_registry_bulk_allocate_certificate (bulk, "L", 2010, "r2", "2010-01-01T00:00:00Z", &error);
  g_assert_cmpstr (b, ==, "L110101-2010-000001");
  g_assert_null (civ_registry_bulk_allocate_certificate (bulk, "X", 2010, "r3", "", &error));
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (civ_registry_bulk_checkpoint (bulk, &error));
  g_assert_no_error (error);
  c =
    civ_registry_bulk_allocate_certificate (bulk, "J", 2010, "r4", "2010-01-01T00:00:00Z", &error);
  g_assert_cmpstr (c, ==, "J110101-2010-000002");
  g_clear_pointer (&bulk, civ_registry_bulk_free);

  g_assert_cmpint (count (f->db, "SELECT count(*) FROM certificates"), ==, 2);
  g_assert_cmpint (count (f->db, "SELECT last_serial FROM certificate_counters WHERE prefix = "
                                 "'J' AND year = 2010"),
                   ==, 1);
  /* A new writer continues from the stored counter. */
  bulk = civ_registry_bulk_new (f->db, "110101", "admin", &error);
  g_assert_no_error (error);
  g_clear_pointer (&c, g_free);
  c =
    civ_registry_bulk_allocate_certificate (bulk, "J", 2010, "r5", "2010-01-01T00:00:00Z", &error);
  g_assert_cmpstr (c, ==, "J110101-2010-000002");
  g_assert_true (civ_registry_bulk_finish (bulk, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f->db, "SELECT last_serial FROM certificate_counters WHERE prefix = "
                                 "'J' AND year = 2010"),
                   ==, 2);
}

static CivSearchQuery *
query (const char *text, CivSearchKind kind)
{
  g_autoptr (GError) error = NULL;
  CivSearchQuery *q = civ_search_query_new (text, kind, &error);

  g_assert_no_error (error);
  g_assert_nonnull (q);
  return q;
}

static void
test_query_detection (void)
{
  struct
  {
    const char   *text;
    CivSearchKind kind;
    const char   *key;
    gboolean      prefix;
  } cases[] = {
    { "", CIV_SEARCH_KIND_ALL, NULL, FALSE },
    { "110101199003071233", CIV_SEARCH_KIND_ID_NUMBER, "110101199003071233", FALSE },
    { " 11010119900307123x ", CIV_SEARCH_KIND_ID_NUMBER, "11010119900307123X", FALSE },
    /* 15 digits: the 18-digit key (R-ID3). */
    { "110101900307123", CIV_SEARCH_KIND_ID_NUMBER, "110101199003071233", FALSE },
    { "j110101-2010-000001", CIV_SEARCH_KIND_CERTIFICATE, "J110101-2010-000001", FALSE },
    { "J110101-2010", CIV_SEARCH_KIND_CERTIFICATE, "J110101-2010", TRUE },
    { "L110101-2010-000001*", CIV_SEARCH_KIND_CERTIFICATE, "L110101-2010-000001", TRUE },
    { "BJ110101", CIV_SEARCH_KIND_CERTIFICATE, "BJ110101", TRUE },
    { "张三", CIV_SEARCH_KIND_NAME, "张三", FALSE },
    { "张 三", CIV_SEARCH_KIND_NAME, "张三", FALSE },
    { "张", CIV_SEARCH_KIND_NAME, "张", TRUE },
    { "张三*", CIV_SEARCH_KIND_NAME, "张三", TRUE },
    { "Zhang San", CIV_SEARCH_KIND_PINYIN, "zhangsan", TRUE },
    { "zs", CIV_SEARCH_KIND_PINYIN, "zs", TRUE },
    { "bj", CIV_SEARCH_KIND_PINYIN, "bj", TRUE },
    { "2010", CIV_SEARCH_KIND_DATE, NULL, FALSE },
    { "2010-02..2010-03-15", CIV_SEARCH_KIND_DATE, NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (CivSearchQuery) q = query (cases[i].text, CIV_SEARCH_KIND_AUTO);

      g_test_message ("query “%s”", cases[i].text);
      g_assert_cmpint (civ_search_query_get_kind (q), ==, cases[i].kind);
      g_assert_cmpstr (civ_search_query_get_key (q), ==, cases[i].key);
      g_assert_cmpint (civ_search_query_is_prefix (q), ==, cases[i].prefix);
    }
}

static void
test_query_errors (void)
{
  const struct
  {
    const char   *text;
    CivSearchKind kind;
  } bad[] = {
    { "12345", CIV_SEARCH_KIND_AUTO },        { "1101011990030712", CIV_SEARCH_KIND_ID_NUMBER },
    { "zhang", CIV_SEARCH_KIND_CERTIFICATE }, { "张三", CIV_SEARCH_KIND_PINYIN },
    { "2010-13", CIV_SEARCH_KIND_DATE },      { "2011..2010", CIV_SEARCH_KIND_DATE },
    { "   ", CIV_SEARCH_KIND_NAME },
  };
  g_autoptr (CivSearchQuery) q = query ("张三", CIV_SEARCH_KIND_AUTO);
  g_autoptr (GError) error = NULL;
  CivSearchKind kind;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) e = NULL;
      g_autoptr (CivSearchQuery) b = civ_search_query_new (bad[i].text, bad[i].kind, &e);

      g_test_message ("query “%s”", bad[i].text);
      g_assert_null (b);
      g_assert_error (e, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
    }
  g_assert_false (civ_search_query_set_date_range (q, "2010-02-30", NULL, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_assert_true (civ_search_kind_from_string ("initials", &kind));
  g_assert_cmpint (kind, ==, CIV_SEARCH_KIND_INITIALS);
  g_assert_false (civ_search_kind_from_string ("nonsense", &kind));
  g_assert_cmpstr (civ_search_kind_to_string (CIV_SEARCH_KIND_FULL_PINYIN), ==, "full-pinyin");
}

/* Registers one couple through the real use case, so search covers its rows too. */
static char *
register_couple (
  CivStore *store, const char *date, const char *a, const char *ida, const char *b, const char *idb)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivMarriageResult) r = NULL;
  CivMarriageInput in;

  civ_marriage_input_init (&in);
  g_assert_true (civ_date_parse_iso (date, &in.registration_date));
  in.status_source = CIV_STATUS_SOURCE_ONLINE;
  in.household_jurisdiction = TRUE;
  in.party[0].name = a;
  in.party[0].doc_number = ida;
  in.party[1].name = b;
  in.party[1].doc_number = idb;
  for (guint i = 0; i < 2; i++)
    {
      in.party[i].category = CIV_RESIDENT_MAINLAND;
      in.party[i].appears_in_person = TRUE;
      in.party[i].consents = TRUE;
      in.party[i].declaration_signed = TRUE;
      in.party[i].documents_complete = TRUE;
    }
  r = civ_marriage_register (store, &in, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (r->registered);
  return g_strdup (r->certificate_no);
}

static GPtrArray *
search (CivDb *db, const char *text, CivSearchKind kind)
{
  g_autoptr (CivSearchQuery) q = query (text, kind);
  g_autoptr (GError) error = NULL;
  GPtrArray *rows = civ_search_page (db, q, NULL, 1000, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static gboolean
rows_have (GPtrArray *rows, const char *certificate)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (((CivSearchRow *) g_ptr_array_index (rows, i))->certificate_no, certificate) ==
        0)
      return TRUE;
  return FALSE;
}

static void
test_search_kinds (Fixture *f, gconstpointer data)
{
  g_autofree char *cert = register_couple (f->store, "2025-06-03", "张三", "110101199003071233",
                                           "李四娘", "110101199205150028");
  g_autofree char *other = register_couple (f->store, "2025-06-04", "张三丰", "110101198801010019",
                                            "赵敏", "110101199001010023");
  g_autofree char *cert_prefix = g_strndup (cert, 12);

  struct
  {
    const char   *text;
    CivSearchKind kind;
    gboolean      finds_first;
    gboolean      finds_second;
  } cases[] = {
    { "110101199003071233", CIV_SEARCH_KIND_AUTO, TRUE, FALSE },
    /* The 15-digit form of the same number. */
    { "110101900307123", CIV_SEARCH_KIND_AUTO, TRUE, FALSE },
    { cert, CIV_SEARCH_KIND_AUTO, TRUE, FALSE },
    { cert_prefix, CIV_SEARCH_KIND_AUTO, TRUE, TRUE },
    { "张三", CIV_SEARCH_KIND_AUTO, TRUE, FALSE },
    { "张三*", CIV_SEARCH_KIND_AUTO, TRUE, TRUE },
    { "张", CIV_SEARCH_KIND_AUTO, TRUE, TRUE },
    { "李四娘", CIV_SEARCH_KIND_NAME, TRUE, FALSE },
    { "zhangsan", CIV_SEARCH_KIND_AUTO, TRUE, TRUE },
    { "zhang san", CIV_SEARCH_KIND_FULL_PINYIN, TRUE, TRUE },
    { "zhangsanf", CIV_SEARCH_KIND_AUTO, FALSE, TRUE },
    { "zs", CIV_SEARCH_KIND_AUTO, TRUE, TRUE },
    { "zsf", CIV_SEARCH_KIND_INITIALS, FALSE, TRUE },
    { "zs", CIV_SEARCH_KIND_FULL_PINYIN, FALSE, FALSE },
    { "zhaomin", CIV_SEARCH_KIND_INITIALS, FALSE, FALSE },
    { "zm", CIV_SEARCH_KIND_AUTO, FALSE, TRUE },
    { "2025-06-03", CIV_SEARCH_KIND_AUTO, TRUE, FALSE },
    { "2025-06", CIV_SEARCH_KIND_AUTO, TRUE, TRUE },
    { "..2025-06-03", CIV_SEARCH_KIND_DATE, TRUE, FALSE },
    { "", CIV_SEARCH_KIND_AUTO, TRUE, TRUE },
    { "王五", CIV_SEARCH_KIND_AUTO, FALSE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GPtrArray) rows = search (f->db, cases[i].text, cases[i].kind);

      g_test_message ("search “%s”", cases[i].text);
      g_assert_cmpint (rows_have (rows, cert), ==, cases[i].finds_first);
      g_assert_cmpint (rows_have (rows, other), ==, cases[i].finds_second);
    }
}

static CivSearchRow *
row_with (GPtrArray *rows, const char *certificate)
{
  for (guint i = 0; i < rows->len; i++)
    {
      CivSearchRow *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (row->certificate_no, certificate) == 0)
        return row;
    }
  g_assert_not_reached ();
  return NULL;
}

/* A result row carries both identity numbers, unmasked, and says which
 * party matched and on what (issue 11, item 8). */
static void
test_search_matched_parties (Fixture *f, gconstpointer data)
{
  g_autofree char *cert = register_couple (f->store, "2025-06-03", "张三", "110101199003071233",
                                           "李四娘", "110101199205150028");
  g_autofree char *other = register_couple (f->store, "2025-06-04", "赵敏", "110101199001010023",
                                            "张三丰", "110101198801010019");
  struct
  {
    const char      *text;
    CivSearchKind    kind;
    CivSearchField   field;
    CivSearchParties first;  /* in the first couple, or -1 when not found */
    int              second; /* in the second */
  } cases[] = {
    { "110101199003071233", CIV_SEARCH_KIND_AUTO, CIV_SEARCH_FIELD_ID_NUMBER, CIV_SEARCH_PARTY_A,
      -1 },
    { "110101199205150028", CIV_SEARCH_KIND_AUTO, CIV_SEARCH_FIELD_ID_NUMBER, CIV_SEARCH_PARTY_B,
      -1 },
    { "110101900307123", CIV_SEARCH_KIND_AUTO, CIV_SEARCH_FIELD_ID_NUMBER, CIV_SEARCH_PARTY_A, -1 },
    { "李四娘", CIV_SEARCH_KIND_AUTO, CIV_SEARCH_FIELD_NAME, CIV_SEARCH_PARTY_B, -1 },
    { "张三*", CIV_SEARCH_KIND_AUTO, CIV_SEARCH_FIELD_NAME, CIV_SEARCH_PARTY_A,
      CIV_SEARCH_PARTY_B },
    { "zhangsanf", CIV_SEARCH_KIND_AUTO, CIV_SEARCH_FIELD_NAME, -1, CIV_SEARCH_PARTY_B },
    { "zm", CIV_SEARCH_KIND_AUTO, CIV_SEARCH_FIELD_NAME, -1, CIV_SEARCH_PARTY_A },
    { "zs", CIV_SEARCH_KIND_INITIALS, CIV_SEARCH_FIELD_NAME, CIV_SEARCH_PARTY_A,
      CIV_SEARCH_PARTY_B },
    { cert, CIV_SEARCH_KIND_AUTO, CIV_SEARCH_FIELD_CERTIFICATE, CIV_SEARCH_PARTY_NONE, -1 },
    { "2025-06", CIV_SEARCH_KIND_AUTO, CIV_SEARCH_FIELD_NONE, CIV_SEARCH_PARTY_NONE,
      CIV_SEARCH_PARTY_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GPtrArray) rows = search (f->db, cases[i].text, cases[i].kind);

      g_test_message ("search “%s”", cases[i].text);
      g_assert_cmpint (rows_have (rows, cert), ==, (int) cases[i].first != -1);
      g_assert_cmpint (rows_have (rows, other), ==, cases[i].second != -1);
      if ((int) cases[i].first != -1)
        {
          CivSearchRow *row = row_with (rows, cert);

          g_assert_cmpuint (row->matched_parties, ==, cases[i].first);
          g_assert_cmpuint (row->matched_field, ==, cases[i].field);
          g_assert_cmpstr (row->doc_number[0], ==, "110101199003071233");
          g_assert_cmpstr (row->doc_number[1], ==, "110101199205150028");
        }
      if (cases[i].second != -1)
        {
          CivSearchRow *row = row_with (rows, other);

          g_assert_cmpuint (row->matched_parties, ==, (guint) cases[i].second);
          g_assert_cmpuint (row->matched_field, ==, cases[i].field);
        }
    }

  /* The rows the list model reads by id say the same. */
  {
    g_autoptr (GPtrArray) found = search (f->db, "李四娘", CIV_SEARCH_KIND_AUTO);
    g_autoptr (CivSearchQuery) q = query ("李四娘", CIV_SEARCH_KIND_AUTO);
    g_autoptr (GError) error = NULL;
    gint64 id = ((CivSearchRow *) g_ptr_array_index (found, 0))->id;
    g_autoptr (GPtrArray) rows = civ_search_rows (f->db, q, &id, 1, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, 1);
    g_assert_cmpuint (((CivSearchRow *) g_ptr_array_index (rows, 0))->matched_parties, ==,
                      CIV_SEARCH_PARTY_B);
    g_assert_cmpstr (((CivSearchRow *) g_ptr_array_index (rows, 0))->doc_number[1], ==,
                     "110101199205150028");
  }
}

/* A divorce's L number finds the marriage it dissolved, in its current version only. */
static void
test_search_current_versions (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GPtrArray) by_l = NULL;
  g_autofree char *l = text (f->db, "SELECT certificate_no FROM divorces ORDER BY id LIMIT 1");
  g_autofree char *j = text (f->db, "SELECT m.certificate_no FROM divorces d JOIN marriages m ON "
                                    "m.record_id = d.marriage_record_id ORDER BY d.id LIMIT 1");
  CivSearchRow    *row;

  by_l = search (f->db, l, CIV_SEARCH_KIND_AUTO);
  g_assert_cmpuint (by_l->len, ==, 1);
  row = g_ptr_array_index (by_l, 0);
  g_assert_cmpstr (row->certificate_no, ==, j);
  g_assert_cmpstr (row->state, ==, "DISSOLVED_REG");
  rows = search (f->db, j, CIV_SEARCH_KIND_CERTIFICATE);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (((CivSearchRow *) g_ptr_array_index (rows, 0))->state, ==, "DISSOLVED_REG");
}

/* Keyset pages walk the whole result exactly once, newest first. */
static void
test_search_paging (Fixture *f, gconstpointer data)
{
  g_autoptr (CivSearchQuery) q = query ("", CIV_SEARCH_KIND_AUTO);
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = civ_search_ids (f->db, q, &error);
  CivSearchCursor cursor = { 0 };
  guint           seen = 0;
  char            last_date[11] = "9999-99-99";
  gint64          last_id = G_MAXINT64;

  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, N_DEMO);
  for (;;)
    {
      g_autoptr (GPtrArray) page = civ_search_page (f->db, q, &cursor, 250, &cursor, &error);

      g_assert_no_error (error);
      if (page->len == 0)
        break;
      for (guint i = 0; i < page->len; i++)
        {
          CivSearchRow *row = g_ptr_array_index (page, i);
          int           cmp = strcmp (row->registration_date, last_date);

          g_assert_cmpint (row->id, ==, g_array_index (ids, gint64, seen));
          g_assert_true (cmp < 0 || (cmp == 0 && row->id < last_id));
          g_strlcpy (last_date, row->registration_date, sizeof last_date);
          last_id = row->id;
          seen++;
        }
    }
  g_assert_cmpuint (seen, ==, N_DEMO);

  /* A date range on top of a name search. */
  {
    g_autoptr (CivSearchQuery) d = query ("王", CIV_SEARCH_KIND_AUTO);
    g_autoptr (GArray) in_range = NULL;
    g_autoptr (GArray) all = civ_search_ids (f->db, d, &error);

    g_assert_true (civ_search_query_set_date_range (d, "2000-01-01", "2009-12-31", &error));
    in_range = civ_search_ids (f->db, d, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (in_range->len, >, 0);
    g_assert_cmpuint (in_range->len, <, all->len);
  }
}

static void
test_search_rows_by_id (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 ids[300];
  g_autoptr (GPtrArray) rows = NULL;
  gint64 superseded = count (f->db, "SELECT id FROM marriages WHERE superseded_by IS NOT NULL "
                                    "LIMIT 1");

  /* Ids in descending order, one superseded version among them. */
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    ids[i] = count (f->db, "SELECT max(id) FROM marriages WHERE superseded_by IS NULL") - i;
  ids[7] = superseded;
  rows = civ_search_rows (f->db, NULL, ids, G_N_ELEMENTS (ids), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, >=, G_N_ELEMENTS (ids) - 20);
  for (guint i = 1; i < rows->len; i++)
    g_assert_cmpint (((CivSearchRow *) g_ptr_array_index (rows, i - 1))->id, >,
                     ((CivSearchRow *) g_ptr_array_index (rows, i))->id);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpint (((CivSearchRow *) g_ptr_array_index (rows, i))->id, !=, superseded);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/search/query/detection", test_query_detection);
  g_test_add_func ("/search/query/errors", test_query_errors);
  g_test_add ("/search/demo/invariants", Fixture, "demo", fixture_set_up, test_demo_invariants,
              fixture_tear_down);
  g_test_add ("/search/demo/identity-numbers", Fixture, "demo", fixture_set_up,
              test_demo_identity_numbers, fixture_tear_down);
  g_test_add_func ("/search/demo/seeded", test_demo_seeded);
  g_test_add_func ("/search/demo/runs-share-an-office", test_demo_runs_share_an_office);
  g_test_add ("/search/demo/needs-supervisor", Fixture, NULL, fixture_set_up,
              test_demo_needs_supervisor, fixture_tear_down);
  g_test_add ("/search/bulk/rollback", Fixture, NULL, fixture_set_up, test_bulk_rollback,
              fixture_tear_down);
  g_test_add ("/search/kinds", Fixture, NULL, fixture_set_up, test_search_kinds, fixture_tear_down);
  g_test_add ("/search/matched-parties", Fixture, NULL, fixture_set_up, test_search_matched_parties,
              fixture_tear_down);
  g_test_add ("/search/current-versions", Fixture, "demo", fixture_set_up,
              test_search_current_versions, fixture_tear_down);
  g_test_add ("/search/paging", Fixture, "demo", fixture_set_up, test_search_paging,
              fixture_tear_down);
  g_test_add ("/search/rows-by-id", Fixture, "demo", fixture_set_up, test_search_rows_by_id,
              fixture_tear_down);
  status = g_test_run ();
  if (demo_template != NULL)
    civ_test_rmdir (demo_template);
  g_free (demo_template);
  return status;
}
