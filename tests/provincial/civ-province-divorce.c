// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-province-divorce.c — divorce applications across the windows of an
 * office (docs/provincial-protocol.md §10, issue 17, R-D6)
 *
 * Per application: the office, the workstation that accepted it and the
 * one that holds it (only the holder takes the next step), the state and
 * what the v1 report said (dates, agreement, the marriage as the accepting
 * window had it). Indexed by the marriage's certificate number, by the
 * spouses' document numbers (upper case) and by record id. A workstation
 * belongs to the office its number blocks name, else to the office_code of
 * the first item it reported, else to the office of its first take.
 *
 * Every change is a log line, written and flushed with the batch or the
 * take: dv-app (an accepted v1), dv-take, dv-close (a v2 or a "divorce"
 * item). The "item" lines are replayed too (they bind workstations); a
 * step that a dv-* line already applied is not applied again. The soup
 * server is single-threaded: no locking.
 */
#include "civ-province-divorce.h"
#include "civ-province-json.h"

#include <string.h>

#define KEY_MAX 64
#define KEY_RESULTS 20
#define IDS_MAX 50

typedef struct
{
  char     *record_id;
  char     *office;
  char     *accepted_by;
  char     *holder;
  char     *held_since;
  char     *state;
  char     *accepted_on;
  char     *cooling_off_end;
  char     *window_end;
  char     *agreement_ref;
  JsonNode *marriage;
  char     *closed_on;
  char     *closed_by;
  char     *certificate_no;
  guint64   seq; /* order of acceptance */
} App;

struct _CivProvinceDivorce
{
  FILE                   *log;
  GHashTable             *apps;         /* record id → App */
  GHashTable             *certificates; /* marriage certificate_no → GPtrArray of App* */
  GHashTable             *docs;         /* party doc_number, upper case → GPtrArray of App* */
  GHashTable             *offices;      /* workstation → office code */
  guint64                 seq;
  CivProvinceOfficeLookup lookup;
  gpointer                lookup_data;
};

static void
app_free (App *a)
{
  g_free (a->record_id);
  g_free (a->office);
  g_free (a->accepted_by);
  g_free (a->holder);
  g_free (a->held_since);
  g_free (a->state);
  g_free (a->accepted_on);
  g_free (a->cooling_off_end);
  g_free (a->window_end);
  g_free (a->agreement_ref);
  g_clear_pointer (&a->marriage, json_node_unref);
  g_free (a->closed_on);
  g_free (a->closed_by);
  g_free (a->certificate_no);
  g_free (a);
}

CivProvinceDivorce *
civ_province_divorce_new (void)
{
  CivProvinceDivorce *d = g_new0 (CivProvinceDivorce, 1);

  d->apps = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) app_free);
  d->certificates =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  d->docs =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  d->offices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return d;
}

void
civ_province_divorce_free (CivProvinceDivorce *d)
{
  if (d == NULL)
    return;
  /* The indexes point into the applications: they go first. */
  g_hash_table_unref (d->certificates);
  g_hash_table_unref (d->docs);
  g_hash_table_unref (d->apps);
  g_hash_table_unref (d->offices);
  g_free (d);
}

void
civ_province_divorce_set_log (CivProvinceDivorce *d, FILE *log)
{
  d->log = log;
}

void
civ_province_divorce_set_office_lookup (CivProvinceDivorce     *d,
                                        CivProvinceOfficeLookup lookup,
                                        gpointer                data)
{
  d->lookup = lookup;
  d->lookup_data = data;
}

/* ---- Checking members ------------------------------------------------- */

static JsonObject *
object_of (JsonObject *o, const char *name)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;

  return n && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

static JsonArray *
array_of (JsonObject *o, const char *name)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;

  return n && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
}

static gboolean
int_of (JsonObject *o, const char *name, gint64 *out)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (n);
  return TRUE;
}

/* A record id: 1 to 64 characters A–Z, a–z, 0–9 or - (a UUID is one). */
static gboolean
id_ok (const char *s, gssize len)
{
  gsize n = s == NULL ? 0 : len < 0 ? strlen (s) : (gsize) len;

  if (n < 1 || n > KEY_MAX)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isalnum (s[i]) && s[i] != '-')
      return FALSE;
  return TRUE;
}

