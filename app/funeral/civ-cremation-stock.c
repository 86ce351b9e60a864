// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-cremation-stock.c — cremation certificates as controlled stock (R-F13) */
#include "civ-cremation-stock.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-calendar.h"
#include "civ-funeral-input.h"
#include "civ-json.h"
#include "civ-permissions.h"
#include "civ-registry-private.h"

#define PREFIX_MAX 8
#define WIDTH_MAX 12
#define CASE_REF_MAX 64
#define REFERENCE_MAX 200
#define REASON_MAX 500

char *
civ_cremation_serial_normalize (
  const char *text, char **prefix, gint64 *number, guint *width, GError **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text ? text : ""));
  const char      *p = copy;
  guint            letters = 0, digits = 0;
  gint64           n = 0;

  while (g_ascii_isalpha (p[letters]))
    letters++;
  while (g_ascii_isdigit (p[letters + digits]))
    {
      n = n * 10 + (p[letters + digits] - '0');
      digits++;
      if (digits > WIDTH_MAX)
        break;
    }
  if (letters > PREFIX_MAX || digits == 0 || digits > WIDTH_MAX || p[letters + digits] != '\0')
    {
      g_autofree char *shown = g_utf8_make_valid (copy, -1);

      civ_app_set_invalid (error, "R-F13",
                           _ ("R-F13: “%s” is not a cremation certificate serial: give the letters "
                              "and the number printed on the blank, such as HZ0000123"),
                           shown);
      return NULL;
    }
  for (guint i = 0; i < letters; i++)
    copy[i] = g_ascii_toupper (copy[i]);
  if (prefix != NULL)
    *prefix = g_strndup (copy, letters);
  if (number != NULL)
    *number = n;
  if (width != NULL)
    *width = digits;
  return g_steal_pointer (&copy);
}

/* A text the stock keeps (a reference, a reason, a case reference). */
static char *
clean_text (const char *text, guint max, const char *what, GError **error)
{
  return civ_funeral_clean_text (text, max, what, "R-F13", error);
}

