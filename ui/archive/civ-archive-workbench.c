// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-archive-workbench.c — keying a register book beside its page images */
#include "civ-archive-workbench-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-archive-tasks.h"
#include "civ-archive-ui.h"
#include "civ-calendar.h"
#include "civ-document-render.h"
#include "civ-page-image.h"
#include "civ-tiff.h"
#include "civ-ui-util.h"

#define CHECK_DELAY_MS 300

struct _CivArchiveWorkbench
{
  AdwBin parent_instance;

  GtkStack            *stack;
  GtkLabel            *book_label;
  GtkProgressBar      *coverage_bar;
  GtkLabel            *page_label;
  GtkFlowBox          *ledger_box;
  CivPageImage        *image;
  GtkLabel            *slot_label;
  GtkLabel            *slot_state_label;
  GtkScrolledWindow   *form_scroller;
  GtkWidget           *form_box;
  AdwEntryRow         *rows[CIV_HF_N_FIELDS]; /* by field */
  GtkWidget           *row_icons[CIV_HF_N_FIELDS];
  char                *row_errors[CIV_HF_N_FIELDS];
  AdwPreferencesGroup *checks_group;
  GPtrArray           *finding_rows;
  GtkLabel            *field_error_label;
  GtkLabel            *result_label;
  GtkImage            *result_icon;
  GtkWidget           *result_box;
  GtkSpinner          *spinner;

  CivSession     *session;
  GCancellable   *cancellable;
  GCancellable   *image_cancellable;
  GDate           today;
  CivArchiveBook *book;
  GPtrArray      *ledger; /* CivArchiveSlot, by page and slot */
  int             page;
  int             slot;
  int             image_page; /* the page whose image is shown (or asked for) */
  GDateTime      *started;
  gboolean        edited;  /* the operator typed since the slot was opened */
  gboolean        filling; /* the form is being filled by the program */
  gboolean        busy;
  guint           check_source;
  guint           pending; /* jobs under way */
  GPtrArray      *findings;
  CivSlotState    last_outcome; /* of the last keying, CIV_SLOT_N_STATES for none */
  char           *next_image;   /* a test's file for Attach Images… */
  int             next_image_page;
};

G_DEFINE_FINAL_TYPE (CivArchiveWorkbench, civ_archive_workbench, ADW_TYPE_BIN)

enum
{
  CHANGED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static void load_book (CivArchiveWorkbench *self, gboolean choose_slot);
static void update_actions (CivArchiveWorkbench *self);

/* The ledger ----------------------------------------------------------------------- */

static CivArchiveSlot *
ledger_slot (CivArchiveWorkbench *self, int page, int slot)
{
  guint index;

  if (self->ledger == NULL || self->book == NULL || page < 1 || slot < 1 ||
      slot > self->book->slots_per_page)
    return NULL;
  index = (guint) ((page - 1) * self->book->slots_per_page + (slot - 1));
  if (index < self->ledger->len)
    {
      CivArchiveSlot *s = g_ptr_array_index (self->ledger, index);

      if (s->page == page && s->slot == slot)
        return s;
    }
  for (guint i = 0; i < self->ledger->len; i++)
    {
      CivArchiveSlot *s = g_ptr_array_index (self->ledger, i);

      if (s->page == page && s->slot == slot)
        return s;
    }
  return NULL;
}

/* A slot this operator may key: nobody has, or another archivist once. */
static gboolean
waits_for_me (CivArchiveWorkbench *self, const CivArchiveSlot *s)
{
  return s->state == CIV_SLOT_UNSEEN ||
         (s->state == CIV_SLOT_KEYED_ONCE &&
          g_strcmp0 (s->updated_by, civ_session_get_login (self->session)) != 0);
}

static char *
slot_tooltip (const CivArchiveSlot *s)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, _ ("Page %d, entry %d: %s"), s->page, s->slot,
                          civ_slot_state_display_name (s->state));
  if (s->updated_by != NULL && *s->updated_by)
    {
      g_autofree char *when = civ_ui_format_local_time (s->updated_at);

      g_string_append_c (text, '\n');
      g_string_append_printf (text, _ ("by %s on %s"), s->updated_by, when ? when : "");
    }
  if (s->note != NULL && *s->note)
    {
      g_string_append_c (text, '\n');
      g_string_append (text, s->note);
    }
  return g_string_free (text, FALSE);
}

static void on_slot_clicked_cb (GtkButton *button, CivArchiveWorkbench *self);

static void
show_ledger (CivArchiveWorkbench *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->ledger_box))) != NULL)
    gtk_flow_box_remove (self->ledger_box, child);
  if (self->book == NULL)
    return;
  for (int slot = 1; slot <= self->book->slots_per_page; slot++)
    {
      CivArchiveSlot  *s = ledger_slot (self, self->page, slot);
      g_autofree char *label = g_strdup_printf ("%d", slot);
      GtkWidget       *button = gtk_button_new_with_label (label);
      CivSlotState     state = s ? s->state : CIV_SLOT_UNSEEN;

      gtk_widget_add_css_class (button, "ledger-slot");
      gtk_widget_add_css_class (button, civ_archive_ui_slot_css (state));
      if (slot == self->slot)
        gtk_widget_add_css_class (button, "slot-current");
      if (s != NULL)
        {
          g_autofree char *tip = slot_tooltip (s);
          gtk_widget_set_tooltip_text (button, tip);
        }
      gtk_widget_set_focusable (button, FALSE);
      g_object_set_data (G_OBJECT (button), "civ-slot", GINT_TO_POINTER (slot));
      g_signal_connect (button, "clicked", G_CALLBACK (on_slot_clicked_cb), self);
      gtk_flow_box_append (self->ledger_box, button);
    }
  {
    g_autofree char *page = g_strdup_printf (_ ("Page %d of %d"), self->page, self->book->pages);
    gtk_label_set_text (self->page_label, page);
  }
}

