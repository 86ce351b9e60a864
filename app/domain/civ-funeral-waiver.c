// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-funeral-waiver.c — the 惠民殡葬 policy read strictly and the waiver
 * assessment (civ-funeral-waiver.h) */
#include "civ-funeral-waiver.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-calendar.h"
#include "civ-json-members.h"
#include "civ-json.h"

#define CIV_WAIVER_MAX_UNITS 3650
#define CIV_WAIVER_VERSION_MAX 64

struct _CivWaiverPolicy
{
  char    *area;
  char    *version;
  GDate    from;
  GDate    to; /* invalid: open-ended */
  gboolean groups[CIV_N_WAIVER_GROUPS];
  gint64   body_cap_fen; /* -1: none */
  GArray  *items;        /* CivWaiverItem */
};

struct _CivWaiverInput
{
  JsonParser   *parser; /* owns the texts */
  CivWaiverCase facts;
  CivFeeBill   *bill;
};

static const char *const group_names[CIV_N_WAIVER_GROUPS] = {
  [CIV_WAIVER_GROUP_NONE] = "none",
  [CIV_WAIVER_GROUP_DIBAO] = "dibao",
  [CIV_WAIVER_GROUP_TEKUN] = "tekun",
  [CIV_WAIVER_GROUP_SANWU] = "sanwu",
  [CIV_WAIVER_GROUP_UNIDENTIFIED] = "unidentified",
  [CIV_WAIVER_GROUP_YOUFU] = "youfu",
  [CIV_WAIVER_GROUP_ALL_RESIDENTS] = "all-residents",
};

static const char *const basic_names[] = { "collection", "storage", "cremation", "ash-storage" };

static const char *const cap_names[] = {
  "none", "item", "units", "body", "not-covered", "not-in-force", "not-eligible",
};

const char *
civ_waiver_group_to_string (CivWaiverGroup group)
{
  if (group < 0 || group >= CIV_N_WAIVER_GROUPS)
    return NULL;
  return group_names[group];
}

const char *
civ_waiver_group_label (CivWaiverGroup group)
{
  static const char *const labels[CIV_N_WAIVER_GROUPS] = {
    [CIV_WAIVER_GROUP_NONE] = NC_ ("waiver group", "None of the groups"),
    [CIV_WAIVER_GROUP_DIBAO] = NC_ ("waiver group", "Minimum living allowance (dibao)"),
    [CIV_WAIVER_GROUP_TEKUN] = NC_ ("waiver group", "Person in extreme poverty (tekun, wubao)"),
    [CIV_WAIVER_GROUP_SANWU] =
      NC_ ("waiver group", "Person with no income, work or support (sanwu)"),
    [CIV_WAIVER_GROUP_UNIDENTIFIED] = NC_ ("waiver group", "Unidentified body"),
    [CIV_WAIVER_GROUP_YOUFU] = NC_ ("waiver group", "Entitled group (youfu)"),
    [CIV_WAIVER_GROUP_ALL_RESIDENTS] = NC_ ("waiver group", "Every resident of the area"),
  };

  if (group < 0 || group >= CIV_N_WAIVER_GROUPS)
    return NULL;
  return g_dpgettext2 (NULL, "waiver group", labels[group]);
}

CivWaiverGroup
civ_waiver_group_from_string (const char *text)
{
  for (int i = 0; text != NULL && i < CIV_N_WAIVER_GROUPS; i++)
    if (strcmp (group_names[i], text) == 0)
      return (CivWaiverGroup) i;
  return CIV_WAIVER_GROUP_INVALID;
}

const char *
civ_basic_service_to_string (CivBasicService basic)
{
  if (basic < 0 || (gsize) basic >= G_N_ELEMENTS (basic_names))
    return NULL;
  return basic_names[basic];
}

CivBasicService
civ_basic_service_from_string (const char *text)
{
  for (gsize i = 0; text != NULL && i < G_N_ELEMENTS (basic_names); i++)
    if (strcmp (basic_names[i], text) == 0)
      return (CivBasicService) i;
  return CIV_BASIC_INVALID;
}

