// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-adoption-input.c — reading an adoption application from outside JSON
 * (docs/cli-rules.md, "Input" of rules adoption) */
#include "civ-adoption-input.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-json-members.h"
#include "civ-calendar.h"
#include "civ-json.h"

struct _CivAdoptionInput
{
  JsonParser            *parser; /* owns the texts app points to */
  CivAdoptionApplication app;
};

static const char *const application_members[] = {
  "application_date",
  "evaluation_date",
  "notice_published",
  "relationship",
  "birth_parent_consent",
  "assessment",
  "assessors",
  "assessment_third_party",
  "assessment_red_flags",
  "office_jurisdiction",
  "office_provincial",
  "age_boundary",
  "child",
  "placers",
  "adopters",
  NULL,
};

static const char *const child_members[] = {
  "name", "sex", "birth_date", "basis", "disabled", "in_welfare_institution", "consents", NULL,
};

static const char *const placer_members[] = {
  "kind",
  "name",
  "hardship",
  "other_parent_unknown",
  "support_duty_consent",
  "parents_lack_capacity",
  "consents",
  "appears_in_person",
  NULL,
};

static const char *const adopter_members[] = {
  "name",
  "sex",
  "birth_date",
  "category",
  "children",
  "adopted_children",
  "married",
  "able_to_raise",
  "incompatible_disease",
  "harmful_criminal_record",
  "appears_in_person",
  "authorised_in_writing",
  "home_country_approval",
  "documents_legalised",
  NULL,
};

static gboolean
member_count (JsonObject *o, const char *name, guint max, guint *out, GError **error)
{
  JsonNode *node;
  gint64    value;

  *out = 0;
  if (!json_object_has_member (o, name))
    return TRUE;
  node = json_object_get_member (o, name);
  if (json_node_get_value_type (node) != G_TYPE_INT64 || (value = json_node_get_int (node)) < 0 ||
      value > (gint64) max)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                   _ ("“%s” must be a whole number from 0 to %u"), name, max);
      return FALSE;
    }
  *out = (guint) value;
  return TRUE;
}

static gboolean
member_sex (JsonObject *o, CivSex *out, GError **error)
{
  const char *sex;

  if (!civ_json_member_string (o, "sex", &sex, error))
    return FALSE;
  if (g_strcmp0 (sex, "male") == 0)
    *out = CIV_SEX_MALE;
  else if (g_strcmp0 (sex, "female") == 0)
    *out = CIV_SEX_FEMALE;
  else
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                   _ ("“sex” must be “male” or “female”, not “%s”"), sex ? sex : "");
      return FALSE;
    }
  return TRUE;
}

static JsonObject *
object_of (JsonNode *node, const char *const *members, const char *what, GError **error)
{
  JsonObject *o;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT, _ ("“%s” must be an object"), what);
      return NULL;
    }
  o = json_node_get_object (node);
  return civ_json_members_only_known (o, members, error) ? o : NULL;
}

static gboolean
parse_child (JsonNode *node, CivAdoptionChild *c, GError **error)
{
  JsonObject *o = object_of (node, child_members, "child", error);
  const char *basis = NULL;

  if (o == NULL)
    return FALSE;
  if (!civ_json_member_string (o, "name", &c->name, error) || !member_sex (o, &c->sex, error) ||
      !civ_json_member_date (o, "birth_date", TRUE, &c->birth_date, error) ||
      !civ_json_member_string (o, "basis", &basis, error))
    return FALSE;
  c->basis = civ_adoption_basis_from_string (basis ? basis : "none");
  if (c->basis == CIV_ADOPTION_BASIS_INVALID)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                   _ ("“basis” must be none, orphan, parents-not-found or parents-hardship, not "
                      "“%s”"),
                   basis);
      return FALSE;
    }
  return civ_json_member_bool (o, "disabled", FALSE, &c->disabled, error) &&
         civ_json_member_bool (o, "in_welfare_institution", FALSE, &c->in_welfare_institution,
                               error) &&
         civ_json_member_bool (o, "consents", FALSE, &c->consents, error);
}

