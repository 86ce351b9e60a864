// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-search-page.c — finding registrations */
#include "civ-search-page-private.h"

#include <glib/gi18n.h>

#include "civ-page.h"
#include "civ-record-view.h"
#include "civ-search-results.h"
#include "civ-ui-util.h"

struct _CivSearchPage
{
  AdwBin parent_instance;

  GtkSearchEntry     *entry;
  GtkEntry           *from_entry;
  GtkEntry           *to_entry;
  GtkSpinner         *spinner;
  GtkLabel           *summary_label;
  GtkStack           *stack;
  AdwStatusPage      *empty_page;
  AdwStatusPage      *error_page;
  GtkColumnView      *column_view;
  GtkSingleSelection *selection;

  CivSession         *session;
  CivRecordListModel *model;
  CivSearchQuery     *query;
  GCancellable       *cancellable;
  guint               rows_created;
  gboolean            searching; /* until the query is handed to the model */
};

static void civ_search_page_page_init (CivPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CivSearchPage,
                               civ_search_page,
                               ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (CIV_TYPE_PAGE, civ_search_page_page_init))

static const char *
kind_description (CivSearchKind kind)
{
  switch (kind)
    {
    case CIV_SEARCH_KIND_ALL:
      return _ ("every registration");
    case CIV_SEARCH_KIND_ID_NUMBER:
      return _ ("identity number");
    case CIV_SEARCH_KIND_CERTIFICATE:
      return _ ("certificate number");
    case CIV_SEARCH_KIND_NAME:
      return _ ("name");
    case CIV_SEARCH_KIND_PINYIN:
      return _ ("pinyin or initials");
    case CIV_SEARCH_KIND_FULL_PINYIN:
      return _ ("full pinyin");
    case CIV_SEARCH_KIND_INITIALS:
      return _ ("pinyin initials");
    case CIV_SEARCH_KIND_DATE:
      return _ ("registration date");
    case CIV_SEARCH_KIND_AUTO:
    default:
      return "";
    }
}

/* Cells: made in setup, filled in bind and again when the placeholder item
 * is filled in place. The parties cell is a grid of two lines, name and
 * identity number each; the party the search matched is in bold with the
 * accent colour. Widths are fixed (the content never moves the columns). */
typedef enum
{
  COLUMN_CERTIFICATE,
  COLUMN_PARTIES,
  COLUMN_DATE,
  COLUMN_STATE,
} Column;

static const struct
{
  int      width;
  gboolean expand;
} column_layout[] = {
  [COLUMN_CERTIFICATE] = { 190, FALSE },
  [COLUMN_PARTIES] = { 300, FALSE },
  [COLUMN_DATE] = { 130, FALSE },
  [COLUMN_STATE] = { 160, TRUE },
};