const char *
civ_waiver_cap_to_string (CivWaiverCap cap)
{
  if ((gsize) cap >= G_N_ELEMENTS (cap_names))
    return NULL;
  return cap_names[cap];
}

/* The policy */

static void
waiver_item_clear (gpointer data)
{
  g_free (((CivWaiverItem *) data)->item);
}

void
civ_waiver_policy_free (CivWaiverPolicy *policy)
{
  if (policy == NULL)
    return;
  g_free (policy->area);
  g_free (policy->version);
  g_clear_pointer (&policy->items, g_array_unref);
  g_free (policy);
}

static const char *const policy_members[] = {
  "area", "version", "effective_from", "effective_to", "groups", "cap_per_body_fen", "items", NULL,
};
static const char *const policy_item_members[] = { "item", "basic", "cap_fen", "max_units", NULL };

static JsonArray *
member_list (JsonObject *o, const char *name, guint max, GError **error)
{
  JsonNode *node = json_object_get_member (o, name);
  guint     n;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      (n = json_array_get_length (json_node_get_array (node))) == 0 || n > max)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                   _ ("“%s” must be a list of 1 to %u entries"), name, max);
      return NULL;
    }
  return json_node_get_array (node);
}

static gboolean
parse_policy_item (JsonNode *node, guint index, CivWaiverItem *item, GError **error)
{
  JsonObject *o;
  JsonNode   *units;
  const char *code = NULL;
  const char *basic = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT, _ ("item %u must be an object"),
                   index + 1);
      return FALSE;
    }
  o = json_node_get_object (node);
  if (!civ_json_member_string (o, "item", &code, error))
    return FALSE;
  if (code == NULL || *code == '\0' || strlen (code) > CIV_FUNERAL_CODE_MAX)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                   _ ("item %u: “item” (the fee item’s code, up to %d characters) is required"),
                   index + 1, CIV_FUNERAL_CODE_MAX);
      return FALSE;
    }
  item->item = g_strdup (code);
  if (!civ_json_members_only_known (o, policy_item_members, error) ||
      !civ_json_member_string (o, "basic", &basic, error) ||
      !civ_funeral_member_fen (o, "cap_fen", FALSE, &item->cap_fen, error))
    {
      g_prefix_error (error, _ ("item “%s”: "), code);
      return FALSE;
    }
  item->basic = civ_basic_service_from_string (basic);
  if (item->basic == CIV_BASIC_INVALID)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                   _ ("item “%s”: “basic” must be collection, storage, cremation or ash-storage, "
                      "not “%s”"),
                   code, basic ? basic : "");
      return FALSE;
    }
  item->max_units = -1;
  units = json_object_get_member (o, "max_units");
  if (units != NULL && !JSON_NODE_HOLDS_NULL (units))
    {
      if (item->basic != CIV_BASIC_STORAGE && item->basic != CIV_BASIC_ASH_STORAGE)
        {
          g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                       _ ("item “%s”: “max_units” (days or years) belongs only to storage or "
                          "ash-storage"),
                       code);
          return FALSE;
        }
      if (json_node_get_value_type (units) != G_TYPE_INT64 || json_node_get_int (units) < 1 ||
          json_node_get_int (units) > CIV_WAIVER_MAX_UNITS)
        {
          g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                       _ ("item “%s”: “max_units” must be a whole number from 1 to %d"), code,
                       CIV_WAIVER_MAX_UNITS);
          return FALSE;
        }
      item->max_units = json_node_get_int (units);
    }
  return TRUE;
}

