// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-funeral-money.c — fee lists, waiver policies, a case's bill, its
 * waiver assessment and its receipts (R-F4, R-F8, R-F9, R-F10) */
#include "civ-funeral-money.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-calendar.h"
#include "civ-funeral-input.h"
#include "civ-json.h"
#include "civ-permissions.h"

#define EVIDENCE_MAX 200
#define REASON_MAX 500
#define CASE_KEY_MAX 64

/* ---- Areas and small readers ------------------------------------------ */

gboolean
civ_funeral_area_valid (const char *area)
{
  if (area == NULL || strlen (area) != 6)
    return FALSE;
  for (const char *p = area; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

char **
civ_funeral_office_areas (const char *office_code)
{
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();

  if (civ_funeral_area_valid (office_code))
    {
      g_autofree char *city = g_strdup_printf ("%.4s00", office_code);
      g_autofree char *province = g_strdup_printf ("%.2s0000", office_code);

      g_strv_builder_add (b, office_code);
      if (strcmp (city, office_code) != 0)
        g_strv_builder_add (b, city);
      if (strcmp (province, city) != 0)
        g_strv_builder_add (b, province);
    }
  return g_strv_builder_end (b);
}

gboolean
civ_funeral_area_covers (const char *area, const char *office_code)
{
  g_auto (GStrv) areas = civ_funeral_office_areas (office_code);

  return area != NULL && g_strv_contains ((const char *const *) areas, area);
}

/* The digits of @area that name it: 350102, 3501 for 350100, 35 for
 * 350000. */
static gsize
area_prefix_len (const char *area)
{
  if (g_str_has_suffix (area, "0000"))
    return 2;
  if (g_str_has_suffix (area, "00"))
    return 4;
  return 6;
}

/* TRUE when one of the two areas lies in the other (or they are one). */
static gboolean
areas_related (const char *a, const char *b)
{
  gsize n = MIN (area_prefix_len (a), area_prefix_len (b));

  return strncmp (a, b, n) == 0;
}

gboolean
civ_funeral_quantity_parse (const char *text, gint64 *quantity, GError **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text ? text : ""));
  gsize            len = strlen (copy);
  gboolean         digits = len > 0 && len <= 6;

  for (gsize i = 0; digits && i < len; i++)
    digits = g_ascii_isdigit (copy[i]);
  if (digits)
    {
      gint64 n = g_ascii_strtoll (copy, NULL, 10);

      if (n >= 1 && n <= CIV_FEE_MAX_QUANTITY)
        {
          *quantity = n;
          return TRUE;
        }
    }
  {
    g_autofree char *shown = g_utf8_make_valid (copy, -1);

    civ_app_set_invalid (error, "R-F4",
                         _ ("R-F4: “%s” is not a quantity: give a whole number of units from 1 "
                            "to %d, without a sign or a fraction"),
                         shown, (int) CIV_FEE_MAX_QUANTITY);
  }
  return FALSE;
}

/* The case @key names (its number or record id); NULL with
 * CIV_APP_ERROR_INVALID when there is none. */
static CivFuneralCaseRow *
find_case (CivDb *db, const char *key, GError **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (key ? key : ""));
  g_autoptr (GError) local = NULL;
  CivFuneralCaseRow *row = NULL;

  if (*copy != '\0' && strlen (copy) <= CASE_KEY_MAX && g_utf8_validate (copy, -1, NULL))
    row = civ_funeral_case_find (db, copy, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (row == NULL)
    {
      g_autofree char *shown = g_utf8_make_valid (copy, -1);

      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("There is no funeral case “%s”: give the case number, such as "
                      "BZ350102-2026-000001"),
                   shown);
    }
  return row;
}

static char *
builder_to_string (JsonBuilder *b)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = json_builder_get_root (b);

  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

/* ---- Importing fee lists and policies ---------------------------------- */

static gboolean
sha_imported_before (const CivFuneralMoneyFile *before, GError **error)
{
  if (before == NULL)
    return FALSE;
  if (before->version != NULL)
    civ_app_set_refusal (error, "R-F8",
                         _ ("R-F8: this policy file was imported already, on %1$s by %2$s "
                            "(version %3$s of the area %4$s): a file is imported once"),
                         before->imported_on, before->imported_by, before->version, before->area);
  else
    civ_app_set_refusal (error, "R-F4",
                         _ ("R-F4: this fee list file was imported already, on %1$s by %2$s (the "
                            "area %3$s): a file is imported once"),
                         before->imported_on, before->imported_by, before->area);
  return TRUE;
}

static char *
file_audit_detail (const CivFuneralMoneyFile *f)
{
  g_autoptr (CivJson) json = civ_json_new ();

  civ_json_int (json, "id", f->id);
  civ_json_string (json, "area", f->area);
  if (f->version != NULL)
    civ_json_string (json, "version", f->version);
  else
    {
      civ_json_string (json, "name", f->name);
      civ_json_int (json, "items", f->n_items);
    }
  civ_json_string (json, "effective_from", f->effective_from);
  civ_json_string (json, "effective_to", f->effective_to);
  civ_json_string (json, "sha256", f->sha256);
  return civ_json_finish (json);
}