static void
set_party_line (GtkGrid *grid, int line, const char *name, const char *id, gboolean matched)
{
  GtkLabel *name_label = GTK_LABEL (gtk_grid_get_child_at (grid, 0, line));
  GtkLabel *id_label = GTK_LABEL (gtk_grid_get_child_at (grid, 1, line));

  gtk_label_set_text (name_label, name ? name : "");
  /* Translators: a party recorded without an identity number. */
  gtk_label_set_text (id_label, id ? id : _ ("no ID number"));
  if (matched)
    {
      gtk_widget_add_css_class (GTK_WIDGET (name_label), "heading");
      gtk_widget_add_css_class (GTK_WIDGET (name_label), "accent");
      gtk_widget_add_css_class (GTK_WIDGET (id_label), "accent");
      gtk_widget_remove_css_class (GTK_WIDGET (id_label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (name_label), "heading");
      gtk_widget_remove_css_class (GTK_WIDGET (name_label), "accent");
      gtk_widget_remove_css_class (GTK_WIDGET (id_label), "accent");
      gtk_widget_add_css_class (GTK_WIDGET (id_label), "dim-label");
    }
}

static void
update_cell (GtkListItem *list_item)
{
  CivRecordItem *item = gtk_list_item_get_item (list_item);
  GtkWidget     *child = gtk_list_item_get_child (list_item);
  Column         column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (list_item), "civ-column"));
  const char    *text = NULL;

  if (column == COLUMN_PARTIES)
    {
      gboolean         loaded = item != NULL && civ_record_item_get_loaded (item);
      CivSearchParties matched = loaded ? civ_record_item_get_matched_parties (item) : 0;

      set_party_line (GTK_GRID (child), 0, loaded ? civ_record_item_get_name_a (item) : "…",
                      loaded ? civ_record_item_get_id_number_a (item) : "",
                      (matched & CIV_SEARCH_PARTY_A) != 0);
      set_party_line (GTK_GRID (child), 1, loaded ? civ_record_item_get_name_b (item) : "",
                      loaded ? civ_record_item_get_id_number_b (item) : "",
                      (matched & CIV_SEARCH_PARTY_B) != 0);
      return;
    }
  if (item == NULL || !civ_record_item_get_loaded (item))
    {
      gtk_label_set_text (GTK_LABEL (child), "…");
      return;
    }
  switch (column)
    {
    case COLUMN_CERTIFICATE:
      text = civ_record_item_get_certificate_no (item) ? civ_record_item_get_certificate_no (item)
                                                       : _ ("none");
      if (civ_record_item_get_matched_field (item) == CIV_SEARCH_FIELD_CERTIFICATE)
        {
          gtk_widget_add_css_class (child, "heading");
          gtk_widget_add_css_class (child, "accent");
        }
      else
        {
          gtk_widget_remove_css_class (child, "heading");
          gtk_widget_remove_css_class (child, "accent");
        }
      break;
    case COLUMN_DATE:
      text = civ_record_item_get_registration_date (item);
      break;
    case COLUMN_STATE:
    case COLUMN_PARTIES:
    default:
      text = civ_record_state_label (civ_record_item_get_state (item));
      break;
    }
  gtk_label_set_text (GTK_LABEL (child), text ? text : "");
}

static void
on_item_loaded_cb (CivRecordItem *item, GParamSpec *pspec, GtkListItem *list_item)
{
  update_cell (list_item);
}

static GtkWidget *
cell_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  return label;
}

static void
on_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, CivSearchPage *self)
{
  Column     column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "civ-column"));
  GtkWidget *child;

  if (column == COLUMN_PARTIES)
    {
      child = gtk_grid_new ();
      gtk_grid_set_column_spacing (GTK_GRID (child), 12);
      for (int line = 0; line < 2; line++)
        {
          GtkWidget *name = cell_label ();
          GtkWidget *id = cell_label ();

          /* The names line up, and so do the numbers. */
          gtk_label_set_width_chars (GTK_LABEL (name), 8);
          gtk_label_set_max_width_chars (GTK_LABEL (name), 8);
          gtk_label_set_selectable (GTK_LABEL (id), FALSE);
          gtk_widget_add_css_class (id, "monospace");
          gtk_grid_attach (GTK_GRID (child), name, 0, line, 1, 1);
          gtk_grid_attach (GTK_GRID (child), id, 1, line, 1, 1);
        }
    }
  else
    {
      child = cell_label ();
      if (column == COLUMN_CERTIFICATE)
        gtk_widget_add_css_class (child, "monospace");
    }
  gtk_list_item_set_child (list_item, child);
  g_object_set_data (G_OBJECT (list_item), "civ-column", GINT_TO_POINTER (column));
  self->rows_created++;
}

static void
on_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, CivSearchPage *self)
{
  CivRecordItem *item = gtk_list_item_get_item (list_item);
  gulong         handler =
    g_signal_connect (item, "notify::loaded", G_CALLBACK (on_item_loaded_cb), list_item);

  g_object_set_data (G_OBJECT (list_item), "civ-handler", GSIZE_TO_POINTER (handler));
  update_cell (list_item);
}

static void
on_unbind_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, CivSearchPage *self)
{
  CivRecordItem *item = gtk_list_item_get_item (list_item);
  gulong handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (list_item), "civ-handler"));

  if (item != NULL && handler != 0)
    g_signal_handler_disconnect (item, handler);
  g_object_set_data (G_OBJECT (list_item), "civ-handler", NULL);
}

