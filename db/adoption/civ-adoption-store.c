// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-adoption-store.c — rows of adoptions, their parties, history, notice,
 * assessment, decisions, dissolutions, certificate serials and access journal */
#include "civ-adoption-store.h"
#include "civ-number-store.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#define ADOPTION_COLUMNS                                                                           \
  "id, record_id, state, office_code, office_name, applied_on, notice_needed, review_due, "        \
  "provisional, application, certificate_no, certificate_year, certificate_serial, "               \
  "registered_on, closed_on, created_at, created_by"

static gint64
last_id (CivDb *db)
{
  return sqlite3_last_insert_rowid (civ_db_get_handle (db));
}

static gboolean
require_transaction (CivDb *db, GError **error)
{
  return civ_db_require_transaction (db, _ ("An adoption is only written inside a transaction"),
                                     error);
}

void
civ_adoption_row_free (CivAdoptionRow *row)
{
  if (row == NULL)
    return;
  g_free (row->record_id);
  g_free (row->state);
  g_free (row->office_code);
  g_free (row->office_name);
  g_free (row->applied_on);
  g_free (row->review_due);
  g_free (row->application);
  g_free (row->certificate_no);
  g_free (row->registered_on);
  g_free (row->closed_on);
  g_free (row->created_at);
  g_free (row->created_by);
  g_free (row);
}

static CivAdoptionRow *
read_adoption (sqlite3_stmt *stmt)
{
  CivAdoptionRow *row = g_new0 (CivAdoptionRow, 1);

  row->id = sqlite3_column_int64 (stmt, 0);
  row->record_id = civ_db_column_dup (stmt, 1);
  row->state = civ_db_column_dup (stmt, 2);
  row->office_code = civ_db_column_dup (stmt, 3);
  row->office_name = civ_db_column_dup (stmt, 4);
  row->applied_on = civ_db_column_dup (stmt, 5);
  row->notice_needed = sqlite3_column_int (stmt, 6) != 0;
  row->review_due = civ_db_column_dup (stmt, 7);
  row->provisional = sqlite3_column_int (stmt, 8) != 0;
  row->application = civ_db_column_dup (stmt, 9);
  row->certificate_no = civ_db_column_dup (stmt, 10);
  row->certificate_year = sqlite3_column_int (stmt, 11);
  row->certificate_serial = sqlite3_column_int64 (stmt, 12);
  row->registered_on = civ_db_column_dup (stmt, 13);
  row->closed_on = civ_db_column_dup (stmt, 14);
  row->created_at = civ_db_column_dup (stmt, 15);
  row->created_by = civ_db_column_dup (stmt, 16);
  return row;
}

gint64
civ_adoption_row_insert (CivDb                *db,
                         const CivAdoptionRow *row,
                         const char           *created_by,
                         GError              **error)
{
  g_autofree char *now = civ_db_now_iso ();
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (!require_transaction (db, error))
    return 0;
  stmt = civ_db_prepare (db,
                         "INSERT INTO adoptions (record_id, state, office_code, office_name, "
                         "applied_on, notice_needed, application, created_at, created_by) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, row->record_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, row->state, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, row->office_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, row->office_name ? row->office_name : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, row->applied_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 6, row->notice_needed ? 1 : 0);
  sqlite3_bind_text (stmt, 7, row->application, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, created_by, -1, SQLITE_TRANSIENT);
  if (!civ_db_step_done (db, stmt, error))
    return 0;
  return last_id (db);
}

CivAdoptionRow *
civ_adoption_row_find (CivDb *db, const char *key, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT " ADOPTION_COLUMNS
                    " FROM adoptions WHERE record_id = ?1 OR certificate_no = ?1",
                    error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return read_adoption (stmt);
  if (rc != SQLITE_DONE)
    civ_db_set_error (db, error, _ ("Could not read the adoptions"));
  return NULL;
}

gboolean
civ_adoption_row_set_state (CivDb      *db,
                            gint64      id,
                            const char *state,
                            const char *review_due,
                            int         provisional,
                            const char *closed_on,
                            GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (!require_transaction (db, error))
    return FALSE;
  stmt = civ_db_prepare (db,
                         "UPDATE adoptions SET state = ?1, review_due = coalesce (?2, review_due), "
                         "provisional = CASE WHEN ?3 < 0 THEN provisional ELSE ?3 END, "
                         "closed_on = coalesce (?4, closed_on) WHERE id = ?5",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, state, -1, SQLITE_TRANSIENT);
  civ_db_bind_text_or_null (stmt, 2, review_due);
  sqlite3_bind_int (stmt, 3, provisional);
  civ_db_bind_text_or_null (stmt, 4, closed_on);
  sqlite3_bind_int64 (stmt, 5, id);
  if (!civ_db_step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (civ_db_get_handle (db)) != 1)
    {
      g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_NOT_FOUND,
                           _ ("There is no such adoption"));
      return FALSE;
    }
  return TRUE;
}

