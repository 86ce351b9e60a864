// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-history.c — historical records into the registry and the person index */
#include "civ-history.h"

#include "civ-app-error.h"
#include "civ-idnumber.h"
#include "civ-states.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

void
civ_history_outcome_clear (CivHistoryOutcome *outcome)
{
  g_clear_pointer (&outcome->current, g_free);
  g_clear_pointer (&outcome->last_date, g_free);
  g_clear_pointer (&outcome->conflicts, g_ptr_array_unref);
  g_clear_pointer (&outcome->ends, g_ptr_array_unref);
}

static void
add_pair (GPtrArray *pairs, const char *a, const char *b)
{
  g_ptr_array_add (pairs, g_strdup (a));
  g_ptr_array_add (pairs, g_strdup (b));
}

void
civ_history_walk (const CivPersonEventRow *events, guint n_events, CivHistoryOutcome *out)
{
  const char *partner = NULL;
  int         before = 90; /* the status before the marriage in force */

  memset (out, 0, sizeof *out);
  out->status = 90;
  out->conflicts = g_ptr_array_new_with_free_func (g_free);
  out->ends = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n_events; i++)
    {
      const CivPersonEventRow *e = &events[i];

      if (strcmp (e->kind, "marriage") == 0)
        {
          if (out->current && strcmp (out->current, e->record_id) != 0)
            add_pair (out->conflicts, out->current, e->record_id);
          before = out->status;
          g_free (out->current);
          out->current = g_strdup (e->record_id);
          partner = e->partner_key;
          out->status = 20;
        }
      else
        {
          gboolean revocation = strcmp (e->kind, "revocation") == 0;

          /* The entry ends the marriage in force when it is the same
           * couple's (or either side does not say who the partner was). */
          if (out->current &&
              (partner == NULL || e->partner_key == NULL || strcmp (partner, e->partner_key) == 0))
            add_pair (out->ends, out->current,
                      civ_marriage_state_to_db (revocation ? CIV_MARRIAGE_STATE_ANNULLED_REGISTRY
                                                           : CIV_MARRIAGE_STATE_DISSOLVED_REG));
          g_clear_pointer (&out->current, g_free);
          partner = NULL;
          out->status = revocation ? before : 40;
        }
      g_free (out->last_date);
      out->last_date = g_strdup (e->on_date);
    }
}

static const char *
state_for_kind (CivHistKind kind)
{
  switch (kind)
    {
    case CIV_HIST_DIVORCE:
      return civ_marriage_state_to_db (CIV_MARRIAGE_STATE_DISSOLVED_REG);
    case CIV_HIST_REVOCATION:
      return civ_marriage_state_to_db (CIV_MARRIAGE_STATE_ANNULLED_REGISTRY);
    case CIV_HIST_MARRIAGE:
    case CIV_HIST_REISSUE:
    case CIV_HIST_N_KINDS:
    default:
      return civ_marriage_state_to_db (CIV_MARRIAGE_STATE_REGISTERED);
    }
}

char *
civ_historical_to_json (const CivHistoricalInput *input)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (b);
  for (int f = 0; f < CIV_HF_N_FIELDS; f++)
    {
      g_autofree char *value = civ_historical_get_field (input, f);

      if (value == NULL || *value == '\0')
        continue;
      json_builder_set_member_name (b, civ_hist_field_name (f));
      json_builder_add_string_value (b, value);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

CivHistoricalInput *
civ_historical_from_json (const char *json, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (CivHistoricalInput) input = civ_historical_input_new ();
  JsonObject *o;
  g_autoptr (GList) members = NULL;

  if (!json_parser_load_from_data (parser, json, -1, error))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID, "%s",
                   _ ("A keyed entry is not a JSON object"));
      return NULL;
    }
  o = json_node_get_object (json_parser_get_root (parser));
  members = json_object_get_members (o);
  for (GList *l = members; l; l = l->next)
    {
      int       f = civ_hist_field_from_name (l->data);
      JsonNode *node = json_object_get_member (o, l->data);

      if (f < 0 || !JSON_NODE_HOLDS_VALUE (node) ||
          json_node_get_value_type (node) != G_TYPE_STRING)
        {
          g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                       _ ("A keyed entry has an unknown field “%s”"), (const char *) l->data);
          return NULL;
        }
      if (!civ_historical_set_field (input, f, json_node_get_string (node), error))
        return NULL;
    }
  return g_steal_pointer (&input);
}

