// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-funeral-input.c — a reported death read from a form or outside JSON
 * (R-F5, R-F6; docs/cli-funeral.md, "The report file") */
#include "civ-funeral-input.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-calendar.h"
#include "civ-json-members.h"
#include "civ-json.h"

CivFuneralReport *
civ_funeral_report_new (void)
{
  CivFuneralReport *r = g_new0 (CivFuneralReport, 1);

  r->sex = CIV_SEX_UNKNOWN;
  r->id_type = CIV_DECEASED_ID_NONE;
  r->death_place = CIV_DEATH_PLACE_UNKNOWN;
  r->marital_status = 9;
  g_date_clear (&r->birth_date, 1);
  return r;
}

void
civ_funeral_report_free (CivFuneralReport *r)
{
  if (r == NULL)
    return;
  g_free (r->description);
  g_free (r->name);
  g_free (r->ethnicity);
  g_free (r->country);
  g_free (r->id_number);
  g_free (r->death_at);
  g_free (r->address);
  g_free (r->cause_of_death);
  g_free (r->death_certificate_no);
  g_free (r->agent_name);
  g_free (r->agent_id_number);
  g_free (r->agent_relationship);
  g_free (r->agent_phone);
  g_free (r);
}

gboolean
civ_funeral_parse_moment (const char *text, GDate *date, int *minutes)
{
  g_autofree char *day = NULL;
  int              h, m;

  if (minutes != NULL)
    *minutes = -1;
  if (text == NULL)
    return FALSE;
  if (strlen (text) == 10)
    return civ_date_parse_iso (text, date);
  if (strlen (text) != 16 || text[10] != 'T' || text[13] != ':' || !g_ascii_isdigit (text[11]) ||
      !g_ascii_isdigit (text[12]) || !g_ascii_isdigit (text[14]) || !g_ascii_isdigit (text[15]))
    return FALSE;
  day = g_strndup (text, 10);
  if (!civ_date_parse_iso (day, date))
    return FALSE;
  h = (text[11] - '0') * 10 + (text[12] - '0');
  m = (text[14] - '0') * 10 + (text[15] - '0');
  if (h > 23 || m > 59)
    return FALSE;
  if (minutes != NULL)
    *minutes = h * 60 + m;
  return TRUE;
}

static const char *const report_members[] = {
  "unidentified",
  "description",
  "name",
  "sex",
  "ethnicity",
  "country",
  "id_type",
  "id_number",
  "birth_date",
  "death_at",
  "death_place",
  "marital_status",
  "address",
  "cause_of_death",
  "death_certificate_no",
  "agent",
  NULL,
};

static const char *const agent_members[] = {
  "name", "id_number", "relationship", "phone", NULL,
};

/* A text member: NULL when absent; refused when longer than the form's
 * field or holding a control character. */
static gboolean
take_text (JsonObject *o, const char *name, char **out, GError **error)
{
  const char *text;

  if (!civ_json_member_string (o, name, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if (g_utf8_strlen (text, -1) > CIV_FUNERAL_TEXT_MAX)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("“%s” is longer than %d characters"), name, CIV_FUNERAL_TEXT_MAX);
      return FALSE;
    }
  for (const char *p = text; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      {
        g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                     _ ("“%s” holds a control character"), name);
        return FALSE;
      }
  g_free (*out);
  *out = g_strstrip (g_strdup (text));
  return TRUE;
}

/* A whole-number member within @min…@max; @fallback when absent. */
static gboolean
take_int (JsonObject *o, const char *name, int min, int max, int fallback, int *out, GError **error)
{
  JsonNode *node;

  *out = fallback;
  if (!json_object_has_member (o, name))
    return TRUE;
  node = json_object_get_member (o, name);
  if (json_node_get_value_type (node) != G_TYPE_INT64 || json_node_get_int (node) < min ||
      json_node_get_int (node) > max)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("“%s” must be a whole number from %d to %d"), name, min, max);
      return FALSE;
    }
  *out = (int) json_node_get_int (node);
  return TRUE;
}

