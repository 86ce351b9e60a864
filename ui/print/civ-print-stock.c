// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-print-stock.c — the cremation certificate stock's reconciliation as an
 * A4 report (R-F13) */
#include "civ-print-stock.h"

#include <glib/gi18n.h>

#include "civ-print.h"

char *
civ_cremation_tally_equation (const CivCremationTally *t)
{
  /* The figures only: opening + received = issued + voided + in stock. */
  return g_strdup_printf ("%" G_GINT64_FORMAT " + %" G_GINT64_FORMAT " = %" G_GINT64_FORMAT
                          " + %" G_GINT64_FORMAT " + %" G_GINT64_FORMAT,
                          t->opening, t->received, t->issued, t->voided, t->in_stock);
}

char *
civ_cremation_period_text (const CivCremationReconciliation *rec)
{
  if (rec->from != NULL && rec->to != NULL)
    /* Translators: a period of days, %1$s and %2$s are YYYY-MM-DD. */
    return g_strdup_printf (_ ("%1$s to %2$s"), rec->from, rec->to);
  if (rec->to != NULL)
    return g_strdup_printf (_ ("From the first batch to %s"), rec->to);
  if (rec->from != NULL)
    return g_strdup_printf (_ ("From %s to now"), rec->from);
  return g_strdup (_ ("From the first batch to now"));
}

static void para (GtkPrintOperation *op, CivPrintPara style, const char *format, ...)
  G_GNUC_PRINTF (3, 4);

static void
para (GtkPrintOperation *op, CivPrintPara style, const char *format, ...)
{
  g_autofree char *text = NULL;
  va_list          args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  civ_print_document_add (op, style, text);
}

static const char *
balance_word (const CivCremationTally *t)
{
  return civ_cremation_tally_balances (t) ? _ ("balances") : _ ("DOES NOT BALANCE");
}

static void
add_tally (GtkPrintOperation *op, const CivCremationTally *t)
{
  g_autofree char *equation = civ_cremation_tally_equation (t);

  para (op, CIV_PRINT_PARA_ITEM, _ ("In stock at the start of the period: %ld"), (long) t->opening);
  para (op, CIV_PRINT_PARA_ITEM, _ ("Received in the period: %ld"), (long) t->received);
  para (op, CIV_PRINT_PARA_ITEM, _ ("Issued to funeral cases: %ld"), (long) t->issued);
  para (op, CIV_PRINT_PARA_ITEM, _ ("Voided (spoiled): %ld"), (long) t->voided);
  para (op, CIV_PRINT_PARA_ITEM, _ ("In stock at the end of the period: %ld"), (long) t->in_stock);
  /* Translators: %1$s "0 + 100 = 3 + 1 + 96", %2$s "balances" or "DOES NOT BALANCE". */
  para (op, CIV_PRINT_PARA_BODY, _ ("Opening + received = issued + voided + in stock: %1$s — %2$s"),
        equation, balance_word (t));
}

