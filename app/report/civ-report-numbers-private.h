// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-report-numbers-private.h — reading the province's answer to
 * POST /v1/number-blocks (docs/provincial-protocol.md §8): a pure function
 * of the reply's bytes, for the tests and the fuzz target */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char  *kind;     /* "claims", "held", "voids", "returns", "requests" */
  char  *status;   /* "accepted" or "refused" */
  char  *reason;   /* or NULL */
  char  *block_id; /* or NULL */
  char  *prefix;   /* or NULL */
  int    year;     /* 0 when absent */
  gint64 serial;   /* voids: the serial; 0 otherwise */
} CivNumbersEntry;

typedef struct
{
  char  *block_id;
  char  *prefix;
  char  *office_code;
  int    year;
  gint64 first;
  gint64 last;
} CivNumbersBlock;

typedef struct
{
  char      *request_id;
  GPtrArray *entries; /* CivNumbersEntry */
  GPtrArray *blocks;  /* CivNumbersBlock */
} CivNumbersAnswer;

/* A 200 reply: every block checked (prefix, office @office_code, year,
 * 1 ≤ first ≤ last ≤ 999999, a block_id of printable ASCII). FALSE with
 * CIV_REPORT_ERROR_PROTOCOL when it does not follow the protocol. */
gboolean _civ_report_parse_numbers_reply (
  const char *data, gsize len, const char *office_code, CivNumbersAnswer *answer, GError **error);
void _civ_numbers_answer_clear (CivNumbersAnswer *answer);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CivNumbersAnswer, _civ_numbers_answer_clear)

G_END_DECLS