static void
add_column (CivSearchPage *self, Column column, const char *title)
{
  GtkListItemFactory  *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *c;

  g_object_set_data (G_OBJECT (factory), "civ-column", GINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind_cb), self);
  c = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_fixed_width (c, column_layout[column].width);
  gtk_column_view_column_set_expand (c, column_layout[column].expand);
  gtk_column_view_column_set_resizable (c, TRUE);
  gtk_column_view_append_column (self->column_view, c);
  g_object_unref (c);
}

static void
update_state (CivSearchPage *self)
{
  guint    n = self->model ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
  gboolean loading =
    self->searching || (self->model && civ_record_list_model_get_loading (self->model));
  const char *error = self->model ? civ_record_list_model_get_error_message (self->model) : NULL;

  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  if (self->query == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "start");
      gtk_label_set_text (self->summary_label, "");
      return;
    }
  if (error != NULL && n == 0)
    {
      adw_status_page_set_description (self->error_page, error);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  else if (n == 0 && !loading)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->stack, "results");

  /* The rows shown are still the previous query's. */
  if (self->searching)
    return;
  if (!loading || n > 0)
    {
      g_autofree char *count = NULL;
      g_autofree char *summary = NULL;

      if (loading)
        /* Translators: %u rows shown while the rest of the result is read. */
        count = g_strdup_printf (_ ("First %u registrations"), n);
      else
        count = g_strdup_printf (ngettext ("%u registration", "%u registrations", n), n);
      /* Translators: "12 registrations · by name": how the search text was read. */
      summary = g_strdup_printf (_ ("%1$s · by %2$s"), count,
                                 kind_description (civ_search_query_get_kind (self->query)));
      gtk_label_set_text (self->summary_label, summary);
    }
}

static void
on_model_changed_cb (CivSearchPage *self)
{
  update_state (self);
}

static void
drop_model (CivSearchPage *self)
{
  gtk_single_selection_set_model (self->selection, NULL);
  if (self->model)
    {
      g_signal_handlers_disconnect_by_data (self->model, self);
      civ_record_list_model_set_query (self->model, NULL);
    }
  g_clear_object (&self->model);
}

static void
on_db_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivSearchPage *self = CIV_SEARCH_PAGE (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (CivRecordListModel) model = NULL;

  model = civ_search_results_finish (self->session, result, self->model, &error);
  /* A search replaced by a newer one (its cancellable renewed) leaves the
   * page to the newer one: it must not say the page is idle. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (model == NULL)
    {
      g_autofree char *message = civ_ui_describe_error (error);

      self->searching = FALSE;
      update_state (self);
      adw_status_page_set_description (self->error_page, message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  self->searching = FALSE;
  if (self->query == NULL)
    {
      update_state (self);
      return;
    }
  /* A new model when the store holds another database (after an unlock). */
  if (self->model != model)
    {
      drop_model (self);
      self->model = g_steal_pointer (&model);
      g_signal_connect_swapped (self->model, "items-changed", G_CALLBACK (on_model_changed_cb),
                                self);
      g_signal_connect_swapped (self->model, "notify::loading", G_CALLBACK (on_model_changed_cb),
                                self);
      g_signal_connect_swapped (self->model, "notify::error-message",
                                G_CALLBACK (on_model_changed_cb), self);
      gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->model));
    }
  civ_record_list_model_set_query (self->model, self->query);
  update_state (self);
}

static char *
entry_date (GtkEntry *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  return *text ? g_steal_pointer (&text) : NULL;
}

static void
run_search (CivSearchPage *self, const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivSearchQuery) query = NULL;
  g_autofree char *from = entry_date (self->from_entry);
  g_autofree char *to = entry_date (self->to_entry);

  if (self->session == NULL || civ_session_get_locked (self->session))
    return;
  query = civ_search_query_new (text, CIV_SEARCH_KIND_AUTO, &error);
  if (query != NULL && (from || to) && !civ_search_query_set_date_range (query, from, to, &error))
    g_clear_pointer (&query, civ_search_query_unref);
  if (query == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      gtk_label_set_text (self->summary_label, "");
      return;
    }
  g_clear_pointer (&self->query, civ_search_query_unref);
  self->query = g_steal_pointer (&query);
  civ_ui_renew_cancellable (&self->cancellable);
  self->searching = TRUE;
  update_state (self);
  civ_search_results_async (self->session, self, self->cancellable, on_db_cb, NULL);
}

