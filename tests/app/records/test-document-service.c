// SPDX-License-Identifier: GPL-3.0-or-later
/* test-document-service.c — documents attached to a marriage record: types
 * decided by magic bytes, refusals for empty, oversized, damaged or unknown
 * files, safe file names, the role check, attaching with its audit entry,
 * audited viewing and export, and documents stored atomically with the
 * registration (or refusal) */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "civ-audit-labels.h"
#include "civ-app-error.h"
#include "civ-document-service.h"
#include "civ-marriage-service.h"
#include "civ-permissions.h"
#include "civ-test-utils.h"

#define AUDITOR "shenji"
#define AUDITOR_PW "Auditor-password"

/* SOI, APP0 (JFIF), SOF0 for 640×480 with 3 components, SOS, EOI. */
static const guint8 tiny_jpeg[] = {
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'J',  'F',  'I',  'F',  0x00, 0x01, 0x01,
  0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x01,
  0xe0, 0x02, 0x80, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01,
  0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00, 0x00, 0xff, 0xd9,
};

static const char tiny_pdf[] = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 "
                               "0 R >>\n%%EOF\n";

static GBytes *
png_bytes (void)
{
  return g_bytes_new_static (civ_test_tiny_png, sizeof civ_test_tiny_png);
}

static GBytes *
pdf_bytes (void)
{
  return g_bytes_new_static (tiny_pdf, strlen (tiny_pdf));
}

typedef struct
{
  char *id[2];
} Ids;

