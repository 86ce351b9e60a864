// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-number-store.h — certificate serials (R-N1): the local counter of an
 * office that numbers on its own, or the blocks of consecutive serials the
 * province hands to this workstation (issue 17, migration 0018)
 *
 * Writers expect the caller's transaction to be open: a serial is drawn in
 * the registering transaction, so it is either issued with the
 * registration or still in its block.
 */
#pragma once

#include "civ-db.h"

G_BEGIN_DECLS

/* settings: where serials come from ("province", or absent: the local counter). */
#define CIV_NUMBERS_SOURCE_KEY "numbers.source"
#define CIV_NUMBERS_SOURCE_PROVINCE "province"
/* settings: why the province refused the office's own serials. */
#define CIV_NUMBERS_CLAIM_REFUSED_KEY "numbers.claim_refused"

/* The prefixes numbered per office and year. */
extern const char *const civ_number_prefixes[];

/* TRUE when @prefix (may be NULL) is one of civ_number_prefixes. */
gboolean civ_number_prefix_known (const char *prefix);

typedef struct
{
  gint64   id;
  char    *block_id;
  char    *prefix;
  char    *office_code;
  int      year;
  gint64   first;
  gint64   last;
  gint64   next; /* the next serial to draw; last + 1 when used up */
  gboolean claim;
  char    *received_at;
  gint64   reported_next;
  gint64   returned_from; /* 0: not returned */
  char    *return_reason;
  char    *returned_at;
  char    *returned_by;
  char    *return_reported_at;
  gint64   voided; /* serials of the block set aside */
} CivNumberBlock;

void civ_number_block_free (CivNumberBlock *block);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivNumberBlock, civ_number_block_free)

typedef struct
{
  char  *prefix;
  char  *office_code;
  int    year;
  gint64 serial;
  char  *block_id;
  char  *reason;
  char  *voided_at;
  char  *voided_by;
  char  *reported_at;
} CivNumberVoid;

void civ_number_void_free (CivNumberVoid *v);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivNumberVoid, civ_number_void_free)

/* TRUE when the office draws its serials from the province's blocks. */
gboolean civ_number_from_blocks (CivDb *db);

/* From now on the office draws from the province's blocks (an earlier
 * refusal of its claim is forgotten). */
gboolean civ_number_set_from_blocks (CivDb *db, GError **error);

/* The next serial of (@prefix, @office_code, @year), inside the caller's
 * transaction: from the first block of the series with serials left when
 * the office draws from blocks (refused with R-N1 when none is left: a
 * number is never invented), from the local counter otherwise. */
gboolean civ_number_draw (
  CivDb *db, const char *prefix, const char *office_code, int year, gint64 *serial, GError **error);

/* Every block (returned ones too), by prefix, year and first serial. */
GPtrArray *civ_number_blocks_list (CivDb *db, GError **error);
/* Stores a block the province handed out (a claim block is stored with
 * every serial drawn). Refused when it overlaps a block of the series. */
gboolean   civ_number_block_add (CivDb *db, const CivNumberBlock *block, GError **error);
/* The province has heard the block's next serial as @reported_next. */
gboolean   civ_number_block_set_reported (CivDb      *db,
                                          const char *block_id,
                                          gint64      reported_next,
                                          GError    **error);
/* Gives the unused serials of the block back (from its next serial to its
 * last); they are never drawn again. *@returned_from says where the range
 * starts. A used-up or already returned block is refused. */
gboolean   civ_number_block_return (CivDb      *db,
                                    const char *block_id,
                                    const char *reason,
                                    const char *returned_by,
                                    gint64     *returned_from,
                                    GError    **error);
gboolean   civ_number_return_set_reported (CivDb *db, const char *block_id, GError **error);

/* Sets the next serial of the series aside unused, with @reason: it is
 * drawn from its block and recorded as voided. */
gboolean   civ_number_void_next (CivDb      *db,
                                 const char *prefix,
                                 const char *office_code,
                                 int         year,
                                 const char *reason,
                                 const char *voided_by,
                                 gint64     *serial,
                                 GError    **error);
/* Voids, every one or the ones not yet reported. */
GPtrArray *civ_number_voids_list (CivDb *db, gboolean unreported_only, GError **error);
gboolean   civ_number_void_set_reported (
    CivDb *db, const char *prefix, const char *office_code, int year, gint64 serial, GError **error);

/* The local counters with a serial issued: (prefix, office, year, last
 * serial) as CivNumberBlock rows with first 1 and next last + 1. */
GPtrArray *civ_number_local_counters (CivDb *db, GError **error);

/* The request to the province not yet answered, if any (both NULL
 * otherwise). */
gboolean civ_number_exchange_pending (CivDb *db, char **request_id, char **body, GError **error);
gboolean civ_number_exchange_save (CivDb      *db,
                                   const char *request_id,
                                   const char *body,
                                   GError    **error);
gboolean civ_number_exchange_answered (CivDb *db, const char *request_id, GError **error);

G_END_DECLS
