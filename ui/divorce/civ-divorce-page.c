// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-divorce-page.c — divorce by registration through the cooling-off period
 *
 * The couple is found by a marriage certificate number, either spouse's
 * identity number or a name (civ-divorce-find.h); when several marriages
 * match, the registrar picks one. The office's open applications are listed
 * at the bottom with the deadline of each (civ-divorce-lapses.h).
 *
 * Every job (find, accept, withdraw, issue) runs on the worker with the
 * holiday calendar loaded there, first applies any lapse that is due, and
 * returns the marriage and its newest application as they are afterwards,
 * so the timeline always shows what is stored.
 *
 * Printing reads the application again on the worker (what is stored, with
 * the parties' documents and who did each step), prints or exports it, and
 * then records the print: the certificate with its blanks' serials (R-N3),
 * the receipt and the notice in the audit log.
 */
#include "civ-divorce-page-private.h"

#include <glib/gi18n.h>

#include "civ-app-error.h"
#include "civ-blank-dialog.h"
#include "civ-card-default.h"
#include "civ-divorce-desk.h"
#include "civ-divorce-documents.h"
#include "civ-divorce-find.h"
#include "civ-divorce-lapses.h"
#include "civ-divorce-service.h"
#include "civ-page.h"
#include "civ-print-job.h"
#include "civ-print.h"
#include "civ-record-query.h"
#include "civ-refdata.h"
#include "civ-states.h"
#include "civ-ui-util.h"

struct _CivDivorcePage
{
  AdwBin parent_instance;

  GtkSpinner          *spinner;
  AdwEntryRow         *find_row;
  GtkWidget           *find_button;
  GtkWidget           *take_button;
  AdwActionRow        *couple_row;
  GtkWidget           *open_record_button;
  GtkWidget           *print_notice_button;
  GtkWidget           *print_receipt_button;
  GtkWidget           *print_certificate_button;
  GtkLabel            *message_label;
  AdwPreferencesGroup *matches_group;
  AdwPreferencesGroup *open_group;
  GtkWidget           *open_empty_row;
  GtkWidget           *apply_group;
  GtkSwitch           *present_switch;
  GtkSwitch           *agreement_switch;
  AdwEntryRow         *agreement_row;
  GtkSwitch           *capable_switch;
  GtkSwitch           *certificates_switch;
  GtkWidget           *accept_button;
  AdwPreferencesGroup *reasons_group;
  GtkWidget           *timeline_group;
  AdwActionRow        *state_row;
  AdwActionRow        *t0_row;
  GtkLabel            *t0_label;
  AdwActionRow        *cooling_row;
  GtkLabel            *cooling_label;
  AdwActionRow        *window_start_row;
  GtkLabel            *window_start_label;
  AdwActionRow        *window_end_row;
  GtkLabel            *window_end_label;
  AdwActionRow        *lapse_row;
  GtkLabel            *lapse_label;
  GtkWidget           *withdraw_group;
  GtkWidget           *withdraw_a_button;
  GtkWidget           *withdraw_b_button;
  GtkWidget           *issue_group;
  GtkSwitch           *both_switch;
  GtkSwitch           *consent_switch;
  GtkWidget           *issue_button;

  CivSession     *session;
  GCancellable   *cancellable;
  GCancellable   *find_cancellable; /* the search for the couple */
  GCancellable   *open_cancellable; /* the list of open applications */
  GDate           today;
  char           *key;                /* the marriage certificate number looked up */
  char           *marriage_record_id; /* of the marriage found */
  CivDivorceView *view;
  GPtrArray      *steps; /* CivDivorceStep of the application shown */
  GPtrArray      *reason_rows;
  GPtrArray      *phase_tags;
  GPtrArray      *match_rows;
  GPtrArray      *open_rows;
  gboolean        busy;
  gboolean        searching;    /* the couple is being looked up */
  gboolean        loading_open; /* the open applications are being read */
  gboolean        printing;     /* a document is being read or printed */
  char           *export_filename;
  CivCardReader  *reader; /* the counter's ID-card reader, or NULL */
};

static void civ_divorce_page_page_init (CivPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CivDivorcePage,
                               civ_divorce_page,
                               ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (CIV_TYPE_PAGE, civ_divorce_page_page_init))

static char *
format_date (const GDate *date)
{
  if (date == NULL || !g_date_valid (date))
    return g_strdup ("");
  return civ_date_format_iso (date);
}

static void
set_date_row (CivDivorcePage *self,
              AdwActionRow   *row,
              GtkLabel       *label,
              const GDate    *date,
              gboolean        provisional,
              gboolean        current)
{
  g_autofree char *text = format_date (date);

  gtk_label_set_label (label, text);
  adw_action_row_set_subtitle (row, provisional
                                      ? _ ("Provisional: the holiday table does not cover this "
                                           "date yet")
                                      : "");
  if (current)
    {
      GtkWidget *tag = gtk_label_new (_ ("Current"));

      gtk_widget_add_css_class (tag, "accent");
      gtk_widget_add_css_class (tag, "caption-heading");
      adw_action_row_add_prefix (row, tag);
      g_ptr_array_add (self->phase_tags, tag);
    }
}

static void
remove_dynamic_rows (CivDivorcePage *self)
{
  for (guint i = 0; i < self->reason_rows->len; i++)
    adw_preferences_group_remove (self->reasons_group, g_ptr_array_index (self->reason_rows, i));
  g_ptr_array_set_size (self->reason_rows, 0);
  for (guint i = 0; i < self->phase_tags->len; i++)
    {
      GtkWidget *tag = g_ptr_array_index (self->phase_tags, i);
      adw_action_row_remove (ADW_ACTION_ROW (gtk_widget_get_ancestor (tag, ADW_TYPE_ACTION_ROW)),
                             tag);
    }
  g_ptr_array_set_size (self->phase_tags, 0);
}

static void
hide_all (CivDivorcePage *self)
{
  remove_dynamic_rows (self);
  gtk_widget_set_visible (GTK_WIDGET (self->couple_row), FALSE);
  gtk_widget_set_visible (self->apply_group, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->reasons_group), FALSE);
  gtk_widget_set_visible (self->timeline_group, FALSE);
  gtk_widget_set_visible (self->withdraw_group, FALSE);
  gtk_widget_set_visible (self->issue_group, FALSE);
  gtk_widget_set_visible (self->print_receipt_button, FALSE);
  gtk_widget_set_visible (self->print_certificate_button, FALSE);
}

static void
reset_application_form (CivDivorcePage *self)
{
  gtk_switch_set_active (self->present_switch, FALSE);
  gtk_switch_set_active (self->agreement_switch, FALSE);
  gtk_switch_set_active (self->capable_switch, FALSE);
  gtk_switch_set_active (self->certificates_switch, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->agreement_row), "");
  gtk_switch_set_active (self->both_switch, FALSE);
  /* Never confirmed in advance: the registrar re-checks it (R-D7). */
  gtk_switch_set_active (self->consent_switch, FALSE);
}

