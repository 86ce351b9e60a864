// SPDX-License-Identifier: GPL-3.0-or-later
/* test-card-reader.c — the real CivCardReader against the simulated reader
 * (tests/identity/civ-card-sim.c) on a pseudo-terminal: reading, faults,
 * hot-plug, one-shot reads. Waits on states and signals, never on time. */
#include <stdio.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-card-reader.h"
#include "civ-test-utils.h"

/* The cards given to the simulator, in this order. */
static const char *card_files[] = { "zhang-wei.card", "li-na.card", "zhao-jianguo.card" };

typedef struct
{
  char          *dir;
  char          *link;
  CivTestCardSim sim;
  CivCardReader *reader;
  GPtrArray     *cards;  /* CivCardData, as emitted */
  GArray        *states; /* CivCardReaderState, every change */
  GPtrArray     *errors; /* GError, every ERROR state */
} Fixture;

static void
sim_start (Fixture *f)
{
  const char *cards[G_N_ELEMENTS (card_files) + 1] = { NULL };

  for (guint i = 0; i < G_N_ELEMENTS (card_files); i++)
    cards[i] = card_files[i];
  civ_test_card_sim_start (&f->sim, f->link, cards, -1);
}

static char *
sim_cmd (Fixture *f, const char *line)
{
  return civ_test_card_sim_command (&f->sim, line);
}

static void
sim_ok (Fixture *f, const char *line)
{
  civ_test_card_sim_ok (&f->sim, line);
}

static guint
sim_finds (Fixture *f)
{
  g_autofree char *reply = sim_cmd (f, "stats");
  guint            finds = 0, selects = 0, reads = 0;

  g_assert_cmpint (sscanf (reply, "STATS finds=%u selects=%u reads=%u", &finds, &selects, &reads),
                   ==, 3);
  return finds;
}

static void
sim_stop (Fixture *f)
{
  civ_test_card_sim_stop (&f->sim);
}

static void
on_card_read (CivCardReader *reader, CivCardData *card, Fixture *f)
{
  g_ptr_array_add (f->cards, civ_card_data_copy (card));
}

static void
on_state (CivCardReader *reader, GParamSpec *pspec, Fixture *f)
{
  CivCardReaderState s = civ_card_reader_get_state (reader);

  g_array_append_val (f->states, s);
  g_assert_nonnull (civ_card_reader_get_message (reader));
  if (s == CIV_CARD_READER_ERROR)
    {
      g_assert_nonnull (civ_card_reader_get_error (reader));
      g_ptr_array_add (f->errors, g_error_copy (civ_card_reader_get_error (reader)));
    }
  else
    g_assert_null (civ_card_reader_get_error (reader));
}

typedef gboolean (*Condition) (Fixture *f, gconstpointer data);

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
on_tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates the main context until @cond holds; fails after a generous
 * minute. A tick re-checks conditions on the simulator (its counters). */