CivCremationBatch *
civ_cremation_stock_receive (CivStore    *store,
                             const char  *first_serial,
                             const char  *last_serial,
                             const char  *reference,
                             const GDate *today,
                             GError     **error)
{
  g_autoptr (CivCremationBatch) batch = g_new0 (CivCremationBatch, 1);
  g_autoptr (CivCremationBatch) overlap = NULL;
  g_autofree char *last_prefix = NULL;
  g_autofree char *ref = NULL;
  g_autofree char *detail = NULL;
  g_autoptr (GError) local = NULL;
  gint64 last_number = 0;
  guint  last_width = 0;
  CivDb *db;

  if (!civ_require (store, CIV_PERM_FUNERAL, error))
    return NULL;
  batch->first_serial = civ_cremation_serial_normalize (first_serial, &batch->prefix,
                                                        &batch->first_number, &batch->width, error);
  if (batch->first_serial == NULL)
    return NULL;
  batch->last_serial =
    civ_cremation_serial_normalize (last_serial, &last_prefix, &last_number, &last_width, error);
  if (batch->last_serial == NULL)
    return NULL;
  if (strcmp (batch->prefix, last_prefix) != 0 || batch->width != last_width)
    {
      civ_app_set_invalid (error, "R-F13",
                           _ ("R-F13: the first and the last serial of a batch have the same "
                              "letters and the same number of digits (%s, %s)"),
                           batch->first_serial, batch->last_serial);
      return NULL;
    }
  if (last_number < batch->first_number)
    {
      civ_app_set_invalid (error, "R-F13",
                           _ ("R-F13: the last serial %s comes before the first %s: give the "
                              "lowest serial of the batch first"),
                           batch->last_serial, batch->first_serial);
      return NULL;
    }
  if (last_number - batch->first_number >= CIV_CREMATION_BATCH_MAX)
    {
      civ_app_set_invalid (error, "R-F13",
                           _ ("R-F13: a batch holds at most %d blanks: receive the serials %s to "
                              "%s in several batches"),
                           CIV_CREMATION_BATCH_MAX, batch->first_serial, batch->last_serial);
      return NULL;
    }
  batch->last_number = last_number;
  batch->count = last_number - batch->first_number + 1;
  ref = clean_text (reference, REFERENCE_MAX, _ ("supplier's reference"), error);
  if (ref == NULL)
    return NULL;
  if (*ref != '\0')
    batch->reference = g_steal_pointer (&ref);
  batch->received_on = civ_funeral_counter_day (today, error);
  if (batch->received_on == NULL)
    return NULL;

  db = civ_store_get_db (store);
  if (!civ_db_begin (db, error))
    return NULL;
  overlap = civ_cremation_batch_find_overlap (db, batch->prefix, batch->first_number,
                                              batch->last_number, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      goto fail;
    }
  if (overlap != NULL)
    {
      civ_app_set_refusal (error, "R-F13",
                           _ ("R-F13: the serials %1$s to %2$s were received before, in the batch "
                              "%3$s to %4$s of %5$s: a serial is received once"),
                           batch->first_serial, batch->last_serial, overlap->first_serial,
                           overlap->last_serial, overlap->received_on);
      goto fail;
    }
  batch->received_by = g_strdup (civ_store_get_operator (store)->login);
  batch->id = civ_cremation_batch_insert (db, batch, batch->received_by, error);
  if (batch->id == 0)
    goto fail;
  {
    g_autoptr (CivJson) json = civ_json_new ();

    civ_json_int (json, "batch", batch->id);
    civ_json_string (json, "first_serial", batch->first_serial);
    civ_json_string (json, "last_serial", batch->last_serial);
    civ_json_int (json, "count", batch->count);
    civ_json_string (json, "received_on", batch->received_on);
    civ_json_string (json, "reference", batch->reference);
    detail = civ_json_finish (json);
  }
  if (!civ_store_audit (store, "funeral.stock.receive", batch->first_serial, detail, error) ||
      !civ_db_commit (db, error))
    goto fail;
  return g_steal_pointer (&batch);

fail:
  civ_db_rollback (db);
  return NULL;
}