/* YYYY-MM-DD, a day that exists. */
static gboolean
date_ok (const char *s)
{
  if (s == NULL || strlen (s) != 10 || s[4] != '-' || s[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (s[i]))
      return FALSE;
  return g_date_valid_dmy ((GDateDay) g_ascii_strtoull (s + 8, NULL, 10),
                           (GDateMonth) g_ascii_strtoull (s + 5, NULL, 10),
                           (GDateYear) g_ascii_strtoull (s, NULL, 10));
}

static gboolean
closed_state (const char *s)
{
  return g_strcmp0 (s, "WITHDRAWN") == 0 || g_strcmp0 (s, "REFUSED") == 0 ||
         g_strcmp0 (s, "LAPSED") == 0;
}

/* "divorce-application", "divorce" (by the item's kind or the payload's),
 * or NULL for any other item. */
static const char *
step_kind (const char *kind, JsonObject *payload)
{
  const char *inner = civ_province_string_of (payload, "kind");

  if (g_strcmp0 (kind, "divorce-application") == 0 || g_strcmp0 (inner, "divorce-application") == 0)
    return "divorce-application";
  if (g_strcmp0 (kind, "divorce") == 0 || g_strcmp0 (inner, "divorce") == 0)
    return "divorce";
  return NULL;
}

/* ---- Offices and indexes ---------------------------------------------- */

static const char *
office_of (CivProvinceDivorce *d, const char *ws)
{
  const char *office = NULL;

  if (ws == NULL)
    return NULL;
  if (d->lookup)
    office = d->lookup (d->lookup_data, ws);
  return office ? office : g_hash_table_lookup (d->offices, ws);
}

static void
bind (CivProvinceDivorce *d, const char *ws, const char *office)
{
  if (ws && *ws && civ_province_office_ok (office) && !g_hash_table_contains (d->offices, ws))
    g_hash_table_insert (d->offices, g_strdup (ws), g_strdup (office));
}

static void
index_add (GHashTable *index, const char *key, App *a)
{
  GPtrArray *list = g_hash_table_lookup (index, key);

  if (list == NULL)
    {
      list = g_ptr_array_new ();
      g_hash_table_insert (index, g_strdup (key), list);
    }
  if (!g_ptr_array_find (list, a, NULL))
    g_ptr_array_add (list, a);
}

static char *
now_utc (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* The application of a v1 report (or its dv-app line), indexed. */
static App *
app_add (CivProvinceDivorce *d,
         const char         *record_id,
         const char         *office,
         const char         *ws,
         const char         *held_since,
         JsonObject         *from)
{
  App        *a = g_new0 (App, 1);
  JsonObject *marriage = object_of (from, "marriage");
  JsonArray  *parties = array_of (marriage, "parties");
  const char *certificate = civ_province_string_of (marriage, "certificate_no");

  a->record_id = g_strdup (record_id);
  a->office = g_strdup (office);
  a->accepted_by = g_strdup (ws);
  a->holder = g_strdup (ws);
  a->held_since = g_strdup (held_since);
  a->state = g_strdup ("COOLING");
  a->accepted_on = g_strdup (civ_province_string_of (from, "accepted_on"));
  a->cooling_off_end = g_strdup (civ_province_string_of (from, "cooling_off_end"));
  a->window_end = g_strdup (civ_province_string_of (from, "window_end"));
  a->agreement_ref = g_strdup (civ_province_string_of (from, "agreement_ref"));
  a->marriage = marriage ? json_node_copy (json_object_get_member (from, "marriage")) : NULL;
  a->seq = ++d->seq;
  g_hash_table_insert (d->apps, a->record_id, a);
  if (certificate && *certificate)
    index_add (d->certificates, certificate, a);
  for (guint i = 0; parties && i < json_array_get_length (parties); i++)
    {
      JsonNode        *n = json_array_get_element (parties, i);
      const char      *doc = JSON_NODE_HOLDS_OBJECT (n)
                               ? civ_province_string_of (json_node_get_object (n), "doc_number")
                               : NULL;
      g_autofree char *up = doc && *doc ? g_ascii_strup (doc, -1) : NULL;

      if (up)
        index_add (d->docs, up, a);
    }
  return a;
}

static void
app_close (App *a, const char *state, const char *ws, const char *closed_on, const char *number)
{
  g_free (a->state);
  a->state = g_strdup (state);
  g_free (a->closed_by);
  a->closed_by = g_strdup (ws);
  g_free (a->closed_on);
  a->closed_on = g_strdup (closed_on);
  g_free (a->certificate_no);
  a->certificate_no = g_strdup (number);
}

static void
app_hold (App *a, const char *ws, const char *since)
{
  g_free (a->holder);
  a->holder = g_strdup (ws);
  g_free (a->held_since);
  a->held_since = g_strdup (since);
}

/* ---- The log ---------------------------------------------------------- */

/* Writes the line built in @b (a batch's lines are flushed with the batch). */
static void
log_add (CivProvinceDivorce *d, JsonBuilder *b, gboolean flush)
{
  g_autofree char *text = NULL;

  if (d->log == NULL)
    return;
  text = civ_province_builder_text (b);
  fprintf (d->log, "%s\n", text);
  if (flush)
    fflush (d->log);
}

static void
log_app (CivProvinceDivorce *d, const App *a)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  civ_province_set_string (b, "type", "dv-app");
  civ_province_set_string (b, "record_id", a->record_id);
  civ_province_set_string (b, "office_code", a->office);
  civ_province_set_string (b, "workstation", a->accepted_by);
  civ_province_set_string (b, "held_since", a->held_since);
  civ_province_set_string (b, "accepted_on", a->accepted_on);
  civ_province_set_string (b, "cooling_off_end", a->cooling_off_end);
  civ_province_set_string (b, "window_end", a->window_end);
  civ_province_set_string (b, "agreement_ref", a->agreement_ref);
  json_builder_set_member_name (b, "marriage");
  if (a->marriage)
    json_builder_add_value (b, json_node_copy (a->marriage));
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  log_add (d, b, FALSE);
}

static void
log_close (CivProvinceDivorce *d, const App *a)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  civ_province_set_string (b, "type", "dv-close");
  civ_province_set_string (b, "record_id", a->record_id);
  civ_province_set_string (b, "state", a->state);
  civ_province_set_string (b, "workstation", a->closed_by);
  civ_province_set_string (b, "closed_on", a->closed_on);
  civ_province_set_string (b, "certificate_no", a->certificate_no);
  json_builder_end_object (b);
  log_add (d, b, FALSE);
}

