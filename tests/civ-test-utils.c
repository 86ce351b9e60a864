/* civ-test-utils.c — helpers shared by the test programs */
#define _GNU_SOURCE
#include "civ-test-utils.h"

#include "civ-idnumber.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

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
