// SPDX-License-Identifier: GPL-3.0-or-later
/* test-identity-plugin.c — the plug-in loader, its ABI checks and the test plug-in */
#include <string.h>

#include "civ-identity-plugin.h"
#include "civ-test-utils.h"

static char *
plugin_path (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".so", NULL);

  return g_build_filename (g_getenv ("CIVREG_TEST_PLUGIN_DIR"), file, NULL);
}

static GBytes *
test_wlt (guint seed)
{
  guint8 *w = g_malloc (1024);

  w[0] = 'W';
  w[1] = 'L';
  for (guint i = 2; i < 1024; i++)
    w[i] = (guint8) ((seed * 31u + i * 7u + (i >> 5)) & 0xFF);
  return g_bytes_new_take (w, 1024);
}

static void
test_load_and_call (void)
{
  g_autofree char *path = plugin_path ("civ-test-plugin");
  g_autoptr (GError) error = NULL;
  g_autoptr (CivIdentityPlugin) p = civ_identity_plugin_load (path, &error);
  g_autoptr (GBytes) wlt = test_wlt (11);
  g_autoptr (GBytes) png = NULL;
  g_autoptr (GBytes) png2 = NULL;
  g_autoptr (GBytes) other = NULL;
  g_autoptr (GBytes) live = NULL;
  g_autoptr (GBytes) tmpl = g_bytes_new ("\x2A", 1);
  CivIdentityScore score = { -1, FALSE };

  g_assert_no_error (error);
  g_assert_cmpstr (civ_identity_plugin_get_vendor (p), ==, "Civreg tests");
  g_assert_cmpstr (civ_identity_plugin_get_device (p), ==, "civ-test-plugin");
  g_assert_true (civ_identity_plugin_can_decode_wlt (p));
  g_assert_true (civ_identity_plugin_can_compare_face (p));
  g_assert_true (civ_identity_plugin_can_verify_fingerprint (p));

  /* Decoding is deterministic, and depends on the photo. */
  png = civ_identity_plugin_decode_wlt (p, wlt, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (png, NULL), 8, "\x89PNG\r\n\x1a\n", 8);
  png2 = civ_identity_plugin_decode_wlt (p, wlt, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (png, png2));
  {
    g_autoptr (GBytes) wlt2 = test_wlt (22);
    other = civ_identity_plugin_decode_wlt (p, wlt2, &error);
    g_assert_no_error (error);
    g_assert_false (g_bytes_equal (png, other));
  }

  /* Not a WLT photo: the plug-in's failure is an error, not a photo. */
  {
    g_autoptr (GBytes) junk = g_bytes_new_static ("junk", 4);
    g_autoptr (GError) e = NULL;
    g_assert_null (civ_identity_plugin_decode_wlt (p, junk, &e));
    g_assert_error (e, CIV_IDENTITY_PLUGIN_ERROR, CIV_IDENTITY_PLUGIN_ERROR_FAILED);
  }

  /* The same photo against itself: 100, a match. */
  g_assert_true (civ_identity_plugin_compare_face (p, png, png, &score, &error));
  g_assert_no_error (error);
  g_assert_cmpint (score.score, ==, 100);
  g_assert_true (score.match);
  live = g_bytes_new_take (g_malloc0 (g_bytes_get_size (png) + 50), g_bytes_get_size (png) + 50);
  g_assert_true (civ_identity_plugin_compare_face (p, png, live, &score, &error));
  g_assert_cmpint (score.score, ==, 50);
  g_assert_false (score.match);

  g_assert_true (civ_identity_plugin_verify_fingerprint (p, NULL, &score, &error));
  g_assert_no_error (error);
  g_assert_cmpint (score.score, ==, 88);
  g_assert_true (score.match);
  g_assert_true (civ_identity_plugin_verify_fingerprint (p, tmpl, &score, &error));
  g_assert_cmpint (score.score, ==, 42);
  g_assert_false (score.match);
}

