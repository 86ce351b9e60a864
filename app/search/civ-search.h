// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-search.h — finding marriage records at scale (issue 3, "Search at scale")
 *
 * A query is one search text, read as one kind:
 *   id           identity number, 18 digits or 15 (converted to 18, R-ID3),
 *                matched against the normalised key of either party;
 *   certificate  字号 (R-N1): a complete number matches exactly, a beginning
 *                ("J110101-2010") as a prefix; J/BJ numbers find their
 *                marriage, L/BL numbers the marriage they dissolved;
 *   name         a name in Chinese characters: exact, or a prefix when the
 *                text is one character (a surname) or ends with '*';
 *   pinyin       full pinyin or pinyin initials, as a prefix of either key
 *                (张三 ← "zhangsan", "zhang san", "zs");
 *   full-pinyin, initials  the same, on one key only;
 *   date         "YYYY", "YYYY-MM", "YYYY-MM-DD" or "FROM..TO" (either side
 *                may be empty) on the registration date;
 *   all          every record (empty text).
 * CIV_SEARCH_KIND_AUTO recognises the kind from the text. A date range can
 * be added to any query. Only current versions are found
 * (superseded_by IS NULL), newest first: ORDER BY registration_date DESC,
 * id DESC, in SQL; pages continue from a cursor (keyset), never OFFSET.
 *
 * The functions that read take the connection: the caller owns it (one
 * thread) or holds civ_db_get_mutex() while calling from a worker. This
 * file reads the text and decides what it means; the statements are in
 * db/civ-search-store.c.
 */
#pragma once

#include "civ-db.h"
#include "civ-search-store.h"

G_BEGIN_DECLS

typedef enum
{
  CIV_SEARCH_KIND_AUTO = 0,
  CIV_SEARCH_KIND_ALL,
  CIV_SEARCH_KIND_ID_NUMBER,
  CIV_SEARCH_KIND_CERTIFICATE,
  CIV_SEARCH_KIND_NAME,
  CIV_SEARCH_KIND_PINYIN,
  CIV_SEARCH_KIND_FULL_PINYIN,
  CIV_SEARCH_KIND_INITIALS,
  CIV_SEARCH_KIND_DATE,
} CivSearchKind;

/* "auto", "all", "id", "certificate", "name", "pinyin", "full-pinyin",
 * "initials", "date". */
const char *civ_search_kind_to_string (CivSearchKind kind);
gboolean    civ_search_kind_from_string (const char *text, CivSearchKind *kind);

typedef struct _CivSearchQuery CivSearchQuery;

/* Parses @text as @kind (AUTO: recognised). Fails with CIV_APP_ERROR_INVALID
 * when the text is not a query of that kind. */
CivSearchQuery *civ_search_query_new (const char *text, CivSearchKind kind, GError **error);
CivSearchQuery *civ_search_query_ref (CivSearchQuery *self);
void            civ_search_query_unref (CivSearchQuery *self);

/* Restricts to registration dates @from … @to (YYYY-MM-DD, inclusive; either
 * may be NULL). FALSE with @error when a date is not a real date. */
gboolean      civ_search_query_set_date_range (CivSearchQuery *self,
                                               const char     *from,
                                               const char     *to,
                                               GError        **error);
/* The kind the text was read as (never AUTO). */
CivSearchKind civ_search_query_get_kind (CivSearchQuery *self);
/* The normalised key: 18-digit number, upper-case certificate number, name,
 * pinyin without spaces; NULL for all and date. */
const char   *civ_search_query_get_key (CivSearchQuery *self);
gboolean      civ_search_query_is_prefix (CivSearchQuery *self);

/* What a query is matched against, as a registrar reads it. */
typedef enum
{
  CIV_SEARCH_FIELD_NONE = 0,    /* every record, or a date */
  CIV_SEARCH_FIELD_NAME,        /* a party's name, its pinyin or initials */
  CIV_SEARCH_FIELD_ID_NUMBER,   /* a party's identity number */
  CIV_SEARCH_FIELD_CERTIFICATE, /* the certificate number */
} CivSearchField;

/* Which parties of a result row matched: the registrar sees whose name or
 * number was found. */
typedef enum
{
  CIV_SEARCH_PARTY_NONE = 0,
  CIV_SEARCH_PARTY_A = 1 << 0,
  CIV_SEARCH_PARTY_B = 1 << 1,
} CivSearchParties;

CivSearchField   civ_search_query_get_field (CivSearchQuery *self);
/* The parties of @row whose name, pinyin, initials or identity number the
 * query matches; none for certificate, date and every-record queries (the
 * record matched, not a party). */
CivSearchParties civ_search_query_match_parties (CivSearchQuery *self, const CivSearchRow *row);

/* The result rows and the cursor are CivSearchRow and CivSearchCursor
 * (civ-search-store.h). */

/* The ids of every match, in result order (GArray of gint64). */
GArray    *civ_search_ids (CivDb *db, CivSearchQuery *query, GError **error);
/* Up to @limit rows after @after (NULL: the first page), in result order
 * (CivSearchRow, with matched_parties and matched_field set). @next (may be NULL) is set to continue after the last row. */
GPtrArray *civ_search_page (CivDb                 *db,
                            CivSearchQuery        *query,
                            const CivSearchCursor *after,
                            guint                  limit,
                            CivSearchCursor       *next,
                            GError               **error);
/* The rows of @n_ids record row ids, in the order given; an id that is not
 * a current version is left out. With @query (may be NULL) the rows say
 * what matched it (matched_parties, matched_field). */
GPtrArray *civ_search_rows (
  CivDb *db, CivSearchQuery *query, const gint64 *ids, guint n_ids, GError **error);

/* The SQL of the id-list query (@page FALSE) or of a continued page, and
 * SQLite's EXPLAIN QUERY PLAN for it: for benchmarks and diagnosis. */
char *civ_search_explain (CivDb *db, CivSearchQuery *query, gboolean page, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivSearchQuery, civ_search_query_unref)

G_END_DECLS