static void
on_entry_activate_cb (CivSearchPage *self)
{
  run_search (self, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
  if (gtk_stack_get_visible_child_name (self->stack) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

/* Down from the entry moves into the results. */
static gboolean
on_entry_key_pressed_cb (GtkEventControllerKey *controller,
                         guint                  keyval,
                         guint                  keycode,
                         GdkModifierType        state,
                         CivSearchPage         *self)
{
  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down) && self->model != NULL &&
      g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self->column_view), "list.scroll-to-item", "u", 0);
      gtk_widget_child_focus (GTK_WIDGET (self->column_view), GTK_DIR_TAB_FORWARD);
      return TRUE;
    }
  return FALSE;
}

static void
on_column_view_activate_cb (CivSearchPage *self, guint position)
{
  g_autoptr (CivRecordItem) item = NULL;

  if (self->model == NULL)
    return;
  item = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  if (item == NULL || !civ_record_item_get_loaded (item) ||
      civ_record_item_get_record_id (item) == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-record", "s",
                              civ_record_item_get_record_id (item));
}

static GtkWidget *
labelled (const char *mnemonic, GtkWidget *widget)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), widget);
  return box;
}

static void
civ_search_page_dispose (GObject *object)
{
  CivSearchPage *self = CIV_SEARCH_PAGE (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->model)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  g_clear_pointer (&self->query, civ_search_query_unref);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (civ_search_page_parent_class)->dispose (object);
}

static void
civ_search_page_class_init (CivSearchPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = civ_search_page_dispose;
}

static void
civ_search_page_init (CivSearchPage *self)
{
  GtkWidget          *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget          *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget          *scrolled = gtk_scrolled_window_new ();
  GtkWidget          *start = adw_status_page_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->cancellable = g_cancellable_new ();

  self->entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->entry), TRUE);
  /* Short enough to show whole in the entry's width at 1366 px. */
  g_object_set (self->entry, "placeholder-text",
                _ ("ID number, certificate number, name or pinyin"), NULL);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->entry), 28);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Search registrations"), -1);
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (on_entry_activate_cb), self);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_entry_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);

  self->from_entry = GTK_ENTRY (gtk_entry_new ());
  self->to_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->from_entry, _ ("YYYY-MM-DD"));
  gtk_entry_set_placeholder_text (self->to_entry, _ ("YYYY-MM-DD"));
  gtk_editable_set_width_chars (GTK_EDITABLE (self->from_entry), 11);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->to_entry), 11);
  g_signal_connect_swapped (self->from_entry, "activate", G_CALLBACK (on_entry_activate_cb), self);
  g_signal_connect_swapped (self->to_entry, "activate", G_CALLBACK (on_entry_activate_cb), self);
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Searching"), -1);

  gtk_box_append (GTK_BOX (bar), labelled (_ ("_Search:"), GTK_WIDGET (self->entry)));
  gtk_widget_set_hexpand (gtk_widget_get_parent (GTK_WIDGET (self->entry)), TRUE);
  gtk_box_append (GTK_BOX (bar), labelled (_ ("_From:"), GTK_WIDGET (self->from_entry)));
  gtk_box_append (GTK_BOX (bar), labelled (_ ("_To:"), GTK_WIDGET (self->to_entry)));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->spinner));
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 12);
  gtk_widget_set_margin_bottom (bar, 6);
  gtk_box_append (GTK_BOX (box), bar);

  self->summary_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->summary_label, 0);
  gtk_widget_set_margin_start (GTK_WIDGET (self->summary_label), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->summary_label), 6);
  gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->summary_label));

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  self->column_view =
    GTK_COLUMN_VIEW (gtk_column_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection))));
  gtk_column_view_set_show_row_separators (self->column_view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->column_view), "data-table");
  add_column (self, COLUMN_CERTIFICATE, _ ("Certificate No."));
  /* Translators: the column of both parties' names and identity numbers. */
  add_column (self, COLUMN_PARTIES, _ ("Parties and ID Numbers"));
  add_column (self, COLUMN_DATE, _ ("Registration Date"));
  add_column (self, COLUMN_STATE, _ ("State"));
  g_signal_connect_swapped (self->column_view, "activate", G_CALLBACK (on_column_view_activate_cb),
                            self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->column_view));
  /* A narrow window scrolls the fixed columns rather than folding. */
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_AUTOMATIC);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (start), "system-search-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (start), _ ("Search Registrations"));
  adw_status_page_set_description (
    ADW_STATUS_PAGE (start),
    _ ("Type an identity number (18 or 15 digits), a certificate number, a name, its pinyin or "
       "initials, or a date (YYYY, YYYY-MM, FROM..TO), then press Enter. An empty search lists "
       "every registration, newest first."));
  self->empty_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
  adw_status_page_set_title (self->empty_page, _ ("No Results"));
  adw_status_page_set_description (self->empty_page,
                                   _ ("No current registration matches the search."));
  self->error_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->error_page, "dialog-warning-symbolic");
  adw_status_page_set_title (self->error_page, _ ("Cannot Search"));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, start, "start");
  gtk_stack_add_named (self->stack, scrolled, "results");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->empty_page), "empty");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->error_page), "error");
  gtk_stack_set_visible_child_name (self->stack, "start");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));

  adw_bin_set_child (ADW_BIN (self), box);
}