gboolean
civ_adoption_row_register (CivDb      *db,
                           gint64      id,
                           const char *number,
                           int         year,
                           gint64      serial,
                           const char *registered_on,
                           GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (!require_transaction (db, error))
    return FALSE;
  stmt = civ_db_prepare (db,
                         "UPDATE adoptions SET state = 'REGISTERED', certificate_no = ?1, "
                         "certificate_year = ?2, certificate_serial = ?3, registered_on = ?4 "
                         "WHERE id = ?5 AND certificate_no IS NULL",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, year);
  sqlite3_bind_int64 (stmt, 3, serial);
  sqlite3_bind_text (stmt, 4, registered_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, id);
  if (!civ_db_step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (civ_db_get_handle (db)) != 1)
    {
      g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                           _ ("This adoption already has a certificate number"));
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
civ_adoption_row_list (CivDb *db, GError **error)
{
  g_autoptr (GPtrArray) out =
    g_ptr_array_new_with_free_func ((GDestroyNotify) civ_adoption_row_free);
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db, "SELECT " ADOPTION_COLUMNS " FROM adoptions ORDER BY id DESC", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, read_adoption (stmt));
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the adoptions"));
      return NULL;
    }
  return g_steal_pointer (&out);
}

GHashTable *
civ_adoption_count_by_state (CivDb *db, GError **error)
{
  g_autoptr (GHashTable) out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db, "SELECT state, count(*) FROM adoptions GROUP BY state", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (out, civ_db_column_dup (stmt, 0),
                         GINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the adoptions"));
      return NULL;
    }
  return g_steal_pointer (&out);
}

/* The next serial of @prefix (SY or JCSY) for @office_code and @year. */
static gboolean
serial_next (CivDb      *db,
             const char *prefix,
             const char *office_code,
             int         year,
             gint64     *serial_out,
             GError    **error)
{
  gint64 serial = 1;

  if (!require_transaction (db, error))
    return FALSE;
  if (year < 1950 || year > 9999 || office_code == NULL || strlen (office_code) != 6 ||
      strspn (office_code, "0123456789") != 6)
    {
      g_set_error_literal (error, CIV_DB_ERROR, CIV_DB_ERROR_INVALID,
                           _ ("An adoption certificate number needs a 6-digit office code and a "
                              "year"));
      return FALSE;
    }
  /* R-N1: the local counter, or this workstation's blocks from the province. */
  if (!civ_number_draw (db, prefix, office_code, year, &serial, error))
    return FALSE;
  *serial_out = serial;
  return TRUE;
}

gboolean
civ_adoption_serial_next (
  CivDb *db, const char *office_code, int year, gint64 *serial_out, GError **error)
{
  return serial_next (db, CIV_ADOPTION_COUNTER_PREFIX, office_code, year, serial_out, error);
}

gboolean
civ_adoption_dissolution_serial_next (
  CivDb *db, const char *office_code, int year, gint64 *serial_out, GError **error)
{
  return serial_next (db, CIV_ADOPTION_DISSOLUTION_COUNTER_PREFIX, office_code, year, serial_out,
                      error);
}