static void
log_take (CivProvinceDivorce *d, const App *a, const char *office)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  civ_province_set_string (b, "type", "dv-take");
  civ_province_set_string (b, "record_id", a->record_id);
  civ_province_set_string (b, "workstation", a->holder);
  civ_province_set_string (b, "office_code", office);
  civ_province_set_string (b, "held_since", a->held_since);
  json_builder_end_object (b);
  log_add (d, b, TRUE);
}

gboolean
civ_province_divorce_replay (CivProvinceDivorce *d, JsonObject *o)
{
  const char *type = json_object_get_string_member_with_default (o, "type", "");
  const char *id = civ_province_string_of (o, "record_id");
  const char *ws = civ_province_string_of (o, "workstation");
  App        *a = id ? g_hash_table_lookup (d->apps, id) : NULL;

  if (strcmp (type, "dv-app") == 0)
    {
      if (a == NULL && id && ws)
        app_add (d, id, civ_province_string_of (o, "office_code"), ws,
                 civ_province_string_of (o, "held_since"), o);
    }
  else if (strcmp (type, "dv-take") == 0)
    {
      if (a && ws)
        {
          app_hold (a, ws, civ_province_string_of (o, "held_since"));
          bind (d, ws, civ_province_string_of (o, "office_code"));
        }
    }
  else if (strcmp (type, "dv-close") == 0)
    {
      if (a)
        app_close (a, json_object_get_string_member_with_default (o, "state", "WITHDRAWN"), ws,
                   civ_province_string_of (o, "closed_on"),
                   civ_province_string_of (o, "certificate_no"));
    }
  else
    return FALSE;
  return TRUE;
}

/* ---- Batch items ------------------------------------------------------ */

static char *
held_elsewhere (const App *a)
{
  return g_strdup_printf ("R-D6: the application is held by workstation %s since %s", a->holder,
                          a->held_since ? a->held_since : "its acceptance");
}

static char *
already_closed (const App *a)
{
  if (g_strcmp0 (a->state, "REGISTERED") == 0)
    return g_strdup_printf ("the application %s is already closed: registered as %s on %s",
                            a->record_id, a->certificate_no ? a->certificate_no : "(no number)",
                            a->closed_on ? a->closed_on : "an unknown day");
  return g_strdup_printf ("the application %s is already closed: %s on %s", a->record_id, a->state,
                          a->closed_on ? a->closed_on : "an unknown day");
}

