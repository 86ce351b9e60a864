// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-province-json.c — request members read the same way by every module */
#include "civ-province-json.h"

#include <string.h>

const char *
civ_province_string_of (JsonObject *o, const char *name)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

gboolean
civ_province_office_ok (const char *s)
{
  if (s == NULL || strlen (s) != 6)
    return FALSE;
  for (guint i = 0; i < 6; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}
