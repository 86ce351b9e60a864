// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-record-action-dialog.c — reissue, court judgment, registry annulment,
 * correction and void of a print, one form each */
#include "civ-record-action-dialog-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-calendar.h"
#include "civ-marriage-rules.h"
#include "civ-permissions.h"
#include "civ-record-actions.h"
#include "civ-record-service.h"
#include "civ-record-tasks.h"
#include "civ-record-view.h"
#include "civ-ui-util.h"
#include "civ-states.h"

struct _CivRecordActionDialog
{
  AdwWindow parent_instance;

  AdwWindowTitle      *title;
  GtkButton           *submit_button;
  GtkLabel            *submit_label;
  GtkSpinner          *spinner;
  GtkWidget           *form;
  AdwPreferencesGroup *form_group;
  AdwPreferencesGroup *approval_group;
  AdwComboRow         *kind_row;
  AdwComboRow         *field_row;
  AdwEntryRow         *value_row;
  AdwEntryRow         *document_row;
  AdwEntryRow         *date_row;
  AdwEntryRow         *archive_row;
  AdwEntryRow         *reason_row;
  AdwEntryRow         *approver_row;
  AdwEntryRow         *password_row;
  GtkLabel            *message_label;

  CivSession     *session;
  GCancellable   *cancellable;
  CivRecordAction action;
  GDate           today;
  gboolean        busy;

  /* What the form needs of the record, copied at construction. */
  char *record_id;
  char *certificate_no;
  char *state;
  char *registration_date;
  char *effective_from;
  char *remarks;
  int   version;
  char *names[2];
  int   status_before[2];
  char *blank_serial;
  char *print_certificate_no;
};

G_DEFINE_FINAL_TYPE (CivRecordActionDialog, civ_record_action_dialog, ADW_TYPE_WINDOW)

enum
{
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The order of the kind row's items for a reissue and for a judgment. */
static const CivReissueKind   reissue_kinds[] = { CIV_REISSUE_MARRIAGE, CIV_REISSUE_DIVORCE };
static const CivJudgmentKind  judgment_kinds[] = { CIV_JUDGMENT_DIVORCE, CIV_JUDGMENT_VOID,
                                                   CIV_JUDGMENT_ANNULLED };
static const CivMarriageState judgment_states[] = { CIV_MARRIAGE_STATE_DISSOLVED_COURT,
                                                    CIV_MARRIAGE_STATE_DECLARED_VOID_COURT,
                                                    CIV_MARRIAGE_STATE_ANNULLED_COURT };

static const char *
marital_status_label (int status)
{
  switch (status)
    {
    case CIV_MARITAL_UNMARRIED:
      return _ ("unmarried (10)");
    case CIV_MARITAL_MARRIED:
      return _ ("married (20)");
    case CIV_MARITAL_FIRST_MARRIAGE:
      return _ ("married, first marriage (21)");
    case CIV_MARITAL_REMARRIAGE:
      return _ ("remarried (22)");
    case CIV_MARITAL_REMARRIED_FORMER:
      return _ ("remarried to the former spouse (23)");
    case CIV_MARITAL_WIDOWED:
      return _ ("widowed (30)");
    case CIV_MARITAL_DIVORCED:
      return _ ("divorced (40)");
    case CIV_MARITAL_NOT_STATED:
    default:
      return _ ("not stated (90)");
    }
}

/* NULL when @text is a date (YYYY-MM-DD) not after today, stored in @date;
 * else what is wrong. */
static char *
date_problem (CivRecordActionDialog *self, const char *text, GDate *date)
{
  g_autofree char *today = NULL;

  if (!civ_date_parse_iso (text, date))
    /* Translators: %s is what the user typed in a date field. */
    return g_strdup_printf (_ ("“%s” is not a date: write it as YYYY-MM-DD."), text);
  if (g_date_compare (date, &self->today) > 0)
    {
      today = civ_date_format_iso (&self->today);
      /* Translators: %s is today's date. */
      return g_strdup_printf (_ ("The date is in the future (today is %s)."), today);
    }
  return NULL;
}

/* The new value of a correction, as the service gets it. */
static char *
correction_value (CivRecordActionDialog *self)
{
  if (adw_combo_row_get_selected (self->field_row) == 1)
    return civ_ui_stripped_text (self->value_row);
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->value_row)));
}

