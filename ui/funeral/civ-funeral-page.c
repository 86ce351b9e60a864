// SPDX-License-Identifier: GPL-3.0-or-later
/* civ-funeral-page.c — funeral and cremation cases at the counter (殡葬,
 * domain.md §4: R-F1…R-F14; issue 16)
 *
 * Three views in a stack:
 *
 *   board   the day board: bodies in storage (with the days stored), cases
 *           awaiting collection or cremation, ash deposits expiring this
 *           month; finding a case by its number, the deceased's ID, the
 *           agent's phone or the start of the name; "Report a Death…";
 *   report  the reported death: the deceased (R-F6) and the agent, the
 *           rules' findings beside the form, live, each with its law;
 *   case    one case as stored: its summary, the next step its state allows
 *           (collection, storage, verification, cremation with its blank
 *           certificate, burial by custom, the ashes' destination), the bill
 *           with the 惠民殡葬 waiver and the receipts, the prints, and the
 *           history.
 *
 * Every step runs on the worker (civ-funeral-case.h, civ-funeral-money.h)
 * and the case is shown as the service returns it. The counter's date is
 * the window's (a test's fake clock).
 */
#include "civ-funeral-page-private.h"

#include <glib/gi18n.h>

#include "civ-app-error.h"
#include "civ-calendar.h"
#include "civ-document-preview.h"
#include "civ-form.h"
#include "civ-funeral-money.h"
#include "civ-page.h"
#include "civ-print-funeral.h"
#include "civ-ui-util.h"

/* The identity documents of the 2014 form (R-F6), in the combo's order. */
static const CivDeceasedIdType id_types[] = {
  CIV_DECEASED_ID_CARD,
  CIV_DECEASED_ID_HOUSEHOLD_REGISTER,
  CIV_DECEASED_ID_PASSPORT,
  CIV_DECEASED_ID_OFFICER_CARD,
  CIV_DECEASED_ID_DRIVING_LICENCE,
  CIV_DECEASED_ID_HK_MO_PERMIT,
  CIV_DECEASED_ID_TW_PERMIT,
  CIV_DECEASED_ID_OTHER,
  CIV_DECEASED_ID_NONE,
};
static const char *const id_type_labels[] = {
  NC_ ("identity document", "Resident ID card"),
  NC_ ("identity document", "Household register"),
  NC_ ("identity document", "Passport"),
  NC_ ("identity document", "Officer's card"),
  NC_ ("identity document", "Driving licence"),
  NC_ ("identity document", "Hong Kong/Macau permit"),
  NC_ ("identity document", "Taiwan permit"),
  NC_ ("identity document", "Other document"),
  NC_ ("identity document", "No document"),
};

static const CivDeathPlace death_places[] = {
  CIV_DEATH_PLACE_MEDICAL,    CIV_DEATH_PLACE_HOME,  CIV_DEATH_PLACE_EN_ROUTE,
  CIV_DEATH_PLACE_ELDER_CARE, CIV_DEATH_PLACE_OTHER, CIV_DEATH_PLACE_UNKNOWN,
};
static const char *const death_place_labels[] = {
  NC_ ("place of death", "Medical institution"),
  NC_ ("place of death", "Home"),
  NC_ ("place of death", "En route"),
  NC_ ("place of death", "Elder-care home"),
  NC_ ("place of death", "Other"),
  NC_ ("place of death", "Unknown"),
};

/* R-F6: 1 unmarried, 2 married, 3 widowed, 4 divorced, 9 not stated. */
static const int         marital_codes[] = { 2, 3, 4, 1, 9 };
static const char *const marital_labels[] = {
  NC_ ("marital status", "Married"),    NC_ ("marital status", "Widowed"),
  NC_ ("marital status", "Divorced"),   NC_ ("marital status", "Unmarried"),
  NC_ ("marital status", "Not stated"),
};

static const CivWaiverGroup waiver_groups[] = {
  CIV_WAIVER_GROUP_DIBAO,        CIV_WAIVER_GROUP_TEKUN, CIV_WAIVER_GROUP_SANWU,
  CIV_WAIVER_GROUP_UNIDENTIFIED, CIV_WAIVER_GROUP_YOUFU, CIV_WAIVER_GROUP_NONE,
};
static const char *const waiver_group_labels[] = {
  N_ ("Minimum living allowance (低保)"),
  N_ ("Extreme poverty support (特困/五保)"),
  N_ ("No income, no ability to work, no supporter (三无)"),
  N_ ("Unidentified body"),
  N_ ("Entitled family (优抚)"),
  N_ ("None of these groups"),
};

struct _CivFuneralPage
{
  AdwBin parent_instance;

  CivSession   *session;
  GCancellable *cancellable;
  GDate         today;
  CivForm      *form;
  guint         busy;
  char         *message;
  char         *export_dir;
  char         *waiver_text;

  GtkStack   *stack;
  GtkLabel   *message_label;
  GtkSpinner *spinner;
  GtkWidget  *board_box;
  GtkWidget  *report_box;
  GtkWidget  *case_box;
  GtkWidget  *findings_group;
  GtkWidget  *step_group; /* the fields of the step chosen */
  GPtrArray  *finding_rows;
  GPtrArray  *found; /* CivFuneralCaseSummary of the last search, or NULL */

  CivFuneralView        *view;
  CivFuneralBillSummary *bill;
  AdwMessageDialog      *waiver_dialog;
};

static void civ_funeral_page_page_init (CivPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CivFuneralPage,
                               civ_funeral_page,
                               ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (CIV_TYPE_PAGE, civ_funeral_page_page_init))

static void load_board (CivFuneralPage *self);
static void show_case (CivFuneralPage *self);
static void check_report (CivFuneralPage *self);

/* ---- Small pieces ---- */

static void
set_message (CivFuneralPage *self, const char *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  civ_ui_show_message (self->message_label, message);
}

static void
set_error (CivFuneralPage *self, const GError *error)
{
  g_autofree char *text = civ_ui_describe_error (error);

  set_message (self, text);
}

static void
set_busy (CivFuneralPage *self, gboolean busy)
{
  if (busy)
    self->busy++;
  else if (self->busy > 0)
    self->busy--;
  gtk_spinner_set_spinning (self->spinner, self->busy > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy > 0);
}

/* Empties @box, forgetting the names of what it held (not its own). */
static void
clear_box (CivFuneralPage *self, GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      civ_form_forget_under (self->form, child);
      gtk_box_remove (GTK_BOX (box), child);
    }
}

/* @labels translated, in @context when not NULL (NC_ ()), as a combo's model. */
static GtkStringList *
labels_of (const char *context, const char *const *labels, guint n)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list,
                            context ? g_dpgettext2 (NULL, context, labels[i]) : _ (labels[i]));
  return list;
}

static char *
text_of (CivFuneralPage *self, const char *name)
{
  AdwEntryRow *row = civ_form_get (self->form, name);

  return row != NULL ? civ_form_entry_text (row) : g_strdup ("");
}

