// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-record-view.c — one marriage record as registered, with its history */
#include "civ-record-view-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "civ-app-error.h"
#include "civ-blank-dialog.h"
#include "civ-certificate-prints.h"
#include "civ-divorce-documents.h"
#include "civ-document-list.h"
#include "civ-identity-check.h"
#include "civ-historical.h"
#include "civ-idnumber.h"
#include "civ-permissions.h"
#include "civ-print-job.h"
#include "civ-print.h"
#include "civ-correction-dialog.h"
#include "civ-court-judgment-dialog.h"
#include "civ-record-action-dialog.h"
#include "civ-record-query.h"
#include "civ-record-tasks.h"
#include "civ-refdata.h"
#include "civ-registry-annulment-dialog.h"
#include "civ-reissue-dialog.h"
#include "civ-states.h"
#include "civ-ui-util.h"
#include "civ-void-print-dialog.h"

struct _CivRecordView
{
  AdwWindow parent_instance;

  AdwWindowTitle    *title;
  GtkButton         *print_button;
  GtkMenuButton     *actions_button;
  AdwToastOverlay   *toast_overlay;
  GtkStack          *stack;
  AdwStatusPage     *status_page;
  GtkScrolledWindow *scrolled;
  GtkBox            *groups;

  CivSession        *session;
  char              *key;
  GCancellable      *cancellable;
  GHashTable        *enabled; /* the names of the record.* actions enabled now */
  AdwToast          *toast;   /* the last action's outcome while shown */
  CivMarriageRecord *record;  /* as shown: what the action dialogs start from */
  GDate              today;   /* the counter's date */
  char              *export_filename;
  gboolean           loaded;
  guint              n_versions;
};

G_DEFINE_FINAL_TYPE (CivRecordView, civ_record_view, ADW_TYPE_WINDOW)

const char *
civ_record_state_label (const char *state)
{
  return civ_marriage_state_label_db (state);
}

static const char *
sex_label (int sex)
{
  switch (sex)
    {
    case CIV_SEX_MALE:
      return _ ("Male");
    case CIV_SEX_FEMALE:
      return _ ("Female");
    default:
      return _ ("Not stated");
    }
}

static const char *
severity_label (CivSeverity severity)
{
  switch (severity)
    {
    case CIV_SEVERITY_REFUSE:
      return _ ("refuse");
    case CIV_SEVERITY_WARN:
      return _ ("warning");
    case CIV_SEVERITY_INFO:
    case CIV_SEVERITY_NONE:
    default:
      return _ ("information");
    }
}

static const char *
or_dash (const char *text)
{
  return text && *text ? text : "—";
}

static GtkWidget *
value_row (const char *title, const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), or_dash (value));
  gtk_widget_add_css_class (row, "property");
  return row;
}

static char *
party_summary (const CivRecordParty *p)
{
  CivDocKind       kind;
  const char      *doc = p->doc_kind;
  g_autofree char *birth = NULL;

  if (p->doc_kind && civ_doc_kind_from_string (p->doc_kind, &kind))
    doc = civ_doc_kind_display_name (kind);
  /* Translators: a party of a marriage record: sex, birth date, document
   * kind and number, nationality, ethnicity. */
  return g_strdup_printf (_ ("%1$s · born %2$s · %3$s %4$s · %5$s · %6$s"), sex_label (p->sex),
                          or_dash (p->birth_date), or_dash (doc), or_dash (p->doc_number),
                          or_dash (p->nationality), or_dash (p->ethnicity));
}