/* Who did the step of the shown application into @state, by display name. */
static const char *
step_operator (CivDivorcePage *self, CivDivorceState state)
{
  const CivDivorceStep *step;

  if (self->steps == NULL)
    return NULL;
  step = civ_divorce_steps_find (self->steps, civ_divorce_state_to_db (state));
  return step ? step->actor_name : NULL;
}

/* The state as a registrar says it: an open application is in its
 * cooling-off period or awaiting issuance. */
static const char *
state_label (CivDivorcePage *self, const char *state, CivDivorcePhase phase)
{
  if (civ_divorce_state_from_db (state) == CIV_DIVORCE_STATE_COOLING &&
      (phase == CIV_DIVORCE_PHASE_COOLING || phase == CIV_DIVORCE_PHASE_WINDOW))
    return civ_divorce_phase_label (phase);
  return civ_divorce_state_label_db (state);
}

static void
show_view (CivDivorcePage *self)
{
  CivDivorceView            *view = self->view;
  CivDivorceResult          *d;
  CivDivorcePhase            phase = CIV_DIVORCE_PHASE_BEFORE;
  gboolean                   open;
  g_autofree char           *subtitle = NULL;
  const CivDivorceDeadlines *dl;

  if (view == NULL)
    return;
  d = view->divorce;
  dl = &d->deadlines;
  open = civ_divorce_state_from_db (d->state) == CIV_DIVORCE_STATE_COOLING;

  if (civ_divorce_state_from_db (d->state) == CIV_DIVORCE_STATE_NOT_ACCEPTED)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->reasons_group), TRUE);
      for (guint i = 0; i < view->findings->len; i++)
        {
          CivFinding *f = g_ptr_array_index (view->findings, i);
          GtkWidget  *row = adw_action_row_new ();
          GtkWidget  *icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");

          gtk_widget_add_css_class (icon, "error");
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), f->rule);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), f->message);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
          adw_preferences_group_add (self->reasons_group, row);
          g_ptr_array_add (self->reason_rows, row);
        }
      return;
    }
  if (!g_date_valid (&dl->accepted))
    return;

  phase = civ_divorce_deadlines_phase (dl, &self->today);
  gtk_widget_set_visible (self->timeline_group, TRUE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->state_row),
                                 state_label (self, d->state, phase));
  if (civ_divorce_state_from_db (d->state) == CIV_DIVORCE_STATE_REGISTERED &&
      step_operator (self, CIV_DIVORCE_STATE_REGISTERED) != NULL)
    /* Translators: %1$s is the divorce certificate number, %2$s the date,
     * %3$s the registrar's name. */
    subtitle =
      g_strdup_printf (_ ("Divorce certificate %1$s, issued %2$s by %3$s"), d->certificate_no,
                       view->closed_on, step_operator (self, CIV_DIVORCE_STATE_REGISTERED));
  else if (civ_divorce_state_from_db (d->state) == CIV_DIVORCE_STATE_REGISTERED)
    /* Translators: %1$s is the divorce certificate number, %2$s the date. */
    subtitle = g_strdup_printf (_ ("Divorce certificate %1$s, issued %2$s"), d->certificate_no,
                                view->closed_on);
  else if (civ_divorce_state_from_db (d->state) == CIV_DIVORCE_STATE_WITHDRAWN)
    /* Translators: %1$s is a spouse's name, %2$s the date. */
    subtitle = g_strdup_printf (_ ("Withdrawn by %1$s on %2$s"),
                                view->withdrawn_by >= 0 && view->withdrawn_by <= 1
                                  ? view->names[view->withdrawn_by]
                                  : "",
                                view->withdrawn_on);
  else if (view->closed_on != NULL)
    /* Translators: %s is the date an application was closed. */
    subtitle = g_strdup_printf (_ ("Closed on %s"), view->closed_on);
  else
    {
      g_autofree char *today = format_date (&self->today);
      /* Translators: %s is today's date. */
      subtitle = g_strdup_printf (_ ("Today is %s"), today);
    }
  adw_action_row_set_subtitle (self->state_row, subtitle);

  set_date_row (self, self->t0_row, self->t0_label, &dl->accepted, FALSE, FALSE);
  if (step_operator (self, CIV_DIVORCE_STATE_COOLING) != NULL)
    {
      /* Translators: %s is the name of the registrar who accepted the application. */
      g_autofree char *by =
        g_strdup_printf (_ ("Accepted by %s"), step_operator (self, CIV_DIVORCE_STATE_COOLING));
      adw_action_row_set_subtitle (self->t0_row, by);
    }
  set_date_row (self, self->cooling_row, self->cooling_label, &dl->cooling_off_end, dl->provisional,
                open && phase == CIV_DIVORCE_PHASE_COOLING);
  set_date_row (self, self->window_start_row, self->window_start_label, &dl->window_start,
                dl->provisional, FALSE);
  set_date_row (self, self->window_end_row, self->window_end_label, &dl->window_end,
                dl->provisional, open && phase == CIV_DIVORCE_PHASE_WINDOW);
  set_date_row (self, self->lapse_row, self->lapse_label, &dl->lapsed_from, dl->provisional,
                open && phase == CIV_DIVORCE_PHASE_LAPSED);

  if (open && phase == CIV_DIVORCE_PHASE_COOLING)
    {
      /* Translators: %s is a spouse's name. */
      g_autofree char *a = g_strdup_printf (_ ("Withdrawn by %s…"), view->names[0]);
      /* Translators: %s is a spouse's name. */
      g_autofree char *b = g_strdup_printf (_ ("Withdrawn by %s…"), view->names[1]);

      gtk_button_set_label (GTK_BUTTON (self->withdraw_a_button), a);
      gtk_button_set_label (GTK_BUTTON (self->withdraw_b_button), b);
      gtk_widget_set_visible (self->withdraw_group, TRUE);
    }
  if (open && phase == CIV_DIVORCE_PHASE_WINDOW)
    gtk_widget_set_visible (self->issue_group, TRUE);
  /* The receipt while the application runs (R-D5); the certificate once issued (R-D7). */
  gtk_widget_set_visible (self->print_receipt_button, open);
  gtk_widget_set_visible (self->print_certificate_button,
                          civ_divorce_state_from_db (d->state) == CIV_DIVORCE_STATE_REGISTERED &&
                            d->certificate_no != NULL);
}