static void
show_book (CivArchiveWorkbench *self)
{
  g_autofree char *title = NULL;

  if (self->book == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  title = *self->book->title
            ? g_strdup_printf ("%s — %s", self->book->archive_no, self->book->title)
            : g_strdup (self->book->archive_no);
  gtk_label_set_text (self->book_label, title);
  civ_archive_ui_set_coverage (self->coverage_bar, self->book->n_accounted, self->book->n_slots);
  gtk_stack_set_visible_child_name (self->stack, "book");
}

/* The form ---------------------------------------------------------------------------- */

static void
show_findings (CivArchiveWorkbench *self, GPtrArray *findings)
{
  for (guint i = 0; i < self->finding_rows->len; i++)
    adw_preferences_group_remove (self->checks_group, g_ptr_array_index (self->finding_rows, i));
  g_ptr_array_set_size (self->finding_rows, 0);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  if (findings != NULL)
    self->findings = g_ptr_array_ref (findings);
  for (int severity = CIV_SEVERITY_REFUSE; findings && severity >= CIV_SEVERITY_INFO; severity--)
    for (guint i = 0; i < findings->len; i++)
      {
        CivFinding *f = g_ptr_array_index (findings, i);
        GtkWidget  *row;

        if ((int) f->severity != severity)
          continue;
        row = civ_ui_finding_row_new (f);
        adw_preferences_group_add (self->checks_group, row);
        g_ptr_array_add (self->finding_rows, row);
      }
  gtk_widget_set_visible (GTK_WIDGET (self->checks_group), self->finding_rows->len > 0);
}

static void
set_row_error (CivArchiveWorkbench *self, int field, const char *message)
{
  g_free (self->row_errors[field]);
  self->row_errors[field] = g_strdup (message);
  civ_ui_set_error_style (GTK_WIDGET (self->rows[field]), message != NULL);
  gtk_widget_set_visible (self->row_icons[field], message != NULL);
  gtk_widget_set_tooltip_text (self->row_icons[field], message);
}

/* The first field error in keying order, shown under the form. */
static int
show_field_errors (CivArchiveWorkbench *self)
{
  for (guint i = 0; i < civ_archive_ui_n_fields (); i++)
    {
      int field = civ_archive_ui_field_at (i, NULL);

      if (self->row_errors[field] != NULL)
        {
          civ_ui_show_message (self->field_error_label, self->row_errors[field]);
          return field;
        }
    }
  civ_ui_show_message (self->field_error_label, NULL);
  return -1;
}

/* The entry as the form holds it; fields that cannot be read are marked
 * and left out. */
static CivHistoricalInput *
read_form (CivArchiveWorkbench *self)
{
  CivHistoricalInput *input = civ_historical_input_new ();

  for (guint i = 0; i < civ_archive_ui_n_fields (); i++)
    {
      int              field = civ_archive_ui_field_at (i, NULL);
      g_autofree char *text = civ_ui_stripped_text (self->rows[field]);
      g_autoptr (GError) error = NULL;

      if (*text == '\0')
        {
          set_row_error (self, field, NULL);
          continue;
        }
      if (!civ_historical_set_field (input, field, text, &error))
        set_row_error (self, field, error->message);
      else
        set_row_error (self, field, NULL);
    }
  return input;
}

static gboolean
run_check (gpointer data)
{
  CivArchiveWorkbench *self = data;
  g_autoptr (CivHistoricalInput) input = NULL;
  g_autoptr (GPtrArray) findings = NULL;

  self->check_source = 0;
  input = read_form (self);
  show_field_errors (self);
  findings = civ_archive_check_entry (input, &self->today);
  show_findings (self, findings);
  return G_SOURCE_REMOVE;
}

static void
on_row_changed_cb (AdwEntryRow *row, CivArchiveWorkbench *self)
{
  if (self->filling)
    return;
  self->edited = TRUE;
  g_clear_handle_id (&self->check_source, g_source_remove);
  self->check_source = g_timeout_add (CHECK_DELAY_MS, run_check, self);
  update_actions (self);
}

/* The field in focus in view: Enter walks down a form taller than the
 * screen. */
static void
on_row_focus_enter_cb (GtkEventControllerFocus *controller, CivArchiveWorkbench *self)
{
  GtkWidget      *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkAdjustment  *adj = gtk_scrolled_window_get_vadjustment (self->form_scroller);
  graphene_rect_t bounds;
  double          top, bottom, value, page;

  if (!gtk_widget_compute_bounds (row, self->form_box, &bounds))
    return;
  top = bounds.origin.y - 48;
  bottom = bounds.origin.y + bounds.size.height + 12;
  value = gtk_adjustment_get_value (adj);
  page = gtk_adjustment_get_page_size (adj);
  if (top < value)
    gtk_adjustment_set_value (adj, MAX (0, top));
  else if (bottom > value + page)
    gtk_adjustment_set_value (adj, bottom - page);
}

/* Enter: the next field. */
static void
on_row_activated_cb (AdwEntryRow *row, CivArchiveWorkbench *self)
{
  int field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "civ-field"));

  for (guint i = 0; i < civ_archive_ui_n_fields (); i++)
    if (civ_archive_ui_field_at (i, NULL) == field)
      {
        if (i + 1 < civ_archive_ui_n_fields ())
          gtk_widget_grab_focus (GTK_WIDGET (self->rows[civ_archive_ui_field_at (i + 1, NULL)]));
        return;
      }
}

static void
set_text (AdwEntryRow *row, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

/* The form of the current slot: empty but for what the book says. Never
 * anything another archivist keyed. */
static void
reset_form (CivArchiveWorkbench *self)
{
  g_autoptr (CivHistoricalInput) known = civ_historical_input_new ();

  g_clear_handle_id (&self->check_source, g_source_remove);
  if (self->book != NULL)
    {
      known->kind = self->book->category;
      known->archive_no = g_strdup (self->book->archive_no);
      known->office_code = g_strdup (self->book->office_code);
      known->office_name = g_strdup (self->book->office_name);
      known->page = self->page;
      known->entry = self->slot;
    }
  self->filling = TRUE;
  for (int field = 0; field < CIV_HF_N_FIELDS; field++)
    {
      static const int from_book[] = { CIV_HF_KIND,       CIV_HF_OFFICE_CODE, CIV_HF_OFFICE_NAME,
                                       CIV_HF_ARCHIVE_NO, CIV_HF_PAGE,        CIV_HF_ENTRY };
      gboolean         known_field = FALSE;
      g_autofree char *text = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (from_book); i++)
        known_field |= from_book[i] == field;
      if (known_field && self->book != NULL)
        text = civ_historical_get_field (known, field);
      set_text (self->rows[field], text);
      set_row_error (self, field, NULL);
    }
  self->filling = FALSE;
  self->edited = FALSE;
  show_field_errors (self);
  show_findings (self, NULL);
  g_clear_pointer (&self->started, g_date_time_unref);
  self->started = g_date_time_new_now_utc ();
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->form_scroller), 0);
}

