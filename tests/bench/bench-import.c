// SPDX-License-Identifier: GPL-3.0-or-later
/* bench-import.c — CSV backfill import at scale (issue 14, architecture.md §9):
 * not a test, prints figures
 *
 *   bench-import [--rows N] [--queries N] [--dir DIR]
 *
 * Generates N realistic historical rows (default 1,000,000; names with rare
 * characters, 15-digit and absent identity numbers, partial dates, raw
 * certificate numbers of every era), half as a UTF-8 file and half as a
 * GB18030 file, and imports both files into an encrypted office and, when
 * the build has the benchmark-only plaintext switch (meson -Dbench_plaintext=true),
 * into an unkeyed SQLCipher office in the same run. Prints records/s for
 * both, their ratio, the peak RSS (VmHWM) during each import, and search
 * p50/p95 over the encrypted office afterwards (names, pinyin, identity
 * numbers, raw certificate numbers).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "civ-archive-import.h"
#include "civ-idnumber.h"
#include "civ-keyslots.h"
#include "civ-search.h"

#define PASSWORD "Bench-password"

static long
status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char      *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, field);
  return line ? strtol (line + strlen (field), NULL, 10) : -1;
}

/* Resets VmHWM to the current RSS (Linux ≥ 4.0). */
static void
reset_peak (void)
{
  FILE *f = fopen ("/proc/self/clear_refs", "w");

  if (f)
    {
      fputs ("5", f);
      fclose (f);
    }
}

static const char *const surnames[] = { "王",   "李",   "张",   "刘", "陈", "杨", "赵",
                                        "黄",   "周",   "吴",   "徐", "孙", "胡", "朱",
                                        "高",   "林",   "何",   "郭", "马", "罗", "欧阳",
                                        "司马", "上官", "诸葛", "䶮", "𠀀", "㐂", "龑" };
static const char *const given[] = { "伟", "芳",   "娜",   "秀英", "敏",   "静", "丽",
                                     "强", "磊",   "军",   "洋",   "勇",   "艳", "杰",
                                     "娟", "涛",   "明",   "超",   "秀兰", "霞", "平",
                                     "刚", "桂英", "建国", "淑珍", "玉兰", "𠀀", "㐂",
                                     "䶮", "堃",   "喆",   "昇",   "珺",   "玥", "煜" };

static void
name (GRand *r, GString *out)
{
  g_string_append (out, surnames[g_rand_int_range (r, 0, G_N_ELEMENTS (surnames))]);
  g_string_append (out, given[g_rand_int_range (r, 0, G_N_ELEMENTS (given))]);
  if (g_rand_boolean (r))
    g_string_append (out, given[g_rand_int_range (r, 0, G_N_ELEMENTS (given))]);
}

/* One party's birth date, document kind, number and status columns. */
static void
party_id (GRand *r, int year, int birth_year, int sex, guint serial, GString *out)
{
  int month = g_rand_int_range (r, 1, 13), day = g_rand_int_range (r, 1, 29);
  int seq = (int) (serial % 499) * 2 + (sex == 1 ? 1 : 2);

  g_string_append_printf (out, "%d-%02d-%02d,", birth_year, month, day);
  if (year < 1984)
    g_string_append (out, ",,ABSENT_PRE_ID,");
  else if (year < 2000)
    g_string_append_printf (out, "resident-id,110101%02d%02d%02d%03d,PRESENT,", birth_year % 100,
                            month, day, seq % 1000);
  else
    {
      char body[18];
      g_snprintf (body, sizeof body, "110101%04d%02d%02d%03d", birth_year, month, day, seq % 1000);
      g_string_append_printf (out, "resident-id,%s%c,PRESENT,", body, civ_id_check_char (body));
    }
}

static void
row (GRand *r, guint i, GString *out)
{
  int year = g_rand_int_range (r, 1950, 2004);
  int month = g_rand_int_range (r, 1, 13), day = g_rand_int_range (r, 1, 29);
  int form = g_rand_int_range (r, 0, 10);
  int his_birth = year - g_rand_int_range (r, 22, 40),
      her_birth = year - g_rand_int_range (r, 20, 38);

  g_string_append (out, g_rand_int_range (r, 0, 10) < 8 ? "marriage," : "divorce,");
  if (form == 0)
    g_string_append_printf (out, "%d,", year);
  else if (form == 1)
    g_string_append_printf (out, "%d-%02d,", year, month);
  else
    g_string_append_printf (out, "%d-%02d-%02d,", year, month, day);
  if (year < 2003)
    g_string_append_printf (out, "东婚字%d第%06u号,", year, i);
  else
    g_string_append_printf (out, "J110101-%d-%06u,", year, i % 1000000);
  g_string_append_printf (out, "110101,东城区婚姻登记处,A-%d-%03u,%u,%u,", year, i / 5000,
                          1 + (i / 10) % 500, 1 + i % 10);
  name (r, out);
  g_string_append (out, ",1,");
  party_id (r, year, his_birth, 1, i, out);
  name (r, out);
  g_string_append (out, ",2,");
  party_id (r, year, her_birth, 2, i, out);
  g_string_append (out, i % 97 == 0 ? "\"页边有涂改，照录\"\r\n" : "\r\n");
}