CivWaiverPolicy *
civ_waiver_policy_parse (const char *data, gsize len, GError **error)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (CivWaiverPolicy) policy = NULL;
  JsonNode   *root;
  JsonObject *o;
  JsonArray  *groups;
  JsonArray  *items;
  const char *area = NULL;
  const char *version = NULL;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  parser = civ_json_parse_outside (data, len, CIV_JSON_GUARD_INPUT_MAX,
                                   CIV_JSON_GUARD_NO_DUPLICATES, error);
  if (parser == NULL)
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                           _ ("The file must hold one JSON object"));
      return NULL;
    }
  o = json_node_get_object (root);
  policy = g_new0 (CivWaiverPolicy, 1);
  policy->items = g_array_new (FALSE, TRUE, sizeof (CivWaiverItem));
  g_array_set_clear_func (policy->items, waiver_item_clear);
  if (!civ_json_members_only_known (o, policy_members, error) ||
      !civ_json_member_string (o, "area", &area, error) ||
      !civ_json_member_string (o, "version", &version, error) ||
      !civ_json_member_date (o, "effective_from", TRUE, &policy->from, error) ||
      !civ_json_member_date (o, "effective_to", FALSE, &policy->to, error) ||
      !civ_funeral_member_fen (o, "cap_per_body_fen", FALSE, &policy->body_cap_fen, error))
    return NULL;
  if (area == NULL || *area == '\0')
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                           _ ("“area” (the area’s division code) is required"));
      return NULL;
    }
  if (version == NULL || *version == '\0' || strlen (version) > CIV_WAIVER_VERSION_MAX)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                   _ ("“version” (up to %d characters) is required: an assessment records it"),
                   CIV_WAIVER_VERSION_MAX);
      return NULL;
    }
  if (g_date_valid (&policy->to) && g_date_compare (&policy->to, &policy->from) < 0)
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                           _ ("“effective_to” is before “effective_from”"));
      return NULL;
    }
  policy->area = g_strdup (area);
  policy->version = g_strdup (version);

  if ((groups = member_list (o, "groups", CIV_N_WAIVER_GROUPS, error)) == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (groups); i++)
    {
      JsonNode   *node = json_array_get_element (groups, i);
      const char *name =
        JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
          ? json_node_get_string (node)
          : NULL;
      CivWaiverGroup group = civ_waiver_group_from_string (name);

      if (group <= CIV_WAIVER_GROUP_NONE)
        {
          g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                       _ ("“groups”: “%s” is not dibao, tekun, sanwu, unidentified, youfu or "
                          "all-residents"),
                       name ? name : "");
          return NULL;
        }
      if (policy->groups[group])
        {
          g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                       _ ("“groups”: “%s” is listed twice"), name);
          return NULL;
        }
      policy->groups[group] = TRUE;
    }

  if ((items = member_list (o, "items", CIV_FEE_MAX_ITEMS, error)) == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      CivWaiverItem item = { 0 };

      g_array_append_val (policy->items, item);
      if (!parse_policy_item (json_array_get_element (items, i), i,
                              &g_array_index (policy->items, CivWaiverItem, i), error))
        return NULL;
      for (guint j = 0; j < i; j++)
        if (strcmp (g_array_index (policy->items, CivWaiverItem, j).item,
                    g_array_index (policy->items, CivWaiverItem, i).item) == 0)
          {
            g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                         _ ("item “%s” is listed twice"),
                         g_array_index (policy->items, CivWaiverItem, i).item);
            return NULL;
          }
    }
  return g_steal_pointer (&policy);
}

const char *
civ_waiver_policy_get_version (const CivWaiverPolicy *policy)
{
  return policy->version;
}

const char *
civ_waiver_policy_get_area (const CivWaiverPolicy *policy)
{
  return policy->area;
}

gboolean
civ_waiver_policy_covers_group (const CivWaiverPolicy *policy, CivWaiverGroup group)
{
  return group > CIV_WAIVER_GROUP_NONE && group < CIV_N_WAIVER_GROUPS && policy->groups[group];
}

void
civ_waiver_policy_get_dates (const CivWaiverPolicy *policy, GDate *from, GDate *to)
{
  *from = policy->from;
  *to = policy->to;
}

gboolean
civ_waiver_policy_in_force (const CivWaiverPolicy *policy, const GDate *date)
{
  return date != NULL && g_date_valid (date) && g_date_compare (date, &policy->from) >= 0 &&
         (!g_date_valid (&policy->to) || g_date_compare (date, &policy->to) <= 0);
}

