// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-adoption-service.c — adoption registration, dissolution, revocation,
 * kept secret (R-A1…R-A15) */
#include "civ-adoption-service.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "civ-adoption-input.h"
#include "civ-app-error.h"
#include "civ-idnumber.h"
#include "civ-json.h"
#include "civ-marriage-service.h"
#include "civ-permissions.h"
#include "civ-person-links.h"
#include "civ-registry-store.h"
#include "civ-states.h"

#define MAX_PURPOSE 500
#define MAX_NOTICE 20000
#define MAX_TEXT 2000

void
civ_adoption_result_free (CivAdoptionResult *result)
{
  if (result == NULL)
    return;
  g_free (result->record_id);
  g_free (result->state);
  g_free (result->certificate_no);
  g_clear_pointer (&result->findings, g_ptr_array_unref);
  g_free (result);
}

void
civ_adoption_view_free (CivAdoptionView *view)
{
  if (view == NULL)
    return;
  civ_adoption_row_free (view->row);
  g_clear_pointer (&view->parties, g_ptr_array_unref);
  g_clear_pointer (&view->events, g_ptr_array_unref);
  civ_adoption_notice_row_free (view->notice);
  civ_adoption_assessment_row_free (view->assessment);
  civ_adoption_dissolution_row_free (view->dissolution);
  g_clear_pointer (&view->documents, g_ptr_array_unref);
  g_free (view->dissolution_no);
  g_clear_pointer (&view->findings, g_ptr_array_unref);
  g_free (view);
}

static const char *const assessment_items[] = {
  "motive",
  "conduct",
  "education",
  "health",
  "finances-housing",
  "family-relations",
  "household-views",
  "rearing-plan",
  "community",
  "adopter-child-fit",
  NULL,
};

const char *
civ_adoption_assessment_item_label (const char *item)
{
  static const struct
  {
    const char *code;
    const char *label;
  } labels[] = {
    { "motive", N_ ("Motive for adopting") },
    { "conduct", N_ ("Conduct and character") },
    { "education", N_ ("Education") },
    { "health", N_ ("Health") },
    { "finances-housing", N_ ("Finances and housing") },
    { "family-relations", N_ ("Family relations") },
    { "household-views", N_ ("Views of the household") },
    { "rearing-plan", N_ ("Plan for raising the child") },
    { "community", N_ ("Community and surroundings") },
    { "adopter-child-fit", N_ ("Fit between adopter and child") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].code, item) == 0)
      return _ (labels[i].label);
  return item;
}

const char *const *
civ_adoption_assessment_items (void)
{
  return assessment_items;
}

static const char *
state_db (CivAdoptionState state)
{
  return civ_adoption_state_to_db (state);
}

/* ---- number format (domain.md §6 q.7) ---- */

/* @format with its fields filled; NULL when it is not a valid format. */
static char *
format_number (const char *format, const char *office_code, int year, gint64 serial)
{
  g_autoptr (GString) out = g_string_new (NULL);
  gboolean has_year = FALSE, has_serial = FALSE;

  if (format == NULL || *format == '\0' || strlen (format) > 64 ||
      !g_utf8_validate (format, -1, NULL))
    goto invalid;
  for (const char *p = format; *p != '\0';)
    {
      if (*p == '{')
        {
          const char      *close = strchr (p, '}');
          g_autofree char *field = NULL;

          if (close == NULL)
            goto invalid;
          field = g_strndup (p + 1, (gsize) (close - p - 1));
          if (g_str_equal (field, "office"))
            g_string_append (out, office_code);
          else if (g_str_equal (field, "year"))
            {
              g_string_append_printf (out, "%04d", year);
              has_year = TRUE;
            }
          else if (g_str_equal (field, "serial"))
            {
              g_string_append_printf (out, "%06" G_GINT64_FORMAT, serial);
              has_serial = TRUE;
            }
          else
            goto invalid;
          p = close + 1;
        }
      else if (*p == '}' || g_ascii_iscntrl (*p))
        goto invalid;
      else
        g_string_append_c (out, *p++);
    }
  if (!has_year || !has_serial)
    goto invalid;
  return g_string_free (g_steal_pointer (&out), FALSE);

invalid:
  return NULL;
}

char *
civ_adoption_format_number (
  const char *format, const char *office_code, int year, gint64 serial, GError **error)
{
  char *number = format_number (format, office_code, year, serial);

  if (number == NULL)
    g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                 _ ("The adoption certificate number format “%s” is not valid: write it with "
                    "{year} and {serial}, and {office} where the office code goes, for example "
                    "%s"),
                 format ? format : "", CIV_ADOPTION_NUMBER_FORMAT_DEFAULT);
  return number;
}

char *
civ_adoption_format_dissolution_number (
  const char *format, const char *office_code, int year, gint64 serial, GError **error)
{
  char *number = format_number (format, office_code, year, serial);

  if (number == NULL)
    g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                 _ ("The dissolution proof number format “%s” is not valid: write it with "
                    "{year} and {serial}, and {office} where the office code goes, for example "
                    "%s"),
                 format ? format : "", CIV_ADOPTION_DISSOLUTION_FORMAT_DEFAULT);
  return number;
}

/* Stores the office's format @format of @key, checked by @format_func;
 * audited as @action. */
static gboolean
set_format (CivStore   *store,
            const char *key,
            const char *format,
            char *(*format_func) (const char *, const char *, int, gint64, GError **),
            const char *action,
            GError    **error)
{
  g_autofree char *example = NULL;
  g_autofree char *detail = NULL;
  CivDb           *db;

  g_return_val_if_fail (CIV_IS_STORE (store), FALSE);
  if (!civ_require (store, CIV_PERM_ADOPTION, error) ||
      !civ_require (store, CIV_PERM_IMPORT_REFDATA, error))
    return FALSE;
  example = format_func (format, "110101", 2026, 1, error);
  if (example == NULL)
    return FALSE;
  {
    g_autoptr (CivJson) json = civ_json_new ();

    civ_json_string (json, "format", format);
    civ_json_string (json, "example", example);
    detail = civ_json_finish (json);
  }
  db = civ_store_get_db (store);
  if (!civ_db_begin (db, error))
    return FALSE;
  if (!civ_db_set_setting (db, key, format, error) ||
      !civ_store_audit (store, action, key, detail, error) || !civ_db_commit (db, error))
    {
      civ_db_rollback (db);
      return FALSE;
    }
  return TRUE;
}

gboolean
civ_adoption_set_number_format (CivStore *store, const char *format, GError **error)
{
  return set_format (store, CIV_ADOPTION_NUMBER_FORMAT_KEY, format, civ_adoption_format_number,
                     "adoption.number-format", error);
}

gboolean
civ_adoption_set_dissolution_format (CivStore *store, const char *format, GError **error)
{
  return set_format (store, CIV_ADOPTION_DISSOLUTION_FORMAT_KEY, format,
                     civ_adoption_format_dissolution_number, "adoption.dissolution-format", error);
}

/* ---- helpers ---- */

static gboolean
valid_today (const GDate *today, GError **error)
{
  if (today != NULL && g_date_valid (today))
    return TRUE;
  g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID, _ ("The date is not valid"));
  return FALSE;
}

static gboolean
check_text (const char *text, gsize max, const char *what, GError **error)
{
  g_autofree char *copy = text ? g_strstrip (g_strdup (text)) : NULL;

  if (copy != NULL && *copy != '\0' && strlen (text) <= max && g_utf8_validate (text, -1, NULL))
    return TRUE;
  g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID, _ ("Write %s (at most %u characters)"),
               what, (guint) max);
  return FALSE;
}

/* Identity numbers of the resident-ID family share one key space with the
 * marriage records (civ_marriage_party_id_key ()). */
static char *
identity_key (const CivAdoptionIdentity *id, const GDate *on, GError **error)
{
  CivMarriagePartyInput p = { 0 };
  CivDocKind            kind = CIV_DOC_UNKNOWN;

  if (id->doc_number == NULL || *id->doc_number == '\0')
    return NULL;
  if (id->doc_kind != NULL && !civ_doc_kind_from_string (id->doc_kind, &kind))
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("Unknown identity document type “%s”"), id->doc_kind);
      return NULL;
    }
  p.doc_kind = id->doc_kind;
  p.doc_number = id->doc_number;
  return civ_marriage_party_id_key (&p, on, NULL);
}