char *
civ_cremation_stock_issue_within (
  CivStore *store, const char *serial, const char *case_ref, const GDate *today, GError **error)
{
  g_autoptr (CivCremationSerial) row = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree char *wanted = NULL;
  g_autofree char *ref = NULL;
  g_autofree char *held = NULL;
  g_autofree char *on = NULL;
  g_autofree char *detail = NULL;
  CivDb           *db = civ_store_get_db (store);

  if (!civ_operator_may (store, CIV_PERM_FUNERAL))
    {
      const CivOperator *op = civ_store_get_operator (store);

      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION,
                   _ ("A user with the role “%s” may not %s"),
                   op ? civ_role_display_name (op->role) : _ ("Unknown role"),
                   civ_permission_describe (CIV_PERM_FUNERAL));
      return NULL;
    }
  ref = clean_text (case_ref, CASE_REF_MAX, _ ("case reference"), error);
  if (ref == NULL)
    return NULL;
  if (*ref == '\0')
    {
      civ_app_set_invalid (error, "R-F13",
                           _ ("R-F13: a cremation certificate is issued to a funeral case: give "
                              "the case's reference"));
      return NULL;
    }
  if (serial != NULL && *serial != '\0')
    {
      wanted = civ_cremation_serial_normalize (serial, NULL, NULL, NULL, error);
      if (wanted == NULL)
        return NULL;
    }
  on = civ_funeral_counter_day (today, error);
  if (on == NULL)
    return NULL;

  /* R-F13: one cremation, one certificate. */
  held = civ_cremation_serial_of_case (db, ref, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (held != NULL)
    {
      civ_app_set_refusal (error, "R-F13",
                           _ ("R-F13: the case %1$s already holds the cremation certificate %2$s: "
                              "void it first if it was spoiled"),
                           ref, held);
      return NULL;
    }
  if (wanted == NULL)
    {
      wanted = civ_cremation_serial_next_in_stock (db, &local);
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      if (wanted == NULL)
        {
          civ_app_set_refusal (error, "R-F13",
                               _ ("R-F13: no cremation certificate blank is in stock: receive a "
                                  "batch first"));
          return NULL;
        }
    }
  row = civ_cremation_serial_find (db, wanted, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (row == NULL)
    {
      civ_app_set_refusal (error, "R-F13",
                           _ ("R-F13: the blank %s was never received: only a blank of a batch "
                              "received may be issued"),
                           wanted);
      return NULL;
    }
  if (g_strcmp0 (row->state, "issued") == 0)
    {
      civ_app_set_refusal (error, "R-F13",
                           _ ("R-F13: the blank %1$s was issued already, to the case %2$s on %3$s"),
                           row->serial, row->case_ref, row->issued_on);
      return NULL;
    }
  if (g_strcmp0 (row->state, "voided") == 0)
    {
      civ_app_set_refusal (error, "R-F13",
                           _ ("R-F13: the blank %1$s was voided on %2$s and cannot be issued"),
                           row->serial, row->voided_on);
      return NULL;
    }
  if (strcmp (on, row->received_on) < 0)
    {
      civ_app_set_invalid (error, "R-F13",
                           _ ("R-F13: the blank %1$s was received on %2$s and cannot be issued "
                              "before that day"),
                           row->serial, row->received_on);
      return NULL;
    }
  if (!civ_cremation_serial_issue (db, row->serial, ref, on, civ_store_get_operator (store)->login,
                                   error))
    return NULL;
  {
    g_autoptr (CivJson) json = civ_json_new ();

    civ_json_string (json, "serial", row->serial);
    civ_json_string (json, "case_ref", ref);
    civ_json_string (json, "issued_on", on);
    detail = civ_json_finish (json);
  }
  if (!civ_store_audit (store, "funeral.stock.issue", row->serial, detail, error))
    return NULL;
  return g_strdup (row->serial);
}

char *
civ_cremation_stock_issue (
  CivStore *store, const char *serial, const char *case_ref, const GDate *today, GError **error)
{
  g_autofree char *issued = NULL;
  CivDb           *db;

  if (!civ_require (store, CIV_PERM_FUNERAL, error))
    return NULL;
  db = civ_store_get_db (store);
  if (!civ_db_begin (db, error))
    return NULL;
  issued = civ_cremation_stock_issue_within (store, serial, case_ref, today, error);
  if (issued == NULL || !civ_db_commit (db, error))
    {
      civ_db_rollback (db);
      return NULL;
    }
  return g_steal_pointer (&issued);
}

/* The void's approver: the operator when they are a supervisor approving
 * their own void (no @login given), else @login once it passed the check. */
static char *
void_approver (CivStore *store, const char *login, const char *password, GError **error)
{
  const CivOperator *op = civ_store_get_operator (store);
  g_autofree char   *approver = g_strstrip (g_strdup (login ? login : ""));

  if (*approver == '\0' && op->role == CIV_ROLE_SUPERVISOR && op->enabled)
    return g_strdup (op->login);
  if (!_civ_registry_check_approver (store, CIV_APPROVAL_VOID_CREMATION_CERTIFICATE, approver,
                                     password, error))
    return NULL;
  return g_steal_pointer (&approver);
}

static gboolean
void_serial (CivStore    *store,
             const char  *serial,
             const char  *reason,
             const char  *approver_login,
             const char  *approver_password,
             const GDate *today,
             GError     **error)
{
  g_autoptr (CivCremationSerial) row = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree char *wanted = NULL;
  g_autofree char *why = NULL;
  g_autofree char *on = NULL;
  g_autofree char *approved_by = NULL;
  g_autofree char *detail = NULL;
  CivDb           *db;

  if (!civ_require (store, CIV_PERM_FUNERAL, error))
    return FALSE;
  wanted = civ_cremation_serial_normalize (serial, NULL, NULL, NULL, error);
  if (wanted == NULL)
    return FALSE;
  why = clean_text (reason, REASON_MAX, _ ("reason"), error);
  if (why == NULL)
    return FALSE;
  if (*why == '\0')
    {
      civ_app_set_invalid (error, "R-F13",
                           _ ("R-F13: a voided cremation certificate needs a reason: say how it "
                              "was spoiled"));
      return FALSE;
    }
  on = civ_funeral_counter_day (today, error);
  if (on == NULL)
    return FALSE;
  /* Checked before the transaction: opening a key slot takes a while. */
  approved_by = void_approver (store, approver_login, approver_password, error);
  if (approved_by == NULL)
    return FALSE;

  db = civ_store_get_db (store);
  if (!civ_db_begin (db, error))
    return FALSE;
  row = civ_cremation_serial_find (db, wanted, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      goto fail;
    }
  if (row == NULL)
    {
      civ_app_set_refusal (error, "R-F13",
                           _ ("R-F13: the blank %s was never received: there is nothing to void"),
                           wanted);
      goto fail;
    }
  if (g_strcmp0 (row->state, "voided") == 0)
    {
      civ_app_set_refusal (error, "R-F13",
                           _ ("R-F13: the blank %1$s was voided already, on %2$s (approved by "
                              "%3$s)"),
                           row->serial, row->voided_on, row->approved_by);
      goto fail;
    }
  if (strcmp (on, row->received_on) < 0 || (row->issued_on && strcmp (on, row->issued_on) < 0))
    {
      civ_app_set_invalid (error, "R-F13",
                           _ ("R-F13: the blank %1$s cannot be voided on a day before it was "
                              "received or issued (%2$s)"),
                           row->serial, row->issued_on ? row->issued_on : row->received_on);
      goto fail;
    }
  if (!civ_cremation_serial_void (db, row->serial, why, on, civ_store_get_operator (store)->login,
                                  approved_by, error))
    goto fail;
  {
    g_autoptr (CivJson) json = civ_json_new ();

    civ_json_string (json, "serial", row->serial);
    civ_json_string (json, "state_before", row->state);
    civ_json_string (json, "case_ref", row->case_ref);
    civ_json_string (json, "reason", why);
    civ_json_string (json, "voided_on", on);
    civ_json_string (json, "approved_by", approved_by);
    detail = civ_json_finish (json);
  }
  if (!civ_store_audit (store, "funeral.stock.void", row->serial, detail, error) ||
      !civ_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  civ_db_rollback (db);
  return FALSE;
}

gboolean
civ_cremation_stock_void (CivStore    *store,
                          const char  *serial,
                          const char  *reason,
                          const char  *approver_login,
                          char        *approver_password,
                          const GDate *today,
                          GError     **error)
{
  gboolean ok =
    void_serial (store, serial, reason, approver_login, approver_password, today, error);

  _civ_registry_wipe (approver_password);
  return ok;
}

/* ---- Reconciliation ---------------------------------------------------- */

gboolean
civ_cremation_tally_balances (const CivCremationTally *t)
{
  return t->opening + t->received == t->issued + t->voided + t->in_stock;
}

static void
tally_clear (CivCremationTally *t)
{
  g_free (t->first_serial);
  g_free (t->last_serial);
  g_free (t->received_on);
  g_free (t->reference);
}

static void
tally_free (CivCremationTally *t)
{
  tally_clear (t);
  g_free (t);
}

static void
range_free (CivCremationRange *r)
{
  g_free (r->first_serial);
  g_free (r->last_serial);
  g_free (r);
}

void
civ_cremation_reconciliation_free (CivCremationReconciliation *rec)
{
  if (rec == NULL)
    return;
  g_free (rec->from);
  g_free (rec->to);
  tally_clear (&rec->total);
  g_clear_pointer (&rec->batches, g_ptr_array_unref);
  g_clear_pointer (&rec->issued, g_ptr_array_unref);
  g_clear_pointer (&rec->voided, g_ptr_array_unref);
  g_clear_pointer (&rec->in_stock, g_ptr_array_unref);
  g_clear_pointer (&rec->voided_after_earlier_issue, g_ptr_array_unref);
  g_free (rec);
}

/* Dates as YYYY-MM-DD compare as text; "" is before every day and
 * "9999-12-31" after. */
#define BEFORE(a, b) (strcmp ((a), (b)) < 0)
#define IN(d, from, to) ((d) != NULL && !BEFORE ((d), (from)) && !BEFORE ((to), (d)))

/* What @s counts for in the period @from…@to: each figure decided from its
 * own dates, so that a balance that fails shows dates that disagree. */
static void
tally_add (CivCremationTally *t, const CivCremationSerial *s, const char *from, const char *to)
{
  gboolean voided_by_end = s->voided_on != NULL && !BEFORE (to, s->voided_on);
  gboolean issued_by_end = s->issued_on != NULL && !BEFORE (to, s->issued_on);

  if (BEFORE (s->received_on, from) && (s->issued_on == NULL || !BEFORE (s->issued_on, from)) &&
      (s->voided_on == NULL || !BEFORE (s->voided_on, from)))
    t->opening++;
  if (IN (s->received_on, from, to))
    t->received++;
  if (IN (s->issued_on, from, to) && !voided_by_end)
    t->issued++;
  if (IN (s->voided_on, from, to) && (s->issued_on == NULL || !BEFORE (s->issued_on, from)))
    t->voided++;
  if (!BEFORE (to, s->received_on) && !issued_by_end && !voided_by_end)
    t->in_stock++;
}

static CivCremationSerial *
serial_copy (const CivCremationSerial *s)
{
  CivCremationSerial *c = g_new0 (CivCremationSerial, 1);

  c->serial = g_strdup (s->serial);
  c->batch_id = s->batch_id;
  c->number = s->number;
  c->state = g_strdup (s->state);
  c->received_on = g_strdup (s->received_on);
  c->case_ref = g_strdup (s->case_ref);
  c->issued_on = g_strdup (s->issued_on);
  c->issued_by = g_strdup (s->issued_by);
  c->void_reason = g_strdup (s->void_reason);
  c->voided_on = g_strdup (s->voided_on);
  c->voided_by = g_strdup (s->voided_by);
  c->approved_by = g_strdup (s->approved_by);
  return c;
}

CivCremationReconciliation *
civ_cremation_stock_reconcile (CivStore *store, const GDate *from, const GDate *to, GError **error)
{
  g_autoptr (CivCremationReconciliation) rec = g_new0 (CivCremationReconciliation, 1);
  g_autoptr (GPtrArray) batches = NULL;
  g_autoptr (GPtrArray) serials = NULL;
  g_autoptr (GHashTable) by_id = NULL;
  g_autofree char          *detail = NULL;
  const char               *lo, *hi;
  CivCremationRange        *run = NULL;
  const CivCremationSerial *prev = NULL;
  CivDb                    *db;

  if (!civ_require (store, CIV_PERM_FUNERAL, error))
    return NULL;
  if ((from != NULL && !g_date_valid (from)) || (to != NULL && !g_date_valid (to)))
    {
      g_set_error_literal (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                           _ ("The period of a reconciliation needs valid dates"));
      return NULL;
    }
  if (from != NULL && to != NULL && g_date_compare (from, to) > 0)
    {
      rec->from = civ_date_format_iso (from);
      rec->to = civ_date_format_iso (to);
      g_set_error (error, CIV_APP_ERROR, CIV_APP_ERROR_INVALID,
                   _ ("The period begins on %1$s, after it ends on %2$s: give the earlier date "
                      "first"),
                   rec->from, rec->to);
      return NULL;
    }
  rec->from = from ? civ_date_format_iso (from) : NULL;
  rec->to = to ? civ_date_format_iso (to) : NULL;
  lo = rec->from ? rec->from : "";
  hi = rec->to ? rec->to : "9999-12-31";

  db = civ_store_get_db (store);
  batches = civ_cremation_batch_list (db, error);
  if (batches == NULL)
    return NULL;
  serials = civ_cremation_serial_list (db, rec->to, error);
  if (serials == NULL)
    return NULL;

  rec->batches = g_ptr_array_new_with_free_func ((GDestroyNotify) tally_free);
  rec->issued = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_cremation_serial_free);
  rec->voided = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_cremation_serial_free);
  rec->in_stock = g_ptr_array_new_with_free_func ((GDestroyNotify) range_free);
  rec->voided_after_earlier_issue =
    g_ptr_array_new_with_free_func ((GDestroyNotify) civ_cremation_serial_free);
  by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) tally_free);
  for (guint i = 0; i < batches->len; i++)
    {
      const CivCremationBatch *b = g_ptr_array_index (batches, i);
      CivCremationTally       *t = g_new0 (CivCremationTally, 1);

      t->batch_id = b->id;
      t->first_serial = g_strdup (b->first_serial);
      t->last_serial = g_strdup (b->last_serial);
      t->received_on = g_strdup (b->received_on);
      t->reference = g_strdup (b->reference);
      g_hash_table_insert (by_id, &t->batch_id, t);
    }

  for (guint i = 0; i < serials->len; i++)
    {
      const CivCremationSerial *s = g_ptr_array_index (serials, i);
      CivCremationTally        *t = g_hash_table_lookup (by_id, &s->batch_id);
      gint64                    in_stock_before = rec->total.in_stock;
      gint64                    issued_before = rec->total.issued;
      gint64                    voided_before = rec->total.voided;

      tally_add (&rec->total, s, lo, hi);
      if (t != NULL)
        tally_add (t, s, lo, hi);
      if (rec->total.issued > issued_before)
        g_ptr_array_add (rec->issued, serial_copy (s));
      if (rec->total.voided > voided_before)
        g_ptr_array_add (rec->voided, serial_copy (s));
      else if (IN (s->voided_on, lo, hi))
        g_ptr_array_add (rec->voided_after_earlier_issue, serial_copy (s));
      if (rec->total.in_stock > in_stock_before)
        {
          if (run != NULL && prev != NULL && prev->batch_id == s->batch_id &&
              prev->number + 1 == s->number)
            {
              g_free (run->last_serial);
              run->last_serial = g_strdup (s->serial);
              run->count++;
            }
          else
            {
              run = g_new0 (CivCremationRange, 1);
              run->first_serial = g_strdup (s->serial);
              run->last_serial = g_strdup (s->serial);
              run->count = 1;
              g_ptr_array_add (rec->in_stock, run);
            }
          prev = s;
        }
      else
        prev = NULL;
    }
  for (guint i = 0; i < batches->len; i++)
    {
      const CivCremationBatch *b = g_ptr_array_index (batches, i);
      CivCremationTally       *t = g_hash_table_lookup (by_id, &b->id);

      if (t->opening || t->received || t->issued || t->voided || t->in_stock)
        {
          g_hash_table_steal (by_id, &b->id);
          g_ptr_array_add (rec->batches, t);
        }
    }

  {
    g_autoptr (CivJson) json = civ_json_new ();

    civ_json_string (json, "from", rec->from);
    civ_json_string (json, "to", rec->to);
    civ_json_int (json, "opening", rec->total.opening);
    civ_json_int (json, "received", rec->total.received);
    civ_json_int (json, "issued", rec->total.issued);
    civ_json_int (json, "voided", rec->total.voided);
    civ_json_int (json, "in_stock", rec->total.in_stock);
    civ_json_bool (json, "balanced", civ_cremation_tally_balances (&rec->total));
    detail = civ_json_finish (json);
  }
  if (!civ_store_audit (store, "funeral.stock.reconcile", NULL, detail, error))
    return NULL;
  return g_steal_pointer (&rec);
}