static void
show_slot (CivArchiveWorkbench *self)
{
  CivArchiveSlot  *s = ledger_slot (self, self->page, self->slot);
  g_autofree char *where = NULL;
  const char      *state;

  if (self->book == NULL)
    return;
  where = g_strdup_printf (_ ("Page %d, entry %d"), self->page, self->slot);
  gtk_label_set_text (self->slot_label, where);
  state = s ? civ_slot_state_display_name (s->state) : "";
  if (s != NULL && s->state == CIV_SLOT_KEYED_ONCE && !waits_for_me (self, s))
    state = _ ("You keyed this entry: another archivist keys it a second time");
  gtk_label_set_text (self->slot_state_label, state);
  show_ledger (self);
}

/* The page image --------------------------------------------------------------------------- */

static void
on_page_image_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivArchivePageImage) image = NULL;
  CivArchiveWorkbench *self;

  image = civ_archive_page_image_finish (CIV_ARCHIVE_WORKBENCH (source)->session, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = CIV_ARCHIVE_WORKBENCH (user_data);
  self->pending--;
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
load_image (CivArchiveWorkbench *self, gboolean force)
{
  if (self->book == NULL || (!force && self->image_page == self->page))
    return;
  self->image_page = self->page;
  civ_ui_renew_cancellable (&self->image_cancellable);
  self->pending++;
  civ_archive_page_image_async (self->session, self, self->book->book_id, self->page,
                                self->image_cancellable, on_page_image_cb, self);
}

static void
go_to (CivArchiveWorkbench *self, int page, int slot)
{
  if (self->book == NULL)
    return;
  self->page = CLAMP (page, 1, self->book->pages);
  self->slot = CLAMP (slot, 1, self->book->slots_per_page);
  reset_form (self);
  show_slot (self);
  load_image (self, FALSE);
  update_actions (self);
}

static void
on_slot_clicked_cb (GtkButton *button, CivArchiveWorkbench *self)
{
  go_to (self, self->page, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "civ-slot")));
  gtk_widget_grab_focus (GTK_WIDGET (self->rows[civ_archive_ui_field_at (0, NULL)]));
}

static void
step (CivArchiveWorkbench *self, int delta)
{
  int index, last;

  if (self->book == NULL)
    return;
  index = (self->page - 1) * self->book->slots_per_page + (self->slot - 1) + delta;
  last = self->book->pages * self->book->slots_per_page - 1;
  index = CLAMP (index, 0, last);
  go_to (self, index / self->book->slots_per_page + 1, index % self->book->slots_per_page + 1);
}

/* Loading the book --------------------------------------------------------------------------- */

static void
update_actions (CivArchiveWorkbench *self)
{
  gboolean open = self->book != NULL && !self->book->closed && !self->busy;
  gboolean have = self->book != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workbench.save-next", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workbench.previous", have && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workbench.next", have && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workbench.mark", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workbench.attach-images", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workbench.previous-page", have);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workbench.next-page", have);
}

static void
set_busy (CivArchiveWorkbench *self, gboolean busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  update_actions (self);
}

static void
show_error (CivArchiveWorkbench *self, const GError *error)
{
  g_autofree char *text = civ_ui_describe_error (error);

  civ_ui_toast (GTK_WIDGET (self), text);
}

typedef struct
{
  CivArchiveWorkbench *self;
  gboolean             choose_slot;
  CivArchiveBook      *book;
} Load;

static void
load_free (Load *load)
{
  g_clear_pointer (&load->book, civ_archive_book_free);
  g_free (load);
}

static void
choose_first_slot (CivArchiveWorkbench *self)
{
  for (guint i = 0; self->ledger != NULL && i < self->ledger->len; i++)
    {
      CivArchiveSlot *s = g_ptr_array_index (self->ledger, i);

      if (waits_for_me (self, s))
        {
          self->page = s->page;
          self->slot = s->slot;
          return;
        }
    }
  self->page = 1;
  self->slot = 1;
}

static void
on_ledger_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Load *load = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) ledger =
    civ_archive_ledger_finish (CIV_ARCHIVE_WORKBENCH (source)->session, result, &error);
  CivArchiveWorkbench *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      load_free (load);
      return;
    }
  self = load->self;
  self->pending--;
  if (ledger == NULL)
    {
      show_error (self, error);
      load_free (load);
      return;
    }
  g_clear_pointer (&self->book, civ_archive_book_free);
  self->book = g_steal_pointer (&load->book);
  g_clear_pointer (&self->ledger, g_ptr_array_unref);
  self->ledger = g_steal_pointer (&ledger);
  show_book (self);
  if (load->choose_slot)
    {
      choose_first_slot (self);
      self->image_page = 0;
      go_to (self, self->page, self->slot);
    }
  else
    show_slot (self);
  update_actions (self);
  load_free (load);
}

static void
on_book_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Load *load = user_data;
  g_autoptr (GError) error = NULL;
  CivArchiveBook *book =
    civ_archive_book_get_finish (CIV_ARCHIVE_WORKBENCH (source)->session, result, &error);
  CivArchiveWorkbench *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      load_free (load);
      return;
    }
  self = load->self;
  if (book == NULL)
    {
      self->pending--;
      if (error != NULL)
        show_error (self, error);
      else
        civ_ui_toast (GTK_WIDGET (self), _ ("The book is not in this office any more"));
      load_free (load);
      return;
    }
  load->book = book;
  civ_archive_ledger_async (self->session, self, book->book_id, self->cancellable, on_ledger_cb,
                            load);
}

static void
load_book_id (CivArchiveWorkbench *self, const char *book, gboolean choose_slot)
{
  Load *load = g_new0 (Load, 1);

  load->self = self;
  load->choose_slot = choose_slot;
  self->pending++;
  civ_archive_book_get_async (self->session, self, book, self->cancellable, on_book_cb, load);
}

static void
load_book (CivArchiveWorkbench *self, gboolean choose_slot)
{
  if (self->book != NULL && self->session != NULL)
    load_book_id (self, self->book->book_id, choose_slot);
}