/* The application as stored, read again (it was checked when stored). */
static CivAdoptionInput *
parse_application (const char *json, GError **error)
{
  return civ_adoption_input_parse (json, strlen (json), error);
}

/* Loads the adoption @key in the caller's transaction; refuses when it is
 * not in one of @allowed (a 0-terminated list of states). */
static CivAdoptionRow *
load (CivDb *db, const char *key, const CivAdoptionState *allowed, const char *rule, GError **error)
{
  g_autoptr (CivAdoptionRow) row = NULL;
  g_autoptr (GError) local = NULL;
  CivAdoptionState state;

  if (key == NULL || *key == '\0')
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                           _ ("Give the adoption's record number or certificate number"));
      return NULL;
    }
  row = civ_adoption_row_find (db, key, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (row == NULL)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("There is no adoption “%s” in the records"), key);
      return NULL;
    }
  if (allowed == NULL)
    return g_steal_pointer (&row);
  state = civ_adoption_state_from_db (row->state);
  for (guint i = 0; allowed[i] != CIV_ADOPTION_STATE_UNKNOWN; i++)
    if (allowed[i] == state)
      return g_steal_pointer (&row);
  civ_app_set_refusal (error, rule, _ ("%s: this step is not possible while the adoption is “%s”"),
                       rule, civ_adoption_state_label (state));
  return NULL;
}

static char *
detail_json (const char *record_id, const char *key, const char *value)
{
  g_autoptr (CivJson) json = civ_json_new ();

  civ_json_string (json, "adoption", record_id);
  if (key != NULL)
    civ_json_string (json, key, value);
  return civ_json_finish (json);
}

/* One transition: the row's new state, the history and the audit entry. */
static gboolean
transition (CivStore       *store,
            CivAdoptionRow *row,
            const char     *to,
            const char     *today_iso,
            const char     *review_due,
            int             provisional,
            const char     *closed_on,
            const char     *reason,
            const char     *action,
            const char     *detail,
            GError        **error)
{
  CivDb      *db = civ_store_get_db (store);
  const char *actor = civ_store_get_operator (store)->login;

  if (!civ_adoption_row_set_state (db, row->id, to, review_due, provisional, closed_on, error) ||
      !civ_adoption_event_add (db, row->id, today_iso, row->state, to, actor, reason, detail,
                               error) ||
      !civ_store_audit (store, action, row->record_id, detail, error))
    return FALSE;
  g_free (row->state);
  row->state = g_strdup (to);
  return TRUE;
}

