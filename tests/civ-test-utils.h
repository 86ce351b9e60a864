/* civ-test-utils.h — helpers shared by the test programs */
#pragma once

#include "civ-calendar.h"
#include "civ-store.h"

G_BEGIN_DECLS

/* Cheap Argon2id parameters for tests only (the production default is 64 MiB). */
void civ_test_fast_kdf (CivKdfParams *params);

/* A fresh temporary folder, removed by civ_test_rmdir(). */
char *civ_test_mkdtemp (void);
void  civ_test_rmdir (const char *path);

/* Creates an office in a new temporary folder with supervisor "admin"
 * (password "supervisor-pw") and returns it open. */
CivStore *civ_test_new_office (char **data_dir, char **recovery_code);
/* A copy of the closed office in @template_dir, opened as the supervisor. */
CivStore *civ_test_copy_office (const char *template_dir, char **data_dir);

/* Reads a whole file; aborts the test on failure. */
GBytes *civ_test_read_file (const char *path);

/* TRUE when @needle occurs in @haystack (byte search). */
gboolean civ_test_bytes_contain (GBytes *haystack, const void *needle, gsize len);

/* A valid 18-digit identity number: 6-digit region, YYYYMMDD birth date,
 * 3-digit sequence (odd = male, even = female) and its check character. */
char *civ_test_make_id (const char *region, const char *birth, int seq);

/* Sets @date to y-m-d. */
void civ_test_date (GDate *date, int y, int m, int day);

/* A calendar holding only the 2024 National Day holiday (10-01…10-07) and
 * its make-up working days (09-29, 10-12), with 2024 marked covered: the
 * fixture of the worked example in domain.md §2.2. */
CivCalendar *civ_test_calendar_2024 (void);

/* Runs the civreg-cli named by $CIVREG_CLI with @args (NULL-terminated),
 * standard input closed, and collects its exit status and output. */
typedef struct
{
  int   status;
  char *out;
  char *err;
} CivCliRun;

void civ_test_run_cli (CivCliRun *run, const char *const *args);
void civ_cli_run_clear (CivCliRun *run);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CivCliRun, civ_cli_run_clear)

#define CIV_TEST_SUPERVISOR "admin"
#define CIV_TEST_SUPERVISOR_PW "supervisor-pw"

G_END_DECLS
