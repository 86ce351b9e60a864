// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-archive-page.c — the archivist's page: books, workbench,
 * reconciliation, coverage
 *
 * Every figure comes from the archive service through its worker jobs
 * (civ-archive-tasks.h); the page shows them and gathers input.
 */
#include "civ-archive-page-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "civ-archive-import-dialog.h"
#include "civ-archive-reconcile.h"
#include "civ-archive-tasks.h"
#include "civ-archive-ui.h"
#include "civ-archive-workbench.h"
#include "civ-calendar.h"
#include "civ-page.h"
#include "civ-permissions.h"
#include "civ-ui-util.h"

struct _CivArchivePage
{
  AdwBin parent_instance;

  AdwViewStack        *view_stack;
  GtkSpinner          *spinner;
  GtkStack            *books_stack;
  GtkListBox          *books_list;
  CivArchiveWorkbench *workbench;
  CivArchiveReconcile *reconcile;
  GtkDropDown         *group_dropdown;
  GtkSpinButton       *year_spin;
  GtkGrid             *coverage_grid;
  GtkGrid             *figures_grid;

  CivSession   *session;
  GCancellable *cancellable;
  GPtrArray    *books; /* CivArchiveBook, as listed */
  GPtrArray    *coverage;
  guint         jobs;
  GDate         today;
  guint         reports_written;
  char         *next_report; /* tests: the path Export writes to, without asking */
};

static void civ_archive_page_page_init (CivPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CivArchivePage,
                               civ_archive_page,
                               ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (CIV_TYPE_PAGE, civ_archive_page_page_init))

static void load_books (CivArchivePage *self);
static void load_coverage (CivArchivePage *self);

static void
job_started (CivArchivePage *self)
{
  self->jobs++;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_set_spinning (self->spinner, TRUE);
}

static void
job_done (CivArchivePage *self)
{
  if (self->jobs > 0)
    self->jobs--;
  if (self->jobs == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
      gtk_spinner_set_spinning (self->spinner, FALSE);
    }
}

static void
toast_error (CivArchivePage *self, const GError *error)
{
  g_autofree char *text = civ_ui_describe_error (error);

  civ_ui_toast (GTK_WIDGET (self), text);
}

/* Books ----------------------------------------------------------------------------- */

static char *
book_subtitle (const CivArchiveBook *book)
{
  g_autofree char *years = book->year_from == book->year_to
                             ? g_strdup_printf ("%d", book->year_from)
                             : g_strdup_printf ("%d–%d", book->year_from, book->year_to);
  g_autofree char *size =
    g_strdup_printf (_ ("%d pages × %d entries"), book->pages, book->slots_per_page);
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "%s · %s · %s · %s", years,
                          civ_hist_kind_display_name (book->category), book->office_name, size);
  g_string_append (text, " · ");
  g_string_append (text, book->double_keying ? _ ("double keying") : _ ("keyed once"));
  if (book->closed)
    {
      g_string_append (text, " · ");
      g_string_append (text, _ ("closed"));
    }
  return g_string_free (text, FALSE);
}

static GtkWidget *
book_row_new (const CivArchiveBook *book)
{
  GtkWidget       *row = adw_action_row_new ();
  GtkWidget       *bar = gtk_progress_bar_new ();
  GtkWidget       *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  g_autofree char *title = NULL;
  g_autofree char *subtitle = book_subtitle (book);

  title = *book->title ? g_strdup_printf ("%s · %s", book->archive_no, book->title)
                       : g_strdup (book->archive_no);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  civ_archive_ui_set_coverage (GTK_PROGRESS_BAR (bar), book->n_accounted, book->n_slots);
  gtk_widget_set_size_request (bar, 240, -1);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (bar, "coverage");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static void
show_books (CivArchivePage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->books_list))) != NULL)
    gtk_list_box_remove (self->books_list, child);
  for (guint i = 0; self->books != NULL && i < self->books->len; i++)
    gtk_list_box_append (self->books_list, book_row_new (g_ptr_array_index (self->books, i)));
  gtk_stack_set_visible_child_name (self->books_stack,
                                    self->books != NULL && self->books->len > 0 ? "list" : "empty");
}