static gboolean
parse_report (JsonNode *root, CivFuneralReport *r, GError **error)
{
  JsonObject *o, *agent;
  int         sex, id_type, place;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                           _ ("A death report is a JSON object (docs/cli-funeral.md)"));
      return FALSE;
    }
  o = json_node_get_object (root);
  if (!civ_json_members_only_known (o, report_members, error) ||
      !civ_json_member_bool (o, "unidentified", FALSE, &r->unidentified, error) ||
      !take_text (o, "description", &r->description, error) ||
      !take_text (o, "name", &r->name, error) ||
      !take_int (o, "sex", 0, 9, CIV_SEX_UNKNOWN, &sex, error) ||
      !take_text (o, "ethnicity", &r->ethnicity, error) ||
      !take_text (o, "country", &r->country, error) ||
      !take_int (o, "id_type", 0, 9, CIV_DECEASED_ID_NONE, &id_type, error) ||
      !take_text (o, "id_number", &r->id_number, error) ||
      !civ_json_member_date (o, "birth_date", FALSE, &r->birth_date, error) ||
      !take_text (o, "death_at", &r->death_at, error) ||
      !take_int (o, "death_place", 0, 9, CIV_DEATH_PLACE_UNKNOWN, &place, error) ||
      !take_int (o, "marital_status", 1, 9, 9, &r->marital_status, error) ||
      !take_text (o, "address", &r->address, error) ||
      !take_text (o, "cause_of_death", &r->cause_of_death, error) ||
      !take_text (o, "death_certificate_no", &r->death_certificate_no, error))
    return FALSE;
  r->sex = (CivSex) sex;
  r->id_type = (CivDeceasedIdType) id_type;
  r->death_place = (CivDeathPlace) place;
  if (json_object_has_member (o, "agent"))
    {
      JsonNode *node = json_object_get_member (o, "agent");

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                               _ ("“agent” must be an object with name, id_number, relationship "
                                  "and phone"));
          return FALSE;
        }
      agent = json_node_get_object (node);
      if (!civ_json_members_only_known (agent, agent_members, error) ||
          !take_text (agent, "name", &r->agent_name, error) ||
          !take_text (agent, "id_number", &r->agent_id_number, error) ||
          !take_text (agent, "relationship", &r->agent_relationship, error) ||
          !take_text (agent, "phone", &r->agent_phone, error))
        return FALSE;
    }
  return TRUE;
}

CivFuneralReport *
civ_funeral_report_from_json (const char *data, gsize len, GError **error)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (CivFuneralReport) report = civ_funeral_report_new ();

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  parser = civ_json_parse_outside (data, len, CIV_FUNERAL_REPORT_MAX_BYTES,
                                   CIV_JSON_GUARD_NO_DUPLICATES, error);
  if (parser == NULL || !parse_report (json_parser_get_root (parser), report, error))
    return NULL;
  return g_steal_pointer (&report);
}

void
civ_funeral_report_deceased (const CivFuneralReport *r, CivFuneralDeceased *d)
{
  memset (d, 0, sizeof *d);
  d->unidentified = r->unidentified;
  d->name = r->name;
  d->sex = r->sex;
  d->ethnicity = r->ethnicity;
  d->id_type = r->id_type;
  d->id_number = r->id_number;
  d->birth_date = r->birth_date;
  g_date_clear (&d->death_date, 1);
  if (r->death_at != NULL)
    civ_funeral_parse_moment (r->death_at, &d->death_date, NULL);
  d->place_of_death = r->death_place;
  d->address = r->address;
  d->description = r->description;
}

char *
civ_funeral_clean_text (
  const char *text, guint max, const char *what, const char *rule, GError **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text ? text : ""));

  if (!g_utf8_validate (copy, -1, NULL) || g_utf8_strlen (copy, -1) > (glong) max)
    {
      if (rule != NULL)
        civ_app_set_invalid (error, rule,
                             _ ("%s: the %s is too long or not text (at most %u characters)"), rule,
                             what, max);
      else
        g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                     _ ("The %s is too long or not text (at most %u characters)"), what, max);
      return NULL;
    }
  for (const char *p = copy; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      {
        if (rule != NULL)
          civ_app_set_invalid (error, rule,
                               _ ("%s: the %s holds a control character: type it again"), rule,
                               what);
        else
          g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                       _ ("The %s holds a control character: type it again"), what);
        return NULL;
      }
  return g_steal_pointer (&copy);
}

char *
civ_funeral_counter_day (const GDate *today, GError **error)
{
  if (today == NULL || !g_date_valid (today))
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                           _ ("The counter's date is not set"));
      return NULL;
    }
  return civ_date_format_iso (today);
}
