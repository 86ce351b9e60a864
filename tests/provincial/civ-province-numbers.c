// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-province-numbers.c — number blocks handed out by the province and the
 * office ledger (docs/provincial-protocol.md §8 and §9, issue 17)
 *
 * Per series (office, prefix, year): a high-water mark, the next serial to
 * hand out, and the blocks [first, last] below it, consecutive, each held by
 * one workstation, with what the workstation last said it had drawn and an
 * optional returned tail. Voids are recorded per serial; issued numbers come
 * from the accepted batch items. Every change is a log line (nb-*), written
 * and flushed before the reply, and the replay rebuilds the same state.
 * The soup server is single-threaded: no locking.
 */
#include "civ-province-numbers.h"
#include "civ-province-json.h"

#include <string.h>

#define SERIAL_MAX G_GINT64_CONSTANT (999999)
#define COUNT_MAX G_GINT64_CONSTANT (10000)
#define LIST_MAX 50
#define REASON_MAX 200

static const char *const prefixes[] = { "J", "L", "BJ", "BL", "SY", "JCSY" };

typedef struct
{
  char    *id;
  char    *office;
  char    *prefix;
  gint64   year;
  char    *workstation;
  gint64   first, last;
  gint64   drawn_next;
  gboolean claim;
  gint64   returned_first; /* 0: nothing returned */
} Block;

typedef struct
{
  char       *office;
  char       *prefix;
  gint64      year;
  gint64      high_water; /* the next serial to hand out */
  GPtrArray  *blocks;     /* Block*, by first serial (owned by Numbers.blocks) */
  GHashTable *voids;      /* gint64* serial → reason */
  GHashTable *issued;     /* gint64* serial → GPtrArray of record ids */
} Series;

typedef struct
{
  char *workstation;
  char *text;
} StoredReply;

struct _CivProvinceNumbers
{
  FILE       *log;
  GHashTable *series;  /* "office|prefix|year" → Series */
  GHashTable *blocks;  /* id → Block */
  GHashTable *offices; /* workstation → office code */
  GHashTable *replies; /* request id → StoredReply */
  GString    *pending; /* log lines of the request being applied */
  GRegex     *number_re;
};

static void
block_free (Block *b)
{
  g_free (b->id);
  g_free (b->office);
  g_free (b->prefix);
  g_free (b->workstation);
  g_free (b);
}

static void
series_free (Series *s)
{
  g_free (s->office);
  g_free (s->prefix);
  g_ptr_array_unref (s->blocks);
  g_hash_table_unref (s->voids);
  g_hash_table_unref (s->issued);
  g_free (s);
}

static void
stored_reply_free (StoredReply *r)
{
  g_free (r->workstation);
  g_free (r->text);
  g_free (r);
}

CivProvinceNumbers *
civ_province_numbers_new (void)
{
  CivProvinceNumbers *nb = g_new0 (CivProvinceNumbers, 1);

  nb->series =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) series_free);
  nb->blocks = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) block_free);
  nb->offices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  nb->replies =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) stored_reply_free);
  nb->number_re = g_regex_new ("^(J|L|BJ|BL|SY|JCSY)([0-9]{6})-([0-9]{4})-([0-9]{6})$", 0, 0, NULL);
  return nb;
}

void
civ_province_numbers_free (CivProvinceNumbers *nb)
{
  if (nb == NULL)
    return;
  g_hash_table_unref (nb->series);
  g_hash_table_unref (nb->blocks);
  g_hash_table_unref (nb->offices);
  g_hash_table_unref (nb->replies);
  g_regex_unref (nb->number_re);
  g_free (nb);
}

void
civ_province_numbers_set_log (CivProvinceNumbers *nb, FILE *log)
{
  nb->log = log;
}

static gint64 *
serial_key (gint64 serial)
{
  gint64 *k = g_new (gint64, 1);

  *k = serial;
  return k;
}

static Series *
series_get (CivProvinceNumbers *nb, const char *office, const char *prefix, gint64 year)
{
  g_autofree char *key = g_strdup_printf ("%s|%s|%" G_GINT64_FORMAT, office, prefix, year);
  Series          *s = g_hash_table_lookup (nb->series, key);

  if (s == NULL)
    {
      s = g_new0 (Series, 1);
      s->office = g_strdup (office);
      s->prefix = g_strdup (prefix);
      s->year = year;
      s->high_water = 1;
      s->blocks = g_ptr_array_new ();
      s->voids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
      s->issued = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
      g_hash_table_insert (nb->series, g_steal_pointer (&key), s);
    }
  return s;
}

/* The series when it exists (a lookup must not make one: the ledger would
 * list it, and the replay would not). */
static Series *
series_find (CivProvinceNumbers *nb, const char *office, const char *prefix, gint64 year)
{
  g_autofree char *key = g_strdup_printf ("%s|%s|%" G_GINT64_FORMAT, office, prefix, year);

  return g_hash_table_lookup (nb->series, key);
}

static Series *
series_of_block (CivProvinceNumbers *nb, const Block *b)
{
  return series_get (nb, b->office, b->prefix, b->year);
}

/* The block of @s holding @serial, or NULL. */
static Block *
block_at (Series *s, gint64 serial)
{
  for (guint i = 0; i < s->blocks->len; i++)
    {
      Block *b = g_ptr_array_index (s->blocks, i);

      if (serial >= b->first && serial <= b->last)
        return b;
    }
  return NULL;
}

