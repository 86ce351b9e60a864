// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-marriage-page.c — registering or refusing a marriage at the counter
 *
 * Every edit restarts a short pause; then the couple is checked on the
 * worker (civ_marriage_preview) and every finding is listed in plain words
 * with the law it applies (its citation); the rule id only in a dim line,
 * for support. Register is offered only when no finding refuses, Refuse only when one
 * does; both re-check on the worker before writing, so what is stored is
 * what the registrar saw.
 */
#include "civ-marriage-page-private.h"

#include <glib/gi18n.h>

#include "civ-app-error.h"
#include "civ-citations.h"
#include "civ-blank-dialog.h"
#include "civ-document-list.h"
#include "civ-marriage-online.h"
#include "civ-card-default.h"
#include "civ-marriage-service.h"
#include "civ-page.h"
#include "civ-party-panel.h"
#include "civ-permissions.h"
#include "civ-marriage-desk.h"
#include "civ-print-job.h"
#include "civ-print.h"
#include "civ-record-query.h"
#include "civ-refdata.h"
#include "civ-report.h"
#include "civ-ui-util.h"

#define CHECK_DELAY_MS 300
/* How long the online marital-status check (联网核对) may take per party. */
/* How long the live preview reuses the province's answer for a person; a
 * registration or refusal always asks afresh. */
#define ONLINE_PREVIEW_TTL_US (2 * G_TIME_SPAN_MINUTE)

struct _CivMarriagePage
{
  AdwBin parent_instance;

  GtkScrolledWindow   *scroller;
  GtkWidget           *form_box;
  CivPartyPanel       *party_a;
  CivPartyPanel       *party_b;
  AdwEntryRow         *date_row;
  AdwEntryRow         *remarks_row;
  CivDocumentList     *documents;
  GtkSwitch           *household_switch;
  GtkSwitch           *designated_switch;
  GtkLabel            *date_message_label;
  AdwPreferencesGroup *checks_group;
  GtkSpinner          *checks_spinner;
  AdwActionRow        *verdict_row;
  GtkImage            *verdict_icon;
  AdwPreferencesGroup *result_group;
  AdwActionRow        *result_row;
  GtkImage            *result_icon;
  GtkWidget           *print_notice_button;
  GtkWidget           *print_extract_button;
  GtkWidget           *print_certificate_button;
  GtkWidget           *new_button;
  GtkWidget           *action_box;
  GtkSpinner          *spinner;
  GtkWidget           *refuse_button;
  GtkWidget           *register_button;

  CivSession      *session;
  GCancellable    *cancellable;
  GCancellable    *check_cancellable;
  CivMarriageDesk *desk; /* the division table and the province's answers */
  GDate            today;
  guint            check_source;
  guint            generation;
  GPtrArray       *findings;     /* of the current check, or NULL */
  GPtrArray       *finding_rows; /* owned by the group */
  char            *record_id;    /* after registering or refusing */
  char            *certificate_no;
  char            *export_filename;
  gboolean         busy;
  CivCardReader   *reader; /* the counter's ID-card reader, or NULL */
};

static void civ_marriage_page_page_init (CivPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CivMarriagePage,
                               civ_marriage_page,
                               ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (CIV_TYPE_PAGE, civ_marriage_page_page_init))

static gboolean
parse_date_row (CivMarriagePage *self, GDate *date)
{
  g_autofree char *text = civ_ui_stripped_text (self->date_row);

  return civ_date_parse_iso (text, date);
}

/* The form as the services take it: the strings point into the widgets
 * (civ_marriage_check_async () copies them at once) and into @remarks. */
static void
fill_input (CivMarriagePage *self, CivMarriageInput *input, char **remarks)
{
  CivPartyPanel *panels[2] = { self->party_a, self->party_b };

  civ_marriage_input_init (input);
  for (guint i = 0; i < 2; i++)
    civ_party_panel_get_input (panels[i], &input->party[i]);
  parse_date_row (self, &input->registration_date);
  *remarks = civ_ui_stripped_text (self->remarks_row);
  input->remarks = *remarks;
  input->household_jurisdiction = gtk_switch_get_active (self->household_switch);
  input->office_designated = gtk_switch_get_active (self->designated_switch);
  /* Until the province has answered (civ-marriage-desk.h). */
  input->status_source = CIV_STATUS_SOURCE_LOCAL_ONLY;
}