gint64
civ_waiver_policy_get_body_cap (const CivWaiverPolicy *policy)
{
  return policy->body_cap_fen;
}

guint
civ_waiver_policy_get_n_items (const CivWaiverPolicy *policy)
{
  return policy->items->len;
}

const CivWaiverItem *
civ_waiver_policy_get_item (const CivWaiverPolicy *policy, guint i)
{
  g_return_val_if_fail (i < policy->items->len, NULL);
  return &g_array_index (policy->items, CivWaiverItem, i);
}

const CivWaiverItem *
civ_waiver_policy_find_item (const CivWaiverPolicy *policy, const char *item)
{
  for (guint i = 0; item != NULL && i < policy->items->len; i++)
    if (strcmp (g_array_index (policy->items, CivWaiverItem, i).item, item) == 0)
      return &g_array_index (policy->items, CivWaiverItem, i);
  return NULL;
}

/* The assessment */

void
civ_waiver_assessment_free (CivWaiverAssessment *a)
{
  if (a == NULL)
    return;
  g_clear_pointer (&a->lines, g_array_unref);
  g_clear_pointer (&a->findings, g_ptr_array_unref);
  g_free (a->policy_version);
  g_free (a);
}

static gboolean
blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  while (g_ascii_isspace (*text))
    text++;
  return *text == '\0';
}

/* R-F8: eligible through a listed group with its evidence, or as a
 * resident where the policy covers all residents. */
static gboolean
assess_eligibility (const CivWaiverPolicy *policy, const CivWaiverCase *facts, GPtrArray *findings)
{
  const char *group = civ_waiver_group_to_string (facts->group);

  if (facts->group == CIV_WAIVER_GROUP_TEKUN)
    civ_findings_add (findings, "R-F9", CIV_SEVERITY_INFO,
                      _ ("The support of a person in extreme poverty includes their funeral: "
                         "tell the person’s support institution or township"));
  if (policy->groups[CIV_WAIVER_GROUP_ALL_RESIDENTS] && facts->resident)
    return TRUE;
  if (civ_waiver_policy_covers_group (policy, facts->group))
    {
      if (!blank (facts->evidence))
        return TRUE;
      civ_findings_add (findings, "R-F8", CIV_SEVERITY_REFUSE,
                        _ ("The group “%s” needs its evidence (the certificate’s number or the "
                           "police report); enter it"),
                        group);
      return FALSE;
    }
  if (facts->group == CIV_WAIVER_GROUP_NONE && policy->groups[CIV_WAIVER_GROUP_ALL_RESIDENTS])
    civ_findings_add (findings, "R-F8", CIV_SEVERITY_REFUSE,
                      _ ("The policy %s covers the area’s residents and the listed groups; this "
                         "family is neither and pays the bill"),
                      policy->version);
  else if (facts->group == CIV_WAIVER_GROUP_NONE)
    civ_findings_add (findings, "R-F8", CIV_SEVERITY_REFUSE,
                      _ ("The policy %s covers only the listed groups; this family is in none of "
                         "them and pays the bill"),
                      policy->version);
  else
    civ_findings_add (findings, "R-F8", CIV_SEVERITY_REFUSE,
                      _ ("The policy %s does not cover the group “%s”; the family pays the bill"),
                      policy->version, group ? group : "?");
  return FALSE;
}