static Block *
block_add (CivProvinceNumbers *nb,
           Series             *s,
           const char         *workstation,
           gint64              first,
           gint64              last,
           gint64              drawn_next,
           gboolean            claim)
{
  Block *b = g_new0 (Block, 1);

  b->id = g_strdup_printf ("NB-%s-%s-%04" G_GINT64_FORMAT "-%04u", s->office, s->prefix, s->year,
                           s->blocks->len + 1);
  b->office = g_strdup (s->office);
  b->prefix = g_strdup (s->prefix);
  b->year = s->year;
  b->workstation = g_strdup (workstation);
  b->first = first;
  b->last = last;
  b->drawn_next = drawn_next;
  b->claim = claim;
  g_ptr_array_add (s->blocks, b);
  g_hash_table_insert (nb->blocks, b->id, b);
  s->high_water = MAX (s->high_water, last + 1);
  return b;
}

static void
issue (Series *s, gint64 serial, const char *record_id)
{
  GPtrArray *records = g_hash_table_lookup (s->issued, &serial);

  if (records == NULL)
    {
      records = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (s->issued, serial_key (serial), records);
    }
  for (guint i = 0; i < records->len; i++)
    if (strcmp (g_ptr_array_index (records, i), record_id) == 0)
      return;
  g_ptr_array_add (records, g_strdup (record_id));
}

/* ---- The log ---------------------------------------------------------- */

static void
log_add (CivProvinceNumbers *nb, JsonBuilder *b)
{
  g_autofree char *text = civ_province_builder_text (b);

  g_string_append (nb->pending, text);
  g_string_append_c (nb->pending, '\n');
}

static void
log_block (CivProvinceNumbers *nb, const Block *blk)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  civ_province_set_string (b, "type", "nb-block");
  civ_province_set_string (b, "block_id", blk->id);
  civ_province_set_string (b, "office_code", blk->office);
  civ_province_set_string (b, "prefix", blk->prefix);
  civ_province_set_int (b, "year", blk->year);
  civ_province_set_string (b, "workstation", blk->workstation);
  civ_province_set_int (b, "first", blk->first);
  civ_province_set_int (b, "last", blk->last);
  civ_province_set_int (b, "drawn_next", blk->drawn_next);
  json_builder_set_member_name (b, "claim");
  json_builder_add_boolean_value (b, blk->claim);
  json_builder_end_object (b);
  log_add (nb, b);
}

static void
log_held (CivProvinceNumbers *nb, const Block *blk)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  civ_province_set_string (b, "type", "nb-held");
  civ_province_set_string (b, "block_id", blk->id);
  civ_province_set_int (b, "drawn_next", blk->drawn_next);
  json_builder_end_object (b);
  log_add (nb, b);
}

static void
log_void (CivProvinceNumbers *nb,
          const Series       *s,
          const char         *workstation,
          gint64              serial,
          const char         *reason)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  civ_province_set_string (b, "type", "nb-void");
  civ_province_set_string (b, "office_code", s->office);
  civ_province_set_string (b, "prefix", s->prefix);
  civ_province_set_int (b, "year", s->year);
  civ_province_set_int (b, "serial", serial);
  civ_province_set_string (b, "workstation", workstation);
  civ_province_set_string (b, "reason", reason);
  json_builder_end_object (b);
  log_add (nb, b);
}

static void
log_return (CivProvinceNumbers *nb, const Block *blk, const char *reason)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  civ_province_set_string (b, "type", "nb-return");
  civ_province_set_string (b, "block_id", blk->id);
  civ_province_set_int (b, "returned_first", blk->returned_first);
  civ_province_set_string (b, "reason", reason);
  json_builder_end_object (b);
  log_add (nb, b);
}

static void
log_office (CivProvinceNumbers *nb, const char *workstation, const char *office)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  civ_province_set_string (b, "type", "nb-office");
  civ_province_set_string (b, "workstation", workstation);
  civ_province_set_string (b, "office_code", office);
  json_builder_end_object (b);
  log_add (nb, b);
}

static void
log_reply (CivProvinceNumbers *nb,
           const char         *workstation,
           const char         *request_id,
           const char         *text)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  civ_province_set_string (b, "type", "nb-reply");
  civ_province_set_string (b, "workstation", workstation);
  civ_province_set_string (b, "request_id", request_id);
  civ_province_set_string (b, "reply", text);
  json_builder_end_object (b);
  log_add (nb, b);
}

/* Writes the request's lines in one go and flushes them. */
static void
log_commit (CivProvinceNumbers *nb)
{
  if (nb->log != NULL && nb->pending->len > 0)
    {
      fwrite (nb->pending->str, 1, nb->pending->len, nb->log);
      fflush (nb->log);
    }
  g_string_truncate (nb->pending, 0);
}

