// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-marriage-input.c — reading a marriage application from outside JSON */
#include "civ-marriage-input.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-json-members.h"
#include "civ-calendar.h"
#include "civ-json.h"

struct _CivMarriageInput
{
  JsonParser            *parser; /* owns the texts app points to */
  CivMarriageApplication app;
};

static const char *const application_members[] = {
  "registration_date",
  "effective_from",
  "historical",
  "former_spouses",
  "kinship",
  "office_designated",
  "household_jurisdiction",
  "status_source",
  "age_boundary",
  "parties",
  NULL,
};

static const char *const party_members[] = {
  "name",
  "sex",
  "birth_date",
  "category",
  "status_before",
  "has_current_marriage",
  "appears_in_person",
  "consents",
  "declaration_signed",
  "documents_complete",
  "dishonesty_flag",
  "id_valid",
  NULL,
};

static gboolean
parse_party (JsonNode *node, CivMarriageParty *p, GError **error)
{
  JsonObject *o;
  const char *sex = NULL;
  const char *category = NULL;
  gint64      status = CIV_MARITAL_UNMARRIED;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                           _ ("Each party must be an object"));
      return FALSE;
    }
  o = json_node_get_object (node);
  if (!civ_json_members_only_known (o, party_members, error))
    return FALSE;
  if (!civ_json_member_string (o, "name", &p->name, error) ||
      !civ_json_member_string (o, "sex", &sex, error) ||
      !civ_json_member_string (o, "category", &category, error) ||
      !civ_json_member_date (o, "birth_date", FALSE, &p->birth_date, error))
    return FALSE;
  if (g_strcmp0 (sex, "male") == 0)
    p->sex = CIV_SEX_MALE;
  else if (g_strcmp0 (sex, "female") == 0)
    p->sex = CIV_SEX_FEMALE;
  else
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                   _ ("“sex” must be “male” or “female”, not “%s”"), sex ? sex : "");
      return FALSE;
    }
  p->category = civ_resident_category_from_string (category ? category : "mainland");
  if (p->category == CIV_RESIDENT_INVALID)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                   _ ("“category” must be mainland, hong-kong, macau, taiwan, overseas-chinese "
                      "or foreign, not “%s”"),
                   category);
      return FALSE;
    }
  if (json_object_has_member (o, "status_before"))
    {
      JsonNode *s = json_object_get_member (o, "status_before");

      if (json_node_get_value_type (s) != G_TYPE_INT64)
        {
          g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                               _ ("“status_before” must be a GB/T 2261.2 code such as 10 or 40"));
          return FALSE;
        }
      status = json_node_get_int (s);
      if (!civ_marital_status_is_known (status))
        {
          g_autofree char *code = g_strdup_printf ("%" G_GINT64_FORMAT, status);

          g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                       _ ("“status_before” %s is not a GB/T 2261.2 code (10, 20, 21, 22, 23, 30, "
                          "40 or 90)"),
                       code);
          return FALSE;
        }
    }
  p->status_before = (CivMaritalStatus) status;
  return civ_json_member_bool (o, "has_current_marriage", FALSE, &p->has_current_marriage, error) &&
         civ_json_member_bool (o, "appears_in_person", TRUE, &p->appears_in_person, error) &&
         civ_json_member_bool (o, "consents", TRUE, &p->consents, error) &&
         civ_json_member_bool (o, "declaration_signed", TRUE, &p->declaration_signed, error) &&
         civ_json_member_bool (o, "documents_complete", TRUE, &p->documents_complete, error) &&
         civ_json_member_bool (o, "dishonesty_flag", FALSE, &p->dishonesty_flag, error) &&
         civ_json_member_bool (o, "id_valid", TRUE, &p->id_valid, error);
}