static gboolean
is_done (CivMarriagePage *self)
{
  return self->record_id != NULL;
}

static void
update_buttons (CivMarriagePage *self)
{
  gboolean current = self->findings != NULL && !self->busy && !is_done (self);
  gboolean may = current && civ_marriage_may_register (self->findings);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "marriage.register", may);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "marriage.refuse", current && !may);
}

static void
remove_finding_rows (CivMarriagePage *self)
{
  for (guint i = 0; i < self->finding_rows->len; i++)
    adw_preferences_group_remove (self->checks_group, g_ptr_array_index (self->finding_rows, i));
  g_ptr_array_set_size (self->finding_rows, 0);
}

static void
set_verdict (CivMarriagePage *self, const char *icon, const char *css, const char *text)
{
  gtk_image_set_from_icon_name (self->verdict_icon, icon);
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_icon), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_icon), "success");
  if (css)
    gtk_widget_add_css_class (GTK_WIDGET (self->verdict_icon), css);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->verdict_row), text);
}

/* A finding as a person reads it: the rule in plain words as the title; the
 * message, then the law (the citation) and, dim, the rule id for support. */
static GtkWidget *
finding_row_new (const CivFinding *f)
{
  GtkWidget       *row = adw_action_row_new ();
  const char      *summary = civ_rule_summary (f->rule);
  g_autofree char *title = g_markup_escape_text (summary ? summary : f->message, -1);
  g_autofree char *message = g_markup_escape_text (f->message, -1);
  g_autofree char *citation = g_markup_escape_text (f->citation ? f->citation : "", -1);
  g_autofree char *rule = g_markup_escape_text (f->rule, -1);
  g_autofree char *subtitle = NULL;

  /* Under a title that is the message itself, only the law and the rule. */
  subtitle = g_strdup_printf ("%s%s%s%s<span alpha=\"55%%\">%s</span>", summary ? message : "",
                              summary ? "\n" : "", citation, *citation ? " · " : "", rule);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), TRUE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  /* For the tests and for support: which rule the row shows. */
  g_object_set_data_full (G_OBJECT (row), "civ-rule", g_strdup (f->rule), g_free);
  return row;
}

/* Refusing findings first, then warnings, then notes. */
static void
show_findings (CivMarriagePage *self, GPtrArray *findings)
{
  guint n_refuse = 0;

  remove_finding_rows (self);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  if (findings == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->verdict_row), TRUE);
      set_verdict (self, "dialog-information-symbolic", NULL,
                   _ ("Enter both parties to see the checks"));
      update_buttons (self);
      return;
    }
  self->findings = g_ptr_array_ref (findings);
  for (int severity = CIV_SEVERITY_REFUSE; severity >= CIV_SEVERITY_INFO; severity--)
    for (guint i = 0; i < findings->len; i++)
      {
        CivFinding *f = g_ptr_array_index (findings, i);
        GtkWidget  *row;
        GtkWidget  *icon;
        GtkWidget  *tag;

        if ((int) f->severity != severity)
          continue;
        n_refuse += f->severity == CIV_SEVERITY_REFUSE;
        row = finding_row_new (f);
        icon = gtk_image_new_from_icon_name (civ_ui_severity_icon (f->severity));
        gtk_widget_add_css_class (icon, civ_ui_severity_class (f->severity));
        adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
        tag = gtk_label_new (civ_ui_severity_label (f->severity));
        gtk_widget_add_css_class (tag, civ_ui_severity_class (f->severity));
        gtk_widget_add_css_class (tag, "caption-heading");
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
        adw_preferences_group_add (self->checks_group, row);
        g_ptr_array_add (self->finding_rows, row);
      }
  /* Once registered or refused, the page says so in its result: no "may be
   * registered" line any more. */
  gtk_widget_set_visible (GTK_WIDGET (self->verdict_row), !is_done (self));
  if (n_refuse > 0)
    {
      g_autofree char *text =
        g_strdup_printf (ngettext ("%u finding refuses the registration",
                                   "%u findings refuse the registration", n_refuse),
                         n_refuse);
      set_verdict (self, "dialog-error-symbolic", "error", text);
    }
  else
    set_verdict (self, "emblem-ok-symbolic", "success",
                 _ ("No finding refuses: the marriage may be registered"));
  update_buttons (self);
}