void
civ_adoption_party_row_free (CivAdoptionPartyRow *row)
{
  if (row == NULL)
    return;
  g_free (row->role);
  g_free (row->name);
  g_free (row->birth_date);
  g_free (row->doc_kind);
  g_free (row->doc_number);
  g_free (row->id_key);
  g_free (row->resident_category);
  g_free (row->placer_kind);
  g_free (row);
}

gboolean
civ_adoption_party_insert (CivDb                     *db,
                           gint64                     adoption_id,
                           const CivAdoptionPartyRow *row,
                           GError                   **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (!require_transaction (db, error))
    return FALSE;
  stmt = civ_db_prepare (db,
                         "INSERT INTO adoption_parties (adoption_id, role, position, person_id, "
                         "name, sex, birth_date, doc_kind, doc_number, id_key, resident_category, "
                         "placer_kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, adoption_id);
  sqlite3_bind_text (stmt, 2, row->role, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, row->position);
  if (row->person_id > 0)
    sqlite3_bind_int64 (stmt, 4, row->person_id);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_text (stmt, 5, row->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 6, row->sex);
  civ_db_bind_text_or_null (stmt, 7, row->birth_date);
  sqlite3_bind_text (stmt, 8, row->doc_kind ? row->doc_kind : "", -1, SQLITE_TRANSIENT);
  civ_db_bind_text_or_null (stmt, 9, row->doc_number);
  civ_db_bind_text_or_null (stmt, 10, row->id_key);
  sqlite3_bind_text (stmt, 11, row->resident_category ? row->resident_category : "mainland", -1,
                     SQLITE_TRANSIENT);
  civ_db_bind_text_or_null (stmt, 12, row->placer_kind);
  return civ_db_step_done (db, stmt, error);
}

GPtrArray *
civ_adoption_party_list (CivDb *db, gint64 adoption_id, GError **error)
{
  g_autoptr (GPtrArray) out =
    g_ptr_array_new_with_free_func ((GDestroyNotify) civ_adoption_party_row_free);
  g_autoptr (sqlite3_stmt) stmt = civ_db_prepare (
    db,
    "SELECT role, position, person_id, name, sex, birth_date, doc_kind, doc_number, id_key, "
    "resident_category, placer_kind FROM adoption_parties WHERE adoption_id = ? ORDER BY CASE "
    "role WHEN 'child' THEN 0 WHEN 'placer' THEN 1 ELSE 2 END, position",
    error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, adoption_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CivAdoptionPartyRow *p = g_new0 (CivAdoptionPartyRow, 1);

      p->role = civ_db_column_dup (stmt, 0);
      p->position = sqlite3_column_int (stmt, 1);
      p->person_id = sqlite3_column_int64 (stmt, 2);
      p->name = civ_db_column_dup (stmt, 3);
      p->sex = sqlite3_column_int (stmt, 4);
      p->birth_date = civ_db_column_dup (stmt, 5);
      p->doc_kind = civ_db_column_dup (stmt, 6);
      p->doc_number = civ_db_column_dup (stmt, 7);
      p->id_key = civ_db_column_dup (stmt, 8);
      p->resident_category = civ_db_column_dup (stmt, 9);
      p->placer_kind = civ_db_column_dup (stmt, 10);
      g_ptr_array_add (out, p);
    }
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the parties of the adoption"));
      return NULL;
    }
  return g_steal_pointer (&out);
}

GPtrArray *
civ_adoption_for_id_key (CivDb *db, const char *id_key, GError **error)
{
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT DISTINCT a.record_id FROM adoption_parties p JOIN adoptions a ON "
                    "a.id = p.adoption_id WHERE p.id_key = ? ORDER BY a.id",
                    error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id_key, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, civ_db_column_dup (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the adoptions"));
      return NULL;
    }
  return g_steal_pointer (&out);
}

void
civ_adoption_event_row_free (CivAdoptionEventRow *row)
{
  if (row == NULL)
    return;
  g_free (row->on_date);
  g_free (row->from_state);
  g_free (row->state);
  g_free (row->actor);
  g_free (row->actor_name);
  g_free (row->reason);
  g_free (row->detail);
  g_free (row->created_at);
  g_free (row);
}

