// SPDX-License-Identifier: GPL-3.0-or-later
/* test-report-historical.c — historical records (issue 14) reported to the
 * reference provincial server over real TLS: well-formed payloads accepted
 * in the same batches as any other kind, malformed ones rejected item by
 * item with a reason naming the member (docs/provincial-protocol.md §3,
 * "Historical records") and parked by the client. */
#include <json-glib/json-glib.h>
#include <string.h>

#include "civ-archive-import.h"
#include "civ-registry-store.h"
#include "civ-test-utils.h"
#include "report-test-utils.h"

typedef struct
{
  const char *name;
  int         sex;
  const char *birth_date; /* NULL: null */
  const char *doc_kind;
  const char *doc_number; /* NULL: null */
  const char *doc_status;
} Party;

/* A historical payload as docs/provincial-protocol.md describes it; @date
 * NULL leaves the member out. */
static char *
payload (const char  *record_id,
         const char  *record_kind,
         const char  *date,
         const char  *raw_number,
         const char  *era,
         const Party *parties,
         guint        n_parties)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, "historical");
  json_builder_set_member_name (b, "record_kind");
  json_builder_add_string_value (b, record_kind);
  json_builder_set_member_name (b, "record_id");
  json_builder_add_string_value (b, record_id);
  if (date)
    {
      json_builder_set_member_name (b, "date");
      json_builder_add_string_value (b, date);
    }
  json_builder_set_member_name (b, "raw_number");
  if (raw_number)
    json_builder_add_string_value (b, raw_number);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "number_era");
  json_builder_add_string_value (b, era);
  json_builder_set_member_name (b, "office_code");
  json_builder_add_string_value (b, "320102");
  json_builder_set_member_name (b, "office_name");
  json_builder_add_string_value (b, "南京市玄武区民政局");
  json_builder_set_member_name (b, "source");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "archive_no");
  json_builder_add_string_value (b, "A12-1985-003");
  json_builder_set_member_name (b, "volume");
  json_builder_add_string_value (b, "3");
  json_builder_set_member_name (b, "page");
  json_builder_add_int_value (b, 17);
  json_builder_set_member_name (b, "entry");
  json_builder_add_int_value (b, 4);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "parties");
  json_builder_begin_array (b);
  for (guint i = 0; i < n_parties; i++)
    {
      const Party *p = &parties[i];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, p->name);
      json_builder_set_member_name (b, "sex");
      json_builder_add_int_value (b, p->sex);
      json_builder_set_member_name (b, "birth_date");
      if (p->birth_date)
        json_builder_add_string_value (b, p->birth_date);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "nationality");
      json_builder_add_string_value (b, "CHN");
      json_builder_set_member_name (b, "ethnicity");
      json_builder_add_string_value (b, "01");
      json_builder_set_member_name (b, "occupation");
      json_builder_add_string_value (b, "");
      json_builder_set_member_name (b, "doc_kind");
      json_builder_add_string_value (b, p->doc_kind);
      json_builder_set_member_name (b, "doc_number");
      if (p->doc_number)
        json_builder_add_string_value (b, p->doc_number);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "doc_status");
      json_builder_add_string_value (b, p->doc_status);
      json_builder_set_member_name (b, "status_before");
      json_builder_add_int_value (b, 10);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "remarks");
  json_builder_add_string_value (b, "登记簿年龄栏写 19 岁，与出生年份不符，照录");
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

static const Party couple[] = {
  { "王建国", 1, "1960", "", NULL, "ABSENT_PRE_ID" },
  /* A 15-digit number as recorded (R-H3). */
  { "李秀英", 2, "1962-03-08", "resident-id", "320102620308002", "PRESENT" },
};

/* Each case: its record id, and the words the rejection must name (NULL: accepted). */
typedef struct
{
  const char *record_id;
  char       *payload;
  const char *reason;
} Case;