/* The notice's publication date, invalid when there is none. */
static gboolean
notice_date (CivDb *db, gint64 adoption_id, GDate *out, GError **error)
{
  g_autoptr (CivAdoptionNoticeRow) notice = NULL;
  g_autoptr (GError) local = NULL;

  g_date_clear (out, 1);
  notice = civ_adoption_notice_find (db, adoption_id, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (notice != NULL)
    civ_date_parse_iso (notice->published_on, out);
  return TRUE;
}

static void
compute_dates (CivCalendar      *calendar,
               const char       *applied_iso,
               const GDate      *published,
               CivAdoptionDates *out)
{
  GDate applied;

  civ_date_parse_iso (applied_iso, &applied);
  civ_adoption_dates (calendar, &applied, published, out);
}

static CivAdoptionResult *
result_new (const CivAdoptionRow *row, const CivAdoptionDates *dates, GPtrArray *findings)
{
  CivAdoptionResult *r = g_new0 (CivAdoptionResult, 1);

  r->record_id = g_strdup (row->record_id);
  r->state = g_strdup (row->state);
  r->certificate_no = g_strdup (row->certificate_no);
  if (dates != NULL)
    r->dates = *dates;
  else
    {
      g_date_clear (&r->dates.applied, 1);
      g_date_clear (&r->dates.notice_published, 1);
      g_date_clear (&r->dates.notice_end, 1);
      g_date_clear (&r->dates.review_start, 1);
      g_date_clear (&r->dates.review_deadline, 1);
    }
  r->findings = findings ? g_ptr_array_ref (findings) : civ_findings_new ();
  return r;
}

static gboolean
store_findings (CivDb *db, gint64 adoption_id, GPtrArray *findings, GError **error)
{
  for (guint i = 0; i < findings->len; i++)
    {
      CivFinding *f = g_ptr_array_index (findings, i);

      if (!civ_findings_store (db, "adoption", adoption_id, f->rule,
                               civ_severity_to_string (f->severity), f->message, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- apply ---- */

static gint64
link_person (CivDb                     *db,
             const char                *id_key,
             const CivAdoptionIdentity *id,
             const char                *name,
             int                        sex,
             const char                *birth_iso,
             GError                   **error)
{
  g_autoptr (CivPersonRow) existing = NULL;
  g_autoptr (GError) local = NULL;
  CivPersonRow row = { 0 };

  if (id_key == NULL)
    return 0;
  existing = civ_person_find (db, id_key, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return -1;
    }
  row.id_key = (char *) id_key;
  row.doc_kind = (char *) (id->doc_kind ? id->doc_kind : "resident-id");
  row.doc_number = (char *) id->doc_number;
  row.name = (char *) (name ? name : "");
  row.sex = sex;
  row.birth_date = (char *) birth_iso;
  row.marital_status = existing ? existing->marital_status : 90;
  row.current_marriage = existing ? existing->current_marriage : NULL;
  {
    gint64 pid = civ_person_upsert (db, &row, error);

    return pid > 0 ? pid : -1;
  }
}

static gboolean
insert_party (CivDb                     *db,
              gint64                     adoption_id,
              const char                *role,
              int                        position,
              const CivAdoptionIdentity *id,
              const char                *name,
              int                        sex,
              const GDate               *birth,
              const char                *placer_kind,
              const char                *category,
              const GDate               *today,
              GError                   **error)
{
  g_autofree char *id_key = identity_key (id, today, error);
  g_autofree char *birth_iso = birth && g_date_valid (birth) ? civ_date_format_iso (birth) : NULL;
  CivAdoptionPartyRow row = { 0 };
  gint64              person;

  if (error != NULL && *error != NULL)
    return FALSE;
  if (id->doc_number != NULL && *id->doc_number != '\0' && id_key == NULL)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("The identity number of %s is not valid"), name ? name : role);
      return FALSE;
    }
  person = link_person (db, id_key, id, name, sex, birth_iso, error);
  if (person < 0)
    return FALSE;
  row.role = (char *) role;
  row.position = position;
  row.person_id = person;
  row.name = (char *) (name ? name : "");
  row.sex = sex;
  row.birth_date = birth_iso;
  row.doc_kind = (char *) (id->doc_kind ? id->doc_kind : "");
  row.doc_number = (char *) (id->doc_number && *id->doc_number ? id->doc_number : NULL);
  row.id_key = id_key;
  row.resident_category = (char *) category;
  row.placer_kind = (char *) placer_kind;
  return civ_adoption_party_insert (db, adoption_id, &row, error);
}

CivAdoptionResult *
civ_adoption_apply (CivStore                    *store,
                    const CivAdoptionApplyInput *input,
                    const GDate                 *today,
                    CivCalendar                 *calendar,
                    GError                     **error)
{
  g_autoptr (CivAdoptionInput) parsed = NULL;
  g_autoptr (GPtrArray) findings = NULL;
  g_autofree char       *today_iso = NULL;
  g_autofree char       *office_code = NULL;
  g_autofree char       *office_name = NULL;
  g_autofree char       *detail = NULL;
  CivAdoptionApplication app;
  CivAdoptionRow         row = { 0 };
  CivAdoptionDates       dates;
  CivDb                 *db;
  const char            *actor;

  g_return_val_if_fail (CIV_IS_STORE (store) && input != NULL, NULL);

  if (!civ_require (store, CIV_PERM_ADOPTION, error) || !valid_today (today, error))
    return NULL;
  if (input->application == NULL)
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                           _ ("The adoption application is missing"));
      return NULL;
    }
  parsed = parse_application (input->application, error);
  if (parsed == NULL)
    return NULL;
  app = *civ_adoption_input_get_application (parsed);
  /* The application is made today, at this counter. */
  app.application_date = *today;
  app.evaluation_date = *today;
  g_date_clear (&app.notice_published, 1);
  findings = civ_adoption_check (&app);
  civ_adoption_dates (calendar, today, NULL, &dates);

  db = civ_store_get_db (store);
  actor = civ_store_get_operator (store)->login;
  today_iso = civ_date_format_iso (today);
  office_code = civ_store_get_office_code (store);
  office_name = civ_store_get_office_name (store);

  row.record_id = g_uuid_string_random ();
  row.state = (char *) state_db (CIV_ADOPTION_STATE_APPLIED);
  row.office_code = office_code;
  row.office_name = office_name;
  row.applied_on = today_iso;
  row.notice_needed = civ_adoption_notice_needed (&app);
  /* Stored in the documented format as read, dated today (the reader's
   * writer, so that what is stored reads back to the same application). */
  row.application = civ_adoption_application_to_json (&app);
  detail = detail_json (row.record_id, NULL, NULL);

  if (!civ_db_begin (db, error))
    goto fail_free;
  row.id = civ_adoption_row_insert (db, &row, actor, error);
  if (row.id == 0 ||
      !insert_party (db, row.id, "child", 0, &input->child, app.child.name, app.child.sex,
                     &app.child.birth_date, NULL, "mainland", today, error))
    goto fail;
  for (guint i = 0; i < app.n_placers && i < CIV_ADOPTION_MAX_PLACERS; i++)
    if (!insert_party (db, row.id, "placer", (int) i, &input->placer[i], app.placer[i].name, 0,
                       NULL, civ_placer_kind_to_string (app.placer[i].kind), "mainland", today,
                       error))
      goto fail;
  for (guint i = 0; i < app.n_adopters && i < CIV_ADOPTION_MAX_ADOPTERS; i++)
    if (!insert_party (db, row.id, "adopter", (int) i, &input->adopter[i], app.adopter[i].name,
                       app.adopter[i].sex, &app.adopter[i].birth_date, NULL,
                       civ_resident_category_to_string (app.adopter[i].category), today, error))
      goto fail;
  if (!civ_adoption_event_add (db, row.id, today_iso, NULL, row.state, actor, NULL, detail,
                               error) ||
      !store_findings (db, row.id, findings, error) ||
      !civ_store_audit (store, "adoption.apply", row.record_id, detail, error) ||
      !civ_db_commit (db, error))
    goto fail;

  {
    CivAdoptionResult *r = result_new (&row, &dates, findings);

    g_free (row.record_id);
    g_free (row.application);
    return r;
  }

fail:
  civ_db_rollback (db);
fail_free:
  g_free (row.record_id);
  g_free (row.application);
  return NULL;
}

/* ---- notice ---- */

gboolean
civ_adoption_publish_notice (CivStore    *store,
                             const char  *record_id,
                             const char  *text,
                             const GDate *published,
                             const GDate *today,
                             CivCalendar *calendar,
                             GError     **error)
{
  static const CivAdoptionState allowed[] = { CIV_ADOPTION_STATE_APPLIED, 0 };
  g_autoptr (CivAdoptionRow) row = NULL;
  g_autofree char *today_iso = NULL;
  g_autofree char *published_iso = NULL;
  g_autofree char *ends_iso = NULL;
  g_autofree char *detail = NULL;
  CivAdoptionDates dates;
  CivDb           *db;

  g_return_val_if_fail (CIV_IS_STORE (store), FALSE);
  if (!civ_require (store, CIV_PERM_ADOPTION, error) || !valid_today (today, error))
    return FALSE;
  if (!check_text (text, MAX_NOTICE, _ ("the text of the notice"), error))
    return FALSE;
  if (published == NULL || !g_date_valid (published) || g_date_compare (published, today) > 0)
    {
      civ_app_set_invalid (error, "R-A7", "%s",
                           _ ("R-A7: give the day the notice was published, today or earlier"));
      return FALSE;
    }
  db = civ_store_get_db (store);
  if (!civ_db_begin (db, error))
    return FALSE;
  row = load (db, record_id, allowed, "R-A7", error);
  if (row == NULL)
    goto fail;
  if (!row->notice_needed)
    {
      civ_app_set_refusal (error, "R-A7", "%s",
                           _ ("R-A7: a public notice is only published when the child's birth "
                              "parents cannot be found"));
      goto fail;
    }
  compute_dates (calendar, row->applied_on, published, &dates);
  if (g_date_compare (published, &dates.applied) < 0)
    {
      civ_app_set_invalid (error, "R-A7", "%s",
                           _ ("R-A7: the notice cannot be published before the application"));
      goto fail;
    }
  today_iso = civ_date_format_iso (today);
  published_iso = civ_date_format_iso (published);
  ends_iso = civ_date_format_iso (&dates.notice_end);
  {
    g_autoptr (CivJson) json = civ_json_new ();

    civ_json_string (json, "adoption", row->record_id);
    civ_json_string (json, "published", published_iso);
    civ_json_string (json, "ends", ends_iso);
    detail = civ_json_finish (json);
  }
  if (!civ_adoption_notice_insert (db, row->id, text, published_iso, ends_iso,
                                   civ_store_get_operator (store)->login, error) ||
      !transition (store, row, state_db (CIV_ADOPTION_STATE_NOTICE_60D), today_iso, NULL, -1, NULL,
                   NULL, "adoption.notice", detail, error) ||
      !civ_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  civ_db_rollback (db);
  return FALSE;
}

/* ---- assessment ---- */

static gboolean
step_child (const CivAdoptionRow *row, GError **error)
{
  g_autoptr (CivAdoptionInput) parsed = parse_application (row->application, error);

  return parsed != NULL &&
         !civ_adoption_assessment_needed (civ_adoption_input_get_application (parsed));
}

/* Moves to REVIEW_30D with the review deadline (R-A10). */
static gboolean
start_review (CivStore         *store,
              CivAdoptionRow   *row,
              const GDate      *today,
              CivCalendar      *calendar,
              const char       *action,
              CivAdoptionDates *dates,
              GError          **error)
{
  g_autofree char *today_iso = civ_date_format_iso (today);
  g_autofree char *due = NULL;
  g_autofree char *detail = NULL;
  GDate            published;

  if (!notice_date (civ_store_get_db (store), row->id, &published, error))
    return FALSE;
  compute_dates (calendar, row->applied_on, &published, dates);
  due = civ_date_format_iso (&dates->review_deadline);
  detail = detail_json (row->record_id, "review_due", due);
  if (!transition (store, row, state_db (CIV_ADOPTION_STATE_REVIEW_30D), today_iso, due,
                   dates->provisional ? 1 : 0, NULL, NULL, action, detail, error))
    return FALSE;
  g_free (row->review_due);
  row->review_due = g_steal_pointer (&due);
  return TRUE;
}

CivAdoptionResult *
civ_adoption_begin_assessment (
  CivStore *store, const char *record_id, const GDate *today, CivCalendar *calendar, GError **error)
{
  static const CivAdoptionState allowed[] = { CIV_ADOPTION_STATE_APPLIED,
                                              CIV_ADOPTION_STATE_NOTICE_60D, 0 };
  g_autoptr (CivAdoptionRow) row = NULL;
  g_autofree char *today_iso = NULL;
  g_autofree char *detail = NULL;
  CivAdoptionDates dates;
  GDate            published;
  CivDb           *db;
  gboolean         step;

  g_return_val_if_fail (CIV_IS_STORE (store), NULL);
  if (!civ_require (store, CIV_PERM_ADOPTION, error) || !valid_today (today, error))
    return NULL;
  db = civ_store_get_db (store);
  if (!civ_db_begin (db, error))
    return NULL;
  row = load (db, record_id, allowed, "R-A11", error);
  if (row == NULL || !notice_date (db, row->id, &published, error))
    goto fail;
  compute_dates (calendar, row->applied_on, &published, &dates);
  if (row->notice_needed)
    {
      g_autofree char *end = NULL;

      if (!g_date_valid (&published))
        {
          civ_app_set_refusal (error, "R-A7", "%s",
                               _ ("R-A7: the child's birth parents cannot be found; publish the "
                                  "60-day notice first"));
          goto fail;
        }
      if (g_date_compare (today, &dates.notice_end) <= 0)
        {
          end = civ_date_format_iso (&dates.notice_end);
          civ_app_set_refusal (error, "R-A7",
                               _ ("R-A7: the 60-day notice runs until %s; the adoption goes on "
                                  "from the day after"),
                               end);
          goto fail;
        }
    }
  step = step_child (row, error);
  if (error != NULL && *error != NULL)
    goto fail;
  today_iso = civ_date_format_iso (today);
  if (step)
    {
      /* R-A11: a step-child's adoption needs no assessment. */
      if (!start_review (store, row, today, calendar, "adoption.review", &dates, error))
        goto fail;
    }
  else
    {
      detail = detail_json (row->record_id, NULL, NULL);
      if (!transition (store, row, state_db (CIV_ADOPTION_STATE_ASSESSMENT), today_iso, NULL, -1,
                       NULL, NULL, "adoption.assessment.begin", detail, error))
        goto fail;
    }
  if (!civ_db_commit (db, error))
    goto fail;
  return result_new (row, &dates, NULL);

fail:
  civ_db_rollback (db);
  return NULL;
}

static gboolean
check_assessment (const CivAdoptionAssessment *a, GError **error)
{
  guint n_members = a->team_members ? g_strv_length ((GStrv) a->team_members) : 0;

  if (a->third_party)
    {
      if (a->third_party_name == NULL || *a->third_party_name == '\0' ||
          strlen (a->third_party_name) > MAX_TEXT)
        {
          civ_app_set_invalid (error, "R-A11", "%s",
                               _ ("R-A11: name the contracted third party that assessed"));
          return FALSE;
        }
    }
  else if (n_members < 2)
    {
      civ_app_set_invalid (error, "R-A11", "%s",
                           _ ("R-A11: an assessment team has at least two members; name them"));
      return FALSE;
    }
  for (guint i = 0; i < n_members; i++)
    if (*a->team_members[i] == '\0' || strlen (a->team_members[i]) > 200)
      {
        civ_app_set_invalid (error, "R-A11", "%s",
                             _ ("R-A11: every member of the assessment team needs a name"));
        return FALSE;
      }
  for (guint k = 0; assessment_items[k] != NULL; k++)
    {
      guint seen = 0;

      for (guint i = 0; i < a->n_items; i++)
        if (g_strcmp0 (a->items[i].item, assessment_items[k]) == 0)
          seen++;
      if (seen != 1)
        {
          civ_app_set_invalid (error, "R-A11",
                               _ ("R-A11: the assessment must cover each item once; “%s” is "
                                  "missing or repeated"),
                               assessment_items[k]);
          return FALSE;
        }
    }
  if (a->n_items != g_strv_length ((GStrv) assessment_items))
    {
      civ_app_set_invalid (error, "R-A11", "%s",
                           _ ("R-A11: the assessment lists an item that is not assessed"));
      return FALSE;
    }
  if (a->conclusion != CIV_ASSESSMENT_SUITABLE && a->conclusion != CIV_ASSESSMENT_UNSUITABLE)
    {
      civ_app_set_invalid (error, "R-A11", "%s",
                           _ ("R-A11: the assessment concludes suitable or unsuitable"));
      return FALSE;
    }
  if (a->red_flags && !a->red_flags_reported)
    {
      civ_app_set_refusal (error, "R-A11", "%s",
                           _ ("R-A11: the assessment found red flags; report them before the "
                              "assessment is recorded"));
      return FALSE;
    }
  if (!a->red_flags && a->red_flags_reported)
    {
      civ_app_set_invalid (error, "R-A11", "%s",
                           _ ("R-A11: red flags are reported only when the assessment found "
                              "some"));
      return FALSE;
    }
  return TRUE;
}

CivAdoptionResult *
civ_adoption_record_assessment (CivStore                    *store,
                                const char                  *record_id,
                                const CivAdoptionAssessment *assessment,
                                const GDate                 *today,
                                CivCalendar                 *calendar,
                                GError                     **error)
{
  static const CivAdoptionState allowed[] = { CIV_ADOPTION_STATE_ASSESSMENT, 0 };
  g_autoptr (CivAdoptionRow) row = NULL;
  g_autoptr (GPtrArray) items = NULL;
  g_autofree char         *today_iso = NULL;
  CivAdoptionAssessmentRow a = { 0 };
  CivAdoptionDates         dates;
  CivDb                   *db;

  g_return_val_if_fail (CIV_IS_STORE (store) && assessment != NULL, NULL);
  if (!civ_require (store, CIV_PERM_ADOPTION, error) || !valid_today (today, error) ||
      !check_assessment (assessment, error))
    return NULL;

  today_iso = civ_date_format_iso (today);
  items = g_ptr_array_new ();
  for (guint i = 0; i < assessment->n_items; i++)
    g_ptr_array_add (items, (gpointer) &assessment->items[i]);
  a.assessor_kind = (char *) (assessment->third_party ? "third-party" : "team");
  a.team_members = assessment->third_party ? NULL : (GStrv) assessment->team_members;
  a.third_party = (char *) (assessment->third_party ? assessment->third_party_name : "");
  a.assessed_on = today_iso;
  a.conclusion = (char *) civ_assessment_conclusion_to_string (assessment->conclusion);
  a.conclusion_text = (char *) assessment->conclusion_text;
  a.red_flags = assessment->red_flags;
  a.red_flags_reported = assessment->red_flags_reported;
  a.red_flags_detail = (char *) assessment->red_flags_detail;
  a.items = items;

  db = civ_store_get_db (store);
  if (!civ_db_begin (db, error))
    return NULL;
  row = load (db, record_id, allowed, "R-A11", error);
  if (row == NULL ||
      civ_adoption_assessment_insert (db, row->id, &a, civ_store_get_operator (store)->login,
                                      error) == 0 ||
      !start_review (store, row, today, calendar, "adoption.assessment", &dates, error) ||
      !civ_db_commit (db, error))
    goto fail;
  return result_new (row, &dates, NULL);

fail:
  civ_db_rollback (db);
  return NULL;
}

/* ---- decision ---- */

/* The application with the facts the office recorded: the notice, the
 * assessment, the decision day. */
static gboolean
recorded_application (CivDb                  *db,
                      const CivAdoptionRow   *row,
                      CivAdoptionInput       *parsed,
                      const GDate            *today,
                      CivAdoptionApplication *app,
                      GError                **error)
{
  g_autoptr (CivAdoptionAssessmentRow) assessment = NULL;
  g_autoptr (GError) local = NULL;

  *app = *civ_adoption_input_get_application (parsed);
  civ_date_parse_iso (row->applied_on, &app->application_date);
  app->evaluation_date = *today;
  if (!notice_date (db, row->id, &app->notice_published, error))
    return FALSE;
  assessment = civ_adoption_assessment_latest (db, row->id, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  app->assessment = CIV_ASSESSMENT_NOT_DONE;
  app->assessors = 0;
  app->assessment_third_party = FALSE;
  app->assessment_red_flags = FALSE;
  if (assessment != NULL)
    {
      app->assessment = civ_assessment_conclusion_from_string (assessment->conclusion);
      app->assessors = g_strv_length (assessment->team_members);
      app->assessment_third_party = g_str_equal (assessment->assessor_kind, "third-party");
      app->assessment_red_flags = assessment->red_flags;
    }
  return TRUE;
}

static char *
reasons_json (GPtrArray *findings, const char *reason)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_array (b);
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      CivFinding *f = g_ptr_array_index (findings, i);

      if (f->severity < CIV_SEVERITY_REFUSE)
        continue;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "rule");
      json_builder_add_string_value (b, f->rule);
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, f->message);
      json_builder_end_object (b);
    }
  if (reason != NULL)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "rule");
      json_builder_add_string_value (b, "R-A10");
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, reason);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

