// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-history.h — writing a historical record and applying it to the
 * person index in date order (issue 14 "History in the person index")
 *
 * Events apply in the order of their dates, not the order they were keyed:
 * a 1985 marriage keyed after its 1992 divorce leaves both people divorced.
 * A person whose status was set at the counter keeps it: history never
 * makes a second current marriage. Two marriages that overlap with no end
 * between them are listed as conflicts for review, never resolved silently.
 * A divorce or revocation entry of the same couple ends the historical
 * marriage record (a new version, DISSOLVED_REG or ANNULLED_REGISTRY).
 */
#pragma once

#include "civ-archive-store.h"
#include "civ-historical.h"
#include "civ-pinyin.h"

G_BEGIN_DECLS

/* What a person's events say, walked in date order. */
typedef struct
{
  int        status;    /* GB/T 2261.2: 90 with no event */
  char      *current;   /* the marriage record in force after the last event */
  char      *last_date; /* the last event's date */
  GPtrArray *conflicts; /* char *: pairs record_a, record_b (overlapping marriages) */
  GPtrArray *ends; /* char *: pairs record_id, the ending state (civ_marriage_state_to_db ()) */
} CivHistoryOutcome;

void civ_history_outcome_clear (CivHistoryOutcome *outcome);
/* Pure: @events sorted by date (civ_history_writer_events ()). */
void civ_history_walk (const CivPersonEventRow *events, guint n_events, CivHistoryOutcome *out);

/* Where an entry came from. */
typedef struct
{
  gint64 book; /* 0: none */
  int    book_page;
  int    book_slot;
  gint64 import_id; /* 0: none */
} CivHistSource;

typedef struct
{
  CivHistoryWriter *writer;
  CivPinyin        *pinyin;
  const char       *created_by;
  const char       *created_at;
  /* Optional (a bulk import): name → "pinyin\ninitials", bounded. */
  GHashTable       *pinyin_cache;
} CivHistoryContext;

/* Writes @input (already validated) as a historical record with @findings
 * (CivFinding, stored as they are), enters its parties in the person index
 * and applies their histories, and queues the record for the province.
 * Returns the new record id. */
char *civ_history_write (CivHistoryContext        *ctx,
                         const CivHistoricalInput *input,
                         const CivHistSource      *source,
                         GPtrArray                *findings,
                         GError                  **error);

/* The entry as JSON {stable field name: text} (keyings, the record's source). */
char               *civ_historical_to_json (const CivHistoricalInput *input);
/* Back from civ_historical_to_json (); NULL with @error for bad JSON. */
CivHistoricalInput *civ_historical_from_json (const char *json, GError **error);

G_END_DECLS