static char *
text_or_null (CivFuneralPage *self, const char *name)
{
  char *text = text_of (self, name);

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static gboolean
active_of (CivFuneralPage *self, const char *name)
{
  GtkSwitch *sw = civ_form_get (self->form, name);

  return sw != NULL && gtk_switch_get_active (sw);
}

static guint
selected_of (CivFuneralPage *self, const char *name)
{
  AdwComboRow *row = civ_form_get (self->form, name);

  return row != NULL ? adw_combo_row_get_selected (row) : 0;
}

/* "YYYY-MM-DD HH:MM" as typed → "YYYY-MM-DDTHH:MM"; other text unchanged. */
static char *
moment_of (const char *typed)
{
  char *text = g_strdup (typed);

  if (strlen (text) == 16 && text[10] == ' ')
    text[10] = 'T';
  return text;
}

/* Now, at the counter: the counter's date and the clock's time. */
static char *
now_text (CivFuneralPage *self)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = NULL;
  g_autofree char *time = g_date_time_format (now, "%H:%M");

  if (!g_date_valid (&self->today))
    return g_date_time_format (now, "%Y-%m-%d %H:%M");
  day = civ_date_format_iso (&self->today);
  return g_strdup_printf ("%s %s", day, time);
}

static char *
yuan (gint64 fen)
{
  return g_strdup_printf ("¥%" G_GINT64_FORMAT ".%02d", fen / 100, (int) (fen % 100));
}

static GtkWidget *case_row (CivFuneralPage *self,
                            const char     *case_no,
                            const char     *title,
                            const char     *subtitle);

/* ---- The board ---- */

static void
on_case_row_activated_cb (AdwActionRow *row, CivFuneralPage *self)
{
  civ_funeral_page_open (self, g_object_get_data (G_OBJECT (row), "civ-case"));
}

static GtkWidget *
case_row (CivFuneralPage *self, const char *case_no, const char *title, const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("go-next-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle ? subtitle : "");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "civ-case", g_strdup (case_no), g_free);
  g_signal_connect (row, "activated", G_CALLBACK (on_case_row_activated_cb), self);
  return row;
}

static const char *
deceased_or_unidentified (const char *name)
{
  return name != NULL && *name != '\0' ? name : _ ("Unidentified body");
}

static void
add_board_group (CivFuneralPage *self,
                 GtkWidget      *box,
                 const char     *name,
                 const char     *title,
                 GPtrArray      *entries,
                 const char     *empty,
                 gboolean        deposits)
{
  GtkWidget *group = civ_form_group_new (title, NULL);

  civ_form_name (self->form, name, group);
  if (entries == NULL || entries->len == 0)
    civ_form_info_row (group, empty, NULL);
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      const CivFuneralBoardEntry *e = g_ptr_array_index (entries, i);
      g_autofree char            *title_text =
        g_strdup_printf ("%s · %s", deceased_or_unidentified (e->deceased), e->case_no);
      g_autofree char *subtitle = NULL;

      if (deposits)
        /* Translators: %1$s a place, %2$s a date, %3$d days to it. */
        subtitle = g_strdup_printf (g_dngettext (NULL, "%1$s · expires %2$s, in %3$d day",
                                                 "%1$s · expires %2$s, in %3$d days", e->days),
                                    e->detail, e->until, e->days);
      else if (*e->detail != '\0')
        /* Translators: %1$s a storage unit, %2$s since when, %3$d days stored. */
        subtitle = g_strdup_printf (g_dngettext (NULL, "%1$s since %2$s · %3$d day",
                                                 "%1$s since %2$s · %3$d days", e->days),
                                    e->detail, e->since, e->days);
      else
        subtitle = g_strdup_printf (_ ("Reported on %s"), e->since);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 case_row (self, e->case_no, title_text, subtitle));
    }
  gtk_box_append (GTK_BOX (box), group);
}

static void on_report_clicked_cb (CivFuneralPage *self);
static void on_find_activated_cb (AdwEntryRow *row, CivFuneralPage *self);

static void
show_board (CivFuneralPage *self, CivFuneralBoard *board)
{
  GtkWidget   *box = self->board_box;
  GtkWidget   *group, *button;
  AdwEntryRow *find;

  clear_box (self, box);
  group = civ_form_group_new (
    _ ("Funeral and Cremation"),
    _ ("Every look at a case is recorded in the audit log. Find a case by its number, the "
       "deceased's identity number, the agent's phone or the start of the name."));
  button = civ_form_button_new (self->form, "board.report", _ ("_Report a Death…"), TRUE);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_report_clicked_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);
  find = civ_form_add_command_entry (self->form, group, "board.find", _ ("Find a case"));
  g_signal_connect (find, "apply", G_CALLBACK (on_find_activated_cb), self);
  g_signal_connect (find, "entry-activated", G_CALLBACK (on_find_activated_cb), self);
  gtk_box_append (GTK_BOX (box), group);

  if (self->found != NULL)
    {
      group = civ_form_group_new (_ ("Cases Found"), NULL);
      civ_form_name (self->form, "board.found", group);
      if (self->found->len == 0)
        civ_form_info_row (group, _ ("No case matches"), NULL);
      for (guint i = 0; i < self->found->len; i++)
        {
          const CivFuneralCaseSummary *s = g_ptr_array_index (self->found, i);
          g_autofree char             *title =
            g_strdup_printf ("%s · %s", deceased_or_unidentified (s->deceased), s->case_no);
          g_autofree char *subtitle =
            g_strdup_printf ("%s · %s", civ_funeral_state_label (s->state), s->reported_on);

          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                     case_row (self, s->case_no, title, subtitle));
        }
      gtk_box_append (GTK_BOX (box), group);
    }
  add_board_group (self, box, "board.storage", _ ("In Storage"), board ? board->in_storage : NULL,
                   _ ("No body is in storage"), FALSE);
  add_board_group (self, box, "board.collection", _ ("Awaiting Collection"),
                   board ? board->awaiting_collection : NULL, _ ("No case awaits collection"),
                   FALSE);
  add_board_group (self, box, "board.cremation", _ ("Awaiting Cremation"),
                   board ? board->awaiting_cremation : NULL, _ ("No case awaits cremation"), FALSE);
  add_board_group (self, box, "board.deposits", _ ("Ash Deposits Expiring This Month"),
                   board ? board->deposits_expiring : NULL, _ ("No ash deposit expires this month"),
                   TRUE);
}

