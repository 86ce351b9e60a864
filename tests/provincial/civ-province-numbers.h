// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-province-numbers.h — the reference server's number blocks and office
 * ledger (docs/provincial-protocol.md §8 and §9) */
#pragma once

#include <json-glib/json-glib.h>
#include <stdio.h>

G_BEGIN_DECLS

typedef struct _CivProvinceNumbers CivProvinceNumbers;

CivProvinceNumbers *civ_province_numbers_new (void);
void                civ_province_numbers_free (CivProvinceNumbers *nb);

/* Where the state changes are logged (log.jsonl, opened for appending);
 * set after the replay. */
void civ_province_numbers_set_log (CivProvinceNumbers *nb, FILE *log);

/* Replays one line of the log: the nb-* lines rebuild the ledger; TRUE when
 * @line was one of them. */
gboolean civ_province_numbers_replay (CivProvinceNumbers *nb, JsonObject *line);

/* An accepted batch item (also on replay): its payload's certificate_no,
 * when it is a certificate number, is issued for @record_id (not for the
 * kind "death", which repeats the marriage's number). */
void civ_province_numbers_note_item (CivProvinceNumbers *nb,
                                     const char         *kind,
                                     const char         *record_id,
                                     JsonObject         *payload);

/* The office @ws_id's first number-block request bound it to, or NULL. */
const char *civ_province_numbers_office (CivProvinceNumbers *nb, const char *ws_id);

/* POST /v1/number-blocks from @ws_id, its signature already checked: the
 * HTTP status, and in @reply the body to send (the reply or {"error"}). */
guint civ_province_numbers_post (
  CivProvinceNumbers *nb, const char *ws_id, const char *body, gsize len, char **reply);

/* GET /v1/number-ledger/@office: the status and the body. */
guint civ_province_numbers_ledger (CivProvinceNumbers *nb, const char *office, char **reply);

/* Adds "pending_elsewhere" to a marital-status answer for @ws_id: the
 * other windows of its office whose drawn serials are not all reported
 * yet ({"workstation", "unreported"}); nothing when @ws_id has no office. */
void civ_province_numbers_pending_elsewhere (CivProvinceNumbers *nb,
                                             const char         *ws_id,
                                             JsonBuilder        *b);

G_END_DECLS