static void
show_result (CivDivorcePage *self, CivDivorceOutcome *result)
{
  const CivMarriageVersion *m;
  g_autofree char          *names = NULL;
  g_autofree char          *subtitle = NULL;
  gboolean                  may_apply;

  hide_all (self);
  g_clear_pointer (&self->view, civ_divorce_view_free);
  g_clear_pointer (&self->steps, g_ptr_array_unref);
  g_clear_pointer (&self->marriage_record_id, g_free);
  if (result->marriage == NULL)
    {
      civ_ui_show_message (self->message_label,
                           _ ("This marriage is not in the records. Check the number on the "
                              "certificate."));
      return;
    }
  civ_ui_show_message (self->message_label, NULL);
  self->marriage_record_id = g_strdup (result->marriage->record_id);
  m = civ_marriage_record_current (result->marriage);
  /* Translators: the two spouses. */
  names = g_strdup_printf (_ ("%1$s and %2$s"), m->party[0].name, m->party[1].name);
  /* Translators: %1$s the marriage certificate number, %2$s the registration date. */
  subtitle =
    g_strdup_printf (_ ("%1$s, registered %2$s"), m->certificate_no ? m->certificate_no : "",
                     civ_marriage_record_current (result->marriage)->registration_date);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->couple_row), names);
  adw_action_row_set_subtitle (self->couple_row, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->couple_row), TRUE);

  self->view = g_steal_pointer (&result->view);
  self->steps = g_steal_pointer (&result->steps);
  show_view (self);

  may_apply = civ_marriage_state_from_db (m->state) == CIV_MARRIAGE_STATE_REGISTERED &&
              (self->view == NULL ||
               civ_divorce_state_from_db (self->view->divorce->state) != CIV_DIVORCE_STATE_COOLING);
  gtk_widget_set_visible (self->apply_group, may_apply);
  if (civ_marriage_state_from_db (m->state) != CIV_MARRIAGE_STATE_REGISTERED && self->view == NULL)
    civ_ui_show_message (self->message_label,
                         _ ("R-D3: this marriage is no longer registered; no divorce application "
                            "can be accepted."));
}

static void
set_busy (CivDivorcePage *self, gboolean busy)
{
  self->busy = busy;
  if (busy)
    civ_ui_release_focus (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "divorce.find", !busy && !self->searching);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "divorce.take", !busy && !self->searching);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "divorce.accept", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "divorce.issue", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "divorce.withdraw", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "divorce.print-notice",
                                 !busy && !self->printing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "divorce.print-receipt",
                                 !busy && !self->printing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "divorce.print-certificate",
                                 !busy && !self->printing);
}

static void
set_searching (CivDivorcePage *self, gboolean searching)
{
  self->searching = searching;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy || searching);
  gtk_spinner_set_spinning (self->spinner, self->busy || searching);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "divorce.find", !self->busy && !searching);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "divorce.take", !self->busy && !searching);
}

static void reload_open (CivDivorcePage *self);

static void
set_printing (CivDivorcePage *self, gboolean printing)
{
  self->printing = printing;
  set_busy (self, self->busy);
}

static void
on_job_done_cb (GObject *source, GAsyncResult *res, gpointer user_data)
{
  CivDivorcePage    *self = CIV_DIVORCE_PAGE (source);
  CivDivorceStepKind action = GPOINTER_TO_INT (user_data);
  g_autoptr (GError) error = NULL;
  CivDivorceOutcome *result = civ_divorce_step_finish (self->session, res, &error);

  if (result == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      if (!civ_session_get_locked (self->session))
        {
          g_autofree char *message = civ_ui_describe_error (error);
          civ_ui_show_message (self->message_label, message);
        }
      return;
    }
  set_busy (self, FALSE);
  show_result (self, result);
  /* What was accepted, withdrawn, issued or lapsed leaves or joins the list. */
  reload_open (self);
  if (result->lapsed > 0)
    {
      g_autofree char *message =
        g_strdup_printf (ngettext ("%u divorce application lapsed (R-D6)",
                                   "%u divorce applications lapsed (R-D6)", result->lapsed),
                         result->lapsed);
      civ_ui_toast (GTK_WIDGET (self), message);
    }
  if (action == CIV_DIVORCE_STEP_ACCEPT && self->view != NULL)
    {
      gboolean cooling =
        civ_divorce_state_from_db (self->view->divorce->state) == CIV_DIVORCE_STATE_COOLING;

      reset_application_form (self);
      civ_ui_toast (GTK_WIDGET (self), cooling
                                         ? _ ("Application accepted; the cooling-off period runs")
                                         : _ ("Application not accepted; the reasons are stored"));
      /* Next at the counter: the receipt (R-D5) or, on request, the notice (R-D3). */
      gtk_widget_grab_focus (cooling ? self->print_receipt_button : self->print_notice_button);
    }
  else if (action == CIV_DIVORCE_STEP_WITHDRAW)
    {
      reset_application_form (self);
      civ_ui_toast (GTK_WIDGET (self), _ ("The application was withdrawn"));
    }
  else if (action == CIV_DIVORCE_STEP_ISSUE && result->issued != NULL)
    {
      g_autofree char *message = NULL;

      reset_application_form (self);
      if (result->issued->certificate_no)
        /* Translators: %s is the divorce certificate number. */
        message = g_strdup_printf (_ ("Divorce registered: %s"), result->issued->certificate_no);
      else
        message = g_strdup (_ ("R-D7: consent was not confirmed; the divorce was refused"));
      civ_ui_toast (GTK_WIDGET (self), message);
      if (gtk_widget_get_visible (self->print_certificate_button))
        gtk_widget_grab_focus (self->print_certificate_button);
    }
  civ_divorce_outcome_free (result);
}

/* Queues a step on the page's marriage (civ-divorce-desk.h). */
static void
queue_step (CivDivorcePage *self, CivDivorceRequest *request)
{
  CivDivorceStepKind step = request->step;

  if (self->session == NULL || self->busy)
    {
      civ_divorce_request_free (request);
      return;
    }
  request->today = self->today;
  if (request->key == NULL)
    request->key = g_strdup (self->key);
  set_busy (self, TRUE);
  civ_divorce_step_async (self->session, self, request, self->cancellable, on_job_done_cb,
                          GINT_TO_POINTER (step));
}

static CivDivorceRequest *
request_new (CivDivorcePage *self, CivDivorceStepKind step)
{
  return civ_divorce_request_new (step, self->key, &self->today);
}

/* Opens the marriage @key (its certificate number or record id) and its
 * newest application. */
static void
open_marriage (CivDivorcePage *self, const char *key)
{
  g_free (self->key);
  self->key = g_strstrip (g_strdup (key));
  if (*self->key == '\0')
    {
      g_clear_pointer (&self->key, g_free);
      return;
    }
  /* A new lookup replaces one still queued; the worker runs it after
   * anything already running, so it shows what that wrote. */
  civ_ui_renew_cancellable (&self->cancellable);
  self->printing = FALSE;
  set_busy (self, FALSE);
  queue_step (self, request_new (self, CIV_DIVORCE_STEP_FIND));
}