static void
on_board_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivFuneralPage *self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (CivFuneralBoard) board =
    civ_funeral_case_board_finish (CIV_SESSION (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (board == NULL)
    set_error (self, error);
  show_board (self, board);
}

static void
load_board (CivFuneralPage *self)
{
  if (self->session == NULL || !g_date_valid (&self->today))
    return;
  set_busy (self, TRUE);
  civ_funeral_case_board_async (self->session, NULL, &self->today, self->cancellable,
                                on_board_done_cb, self);
}

static void
on_find_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivFuneralPage *self = user_data;
  g_autoptr (GError) error = NULL;
  GPtrArray *found = civ_funeral_case_lookup_finish (CIV_SESSION (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (found == NULL)
    {
      set_error (self, error);
      return;
    }
  g_clear_pointer (&self->found, g_ptr_array_unref);
  self->found = found;
  if (found->len == 1)
    {
      civ_funeral_page_open (self, ((CivFuneralCaseSummary *) found->pdata[0])->case_no);
      return;
    }
  set_message (self, NULL);
  load_board (self);
}

static void
on_find_activated_cb (AdwEntryRow *row, CivFuneralPage *self)
{
  g_autofree char *text = civ_form_entry_text (row);

  if (*text == '\0')
    return;
  set_busy (self, TRUE);
  civ_funeral_case_lookup_async (self->session, NULL, text, self->cancellable, on_find_done_cb,
                                 self);
}

/* ---- Reporting a death ---- */

static CivFuneralReport *
read_report (CivFuneralPage *self)
{
  CivFuneralReport *r = civ_funeral_report_new ();
  g_autofree char  *death = text_of (self, "report.death_at");
  g_autofree char  *birth = text_of (self, "report.birth");
  guint             id_index = selected_of (self, "report.id_type");

  r->unidentified = active_of (self, "report.unidentified");
  r->description = text_or_null (self, "report.description");
  r->name = text_or_null (self, "report.name");
  r->sex = civ_form_selected_sex (civ_form_get (self->form, "report.sex"));
  r->ethnicity = text_or_null (self, "report.ethnicity");
  r->country = g_strdup ("CHN");
  r->id_type = id_index < G_N_ELEMENTS (id_types) ? id_types[id_index] : CIV_DECEASED_ID_NONE;
  r->id_number = text_or_null (self, "report.id_number");
  if (r->unidentified)
    {
      r->id_type = CIV_DECEASED_ID_NONE;
      g_clear_pointer (&r->id_number, g_free);
      g_clear_pointer (&r->name, g_free);
    }
  if (*birth != '\0')
    civ_date_parse_iso (birth, &r->birth_date);
  r->death_at = *death != '\0' ? moment_of (death) : NULL;
  r->death_place =
    death_places[MIN (selected_of (self, "report.place"), G_N_ELEMENTS (death_places) - 1)];
  r->marital_status =
    marital_codes[MIN (selected_of (self, "report.marital"), G_N_ELEMENTS (marital_codes) - 1)];
  r->address = text_or_null (self, "report.address");
  r->cause_of_death = text_or_null (self, "report.cause");
  r->death_certificate_no = text_or_null (self, "report.death_certificate");
  r->agent_name = text_or_null (self, "report.agent_name");
  r->agent_id_number = text_or_null (self, "report.agent_id");
  r->agent_relationship = text_or_null (self, "report.agent_relationship");
  r->agent_phone = text_or_null (self, "report.agent_phone");
  return r;
}

static void
clear_findings (CivFuneralPage *self)
{
  for (guint i = 0; i < self->finding_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->findings_group),
                                  g_ptr_array_index (self->finding_rows, i));
  g_ptr_array_set_size (self->finding_rows, 0);
}

/* The rules on the form as it stands (R-F6, R-F5): pure, on every change. */
static void
check_report (CivFuneralPage *self)
{
  g_autoptr (CivFuneralReport) r = NULL;
  g_autoptr (GPtrArray) findings = civ_findings_new ();
  CivFuneralDeceased d;

  if (self->findings_group == NULL ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "report") != 0)
    return;
  clear_findings (self);
  r = read_report (self);
  civ_funeral_report_deceased (r, &d);
  civ_funeral_check_deceased (&d, &self->today, findings);
  if (r->death_certificate_no != NULL && g_date_valid (&d.death_date))
    civ_death_cert_number_check (r->death_certificate_no, &d.death_date,
                                 r->id_type == CIV_DECEASED_ID_CARD ? r->id_number : NULL,
                                 findings);
  for (guint i = 0; i < findings->len; i++)
    {
      GtkWidget *row = civ_ui_finding_row_new (g_ptr_array_index (findings, i));

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->findings_group), row);
      g_ptr_array_add (self->finding_rows, row);
    }
  gtk_widget_set_visible (self->findings_group, findings->len > 0);
}

static void
on_form_changed (gpointer data)
{
  CivFuneralPage *self = data;

  check_report (self);
}

static void
on_report_clicked_cb (CivFuneralPage *self)
{
  static const char *const entries[] = { "report.description",
                                         "report.name",
                                         "report.ethnicity",
                                         "report.id_number",
                                         "report.birth",
                                         "report.address",
                                         "report.cause",
                                         "report.death_certificate",
                                         "report.agent_name",
                                         "report.agent_id",
                                         "report.agent_relationship",
                                         "report.agent_phone" };
  g_autofree char         *now = now_text (self);

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    civ_form_set_entry (civ_form_get (self->form, entries[i]), NULL);
  civ_form_set_entry (civ_form_get (self->form, "report.death_at"), now);
  gtk_switch_set_active (civ_form_get (self->form, "report.unidentified"), FALSE);
  set_message (self, NULL);
  gtk_stack_set_visible_child_name (self->stack, "report");
  check_report (self);
  gtk_widget_grab_focus (civ_form_get (self->form, "report.name"));
}

static void
on_cancel_report_clicked_cb (CivFuneralPage *self)
{
  set_message (self, NULL);
  gtk_stack_set_visible_child_name (self->stack, "board");
  load_board (self);
}

static void
on_view_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivFuneralPage *self = user_data;
  g_autoptr (GError) error = NULL;
  CivFuneralView *view = civ_funeral_case_view_finish (CIV_SESSION (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (view == NULL)
    {
      set_error (self, error);
      return;
    }
  set_message (self, NULL);
  g_clear_pointer (&self->view, civ_funeral_view_free);
  self->view = view;
  show_case (self);
}

static void
on_submit_report_clicked_cb (CivFuneralPage *self)
{
  g_autoptr (CivFuneralReport) r = read_report (self);

  set_busy (self, TRUE);
  civ_funeral_case_report_async (self->session, NULL, r, &self->today, self->cancellable,
                                 on_view_done_cb, self);
}

static void
on_unidentified_cb (CivFuneralPage *self)
{
  gboolean unidentified = active_of (self, "report.unidentified");

  gtk_widget_set_visible (civ_form_get (self->form, "report.description"), unidentified);
  gtk_widget_set_visible (civ_form_get (self->form, "report.name"), !unidentified);
  gtk_widget_set_visible (civ_form_get (self->form, "report.id_type"), !unidentified);
  gtk_widget_set_visible (civ_form_get (self->form, "report.id_number"), !unidentified);
}

static GtkWidget *
build_report_view (CivFuneralPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *group =
    civ_form_group_new (_ ("The Deceased"), _ ("As on the death certificate (R-F6). An "
                                               "unidentified body has no name and no document: "
                                               "describe it instead."));
  GtkWidget   *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget   *cancel, *submit;
  GtkSwitch   *sw;
  AdwEntryRow *row;

  sw = civ_form_add_switch (self->form, group, "report.unidentified", _ ("Unidentified body"),
                            _ ("No name and no identity document are known"), FALSE);
  g_signal_connect_swapped (sw, "notify::active", G_CALLBACK (on_unidentified_cb), self);
  civ_form_add_entry (self->form, group, "report.description",
                      _ ("Description (looks, clothes, marks, where found)"));
  civ_form_add_entry (self->form, group, "report.name", _ ("Name"));
  civ_form_add_combo (self->form, group, "report.sex", _ ("Sex"), civ_form_sex_labels ());
  civ_form_add_combo (self->form, group, "report.id_type", _ ("Identity document"),
                      labels_of ("identity document", id_type_labels,
                                 G_N_ELEMENTS (id_type_labels)));
  civ_form_add_entry (self->form, group, "report.id_number", _ ("Document number"));
  civ_form_add_entry (self->form, group, "report.ethnicity", _ ("Ethnic group code (GB/T 3304)"));
  civ_form_add_entry (self->form, group, "report.birth", _ ("Date of birth (YYYY-MM-DD)"));
  row = civ_form_add_entry (self->form, group, "report.death_at", _ ("Died on (YYYY-MM-DD HH:MM)"));
  (void) row;
  civ_form_add_combo (self->form, group, "report.place", _ ("Place of death"),
                      labels_of ("place of death", death_place_labels,
                                 G_N_ELEMENTS (death_place_labels)));
  civ_form_add_combo (self->form, group, "report.marital", _ ("Marital status"),
                      labels_of ("marital status", marital_labels, G_N_ELEMENTS (marital_labels)));
  civ_form_add_entry (self->form, group, "report.address", _ ("Address"));
  civ_form_add_entry (self->form, group, "report.cause", _ ("Cause of death"));
  civ_form_add_entry (self->form, group, "report.death_certificate",
                      _ ("Death certificate number (R-F5), when seen"));
  gtk_box_append (GTK_BOX (box), group);

  group = civ_form_group_new (_ ("The Agent"), _ ("Who reports the death and handles the funeral"));
  civ_form_add_entry (self->form, group, "report.agent_name", _ ("Agent's name"));
  civ_form_add_entry (self->form, group, "report.agent_relationship", _ ("Relationship"));
  civ_form_add_entry (self->form, group, "report.agent_phone", _ ("Phone"));
  civ_form_add_entry (self->form, group, "report.agent_id", _ ("Agent's identity number"));
  gtk_box_append (GTK_BOX (box), group);

  self->findings_group = civ_form_group_new (_ ("Findings"), NULL);
  gtk_widget_set_visible (self->findings_group, FALSE);
  gtk_box_append (GTK_BOX (box), self->findings_group);

  cancel = civ_form_button_new (self->form, "report.cancel", _ ("_Cancel"), FALSE);
  submit = civ_form_button_new (self->form, "report.submit", _ ("_Open the Case"), TRUE);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (on_cancel_report_clicked_cb), self);
  g_signal_connect_swapped (submit, "clicked", G_CALLBACK (on_submit_report_clicked_cb), self);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (buttons), cancel);
  gtk_box_append (GTK_BOX (buttons), submit);
  gtk_box_append (GTK_BOX (box), buttons);
  on_unidentified_cb (self);
  return civ_form_scrolled (box);
}