CivFuneralMoneyFile *
civ_funeral_fees_import (
  CivStore *store, const char *data, gsize len, const GDate *today, GError **error)
{
  g_autoptr (CivFeeList) list = NULL;
  g_autoptr (CivFuneralMoneyFile) file = g_new0 (CivFuneralMoneyFile, 1);
  g_autoptr (CivFuneralMoneyFile) before = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree char *detail = NULL;
  GDate            from, to;
  gboolean         open_ended = FALSE;
  CivDb           *db;

  if (!civ_require (store, CIV_PERM_FUNERAL, error))
    return NULL;
  file->imported_on = civ_funeral_counter_day (today, error);
  if (file->imported_on == NULL)
    return NULL;
  list = civ_fee_list_parse (data, len, error);
  if (list == NULL)
    return NULL;
  if (!civ_funeral_area_valid (civ_fee_list_get_area (list)))
    {
      g_autofree char *shown = g_utf8_make_valid (civ_fee_list_get_area (list), -1);

      civ_app_set_invalid (error, "R-F4",
                           _ ("R-F4: the fee list’s area “%s” is not a six-digit division code, "
                              "such as 350102 (a district), 350100 (a prefecture) or 350000 (a "
                              "province)"),
                           shown);
      return NULL;
    }
  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  for (guint i = 0; i < civ_fee_list_get_n_items (list); i++)
    {
      const CivFeeItem *item = civ_fee_list_get_item (list, i);

      for (guint j = 0; j < item->periods->len; j++)
        {
          const CivFeePeriod *p = &g_array_index (item->periods, CivFeePeriod, j);

          if (!g_date_valid (&from) || g_date_compare (&p->from, &from) < 0)
            from = p->from;
          if (!g_date_valid (&p->to))
            open_ended = TRUE;
          else if (!g_date_valid (&to) || g_date_compare (&p->to, &to) > 0)
            to = p->to;
        }
    }
  file->area = g_strdup (civ_fee_list_get_area (list));
  file->name = g_strdup (civ_fee_list_get_name (list));
  file->effective_from = civ_date_format_iso (&from);
  file->effective_to = open_ended || !g_date_valid (&to) ? NULL : civ_date_format_iso (&to);
  file->n_items = civ_fee_list_get_n_items (list);
  file->json = g_strndup (data, len);
  file->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
  file->imported_by = g_strdup (civ_store_get_operator (store)->login);

  db = civ_store_get_db (store);
  if (!civ_db_begin (db, error))
    return NULL;
  before = civ_funeral_fee_list_find_sha256 (db, file->sha256, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      goto fail;
    }
  if (sha_imported_before (before, error))
    goto fail;
  file->id = civ_funeral_fee_list_insert (db, file, error);
  if (file->id == 0)
    goto fail;
  detail = file_audit_detail (file);
  if (!civ_store_audit (store, "funeral.fees.import", file->area, detail, error) ||
      !civ_db_commit (db, error))
    goto fail;
  g_clear_pointer (&file->json, g_free);
  return g_steal_pointer (&file);

fail:
  civ_db_rollback (db);
  return NULL;
}

/* R-F8: every item the policy covers is on a fee list of a related area
 * imported before (a misspelt code would never be waived). */
static gboolean
policy_items_listed (CivDb *db, const CivWaiverPolicy *policy, GError **error)
{
  g_autoptr (GPtrArray) files = civ_funeral_fee_list_all (db, error);
  g_autoptr (GPtrArray) lists = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_fee_list_free);
  const char *area = civ_waiver_policy_get_area (policy);

  if (files == NULL)
    return FALSE;
  for (guint i = 0; i < files->len; i++)
    {
      const CivFuneralMoneyFile *f = g_ptr_array_index (files, i);
      g_autoptr (CivFuneralMoneyFile) full = NULL;
      CivFeeList *list;

      if (!areas_related (f->area, area))
        continue;
      full = civ_funeral_fee_list_get (db, f->id, error);
      if (full == NULL)
        return FALSE;
      list = civ_fee_list_parse (full->json, strlen (full->json), error);
      if (list == NULL)
        return FALSE;
      g_ptr_array_add (lists, list);
    }
  for (guint i = 0; i < civ_waiver_policy_get_n_items (policy); i++)
    {
      const char *item = civ_waiver_policy_get_item (policy, i)->item;
      gboolean    found = FALSE;

      for (guint j = 0; !found && j < lists->len; j++)
        found = civ_fee_list_find (g_ptr_array_index (lists, j), item) != NULL;
      if (!found)
        {
          civ_app_set_refusal (error, "R-F8",
                               _ ("R-F8: the policy covers the item “%1$s”, which is on no fee "
                                  "list of the area %2$s: import the area’s fee list first, or "
                                  "correct the item’s code"),
                               item, area);
          return FALSE;
        }
    }
  return TRUE;
}

CivFuneralMoneyFile *
civ_funeral_policy_import (
  CivStore *store, const char *data, gsize len, const GDate *today, GError **error)
{
  g_autoptr (CivWaiverPolicy) policy = NULL;
  g_autoptr (CivFuneralMoneyFile) file = g_new0 (CivFuneralMoneyFile, 1);
  g_autoptr (CivFuneralMoneyFile) before = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree char *detail = NULL;
  GDate            from, to;
  CivDb           *db;

  if (!civ_require (store, CIV_PERM_FUNERAL, error))
    return NULL;
  file->imported_on = civ_funeral_counter_day (today, error);
  if (file->imported_on == NULL)
    return NULL;
  policy = civ_waiver_policy_parse (data, len, error);
  if (policy == NULL)
    return NULL;
  if (!civ_funeral_area_valid (civ_waiver_policy_get_area (policy)))
    {
      g_autofree char *shown = g_utf8_make_valid (civ_waiver_policy_get_area (policy), -1);

      civ_app_set_invalid (error, "R-F8",
                           _ ("R-F8: the policy’s area “%s” is not a six-digit division code, "
                              "such as 350102 (a district), 350100 (a prefecture) or 350000 (a "
                              "province)"),
                           shown);
      return NULL;
    }
  civ_waiver_policy_get_dates (policy, &from, &to);
  file->area = g_strdup (civ_waiver_policy_get_area (policy));
  file->version = g_strdup (civ_waiver_policy_get_version (policy));
  file->effective_from = civ_date_format_iso (&from);
  file->effective_to = g_date_valid (&to) ? civ_date_format_iso (&to) : NULL;
  file->json = g_strndup (data, len);
  file->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
  file->imported_by = g_strdup (civ_store_get_operator (store)->login);

  db = civ_store_get_db (store);
  if (!civ_db_begin (db, error))
    return NULL;
  before = civ_funeral_policy_find_sha256 (db, file->sha256, &local);
  if (local == NULL && before == NULL)
    before = civ_funeral_policy_find_version (db, file->area, file->version, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      goto fail;
    }
  if (before != NULL && g_strcmp0 (before->sha256, file->sha256) == 0)
    {
      sha_imported_before (before, error);
      goto fail;
    }
  if (before != NULL)
    {
      civ_app_set_refusal (error, "R-F8",
                           _ ("R-F8: the area %1$s has a policy “%2$s” already, imported on %3$s "
                              "with other contents: a corrected policy needs a version of its "
                              "own"),
                           file->area, file->version, before->imported_on);
      goto fail;
    }
  if (!policy_items_listed (db, policy, error))
    goto fail;
  file->id = civ_funeral_policy_insert (db, file, error);
  if (file->id == 0)
    goto fail;
  detail = file_audit_detail (file);
  if (!civ_store_audit (store, "funeral.policy.import", file->area, detail, error) ||
      !civ_db_commit (db, error))
    goto fail;
  g_clear_pointer (&file->json, g_free);
  return g_steal_pointer (&file);

fail:
  civ_db_rollback (db);
  return NULL;
}

