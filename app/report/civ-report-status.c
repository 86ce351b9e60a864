// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-report-status.c — the online marital-status check (联网核对, R-M7)
 * and the reference data the province distributes
 */
#include "civ-report.h"

#include <gcrypt.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "civ-permissions.h"
#include "civ-report-alarm-private.h"
#include "civ-json.h"
#include "civ-report-replies-private.h"

#define STATUS_TIMEOUT_MS 5000

void
civ_report_marital_answer_clear (CivReportMaritalAnswer *answer)
{
  g_clear_pointer (&answer->current_marriage, g_free);
}

/* What a request to the province needs, read once on the database thread,
 * and what happened meanwhile, recorded there afterwards. */
struct _CivReportProvince
{
  CivReportEnrollment *e; /* NULL: not enrolled, or not allowed */
  char                *workstation;
  gboolean             may_check; /* CIV_PERM_REGISTER_MARRIAGE */
  GError              *not_ready;
  GMutex               lock;
  GPtrArray           *checked;  /* identity keys answered online (to audit) */
  GArray              *failures; /* Failure */
};

typedef struct
{
  CivReportReply reply; /* cause, alert, status; no body */
  GError        *error;
} Failure;

static void
failure_clear (Failure *f)
{
  g_clear_error (&f->error);
}

CivReportProvince *
civ_report_province_load (CivStore *store)
{
  CivReportProvince *p = g_new0 (CivReportProvince, 1);
  CivDb             *db;

  g_mutex_init (&p->lock);
  p->checked = g_ptr_array_new_with_free_func (g_free);
  p->failures = g_array_new (FALSE, TRUE, sizeof (Failure));
  g_array_set_clear_func (p->failures, (GDestroyNotify) failure_clear);
  g_return_val_if_fail (CIV_IS_STORE (store), p);

  if (civ_store_is_locked (store))
    {
      p->not_ready = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                                          _ ("The workstation is locked."));
      return p;
    }
  db = civ_store_get_db (store);
  p->may_check = civ_require (store, CIV_PERM_REGISTER_MARRIAGE, NULL);
  p->e = civ_report_store_get_enrollment (db, &p->not_ready);
  if (p->e == NULL && p->not_ready == NULL)
    p->not_ready = g_error_new_literal (CIV_REPORT_ERROR, CIV_REPORT_ERROR_NOT_ENROLLED,
                                        _ ("This workstation is not enrolled for reporting yet"));
  p->workstation = civ_db_get_setting (db, "workstation_id");
  return p;
}

void
civ_report_province_free (CivReportProvince *p)
{
  if (p == NULL)
    return;
  g_clear_pointer (&p->e, civ_report_enrollment_free);
  g_free (p->workstation);
  g_clear_error (&p->not_ready);
  g_ptr_array_unref (p->checked);
  g_array_unref (p->failures);
  g_mutex_clear (&p->lock);
  g_free (p);
}

/* A GET on the province, without the database; NULL when there is no 200
 * reply. A failure is kept for civ_report_province_record() to judge. */