void
civ_archive_workbench_open_book (CivArchiveWorkbench *self, const char *book)
{
  g_return_if_fail (CIV_IS_ARCHIVE_WORKBENCH (self) && book != NULL);

  if (self->session == NULL)
    return;
  if (self->book != NULL &&
      (g_strcmp0 (self->book->book_id, book) == 0 || g_strcmp0 (self->book->archive_no, book) == 0))
    {
      load_book (self, FALSE);
      return;
    }
  /* What was under way for the other book is dropped with it. */
  civ_ui_renew_cancellable (&self->cancellable);
  self->pending = 0;
  set_busy (self, FALSE);
  gtk_widget_set_visible (self->result_box, FALSE);
  load_book_id (self, book, TRUE);
}

const char *
civ_archive_workbench_get_book_id (CivArchiveWorkbench *self)
{
  g_return_val_if_fail (CIV_IS_ARCHIVE_WORKBENCH (self), NULL);
  return self->book ? self->book->book_id : NULL;
}

void
civ_archive_workbench_reload (CivArchiveWorkbench *self)
{
  g_return_if_fail (CIV_IS_ARCHIVE_WORKBENCH (self));
  if (!self->busy)
    load_book (self, FALSE);
}

/* Keying ------------------------------------------------------------------------------------ */

static void
show_result (CivArchiveWorkbench *self, int page, int slot, CivSlotState state)
{
  g_autofree char *text = g_strdup_printf (_ ("Page %d, entry %d: %s"), page, slot,
                                           civ_archive_ui_keying_outcome (state));
  const char      *icon = state == CIV_SLOT_ENTERED    ? "emblem-ok-symbolic"
                          : state == CIV_SLOT_DISPUTED ? "dialog-warning-symbolic"
                                                       : "document-save-symbolic";

  self->last_outcome = state;
  gtk_label_set_text (self->result_label, text);
  gtk_image_set_from_icon_name (self->result_icon, icon);
  gtk_widget_remove_css_class (self->result_box, "success");
  gtk_widget_remove_css_class (self->result_box, "warning");
  if (state == CIV_SLOT_ENTERED)
    gtk_widget_add_css_class (self->result_box, "success");
  else if (state == CIV_SLOT_DISPUTED)
    gtk_widget_add_css_class (self->result_box, "warning");
  gtk_widget_set_visible (self->result_box, TRUE);
}

typedef struct
{
  CivArchiveWorkbench *self;
  int                  page;
  int                  slot;
} Keying;

static void
on_keyed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autofree Keying *keying = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (CivKeyingResult) keyed = NULL;
  CivArchiveWorkbench *self;

  keyed = civ_archive_key_entry_finish (CIV_ARCHIVE_WORKBENCH (source)->session, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = keying->self;
  self->pending--;
  set_busy (self, FALSE);
  if (keyed == NULL)
    {
      g_autofree char *text = civ_ui_describe_error (error);

      civ_ui_show_message (self->field_error_label, text);
      return;
    }
  show_result (self, keying->page, keying->slot, keyed->state);
  g_signal_emit (self, signals[CHANGED], 0);
  /* On to the next slot; the ledger and the coverage read again. */
  if (keying->page == self->page && keying->slot == self->slot)
    step (self, 1);
  load_book (self, FALSE);
}

static void
save_and_next (CivArchiveWorkbench *self)
{
  g_autoptr (CivHistoricalInput) input = NULL;
  g_autoptr (GPtrArray) errors = NULL;
  Keying *keying;
  int     bad;

  if (self->book == NULL || self->busy)
    return;
  if (!self->edited)
    {
      /* Nothing typed: Page Down only turns to the next slot. */
      step (self, 1);
      return;
    }
  g_clear_handle_id (&self->check_source, g_source_remove);
  input = read_form (self);
  errors = g_ptr_array_new_with_free_func ((GDestroyNotify) civ_field_error_free);
  civ_historical_validate (input, &self->today, errors, NULL);
  for (guint i = 0; i < errors->len; i++)
    {
      CivFieldError *e = g_ptr_array_index (errors, i);

      if (e->field >= 0 && e->field < CIV_HF_N_FIELDS && self->row_errors[e->field] == NULL)
        set_row_error (self, e->field, e->message);
    }
  bad = show_field_errors (self);
  if (bad >= 0)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->rows[bad]));
      return;
    }
  if (errors->len > 0)
    {
      civ_ui_show_message (self->field_error_label,
                           ((CivFieldError *) g_ptr_array_index (errors, 0))->message);
      return;
    }
  keying = g_new0 (Keying, 1);
  keying->self = self;
  keying->page = self->page;
  keying->slot = self->slot;
  set_busy (self, TRUE);
  self->pending++;
  civ_archive_key_entry_async (self->session, self, self->book->book_id, self->page, self->slot,
                               input, self->started, self->cancellable, on_keyed_cb, keying);
}

static void
on_save_next_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  save_and_next (CIV_ARCHIVE_WORKBENCH (widget));
}

static void
on_previous_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  step (CIV_ARCHIVE_WORKBENCH (widget), -1);
}

static void
on_next_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  step (CIV_ARCHIVE_WORKBENCH (widget), 1);
}

static void
on_previous_page_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivArchiveWorkbench *self = CIV_ARCHIVE_WORKBENCH (widget);

  go_to (self, self->page - 1, 1);
}

static void
on_next_page_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivArchiveWorkbench *self = CIV_ARCHIVE_WORKBENCH (widget);

  go_to (self, self->page + 1, 1);
}

/* Marking a slot -------------------------------------------------------------------------- */

static const CivSlotState mark_states[] = { CIV_SLOT_ILLEGIBLE, CIV_SLOT_BLANK, CIV_SLOT_TORN,
                                            CIV_SLOT_MISSING };

typedef struct
{
  CivArchiveWorkbench *self;
  AdwComboRow         *state_row;
  AdwEntryRow         *note_row;
  GtkSwitch           *page_switch;
  int                  page;
  int                  slot;
} MarkDialog;

static void
on_marked_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  CivArchiveWorkbench *self;

  if (!civ_archive_slot_mark_finish (CIV_ARCHIVE_WORKBENCH (source)->session, result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = CIV_ARCHIVE_WORKBENCH (user_data);
  self->pending--;
  set_busy (self, FALSE);
  if (error != NULL)
    {
      show_error (self, error);
      return;
    }
  g_signal_emit (self, signals[CHANGED], 0);
  step (self, 1);
  load_book (self, FALSE);
}

static gboolean
note_needed (CivSlotState state)
{
  return state != CIV_SLOT_BLANK;
}

static void
on_mark_changed_cb (MarkDialog *md)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (
    gtk_widget_get_ancestor (GTK_WIDGET (md->note_row), ADW_TYPE_MESSAGE_DIALOG));
  CivSlotState     state = mark_states[adw_combo_row_get_selected (md->state_row)];
  g_autofree char *note = civ_ui_stripped_text (md->note_row);

  if (dialog != NULL)
    adw_message_dialog_set_response_enabled (dialog, "mark", !note_needed (state) || *note);
}