gboolean
civ_adoption_event_add (CivDb      *db,
                        gint64      adoption_id,
                        const char *on_date,
                        const char *from_state,
                        const char *state,
                        const char *actor,
                        const char *reason,
                        const char *detail,
                        GError    **error)
{
  g_autofree char *now = civ_db_now_iso ();
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (!require_transaction (db, error))
    return FALSE;
  stmt = civ_db_prepare (db,
                         "INSERT INTO adoption_events (adoption_id, on_date, from_state, state, "
                         "actor, reason, detail, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, adoption_id);
  sqlite3_bind_text (stmt, 2, on_date, -1, SQLITE_TRANSIENT);
  civ_db_bind_text_or_null (stmt, 3, from_state);
  sqlite3_bind_text (stmt, 4, state, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, actor, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, reason ? reason : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, detail ? detail : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, now, -1, SQLITE_TRANSIENT);
  return civ_db_step_done (db, stmt, error);
}

GPtrArray *
civ_adoption_event_list (CivDb *db, gint64 adoption_id, GError **error)
{
  g_autoptr (GPtrArray) out =
    g_ptr_array_new_with_free_func ((GDestroyNotify) civ_adoption_event_row_free);
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT e.on_date, e.from_state, e.state, e.actor, coalesce (o.display_name, "
                    "e.actor), e.reason, e.detail, e.created_at FROM adoption_events e "
                    "LEFT JOIN operators o ON o.login = e.actor WHERE e.adoption_id = ? "
                    "ORDER BY e.id",
                    error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, adoption_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CivAdoptionEventRow *e = g_new0 (CivAdoptionEventRow, 1);

      e->on_date = civ_db_column_dup (stmt, 0);
      e->from_state = civ_db_column_dup (stmt, 1);
      e->state = civ_db_column_dup (stmt, 2);
      e->actor = civ_db_column_dup (stmt, 3);
      e->actor_name = civ_db_column_dup (stmt, 4);
      e->reason = civ_db_column_dup (stmt, 5);
      e->detail = civ_db_column_dup (stmt, 6);
      e->created_at = civ_db_column_dup (stmt, 7);
      g_ptr_array_add (out, e);
    }
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the history of the adoption"));
      return NULL;
    }
  return g_steal_pointer (&out);
}

void
civ_adoption_notice_row_free (CivAdoptionNoticeRow *row)
{
  if (row == NULL)
    return;
  g_free (row->text);
  g_free (row->published_on);
  g_free (row->ends_on);
  g_free (row->created_by);
  g_free (row);
}

gboolean
civ_adoption_notice_insert (CivDb      *db,
                            gint64      adoption_id,
                            const char *text,
                            const char *published_on,
                            const char *ends_on,
                            const char *created_by,
                            GError    **error)
{
  g_autofree char *now = civ_db_now_iso ();
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (!require_transaction (db, error))
    return FALSE;
  stmt = civ_db_prepare (db,
                         "INSERT INTO adoption_notices (adoption_id, text, published_on, ends_on, "
                         "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, adoption_id);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, published_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, ends_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, created_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
  return civ_db_step_done (db, stmt, error);
}

CivAdoptionNoticeRow *
civ_adoption_notice_find (CivDb *db, gint64 adoption_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT text, published_on, ends_on, created_by FROM adoption_notices "
                    "WHERE adoption_id = ?",
                    error);
  CivAdoptionNoticeRow *n;
  int                   rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, adoption_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        civ_db_set_error (db, error, _ ("Could not read the adoption notice"));
      return NULL;
    }
  n = g_new0 (CivAdoptionNoticeRow, 1);
  n->text = civ_db_column_dup (stmt, 0);
  n->published_on = civ_db_column_dup (stmt, 1);
  n->ends_on = civ_db_column_dup (stmt, 2);
  n->created_by = civ_db_column_dup (stmt, 3);
  return n;
}

void
civ_adoption_assessment_item_free (CivAdoptionAssessmentItem *item)
{
  if (item == NULL)
    return;
  g_free (item->item);
  g_free (item->note);
  g_free (item);
}