static char *
check_v1 (CivProvinceDivorce *d, const char *record_id, JsonObject *payload)
{
  const char *id = civ_province_string_of (payload, "record_id");
  JsonObject *marriage = object_of (payload, "marriage");
  JsonArray  *parties = array_of (marriage, "parties");
  const char *mid = civ_province_string_of (marriage, "record_id");

  if (!id_ok (id, -1))
    return g_strdup ("record_id must be 1 to 64 characters A-Z, a-z, 0-9 or -");
  if (g_strcmp0 (id, record_id) != 0)
    return g_strdup ("record_id must be the item's record_id");
  if (!civ_province_office_ok (civ_province_string_of (payload, "office_code")))
    return g_strdup ("office_code must be six digits (GB/T 2260)");
  if (!date_ok (civ_province_string_of (payload, "accepted_on")))
    return g_strdup ("accepted_on must be YYYY-MM-DD");
  if (marriage == NULL)
    return g_strdup ("marriage must be an object");
  if (mid == NULL || *mid == '\0')
    return g_strdup ("marriage.record_id must be a non-empty string");
  if (parties == NULL || json_array_get_length (parties) != 2)
    return g_strdup ("marriage.parties must be an array of two parties");
  for (guint i = 0; i < 2; i++)
    if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (parties, i)))
      return g_strdup_printf ("marriage.parties[%u] must be an object", i);
  if (g_strcmp0 (civ_province_string_of (payload, "state"), "COOLING") != 0)
    return g_strdup ("state must be COOLING in version 1");
  if (g_hash_table_contains (d->apps, id))
    return g_strdup_printf ("the application %s was already accepted", id);
  return NULL;
}

char *
civ_province_divorce_check_item (CivProvinceDivorce *d,
                                 const char         *ws_id,
                                 const char         *kind,
                                 const char         *record_id,
                                 JsonObject         *payload)
{
  const char *step = step_kind (kind, payload);
  App        *a = record_id ? g_hash_table_lookup (d->apps, record_id) : NULL;
  gint64      version = 0;

  if (step == NULL)
    return NULL;
  if (strcmp (step, "divorce") == 0)
    {
      /* Unknown applications were accepted before this protocol. */
      if (a == NULL)
        return NULL;
      if (g_strcmp0 (a->holder, ws_id) != 0)
        return held_elsewhere (a);
      if (g_strcmp0 (a->state, "COOLING") != 0)
        return already_closed (a);
      return NULL;
    }
  if (!int_of (payload, "version", &version) || (version != 1 && version != 2))
    return g_strdup ("version must be 1 (accepted) or 2 (closed)");
  if (version == 1)
    return check_v1 (d, record_id, payload);
  if (a == NULL)
    return g_strdup_printf ("the application %s is unknown to the province",
                            record_id ? record_id : "");
  if (!closed_state (civ_province_string_of (payload, "state")))
    return g_strdup ("state must be WITHDRAWN, REFUSED or LAPSED in version 2");
  if (g_strcmp0 (a->holder, ws_id) != 0)
    return held_elsewhere (a);
  if (g_strcmp0 (a->state, "COOLING") != 0)
    return already_closed (a);
  return NULL;
}

void
civ_province_divorce_note_item (CivProvinceDivorce *d,
                                const char         *ws_id,
                                const char         *kind,
                                const char         *record_id,
                                JsonObject         *payload)
{
  const char *step = step_kind (kind, payload);
  App        *a = record_id ? g_hash_table_lookup (d->apps, record_id) : NULL;
  gint64      version = 0;

  if (ws_id == NULL || *ws_id == '\0' || payload == NULL)
    return;
  bind (d, ws_id, civ_province_string_of (payload, "office_code"));
  if (step == NULL)
    return;
  /* A step the dv-* lines already applied (the replay) is not applied again. */
  if (strcmp (step, "divorce") == 0)
    {
      if (a && g_strcmp0 (a->state, "COOLING") == 0)
        {
          app_close (a, "REGISTERED", ws_id, civ_province_string_of (payload, "issued_on"),
                     civ_province_string_of (payload, "certificate_no"));
          log_close (d, a);
        }
      return;
    }
  if (!int_of (payload, "version", &version))
    return;
  if (version == 1 && a == NULL && id_ok (record_id, -1))
    {
      g_autofree char *since = now_utc ();

      a = app_add (d, record_id, civ_province_string_of (payload, "office_code"), ws_id, since,
                   payload);
      log_app (d, a);
    }
  else if (version == 2 && a && g_strcmp0 (a->state, "COOLING") == 0 &&
           closed_state (civ_province_string_of (payload, "state")))
    {
      app_close (a, civ_province_string_of (payload, "state"), ws_id,
                 civ_province_string_of (payload, "closed_on"), NULL);
      log_close (d, a);
    }
}