static void
set_checking (CivMarriagePage *self, gboolean checking)
{
  gtk_widget_set_visible (GTK_WIDGET (self->checks_spinner), checking);
  gtk_spinner_set_spinning (self->checks_spinner, checking);
}

static void
on_check_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivMarriagePage *self = CIV_MARRIAGE_PAGE (source);
  guint            generation = GPOINTER_TO_UINT (user_data);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) findings = NULL;

  findings = civ_marriage_check_finish (self->session, result, &error);
  if (findings == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          generation != self->generation)
        return;
      set_checking (self, FALSE);
      if (!civ_session_get_locked (self->session))
        {
          g_autofree char *message = civ_ui_describe_error (error);
          set_verdict (self, "dialog-error-symbolic", "error", message);
        }
      return;
    }
  if (generation != self->generation)
    return;
  set_checking (self, FALSE);
  show_findings (self, findings);
}

static gboolean
form_is_complete (CivMarriagePage *self)
{
  GDate date;

  return civ_party_panel_is_filled (self->party_a) && civ_party_panel_is_filled (self->party_b) &&
         parse_date_row (self, &date);
}

static void
run_check (CivMarriagePage *self)
{
  CivMarriageInput input;
  g_autofree char *remarks = NULL;

  g_clear_handle_id (&self->check_source, g_source_remove);
  self->generation++;
  civ_ui_renew_cancellable (&self->check_cancellable);
  if (self->session == NULL || civ_session_get_locked (self->session) || is_done (self) ||
      !form_is_complete (self))
    {
      set_checking (self, FALSE);
      show_findings (self, NULL);
      return;
    }
  set_checking (self, TRUE);
  fill_input (self, &input, &remarks);
  civ_marriage_check_async (self->session, self->desk, self, &input, self->check_cancellable,
                            on_check_done_cb, GUINT_TO_POINTER (self->generation));
}

static gboolean
on_check_timeout_cb (gpointer user_data)
{
  CivMarriagePage *self = CIV_MARRIAGE_PAGE (user_data);

  self->check_source = 0;
  run_check (self);
  return G_SOURCE_REMOVE;
}

static void
on_form_changed_cb (CivMarriagePage *self)
{
  if (is_done (self))
    return;
  /* What is listed no longer matches the form: nothing may be written
   * until the checks have run again. */
  self->generation++;
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  update_buttons (self);
  g_clear_handle_id (&self->check_source, g_source_remove);
  self->check_source = g_timeout_add (CHECK_DELAY_MS, on_check_timeout_cb, self);
}

static void
on_date_row_changed_cb (CivMarriagePage *self)
{
  g_autofree char *text = civ_ui_stripped_text (self->date_row);
  GDate            date;
  gboolean         ok = civ_date_parse_iso (text, &date);

  civ_ui_set_error_style (GTK_WIDGET (self->date_row), !ok && *text);
  civ_ui_show_message (self->date_message_label,
                       ok || !*text ? NULL
                                    : _ ("Enter the registration date as YYYY-MM-DD, for "
                                         "example 2026-05-20."));
  civ_party_panel_set_event_date (self->party_a, ok ? &date : NULL);
  civ_party_panel_set_event_date (self->party_b, ok ? &date : NULL);
  on_form_changed_cb (self);
}

/* Enter moves on to the next field. */
static void
on_row_entry_activated_cb (CivMarriagePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (root != NULL)
    gtk_widget_child_focus (GTK_WIDGET (root), GTK_DIR_TAB_FORWARD);
}

static void
set_busy (CivMarriagePage *self, gboolean busy)
{
  self->busy = busy;
  civ_ui_set_form_busy (GTK_WIDGET (self), self->form_box, self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->documents), !busy);
  update_buttons (self);
}

