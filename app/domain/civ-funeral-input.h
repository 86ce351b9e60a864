// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-funeral-input.h — what the counter is told when a death is reported
 * (domain.md §4, R-F5, R-F6): the deceased and the agent, from a form or a
 * JSON file (`civreg-cli funeral case report FILE.json`, docs/cli-funeral.md)
 *
 * Pure: parsing and the facts the rules read, no I/O. The JSON comes from
 * outside: its size and depth are guarded, an unknown member is an error
 * that names it, and every value is checked for its type.
 */
#pragma once

#include <glib.h>

#include "civ-funeral-rules.h"

G_BEGIN_DECLS

/* Longest free text of the report (a name, an address, a description). */
#define CIV_FUNERAL_TEXT_MAX 500
/* Largest report file read. */
#define CIV_FUNERAL_REPORT_MAX_BYTES (64 * 1024)

typedef struct
{
  gboolean          unidentified; /* 无名遗体 */
  char             *description;  /* required for an unidentified body */
  char             *name;
  CivSex            sex;
  char             *ethnicity; /* GB/T 3304 code, "" unknown */
  char             *country;   /* ISO 3166-1 alpha-3, "" unknown */
  CivDeceasedIdType id_type;
  char             *id_number;  /* NULL without a document */
  GDate             birth_date; /* invalid when unknown */
  char             *death_at;   /* YYYY-MM-DDTHH:MM (local), or YYYY-MM-DD */
  CivDeathPlace     death_place;
  int               marital_status; /* R-F6: 1, 2, 3, 4 or 9 */
  char             *address;
  char             *cause_of_death;
  char             *death_certificate_no; /* R-F5; NULL until it is seen */
  char             *agent_name;
  char             *agent_id_number;
  char             *agent_relationship;
  char             *agent_phone;
} CivFuneralReport;

CivFuneralReport *civ_funeral_report_new (void);
void              civ_funeral_report_free (CivFuneralReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivFuneralReport, civ_funeral_report_free)

/* The report of @len bytes of JSON (docs/cli-funeral.md, "The report
 * file"); NULL with CIV_APP_ERROR_INVALID naming the member at fault. */
CivFuneralReport *civ_funeral_report_from_json (const char *data, gsize len, GError **error);

/* Reads "YYYY-MM-DDTHH:MM" (or "YYYY-MM-DD", meaning the day) into *@date
 * and, when @minutes is not NULL, the minutes since midnight (-1 for a day
 * alone). FALSE when @text is neither or names no real day or time. */
gboolean civ_funeral_parse_moment (const char *text, GDate *date, int *minutes);

/* @text (NULL: "") trimmed; NULL with CIV_APP_ERROR_INVALID when it is not
 * UTF-8, longer than @max characters or holds a control character. The
 * message names @what and starts with @rule, the error's rule (NULL: none).
 * The funeral services check every text they keep with it. */
char *civ_funeral_clean_text (
  const char *text, guint max, const char *what, const char *rule, GError **error);
/* The counter's date @today as YYYY-MM-DD; NULL with CIV_APP_ERROR_INVALID
 * when it is not set. */
char *civ_funeral_counter_day (const GDate *today, GError **error);

/* The facts of the deceased as the rules read them; the strings point into
 * @report, which must outlive @out. */
void civ_funeral_report_deceased (const CivFuneralReport *report, CivFuneralDeceased *out);

G_END_DECLS
