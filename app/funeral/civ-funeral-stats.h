// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-funeral-stats.h — the cremation rate (火化率, R-F12) and the funeral
 * figures reported yearly (domain.md §5 R-X4; issue 16)
 *
 *   rate = bodies cremated in the period ÷ deaths in the period × 100 %
 *
 * The numerator is counted here: the funeral cases of the offices in the
 * scope whose cremation (their CREMATED step) falls in the period. The
 * denominator comes from outside statistics (the police's or the health
 * commission's death count) and is given with its source. The two, the
 * scope, the period and the source are kept apart, as the rule asks; the
 * rate is only worked out from them. Green burials (ECO_BURIAL, R-F11) and
 * burial-exempt cases (R-F3) in the same period and scope are counted
 * beside it, as separate figures.
 *
 * The scope is a GB/T 2260 division code: a province (110000), a city
 * (110100) or a county (110101); an office is in it when its code starts
 * with the scope's significant digits ("11", "1101", "110101"). This
 * database holds the cases of its own office, so a scope that does not
 * contain the office is refused (R-F12) rather than answered with a
 * cremation count of 0 that would look like a fact.
 *
 * Needs CIV_PERM_FUNERAL (funeral clerks, supervisors, a registrar or an
 * archivist given it); a refusal is audited as "denied". Each computation
 * is audited ("funeral.stats.cremation_rate", the scope as its object, the
 * figures and the source as details). Bad input is CIV_APP_ERROR_INVALID
 * with rule "R-F12"; nothing is written then.
 */
#pragma once

#include "civ-funeral-stats-store.h"
#include "civ-session.h"
#include "civ-store.h"

G_BEGIN_DECLS

/* The most deaths one period may count (more than any province has in a
 * year), and the longest source text. */
#define CIV_FUNERAL_STATS_MAX_DEATHS ((gint64) 100000000)
#define CIV_FUNERAL_STATS_SOURCE_MAX 200

typedef struct
{
  char  *scope;        /* the division code asked for, six digits */
  char  *scope_prefix; /* its significant digits: "11", "1101" or "110101" */
  char  *scope_level;  /* "province", "city" or "county" */
  char  *office_code;  /* the office whose cases were counted */
  char  *from;         /* YYYY-MM-DD, counted in */
  char  *to;           /* YYYY-MM-DD, counted in */
  gint64 deaths;       /* the denominator, from outside statistics */
  char  *source;       /* where the deaths come from; NULL when not given */
  gint64 cremated;     /* the numerator */
  gint64 green_burials;
  gint64 burial_exempt;
  /* The rate in hundredths of a percent, rounded half up (6135: 61.35 %).
   * It may pass 10000: bodies from outside the scope's deaths (another
   * area's, last period's) are cremated here too. */
  gint64 rate_hundredths;
} CivCremationRate;

void civ_cremation_rate_free (CivCremationRate *rate);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivCremationRate, civ_cremation_rate_free)

/* The rate as printed: "61.35" (two decimals, no sign, no percent sign). */
char *civ_cremation_rate_format (const CivCremationRate *rate);

/* Reads a scope code: six ASCII digits, spaces around them ignored, whose
 * province part is not 00 and whose city part is 00 when the county part
 * is (a province 110000, a city 110100, a county 110101). Returns the
 * code and sets *@prefix (may be NULL) to its significant digits and
 * *@level (may be NULL) to "province", "city" or "county";
 * CIV_APP_ERROR_INVALID (rule R-F12) otherwise. */
char *civ_funeral_stats_parse_scope (const char  *text,
                                     char       **prefix,
                                     const char **level,
                                     GError     **error);

/* The cremation rate for @from…@to (both counted in) in @scope over
 * @deaths deaths from @source (NULL or "": not given; at most
 * CIV_FUNERAL_STATS_SOURCE_MAX characters, no control characters).
 * CIV_APP_ERROR_INVALID (R-F12) when @from is after @to, @to is after the
 * counter's date @today (the period is not over), @deaths is not 1 to
 * CIV_FUNERAL_STATS_MAX_DEATHS, the scope is not a division code, or the
 * source is not text; CIV_APP_ERROR_REFUSED (R-F12) when the office is not
 * in the scope. Audited. */
CivCremationRate *civ_funeral_stats_cremation_rate (CivStore    *store,
                                                    const GDate *from,
                                                    const GDate *to,
                                                    gint64       deaths,
                                                    const char  *scope,
                                                    const char  *source,
                                                    const GDate *today,
                                                    GError     **error);

/* The same as a job on @session's worker, for a page (the dates are
 * copied); _finish returns what the synchronous call returns (free with
 * civ_cremation_rate_free ()). */
void              civ_funeral_stats_cremation_rate_async (CivSession         *session,
                                                          gpointer            source_object,
                                                          const GDate        *from,
                                                          const GDate        *to,
                                                          gint64              deaths,
                                                          const char         *scope,
                                                          const char         *source,
                                                          const GDate        *today,
                                                          GCancellable       *cancellable,
                                                          GAsyncReadyCallback callback,
                                                          gpointer            user_data);
CivCremationRate *civ_funeral_stats_cremation_rate_finish (CivSession   *session,
                                                           GAsyncResult *result,
                                                           GError      **error);

G_END_DECLS
