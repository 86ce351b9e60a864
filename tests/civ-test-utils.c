// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-test-utils.c — helpers shared by the test programs */
#define _GNU_SOURCE
#include "civ-test-utils.h"

#include "civ-permissions.h"

#include "civ-idnumber.h"
#include "civ-registry-store.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <tiffio.h>
#include <unistd.h>

void
civ_test_fast_kdf (CivKdfParams *params)
{
  params->t_cost = 1;
  params->m_cost = 256;
  params->lanes = 1;
}

char *
civ_test_mkdtemp (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("civreg-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
civ_test_rmdir (const char *path)
{
  GDir       *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        civ_test_rmdir (child);
      else
        g_unlink (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

CivStore *
civ_test_new_office (char **data_dir, char **recovery_code)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = civ_test_mkdtemp ();
  CivKdfParams     params;
  CivStore        *store;

  civ_test_fast_kdf (&params);
  store = civ_store_create (dir, "110101", "北京市东城区婚姻登记处", CIV_TEST_SUPERVISOR, "王主任",
                            CIV_TEST_SUPERVISOR_PW, &params, recovery_code, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  if (data_dir)
    *data_dir = g_steal_pointer (&dir);
  return store;
}

/* Copies every file of the closed office in @template_dir into a fresh
 * folder and opens it as the supervisor: the same data key, so the copy
 * reads like the original. Saves rebuilding large fixtures for each case. */
CivStore *
civ_test_copy_office (const char *template_dir, char **data_dir)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = civ_test_mkdtemp ();
  GDir            *src = g_dir_open (template_dir, 0, &error);
  const char      *name;
  CivStore        *store;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (src)))
    {
      g_autofree char *from = g_build_filename (template_dir, name, NULL);
      g_autofree char *to = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize            len = 0;

      if (!g_file_test (from, G_FILE_TEST_IS_REGULAR))
        continue;
      g_assert_true (g_file_get_contents (from, &contents, &len, &error));
      g_assert_no_error (error);
      g_assert_true (
        g_file_set_contents_full (to, contents, len, G_FILE_SET_CONTENTS_NONE, 0600, &error));
      g_assert_no_error (error);
    }
  g_dir_close (src);
  store = civ_store_open (dir, CIV_TEST_SUPERVISOR, CIV_TEST_SUPERVISOR_PW, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  if (data_dir)
    *data_dir = g_steal_pointer (&dir);
  return store;
}

GBytes *
civ_test_read_file (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

gboolean
civ_test_bytes_contain (GBytes *haystack, const void *needle, gsize len)
{
  gsize         hlen = 0;
  const guint8 *h = g_bytes_get_data (haystack, &hlen);

  if (len == 0 || hlen < len)
    return FALSE;
  return memmem (h, hlen, needle, len) != NULL;
}

void
civ_cli_run_clear (CivCliRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

void
civ_test_run_cli_as (CivCliRun         *run,
                     const char        *dir,
                     const char        *user,
                     const char        *password_file,
                     const char *const *args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  const char *global[] = { "--data-dir", dir, "--user", user, "--password-file", password_file };

  for (guint i = 0; i < G_N_ELEMENTS (global); i++)
    g_ptr_array_add (argv, (gpointer) global[i]);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  civ_test_run_cli (run, (const char *const *) argv->pdata);
}

void
civ_test_run_cli (CivCliRun *run, const char *const *args)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocess) proc = NULL;
  const char *cli = g_getenv ("CIVREG_CLI");

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  proc =
    g_subprocess_newv ((const char *const *) argv->pdata,
                       G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  run->status = g_subprocess_get_exit_status (proc);
}

char *
civ_test_make_id (const char *region, const char *birth, int seq)
{
  g_autofree char *body = g_strdup_printf ("%s%s%03d", region, birth, seq);
  char             check = civ_id_check_char (body);

  g_assert_cmpint (check, !=, 0);
  return g_strdup_printf ("%s%c", body, check);
}

void
civ_test_date (GDate *date, int y, int m, int day)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) m, (GDateYear) y);
}

