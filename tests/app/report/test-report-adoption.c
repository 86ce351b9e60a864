// SPDX-License-Identifier: GPL-3.0-or-later
/* test-report-adoption.c — adoptions (issue 15) reported to the reference
 * provincial server over real TLS: what the adoption service queues when an
 * adoption is registered, dissolved or revoked is accepted; a malformed
 * payload, or one that names a birth parent, is rejected item by item with
 * a reason naming the member and parked by the client
 * (docs/provincial-protocol.md §3, "Adoptions"). */
#include <json-glib/json-glib.h>
#include <string.h>

#include "civ-adoption-service.h"
#include "civ-registry-store.h"
#include "civ-test-utils.h"
#include "report-test-utils.h"

static const char *const items_ok[] = { "motive",
                                        "conduct",
                                        "education",
                                        "health",
                                        "finances-housing",
                                        "family-relations",
                                        "household-views",
                                        "rearing-plan",
                                        "community",
                                        "adopter-child-fit",
                                        NULL };

/* Registers one adoption through the service on @year-03-02 and returns
 * its certificate number. */
static char *
register_adoption (CivStore *store, CivCalendar *calendar, int year)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *father = civ_test_make_id ("110101", "19850307", 11);
  g_autofree char *mother = civ_test_make_id ("110101", "19870601", 22);
  g_autofree char *child = civ_test_make_id ("110101", "20220510", 31 + 2 * (year - 2026));
  const char      *json =
    "{\"application_date\": \"2026-03-02\", \"evaluation_date\": \"2026-03-02\","
    " \"child\": {\"name\": \"王小明\", \"sex\": \"male\", \"birth_date\": \"2022-05-10\","
    " \"basis\": \"parents-hardship\"},"
    " \"placers\": [{\"kind\": \"birth-parent\", \"name\": \"张大山\", \"hardship\": true},"
    " {\"kind\": \"birth-parent\", \"name\": \"李秀英\", \"hardship\": true}],"
    " \"adopters\": [{\"name\": \"王强\", \"sex\": \"male\", \"birth_date\": \"1985-03-07\","
    " \"married\": true}, {\"name\": \"刘芳\", \"sex\": \"female\", \"birth_date\":"
    " \"1987-06-01\", \"married\": true}]}";
  const char *const         team[] = { "赵评估", "钱评估", NULL };
  CivAdoptionAssessmentItem items[10];
  CivAdoptionAssessment     a = { 0 };
  CivAdoptionApplyInput     in = { 0 };
  g_autoptr (CivAdoptionResult) applied = NULL;
  g_autoptr (CivAdoptionResult) begun = NULL;
  g_autoptr (CivAdoptionResult) assessed = NULL;
  g_autoptr (CivAdoptionResult) decided = NULL;
  GDate today;

  civ_test_date (&today, year, 3, 2);
  in.application = json;
  in.child.doc_kind = "resident-id";
  in.child.doc_number = child;
  in.adopter[0].doc_kind = "resident-id";
  in.adopter[0].doc_number = father;
  in.adopter[1].doc_kind = "resident-id";
  in.adopter[1].doc_number = mother;
  applied = civ_adoption_apply (store, &in, &today, calendar, &error);
  g_assert_no_error (error);
  begun = civ_adoption_begin_assessment (store, applied->record_id, &today, calendar, &error);
  g_assert_no_error (error);
  for (guint i = 0; items_ok[i] != NULL; i++)
    items[i] = (CivAdoptionAssessmentItem){ (char *) items_ok[i], TRUE, (char *) "" };
  a.items = items;
  a.n_items = G_N_ELEMENTS (items);
  a.team_members = team;
  a.conclusion = CIV_ASSESSMENT_SUITABLE;
  assessed =
    civ_adoption_record_assessment (store, applied->record_id, &a, &today, calendar, &error);
  g_assert_no_error (error);
  decided = civ_adoption_decide (store, applied->record_id, &today, calendar, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (decided->state, ==, "REGISTERED");
  return g_strdup (decided->certificate_no);
}

/* A payload as the service writes it, with @edit applied to it: NULL
 * keeps it; otherwise "member=JSON" sets a member ("member=" removes it). */
static char *
edited (const char *payload, const char *edit)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) parts = NULL;
  JsonObject *o;

  g_assert_true (json_parser_load_from_data (parser, payload, -1, &error));
  o = json_node_get_object (json_parser_get_root (parser));
  if (edit != NULL)
    {
      parts = g_strsplit (edit, "=", 2);
      json_object_remove_member (o, parts[0]);
      if (*parts[1] != '\0')
        json_object_set_member (o, parts[0], json_from_string (parts[1], &error));
      g_assert_no_error (error);
    }
  json_generator_set_root (gen, json_parser_get_root (parser));
  return json_generator_to_data (gen, NULL);
}

typedef struct
{
  const char *record_id;
  const char *edit;
  const char *reason; /* NULL: accepted */
} Case;