static const char *
correction_current (CivRecordActionDialog *self)
{
  return adw_combo_row_get_selected (self->field_row) == 1 ? self->effective_from : self->remarks;
}

/* Architecture §8: corrections and voided certificates need a supervisor.
 * A supervisor at the counter approves their own void; anyone else has a
 * supervisor type their login and password here. */
static gboolean
needs_approver (CivRecordActionDialog *self)
{
  return civ_record_action_needs_approver (self->action, civ_session_get_role (self->session));
}

/* TRUE when the form may be submitted; *@message says what is missing or
 * wrong in a field already filled in. */
static gboolean
check_form (CivRecordActionDialog *self, char **message)
{
  g_autofree char *reason = civ_ui_stripped_text (self->reason_row);
  g_autofree char *document = civ_ui_stripped_text (self->document_row);
  g_autofree char *date_text = civ_ui_stripped_text (self->date_row);
  gboolean         ok = TRUE;
  GDate            date;

  switch (self->action)
    {
    case CIV_RECORD_ACTION_REISSUE:
      return *reason != '\0';

    case CIV_RECORD_ACTION_VOID_PRINT:
      ok &= *reason != '\0';
      if (needs_approver (self))
        {
          g_autofree char *approver = civ_ui_stripped_text (self->approver_row);
          const char      *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
          ok &= *approver != '\0';
          ok &= *password != '\0';
        }
      return ok;

    case CIV_RECORD_ACTION_COURT_JUDGMENT:
    case CIV_RECORD_ACTION_REGISTRY_ANNULMENT:
      ok &= *document != '\0';
      ok &= civ_ui_check_row (self->date_row, date_text, date_problem (self, date_text, &date),
                              message);
      return ok;

    case CIV_RECORD_ACTION_CORRECTION:
      {
        g_autofree char *value = correction_value (self);
        g_autofree char *approver = civ_ui_stripped_text (self->approver_row);
        const char      *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
        if (adw_combo_row_get_selected (self->field_row) == 1)
          ok &=
            civ_ui_check_row (self->value_row, value, date_problem (self, value, &date), message);
        else
          civ_ui_set_error_style (GTK_WIDGET (self->value_row), FALSE);
        /* The row starts with the record's value: unchanged is nothing to correct. */
        if (g_strcmp0 (value, correction_current (self)) == 0)
          ok = FALSE;
        ok &= *reason != '\0';
        ok &= *approver != '\0';
        ok &= *password != '\0';
        return ok;
      }

    default:
      return FALSE;
    }
}

static void
update_form (CivRecordActionDialog *self)
{
  g_autofree char *message = NULL;
  gboolean         ready = check_form (self, &message);

  civ_ui_show_message (self->message_label, message);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "record-action.submit", ready && !self->busy);
}

static void
on_row_changed_cb (CivRecordActionDialog *self)
{
  if (!self->busy)
    update_form (self);
}

static void
on_field_row_selected_cb (CivRecordActionDialog *self)
{
  const char *current = correction_current (self);

  /* Start from the record's value: the operator edits it. */
  gtk_editable_set_text (GTK_EDITABLE (self->value_row), current ? current : "");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->value_row),
                                 adw_combo_row_get_selected (self->field_row) == 1
                                   ? _ ("_New effective date (YYYY-MM-DD)")
                                   : _ ("_New remarks"));
  update_form (self);
}

static void
set_busy (CivRecordActionDialog *self, gboolean busy)
{
  self->busy = busy;
  civ_ui_set_form_busy (GTK_WIDGET (self), self->form, self->spinner, busy);
  update_form (self);
}

