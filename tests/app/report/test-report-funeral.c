// SPDX-License-Identifier: GPL-3.0-or-later
/* test-report-funeral.c — funeral cases (issue 16) reported to the
 * reference provincial server over real TLS: the payload the case service
 * queues (civ_funeral_report_payload (): the deceased, the contacts, the
 * services, the prices — MZ/T 141-2019, R-X3) at the cremation (version 1)
 * and at the ashes' destination (version 2), and an unidentified body's
 * with no contact, are accepted; a malformed payload is rejected item by
 * item with a reason naming the member, and parked by the client
 * (docs/provincial-protocol.md §3, "Funeral cases"). */
#include <json-glib/json-glib.h>
#include <string.h>

#include "civ-funeral-report.h"
#include "civ-funeral-store.h"
#include "civ-registry-store.h"
#include "civ-test-utils.h"
#include "report-test-utils.h"

/* The bill's lines as the case service will give them. */
static const char prices[] =
  "[{\"item\":\"JY01\",\"name\":\"遗体接运\",\"unit\":\"body\",\"quantity\":1,"
  "\"unit_price_fen\":40000,\"amount_fen\":40000,\"waived_fen\":40000,\"date\":\"2026-08-01\"},"
  "{\"item\":\"ZC01\",\"name\":\"遗体冷藏\",\"unit\":\"day\",\"quantity\":2,"
  "\"unit_price_fen\":5000,\"amount_fen\":10000,\"waived_fen\":0,\"date\":\"2026-08-01\"},"
  "{\"item\":\"HH01\",\"name\":\"火化\",\"unit\":\"body\",\"quantity\":1,"
  "\"unit_price_fen\":60000,\"amount_fen\":60000,\"waived_fen\":60000,\"date\":\"2026-08-03\"}]";

/* One step of the history. */
typedef struct
{
  const char *state;
  const char *at;
  const char *detail;
} Step;

static const Step to_cremation[] = {
  { "COLLECTED", "2026-08-01T07:10",
    "{\"place\":\"东城区某医院\",\"vehicle\":\"京A·12345\",\"staff\":[\"赵师傅\"]}" },
  { "STORED", "2026-08-01T08:00", "{\"unit\":\"L-03\"}" },
  { "DEATH_CERT_VERIFIED", "2026-08-02T09:00",
    "{\"death_certificate_no\":\"110101195003070011\"}" },
  /* Not a service of the case: left out of the report. */
  { "WAIVER_ASSESSED", "2026-08-02T09:30", "{\"group\":\"dibao\"}" },
  { "CREMATED", "2026-08-03T10:00",
    "{\"furnace\":\"2号炉\",\"operator\":\"钱师傅\",\"certificate\":\"HZ0000001\"}" },
  { NULL, NULL, NULL },
};

/* Writes a case of office 110101 with @steps as the case service will, in
 * one transaction; returns its id. @name NULL: an unidentified body
 * brought by the police, with no agent. */