void
civ_adoption_assessment_row_free (CivAdoptionAssessmentRow *row)
{
  if (row == NULL)
    return;
  g_free (row->assessor_kind);
  g_strfreev (row->team_members);
  g_free (row->third_party);
  g_free (row->assessed_on);
  g_free (row->conclusion);
  g_free (row->conclusion_text);
  g_free (row->red_flags_detail);
  g_clear_pointer (&row->items, g_ptr_array_unref);
  g_free (row);
}

/* Team members are kept as a JSON array of strings. */
static char *
members_to_json (const char *const *members)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_array (b);
  for (guint i = 0; members != NULL && members[i] != NULL; i++)
    json_builder_add_string_value (b, members[i]);
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

static GStrv
members_from_json (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GStrvBuilder) out = g_strv_builder_new ();
  JsonNode  *root;
  JsonArray *array;

  if (text != NULL && *text != '\0' && json_parser_load_from_data (parser, text, -1, NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      array = json_node_get_array (root);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *n = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
            g_strv_builder_add (out, json_node_get_string (n));
        }
    }
  return g_strv_builder_end (out);
}

gint64
civ_adoption_assessment_insert (CivDb                          *db,
                                gint64                          adoption_id,
                                const CivAdoptionAssessmentRow *row,
                                const char                     *created_by,
                                GError                        **error)
{
  g_autofree char *now = civ_db_now_iso ();
  g_autofree char *members = members_to_json ((const char *const *) row->team_members);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (sqlite3_stmt) item = NULL;
  gint64 id;

  if (!require_transaction (db, error))
    return 0;
  stmt = civ_db_prepare (
    db,
    "INSERT INTO adoption_assessments (adoption_id, assessor_kind, team_members, team_size, "
    "third_party, assessed_on, conclusion, conclusion_text, red_flags, red_flags_reported, "
    "red_flags_detail, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, adoption_id);
  sqlite3_bind_text (stmt, 2, row->assessor_kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, members, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, row->team_members ? (int) g_strv_length (row->team_members) : 0);
  sqlite3_bind_text (stmt, 5, row->third_party ? row->third_party : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, row->assessed_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, row->conclusion, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, row->conclusion_text ? row->conclusion_text : "", -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 9, row->red_flags ? 1 : 0);
  sqlite3_bind_int (stmt, 10, row->red_flags_reported ? 1 : 0);
  sqlite3_bind_text (stmt, 11, row->red_flags_detail ? row->red_flags_detail : "", -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 12, created_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 13, now, -1, SQLITE_TRANSIENT);
  if (!civ_db_step_done (db, stmt, error))
    return 0;
  id = last_id (db);

  item = civ_db_prepare (db,
                         "INSERT INTO adoption_assessment_items (assessment_id, item, "
                         "satisfactory, note) VALUES (?, ?, ?, ?)",
                         error);
  if (item == NULL)
    return 0;
  for (guint i = 0; row->items != NULL && i < row->items->len; i++)
    {
      const CivAdoptionAssessmentItem *it = g_ptr_array_index (row->items, i);

      sqlite3_reset (item);
      sqlite3_bind_int64 (item, 1, id);
      sqlite3_bind_text (item, 2, it->item, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (item, 3, it->satisfactory ? 1 : 0);
      sqlite3_bind_text (item, 4, it->note ? it->note : "", -1, SQLITE_TRANSIENT);
      if (!civ_db_step_done (db, item, error))
        return 0;
    }
  return id;
}

CivAdoptionAssessmentRow *
civ_adoption_assessment_latest (CivDb *db, gint64 adoption_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT id, assessor_kind, team_members, third_party, assessed_on, conclusion, "
                    "conclusion_text, red_flags, red_flags_reported, red_flags_detail FROM "
                    "adoption_assessments "
                    "WHERE adoption_id = ? ORDER BY id DESC LIMIT 1",
                    error);
  g_autoptr (sqlite3_stmt) items = NULL;
  g_autoptr (CivAdoptionAssessmentRow) a = NULL;
  g_autofree char *members = NULL;
  int              rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, adoption_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        civ_db_set_error (db, error, _ ("Could not read the adoption assessment"));
      return NULL;
    }
  a = g_new0 (CivAdoptionAssessmentRow, 1);
  a->id = sqlite3_column_int64 (stmt, 0);
  a->assessor_kind = civ_db_column_dup (stmt, 1);
  members = civ_db_column_dup (stmt, 2);
  a->team_members = members_from_json (members);
  a->third_party = civ_db_column_dup (stmt, 3);
  a->assessed_on = civ_db_column_dup (stmt, 4);
  a->conclusion = civ_db_column_dup (stmt, 5);
  a->conclusion_text = civ_db_column_dup (stmt, 6);
  a->red_flags = sqlite3_column_int (stmt, 7) != 0;
  a->red_flags_reported = sqlite3_column_int (stmt, 8) != 0;
  a->red_flags_detail = civ_db_column_dup (stmt, 9);
  a->items = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_adoption_assessment_item_free);

  items = civ_db_prepare (db,
                          "SELECT item, satisfactory, note FROM adoption_assessment_items "
                          "WHERE assessment_id = ? ORDER BY rowid",
                          error);
  if (items == NULL)
    return NULL;
  sqlite3_bind_int64 (items, 1, a->id);
  while ((rc = sqlite3_step (items)) == SQLITE_ROW)
    {
      CivAdoptionAssessmentItem *it = g_new0 (CivAdoptionAssessmentItem, 1);

      it->item = civ_db_column_dup (items, 0);
      it->satisfactory = sqlite3_column_int (items, 1) != 0;
      it->note = civ_db_column_dup (items, 2);
      g_ptr_array_add (a->items, it);
    }
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the adoption assessment"));
      return NULL;
    }
  return g_steal_pointer (&a);
}

