// SPDX-License-Identifier: GPL-3.0-or-later
/* test-turns.c — a long writer and a short one on the same office
 * (issue 12 item 4): the short one waits for one chunk, not for the run. */
#include <glib.h>
#include <glib/gstdio.h>

#include "civ-db.h"
#include "civ-keyslots.h"
#include "civ-secret.h"
#include "civ-test-utils.h"

#define CHUNKS 40

typedef struct
{
  char      *path;
  CivSecret *key;
  GMutex     lock;
  GCond      cond;
  int        chunks_done; /* by the long writer, committed */
  gboolean   long_failed;
} Shared;

static gboolean
insert (CivDb *db, const char *who, int n, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db, "INSERT INTO turn_rows (who, n) VALUES (?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, who, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, n);
  return civ_db_step_done (db, stmt, error);
}

/* The long writer: CHUNKS transactions, each held for a while, one after
 * the other, as a bulk load does (civ_registry_bulk_checkpoint ()). */
static gpointer
long_writer (gpointer data)
{
  Shared *s = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (CivDb) db = civ_db_open (s->path, s->key, &error);
  gboolean ok = db != NULL && civ_db_begin (db, &error);

  for (int chunk = 0; ok && chunk < CHUNKS; chunk++)
    {
      for (int i = 0; ok && i < 50; i++)
        ok = insert (db, "long", chunk, &error);
      g_usleep (40 * 1000); /* the work of a chunk, with the write lock held */
      ok = ok && civ_db_commit (db, &error);
      g_mutex_lock (&s->lock);
      s->chunks_done = chunk + 1;
      g_cond_broadcast (&s->cond);
      g_mutex_unlock (&s->lock);
      if (ok && chunk + 1 < CHUNKS)
        {
          civ_db_yield_turn (db);
          ok = civ_db_begin (db, &error);
        }
    }
  g_assert_no_error (error);
  s->long_failed = !ok;
  return NULL;
}

static void
test_short_writer_waits_one_chunk (void)
{
  g_autofree char *dir = civ_test_mkdtemp ();
  Shared           s = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (CivDb) setup = NULL;
  g_autoptr (CivDb) db = NULL;
  GThread *thread;
  int      done_when_written;
  gint64   long_rows_after = 0;

  s.path = g_build_filename (dir, "civreg.db", NULL);
  s.key = civ_secret_new_random (CIV_DATA_KEY_LEN);
  g_mutex_init (&s.lock);
  g_cond_init (&s.cond);

  setup = civ_db_open (s.path, s.key, &error);
  g_assert_no_error (error);
  g_assert_true (civ_db_exec (setup,
                              "CREATE TABLE turn_rows (id INTEGER PRIMARY KEY, who TEXT, n INT)",
                              &error));
  g_clear_object (&setup);

  thread = g_thread_new ("long-writer", long_writer, &s);
  /* Arrive while the long writer is in its second chunk. */
  g_mutex_lock (&s.lock);
  while (s.chunks_done < 1)
    g_cond_wait (&s.cond, &s.lock);
  g_mutex_unlock (&s.lock);

  db = civ_db_open (s.path, s.key, &error);
  g_assert_no_error (error);
  g_assert_true (civ_db_begin (db, &error));
  g_assert_no_error (error);
  g_assert_true (insert (db, "short", 0, &error));
  g_assert_true (civ_db_commit (db, &error));
  g_assert_no_error (error);
  g_mutex_lock (&s.lock);
  done_when_written = s.chunks_done;
  g_mutex_unlock (&s.lock);

  g_thread_join (thread);
  g_assert_false (s.long_failed);
  /* The short write went in between two chunks, far from the end of the run. */
  g_assert_cmpint (done_when_written, <, CHUNKS / 2);
  g_assert_true (civ_db_query_int64 (db,
                                     "SELECT count(*) FROM turn_rows WHERE who = 'long' AND id > "
                                     "(SELECT id FROM turn_rows WHERE who = 'short')",
                                     &long_rows_after, &error));
  g_assert_cmpint (long_rows_after, >, 0);

  g_clear_object (&db);
  civ_secret_free (s.key);
  g_mutex_clear (&s.lock);
  g_cond_clear (&s.cond);
  g_free (s.path);
  civ_test_rmdir (dir);
}

/* Readers never wait for a writer (WAL). */
static void
test_reader_never_waits (void)
{
  g_autofree char *dir = civ_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "civreg.db", NULL);
  g_autoptr (CivSecret) key = civ_secret_new_random (CIV_DATA_KEY_LEN);
  g_autoptr (GError) error = NULL;
  g_autoptr (CivDb) writer = civ_db_open (path, key, &error);
  g_autoptr (CivDb) reader = NULL;
  gint64 n = -1;

  g_assert_no_error (error);
  g_assert_true (civ_db_exec (writer,
                              "CREATE TABLE turn_rows (id INTEGER PRIMARY KEY, who TEXT, n INT)",
                              &error));
  g_assert_true (insert (writer, "before", 0, &error));
  g_assert_true (civ_db_begin (writer, &error));
  g_assert_true (insert (writer, "uncommitted", 1, &error));

  reader = civ_db_open (path, key, &error);
  g_assert_no_error (error);
  g_assert_true (civ_db_query_int64 (reader, "SELECT count(*) FROM turn_rows", &n, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 1);
  g_assert_true (civ_db_commit (writer, &error));
  g_clear_object (&reader);
  g_clear_object (&writer);
  civ_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/db/turns/short-writer-waits-one-chunk", test_short_writer_waits_one_chunk);
  g_test_add_func ("/db/turns/reader-never-waits", test_reader_never_waits);
  return g_test_run ();
}
