// SPDX-License-Identifier: GPL-3.0-or-later
/* test-cli-document.c — civreg-cli document attach, list and export in a
 * subprocess: exit codes, JSON, refusals, never overwriting, tampering */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "civ-document-service.h"
#include "civ-marriage-service.h"
#include "civ-test-utils.h"

#define AUDITOR "shenji"
#define AUDITOR_PW "Auditor-password"

static const char tiny_pdf[] = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";

typedef struct
{
  char *dir;  /* the office */
  char *work; /* files to attach and exports */
  char *pw;
  char *auditor_pw;
  char *record_id;
  char *certificate_no;
} Office;

static char *
work_file (Office *o, const char *name, const void *data, gssize len)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (o->work, name, NULL);

  if (data)
    {
      g_file_set_contents (path, data, len, &error);
      g_assert_no_error (error);
    }
  return path;
}

static void
office_setup (Office *o, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&o->dir, NULL);
  g_autoptr (CivMarriageResult) r = NULL;
  g_autofree char *his = civ_test_make_id ("110101", "19950307", 11);
  g_autofree char *hers = civ_test_make_id ("110102", "19970801", 12);
  CivMarriageInput in;

  o->work = civ_test_mkdtemp ();
  civ_marriage_input_init (&in);
  g_date_set_dmy (&in.registration_date, 20, G_DATE_MAY, 2026);
  in.party[0].name = "张伟";
  in.party[0].doc_number = his;
  in.party[1].name = "李娜";
  in.party[1].doc_number = hers;
  civ_test_marriage_parties_ready (&in);
  r = civ_marriage_register (store, &in, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (r->registered);
  o->record_id = g_strdup (r->record_id);
  o->certificate_no = g_strdup (r->certificate_no);
  civ_test_add_operator (store, AUDITOR, "陈静", CIV_ROLE_AUDITOR, AUDITOR_PW);
  o->pw = work_file (o, "pw", CIV_TEST_SUPERVISOR_PW "\n", -1);
  o->auditor_pw = work_file (o, "Auditor-pw", AUDITOR_PW "\n", -1);
}

static void
office_teardown (Office *o, gconstpointer data)
{
  civ_test_rmdir (o->dir);
  civ_test_rmdir (o->work);
  g_free (o->dir);
  g_free (o->work);
  g_free (o->pw);
  g_free (o->auditor_pw);
  g_free (o->record_id);
  g_free (o->certificate_no);
}