static GBytes *
province_get (
  CivReportProvince *p, const char *path, int timeout_ms, GCancellable *cancellable, GError **error)
{
  g_autoptr (CivReportClient) client = NULL;
  g_auto (CivReportReply) reply = { 0 };
  g_autofree char *ws_header = NULL;
  g_autoptr (GError) local = NULL;

  if (p->e == NULL)
    {
      g_propagate_error (error, g_error_copy (p->not_ready));
      return NULL;
    }
  ws_header = g_strdup_printf ("X-Civreg-Workstation: %s", p->workstation ? p->workstation : "");
  client = _civ_report_client_new (p->e, timeout_ms);
  _civ_report_client_set_cancellable (client, cancellable);
  if (!_civ_report_client_request (client, path, (const char *const[]){ ws_header, NULL }, NULL, 0,
                                   &reply, &local) ||
      reply.cause != CIV_REPORT_CAUSE_NONE)
    {
      Failure f = { 0 };

      f.reply.cause = reply.cause;
      f.reply.alert = reply.alert;
      f.reply.status = reply.status;
      f.error = g_error_copy (local);
      g_mutex_lock (&p->lock);
      g_array_append_val (p->failures, f);
      g_mutex_unlock (&p->lock);
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (reply.status != 200)
    {
      g_set_error (error, CIV_REPORT_ERROR,
                   reply.status == 408 || reply.status == 429 || reply.status >= 500
                     ? CIV_REPORT_ERROR_TRANSPORT
                     : CIV_REPORT_ERROR_REFUSED,
                   _ ("HTTP %ld from the province"), reply.status);
      return NULL;
    }
  return g_steal_pointer (&reply.body);
}

void
civ_report_province_record (CivReportProvince *p, CivStore *store)
{
  g_autoptr (GPtrArray) checked = NULL;
  g_autoptr (GArray) failures = NULL;

  g_return_if_fail (p != NULL);
  g_return_if_fail (CIV_IS_STORE (store));

  g_mutex_lock (&p->lock);
  checked = g_steal_pointer (&p->checked);
  failures = g_steal_pointer (&p->failures);
  p->checked = g_ptr_array_new_with_free_func (g_free);
  p->failures = g_array_new (FALSE, TRUE, sizeof (Failure));
  g_array_set_clear_func (p->failures, (GDestroyNotify) failure_clear);
  g_mutex_unlock (&p->lock);

  if (p->e == NULL || civ_store_is_locked (store))
    return;
  for (guint i = 0; i < checked->len; i++)
    {
      g_autoptr (CivJson) json = civ_json_new ();
      g_autofree char *detail = NULL;

      civ_json_string (json, "source", "online");
      detail = civ_json_finish (json);
      civ_store_audit (store, "report.status-check", g_ptr_array_index (checked, i), detail, NULL);
    }
  for (guint i = 0; i < failures->len; i++)
    {
      Failure *f = &g_array_index (failures, Failure, i);
      _civ_report_judge (store, p->e, &f->reply, &f->error);
    }
  if (failures->len == 0 && checked->len > 0)
    {
      /* An answer ends a run of closed connections. */
      CivReportReply answered = { .cause = CIV_REPORT_CAUSE_NONE, .alert = -1 };
      _civ_report_judge (store, p->e, &answered, NULL);
    }
}

static void
ask_province (CivReportProvince      *p,
              const char             *id_key,
              int                     timeout_ms,
              GCancellable           *cancellable,
              CivReportMaritalAnswer *answer)
{
  g_autoptr (GBytes) body = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  memset (answer, 0, sizeof *answer);
  answer->source = CIV_STATUS_SOURCE_LOCAL_ONLY;
  answer->status = CIV_MARITAL_NOT_STATED;
  if (id_key == NULL || *id_key == '\0' || !p->may_check)
    return;
  escaped = g_uri_escape_string (id_key, NULL, FALSE);
  path = g_strdup_printf ("/v1/persons/%s/marital-status", escaped);
  body = province_get (p, path, timeout_ms > 0 ? timeout_ms : STATUS_TIMEOUT_MS, cancellable, NULL);
  if (body == NULL)
    return;
  {
    gsize       len = 0;
    const char *data = g_bytes_get_data (body, &len);

    if (!_civ_report_parse_marital_reply (data, len, answer))
      return;
  }
  g_mutex_lock (&p->lock);
  g_ptr_array_add (p->checked, g_strdup (id_key));
  g_mutex_unlock (&p->lock);
}

void
civ_report_check_marital_status (CivStore               *store,
                                 const char             *id_key,
                                 int                     timeout_ms,
                                 CivReportMaritalAnswer *answer)
{
  CivReportProvince *p;

  g_return_if_fail (CIV_IS_STORE (store));
  g_return_if_fail (answer != NULL);

  p = civ_report_province_load (store);
  civ_report_province_ask_status (p, NULL, id_key, timeout_ms, NULL, answer);
  civ_report_province_record (p, store);
  civ_report_province_free (p);
}

struct _CivReportStatusCache
{
  GMutex      lock;
  gint64      ttl_us;
  GHashTable *answers; /* id key → CachedAnswer */
};

typedef struct
{
  gint64                 at; /* g_get_monotonic_time () */
  CivReportMaritalAnswer answer;
} CachedAnswer;

static void
cached_answer_free (CachedAnswer *c)
{
  civ_report_marital_answer_clear (&c->answer);
  g_free (c);
}

static void
answer_copy (CivReportMaritalAnswer *dst, const CivReportMaritalAnswer *src)
{
  *dst = *src;
  dst->current_marriage = g_strdup (src->current_marriage);
}

CivReportStatusCache *
civ_report_status_cache_new (gint64 ttl_us)
{
  CivReportStatusCache *cache = g_new0 (CivReportStatusCache, 1);

  g_mutex_init (&cache->lock);
  cache->ttl_us = ttl_us;
  cache->answers =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) cached_answer_free);
  return cache;
}

