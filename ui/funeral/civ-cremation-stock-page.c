// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-cremation-stock-page.c — the cremation certificate stock (R-F13)
 *
 * Two views, switched at the top:
 *
 *   stock      receive a batch of blanks (the first and the last serial,
 *              the supplier's reference; the count shown as typed), the
 *              batches with what was received, issued, voided and is in
 *              stock, the runs of serials still in stock, and "void a
 *              spoiled blank" (the dialog asks a supervisor's approval);
 *   reconcile  the reconciliation for a period (this month by default):
 *              opening + received = issued + voided + in stock, in total
 *              and per batch, the voided blanks with their reasons, the
 *              certificates issued, whether it balances; printed or saved
 *              as PDF through the one print flow (civ-print-stock.h).
 *
 * Every step runs on the worker (civ-cremation-stock.h); the service
 * decides and refuses with R-F13, the page shows what is stored. The
 * stock is the reconciliation from the first batch to the counter's date.
 */
#include "civ-cremation-stock-page-private.h"

#include <glib/gi18n.h>

#include "civ-app-error.h"
#include "civ-calendar.h"
#include "civ-certificate-prints.h"
#include "civ-form.h"
#include "civ-page.h"
#include "civ-print-job.h"
#include "civ-print-stock.h"
#include "civ-ui-util.h"

#define EXPORT_NAME "cremation-stock-reconciliation.pdf"

struct _CivCremationStockPage
{
  AdwBin parent_instance;

  CivSession   *session;
  GCancellable *cancellable;
  GDate         today;
  GHashTable   *widgets; /* name → widget shown now (not owned) */
  guint         busy;
  char         *message;
  char         *rule;
  char         *export_dir; /* tests: prints go to a PDF file here */

  GtkLabel     *message_label;
  GtkSpinner   *spinner;
  AdwViewStack *views;

  /* stock */
  AdwEntryRow                *first_row;
  AdwEntryRow                *last_row;
  AdwEntryRow                *reference_row;
  AdwActionRow               *count_row;
  GtkWidget                  *stock_box; /* rebuilt from each stock */
  CivCremationReconciliation *stock;
  CivCremationVoidDialog     *void_dialog; /* weak */

  /* reconcile */
  AdwEntryRow *from_row;
  AdwEntryRow *to_row;
  gboolean     period_edited; /* by the operator: the month no longer follows the date */
  gboolean     setting_period;
  GtkWidget   *result_box; /* rebuilt from each reconciliation */
  CivCremationReconciliation *reconciliation;
};

static void civ_cremation_stock_page_page_init (CivPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CivCremationStockPage,
                               civ_cremation_stock_page,
                               ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (CIV_TYPE_PAGE,
                                                      civ_cremation_stock_page_page_init))

static void load_stock (CivCremationStockPage *self);
static void show_stock (CivCremationStockPage *self);
static void show_reconciliation (CivCremationStockPage *self);

/* ---- small pieces ---- */

static void
set_message (CivCremationStockPage *self, const char *message, const char *rule)
{
  g_free (self->message);
  self->message = g_strdup (message);
  g_free (self->rule);
  self->rule = g_strdup (rule);
  civ_ui_show_message (self->message_label, message);
}

static void
show_error (CivCremationStockPage *self, const GError *error)
{
  g_autofree char *text = civ_ui_describe_error (error);

  set_message (self, text, civ_app_error_get_rule (error));
}

static void
set_busy (CivCremationStockPage *self, gboolean busy)
{
  if (busy)
    self->busy++;
  else if (self->busy > 0)
    self->busy--;
  gtk_spinner_set_spinning (self->spinner, self->busy > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy > 0);
}

static void
name_widget (CivCremationStockPage *self, const char *name, gpointer widget)
{
  g_hash_table_replace (self->widgets, g_strdup (name), widget);
}

/* Forgets the names of the widgets under @root (about to be destroyed). */
static void
forget_widgets_under (CivCremationStockPage *self, GtkWidget *root)
{
  GHashTableIter iter;
  gpointer       widget;

  g_hash_table_iter_init (&iter, self->widgets);
  while (g_hash_table_iter_next (&iter, NULL, &widget))
    if (widget == root || gtk_widget_is_ancestor (widget, root))
      g_hash_table_iter_remove (&iter);
}

static void
empty_box (CivCremationStockPage *self, GtkWidget *box)
{
  GtkWidget *child;

  forget_widgets_under (self, box);
  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

static GtkWidget *
group_new (const char *title, const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  return group;
}

static GtkWidget *
scrolled (GtkWidget *child)
{
  GtkWidget *sw = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  gtk_widget_set_margin_top (child, 18);
  gtk_widget_set_margin_bottom (child, 18);
  gtk_widget_set_margin_start (child, 12);
  gtk_widget_set_margin_end (child, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), child);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (sw), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (sw), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (sw, TRUE);
  gtk_widget_set_hexpand (sw, TRUE);
  return sw;
}

/* A row: @title, @subtitle (may be NULL) and @value (may be NULL) at its end. */
static GtkWidget *
info_row (GtkWidget *group, const char *title, const char *subtitle, const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (subtitle != NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
    }
  if (value != NULL)
    {
      GtkWidget *label = gtk_label_new (value);

      gtk_widget_add_css_class (label, "numeric");
      gtk_label_set_selectable (GTK_LABEL (label), FALSE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static GtkWidget *
count_row (GtkWidget *group, const char *title, gint64 n)
{
  g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, n);

  return info_row (group, title, NULL, value);
}

static GtkWidget *
action_button (const char *label, const char *action, gboolean suggested)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  return button;
}

/* Keyboard first: Enter moves on to the next field. */
static void
on_entry_activated_cb (CivCremationStockPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (root != NULL)
    gtk_widget_child_focus (GTK_WIDGET (root), GTK_DIR_TAB_FORWARD);
}

static AdwEntryRow *
add_entry (CivCremationStockPage *self, GtkWidget *group, const char *name, const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  name_widget (self, name, row);
  return ADW_ENTRY_ROW (row);
}

static const char *
balance_text (const CivCremationTally *t)
{
  return civ_cremation_tally_balances (t) ? _ ("Balances") : _ ("Does not balance");
}

/* "Received 100 · issued 3 · voided 1 · in stock 96" */
static char *
figures_text (const CivCremationTally *t, gboolean with_opening)
{
  if (with_opening)
    return g_strdup_printf (_ ("Opening %1$ld · received %2$ld · issued %3$ld · voided %4$ld · in "
                               "stock %5$ld"),
                            (long) t->opening, (long) t->received, (long) t->issued,
                            (long) t->voided, (long) t->in_stock);
  return g_strdup_printf (_ ("Received %1$ld · issued %2$ld · voided %3$ld · in stock %4$ld"),
                          (long) t->received, (long) t->issued, (long) t->voided,
                          (long) t->in_stock);
}

static char *
batch_title (const CivCremationTally *t)
{
  /* Translators: a batch's serials, first to last. */
  return g_strdup_printf (_ ("%1$s to %2$s"), t->first_serial, t->last_serial);
}

static char *
batch_received_text (const CivCremationTally *t)
{
  if (t->reference != NULL)
    return g_strdup_printf (_ ("Received on %1$s · delivery note %2$s"), t->received_on,
                            t->reference);
  return g_strdup_printf (_ ("Received on %s"), t->received_on);
}

static void
add_ranges (GtkWidget *group, GPtrArray *ranges)
{
  if (ranges->len == 0)
    info_row (group, _ ("No blank is in stock"), NULL, NULL);
  for (guint i = 0; i < ranges->len; i++)
    {
      const CivCremationRange *r = g_ptr_array_index (ranges, i);
      g_autofree char         *title =
        r->count == 1 ? g_strdup (r->first_serial)
                              : g_strdup_printf (_ ("%1$s to %2$s"), r->first_serial, r->last_serial);
      g_autofree char *value =
        g_strdup_printf (g_dngettext (NULL, "%ld blank", "%ld blanks", (gulong) r->count),
                         (long) r->count);

      info_row (group, title, NULL, value);
    }
}

/* ---- receiving a batch ---- */

/* The count of the batch as typed, or why there is none yet. Only a
 * preview: the service checks the batch again when it is received. */
static void
update_count (CivCremationStockPage *self)
{
  g_autofree char *first_text = civ_ui_stripped_text (self->first_row);
  g_autofree char *last_text = civ_ui_stripped_text (self->last_row);
  g_autofree char *first = NULL, *last = NULL, *first_prefix = NULL, *last_prefix = NULL;
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  gint64   first_n = 0, last_n = 0;
  guint    first_w = 0, last_w = 0;
  gboolean problem = FALSE;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stock.receive",
                                 self->session != NULL && *first_text != '\0' &&
                                   *last_text != '\0');
  if (*first_text == '\0' || *last_text == '\0')
    text = g_strdup (_ ("Type the first and the last serial printed on the blanks."));
  else if ((first = civ_cremation_serial_normalize (first_text, &first_prefix, &first_n, &first_w,
                                                    &error)) == NULL ||
           (last = civ_cremation_serial_normalize (last_text, &last_prefix, &last_n, &last_w,
                                                   &error)) == NULL)
    {
      text = g_strdup (error->message);
      problem = TRUE;
    }
  else if (g_strcmp0 (first_prefix, last_prefix) != 0 || first_w != last_w)
    {
      text = g_strdup (_ ("R-F13: the first and the last serial of a batch have the same letters "
                          "and the same number of digits."));
      problem = TRUE;
    }
  else if (last_n < first_n)
    {
      text = g_strdup (_ ("R-F13: the last serial comes before the first."));
      problem = TRUE;
    }
  else
    {
      gint64 n = last_n - first_n + 1;

      /* Translators: %1$ld blanks, from %2$s to %3$s. */
      text = g_strdup_printf (g_dngettext (NULL, "%1$ld blank: %2$s to %3$s",
                                           "%1$ld blanks: %2$s to %3$s", (gulong) n),
                              (long) n, first, last);
    }
  adw_action_row_set_subtitle (self->count_row, text);
  civ_ui_set_error_style (GTK_WIDGET (self->count_row), problem);
}

static void
on_received_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CivCremationStockPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (CivCremationBatch) batch = NULL;
  g_autofree char *text = NULL;

  if (self->session == NULL)
    return;
  batch = civ_cremation_stock_receive_finish (self->session, result, &error);
  set_busy (self, FALSE);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (batch == NULL)
    {
      show_error (self, error);
      return;
    }
  text =
    g_strdup_printf (g_dngettext (NULL, "Received %1$ld blank: %2$s to %3$s.",
                                  "Received %1$ld blanks: %2$s to %3$s.", (gulong) batch->count),
                     (long) batch->count, batch->first_serial, batch->last_serial);
  set_message (self, text, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->first_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->last_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->reference_row), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->first_row));
  load_stock (self);
}

