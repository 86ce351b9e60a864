// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-archive-reconcile.c — the disputes of double keying, field by field */
#include "civ-archive-reconcile-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "civ-archive-tasks.h"
#include "civ-archive-ui.h"
#include "civ-page-image.h"
#include "civ-ui-util.h"

typedef struct
{
  char              *book_id;
  char              *archive_no;
  CivArchiveDispute *dispute;
} Item;

static void
item_free (Item *item)
{
  g_free (item->book_id);
  g_free (item->archive_no);
  civ_archive_dispute_free (item->dispute);
  g_free (item);
}

struct _CivArchiveReconcile
{
  AdwBin parent_instance;

  GtkStack      *stack;
  AdwStatusPage *status_page;
  GtkListBox    *list;
  CivPageImage  *image;
  GtkLabel      *title_label;
  GtkGrid       *grid;
  GtkWidget     *finals[CIV_HF_N_FIELDS];
  GtkWidget     *firsts[CIV_HF_N_FIELDS];
  GtkWidget     *seconds[CIV_HF_N_FIELDS];
  gboolean       differs[CIV_HF_N_FIELDS];
  gboolean       decided[CIV_HF_N_FIELDS];
  GtkLabel      *message_label;
  GtkSpinner    *spinner;

  CivSession   *session;
  GCancellable *cancellable;
  GPtrArray    *items;         /* Item, in the list's order */
  GQueue        pending_books; /* book ids still to ask for disputes */
  Item         *current;
  gboolean      filling;
  gboolean      busy;
  guint         jobs;
};

G_DEFINE_FINAL_TYPE (CivArchiveReconcile, civ_archive_reconcile, ADW_TYPE_BIN)

enum
{
  CHANGED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static void next_book (CivArchiveReconcile *self);

static gboolean
all_decided (CivArchiveReconcile *self)
{
  for (int f = 0; f < CIV_HF_N_FIELDS; f++)
    if (self->differs[f] && !self->decided[f])
      return FALSE;
  return TRUE;
}

static void
update_actions (CivArchiveReconcile *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reconcile.save",
                                 self->current != NULL && !self->busy && all_decided (self));
}

static void
on_final_changed_cb (GtkEditable *entry, CivArchiveReconcile *self)
{
  int field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (entry), "civ-field"));

  if (self->filling)
    return;
  /* Retyped: neither keying's value, a choice all the same. */
  self->decided[field] = TRUE;
  self->filling = TRUE;
  if (self->firsts[field] && GTK_IS_TOGGLE_BUTTON (self->firsts[field]))
    {
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->firsts[field]), FALSE);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->seconds[field]), FALSE);
    }
  self->filling = FALSE;
  update_actions (self);
}

static void
on_choice_toggled_cb (GtkToggleButton *button, CivArchiveReconcile *self)
{
  int         field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "civ-field"));
  const char *value = g_object_get_data (G_OBJECT (button), "civ-value");

  if (self->filling || !gtk_toggle_button_get_active (button))
    return;
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->finals[field]), value ? value : "");
  self->filling = FALSE;
  self->decided[field] = TRUE;
  update_actions (self);
}

static GtkWidget *
value_widget (CivArchiveReconcile *self, int field, const char *value, gboolean differs)
{
  GtkWidget       *widget;
  g_autofree char *shown = civ_historical_field_display (field, value);

  /* Codes are shown with what they mean ("01 汉族"); the value taken is
   * the value keyed. */
  if (differs)
    {
      GtkWidget *label = gtk_label_new (*shown ? shown : _ ("(empty)"));

      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 12);
      widget = gtk_toggle_button_new ();
      gtk_button_set_child (GTK_BUTTON (widget), label);
      g_object_set_data (G_OBJECT (widget), "civ-field", GINT_TO_POINTER (field));
      g_object_set_data_full (G_OBJECT (widget), "civ-value", g_strdup (value), g_free);
      gtk_widget_set_tooltip_text (widget, _ ("Take this value"));
      g_signal_connect (widget, "toggled", G_CALLBACK (on_choice_toggled_cb), self);
    }
  else
    {
      widget = gtk_label_new (shown);
      gtk_label_set_xalign (GTK_LABEL (widget), 0);
      gtk_label_set_selectable (GTK_LABEL (widget), TRUE);
      gtk_label_set_ellipsize (GTK_LABEL (widget), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (widget), 12);
      gtk_widget_set_tooltip_text (widget, shown);
    }
  gtk_widget_set_halign (widget, GTK_ALIGN_START);
  return widget;
}