/* The report to the province (docs/provincial-protocol.md, kind
 * "adoption"): the event, the certificate, the office, the dates; the
 * child and the adopters by name, sex, birth date and identity number;
 * never the birth parents. */
static char *
adoption_payload (CivDb                *db,
                  const CivAdoptionRow *row,
                  const char           *event,
                  const char           *on_date,
                  int                   version,
                  const char           *dissolution_no,
                  GError              **error)
{
  g_autoptr (GPtrArray) parties = civ_adoption_party_list (db, row->id, error);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  if (parties == NULL)
    return NULL;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, "adoption");
  json_builder_set_member_name (b, "record_id");
  json_builder_add_string_value (b, row->record_id);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, version);
  json_builder_set_member_name (b, "event");
  json_builder_add_string_value (b, event);
  json_builder_set_member_name (b, "event_date");
  json_builder_add_string_value (b, on_date);
  json_builder_set_member_name (b, "certificate_no");
  json_builder_add_string_value (b, row->certificate_no);
  json_builder_set_member_name (b, "registered_on");
  json_builder_add_string_value (b, row->registered_on);
  json_builder_set_member_name (b, "office_code");
  json_builder_add_string_value (b, row->office_code);
  if (dissolution_no != NULL)
    {
      /* The dissolution proof's number (解除收养关系证明), version 2 only. */
      json_builder_set_member_name (b, "dissolution_no");
      json_builder_add_string_value (b, dissolution_no);
    }
  json_builder_set_member_name (b, "parties");
  json_builder_begin_array (b);
  for (guint i = 0; i < parties->len; i++)
    {
      CivAdoptionPartyRow *p = g_ptr_array_index (parties, i);

      if (g_str_equal (p->role, "placer"))
        continue;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "role");
      json_builder_add_string_value (b, p->role);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, p->name);
      json_builder_set_member_name (b, "sex");
      json_builder_add_int_value (b, p->sex);
      json_builder_set_member_name (b, "birth_date");
      if (p->birth_date)
        json_builder_add_string_value (b, p->birth_date);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "doc_kind");
      json_builder_add_string_value (b, p->doc_kind);
      json_builder_set_member_name (b, "doc_number");
      if (p->doc_number)
        json_builder_add_string_value (b, p->doc_number);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

