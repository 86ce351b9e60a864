// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-adoption-page.c — adoption registration at the counter (R-A1…R-A15)
 *
 * Three views in a stack:
 *
 *   list    the office's adoptions and what is due today (notices ending,
 *           review deadlines), and "open by number";
 *   apply   the application in four steps (child, placer, adopters,
 *           relationship) with the rules' findings beside it, live, each
 *           with its legal citation (civ_adoption_check (), pure);
 *   record  one adoption as stored: its state and dates, the parties (the
 *           birth parents withheld until an explicit, journalled "show"),
 *           the step its state allows (the notice, the assessment, the
 *           decision, a refusal, the dissolution, a revocation), its
 *           history, its documents and its prints.
 *
 * R-A13: opening, printing and showing the birth parents each ask for a
 * purpose first; the service journals and audits it. Every step runs on
 * the worker (civ-adoption-desk.h) and the record is read again after it,
 * so the page shows what is stored. The counter's date is the window's
 * (a test's fake clock).
 */
#include "civ-adoption-page-private.h"

#include <glib/gi18n.h>

#include "civ-adoption-desk.h"
#include "civ-adoption-input.h"
#include "civ-app-error.h"
#include "civ-card-default.h"
#include "civ-certificate-prints.h"
#include "civ-document-preview.h"
#include "civ-form.h"
#include "civ-page.h"
#include "civ-print-job.h"
#include "civ-print.h"
#include "civ-states.h"
#include "civ-ui-util.h"

/* The switches of a party, by role. */
enum
{
  CHILD_DISABLED,
  CHILD_WELFARE,
  CHILD_CONSENTS,
  N_CHILD_SWITCHES
};
enum
{
  PLACER_HARDSHIP,
  PLACER_OTHER_UNKNOWN,
  PLACER_SUPPORT_CONSENT,
  PLACER_LACK_CAPACITY,
  PLACER_CONSENTS,
  PLACER_APPEARS,
  N_PLACER_SWITCHES
};
enum
{
  ADOPTER_MARRIED,
  ADOPTER_ABLE,
  ADOPTER_DISEASE,
  ADOPTER_CRIMINAL,
  ADOPTER_APPEARS,
  ADOPTER_AUTHORISED,
  ADOPTER_HOME_APPROVAL,
  ADOPTER_LEGALISED,
  N_ADOPTER_SWITCHES
};
#define MAX_SWITCHES N_ADOPTER_SWITCHES

typedef struct
{
  GtkWidget     *group;
  AdwEntryRow   *name;
  AdwComboRow   *sex;
  AdwEntryRow   *birth;
  AdwComboRow   *id_kind;
  AdwEntryRow   *id_number;
  AdwComboRow   *kind; /* child: basis; placer: kind; adopter: resident category */
  GtkSwitch     *sw[MAX_SWITCHES];
  GtkSpinButton *children;
  GtkSpinButton *adopted;
  GtkWidget     *read_card; /* fills the party from the ID card on the reader */
} Party;

/* The identity documents offered, in the combo's order. */
static const CivDocKind id_kinds[] = {
  CIV_DOC_RESIDENT_ID,         CIV_DOC_RESIDENT_ID_15,
  CIV_DOC_RESIDENCE_PERMIT_HK, CIV_DOC_RESIDENCE_PERMIT_MO,
  CIV_DOC_RESIDENCE_PERMIT_TW, CIV_DOC_FOREIGN_PR,
  CIV_DOC_FOREIGN_PR_OLD,      CIV_DOC_HK_MO_PERMIT,
  CIV_DOC_TW_PERMIT,           CIV_DOC_PASSPORT,
};

static const CivResidentCategory categories[] = {
  CIV_RESIDENT_MAINLAND, CIV_RESIDENT_HONG_KONG,        CIV_RESIDENT_MACAU,
  CIV_RESIDENT_TAIWAN,   CIV_RESIDENT_OVERSEAS_CHINESE, CIV_RESIDENT_FOREIGN,
};
/* The same words as the marriage page's party panel. */
static const char *const category_labels[] = {
  N_ ("Mainland resident"), N_ ("Hong Kong resident"),      N_ ("Macau resident"),
  N_ ("Taiwan resident"),   N_ ("Overseas Chinese (华侨)"), N_ ("Foreign national"),
};

/* The documents of an adoption file (civ_adoption_attach_document ()). */
static const struct
{
  const char *code;
  const char *label;
} document_kinds[] = {
  { "assessment-report", N_ ("Assessment report") },
  { "consent", N_ ("Written consent") },
  { "medical-certificate", N_ ("Medical certificate") },
  { "no-criminal-record", N_ ("No-criminal-record certificate") },
  { "welfare-institution-papers", N_ ("Welfare institution's papers") },
  { "identity-copy", N_ ("Identity document copy") },
  { "household-register", N_ ("Household register copy") },
  { "other", N_ ("Other document") },
};

#define N_STEPS 4

typedef void (*PurposeFunc) (CivAdoptionPage *self, const char *purpose, gpointer data);

struct _CivAdoptionPage
{
  AdwBin parent_instance;

  CivSession    *session;
  GCancellable  *cancellable;
  CivCardReader *reader; /* the counter's ID-card reader, or NULL */
  GDate          today;
  CivForm       *form; /* the widgets shown now, by name */
  guint          busy;
  char          *message;
  char          *export_dir; /* tests: prints go to PDF files here */

  GtkStack   *stack;
  GtkLabel   *message_label;
  GtkSpinner *spinner;

  /* list */
  GtkWidget *list_box; /* rebuilt from each list */

  /* apply */
  GtkStack    *steps;
  guint        step;
  GtkLabel    *step_label;
  GtkWidget   *back_button;
  GtkWidget   *next_button;
  GtkWidget   *submit_button;
  Party        child;
  Party        placer[CIV_ADOPTION_MAX_PLACERS];
  Party        adopter[CIV_ADOPTION_MAX_ADOPTERS];
  GtkSwitch   *second_placer;
  GtkSwitch   *joint;
  AdwComboRow *relationship;
  GtkSwitch   *birth_parent_consent;
  GtkSwitch   *jurisdiction;
  GtkSwitch   *provincial;
  GtkWidget   *findings_group;
  GPtrArray   *finding_rows; /* rows in findings_group */
  GtkLabel    *verdict_label;
  guint        check_source;

  /* record */
  GtkWidget       *record_box; /* rebuilt from each view */
  CivAdoptionView *view;
  CivAdoptionDates dates;
  char            *purpose; /* why the adoption shown was opened (R-A13) */
  GPtrArray       *birth_parents;

  /* the purpose dialog */
  AdwMessageDialog *purpose_dialog;
  AdwEntryRow      *purpose_entry;
  PurposeFunc       purpose_func;
  gpointer          purpose_data;
  GDestroyNotify    purpose_destroy;
};

static void civ_adoption_page_page_init (CivPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CivAdoptionPage,
                               civ_adoption_page,
                               ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (CIV_TYPE_PAGE, civ_adoption_page_page_init))

static void load_list (CivAdoptionPage *self);
static void show_view (CivAdoptionPage *self, CivAdoptionView *view, const CivAdoptionDates *dates);
static void schedule_check (CivAdoptionPage *self);

/* ---- small pieces ---- */

static void
set_message (CivAdoptionPage *self, const char *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  civ_ui_show_message (self->message_label, message);
}

static void
set_busy (CivAdoptionPage *self, gboolean busy)
{
  if (busy)
    self->busy++;
  else if (self->busy > 0)
    self->busy--;
  gtk_spinner_set_spinning (self->spinner, self->busy > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy > 0);
}

static void
on_field_changed_cb (CivAdoptionPage *self)
{
  schedule_check (self);
}

static GtkStringList *
id_kind_labels (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (id_kinds); i++)
    gtk_string_list_append (list, civ_doc_kind_display_name (id_kinds[i]));
  return list;
}

/* ---- the purpose dialog (R-A13) ---- */

static void
purpose_clear (CivAdoptionPage *self)
{
  if (self->purpose_destroy && self->purpose_data)
    self->purpose_destroy (self->purpose_data);
  self->purpose_func = NULL;
  self->purpose_data = NULL;
  self->purpose_destroy = NULL;
}

static void
on_purpose_response_cb (AdwMessageDialog *dialog, const char *response, CivAdoptionPage *self)
{
  g_autofree char *purpose = civ_form_entry_text (self->purpose_entry);
  PurposeFunc      func = self->purpose_func;
  gpointer         data = self->purpose_data;
  GDestroyNotify   destroy = self->purpose_destroy;

  self->purpose_func = NULL;
  self->purpose_data = NULL;
  self->purpose_destroy = NULL;
  self->purpose_dialog = NULL;
  self->purpose_entry = NULL;
  if (g_strcmp0 (response, "continue") == 0 && *purpose != '\0' && func != NULL)
    func (self, purpose, data);
  if (destroy && data)
    destroy (data);
}

static void
on_purpose_entry_changed_cb (AdwEntryRow *entry, AdwMessageDialog *dialog)
{
  g_autofree char *text = civ_ui_stripped_text (entry);

  adw_message_dialog_set_response_enabled (dialog, "continue", *text != '\0');
}

static void
on_purpose_entry_activate_cb (AdwEntryRow *entry, AdwMessageDialog *dialog)
{
  if (adw_message_dialog_get_response_enabled (dialog, "continue"))
    adw_message_dialog_response (dialog, "continue");
}

/* Asks why (@heading: what is about to be done), then calls @func with the
 * purpose typed. @data is freed with @destroy either way. */
static void
ask_purpose (CivAdoptionPage *self,
             const char      *heading,
             const char      *initial,
             PurposeFunc      func,
             gpointer         data,
             GDestroyNotify   destroy)
{
  GtkRoot   *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;
  GtkWidget *box = gtk_list_box_new ();
  GtkWidget *entry = adw_entry_row_new ();

  if (self->purpose_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->purpose_dialog));
  purpose_clear (self);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _ ("Adoption records are confidential. Say why you need this "
                                      "one: the reason is recorded with your name (R-A13)."));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (box, "boxed-list");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _ ("Purpose"));
  gtk_list_box_append (GTK_LIST_BOX (box), entry);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"),
                                    "continue", _ ("C_ontinue"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "continue",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "continue");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (on_purpose_entry_changed_cb), dialog);
  g_signal_connect (entry, "entry-activated", G_CALLBACK (on_purpose_entry_activate_cb), dialog);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (entry), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (entry), initial ? initial : "");
  on_purpose_entry_changed_cb (ADW_ENTRY_ROW (entry), ADW_MESSAGE_DIALOG (dialog));
  g_signal_connect (dialog, "response", G_CALLBACK (on_purpose_response_cb), self);
  self->purpose_dialog = ADW_MESSAGE_DIALOG (dialog);
  self->purpose_entry = ADW_ENTRY_ROW (entry);
  self->purpose_func = func;
  self->purpose_data = data;
  self->purpose_destroy = destroy;
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* ---- steps on the worker ---- */

typedef struct
{
  CivAdoptionPage    *self;
  CivAdoptionStepKind step;
} StepCall;