void
civ_report_status_cache_free (CivReportStatusCache *cache)
{
  if (cache == NULL)
    return;
  g_hash_table_unref (cache->answers);
  g_mutex_clear (&cache->lock);
  g_free (cache);
}

void
civ_report_status_cache_clear (CivReportStatusCache *cache)
{
  g_return_if_fail (cache != NULL);
  g_mutex_lock (&cache->lock);
  g_hash_table_remove_all (cache->answers);
  g_mutex_unlock (&cache->lock);
}

void
civ_report_province_ask_status (CivReportProvince      *p,
                                CivReportStatusCache   *cache,
                                const char             *id_key,
                                int                     timeout_ms,
                                GCancellable           *cancellable,
                                CivReportMaritalAnswer *answer)
{
  CachedAnswer *c;
  gboolean      hit = FALSE;

  g_return_if_fail (p != NULL);
  g_return_if_fail (answer != NULL);

  if (cache != NULL && id_key != NULL)
    {
      g_mutex_lock (&cache->lock);
      c = g_hash_table_lookup (cache->answers, id_key);
      if (c != NULL && g_get_monotonic_time () - c->at < cache->ttl_us)
        {
          answer_copy (answer, &c->answer);
          hit = TRUE;
        }
      g_mutex_unlock (&cache->lock);
    }
  if (hit)
    return;
  ask_province (p, id_key, timeout_ms, cancellable, answer);
  if (cache == NULL || answer->source != CIV_STATUS_SOURCE_ONLINE)
    return;
  c = g_new0 (CachedAnswer, 1);
  c->at = g_get_monotonic_time ();
  answer_copy (&c->answer, answer);
  g_mutex_lock (&cache->lock);
  g_hash_table_replace (cache->answers, g_strdup (id_key), c);
  g_mutex_unlock (&cache->lock);
}

void
civ_report_check_marital_status_cached (CivStore               *store,
                                        CivReportStatusCache   *cache,
                                        const char             *id_key,
                                        int                     timeout_ms,
                                        CivReportMaritalAnswer *answer)
{
  CivReportProvince *p;

  g_return_if_fail (CIV_IS_STORE (store));
  g_return_if_fail (cache != NULL);

  p = civ_report_province_load (store);
  civ_report_province_ask_status (p, cache, id_key, timeout_ms, NULL, answer);
  civ_report_province_record (p, store);
  civ_report_province_free (p);
}