static void
test_historical_batches (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_auto (CivReportSyncResult) r = { 0 };
  g_auto (ProvinceState) province = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) parked = NULL;
  CivDb      *db;
  const Party no_number_but_present[] = {
    { "王建国", 1, NULL, "", NULL, "PRESENT" },
    couple[1],
  };
  const Party placeholder_number[] = {
    { "王建国", 1, "1960", "resident-id", "000000000000000", "ABSENT_PRE_ID" },
    couple[1],
  };
  const Party unknown_status[] = {
    { "王建国", 1, "1960", "", NULL, "NONE" },
    couple[1],
  };
  const Party bad_birth[] = {
    { "王建国", 1, "1960-02-30", "", NULL, "ABSENT_PRE_ID" },
    couple[1],
  };
  Case cases[] = {
    { "hist-0001",
      payload ("hist-0001", "marriage", "1985-06", "苏x婚字038xx号", "pre-2003", couple, 2), NULL },
    { "hist-0002", payload ("hist-0002", "divorce", "1992", NULL, "none", couple, 2), NULL },
    { "hist-0003",
      payload ("hist-0003", "reissue", "1999-12-31", "BJ结字第1234号", "interim-2003", couple, 1),
      NULL },
    { "hist-0004",
      payload ("hist-0004", "marriage", "1985-06", NULL, "none", placeholder_number, 2),
      "parties[0].doc_number must be null" },
    { "hist-0005",
      payload ("hist-0005", "marriage", "1985-06", NULL, "none", no_number_but_present, 2),
      "parties[0].doc_number is missing" },
    { "hist-0006", payload ("hist-0006", "marriage", "85-06", NULL, "none", couple, 2),
      "date must be" },
    { "hist-0007", payload ("hist-0007", "marriage", NULL, NULL, "none", couple, 2),
      "date must be" },
    { "hist-0008", payload ("hist-0008", "marriage", "1985", NULL, "none", unknown_status, 2),
      "doc_status must be" },
    { "hist-0009", payload ("hist-0009", "adoption", "1985", NULL, "none", couple, 2),
      "record_kind" },
    { "hist-0010", payload ("hist-0010", "marriage", "1985", NULL, "none", bad_birth, 2),
      "parties[0].birth_date" },
  };
  guint n_rejected = 0;

  report_env_init (&env);
  report_env_start_server (&env, "server", "ca", NULL);
  report_env_enroll (&env, "client", TRUE, 0);

  /* A current registration in the same batches. */
  report_env_register (&env, 1, 1);
  db = civ_store_get_db (env.store);
  g_assert_true (civ_db_begin (db, &error));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_true (
        civ_outbox_enqueue (db, "historical", cases[i].record_id, 1, cases[i].payload, &error));
      g_assert_no_error (error);
      n_rejected += cases[i].reason != NULL;
    }
  g_assert_true (civ_db_commit (db, &error));

  {
    CivReportSyncOptions sync_options = { .ignore_schedule = FALSE };

    g_assert_true (civ_report_sync (env.store, &sync_options, &r, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (r.accepted, ==, 1 + G_N_ELEMENTS (cases) - n_rejected);
  g_assert_cmpuint (r.parked, ==, n_rejected);
  g_assert_cmpint (r.pending, ==, 0);
  report_assert_exactly_once (&env, n_rejected);

  /* Each malformed item parked with the province's reason naming the member. */
  parked = civ_outbox_list (db, "parked", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parked->len, ==, n_rejected);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const CivOutboxRow *row = NULL;

      for (guint k = 0; k < parked->len; k++)
        if (strcmp (((CivOutboxRow *) parked->pdata[k])->record_id, cases[i].record_id) == 0)
          row = parked->pdata[k];
      if (cases[i].reason == NULL)
        {
          g_assert_null (row);
          continue;
        }
      g_assert_nonnull (row);
      g_test_message ("%s: %s", cases[i].record_id, row->last_error);
      g_assert_nonnull (strstr (row->last_error, cases[i].reason));
    }

  /* The province stored the well-formed ones, and only those. */
  province_state_read (&env, &province);
  g_assert_cmpuint (province.rejected, ==, n_rejected);
  g_assert_cmpuint (g_hash_table_size (province.items), ==, 1 + G_N_ELEMENTS (cases) - n_rejected);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = g_strdup_printf ("historical:%s:1", cases[i].record_id);

      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (province.items, key)), ==,
                        cases[i].reason ? 0 : 1);
      g_free (cases[i].payload);
    }
}

/* What the office's own writer queues (civ-history.c) for keyed and imported
 * entries passes the province's checks: a file of the offices' CSV fixtures
 * (a marriage with four-byte characters and no numbers, a divorce with a
 * 15-digit number as recorded) imported and reported. */
static void
test_imported_records_accepted (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_auto (CivReportSyncResult) r = { 0 };
  g_auto (ProvinceState) province = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (CivImportOptions) options = NULL;
  g_autoptr (CivImportResult) imported = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autofree char *csv =
    g_test_build_filename (G_TEST_DIST, "fixtures", "backfill", "utf8.csv", NULL);
  CivReportSyncOptions sync_options = { .ignore_schedule = FALSE };
  guint                historical = 0;

  report_env_init (&env);
  report_env_start_server (&env, "server", "ca", NULL);
  report_env_enroll (&env, "client", TRUE, 0);

  options = civ_import_options_new (csv);
  imported = civ_archive_import (env.store, options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (imported->committed);
  g_assert_cmpuint (imported->rows_imported, ==, 2);

  rows = civ_outbox_list (civ_store_get_db (env.store), NULL, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    historical += strcmp (((CivOutboxRow *) rows->pdata[i])->kind, "historical") == 0;
  g_assert_cmpuint (historical, ==, 2);

  g_assert_true (civ_report_sync (env.store, &sync_options, &r, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    g_test_message ("%s", ((CivOutboxRow *) rows->pdata[i])->payload);
  g_assert_cmpuint (r.parked, ==, 0);
  g_assert_cmpuint (r.accepted, ==, rows->len);
  report_assert_exactly_once (&env, 0);
  province_state_read (&env, &province);
  g_assert_cmpuint (province.rejected, ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/report/historical/batches", test_historical_batches);
  g_test_add_func ("/report/historical/imported-records-accepted", test_imported_records_accepted);
  return g_test_run ();
}