/* The toast after success: what changed, with the new state or number. */
static char *
success_message (CivRecordActionDialog *self, const CivRecordRequest *request, const char *number)
{
  switch (request->action)
    {
    case CIV_RECORD_ACTION_REISSUE:
      /* Translators: %s is the new certificate number (BJ… or BL…). */
      return g_strdup_printf (_ ("Certificate reissued: %s"), number);
    case CIV_RECORD_ACTION_COURT_JUDGMENT:
      /* Translators: %1$s is the record's new state, %2$d its new version. */
      return g_strdup_printf (_ ("Court judgment filed: the record is now “%1$s” (version %2$d)"),
                              civ_marriage_state_label (judgment_states[request->kind]),
                              self->version + 1);
    case CIV_RECORD_ACTION_REGISTRY_ANNULMENT:
      /* Translators: %1$s is the record's new state, %2$d its new version. */
      return g_strdup_printf (_ ("Registry annulment recorded: the record is now “%1$s” "
                                 "(version %2$d)"),
                              civ_marriage_state_label (CIV_MARRIAGE_STATE_ANNULLED_REGISTRY),
                              self->version + 1);
    case CIV_RECORD_ACTION_CORRECTION:
      /* Translators: %1$d is the new version, %2$s the approving supervisor's login. */
      return g_strdup_printf (_ ("Correction written as version %1$d, approved by %2$s"),
                              self->version + 1, request->approver);
    case CIV_RECORD_ACTION_VOID_PRINT:
      if (request->approver != NULL)
        /* Translators: %1$s is the pre-printed serial (NO.) of a certificate
         * blank, %2$s the approving supervisor's login. */
        return g_strdup_printf (_ ("The print on blank No. %1$s is voided, approved by %2$s"),
                                request->document, request->approver);
      /* Translators: %s is the pre-printed serial (NO.) of a certificate blank. */
      return g_strdup_printf (_ ("The print on blank No. %s is voided"), request->document);
    default:
      return g_strdup ("");
    }
}

typedef struct
{
  CivRecordAction action;
  int             kind;
  char           *document;
  char           *approver;
} Sent;

static void
sent_free (Sent *sent)
{
  g_free (sent->document);
  g_free (sent->approver);
  g_free (sent);
}

static void
on_request_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivRecordActionDialog *self = CIV_RECORD_ACTION_DIALOG (source);
  Sent                  *sent = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *number = NULL;
  g_autofree char *message = NULL;
  CivRecordRequest what = { 0 };

  if (!civ_record_request_finish (self->session, result, &number, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          message = civ_ui_describe_error (error);
          set_busy (self, FALSE);
          /* The service's refusal, with its rule id, stays in the dialog. */
          civ_ui_show_message (self->message_label, message);
          if (needs_approver (self) &&
              g_error_matches (error, CIV_APP_ERROR, CIV_APP_ERROR_PERMISSION))
            gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
        }
      sent_free (sent);
      return;
    }
  what.action = sent->action;
  what.kind = sent->kind;
  what.document = sent->document;
  what.approver = sent->approver;
  message = success_message (self, &what, number);
  sent_free (sent);
  self->busy = FALSE;
  g_signal_emit (self, signals[DONE], 0, message, number);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
