// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-cremation-stock-store.h — rows of the controlled stock of cremation
 * certificate blanks (火化证明, R-F13; 0014-funeral-stock.sql): the batches
 * received and one row per serial, in stock, issued or voided
 *
 * Storage only: who may receive, issue or void, and what is checked first,
 * is decided in app/funeral/civ-cremation-stock.c. Writers expect the
 * caller's transaction to be open (civ_db_begin). Nothing here deletes.
 */
#pragma once

#include "civ-db.h"

G_BEGIN_DECLS

/* The most blanks one batch may hold (one insert of this many rows). */
#define CIV_CREMATION_BATCH_MAX 10000

typedef struct
{
  gint64 id;
  char  *prefix; /* capital letters before the number, may be "" */
  guint  width;  /* digits of the number */
  gint64 first_number;
  gint64 last_number;
  char  *first_serial;
  char  *last_serial;
  gint64 count;
  char  *received_on; /* YYYY-MM-DD, the counter's date */
  char  *received_by;
  char  *received_at; /* UTC time of the write */
  char  *reference;   /* the supplier's delivery note, or NULL */
} CivCremationBatch;

void civ_cremation_batch_free (CivCremationBatch *batch);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivCremationBatch, civ_cremation_batch_free)

typedef struct
{
  char  *serial;
  gint64 batch_id;
  gint64 number;
  char  *state; /* "in-stock", "issued", "voided" */
  char  *received_on;
  char  *case_ref;
  char  *issued_on;
  char  *issued_by;
  char  *void_reason;
  char  *voided_on;
  char  *voided_by;
  char  *approved_by;
} CivCremationSerial;

void civ_cremation_serial_free (CivCremationSerial *serial);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivCremationSerial, civ_cremation_serial_free)

/* Inserts the batch @batch (its prefix, width, numbers, serials, count,
 * received_on and reference) received by @received_by, and one in-stock
 * serial for every number of its range, each written as the prefix and the
 * number zero-padded to the width; returns the batch's id, or 0 on error.
 * A range that overlaps a batch received before fails (the table's trigger). */
gint64             civ_cremation_batch_insert (CivDb                   *db,
                                               const CivCremationBatch *batch,
                                               const char              *received_by,
                                               GError                 **error);
/* The first batch (by id) with @prefix whose numbers meet
 * @first_number…@last_number, whatever its width; NULL with no error when
 * there is none. */
CivCremationBatch *civ_cremation_batch_find_overlap (
  CivDb *db, const char *prefix, gint64 first_number, gint64 last_number, GError **error);
/* Every batch, in the order received. */
GPtrArray *civ_cremation_batch_list (CivDb *db, GError **error);

/* The serial @serial; NULL with no error when it was never received. */
CivCremationSerial *civ_cremation_serial_find (CivDb *db, const char *serial, GError **error);
/* The in-stock serial to issue next: the lowest number of the oldest batch
 * that has one; NULL with no error when the stock is empty. */
char               *civ_cremation_serial_next_in_stock (CivDb *db, GError **error);
/* The serial issued (and not voided) to @case_ref; NULL with no error when
 * the case holds none. */
char               *civ_cremation_serial_of_case (CivDb *db, const char *case_ref, GError **error);
/* Every serial of the batches received on or before @received_until
 * (YYYY-MM-DD; NULL: all), batch by batch in the order received, in
 * number order. */
GPtrArray *civ_cremation_serial_list (CivDb *db, const char *received_until, GError **error);

/* Moves the in-stock @serial to issued, to @case_ref on @issued_on (the
 * counter's date) by @issued_by. CIV_DB_ERROR_INVALID when it is not in
 * stock. */
gboolean civ_cremation_serial_issue (CivDb      *db,
                                     const char *serial,
                                     const char *case_ref,
                                     const char *issued_on,
                                     const char *issued_by,
                                     GError    **error);
/* Moves @serial (in stock or issued) to voided, for @reason, on
 * @voided_on by @voided_by with the approval of @approved_by.
 * CIV_DB_ERROR_INVALID when it is voided already. */
gboolean civ_cremation_serial_void (CivDb      *db,
                                    const char *serial,
                                    const char *reason,
                                    const char *voided_on,
                                    const char *voided_by,
                                    const char *approved_by,
                                    GError    **error);

G_END_DECLS