static void
on_books_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivArchivePage *self = CIV_ARCHIVE_PAGE (source);
  g_autoptr (GError) error = NULL;
  GPtrArray *books = civ_archive_book_list_finish (self->session, result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  job_done (self);
  if (books == NULL)
    {
      toast_error (self, error);
      return;
    }
  g_clear_pointer (&self->books, g_ptr_array_unref);
  self->books = books;
  show_books (self);
}

static void
load_books (CivArchivePage *self)
{
  if (self->session == NULL)
    return;
  job_started (self);
  civ_archive_book_list_async (self->session, self, self->cancellable, on_books_cb, NULL);
}

static void
open_book (CivArchivePage *self, const char *book_id)
{
  civ_archive_workbench_open_book (self->workbench, book_id);
  adw_view_stack_set_visible_child_name (self->view_stack, "workbench");
}

static void
on_book_activated_cb (CivArchivePage *self, GtkListBoxRow *row)
{
  int             index = gtk_list_box_row_get_index (row);
  CivArchiveBook *book;

  if (self->books == NULL || index < 0 || (guint) index >= self->books->len)
    return;
  book = g_ptr_array_index (self->books, index);
  open_book (self, book->book_id);
}

/* The New Book dialog --------------------------------------------------------------- */

typedef struct
{
  CivArchivePage *self;
  AdwEntryRow    *archive_no;
  AdwEntryRow    *title;
  AdwComboRow    *category;
  GtkSpinButton  *year_from;
  GtkSpinButton  *year_to;
  GtkSpinButton  *pages;
  GtkSpinButton  *slots;
  AdwEntryRow    *office_code;
  AdwEntryRow    *office_name;
  GtkSwitch      *double_keying;
  GtkLabel       *message;
} BookDialog;

static CivArchiveBookInput *
book_dialog_input (BookDialog *bd)
{
  CivArchiveBookInput *input = civ_archive_book_input_new ();
  g_autofree char     *code = civ_ui_stripped_text (bd->office_code);
  g_autofree char     *name = civ_ui_stripped_text (bd->office_name);

  input->archive_no = civ_ui_stripped_text (bd->archive_no);
  input->title = civ_ui_stripped_text (bd->title);
  input->office_code = *code ? g_steal_pointer (&code) : NULL;
  input->office_name = *name ? g_steal_pointer (&name) : NULL;
  input->category = (CivHistKind) adw_combo_row_get_selected (bd->category);
  input->year_from = gtk_spin_button_get_value_as_int (bd->year_from);
  input->year_to = gtk_spin_button_get_value_as_int (bd->year_to);
  input->pages = gtk_spin_button_get_value_as_int (bd->pages);
  input->slots_per_page = gtk_spin_button_get_value_as_int (bd->slots);
  input->double_keying = gtk_switch_get_active (bd->double_keying);
  return input;
}

/* NULL when the book may be created, else what to correct. */
static char *
book_dialog_problem (BookDialog *bd)
{
  g_autoptr (CivArchiveBookInput) input = book_dialog_input (bd);
  gboolean bad_code = FALSE;

  civ_ui_set_error_style (GTK_WIDGET (bd->office_code), FALSE);
  civ_ui_set_error_style (GTK_WIDGET (bd->year_to), FALSE);
  if (input->office_code != NULL)
    {
      bad_code = strlen (input->office_code) != 6;
      for (const char *p = input->office_code; *p; p++)
        bad_code |= !g_ascii_isdigit (*p);
    }
  if (*input->archive_no == '\0')
    return g_strdup (_ ("Enter the book's archive number (档号)"));
  if (g_utf8_strlen (input->archive_no, -1) > 64)
    return g_strdup (_ ("The archive number is longer than 64 characters"));
  if (g_utf8_strlen (input->title, -1) > 200)
    return g_strdup (_ ("The title is longer than 200 characters"));
  if (input->year_to < input->year_from)
    {
      civ_ui_set_error_style (GTK_WIDGET (bd->year_to), TRUE);
      return g_strdup (_ ("The last year comes before the first year"));
    }
  if (bad_code)
    {
      civ_ui_set_error_style (GTK_WIDGET (bd->office_code), TRUE);
      return g_strdup (_ ("The office code has six digits (GB/T 2260); leave it empty for this "
                          "office"));
    }
  return NULL;
}