static gboolean
field_differs (const CivArchiveDispute *d, int field)
{
  for (guint i = 0; d->differing != NULL && i < d->differing->len; i++)
    if (g_array_index (d->differing, int, i) == field)
      return TRUE;
  return FALSE;
}

static void
clear_grid (CivArchiveReconcile *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
  memset (self->finals, 0, sizeof self->finals);
  memset (self->firsts, 0, sizeof self->firsts);
  memset (self->seconds, 0, sizeof self->seconds);
  memset (self->differs, 0, sizeof self->differs);
  memset (self->decided, 0, sizeof self->decided);
}

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 12);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static void
on_page_image_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivArchiveReconcile *self = CIV_ARCHIVE_RECONCILE (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (CivArchivePageImage) image =
    civ_archive_page_image_finish (self->session, result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->jobs--;
  if (error != NULL)
    {
      g_autofree char *text = civ_ui_describe_error (error);
      civ_page_image_show_message (self->image, text);
    }
  else if (image == NULL)
    civ_page_image_set_file (self->image, NULL, NULL, NULL, 0);
  else
    civ_page_image_set_file (self->image, image->bytes, image->image->media_type,
                             image->image->file_name, image->index);
}

static void
show_item (CivArchiveReconcile *self, Item *item)
{
  const CivArchiveDispute *d = item->dispute;
  g_autofree char         *title = NULL;
  g_autofree char         *first_by = NULL;
  g_autofree char         *second_by = NULL;
  int                      row = 1;
  gboolean                 agree_heading = FALSE;

  self->current = item;
  clear_grid (self);
  title = g_strdup_printf (_ ("%s, page %d, entry %d"), item->archive_no, d->page, d->slot);
  gtk_label_set_text (self->title_label, title);
  first_by = g_strdup_printf (_ ("First keying (%s)"), d->first_by);
  second_by = g_strdup_printf (_ ("Second keying (%s)"), d->second_by);
  gtk_grid_attach (self->grid, heading (_ ("Field")), 0, 0, 1, 1);
  gtk_grid_attach (self->grid, heading (first_by), 1, 0, 1, 1);
  gtk_grid_attach (self->grid, heading (second_by), 2, 0, 1, 1);
  gtk_grid_attach (self->grid, heading (_ ("Reconciled value")), 3, 0, 1, 1);
  self->filling = TRUE;
  /* The fields that differ first, where the eye lands; then the others. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < civ_archive_ui_n_fields (); i++)
      {
        int              field = civ_archive_ui_field_at (i, NULL);
        g_autofree char *a = civ_historical_get_field (d->first, field);
        g_autofree char *b = civ_historical_get_field (d->second, field);
        gboolean         differs = field_differs (d, field) || g_strcmp0 (a, b) != 0;
        GtkWidget       *label;
        GtkWidget       *entry;

        if (differs != (pass == 0))
          continue;
        if (pass == 1 && !agree_heading)
          {
            GtkWidget *h = gtk_label_new (_ ("The two keyings agree on these fields"));

            gtk_label_set_xalign (GTK_LABEL (h), 0);
            gtk_widget_add_css_class (h, "dim-label");
            gtk_widget_set_margin_top (h, 12);
            gtk_grid_attach (self->grid, h, 0, row++, 4, 1);
            agree_heading = TRUE;
          }
        label = gtk_label_new (civ_hist_field_label (field));
        entry = gtk_entry_new ();
        gtk_label_set_wrap (GTK_LABEL (label), TRUE);
        gtk_label_set_max_width_chars (GTK_LABEL (label), 16);
        gtk_editable_set_width_chars (GTK_EDITABLE (entry), 12);

        gtk_label_set_xalign (GTK_LABEL (label), 0);
        self->differs[field] = differs;
        self->firsts[field] = value_widget (self, field, a, differs);
        self->seconds[field] = value_widget (self, field, b, differs);
        if (differs)
          {
            gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (self->seconds[field]),
                                         GTK_TOGGLE_BUTTON (self->firsts[field]));
            gtk_widget_add_css_class (label, "reconcile-differs");
            gtk_widget_add_css_class (entry, "reconcile-differs");
          }
        else
          gtk_editable_set_text (GTK_EDITABLE (entry), a);
        g_object_set_data (G_OBJECT (entry), "civ-field", GINT_TO_POINTER (field));
        gtk_widget_set_hexpand (entry, TRUE);
        g_signal_connect (entry, "changed", G_CALLBACK (on_final_changed_cb), self);
        self->finals[field] = entry;
        gtk_grid_attach (self->grid, label, 0, row, 1, 1);
        gtk_grid_attach (self->grid, self->firsts[field], 1, row, 1, 1);
        gtk_grid_attach (self->grid, self->seconds[field], 2, row, 1, 1);
        gtk_grid_attach (self->grid, entry, 3, row, 1, 1);
        row++;
      }
  self->filling = FALSE;
  civ_ui_show_message (self->message_label, NULL);
  gtk_stack_set_visible_child_name (self->stack, "disputes");
  update_actions (self);
  self->jobs++;
  civ_archive_page_image_async (self->session, self, item->book_id, d->page, self->cancellable,
                                on_page_image_cb, NULL);
}

static void
on_row_selected_cb (GtkListBox *list, GtkListBoxRow *row, CivArchiveReconcile *self)
{
  if (row == NULL)
    return;
  show_item (self, g_ptr_array_index (self->items, gtk_list_box_row_get_index (row)));
}

static void
show_items (CivArchiveReconcile *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->current = NULL;
  clear_grid (self);
  for (guint i = 0; i < self->items->len; i++)
    {
      Item            *item = g_ptr_array_index (self->items, i);
      GtkWidget       *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf (_ ("%s, page %d, entry %d"), item->archive_no,
                                                item->dispute->page, item->dispute->slot);
      guint            n = item->dispute->differing ? item->dispute->differing->len : 0;
      g_autofree char *subtitle =
        g_strdup_printf (ngettext ("%u field differs", "%u fields differ", n), n);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->list, row);
    }
  if (self->items->len == 0)
    {
      adw_status_page_set_icon_name (self->status_page, "emblem-ok-symbolic");
      adw_status_page_set_title (self->status_page, _ ("No disputes"));
      adw_status_page_set_description (self->status_page,
                                       _ ("Every entry keyed twice agreed or has been reconciled"));
      gtk_stack_set_visible_child_name (self->stack, "status");
    }
  else
    gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, 0));
  update_actions (self);
}

static void
show_refusal (CivArchiveReconcile *self, const GError *error)
{
  g_autofree char *text = civ_ui_describe_error (error);

  adw_status_page_set_icon_name (self->status_page, "dialog-information-symbolic");
  adw_status_page_set_title (self->status_page, _ ("The disputes cannot be shown"));
  adw_status_page_set_description (self->status_page, text);
  gtk_stack_set_visible_child_name (self->stack, "status");
}

typedef struct
{
  char *book_id;
  char *archive_no;
} BookRef;

static void
book_ref_free (BookRef *ref)
{
  g_free (ref->book_id);
  g_free (ref->archive_no);
  g_free (ref);
}

static void
on_disputes_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivArchiveReconcile *self = CIV_ARCHIVE_RECONCILE (source);
  BookRef             *ref = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) disputes = civ_archive_disputes_finish (self->session, result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      book_ref_free (ref);
      return;
    }
  self->jobs--;
  if (disputes == NULL)
    {
      book_ref_free (ref);
      g_queue_clear_full (&self->pending_books, (GDestroyNotify) book_ref_free);
      show_refusal (self, error);
      return;
    }
  for (guint i = 0; i < disputes->len; i++)
    {
      Item *item = g_new0 (Item, 1);

      item->book_id = g_strdup (ref->book_id);
      item->archive_no = g_strdup (ref->archive_no);
      item->dispute = g_ptr_array_index (disputes, i);
      g_ptr_array_index (disputes, i) = NULL;
      g_ptr_array_add (self->items, item);
    }
  book_ref_free (ref);
  next_book (self);
}

/* The disputes of one book after the other (CivArchiveDispute does not
 * name its book). */
static void
next_book (CivArchiveReconcile *self)
{
  BookRef *ref = g_queue_pop_head (&self->pending_books);

  if (ref == NULL)
    {
      show_items (self);
      return;
    }
  self->jobs++;
  civ_archive_disputes_async (self->session, self, ref->book_id, self->cancellable, on_disputes_cb,
                              ref);
}

static void
on_books_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivArchiveReconcile *self = CIV_ARCHIVE_RECONCILE (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) books = civ_archive_book_list_finish (self->session, result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->jobs--;
  if (books == NULL)
    {
      show_refusal (self, error);
      return;
    }
  for (guint i = 0; i < books->len; i++)
    {
      CivArchiveBook *book = g_ptr_array_index (books, i);

      if (book->counts[CIV_SLOT_DISPUTED] > 0)
        {
          BookRef *ref = g_new0 (BookRef, 1);

          ref->book_id = g_strdup (book->book_id);
          ref->archive_no = g_strdup (book->archive_no);
          g_queue_push_tail (&self->pending_books, ref);
        }
    }
  next_book (self);
}

void
civ_archive_reconcile_reload (CivArchiveReconcile *self)
{
  g_return_if_fail (CIV_IS_ARCHIVE_RECONCILE (self));

  if (self->session == NULL || self->busy)
    return;
  civ_ui_renew_cancellable (&self->cancellable);
  g_queue_clear_full (&self->pending_books, (GDestroyNotify) book_ref_free);
  g_ptr_array_set_size (self->items, 0);
  self->jobs = 1;
  civ_archive_book_list_async (self->session, self, self->cancellable, on_books_cb, NULL);
}

void
civ_archive_reconcile_set_session (CivArchiveReconcile *self, CivSession *session)
{
  g_return_if_fail (CIV_IS_ARCHIVE_RECONCILE (self));
  g_set_object (&self->session, session);
}

void
civ_archive_reconcile_clear (CivArchiveReconcile *self)
{
  g_return_if_fail (CIV_IS_ARCHIVE_RECONCILE (self));

  civ_ui_renew_cancellable (&self->cancellable);
  g_queue_clear_full (&self->pending_books, (GDestroyNotify) book_ref_free);
  self->jobs = 0;
  self->busy = FALSE;
  g_ptr_array_set_size (self->items, 0);
  show_items (self);
  civ_page_image_set_file (self->image, NULL, NULL, NULL, 0);
}

/* Saving ---------------------------------------------------------------------------- */

static void
on_reconciled_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivArchiveReconcile *self = CIV_ARCHIVE_RECONCILE (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (CivKeyingResult) done = civ_archive_reconcile_finish (self->session, result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->jobs--;
  self->busy = FALSE;
  gtk_spinner_set_spinning (self->spinner, FALSE);
  if (done == NULL)
    {
      g_autofree char *text = civ_ui_describe_error (error);
      civ_ui_show_message (self->message_label, text);
      update_actions (self);
      return;
    }
  civ_ui_toast (GTK_WIDGET (self), civ_archive_ui_keying_outcome (done->state));
  g_signal_emit (self, signals[CHANGED], 0);
  civ_archive_reconcile_reload (self);
}

static void
on_save_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivArchiveReconcile *self = CIV_ARCHIVE_RECONCILE (widget);
  g_autoptr (CivHistoricalInput) input = civ_historical_input_new ();

  if (self->current == NULL || self->busy || !all_decided (self))
    return;
  for (guint i = 0; i < civ_archive_ui_n_fields (); i++)
    {
      int              field = civ_archive_ui_field_at (i, NULL);
      g_autofree char *text =
        g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->finals[field]))));
      g_autoptr (GError) error = NULL;

      civ_ui_set_error_style (self->finals[field], FALSE);
      if (*text == '\0')
        continue;
      if (!civ_historical_set_field (input, field, text, &error))
        {
          civ_ui_set_error_style (self->finals[field], TRUE);
          civ_ui_show_message (self->message_label, error->message);
          gtk_widget_grab_focus (self->finals[field]);
          return;
        }
    }
  self->busy = TRUE;
  gtk_spinner_set_spinning (self->spinner, TRUE);
  update_actions (self);
  self->jobs++;
  civ_archive_reconcile_async (self->session, self, self->current->book_id,
                               self->current->dispute->page, self->current->dispute->slot, input,
                               self->cancellable, on_reconciled_cb, NULL);
}

