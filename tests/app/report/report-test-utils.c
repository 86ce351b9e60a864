// SPDX-License-Identifier: GPL-3.0-or-later
/* report-test-utils.c — the reference provincial server, test certificates
 * and an enrolled office, for the reporting tests */
#include "report-test-utils.h"

#include "civ-divorce-service.h"
#include "civ-report-sign.h"

#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>

#include "civ-idnumber.h"
#include "civ-marriage-service.h"
#include "civ-test-utils.h"

void
report_env_init (ReportEnv *env)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *script = NULL;
  int              status = 0;
  char            *argv[3];

  memset (env, 0, sizeof *env);
  env->tmp = civ_test_mkdtemp ();
  env->certs = g_build_filename (env->tmp, "certs", NULL);
  env->state = g_build_filename (env->tmp, "province", NULL);
  env->keys_file = g_build_filename (env->tmp, "workstations.txt", NULL);
  script = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "app", "report", "make-certs.sh", NULL);
  argv[0] = script;
  argv[1] = env->certs;
  argv[2] = NULL;
  g_spawn_sync (NULL, argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_file_set_contents (env->keys_file, "", 0, &error);
  g_assert_no_error (error);
  env->store = civ_test_new_office (&env->office_dir, NULL);
}

char *
report_env_cert (ReportEnv *env, const char *name)
{
  return g_build_filename (env->certs, name, NULL);
}

void
report_env_clear (ReportEnv *env)
{
  report_env_stop_server (env);
  g_clear_object (&env->store);
  if (env->office_dir)
    civ_test_rmdir (env->office_dir);
  civ_test_rmdir (env->tmp);
  g_free (env->tmp);
  g_free (env->certs);
  g_free (env->state);
  g_free (env->keys_file);
  g_free (env->url);
  g_free (env->office_dir);
}

void
report_env_start_server (ReportEnv         *env,
                         const char        *server_cert,
                         const char        *client_ca,
                         const char *const *extra)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GDataInputStream) in = NULL;
  g_autofree char *line = NULL;
  const char      *bin = g_getenv ("CIVREG_PROVINCE");

  g_assert_nonnull (bin);
  g_assert_null (env->server);
  g_ptr_array_add (argv, g_strdup (bin));
  g_ptr_array_add (argv, g_strconcat ("--cert=", env->certs, "/", server_cert, ".pem", NULL));
  g_ptr_array_add (argv, g_strconcat ("--key=", env->certs, "/", server_cert, ".key", NULL));
  g_ptr_array_add (argv, g_strconcat ("--client-ca=", env->certs, "/", client_ca, ".pem", NULL));
  g_ptr_array_add (argv, g_strconcat ("--workstations=", env->keys_file, NULL));
  g_ptr_array_add (argv, g_strconcat ("--state=", env->state, NULL));
  if (env->port)
    g_ptr_array_add (argv, g_strdup_printf ("--port=%d", env->port));
  for (guint i = 0; extra && extra[i]; i++)
    g_ptr_array_add (argv, g_strdup (extra[i]));
  /* The server exits when our end of its stdin closes, even if we crash. */
  g_ptr_array_add (argv, g_strdup ("--exit-with-stdin"));
  g_ptr_array_add (argv, NULL);
  env->server =
    g_subprocess_newv ((const char *const *) argv->pdata,
                       G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDIN_PIPE, &error);
  g_assert_no_error (error);
  in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (env->server));
  line = g_data_input_stream_read_line (in, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "PORT "));
  env->port = atoi (line + 5);
  g_assert_cmpint (env->port, >, 0);
  g_free (env->url);
  env->url = g_strdup_printf ("https://127.0.0.1:%d", env->port);
}

void
report_env_stop_server (ReportEnv *env)
{
  if (env->server == NULL)
    return;
  g_subprocess_send_signal (env->server, SIGTERM);
  g_subprocess_wait (env->server, NULL, NULL);
  g_clear_object (&env->server);
}