static void
clear_matches (CivDivorcePage *self)
{
  for (guint i = 0; i < self->match_rows->len; i++)
    adw_preferences_group_remove (self->matches_group, g_ptr_array_index (self->match_rows, i));
  g_ptr_array_set_size (self->match_rows, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->matches_group), FALSE);
}

static void
on_match_row_activated_cb (AdwActionRow *row, CivDivorcePage *self)
{
  g_autofree char *key = g_strdup (g_object_get_data (G_OBJECT (row), "key"));

  if (key == NULL || self->busy)
    return;
  clear_matches (self);
  reset_application_form (self);
  open_marriage (self, key);
}

/* "王强 and 赵敏" */
static char *
couple_names (const char *a, const char *b)
{
  /* Translators: the two spouses. */
  return g_strdup_printf (_ ("%1$s and %2$s"), a ? a : "", b ? b : "");
}

static GtkWidget *
match_row_new (CivDivorcePage *self, const CivDivorceMatch *match)
{
  GtkWidget       *row = adw_action_row_new ();
  g_autofree char *title = couple_names (match->names[0], match->names[1]);
  g_autofree char *subtitle = NULL;
  const char      *state = civ_marriage_state_label_db (match->marriage_state);

  if (match->divorce_state != NULL)
    /* Translators: %1$s the marriage certificate number, %2$s the registration
     * date, %3$s the marriage's state, %4$s its newest divorce application's state. */
    subtitle =
      g_strdup_printf (_ ("%1$s, registered %2$s · %3$s · divorce application: %4$s"),
                       match->certificate_no ? match->certificate_no : "", match->registration_date,
                       state, civ_divorce_state_label_db (match->divorce_state));
  else
    /* Translators: %1$s the marriage certificate number, %2$s the registration
     * date, %3$s the marriage's state. */
    subtitle = g_strdup_printf (_ ("%1$s, registered %2$s · %3$s"),
                                match->certificate_no ? match->certificate_no : "",
                                match->registration_date, state);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "key", g_strdup (civ_divorce_match_key (match)), g_free);
  g_signal_connect_object (row, "activated", G_CALLBACK (on_match_row_activated_cb), self, 0);
  return row;
}

static void
on_find_done_cb (GObject *source, GAsyncResult *res, gpointer user_data)
{
  CivDivorcePage *self = CIV_DIVORCE_PAGE (source);
  g_autoptr (GError) error = NULL;
  gboolean more = FALSE;
  g_autoptr (GPtrArray) matches = civ_divorce_find_finish (self->session, res, &more, &error);
  g_autofree char *text = NULL;

  if (matches == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_searching (self, FALSE);
  if (matches == NULL)
    {
      if (!civ_session_get_locked (self->session))
        {
          g_autofree char *message = civ_ui_describe_error (error);
          civ_ui_show_message (self->message_label, message);
        }
      return;
    }
  text = civ_ui_stripped_text (self->find_row);
  if (matches->len == 0)
    {
      g_autofree char *message = g_strdup_printf (
        /* Translators: %s is what the registrar typed. */
        _ ("No registered marriage matches “%s”. Check the certificate number, the identity "
           "number or the name."),
        text);
      civ_ui_show_message (self->message_label, message);
      return;
    }
  if (matches->len == 1)
    {
      open_marriage (self, civ_divorce_match_key (g_ptr_array_index (matches, 0)));
      return;
    }
  /* Several: the registrar picks the couple standing at the counter. */
  civ_ui_show_message (self->message_label, NULL);
  adw_preferences_group_set_description (
    self->matches_group,
    more ? _ ("More marriages match than are shown: type the full name or an identity number")
         : _ ("Several marriages match: choose the couple at the counter"));
  for (guint i = 0; i < matches->len; i++)
    {
      GtkWidget *row = match_row_new (self, g_ptr_array_index (matches, i));

      adw_preferences_group_add (self->matches_group, row);
      g_ptr_array_add (self->match_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->matches_group), TRUE);
  gtk_widget_grab_focus (g_ptr_array_index (self->match_rows, 0));
}

/* Looks up the couple: @text is a marriage certificate number, either
 * spouse's identity number or a name. One match opens; several are listed. */
void
civ_divorce_page_find (CivDivorcePage *self, const char *text)
{
  g_autofree char *key = NULL;

  g_return_if_fail (CIV_IS_DIVORCE_PAGE (self));
  g_return_if_fail (text != NULL);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->find_row)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->find_row), text);
  key = g_strstrip (g_strdup (text));
  if (*key == '\0' || self->session == NULL)
    return;
  /* Whatever was shown is not the answer to this question. */
  civ_ui_renew_cancellable (&self->cancellable);
  civ_ui_renew_cancellable (&self->find_cancellable);
  self->printing = FALSE;
  set_busy (self, FALSE);
  hide_all (self);
  clear_matches (self);
  g_clear_pointer (&self->view, civ_divorce_view_free);
  g_clear_pointer (&self->steps, g_ptr_array_unref);
  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->marriage_record_id, g_free);
  civ_ui_show_message (self->message_label, NULL);
  set_searching (self, TRUE);
  civ_divorce_find_async (self->session, self, key, self->find_cancellable, on_find_done_cb, NULL);
}

static void
on_take_done_cb (GObject *source, GAsyncResult *res, gpointer user_data)
{
  CivDivorcePage *self = CIV_DIVORCE_PAGE (source);
  g_autoptr (GError) error = NULL;
  g_autofree char *taken = civ_divorce_take_finish (self->session, res, &error);

  if (taken == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (taken == NULL)
    {
      if (!civ_session_get_locked (self->session))
        {
          g_autofree char *message = civ_ui_describe_error (error);
          civ_ui_show_message (self->message_label, message);
        }
      return;
    }
  civ_ui_toast (GTK_WIDGET (self),
                _ ("The application is handled at this window now; the marriage is in its "
                   "records"));
  reload_open (self);
  /* Its marriage, with the application. */
  open_marriage (self, taken);
}

/* R-D6: an application accepted at another window of the office, taken
 * here by what the registrar typed. */
static void
on_take_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivDivorcePage  *self = CIV_DIVORCE_PAGE (widget);
  g_autofree char *key = civ_ui_stripped_text (self->find_row);

  if (self->session == NULL || self->busy)
    return;
  if (*key == '\0')
    {
      civ_ui_show_message (self->message_label,
                           _ ("Type the marriage certificate number, a spouse's identity number "
                              "or the application number, then take the application."));
      gtk_widget_grab_focus (GTK_WIDGET (self->find_row));
      return;
    }
  civ_ui_show_message (self->message_label, NULL);
  clear_matches (self);
  civ_ui_renew_cancellable (&self->cancellable);
  set_busy (self, TRUE);
  civ_divorce_take_async (self->session, self, key, &self->today, self->cancellable,
                          on_take_done_cb, NULL);
}

