// SPDX-License-Identifier: GPL-3.0-or-later
/* test-audit-labels.c — every audit action the code writes has a label
 * (the sources under app/ and db/ are scanned for the codes passed to
 * civ_store_audit (), civ_audit_append () and finish_open ()); details read
 * as labelled fields; the log lists operators by display name and marriage
 * records by certificate number and names (issue 11, item 11) */
#include <string.h>

#include "civ-audit-labels.h"
#include "civ-audit-log.h"
#include "civ-divorce-service.h"
#include "civ-marriage-service.h"
#include "civ-session.h"
#include "civ-test-utils.h"

/* The functions an action code is passed to, and which argument it is. */
static const struct
{
  const char *function;
  guint       arg;
} writers[] = {
  { "civ_store_audit", 1 },
  { "civ_audit_append", 2 },
  { "finish_open", 3 },
  { "audit_quietly", 1 },
};

/* Calls whose action is a variable, and the codes the variable takes there
 * (each must appear in the file as a literal, and have a label). */
static const struct
{
  const char *file;
  const char *variable;
  const char *codes[10];
} variables[] = {
  { "app/records/civ-record-service.c",
    "audit_action",
    { "marriage.court-judgment", "marriage.registry-annulment", NULL } },
  /* The journalled failures; inside finish_open () and civ_store_audit ()
   * it is what the (scanned) callers pass. */
  { "db/core/civ-store.c",
    "action",
    { "login.failed", "session.unlock-failed", "login.locked-out", NULL } },
  /* One transition of an adoption, and one look at it (R-A13). */
  { "app/adoption/civ-adoption-service.c",
    "action",
    { "adoption.notice", "adoption.review", "adoption.assessment.begin", "adoption.assessment",
      "adoption.refuse", "adoption.dissolve", "adoption.revoke", "adoption.number-format",
      "adoption.dissolution-format", NULL } },
  { "app/adoption/civ-adoption-service.c",
    "audit_action",
    { "adoption.open", "adoption.print", "adoption.export", "adoption.show-birth-parents", NULL } },
  /* audit_quietly () passes on what its (scanned) callers give it. */
  { "app/backup/civ-backup-service.c",
    "action",
    { "database.damaged", "backup.created", "backup.failed", NULL } },
};

/* The text of argument @n of the call whose "(" is at @open, or NULL. */
static char *
call_argument (const char *open, guint n)
{
  const char *p = open + 1;
  const char *start = p;
  guint       index = 0;
  int         depth = 0;

  for (; *p; p++)
    {
      if (*p == '"')
        {
          for (p++; *p && *p != '"'; p++)
            if (*p == '\\' && p[1])
              p++;
          continue;
        }
      if (*p == '(')
        depth++;
      else if (*p == ')' && depth > 0)
        depth--;
      else if ((*p == ',' && depth == 0) || *p == ')')
        {
          if (index == n)
            return g_strstrip (g_strndup (start, (gsize) (p - start)));
          if (*p == ')')
            return NULL;
          index++;
          start = p + 1;
        }
    }
  return NULL;
}

static void
scan_file (const char *root, const char *relative, GHashTable *codes)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  for (guint w = 0; w < G_N_ELEMENTS (writers); w++)
    {
      g_autofree char *call = g_strconcat (writers[w].function, " (", NULL);

      for (const char *p = strstr (text, call); p; p = strstr (p + 1, call))
        {
          g_autofree char *arg = call_argument (p + strlen (call) - 1, writers[w].arg);
          gboolean         literal = FALSE;

          /* The declaration or the definition: a parameter, not a call. */
          if (arg == NULL || strstr (arg, "const char") != NULL)
            continue;
          for (const char *q = strchr (arg, '"'); q; q = strchr (q, '"'))
            {
              const char *end = strchr (q + 1, '"');

              g_assert_nonnull (end);
              g_hash_table_add (codes, g_strndup (q + 1, (gsize) (end - q - 1)));
              literal = TRUE;
              q = end + 1;
            }
          if (!literal)
            {
              gboolean listed = FALSE;

              for (guint v = 0; v < G_N_ELEMENTS (variables); v++)
                if (strcmp (relative, variables[v].file) == 0 &&
                    strcmp (arg, variables[v].variable) == 0)
                  {
                    listed = TRUE;
                    for (guint c = 0; variables[v].codes[c]; c++)
                      {
                        g_autofree char *quoted = g_strdup_printf ("\"%s\"", variables[v].codes[c]);

                        g_assert_nonnull (strstr (text, quoted));
                        g_hash_table_add (codes, g_strdup (variables[v].codes[c]));
                      }
                  }
              if (!listed)
                g_error ("%s: %s () with the action “%s”: list the codes it takes", relative,
                         writers[w].function, arg);
            }
        }
    }
}

