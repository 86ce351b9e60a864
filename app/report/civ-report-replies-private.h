// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-report-replies-private.h — reading the province's replies
 * (docs/provincial-protocol.md): pure functions from the reply's bytes, so
 * they can be tested and fuzzed without a server or a database. Every reply
 * goes through civ_json_parse_outside () (1 MiB, 64 levels, no NUL, no
 * member twice).
 */
#pragma once

#include <glib.h>

#include "civ-report.h"

G_BEGIN_DECLS

/* One item of a batch reply. */
typedef struct
{
  char *status;  /* "accepted", "duplicate", "rejected", … or NULL */
  char *receipt; /* or NULL */
  char *reason;  /* or NULL */
} CivReportItemAnswer;

typedef struct
{
  GHashTable *items;         /* idempotency_key → CivReportItemAnswer */
  char       *audit_status;  /* "ok", "tampering", … or NULL */
  gint64      acked_seq;     /* -1 when absent */
  char       *tamper_detail; /* when audit_status is "tampering" */
} CivReportBatchAnswer;

/* A 2xx reply to a batch. FALSE with CIV_REPORT_ERROR_PROTOCOL when it does
 * not follow the protocol. */
gboolean _civ_report_parse_batch_reply (const char           *data,
                                        gsize                 len,
                                        CivReportBatchAnswer *answer,
                                        GError              **error);
void     _civ_report_batch_answer_clear (CivReportBatchAnswer *answer);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CivReportBatchAnswer, _civ_report_batch_answer_clear)

/* A reply to the marital-status question. FALSE (and @answer untouched)
 * when it is not an answer: then the check stays local-only. */
gboolean _civ_report_parse_marital_reply (const char             *data,
                                          gsize                   len,
                                          CivReportMaritalAnswer *answer);

/* "error" of a JSON error body, or the start of the body made valid UTF-8. */
char *_civ_report_server_error_text (const char *data, gsize len);

G_END_DECLS