GtkPrintOperation *
civ_print_cremation_stock_operation_new (const CivCremationReconciliation *rec,
                                         const char                       *office_name,
                                         const char                       *office_code,
                                         const char                       *clerk,
                                         const char                       *printed_on)
{
  GtkPrintOperation *op;
  g_autofree char   *period = NULL;
  g_autofree char   *name = NULL;

  g_return_val_if_fail (rec != NULL && rec->batches != NULL, NULL);

  period = civ_cremation_period_text (rec);
  name = g_strdup_printf ("cremation-stock-%s-%s", rec->from ? rec->from : "start",
                          rec->to ? rec->to : "now");
  op = civ_print_document_operation_new (name);

  para (op, CIV_PRINT_PARA_TITLE, "%s", _ ("Cremation Certificate Stock Reconciliation"));
  if (office_code != NULL && *office_code != '\0')
    para (op, CIV_PRINT_PARA_BODY, _ ("Office: %1$s (%2$s)"), office_name ? office_name : "",
          office_code);
  else
    para (op, CIV_PRINT_PARA_BODY, _ ("Office: %s"), office_name ? office_name : "");
  para (op, CIV_PRINT_PARA_BODY, _ ("Period: %s"), period);
  para (op, CIV_PRINT_PARA_BODY, "%s",
        _ ("Cremation certificates are controlled stock (R-F13): every blank received is issued "
           "to a funeral case, voided with a supervisor's approval, or still in stock."));

  para (op, CIV_PRINT_PARA_HEADING, "%s", _ ("All Batches"));
  add_tally (op, &rec->total);

  para (op, CIV_PRINT_PARA_HEADING, "%s", _ ("By Batch"));
  if (rec->batches->len == 0)
    para (op, CIV_PRINT_PARA_ITEM, "%s", _ ("No batch has a figure in this period."));
  for (guint i = 0; i < rec->batches->len; i++)
    {
      const CivCremationTally *t = g_ptr_array_index (rec->batches, i);
      g_autofree char         *equation = civ_cremation_tally_equation (t);

      /* Translators: a batch: %1$s–%2$s its serials, %3$s the day received,
       * %4$s the supplier's reference. */
      para (op, CIV_PRINT_PARA_ITEM, _ ("%1$s to %2$s, received on %3$s (reference: %4$s)"),
            t->first_serial, t->last_serial, t->received_on,
            t->reference ? t->reference : C_ ("reference", "none"));
      para (op, CIV_PRINT_PARA_ITEM,
            _ ("Opening %1$ld, received %2$ld, issued %3$ld, voided %4$ld, in stock %5$ld: "
               "%6$s — %7$s"),
            (long) t->opening, (long) t->received, (long) t->issued, (long) t->voided,
            (long) t->in_stock, equation, balance_word (t));
    }

  para (op, CIV_PRINT_PARA_HEADING, "%s", _ ("Voided Blanks"));
  if (rec->voided->len == 0)
    para (op, CIV_PRINT_PARA_ITEM, "%s", _ ("None."));
  for (guint i = 0; i < rec->voided->len; i++)
    {
      const CivCremationSerial *s = g_ptr_array_index (rec->voided, i);

      para (op, CIV_PRINT_PARA_ITEM, _ ("%1$s voided on %2$s: %3$s (approved by %4$s)"), s->serial,
            s->voided_on, s->void_reason, s->approved_by);
    }
  if (rec->voided_after_earlier_issue->len > 0)
    {
      para (op, CIV_PRINT_PARA_BODY, "%s",
            _ ("Voided in the period after an issue before it (they had left the stock already: "
               "listed, not counted):"));
      for (guint i = 0; i < rec->voided_after_earlier_issue->len; i++)
        {
          const CivCremationSerial *s = g_ptr_array_index (rec->voided_after_earlier_issue, i);

          para (op, CIV_PRINT_PARA_ITEM, _ ("%1$s voided on %2$s: %3$s (approved by %4$s)"),
                s->serial, s->voided_on, s->void_reason, s->approved_by);
        }
    }

  para (op, CIV_PRINT_PARA_HEADING, "%s", _ ("Issued Certificates"));
  if (rec->issued->len == 0)
    para (op, CIV_PRINT_PARA_ITEM, "%s", _ ("None."));
  for (guint i = 0; i < rec->issued->len; i++)
    {
      const CivCremationSerial *s = g_ptr_array_index (rec->issued, i);

      para (op, CIV_PRINT_PARA_ITEM, _ ("%1$s issued on %2$s to the funeral case %3$s"), s->serial,
            s->issued_on, s->case_ref);
    }

  para (op, CIV_PRINT_PARA_HEADING, "%s", _ ("Serials in Stock at the End of the Period"));
  if (rec->in_stock->len == 0)
    para (op, CIV_PRINT_PARA_ITEM, "%s", _ ("None."));
  for (guint i = 0; i < rec->in_stock->len; i++)
    {
      const CivCremationRange *r = g_ptr_array_index (rec->in_stock, i);

      if (r->count == 1)
        para (op, CIV_PRINT_PARA_ITEM, _ ("%s (1 blank)"), r->first_serial);
      else
        para (op, CIV_PRINT_PARA_ITEM, _ ("%1$s to %2$s (%3$ld blanks)"), r->first_serial,
              r->last_serial, (long) r->count);
    }

  para (op, CIV_PRINT_PARA_BODY, _ ("Printed on %1$s by %2$s."), printed_on ? printed_on : "",
        clerk ? clerk : "");
  para (op, CIV_PRINT_PARA_SIGNATURE, "%s",
        _ ("Clerk (signature): ________________    Date: ____________"));
  para (op, CIV_PRINT_PARA_SIGNATURE, "%s",
        _ ("Supervisor (signature): ________________    Date: ____________"));
  return op;
}
