/* civ-test-utils.h — helpers shared by the test programs */
#pragma once

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

/* Reads a whole file; aborts the test on failure. */
GBytes *civ_test_read_file (const char *path);

/* TRUE when @needle occurs in @haystack (byte search). */
gboolean civ_test_bytes_contain (GBytes *haystack, const void *needle, gsize len);

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
