// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-funeral-report.c — a funeral case's report to the province (R-X3,
 * docs/provincial-protocol.md §3, "Funeral cases") */
#include "civ-funeral-report.h"

#include <json-glib/json-glib.h>
#include <string.h>

static const struct
{
  const char *state;
  const char *service;
} services[] = {
  { "DEATH_REPORTED", "report" },            /* 报丧 */
  { "COLLECTED", "collection" },             /* 遗体接运 */
  { "STORED", "storage" },                   /* 暂存/冷藏 */
  { "DEATH_CERT_VERIFIED", "verification" }, /* 死亡证明核验 */
  { "CREMATED", "cremation" },               /* 火化 */
  { "BURIAL_EXEMPT", "burial-exempt" },      /* 土葬改革区少数民族免于火化 (R-F3) */
  { "ASHES_RETURNED", "ashes-returned" },    /* 骨灰领回 */
  { "ASHES_DEPOSITED", "ash-storage" },      /* 骨灰寄存 */
  { "ECO_BURIAL", "eco-burial" },            /* 节地生态安葬 (R-F11) */
  { "CEMETERY", "cemetery" },                /* 公墓安葬 */
};

/* The states that give the ashes their destination: the report of a case
 * in one of them is version 2. */
static const char *const destinations[] = { "ASHES_RETURNED", "ASHES_DEPOSITED", "ECO_BURIAL",
                                            "CEMETERY", NULL };

const char *
civ_funeral_report_service (const char *state)
{
  for (guint i = 0; state != NULL && i < G_N_ELEMENTS (services); i++)
    if (strcmp (state, services[i].state) == 0)
      return services[i].service;
  return NULL;
}

int
civ_funeral_report_version (const CivFuneralCaseRow *row, GPtrArray *events)
{
  gboolean deposited = FALSE;

  if (row->state == NULL || !g_strv_contains (destinations, row->state))
    return 1;
  for (guint i = 0; events != NULL && i < events->len; i++)
    if (g_strcmp0 (((CivFuneralEventRow *) g_ptr_array_index (events, i))->state,
                   "ASHES_DEPOSITED") == 0)
      deposited = TRUE;
  /* Deposited ashes taken home, buried or given an eco burial later. */
  return deposited && strcmp (row->state, "ASHES_DEPOSITED") != 0 ? 3 : 2;
}

static void
add_string (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value ? value : "");
}

/* @value, or null when NULL or "". */
static void
add_string_or_null (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL && *value != '\0')
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_int (JsonBuilder *b, const char *name, gint64 value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
add_deceased (JsonBuilder *b, const CivFuneralCaseRow *row)
{
  json_builder_set_member_name (b, "deceased");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "unidentified");
  json_builder_add_boolean_value (b, row->unidentified);
  add_string (b, "description", row->description);
  add_string (b, "name", row->deceased_name);
  add_int (b, "sex", row->sex);
  add_string (b, "ethnicity", row->ethnicity);
  add_string (b, "country", row->country);
  add_string (b, "doc_kind", row->doc_kind);
  add_string_or_null (b, "doc_number", row->doc_number);
  add_string_or_null (b, "birth_date", row->birth_date);
  add_string_or_null (b, "death_at", row->death_at);
  add_int (b, "death_place", row->death_place);
  add_int (b, "marital_status", row->marital_status);
  add_string (b, "address", row->address);
  add_string (b, "cause_of_death", row->cause_of_death);
  add_string_or_null (b, "death_certificate_no", row->death_certificate_no);
  json_builder_end_object (b);
}

/* The agent (经办人) as the one contact; none when the case has no agent
 * (an unidentified body the police brought). */
static void
add_contacts (JsonBuilder *b, const CivFuneralCaseRow *row)
{
  json_builder_set_member_name (b, "contacts");
  json_builder_begin_array (b);
  if (row->agent_name != NULL && *row->agent_name != '\0')
    {
      json_builder_begin_object (b);
      add_string (b, "role", "agent");
      add_string (b, "name", row->agent_name);
      add_string_or_null (b, "doc_number", row->agent_doc_number);
      add_string (b, "relationship", row->agent_relationship);
      add_string (b, "phone", row->agent_phone);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_services (JsonBuilder *b, GPtrArray *events)
{
  json_builder_set_member_name (b, "services");
  json_builder_begin_array (b);
  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      const CivFuneralEventRow *e = g_ptr_array_index (events, i);
      const char               *service = civ_funeral_report_service (e->state);
      JsonNode                 *detail = NULL;

      if (service == NULL)
        continue;
      if (e->detail != NULL)
        detail = json_from_string (e->detail, NULL);
      if (detail != NULL && !JSON_NODE_HOLDS_OBJECT (detail))
        g_clear_pointer (&detail, json_node_unref);
      json_builder_begin_object (b);
      add_string (b, "service", service);
      add_string (b, "state", e->state);
      add_string_or_null (b, "from_state", e->from_state);
      add_string (b, "at", e->at);
      json_builder_set_member_name (b, "detail");
      if (detail != NULL)
        json_builder_add_value (b, detail);
      else
        {
          json_builder_begin_object (b);
          json_builder_end_object (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

char *
civ_funeral_report_payload (const CivFuneralCaseRow *row,
                            GPtrArray               *events,
                            const char              *prices_json)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) prices = NULL;
  g_autoptr (JsonNode) root = NULL;

  g_return_val_if_fail (row != NULL, NULL);
  if (prices_json != NULL)
    {
      JsonArray *array;

      prices = json_from_string (prices_json, NULL);
      if (prices == NULL || !JSON_NODE_HOLDS_ARRAY (prices))
        return NULL;
      array = json_node_get_array (prices);
      for (guint i = 0; i < json_array_get_length (array); i++)
        if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, i)))
          return NULL;
    }

  json_builder_begin_object (b);
  add_string (b, "kind", "funeral");
  add_string (b, "record_id", row->record_id);
  add_int (b, "version", civ_funeral_report_version (row, events));
  add_string (b, "case_no", row->case_no);
  add_string (b, "office_code", row->office_code);
  add_string (b, "state", row->state);
  add_string (b, "reported_on", row->reported_on);
  add_string_or_null (b, "closed_on", row->closed_on);
  add_deceased (b, row);
  add_contacts (b, row);
  add_services (b, events);
  json_builder_set_member_name (b, "prices");
  if (prices != NULL)
    json_builder_add_value (b, g_steal_pointer (&prices));
  else
    {
      json_builder_begin_array (b);
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}