static GtkWidget *
version_row (const CivMarriageVersion *v, gboolean current)
{
  GtkWidget       *row = adw_expander_row_new ();
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *written = civ_ui_format_local_time (v->created_at);

  /* Translators: %1$d is the version number, %2$s the record's state. */
  title = g_strdup_printf (_ ("Version %1$d: %2$s"), v->version, civ_record_state_label (v->state));
  /* Translators: a version's date and the registrar who wrote it. */
  subtitle = g_strdup_printf (_ ("%1$s · registrar %2$s"), v->registration_date,
                              or_dash (v->registrar_name));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), current);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            value_row (_ ("State"), civ_record_state_label (v->state)));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            value_row (_ ("Registration Date"), v->registration_date));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            value_row (_ ("Effective From"), v->effective_from));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            value_row (_ ("Certificate No."), v->certificate_no));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), value_row (_ ("Reason"), v->reason));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), value_row (_ ("Operator"), v->created_by));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), value_row (_ ("Approved By"), v->approved_by));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), value_row (_ ("Written At"), written));
  if (v->remarks && *v->remarks)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), value_row (_ ("Remarks"), v->remarks));
  if (v->historical)
    {
      CivHistKind      kind = CIV_HIST_MARRIAGE;
      CivNumberEra     era = CIV_NUMBER_ERA_NONE;
      g_autofree char *source = NULL;

      civ_hist_kind_from_string (v->historical_kind, &kind);
      civ_number_era_from_string (v->number_era, &era);
      /* Translators: where a historical record was copied from: the
       * archive number (档号), the volume, the page and the entry. */
      source =
        g_strdup_printf (_ ("%1$s · volume %2$s · page %3$d · entry %4$d"), or_dash (v->archive_no),
                         or_dash (v->volume), v->archive_page, v->archive_entry);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                value_row (_ ("Historical Record"),
                                           civ_hist_kind_display_name (kind)));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                value_row (_ ("Number Format"), civ_number_era_display_name (era)));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), value_row (_ ("Archive Source"), source));
    }
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *party = g_strdup_printf (_ ("Party %u: %s"), i + 1, v->party[i].name);
      g_autofree char *summary = party_summary (&v->party[i]);

      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), value_row (party, summary));
    }
  if (v->findings == NULL || v->findings->len == 0)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                              value_row (_ ("Findings"), _ ("No findings")));
  for (guint i = 0; v->findings && i < v->findings->len; i++)
    {
      const CivFinding *f = g_ptr_array_index (v->findings, i);
      /* Translators: a finding's rule id and severity ("R-M2 (refuse)"). */
      g_autofree char  *rule =
        g_strdup_printf (_ ("%1$s (%2$s)"), f->rule, severity_label (f->severity));

      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), value_row (rule, f->message));
    }
  return row;
}

/* What a certificate number is (R-N1), by its prefix. */
static const char *
certificate_kind_label (const char *number)
{
  if (g_str_has_prefix (number, "BJ"))
    return _ ("Reissued marriage certificate");
  if (g_str_has_prefix (number, "BL"))
    return _ ("Reissued divorce certificate");
  if (g_str_has_prefix (number, "L"))
    return _ ("Divorce certificate");
  return _ ("Marriage certificate");
}

