// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-ui-util.h — small helpers shared by the windows and pages */
#pragma once

#include <adwaita.h>

#include "civ-finding.h"
#include "civ-session.h"

G_BEGIN_DECLS

/* Overwrites and frees a string that held a password or recovery code. */
void civ_ui_secret_free (char *secret);

/* Copies an editable's text, then overwrites and empties the editable. */
char *civ_ui_take_editable_text (GtkEditable *editable);

/* Takes the keyboard focus away from @widget's window. Call it before a
 * form turns insensitive: GTK 4.8 sends no focus-out to an entry that
 * merely becomes insensitive, and its cursor would keep blinking. */
void civ_ui_release_focus (GtkWidget *widget);

/* Marks a row (or any widget) as holding an invalid value. */
void civ_ui_set_error_style (GtkWidget *widget, gboolean error);

/* A message for an error from the storage layer, fit for a person at the
 * counter: never reveals whether a user name exists. */
char *civ_ui_describe_error (const GError *error);

/* "2024-05-01 14:03:22" in local time from ISO 8601 UTC. */
char *civ_ui_format_local_time (const char *iso8601);

/* Shows @message in the nearest AdwToastOverlay: the one around @widget,
 * or the one of the window @widget's window is transient for. */
void civ_ui_toast (GtkWidget *widget, const char *message);

/* Live form checks: NULL when the value is fine, else a sentence that
 * says what is wrong. */
char *civ_ui_login_problem (const char *login);
char *civ_ui_display_name_problem (const char *display_name);
char *civ_ui_password_problem (const char *password);
char *civ_ui_confirm_problem (const char *password, const char *confirm);

/* Marks @row when it is filled in but wrong (@problem, which is taken, is
 * not NULL) and keeps the first such message in *@message. TRUE when fine. */
gboolean civ_ui_check_row (AdwEntryRow *row, const char *value, char *problem, char **message);

/* The editable's text without surrounding white space (newly allocated). */
char *civ_ui_stripped_text (AdwEntryRow *row);

/* Shows @message in @label, or hides the label for NULL. */
void civ_ui_show_message (GtkLabel *label, const char *message);

/* While busy: focus released from @owner, @form insensitive, @spinner spinning. */
void civ_ui_set_form_busy (GtkWidget *owner, GtkWidget *form, GtkSpinner *spinner, gboolean busy);

/* Cancels what *@cancellable guards and replaces it with a fresh one. */
void civ_ui_renew_cancellable (GCancellable **cancellable);

/* GTK 4.8 lays a short Chinese tooltip out one character per line ("主\n
 * 菜\n单"): every widget under @root that has a tooltip shows it on one
 * line instead, wrapping only past 40 characters. The application calls
 * it on each of its windows whenever the window maps. */
void civ_ui_fix_tooltips (GtkWidget *root);

/* Destroys @window as soon as @session locks: nothing of a record stays
 * on screen behind the lock (architecture.md §8). */
void civ_ui_close_on_lock (CivSession *session, GtkWindow *window);

/* How a finding of @severity is shown beside a form: its symbolic icon,
 * its word ("Warning") and its style class ("warning"). */
const char *civ_ui_severity_icon (CivSeverity severity);
const char *civ_ui_severity_label (CivSeverity severity);
const char *civ_ui_severity_class (CivSeverity severity);

/* A finding as a row: the rule in plain words, the message, the law, the
 * rule id dim; the severity as an icon and a tag. */
GtkWidget *civ_ui_finding_row_new (const CivFinding *finding);

G_END_DECLS
