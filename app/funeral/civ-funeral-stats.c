// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-funeral-stats.c — the cremation rate (R-F12) and the funeral figures
 * of a period (R-X4) */
#include "civ-funeral-stats.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-calendar.h"
#include "civ-json.h"
#include "civ-permissions.h"

void
civ_cremation_rate_free (CivCremationRate *rate)
{
  if (rate == NULL)
    return;
  g_free (rate->scope);
  g_free (rate->scope_prefix);
  g_free (rate->scope_level);
  g_free (rate->office_code);
  g_free (rate->from);
  g_free (rate->to);
  g_free (rate->source);
  g_free (rate);
}

char *
civ_cremation_rate_format (const CivCremationRate *rate)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", rate->rate_hundredths / 100,
                          (int) (rate->rate_hundredths % 100));
}

char *
civ_funeral_stats_parse_scope (const char *text, char **prefix, const char **level, GError **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text ? text : ""));
  const char      *lvl;
  gsize            significant;

  if (strlen (copy) != 6 || strspn (copy, "0123456789") != 6 || strncmp (copy, "00", 2) == 0 ||
      (strcmp (copy + 4, "00") != 0 && strncmp (copy + 2, "00", 2) == 0))
    {
      g_autofree char *shown = g_utf8_make_valid (copy, -1);

      civ_app_set_invalid (error, "R-F12",
                           _ ("R-F12: “%s” is not a division code: give the six digits of a "
                              "province (110000), a city (110100) or a county (110101)"),
                           shown);
      return NULL;
    }
  if (strcmp (copy + 2, "0000") == 0)
    {
      lvl = "province";
      significant = 2;
    }
  else if (strcmp (copy + 4, "00") == 0)
    {
      lvl = "city";
      significant = 4;
    }
  else
    {
      lvl = "county";
      significant = 6;
    }
  if (prefix != NULL)
    *prefix = g_strndup (copy, significant);
  if (level != NULL)
    *level = lvl;
  return g_steal_pointer (&copy);
}

/* @text trimmed, NULL when empty; FALSE with CIV_APP_ERROR_INVALID when it
 * is too long, not UTF-8 or holds a control character. */
static gboolean
clean_source (const char *text, char **out, GError **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text ? text : ""));

  *out = NULL;
  if (!g_utf8_validate (copy, -1, NULL) ||
      g_utf8_strlen (copy, -1) > (glong) CIV_FUNERAL_STATS_SOURCE_MAX)
    {
      civ_app_set_invalid (error, "R-F12",
                           _ ("R-F12: the source of the deaths is too long or not text (at most "
                              "%d characters)"),
                           CIV_FUNERAL_STATS_SOURCE_MAX);
      return FALSE;
    }
  for (const char *p = copy; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      {
        civ_app_set_invalid (error, "R-F12",
                             _ ("R-F12: the source of the deaths holds a control character: type "
                                "it again"));
        return FALSE;
      }
  if (*copy != '\0')
    *out = g_steal_pointer (&copy);
  return TRUE;
}

static char *
audit_detail (const CivCremationRate *rate)
{
  g_autoptr (CivJson) json = civ_json_new ();
  g_autofree char *percent = civ_cremation_rate_format (rate);

  civ_json_string (json, "scope", rate->scope);
  civ_json_string (json, "office_code", rate->office_code);
  civ_json_string (json, "from", rate->from);
  civ_json_string (json, "to", rate->to);
  civ_json_int (json, "cremated", rate->cremated);
  civ_json_int (json, "deaths", rate->deaths);
  civ_json_string (json, "source", rate->source);
  civ_json_string (json, "rate_percent", percent);
  civ_json_int (json, "green_burials", rate->green_burials);
  civ_json_int (json, "burial_exempt", rate->burial_exempt);
  return civ_json_finish (json);
}

