// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-funeral-fees.c — the fee list read strictly, prices, bills (civ-funeral-fees.h) */
#include "civ-funeral-fees.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-calendar.h"
#include "civ-json-members.h"
#include "civ-json.h"

struct _CivFeeList
{
  char   *area;
  char   *name;  /* the list's title as published; "" when none */
  GArray *items; /* CivFeeItem */
};

static const char *const unit_names[] = { "body", "day", "year", "piece", "km" };

const char *
civ_fee_unit_to_string (CivFeeUnit unit)
{
  if (unit < 0 || (gsize) unit >= G_N_ELEMENTS (unit_names))
    return NULL;
  return unit_names[unit];
}

const char *
civ_fee_unit_label (CivFeeUnit unit)
{
  static const char *const labels[] = {
    [CIV_FEE_UNIT_BODY] = NC_ ("fee unit", "body"),
    [CIV_FEE_UNIT_DAY] = NC_ ("fee unit", "day"),
    [CIV_FEE_UNIT_YEAR] = NC_ ("fee unit", "year"),
    [CIV_FEE_UNIT_PIECE] = NC_ ("fee unit", "piece"),
    [CIV_FEE_UNIT_KM] = NC_ ("fee unit", "km"),
  };

  if (unit < 0 || (gsize) unit >= G_N_ELEMENTS (labels))
    return NULL;
  return g_dpgettext2 (NULL, "fee unit", labels[unit]);
}

CivFeeUnit
civ_fee_unit_from_string (const char *text)
{
  for (gsize i = 0; text != NULL && i < G_N_ELEMENTS (unit_names); i++)
    if (strcmp (unit_names[i], text) == 0)
      return (CivFeeUnit) i;
  return CIV_FEE_UNIT_INVALID;
}

static void
item_clear (gpointer data)
{
  CivFeeItem *item = data;

  g_free (item->code);
  g_free (item->name);
  g_clear_pointer (&item->periods, g_array_unref);
}

void
civ_fee_list_free (CivFeeList *list)
{
  if (list == NULL)
    return;
  g_free (list->area);
  g_free (list->name);
  g_clear_pointer (&list->items, g_array_unref);
  g_free (list);
}

static const char *const list_members[] = { "area", "name", "items", NULL };
static const char *const item_members[] = { "code", "name", "unit", "prices", NULL };
static const char *const period_members[] = { "price_fen", "from", "to", NULL };

static int
period_compare (gconstpointer a, gconstpointer b)
{
  return g_date_compare (&((const CivFeePeriod *) a)->from, &((const CivFeePeriod *) b)->from);
}