static void
on_find_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivDivorcePage  *self = CIV_DIVORCE_PAGE (widget);
  g_autofree char *key = civ_ui_stripped_text (self->find_row);

  if (*key == '\0' || self->busy || self->searching)
    return;
  reset_application_form (self);
  civ_divorce_page_find (self, key);
}

/* The office's open applications (civ-divorce-lapses.h). */
static void
on_open_row_activated_cb (AdwActionRow *row, CivDivorcePage *self)
{
  const char *number = g_object_get_data (G_OBJECT (row), "certificate-no");
  const char *key = g_object_get_data (G_OBJECT (row), "key");

  if (key == NULL || self->busy)
    return;
  civ_ui_renew_cancellable (&self->find_cancellable);
  set_searching (self, FALSE);
  clear_matches (self);
  civ_ui_show_message (self->message_label, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->find_row), number ? number : "");
  reset_application_form (self);
  open_marriage (self, key);
}

static GtkWidget *
open_row_new (CivDivorcePage *self, const CivDivorceOpen *open)
{
  GtkWidget       *row = adw_action_row_new ();
  GtkWidget       *state = gtk_label_new (civ_divorce_phase_label (open->phase));
  GtkWidget       *tag;
  g_autofree char *title = couple_names (open->names[0], open->names[1]);
  g_autofree char *deadline = format_date (&open->deadline);
  const char      *number = open->marriage_certificate_no ? open->marriage_certificate_no : "";
  g_autofree char *subtitle = NULL;
  g_autofree char *when = NULL;

  if (open->phase == CIV_DIVORCE_PHASE_COOLING)
    /* Translators: %1$s the marriage certificate number, %2$s the last day of the
     * cooling-off period (R-D5). */
    subtitle = g_strdup_printf (_ ("%1$s · cooling-off period until %2$s"), number, deadline);
  else
    /* Translators: %1$s the marriage certificate number, %2$s the last day of the
     * issuance window (R-D6). */
    subtitle = g_strdup_printf (_ ("%1$s · certificate to be issued by %2$s"), number, deadline);
  if (open->provisional)
    {
      g_autofree char *plain = g_steal_pointer (&subtitle);

      /* Translators: a date the holiday table does not cover yet. */
      subtitle = g_strdup_printf (_ ("%s (provisional)"), plain);
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_widget_set_valign (state, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (state, "caption-heading");
  gtk_widget_add_css_class (state, open->phase == CIV_DIVORCE_PHASE_WINDOW ? "success" : "accent");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), state);
  if (open->days_left == 0)
    when = g_strdup (open->phase == CIV_DIVORCE_PHASE_COOLING ? _ ("Last day to withdraw")
                                                              : _ ("Last day to issue"));
  else
    when =
      g_strdup_printf (ngettext ("%d day left", "%d days left", open->days_left), open->days_left);
  tag = gtk_label_new (when);
  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (tag, "caption");
  gtk_widget_add_css_class (tag, "numeric");
  if (civ_divorce_open_is_urgent (open))
    gtk_widget_add_css_class (tag, open->days_left == 0 ? "error" : "warning");
  else
    gtk_widget_add_css_class (tag, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "key", g_strdup (civ_divorce_open_key (open)), g_free);
  g_object_set_data_full (G_OBJECT (row), "certificate-no",
                          g_strdup (open->marriage_certificate_no), g_free);
  g_signal_connect_object (row, "activated", G_CALLBACK (on_open_row_activated_cb), self, 0);
  return row;
}

static void
clear_open_rows (CivDivorcePage *self)
{
  for (guint i = 0; i < self->open_rows->len; i++)
    adw_preferences_group_remove (self->open_group, g_ptr_array_index (self->open_rows, i));
  g_ptr_array_set_size (self->open_rows, 0);
  gtk_widget_set_visible (self->open_empty_row, TRUE);
}

static void
on_open_done_cb (GObject *source, GAsyncResult *res, gpointer user_data)
{
  CivDivorcePage *self = CIV_DIVORCE_PAGE (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = civ_divorce_open_finish (self->session, res, &error);

  if (list == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading_open = FALSE;
  clear_open_rows (self);
  if (list == NULL)
    {
      if (!civ_session_get_locked (self->session))
        g_message ("The open divorce applications could not be read: %s", error->message);
      return;
    }
  for (guint i = 0; i < list->len; i++)
    {
      GtkWidget *row = open_row_new (self, g_ptr_array_index (list, i));

      adw_preferences_group_add (self->open_group, row);
      g_ptr_array_add (self->open_rows, row);
    }
  gtk_widget_set_visible (self->open_empty_row, list->len == 0);
}

static void
reload_open (CivDivorcePage *self)
{
  if (self->session == NULL || civ_session_get_locked (self->session) ||
      !g_date_valid (&self->today))
    return;
  civ_ui_renew_cancellable (&self->open_cancellable);
  self->loading_open = TRUE;
  civ_divorce_open_async (self->session, self, &self->today, self->open_cancellable,
                          on_open_done_cb, NULL);
}

static void
on_find_row_activated_cb (CivDivorcePage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "divorce.find", NULL);
}

static void
on_row_entry_activated_cb (CivDivorcePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (root != NULL)
    gtk_widget_child_focus (GTK_WIDGET (root), GTK_DIR_TAB_FORWARD);
}

static void
on_accept_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivDivorcePage    *self = CIV_DIVORCE_PAGE (widget);
  CivDivorceRequest *request;

  if (self->key == NULL)
    return;
  request = request_new (self, CIV_DIVORCE_STEP_ACCEPT);
  request->agreement_ref = civ_ui_stripped_text (self->agreement_row);
  request->application.both_present = gtk_switch_get_active (self->present_switch);
  request->application.agreement_signed = gtk_switch_get_active (self->agreement_switch);
  request->application.both_capable = gtk_switch_get_active (self->capable_switch);
  request->application.certificates_presented = gtk_switch_get_active (self->certificates_switch);
  queue_step (self, request);
}

static void
on_withdraw_dialog_response_cb (AdwMessageDialog *dialog,
                                const char       *response,
                                CivDivorcePage   *self)
{
  CivDivorceRequest *request;

  if (g_strcmp0 (response, "withdraw") != 0 || self->view == NULL)
    return;
  request = request_new (self, CIV_DIVORCE_STEP_WITHDRAW);
  request->record_id = g_strdup (self->view->divorce->record_id);
  request->party = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "party"));
  queue_step (self, request);
}