void
report_env_enroll (ReportEnv *env, const char *client, gboolean register_key, int timeout_ms)
{
  g_autoptr (GError) error = NULL;
  g_autofree char     *ca = report_env_cert (env, "ca.pem");
  g_autofree char     *cert = g_strconcat (env->certs, "/", client, ".pem", NULL);
  g_autofree char     *key = g_strconcat (env->certs, "/", client, ".key", NULL);
  g_autofree char     *pub = NULL;
  g_autofree char     *ws = NULL;
  g_autofree char     *line = NULL;
  CivReportEnrollInput in = { 0 };

  in.server_url = env->url;
  in.ca_file = ca;
  in.cert_file = cert;
  in.key_file = key;
  in.timeout_ms = timeout_ms;
  pub = civ_report_enroll (env->store, &in, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pub);
  if (!register_key)
    return;
  ws = civ_db_get_setting (civ_store_get_db (env->store), "workstation_id");
  line = g_strdup_printf ("%s %s\n", ws, pub);
  g_file_set_contents (env->keys_file, line, -1, &error);
  g_assert_no_error (error);
}

char *
report_env_register_one (ReportEnv *env, int k)
{
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 23, G_DATE_NOVEMBER, 2026);
  return report_env_register_on (env, k, &day, NULL);
}

char *
report_env_register_on (ReportEnv *env, int k, const GDate *day, GError **refusal)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivMarriageResult) r = NULL;
  g_autofree char *id0 = NULL, *id1 = NULL, *n0 = NULL, *n1 = NULL;
  /* Odd sequence numbers are men, even ones women; 499 couples per pair of
   * birth dates, so every person is new. */
  g_autofree char *b0 = g_strdup_printf ("19%02d0101", 60 + k / 499 % 30);
  g_autofree char *b1 = g_strdup_printf ("19%02d0202", 62 + k / 499 % 30);
  CivMarriageInput in;

  civ_marriage_input_init (&in);
  in.registration_date = *day;
  in.office_designated = TRUE;
  in.household_jurisdiction = TRUE;
  id0 = civ_test_make_id ("110101", b0, 2 * (k % 499) + 1);
  id1 = civ_test_make_id ("110102", b1, 2 * (k % 499) + 2);
  n0 = g_strdup_printf ("张伟%d", k);
  n1 = g_strdup_printf ("李娜%d", k);
  for (guint i = 0; i < 2; i++)
    {
      CivMarriagePartyInput *p = &in.party[i];
      p->name = i ? n1 : n0;
      p->doc_kind = "resident-id";
      p->doc_number = i ? id1 : id0;
      p->category = CIV_RESIDENT_MAINLAND;
      p->appears_in_person = TRUE;
      p->consents = TRUE;
      p->declaration_signed = TRUE;
      p->documents_complete = TRUE;
    }
  r = civ_marriage_register (env->store, &in, NULL, &error);
  if (refusal != NULL && error != NULL)
    {
      g_propagate_error (refusal, g_steal_pointer (&error));
      return NULL;
    }
  g_assert_no_error (error);
  g_assert_true (r->registered);
  return g_strdup (r->certificate_no);
}

void
report_env_register (ReportEnv *env, int first, int n)
{
  for (int k = first; k < first + n; k++)
    g_free (report_env_register_one (env, k));
}

void
province_state_read (ReportEnv *env, ProvinceState *state)
{
  g_autofree char *path = g_build_filename (env->state, "log.jsonl", NULL);
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;

  memset (state, 0, sizeof *state);
  state->items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (GError) error = NULL;
      JsonObject *o;
      const char *type;

      if (*lines[i] == '\0')
        continue;
      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      o = json_node_get_object (json_parser_get_root (parser));
      type = json_object_get_string_member (o, "type");
      if (g_strcmp0 (type, "item") == 0)
        {
          const char *key = json_object_get_string_member (o, "key");
          guint       n = GPOINTER_TO_UINT (g_hash_table_lookup (state->items, key));
          g_hash_table_replace (state->items, g_strdup (key), GUINT_TO_POINTER (n + 1));
        }
      else if (g_strcmp0 (type, "duplicate") == 0)
        state->duplicates++;
      else if (g_strcmp0 (type, "rejected") == 0)
        state->rejected++;
      else if (g_strcmp0 (type, "tampering") == 0)
        {
          state->tampering++;
          g_free (state->last_tamper);
          state->last_tamper = g_strdup (json_object_get_string_member (o, "detail"));
        }
    }
}