static void
on_book_dialog_changed_cb (BookDialog *bd)
{
  GtkWidget *dialog = gtk_widget_get_ancestor (GTK_WIDGET (bd->message), ADW_TYPE_MESSAGE_DIALOG);
  g_autofree char *problem = book_dialog_problem (bd);

  civ_ui_show_message (bd->message, problem);
  if (dialog != NULL)
    adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create",
                                             problem == NULL);
}

static void show_book_dialog (CivArchivePage            *self,
                              const CivArchiveBookInput *input,
                              const char                *message);

typedef struct
{
  CivArchivePage      *self;
  CivArchiveBookInput *input;
} Create;

static void
on_book_created_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Create *create = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (CivArchiveBook) book = NULL;
  CivArchivePage *self = CIV_ARCHIVE_PAGE (source);

  book = civ_archive_book_create_finish (self->session, result, &error);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      job_done (self);
      if (book == NULL)
        {
          g_autofree char *text = civ_ui_describe_error (error);
          /* The same dialog again, with what was typed and what is wrong. */
          show_book_dialog (self, create->input, text);
        }
      else
        {
          civ_ui_toast (GTK_WIDGET (self), _ ("Book created"));
          load_books (self);
        }
    }
  civ_archive_book_input_free (create->input);
  g_free (create);
}

static void
on_book_dialog_response_cb (AdwMessageDialog *dialog, const char *response, BookDialog *bd)
{
  CivArchivePage *self = bd->self;
  Create         *create;

  if (g_strcmp0 (response, "create") != 0 || self->session == NULL)
    return;
  create = g_new0 (Create, 1);
  create->self = self;
  create->input = book_dialog_input (bd);
  job_started (self);
  civ_archive_book_create_async (self->session, self, create->input, self->cancellable,
                                 on_book_created_cb, create);
}

static GtkWidget *
spin_row (const char *title, int lower, int upper, int value, GtkSpinButton **out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, 1);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  *out = GTK_SPIN_BUTTON (spin);
  return row;
}

static AdwEntryRow *
entry_row (const char *title, const char *text)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  return row;
}

