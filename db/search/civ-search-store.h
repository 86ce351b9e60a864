// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-search-store.h — the statements behind the record search (issue 3,
 * "Search at scale"): the ids of the current versions that match a filter,
 * newest first (ORDER BY registration_date DESC, id DESC), pages after a
 * keyset cursor (never OFFSET), and the rows of a page
 *
 * What a search text means, and so which filter it becomes, is decided in
 * app/search/civ-search.h; here are only the statements. The functions
 * take the connection: the caller owns it (one thread).
 */
#pragma once

#include "civ-db.h"

G_BEGIN_DECLS

/* Which column the key is matched against. */
typedef enum
{
  CIV_SEARCH_MATCH_NONE = 0,    /* no key: every record, the date range alone */
  CIV_SEARCH_MATCH_ID_KEY,      /* a party's normalised identity number */
  CIV_SEARCH_MATCH_NAME,        /* a party's name */
  CIV_SEARCH_MATCH_FULL_PINYIN, /* a party's full pinyin key */
  CIV_SEARCH_MATCH_INITIALS,    /* a party's pinyin initials */
  CIV_SEARCH_MATCH_PINYIN,      /* either pinyin key */
  CIV_SEARCH_MATCH_CERTIFICATE, /* an upper-case J, L, BJ or BL number */
} CivSearchMatch;

/* A search as the statements take it. */
typedef struct
{
  CivSearchMatch match;
  const char    *key;    /* the normalised key; NULL for CIV_SEARCH_MATCH_NONE */
  gboolean       prefix; /* TRUE: the key is a prefix … */
  const char    *upper;  /* … of the range key ≤ c < upper; NULL: no upper bound */
  const char    *from;   /* registration dates from … to (YYYY-MM-DD, inclusive); */
  const char    *to;     /* either may be NULL */
  /* The search_keys keys (0005-search-keys.sql) to scan instead of the
   * party indexes, or NULL; PINYIN reads two. */
  const char    *search_key[2];
} CivSearchFilter;

/* One result row: the current version of a marriage record. */
typedef struct
{
  gint64 id; /* marriages row id of the current version */
  char  *record_id;
  char  *registration_date;
  char  *certificate_no; /* NULL when none */
  char  *state;
  char  *name[2];
  char  *doc_number[2]; /* each party's identity document number as recorded, or NULL */
  char  *id_key[2];     /* its normalised identity number, or NULL */
  char  *pinyin[2];     /* the name's full pinyin key */
  char  *initials[2];   /* the name's pinyin initials */
  /* Set by app/search (civ-search.h) from the query: which parties matched
   * (CivSearchParties) and on what (CivSearchField). */
  guint  matched_parties;
  guint  matched_field;
} CivSearchRow;

void civ_search_row_free (CivSearchRow *row);

/* Where a page ends: the last row's sort key. A zeroed cursor means "from
 * the start". */
typedef struct
{
  gboolean valid;
  char     registration_date[11];
  gint64   id;
} CivSearchCursor;

/* The ids of every match, in result order (GArray of gint64). */
GArray    *civ_search_store_ids (CivDb *db, const CivSearchFilter *filter, GError **error);
/* The ids of up to @limit matches after @after (NULL or not valid: from the
 * start), in result order. */
GArray    *civ_search_store_page_ids (CivDb                 *db,
                                      const CivSearchFilter *filter,
                                      const CivSearchCursor *after,
                                      guint                  limit,
                                      GError               **error);
/* The rows (CivSearchRow) of @n_ids record row ids, in the order given; an
 * id that is not a current version is left out. */
GPtrArray *civ_search_store_rows (CivDb *db, const gint64 *ids, guint n_ids, GError **error);
/* The SQL of the id list (@page FALSE) or of a continued page, and
 * SQLite's EXPLAIN QUERY PLAN for it. */
char      *civ_search_store_explain (CivDb                 *db,
                                     const CivSearchFilter *filter,
                                     gboolean               page,
                                     GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivSearchRow, civ_search_row_free)

G_END_DECLS
