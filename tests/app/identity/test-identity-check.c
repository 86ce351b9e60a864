// SPDX-License-Identifier: GPL-3.0-or-later
/* test-identity-check.c — the identity checks of a registration (issue 13):
 * what a check must hold, the R-M10 findings on an expired card, a number
 * that is not the chip's and a failed comparison, and the checks stored
 * with the registration (or the refusal), audited, listed for the record
 * view with the fields read from the card, and carried in the report */
#include <json-glib/json-glib.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-identity-check.h"
#include "civ-marriage-service.h"
#include "civ-test-utils.h"

static CivIdentityCheckInput *
card_check (const char *name, const char *number, int until_year)
{
  CivIdentityCheckInput *c =
    civ_identity_check_input_new (CIV_IDENTITY_CARD_CHIP, TRUE, -1, "ID-card reader on /dev/pts/7");
  guint8 wlt[CIV_IDENTITY_WLT_BYTES];

  for (guint i = 0; i < sizeof wlt; i++)
    wlt[i] = (guint8) (i * 7);
  c->card_name = g_strdup (name);
  c->card_number = g_strdup (number);
  if (until_year > 0)
    g_date_set_dmy (&c->card_valid_until, 19, G_DATE_MAY, (GDateYear) until_year);
  c->kept_fields = g_strdupv ((char *[]){ CIV_CARD_FIELD_NAME, CIV_CARD_FIELD_NUMBER, NULL });
  c->wlt = g_bytes_new (wlt, sizeof wlt);
  return c;
}

static void
assert_invalid (CivIdentityCheckInput *c)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (civ_identity_check_input_check (c, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_test_message ("%s", error->message);
}

static void
test_input_check (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivIdentityCheckInput) card = card_check ("张伟", "110101199503070011", 2030);
  g_autoptr (CivIdentityCheckInput) face =
    civ_identity_check_input_new (CIV_IDENTITY_FACE, TRUE, 93.5, "Test vendor face");
  g_autoptr (CivIdentityCheckInput) copy = NULL;

  g_assert_true (civ_identity_check_input_check (card, &error));
  g_assert_no_error (error);
  g_assert_true (civ_identity_check_input_check (face, &error));
  g_assert_true (civ_identity_check_input_kept (card, CIV_CARD_FIELD_NAME));
  g_assert_false (civ_identity_check_input_kept (card, CIV_CARD_FIELD_SEX));

  /* A score outside 0…100, no device, a device description too long. */
  face->score = 100.5;
  assert_invalid (face);
  face->score = 50;
  g_free (face->device);
  face->device = g_strdup ("");
  assert_invalid (face);
  g_free (face->device);
  face->device = g_strnfill (CIV_IDENTITY_MAX_DEVICE + 1, 'x');
  assert_invalid (face);
  g_free (face->device);
  face->device = g_strdup ("Test vendor face");
  /* Only a card read keeps the chip's photo. */
  face->wlt = g_bytes_new ("x", 1);
  assert_invalid (face);
  g_clear_pointer (&face->wlt, g_bytes_unref);

  /* A WLT photo of the wrong size, a card read without a number, a field a
   * card does not fill. */
  copy = civ_identity_check_input_copy (card);
  g_bytes_unref (copy->wlt);
  copy->wlt = g_bytes_new ("short", 5);
  assert_invalid (copy);
  g_clear_pointer (&copy->wlt, g_bytes_unref);
  g_assert_true (civ_identity_check_input_check (copy, NULL));
  g_clear_pointer (&copy->card_number, g_free);
  assert_invalid (copy);
  copy->card_number = g_strdup ("110101199503070011");
  g_strfreev (copy->kept_fields);
  copy->kept_fields = g_strdupv ((char *[]){ "password", NULL });
  assert_invalid (copy);
  copy->method = CIV_N_IDENTITY_METHODS;
  assert_invalid (copy);
}

/* R-M10: a card valid until the day before the registration has expired;
 * one valid until the registration day has not. */