static void
scan_dir (const char *root, const char *relative, GHashTable *codes)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (relative, name, NULL);
      g_autofree char *full = g_build_filename (root, child, NULL);

      if (g_file_test (full, G_FILE_TEST_IS_DIR))
        scan_dir (root, child, codes);
      else if (g_str_has_suffix (name, ".c"))
        scan_file (root, child, codes);
    }
}

static void
test_every_action_labelled (void)
{
  const char *root = g_getenv ("CIVREG_SOURCE_ROOT");
  g_autoptr (GHashTable) codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer       code;

  g_assert_nonnull (root);
  scan_dir (root, "app", codes);
  scan_dir (root, "db", codes);
  /* The scan finds what it should. */
  g_assert_true (g_hash_table_contains (codes, "certificate.print"));
  g_assert_true (g_hash_table_contains (codes, "login"));
  g_assert_true (g_hash_table_contains (codes, "unlock"));
  g_assert_true (g_hash_table_contains (codes, "session.unlock-failed"));
  g_assert_true (g_hash_table_contains (codes, "divorce.not-accepted"));
  g_assert_cmpuint (g_hash_table_size (codes), >=, 40);

  g_hash_table_iter_init (&iter, codes);
  while (g_hash_table_iter_next (&iter, &code, NULL))
    {
      g_test_message ("%s → %s", (char *) code, civ_audit_action_label (code));
      if (!civ_audit_action_is_known (code))
        g_error ("the audit action “%s” has no label in app/admin/civ-audit-labels.c",
                 (char *) code);
      g_assert_cmpstr (civ_audit_action_label (code), !=, code);
    }
  /* And the table holds nothing the code no longer writes. */
  for (const char *const *known = civ_audit_known_actions (); *known; known++)
    if (!g_hash_table_contains (codes, *known))
      g_error ("“%s” is labelled but never written", *known);

  g_assert_cmpstr (civ_audit_action_label ("certificate.print"), ==, "Certificate printed");
  g_assert_cmpstr (civ_audit_action_label ("session.unlock-failed"), ==, "Unlock failed");
  g_assert_cmpstr (civ_audit_action_label ("no.such-action"), ==, "no.such-action");
}

