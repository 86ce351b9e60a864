// SPDX-License-Identifier: GPL-3.0-or-later
/* test-adoption-store.c — the adoption tables (0012) on a real SQLCipher
 * file: round trip of an adoption with its parties, history, notice,
 * assessment, decisions and dissolution; gapless certificate serials in the
 * shared counters; append-only history and access journal; the assessment's
 * checks (R-A11); adoption documents in the encrypted documents table; the
 * kinship links of the person index; operator grants; the due list. */
#include <string.h>

#include "civ-adoption-store.h"
#include "civ-document-store.h"
#include "civ-grants.h"
#include "civ-person-links.h"
#include "civ-registry-store.h"
#include "civ-test-utils.h"

typedef struct
{
  char     *dir;
  CivStore *store;
  CivDb    *db;
  gint64    id;
} Fixture;

static gint64
insert_adoption (CivDb *db, const char *record_id, const char *state)
{
  g_autoptr (GError) error = NULL;
  CivAdoptionRow row = { 0 };
  gint64         id;

  row.record_id = (char *) record_id;
  row.state = (char *) state;
  row.office_code = (char *) "110101";
  row.office_name = (char *) "东城区民政局婚姻登记处";
  row.applied_on = (char *) "2026-03-02";
  row.notice_needed = TRUE;
  row.application = (char *) "{\"child\":{\"name\":\"小明\"}}";
  g_assert_true (civ_db_begin (db, &error));
  id = civ_adoption_row_insert (db, &row, CIV_TEST_SUPERVISOR, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_true (civ_adoption_event_add (db, id, "2026-03-02", NULL, state, CIV_TEST_SUPERVISOR, "",
                                         "{}", &error));
  g_assert_true (civ_db_commit (db, &error));
  g_assert_no_error (error);
  return id;
}

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  fx->store = civ_test_new_office (&fx->dir, NULL);
  fx->db = civ_store_get_db (fx->store);
  fx->id = insert_adoption (fx->db, "adoption-1", "APPLIED");
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  g_clear_object (&fx->store);
  civ_test_rmdir (fx->dir);
  g_free (fx->dir);
}

/* @sql fails with a message containing @needle. */
static void
assert_refused_sql (Fixture *fx, const char *sql, const char *needle)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (civ_db_exec (fx->db, sql, &error));
  g_assert_nonnull (error);
  if (needle != NULL)
    g_assert_nonnull (strstr (error->message, needle));
}