/* ---- One case ---- */

void
civ_funeral_page_open (CivFuneralPage *self, const char *case_no)
{
  g_return_if_fail (CIV_IS_FUNERAL_PAGE (self));
  if (self->session == NULL || case_no == NULL)
    return;
  set_busy (self, TRUE);
  civ_funeral_case_open_async (self->session, NULL, case_no, self->cancellable, on_view_done_cb,
                               self);
}

static const CivFuneralState all_states[] = {
  CIV_FUNERAL_COLLECTED,       CIV_FUNERAL_STORED,        CIV_FUNERAL_DEATH_CERT_VERIFIED,
  CIV_FUNERAL_CREMATED,        CIV_FUNERAL_BURIAL_EXEMPT, CIV_FUNERAL_ASHES_RETURNED,
  CIV_FUNERAL_ASHES_DEPOSITED, CIV_FUNERAL_ECO_BURIAL,    CIV_FUNERAL_CEMETERY,
};

/* The steps the case's state allows, in the combo's order. */
static GArray *
next_steps (const CivFuneralView *view)
{
  GArray *steps = g_array_new (FALSE, FALSE, sizeof (CivFuneralState));

  for (guint i = 0; view != NULL && i < G_N_ELEMENTS (all_states); i++)
    if (civ_funeral_step_exists (view->state, all_states[i]))
      g_array_append_val (steps, all_states[i]);
  return steps;
}

static CivFuneralState
chosen_step (CivFuneralPage *self)
{
  g_autoptr (GArray) steps = next_steps (self->view);
  guint i = selected_of (self, "case.step");

  return i < steps->len ? g_array_index (steps, CivFuneralState, i) : CIV_FUNERAL_STATE_INVALID;
}

static void
add_step_fields (CivFuneralPage *self, GtkWidget *group, CivFuneralState to)
{
  g_autofree char *now = now_text (self);

  civ_form_set_entry (civ_form_add_entry (self->form, group, "step.at",
                                          _ ("When (YYYY-MM-DD HH:MM)")),
                      now);
  switch (to)
    {
    case CIV_FUNERAL_COLLECTED:
      civ_form_add_entry (self->form, group, "step.place", _ ("Collected from"));
      civ_form_add_entry (self->form, group, "step.vehicle", _ ("Vehicle"));
      civ_form_add_entry (self->form, group, "step.staff", _ ("Collecting staff"));
      break;
    case CIV_FUNERAL_STORED:
      civ_form_add_entry (self->form, group, "step.unit", _ ("Storage unit"));
      break;
    case CIV_FUNERAL_DEATH_CERT_VERIFIED:
      civ_form_set_entry (civ_form_add_entry (self->form, group, "step.death_certificate",
                                              _ ("Death certificate number (R-F5)")),
                          self->view->report->death_certificate_no);
      civ_form_add_switch (self->form, group, "step.certificate", _ ("Death certificate on file"),
                           _ ("From the police or a medical institution (R-F2)"), FALSE);
      civ_form_add_switch (self->form, group, "step.consent", _ ("Cremation consent on file"),
                           _ ("Signed by the family (R-F2)"), FALSE);
      civ_form_add_entry (self->form, group, "step.basis",
                          _ ("Or: the burial custom and who asked for it (R-F3)"));
      break;
    case CIV_FUNERAL_CREMATED:
      civ_form_add_entry (self->form, group, "step.furnace", _ ("Furnace"));
      civ_form_add_entry (self->form, group, "step.furnace_operator", _ ("Furnace operator"));
      civ_form_add_entry (self->form, group, "step.serial",
                          _ ("Cremation certificate blank (empty: the next in stock)"));
      break;
    case CIV_FUNERAL_BURIAL_EXEMPT:
      civ_form_add_entry (self->form, group, "step.basis",
                          _ ("The burial custom and who asked for it (R-F3)"));
      break;
    case CIV_FUNERAL_ASHES_RETURNED:
      civ_form_add_entry (self->form, group, "step.receiver", _ ("Ashes taken by"));
      break;
    case CIV_FUNERAL_ASHES_DEPOSITED:
      civ_form_add_entry (self->form, group, "step.place", _ ("Deposited at"));
      civ_form_add_entry (self->form, group, "step.expiry", _ ("Deposit expires (YYYY-MM-DD)"));
      break;
    case CIV_FUNERAL_ECO_BURIAL:
      {
        GtkStringList *labels = gtk_string_list_new (NULL);

        for (int t = CIV_ECO_BURIAL_NICHE; t <= CIV_ECO_BURIAL_DEEP_NO_MOUND; t++)
          gtk_string_list_append (labels, civ_eco_burial_label ((CivEcoBurialType) t));
        civ_form_add_combo (self->form, group, "step.eco", _ ("Eco burial (R-F11)"), labels);
        civ_form_add_entry (self->form, group, "step.place", _ ("Where"));
      }
      break;
    case CIV_FUNERAL_CEMETERY:
      civ_form_add_entry (self->form, group, "step.place", _ ("Cemetery and plot"));
      break;
    default:
      break;
    }
  civ_form_add_entry (self->form, group, "step.note", _ ("Note for the history"));
}

static void on_record_step_clicked_cb (CivFuneralPage *self);