static void
show_result (CivMarriagePage *self, CivMarriageResult *written, const char *names)
{
  gboolean registered = written->registered;

  g_free (self->record_id);
  self->record_id = g_strdup (written->record_id);
  g_free (self->certificate_no);
  self->certificate_no = g_strdup (written->certificate_no);

  gtk_widget_set_sensitive (self->form_box, FALSE);
  gtk_widget_set_visible (self->action_box, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->result_group), TRUE);
  gtk_image_set_from_icon_name (self->result_icon,
                                registered ? "emblem-ok-symbolic" : "dialog-error-symbolic");
  gtk_widget_remove_css_class (GTK_WIDGET (self->result_icon), registered ? "error" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->result_icon), registered ? "success" : "error");
  if (registered)
    {
      /* Translators: %s is the certificate number (字号). */
      g_autofree char *title = g_strdup_printf (_ ("Registered: %s"), written->certificate_no);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->result_row), title);
    }
  else
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->result_row),
                                   _ ("Refused: the reasons are stored with the record"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->result_row), names);
  gtk_widget_set_visible (self->print_certificate_button, registered);
  gtk_widget_set_visible (self->print_notice_button, !registered);
  /* The files brought to the counter are now stored with the record. */
  civ_document_list_set_record (self->documents, written->record_id);
  show_findings (self, written->findings);
  gtk_widget_grab_focus (registered ? self->print_certificate_button : self->print_notice_button);
}

static void
on_write_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivMarriagePage *self = CIV_MARRIAGE_PAGE (source);
  g_autofree char *names = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (CivMarriageResult) written = NULL;
  g_autofree char *message = NULL;

  written = civ_marriage_decide_finish (self->session, result, &error);
  if (written == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      message = civ_ui_describe_error (error);
      civ_ui_toast (GTK_WIDGET (self), message);
      run_check (self);
      return;
    }
  set_busy (self, FALSE);
  show_result (self, written, names);
  /* A new report for the province: the header bar's indicator sends it. */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.reports-changed", NULL);
  if (written->registered)
    /* Translators: %s is the certificate number (字号). */
    message = g_strdup_printf (_ ("Marriage registered: %s"), written->certificate_no);
  else
    message = g_strdup (_ ("The refusal and its reasons were stored"));
  civ_ui_toast (GTK_WIDGET (self), message);
}

static char *
couple_names (CivMarriagePage *self)
{
  CivMarriagePartyInput a, b;

  civ_party_panel_get_input (self->party_a, &a);
  civ_party_panel_get_input (self->party_b, &b);
  /* Translators: the two parties of a marriage. */
  return g_strdup_printf (_ ("%1$s and %2$s"), a.name, b.name);
}

static void
start_write (CivMarriagePage *self, gboolean refuse)
{
  CivMarriageInput input;
  g_autofree char *remarks = NULL;
  char            *names;

  if (self->session == NULL || self->busy || self->findings == NULL || is_done (self))
    return;
  set_busy (self, TRUE);
  /* Before the input: reading the panels again replaces their strings. */
  names = couple_names (self);
  fill_input (self, &input, &remarks);
  /* The documents are stored in the same transaction as the registration
   * or the refusal. */
  civ_marriage_decide_async (self->session, self->desk, self, &input,
                             civ_document_list_dup_pending (self->documents),
                             refuse ? CIV_MARRIAGE_DECISION_REFUSE : CIV_MARRIAGE_DECISION_REGISTER,
                             self->cancellable, on_write_done_cb, names);
}

static void
on_register_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivMarriagePage *self = CIV_MARRIAGE_PAGE (widget);

  if (self->findings == NULL || !civ_marriage_may_register (self->findings))
    return;
  start_write (self, FALSE);
}

static void
on_refuse_dialog_response_cb (AdwMessageDialog *dialog, const char *response, CivMarriagePage *self)
{
  if (g_strcmp0 (response, "refuse") == 0)
    start_write (self, TRUE);
}