static void
test_wrong_abi (void)
{
  g_autofree char *path = plugin_path ("civ-test-plugin-abi2");
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_null (civ_identity_plugin_load (path, &error));
  g_assert_error (error, CIV_IDENTITY_PLUGIN_ERROR, CIV_IDENTITY_PLUGIN_ERROR_ABI);
}

static void
test_no_vendor (void)
{
  g_autofree char *path = plugin_path ("civ-test-plugin-novendor");
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_null (civ_identity_plugin_load (path, &error));
  g_assert_error (error, CIV_IDENTITY_PLUGIN_ERROR, CIV_IDENTITY_PLUGIN_ERROR_ABI);
}

static void
test_missing_and_not_a_plugin (void)
{
  g_autofree char *missing = plugin_path ("no-such-plugin");
  g_autoptr (GError) e1 = NULL;
  g_autoptr (GError) e2 = NULL;
  g_autoptr (GError) e3 = NULL;
  g_autofree char *dir = civ_test_mkdtemp ();
  g_autofree char *fake = g_build_filename (dir, "fake.so", NULL);

  g_assert_null (civ_identity_plugin_load (missing, &e1));
  g_assert_error (e1, CIV_IDENTITY_PLUGIN_ERROR, CIV_IDENTITY_PLUGIN_ERROR_LOAD);
  g_assert_null (civ_identity_plugin_load ("relative.so", &e2));
  g_assert_error (e2, CIV_IDENTITY_PLUGIN_ERROR, CIV_IDENTITY_PLUGIN_ERROR_LOAD);
  g_assert_true (g_file_set_contents (fake, "not an ELF file", -1, NULL));
  g_assert_null (civ_identity_plugin_load (fake, &e3));
  g_assert_error (e3, CIV_IDENTITY_PLUGIN_ERROR, CIV_IDENTITY_PLUGIN_ERROR_LOAD);
  civ_test_rmdir (dir);
}

/* The default plug-in comes from $CIVREG_IDENTITY_PLUGIN (run in a
 * subprocess: it is loaded once per process). */
static void
test_default (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char   *path = plugin_path ("civ-test-plugin");
      CivIdentityPlugin *p;

      g_setenv ("CIVREG_IDENTITY_PLUGIN", path, TRUE);
      p = civ_identity_plugin_get_default ();
      g_assert_nonnull (p);
      g_assert_true (p == civ_identity_plugin_get_default ());
      g_assert_null (civ_identity_plugin_get_default_error ());
      g_assert_cmpstr (civ_identity_plugin_get_device (p), ==, "civ-test-plugin");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_default_wrong (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *path = plugin_path ("civ-test-plugin-abi2");

      g_setenv ("CIVREG_IDENTITY_PLUGIN", path, TRUE);
      g_assert_null (civ_identity_plugin_get_default ());
      g_assert_error ((GError *) civ_identity_plugin_get_default_error (),
                      CIV_IDENTITY_PLUGIN_ERROR, CIV_IDENTITY_PLUGIN_ERROR_ABI);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_default_none (void)
{
  if (g_test_subprocess ())
    {
      g_setenv ("CIVREG_IDENTITY_PLUGIN", "", TRUE);
      g_assert_null (civ_identity_plugin_get_default ());
      g_assert_null (civ_identity_plugin_get_default_error ());
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/identity-plugin/load-and-call", test_load_and_call);
  g_test_add_func ("/identity-plugin/wrong-abi", test_wrong_abi);
  g_test_add_func ("/identity-plugin/no-vendor", test_no_vendor);
  g_test_add_func ("/identity-plugin/missing", test_missing_and_not_a_plugin);
  g_test_add_func ("/identity-plugin/default", test_default);
  g_test_add_func ("/identity-plugin/default-wrong", test_default_wrong);
  g_test_add_func ("/identity-plugin/default-none", test_default_none);
  return g_test_run ();
}