gboolean
civ_province_numbers_replay (CivProvinceNumbers *nb, JsonObject *o)
{
  const char *type = json_object_get_string_member_with_default (o, "type", "");
  const char *ws = json_object_get_string_member_with_default (o, "workstation", "");
  const char *id = json_object_get_string_member_with_default (o, "block_id", "");
  Block      *blk = g_hash_table_lookup (nb->blocks, id);

  if (strcmp (type, "nb-block") == 0)
    {
      Series *s = series_get (nb, json_object_get_string_member_with_default (o, "office_code", ""),
                              json_object_get_string_member_with_default (o, "prefix", ""),
                              json_object_get_int_member_with_default (o, "year", 0));
      Block  *added = block_add (nb, s, ws, json_object_get_int_member_with_default (o, "first", 0),
                                 json_object_get_int_member_with_default (o, "last", 0),
                                 json_object_get_int_member_with_default (o, "drawn_next", 0),
                                 json_object_get_boolean_member_with_default (o, "claim", FALSE));

      if (strcmp (added->id, id) != 0)
        g_printerr ("civreg-province: replayed block %s came back as %s\n", id, added->id);
    }
  else if (strcmp (type, "nb-held") == 0 && blk != NULL)
    blk->drawn_next = json_object_get_int_member_with_default (o, "drawn_next", blk->drawn_next);
  else if (strcmp (type, "nb-return") == 0 && blk != NULL)
    blk->returned_first = json_object_get_int_member_with_default (o, "returned_first", 0);
  else if (strcmp (type, "nb-void") == 0)
    {
      Series *s = series_get (nb, json_object_get_string_member_with_default (o, "office_code", ""),
                              json_object_get_string_member_with_default (o, "prefix", ""),
                              json_object_get_int_member_with_default (o, "year", 0));

      g_hash_table_replace (s->voids,
                            serial_key (json_object_get_int_member_with_default (o, "serial", 0)),
                            g_strdup (
                              json_object_get_string_member_with_default (o, "reason", "")));
    }
  else if (strcmp (type, "nb-office") == 0)
    g_hash_table_replace (nb->offices, g_strdup (ws),
                          g_strdup (
                            json_object_get_string_member_with_default (o, "office_code", "")));
  else if (strcmp (type, "nb-reply") == 0)
    {
      StoredReply *r = g_new0 (StoredReply, 1);

      r->workstation = g_strdup (ws);
      r->text = g_strdup (json_object_get_string_member_with_default (o, "reply", ""));
      g_hash_table_replace (nb->replies,
                            g_strdup (
                              json_object_get_string_member_with_default (o, "request_id", "")),
                            r);
    }
  else
    return g_str_has_prefix (type, "nb-");
  return TRUE;
}

void
civ_province_numbers_note_item (CivProvinceNumbers *nb,
                                const char         *kind,
                                const char         *record_id,
                                JsonObject         *payload)
{
  g_autoptr (GMatchInfo) m = NULL;
  g_autofree char *prefix = NULL, *office = NULL, *year = NULL, *serial = NULL;
  JsonNode        *n;

  if (payload == NULL || record_id == NULL || *record_id == '\0' ||
      g_strcmp0 (kind, "death") == 0 ||
      g_strcmp0 (json_object_get_string_member_with_default (payload, "kind", ""), "death") == 0)
    return;
  n = json_object_get_member (payload, "certificate_no");
  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING ||
      !g_regex_match (nb->number_re, json_node_get_string (n), 0, &m))
    return;
  prefix = g_match_info_fetch (m, 1);
  office = g_match_info_fetch (m, 2);
  year = g_match_info_fetch (m, 3);
  serial = g_match_info_fetch (m, 4);
  if (g_ascii_strtoll (serial, NULL, 10) < 1)
    return;
  issue (series_get (nb, office, prefix, g_ascii_strtoll (year, NULL, 10)),
         g_ascii_strtoll (serial, NULL, 10), record_id);
}

/* ---- Checking a request ----------------------------------------------- */

/* The member @name as a whole number in [@min, @max]. */
static gboolean
int_in (JsonObject *o, const char *name, gint64 min, gint64 max, gint64 *out)
{
  JsonNode *n = json_object_get_member (o, name);
  gint64    v;

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_INT64)
    return FALSE;
  v = json_node_get_int (n);
  if (out)
    *out = v;
  return v >= min && v <= max;
}