static gboolean
parse_placer (JsonNode *node, CivAdoptionPlacer *p, GError **error)
{
  JsonObject *o = object_of (node, placer_members, "placers", error);
  const char *kind = NULL;

  if (o == NULL)
    return FALSE;
  if (!civ_json_member_string (o, "kind", &kind, error) ||
      !civ_json_member_string (o, "name", &p->name, error))
    return FALSE;
  p->kind = civ_placer_kind_from_string (kind);
  if (p->kind == CIV_PLACER_INVALID)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                   _ ("“kind” must be guardian, welfare-institution or birth-parent, not “%s”"),
                   kind ? kind : "");
      return FALSE;
    }
  return civ_json_member_bool (o, "hardship", FALSE, &p->hardship, error) &&
         civ_json_member_bool (o, "other_parent_unknown", FALSE, &p->other_parent_unknown, error) &&
         civ_json_member_bool (o, "support_duty_consent", FALSE, &p->support_duty_consent, error) &&
         civ_json_member_bool (o, "parents_lack_capacity", FALSE, &p->parents_lack_capacity,
                               error) &&
         civ_json_member_bool (o, "consents", TRUE, &p->consents, error) &&
         civ_json_member_bool (o, "appears_in_person", TRUE, &p->appears_in_person, error);
}

static gboolean
parse_adopter (JsonNode *node, CivAdoptionAdopter *a, GError **error)
{
  JsonObject *o = object_of (node, adopter_members, "adopters", error);
  const char *category = NULL;

  if (o == NULL)
    return FALSE;
  if (!civ_json_member_string (o, "name", &a->name, error) || !member_sex (o, &a->sex, error) ||
      !civ_json_member_date (o, "birth_date", TRUE, &a->birth_date, error) ||
      !civ_json_member_string (o, "category", &category, error) ||
      !member_count (o, "children", CIV_ADOPTION_MAX_CHILDREN, &a->children, error) ||
      !member_count (o, "adopted_children", CIV_ADOPTION_MAX_CHILDREN, &a->adopted_children, error))
    return FALSE;
  a->category = civ_resident_category_from_string (category ? category : "mainland");
  if (a->category == CIV_RESIDENT_INVALID)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                   _ ("“category” must be mainland, hong-kong, macau, taiwan, overseas-chinese "
                      "or foreign, not “%s”"),
                   category);
      return FALSE;
    }
  if (a->adopted_children > a->children)
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                           _ ("“adopted_children” counts some of “children” and cannot be more"));
      return FALSE;
    }
  return civ_json_member_bool (o, "married", FALSE, &a->married, error) &&
         civ_json_member_bool (o, "able_to_raise", TRUE, &a->able_to_raise, error) &&
         civ_json_member_bool (o, "incompatible_disease", FALSE, &a->incompatible_disease, error) &&
         civ_json_member_bool (o, "harmful_criminal_record", FALSE, &a->harmful_criminal_record,
                               error) &&
         civ_json_member_bool (o, "appears_in_person", TRUE, &a->appears_in_person, error) &&
         civ_json_member_bool (o, "authorised_in_writing", FALSE, &a->authorised_in_writing,
                               error) &&
         civ_json_member_bool (o, "home_country_approval", FALSE, &a->home_country_approval,
                               error) &&
         civ_json_member_bool (o, "documents_legalised", FALSE, &a->documents_legalised, error);
}

/* "placers" or "adopters": a list of one or two objects. */
static JsonArray *
list_of_one_or_two (JsonObject *o, const char *name, GError **error)
{
  JsonNode  *node = json_object_has_member (o, name) ? json_object_get_member (o, name) : NULL;
  JsonArray *list;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      (list = json_node_get_array (node), json_array_get_length (list) < 1) ||
      json_array_get_length (list) > 2)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                   _ ("“%s” must be a list of one or two objects"), name);
      return NULL;
    }
  return list;
}