static void
add_party_json (JsonBuilder *b, const CivHistParty *p, const char *doc_kind)
{
  g_autofree char *birth = civ_partial_date_to_iso (&p->birth_date);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, p->name ? p->name : "");
  json_builder_set_member_name (b, "sex");
  json_builder_add_int_value (b, p->sex);
  json_builder_set_member_name (b, "birth_date");
  if (birth)
    json_builder_add_string_value (b, birth);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "nationality");
  json_builder_add_string_value (b, p->nationality ? p->nationality : "CHN");
  json_builder_set_member_name (b, "ethnicity");
  json_builder_add_string_value (b, p->ethnicity ? p->ethnicity : "");
  json_builder_set_member_name (b, "occupation");
  json_builder_add_string_value (b, p->occupation ? p->occupation : "");
  json_builder_set_member_name (b, "doc_kind");
  json_builder_add_string_value (b, doc_kind);
  json_builder_set_member_name (b, "doc_number");
  if (p->doc_number)
    json_builder_add_string_value (b, p->doc_number);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "doc_status");
  json_builder_add_string_value (b, p->doc_status ? p->doc_status : CIV_DOC_STATUS_PRESENT);
  json_builder_set_member_name (b, "status_before");
  json_builder_add_int_value (b, p->status_before);
  json_builder_end_object (b);
}

/* The outbox payload (docs/provincial-protocol.md, "Historical records"). */
static char *
report_payload (const char               *record_id,
                const char               *date,
                const CivHistoricalInput *in,
                const char *const         doc_kind[2])
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, "historical");
  json_builder_set_member_name (b, "record_kind");
  json_builder_add_string_value (b, civ_hist_kind_to_string (in->kind));
  json_builder_set_member_name (b, "record_id");
  json_builder_add_string_value (b, record_id);
  json_builder_set_member_name (b, "date");
  json_builder_add_string_value (b, date);
  json_builder_set_member_name (b, "raw_number");
  if (in->raw_number)
    json_builder_add_string_value (b, in->raw_number);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "number_era");
  json_builder_add_string_value (b, civ_number_era_to_string (in->number_era));
  json_builder_set_member_name (b, "office_code");
  json_builder_add_string_value (b, in->office_code ? in->office_code : "");
  json_builder_set_member_name (b, "office_name");
  json_builder_add_string_value (b, in->office_name ? in->office_name : "");
  json_builder_set_member_name (b, "source");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "archive_no");
  json_builder_add_string_value (b, in->archive_no ? in->archive_no : "");
  json_builder_set_member_name (b, "volume");
  json_builder_add_string_value (b, in->volume ? in->volume : "");
  json_builder_set_member_name (b, "page");
  json_builder_add_int_value (b, in->page);
  json_builder_set_member_name (b, "entry");
  json_builder_add_int_value (b, in->entry);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "parties");
  json_builder_begin_array (b);
  add_party_json (b, &in->party[0], doc_kind[0]);
  add_party_json (b, &in->party[1], doc_kind[1]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "remarks");
  json_builder_add_string_value (b, in->remarks ? in->remarks : "");
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

/* Applies @person_id's events to its index row. @live: the row's status
 * was set at the counter and stays. */
static gboolean
apply_person (CivHistoryContext       *ctx,
              gint64                   person_id,
              gboolean                 live,
              const CivPersonState    *state,
              const CivPersonEventRow *only,
              GError                 **error)
{
  g_autoptr (GArray) events = NULL;
  CivHistoryOutcome out;
  gboolean          ok = FALSE;

  /* A person the entry just created has that entry's event alone: no
   * need to read it back (most people of a bulk import). */
  if (only)
    civ_history_walk (only, 1, &out);
  else
    {
      events = civ_history_writer_events (ctx->writer, person_id, error);
      if (events == NULL)
        return FALSE;
      civ_history_walk ((const CivPersonEventRow *) (gpointer) events->data, events->len, &out);
    }

  for (guint i = 0; i + 1 < out.ends->len; i += 2)
    {
      gboolean    written;
      const char *reason = civ_marriage_state_from_db (g_ptr_array_index (out.ends, i + 1)) ==
                               CIV_MARRIAGE_STATE_DISSOLVED_REG
                             ? _ ("Ended by a historical divorce entry")
                             : _ ("Ended by a historical revocation entry");

      if (!civ_history_writer_end_marriage (ctx->writer, g_ptr_array_index (out.ends, i),
                                            g_ptr_array_index (out.ends, i + 1), reason,
                                            ctx->created_by, &written, error))
        goto done;
    }
  for (guint i = 0; i + 1 < out.conflicts->len; i += 2)
    if (!civ_history_writer_conflict (ctx->writer, person_id, "overlapping-marriages",
                                      g_ptr_array_index (out.conflicts, i),
                                      g_ptr_array_index (out.conflicts, i + 1), error))
      goto done;

  if (live)
    {
      /* History never makes a second current marriage: a historical
       * marriage with no recorded end beside today's is for review. */
      if (out.current && state->current_marriage && state->marital_status >= 20 &&
          state->marital_status < 30 && strcmp (out.current, state->current_marriage) != 0 &&
          !civ_history_writer_conflict (ctx->writer, person_id, "overlapping-marriages",
                                        out.current, state->current_marriage, error))
        goto done;
    }
  else if (!civ_history_writer_set_status (ctx->writer, person_id, out.status, out.current,
                                           out.last_date, error))
    goto done;
  ok = TRUE;
done:
  civ_history_outcome_clear (&out);
  return ok;
}