static GtkWindow *
parent_window (CivMarriagePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static AdwMessageDialog *
new_dialog (CivMarriagePage *self, const char *heading)
{
  GtkWindow        *parent = parent_window (self);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, NULL));

  /* Part of the application, so locking closes it. */
  if (parent)
    gtk_window_set_application (GTK_WINDOW (dialog), gtk_window_get_application (parent));
  return dialog;
}

static void
on_refuse_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivMarriagePage  *self = CIV_MARRIAGE_PAGE (widget);
  AdwMessageDialog *dialog;
  g_autoptr (GString) body = g_string_new (NULL);

  if (self->findings == NULL || civ_marriage_may_register (self->findings))
    return;
  for (guint i = 0; i < self->findings->len; i++)
    {
      CivFinding *f = g_ptr_array_index (self->findings, i);
      if (f->severity == CIV_SEVERITY_REFUSE)
        g_string_append_printf (body, "• %s\n", f->message);
      if (f->severity == CIV_SEVERITY_REFUSE && f->citation != NULL)
        /* Translators: the law a reason of a refusal applies, under it. */
        g_string_append_printf (body, _ ("  (%s)\n"), f->citation);
    }
  g_string_append (body, _ ("\nThe refusal is stored with these reasons, and a refusal notice "
                            "(不予登记告知书) can be printed for the couple."));
  dialog = new_dialog (self, _ ("Refuse the Registration?"));
  adw_message_dialog_set_body (dialog, body->str);
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "refuse", _ ("_Refuse"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "refuse", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_refuse_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Printing (civ-print-job.h): the record as stored, then the document. */
static GtkPrintOperation *
build_print (CivPrintJob *job, CivPrintable *loaded, gpointer user_data, char **problem)
{
  CivPrintKind kind = GPOINTER_TO_INT (user_data);
  g_autoptr (GtkPrintOperation) operation = NULL;
  g_autoptr (GError) error = NULL;

  operation = civ_print_operation_new (kind, g_steal_pointer (&loaded->record),
                                       civ_print_job_get_settings (job));
  /* The couple's photo stored with the record goes in its box (R-N3). */
  if (kind == CIV_PRINT_CERTIFICATE && !civ_print_set_photo (operation, loaded->photo, &error))
    {
      *problem = g_strdup_printf (_ ("The couple's photo cannot be printed: %s"), error->message);
      return NULL;
    }
  return g_steal_pointer (&operation);
}

static void
start_print (CivMarriagePage *self, CivPrintKind kind, const char *const *serials)
{
  g_autoptr (CivPrintJob) job = NULL;

  if (self->session == NULL || self->record_id == NULL)
    return;
  job = civ_print_job_new (GTK_WIDGET (self), self->session, self->cancellable);
  civ_print_job_set_source (job, civ_print_source_new_marriage (self->record_id));
  civ_print_job_set_build (job, build_print, GINT_TO_POINTER (kind), NULL);
  if (kind == CIV_PRINT_CERTIFICATE)
    /* R-N3: the blanks' serials are recorded once it went out. */
    civ_print_job_set_blanks (job, self->certificate_no, serials);
  civ_print_job_set_export (job, self->export_filename, NULL);
  civ_print_job_start (job);
}

static void
on_print_notice_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  start_print (CIV_MARRIAGE_PAGE (widget), CIV_PRINT_REFUSAL_NOTICE, NULL);
}

static void
on_print_extract_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  start_print (CIV_MARRIAGE_PAGE (widget), CIV_PRINT_EXTRACT, NULL);
}

static void
on_blank_dialog_print_cb (CivBlankDialog *dialog, char **serials, CivMarriagePage *self)
{
  /* The page may have moved on to a new couple meanwhile. */
  if (g_strcmp0 (civ_blank_dialog_get_certificate_no (dialog), self->certificate_no) == 0)
    start_print (self, CIV_PRINT_CERTIFICATE, (const char *const *) serials);
}

/* R-N3: two copies, one per spouse as holder, each on its own blank whose
 * pre-printed serial (NO.) is recorded with the print. */
