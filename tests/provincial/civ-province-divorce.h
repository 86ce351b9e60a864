// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-province-divorce.h — the reference server's divorce applications
 * across the windows of an office (docs/provincial-protocol.md §10) */
#pragma once

#include <json-glib/json-glib.h>
#include <stdio.h>

G_BEGIN_DECLS

typedef struct _CivProvinceDivorce CivProvinceDivorce;

/* The office another part of the server binds @ws_id to (the number
 * blocks, §8), or NULL. */
typedef const char *(*CivProvinceOfficeLookup) (gpointer data, const char *ws_id);

CivProvinceDivorce *civ_province_divorce_new (void);
void                civ_province_divorce_free (CivProvinceDivorce *d);

/* Where the state changes are logged (log.jsonl, opened for appending);
 * set after the replay. */
void civ_province_divorce_set_log (CivProvinceDivorce *d, FILE *log);

/* Asked first when placing a workstation in its office; its answer wins
 * over the first item and the first take. */
void civ_province_divorce_set_office_lookup (CivProvinceDivorce     *d,
                                             CivProvinceOfficeLookup lookup,
                                             gpointer                data);

/* Replays one line of the log: the dv-* lines rebuild the applications;
 * TRUE when @line was one of them. */
gboolean civ_province_divorce_replay (CivProvinceDivorce *d, JsonObject *line);

/* NULL when the batch item (@kind, @record_id, @payload) from @ws_id may be
 * accepted; otherwise the reason it is rejected (§10's table). Items that
 * are neither "divorce-application" nor "divorce" are never refused. */
char *civ_province_divorce_check_item (CivProvinceDivorce *d,
                                       const char         *ws_id,
                                       const char         *kind,
                                       const char         *record_id,
                                       JsonObject         *payload);

/* An accepted batch item, also on the replay of an "item" line: binds an
 * unplaced workstation to the payload's office_code, and applies (and
 * logs) the step of an application the dv-* lines have not applied yet. */
void civ_province_divorce_note_item (CivProvinceDivorce *d,
                                     const char         *ws_id,
                                     const char         *kind,
                                     const char         *record_id,
                                     JsonObject         *payload);

/* GET /v1/divorce-applications from @ws_id (NULL when the header is
 * missing) with the decoded query values @key, @ids and @office_code (NULL
 * when absent): the HTTP status, and in @reply the body. @office_code
 * places a workstation the province cannot place yet, and must be its own
 * office otherwise. */
guint civ_province_divorce_get (CivProvinceDivorce *d,
                                const char         *ws_id,
                                const char         *key,
                                const char         *ids,
                                const char         *office_code,
                                char              **reply);

/* POST /v1/divorce-applications/take from @ws_id, its signature already
 * checked: the status, and in @reply the body. */
guint civ_province_divorce_take (
  CivProvinceDivorce *d, const char *ws_id, const char *body, gsize len, char **reply);

G_END_DECLS