static gboolean
parse_application (JsonNode *root, CivAdoptionApplication *app, GError **error)
{
  JsonObject *o;
  JsonArray  *placers;
  JsonArray  *adopters;
  const char *relationship = NULL;
  const char *assessment = NULL;
  const char *boundary = NULL;

  civ_adoption_application_init (app);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                           _ ("The file must hold one JSON object"));
      return FALSE;
    }
  o = json_node_get_object (root);
  if (!civ_json_members_only_known (o, application_members, error))
    return FALSE;

  if (!json_object_has_member (o, "child"))
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                           _ ("“child” (an object) is required"));
      return FALSE;
    }
  if (!parse_child (json_object_get_member (o, "child"), &app->child, error))
    {
      g_prefix_error (error, _ ("child: "));
      return FALSE;
    }
  if ((placers = list_of_one_or_two (o, "placers", error)) == NULL)
    return FALSE;
  app->n_placers = json_array_get_length (placers);
  for (guint i = 0; i < app->n_placers; i++)
    if (!parse_placer (json_array_get_element (placers, i), &app->placer[i], error))
      {
        g_prefix_error (error, _ ("placer %u: "), i + 1);
        return FALSE;
      }
  if ((adopters = list_of_one_or_two (o, "adopters", error)) == NULL)
    return FALSE;
  app->n_adopters = json_array_get_length (adopters);
  for (guint i = 0; i < app->n_adopters; i++)
    if (!parse_adopter (json_array_get_element (adopters, i), &app->adopter[i], error))
      {
        g_prefix_error (error, _ ("adopter %u: "), i + 1);
        return FALSE;
      }

  if (!civ_json_member_date (o, "application_date", TRUE, &app->application_date, error) ||
      !civ_json_member_date (o, "evaluation_date", TRUE, &app->evaluation_date, error) ||
      !civ_json_member_date (o, "notice_published", FALSE, &app->notice_published, error) ||
      !civ_json_member_string (o, "relationship", &relationship, error) ||
      !civ_json_member_bool (o, "birth_parent_consent", FALSE, &app->birth_parent_consent, error) ||
      !civ_json_member_string (o, "assessment", &assessment, error) ||
      !member_count (o, "assessors", 99, &app->assessors, error) ||
      !civ_json_member_bool (o, "assessment_third_party", FALSE, &app->assessment_third_party,
                             error) ||
      !civ_json_member_bool (o, "assessment_red_flags", FALSE, &app->assessment_red_flags, error) ||
      !civ_json_member_bool (o, "office_jurisdiction", TRUE, &app->office_jurisdiction, error) ||
      !civ_json_member_bool (o, "office_provincial", FALSE, &app->office_provincial, error) ||
      !civ_json_member_string (o, "age_boundary", &boundary, error))
    return FALSE;

  app->relationship = civ_adoption_relationship_from_string (relationship ? relationship : "none");
  if (app->relationship == CIV_ADOPTION_RELATION_INVALID)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                   _ ("“relationship” must be none, collateral-relative or step-parent, not “%s”"),
                   relationship);
      return FALSE;
    }
  app->assessment = civ_assessment_conclusion_from_string (assessment ? assessment : "not-done");
  if (app->assessment == CIV_ASSESSMENT_INVALID)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                   _ ("“assessment” must be not-done, suitable or unsuitable, not “%s”"),
                   assessment);
      return FALSE;
    }
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

CivAdoptionInput *
civ_adoption_input_parse (const char *data, gsize len, GError **error)
{
  g_autoptr (JsonParser) parser = NULL;
  CivAdoptionInput *input;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  parser = civ_json_parse_outside (data, len, CIV_JSON_GUARD_INPUT_MAX,
                                   CIV_JSON_GUARD_NO_DUPLICATES, error);
  if (parser == NULL)
    return NULL;
  input = g_new0 (CivAdoptionInput, 1);
  input->parser = g_steal_pointer (&parser);
  if (!parse_application (json_parser_get_root (input->parser), &input->app, error))
    {
      civ_adoption_input_free (input);
      return NULL;
    }
  return input;
}

const CivAdoptionApplication *
civ_adoption_input_get_application (CivAdoptionInput *input)
{
  g_return_val_if_fail (input != NULL, NULL);
  return &input->app;
}

void
civ_adoption_input_free (CivAdoptionInput *input)
{
  if (input == NULL)
    return;
  g_clear_object (&input->parser);
  g_free (input);
}

/* Writing */