static void
on_step_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  StepCall *call = user_data;
  g_autoptr (CivAdoptionPage) self = call->self;
  CivAdoptionStepKind step = call->step;
  g_autoptr (GError) error = NULL;
  g_autoptr (CivAdoptionOutcome) outcome = NULL;

  g_free (call);
  if (self->session == NULL) /* the page went while the step ran */
    return;
  outcome = civ_adoption_step_finish (self->session, result, &error);
  set_busy (self, FALSE);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (outcome == NULL)
    {
      g_autofree char *text = civ_ui_describe_error (error);

      set_message (self, text);
      return;
    }
  if (outcome->birth_parents != NULL)
    {
      g_clear_pointer (&self->birth_parents, g_ptr_array_unref);
      self->birth_parents = g_steal_pointer (&outcome->birth_parents);
      set_message (self, NULL);
      show_view (self, NULL, NULL);
      return;
    }
  if (outcome->document != NULL)
    {
      g_autoptr (GError) local = NULL;
      g_autoptr (CivDocumentInput) input =
        civ_document_input_new (CIV_DOCUMENT_OTHER, "document", outcome->document, &local);
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      if (input == NULL)
        {
          g_autofree char *text = civ_ui_describe_error (local);

          set_message (self, text);
          return;
        }
      gtk_window_present (GTK_WINDOW (
        civ_document_preview_new_for_input (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                            input)));
      return;
    }
  switch (step)
    {
    case CIV_ADOPTION_STEP_APPLY:
      set_message (self, _ ("The application is recorded."));
      break;
    case CIV_ADOPTION_STEP_PUBLISH_NOTICE:
      set_message (self, _ ("The notice is recorded; the 60 days run from its publication."));
      break;
    case CIV_ADOPTION_STEP_RECORD_ASSESSMENT:
      set_message (self, _ ("The assessment is recorded; the review has begun."));
      break;
    case CIV_ADOPTION_STEP_DECIDE:
      set_message (self, outcome->result && outcome->result->certificate_no
                           ? _ ("The adoption is registered.")
                           : _ ("The registration is refused; the reasons are recorded."));
      break;
    case CIV_ADOPTION_STEP_ATTACH:
      set_message (self, _ ("The document is attached."));
      break;
    default:
      set_message (self, NULL);
      break;
    }
  if (outcome->view != NULL)
    {
      if (step == CIV_ADOPTION_STEP_OPEN || step == CIV_ADOPTION_STEP_APPLY)
        g_clear_pointer (&self->birth_parents, g_ptr_array_unref);
      show_view (self, g_steal_pointer (&outcome->view), &outcome->dates);
    }
}

/* Runs @request (taken) for the adoption shown (or the one it names). */
static void
run_step (CivAdoptionPage *self, CivAdoptionRequest *request)
{
  StepCall *call;

  if (self->session == NULL)
    {
      civ_adoption_request_free (request);
      return;
    }
  if (request->key == NULL && self->view != NULL)
    request->key = g_strdup (self->view->row->record_id);
  if (request->purpose == NULL)
    request->purpose = g_strdup (self->purpose);
  request->today = self->today;
  set_busy (self, TRUE);
  call = g_new0 (StepCall, 1);
  call->self = g_object_ref (self);
  call->step = request->step;
  civ_adoption_step_async (self->session, self, request, self->cancellable, on_step_done_cb, call);
}

static CivAdoptionRequest *
request_new (CivAdoptionPage *self, CivAdoptionStepKind step)
{
  return civ_adoption_request_new (step, NULL, NULL, &self->today);
}

/* ---- the list ---- */

static const char *
state_label (const char *state)
{
  switch (civ_adoption_state_from_db (state))
    {
    case CIV_ADOPTION_STATE_APPLIED:
      return C_ ("adoption state", "Applied");
    case CIV_ADOPTION_STATE_NOTICE_60D:
      return C_ ("adoption state", "Public notice (60 days)");
    case CIV_ADOPTION_STATE_ASSESSMENT:
      return C_ ("adoption state", "Assessment");
    case CIV_ADOPTION_STATE_REVIEW_30D:
      return C_ ("adoption state", "Review (30 days)");
    case CIV_ADOPTION_STATE_REGISTERED:
      return C_ ("adoption state", "Registered");
    case CIV_ADOPTION_STATE_REFUSED:
      return C_ ("adoption state", "Refused");
    case CIV_ADOPTION_STATE_DISSOLVED:
      return C_ ("adoption state", "Dissolved");
    case CIV_ADOPTION_STATE_REVOKED_FRAUD:
      return C_ ("adoption state", "Revoked (fraud)");
    case CIV_ADOPTION_STATE_UNKNOWN:
    default:
      return state;
    }
}

static const char *
due_label (const char *what)
{
  if (g_strcmp0 (what, "notice-ends") == 0)
    return _ ("The public notice ends (R-A7)");
  if (g_strcmp0 (what, "review-due") == 0)
    return _ ("The review must be decided (R-A10)");
  if (g_strcmp0 (what, "dissolution-review-due") == 0)
    return _ ("The dissolution must be decided (R-A14)");
  return what;
}

typedef struct
{
  char *key;
} OpenData;

static void
open_with_purpose (CivAdoptionPage *self, const char *purpose, gpointer data)
{
  const char         *key = data;
  CivAdoptionRequest *request =
    civ_adoption_request_new (CIV_ADOPTION_STEP_OPEN, key, purpose, &self->today);

  g_free (self->purpose);
  self->purpose = g_strdup (purpose);
  run_step (self, request);
}

void
civ_adoption_page_open (CivAdoptionPage *self, const char *record_id)
{
  g_return_if_fail (CIV_IS_ADOPTION_PAGE (self));

  if (record_id == NULL || *record_id == '\0')
    return;
  ask_purpose (self, _ ("Open this adoption?"), NULL, open_with_purpose, g_strdup (record_id),
               g_free);
}

static void
on_list_row_activated_cb (AdwActionRow *row, CivAdoptionPage *self)
{
  civ_adoption_page_open (self, g_object_get_data (G_OBJECT (row), "civ-key"));
}

static void
on_open_entry_activated_cb (AdwEntryRow *row, CivAdoptionPage *self)
{
  g_autofree char *key = civ_form_entry_text (row);

  if (*key == '\0')
    {
      set_message (self, _ ("Type an adoption certificate number or record number."));
      return;
    }
  civ_adoption_page_open (self, key);
}

static GtkWidget *
list_row (CivAdoptionPage *self, const char *key, const char *title, const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "civ-key", g_strdup (key), g_free);
  g_signal_connect (row, "activated", G_CALLBACK (on_list_row_activated_cb), self);
  return row;
}

static void on_new_clicked_cb (CivAdoptionPage *self);

static void
show_list (CivAdoptionPage *self, GPtrArray *adoptions, GPtrArray *due)
{
  GtkWidget *box = self->list_box;
  GtkWidget *child;
  GtkWidget *group;
  GtkWidget *row;
  GtkWidget *button;

  civ_form_forget_under (self->form, box);
  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);

  group =
    civ_form_group_new (_ ("Adoption Registration"),
                        _ ("Adoption records are confidential: only operators with the adoption "
                           "permission see them, and every opening is recorded with its purpose "
                           "(R-A13)."));
  button = civ_form_button_new (self->form, "list.new", _ ("_New Application"), TRUE);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_new_clicked_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);
  row = GTK_WIDGET (civ_form_add_command_entry (self->form, group, "list.open",
                                                _ ("Open by certificate or record number")));
  g_signal_connect (row, "apply", G_CALLBACK (on_open_entry_activated_cb), self);
  g_signal_connect (row, "entry-activated", G_CALLBACK (on_open_entry_activated_cb), self);
  gtk_box_append (GTK_BOX (box), group);

  group = civ_form_group_new (_ ("Due Today"), NULL);
  civ_form_name (self->form, "list.due", group);
  if (due == NULL || due->len == 0)
    civ_form_info_row (group, _ ("Nothing is due today"), NULL);
  for (guint i = 0; due != NULL && i < due->len; i++)
    {
      CivAdoptionDueRow *d = g_ptr_array_index (due, i);
      g_autofree char   *subtitle =
        g_strdup_printf ("%s%s", d->due, d->provisional ? _ (" (provisional)") : "");

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 list_row (self, d->record_id, due_label (d->what), subtitle));
    }
  gtk_box_append (GTK_BOX (box), group);

  group = civ_form_group_new (_ ("Adoptions of This Office"), NULL);
  civ_form_name (self->form, "list.adoptions", group);
  if (adoptions == NULL || adoptions->len == 0)
    civ_form_info_row (group, _ ("No adoption has been applied for yet"), NULL);
  for (guint i = 0; adoptions != NULL && i < adoptions->len; i++)
    {
      CivAdoptionRow  *a = g_ptr_array_index (adoptions, i);
      g_autofree char *title = a->certificate_no
                                 ? g_strdup (a->certificate_no)
                                 : g_strdup_printf (_ ("Application of %s"), a->applied_on);
      g_autofree char *subtitle =
        g_strdup_printf (_ ("%s · applied on %s"), state_label (a->state), a->applied_on);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 list_row (self, a->record_id, title, subtitle));
    }
  gtk_box_append (GTK_BOX (box), group);
}

static void
on_list_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CivAdoptionPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (CivAdoptionOutcome) outcome = NULL;

  if (self->session == NULL)
    return;
  outcome = civ_adoption_step_finish (self->session, result, &error);

  set_busy (self, FALSE);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (outcome == NULL)
    {
      g_autofree char *text = civ_ui_describe_error (error);

      set_message (self, text);
      return;
    }
  show_list (self, outcome->adoptions, outcome->due);
}

static void
load_list (CivAdoptionPage *self)
{
  if (self->session == NULL || !g_date_valid (&self->today))
    return;
  set_busy (self, TRUE);
  civ_adoption_step_async (self->session, self, request_new (self, CIV_ADOPTION_STEP_LIST),
                           self->cancellable, on_list_done_cb, g_object_ref (self));
}

static void
show_list_view (CivAdoptionPage *self)
{
  gtk_stack_set_visible_child_name (self->stack, "list");
  load_list (self);
}

/* ---- the application ---- */

static void
reset_party (Party *p)
{
  if (p->name)
    civ_form_set_entry (p->name, NULL);
  if (p->birth)
    civ_form_set_entry (p->birth, NULL);
  if (p->id_number)
    civ_form_set_entry (p->id_number, NULL);
  if (p->sex)
    adw_combo_row_set_selected (p->sex, 0);
  if (p->id_kind)
    adw_combo_row_set_selected (p->id_kind, 0);
  if (p->kind)
    adw_combo_row_set_selected (p->kind, 0);
  for (guint i = 0; i < MAX_SWITCHES; i++)
    if (p->sw[i])
      gtk_switch_set_active (p->sw[i], FALSE);
  if (p->children)
    gtk_spin_button_set_value (p->children, 0);
  if (p->adopted)
    gtk_spin_button_set_value (p->adopted, 0);
}

static void
set_step (CivAdoptionPage *self, guint step)
{
  static const char *const names[N_STEPS] = { "child", "placer", "adopters", "relationship" };
  const char *titles[N_STEPS] = { _ ("Child"), _ ("Placer"), _ ("Adopters"), _ ("Relationship") };
  g_autofree char *label = NULL;

  self->step = MIN (step, N_STEPS - 1);
  gtk_stack_set_visible_child_name (self->steps, names[self->step]);
  label = g_strdup_printf (_ ("Step %u of %u: %s"), self->step + 1, N_STEPS, titles[self->step]);
  gtk_label_set_text (self->step_label, label);
  gtk_widget_set_sensitive (self->back_button, self->step > 0);
  gtk_widget_set_visible (self->next_button, self->step + 1 < N_STEPS);
  gtk_widget_set_visible (self->submit_button, self->step + 1 == N_STEPS);
}

