// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-funeral-stats-store.h — the figures of the funeral statistics read
 * from the cases' history (0015): bodies cremated, green burials and
 * burial-exempt cases in a period, for the offices of a division (R-F12,
 * domain.md §5 R-X4)
 *
 * Storage only: the scope, the period and the rate are checked and worked
 * out in app/funeral/civ-funeral-stats.c. Reads only.
 */
#pragma once

#include "civ-db.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 cremated;      /* cases whose CREMATED step falls in the period */
  gint64 green_burials; /* cases whose ECO_BURIAL step (R-F11) falls in it */
  gint64 burial_exempt; /* cases whose BURIAL_EXEMPT decision (R-F3) falls in it */
} CivFuneralStatsCounts;

/* Counts the cases of the offices whose code starts with @office_prefix
 * (1 to 6 digits: "11" a province, "1101" a city, "110101" a county) by
 * the day of their step (the date part of the event's time, from @from to
 * @to inclusive, both YYYY-MM-DD). A case is counted once per figure
 * however many steps of that state it has in the period. */
gboolean civ_funeral_stats_count (CivDb                 *db,
                                  const char            *office_prefix,
                                  const char            *from,
                                  const char            *to,
                                  CivFuneralStatsCounts *out,
                                  GError               **error);

G_END_DECLS
