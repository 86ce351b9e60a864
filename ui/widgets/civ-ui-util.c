// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-ui-util.c — small helpers shared by the windows and pages */
#include "civ-ui-util.h"

#include <glib/gi18n.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-citations.h"
#include "civ-users-service.h"

void
civ_ui_secret_free (char *secret)
{
  if (secret == NULL)
    return;
  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

char *
civ_ui_take_editable_text (GtkEditable *editable)
{
  char *text = g_strdup (gtk_editable_get_text (editable));

  gtk_editable_set_text (editable, "");
  return text;
}

void
civ_ui_release_focus (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (GTK_IS_WINDOW (root))
    gtk_window_set_focus (GTK_WINDOW (root), NULL);
}

void
civ_ui_set_error_style (GtkWidget *widget, gboolean error)
{
  if (error)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
}

char *
civ_ui_describe_error (const GError *error)
{
  if (error == NULL)
    return g_strdup (_ ("Something went wrong."));
  switch (civ_app_error_classify (error))
    {
    case CIV_FAILURE_WRONG_CREDENTIALS:
      return g_strdup (_ ("Wrong user name or password."));
    case CIV_FAILURE_OPERATOR_DISABLED:
      return g_strdup (_ ("This user account is disabled. Ask a supervisor for help."));
    case CIV_FAILURE_NOT_ENCRYPTED:
      return g_strdup (_ ("Civreg was built without database encryption and refuses to open "
                          "the office. Ask your technical support for help."));
    case CIV_FAILURE_OTHER:
    default:
      return g_strdup (error->message);
    }
}

char *
civ_ui_format_local_time (const char *iso8601)
{
  g_autoptr (GDateTime) utc = NULL;
  g_autoptr (GDateTime) local = NULL;

  if (iso8601 == NULL)
    return g_strdup ("");
  utc = g_date_time_new_from_iso8601 (iso8601, NULL);
  if (utc == NULL)
    return g_strdup (iso8601);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

static AdwToastOverlay *
find_overlay (GtkWidget *widget)
{
  GtkWidget *found = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  GtkRoot   *root;
  GtkWindow *parent;
  GtkWidget *content = NULL;

  if (found != NULL)
    return ADW_TOAST_OVERLAY (found);
  root = gtk_widget_get_root (widget);
  if (!GTK_IS_WINDOW (root))
    return NULL;
  parent = gtk_window_get_transient_for (GTK_WINDOW (root));
  if (ADW_IS_APPLICATION_WINDOW (parent))
    content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (parent));
  else if (ADW_IS_WINDOW (parent))
    content = adw_window_get_content (ADW_WINDOW (parent));
  return ADW_IS_TOAST_OVERLAY (content) ? ADW_TOAST_OVERLAY (content) : NULL;
}

void
civ_ui_toast (GtkWidget *widget, const char *message)
{
  AdwToastOverlay *overlay = find_overlay (widget);
  AdwToast        *toast;
  g_autofree char *escaped = NULL;

  if (overlay == NULL)
    return;
  /* A toast's title is Pango markup; messages may quote user input. */
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (overlay, toast);
}

void
civ_ui_renew_cancellable (GCancellable **cancellable)
{
  if (*cancellable != NULL)
    g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
  *cancellable = g_cancellable_new ();
}

char *
civ_ui_login_problem (const char *login)
{
  if (civ_users_login_is_valid (login))
    return NULL;
  return g_strdup (_ ("A user name has 2 to 32 characters: lower-case letters, digits, "
                      "“.”, “_” or “-”, and starts with a letter."));
}

char *
civ_ui_display_name_problem (const char *display_name)
{
  glong len = g_utf8_strlen (display_name, -1);

  if (len < 1)
    return g_strdup (_ ("Enter the person's full name."));
  if (len > 64)
    return g_strdup (_ ("A full name has at most 64 characters."));
  return NULL;
}

char *
civ_ui_password_problem (const char *password)
{
  guint min = civ_users_min_password_length ();

  if (g_utf8_strlen (password, -1) >= (glong) min)
    return NULL;
  return g_strdup_printf (ngettext ("The password needs at least %d character.",
                                    "The password needs at least %d characters.", min),
                          (int) min);
}

char *
civ_ui_confirm_problem (const char *password, const char *confirm)
{
  if (g_strcmp0 (password, confirm) == 0)
    return NULL;
  return g_strdup (_ ("The two passwords do not match."));
}

gboolean
civ_ui_check_row (AdwEntryRow *row, const char *value, char *problem, char **message)
{
  gboolean bad = problem != NULL;

  civ_ui_set_error_style (GTK_WIDGET (row), bad && *value);
  if (bad && *value && *message == NULL)
    *message = g_steal_pointer (&problem);
  g_free (problem);
  return !bad;
}

char *
civ_ui_stripped_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

void
civ_ui_show_message (GtkLabel *label, const char *message)
{
  gtk_label_set_label (label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

void
civ_ui_set_form_busy (GtkWidget *owner, GtkWidget *form, GtkSpinner *spinner, gboolean busy)
{
  if (busy)
    civ_ui_release_focus (owner);
  gtk_widget_set_sensitive (form, !busy);
  gtk_widget_set_visible (GTK_WIDGET (spinner), busy);
  gtk_spinner_set_spinning (spinner, busy);
}

static void
on_locked_close_cb (CivSession *session, GParamSpec *pspec, GtkWindow *window)
{
  if (civ_session_get_locked (session))
    gtk_window_destroy (window);
}

void
civ_ui_close_on_lock (CivSession *session, GtkWindow *window)
{
  g_return_if_fail (CIV_IS_SESSION (session) && GTK_IS_WINDOW (window));

  g_signal_connect_object (session, "notify::locked", G_CALLBACK (on_locked_close_cb), window, 0);
}

static gboolean
on_query_tooltip_cb (
  GtkWidget *widget, int x, int y, gboolean keyboard_mode, GtkTooltip *tooltip, gpointer user_data)
{
  const char *text = gtk_widget_get_tooltip_text (widget);
  GtkWidget  *label;

  if (text == NULL || *text == '\0')
    return FALSE;
  label = gtk_label_new (text);
  /* One line as long as it reads well; wrapped at words past that. */
  gtk_label_set_wrap (GTK_LABEL (label), g_utf8_strlen (text, -1) > 40);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_label_set_width_chars (GTK_LABEL (label), MIN (g_utf8_strlen (text, -1), 40));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_tooltip_set_custom (tooltip, label);
  return TRUE;
}

static void
fix_tooltip (GtkWidget *widget)
{
  if (g_object_get_data (G_OBJECT (widget), "civ-tooltip-fixed") != NULL)
    return;
  g_object_set_data (G_OBJECT (widget), "civ-tooltip-fixed", GINT_TO_POINTER (TRUE));
  g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
}

void
civ_ui_fix_tooltips (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (gtk_widget_get_has_tooltip (root))
    fix_tooltip (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    civ_ui_fix_tooltips (child);
}

const char *
civ_ui_severity_icon (CivSeverity severity)
{
  switch (severity)
    {
    case CIV_SEVERITY_REFUSE:
      return "dialog-error-symbolic";
    case CIV_SEVERITY_WARN:
      return "dialog-warning-symbolic";
    case CIV_SEVERITY_INFO:
    case CIV_SEVERITY_NONE:
    default:
      return "dialog-information-symbolic";
    }
}

const char *
civ_ui_severity_label (CivSeverity severity)
{
  switch (severity)
    {
    case CIV_SEVERITY_REFUSE:
      return _ ("Refuses");
    case CIV_SEVERITY_WARN:
      return _ ("Warning");
    case CIV_SEVERITY_INFO:
    case CIV_SEVERITY_NONE:
    default:
      return _ ("Note");
    }
}

const char *
civ_ui_severity_class (CivSeverity severity)
{
  switch (severity)
    {
    case CIV_SEVERITY_REFUSE:
      return "error";
    case CIV_SEVERITY_WARN:
      return "warning";
    case CIV_SEVERITY_INFO:
    case CIV_SEVERITY_NONE:
    default:
      return "dim-label";
    }
}

GtkWidget *
civ_ui_finding_row_new (const CivFinding *f)
{
  GtkWidget       *row = adw_action_row_new ();
  const char      *summary = civ_rule_summary (f->rule);
  g_autofree char *title = g_markup_escape_text (summary ? summary : f->message, -1);
  g_autofree char *message = g_markup_escape_text (f->message, -1);
  g_autofree char *citation = g_markup_escape_text (f->citation ? f->citation : "", -1);
  g_autofree char *rule = g_markup_escape_text (f->rule, -1);
  g_autofree char *subtitle = NULL;
  GtkWidget       *icon;
  GtkWidget       *tag;

  subtitle = g_strdup_printf ("%s%s%s%s<span alpha=\"55%%\">%s</span>", summary ? message : "",
                              summary ? "\n" : "", citation, *citation ? " · " : "", rule);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), TRUE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  icon = gtk_image_new_from_icon_name (civ_ui_severity_icon (f->severity));
  gtk_widget_add_css_class (icon, civ_ui_severity_class (f->severity));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  tag = gtk_label_new (civ_ui_severity_label (f->severity));
  gtk_widget_add_css_class (tag, civ_ui_severity_class (f->severity));
  gtk_widget_add_css_class (tag, "caption-heading");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
  g_object_set_data_full (G_OBJECT (row), "civ-rule", g_strdup (f->rule), g_free);
  return row;
}