#define PINYIN_CACHE_MAX 100000

/* A record id in UUID form whose first 48 bits are the time in
 * milliseconds and the next 12 a counter (as UUID version 7): the ids of a
 * bulk import grow, so the indexes keyed by record id are appended to, not
 * written at random pages. The rest is random. */
static char *
new_record_id (void)
{
  static gint64 last_ms;
  static guint  counter;
  G_LOCK_DEFINE_STATIC (ids);
  gint64  ms = g_get_real_time () / 1000;
  guint32 r[2] = { g_random_int (), g_random_int () };

  G_LOCK (ids);
  if (ms <= last_ms)
    {
      ms = last_ms;
      if (++counter > 0xFFF)
        {
          counter = 0;
          ms = ++last_ms;
        }
    }
  else
    {
      last_ms = ms;
      counter = 0;
    }
  {
    guint c = counter;

    G_UNLOCK (ids);
    return g_strdup_printf ("%08x-%04x-7%03x-%04x-%04x%08x", (guint32) (ms >> 16),
                            (guint) (ms & 0xFFFF), c, 0x8000 | (r[0] >> 18 & 0x3FFF), r[0] & 0xFFFF,
                            r[1]);
  }
}

/* The name's pinyin and initials, through the context's cache when it has
 * one (names repeat: a bulk import computes each once). */
static void
name_keys (CivHistoryContext *ctx, const char *name, char **pinyin, char **initials)
{
  const char *cached = ctx->pinyin_cache ? g_hash_table_lookup (ctx->pinyin_cache, name) : NULL;

  if (cached)
    {
      const char *nl = strchr (cached, '\n');
      *pinyin = g_strndup (cached, (gsize) (nl - cached));
      *initials = g_strdup (nl + 1);
      return;
    }
  if (!civ_pinyin_name (ctx->pinyin, name, pinyin, initials))
    {
      *pinyin = g_strdup ("");
      *initials = g_strdup ("");
    }
  if (ctx->pinyin_cache)
    {
      if (g_hash_table_size (ctx->pinyin_cache) >= PINYIN_CACHE_MAX)
        g_hash_table_remove_all (ctx->pinyin_cache);
      g_hash_table_insert (ctx->pinyin_cache, g_strdup (name),
                           g_strdup_printf ("%s\n%s", *pinyin, *initials));
    }
}

static char *
birth_iso_full (const CivPartialDate *d)
{
  /* The person index keeps only a whole birth date. */
  if (d->year == 0 || d->month == 0 || d->day == 0)
    return NULL;
  return civ_partial_date_to_iso (d);
}