send_request (CivRecordActionDialog *self)
{
  CivRecordRequest *request = civ_record_request_new (self->action, self->record_id);
  Sent             *sent = g_new0 (Sent, 1);

  request->reason = civ_ui_stripped_text (self->reason_row);
  request->document = civ_ui_stripped_text (self->document_row);
  switch (self->action)
    {
    case CIV_RECORD_ACTION_REISSUE:
      request->kind = reissue_kinds[MIN (adw_combo_row_get_selected (self->kind_row), 1)];
      request->date = self->today;
      break;
    case CIV_RECORD_ACTION_COURT_JUDGMENT:
      request->kind = judgment_kinds[MIN (adw_combo_row_get_selected (self->kind_row), 2)];
      request->archive_no = civ_ui_stripped_text (self->archive_row);
      G_GNUC_FALLTHROUGH;
    case CIV_RECORD_ACTION_REGISTRY_ANNULMENT:
      {
        g_autofree char *text = civ_ui_stripped_text (self->date_row);
        civ_date_parse_iso (text, &request->date);
      }
      break;
    case CIV_RECORD_ACTION_CORRECTION:
      request->kind = adw_combo_row_get_selected (self->field_row) == 1 ? CIV_CORRECT_EFFECTIVE_FROM
                                                                        : CIV_CORRECT_REMARKS;
      request->text = correction_value (self);
      request->approver = civ_ui_stripped_text (self->approver_row);
      /* The password leaves the entry now: the field is emptied, the copy
       * is zeroed by the service and again when the request is freed. */
      request->password = civ_ui_take_editable_text (GTK_EDITABLE (self->password_row));
      break;
    case CIV_RECORD_ACTION_VOID_PRINT:
      g_free (request->document);
      request->document = g_strdup (self->blank_serial);
      if (needs_approver (self))
        {
          request->approver = civ_ui_stripped_text (self->approver_row);
          /* As for a correction: the password leaves the entry now. */
          request->password = civ_ui_take_editable_text (GTK_EDITABLE (self->password_row));
        }
      break;
    default:
      break;
    }
  sent->action = request->action;
  sent->kind = request->kind;
  sent->document = g_strdup (request->document);
  sent->approver = g_strdup (request->approver);
  civ_ui_show_message (self->message_label, NULL);
  set_busy (self, TRUE);
  civ_record_request_async (self->session, self, request, self->cancellable, on_request_done_cb,
                            sent);
}

/* The confirmation of a judgment, an annulment or a void names the
 * consequence: the record's new state and the persons' statuses. */
static char *
confirmation_body (CivRecordActionDialog *self)
{
  g_autofree char *document = civ_ui_stripped_text (self->document_row);
  g_autofree char *date = civ_ui_stripped_text (self->date_row);
  CivMarriageState state;
  g_autofree char *persons = NULL;

  if (self->action == CIV_RECORD_ACTION_VOID_PRINT)
    {
      g_autofree char *reason = civ_ui_stripped_text (self->reason_row);
      /* Translators: %1$s certificate number, %2$s blank serial, %3$s the reason. */
      return g_strdup_printf (_ ("The print of %1$s on blank No. %2$s is recorded as spoiled, with "
                                 "the reason “%3$s”. It is never deleted, and the blank cannot be "
                                 "used again."),
                              self->print_certificate_no, self->blank_serial, reason);
    }
  if (self->action == CIV_RECORD_ACTION_COURT_JUDGMENT)
    state = judgment_states[MIN (adw_combo_row_get_selected (self->kind_row), 2)];
  else
    state = CIV_MARRIAGE_STATE_ANNULLED_REGISTRY;
  if (state == CIV_MARRIAGE_STATE_DISSOLVED_COURT)
    /* Translators: the consequence of a court divorce for the two persons. */
    persons =
      g_strdup_printf (_ ("%1$s and %2$s become divorced (40)."), self->names[0], self->names[1]);
  else
    /* Translators: the consequence of a void or annulled marriage: each
     * person gets back the marital status held before it. */
    persons = g_strdup_printf (_ ("%1$s goes back to %2$s and %3$s to %4$s, the statuses held "
                                  "before this marriage."),
                               self->names[0], marital_status_label (self->status_before[0]),
                               self->names[1], marital_status_label (self->status_before[1]));
  /* Translators: %1$d new version, %2$s new state, %3$s document number,
   * %4$s date, %5$s the consequence for the persons. */
  return g_strdup_printf (_ ("The record gets version %1$d, “%2$s”, annotated with %3$s of %4$s. "
                             "%5$s This cannot be undone: the filed document stays in the "
                             "record's history."),
                          self->version + 1, civ_marriage_state_label (state), document, date,
                          persons);
}

static void
on_confirm_response_cb (AdwMessageDialog *dialog, const char *response, CivRecordActionDialog *self)
{
  if (g_strcmp0 (response, "confirm") == 0 && !self->busy)
    send_request (self);
}

