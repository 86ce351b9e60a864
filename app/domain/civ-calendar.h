// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-calendar.h — the working-day calendar and the divorce deadlines
 * (domain.md §2.2, R-D5, R-D6)
 *
 * Saturdays and Sundays are rest days unless the holiday table lists them
 * as make-up working days (调休, isOffDay false); days the table lists as
 * isOffDay true are rest days. A year the table does not cover makes every
 * answer that depends on it provisional: only weekends are known there.
 * Built by app/refdata from the database; no I/O here.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CivCalendar CivCalendar;

CivCalendar *civ_calendar_new (void);
CivCalendar *civ_calendar_ref (CivCalendar *self);
void         civ_calendar_unref (CivCalendar *self);

/* A listed day: a statutory rest day (@is_off_day) or a make-up working day. */
void     civ_calendar_add_day (CivCalendar *self,
                               const GDate *day,
                               const char  *name,
                               gboolean     is_off_day);
/* Marks @year as covered: its official table has been imported. */
void     civ_calendar_add_year (CivCalendar *self, int year);
gboolean civ_calendar_covers (CivCalendar *self, int year);

/* TRUE when @day is a rest day. @provisional (may be NULL) is set to TRUE
 * when @day's year is not covered, and left alone otherwise. @self may be
 * NULL: weekends only, always provisional. */
gboolean    civ_calendar_is_rest_day (CivCalendar *self, const GDate *day, gboolean *provisional);
/* The holiday's name for a listed day, or NULL. */
const char *civ_calendar_day_name (CivCalendar *self, const GDate *day);

/* The last day of a period of @days days counted from the day after
 * @start; when that day is a rest day, the first working day after it
 * (CC 203). @provisional as above, for every day looked at. */
void civ_calendar_period_end (
  CivCalendar *self, const GDate *start, guint days, GDate *end, gboolean *provisional);

#define CIV_COOLING_OFF_DAYS 30
#define CIV_ISSUANCE_WINDOW_DAYS 30

typedef enum
{
  CIV_DIVORCE_PHASE_BEFORE,  /* before the application was accepted */
  CIV_DIVORCE_PHASE_COOLING, /* T0 … cooling_off_end: either spouse may withdraw */
  CIV_DIVORCE_PHASE_WINDOW,  /* window_start … window_end: both may request the certificate */
  CIV_DIVORCE_PHASE_LAPSED,  /* from lapsed_from: deemed withdrawn */
} CivDivorcePhase;

typedef struct
{
  GDate    accepted;        /* T0, the day the application was accepted */
  GDate    cooling_off_end; /* R-D5 */
  GDate    window_start;    /* R-D6: the day after cooling_off_end */
  GDate    window_end;      /* R-D6 */
  GDate    lapsed_from;     /* the day after window_end */
  gboolean provisional;     /* a date fell in a year the holiday table does not cover */
} CivDivorceDeadlines;

/* R-D5, R-D6. */
void            civ_divorce_deadlines_compute (CivCalendar         *self,
                                               const GDate         *accepted,
                                               CivDivorceDeadlines *out);
CivDivorcePhase civ_divorce_deadlines_phase (const CivDivorceDeadlines *deadlines,
                                             const GDate               *day);

/* Parses exactly YYYY-MM-DD into a valid date. */
gboolean civ_date_parse_iso (const char *text, GDate *out);
/* Formats as YYYY-MM-DD (newly allocated). */
char    *civ_date_format_iso (const GDate *date);
/* Sets @out to today's date on this workstation's clock (local time). */
void     civ_date_today (GDate *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivCalendar, civ_calendar_unref)

G_END_DECLS