static void
on_new_clicked_cb (CivAdoptionPage *self)
{
  reset_party (&self->child);
  for (guint i = 0; i < CIV_ADOPTION_MAX_PLACERS; i++)
    reset_party (&self->placer[i]);
  for (guint i = 0; i < CIV_ADOPTION_MAX_ADOPTERS; i++)
    {
      reset_party (&self->adopter[i]);
      gtk_switch_set_active (self->adopter[i].sw[ADOPTER_ABLE], TRUE);
      gtk_switch_set_active (self->adopter[i].sw[ADOPTER_APPEARS], TRUE);
    }
  gtk_switch_set_active (self->placer[0].sw[PLACER_CONSENTS], TRUE);
  gtk_switch_set_active (self->placer[0].sw[PLACER_APPEARS], TRUE);
  gtk_switch_set_active (self->second_placer, FALSE);
  gtk_switch_set_active (self->joint, FALSE);
  adw_combo_row_set_selected (self->relationship, 0);
  gtk_switch_set_active (self->birth_parent_consent, FALSE);
  gtk_switch_set_active (self->jurisdiction, TRUE);
  gtk_switch_set_active (self->provincial, FALSE);
  set_message (self, NULL);
  set_step (self, 0);
  gtk_stack_set_visible_child_name (self->stack, "apply");
  gtk_widget_grab_focus (GTK_WIDGET (self->child.name));
  schedule_check (self);
}

/* The application as entered; FALSE with *@problem (translated) while a
 * value the rules need is missing or malformed. Names point into @keep. */
static gboolean
read_application (CivAdoptionPage        *self,
                  CivAdoptionApplication *app,
                  GPtrArray              *keep,
                  char                  **problem)
{
  char *text;

  civ_adoption_application_init (app);
  app->application_date = self->today;
  app->evaluation_date = self->today;

  text = civ_form_entry_text (self->child.name);
  g_ptr_array_add (keep, text);
  app->child.name = text;
  app->child.sex = civ_form_selected_sex (self->child.sex);
  if (!civ_form_entry_date (self->child.birth, &app->child.birth_date))
    {
      *problem = g_strdup (_ ("Enter the child's date of birth as YYYY-MM-DD (an estimate for a "
                              "found child)."));
      return FALSE;
    }
  app->child.basis = (CivAdoptionBasis) adw_combo_row_get_selected (self->child.kind);
  app->child.disabled = gtk_switch_get_active (self->child.sw[CHILD_DISABLED]);
  app->child.in_welfare_institution = gtk_switch_get_active (self->child.sw[CHILD_WELFARE]);
  app->child.consents = gtk_switch_get_active (self->child.sw[CHILD_CONSENTS]);

  app->n_placers = gtk_switch_get_active (self->second_placer) ? 2 : 1;
  for (guint i = 0; i < app->n_placers; i++)
    {
      Party             *p = &self->placer[i];
      CivAdoptionPlacer *pl = &app->placer[i];

      text = civ_form_entry_text (p->name);
      g_ptr_array_add (keep, text);
      pl->name = text;
      pl->kind = (CivPlacerKind) adw_combo_row_get_selected (p->kind);
      pl->hardship = gtk_switch_get_active (p->sw[PLACER_HARDSHIP]);
      pl->other_parent_unknown = gtk_switch_get_active (p->sw[PLACER_OTHER_UNKNOWN]);
      pl->support_duty_consent = gtk_switch_get_active (p->sw[PLACER_SUPPORT_CONSENT]);
      pl->parents_lack_capacity = gtk_switch_get_active (p->sw[PLACER_LACK_CAPACITY]);
      pl->consents = gtk_switch_get_active (p->sw[PLACER_CONSENTS]);
      pl->appears_in_person = gtk_switch_get_active (p->sw[PLACER_APPEARS]);
    }

  app->n_adopters = gtk_switch_get_active (self->joint) ? 2 : 1;
  for (guint i = 0; i < app->n_adopters; i++)
    {
      Party              *p = &self->adopter[i];
      CivAdoptionAdopter *ad = &app->adopter[i];

      text = civ_form_entry_text (p->name);
      g_ptr_array_add (keep, text);
      ad->name = text;
      ad->sex = civ_form_selected_sex (p->sex);
      if (!civ_form_entry_date (p->birth, &ad->birth_date))
        {
          *problem =
            g_strdup_printf (_ ("Enter the date of birth of adopter %u as YYYY-MM-DD."), i + 1);
          return FALSE;
        }
      ad->category =
        categories[MIN (adw_combo_row_get_selected (p->kind), G_N_ELEMENTS (categories) - 1)];
      ad->children = (guint) gtk_spin_button_get_value_as_int (p->children);
      ad->adopted_children = (guint) gtk_spin_button_get_value_as_int (p->adopted);
      ad->married = gtk_switch_get_active (p->sw[ADOPTER_MARRIED]);
      ad->able_to_raise = gtk_switch_get_active (p->sw[ADOPTER_ABLE]);
      ad->incompatible_disease = gtk_switch_get_active (p->sw[ADOPTER_DISEASE]);
      ad->harmful_criminal_record = gtk_switch_get_active (p->sw[ADOPTER_CRIMINAL]);
      ad->appears_in_person = gtk_switch_get_active (p->sw[ADOPTER_APPEARS]);
      ad->authorised_in_writing = gtk_switch_get_active (p->sw[ADOPTER_AUTHORISED]);
      ad->home_country_approval = gtk_switch_get_active (p->sw[ADOPTER_HOME_APPROVAL]);
      ad->documents_legalised = gtk_switch_get_active (p->sw[ADOPTER_LEGALISED]);
    }
  app->relationship = (CivAdoptionRelationship) adw_combo_row_get_selected (self->relationship);
  app->birth_parent_consent = gtk_switch_get_active (self->birth_parent_consent);
  app->office_jurisdiction = gtk_switch_get_active (self->jurisdiction);
  app->office_provincial = gtk_switch_get_active (self->provincial);
  return TRUE;
}

static void
clear_findings (CivAdoptionPage *self)
{
  for (guint i = 0; i < self->finding_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->findings_group),
                                  g_ptr_array_index (self->finding_rows, i));
  g_ptr_array_set_size (self->finding_rows, 0);
}

/* R-ID1…R-ID9: what is wrong with the identity numbers typed, each
 * finding named by its party ("Adopter 1: …"), added to @findings. */
static void
check_identities (CivAdoptionPage *self, GPtrArray *findings)
{
  struct
  {
    Party   *party;
    gboolean shown;
    char    *who;
  } parties[] = {
    { &self->child, TRUE, g_strdup (_ ("Child")) },
    { &self->placer[0], TRUE, g_strdup_printf (_ ("Placer %u"), 1) },
    { &self->placer[1], gtk_switch_get_active (self->second_placer),
      g_strdup_printf (_ ("Placer %u"), 2) },
    { &self->adopter[0], TRUE, g_strdup_printf (_ ("Adopter %u"), 1) },
    { &self->adopter[1], gtk_switch_get_active (self->joint),
      g_strdup_printf (_ ("Adopter %u"), 2) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (parties); i++)
    {
      Party           *p = parties[i].party;
      g_autofree char *number = civ_form_entry_text (p->id_number);
      guint            kind = adw_combo_row_get_selected (p->id_kind);
      g_autoptr (CivIdCheck) check = NULL;

      if (parties[i].shown && *number != '\0')
        check = civ_id_check (number, id_kinds[MIN (kind, G_N_ELEMENTS (id_kinds) - 1)],
                              &self->today, NULL);
      for (guint f = 0; check != NULL && f < check->findings->len; f++)
        {
          const CivFinding *finding = g_ptr_array_index (check->findings, f);
          g_autofree char  *message = NULL;

          if (finding->severity != CIV_SEVERITY_REFUSE)
            continue;
          message = g_strdup_printf (_ ("%s: %s"), parties[i].who, finding->message);
          g_ptr_array_add (findings, civ_finding_new (finding->rule, finding->severity, message));
        }
      g_free (parties[i].who);
    }
}

/* The rules on the application as it stands: refusing findings first. */
static gboolean
check_now_cb (gpointer data)
{
  CivAdoptionPage *self = data;
  g_autoptr (GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) findings = NULL;
  g_autofree char       *problem = NULL;
  CivAdoptionApplication app;
  gboolean               complete;

  self->check_source = 0;
  clear_findings (self);
  if (!g_date_valid (&self->today))
    return G_SOURCE_REMOVE;
  /* The numbers typed are checked even while the rules cannot run yet. */
  complete = read_application (self, &app, keep, &problem);
  findings = complete ? civ_adoption_check (&app)
                      : g_ptr_array_new_with_free_func ((GDestroyNotify) civ_finding_free);
  check_identities (self, findings);
  for (int severity = CIV_SEVERITY_REFUSE; severity >= CIV_SEVERITY_INFO; severity--)
    for (guint i = 0; i < findings->len; i++)
      {
        CivFinding *f = g_ptr_array_index (findings, i);
        GtkWidget  *row;

        if ((int) f->severity != severity)
          continue;
        row = civ_ui_finding_row_new (f);
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->findings_group), row);
        g_ptr_array_add (self->finding_rows, row);
      }
  if (!complete)
    {
      gtk_label_set_text (self->verdict_label, problem);
      return G_SOURCE_REMOVE;
    }
  gtk_label_set_text (self->verdict_label,
                      civ_adoption_may_register (findings) &&
                          civ_findings_worst (findings) != CIV_SEVERITY_REFUSE
                        ? _ ("As entered, the rules allow the adoption once the procedure is "
                             "complete.")
                        : _ ("As entered, the rules refuse the adoption or need a step first: "
                             "see the findings."));
  return G_SOURCE_REMOVE;
}

static void
schedule_check (CivAdoptionPage *self)
{
  if (self->check_source == 0 && self->finding_rows != NULL)
    self->check_source = g_idle_add (check_now_cb, self);
}

static void
on_back_clicked_cb (CivAdoptionPage *self)
{
  if (self->step > 0)
    set_step (self, self->step - 1);
}

static void
on_next_clicked_cb (CivAdoptionPage *self)
{
  set_step (self, self->step + 1);
}

static void
on_cancel_apply_clicked_cb (CivAdoptionPage *self)
{
  show_list_view (self);
}

static void
take_identity (CivAdoptionRequest *request, guint index, Party *p)
{
  g_autofree char *number = civ_form_entry_text (p->id_number);
  guint            kind = adw_combo_row_get_selected (p->id_kind);

  if (*number == '\0')
    return;
  request->id_kind[index] =
    g_strdup (civ_doc_kind_to_string (id_kinds[MIN (kind, G_N_ELEMENTS (id_kinds) - 1)]));
  request->id_number[index] = g_steal_pointer (&number);
}

