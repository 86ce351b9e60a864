// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-test-utils.h — helpers shared by the test programs */
#pragma once

#include <gio/gio.h>

#include "civ-calendar.h"
#include "civ-marriage-service.h"
#include "civ-session.h"
#include "civ-store.h"

G_BEGIN_DECLS

/* Cheap Argon2id parameters for tests only (the production default is 64 MiB). */
void civ_test_fast_kdf (CivKdfParams *params);

/* A fresh temporary folder, removed by civ_test_rmdir(). */
char *civ_test_mkdtemp (void);
void  civ_test_rmdir (const char *path);

/* Creates an office in a new temporary folder with supervisor "admin"
 * (password "Supervisor-pw") and returns it open. */
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
/* The same in the office @dir as @user, the password in @password_file. */
void civ_test_run_cli_as (CivCliRun         *run,
                          const char        *dir,
                          const char        *user,
                          const char        *password_file,
                          const char *const *args);
void civ_cli_run_clear (CivCliRun *run);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CivCliRun, civ_cli_run_clear)

/* The single integer of @sql on @store's database (a count); asserts the
 * query succeeds. */
gint64 civ_test_count (CivStore *store, const char *sql);

/* Adds operator @login (@name, @role, @password) to @store; asserts it works. */
void civ_test_add_operator (
  CivStore *store, const char *login, const char *name, CivRole role, const char *password);

/* Marks both parties of @in as presenting a resident identity card in
 * person, consenting, with the declaration signed and the documents
 * complete: the ordinary case a registration test starts from. */
void civ_test_marriage_parties_ready (CivMarriageInput *in);

/* Registers @names (his, hers) with identity numbers @his and @hers on
 * @year-01-10 through the service (office designated, household
 * jurisdiction), asserts it is registered and returns the J number. */
char *civ_test_register_couple (
  CivStore *store, const char *const names[2], const char *his, const char *hers, int year);

/* Inserts a REGISTERED marriage row (张伟, 李娜; office 110101) straight
 * through the storage layer, without a certificate; returns its record id. */
char *civ_test_insert_marriage (CivDb *db);

/* A TIFF of @n pictures of @width × @height, picture i all of colours[i]
 * (RGB), written by libtiff with @compression (COMPRESSION_NONE, _LZW …). */
GBytes *civ_test_make_tiff (
  guint n, const guint8 (*colours)[3], guint width, guint height, guint16 compression);

/* The classic 1×1 RGBA PNG (67 bytes). */
extern const guint8 civ_test_tiny_png[67];

/* The text of @pdf (pdftotext, poppler-utils): laid out, or the HTML word
 * boxes when @bbox; @page 0 for every page. */
char  *civ_test_pdf_text (const char *pdf, gboolean bbox, int page);
/* The number of pages of @pdf. */
int    civ_test_pdf_pages (const char *pdf);
/* Saves page 1 of @pdf at @dpi as DIR/@name.png when $CIVREG_SCREENSHOT_DIR is set. */
void   civ_test_pdf_screenshot (const char *pdf, const char *name, int dpi);
/* The number attribute @name (e.g. "xMin") of the <word …> element at @word. */
double civ_test_bbox_attr (const char *word, const char *name);
/* The left edge and the top (pt) of the first word @word in pdftotext -bbox output. */
double civ_test_bbox_word_x (const char *bbox, const char *word);
double civ_test_bbox_word_y (const char *bbox, const char *word);

/* A session over @store (taken: from now on only the worker touches it)
 * with a worker of its own, as the login window makes one. Close it with
 * civ_test_session_close (). */
CivSession *civ_test_session_new (CivStore *store);
/* Closes @session, shuts its worker down and drops it. */
void        civ_test_session_close (CivSession *session);

/* A fixture: 王强 and 赵敏, married in 2020 (certificate @j) in a new office
 * (@dir), with a session over it (civ_test_session_new ()). */
typedef struct
{
  char       *dir;
  char       *j;
  CivSession *session;
} CivTestCouple;

void civ_test_couple_set_up (CivTestCouple *f, gconstpointer data);
void civ_test_couple_tear_down (CivTestCouple *f, gconstpointer data);

/* A new office (@dir) with a registrar "clerk", and a session as the clerk:
 * for what a registrar may not do. */
CivSession *civ_test_clerk_session_new (char **dir);

/* A GAsyncReadyCallback that keeps the result in *(GAsyncResult **) @user_data. */
void          civ_test_keep_result (GObject *source, GAsyncResult *result, gpointer user_data);
/* Iterates the default main context until *@result is set; returns it,
 * still owned by *@result. */
GAsyncResult *civ_test_await (GAsyncResult **result);
/* The same, but the result is taken: *@result is NULL again, ready for the
 * next call. */
GAsyncResult *civ_test_wait_result (GAsyncResult **result);
/* civ_test_count () on the session's worker. */
gint64        civ_test_session_count (CivSession *session, const char *sql);

#define CIV_TEST_SUPERVISOR "admin"
#define CIV_TEST_SUPERVISOR_PW "Supervisor-pw"

/* The simulated ID-card reader (tests/identity/civ-card-sim.c, $CIVREG_CARD_SIM)
 * on a pty linked at @link, with the test cards @cards (file names in
 * tests/identity/cards/, NULL-terminated) and card @place on the reader
 * (-1: none); started when this returns. */
typedef struct
{
  GSubprocess      *process;
  GOutputStream    *in;
  GDataInputStream *out;
} CivTestCardSim;

void  civ_test_card_sim_start (CivTestCardSim    *sim,
                               const char        *link,
                               const char *const *cards,
                               int                place);
/* Sends one control line ("place 1", "remove", "fault pull read", "stats")
 * and returns the simulator's one-line answer. */
char *civ_test_card_sim_command (CivTestCardSim *sim, const char *line);
/* The same, asserting the answer is "OK". */
void  civ_test_card_sim_ok (CivTestCardSim *sim, const char *line);
/* Closes its standard input (the simulator exits) and waits for it. */
void  civ_test_card_sim_stop (CivTestCardSim *sim);

G_END_DECLS