gint64
civ_adoption_decision_insert (CivDb      *db,
                              gint64      adoption_id,
                              const char *kind,
                              const char *on_date,
                              const char *reasons,
                              const char *document_no,
                              int         child_consent,
                              int         certificate_returned,
                              const char *approved_by,
                              const char *created_by,
                              GError    **error)
{
  g_autofree char *now = civ_db_now_iso ();
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (!require_transaction (db, error))
    return 0;
  stmt = civ_db_prepare (db,
                         "INSERT INTO adoption_decisions (adoption_id, kind, on_date, reasons, "
                         "document_no, child_consent, certificate_returned, approved_by, "
                         "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, adoption_id);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, on_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, reasons ? reasons : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, document_no ? document_no : "", -1, SQLITE_TRANSIENT);
  if (child_consent < 0)
    sqlite3_bind_null (stmt, 6);
  else
    sqlite3_bind_int (stmt, 6, child_consent ? 1 : 0);
  if (certificate_returned < 0)
    sqlite3_bind_null (stmt, 7);
  else
    sqlite3_bind_int (stmt, 7, certificate_returned ? 1 : 0);
  civ_db_bind_text_or_null (stmt, 8, approved_by);
  sqlite3_bind_text (stmt, 9, created_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, now, -1, SQLITE_TRANSIENT);
  if (!civ_db_step_done (db, stmt, error))
    return 0;
  return last_id (db);
}

void
civ_adoption_decision_row_free (CivAdoptionDecisionRow *row)
{
  if (row == NULL)
    return;
  g_free (row->kind);
  g_free (row->on_date);
  g_free (row->reasons);
  g_free (row->document_no);
  g_free (row->approved_by);
  g_free (row->created_by);
  g_free (row->created_at);
  g_free (row);
}

CivAdoptionDecisionRow *
civ_adoption_decision_latest (CivDb *db, gint64 adoption_id, const char *kind, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT id, kind, on_date, reasons, document_no, approved_by, created_by, "
                    "created_at FROM adoption_decisions WHERE adoption_id = ? AND kind = ? "
                    "ORDER BY id DESC LIMIT 1",
                    error);
  CivAdoptionDecisionRow *d;
  int                     rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, adoption_id);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        civ_db_set_error (db, error, _ ("Could not read the adoption's decisions"));
      return NULL;
    }
  d = g_new0 (CivAdoptionDecisionRow, 1);
  d->id = sqlite3_column_int64 (stmt, 0);
  d->kind = civ_db_column_dup (stmt, 1);
  d->on_date = civ_db_column_dup (stmt, 2);
  d->reasons = civ_db_column_dup (stmt, 3);
  d->document_no = civ_db_column_dup (stmt, 4);
  d->approved_by = civ_db_column_dup (stmt, 5);
  d->created_by = civ_db_column_dup (stmt, 6);
  d->created_at = civ_db_column_dup (stmt, 7);
  return d;
}