static void
on_submit_clicked_cb (CivAdoptionPage *self)
{
  g_autoptr (GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  g_autofree char       *problem = NULL;
  CivAdoptionApplication app;
  CivAdoptionRequest    *request;

  if (!read_application (self, &app, keep, &problem))
    {
      set_message (self, problem);
      return;
    }
  if (*app.child.name == '\0' || *app.adopter[0].name == '\0' ||
      (app.n_adopters == 2 && *app.adopter[1].name == '\0'))
    {
      set_message (self, _ ("Enter the names of the child and of every adopter."));
      return;
    }
  request = request_new (self, CIV_ADOPTION_STEP_APPLY);
  request->application = civ_adoption_application_to_json (&app);
  take_identity (request, CIV_ADOPTION_ID_CHILD, &self->child);
  for (guint i = 0; i < app.n_placers; i++)
    take_identity (request, CIV_ADOPTION_ID_PLACER + i, &self->placer[i]);
  for (guint i = 0; i < app.n_adopters; i++)
    take_identity (request, CIV_ADOPTION_ID_ADOPTER + i, &self->adopter[i]);
  /* The registrar who takes the application looks at it for that. */
  g_free (self->purpose);
  self->purpose = g_strdup (_ ("Application at the counter"));
  request->purpose = g_strdup (self->purpose);
  run_step (self, request);
}

static GtkWidget *
step_page (GtkStack *steps, const char *name)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  gtk_stack_add_named (steps, box, name);
  return box;
}

/* ---- the ID card (R-ID…): a party's name, sex, birth and number from the
 * card on the reader, as the marriage counter does ---- */

typedef struct
{
  CivAdoptionPage *self;
  Party           *party;
} CardRead;

static void
on_card_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CardRead *read = user_data;
  g_autoptr (CivAdoptionPage) self = read->self;
  Party *p = read->party;
  g_autoptr (GError) error = NULL;
  g_autoptr (CivCardData) card =
    civ_card_reader_read_finish (CIV_CARD_READER (source), result, &error);

  g_free (read);
  set_busy (self, FALSE);
  if (card == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *text = civ_ui_describe_error (error);

          set_message (self, text);
        }
      return;
    }
  if (g_date_valid (&self->today) && civ_card_data_expired_on (card, &self->today))
    {
      g_autofree char *until = civ_date_format_iso (&card->valid_until);
      g_autofree char *text =
        g_strdup_printf (_ ("This identity card expired on %s: ask for a valid identity "
                            "document. Nothing was filled in."),
                         until);

      set_message (self, text);
      return;
    }
  civ_form_set_entry (p->name, card->name);
  if (p->sex != NULL)
    adw_combo_row_set_selected (p->sex, card->sex == CIV_SEX_FEMALE ? 1 : 0);
  if (p->birth != NULL && g_date_valid (&card->birth_date))
    {
      g_autofree char *birth = civ_date_format_iso (&card->birth_date);

      civ_form_set_entry (p->birth, birth);
    }
  adw_combo_row_set_selected (p->id_kind, 0); /* CIV_DOC_RESIDENT_ID */
  civ_form_set_entry (p->id_number, card->number);
  set_message (self, _ ("Filled from the identity card on the reader."));
}

static void
on_read_card_clicked_cb (GtkButton *button, CivAdoptionPage *self)
{
  CardRead *read;

  if (self->reader == NULL)
    return;
  read = g_new0 (CardRead, 1);
  read->self = g_object_ref (self);
  read->party = g_object_get_data (G_OBJECT (button), "civ-party");
  set_busy (self, TRUE);
  civ_card_reader_read_async (self->reader, self->cancellable, on_card_read_cb, read);
}

static void
build_identity (CivAdoptionPage *self, Party *p, GtkWidget *group, const char *prefix)
{
  g_autofree char *kind = g_strconcat (prefix, ".id_kind", NULL);
  g_autofree char *number = g_strconcat (prefix, ".id", NULL);

  g_autofree char *read = g_strconcat (prefix, ".read_card", NULL);

  p->id_kind =
    civ_form_add_combo (self->form, group, kind, _ ("Identity document"), id_kind_labels ());
  p->id_number =
    civ_form_add_entry (self->form, group, number, _ ("Document number (empty: none)"));
  /* No mnemonic: every party of a step has one. */
  p->read_card = gtk_button_new_with_label (_ ("Read ID Card"));
  civ_form_name (self->form, read, p->read_card);
  gtk_widget_set_sensitive (p->read_card, FALSE);
  g_object_set_data (G_OBJECT (p->read_card), "civ-party", p);
  g_signal_connect (p->read_card, "clicked", G_CALLBACK (on_read_card_clicked_cb), self);
  civ_form_add_button_row (group, _ ("A second-generation identity card on the counter's reader"),
                           p->read_card);
}

static void
build_person (CivAdoptionPage *self, Party *p, GtkWidget *group, const char *prefix)
{
  g_autofree char *name = g_strconcat (prefix, ".name", NULL);
  g_autofree char *sex = g_strconcat (prefix, ".sex", NULL);
  g_autofree char *birth = g_strconcat (prefix, ".birth", NULL);

  p->group = group;
  p->name = civ_form_add_entry (self->form, group, name, _ ("Name"));
  p->sex = civ_form_add_combo (self->form, group, sex, _ ("Sex"), civ_form_sex_labels ());
  p->birth = civ_form_add_entry (self->form, group, birth, _ ("Date of birth (YYYY-MM-DD)"));
  build_identity (self, p, group, prefix);
}

static void
build_child_step (CivAdoptionPage *self, GtkWidget *box)
{
  GtkWidget  *group = civ_form_group_new (_ ("The Child"), _ ("The person to be adopted (R-A1)."));
  const char *basis[] = { _ ("A relative's child or a step-child only (R-A6)"), _ ("Orphan"),
                          _ ("Parents cannot be found (a 60-day notice first, R-A7)"),
                          _ ("Parents have special hardship and cannot raise the child"), NULL };

  build_person (self, &self->child, group, "child");
  self->child.kind =
    civ_form_add_combo (self->form, group, "child.basis", _ ("Why the child may be adopted"),
                        gtk_string_list_new (basis));
  self->child.sw[CHILD_DISABLED] =
    civ_form_add_switch (self->form, group, "child.disabled", _ ("Minor with a disability"),
                         _ ("R-A4"), FALSE);
  self->child.sw[CHILD_WELFARE] =
    civ_form_add_switch (self->form, group, "child.welfare",
                         _ ("Raised by a child welfare institution"), _ ("R-A2, R-A4"), FALSE);
  self->child.sw[CHILD_CONSENTS] =
    civ_form_add_switch (self->form, group, "child.consents", _ ("The child consents"),
                         _ ("Needed from the 8th birthday (R-A5)"), FALSE);
  gtk_box_append (GTK_BOX (box), group);
}

static void
on_second_placer_cb (CivAdoptionPage *self)
{
  gtk_widget_set_visible (self->placer[1].group, gtk_switch_get_active (self->second_placer));
}

static void
build_placer_step (CivAdoptionPage *self, GtkWidget *box)
{
  GtkWidget *group = civ_form_group_new (_ ("Placing the Child"), NULL);

  self->second_placer =
    civ_form_add_switch (self->form, group, "placer.second", _ ("Two placers (both birth parents)"),
                         _ ("Birth parents place the child jointly unless one is unknown"), FALSE);
  g_signal_connect_swapped (self->second_placer, "notify::active", G_CALLBACK (on_second_placer_cb),
                            self);
  gtk_box_append (GTK_BOX (box), group);
  for (guint i = 0; i < CIV_ADOPTION_MAX_PLACERS; i++)
    {
      Party           *p = &self->placer[i];
      g_autofree char *prefix = g_strdup_printf ("placer%u", i);
      g_autofree char *title = g_strdup_printf (_ ("Placer %u"), i + 1);
      g_autofree char *n = NULL;
      const char      *kinds[] = { _ ("Guardian of an orphan"), _ ("Child welfare institution"),
                                   _ ("Birth parent"), NULL };

      group =
        civ_form_group_new (title, _ ("The placer's conditions (R-A2). A birth parent's name is "
                                      "kept from view after the application (R-A13)."));
      p->group = group;
      n = g_strconcat (prefix, ".kind", NULL);
      p->kind =
        civ_form_add_combo (self->form, group, n, _ ("Placer"), gtk_string_list_new (kinds));
      g_free (n);
      n = g_strconcat (prefix, ".name", NULL);
      p->name = civ_form_add_entry (self->form, group, n, _ ("Name (person or institution)"));
      build_identity (self, p, group, prefix);
#define PLACER_SWITCH(idx, key, title, sub)                                                        \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_autofree char *k = g_strconcat (prefix, "." key, NULL);                                      \
    p->sw[idx] = civ_form_add_switch (self->form, group, k, title, sub, FALSE);                    \
  }                                                                                                \
  G_STMT_END
      PLACER_SWITCH (PLACER_CONSENTS, "consents", _ ("Places the child freely"), _ ("CC 1104"));
      PLACER_SWITCH (PLACER_APPEARS, "appears", _ ("Appears in person"), _ ("R-A9"));
      PLACER_SWITCH (PLACER_HARDSHIP, "hardship", _ ("Birth parent with special hardship"),
                     _ ("Cannot raise the child (CC 1094)"));
      PLACER_SWITCH (PLACER_OTHER_UNKNOWN, "other_unknown",
                     _ ("The other birth parent is unknown or cannot be found"), _ ("CC 1097"));
      PLACER_SWITCH (PLACER_SUPPORT_CONSENT, "support_consent",
                     _ ("Those with a duty to support the orphan consent"), _ ("CC 1096"));
      PLACER_SWITCH (PLACER_LACK_CAPACITY, "lack_capacity",
                     _ ("Both parents lack full civil capacity and may seriously harm the child"),
                     _ ("CC 1095"));
#undef PLACER_SWITCH
      gtk_box_append (GTK_BOX (box), group);
    }
  gtk_widget_set_visible (self->placer[1].group, FALSE);
}

static void
on_joint_cb (CivAdoptionPage *self)
{
  gtk_widget_set_visible (self->adopter[1].group, gtk_switch_get_active (self->joint));
}