/* Runs civreg-cli as the supervisor with @args after the global options. */
static void
run (Office *o, CivCliRun *r, const char *const *args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  const char *global[] = { "--data-dir",      o->dir, "--user", CIV_TEST_SUPERVISOR,
                           "--password-file", o->pw };

  for (guint i = 0; i < G_N_ELEMENTS (global); i++)
    g_ptr_array_add (argv, (gpointer) global[i]);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  civ_test_run_cli (r, (const char *const *) argv->pdata);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
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
test_attach_list_export (Office *o, gconstpointer data)
{
  g_autofree char *png = work_file (o, "合影.pdf", civ_test_tiny_png, sizeof civ_test_tiny_png);
  g_autofree char *pdf = work_file (o, "声明书.pdf", tiny_pdf, -1);
  g_autofree char *out = work_file (o, "exported.png", NULL, 0);
  g_autofree char *png_sha = civ_document_sha256_hex (civ_test_tiny_png, sizeof civ_test_tiny_png);
  g_autofree char *pdf_sha = civ_document_sha256_hex (tiny_pdf, strlen (tiny_pdf));
  g_autofree char *id_text = NULL;
  g_autoptr (JsonNode) attached = NULL;
  g_autoptr (JsonNode) listed = NULL;
  g_autoptr (GBytes) written = NULL;
  JsonObject *obj;
  JsonArray  *arr;
  gint64      id;

  /* By certificate number, text output. */
  {
    g_auto (CivCliRun) r = { 0 };
    run (o, &r,
         (const char *[]){ "document", "attach", "--record", o->certificate_no, "--kind",
                           "declaration", pdf, NULL });
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, pdf_sha));
    g_assert_nonnull (strstr (r.out, "声明书.pdf"));
  }
  /* By record id, JSON: a PNG named .pdf is stored as a PNG. */
  {
    g_auto (CivCliRun) r = { 0 };
    run (o, &r,
         (const char *[]){ "document", "attach", "--record", o->record_id, "--kind", "couple-photo",
                           png, "--json", NULL });
    g_assert_cmpint (r.status, ==, 0);
    attached = parse (r.out);
    obj = json_node_get_object (attached);
    g_assert_cmpstr (json_object_get_string_member (obj, "media_type"), ==, "image/png");
    g_assert_cmpstr (json_object_get_string_member (obj, "file_name"), ==, "合影.png");
    g_assert_cmpstr (json_object_get_string_member (obj, "sha256"), ==, png_sha);
    g_assert_cmpstr (json_object_get_string_member (obj, "record_id"), ==, o->record_id);
    g_assert_cmpint (json_object_get_int_member (obj, "size"), ==, sizeof civ_test_tiny_png);
    id = json_object_get_int_member (obj, "id");
  }

  /* Listed oldest first, without content. */
  {
    g_auto (CivCliRun) r = { 0 };
    run (o, &r, (const char *[]){ "document", "list", o->certificate_no, "--json", NULL });
    g_assert_cmpint (r.status, ==, 0);
    listed = parse (r.out);
    arr = json_node_get_array (listed);
    g_assert_cmpuint (json_array_get_length (arr), ==, 2);
    obj = json_array_get_object_element (arr, 0);
    g_assert_cmpstr (json_object_get_string_member (obj, "kind"), ==, "declaration");
    g_assert_cmpstr (json_object_get_string_member (obj, "sha256"), ==, pdf_sha);
    g_assert_cmpstr (json_object_get_string_member (obj, "created_by"), ==, CIV_TEST_SUPERVISOR);
    g_assert_false (json_object_has_member (obj, "content"));
    obj = json_array_get_object_element (arr, 1);
    g_assert_cmpint (json_object_get_int_member (obj, "id"), ==, id);
  }
  {
    g_auto (CivCliRun) r = { 0 };
    run (o, &r, (const char *[]){ "document", "list", o->record_id, NULL });
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, png_sha));
    g_assert_nonnull (strstr (r.out, "couple-photo"));
  }

  /* Export writes the verified bytes. */
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  {
    g_auto (CivCliRun) r = { 0 };
    run (o, &r, (const char *[]){ "document", "export", id_text, out, NULL });
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "verified"));
    written = civ_test_read_file (out);
    g_assert_cmpmem (g_bytes_get_data (written, NULL), g_bytes_get_size (written),
                     civ_test_tiny_png, sizeof civ_test_tiny_png);
  }
  /* … and never overwrites. */
  {
    g_auto (CivCliRun) r = { 0 };
    g_autoptr (GBytes) again = NULL;

    run (o, &r, (const char *[]){ "document", "export", "1", out, NULL });
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "already exists"));
    again = civ_test_read_file (out);
    g_assert_true (g_bytes_equal (again, written));
  }
  g_assert_cmpint (count (o, "SELECT count(*) FROM audit_log WHERE action = 'document.attach'"), ==,
                   2);
  g_assert_cmpint (count (o, "SELECT count(*) FROM audit_log WHERE action = 'document.export'"), ==,
                   1);
}