static GtkWidget *
print_row (const CivCertificatePrint *p, gboolean can_void)
{
  g_autofree char *title = NULL;
  g_autofree char *printed = civ_ui_format_local_time (p->printed_at);
  g_autofree char *subtitle = NULL;
  GtkWidget       *row;

  /* Translators: %1$s is the certificate number, %2$s the blank's
   * pre-printed serial number. */
  title = g_strdup_printf (_ ("%1$s on blank No. %2$s"), p->certificate_no, p->blank_serial);
  if (p->voided_at != NULL)
    {
      g_autofree char *voided = civ_ui_format_local_time (p->voided_at);

      if (p->void_approved_by != NULL)
        /* Translators: the kind of certificate; printed at, by; voided at,
         * by, the supervisor who approved the void, and the reason. */
        subtitle = g_strdup_printf (_ ("%1$s · printed %2$s by %3$s · voided %4$s by %5$s, "
                                       "approved by %6$s: %7$s"),
                                    certificate_kind_label (p->certificate_no), printed,
                                    p->printed_by, voided, or_dash (p->voided_by),
                                    p->void_approved_by, or_dash (p->void_reason));
      else
        /* Translators: the kind of certificate; printed at, by; voided at,
         * by, with the reason. */
        subtitle =
          g_strdup_printf (_ ("%1$s · printed %2$s by %3$s · voided %4$s by %5$s: %6$s"),
                           certificate_kind_label (p->certificate_no), printed, p->printed_by,
                           voided, or_dash (p->voided_by), or_dash (p->void_reason));
    }
  else
    /* Translators: the kind of certificate; when and by whom it was printed. */
    subtitle = g_strdup_printf (_ ("%1$s · printed %2$s by %3$s"),
                                certificate_kind_label (p->certificate_no), printed, p->printed_by);
  row = value_row (title, subtitle);
  if (can_void && p->voided_at == NULL)
    {
      /* R-N1: a spoiled print is voided with the blank's serial, never deleted. */
      GtkWidget *button = gtk_button_new_with_mnemonic (_ ("_Void…"));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _ ("Record this print as spoiled"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "record.void-print");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", p->blank_serial);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

static GtkWidget *
new_group (const char *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  return group;
}

/* How each party was identified at the counter (civ-identity-check.h). */
static GtkWidget *
identity_group (const CivMarriageRecord *record)
{
  GtkWidget *group = new_group (_ ("Identity Checks"));

  if (record->identity_checks == NULL || record->identity_checks->len == 0)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                           _ ("No identity check was recorded: the documents were "
                                              "typed in."));
  for (guint i = 0; record->identity_checks && i < record->identity_checks->len; i++)
    {
      const CivIdentityCheckRow *c = g_ptr_array_index (record->identity_checks, i);
      GtkWidget                 *row = adw_action_row_new ();
      g_autofree char           *title = NULL;
      g_autofree char           *subtitle = civ_identity_check_row_describe (c);
      GtkWidget                 *icon = gtk_image_new_from_icon_name (
                        g_strcmp0 (c->result, "passed") == 0 ? "emblem-ok-symbolic" : "dialog-warning-symbolic");

      /* Translators: a party's name and how the party was identified. */
      title = g_strdup_printf (_ ("%1$s: %2$s"), c->party_name,
                               civ_identity_method_label_for_code (c->method));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      if (g_strcmp0 (c->result, "passed") != 0)
        gtk_widget_add_css_class (icon, "warning");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  return group;
}

/* The after-registration actions the operator may take on this record:
 * what the role or the record's state rules out is not offered (the
 * services refuse it again). */
static const struct
{
  const char     *name;
  CivRecordAction action;
  const char     *label;
} menu_actions[] = {
  { "reissue", CIV_RECORD_ACTION_REISSUE, N_ ("_Reissue Certificate…") },
  { "court-judgment", CIV_RECORD_ACTION_COURT_JUDGMENT, N_ ("File Court _Judgment…") },
  { "registry-annulment", CIV_RECORD_ACTION_REGISTRY_ANNULMENT,
    N_ ("Record Registry _Annulment…") },
  { "correct", CIV_RECORD_ACTION_CORRECTION, N_ ("Request _Correction…") },
};

/* The facts of @current that what it allows rests on (civ-record-actions.h). */
static CivRecordFacts
facts_of (const CivMarriageVersion *current)
{
  CivRecordFacts facts = { 0 };

  if (current != NULL)
    {
      facts.state = civ_marriage_state_from_db (current->state);
      facts.registration_date = current->registration_date;
      facts.has_certificate = current->certificate_no != NULL;
      facts.historical = current->historical;
    }
  return facts;
}

static gboolean
may_void (CivRecordView *self, const CivMarriageVersion *current)
{
  CivRecordFacts facts = facts_of (current);

  return civ_record_action_available (CIV_RECORD_ACTION_VOID_PRINT,
                                      civ_session_get_role (self->session), &facts);
}

/* Printing the certificate the couple holds now, on two blanks (R-B3, R-N3). */
static gboolean
may_print_certificate (CivRecordView *self, const CivMarriageRecord *record)
{
  return civ_record_may_print_held (civ_session_get_role (self->session),
                                    record->held_certificate_no);
}

/* The record.* actions (installed in class_init) go through here, so the
 * view knows what it offers. */
static void
set_action_enabled (CivRecordView *self, const char *name, gboolean enabled)
{
  if (enabled)
    g_hash_table_add (self->enabled, g_strdup (name));
  else
    g_hash_table_remove (self->enabled, name);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), name, enabled);
}

static gboolean
is_action_enabled (CivRecordView *self, const char *name)
{
  return g_hash_table_contains (self->enabled, name);
}

static void
update_actions (CivRecordView *self, const CivMarriageRecord *record)
{
  g_autoptr (GMenu) menu = g_menu_new ();
  const CivMarriageVersion *current = civ_marriage_record_current (record);
  CivRole                   role = civ_session_get_role (self->session);
  gboolean                  printable = may_print_certificate (self, record);
  CivRecordFacts            facts = facts_of (current);

  set_action_enabled (self, "record.print-certificate", printable);
  if (printable)
    g_menu_append (menu,
                   civ_certificate_is_divorce (record->held_certificate_no)
                     ? C_ ("divorce certificate", "_Print Certificate…")
                     : C_ ("marriage certificate", "_Print Certificate…"),
                   "record.print-certificate");

  for (guint i = 0; i < G_N_ELEMENTS (menu_actions); i++)
    {
      gboolean         enabled = civ_record_action_available (menu_actions[i].action, role, &facts);
      g_autofree char *detailed = g_strconcat ("record.", menu_actions[i].name, NULL);

      set_action_enabled (self, detailed, enabled);
      if (enabled)
        g_menu_append (menu, _ (menu_actions[i].label), detailed);
    }
  set_action_enabled (self, "record.void-print", may_void (self, current));
  gtk_menu_button_set_menu_model (self->actions_button, G_MENU_MODEL (menu));
  gtk_widget_set_visible (GTK_WIDGET (self->actions_button),
                          g_menu_model_get_n_items (G_MENU_MODEL (menu)) > 0);
}