static void
receive_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivCremationStockPage *self = CIV_CREMATION_STOCK_PAGE (widget);
  g_autofree char       *first = civ_ui_stripped_text (self->first_row);
  g_autofree char       *last = civ_ui_stripped_text (self->last_row);
  g_autofree char       *reference = civ_ui_stripped_text (self->reference_row);

  if (self->session == NULL || !g_date_valid (&self->today))
    return;
  set_message (self, NULL, NULL);
  set_busy (self, TRUE);
  civ_cremation_stock_receive_async (self->session, self, first, last, reference, &self->today,
                                     self->cancellable, on_received_cb, g_object_ref (self));
}

/* ---- the stock ---- */

static void
show_stock (CivCremationStockPage *self)
{
  const CivCremationReconciliation *rec = self->stock;
  GtkWidget                        *group, *button;
  g_autofree char                  *summary = NULL;

  empty_box (self, self->stock_box);
  if (rec != NULL)
    summary =
      g_strdup_printf (_ ("%1$ld in stock · %2$ld issued · %3$ld voided · %4$ld received in all"),
                       (long) rec->total.in_stock, (long) rec->total.issued,
                       (long) rec->total.voided, (long) rec->total.received);
  group = group_new (_ ("Batches"), summary);
  name_widget (self, "stock.batches", group);
  button = action_button (_ ("_Void a Blank…"), "stock.void", FALSE);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);
  name_widget (self, "stock.void", button);
  if (rec == NULL || rec->batches->len == 0)
    info_row (group, _ ("No batch has been received yet"), NULL, NULL);
  for (guint i = 0; rec != NULL && i < rec->batches->len; i++)
    {
      const CivCremationTally *t = g_ptr_array_index (rec->batches, i);
      g_autofree char         *title = batch_title (t);
      g_autofree char         *received = batch_received_text (t);
      g_autofree char         *figures = figures_text (t, FALSE);
      g_autofree char         *subtitle = g_strdup_printf ("%s\n%s", received, figures);
      g_autofree char         *name = g_strdup_printf ("stock.batch.%u", i);
      g_autofree char         *value = g_strdup_printf (_ ("%ld in stock"), (long) t->in_stock);

      name_widget (self, name, info_row (group, title, subtitle, value));
    }
  gtk_box_append (GTK_BOX (self->stock_box), group);

  group = group_new (_ ("Serials in Stock"),
                     _ ("Issued in order: the lowest serial of the oldest batch goes first."));
  name_widget (self, "stock.ranges", group);
  if (rec != NULL)
    add_ranges (group, rec->in_stock);
  else
    info_row (group, _ ("No blank is in stock"), NULL, NULL);
  gtk_box_append (GTK_BOX (self->stock_box), group);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stock.void", self->session != NULL);
}

