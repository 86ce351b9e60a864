/* civ-record-view.c — one marriage record as registered, with its history */
#include "civ-record-view.h"

#include <glib/gi18n.h>

#include "civ-idnumber.h"
#include "civ-print.h"
#include "civ-record-query.h"
#include "civ-ui-util.h"

struct _CivRecordView
{
  AdwWindow parent_instance;

  AdwWindowTitle  *title;
  GtkButton       *print_button;
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  AdwStatusPage   *status_page;
  GtkBox          *groups;

  CivSession   *session;
  char         *key;
  GCancellable *cancellable;
  GSettings    *settings;
  char         *export_filename;
  gboolean      loaded;
  guint         n_versions;
};

G_DEFINE_FINAL_TYPE (CivRecordView, civ_record_view, ADW_TYPE_WINDOW)

const char *
civ_record_state_label (const char *state)
{
  static const struct
  {
    const char *code;
    const char *label;
  } states[] = {
    { "APPLIED", N_ ("Applied") },
    { "REGISTERED", N_ ("Registered") },
    { "REFUSED", N_ ("Refused") },
    { "DISSOLVED_REG", N_ ("Dissolved by divorce registration") },
    { "DISSOLVED_COURT", N_ ("Dissolved by court judgment") },
    { "DECLARED_VOID_COURT", N_ ("Declared void by a court") },
    { "ANNULLED_COURT", N_ ("Annulled by a court") },
    { "ANNULLED_REGISTRY", N_ ("Annulled by the registry") },
    { "REGISTRATION_REVOKED", N_ ("Registration revoked") },
    { "ENDED_BY_DEATH", N_ ("Ended by death") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    if (g_strcmp0 (state, states[i].code) == 0)
      return _ (states[i].label);
  return state ? state : "";
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

static GtkWidget *
print_row (const CivCertificatePrint *p)
{
  g_autofree char *title = NULL;
  g_autofree char *printed = civ_ui_format_local_time (p->printed_at);
  g_autofree char *subtitle = NULL;

  /* Translators: %1$s is the certificate number, %2$s the blank's
   * pre-printed serial number. */
  title = g_strdup_printf (_ ("%1$s on blank No. %2$s"), p->certificate_no, p->blank_serial);
  if (p->voided_at != NULL)
    {
      g_autofree char *voided = civ_ui_format_local_time (p->voided_at);
      /* Translators: printed at, by; voided at, by, with the reason. */
      subtitle =
        g_strdup_printf (_ ("Printed %1$s by %2$s · voided %3$s by %4$s: %5$s"), printed,
                         p->printed_by, voided, or_dash (p->voided_by), or_dash (p->void_reason));
    }
  else
    /* Translators: when and by whom a certificate was printed. */
    subtitle = g_strdup_printf (_ ("Printed %1$s by %2$s"), printed, p->printed_by);
  return value_row (title, subtitle);
}

static GtkWidget *
new_group (const char *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  return group;
}

static void
show_record (CivRecordView *self, const CivMarriageRecord *record)
{
  const CivMarriageVersion *current = civ_marriage_record_current (record);
  GtkWidget                *summary = new_group (_ ("Record"));
  GtkWidget                *history = new_group (_ ("History"));
  GtkWidget                *prints = new_group (_ ("Certificate Prints"));
  GtkWidget                *child;
  g_autofree char          *names = NULL;

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
  for (guint i = 0; record->prints && i < record->prints->len; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (prints),
                               print_row (g_ptr_array_index (record->prints, i)));

  gtk_box_append (self->groups, summary);
  gtk_box_append (self->groups, history);
  gtk_box_append (self->groups, prints);
  self->n_versions = record->versions->len;
  self->loaded = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->print_button), TRUE);
  gtk_stack_set_visible_child_name (self->stack, "record");
}

static gboolean
load_func (CivStore *store, gpointer data, gpointer *result, GError **error)
{
  g_autoptr (GError) local = NULL;
  CivMarriageRecord *record = civ_record_query_marriage (store, data, &local);

  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  *result = record;
  return TRUE;
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

  if (!civ_session_call_finish (self->session, result, (gpointer *) &record, &error))
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
}

static void
on_print_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivRecordView *self = CIV_RECORD_VIEW (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (GtkPrintOperation) operation = NULL;
  CivMarriageRecord *record = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->print_button), TRUE);
  if (!civ_session_call_finish (self->session, result, (gpointer *) &record, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = civ_ui_describe_error (error);
          civ_ui_toast (GTK_WIDGET (self->stack), message);
        }
      return;
    }
  if (record == NULL)
    return;
  operation = civ_print_operation_new (CIV_PRINT_EXTRACT, record, self->settings);
  if (self->export_filename != NULL)
    {
      if (civ_print_export_pdf (operation, self->export_filename, &error))
        civ_ui_toast (GTK_WIDGET (self->stack), _ ("Extract exported"));
      else
        civ_ui_toast (GTK_WIDGET (self->stack), error ? error->message : _ ("Printing failed."));
      return;
    }
  gtk_print_operation_set_allow_async (operation, TRUE);
  gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, GTK_WINDOW (self),
                           NULL);
}

static void
on_print_button_clicked_cb (CivRecordView *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->print_button), FALSE);
  civ_session_call (self->session, self, self->cancellable, load_func, g_strdup (self->key), g_free,
                    (GDestroyNotify) civ_marriage_record_free, on_print_loaded_cb, NULL);
}

static void
on_session_locked_cb (CivSession *session, GParamSpec *pspec, CivRecordView *self)
{
  if (civ_session_get_locked (session))
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
civ_record_view_dispose (GObject *object)
{
  CivRecordView *self = CIV_RECORD_VIEW (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
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
  self->settings = civ_print_load_settings ();
  gtk_window_set_default_size (GTK_WINDOW (self), 760, 720);
  gtk_window_set_title (GTK_WINDOW (self), _ ("Marriage Record"));

  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_ ("Marriage Record"), NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  self->print_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_ ("Print _Extract")));
  gtk_widget_set_sensitive (GTK_WIDGET (self->print_button), FALSE);
  g_signal_connect_swapped (self->print_button, "clicked", G_CALLBACK (on_print_button_clicked_cb),
                            self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->print_button));
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
  g_signal_connect_object (session, "notify::locked", G_CALLBACK (on_session_locked_cb), self, 0);
  civ_session_call (session, self, self->cancellable, load_func, g_strdup (key), g_free,
                    (GDestroyNotify) civ_marriage_record_free, on_loaded_cb, NULL);
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