/* CC 1111: adopter and child as parent and child from @on_iso; the child
 * and each adopter's other children as siblings. */
static gboolean
link_kinship (CivDb *db, const CivAdoptionRow *row, const char *on_iso, GError **error)
{
  g_autoptr (GPtrArray) parties = civ_adoption_party_list (db, row->id, error);
  g_autoptr (GArray) siblings = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 child = 0;

  if (parties == NULL)
    return FALSE;
  for (guint i = 0; i < parties->len; i++)
    {
      CivAdoptionPartyRow *p = g_ptr_array_index (parties, i);

      if (g_str_equal (p->role, "child"))
        child = p->person_id;
    }
  if (child <= 0)
    return TRUE;
  for (guint i = 0; i < parties->len; i++)
    {
      CivAdoptionPartyRow *p = g_ptr_array_index (parties, i);
      g_autoptr (GArray) children = NULL;

      if (!g_str_equal (p->role, "adopter") || p->person_id <= 0 || p->person_id == child)
        continue;
      children = civ_person_children_on (db, p->person_id, on_iso, error);
      if (children == NULL)
        return FALSE;
      for (guint c = 0; c < children->len; c++)
        {
          gint64   other = g_array_index (children, gint64, c);
          gboolean seen = other == child;

          for (guint s = 0; s < siblings->len && !seen; s++)
            seen = g_array_index (siblings, gint64, s) == other;
          if (!seen)
            g_array_append_val (siblings, other);
        }
      if (!civ_person_link_add (db, "parent-child", p->person_id, child, row->record_id, on_iso,
                                error))
        return FALSE;
    }
  for (guint s = 0; s < siblings->len; s++)
    if (!civ_person_link_add (db, "siblings", child, g_array_index (siblings, gint64, s),
                              row->record_id, on_iso, error))
      return FALSE;
  return TRUE;
}

static char *
allocate_number (CivDb *db, const CivAdoptionRow *row, int year, gint64 *serial, GError **error)
{
  g_autofree char *format = civ_db_get_setting (db, CIV_ADOPTION_NUMBER_FORMAT_KEY);

  if (!civ_adoption_serial_next (db, row->office_code, year, serial, error))
    return NULL;
  return civ_adoption_format_number (format ? format : CIV_ADOPTION_NUMBER_FORMAT_DEFAULT,
                                     row->office_code, year, *serial, error);
}

/* The next dissolution proof number of the office and @year (R-A14). */
static char *
allocate_dissolution_number (CivDb *db, const CivAdoptionRow *row, int year, GError **error)
{
  g_autofree char *format = civ_db_get_setting (db, CIV_ADOPTION_DISSOLUTION_FORMAT_KEY);
  gint64           serial = 0;

  if (!civ_adoption_dissolution_serial_next (db, row->office_code, year, &serial, error))
    return NULL;
  return civ_adoption_format_dissolution_number (format ? format
                                                        : CIV_ADOPTION_DISSOLUTION_FORMAT_DEFAULT,
                                                 row->office_code, year, serial, error);
}

CivAdoptionResult *
civ_adoption_decide (
  CivStore *store, const char *record_id, const GDate *today, CivCalendar *calendar, GError **error)
{
  static const CivAdoptionState allowed[] = { CIV_ADOPTION_STATE_REVIEW_30D, 0 };
  g_autoptr (CivAdoptionRow) row = NULL;
  g_autoptr (CivAdoptionInput) parsed = NULL;
  g_autoptr (GPtrArray) findings = NULL;
  g_autofree char       *today_iso = NULL;
  g_autofree char       *detail = NULL;
  g_autofree char       *number = NULL;
  g_autofree char       *payload = NULL;
  CivAdoptionApplication app;
  CivAdoptionDates       dates;
  CivDb                 *db;
  const char            *actor;
  gint64                 serial = 0;

  g_return_val_if_fail (CIV_IS_STORE (store), NULL);
  if (!civ_require (store, CIV_PERM_ADOPTION, error) || !valid_today (today, error))
    return NULL;
  db = civ_store_get_db (store);
  actor = civ_store_get_operator (store)->login;
  today_iso = civ_date_format_iso (today);
  if (!civ_db_begin (db, error))
    return NULL;
  row = load (db, record_id, allowed, "R-A10", error);
  if (row == NULL)
    goto fail;
  parsed = parse_application (row->application, error);
  if (parsed == NULL || !recorded_application (db, row, parsed, today, &app, error))
    goto fail;
  findings = civ_adoption_check (&app);
  civ_adoption_dates (calendar, &app.application_date, &app.notice_published, &dates);

  if (!civ_adoption_may_register (findings))
    {
      g_autofree char *reasons = reasons_json (findings, NULL);

      detail = detail_json (row->record_id, "reasons", reasons);
      if (civ_adoption_decision_insert (db, row->id, "refused", today_iso, reasons, "", -1, -1,
                                        NULL, actor, error) == 0 ||
          !store_findings (db, row->id, findings, error) ||
          !transition (store, row, state_db (CIV_ADOPTION_STATE_REFUSED), today_iso, NULL, -1,
                       today_iso, NULL, "adoption.refuse", detail, error) ||
          !civ_db_commit (db, error))
        goto fail;
      return result_new (row, &dates, findings);
    }

  number = allocate_number (db, row, g_date_get_year (today), &serial, error);
  if (number == NULL || !civ_adoption_row_register (db, row->id, number, g_date_get_year (today),
                                                    serial, today_iso, error))
    goto fail;
  g_free (row->certificate_no);
  row->certificate_no = g_strdup (number);
  g_free (row->registered_on);
  row->registered_on = g_strdup (today_iso);
  detail = detail_json (row->record_id, "certificate_no", number);
  payload = adoption_payload (db, row, "registered", today_iso, 1, NULL, error);
  if (payload == NULL ||
      civ_adoption_decision_insert (db, row->id, "registered", today_iso, "", number, -1, -1, NULL,
                                    actor, error) == 0 ||
      !store_findings (db, row->id, findings, error) ||
      !civ_adoption_event_add (db, row->id, today_iso, row->state,
                               state_db (CIV_ADOPTION_STATE_REGISTERED), actor, NULL, detail,
                               error) ||
      !link_kinship (db, row, today_iso, error) ||
      !civ_outbox_enqueue (db, "adoption", row->record_id, 1, payload, error) ||
      !civ_store_audit (store, "adoption.register", row->record_id, detail, error) ||
      !civ_db_commit (db, error))
    goto fail;
  civ_db_note_outbox (db);
  g_free (row->state);
  row->state = g_strdup (state_db (CIV_ADOPTION_STATE_REGISTERED));
  return result_new (row, &dates, findings);

fail:
  civ_db_rollback (db);
  return NULL;
}