static void
rebuild_step_fields (CivFuneralPage *self)
{
  GtkWidget *fields = civ_form_get (self->form, "case.step_fields");
  GtkWidget *group, *button;

  if (fields == NULL)
    return;
  clear_box (self, fields);
  group = civ_form_group_new (NULL, NULL);
  add_step_fields (self, group, chosen_step (self));
  gtk_box_append (GTK_BOX (fields), group);
  button = civ_form_button_new (self->form, "case.record_step", _ ("_Record Step"), TRUE);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_record_step_clicked_cb), self);
  gtk_box_append (GTK_BOX (fields), button);
}

static void
on_record_step_clicked_cb (CivFuneralPage *self)
{
  g_autofree char *at_typed = text_of (self, "step.at");
  g_autofree char *at = moment_of (at_typed);
  g_autoptr (CivFuneralStep) step = civ_funeral_step_new (chosen_step (self), at);
  AdwEntryRow *expiry = civ_form_get (self->form, "step.expiry");

  step->note = text_or_null (self, "step.note");
  step->place = text_or_null (self, "step.place");
  step->vehicle = text_or_null (self, "step.vehicle");
  step->staff = text_or_null (self, "step.staff");
  step->unit = text_or_null (self, "step.unit");
  step->death_certificate_no = text_or_null (self, "step.death_certificate");
  step->certificate_on_file = active_of (self, "step.certificate");
  step->consent_on_file = active_of (self, "step.consent");
  step->furnace = text_or_null (self, "step.furnace");
  step->furnace_operator = text_or_null (self, "step.furnace_operator");
  step->serial = text_or_null (self, "step.serial");
  step->basis = text_or_null (self, "step.basis");
  step->receiver = text_or_null (self, "step.receiver");
  if (civ_form_get (self->form, "step.eco") != NULL)
    step->eco_burial = (CivEcoBurialType) (CIV_ECO_BURIAL_NICHE + selected_of (self, "step.eco"));
  if (expiry != NULL)
    civ_form_entry_date (expiry, &step->deposit_expiry);
  set_busy (self, TRUE);
  civ_funeral_case_move_async (self->session, NULL, self->view->case_no, step, &self->today,
                               self->cancellable, on_view_done_cb, self);
}

/* The bill, the waiver and the receipts. */

static void on_bill_done_cb (GObject *source, GAsyncResult *result, gpointer user_data);

static void
load_bill (CivFuneralPage *self)
{
  set_busy (self, TRUE);
  civ_funeral_bill_get_async (self->session, NULL, self->view->case_no, self->cancellable,
                              on_bill_done_cb, self);
}

static void
money_step_finished (CivFuneralPage *self, gboolean done, const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (!done)
    {
      set_error (self, error);
      return;
    }
  set_message (self, NULL);
  load_bill (self);
}

static void
on_bill_add_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  CivFuneralBillLine *line = civ_funeral_bill_add_finish (CIV_SESSION (source), result, &error);

  money_step_finished (user_data, line != NULL, error);
  g_clear_pointer (&line, civ_funeral_bill_line_free);
}

static void
on_receipt_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CivFuneralReceiptRow) receipt =
    civ_funeral_receipt_issue_finish (CIV_SESSION (source), result, &error);

  money_step_finished (user_data, receipt != NULL, error);
}

static void
on_add_line_clicked_cb (CivFuneralPage *self)
{
  g_autofree char *item = text_of (self, "bill.item");
  GtkSpinButton   *spin = civ_form_get (self->form, "bill.quantity");

  set_busy (self, TRUE);
  civ_funeral_bill_add_async (self->session, NULL, self->view->case_no, item,
                              gtk_spin_button_get_value_as_int (spin), &self->today,
                              self->cancellable, on_bill_add_done_cb, self);
}

static void
on_receipt_clicked_cb (CivFuneralPage *self)
{
  set_busy (self, TRUE);
  civ_funeral_receipt_issue_async (self->session, NULL, self->view->case_no, &self->today,
                                   self->cancellable, on_receipt_done_cb, self);
}

static void
on_waiver_dialog_response_cb (AdwMessageDialog *dialog, const char *response, CivFuneralPage *self)
{
  self->waiver_dialog = NULL;
  g_clear_pointer (&self->waiver_text, g_free);
  load_bill (self);
}