static gboolean
parse_item (JsonNode *node, guint index, CivFeeItem *item, GError **error)
{
  JsonObject *o;
  JsonNode   *prices;
  JsonArray  *array;
  const char *code = NULL;
  const char *name = NULL;
  const char *unit = NULL;
  guint       n;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT, _ ("item %u must be an object"),
                   index + 1);
      return FALSE;
    }
  o = json_node_get_object (node);
  if (!civ_json_member_string (o, "code", &code, error))
    return FALSE;
  if (code == NULL || *code == '\0' || strlen (code) > CIV_FUNERAL_CODE_MAX)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                   _ ("item %u: “code” (up to %d characters) is required"), index + 1,
                   CIV_FUNERAL_CODE_MAX);
      return FALSE;
    }
  if (!civ_json_members_only_known (o, item_members, error) ||
      !civ_json_member_string (o, "name", &name, error) ||
      !civ_json_member_string (o, "unit", &unit, error))
    {
      g_prefix_error (error, _ ("item “%s”: "), code);
      return FALSE;
    }
  item->code = g_strdup (code);
  item->name = g_strdup (name ? name : code);
  item->unit = civ_fee_unit_from_string (unit);
  item->periods = g_array_new (FALSE, TRUE, sizeof (CivFeePeriod));
  if (item->unit == CIV_FEE_UNIT_INVALID)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                   _ ("item “%s”: “unit” must be body, day, year, piece or km, not “%s”"), code,
                   unit ? unit : "");
      return FALSE;
    }
  prices = json_object_get_member (o, "prices");
  if (prices == NULL || !JSON_NODE_HOLDS_ARRAY (prices) ||
      (n = json_array_get_length (array = json_node_get_array (prices))) == 0 ||
      n > CIV_FEE_MAX_PERIODS)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                   _ ("item “%s”: “prices” must be a list of 1 to %d objects"), code,
                   CIV_FEE_MAX_PERIODS);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      JsonNode    *pn = json_array_get_element (array, i);
      JsonObject  *po;
      CivFeePeriod p = { 0 };

      if (!JSON_NODE_HOLDS_OBJECT (pn))
        {
          g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                       _ ("item “%s”: price %u must be an object"), code, i + 1);
          return FALSE;
        }
      po = json_node_get_object (pn);
      if (!civ_json_members_only_known (po, period_members, error) ||
          !civ_funeral_member_fen (po, "price_fen", TRUE, &p.price_fen, error) ||
          !civ_json_member_date (po, "from", TRUE, &p.from, error) ||
          !civ_json_member_date (po, "to", FALSE, &p.to, error))
        {
          g_prefix_error (error, _ ("item “%s”, price %u: "), code, i + 1);
          return FALSE;
        }
      if (g_date_valid (&p.to) && g_date_compare (&p.to, &p.from) < 0)
        {
          g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                       _ ("item “%s”, price %u: “to” is before “from”"), code, i + 1);
          return FALSE;
        }
      g_array_append_val (item->periods, p);
    }
  g_array_sort (item->periods, period_compare);
  for (guint i = 1; i < item->periods->len; i++)
    {
      const CivFeePeriod *a = &g_array_index (item->periods, CivFeePeriod, i - 1);
      const CivFeePeriod *b = &g_array_index (item->periods, CivFeePeriod, i);

      if (!g_date_valid (&a->to) || g_date_compare (&a->to, &b->from) >= 0)
        {
          g_autofree char *from = civ_date_format_iso (&b->from);

          g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                       _ ("item “%s”: two prices are in force on %s; their periods must not "
                          "overlap"),
                       code, from);
          return FALSE;
        }
    }
  return TRUE;
}

CivFeeList *
civ_fee_list_parse (const char *data, gsize len, GError **error)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (CivFeeList) list = NULL;
  g_autoptr (GHashTable) codes = NULL;
  JsonNode   *root;
  JsonObject *o;
  JsonNode   *items;
  JsonArray  *array;
  const char *area = NULL;
  const char *name = NULL;
  guint       n;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  parser = civ_json_parse_outside (data, len, CIV_JSON_GUARD_INPUT_MAX,
                                   CIV_JSON_GUARD_NO_DUPLICATES, error);
  if (parser == NULL)
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                           _ ("The file must hold one JSON object"));
      return NULL;
    }
  o = json_node_get_object (root);
  if (!civ_json_members_only_known (o, list_members, error) ||
      !civ_json_member_string (o, "area", &area, error) ||
      !civ_json_member_string (o, "name", &name, error))
    return NULL;
  if (area == NULL || *area == '\0')
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                           _ ("“area” (the area’s division code) is required"));
      return NULL;
    }
  items = json_object_get_member (o, "items");
  if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items) ||
      (n = json_array_get_length (array = json_node_get_array (items))) == 0 ||
      n > CIV_FEE_MAX_ITEMS)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                   _ ("“items” must be a list of 1 to %d objects"), CIV_FEE_MAX_ITEMS);
      return NULL;
    }

  list = g_new0 (CivFeeList, 1);
  list->area = g_strdup (area);
  list->name = g_strdup (name ? name : "");
  list->items = g_array_new (FALSE, TRUE, sizeof (CivFeeItem));
  g_array_set_clear_func (list->items, item_clear);
  codes = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++)
    {
      CivFeeItem item = { 0 };

      g_array_append_val (list->items, item);
      if (!parse_item (json_array_get_element (array, i), i,
                       &g_array_index (list->items, CivFeeItem, i), error))
        return NULL;
      if (!g_hash_table_add (codes, g_array_index (list->items, CivFeeItem, i).code))
        {
          g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                       _ ("item “%s” is listed twice; give each item one entry with all its "
                          "prices"),
                       g_array_index (list->items, CivFeeItem, i).code);
          return NULL;
        }
    }
  return g_steal_pointer (&list);
}

