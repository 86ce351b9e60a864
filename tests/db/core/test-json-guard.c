// SPDX-License-Identifier: GPL-3.0-or-later
/* test-json-guard.c — outside JSON is measured before json-glib parses it:
 * depth, size, NULs, members named twice; the key-slot file through it */
#include <string.h>

#include "civ-db-error.h"
#include "civ-json-guard.h"
#include "civ-keyslots.h"
#include "civ-test-utils.h"

/* "[[[…]]]" @depth deep (or {"a":{"a":…}} when @objects). */
static char *
nested (guint depth, gboolean objects)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (s, objects ? "{\"a\":" : "[");
  g_string_append (s, "1");
  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, objects ? '}' : ']');
  return g_string_free (s, FALSE);
}

static void
test_depth (void)
{
  for (guint objects = 0; objects < 2; objects++)
    {
      g_autofree char *ok = nested (CIV_JSON_GUARD_MAX_DEPTH, objects);
      g_autofree char *deep = nested (CIV_JSON_GUARD_MAX_DEPTH + 1, objects);
      g_autofree char *abyss = nested (100000, objects);
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonParser) parser = NULL;

      parser = civ_json_guard_parse (ok, strlen (ok), CIV_JSON_GUARD_INPUT_MAX,
                                     CIV_JSON_GUARD_NO_DUPLICATES, &error);
      g_assert_no_error (error);
      g_assert_nonnull (parser);

      g_assert_false (civ_json_guard_check (deep, strlen (deep), CIV_JSON_GUARD_INPUT_MAX,
                                            CIV_JSON_GUARD_NONE, &error));
      g_assert_error (error, CIV_JSON_GUARD_ERROR, CIV_JSON_GUARD_ERROR_TOO_DEEP);
      g_clear_error (&error);

      /* json-glib 1.6 alone overflows the stack on this one. */
      g_clear_object (&parser);
      parser = civ_json_guard_parse (abyss, strlen (abyss), CIV_JSON_GUARD_INPUT_MAX,
                                     CIV_JSON_GUARD_NO_DUPLICATES, &error);
      g_assert_error (error, CIV_JSON_GUARD_ERROR, CIV_JSON_GUARD_ERROR_TOO_DEEP);
      g_assert_null (parser);
    }
}

static void
test_brackets_in_texts (void)
{
  g_autoptr (GString) s = g_string_new ("{\"a\":\"");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = NULL;

  /* Brackets and escaped quotes inside a text are not nesting. */
  for (guint i = 0; i < 1000; i++)
    g_string_append (s, "[{\\\"");
  g_string_append (s, "\"}");
  parser = civ_json_guard_parse (s->str, s->len, CIV_JSON_GUARD_INPUT_MAX,
                                 CIV_JSON_GUARD_NO_DUPLICATES, &error);
  g_assert_no_error (error);
  g_assert_nonnull (parser);
}

static void
test_size (void)
{
  g_autoptr (GError) error = NULL;
  const char *doc = "{\"a\":[1,2,3]}";

  g_assert_true (
    civ_json_guard_check (doc, strlen (doc), strlen (doc), CIV_JSON_GUARD_NONE, &error));
  g_assert_no_error (error);
  g_assert_false (
    civ_json_guard_check (doc, strlen (doc), strlen (doc) - 1, CIV_JSON_GUARD_NONE, &error));
  g_assert_error (error, CIV_JSON_GUARD_ERROR, CIV_JSON_GUARD_ERROR_TOO_LARGE);
}

static void
test_nul (void)
{
  const char *escaped = "{\"date\":\"2025-06-03\\u0000junk\"}";
  const char  raw[] = "{\"date\":\"2025\0-06-03\"}";
  const char *fine = "{\"date\":\"\\u00001\"}";
  g_autoptr (GError) error = NULL;

  g_assert_false (civ_json_guard_check (escaped, strlen (escaped), CIV_JSON_GUARD_INPUT_MAX,
                                        CIV_JSON_GUARD_NONE, &error));
  g_assert_error (error, CIV_JSON_GUARD_ERROR, CIV_JSON_GUARD_ERROR_NUL);
  g_clear_error (&error);
  g_assert_false (civ_json_guard_check (raw, sizeof raw - 1, CIV_JSON_GUARD_INPUT_MAX,
                                        CIV_JSON_GUARD_NONE, &error));
  g_assert_error (error, CIV_JSON_GUARD_ERROR, CIV_JSON_GUARD_ERROR_NUL);
  g_clear_error (&error);
  g_assert_false (civ_json_guard_check (fine, strlen (fine), CIV_JSON_GUARD_INPUT_MAX,
                                        CIV_JSON_GUARD_NONE, &error));
  g_assert_error (error, CIV_JSON_GUARD_ERROR, CIV_JSON_GUARD_ERROR_NUL);
}

