// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-province-funeral.c — what the province requires of a funeral case's
 * report (docs/provincial-protocol.md §3, "Funeral cases"; the MZ/T
 * 141-2019 entities of domain.md R-X3): the case, the deceased, the
 * contacts, the services and the prices, each member of its type; version
 * 1 at the cremation or the burial exemption, 2 at the ashes' destination;
 * the step reported among the services; a price line whose amount is its
 * quantity times its unit price. */
#include "civ-province-funeral.h"

#include <string.h>

#define FEN_MAX G_GINT64_CONSTANT (100000000)
#define QUANTITY_MAX G_GINT64_CONSTANT (100000)

static const char *const first_states[] = { "CREMATED", "BURIAL_EXEMPT", NULL };
static const char *const final_states[] = { "ASHES_RETURNED", "ASHES_DEPOSITED", "ECO_BURIAL",
                                            "CEMETERY", NULL };
static const char *const units[] = { "body", "day", "year", "piece", "km", NULL };
static const char *const services[][2] = {
  { "report", "DEATH_REPORTED" },
  { "collection", "COLLECTED" },
  { "storage", "STORED" },
  { "verification", "DEATH_CERT_VERIFIED" },
  { "cremation", "CREMATED" },
  { "burial-exempt", "BURIAL_EXEMPT" },
  { "ashes-returned", "ASHES_RETURNED" },
  { "ash-storage", "ASHES_DEPOSITED" },
  { "eco-burial", "ECO_BURIAL" },
  { "cemetery", "CEMETERY" },
};

/* The member @name when it holds a value of @type (or null when
 * @nullable); JSON_TYPE_OBJECT / JSON_TYPE_ARRAY for those nodes. */
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

/* The string member @name, NULL when absent, null or not a string. */
static const char *
string_of (JsonObject *o, const char *name)
{
  return is_type (o, name, G_TYPE_STRING, FALSE) ? json_object_get_string_member (o, name) : NULL;
}

static gboolean
non_empty (JsonObject *o, const char *name)
{
  const char *s = string_of (o, name);

  return s != NULL && *s != '\0';
}

/* A non-empty string or null. */
static gboolean
non_empty_or_null (JsonObject *o, const char *name)
{
  return is_type (o, name, G_TYPE_STRING, TRUE) &&
         (JSON_NODE_HOLDS_NULL (json_object_get_member (o, name)) || non_empty (o, name));
}

static gboolean
int_in (JsonObject *o, const char *name, gint64 min, gint64 max, gint64 *out)
{
  gint64 v;

  if (!is_type (o, name, G_TYPE_INT64, FALSE))
    return FALSE;
  v = json_object_get_int_member (o, name);
  if (out != NULL)
    *out = v;
  return v >= min && v <= max;
}

static gboolean
one_of (JsonObject *o, const char *name, const gint64 *values, guint n)
{
  gint64 v;

  if (!int_in (o, name, G_MININT64, G_MAXINT64, &v))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (values[i] == v)
      return TRUE;
  return FALSE;
}

