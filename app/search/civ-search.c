// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-search.c — finding marriage records at scale */
#include "civ-search.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-calendar.h"
#include "civ-idnumber.h"
#include "civ-pinyin.h"

struct _CivSearchQuery
{
  gatomicrefcount ref;
  CivSearchKind   kind;
  char           *key;
  char           *upper; /* exclusive upper bound of a prefix range */
  gboolean        prefix;
  char           *from; /* YYYY-MM-DD or NULL */
  char           *to;
  /* The search_keys keys (0005-search-keys.sql) the query reads, or NULL
   * when it reads the party indexes: a name, pinyin or initials query
   * whose prefix is within the stored prefix lengths. PINYIN reads two. */
  char           *search_key[2];
};

/* search_key_lengths in 0005-search-keys.sql. */
#define SEARCH_KEY_MAX_PREFIX 128

static const char *const kind_names[] = {
  [CIV_SEARCH_KIND_AUTO] = "auto",
  [CIV_SEARCH_KIND_ALL] = "all",
  [CIV_SEARCH_KIND_ID_NUMBER] = "id",
  [CIV_SEARCH_KIND_CERTIFICATE] = "certificate",
  [CIV_SEARCH_KIND_NAME] = "name",
  [CIV_SEARCH_KIND_PINYIN] = "pinyin",
  [CIV_SEARCH_KIND_FULL_PINYIN] = "full-pinyin",
  [CIV_SEARCH_KIND_INITIALS] = "initials",
  [CIV_SEARCH_KIND_DATE] = "date",
};

const char *
civ_search_kind_to_string (CivSearchKind kind)
{
  if ((guint) kind >= G_N_ELEMENTS (kind_names))
    return NULL;
  return kind_names[kind];
}

gboolean
civ_search_kind_from_string (const char *text, CivSearchKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (text, kind_names[i]) == 0)
      {
        *kind = (CivSearchKind) i;
        return TRUE;
      }
  return FALSE;
}

/* The smallest string greater than every string starting with @prefix
 * (byte order, as SQLite's BINARY collation compares). */
static char *
prefix_upper (const char *prefix)
{
  gsize len = strlen (prefix);
  char *upper = g_strndup (prefix, len);

  while (len > 0)
    {
      guchar c = (guchar) upper[len - 1];
      if (c < 0xff)
        {
          upper[len - 1] = (char) (c + 1);
          upper[len] = '\0';
          return upper;
        }
      len--;
    }
  g_free (upper);
  return NULL;
}

/* 18 characters (17 digits and a digit or X) or 15 digits. */
static char *
id_key_of (const char *text)
{
  g_autofree char *n = civ_id_normalize (text, CIV_DOC_RESIDENT_ID);
  gsize            len = strlen (n);

  if (len == 15 && civ_ascii_all_digits (n, 15))
    return civ_id_convert_15_to_18 (n);
  if (len == 18 && civ_ascii_all_digits (n, 17) && (g_ascii_isdigit (n[17]) || n[17] == 'X'))
    return g_steal_pointer (&n);
  return NULL;
}

/* "J", "L", "BJ" or "BL" followed by digits and dashes, upper-cased. */
static char *
certificate_of (const char *text, gboolean *complete)
{
  g_autofree char *up = g_ascii_strup (text, -1);
  const char      *p = up;

  g_strstrip (up);
  if (g_str_has_prefix (p, "BJ") || g_str_has_prefix (p, "BL"))
    p += 2;
  else if (*p == 'J' || *p == 'L')
    p += 1;
  else
    return NULL;
  if (strspn (p, "0123456789-") != strlen (p))
    return NULL;
  /* R-N1: 6-digit office, 4-digit year, 6-digit serial. */
  *complete = strlen (p) == 18 && civ_ascii_all_digits (p, 6) && p[6] == '-' &&
              civ_ascii_all_digits (p + 7, 4) && p[11] == '-' && civ_ascii_all_digits (p + 12, 6);
  return g_steal_pointer (&up);
}

static gboolean
is_pinyin_text (const char *text)
{
  gboolean letters = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isalpha (*p))
        letters = TRUE;
      else if (*p != ' ' && *p != '\'')
        return FALSE;
    }
  return letters;
}