static void
couple_input (CivMarriageInput *in, Ids *ids, int n, gboolean underage)
{
  civ_marriage_input_init (in);
  g_date_set_dmy (&in->registration_date, 20, G_DATE_MAY, 2026);
  in->office_designated = TRUE;
  in->household_jurisdiction = TRUE;
  ids->id[0] = civ_test_make_id ("110101", underage ? "20100307" : "19950307", 2 * n + 1);
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

static void
ids_clear (Ids *ids)
{
  g_free (ids->id[0]);
  g_free (ids->id[1]);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Ids, ids_clear)

static CivMarriageResult *
register_couple (CivStore *store, int n, GPtrArray *documents)
{
  g_autoptr (GError) error = NULL;
  g_auto (Ids) ids = { 0 };
  CivMarriageInput   in;
  CivMarriageResult *r;

  couple_input (&in, &ids, n, FALSE);
  in.documents = documents;
  r = civ_marriage_register (store, &in, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (r);
  g_assert_true (r->registered);
  return r;
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

/* The magic bytes decide, never the name: a PNG called .pdf is a PNG. */
static void
test_type_by_magic_bytes (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) png = png_bytes ();
  g_autoptr (GBytes) jpeg = g_bytes_new_static (tiny_jpeg, sizeof tiny_jpeg);
  g_autoptr (GBytes) pdf = pdf_bytes ();
  g_autoptr (CivDocumentInput) a = NULL;
  g_autoptr (CivDocumentInput) b = NULL;
  g_autoptr (CivDocumentInput) c = NULL;
  g_autofree char *png_sha = civ_document_sha256_hex (civ_test_tiny_png, sizeof civ_test_tiny_png);

  a = civ_document_input_new (CIV_DOCUMENT_COUPLE_PHOTO, "合影.pdf", png, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (a->media_type, ==, "image/png");
  g_assert_cmpstr (a->file_name, ==, "合影.png");
  g_assert_cmpint (a->width, ==, 1);
  g_assert_cmpint (a->height, ==, 1);
  g_assert_cmpstr (a->sha256, ==, png_sha);

  b = civ_document_input_new (CIV_DOCUMENT_IDENTITY_COPY, "id card.JPEG", jpeg, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (b->media_type, ==, "image/jpeg");
  g_assert_cmpstr (b->file_name, ==, "id card.jpeg");
  g_assert_cmpint (b->width, ==, 640);
  g_assert_cmpint (b->height, ==, 480);

  c = civ_document_input_new (CIV_DOCUMENT_DECLARATION, "declaration.png", pdf, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (c->media_type, ==, "application/pdf");
  g_assert_cmpstr (c->file_name, ==, "declaration.pdf");
  g_assert_cmpint (c->width, ==, 0);

  g_assert_cmpstr (civ_document_sniff ((const guint8 *) "%PDF-", 5), ==, "application/pdf");
  g_assert_null (civ_document_sniff ((const guint8 *) "%PDF", 4));
  g_assert_null (civ_document_sniff (NULL, 0));
}

static void
assert_refused (const void *data, gsize len, const char *name, const char *needle)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = g_bytes_new (data, len);
  g_autoptr (CivDocumentInput) input =
    civ_document_input_new (CIV_DOCUMENT_OTHER, name, bytes, &error);

  g_assert_null (input);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_test_message ("%s: %s", name, error->message);
  if (needle)
    g_assert_nonnull (strstr (error->message, needle));
}

/* Recomputes the IHDR chunk's CRC-32 after a test edited the header. */
static void
fix_png_crc (guint8 *png)
{
  guint32 crc = 0xffffffffu;

  for (int i = 12; i < 29; i++)
    {
      crc ^= png[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
  crc ^= 0xffffffffu;
  png[29] = (guint8) (crc >> 24);
  png[30] = (guint8) (crc >> 16);
  png[31] = (guint8) (crc >> 8);
  png[32] = (guint8) crc;
}

static void
test_refused_files (void)
{
  static const guint8 exe[] = { 'M', 'Z', 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00 };
  guint8             *png = g_memdup2 (civ_test_tiny_png, sizeof civ_test_tiny_png);
  guint8             *jpeg = g_memdup2 (tiny_jpeg, sizeof tiny_jpeg);

  /* Not a PDF, JPEG or PNG, whatever the name says. */
  assert_refused (exe, sizeof exe, "setup.exe", "not a PDF, JPEG or PNG");
  assert_refused (exe, sizeof exe, "scan.pdf", "not a PDF, JPEG or PNG");
  assert_refused ("Hello, this is text.\n", 21, "note.png", "not a PDF, JPEG or PNG");
  assert_refused ("", 0, "empty.pdf", "empty");
  assert_refused ("%PDF-1.4\nno end marker\n", 23, "cut.pdf", "truncated");
  assert_refused ("%PDF-x.4\n%%EOF\n", 15, "odd.pdf", "version");

  /* A PNG with a damaged header checksum, cut short, or zero wide. */
  png[20] = 0x02;
  assert_refused (png, sizeof civ_test_tiny_png, "crc.png", "checksum");
  memcpy (png, civ_test_tiny_png, sizeof civ_test_tiny_png);
  assert_refused (png, sizeof civ_test_tiny_png - 12, "cut.png", "truncated");
  /* Zero wide, with a correct checksum: the header itself is refused. */
  png[19] = 0x00;
  fix_png_crc (png);
  assert_refused (png, sizeof civ_test_tiny_png, "zero.png", "width or height");
  /* Too large to be a photo of anything (a decompression bomb). */
  png[17] = 0x01;
  png[19] = 0x01;
  png[21] = 0x01;
  fix_png_crc (png);
  assert_refused (png, sizeof civ_test_tiny_png, "bomb.png", "width or height");
  /* A JPEG of width 0, and one whose frame header is missing. */
  jpeg[27] = 0x00;
  jpeg[28] = 0x00;
  assert_refused (jpeg, sizeof tiny_jpeg, "zero.jpg", "width or height");
  assert_refused (jpeg, 20, "cut.jpg", "frame header");
  g_free (png);
  g_free (jpeg);
}

static void
test_oversized (void)
{
  g_autoptr (GError) error = NULL;
  gsize   big = CIV_DOCUMENT_MAX_BYTES + 1;
  guint8 *data = g_malloc0 (big);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (CivDocumentInput) input = NULL;
  g_autofree char *dir = civ_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "huge.pdf", NULL);
  FILE            *f;

  memcpy (data, "%PDF-1.4\n", 9);
  memcpy (data + big - 7, "%%EOF\n", 6);
  bytes = g_bytes_new_take (data, big);
  input = civ_document_input_new (CIV_DOCUMENT_DECLARATION, "huge.pdf", bytes, &error);
  g_assert_null (input);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "at most"));
  g_clear_error (&error);

  /* Exactly the limit is accepted. */
  {
    g_autoptr (GBytes) pdf = NULL;
    guint8 *copy = g_memdup2 (g_bytes_get_data (bytes, NULL), CIV_DOCUMENT_MAX_BYTES);

    memcpy (copy + CIV_DOCUMENT_MAX_BYTES - 7, "%%EOF\n", 6);
    pdf = g_bytes_new_take (copy, CIV_DOCUMENT_MAX_BYTES);
    input = civ_document_input_new (CIV_DOCUMENT_DECLARATION, "limit.pdf", pdf, &error);
    g_assert_no_error (error);
    g_assert_nonnull (input);
    g_clear_pointer (&input, civ_document_input_free);
  }

  /* A huge file is refused by its size before it is read (a sparse file). */
  f = g_fopen (path, "wb");
  g_assert_nonnull (f);
  fputs ("%PDF-1.4\n", f);
  g_assert_cmpint (fseek (f, (long) 1024 * 1024 * 1024, SEEK_SET), ==, 0);
  fputs ("%%EOF\n", f);
  fclose (f);
  input = civ_document_input_new_from_file (CIV_DOCUMENT_DECLARATION, path, &error);
  g_assert_null (input);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "at most"));
  g_clear_error (&error);

  /* A folder or a missing file is no document either. */
  input = civ_document_input_new_from_file (CIV_DOCUMENT_DECLARATION, dir, &error);
  g_assert_null (input);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_clear_error (&error);
  g_unlink (path);
  input = civ_document_input_new_from_file (CIV_DOCUMENT_DECLARATION, path, &error);
  g_assert_null (input);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  civ_test_rmdir (dir);
}

static void
test_file_names (void)
{
  struct
  {
    const char *in;
    const char *type;
    const char *out;
  } cases[] = {
    { "../../etc/passwd.png", "image/png", "passwd.png" },
    { "C:\\Users\\li\\Desktop\\Scan 001.JPG", "image/jpeg", "Scan 001.jpg" },
    { "  .hidden.pdf  ", "application/pdf", "hidden.pdf" },
    { "a\tb\nc<d>e|f?.pdf", "application/pdf", "a b c_d_e_f_.pdf" },
    { "evil\xe2\x80\xaegpj.exe", "image/png", "evil_gpj.png" },
    { "", "application/pdf", "document.pdf" },
    { "...", "image/png", "document.png" },
    { "photo", "image/jpeg", "photo.jpg" },
    { "声明书.pdf", "application/pdf", "声明书.pdf" },
    { "bad\xff\xfeutf8.pdf", "application/pdf", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = civ_document_sanitize_name (cases[i].in, cases[i].type);

      g_assert_true (g_utf8_validate (out, -1, NULL));
      if (cases[i].out)
        g_assert_cmpstr (out, ==, cases[i].out);
      g_assert_null (strchr (out, '/'));
    }

  /* Long names are cut to CIV_DOCUMENT_MAX_NAME characters, extension kept. */
  {
    g_autoptr (GString) name = g_string_new (NULL);
    g_autofree char *out = NULL;

    for (int i = 0; i < 300; i++)
      g_string_append (name, "婚");
    g_string_append (name, ".pdf");
    out = civ_document_sanitize_name (name->str, "application/pdf");
    g_assert_cmpint (g_utf8_strlen (out, -1), ==, CIV_DOCUMENT_MAX_NAME);
    g_assert_true (g_str_has_suffix (out, "婚.pdf"));
  }
}

static void
test_kinds (void)
{
  const char     *codes[] = { "declaration",        "identity-copy",  "couple-photo",
                              "household-register", "court-judgment", "other" };
  CivDocumentKind kind;

  g_assert_cmpint (G_N_ELEMENTS (codes), ==, CIV_N_DOCUMENT_KINDS);
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_assert_cmpstr (civ_document_kind_to_string ((CivDocumentKind) i), ==, codes[i]);
      g_assert_true (civ_document_kind_from_string (codes[i], &kind));
      g_assert_cmpint (kind, ==, i);
      g_assert_cmpstr (civ_document_kind_label_for_code (codes[i]), !=, codes[i]);
    }
  g_assert_false (civ_document_kind_from_string ("selfie", &kind));
  g_assert_false (civ_document_kind_from_string (NULL, &kind));
  g_assert_cmpstr (civ_document_kind_label (CIV_DOCUMENT_DECLARATION), ==, "Declaration");
}

/* An auditor may neither attach nor read documents; the refusal is audited. */
static void
test_permission (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) admin = civ_test_new_office (&dir, NULL);
  g_autoptr (CivStore) auditor = NULL;
  g_autoptr (CivMarriageResult) r = register_couple (admin, 1, NULL);
  g_autoptr (GBytes) png = png_bytes ();
  g_autoptr (CivDocumentInput) input =
    civ_document_input_new (CIV_DOCUMENT_COUPLE_PHOTO, "photo.png", png, &error);
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GBytes) content = NULL;
  g_autofree char *out = NULL;
  gint64           id;

  g_assert_no_error (error);
  id = civ_document_attach (admin, r->certificate_no, input, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  civ_test_add_operator (admin, AUDITOR, "陈静", CIV_ROLE_AUDITOR, AUDITOR_PW);
  g_clear_object (&admin);

  auditor = civ_store_open (dir, AUDITOR, AUDITOR_PW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (civ_document_attach (auditor, r->record_id, input, &error), ==, 0);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  g_clear_error (&error);
  rows = civ_document_list_for_record (auditor, r->record_id, &error);
  g_assert_null (rows);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  g_clear_error (&error);
  content = civ_document_open (auditor, id, CIV_DOCUMENT_ACCESS_VIEW, NULL, &error);
  g_assert_null (content);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  g_clear_error (&error);
  out = g_build_filename (dir, "out.png", NULL);
  g_assert_false (civ_document_export (auditor, id, out, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  g_assert_cmpint (civ_test_count (auditor, "SELECT count(*) FROM documents"), ==, 1);
  g_assert_cmpint (civ_test_count (auditor,
                                   "SELECT count(*) FROM audit_log WHERE action = 'denied' AND "
                                   "actor = '" AUDITOR "'"),
                   ==, 4);
  g_assert_cmpint (civ_test_count (auditor,
                                   "SELECT count(*) FROM audit_log WHERE action LIKE 'document.%' "
                                   "AND actor = '" AUDITOR "'"),
                   ==, 0);
  civ_test_rmdir (dir);
}

/* Attaching to an existing record: stored, listed and audited in one go. */
static void
test_attach_and_audit (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  g_autoptr (CivMarriageResult) r = register_couple (store, 1, NULL);
  g_autoptr (GBytes) pdf = pdf_bytes ();
  g_autoptr (CivDocumentInput) input =
    civ_document_input_new (CIV_DOCUMENT_COURT_JUDGMENT, "判决书.pdf", pdf, &error);
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GPtrArray) audit = NULL;
  g_autoptr (JsonObject) detail = NULL;
  g_autofree char      *resolved = NULL;
  CivAuditEntry        *entry;
  const CivDocumentRow *row;
  gint64                id;
  gint64                audit_before;

  g_assert_no_error (error);
  /* By certificate number; the document belongs to the record id. */
  id = civ_document_attach (store, r->certificate_no, input, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  resolved = civ_document_resolve_record (store, r->certificate_no, &error);
  g_assert_cmpstr (resolved, ==, r->record_id);

  rows = civ_document_list_for_record (store, r->record_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpint (row->id, ==, id);
  g_assert_cmpstr (row->kind, ==, "court-judgment");
  g_assert_cmpstr (row->file_name, ==, "判决书.pdf");
  g_assert_cmpstr (row->sha256, ==, input->sha256);
  g_assert_cmpint (row->byte_size, ==, strlen (tiny_pdf));
  g_assert_cmpstr (row->created_by, ==, CIV_TEST_SUPERVISOR);

  /* The audit entry names the record, the kind, the digest and the size. */
  audit = civ_audit_list (civ_store_get_db (store), 0, 1, NULL, "document.attach", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, ==, 1);
  entry = g_ptr_array_index (audit, 0);
  g_assert_cmpstr (entry->object, ==, r->record_id);
  g_assert_cmpstr (entry->actor, ==, CIV_TEST_SUPERVISOR);
  detail = parse_object (entry->detail);
  g_assert_cmpstr (json_object_get_string_member (detail, "kind"), ==, "court-judgment");
  g_assert_cmpstr (json_object_get_string_member (detail, "sha256"), ==, input->sha256);
  g_assert_cmpint (json_object_get_int_member (detail, "size"), ==, strlen (tiny_pdf));
  g_assert_cmpint (json_object_get_int_member (detail, "document_id"), ==, id);
  g_assert_cmpstr (civ_audit_action_label ("document.attach"), !=, "document.attach");
  g_assert_cmpstr (civ_audit_action_label ("document.view"), !=, "document.view");
  g_assert_cmpstr (civ_audit_action_label ("document.export"), !=, "document.export");

  /* No such record: nothing written, not even an audit entry. */
  audit_before = civ_test_count (store, "SELECT count(*) FROM audit_log");
  g_assert_cmpint (civ_document_attach (store, "J110101-2026-999999", input, &error), ==, 0);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "J110101-2026-999999"));
  g_clear_error (&error);
  g_assert_cmpint (civ_document_attach (store, "  ", input, &error), ==, 0);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM documents"), ==, 1);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM audit_log"), ==, audit_before);

  /* A hand-made input that skipped validation is refused. */
  {
    CivDocumentInput fake = *input;
    g_autoptr (GBytes) text = g_bytes_new_static ("plain text", 10);

    fake.content = text;
    g_assert_cmpint (civ_document_attach (store, r->record_id, &fake, &error), ==, 0);
    g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
    g_clear_error (&error);
    fake.content = input->content;
    fake.file_name = (char *) "../x.pdf";
    g_assert_cmpint (civ_document_attach (store, r->record_id, &fake, &error), ==, 0);
    g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
    g_clear_error (&error);
  }
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM documents"), ==, 1);
  civ_test_rmdir (dir);
}

