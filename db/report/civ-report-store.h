// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-report-store.h — the reporting enrollment and the outbox's delivery
 * states (architecture.md §6, docs/provincial-protocol.md)
 *
 * The enrollment is one row: server URL, provincial CA, pins, the client
 * certificate and key, and the workstation's Ed25519 signing key, all in
 * the encrypted database. Outbox rows move pending → delivered (final, with
 * the receipt) or pending → parked (with the reason) and back to pending
 * only when a person asks; triggers refuse deleting or rewriting a report.
 */
#pragma once

#include "civ-db.h"

G_BEGIN_DECLS

typedef struct
{
  char   *server_url;
  char   *ca_pem;
  char   *pins; /* "sha256//…;sha256//…" or "" */
  char   *client_cert_pem;
  char   *client_key_pem;
  GBytes *signing_secret; /* 32 bytes */
  char   *signing_public; /* base64 */
  int     timeout_ms;
  gint64  acked_seq;
  char   *last_delivery_at;
  char   *enrolled_at;
  char   *enrolled_by;
} CivReportEnrollment;

void civ_report_enrollment_free (CivReportEnrollment *e);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivReportEnrollment, civ_report_enrollment_free)

/* NULL with no error when the workstation is not enrolled. */
CivReportEnrollment *civ_report_store_get_enrollment (CivDb *db, GError **error);
/* Replaces the enrollment; the acknowledged audit seq of an earlier one is kept. */
gboolean civ_report_store_set_enrollment (CivDb *db, const CivReportEnrollment *e, GError **error);
/* Records the audit seq the server acknowledged and, when @delivered_at is
 * not NULL, the time of the last delivery. */
gboolean civ_report_store_set_acked (CivDb      *db,
                                     gint64      acked_seq,
                                     const char *delivered_at,
                                     GError    **error);

/* Remembers an audit head sent in a batch (kept until acknowledged; at
 * most the newest 16). */
gboolean civ_report_store_note_sent_head (CivDb *db, gint64 seq, GError **error);
/* The sent, unacknowledged heads' seqs, newest first. */
GArray  *civ_report_store_sent_heads (CivDb *db, GError **error);

typedef struct
{
  gint64 id;
  char  *idempotency_key;
  char  *kind;
  char  *record_id;
  int    version;
  char  *payload;
  char  *state; /* pending, delivered, parked */
  int    attempts;
  char  *next_attempt_at;
  char  *last_error;
  char  *receipt;
  char  *created_at;
  char  *delivered_at;
} CivOutboxRow;

void civ_outbox_row_free (CivOutboxRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivOutboxRow, civ_outbox_row_free)

/* Pending rows in id order, at most @limit, whose next attempt is due at
 * @now (ISO 8601 UTC); @now NULL ignores the schedule. */
GPtrArray *civ_outbox_fetch_due (CivDb *db, const char *now, guint limit, GError **error);
/* Rows in id order; @state NULL for every state; @limit 0 for all. */
GPtrArray *civ_outbox_list (CivDb *db, const char *state, guint limit, GError **error);
/* The same, newest first. */
GPtrArray *civ_outbox_list_recent (CivDb *db, const char *state, guint limit, GError **error);

/* These expect the caller's transaction when several go together. */
gboolean civ_outbox_mark_delivered (
  CivDb *db, gint64 id, const char *receipt, const char *delivered_at, GError **error);
gboolean civ_outbox_mark_retry (
  CivDb *db, gint64 id, const char *next_attempt_at, const char *reason, GError **error);
gboolean civ_outbox_mark_parked (CivDb *db, gint64 id, const char *reason, GError **error);
/* Notes a failure that is neither retried on a schedule nor parked (a security alarm). */
gboolean civ_outbox_note_error (CivDb *db, gint64 id, const char *reason, GError **error);
/* Parked → pending, due now. FALSE with CIV_DB_ERROR_NOT_FOUND when @id is not parked. */
gboolean civ_outbox_requeue (CivDb *db, gint64 id, GError **error);

gboolean civ_outbox_count (
  CivDb *db, gint64 *pending, gint64 *parked, gint64 *delivered, GError **error);
/* The same without the rows of @hidden_kind (NULL: none hidden): what an
 * operator who may not see adoptions is shown (R-A13). */
gboolean   civ_outbox_count_hiding (CivDb      *db,
                                    const char *hidden_kind,
                                    gint64     *pending,
                                    gint64     *parked,
                                    gint64     *delivered,
                                    GError    **error);
GPtrArray *civ_outbox_list_hiding (
  CivDb *db, const char *state, guint limit, const char *hidden_kind, GError **error);

G_END_DECLS