/* "YYYY", "YYYY-MM", "YYYY-MM-DD" → the first and last day. */
static gboolean
date_span (const char *text, char **from, char **to)
{
  GDate d;
  int   y, m;

  if (*text == '\0')
    {
      *from = NULL;
      *to = NULL;
      return TRUE;
    }
  if (strlen (text) == 4 && civ_ascii_all_digits (text, 4))
    {
      y = atoi (text);
      if (y < 1000)
        return FALSE;
      *from = g_strdup_printf ("%04d-01-01", y);
      *to = g_strdup_printf ("%04d-12-31", y);
      return TRUE;
    }
  if (strlen (text) == 7 && civ_ascii_all_digits (text, 4) && text[4] == '-' &&
      civ_ascii_all_digits (text + 5, 2))
    {
      y = atoi (text);
      m = atoi (text + 5);
      if (y < 1000 || m < 1 || m > 12)
        return FALSE;
      *from = g_strdup_printf ("%04d-%02d-01", y, m);
      *to = g_strdup_printf ("%04d-%02d-%02d", y, m,
                             g_date_get_days_in_month ((GDateMonth) m, (GDateYear) y));
      return TRUE;
    }
  if (civ_date_parse_iso (text, &d))
    {
      *from = g_strdup (text);
      *to = g_strdup (text);
      return TRUE;
    }
  return FALSE;
}

static gboolean
looks_like_date (const char *text)
{
  return (strlen (text) >= 4 && civ_ascii_all_digits (text, 4) &&
          (text[4] == '\0' || text[4] == '-' || text[4] == '.')) ||
         g_str_has_prefix (text, "..");
}

static gboolean
parse_date_query (CivSearchQuery *self, const char *text, GError **error)
{
  const char      *dots = strstr (text, "..");
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  char            *from = NULL, *to = NULL, *from2 = NULL, *to2 = NULL;

  if (dots == NULL)
    {
      if (*text == '\0' || !date_span (text, &from, &to))
        goto bad;
      self->from = from;
      self->to = to;
      return TRUE;
    }
  a = g_strndup (text, (gsize) (dots - text));
  b = g_strdup (dots + 2);
  g_strstrip (a);
  g_strstrip (b);
  if ((*a == '\0' && *b == '\0') || !date_span (a, &from, &to))
    goto bad;
  if (!date_span (b, &from2, &to2))
    {
      g_free (from);
      g_free (to);
      goto bad;
    }
  self->from = from;
  self->to = to2;
  g_free (to);
  g_free (from2);
  if (self->from && self->to && strcmp (self->from, self->to) > 0)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("The date range “%s” ends before it begins"), text);
      return FALSE;
    }
  return TRUE;

bad:
  g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
               _ ("“%s” is not a date or date range (YYYY, YYYY-MM, YYYY-MM-DD, FROM..TO)"), text);
  return FALSE;
}

static CivSearchKind
detect (const char *text)
{
  g_autofree char *id = NULL;
  g_autofree char *cert = NULL;
  gboolean         complete;

  if (*text == '\0')
    return CIV_SEARCH_KIND_ALL;
  if (looks_like_date (text) && strlen (text) != 15 && strlen (text) != 18)
    return CIV_SEARCH_KIND_DATE;
  id = id_key_of (text);
  if (id != NULL)
    return CIV_SEARCH_KIND_ID_NUMBER;
  cert = certificate_of (text, &complete);
  if (cert != NULL && strpbrk (cert, "0123456789") != NULL)
    return CIV_SEARCH_KIND_CERTIFICATE;
  if (is_pinyin_text (text))
    return CIV_SEARCH_KIND_PINYIN;
  if (!g_str_is_ascii (text))
    return CIV_SEARCH_KIND_NAME;
  return CIV_SEARCH_KIND_AUTO;
}