static gboolean
safe_name (const char *name)
{
  if (name == NULL || *name == '\0' || *name == '.' || strlen (name) > 128)
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

static char *
sha256_hex (GBytes *data)
{
  guint8   digest[32];
  GString *hex = g_string_new (NULL);

  gcry_md_hash_buffer (GCRY_MD_SHA256, digest, g_bytes_get_data (data, NULL),
                       g_bytes_get_size (data));
  for (guint i = 0; i < sizeof digest; i++)
    g_string_append_printf (hex, "%02x", digest[i]);
  return g_string_free (hex, FALSE);
}

gboolean
civ_report_fetch_refdata (CivStore *store, GPtrArray **reports, GError **error)
{
  g_autoptr (GBytes) list = NULL;
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GPtrArray) divisions = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) holidays = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) all =
    g_ptr_array_new_with_free_func ((GDestroyNotify) civ_refdata_report_free);
  g_autofree char *tmp = NULL;
  JsonObject      *o;
  JsonArray       *files;
  gboolean         ok = FALSE;
  g_autoptr (CivReportProvince) p = NULL;

  if (!civ_require (store, CIV_PERM_IMPORT_REFDATA, error))
    return FALSE;
  /* The command line's own thread owns the connection and does the
   * downloads too: nothing else waits for it there. */
  p = civ_report_province_load (store);
  list = province_get (p, "/v1/refdata", 0, NULL, error);
  civ_report_province_record (p, store);
  if (list == NULL)
    return FALSE;
  parser = civ_json_parse_outside (g_bytes_get_data (list, NULL), g_bytes_get_size (list),
                                   CIV_JSON_GUARD_INPUT_MAX, CIV_JSON_GUARD_NO_DUPLICATES, NULL);
  o = parser && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser))
        ? json_node_get_object (json_parser_get_root (parser))
        : NULL;
  if (o == NULL || !json_object_has_member (o, "files") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (o, "files")))
    {
      g_set_error_literal (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_PROTOCOL,
                           _ ("The province's reference-data list does not follow the protocol"));
      return FALSE;
    }
  tmp = g_dir_make_tmp ("civreg-refdata-XXXXXX", error);
  if (tmp == NULL)
    return FALSE;
  files = json_object_get_array_member (o, "files");
  for (guint i = 0; i < json_array_get_length (files); i++)
    {
      JsonNode        *n = json_array_get_element (files, i);
      JsonObject      *f = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
      const char      *kind = f ? json_object_get_string_member_with_default (f, "kind", "") : "";
      const char      *name = f ? json_object_get_string_member_with_default (f, "name", "") : "";
      const char      *sha = f ? json_object_get_string_member_with_default (f, "sha256", "") : "";
      g_autofree char *path = NULL;
      g_autofree char *local = NULL;
      g_autofree char *got = NULL;
      g_autoptr (GBytes) data = NULL;
      CivRefdataKind k;

      if (!civ_refdata_kind_from_string (kind, &k) || !safe_name (name))
        {
          g_set_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_PROTOCOL,
                       _ ("The province lists an unusable reference-data file “%s/%s”"), kind,
                       name);
          goto out;
        }
      path = g_strdup_printf ("/v1/refdata/%s/%s", kind, name);
      data = province_get (p, path, 0, NULL, error);
      civ_report_province_record (p, store);
      if (data == NULL)
        goto out;
      got = sha256_hex (data);
      if (g_ascii_strcasecmp (got, sha) != 0)
        {
          g_set_error (error, CIV_REPORT_ERROR, CIV_REPORT_ERROR_PROTOCOL,
                       _ ("The reference-data file %s arrived damaged (SHA-256 differs)"), name);
          goto out;
        }
      local = g_build_filename (tmp, name, NULL);
      if (!g_file_set_contents (local, g_bytes_get_data (data, NULL), g_bytes_get_size (data),
                                error))
        goto out;
      g_ptr_array_add (k == CIV_REFDATA_DIVISIONS ? divisions : holidays, g_steal_pointer (&local));
    }
  g_ptr_array_add (divisions, NULL);
  g_ptr_array_add (holidays, NULL);
  ok = TRUE;
  for (guint pass = 0; pass < 2 && ok; pass++)
    {
      GPtrArray *names = pass == 0 ? divisions : holidays;
      g_autoptr (GPtrArray) part = NULL;

      if (names->len <= 1)
        continue;
      ok = civ_refdata_import (store, pass == 0 ? CIV_REFDATA_DIVISIONS : CIV_REFDATA_HOLIDAYS,
                               (const char *const *) names->pdata, &part, error);
      while (ok && part && part->len > 0)
        g_ptr_array_add (all, g_ptr_array_steal_index (part, 0));
    }

out:
  for (guint i = 0; i < divisions->len; i++)
    if (g_ptr_array_index (divisions, i))
      g_unlink (g_ptr_array_index (divisions, i));
  for (guint i = 0; i < holidays->len; i++)
    if (g_ptr_array_index (holidays, i))
      g_unlink (g_ptr_array_index (holidays, i));
  g_rmdir (tmp);
  if (ok && reports)
    *reports = g_steal_pointer (&all);
  return ok;
}