gboolean
civ_adoption_refuse (
  CivStore *store, const char *record_id, const char *reason, const GDate *today, GError **error)
{
  static const CivAdoptionState allowed[] = { CIV_ADOPTION_STATE_APPLIED,
                                              CIV_ADOPTION_STATE_NOTICE_60D,
                                              CIV_ADOPTION_STATE_ASSESSMENT,
                                              CIV_ADOPTION_STATE_REVIEW_30D, 0 };
  g_autoptr (CivAdoptionRow) row = NULL;
  g_autofree char *today_iso = NULL;
  g_autofree char *reasons = NULL;
  g_autofree char *detail = NULL;
  CivDb           *db;

  g_return_val_if_fail (CIV_IS_STORE (store), FALSE);
  if (!civ_require (store, CIV_PERM_ADOPTION, error) || !valid_today (today, error) ||
      !check_text (reason, MAX_TEXT, _ ("the reason for the refusal"), error))
    return FALSE;
  db = civ_store_get_db (store);
  today_iso = civ_date_format_iso (today);
  reasons = reasons_json (NULL, reason);
  if (!civ_db_begin (db, error))
    return FALSE;
  row = load (db, record_id, allowed, "R-A10", error);
  if (row == NULL)
    goto fail;
  detail = detail_json (row->record_id, "reasons", reasons);
  if (civ_adoption_decision_insert (db, row->id, "refused", today_iso, reasons, "", -1, -1, NULL,
                                    civ_store_get_operator (store)->login, error) == 0 ||
      !transition (store, row, state_db (CIV_ADOPTION_STATE_REFUSED), today_iso, NULL, -1,
                   today_iso, reason, "adoption.refuse", detail, error) ||
      !civ_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  civ_db_rollback (db);
  return FALSE;
}

/* ---- dissolution and revocation ---- */

/* R-A14 by the rules' own check; refuses with its first refusing finding. */
static gboolean
dissolution_allowed (const CivAdoptionApplication *app,
                     const GDate                  *today,
                     gboolean                      child_consents,
                     gboolean                      certificate_returned,
                     GError                      **error)
{
  g_autoptr (GPtrArray) findings = NULL;
  CivAdoptionDissolution d;

  civ_adoption_dissolution_init (&d);
  d.child_birth_date = app->child.birth_date;
  d.evaluation_date = *today;
  d.agreement = TRUE;
  d.child_consents = child_consents;
  d.parties_appear = TRUE;
  d.certificate_returned = certificate_returned;
  d.office_jurisdiction = TRUE;
  d.age_boundary = app->age_boundary;
  findings = civ_adoption_dissolution_check (&d);
  for (guint i = 0; i < findings->len; i++)
    {
      CivFinding *f = g_ptr_array_index (findings, i);

      if (f->severity >= CIV_SEVERITY_REFUSE)
        {
          civ_app_set_refusal (error, f->rule, "%s", f->message);
          return FALSE;
        }
    }
  return TRUE;
}

CivAdoptionResult *
civ_adoption_apply_dissolution (CivStore    *store,
                                const char  *record_id,
                                const char  *agreement_ref,
                                gboolean     child_consents,
                                const GDate *today,
                                CivCalendar *calendar,
                                GError     **error)
{
  static const CivAdoptionState allowed[] = { CIV_ADOPTION_STATE_REGISTERED, 0 };
  g_autoptr (CivAdoptionRow) row = NULL;
  g_autoptr (CivAdoptionDissolutionRow) open = NULL;
  g_autoptr (CivAdoptionInput) parsed = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree char              *today_iso = NULL;
  g_autofree char              *due = NULL;
  g_autofree char              *detail = NULL;
  const CivAdoptionApplication *app;
  CivAdoptionDates              dates;
  CivDb                        *db;
  const char                   *actor;

  g_return_val_if_fail (CIV_IS_STORE (store), NULL);
  if (!civ_require (store, CIV_PERM_ADOPTION, error) || !valid_today (today, error) ||
      !check_text (agreement_ref, 200, _ ("the reference of the dissolution agreement"), error))
    return NULL;
  db = civ_store_get_db (store);
  actor = civ_store_get_operator (store)->login;
  today_iso = civ_date_format_iso (today);
  if (!civ_db_begin (db, error))
    return NULL;
  row = load (db, record_id, allowed, "R-A14", error);
  if (row == NULL)
    goto fail;
  open = civ_adoption_dissolution_open (db, row->id, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      goto fail;
    }
  if (open != NULL)
    {
      civ_app_set_refusal (error, "R-A14",
                           _ ("R-A14: a dissolution of this adoption is already under review "
                              "until %s"),
                           open->review_due);
      goto fail;
    }
  parsed = parse_application (row->application, error);
  if (parsed == NULL)
    goto fail;
  app = civ_adoption_input_get_application (parsed);
  /* The agreement is taken and the parties are here; the certificate is
   * handed back when the dissolution is registered. */
  if (!dissolution_allowed (app, today, child_consents, TRUE, error))
    goto fail;
  civ_adoption_dates (calendar, today, NULL, &dates);
  due = civ_date_format_iso (&dates.review_deadline);
  {
    g_autoptr (CivJson) json = civ_json_new ();

    civ_json_string (json, "adoption", row->record_id);
    civ_json_string (json, "agreement", agreement_ref);
    civ_json_bool (json, "child_consents", child_consents);
    civ_json_string (json, "review_due", due);
    detail = civ_json_finish (json);
  }
  if (civ_adoption_dissolution_insert (db, row->id, today_iso, due, dates.provisional,
                                       agreement_ref, child_consents, actor, error) == 0 ||
      !civ_adoption_event_add (db, row->id, today_iso, row->state, row->state, actor,
                               _ ("Dissolution applied for"), detail, error) ||
      !civ_store_audit (store, "adoption.dissolution.apply", row->record_id, detail, error) ||
      !civ_db_commit (db, error))
    goto fail;
  return result_new (row, &dates, NULL);

fail:
  civ_db_rollback (db);
  return NULL;
}

gboolean
civ_adoption_dissolve (CivStore    *store,
                       const char  *record_id,
                       gboolean     certificate_returned,
                       const GDate *today,
                       GError     **error)
{
  static const CivAdoptionState allowed[] = { CIV_ADOPTION_STATE_REGISTERED, 0 };
  g_autoptr (CivAdoptionRow) row = NULL;
  g_autoptr (CivAdoptionDissolutionRow) open = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree char *today_iso = NULL;
  g_autofree char *last_day = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *number = NULL;
  CivDb           *db;
  const char      *actor;
  gint64           decision;
  GDate            before;

  g_return_val_if_fail (CIV_IS_STORE (store), FALSE);
  if (!civ_require (store, CIV_PERM_ADOPTION, error) || !valid_today (today, error))
    return FALSE;
  db = civ_store_get_db (store);
  actor = civ_store_get_operator (store)->login;
  today_iso = civ_date_format_iso (today);
  before = *today;
  g_date_subtract_days (&before, 1);
  last_day = civ_date_format_iso (&before);
  if (!civ_db_begin (db, error))
    return FALSE;
  row = load (db, record_id, allowed, "R-A14", error);
  if (row == NULL)
    goto fail;
  open = civ_adoption_dissolution_open (db, row->id, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      goto fail;
    }
  if (open == NULL)
    {
      civ_app_set_refusal (error, "R-A14", "%s",
                           _ ("R-A14: there is no application to dissolve this adoption; take "
                              "the agreement first"));
      goto fail;
    }
  {
    g_autoptr (CivAdoptionInput) parsed = parse_application (row->application, error);

    if (parsed == NULL || !dissolution_allowed (civ_adoption_input_get_application (parsed), today,
                                                open->child_consent, certificate_returned, error))
      goto fail;
  }
  number = allocate_dissolution_number (db, row, g_date_get_year (today), error);
  if (number == NULL)
    goto fail;
  {
    g_autoptr (CivJson) json = civ_json_new ();

    civ_json_string (json, "adoption", row->record_id);
    civ_json_string (json, "agreement", open->agreement_ref);
    civ_json_string (json, "dissolution_no", number);
    detail = civ_json_finish (json);
  }
  decision = civ_adoption_decision_insert (db, row->id, "dissolved", today_iso, "", number,
                                           open->child_consent ? 1 : 0, 1, NULL, actor, error);
  payload = decision ? adoption_payload (db, row, "dissolved", today_iso, 2, number, error) : NULL;
  if (payload == NULL || !civ_adoption_dissolution_decide (db, open->id, decision, error) ||
      !civ_person_links_end (db, row->record_id, last_day, error) ||
      !transition (store, row, state_db (CIV_ADOPTION_STATE_DISSOLVED), today_iso, NULL, -1,
                   today_iso, NULL, "adoption.dissolve", detail, error) ||
      !civ_outbox_enqueue (db, "adoption", row->record_id, 2, payload, error) ||
      !civ_db_commit (db, error))
    goto fail;
  civ_db_note_outbox (db);
  return TRUE;

fail:
  civ_db_rollback (db);
  return FALSE;
}

gboolean
civ_adoption_revoke (CivStore    *store,
                     const char  *record_id,
                     const char  *decision_no,
                     const char  *reason,
                     const GDate *today,
                     GError     **error)
{
  static const CivAdoptionState allowed[] = { CIV_ADOPTION_STATE_REGISTERED, 0 };
  g_autoptr (CivAdoptionRow) row = NULL;
  g_autofree char *today_iso = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *payload = NULL;
  CivDb           *db;
  const char      *actor;

  g_return_val_if_fail (CIV_IS_STORE (store), FALSE);
  if (!civ_require (store, CIV_PERM_ADOPTION, error) ||
      !civ_require (store, CIV_PERM_APPROVE_CORRECTIONS, error) || !valid_today (today, error) ||
      !check_text (decision_no, 200, _ ("the number of the revocation decision"), error) ||
      !check_text (reason, MAX_TEXT, _ ("the reason for the revocation"), error))
    return FALSE;
  db = civ_store_get_db (store);
  actor = civ_store_get_operator (store)->login;
  today_iso = civ_date_format_iso (today);
  if (!civ_db_begin (db, error))
    return FALSE;
  row = load (db, record_id, allowed, "R-A15", error);
  if (row == NULL)
    goto fail;
  {
    g_autoptr (CivJson) json = civ_json_new ();

    civ_json_string (json, "adoption", row->record_id);
    civ_json_string (json, "decision", decision_no);
    detail = civ_json_finish (json);
  }
  payload = adoption_payload (db, row, "revoked", today_iso, 3, NULL, error);
  if (payload == NULL ||
      civ_adoption_decision_insert (db, row->id, "revoked", today_iso, reason, decision_no, -1, -1,
                                    actor, actor, error) == 0 ||
      !civ_person_links_void (db, row->record_id, today_iso, error) ||
      !transition (store, row, state_db (CIV_ADOPTION_STATE_REVOKED_FRAUD), today_iso, NULL, -1,
                   today_iso, reason, "adoption.revoke", detail, error) ||
      !civ_outbox_enqueue (db, "adoption", row->record_id, 3, payload, error) ||
      !civ_db_commit (db, error))
    goto fail;
  civ_db_note_outbox (db);
  return TRUE;

fail:
  civ_db_rollback (db);
  return FALSE;
}

/* ---- documents ---- */

static const char *const document_kinds[] = {
  "assessment-report",
  "consent",
  "medical-certificate",
  "no-criminal-record",
  "welfare-institution-papers",
  "identity-copy",
  "household-register",
  "other",
  NULL,
};

gint64
civ_adoption_attach_document (CivStore               *store,
                              const char             *record_id,
                              const char             *kind,
                              const CivDocumentInput *input,
                              GError                **error)
{
  g_autoptr (CivAdoptionRow) row = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *detail = NULL;
  CivDb           *db;
  gint64           id;

  g_return_val_if_fail (CIV_IS_STORE (store) && input != NULL, 0);
  if (!civ_require (store, CIV_PERM_ADOPTION, error))
    return 0;
  if (kind == NULL || !g_strv_contains (document_kinds, kind))
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("“%s” is not a kind of document an adoption file holds"), kind ? kind : "");
      return 0;
    }
  if (!civ_document_input_check (input, error))
    return 0;
  db = civ_store_get_db (store);
  if (!civ_db_begin (db, error))
    return 0;
  row = load (db, record_id, NULL, "R-A13", error);
  if (row == NULL)
    goto fail;
  id = civ_document_insert (db, row->record_id, kind, input->file_name, input->media_type,
                            input->content, civ_store_get_operator (store)->login, &sha, error);
  if (id == 0)
    goto fail;
  {
    g_autoptr (CivJson) json = civ_json_new ();

    civ_json_string (json, "adoption", row->record_id);
    civ_json_string (json, "kind", kind);
    civ_json_string (json, "sha256", sha);
    civ_json_int (json, "size", (gint64) g_bytes_get_size (input->content));
    detail = civ_json_finish (json);
  }
  if (!civ_store_audit (store, "adoption.document.attach", row->record_id, detail, error) ||
      !civ_db_commit (db, error))
    goto fail;
  return id;

