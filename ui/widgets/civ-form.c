// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-form.c — the rows a counter's form is built of (civ-form.h) */
#include "civ-form.h"

#include <glib/gi18n.h>

#include "civ-calendar.h"
#include "civ-idnumber.h"
#include "civ-ui-util.h"

struct _CivForm
{
  GtkWidget  *owner;
  GHashTable *widgets; /* name → widget (not owned) */
  void (*changed) (gpointer data);
  gpointer data;
};

CivForm *
civ_form_new (GtkWidget *owner, void (*changed) (gpointer data), gpointer data)
{
  CivForm *form = g_new0 (CivForm, 1);

  form->owner = owner;
  form->widgets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  form->changed = changed;
  form->data = data;
  return form;
}

void
civ_form_free (CivForm *form)
{
  if (form == NULL)
    return;
  g_hash_table_unref (form->widgets);
  g_free (form);
}

void
civ_form_name (CivForm *form, const char *name, gpointer widget)
{
  g_hash_table_replace (form->widgets, g_strdup (name), widget);
}

gpointer
civ_form_get (CivForm *form, const char *name)
{
  return g_hash_table_lookup (form->widgets, name);
}

void
civ_form_forget_under (CivForm *form, GtkWidget *root)
{
  GHashTableIter iter;
  gpointer       widget;

  g_hash_table_iter_init (&iter, form->widgets);
  while (g_hash_table_iter_next (&iter, NULL, &widget))
    if (widget == root || gtk_widget_is_ancestor (widget, root))
      g_hash_table_iter_remove (&iter);
}

GtkWidget *
civ_form_group_new (const char *title, const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  return group;
}

static void
on_changed_cb (CivForm *form)
{
  if (form->changed != NULL)
    form->changed (form->data);
}

/* Keyboard first: Enter moves on to the next field. */
static void
on_entry_activated_cb (CivForm *form)
{
  GtkRoot *root = gtk_widget_get_root (form->owner);

  if (root != NULL)
    gtk_widget_child_focus (GTK_WIDGET (root), GTK_DIR_TAB_FORWARD);
}

AdwEntryRow *
civ_form_add_entry (CivForm *form, GtkWidget *group, const char *name, const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (on_changed_cb), form);
  g_signal_connect_swapped (row, "entry-activated", G_CALLBACK (on_entry_activated_cb), form);
  civ_form_name (form, name, row);
  return ADW_ENTRY_ROW (row);
}

AdwEntryRow *
civ_form_add_command_entry (CivForm *form, GtkWidget *group, const char *name, const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  civ_form_name (form, name, row);
  return ADW_ENTRY_ROW (row);
}

GtkSwitch *
civ_form_add_switch (CivForm    *form,
                     GtkWidget  *group,
                     const char *name,
                     const char *title,
                     const char *subtitle,
                     gboolean    active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *sw = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_switch_set_active (GTK_SWITCH (sw), active);
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_signal_connect_swapped (sw, "notify::active", G_CALLBACK (on_changed_cb), form);
  civ_form_name (form, name, sw);
  return GTK_SWITCH (sw);
}

AdwComboRow *
civ_form_add_combo (
  CivForm *form, GtkWidget *group, const char *name, const char *title, GtkStringList *labels)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  g_object_unref (labels);
  /* The choice as the row's subtitle, which wraps: long legal wordings
   * never widen the page. */
  adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (row), TRUE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (on_changed_cb), form);
  civ_form_name (form, name, row);
  return ADW_COMBO_ROW (row);
}

GtkSpinButton *
civ_form_add_spin (CivForm    *form,
                   GtkWidget  *group,
                   const char *name,
                   const char *title,
                   const char *subtitle,
                   double      max)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, max, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (on_changed_cb), form);
  civ_form_name (form, name, spin);
  return GTK_SPIN_BUTTON (spin);
}

GtkWidget *
civ_form_button_new (CivForm *form, const char *name, const char *label, gboolean suggested)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  civ_form_name (form, name, button);
  return button;
}

void
civ_form_add_button_row (GtkWidget *group, const char *title, GtkWidget *button)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

GtkWidget *
civ_form_info_row (GtkWidget *group, const char *title, const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value ? value : "");
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

GtkWidget *
civ_form_message_bar (GtkLabel **message, GtkSpinner **spinner)
{
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  *spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_visible (GTK_WIDGET (*spinner), FALSE);
  *message = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (*message, TRUE);
  gtk_label_set_xalign (*message, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (*message), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (*message), FALSE);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (*message));
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (*spinner));
  gtk_widget_set_margin_start (top, 12);
  gtk_widget_set_margin_end (top, 12);
  gtk_widget_set_margin_top (top, 6);
  return top;
}

GtkWidget *
civ_form_scrolled (GtkWidget *child)
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

char *
civ_form_entry_text (AdwEntryRow *row)
{
  return civ_ui_stripped_text (row);
}

gboolean
civ_form_entry_date (AdwEntryRow *row, GDate *out)
{
  g_autofree char *text = civ_form_entry_text (row);

  g_date_clear (out, 1);
  return *text != '\0' && civ_date_parse_iso (text, out);
}

void
civ_form_set_entry (AdwEntryRow *row, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

typedef void (*ChosenFunc) (GtkWidget *owner, const char *path);

static void
on_chooser_response_cb (GtkNativeDialog *chooser, int response, GtkWidget *owner)
{
  ChosenFunc chosen = g_object_get_data (G_OBJECT (chooser), "civ-chosen");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        chosen (owner, path);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (owner);
}

void
civ_form_choose_document (GtkWidget *owner, void (*chosen) (GtkWidget *owner, const char *path))
{
  GtkRoot              *root = gtk_widget_get_root (owner);
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_ ("Attach a Document"),
                                 GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Attach"), _ ("_Cancel"));
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _ ("PDF files and pictures"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data (G_OBJECT (chooser), "civ-chosen", chosen);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), g_object_ref (owner));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

GtkStringList *
civ_form_sex_labels (void)
{
  const char *labels[] = { C_ ("sex", "Male"), C_ ("sex", "Female"), NULL };

  return gtk_string_list_new (labels);
}

int
civ_form_selected_sex (AdwComboRow *row)
{
  return adw_combo_row_get_selected (row) == 1 ? CIV_SEX_FEMALE : CIV_SEX_MALE;
}

const char *
civ_form_sex_text (int sex)
{
  switch (sex)
    {
    case CIV_SEX_MALE:
      return C_ ("sex", "Male");
    case CIV_SEX_FEMALE:
      return C_ ("sex", "Female");
    default:
      return "";
    }
}