static void
test_duplicates (void)
{
  const char *const twice[] = {
    "{\"a\":1,\"a\":2}",
    "{\"a\":1,\"\\u0061\":2}",
    "{\"x\":[{\"k\":1,\"b\":{\"k\":2},\"k\":3}]}",
    "{\"\\ud83d\\ude00\":1,\"😀\":2}",
  };
  const char *const once[] = {
    "{\"a\":1,\"b\":{\"a\":2}}",
    "[{\"a\":1},{\"a\":2}]",
    "{\"a\":\"a\",\"b\":[\"a\",\"a\"]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (twice); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_true (civ_json_guard_check (twice[i], strlen (twice[i]), CIV_JSON_GUARD_INPUT_MAX,
                                           CIV_JSON_GUARD_NONE, &error));
      g_assert_false (civ_json_guard_check (twice[i], strlen (twice[i]), CIV_JSON_GUARD_INPUT_MAX,
                                            CIV_JSON_GUARD_NO_DUPLICATES, &error));
      g_assert_error (error, CIV_JSON_GUARD_ERROR, CIV_JSON_GUARD_ERROR_DUPLICATE);
    }
  for (guint i = 0; i < G_N_ELEMENTS (once); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_true (civ_json_guard_check (once[i], strlen (once[i]), CIV_JSON_GUARD_INPUT_MAX,
                                           CIV_JSON_GUARD_NO_DUPLICATES, &error));
      g_assert_no_error (error);
    }
}

static void
test_read_file_cap (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data = NULL;
  gsize            len = 0;

  /* /dev/zero never ends: only the cap stops the read. */
  g_assert_false (civ_json_guard_read_file ("/dev/zero", 4096, &data, &len, &error));
  g_assert_error (error, CIV_JSON_GUARD_ERROR, CIV_JSON_GUARD_ERROR_TOO_LARGE);
  g_assert_null (data);
  g_clear_error (&error);
  g_assert_false (civ_json_guard_read_file ("/nonexistent/x", 4096, &data, &len, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

/* The key-slot file is read through the guard: 100,000 deep is an error
 * (64 KiB is the most a key-slot file may hold, so this one is too large
 * as well as too deep), not a crash at the login. */
static void
test_keyslots_deep (void)
{
  g_autofree char *dir = civ_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "civreg.keys", NULL);
  g_autoptr (GString) s = g_string_new ("{\"format\":\"civreg-keyslots\",\"version\":1,\"slots\":");
  g_autoptr (GError) error = NULL;
  g_autoptr (CivKeyslots) slots = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (s, ']');
  g_string_append_c (s, '}');
  g_assert_true (g_file_set_contents (path, s->str, (gssize) s->len, NULL));
  slots = civ_keyslots_load (path, &error);
  g_assert_null (slots);
  g_assert_error (error, CIV_JSON_GUARD_ERROR, CIV_JSON_GUARD_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* Within the size, too deep. */
  g_string_assign (s, "{\"format\":\"civreg-keyslots\",\"version\":1,\"slots\":");
  for (guint i = 0; i < 30000; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < 30000; i++)
    g_string_append_c (s, ']');
  g_string_append_c (s, '}');
  g_assert_true (g_file_set_contents (path, s->str, (gssize) s->len, NULL));
  slots = civ_keyslots_load (path, &error);
  g_assert_null (slots);
  g_assert_error (error, CIV_JSON_GUARD_ERROR, CIV_JSON_GUARD_ERROR_TOO_DEEP);
  civ_test_rmdir (dir);
}

/* Found by fuzz-keyslots: a member of another JSON type than expected (an
 * array for the format, an object for a salt) made json-glib print a
 * critical (fatal in the tests); it is a damaged file. */
static void
test_keyslots_member_types (void)
{
  const char *const files[] = {
    "{\"format\": [\"civreg-keyslots\"], \"version\": 1, \"slots\": []}",
    "{\"format\": \"civreg-keyslots\", \"version\": {}, \"slots\": []}",
    "{\"format\": \"civreg-keyslots\", \"version\": 1, \"slots\": [{\"login\": [\"admin\"], "
    "\"kdf\": \"argon2id\", \"wrapped\": \"AAAA\"}]}",
    "{\"format\": \"civreg-keyslots\", \"version\": 1, \"slots\": [{\"login\": \"admin\", "
    "\"kdf\": \"argon2id\", \"wrapped\": \"AAAA\", \"t\": [3], \"m\": {}, \"p\": 1, "
    "\"salt\": {}, \"nonce\": []}]}",
  };
  g_autofree char *dir = civ_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "civreg.keys", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (CivKeyslots) slots = NULL;

      g_assert_true (g_file_set_contents (path, files[i], -1, NULL));
      slots = civ_keyslots_load (path, &error);
      g_assert_null (slots);
      g_assert_error (error, CIV_DB_ERROR, CIV_DB_ERROR_CORRUPT);
    }
  civ_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/json-guard/depth", test_depth);
  g_test_add_func ("/json-guard/brackets-in-texts", test_brackets_in_texts);
  g_test_add_func ("/json-guard/size", test_size);
  g_test_add_func ("/json-guard/nul", test_nul);
  g_test_add_func ("/json-guard/duplicates", test_duplicates);
  g_test_add_func ("/json-guard/read-file-cap", test_read_file_cap);
  g_test_add_func ("/json-guard/keyslots-deep", test_keyslots_deep);
  g_test_add_func ("/json-guard/keyslots-member-types", test_keyslots_member_types);
  return g_test_run ();
}