static void
on_stock_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CivCremationStockPage) self = user_data;
  g_autoptr (GError) error = NULL;
  CivCremationReconciliation *rec;

  if (self->session == NULL)
    return;
  rec = civ_cremation_stock_reconcile_finish (self->session, result, &error);
  set_busy (self, FALSE);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (rec == NULL)
    {
      show_error (self, error);
      return;
    }
  g_clear_pointer (&self->stock, civ_cremation_reconciliation_free);
  self->stock = rec;
  show_stock (self);
}

static void
load_stock (CivCremationStockPage *self)
{
  if (self->session == NULL || !g_date_valid (&self->today))
    return;
  set_busy (self, TRUE);
  civ_cremation_stock_reconcile_async (self->session, self, NULL, &self->today, self->cancellable,
                                       on_stock_cb, g_object_ref (self));
}

/* ---- voiding a blank ---- */

static void
on_voided_cb (CivCremationVoidDialog *dialog, const char *serial, CivCremationStockPage *self)
{
  g_autofree char *text = g_strdup_printf (_ ("The blank %s is voided; it stays on record with its "
                                              "reason."),
                                           serial);

  set_message (self, text, NULL);
  load_stock (self);
  if (self->reconciliation != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "stock.reconcile", NULL);
}

static void
void_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivCremationStockPage  *self = CIV_CREMATION_STOCK_PAGE (widget);
  GtkRoot                *root = gtk_widget_get_root (widget);
  CivCremationVoidDialog *dialog;

  if (self->session == NULL || !g_date_valid (&self->today))
    return;
  if (self->void_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->void_dialog));
      return;
    }
  dialog = civ_cremation_void_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                          self->session, &self->today, NULL);
  g_set_weak_pointer (&self->void_dialog, dialog);
  g_signal_connect_object (dialog, "voided", G_CALLBACK (on_voided_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- the reconciliation ---- */

static void
set_period_row (CivCremationStockPage *self, AdwEntryRow *row, const GDate *date)
{
  g_autofree char *text = civ_date_format_iso (date);

  self->setting_period = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  self->setting_period = FALSE;
}

/* This month: its first day to the counter's date. */
static void
set_default_period (CivCremationStockPage *self)
{
  GDate first;

  if (!g_date_valid (&self->today))
    return;
  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, g_date_get_month (&self->today), g_date_get_year (&self->today));
  set_period_row (self, self->from_row, &first);
  set_period_row (self, self->to_row, &self->today);
}

static void
on_period_changed_cb (CivCremationStockPage *self)
{
  if (!self->setting_period)
    self->period_edited = TRUE;
}

static void
on_period_activated_cb (AdwEntryRow *row, CivCremationStockPage *self)
{
  if (row == self->to_row)
    gtk_widget_activate_action (GTK_WIDGET (self), "stock.reconcile", NULL);
  else
    on_entry_activated_cb (self);
}

static void
add_serials (GtkWidget *group, GPtrArray *serials, gboolean voided)
{
  for (guint i = 0; i < serials->len; i++)
    {
      const CivCremationSerial *s = g_ptr_array_index (serials, i);
      g_autofree char          *subtitle = NULL;

      if (voided)
        subtitle = g_strdup_printf (_ ("Voided on %1$s: %2$s · approved by %3$s"), s->voided_on,
                                    s->void_reason, s->approved_by);
      else
        subtitle =
          g_strdup_printf (_ ("Issued on %1$s to the case %2$s"), s->issued_on, s->case_ref);
      info_row (group, s->serial, subtitle, NULL);
    }
}

static void
show_reconciliation (CivCremationStockPage *self)
{
  const CivCremationReconciliation *rec = self->reconciliation;
  GtkWidget                        *group, *row, *icon, *button;
  g_autofree char                  *period = NULL;
  g_autofree char                  *equation = NULL;
  g_autofree char                  *title = NULL;
  gboolean                          balances;

  empty_box (self, self->result_box);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stock.print", rec != NULL);
  if (rec == NULL)
    return;

  period = civ_cremation_period_text (rec);
  equation = civ_cremation_tally_equation (&rec->total);
  balances = civ_cremation_tally_balances (&rec->total);
  title = g_strdup_printf (_ ("Reconciliation, %s"), period);
  group = group_new (title, _ ("Opening stock + received = issued + voided + in stock at the end "
                               "(R-F13)."));
  button = action_button (_ ("_Print Report…"), "stock.print", FALSE);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);
  name_widget (self, "reconcile.print", button);
  row = info_row (group, balance_text (&rec->total), equation, NULL);
  icon = gtk_image_new_from_icon_name (balances ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  gtk_widget_add_css_class (icon, balances ? "success" : "error");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  name_widget (self, "reconcile.balance", row);
  count_row (group, _ ("In stock at the start"), rec->total.opening);
  count_row (group, _ ("Received"), rec->total.received);
  count_row (group, _ ("Issued to funeral cases"), rec->total.issued);
  count_row (group, _ ("Voided"), rec->total.voided);
  count_row (group, _ ("In stock at the end"), rec->total.in_stock);
  gtk_box_append (GTK_BOX (self->result_box), group);

  group = group_new (_ ("By Batch"), NULL);
  if (rec->batches->len == 0)
    info_row (group, _ ("No batch has a figure in this period"), NULL, NULL);
  for (guint i = 0; i < rec->batches->len; i++)
    {
      const CivCremationTally *t = g_ptr_array_index (rec->batches, i);
      g_autofree char         *batch = batch_title (t);
      g_autofree char         *figures = figures_text (t, TRUE);
      g_autofree char         *sum = civ_cremation_tally_equation (t);
      g_autofree char *subtitle = g_strdup_printf ("%s\n%s = %s", figures, sum, balance_text (t));

      info_row (group, batch, subtitle, NULL);
    }
  gtk_box_append (GTK_BOX (self->result_box), group);

  group = group_new (_ ("Voided Blanks"), NULL);
  name_widget (self, "reconcile.voided", group);
  if (rec->voided->len == 0 && rec->voided_after_earlier_issue->len == 0)
    info_row (group, _ ("No blank was voided in this period"), NULL, NULL);
  add_serials (group, rec->voided, TRUE);
  if (rec->voided_after_earlier_issue->len > 0)
    {
      GtkWidget *note = group_new (_ ("Voided after an Earlier Issue"),
                                   _ ("Issued before the period and voided in it: they had left "
                                      "the stock already, so "
                                      "they are listed, not counted."));

      add_serials (note, rec->voided_after_earlier_issue, TRUE);
      gtk_box_append (GTK_BOX (self->result_box), group);
      group = note;
    }
  gtk_box_append (GTK_BOX (self->result_box), group);

  group = group_new (_ ("Issued Certificates"), NULL);
  if (rec->issued->len == 0)
    info_row (group, _ ("No certificate was issued in this period"), NULL, NULL);
  add_serials (group, rec->issued, FALSE);
  gtk_box_append (GTK_BOX (self->result_box), group);

  group = group_new (_ ("Serials in Stock at the End"), NULL);
  add_ranges (group, rec->in_stock);
  gtk_box_append (GTK_BOX (self->result_box), group);
}

static void
on_reconciled_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CivCremationStockPage) self = user_data;
  g_autoptr (GError) error = NULL;
  CivCremationReconciliation *rec;

  if (self->session == NULL)
    return;
  rec = civ_cremation_stock_reconcile_finish (self->session, result, &error);
  set_busy (self, FALSE);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (rec == NULL)
    {
      show_error (self, error);
      return;
    }
  g_clear_pointer (&self->reconciliation, civ_cremation_reconciliation_free);
  self->reconciliation = rec;
  set_message (self, NULL, NULL);
  show_reconciliation (self);
}