static void
show_record (CivRecordView *self, const CivMarriageRecord *record)
{
  const CivMarriageVersion *current = civ_marriage_record_current (record);
  GtkWidget                *summary = new_group (_ ("Record"));
  GtkWidget                *history = new_group (_ ("History"));
  GtkWidget                *prints = new_group (_ ("Certificate Prints"));
  GtkWidget                *documents;
  GtkWidget                *child;
  g_autofree char          *names = NULL;
  gboolean                  can_void = may_void (self, current);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups))) != NULL)
    gtk_box_remove (self->groups, child);

  /* Translators: the two parties of a marriage record. */
  names = g_strdup_printf (_ ("%1$s and %2$s"), current->party[0].name, current->party[1].name);
  adw_window_title_set_title (self->title, names);
  adw_window_title_set_subtitle (self->title, current->certificate_no ? current->certificate_no
                                                                      : record->record_id);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (summary),
                             value_row (_ ("Certificate No."), current->certificate_no));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (summary),
                             value_row (_ ("State"), civ_record_state_label (current->state)));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (summary),
                             value_row (_ ("Registration Date"), current->registration_date));
  /* After a reissue or a divorce the couple holds another certificate. */
  if (record->held_certificate_no != NULL &&
      g_strcmp0 (record->held_certificate_no, current->certificate_no) != 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (summary),
                               value_row (_ ("Certificate Held"), record->held_certificate_no));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (summary),
                             value_row (_ ("Office"), current->office_name));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (summary),
                             value_row (_ ("Record ID"), record->record_id));

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (history),
                                         _ ("A registered record is never edited: every change is "
                                            "a new version, newest first."));
  for (guint i = record->versions->len; i > 0; i--)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (history),
                               version_row (g_ptr_array_index (record->versions, i - 1),
                                            i == record->versions->len));

  if (record->prints == NULL || record->prints->len == 0)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (prints),
                                           _ ("No certificate of this record has been printed."));
  else
    adw_preferences_group_set_description (
      ADW_PREFERENCES_GROUP (prints),
      _ ("The marriage and divorce certificates of this record, two copies each, one per spouse, "
         "each on its own blank (R-N3). A spoiled print is voided, never deleted (R-N1)."));
  for (guint i = 0; record->prints && i < record->prints->len; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (prints),
                               print_row (g_ptr_array_index (record->prints, i), can_void));

  gtk_box_append (self->groups, summary);
  gtk_box_append (self->groups, history);
  gtk_box_append (self->groups, identity_group (record));
  gtk_box_append (self->groups, prints);
  documents = civ_document_list_new_for_record (self->session, record->record_id);
  /* A photo taken for a registered marriage is for its reissue (R-B4). */
  civ_document_list_set_photo_kind (CIV_DOCUMENT_LIST (documents), CIV_PHOTO_REISSUE_COUPLE);
  gtk_box_append (self->groups, documents);
  self->n_versions = record->versions->len;
  self->loaded = TRUE;
  set_action_enabled (self, "record.print", TRUE);
  update_actions (self, record);
  gtk_stack_set_visible_child_name (self->stack, "record");
}

static void
show_error (CivRecordView *self, const GError *error)
{
  g_autofree char *message = civ_ui_describe_error (error);

  adw_status_page_set_title (self->status_page, _ ("Cannot Show the Record"));
  adw_status_page_set_description (self->status_page, message);
  gtk_stack_set_visible_child_name (self->stack, "status");
}

static void
on_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivRecordView *self = CIV_RECORD_VIEW (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (CivMarriageRecord) record = NULL;

  record = civ_record_load_finish (self->session, result, &error);
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }
  if (record == NULL)
    {
      adw_status_page_set_title (self->status_page, _ ("No Such Record"));
      adw_status_page_set_description (self->status_page,
                                       _ ("The record was not found in this office."));
      gtk_stack_set_visible_child_name (self->stack, "status");
      return;
    }
  show_record (self, record);
  g_clear_pointer (&self->record, civ_marriage_record_free);
  self->record = g_steal_pointer (&record);
}

/* The extract (civ-print-job.h). */
static GtkPrintOperation *
build_extract (CivPrintJob *job, CivPrintable *loaded, gpointer user_data, char **problem)
{
  return civ_print_operation_new (CIV_PRINT_EXTRACT, g_steal_pointer (&loaded->record),
                                  civ_print_job_get_settings (job));
}

static void
on_extract_finished_cb (CivPrintJob *job, gboolean printed, CivRecordView *self)
{
  set_action_enabled (self, "record.print", TRUE);
}

static void
on_print_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivRecordView *self = CIV_RECORD_VIEW (widget);
  g_autoptr (CivPrintJob) job = NULL;

  if (!self->loaded)
    return;
  job = civ_print_job_new (GTK_WIDGET (self->stack), self->session, self->cancellable);
  set_action_enabled (self, "record.print", FALSE);
  civ_print_job_set_source (job, civ_print_source_new_marriage (self->key));
  civ_print_job_set_build (job, build_extract, NULL, NULL);
  civ_print_job_set_export (job, self->export_filename, _ ("Extract exported"));
  g_signal_connect_object (job, "finished", G_CALLBACK (on_extract_finished_cb), self, 0);
  civ_print_job_start (job);
}

