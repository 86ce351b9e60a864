// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-demo-data.h — synthetic registrations for trying and measuring search
 *
 * Fills an existing office with realistic marriage registrations from
 * 1950-05-01 to today, in date order, through the bulk writer
 * (db/registry/civ-registry-bulk.h):
 *  - identity numbers with a correct check character (R-ID2) and real county
 *    codes (the imported division table when there is one, else a built-in
 *    list); 15-digit numbers as recorded before 2000 (R-ID3), none before
 *    1984 (R-H3: ABSENT_PRE_ID);
 *  - names from common surnames and given-name characters, with their pinyin
 *    keys from civ_pinyin_name();
 *  - birth dates giving ages at or above the minimum of the day (R-M2, R-H1);
 *  - J numbers per R-N1, gapless per prefix and year; records before
 *    2004-07-01 are archive backfill (historical);
 *  - divorces by registration (state DISSOLVED_REG as a new version, an L
 *    number, the divorce application and its events; the cooling-off dates
 *    from the office's holiday calendar from 2021), remarriages (nature 22)
 *    and remarriages of former spouses (nature 23);
 *  - the person index holding every person's current status.
 * Same seed, same office contents (apart from creation times). Needs a
 * supervisor; one audit entry "demo-data.generate" records what was made.
 * Generated records are not reported to the province (no outbox rows).
 */
#pragma once

#include "civ-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint    marriages;          /* registrations written (nature 21, 22 or 23) */
  guint    divorces;           /* divorces by registration (L numbers) */
  guint    remarriages;        /* registrations with a party marrying again (nature 22) */
  guint    reunions;           /* former spouses remarrying each other (nature 23) */
  guint    historical;         /* records marked as archive backfill */
  guint    without_id;         /* parties without an identity number (R-H3) */
  guint    persons;            /* rows added to the person index */
  gboolean divisions_imported; /* the office's division table supplied the codes */
} CivDemoSummary;

/* Called every few thousand registrations and at the end. */
typedef void (*CivDemoProgressFunc) (guint done, guint total, gpointer user_data);

gboolean civ_demo_data_generate (CivStore           *store,
                                 guint               n_marriages,
                                 guint64             seed,
                                 CivDemoProgressFunc progress,
                                 gpointer            user_data,
                                 CivDemoSummary     *summary,
                                 GError            **error);

/* Opens @n divorce applications (COOLING) on the most recent registered
 * marriages, accepted through the divorce service as at the counter
 * (audited, R-D1…R-D3 satisfied) on days in the eight weeks before
 * @today: the first whose cooling-off ends on @today, the second whose
 * issuance window closes on @today (when the holiday calendar makes such a
 * day), the others spread over the cooling-off period and the window, so
 * the "due today" list and the divorce timeline have something to show. Returns how many
 * were opened (fewer when there are not enough marriages); 0 with @error
 * set on failure. Needs a supervisor. */
guint civ_demo_data_open_divorces (CivStore *store, guint n, const GDate *today, GError **error);

G_END_DECLS