static void
build_adopters_step (CivAdoptionPage *self, GtkWidget *box)
{
  GtkWidget *group = civ_form_group_new (_ ("Adopters"), NULL);

  self->joint =
    civ_form_add_switch (self->form, group, "adopter.joint", _ ("Spouses adopt jointly"),
                         _ ("A married adopter adopts together with the spouse (R-A5)"), FALSE);
  g_signal_connect_swapped (self->joint, "notify::active", G_CALLBACK (on_joint_cb), self);
  gtk_box_append (GTK_BOX (box), group);
  for (guint i = 0; i < CIV_ADOPTION_MAX_ADOPTERS; i++)
    {
      Party           *p = &self->adopter[i];
      g_autofree char *prefix = g_strdup_printf ("adopter%u", i);
      g_autofree char *title = g_strdup_printf (_ ("Adopter %u"), i + 1);
      g_autofree char *n = NULL;
      GtkStringList   *cats = gtk_string_list_new (NULL);

      for (guint c = 0; c < G_N_ELEMENTS (categories); c++)
        gtk_string_list_append (cats, _ (category_labels[c]));
      group = civ_form_group_new (title,
                                  _ ("At least 30 years old (R-A3); a single adopter of a child of "
                                     "the other sex at least 40 years older (R-A5)."));
      build_person (self, p, group, prefix);
      n = g_strconcat (prefix, ".category", NULL);
      p->kind = civ_form_add_combo (self->form, group, n, _ ("Resident category"), cats);
      g_free (n);
      n = g_strconcat (prefix, ".children", NULL);
      p->children = civ_form_add_spin (self->form, group, n, _ ("Children now (born or adopted)"),
                                       _ ("R-A3"), CIV_ADOPTION_MAX_CHILDREN);
      g_free (n);
      n = g_strconcat (prefix, ".adopted", NULL);
      p->adopted = civ_form_add_spin (self->form, group, n, _ ("Of which adopted"), _ ("R-A4"),
                                      CIV_ADOPTION_MAX_CHILDREN);
#define ADOPTER_SWITCH(idx, key, title, sub)                                                       \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_autofree char *k = g_strconcat (prefix, "." key, NULL);                                      \
    p->sw[idx] = civ_form_add_switch (self->form, group, k, title, sub, FALSE);                    \
  }                                                                                                \
  G_STMT_END
      ADOPTER_SWITCH (ADOPTER_MARRIED, "married", _ ("Has a spouse"), _ ("R-A5"));
      ADOPTER_SWITCH (ADOPTER_ABLE, "able", _ ("Able to raise, educate and protect the child"),
                      _ ("CC 1098"));
      ADOPTER_SWITCH (ADOPTER_DISEASE, "disease",
                      _ ("Has a disease for which medicine advises against adopting"),
                      _ ("CC 1098"));
      ADOPTER_SWITCH (ADOPTER_CRIMINAL, "criminal",
                      _ ("Has a criminal record harmful to the child's growth"), _ ("CC 1098"));
      ADOPTER_SWITCH (ADOPTER_APPEARS, "appears", _ ("Appears in person"), _ ("R-A9"));
      ADOPTER_SWITCH (ADOPTER_AUTHORISED, "authorised",
                      _ ("Absent: certified written authorisation of the spouse"), _ ("R-A9"));
      ADOPTER_SWITCH (ADOPTER_HOME_APPROVAL, "home_approval",
                      _ ("Foreign adopter: approved by the home country"), _ ("R-A12"));
      ADOPTER_SWITCH (ADOPTER_LEGALISED, "legalised", _ ("Foreign adopter: documents legalised"),
                      _ ("R-A12"));
#undef ADOPTER_SWITCH
      gtk_box_append (GTK_BOX (box), group);
    }
  gtk_widget_set_visible (self->adopter[1].group, FALSE);
}

static void
build_relationship_step (CivAdoptionPage *self, GtkWidget *box)
{
  GtkWidget  *group = civ_form_group_new (_ ("Relationship and Registry"), NULL);
  const char *relations[] = { _ ("None"),
                              _ ("Child of a same-generation collateral relative within three "
                                 "generations"),
                              _ ("Step-child of the adopter"), NULL };

  self->relationship = civ_form_add_combo (self->form, group, "relationship",
                                           _ ("Relationship of the adopter to the child (R-A6)"),
                                           gtk_string_list_new (relations));
  self->birth_parent_consent =
    civ_form_add_switch (self->form, group, "relationship.birth_parent_consent",
                         _ ("The birth parent consents to the step-parent adoption"), _ ("R-A6"),
                         FALSE);
  self->jurisdiction = civ_form_add_switch (self->form, group, "relationship.jurisdiction",
                                            _ ("This registry is competent"),
                                            _ ("Where the child's or the welfare institution's "
                                               "household registration is "
                                               "(R-A8)"),
                                            TRUE);
  self->provincial =
    civ_form_add_switch (self->form, group, "relationship.provincial",
                         _ ("This registry is the provincial civil affairs department"),
                         _ ("Only it registers foreign adopters (R-A12)"), FALSE);
  gtk_box_append (GTK_BOX (box), group);
}

static GtkWidget *
build_apply_view (CivAdoptionPage *self)
{
  GtkWidget *paned = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *right = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *cancel;

  self->step_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->step_label), "title-4");
  gtk_label_set_xalign (self->step_label, 0);
  gtk_box_append (GTK_BOX (left), GTK_WIDGET (self->step_label));

  self->steps = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_vhomogeneous (self->steps, FALSE);
  gtk_stack_set_hhomogeneous (self->steps, FALSE);
  build_child_step (self, step_page (self->steps, "child"));
  build_placer_step (self, step_page (self->steps, "placer"));
  build_adopters_step (self, step_page (self->steps, "adopters"));
  build_relationship_step (self, step_page (self->steps, "relationship"));
  gtk_box_append (GTK_BOX (left), GTK_WIDGET (self->steps));

  cancel = civ_form_button_new (self->form, "apply.cancel", _ ("_Cancel"), FALSE);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (on_cancel_apply_clicked_cb), self);
  self->back_button = civ_form_button_new (self->form, "apply.back", _ ("_Back"), FALSE);
  g_signal_connect_swapped (self->back_button, "clicked", G_CALLBACK (on_back_clicked_cb), self);
  self->next_button = civ_form_button_new (self->form, "apply.next", _ ("_Next"), TRUE);
  g_signal_connect_swapped (self->next_button, "clicked", G_CALLBACK (on_next_clicked_cb), self);
  self->submit_button =
    civ_form_button_new (self->form, "apply.submit", _ ("_Record Application"), TRUE);
  g_signal_connect_swapped (self->submit_button, "clicked", G_CALLBACK (on_submit_clicked_cb),
                            self);
  gtk_widget_set_hexpand (cancel, TRUE);
  gtk_widget_set_halign (cancel, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (bar), cancel);
  gtk_box_append (GTK_BOX (bar), self->back_button);
  gtk_box_append (GTK_BOX (bar), self->next_button);
  gtk_box_append (GTK_BOX (bar), self->submit_button);
  gtk_box_append (GTK_BOX (left), bar);

  self->findings_group =
    civ_form_group_new (_ ("Checks"), _ ("The rules on the application as entered, "
                                         "with the law that says so."));
  self->verdict_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->verdict_label, TRUE);
  gtk_label_set_xalign (self->verdict_label, 0);
  gtk_box_append (GTK_BOX (right), GTK_WIDGET (self->verdict_label));
  gtk_box_append (GTK_BOX (right), self->findings_group);

  gtk_box_append (GTK_BOX (paned), civ_form_scrolled (left));
  gtk_widget_set_size_request (right, 340, -1);
  gtk_box_append (GTK_BOX (paned), civ_form_scrolled (right));
  return paned;
}

/* ---- the record ---- */

static const CivAdoptionPartyRow *
view_party (const CivAdoptionView *view, const char *role, int position)
{
  for (guint i = 0; i < view->parties->len; i++)
    {
      const CivAdoptionPartyRow *p = g_ptr_array_index (view->parties, i);

      if (g_strcmp0 (p->role, role) == 0 && p->position == position)
        return p;
    }
  return NULL;
}

static const char *
role_label (const char *role)
{
  if (g_strcmp0 (role, "child") == 0)
    return _ ("Child");
  if (g_strcmp0 (role, "placer") == 0)
    return _ ("Placer");
  return _ ("Adopter");
}

static const char *
placer_kind_label (const char *kind)
{
  switch (civ_placer_kind_from_string (kind))
    {
    case CIV_PLACER_GUARDIAN:
      return _ ("Guardian of an orphan");
    case CIV_PLACER_WELFARE_INSTITUTION:
      return _ ("Child welfare institution");
    case CIV_PLACER_BIRTH_PARENT:
      return _ ("Birth parent");
    case CIV_PLACER_INVALID:
    default:
      return "";
    }
}

static void
add_party_rows (GtkWidget *group, GPtrArray *parties, gboolean birth_parents)
{
  for (guint i = 0; i < parties->len; i++)
    {
      const CivAdoptionPartyRow *p = g_ptr_array_index (parties, i);
      g_autoptr (GString) sub = g_string_new (role_label (p->role));
      const char *name = p->name && *p->name ? p->name : NULL;
      GtkWidget  *row;

      if (p->placer_kind)
        g_string_append_printf (sub, " · %s", placer_kind_label (p->placer_kind));
      if (p->sex == CIV_SEX_MALE || p->sex == CIV_SEX_FEMALE)
        g_string_append_printf (sub, " · %s", civ_form_sex_text (p->sex));
      if (p->birth_date && *p->birth_date)
        g_string_append_printf (sub, " · %s", p->birth_date);
      if (p->doc_number && *p->doc_number)
        g_string_append_printf (sub, " · %s", p->doc_number);
      if (name == NULL)
        name = g_strcmp0 (p->placer_kind, "birth-parent") == 0 && !birth_parents
                 ? _ ("Birth parent: details withheld (R-A13)")
                 : _ ("Name not recorded");
      row = civ_form_info_row (group, name, sub->str);
      gtk_widget_remove_css_class (row, "property");
    }
}

static void
on_show_parents_purpose (CivAdoptionPage *self, const char *purpose, gpointer data)
{
  CivAdoptionRequest *request = request_new (self, CIV_ADOPTION_STEP_SHOW_BIRTH_PARENTS);

  request->purpose = g_strdup (purpose);
  run_step (self, request);
}

static void
on_show_parents_clicked_cb (CivAdoptionPage *self)
{
  ask_purpose (self, _ ("Show the birth parents?"), NULL, on_show_parents_purpose, NULL, NULL);
}

static void
on_publish_clicked_cb (CivAdoptionPage *self)
{
  GtkTextView        *text_view = GTK_TEXT_VIEW (civ_form_get (self->form, "notice.text"));
  AdwEntryRow        *date_row = civ_form_get (self->form, "notice.published");
  GtkTextBuffer      *buffer = gtk_text_view_get_buffer (text_view);
  GtkTextIter         start, end;
  g_autofree char    *text = NULL;
  CivAdoptionRequest *request;
  GDate               published;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  if (*text == '\0')
    {
      set_message (self, _ ("Enter the text of the notice as it was published."));
      return;
    }
  if (!civ_form_entry_date (date_row, &published))
    {
      set_message (self, _ ("Enter the publication date as YYYY-MM-DD."));
      return;
    }
  request = request_new (self, CIV_ADOPTION_STEP_PUBLISH_NOTICE);
  request->text = g_steal_pointer (&text);
  request->published = published;
  run_step (self, request);
}

static void
on_simple_step_clicked_cb (GtkButton *button, CivAdoptionPage *self)
{
  run_step (self, request_new (self, GPOINTER_TO_INT (
                                       g_object_get_data (G_OBJECT (button), "civ-step"))));
}

static GtkWidget *
step_button (CivAdoptionPage *self, const char *name, const char *label, CivAdoptionStepKind step)
{
  GtkWidget *button = civ_form_button_new (self->form, name, label, TRUE);

  g_object_set_data (G_OBJECT (button), "civ-step", GINT_TO_POINTER (step));
  g_signal_connect (button, "clicked", G_CALLBACK (on_simple_step_clicked_cb), self);
  return button;
}

static char *
widget_text (CivAdoptionPage *self, const char *name)
{
  gpointer w = civ_form_get (self->form, name);

  return w ? civ_form_entry_text (ADW_ENTRY_ROW (w)) : g_strdup ("");
}

static gboolean
widget_active (CivAdoptionPage *self, const char *name)
{
  gpointer w = civ_form_get (self->form, name);

  return w != NULL && gtk_switch_get_active (GTK_SWITCH (w));
}