CivWaiverAssessment *
civ_funeral_waiver_assess (const CivWaiverPolicy *policy,
                           const CivWaiverCase   *facts,
                           const CivFeeBill      *bill)
{
  CivWaiverAssessment *a;
  gint64               body_left;
  gboolean             told_body = FALSE;
  gboolean             told_force = FALSE;
  g_autoptr (GHashTable) told_items = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (policy != NULL && facts != NULL && bill != NULL, NULL);

  a = g_new0 (CivWaiverAssessment, 1);
  a->lines = g_array_new (FALSE, TRUE, sizeof (CivWaiverLine));
  a->findings = civ_findings_new ();
  a->policy_version = g_strdup (policy->version);
  a->eligible = assess_eligibility (policy, facts, a->findings);
  body_left = policy->body_cap_fen;

  for (guint i = 0; i < bill->lines->len; i++)
    {
      const CivFeeBillLine *bl = &g_array_index (bill->lines, CivFeeBillLine, i);
      const CivWaiverItem  *wi = civ_waiver_policy_find_item (policy, bl->item);
      CivWaiverLine         line = { 0 };

      line.item = bl->item;
      line.amount_fen = MAX (bl->amount_fen, 0);
      line.cap = CIV_WAIVER_CAP_NONE;
      if (!a->eligible)
        line.cap = CIV_WAIVER_CAP_NOT_ELIGIBLE;
      else if (!civ_waiver_policy_in_force (policy, &bl->date))
        {
          line.cap = CIV_WAIVER_CAP_NOT_IN_FORCE;
          if (!told_force)
            {
              g_autofree char *day =
                g_date_valid (&bl->date) ? civ_date_format_iso (&bl->date) : g_strdup ("?");

              civ_findings_add (a->findings, "R-F8", CIV_SEVERITY_REFUSE,
                                _ ("The policy %s is not in force on %s; use the policy of that "
                                   "day"),
                                policy->version, day);
              told_force = TRUE;
            }
        }
      else if (wi == NULL)
        {
          line.cap = CIV_WAIVER_CAP_NOT_COVERED;
          if (g_hash_table_add (told_items, bl->item))
            civ_findings_add (a->findings, "R-F8", CIV_SEVERITY_INFO,
                              _ ("“%s” is not a basic service the policy covers; the family "
                                 "pays it"),
                              bl->item);
        }
      else
        {
          gint64 units = bl->quantity;
          gint64 per = bl->unit_price_fen;

          if (wi->cap_fen >= 0 && per > wi->cap_fen)
            {
              per = wi->cap_fen;
              line.cap = CIV_WAIVER_CAP_ITEM;
            }
          if (wi->max_units >= 0 && units > wi->max_units)
            {
              units = wi->max_units;
              line.cap = CIV_WAIVER_CAP_UNITS;
            }
          line.covered_fen = per * units;
          if (line.cap == CIV_WAIVER_CAP_ITEM)
            {
              g_autofree char *cap = civ_fen_format (wi->cap_fen);

              civ_findings_add (a->findings, "R-F8", CIV_SEVERITY_INFO,
                                _ ("Line %u (%s): the policy covers at most %s yuan a unit"), i + 1,
                                bl->item, cap);
            }
          else if (line.cap == CIV_WAIVER_CAP_UNITS)
            civ_findings_add (a->findings, "R-F8", CIV_SEVERITY_INFO,
                              _ ("Line %u (%s): the policy covers at most %d days or years; the "
                                 "family pays the rest"),
                              i + 1, bl->item, (int) wi->max_units);
          if (body_left >= 0 && line.covered_fen > body_left)
            {
              line.covered_fen = body_left;
              line.cap = CIV_WAIVER_CAP_BODY;
              if (!told_body)
                {
                  g_autofree char *cap = civ_fen_format (policy->body_cap_fen);

                  civ_findings_add (a->findings, "R-F8", CIV_SEVERITY_INFO,
                                    _ ("The policy’s cap of %s yuan per body is reached; the "
                                       "family pays the rest"),
                                    cap);
                  told_body = TRUE;
                }
            }
          if (body_left >= 0)
            body_left -= line.covered_fen;
        }
      line.family_fen = line.amount_fen - line.covered_fen;
      a->total_fen += line.amount_fen;
      a->covered_fen += line.covered_fen;
      a->family_fen += line.family_fen;
      g_array_append_val (a->lines, line);
    }
  return a;
}

/* The case file */

static const char *const case_members[] = { "group", "resident", "evidence", "bill", NULL };
static const char *const line_members[] = { "item", "quantity", "date", "unit_price_fen", NULL };