static void
on_mark_response_cb (AdwMessageDialog *dialog, const char *response, MarkDialog *md)
{
  CivArchiveWorkbench *self = md->self;
  CivSlotState         state;
  g_autofree char     *note = NULL;

  if (g_strcmp0 (response, "mark") != 0 || self->book == NULL || self->session == NULL)
    return;
  state = mark_states[adw_combo_row_get_selected (md->state_row)];
  note = civ_ui_stripped_text (md->note_row);
  set_busy (self, TRUE);
  self->pending++;
  civ_archive_slot_mark_async (self->session, self, self->book->book_id, md->page,
                               gtk_switch_get_active (md->page_switch) ? 0 : md->slot, state, note,
                               self->cancellable, on_marked_cb, self);
}

static void
on_mark_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivArchiveWorkbench *self = CIV_ARCHIVE_WORKBENCH (widget);
  GtkRoot             *root = gtk_widget_get_root (widget);
  g_autofree char     *heading = NULL;
  GtkWidget           *dialog;
  GtkWidget           *list = gtk_list_box_new ();
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget  *switch_row = adw_action_row_new ();
  MarkDialog *md = g_new0 (MarkDialog, 1);

  if (self->book == NULL)
    {
      g_free (md);
      return;
    }
  md->self = self;
  md->page = self->page;
  md->slot = self->slot;
  for (guint i = 0; i < G_N_ELEMENTS (mark_states); i++)
    gtk_string_list_append (names, civ_slot_state_display_name (mark_states[i]));
  md->state_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (md->state_row), _ ("_State"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (md->state_row), TRUE);
  adw_combo_row_set_model (md->state_row, G_LIST_MODEL (names));
  md->note_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (md->note_row),
                                 _ ("_Note (what the page shows)"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (md->note_row), TRUE);
  md->page_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (md->page_switch), GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (switch_row),
                                 _ ("Every open entry of this _page"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (switch_row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (switch_row), GTK_WIDGET (md->page_switch));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (switch_row), GTK_WIDGET (md->page_switch));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (md->state_row));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (md->note_row));
  gtk_list_box_append (GTK_LIST_BOX (list), switch_row);

  heading = g_strdup_printf (_ ("Mark Page %d, Entry %d"), self->page, self->slot);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _ ("An entry that cannot be keyed is accounted for by its "
                                      "state. Illegible, torn and missing need a note."));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_application (GTK_WINDOW (dialog),
                                gtk_window_get_application (GTK_WINDOW (root)));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "mark",
                                    _ ("_Mark"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "mark",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "mark");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_swapped (md->state_row, "notify::selected", G_CALLBACK (on_mark_changed_cb), md);
  g_signal_connect_swapped (md->note_row, "changed", G_CALLBACK (on_mark_changed_cb), md);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_mark_response_cb), md,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  civ_ui_close_on_lock (self->session, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  on_mark_changed_cb (md);
  gtk_widget_grab_focus (GTK_WIDGET (md->state_row));
}

/* Attaching images ------------------------------------------------------------------------- */

static void
on_attached_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  gint64 id =
    civ_archive_image_attach_finish (CIV_ARCHIVE_WORKBENCH (source)->session, result, &error);
  CivArchiveWorkbench *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = CIV_ARCHIVE_WORKBENCH (user_data);
  self->pending--;
  set_busy (self, FALSE);
  if (id <= 0)
    {
      show_error (self, error);
      return;
    }
  civ_ui_toast (GTK_WIDGET (self), _ ("Page image attached"));
  g_signal_emit (self, signals[CHANGED], 0);
  load_image (self, TRUE);
}

/* Reads @path and attaches it from @first_page: a PDF covers as many pages
 * as it has, a TIFF as many as its pictures, another picture one page. */
static void
attach_file (CivArchiveWorkbench *self, const char *path, int first_page)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr (GMappedFile) mapped = g_mapped_file_new (path, FALSE, &error);
  int n_pages = 1;

  if (mapped == NULL)
    {
      g_autofree char *text =
        g_strdup_printf (_ ("The file could not be read: %s"), error->message);
      civ_ui_toast (GTK_WIDGET (self), text);
      return;
    }
  bytes = g_bytes_new (g_mapped_file_get_contents (mapped), g_mapped_file_get_length (mapped));
  if (g_bytes_get_size (bytes) > 4 && memcmp (g_bytes_get_data (bytes, NULL), "%PDF", 4) == 0)
    {
      PopplerDocument *document = civ_document_render_open_pdf (bytes, NULL);

      if (document != NULL)
        n_pages = poppler_document_get_n_pages (document);
      g_clear_object (&document);
    }
  else if (g_bytes_get_size (bytes) > 4 &&
           (memcmp (g_bytes_get_data (bytes, NULL), "II*\0", 4) == 0 ||
            memcmp (g_bytes_get_data (bytes, NULL), "MM\0*", 4) == 0))
    {
      guint pictures = 0;

      /* A multi-page scan: a picture a page. */
      if (civ_tiff_count_pages (bytes, &pictures, NULL))
        n_pages = (int) MIN (pictures, (guint) G_MAXINT);
    }
  n_pages = MIN (n_pages, self->book->pages - first_page + 1);
  set_busy (self, TRUE);
  self->pending++;
  civ_archive_image_attach_async (self->session, self, self->book->book_id, first_page,
                                  MAX (1, n_pages), name, bytes, self->cancellable, on_attached_cb,
                                  self);
}

static void
on_attach_response_cb (GtkNativeDialog *chooser, int response, CivArchiveWorkbench *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->book != NULL)
    {
      g_autoptr (GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      int first = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "civ-first-page"));

      /* One picture a page, in the order chosen, from the page shown. */
      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr (GFile) file = g_list_model_get_item (files, i);
          g_autofree char *path = g_file_get_path (file);

          if (path != NULL && first + (int) i <= self->book->pages)
            attach_file (self, path, first + (int) i);
        }
    }
  g_object_unref (chooser);
}