static gboolean
period_date (AdwEntryRow *row, GDate *out)
{
  g_autofree char *text = civ_ui_stripped_text (row);

  g_date_clear (out, 1);
  return civ_date_parse_iso (text, out);
}

static void
reconcile_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivCremationStockPage *self = CIV_CREMATION_STOCK_PAGE (widget);
  GDate                  from, to;

  if (self->session == NULL)
    return;
  if (!period_date (self->from_row, &from) || !period_date (self->to_row, &to))
    {
      set_message (self, _ ("Enter both days of the period as YYYY-MM-DD."), NULL);
      return;
    }
  set_message (self, NULL, NULL);
  set_busy (self, TRUE);
  civ_cremation_stock_reconcile_async (self->session, self, &from, &to, self->cancellable,
                                       on_reconciled_cb, g_object_ref (self));
}

/* -- the print -- */

typedef struct
{
  char *office_name;
  char *office_code;
  char *clerk;
  char *printed_on;
} PrintData;

static void
print_data_free (PrintData *data)
{
  g_free (data->office_name);
  g_free (data->office_code);
  g_free (data->clerk);
  g_free (data->printed_on);
  g_free (data);
}

static GtkPrintOperation *
build_stock_print (CivPrintJob *job, CivPrintable *loaded, gpointer user_data, char **problem)
{
  PrintData *data = user_data;

  if (loaded->cremation_stock == NULL)
    {
      *problem = g_strdup (_ ("This is not a reconciliation of the cremation certificate stock."));
      return NULL;
    }
  return civ_print_cremation_stock_operation_new (loaded->cremation_stock, data->office_name,
                                                  data->office_code, data->clerk, data->printed_on);
}

