// SPDX-License-Identifier: GPL-3.0-or-later
/* test-marriage-input.c — the marriage application JSON read strictly
 * (docs/cli-rules.md; issue 12, items 8 and 9) */
#include <string.h>

#include "civ-app-error.h"
#include "civ-json-guard.h"
#include "civ-marriage-input.h"

#define PARTY_2 "{\"sex\": \"female\", \"birth_date\": \"1992-05-15\"}"

/* An application whose first party is "{\"sex\": \"male\"" @extra "}". */
static char *
with_party (const char *extra)
{
  return g_strdup_printf ("{\"registration_date\": \"2025-06-03\", \"parties\": [{\"sex\": "
                          "\"male\", \"birth_date\": \"1990-03-07\"%s}, " PARTY_2 "]}",
                          extra);
}

static void
test_ok (void)
{
  g_autofree char *text = with_party (", \"status_before\": 40, \"name\": \"张三\"");
  g_autoptr (GError) error = NULL;
  g_autoptr (CivMarriageInput) input = civ_marriage_input_parse (text, strlen (text), &error);
  const CivMarriageApplication *app;

  g_assert_no_error (error);
  app = civ_marriage_input_get_application (input);
  g_assert_cmpint (app->party[0].status_before, ==, CIV_MARITAL_DIVORCED);
  g_assert_cmpstr (app->party[0].name, ==, "张三");
  g_assert_cmpint (app->party[1].sex, ==, CIV_SEX_FEMALE);
}

static void
test_refused (void)
{
  const struct
  {
    const char *extra;
    GQuark      domain;
    int         code;
    const char *fragment;
  } cases[] = {
    { ", \"status_before\": 99", CIV_APP_ERROR, CIV_APP_ERROR_FORMAT, "99" },
    { ", \"status_before\": 9223372036854775807", CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
      "9223372036854775807" },
    { ", \"status_before\": 9223372036854775808", CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
      "status_before" },
    { ", \"status_before\": -10", CIV_APP_ERROR, CIV_APP_ERROR_FORMAT, "-10" },
    /* A typo is an error naming the member. */
    { ", \"consent\": false", CIV_APP_ERROR, CIV_APP_ERROR_FORMAT, "consent" },
    { ", \"birth_date\": \"1990-03-07\"", CIV_JSON_GUARD_ERROR, CIV_JSON_GUARD_ERROR_DUPLICATE,
      "birth_date" },
    { ", \"\\u0073ex\": \"female\"", CIV_JSON_GUARD_ERROR, CIV_JSON_GUARD_ERROR_DUPLICATE, "sex" },
    { ", \"name\": \"张三\\u0000李四\"", CIV_JSON_GUARD_ERROR, CIV_JSON_GUARD_ERROR_NUL, "NUL" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = with_party (cases[i].extra);
      g_autoptr (GError) error = NULL;
      g_autoptr (CivMarriageInput) input = civ_marriage_input_parse (text, strlen (text), &error);

      g_test_message ("case %u: %s", i, error ? error->message : "(accepted)");
      g_assert_null (input);
      g_assert_error (error, cases[i].domain, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].fragment));
    }
}

static void
test_date_with_nul (void)
{
  /* Read as C text this was "1990-03-07": a valid date with junk hidden. */
  const char *text = "{\"registration_date\": \"2025-06-03\\u0000junk\", \"parties\": [{\"sex\": "
                     "\"male\"}, " PARTY_2 "]}";
  g_autoptr (GError) error = NULL;
  g_autoptr (CivMarriageInput) input = civ_marriage_input_parse (text, strlen (text), &error);

  g_assert_null (input);
  g_assert_error (error, CIV_JSON_GUARD_ERROR, CIV_JSON_GUARD_ERROR_NUL);
}

static void
test_unknown_top_member (void)
{
  const char *text = "{\"registration_date\": \"2025-06-03\", \"kinsihp\": \"lineal\", "
                     "\"parties\": [{\"sex\": \"male\"}, " PARTY_2 "]}";
  g_autoptr (GError) error = NULL;
  g_autoptr (CivMarriageInput) input = civ_marriage_input_parse (text, strlen (text), &error);

  g_assert_null (input);
  g_assert_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "kinsihp"));
}

static void
test_deep (void)
{
  g_autoptr (GString) text = g_string_new ("{\"registration_date\": \"2025-06-03\", \"x\": ");
  g_autoptr (GError) error = NULL;
  g_autoptr (CivMarriageInput) input = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (text, ']');
  g_string_append_c (text, '}');
  /* json-glib 1.6 alone overflows the stack on this. */
  input = civ_marriage_input_parse (text->str, text->len, &error);
  g_assert_null (input);
  g_assert_error (error, CIV_JSON_GUARD_ERROR, CIV_JSON_GUARD_ERROR_TOO_DEEP);
  g_assert_nonnull (strstr (error->message, "64"));
}

static void
test_large (void)
{
  g_autoptr (GString) text = g_string_new ("{\"registration_date\": \"2025-06-03\", \"name\": \"");
  g_autoptr (GError) error = NULL;
  g_autoptr (CivMarriageInput) input = NULL;

  while (text->len <= CIV_JSON_GUARD_INPUT_MAX)
    g_string_append (text, "aaaaaaaaaaaaaaaa");
  g_string_append (text, "\"}");
  input = civ_marriage_input_parse (text->str, text->len, &error);
  g_assert_null (input);
  g_assert_error (error, CIV_JSON_GUARD_ERROR, CIV_JSON_GUARD_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "1 MiB"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/marriage-input/ok", test_ok);
  g_test_add_func ("/marriage-input/refused", test_refused);
  g_test_add_func ("/marriage-input/date-with-nul", test_date_with_nul);
  g_test_add_func ("/marriage-input/unknown-top-member", test_unknown_top_member);
  g_test_add_func ("/marriage-input/deep", test_deep);
  g_test_add_func ("/marriage-input/large", test_large);
  return g_test_run ();
}