/* ---- Answers ---------------------------------------------------------- */

static void
add_app (JsonBuilder *b, const App *a)
{
  json_builder_begin_object (b);
  civ_province_set_string (b, "record_id", a->record_id);
  civ_province_set_string (b, "state", a->state);
  civ_province_set_string (b, "office_code", a->office);
  civ_province_set_string (b, "accepted_by", a->accepted_by);
  civ_province_set_string (b, "holder", a->holder);
  civ_province_set_string (b, "held_since", a->held_since);
  civ_province_set_string (b, "accepted_on", a->accepted_on);
  civ_province_set_string (b, "cooling_off_end", a->cooling_off_end);
  civ_province_set_string (b, "window_end", a->window_end);
  civ_province_set_string (b, "agreement_ref", a->agreement_ref);
  civ_province_set_string (b, "closed_on", a->closed_on);
  civ_province_set_string (b, "closed_by", a->closed_by);
  civ_province_set_string (b, "certificate_no", a->certificate_no);
  json_builder_set_member_name (b, "marriage");
  if (a->marriage)
    json_builder_add_value (b, json_node_copy (a->marriage));
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
}

/* {"error": @text} (taken), with the application when @a is not NULL. */
static guint
refuse (guint status, char *text, const App *a, char **reply)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  civ_province_set_string (b, "error", text);
  if (a)
    {
      json_builder_set_member_name (b, "application");
      add_app (b, a);
    }
  json_builder_end_object (b);
  *reply = civ_province_builder_text (b);
  g_free (text);
  return status;
}

/* Newest acceptance first. */
static int
newest_first (gconstpointer x, gconstpointer y)
{
  const App *a = *(const App *const *) x;
  const App *b = *(const App *const *) y;
  int        c = g_strcmp0 (b->accepted_on, a->accepted_on);

  if (c != 0)
    return c;
  return a->seq < b->seq ? 1 : a->seq > b->seq ? -1 : 0;
}

static void
add_matches (GPtrArray *out, GPtrArray *list, const char *office)
{
  for (guint i = 0; list && i < list->len; i++)
    {
      App *a = g_ptr_array_index (list, i);

      if (g_strcmp0 (a->office, office) == 0 && !g_ptr_array_find (out, a, NULL))
        g_ptr_array_add (out, a);
    }
}