static void
on_record_assessment_clicked_cb (CivAdoptionPage *self)
{
  g_autoptr (CivAdoptionRequest) request = request_new (self, CIV_ADOPTION_STEP_RECORD_ASSESSMENT);
  const char *const *items = civ_adoption_assessment_items ();
  g_autofree char   *team = widget_text (self, "assessment.team");
  AdwComboRow       *conclusion = civ_form_get (self->form, "assessment.conclusion");

  request->assessment_third_party = widget_active (self, "assessment.third_party");
  request->assessment_third_party_name = widget_text (self, "assessment.third_party_name");
  if (!request->assessment_third_party)
    {
      g_auto (GStrv) parts = g_regex_split_simple ("[,，、;；]", team, 0, 0);
      g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; parts[i]; i++)
        {
          g_strstrip (parts[i]);
          if (*parts[i] != '\0')
            g_strv_builder_add (builder, parts[i]);
        }
      request->assessment_team = g_strv_builder_end (builder);
    }
  for (guint i = 0; items[i]; i++)
    {
      g_autofree char *sw = g_strdup_printf ("assessment.item.%s", items[i]);
      g_autofree char *note_name = g_strdup_printf ("assessment.note.%s", items[i]);
      g_autofree char *note = widget_text (self, note_name);

      civ_adoption_request_add_item (request, items[i], widget_active (self, sw), note);
    }
  request->assessment_conclusion = adw_combo_row_get_selected (conclusion) == 0
                                     ? CIV_ASSESSMENT_SUITABLE
                                     : CIV_ASSESSMENT_UNSUITABLE;
  request->assessment_conclusion_text = widget_text (self, "assessment.conclusion_text");
  request->assessment_red_flags = widget_active (self, "assessment.red_flags");
  request->assessment_red_flags_reported = widget_active (self, "assessment.reported");
  request->assessment_red_flags_detail = widget_text (self, "assessment.red_flags_detail");
  run_step (self, g_steal_pointer (&request));
}

static void
on_refuse_clicked_cb (CivAdoptionPage *self)
{
  g_autofree char    *reason = widget_text (self, "refuse.reason");
  CivAdoptionRequest *request;

  if (*reason == '\0')
    {
      set_message (self, _ ("Write the reason for the refusal; it is printed on the notice."));
      return;
    }
  request = request_new (self, CIV_ADOPTION_STEP_REFUSE);
  request->text = g_steal_pointer (&reason);
  run_step (self, request);
}

static void
on_apply_dissolution_clicked_cb (CivAdoptionPage *self)
{
  g_autofree char    *agreement = widget_text (self, "dissolution.agreement");
  CivAdoptionRequest *request;

  if (*agreement == '\0')
    {
      set_message (self, _ ("Enter the reference of the written dissolution agreement."));
      return;
    }
  request = request_new (self, CIV_ADOPTION_STEP_APPLY_DISSOLUTION);
  request->agreement_ref = g_steal_pointer (&agreement);
  request->child_consents = widget_active (self, "dissolution.child_consents");
  run_step (self, request);
}

static void
on_dissolve_clicked_cb (CivAdoptionPage *self)
{
  CivAdoptionRequest *request = request_new (self, CIV_ADOPTION_STEP_DISSOLVE);

  request->certificate_returned = widget_active (self, "dissolution.returned");
  run_step (self, request);
}

static void
on_revoke_clicked_cb (CivAdoptionPage *self)
{
  g_autofree char    *decision = widget_text (self, "revoke.decision");
  g_autofree char    *reason = widget_text (self, "revoke.reason");
  CivAdoptionRequest *request;

  if (*decision == '\0' || *reason == '\0')
    {
      set_message (self, _ ("Enter the revocation decision's number and the reason."));
      return;
    }
  request = request_new (self, CIV_ADOPTION_STEP_REVOKE);
  request->decision_no = g_steal_pointer (&decision);
  request->text = g_steal_pointer (&reason);
  run_step (self, request);
}

/* -- documents -- */

static void
attach_path (CivAdoptionPage *self, const char *path)
{
  AdwComboRow *kind_row = civ_form_get (self->form, "documents.kind");
  guint        kind = kind_row ? adw_combo_row_get_selected (kind_row) : 0;
  g_autoptr (GError) error = NULL;
  CivDocumentInput   *input = civ_document_input_new_from_file (CIV_DOCUMENT_OTHER, path, &error);
  CivAdoptionRequest *request;

  if (input == NULL)
    {
      g_autofree char *text = civ_ui_describe_error (error);

      set_message (self, text);
      return;
    }
  request = request_new (self, CIV_ADOPTION_STEP_ATTACH);
  request->document = input;
  request->document_kind =
    g_strdup (document_kinds[MIN (kind, G_N_ELEMENTS (document_kinds) - 1)].code);
  run_step (self, request);
}

static void
on_document_chosen (GtkWidget *owner, const char *path)
{
  attach_path (CIV_ADOPTION_PAGE (owner), path);
}

static void
on_attach_clicked_cb (CivAdoptionPage *self)
{
  civ_form_choose_document (GTK_WIDGET (self), on_document_chosen);
}

static void
on_open_document_purpose (CivAdoptionPage *self, const char *purpose, gpointer data)
{
  CivAdoptionRequest *request = request_new (self, CIV_ADOPTION_STEP_OPEN_DOCUMENT);

  request->document_id = GPOINTER_TO_SIZE (data);
  request->purpose = g_strdup (purpose);
  run_step (self, request);
}

static void
on_open_document_clicked_cb (GtkButton *button, CivAdoptionPage *self)
{
  gsize id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "civ-document"));

  ask_purpose (self, _ ("Open this document?"), self->purpose, on_open_document_purpose,
               GSIZE_TO_POINTER (id), NULL);
}

static const char *
document_kind_label (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (document_kinds); i++)
    if (g_strcmp0 (document_kinds[i].code, code) == 0)
      return _ (document_kinds[i].label);
  return code;
}

/* -- prints -- */

typedef struct
{
  CivAdoptionPrintKind kind;
} PrintData;

static GtkPrintOperation *
build_adoption_print (CivPrintJob *job, CivPrintable *loaded, gpointer user_data, char **problem)
{
  PrintData *data = user_data;
  g_autoptr (GError) error = NULL;

  if (loaded->adoption == NULL || !civ_print_adoption_check (data->kind, loaded->adoption, &error))
    {
      *problem = g_strdup (error ? error->message : _ ("This is not an adoption."));
      return NULL;
    }
  return civ_print_adoption_operation_new (data->kind, g_steal_pointer (&loaded->adoption),
                                           civ_print_job_get_settings (job));
}

static const char *
print_file_name (CivAdoptionPrintKind kind)
{
  switch (kind)
    {
    case CIV_PRINT_ADOPTION_CERTIFICATE:
      return "certificate.pdf";
    case CIV_PRINT_ADOPTION_NOTICE:
      return "notice.pdf";
    case CIV_PRINT_ADOPTION_REFUSAL:
      return "refusal.pdf";
    case CIV_PRINT_ADOPTION_DISSOLUTION:
    default:
      return "dissolution.pdf";
    }
}

static void
on_print_purpose (CivAdoptionPage *self, const char *purpose, gpointer user_data)
{
  CivAdoptionPrintKind kind = GPOINTER_TO_INT (user_data);
  g_autoptr (CivPrintJob) job =
    civ_print_job_new (GTK_WIDGET (self), self->session, self->cancellable);
  PrintData *data = g_new0 (PrintData, 1);

  data->kind = kind;
  civ_print_job_set_source (job,
                            civ_print_source_new_adoption (self->view->row->record_id, purpose));
  civ_print_job_set_build (job, build_adoption_print, data, g_free);
  if (self->export_dir != NULL)
    {
      g_autofree char *path = g_build_filename (self->export_dir, print_file_name (kind), NULL);

      civ_print_job_set_export (job, path, NULL);
    }
  civ_print_job_start (job);
}

static void
on_print_clicked_cb (GtkButton *button, CivAdoptionPage *self)
{
  int kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "civ-print"));

  ask_purpose (self, _ ("Print for which purpose?"), self->purpose, on_print_purpose,
               GINT_TO_POINTER (kind), NULL);
}

static void
add_print_button (CivAdoptionPage     *self,
                  GtkWidget           *group,
                  const char          *name,
                  const char          *title,
                  const char          *label,
                  CivAdoptionPrintKind kind)
{
  GtkWidget *button = civ_form_button_new (self->form, name, label, FALSE);

  g_object_set_data (G_OBJECT (button), "civ-print", GINT_TO_POINTER (kind));
  g_signal_connect (button, "clicked", G_CALLBACK (on_print_clicked_cb), self);
  civ_form_add_button_row (group, title, button);
}

/* -- the parts of the record -- */

static char *
dates_text (const char *from, const char *to)
{
  return g_strdup_printf (_ ("%s to %s"), from, to);
}

static void
build_summary (CivAdoptionPage *self, GtkWidget *box)
{
  const CivAdoptionRow *row = self->view->row;
  GtkWidget            *group =
    civ_form_group_new (row->certificate_no ? row->certificate_no : _ ("Adoption Application"),
                        NULL);
  GtkWidget *back = civ_form_button_new (self->form, "record.back", _ ("Back to the _List"), FALSE);

  g_signal_connect_swapped (back, "clicked", G_CALLBACK (show_list_view), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), back);
  civ_form_name (self->form, "record.state",
                 civ_form_info_row (group, _ ("State"), state_label (row->state)));
  civ_form_info_row (group, _ ("Applied on"), row->applied_on);
  if (self->view->notice != NULL)
    {
      g_autofree char *period =
        dates_text (self->view->notice->published_on, self->view->notice->ends_on);

      civ_form_info_row (group, _ ("Public notice (R-A7)"), period);
    }
  else if (row->notice_needed)
    civ_form_info_row (group, _ ("Public notice (R-A7)"),
                       _ ("Needed: the child's parents cannot be found"));
  if (row->review_due != NULL)
    {
      g_autofree char *due = g_strdup_printf ("%s%s", row->review_due,
                                              row->provisional ? _ (" (provisional: the holiday "
                                                                    "table does not cover it)")
                                                               : "");

      civ_form_info_row (group, _ ("Review deadline (R-A10)"), due);
    }
  if (row->certificate_no != NULL)
    civ_form_info_row (group, _ ("Certificate number"), row->certificate_no);
  if (row->registered_on != NULL)
    civ_form_info_row (group, _ ("Registered on"), row->registered_on);
  if (row->closed_on != NULL)
    civ_form_info_row (group, _ ("Closed on"), row->closed_on);
  if (self->view->dissolution != NULL)
    {
      g_autofree char *due =
        g_strdup_printf (_ ("Applied for on %s (agreement %s); to be decided by %s"),
                         self->view->dissolution->applied_on,
                         self->view->dissolution->agreement_ref,
                         self->view->dissolution->review_due);

      civ_form_info_row (group, _ ("Dissolution (R-A14)"), due);
    }
  gtk_box_append (GTK_BOX (box), group);
}

static void
build_parties (CivAdoptionPage *self, GtkWidget *box)
{
  GtkWidget *group = civ_form_group_new (_ ("Parties"), NULL);

  add_party_rows (group, self->view->parties, FALSE);
  if (self->birth_parents != NULL && self->birth_parents->len > 0)
    add_party_rows (group, self->birth_parents, TRUE);
  else if (self->view->birth_parents_withheld)
    {
      GtkWidget *button = civ_form_button_new (self->form, "record.show_birth_parents",
                                               _ ("_Show Birth Parents…"), FALSE);

      g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_show_parents_clicked_cb), self);
      civ_form_add_button_row (group, _ ("The birth parents' details are withheld (R-A13)"),
                               button);
    }
  gtk_box_append (GTK_BOX (box), group);
}