static GPtrArray *
files_list (
  CivStore *store, gboolean policy, const GDate *today, gint64 *in_force_id, GError **error)
{
  g_autoptr (GPtrArray) out = NULL;
  g_autoptr (CivFuneralMoneyFile) current = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree char *office = NULL;
  g_autofree char *on = NULL;
  g_auto (GStrv) areas = NULL;
  CivDb *db;

  if (in_force_id != NULL)
    *in_force_id = 0;
  if (!civ_require (store, CIV_PERM_FUNERAL, error))
    return NULL;
  on = civ_funeral_counter_day (today, error);
  if (on == NULL)
    return NULL;
  db = civ_store_get_db (store);
  out = policy ? civ_funeral_policy_all (db, error) : civ_funeral_fee_list_all (db, error);
  if (out == NULL)
    return NULL;
  office = civ_store_get_office_code (store);
  areas = civ_funeral_office_areas (office);
  current = policy ? civ_funeral_policy_in_force (db, (const char *const *) areas, on, &local)
                   : civ_funeral_fee_list_in_force (db, (const char *const *) areas, on, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (in_force_id != NULL && current != NULL)
    *in_force_id = current->id;
  return g_steal_pointer (&out);
}

GPtrArray *
civ_funeral_fees_list (CivStore *store, const GDate *today, gint64 *in_force_id, GError **error)
{
  return files_list (store, FALSE, today, in_force_id, error);
}

GPtrArray *
civ_funeral_policy_list (CivStore *store, const GDate *today, gint64 *in_force_id, GError **error)
{
  return files_list (store, TRUE, today, in_force_id, error);
}

/* ---- The bill ---------------------------------------------------------- */

static char *
line_audit_detail (const CivFuneralCaseRow *c, const CivFuneralBillLine *l)
{
  g_autoptr (CivJson) json = civ_json_new ();

  civ_json_string (json, "case_no", c->case_no);
  civ_json_int (json, "line", l->line_no);
  if (l->cancels > 0)
    civ_json_int (json, "cancels_line", l->cancels_line_no);
  civ_json_string (json, "item", l->item_code);
  civ_json_string (json, "name", l->item_name);
  civ_json_string (json, "unit", l->unit);
  civ_json_int (json, "unit_price_fen", l->unit_price_fen);
  civ_json_int (json, "quantity", l->quantity);
  civ_json_int (json, "amount_fen", l->amount_fen);
  civ_json_string (json, "service_on", l->service_on);
  civ_json_int (json, "fee_list", l->fee_list_id);
  if (l->reason != NULL)
    civ_json_string (json, "reason", l->reason);
  return civ_json_finish (json);
}

CivFuneralBillLine *
civ_funeral_bill_add (CivStore    *store,
                      const char  *case_key,
                      const char  *item,
                      gint64       quantity,
                      const GDate *today,
                      GError     **error)
{
  g_autoptr (CivFuneralCaseRow) c = NULL;
  g_autoptr (CivFuneralMoneyFile) file = NULL;
  g_autoptr (CivFeeList) list = NULL;
  g_autoptr (CivFuneralBillLine) line = g_new0 (CivFuneralBillLine, 1);
  g_autoptr (GPtrArray) lines = NULL;
  g_autoptr (GError) local = NULL;
  g_autoptr (CivFeeBill) bill = NULL;
  g_autoptr (GPtrArray) findings = civ_findings_new ();
  g_autofree char *code = NULL;
  g_autofree char *on = NULL;
  g_autofree char *detail = NULL;
  g_auto (GStrv) areas = NULL;
  const CivFeeItem *fi;
  CivDb            *db;

  if (!civ_require (store, CIV_PERM_FUNERAL, error))
    return NULL;
  code = civ_funeral_clean_text (item, CIV_FUNERAL_CODE_MAX, _ ("item's code"), "R-F4", error);
  if (code == NULL)
    return NULL;
  if (*code == '\0')
    {
      civ_app_set_invalid (error, "R-F4",
                           _ (
                             "R-F4: give the code of a fee item of the area’s list, such as HH01"));
      return NULL;
    }
  if (quantity < 1 || quantity > CIV_FEE_MAX_QUANTITY)
    {
      civ_app_set_invalid (error, "R-F4",
                           _ ("R-F4: the quantity is not one: give a whole number of units from 1 "
                              "to %d"),
                           (int) CIV_FEE_MAX_QUANTITY);
      return NULL;
    }
  on = civ_funeral_counter_day (today, error);
  if (on == NULL)
    return NULL;

  db = civ_store_get_db (store);
  if (!civ_db_begin (db, error))
    return NULL;
  c = find_case (db, case_key, error);
  if (c == NULL)
    goto fail;
  areas = civ_funeral_office_areas (c->office_code);
  file = civ_funeral_fee_list_in_force (db, (const char *const *) areas, on, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      goto fail;
    }
  if (file == NULL)
    {
      civ_app_set_refusal (error, "R-F4",
                           _ ("R-F4: no list of permitted fees is in force on %1$s for the office "
                              "%2$s: import the area’s fee list first"),
                           on, c->office_code);
      goto fail;
    }
  list = civ_fee_list_parse (file->json, strlen (file->json), error);
  if (list == NULL)
    goto fail;
  fi = civ_fee_list_find (list, code);
  if (fi == NULL)
    {
      g_autofree char *shown = g_utf8_make_valid (code, -1);

      civ_app_set_refusal (error, "R-F4",
                           _ ("R-F4: “%1$s” is not on the list of permitted fees in force (%2$s, "
                              "area %3$s): nothing outside the list may be charged"),
                           shown, *file->name ? file->name : file->sha256, file->area);
      goto fail;
    }
  if (fi->unit == CIV_FEE_UNIT_BODY && quantity != 1)
    {
      civ_app_set_refusal (error, "R-F4",
                           _ ("R-F4: “%1$s” (%2$s) is priced per body: a line bills it once, "
                              "with the quantity 1"),
                           fi->code, fi->name);
      goto fail;
    }
  lines = civ_funeral_bill_lines (db, c->id, error);
  if (lines == NULL)
    goto fail;
  if (lines->len >= CIV_FEE_MAX_LINES)
    {
      civ_app_set_refusal (error, "R-F4",
                           _ ("R-F4: the bill of %1$s has %2$d lines, the most a bill has"),
                           c->case_no, CIV_FEE_MAX_LINES);
      goto fail;
    }
  /* Priced by the fee list, never typed (R-F10). */
  bill = civ_fee_bill_new ();
  civ_fee_bill_add (bill, fi->code, quantity, today, -1);
  if (!civ_fee_bill_check (list, bill, findings))
    {
      const CivFinding *f = g_ptr_array_index (findings, 0);

      civ_app_set_refusal (error, f->rule, "%s: %s (%s)", f->rule, f->message, fi->name);
      goto fail;
    }
  line->case_id = c->id;
  line->item_code = g_strdup (fi->code);
  line->item_name = g_strdup (fi->name);
  line->unit = g_strdup (civ_fee_unit_to_string (fi->unit));
  line->unit_price_fen = g_array_index (bill->lines, CivFeeBillLine, 0).unit_price_fen;
  line->quantity = quantity;
  line->amount_fen = g_array_index (bill->lines, CivFeeBillLine, 0).amount_fen;
  line->service_on = g_strdup (on);
  line->fee_list_id = file->id;
  line->created_by = g_strdup (civ_store_get_operator (store)->login);
  if (civ_funeral_bill_line_insert (db, line, error) == 0)
    goto fail;
  detail = line_audit_detail (c, line);
  if (!civ_store_audit (store, "funeral.bill.add", c->case_no, detail, error) ||
      !civ_db_commit (db, error))
    goto fail;
  return g_steal_pointer (&line);

fail:
  civ_db_rollback (db);
  return NULL;
}

CivFuneralBillLine *
civ_funeral_bill_cancel (CivStore    *store,
                         const char  *case_key,
                         gint64       line_no,
                         const char  *reason,
                         const GDate *today,
                         GError     **error)
{
  g_autoptr (CivFuneralCaseRow) c = NULL;
  g_autoptr (CivFuneralBillLine) charge = NULL;
  g_autoptr (CivFuneralBillLine) line = g_new0 (CivFuneralBillLine, 1);
  g_autoptr (GError) local = NULL;
  g_autofree char *why = NULL;
  g_autofree char *on = NULL;
  g_autofree char *detail = NULL;
  CivDb           *db;

  if (!civ_require (store, CIV_PERM_FUNERAL, error))
    return NULL;
  why = civ_funeral_clean_text (reason, REASON_MAX, _ ("reason"), "R-F4", error);
  if (why == NULL)
    return NULL;
  on = civ_funeral_counter_day (today, error);
  if (on == NULL)
    return NULL;

  db = civ_store_get_db (store);
  if (!civ_db_begin (db, error))
    return NULL;
  c = find_case (db, case_key, error);
  if (c == NULL)
    goto fail;
  if (line_no >= 1)
    charge = civ_funeral_bill_line_find (db, c->id, line_no, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      goto fail;
    }
  if (charge == NULL)
    {
      civ_app_set_refusal (error, "R-F4", _ ("R-F4: the bill of %1$s has no line %2$d"), c->case_no,
                           (int) CLAMP (line_no, -1, 1000000));
      goto fail;
    }
  if (charge->cancels > 0)
    {
      civ_app_set_refusal (error, "R-F4",
                           _ ("R-F4: line %1$d of %2$s cancels line %3$d; a cancelling line is "
                              "not cancelled: bill the item again"),
                           (int) line_no, c->case_no, (int) charge->cancels_line_no);
      goto fail;
    }
  if (charge->cancelled_by_line > 0)
    {
      civ_app_set_refusal (error, "R-F4",
                           _ ("R-F4: line %1$d of %2$s was cancelled already, by line %3$d"),
                           (int) line_no, c->case_no, (int) charge->cancelled_by_line);
      goto fail;
    }
  if (charge->receipt_no != NULL)
    {
      civ_app_set_refusal (error, "R-F4",
                           _ ("R-F4: line %1$d of %2$s is on the receipt %3$s given to the "
                              "family; a receipted charge is not cancelled"),
                           (int) line_no, c->case_no, charge->receipt_no);
      goto fail;
    }
  line->case_id = c->id;
  line->cancels = charge->id;
  line->cancels_line_no = charge->line_no;
  line->item_code = g_strdup (charge->item_code);
  line->item_name = g_strdup (charge->item_name);
  line->unit = g_strdup (charge->unit);
  line->unit_price_fen = charge->unit_price_fen;
  line->quantity = charge->quantity;
  line->amount_fen = charge->amount_fen;
  line->service_on = g_strdup (on);
  line->fee_list_id = charge->fee_list_id;
  line->reason = *why != '\0' ? g_strdup (why) : NULL;
  line->created_by = g_strdup (civ_store_get_operator (store)->login);
  if (civ_funeral_bill_line_insert (db, line, error) == 0)
    goto fail;
  detail = line_audit_detail (c, line);
  if (!civ_store_audit (store, "funeral.bill.cancel", c->case_no, detail, error) ||
      !civ_db_commit (db, error))
    goto fail;
  return g_steal_pointer (&line);

fail:
  civ_db_rollback (db);
  return NULL;
}

/* The charges of @lines that stand (not cancelling, not cancelled). */
static GPtrArray *
standing_charges (GPtrArray *lines)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < lines->len; i++)
    {
      CivFuneralBillLine *l = g_ptr_array_index (lines, i);

      if (l->cancels == 0 && l->cancelled_by_line == 0)
        g_ptr_array_add (out, l);
    }
  return out;
}