fail:
  civ_db_rollback (db);
  return 0;
}

/* ---- secrecy ---- */

/* The journal's words and the audit action of each way of looking. */
static const struct
{
  const char *journal;
  const char *audit;
} access_codes[] = {
  [CIV_ADOPTION_ACCESS_OPEN] = { "open", "adoption.open" },
  [CIV_ADOPTION_ACCESS_PRINT] = { "print", "adoption.print" },
  [CIV_ADOPTION_ACCESS_EXPORT] = { "export", "adoption.export" },
};

static gboolean
journal (CivStore   *store,
         gint64      adoption_id,
         const char *record_id,
         const char *action,
         const char *audit_action,
         const char *purpose,
         GError    **error)
{
  g_autofree char *detail = NULL;

  {
    g_autoptr (CivJson) json = civ_json_new ();

    civ_json_string (json, "adoption", record_id);
    civ_json_string (json, "purpose", purpose);
    detail = civ_json_finish (json);
  }
  return civ_adoption_access_add (civ_store_get_db (store), adoption_id,
                                  civ_store_get_operator (store)->login, action, purpose, error) &&
         civ_store_audit (store, audit_action, record_id, detail, error);
}

static gboolean
check_purpose (const char *purpose, GError **error)
{
  g_autofree char *copy = purpose ? g_strstrip (g_strdup (purpose)) : NULL;

  if (copy != NULL && *copy != '\0' && strlen (purpose) <= MAX_PURPOSE &&
      g_utf8_validate (purpose, -1, NULL))
    return TRUE;
  civ_app_set_invalid (error, "R-A13",
                       _ ("R-A13: adoption records are secret; say why you open this one (at "
                          "most %d characters)"),
                       MAX_PURPOSE);
  return FALSE;
}

/* The stored application without the birth parents' names. */
static char *
redact_application (const char *json, gboolean *withheld)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  JsonNode   *root;
  JsonObject *o;

  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return g_strdup ("{}");
  o = json_node_get_object (root);
  if (json_object_has_member (o, "placers") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (o, "placers")))
    {
      JsonArray *placers = json_object_get_array_member (o, "placers");

      for (guint i = 0; i < json_array_get_length (placers); i++)
        {
          JsonNode   *n = json_array_get_element (placers, i);
          JsonObject *p;

          if (!JSON_NODE_HOLDS_OBJECT (n))
            continue;
          p = json_node_get_object (n);
          if (g_strcmp0 (json_object_get_string_member_with_default (p, "kind", ""),
                         "birth-parent") == 0 &&
              json_object_has_member (p, "name"))
            {
              json_object_remove_member (p, "name");
              *withheld = TRUE;
            }
        }
    }
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

static gboolean
is_birth_parent (const CivAdoptionPartyRow *p)
{
  return g_str_equal (p->role, "placer") && g_strcmp0 (p->placer_kind, "birth-parent") == 0;
}

/* The reasons of a refusal as stored with its decision ({rule, message}
 * each), as findings with their citations. */