CivCalendar *
civ_test_calendar_2024 (void)
{
  CivCalendar *cal = civ_calendar_new ();
  GDate        day;

  for (int i = 1; i <= 7; i++)
    {
      civ_test_date (&day, 2024, 10, i);
      civ_calendar_add_day (cal, &day, "国庆节", TRUE);
    }
  civ_test_date (&day, 2024, 9, 29);
  civ_calendar_add_day (cal, &day, "国庆节", FALSE);
  civ_test_date (&day, 2024, 10, 12);
  civ_calendar_add_day (cal, &day, "国庆节", FALSE);
  civ_calendar_add_year (cal, 2024);
  return cal;
}

gint64
civ_test_count (CivStore *store, const char *sql)
{
  g_autoptr (GError) error = NULL;
  gint64 n = -1;

  g_assert_true (civ_db_query_int64 (civ_store_get_db (store), sql, &n, &error));
  g_assert_no_error (error);
  return n;
}

void
civ_test_add_operator (
  CivStore *store, const char *login, const char *name, CivRole role, const char *password)
{
  g_autoptr (GError) error = NULL;

  gboolean added = civ_store_add_operator (store, login, name, role, password, &error);

  g_assert_no_error (error);
  g_assert_true (added);
}

void
civ_test_marriage_parties_ready (CivMarriageInput *in)
{
  for (guint i = 0; i < 2; i++)
    {
      in->party[i].doc_kind = "resident-id";
      in->party[i].appears_in_person = TRUE;
      in->party[i].consents = TRUE;
      in->party[i].declaration_signed = TRUE;
      in->party[i].documents_complete = TRUE;
    }
}

char *
civ_test_register_couple (
  CivStore *store, const char *const names[2], const char *his, const char *hers, int year)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivMarriageResult) r = NULL;
  CivMarriageInput in;

  civ_marriage_input_init (&in);
  civ_test_date (&in.registration_date, year, 1, 10);
  in.office_designated = TRUE;
  in.household_jurisdiction = TRUE;
  civ_test_marriage_parties_ready (&in);
  in.party[0].name = names[0];
  in.party[0].doc_number = his;
  in.party[1].name = names[1];
  in.party[1].doc_number = hers;
  r = civ_marriage_register (store, &in, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (r->registered);
  return g_strdup (r->certificate_no);
}

const guint8 civ_test_tiny_png[67] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48,
  0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00,
  0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78,
  0x9c, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00,
  0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