guint
civ_province_divorce_get (CivProvinceDivorce *d,
                          const char         *ws_id,
                          const char         *key,
                          const char         *ids,
                          const char         *office_code,
                          char              **reply)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (GPtrArray) found = g_ptr_array_new ();
  const char *office;

  if ((key == NULL) == (ids == NULL))
    return refuse (400, g_strdup ("give either key or ids"), NULL, reply);
  if (key)
    {
      if (!g_utf8_validate (key, -1, NULL) || *key == '\0' || g_utf8_strlen (key, -1) > KEY_MAX)
        return refuse (400, g_strdup ("key must be 1 to 64 characters"), NULL, reply);
    }
  else
    {
      g_auto (GStrv) parts = g_strsplit (ids, ",", -1);
      guint n = g_strv_length (parts);

      if (*ids == '\0')
        return refuse (400, g_strdup ("ids must name 1 to 50 applications"), NULL, reply);
      if (n > IDS_MAX)
        return refuse (400, g_strdup_printf ("ids names %u applications; at most %d", n, IDS_MAX),
                       NULL, reply);
      for (guint i = 0; i < n; i++)
        if (!id_ok (parts[i], -1))
          return refuse (400,
                         g_strdup_printf ("ids[%u] must be 1 to 64 characters A-Z, a-z, 0-9 or -",
                                          i),
                         NULL, reply);
    }
  if (office_code != NULL && !civ_province_office_ok (office_code))
    return refuse (400, g_strdup ("office_code must be six digits"), NULL, reply);
  office = office_of (d, ws_id);
  if (office != NULL && office_code != NULL && g_strcmp0 (office, office_code) != 0)
    return refuse (422,
                   g_strdup_printf ("workstation %s belongs to office %s, not %s",
                                    ws_id && g_utf8_validate (ws_id, -1, NULL) ? ws_id : "(none)",
                                    office, office_code),
                   NULL, reply);
  /* A workstation not placed yet (a new window) reads the office it names;
   * its first take binds it. */
  if (office == NULL)
    office = office_code;
  if (office == NULL)
    return refuse (422,
                   g_strdup_printf ("the province cannot place workstation %s in an office: "
                                    "it has no number blocks, reported nothing and took nothing",
                                    ws_id && g_utf8_validate (ws_id, -1, NULL) ? ws_id : "(none)"),
                   NULL, reply);

  if (key)
    {
      g_autofree char *up = g_ascii_strup (key, -1);
      App             *a = g_hash_table_lookup (d->apps, key);
      g_autoptr (GPtrArray) one = g_ptr_array_new ();

      if (a)
        g_ptr_array_add (one, a);
      add_matches (found, one, office);
      add_matches (found, g_hash_table_lookup (d->certificates, key), office);
      add_matches (found, g_hash_table_lookup (d->docs, up), office);
      g_ptr_array_sort (found, newest_first);
      if (found->len > KEY_RESULTS)
        g_ptr_array_set_size (found, KEY_RESULTS);
    }
  else
    {
      g_auto (GStrv) parts = g_strsplit (ids, ",", -1);

      for (guint i = 0; parts[i]; i++)
        {
          App *a = g_hash_table_lookup (d->apps, parts[i]);

          if (a && g_strcmp0 (a->office, office) == 0 && !g_ptr_array_find (found, a, NULL))
            g_ptr_array_add (found, a);
        }
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "applications");
  json_builder_begin_array (b);
  for (guint i = 0; i < found->len; i++)
    add_app (b, g_ptr_array_index (found, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  *reply = civ_province_builder_text (b);
  return 200;
}

guint
civ_province_divorce_take (
  CivProvinceDivorce *d, const char *ws, const char *body, gsize len, char **reply)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonBuilder) b = json_builder_new ();
  JsonObject *root;
  const char *office, *id, *bound;
  gint64      protocol = 0;
  App        *a;

  /* An empty body parses to no root at all. */
  if (!json_parser_load_from_data (parser, body, (gssize) len, NULL) ||
      json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return refuse (400, g_strdup ("the body is not a JSON object"), NULL, reply);
  root = json_node_get_object (json_parser_get_root (parser));
  if (!int_of (root, "protocol", &protocol) || protocol != 1)
    return refuse (400, g_strdup ("protocol must be 1"), NULL, reply);
  if (ws == NULL || g_strcmp0 (civ_province_string_of (root, "workstation"), ws) != 0)
    return refuse (400,
                   g_strdup ("workstation must be the workstation of the X-Civreg-Workstation "
                             "header"),
                   NULL, reply);
  office = civ_province_string_of (root, "office_code");
  if (!civ_province_office_ok (office))
    return refuse (400, g_strdup ("office_code must be six digits"), NULL, reply);
  id = civ_province_string_of (root, "record_id");
  if (!id_ok (id, -1))
    return refuse (400, g_strdup ("record_id must be 1 to 64 characters A-Z, a-z, 0-9 or -"), NULL,
                   reply);

  bound = office_of (d, ws);
  if (bound && strcmp (bound, office) != 0)
    return refuse (422, g_strdup_printf ("workstation %s belongs to office %s", ws, bound), NULL,
                   reply);
  a = g_hash_table_lookup (d->apps, id);
  if (a == NULL)
    return refuse (404, g_strdup_printf ("no application %s", id), NULL, reply);
  if (g_strcmp0 (a->office, office) != 0)
    return refuse (422, g_strdup_printf ("the application %s belongs to another office", id), NULL,
                   reply);
  if (g_strcmp0 (a->state, "COOLING") != 0)
    return refuse (409, g_strdup_printf ("the application %s is no longer open: %s", id, a->state),
                   a, reply);
  if (g_strcmp0 (a->holder, ws) != 0)
    {
      g_autofree char *since = now_utc ();

      app_hold (a, ws, since);
      bind (d, ws, office);
      log_take (d, a, office);
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "application");
  add_app (b, a);
  json_builder_end_object (b);
  *reply = civ_province_builder_text (b);
  return 200;
}