static gboolean
prefix_ok (const char *s)
{
  for (guint i = 0; s && i < G_N_ELEMENTS (prefixes); i++)
    if (strcmp (s, prefixes[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
request_id_ok (const char *s)
{
  gsize n = s ? strlen (s) : 0;

  if (n < 1 || n > 64)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isalnum (s[i]) && s[i] != '-')
      return FALSE;
  return TRUE;
}

static gboolean
reason_ok (JsonObject *o)
{
  const char *s = civ_province_string_of (o, "reason");
  glong       n = s ? g_utf8_strlen (s, -1) : 0;

  return n >= 1 && n <= REASON_MAX;
}

/* The list @name (absent: NULL and TRUE); FALSE with @error when it is not
 * an array of at most LIST_MAX objects. */
static gboolean
list_of (JsonObject *root, const char *name, JsonArray **out, char **error)
{
  JsonNode  *n = json_object_get_member (root, name);
  JsonArray *a;

  *out = NULL;
  if (n == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (n))
    {
      *error = g_strdup_printf ("%s must be an array", name);
      return FALSE;
    }
  a = json_node_get_array (n);
  if (json_array_get_length (a) > LIST_MAX)
    {
      *error = g_strdup_printf ("%s has %u entries; at most %d", name, json_array_get_length (a),
                                LIST_MAX);
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (a); i++)
    if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (a, i)))
      {
        *error = g_strdup_printf ("%s[%u] must be an object", name, i);
        return FALSE;
      }
  *out = a;
  return TRUE;
}

/* Prefix and year of @o, the entry @i of @list. */
static char *
check_series (JsonObject *o, const char *list, guint i)
{
  if (!prefix_ok (civ_province_string_of (o, "prefix")))
    return g_strdup_printf ("%s[%u].prefix must be J, L, BJ, BL, SY or JCSY", list, i);
  if (!int_in (o, "year", 1950, 9999, NULL))
    return g_strdup_printf ("%s[%u].year must be a whole number from 1950 to 9999", list, i);
  return NULL;
}

static char *
check_serial (JsonObject *o, const char *list, guint i, const char *name, gint64 max)
{
  if (!int_in (o, name, 1, max, NULL))
    return g_strdup_printf ("%s[%u].%s must be a whole number from 1 to %" G_GINT64_FORMAT, list, i,
                            name, max);
  return NULL;
}

static char *
check_block_id (JsonObject *o, const char *list, guint i)
{
  const char *id = civ_province_string_of (o, "block_id");

  if (id == NULL || *id == '\0' || strlen (id) > 64)
    return g_strdup_printf ("%s[%u].block_id must be a string of 1 to 64 characters", list, i);
  return NULL;
}

static char *
check_range (JsonObject *o, const char *list, guint i)
{
  char *e;

  if ((e = check_serial (o, list, i, "first", SERIAL_MAX)) ||
      (e = check_serial (o, list, i, "last", SERIAL_MAX)))
    return e;
  if (json_object_get_int_member (o, "first") > json_object_get_int_member (o, "last"))
    return g_strdup_printf ("%s[%u].first must not be after last", list, i);
  return NULL;
}

static char *
check_reason (JsonObject *o, const char *list, guint i)
{
  if (!reason_ok (o))
    return g_strdup_printf ("%s[%u].reason must be a string of 1 to %d characters", list, i,
                            REASON_MAX);
  return NULL;
}

typedef struct
{
  JsonArray *claims, *held, *voids, *returns, *requests;
} Lists;

/* NULL when the whole body is well formed; otherwise what is wrong. */
static char *
check_body (JsonObject *root, const char *ws_id, Lists *l)
{
  char *e = NULL;

  if (!int_in (root, "protocol", 1, 1, NULL))
    return g_strdup ("protocol must be 1");
  if (g_strcmp0 (civ_province_string_of (root, "workstation"), ws_id) != 0)
    return g_strdup ("workstation must be the workstation of the X-Civreg-Workstation header");
  if (!civ_province_office_ok (civ_province_string_of (root, "office_code")))
    return g_strdup ("office_code must be six digits");
  if (!request_id_ok (civ_province_string_of (root, "request_id")))
    return g_strdup ("request_id must be 1 to 64 characters A-Z, a-z, 0-9 or -");
  if (civ_province_string_of (root, "sent_at") == NULL ||
      *civ_province_string_of (root, "sent_at") == '\0')
    return g_strdup ("sent_at must be a non-empty string");
  if (!list_of (root, "claims", &l->claims, &e) || !list_of (root, "held", &l->held, &e) ||
      !list_of (root, "voids", &l->voids, &e) || !list_of (root, "returns", &l->returns, &e) ||
      !list_of (root, "requests", &l->requests, &e))
    return e;
  for (guint i = 0; l->claims && i < json_array_get_length (l->claims); i++)
    {
      JsonObject *o = json_array_get_object_element (l->claims, i);

      if ((e = check_series (o, "claims", i)) || (e = check_range (o, "claims", i)))
        return e;
    }
  for (guint i = 0; l->held && i < json_array_get_length (l->held); i++)
    {
      JsonObject *o = json_array_get_object_element (l->held, i);

      if ((e = check_block_id (o, "held", i)) || (e = check_serial (o, "held", i, "next", 1000000)))
        return e;
    }
  for (guint i = 0; l->voids && i < json_array_get_length (l->voids); i++)
    {
      JsonObject *o = json_array_get_object_element (l->voids, i);

      if ((e = check_series (o, "voids", i)) ||
          (e = check_serial (o, "voids", i, "serial", SERIAL_MAX)) ||
          (e = check_reason (o, "voids", i)))
        return e;
    }
  for (guint i = 0; l->returns && i < json_array_get_length (l->returns); i++)
    {
      JsonObject *o = json_array_get_object_element (l->returns, i);

      if ((e = check_block_id (o, "returns", i)) || (e = check_range (o, "returns", i)) ||
          (e = check_reason (o, "returns", i)))
        return e;
    }
  for (guint i = 0; l->requests && i < json_array_get_length (l->requests); i++)
    {
      JsonObject *o = json_array_get_object_element (l->requests, i);

      if ((e = check_series (o, "requests", i)) ||
          (e = check_serial (o, "requests", i, "count", COUNT_MAX)))
        return e;
    }
  return NULL;
}

/* ---- Applying a request ----------------------------------------------- */

static void
entry_refused (JsonBuilder *b, char *reason)
{
  civ_province_set_string (b, "status", "refused");
  civ_province_set_string (b, "reason", reason);
  g_free (reason);
}

static void
entry_series (JsonBuilder *b, JsonObject *o)
{
  civ_province_set_string (b, "prefix", json_object_get_string_member (o, "prefix"));
  civ_province_set_int (b, "year", json_object_get_int_member (o, "year"));
}

static void
apply_claim (CivProvinceNumbers *nb,
             const char         *ws,
             const char         *office,
             JsonObject         *o,
             JsonBuilder        *b,
             GPtrArray          *created)
{
  const char *prefix = json_object_get_string_member (o, "prefix");
  gint64      year = json_object_get_int_member (o, "year");
  Series     *s = series_find (nb, office, prefix, year);
  gint64      first = json_object_get_int_member (o, "first");
  gint64      last = json_object_get_int_member (o, "last");
  Block      *held = s && s->blocks->len > 0 ? g_ptr_array_index (s->blocks, 0) : NULL;

  json_builder_begin_object (b);
  entry_series (b, o);
  civ_province_set_int (b, "first", first);
  civ_province_set_int (b, "last", last);
  if (held && held->claim && held->first == first && held->last == last &&
      strcmp (held->workstation, ws) == 0)
    {
      civ_province_set_string (b, "status", "accepted");
      civ_province_set_string (b, "block_id", held->id);
    }
  else if (first != 1)
    entry_refused (b, g_strdup_printf ("%s %" G_GINT64_FORMAT " serials %" G_GINT64_FORMAT
                                       "–%" G_GINT64_FORMAT
                                       ": a claim covers the office's local numbers from serial 1",
                                       prefix, year, first, last));
  else if (held != NULL)
    entry_refused (b, g_strdup_printf ("%s %" G_GINT64_FORMAT " serials %" G_GINT64_FORMAT
                                       "–%" G_GINT64_FORMAT
                                       " overlap numbers the office already holds (block %s of "
                                       "workstation %s)",
                                       prefix, year, first, last, held->id, held->workstation));
  else
    {
      Block *blk =
        block_add (nb, series_get (nb, office, prefix, year), ws, first, last, last + 1, TRUE);

      log_block (nb, blk);
      g_ptr_array_add (created, blk);
      civ_province_set_string (b, "status", "accepted");
      civ_province_set_string (b, "block_id", blk->id);
    }
  json_builder_end_object (b);
}

/* The block @id when @ws holds it; otherwise NULL and the refusal. */
static Block *
own_block (CivProvinceNumbers *nb, const char *ws, const char *id, char **refusal)
{
  Block *blk = g_hash_table_lookup (nb->blocks, id);

  if (blk == NULL)
    *refusal = g_strdup_printf ("there is no block %s", id);
  else if (strcmp (blk->workstation, ws) != 0)
    *refusal = g_strdup_printf ("block %s belongs to workstation %s", id, blk->workstation);
  return *refusal ? NULL : blk;
}

static void
apply_held (CivProvinceNumbers *nb, const char *ws, JsonObject *o, JsonBuilder *b)
{
  const char *id = json_object_get_string_member (o, "block_id");
  gint64      next = json_object_get_int_member (o, "next");
  char       *refusal = NULL;
  Block      *blk = own_block (nb, ws, id, &refusal);

  json_builder_begin_object (b);
  civ_province_set_string (b, "block_id", id);
  civ_province_set_int (b, "next", next);
  if (blk && (next < blk->first || next > blk->last + 1))
    refusal = g_strdup_printf ("next %" G_GINT64_FORMAT " is outside block %s (%" G_GINT64_FORMAT
                               "–%" G_GINT64_FORMAT ", or %" G_GINT64_FORMAT " when all is drawn)",
                               next, id, blk->first, blk->last, blk->last + 1);
  if (refusal)
    entry_refused (b, refusal);
  else
    {
      if (next > blk->drawn_next)
        {
          blk->drawn_next = next;
          log_held (nb, blk);
        }
      civ_province_set_string (b, "status", "accepted");
      civ_province_set_int (b, "drawn_next", blk->drawn_next);
    }
  json_builder_end_object (b);
}

static const char *
first_record (Series *s, gint64 serial)
{
  GPtrArray *records = g_hash_table_lookup (s->issued, &serial);

  return records && records->len > 0 ? g_ptr_array_index (records, 0) : NULL;
}

static void
apply_void (
  CivProvinceNumbers *nb, const char *ws, const char *office, JsonObject *o, JsonBuilder *b)
{
  const char      *prefix = json_object_get_string_member (o, "prefix");
  gint64           year = json_object_get_int_member (o, "year");
  Series          *s = series_find (nb, office, prefix, year);
  gint64           serial = json_object_get_int_member (o, "serial");
  const char      *reason = json_object_get_string_member (o, "reason");
  Block           *blk = s ? block_at (s, serial) : NULL;
  g_autofree char *what =
    g_strdup_printf ("%s %" G_GINT64_FORMAT " serial %" G_GINT64_FORMAT, prefix, year, serial);

  json_builder_begin_object (b);
  entry_series (b, o);
  civ_province_set_int (b, "serial", serial);
  if (blk == NULL)
    entry_refused (b, g_strdup_printf ("%s is in no block of office %s", what, office));
  else if (strcmp (blk->workstation, ws) != 0)
    entry_refused (b, g_strdup_printf ("%s is in block %s of workstation %s", what, blk->id,
                                       blk->workstation));
  else if (blk->returned_first > 0 && serial >= blk->returned_first)
    entry_refused (b, g_strdup_printf ("%s was returned with block %s", what, blk->id));
  else if (first_record (s, serial) != NULL)
    entry_refused (b,
                   g_strdup_printf ("%s was issued (record %s)", what, first_record (s, serial)));
  else
    {
      if (!g_hash_table_contains (s->voids, &serial))
        {
          g_hash_table_insert (s->voids, serial_key (serial), g_strdup (reason));
          log_void (nb, s, ws, serial, reason);
        }
      civ_province_set_string (b, "status", "accepted");
    }
  json_builder_end_object (b);
}

static void
apply_return (CivProvinceNumbers *nb, const char *ws, JsonObject *o, JsonBuilder *b)
{
  const char *id = json_object_get_string_member (o, "block_id");
  gint64      first = json_object_get_int_member (o, "first");
  gint64      last = json_object_get_int_member (o, "last");
  char       *refusal = NULL;
  Block      *blk = own_block (nb, ws, id, &refusal);

  json_builder_begin_object (b);
  civ_province_set_string (b, "block_id", id);
  civ_province_set_int (b, "first", first);
  civ_province_set_int (b, "last", last);
  if (blk && blk->returned_first > 0 && blk->returned_first != first)
    refusal = g_strdup_printf ("block %s was already returned from serial %" G_GINT64_FORMAT, id,
                               blk->returned_first);
  else if (blk && last != blk->last)
    refusal = g_strdup_printf ("a return ends at the block's last serial, %" G_GINT64_FORMAT
                               " for block %s",
                               blk->last, id);
  else if (blk && first < blk->first)
    refusal = g_strdup_printf ("block %s begins at serial %" G_GINT64_FORMAT, id, blk->first);
  if (blk && refusal == NULL && blk->returned_first == 0)
    {
      Series        *s = series_of_block (nb, blk);
      GHashTableIter iter;
      gpointer       key, value;
      gint64         used = 0;
      const char    *how = NULL;

      g_hash_table_iter_init (&iter, s->issued);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (*(gint64 *) key >= first && *(gint64 *) key <= blk->last && *(gint64 *) key > used)
          {
            used = *(gint64 *) key;
            how = "issued";
          }
      g_hash_table_iter_init (&iter, s->voids);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (*(gint64 *) key >= first && *(gint64 *) key <= blk->last && *(gint64 *) key > used)
          {
            used = *(gint64 *) key;
            how = "voided";
          }
      if (how != NULL)
        refusal = g_strdup_printf ("serial %" G_GINT64_FORMAT " of block %s was %s; a return "
                                   "begins after it",
                                   used, id, how);
    }
  if (refusal)
    entry_refused (b, refusal);
  else
    {
      if (blk->returned_first == 0)
        {
          blk->returned_first = first;
          log_return (nb, blk, json_object_get_string_member (o, "reason"));
        }
      civ_province_set_string (b, "status", "accepted");
    }
  json_builder_end_object (b);
}

static void
apply_request (CivProvinceNumbers *nb,
               const char         *ws,
               const char         *office,
               JsonObject         *o,
               JsonBuilder        *b,
               GPtrArray          *created)
{
  Series *s = series_get (nb, office, json_object_get_string_member (o, "prefix"),
                          json_object_get_int_member (o, "year"));
  gint64  count = json_object_get_int_member (o, "count");

  json_builder_begin_object (b);
  entry_series (b, o);
  civ_province_set_int (b, "count", count);
  if (s->high_water > SERIAL_MAX)
    entry_refused (b, g_strdup_printf ("the %s serials of %" G_GINT64_FORMAT " are used up",
                                       s->prefix, s->year));
  else
    {
      gint64 first = s->high_water;
      Block *blk = block_add (nb, s, ws, first, MIN (first + count - 1, SERIAL_MAX), first, FALSE);

      log_block (nb, blk);
      g_ptr_array_add (created, blk);
      civ_province_set_string (b, "status", "accepted");
      civ_province_set_string (b, "block_id", blk->id);
    }
  json_builder_end_object (b);
}

static char *
error_body (const char *text)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (b);
  civ_province_set_string (b, "error", text);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

static guint
refuse (guint status, char *text, char **reply)
{
  *reply = error_body (text);
  g_free (text);
  return status;
}

guint
civ_province_numbers_post (
  CivProvinceNumbers *nb, const char *ws, const char *body, gsize len, char **reply)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) out = NULL;
  g_autoptr (GPtrArray) created = g_ptr_array_new ();
  Lists        lists = { 0 };
  JsonObject  *root;
  const char  *office, *request_id, *bound;
  StoredReply *stored;
  char        *error;
  struct
  {
    const char *name;
    JsonArray  *list;
  } replies[5];

  /* An empty body parses to no root at all. */
  if (!json_parser_load_from_data (parser, body, (gssize) len, NULL) ||
      json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return refuse (400, g_strdup ("the body is not a JSON object"), reply);
  root = json_node_get_object (json_parser_get_root (parser));
  if ((error = check_body (root, ws, &lists)) != NULL)
    return refuse (400, error, reply);
  office = json_object_get_string_member (root, "office_code");
  request_id = json_object_get_string_member (root, "request_id");
  bound = g_hash_table_lookup (nb->offices, ws);
  if (bound && strcmp (bound, office) != 0)
    return refuse (422, g_strdup_printf ("workstation %s belongs to office %s", ws, bound), reply);
  stored = g_hash_table_lookup (nb->replies, request_id);
  if (stored && strcmp (stored->workstation, ws) != 0)
    return refuse (409,
                   g_strdup_printf ("request_id %s was used by another workstation", request_id),
                   reply);
  if (stored)
    {
      *reply = g_strdup (stored->text);
      return 200;
    }

  nb->pending = g_string_new (NULL);
  if (bound == NULL)
    {
      g_hash_table_replace (nb->offices, g_strdup (ws), g_strdup (office));
      log_office (nb, ws, office);
    }
  json_builder_begin_object (b);
  civ_province_set_int (b, "protocol", 1);
  civ_province_set_string (b, "request_id", request_id);
  json_builder_set_member_name (b, "number_blocks");
  json_builder_add_boolean_value (b, TRUE);
  replies[0].name = "claims";
  replies[0].list = lists.claims;
  replies[1].name = "held";
  replies[1].list = lists.held;
  replies[2].name = "voids";
  replies[2].list = lists.voids;
  replies[3].name = "returns";
  replies[3].list = lists.returns;
  replies[4].name = "requests";
  replies[4].list = lists.requests;
  for (guint k = 0; k < G_N_ELEMENTS (replies); k++)
    {
      JsonArray *list = replies[k].list;

      json_builder_set_member_name (b, replies[k].name);
      json_builder_begin_array (b);
      for (guint i = 0; list && i < json_array_get_length (list); i++)
        {
          JsonObject *o = json_array_get_object_element (list, i);

          switch (k)
            {
            case 0:
              apply_claim (nb, ws, office, o, b, created);
              break;
            case 1:
              apply_held (nb, ws, o, b);
              break;
            case 2:
              apply_void (nb, ws, office, o, b);
              break;
            case 3:
              apply_return (nb, ws, o, b);
              break;
            default:
              apply_request (nb, ws, office, o, b, created);
              break;
            }
        }
      json_builder_end_array (b);
    }
  json_builder_set_member_name (b, "blocks");
  json_builder_begin_array (b);
  for (guint i = 0; i < created->len; i++)
    {
      const Block *blk = g_ptr_array_index (created, i);

      json_builder_begin_object (b);
      civ_province_set_string (b, "block_id", blk->id);
      civ_province_set_string (b, "prefix", blk->prefix);
      civ_province_set_string (b, "office_code", blk->office);
      civ_province_set_int (b, "year", blk->year);
      civ_province_set_int (b, "first", blk->first);
      civ_province_set_int (b, "last", blk->last);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  out = json_builder_get_root (b);
  json_generator_set_root (gen, out);
  *reply = json_generator_to_data (gen, NULL);

  stored = g_new0 (StoredReply, 1);
  stored->workstation = g_strdup (ws);
  stored->text = g_strdup (*reply);
  g_hash_table_replace (nb->replies, g_strdup (request_id), stored);
  log_reply (nb, ws, request_id, *reply);
  log_commit (nb);
  g_string_free (g_steal_pointer (&nb->pending), TRUE);
  return 200;
}

const char *
civ_province_numbers_office (CivProvinceNumbers *nb, const char *ws_id)
{
  return ws_id ? g_hash_table_lookup (nb->offices, ws_id) : NULL;
}

/* ---- The ledger ------------------------------------------------------- */

static int
prefix_rank (const char *prefix)
{
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (strcmp (prefix, prefixes[i]) == 0)
      return (int) i;
  return G_N_ELEMENTS (prefixes);
}

static int
series_cmp (gconstpointer a, gconstpointer b)
{
  const Series *x = *(const Series *const *) a;
  const Series *y = *(const Series *const *) b;

  if (prefix_rank (x->prefix) != prefix_rank (y->prefix))
    return prefix_rank (x->prefix) - prefix_rank (y->prefix);
  return x->year < y->year ? -1 : x->year > y->year;
}

static int
serial_cmp (gconstpointer a, gconstpointer b)
{
  gint64 x = **(const gint64 *const *) a;
  gint64 y = **(const gint64 *const *) b;

  return x < y ? -1 : x > y;
}

static void
add_records (JsonBuilder *b, GPtrArray *records)
{
  json_builder_set_member_name (b, "record_ids");
  json_builder_begin_array (b);
  for (guint i = 0; i < records->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (records, i));
  json_builder_end_array (b);
}

/* Why the issued @serial is not accounted for as issued, or NULL when it
 * is (in a block, below its returned part, not voided). */
static char *
outside_reason (Series *s, gint64 serial)
{
  Block *blk = block_at (s, serial);

  if (blk == NULL)
    return g_strdup ("no block of the series contains it");
  if (blk->returned_first > 0 && serial >= blk->returned_first)
    return g_strdup_printf ("it was returned with block %s", blk->id);
  if (g_hash_table_contains (s->voids, &serial))
    return g_strdup ("it was voided");
  return NULL;
}

static void
ledger_series (Series *s, JsonBuilder *b)
{
  g_autoptr (GPtrArray) serials = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer       key;
  gint64         allocated = s->high_water - 1;
  gint64         issued = 0, returned = 0, held, covered = 0;

  g_hash_table_iter_init (&iter, s->issued);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (serials, key);
  g_ptr_array_sort (serials, serial_cmp);
  for (guint i = 0; i < s->blocks->len; i++)
    {
      const Block *blk = g_ptr_array_index (s->blocks, i);

      if (blk->returned_first > 0)
        returned += blk->last - blk->returned_first + 1;
    }

  for (guint i = 0; i < serials->len; i++)
    {
      g_autofree char *outside = outside_reason (s, *(gint64 *) g_ptr_array_index (serials, i));

      if (outside == NULL)
        issued++;
    }
  held = allocated - issued - (gint64) g_hash_table_size (s->voids) - returned;

  json_builder_begin_object (b);
  civ_province_set_string (b, "prefix", s->prefix);
  civ_province_set_int (b, "year", s->year);
  civ_province_set_int (b, "allocated", allocated);
  civ_province_set_int (b, "issued", issued);
  civ_province_set_int (b, "voided", g_hash_table_size (s->voids));
  civ_province_set_int (b, "returned", returned);
  civ_province_set_int (b, "held", held);
  json_builder_set_member_name (b, "closed");
  json_builder_add_boolean_value (b, allocated > 0 && held == 0);
  json_builder_set_member_name (b, "gaps");
  json_builder_begin_array (b);
  for (guint i = 0; i <= s->blocks->len; i++)
    {
      const Block *blk = i < s->blocks->len ? g_ptr_array_index (s->blocks, i) : NULL;
      gint64       until = blk ? MIN (blk->first - 1, allocated) : allocated;

      if (until > covered)
        {
          json_builder_begin_array (b);
          json_builder_add_int_value (b, covered + 1);
          json_builder_add_int_value (b, until);
          json_builder_end_array (b);
        }
      if (blk)
        covered = MAX (covered, blk->last);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "duplicates");
  json_builder_begin_array (b);
  for (guint i = 0; i < serials->len; i++)
    {
      gint64           serial = *(gint64 *) g_ptr_array_index (serials, i);
      GPtrArray       *records = g_hash_table_lookup (s->issued, &serial);
      g_autofree char *number = g_strdup_printf ("%s%s-%04" G_GINT64_FORMAT "-%06" G_GINT64_FORMAT,
                                                 s->prefix, s->office, s->year, serial);
      g_autofree char *outside = outside_reason (s, serial);

      if (records->len > 1)
        {
          json_builder_begin_object (b);
          civ_province_set_string (b, "number", number);
          civ_province_set_string (b, "kind", "twice");
          add_records (b, records);
          civ_province_set_string (b, "reason", "issued for two different records");
          json_builder_end_object (b);
        }
      if (outside != NULL)
        {
          json_builder_begin_object (b);
          civ_province_set_string (b, "number", number);
          civ_province_set_string (b, "kind", "outside");
          add_records (b, records);
          civ_province_set_string (b, "reason", outside);
          json_builder_end_object (b);
        }
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "blocks");
  json_builder_begin_array (b);
  for (guint i = 0; i < s->blocks->len; i++)
    {
      const Block *blk = g_ptr_array_index (s->blocks, i);

      json_builder_begin_object (b);
      civ_province_set_string (b, "block_id", blk->id);
      civ_province_set_string (b, "workstation", blk->workstation);
      civ_province_set_int (b, "first", blk->first);
      civ_province_set_int (b, "last", blk->last);
      civ_province_set_int (b, "drawn_next", blk->drawn_next);
      json_builder_set_member_name (b, "claim");
      json_builder_add_boolean_value (b, blk->claim);
      json_builder_set_member_name (b, "returned_first");
      if (blk->returned_first > 0)
        json_builder_add_int_value (b, blk->returned_first);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

guint
civ_province_numbers_ledger (CivProvinceNumbers *nb, const char *office, char **reply)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GPtrArray) list = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer       value;

  if (!civ_province_office_ok (office))
    return refuse (404, g_strdup ("an office code is six digits"), reply);
  g_hash_table_iter_init (&iter, nb->series);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (strcmp (((Series *) value)->office, office) == 0)
      g_ptr_array_add (list, value);
  g_ptr_array_sort (list, series_cmp);
  json_builder_begin_object (b);
  civ_province_set_string (b, "office_code", office);
  json_builder_set_member_name (b, "series");
  json_builder_begin_array (b);
  for (guint i = 0; i < list->len; i++)
    ledger_series (g_ptr_array_index (list, i), b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  *reply = json_generator_to_data (gen, NULL);
  return 200;
}

void
civ_province_numbers_pending_elsewhere (CivProvinceNumbers *nb, const char *ws_id, JsonBuilder *b)
{
  const char *office = ws_id ? g_hash_table_lookup (nb->offices, ws_id) : NULL;
  g_autoptr (GHashTable) unreported = NULL;
  g_autoptr (GList) keys = NULL;
  GHashTableIter it;
  gpointer       value;

  if (office == NULL)
    return;
  unreported = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_iter_init (&it, nb->series);
  while (g_hash_table_iter_next (&it, NULL, &value))
    {
      Series *s = value;

      if (strcmp (s->office, office) != 0)
        continue;
      for (guint i = 0; i < s->blocks->len; i++)
        {
          Block *k = g_ptr_array_index (s->blocks, i);
          gint64 n = GPOINTER_TO_SIZE (g_hash_table_lookup (unreported, k->workstation));

          if (strcmp (k->workstation, ws_id) == 0)
            continue;
          /* Drawn, as the window last said, and neither reported issued nor voided. */
          for (gint64 serial = k->first; serial < k->drawn_next && serial <= k->last; serial++)
            if (!g_hash_table_contains (s->issued, &serial) &&
                !g_hash_table_contains (s->voids, &serial))
              n++;
          g_hash_table_insert (unreported, k->workstation, GSIZE_TO_POINTER ((gsize) n));
        }
    }
  json_builder_set_member_name (b, "pending_elsewhere");
  json_builder_begin_array (b);
  keys = g_list_sort (g_hash_table_get_keys (unreported), (GCompareFunc) strcmp);
  for (GList *l = keys; l; l = l->next)
    {
      gint64 n = GPOINTER_TO_SIZE (g_hash_table_lookup (unreported, l->data));

      if (n == 0)
        continue;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "workstation");
      json_builder_add_string_value (b, l->data);
      json_builder_set_member_name (b, "unreported");
      json_builder_add_int_value (b, n);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}