static void
show_book_dialog (CivArchivePage *self, const CivArchiveBookInput *input, const char *message)
{
  GtkRoot    *root = gtk_widget_get_root (GTK_WIDGET (self));
  BookDialog *bd = g_new0 (BookDialog, 1);
  GtkWidget  *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget  *list = gtk_list_box_new ();
  GtkWidget  *dialog;
  GtkWidget  *switch_row = adw_action_row_new ();
  g_autoptr (GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr (CivArchiveBookInput) fresh = NULL;

  if (input == NULL)
    {
      fresh = civ_archive_book_input_new ();
      fresh->year_from = fresh->year_to = 1985;
      fresh->pages = 100;
      fresh->slots_per_page = 10;
      input = fresh;
    }
  bd->self = self;
  for (int k = 0; k < CIV_HIST_N_KINDS; k++)
    gtk_string_list_append (kinds, civ_hist_kind_display_name (k));
  bd->archive_no = entry_row (_ ("_Archive number (档号)"), input->archive_no);
  bd->title = entry_row (_ ("_Title"), input->title);
  bd->category = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (bd->category), _ ("_Category"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (bd->category), TRUE);
  adw_combo_row_set_model (bd->category, G_LIST_MODEL (kinds));
  adw_combo_row_set_selected (bd->category, input->category);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (bd->archive_no));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (bd->title));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (bd->category));
  gtk_list_box_append (GTK_LIST_BOX (list),
                       spin_row (_ ("_First year"), 1949, 2100, input->year_from, &bd->year_from));
  gtk_list_box_append (GTK_LIST_BOX (list),
                       spin_row (_ ("_Last year"), 1949, 2100, input->year_to, &bd->year_to));
  gtk_list_box_append (GTK_LIST_BOX (list),
                       spin_row (_ ("_Pages"), 1, 5000, input->pages, &bd->pages));
  gtk_list_box_append (GTK_LIST_BOX (list), spin_row (_ ("_Entries per page"), 1, 50,
                                                      input->slots_per_page, &bd->slots));
  bd->office_code = entry_row (_ ("Office c_ode (empty: this office)"), input->office_code);
  bd->office_name = entry_row (_ ("Office na_me (empty: this office)"), input->office_name);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (bd->office_code));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (bd->office_name));
  bd->double_keying = GTK_SWITCH (gtk_switch_new ());
  gtk_switch_set_active (bd->double_keying, input->double_keying);
  gtk_widget_set_valign (GTK_WIDGET (bd->double_keying), GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (switch_row), _ ("_Double keying"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (switch_row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (switch_row),
                               _ ("Two archivists key every entry blind"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (switch_row), GTK_WIDGET (bd->double_keying));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (switch_row),
                                         GTK_WIDGET (bd->double_keying));
  gtk_list_box_append (GTK_LIST_BOX (list), switch_row);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_box_append (GTK_BOX (box), list);
  bd->message = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (bd->message, TRUE);
  gtk_label_set_xalign (bd->message, 0);
  gtk_widget_add_css_class (GTK_WIDGET (bd->message), "error");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (bd->message));

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _ ("New Register Book"),
                                   _ ("A register book or archive volume: its entry slots make "
                                      "up the ledger that proves every entry was looked at."));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_application (GTK_WINDOW (dialog),
                                gtk_window_get_application (GTK_WINDOW (root)));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "create",
                                    _ ("C_reate"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "create",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "create");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "archive_no", bd->archive_no);
  g_object_set_data (G_OBJECT (dialog), "title", bd->title);
  g_object_set_data (G_OBJECT (dialog), "category", bd->category);
  g_object_set_data (G_OBJECT (dialog), "year_from", bd->year_from);
  g_object_set_data (G_OBJECT (dialog), "year_to", bd->year_to);
  g_object_set_data (G_OBJECT (dialog), "pages", bd->pages);
  g_object_set_data (G_OBJECT (dialog), "slots", bd->slots);
  g_object_set_data (G_OBJECT (dialog), "office_code", bd->office_code);
  g_object_set_data (G_OBJECT (dialog), "office_name", bd->office_name);
  g_object_set_data (G_OBJECT (dialog), "double_keying", bd->double_keying);
  g_object_set_data (G_OBJECT (dialog), "message", bd->message);
  g_signal_connect_swapped (bd->archive_no, "changed", G_CALLBACK (on_book_dialog_changed_cb), bd);
  g_signal_connect_swapped (bd->title, "changed", G_CALLBACK (on_book_dialog_changed_cb), bd);
  g_signal_connect_swapped (bd->office_code, "changed", G_CALLBACK (on_book_dialog_changed_cb), bd);
  g_signal_connect_swapped (bd->year_from, "value-changed", G_CALLBACK (on_book_dialog_changed_cb),
                            bd);
  g_signal_connect_swapped (bd->year_to, "value-changed", G_CALLBACK (on_book_dialog_changed_cb),
                            bd);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_book_dialog_response_cb), bd,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  if (self->session != NULL)
    civ_ui_close_on_lock (self->session, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  on_book_dialog_changed_cb (bd);
  if (message != NULL)
    civ_ui_show_message (bd->message, message);
  gtk_widget_grab_focus (GTK_WIDGET (bd->archive_no));
}

static void
on_new_book_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  show_book_dialog (CIV_ARCHIVE_PAGE (widget), NULL, NULL);
}

/* Import ------------------------------------------------------------------------------- */

static void
on_imported_cb (CivArchivePage *self)
{
  load_books (self);
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "coverage") == 0)
    load_coverage (self);
}

static void
on_import_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivArchivePage         *self = CIV_ARCHIVE_PAGE (widget);
  GtkRoot                *root = gtk_widget_get_root (widget);
  CivArchiveImportDialog *dialog;

  if (self->session == NULL)
    return;
  dialog =
    civ_archive_import_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->session);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_imported_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Coverage ----------------------------------------------------------------------------- */

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static GtkWidget *
cell (const char *text, gboolean heading, gboolean number)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), number ? 1 : 0);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  if (number)
    gtk_widget_add_css_class (label, "numeric");
  return label;
}

