// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-countries.c — the GB/T 2659 country table (civ-countries.h) */
#include "civ-countries.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-domain-resources.h"

/* A name longer than this is not a short name (the longest is ~30 bytes). */
#define MAX_NAME_BYTES 120

typedef struct
{
  char  code[4];
  guint numeric;
  char *name;
} CivCountry;

struct _CivCountryTable
{
  GArray     *countries; /* of CivCountry, sorted by code */
  GHashTable *by_code;   /* code → CivCountry * (into countries) */
  GHashTable *by_numeric;
  GPtrArray  *codes; /* NULL-terminated */
};

static void
clear_country (gpointer data)
{
  CivCountry *c = data;

  g_free (c->name);
}

void
civ_country_table_free (CivCountryTable *table)
{
  if (table == NULL)
    return;
  g_clear_pointer (&table->by_code, g_hash_table_unref);
  g_clear_pointer (&table->by_numeric, g_hash_table_unref);
  g_clear_pointer (&table->codes, g_ptr_array_unref);
  g_clear_pointer (&table->countries, g_array_unref);
  g_free (table);
}

static gboolean
line_error (GError **error, guint line, const char *reason)
{
  g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT, _ ("Countries table, line %u: %s"), line,
               reason);
  return FALSE;
}

static gboolean
is_code (const char *s, gsize len)
{
  if (len != 3)
    return FALSE;
  for (gsize i = 0; i < 3; i++)
    if (s[i] < 'A' || s[i] > 'Z')
      return FALSE;
  return TRUE;
}

/* Parses one line (without its '\n'), already known to be UTF-8 without NUL. */
static gboolean
parse_line (const char *s, gsize len, guint line, CivCountry *out, GError **error)
{
  const char *tab1 = memchr (s, '\t', len);
  const char *tab2 = tab1 != NULL ? memchr (tab1 + 1, '\t', len - (tab1 + 1 - s)) : NULL;
  const char *num;
  const char *name;
  gsize       num_len;
  gsize       name_len;

  if (tab1 == NULL || tab2 == NULL || memchr (tab2 + 1, '\t', len - (tab2 + 1 - s)) != NULL)
    return line_error (error, line, _ ("expected three fields separated by tabs"));
  if (!is_code (s, tab1 - s))
    return line_error (error, line, _ ("the code is not three upper-case letters"));

  num = tab1 + 1;
  num_len = tab2 - num;
  if (num_len != 3 || !g_ascii_isdigit (num[0]) || !g_ascii_isdigit (num[1]) ||
      !g_ascii_isdigit (num[2]))
    return line_error (error, line, _ ("the numeric code is not three digits"));

  name = tab2 + 1;
  name_len = len - (name - s);
  if (name_len == 0)
    return line_error (error, line, _ ("the name is empty"));
  if (name_len > MAX_NAME_BYTES)
    return line_error (error, line, _ ("the name is too long"));
  for (gsize i = 0; i < name_len; i++)
    if ((guchar) name[i] < 0x20 || name[i] == 0x7f)
      return line_error (error, line, _ ("the name contains a control character"));
  if (name[0] == ' ' || name[name_len - 1] == ' ')
    return line_error (error, line, _ ("the name begins or ends with a space"));

  memcpy (out->code, s, 3);
  out->code[3] = '\0';
  out->numeric = (num[0] - '0') * 100 + (num[1] - '0') * 10 + (num[2] - '0');
  if (out->numeric == 0)
    return line_error (error, line, _ ("the numeric code is 000"));
  out->name = g_strndup (name, name_len);
  return TRUE;
}

static int
compare_countries (gconstpointer a, gconstpointer b)
{
  return strcmp (((const CivCountry *) a)->code, ((const CivCountry *) b)->code);
}