static gboolean
digits (const char *s, gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

/* YYYY-MM-DD, a day that exists. */
static gboolean
date_ok (const char *s)
{
  if (s == NULL || strlen (s) != 10 || s[4] != '-' || s[7] != '-' || !digits (s, 4) ||
      !digits (s + 5, 2) || !digits (s + 8, 2))
    return FALSE;
  return g_date_valid_dmy ((GDateDay) g_ascii_strtoull (s + 8, NULL, 10),
                           (GDateMonth) g_ascii_strtoull (s + 5, NULL, 10),
                           (GDateYear) g_ascii_strtoull (s, NULL, 10));
}

/* YYYY-MM-DDTHH:MM, local time. */
static gboolean
date_time_ok (const char *s)
{
  g_autofree char *day = NULL;

  if (s == NULL || strlen (s) != 16 || s[10] != 'T' || s[13] != ':' || !digits (s + 11, 2) ||
      !digits (s + 14, 2))
    return FALSE;
  if (g_ascii_strtoull (s + 11, NULL, 10) > 23 || g_ascii_strtoull (s + 14, NULL, 10) > 59)
    return FALSE;
  day = g_strndup (s, 10);
  return date_ok (day);
}

static gboolean
date_or_null (JsonObject *o, const char *name)
{
  return is_type (o, name, G_TYPE_STRING, TRUE) &&
         (JSON_NODE_HOLDS_NULL (json_object_get_member (o, name)) || date_ok (string_of (o, name)));
}

static char *
check_deceased (JsonObject *d)
{
  static const char *const strings[] = { "ethnicity", "country", "doc_kind", "address",
                                         "cause_of_death" };
  static const gint64      sexes[] = { 0, 1, 2, 9 };
  static const gint64      places[] = { 0, 1, 2, 3, 4, 9 };
  static const gint64      statuses[] = { 1, 2, 3, 4, 9 };
  gboolean                 unidentified;

  if (!is_type (d, "unidentified", G_TYPE_BOOLEAN, FALSE))
    return g_strdup ("deceased.unidentified must be true or false");
  unidentified = json_object_get_boolean_member (d, "unidentified");
  if (!is_type (d, "description", G_TYPE_STRING, FALSE) ||
      !is_type (d, "name", G_TYPE_STRING, FALSE))
    return g_strdup ("deceased.name and deceased.description must be strings");
  if (unidentified && !non_empty (d, "description"))
    return g_strdup ("deceased.description must describe an unidentified body");
  if (!unidentified && !non_empty (d, "name"))
    return g_strdup ("deceased.name must be a non-empty string (or unidentified true)");
  if (!one_of (d, "sex", sexes, G_N_ELEMENTS (sexes)))
    return g_strdup ("deceased.sex must be 0, 1, 2 or 9 (GB/T 2261.1)");
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    if (!is_type (d, strings[i], G_TYPE_STRING, FALSE))
      return g_strdup_printf ("deceased.%s must be a string", strings[i]);
  if (!non_empty_or_null (d, "doc_number"))
    return g_strdup ("deceased.doc_number must be a non-empty string or null");
  if (!date_or_null (d, "birth_date"))
    return g_strdup ("deceased.birth_date must be YYYY-MM-DD or null");
  if (!is_type (d, "death_at", G_TYPE_STRING, TRUE) ||
      (string_of (d, "death_at") != NULL && !date_time_ok (string_of (d, "death_at"))))
    return g_strdup ("deceased.death_at must be YYYY-MM-DDTHH:MM or null");
  if (!one_of (d, "death_place", places, G_N_ELEMENTS (places)))
    return g_strdup ("deceased.death_place must be 0, 1, 2, 3, 4 or 9 (R-F6)");
  if (!one_of (d, "marital_status", statuses, G_N_ELEMENTS (statuses)))
    return g_strdup ("deceased.marital_status must be 1, 2, 3, 4 or 9 (R-F6)");
  if (!non_empty_or_null (d, "death_certificate_no"))
    return g_strdup ("deceased.death_certificate_no must be a non-empty string or null");
  return NULL;
}

static char *
check_contact (JsonObject *c, guint i)
{
  if (g_strcmp0 (string_of (c, "role"), "agent") != 0)
    return g_strdup_printf ("contacts[%u].role must be agent", i);
  if (!non_empty (c, "name"))
    return g_strdup_printf ("contacts[%u].name must be a non-empty string", i);
  if (!non_empty_or_null (c, "doc_number"))
    return g_strdup_printf ("contacts[%u].doc_number must be a non-empty string or null", i);
  if (!is_type (c, "relationship", G_TYPE_STRING, FALSE) ||
      !is_type (c, "phone", G_TYPE_STRING, FALSE))
    return g_strdup_printf ("contacts[%u].relationship and phone must be strings", i);
  return NULL;
}

/* The state a service code stands for, or NULL. */
static const char *
service_state (const char *service)
{
  for (guint i = 0; service != NULL && i < G_N_ELEMENTS (services); i++)
    if (strcmp (service, services[i][0]) == 0)
      return services[i][1];
  return NULL;
}

static char *
check_service (JsonObject *s, guint i)
{
  const char *state = service_state (string_of (s, "service"));

  if (state == NULL)
    return g_strdup_printf ("services[%u].service must be report, collection, storage, "
                            "verification, cremation, burial-exempt, ashes-returned, ash-storage, "
                            "eco-burial or cemetery",
                            i);
  if (g_strcmp0 (string_of (s, "state"), state) != 0)
    return g_strdup_printf ("services[%u].state must be %s for the service %s", i, state,
                            string_of (s, "service"));
  if (!non_empty_or_null (s, "from_state"))
    return g_strdup_printf ("services[%u].from_state must be a state or null", i);
  if (!date_time_ok (string_of (s, "at")))
    return g_strdup_printf ("services[%u].at must be YYYY-MM-DDTHH:MM", i);
  if (!is_type (s, "detail", JSON_TYPE_OBJECT, FALSE))
    return g_strdup_printf ("services[%u].detail must be an object", i);
  return NULL;
}

static char *
check_price (JsonObject *p, guint i)
{
  gint64      quantity = 0, unit_price = 0, amount = 0, waived = 0;
  const char *item = string_of (p, "item");

  if (item == NULL || *item == '\0' || g_utf8_strlen (item, -1) > 32)
    return g_strdup_printf ("prices[%u].item must be the fee list's code (1 to 32 characters)", i);
  if (!is_type (p, "name", G_TYPE_STRING, FALSE))
    return g_strdup_printf ("prices[%u].name must be a string", i);
  if (string_of (p, "unit") == NULL || !g_strv_contains (units, string_of (p, "unit")))
    return g_strdup_printf ("prices[%u].unit must be body, day, year, piece or km", i);
  if (!int_in (p, "quantity", 1, QUANTITY_MAX, &quantity))
    return g_strdup_printf ("prices[%u].quantity must be a whole number from 1 to 100000", i);
  if (!int_in (p, "unit_price_fen", 0, FEN_MAX, &unit_price))
    return g_strdup_printf ("prices[%u].unit_price_fen must be whole fen from 0 to 100000000", i);
  if (!int_in (p, "amount_fen", 0, G_MAXINT64, &amount) || amount != quantity * unit_price)
    return g_strdup_printf ("prices[%u].amount_fen must be quantity times unit_price_fen", i);
  if (!int_in (p, "waived_fen", 0, amount, &waived))
    return g_strdup_printf ("prices[%u].waived_fen must be whole fen from 0 to amount_fen", i);
  if (!date_ok (string_of (p, "date")))
    return g_strdup_printf ("prices[%u].date must be YYYY-MM-DD", i);
  return NULL;
}

typedef char *(*CheckItem) (JsonObject *o, guint i);

/* Checks each element of the array member @name with @check. */
static char *
check_array (JsonObject *payload, const char *name, CheckItem check)
{
  JsonArray *array;

  if (!is_type (payload, name, JSON_TYPE_ARRAY, FALSE))
    return g_strdup_printf ("%s must be an array", name);
  array = json_object_get_array_member (payload, name);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      char     *reason;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return g_strdup_printf ("%s[%u] must be an object", name, i);
      reason = check (json_node_get_object (node), i);
      if (reason != NULL)
        return reason;
    }
  return NULL;
}