static GtkWidget *
count_cell (guint64 n)
{
  g_autofree char *text = civ_archive_ui_count (n);

  return cell (text, FALSE, TRUE);
}

static void
show_coverage (CivArchivePage *self)
{
  const char *headings[] = {
    NULL,       _ ("Slots"),   _ ("Entered"),    _ ("Illegible"),  _ ("Blank"),
    _ ("Torn"), _ ("Missing"), _ ("Still open"), _ ("Pages done"), _ ("Coverage")
  };
  guint group = gtk_drop_down_get_selected (self->group_dropdown);
  int   row = 1;

  headings[0] = group == CIV_COVERAGE_BY_YEAR     ? _ ("Year")
                : group == CIV_COVERAGE_BY_OFFICE ? _ ("Office")
                                                  : _ ("Book");
  clear_grid (self->coverage_grid);
  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    gtk_grid_attach (self->coverage_grid, cell (headings[i], TRUE, i > 0 && i < 9), (int) i, 0, 1,
                     1);
  for (guint i = 0; self->coverage != NULL && i < self->coverage->len; i++, row++)
    {
      CivCoverageRow *r = g_ptr_array_index (self->coverage, i);
      GtkWidget      *bar = gtk_progress_bar_new ();
      guint           open =
        r->counts[CIV_SLOT_UNSEEN] + r->counts[CIV_SLOT_KEYED_ONCE] + r->counts[CIV_SLOT_DISPUTED];
      g_autofree char *pages = g_strdup_printf ("%u / %u", r->n_pages_accounted, r->n_pages);

      {
        GtkWidget *label = cell (r->label, FALSE, FALSE);

        /* A long title is shortened; the whole label is its tooltip. */
        gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
        gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
        gtk_widget_set_tooltip_text (label, r->label);
        gtk_grid_attach (self->coverage_grid, label, 0, row, 1, 1);
      }
      gtk_grid_attach (self->coverage_grid, count_cell (r->n_slots), 1, row, 1, 1);
      gtk_grid_attach (self->coverage_grid, count_cell (r->counts[CIV_SLOT_ENTERED]), 2, row, 1, 1);
      gtk_grid_attach (self->coverage_grid, count_cell (r->counts[CIV_SLOT_ILLEGIBLE]), 3, row, 1,
                       1);
      gtk_grid_attach (self->coverage_grid, count_cell (r->counts[CIV_SLOT_BLANK]), 4, row, 1, 1);
      gtk_grid_attach (self->coverage_grid, count_cell (r->counts[CIV_SLOT_TORN]), 5, row, 1, 1);
      gtk_grid_attach (self->coverage_grid, count_cell (r->counts[CIV_SLOT_MISSING]), 6, row, 1, 1);
      gtk_grid_attach (self->coverage_grid, count_cell (open), 7, row, 1, 1);
      gtk_grid_attach (self->coverage_grid, cell (pages, FALSE, TRUE), 8, row, 1, 1);
      civ_archive_ui_set_coverage (GTK_PROGRESS_BAR (bar), r->n_accounted, r->n_slots);
      gtk_widget_set_size_request (bar, 200, -1);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (bar, "coverage");
      gtk_grid_attach (self->coverage_grid, bar, 9, row, 1, 1);
    }
  if (row == 1)
    gtk_grid_attach (self->coverage_grid, cell (_ ("No register books yet"), FALSE, FALSE), 0, 1,
                     10, 1);
}

static void
on_coverage_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivArchivePage *self = CIV_ARCHIVE_PAGE (source);
  g_autoptr (GError) error = NULL;
  GPtrArray *rows = civ_archive_coverage_finish (self->session, result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  job_done (self);
  if (rows == NULL)
    {
      toast_error (self, error);
      return;
    }
  g_clear_pointer (&self->coverage, g_ptr_array_unref);
  self->coverage = rows;
  show_coverage (self);
}