static void
on_attach_images_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivArchiveWorkbench  *self = CIV_ARCHIVE_WORKBENCH (widget);
  GtkRoot              *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->book == NULL || self->session == NULL)
    return;
  if (self->next_image != NULL)
    {
      g_autofree char *path = g_steal_pointer (&self->next_image);
      attach_file (self, path, self->next_image_page > 0 ? self->next_image_page : self->page);
      return;
    }
  chooser =
    gtk_file_chooser_native_new (_ ("Attach Page Images"),
                                 GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Attach"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (filter, _ ("Page images (JPEG, PNG, TIFF, PDF)"));
  for (guint i = 0; i < 4; i++)
    gtk_file_filter_add_mime_type (filter, (const char *[]){ "image/jpeg", "image/png",
                                                             "image/tiff", "application/pdf" }[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_set_data (G_OBJECT (chooser), "civ-first-page", GINT_TO_POINTER (self->page));
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_attach_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The image's keys -------------------------------------------------------------------------- */

static void
on_zoom_in_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  civ_page_image_zoom_in (CIV_ARCHIVE_WORKBENCH (widget)->image);
}

static void
on_zoom_out_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  civ_page_image_zoom_out (CIV_ARCHIVE_WORKBENCH (widget)->image);
}

static void
on_fit_width_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  civ_page_image_fit_width (CIV_ARCHIVE_WORKBENCH (widget)->image);
}

static void
on_rotate_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  civ_page_image_rotate (CIV_ARCHIVE_WORKBENCH (widget)->image);
}

/* The public side --------------------------------------------------------------------------- */

void
civ_archive_workbench_set_session (CivArchiveWorkbench *self, CivSession *session)
{
  g_return_if_fail (CIV_IS_ARCHIVE_WORKBENCH (self));
  g_set_object (&self->session, session);
}

void
civ_archive_workbench_set_today (CivArchiveWorkbench *self, const GDate *today)
{
  g_return_if_fail (CIV_IS_ARCHIVE_WORKBENCH (self));
  self->today = *today;
}

void
civ_archive_workbench_clear (CivArchiveWorkbench *self)
{
  g_return_if_fail (CIV_IS_ARCHIVE_WORKBENCH (self));

  civ_ui_renew_cancellable (&self->cancellable);
  civ_ui_renew_cancellable (&self->image_cancellable);
  self->pending = 0;
  set_busy (self, FALSE);
  g_clear_pointer (&self->book, civ_archive_book_free);
  g_clear_pointer (&self->ledger, g_ptr_array_unref);
  self->image_page = 0;
  reset_form (self);
  civ_page_image_set_file (self->image, NULL, NULL, NULL, 0);
  gtk_widget_set_visible (self->result_box, FALSE);
  show_book (self);
  show_ledger (self);
  update_actions (self);
}

/* Test hooks ---------------------------------------------------------------------------------- */

AdwEntryRow *
_civ_archive_workbench_get_row (CivArchiveWorkbench *self, int field)
{
  g_return_val_if_fail (CIV_IS_ARCHIVE_WORKBENCH (self) && field >= 0 && field < CIV_HF_N_FIELDS,
                        NULL);
  return self->rows[field];
}

gboolean
_civ_archive_workbench_is_idle (CivArchiveWorkbench *self)
{
  g_return_val_if_fail (CIV_IS_ARCHIVE_WORKBENCH (self), FALSE);
  return self->pending == 0 && !self->busy && !civ_page_image_is_loading (self->image);
}

void
_civ_archive_workbench_get_slot (CivArchiveWorkbench *self, int *page, int *slot)
{
  g_return_if_fail (CIV_IS_ARCHIVE_WORKBENCH (self));
  *page = self->page;
  *slot = self->slot;
}

int
_civ_archive_workbench_get_slot_state (CivArchiveWorkbench *self, int page, int slot)
{
  CivArchiveSlot *s;

  g_return_val_if_fail (CIV_IS_ARCHIVE_WORKBENCH (self), -1);
  s = ledger_slot (self, page, slot);
  return s ? (int) s->state : -1;
}

double
_civ_archive_workbench_get_coverage (CivArchiveWorkbench *self)
{
  g_return_val_if_fail (CIV_IS_ARCHIVE_WORKBENCH (self), -1);
  return gtk_progress_bar_get_fraction (self->coverage_bar);
}

int
_civ_archive_workbench_get_last_outcome (CivArchiveWorkbench *self)
{
  g_return_val_if_fail (CIV_IS_ARCHIVE_WORKBENCH (self), -1);
  return (int) self->last_outcome;
}

GPtrArray *
_civ_archive_workbench_get_findings (CivArchiveWorkbench *self)
{
  g_return_val_if_fail (CIV_IS_ARCHIVE_WORKBENCH (self), NULL);
  return self->findings;
}

CivPageImage *
_civ_archive_workbench_get_image (CivArchiveWorkbench *self)
{
  g_return_val_if_fail (CIV_IS_ARCHIVE_WORKBENCH (self), NULL);
  return self->image;
}

const char *
_civ_archive_workbench_get_field_error (CivArchiveWorkbench *self, int field)
{
  g_return_val_if_fail (CIV_IS_ARCHIVE_WORKBENCH (self) && field >= 0 && field < CIV_HF_N_FIELDS,
                        NULL);
  return self->row_errors[field];
}

GtkWidget *
_civ_archive_workbench_get_ledger_button (CivArchiveWorkbench *self, int slot)
{
  GtkWidget *child;
  int        i = 1;

  g_return_val_if_fail (CIV_IS_ARCHIVE_WORKBENCH (self), NULL);
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->ledger_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child), i++)
    if (i == slot)
      return gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
  return NULL;
}

void
_civ_archive_workbench_set_next_image (CivArchiveWorkbench *self, const char *path, int first_page)
{
  g_return_if_fail (CIV_IS_ARCHIVE_WORKBENCH (self));
  g_free (self->next_image);
  self->next_image = g_strdup (path);
  self->next_image_page = first_page;
}

void
_civ_archive_workbench_run_check (CivArchiveWorkbench *self)
{
  g_return_if_fail (CIV_IS_ARCHIVE_WORKBENCH (self));
  g_clear_handle_id (&self->check_source, g_source_remove);
  run_check (self);
}

/* Building ------------------------------------------------------------------------------------ */