static void
test_round_trip (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  CivAdoptionPartyRow child = {
    .role = (char *) "child", .name = (char *) "小明", .sex = 1, .birth_date = (char *) "2022-05-01"
  };
  CivAdoptionPartyRow       placer = { .role = (char *) "placer",
                                       .name = (char *) "东城区儿童福利院",
                                       .placer_kind = (char *) "welfare-institution" };
  CivAdoptionPartyRow       adopter = { .role = (char *) "adopter",
                                        .name = (char *) "王芳",
                                        .sex = 2,
                                        .birth_date = (char *) "1985-01-01",
                                        .doc_kind = (char *) "resident-id",
                                        .doc_number = (char *) "110101198501010024",
                                        .id_key = (char *) "110101198501010024" };
  const char               *members[] = { "赵评估", "钱评估", NULL };
  CivAdoptionAssessmentItem motive = { (char *) "motive", TRUE, (char *) "" };
  CivAdoptionAssessmentItem health = { (char *) "health", TRUE, (char *) "体检合格" };
  CivAdoptionAssessmentRow  assessment = { 0 };
  g_autoptr (GPtrArray) items = g_ptr_array_new ();
  g_autoptr (CivAdoptionRow) row = NULL;
  g_autoptr (CivAdoptionRow) by_number = NULL;
  g_autoptr (GPtrArray) parties = NULL;
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (CivAdoptionNoticeRow) notice = NULL;
  g_autoptr (CivAdoptionAssessmentRow) back = NULL;
  g_autoptr (CivAdoptionDissolutionRow) open = NULL;
  g_autoptr (CivAdoptionDissolutionRow) none = NULL;
  g_autoptr (GPtrArray) keyed = NULL;
  gint64 serial = 0, decision, dissolution;

  g_assert_cmpint (civ_db_get_schema_version (fx->db), ==, civ_db_get_latest_schema_version ());
  g_assert_cmpint (civ_db_get_schema_version (fx->db), >=, 12);

  g_ptr_array_add (items, &motive);
  g_ptr_array_add (items, &health);
  assessment.assessor_kind = (char *) "team";
  assessment.team_members = (GStrv) members;
  assessment.assessed_on = (char *) "2026-05-10";
  assessment.conclusion = (char *) "suitable";
  assessment.conclusion_text = (char *) "适合收养";
  assessment.items = items;

  g_assert_true (civ_db_begin (fx->db, &error));
  g_assert_true (civ_adoption_party_insert (fx->db, fx->id, &adopter, &error));
  g_assert_true (civ_adoption_party_insert (fx->db, fx->id, &child, &error));
  g_assert_true (civ_adoption_party_insert (fx->db, fx->id, &placer, &error));
  g_assert_true (civ_adoption_notice_insert (fx->db, fx->id, "公告全文", "2026-03-03", "2026-05-02",
                                             CIV_TEST_SUPERVISOR, &error));
  g_assert_true (civ_adoption_row_set_state (fx->db, fx->id, "NOTICE_60D", NULL, -1, NULL, &error));
  g_assert_true (civ_adoption_event_add (fx->db, fx->id, "2026-03-03", "APPLIED", "NOTICE_60D",
                                         CIV_TEST_SUPERVISOR, "", "", &error));
  g_assert_cmpint (civ_adoption_assessment_insert (fx->db, fx->id, &assessment, CIV_TEST_SUPERVISOR,
                                                   &error),
                   >, 0);
  g_assert_true (
    civ_adoption_row_set_state (fx->db, fx->id, "REVIEW_30D", "2026-06-12", 1, NULL, &error));
  g_assert_true (civ_adoption_serial_next (fx->db, "110101", 2026, &serial, &error));
  g_assert_cmpint (serial, ==, 1);
  g_assert_true (civ_adoption_row_register (fx->db, fx->id, "SY110101-2026-000001", 2026, serial,
                                            "2026-06-01", &error));
  decision = civ_adoption_decision_insert (fx->db, fx->id, "registered", "2026-06-01", "", "", -1,
                                           -1, NULL, CIV_TEST_SUPERVISOR, &error);
  g_assert_cmpint (decision, >, 0);
  dissolution = civ_adoption_dissolution_insert (fx->db, fx->id, "2027-01-04", "2027-02-03", FALSE,
                                                 "协议 2027-1", FALSE, CIV_TEST_SUPERVISOR, &error);
  g_assert_cmpint (dissolution, >, 0);
  g_assert_true (civ_db_commit (fx->db, &error));
  g_assert_no_error (error);

  row = civ_adoption_row_find (fx->db, "adoption-1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (row);
  g_assert_cmpstr (row->state, ==, "REGISTERED");
  g_assert_cmpstr (row->applied_on, ==, "2026-03-02");
  g_assert_cmpstr (row->review_due, ==, "2026-06-12");
  g_assert_true (row->provisional);
  g_assert_true (row->notice_needed);
  g_assert_cmpstr (row->certificate_no, ==, "SY110101-2026-000001");
  g_assert_cmpint (row->certificate_serial, ==, 1);
  g_assert_cmpstr (row->registered_on, ==, "2026-06-01");
  g_assert_cmpstr (row->application, ==, "{\"child\":{\"name\":\"小明\"}}");
  by_number = civ_adoption_row_find (fx->db, "SY110101-2026-000001", &error);
  g_assert_nonnull (by_number);
  g_assert_cmpint (by_number->id, ==, fx->id);
  g_assert_null (civ_adoption_row_find (fx->db, "no-such", &error));
  g_assert_no_error (error);

  /* The child first, then the placers, then the adopters. */
  parties = civ_adoption_party_list (fx->db, fx->id, &error);
  g_assert_cmpuint (parties->len, ==, 3);
  g_assert_cmpstr (((CivAdoptionPartyRow *) parties->pdata[0])->role, ==, "child");
  g_assert_null (((CivAdoptionPartyRow *) parties->pdata[0])->doc_number);
  g_assert_cmpstr (((CivAdoptionPartyRow *) parties->pdata[1])->placer_kind, ==,
                   "welfare-institution");
  g_assert_cmpstr (((CivAdoptionPartyRow *) parties->pdata[2])->id_key, ==, "110101198501010024");
  keyed = civ_adoption_for_id_key (fx->db, "110101198501010024", &error);
  g_assert_cmpuint (keyed->len, ==, 1);
  g_assert_cmpstr (keyed->pdata[0], ==, "adoption-1");

  events = civ_adoption_event_list (fx->db, fx->id, &error);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_null (((CivAdoptionEventRow *) events->pdata[0])->from_state);
  g_assert_cmpstr (((CivAdoptionEventRow *) events->pdata[1])->from_state, ==, "APPLIED");
  g_assert_cmpstr (((CivAdoptionEventRow *) events->pdata[1])->actor_name, ==, "王主任");

  notice = civ_adoption_notice_find (fx->db, fx->id, &error);
  g_assert_cmpstr (notice->ends_on, ==, "2026-05-02");
  g_assert_cmpstr (notice->text, ==, "公告全文");

  back = civ_adoption_assessment_latest (fx->db, fx->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->assessor_kind, ==, "team");
  g_assert_cmpuint (g_strv_length (back->team_members), ==, 2);
  g_assert_cmpstr (back->team_members[1], ==, "钱评估");
  g_assert_cmpuint (back->items->len, ==, 2);
  g_assert_cmpstr (((CivAdoptionAssessmentItem *) back->items->pdata[1])->note, ==, "体检合格");
  g_assert_false (back->red_flags);

  open = civ_adoption_dissolution_open (fx->db, fx->id, &error);
  g_assert_nonnull (open);
  g_assert_cmpstr (open->agreement_ref, ==, "协议 2027-1");
  g_assert_true (civ_db_begin (fx->db, &error));
  g_assert_true (civ_adoption_dissolution_decide (fx->db, open->id, decision, &error));
  g_assert_true (civ_db_commit (fx->db, &error));
  none = civ_adoption_dissolution_open (fx->db, fx->id, &error);
  g_assert_null (none);
  g_assert_no_error (error);
  /* Decided once. */
  assert_refused_sql (fx, "UPDATE adoption_dissolutions SET decision_id = NULL", "only ever");
}

/* Serials per office and year, gapless: a rolled-back allocation gives its
 * number back; the marriage counters are untouched. */
static void
test_serials_gapless (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 serial = 0;

  g_assert_true (civ_db_begin (fx->db, &error));
  g_assert_true (civ_adoption_serial_next (fx->db, "110101", 2026, &serial, &error));
  g_assert_cmpint (serial, ==, 1);
  civ_db_rollback (fx->db);

  for (int i = 1; i <= 3; i++)
    {
      g_assert_true (civ_db_begin (fx->db, &error));
      g_assert_true (civ_adoption_serial_next (fx->db, "110101", 2026, &serial, &error));
      g_assert_cmpint (serial, ==, i);
      g_assert_true (civ_db_commit (fx->db, &error));
    }
  g_assert_true (civ_db_begin (fx->db, &error));
  g_assert_true (civ_adoption_serial_next (fx->db, "110101", 2027, &serial, &error));
  g_assert_cmpint (serial, ==, 1);
  g_assert_true (civ_adoption_serial_next (fx->db, "110102", 2026, &serial, &error));
  g_assert_cmpint (serial, ==, 1);
  g_assert_false (civ_adoption_serial_next (fx->db, "11010", 2026, &serial, &error));
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (civ_db_commit (fx->db, &error));
  g_assert_cmpint (civ_test_count (fx->store, "SELECT count(*) FROM certificate_counters WHERE "
                                              "prefix <> 'SY'"),
                   ==, 0);
  g_assert_cmpint (civ_test_count (fx->store, "SELECT last_serial FROM certificate_counters "
                                              "WHERE prefix = 'SY' AND office_code = '110101' "
                                              "AND year = 2026"),
                   ==, 3);

  /* Outside a transaction nothing is allocated. */
  g_assert_false (civ_adoption_serial_next (fx->db, "110101", 2026, &serial, &error));
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID);
  g_clear_error (&error);

  /* The counters still take the marriage prefixes and no unknown one. */
  assert_refused_sql (fx, "INSERT INTO certificate_counters VALUES ('XX', '110101', 2026, 1)",
                      "CHECK");
  g_assert_true (civ_db_exec (fx->db,
                              "INSERT INTO certificate_counters VALUES ('J', '110101', 2026, 1)",
                              &error));
  g_assert_no_error (error);
}