static void
confirm (CivRecordActionDialog *self)
{
  g_autofree char  *body = confirmation_body (self);
  const char       *heading;
  const char       *label;
  AdwMessageDialog *dialog;

  switch (self->action)
    {
    case CIV_RECORD_ACTION_COURT_JUDGMENT:
      heading = _ ("File the Court Judgment?");
      label = _ ("_File Judgment");
      break;
    case CIV_RECORD_ACTION_REGISTRY_ANNULMENT:
      heading = _ ("Record the Registry Annulment?");
      label = _ ("_Record Annulment");
      break;
    case CIV_RECORD_ACTION_VOID_PRINT:
    default:
      heading = _ ("Void the Print?");
      label = _ ("_Void Print");
      break;
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  gtk_window_set_application (GTK_WINDOW (dialog), gtk_window_get_application (GTK_WINDOW (self)));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "confirm", label, NULL);
  adw_message_dialog_set_response_appearance (dialog, "confirm", ADW_RESPONSE_DESTRUCTIVE);
  /* Enter on a destructive question answers the safe way. */
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_submit_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivRecordActionDialog *self = CIV_RECORD_ACTION_DIALOG (widget);
  g_autofree char       *message = NULL;

  if (self->busy || !check_form (self, &message))
    return;
  if (self->action == CIV_RECORD_ACTION_COURT_JUDGMENT ||
      self->action == CIV_RECORD_ACTION_REGISTRY_ANNULMENT ||
      self->action == CIV_RECORD_ACTION_VOID_PRINT)
    confirm (self);
  else
    send_request (self);
}

static gboolean
on_close_request_cb (CivRecordActionDialog *self)
{
  /* A request on the worker finishes first; its outcome is shown here. */
  return self->busy;
}

static void
civ_record_action_dialog_dispose (GObject *object)
{
  CivRecordActionDialog *self = CIV_RECORD_ACTION_DIALOG (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (civ_record_action_dialog_parent_class)->dispose (object);
}

static void
civ_record_action_dialog_finalize (GObject *object)
{
  CivRecordActionDialog *self = CIV_RECORD_ACTION_DIALOG (object);

  g_free (self->record_id);
  g_free (self->certificate_no);
  g_free (self->state);
  g_free (self->registration_date);
  g_free (self->effective_from);
  g_free (self->remarks);
  g_free (self->names[0]);
  g_free (self->names[1]);
  g_free (self->blank_serial);
  g_free (self->print_certificate_no);
  G_OBJECT_CLASS (civ_record_action_dialog_parent_class)->finalize (object);
}

static void
civ_record_action_dialog_class_init (CivRecordActionDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civ_record_action_dialog_dispose;
  object_class->finalize = civ_record_action_dialog_finalize;

  gtk_widget_class_install_action (widget_class, "record-action.submit", NULL, on_submit_activated);

  /**
   * CivRecordActionDialog::done:
   * @message: a sentence for a toast
   * @number: (nullable): the new certificate number of a reissue
   */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static AdwEntryRow *
add_entry_row (CivRecordActionDialog *self, AdwPreferencesGroup *group, GtkWidget *row)
{
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (on_row_changed_cb), self);
  adw_preferences_group_add (group, row);
  return ADW_ENTRY_ROW (row);
}

static AdwComboRow *
add_combo_row (AdwPreferencesGroup *group)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_preferences_group_add (group, row);
  return ADW_COMBO_ROW (row);
}