static void
set_search_keys (CivSearchQuery *self)
{
  gboolean short_prefix = g_utf8_strlen (self->key ? self->key : "", -1) <= SEARCH_KEY_MAX_PREFIX;

  switch (self->kind)
    {
    case CIV_SEARCH_KIND_NAME:
      if (!self->prefix)
        self->search_key[0] = g_strconcat ("N", self->key, NULL);
      else if (short_prefix)
        self->search_key[0] = g_strconcat ("n", self->key, NULL);
      break;
    case CIV_SEARCH_KIND_FULL_PINYIN:
      if (short_prefix)
        self->search_key[0] = g_strconcat ("p", self->key, NULL);
      break;
    case CIV_SEARCH_KIND_INITIALS:
      if (short_prefix)
        self->search_key[0] = g_strconcat ("i", self->key, NULL);
      break;
    case CIV_SEARCH_KIND_PINYIN:
      if (short_prefix)
        {
          self->search_key[0] = g_strconcat ("p", self->key, NULL);
          self->search_key[1] = g_strconcat ("i", self->key, NULL);
        }
      break;
    case CIV_SEARCH_KIND_AUTO:
    case CIV_SEARCH_KIND_ALL:
    case CIV_SEARCH_KIND_ID_NUMBER:
    case CIV_SEARCH_KIND_CERTIFICATE:
    case CIV_SEARCH_KIND_DATE:
    default:
      break;
    }
}

CivSearchQuery *
civ_search_query_new (const char *text, CivSearchKind kind, GError **error)
{
  g_autoptr (CivSearchQuery) self = g_new0 (CivSearchQuery, 1);
  g_autofree char *t = g_strstrip (g_strdup (text ? text : ""));
  gboolean         star = FALSE;

  g_atomic_ref_count_init (&self->ref);
  if (!g_utf8_validate (t, -1, NULL))
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                           _ ("The search text is not valid UTF-8"));
      return NULL;
    }
  if (g_str_has_suffix (t, "*"))
    {
      t[strlen (t) - 1] = '\0';
      g_strstrip (t);
      star = TRUE;
    }
  if (kind == CIV_SEARCH_KIND_AUTO)
    kind = detect (t);
  self->kind = kind;

  switch (kind)
    {
    case CIV_SEARCH_KIND_ALL:
      break;

    case CIV_SEARCH_KIND_DATE:
      if (!parse_date_query (self, t, error))
        return NULL;
      break;

    case CIV_SEARCH_KIND_ID_NUMBER:
      self->key = id_key_of (t);
      if (self->key == NULL)
        {
          g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                       _ ("“%s” is not an 18- or 15-digit identity number"), t);
          return NULL;
        }
      break;

    case CIV_SEARCH_KIND_CERTIFICATE:
      {
        gboolean complete = FALSE;

        self->key = certificate_of (t, &complete);
        if (self->key == NULL)
          {
            civ_app_set_invalid (error, "R-N1",
                                 _ ("R-N1: “%s” is not a certificate number (J, L, BJ or BL, then "
                                    "office, year and serial)"),
                                 t);
            return NULL;
          }
        self->prefix = star || !complete;
      }
      break;

    case CIV_SEARCH_KIND_NAME:
      {
        g_autofree char *n = g_utf8_normalize (t, -1, G_NORMALIZE_NFC);
        GString         *s = g_string_new (NULL);

        /* Names are stored without spaces (张 三 → 张三). */
        for (const char *p = n; *p; p = g_utf8_next_char (p))
          if (!g_unichar_isspace (g_utf8_get_char (p)))
            g_string_append_unichar (s, g_utf8_get_char (p));
        self->key = g_string_free (s, FALSE);
        if (*self->key == '\0')
          {
            g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                                 _ ("Type a name to search for"));
            return NULL;
          }
        self->prefix = star || g_utf8_strlen (self->key, -1) == 1;
      }
      break;

    case CIV_SEARCH_KIND_PINYIN:
    case CIV_SEARCH_KIND_FULL_PINYIN:
    case CIV_SEARCH_KIND_INITIALS:
      if (!is_pinyin_text (t))
        {
          g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                       _ ("“%s” is not pinyin (Latin letters only)"), t);
          return NULL;
        }
      self->key = civ_pinyin_normalize_query (t);
      self->prefix = TRUE;
      break;

    case CIV_SEARCH_KIND_AUTO:
    default:
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("“%s” is not an identity number, certificate number, name, pinyin or "
                      "date"),
                   t);
      return NULL;
    }
  if (self->prefix)
    self->upper = prefix_upper (self->key);
  set_search_keys (self);
  return g_steal_pointer (&self);
}