static void
test_findings (void)
{
  g_autoptr (GPtrArray) checks = civ_identity_checks_new ();
  g_autoptr (GPtrArray) findings = civ_findings_new ();
  CivIdentityCheckInput *card = card_check ("张伟", "110101199503070011", 2026);
  GDate                  day;

  g_ptr_array_add (checks, card);
  civ_test_date (&day, 2026, 5, 19);
  civ_identity_checks_findings (checks, "110101199503070011", &day, "R-M10", findings);
  g_assert_cmpuint (findings->len, ==, 0);

  civ_test_date (&day, 2026, 5, 20);
  civ_identity_checks_findings (checks, "110101199503070011", &day, "R-M10", findings);
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_cmpstr (((CivFinding *) findings->pdata[0])->rule, ==, "R-M10");
  g_assert_cmpint (((CivFinding *) findings->pdata[0])->severity, ==, CIV_SEVERITY_WARN);
  g_assert_nonnull (strstr (((CivFinding *) findings->pdata[0])->message, "2026-05-19"));

  /* Long-term (长期) cards never expire; a lower-case x is the same number. */
  g_ptr_array_set_size (findings, 0);
  g_date_clear (&card->card_valid_until, 1);
  g_free (card->card_number);
  card->card_number = g_strdup ("11010119900307123X");
  civ_identity_checks_findings (checks, "11010119900307123x", &day, "R-M10", findings);
  g_assert_cmpuint (findings->len, ==, 0);

  /* Another number typed than the chip's. */
  civ_identity_checks_findings (checks, "110101199503070011", &day, "R-M10", findings);
  g_assert_cmpuint (findings->len, ==, 1);

  /* A failed comparison is for the registrar to look at; a passed one is not. */
  g_ptr_array_set_size (findings, 0);
  g_ptr_array_set_size (checks, 0);
  g_ptr_array_add (checks,
                   civ_identity_check_input_new (CIV_IDENTITY_FACE, TRUE, 91, "Test vendor face"));
  g_ptr_array_add (checks, civ_identity_check_input_new (CIV_IDENTITY_FINGERPRINT, FALSE, 12,
                                                         "Test vendor fingerprint"));
  civ_identity_checks_findings (checks, NULL, &day, "R-D2", findings);
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_cmpstr (((CivFinding *) findings->pdata[0])->rule, ==, "R-D2");
}

typedef struct
{
  char *id[2];
} Ids;

static void
couple_input (CivMarriageInput *in, Ids *ids, int n)
{
  civ_marriage_input_init (in);
  g_date_set_dmy (&in->registration_date, 20, G_DATE_MAY, 2026);
  in->office_designated = TRUE;
  in->household_jurisdiction = TRUE;
  ids->id[0] = civ_test_make_id ("110101", "19950307", 2 * n + 1);
  ids->id[1] = civ_test_make_id ("110102", "19970801", 2 * n + 2);
  in->party[0].name = "张伟";
  in->party[1].name = "李娜";
  civ_test_marriage_parties_ready (in);
  for (guint i = 0; i < 2; i++)
    {
      in->party[i].doc_number = ids->id[i];
      in->party[i].category = CIV_RESIDENT_MAINLAND;
    }
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_stored_with_registration (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) checks_a = civ_identity_checks_new ();
  g_autoptr (GPtrArray) checks_b = civ_identity_checks_new ();
  g_autoptr (CivMarriageResult) r = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GBytes) wlt = NULL;
  g_autoptr (JsonObject) payload = NULL;
  g_auto (GStrv) kept = NULL;
  g_autofree char     *payload_text = NULL;
  CivIdentityCheckRow *row;
  JsonArray           *parties, *checks;
  Ids                  ids = { 0 };
  CivMarriageInput     in;

  couple_input (&in, &ids, 1);
  g_ptr_array_add (checks_a, card_check ("张伟", ids.id[0], 2030));
  g_ptr_array_add (checks_a, civ_identity_check_input_new (CIV_IDENTITY_VISUAL, TRUE, -1,
                                                           "Registrar (no comparison device)"));
  g_ptr_array_add (checks_b, civ_identity_check_input_new (CIV_IDENTITY_FACE, TRUE, 88.25,
                                                           "Test vendor face"));
  in.party[0].identity_checks = checks_a;
  in.party[1].identity_checks = checks_b;

  r = civ_marriage_register (store, &in, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (r->registered);
  g_assert_null (civ_findings_find (r->findings, "R-M10"));

  rows = civ_identity_checks_for_marriage (store, r->certificate_no, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  row = rows->pdata[0];
  g_assert_cmpint (row->party, ==, 0);
  g_assert_cmpstr (row->method, ==, "card-chip");
  g_assert_cmpstr (row->result, ==, "passed");
  g_assert_cmpstr (row->party_name, ==, "张伟");
  g_assert_cmpstr (row->created_by, ==, CIV_TEST_SUPERVISOR);
  g_assert_true (row->has_wlt);
  g_assert_cmpfloat (row->score, <, 0);
  kept = civ_identity_check_row_kept_fields (row);
  g_assert_cmpuint (g_strv_length (kept), ==, 2);
  g_assert_true (g_strv_contains ((const char *const *) kept, CIV_CARD_FIELD_NUMBER));
  wlt = civ_identity_check_read_wlt (civ_store_get_db (store), row->id, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (wlt, ((CivIdentityCheckInput *) checks_a->pdata[0])->wlt));
  g_assert_cmpstr (((CivIdentityCheckRow *) rows->pdata[1])->method, ==, "visual");
  g_assert_null (civ_identity_check_read_wlt (civ_store_get_db (store),
                                              ((CivIdentityCheckRow *) rows->pdata[1])->id,
                                              &error));
  g_assert_no_error (error);
  row = rows->pdata[2];
  g_assert_cmpint (row->party, ==, 1);
  g_assert_cmpfloat_with_epsilon (row->score, 88.25, 0.001);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM audit_log WHERE action = "
                                          "'identity.check'"),
                   ==, 3);

  /* The report to the province carries each party's checks. */
  payload_text =
    g_strdup_printf ("SELECT count(*) FROM outbox WHERE record_id = '%s'", r->record_id);
  g_assert_cmpint (civ_test_count (store, payload_text), ==, 1);
  {
    g_autoptr (sqlite3_stmt) stmt =
      civ_db_prepare (civ_store_get_db (store), "SELECT payload FROM outbox WHERE record_id = ?",
                      &error);
    g_assert_no_error (error);
    sqlite3_bind_text (stmt, 1, r->record_id, -1, SQLITE_TRANSIENT);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    payload = parse_object ((const char *) sqlite3_column_text (stmt, 0));
  }
  parties = json_object_get_array_member (payload, "parties");
  checks =
    json_object_get_array_member (json_array_get_object_element (parties, 0), "identity_checks");
  g_assert_cmpuint (json_array_get_length (checks), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (checks, 0),
                                                  "method"),
                   ==, "card-chip");
  g_assert_cmpuint (json_array_get_length (
                      json_object_get_array_member (json_array_get_object_element (checks, 0),
                                                    "read_from_card")),
                    ==, 2);
  checks =
    json_object_get_array_member (json_array_get_object_element (parties, 1), "identity_checks");
  g_assert_cmpfloat_with_epsilon (
    json_object_get_double_member (json_array_get_object_element (checks, 0), "score"), 88.25,
    0.001);

  /* Append-only. */
  g_assert_false (
    civ_db_exec (civ_store_get_db (store), "UPDATE identity_checks SET result = 'failed'", NULL));
  g_assert_false (civ_db_exec (civ_store_get_db (store), "DELETE FROM identity_checks", NULL));
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM identity_checks WHERE result = "
                                          "'passed'"),
                   ==, 3);
  g_free (ids.id[0]);
  g_free (ids.id[1]);
  civ_test_rmdir (dir);
}