#define HEADER                                                                                     \
  "kind,date,raw_number,office_code,office_name,archive_no,page,entry,party1_name,party1_sex,"     \
  "party1_birth_date,party1_doc_kind,party1_doc_number,party1_doc_status,party2_name,party2_sex,"  \
  "party2_birth_date,party2_doc_kind,party2_doc_number,party2_doc_status,remarks\r\n"

/* Writes rows [@from, @to) to @path in UTF-8 or GB18030, a chunk at a time. */
static void
generate (const char *path, guint from, guint to, gboolean gb18030, GRand *r)
{
  FILE    *f = fopen (path, "wb");
  GString *chunk = g_string_new (HEADER);

  g_assert (f != NULL);
  for (guint i = from; i < to; i++)
    {
      row (r, i, chunk);
      if (chunk->len > (1 << 20) || i + 1 == to)
        {
          if (gb18030)
            {
              gsize len = 0;
              g_autoptr (GError) error = NULL;
              g_autofree char *gb =
                g_convert (chunk->str, (gssize) chunk->len, "GB18030", "UTF-8", NULL, &len, &error);
              g_assert_no_error (error);
              fwrite (gb, 1, len, f);
            }
          else
            fwrite (chunk->str, 1, chunk->len, f);
          g_string_truncate (chunk, 0);
        }
    }
  fclose (f);
  g_string_free (chunk, TRUE);
}

static void
on_progress (guint64 rows, guint64 done, guint64 total, double rate, double left, gpointer data)
{
  gint64 *last = data;
  gint64  now = g_get_monotonic_time ();

  if (now - *last < 5 * G_USEC_PER_SEC)
    return;
  *last = now;
  fprintf (stderr, "  %" G_GUINT64_FORMAT " rows, %.0f rows/s, %.0f s left, VmRSS %.1f MiB\n", rows,
           rate, left, status_kb ("VmRSS:") / 1024.0);
}

typedef struct
{
  double  seconds;
  double  cpu_seconds; /* user + system: steadier than wall time on a shared machine */
  guint64 rows;
  long    peak_kb;
} Run;