static void
tell_cb (gpointer user_data, const char *message)
{
  set_message (CIV_CREMATION_STOCK_PAGE (user_data), message, NULL);
}

static void
print_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivCremationStockPage            *self = CIV_CREMATION_STOCK_PAGE (widget);
  const CivCremationReconciliation *rec = self->reconciliation;
  g_autoptr (CivPrintJob) job = NULL;
  PrintData *data;
  GDate      from, to;

  if (self->session == NULL || rec == NULL)
    return;
  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  if (rec->from != NULL)
    civ_date_parse_iso (rec->from, &from);
  if (rec->to != NULL)
    civ_date_parse_iso (rec->to, &to);
  data = g_new0 (PrintData, 1);
  data->office_name = g_strdup (civ_session_get_office_name (self->session));
  data->office_code = g_strdup (civ_session_get_office_code (self->session));
  data->clerk = g_strdup (civ_session_get_display_name (self->session));
  data->printed_on = g_date_valid (&self->today) ? civ_date_format_iso (&self->today) : NULL;

  job = civ_print_job_new (GTK_WIDGET (self), self->session, self->cancellable);
  civ_print_job_set_source (job,
                            civ_print_source_new_cremation_stock (g_date_valid (&from) ? &from
                                                                                       : NULL,
                                                                  g_date_valid (&to) ? &to : NULL));
  civ_print_job_set_build (job, build_stock_print, data, (GDestroyNotify) print_data_free);
  civ_print_job_set_tell (job, tell_cb, self);
  if (self->export_dir != NULL)
    {
      g_autofree char *path = g_build_filename (self->export_dir, EXPORT_NAME, NULL);
      g_autofree char *said = g_strdup_printf (_ ("The reconciliation is saved as %s."), path);

      civ_print_job_set_export (job, path, said);
    }
  civ_print_job_start (job);
}