static void
on_print_certificate_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivMarriagePage      *self = CIV_MARRIAGE_PAGE (widget);
  CivMarriagePartyInput a, b;
  g_autofree char      *holder_a = NULL;
  g_autofree char      *holder_b = NULL;
  const char           *holders[3];
  CivBlankDialog       *dialog;

  if (self->certificate_no == NULL || self->session == NULL)
    return;
  /* The copies come out in the record's order of the spouses. */
  civ_party_panel_get_input (self->party_a, &a);
  civ_party_panel_get_input (self->party_b, &b);
  holder_a = g_strstrip (g_strdup (a.name ? a.name : ""));
  holder_b = g_strstrip (g_strdup (b.name ? b.name : ""));
  holders[0] = holder_a;
  holders[1] = holder_b;
  holders[2] = NULL;
  dialog = civ_blank_dialog_new (parent_window (self), self->session, self->certificate_no, holders,
                                 _ ("Print the Certificate"), NULL);
  g_signal_connect_object (dialog, "print", G_CALLBACK (on_blank_dialog_print_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
reset_form (CivMarriagePage *self)
{
  g_autofree char *today = civ_date_format_iso (&self->today);

  g_clear_handle_id (&self->check_source, g_source_remove);
  g_cancellable_cancel (self->check_cancellable);
  civ_marriage_desk_forget_answers (self->desk);
  g_clear_pointer (&self->record_id, g_free);
  g_clear_pointer (&self->certificate_no, g_free);
  civ_party_panel_clear (self->party_a);
  civ_party_panel_clear (self->party_b);
  gtk_editable_set_text (GTK_EDITABLE (self->remarks_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
  gtk_switch_set_active (self->household_switch, FALSE);
  gtk_switch_set_active (self->designated_switch, FALSE);
  /* A new couple starts without documents. */
  civ_document_list_set_record (self->documents, NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->documents), !self->busy);
  g_clear_handle_id (&self->check_source, g_source_remove);
  self->generation++;
  set_checking (self, FALSE);
  show_findings (self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->result_group), FALSE);
  gtk_widget_set_visible (self->action_box, TRUE);
  gtk_widget_set_sensitive (self->form_box, !self->busy);
  update_buttons (self);
}

static void
on_new_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivMarriagePage *self = CIV_MARRIAGE_PAGE (widget);

  reset_form (self);
  /* The new couple starts at the top of the form, in the first field. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  gtk_widget_grab_focus (civ_party_panel_get_first_row (self->party_a));
}

/* The panel a card goes into: the one the focus is in, else the first
 * without a card and still empty; NULL when both are taken. */
static CivPartyPanel *
panel_for_card (CivMarriagePage *self, gboolean from_keyboard)
{
  CivPartyPanel *panels[2] = { self->party_a, self->party_b };
  GtkRoot       *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget     *focus = root ? gtk_root_get_focus (root) : NULL;

  for (guint i = 0; i < 2; i++)
    if (focus && gtk_widget_is_ancestor (focus, GTK_WIDGET (panels[i])))
      return panels[i];
  for (guint i = 0; i < 2; i++)
    if (!civ_party_panel_has_card (panels[i]) &&
        (from_keyboard || !civ_party_panel_is_filled (panels[i])))
      return panels[i];
  return NULL;
}

/* A card placed on the reader fills a party panel at once. */
static void
on_card_placed_cb (CivCardReader *reader, CivCardData *card, CivMarriagePage *self)
{
  CivPartyPanel   *panel;
  g_autofree char *device = NULL;

  /* Not while the page is hidden (another page, the lock screen) or the
   * registration is done: the card waits for F2. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || is_done (self) || self->busy)
    return;
  panel = panel_for_card (self, FALSE);
  if (panel == NULL)
    {
      civ_ui_toast (GTK_WIDGET (self),
                    _ ("Both parties are filled in: put the cursor in a party's fields and "
                       "press F2 to read this card there"));
      return;
    }
  device = civ_card_reader_describe (reader);
  civ_party_panel_fill_from_card (panel, card, device);
}

static void
on_read_card_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivMarriagePage *self = CIV_MARRIAGE_PAGE (widget);
  CivPartyPanel   *panel = panel_for_card (self, TRUE);

  if (panel != NULL)
    civ_party_panel_read_card (panel);
}

static void
civ_marriage_page_set_session (CivPage *page, CivSession *session)
{
  CivMarriagePage *self = CIV_MARRIAGE_PAGE (page);

  g_set_object (&self->session, session);
  civ_document_list_set_session (self->documents, session);
  if (self->reader == NULL)
    {
      self->reader = civ_card_reader_dup_default ();
      if (self->reader)
        g_signal_connect_object (self->reader, "card-read", G_CALLBACK (on_card_placed_cb), self,
                                 0);
    }
  civ_party_panel_set_card_reader (self->party_a, self->reader);
  civ_party_panel_set_card_reader (self->party_b, self->reader);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "marriage.read-card", self->reader != NULL);
}

/* The day the form starts from (the registration date of a new form). */
static void
civ_marriage_page_set_today (CivPage *page, const GDate *today)
{
  CivMarriagePage *self = CIV_MARRIAGE_PAGE (page);

  self->today = *today;
  if (!is_done (self) && !form_is_complete (self))
    {
      g_autofree char *text = civ_date_format_iso (today);
      gtk_editable_set_text (GTK_EDITABLE (self->date_row), text);
    }
}

static void
civ_marriage_page_reload (CivPage *page)
{
  CivMarriagePage *self = CIV_MARRIAGE_PAGE (page);

  if (!is_done (self) && form_is_complete (self) && self->findings == NULL)
    run_check (self);
}

/* Drops every record and entry (on lock). */
static void
civ_marriage_page_clear (CivPage *page)
{
  CivMarriagePage *self = CIV_MARRIAGE_PAGE (page);

  civ_ui_renew_cancellable (&self->cancellable);
  self->busy = FALSE;
  civ_ui_set_form_busy (GTK_WIDGET (self), self->form_box, self->spinner, FALSE);
  reset_form (self);
}

GPtrArray *
_civ_marriage_page_get_findings (CivMarriagePage *self)
{
  g_return_val_if_fail (CIV_IS_MARRIAGE_PAGE (self), NULL);
  return self->findings;
}

const char *
_civ_marriage_page_get_certificate_no (CivMarriagePage *self)
{
  g_return_val_if_fail (CIV_IS_MARRIAGE_PAGE (self), NULL);
  return self->certificate_no;
}

const char *
_civ_marriage_page_get_record_id (CivMarriagePage *self)
{
  g_return_val_if_fail (CIV_IS_MARRIAGE_PAGE (self), NULL);
  return self->record_id;
}

void
_civ_marriage_page_set_export_filename (CivMarriagePage *self, const char *path)
{
  g_return_if_fail (CIV_IS_MARRIAGE_PAGE (self));
  g_free (self->export_filename);
  self->export_filename = g_strdup (path);
}

/* Runs the checks now instead of after the typing pause. */
static void
on_check_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  run_check (CIV_MARRIAGE_PAGE (widget));
}

static void
civ_marriage_page_dispose (GObject *object)
{
  CivMarriagePage *self = CIV_MARRIAGE_PAGE (object);

  g_clear_handle_id (&self->check_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->check_cancellable);
  g_ptr_array_set_size (self->finding_rows, 0);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CIV_TYPE_MARRIAGE_PAGE);
  g_clear_object (&self->session);
  if (self->reader)
    g_signal_handlers_disconnect_by_data (self->reader, self);
  g_clear_object (&self->reader);
  G_OBJECT_CLASS (civ_marriage_page_parent_class)->dispose (object);
}

static void
civ_marriage_page_finalize (GObject *object)
{
  CivMarriagePage *self = CIV_MARRIAGE_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->check_cancellable);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_ptr_array_unref (self->finding_rows);
  civ_marriage_desk_unref (self->desk);
  g_free (self->record_id);
  g_free (self->certificate_no);
  g_free (self->export_filename);
  G_OBJECT_CLASS (civ_marriage_page_parent_class)->finalize (object);
}