static gint64
add_case (CivStore *store, const char *record_id, const char *name, const Step *steps)
{
  g_autoptr (GError) error = NULL;
  CivDb            *db = civ_store_get_db (store);
  CivFuneralCaseRow row = { 0 };
  const char       *state = "DEATH_REPORTED";
  gint64            id;

  row.record_id = (char *) record_id;
  row.office_code = (char *) "110101";
  row.state = (char *) state;
  row.reported_on = (char *) "2026-08-01";
  row.unidentified = name == NULL;
  row.description = (char *) (name ? "" : "男性，约六十岁，身高约170厘米，左臂有疤");
  row.deceased_name = (char *) (name ? name : "");
  row.sex = 1;
  row.ethnicity = (char *) "01";
  row.country = (char *) "CHN";
  row.doc_kind = (char *) (name ? "resident-id" : "");
  row.doc_number = (char *) (name ? "110101195003070011" : NULL);
  row.id_key = row.doc_number;
  row.birth_date = (char *) (name ? "1950-03-07" : NULL);
  row.death_at = (char *) "2026-08-01T05:40";
  row.death_place = name ? 1 : 0;
  row.marital_status = name ? 2 : 9;
  row.address = (char *) (name ? "北京市东城区某街道1号" : "");
  row.cause_of_death = (char *) (name ? "心力衰竭" : "");
  row.death_certificate_no = (char *) (name ? "110101195003070011"
                                            : "91110101MA01234567"
                                              "0001");
  if (name != NULL)
    {
      row.agent_name = (char *) "张小明";
      row.agent_doc_number = (char *) "110101197802030012";
      row.agent_relationship = (char *) "子女";
      row.agent_phone = (char *) "13800138000";
    }
  g_assert_true (civ_db_begin (db, &error));
  id = civ_funeral_case_insert (db, &row, CIV_TEST_SUPERVISOR, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (civ_funeral_event_add (db, id, "2026-08-01T06:00", NULL, state,
                                        CIV_TEST_SUPERVISOR, "{\"reported_by\":\"家属\"}", &error));
  for (guint i = 0; steps[i].state != NULL; i++)
    {
      g_assert_true (civ_funeral_event_add (db, id, steps[i].at, state, steps[i].state,
                                            CIV_TEST_SUPERVISOR, steps[i].detail, &error));
      g_assert_no_error (error);
      if (strcmp (steps[i].state, "WAIVER_ASSESSED") != 0)
        state = steps[i].state;
    }
  g_assert_true (civ_funeral_case_set_state (db, id, state, NULL, &error));
  g_assert_true (civ_db_commit (db, &error));
  g_assert_no_error (error);
  return id;
}

/* The payload of case @record_id as it is now, queued with its version
 * (in the caller's transaction when one is open); returned. */
static char *
enqueue_report (CivStore *store, const char *record_id, const char *prices_json)
{
  g_autoptr (GError) error = NULL;
  CivDb *db = civ_store_get_db (store);
  g_autoptr (CivFuneralCaseRow) row = civ_funeral_case_find (db, record_id, &error);
  g_autoptr (GPtrArray) events = NULL;
  char *payload;

  g_assert_no_error (error);
  g_assert_nonnull (row);
  events = civ_funeral_event_list (db, row->id, &error);
  g_assert_no_error (error);
  payload = civ_funeral_report_payload (row, events, prices_json);
  g_assert_nonnull (payload);
  g_assert_true (civ_db_begin (db, &error));
  g_assert_true (civ_outbox_enqueue (db, "funeral", row->record_id,
                                     civ_funeral_report_version (row, events), payload, &error));
  g_assert_true (civ_db_commit (db, &error));
  g_assert_no_error (error);
  return payload;
}

static JsonObject *
parse (const char *payload, JsonParser **keep)
{
  g_autoptr (GError) error = NULL;

  *keep = json_parser_new ();
  g_assert_true (json_parser_load_from_data (*keep, payload, -1, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (*keep));
}

/* What the report holds: the four entities and the case. */
static void
check_payload (const char *payload)
{
  g_autoptr (JsonParser) parser = NULL;
  JsonObject              *o = parse (payload, &parser);
  JsonObject              *d = json_object_get_object_member (o, "deceased");
  JsonArray               *contacts = json_object_get_array_member (o, "contacts");
  JsonArray               *services = json_object_get_array_member (o, "services");
  JsonArray               *lines = json_object_get_array_member (o, "prices");
  static const char *const expected[][2] = {
    { "report", "DEATH_REPORTED" }, { "collection", "COLLECTED" },
    { "storage", "STORED" },        { "verification", "DEATH_CERT_VERIFIED" },
    { "cremation", "CREMATED" },
  };

  g_assert_cmpstr (json_object_get_string_member (o, "kind"), ==, "funeral");
  g_assert_cmpstr (json_object_get_string_member (o, "record_id"), ==, "case-0001");
  g_assert_cmpint (json_object_get_int_member (o, "version"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "CREMATED");
  g_assert_cmpstr (json_object_get_string_member (o, "case_no"), ==, "BZ110101-2026-000001");
  g_assert_cmpstr (json_object_get_string_member (o, "office_code"), ==, "110101");
  g_assert_true (json_object_get_null_member (o, "closed_on"));
  g_assert_cmpstr (json_object_get_string_member (d, "name"), ==, "王大爷");
  g_assert_false (json_object_get_boolean_member (d, "unidentified"));
  g_assert_cmpstr (json_object_get_string_member (d, "doc_number"), ==, "110101195003070011");
  g_assert_cmpstr (json_object_get_string_member (d, "death_at"), ==, "2026-08-01T05:40");
  g_assert_cmpint (json_object_get_int_member (d, "death_place"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (d, "marital_status"), ==, 2);
  g_assert_cmpuint (json_array_get_length (contacts), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (contacts, 0),
                                                  "phone"),
                   ==, "13800138000");
  /* The waiver's step is not a service. */
  g_assert_cmpuint (json_array_get_length (services), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      JsonObject *s = json_array_get_object_element (services, i);

      g_assert_cmpstr (json_object_get_string_member (s, "service"), ==, expected[i][0]);
      g_assert_cmpstr (json_object_get_string_member (s, "state"), ==, expected[i][1]);
    }
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (json_array_get_object_element (services, 4),
                                                    "detail"),
                     "furnace"),
                   ==, "2号炉");
  g_assert_cmpuint (json_array_get_length (lines), ==, 3);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (lines, 2),
                                               "amount_fen"),
                   ==, 60000);
}

