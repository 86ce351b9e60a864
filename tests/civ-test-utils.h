/* civ-test-utils.h — helpers shared by the test programs */
#pragma once

#include "civ-store.h"

G_BEGIN_DECLS

/* Cheap Argon2id parameters for tests only (the production default is 64 MiB). */
void      civ_test_fast_kdf      (CivKdfParams *params);

/* A fresh temporary folder, removed by civ_test_rmdir(). */
char     *civ_test_mkdtemp       (void);
void      civ_test_rmdir         (const char   *path);

/* Creates an office in a new temporary folder with supervisor "admin"
 * (password "supervisor-pw") and returns it open. */
CivStore *civ_test_new_office    (char        **data_dir,
                                  char        **recovery_code);

/* Reads a whole file; aborts the test on failure. */
GBytes   *civ_test_read_file     (const char   *path);

/* TRUE when @needle occurs in @haystack (byte search). */
gboolean  civ_test_bytes_contain (GBytes       *haystack,
                                  const void   *needle,
                                  gsize         len);

#define CIV_TEST_SUPERVISOR "admin"
#define CIV_TEST_SUPERVISOR_PW "supervisor-pw"

G_END_DECLS