static void
test_append_only (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  CivAdoptionPartyRow child = { .role = (char *) "child", .name = (char *) "小明" };
  gint64              serial = 0;

  g_assert_true (civ_db_begin (fx->db, &error));
  g_assert_true (civ_adoption_party_insert (fx->db, fx->id, &child, &error));
  g_assert_true (civ_adoption_notice_insert (fx->db, fx->id, "公告", "2026-03-03", "2026-05-02",
                                             CIV_TEST_SUPERVISOR, &error));
  g_assert_true (
    civ_adoption_access_add (fx->db, fx->id, CIV_TEST_SUPERVISOR, "open", "复查档案", &error));
  g_assert_cmpint (civ_adoption_decision_insert (fx->db, fx->id, "refused", "2026-03-20", "[]", "",
                                                 -1, -1, NULL, CIV_TEST_SUPERVISOR, &error),
                   >, 0);
  g_assert_true (civ_db_commit (fx->db, &error));
  g_assert_no_error (error);

  assert_refused_sql (fx, "UPDATE adoption_events SET actor = 'x'", "append-only");
  assert_refused_sql (fx, "DELETE FROM adoption_events", "append-only");
  assert_refused_sql (fx, "UPDATE adoption_parties SET name = 'x'", "append-only");
  assert_refused_sql (fx, "DELETE FROM adoption_parties", "append-only");
  assert_refused_sql (fx, "UPDATE adoption_notices SET ends_on = '2026-04-01'", "append-only");
  assert_refused_sql (fx, "DELETE FROM adoption_notices", "append-only");
  assert_refused_sql (fx, "UPDATE adoption_access SET purpose = 'x'", "append-only");
  assert_refused_sql (fx, "DELETE FROM adoption_access", "append-only");
  assert_refused_sql (fx, "UPDATE adoption_decisions SET kind = 'registered'", "append-only");
  assert_refused_sql (fx, "DELETE FROM adoption_decisions", "append-only");
  assert_refused_sql (fx, "DELETE FROM adoptions", "never deleted");
  assert_refused_sql (fx, "UPDATE adoptions SET record_id = 'x'", "never change");
  assert_refused_sql (fx, "UPDATE adoptions SET applied_on = '2026-01-01'", "never change");

  /* A purpose is required to look. */
  g_assert_true (civ_db_begin (fx->db, &error));
  g_assert_false (
    civ_adoption_access_add (fx->db, fx->id, CIV_TEST_SUPERVISOR, "print", "  ", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (
    civ_adoption_access_add (fx->db, fx->id, CIV_TEST_SUPERVISOR, "peek", "复查", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  civ_db_rollback (fx->db);

  /* A certificate number is given once; a closed adoption is final. */
  g_assert_true (civ_db_begin (fx->db, &error));
  g_assert_true (civ_adoption_serial_next (fx->db, "110101", 2026, &serial, &error));
  g_assert_true (civ_adoption_row_register (fx->db, fx->id, "SY110101-2026-000001", 2026, serial,
                                            "2026-03-20", &error));
  g_assert_false (civ_adoption_row_register (fx->db, fx->id, "SY110101-2026-000002", 2026, 2,
                                             "2026-03-20", &error));
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (civ_db_commit (fx->db, &error));
  assert_refused_sql (fx, "UPDATE adoptions SET certificate_no = 'SY110101-2026-000009'",
                      "never change");
  g_assert_true (civ_db_begin (fx->db, &error));
  g_assert_true (
    civ_adoption_row_set_state (fx->db, fx->id, "REVOKED_FRAUD", NULL, -1, "2026-09-01", &error));
  g_assert_true (civ_db_commit (fx->db, &error));
  assert_refused_sql (fx, "UPDATE adoptions SET state = 'REGISTERED'", "never change");

  {
    g_autoptr (GPtrArray) access = civ_adoption_access_list (fx->db, NULL, &error);
    g_autoptr (GPtrArray) other = civ_adoption_access_list (fx->db, "no-such", &error);
    CivAdoptionAccessRow *a;

    g_assert_no_error (error);
    g_assert_cmpuint (access->len, ==, 1);
    a = access->pdata[0];
    g_assert_cmpstr (a->record_id, ==, "adoption-1");
    g_assert_cmpstr (a->action, ==, "open");
    g_assert_cmpstr (a->purpose, ==, "复查档案");
    g_assert_cmpstr (a->actor_name, ==, "王主任");
    g_assert_cmpuint (other->len, ==, 0);
  }
}

/* R-A11: a team of at least two, or a named contracted third party; red
 * flags are reported only when there are some. */
static void
test_assessment_checks (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  const char              *one[] = { "赵评估", NULL };
  CivAdoptionAssessmentRow a = { 0 };

  a.assessor_kind = (char *) "team";
  a.team_members = (GStrv) one;
  a.assessed_on = (char *) "2026-05-10";
  a.conclusion = (char *) "suitable";
  g_assert_true (civ_db_begin (fx->db, &error));
  g_assert_cmpint (civ_adoption_assessment_insert (fx->db, fx->id, &a, "admin", &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);

  a.assessor_kind = (char *) "third-party";
  a.team_members = NULL;
  a.third_party = (char *) "";
  g_assert_cmpint (civ_adoption_assessment_insert (fx->db, fx->id, &a, "admin", &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);

  a.third_party = (char *) "某社会工作服务中心";
  a.red_flags_reported = TRUE;
  g_assert_cmpint (civ_adoption_assessment_insert (fx->db, fx->id, &a, "admin", &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);

  a.red_flags = TRUE;
  a.red_flags_detail = (char *) "家庭关系紧张";
  a.conclusion = (char *) "unsuitable";
  g_assert_cmpint (civ_adoption_assessment_insert (fx->db, fx->id, &a, "admin", &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (civ_db_commit (fx->db, &error));
  assert_refused_sql (fx, "UPDATE adoption_assessments SET red_flags_reported = 0", "append-only");
  assert_refused_sql (fx, "INSERT INTO adoption_assessment_items VALUES (1, 'luck', 1, '')",
                      "CHECK");
}

/* Adoption documents go to the encrypted documents table; the marriage
 * kinds still work; a document needs a record. */
static void
test_documents (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *marriage = civ_test_insert_marriage (fx->db);
  const char      *marker = "CIVREG-ADOPTION-MARKER-收养评估报告";
  g_autoptr (GBytes) content = g_bytes_new (marker, strlen (marker));
  g_autoptr (GPtrArray) rows = NULL;
  g_autofree char *db_path = g_build_filename (fx->dir, CIV_STORE_DB_NAME, NULL);
  g_autofree char *wal_path = g_strconcat (db_path, "-wal", NULL);
  const char      *files[] = { db_path, wal_path };
  const char      *kinds[] = { "assessment-report", "consent", "medical-certificate",
                               "no-criminal-record", "welfare-institution-papers" };

  g_assert_true (civ_db_begin (fx->db, &error));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    g_assert_cmpint (civ_document_insert (fx->db, "adoption-1", kinds[i], "a.pdf",
                                          "application/pdf", content, "admin", NULL, &error),
                     >, 0);
  g_assert_cmpint (civ_document_insert (fx->db, marriage, "declaration", "d.pdf", "application/pdf",
                                        content, "admin", NULL, &error),
                   >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (civ_document_insert (fx->db, "no-such-record", "consent", "c.pdf",
                                        "application/pdf", content, "admin", NULL, &error),
                   ==, 0);
  g_assert_nonnull (strstr (error->message, "must belong to a marriage record"));
  g_clear_error (&error);
  g_assert_cmpint (civ_document_insert (fx->db, "adoption-1", "love-letter", "c.pdf",
                                        "application/pdf", content, "admin", NULL, &error),
                   ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (civ_db_commit (fx->db, &error));

  rows = civ_document_list (fx->db, "adoption-1", &error);
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (kinds));
  assert_refused_sql (fx, "DELETE FROM documents", "append-only");
  assert_refused_sql (fx, "UPDATE documents SET kind = 'other'", "append-only");

  g_assert_true (civ_db_exec (fx->db, "PRAGMA wal_checkpoint(TRUNCATE)", &error));
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr (GBytes) raw = NULL;

      if (!g_file_test (files[i], G_FILE_TEST_EXISTS))
        continue;
      raw = civ_test_read_file (files[i]);
      g_assert_false (civ_test_bytes_contain (raw, marker, strlen (marker)));
      g_assert_false (civ_test_bytes_contain (raw, "小明", strlen ("小明")));
    }
}

static gint64
person (CivDb *db, const char *id_key, const char *name)
{
  g_autoptr (GError) error = NULL;
  CivPersonRow row = { 0 };
  gint64       id;

  row.id_key = (char *) id_key;
  row.doc_kind = (char *) "resident-id";
  row.doc_number = (char *) id_key;
  row.name = (char *) name;
  row.marital_status = 10;
  id = civ_person_upsert (db, &row, &error);
  g_assert_no_error (error);
  return id;
}

static CivPersonKin
kin (CivDb *db, gint64 a, gint64 b, const char *day)
{
  g_autoptr (GError) error = NULL;
  CivPersonKin k = CIV_PERSON_KIN_NONE, back = CIV_PERSON_KIN_NONE;

  g_assert_true (civ_person_kinship_on (db, a, b, day, &k, &error));
  g_assert_true (civ_person_kinship_on (db, b, a, day, &back, &error));
  g_assert_no_error (error);
  g_assert_cmpint (k, ==, back);
  return k;
}

/* Parent and child, siblings, grandparents; ended from a date (the day
 * before still holds); voided as if never; history kept. */
static void
test_person_links (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (GArray) children = NULL;
  gint64 grandma, mother, child, sibling, stranger;

  g_assert_true (civ_db_begin (fx->db, &error));
  grandma = person (fx->db, "110101195001010020", "王奶奶");
  mother = person (fx->db, "110101198501010024", "王芳");
  child = person (fx->db, "110101201505010011", "王小明");
  sibling = person (fx->db, "110101201205010022", "王小红");
  stranger = person (fx->db, "110101199001010015", "李四");
  g_assert_true (civ_person_link_add (fx->db, "parent-child", grandma, mother, "adoption-0",
                                      "1990-01-01", &error));
  g_assert_true (civ_person_link_add (fx->db, "parent-child", mother, sibling, "adoption-2",
                                      "2016-01-01", &error));
  g_assert_true (civ_person_link_add (fx->db, "parent-child", mother, child, "adoption-1",
                                      "2026-06-01", &error));
  g_assert_true (
    civ_person_link_add (fx->db, "siblings", child, sibling, "adoption-1", "2026-06-01", &error));
  g_assert_true (civ_db_commit (fx->db, &error));
  g_assert_no_error (error);

  g_assert_cmpint (kin (fx->db, mother, child, "2026-05-31"), ==, CIV_PERSON_KIN_NONE);
  g_assert_cmpint (kin (fx->db, mother, child, "2026-06-01"), ==, CIV_PERSON_KIN_LINEAL);
  g_assert_cmpint (kin (fx->db, grandma, child, "2026-06-01"), ==, CIV_PERSON_KIN_LINEAL);
  g_assert_cmpint (kin (fx->db, child, sibling, "2026-06-01"), ==, CIV_PERSON_KIN_COLLATERAL);
  g_assert_cmpint (kin (fx->db, child, stranger, "2026-06-01"), ==, CIV_PERSON_KIN_NONE);
  children = civ_person_children_on (fx->db, mother, "2026-06-01", &error);
  g_assert_cmpuint (children->len, ==, 2);

  /* Dissolved: the links hold up to the day before, not from the day. */
  g_assert_true (civ_db_begin (fx->db, &error));
  g_assert_true (civ_person_links_end (fx->db, "adoption-1", "2027-01-31", &error));
  g_assert_true (civ_db_commit (fx->db, &error));
  g_assert_cmpint (kin (fx->db, mother, child, "2027-01-31"), ==, CIV_PERSON_KIN_LINEAL);
  g_assert_cmpint (kin (fx->db, mother, child, "2027-02-01"), ==, CIV_PERSON_KIN_NONE);
  /* The sibling link ended with it, and they no longer share a parent. */
  g_assert_cmpint (kin (fx->db, child, sibling, "2027-02-01"), ==, CIV_PERSON_KIN_NONE);
  assert_refused_sql (fx,
                      "UPDATE person_links SET valid_to = '2030-01-01' WHERE source_id = "
                      "'adoption-1'",
                      "only ended or voided");

  /* Revoked: as if it never existed, on any day. */
  g_assert_true (civ_db_begin (fx->db, &error));
  g_assert_true (civ_person_links_void (fx->db, "adoption-2", "2027-03-01", &error));
  g_assert_true (civ_db_commit (fx->db, &error));
  g_assert_cmpint (kin (fx->db, mother, sibling, "2020-01-01"), ==, CIV_PERSON_KIN_NONE);
  g_assert_cmpint (kin (fx->db, grandma, mother, "2020-01-01"), ==, CIV_PERSON_KIN_LINEAL);

  history = civ_person_link_history (fx->db, mother, &error);
  g_assert_cmpuint (history->len, ==, 3);
  g_assert_cmpstr (((CivPersonLinkRow *) history->pdata[1])->voided_on, ==, "2027-03-01");
  g_assert_cmpstr (((CivPersonLinkRow *) history->pdata[2])->valid_to, ==, "2027-01-31");
  assert_refused_sql (fx, "DELETE FROM person_links", "never deleted");
}

static void
test_grants (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) logins = NULL;
  gboolean held = TRUE;

  civ_test_add_operator (fx->store, "clerk", "李登记", CIV_ROLE_REGISTRAR, "Clerk-pw-12345");
  g_assert_true (civ_grant_holds (fx->db, "clerk", "adoption", &held, &error));
  g_assert_false (held);
  g_assert_true (civ_grant_add (fx->db, "clerk", "adoption", CIV_TEST_SUPERVISOR, &error));
  g_assert_true (civ_grant_holds (fx->db, "clerk", "adoption", &held, &error));
  g_assert_true (held);
  g_assert_false (civ_grant_add (fx->db, "clerk", "adoption", CIV_TEST_SUPERVISOR, &error));
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_EXISTS);
  g_clear_error (&error);
  logins = civ_grant_list (fx->db, "adoption", &error);
  g_assert_cmpuint (logins->len, ==, 1);
  g_assert_cmpstr (logins->pdata[0], ==, "clerk");

  g_assert_true (civ_grant_revoke (fx->db, "clerk", "adoption", CIV_TEST_SUPERVISOR, &error));
  g_assert_true (civ_grant_holds (fx->db, "clerk", "adoption", &held, &error));
  g_assert_false (held);
  g_assert_false (civ_grant_revoke (fx->db, "clerk", "adoption", CIV_TEST_SUPERVISOR, &error));
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* Given again after a revocation: the history keeps both. */
  g_assert_true (civ_grant_add (fx->db, "clerk", "adoption", CIV_TEST_SUPERVISOR, &error));
  g_assert_cmpint (civ_test_count (fx->store, "SELECT count(*) FROM operator_grants"), ==, 2);
  assert_refused_sql (fx, "DELETE FROM operator_grants", "never deleted");
  assert_refused_sql (fx, "UPDATE operator_grants SET login = 'x'", "only ever revoked");
  /* Only an operator of the office; only a known permission. */
  g_assert_false (civ_grant_add (fx->db, "nobody", "adoption", CIV_TEST_SUPERVISOR, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (civ_grant_add (fx->db, "clerk", "everything", CIV_TEST_SUPERVISOR, &error));
  g_assert_nonnull (error);
}

/* Notices ending and review deadlines on or before a day, soonest first;
 * only open procedures. */
static void
test_due (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) early = NULL;
  g_autoptr (GPtrArray) due = NULL;
  gint64 review = insert_adoption (fx->db, "adoption-2", "APPLIED");
  gint64 registered = insert_adoption (fx->db, "adoption-3", "APPLIED");
  gint64 serial = 0;

  g_assert_true (civ_db_begin (fx->db, &error));
  g_assert_true (civ_adoption_notice_insert (fx->db, fx->id, "公告", "2026-03-03", "2026-05-02",
                                             "admin", &error));
  g_assert_true (civ_adoption_row_set_state (fx->db, fx->id, "NOTICE_60D", NULL, -1, NULL, &error));
  g_assert_true (
    civ_adoption_row_set_state (fx->db, review, "REVIEW_30D", "2026-04-01", 0, NULL, &error));
  g_assert_true (civ_adoption_serial_next (fx->db, "110101", 2026, &serial, &error));
  g_assert_true (civ_adoption_row_register (fx->db, registered, "SY110101-2026-000001", 2026,
                                            serial, "2026-03-10", &error));
  g_assert_cmpint (civ_adoption_dissolution_insert (fx->db, registered, "2026-04-01", "2026-05-06",
                                                    TRUE, "协议", TRUE, "admin", &error),
                   >, 0);
  g_assert_true (civ_db_commit (fx->db, &error));
  g_assert_no_error (error);

  early = civ_adoption_due_rows (fx->db, "2026-03-31", &error);
  g_assert_cmpuint (early->len, ==, 0);
  due = civ_adoption_due_rows (fx->db, "2026-05-06", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 3);
  g_assert_cmpstr (((CivAdoptionDueRow *) due->pdata[0])->what, ==, "review-due");
  g_assert_cmpstr (((CivAdoptionDueRow *) due->pdata[0])->record_id, ==, "adoption-2");
  g_assert_cmpstr (((CivAdoptionDueRow *) due->pdata[1])->what, ==, "notice-ends");
  g_assert_cmpstr (((CivAdoptionDueRow *) due->pdata[1])->due, ==, "2026-05-02");
  g_assert_cmpstr (((CivAdoptionDueRow *) due->pdata[2])->what, ==, "dissolution-review-due");
  g_assert_true (((CivAdoptionDueRow *) due->pdata[2])->provisional);

  {
    g_autoptr (GHashTable) counts = civ_adoption_count_by_state (fx->db, &error);

    g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (counts, "REGISTERED")), ==, 1);
    g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (counts, "NOTICE_60D")), ==, 1);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/db/adoption/round-trip", test_round_trip);
  ADD ("/db/adoption/serials-gapless", test_serials_gapless);
  ADD ("/db/adoption/append-only", test_append_only);
  ADD ("/db/adoption/assessment-checks", test_assessment_checks);
  ADD ("/db/adoption/documents", test_documents);
  ADD ("/db/adoption/person-links", test_person_links);
  ADD ("/db/adoption/grants", test_grants);
  ADD ("/db/adoption/due", test_due);
#undef ADD
  return g_test_run ();
}