/* Viewing is audited once per opening; thumbnails are not; export writes
 * the verified bytes, owner-only, never over an existing file. */
static void
test_view_and_export (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  g_autoptr (CivMarriageResult) r = register_couple (store, 1, NULL);
  g_autoptr (GBytes) png = png_bytes ();
  g_autoptr (CivDocumentInput) input =
    civ_document_input_new (CIV_DOCUMENT_IDENTITY_COPY, "id.png", png, &error);
  g_autoptr (GBytes) content = NULL;
  g_autoptr (GBytes) written = NULL;
  g_autoptr (CivDocumentRow) row = NULL;
  g_autofree char *out = g_build_filename (dir, "export.png", NULL);
  g_autofree char *existing = g_build_filename (dir, "existing.png", NULL);
  g_autofree char *keep = NULL;
  GStatBuf         st;
  gint64           id = civ_document_attach (store, r->record_id, input, &error);

  g_assert_no_error (error);
  content = civ_document_open (store, id, CIV_DOCUMENT_ACCESS_VIEW, &row, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (content, png));
  g_assert_cmpstr (row->media_type, ==, "image/png");
  g_assert_cmpint (civ_test_count (store,
                                   "SELECT count(*) FROM audit_log WHERE action = 'document.view'"),
                   ==, 1);
  g_clear_pointer (&content, g_bytes_unref);
  content = civ_document_open (store, id, CIV_DOCUMENT_ACCESS_THUMBNAIL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (civ_test_count (store,
                                   "SELECT count(*) FROM audit_log WHERE action = 'document.view'"),
                   ==, 1);

  g_assert_true (civ_document_export (store, id, out, &error));
  g_assert_no_error (error);
  written = civ_test_read_file (out);
  g_assert_true (g_bytes_equal (written, png));
  g_assert_cmpint (g_stat (out, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM audit_log WHERE action = "
                                          "'document.export'"),
                   ==, 1);

  /* Never over an existing file. */
  g_assert_true (g_file_set_contents (existing, "keep me", -1, NULL));
  g_assert_false (civ_document_export (store, id, existing, &error));
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "already exists"));
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (existing, &keep, NULL, NULL));
  g_assert_cmpstr (keep, ==, "keep me");
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM audit_log WHERE action = "
                                          "'document.export'"),
                   ==, 1);

  /* Tampered content is never handed out, viewed or exported. */
  g_assert_true (civ_db_exec (civ_store_get_db (store),
                              "DROP TRIGGER documents_no_update; "
                              "UPDATE documents SET content = zeroblob(length(content))",
                              &error));
  g_clear_pointer (&content, g_bytes_unref);
  content = civ_document_open (store, id, CIV_DOCUMENT_ACCESS_VIEW, NULL, &error);
  g_assert_null (content);
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_CORRUPT);
  g_clear_error (&error);
  g_unlink (out);
  g_assert_false (civ_document_export (store, id, out, &error));
  g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_CORRUPT);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_cmpint (civ_test_count (store,
                                   "SELECT count(*) FROM audit_log WHERE action = 'document.view'"),
                   ==, 1);
  civ_test_rmdir (dir);
}