static void
on_figures_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivArchivePage *self = CIV_ARCHIVE_PAGE (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) figures = civ_archive_keyer_figures_finish (self->session, result, &error);
  const char *headings[] = { _ ("Archivist"),        _ ("Entries"),  _ ("Hours"),
                             _ ("Entries per hour"), _ ("Compared"), _ ("Disagreement rate") };

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  job_done (self);
  clear_grid (self->figures_grid);
  if (figures == NULL)
    {
      g_autofree char *text = civ_ui_describe_error (error);
      gtk_grid_attach (self->figures_grid, cell (text, FALSE, FALSE), 0, 0, 1, 1);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    gtk_grid_attach (self->figures_grid, cell (headings[i], TRUE, i > 0), (int) i, 0, 1, 1);
  for (guint i = 0; i < figures->len; i++)
    {
      CivKeyerFigures *f = g_ptr_array_index (figures, i);
      g_autofree char *name = g_strdup_printf ("%s (%s)", f->display_name, f->login);
      g_autofree char *hours = g_strdup_printf ("%.1f", f->hours);
      g_autofree char *per_hour = g_strdup_printf ("%.1f", f->per_hour);
      g_autofree char *rate = g_strdup_printf ("%.1f %%", f->disagreement_rate * 100);

      gtk_grid_attach (self->figures_grid, cell (name, FALSE, FALSE), 0, (int) i + 1, 1, 1);
      gtk_grid_attach (self->figures_grid, count_cell (f->entries), 1, (int) i + 1, 1, 1);
      gtk_grid_attach (self->figures_grid, cell (hours, FALSE, TRUE), 2, (int) i + 1, 1, 1);
      gtk_grid_attach (self->figures_grid, cell (per_hour, FALSE, TRUE), 3, (int) i + 1, 1, 1);
      gtk_grid_attach (self->figures_grid, count_cell (f->compared), 4, (int) i + 1, 1, 1);
      gtk_grid_attach (self->figures_grid, cell (rate, FALSE, TRUE), 5, (int) i + 1, 1, 1);
    }
  if (figures->len == 0)
    gtk_grid_attach (self->figures_grid, cell (_ ("Nobody has keyed an entry yet"), FALSE, FALSE),
                     0, 1, 6, 1);
}

static void
load_coverage (CivArchivePage *self)
{
  if (self->session == NULL)
    return;
  job_started (self);
  civ_archive_coverage_async (self->session, self,
                              (CivCoverageGroup) gtk_drop_down_get_selected (self->group_dropdown),
                              gtk_spin_button_get_value_as_int (self->year_spin), self->cancellable,
                              on_coverage_cb, NULL);
  job_started (self);
  civ_archive_keyer_figures_async (self->session, self, self->cancellable, on_figures_cb, NULL);
}

static void
on_coverage_options_cb (CivArchivePage *self)
{
  load_coverage (self);
}

/* The views ------------------------------------------------------------------------------ */

static void
reload_view (CivArchivePage *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  if (self->session == NULL || civ_session_get_locked (self->session))
    return;
  if (g_strcmp0 (name, "books") == 0)
    load_books (self);
  else if (g_strcmp0 (name, "workbench") == 0)
    civ_archive_workbench_reload (self->workbench);
  else if (g_strcmp0 (name, "reconcile") == 0)
    civ_archive_reconcile_reload (self->reconcile);
  else if (g_strcmp0 (name, "coverage") == 0)
    load_coverage (self);
}

static void
on_view_changed_cb (CivArchivePage *self)
{
  reload_view (self);
}

static void
on_workbench_changed_cb (CivArchivePage *self)
{
  load_books (self);
}

static void
on_reconcile_changed_cb (CivArchivePage *self)
{
  load_books (self);
  civ_archive_workbench_reload (self->workbench);
}

/* CivPage ---------------------------------------------------------------------------------- */

static void
civ_archive_page_set_session (CivPage *page, CivSession *session)
{
  CivArchivePage *self = CIV_ARCHIVE_PAGE (page);

  g_set_object (&self->session, session);
  civ_archive_workbench_set_session (self->workbench, session);
  civ_archive_reconcile_set_session (self->reconcile, session);
}

static void
civ_archive_page_set_today (CivPage *page, const GDate *today)
{
  CivArchivePage *self = CIV_ARCHIVE_PAGE (page);

  self->today = *today;
  civ_archive_workbench_set_today (self->workbench, today);
}

