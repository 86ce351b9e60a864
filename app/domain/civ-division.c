// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-division.c — the dated GB/T 2260 division-code table in memory */
#include "civ-division.h"

struct _CivDivisionTable
{
  GHashTable *codes; /* code → GPtrArray of CivDivisionEntry, oldest first */
  guint       size;
};

static void
entry_free (CivDivisionEntry *entry)
{
  g_free (entry->code);
  g_free (entry->name);
  g_free (entry->province);
  g_free (entry->prefecture);
  g_free (entry->level);
  g_free (entry->successors);
  g_free (entry);
}

CivDivisionTable *
civ_division_table_new (void)
{
  CivDivisionTable *self = g_rc_box_new0 (CivDivisionTable);

  self->codes =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  return self;
}

CivDivisionTable *
civ_division_table_ref (CivDivisionTable *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_rc_box_acquire (self);
}

static void
table_clear (CivDivisionTable *self)
{
  g_hash_table_unref (self->codes);
}

void
civ_division_table_unref (CivDivisionTable *self)
{
  g_return_if_fail (self != NULL);

  g_rc_box_release_full (self, (GDestroyNotify) table_clear);
}

static int
compare_from (gconstpointer a, gconstpointer b)
{
  const CivDivisionEntry *ea = *(const CivDivisionEntry *const *) a;
  const CivDivisionEntry *eb = *(const CivDivisionEntry *const *) b;

  return (ea->valid_from > eb->valid_from) - (ea->valid_from < eb->valid_from);
}

void
civ_division_table_add (CivDivisionTable *self,
                        const char       *code,
                        const char       *name,
                        const char       *province,
                        const char       *prefecture,
                        const char       *level,
                        int               valid_from,
                        int               valid_to,
                        const char       *successors)
{
  CivDivisionEntry *entry;
  GPtrArray        *list;

  g_return_if_fail (self != NULL);
  g_return_if_fail (code != NULL);
  g_return_if_fail (name != NULL);

  entry = g_new0 (CivDivisionEntry, 1);
  entry->code = g_strdup (code);
  entry->name = g_strdup (name);
  entry->province = g_strdup (province ? province : "");
  entry->prefecture = g_strdup (prefecture ? prefecture : "");
  entry->level = g_strdup (level ? level : "");
  entry->valid_from = valid_from;
  entry->valid_to = valid_to;
  entry->successors = g_strdup (successors ? successors : "");

  list = g_hash_table_lookup (self->codes, code);
  if (list == NULL)
    {
      list = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
      g_hash_table_insert (self->codes, g_strdup (code), list);
    }
  g_ptr_array_add (list, entry);
  g_ptr_array_sort (list, compare_from);
  self->size++;
}

guint
civ_division_table_get_size (CivDivisionTable *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->size;
}

GPtrArray *
civ_division_table_lookup (CivDivisionTable *self, const char *code)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (code != NULL, NULL);

  return g_hash_table_lookup (self->codes, code);
}

static gboolean
in_force (const CivDivisionEntry *entry, int year)
{
  return entry->valid_from <= year && (entry->valid_to == 0 || year < entry->valid_to);
}

const CivDivisionEntry *
civ_division_table_in_year (CivDivisionTable *self, const char *code, int year)
{
  GPtrArray *list;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (code != NULL, NULL);

  list = g_hash_table_lookup (self->codes, code);
  if (list == NULL)
    return NULL;
  for (guint i = list->len; i > 0; i--)
    {
      const CivDivisionEntry *entry = g_ptr_array_index (list, i - 1);
      if (in_force (entry, year))
        return entry;
    }
  return NULL;
}

const CivDivisionEntry *
civ_division_table_as_of (CivDivisionTable *self,
                          const char       *code,
                          int               year,
                          gboolean         *out_in_force)
{
  const CivDivisionEntry *entry;
  GPtrArray              *list;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (code != NULL, NULL);

  if (out_in_force)
    *out_in_force = FALSE;
  list = g_hash_table_lookup (self->codes, code);
  if (list == NULL || list->len == 0)
    return NULL;

  entry = civ_division_table_in_year (self, code, year);
  if (entry != NULL)
    {
      if (out_in_force)
        *out_in_force = TRUE;
      return entry;
    }
  for (guint i = list->len; i > 0; i--)
    {
      entry = g_ptr_array_index (list, i - 1);
      if (entry->valid_from <= year)
        return entry;
    }
  return g_ptr_array_index (list, 0);
}