/* TRUE when a service of @services is the step to @state. */
static gboolean
has_step (JsonObject *payload, const char *state)
{
  JsonArray *array = json_object_get_array_member (payload, "services");

  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (string_of (json_array_get_object_element (array, i), "state"), state) == 0)
      return TRUE;
  return FALSE;
}

char *
civ_province_check_funeral (JsonObject *payload)
{
  const char *text;
  const char *state;
  gint64      version = 0;
  char       *reason;

  if (g_strcmp0 (string_of (payload, "kind"), "funeral") != 0)
    return g_strdup ("payload.kind must be \"funeral\"");
  if (!non_empty (payload, "record_id"))
    return g_strdup ("record_id must be a non-empty string");
  if (!int_in (payload, "version", 1, 3, &version))
    return g_strdup ("version must be 1 (cremated or burial-exempt), 2 (the ashes' destination) "
                     "or 3 (deposited ashes moved on)");
  if (!non_empty (payload, "case_no"))
    return g_strdup ("case_no must be a non-empty string");
  text = string_of (payload, "office_code");
  if (text == NULL || strlen (text) != 6 || !digits (text, 6))
    return g_strdup ("office_code must be six digits (GB/T 2260)");
  state = string_of (payload, "state");
  if (version == 1 && (state == NULL || !g_strv_contains (first_states, state)))
    return g_strdup ("state must be CREMATED or BURIAL_EXEMPT in version 1");
  if (version == 2 && (state == NULL || !g_strv_contains (final_states, state)))
    return g_strdup ("state must be ASHES_RETURNED, ASHES_DEPOSITED, ECO_BURIAL or CEMETERY in "
                     "version 2");
  if (version == 3 && (g_strcmp0 (state, "ASHES_DEPOSITED") == 0 ||
                       !g_strv_contains (final_states, state ? state : "")))
    return g_strdup ("state must be ASHES_RETURNED, ECO_BURIAL or CEMETERY in version 3");
  if (!date_ok (string_of (payload, "reported_on")))
    return g_strdup ("reported_on must be YYYY-MM-DD");
  if (!date_or_null (payload, "closed_on"))
    return g_strdup ("closed_on must be YYYY-MM-DD or null");
  if (string_of (payload, "closed_on") != NULL &&
      strcmp (string_of (payload, "closed_on"), string_of (payload, "reported_on")) < 0)
    return g_strdup ("closed_on must not be before reported_on");
  if (!is_type (payload, "deceased", JSON_TYPE_OBJECT, FALSE))
    return g_strdup ("deceased must be an object");
  if ((reason = check_deceased (json_object_get_object_member (payload, "deceased"))) != NULL ||
      (reason = check_array (payload, "contacts", check_contact)) != NULL ||
      (reason = check_array (payload, "services", check_service)) != NULL ||
      (reason = check_array (payload, "prices", check_price)) != NULL)
    return reason;
  if (!has_step (payload, state))
    return g_strdup_printf ("services must hold the step to %s that is reported", state);
  if (version == 3 && !has_step (payload, "ASHES_DEPOSITED"))
    return g_strdup ("services must hold the deposit that version 3 moves on from");
  if (version >= 2 && !has_step (payload, "CREMATED"))
    return g_strdup ("services must hold the cremation before the ashes' destination");
  return NULL;
}