static void
on_toast_dismissed_cb (AdwToast *toast, CivRecordView *self)
{
  if (self->toast == toast)
    g_clear_object (&self->toast);
}

/* The outcome of an action: it replaces the previous one at once, so what
 * the counter reads is always the latest. */
static void
show_toast (CivRecordView *self, const char *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast        *toast = adw_toast_new (escaped);

  if (self->toast != NULL)
    {
      g_autoptr (AdwToast) old = g_steal_pointer (&self->toast);
      adw_toast_dismiss (old);
    }
  adw_toast_set_timeout (toast, 5);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_toast_dismissed_cb), self, 0);
  self->toast = g_object_ref (toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Loads the record again after an action: the new version shows at the top. */
static void
reload (CivRecordView *self)
{
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), 0);
  civ_record_load_async (self->session, self, self->key, self->cancellable, on_loaded_cb, NULL);
}

/* Printing a reissued certificate (R-B1, R-N3) under its own number: a BJ
 * shows the marriage record as it stands, a BL the divorce as the divorce
 * page prints its L certificate (civ_print_source_new_certificate ()). Two
 * copies, one blank each. */

/* A certificate (J, L, or a reissue BJ, BL under its own number) on two
 * blanks (civ-print-job.h). */
/* What a certificate print prints: its number and whose copy (-1: both). */
typedef struct
{
  char *number;
  int   holder;
} CertificatePrint;

static void
certificate_print_free (CertificatePrint *print)
{
  g_free (print->number);
  g_free (print);
}

static GtkPrintOperation *
build_certificate (CivPrintJob *job, CivPrintable *load, gpointer user_data, char **problem)
{
  const CertificatePrint *print = user_data;
  const char             *number = print->number;
  GtkPrintOperation      *operation;

  if (load->divorce != NULL)
    {
      /* What is stored decides: a BL only for a registered divorce (R-B3). */
      g_autoptr (GError) refusal = NULL;

      if (!civ_divorce_print_check (CIV_PRINT_DIVORCE_CERTIFICATE, load->divorce, &refusal))
        {
          *problem = g_strdup (refusal->message);
          return NULL;
        }
      operation = civ_print_divorce_operation_new (CIV_PRINT_DIVORCE_CERTIFICATE,
                                                   g_steal_pointer (&load->divorce),
                                                   civ_print_job_get_settings (job));
    }
  else
    {
      g_autoptr (GError) error = NULL;

      operation = civ_print_operation_new (CIV_PRINT_CERTIFICATE, g_steal_pointer (&load->record),
                                           civ_print_job_get_settings (job));
      /* The couple's photo stored with the record goes in its box (R-N3). */
      if (!civ_print_set_photo (operation, load->photo, &error))
        {
          *problem =
            g_strdup_printf (_ ("The couple's photo cannot be printed: %s"), error->message);
          g_object_unref (operation);
          return NULL;
        }
    }
  /* The reissued certificate carries its own number (R-N1). */
  civ_print_set_certificate_no (operation, number);
  civ_print_set_only_holder (operation, print->holder);
  return operation;
}

static void
tell_cb (gpointer user_data, const char *message)
{
  show_toast (user_data, message);
}

static void
on_certificate_finished_cb (CivPrintJob *job, gboolean printed, CivRecordView *self)
{
  /* The record view lists the prints: show the new ones. */
  if (printed)
    reload (self);
}

static void
on_blank_dialog_print_cb (CivBlankDialog *dialog, char **serials, CivRecordView *self)
{
  const char *number = civ_blank_dialog_get_certificate_no (dialog);
  g_autoptr (CivPrintJob) job = NULL;
  CertificatePrint *print;

  if (self->record == NULL)
    return;
  print = g_new0 (CertificatePrint, 1);
  print->number = g_strdup (number);
  print->holder = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "holder")) - 1;
  job = civ_print_job_new (GTK_WIDGET (self), self->session, self->cancellable);
  civ_print_job_set_source (job,
                            civ_print_source_new_certificate (self->record->record_id, number));
  civ_print_job_set_build (job, build_certificate, print, (GDestroyNotify) certificate_print_free);
  /* R-N3: the blanks' serials are recorded once it went out. */
  civ_print_job_set_blanks (job, number, (const char *const *) serials);
  civ_print_job_set_export (job, self->export_filename, NULL);
  civ_print_job_set_tell (job, tell_cb, self);
  g_signal_connect_object (job, "finished", G_CALLBACK (on_certificate_finished_cb), self, 0);
  civ_print_job_start (job);
}