CivSearchQuery *
civ_search_query_ref (CivSearchQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
civ_search_query_unref (CivSearchQuery *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref))
    return;
  g_free (self->key);
  g_free (self->upper);
  g_free (self->from);
  g_free (self->to);
  g_free (self->search_key[0]);
  g_free (self->search_key[1]);
  g_free (self);
}

gboolean
civ_search_query_set_date_range (CivSearchQuery *self,
                                 const char     *from,
                                 const char     *to,
                                 GError        **error)
{
  GDate d;

  g_return_val_if_fail (self != NULL, FALSE);

  if ((from && !civ_date_parse_iso (from, &d)) || (to && !civ_date_parse_iso (to, &d)))
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("“%s” is not a real date in the form YYYY-MM-DD"),
                   from && !civ_date_parse_iso (from, &d) ? from : to);
      return FALSE;
    }
  if (from && to && strcmp (from, to) > 0)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("The date range “%s..%s” ends before it begins"), from, to);
      return FALSE;
    }
  /* Narrows a date query rather than replacing it. */
  if (from && (self->from == NULL || strcmp (from, self->from) > 0))
    {
      g_free (self->from);
      self->from = g_strdup (from);
    }
  if (to && (self->to == NULL || strcmp (to, self->to) < 0))
    {
      g_free (self->to);
      self->to = g_strdup (to);
    }
  return TRUE;
}

CivSearchKind
civ_search_query_get_kind (CivSearchQuery *self)
{
  return self->kind;
}

const char *
civ_search_query_get_key (CivSearchQuery *self)
{
  return self->key;
}

gboolean
civ_search_query_is_prefix (CivSearchQuery *self)
{
  return self->prefix;
}

CivSearchField
civ_search_query_get_field (CivSearchQuery *self)
{
  g_return_val_if_fail (self != NULL, CIV_SEARCH_FIELD_NONE);

  switch (self->kind)
    {
    case CIV_SEARCH_KIND_ID_NUMBER:
      return CIV_SEARCH_FIELD_ID_NUMBER;
    case CIV_SEARCH_KIND_CERTIFICATE:
      return CIV_SEARCH_FIELD_CERTIFICATE;
    case CIV_SEARCH_KIND_NAME:
    case CIV_SEARCH_KIND_PINYIN:
    case CIV_SEARCH_KIND_FULL_PINYIN:
    case CIV_SEARCH_KIND_INITIALS:
      return CIV_SEARCH_FIELD_NAME;
    case CIV_SEARCH_KIND_ALL:
    case CIV_SEARCH_KIND_DATE:
    case CIV_SEARCH_KIND_AUTO:
    default:
      return CIV_SEARCH_FIELD_NONE;
    }
}

/* @value matches the key as the statements match it: equal, or within the
 * prefix range. */
static gboolean
key_matches (CivSearchQuery *self, const char *value)
{
  if (value == NULL || self->key == NULL)
    return FALSE;
  if (!self->prefix)
    return strcmp (value, self->key) == 0;
  return g_str_has_prefix (value, self->key);
}

CivSearchParties
civ_search_query_match_parties (CivSearchQuery *self, const CivSearchRow *row)
{
  CivSearchParties parties = CIV_SEARCH_PARTY_NONE;

  g_return_val_if_fail (self != NULL && row != NULL, CIV_SEARCH_PARTY_NONE);

  for (int i = 0; i < 2; i++)
    {
      gboolean hit;

      switch (self->kind)
        {
        case CIV_SEARCH_KIND_ID_NUMBER:
          hit = key_matches (self, row->id_key[i]);
          break;
        case CIV_SEARCH_KIND_NAME:
          hit = key_matches (self, row->name[i]);
          break;
        case CIV_SEARCH_KIND_FULL_PINYIN:
          hit = key_matches (self, row->pinyin[i]);
          break;
        case CIV_SEARCH_KIND_INITIALS:
          hit = key_matches (self, row->initials[i]);
          break;
        case CIV_SEARCH_KIND_PINYIN:
          hit = key_matches (self, row->pinyin[i]) || key_matches (self, row->initials[i]);
          break;
        case CIV_SEARCH_KIND_CERTIFICATE:
        case CIV_SEARCH_KIND_ALL:
        case CIV_SEARCH_KIND_DATE:
        case CIV_SEARCH_KIND_AUTO:
        default:
          hit = FALSE;
          break;
        }
      if (hit)
        parties |= i == 0 ? CIV_SEARCH_PARTY_A : CIV_SEARCH_PARTY_B;
    }
  return parties;
}