/* ---- CivPage ---- */

static void
civ_cremation_stock_page_set_session (CivPage *page, CivSession *session)
{
  CivCremationStockPage *self = CIV_CREMATION_STOCK_PAGE (page);

  g_set_object (&self->session, session);
  update_count (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stock.void", session != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stock.reconcile", session != NULL);
}

static void
civ_cremation_stock_page_clear (CivPage *page)
{
  CivCremationStockPage *self = CIV_CREMATION_STOCK_PAGE (page);

  civ_ui_renew_cancellable (&self->cancellable);
  if (self->void_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->void_dialog));
  g_clear_pointer (&self->stock, civ_cremation_reconciliation_free);
  g_clear_pointer (&self->reconciliation, civ_cremation_reconciliation_free);
  gtk_editable_set_text (GTK_EDITABLE (self->first_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->last_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->reference_row), "");
  self->period_edited = FALSE;
  set_default_period (self);
  show_stock (self);
  show_reconciliation (self);
  set_message (self, NULL, NULL);
  self->busy = 0;
  set_busy (self, FALSE);
}

static void
civ_cremation_stock_page_reload (CivPage *page)
{
  load_stock (CIV_CREMATION_STOCK_PAGE (page));
}

static void
civ_cremation_stock_page_set_today (CivPage *page, const GDate *today)
{
  CivCremationStockPage *self = CIV_CREMATION_STOCK_PAGE (page);

  self->today = *today;
  if (!self->period_edited)
    set_default_period (self);
}