static void
build_form (CivArchiveWorkbench *self)
{
  AdwPreferencesGroup *groups[CIV_ARCHIVE_N_GROUPS];

  for (int g = 0; g < CIV_ARCHIVE_N_GROUPS; g++)
    {
      groups[g] = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_set_title (groups[g], civ_archive_ui_group_title (g));
      gtk_box_append (GTK_BOX (self->form_box), GTK_WIDGET (groups[g]));
    }
  for (guint i = 0; i < civ_archive_ui_n_fields (); i++)
    {
      CivArchiveGroup g;
      int             field = civ_archive_ui_field_at (i, &g);
      AdwEntryRow    *row = ADW_ENTRY_ROW (adw_entry_row_new ());
      GtkWidget      *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), civ_hist_field_label (field));
      gtk_editable_set_enable_undo (GTK_EDITABLE (row), TRUE);
      adw_entry_row_set_input_hints (ADW_ENTRY_ROW (row), GTK_INPUT_HINT_NO_SPELLCHECK);
      gtk_widget_add_css_class (icon, "error");
      gtk_widget_set_visible (icon, FALSE);
      adw_entry_row_add_suffix (row, icon);
      g_object_set_data (G_OBJECT (row), "civ-field", GINT_TO_POINTER (field));
      g_signal_connect (row, "changed", G_CALLBACK (on_row_changed_cb), self);
      g_signal_connect (row, "entry-activated", G_CALLBACK (on_row_activated_cb), self);
      {
        GtkEventController *focus = gtk_event_controller_focus_new ();

        g_signal_connect (focus, "enter", G_CALLBACK (on_row_focus_enter_cb), self);
        gtk_widget_add_controller (GTK_WIDGET (row), focus);
      }
      adw_preferences_group_add (groups[g], GTK_WIDGET (row));
      self->rows[field] = row;
      self->row_icons[field] = icon;
    }
  self->checks_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->checks_group, _ ("Rules of the entry's day"));
  adw_preferences_group_set_description (self->checks_group,
                                         _ ("Warnings only: the entry is stored as the book says"));
  gtk_widget_set_visible (GTK_WIDGET (self->checks_group), FALSE);
  gtk_box_append (GTK_BOX (self->form_box), GTK_WIDGET (self->checks_group));
}

static GtkWidget *
action_button (const char *label, const char *action, const char *css)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (css != NULL)
    gtk_widget_add_css_class (button, css);
  return button;
}

static void
build (CivArchiveWorkbench *self)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *ledger_bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  GtkWidget *right = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *slot_bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *empty = adw_status_page_new ();
  GtkWidget *button;
  GtkWidget *spacer;

  self->stack = GTK_STACK (gtk_stack_new ());
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "document-edit-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _ ("No book open"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _ ("Open a register book from the list of books to key it"));
  gtk_stack_add_named (self->stack, empty, "empty");

  /* Top: the book, its coverage always in view, and the page's ledger. */
  gtk_widget_set_margin_start (top, 12);
  gtk_widget_set_margin_end (top, 12);
  gtk_widget_set_margin_top (top, 6);
  self->book_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (self->book_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (self->book_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->book_label), "heading");
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->book_label));
  self->coverage_bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->coverage_bar), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->coverage_bar), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->coverage_bar),
                               _ ("Slots accounted for: entered, illegible, blank, torn or "
                                  "missing"));
  gtk_widget_add_css_class (GTK_WIDGET (self->coverage_bar), "coverage");
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->coverage_bar));
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->spinner));
  gtk_box_append (GTK_BOX (top),
                  action_button (_ ("A_ttach Images…"), "workbench.attach-images", NULL));
  gtk_box_append (GTK_BOX (outer), top);

  gtk_widget_set_margin_start (ledger_bar, 12);
  gtk_widget_set_margin_end (ledger_bar, 12);
  gtk_widget_set_margin_top (ledger_bar, 6);
  gtk_widget_set_margin_bottom (ledger_bar, 6);
  button = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_widget_set_tooltip_text (button, _ ("Previous page"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "workbench.previous-page");
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (ledger_bar), button);
  self->page_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_valign (GTK_WIDGET (self->page_label), GTK_ALIGN_START);
  gtk_widget_set_margin_top (GTK_WIDGET (self->page_label), 6);
  gtk_label_set_width_chars (self->page_label, 12);
  gtk_box_append (GTK_BOX (ledger_bar), GTK_WIDGET (self->page_label));
  button = gtk_button_new_from_icon_name ("go-next-symbolic");
  gtk_widget_set_tooltip_text (button, _ ("Next page"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "workbench.next-page");
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (ledger_bar), button);
  self->ledger_box = GTK_FLOW_BOX (gtk_flow_box_new ());
  gtk_flow_box_set_selection_mode (self->ledger_box, GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (self->ledger_box, 50);
  gtk_flow_box_set_min_children_per_line (self->ledger_box, 5);
  gtk_flow_box_set_row_spacing (self->ledger_box, 4);
  gtk_flow_box_set_column_spacing (self->ledger_box, 4);
  gtk_widget_set_hexpand (GTK_WIDGET (self->ledger_box), TRUE);
  gtk_widget_set_focusable (GTK_WIDGET (self->ledger_box), FALSE);
  gtk_box_append (GTK_BOX (ledger_bar), GTK_WIDGET (self->ledger_box));
  gtk_box_append (GTK_BOX (outer), ledger_bar);

  /* Left the page image, right the form. */
  self->image = CIV_PAGE_IMAGE (civ_page_image_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->image), 320, -1);
  gtk_paned_set_start_child (GTK_PANED (paned), GTK_WIDGET (self->image));
  gtk_paned_set_resize_start_child (GTK_PANED (paned), TRUE);
  gtk_paned_set_shrink_start_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_position (GTK_PANED (paned), 560);
  gtk_widget_set_vexpand (paned, TRUE);
  gtk_widget_set_margin_start (GTK_WIDGET (self->image), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->image), 12);

  gtk_widget_set_margin_start (slot_bar, 12);
  gtk_widget_set_margin_end (slot_bar, 12);
  self->slot_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->slot_label), "title-4");
  gtk_box_append (GTK_BOX (slot_bar), GTK_WIDGET (self->slot_label));
  self->slot_state_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->slot_state_label), "dim-label");
  gtk_label_set_wrap (self->slot_state_label, TRUE);
  gtk_label_set_xalign (self->slot_state_label, 0);
  gtk_box_append (GTK_BOX (slot_bar), GTK_WIDGET (self->slot_state_label));
  gtk_box_append (GTK_BOX (right), slot_bar);

  self->form_scroller = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_scrolled_window_set_policy (self->form_scroller, GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (GTK_WIDGET (self->form_scroller), TRUE);
  self->form_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_start (self->form_box, 12);
  gtk_widget_set_margin_end (self->form_box, 12);
  gtk_widget_set_margin_top (self->form_box, 6);
  gtk_widget_set_margin_bottom (self->form_box, 12);
  gtk_scrolled_window_set_child (self->form_scroller, self->form_box);

  gtk_box_append (GTK_BOX (right), GTK_WIDGET (self->form_scroller));
  build_form (self);

  self->field_error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->field_error_label, TRUE);
  gtk_label_set_xalign (self->field_error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->field_error_label), "error");
  gtk_widget_set_margin_start (GTK_WIDGET (self->field_error_label), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->field_error_label), 12);
  gtk_widget_set_visible (GTK_WIDGET (self->field_error_label), FALSE);
  gtk_box_append (GTK_BOX (right), GTK_WIDGET (self->field_error_label));

  self->result_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (self->result_box, 12);
  gtk_widget_set_margin_end (self->result_box, 12);
  self->result_icon = GTK_IMAGE (gtk_image_new ());
  gtk_box_append (GTK_BOX (self->result_box), GTK_WIDGET (self->result_icon));
  self->result_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->result_label, TRUE);
  gtk_label_set_xalign (self->result_label, 0);
  gtk_box_append (GTK_BOX (self->result_box), GTK_WIDGET (self->result_label));
  gtk_widget_set_visible (self->result_box, FALSE);
  gtk_box_append (GTK_BOX (right), self->result_box);

  gtk_widget_set_margin_start (actions, 12);
  gtk_widget_set_margin_end (actions, 12);
  gtk_widget_set_margin_bottom (actions, 12);
  gtk_box_append (GTK_BOX (actions), action_button (_ ("_Mark Entry…"), "workbench.mark", NULL));
  spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_hexpand (spacer, TRUE);
  gtk_box_append (GTK_BOX (actions), spacer);
  button = action_button (_ ("_Previous"), "workbench.previous", NULL);
  gtk_widget_set_tooltip_text (button, _ ("The previous entry (Page Up)"));
  gtk_box_append (GTK_BOX (actions), button);
  button = action_button (_ ("_Save and Next"), "workbench.save-next", "suggested-action");
  gtk_widget_set_tooltip_text (button, _ ("Save the entry and go to the next one (Page Down)"));
  gtk_box_append (GTK_BOX (actions), button);
  gtk_box_append (GTK_BOX (right), actions);
  gtk_paned_set_end_child (GTK_PANED (paned), right);
  gtk_paned_set_resize_end_child (GTK_PANED (paned), TRUE);
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
  gtk_widget_set_size_request (right, 420, -1);
  gtk_box_append (GTK_BOX (outer), paned);

  gtk_stack_add_named (self->stack, outer, "book");
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->stack));
}