/* The waiver dialog: the policy's result, line by line (R-F8, R-F9). */
static void
show_waiver (CivFuneralPage *self, const CivFuneralWaiverResult *w)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *total = yuan (w->assessment->total_fen);
  g_autofree char *covered = yuan (w->assessment->covered_fen);
  g_autofree char *family = yuan (w->assessment->family_fen);
  GtkWidget       *dialog;

  /* Translators: %s is the policy's version, such as 京民〔2026〕2号. */
  g_string_append_printf (text, _ ("Policy %s\n\n"), w->row->policy_version);
  for (guint i = 0; i < w->lines->len && i < w->assessment->lines->len; i++)
    {
      const CivFuneralBillLine *l = g_ptr_array_index (w->lines, i);
      const CivWaiverLine      *a = &g_array_index (w->assessment->lines, CivWaiverLine, i);
      g_autofree char          *amount = yuan (a->amount_fen);
      g_autofree char          *cov = yuan (a->covered_fen);

      /* Translators: an item, its amount and what the waiver covers of it. */
      g_string_append_printf (text, _ ("%1$s: %2$s, waived %3$s\n"), l->item_name, amount, cov);
    }
  g_string_append_printf (text, _ ("\nTotal %1$s · waived %2$s · the family pays %3$s"), total,
                          covered, family);
  for (guint i = 0; i < w->assessment->findings->len; i++)
    {
      const CivFinding *f = g_ptr_array_index (w->assessment->findings, i);

      g_string_append_printf (text, "\n%s: %s", f->rule, f->message);
    }
  g_free (self->waiver_text);
  self->waiver_text = g_strdup (text->str);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _ ("Waiver Assessed"), text->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  g_signal_connect (dialog, "response", G_CALLBACK (on_waiver_dialog_response_cb), self);
  self->waiver_dialog = ADW_MESSAGE_DIALOG (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_waiver_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivFuneralPage *self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (CivFuneralWaiverResult) w =
    civ_funeral_waiver_assess_finish (CIV_SESSION (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (w == NULL)
    {
      set_error (self, error);
      return;
    }
  set_message (self, NULL);
  show_waiver (self, w);
}

static void
on_assess_clicked_cb (CivFuneralPage *self)
{
  g_autofree char *evidence = text_of (self, "waiver.evidence");
  guint            g = selected_of (self, "waiver.group");

  set_busy (self, TRUE);
  civ_funeral_waiver_assess_async (self->session, NULL, self->view->case_no,
                                   g < G_N_ELEMENTS (waiver_groups) ? waiver_groups[g]
                                                                    : CIV_WAIVER_GROUP_NONE,
                                   active_of (self, "waiver.resident"), evidence, &self->today,
                                   self->cancellable, on_waiver_done_cb, self);
}

static void
on_print_certificate_clicked_cb (CivFuneralPage *self)
{
  g_autofree char *path = self->export_dir
                            ? g_build_filename (self->export_dir, "cremation-certificate.pdf", NULL)
                            : NULL;

  civ_print_funeral_start (GTK_WIDGET (self), self->session, self->cancellable, self->view->case_no,
                           CIV_FUNERAL_DOCUMENT_CREMATION_CERTIFICATE, NULL, path);
}

static void
on_print_receipt_clicked_cb (GtkButton *button, CivFuneralPage *self)
{
  const char      *receipt_no = g_object_get_data (G_OBJECT (button), "civ-receipt");
  g_autofree char *name = g_strdup_printf ("%s.pdf", receipt_no);
  g_autofree char *path = self->export_dir ? g_build_filename (self->export_dir, name, NULL) : NULL;

  civ_print_funeral_start (GTK_WIDGET (self), self->session, self->cancellable, self->view->case_no,
                           CIV_FUNERAL_DOCUMENT_RECEIPT, receipt_no, path);
}

static void
show_bill (CivFuneralPage *self)
{
  GtkWidget       *box = civ_form_get (self->form, "case.bill_box");
  GtkWidget       *group, *button;
  g_autofree char *total = NULL, *waived = NULL, *to_pay = NULL, *summary = NULL;

  if (box == NULL || self->bill == NULL)
    return;
  clear_box (self, box);
  group = civ_form_group_new (_ ("Bill"),
                              _ ("Only the items of the area's fee list, at its prices (R-F4)"));
  civ_form_name (self->form, "case.bill", group);
  for (guint i = 0; i < self->bill->lines->len; i++)
    {
      const CivFuneralBillLine *l = g_ptr_array_index (self->bill->lines, i);
      g_autofree char          *price = yuan (l->unit_price_fen);
      g_autofree char          *amount = yuan (l->amount_fen);
      g_autofree char          *title = g_strdup_printf ("%s (%s)", l->item_name, l->item_code);
      g_autofree char          *subtitle = NULL;

      if (l->cancels != 0)
        {
          g_autofree char *no = g_strdup_printf ("%" G_GINT64_FORMAT, l->cancels_line_no);

          subtitle = g_strdup_printf (_ ("Cancels line %s"), no);
        }
      else
        /* Translators: quantity × unit price = amount; then a state. */
        subtitle = g_strdup_printf ("%" G_GINT64_FORMAT " × %s = %s%s%s%s", l->quantity, price,
                                    amount, l->cancelled_by_line ? _ (" · cancelled") : "",
                                    l->receipt_no ? " · " : "", l->receipt_no ? l->receipt_no : "");
      civ_form_info_row (group, title, subtitle);
    }
  total = yuan (self->bill->total_fen);
  waived = yuan (self->bill->waived_fen);
  to_pay = yuan (self->bill->to_pay_fen);
  summary = g_strdup_printf (_ ("Total %1$s · waived %2$s · to pay %3$s"), total, waived, to_pay);
  civ_form_info_row (group, _ ("Amounts"), summary);
  if (self->view->closed_on == NULL || self->bill->unreceipted_fen > 0)
    {
      civ_form_add_entry (self->form, group, "bill.item", _ ("Item code of the fee list"));
      civ_form_add_spin (self->form, group, "bill.quantity", _ ("Quantity"), NULL, 9999);
      gtk_spin_button_set_value (civ_form_get (self->form, "bill.quantity"), 1);
      button = civ_form_button_new (self->form, "bill.add", _ ("_Add to Bill"), FALSE);
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_add_line_clicked_cb), self);
      civ_form_add_button_row (group, _ ("Bill a service"), button);
    }
  gtk_box_append (GTK_BOX (box), group);

  group = civ_form_group_new (_ ("惠民殡葬 Waiver"),
                              _ ("The area's policy decides who is eligible and what it covers "
                                 "(R-F8, R-F9)"));
  civ_form_add_combo (self->form, group, "waiver.group", _ ("Group"),
                      labels_of (NULL, waiver_group_labels, G_N_ELEMENTS (waiver_group_labels)));
  civ_form_add_entry (self->form, group, "waiver.evidence", _ ("Evidence (certificate number)"));
  civ_form_add_switch (self->form, group, "waiver.resident", _ ("Registered resident of the area"),
                       NULL, FALSE);
  if (self->bill->assessment != NULL)
    civ_form_info_row (group, _ ("Assessed"),
                       self->bill->assessment_current ? self->bill->assessment->policy_version
                                                      : _ ("The bill changed since: assess again"));
  button = civ_form_button_new (self->form, "waiver.assess", _ ("Assess _Waiver…"), FALSE);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_assess_clicked_cb), self);
  civ_form_add_button_row (group, _ ("Apply the policy to the bill"), button);
  gtk_box_append (GTK_BOX (box), group);

  group = civ_form_group_new (_ ("Receipts"), NULL);
  civ_form_name (self->form, "case.receipts", group);
  for (guint i = 0; i < self->bill->receipts->len; i++)
    {
      const CivFuneralReceiptRow *r = g_ptr_array_index (self->bill->receipts, i);
      g_autofree char            *paid = yuan (r->to_pay_fen);
      g_autofree char            *line = g_strdup_printf ("%s · %s", r->issued_on, paid);
      GtkWidget                  *print = gtk_button_new_with_label (_ ("Print"));

      g_object_set_data_full (G_OBJECT (print), "civ-receipt", g_strdup (r->receipt_no), g_free);
      g_signal_connect (print, "clicked", G_CALLBACK (on_print_receipt_clicked_cb), self);
      civ_form_name (self->form, r->receipt_no, print);
      civ_form_add_button_row (group, r->receipt_no, print);
      {
        GtkWidget *row = gtk_widget_get_parent (gtk_widget_get_parent (print));

        if (ADW_IS_ACTION_ROW (row))
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), line);
      }
    }
  if (self->bill->unreceipted_fen > 0)
    {
      button = civ_form_button_new (self->form, "bill.receipt", _ ("Issue Rece_ipt"), FALSE);
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_receipt_clicked_cb), self);
      civ_form_add_button_row (group, _ ("An itemised receipt of what is not yet on one"), button);
    }
  else if (self->bill->receipts->len == 0)
    civ_form_info_row (group, _ ("Nothing is billed yet"), NULL);
  gtk_box_append (GTK_BOX (box), group);
}

static void
on_bill_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivFuneralPage *self = user_data;
  g_autoptr (GError) error = NULL;
  CivFuneralBillSummary *bill = civ_funeral_bill_get_finish (CIV_SESSION (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (bill == NULL)
    {
      set_error (self, error);
      return;
    }
  g_clear_pointer (&self->bill, civ_funeral_bill_summary_free);
  self->bill = bill;
  show_bill (self);
}

/* Documents: the death certificate and the consent on file (R-F2), the
 * photos of an unidentified body (R-F6). */

static void
attach_path (CivFuneralPage *self, const char *path)
{
  const char *const *kinds = civ_funeral_document_kinds ();
  guint              k = selected_of (self, "documents.kind");
  g_autoptr (GError) error = NULL;
  g_autoptr (CivDocumentInput) input =
    civ_document_input_new_from_file (CIV_DOCUMENT_OTHER, path, &error);

  if (input == NULL)
    {
      set_error (self, error);
      return;
    }
  if (k >= g_strv_length ((char **) kinds))
    k = 0;
  set_busy (self, TRUE);
  civ_funeral_case_attach_async (self->session, NULL, self->view->case_no, kinds[k], input,
                                 self->cancellable, on_view_done_cb, self);
}

static void
on_document_chosen (GtkWidget *owner, const char *path)
{
  attach_path (CIV_FUNERAL_PAGE (owner), path);
}

static void
on_attach_clicked_cb (CivFuneralPage *self)
{
  civ_form_choose_document (GTK_WIDGET (self), on_document_chosen);
}

static void
on_document_opened_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CivFuneralPage *self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) content =
    civ_funeral_case_open_document_finish (CIV_SESSION (source), result, &error);
  g_autoptr (CivDocumentInput) input = NULL;
  GtkRoot *root;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (content != NULL)
    input = civ_document_input_new (CIV_DOCUMENT_OTHER, "document", content, &error);
  if (input == NULL)
    {
      set_error (self, error);
      return;
    }
  root = gtk_widget_get_root (GTK_WIDGET (self));
  gtk_window_present (GTK_WINDOW (
    civ_document_preview_new_for_input (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, input)));
}