/* After a reissue: the new number, and printing it now on two blanks, one
 * per spouse as holder (R-N3). */
static void
show_reissued (CivRecordView *self, const char *number)
{
  const CivMarriageVersion *current;
  g_autofree char          *description = NULL;
  const char               *holders[3];
  CivBlankDialog           *dialog;

  if (self->record == NULL)
    return;
  current = civ_marriage_record_current (self->record);
  holders[0] = current->party[0].name;
  holders[1] = current->party[1].name;
  holders[2] = NULL;
  if (civ_certificate_is_divorce (number))
    description = g_strdup_printf (
      /* Translators: %s is the new BL number. */
      _ ("The reissued divorce certificate has the number %s. To print it now, put two divorce "
         "certificate blanks in the printer, one for each former spouse, and enter the serial "
         "number printed on each blank (NO.), in this order (R-N3)."),
      number);
  else
    description = g_strdup_printf (
      /* Translators: %s is the new BJ number. */
      _ ("The reissued marriage certificate has the number %s. To print it now, put two "
         "certificate blanks in the printer, one for each spouse, and enter the serial number "
         "printed on each blank (NO.), in this order (R-N3)."),
      number);
  dialog = civ_blank_dialog_new (GTK_WINDOW (self), self->session, number, holders,
                                 _ ("Certificate Reissued"), description);
  civ_blank_dialog_set_cancel_label (dialog, _ ("Print _Later"));
  g_signal_connect_object (dialog, "print", G_CALLBACK (on_blank_dialog_print_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The blank dialog for the certificate the couple holds now: both copies,
 * or only the copy of holder @holder (0, 1) when the other is out. */
static void
open_blank_dialog (CivRecordView *self, int holder)
{
  const CivMarriageVersion *current = civ_marriage_record_current (self->record);
  const char               *number = self->record->held_certificate_no;
  g_autofree char          *description = NULL;
  const char               *holders[3] = { NULL };
  CivBlankDialog           *dialog;

  if (holder < 0)
    {
      holders[0] = current->party[0].name;
      holders[1] = current->party[1].name;
    }
  else
    holders[0] = current->party[holder].name;
  if (civ_certificate_is_divorce (number) && holder < 0)
    description = g_strdup_printf (
      /* Translators: %s is the divorce certificate number (L… or BL…). */
      _ ("R-N3: %s is printed in two copies, one for each former spouse, each on its own divorce "
         "certificate blank. Put the blanks in the printer in this order and enter the serial "
         "number printed on each blank (NO.)."),
      number);
  else if (holder >= 0)
    description = g_strdup_printf (
      /* Translators: %1$s is a certificate number, %2$s a person's name. */
      _ ("R-N3: the other copy of %1$s is out. Put one blank in the printer for %2$s's copy and "
         "enter the serial number printed on it (NO.)."),
      number, holders[0]);
  dialog = civ_blank_dialog_new (GTK_WINDOW (self), self->session, number, holders,
                                 _ ("Print Certificate"), description);
  g_object_set_data (G_OBJECT (dialog), "holder", GINT_TO_POINTER (holder + 1));
  g_signal_connect_object (dialog, "print", G_CALLBACK (on_blank_dialog_print_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_copy_choice_response_cb (AdwMessageDialog *dialog, const char *response, CivRecordView *self)
{
  if (self->record == NULL || civ_session_get_locked (self->session))
    return;
  if (g_strcmp0 (response, "holder-0") == 0)
    open_blank_dialog (self, 0);
  else if (g_strcmp0 (response, "holder-1") == 0)
    open_blank_dialog (self, 1);
}

/* A message dialog over the record view, closed by locking. */
static AdwMessageDialog *
record_message_new (CivRecordView *self, const char *heading, const char *body)
{
  GtkRoot          *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog =
    ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (root), heading, body));

  /* Part of the application, like the record view: locking closes it. */
  gtk_window_set_application (GTK_WINDOW (dialog), gtk_window_get_application (GTK_WINDOW (root)));
  civ_ui_close_on_lock (self->session, GTK_WINDOW (dialog));
  return dialog;
}

/* Prints the certificate the couple holds now (R-B3) on new blanks: both
 * copies, or the one whose copy was voided; never a third copy (R-N3). */
static void
on_print_certificate_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivRecordView            *self = CIV_RECORD_VIEW (widget);
  const CivMarriageVersion *current;
  const char               *number;
  g_autoptr (GError) refusal = NULL;
  AdwMessageDialog *dialog;

  if (self->record == NULL || !may_print_certificate (self, self->record) ||
      civ_session_get_locked (self->session))
    return;
  current = civ_marriage_record_current (self->record);
  number = self->record->held_certificate_no;
  if (civ_record_check_copies (self->record, number, 2, NULL))
    {
      open_blank_dialog (self, -1);
      return;
    }
  if (!civ_record_check_copies (self->record, number, 1, &refusal))
    {
      dialog = record_message_new (self, _ ("Both Copies Are Already Printed"), refusal->message);
      adw_message_dialog_add_response (dialog, "close", _ ("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  /* One copy is out: which spouse's copy was voided? */
  dialog = record_message_new (self, _ ("Print One Copy"), NULL);
  adw_message_dialog_format_body (dialog,
                                  /* Translators: %s is a certificate number. */
                                  _ ("One copy of %s is out and a certificate has two. Whose copy "
                                     "do you print?"),
                                  number);
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "holder-0",
                                    current->party[0].name, "holder-1", current->party[1].name,
                                    NULL);
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_default_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_copy_choice_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_action_dialog_done_cb (CivRecordActionDialog *dialog,
                          const char            *message,
                          const char            *number,
                          CivRecordView         *self)
{
  show_toast (self, message);
  reload (self);
  if (number != NULL)
    show_reissued (self, number);
}

/* The form for @action on the record as shown (a void is opened from its
 * print, with the blank's serial). */
static CivRecordActionDialog *
new_action_dialog (CivRecordView *self, CivRecordAction action)
{
  GtkWindow *parent = GTK_WINDOW (self);

  switch (action)
    {
    case CIV_RECORD_ACTION_REISSUE:
      return CIV_RECORD_ACTION_DIALOG (
        civ_reissue_dialog_new (parent, self->session, self->record, &self->today));
    case CIV_RECORD_ACTION_COURT_JUDGMENT:
      return CIV_RECORD_ACTION_DIALOG (
        civ_court_judgment_dialog_new (parent, self->session, self->record, &self->today));
    case CIV_RECORD_ACTION_REGISTRY_ANNULMENT:
      return CIV_RECORD_ACTION_DIALOG (
        civ_registry_annulment_dialog_new (parent, self->session, self->record, &self->today));
    case CIV_RECORD_ACTION_CORRECTION:
      return CIV_RECORD_ACTION_DIALOG (
        civ_correction_dialog_new (parent, self->session, self->record, &self->today));
    case CIV_RECORD_ACTION_VOID_PRINT:
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
present_action_dialog (CivRecordView *self, CivRecordActionDialog *dialog)
{
  g_signal_connect_object (dialog, "done", G_CALLBACK (on_action_dialog_done_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_action (CivRecordView *self, CivRecordAction action)
{
  if (self->record == NULL || civ_session_get_locked (self->session))
    return;
  present_action_dialog (self, new_action_dialog (self, action));
}

static void
on_menu_action_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivRecordView *self = CIV_RECORD_VIEW (widget);

  if (!is_action_enabled (self, action_name))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (menu_actions); i++)
    if (g_str_has_suffix (action_name, menu_actions[i].name) &&
        strlen (action_name) == strlen ("record.") + strlen (menu_actions[i].name))
      open_action (self, menu_actions[i].action);
}

static void
on_void_print_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CivRecordView *self = CIV_RECORD_VIEW (widget);
  const char    *serial = g_variant_get_string (parameter, NULL);

  if (!is_action_enabled (self, action_name))
    return;

  /* Only a print of this record that is not voided yet (R-N1). */
  for (guint i = 0; self->record && self->record->prints && i < self->record->prints->len; i++)
    {
      const CivCertificatePrint *p = g_ptr_array_index (self->record->prints, i);

      if (g_strcmp0 (p->blank_serial, serial) == 0 && p->voided_at == NULL)
        {
          if (civ_session_get_locked (self->session))
            return;
          present_action_dialog (self,
                                 CIV_RECORD_ACTION_DIALOG (
                                   civ_void_print_dialog_new (GTK_WINDOW (self), self->session,
                                                              self->record, serial, &self->today)));
          return;
        }
    }
}

static void
civ_record_view_dispose (GObject *object)
{
  CivRecordView *self = CIV_RECORD_VIEW (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_pointer (&self->enabled, g_hash_table_unref);
  g_clear_object (&self->toast);
  g_clear_pointer (&self->record, civ_marriage_record_free);
  G_OBJECT_CLASS (civ_record_view_parent_class)->dispose (object);
}

static void
civ_record_view_finalize (GObject *object)
{
  CivRecordView *self = CIV_RECORD_VIEW (object);

  g_free (self->key);
  g_free (self->export_filename);
  G_OBJECT_CLASS (civ_record_view_parent_class)->finalize (object);
}

static void
civ_record_view_class_init (CivRecordViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = civ_record_view_dispose;
  object_class->finalize = civ_record_view_finalize;
  /* Nothing is offered before the record is loaded (update_actions ()). */
  gtk_widget_class_install_action (widget_class, "record.print", NULL, on_print_activated);
  gtk_widget_class_install_action (widget_class, "record.print-certificate", NULL,
                                   on_print_certificate_activated);
  for (guint i = 0; i < G_N_ELEMENTS (menu_actions); i++)
    {
      g_autofree char *name = g_strconcat ("record.", menu_actions[i].name, NULL);
      gtk_widget_class_install_action (widget_class, name, NULL, on_menu_action_activated);
    }
  gtk_widget_class_install_action (widget_class, "record.void-print", "s", on_void_print_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close",
                                       NULL);
}

static void
civ_record_view_init (CivRecordView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *spinner = gtk_spinner_new ();

  self->cancellable = g_cancellable_new ();
  civ_date_today (&self->today);
  /* Nothing is offered before the record is loaded. */
  self->enabled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "record.print", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "record.print-certificate", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "record.void-print", FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (menu_actions); i++)
    {
      g_autofree char *name = g_strconcat ("record.", menu_actions[i].name, NULL);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), name, FALSE);
    }
  gtk_window_set_default_size (GTK_WINDOW (self), 760, 720);
  gtk_window_set_title (GTK_WINDOW (self), _ ("Marriage Record"));

  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_ ("Marriage Record"), NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  self->print_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_ ("Print _Extract")));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->print_button), "record.print");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->print_button));
  /* F10 opens it; hidden when the operator may take no action on the record. */
  self->actions_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_label (self->actions_button, _ ("_Actions"));
  gtk_menu_button_set_use_underline (self->actions_button, TRUE);
  gtk_menu_button_set_primary (self->actions_button, TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->actions_button),
                               _ ("Print or reissue the certificate, court judgment, annulment or "
                                  "correction"));
  gtk_widget_set_visible (GTK_WIDGET (self->actions_button), FALSE);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->actions_button));
  gtk_box_append (GTK_BOX (box), header);

  self->groups = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 24));
  gtk_widget_set_margin_top (GTK_WIDGET (self->groups), 18);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->groups), 18);
  gtk_widget_set_margin_start (GTK_WIDGET (self->groups), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->groups), 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->groups));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  self->scrolled = GTK_SCROLLED_WINDOW (scrolled);

  self->status_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->status_page, "dialog-warning-symbolic");
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (spinner, 32, 32);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, spinner, "loading");
  gtk_stack_add_named (self->stack, scrolled, "record");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->status_page), "status");
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toast_overlay, GTK_WIDGET (self->stack));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toast_overlay));
  adw_window_set_content (ADW_WINDOW (self), box);
}