static CivFuneralBillLine *
bill_line_copy (const CivFuneralBillLine *l)
{
  CivFuneralBillLine *c = g_memdup2 (l, sizeof *l);

  c->item_code = g_strdup (l->item_code);
  c->item_name = g_strdup (l->item_name);
  c->unit = g_strdup (l->unit);
  c->service_on = g_strdup (l->service_on);
  c->reason = g_strdup (l->reason);
  c->created_by = g_strdup (l->created_by);
  c->created_at = g_strdup (l->created_at);
  c->receipt_no = g_strdup (l->receipt_no);
  return c;
}

static gint64
last_line_no (GPtrArray *lines)
{
  return lines->len > 0
           ? ((CivFuneralBillLine *) g_ptr_array_index (lines, lines->len - 1))->line_no
           : 0;
}

void
civ_funeral_bill_summary_free (CivFuneralBillSummary *s)
{
  if (s == NULL)
    return;
  g_free (s->case_no);
  g_free (s->record_id);
  g_free (s->deceased_name);
  g_free (s->office_code);
  g_clear_pointer (&s->lines, g_ptr_array_unref);
  g_clear_pointer (&s->assessment, civ_funeral_assessment_row_free);
  g_clear_pointer (&s->receipts, g_ptr_array_unref);
  g_free (s);
}