/* divorce.withdraw (u): the spouse who withdraws in person, 0 or 1. */
static void
on_withdraw_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivDivorcePage   *self = CIV_DIVORCE_PAGE (widget);
  guint             party = MIN (g_variant_get_uint32 (parameter), 1);
  GtkRoot          *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  if (self->view == NULL || !GTK_IS_WINDOW (root))
    return;
  dialog = ADW_MESSAGE_DIALOG (
    adw_message_dialog_new (GTK_WINDOW (root), _ ("Withdraw the Divorce Application?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  /* Translators: %s is a spouse's name. */
                                  _ ("%s withdraws the application in person. The "
                                     "withdrawal is recorded and cannot be undone; the couple "
                                     "must apply again to divorce."),
                                  self->view->names[party]);
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "withdraw", _ ("_Withdraw"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "withdraw", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_window_set_application (GTK_WINDOW (dialog), gtk_window_get_application (GTK_WINDOW (root)));
  g_object_set_data (G_OBJECT (dialog), "party", GUINT_TO_POINTER (party));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_withdraw_dialog_response_cb), self,
                           0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
queue_issue (CivDivorcePage *self, const char *record_id, gboolean both_present, gboolean consent)
{
  CivDivorceRequest *request = request_new (self, CIV_DIVORCE_STEP_ISSUE);

  request->record_id = g_strdup (record_id);
  request->both_present = both_present;
  request->consent = consent;
  queue_step (self, request);
}

static void
on_issue_dialog_response_cb (AdwMessageDialog *dialog, const char *response, CivDivorcePage *self)
{
  const char *record_id = g_object_get_data (G_OBJECT (dialog), "record-id");
  gboolean    consent = g_strcmp0 (response, "issue") == 0;

  if ((!consent && g_strcmp0 (response, "refuse") != 0) || self->view == NULL ||
      g_strcmp0 (record_id, self->view->divorce->record_id) != 0)
    return;
  queue_issue (self, record_id, TRUE, consent);
}

/* divorce.issue: R-D7 at the window. Issuing dissolves the marriage and
 * refusing closes the application: either is confirmed first, naming both
 * spouses, with Cancel as the default. */
static void
on_issue_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivDivorcePage   *self = CIV_DIVORCE_PAGE (widget);
  GtkRoot          *root = gtk_widget_get_root (GTK_WIDGET (self));
  gboolean          consent;
  AdwMessageDialog *dialog;
  const char       *number;

  if (self->view == NULL || self->busy)
    return;
  /* Without both spouses nothing is decided: the service says why (R-D6). */
  if (!gtk_switch_get_active (self->both_switch) || !GTK_IS_WINDOW (root))
    {
      queue_issue (self, self->view->divorce->record_id, gtk_switch_get_active (self->both_switch),
                   gtk_switch_get_active (self->consent_switch));
      return;
    }
  consent = gtk_switch_get_active (self->consent_switch);
  number = self->view->marriage_certificate_no ? self->view->marriage_certificate_no : "";
  if (consent)
    {
      dialog = ADW_MESSAGE_DIALOG (
        adw_message_dialog_new (GTK_WINDOW (root), _ ("Issue the Divorce Certificate?"), NULL));
      adw_message_dialog_format_body (
        dialog,
        /* Translators: %1$s and %2$s are the spouses' names, %3$s the marriage certificate number. */
        _ ("%1$s and %2$s are present together and confirm their consent and agreement "
           "(R-D7). They receive the divorce certificate and their marriage (%3$s) is dissolved. "
           "This cannot be undone."),
        self->view->names[0], self->view->names[1], number);
      adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "issue",
                                        _ ("_Issue Certificate"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "issue", ADW_RESPONSE_SUGGESTED);
    }
  else
    {
      dialog = ADW_MESSAGE_DIALOG (
        adw_message_dialog_new (GTK_WINDOW (root), _ ("Refuse the Divorce?"), NULL));
      adw_message_dialog_format_body (
        dialog,
        /* Translators: %1$s and %2$s are the spouses' names, %3$s the marriage certificate number. */
        _ ("Consent and the agreement were not confirmed for %1$s and %2$s. The divorce is "
           "refused, the application is closed and the marriage (%3$s) stays registered; to "
           "divorce they must apply again."),
        self->view->names[0], self->view->names[1], number);
      adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "refuse",
                                        _ ("_Refuse Divorce"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "refuse", ADW_RESPONSE_DESTRUCTIVE);
    }
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  /* Part of the application, so locking closes it. */
  gtk_window_set_application (GTK_WINDOW (dialog), gtk_window_get_application (GTK_WINDOW (root)));
  g_object_set_data_full (G_OBJECT (dialog), "record-id", g_strdup (self->view->divorce->record_id),
                          g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_issue_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_open_record_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivDivorcePage *self = CIV_DIVORCE_PAGE (widget);

  if (self->marriage_record_id == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-record", "s", self->marriage_record_id);
}

/* Printing (civ-print-job.h): the application is read again on the worker,
 * printed or exported, and the print is recorded. */
typedef struct
{
  CivDivorcePrintKind kind;
  char              **serials; /* the certificate only: one blank per copy (R-N3) */
} PrintRequest;

static void
print_request_free (PrintRequest *request)
{
  g_strfreev (request->serials);
  g_free (request);
}

static GtkPrintOperation *
build_print (CivPrintJob *job, CivPrintable *loaded, gpointer user_data, char **problem)
{
  PrintRequest        *request = user_data;
  CivDivorcePrintData *data = loaded->divorce;
  g_autoptr (GError) refusal = NULL;

  /* What is stored decides: the application may have moved on meanwhile. */
  if (!civ_divorce_print_check (request->kind, data, &refusal))
    {
      *problem = g_strdup (refusal->message);
      return NULL;
    }
  if (request->kind == CIV_PRINT_DIVORCE_CERTIFICATE)
    /* R-N3: the blanks' serials are recorded with the L number. */
    civ_print_job_set_blanks (job, data->view->divorce->certificate_no,
                              (const char *const *) request->serials);
  return civ_print_divorce_operation_new (request->kind, g_steal_pointer (&loaded->divorce),
                                          civ_print_job_get_settings (job));
}

static void
on_print_finished_cb (CivPrintJob *job, gboolean printed, CivDivorcePage *self)
{
  set_printing (self, FALSE);
}

static void
start_print (CivDivorcePage *self, CivDivorcePrintKind kind, const char *const *serials)
{
  g_autoptr (CivPrintJob) job = NULL;
  PrintRequest   *request;
  CivPrintSource *source;

  if (self->session == NULL || self->view == NULL || self->busy || self->printing)
    return;
  request = g_new0 (PrintRequest, 1);
  request->kind = kind;
  request->serials = g_strdupv ((char **) serials);
  job = civ_print_job_new (GTK_WIDGET (self), self->session, self->cancellable);
  /* The receipt and the notice are recorded with the application. */
  if (kind == CIV_PRINT_DIVORCE_CERTIFICATE)
    source = civ_print_source_new_divorce (self->view->divorce->record_id);
  else
    source = civ_print_source_new_divorce_document (self->view->divorce->record_id,
                                                    kind == CIV_PRINT_DIVORCE_RECEIPT
                                                      ? CIV_DIVORCE_DOCUMENT_RECEIPT
                                                      : CIV_DIVORCE_DOCUMENT_NOTICE);
  civ_print_job_set_source (job, source);
  civ_print_job_set_build (job, build_print, request, (GDestroyNotify) print_request_free);
  civ_print_job_set_export (job, self->export_filename, NULL);
  g_signal_connect_object (job, "finished", G_CALLBACK (on_print_finished_cb), self, 0);
  set_printing (self, TRUE);
  civ_print_job_start (job);
}

static void
on_print_notice_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  start_print (CIV_DIVORCE_PAGE (widget), CIV_PRINT_DIVORCE_NOTICE, NULL);
}

static void
on_print_receipt_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  start_print (CIV_DIVORCE_PAGE (widget), CIV_PRINT_DIVORCE_RECEIPT, NULL);
}

static void
on_blank_dialog_print_cb (CivBlankDialog *dialog, char **serials, CivDivorcePage *self)
{
  /* The page may show another application by now. */
  if (self->view != NULL && g_strcmp0 (civ_blank_dialog_get_certificate_no (dialog),
                                       self->view->divorce->certificate_no) == 0)
    start_print (self, CIV_PRINT_DIVORCE_CERTIFICATE, (const char *const *) serials);
}

/* R-N3: two copies, one per former spouse as holder, each on its own blank
 * whose pre-printed serial (NO.) is recorded with the print. */
static void
on_print_certificate_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivDivorcePage   *self = CIV_DIVORCE_PAGE (widget);
  GtkRoot          *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char  *description = NULL;
  const char *const holders[] = { self->view ? self->view->names[0] : NULL,
                                  self->view ? self->view->names[1] : NULL, NULL };
  CivBlankDialog *dialog;

  if (self->session == NULL || self->view == NULL || self->view->divorce->certificate_no == NULL ||
      holders[0] == NULL || holders[1] == NULL || !GTK_IS_WINDOW (root))
    return;
  description = g_strdup_printf (
    /* Translators: %s is the divorce certificate number (L…). */
    _ ("R-N3: %s is printed in two copies, one for each former spouse, each on its own divorce "
       "certificate blank. Put the blanks in the printer in this order and enter the serial "
       "number printed on each blank (NO.)."),
    self->view->divorce->certificate_no);
  dialog =
    civ_blank_dialog_new (GTK_WINDOW (root), self->session, self->view->divorce->certificate_no,
                          holders, _ ("Print the Divorce Certificate"), description);
  g_signal_connect_object (dialog, "print", G_CALLBACK (on_blank_dialog_print_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The couple by a spouse's identity card: its number is looked up as if
 * typed (a resident-ID number finds the marriages of that person). */
static void
find_by_card (CivDivorcePage *self, const CivCardData *card)
{
  if (card->number == NULL || self->busy || self->searching)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->find_row), card->number);
  gtk_widget_activate_action (GTK_WIDGET (self), "divorce.find", NULL);
}

static void
on_card_placed_cb (CivCardReader *reader, CivCardData *card, CivDivorcePage *self)
{
  /* Not while the page is hidden (another page, the lock screen). */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    find_by_card (self, card);
}

static void
on_card_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CivDivorcePage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (CivCardData) card =
    civ_card_reader_read_finish (CIV_CARD_READER (source), result, &error);

  if (card != NULL)
    find_by_card (self, card);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = civ_ui_describe_error (error);
      civ_ui_toast (GTK_WIDGET (self), message);
    }
}