static void
civ_archive_page_reload (CivPage *page)
{
  reload_view (CIV_ARCHIVE_PAGE (page));
}

static void
civ_archive_page_clear (CivPage *page)
{
  CivArchivePage *self = CIV_ARCHIVE_PAGE (page);

  civ_ui_renew_cancellable (&self->cancellable);
  self->jobs = 1;
  job_done (self);
  g_clear_pointer (&self->books, g_ptr_array_unref);
  g_clear_pointer (&self->coverage, g_ptr_array_unref);
  show_books (self);
  clear_grid (self->coverage_grid);
  clear_grid (self->figures_grid);
  civ_archive_workbench_clear (self->workbench);
  civ_archive_reconcile_clear (self->reconcile);
}

/* Test hooks ---------------------------------------------------------------------------------- */

CivArchiveWorkbench *
_civ_archive_page_get_workbench (CivArchivePage *self)
{
  g_return_val_if_fail (CIV_IS_ARCHIVE_PAGE (self), NULL);
  return self->workbench;
}

CivArchiveReconcile *
_civ_archive_page_get_reconcile (CivArchivePage *self)
{
  g_return_val_if_fail (CIV_IS_ARCHIVE_PAGE (self), NULL);
  return self->reconcile;
}

gboolean
_civ_archive_page_is_idle (CivArchivePage *self)
{
  g_return_val_if_fail (CIV_IS_ARCHIVE_PAGE (self), FALSE);
  return self->jobs == 0;
}

GPtrArray *
_civ_archive_page_get_books (CivArchivePage *self)
{
  g_return_val_if_fail (CIV_IS_ARCHIVE_PAGE (self), NULL);
  return self->books;
}

GPtrArray *
_civ_archive_page_get_coverage (CivArchivePage *self)
{
  g_return_val_if_fail (CIV_IS_ARCHIVE_PAGE (self), NULL);
  return self->coverage;
}

void
_civ_archive_page_show_view (CivArchivePage *self, const char *name)
{
  g_return_if_fail (CIV_IS_ARCHIVE_PAGE (self));
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

void
_civ_archive_page_open_book (CivArchivePage *self, const char *book)
{
  g_return_if_fail (CIV_IS_ARCHIVE_PAGE (self));
  open_book (self, book);
}

GtkWidget *
_civ_archive_page_get_book_row (CivArchivePage *self, guint index)
{
  g_return_val_if_fail (CIV_IS_ARCHIVE_PAGE (self), NULL);
  return GTK_WIDGET (gtk_list_box_get_row_at_index (self->books_list, (int) index));
}

/* Building ------------------------------------------------------------------------------------ */

static void
civ_archive_page_dispose (GObject *object)
{
  CivArchivePage *self = CIV_ARCHIVE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CIV_TYPE_ARCHIVE_PAGE);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (civ_archive_page_parent_class)->dispose (object);
}

/* The coverage report ------------------------------------------------------------------ */

static void
on_report_written_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivArchivePage *self = CIV_ARCHIVE_PAGE (source);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = user_data;

  if (!civ_archive_coverage_report_finish (self->session, result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  job_done (self);
  self->reports_written += error == NULL;
  if (error != NULL)
    toast_error (self, error);
  else
    {
      g_autofree char *text = g_strdup_printf (_ ("Coverage report saved as %s"), path);
      civ_ui_toast (GTK_WIDGET (self), text);
    }
}

static void
write_report (CivArchivePage *self, const char *path)
{
  gboolean pdf = g_str_has_suffix (path, ".pdf") || g_str_has_suffix (path, ".PDF");

  job_started (self);
  civ_archive_coverage_report_async (self->session, self,
                                     gtk_spin_button_get_value_as_int (self->year_spin), path, pdf,
                                     self->cancellable, on_report_written_cb, g_strdup (path));
}

static void
on_report_response_cb (GtkNativeDialog *chooser, int response, CivArchivePage *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->session != NULL)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        write_report (self, path);
    }
  g_object_unref (chooser);
}

