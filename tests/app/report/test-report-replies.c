// SPDX-License-Identifier: GPL-3.0-or-later
/* test-report-replies.c — the province's replies and the enrolment inputs
 * read as outside bytes (issue 12, items 8 and 9): no server needed */
#include <string.h>

#include "civ-json-guard.h"
#include "civ-report-enroll-private.h"
#include "civ-report-replies-private.h"

static char *
deep (const char *head, guint depth, const char *tail)
{
  GString *s = g_string_new (head);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, ']');
  g_string_append (s, tail);
  return g_string_free (s, FALSE);
}

static void
test_batch (void)
{
  const char *ok = "{\"audit\": {\"status\": \"tampering\", \"detail\": \"went back\", "
                   "\"acknowledged_seq\": 12}, \"items\": [{\"idempotency_key\": \"k1\", "
                   "\"status\": \"accepted\", \"receipt\": \"P-1\"}, {\"idempotency_key\": \"k2\", "
                   "\"status\": \"rejected\", \"reason\": \"no record_id\"}]}";
  g_auto (CivReportBatchAnswer) answer = { 0 };
  g_autoptr (GError) error = NULL;
  const CivReportItemAnswer *item;

  g_assert_true (_civ_report_parse_batch_reply (ok, strlen (ok), &answer, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (answer.items), ==, 2);
  item = g_hash_table_lookup (answer.items, "k2");
  g_assert_cmpstr (item->status, ==, "rejected");
  g_assert_cmpstr (item->reason, ==, "no record_id");
  g_assert_cmpstr (answer.audit_status, ==, "tampering");
  g_assert_cmpstr (answer.tamper_detail, ==, "went back");
  g_assert_cmpint (answer.acked_seq, ==, 12);
}

static void
test_batch_hostile (void)
{
  g_autofree char  *abyss = deep ("{\"items\": [], \"x\": ", 100000, "}");
  const char *const bad[] = {
    abyss,
    "{\"items\": [], \"items\": [{\"idempotency_key\": \"k\", \"status\": \"accepted\"}]}",
    "{\"items\": [{\"idempotency_key\": \"k\\u0000x\"}]}",
    "{\"items\": 1}",
    "<html>502</html>",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto (CivReportBatchAnswer) answer = { 0 };
      g_autoptr (GError) error = NULL;

      /* json-glib alone overflows the stack on the first one. */
      g_assert_false (_civ_report_parse_batch_reply (bad[i], strlen (bad[i]), &answer, &error));
      g_assert_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_PROTOCOL);
      g_assert_null (answer.items);
    }
}

static void
test_marital (void)
{
  g_autofree char  *abyss = deep ("{\"status\": 20, \"x\": ", 100000, "}");
  const char       *known = "{\"known\": true, \"status\": 20, \"current_marriage\": \"R-1\"}";
  const char *const bad[] = {
    "{\"known\": true, \"status\": 99}",
    "{\"known\": true, \"status\": 9223372036854775807}",
    "{\"known\": true, \"status\": \"20\"}",
    abyss,
  };
  g_auto (CivReportMaritalAnswer) answer = { .status = CIV_MARITAL_NOT_STATED };

  g_assert_true (_civ_report_parse_marital_reply (known, strlen (known), &answer));
  g_assert_cmpint (answer.status, ==, CIV_MARITAL_MARRIED);
  g_assert_cmpint (answer.source, ==, CIV_STATUS_SOURCE_ONLINE);
  g_assert_cmpstr (answer.current_marriage, ==, "R-1");
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto (CivReportMaritalAnswer)
        other = { .source = CIV_STATUS_SOURCE_LOCAL_ONLY, .status = CIV_MARITAL_NOT_STATED };

      g_assert_false (_civ_report_parse_marital_reply (bad[i], strlen (bad[i]), &other));
      g_assert_cmpint (other.source, ==, CIV_STATUS_SOURCE_LOCAL_ONLY);
      g_assert_cmpint (other.status, ==, CIV_MARITAL_NOT_STATED);
    }
}

static void
test_error_text (void)
{
  g_autofree char *abyss = deep ("{\"error\": \"x\", \"y\": ", 100000, "}");
  g_autofree char *a = _civ_report_server_error_text ("{\"error\": \"bad signature\"}", 26);
  g_autofree char *b = _civ_report_server_error_text ("\xff\xfe<html>", 8);
  g_autofree char *c = _civ_report_server_error_text (abyss, strlen (abyss));

  g_assert_cmpstr (a, ==, "bad signature");
  g_assert_true (g_utf8_validate (b, -1, NULL));
  g_assert_true (g_str_has_prefix (c, "{\"error\""));
}

static void
test_enroll_url (void)
{
  const char *const good[] = {
    "https://province.example.cn",
    "https://province.example.cn:8443/civreg/",
    "https://127.0.0.1:40123",
    "https://[::1]:40123",
  };
  const char *const bad[] = {
    "http://province.example.cn",
    "https://province.example.cn/a b",
    "https://province.example.cn/\"x",
    "https://province.example.cn/'x",
    "https://province.example.cn/\x1b[2J",
    "https://province.example.cn/\tx",
    "https://province.example.cn/\r\nHost: evil",
    "https://user:secret@province.example.cn/",
    "https://user@province.example.cn/",
    "https://province.example.cn/?token=1",
    "https://province.example.cn/#x",
    "https://",
    "https://省.example.cn",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_true (_civ_report_check_url (good[i], &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;

      g_test_message ("case %u", i);
      g_assert_false (_civ_report_check_url (bad[i], &error));
      g_assert_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_INVALID);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/report-replies/batch", test_batch);
  g_test_add_func ("/report-replies/batch-hostile", test_batch_hostile);
  g_test_add_func ("/report-replies/marital", test_marital);
  g_test_add_func ("/report-replies/error-text", test_error_text);
  g_test_add_func ("/report-replies/enroll-url", test_enroll_url);
  return g_test_run ();
}