static void
test_adoption_batches (void)
{
  g_auto (ReportEnv) env = { 0 };
  g_auto (CivReportSyncResult) r = { 0 };
  g_auto (ProvinceState) province = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GPtrArray) parked = NULL;
  g_autoptr (CivCalendar) calendar = civ_calendar_new ();
  g_autofree char     *number = NULL;
  const char          *template_payload = NULL;
  CivReportSyncOptions sync_options = { .ignore_schedule = FALSE };
  const Case           cases[] = {
              { "bad-0001",
                "parties=[{\"role\":\"child\",\"name\":\"王小明\",\"sex\":1,\"birth_date\":"
                          "\"2022-05-10\",\"doc_kind\":\"\",\"doc_number\":null},{\"role\":\"placer\",\"name\":"
                          "\"张大山\",\"sex\":1,\"birth_date\":null,\"doc_kind\":\"\",\"doc_number\":null}]",
                "never reported" },
              { "bad-0002", "event=\"adopted\"", "event must be" },
              { "bad-0003", "event_date=\"2026-02-30\"", "event_date" },
              { "bad-0004", "certificate_no=", "certificate_no" },
              { "bad-0005", "office_code=\"11010\"", "office_code" },
              { "bad-0006",
                "parties=[{\"role\":\"adopter\",\"name\":\"王强\",\"sex\":1,\"birth_date\":"
                          "\"1985-03-07\",\"doc_kind\":\"resident-id\",\"doc_number\":\"x\"}]",
                "exactly one child" },
              { "bad-0007", "event=\"dissolved\"", "dissolution_no must be" },
              { "bad-0008", "dissolution_no=\"JCSY110101-2026-000001\"", "dissolution_no is only" },
              { "good-0001", NULL, NULL },
  };
  guint n_rejected = 0;

  report_env_init (&env);
  report_env_start_server (&env, "server", "ca", NULL);
  report_env_enroll (&env, "client", TRUE, 0);

  number = register_adoption (env.store, calendar, 2026);
  rows = civ_outbox_list (civ_store_get_db (env.store), NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (((CivOutboxRow *) rows->pdata[0])->kind, ==, "adoption");
  template_payload = ((CivOutboxRow *) rows->pdata[0])->payload;
  /* The birth parents never leave the office. */
  g_assert_null (strstr (template_payload, "张大山"));
  g_assert_nonnull (strstr (template_payload, number));

  g_assert_true (civ_db_begin (civ_store_get_db (env.store), &error));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *p = edited (template_payload, cases[i].edit);
      g_autoptr (GString) s = g_string_new (p);

      g_string_replace (s, ((CivOutboxRow *) rows->pdata[0])->record_id, cases[i].record_id, 0);
      g_assert_true (civ_outbox_enqueue (civ_store_get_db (env.store), "adoption",
                                         cases[i].record_id, 1, s->str, &error));
      g_assert_no_error (error);
      n_rejected += cases[i].reason != NULL;
    }
  g_assert_true (civ_db_commit (civ_store_get_db (env.store), &error));

  g_assert_true (civ_report_sync (env.store, &sync_options, &r, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r.accepted, ==, 1 + G_N_ELEMENTS (cases) - n_rejected);
  g_assert_cmpuint (r.parked, ==, n_rejected);
  g_assert_cmpint (r.pending, ==, 0);
  report_assert_exactly_once (&env, n_rejected);

  parked = civ_outbox_list (civ_store_get_db (env.store), "parked", 0, &error);
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

  /* A dissolution and a revocation are reported too, and accepted. */
  {
    GDate            day;
    g_autofree char *second = register_adoption (env.store, calendar, 2027);
    g_autoptr (CivAdoptionResult) dis = NULL;
    g_auto (CivReportSyncResult) r2 = { 0 };

    civ_test_date (&day, 2028, 1, 10);
    dis =
      civ_adoption_apply_dissolution (env.store, number, "协议1号", TRUE, &day, calendar, &error);
    g_assert_no_error (error);
    g_assert_true (civ_adoption_dissolve (env.store, number, TRUE, &day, &error));
    g_assert_true (civ_adoption_revoke (env.store, second, "撤字1号", "伪造证明", &day, &error));
    g_assert_no_error (error);
    g_assert_true (civ_report_sync (env.store, &sync_options, &r2, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (r2.accepted, ==, 3);
    g_assert_cmpuint (r2.parked, ==, 0);
  }
  province_state_read (&env, &province);
  g_assert_cmpuint (province.rejected, ==, n_rejected);

  /* R-A13: a registrar without the adoption permission who syncs delivers
   * the adoption's report but is not told it exists, not even as a count. */
  {
    g_autofree char *third = register_adoption (env.store, calendar, 2028);
    g_autoptr (CivStore) clerk = NULL;
    g_auto (CivReportSyncResult) r3 = { 0 };

    civ_test_add_operator (env.store, "clerk9", "登记员九", CIV_ROLE_REGISTRAR, "Clerk-password");
    clerk = civ_store_open (env.office_dir, "clerk9", "Clerk-password", &error);
    g_assert_no_error (error);
    g_assert_cmpint (civ_test_count (env.store, "SELECT count(*) FROM outbox WHERE kind = "
                                                "'adoption' AND state = 'pending'"),
                     ==, 1);
    g_assert_true (civ_report_sync (clerk, &sync_options, &r3, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (r3.accepted, ==, 0);
    g_assert_cmpuint (r3.duplicates, ==, 0);
    g_assert_cmpuint (r3.parked, ==, 0);
    g_assert_cmpint (r3.pending, ==, 0);
    g_assert_cmpint (civ_test_count (env.store, "SELECT count(*) FROM outbox WHERE kind = "
                                                "'adoption' AND state = 'pending'"),
                     ==, 0);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/report/adoption/batches", test_adoption_batches);
  return g_test_run ();
}