CivFuneralBillSummary *
civ_funeral_bill_get (CivStore *store, const char *case_key, GError **error)
{
  g_autoptr (CivFuneralBillSummary) s = g_new0 (CivFuneralBillSummary, 1);
  g_autoptr (CivFuneralCaseRow) c = NULL;
  g_autoptr (GPtrArray) charges = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree char *detail = NULL;
  CivDb           *db;

  if (!civ_require (store, CIV_PERM_FUNERAL, error))
    return NULL;
  db = civ_store_get_db (store);
  c = find_case (db, case_key, error);
  if (c == NULL)
    return NULL;
  s->lines = civ_funeral_bill_lines (db, c->id, error);
  if (s->lines == NULL)
    return NULL;
  s->receipts = civ_funeral_receipt_list (db, c->id, error);
  if (s->receipts == NULL)
    return NULL;
  s->assessment = civ_funeral_assessment_latest (db, c->id, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  s->case_no = g_strdup (c->case_no);
  s->record_id = g_strdup (c->record_id);
  s->deceased_name = g_strdup (c->deceased_name);
  s->office_code = g_strdup (c->office_code);
  charges = standing_charges (s->lines);
  for (guint i = 0; i < charges->len; i++)
    {
      const CivFuneralBillLine *l = g_ptr_array_index (charges, i);

      s->total_fen += l->amount_fen;
      if (l->receipt_no == NULL)
        s->unreceipted_fen += l->amount_fen;
    }
  s->assessment_current =
    s->assessment != NULL && s->assessment->last_line_no == last_line_no (s->lines);
  s->waived_fen = s->assessment_current ? s->assessment->waived_fen : 0;
  s->to_pay_fen = s->total_fen - s->waived_fen;
  {
    g_autoptr (CivJson) json = civ_json_new ();

    civ_json_string (json, "case_no", c->case_no);
    civ_json_int (json, "lines", s->lines->len);
    civ_json_int (json, "total_fen", s->total_fen);
    detail = civ_json_finish (json);
  }
  if (!civ_store_audit (store, "funeral.bill.view", c->case_no, detail, error))
    return NULL;
  return g_steal_pointer (&s);
}

/* ---- The waiver -------------------------------------------------------- */

void
civ_funeral_waiver_result_free (CivFuneralWaiverResult *r)
{
  if (r == NULL)
    return;
  g_clear_pointer (&r->row, civ_funeral_assessment_row_free);
  g_clear_pointer (&r->lines, g_ptr_array_unref);
  g_clear_pointer (&r->assessment, civ_waiver_assessment_free);
  g_free (r->case_no);
  g_free (r);
}

/* The stored items of an assessment: one object per charge assessed. */
static char *
assessment_items_json (GPtrArray *charges, const CivWaiverAssessment *a)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < charges->len; i++)
    {
      const CivFuneralBillLine *l = g_ptr_array_index (charges, i);
      const CivWaiverLine      *w = &g_array_index (a->lines, CivWaiverLine, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "line");
      json_builder_add_int_value (b, l->line_no);
      json_builder_set_member_name (b, "item");
      json_builder_add_string_value (b, l->item_code);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, l->item_name);
      json_builder_set_member_name (b, "quantity");
      json_builder_add_int_value (b, l->quantity);
      json_builder_set_member_name (b, "unit_price_fen");
      json_builder_add_int_value (b, l->unit_price_fen);
      json_builder_set_member_name (b, "amount_fen");
      json_builder_add_int_value (b, w->amount_fen);
      json_builder_set_member_name (b, "waived_fen");
      json_builder_add_int_value (b, w->covered_fen);
      json_builder_set_member_name (b, "family_fen");
      json_builder_add_int_value (b, w->family_fen);
      json_builder_set_member_name (b, "cap");
      json_builder_add_string_value (b, civ_waiver_cap_to_string (w->cap));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return builder_to_string (b);
}

