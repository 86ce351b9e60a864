// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-json.c — small JSON objects built with json-glib */
#include "civ-json.h"

#include <json-glib/json-glib.h>

struct _CivJson
{
  JsonBuilder *builder;
  gboolean     finished;
};

CivJson *
civ_json_new (void)
{
  CivJson *json = g_new0 (CivJson, 1);

  json->builder = json_builder_new ();
  json_builder_begin_object (json->builder);
  return json;
}

void
civ_json_free (CivJson *json)
{
  if (json == NULL)
    return;
  g_object_unref (json->builder);
  g_free (json);
}

void
civ_json_string (CivJson *json, const char *key, const char *value)
{
  g_return_if_fail (json != NULL && !json->finished);
  json_builder_set_member_name (json->builder, key);
  if (value)
    json_builder_add_string_value (json->builder, value);
  else
    json_builder_add_null_value (json->builder);
}

void
civ_json_int (CivJson *json, const char *key, gint64 value)
{
  g_return_if_fail (json != NULL && !json->finished);
  json_builder_set_member_name (json->builder, key);
  json_builder_add_int_value (json->builder, value);
}

void
civ_json_bool (CivJson *json, const char *key, gboolean value)
{
  g_return_if_fail (json != NULL && !json->finished);
  json_builder_set_member_name (json->builder, key);
  json_builder_add_boolean_value (json->builder, value);
}

void
civ_json_strv (CivJson *json, const char *key, const char *const *values)
{
  g_return_if_fail (json != NULL && !json->finished);
  json_builder_set_member_name (json->builder, key);
  json_builder_begin_array (json->builder);
  for (guint i = 0; values && values[i]; i++)
    json_builder_add_string_value (json->builder, values[i]);
  json_builder_end_array (json->builder);
}

char *
civ_json_finish (CivJson *json)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  g_return_val_if_fail (json != NULL && !json->finished, NULL);
  json->finished = TRUE;
  json_builder_end_object (json->builder);
  root = json_builder_get_root (json->builder);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

JsonParser *
civ_json_parse_outside (
  const char *data, gsize len, gsize max_bytes, CivJsonGuardFlags flags, GError **error)
{
  return civ_json_guard_parse (data, len, max_bytes, flags, error);
}

JsonParser *
civ_json_parse_outside_file (const char       *path,
                             gsize             max_bytes,
                             CivJsonGuardFlags flags,
                             GError          **error)
{
  g_autofree char *data = NULL;
  gsize            len = 0;

  if (!civ_json_guard_read_file (path, max_bytes, &data, &len, error))
    return NULL;
  return civ_json_guard_parse (data, len, max_bytes, flags, error);
}