static void
civ_record_action_dialog_init (CivRecordActionDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_ ("_Cancel"));
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

  GtkWidget   *message_group = adw_preferences_group_new ();
  GtkEditable *delegate;

  self->cancellable = g_cancellable_new ();
  g_date_clear (&self->today, 1);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  self->title = ADW_WINDOW_TITLE (adw_window_title_new ("", NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);

  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  self->submit_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_use_underline (self->submit_label, TRUE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->spinner));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->submit_label));
  self->submit_button = GTK_BUTTON (gtk_button_new ());
  gtk_button_set_child (self->submit_button, content);
  gtk_label_set_mnemonic_widget (self->submit_label, GTK_WIDGET (self->submit_button));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->submit_button), "record-action.submit");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "record-action.submit", FALSE);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->submit_button));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->submit_button));
  gtk_box_append (GTK_BOX (box), header);

  /* A scrolled page: a message appearing below the form never resizes the window. */
  self->form = adw_preferences_page_new ();
  gtk_widget_set_vexpand (self->form, TRUE);

  self->form_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  self->kind_row = add_combo_row (self->form_group);
  self->field_row = add_combo_row (self->form_group);
  self->value_row = add_entry_row (self, self->form_group, adw_entry_row_new ());
  self->document_row = add_entry_row (self, self->form_group, adw_entry_row_new ());
  self->date_row = add_entry_row (self, self->form_group, adw_entry_row_new ());
  self->archive_row = add_entry_row (self, self->form_group, adw_entry_row_new ());
  self->reason_row = add_entry_row (self, self->form_group, adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reason_row), _ ("_Reason"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->form), self->form_group);

  self->approval_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->approval_group, _ ("Supervisor's Approval"));
  adw_preferences_group_set_description (
    self->approval_group, _ ("The approving supervisor, not the operator, types their own login "
                             "and password here. The password is not kept."));
  self->approver_row = add_entry_row (self, self->approval_group, adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->approver_row),
                                 _ ("Supervisor's _login"));
  self->password_row = add_entry_row (self, self->approval_group, adw_password_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_row),
                                 _ ("Supervisor's pass_word"));
  /* The typed password lives in non-pageable memory, as in a GtkPasswordEntry. */
  delegate = gtk_editable_get_delegate (GTK_EDITABLE (self->password_row));
  if (GTK_IS_TEXT (delegate))
    {
      g_autoptr (GtkEntryBuffer) buffer = gtk_password_entry_buffer_new ();
      gtk_text_set_buffer (GTK_TEXT (delegate), buffer);
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->form), self->approval_group);

  self->message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_label_set_xalign (self->message_label, 0);
  gtk_label_set_selectable (self->message_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (message_group),
                             GTK_WIDGET (self->message_label));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->form),
                            ADW_PREFERENCES_GROUP (message_group));
  gtk_box_append (GTK_BOX (box), self->form);
  adw_window_set_content (ADW_WINDOW (self), box);
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request_cb), NULL);
}

static void
set_combo_items (AdwComboRow *row, const char *const *items, guint selected)
{
  g_autoptr (GtkStringList) model = gtk_string_list_new (items);

  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (row, selected);
}