static void
mark_rows (CivSearchQuery *query, GPtrArray *rows)
{
  if (query == NULL || rows == NULL)
    return;
  for (guint i = 0; i < rows->len; i++)
    {
      CivSearchRow *row = g_ptr_array_index (rows, i);

      row->matched_parties = civ_search_query_match_parties (query, row);
      row->matched_field = civ_search_query_get_field (query);
    }
}

/* The statements' view of @q (db/search/civ-search-store.h). */
static CivSearchFilter
filter_of (CivSearchQuery *q)
{
  CivSearchFilter f = {
    .key = q->key,
    .prefix = q->prefix,
    .upper = q->upper,
    .from = q->from,
    .to = q->to,
    .search_key = { q->search_key[0], q->search_key[1] },
  };

  switch (q->kind)
    {
    case CIV_SEARCH_KIND_ID_NUMBER:
      f.match = CIV_SEARCH_MATCH_ID_KEY;
      break;
    case CIV_SEARCH_KIND_NAME:
      f.match = CIV_SEARCH_MATCH_NAME;
      break;
    case CIV_SEARCH_KIND_FULL_PINYIN:
      f.match = CIV_SEARCH_MATCH_FULL_PINYIN;
      break;
    case CIV_SEARCH_KIND_INITIALS:
      f.match = CIV_SEARCH_MATCH_INITIALS;
      break;
    case CIV_SEARCH_KIND_PINYIN:
      f.match = CIV_SEARCH_MATCH_PINYIN;
      break;
    case CIV_SEARCH_KIND_CERTIFICATE:
      f.match = CIV_SEARCH_MATCH_CERTIFICATE;
      break;
    case CIV_SEARCH_KIND_ALL:
    case CIV_SEARCH_KIND_DATE:
    case CIV_SEARCH_KIND_AUTO:
    default:
      f.match = CIV_SEARCH_MATCH_NONE;
      break;
    }
  return f;
}

GArray *
civ_search_ids (CivDb *db, CivSearchQuery *query, GError **error)
{
  CivSearchFilter filter;

  g_return_val_if_fail (CIV_IS_DB (db) && query != NULL, NULL);

  filter = filter_of (query);
  return civ_search_store_ids (db, &filter, error);
}

char *
civ_search_explain (CivDb *db, CivSearchQuery *query, gboolean page, GError **error)
{
  CivSearchFilter filter;

  g_return_val_if_fail (CIV_IS_DB (db) && query != NULL, NULL);

  filter = filter_of (query);
  return civ_search_store_explain (db, &filter, page, error);
}

GPtrArray *
civ_search_page (CivDb                 *db,
                 CivSearchQuery        *query,
                 const CivSearchCursor *after,
                 guint                  limit,
                 CivSearchCursor       *next,
                 GError               **error)
{
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  CivSearchFilter filter;

  g_return_val_if_fail (CIV_IS_DB (db) && query != NULL, NULL);

  filter = filter_of (query);
  ids = civ_search_store_page_ids (db, &filter, after, limit, error);
  if (ids == NULL)
    return NULL;
  rows = civ_search_store_rows (db, (const gint64 *) (void *) ids->data, ids->len, error);
  if (rows == NULL)
    return NULL;
  mark_rows (query, rows);
  if (next != NULL)
    {
      if (rows->len > 0)
        {
          CivSearchRow *last = g_ptr_array_index (rows, rows->len - 1);

          next->valid = TRUE;
          g_strlcpy (next->registration_date, last->registration_date,
                     sizeof next->registration_date);
          next->id = last->id;
        }
      else if (after != NULL)
        *next = *after;
      else
        memset (next, 0, sizeof *next);
    }
  return g_steal_pointer (&rows);
}

GPtrArray *
civ_search_rows (CivDb *db, CivSearchQuery *query, const gint64 *ids, guint n_ids, GError **error)
{
  GPtrArray *rows = civ_search_store_rows (db, ids, n_ids, error);

  mark_rows (query, rows);
  return rows;
}