/* Test hooks ------------------------------------------------------------------------ */

guint
_civ_archive_reconcile_get_n_disputes (CivArchiveReconcile *self)
{
  g_return_val_if_fail (CIV_IS_ARCHIVE_RECONCILE (self), 0);
  return self->items->len;
}

gboolean
_civ_archive_reconcile_is_idle (CivArchiveReconcile *self)
{
  g_return_val_if_fail (CIV_IS_ARCHIVE_RECONCILE (self), FALSE);
  return self->jobs == 0 && !self->busy && !civ_page_image_is_loading (self->image);
}

gboolean
_civ_archive_reconcile_field_differs (CivArchiveReconcile *self, int field)
{
  g_return_val_if_fail (CIV_IS_ARCHIVE_RECONCILE (self), FALSE);
  return self->differs[field];
}

GtkWidget *
_civ_archive_reconcile_get_choice (CivArchiveReconcile *self, int field, int side)
{
  g_return_val_if_fail (CIV_IS_ARCHIVE_RECONCILE (self), NULL);
  return side == 0 ? self->firsts[field] : self->seconds[field];
}

GtkWidget *
_civ_archive_reconcile_get_final (CivArchiveReconcile *self, int field)
{
  g_return_val_if_fail (CIV_IS_ARCHIVE_RECONCILE (self), NULL);
  return self->finals[field];
}