static void
set_up_form (CivRecordActionDialog *self)
{
  const char      *submit = NULL;
  const char      *title = NULL;
  g_autofree char *description = NULL;
  gboolean         destructive = FALSE;
  GtkWidget       *first = NULL;
  int              height = 400;

  gtk_widget_set_visible (GTK_WIDGET (self->kind_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->field_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->value_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->document_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->date_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->archive_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->approval_group), FALSE);

  switch (self->action)
    {
    case CIV_RECORD_ACTION_REISSUE:
      {
        const char *kinds[] = { _ ("Marriage certificate (BJ)"), _ ("Divorce certificate (BL)"),
                                NULL };

        title = _ ("Reissue Certificate");
        submit = _ ("Re_issue");
        description = g_strdup (
          _ ("R-B1…R-B3: a certificate is reissued when it was lost or damaged, or when its "
             "details no longer match the holder's identity document, and only while the status "
             "it proves still holds: a marriage certificate (BJ) while the marriage is "
             "registered, a divorce certificate (BL) after a divorce registration. The reissue "
             "gets a new number."));
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->kind_row),
                                       _ ("_Kind of certificate"));
        set_combo_items (self->kind_row, kinds,
                         civ_marriage_state_from_db (self->state) ==
                             CIV_MARRIAGE_STATE_DISSOLVED_REG
                           ? 1
                           : 0);
        gtk_widget_set_visible (GTK_WIDGET (self->kind_row), TRUE);
        first = GTK_WIDGET (self->reason_row);
        height = 380;
        break;
      }
    case CIV_RECORD_ACTION_COURT_JUDGMENT:
      {
        const char *kinds[] = { _ ("Divorce"), _ ("Marriage declared void"),
                                _ ("Marriage annulled"), NULL };

        title = _ ("File Court Judgment");
        submit = _ ("_File…");
        destructive = TRUE;
        description = g_strdup (
          _ ("R-V4, R-D8: the registry files the copy of a court's judgment and annotates the "
             "record with the court document number and the date the judgment took effect."));
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->kind_row), _ ("_Judgment"));
        set_combo_items (self->kind_row, kinds, 0);
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->document_row),
                                       _ ("Court _document number"));
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->date_row),
                                       _ ("_Effective date (YYYY-MM-DD)"));
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->archive_row),
                                       _ ("_Archive number (optional)"));
        gtk_widget_set_visible (GTK_WIDGET (self->kind_row), TRUE);
        gtk_widget_set_visible (GTK_WIDGET (self->document_row), TRUE);
        gtk_widget_set_visible (GTK_WIDGET (self->date_row), TRUE);
        gtk_widget_set_visible (GTK_WIDGET (self->archive_row), TRUE);
        gtk_widget_set_visible (GTK_WIDGET (self->reason_row), FALSE);
        first = GTK_WIDGET (self->document_row);
        height = 500;
        break;
      }
    case CIV_RECORD_ACTION_REGISTRY_ANNULMENT:
      title = _ ("Record Registry Annulment");
      submit = _ ("_Record…");
      destructive = TRUE;
      description = g_strdup (
        _ ("R-V2: until 2020-12-31 a registry could annul a marriage made under coercion (撤销). "
           "Record such a decision from the archive. From 2021-01-01 only a court annuls a "
           "marriage: file the court judgment instead."));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->document_row),
                                     _ ("Decision _number"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->date_row),
                                     _ ("Decision _date (YYYY-MM-DD)"));
      gtk_widget_set_visible (GTK_WIDGET (self->document_row), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->date_row), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->reason_row), FALSE);
      first = GTK_WIDGET (self->document_row);
      height = 420;
      break;
    case CIV_RECORD_ACTION_CORRECTION:
      {
        const char *fields[] = { _ ("Remarks"), _ ("Effective date"), NULL };

        title = _ ("Request Correction");
        submit = _ ("_Apply Correction");
        description = g_strdup (
          _ ("A registered record is never edited: the correction becomes a new version with "
             "its reason, the operator and the approving supervisor. R-M13: the marriage cannot "
             "take effect after its registration date."));
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->field_row), _ ("_Field"));
        set_combo_items (self->field_row, fields, 0);
        g_signal_connect_swapped (self->field_row, "notify::selected",
                                  G_CALLBACK (on_field_row_selected_cb), self);
        gtk_widget_set_visible (GTK_WIDGET (self->field_row), TRUE);
        gtk_widget_set_visible (GTK_WIDGET (self->value_row), TRUE);
        gtk_widget_set_visible (GTK_WIDGET (self->approval_group), TRUE);
        on_field_row_selected_cb (self);
        first = GTK_WIDGET (self->value_row);
        height = 640;
        break;
      }
    case CIV_RECORD_ACTION_VOID_PRINT:
    default:
      title = _ ("Void Certificate Print");
      submit = _ ("_Void…");
      destructive = TRUE;
      if (needs_approver (self))
        /* Translators: %1$s certificate number, %2$s the blank's pre-printed serial. */
        description = g_strdup_printf (_ ("R-N1, R-N3: the print of %1$s on blank No. %2$s is "
                                          "recorded as spoiled, with the reason and the "
                                          "approving supervisor. A voided print is kept, never "
                                          "deleted."),
                                       self->print_certificate_no, self->blank_serial);
      else
        /* Translators: %1$s certificate number, %2$s the blank's pre-printed serial. */
        description = g_strdup_printf (_ ("R-N1, R-N3: the print of %1$s on blank No. %2$s is "
                                          "recorded as spoiled, with the reason; as a "
                                          "supervisor you approve it yourself. A voided print "
                                          "is kept, never deleted."),
                                       self->print_certificate_no, self->blank_serial);
      gtk_widget_set_visible (GTK_WIDGET (self->approval_group), needs_approver (self));
      first = GTK_WIDGET (self->reason_row);
      height = needs_approver (self) ? 540 : 340;
      break;
    }

  gtk_window_set_default_size (GTK_WINDOW (self), 560, height);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->title, title);
  adw_window_title_set_subtitle (self->title, self->certificate_no);
  adw_preferences_group_set_description (self->form_group, description);
  gtk_label_set_label (self->submit_label, submit);
  gtk_widget_add_css_class (GTK_WIDGET (self->submit_button),
                            destructive ? "destructive-action" : "suggested-action");
  update_form (self);
  gtk_widget_grab_focus (first);
}

