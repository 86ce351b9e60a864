// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-form.h — the rows a counter's form is built of, keyboard first
 *
 * A CivForm remembers its widgets by name (the page reads them back, a
 * test finds them) and calls the page back when any field changes (for the
 * live findings). Enter in an entry moves on to the next field. The adoption
 * and funeral pages build their forms with it.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef struct _CivForm CivForm;

/* @changed (@data) runs when a field changes; @owner is the widget whose
 * root gets the focus moves. Neither is owned. */
CivForm *civ_form_new (GtkWidget *owner, void (*changed) (gpointer data), gpointer data);
void     civ_form_free (CivForm *form);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CivForm, civ_form_free)

void     civ_form_name (CivForm *form, const char *name, gpointer widget);
/* The widget named @name shown now, or NULL. */
gpointer civ_form_get (CivForm *form, const char *name);
/* Forgets the names of the widgets under @root (about to be destroyed). */
void     civ_form_forget_under (CivForm *form, GtkWidget *root);

GtkWidget   *civ_form_group_new (const char *title, const char *description);
AdwEntryRow *civ_form_add_entry (CivForm    *form,
                                 GtkWidget  *group,
                                 const char *name,
                                 const char *title);
/* An entry with an apply button that is not a field of the form: no change
 * is reported, Enter and the button are the caller's ("apply",
 * "entry-activated"). */
AdwEntryRow *civ_form_add_command_entry (CivForm    *form,
                                         GtkWidget  *group,
                                         const char *name,
                                         const char *title);
GtkSwitch   *civ_form_add_switch (CivForm    *form,
                                  GtkWidget  *group,
                                  const char *name,
                                  const char *title,
                                  const char *subtitle,
                                  gboolean    active);
/* Takes @labels. */
AdwComboRow *civ_form_add_combo (
  CivForm *form, GtkWidget *group, const char *name, const char *title, GtkStringList *labels);
GtkSpinButton *civ_form_add_spin (CivForm    *form,
                                  GtkWidget  *group,
                                  const char *name,
                                  const char *title,
                                  const char *subtitle,
                                  double      max);
GtkWidget     *civ_form_button_new (CivForm    *form,
                                    const char *name,
                                    const char *label,
                                    gboolean    suggested);
/* A row titled @title with @button as its suffix. */
void           civ_form_add_button_row (GtkWidget *group, const char *title, GtkWidget *button);
/* A read-only row: @title over @value. */
GtkWidget     *civ_form_info_row (GtkWidget *group, const char *title, const char *value);
/* A page's top line: a message label (hidden until civ_ui_show_message ())
 * and a spinner (hidden), with the page's margins. */
GtkWidget     *civ_form_message_bar (GtkLabel **message, GtkSpinner **spinner);
/* @child in a clamp in a scrolled window, the page's margins around it. */
GtkWidget     *civ_form_scrolled (GtkWidget *child);

/* The row's text, stripped (free it). */
char    *civ_form_entry_text (AdwEntryRow *row);
/* TRUE when the row holds a YYYY-MM-DD day that exists; *@out cleared otherwise. */
gboolean civ_form_entry_date (AdwEntryRow *row, GDate *out);
void     civ_form_set_entry (AdwEntryRow *row, const char *text);

/* Asks for a PDF, JPEG or PNG file to attach, in a file chooser over
 * @owner's window; @chosen (@owner, path) runs once one is chosen. @owner is
 * kept alive while the chooser is open. */
void civ_form_choose_document (GtkWidget *owner,
                               void (*chosen) (GtkWidget *owner, const char *path));

/* The sexes a form offers (male, female) and the words of a GB/T 2261.1 code. */
GtkStringList *civ_form_sex_labels (void);
int            civ_form_selected_sex (AdwComboRow *row);
const char    *civ_form_sex_text (int sex);

G_END_DECLS