void
civ_adoption_dissolution_row_free (CivAdoptionDissolutionRow *row)
{
  if (row == NULL)
    return;
  g_free (row->applied_on);
  g_free (row->review_due);
  g_free (row->agreement_ref);
  g_free (row);
}

gint64
civ_adoption_dissolution_insert (CivDb      *db,
                                 gint64      adoption_id,
                                 const char *applied_on,
                                 const char *review_due,
                                 gboolean    provisional,
                                 const char *agreement_ref,
                                 gboolean    child_consent,
                                 const char *created_by,
                                 GError    **error)
{
  g_autofree char *now = civ_db_now_iso ();
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (!require_transaction (db, error))
    return 0;
  stmt = civ_db_prepare (db,
                         "INSERT INTO adoption_dissolutions (adoption_id, applied_on, review_due, "
                         "provisional, agreement_ref, child_consent, created_by, created_at) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, adoption_id);
  sqlite3_bind_text (stmt, 2, applied_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, review_due, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, provisional ? 1 : 0);
  sqlite3_bind_text (stmt, 5, agreement_ref, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 6, child_consent ? 1 : 0);
  sqlite3_bind_text (stmt, 7, created_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, now, -1, SQLITE_TRANSIENT);
  if (!civ_db_step_done (db, stmt, error))
    return 0;
  return last_id (db);
}

CivAdoptionDissolutionRow *
civ_adoption_dissolution_open (CivDb *db, gint64 adoption_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT id, applied_on, review_due, provisional, agreement_ref, child_consent "
                    "FROM adoption_dissolutions WHERE adoption_id = ? AND decision_id IS NULL "
                    "ORDER BY id DESC LIMIT 1",
                    error);
  CivAdoptionDissolutionRow *d;
  int                        rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, adoption_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        civ_db_set_error (db, error, _ ("Could not read the dissolution application"));
      return NULL;
    }
  d = g_new0 (CivAdoptionDissolutionRow, 1);
  d->id = sqlite3_column_int64 (stmt, 0);
  d->applied_on = civ_db_column_dup (stmt, 1);
  d->review_due = civ_db_column_dup (stmt, 2);
  d->provisional = sqlite3_column_int (stmt, 3) != 0;
  d->agreement_ref = civ_db_column_dup (stmt, 4);
  d->child_consent = sqlite3_column_int (stmt, 5) != 0;
  return d;
}