static void
on_export_report_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivArchivePage       *self = CIV_ARCHIVE_PAGE (widget);
  GtkRoot              *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  g_autoptr (GtkFileFilter) pdf = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) csv = gtk_file_filter_new ();

  if (self->session == NULL)
    return;
  if (self->next_report != NULL)
    {
      g_autofree char *path = g_steal_pointer (&self->next_report);
      write_report (self, path);
      return;
    }
  chooser = gtk_file_chooser_native_new (_ ("Export the Coverage Report"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Save"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (pdf, _ ("PDF document (to print and sign)"));
  gtk_file_filter_add_suffix (pdf, "pdf");
  gtk_file_filter_set_name (csv, _ ("CSV spreadsheet"));
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), pdf);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  /* TRANSLATORS: the coverage report's default file name. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _ ("coverage-report.pdf"));
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_report_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
civ_archive_page_finalize (GObject *object)
{
  CivArchivePage *self = CIV_ARCHIVE_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->books, g_ptr_array_unref);
  g_clear_pointer (&self->coverage, g_ptr_array_unref);
  g_free (self->next_report);
  G_OBJECT_CLASS (civ_archive_page_parent_class)->finalize (object);
}

static void
civ_archive_page_class_init (CivArchivePageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civ_archive_page_dispose;
  object_class->finalize = civ_archive_page_finalize;

  g_type_ensure (CIV_TYPE_ARCHIVE_WORKBENCH);
  g_type_ensure (CIV_TYPE_ARCHIVE_RECONCILE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/civreg/Civreg/ui/civ-archive-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CivArchivePage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CivArchivePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CivArchivePage, books_stack);
  gtk_widget_class_bind_template_child (widget_class, CivArchivePage, books_list);
  gtk_widget_class_bind_template_child (widget_class, CivArchivePage, workbench);
  gtk_widget_class_bind_template_child (widget_class, CivArchivePage, reconcile);
  gtk_widget_class_bind_template_child (widget_class, CivArchivePage, group_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CivArchivePage, year_spin);
  gtk_widget_class_bind_template_child (widget_class, CivArchivePage, coverage_grid);
  gtk_widget_class_bind_template_child (widget_class, CivArchivePage, figures_grid);
  gtk_widget_class_bind_template_callback (widget_class, on_view_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_book_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_workbench_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reconcile_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_coverage_options_cb);

  gtk_widget_class_install_action (widget_class, "archive.new-book", NULL, on_new_book_activated);
  gtk_widget_class_install_action (widget_class, "archive.import", NULL, on_import_activated);
  gtk_widget_class_install_action (widget_class, "archive.export-report", NULL,
                                   on_export_report_activated);
}

static void
civ_archive_page_page_init (CivPageInterface *iface)
{
  iface->id = "archive";
  iface->title = N_ ("Archive");
  iface->icon_name = "accessories-dictionary-symbolic";
  iface->permission = CIV_PERM_ARCHIVE_KEY;
  iface->set_session = civ_archive_page_set_session;
  iface->set_today = civ_archive_page_set_today;
  iface->reload = civ_archive_page_reload;
  iface->clear = civ_archive_page_clear;
}

static void
civ_archive_page_init (CivArchivePage *self)
{
  g_autoptr (GtkStringList) groups = NULL;

  self->cancellable = g_cancellable_new ();
  civ_date_today (&self->today);
  gtk_widget_init_template (GTK_WIDGET (self));
  groups =
    gtk_string_list_new ((const char *[]){ _ ("By book"), _ ("By year"), _ ("By office"), NULL });
  g_signal_handlers_block_by_func (self->group_dropdown, on_coverage_options_cb, self);
  gtk_drop_down_set_model (self->group_dropdown, G_LIST_MODEL (groups));
  g_signal_handlers_unblock_by_func (self->group_dropdown, on_coverage_options_cb, self);
  show_books (self);
}

void
_civ_archive_page_export_report (CivArchivePage *self, const char *path)
{
  g_free (self->next_report);
  self->next_report = g_strdup (path);
  gtk_widget_activate_action (GTK_WIDGET (self), "archive.export-report", NULL);
}

guint
_civ_archive_page_get_reports_written (CivArchivePage *self)
{
  return self->reports_written;
}