static GPtrArray *
reasons_findings (const char *reasons)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  GPtrArray *out = civ_findings_new ();
  JsonNode  *root;
  JsonArray *array;

  if (reasons == NULL || *reasons == '\0' ||
      !json_parser_load_from_data (parser, reasons, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return out;
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode   *n = json_array_get_element (array, i);
      JsonObject *o;
      const char *rule, *message;

      if (!JSON_NODE_HOLDS_OBJECT (n))
        continue;
      o = json_node_get_object (n);
      rule = json_object_get_string_member_with_default (o, "rule", NULL);
      message = json_object_get_string_member_with_default (o, "message", NULL);
      if (rule != NULL && message != NULL)
        g_ptr_array_add (out, civ_finding_new (rule, CIV_SEVERITY_REFUSE, message));
    }
  return out;
}

/* What the decisions add to the view: the dissolution proof's number, the
 * reasons of a refusal. */
static gboolean
view_decisions (CivDb *db, CivAdoptionView *view, GError **error)
{
  CivAdoptionState state = civ_adoption_state_from_db (view->row->state);
  g_autoptr (CivAdoptionDecisionRow) decision = NULL;
  g_autoptr (GError) local = NULL;

  if (state == CIV_ADOPTION_STATE_DISSOLVED)
    decision = civ_adoption_decision_latest (db, view->row->id, "dissolved", &local);
  else if (state == CIV_ADOPTION_STATE_REFUSED)
    decision = civ_adoption_decision_latest (db, view->row->id, "refused", &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (state == CIV_ADOPTION_STATE_DISSOLVED && decision != NULL && *decision->document_no != '\0')
    view->dissolution_no = g_strdup (decision->document_no);
  view->findings = state == CIV_ADOPTION_STATE_REFUSED && decision != NULL
                     ? reasons_findings (decision->reasons)
                     : civ_findings_new ();
  return TRUE;
}

CivAdoptionView *
civ_adoption_open (
  CivStore *store, const char *key, CivAdoptionAccess access, const char *purpose, GError **error)
{
  g_autoptr (CivAdoptionView) view = NULL;
  g_autoptr (GError) local = NULL;
  CivDb *db;

  g_return_val_if_fail (CIV_IS_STORE (store), NULL);
  if (!civ_require (store, CIV_PERM_ADOPTION, error) || !check_purpose (purpose, error))
    return NULL;
  if ((guint) access >= G_N_ELEMENTS (access_codes))
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                           _ ("Say whether the adoption is opened, printed or exported"));
      return NULL;
    }
  db = civ_store_get_db (store);
  if (!civ_db_begin (db, error))
    return NULL;
  view = g_new0 (CivAdoptionView, 1);
  view->row = load (db, key, NULL, "R-A13", error);
  if (view->row == NULL)
    goto fail;
  view->parties = civ_adoption_party_list (db, view->row->id, error);
  view->events = view->parties ? civ_adoption_event_list (db, view->row->id, error) : NULL;
  view->documents = view->events ? civ_document_list (db, view->row->record_id, error) : NULL;
  if (view->documents == NULL)
    goto fail;
  view->notice = civ_adoption_notice_find (db, view->row->id, &local);
  if (local == NULL)
    view->assessment = civ_adoption_assessment_latest (db, view->row->id, &local);
  if (local == NULL)
    view->dissolution = civ_adoption_dissolution_open (db, view->row->id, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      goto fail;
    }
  if (!view_decisions (db, view, error))
    goto fail;
  for (guint i = 0; i < view->parties->len; i++)
    {
      CivAdoptionPartyRow *p = g_ptr_array_index (view->parties, i);

      if (!is_birth_parent (p))
        continue;
      g_free (p->name);
      p->name = g_strdup ("");
      g_clear_pointer (&p->doc_number, g_free);
      g_clear_pointer (&p->id_key, g_free);
      g_clear_pointer (&p->birth_date, g_free);
      p->person_id = 0;
      view->birth_parents_withheld = TRUE;
    }
  {
    char *redacted = redact_application (view->row->application, &view->birth_parents_withheld);

    g_free (view->row->application);
    view->row->application = redacted;
  }
  if (!journal (store, view->row->id, view->row->record_id, access_codes[access].journal,
                access_codes[access].audit, purpose, error) ||
      !civ_db_commit (db, error))
    goto fail;
  return g_steal_pointer (&view);

fail:
  civ_db_rollback (db);
  return NULL;
}

GPtrArray *
civ_adoption_show_birth_parents (CivStore   *store,
                                 const char *key,
                                 const char *purpose,
                                 GError    **error)
{
  g_autoptr (CivAdoptionRow) row = NULL;
  g_autoptr (GPtrArray) parties = NULL;
  g_autoptr (GPtrArray) out = NULL;
  CivDb *db;

  g_return_val_if_fail (CIV_IS_STORE (store), NULL);
  if (!civ_require (store, CIV_PERM_ADOPTION, error) || !check_purpose (purpose, error))
    return NULL;
  db = civ_store_get_db (store);
  if (!civ_db_begin (db, error))
    return NULL;
  row = load (db, key, NULL, "R-A13", error);
  if (row == NULL)
    goto fail;
  parties = civ_adoption_party_list (db, row->id, error);
  if (parties == NULL)
    goto fail;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_adoption_party_row_free);
  for (guint i = 0; i < parties->len; i++)
    if (is_birth_parent (g_ptr_array_index (parties, i)))
      g_ptr_array_add (out, g_ptr_array_steal_index (parties, i--));
  if (!journal (store, row->id, row->record_id, "show-birth-parents", "adoption.show-birth-parents",
                purpose, error) ||
      !civ_db_commit (db, error))
    goto fail;
  return g_steal_pointer (&out);

fail:
  civ_db_rollback (db);
  return NULL;
}

GBytes *
civ_adoption_open_document (
  CivStore *store, const char *key, gint64 document_id, const char *purpose, GError **error)
{
  g_autoptr (CivAdoptionRow) row = NULL;
  g_autoptr (CivDocumentRow) doc = NULL;
  g_autoptr (GBytes) content = NULL;
  CivDb *db;

  g_return_val_if_fail (CIV_IS_STORE (store), NULL);
  if (!civ_require (store, CIV_PERM_ADOPTION, error) || !check_purpose (purpose, error))
    return NULL;
  db = civ_store_get_db (store);
  if (!civ_db_begin (db, error))
    return NULL;
  row = load (db, key, NULL, "R-A13", error);
  if (row == NULL)
    goto fail;
  content = civ_document_read (db, document_id, &doc, error);
  if (content == NULL)
    goto fail;
  if (g_strcmp0 (doc->record_id, row->record_id) != 0)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("The adoption “%s” has no document %lld"), key, (long long) document_id);
      goto fail;
    }
  if (!journal (store, row->id, row->record_id, "open", "adoption.open", purpose, error) ||
      !civ_db_commit (db, error))
    goto fail;
  return g_steal_pointer (&content);

fail:
  civ_db_rollback (db);
  return NULL;
}

gboolean
civ_adoption_visible (CivStore *store)
{
  return civ_operator_may (store, CIV_PERM_ADOPTION);
}

GPtrArray *
civ_adoption_list (CivStore *store, GError **error)
{
  g_autoptr (GPtrArray) rows = NULL;

  if (!civ_require (store, CIV_PERM_ADOPTION, error))
    return NULL;
  rows = civ_adoption_row_list (civ_store_get_db (store), error);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      CivAdoptionRow *r = g_ptr_array_index (rows, i);

      g_free (r->application);
      r->application = g_strdup ("");
    }
  return g_steal_pointer (&rows);
}

GPtrArray *
civ_adoption_due (CivStore *store, const GDate *today, GError **error)
{
  g_autofree char *day = NULL;

  if (!valid_today (today, error))
    return NULL;
  if (!civ_adoption_visible (store))
    return g_ptr_array_new_with_free_func ((GDestroyNotify) civ_adoption_due_row_free);
  day = civ_date_format_iso (today);
  return civ_adoption_due_rows (civ_store_get_db (store), day, error);
}

GPtrArray *
civ_adoption_access_log (CivStore *store, const char *record_id, GError **error)
{
  if (!civ_require (store, CIV_PERM_VIEW_AUDIT, error))
    return NULL;
  return civ_adoption_access_list (civ_store_get_db (store), record_id, error);
}