/* ---- Jobs for a page --------------------------------------------------- */

typedef struct
{
  char    *serial; /* the first serial, or the one to void */
  char    *last;
  char    *text; /* the reference, or the reason */
  char    *approver;
  char    *password;
  GDate    today;
  GDate    from;
  GDate    to;
  gboolean has_from;
  gboolean has_to;
} Job;

static void
job_free (Job *job)
{
  g_free (job->serial);
  g_free (job->last);
  g_free (job->text);
  g_free (job->approver);
  _civ_registry_wipe (job->password);
  g_free (job->password);
  g_free (job);
}

static Job *
job_new (const GDate *today)
{
  Job *job = g_new0 (Job, 1);

  if (today != NULL)
    job->today = *today;
  return job;
}

static gboolean
receive_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  Job *job = data;

  *result =
    civ_cremation_stock_receive (store, job->serial, job->last, job->text, &job->today, error);
  return *result != NULL;
}

void
civ_cremation_stock_receive_async (CivSession         *session,
                                   gpointer            source_object,
                                   const char         *first_serial,
                                   const char         *last_serial,
                                   const char         *reference,
                                   const GDate        *today,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  Job *job = job_new (today);

  job->serial = g_strdup (first_serial);
  job->last = g_strdup (last_serial);
  job->text = g_strdup (reference);
  civ_session_call (session, source_object, cancellable, receive_func, job,
                    (GDestroyNotify) job_free, (GDestroyNotify) civ_cremation_batch_free, callback,
                    user_data);
}

