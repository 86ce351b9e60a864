// SPDX-License-Identifier: GPL-3.0-or-later
/* test-states.c — one vocabulary (civ-states.h): every state the database
 * accepts maps to an enum and back, and every state has words of its own */
#include <string.h>

#include "civ-states.h"

/* The values of "state IN (…)" after @column in the migration. */
static GPtrArray *
check_values (const char *migration, const char *column)
{
  g_autofree char *path =
    g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "db", "migrations", migration, NULL);
  g_autofree char *sql = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray  *out = g_ptr_array_new_with_free_func (g_free);
  const char *at, *end;

  g_file_get_contents (path, &sql, NULL, &error);
  g_assert_no_error (error);
  at = strstr (sql, column);
  g_assert_nonnull (at);
  at = strstr (at, "state IN (");
  g_assert_nonnull (at);
  end = strchr (at, ')');
  for (const char *q = strchr (at, '\''); q && q < end; q = strchr (q + 1, '\''))
    {
      const char *close = strchr (q + 1, '\'');
      g_ptr_array_add (out, g_strndup (q + 1, (gsize) (close - q - 1)));
      q = close;
    }
  return out;
}

static void
test_marriage_states (void)
{
  g_autoptr (GPtrArray) db = check_values ("0002-marriage.sql", "CREATE TABLE marriages");
  g_autoptr (GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (db->len, ==, CIV_N_MARRIAGE_STATES - 1);
  for (guint i = 0; i < db->len; i++)
    {
      const char      *text = g_ptr_array_index (db, i);
      CivMarriageState s = civ_marriage_state_from_db (text);

      g_assert_cmpint (s, !=, CIV_MARRIAGE_STATE_UNKNOWN);
      g_assert_cmpstr (civ_marriage_state_to_db (s), ==, text);
      g_assert_cmpstr (civ_marriage_state_label (s), !=, "");
      /* Never the code itself where people read (the extract once printed
       * DISSOLVED_COURT). */
      g_assert_cmpstr (civ_marriage_state_label_db (text), !=, text);
      g_assert_false (g_hash_table_contains (labels, civ_marriage_state_label (s)));
      g_hash_table_add (labels, (gpointer) civ_marriage_state_label (s));
    }
  g_assert_cmpint (civ_marriage_state_from_db ("NO_SUCH"), ==, CIV_MARRIAGE_STATE_UNKNOWN);
  g_assert_cmpint (civ_marriage_state_from_db (NULL), ==, CIV_MARRIAGE_STATE_UNKNOWN);
  g_assert_cmpstr (civ_marriage_state_label_db ("NO_SUCH"), ==, "NO_SUCH");
}

static void
test_divorce_states (void)
{
  g_autoptr (GPtrArray) db = check_values ("0002-marriage.sql", "CREATE TABLE divorces");
  g_autoptr (GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (db->len, ==, CIV_N_DIVORCE_STATES - 1);
  for (guint i = 0; i < db->len; i++)
    {
      const char     *text = g_ptr_array_index (db, i);
      CivDivorceState s = civ_divorce_state_from_db (text);

      g_assert_cmpint (s, !=, CIV_DIVORCE_STATE_UNKNOWN);
      g_assert_cmpstr (civ_divorce_state_to_db (s), ==, text);
      g_assert_cmpstr (civ_divorce_state_label_db (text), !=, text);
      g_assert_false (g_hash_table_contains (labels, civ_divorce_state_label (s)));
      g_hash_table_add (labels, (gpointer) civ_divorce_state_label (s));
    }
}

static void
test_adoption_states (void)
{
  g_autoptr (GPtrArray) db = check_values ("0012-adoption.sql", "CREATE TABLE adoptions");
  g_autoptr (GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (db->len, ==, CIV_N_ADOPTION_STATES - 1);
  for (guint i = 0; i < db->len; i++)
    {
      const char      *text = g_ptr_array_index (db, i);
      CivAdoptionState s = civ_adoption_state_from_db (text);

      g_assert_cmpint (s, !=, CIV_ADOPTION_STATE_UNKNOWN);
      g_assert_cmpstr (civ_adoption_state_to_db (s), ==, text);
      g_assert_cmpstr (civ_adoption_state_label_db (text), !=, text);
      g_assert_false (g_hash_table_contains (labels, civ_adoption_state_label (s)));
      g_hash_table_add (labels, (gpointer) civ_adoption_state_label (s));
    }
  g_assert_cmpint (civ_adoption_state_from_db ("NO_SUCH"), ==, CIV_ADOPTION_STATE_UNKNOWN);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/domain/states/marriage", test_marriage_states);
  g_test_add_func ("/domain/states/divorce", test_divorce_states);
  g_test_add_func ("/domain/states/adoption", test_adoption_states);
  return g_test_run ();
}