const char *
civ_fee_list_get_area (const CivFeeList *list)
{
  return list->area;
}

const char *
civ_fee_list_get_name (const CivFeeList *list)
{
  return list->name;
}

guint
civ_fee_list_get_n_items (const CivFeeList *list)
{
  return list->items->len;
}

const CivFeeItem *
civ_fee_list_get_item (const CivFeeList *list, guint i)
{
  g_return_val_if_fail (i < list->items->len, NULL);
  return &g_array_index (list->items, CivFeeItem, i);
}

const CivFeeItem *
civ_fee_list_find (const CivFeeList *list, const char *code)
{
  for (guint i = 0; code != NULL && i < list->items->len; i++)
    if (strcmp (g_array_index (list->items, CivFeeItem, i).code, code) == 0)
      return &g_array_index (list->items, CivFeeItem, i);
  return NULL;
}

gboolean
civ_fee_list_price (const CivFeeList *list, const char *code, const GDate *date, gint64 *price_fen)
{
  const CivFeeItem *item = civ_fee_list_find (list, code);

  if (item == NULL || date == NULL || !g_date_valid (date))
    return FALSE;
  for (guint i = 0; i < item->periods->len; i++)
    {
      const CivFeePeriod *p = &g_array_index (item->periods, CivFeePeriod, i);

      if (g_date_compare (date, &p->from) >= 0 &&
          (!g_date_valid (&p->to) || g_date_compare (date, &p->to) <= 0))
        {
          *price_fen = p->price_fen;
          return TRUE;
        }
    }
  return FALSE;
}

static void
line_clear (gpointer data)
{
  g_free (((CivFeeBillLine *) data)->item);
}

CivFeeBill *
civ_fee_bill_new (void)
{
  CivFeeBill *bill = g_new0 (CivFeeBill, 1);

  bill->lines = g_array_new (FALSE, TRUE, sizeof (CivFeeBillLine));
  g_array_set_clear_func (bill->lines, line_clear);
  return bill;
}

void
civ_fee_bill_add (
  CivFeeBill *bill, const char *item, gint64 quantity, const GDate *date, gint64 unit_price_fen)
{
  CivFeeBillLine line = { 0 };

  line.item = g_strdup (item);
  line.quantity = quantity;
  if (date != NULL && g_date_valid (date))
    line.date = *date;
  else
    g_date_clear (&line.date, 1);
  line.unit_price_fen = unit_price_fen;
  line.amount_fen = -1;
  g_array_append_val (bill->lines, line);
}

void
civ_fee_bill_free (CivFeeBill *bill)
{
  if (bill == NULL)
    return;
  g_clear_pointer (&bill->lines, g_array_unref);
  g_free (bill);
}