void
province_state_clear (ProvinceState *state)
{
  g_clear_pointer (&state->items, g_hash_table_unref);
  g_clear_pointer (&state->last_tamper, g_free);
}

void
report_assert_at_most_once (ReportEnv *env)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = civ_outbox_list (civ_store_get_db (env->store), NULL, 0, &error);
  g_autoptr (GHashTable) local = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto (ProvinceState) state = { 0 };
  GHashTableIter iter;
  gpointer       key, value;

  g_assert_no_error (error);
  province_state_read (env, &state);
  for (guint i = 0; i < rows->len; i++)
    {
      const CivOutboxRow *r = g_ptr_array_index (rows, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (state.items, r->idempotency_key));

      g_hash_table_add (local, r->idempotency_key);
      if (g_strcmp0 (r->state, "delivered") == 0)
        g_assert_cmpuint (n, ==, 1);
    }
  g_hash_table_iter_init (&iter, state.items);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_assert_cmpuint (GPOINTER_TO_UINT (value), ==, 1);
      g_assert_true (g_hash_table_contains (local, key));
    }
}

gint64
report_count (ReportEnv *env, const char *sql)
{
  gint64 n = -1;
  g_autoptr (GError) error = NULL;

  civ_db_query_int64 (civ_store_get_db (env->store), sql, &n, &error);
  g_assert_no_error (error);
  return n;
}

void
report_assert_exactly_once (ReportEnv *env, gint64 expect_parked)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = civ_outbox_list (civ_store_get_db (env->store), NULL, 0, &error);
  g_auto (ProvinceState) state = { 0 };
  gint64 parked = 0;

  g_assert_no_error (error);
  province_state_read (env, &state);
  for (guint i = 0; i < rows->len; i++)
    {
      const CivOutboxRow *r = g_ptr_array_index (rows, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (state.items, r->idempotency_key));

      if (g_strcmp0 (r->state, "parked") == 0)
        {
          parked++;
          g_assert_nonnull (r->last_error);
          g_assert_cmpuint (n, ==, 0);
          continue;
        }
      g_assert_cmpstr (r->state, ==, "delivered");
      g_assert_nonnull (r->receipt);
      g_assert_cmpuint (n, ==, 1);
    }
  g_assert_cmpint (parked, ==, expect_parked);
  /* Nothing at the server that is not in the local outbox. */
  g_assert_cmpuint (g_hash_table_size (state.items), ==, rows->len - (guint) parked);
}

CivStore *
report_env_new_window (ReportEnv *env, char **dir)
{
  g_autoptr (GError) error = NULL;
  g_autofree char     *ca = report_env_cert (env, "ca.pem");
  g_autofree char     *cert = report_env_cert (env, "client.pem");
  g_autofree char     *key = report_env_cert (env, "client.key");
  g_autofree char     *pub = NULL, *ws = NULL, *keys = NULL, *line = NULL;
  CivReportEnrollInput in = { 0 };
  CivStore            *store = civ_test_new_office (dir, NULL);

  in.server_url = env->url;
  in.ca_file = ca;
  in.cert_file = cert;
  in.key_file = key;
  in.timeout_ms = 3000;
  pub = civ_report_enroll (store, &in, FALSE, &error);
  g_assert_no_error (error);
  ws = civ_db_get_setting (civ_store_get_db (store), "workstation_id");
  g_file_get_contents (env->keys_file, &keys, NULL, NULL);
  line = g_strdup_printf ("%s%s %s\n", keys ? keys : "", ws, pub);
  g_file_set_contents (env->keys_file, line, -1, &error);
  g_assert_no_error (error);
  return store;
}

/* Registers couple @k at env's window 100 days ago and accepts their
 * divorce application @accepted_days_ago days ago; returns the application's
 * record id, the marriage's certificate number in *@certificate. */