static void
test_detail (void)
{
  struct
  {
    const char *detail;
    const char *text;
  } cases[] = {
    { NULL, "" },
    { "", "" },
    { "{\"copy\":1,\"blank_serial\":\"NO.5001\"}", "Copy: 1 · Blank: NO.5001" },
    { "{\"rules\":[\"R-M1\",\"R-M2\"],\"online\":true}", "Rules: R-M1, R-M2 · online: yes" },
    { "{\"display_name\":\"王登记\",\"role\":\"registrar\"}", "Name: 王登记 · Role: Registrar" },
    { "{\"at\":\"2024-01-10T08:00:00Z\",\"reason\":\"unlock-failed\"}",
      "Time: 2024-01-10T08:00:00Z · Reason: wrong password at the lock screen" },
    { "{\"x\":null}", "x: none" },
    { "not json", "not json" },
    { "[1,2]", "[1,2]" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = civ_audit_detail_describe (cases[i].detail);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
  g_assert_true (civ_audit_is_uuid ("0f8fad5b-d9cb-469f-a165-70867728950e"));
  g_assert_false (civ_audit_is_uuid ("J110101-2024-000001"));
  {
    g_autofree char *s = civ_audit_short_uuid ("0f8fad5b-d9cb-469f-a165-70867728950e");
    g_autofree char *t = civ_audit_short_uuid ("clerk");

    g_assert_cmpstr (s, ==, "0f8fad5b…");
    g_assert_cmpstr (t, ==, "clerk");
  }
}

static CivAuditBatch *
list (CivSession *session, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  civ_audit_log_list_async (session, NULL, 0, 100, NULL, civ_test_keep_result, &result);
  return civ_audit_log_list_finish (session, civ_test_await (&result), error);
}

static const CivAuditRecord *
find (CivAuditBatch *batch, const char *action)
{
  for (guint i = 0; i < batch->records->len; i++)
    {
      const CivAuditRecord *r = g_ptr_array_index (batch->records, i);

      if (g_strcmp0 (r->action, action) == 0)
        return r;
    }
  g_error ("no %s entry", action);
  return NULL;
}

/* The list says who and what as a person reads it. */
static void
test_listed_for_people (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *record_id = NULL;
  g_autofree char *certificate = NULL;
  g_autoptr (CivAuditBatch) batch = NULL;
  CivSession           *session;
  const CivAuditRecord *r;

  {
    CivStore        *store = civ_test_new_office (&dir, NULL);
    g_autofree char *his = civ_test_make_id ("110101", "19900101", 31);
    g_autofree char *hers = civ_test_make_id ("110101", "19920202", 32);
    g_autoptr (CivMarriageResult) result = NULL;
    CivMarriageInput in;

    civ_test_add_operator (store, "clerk", "王登记", CIV_ROLE_REGISTRAR, "Clerk-password");
    civ_marriage_input_init (&in);
    g_date_set_dmy (&in.registration_date, 10, G_DATE_JANUARY, 2024);
    in.household_jurisdiction = TRUE;
    civ_test_marriage_parties_ready (&in);
    in.party[0].name = "王强";
    in.party[0].doc_number = his;
    in.party[1].name = "赵敏";
    in.party[1].doc_number = hers;
    result = civ_marriage_register (store, &in, NULL, &error);
    g_assert_no_error (error);
    record_id = g_strdup (result->record_id);
    certificate = g_strdup (result->certificate_no);
    {
      static const CivDivorceApplication complete = {
        .both_present = TRUE,
        .agreement_signed = TRUE,
        .agreement_ref = "协议-2024-001",
        .both_capable = TRUE,
        .certificates_presented = TRUE,
      };
      g_autoptr (CivCalendar) cal = civ_test_calendar_2024 ();
      g_autoptr (CivDivorceResult) accepted = NULL;
      GDate today;

      civ_test_date (&today, 2024, 9, 2);
      accepted = civ_divorce_accept (store, certificate, &today, &complete, cal, &error);
      g_assert_no_error (error);
    }
    /* A record's document opened: the object is the record's UUID. */
    g_assert_true (civ_store_audit (store, "document.view", record_id,
                                    "{\"document_id\":7,\"reason\":\"check\"}", &error));
    g_assert_true (civ_store_audit (store, "certificate.void",
                                    "0f8fad5b-d9cb-469f-a165-70867728950e",
                                    "{\"certificate_no\":\"J110101-2024-000099\"}", &error));
    g_assert_no_error (error);
    session = civ_test_session_new (store);
  }

  batch = list (session, &error);
  g_assert_no_error (error);

  r = find (batch, "operator.add");
  g_assert_cmpstr (r->actor, ==, CIV_TEST_SUPERVISOR);
  g_assert_cmpstr (r->action_text, ==, "User added");
  g_assert_cmpstr (r->object, ==, "clerk");
  g_assert_cmpstr (r->object_text, ==, "王登记");
  g_assert_cmpstr (r->detail_text, ==, "Name: 王登记 · Role: Registrar");

  r = find (batch, "document.view");
  {
    g_autofree char *expected = g_strdup_printf ("%s (王强, 赵敏)", certificate);

    g_assert_cmpstr (r->object, ==, record_id);
    g_assert_cmpstr (r->object_text, ==, expected);
    g_assert_cmpstr (r->detail_text, ==, "Document: 7 · Reason: check");
  }
  /* A divorce application: its marriage's number and the couple. */
  r = find (batch, "divorce.accept");
  {
    g_autofree char *expected = g_strdup_printf ("%s (王强, 赵敏)", certificate);

    g_assert_true (civ_audit_is_uuid (r->object));
    g_assert_cmpstr (r->object, !=, record_id);
    g_assert_cmpstr (r->object_text, ==, expected);
  }
  /* Not a record of this office: the UUID shortened, the detail's number. */
  r = find (batch, "certificate.void");
  g_assert_cmpstr (r->object_text, ==, "J110101-2024-000099 (0f8fad5b…)");

  civ_test_session_close (session);
  civ_test_rmdir (dir);
}

/* Operators by display name. */
static void
test_display_names (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivAuditBatch) batch = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  CivSession *session = civ_test_clerk_session_new (&dir);
  g_autoptr (CivStore) store = NULL;
  const CivAuditRecord *r;

  civ_test_session_close (session);
  store = civ_store_open (dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);
  g_assert_no_error (error);
  civ_test_add_operator (store, "auditor", "李审计", CIV_ROLE_AUDITOR, "Auditor-password");
  g_clear_object (&store);
  store = civ_store_open (dir, "auditor", "Auditor-password", &error);
  g_assert_no_error (error);
  session = civ_test_session_new (g_steal_pointer (&store));
  batch = list (session, &error);
  g_assert_no_error (error);
  /* The newest entry: the auditor's own login. */
  r = g_ptr_array_index (batch->records, 0);
  g_assert_cmpstr (r->action, ==, "login");
  g_assert_cmpstr (r->actor, ==, "auditor");
  g_assert_cmpstr (r->actor_name, ==, "李审计");
  g_assert_cmpstr (r->action_text, ==, "Login");
  civ_test_session_close (session);
  civ_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/audit-labels/every-action-labelled", test_every_action_labelled);
  g_test_add_func ("/audit-labels/detail", test_detail);
  g_test_add_func ("/audit-labels/listed-for-people", test_listed_for_people);
  g_test_add_func ("/audit-labels/display-names", test_display_names);
  return g_test_run ();
}