static void
test_usage_and_refusals (Office *o, gconstpointer data)
{
  g_autofree char *text = work_file (o, "notes.png", "just some text\n", -1);
  g_autofree char *empty = work_file (o, "empty.pdf", "", 0);
  g_autofree char *pdf = work_file (o, "ok.pdf", tiny_pdf, -1);
  g_autofree char *out = work_file (o, "out.pdf", NULL, 0);
  struct
  {
    const char *args[10];
    int         status;
    const char *needle;
  } cases[] = {
    { { "document", NULL }, 2, "attach" },
    { { "document", "frobnicate", NULL }, 2, "frobnicate" },
    { { "document", "attach", "--record", o->record_id, pdf, NULL }, 2, "--kind" },
    { { "document", "attach", "--kind", "declaration", pdf, NULL }, 2, "--record" },
    { { "document", "attach", "--record", o->record_id, "--kind", "selfie", pdf, NULL },
      2,
      "couple-photo" },
    { { "document", "list", NULL }, 2, "KEY" },
    { { "document", "list", o->record_id, "--kind", "other", NULL }, 2, "attach" },
    { { "document", "export", "abc", out, NULL }, 2, "abc" },
    { { "document", "export", "1", NULL }, 2, "OUT" },
    { { "document", "attach", "--record", o->record_id, "--kind", "other", text, NULL },
      1,
      "not a PDF, JPEG or PNG" },
    { { "document", "attach", "--record", o->record_id, "--kind", "other", empty, NULL },
      1,
      "empty" },
    { { "document", "attach", "--record", "J110101-2026-999999", "--kind", "other", pdf, NULL },
      1,
      "J110101-2026-999999" },
    { { "document", "list", "no-such-record", NULL }, 1, "no-such-record" },
    { { "document", "export", "42", out, NULL }, 1, "42" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (CivCliRun) r = { 0 };

      run (o, &r, cases[i].args);
      g_test_message ("case %u: %d %s", i, r.status, r.err);
      g_assert_cmpint (r.status, ==, cases[i].status);
      g_assert_nonnull (strstr (r.err, cases[i].needle));
    }
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_cmpint (count (o, "SELECT count(*) FROM documents"), ==, 0);
}

static void
test_auditor_refused (Office *o, gconstpointer data)
{
  g_autofree char *pdf = work_file (o, "ok.pdf", tiny_pdf, -1);
  g_auto (CivCliRun) r = { 0 };
  g_auto (CivCliRun) l = { 0 };

  civ_test_run_cli (&r,
                    (const char *[]){ "--data-dir", o->dir, "--user", AUDITOR, "--password-file",
                                      o->auditor_pw, "document", "attach", "--record", o->record_id,
                                      "--kind", "declaration", pdf, NULL });
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "Auditor"));
  civ_test_run_cli (&l,
                    (const char *[]){ "--data-dir", o->dir, "--user", AUDITOR, "--password-file",
                                      o->auditor_pw, "document", "list", o->record_id, NULL });
  g_assert_cmpint (l.status, ==, 1);
  g_assert_nonnull (strstr (l.err, "Auditor"));
  g_assert_cmpint (count (o, "SELECT count(*) FROM documents"), ==, 0);
}

/* Content changed behind the triggers' back is refused on export. */
static void
test_tampered_export (Office *o, gconstpointer data)
{
  g_autofree char *pdf = work_file (o, "ok.pdf", tiny_pdf, -1);
  g_autofree char *out = work_file (o, "out.pdf", NULL, 0);
  g_auto (CivCliRun) a = { 0 };
  g_auto (CivCliRun) e = { 0 };

  run (o, &a,
       (const char *[]){ "document", "attach", "--record", o->record_id, "--kind", "declaration",
                         pdf, NULL });
  g_assert_cmpint (a.status, ==, 0);
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (CivStore) store =
      civ_store_open (o->dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);

    g_assert_no_error (error);
    g_assert_true (civ_db_exec (civ_store_get_db (store),
                                "DROP TRIGGER documents_no_update; UPDATE documents SET content = "
                                "zeroblob(length(content))",
                                &error));
    g_assert_no_error (error);
  }
  run (o, &e, (const char *[]){ "document", "export", "1", out, NULL });
  g_assert_cmpint (e.status, ==, 1);
  g_assert_nonnull (strstr (e.err, "damaged"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/cli/document/attach-list-export", Office, NULL, office_setup,
              test_attach_list_export, office_teardown);
  g_test_add ("/cli/document/usage-and-refusals", Office, NULL, office_setup,
              test_usage_and_refusals, office_teardown);
  g_test_add ("/cli/document/auditor-refused", Office, NULL, office_setup, test_auditor_refused,
              office_teardown);
  g_test_add ("/cli/document/tampered-export", Office, NULL, office_setup, test_tampered_export,
              office_teardown);
  return g_test_run ();
}