char *
report_env_divorce_application (ReportEnv *env, int k, int accepted_days_ago, char **certificate)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivCalendar) calendar = civ_calendar_new ();
  g_autoptr (CivDivorceResult) r = NULL;
  CivDivorceApplication app = { .both_present = TRUE,
                                .agreement_signed = TRUE,
                                .agreement_ref = "XY-17",
                                .both_capable = TRUE,
                                .certificates_presented = TRUE };
  GDate                 day;

  civ_date_today (&day);
  g_date_subtract_days (&day, 100);
  *certificate = report_env_register_on (env, k, &day, NULL);
  civ_date_today (&day);
  g_date_subtract_days (&day, (guint) accepted_days_ago);
  r = civ_divorce_accept (env->store, *certificate, &day, &app, calendar, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (r->state, ==, "COOLING");
  return g_strdup (r->record_id);
}

/* ---- Workstations that post by hand (the server tests) ------------------ */

static void
ws_open (ReportWs *w)
{
  g_autoptr (GError) error = NULL;

  w->id = civ_db_get_setting (civ_store_get_db (w->store), "workstation_id");
  g_assert_nonnull (w->id);
  w->e = civ_report_store_get_enrollment (civ_store_get_db (w->store), &error);
  g_assert_no_error (error);
  g_assert_nonnull (w->e);
  w->client = _civ_report_client_new (w->e, 0);
}

void
report_ws_first (ReportEnv *env, ReportWs *w)
{
  memset (w, 0, sizeof *w);
  report_env_enroll (env, "client", TRUE, 0);
  w->store = g_object_ref (env->store);
  ws_open (w);
}

/* Another database (another window), enrolled with the same server; every
 * key stays registered. Its office is the one it reports or takes in. */
void
report_ws_other (ReportEnv *env, ReportWs *w)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL, *mine = NULL, *both = NULL;
  CivStore        *saved = env->store;

  memset (w, 0, sizeof *w);
  w->store = civ_test_new_office (&w->dir, NULL);
  g_assert_true (g_file_get_contents (env->keys_file, &before, NULL, &error));
  env->store = w->store;
  report_env_enroll (env, "client", TRUE, 0);
  env->store = saved;
  g_assert_true (g_file_get_contents (env->keys_file, &mine, NULL, &error));
  both = g_strconcat (before, mine, NULL);
  g_assert_true (g_file_set_contents (env->keys_file, both, -1, &error));
  g_assert_no_error (error);
  ws_open (w);
}

void
report_ws_clear (ReportWs *w)
{
  g_clear_pointer (&w->client, _civ_report_client_free);
  g_clear_pointer (&w->e, civ_report_enrollment_free);
  g_clear_object (&w->store);
  if (w->dir)
    civ_test_rmdir (w->dir);
  g_clear_pointer (&w->dir, g_free);
  g_clear_pointer (&w->id, g_free);
}

/* Sends @body (POST, signed by @w) or a GET of @path; the reply's text. */
char *
report_ws_request (ReportWs *w, const char *path, const char *body, long *status)
{
  g_autoptr (GError) error = NULL;
  g_auto (CivReportReply) reply = { 0 };
  g_autofree char *sig = NULL, *sig_header = NULL, *ws_header = NULL;
  gsize            len = 0;
  const char      *data;

  ws_header = g_strdup_printf ("X-Civreg-Workstation: %s", w->id);
  if (body)
    {
      sig = civ_report_sign (w->e->signing_secret, body, strlen (body), &error);
      g_assert_no_error (error);
      sig_header = g_strdup_printf ("X-Civreg-Signature: ed25519=%s", sig);
    }
  g_assert_true (_civ_report_client_request (w->client, path,
                                             (const char *const[]){ ws_header, sig_header, NULL },
                                             body, body ? strlen (body) : 0, &reply, &error));
  g_assert_no_error (error);
  *status = reply.status;
  data = reply.body ? g_bytes_get_data (reply.body, &len) : "";
  return g_strndup (data, len);
}