static void
civ_marriage_page_class_init (CivMarriagePageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civ_marriage_page_dispose;
  object_class->finalize = civ_marriage_page_finalize;

  g_type_ensure (CIV_TYPE_PARTY_PANEL);
  g_type_ensure (CIV_TYPE_DOCUMENT_LIST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/civreg/Civreg/ui/civ-marriage-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CivMarriagePage, scroller);
  gtk_widget_class_bind_template_child (widget_class, CivMarriagePage, form_box);
  gtk_widget_class_bind_template_child (widget_class, CivMarriagePage, party_a);
  gtk_widget_class_bind_template_child (widget_class, CivMarriagePage, party_b);
  gtk_widget_class_bind_template_child (widget_class, CivMarriagePage, date_row);
  gtk_widget_class_bind_template_child (widget_class, CivMarriagePage, remarks_row);
  gtk_widget_class_bind_template_child (widget_class, CivMarriagePage, documents);
  gtk_widget_class_bind_template_child (widget_class, CivMarriagePage, household_switch);
  gtk_widget_class_bind_template_child (widget_class, CivMarriagePage, designated_switch);
  gtk_widget_class_bind_template_child (widget_class, CivMarriagePage, date_message_label);
  gtk_widget_class_bind_template_child (widget_class, CivMarriagePage, checks_group);
  gtk_widget_class_bind_template_child (widget_class, CivMarriagePage, checks_spinner);
  gtk_widget_class_bind_template_child (widget_class, CivMarriagePage, verdict_row);
  gtk_widget_class_bind_template_child (widget_class, CivMarriagePage, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, CivMarriagePage, result_group);
  gtk_widget_class_bind_template_child (widget_class, CivMarriagePage, result_row);
  gtk_widget_class_bind_template_child (widget_class, CivMarriagePage, result_icon);
  gtk_widget_class_bind_template_child (widget_class, CivMarriagePage, print_notice_button);
  gtk_widget_class_bind_template_child (widget_class, CivMarriagePage, print_extract_button);
  gtk_widget_class_bind_template_child (widget_class, CivMarriagePage, print_certificate_button);
  gtk_widget_class_bind_template_child (widget_class, CivMarriagePage, new_button);
  gtk_widget_class_bind_template_child (widget_class, CivMarriagePage, action_box);
  gtk_widget_class_bind_template_child (widget_class, CivMarriagePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CivMarriagePage, refuse_button);
  gtk_widget_class_bind_template_child (widget_class, CivMarriagePage, register_button);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_date_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "marriage.check", NULL, on_check_activated);
  gtk_widget_class_install_action (widget_class, "marriage.register", NULL, on_register_activated);
  gtk_widget_class_install_action (widget_class, "marriage.refuse", NULL, on_refuse_activated);
  gtk_widget_class_install_action (widget_class, "marriage.print-notice", NULL,
                                   on_print_notice_activated);
  gtk_widget_class_install_action (widget_class, "marriage.print-extract", NULL,
                                   on_print_extract_activated);
  gtk_widget_class_install_action (widget_class, "marriage.print-certificate", NULL,
                                   on_print_certificate_activated);
  gtk_widget_class_install_action (widget_class, "marriage.new", NULL, on_new_activated);
  /* F2 reads the card on the reader into the party in focus. */
  gtk_widget_class_install_action (widget_class, "marriage.read-card", NULL,
                                   on_read_card_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "marriage.read-card", NULL);
}

static void
civ_marriage_page_page_init (CivPageInterface *iface)
{
  iface->id = "marriage";
  iface->title = N_ ("Marriage Registration");
  iface->icon_name = "emblem-favorite-symbolic";
  iface->permission = CIV_PERM_REGISTER_MARRIAGE;
  iface->set_session = civ_marriage_page_set_session;
  iface->set_today = civ_marriage_page_set_today;
  iface->reload = civ_marriage_page_reload;
  iface->clear = civ_marriage_page_clear;
}

static void
civ_marriage_page_init (CivMarriagePage *self)
{
  self->finding_rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  self->check_cancellable = g_cancellable_new ();
  self->desk = civ_marriage_desk_new (ONLINE_PREVIEW_TTL_US);
  civ_date_today (&self->today);

  gtk_widget_init_template (GTK_WIDGET (self));
  civ_party_panel_set_side (self->party_a, 0);
  civ_party_panel_set_side (self->party_b, 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "marriage.read-card", FALSE);
  reset_form (self);
}
