// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-code-table.c — code tables of national standards as data (civ-code-table.h) */
#include "civ-code-table.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-domain-resources.h"

struct _CivCodeTable
{
  GPtrArray  *codes;   /* char *, in file order */
  GHashTable *by_code; /* code → name */
  GHashTable *by_name; /* name → code */
};

static CivCodeTable *
table_new (void)
{
  CivCodeTable *table = g_new0 (CivCodeTable, 1);

  table->codes = g_ptr_array_new_with_free_func (g_free);
  table->by_code = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  table->by_name = g_hash_table_new (g_str_hash, g_str_equal);
  return table;
}

void
civ_code_table_free (CivCodeTable *table)
{
  if (table == NULL)
    return;
  g_hash_table_unref (table->by_name);
  g_hash_table_unref (table->by_code);
  g_ptr_array_unref (table->codes);
  g_free (table);
}

static gboolean
code_is_valid (const char *code)
{
  if (*code == '\0')
    return FALSE;
  for (const char *p = code; *p; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  return TRUE;
}

CivCodeTable *
civ_code_table_new_from_bytes (GBytes *bytes, GError **error)
{
  g_autoptr (CivCodeTable) table = NULL;
  g_auto (GStrv) lines = NULL;
  g_autofree char *text = NULL;
  gboolean         header = FALSE;
  gsize            size;
  const char      *data;

  g_return_val_if_fail (bytes != NULL, NULL);
  data = g_bytes_get_data (bytes, &size);
  if (data == NULL)
    data = "";
  if (!g_utf8_validate_len (data, size, NULL))
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                   _ ("The code table is not valid UTF-8"));
      return NULL;
    }
  text = g_strndup (data, size);
  lines = g_strsplit (text, "\n", -1);
  table = table_new ();
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      gsize len = strlen (line);
      char *comma;
      char *name;

      if (len > 0 && line[len - 1] == '\r')
        line[--len] = '\0';
      if ((len == 0 && lines[i + 1] == NULL) || (!header && line[0] == '#'))
        continue;
      if (!header)
        {
          if (strcmp (line, "code,name") != 0)
            {
              g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                           _ ("Line %u of the code table is not the header “code,name”"), i + 1);
              return NULL;
            }
          header = TRUE;
          continue;
        }
      comma = strchr (line, ',');
      if (comma == NULL || strchr (comma + 1, ',') != NULL)
        {
          g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                       _ ("Line %u of the code table does not have two fields"), i + 1);
          return NULL;
        }
      *comma = '\0';
      name = comma + 1;
      if (!code_is_valid (line) || *name == '\0' || g_hash_table_contains (table->by_code, line) ||
          g_hash_table_contains (table->by_name, name))
        {
          g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                       _ ("Line %u of the code table has an empty, malformed or repeated code "
                          "or name"),
                       i + 1);
          return NULL;
        }
      {
        char *code = g_strdup (line);
        char *value = g_strdup (name);

        g_ptr_array_add (table->codes, code);
        g_hash_table_insert (table->by_code, code, value);
        g_hash_table_insert (table->by_name, value, code);
      }
    }
  if (!header)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                   _ ("The code table has no header “code,name”"));
      return NULL;
    }
  return g_steal_pointer (&table);
}

CivCodeTable *
civ_code_table_get (const char *path)
{
  static GMutex      lock;
  static GHashTable *tables = NULL;
  CivCodeTable      *table;

  g_return_val_if_fail (path != NULL, NULL);
  g_mutex_lock (&lock);
  if (tables == NULL)
    {
      tables = g_hash_table_new (g_str_hash, g_str_equal);
      civ_domain_register_resource ();
    }
  table = g_hash_table_lookup (tables, path);
  if (table == NULL)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) bytes = g_resources_lookup_data (path, 0, &error);

      if (bytes != NULL)
        table = civ_code_table_new_from_bytes (bytes, &error);
      if (table == NULL)
        {
          g_critical ("%s: %s", path, error->message);
          table = table_new ();
        }
      g_hash_table_insert (tables, g_strdup (path), table);
    }
  g_mutex_unlock (&lock);
  return table;
}

guint
civ_code_table_get_n_codes (CivCodeTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->codes->len;
}

const char *
civ_code_table_get_code (CivCodeTable *table, guint i)
{
  g_return_val_if_fail (table != NULL, NULL);
  return i < table->codes->len ? g_ptr_array_index (table->codes, i) : NULL;
}

const char *
civ_code_table_lookup (CivCodeTable *table, const char *code)
{
  g_return_val_if_fail (table != NULL, NULL);
  return code != NULL ? g_hash_table_lookup (table->by_code, code) : NULL;
}

const char *
civ_code_table_find_name (CivCodeTable *table, const char *name)
{
  g_return_val_if_fail (table != NULL, NULL);
  return name != NULL ? g_hash_table_lookup (table->by_name, name) : NULL;
}
