// SPDX-License-Identifier: GPL-3.0-or-later
/* report-test-utils.h — the reference provincial server, test certificates
 * and an enrolled office, for the reporting tests */
#pragma once

#include <gio/gio.h>

#include "civ-report-http-private.h"
#include "civ-report.h"

G_BEGIN_DECLS

typedef struct
{
  char        *tmp;       /* everything below lives here */
  char        *certs;     /* make-certs.sh output */
  char        *state;     /* the server's store */
  char        *keys_file; /* enrolled workstation keys */
  GSubprocess *server;
  int          port;
  char        *url;
  char        *office_dir;
  CivStore    *store;
} ReportEnv;

/* Makes certificates and an office (not yet enrolled). */
void report_env_init (ReportEnv *env);
void report_env_clear (ReportEnv *env);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ReportEnv, report_env_clear)
char *report_env_cert (ReportEnv *env, const char *name);

/* Starts the server with the test certificates and @extra options
 * (NULL-terminated, may be NULL); @server_cert "server" or "other-server",
 * @client_ca "ca" or "other-ca". Waits for its PORT line. */
void report_env_start_server (ReportEnv         *env,
                              const char        *server_cert,
                              const char        *client_ca,
                              const char *const *extra);
void report_env_stop_server (ReportEnv *env);

/* Enrolls the office with the server's URL, the test CA and @client
 * ("client" or "other-client"); registers the public key with the server
 * when @register_key. */
void report_env_enroll (ReportEnv *env, const char *client, gboolean register_key, int timeout_ms);

/* Registers couple @k at env's window 100 days ago and accepts their
 * divorce application @accepted_days_ago days ago (R-D1…R-D5 satisfied);
 * returns the application's record id, the marriage's certificate number
 * in *@certificate. */
char *report_env_divorce_application (ReportEnv *env,
                                      int        k,
                                      int        accepted_days_ago,
                                      char     **certificate);

/* Another window of the office: a new data folder (*@dir) enrolled with
 * the same server and client certificate, its key registered. */
CivStore *report_env_new_window (ReportEnv *env, char **dir);

/* Registers @n marriages (couples numbered from @first). */
void  report_env_register (ReportEnv *env, int first, int n);
/* Registers couple @k; returns its certificate number (J…). */
char *report_env_register_one (ReportEnv *env, int k);
/* The same on @day; with @refusal, a refusal is returned there (NULL
 * returned) instead of failing the test. */
char *report_env_register_on (ReportEnv *env, int k, const GDate *day, GError **refusal);

typedef struct
{
  GHashTable *items;      /* key → number of "item" lines (accepted) */
  guint       duplicates; /* "duplicate" lines */
  guint       rejected;
  guint       tampering;
  char       *last_tamper;
} ProvinceState;

void province_state_read (ReportEnv *env, ProvinceState *state);
void province_state_clear (ProvinceState *state);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ProvinceState, province_state_clear)

/* Asserts every outbox row is delivered or parked, and every delivered row
 * is at the server exactly once with the receipt the server gave. */
void report_assert_exactly_once (ReportEnv *env, gint64 expect_parked);

/* What holds at any moment, even right after a crash: nothing is at the
 * server twice, nothing is there that the office did not commit, and every
 * row the office marked delivered is there. */
void report_assert_at_most_once (ReportEnv *env);

gint64 report_count (ReportEnv *env, const char *sql);

/* One enrolled workstation that posts requests by hand (the server tests):
 * the env's office database, or another one (another window). */
typedef struct
{
  CivStore            *store;
  char                *dir; /* the data folder of another database, else NULL */
  char                *id;
  CivReportEnrollment *e;
  CivReportClient     *client;
} ReportWs;

/* The env's office, enrolled, its key registered. */
void  report_ws_first (ReportEnv *env, ReportWs *w);
/* Another database of the same office code, enrolled with the same server;
 * every key stays registered. */
void  report_ws_other (ReportEnv *env, ReportWs *w);
void  report_ws_clear (ReportWs *w);
/* Sends @body (POST, signed by @w) or a GET of @path; the reply's text. */
char *report_ws_request (ReportWs *w, const char *path, const char *body, long *status);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ReportWs, report_ws_clear)

G_END_DECLS
