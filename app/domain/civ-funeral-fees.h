// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-funeral-fees.h — an area's list of permitted funeral fees (domain.md
 * §4, R-F4, R-F10) as data, and the check of a bill against it
 *
 * The list comes from outside (docs/funeral-data.md, "Fee list"), so it is
 * read strictly: an unknown member, a price that is negative, fractional or
 * larger than CIV_FEE_MAX_FEN, two items with one code, two periods of one
 * item that overlap — each is an error naming the item, and nothing is
 * returned. Amounts are integers in fen (分) throughout.
 *
 * R-F4: a bill may use only items of the list, each in force on the line's
 * date; anything else is refused.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "civ-finding.h"

G_BEGIN_DECLS

/* The largest price of one unit and the largest quantity of a bill line;
 * with CIV_FEE_MAX_LINES lines no total can overflow 64 bits. */
#define CIV_FEE_MAX_FEN ((gint64) 100000000) /* 1,000,000 CNY */
#define CIV_FEE_MAX_QUANTITY ((gint64) 100000)
#define CIV_FEE_MAX_LINES 1000
#define CIV_FEE_MAX_ITEMS 1000
#define CIV_FEE_MAX_PERIODS 100

typedef enum
{
  CIV_FEE_UNIT_INVALID = -1,
  CIV_FEE_UNIT_BODY = 0, /* per body (次/具) */
  CIV_FEE_UNIT_DAY,      /* per day (天) */
  CIV_FEE_UNIT_YEAR,     /* per year (年) */
  CIV_FEE_UNIT_PIECE,    /* per piece (个/件) */
  CIV_FEE_UNIT_KM,       /* per kilometre (公里) */
} CivFeeUnit;

typedef struct
{
  gint64 price_fen;
  GDate  from; /* first day in force */
  GDate  to;   /* last day in force; invalid: open-ended */
} CivFeePeriod;

typedef struct
{
  char      *code;
  char      *name;
  CivFeeUnit unit;
  GArray    *periods; /* CivFeePeriod, sorted by from */
} CivFeeItem;

typedef struct _CivFeeList CivFeeList;

const char *civ_fee_unit_to_string (CivFeeUnit unit);
CivFeeUnit  civ_fee_unit_from_string (const char *text);
/* A unit as a receipt names it, in the user's language ("day", 天); NULL
 * for an invalid one. */
const char *civ_fee_unit_label (CivFeeUnit unit);

/* NULL with @error (CIV_APP_ERROR_FORMAT naming the item, or
 * CIV_JSON_GUARD_ERROR) when the bytes are not a valid fee list. */
CivFeeList       *civ_fee_list_parse (const char *data, gsize len, GError **error);
void              civ_fee_list_free (CivFeeList *list);
const char       *civ_fee_list_get_area (const CivFeeList *list);
/* The list's "name" as published; "" when the file gives none. */
const char       *civ_fee_list_get_name (const CivFeeList *list);
guint             civ_fee_list_get_n_items (const CivFeeList *list);
const CivFeeItem *civ_fee_list_get_item (const CivFeeList *list, guint i);
const CivFeeItem *civ_fee_list_find (const CivFeeList *list, const char *code);

/* The price of @code on @date: FALSE when the list has no such item or it
 * is not in force that day. */
gboolean civ_fee_list_price (const CivFeeList *list,
                             const char       *code,
                             const GDate      *date,
                             gint64           *price_fen);

/* One line of a bill: an item, how many units, the day of the service. */
typedef struct
{
  char  *item;
  gint64 quantity;
  GDate  date;
  gint64 unit_price_fen; /* -1 until priced */
  gint64 amount_fen;     /* quantity × unit price; -1 until priced */
} CivFeeBillLine;

typedef struct
{
  GArray *lines; /* CivFeeBillLine; cleared with civ_fee_bill_free () */
  gint64  total_fen;
} CivFeeBill;

CivFeeBill *civ_fee_bill_new (void);
/* Adds a line (the item is copied); @unit_price_fen -1 when the fee list gives it. */
void        civ_fee_bill_add (
         CivFeeBill *bill, const char *item, gint64 quantity, const GDate *date, gint64 unit_price_fen);
void civ_fee_bill_free (CivFeeBill *bill);

/* R-F4: prices every line of @bill from @list (when @list is not NULL) and
 * adds the total. A line whose item is not listed or not in force on its
 * date, whose quantity is not a positive whole number up to
 * CIV_FEE_MAX_QUANTITY, or that has no price, is a refusing finding naming
 * the line and item. TRUE when nothing refuses. */
gboolean civ_fee_bill_check (const CivFeeList *list, CivFeeBill *bill, GPtrArray *findings);

/* Longest item code of the fee list and the waiver policy. */
#define CIV_FUNERAL_CODE_MAX 32

/* Reads the amount member @name of @o: a whole number of fen from 0 to
 * CIV_FEE_MAX_FEN (a fraction, a negative or an overflowing number is an
 * error naming @name); @out is -1 when absent and not @required. Shared by
 * the fee list and the waiver policy. */
gboolean civ_funeral_member_fen (
  JsonObject *o, const char *name, gboolean required, gint64 *out, GError **error);

/* 12345 → "123.45"; negative amounts with a minus sign. */
char *civ_fen_format (gint64 fen);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivFeeList, civ_fee_list_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivFeeBill, civ_fee_bill_free)

G_END_DECLS