gboolean
civ_adoption_dissolution_decide (CivDb   *db,
                                 gint64   dissolution_id,
                                 gint64   decision_id,
                                 GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (!require_transaction (db, error))
    return FALSE;
  stmt =
    civ_db_prepare (db, "UPDATE adoption_dissolutions SET decision_id = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, decision_id);
  sqlite3_bind_int64 (stmt, 2, dissolution_id);
  return civ_db_step_done (db, stmt, error);
}

void
civ_adoption_due_row_free (CivAdoptionDueRow *row)
{
  if (row == NULL)
    return;
  g_free (row->record_id);
  g_free (row->what);
  g_free (row->due);
  g_free (row->certificate_no);
  g_free (row->applied_on);
  g_free (row);
}

GPtrArray *
civ_adoption_due_rows (CivDb *db, const char *day, GError **error)
{
  g_autoptr (GPtrArray) out =
    g_ptr_array_new_with_free_func ((GDestroyNotify) civ_adoption_due_row_free);
  g_autoptr (sqlite3_stmt) stmt = civ_db_prepare (
    db,
    "SELECT a.record_id, 'notice-ends', n.ends_on, 0, a.certificate_no, a.applied_on "
    "FROM adoptions a JOIN adoption_notices n "
    "ON n.adoption_id = a.id WHERE a.state = 'NOTICE_60D' AND n.ends_on <= ?1 "
    "UNION ALL SELECT record_id, 'review-due', review_due, provisional, certificate_no, "
    "applied_on FROM adoptions WHERE state = 'REVIEW_30D' AND review_due <= ?1 "
    "UNION ALL SELECT a.record_id, 'dissolution-review-due', d.review_due, d.provisional, "
    "a.certificate_no, a.applied_on "
    "FROM adoption_dissolutions d JOIN adoptions a ON a.id = d.adoption_id "
    "WHERE d.decision_id IS NULL AND a.state = 'REGISTERED' AND d.review_due <= ?1 "
    "ORDER BY 3, 1",
    error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, day, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CivAdoptionDueRow *d = g_new0 (CivAdoptionDueRow, 1);

      d->record_id = civ_db_column_dup (stmt, 0);
      d->what = civ_db_column_dup (stmt, 1);
      d->due = civ_db_column_dup (stmt, 2);
      d->provisional = sqlite3_column_int (stmt, 3) != 0;
      d->certificate_no = civ_db_column_dup (stmt, 4);
      d->applied_on = civ_db_column_dup (stmt, 5);
      g_ptr_array_add (out, d);
    }
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read the adoption deadlines"));
      return NULL;
    }
  return g_steal_pointer (&out);
}

gboolean
civ_adoption_access_add (CivDb      *db,
                         gint64      adoption_id,
                         const char *actor,
                         const char *action,
                         const char *purpose,
                         GError    **error)
{
  g_autofree char *now = civ_db_now_iso ();
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "INSERT INTO adoption_access (adoption_id, actor, action, purpose, at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, adoption_id);
  sqlite3_bind_text (stmt, 2, actor, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, action, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, purpose, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
  return civ_db_step_done (db, stmt, error);
}

void
civ_adoption_access_row_free (CivAdoptionAccessRow *row)
{
  if (row == NULL)
    return;
  g_free (row->record_id);
  g_free (row->actor);
  g_free (row->actor_name);
  g_free (row->action);
  g_free (row->purpose);
  g_free (row->at);
  g_free (row);
}

GPtrArray *
civ_adoption_access_list (CivDb *db, const char *record_id, GError **error)
{
  g_autoptr (GPtrArray) out =
    g_ptr_array_new_with_free_func ((GDestroyNotify) civ_adoption_access_row_free);
  g_autoptr (sqlite3_stmt) stmt =
    civ_db_prepare (db,
                    "SELECT a.record_id, x.actor, coalesce (o.display_name, x.actor), x.action, "
                    "x.purpose, x.at FROM adoption_access x JOIN adoptions a ON a.id = "
                    "x.adoption_id LEFT JOIN operators o ON o.login = x.actor "
                    "WHERE ?1 IS NULL OR a.record_id = ?1 ORDER BY x.id",
                    error);
  int rc;

  if (stmt == NULL)
    return NULL;
  civ_db_bind_text_or_null (stmt, 1, record_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CivAdoptionAccessRow *r = g_new0 (CivAdoptionAccessRow, 1);

      r->record_id = civ_db_column_dup (stmt, 0);
      r->actor = civ_db_column_dup (stmt, 1);
      r->actor_name = civ_db_column_dup (stmt, 2);
      r->action = civ_db_column_dup (stmt, 3);
      r->purpose = civ_db_column_dup (stmt, 4);
      r->at = civ_db_column_dup (stmt, 5);
      g_ptr_array_add (out, r);
    }
  if (rc != SQLITE_DONE)
    {
      civ_db_set_error (db, error, _ ("Could not read who looked at the adoptions"));
      return NULL;
    }
  return g_steal_pointer (&out);
}