GtkWidget *
civ_search_page_new (void)
{
  return g_object_new (CIV_TYPE_SEARCH_PAGE, NULL);
}

static void
civ_search_page_set_session (CivPage *page, CivSession *session)
{
  CivSearchPage *self = CIV_SEARCH_PAGE (page);

  g_set_object (&self->session, session);
}

void
civ_search_page_focus_entry (CivSearchPage *self)
{
  g_return_if_fail (CIV_IS_SEARCH_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

/* Empties the results and the entry (the workstation locks). */
static void
civ_search_page_clear (CivPage *page)
{
  CivSearchPage *self = CIV_SEARCH_PAGE (page);

  civ_ui_renew_cancellable (&self->cancellable);
  self->searching = FALSE;
  drop_model (self);
  g_clear_pointer (&self->query, civ_search_query_unref);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), "");
  update_state (self);
}

/* Runs the search again (a registration may have been written). */
static void
civ_search_page_reload (CivPage *page)
{
  CivSearchPage *self = CIV_SEARCH_PAGE (page);

  if (self->query == NULL || self->session == NULL)
    return;
  civ_ui_renew_cancellable (&self->cancellable);
  self->searching = TRUE;
  update_state (self);
  civ_search_results_async (self->session, self, self->cancellable, on_db_cb, NULL);
}

static void
civ_search_page_page_init (CivPageInterface *iface)
{
  iface->id = "search";
  iface->title = N_ ("Search");
  iface->icon_name = "system-search-symbolic";
  iface->permission = CIV_PERM_REGISTER_MARRIAGE;
  iface->set_session = civ_search_page_set_session;
  iface->clear = civ_search_page_clear;
  iface->reload = civ_search_page_reload;
}

void
_civ_search_page_search (CivSearchPage *self, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  on_entry_activate_cb (self);
}

CivRecordListModel *
_civ_search_page_get_model (CivSearchPage *self)
{
  return self->model;
}

GtkSearchEntry *
_civ_search_page_get_entry (CivSearchPage *self)
{
  return self->entry;
}

GtkColumnView *
_civ_search_page_get_column_view (CivSearchPage *self)
{
  return self->column_view;
}

guint
_civ_search_page_get_rows_created (CivSearchPage *self)
{
  return self->rows_created;
}

gboolean
_civ_search_page_is_busy (CivSearchPage *self)
{
  return self->searching || (self->model && civ_record_list_model_get_loading (self->model));
}

const char *
_civ_search_page_get_state (CivSearchPage *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}