/* @payload with @edit applied: "member=JSON" sets a member, "member="
 * removes it; "outer.member=…" does so inside the object member outer. */
static char *
edited (const char *payload, const char *edit)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) parts = g_strsplit (edit, "=", 2);
  g_auto (GStrv) path = g_strsplit (parts[0], ".", 2);
  JsonObject *o;

  g_assert_true (json_parser_load_from_data (parser, payload, -1, &error));
  o = json_node_get_object (json_parser_get_root (parser));
  if (path[1] != NULL)
    {
      o = json_object_get_object_member (o, path[0]);
      g_assert_nonnull (o);
    }
  json_object_remove_member (o, path[1] ? path[1] : path[0]);
  if (*parts[1] != '\0')
    {
      json_object_set_member (o, path[1] ? path[1] : path[0], json_from_string (parts[1], &error));
      g_assert_no_error (error);
    }
  json_generator_set_root (gen, json_parser_get_root (parser));
  return json_generator_to_data (gen, NULL);
}

typedef struct
{
  const char *record_id;
  const char *edit;
  const char *reason;
} Bad;

static void
test_funeral_batches (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_auto (CivReportSyncResult) r = { 0 };
  g_auto (ProvinceState) province = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) parked = NULL;
  g_autofree char     *first = NULL;
  g_autofree char     *unidentified = NULL;
  CivReportSyncOptions sync_options = { .ignore_schedule = FALSE };
  const Bad            bad[] = {
               { "bad-01", "version=4", "version must be 1" },
               { "bad-02", "state=\"STORED\"", "state must be CREMATED or BURIAL_EXEMPT" },
               { "bad-03", "version=2", "in version 2" },
               { "bad-03b", "version=3", "in version 3" },
               { "bad-04", "office_code=\"11010\"", "office_code" },
               { "bad-05", "reported_on=\"2026-13-01\"", "reported_on" },
               { "bad-06", "closed_on=\"2026-07-31\"", "closed_on must not be before" },
               { "bad-07", "case_no=", "case_no" },
               { "bad-08", "deceased=", "deceased must be an object" },
               { "bad-09", "deceased.sex=5", "deceased.sex" },
               { "bad-10", "deceased.name=\"\"", "deceased.name" },
               { "bad-11", "deceased.death_at=\"2026-08-01 05:40\"", "deceased.death_at" },
               { "bad-12", "deceased.death_place=7", "deceased.death_place" },
               { "bad-13", "deceased.doc_number=\"\"", "deceased.doc_number" },
               { "bad-14",
                 "contacts=[{\"role\":\"agent\",\"name\":\"\",\"doc_number\":null,\"relationship\":\"子女\","
                            "\"phone\":\"1\"}]",
                 "contacts[0].name" },
               { "bad-15", "contacts=[{\"role\":\"neighbour\",\"name\":\"李\"}]", "contacts[0].role" },
               { "bad-16", "services=[]", "services must hold the step to CREMATED" },
               { "bad-17",
                 "services=[{\"service\":\"embalming\",\"state\":\"EMBALMED\",\"from_state\":null,"
                            "\"at\":\"2026-08-01T06:00\",\"detail\":{}}]",
                 "services[0].service" },
               { "bad-18",
                 "services=[{\"service\":\"cremation\",\"state\":\"CREMATED\",\"from_state\":null,"
                            "\"at\":\"2026-08-03\",\"detail\":{}}]",
                 "services[0].at" },
               { "bad-19",
                 "prices=[{\"item\":\"HH01\",\"name\":\"火化\",\"unit\":\"body\",\"quantity\":2,"
                            "\"unit_price_fen\":60000,\"amount_fen\":100000,\"waived_fen\":0,\"date\":\"2026-08-03\"}]",
                 "prices[0].amount_fen" },
               { "bad-20",
                 "prices=[{\"item\":\"HH01\",\"name\":\"火化\",\"unit\":\"body\",\"quantity\":1,"
                            "\"unit_price_fen\":60000,\"amount_fen\":60000,\"waived_fen\":60001,\"date\":\"2026-08-03\"}"
                            "]",
                 "prices[0].waived_fen" },
               { "bad-21",
                 "prices=[{\"item\":\"HH01\",\"name\":\"火化\",\"unit\":\"box\",\"quantity\":1,"
                            "\"unit_price_fen\":60000,\"amount_fen\":60000,\"waived_fen\":0,\"date\":\"2026-08-03\"}]",
                 "prices[0].unit" },
               { "bad-22",
                 "prices=[{\"item\":\"HH01\",\"name\":\"火化\",\"unit\":\"body\",\"quantity\":1,"
                            "\"unit_price_fen\":600.5,\"amount_fen\":600,\"waived_fen\":0,\"date\":\"2026-08-03\"}]",
                 "prices[0].unit_price_fen" },
               { "bad-23", "prices=null", "prices must be an array" },
  };

  report_env_init (&env);
  report_env_start_server (&env, "server", "ca", NULL);
  report_env_enroll (&env, "client", TRUE, 0);

  /* Cremated: version 1. */
  add_case (env.store, "case-0001", "王大爷", to_cremation);
  first = enqueue_report (env.store, "case-0001", prices);
  check_payload (first);
  /* An unidentified body, no agent, no bill yet. */
  add_case (env.store, "case-0002", NULL, to_cremation);
  unidentified = enqueue_report (env.store, "case-0002", NULL);
  {
    g_autoptr (JsonParser) parser = NULL;
    JsonObject *o = parse (unidentified, &parser);

    g_assert_true (json_object_get_boolean_member (json_object_get_object_member (o, "deceased"),
                                                   "unidentified"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "contacts")), ==, 0);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "prices")), ==, 0);
  }
  /* What is not a JSON array of objects is no bill. */
  {
    g_autoptr (CivFuneralCaseRow) row =
      civ_funeral_case_find (civ_store_get_db (env.store), "case-0001", &error);

    g_assert_null (civ_funeral_report_payload (row, NULL, "{\"item\":\"HH01\"}"));
    g_assert_null (civ_funeral_report_payload (row, NULL, "[1, 2]"));
    g_assert_null (civ_funeral_report_payload (row, NULL, "[{\"item\":"));
  }

  /* Malformed copies of the first, each under a record of its own. */
  g_assert_true (civ_db_begin (civ_store_get_db (env.store), &error));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *p = edited (first, bad[i].edit);
      g_autoptr (GString) s = g_string_new (p);

      g_string_replace (s, "case-0001", bad[i].record_id, 0);
      g_assert_true (civ_outbox_enqueue (civ_store_get_db (env.store), "funeral", bad[i].record_id,
                                         1, s->str, &error));
      g_assert_no_error (error);
    }
  g_assert_true (civ_db_commit (civ_store_get_db (env.store), &error));

  g_assert_true (civ_report_sync (env.store, &sync_options, &r, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r.accepted, ==, 2);
  g_assert_cmpuint (r.parked, ==, G_N_ELEMENTS (bad));
  g_assert_cmpint (r.pending, ==, 0);
  report_assert_exactly_once (&env, G_N_ELEMENTS (bad));

  parked = civ_outbox_list (civ_store_get_db (env.store), "parked", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parked->len, ==, G_N_ELEMENTS (bad));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      const CivOutboxRow *row = NULL;

      for (guint k = 0; k < parked->len; k++)
        if (strcmp (((CivOutboxRow *) parked->pdata[k])->record_id, bad[i].record_id) == 0)
          row = parked->pdata[k];
      g_assert_nonnull (row);
      g_test_message ("%s: %s", bad[i].record_id, row->last_error);
      g_assert_nonnull (strstr (row->last_error, bad[i].reason));
    }
  g_assert_cmpint (report_count (&env, "SELECT count(*) FROM outbox WHERE kind = 'funeral' AND "
                                       "record_id LIKE 'case-%' AND state = 'delivered'"),
                   ==, 2);

  /* The ashes deposited close the case: version 2, accepted. */
  {
    g_auto (CivReportSyncResult) r2 = { 0 };
    g_autoptr (JsonParser) parser = NULL;
    g_autofree char *second = NULL;
    CivDb           *db = civ_store_get_db (env.store);
    g_autoptr (CivFuneralCaseRow) row = civ_funeral_case_find (db, "case-0001", &error);
    JsonObject *o;

    g_assert_true (civ_db_begin (db, &error));
    g_assert_true (
      civ_funeral_event_add (db, row->id, "2026-08-04T09:00", "CREMATED", "ASHES_DEPOSITED",
                             CIV_TEST_SUPERVISOR,
                             "{\"place\":\"骨灰堂 A-12\",\"expires_on\":\"2029-08-03\"}", &error));
    g_assert_true (
      civ_funeral_case_set_state (db, row->id, "ASHES_DEPOSITED", "2026-08-04", &error));
    g_assert_true (civ_db_commit (db, &error));
    g_assert_no_error (error);
    second = enqueue_report (env.store, "case-0001", prices);
    o = parse (second, &parser);
    g_assert_cmpint (json_object_get_int_member (o, "version"), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "ASHES_DEPOSITED");
    g_assert_cmpstr (json_object_get_string_member (o, "closed_on"), ==, "2026-08-04");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "services")), ==, 6);
    g_assert_true (civ_report_sync (env.store, &sync_options, &r2, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (r2.accepted, ==, 1);
    g_assert_cmpuint (r2.parked, ==, 0);
  }
  province_state_read (&env, &province);
  g_assert_cmpuint (province.rejected, ==, G_N_ELEMENTS (bad));
  g_assert_true (g_hash_table_contains (province.items, "funeral:case-0001:1"));
  g_assert_true (g_hash_table_contains (province.items, "funeral:case-0001:2"));
  g_assert_true (g_hash_table_contains (province.items, "funeral:case-0002:1"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/report/funeral/batches", test_funeral_batches);
  return g_test_run ();
}
