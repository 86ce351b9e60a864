// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-division.h — the dated GB/T 2260 division-code table in memory (R-ID5, R-ID6)
 *
 * One entry per code and validity span, exactly as the reference table
 * lists it: a code may have several entries (renamed, moved), and a code
 * that stopped being issued keeps its entries for ever — identity numbers
 * never change (R-ID5). Years are whole years, as in the source: an entry
 * is in force in year Y when valid_from <= Y and (valid_to == 0 or
 * Y < valid_to). Built by app/refdata from the database; no I/O here.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *code; /* 6 digits */
  char *name;
  char *province;   /* 一级行政区 */
  char *prefecture; /* 二级行政区, "" for provinces */
  char *level;      /* 省级 / 地级 / 县级 */
  int   valid_from; /* first year in force */
  int   valid_to;   /* year it stopped or was renamed; 0 = still in use */
  char *successors; /* as in the source: "110101", "130102;130104", "130108[2001]" */
} CivDivisionEntry;

typedef struct _CivDivisionTable CivDivisionTable;

CivDivisionTable *civ_division_table_new (void);
CivDivisionTable *civ_division_table_ref (CivDivisionTable *self);
void              civ_division_table_unref (CivDivisionTable *self);

/* Adds one entry (copied). */
void  civ_division_table_add (CivDivisionTable *self,
                              const char       *code,
                              const char       *name,
                              const char       *province,
                              const char       *prefecture,
                              const char       *level,
                              int               valid_from,
                              int               valid_to,
                              const char       *successors);
/* Number of entries (not codes). */
guint civ_division_table_get_size (CivDivisionTable *self);

/* The entries for @code, oldest first, or NULL when the code never existed.
 * Owned by the table. */
GPtrArray              *civ_division_table_lookup (CivDivisionTable *self, const char *code);
/* The entry in force in @year, or NULL. */
const CivDivisionEntry *civ_division_table_in_year (CivDivisionTable *self,
                                                    const char       *code,
                                                    int               year);
/* The entry that best names @code in @year: the one in force, else the last
 * one before @year, else the first one. NULL when the code never existed.
 * @in_force says whether it was in force in @year. */
const CivDivisionEntry *civ_division_table_as_of (CivDivisionTable *self,
                                                  const char       *code,
                                                  int               year,
                                                  gboolean         *in_force);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivDivisionTable, civ_division_table_unref)

G_END_DECLS