static GtkWidget *
text_area (CivAdoptionPage *self, const char *name, const char *initial)
{
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_widget_set_size_request (view, -1, 100);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), initial, -1);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  civ_form_name (self->form, name, view);
  return frame;
}

static void
build_notice_form (CivAdoptionPage *self, GtkWidget *box)
{
  GtkWidget                 *group = civ_form_group_new (_ ("Public Notice (R-A7)"),
                                                         _ ("The child's parents cannot be found: publish a notice "
                                                                            "for 60 days before the assessment. Enter it as "
                                                                            "published."));
  const CivAdoptionPartyRow *child = view_party (self->view, "child", 0);
  const CivAdoptionPartyRow *placer = view_party (self->view, "placer", 0);
  g_autofree char           *today = civ_date_format_iso (&self->today);
  g_autofree char           *initial = g_strdup_printf (
              _ ("Public notice: the child %s, found and placed by %s, is applied for adoption. The birth "
                           "parents or other guardians are asked to contact the registry within 60 days of this "
                           "notice."),
    child ? child->name : "",
    placer && placer->name && *placer->name ? placer->name : self->view->row->office_name);
  GtkWidget   *button;
  AdwEntryRow *date;

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             text_area (self, "notice.text", initial));
  date =
    civ_form_add_entry (self->form, group, "notice.published", _ ("Published on (YYYY-MM-DD)"));
  civ_form_set_entry (date, today);
  button = civ_form_button_new (self->form, "record.publish", _ ("Record _Notice"), TRUE);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_publish_clicked_cb), self);
  civ_form_add_button_row (group, _ ("The 60 days run from the publication date"), button);
  gtk_box_append (GTK_BOX (box), group);
}

static void
build_assessment_form (CivAdoptionPage *self, GtkWidget *box)
{
  GtkWidget *group =
    civ_form_group_new (_ ("Adoption Assessment (R-A11)"),
                        _ ("By a team of at least two or a contracted third party; "
                           "every item, the conclusion, and red flags, which must "
                           "be reported."));
  const char *const *items = civ_adoption_assessment_items ();
  const char        *conclusions[] = { _ ("Suitable"), _ ("Unsuitable"), NULL };
  GtkWidget         *button;

  civ_form_add_switch (self->form, group, "assessment.third_party",
                       _ ("Assessed by a contracted third party"), NULL, FALSE);
  civ_form_add_entry (self->form, group, "assessment.third_party_name", _ ("Third party's name"));
  civ_form_add_entry (self->form, group, "assessment.team",
                      _ ("Team members (separated by 、 or commas)"));
  for (guint i = 0; items[i]; i++)
    {
      g_autofree char *sw = g_strdup_printf ("assessment.item.%s", items[i]);
      g_autofree char *note = g_strdup_printf ("assessment.note.%s", items[i]);
      g_autofree char *title =
        g_strdup_printf (_ ("%s: satisfactory"), civ_adoption_assessment_item_label (items[i]));
      g_autofree char *note_title =
        g_strdup_printf (_ ("%s: note"), civ_adoption_assessment_item_label (items[i]));

      civ_form_add_switch (self->form, group, sw, title, NULL, TRUE);
      civ_form_add_entry (self->form, group, note, note_title);
    }
  civ_form_add_combo (self->form, group, "assessment.conclusion", _ ("Conclusion"),
                      gtk_string_list_new (conclusions));
  civ_form_add_entry (self->form, group, "assessment.conclusion_text", _ ("Conclusion in words"));
  civ_form_add_switch (self->form, group, "assessment.red_flags", _ ("Red flags found"), NULL,
                       FALSE);
  civ_form_add_switch (self->form, group, "assessment.reported", _ ("Red flags reported"),
                       _ ("Red flags must be reported before the review"), FALSE);
  civ_form_add_entry (self->form, group, "assessment.red_flags_detail", _ ("Red flags in detail"));
  button =
    civ_form_button_new (self->form, "record.record_assessment", _ ("Record _Assessment"), TRUE);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_record_assessment_clicked_cb), self);
  civ_form_add_button_row (group, _ ("The 30-day review starts when the assessment is recorded"),
                           button);
  gtk_box_append (GTK_BOX (box), group);
}

static void
build_steps (CivAdoptionPage *self, GtkWidget *box)
{
  CivAdoptionState state = civ_adoption_state_from_db (self->view->row->state);
  gboolean open = state == CIV_ADOPTION_STATE_APPLIED || state == CIV_ADOPTION_STATE_NOTICE_60D ||
                  state == CIV_ADOPTION_STATE_ASSESSMENT || state == CIV_ADOPTION_STATE_REVIEW_30D;
  GtkWidget *group;

  if (state == CIV_ADOPTION_STATE_APPLIED && self->view->row->notice_needed &&
      self->view->notice == NULL)
    build_notice_form (self, box);
  if ((state == CIV_ADOPTION_STATE_APPLIED && !self->view->row->notice_needed) ||
      state == CIV_ADOPTION_STATE_NOTICE_60D)
    {
      group = civ_form_group_new (_ ("Next Step"), NULL);
      civ_form_add_button_row (
        group,
        state == CIV_ADOPTION_STATE_NOTICE_60D
          ? _ ("Once the 60 days of the notice have ended: the assessment (R-A11)")
          : _ ("The adoption assessment (R-A11); a step-child needs none"),
        step_button (self, "record.begin_assessment", _ ("_Begin Assessment"),
                     CIV_ADOPTION_STEP_BEGIN_ASSESSMENT));
      gtk_box_append (GTK_BOX (box), group);
    }
  if (state == CIV_ADOPTION_STATE_ASSESSMENT)
    build_assessment_form (self, box);
  if (state == CIV_ADOPTION_STATE_REVIEW_30D)
    {
      group = civ_form_group_new (_ ("Review Decision (R-A10)"), NULL);
      civ_form_add_button_row (
        group,
        _ ("The rules are applied again with the notice and the assessment: the "
           "adoption is registered with the next certificate number, or refused with "
           "the reasons"),
        step_button (self, "record.decide", _ ("_Decide"), CIV_ADOPTION_STEP_DECIDE));
      gtk_box_append (GTK_BOX (box), group);
    }
  if (open)
    {
      GtkWidget *button = civ_form_button_new (self->form, "record.refuse", _ ("_Refuse"), FALSE);

      gtk_widget_add_css_class (button, "destructive-action");
      group = civ_form_group_new (_ ("Refuse the Application"), NULL);
      civ_form_add_entry (self->form, group, "refuse.reason",
                          _ ("Reason, as printed on the notice"));
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_refuse_clicked_cb), self);
      civ_form_add_button_row (group, _ ("Refusing closes the application"), button);
      gtk_box_append (GTK_BOX (box), group);
    }
  if (state == CIV_ADOPTION_STATE_REGISTERED)
    {
      GtkWidget *button;

      group =
        civ_form_group_new (_ ("Dissolution (R-A14)"),
                            _ ("By written agreement; the child's consent from the 8th birthday; a "
                               "30-day review; the certificate taken back."));
      if (self->view->dissolution == NULL)
        {
          civ_form_add_entry (self->form, group, "dissolution.agreement",
                              _ ("Agreement reference"));
          civ_form_add_switch (self->form, group, "dissolution.child_consents",
                               _ ("The child consents"), _ ("Needed from the 8th birthday"), FALSE);
          button = civ_form_button_new (self->form, "record.apply_dissolution",
                                        _ ("A_pply for Dissolution"), TRUE);
          g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_apply_dissolution_clicked_cb),
                                    self);
          civ_form_add_button_row (group, _ ("Starts the 30-day review"), button);
        }
      else
        {
          civ_form_add_switch (self->form, group, "dissolution.returned",
                               _ ("The adoption certificate has been handed back"), NULL, FALSE);
          button =
            civ_form_button_new (self->form, "record.dissolve", _ ("Register _Dissolution"), TRUE);
          g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_dissolve_clicked_cb), self);
          civ_form_add_button_row (group, _ ("The kinship links end from today"), button);
        }
      gtk_box_append (GTK_BOX (box), group);

      if (civ_session_get_role (self->session) == CIV_ROLE_SUPERVISOR)
        {
          group = civ_form_group_new (_ ("Revocation for Fraud (R-A15)"), NULL);
          civ_form_add_entry (self->form, group, "revoke.decision", _ ("Decision number"));
          civ_form_add_entry (self->form, group, "revoke.reason", _ ("Reason"));
          button = civ_form_button_new (self->form, "record.revoke", _ ("Re_voke"), FALSE);
          gtk_widget_add_css_class (button, "destructive-action");
          g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_revoke_clicked_cb), self);
          civ_form_add_button_row (group, _ ("As if the adoption never was; kept in the history"),
                                   button);
          gtk_box_append (GTK_BOX (box), group);
        }
    }
}

static void
build_prints (CivAdoptionPage *self, GtkWidget *box)
{
  CivAdoptionState state = civ_adoption_state_from_db (self->view->row->state);
  GtkWidget       *group;

  if (state != CIV_ADOPTION_STATE_REGISTERED && state != CIV_ADOPTION_STATE_REFUSED &&
      state != CIV_ADOPTION_STATE_DISSOLVED && self->view->notice == NULL)
    return;
  group = civ_form_group_new (_ ("Prints"),
                              _ ("Each print asks for its purpose and is recorded (R-A13)."));

  if (state == CIV_ADOPTION_STATE_REGISTERED)
    {
      add_print_button (self, group, "print.certificate", _ ("Adoption certificate (收养登记证)"),
                        C_ ("adoption", "Print _Certificate…"), CIV_PRINT_ADOPTION_CERTIFICATE);
    }
  if (self->view->notice != NULL)
    {
      add_print_button (self, group, "print.notice", _ ("Public notice (R-A7)"),
                        C_ ("adoption", "Print _Notice…"), CIV_PRINT_ADOPTION_NOTICE);
    }
  if (state == CIV_ADOPTION_STATE_REFUSED)
    {
      add_print_button (self, group, "print.refusal", _ ("Notice of refusal"),
                        _ ("Print _Refusal…"), CIV_PRINT_ADOPTION_REFUSAL);
    }
  if (state == CIV_ADOPTION_STATE_DISSOLVED)
    {
      add_print_button (self, group, "print.dissolution",
                        _ ("Certificate of dissolution (解除收养关系证明)"),
                        _ ("Print _Dissolution Certificate…"), CIV_PRINT_ADOPTION_DISSOLUTION);
    }
  gtk_box_append (GTK_BOX (box), group);
}