CivFuneralWaiverResult *
civ_funeral_waiver_assess_case (CivStore      *store,
                                const char    *case_key,
                                CivWaiverGroup group,
                                gboolean       resident,
                                const char    *evidence,
                                const GDate   *today,
                                GError       **error)
{
  g_autoptr (CivFuneralWaiverResult) r = g_new0 (CivFuneralWaiverResult, 1);
  g_autoptr (CivFuneralCaseRow) c = NULL;
  g_autoptr (CivFuneralMoneyFile) file = NULL;
  g_autoptr (CivWaiverPolicy) policy = NULL;
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (CivFeeBill) bill = NULL;
  g_autoptr (GPtrArray) bill_findings = civ_findings_new ();
  g_autoptr (GError) local = NULL;
  g_autofree char *proof = NULL;
  g_autofree char *on = NULL;
  g_autofree char *detail = NULL;
  g_auto (GStrv) areas = NULL;
  CivWaiverCase facts = { 0 };
  CivDb        *db;

  if (!civ_require (store, CIV_PERM_FUNERAL, error))
    return NULL;
  if (group < CIV_WAIVER_GROUP_NONE || group >= CIV_WAIVER_GROUP_ALL_RESIDENTS)
    {
      civ_app_set_invalid (error, "R-F8",
                           _ ("R-F8: give the family’s group: dibao, tekun, sanwu, unidentified, "
                              "youfu or none (with the deceased a resident of the area)"));
      return NULL;
    }
  proof = civ_funeral_clean_text (evidence, EVIDENCE_MAX, _ ("evidence"), "R-F8", error);
  if (proof == NULL)
    return NULL;
  on = civ_funeral_counter_day (today, error);
  if (on == NULL)
    return NULL;

  db = civ_store_get_db (store);
  if (!civ_db_begin (db, error))
    return NULL;
  c = find_case (db, case_key, error);
  if (c == NULL)
    goto fail;
  areas = civ_funeral_office_areas (c->office_code);
  file = civ_funeral_policy_in_force (db, (const char *const *) areas, on, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      goto fail;
    }
  if (file == NULL)
    {
      civ_app_set_refusal (error, "R-F8",
                           _ ("R-F8: no funeral waiver policy is in force on %1$s for the office "
                              "%2$s: import the area’s policy first"),
                           on, c->office_code);
      goto fail;
    }
  policy = civ_waiver_policy_parse (file->json, strlen (file->json), error);
  if (policy == NULL)
    goto fail;
  all = civ_funeral_bill_lines (db, c->id, error);
  if (all == NULL)
    goto fail;
  r->lines = standing_charges (all);
  if (r->lines->len == 0)
    {
      civ_app_set_refusal (error, "R-F8",
                           _ ("R-F8: the bill of %s is empty: bill the services before assessing "
                              "the waiver"),
                           c->case_no);
      goto fail;
    }
  bill = civ_fee_bill_new ();
  for (guint i = 0; i < r->lines->len; i++)
    {
      const CivFuneralBillLine *l = g_ptr_array_index (r->lines, i);
      GDate                     day;

      if (!civ_date_parse_iso (l->service_on, &day))
        g_date_clear (&day, 1);
      civ_fee_bill_add (bill, l->item_code, l->quantity, &day, l->unit_price_fen);
    }
  if (!civ_fee_bill_check (NULL, bill, bill_findings))
    {
      const CivFinding *f = g_ptr_array_index (bill_findings, 0);

      civ_app_set_refusal (error, f->rule, "%s: %s", f->rule, f->message);
      goto fail;
    }
  facts.group = group;
  facts.resident = resident;
  facts.evidence = proof;
  r->assessment = civ_funeral_waiver_assess (policy, &facts, bill);
  if (civ_findings_worst (r->assessment->findings) >= CIV_SEVERITY_REFUSE)
    {
      for (guint i = 0; i < r->assessment->findings->len; i++)
        {
          const CivFinding *f = g_ptr_array_index (r->assessment->findings, i);

          if (f->severity >= CIV_SEVERITY_REFUSE)
            {
              civ_app_set_refusal (error, f->rule, "%s: %s", f->rule, f->message);
              break;
            }
        }
      goto fail;
    }

  r->row = g_new0 (CivFuneralAssessmentRow, 1);
  r->row->case_id = c->id;
  r->row->policy_id = file->id;
  r->row->policy_version = g_strdup (file->version);
  r->row->waiver_group = g_strdup (civ_waiver_group_to_string (group));
  r->row->resident = resident;
  r->row->evidence = g_strdup (proof);
  r->row->assessed_on = g_strdup (on);
  r->row->last_line_no = last_line_no (all);
  r->row->items = assessment_items_json (r->lines, r->assessment);
  r->row->total_fen = r->assessment->total_fen;
  r->row->waived_fen = r->assessment->covered_fen;
  r->row->family_fen = r->assessment->family_fen;
  r->row->created_by = g_strdup (civ_store_get_operator (store)->login);
  r->row->id = civ_funeral_assessment_insert (db, r->row, error);
  if (r->row->id == 0)
    goto fail;
  {
    g_autoptr (CivJson) json = civ_json_new ();

    civ_json_string (json, "case_no", c->case_no);
    civ_json_int (json, "assessment", r->row->id);
    civ_json_int (json, "policy", file->id);
    civ_json_string (json, "policy_version", file->version);
    civ_json_string (json, "group", r->row->waiver_group);
    civ_json_bool (json, "resident", resident);
    civ_json_string (json, "evidence", proof);
    civ_json_int (json, "total_fen", r->row->total_fen);
    civ_json_int (json, "waived_fen", r->row->waived_fen);
    civ_json_int (json, "family_fen", r->row->family_fen);
    detail = civ_json_finish (json);
  }
  if (!civ_store_audit (store, "funeral.waiver.assess", c->case_no, detail, error) ||
      !civ_db_commit (db, error))
    goto fail;
  /* The charges outlive @all: keep copies. */
  {
    GPtrArray *kept = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_funeral_bill_line_free);

    for (guint i = 0; i < r->lines->len; i++)
      g_ptr_array_add (kept, bill_line_copy (g_ptr_array_index (r->lines, i)));
    g_ptr_array_unref (r->lines);
    r->lines = kept;
  }
  r->case_no = g_strdup (c->case_no);
  return g_steal_pointer (&r);

fail:
  civ_db_rollback (db);
  return NULL;
}

/* ---- Receipts ---------------------------------------------------------- */

/* The waived amount of each line of the stored @items (line number →
 * fen); NULL with an error when they are not what an assessment stores. */