char *
civ_test_pdf_text (const char *pdf, gboolean bbox, int page)
{
  g_autofree char *first = g_strdup_printf ("%d", page > 0 ? page : 1);
  g_autofree char *last = g_strdup_printf ("%d", page > 0 ? page : 1000);
  const char      *argv[] = { "pdftotext", "-f", first, "-l", last, bbox ? "-bbox" : "-layout",
                              pdf,         "-",  NULL };
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int   status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

int
civ_test_pdf_pages (const char *pdf)
{
  g_autofree char *bbox = civ_test_pdf_text (pdf, TRUE, 0);
  int              n = 0;

  for (const char *p = bbox; (p = strstr (p, "<page ")) != NULL; p++)
    n++;
  return n;
}

void
civ_test_pdf_screenshot (const char *pdf, const char *name, int dpi)
{
  const char      *dir = g_getenv ("CIVREG_SCREENSHOT_DIR");
  g_autofree char *prefix = NULL;
  g_autofree char *resolution = g_strdup_printf ("%d", dpi);
  g_autoptr (GError) error = NULL;
  int status = 0;

  if (dir == NULL || *dir == '\0')
    return;
  prefix = g_build_filename (dir, name, NULL);
  {
    const char *argv[] = { "pdftoppm", "-png", "-r",          resolution, "-f",   "1",
                           "-l",       "1",    "-singlefile", pdf,        prefix, NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status,
                  &error);
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

double
civ_test_bbox_attr (const char *word, const char *name)
{
  g_autofree char *key = g_strdup_printf ("%s=\"", name);
  const char      *at = strstr (word, key);

  g_assert_nonnull (at);
  return g_ascii_strtod (at + strlen (key), NULL);
}

static const char *
bbox_word (const char *bbox, const char *word)
{
  g_autofree char *needle = g_strdup_printf (">%s</word>", word);
  const char      *hit = strstr (bbox, needle);

  g_assert_nonnull (hit);
  while (hit > bbox && strncmp (hit, "<word", 5) != 0)
    hit--;
  return hit;
}

double
civ_test_bbox_word_x (const char *bbox, const char *word)
{
  return civ_test_bbox_attr (bbox_word (bbox, word), "xMin");
}

double
civ_test_bbox_word_y (const char *bbox, const char *word)
{
  return civ_test_bbox_attr (bbox_word (bbox, word), "yMin");
}

char *
civ_test_insert_marriage (CivDb *db)
{
  g_autoptr (GError) error = NULL;
  char          *record_id = g_uuid_string_random ();
  CivMarriageRow row = {
    .record_id = record_id,
    .version = 1,
    .state = "REGISTERED",
    .registration_date = "2026-05-20",
    .effective_from = "2026-05-20",
    .office_code = "110101",
    .office_name = "北京市东城区婚姻登记处",
    .registrar = CIV_TEST_SUPERVISOR,
    .certificate_no = NULL,
    .status_source = "local-only",
    .remarks = "",
    .reason = "",
    .created_by = CIV_TEST_SUPERVISOR,
  };
  CivPartyRow parties[2] = {
    { .position = 0,
      .name = "张伟",
      .sex = 1,
      .doc_kind = "resident-id",
      .doc_status = "PRESENT",
      .nationality = "CHN",
      .resident_category = "mainland",
      .status_before = 10,
      .nature = 21 },
    { .position = 1,
      .name = "李娜",
      .sex = 2,
      .doc_kind = "resident-id",
      .doc_status = "PRESENT",
      .nationality = "CHN",
      .resident_category = "mainland",
      .status_before = 10,
      .nature = 21 },
  };

  g_assert_true (civ_db_begin (db, &error));
  g_assert_cmpint (civ_marriage_insert (db, &row, parties, 0, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (civ_db_commit (db, &error));
  return record_id;
}

CivSession *
civ_test_session_new (CivStore *store)
{
  g_autoptr (CivWorker) worker = civ_worker_new ();

  return civ_session_new (worker, store, "测试民政局", "110101", civ_operator_grants (store));
}

void
civ_test_session_close (CivSession *session)
{
  g_autoptr (CivWorker) worker = g_object_ref (civ_session_get_worker (session));

  civ_session_close (session);
  g_object_unref (session);
  civ_worker_shutdown (worker);
}

void
civ_test_couple_set_up (CivTestCouple *f, gconstpointer data)
{
  static const char *const names[] = { "王强", "赵敏" };
  CivStore                *store = civ_test_new_office (&f->dir, NULL);
  g_autofree char         *his = civ_test_make_id ("110101", "19900101", 3);
  g_autofree char         *hers = civ_test_make_id ("110101", "19920202", 4);

  f->j = civ_test_register_couple (store, names, his, hers, 2020);
  f->session = civ_test_session_new (store);
}

void
civ_test_couple_tear_down (CivTestCouple *f, gconstpointer data)
{
  civ_test_session_close (f->session);
  civ_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->j);
}

CivSession *
civ_test_clerk_session_new (char **dir)
{
  g_autoptr (GError) error = NULL;
  CivStore *clerk;

  {
    g_autoptr (CivStore) store = civ_test_new_office (dir, NULL);
    civ_test_add_operator (store, "clerk", "王登记", CIV_ROLE_REGISTRAR, "Clerk-password");
  }
  clerk = civ_store_open (*dir, "clerk", "Clerk-password", &error);
  g_assert_no_error (error);
  return civ_test_session_new (clerk);
}

void
civ_test_keep_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

GAsyncResult *
civ_test_await (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

GAsyncResult *
civ_test_wait_result (GAsyncResult **result)
{
  civ_test_await (result);
  return g_steal_pointer (result);
}

static gboolean
count_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  gint64 *n = g_new (gint64, 1);

  *n = civ_test_count (store, data);
  *result = n;
  return TRUE;
}

gint64
civ_test_session_count (CivSession *session, const char *sql)
{
  GAsyncResult *pending = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree gint64 *n = NULL;

  civ_session_call (session, NULL, NULL, count_func, g_strdup (sql), g_free, g_free,
                    civ_test_keep_result, &pending);
  result = civ_test_wait_result (&pending);
  g_assert_true (civ_session_call_finish (session, result, (gpointer *) &n, &error));
  g_assert_no_error (error);
  return *n;
}

void
civ_test_card_sim_start (CivTestCardSim *sim, const char *link, const char *const *cards, int place)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autofree char *line = NULL;

  g_ptr_array_add (argv, g_strdup (g_getenv ("CIVREG_CARD_SIM")));
  for (guint i = 0; cards[i] != NULL; i++)
    {
      g_ptr_array_add (argv, g_strdup ("--card"));
      g_ptr_array_add (argv,
                       g_test_build_filename (G_TEST_DIST, "identity", "cards", cards[i], NULL));
    }
  if (place >= 0)
    g_ptr_array_add (argv, g_strdup_printf ("--place=%d", place));
  g_ptr_array_add (argv, g_strdup ("--link"));
  g_ptr_array_add (argv, g_strdup (link));
  g_ptr_array_add (argv, NULL);
  sim->process =
    g_subprocess_newv ((const char *const *) argv->pdata,
                       G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  sim->in = g_object_ref (g_subprocess_get_stdin_pipe (sim->process));
  sim->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sim->process));
  line = g_data_input_stream_read_line_utf8 (sim->out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (line, "PTY /dev/"));
  g_assert_true (g_file_test (link, G_FILE_TEST_EXISTS));
}

char *
civ_test_card_sim_command (CivTestCardSim *sim, const char *line)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *l = g_strconcat (line, "\n", NULL);
  char            *reply;

  g_output_stream_write_all (sim->in, l, strlen (l), NULL, NULL, &error);
  g_assert_no_error (error);
  reply = g_data_input_stream_read_line_utf8 (sim->out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reply);
  return reply;
}

void
civ_test_card_sim_ok (CivTestCardSim *sim, const char *line)
{
  g_autofree char *reply = civ_test_card_sim_command (sim, line);

  g_assert_cmpstr (reply, ==, "OK");
}

void
civ_test_card_sim_stop (CivTestCardSim *sim)
{
  g_autoptr (GError) error = NULL;

  if (sim->process == NULL)
    return;
  g_output_stream_close (sim->in, NULL, NULL);
  g_subprocess_wait_check (sim->process, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&sim->in);
  g_clear_object (&sim->out);
  g_clear_object (&sim->process);
}

/* A TIFF of @n pictures, picture i all of colour colours[i], written by
 * libtiff as a scanner's software would. */
GBytes *
civ_test_make_tiff (
  guint n, const guint8 (*colours)[3], guint width, guint height, guint16 compression)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  char *data = NULL;
  gsize len = 0;
  int   fd = g_file_open_tmp ("civ-test-XXXXXX.tif", &path, &error);
  TIFF *tif;

  g_assert_no_error (error);
  close (fd);
  tif = TIFFOpen (path, "w");
  g_assert_nonnull (tif);
  for (guint p = 0; p < n; p++)
    {
      g_autofree guint8 *row = g_new (guint8, width * 3);

      for (guint x = 0; x < width; x++)
        memcpy (row + 3 * x, colours[p], 3);
      TIFFSetField (tif, TIFFTAG_IMAGEWIDTH, width);
      TIFFSetField (tif, TIFFTAG_IMAGELENGTH, height);
      TIFFSetField (tif, TIFFTAG_SAMPLESPERPIXEL, 3);
      TIFFSetField (tif, TIFFTAG_BITSPERSAMPLE, 8);
      TIFFSetField (tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_RGB);
      TIFFSetField (tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
      TIFFSetField (tif, TIFFTAG_COMPRESSION, compression);
      TIFFSetField (tif, TIFFTAG_ROWSPERSTRIP, height);
      TIFFSetField (tif, TIFFTAG_SUBFILETYPE, FILETYPE_PAGE);
      TIFFSetField (tif, TIFFTAG_PAGENUMBER, p, n);
      for (guint y = 0; y < height; y++)
        g_assert_cmpint (TIFFWriteScanline (tif, row, y, 0), ==, 1);
      g_assert_true (TIFFWriteDirectory (tif));
    }
  TIFFClose (tif);
  g_assert_true (g_file_get_contents (path, &data, &len, &error));
  g_assert_no_error (error);
  g_unlink (path);
  return g_bytes_new_take (data, len);
}