/* F2: the card on the reader finds the couple. */
static void
on_read_card_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivDivorcePage *self = CIV_DIVORCE_PAGE (widget);

  if (self->reader != NULL)
    civ_card_reader_read_async (self->reader, self->find_cancellable, on_card_read_cb,
                                g_object_ref (self));
}

static void
civ_divorce_page_set_session (CivPage *page, CivSession *session)
{
  CivDivorcePage *self = CIV_DIVORCE_PAGE (page);

  g_set_object (&self->session, session);
  if (self->reader == NULL)
    {
      self->reader = civ_card_reader_dup_default ();
      if (self->reader)
        g_signal_connect_object (self->reader, "card-read", G_CALLBACK (on_card_placed_cb), self,
                                 0);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "divorce.read-card", self->reader != NULL);
}

/* The counter's date: deadlines, withdrawal and issuance are judged on it. */
static void
civ_divorce_page_set_today (CivPage *page, const GDate *today)
{
  CivDivorcePage *self = CIV_DIVORCE_PAGE (page);
  gboolean changed = !g_date_valid (&self->today) || g_date_compare (&self->today, today) != 0;

  self->today = *today;
  if (changed && gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload_open (self);
}

static void
civ_divorce_page_reload (CivPage *page)
{
  CivDivorcePage *self = CIV_DIVORCE_PAGE (page);

  if (self->key != NULL && !self->busy)
    {
      g_autofree char *key = g_strdup (self->key);
      open_marriage (self, key);
    }
  reload_open (self);
  /* Keyboard first: the couple is found from here. */
  if (!self->busy && !self->searching && self->match_rows->len == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->find_row));
}

static void
civ_divorce_page_clear (CivPage *page)
{
  CivDivorcePage *self = CIV_DIVORCE_PAGE (page);

  civ_ui_renew_cancellable (&self->cancellable);
  civ_ui_renew_cancellable (&self->find_cancellable);
  civ_ui_renew_cancellable (&self->open_cancellable);
  self->printing = FALSE;
  self->loading_open = FALSE;
  set_busy (self, FALSE);
  set_searching (self, FALSE);
  hide_all (self);
  clear_matches (self);
  clear_open_rows (self);
  g_clear_pointer (&self->view, civ_divorce_view_free);
  g_clear_pointer (&self->steps, g_ptr_array_unref);
  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->marriage_record_id, g_free);
  gtk_editable_set_text (GTK_EDITABLE (self->find_row), "");
  civ_ui_show_message (self->message_label, NULL);
  reset_application_form (self);
}

const char *
_civ_divorce_page_get_state (CivDivorcePage *self)
{
  g_return_val_if_fail (CIV_IS_DIVORCE_PAGE (self), NULL);
  return self->view ? self->view->divorce->state : NULL;
}

const char *
_civ_divorce_page_get_certificate_no (CivDivorcePage *self)
{
  g_return_val_if_fail (CIV_IS_DIVORCE_PAGE (self), NULL);
  return self->view ? self->view->divorce->certificate_no : NULL;
}

gboolean
_civ_divorce_page_is_busy (CivDivorcePage *self)
{
  g_return_val_if_fail (CIV_IS_DIVORCE_PAGE (self), FALSE);
  return self->busy || self->printing || self->searching || self->loading_open;
}