static void
add_string (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_bool (JsonBuilder *b, const char *name, gboolean value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}

static void
add_int (JsonBuilder *b, const char *name, gint64 value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
add_date (JsonBuilder *b, const char *name, const GDate *date)
{
  g_autofree char *iso = g_date_valid (date) ? civ_date_format_iso (date) : NULL;

  add_string (b, name, iso);
}

static const char *
sex_name (CivSex sex)
{
  switch (sex)
    {
    case CIV_SEX_MALE:
      return "male";
    case CIV_SEX_FEMALE:
      return "female";
    case CIV_SEX_UNKNOWN:
    case CIV_SEX_NOT_STATED:
    default:
      return NULL;
    }
}

char *
civ_adoption_application_to_json (const CivAdoptionApplication *app)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  const char *boundary;

  g_return_val_if_fail (app != NULL, NULL);

  boundary = app->age_boundary == CIV_AGE_DAY_AFTER_BIRTHDAY ? "day-after-birthday" : "on-birthday";
  json_builder_begin_object (b);
  add_date (b, "application_date", &app->application_date);
  add_date (b, "evaluation_date", &app->evaluation_date);
  add_date (b, "notice_published", &app->notice_published);
  add_string (b, "relationship", civ_adoption_relationship_to_string (app->relationship));
  add_bool (b, "birth_parent_consent", app->birth_parent_consent);
  add_string (b, "assessment", civ_assessment_conclusion_to_string (app->assessment));
  add_int (b, "assessors", app->assessors);
  add_bool (b, "assessment_third_party", app->assessment_third_party);
  add_bool (b, "assessment_red_flags", app->assessment_red_flags);
  add_bool (b, "office_jurisdiction", app->office_jurisdiction);
  add_bool (b, "office_provincial", app->office_provincial);
  add_string (b, "age_boundary", boundary);

  json_builder_set_member_name (b, "child");
  json_builder_begin_object (b);
  add_string (b, "name", app->child.name);
  add_string (b, "sex", sex_name (app->child.sex));
  add_date (b, "birth_date", &app->child.birth_date);
  add_string (b, "basis", civ_adoption_basis_to_string (app->child.basis));
  add_bool (b, "disabled", app->child.disabled);
  add_bool (b, "in_welfare_institution", app->child.in_welfare_institution);
  add_bool (b, "consents", app->child.consents);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "placers");
  json_builder_begin_array (b);
  for (guint i = 0; i < MIN (app->n_placers, CIV_ADOPTION_MAX_PLACERS); i++)
    {
      const CivAdoptionPlacer *p = &app->placer[i];

      json_builder_begin_object (b);
      add_string (b, "kind", civ_placer_kind_to_string (p->kind));
      add_string (b, "name", p->name);
      add_bool (b, "hardship", p->hardship);
      add_bool (b, "other_parent_unknown", p->other_parent_unknown);
      add_bool (b, "support_duty_consent", p->support_duty_consent);
      add_bool (b, "parents_lack_capacity", p->parents_lack_capacity);
      add_bool (b, "consents", p->consents);
      add_bool (b, "appears_in_person", p->appears_in_person);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "adopters");
  json_builder_begin_array (b);
  for (guint i = 0; i < MIN (app->n_adopters, CIV_ADOPTION_MAX_ADOPTERS); i++)
    {
      const CivAdoptionAdopter *a = &app->adopter[i];

      json_builder_begin_object (b);
      add_string (b, "name", a->name);
      add_string (b, "sex", sex_name (a->sex));
      add_date (b, "birth_date", &a->birth_date);
      add_string (b, "category", civ_resident_category_to_string (a->category));
      add_int (b, "children", a->children);
      add_int (b, "adopted_children", a->adopted_children);
      add_bool (b, "married", a->married);
      add_bool (b, "able_to_raise", a->able_to_raise);
      add_bool (b, "incompatible_disease", a->incompatible_disease);
      add_bool (b, "harmful_criminal_record", a->harmful_criminal_record);
      add_bool (b, "appears_in_person", a->appears_in_person);
      add_bool (b, "authorised_in_writing", a->authorised_in_writing);
      add_bool (b, "home_country_approval", a->home_country_approval);
      add_bool (b, "documents_legalised", a->documents_legalised);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}
