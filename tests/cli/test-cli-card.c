// SPDX-License-Identifier: GPL-3.0-or-later
/* test-cli-card.c — civreg-cli card read against the simulated reader */
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "civ-test-utils.h"

typedef struct
{
  char          *dir;
  char          *link;
  CivTestCardSim sim;
} Fixture;

/* The simulator with the three test cards, card @place on the reader
 * (-1: none). */
static void
setup (Fixture *f, gconstpointer data)
{
  static const char *cards[] = { "zhang-wei.card", "li-na.card", "zhao-jianguo.card", NULL };

  f->dir = civ_test_mkdtemp ();
  f->link = g_build_filename (f->dir, "ttyCIV0", NULL);
  civ_test_card_sim_start (&f->sim, f->link, cards, GPOINTER_TO_INT (data));
}

static void
teardown (Fixture *f, gconstpointer data)
{
  civ_test_card_sim_stop (&f->sim);
  civ_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->link);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_read_json (Fixture *f, gconstpointer data)
{
  g_auto (CivCliRun) r = { 0 };
  g_autoptr (JsonObject) o = NULL;

  g_unsetenv ("CIVREG_IDENTITY_PLUGIN");
  civ_test_run_cli (&r, (const char *[]){ "card", "read", "--port", f->link, "--json", NULL });
  g_assert_cmpint (r.status, ==, 0);
  o = parse_object (r.out);
  g_assert_cmpstr (json_object_get_string_member (o, "name"), ==, "张伟");
  g_assert_cmpstr (json_object_get_string_member (o, "sex"), ==, "male");
  g_assert_cmpstr (json_object_get_string_member (o, "number"), ==, "110101198503120156");
  g_assert_cmpstr (json_object_get_string_member (o, "birth_date"), ==, "1985-03-12");
  g_assert_cmpstr (json_object_get_string_member (o, "valid_until"), ==, "2035-06-01");
  g_assert_false (json_object_get_boolean_member (o, "long_term"));
  g_assert_cmpint (json_object_get_int_member (o, "wlt_bytes"), ==, 1024);
  g_assert_false (json_object_get_boolean_member (o, "photo_decoded"));
}

/* A long-term card; the test plug-in decodes the photo. */
static void
test_read_plugin (Fixture *f, gconstpointer data)
{
  g_auto (CivCliRun) r = { 0 };
  g_autoptr (JsonObject) o = NULL;
  g_autofree char *plugin =
    g_build_filename (g_getenv ("CIVREG_TEST_PLUGIN_DIR"), "civ-test-plugin.so", NULL);

  g_setenv ("CIVREG_IDENTITY_PLUGIN", plugin, TRUE);
  civ_test_run_cli (&r, (const char *[]){ "card", "read", "--port", f->link, "--json", NULL });
  g_unsetenv ("CIVREG_IDENTITY_PLUGIN");
  g_assert_cmpint (r.status, ==, 0);
  o = parse_object (r.out);
  g_assert_cmpstr (json_object_get_string_member (o, "name"), ==, "赵建国");
  g_assert_true (json_object_get_boolean_member (o, "long_term"));
  g_assert_true (json_object_get_null_member (o, "valid_until"));
  g_assert_true (json_object_get_boolean_member (o, "photo_decoded"));
}

static void
test_read_text (Fixture *f, gconstpointer data)
{
  g_auto (CivCliRun) r = { 0 };

  g_unsetenv ("CIVREG_IDENTITY_PLUGIN");
  civ_test_run_cli (&r, (const char *[]){ "card", "read", "--port", f->link, NULL });
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "李娜"));
  g_assert_nonnull (strstr (r.out, "310101199007080249"));
}

static void
test_no_card (Fixture *f, gconstpointer data)
{
  g_auto (CivCliRun) r = { 0 };

  civ_test_run_cli (&r, (const char *[]){ "card", "read", "--port", f->link, "--timeout", "300",
                                          NULL });
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_cmpstr (r.err, !=, "");
}

static void
test_usage (void)
{
  g_auto (CivCliRun) r1 = { 0 };
  g_auto (CivCliRun) r2 = { 0 };
  g_auto (CivCliRun) r3 = { 0 };
  g_auto (CivCliRun) r4 = { 0 };
  g_auto (CivCliRun) r5 = { 0 };

  civ_test_run_cli (&r1, (const char *[]){ "card", "read", NULL });
  g_assert_cmpint (r1.status, ==, 2);
  civ_test_run_cli (&r2, (const char *[]){ "card", "write", "--port", "/dev/null", NULL });
  g_assert_cmpint (r2.status, ==, 2);
  civ_test_run_cli (&r3, (const char *[]){ "card", "read", "--port", "/dev/x", "extra", NULL });
  g_assert_cmpint (r3.status, ==, 2);
  civ_test_run_cli (&r4, (const char *[]){ "card", "read", "--port", "/dev/x", "--timeout", "-1",
                                           NULL });
  g_assert_cmpint (r4.status, ==, 2);
  /* No reader there: a failure, not a usage error. */
  civ_test_run_cli (&r5,
                    (const char *[]){ "card", "read", "--port", "/nonexistent/ttyUSB9", NULL });
  g_assert_cmpint (r5.status, ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/cli/card/read-json", Fixture, GINT_TO_POINTER (0), setup, test_read_json, teardown);
  g_test_add ("/cli/card/read-plugin", Fixture, GINT_TO_POINTER (2), setup, test_read_plugin,
              teardown);
  g_test_add ("/cli/card/read-text", Fixture, GINT_TO_POINTER (1), setup, test_read_text, teardown);
  g_test_add ("/cli/card/no-card", Fixture, GINT_TO_POINTER (-1), setup, test_no_card, teardown);
  g_test_add_func ("/cli/card/usage", test_usage);
  return g_test_run ();
}