CivCremationRate *
civ_funeral_stats_cremation_rate (CivStore    *store,
                                  const GDate *from,
                                  const GDate *to,
                                  gint64       deaths,
                                  const char  *scope,
                                  const char  *source,
                                  const GDate *today,
                                  GError     **error)
{
  g_autoptr (CivCremationRate) rate = g_new0 (CivCremationRate, 1);
  g_autofree char      *detail = NULL;
  const char           *level = NULL;
  CivFuneralStatsCounts counts;
  CivDb                *db;

  if (!civ_require (store, CIV_PERM_FUNERAL, error))
    return NULL;
  if (from == NULL || to == NULL || !g_date_valid (from) || !g_date_valid (to))
    {
      civ_app_set_invalid (error, "R-F12",
                           _ ("R-F12: the cremation rate needs the first and the last day of "
                              "the period"));
      return NULL;
    }
  if (today == NULL || !g_date_valid (today))
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                           _ ("The counter's date is not set"));
      return NULL;
    }
  rate->from = civ_date_format_iso (from);
  rate->to = civ_date_format_iso (to);
  if (g_date_compare (from, to) > 0)
    {
      civ_app_set_invalid (error, "R-F12",
                           _ ("R-F12: the period begins on %1$s, after its end on %2$s: give "
                              "the earlier date first"),
                           rate->from, rate->to);
      return NULL;
    }
  if (g_date_compare (to, today) > 0)
    {
      g_autofree char *today_iso = civ_date_format_iso (today);

      civ_app_set_invalid (error, "R-F12",
                           _ ("R-F12: the period ends on %1$s, after today (%2$s): its figures "
                              "are not complete yet; end it today at the latest"),
                           rate->to, today_iso);
      return NULL;
    }
  if (deaths < 1 || deaths > CIV_FUNERAL_STATS_MAX_DEATHS)
    {
      g_autofree char *shown = g_strdup_printf ("%" G_GINT64_FORMAT, deaths);

      civ_app_set_invalid (error, "R-F12",
                           _ ("R-F12: the number of deaths is %1$s: give the deaths of the "
                              "period from the statistics, a whole number from 1 to %2$d"),
                           shown, (int) CIV_FUNERAL_STATS_MAX_DEATHS);
      return NULL;
    }
  rate->deaths = deaths;
  rate->scope = civ_funeral_stats_parse_scope (scope, &rate->scope_prefix, &level, error);
  if (rate->scope == NULL)
    return NULL;
  rate->scope_level = g_strdup (level);
  if (!clean_source (source, &rate->source, error))
    return NULL;
  rate->office_code = civ_store_get_office_code (store);
  if (rate->office_code == NULL || !g_str_has_prefix (rate->office_code, rate->scope_prefix))
    {
      civ_app_set_refusal (error, "R-F12",
                           _ ("R-F12: this office (%1$s) is not in the division %2$s: it holds "
                              "only its own cases, so it cannot count the cremations there; ask "
                              "for a scope the office is in"),
                           rate->office_code ? rate->office_code : "", rate->scope);
      return NULL;
    }

  db = civ_store_get_db (store);
  if (!civ_db_begin (db, error))
    return NULL;
  if (!civ_funeral_stats_count (db, rate->scope_prefix, rate->from, rate->to, &counts, error))
    goto fail;
  rate->cremated = counts.cremated;
  rate->green_burials = counts.green_burials;
  rate->burial_exempt = counts.burial_exempt;
  /* Rounded half up: (2 × 10000 × cremated + deaths) ÷ (2 × deaths). */
  rate->rate_hundredths = (rate->cremated * 20000 + rate->deaths) / (rate->deaths * 2);
  detail = audit_detail (rate);
  if (!civ_store_audit (store, "funeral.stats.cremation_rate", rate->scope, detail, error) ||
      !civ_db_commit (db, error))
    goto fail;
  return g_steal_pointer (&rate);

fail:
  civ_db_rollback (db);
  return NULL;
}

typedef struct
{
  GDate  from;
  GDate  to;
  GDate  today;
  gint64 deaths;
  char  *scope;
  char  *source;
} Job;

static void
job_free (Job *job)
{
  g_free (job->scope);
  g_free (job->source);
  g_free (job);
}

static gboolean
rate_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  Job *job = data;

  *result = civ_funeral_stats_cremation_rate (store, &job->from, &job->to, job->deaths, job->scope,
                                              job->source, &job->today, error);
  return *result != NULL;
}

void
civ_funeral_stats_cremation_rate_async (CivSession         *session,
                                        gpointer            source_object,
                                        const GDate        *from,
                                        const GDate        *to,
                                        gint64              deaths,
                                        const char         *scope,
                                        const char         *source,
                                        const GDate        *today,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data)
{
  Job *job = g_new0 (Job, 1);

  /* An unset date stays invalid (cleared): the job refuses it. */
  g_date_clear (&job->from, 1);
  g_date_clear (&job->to, 1);
  g_date_clear (&job->today, 1);
  if (from != NULL)
    job->from = *from;
  if (to != NULL)
    job->to = *to;
  if (today != NULL)
    job->today = *today;
  job->deaths = deaths;
  job->scope = g_strdup (scope);
  job->source = g_strdup (source);
  civ_session_call (session, source_object, cancellable, rate_func, job, (GDestroyNotify) job_free,
                    (GDestroyNotify) civ_cremation_rate_free, callback, user_data);
}

CivCremationRate *
civ_funeral_stats_cremation_rate_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}