static void
on_open_document_clicked_cb (GtkButton *button, CivFuneralPage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "civ-document"));

  set_busy (self, TRUE);
  civ_funeral_case_open_document_async (self->session, NULL, self->view->case_no, id,
                                        self->cancellable, on_document_opened_cb, self);
}

static void
add_documents (CivFuneralPage *self, GtkWidget *box)
{
  const char *const *kinds = civ_funeral_document_kinds ();
  GtkStringList     *labels = gtk_string_list_new (NULL);
  GtkWidget         *group =
    civ_form_group_new (_ ("Documents"),
                        _ ("The death certificate and the family's consent on file (R-F2); photos "
                           "of an unidentified body (R-F6)"));
  GtkWidget *button;

  civ_form_name (self->form, "case.documents", group);
  for (guint i = 0; i < self->view->documents->len; i++)
    {
      const CivDocumentRow *d = g_ptr_array_index (self->view->documents, i);
      g_autofree char      *name = g_strdup_printf ("document.%" G_GINT64_FORMAT, d->id);
      g_autofree char      *title =
        g_strdup_printf ("%s · %s", civ_funeral_document_kind_label (d->kind), d->file_name);
      GtkWidget *open = gtk_button_new_with_label (_ ("Open"));

      g_object_set_data (G_OBJECT (open), "civ-document", GSIZE_TO_POINTER (d->id));
      g_signal_connect (open, "clicked", G_CALLBACK (on_open_document_clicked_cb), self);
      civ_form_name (self->form, name, open);
      civ_form_add_button_row (group, title, open);
    }
  for (guint i = 0; kinds[i] != NULL; i++)
    gtk_string_list_append (labels, civ_funeral_document_kind_label (kinds[i]));
  civ_form_add_combo (self->form, group, "documents.kind", _ ("Kind of document"), labels);
  button = civ_form_button_new (self->form, "documents.attach", _ ("Attac_h…"), FALSE);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_attach_clicked_cb), self);
  civ_form_add_button_row (group, _ ("A PDF, JPEG or PNG file"), button);
  gtk_box_append (GTK_BOX (box), group);
}

static void
on_back_clicked_cb (CivFuneralPage *self)
{
  g_clear_pointer (&self->view, civ_funeral_view_free);
  g_clear_pointer (&self->bill, civ_funeral_bill_summary_free);
  clear_box (self, self->case_box);
  set_message (self, NULL);
  gtk_stack_set_visible_child_name (self->stack, "board");
  load_board (self);
}

static void
show_case (CivFuneralPage *self)
{
  const CivFuneralView   *v = self->view;
  const CivFuneralReport *r = v->report;
  GtkWidget              *box = self->case_box;
  GtkWidget              *group, *button, *fields, *bill_box;
  g_autoptr (GArray) steps = next_steps (v);
  g_autofree char *title = NULL;

  clear_box (self, box);
  title = g_strdup_printf ("%s · %s", v->case_no, civ_funeral_state_label (v->state));
  group = civ_form_group_new (title, NULL);
  civ_form_name (self->form, "case.summary", group);
  button = civ_form_button_new (self->form, "case.back", _ ("_Back to the Board"), FALSE);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_back_clicked_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);
  if (r->unidentified)
    civ_form_info_row (group, _ ("Unidentified body"), r->description);
  else
    {
      g_autofree char *who = g_strdup_printf ("%s · %s", r->name, civ_form_sex_text (r->sex));

      civ_form_info_row (group, _ ("Deceased"), who);
      if (r->id_number != NULL)
        civ_form_info_row (group, _ ("Document number"), r->id_number);
    }
  civ_form_info_row (group, _ ("Died on"), r->death_at);
  if (r->death_certificate_no != NULL)
    civ_form_info_row (group, _ ("Death certificate"), r->death_certificate_no);
  if (r->agent_name != NULL && *r->agent_name != '\0')
    {
      g_autofree char *agent = g_strdup_printf ("%s (%s) · %s", r->agent_name,
                                                r->agent_relationship ? r->agent_relationship : "",
                                                r->agent_phone ? r->agent_phone : "");

      civ_form_info_row (group, _ ("Agent"), agent);
    }
  if (v->storage_unit != NULL)
    {
      g_autofree char *stay = g_strdup_printf ("%s · %s → %s", v->storage_unit, v->storage_in,
                                               v->storage_out ? v->storage_out : _ ("now"));

      civ_form_info_row (group, _ ("Storage"), stay);
    }
  if (v->cremation_serial != NULL)
    civ_form_info_row (group, _ ("Cremation certificate"), v->cremation_serial);
  if (v->deposit_place != NULL)
    {
      g_autofree char *deposit =
        g_strdup_printf (_ ("%1$s until %2$s"), v->deposit_place, v->deposit_expiry);

      civ_form_info_row (group, _ ("Ashes deposited"), deposit);
    }
  if (v->marriage_ended != NULL)
    {
      g_autofree char *ended =
        g_strdup_printf (_ ("Marriage %s ended by this death; the spouse is widowed (R-F14)"),
                         v->marriage_ended);

      civ_form_info_row (group, _ ("Marriage"), ended);
    }
  if (v->closed_on != NULL)
    civ_form_info_row (group, _ ("Closed on"), v->closed_on);
  gtk_box_append (GTK_BOX (box), group);

  if (steps->len > 0)
    {
      GtkStringList *labels = gtk_string_list_new (NULL);
      AdwComboRow   *combo;

      for (guint i = 0; i < steps->len; i++)
        gtk_string_list_append (labels, civ_funeral_state_label (
                                          g_array_index (steps, CivFuneralState, i)));
      group = civ_form_group_new (_ ("Next Step"), NULL);
      combo = civ_form_add_combo (self->form, group, "case.step", _ ("Step"), labels);
      g_signal_connect_swapped (combo, "notify::selected", G_CALLBACK (rebuild_step_fields), self);
      gtk_box_append (GTK_BOX (box), group);
      fields = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
      civ_form_name (self->form, "case.step_fields", fields);
      gtk_box_append (GTK_BOX (box), fields);
      rebuild_step_fields (self);
    }

  if (civ_funeral_print_check (v, CIV_FUNERAL_DOCUMENT_CREMATION_CERTIFICATE, NULL))
    {
      group = civ_form_group_new (_ ("Prints"), NULL);
      button = civ_form_button_new (self->form, "case.print_certificate",
                                    _ ("Print Cremation _Certificate…"), FALSE);
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_print_certificate_clicked_cb),
                                self);
      civ_form_add_button_row (group, _ ("火化证明 on the blank issued to this case"), button);
      gtk_box_append (GTK_BOX (box), group);
    }

  bill_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  civ_form_name (self->form, "case.bill_box", bill_box);
  gtk_box_append (GTK_BOX (box), bill_box);

  add_documents (self, box);

  group = civ_form_group_new (_ ("History"), NULL);
  civ_form_name (self->form, "case.history", group);
  for (guint i = 0; i < v->events->len; i++)
    {
      const CivFuneralEvent *e = g_ptr_array_index (v->events, i);
      g_autofree char       *when = g_strdup_printf ("%s · %s", e->at, e->actor);
      GtkWidget             *row =
        civ_form_info_row (group,
                           civ_funeral_state_label (civ_funeral_state_from_string (e->state)),
                           when);

      gtk_widget_remove_css_class (row, "property");
    }
  gtk_box_append (GTK_BOX (box), group);
  gtk_stack_set_visible_child_name (self->stack, "case");
  load_bill (self);
}