static void
build_records (CivAdoptionPage *self, GtkWidget *box)
{
  GtkWidget *group;

  if (self->view->notice != NULL)
    {
      group = civ_form_group_new (_ ("The Notice as Published"), NULL);
      civ_form_info_row (group, _ ("Text"), self->view->notice->text);
      gtk_box_append (GTK_BOX (box), group);
    }
  if (self->view->assessment != NULL)
    {
      const CivAdoptionAssessmentRow *a = self->view->assessment;
      g_autofree char                *by = a->third_party && *a->third_party
                                             ? g_strdup (a->third_party)
                                             : g_strjoinv ("、", a->team_members ? a->team_members : (GStrv) NULL);
      g_autofree char                *red =
        a->red_flags
                         ? g_strdup_printf ("%s%s", a->red_flags_detail ? a->red_flags_detail : "",
                             a->red_flags_reported ? _ (" (reported)") : _ (" (not reported)"))
                         : g_strdup (_ ("None"));

      group = civ_form_group_new (_ ("Assessment"), NULL);
      civ_form_info_row (group, _ ("Assessed on"), a->assessed_on);
      civ_form_info_row (group, _ ("Assessed by"), by ? by : "");
      civ_form_info_row (group, _ ("Conclusion"),
                         g_strcmp0 (a->conclusion, "suitable") == 0 ? _ ("Suitable")
                                                                    : _ ("Unsuitable"));
      if (a->conclusion_text && *a->conclusion_text)
        civ_form_info_row (group, _ ("Conclusion in words"), a->conclusion_text);
      civ_form_info_row (group, _ ("Red flags"), red);
      for (guint i = 0; a->items && i < a->items->len; i++)
        {
          const CivAdoptionAssessmentItem *it = g_ptr_array_index (a->items, i);
          g_autofree char                 *value =
            g_strdup_printf ("%s%s%s",
                             it->satisfactory ? _ ("Satisfactory") : _ ("Not satisfactory"),
                             it->note && *it->note ? " · " : "", it->note ? it->note : "");

          civ_form_info_row (group, civ_adoption_assessment_item_label (it->item), value);
        }
      gtk_box_append (GTK_BOX (box), group);
    }

  group = civ_form_group_new (_ ("History"), _ ("Every step, by whom, on which day."));
  civ_form_name (self->form, "record.history", group);
  for (guint i = 0; i < self->view->events->len; i++)
    {
      const CivAdoptionEventRow *e = g_ptr_array_index (self->view->events, i);
      g_autofree char           *title =
        e->from_state && g_strcmp0 (e->from_state, e->state) != 0
                    ? g_strdup_printf ("%s → %s", state_label (e->from_state), state_label (e->state))
                    : g_strdup (state_label (e->state));
      g_autofree char *sub =
        g_strdup_printf ("%s · %s%s%s", e->on_date, e->actor_name,
                         e->reason && *e->reason ? " · " : "", e->reason ? e->reason : "");
      GtkWidget *row = civ_form_info_row (group, title, sub);

      gtk_widget_remove_css_class (row, "property");
    }
  gtk_box_append (GTK_BOX (box), group);

  group =
    civ_form_group_new (_ ("Documents"), _ ("Stored encrypted; opening one asks for its purpose."));
  for (guint i = 0; i < self->view->documents->len; i++)
    {
      const CivDocumentRow *d = g_ptr_array_index (self->view->documents, i);
      g_autofree char      *sub =
        g_strdup_printf ("%s · %s · %s", d->file_name, d->created_by_name, d->created_at);
      GtkWidget *button = gtk_button_new_with_label (_ ("Open"));
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), document_kind_label (d->kind));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (button), "civ-document", GSIZE_TO_POINTER ((gsize) d->id));
      g_signal_connect (button, "clicked", G_CALLBACK (on_open_document_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  {
    GtkStringList *kinds = gtk_string_list_new (NULL);
    GtkWidget     *button =
      civ_form_button_new (self->form, "documents.attach", _ ("A_ttach File…"), FALSE);

    for (guint i = 0; i < G_N_ELEMENTS (document_kinds); i++)
      gtk_string_list_append (kinds, _ (document_kinds[i].label));
    civ_form_add_combo (self->form, group, "documents.kind", _ ("Kind of document"), kinds);
    g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_attach_clicked_cb), self);
    civ_form_add_button_row (group, _ ("PDF, JPEG or PNG, at most 20 MiB"), button);
  }
  gtk_box_append (GTK_BOX (box), group);
}

/* Shows @view (taken; NULL: the one shown, again). */
static void
show_view (CivAdoptionPage *self, CivAdoptionView *view, const CivAdoptionDates *dates)
{
  GtkWidget *box = self->record_box;
  GtkWidget *child;

  if (view != NULL)
    {
      g_clear_pointer (&self->view, civ_adoption_view_free);
      self->view = view;
      if (dates)
        self->dates = *dates;
    }
  if (self->view == NULL)
    return;
  civ_form_forget_under (self->form, box);
  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
  build_summary (self, box);
  build_parties (self, box);
  build_steps (self, box);
  build_prints (self, box);
  build_records (self, box);
  gtk_stack_set_visible_child_name (self->stack, "record");
}

/* ---- CivPage ---- */

static void
civ_adoption_page_set_session (CivPage *page, CivSession *session)
{
  CivAdoptionPage *self = CIV_ADOPTION_PAGE (page);
  Party *parties[] = { &self->child, &self->placer[0], &self->placer[1], &self->adopter[0],
                       &self->adopter[1] };

  g_set_object (&self->session, session);
  if (self->reader == NULL)
    self->reader = civ_card_reader_dup_default ();
  for (guint i = 0; i < G_N_ELEMENTS (parties); i++)
    gtk_widget_set_sensitive (parties[i]->read_card, self->reader != NULL);
}

static void
civ_adoption_page_clear (CivPage *page)
{
  CivAdoptionPage *self = CIV_ADOPTION_PAGE (page);

  civ_ui_renew_cancellable (&self->cancellable);
  if (self->purpose_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->purpose_dialog));
  self->purpose_dialog = NULL;
  self->purpose_entry = NULL;
  purpose_clear (self);
  g_clear_pointer (&self->view, civ_adoption_view_free);
  g_clear_pointer (&self->birth_parents, g_ptr_array_unref);
  g_clear_pointer (&self->purpose, g_free);
  civ_form_forget_under (self->form, self->record_box);
  while (gtk_widget_get_first_child (self->record_box) != NULL)
    gtk_box_remove (GTK_BOX (self->record_box), gtk_widget_get_first_child (self->record_box));
  on_new_clicked_cb (self);
  show_list (self, NULL, NULL);
  gtk_stack_set_visible_child_name (self->stack, "list");
  set_message (self, NULL);
  self->busy = 0;
  set_busy (self, FALSE);
}

static void
civ_adoption_page_reload (CivPage *page)
{
  CivAdoptionPage *self = CIV_ADOPTION_PAGE (page);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "list") == 0)
    load_list (self);
}

static void
civ_adoption_page_set_today (CivPage *page, const GDate *today)
{
  CivAdoptionPage *self = CIV_ADOPTION_PAGE (page);

  self->today = *today;
  schedule_check (self);
}

static void
civ_adoption_page_page_init (CivPageInterface *iface)
{
  iface->id = "adoption";
  iface->title = N_ ("Adoption Registration");
  iface->icon_name = "avatar-default-symbolic";
  iface->permission = CIV_PERM_ADOPTION;
  iface->set_session = civ_adoption_page_set_session;
  iface->clear = civ_adoption_page_clear;
  iface->reload = civ_adoption_page_reload;
  iface->set_today = civ_adoption_page_set_today;
}

static void
civ_adoption_page_dispose (GObject *object)
{
  CivAdoptionPage *self = CIV_ADOPTION_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->check_source, g_source_remove);
  if (self->purpose_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->purpose_dialog));
  self->purpose_dialog = NULL;
  purpose_clear (self);
  g_clear_pointer (&self->view, civ_adoption_view_free);
  g_clear_pointer (&self->birth_parents, g_ptr_array_unref);
  g_clear_object (&self->session);
  g_clear_object (&self->reader);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (civ_adoption_page_parent_class)->dispose (object);
}

static void
civ_adoption_page_finalize (GObject *object)
{
  CivAdoptionPage *self = CIV_ADOPTION_PAGE (object);

  civ_form_free (self->form);
  g_clear_pointer (&self->finding_rows, g_ptr_array_unref);
  g_free (self->message);
  g_free (self->export_dir);
  g_free (self->purpose);
  G_OBJECT_CLASS (civ_adoption_page_parent_class)->finalize (object);
}

static void
civ_adoption_page_class_init (CivAdoptionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = civ_adoption_page_dispose;
  object_class->finalize = civ_adoption_page_finalize;
}

static void
civ_adoption_page_init (CivAdoptionPage *self)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  self->form = civ_form_new (GTK_WIDGET (self), (void (*) (gpointer)) on_field_changed_cb, self);
  self->cancellable = g_cancellable_new ();
  g_date_clear (&self->today, 1);

  gtk_box_append (GTK_BOX (outer), civ_form_message_bar (&self->message_label, &self->spinner));

  self->stack = GTK_STACK (gtk_stack_new ());
  self->list_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_stack_add_named (self->stack, civ_form_scrolled (self->list_box), "list");
  gtk_stack_add_named (self->stack, build_apply_view (self), "apply");
  self->record_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_stack_add_named (self->stack, civ_form_scrolled (self->record_box), "record");
  gtk_box_append (GTK_BOX (outer), GTK_WIDGET (self->stack));
  adw_bin_set_child (ADW_BIN (self), outer);

  self->finding_rows = g_ptr_array_new ();
  show_list (self, NULL, NULL);
  set_step (self, 0);
}

/* ---- for the tests ---- */

GtkWidget *
_civ_adoption_page_widget (CivAdoptionPage *self, const char *name)
{
  g_return_val_if_fail (CIV_IS_ADOPTION_PAGE (self), NULL);
  return civ_form_get (self->form, name);
}

gboolean
_civ_adoption_page_answer_purpose (CivAdoptionPage *self, const char *purpose)
{
  g_return_val_if_fail (CIV_IS_ADOPTION_PAGE (self), FALSE);
  if (self->purpose_dialog == NULL)
    return FALSE;
  gtk_editable_set_text (GTK_EDITABLE (self->purpose_entry), purpose);
  adw_message_dialog_response (self->purpose_dialog, "continue");
  return TRUE;
}

const CivAdoptionView *
_civ_adoption_page_view (CivAdoptionPage *self)
{
  g_return_val_if_fail (CIV_IS_ADOPTION_PAGE (self), NULL);
  return self->view;
}

guint
_civ_adoption_page_n_findings (CivAdoptionPage *self)
{
  g_return_val_if_fail (CIV_IS_ADOPTION_PAGE (self), 0);
  return self->finding_rows->len;
}

gboolean
_civ_adoption_page_has_finding (CivAdoptionPage *self, const char *rule)
{
  g_return_val_if_fail (CIV_IS_ADOPTION_PAGE (self), FALSE);
  for (guint i = 0; i < self->finding_rows->len; i++)
    if (g_strcmp0 (g_object_get_data (g_ptr_array_index (self->finding_rows, i), "civ-rule"),
                   rule) == 0)
      return TRUE;
  return FALSE;
}

void
_civ_adoption_page_set_export_dir (CivAdoptionPage *self, const char *dir)
{
  g_return_if_fail (CIV_IS_ADOPTION_PAGE (self));
  g_free (self->export_dir);
  self->export_dir = g_strdup (dir);
}

const char *
_civ_adoption_page_message (CivAdoptionPage *self)
{
  g_return_val_if_fail (CIV_IS_ADOPTION_PAGE (self), NULL);
  return self->message;
}

guint
_civ_adoption_page_busy (CivAdoptionPage *self)
{
  g_return_val_if_fail (CIV_IS_ADOPTION_PAGE (self), 0);
  return self->busy;
}