CivPageImage *
_civ_archive_reconcile_get_image (CivArchiveReconcile *self)
{
  g_return_val_if_fail (CIV_IS_ARCHIVE_RECONCILE (self), NULL);
  return self->image;
}

/* Building ---------------------------------------------------------------------------- */

static void
civ_archive_reconcile_dispose (GObject *object)
{
  CivArchiveReconcile *self = CIV_ARCHIVE_RECONCILE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (civ_archive_reconcile_parent_class)->dispose (object);
}

static void
civ_archive_reconcile_finalize (GObject *object)
{
  CivArchiveReconcile *self = CIV_ARCHIVE_RECONCILE (object);

  g_clear_object (&self->cancellable);
  g_queue_clear_full (&self->pending_books, (GDestroyNotify) book_ref_free);
  g_ptr_array_unref (self->items);
  G_OBJECT_CLASS (civ_archive_reconcile_parent_class)->finalize (object);
}

static void
civ_archive_reconcile_class_init (CivArchiveReconcileClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civ_archive_reconcile_dispose;
  object_class->finalize = civ_archive_reconcile_finalize;
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_install_action (widget_class, "reconcile.save", NULL, on_save_activated);
}

static void
civ_archive_reconcile_init (CivArchiveReconcile *self)
{
  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  GtkWidget *inner = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  GtkWidget *list_scroller = gtk_scrolled_window_new ();
  GtkWidget *grid_scroller = gtk_scrolled_window_new ();
  GtkWidget *right = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *bottom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *save = gtk_button_new_with_mnemonic (_ ("Save _Reconciled Entry"));
  GtkWidget *spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  self->cancellable = g_cancellable_new ();
  g_queue_init (&self->pending_books);
  self->stack = GTK_STACK (gtk_stack_new ());
  self->status_page = ADW_STATUS_PAGE (adw_status_page_new ());
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->status_page), "status");

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  g_signal_connect (self->list, "row-selected", G_CALLBACK (on_row_selected_cb), self);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (list_scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (list_scroller), GTK_WIDGET (self->list));
  gtk_widget_set_size_request (list_scroller, 180, -1);
  gtk_paned_set_start_child (GTK_PANED (paned), list_scroller);
  gtk_paned_set_shrink_start_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_resize_start_child (GTK_PANED (paned), FALSE);

  self->image = CIV_PAGE_IMAGE (civ_page_image_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->image), 220, -1);
  gtk_widget_set_margin_top (GTK_WIDGET (self->image), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->image), 12);
  gtk_paned_set_start_child (GTK_PANED (inner), GTK_WIDGET (self->image));
  gtk_paned_set_shrink_start_child (GTK_PANED (inner), FALSE);
  gtk_paned_set_position (GTK_PANED (inner), 270);

  self->title_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "title-4");
  gtk_label_set_xalign (self->title_label, 0);
  gtk_widget_set_margin_start (GTK_WIDGET (self->title_label), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->title_label), 6);
  gtk_box_append (GTK_BOX (right), GTK_WIDGET (self->title_label));
  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_row_spacing (self->grid, 4);
  gtk_grid_set_column_spacing (self->grid, 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self->grid), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->grid), 12);
  gtk_widget_add_css_class (GTK_WIDGET (self->grid), "reconcile-grid");
  /* Wide values scroll rather than widen the page (the window's sidebar
   * folds away when a page asks for more than the screen). */
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (grid_scroller), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (grid_scroller), GTK_WIDGET (self->grid));
  gtk_widget_set_vexpand (grid_scroller, TRUE);
  gtk_box_append (GTK_BOX (right), grid_scroller);
  self->message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_label_set_xalign (self->message_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  gtk_widget_set_margin_start (GTK_WIDGET (self->message_label), 12);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
  gtk_box_append (GTK_BOX (right), GTK_WIDGET (self->message_label));
  gtk_widget_set_margin_start (bottom, 12);
  gtk_widget_set_margin_end (bottom, 12);
  gtk_widget_set_margin_bottom (bottom, 12);
  gtk_widget_set_hexpand (spacer, TRUE);
  gtk_box_append (GTK_BOX (bottom), spacer);
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_box_append (GTK_BOX (bottom), GTK_WIDGET (self->spinner));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "reconcile.save");
  gtk_widget_add_css_class (save, "suggested-action");
  gtk_widget_set_tooltip_text (save, _ ("Every differing field needs a choice or a retyped value"));
  gtk_box_append (GTK_BOX (bottom), save);
  gtk_box_append (GTK_BOX (right), bottom);
  gtk_widget_set_size_request (right, 420, -1);
  gtk_paned_set_end_child (GTK_PANED (inner), right);
  gtk_paned_set_shrink_end_child (GTK_PANED (inner), FALSE);
  gtk_paned_set_end_child (GTK_PANED (paned), inner);
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
  gtk_stack_add_named (self->stack, paned, "disputes");
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->stack));
  show_items (self);
}