CivRecordActionDialog *
civ_record_action_dialog_new (GtkWindow               *parent,
                              CivSession              *session,
                              CivRecordAction          action,
                              const CivMarriageRecord *record,
                              const char              *blank_serial,
                              const GDate             *today)
{
  CivRecordActionDialog    *self;
  const CivMarriageVersion *current;

  g_return_val_if_fail (CIV_IS_SESSION (session), NULL);
  g_return_val_if_fail (record != NULL && today != NULL && g_date_valid (today), NULL);
  g_return_val_if_fail (action != CIV_RECORD_ACTION_VOID_PRINT || blank_serial != NULL, NULL);

  current = civ_marriage_record_current (record);
  self = g_object_new (CIV_TYPE_RECORD_ACTION_DIALOG, "transient-for", parent,
                       "destroy-with-parent", TRUE, NULL);
  if (parent != NULL)
    gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
  self->session = g_object_ref (session);
  self->action = action;
  self->today = *today;
  self->record_id = g_strdup (record->record_id);
  self->certificate_no = g_strdup (current->certificate_no);
  self->state = g_strdup (current->state);
  self->registration_date = g_strdup (current->registration_date);
  self->effective_from = g_strdup (current->effective_from);
  self->remarks = g_strdup (current->remarks ? current->remarks : "");
  self->version = current->version;
  for (guint i = 0; i < 2; i++)
    {
      self->names[i] = g_strdup (current->party[i].name);
      self->status_before[i] = current->party[i].status_before > 0 ? current->party[i].status_before
                                                                   : CIV_MARITAL_NOT_STATED;
    }
  if (blank_serial != NULL)
    {
      self->blank_serial = g_strdup (blank_serial);
      for (guint i = 0; record->prints && i < record->prints->len; i++)
        {
          const CivCertificatePrint *p = g_ptr_array_index (record->prints, i);

          if (g_strcmp0 (p->blank_serial, blank_serial) == 0)
            self->print_certificate_no = g_strdup (p->certificate_no);
        }
      if (self->print_certificate_no == NULL)
        self->print_certificate_no = g_strdup (self->certificate_no);
    }
  civ_ui_close_on_lock (session, GTK_WINDOW (self));
  set_up_form (self);
  return self;
}

CivRecordAction
civ_record_action_dialog_get_action (CivRecordActionDialog *self)
{
  g_return_val_if_fail (CIV_IS_RECORD_ACTION_DIALOG (self), CIV_RECORD_ACTION_REISSUE);
  return self->action;
}

GtkWidget *
_civ_record_action_dialog_get_widget (CivRecordActionDialog *self, const char *name)
{
  const struct
  {
    const char *name;
    gpointer    widget;
  } widgets[] = {
    { "kind", self->kind_row },         { "field", self->field_row },
    { "value", self->value_row },       { "document", self->document_row },
    { "date", self->date_row },         { "archive", self->archive_row },
    { "reason", self->reason_row },     { "approver", self->approver_row },
    { "password", self->password_row }, { "submit", self->submit_button },
  };

  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    if (g_strcmp0 (name, widgets[i].name) == 0)
      return GTK_WIDGET (widgets[i].widget);
  return NULL;
}

const char *
_civ_record_action_dialog_get_message (CivRecordActionDialog *self)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (self->message_label)))
    return NULL;
  return gtk_label_get_label (self->message_label);
}

gboolean
_civ_record_action_dialog_is_busy (CivRecordActionDialog *self)
{
  return self->busy;
}