gboolean
civ_fee_bill_check (const CivFeeList *list, CivFeeBill *bill, GPtrArray *findings)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (bill != NULL && findings != NULL, FALSE);

  bill->total_fen = 0;
  if (bill->lines->len > CIV_FEE_MAX_LINES)
    {
      civ_findings_add (findings, "R-F4", CIV_SEVERITY_REFUSE,
                        _ ("A bill has at most %d lines; split it"), CIV_FEE_MAX_LINES);
      return FALSE;
    }
  for (guint i = 0; i < bill->lines->len; i++)
    {
      CivFeeBillLine *line = &g_array_index (bill->lines, CivFeeBillLine, i);
      const char     *item = line->item ? line->item : "";
      gint64          price = -1;

      line->amount_fen = -1;
      if (line->quantity <= 0 || line->quantity > CIV_FEE_MAX_QUANTITY)
        {
          civ_findings_add (findings, "R-F4", CIV_SEVERITY_REFUSE,
                            _ ("Line %u (%s): the quantity must be a whole number from 1 to %d"),
                            i + 1, item, (int) CIV_FEE_MAX_QUANTITY);
          ok = FALSE;
          continue;
        }
      if (!g_date_valid (&line->date))
        {
          civ_findings_add (findings, "R-F4", CIV_SEVERITY_REFUSE,
                            _ ("Line %u (%s): the date of the service is missing"), i + 1, item);
          ok = FALSE;
          continue;
        }
      if (list != NULL)
        {
          if (civ_fee_list_find (list, item) == NULL)
            {
              civ_findings_add (findings, "R-F4", CIV_SEVERITY_REFUSE,
                                _ ("Line %u: “%s” is not on the area’s list of permitted fees; "
                                   "charge only listed items"),
                                i + 1, item);
              ok = FALSE;
              continue;
            }
          if (!civ_fee_list_price (list, item, &line->date, &price))
            {
              g_autofree char *day = civ_date_format_iso (&line->date);

              civ_findings_add (findings, "R-F4", CIV_SEVERITY_REFUSE,
                                _ ("Line %u: “%s” has no permitted price in force on %s"), i + 1,
                                item, day);
              ok = FALSE;
              continue;
            }
          if (line->unit_price_fen >= 0 && line->unit_price_fen != price)
            {
              g_autofree char *listed = civ_fen_format (price);
              g_autofree char *asked = civ_fen_format (line->unit_price_fen);

              civ_findings_add (findings, "R-F10", CIV_SEVERITY_REFUSE,
                                _ ("Line %u (%s): the price %s differs from the listed price %s; "
                                   "charge the listed price"),
                                i + 1, item, asked, listed);
              ok = FALSE;
              continue;
            }
          line->unit_price_fen = price;
        }
      if (line->unit_price_fen < 0 || line->unit_price_fen > CIV_FEE_MAX_FEN)
        {
          civ_findings_add (findings, "R-F4", CIV_SEVERITY_REFUSE,
                            _ ("Line %u (%s): the unit price is missing"), i + 1, item);
          ok = FALSE;
          continue;
        }
      /* At most 1e8 × 1e5 per line and 1e3 lines: below 2^63. */
      line->amount_fen = line->unit_price_fen * line->quantity;
      bill->total_fen += line->amount_fen;
    }
  return ok;
}

gboolean
civ_funeral_member_fen (
  JsonObject *o, const char *name, gboolean required, gint64 *out, GError **error)
{
  JsonNode *node = json_object_get_member (o, name);

  *out = -1;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (!required)
        return TRUE;
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                   _ ("“%s” (a whole number of fen) is required"), name);
      return FALSE;
    }
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                   _ ("“%s” must be a whole number of fen (分), not a fraction; 12.50 yuan is "
                      "1250"),
                   name);
      return FALSE;
    }
  /* json-glib 1.6 wraps a number past 2^63 to a negative one: the range
   * check catches it with the negatives. */
  if (json_node_get_value_type (node) != G_TYPE_INT64 || json_node_get_int (node) < 0 ||
      json_node_get_int (node) > CIV_FEE_MAX_FEN)
    {
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                   _ ("“%s” must be a whole number of fen from 0 to %d (not negative, not larger)"),
                   name, (int) CIV_FEE_MAX_FEN);
      return FALSE;
    }
  *out = json_node_get_int (node);
  return TRUE;
}

char *
civ_fen_format (gint64 fen)
{
  guint64 abs = fen < 0 ? (guint64) (-(fen + 1)) + 1 : (guint64) fen;

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u", fen < 0 ? "-" : "", abs / 100,
                          (guint) (abs % 100));
}