void
civ_waiver_input_free (CivWaiverInput *input)
{
  if (input == NULL)
    return;
  g_clear_object (&input->parser);
  g_clear_pointer (&input->bill, civ_fee_bill_free);
  g_free (input);
}

static gboolean
parse_line (JsonNode *node, guint index, CivFeeBill *bill, GError **error)
{
  JsonObject *o;
  JsonNode   *q;
  const char *item = NULL;
  GDate       date;
  gint64      price;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT, _ ("bill line %u must be an object"),
                   index + 1);
      return FALSE;
    }
  o = json_node_get_object (node);
  if (!civ_json_members_only_known (o, line_members, error) ||
      !civ_json_member_string (o, "item", &item, error) ||
      !civ_json_member_date (o, "date", TRUE, &date, error) ||
      !civ_funeral_member_fen (o, "unit_price_fen", FALSE, &price, error))
    {
      g_prefix_error (error, _ ("bill line %u: "), index + 1);
      return FALSE;
    }
  if (item == NULL || *item == '\0' || strlen (item) > CIV_FUNERAL_CODE_MAX)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                   _ ("bill line %u: “item” (the fee item’s code) is required"), index + 1);
      return FALSE;
    }
  q = json_object_get_member (o, "quantity");
  if (q == NULL || json_node_get_value_type (q) != G_TYPE_INT64 || json_node_get_int (q) < 1 ||
      json_node_get_int (q) > CIV_FEE_MAX_QUANTITY)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                   _ ("bill line %u (%s): “quantity” must be a whole number from 1 to %d"),
                   index + 1, item, (int) CIV_FEE_MAX_QUANTITY);
      return FALSE;
    }
  civ_fee_bill_add (bill, item, json_node_get_int (q), &date, price);
  return TRUE;
}

CivWaiverInput *
civ_waiver_input_parse (const char *data, gsize len, GError **error)
{
  g_autoptr (CivWaiverInput) input = NULL;
  JsonNode   *root;
  JsonObject *o;
  JsonNode   *bill;
  JsonArray  *lines;
  const char *group = NULL;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  input = g_new0 (CivWaiverInput, 1);
  input->bill = civ_fee_bill_new ();
  input->parser = civ_json_parse_outside (data, len, CIV_JSON_GUARD_INPUT_MAX,
                                          CIV_JSON_GUARD_NO_DUPLICATES, error);
  if (input->parser == NULL)
    return NULL;
  root = json_parser_get_root (input->parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                           _ ("The file must hold one JSON object"));
      return NULL;
    }
  o = json_node_get_object (root);
  if (!civ_json_members_only_known (o, case_members, error) ||
      !civ_json_member_string (o, "group", &group, error) ||
      !civ_json_member_bool (o, "resident", FALSE, &input->facts.resident, error) ||
      !civ_json_member_string (o, "evidence", &input->facts.evidence, error))
    return NULL;
  input->facts.group = civ_waiver_group_from_string (group ? group : "none");
  if (input->facts.group == CIV_WAIVER_GROUP_INVALID ||
      input->facts.group == CIV_WAIVER_GROUP_ALL_RESIDENTS)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                   _ ("“group” must be none, dibao, tekun, sanwu, unidentified or youfu, not “%s”"),
                   group);
      return NULL;
    }
  bill = json_object_get_member (o, "bill");
  if (bill == NULL || !JSON_NODE_HOLDS_ARRAY (bill) ||
      json_array_get_length (lines = json_node_get_array (bill)) == 0 ||
      json_array_get_length (lines) > CIV_FEE_MAX_LINES)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                   _ ("“bill” must be a list of 1 to %d lines"), CIV_FEE_MAX_LINES);
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (lines); i++)
    if (!parse_line (json_array_get_element (lines, i), i, input->bill, error))
      return NULL;
  return g_steal_pointer (&input);
}

const CivWaiverCase *
civ_waiver_input_get_case (CivWaiverInput *input)
{
  return &input->facts;
}

CivFeeBill *
civ_waiver_input_get_bill (CivWaiverInput *input)
{
  return input->bill;
}