guint
_civ_divorce_page_get_n_open (CivDivorcePage *self)
{
  g_return_val_if_fail (CIV_IS_DIVORCE_PAGE (self), 0);
  return self->open_rows->len;
}

AdwActionRow *
_civ_divorce_page_get_open_row (CivDivorcePage *self, guint i)
{
  g_return_val_if_fail (CIV_IS_DIVORCE_PAGE (self), NULL);
  g_return_val_if_fail (i < self->open_rows->len, NULL);
  return g_ptr_array_index (self->open_rows, i);
}

guint
_civ_divorce_page_get_n_matches (CivDivorcePage *self)
{
  g_return_val_if_fail (CIV_IS_DIVORCE_PAGE (self), 0);
  return self->match_rows->len;
}

AdwActionRow *
_civ_divorce_page_get_match_row (CivDivorcePage *self, guint i)
{
  g_return_val_if_fail (CIV_IS_DIVORCE_PAGE (self), NULL);
  g_return_val_if_fail (i < self->match_rows->len, NULL);
  return g_ptr_array_index (self->match_rows, i);
}

const char *
_civ_divorce_page_get_message (CivDivorcePage *self)
{
  g_return_val_if_fail (CIV_IS_DIVORCE_PAGE (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->message_label))
           ? gtk_label_get_label (self->message_label)
           : NULL;
}

void
_civ_divorce_page_set_export_filename (CivDivorcePage *self, const char *path)
{
  g_return_if_fail (CIV_IS_DIVORCE_PAGE (self));

  g_free (self->export_filename);
  self->export_filename = g_strdup (path);
}

static void
civ_divorce_page_dispose (GObject *object)
{
  CivDivorcePage *self = CIV_DIVORCE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->find_cancellable);
  g_cancellable_cancel (self->open_cancellable);
  g_ptr_array_set_size (self->reason_rows, 0);
  g_ptr_array_set_size (self->phase_tags, 0);
  g_ptr_array_set_size (self->match_rows, 0);
  g_ptr_array_set_size (self->open_rows, 0);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CIV_TYPE_DIVORCE_PAGE);
  g_clear_object (&self->session);
  if (self->reader)
    g_signal_handlers_disconnect_by_data (self->reader, self);
  g_clear_object (&self->reader);
  G_OBJECT_CLASS (civ_divorce_page_parent_class)->dispose (object);
}

static void
civ_divorce_page_finalize (GObject *object)
{
  CivDivorcePage *self = CIV_DIVORCE_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->find_cancellable);
  g_clear_object (&self->open_cancellable);
  g_clear_pointer (&self->view, civ_divorce_view_free);
  g_clear_pointer (&self->steps, g_ptr_array_unref);
  g_ptr_array_unref (self->reason_rows);
  g_ptr_array_unref (self->phase_tags);
  g_ptr_array_unref (self->match_rows);
  g_ptr_array_unref (self->open_rows);
  g_free (self->key);
  g_free (self->marriage_record_id);
  g_free (self->export_filename);
  G_OBJECT_CLASS (civ_divorce_page_parent_class)->finalize (object);
}

static void
civ_divorce_page_class_init (CivDivorcePageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civ_divorce_page_dispose;
  object_class->finalize = civ_divorce_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/civreg/Civreg/ui/civ-divorce-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CivDivorcePage, name)
  BIND (spinner);
  BIND (find_row);
  BIND (find_button);
  BIND (take_button);
  BIND (couple_row);
  BIND (open_record_button);
  BIND (print_notice_button);
  BIND (print_receipt_button);
  BIND (print_certificate_button);
  BIND (message_label);
  BIND (matches_group);
  BIND (open_group);
  BIND (open_empty_row);
  BIND (apply_group);
  BIND (present_switch);
  BIND (agreement_switch);
  BIND (agreement_row);
  BIND (capable_switch);
  BIND (certificates_switch);
  BIND (accept_button);
  BIND (reasons_group);
  BIND (timeline_group);
  BIND (state_row);
  BIND (t0_row);
  BIND (t0_label);
  BIND (cooling_row);
  BIND (cooling_label);
  BIND (window_start_row);
  BIND (window_start_label);
  BIND (window_end_row);
  BIND (window_end_label);
  BIND (lapse_row);
  BIND (lapse_label);
  BIND (withdraw_group);
  BIND (withdraw_a_button);
  BIND (withdraw_b_button);
  BIND (issue_group);
  BIND (both_switch);
  BIND (consent_switch);
  BIND (issue_button);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_find_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "divorce.find", NULL, on_find_activated);
  gtk_widget_class_install_action (widget_class, "divorce.take", NULL, on_take_activated);
  /* F2 finds the couple by the identity card on the reader. */
  gtk_widget_class_install_action (widget_class, "divorce.read-card", NULL, on_read_card_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "divorce.read-card", NULL);
  gtk_widget_class_install_action (widget_class, "divorce.open-record", NULL,
                                   on_open_record_activated);
  gtk_widget_class_install_action (widget_class, "divorce.accept", NULL, on_accept_activated);
  gtk_widget_class_install_action (widget_class, "divorce.withdraw", "u", on_withdraw_activated);
  gtk_widget_class_install_action (widget_class, "divorce.issue", NULL, on_issue_activated);
  gtk_widget_class_install_action (widget_class, "divorce.print-notice", NULL,
                                   on_print_notice_activated);
  gtk_widget_class_install_action (widget_class, "divorce.print-receipt", NULL,
                                   on_print_receipt_activated);
  gtk_widget_class_install_action (widget_class, "divorce.print-certificate", NULL,
                                   on_print_certificate_activated);
}

static void
civ_divorce_page_page_init (CivPageInterface *iface)
{
  iface->id = "divorce";
  iface->title = N_ ("Divorce Registration");
  /* Two ways parting (Adwaita, GTK 4.8); the marriage page has the heart. */
  iface->icon_name = "object-flip-horizontal-symbolic";
  iface->permission = CIV_PERM_REGISTER_MARRIAGE;
  iface->set_session = civ_divorce_page_set_session;
  iface->set_today = civ_divorce_page_set_today;
  iface->reload = civ_divorce_page_reload;
  iface->clear = civ_divorce_page_clear;
}

static void
civ_divorce_page_init (CivDivorcePage *self)
{
  self->cancellable = g_cancellable_new ();
  self->find_cancellable = g_cancellable_new ();
  self->open_cancellable = g_cancellable_new ();
  self->reason_rows = g_ptr_array_new ();
  self->phase_tags = g_ptr_array_new ();
  self->match_rows = g_ptr_array_new ();
  self->open_rows = g_ptr_array_new ();
  civ_date_today (&self->today);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "divorce.read-card", FALSE);
}