static GPtrArray *
two_documents (void)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *docs = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_document_input_free);
  g_autoptr (GBytes) pdf = pdf_bytes ();
  g_autoptr (GBytes) png = png_bytes ();

  g_ptr_array_add (docs,
                   civ_document_input_new (CIV_DOCUMENT_DECLARATION, "声明书.pdf", pdf, &error));
  g_assert_no_error (error);
  g_ptr_array_add (docs,
                   civ_document_input_new (CIV_DOCUMENT_COUPLE_PHOTO, "合影.png", png, &error));
  g_assert_no_error (error);
  return docs;
}

/* Documents brought to the counter are stored with the registration. */
static void
test_attach_at_registration (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  g_autoptr (GPtrArray) docs = two_documents ();
  g_autoptr (CivMarriageResult) r = register_couple (store, 1, docs);
  g_autoptr (CivMarriageResult) plain = NULL;
  g_autoptr (CivMarriageResult) refused = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GPtrArray) empty = g_ptr_array_new ();
  g_auto (Ids) ids = { 0 };
  CivMarriageInput in;

  rows = civ_document_list_for_record (store, r->record_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (((CivDocumentRow *) rows->pdata[0])->kind, ==, "declaration");
  g_assert_cmpstr (((CivDocumentRow *) rows->pdata[0])->sha256, ==,
                   ((CivDocumentInput *) docs->pdata[0])->sha256);
  g_assert_cmpstr (((CivDocumentRow *) rows->pdata[1])->kind, ==, "couple-photo");
  g_assert_cmpstr (((CivDocumentRow *) rows->pdata[1])->file_name, ==, "合影.png");
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM audit_log WHERE action = "
                                          "'document.attach'"),
                   ==, 2);

  /* An empty array is the same as none. */
  plain = register_couple (store, 2, empty);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = civ_document_list_for_record (store, plain->record_id, &error);
  g_assert_cmpuint (rows->len, ==, 0);

  /* A refusal keeps the documents too (R-M2 here). */
  couple_input (&in, &ids, 3, TRUE);
  in.documents = docs;
  refused = civ_marriage_register (store, &in, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (refused->registered);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = civ_document_list_for_record (store, refused->record_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  civ_test_rmdir (dir);
}

/* A failure while storing the second document leaves neither the record nor
 * the first document, no number and no audit entry. */
static void
test_registration_atomic (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CivStore) store = civ_test_new_office (&dir, NULL);
  g_autoptr (GPtrArray) docs = two_documents ();
  g_autoptr (CivMarriageResult) r = NULL;
  g_auto (Ids) ids = { 0 };
  CivMarriageInput in;
  gint64           audit_before;

  g_assert_true (civ_db_exec (civ_store_get_db (store),
                              "CREATE TRIGGER fail_photo BEFORE INSERT ON documents "
                              "WHEN NEW.kind = 'couple-photo' "
                              "BEGIN SELECT RAISE(ABORT, 'injected failure'); END;",
                              &error));
  audit_before = civ_test_count (store, "SELECT count(*) FROM audit_log");
  couple_input (&in, &ids, 1, FALSE);
  in.documents = docs;
  r = civ_marriage_register (store, &in, NULL, &error);
  g_assert_null (r);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "injected failure"));
  g_clear_error (&error);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM marriages"), ==, 0);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM documents"), ==, 0);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM persons"), ==, 0);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM certificate_counters"), ==, 0);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM outbox"), ==, 0);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM audit_log"), ==, audit_before);

  /* A document that does not validate refuses the whole request up front. */
  {
    CivDocumentInput *bad = civ_document_input_copy (docs->pdata[0]);

    g_bytes_unref (bad->content);
    bad->content = g_bytes_new_static ("MZ\x90", 3);
    g_ptr_array_add (docs, bad);
  }
  g_assert_true (civ_db_exec (civ_store_get_db (store), "DROP TRIGGER fail_photo", &error));
  r = civ_marriage_register (store, &in, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM marriages"), ==, 0);
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM audit_log"), ==, audit_before);

  /* Without the fault the same request stores everything, first number intact. */
  g_ptr_array_remove_index (docs, 2);
  r = civ_marriage_register (store, &in, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (r->certificate_no, ==, "J110101-2026-000001");
  g_assert_cmpint (civ_test_count (store, "SELECT count(*) FROM documents"), ==, 2);
  civ_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/registry/document/type-by-magic-bytes", test_type_by_magic_bytes);
  g_test_add_func ("/registry/document/refused-files", test_refused_files);
  g_test_add_func ("/registry/document/oversized", test_oversized);
  g_test_add_func ("/registry/document/file-names", test_file_names);
  g_test_add_func ("/registry/document/kinds", test_kinds);
  g_test_add_func ("/registry/document/permission", test_permission);
  g_test_add_func ("/registry/document/attach-and-audit", test_attach_and_audit);
  g_test_add_func ("/registry/document/view-and-export", test_view_and_export);
  g_test_add_func ("/registry/document/attach-at-registration", test_attach_at_registration);
  g_test_add_func ("/registry/document/registration-atomic", test_registration_atomic);
  return g_test_run ();
}
