// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-province-historical.c — what the province requires of a historical
 * record (docs/provincial-protocol.md §3, "Historical records"): the
 * members and their types, a date as precise as the source ("1985",
 * "1985-06", "1985-06-12"), the document status and a document number
 * present exactly when the status is PRESENT. */
#include "civ-province-historical.h"

#include <stdlib.h>
#include <string.h>

static const char *const record_kinds[] = { "marriage", "divorce", "reissue", "revocation", NULL };
static const char *const number_eras[] = { "none", "pre-2003", "interim-2003", "national", NULL };
static const char *const doc_statuses[] = { "PRESENT", "ABSENT_PRE_ID", "ABSENT_UNKNOWN", NULL };

static gboolean
in_list (const char *value, const char *const *list)
{
  return value != NULL && g_strv_contains (list, value);
}

static gboolean
is_type (JsonObject *o, const char *name, GType type, gboolean nullable)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_NULL (n))
    return nullable;
  if (type == JSON_TYPE_OBJECT)
    return JSON_NODE_HOLDS_OBJECT (n);
  if (type == JSON_TYPE_ARRAY)
    return JSON_NODE_HOLDS_ARRAY (n);
  return JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == type;
}

static const char *
string_or_null (JsonObject *o, const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  return n && JSON_NODE_HOLDS_VALUE (n) ? json_node_get_string (n) : NULL;
}