static double
cpu_seconds (void)
{
  struct rusage u;

  getrusage (RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

/* Imports both files into a new office in @dir; FALSE on failure. */
static gboolean
import_office (
  const char *dir, const char *const files[2], gboolean plain, Run *run, CivStore **store_out)
{
  g_autoptr (GError) error = NULL;
  CivKdfParams params = { .t_cost = 1, .m_cost = 256, .lanes = 1 };
  g_autoptr (CivStore) store = NULL;
  gint64 t0;
  double c0;

  g_setenv ("CIVREG_BENCH_PLAINTEXT", plain ? "1" : "0", TRUE);
  store = civ_store_create (dir, "110101", "北京市东城区婚姻登记处", "admin", "王主任", PASSWORD,
                            &params, NULL, &error);
  if (store == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return FALSE;
    }
  memset (run, 0, sizeof *run);
  reset_peak ();
  t0 = g_get_monotonic_time ();
  c0 = cpu_seconds ();
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (CivImportOptions) o = civ_import_options_new (files[i]);
      g_autoptr (CivImportResult) r = NULL;
      gint64 last = g_get_monotonic_time ();

      r = civ_archive_import (store, o, on_progress, &last, NULL, &error);
      if (r == NULL || !r->committed)
        {
          fprintf (stderr, "import of %s failed: %s\n", files[i],
                   error ? error->message : "rows rejected");
          return FALSE;
        }
      run->rows += r->rows_imported;
    }
  run->seconds = (g_get_monotonic_time () - t0) / 1e6;
  run->cpu_seconds = cpu_seconds () - c0;
  run->peak_kb = status_kb ("VmHWM:");
  if (store_out)
    *store_out = g_steal_pointer (&store);
  return TRUE;
}

static gboolean
file_is_plain (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "civreg.db", NULL);
  char             head[16] = { 0 };
  FILE            *f = fopen (path, "rb");
  gboolean         plain;

  if (f == NULL)
    return FALSE;
  plain = fread (head, 1, 16, f) == 16 && memcmp (head, "SQLite format 3", 15) == 0;
  fclose (f);
  return plain;
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
percentile (GArray *ms, double p)
{
  g_array_sort (ms, compare_double);
  return g_array_index (ms, double, (guint) (p * (ms->len - 1) + 0.5));
}

/* Search p50/p95 for queries sampled from the imported rows by @sql. */
static void
search_figures (CivDb *db, const char *label, const char *sql, CivSearchKind kind, guint n)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (sqlite3_stmt) stmt = civ_db_prepare (db, sql, &error);
  g_autoptr (GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  if (stmt == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return;
    }
  sqlite3_bind_int (stmt, 1, (int) n);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (texts, civ_db_column_dup (stmt, 0));
  for (guint i = 0; i < texts->len; i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr (CivSearchQuery) q =
        civ_search_query_new (g_ptr_array_index (texts, i), kind, NULL);
      g_autoptr (GPtrArray) page = q ? civ_search_page (db, q, NULL, 50, NULL, NULL) : NULL;
      double t = (g_get_monotonic_time () - t0) / 1000.0;

      g_array_append_val (ms, t);
    }
  if (ms->len)
    printf ("  %-34s p50 %7.2f ms  p95 %7.2f ms  (%u queries, target p95 <= 20 ms)\n", label,
            percentile (ms, 0.5), percentile (ms, 0.95), ms->len);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  gint64           rows = 1000000, queries = 300;
  g_autofree char *dir = NULL;
  g_auto (GStrv) files = g_new0 (char *, 3); /* the two files, NULL-terminated */
  g_autofree char *enc_dir = NULL, *plain_dir = NULL;
  g_autoptr (CivStore) store = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261207);
  Run                enc, plain;
  gboolean           have_plain;
  gint64             t0;
  const GOptionEntry entries[] = {
    { "rows", 0, 0, G_OPTION_ARG_INT64, &rows, "Rows to generate (default 1000000)", "N" },
    { "queries", 0, 0, G_OPTION_ARG_INT64, &queries, "Search queries per kind (default 300)", "N" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Work in DIR (kept)", "DIR" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new (NULL);

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || rows < 2)
    {
      fprintf (stderr, "%s\n", error ? error->message : "--rows must be at least 2");
      return 2;
    }
  if (dir == NULL)
    dir = g_dir_make_tmp ("civreg-bench-import-XXXXXX", &error);
  g_mkdir_with_parents (dir, 0700);
  files[0] = g_build_filename (dir, "utf8.csv", NULL);
  files[1] = g_build_filename (dir, "gb18030.csv", NULL);
  t0 = g_get_monotonic_time ();
  generate (files[0], 0, (guint) rows / 2, FALSE, rand);
  generate (files[1], (guint) rows / 2, (guint) rows, TRUE, rand);
  printf ("generated %" G_GINT64_FORMAT " rows (UTF-8 + GB18030 files) in %.1f s in %s\n", rows,
          (g_get_monotonic_time () - t0) / 1e6, dir);

  enc_dir = g_build_filename (dir, "encrypted", NULL);
  plain_dir = g_build_filename (dir, "plain", NULL);
  if (!import_office (enc_dir, (const char *const *) files, FALSE, &enc, &store))
    return 1;
  printf ("encrypted: %" G_GUINT64_FORMAT " records in %.1f s = %.0f records/s "
          "(target >= 20000; CPU %.1f s = %.0f records per CPU second), "
          "peak RSS %.1f MiB (target <= 150)\n",
          enc.rows, enc.seconds, enc.rows / enc.seconds, enc.cpu_seconds,
          enc.rows / enc.cpu_seconds, enc.peak_kb / 1024.0);

  /* Search over the encrypted office after the import. */
  {
    CivDb *db = civ_store_get_db (store);

    printf ("search after the import (first page of 50):\n");
    search_figures (db, "name", "SELECT name FROM marriage_parties ORDER BY random() LIMIT ?",
                    CIV_SEARCH_KIND_NAME, (guint) queries);
    search_figures (db, "pinyin",
                    "SELECT name_pinyin FROM marriage_parties WHERE name_pinyin <> '' "
                    "ORDER BY random() LIMIT ?",
                    CIV_SEARCH_KIND_PINYIN, (guint) queries);
    search_figures (db, "identity number (15/18 digits)",
                    "SELECT doc_number FROM marriage_parties WHERE doc_number IS NOT NULL "
                    "ORDER BY random() LIMIT ?",
                    CIV_SEARCH_KIND_ID_NUMBER, (guint) queries);
    search_figures (db, "raw certificate number",
                    "SELECT certificate_no FROM marriages WHERE certificate_no IS NOT NULL "
                    "ORDER BY random() LIMIT ?",
                    CIV_SEARCH_KIND_CERTIFICATE, (guint) queries);
  }
  g_clear_object (&store);

  if (!import_office (plain_dir, (const char *const *) files, TRUE, &plain, NULL))
    return 1;
  have_plain = file_is_plain (plain_dir);
  g_setenv ("CIVREG_BENCH_PLAINTEXT", "0", TRUE);
  if (have_plain)
    printf ("plain (unkeyed SQLCipher): %" G_GUINT64_FORMAT " records in %.1f s = %.0f records/s "
            "(CPU %.1f s), peak RSS %.1f MiB\n"
            "encrypted / plain time: %.2f (target <= 1.5), CPU time: %.2f\n",
            plain.rows, plain.seconds, plain.rows / plain.seconds, plain.cpu_seconds,
            plain.peak_kb / 1024.0, enc.seconds / plain.seconds,
            enc.cpu_seconds / plain.cpu_seconds);
  else
    printf ("plain comparison: this build encrypts every office; configure the benchmark build "
            "with -Dbench_plaintext=true to measure an unkeyed one (its import: %.0f records/s)\n",
            plain.rows / plain.seconds);
  return 0;
}