static GHashTable *
waived_by_line (const char *items, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GHashTable) out = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  JsonNode  *root;
  JsonArray *array;

  if (!json_parser_load_from_data (parser, items, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    goto bad;
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode   *node = json_array_get_element (array, i);
      JsonObject *o;
      gint64     *key, *value;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        goto bad;
      o = json_node_get_object (node);
      if (!json_object_has_member (o, "line") || !json_object_has_member (o, "waived_fen"))
        goto bad;
      key = g_new (gint64, 1);
      value = g_new (gint64, 1);
      *key = json_object_get_int_member (o, "line");
      *value = json_object_get_int_member (o, "waived_fen");
      g_hash_table_insert (out, key, value);
    }
  return g_steal_pointer (&out);

bad:
  g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_FORMAT,
                       _ ("The stored waiver assessment cannot be read"));
  return NULL;
}

CivFuneralReceiptRow *
civ_funeral_receipt_issue (CivStore    *store,
                           const char  *case_key,
                           const GDate *today,
                           GError     **error)
{
  g_autoptr (CivFuneralReceiptRow) r = g_new0 (CivFuneralReceiptRow, 1);
  g_autoptr (CivFuneralCaseRow) c = NULL;
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GPtrArray) charges = NULL;
  g_autoptr (GPtrArray) receipts = NULL;
  g_autoptr (CivFuneralAssessmentRow) a = NULL;
  g_autoptr (GHashTable) waived = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree char *on = NULL;
  g_autofree char *detail = NULL;
  gint64           waived_before = 0;
  gint64           allowance = 0;
  CivDb           *db;

  if (!civ_require (store, CIV_PERM_FUNERAL, error))
    return NULL;
  on = civ_funeral_counter_day (today, error);
  if (on == NULL)
    return NULL;

  db = civ_store_get_db (store);
  if (!civ_db_begin (db, error))
    return NULL;
  c = find_case (db, case_key, error);
  if (c == NULL)
    goto fail;
  all = civ_funeral_bill_lines (db, c->id, error);
  if (all == NULL)
    goto fail;
  charges = standing_charges (all);
  if (charges->len == 0)
    {
      civ_app_set_refusal (error, "R-F4",
                           _ ("R-F4: nothing is billed to %s: a receipt lists the services "
                              "billed"),
                           c->case_no);
      goto fail;
    }
  r->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_funeral_receipt_line_free);
  for (guint i = 0; i < charges->len; i++)
    {
      const CivFuneralBillLine *l = g_ptr_array_index (charges, i);
      CivFuneralReceiptLine    *rl;

      if (l->receipt_no != NULL)
        continue;
      rl = g_new0 (CivFuneralReceiptLine, 1);
      rl->line_id = l->id;
      rl->line_no = l->line_no;
      rl->item_code = g_strdup (l->item_code);
      rl->item_name = g_strdup (l->item_name);
      rl->unit = g_strdup (l->unit);
      rl->unit_price_fen = l->unit_price_fen;
      rl->quantity = l->quantity;
      rl->amount_fen = l->amount_fen;
      g_ptr_array_add (r->lines, rl);
      r->total_fen += l->amount_fen;
    }
  if (r->lines->len == 0)
    {
      civ_app_set_refusal (error, "R-F4",
                           _ ("R-F4: every service billed to %s is on a receipt already: a new "
                              "receipt lists only what is billed after the last one"),
                           c->case_no);
      goto fail;
    }

  a = civ_funeral_assessment_latest (db, c->id, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      goto fail;
    }
  receipts = civ_funeral_receipt_list (db, c->id, error);
  if (receipts == NULL)
    goto fail;
  if (a != NULL)
    {
      if (a->last_line_no != last_line_no (all))
        {
          civ_app_set_refusal (error, "R-F8",
                               _ ("R-F8: the bill of %1$s changed after the waiver assessment of "
                                  "%2$s: assess the waiver again before the receipt"),
                               c->case_no, a->assessed_on);
          goto fail;
        }
      waived = waived_by_line (a->items, error);
      if (waived == NULL)
        goto fail;
      for (guint i = 0; i < receipts->len; i++)
        waived_before += ((CivFuneralReceiptRow *) g_ptr_array_index (receipts, i))->waived_fen;
      /* Never more in all than the assessment waives (its cap per body). */
      allowance = MAX (a->waived_fen - waived_before, 0);
      r->assessment_id = a->id;
      for (guint i = 0; i < r->lines->len; i++)
        {
          CivFuneralReceiptLine *rl = g_ptr_array_index (r->lines, i);
          const gint64          *w = g_hash_table_lookup (waived, &rl->line_no);
          gint64                 part = w != NULL ? CLAMP (*w, 0, rl->amount_fen) : 0;

          rl->waived_fen = MIN (part, allowance);
          allowance -= rl->waived_fen;
          r->waived_fen += rl->waived_fen;
        }
    }
  r->to_pay_fen = r->total_fen - r->waived_fen;
  r->office_code = g_strdup (c->office_code);
  r->case_id = c->id;
  r->issued_on = g_strdup (on);
  r->issued_by = g_strdup (civ_store_get_operator (store)->login);
  if (civ_funeral_receipt_insert (db, r, error) == 0)
    goto fail;
  {
    g_autoptr (CivJson) json = civ_json_new ();
    g_autoptr (GPtrArray) nos = g_ptr_array_new_with_free_func (g_free);

    for (guint i = 0; i < r->lines->len; i++)
      g_ptr_array_add (nos,
                       g_strdup_printf ("%" G_GINT64_FORMAT,
                                        ((CivFuneralReceiptLine *) g_ptr_array_index (r->lines, i))
                                          ->line_no));
    g_ptr_array_add (nos, NULL);
    civ_json_string (json, "receipt_no", r->receipt_no);
    civ_json_string (json, "case_no", c->case_no);
    civ_json_strv (json, "lines", (const char *const *) nos->pdata);
    civ_json_int (json, "total_fen", r->total_fen);
    civ_json_int (json, "waived_fen", r->waived_fen);
    civ_json_int (json, "to_pay_fen", r->to_pay_fen);
    if (a != NULL)
      civ_json_int (json, "assessment", a->id);
    detail = civ_json_finish (json);
  }
  if (!civ_store_audit (store, "funeral.receipt.issue", r->receipt_no, detail, error) ||
      !civ_db_commit (db, error))
    goto fail;
  return g_steal_pointer (&r);