CivCountryTable *
civ_country_table_new_from_bytes (GBytes *bytes, GError **error)
{
  g_autoptr (CivCountryTable) table = NULL;
  const char *data;
  gsize       size;
  gsize       pos = 0;
  guint       line = 0;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  if (size > 0 && (memchr (data, '\0', size) != NULL || !g_utf8_validate (data, size, NULL)))
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                   _ ("Countries table: not a UTF-8 text file"));
      return NULL;
    }

  table = g_new0 (CivCountryTable, 1);
  table->countries = g_array_new (FALSE, TRUE, sizeof (CivCountry));
  g_array_set_clear_func (table->countries, clear_country);

  while (pos < size)
    {
      const char *s = data + pos;
      const char *nl = memchr (s, '\n', size - pos);
      gsize       len = nl != NULL ? (gsize) (nl - s) : size - pos;
      CivCountry  country = { { 0 }, 0, NULL };

      line++;
      pos += len + (nl != NULL ? 1 : 0);
      if (len > 0 && s[0] == '#')
        continue;
      if (len == 0)
        {
          line_error (error, line, _ ("empty line"));
          return NULL;
        }
      if (memchr (s, '\r', len) != NULL)
        {
          line_error (error, line, _ ("carriage return (the table has LF line ends)"));
          return NULL;
        }
      if (!parse_line (s, len, line, &country, error))
        return NULL;
      g_array_append_val (table->countries, country);
    }
  if (table->countries->len == 0)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT, _ ("Countries table: no countries"));
      return NULL;
    }

  g_array_sort (table->countries, compare_countries);
  table->by_code = g_hash_table_new (g_str_hash, g_str_equal);
  table->by_numeric = g_hash_table_new (NULL, NULL);
  table->codes = g_ptr_array_sized_new (table->countries->len + 1);
  for (guint i = 0; i < table->countries->len; i++)
    {
      CivCountry *c = &g_array_index (table->countries, CivCountry, i);

      if (!g_hash_table_insert (table->by_code, c->code, c))
        {
          g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                       _ ("Countries table: the code %s appears twice"), c->code);
          return NULL;
        }
      if (!g_hash_table_insert (table->by_numeric, GUINT_TO_POINTER (c->numeric), c))
        {
          g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                       _ ("Countries table: the numeric code %03u appears twice"), c->numeric);
          return NULL;
        }
      g_ptr_array_add (table->codes, c->code);
    }
  g_ptr_array_add (table->codes, NULL);
  return g_steal_pointer (&table);
}

guint
civ_country_table_get_n_countries (CivCountryTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->countries->len;
}

static CivCountry *
table_find (CivCountryTable *table, const char *alpha3)
{
  if (table == NULL || alpha3 == NULL)
    return NULL;
  return g_hash_table_lookup (table->by_code, alpha3);
}

const char *
civ_country_table_lookup (CivCountryTable *table, const char *alpha3)
{
  CivCountry *c = table_find (table, alpha3);

  return c != NULL ? c->name : NULL;
}

const char *const *
civ_country_table_get_codes (CivCountryTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);
  return (const char *const *) table->codes->pdata;
}

/* The table of the resource, parsed once. A resource that does not parse is
 * a defect of the build (test-countries holds it): it is reported and the
 * table is empty, so every code is refused. */
static CivCountryTable *
default_table (void)
{
  static CivCountryTable *table = NULL;
  static gsize            done = 0;

  if (g_once_init_enter (&done))
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) bytes = NULL;

      civ_domain_register_resource ();
      bytes = g_resources_lookup_data (CIV_COUNTRIES_RESOURCE, 0, &error);
      if (bytes != NULL)
        table = civ_country_table_new_from_bytes (bytes, &error);
      if (table == NULL)
        g_critical ("%s: %s", CIV_COUNTRIES_RESOURCE, error->message);
      g_once_init_leave (&done, 1);
    }
  return table;
}

const char *
civ_country_name (const char *alpha3)
{
  return civ_country_table_lookup (default_table (), alpha3);
}

gboolean
civ_country_code_is_valid (const char *alpha3)
{
  return table_find (default_table (), alpha3) != NULL;
}

guint
civ_country_numeric (const char *alpha3)
{
  CivCountry *c = table_find (default_table (), alpha3);

  return c != NULL ? c->numeric : 0;
}

const char *
civ_country_for_numeric (guint numeric)
{
  CivCountryTable *table = default_table ();
  CivCountry      *c;

  if (table == NULL)
    return NULL;
  c = g_hash_table_lookup (table->by_numeric, GUINT_TO_POINTER (numeric));
  return c != NULL ? c->code : NULL;
}

const char *const *
civ_country_codes (void)
{
  static const char *const empty[] = { NULL };
  CivCountryTable         *table = default_table ();

  return table != NULL ? civ_country_table_get_codes (table) : empty;
}