static gboolean
parse_application (JsonNode *root, CivMarriageApplication *app, GError **error)
{
  JsonObject *o;
  JsonArray  *parties;
  const char *kinship = NULL;
  const char *source = NULL;
  const char *boundary = NULL;
  gboolean    online = FALSE;

  civ_marriage_application_init (app);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                           _ ("The file must hold one JSON object"));
      return FALSE;
    }
  o = json_node_get_object (root);
  if (!civ_json_members_only_known (o, application_members, error))
    return FALSE;
  if (!json_object_has_member (o, "parties") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (o, "parties")) ||
      json_array_get_length (parties = json_object_get_array_member (o, "parties")) != 2)
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                           _ ("“parties” must be a list of exactly two parties"));
      return FALSE;
    }
  for (guint i = 0; i < 2; i++)
    if (!parse_party (json_array_get_element (parties, i), &app->party[i], error))
      {
        g_prefix_error (error, _ ("party %u: "), i + 1);
        return FALSE;
      }
  if (!civ_json_member_date (o, "registration_date", FALSE, &app->registration_date, error) ||
      !civ_json_member_date (o, "effective_from", FALSE, &app->effective_from, error) ||
      !civ_json_member_bool (o, "historical", FALSE, &app->historical, error) ||
      !civ_json_member_bool (o, "former_spouses", FALSE, &app->former_spouses, error) ||
      !civ_json_member_bool (o, "office_designated", FALSE, &app->office_designated, error) ||
      !civ_json_member_bool (o, "household_jurisdiction", TRUE, &app->household_jurisdiction,
                             error) ||
      !civ_json_member_string (o, "kinship", &kinship, error) ||
      !civ_json_member_string (o, "status_source", &source, error) ||
      !civ_json_member_string (o, "age_boundary", &boundary, error))
    return FALSE;
  if (!g_date_valid (&app->registration_date))
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                           _ ("“registration_date” (YYYY-MM-DD) is required"));
      return FALSE;
    }
  if (kinship == NULL || strcmp (kinship, "none") == 0)
    app->kinship = CIV_KINSHIP_NONE_KNOWN;
  else if (strcmp (kinship, "lineal") == 0)
    app->kinship = CIV_KINSHIP_LINEAL;
  else if (strcmp (kinship, "collateral-3") == 0)
    app->kinship = CIV_KINSHIP_COLLATERAL_3;
  else
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                   _ ("“kinship” must be none, lineal or collateral-3, not “%s”"), kinship);
      return FALSE;
    }
  if (source == NULL || strcmp (source, "online") == 0)
    online = TRUE;
  else if (strcmp (source, "local-only") != 0)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                   _ ("“status_source” must be online or local-only, not “%s”"), source);
      return FALSE;
    }
  app->status_source = online ? CIV_STATUS_SOURCE_ONLINE : CIV_STATUS_SOURCE_LOCAL_ONLY;
  if (boundary == NULL || strcmp (boundary, "on-birthday") == 0)
    app->age_boundary = CIV_AGE_ON_BIRTHDAY;
  else if (strcmp (boundary, "day-after-birthday") == 0)
    app->age_boundary = CIV_AGE_DAY_AFTER_BIRTHDAY;
  else
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                   _ ("“age_boundary” must be on-birthday or day-after-birthday, not “%s”"),
                   boundary);
      return FALSE;
    }
  return TRUE;
}

CivMarriageInput *
civ_marriage_input_parse (const char *data, gsize len, GError **error)
{
  g_autoptr (JsonParser) parser = NULL;
  CivMarriageInput *input;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  parser = civ_json_parse_outside (data, len, CIV_JSON_GUARD_INPUT_MAX,
                                   CIV_JSON_GUARD_NO_DUPLICATES, error);
  if (parser == NULL)
    return NULL;
  input = g_new0 (CivMarriageInput, 1);
  input->parser = g_steal_pointer (&parser);
  if (!parse_application (json_parser_get_root (input->parser), &input->app, error))
    {
      civ_marriage_input_free (input);
      return NULL;
    }
  return input;
}

const CivMarriageApplication *
civ_marriage_input_get_application (CivMarriageInput *input)
{
  g_return_val_if_fail (input != NULL, NULL);
  return &input->app;
}

void
civ_marriage_input_free (CivMarriageInput *input)
{
  if (input == NULL)
    return;
  g_clear_object (&input->parser);
  g_free (input);
}
