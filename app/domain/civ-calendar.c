// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-calendar.c — the working-day calendar and the divorce deadlines (R-D5, R-D6) */
#include "civ-calendar.h"

#include <time.h>

#include <string.h>

typedef struct
{
  char    *name;
  gboolean is_off_day;
} ListedDay;

struct _CivCalendar
{
  GHashTable *days;  /* julian day → ListedDay */
  GHashTable *years; /* covered years (set) */
};

static void
listed_day_free (ListedDay *day)
{
  g_free (day->name);
  g_free (day);
}

CivCalendar *
civ_calendar_new (void)
{
  CivCalendar *self = g_rc_box_new0 (CivCalendar);

  self->days =
    g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) listed_day_free);
  self->years = g_hash_table_new (g_direct_hash, g_direct_equal);
  return self;
}

CivCalendar *
civ_calendar_ref (CivCalendar *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_rc_box_acquire (self);
}

static void
calendar_clear (CivCalendar *self)
{
  g_hash_table_unref (self->days);
  g_hash_table_unref (self->years);
}

void
civ_calendar_unref (CivCalendar *self)
{
  g_return_if_fail (self != NULL);

  g_rc_box_release_full (self, (GDestroyNotify) calendar_clear);
}

void
civ_calendar_add_day (CivCalendar *self, const GDate *day, const char *name, gboolean is_off_day)
{
  ListedDay *listed;

  g_return_if_fail (self != NULL);
  g_return_if_fail (day != NULL && g_date_valid (day));

  listed = g_new0 (ListedDay, 1);
  listed->name = g_strdup (name ? name : "");
  listed->is_off_day = is_off_day ? TRUE : FALSE;
  g_hash_table_replace (self->days, GUINT_TO_POINTER (g_date_get_julian (day)), listed);
}

void
civ_calendar_add_year (CivCalendar *self, int year)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (year > 0);

  g_hash_table_add (self->years, GINT_TO_POINTER (year));
}

gboolean
civ_calendar_covers (CivCalendar *self, int year)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return g_hash_table_contains (self->years, GINT_TO_POINTER (year));
}

gboolean
civ_calendar_is_rest_day (CivCalendar *self, const GDate *day, gboolean *provisional)
{
  const ListedDay *listed = NULL;
  GDateWeekday     weekday;

  g_return_val_if_fail (day != NULL && g_date_valid (day), FALSE);

  if (self == NULL || !civ_calendar_covers (self, g_date_get_year (day)))
    {
      if (provisional)
        *provisional = TRUE;
    }
  if (self != NULL)
    listed = g_hash_table_lookup (self->days, GUINT_TO_POINTER (g_date_get_julian (day)));
  if (listed != NULL)
    return listed->is_off_day;

  weekday = g_date_get_weekday (day);
  return weekday == G_DATE_SATURDAY || weekday == G_DATE_SUNDAY;
}

const char *
civ_calendar_day_name (CivCalendar *self, const GDate *day)
{
  const ListedDay *listed;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (day != NULL && g_date_valid (day), NULL);

  listed = g_hash_table_lookup (self->days, GUINT_TO_POINTER (g_date_get_julian (day)));
  return listed ? listed->name : NULL;
}

void
civ_calendar_period_end (
  CivCalendar *self, const GDate *start, guint days, GDate *end, gboolean *provisional)
{
  g_return_if_fail (start != NULL && g_date_valid (start));
  g_return_if_fail (end != NULL);
  g_return_if_fail (days > 0);

  *end = *start;
  g_date_add_days (end, days);
  while (civ_calendar_is_rest_day (self, end, provisional))
    g_date_add_days (end, 1);
}

void
civ_divorce_deadlines_compute (CivCalendar *self, const GDate *accepted, CivDivorceDeadlines *out)
{
  gboolean provisional = FALSE;

  g_return_if_fail (accepted != NULL && g_date_valid (accepted));
  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);
  out->accepted = *accepted;
  /* R-D5: T0 + 1 … T0 + 30, moved to the first working day after a rest day. */
  civ_calendar_period_end (self, accepted, CIV_COOLING_OFF_DAYS, &out->cooling_off_end,
                           &provisional);
  /* R-D6: the next 30 days from the day after cooling-off ends, same rule. */
  out->window_start = out->cooling_off_end;
  g_date_add_days (&out->window_start, 1);
  civ_calendar_period_end (self, &out->cooling_off_end, CIV_ISSUANCE_WINDOW_DAYS, &out->window_end,
                           &provisional);
  out->lapsed_from = out->window_end;
  g_date_add_days (&out->lapsed_from, 1);
  out->provisional = provisional;
}

CivDivorcePhase
civ_divorce_deadlines_phase (const CivDivorceDeadlines *deadlines, const GDate *day)
{
  g_return_val_if_fail (deadlines != NULL, CIV_DIVORCE_PHASE_BEFORE);
  g_return_val_if_fail (day != NULL && g_date_valid (day), CIV_DIVORCE_PHASE_BEFORE);

  if (g_date_compare (day, &deadlines->accepted) < 0)
    return CIV_DIVORCE_PHASE_BEFORE;
  if (g_date_compare (day, &deadlines->cooling_off_end) <= 0)
    return CIV_DIVORCE_PHASE_COOLING;
  if (g_date_compare (day, &deadlines->window_end) <= 0)
    return CIV_DIVORCE_PHASE_WINDOW;
  return CIV_DIVORCE_PHASE_LAPSED;
}

gboolean
civ_date_parse_iso (const char *text, GDate *out)
{
  int year, month, day;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  year = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
  month = (text[5] - '0') * 10 + (text[6] - '0');
  day = (text[8] - '0') * 10 + (text[9] - '0');
  if (year < 1 || month < 1 || month > 12 || day < 1 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;
  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

char *
civ_date_format_iso (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u", (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date), (guint) g_date_get_day (date));
}

void
civ_date_today (GDate *out)
{
  time_t    now = time (NULL);
  struct tm tm;

  g_return_if_fail (out != NULL);
  /* localtime_r rather than a GDateTime: GLib reloads the local time zone
   * for every g_date_time_new_now_local (), and a bulk import asks for
   * today once per identity number (2 % of bench-import's time). */
  g_date_clear (out, 1);
  if (localtime_r (&now, &tm) == NULL)
    {
      g_autoptr (GDateTime) utc = g_date_time_new_now_utc ();

      g_date_set_dmy (out, (GDateDay) g_date_time_get_day_of_month (utc),
                      (GDateMonth) g_date_time_get_month (utc),
                      (GDateYear) g_date_time_get_year (utc));
      return;
    }
  g_date_set_dmy (out, (GDateDay) tm.tm_mday, (GDateMonth) (tm.tm_mon + 1),
                  (GDateYear) (tm.tm_year + 1900));
}