static void
civ_archive_workbench_dispose (GObject *object)
{
  CivArchiveWorkbench *self = CIV_ARCHIVE_WORKBENCH (object);

  g_clear_handle_id (&self->check_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->image_cancellable);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (civ_archive_workbench_parent_class)->dispose (object);
}

static void
civ_archive_workbench_finalize (GObject *object)
{
  CivArchiveWorkbench *self = CIV_ARCHIVE_WORKBENCH (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->image_cancellable);
  g_clear_pointer (&self->book, civ_archive_book_free);
  g_clear_pointer (&self->ledger, g_ptr_array_unref);
  g_clear_pointer (&self->started, g_date_time_unref);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_ptr_array_unref (self->finding_rows);
  for (int i = 0; i < CIV_HF_N_FIELDS; i++)
    g_free (self->row_errors[i]);
  g_free (self->next_image);
  G_OBJECT_CLASS (civ_archive_workbench_parent_class)->finalize (object);
}

static void
civ_archive_workbench_class_init (CivArchiveWorkbenchClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civ_archive_workbench_dispose;
  object_class->finalize = civ_archive_workbench_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "workbench.save-next", NULL,
                                   on_save_next_activated);
  gtk_widget_class_install_action (widget_class, "workbench.previous", NULL, on_previous_activated);
  gtk_widget_class_install_action (widget_class, "workbench.next", NULL, on_next_activated);
  gtk_widget_class_install_action (widget_class, "workbench.previous-page", NULL,
                                   on_previous_page_activated);
  gtk_widget_class_install_action (widget_class, "workbench.next-page", NULL,
                                   on_next_page_activated);
  gtk_widget_class_install_action (widget_class, "workbench.mark", NULL, on_mark_activated);
  gtk_widget_class_install_action (widget_class, "workbench.attach-images", NULL,
                                   on_attach_images_activated);
  gtk_widget_class_install_action (widget_class, "workbench.zoom-in", NULL, on_zoom_in_activated);
  gtk_widget_class_install_action (widget_class, "workbench.zoom-out", NULL, on_zoom_out_activated);
  gtk_widget_class_install_action (widget_class, "workbench.fit-width", NULL,
                                   on_fit_width_activated);
  gtk_widget_class_install_action (widget_class, "workbench.rotate", NULL, on_rotate_activated);
}

/* Page Down and Page Up before the scrolled form takes them: a capture-phase
 * shortcut controller on the whole workbench. */
static void
add_shortcut (GtkShortcutController *controller,
              guint                  key,
              GdkModifierType        mods,
              const char            *action)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (key, mods),
                                                          gtk_named_action_new (action)));
}

static void
civ_archive_workbench_init (CivArchiveWorkbench *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  self->finding_rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  self->image_cancellable = g_cancellable_new ();
  self->last_outcome = CIV_SLOT_N_STATES;
  civ_date_today (&self->today);
  build (self);

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller),
                                     GTK_SHORTCUT_SCOPE_LOCAL);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_Page_Down, 0, "workbench.save-next");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_Page_Up, 0, "workbench.previous");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_m, GDK_CONTROL_MASK,
                "workbench.mark");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_plus, GDK_CONTROL_MASK,
                "workbench.zoom-in");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_equal, GDK_CONTROL_MASK,
                "workbench.zoom-in");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                "workbench.zoom-in");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_minus, GDK_CONTROL_MASK,
                "workbench.zoom-out");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                "workbench.zoom-out");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_0, GDK_CONTROL_MASK,
                "workbench.fit-width");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_r, GDK_CONTROL_MASK,
                "workbench.rotate");
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
  update_actions (self);
  show_book (self);
}