static void
iterate_until (Fixture *f, Condition cond, gconstpointer data)
{
  gboolean timed_out = FALSE;
  guint    timeout = g_timeout_add_seconds (60, on_timeout, &timed_out);
  guint    tick = g_timeout_add (50, on_tick, NULL);

  while (!cond (f, data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);
  g_source_remove (tick);
}

static gboolean
state_is (Fixture *f, gconstpointer data)
{
  return (int) civ_card_reader_get_state (f->reader) == GPOINTER_TO_INT (data);
}

static gboolean
cards_are (Fixture *f, gconstpointer data)
{
  return f->cards->len >= GPOINTER_TO_UINT (data);
}

typedef struct
{
  GQuark domain;
  int    code;
  guint  from;
} ErrorWanted;

static gboolean
error_seen (Fixture *f, gconstpointer data)
{
  const ErrorWanted *w = data;

  for (guint i = w->from; i < f->errors->len; i++)
    if (g_error_matches (g_ptr_array_index (f->errors, i), w->domain, w->code))
      return TRUE;
  return FALSE;
}

static gboolean
finds_reach (Fixture *f, gconstpointer data)
{
  return sim_finds (f) >= GPOINTER_TO_UINT (data);
}

static void
wait_state (Fixture *f, CivCardReaderState s)
{
  iterate_until (f, state_is, GINT_TO_POINTER (s));
}

/* Lets the reader ask "find card" a few more times. */
static void
wait_finds (Fixture *f, guint more)
{
  iterate_until (f, finds_reach, GUINT_TO_POINTER (sim_finds (f) + more));
}

static void
setup (Fixture *f, gconstpointer data)
{
  f->dir = civ_test_mkdtemp ();
  f->link = g_build_filename (f->dir, "ttyCIV0", NULL);
  f->cards = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_card_data_free);
  f->states = g_array_new (FALSE, FALSE, sizeof (CivCardReaderState));
  f->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  sim_start (f);
  f->reader = civ_card_reader_new (f->link);
  g_signal_connect (f->reader, "card-read", G_CALLBACK (on_card_read), f);
  g_signal_connect (f->reader, "notify::state", G_CALLBACK (on_state), f);
  civ_card_reader_start (f->reader);
  wait_state (f, CIV_CARD_READER_NO_CARD);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  civ_card_reader_stop (f->reader);
  g_clear_object (&f->reader);
  /* What the thread had published before it stopped. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  sim_stop (f);
  civ_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->link);
  g_ptr_array_unref (f->cards);
  g_array_unref (f->states);
  g_ptr_array_unref (f->errors);
}

static void
test_read_once (Fixture *f, gconstpointer data)
{
  const CivCardData *c;
  GDate              day;

  sim_ok (f, "place 0");
  iterate_until (f, cards_are, GUINT_TO_POINTER (1));
  c = g_ptr_array_index (f->cards, 0);
  g_assert_cmpstr (c->name, ==, "张伟");
  g_assert_cmpint (c->sex, ==, CIV_SEX_MALE);
  g_assert_cmpstr (c->number, ==, "110101198503120156");
  g_assert_cmpstr (c->ethnicity_code, ==, "01");
  civ_test_date (&day, 1985, 3, 12);
  g_assert_cmpint (g_date_compare (&c->birth_date, &day), ==, 0);
  g_assert_cmpuint (g_bytes_get_size (c->wlt), ==, 1024);
  /* No plug-in: the photo is not decoded. */
  g_assert_null (c->photo_png);
  wait_state (f, CIV_CARD_READER_CARD_READ);

  /* Left on the reader, the card is not read again. */
  wait_finds (f, 4);
  g_assert_cmpuint (f->cards->len, ==, 1);
  g_assert_cmpint (civ_card_reader_get_state (f->reader), ==, CIV_CARD_READER_CARD_READ);

  sim_ok (f, "remove");
  wait_state (f, CIV_CARD_READER_NO_CARD);
  sim_ok (f, "place 1");
  iterate_until (f, cards_are, GUINT_TO_POINTER (2));
  c = g_ptr_array_index (f->cards, 1);
  g_assert_cmpstr (c->name, ==, "李娜");
  g_assert_cmpint (c->sex, ==, CIV_SEX_FEMALE);
  civ_test_date (&day, 2024, 5, 1);
  g_assert_true (civ_card_data_expired_on (c, &day));
  wait_finds (f, 2);
  g_assert_cmpuint (f->cards->len, ==, 2);
}

typedef struct
{
  const char *fault;
  GQuark      domain;
  int         code;
} FaultCase;