static gboolean
digits (const char *s, gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

/* "YYYY", "YYYY-MM" or "YYYY-MM-DD", a day that exists, from 1800 (a
 * party of a 1950 entry may be born in the 1880s). */
static gboolean
partial_date_ok (const char *s)
{
  gsize len = s ? strlen (s) : 0;
  int   year, month = 1, day = 1;

  if ((len != 4 && len != 7 && len != 10) || !digits (s, 4))
    return FALSE;
  year = atoi (s);
  if (year < 1800)
    return FALSE;
  if (len >= 7)
    {
      if (s[4] != '-' || !digits (s + 5, 2))
        return FALSE;
      month = (s[5] - '0') * 10 + (s[6] - '0');
      if (month < 1 || month > 12)
        return FALSE;
    }
  if (len == 10)
    {
      if (s[7] != '-' || !digits (s + 8, 2))
        return FALSE;
      day = (s[8] - '0') * 10 + (s[9] - '0');
    }
  return g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

static char *
check_party (JsonObject *p, guint i)
{
  static const char *const strings[] = { "nationality", "ethnicity", "occupation", "doc_kind" };
  const char              *status;
  const char              *name;
  gboolean                 absent;

  name = is_type (p, "name", G_TYPE_STRING, FALSE) ? string_or_null (p, "name") : NULL;
  if (name == NULL || *name == '\0')
    return g_strdup_printf ("parties[%u].name must be a non-empty string", i);
  if (!is_type (p, "sex", G_TYPE_INT64, FALSE))
    return g_strdup_printf ("parties[%u].sex must be a number (GB/T 2261.1)", i);
  {
    gint64 sex = json_object_get_int_member (p, "sex");

    if (sex != 0 && sex != 1 && sex != 2 && sex != 9)
      return g_strdup_printf ("parties[%u].sex must be 0, 1, 2 or 9 (GB/T 2261.1)", i);
  }
  if (!is_type (p, "birth_date", G_TYPE_STRING, TRUE) ||
      (string_or_null (p, "birth_date") && !partial_date_ok (string_or_null (p, "birth_date"))))
    return g_strdup_printf ("parties[%u].birth_date must be YYYY, YYYY-MM, YYYY-MM-DD or null", i);
  for (guint k = 0; k < G_N_ELEMENTS (strings); k++)
    if (!is_type (p, strings[k], G_TYPE_STRING, FALSE))
      return g_strdup_printf ("parties[%u].%s must be a string", i, strings[k]);
  if (!is_type (p, "status_before", G_TYPE_INT64, FALSE))
    return g_strdup_printf ("parties[%u].status_before must be a number (GB/T 2261.2)", i);
  status =
    is_type (p, "doc_status", G_TYPE_STRING, FALSE) ? string_or_null (p, "doc_status") : NULL;
  if (!in_list (status, doc_statuses))
    return g_strdup_printf (
      "parties[%u].doc_status must be PRESENT, ABSENT_PRE_ID or ABSENT_UNKNOWN", i);
  if (!is_type (p, "doc_number", G_TYPE_STRING, TRUE))
    return g_strdup_printf ("parties[%u].doc_number must be a string or null", i);
  absent = g_str_has_prefix (status, "ABSENT_");
  if (absent && string_or_null (p, "doc_number") != NULL)
    return g_strdup_printf ("parties[%u].doc_number must be null when doc_status is %s", i, status);
  if (!absent &&
      (string_or_null (p, "doc_number") == NULL || *string_or_null (p, "doc_number") == '\0'))
    return g_strdup_printf ("parties[%u].doc_number is missing but doc_status is PRESENT", i);
  return NULL;
}

char *
civ_province_check_historical (JsonObject *payload)
{
  const char *text;
  JsonObject *source;
  JsonArray  *parties;
  guint       n;

  if (g_strcmp0 (string_or_null (payload, "kind"), "historical") != 0)
    return g_strdup ("payload.kind must be \"historical\"");
  text = is_type (payload, "record_kind", G_TYPE_STRING, FALSE)
           ? string_or_null (payload, "record_kind")
           : NULL;
  if (!in_list (text, record_kinds))
    return g_strdup ("record_kind must be marriage, divorce, reissue or revocation");
  text = is_type (payload, "record_id", G_TYPE_STRING, FALSE)
           ? string_or_null (payload, "record_id")
           : NULL;
  if (text == NULL || *text == '\0')
    return g_strdup ("record_id must be a non-empty string");
  if (!is_type (payload, "date", G_TYPE_STRING, FALSE) ||
      !partial_date_ok (string_or_null (payload, "date")))
    return g_strdup ("date must be YYYY, YYYY-MM or YYYY-MM-DD (as precise as the source)");
  if (!is_type (payload, "raw_number", G_TYPE_STRING, TRUE))
    return g_strdup ("raw_number must be a string or null");
  text = is_type (payload, "number_era", G_TYPE_STRING, FALSE)
           ? string_or_null (payload, "number_era")
           : NULL;
  if (!in_list (text, number_eras))
    return g_strdup ("number_era must be none, pre-2003, interim-2003 or national");
  text = is_type (payload, "office_code", G_TYPE_STRING, FALSE)
           ? string_or_null (payload, "office_code")
           : NULL;
  if (text == NULL || strlen (text) != 6 || !digits (text, 6))
    return g_strdup ("office_code must be six digits (GB/T 2260)");
  if (!is_type (payload, "office_name", G_TYPE_STRING, FALSE))
    return g_strdup ("office_name must be a string");
  if (!is_type (payload, "remarks", G_TYPE_STRING, TRUE))
    return g_strdup ("remarks must be a string or null");
  if (!is_type (payload, "source", JSON_TYPE_OBJECT, FALSE))
    return g_strdup ("source must be an object");
  source = json_object_get_object_member (payload, "source");
  /* "" when the source gave none (a spreadsheet without the column). */
  if (!is_type (source, "archive_no", G_TYPE_STRING, FALSE))
    return g_strdup ("source.archive_no must be a string");
  if (!is_type (source, "volume", G_TYPE_STRING, TRUE))
    return g_strdup ("source.volume must be a string or null");
  if (!is_type (source, "page", G_TYPE_INT64, FALSE) ||
      json_object_get_int_member (source, "page") < 0 ||
      !is_type (source, "entry", G_TYPE_INT64, FALSE) ||
      json_object_get_int_member (source, "entry") < 0)
    return g_strdup ("source.page and source.entry must be numbers (0 when not known)");
  if (!is_type (payload, "parties", JSON_TYPE_ARRAY, FALSE))
    return g_strdup ("parties must be an array");
  parties = json_object_get_array_member (payload, "parties");
  n = json_array_get_length (parties);
  if (n < 1 || n > 2)
    return g_strdup ("parties must hold one or two persons");
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (parties, i);
      char     *reason;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return g_strdup_printf ("parties[%u] must be an object", i);
      reason = check_party (json_node_get_object (node), i);
      if (reason)
        return reason;
    }
  return NULL;
}