CivCremationBatch *
civ_cremation_stock_receive_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}

static gboolean
void_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  Job     *job = data;
  gboolean ok =
    void_serial (store, job->serial, job->text, job->approver, job->password, &job->today, error);

  _civ_registry_wipe (job->password);
  return ok;
}

void
civ_cremation_stock_void_async (CivSession         *session,
                                gpointer            source_object,
                                const char         *serial,
                                const char         *reason,
                                const char         *approver_login,
                                const char         *approver_password,
                                const GDate        *today,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  Job *job = job_new (today);

  job->serial = g_strdup (serial);
  job->text = g_strdup (reason);
  job->approver = g_strdup (approver_login);
  job->password = g_strdup (approver_password);
  civ_session_call (session, source_object, cancellable, void_func, job, (GDestroyNotify) job_free,
                    NULL, callback, user_data);
}

gboolean
civ_cremation_stock_void_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish (session, result, NULL, error);
}

static gboolean
reconcile_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  Job *job = data;

  *result = civ_cremation_stock_reconcile (store, job->has_from ? &job->from : NULL,
                                           job->has_to ? &job->to : NULL, error);
  return *result != NULL;
}

void
civ_cremation_stock_reconcile_async (CivSession         *session,
                                     gpointer            source_object,
                                     const GDate        *from,
                                     const GDate        *to,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data)
{
  Job *job = job_new (NULL);

  if (from != NULL)
    {
      job->from = *from;
      job->has_from = TRUE;
    }
  if (to != NULL)
    {
      job->to = *to;
      job->has_to = TRUE;
    }
  civ_session_call (session, source_object, cancellable, reconcile_func, job,
                    (GDestroyNotify) job_free, (GDestroyNotify) civ_cremation_reconciliation_free,
                    callback, user_data);
}

CivCremationReconciliation *
civ_cremation_stock_reconcile_finish (CivSession *session, GAsyncResult *result, GError **error)
{
  return civ_session_call_finish_value (session, result, error);
}