static void
civ_cremation_stock_page_page_init (CivPageInterface *iface)
{
  iface->id = "cremation-stock";
  iface->title = N_ ("Cremation Certificates");
  iface->icon_name = "view-list-symbolic";
  iface->permission = CIV_PERM_FUNERAL;
  iface->set_session = civ_cremation_stock_page_set_session;
  iface->clear = civ_cremation_stock_page_clear;
  iface->reload = civ_cremation_stock_page_reload;
  iface->set_today = civ_cremation_stock_page_set_today;
}

static void
civ_cremation_stock_page_dispose (GObject *object)
{
  CivCremationStockPage *self = CIV_CREMATION_STOCK_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->void_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->void_dialog));
  g_clear_weak_pointer (&self->void_dialog);
  g_clear_pointer (&self->stock, civ_cremation_reconciliation_free);
  g_clear_pointer (&self->reconciliation, civ_cremation_reconciliation_free);
  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (civ_cremation_stock_page_parent_class)->dispose (object);
}

static void
civ_cremation_stock_page_finalize (GObject *object)
{
  CivCremationStockPage *self = CIV_CREMATION_STOCK_PAGE (object);

  g_hash_table_unref (self->widgets);
  g_free (self->message);
  g_free (self->rule);
  g_free (self->export_dir);
  G_OBJECT_CLASS (civ_cremation_stock_page_parent_class)->finalize (object);
}

static void
civ_cremation_stock_page_class_init (CivCremationStockPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civ_cremation_stock_page_dispose;
  object_class->finalize = civ_cremation_stock_page_finalize;

  gtk_widget_class_install_action (widget_class, "stock.receive", NULL, receive_activated);
  gtk_widget_class_install_action (widget_class, "stock.void", NULL, void_activated);
  gtk_widget_class_install_action (widget_class, "stock.reconcile", NULL, reconcile_activated);
  gtk_widget_class_install_action (widget_class, "stock.print", NULL, print_activated);
}

static GtkWidget *
build_stock_view (CivCremationStockPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *group = group_new (
    _ ("Receive a Batch"),
    _ ("Blank cremation certificates (火化证明) are controlled stock (R-F13): type the first and "
       "the last serial printed on the blanks of the delivery; a serial is received once."));
  GtkWidget *button;

  self->first_row = add_entry (self, group, "receive.first", _ ("_First serial"));
  self->last_row = add_entry (self, group, "receive.last", _ ("_Last serial"));
  self->reference_row =
    add_entry (self, group, "receive.reference", _ ("_Delivery note (supplier's reference)"));
  g_signal_connect_swapped (self->first_row, "changed", G_CALLBACK (update_count), self);
  g_signal_connect_swapped (self->last_row, "changed", G_CALLBACK (update_count), self);
  g_signal_connect_swapped (self->first_row, "entry-activated", G_CALLBACK (on_entry_activated_cb),
                            self);
  g_signal_connect_swapped (self->last_row, "entry-activated", G_CALLBACK (on_entry_activated_cb),
                            self);
  g_signal_connect_swapped (self->reference_row, "entry-activated",
                            G_CALLBACK (on_entry_activated_cb), self);
  self->count_row = ADW_ACTION_ROW (info_row (group, _ ("Blanks in the batch"), "", NULL));
  adw_action_row_set_subtitle_lines (self->count_row, 0);
  name_widget (self, "receive.count", self->count_row);
  button = action_button (_ ("_Receive Batch"), "stock.receive", TRUE);
  adw_action_row_add_suffix (self->count_row, button);
  name_widget (self, "receive.submit", button);
  gtk_box_append (GTK_BOX (box), group);

  self->stock_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_box_append (GTK_BOX (box), self->stock_box);
  return scrolled (box);
}

static GtkWidget *
build_reconcile_view (CivCremationStockPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *group =
    group_new (_ ("Period"), _ ("Both days are counted in; the period is this month until you "
                                "change it."));
  GtkWidget *button = action_button (_ ("Reconc_ile"), "stock.reconcile", TRUE);

  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);
  name_widget (self, "period.reconcile", button);
  self->from_row = add_entry (self, group, "period.from", _ ("Period _begins (YYYY-MM-DD)"));
  self->to_row = add_entry (self, group, "period.to", _ ("Period _ends (YYYY-MM-DD)"));
  g_signal_connect_swapped (self->from_row, "changed", G_CALLBACK (on_period_changed_cb), self);
  g_signal_connect_swapped (self->to_row, "changed", G_CALLBACK (on_period_changed_cb), self);
  g_signal_connect (self->from_row, "entry-activated", G_CALLBACK (on_period_activated_cb), self);
  g_signal_connect (self->to_row, "entry-activated", G_CALLBACK (on_period_activated_cb), self);
  gtk_box_append (GTK_BOX (box), group);

  self->result_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_box_append (GTK_BOX (box), self->result_box);
  return scrolled (box);
}