fail:
  civ_db_rollback (db);
  return NULL;
}

/* ---- Jobs for a page --------------------------------------------------- */

typedef struct
{
  GBytes        *data;
  char          *case_key;
  char          *text; /* the item, the reason, the evidence */
  gint64         number;
  CivWaiverGroup group;
  gboolean       resident;
  GDate          today;
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->data, g_bytes_unref);
  g_free (job->case_key);
  g_free (job->text);
  g_free (job);
}

static Job *
job_new (const char *case_key, const GDate *today)
{
  Job *job = g_new0 (Job, 1);

  job->case_key = g_strdup (case_key);
  if (today != NULL)
    job->today = *today;
  return job;
}

static gboolean
fees_import_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  Job        *job = data;
  gsize       len = 0;
  const char *bytes = g_bytes_get_data (job->data, &len);

  *result = civ_funeral_fees_import (store, bytes ? bytes : "", len, &job->today, error);
  return *result != NULL;
}

static gboolean
policy_import_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  Job        *job = data;
  gsize       len = 0;
  const char *bytes = g_bytes_get_data (job->data, &len);

  *result = civ_funeral_policy_import (store, bytes ? bytes : "", len, &job->today, error);
  return *result != NULL;
}

void
civ_funeral_fees_import_async (CivSession         *session,
                               gpointer            source_object,
                               GBytes             *data,
                               const GDate        *today,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  Job *job = job_new (NULL, today);

  job->data = g_bytes_ref (data);
  civ_session_call (session, source_object, cancellable, fees_import_func, job,
                    (GDestroyNotify) job_free, (GDestroyNotify) civ_funeral_money_file_free,
                    callback, user_data);
}

CivFuneralMoneyFile *
civ_funeral_fees_import_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}

void
civ_funeral_policy_import_async (CivSession         *session,
                                 gpointer            source_object,
                                 GBytes             *data,
                                 const GDate        *today,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  Job *job = job_new (NULL, today);

  job->data = g_bytes_ref (data);
  civ_session_call (session, source_object, cancellable, policy_import_func, job,
                    (GDestroyNotify) job_free, (GDestroyNotify) civ_funeral_money_file_free,
                    callback, user_data);
}

CivFuneralMoneyFile *
civ_funeral_policy_import_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}

static gboolean
bill_add_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  Job *job = data;

  *result = civ_funeral_bill_add (store, job->case_key, job->text, job->number, &job->today, error);
  return *result != NULL;
}

void
civ_funeral_bill_add_async (CivSession         *session,
                            gpointer            source_object,
                            const char         *case_key,
                            const char         *item,
                            gint64              quantity,
                            const GDate        *today,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  Job *job = job_new (case_key, today);

  job->text = g_strdup (item);
  job->number = quantity;
  civ_session_call (session, source_object, cancellable, bill_add_func, job,
                    (GDestroyNotify) job_free, (GDestroyNotify) civ_funeral_bill_line_free,
                    callback, user_data);
}

CivFuneralBillLine *
civ_funeral_bill_add_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}

static gboolean
bill_cancel_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  Job *job = data;

  *result =
    civ_funeral_bill_cancel (store, job->case_key, job->number, job->text, &job->today, error);
  return *result != NULL;
}

void
civ_funeral_bill_cancel_async (CivSession         *session,
                               gpointer            source_object,
                               const char         *case_key,
                               gint64              line_no,
                               const char         *reason,
                               const GDate        *today,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  Job *job = job_new (case_key, today);

  job->text = g_strdup (reason);
  job->number = line_no;
  civ_session_call (session, source_object, cancellable, bill_cancel_func, job,
                    (GDestroyNotify) job_free, (GDestroyNotify) civ_funeral_bill_line_free,
                    callback, user_data);
}

CivFuneralBillLine *
civ_funeral_bill_cancel_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}

static gboolean
bill_get_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  Job *job = data;

  *result = civ_funeral_bill_get (store, job->case_key, error);
  return *result != NULL;
}

void
civ_funeral_bill_get_async (CivSession         *session,
                            gpointer            source_object,
                            const char         *case_key,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  civ_session_call (session, source_object, cancellable, bill_get_func, job_new (case_key, NULL),
                    (GDestroyNotify) job_free, (GDestroyNotify) civ_funeral_bill_summary_free,
                    callback, user_data);
}

CivFuneralBillSummary *
civ_funeral_bill_get_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}

static gboolean
waiver_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  Job *job = data;

  *result = civ_funeral_waiver_assess_case (store, job->case_key, job->group, job->resident,
                                            job->text, &job->today, error);
  return *result != NULL;
}

void
civ_funeral_waiver_assess_async (CivSession         *session,
                                 gpointer            source_object,
                                 const char         *case_key,
                                 CivWaiverGroup      group,
                                 gboolean            resident,
                                 const char         *evidence,
                                 const GDate        *today,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  Job *job = job_new (case_key, today);

  job->group = group;
  job->resident = resident;
  job->text = g_strdup (evidence);
  civ_session_call (session, source_object, cancellable, waiver_func, job,
                    (GDestroyNotify) job_free, (GDestroyNotify) civ_funeral_waiver_result_free,
                    callback, user_data);
}

CivFuneralWaiverResult *
civ_funeral_waiver_assess_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}

static gboolean
receipt_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  Job *job = data;

  *result = civ_funeral_receipt_issue (store, job->case_key, &job->today, error);
  return *result != NULL;
}

void
civ_funeral_receipt_issue_async (CivSession         *session,
                                 gpointer            source_object,
                                 const char         *case_key,
                                 const GDate        *today,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  civ_session_call (session, source_object, cancellable, receipt_func, job_new (case_key, today),
                    (GDestroyNotify) job_free, (GDestroyNotify) civ_funeral_receipt_row_free,
                    callback, user_data);
}

CivFuneralReceiptRow *
civ_funeral_receipt_issue_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}