/* ---- CivPage ---- */

static void
civ_funeral_page_set_session (CivPage *page, CivSession *session)
{
  CivFuneralPage *self = CIV_FUNERAL_PAGE (page);

  g_set_object (&self->session, session);
}

static void
civ_funeral_page_clear (CivPage *page)
{
  CivFuneralPage *self = CIV_FUNERAL_PAGE (page);

  civ_ui_renew_cancellable (&self->cancellable);
  if (self->waiver_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->waiver_dialog));
  self->waiver_dialog = NULL;
  g_clear_pointer (&self->waiver_text, g_free);
  g_clear_pointer (&self->view, civ_funeral_view_free);
  g_clear_pointer (&self->bill, civ_funeral_bill_summary_free);
  g_clear_pointer (&self->found, g_ptr_array_unref);
  clear_box (self, self->case_box);
  on_report_clicked_cb (self);
  show_board (self, NULL);
  gtk_stack_set_visible_child_name (self->stack, "board");
  set_message (self, NULL);
  self->busy = 0;
  set_busy (self, FALSE);
}

static void
civ_funeral_page_reload (CivPage *page)
{
  CivFuneralPage *self = CIV_FUNERAL_PAGE (page);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "board") == 0)
    load_board (self);
}

static void
civ_funeral_page_set_today (CivPage *page, const GDate *today)
{
  CivFuneralPage *self = CIV_FUNERAL_PAGE (page);

  self->today = *today;
}

static void
civ_funeral_page_page_init (CivPageInterface *iface)
{
  iface->id = "funeral";
  iface->title = N_ ("Funeral and Cremation");
  iface->icon_name = "weather-few-clouds-night-symbolic";
  iface->permission = CIV_PERM_FUNERAL;
  iface->set_session = civ_funeral_page_set_session;
  iface->clear = civ_funeral_page_clear;
  iface->reload = civ_funeral_page_reload;
  iface->set_today = civ_funeral_page_set_today;
}

static void
civ_funeral_page_dispose (GObject *object)
{
  CivFuneralPage *self = CIV_FUNERAL_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->waiver_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->waiver_dialog));
  self->waiver_dialog = NULL;
  g_clear_pointer (&self->view, civ_funeral_view_free);
  g_clear_pointer (&self->bill, civ_funeral_bill_summary_free);
  g_clear_pointer (&self->found, g_ptr_array_unref);
  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (civ_funeral_page_parent_class)->dispose (object);
}

static void
civ_funeral_page_finalize (GObject *object)
{
  CivFuneralPage *self = CIV_FUNERAL_PAGE (object);

  civ_form_free (self->form);
  g_clear_pointer (&self->finding_rows, g_ptr_array_unref);
  g_free (self->message);
  g_free (self->export_dir);
  g_free (self->waiver_text);
  G_OBJECT_CLASS (civ_funeral_page_parent_class)->finalize (object);
}

static void
civ_funeral_page_class_init (CivFuneralPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = civ_funeral_page_dispose;
  object_class->finalize = civ_funeral_page_finalize;
}

static void
civ_funeral_page_init (CivFuneralPage *self)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  self->form = civ_form_new (GTK_WIDGET (self), on_form_changed, self);
  self->cancellable = g_cancellable_new ();
  self->finding_rows = g_ptr_array_new ();
  g_date_clear (&self->today, 1);

  gtk_box_append (GTK_BOX (outer), civ_form_message_bar (&self->message_label, &self->spinner));

  self->stack = GTK_STACK (gtk_stack_new ());
  self->board_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_stack_add_named (self->stack, civ_form_scrolled (self->board_box), "board");
  self->report_box = build_report_view (self);
  gtk_stack_add_named (self->stack, self->report_box, "report");
  self->case_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_stack_add_named (self->stack, civ_form_scrolled (self->case_box), "case");
  gtk_box_append (GTK_BOX (outer), GTK_WIDGET (self->stack));
  adw_bin_set_child (ADW_BIN (self), outer);
  show_board (self, NULL);
  gtk_stack_set_visible_child_name (self->stack, "board");
}

/* ---- for the tests ---- */

GtkWidget *
_civ_funeral_page_widget (CivFuneralPage *self, const char *name)
{
  g_return_val_if_fail (CIV_IS_FUNERAL_PAGE (self), NULL);
  return civ_form_get (self->form, name);
}

const CivFuneralView *
_civ_funeral_page_view (CivFuneralPage *self)
{
  g_return_val_if_fail (CIV_IS_FUNERAL_PAGE (self), NULL);
  return self->view;
}

gboolean
_civ_funeral_page_has_finding (CivFuneralPage *self, const char *rule)
{
  g_return_val_if_fail (CIV_IS_FUNERAL_PAGE (self), FALSE);
  for (guint i = 0; i < self->finding_rows->len; i++)
    if (g_strcmp0 (g_object_get_data (g_ptr_array_index (self->finding_rows, i), "civ-rule"),
                   rule) == 0)
      return TRUE;
  return FALSE;
}

const char *
_civ_funeral_page_message (CivFuneralPage *self)
{
  g_return_val_if_fail (CIV_IS_FUNERAL_PAGE (self), NULL);
  return self->message;
}

guint
_civ_funeral_page_busy (CivFuneralPage *self)
{
  g_return_val_if_fail (CIV_IS_FUNERAL_PAGE (self), 0);
  return self->busy;
}

void
_civ_funeral_page_set_export_dir (CivFuneralPage *self, const char *dir)
{
  g_return_if_fail (CIV_IS_FUNERAL_PAGE (self));
  g_free (self->export_dir);
  self->export_dir = g_strdup (dir);
}

const char *
_civ_funeral_page_view_name (CivFuneralPage *self)
{
  g_return_val_if_fail (CIV_IS_FUNERAL_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
_civ_funeral_page_waiver_text (CivFuneralPage *self)
{
  g_return_val_if_fail (CIV_IS_FUNERAL_PAGE (self), NULL);
  return self->waiver_text;
}

void
_civ_funeral_page_attach_path (CivFuneralPage *self, const char *path)
{
  g_return_if_fail (CIV_IS_FUNERAL_PAGE (self) && self->view != NULL);
  attach_path (self, path);
}

gboolean
_civ_funeral_page_close_waiver (CivFuneralPage *self)
{
  AdwMessageDialog *dialog;

  g_return_val_if_fail (CIV_IS_FUNERAL_PAGE (self), FALSE);
  dialog = self->waiver_dialog;
  if (dialog == NULL)
    return FALSE;
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));
  return TRUE;
}