char *
civ_history_write (CivHistoryContext        *ctx,
                   const CivHistoricalInput *in,
                   const CivHistSource      *source,
                   GPtrArray                *findings,
                   GError                  **error)
{
  g_autofree char *record_id = new_record_id ();
  g_autofree char *date = civ_partial_date_to_iso (&in->date);
  g_autofree char *fields = civ_historical_to_json (in);
  g_autofree char *payload = NULL;
  g_autoptr (GPtrArray) flat = g_ptr_array_new ();
  char            *pinyin[2] = { NULL, NULL }, *initials[2] = { NULL, NULL };
  char            *id_key[2] = { NULL, NULL }, *birth[2] = { NULL, NULL };
  const char      *doc_kind[2] = { "none", "none" };
  CivPersonState   state[2] = { { 0 }, { 0 } };
  gboolean         created[2] = { FALSE, FALSE };
  gboolean         indexed = in->kind != CIV_HIST_REISSUE;
  CivPartyRow      rows[2];
  CivMarriageRow   row;
  CivHistoricalRow hist;
  char            *result = NULL;

  if (date == NULL)
    {
      civ_app_set_invalid (error, "R-H4", "%s", _ ("A historical record needs at least its year"));
      return NULL;
    }
  for (guint i = 0; findings && i < findings->len; i++)
    {
      CivFinding *f = g_ptr_array_index (findings, i);

      g_ptr_array_add (flat, f->rule);
      g_ptr_array_add (flat, (gpointer) civ_severity_to_string (f->severity));
      g_ptr_array_add (flat, f->message);
    }
  g_ptr_array_add (flat, NULL);

  for (guint i = 0; i < 2; i++)
    {
      const CivHistParty *p = &in->party[i];

      name_keys (ctx, p->name ? p->name : "", &pinyin[i], &initials[i]);
      /* A number keyed without its kind is recorded with the kind its
       * shape says (a 15-digit number is resident-id-15, R-ID3). */
      if (p->doc_kind && *p->doc_kind)
        doc_kind[i] = p->doc_kind;
      else if (p->doc_number)
        {
          g_autoptr (CivIdCheck) check = civ_id_check (p->doc_number, CIV_DOC_UNKNOWN, NULL, NULL);
          doc_kind[i] =
            check->kind != CIV_DOC_UNKNOWN ? civ_doc_kind_to_string (check->kind) : "none";
        }
      else
        doc_kind[i] = "none";
      id_key[i] = civ_hist_party_id_key (p);
      birth[i] = civ_partial_date_to_iso (&p->birth_date);
      state[i].marital_status = 90;
      if (id_key[i] && !civ_history_writer_person (ctx->writer, id_key[i], &state[i], error))
        goto out;
      if (id_key[i] && state[i].id == 0 && indexed)
        {
          g_autofree char *full = birth_iso_full (&p->birth_date);

          state[i].id =
            civ_history_writer_person_insert (ctx->writer, id_key[i], doc_kind[i], p->doc_number,
                                              p->name, p->sex, full, error);
          if (state[i].id == 0)
            goto out;
          created[i] = TRUE;
        }
      rows[i] = (CivPartyRow){
        .position = (int) i,
        .person_id = state[i].id,
        .name = p->name ? p->name : "",
        .name_pinyin = pinyin[i],
        .name_initials = initials[i],
        .sex = p->sex,
        .birth_date = birth[i],
        .nationality = p->nationality ? p->nationality : "CHN",
        .ethnicity = p->ethnicity ? p->ethnicity : "",
        .occupation = p->occupation ? p->occupation : "",
        .doc_kind = doc_kind[i],
        .doc_number = p->doc_number,
        .doc_status = p->doc_status ? p->doc_status : CIV_DOC_STATUS_PRESENT,
        .id_key = id_key[i],
        .resident_category = "mainland",
        .status_before = p->status_before,
        .nature = in->kind == CIV_HIST_MARRIAGE && in->nature ? in->nature : 21,
      };
    }

  row = (CivMarriageRow){
    .record_id = record_id,
    .version = 1,
    .state = state_for_kind (in->kind),
    .registration_date = date,
    .effective_from = date,
    .office_code = in->office_code,
    .office_name = in->office_name ? in->office_name : "",
    .registrar = in->registrar ? in->registrar : "",
    .certificate_no = in->raw_number,
    .historical = TRUE,
    .status_source = "local-only",
    .remarks = in->remarks ? in->remarks : "",
    .reason = "",
    .created_by = ctx->created_by,
  };
  hist = (CivHistoricalRow){
    .record_id = record_id,
    .kind = civ_hist_kind_to_string (in->kind),
    .event_date = date,
    .raw_number = in->raw_number,
    .number_era = civ_number_era_to_string (in->number_era),
    .archive_no = in->archive_no,
    .volume = in->volume,
    .page = in->page,
    .entry = in->entry,
    .book = source ? source->book : 0,
    .book_page = source ? source->book_page : 0,
    .book_slot = source ? source->book_slot : 0,
    .import_id = source ? source->import_id : 0,
    .fields = fields,
  };
  if (civ_history_writer_add (ctx->writer, &row, rows, &hist,
                              (const char *const *) (gpointer) flat->pdata, ctx->created_at,
                              error) == 0)
    goto out;

  if (indexed)
    {
      for (guint i = 0; i < 2; i++)
        if (state[i].id && !civ_history_writer_add_event (ctx->writer, state[i].id, date,
                                                          civ_hist_kind_to_string (in->kind),
                                                          record_id, id_key[1 - i], error))
          goto out;
      for (guint i = 0; i < 2; i++)
        {
          CivPersonEventRow only = {
            .on_date = date,
            .kind = (char *) civ_hist_kind_to_string (in->kind),
            .record_id = record_id,
            .partner_key = id_key[1 - i],
          };

          if (state[i].id &&
              !apply_person (ctx, state[i].id, !created[i] && state[i].status_on == NULL, &state[i],
                             created[i] ? &only : NULL, error))
            goto out;
        }
    }

  payload = report_payload (record_id, date, in, doc_kind);
  if (!civ_history_writer_enqueue (ctx->writer, record_id, payload, error))
    goto out;
  result = g_steal_pointer (&record_id);
out:
  for (guint i = 0; i < 2; i++)
    {
      g_free (pinyin[i]);
      g_free (initials[i]);
      g_free (id_key[i]);
      g_free (birth[i]);
      civ_person_state_clear (&state[i]);
    }
  return result;
}