CivRecordView *
civ_record_view_new (GtkWindow *parent, CivSession *session, const char *key)
{
  CivRecordView *self;

  g_return_val_if_fail (CIV_IS_SESSION (session) && key != NULL, NULL);

  self =
    g_object_new (CIV_TYPE_RECORD_VIEW, "transient-for", parent, "destroy-with-parent", TRUE, NULL);
  if (parent != NULL)
    gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
  self->session = g_object_ref (session);
  self->key = g_strdup (key);
  civ_ui_close_on_lock (session, GTK_WINDOW (self));
  civ_record_load_async (session, self, key, self->cancellable, on_loaded_cb, NULL);
  return self;
}

gboolean
_civ_record_view_is_loaded (CivRecordView *self)
{
  return self->loaded;
}

guint
_civ_record_view_get_n_versions (CivRecordView *self)
{
  return self->n_versions;
}

void
_civ_record_view_set_export_filename (CivRecordView *self, const char *path)
{
  g_free (self->export_filename);
  self->export_filename = g_strdup (path);
}

static void
collect_text (GtkWidget *widget, GString *text)
{
  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

char *
_civ_record_view_get_text (CivRecordView *self)
{
  GString *text = g_string_new (NULL);

  collect_text (GTK_WIDGET (self->groups), text);
  return g_string_free (text, FALSE);
}

void
civ_record_view_set_today (CivRecordView *self, const GDate *today)
{
  g_return_if_fail (CIV_IS_RECORD_VIEW (self) && today != NULL && g_date_valid (today));
  self->today = *today;
}

gboolean
_civ_record_view_offers (CivRecordView *self, const char *action)
{
  GMenuModel      *menu = gtk_menu_button_get_menu_model (self->actions_button);
  g_autofree char *detailed = g_strconcat ("record.", action, NULL);

  if (menu == NULL || !gtk_widget_get_visible (GTK_WIDGET (self->actions_button)))
    return FALSE;
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_strcmp0 (name, detailed) == 0)
        return is_action_enabled (self, detailed);
    }
  return FALSE;
}
