// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-province-adoption.c — what the province requires of an adoption
 * report (docs/provincial-protocol.md §3, "Adoptions"): the event and its
 * date, the certificate, the office, a dissolution's proof number, the
 * child and one or two adopters;
 * never the birth parents or any other placer (R-A13). */
#include "civ-province-adoption.h"

#include <string.h>

static const char *const events[] = { "registered", "dissolved", "revoked", NULL };

static const char *
string_member (JsonObject *o, const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

static gboolean
has_null (JsonObject *o, const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  return n != NULL && JSON_NODE_HOLDS_NULL (n);
}

static gboolean
int_member (JsonObject *o, const char *name, gint64 *out)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (n);
  return TRUE;
}

/* YYYY-MM-DD, a day that exists. */
static gboolean
date_ok (const char *s)
{
  if (s == NULL || strlen (s) != 10 || s[4] != '-' || s[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (s[i]))
      return FALSE;
  return g_date_valid_dmy ((GDateDay) g_ascii_strtoull (s + 8, NULL, 10),
                           (GDateMonth) g_ascii_strtoull (s + 5, NULL, 10),
                           (GDateYear) g_ascii_strtoull (s, NULL, 10));
}

static char *
check_party (JsonObject *p, guint i, guint *children, guint *adopters)
{
  const char *role = string_member (p, "role");
  const char *name = string_member (p, "name");
  const char *birth = string_member (p, "birth_date");
  gint64      sex = -1;

  if (g_strcmp0 (role, "child") == 0)
    (*children)++;
  else if (g_strcmp0 (role, "adopter") == 0)
    (*adopters)++;
  else if (g_strcmp0 (role, "placer") == 0)
    return g_strdup_printf ("parties[%u]: the birth parents and other placers are never reported "
                            "(R-A13)",
                            i);
  else
    return g_strdup_printf ("parties[%u].role must be child or adopter", i);
  if (name == NULL || *name == '\0')
    return g_strdup_printf ("parties[%u].name must be a non-empty string", i);
  if (!int_member (p, "sex", &sex) || (sex != 0 && sex != 1 && sex != 2 && sex != 9))
    return g_strdup_printf ("parties[%u].sex must be 0, 1, 2 or 9 (GB/T 2261.1)", i);
  if (!has_null (p, "birth_date") && !date_ok (birth))
    return g_strdup_printf ("parties[%u].birth_date must be YYYY-MM-DD or null", i);
  if (string_member (p, "doc_kind") == NULL)
    return g_strdup_printf ("parties[%u].doc_kind must be a string", i);
  if (!has_null (p, "doc_number") &&
      (string_member (p, "doc_number") == NULL || *string_member (p, "doc_number") == '\0'))
    return g_strdup_printf ("parties[%u].doc_number must be a non-empty string or null", i);
  return NULL;
}

char *
civ_province_check_adoption (JsonObject *payload)
{
  const char *text;
  JsonNode   *node;
  JsonArray  *parties;
  gint64      version = 0;
  guint       children = 0, adopters = 0;

  if (g_strcmp0 (string_member (payload, "kind"), "adoption") != 0)
    return g_strdup ("payload.kind must be \"adoption\"");
  text = string_member (payload, "record_id");
  if (text == NULL || *text == '\0')
    return g_strdup ("record_id must be a non-empty string");
  if (!int_member (payload, "version", &version) || version < 1)
    return g_strdup ("version must be a number from 1");
  if (!g_strv_contains (events,
                        string_member (payload, "event") ? string_member (payload, "event") : ""))
    return g_strdup ("event must be registered, dissolved or revoked");
  if (!date_ok (string_member (payload, "event_date")))
    return g_strdup ("event_date must be YYYY-MM-DD");
  text = string_member (payload, "certificate_no");
  if (text == NULL || *text == '\0')
    return g_strdup ("certificate_no must be a non-empty string");
  if (!date_ok (string_member (payload, "registered_on")))
    return g_strdup ("registered_on must be YYYY-MM-DD");
  if (strcmp (string_member (payload, "event_date"), string_member (payload, "registered_on")) < 0)
    return g_strdup ("event_date must not be before registered_on");
  text = string_member (payload, "office_code");
  if (text == NULL || strlen (text) != 6 || strspn (text, "0123456789") != 6)
    return g_strdup ("office_code must be six digits (GB/T 2260)");
  /* A dissolution names its proof (解除收养关系证明, R-A14); nothing else does. */
  text = string_member (payload, "dissolution_no");
  if (g_str_equal (string_member (payload, "event"), "dissolved"))
    {
      if (text == NULL || *text == '\0')
        return g_strdup ("dissolution_no must be a non-empty string when event is dissolved");
    }
  else if (json_object_has_member (payload, "dissolution_no"))
    return g_strdup ("dissolution_no is only given when event is dissolved");
  node = json_object_get_member (payload, "parties");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return g_strdup ("parties must be an array");
  parties = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (parties); i++)
    {
      JsonNode *p = json_array_get_element (parties, i);
      char     *reason;

      if (!JSON_NODE_HOLDS_OBJECT (p))
        return g_strdup_printf ("parties[%u] must be an object", i);
      reason = check_party (json_node_get_object (p), i, &children, &adopters);
      if (reason != NULL)
        return reason;
    }
  if (children != 1 || adopters < 1 || adopters > 2)
    return g_strdup ("parties must hold exactly one child and one or two adopters");
  return NULL;
}