/* An expired card is an R-M10 finding in the preview and the registration;
 * a bad check refuses the whole request before anything is written. */
static void
test_expired_card_and_bad_check (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) checks = civ_identity_checks_new ();
  g_autoptr (GPtrArray) findings = NULL;
  g_autoptr (CivMarriageResult) r = NULL;
  CivIdentityCheckInput *card;
  Ids                    ids = { 0 };
  CivMarriageInput       in;
  gint64                 audits;

  couple_input (&in, &ids, 2);
  card = card_check ("张伟", ids.id[0], 2025);
  g_ptr_array_add (checks, card);
  in.party[0].identity_checks = checks;
  findings = civ_marriage_preview (store, &in, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (civ_findings_has (findings, "R-M10", CIV_SEVERITY_WARN));

  /* A WLT photo cut short: nothing at all is written. */
  audits = civ_test_count (store, "SELECT count(*) FROM audit_log");
  g_bytes_unref (card->wlt);
  card->wlt = g_bytes_new ("cut", 3);
  r = civ_marriage_register (store, &in, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM marriages"), ==, 0);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM identity_checks"), ==, 0);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM audit_log"), ==, audits);

  /* With the photo as read, the registration carries the warning and the check. */
  g_clear_pointer (&card->wlt, g_bytes_unref);
  r = civ_marriage_register (store, &in, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (r->registered);
  g_assert_true (civ_findings_has (r->findings, "R-M10", CIV_SEVERITY_WARN));
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM identity_checks WHERE wlt IS NULL"),
                   ==, 1);
  g_free (ids.id[0]);
  g_free (ids.id[1]);
  civ_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/identity/check/input", test_input_check);
  g_test_add_func ("/identity/check/findings", test_findings);
  g_test_add_func ("/identity/check/stored-with-registration", test_stored_with_registration);
  g_test_add_func ("/identity/check/expired-card-and-bad-check", test_expired_card_and_bad_check);
  return g_test_run ();
}
