// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-json-members.c — the members of a JSON object read strictly */
#include "civ-json-members.h"

#include <glib/gi18n-lib.h>

#include "civ-app-error.h"
#include "civ-calendar.h"

gboolean
civ_json_members_only_known (JsonObject *o, const char *const *known, GError **error)
{
  JsonObjectIter iter;
  const char    *name;

  json_object_iter_init (&iter, o);
  while (json_object_iter_next (&iter, &name, NULL))
    if (!g_strv_contains (known, name))
      {
        g_autofree char *shown = g_strescape (name, NULL);

        g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                     _ ("“%s” is not a member of this format (docs/cli-rules.md); check its "
                        "spelling"),
                     shown);
        return FALSE;
      }
  return TRUE;
}

gboolean
civ_json_member_bool (
  JsonObject *o, const char *name, gboolean fallback, gboolean *out, GError **error)
{
  JsonNode *node;

  if (!json_object_has_member (o, name))
    {
      *out = fallback;
      return TRUE;
    }
  node = json_object_get_member (o, name);
  if (json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT, _ ("“%s” must be true or false"),
                   name);
      return FALSE;
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
civ_json_member_string (JsonObject *o, const char *name, const char **out, GError **error)
{
  JsonNode *node;

  *out = NULL;
  if (!json_object_has_member (o, name))
    return TRUE;
  node = json_object_get_member (o, name);
  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT, _ ("“%s” must be a string"), name);
      return FALSE;
    }
  *out = json_node_get_string (node);
  return TRUE;
}

gboolean
civ_json_member_date (
  JsonObject *o, const char *name, gboolean required, GDate *out, GError **error)
{
  const char *text;

  g_date_clear (out, 1);
  if (!civ_json_member_string (o, name, &text, error))
    return FALSE;
  if (text != NULL && !civ_date_parse_iso (text, out))
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                   _ ("“%s”: “%s” is not a real date in the form YYYY-MM-DD"), name, text);
      return FALSE;
    }
  if (text == NULL && required)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT, _ ("“%s” (YYYY-MM-DD) is required"),
                   name);
      return FALSE;
    }
  return TRUE;
}