static void
test_faults (Fixture *f, gconstpointer data)
{
  const FaultCase cases[] = {
    { "fault bad-checksum", CIV_CARD_READER_ERROR_DOMAIN, CIV_CARD_READER_ERROR_DAMAGED },
    { "fault bad-length", CIV_CARD_READER_ERROR_DOMAIN, CIV_CARD_READER_ERROR_DAMAGED },
    { "fault short-frame", CIV_CARD_READER_ERROR_DOMAIN, CIV_CARD_READER_ERROR_CUT_SHORT },
    { "fault no-answer read", CIV_CARD_READER_ERROR_DOMAIN, CIV_CARD_READER_ERROR_NO_ANSWER },
    { "fault bad-checksum select", CIV_CARD_READER_ERROR_DOMAIN, CIV_CARD_READER_ERROR_DAMAGED },
    { "fault bad-number", CIV_APP_ERROR, CIV_APP_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ErrorWanted w = { cases[i].domain, cases[i].code, f->errors->len };

      g_test_message ("%s", cases[i].fault);
      sim_ok (f, cases[i].fault);
      sim_ok (f, "place 0");
      iterate_until (f, error_seen, &w);
      g_assert_cmpint (civ_card_reader_get_state (f->reader), ==, CIV_CARD_READER_ERROR);
      /* Nothing was read; the error stays while the card lies there. */
      wait_finds (f, 3);
      g_assert_cmpuint (f->cards->len, ==, 0);
      g_assert_cmpint (civ_card_reader_get_state (f->reader), ==, CIV_CARD_READER_ERROR);
      g_assert_true (
        g_error_matches (civ_card_reader_get_error (f->reader), cases[i].domain, cases[i].code));
      sim_ok (f, "remove");
      wait_state (f, CIV_CARD_READER_NO_CARD);
    }
}

/* The card taken away half-way through the read answer. */
static void
test_fault_pulled (Fixture *f, gconstpointer data)
{
  ErrorWanted w = { CIV_CARD_READER_ERROR_DOMAIN, CIV_CARD_READER_ERROR_CARD_REMOVED, 0 };

  sim_ok (f, "fault pull");
  sim_ok (f, "place 0");
  iterate_until (f, error_seen, &w);
  /* The card is gone; the message stays until a card is placed. */
  wait_finds (f, 3);
  g_assert_cmpint (civ_card_reader_get_state (f->reader), ==, CIV_CARD_READER_ERROR);
  g_assert_cmpuint (f->cards->len, ==, 0);
  sim_ok (f, "place 0");
  iterate_until (f, cards_are, GUINT_TO_POINTER (1));
  wait_state (f, CIV_CARD_READER_CARD_READ);
}

/* A reader that does not answer "find": an error while it is silent,
 * back to "place the card" when it answers again. */
static void
test_fault_silent (Fixture *f, gconstpointer data)
{
  ErrorWanted w = { CIV_CARD_READER_ERROR_DOMAIN, CIV_CARD_READER_ERROR_NO_ANSWER, 0 };

  sim_ok (f, "fault no-answer find");
  iterate_until (f, error_seen, &w);
  wait_state (f, CIV_CARD_READER_NO_CARD);
  g_assert_cmpuint (f->cards->len, ==, 0);
}

/* Garbage before the preamble is skipped: the card reads. */
static void
test_fault_garbage (Fixture *f, gconstpointer data)
{
  const CivCardData *c;

  sim_ok (f, "fault garbage");
  sim_ok (f, "place 2");
  iterate_until (f, cards_are, GUINT_TO_POINTER (1));
  c = g_ptr_array_index (f->cards, 0);
  g_assert_cmpstr (c->name, ==, "赵建国");
  g_assert_true (c->long_term);
  g_assert_cmpuint (f->errors->len, ==, 0);
}

static void
test_hot_plug (Fixture *f, gconstpointer data)
{
  sim_stop (f);
  wait_state (f, CIV_CARD_READER_NO_READER);
  g_assert_false (g_file_test (f->link, G_FILE_TEST_EXISTS));
  sim_start (f);
  wait_state (f, CIV_CARD_READER_NO_CARD);
  sim_ok (f, "place 2");
  iterate_until (f, cards_are, GUINT_TO_POINTER (1));
  g_assert_cmpstr (((CivCardData *) g_ptr_array_index (f->cards, 0))->name, ==, "赵建国");
  wait_state (f, CIV_CARD_READER_CARD_READ);

  /* Unplugged with the card on it, plugged in again: read once more. */
  sim_stop (f);
  wait_state (f, CIV_CARD_READER_NO_READER);
  sim_start (f);
  sim_ok (f, "place 2");
  iterate_until (f, cards_are, GUINT_TO_POINTER (2));
}

static void
keep_result (GObject *source, GAsyncResult *res, gpointer data)
{
  *(GAsyncResult **) data = g_object_ref (res);
}

static gboolean
result_is_set (Fixture *f, gconstpointer data)
{
  return *(GAsyncResult *const *) data != NULL;
}

static CivCardData *
read_now (Fixture *f, CivCardReader *reader, GError **error)
{
  g_autoptr (GAsyncResult) res = NULL;

  civ_card_reader_read_async (reader, NULL, keep_result, &res);
  iterate_until (f, result_is_set, &res);
  return civ_card_reader_read_finish (reader, res, error);
}

static void
test_read_async (Fixture *f, gconstpointer data)
{
  g_autoptr (CivCardReader) idle = civ_card_reader_new (f->link);
  g_autoptr (GError) error = NULL;
  g_autoptr (CivCardData) c1 = NULL;
  g_autoptr (CivCardData) c2 = NULL;
  g_autoptr (CivCardData) c3 = NULL;

  /* A reader not watching: no card, then a card. */
  g_assert_null (read_now (f, idle, &error));
  g_assert_error (error, CIV_CARD_READER_ERROR_DOMAIN, CIV_CARD_READER_ERROR_NO_CARD);
  g_clear_error (&error);
  sim_ok (f, "place 1");
  c1 = read_now (f, idle, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (c1->name, ==, "李娜");

  /* The watching reader read it too, once; F2 reads it again on demand,
   * and the watcher does not emit it a second time. */
  iterate_until (f, cards_are, GUINT_TO_POINTER (1));
  c2 = read_now (f, f->reader, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (c2->number, ==, "310101199007080249");
  wait_finds (f, 3);
  g_assert_cmpuint (f->cards->len, ==, 1);

  /* From here the one-shot reads are the port's only users: a watcher
   * that reads the card again (a find timing out on a busy machine makes
   * it see the card as new) would take the spoiled answer meant for them. */
  civ_card_reader_stop (f->reader);

  /* A damaged answer to the one-shot read is its error. */
  sim_ok (f, "fault bad-checksum");
  g_assert_null (read_now (f, idle, &error));
  g_assert_error (error, CIV_CARD_READER_ERROR_DOMAIN, CIV_CARD_READER_ERROR_DAMAGED);
  g_clear_error (&error);

  /* The blocking one-shot of the command line. */
  c3 = civ_card_read_port (f->link, 5000, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (c3->name, ==, "李娜");
}

static void
test_no_reader (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;

  f.dir = civ_test_mkdtemp ();
  f.link = g_build_filename (f.dir, "ttyNONE", NULL);
  f.cards = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_card_data_free);
  f.states = g_array_new (FALSE, FALSE, sizeof (CivCardReaderState));
  f.errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  f.reader = civ_card_reader_new (f.link);
  g_signal_connect (f.reader, "notify::state", G_CALLBACK (on_state), &f);
  g_assert_cmpint (civ_card_reader_get_state (f.reader), ==, CIV_CARD_READER_NO_READER);
  g_assert_nonnull (strstr (civ_card_reader_get_message (f.reader), f.link));
  civ_card_reader_start (f.reader);
  iterate_until (&f, state_is, GINT_TO_POINTER (CIV_CARD_READER_NO_READER));
  g_assert_null (read_now (&f, f.reader, &error));
  g_assert_error (error, CIV_CARD_READER_ERROR_DOMAIN, CIV_CARD_READER_ERROR_NO_READER);
  g_clear_error (&error);
  /* A file that is not a serial port is no reader either. */
  g_assert_true (g_file_set_contents (f.link, "x", -1, NULL));
  g_assert_null (civ_card_read_port (f.link, 100, &error));
  g_assert_error (error, CIV_CARD_READER_ERROR_DOMAIN, CIV_CARD_READER_ERROR_NO_READER);
  teardown (&f, NULL);
}

/* The port of this window: the environment first, then GSettings (the
 * compiled schema of the build, a memory backend). */
static void
test_configured_port (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *from_env = NULL;
      g_autofree char *none = NULL;
      g_autofree char *from_settings = NULL;
      g_autoptr (GSettings) settings = NULL;

      g_setenv ("CIVREG_CARD_READER", "/dev/ttyUSB3", TRUE);
      from_env = civ_card_reader_configured_port ();
      g_assert_cmpstr (from_env, ==, "/dev/ttyUSB3");
      g_unsetenv ("CIVREG_CARD_READER");
      none = civ_card_reader_configured_port ();
      g_assert_null (none);
      settings = g_settings_new ("org.civreg.Civreg");
      g_settings_set_string (settings, "card-reader-port", "/dev/ttyS1");
      from_settings = civ_card_reader_configured_port ();
      g_assert_cmpstr (from_settings, ==, "/dev/ttyS1");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int argc, char **argv)
{
  g_autofree char *schemas = g_build_filename (g_getenv ("CIVREG_BUILD_ROOT"), "resources", NULL);

  /* Before any thread: the compiled schema of the build, in memory. */
  g_unsetenv ("CIVREG_IDENTITY_PLUGIN");
  g_unsetenv ("CIVREG_CARD_READER");
  g_setenv ("GSETTINGS_SCHEMA_DIR", schemas, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/card-reader/read-once", Fixture, NULL, setup, test_read_once, teardown);
  g_test_add ("/card-reader/faults", Fixture, NULL, setup, test_faults, teardown);
  g_test_add ("/card-reader/fault-pulled", Fixture, NULL, setup, test_fault_pulled, teardown);
  g_test_add ("/card-reader/fault-silent", Fixture, NULL, setup, test_fault_silent, teardown);
  g_test_add ("/card-reader/fault-garbage", Fixture, NULL, setup, test_fault_garbage, teardown);
  g_test_add ("/card-reader/hot-plug", Fixture, NULL, setup, test_hot_plug, teardown);
  g_test_add ("/card-reader/read-async", Fixture, NULL, setup, test_read_async, teardown);
  g_test_add_func ("/card-reader/no-reader", test_no_reader);
  g_test_add_func ("/card-reader/configured-port", test_configured_port);
  return g_test_run ();
}