static void
civ_cremation_stock_page_init (CivCremationStockPage *self)
{
  GtkWidget        *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget        *switcher = adw_view_switcher_new ();
  AdwViewStackPage *view;

  self->widgets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
  g_date_clear (&self->today, 1);

  self->views = ADW_VIEW_STACK (adw_view_stack_new ());
  view = adw_view_stack_add_titled (self->views, build_stock_view (self), "stock", _ ("_Stock"));
  adw_view_stack_page_set_use_underline (view, TRUE);
  adw_view_stack_page_set_icon_name (view, "view-list-symbolic");
  view = adw_view_stack_add_titled (self->views, build_reconcile_view (self), "reconcile",
                                    _ ("Re_conciliation"));
  adw_view_stack_page_set_use_underline (view, TRUE);
  adw_view_stack_page_set_icon_name (view, "x-office-spreadsheet-symbolic");
  adw_view_switcher_set_stack (ADW_VIEW_SWITCHER (switcher), self->views);
  adw_view_switcher_set_policy (ADW_VIEW_SWITCHER (switcher), ADW_VIEW_SWITCHER_POLICY_WIDE);
  gtk_widget_set_halign (switcher, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (switcher, 6);
  gtk_box_append (GTK_BOX (outer), switcher);

  gtk_box_append (GTK_BOX (outer), civ_form_message_bar (&self->message_label, &self->spinner));
  gtk_box_append (GTK_BOX (outer), GTK_WIDGET (self->views));
  adw_bin_set_child (ADW_BIN (self), outer);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stock.receive", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stock.void", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stock.reconcile", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stock.print", FALSE);
  update_count (self);
  show_stock (self);
}

/* ---- for the tests ---- */

GtkWidget *
_civ_cremation_stock_page_widget (CivCremationStockPage *self, const char *name)
{
  g_return_val_if_fail (CIV_IS_CREMATION_STOCK_PAGE (self), NULL);
  return g_hash_table_lookup (self->widgets, name);
}

void
_civ_cremation_stock_page_show_view (CivCremationStockPage *self, const char *view)
{
  g_return_if_fail (CIV_IS_CREMATION_STOCK_PAGE (self));
  adw_view_stack_set_visible_child_name (self->views, view);
}

const CivCremationReconciliation *
_civ_cremation_stock_page_stock (CivCremationStockPage *self)
{
  g_return_val_if_fail (CIV_IS_CREMATION_STOCK_PAGE (self), NULL);
  return self->stock;
}

const CivCremationReconciliation *
_civ_cremation_stock_page_reconciliation (CivCremationStockPage *self)
{
  g_return_val_if_fail (CIV_IS_CREMATION_STOCK_PAGE (self), NULL);
  return self->reconciliation;
}

CivCremationVoidDialog *
_civ_cremation_stock_page_void_dialog (CivCremationStockPage *self)
{
  g_return_val_if_fail (CIV_IS_CREMATION_STOCK_PAGE (self), NULL);
  return self->void_dialog;
}

void
_civ_cremation_stock_page_set_export_dir (CivCremationStockPage *self, const char *dir)
{
  g_return_if_fail (CIV_IS_CREMATION_STOCK_PAGE (self));
  g_free (self->export_dir);
  self->export_dir = g_strdup (dir);
}

const char *
_civ_cremation_stock_page_message (CivCremationStockPage *self)
{
  g_return_val_if_fail (CIV_IS_CREMATION_STOCK_PAGE (self), NULL);
  return self->message;
}

const char *
_civ_cremation_stock_page_rule (CivCremationStockPage *self)
{
  g_return_val_if_fail (CIV_IS_CREMATION_STOCK_PAGE (self), NULL);
  return self->rule;
}

guint
_civ_cremation_stock_page_busy (CivCremationStockPage *self)
{
  g_return_val_if_fail (CIV_IS_CREMATION_STOCK_PAGE (self), 0);
  return self->busy;
}
